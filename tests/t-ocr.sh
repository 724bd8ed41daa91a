#!/bin/sh
# t-ocr.sh - OCR through the program (doc/DETECTION.md, "OCR"): scans drawn
# at test time (tests/tools/gen_scans.py, Pillow) are read by `--scan`:
# a Finnish scan at 300 dpi with noise and rotation (vector fi-010), a
# multi-page TIFF whose number is on page 2 (dk-030); a tracking pixel is
# skipped and counted (ocr_skipped_small); HEIC and AVIF photos; pictures
# in RTF letters, legacy Office files and Outlook bodies, on
# PDF pages that have a text layer (printed by LibreOffice) and CSS
# background pictures of HTML are read; ocr_max_pages and
# ocr_time_budget make the rest unscannable; ocr = no leaves images
# uninspected as before; logos do not count as pages; a missing language is a configuration error
# naming it. Output: TAP.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
bin=$top_builddir/milter/sealmilter
py=${PYTHON3:-/usr/bin/python3}
gen="$py $top_srcdir/tests/tools/gen_scans.py"
mail="$py $top_srcdir/tests/tools/scan_mail.py"
[ -x "$bin" ] || { echo "Bail out! $bin not built"; exit 1; }
$py -c 'import PIL' 2>/dev/null || { echo "Bail out! python3-pil missing"; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/t-ocr.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
trap 'rm -rf "$T"' EXIT
n=0; fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; fail=1; }

# conf EXTRA-LINES
conf() {
	cat >"$T/s.conf" <<CONF
internal_domains = kommune.example
spf_check = no
log_target = stderr
language = en
store =
spool_dir = $T
$1
CONF
}

# scan NAME EML WANTED-REGEX [UNWANTED-REGEX]
scan() {
	"$bin" --scan "$2" -c "$T/s.conf" --date 2026-06-01 --json \
	    --from caseworker@kommune.example --rcpt citizen@gmail.example >"$T/out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && grep -Eq "$3" "$T/out" &&
	    { [ -z "${4:-}" ] || ! grep -Eq "$4" "$T/out"; }; then
		ok "$1"
	else
		notok "$1 (exit $rc, want /$3/${4:+ and not /$4/})"
		sed 's/^/# /' "$T/out" | cut -c1-600
	fi
}

conf ""
$gen --lang fi --dpi 300 --noise 0.01 --rotate -2.5 --vector fi-010 --seed 7 "$T/fi.png"
$mail "$T/fi.eml" "$T/fi.png=hakemus.png"
# The letter is a decision on social assistance to "you": sensitive, so
# where names only the place, not the file name (doc/DETECTION.md 11.4),
# and how it was read: a picture, by OCR (our words, not the sender's).
scan "Finnish 300 dpi scan, noise, -2.5 degrees: fi-hetu found by OCR" "$T/fi.eml" \
    '"kind": "fi-hetu", "masked": "300110CXXXX".*"where": "attachment \(part 2\), picture \(OCR\)".*"category:social".*"ocr_pages": 1'

# A two-page TIFF (as a copier's scan-to-mail TIFF): the number on page 2.
$gen --lang da --dpi 200 --clean --height 0.3 --seed 8 "$T/p1.png"
$gen --lang da --dpi 200 --vector dk-030 --rotate 1 --height 0.3 --seed 9 "$T/p2.png"
$py -c 'import sys; from PIL import Image; a=Image.open(sys.argv[1]); b=Image.open(sys.argv[2]); a.save(sys.argv[3], save_all=True, append_images=[b], compression="tiff_lzw", dpi=(200,200))' \
    "$T/p1.png" "$T/p2.png" "$T/two.tif"
$mail "$T/tif.eml" "$T/two.tif=scan.tif"
scan "two-page TIFF: page 2 read (dk-030)" "$T/tif.eml" \
    '"masked": "030119-XXXX".*"where": "attachment scan.tif/page 2 \(OCR\)".*"ocr_pages": 2'

# A tracking pixel and a 30x8 spacer: skipped and counted, nothing uninspected.
$py -c 'import sys; from PIL import Image; Image.new("RGB",(1,1),(255,255,255)).save(sys.argv[1]); Image.new("L",(30,8),255).save(sys.argv[2])' \
    "$T/pixel.gif" "$T/spacer.png"
$mail "$T/tiny.eml" "$T/pixel.gif" "$T/spacer.png"
scan "tiny images skipped and counted" "$T/tiny.eml" \
    '"unscannable": false.*"ocr_skipped_small": 2' '"ocr_pages"'

