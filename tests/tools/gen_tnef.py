#!/usr/bin/env python3
"""gen_tnef.py - Outlook TNEF (winmail.dat) fixtures, written per [MS-OXTNEF]
(no Debian tool writes TNEF), for the TNEF reader's tests (src/mime/tnef.c).

  gen_tnef.py KIND [--text TEXT] [--rtf FILE] [--raw] > OUT

KIND:
  body      PR_BODY (plain text) and PR_SUBJECT in attMAPIProps
  rtf-mela  PR_RTF_COMPRESSED stored uncompressed ("MELA", [MS-OXRTFCP] 2.1.3.1)
  rtf-lzfu  PR_RTF_COMPRESSED really compressed ("LZFu", [MS-OXRTFCP] 2.1.3.2)
  html      PR_BODY_HTML
  attach    an attachment: attAttachTitle, attAttachData and attAttachment
            (PR_ATTACH_LONG_FILENAME, PR_ATTACH_METHOD 1) holding TEXT as notat.txt
  message   an attached message: PR_ATTACH_DATA_OBJ (IID_IMessage + a TNEF
            stream of its own, PR_ATTACH_METHOD 5) whose body holds TEXT
  damaged   "body" with one attribute's checksum broken
  cut       "body" cut in the middle of attMAPIProps
  smime     "body" with message class IPM.Note.SMIME (an encrypted message)

TEXT goes where the kind says (default: a clean Danish sentence); --rtf FILE
is the RTF document for rtf-* (default: TEXT wrapped in a minimal RTF);
--html FILE is the whole HTML document for html (default: TEXT in a <p>).
Output: a whole mail message (multipart/mixed: a text/plain body and the
stream as application/ms-tnef winmail.dat, base64), or with --raw the bare
stream. Deterministic: same arguments, same bytes. Python 3 stdlib only.
"""
import argparse
import base64
import struct
import sys
import zlib

SIG = 0x223E9F78
LVL_MSG, LVL_ATT = 1, 2
# attribute ids ([MS-OXTNEF] 2.1.3.3): type in the high word, id in the low
ATT_TNEF_VERSION = 0x00089006
ATT_OEM_CODEPAGE = 0x00069007
ATT_MESSAGE_CLASS = 0x00078008
ATT_SUBJECT = 0x00018004
ATT_MAPI_PROPS = 0x00069003
ATT_RENDDATA = 0x00069002
ATT_ATTACH_TITLE = 0x00018010
ATT_ATTACH_DATA = 0x0006800F
ATT_ATTACHMENT = 0x00069005
# property types and ids ([MS-OXCDATA] 2.11.1, [MS-OXPROPS])
PT_LONG, PT_STRING8, PT_UNICODE, PT_BINARY, PT_OBJECT = 0x0003, 0x001E, 0x001F, 0x0102, 0x000D
PR_SUBJECT, PR_BODY, PR_RTF_COMPRESSED, PR_BODY_HTML = 0x0037, 0x1000, 0x1009, 0x1013
PR_SENDER_NAME, PR_DISPLAY_TO = 0x0C1A, 0x0E04
PR_ATTACH_DATA, PR_ATTACH_METHOD, PR_ATTACH_LONG_FILENAME = 0x3701, 0x3705, 0x3707
PR_DISPLAY_NAME = 0x3001
IID_IMESSAGE = bytes.fromhex("0703020000000000c000000000000046")

CLEAN = "Hej Jens, mødet er flyttet til torsdag kl. 10 i lokale 2.14."


def attribute(level, att, data, bad_sum=False):
    s = sum(data) & 0xFFFF
    if bad_sum:
        s ^= 0x0101
    return struct.pack("<BII", level, att, len(data)) + data + struct.pack("<H", s)


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


def prop(ptype, pid, value):
    """One property ([MS-OXTNEF] 2.1.3.4): tag, then the value."""
    tag = struct.pack("<I", pid << 16 | ptype)
    if ptype == PT_LONG:
        return tag + struct.pack("<I", value)
    if ptype == PT_STRING8:
        value = value.encode("cp1252") + b"\0"
    elif ptype == PT_UNICODE:
        value = value.encode("utf-16-le") + b"\0\0"
    return tag + struct.pack("<II", 1, len(value)) + pad4(value)


