#!/bin/sh
# Everything a reader sees (issue 11 item 7): documents made at test time
# (tests/tools/gen_seen_docs.py; LibreOffice --convert-to for docx, odt,
# xlsx, ods, pptx, odp from flat ODF; python zipfile for OOXML parts
# LibreOffice does not write; a hand-made PDF), each with a number in one
# hidden or secondary place, go through `sealmilter --scan --json` as an
# attachment. Every number must be found in the part named (the JSON
# "where"); the clean twins stay public and scannable.
set -u
# shellcheck source=scan-lib.sh
. "$top_srcdir/tests/scan-lib.sh"

if ! command -v soffice >/dev/null 2>&1; then
	notok "soffice (LibreOffice, contrib/install-deps.sh) is installed"
	echo "1..$n"; exit 1
fi
gen=$top_srcdir/tests/tools/gen_seen_docs.py
python3 "$gen" "$tmp/src" && python3 "$gen" "$tmp/clean" clean || {
	notok "gen_seen_docs.py"; echo "1..$n"; exit 1; }
mkdir -p "$tmp/out" "$tmp/outc"
convert() {   # outdir, format, file
	soffice -env:UserInstallation="file://$tmp/profile" --headless \
	    --convert-to "$2" --outdir "$1" "$3" >>"$tmp/soffice.log" 2>&1
}
for d in src:out clean:outc; do
	s=$tmp/${d%%:*}; o=$tmp/${d#*:}
	convert "$o" "docx:MS Word 2007 XML" "$s/seen.fodt"
	convert "$o" odt "$s/seen.fodt"
	convert "$o" "xlsx:Calc MS Excel 2007 XML" "$s/seen.fods"
	convert "$o" ods "$s/seen.fods"
	convert "$o" "pptx:Impress MS PowerPoint 2007 XML" "$s/seen.fodp"
	convert "$o" odp "$s/seen.fodp"
	cp "$s/parts.xlsx" "$s/parts.docx" "$s/parts.pptx" "$s/form.pdf" "$s/split.pdf" \
	    "$s/sensitive.pdf" "$o/"
done

# expect_made FILE MASK:WHERE...: scan-lib.sh's expect, once LibreOffice made FILE.
expect_made() {
	if [ ! -s "$tmp/out/$1" ]; then
		notok "$1 made"; sed 's/^/# /' "$tmp/soffice.log"; return; fi
	expect "$@"
}
# docx by LibreOffice: tracked insertion, tracked deletion, hidden text,
# text box (body); header, footer, footnote, endnote, comment (own parts)
expect_made seen.docx 060868-XXXX:word/document.xml 170399-XXXX:word/document.xml \
    111155-XXXX:word/document.xml 020810-XXXX:word/document.xml \
    030290-XXXX:word/header1.xml 191265-XXXX:word/footer1.xml \
    070558-XXXX:word/footnotes.xml 280370-XXXX:word/endnotes.xml \
    030119-XXXX:word/comments.xml
expect_made seen.odt 060868-XXXX:content.xml 170399-XXXX:content.xml \
    111155-XXXX:content.xml 020810-XXXX:content.xml 030290-XXXX:styles.xml \
    191265-XXXX:styles.xml 070558-XXXX:content.xml 280370-XXXX:content.xml \
    030119-XXXX:content.xml
# hand-made docx: w:vanish, w:ins, w:del (w:delText)
expect_made parts.docx 191284-XXXX:word/document.xml 031290-XXXX:word/document.xml \
    040565-XXXX:word/document.xml
# xlsx by LibreOffice: hidden sheet (its strings), cell comment, formula's
# cached value; each named by its sheet (a shared string where its cell is)
expect_made seen.xlsx '191284-XXXX:sheet 2 "Skjult" (hidden)' \
    '290200-XXXX:sheet 1 "Oversigt", comment' '010190-XXXX:sheet 1 "Oversigt"'
expect_made seen.ods '191284-XXXX:sheet 2 "Skjult" (hidden)' '290200-XXXX:sheet 1 "Oversigt"' \
    '010190-XXXX:sheet 1 "Oversigt"'
# hand-made xlsx: very hidden sheet (inline string), shared string,
# threaded comment (which no sheet's relationships name) and its legacy
# twin, cached formula value
expect_made parts.xlsx '290296-XXXX:sheet 2 "Arkiv" (very hidden)' \
    '010180-XXXX:sheet 1 "Oversigt"' \
    010165-XXXX:xl/threadedComments/threadedComment1.xml \
    '010165-XXXX:sheet 1 "Oversigt", comment' '040605-XXXX:sheet 1 "Oversigt"'
# pptx: slide, speaker notes, slide comment
expect_made seen.pptx 100384-XXXX:ppt/slides/slide1.xml \
    160275-XXXX:ppt/notesSlides/notesSlide1.xml 021275-XXXX:ppt/comments/comment1.xml
expect_made seen.odp 100384-XXXX:content.xml 160275-XXXX:content.xml 021275-XXXX:content.xml
expect_made parts.pptx 191265-XXXX:ppt/notesSlides/notesSlide1.xml \
    070804-XXXX:ppt/comments/comment1.xml
# PDF: AcroForm field value, text and free-text annotations (page 2),
# Info dictionary and XMP packet (poppler)
expect_made form.pdf "040565-XXXX:page 1, form field" "020510-XXXX:page 2, annotation" \
    "110222-XXXX:page 2, annotation" \
    111158-XXXX:metadata 261155-XXXX:metadata
# a number asked for in two boxes (date of birth, last four digits)
expect_made split.pdf "040565-XXXX:page 1, form field"
# Mail with sensitive data names only the place: the page and kind of a
# comment, never the file name the sender chose.
out=$(scan "$tmp/out/sensitive.pdf")
if printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
w = [x["where"] for x in d["findings"]]
sys.exit(0 if d["class"] == "sensitive" and w and
         all(x == "attachment (part 2), page 2, annotation" for x in w) else 1)'; then
	ok "sensitive.pdf: where is the page and kind only"
else
	notok "sensitive.pdf: where is the page and kind only"
	printf '%s\n' "$out" | cut -c1-400 | sed 's/^/# /'
fi

for f in seen.docx seen.odt parts.docx seen.xlsx seen.ods parts.xlsx seen.pptx \
    seen.odp parts.pptx form.pdf split.pdf sensitive.pdf; do
	if [ ! -s "$tmp/outc/$f" ]; then notok "clean $f made"; continue; fi
	out=$(scan "$tmp/outc/$f")
	case $out in
	*'"findings": []'*'"action": "accept"'*'"unscannable": false'*) ok "clean $f: public, read" ;;
	*) notok "clean $f: public, read"; printf '%s\n' "$out" | cut -c1-400 | sed 's/^/# /' ;;
	esac
