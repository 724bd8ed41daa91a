#!/usr/bin/env python3
"""Generate the labelled development corpus tests/sensitive-corpus/ (issue 10).

The scenario texts are hand-written in tests/tools/sensitive_corpus/{da,sv,nb,en}.py; this
script fills their slots (names, dates, places, case references), wraps them in a greeting
and an agency signature, and writes each as an RFC 5322 message the way common clients
build them: text/plain in UTF-8 (quoted-printable, base64 or 8bit) or ISO-8859-1
quoted-printable, multipart/alternative with an HTML half (RFC 2046 5.1.4), and replies
with quoted text (RFC 5322 3.6.4 In-Reply-To/References). Non-ASCII header text is RFC 2047
encoded by Python's email package.

Identity numbers come only from tests/data/vectors.tsv rows marked `found` (by vector id);
labels.tsv names the kind, never the number.

Deterministic: a fixed seed and fixed MIME boundaries, so a re-run gives the same bytes.
Usage: gen_sensitive_corpus.py [OUTDIR]   (default tests/sensitive-corpus next to this file)
"""
import datetime
import email.policy
import email.utils
import html
import os
import random
import re
import sys
from email.message import EmailMessage

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sensitive_corpus import da, en, fresh, fresh2, nb, sv  # noqa: E402

SEED = 10
CATEGORY_ORDER = ["health", "substance", "social", "criminal", "ethnicity", "religion",
                  "political", "union", "sexual"]

# Slot values per language. Names are common given names and surnames (no real persons).
NAMES = {
    # (female given names, male given names, surnames, children (f, m), colleagues)
    "da": (["Mette", "Anne", "Louise", "Camilla", "Hanne", "Birgit", "Fatima", "Signe"],
           ["Jens", "Søren", "Mads", "Niels", "Rasmus", "Ahmed", "Jørgen", "Kasper"],
           ["Hansen", "Jensen", "Nielsen", "Kristensen", "Sørensen", "Østergaard", "Møller",
            "Lund", "Poulsen", "Ali", "Kjær", "Thomsen", "Bækgaard", "Holm"],
           (["Freja", "Ida", "Alma", "Ella"], ["Emil", "Oliver", "Noah", "Lucas", "Mikkel"]),
           ["Lise", "Peter", "Karen", "Thomas", "Pia", "Bo", "Susanne"]),
    "sv": (["Anna", "Maria", "Karin", "Sara", "Elin", "Åsa", "Leila", "Linnea"],
           ["Erik", "Johan", "Lars", "Mikael", "Björn", "Omar", "Göran", "Jonas"],
           ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Öberg",
            "Lindström", "Bergqvist", "Hassan", "Åkesson", "Persson", "Söderberg"],
           (["Alva", "Maja", "Ebba", "Wilma", "Saga"], ["William", "Hugo", "Elias", "Liam"]),
           ["Per", "Lena", "Stefan", "Annika", "Magnus", "Helena"]),
    "nb": (["Kari", "Ingrid", "Silje", "Marte", "Tone", "Nina", "Amina", "Hilde"],
           ["Ola", "Lars", "Knut", "Håkon", "Bjørn", "Yusuf", "Øystein", "Eirik"],
           ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
            "Bakken", "Haugen", "Sæther", "Berg", "Solberg", "Rønning", "Aas"],
           (["Nora", "Sofie", "Ingrid", "Emma"], ["Jakob", "Emil", "Filip", "Aksel", "Tobias"]),
           ["Kjersti", "Morten", "Anne", "Geir", "Randi", "Trond"]),
    "en": (["Sarah", "Emma", "Claire", "Rachel", "Helen", "Aisha", "Siobhan", "Priya"],
           ["James", "David", "Michael", "Daniel", "Paul", "Tariq", "Gareth", "Tom"],
           ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas",
            "Roberts", "Khan", "O'Neill", "Patel", "Hughes", "Walker"],
           (["Lily", "Olivia", "Amelia", "Mia"], ["Jack", "Harry", "Charlie", "George", "Leo"]),
           ["Sue", "Mark", "Julie", "Andy", "Karen", "Steve"]),
}
# Pronouns that give away whom a slot names, so names fit the text ("Fatima ... han" would not).
PRONOUNS = {
    "f": r"\b(hun|hende|hendes|hon|henne|hennes|ho|hennar|she|her|mor|pigen|jenta|flickan|datter|dotter)\b",
    "m": r"\b(han|ham|hans|honom|he|him|his|drengen|gutten|pojken|far|pappa)\b",
}

