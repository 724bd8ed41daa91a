#!/usr/bin/env python3
"""gen_clients.py - replies and forwards as Outlook, Apple Mail / iOS Mail,
Gmail and Thunderbird write them, for tests/t-clients.sh and
contrib/bench/bench_compare.sh.

    gen_clients.py OUTDIR VECTORS.TSV [STEP]

Writes OUTDIR/pos-NNNN-CLIENT-SHAPE-dD-WRAP.eml (an identity number of a
`found` row of VECTORS.TSV, cut as the shape says, D levels (1-4) of
replies or forwards deep, each level quoted inline or attached as
message/rfc822) and OUTDIR/clean-NNNN-....eml (the same mail without an
identity number: nothing, a phone number, an order number or a date in the
same place, cut the same way). STEP keeps every STEP-th case (default 1:
all; tests/t-clients.sh takes a share, run_clients.sh the whole set). Python 3 standard library only; fixed seed.

What the clients write (checked against mail they sent):
- Outlook desktop, plain text: "Prefix each line of the original message"
  puts "> " before every quoted line ("> > " when it was quoted already);
  the header block is "-----Original Message-----" then "From: ...",
  "Sent: ...", "To: ...", "Subject: ..." (newer builds drop the dashes and
  start at "From:"). Forwards are not prefixed. Long lines are cut hard
  (no format=flowed), so a number ends one line and starts the next.
- Outlook desktop, HTML: the original follows
  <div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm
  0cm 0cm'> with From/Sent/To/Subject in <b>; no blockquote; Word markup
  (<p class=MsoNormal>, <o:p></o:p>, <span style='mso-...'>).
- Apple Mail / iOS Mail: text/plain; format=flowed; delsp=yes (RFC 3676
  4.5: a soft break may cut a word, the space before it is removed);
  quotes as ">" per level with one space after the last (RFC 3676 4.5:
  ">>" without spaces between markers); HTML quotes in
  <blockquote type="cite">; forwards start "Begin forwarded message:" and
  quote the forwarded headers and body with "> ".
- Gmail: plain text with hard breaks at 78 columns, "> " per level
  ("On ... wrote:" above); forwards "---------- Forwarded message ---------"
  unquoted; HTML <div class="gmail_quote"> with <blockquote
  class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid
  rgb(204,204,204);padding-left:1ex">.
- Thunderbird: text/plain; format=flowed (delsp=no, RFC 3676 4.2: soft
  breaks at spaces), ">" per level (">> " for depth 2), HTML
  <div class="moz-cite-prefix">On ... wrote:<br></div><blockquote
  type="cite" cite="mid:...">; forwards inline under
  "-------- Forwarded Message --------" with a header table.
- Mailing lists and older clients quote with "| " (Usenet / mutt
  indent_string), ">" without a space, and mixed "> |" after one reply
  through a list.
- Attached forwards are message/rfc822 parts (RFC 2046 5.2.1), as Outlook
  ("Forward as Attachment", .msg aside), Apple Mail, Gmail and Thunderbird
  ("Forward As > Attachment") send them.
"""
import base64
import os
import quopri
import random
import sys

SEED = 20261206
R = random.Random(SEED)

# vector id -> keyword line prefix; numbers are read from VECTORS.TSV
VECTORS = [("dk-006", "Borgerens CPR-nr. er"), ("dk-018", "CPR-nummer:"),
           ("dk-007", "personnummer"), ("dk-031", "CPR"),
           ("se-007", "Sökandens personnr"), ("se-013", "Personnummer:"),
           ("se-033", "Personal identity number")]

CLIENTS = ["outlook", "outlook-html", "apple", "apple-html", "ios",
           "gmail", "gmail-html", "thunderbird", "thunderbird-html"]

PLAIN_SHAPES = ["sep-nl", "space-nl", "soft-space", "soft-mid",
                "pfx-bar", "pfx-nospace", "pfx-spaced", "pfx-mixed"]
HTML_SHAPES = ["src-nl", "br", "span", "mso-span", "br-nl", "o-p", "div-lines"]


def load_vectors(path):
    rows = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) > 3 and f[3] == "found":
                rows[f[0]] = f[2]
    out = []
    for vid, kw in VECTORS:
        digits = "".join(c for c in rows[vid] if c.isdigit())[-10:]
        out.append((vid, kw, digits[:6], digits[6:]))
    return out