done

# Calendars and cards by content and in the encodings an outsider may
# choose: an unnamed application/octet-stream part holding an invitation
# or a card, an invitation in UTF-16 (byte-order mark), a vCard 2.1 note in
# QUOTED-PRINTABLE with a soft break inside the number, an invitation sent
# with Content-Transfer-Encoding quoted-printable. The number is folded or
# broken in every one of them, so only the calendar reader finds it.
# mail_raw TYPE NAME CTE FILE: a letter with FILE as its second part.
mail_raw() {
	printf 'From: caseworker@kommune.example\r\nTo: citizen@gmail.example\r\n'
	printf 'Subject: Bilag\r\nMIME-Version: 1.0\r\n'
	printf 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
	printf 'Content-Type: text/plain\r\n\r\nSe bilag.\r\n--b\r\n'
	printf 'Content-Type: %s\r\n' "$1"
	[ -n "$2" ] && printf 'Content-Disposition: attachment; filename="%s"\r\n' "$2"
	printf 'Content-Transfer-Encoding: %s\r\n\r\n' "$3"
	if [ "$3" = base64 ]; then base64 "$4"; else cat "$4"; fi
	printf '\r\n--b--\r\n'
}
# expect_raw LABEL MASK WHERE TYPE NAME CTE FILE: MASK found at WHERE, scannable.
expect_raw() {
	label=$1 mask=$2 where=$3; shift 3
	mail_raw "$@" >"$tmp/raw.eml"
	out=$("$bin" --scan "$tmp/raw.eml" -c "$conf" --date 2026-06-01 --json \
	    --from caseworker@kommune.example --rcpt citizen@gmail.example 2>/dev/null)
	if printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if any(x["masked"] == sys.argv[1] and x["where"] == sys.argv[2]
                  for x in d["findings"]) and not d["unscannable"] else 1)' "$mask" "$where"; then
		ok "$label: $mask in $where"
	else
		notok "$label: $mask in $where"
		printf '%s\n' "$out" | grep -o '"masked": "[^"]*", "confidence": "[^"]*", "where": "[^"]*"' | sed 's/^/#   /'
	fi
}
c=$tmp/cal; mkdir -p "$c"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:M\303\270de\r\nDESCRIPTION:Borger med CPR 0406\r\n 05-0807 m\303\270der\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$c/inv.ics"
iconv -f UTF-8 -t UTF-16 "$c/inv.ics" >"$c/inv16.ics"
printf 'BEGIN:VCARD\r\nVERSION:2.1\r\nN:Hansen;Jens\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Borger CPR 04=\r\n06=30=35-0807 m=C3=B8der\r\nEND:VCARD\r\n' >"$c/card.vcf"
iconv -f UTF-8 -t UTF-16LE "$c/card.vcf" >"$c/card16.vcf"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:CPR 0406=\r\n05-0807 m=C3=B8der\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$c/qp.ics"
expect_raw "unnamed octet-stream invitation" 040605-XXXX \
    "attachment calendar/DESCRIPTION" application/octet-stream "" base64 "$c/inv.ics"