KIN = {
    "f": r"\b(datter|datteren|dotter|dottern|dottera|daughter|pige|pigen|jenta)\s*$",
    "m": r"\b(søn|sønnen|sonen|son|sønn|gutten|pojken|drengen|boy)\s*$",
}


def gender_after(body, slot, rng):
    """'f' or 'm' from the first pronoun within 250 characters after {slot}; else random."""
    i = body.find("{" + slot + "}")
    if i >= 0 and slot == "child":
        # "hendes søn {child}", "dottern {child}": the word before the name decides.
        before = body[max(0, i - 20):i].lower()
        for g, pat in KIN.items():
            if re.search(pat, before):
                return g
    if i >= 0:
        window = body[i:i + 250]
        hits = [(m.start(), g) for g, pat in PRONOUNS.items()
                for m in [re.search(pat, window, re.IGNORECASE)] if m]
        if hits:
            return min(hits)[1]
    return rng.choice("fm")


PLACES = {
    "da": ["Aarhus", "Odense", "Aalborg", "Vejle", "Holstebro", "Næstved", "Køge", "Esbjerg",
           "Hillerød", "Svendborg"],
    "sv": ["Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro", "Umeå", "Luleå", "Jönköping",
           "Norrköping", "Kiruna"],
    "nb": ["Bergen", "Trondheim", "Tromsø", "Drammen", "Bodø", "Ålesund", "Hamar", "Kristiansand",
           "Førde", "Alta"],
    "en": ["Leeds", "Bristol", "Norwich", "Cardiff", "York", "Plymouth", "Derby", "Preston",
           "Exeter", "Swindon"],
}
STREETS = {
    "da": ["Vestergade 14, 2. th.", "Søndre Alle 3", "Åboulevarden 81, st.", "Egevej 7",
           "Nørregade 22, 1. tv."],
    "sv": ["Storgatan 12", "Björkvägen 4 B", "Kungsgatan 33, lgh 1102", "Åsvägen 8"],
    "nb": ["Storgata 18", "Bjørkeveien 5 B", "Kongens gate 41", "Åsveien 9"],
    "en": ["14 Mill Lane", "Flat 3, 27 Station Road", "8 Church Street", "61 Park Avenue"],
}
MONTHS = {
    "da": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december"],
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"],
    "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
DAYS = {
    "da": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "sv": ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
    "nb": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
# Sender agencies: (role, agency, mail domain). The domains are .example (RFC 2606).
AGENCIES = {
    "da": [("Socialrådgiver", "Aarhus Kommune, Børn og Unge, Familiecentret", "aarhus.kommune.example"),
           ("Sagsbehandler", "Odense Kommune, Socialforvaltningen", "odense.kommune.example"),
           ("Sekretær", "Region Hovedstadens Psykiatri, Psykiatrisk Center Glostrup", "regionh.example"),
           ("Behandler", "Rusmiddelcenter Vejle", "vejle.kommune.example"),
           ("Sundhedsplejerske", "Holstebro Kommune, Sundhedsplejen", "holstebro.kommune.example"),
           ("Afdelingsleder", "Aalborg Kommune, Ældre- og Handicapforvaltningen", "aalborg.kommune.example"),
           ("Skolesekretær", "Næstved Kommune, Skole og Dagtilbud", "naestved.kommune.example"),
           ("HR-konsulent", "Køge Kommune, HR og Løn", "koege.kommune.example"),
           ("Kommunikationsmedarbejder", "Region Syddanmark, Kommunikation", "rsyd.example")],
    "sv": [("Socialsekreterare", "Göteborgs Stad, Socialförvaltningen Nordost", "goteborg.kommun.example"),
           ("Handläggare", "Malmö stad, Arbetsmarknads- och socialförvaltningen", "malmo.kommun.example"),
           ("Sjuksköterska", "Region Uppsala, Psykiatrimottagningen", "regionuppsala.example"),
           ("Läkarsekreterare", "Region Örebro län, BUP", "regionorebro.example"),
           ("Kurator", "Umeå kommun, Grundskolan", "umea.kommun.example"),
           ("Frivårdsinspektör", "Kriminalvården, Frivården Västerås", "kriminalvarden.example"),
           ("HR-specialist", "Jönköpings kommun, HR-avdelningen", "jonkoping.kommun.example"),
           ("Kommunikatör", "Region Norrbotten, Kommunikation", "norrbotten.region.example")],
    "nb": [("Saksbehandler", "Bergen kommune, Barneverntjenesten Årstad", "bergen.kommune.example"),
           ("Veileder", "NAV Trondheim", "nav.example"),
           ("Sykepleier", "Helse Bergen, Avdeling for rusmedisin", "helse-bergen.example"),
           ("Konsulent", "Tromsø kommune, Helse og omsorg", "tromso.kommune.example"),
           ("Rådgiver", "Drammen kommune, Oppvekst", "drammen.kommune.example"),
           ("Politibetjent", "Politiet, Vest politidistrikt", "politiet.example"),
           ("HR-rådgiver", "Bodø kommune, Personal", "bodo.kommune.example"),
           ("Kommunikasjonsrådgiver", "Helse Vest", "helse-vest.example")],
    "en": [("Social Worker", "Leeds City Council, Children and Families", "leeds.gov.example"),
           ("Senior Practitioner", "Bristol City Council, Adult Social Care", "bristol.gov.example"),
           ("Clinic Coordinator", "Norfolk and Suffolk NHS Foundation Trust", "nsft.nhs.example"),
           ("Drug and Alcohol Worker", "Cardiff Community Recovery Service", "cardiff.gov.example"),
           ("Probation Officer", "Probation Service, Yorkshire", "probation.example"),
           ("HR Adviser", "Derby City Council, Human Resources", "derby.gov.example"),
           ("Communications Officer", "Plymouth Hospitals NHS Trust", "plymouth.nhs.example")],
}
CITIZEN_DOMAINS = ["gmail.example", "hotmail.example", "outlook.example", "live.example",
                   "yahoo.example", "icloud.example", "mail.example"]
GREETING = {
    "da": {"c": ["Kære {first}", "Hej {first}", "Kære {name}"], "k": ["Hej {colleague}", "Kære {colleague}", "Hej"],
           "l": ["Kære alle", "Hej alle", "Til alle medarbejdere"]},
    "sv": {"c": ["Hej {first}!", "Hej {first},", "Till {name}"], "k": ["Hej {colleague}!", "Hej {colleague},", "Hej,"],
           "l": ["Hej alla!", "Till alla medarbetare", "Hej,"]},
    "nb": {"c": ["Hei {first}", "Kjære {first}", "Til {name}"], "k": ["Hei {colleague}", "Hei,"],
           "l": ["Hei alle", "Til alle ansatte", "Hei,"]},
    "nn": {"c": ["Hei {first}", "Til {name}"], "k": ["Hei {colleague}", "Hei,"], "l": ["Hei alle", "Til alle tilsette"]},
    "en": {"c": ["Dear {first}", "Dear {name}", "Hello {first}"], "k": ["Hi {colleague}", "Dear {colleague}", "Hello,"],
           "l": ["Dear all", "Hello everyone", "To all staff"]},
}
CLOSING = {
    "da": ["Med venlig hilsen", "Venlig hilsen", "Mvh.", "De bedste hilsner"],
    "sv": ["Med vänliga hälsningar", "Vänliga hälsningar", "Mvh", "Hälsningar"],
    "nb": ["Med vennlig hilsen", "Vennlig hilsen", "Mvh", "Hilsen"],
    "nn": ["Med venleg helsing", "Venleg helsing", "Helsing"],
    "en": ["Kind regards", "Best wishes", "Regards", "Many thanks"],
}
REPLY_LINE = {
    "da": ["Tak, det noterer jeg.", "Modtaget, jeg vender tilbage i morgen.", "Tak for orienteringen.",
           "Det ser fint ud, jeg har ingen bemærkninger."],
    "sv": ["Tack, jag noterar det.", "Mottaget, jag återkommer i morgon.", "Tack för informationen."],
    "nb": ["Takk, jeg noterer det.", "Mottatt, jeg kommer tilbake til dette i morgen.", "Takk for orienteringen."],
    "nn": ["Takk, eg noterer det.", "Motteke, eg kjem attende til dette i morgon."],
    "en": ["Thanks, noted.", "Received, I will come back to you tomorrow.", "Thanks for letting me know."],
}
ATTRIBUTION = {
    "da": "Den {date} kl. {time} skrev {who} <{addr}>:",
    "sv": "{date} {time} skrev {who} <{addr}>:",
    "nb": "Den {date} kl. {time} skrev {who} <{addr}>:",
    "nn": "Den {date} kl. {time} skreiv {who} <{addr}>:",
    "en": "On {date} at {time}, {who} <{addr}> wrote:",
}
REPLY_PREFIX = {"da": "SV: ", "sv": "SV: ", "nb": "SV: ", "nn": "SV: ", "en": "RE: "}
PHONE = {"da": "Tlf. {a} {b} {c} {d}", "sv": "Tel. 0{a}-{b}{c} {d}", "nb": "Tlf. {a} {b} {c} {d}",
         "nn": "Tlf. {a} {b} {c} {d}", "en": "Ext. {a}{b}"}
CASE = {"da": "sag {a}.{b}.00-G01-{c}-26", "sv": "Dnr SN 2026/{c}", "nb": "saksnr. 26/{c}",
        "nn": "saksnr. 26/{c}", "en": "ref. CS/{c}/26"}
TZ = {"da": 1, "sv": 1, "nb": 1, "nn": 1, "en": 0}
# Identity number phrases: (kind, vector id pool, phrase).
ID_POOLS = {
    "dk-cpr": ["dk-002", "dk-003", "dk-006", "dk-007", "dk-010", "dk-011", "dk-014", "dk-015",
               "dk-018", "dk-019", "dk-022", "dk-023", "dk-026", "dk-027", "dk-030", "dk-031"],
    "se-pnr": ["se-001", "se-003", "se-005", "se-007", "se-009", "se-011", "se-013", "se-015",
               "se-017", "se-004", "se-010", "se-016"],
    "se-samordning": ["sam-001", "sam-004", "sam-007", "sam-010", "sam-013"],
    "no-fnr": ["fnr-001", "fnr-004", "fnr-007", "fnr-010", "fnr-013", "fnr-003", "fnr-006"],
    "no-dnr": ["dnr-001", "dnr-004", "dnr-007"],
}
ID_PHRASE = {
    "dk-cpr": {"da": ["CPR-nr. {n}", "cpr {n}", "CPR-nummer: {n}"], "en": ["CPR number {n}"]},
    "se-pnr": {"sv": ["personnummer {n}", "pnr {n}", "Personnummer: {n}"], "en": ["personal identity number {n}"]},
    "se-samordning": {"sv": ["samordningsnummer {n}"]},
    "no-fnr": {"nb": ["fødselsnummer {n}", "f.nr. {n}"], "nn": ["fødselsnummer {n}"],
               "en": ["national identity number (fødselsnummer) {n}"]},
    "no-dnr": {"nb": ["D-nummer {n}"], "nn": ["D-nummer {n}"]},
}
ID_KIND_BY_LANG = {"da": ["dk-cpr"], "sv": ["se-pnr", "se-pnr", "se-samordning"],
                   "nb": ["no-fnr", "no-fnr", "no-dnr"], "nn": ["no-fnr"],
                   "en": ["dk-cpr", "se-pnr", "no-fnr"]}
ID_REF_LINE = {"da": "Vedr.: {name}, {id}", "sv": "Angående: {name}, {id}", "nb": "Gjelder: {name}, {id}",
               "nn": "Gjeld: {name}, {id}", "en": "Re: {name}, {id}"}
NUMBER_RE = re.compile(r"(?:\d{2})?\d{6}[-+ ]?\d{4,5}")


def load_vectors(path):
    """Vector id -> the bare number of a `found` row (separator kept as the vector has it)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or cols[3] != "found":
                continue
            m = NUMBER_RE.search(cols[2])
            if m:
                out[cols[0]] = m.group(0)
    return out


class Slots:
    """Slot values for one message, drawn from the language's lists."""

    def __init__(self, rng, lang, when, body):
        base = "nb" if lang == "nn" else lang
        female, male, lasts, children, colleagues = NAMES[base]
        g = gender_after(body, "name", rng) if "{name}" in body else gender_after(body, "first", rng)
        self.first = rng.choice(female if g == "f" else male)
        kids = children[0] if gender_after(body, "child", rng) == "f" else children[1]
        family = rng.choice(lasts)
        self.values = {
            "first": self.first,
            "name": self.first + " " + family,
            "family": family,
            "child": rng.choice(kids),
            "colleague": rng.choice(colleagues),
            "place": rng.choice(PLACES[base]),
            "addr": rng.choice(STREETS[base]),
            "date": fmt_date(rng, lang, when + datetime.timedelta(days=rng.randint(3, 40))),
            "time": rng.choice(["9.00", "9.30", "10.15", "11.00", "13.00", "13.30", "14.45", "15.00"]),
            "case": CASE[lang].format(a=rng.randint(10, 99), b=rng.randint(10, 99),
                                      c=rng.randint(100, 9999)),
        }

    def fill(self, text):
        return text.format(**self.values)


def fmt_date(rng, lang, d, plain=False):
    base = "nb" if lang == "nn" else lang
    month = MONTHS[base][d.month - 1]
    day = DAYS[base][d.weekday()]
    if plain:
        return f"{d.day} {month} {d.year}" if lang in ("en", "sv") else f"{d.day}. {month} {d.year}"
    if lang == "en":
        return rng.choice([f"{d.day} {month} {d.year}", f"{day} {d.day} {month}"])
    if lang == "sv":
        return rng.choice([f"{d.day} {month} {d.year}", f"{day} den {d.day} {month}"])
    # Danish and Norwegian texts say "den {date}", so no weekday here ("den 6. maj", "den 6/5").
    forms = [f"{d.day}. {month} {d.year}", f"{d.day}. {month}"]
    if lang == "da":
        forms.append(f"{d.day}/{d.month}")
    return rng.choice(forms)


def pick_agencies(base, cats, aud):
    """Caseworker mail comes from a caseworker agency; HR writes about union and politics."""
    admin = [a for a in AGENCIES[base] if re.search(r"HR|Kommunik|Communications", a[0])]
    case = [a for a in AGENCIES[base] if a not in admin]
    if cats == "-":
        return AGENCIES[base] if aud == "l" else case
    if "union" in cats or "political" in cats:
        return admin + case[:2]
    return case


def signature(rng, lang, person, agency):
    role, org, _ = agency
    p = PHONE[lang].format(a=rng.randint(20, 99), b=rng.randint(10, 99), c=rng.randint(10, 99),
                           d=rng.randint(10, 99))
    lines = [rng.choice(CLOSING[lang]), "", person, role, org]
    if rng.random() < 0.7:
        lines.append(p)
    return "\n".join(lines)


def ascii_local(name):
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "a", "ö": "o", "é": "e",
                           "'": "", " ": "."})
    return name.lower().translate(table)


