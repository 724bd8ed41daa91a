#!/usr/bin/env python3
"""probe_bypass.py - adversarial probe for issue 9 (cleartext bypasses).

Generates messages that hold a valid identity number a mail client shows
(positives, one or more per issue item 1-14) and clean look-alikes
(invoices, phone lists, order numbers, dates, meeting IDs, IBANs), runs
each through `sealmilter --scan` with an untrusted recipient and prints
how many positives pass as public (action accept) and how many clean ones
are refused (false positives).

Numbers come from tests/data/vectors.tsv rows marked `found` (ids cited in
each case); nothing printed holds a number in clear. Archives, PDFs and
encrypted files are made by the real tools (zip, 7z, tar, gzip, bzip2, xz,
qpdf, gpg) when present; a case whose tool is missing is reported as
skipped, not passed.

usage: probe_bypass.py [--bin build/milter/sealmilter] [--keep DIR] [-v]
       probe_bypass.py --write-corpus NAME... --out DIR   (copy cases out)
"""
import argparse, base64, codecs, gzip, io, json, os, quopri, re, shutil
import subprocess, sys, tempfile, zipfile, zlib

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONF = os.path.join(TOP, "tests/data/golden.conf")


def vectors():
    v = {}
    with open(os.path.join(TOP, "tests/data/vectors.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) > 3 and c[3] == "found":
                s = codecs.decode(c[2], "unicode_escape")
                m = re.search(r"\d{6,8}[-+A-Y ]?\d{3,5}[0-9A-Y]?", s)
                if m:
                    v[c[0]] = m.group(0)
    return v


V = vectors()


def num(vid):
    """The number of vector vid as written there."""
    return V[vid]


def dig(vid):
    """Date part and serial of a vector's number (DK/IS/NO: 6 + rest)."""
    d = re.sub(r"[^0-9]", "", V[vid])
    return d[:6], d[6:]


def hyph(vid):
    a, b = dig(vid)
    return a + "-" + b


HDR = ("From: Sagsbehandler <caseworker@kommune.example>\n"
       "To: Borger <citizen@gmail.example>\n"
       "Date: Mon, 01 Jun 2026 09:00:00 +0200\n"
       "Message-ID: <{mid}@probe.example>\n"
       "Subject: {subj}\n"
       "MIME-Version: 1.0\n")


def msg(body_headers, body, subj="Sag", extra=""):
    return (HDR.format(mid=abs(hash(body)) % 10**9, subj=subj) + extra +
            body_headers + "\n" + body)


def b64(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return base64.encodebytes(data).decode("ascii")


def plain(text, charset="utf-8", cte="8bit", extra_ct=""):
    return msg("Content-Type: text/plain; charset=%s%s\nContent-Transfer-Encoding: %s\n"
               % (charset, extra_ct, cte), text)


def html(h, cte="8bit"):
    return msg("Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: %s\n"
               % cte, h)


def attach(ctype, fname, data, note="Se vedhæftede fil.\n", cte="base64"):
    if isinstance(data, str):
        data = data.encode("utf-8")
    enc = b64(data) if cte == "base64" else data.decode("latin-1")
    return msg("Content-Type: multipart/mixed; boundary=\"b1\"\n",
               "--b1\nContent-Type: text/plain; charset=utf-8\n\n" + note +
               "\n--b1\nContent-Type: %s; name=\"%s\"\n"
               "Content-Disposition: attachment; filename=\"%s\"\n"
               "Content-Transfer-Encoding: %s\n\n%s\n--b1--\n"
               % (ctype, fname, fname, cte, enc))


def tool(*args, cwd=None, stdin=None):
    if shutil.which(args[0]) is None:
        raise FileNotFoundError(args[0])
    return subprocess.run(args, cwd=cwd, input=stdin, check=True,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout


def tmpfiles(files):
    d = tempfile.mkdtemp(prefix="probe")
    for name, data in files.items():
        p = os.path.join(d, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return d


def read(path):
    with open(path, "rb") as f:
        return f.read()


def zipped(files, comp=zipfile.ZIP_DEFLATED):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", comp) as z:
        for n, d in files.items():
            z.writestr(n, d)
    return bio.getvalue()


CT_DOCX = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types xmlns=\"http://schemas."
           "openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
           "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Override PartName=\"/{main}\" ContentType=\"application/vnd.openxmlformats-"
           "officedocument.wordprocessingml.document.main+xml\"/>{extra}</Types>")
RELS = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas."
        "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type="
        "\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"{main}\"/>{extra}</Relationships>")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paras, main="word/document.xml", more=None, ct_extra="", rel_extra=""):
    body = "".join("<w:p><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>" % p
                   for p in paras)
    files = {"[Content_Types].xml": CT_DOCX.format(main=main, extra=ct_extra),
             "_rels/.rels": RELS.format(main=main, extra=rel_extra),
             main: "<?xml version=\"1.0\"?><w:document xmlns:w=\"%s\"><w:body>%s"
                   "</w:body></w:document>" % (W, body)}
    files.update(more or {})
    return zipped(files)


def pdf(text_ops, extra_objs=(), catalog_extra="", info=None, annots=""):
    """A one-page PDF written by hand, repaired (xref) by qpdf."""
    stream = "BT /F1 12 Tf 72 720 Td %s ET" % text_ops
    objs = ["<< /Type /Catalog /Pages 2 0 R %s >>" % catalog_extra,
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> %s >>" % annots,
            "<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objs += list(extra_objs)
    out = "%PDF-1.4\n"
    for i, o in enumerate(objs, 1):
        out += "%d 0 obj\n%s\nendobj\n" % (i, o)
    out += "trailer\n<< /Root 1 0 R /Size %d %s >>\n%%%%EOF\n" % (
        len(objs) + 1, ("/Info %d 0 R" % info) if info else "")
    d = tmpfiles({"in.pdf": out.encode("latin-1")})
    try:
        tool("qpdf", "in.pdf", "out.pdf", cwd=d)
    except subprocess.CalledProcessError as e:
        if e.returncode != 3:      # 3: warnings (the xref was rebuilt)
            raise
    data = read(os.path.join(d, "out.pdf"))
    shutil.rmtree(d)
    return data


def qpdf_args(data, *args):
    d = tmpfiles({"in.pdf": data})
    tool("qpdf", *args, "in.pdf", "out.pdf", cwd=d)
    out = read(os.path.join(d, "out.pdf"))
    shutil.rmtree(d)
    return out


def arch(cmd, files, out):
    d = tmpfiles(files)
    tool(*cmd, cwd=d)
    data = read(os.path.join(d, out))
    shutil.rmtree(d)
    return data


def soffice(fname, text, fmt):
    d = tmpfiles({fname: text})
    tool("soffice", "--headless", "--convert-to", fmt, "--outdir", d,
         os.path.join(d, fname), cwd=d)
    base = os.path.splitext(fname)[0]
    data = read(os.path.join(d, base + "." + fmt.split(":")[0]))
    shutil.rmtree(d)
    return data


def u(s, sep):
    """Digits of s joined by sep."""
    return sep.join(s)


# ---------------------------------------------------------------- positives
def positives():
    P = []   # (name, item, vector, builder, rcpt or None)

    def add(name, item, vid, fn, rcpt=None):
        P.append((name, item, vid, fn, rcpt))

    a, b = dig("dk-012")
    n12 = a + "-" + b
    # 1: zero-length reads
    add("b64-invalid-run", 1, "dk-012", lambda: plain(
        ("!!!!" * 19 + "\n") * 70 + b64("Vedr. " + n12 + "\n"), cte="base64"))
    add("qp-softbreak-run", 1, "dk-024", lambda: plain(
        "=\n" * 2500 + "Sag " + hyph("dk-024") + "\n", cte="quoted-printable"))
    add("b64-ws-docx", 1, "dk-006", lambda: attach(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "notat.docx", b"") .replace("\n\n\n--b1--", "\n\n" + " \n" * 5000 + b64(
            docx(["Borger " + hyph("dk-006")])) + "\n--b1--"))
    add("b64-ws-pdf", 1, "dk-018", lambda: attach("application/pdf", "n.pdf", b"")
        .replace("\n\n\n--b1--", "\n\n" + "\t\n" * 5000 + b64(
            pdf("(Sag %s) Tj" % hyph("dk-018"))) + "\n--b1--"))
    add("uuencode-cte", 1, "dk-007", lambda: msg(
        "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: x-uuencode\n",
        "begin 644 a.txt\n" + codecs.encode(("Sag " + hyph("dk-007") + "\n").encode(),
                                          "uu").decode().split("\n", 1)[1]))
    # 2: uninspected content
    txt = "Borger " + hyph("dk-019") + "\n"
    add("gzip-octet", 2, "dk-019", lambda: attach("application/octet-stream", "data.bin",
                                                  gzip.compress(txt.encode())))
    add("bzip2-text", 2, "dk-019", lambda: attach("application/x-bzip2", "liste.txt.bz2",
                                                  arch(["bzip2", "-k", "l.txt"], {"l.txt": txt}, "l.txt.bz2")))
    add("xz-text", 2, "dk-019", lambda: attach("application/x-xz", "liste.txt.xz",
                                               arch(["xz", "-k", "l.txt"], {"l.txt": txt}, "l.txt.xz")))
    add("tar-bz2", 2, "dk-019", lambda: attach("application/x-tar", "a.tar.bz2",
                                               arch(["tar", "cjf", "a.tbz", "d/l.txt"], {"d/l.txt": txt}, "a.tbz")))
    add("7z-plain", 2, "dk-019", lambda: attach("application/x-7z-compressed", "a.7z",
                                                arch(["7z", "a", "a.7z", "l.txt"], {"l.txt": txt}, "a.7z")))
    add("7z-enc-headers", 2, "dk-019", lambda: attach("application/octet-stream", "a.bin",
                                                      arch(["7z", "a", "-pSecret1", "-mhe=on", "a.7z", "l.txt"], {"l.txt": txt}, "a.7z")))
    add("zip-enc-aes", 2, "dk-019", lambda: attach("application/zip", "a.zip",
                                                   arch(["7z", "a", "-tzip", "-pSecret1", "-mem=AES256", "a.zip", "l.txt"], {"l.txt": txt}, "a.zip")))
    add("utf16-in-binary", 2, "dk-019", lambda: attach("application/octet-stream", "x.dat",
                                                       bytes(range(0, 200)) + ("Borger " + hyph("dk-019")).encode("utf-16-le") + bytes(range(200, 256))))
    add("zlib-raw", 2, "dk-019", lambda: attach("application/octet-stream", "x.z",
                                                zlib.compress(txt.encode() * 3)))
    add("lo-doc", 2, "dk-013", lambda: attach("application/msword", "brev.doc",
                                              soffice("brev.txt", "Borger " + hyph("dk-013") + "\n", "doc")))
    add("lo-rtf", 2, "dk-013", lambda: attach("application/rtf", "brev.rtf",
                                              soffice("brev.txt", "Borger " + hyph("dk-013") + "\n", "rtf")))
    add("lo-xls", 2, "dk-013", lambda: attach("application/vnd.ms-excel", "ark.xls",
                                              soffice("ark.csv", "Navn,Nummer\nJens," + hyph("dk-013") + "\n", "xls")))
    # 3: zip entries
    add("zip-entry-bin-text", 3, "dk-025", lambda: attach("application/zip", "a.zip",
                                                          zipped({"data/readme.bin": "Borger " + hyph("dk-025") + "\n"})))
    add("zip-docx-as-dat", 3, "dk-025", lambda: attach("application/zip", "a.zip",
                                                       zipped({"bilag.dat": docx(["Borger " + hyph("dk-025")])})))
    add("zip-sfx-prefix", 3, "dk-025", lambda: attach("application/octet-stream", "setup.exe",
                                                      b"MZ" + bytes(4000) + zipped({"l.txt": "Borger " + hyph("dk-025")})))
    add("zip-eml-entry", 3, "dk-025", lambda: attach("application/zip", "a.zip",
                                                     zipped({"mail": "Subject: x\n\nBorger " + hyph("dk-025") + "\n"})))
    add("zip-depth3", 3, "dk-025", lambda: attach("application/zip", "a.zip",
                                                  zipped({"b.zip": zipped({"c.zip": zipped({"l.txt": "Borger " + hyph("dk-025")})})})))
    add("zip-stored-utf16", 3, "dk-025", lambda: attach("application/zip", "a.zip",
                                                        zipped({"l.txt": ("\ufeffBorger " + hyph("dk-025")).encode("utf-16-le")}, zipfile.ZIP_STORED)))
    add("zip-pdf-prefix", 3, "dk-025", lambda: attach("application/zip", "a.zip",
                                                      zipped({"scan.bin": b"\0" * 300 + pdf("(Borger %s) Tj" % hyph("dk-025"))})))
    add("zip-cli-tool", 3, "dk-025", lambda: attach("application/zip", "a.zip",
                                                    arch(["zip", "-q", "-r", "a.zip", "d"], {"d/noter": "Borger " + hyph("dk-025")}, "a.zip")))
    # 4: OOXML / ODF
    add("docx-renamed-main", 4, "dk-028", lambda: attach("application/octet-stream", "x.docx",
                                                         docx(["Borger " + hyph("dk-028")], main="word/body1.xml")))
    add("docx-footnote", 4, "dk-028", lambda: attach("application/octet-stream", "x.docx",
                                                     docx(["Se note"], more={"word/footnotes.xml": "<w:footnotes xmlns:w=\"%s\"><w:footnote><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:footnote></w:footnotes>" % (W, hyph("dk-028"))},
                                                          ct_extra="<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>")))
    add("docx-custom-props", 4, "dk-028", lambda: attach("application/octet-stream", "x.docx",
                                                         docx(["Hej"], more={"docProps/custom.xml": "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><property name=\"Borger\"><vt:lpwstr>%s</vt:lpwstr></property></Properties>" % hyph("dk-028")})))
    add("docx-split-runs-proof", 4, "dk-028", lambda: attach("application/octet-stream", "x.docx",
                                                             zipped({"[Content_Types].xml": CT_DOCX.format(main="word/document.xml", extra=""), "_rels/.rels": RELS.format(main="word/document.xml", extra=""),
                                                                     "word/document.xml": "<w:document xmlns:w=\"%s\"><w:body><w:p><w:r><w:t>%s</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t>%s</w:t></w:r><w:bookmarkStart w:id=\"0\"/><w:r><w:t>-%s</w:t></w:r></w:p></w:body></w:document>" % (W, dig("dk-028")[0][:3], dig("dk-028")[0][3:], dig("dk-028")[1])})))
    add("lo-odt", 4, "dk-028", lambda: attach("application/vnd.oasis.opendocument.text", "b.odt",
                                              soffice("b.txt", "Borger " + hyph("dk-028") + "\n", "odt")))
    add("lo-xlsx", 4, "dk-028", lambda: attach("application/octet-stream", "b.xlsx",
                                               soffice("b.csv", "Navn,Nummer\nJens," + hyph("dk-028") + "\n", "xlsx")))
    add("pptx-slide-renamed", 4, "dk-028", lambda: attach("application/octet-stream", "b.pptx", zipped({
        "[Content_Types].xml": "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/ppt/presentation.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml\"/><Override PartName=\"/ppt/slides/s1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.slide+xml\"/></Types>",
        "_rels/.rels": RELS.format(main="ppt/presentation.xml", extra=""),
        "ppt/presentation.xml": "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>",
        "ppt/slides/s1.xml": "<p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:t>Borger %s</a:t></p:sld>" % hyph("dk-028")})))
    # 5: HTML
    a5, b5 = dig("dk-005")
    add("html-style-class-decoy", 5, "dk-005", lambda: html(
        "<html><head><style>.x{display:none}</style></head><body><p>Borger %s<span class=\"x\">7</span>-%s</p></body></html>" % (a5, b5)))
    add("html-style-id-decoy", 5, "dk-005", lambda: html(
        "<html><head><style type=\"text/css\">\n#d1 { font-size: 0px; }\n</style></head><body><p>Borger %s<span id=\"d1\">42</span>%s</p></body></html>" % (a5, b5)))
    add("html-style-elem-decoy", 5, "dk-005", lambda: html(
        "<html><head><style>u{visibility:hidden}</style></head><body><p>Borger %s<u>9</u>-%s</p></body></html>" % (a5, b5)))
    add("html-css-content", 5, "dk-005", lambda: html(
        "<html><head><style>.n::after{content:\"%s-%s\"}</style></head><body><p>Borger <span class=\"n\"></span></p></body></html>" % (a5, b5)))
    add("html-img-alt", 5, "dk-005", lambda: html(
        "<p>Se <img src=\"cid:x\" alt=\"Borger %s-%s\"></p>" % (a5, b5)))
    add("html-textarea", 5, "dk-005", lambda: html(
        "<form><textarea>%s-%s</textarea></form>" % (a5, b5)))
    add("html-numeric-refs", 5, "dk-005", lambda: html(
        "<p>Borger " + "".join("&#x%x;" % ord(c) for c in a5 + "-" + b5) + "</p>"))
    add("html-wbr-split", 5, "dk-005", lambda: html(
        "<p>Borger %s<wbr>%s<wbr>-%s</p>" % (a5[:3], a5[3:], b5)))
    add("html-svg-text", 5, "dk-005", lambda: html(
        "<svg><text x=\"0\" y=\"10\">%s-%s</text></svg>" % (a5, b5)))
    add("html-qp-entity-split", 5, "dk-005", lambda: html(
        quopri.encodestring(("<p>Borger %s&#45;%s</p>" % (a5, b5)).encode()).decode()
        .replace("&#4", "&#=\n4"), cte="quoted-printable"))
    add("html-offscreen-decoy", 5, "dk-005", lambda: html(
        "<p>Borger %s<span style=\"position:absolute;left:-9999px\">77</span>-%s</p>" % (a5, b5)))
    add("html-width0-decoy", 5, "dk-005", lambda: html(
        "<p>Borger %s<span style=\"display:inline-block;width:0;height:0;overflow:hidden\">77</span>-%s</p>" % (a5, b5)))
    add("html-white-on-white", 5, "dk-005", lambda: html(
        "<body style=\"background:#fff\"><p>Borger %s<span style=\"color:#ffffff\">77</span>-%s</p></body>" % (a5, b5)))
    add("html-area-href", 5, "dk-005", lambda: html(
        "<map><area href=\"https://sag.example/?b=%s%%2D%s\"></map><p>Se link</p>" % (a5, b5)))
    add("html-abbr-title", 5, "dk-005", lambda: html(
        "<p>Borger <abbr title=\"%s-%s\">JH</abbr></p>" % (a5, b5)))
    # 6: invisible characters
    s = hyph("dk-006")
    add("inv-times", 6, "dk-006", lambda: plain("Borger " + "\u2062".join(s) + "\n"))
    add("var-selectors", 6, "dk-006", lambda: plain("Borger " + "\ufe0f".join(s) + "\n"))
    add("combining-underline", 6, "dk-006", lambda: plain("Borger " + "".join(c + "\u0332" for c in s) + "\n"))
    add("math-bold-digits", 6, "dk-006", lambda: plain("Borger " + "".join(chr(0x1d7ce + int(c)) if c.isdigit() else c for c in s) + "\n"))
    add("fullwidth-digits", 6, "dk-006", lambda: plain("Borger " + "".join(chr(0xff10 + int(c)) if c.isdigit() else "\uff0d" for c in s) + "\n"))
    add("tag-chars", 6, "dk-006", lambda: plain("Borger " + "\U000e0020".join(s) + "\n"))
    add("mongolian-sep", 6, "dk-006", lambda: plain("Borger " + "\u180e".join(s) + "\n"))
    add("hangul-filler", 6, "dk-006", lambda: plain("Borger " + s[:6] + "\u3164" + s[7:] + "\n"))
    add("nb-hyphen", 6, "dk-006", lambda: plain("Borger " + s.replace("-", "\u2011") + "\n"))
    add("small-hyphen", 6, "dk-006", lambda: plain("Borger " + s.replace("-", "\ufe63") + "\n"))
    add("lri-pdi", 6, "dk-006", lambda: plain("Borger \u2066" + s[:6] + "\u2069\u2066" + s[6:] + "\u2069\n"))
    add("arabic-indic", 6, "dk-006", lambda: plain("Borger " + "".join(chr(0x660 + int(c)) if c.isdigit() else c for c in s) + "\n"))
    add("circled-digits", 6, "dk-006", lambda: plain("Borger " + "".join("\u24ea" if c == "0" else chr(0x2460 + int(c) - 1) if c.isdigit() else c for c in s) + "\n"))
    # 7: boundaries
    add("table-row-spaces", 7, "dk-024", lambda: plain("Nr Navn Nummer Beløb\n3 Jens " + hyph("dk-024") + " 1200\n"))
    add("list-dot-hyph", 7, "dk-024", lambda: plain("12. " + hyph("dk-024") + " 4500 kr\n"))
    add("digits-spaced-row", 7, "dk-024", lambda: plain("Linje: 17 " + "".join(dig("dk-024")) + " 42\n"))
    # 8: separators
    a8, b8 = dig("dk-016")
    add("sep-tab", 8, "dk-016", lambda: plain("Borger\t" + a8 + "\t" + b8 + "\n"))
    add("sep-spaced-hyph", 8, "dk-016", lambda: plain("Borger " + a8 + " - " + b8 + "\n"))
    add("sep-dotted-date", 8, "dk-016", lambda: plain("Borger " + a8[:2] + "." + a8[2:4] + "." + a8[4:] + "-" + b8 + "\n"))
    add("sep-nbsp", 8, "dk-016", lambda: plain("Borger " + a8 + "\u00a0" + b8 + "\n"))
    add("sep-nnbsp", 8, "dk-016", lambda: plain("Borger " + a8 + "\u202f" + b8 + "\n"))
    add("sep-slash", 8, "dk-016", lambda: plain("CPR-nr. " + a8 + "/" + b8 + "\n"))
    add("no-grouped", 8, "fnr-001", lambda: plain("Fødselsnummer " + dig("fnr-001")[0] + " " + dig("fnr-001")[1][:3] + " " + dig("fnr-001")[1][3:] + "\n"))
    add("sep-dotted-full", 8, "dk-016", lambda: plain("CPR " + a8[:2] + "." + a8[2:4] + "." + a8[4:] + "." + b8 + "\n"))
    # 9: charset
    t9 = "Borger " + hyph("dk-022") + "\n"
    add("utf16be-nobom-ascii", 9, "dk-022", lambda: msg(
        "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: base64\n", b64(t9.encode("utf-16-be"))))
    add("utf16le-bom-octet-txt", 9, "dk-022", lambda: attach("application/octet-stream", "x.txt", "\ufeff".encode("utf-16-le") + t9.encode("utf-16-le")))
    add("utf32-labelled", 9, "dk-022", lambda: msg(
        "Content-Type: text/plain; charset=utf-32\nContent-Transfer-Encoding: base64\n", b64(t9.encode("utf-32"))))
    add("utf7-digits", 9, "dk-022", lambda: msg(
        "Content-Type: text/plain; charset=utf-7\nContent-Transfer-Encoding: 7bit\n",
        "Borger +" + base64.b64encode(hyph("dk-022").encode("utf-16-be")).decode().rstrip("=") + "-\n"))
    add("utf16-csv-octet", 9, "dk-022", lambda: attach("application/octet-stream", "export.csv", ("Navn\tNummer\r\nJens\t" + hyph("dk-022") + "\r\n").encode("utf-16")))
    # 10: text formats
    n10 = hyph("dk-029")
    add("ics-folded-escape", 10, "dk-029", lambda: attach("text/calendar", "m.ics",
                                                          "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:Borger\\n" + n10[:4] + "\r\n " + n10[4:] + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
    add("vcard-b64-note", 10, "dk-029", lambda: attach("text/vcard", "c.vcf",
                                                       "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jens\r\nNOTE;ENCODING=b:" + base64.b64encode(("CPR " + n10).encode()).decode() + "\r\nEND:VCARD\r\n"))
    add("json-u-escape", 10, "dk-029", lambda: attach("application/json", "d.json",
                                                      "{\"cpr\": \"" + "".join("\\u%04x" % ord(c) for c in n10) + "\"}"))
    add("uuencode-inline", 10, "dk-029", lambda: plain("Hej\n\nbegin 644 cpr.txt\n" +
                                                       codecs.encode(("Borger " + n10 + "\n").encode(), "uu").decode().split("\n", 1)[1]))
    add("flowed-delsp", 10, "dk-029", lambda: plain("Borger " + n10[:5] + " \n" + n10[5:] + "\n", extra_ct="; format=flowed; delsp=yes"))
    add("enriched-bold", 10, "dk-029", lambda: msg(
        "Content-Type: text/enriched; charset=us-ascii\n", "Borger <bold>" + n10[:6] + "</bold>-<italic>" + n10[7:] + "</italic>\n"))
    add("rtf-hex-escapes", 10, "dk-029", lambda: attach("application/rtf", "b.rtf",
                                                        "{\\rtf1\\ansi Borger " + "".join("\\'%02x" % ord(c) for c in n10) + "\\par}"))
    add("xml-cdata-split", 10, "dk-029", lambda: attach("application/xml", "d.xml",
                                                        "<?xml version=\"1.0\"?><r><c><![CDATA[" + n10[:6] + "]]><![CDATA[" + n10[6:] + "]]></c></r>"))
    # 11: PDF
    n11 = hyph("dk-017")
    add("pdf-late-header", 11, "dk-017", lambda: attach("application/pdf", "a.pdf", b"junk" * 100 + b"\n" + pdf("(Borger %s) Tj" % n11)))
    add("pdf-annot-contents", 11, "dk-017", lambda: attach("application/pdf", "a.pdf", pdf(
        "(Se note) Tj", extra_objs=["<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /Contents (Borger %s) >>" % n11], annots="/Annots [6 0 R]")))
    add("pdf-info-subject", 11, "dk-017", lambda: attach("application/pdf", "a.pdf", pdf(
        "(Hej) Tj", extra_objs=["<< /Subject (Borger %s) >>" % n11], info=6)))
    add("pdf-hex-string", 11, "dk-017", lambda: attach("application/pdf", "a.pdf", pdf(
        "<%s> Tj" % ("Borger " + n11).encode().hex())))
    add("pdf-tj-kerning", 11, "dk-017", lambda: attach("application/pdf", "a.pdf", pdf(
        "[(Borger %s) -120 (%s) 80 (-%s)] TJ" % (n11[:3], n11[3:6], n11[7:]))))
    add("pdf-outline", 11, "dk-017", lambda: attach("application/pdf", "a.pdf", pdf(
        "(Hej) Tj", extra_objs=["<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>",
                                "<< /Title (Borger %s) /Parent 6 0 R /Dest [3 0 R /Fit] >>" % n11],
        catalog_extra="/Outlines 6 0 R")))
    add("pdf-encrypted-user", 11, "dk-017", lambda: attach("application/pdf", "a.pdf", qpdf_args(
        pdf("(Borger %s) Tj" % n11), "--encrypt", "user1", "owner1", "256", "--")))
    add("pdf-owner-only", 11, "dk-017", lambda: attach("application/pdf", "a.pdf", qpdf_args(
        pdf("(Borger %s) Tj" % n11), "--encrypt", "", "owner1", "256", "--")))
    add("pdf-compressed-objstm", 11, "dk-017", lambda: attach("application/pdf", "a.pdf", qpdf_args(
        pdf("(Borger %s) Tj" % n11), "--object-streams=generate", "--compress-streams=y")))
    add("pdf-embedded-zip", 11, "dk-017", lambda: attach("application/pdf", "a.pdf",
                                                         (lambda d: qpdf_args(pdf("(Hej) Tj"), "--add-attachment", d, "--"))(
                                                             os.path.join(tmpfiles({"b.zip": zipped({"l.txt": "Borger " + n11})}), "b.zip"))))
    # 12: headers
    n12b = hyph("dk-021")
    add("hdr-to-name-2047", 12, "dk-021", lambda: plain("Hej\n").replace(
        "To: Borger <citizen@gmail.example>", "To: =?utf-8?b?%s?= <citizen@gmail.example>" % base64.b64encode(("Jens " + n12b).encode()).decode()))
    add("hdr-organization", 12, "dk-021", lambda: plain("Hej\n").replace("MIME-Version", "Organization: Sag " + n12b + "\nMIME-Version"))
    add("hdr-replyto-name", 12, "dk-021", lambda: plain("Hej\n").replace("MIME-Version", "Reply-To: \"Jens " + n12b + "\" <j@x.example>\nMIME-Version"))
    add("hdr-split-encoded-words", 12, "dk-021", lambda: plain("Hej\n").replace(
        "Subject: Sag", "Subject: =?utf-8?q?Sag_%s?=\n =?utf-8?q?%s?=" % (n12b[:4], n12b[4:])))
    add("hdr-thread-topic", 12, "dk-021", lambda: plain("Hej\n").replace("MIME-Version", "Thread-Topic: Sag " + n12b + "\nMIME-Version"))
    add("hdr-nested-subject", 12, "dk-021", lambda: msg("Content-Type: message/rfc822\n",
                                                        "From: a@b.example\nSubject: Borger " + n12b + "\n\nHej\n"))
    add("hdr-2231-utf16-name", 12, "dk-021", lambda: msg("Content-Type: multipart/mixed; boundary=\"b1\"\n",
                                                         "--b1\nContent-Type: text/plain\n\nHej\n--b1\nContent-Type: application/octet-stream\n"
                                                         "Content-Disposition: attachment; filename*=utf-8''Borger%20" + n12b.replace("-", "%2D") + ".bin\n\nAAAA\n--b1--\n"))
    # 13: recipients the MTA rewrites (untrusted in disguise)
    body13 = lambda: plain("Borger " + hyph("dk-023") + "\n")
    add("rcpt-percent", 13, "dk-023", body13, "user%gmail.example@kommune.example")
    add("rcpt-bang", 13, "dk-023", body13, "gmail.example!user@kommune.example")
    add("rcpt-quoted-at", 13, "dk-023", body13, "\"user@gmail.example\"@kommune.example")
    add("rcpt-source-route", 13, "dk-023", body13, "@kommune.example:user@gmail.example")
    add("rcpt-suffix-domain", 13, "dk-023", body13, "user@kommune.example.gmail.example")
    add("rcpt-trailing-dot", 13, "dk-023", body13, "user@gmail.example.")
    # 14: phone context must not hide a number with its own keyword
    add("cpr-next-to-mobile", 14, "dk-014", lambda: plain("CPR-nr. " + hyph("dk-014") + "\nMob: 40 40 40 40\n"))
    add("cpr-in-phone-list", 14, "dk-014", lambda: plain("Navn\tTlf\tCPR\nJens\t40404040\t" + hyph("dk-014") + "\n"))
    return P


# ---------------------------------------------------------------- clean
def cleans():
    C = []

    def add(name, fn):
        C.append((name, fn))

    add("invoice-dk", lambda: plain("Faktura nr. 2406123456\nFakturadato 01.06.2026\nBeløb 12.450,00 kr\nKonto 5301 0240536\n"))
    add("invoice-se", lambda: plain("Fakturanummer 1705831889\nOCR 4433221100\nBankgiro 5050-1055\nFörfallodatum 2026-06-30\n"))
    add("invoice-no", lambda: plain("Fakturanr 1607806097\nKID 12345678903\nKontonr 1503.12.34567\n"))
    add("ordrenummer", lambda: plain("Ordrenummer 2803993567 er afsendt.\nTrack: 00370726201234567890\n"))
    add("kundenummer", lambda: plain("Dit kundenummer: 0107998071\nTlf. 70 10 20 30\n"))
    add("phone-list-dk", lambda: plain("Telefonliste\nJens 40 40 40 40\nMette 2012 3456\nOle +45 3312 3456\n"))
    add("phone-list-se", lambda: plain("Mobil: 0701234567\nMob: 0739876543\nSMS 0761112233\n"))
    add("phone-list-fi", lambda: plain("GSM 0401234567\nPuh. 0501234567\nRing 0451112233\n"))
    add("phone-tlf-10", lambda: plain("Tlf: 2012345678\nRing på 4512345678\n"))
    add("dates-list", lambda: plain("Møder: 01.06.2026, 15.06.2026 og 29.06.2026 kl. 10-12\n"))
    add("dates-iso-time", lambda: plain("Log: 2026-06-01 09:15:33 2026-06-02 10:00:00\n"))
    add("meeting-zoom", lambda: plain("Join Zoom Meeting\nMeeting ID: 812 3456 7890\nPasscode: 170583\n"))
    add("meeting-teams", lambda: plain("Microsoft Teams meeting\nMeeting ID: 314 159 265 358\nPasscode: aBc123\nDial in +45 32 72 80 10,,123456789#\n"))
    add("meeting-webex", lambda: plain("Meeting number (access code): 2740 123 4567\nMeeting password: x\n"))
    add("iban-dk", lambda: plain("IBAN: DK50 0040 0440 1162 43\nBIC: DABADKKK\n"))
    add("iban-se", lambda: plain("IBAN SE45 5000 0000 0583 9825 7466\n"))
    add("iban-no-fi", lambda: plain("NO93 8601 1117 947\nFI21 1234 5600 0007 85\n"))
    add("iban-compact", lambda: plain("Kontonummer DK5000400440116243\n"))
    add("gtin-ean", lambda: plain("EAN 5701234567899\nVarenr. 1234567890\n"))
    add("tracking", lambda: plain("Pakke 1Z999AA10123456784\nPostNord 00370726201234567890\n"))
    add("version-numbers", lambda: plain("Build 2026.06.01-1234\nVersion 10.0.19045.3803\n"))
    add("html-newsletter", lambda: html("<table><tr><td>Ordre</td><td>2405831889</td></tr><tr><td>Tlf</td><td>70 10 20 30</td></tr></table><a href=\"https://shop.example/o?id=2405831889&amp;t=1717200000\">Se ordre</a>"))
    add("html-tracking-links", lambda: html("<a href=\"https://t.example/c/1705831889/3130011234\">klik</a><img alt=\"logo 2026\" src=\"https://x/1.png\">"))
    add("html-style-digits", lambda: html("<style>.c1705{width:100px}</style><p class=\"c1705\">Hej, mødet er 01.06.2026.</p>"))
    add("csv-amounts", lambda: attach("text/csv", "b.csv", "dato;beløb;saldo\n01.06.2026;1200,00;150137,50\n02.06.2026;-450,00;149687,50\n"))
    add("csv-ids", lambda: attach("text/csv", "o.csv", "ordre,kunde,antal\n2405831889,1001,2\n2405831890,1002,1\n"))
    add("timestamps-unix", lambda: plain("ts=1717200000 ts=1717286400 ts=1717372800\n"))
    add("isbn", lambda: plain("ISBN 978-87-02-12345-6\nISBN 87-02-12345-6\n"))
    add("org-numbers", lambda: plain("CVR 12345678\nOrg.nr. 556016-0680\nY-tunnus 1234567-8\n"))
    add("sv-org-nr", lambda: plain("Organisationsnummer: 556036-0793\n"))
    add("ip-and-ports", lambda: plain("Server 10.170.58.31 port 18890\n"))
    add("time-ranges", lambda: plain("Åbent 08:00-16:00, 170583 besøg i 2025\n"))
    add("zip-invoice", lambda: attach("application/zip", "f.zip", zipped({"faktura.txt": "Fakturanummer 1705831889\nBeløb 1200,00\n"})))
    add("docx-order", lambda: attach("application/octet-stream", "o.docx", docx(["Ordrenummer 2803993567", "Leveres 15.06.2026"])))
    add("pdf-invoice", lambda: attach("application/pdf", "f.pdf", pdf("(Fakturanr. 2406123456  Dato 01.06.2026) Tj")))
    add("phone-mobilnr", lambda: plain("Mobilnr. 0701234567\nMobiltelefon 0709876543\n"))
    add("sms-code", lambda: plain("Din kode: 170583\nGælder til 01.06.2026 12:00\n"))
    add("bank-reg-konto", lambda: plain("Reg.nr. 1551 Kontonr. 3456789012\n"))
    add("case-numbers", lambda: plain("Sagsnr. 2026-123456\nJournalnr. 26/12345\nSags-ID 24.06.01-G01-1234-26\n"))
    add("passport-like", lambda: plain("Billetnr. 1180-123456 Plads 17A\nBooking 5830-1889-42\n"))
    add("ics-meeting", lambda: attach("text/calendar", "m.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260601T090000Z\r\nUID:1705831889@example\r\nDESCRIPTION:Meeting ID: 812 3456 7890\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
    add("gsm-list-table", lambda: plain("Navn  GSM\nAnna  0401234567\nPekka 0501234567\nSari  0441234567\n"))
    add("tel-se-list", lambda: plain("Tel 0701234567\nTel 0720000001\nTel 0730000002\n"))
    return C


def scan(binp, path, rcpt):
    r = subprocess.run([binp, "--scan", path, "-c", CONF, "--date", "2026-06-01", "--json",
                        "--from", "caseworker@kommune.example", "--rcpt", rcpt],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if r.returncode != 0:
        return "error", None
    d = json.loads(r.stdout)
    act = d["recipients"][0]["action"]
    return act, d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(TOP, "build/milter/sealmilter"))
    ap.add_argument("--keep", help="write the generated messages to this directory")
    ap.add_argument("-v", action="store_true", help="one line per case")
    args = ap.parse_args()
    out = args.keep or tempfile.mkdtemp(prefix="probe")
    os.makedirs(out, exist_ok=True)
    passed, total, skipped, fp, ctotal = [], 0, [], [], 0
    per_item = {}
    for name, item, vid, fn, rcpt in positives():
        try:
            m = fn()
        except (FileNotFoundError, subprocess.CalledProcessError) as e:
            skipped.append("%s (%s)" % (name, e))
            continue
        p = os.path.join(out, "pos-%02d-%s.eml" % (item, name))
        with open(p, "wb") as f:
            f.write(m.encode("utf-8") if isinstance(m, str) else m)
        act, d = scan(args.bin, p, rcpt or "citizen@gmail.example")
        total += 1
        per_item.setdefault(item, [0, 0])[1] += 1
        if act == "accept":
            passed.append("%d %s [%s]" % (item, name, vid))
            per_item[item][0] += 1
        if args.v:
            print("pos item %2d %-28s %-8s %s" % (item, name, vid, act))
    for name, fn in cleans():
        m = fn()
        p = os.path.join(out, "neg-%s.eml" % name)
        with open(p, "wb") as f:
            f.write(m.encode("utf-8") if isinstance(m, str) else m)
        act, d = scan(args.bin, p, "citizen@gmail.example")
        ctotal += 1
        if act != "accept":
            why = ",".join(x["kind"] + ":" + x["where"] for x in d["findings"]) if d else act
            fp.append("%s (%s)" % (name, why))
        if args.v:
            print("neg %-28s %s" % (name, act))
    print("positives passed as public: %d / %d" % (len(passed), total))
    for item in sorted(per_item):
        print("  item %2d: %d / %d passed" % (item, per_item[item][0], per_item[item][1]))
    for x in passed:
        print("  PASSED item " + x)
    for x in skipped:
        print("  skipped " + x)
    print("clean refused (false positives): %d / %d" % (len(fp), ctotal))
    for x in fp:
        print("  FP " + x)
    if not args.keep:
        shutil.rmtree(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
