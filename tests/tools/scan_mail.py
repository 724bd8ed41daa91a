#!/usr/bin/python3
"""Wrap files as attachments of one mail, as a mail client does (RFC 2046
4.2, base64, Content-Disposition: attachment with the file name).

Usage: scan_mail.py [--to ADDR] [--id MSGID] OUT.eml FILE[=NAME] ...
The content type follows the file name's ending.
"""
import email.message
import email.policy
import os
import sys

TYPES = {"png": "image/png", "jpg": "image/jpeg", "tif": "image/tiff",
         "tiff": "image/tiff", "gif": "image/gif", "bmp": "image/bmp",
         "webp": "image/webp", "pdf": "application/pdf"}


def main():
    args = sys.argv[1:]
    to, msgid = "citizen@gmail.example", None
    while args and args[0] in ("--to", "--id"):
        if args[0] == "--to":
            to = args[1]
        else:
            msgid = args[1]
        args = args[2:]
    out = args[0]
    m = email.message.EmailMessage(policy=email.policy.SMTP)
    m["From"] = "caseworker@kommune.example"
    m["To"] = to
    m["Subject"] = "Scanning"
    m["Date"] = "Mon, 01 Jun 2026 10:00:00 +0200"
    m["Message-ID"] = "<%s@kommune.example>" % (msgid or "scan-" + os.path.basename(out))
    m.set_content("Se vedhæftede scanning.\n")
    for arg in args[1:]:
        path, _, name = arg.partition("=")
        ctype = TYPES.get(path.rsplit(".", 1)[-1].lower(), "application/octet-stream")
        with open(path, "rb") as f:
            data = f.read()
        main_t, sub_t = ctype.split("/")
        m.add_attachment(data, maintype=main_t, subtype=sub_t,
                         filename=name or os.path.basename(path))
    with open(out, "wb") as f:
        f.write(m.as_bytes())


if __name__ == "__main__":
    main()