def compose_text(rng, lang, aud, body, slots, person, agency, idline):
    """The plain text of the message: greeting, optional id reference line, body, signature."""
    parts = []
    if aud not in ("x", "y"):
        parts.append(slots.fill(rng.choice(GREETING[lang][aud])))
    if idline:
        parts.append(idline)
    parts.append(slots.fill(body))
    if aud not in ("x", "y"):
        parts.append(signature(rng, lang, person, agency))
    return "\n\n".join(parts) + "\n"


def to_html(text, style):
    """HTML as Outlook (one MsoNormal paragraph per line) or a webmail (div per line) writes it."""
    rows = []
    for line in text.split("\n"):
        esc = html.escape(line) if line else "&nbsp;"
        if style == 0:
            rows.append(f'<p class="MsoNormal">{esc}<o:p></o:p></p>')
        else:
            rows.append(f"<div>{esc if line else '<br>'}</div>")
    head = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '<style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif}</style>'
            '</head><body lang="DA" link="#0563C1"><div class="WordSection1">'
            if style == 0 else '<html><head></head><body><div dir="ltr">')
    tail = "</div></body></html>\n" if style == 0 else "</div></body></html>\n"
    return head + "\n".join(rows) + "\n" + tail


def set_text(msg, text, rng, lang):
    """text/plain in one of the encodings clients use for it."""
    fmt = rng.choice(["qp", "qp", "qp", "8bit", "b64", "latin1"])
    if fmt == "latin1" and lang != "en":
        try:
            text.encode("iso-8859-1")
            msg.set_content(text, charset="iso-8859-1", cte="quoted-printable")
            return
        except UnicodeEncodeError:
            fmt = "qp"
    cte = {"qp": "quoted-printable", "8bit": "8bit", "b64": "base64", "latin1": "quoted-printable"}[fmt]
    msg.set_content(text, charset="utf-8", cte=cte)