# Pictures inside documents, archives and HTML are read as picture
# attachments are: a scan pasted into a Word letter, a photo of a card in
# a zip, a scanned PDF in a zip, a docx in a tar.gz, a data: URI picture
# in HTML (Apple Mail and Thunderbird show it). A logo in a letter is
# skipped as a small picture; a vector picture (EMF) stays unread.
$py - "$T" "$T/p2.png" <<'PY'
import io, sys, tarfile, zipfile
T, scan = sys.argv[1], open(sys.argv[2], "rb").read()
from PIL import Image
logo = io.BytesIO(); Image.new("L", (30, 8), 255).save(logo, "PNG")
emf = b"\x01\0\0\0" + b"\0" * 36 + b" EMF" + b"\0" * 64
def docx(path, media):
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>Se vedlagte scanning.</w:t></w:r></w:p></w:body></w:document>' % W)
        for name, data in media:
            z.writestr("word/media/" + name, data)
docx(T + "/scan.docx", [("image1.png", scan)])
docx(T + "/logo.docx", [("image1.png", logo.getvalue()), ("image2.emf", emf)])
with zipfile.ZipFile(T + "/photo.zip", "w") as z:
    z.writestr("kort.png", scan)
with tarfile.open(T + "/letters.tar.gz", "w:gz") as t:
    t.add(T + "/scan.docx", "brev.docx")
PY
$py -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).convert("RGB").save(sys.argv[2], resolution=200)' "$T/p2.png" "$T/scan.pdf"
$py -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[2], "w").write(sys.argv[1], "scan.pdf")' "$T/scan.pdf" "$T/pdf.zip"
$mail "$T/docx.eml" "$T/scan.docx=brev.docx"
scan "scan pasted into a docx: read by OCR (dk-030)" "$T/docx.eml" \
    '"masked": "030119-XXXX".*"where": "attachment brev.docx/word/media/image1.png \(OCR\)"'
$mail "$T/zip.eml" "$T/photo.zip=photo.zip"
scan "picture in a zip: read by OCR" "$T/zip.eml" \
    '"masked": "030119-XXXX".*"where": "attachment photo.zip/kort.png \(OCR\)"'
$mail "$T/pdfzip.eml" "$T/pdf.zip=pdf.zip"
scan "scanned PDF in a zip: its page read by OCR" "$T/pdfzip.eml" \
    '"masked": "030119-XXXX".*"where": "attachment pdf.zip/scan.pdf/page 1 \(OCR\)"'
$mail "$T/tgz.eml" "$T/letters.tar.gz=letters.tar.gz"
scan "docx with a scan in a tar.gz: read by OCR" "$T/tgz.eml" \
    '"masked": "030119-XXXX".*"where": "attachment letters.tar.gz/brev.docx/word/media/image1.png \(OCR\)"'
$mail "$T/logo.eml" "$T/logo.docx=brev.docx"
scan "docx with a logo and an EMF: public, logo skipped as small" "$T/logo.eml" \
    '"class": "public".*"unscannable": false.*"ocr_skipped_small": 1' '"ocr_pages"'
cat >"$T/html.py" <<'PY'
import base64, io, sys
from PIL import Image
scan = base64.b64encode(open(sys.argv[1], "rb").read()).decode()
pixel = io.BytesIO(); Image.new("L", (1, 1), 255).save(pixel, "PNG")
pixel = base64.b64encode(pixel.getvalue()).decode()
extra = int(sys.argv[3])
body = "<html><body><p>Se her:</p><img src=\"data:image/png;base64,%s\">%s</body></html>" % (
    scan, "".join('<img src="data:image/png;base64,%s">' % pixel for _ in range(extra)))
open(sys.argv[2], "w").write("From: caseworker@kommune.example\r\nTo: citizen@gmail.example\r\n"
    "Subject: Brev\r\nDate: Mon, 01 Jun 2026 10:00:00 +0200\r\nMessage-ID: <html-%d@kommune.example>\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s\r\n" % (extra, body))
PY
$py "$T/html.py" "$T/p2.png" "$T/html1.eml" 0
$py "$T/html.py" "$T/p2.png" "$T/html.eml" 64
scan "data: URI picture in HTML: read by OCR" "$T/html1.eml" \
    '"masked": "030119-XXXX".*"where": "attachment inline picture 1 \(OCR\)"'
scan "more data: URI pictures than are read: unscannable" "$T/html.eml" \
    '"unscannable": true, "unscannable_reason": "part 1: more inline data: pictures than are read \(1 not read\)"'