def props(*ps):
    return struct.pack("<I", len(ps)) + b"".join(ps)


# [MS-OXRTFCP] 2.1.2.1: the dictionary's initial 207 bytes
PREFIX = (b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss "
          b"\\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier"
          b"{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx")
assert len(PREFIX) == 207


def crc(b):
    """[MS-OXRTFCP] 2.1.3.2: CRC-32 without the usual inversions."""
    return (zlib.crc32(b, 0xFFFFFFFF) ^ 0xFFFFFFFF) & 0xFFFFFFFF


def lzfu(raw):
    """Greedy LZFu: the longest match (2..17 bytes) in the dictionary."""
    d = bytearray(4096)
    d[:207] = PREFIX
    wp, i, out = 207, 0, bytearray()
    while True:
        ctl, run = 0, bytearray()
        for bit in range(8):
            if i >= len(raw):
                # end marker: a reference to the write position
                ctl |= 1 << bit
                run += struct.pack(">H", (wp % 4096) << 4)
                out.append(ctl)
                out += run
                body = bytes(out)
                return struct.pack("<IIII", len(body) + 12, len(raw), 0x75465A4C, crc(body)) + body
            best, boff = 0, 0
            for off in range(4096):
                if off == wp % 4096 or d[off] != raw[i]:
                    continue
                n = 0
                while n < 17 and i + n < len(raw):
                    # a byte this copy wrote itself comes from raw (overlap)
                    back = (off + n - wp) % 4096
                    b = raw[i + back] if back < n else d[(off + n) % 4096]
                    if b != raw[i + n]:
                        break
                    n += 1
                if n > best:
                    best, boff = n, off
            if best >= 2:
                ctl |= 1 << bit
                run += struct.pack(">H", boff << 4 | (best - 2))
                for k in range(best):
                    d[(wp + k) % 4096] = d[(boff + k) % 4096]
                wp += best
                i += best
            else:
                run.append(raw[i])
                d[wp % 4096] = raw[i]
                wp += 1
                i += 1
        out.append(ctl)
        out += run


def mela(raw):
    return struct.pack("<IIII", len(raw) + 12, len(raw), 0x414C454D, 0) + raw


def minimal_rtf(text):
    esc = "".join(c if ord(c) < 128 else "\\u%d?" % (ord(c) if ord(c) < 32768 else ord(c) - 65536)
                  for c in text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}"))
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
            "\\pard\\f0\\fs20 %s\\par\n}" % esc).encode("ascii")


def stream(msg_props, attachments=(), klass="IPM.Note", subject=None, bad=None, cut=False):
    out = struct.pack("<IH", SIG, 0x1234)
    attrs = [(LVL_MSG, ATT_TNEF_VERSION, struct.pack("<I", 0x00010000)),
             (LVL_MSG, ATT_OEM_CODEPAGE, struct.pack("<II", 1252, 0)),
             (LVL_MSG, ATT_MESSAGE_CLASS, klass.encode() + b"\0")]
    if subject is not None:
        attrs.append((LVL_MSG, ATT_SUBJECT, subject.encode("cp1252") + b"\0"))
    attrs.append((LVL_MSG, ATT_MAPI_PROPS, msg_props))
    for a in attachments:
        attrs += a
    for k, (lvl, att, data) in enumerate(attrs):
        a = attribute(lvl, att, data, bad_sum=(bad == k))
        if cut and att == ATT_MAPI_PROPS:
            out += a[:len(a) // 2]
            return out
        out += a
    return out


def renddata():
    return struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0)


def file_attachment(name, data):
    return [(LVL_ATT, ATT_RENDDATA, renddata()),
            (LVL_ATT, ATT_ATTACH_TITLE, name.encode("cp1252") + b"\0"),
            (LVL_ATT, ATT_ATTACH_DATA, data),
            (LVL_ATT, ATT_ATTACHMENT, props(prop(PT_UNICODE, PR_ATTACH_LONG_FILENAME, name),
                                            prop(PT_LONG, PR_ATTACH_METHOD, 1)))]


