#!/usr/bin/env python3
"""gen_invites.py - calendar invitations as Teams (Outlook), Zoom, Google
Calendar and Webex write them, for tests/t-invites.sh and
contrib/bench/bench_invites.sh.

    gen_invites.py OUTDIR VECTORS.TSV [CLEAN [POSITIVE]]

Writes OUTDIR/clean-NNNN-SERVICE.eml (no identity number; meeting IDs,
conference IDs and PINs drawn at random, a good share of them valid as a
CPR number with modulus 11, a Swedish personnummer (Luhn) or a Norwegian
fødselsnummer, so a missing meeting rule shows) and
OUTDIR/pos-NNNN-SERVICE-VECTOR.eml (the same invitations with the input of
one `found` vector of VECTORS.TSV in SUMMARY, DESCRIPTION, LOCATION or an
ATTENDEE CN, which must be found).

Formats follow RFC 5545 (content lines folded at 75 octets, TEXT escapes,
VTIMEZONE, ATTENDEE/ORGANIZER with CN, VALARM, X-ALT-DESC) and RFC 6047
(iMIP: text/calendar; method=REQUEST beside text/plain and text/html), with
the description texts the services put in: Teams' join link, "Meeting ID",
"Passcode", "+45 ...,,ID#" one-tap line and "Phone conference ID"; Zoom's
zoom.us/j/ID?pwd= link, "Meeting ID", "Passcode" and ",,ID#,,,,*PWD#" lines;
Google Meet's meet.google.com link, "PIN: ...#" and tel.meet link; Webex's
"Meeting number (access code)", "Access code", ",,ID##" and ID@site.webex.com.
Python 3 standard library only; fixed seed: the same files every run.
"""
import base64
import os
import quopri
import random
import sys

SEED = 20260115
R = random.Random(SEED)


# ------------------------------------------------------------ numbers
def cpr_valid():
    """A 10-digit number that is a CPR number with modulus 11."""
    w = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]
    while True:
        d = "%02d%02d%02d" % (R.randint(1, 28), R.randint(1, 12), R.randint(0, 99))
        d += "%03d" % R.randint(0, 999)
        s = sum(int(c) * w[i] for i, c in enumerate(d))
        for last in range(10):
            if (s + last) % 11 == 0:
                return d + str(last)


def luhn_last(d):
    s = 0
    for i, c in enumerate(d):
        v = int(c) * (2 if i % 2 == 0 else 1)
        s += v - 9 if v > 9 else v
    return str((10 - s % 10) % 10)


def se_valid():
    """A 10-digit Swedish personnummer YYMMDDNNNC (Luhn)."""
    d = "%02d%02d%02d%03d" % (R.randint(30, 99), R.randint(1, 12), R.randint(1, 28),
                              R.randint(0, 999))
    return d + luhn_last(d)


def no_valid():
    """An 11-digit Norwegian fødselsnummer DDMMYYIIIKK."""
    w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    while True:
        d = "%02d%02d%02d%03d" % (R.randint(1, 28), R.randint(1, 12), R.randint(40, 99),
                                  R.randint(0, 499))
        k1 = 11 - sum(int(c) * w1[i] for i, c in enumerate(d)) % 11
        if k1 == 11:
            k1 = 0
        if k1 == 10:
            continue
        d += str(k1)
        k2 = 11 - sum(int(c) * w2[i] for i, c in enumerate(d)) % 11
        if k2 == 11:
            k2 = 0
        if k2 == 10:
            continue
        return d + str(k2)


def digits(n):
    return str(R.randint(1, 9)) + "".join(str(R.randint(0, 9)) for _ in range(n - 1))


def meeting_id(n):
    """n digits; 10 and 11 digits often checksum-valid identity numbers."""
    r = R.random()
    if n == 10 and r < 0.35:
        return cpr_valid()
    if n == 10 and r < 0.65:
        return se_valid()
    if n == 11 and r < 0.5:
        return no_valid()
    return digits(n)


def group(s, sizes):
    out, i = [], 0
    for g in sizes:
        out.append(s[i:i + g])
        i += g
    return " ".join(out)


def alnum(n):
    return "".join(R.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
                   for _ in range(n))


