#!/usr/bin/env python3
"""Documents with content a reader sees in every corner (issue 11 item 7).

gen_seen_docs.py OUTDIR [clean]

Writes into OUTDIR:
  seen.fodt  flat ODF text: tracked insertion and deletion, hidden text,
             a text box, header, footer, footnote, endnote, comment
  seen.fods  flat ODF sheet: a visible sheet with a cell comment and a
             formula with its cached value, a hidden sheet "Skjult"
  seen.fodp  flat ODF presentation: slide text, speaker notes, a comment
             (the test converts these three with LibreOffice to docx, odt,
             xlsx, ods, pptx, odp)
  parts.xlsx hand-made SpreadsheetML (zipfile; LibreOffice writes neither):
             a very hidden sheet, a threaded comment (and its legacy twin),
             an inline string, a shared string, a formula's cached value
  parts.docx hand-made WordprocessingML: w:vanish text, w:ins and w:del runs
  parts.pptx hand-made PresentationML: speaker notes, a slide comment
  form.pdf   hand-made PDF: AcroForm text field value, a text annotation
             with its popup and a free-text annotation on page 2, the Info
             dictionary and an XMP packet

  split.pdf  one page whose form asks for the number in two boxes
  sensitive.pdf  a comment on page 2 telling of a criminal charge

With "clean" every number is replaced by words: the twins must stay public.
The numbers are synthetic CPR numbers from tests/data/vectors.tsv (found).
"""
import os
import sys
import zipfile

CLEAN = len(sys.argv) > 2 and sys.argv[2] == "clean"


def num(n):
    """A labelled number, or words in the clean twin."""
    return "ingen oplysninger" if CLEAN else "CPR-nr.: " + n


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


