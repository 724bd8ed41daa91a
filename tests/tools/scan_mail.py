#!/usr/bin/python3
"""Wrap files as attachments of one mail, as a mail client does (RFC 2046
4.2, base64, Content-Disposition: attachment with the file name).

Usage: scan_mail.py OUT.eml FILE[=NAME] ...
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
    out = sys.argv[1]
    m = email.message.EmailMessage(policy=email.policy.SMTP)
    m["From"] = "caseworker@kommune.example"
    m["To"] = "citizen@gmail.example"
    m["Subject"] = "Scanning"
    m["Date"] = "Mon, 01 Jun 2026 10:00:00 +0200"
    m["Message-ID"] = "<scan-%s@kommune.example>" % os.path.basename(out)
    m.set_content("Se vedhæftede scanning.\n")
    for arg in sys.argv[2:]:
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