def hexs(n):
    return "".join(R.choice("0123456789abcdef") for _ in range(n))


def uuid():
    return "%s-%s-%s-%s-%s" % (hexs(8), hexs(4), hexs(4), hexs(4), hexs(12))


FIRST = ["Anne", "Jens", "Mette", "Lars", "Karin", "Erik", "Sigrid", "Mikko", "Aino",
         "Björn", "Ingrid", "Søren", "Åsa", "Jónas", "Helle", "Ole", "Maria", "Pekka"]
LAST = ["Hansen", "Nielsen", "Jensen", "Andersson", "Johansson", "Berg", "Virtanen",
        "Korhonen", "Larsen", "Holm", "Lindqvist", "Sigurðsson", "Dahl", "Møller"]
TOPICS = ["Styregruppemøde", "Ugentlig status", "Budgetopfølgning", "Projektmöte",
          "Avdelingsmøte", "Tiimipalaveri", "Kvartalsgennemgang", "Onboarding",
          "Sprint review", "Sagsbehandlermøde", "Leverandørmøde", "Workshop: digital post",
          "1:1", "Planlægning 2026", "Informationsmøde om ny lovgivning"]
DOMAINS = ["kommune.example", "region.example", "partner.example", "gmail.example"]
TZ = [("Romance Standard Time", "Europe/Copenhagen"),
      ("W. Europe Standard Time", "Europe/Stockholm"),
      ("FLE Standard Time", "Europe/Helsinki")]
PHONES = {"Denmark": ["+45 32 72 66 19", "+45 89 88 08 80", "+45 52 50 34 03",
                      "+45 78 77 45 99", "+45 78 76 80 36"],
          "Sweden": ["+46 8 505 203 24", "+46 10 888 04 32"],
          "Norway": ["+47 21 04 07 00", "+47 23 96 01 12"],
          "Finland": ["+358 9 8171 0310", "+358 9 4245 1488"]}


def person():
    f, l = R.choice(FIRST), R.choice(LAST)
    mail = ("%s.%s@%s" % (f, l, R.choice(DOMAINS))).lower()
    mail = mail.translate(str.maketrans("æøåäöðéó", "aoaaodeo"))
    return "%s %s" % (f, l), mail


def phone():
    country = R.choice(list(PHONES))
    return country, R.choice(PHONES[country])


def dial(p):
    return "+" + "".join(c for c in p if c.isdigit())


# ------------------------------------------------------------ descriptions
def teams(lang):
    mid = group(digits(12), [3, 3, 3, 3]) if R.random() < 0.7 else \
        group(meeting_id(10), [3, 3, 3, 1])
    conf = meeting_id(R.choice([9, 10]))
    country, ph = phone()
    link = ("https://teams.microsoft.com/l/meetup-join/19%%3ameeting_%s%%40thread.v2/0?"
            "context=%%7b%%22Tid%%22%%3a%%22%s%%22%%2c%%22Oid%%22%%3a%%22%s%%22%%7d"
            % (alnum(44), uuid(), uuid()))
    words = {
        "da": ("Microsoft Teams-møde", "Deltag på din computer, mobilapp eller rumenhed",
               "Klik her for at deltage i mødet", "Møde-id", "Adgangskode",
               "Eller ring ind (kun lyd)", "Telefonkonference-id", "Find et lokalt nummer",
               "Nulstil PIN-kode"),
        "sv": ("Microsoft Teams-möte", "Anslut på datorn, mobilappen eller rumsenheten",
               "Klicka här för att ansluta till mötet", "Mötes-ID", "Lösenord",
               "Eller ring in (endast ljud)", "Telefonkonferens-ID", "Hitta ett lokalt nummer",
               "Återställ PIN-kod"),
        "en": ("Microsoft Teams meeting", "Join on your computer, mobile app or room device",
               "Click here to join the meeting", "Meeting ID", "Passcode",
               "Or call in (audio only)", "Phone Conference ID", "Find a local number",
               "Reset PIN"),
    }[lang]
    lines = ["_" * 80, words[0], words[1], "%s<%s>" % (words[2], link),
             "%s: %s" % (words[3], mid), "%s: %s" % (words[4], alnum(6)),
             "Download Teams<https://www.microsoft.com/en-us/microsoft-teams/download-app>"
             " | Join on the web<https://www.microsoft.com/microsoft-teams/join-a-meeting>",
             words[5],
             "%s,,%s#<tel:%s,,%s#>   %s, All locations" % (ph, conf, dial(ph), conf, country),
             "%s: %s#" % (words[6], group(conf, [3, 3, len(conf) - 6])),
             "%s<https://dialin.teams.microsoft.com/%s?id=%s> | %s"
             "<https://dialin.teams.microsoft.com/usp/pstnconferencing>"
             % (words[7], uuid(), conf, words[8]),
             "Learn More<https://aka.ms/JoinTeamsMeeting> | Meeting options"
             "<https://teams.microsoft.com/meetingOptions/?organizerId=%s&tenantId=%s"
             "&threadId=19_meeting_%s@thread.v2&messageId=0&language=da-DK>"
             % (uuid(), uuid(), alnum(40)),
             "_" * 80]
    return "Microsoft Teams" if lang == "en" else words[0], lines, link