expect_raw "unnamed octet-stream UTF-16 invitation" 040605-XXXX \
    "attachment calendar/DESCRIPTION" application/octet-stream "" base64 "$c/inv16.ics"
expect_raw "unnamed octet-stream vCard" 040605-XXXX "attachment vcard/NOTE" \
    application/octet-stream "" base64 "$c/card.vcf"
expect_raw "text/calendar in UTF-16" 040605-XXXX "attachment invite.ics/DESCRIPTION" \
    text/calendar invite.ics base64 "$c/inv16.ics"
expect_raw "vCard 2.1 QUOTED-PRINTABLE note" 040605-XXXX "attachment card.vcf/NOTE" \
    text/x-vcard card.vcf 7bit "$c/card.vcf"
expect_raw "vCard in UTF-16LE without a mark" 040605-XXXX "attachment card.vcf/NOTE" \
    text/vcard card.vcf base64 "$c/card16.vcf"
expect_raw "invitation in transfer-encoding quoted-printable" 040605-XXXX \
    "attachment calendar/DESCRIPTION" "text/calendar; charset=utf-8" "" \
    quoted-printable "$c/qp.ics"

# An archive renamed to .txt and labelled text/plain: read by content (a
# gzip'd tar has no readable text of its own).
mkdir -p "$tmp/ren"
printf 'Journal for borgeren\nCPR-nr.: 040605-0807\n' >"$tmp/ren/note.txt"
(cd "$tmp/ren" && tar czf ../ren.tgz note.txt && zip -q ../ren.zip note.txt)
expect_raw "tar.gz renamed notes.txt, text/plain" 040605-XXXX \
    "attachment notes.txt/note.txt" "text/plain; charset=us-ascii" notes.txt base64 "$tmp/ren.tgz"
expect_raw "zip renamed notes.txt, text/plain" 040605-XXXX \
    "attachment notes.txt/note.txt" "text/plain; charset=us-ascii" notes.txt base64 "$tmp/ren.zip"