def message_attachment(name, inner):
    return [(LVL_ATT, ATT_RENDDATA, renddata()),
            (LVL_ATT, ATT_ATTACH_TITLE, name.encode("cp1252") + b"\0"),
            (LVL_ATT, ATT_ATTACHMENT, props(prop(PT_UNICODE, PR_DISPLAY_NAME, name),
                                            prop(PT_LONG, PR_ATTACH_METHOD, 5),
                                            prop(PT_OBJECT, PR_ATTACH_DATA, IID_IMESSAGE + inner)))]


def common(subject="Referat fra mødet"):
    return [prop(PT_UNICODE, PR_SUBJECT, subject),
            prop(PT_STRING8, PR_SENDER_NAME, "Sagsbehandler Ærø"),
            prop(PT_UNICODE, PR_DISPLAY_TO, "Jens Hansen")]


def build(kind, text, rtf, html=None):
    plain = CLEAN
    if kind == "body":
        return stream(props(*common(), prop(PT_UNICODE, PR_BODY, text)))
    if kind in ("rtf-mela", "rtf-lzfu"):
        comp = mela(rtf) if kind == "rtf-mela" else lzfu(rtf)
        return stream(props(*common(), prop(PT_BINARY, PR_RTF_COMPRESSED, comp)))
    if kind == "html":
        if html is None:
            html = "<html><body><p>%s</p></body></html>" % text
        return stream(props(*common(), prop(PT_BINARY, PR_BODY_HTML, html.encode("utf-8"))))
    if kind == "attach":
        return stream(props(*common(), prop(PT_UNICODE, PR_BODY, plain)),
                      [file_attachment("notat.txt", text.encode("utf-8") + b"\r\n")])
    if kind == "message":
        inner = stream(props(*common("Videresendt sag"), prop(PT_UNICODE, PR_BODY, text)))
        return stream(props(*common(), prop(PT_UNICODE, PR_BODY, plain)),
                      [message_attachment("Videresendt sag", inner)])
    if kind == "damaged":
        return stream(props(*common(), prop(PT_UNICODE, PR_BODY, text)), bad=3)
    if kind == "cut":
        return stream(props(*common(), prop(PT_UNICODE, PR_BODY, text)), cut=True)
    if kind == "smime":
        return stream(props(*common(), prop(PT_UNICODE, PR_BODY, text)), klass="IPM.Note.SMIME")
    raise SystemExit("gen_tnef.py: unknown kind " + kind)


def mail(tnef, kind):
    b64 = base64.encodebytes(tnef).decode("ascii")
    return ("From: Sagsbehandler <caseworker@kommune.example>\n"
            "To: Jens Hansen <citizen@gmail.example>\n"
            "Subject: Referat\n"
            "Date: Mon, 01 Jun 2026 10:00:00 +0200\n"
            "Message-ID: <tnef-%s@kommune.example>\n"
            "MIME-Version: 1.0\n"
            "Content-Type: multipart/mixed; boundary=\"=_tnef\"\n\n"
            "--=_tnef\n"
            "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n\n"
            "Se vedhæftede.\n\n"
            "--=_tnef\n"
            "Content-Type: application/ms-tnef; name=\"winmail.dat\"\n"
            "Content-Transfer-Encoding: base64\n"
            "Content-Disposition: attachment; filename=\"winmail.dat\"\n\n"
            "%s\n--=_tnef--\n" % (kind, b64))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind")
    ap.add_argument("--text", default=CLEAN)
    ap.add_argument("--rtf")
    ap.add_argument("--html")
    ap.add_argument("--raw", action="store_true")
    a = ap.parse_args()
    text = a.text.encode().decode("unicode_escape").encode("latin-1").decode("utf-8") \
        if "\\" in a.text else a.text
    rtf = open(a.rtf, "rb").read() if a.rtf else minimal_rtf(text)
    html = open(a.html, encoding="utf-8").read() if a.html else None
    t = build(a.kind, text, rtf, html)
    if a.raw:
        sys.stdout.buffer.write(t)
    else:
        sys.stdout.buffer.write(mail(t, a.kind).encode("utf-8"))


if __name__ == "__main__":
    main()