def zoom(host):
    n = R.choice([10, 11, 11])
    mid = meeting_id(n)
    pwd = "%06d" % R.randint(0, 999999)
    sub = R.choice(["us02web", "us06web", "eu01web", "zoom"])
    link = "https://%s.zoom.us/j/%s?pwd=%s" % (sub, mid, alnum(32))
    sp = group(mid, [3, 3, 4] if n == 10 else [3, 4, 4])
    lines = ["%s is inviting you to a scheduled Zoom meeting." % host, "",
             "Join Zoom Meeting", link, "",
             "Meeting ID: %s" % (sp if R.random() < 0.8 else mid), "Passcode: %s" % pwd,
             "", "---", "", "One tap mobile"]
    for _ in range(2):
        country, ph = phone()
        lines.append("%s,,%s#,,,,*%s# %s" % (dial(ph), mid, pwd, country))
    lines += ["", "---", "", "Dial by your location"]
    for _ in range(3):
        country, ph = phone()
        lines.append("• %s %s" % (ph, country))
    lines += ["", "Meeting ID: %s" % sp, "Passcode: %s" % pwd, "",
              "Find your local number: https://%s.zoom.us/u/%s" % (sub, alnum(10))]
    return link, lines, link


def meet():
    code = "%s-%s-%s" % (alnum(3).lower(), alnum(4).lower(), alnum(3).lower())
    pin = meeting_id(R.choice([9, 10, 10, 13]))
    country, ph = phone()
    link = "https://meet.google.com/" + code
    pinw = group(pin, [3, 3, 3, len(pin) - 9]) if len(pin) > 9 else group(pin, [3, 3, 3])
    sep = "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-"
    lines = [sep, "Join with Google Meet: %s" % link,
             "Or dial: (%s) %s PIN: %s#" % (country[:2].upper(), ph,
                                           pinw if R.random() < 0.6 else pin),
             "More phone numbers: https://tel.meet/%s?pin=%s&hs=7" % (code, pin), "",
             "Learn more about Meet at: https://support.google.com/a/users/answer/9282720",
             "", "Please do not edit this section.", sep]
    return link, lines, link


def webex(host):
    n = R.choice([10, 11])
    mid = meeting_id(n)
    site = R.choice(["kommune", "region", "acme", "meetingsemea"])
    sp = group(mid, [4, 3, 4] if n == 11 else [4, 3, 3])
    link = "https://%s.webex.com/%s/j.php?MTID=m%s" % (site, site, hexs(32))
    country, ph = phone()
    lines = ["%s invites you to join this Webex meeting." % host, "",
             "Meeting number (access code): %s" % sp,
             "Meeting password: %s" % alnum(10), "",
             "When it's time, join the meeting.", "Join meeting <%s>" % link, "",
             "Join by phone", "%s %s Toll" % (ph, country), "Access code: %s" % sp, "",
             "Tap to join from a mobile device (attendees only)",
             "%s,,%s## %s Toll" % (dial(ph), mid, country), "",
             "Join by video system, application or Skype for business",
             "Dial %s@%s.webex.com" % (mid, site),
             "You can also dial 173.243.2.68 and enter your meeting number.", "",
             "Need help? Go to https://help.webex.com"]
    return link, lines, link


