#!/bin/sh
# RTF and TNEF made at test time (issue 11): LibreOffice writes RTF from a
# text (`soffice --headless --convert-to rtf`), sent as an .rtf attachment
# and as the LZFu-compressed body of a winmail.dat; tests/tools/gen_tnef.py
# writes TNEF of every kind it knows ([MS-OXTNEF]). Each goes through
# `sealmilter --scan --json` as in tests/golden.sh: with a `found` vector
# (dk-006, dk-007, dk-012, se-017) it must be confidential and the finding
# named where the reader found it; without one, public; damaged or
# encrypted, unscannable.
set -u
bin="$top_builddir/milter/sealmilter"
conf="$top_srcdir/tests/data/golden.conf"
gen="$top_srcdir/tests/tools/gen_tnef.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0; fail=0

scan() {
	"$bin" --scan "$1" -c "$conf" --date 2026-06-01 --json \
	    --from caseworker@kommune.example --rcpt citizen@gmail.example 2>/dev/null
}
# expect LABEL FILE PATTERN: the JSON output matches the shell PATTERN.
expect() {
	n=$((n + 1))
	out=$(scan "$2")
	case $out in
	$3) echo "ok $n - $1" ;;
	*) echo "not ok $n - $1"; fail=1
	   printf '%s\n' "$out" | grep -o '"\(class\|where\|unscannable_reason\)": "[^"]*"' |
	       sed 's/^/#   /' ;;
	esac
}
# rtf_mail NAME RTF > EML: the RTF as a base64 application/rtf attachment.
rtf_mail() {
	printf 'From: <caseworker@kommune.example>\nTo: <citizen@gmail.example>\n'
	printf 'Subject: Notat\nMIME-Version: 1.0\n'
	printf 'Content-Type: multipart/mixed; boundary="b"\n\n--b\n'
	printf 'Content-Type: text/plain\n\nSe bilag.\n\n--b\n'
	printf 'Content-Type: application/rtf; name="%s"\n' "$1"
	printf 'Content-Disposition: attachment; filename="%s"\n' "$1"
	printf 'Content-Transfer-Encoding: base64\n\n'
	base64 "$2"
	printf '\n--b--\n'
}

# LibreOffice, with its own profile: other soffice runs must not share it.
printf 'Journalnotat\n\nBorgerens personnummer er 170399-3709.\n' >"$tmp/pos.txt"
printf 'Journalnotat\n\nMødet er flyttet til torsdag kl. 10 i lokale 2.14.\n' >"$tmp/neg.txt"
if ! soffice -env:UserInstallation="file://$tmp/lo" --headless --convert-to rtf \
    --outdir "$tmp" "$tmp/pos.txt" "$tmp/neg.txt" >"$tmp/soffice.log" 2>&1 ||
    [ ! -s "$tmp/pos.rtf" ] || [ ! -s "$tmp/neg.rtf" ]; then
	echo "not ok 1 - soffice --convert-to rtf failed"
	sed 's/^/# /' "$tmp/soffice.log"
	echo "1..1"; exit 1
fi
rtf_mail notat.rtf "$tmp/pos.rtf" >"$tmp/rtf-pos.eml"
rtf_mail notat.rtf "$tmp/neg.rtf" >"$tmp/rtf-neg.eml"
expect "LibreOffice RTF with dk-007: found in notat.rtf" "$tmp/rtf-pos.eml" \
    '*"class": "confidential"*"where": "attachment notat.rtf"*'
expect "LibreOffice RTF without a number: public" "$tmp/rtf-neg.eml" '*"class": "public"*'
python3 "$gen" rtf-lzfu --rtf "$tmp/pos.rtf" >"$tmp/lzfu-pos.eml"
python3 "$gen" rtf-lzfu --rtf "$tmp/neg.rtf" >"$tmp/lzfu-neg.eml"
expect "winmail.dat, LibreOffice RTF compressed (LZFu) with dk-007: found in the RTF body" \
    "$tmp/lzfu-pos.eml" '*"class": "confidential"*"where": "attachment winmail.dat/body (RTF)"*'
expect "winmail.dat, LibreOffice RTF compressed (LZFu) without a number: public" \
    "$tmp/lzfu-neg.eml" '*"class": "public"*'

# A drawing pasted into an Outlook RTF body (an EMF whose number LibreOffice
# drew in two runs): its text records are read, with ocr = no too (no OCR
# is needed); as a picture it would be unread then.
python3 - "$top_srcdir/tests/fuzz/seeds/metafile/runs.emf" "$tmp/emf.rtf" <<'PY'
import sys
emf = open(sys.argv[1], "rb").read().hex()
open(sys.argv[2], "w").write("{\\rtf1\\ansi Tegning: {\\pict\\emfblip\\picw600\\pich80 %s}\\par}" % emf)
PY
python3 "$gen" rtf-lzfu --rtf "$tmp/emf.rtf" >"$tmp/lzfu-emf.eml"
{ cat "$conf"; echo "ocr = no"; } >"$tmp/noocr.conf"
conf_saved=$conf; conf=$tmp/noocr.conf
expect "winmail.dat, an EMF in the RTF body, ocr = no: its text read" "$tmp/lzfu-emf.eml" \
    '*"masked": "070761-XXXX"*"where": "attachment winmail.dat/body (RTF)/picture 1"*'
conf=$conf_saved
# gen_tnef.py kinds, each with a number and without
while IFS='|' read -r kind text where; do
	python3 "$gen" "$kind" --text "$text" >"$tmp/$kind-pos.eml"
	python3 "$gen" "$kind" >"$tmp/$kind-neg.eml"
	expect "TNEF $kind with a number: found in $where" "$tmp/$kind-pos.eml" \
	    "*\"class\": \"confidential\"*\"where\": \"attachment winmail.dat/$where\"*"
	expect "TNEF $kind without a number: public" "$tmp/$kind-neg.eml" '*"class": "public"*'
done <<'KINDS'
body|CPR-nr.: 060868-2430|body
rtf-mela|CPR-nr.: 060868-2430|body (RTF)
html|CPR-nr.: 060868-2430|body (HTML)
attach|Personnummer: 0905110755|notat.txt
message|Vedr. sagen om 111155-4281 - se bilag.|message Videresendt sag/body
KINDS
for kind in damaged cut smime; do
	python3 "$gen" "$kind" >"$tmp/$kind.eml"
	expect "TNEF $kind: unscannable" "$tmp/$kind.eml" '*"unscannable": true*'
done
echo "1..$n"
exit $fail