def clean_pair():
    """A number that is no identity number, as two halves."""
    k = R.randrange(4)
    if k == 0:
        return ("Tlf.", "70 12", "34 56")
    if k == 1:
        return ("Ordrenr.", "4471", "%06d" % R.randrange(10 ** 6))
    if k == 2:
        return ("Mødet er", "1. juni", "2026 kl. 10:00")
    return ("Sagsnr.", "2026-", "%04d" % R.randrange(10 ** 4))


# ------------------------------------------------------------ innermost text
def plain_core(kw, a, b, shape):
    """Lines (without quote markers) holding KW A-B cut as SHAPE; soft
    breaks are a trailing space (the flowed writers add the markers)."""
    if shape in ("sep-nl", "pfx-bar", "pfx-nospace", "pfx-spaced",
                 "pfx-mixed"):
        return ["Hej,", "", "%s %s-" % (kw, a), "%s, og sagen haster." % b]
    if shape == "space-nl":
        return ["Hej,", "", "%s %s" % (kw, a), "%s er rettet." % b]
    if shape == "soft-space":
        return ["Hej,", "", "%s %s " % (kw, a), "%s er rettet." % b]
    # soft-mid: cut inside the first digit group (delsp=yes removes the space)
    return ["Hej,", "", "%s %s " % (kw, a[:3]), "%s-%s er rettet." % (a[3:], b)]


def html_core(kw, a, b, shape):
    if shape == "src-nl":
        return "<div>%s %s-\n%s, og sagen haster.</div>" % (kw, a, b)
    if shape == "br":
        return "<div>%s %s-<br>%s, og sagen haster.</div>" % (kw, a, b)
    if shape == "br-nl":
        return "<div>%s %s<br>\n%s er rettet.</div>" % (kw, a, b)
    if shape == "div-lines":
        # Apple Mail, iOS Mail and Gmail write every line as a <div>
        return "<div>Hej,</div><div><br></div><div>%s %s-</div>\n<div>%s, og sagen haster.</div>" % (kw, a, b)
    if shape == "span":
        return "<div>%s <b>%s</b><span>%s</span>-%s</div>" % (kw, a[:2], a[2:], b)
    if shape == "mso-span":
        return ("<p class=MsoNormal>%s %s<span style='mso-spacerun:yes'>"
                "</span>-<span lang=DA>%s</span><o:p></o:p></p>" % (kw, a, b))
    return "<p class=MsoNormal>%s %s-<o:p></o:p>%s<o:p></o:p></p>" % (kw, a, b)


# ------------------------------------------------------------ quoting
def prefix_for(client, shape, level):
    if shape == "pfx-bar":
        return "| "
    if shape == "pfx-nospace":
        return ">"
    if shape == "pfx-spaced":
        return "> > " if level == 1 else "> "
    if shape == "pfx-mixed":
        return "| " if level % 2 else "> "
    return "> "


def quote_lines(lines, client, shape, level, flowed):
    if flowed:
        # RFC 3676 4.5: markers without spaces between, one space after
        out = []
        for l in lines:
            if l.startswith(">"):
                out.append(">" + l)
            else:
                out.append("> " + l if l else ">")
        return out
    p = prefix_for(client, shape, level)
    return [p + l if l else p.rstrip() for l in lines]


def attribution(client, level, fwd):
    d = "Fri, 29 May 2026 14:0%d" % level
    who = "Person %d <p%d@kommune.example>" % (level, level)
    if client.startswith("outlook"):
        h = ["From: " + who, "Sent: Friday, May 29, 2026 14:0%d" % level,
             "To: Jens <jens@kommune.example>", "Subject: Sag %d" % level]
        return (["-----Original Message-----"] if level % 2 else []) + h + [""]
    if client.startswith("gmail"):
        if fwd:
            return ["---------- Forwarded message ---------",
                    "From: " + who, "Date: " + d, "Subject: Sag", "To: <jens@kommune.example>", ""]
        return ["On %s, %s wrote:" % (d, who), ""]
    if client.startswith(("apple", "ios")):
        if fwd:
            return ["Begin forwarded message:", ""]
        return ["On 29 May 2026, at 14:0%d, %s wrote:" % (level, who), ""]
    if fwd:
        return ["-------- Forwarded Message --------", "Subject: \tSag",
                "Date: \t" + d, "From: \t" + who, ""]
    return ["On 29/05/2026 14.0%d, %s wrote:" % (level, who)]