# ------------------------------------------------------------ iCalendar
def esc(s):
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line):
    """RFC 5545 3.1: at most 75 octets a line, never inside a UTF-8 sequence."""
    b = line.encode("utf-8")
    out, cur, lim = [], b"", 75
    i = 0
    while i < len(b):
        j = i + 1
        while j < len(b) and (b[j] & 0xC0) == 0x80:
            j += 1
        if len(cur) + (j - i) > lim:
            out.append(cur)
            cur, lim = b" ", 75
        cur += b[i:j]
        i = j
    out.append(cur)
    return b"\r\n".join(out).decode("utf-8")


def dt(day, hour):
    return "2026%02d%02dT%02d%02d00" % (day[0], day[1], hour, R.choice([0, 15, 30]))


def vtimezone(tzid):
    return ["BEGIN:VTIMEZONE", "TZID:%s" % tzid, "BEGIN:STANDARD",
            "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
            "END:DAYLIGHT", "END:VTIMEZONE"]


def html_of(lines):
    import html as h
    out = []
    for ln in lines:
        t = h.escape(ln)
        for word in ln.split():
            w = word.strip("<>")
            if w.startswith("https://"):
                t = t.replace(h.escape(w), '<a href="%s">%s</a>' % (h.escape(w), h.escape(w)))
        out.append('<p class="MsoNormal"><span style="font-size:10.5pt">%s</span></p>' % t)
    return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
            "charset=utf-8\"></head><body lang=\"DA\">\n" + "\n".join(out) +
            "\n</body></html>")


def calendar(svc, org, atts, summary, location, lines, extra_cn=None):
    tzw, tzo = R.choice(TZ)
    day = (R.randint(1, 12), R.randint(1, 28))
    h0 = R.randint(8, 15)
    desc = "\n".join(lines)
    uidnum = digits(10)
    cal = ["BEGIN:VCALENDAR", "METHOD:REQUEST"]
    if svc == "teams":
        cal += ["PRODID:Microsoft Exchange Server 2010", "VERSION:2.0"]
        cal += vtimezone(tzw)
        tzid = tzw
    elif svc == "google":
        cal += ["PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
                "CALSCALE:GREGORIAN", "X-WR-CALNAME:%s" % org[1], "X-WR-TIMEZONE:%s" % tzo]
        cal += vtimezone(tzo)
        cal.insert(len(cal) - 1, "X-LIC-LOCATION:%s" % tzo)
        tzid = tzo
    elif svc == "zoom":
        cal += ["PRODID:-//zoom.us//iCalendar Event//EN", "VERSION:2.0", "CALSCALE:GREGORIAN"]
        cal += vtimezone(tzo)
        tzid = tzo
    else:
        cal += ["PRODID:-//Cisco Webex//Meeting Center//EN", "VERSION:2.0"]
        cal += vtimezone(tzo)
        tzid = tzo
    orgcn = org[0] if extra_cn is None or extra_cn[0] != "ORGANIZER" else extra_cn[1]
    cal += ["BEGIN:VEVENT", 'ORGANIZER;CN="%s":mailto:%s' % (orgcn, org[1])]
    for i, (cn, mail) in enumerate(atts):
        if extra_cn is not None and extra_cn[0] == "ATTENDEE" and i == 0:
            cn = extra_cn[1]
        if svc == "google":
            cal.append("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
                       "RSVP=TRUE;CN=%s;X-NUM-GUESTS=0:mailto:%s" % (mail, mail))
            if extra_cn is not None and extra_cn[0] == "ATTENDEE" and i == 0:
                cal[-1] = cal[-1].replace("CN=%s;" % mail, 'CN="%s";' % cn)
        else:
            cal.append('ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;'
                       'CN="%s":mailto:%s' % (cn, mail))
    lang = ";LANGUAGE=da-DK" if svc == "teams" else ""
    cal += ["DESCRIPTION%s:%s" % (lang, esc(desc)),
            "UID:%s" % ("040000008200E00074C5B7101A82E008000000%s" % hexs(40).upper()
                        if svc == "teams" else "%s%s" % (svc.upper(), uidnum)),
            "SUMMARY%s:%s" % (lang, esc(summary)),
            "DTSTART;TZID=%s:%s" % (tzid, dt(day, h0)),
            "DTEND;TZID=%s:%s" % (tzid, dt(day, h0 + 1)),
            "CLASS:PUBLIC", "PRIORITY:5", "DTSTAMP:20260105T%02d%02d%02dZ" %
            (R.randint(0, 23), R.randint(0, 59), R.randint(0, 59)),
            "TRANSP:OPAQUE", "STATUS:CONFIRMED", "SEQUENCE:%d" % R.randint(0, 3),
            "LOCATION%s:%s" % (lang, esc(location))]
    if svc == "teams":
        cal += ["X-MICROSOFT-CDO-APPT-SEQUENCE:0",
                "X-MICROSOFT-CDO-OWNERAPPTID:%d" % R.randint(-2147483648, 2147483647),
                "X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE", "X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY",
                "X-MICROSOFT-CDO-ALLDAYEVENT:FALSE", "X-MICROSOFT-CDO-IMPORTANCE:1",
                "X-MICROSOFT-CDO-INSTTYPE:0",
                "X-MICROSOFT-ONLINEMEETINGCONFLINK:conf:sip:%s\\;gruu\\;opaque=app:conf:"
                "focus:id:%s" % (org[1], digits(10)),
                "X-MICROSOFT-DONOTFORWARDMEETING:FALSE", "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
                "X-MICROSOFT-REQUESTEDATTENDANCEMODE:DEFAULT",
                "X-MICROSOFT-ISRESPONSEREQUESTED:TRUE",
                "X-MS-OLK-CONFTYPE:0", "X-MS-OLK-AUTOFILLLOCATION:FALSE",
                "X-ALT-DESC;FMTTYPE=text/html:%s" % esc(html_of(lines))]
    if svc == "google":
        link = [x for x in lines if x.startswith("Join with Google Meet: ")][0]
        cal += ["X-GOOGLE-CONFERENCE:%s" % link.split(": ", 1)[1],
                "CREATED:20260105T101010Z", "LAST-MODIFIED:20260105T101011Z"]
    if svc == "zoom":
        cal += ["X-ZOOM-MEETING-ID:%s" % uidnum]
    cal += ["BEGIN:VALARM", "DESCRIPTION:REMINDER", "TRIGGER;RELATED=START:-PT15M",
            "ACTION:DISPLAY", "END:VALARM", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(x) + "\r\n" for x in cal)