def build(idx, rng, lang, scen, when, vectors, want_id):
    aud, cats, subject, body = scen
    slots = Slots(rng, lang, when, body)
    base = "nb" if lang == "nn" else lang
    agency = rng.choice(pick_agencies(base, cats, aud))
    female, male, lasts, _, _ = NAMES[base]
    person = rng.choice(female + male) + " " + rng.choice(lasts)
    slots.values["me"] = person.split(" ")[0]
    sender = f"{ascii_local(person)}@{agency[2]}"
    if aud == "x" and cats == "-":
        # A short mail between colleagues: the greeted {first} is the recipient.
        rcpt_name = slots.values["name"]
        rcpt = f"{ascii_local(rcpt_name)}@{agency[2]}"
    elif aud == "y":
        rcpt_name = slots.values["colleague"] + " " + rng.choice(lasts)
        rcpt = f"{ascii_local(rcpt_name)}@{agency[2]}"
    elif aud in ("c", "x"):
        rcpt_name = slots.values["name"]
        rcpt = f"{ascii_local(rcpt_name)}{rng.randint(1, 99)}@{rng.choice(CITIZEN_DOMAINS)}"
    elif aud == "l":
        rcpt_name = {"da": "Alle medarbejdere", "sv": "Alla medarbetare", "nb": "Alle ansatte",
                     "nn": "Alle tilsette", "en": "All staff"}[lang]
        rcpt = f"alle@{agency[2]}"
    else:
        rcpt_name = slots.values["colleague"] + " " + rng.choice(lasts)
        rcpt = f"{ascii_local(rcpt_name)}@{rng.choice(AGENCIES[base])[2]}"
    kind = None
    idline = ""
    number_id = None
    if want_id:
        kind = rng.choice(ID_KIND_BY_LANG[lang])
        number_id = ID_POOLS[kind][idx % len(ID_POOLS[kind])]
        phrase = rng.choice(ID_PHRASE[kind][lang]).format(n=vectors[number_id])
        idline = phrase if "{idline}" in body else ID_REF_LINE[lang].format(
            name=slots.values["name"], id=phrase)
    if "{idline}" in body:
        slots.values["idline"] = idline
        idline = ""
    text = compose_text(rng, lang, aud, body, slots, person, agency, idline)
    subj = slots.fill(subject)

    date = datetime.datetime(when.year, when.month, when.day, rng.randint(7, 16), rng.randint(0, 59),
                             rng.randint(0, 59), tzinfo=datetime.timezone(datetime.timedelta(hours=TZ[lang])))
    msg = EmailMessage(policy=email.policy.default)
    mode = rng.random()
    reply = aud in ("c", "k") and mode < 0.22
    if reply:
        # The recipient answers; the original is quoted below the answer.
        orig_from, orig_addr = person, sender
        person, sender, rcpt_name, rcpt = rcpt_name, rcpt, person, sender
        quoted = "\n".join(("> " + l) if l else ">" for l in text.rstrip("\n").split("\n"))
        attr = ATTRIBUTION[lang].format(date=fmt_date(rng, lang, when, plain=True),
                                        time=f"{rng.randint(8, 15)}.{rng.randint(10, 59)}",
                                        who=orig_from, addr=orig_addr)
        text = rng.choice(REPLY_LINE[lang]) + "\n\n" + attr + "\n" + quoted + "\n"
        subj = REPLY_PREFIX[lang] + subj
    msg["From"] = email.utils.formataddr((person, sender))
    msg["To"] = email.utils.formataddr((rcpt_name, rcpt))
    msg["Subject"] = subj
    msg["Date"] = email.utils.format_datetime(date)
    msg["Message-ID"] = f"<sc.{idx:04d}.{SEED}@{sender.split('@')[1]}>"
    if reply:
        msg["In-Reply-To"] = f"<orig.{idx:04d}.{SEED}@{rcpt.split('@')[1]}>"
        msg["References"] = msg["In-Reply-To"]
    msg["MIME-Version"] = "1.0"
    if rng.random() < 0.5:
        msg["X-Mailer"] = rng.choice(["Microsoft Outlook 16.0", "Apple Mail (2.3774)",
                                      "Roundcube Webmail/1.6.5"])
    else:
        msg["User-Agent"] = rng.choice(["Mozilla Thunderbird 115.9", "Microsoft-MacOutlook/16.83"])
    if not reply and aud not in ("x", "y") and mode < 0.45:
        msg.set_content(text, charset="utf-8", cte="quoted-printable")
        msg.add_alternative(to_html(text, rng.randint(0, 1)), subtype="html", charset="utf-8",
                            cte=rng.choice(["quoted-printable", "base64"]))
        msg.set_boundary(f"=_alt_{idx:04d}_{SEED}")
        for part in msg.iter_parts():
            del part["MIME-Version"]  # Python's email adds it to parts; clients do not
    else:
        set_text(msg, text, rng, lang)
    return msg, kind, number_id