NS_ODF = (
    ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
    ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
    ' xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    ' xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"'
    ' xmlns:officeooo="http://openoffice.org/2009/office"'
    ' xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
INFO = ('<office:change-info><dc:creator>Sagsbehandler</dc:creator>'
        '<dc:date>2026-05-01T10:00:00</dc:date></office:change-info>')


def fodt():
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document{NS_ODF} office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/>
   <style:header-style/><style:footer-style/></style:page-layout>
  <style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p>Sidehoved {num("030290-5029")}</text:p></style:header>
   <style:footer><text:p>Sidefod {num("191265-3959")}</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
   <text:tracked-changes>
    <text:changed-region text:id="ct1"><text:insertion>{INFO}</text:insertion></text:changed-region>
    <text:changed-region text:id="ct2"><text:deletion>{INFO}<text:p>Slettet {num("170399-3709")}</text:p></text:deletion></text:changed-region>
   </text:tracked-changes>
   <text:p>Journal.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Fodnote {num("070558-7205")}</text:p></text:note-body></text:note></text:p>
   <text:p>Tilføjet: <text:change-start text:change-id="ct1"/>{num("060868-2430")}<text:change-end text:change-id="ct1"/> slut.</text:p>
   <text:p>Før<text:change text:change-id="ct2"/> efter.</text:p>
   <text:p>Synlig tekst. <text:span text:style-name="T1">Skjult {num("111155-4281")}</text:span></text:p>
   <text:p><draw:frame draw:name="Tekstfelt" text:anchor-type="paragraph" svg:width="8cm" svg:height="2cm"><draw:text-box><text:p>Tekstfelt {num("020810-5329")}</text:p></draw:text-box></draw:frame>Afsnit med tekstfelt.</text:p>
   <text:p>Kommenteret<office:annotation><dc:creator>Sagsbehandler</dc:creator><text:p>Kommentar {num("030119-9147")}</text:p></office:annotation> ord.</text:p>
   <text:p>Slutnote her<text:note text:id="edn1" text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Slutnote {num("280370-9575")}</text:p></text:note-body></text:note></text:p>
  </office:text>
 </office:body>
</office:document>
'''


def fods():
    formula = ('of:=&quot;ingen&quot;' if CLEAN else
               'of:=&quot;010190-&quot;&amp;&quot;0995&quot;')
    fvalue = "ingen" if CLEAN else "010190-0995"
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document{NS_ODF} office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>
  <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
 </office:automatic-styles>
 <office:body>
  <office:spreadsheet>
   <table:table table:name="Oversigt" table:style-name="ta1">
    <table:table-row>
     <table:table-cell office:value-type="string"><office:annotation><dc:creator>Sagsbehandler</dc:creator><text:p>Note {num("290200-4214")}</text:p></office:annotation><text:p>Navn</text:p></table:table-cell>
     <table:table-cell table:formula="{formula}" office:value-type="string" office:string-value="{fvalue}"><text:p>{fvalue}</text:p></table:table-cell>
    </table:table-row>
   </table:table>
   <table:table table:name="Skjult" table:style-name="ta2">
    <table:table-row>
     <table:table-cell office:value-type="string"><text:p>{num("191284-2390")}</text:p></table:table-cell>
    </table:table-row>
   </table:table>
  </office:spreadsheet>
 </office:body>
</office:document>
'''


def fodp():
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document{NS_ODF} office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.presentation">
 <office:master-styles><style:master-page style:name="Default"/></office:master-styles>
 <office:body><office:presentation>
  <draw:page draw:name="page1" draw:master-page-name="Default">
   <draw:frame svg:x="2cm" svg:y="2cm" svg:width="20cm" svg:height="3cm">
    <draw:text-box><text:p>Dias {num("100384-2684")}</text:p></draw:text-box>
   </draw:frame>
   <officeooo:annotation svg:x="1cm" svg:y="1cm" svg:width="1cm" svg:height="1cm"><dc:creator>Sagsbehandler</dc:creator><dc:date>2026-05-01T10:00:00</dc:date><text:p>Diaskommentar {num("021275-1321")}</text:p></officeooo:annotation>
   <presentation:notes>
    <draw:frame presentation:class="notes" svg:x="2cm" svg:y="12cm" svg:width="17cm" svg:height="12cm">
     <draw:text-box><text:p>Talernoter {num("160275-1414")}</text:p></draw:text-box>
    </draw:frame>
   </presentation:notes>
  </draw:page>
 </office:presentation></office:body>
</office:document>
'''


def package(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data)


XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PML = "http://schemas.openxmlformats.org/presentationml/2006/main"
DML = "http://schemas.openxmlformats.org/drawingml/2006/main"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def types(defaults, overrides):
    s = XML + f'<Types xmlns="{CT}">'
    s += ('<Default Extension="rels" ContentType="application/'
          'vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>')
    for part, ctype in overrides:
        s += f'<Override PartName="/{part}" ContentType="{ctype}"/>'
    return s + "</Types>"


def rels(items):
    s = XML + f'<Relationships xmlns="{PKG_REL}">'
    for rid, rtype, target in items:
        s += f'<Relationship Id="{rid}" Type="{REL}/{rtype}" Target="{target}"/>'
    return s + "</Relationships>"


def xlsx():
    ooxml = "application/vnd.openxmlformats-officedocument."
    workbook = (XML + f'<workbook xmlns="{SML}" xmlns:r="{REL}"><sheets>'
                '<sheet name="Oversigt" sheetId="1" r:id="rId1"/>'
                '<sheet name="Arkiv" sheetId="2" state="veryHidden" r:id="rId2"/>'
                '</sheets></workbook>')
    cached = "ingen" if CLEAN else "040605-0807"
    lit = '"ingen"' if CLEAN else '"040605-"&amp;"0807"'
    sheet1 = (XML + f'<worksheet xmlns="{SML}"><sheetData><row r="1">'
              '<c r="A1" t="s"><v>0</v></c>'
              f'<c r="B1" t="str"><f>{lit}</f><v>{cached}</v></c>'
              '</row></sheetData></worksheet>')
    sheet2 = (XML + f'<worksheet xmlns="{SML}"><sheetData><row r="1">'
              f'<c r="A1" t="inlineStr"><is><t>{num("290296-2304")}</t></is></c>'
              '</row></sheetData></worksheet>')
    sst = (XML + f'<sst xmlns="{SML}" count="1" uniqueCount="1">'
           f'<si><t>{num("010180-1136")}</t></si></sst>')
    tc = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
    threaded = (XML + f'<ThreadedComments xmlns="{tc}">'
                '<threadedComment ref="A1" dT="2026-05-01T10:00:00.00" '
                'personId="{00000000-0000-0000-0000-000000000001}" '
                'id="{00000000-0000-0000-0000-000000000002}">'
                f'<text>Tråd {num("010165-3051")}</text></threadedComment>'
                '</ThreadedComments>')
    legacy = (XML + f'<comments xmlns="{SML}"><authors><author>tc=1</author></authors>'
              '<commentList><comment ref="A1" authorId="0"><text><t>'
              f'[Threaded comment] Tråd {num("010165-3051")}</t></text></comment>'
              '</commentList></comments>')
    return [
        ("[Content_Types].xml", types([], [
            ("xl/workbook.xml", ooxml + "spreadsheetml.sheet.main+xml"),
            ("xl/worksheets/sheet1.xml", ooxml + "spreadsheetml.worksheet+xml"),
            ("xl/worksheets/sheet2.xml", ooxml + "spreadsheetml.worksheet+xml"),
            ("xl/sharedStrings.xml", ooxml + "spreadsheetml.sharedStrings+xml"),
            ("xl/comments1.xml", ooxml + "spreadsheetml.comments+xml"),
            ("xl/threadedComments/threadedComment1.xml",
             "application/vnd.ms-excel.threadedcomments+xml")])),
        ("_rels/.rels", rels([("rId1", "officeDocument", "xl/workbook.xml")])),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels([
            ("rId1", "worksheet", "worksheets/sheet1.xml"),
            ("rId2", "worksheet", "worksheets/sheet2.xml"),
            ("rId3", "sharedStrings", "sharedStrings.xml")])),
        ("xl/worksheets/sheet1.xml", sheet1),
        ("xl/worksheets/_rels/sheet1.xml.rels", rels([
            ("rId1", "comments", "../comments1.xml")])),
        ("xl/worksheets/sheet2.xml", sheet2),
        ("xl/sharedStrings.xml", sst),
        ("xl/comments1.xml", legacy),
        ("xl/threadedComments/threadedComment1.xml", threaded),
    ]


def docx():
    ooxml = "application/vnd.openxmlformats-officedocument."
    rin = f'<w:r><w:t xml:space="preserve">{num("031290-0504")}</w:t></w:r>'
    rdel = f'<w:r><w:delText xml:space="preserve">{num("040565-3177")}</w:delText></w:r>'
    body = (XML + f'<w:document xmlns:w="{WML}"><w:body>'
            '<w:p><w:r><w:t>Synlig tekst.</w:t></w:r></w:p>'
            '<w:p><w:r><w:rPr><w:vanish/></w:rPr>'
            f'<w:t xml:space="preserve">{num("191284-2390")}</w:t></w:r></w:p>'
            '<w:p><w:ins w:id="1" w:author="A" w:date="2026-05-01T10:00:00Z">'
            f'{rin}</w:ins></w:p>'
            '<w:p><w:del w:id="2" w:author="A" w:date="2026-05-01T10:00:00Z">'
            f'{rdel}</w:del></w:p>'
            '</w:body></w:document>')
    return [
        ("[Content_Types].xml", types([], [
            ("word/document.xml", ooxml + "wordprocessingml.document.main+xml")])),
        ("_rels/.rels", rels([("rId1", "officeDocument", "word/document.xml")])),
        ("word/document.xml", body),
    ]


def pptx():
    ooxml = "application/vnd.openxmlformats-officedocument."

    def sp(text):
        return (f'<p:sp><p:txBody><a:bodyPr/><a:p><a:r><a:t>{text}</a:t>'
                '</a:r></a:p></p:txBody></p:sp>')
    tree = '<p:cSld><p:spTree>{}</p:spTree></p:cSld>'
    slide = (XML + f'<p:sld xmlns:p="{PML}" xmlns:a="{DML}">'
             + tree.format(sp("Dagsorden")) + '</p:sld>')
    notes = (XML + f'<p:notes xmlns:p="{PML}" xmlns:a="{DML}">'
             + tree.format(sp("Noter " + num("191265-3959"))) + '</p:notes>')
    comments = (XML + f'<p:cmLst xmlns:p="{PML}"><p:cm authorId="0" idx="1">'
                '<p:pos x="10" y="10"/>'
                f'<p:text>Kommentar {num("070804-4997")}</p:text></p:cm></p:cmLst>')
    return [
        ("[Content_Types].xml", types([], [
            ("ppt/presentation.xml", ooxml + "presentationml.presentation.main+xml"),
            ("ppt/slides/slide1.xml", ooxml + "presentationml.slide+xml"),
            ("ppt/notesSlides/notesSlide1.xml", ooxml + "presentationml.notesSlide+xml"),
            ("ppt/comments/comment1.xml", ooxml + "presentationml.comments+xml")])),
        ("_rels/.rels", rels([("rId1", "officeDocument", "ppt/presentation.xml")])),
        ("ppt/presentation.xml", XML + f'<p:presentation xmlns:p="{PML}" '
         f'xmlns:r="{REL}"><p:sldIdLst><p:sldId id="256" r:id="rId1"/>'
         '</p:sldIdLst></p:presentation>'),
        ("ppt/_rels/presentation.xml.rels", rels([
            ("rId1", "slide", "slides/slide1.xml")])),
        ("ppt/slides/slide1.xml", slide),
        ("ppt/slides/_rels/slide1.xml.rels", rels([
            ("rId1", "notesSlide", "../notesSlides/notesSlide1.xml"),
            ("rId2", "comments", "../comments/comment1.xml")])),
        ("ppt/notesSlides/notesSlide1.xml", notes),
        ("ppt/comments/comment1.xml", comments),
    ]


def pdf():
    """Two pages; objects numbered in order, xref computed here."""
    def s(text):
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    xmp = ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
           '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
           'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">XMP {num("261155-4586")}'
           '</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF>'
           '</x:xmpmeta><?xpacket end="w"?>')
    page1 = "BT /F1 12 Tf 72 720 Td (Blanket) Tj ET"
    page2 = "BT /F1 12 Tf 72 720 Td (Bilag) Tj ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [7 0 R] "
        "/DA (/F1 10 Tf 0 g) /DR << /Font << /F1 5 0 R >> >> >> /Metadata 12 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> /Annots [7 0 R] >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 8 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> /Annots [9 0 R 10 0 R 11 0 R] >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(page1)} >>\nstream\n{page1}\nendstream",
        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (cpr) /TU (Borgerens nummer) "
        f"/V {s(num('040565-3177'))} /Rect [72 600 300 620] /P 3 0 R /F 4 >>",
        f"<< /Length {len(page2)} >>\nstream\n{page2}\nendstream",
        "<< /Type /Annot /Subtype /Text /Rect [72 500 92 520] /Popup 10 0 R "
        f"/Contents {s('Note ' + num('020510-5808'))} /T (Sagsbehandler) >>",
        "<< /Type /Annot /Subtype /Popup /Rect [100 400 300 500] /Parent 9 0 R >>",
        "<< /Type /Annot /Subtype /FreeText /Rect [72 300 400 330] /DA (/F1 10 Tf 0 g) "
        f"/Contents {s('Fritekst ' + num('110222-6247'))} >>",
        f"<< /Type /Metadata /Subtype /XML /Length {len(xmp.encode())} >>\n"
        f"stream\n{xmp}\nendstream",
        f"<< /Title (Blanket) /Author {s('Sagsbehandler ' + num('111158-7422'))} >>",
    ]
    return pdf_bytes(objs)


def pdf_split():
    """One page whose form asks for the CPR number in two boxes: date of
    birth, then the last four digits (a number split over two fields)."""
    page = "BT /F1 12 Tf 72 720 Td (Blanket) Tj ET"
    first, last = ("ingen", "oplysninger") if CLEAN else ("040565", "3177")
    objs = [
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 7 0 R] "
        "/DA (/F1 10 Tf 0 g) /DR << /Font << /F1 4 0 R >> >> >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        "/Resources << /Font << /F1 4 0 R >> >> /Annots [6 0 R 7 0 R] >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(page)} >>\nstream\n{page}\nendstream",
        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (cpr1) /TU (CPR-nr. foedselsdato) "
        f"/V ({first}) /Rect [72 600 150 620] /P 3 0 R /F 4 >>",
        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (cpr2) /TU (CPR-nr. loebenummer) "
        f"/V ({last}) /Rect [160 600 220 620] /P 3 0 R /F 4 >>",
    ]
    return pdf_bytes(objs)


def pdf_sensitive():
    """Two pages, a comment on page 2 that tells of a criminal charge
    (sensitive personal data) and names the person by number."""
    page = "BT /F1 12 Tf 72 720 Td (Notat) Tj ET"
    note = ("Notat uden oplysninger om borgeren." if CLEAN else
            "Til orientering: Politiet har oplyst, at borgeren er sigtet for "
            "butikstyveri og vold mod en ekspedient. " + num("020510-5808"))
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> /Annots [7 0 R] >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(page)} >>\nstream\n{page}\nendstream",
        f"<< /Type /Annot /Subtype /Text /Rect [72 500 92 520] /Contents ({note}) >>",
    ]
    return pdf_bytes(objs)


def pdf_bytes(objs):
    """Objects numbered in order, xref computed here."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode("utf-8")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for o in offs:
        out += f"{o:010d} 00000 n \n".encode()
    info = f" /Info {len(objs)} 0 R" if objs[-1].startswith("<< /Title") else ""
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{info} >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "seen.fodt"), fodt())
    write(os.path.join(out, "seen.fods"), fods())
    write(os.path.join(out, "seen.fodp"), fodp())
    package(os.path.join(out, "parts.xlsx"), xlsx())
    package(os.path.join(out, "parts.docx"), docx())
    package(os.path.join(out, "parts.pptx"), pptx())
    with open(os.path.join(out, "form.pdf"), "wb") as f:
        f.write(pdf())
    with open(os.path.join(out, "split.pdf"), "wb") as f:
        f.write(pdf_split())
    with open(os.path.join(out, "sensitive.pdf"), "wb") as f:
        f.write(pdf_sensitive())


if __name__ == "__main__":
    main()