def wrap_plain(lines, client, shape, level, fwd, flowed):
    head = ["Tak, jeg kigger på det.", "", "/Jens", ""]
    att = attribution(client, level, fwd)
    if fwd and not client.startswith(("apple", "ios")):
        return head + att + lines
    if fwd:  # Apple quotes the forwarded message, headers and all
        return head + att + quote_lines(
            ["From: Person %d <p%d@kommune.example>" % (level, level),
             "Subject: Sag", ""] + lines, client, shape, level, flowed)
    return head + att + quote_lines(lines, client, shape, level, flowed)


def wrap_html(inner, client, level, fwd):
    who = "Person %d &lt;p%d@kommune.example&gt;" % (level, level)
    if client.startswith("outlook"):
        return ("<div class=WordSection1><p class=MsoNormal>Tak, jeg kigger "
                "p&aring; det.<o:p></o:p></p><div><div style='border:none;"
                "border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
                "<p class=MsoNormal><b>From:</b> %s<br><b>Sent:</b> Friday, "
                "May 29, 2026 14:0%d<br><b>To:</b> Jens<br><b>Subject:</b> "
                "Sag<o:p></o:p></p></div></div><p class=MsoNormal><o:p>"
                "&nbsp;</o:p></p>%s</div>" % (who, level, inner))
    if client.startswith("gmail"):
        if fwd:
            return ("<div dir=\"ltr\">Se nedenfor<br><br><div class=\"gmail_quote\">"
                    "<div dir=\"ltr\" class=\"gmail_attr\">---------- Forwarded "
                    "message ---------<br>From: %s<br>Date: Fri, 29 May 2026<br>"
                    "</div><br><br>%s</div></div>" % (who, inner))
        return ("<div dir=\"ltr\">Tak</div><br><div class=\"gmail_quote\"><div "
                "dir=\"ltr\" class=\"gmail_attr\">On Fri, 29 May 2026 at 14:0%d, "
                "%s wrote:<br></div><blockquote class=\"gmail_quote\" style=\""
                "margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);"
                "padding-left:1ex\">%s</blockquote></div>" % (level, who, inner))
    if client.startswith(("apple", "ios")):
        # a quoted Apple message keeps its body, not a second <html>
        if inner.startswith("<html>"):
            inner = inner[inner.index("<body dir=\"auto\">") + 17:-len("</body></html>")]
        return ("<html><head><meta http-equiv=\"content-type\" content=\"text/"
                "html; charset=utf-8\"></head><body dir=\"auto\"><div>Tak</div>"
                "<div><br><blockquote type=\"cite\"><div>On 29 May 2026, at "
                "14:0%d, %s wrote:</div><br class=\"Apple-interchange-newline\">"
                "<div>%s</div></blockquote></div></body></html>" % (level, who, inner))
    return ("<p>Tak</p><div class=\"moz-cite-prefix\">On 29/05/2026 14.0%d, %s "
            "wrote:<br></div><blockquote type=\"cite\" cite=\"mid:m%d@kommune."
            "example\">%s</blockquote>" % (level, who, level, inner))


# ------------------------------------------------------------ MIME
def headers(client, subj, ctype, extra=""):
    mailer = {"outlook": "Microsoft Outlook 16.0", "apple": "Apple Mail (2.3774)",
              "ios": "iPhone Mail (21F90)", "gmail": None,
              "thunderbird": "Mozilla Thunderbird"}[client.split("-")[0]]
    h = ["From: Jens Hansen <jens@kommune.example>",
         "To: colleague@kommune.example, citizen@gmail.example",
         "Subject: " + subj, "Date: Mon, 1 Jun 2026 10:00:00 +0200",
         "Message-ID: <%08x@kommune.example>" % R.getrandbits(32),
         "MIME-Version: 1.0"]
    if mailer:
        h.append(("User-Agent: " if client.startswith("thunderbird") else "X-Mailer: ") + mailer)
    h.append("Content-Type: " + ctype)
    if extra:
        h.append(extra)
    return "\r\n".join(h) + "\r\n"


def plain_ctype(client):
    if client in ("apple", "ios"):
        return "text/plain; charset=utf-8; format=flowed; delsp=yes"
    if client == "thunderbird":
        return "text/plain; charset=UTF-8; format=flowed"
    return "text/plain; charset=\"utf-8\""


def flowed_out(lines, client):
    """Soft breaks stay as the trailing space; hard lines lose trailing
    spaces unless the client writes flowed (RFC 3676 4.1)."""
    if client in ("apple", "ios", "thunderbird"):
        return lines
    return [l.rstrip(" ") for l in lines]