def scenarios():
    """(lang, family, scenario, repeats) for every hand-written text."""
    out = []
    for lang, mod in (("da", da), ("sv", sv), ("nb", nb), ("en", en)):
        for s in mod.SENSITIVE:
            out.append((lang, "sens", s, 2))
        for s in mod.HARD_SENSITIVE:
            out.append((lang, "sens", s, 3))
        for s in mod.PUBLIC:
            out.append((lang, "pub", s, 2))
        for s in mod.HARD_PUBLIC:
            out.append((lang, "pub", s, 3))
        for s in mod.CONFIDENTIAL:
            out.append((lang, "conf", s, 2))
    for s in nb.NN_SENSITIVE:
        out.append(("nn", "sens", s, 2))
    for s in nb.NN_PUBLIC:
        out.append(("nn", "pub", s, 3))
    return out


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "sensitive-corpus")
    vectors = load_vectors(os.path.join(HERE, "..", "data", "vectors.tsv"))
    rng = random.Random(SEED)
    os.makedirs(outdir, exist_ok=True)
    for f in os.listdir(outdir):
        if f.endswith(".eml"):
            os.unlink(os.path.join(outdir, f))
    rows = []
    counters = {}
    start = datetime.date(2026, 2, 2)
    idx = 0
    for lang, fam, scen, reps in scenarios():
        for r in range(reps):
            idx += 1
            cats = scen[1]
            want_id = fam == "conf" or (fam == "sens" and scen[0] not in ("x", "y") and rng.random() < 0.17)
            when = start + datetime.timedelta(days=rng.randint(0, 240))
            msg, kind, _ = build(idx, rng, lang, scen, when, vectors, want_id)
            if fam == "sens":
                cls = "sensitive"
                cat_list = sorted(set(cats.split(",")), key=CATEGORY_ORDER.index)
                label = cat_list[0]
            else:
                cls = "confidential" if kind else "public"
                cat_list = []
                label = "idonly" if kind else "public"
            key = f"{lang}-{label}"
            counters[key] = counters.get(key, 0) + 1
            name = f"{key}-{counters[key]:03d}.eml"
            with open(os.path.join(outdir, name), "wb") as f:
                f.write(msg.as_bytes(policy=email.policy.default.clone(linesep="\n")))
            rows.append((name, cls, ",".join(cat_list) or "-", kind or "-"))
    # The fresh texts (fresh.py): one message each, their own random stream, so that the
    # messages above stay byte for byte as they were; file names LANG-LABEL-fNNN.eml.
    frng = random.Random(SEED + 1)
    fresh_rows = []
    for lang in ("da", "sv", "nb", "en"):
        for scen in fresh.FRESH[lang]:
            idx += 1
            when = start + datetime.timedelta(days=frng.randint(0, 240))
            msg, _, _ = build(idx, frng, lang, scen, when, vectors, False)
            cats = scen[1]
            cat_list = [] if cats == "-" else sorted(set(cats.split(",")), key=CATEGORY_ORDER.index)
            label = cat_list[0] if cat_list else "public"
            key = f"{lang}-{label}-f"
            counters[key] = counters.get(key, 0) + 1
            name = f"{key}{counters[key]:03d}.eml"
            with open(os.path.join(outdir, name), "wb") as f:
                f.write(msg.as_bytes(policy=email.policy.default.clone(linesep="\n")))
            fresh_rows.append((name, "sensitive" if cat_list else "public",
                               ",".join(cat_list) or "-", "-"))
    # The second held-out set (fresh2.py): again its own random stream, after the first,
    # so that every message above stays as it was; file names LANG-LABEL-gNNN.eml.
    grng = random.Random(SEED + 2)
    fresh2_rows = []
    for lang in ("da", "sv", "nb", "nn", "en"):
        for scen in fresh2.FRESH2[lang]:
            idx += 1
            when = start + datetime.timedelta(days=grng.randint(0, 240))
            msg, _, _ = build(idx, grng, lang, scen, when, vectors, False)
            cats = scen[1]
            cat_list = [] if cats == "-" else sorted(set(cats.split(",")), key=CATEGORY_ORDER.index)
            label = cat_list[0] if cat_list else "public"
            key = f"{lang}-{label}-g"
            counters[key] = counters.get(key, 0) + 1
            name = f"{key}{counters[key]:03d}.eml"
            with open(os.path.join(outdir, name), "wb") as f:
                f.write(msg.as_bytes(policy=email.policy.default.clone(linesep="\n")))
            fresh2_rows.append((name, "sensitive" if cat_list else "public",
                                ",".join(cat_list) or "-", "-"))
    rows.extend(fresh_rows)
    rows.extend(fresh2_rows)
    rows.sort()
    fresh_rows.sort()
    fresh2_rows.sort()
    for fname, subset in (("labels.tsv", rows), ("labels-fresh.tsv", fresh_rows),
                          ("labels-fresh2.tsv", fresh2_rows)):
        with open(os.path.join(outdir, fname), "w", encoding="utf-8") as f:
            f.write("file\tclass\tcategories\tidentity_kinds\n")
            for row in subset:
                f.write("\t".join(row) + "\n")
    print(f"{len(rows)} messages written to {outdir} ({len(fresh_rows)} fresh, "
          f"{len(fresh2_rows)} in the second held-out set)")


if __name__ == "__main__":
    main()