# Pictures a reader sees that used to pass unread (issue 11): a scan
# pasted into a typed RTF letter (\pict\pngblip, as Word and LibreOffice
# write it), the same letter printed to PDF by LibreOffice (a page WITH a
# text layer that also shows the scan), and a CSS background picture of
# an HTML mail (style attribute and <style> block). Each with the scan
# holding dk-030 and with the clean scan p1.png (no number).
cat >"$T/rtf.py" <<'PY'
import sys
from PIL import Image
w, h = Image.open(sys.argv[1]).size
goal = "\\picw%d\\pich%d\\picwgoal%d\\pichgoal%d" % (w, h, 8640, 8640 * h // w)  # 6 inches wide
scan = open(sys.argv[1], "rb").read().hex()
lines = "\n".join(scan[i:i + 128] for i in range(0, len(scan), 128))
open(sys.argv[2], "w").write(
    "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Liberation Serif;}}\n"
    "\\f0\\fs24 Kommunen har modtaget din ans\\'f8gning om boligst\\'f8tte og har nu behandlet "
    "sagen. Se den vedlagte kopi af dit sygesikringsbevis nedenfor.\\par\n"
    "{\\*\\shppict{\\pict" + goal + "\\pngblip\n" + lines + "\n}}\\par\n"
    "Med venlig hilsen, Ydelseskontoret\\par}\n")
PY
$py "$T/rtf.py" "$T/p2.png" "$T/brev.rtf"
$py "$T/rtf.py" "$T/p1.png" "$T/clean.rtf"
$mail "$T/rtf.eml" "$T/brev.rtf=brev.rtf"
$mail "$T/rtfclean.eml" "$T/clean.rtf=brev.rtf"
scan "RTF letter with a pasted scan: the picture read by OCR (dk-030)" "$T/rtf.eml" \
    '"masked": "030119-XXXX".*"where": "attachment brev.rtf/picture 1 \(OCR\)".*"ocr_pages": 1'
scan "RTF letter with a pasted clean scan: read, public" "$T/rtfclean.eml" \
    '"class": "public".*"unscannable": false.*"ocr_pages": 1' 'dk-cpr'
# The same scan as a device-independent bitmap (\dibitmap0: the DIB
# without its file header, as WordPad and older Word write a pasted
# picture), grey with a colour table and in 24-bit colour.
cat >"$T/dib.py" <<'PY'
import io, sys
from PIL import Image
im = Image.open(sys.argv[1]).convert(sys.argv[3])
b = io.BytesIO()
im.save(b, "BMP")
dib = b.getvalue()[14:].hex()
lines = "\n".join(dib[i:i + 128] for i in range(0, len(dib), 128))
open(sys.argv[2], "w").write(
    "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\n"
    "\\f0 Kopi af kortet:\\par\n"
    "{\\pict\\dibitmap0\\picw%d\\pich%d\\picwgoal8640\\pichgoal%d\n%s\n}\\par\n}\n"
    % (im.size[0], im.size[1], 8640 * im.size[1] // im.size[0], lines))
PY
$py "$T/dib.py" "$T/p2.png" "$T/dib8.rtf" L
$py "$T/dib.py" "$T/p2.png" "$T/dib24.rtf" RGB
$mail "$T/dib8.eml" "$T/dib8.rtf=kort.rtf"
$mail "$T/dib24.eml" "$T/dib24.rtf=kort.rtf"
scan "RTF \\dibitmap picture (8-bit grey, colour table): read by OCR (dk-030)" "$T/dib8.eml" \
    '"masked": "030119-XXXX".*"where": "attachment kort.rtf/picture 1 \(OCR\)".*"ocr_pages": 1'
scan "RTF \\dibitmap picture (24-bit): read by OCR (dk-030)" "$T/dib24.eml" \
    '"masked": "030119-XXXX".*"where": "attachment kort.rtf/picture 1 \(OCR\)".*"ocr_pages": 1'
# LibreOffice prints both letters to PDF: typed text (a text layer) and the scan.
mkdir -p "$T/lo" "$T/pdf"
cp "$T/brev.rtf" "$T/lo/brev.rtf"; cp "$T/clean.rtf" "$T/lo/clean.rtf"
if soffice -env:UserInstallation="file://$T/profile" --headless --convert-to pdf \
    --outdir "$T/pdf" "$T/lo/brev.rtf" "$T/lo/clean.rtf" >"$T/soffice.log" 2>&1 &&
    [ -s "$T/pdf/brev.pdf" ] && [ -s "$T/pdf/clean.pdf" ]; then
	ok "LibreOffice printed the letters to PDF"
else
	notok "LibreOffice printed the letters to PDF (soffice, contrib/install-deps.sh)"
	sed 's/^/# /' "$T/soffice.log"
fi
$mail "$T/pdftext.eml" "$T/pdf/brev.pdf=brev.pdf"
$mail "$T/pdfclean.eml" "$T/pdf/clean.pdf=brev.pdf"
scan "PDF page with a text layer and a pasted scan: the picture read by OCR (dk-030)" \
    "$T/pdftext.eml" \
    '"masked": "030119-XXXX".*"where": "attachment brev.pdf/page 1, picture 1 \(OCR\)".*"ocr_pages": 1'
scan "PDF page with a text layer and a clean scan: read, public" "$T/pdfclean.eml" \
    '"class": "public".*"unscannable": false.*"ocr_pages": 1' 'dk-cpr'
# A scan pasted into legacy Word, Excel and PowerPoint files (OfficeArt
# pictures: Word's Data stream, Excel's drawing group, PowerPoint's
# Pictures stream), written by LibreOffice from flat ODF with the picture.
cat >"$T/fodf.py" <<'PY'
import base64, sys
png, kind, out = sys.argv[1], sys.argv[2], sys.argv[3]
pic = base64.b64encode(open(png, "rb").read()).decode()
ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')
frame = ('<draw:frame draw:name="kopi" %s svg:x="1cm" svg:y="2cm" svg:width="24cm" svg:height="7.5cm">'
         '<draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame>')
if kind == "text":
    body = ('<office:text><text:p>Kopi af kortet:</text:p><text:p>' +
            frame % ('text:anchor-type="as-char"', pic) + '</text:p></office:text>')
elif kind == "spreadsheet":
    body = ('<office:spreadsheet><table:table table:name="Ark1"><table:shapes>' +
            frame % ('', pic) + '</table:shapes><table:table-row><table:table-cell>'
            '<text:p>Kopi af kortet</text:p></table:table-cell></table:table-row>'
            '</table:table></office:spreadsheet>')
else:
    body = ('<office:presentation><draw:page draw:name="s1">' + frame % ('', pic) +
            '</draw:page></office:presentation>')
open(out, "w").write('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.2" '
    'office:mimetype="application/vnd.oasis.opendocument.%s"><office:body>%s</office:body>'
    '</office:document>\n' % (ns, kind, body))
PY
mkdir -p "$T/legacy"
for k in p1 p2; do
	$py "$T/fodf.py" "$T/$k.png" text "$T/lo/$k-kort.fodt"
	$py "$T/fodf.py" "$T/$k.png" spreadsheet "$T/lo/$k-kort.fods"
	$py "$T/fodf.py" "$T/$k.png" presentation "$T/lo/$k-kort.fodp"
done
for fmt in doc:fodt xls:fods ppt:fodp; do
	soffice -env:UserInstallation="file://$T/profile" --headless \
	    --convert-to "${fmt%%:*}" --outdir "$T/legacy" "$T/lo/p1-kort.${fmt#*:}" \
	    "$T/lo/p2-kort.${fmt#*:}" >>"$T/soffice.log" 2>&1
done
for x in doc xls ppt; do
	$mail "$T/legacy-$x.eml" "$T/legacy/p2-kort.$x=kort.$x"
	$mail "$T/legacyclean-$x.eml" "$T/legacy/p1-kort.$x=kort.$x"
	scan "legacy .$x with a pasted scan: the picture read by OCR (dk-030)" "$T/legacy-$x.eml" \
	    '"masked": "030119-XXXX".*"where": "attachment kort.'$x'/picture 1 \(OCR\)".*"ocr_pages": 1'
	scan "legacy .$x with a clean scan: read, public" "$T/legacyclean-$x.eml" \
	    '"class": "public".*"unscannable": false.*"ocr_pages": 1' 'dk-cpr'
done
cat >"$T/css.py" <<'PY'
import base64, sys
scan = base64.b64encode(open(sys.argv[1], "rb").read()).decode()
if sys.argv[3] == "style":
    body = ("<html><body><p>Se her:</p><div style=\"width:800px;height:400px;"
            "background-image: url('data:image/png;base64,%s')\"></div></body></html>" % scan)
else:
    body = ("<html><head><style>.kopi { background: url(data:image/png;base64,%s) no-repeat; }"
            "</style></head><body><p>Se her:</p><div class=\"kopi\"></div></body></html>" % scan)
open(sys.argv[2], "w").write("From: caseworker@kommune.example\r\nTo: citizen@gmail.example\r\n"
    "Subject: Brev\r\nDate: Mon, 01 Jun 2026 10:00:00 +0200\r\nMessage-ID: <css-%s@kommune.example>\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s\r\n" % (sys.argv[3], body))
PY
$py "$T/css.py" "$T/p2.png" "$T/cssattr.eml" style
$py "$T/css.py" "$T/p2.png" "$T/cssblock.eml" block
$py "$T/css.py" "$T/p1.png" "$T/cssclean.eml" style
scan "CSS background (style attribute) in HTML: read by OCR (dk-030)" "$T/cssattr.eml" \
    '"masked": "030119-XXXX".*"where": "attachment inline picture 1 \(OCR\)"'
scan "CSS background (<style> block) in HTML: read by OCR (dk-030)" "$T/cssblock.eml" \
    '"masked": "030119-XXXX".*"where": "attachment inline picture 1 \(OCR\)"'
scan "CSS background with a clean scan: read, public" "$T/cssclean.eml" \
    '"class": "public".*"unscannable": false.*"ocr_pages": 1' 'dk-cpr'

# Outlook's bodies: the scan pasted into the HTML body (a data: picture)
# and into the RTF body (\pict) of a winmail.dat (TNEF) and of a
# forwarded Outlook item (.msg); the clean scan in each stays public.
tnef="$py $top_srcdir/tests/tools/gen_tnef.py"
msgtool=$top_builddir/tests/tools/seal_msg_tool
$py - "$T/p2.png" "$T/body.html" "$T/p1.png" "$T/bodyclean.html" <<'PY'
import base64, sys
for png, out in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    pic = base64.b64encode(open(png, "rb").read()).decode()
    open(out, "w").write("<html><body><p>Se kopien af kortet:</p>"
                         "<p><img width=800 src=\"data:image/png;base64,%s\"></p>"
                         "<p>Med venlig hilsen</p></body></html>" % pic)
PY
$tnef html --html "$T/body.html" >"$T/tnefhtml.eml"
$tnef html --html "$T/bodyclean.html" >"$T/tnefhtmlclean.eml"
$tnef rtf-lzfu --rtf "$T/brev.rtf" >"$T/tnefrtf.eml"
scan "TNEF HTML body with a data: picture: read by OCR (dk-030)" "$T/tnefhtml.eml" \
    '"masked": "030119-XXXX".*"where": "attachment winmail.dat/body \(HTML\)/picture 1 \(OCR\)".*"ocr_pages": 1'
scan "TNEF HTML body with a clean picture: read, public" "$T/tnefhtmlclean.eml" \
    '"class": "public".*"unscannable": false.*"ocr_pages": 1' 'dk-cpr'
scan "TNEF RTF body with a pasted scan: read by OCR (dk-030)" "$T/tnefrtf.eml" \
    '"masked": "030119-XXXX".*"where": "attachment winmail.dat/body \(RTF\)/picture 1 \(OCR\)".*"ocr_pages": 1'
"$msgtool" "$T/html.msg" subject=Videresendt html="@$T/body.html"
"$msgtool" "$T/htmlclean.msg" subject=Videresendt html="@$T/bodyclean.html"
"$msgtool" "$T/rtf.msg" subject=Videresendt rtf="@$T/brev.rtf"
"$msgtool" "$T/rtfclean.msg" subject=Videresendt rtf="@$T/clean.rtf"
$mail "$T/msghtml.eml" "$T/html.msg=sag.msg"
$mail "$T/msghtmlclean.eml" "$T/htmlclean.msg=sag.msg"
$mail "$T/msgrtf.eml" "$T/rtf.msg=sag.msg"
$mail "$T/msgrtfclean.eml" "$T/rtfclean.msg=sag.msg"
scan "Outlook item, HTML body with a data: picture: read by OCR (dk-030)" "$T/msghtml.eml" \
    '"masked": "030119-XXXX".*"where": "attachment sag.msg/html body/picture 1 \(OCR\)".*"ocr_pages": 1'
scan "Outlook item, HTML body with a clean picture: read, public" "$T/msghtmlclean.eml" \
    '"class": "public".*"unscannable": false.*"ocr_pages": 1' 'dk-cpr'
scan "Outlook item, RTF body with a pasted scan: read by OCR (dk-030)" "$T/msgrtf.eml" \
    '"masked": "030119-XXXX".*"where": "attachment sag.msg/rtf body/picture 1 \(OCR\)".*"ocr_pages": 1'
scan "Outlook item, RTF body with a clean scan: read, public" "$T/msgrtfclean.eml" \
    '"class": "public".*"unscannable": false.*"ocr_pages": 1' 'dk-cpr'

# Phone photos: HEIC (an iPhone's own format, 8 and 10 bits) and AVIF,
# written by libheif's heif-enc; a clean HEIC stays public; a HEIC that
# cannot be decoded is unscannable (it passed unread as public before).
if command -v heif-enc >/dev/null 2>&1; then
	heif-enc -o "$T/p2.heic" "$T/p2.png" >/dev/null 2>&1
	heif-enc -b 10 -o "$T/p2b10.heic" "$T/p2.png" >/dev/null 2>&1
	heif-enc -A -o "$T/p2.avif" "$T/p2.png" >/dev/null 2>&1
	heif-enc -o "$T/p1.heic" "$T/p1.png" >/dev/null 2>&1
fi
for f in p2.heic p2b10.heic p2.avif p1.heic; do
	[ -s "$T/$f" ] || notok "heif-enc wrote $f (libheif-examples, contrib/install-deps.sh)"
done
head -c 200 "$T/p2.heic" >"$T/cut.heic"
$mail "$T/heic.eml" "$T/p2.heic=IMG_0412.HEIC"
$mail "$T/heic10.eml" "$T/p2b10.heic=IMG_0413.HEIC"
$mail "$T/avif.eml" "$T/p2.avif=kort.avif"
$mail "$T/heicclean.eml" "$T/p1.heic=IMG_0414.HEIC"
$mail "$T/heiccut.eml" "$T/cut.heic=IMG_0415.HEIC"
scan "HEIC phone photo: read by OCR (dk-030)" "$T/heic.eml" \
    '"masked": "030119-XXXX".*"where": "attachment IMG_0412.HEIC \(OCR\)".*"ocr_pages": 1'
scan "HEIC 10 bits: read by OCR (dk-030)" "$T/heic10.eml" \
    '"masked": "030119-XXXX".*"where": "attachment IMG_0413.HEIC \(OCR\)"'
scan "AVIF picture: read by OCR (dk-030)" "$T/avif.eml" \
    '"masked": "030119-XXXX".*"where": "attachment kort.avif \(OCR\)"'
scan "HEIC with a clean scan: read, public" "$T/heicclean.eml" \
    '"class": "public".*"unscannable": false.*"ocr_pages": 1' 'dk-cpr'
scan "HEIC cut short: unscannable, never public unread" "$T/heiccut.eml" \
    '"unscannable": true, "unscannable_reason": "attachment \(part 2\): picture could not be decoded"'

# ocr_max_pages = 1 with two scans: the second is unread, so unscannable.
conf "ocr_max_pages = 1"
$mail "$T/two.eml" "$T/p1.png=a.png" "$T/fi.png=b.png"
scan "ocr_max_pages hit: unscannable" "$T/two.eml" \
    '"unscannable": true, "unscannable_reason": "attachment \(part 3\): more pictures and scanned pages than ocr_max_pages \(1\)"'

# Logos are read but do not count as pages: three with ocr_max_pages = 1.
$py -c 'import sys
from PIL import Image, ImageDraw, ImageFont
f = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
for i, p in enumerate(sys.argv[1:]):
    im = Image.new("L", (420, 90), 255)
    ImageDraw.Draw(im).text((10, 20), "Kommune %d" % (i + 1), font=f, fill=0)
    im.save(p)' "$T/l1.png" "$T/l2.png" "$T/l3.png"
$mail "$T/logos.eml" "$T/l1.png" "$T/l2.png" "$T/l3.png"
scan "three logos with ocr_max_pages = 1: read, not unscannable" "$T/logos.eml" \
    '"unscannable": false.*"ocr_pages": 3'

# ocr_time_budget = 1 s against four full pages at 300 dpi (several
# seconds of OCR on any machine): unscannable, never clean.
conf "ocr_time_budget = 1"
$gen --lang sv --dpi 300 --noise 0.01 --vector se-013 --seed 10 "$T/sv.png"
$mail "$T/slow.eml" "$T/sv.png=1.png" "$T/fi.png=2.png" "$T/sv.png=3.png" "$T/fi.png=4.png"
scan "ocr_time_budget hit: unscannable" "$T/slow.eml" \
    '"unscannable": true, "unscannable_reason": "attachment \(part [0-9]\): OCR time budget \(ocr_time_budget 1 s\) spent"'

# ocr = no: images stay uninspected as before OCR existed.
conf "ocr = no"
scan "ocr = no: image not read" "$T/fi.eml" '"class": "public".*"unscannable": false' \
    '"ocr_pages"|fi-hetu'
scan "ocr = no: a picture in a docx stays unread, nothing counted" "$T/docx.eml" \
    '"class": "public".*"unscannable": false' '"ocr_pages"|dk-cpr|"uninspected"'
scan "ocr = no: a data: URI picture stays unread" "$T/html1.eml" \
    '"class": "public".*"unscannable": false' '"ocr_pages"|dk-cpr'
scan "ocr = no: an RTF picture stays unread, nothing counted" "$T/rtf.eml" \
    '"class": "public".*"unscannable": false' '"ocr_pages"|dk-cpr|"uninspected"'
scan "ocr = no: a picture on a PDF text page stays unread, nothing counted" "$T/pdftext.eml" \
    '"class": "public".*"unscannable": false' '"ocr_pages"|dk-cpr|"uninspected"'
scan "ocr = no: a picture in a legacy .doc stays unread, nothing counted" \
    "$T/legacy-doc.eml" '"class": "public".*"unscannable": false' '"ocr_pages"|dk-cpr|"uninspected"'
scan "ocr = no: a CSS background stays unread" "$T/cssblock.eml" \
    '"class": "public".*"unscannable": false' '"ocr_pages"|dk-cpr'

# Text in a picture's metadata is read with the picture (picmeta.c): a
# caption in a photo's EXIF, a comment in a PNG's compressed text chunk,
# an XMP description in a JPEG (a number the pixels do not show), and a
# photo in a zip; a picture whose metadata holds no number stays public.
# (With ocr = no pictures in documents stay unread, as checked above.)
conf ""
$py - "$T" <<'PY'
import sys
from PIL import Image, PngImagePlugin
t = sys.argv[1]
img = Image.new("L", (400, 240), 255)
ex = Image.Exif()
ex[0x010E] = "Borger, CPR 070761-4285"          # ImageDescription
img.save(t + "/exif.jpg", exif=ex.tobytes())
pi = PngImagePlugin.PngInfo()
pi.add_text("Comment", "sag 170583-1889", zip=True)  # zTXt
img.save(t + "/ztxt.png", pnginfo=pi)
img.save(t + "/plain.jpg")
d = open(t + "/plain.jpg", "rb").read()
xmp = (b'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
       b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
       b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li>'
       b'CPR 290200-4214</rdf:li></rdf:Alt></dc:description></rdf:Description>'
       b'</rdf:RDF></x:xmpmeta>')
seg = b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp
open(t + "/xmp.jpg", "wb").write(d[:2] + seg + d[2:])
ex = Image.Exif()
ex[0x010E] = "Udsigt over havnen"
ex[0x013B] = "Kommunen"                          # Artist
img.save(t + "/cleanmeta.jpg", exif=ex.tobytes())
PY
$mail "$T/meta.eml" "$T/exif.jpg=foto.jpg" "$T/ztxt.png=kort.png" "$T/xmp.jpg=scan.jpg"
scan "picture metadata: EXIF caption, PNG zTXt, JPEG XMP" "$T/meta.eml" \
    '"masked": "070761-XXXX".*"where": "attachment foto.jpg".*"masked": "170583-XXXX".*"where": "attachment kort.png".*"masked": "290200-XXXX".*"where": "attachment scan.jpg"'
(cd "$T" && rm -f meta.zip && zip -q meta.zip exif.jpg)
$mail "$T/metazip.eml" "$T/meta.zip=fotos.zip"
scan "picture metadata: a photo in a zip" "$T/metazip.eml" \
    '"masked": "070761-XXXX".*"where": "attachment fotos.zip/exif.jpg"'
# The other places photo tools and scanners write text: a GIF comment, a
# TIFF's document name and description (the directory after the pixels),
# a JPEG's IPTC caption in its Photoshop resources.
$py - "$T" <<'PY'
import sys
from PIL import Image, TiffImagePlugin
t = sys.argv[1]
img = Image.new("L", (400, 240), 255)
img.save(t + "/comment.gif", comment=b"Journal 070761-4285")
info = TiffImagePlugin.ImageFileDirectory_v2()
info[269] = "Scanning af sag 170583-1889"      # DocumentName
info[270] = "Side 1"                           # ImageDescription
img.save(t + "/scan.tif", tiffinfo=info)
img.save(t + "/plain2.jpg")
d = open(t + "/plain2.jpg", "rb").read()
cap = "Caption: CPR 290200-4214".encode()
iptc = b"\x1c\x01\x5a\x00\x03\x1b%G" + b"\x1c\x02\x78" + len(cap).to_bytes(2, "big") + cap
irb = b"8BIM\x04\x04\x00\x00" + len(iptc).to_bytes(4, "big") + iptc + b"\x00" * (len(iptc) & 1)
seg = b"Photoshop 3.0\x00" + irb
open(t + "/iptc.jpg", "wb").write(d[:2] + b"\xff\xed" + (len(seg) + 2).to_bytes(2, "big") + seg + d[2:])
PY
$mail "$T/meta2.eml" "$T/comment.gif=kort.gif" "$T/scan.tif=scan.tif" "$T/iptc.jpg=foto.jpg"
scan "picture metadata: GIF comment, TIFF document name, JPEG IPTC caption" "$T/meta2.eml" \
    '"masked": "070761-XXXX".*"where": "attachment kort.gif".*"masked": "170583-XXXX".*"where": "attachment scan.tif".*"masked": "290200-XXXX".*"where": "attachment foto.jpg"'
# What spans several JPEG segments is read whole: an IPTC caption longer
# than a segment (its Photoshop resources go on in a second APP13
# segment, cut inside the number) and a long XMP packet whose pieces come
# in reverse order, cut inside the number.
$py - "$T" <<'PY'
import sys
t = sys.argv[1]
d = open(t + "/plain2.jpg", "rb").read()
cap = ("Caption: " + "x" * 60000 + " CPR 290200-4214").encode()
iptc = b"\x1c\x02\x78\x80\x04" + len(cap).to_bytes(4, "big") + cap
irb = b"8BIM\x04\x04\x00\x00" + len(iptc).to_bytes(4, "big") + iptc + b"\x00" * (len(iptc) & 1)
cut = irb.index(b"290200-") + 3
segs = b""
for piece in (irb[:cut], irb[cut:]):
    seg = b"Photoshop 3.0\x00" + piece
    segs += b"\xff\xed" + (len(seg) + 2).to_bytes(2, "big") + seg
open(t + "/app13split.jpg", "wb").write(d[:2] + segs + d[2:])
pkt = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
       b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
       b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li>'
       b'CPR 070761-4285</rdf:li></rdf:Alt></dc:description></rdf:Description>'
       b'</rdf:RDF></x:xmpmeta>')
cut = pkt.index(b"070761") + 4
segs = b""
for off, piece in ((cut, pkt[cut:]), (0, pkt[:cut])):
    body = (b"http://ns.adobe.com/xmp/extension/\0" + b"0123456789ABCDEF" * 2 +
            len(pkt).to_bytes(4, "big") + off.to_bytes(4, "big") + piece)
    segs += b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body
open(t + "/xmpext.jpg", "wb").write(d[:2] + segs + d[2:])
PY
$mail "$T/meta3.eml" "$T/app13split.jpg=foto1.jpg" "$T/xmpext.jpg=foto2.jpg"
scan "picture metadata over several JPEG segments: IPTC caption, XMP packet" "$T/meta3.eml" \
    '"masked": "290200-XXXX".*"where": "attachment foto1.jpg".*"masked": "070761-XXXX".*"where": "attachment foto2.jpg"'
# Metadata past the reader's bounds (here 1.1 MiB of PNG text before the
# chunk with the number) leaves the message unscannable, never public.
$py - "$T" <<'PY'
import sys
from PIL import Image, PngImagePlugin
t = sys.argv[1]
pi = PngImagePlugin.PngInfo()
pi.add_text("Comment", "x " * 600000)
pi.add_text("Note", "sag 170583-1889")
Image.new("L", (400, 240), 255).save(t + "/bigtext.png", pnginfo=pi)
PY
$mail "$T/meta4.eml" "$T/bigtext.png=kort.png"
scan "picture metadata past 1 MiB: unscannable" "$T/meta4.eml" \
    '"unscannable": true, "unscannable_reason": "attachment \(part 2\): picture metadata past the reading limits'
# A phone's HEIC keeps the photo's EXIF (heif-enc copies it from a JPEG).
heif-enc -q 50 -o "$T/exif.heic" "$T/exif.jpg" >/dev/null 2>&1
[ -s "$T/exif.heic" ] || notok "heif-enc wrote exif.heic"
$mail "$T/metaheic.eml" "$T/exif.heic=IMG_0413.HEIC"
scan "picture metadata: a HEIC photo's EXIF caption" "$T/metaheic.eml" \
    '"masked": "070761-XXXX".*"where": "attachment IMG_0413.HEIC"'
$mail "$T/cleanmeta.eml" "$T/cleanmeta.jpg=havn.jpg"
scan "picture metadata without a number: public" "$T/cleanmeta.eml" \
    '"class": "public".*"unscannable": false' 'dk-cpr'
# With ocr = no a picture attachment's metadata is still read (no OCR is
# needed for it); the pixels stay unread.
conf "ocr = no"
scan "ocr = no: picture metadata still read" "$T/meta.eml" \
    '"masked": "070761-XXXX".*"masked": "170583-XXXX".*"masked": "290200-XXXX"' '"ocr_pages"'
conf ""

# A language that is not installed is a configuration error naming it.
conf "ocr_languages = dan+xxq"
if "$bin" -n -c "$T/s.conf" >"$T/out" 2>&1; then
	notok "missing language: -n passed"
elif grep -q 'ocr_languages: OCR language xxq is not installed' "$T/out"; then
	ok "missing language: configuration error naming it"
else
	notok "missing language: wrong message"
	sed 's/^/# /' "$T/out"
fi
conf "ocr = no
ocr_languages = dan+xxq"
if "$bin" -n -c "$T/s.conf" >"$T/out" 2>&1; then
	ok "missing language with ocr = no: accepted"
else
	notok "missing language with ocr = no: refused"
	sed 's/^/# /' "$T/out"
fi
conf "ocr_languages = ../etc"
if ! "$bin" -n -c "$T/s.conf" >"$T/out" 2>&1 && grep -q 'not Tesseract languages' "$T/out"; then
	ok "language names checked (no paths)"
else
	notok "language names not checked"
	sed 's/^/# /' "$T/out"
fi

echo "1..$n"
exit $fail