def encode(body):
    """A transfer encoding as the clients pick one (RFC 2045): Outlook and
    Gmail quoted-printable for long lines, Apple Mail base64 or 8bit."""
    k = R.randrange(3)
    if k == 0:
        return "8bit", body
    raw = body.replace("\r\n", "\n").encode("utf-8")
    if k == 1:
        enc = quopri.encodestring(raw).decode("ascii")
        return "quoted-printable", enc.replace("\n", "\r\n")
    enc = base64.encodebytes(raw).decode("ascii")
    return "base64", enc.replace("\n", "\r\n")


def message(client, body, subj):
    html = client.endswith("-html")
    ctype = "text/html; charset=\"utf-8\"" if html else plain_ctype(client)
    cte, body = encode(body)
    return headers(client, subj, ctype, "Content-Transfer-Encoding: " + cte) + "\r\n" + body


def attach(client, outer_text, inner_msg, html):
    bnd = "----=_Part_%08x" % R.getrandbits(32)
    ctype = "text/html; charset=\"utf-8\"" if html else plain_ctype(client)
    return (headers(client, "Fwd: Sag", "multipart/mixed; boundary=\"%s\"" % bnd)
            + "\r\n--%s\r\nContent-Type: %s\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            "%s\r\n--%s\r\nContent-Type: message/rfc822\r\nContent-Disposition: "
            "attachment; filename=\"Sag.eml\"\r\n\r\n%s\r\n--%s--\r\n"
            % (bnd, ctype, outer_text, bnd, inner_msg, bnd))


def build(client, shape, depth, wrap, kw, a, b):
    """One message; wrap 'inline', 'attached' or 'mixed' (levels alternate)."""
    html = client.endswith("-html")
    flowed = client in ("apple", "ios", "thunderbird")
    if shape == "pfx-nospace" or shape.startswith("pfx-"):
        flowed = False
    cur = html_core(kw, a, b, shape) if html else plain_core(kw, a, b, shape)
    msg = None      # once a level attaches, every level above attaches too
    for level in range(1, depth + 1):
        fwd = level % 2 == 0
        as_attach = (wrap == "attached" and level > 1) or \
            (wrap == "mixed" and level > (depth + 1) // 2)
        if as_attach:
            if msg is None:
                body = cur if html else "\r\n".join(flowed_out(cur, client)) + "\r\n"
                msg = message(client, body, "Sag %d" % level)
            text = wrap_html("<p>Se vedh&aelig;ftede.</p>", client, level, True) \
                if html else "Se vedhæftede.\r\n"
            msg = attach(client, text, msg, html)
            continue
        if html:
            cur = wrap_html(cur, client, level, fwd)
        else:
            cur = wrap_plain(cur, client, shape, level, fwd, flowed)
    if msg is not None:
        return msg
    body = cur if html else "\r\n".join(flowed_out(cur, client)) + "\r\n"
    return message(client, body, "SV: Sag")


def shapes_for(client):
    if client.endswith("-html"):
        return HTML_SHAPES
    s = ["sep-nl", "space-nl", "pfx-bar", "pfx-nospace", "pfx-spaced", "pfx-mixed"]
    if client in ("apple", "ios"):
        s += ["soft-space", "soft-mid"]
    if client == "thunderbird":
        s += ["soft-space"]
    return s


def main():
    out, vec = sys.argv[1], sys.argv[2]
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    vectors = load_vectors(vec)
    os.makedirs(out, exist_ok=True)
    n = 0
    for client in CLIENTS:
        for shape in shapes_for(client):
            for depth in (1, 2, 3, 4):
                for wrap in ("inline", "attached", "mixed"):
                    if depth == 1 and wrap != "inline":
                        continue
                    n += 1
                    vid, kw, a, b = vectors[n % len(vectors)]
                    name = "%04d-%s-%s-d%d-%s" % (n, client, shape, depth, wrap)
                    m = build(client, shape, depth, wrap, kw, a, b)
                    ckw, ca, cb = clean_pair()
                    if n % step:
                        continue
                    with open(os.path.join(out, "pos-%s-%s.eml" % (name, vid)), "wb") as fh:
                        fh.write(m.encode("utf-8"))
                    if shape == "soft-mid":
                        ca = ca.replace(" ", "")
                    m = build(client, shape, depth, wrap, ckw, ca, cb)
                    with open(os.path.join(out, "clean-%s.eml" % name), "wb") as fh:
                        fh.write(m.encode("utf-8"))
    print(n)


if __name__ == "__main__":
    main()