# Where in a spreadsheet (LibreOffice makes xlsx and ods from flat ODS):
# a visible first sheet, a visible second sheet with a number (a string
# cell, which xlsx keeps as a shared string), a comment and a formula's
# cached value, and a hidden third sheet that shows the same shared string
# and numbers of its own (a text cell, a number cell). Legacy .xls (BIFF8,
# LibreOffice's "MS Excel 97") names them alike: BOUNDSHEET records give
# each sheet's name and state, LABELSST cells place shared strings. Ordinary mail names sheet, its name and its
# state; mail with sensitive data (a health text on the first sheet) names
# only the place in our words: never the sheet names the sender chose.
# sheets_fods FILE [HEALTH]: the flat ODS, with the health text when given.
sheets_fods() {
	cat >"$1" <<EOT
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>
  <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
  <table:table table:name="Forside" table:style-name="ta1"><table:table-row>
   <table:table-cell office:value-type="string"><text:p>Oversigt over sagen. ${2:-}</text:p></table:table-cell>
  </table:table-row></table:table>
  <table:table table:name="Ark2" table:style-name="ta1">
   <table:table-row><table:table-cell office:value-type="string"><office:annotation><dc:creator>Sagsbehandler</dc:creator><text:p>Note 170399-3709</text:p></office:annotation><text:p>CPR-nr.: 060868-2430</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell table:formula="of:=&quot;111155-&quot;&amp;&quot;4281&quot;" office:value-type="string" office:string-value="111155-4281"><text:p>111155-4281</text:p></table:table-cell></table:table-row>
  </table:table>
  <table:table table:name="Hemmelig Hansen" table:style-name="ta2">
   <table:table-row><table:table-cell office:value-type="string"><text:p>CPR-nr.: 060868-2430</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell office:value-type="string"><text:p>CPR-nr.: 191265-3959</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell office:value-type="float" office:value="1705831889"><text:p>1705831889</text:p></table:table-cell></table:table-row>
  </table:table>
 </office:spreadsheet></office:body>
</office:document>
EOT
}
sh=$tmp/sheets; mkdir -p "$sh"
sheets_fods "$sh/where.fods"
sheets_fods "$sh/whereh.fods" "Epikrise: patienten er indlagt på psykiatrisk afdeling med skizofreni."
for f in where whereh; do
	convert "$tmp/out" "xlsx:Calc MS Excel 2007 XML" "$sh/$f.fods"
	convert "$tmp/out" ods "$sh/$f.fods"
	convert "$tmp/out" "xls:MS Excel 97" "$sh/$f.fods"
done
expect_made where.xlsx '060868-XXXX:sheet 2 "Ark2"' \
    '060868-XXXX:sheet 3 "Hemmelig Hansen" (hidden)' \
    '170399-XXXX:sheet 2 "Ark2", comment' '111155-XXXX:sheet 2 "Ark2"' \
    '191265-XXXX:sheet 3 "Hemmelig Hansen" (hidden)' \
    '170583-XXXX:sheet 3 "Hemmelig Hansen" (hidden)'
expect_made where.ods '060868-XXXX:sheet 2 "Ark2"' \
    '060868-XXXX:sheet 3 "Hemmelig Hansen" (hidden)' \
    '170399-XXXX:sheet 2 "Ark2"' '111155-XXXX:sheet 2 "Ark2"' \
    '191265-XXXX:sheet 3 "Hemmelig Hansen" (hidden)' \
    '170583-XXXX:sheet 3 "Hemmelig Hansen" (hidden)'
expect_made where.xls '060868-XXXX:sheet 2 "Ark2"' \
    '060868-XXXX:sheet 3 "Hemmelig Hansen" (hidden)' \
    '170399-XXXX:sheet 2 "Ark2", comment' '111155-XXXX:sheet 2 "Ark2"' \
    '191265-XXXX:sheet 3 "Hemmelig Hansen" (hidden)' \
    '170583-XXXX:sheet 3 "Hemmelig Hansen" (hidden)'
# sensitive_where FILE MASK:PLACE...: sensitive, each mask at its place,
# and no where that holds a sheet's name.
sensitive_where() {
	f=$1; shift
	if [ ! -s "$tmp/out/$f" ]; then
		notok "$f made"; sed 's/^/# /' "$tmp/soffice.log"; return; fi
	out=$(scan "$tmp/out/$f")
	if printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
w = [(x["masked"], x["where"]) for x in d["findings"]]
want = [a.split(":", 1) for a in sys.argv[1:]]
sys.exit(0 if d["class"] == "sensitive" and w and
         all((m, p) in w for m, p in want) and
         not any(s in x for _, x in w for s in ("Ark2", "Hemmelig", "Forside", "where"))
         else 1)' "$@"; then
		ok "$f: sensitive, where names sheets by number and state only"
	else
		notok "$f: sensitive, where names sheets by number and state only"
		printf '%s\n' "$out" | grep -o '"masked": "[^"]*", "confidence": "[^"]*", "where": "[^"]*"' | sed 's/^/#   /'
	fi
}
sensitive_where whereh.xlsx '191265-XXXX:attachment (part 2), sheet 3 (hidden)' \
    '060868-XXXX:attachment (part 2), sheet 2' \
    '060868-XXXX:attachment (part 2), sheet 3 (hidden)' \
    '170399-XXXX:attachment (part 2), sheet 2, comment'