# ------------------------------------------------------------ MIME
def b64(s):
    e = base64.b64encode(s.encode("utf-8")).decode("ascii")
    return "\n".join(e[i:i + 76] for i in range(0, len(e), 76))


def qp(s):
    return quopri.encodestring(s.encode("utf-8")).decode("ascii")


def message(svc, org, atts, summary, ics, lines, n):
    b1, b2 = "_000_%s_" % hexs(16), "_001_%s_" % hexs(16)
    to = ", ".join('"%s" <%s>' % a for a in atts)
    hdr = ("From: \"%s\" <%s>\nTo: %s\nSubject: %s\nDate: Mon, 05 Jan 2026 10:%02d:00 +0100\n"
           "Message-ID: <%s@%s>\nMIME-Version: 1.0\n"
           % (org[0], org[1], to, summary, n % 60, hexs(24), org[1].split("@")[1]))
    plain = "\n".join(lines) + "\n"
    alt = ("--%s\nContent-Type: text/plain; charset=\"utf-8\"\n"
           "Content-Transfer-Encoding: quoted-printable\n\n%s\n"
           "--%s\nContent-Type: text/html; charset=\"utf-8\"\n"
           "Content-Transfer-Encoding: quoted-printable\n\n%s\n"
           "--%s\nContent-Type: text/calendar; charset=\"utf-8\"; method=REQUEST\n"
           "Content-Transfer-Encoding: base64\n\n%s\n--%s--\n"
           % (b1, qp(plain), b1, qp(html_of(lines)), b1, b64(ics), b1))
    if svc in ("teams", "webex"):
        return hdr + 'Content-Type: multipart/alternative; boundary="%s"\n\n' % b1 + alt
    if svc == "zoom":
        return (hdr + 'Content-Type: multipart/mixed; boundary="%s"\n\n--%s\n'
                'Content-Type: text/plain; charset="utf-8"\n'
                'Content-Transfer-Encoding: quoted-printable\n\n%s\n'
                '--%s\nContent-Type: text/calendar; charset="utf-8"; name="invite.ics"\n'
                'Content-Disposition: attachment; filename="invite.ics"\n'
                'Content-Transfer-Encoding: base64\n\n%s\n--%s--\n'
                % (b2, b2, qp(plain), b2, b64(ics), b2))
    return (hdr + 'Content-Type: multipart/mixed; boundary="%s"\n\n--%s\n'
            'Content-Type: multipart/alternative; boundary="%s"\n\n%s\n'
            '--%s\nContent-Type: application/ics; name="invite.ics"\n'
            'Content-Disposition: attachment; filename="invite.ics"\n'
            'Content-Transfer-Encoding: base64\n\n%s\n--%s--\n'
            % (b2, b2, b1, alt, b2, b64(ics), b2))


