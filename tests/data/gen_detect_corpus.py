#!/usr/bin/env python3
"""gen_detect_corpus.py - writes the false-positive corpora of
doc/DETECTION.md section 8 (fixed seed: the output is the same every run).

  tests/data/clean/*.txt      Nordic mail text without identity numbers:
                              phones (10-digit mobiles without spaces,
                              labelled as people label them), landlines,
                              invoice/order/customer numbers, IBANs, dates,
                              times, prices, postal codes, case numbers,
                              meeting IDs, tracking numbers, numbered lists
                              and tables.
  tests/data/positive/*.txt   one synthetic identity number per text in the
                              shapes readers use (lists, tables, TAB, two
                              spaces, hyphen and space, dotted dates, the
                              Norwegian 6-3-2 grouping).

Texts are separated by a line holding only "%%". The numbers are generated
from the rules of doc/DETECTION.md; none is taken from a register. Run from
the repository root: python3 tests/data/gen_detect_corpus.py
"""
import os
import random

R = random.Random(20260601)
HERE = os.path.dirname(os.path.abspath(__file__))
SEP = "\n%%\n"


def d(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


# ------------------------------------------------------------ numbers


def cpr():
    """Modulus-11 CPR, 1900s (digit 7 is 0-3), DDMMYYSSSS."""
    w = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    while True:
        s = "%02d%02d%02d%d%s" % (R.randint(1, 28), R.randint(1, 12),
                                 R.randint(40, 99), R.randrange(4), d(2))
        tot = sum(int(c) * w[i] for i, c in enumerate(s))
        c = (11 - tot % 11) % 11
        if c < 10:
            return s + str(c)


def luhn_digit(s):
    tot = 0
    for i, c in enumerate(s):
        v = int(c) * (2 if i % 2 == 0 else 1)
        tot += v - 9 if v > 9 else v
    return str((10 - tot % 10) % 10)


def pnr():
    """Swedish YYMMDDNNNC, born 1940-1999."""
    s = "%02d%02d%02d%s" % (R.randint(40, 99), R.randint(1, 12),
                            R.randint(1, 28), d(3))
    return s + luhn_digit(s)


def fnr():
    """Norwegian fodselsnummer DDMMYYIIIKK (pre-2032 rule)."""
    w1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    w2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    while True:
        s = "%02d%02d%02d%03d" % (R.randint(1, 28), R.randint(1, 12),
                                  R.randint(40, 99), R.randint(0, 499))
        k1 = (11 - sum(int(c) * w1[i] for i, c in enumerate(s)) % 11) % 11
        if k1 == 10:
            continue
        s += str(k1)
        k2 = (11 - sum(int(c) * w2[i] for i, c in enumerate(s)) % 11) % 11
        if k2 == 10:
            continue
        return s + str(k2)


def hetu():
    chars = "0123456789ABCDEFHJKLMNPRSTUVWXY"
    dd, mm, yy = R.randint(1, 28), R.randint(1, 12), R.randint(40, 99)
    n = R.randint(2, 899)
    q = chars[int("%02d%02d%02d%03d" % (dd, mm, yy, n)) % 31]
    return "%02d%02d%02d-%03d%s" % (dd, mm, yy, n, q)


# ------------------------------------------------------------ clean text

FIRST = ["Jens", "Mette", "Lars", "Anna", "Erik", "Sofie", "Mikko", "Aino",
         "Ingrid", "Ole", "Karin", "Johan", "Sanna", "Pekka", "Birgitte",
         "Nils", "Helena", "Jukka", "Kirsten", "Magnus"]
LAST = ["Hansen", "Nielsen", "Andersson", "Johansson", "Virtanen",
        "Korhonen", "Olsen", "Larsen", "Berg", "Lindqvist", "Pedersen",
        "Haugen", "Nieminen", "Jensen", "Karlsson"]
CITY = [("2100", "K\u00f8benhavn \u00d8"), ("8000", "Aarhus C"),
        ("5000", "Odense C"), ("114 55", "Stockholm"), ("411 03", "G\u00f6teborg"),
        ("0150", "Oslo"), ("5003", "Bergen"), ("00100", "Helsinki"),
        ("33100", "Tampere"), ("9000", "Aalborg")]


def name():
    return "%s %s" % (R.choice(FIRST), R.choice(LAST))


def mobile():
    """Ten digits without spaces, as Swedish and Finnish mobiles are
    typed: 07x and 04x/050 (the ones that can pass a CPR or pnr check)."""
    return R.choice(["070", "070", "072", "073", "076", "040", "041", "044",
                     "045", "050", "050"]) + d(7)


def landline():
    return R.choice(["%s %s %s %s" % (d(2), d(2), d(2), d(2)),
                     "08-%s %s %s" % (d(3), d(2), d(2)),
                     "09 %s %s" % (d(3), d(4)),
                     "22 %s %s %s" % (d(2), d(2), d(2)),
                     "+45 %s %s %s %s" % (d(2), d(2), d(2), d(2)),
                     "+46 %s %s %s %s" % (R.choice(["70", "73"]), d(3), d(2), d(2)),
                     "+358 %s %s" % (R.choice(["40", "50"]), d(7)),
                     "+47 %s %s %s" % (d(3), d(2), d(3))])


PHONE_LABELS = ["Tlf.", "Tlf:", "tlf.", "Telefon:", "Mobil:", "Mobil", "Mob:",
                "Mob.", "mob.", "GSM", "GSM:", "Ring", "SMS", "Tel.", "tel.",
                "Puh.", "puh.", "Puhelin:", "Mobilnr.", "Mobilnummer:",
                "Telefonnr.", "Telefonnummer:", "Mobiltelefon:", "Phone:",
                "Mobile:", "Tfn:", "Matkapuhelin:"]


def phone_line():
    lab = R.choice(PHONE_LABELS)
    num = mobile() if R.random() < 0.7 else landline()
    return R.choice(["%s %s" % (lab, num),
                     "%s %s / %s" % (lab, num, mobile()),
                     "%s %s, e-mail %s@example.dk" % (lab, num, R.choice(FIRST).lower()),
                     "Ring til mig p\u00e5 %s" % mobile(),
                     "SMS %s hvis du er forsinket" % mobile(),
                     "Du kan ringe p\u00e5 mobil %s i dag" % mobile(),
                     "Soita minulle: puh. %s" % mobile()])


REF_LABELS = ["Fakturanummer:", "Fakturanr.", "Faktura", "Fakturanummer",
              "Kundenummer:", "Kundenr.", "Kundnummer:", "Ordrenummer:",
              "Ordrenr.", "Ordernummer:", "Order no.", "Invoice", "Kontonummer:",
              "Kontonr.", "Medlemsnummer:", "Referencenummer:", "Referensnummer:",
              "Ref.", "Bestillingsnummer:", "Asiakasnumero:", "Laskun numero:",
              "Tilausnumero:", "Kundenr:", "Viitenumero:"]


def ref_line():
    lab = R.choice(REF_LABELS)
    num = d(10) if R.random() < 0.6 else R.choice([d(8), d(9), d(6), d(12)])
    return R.choice(["%s %s" % (lab, num),
                     "%s %s af %02d.%02d.%d" % (lab, num, R.randint(1, 28),
                                                R.randint(1, 12), R.randint(2020, 2026)),
                     "Vedr. %s %s" % (lab.rstrip(":").lower(), num),
                     "%s %s - bel\u00f8b %d,%02d kr." % (lab, num, R.randint(100, 99999),
                                                       R.randrange(100))])


def iban():
    return R.choice(["DK%s %s %s %s %s" % (d(2), d(4), d(4), d(4), d(2)),
                     "DK%s%s" % (d(2), d(14)),
                     "SE%s %s %s %s %s %s" % (d(2), d(4), d(4), d(4), d(4), d(4)),
                     "NO%s %s %s %s" % (d(2), d(4), d(4), d(3)),
                     "FI%s %s %s %s %s" % (d(2), d(4), d(4), d(4), d(2))])


def misc_line():
    k = R.randrange(16)
    if k == 0:
        return "IBAN: %s, BIC DABADKKK" % iban()
    if k == 1:
        return "M\u00f8det er %02d.%02d.%d kl. %02d:%02d" % (
            R.randint(1, 28), R.randint(1, 12), R.randint(2024, 2026),
            R.randint(8, 17), R.choice([0, 15, 30, 45]))
    if k == 2:
        return "Pris: %d.%03d,%02d kr. inkl. moms" % (R.randint(1, 99),
                                                    R.randrange(1000), R.randrange(100))
    if k == 3:
        pc, city = R.choice(CITY)
        return "%s %d, %s %s" % (R.choice(["Vestergade", "Storgatan",
                                           "Mannerheimintie", "Karl Johans gate"]),
                                 R.randint(1, 120), pc, city)
    if k == 4:
        return "Sag %d-%06d" % (R.randint(2019, 2026), R.randrange(1000000))
    if k == 5:
        return "Vores j.nr. %d/%05d" % (R.randint(19, 26), R.randrange(100000))
    if k == 6:
        return "Meeting ID: %s %s %s" % (d(3), d(4), d(4))
    if k == 7:
        return "Teams: M\u00f8de-id: %s %s %s %s, adgangskode: %s" % (
            d(3), d(3), d(3), d(3), R.choice(["aB3xYz", "Qw7Tk2"]))
    if k == 8:
        return "Sporingsnummer: %s" % R.choice(["00370%s" % d(15),
                                                "JJD%s" % d(15),
                                                "RR%sSE" % d(9)])
    if k == 9:
        return "Dato: %d-%02d-%02d %02d:%02d:%02d" % (
            R.randint(2020, 2026), R.randint(1, 12), R.randint(1, 28),
            R.randrange(24), R.randrange(60), R.randrange(60))
    if k == 10:
        return "Ordrenummer %s er afsendt %02d/%02d" % (d(10), R.randint(1, 28),
                                                      R.randint(1, 12))
    if k == 11:
        return "Version %d.%d.%d, build %s" % (R.randrange(10), R.randrange(20),
                                              R.randrange(100), d(8))
    if k == 12:
        return "CVR-nr. %s, EAN %s" % (d(8), d(13))
    if k == 13:
        return "Org.nr %s-%s" % (R.choice(["556", "559", "802"]) + d(3), d(4))
    if k == 14:
        return "Kl. %02d.%02d-%02d.%02d i lokale %d" % (
            R.randint(8, 12), 0, R.randint(13, 16), 30, R.randint(100, 499))
    return "Bankgiro %s-%s, plusgiro %s-%s" % (d(3), d(4), d(6), d(1))


def signature():
    lines = ["Med venlig hilsen", name(), R.choice(["Sagsbehandler",
             "Kundeservice", "Ekonomiavdelningen", "Asiakaspalvelu"])]
    for _ in range(R.randint(1, 3)):
        lines.append(phone_line())
    pc, city = R.choice(CITY)
    lines.append("%s %s" % (pc, city))
    return "\n".join(lines)


def numbered_list():
    rows = []
    for i in range(1, R.randint(3, 8)):
        rows.append("%d %s" % (i, R.choice([
            "Ordre %s, %d stk" % (d(6), R.randint(1, 9)),
            "Faktura %s forfalden" % d(10),
            "M\u00f8de %02d.%02d kl. %02d:%02d" % (R.randint(1, 28), R.randint(1, 12),
                                                 R.randint(8, 16), 0),
            "Ring til %s (%s)" % (name(), mobile()),
            "%s, %s" % (name(), phone_line()),
            "Vare %s %d kr." % (d(5), R.randint(10, 9999))])))
    return "\n".join(rows)


def table():
    k = R.randrange(4)
    rows = []
    if k == 0:
        rows.append("Fakturanr.\tDato\tBel\u00f8b")
        for _ in range(R.randint(2, 6)):
            rows.append("Faktura %s\t%02d.%02d.%d\t%d,%02d kr." % (
                d(10), R.randint(1, 28), R.randint(1, 12), R.randint(2023, 2026),
                R.randint(100, 9999), R.randrange(100)))
    elif k == 1:
        rows.append("Navn\tTelefon\tPostnr.")
        for _ in range(R.randint(2, 6)):
            pc, city = R.choice(CITY)
            rows.append("%s\tMobil %s\t%s %s" % (name(), mobile(), pc, city))
    elif k == 2:
        for _ in range(R.randint(2, 6)):
            rows.append("Vare %s %d stk %d kr" % (d(6), R.randint(1, 20),
                                                  R.randint(10, 5000)))
    else:
        rows.append("Kundenr;Navn;Mobil")
        for _ in range(R.randint(2, 6)):
            rows.append("Kundenr %s;%s;Mob. %s" % (d(8), name(), mobile()))
    return "\n".join(rows)


PROSE = ["Tak for din henvendelse.", "Vi har modtaget din betaling.",
         "Hej, her er referatet fra m\u00f8det.", "Tack f\u00f6r ditt mejl.",
         "Kiitos viestist\u00e4si.", "Takk for sist.",
         "Se vedh\u00e6ftede faktura.", "Leveransen skickas i morgon.",
         "Venligst bekr\u00e6ft modtagelsen.", "Kokous siirtyy ensi viikolle."]


def clean_text():
    parts = [R.choice(PROSE)]
    for _ in range(R.randint(1, 4)):
        k = R.randrange(5)
        if k == 0:
            parts.append(ref_line())
        elif k == 1:
            parts.append(misc_line())
        elif k == 2:
            parts.append(numbered_list())
        elif k == 3:
            parts.append(table())
        else:
            parts.append(phone_line())
    parts.append(signature())
    return "\n\n".join(parts)


# ------------------------------------------------------------ positives


def dk_shapes(n):
    a, b = n[:6], n[6:]
    return [
        "1 %s-%s %s" % (a, b, name()),
        "%d %s-%s %s" % (R.randint(2, 30), a, b, name()),
        "%s-%s 1200 kr." % (a, b),
        "%s-%s %d stk" % (a, b, R.randint(1, 9)),
        "%s %s" % (n, cpr()),
        "%s-%s %s-%s" % (a, b, cpr()[:6], "0000"),
        "1 %s %s" % (n, name()),
        "CPR-nr.:\t%s\t%s" % (a, b),
        "cpr %s  %s" % (a, b),
        "%s- %s" % (a, b),
        "%s-\t%s" % (a, b),
        "Personnummer %s - %s" % (a, b),
        "%s.%s.%s-%s" % (a[:2], a[2:4], a[4:], b),
        "Vedr. CPR %s  %s (sagen)" % (a, b),
        "%s\n%s" % (name(), n),
        "%s\n%s\nTlf. %s %s" % (name(), n, d(2), d(6)),
        "%s\n%s-%s\nMobil %s" % (name(), a, b, mobile()),
    ]


def no_shapes(n):
    return ["%s %s %s" % (n[:6], n[6:9], n[9:]),
            "F\u00f8dt %s %s %s" % (n[:6], n[6:9], n[9:]),
            "fnr\t%s\t%s" % (n[:6], n[6:])]


def wide_bare_texts():
    """The column separators without a keyword: found, at level low."""
    out = []
    for _ in range(40):
        n = cpr()
        out += ["%s\t%s" % (n[:6], n[6:]), "%s  %s" % (n[:6], n[6:]),
                "%s - %s" % (n[:6], n[6:])]
    return out


def positive_texts():
    out = []
    for _ in range(40):
        for s in dk_shapes(cpr()):
            out.append(s)
        p = pnr()
        out.append("%s- %s" % (p[:6], p[6:]))
        out.append("1 %s-%s %s" % (p[:6], p[6:], name()))
        out.extend(no_shapes(fnr()))
        h = hetu()
        out.append("1 %s %s" % (h, name()))
    return out


def layout_text():
    """Aligned and tabular text whose digit groups sit where the wider
    separators (TAB, two spaces, hyphen and space, 6-3-2) could join them:
    item numbers beside amounts, postal codes, years, quantities."""
    rows = []
    k = R.randrange(6)
    for _ in range(R.randint(3, 10)):
        if k == 0:
            rows.append("%s\t%d\t%s\t%d,%02d" % (d(6), R.randint(1, 9999),
                        R.choice(["stk", "pk", "kg"]), R.randint(1, 999), R.randrange(100)))
        elif k == 1:
            pc, city = R.choice(CITY)
            rows.append("%s  %s  %s" % (d(6), pc, city))
        elif k == 2:
            rows.append("Varenr. %s  %d  %d kr." % (d(6), R.randint(1000, 9999),
                                                  R.randint(1, 5000)))
        elif k == 3:
            rows.append("%02d.%02d.%02d-%02d.%02d.%02d  %d timer" % (
                R.randint(1, 28), R.randint(1, 12), R.randint(24, 26),
                R.randint(1, 28), R.randint(1, 12), R.randint(24, 26),
                R.randint(1, 40)))
        elif k == 4:
            rows.append("Konto %s %s %s - saldo %d kr." % (d(4), d(2), d(5),
                                                        R.randint(0, 99999)))
        else:
            rows.append("%s - %s %s" % (d(6), d(4), R.choice(["Aarhus",
                        "Uppsala", "Turku"])))
    return "\n".join(rows)


def write(path, texts):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(SEP.join(texts) + "\n")


def main():
    for i, lang in enumerate(["a", "b", "c", "d"]):
        write(os.path.join(HERE, "clean", "clean-%s.txt" % lang),
              [clean_text() for _ in range(150)])
    write(os.path.join(HERE, "clean", "clean-layout.txt"),
          [layout_text() for _ in range(200)])
    write(os.path.join(HERE, "positive", "shapes.txt"), positive_texts())
    write(os.path.join(HERE, "positive", "wide-bare.txt"), wide_bare_texts())


if __name__ == "__main__":
    main()