sensitive_where whereh.ods '191265-XXXX:attachment (part 2), sheet 3 (hidden)' \
    '060868-XXXX:attachment (part 2), sheet 2' '170399-XXXX:attachment (part 2), sheet 2'
sensitive_where whereh.xls '191265-XXXX:attachment (part 2), sheet 3 (hidden)' \
    '170583-XXXX:attachment (part 2), sheet 3 (hidden)' \
    '060868-XXXX:attachment (part 2), sheet 2' '170399-XXXX:attachment (part 2), sheet 2, comment'
# An SVG picture (image/svg+xml) is markup: its text is read, and a
# number drawn from two tspans of one line (a viewer shows 0707614285) is
# one number.
printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="600" height="80"><text x="10" y="40">CPR <tspan>07076</tspan><tspan>14285</tspan></text></svg>\n' >"$tmp/kort.svg"
expect_raw "SVG with the number in two tspans" 070761-XXXX "attachment kort.svg" \
    image/svg+xml kort.svg base64 "$tmp/kort.svg"
# two text elements side by side on one baseline: a viewer shows one line
printf '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="80"><text x="10" y="40" font-size="20">CPR 0707</text>\n<text x="106" y="40" font-size="20">61-4285</text></svg>\n' >"$tmp/side.svg"
expect_raw "SVG with the number in two text elements side by side" 070761-XXXX \
    "attachment side.svg" image/svg+xml side.svg base64 "$tmp/side.svg"
# Markup under another label or in an archive is also read as a viewer
# shows it: an SVG sent as application/octet-stream (named or not) or as
# text/plain, an HTML page named .html under text/plain (a browser opens
# it by its name), SVG and HTML members of a zip and of a tar. Each holds
# the number split by tags, which the raw text does not show as one.
printf '<svg xmlns="http://www.w3.org/2000/svg"><text x="10" y="40">CPR <tspan>07076</tspan><tspan>14285</tspan></text></svg>\n' >"$tmp/bare.svg"
printf '<p>Borger: 0707<span class="x">61-4285</span></p>\n' >"$tmp/brev.html"
expect_raw "SVG as application/octet-stream" 070761-XXXX "attachment kort.svg" \
    application/octet-stream kort.svg base64 "$tmp/kort.svg"
expect_raw "SVG without a declaration, octet-stream, no name" 070761-XXXX "attachment (part 2)" \
    application/octet-stream "" base64 "$tmp/bare.svg"
expect_raw "SVG as text/plain" 070761-XXXX "attachment kort.svg" \
    "text/plain; charset=us-ascii" kort.svg 7bit "$tmp/kort.svg"
expect_raw "HTML fragment named .html as text/plain" 070761-XXXX "attachment brev.html" \
    "text/plain; charset=us-ascii" brev.html 7bit "$tmp/brev.html"
printf '<p>S\370ren Borger: 1705<b>83-1889</b></p>\n' >"$tmp/gammel.html"  # Windows-1252
mkdir "$tmp/mk" && cp "$tmp/bare.svg" "$tmp/brev.html" "$tmp/gammel.html" "$tmp/mk/" &&
    (cd "$tmp/mk" && zip -q ../mk.zip bare.svg && tar cf ../mk.tar brev.html gammel.html)
# the same SVG in UTF-16 with a byte order mark, labelled as SVG and as octet-stream
iconv -f UTF-8 -t UTF-16 "$tmp/kort.svg" >"$tmp/kort16.svg"
expect_raw "UTF-16 SVG as image/svg+xml" 070761-XXXX "attachment kort16.svg" \
    image/svg+xml kort16.svg base64 "$tmp/kort16.svg"
expect_raw "UTF-16 SVG as application/octet-stream" 070761-XXXX "attachment kort16.svg" \
    application/octet-stream kort16.svg base64 "$tmp/kort16.svg"
# and by its content alone: unnamed, with and without the mark; in a zip
# and a tar, named or not (the number is split by the tspans in each)
expect_raw "UTF-16 SVG, octet-stream, no name" 070761-XXXX "attachment (part 2)" \
    application/octet-stream "" base64 "$tmp/kort16.svg"