def invitation(n, svc, vec=None):
    """One invitation; vec: (id, input) placed in a shown field."""
    org = person()
    atts = [person() for _ in range(R.randint(1, 5))]
    summary = R.choice(TOPICS)
    if svc == "teams":
        location, lines, _ = teams(R.choice(["da", "sv", "en"]))
    elif svc == "zoom":
        location, lines, _ = zoom(org[0])
    elif svc == "google":
        location, lines, _ = meet()
        location = R.choice(["", "Mødelokale 2.14", "Rådhuset, lokale 3"]) or location
    else:
        location, lines, _ = webex(org[0])
    if R.random() < 0.5:
        lines = [R.choice(["Hej alle,", "Hei,", "Hej!", "Hi all,"]),
                 R.choice(["Dagsorden følger.", "Agenda kommer.", "Se vedhæftet referat.",
                           "Husk at læse materialet inden mødet."]), ""] + lines
    extra = None
    if vec is not None:
        field = ["SUMMARY", "DESCRIPTION", "LOCATION", "ATTENDEE"][n % 4]
        if field == "SUMMARY":
            summary = vec
        elif field == "DESCRIPTION":
            lines = [vec, ""] + lines
        elif field == "LOCATION":
            location = vec
        else:
            extra = ("ATTENDEE", vec)
    ics = calendar(svc, org, atts, summary, location, lines, extra)
    # the e-mail Subject is the summary as clients write it; positives in
    # the ATTENDEE CN only are in the calendar alone
    return message(svc, org, atts, summary, ics, lines, n)


def vectors(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 5 or c[3] != "found" or c[4] not in ("medium", "high"):
                continue
            if c[1] not in ("dk-cpr", "se-pnr", "no-fnr", "fi-hetu", "is-kt"):
                continue
            vid = c[0]
            if not any(vid.startswith(p) for p in ("dk-0", "se-0", "fnr-", "fi-0", "is-0")):
                continue
            if any(ch in c[2] for ch in '\\"\t') or len(c[2]) > 60:
                continue
            rows.append((vid, c[2]))
    return rows


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: gen_invites.py OUTDIR VECTORS.TSV [CLEAN [POSITIVE]]")
    out, vpath = sys.argv[1], sys.argv[2]
    nclean = int(sys.argv[3]) if len(sys.argv) > 3 else 400
    npos = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    os.makedirs(out, exist_ok=True)
    svcs = ["teams", "zoom", "google", "webex"]
    for i in range(nclean):
        svc = svcs[i % 4]
        with open(os.path.join(out, "clean-%04d-%s.eml" % (i, svc)), "w",
                  encoding="utf-8") as f:
            f.write(invitation(i, svc))
    rows = vectors(vpath)
    R.shuffle(rows)
    for i in range(min(npos, len(rows))):
        svc = svcs[i % 4]
        vid, text = rows[i]
        with open(os.path.join(out, "pos-%04d-%s-%s.eml" % (i, svc, vid)), "w",
                  encoding="utf-8") as f:
            f.write(invitation(i, svc, text))


if __name__ == "__main__":
    main()
