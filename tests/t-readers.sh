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
# xlsx by LibreOffice: hidden sheet (its strings), cell comment, formula's cached value
expect_made seen.xlsx 191284-XXXX:xl/sharedStrings.xml 290200-XXXX:xl/comments1.xml \
    010190-XXXX:xl/worksheets/sheet1.xml
expect_made seen.ods 191284-XXXX:content.xml 290200-XXXX:content.xml 010190-XXXX:content.xml
# hand-made xlsx: very hidden sheet (inline string), shared string,
# threaded comment and its legacy twin, cached formula value
expect_made parts.xlsx 290296-XXXX:xl/worksheets/sheet2.xml 010180-XXXX:xl/sharedStrings.xml \
    010165-XXXX:xl/threadedComments/threadedComment1.xml 010165-XXXX:xl/comments1.xml \
    040605-XXXX:xl/worksheets/sheet1.xml
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
echo "1..$n"
exit $fail