iconv -f UTF-8 -t UTF-16LE "$tmp/kort.svg" >"$tmp/kort16le.svg"
expect_raw "UTF-16LE SVG without a mark, octet-stream, no name" 070761-XXXX \
    "attachment (part 2)" application/octet-stream "" base64 "$tmp/kort16le.svg"
mkdir "$tmp/mk16" && cp "$tmp/kort16.svg" "$tmp/mk16/" && cp "$tmp/kort16le.svg" "$tmp/mk16/data.bin" &&
    (cd "$tmp/mk16" && zip -q ../mk16.zip kort16.svg && tar czf ../mk16.tgz kort16.svg data.bin)
# an HTML page showing that UTF-16 SVG as a data: URI picture (a browser decodes it)
printf '<html><body><img src="data:image/svg+xml;base64,%s"></body></html>\n' \
    "$(base64 -w0 "$tmp/kort16.svg")" >"$tmp/svg16uri.html"
expect_raw "UTF-16 SVG in a data: URI of an HTML part" 070761-XXXX "part 2" \
    "text/html; charset=utf-8" "" 7bit "$tmp/svg16uri.html"
expect_raw "UTF-16 SVG in a zip" 070761-XXXX "attachment mk16.zip/kort16.svg" \
    application/zip mk16.zip base64 "$tmp/mk16.zip"
expect_raw "UTF-16 SVG in a tar.gz" 070761-XXXX "attachment mk16.tgz/kort16.svg" \
    application/gzip mk16.tgz base64 "$tmp/mk16.tgz"
expect_raw "unmarked UTF-16 SVG in a tar.gz, named .bin" 070761-XXXX \
    "attachment mk16.tgz/data.bin" application/gzip mk16.tgz base64 "$tmp/mk16.tgz"
# and inside a document: Word, PowerPoint and LibreOffice draw an SVG kept
# in their packages (word/media, Pictures), by its name or its content
# (the clean documents, so the only number is the picture's)
python3 - "$tmp/outc/seen.docx" "$tmp/outc/seen.odt" "$tmp/kort16.svg" "$tmp/svgdoc.docx" "$tmp/svgdoc.odt" <<'PY'
import sys, zipfile
svg = open(sys.argv[3], "rb").read()
for src, dst, member in ((sys.argv[1], sys.argv[4], "word/media/image9.svg"),
                         (sys.argv[2], sys.argv[5], "Pictures/1000000000000009")):
    zin, zout = zipfile.ZipFile(src), zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    for it in zin.infolist():
        zout.writestr(it, zin.read(it.filename))
    zout.writestr(member, svg)
    zout.close()
PY
expect_raw "UTF-16 SVG in a docx's word/media" 070761-XXXX \
    "attachment svgdoc.docx/word/media/image9.svg" application/octet-stream svgdoc.docx \
    base64 "$tmp/svgdoc.docx"
expect_raw "UTF-16 SVG without a suffix in an ODT's Pictures" 070761-XXXX \
    "attachment svgdoc.odt/Pictures/1000000000000009" application/octet-stream svgdoc.odt \
    base64 "$tmp/svgdoc.odt"
expect_raw "SVG in a zip" 070761-XXXX "attachment mk.zip/bare.svg" \
    application/zip mk.zip base64 "$tmp/mk.zip"
expect_raw "HTML fragment in a tar" 070761-XXXX "attachment mk.tar/brev.html" \
    application/x-tar mk.tar base64 "$tmp/mk.tar"
expect_raw "Windows-1252 HTML fragment in a tar" 170583-XXXX "attachment mk.tar/gammel.html" \
    application/x-tar mk.tar base64 "$tmp/mk.tar"
# Windows metafiles keep their text as text records, not pixels: a range
# pasted from Excel, a chart or a drawing in a Word document is an EMF or
# WMF picture. LibreOffice draws this number as two runs (one half bold)
# side by side: read as the one line a viewer shows. As an attachment, in
# a docx's word/media, in an RTF (\emfblip, \wmetafile8: a WMF without its
# placeable header); the clean twin stays public and scannable.
for v in 1 2; do
	[ $v = 1 ] && t1='<tspan>0707</tspan><tspan font-weight="bold">61-4285</tspan>' ||
	    t1='<tspan>Kort</tspan><tspan font-weight="bold"> over byen</tspan>'
	mkdir -p "$tmp/mf$v"
	printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="600" height="80"><text x="10" y="20" font-size="20">CPR-nummer:</text><text x="10" y="50" font-size="20">%s</text></svg>\n' \
	    "$t1" >"$tmp/mf$v/tegning.svg"
	convert "$tmp/mf$v" emf "$tmp/mf$v/tegning.svg"
	convert "$tmp/mf$v" wmf "$tmp/mf$v/tegning.svg"
done
python3 - "$tmp/outc/seen.docx" "$tmp/mf1" <<'PY'
import sys, zipfile
src, d = sys.argv[1], sys.argv[2]
zin, zout = zipfile.ZipFile(src), zipfile.ZipFile(d + "/mfdoc.docx", "w", zipfile.ZIP_DEFLATED)
for it in zin.infolist():
    zout.writestr(it, zin.read(it.filename))
zout.writestr("word/media/image9.emf", open(d + "/tegning.emf", "rb").read())
zout.close()
emf = open(d + "/tegning.emf", "rb").read().hex()
wmf = open(d + "/tegning.wmf", "rb").read()[22:].hex()
open(d + "/tegning.rtf", "w").write("{\\rtf1\\ansi Tegning {\\pict\\emfblip\\picw600\\pich80 %s}"
    "{\\pict\\wmetafile8\\picw600\\pich80 %s}}" % (emf, wmf))
PY
expect_raw "EMF attachment, the number in two runs" 070761-XXXX "attachment tegning.emf" \
    image/x-emf tegning.emf base64 "$tmp/mf1/tegning.emf"
expect_raw "WMF attachment, the number in two runs" 070761-XXXX "attachment tegning.wmf" \
    image/x-wmf tegning.wmf base64 "$tmp/mf1/tegning.wmf"
expect_raw "EMF in a docx's word/media" 070761-XXXX "attachment mfdoc.docx/word/media/image9.emf" \
    application/octet-stream mfdoc.docx base64 "$tmp/mf1/mfdoc.docx"
expect_raw "EMF in an RTF (emfblip)" 070761-XXXX "attachment tegning.rtf/picture 1" \
    application/rtf tegning.rtf base64 "$tmp/mf1/tegning.rtf"
expect_raw "WMF in an RTF (wmetafile8)" 070761-XXXX "attachment tegning.rtf/picture 2" \
    application/rtf tegning.rtf base64 "$tmp/mf1/tegning.rtf"
# and in a legacy Word file: LibreOffice keeps the EMF as a deflated BLIP
b64=$(base64 -w0 "$tmp/mf1/tegning.emf")
cat >"$tmp/mf1/tegning.fodt" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text><text:p>Tegning: <draw:frame draw:name="g1" text:anchor-type="as-char" svg:width="6cm" svg:height="1cm"><draw:image><office:binary-data>$b64</office:binary-data></draw:image></draw:frame></text:p></office:text></office:body></office:document>
EOF
convert "$tmp/mf1" doc "$tmp/mf1/tegning.fodt"
expect_raw "EMF in a legacy .doc (deflated BLIP)" 070761-XXXX "attachment tegning.doc/picture 1" \
    application/msword tegning.doc base64 "$tmp/mf1/tegning.doc"
# and their clean twins stay public, scannable
sed 's/07076/Kort /; s/14285/over byen/' "$tmp/bare.svg" >"$tmp/clean.svg"
sed 's/0707/Vej /; s/61-4285/12, 2. sal/' "$tmp/brev.html" >"$tmp/cleanbrev.html"
cp "$tmp/mf2/tegning.emf" "$tmp/cleanmf.emf" && cp "$tmp/mf2/tegning.wmf" "$tmp/cleanmf.wmf"
for f in clean.svg cleanbrev.html cleanmf.emf cleanmf.wmf; do
	mail_raw application/octet-stream "$f" base64 "$tmp/$f" >"$tmp/raw.eml"
	out=$("$bin" --scan "$tmp/raw.eml" -c "$conf" --date 2026-06-01 --json \
	    --from caseworker@kommune.example --rcpt citizen@gmail.example 2>/dev/null)
	case $out in
	*'"findings": []'*'"action": "accept"'*'"unscannable": false'*) ok "clean $f: public, read" ;;
	*) notok "clean $f: public, read"; printf '%s\n' "$out" | cut -c1-400 | sed 's/^/# /' ;;
	esac
done
echo "1..$n"
exit $fail
