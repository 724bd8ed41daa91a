#!/bin/sh
# Legacy Office files and Outlook items (issue 11 item 4), made at test
# time by the tools that write them: LibreOffice (soffice --headless
# --convert-to doc / xls / ppt, [MS-DOC], [MS-XLS], [MS-PPT]) from the flat
# ODF sources of tests/data/office (each number in another place of the
# document, see its README.md), and tests/tools/seal_msg_tool (libgsf's
# compound-file writer, [MS-OXMSG]) for .msg. Each goes through
# `sealmilter --scan --json` as an attachment, as in tests/golden.sh:
#  - every number is found where the document holds it (the JSON "where"
#    names the part: text, footnotes, headers, comments, endnotes,
#    properties, the sheet (`sheet 1 "NAME"`), sheets (the workbook's
#    names), slides, subject, rtf body, an object in the rtf body,
#    attachment...);
#  - the same documents without numbers stay public, and are not
#    unscannable or uninspected;
#  - in an archive (zip, 7z, tar, tar.gz) each is read and named by its
#    member path ("attachment cases.7z/sager/sheet.xls/sheet 1 ...");
#  - a cut (truncated) copy is unscannable, never clean.
# Numbers: tests/data/vectors.tsv rows marked found (ids in the checks).
set -u
# shellcheck source=scan-lib.sh
. "$top_srcdir/tests/scan-lib.sh"
msgtool="$top_builddir/tests/tools/seal_msg_tool"
src="$top_srcdir/tests/data/office"

for t in soffice zip 7z tar; do
	command -v $t >/dev/null 2>&1 || { notok "$t installed (contrib/install-deps.sh)"; echo "1..$n"; exit 1; }
done

# The clean twins: every number of the sources replaced by a word.
unnumber() {
	sed -e 's/240625-&quot;&amp;&quot;8826/ingen/' -e 's/1705831889/42/g' \
	    -E -e 's/[0-9]{6}-?[0-9]{4}/ingen/g' "$1"
}
mkdir -p "$tmp/src" "$tmp/out"
cp "$src/doc.fodt" "$src/sheet.fods" "$src/slides.fodp" "$tmp/src/"
unnumber "$src/doc.fodt" >"$tmp/src/clean-doc.fodt"
unnumber "$src/sheet.fods" >"$tmp/src/clean-sheet.fods"
unnumber "$src/slides.fodp" >"$tmp/src/clean-slides.fodp"
# A private profile: parallel runs and the user's own do not collide.
convert() {   # format, files...
	fmt=$1; shift
	soffice -env:UserInstallation="file://$tmp/profile" --headless \
	    --convert-to "$fmt" --outdir "$tmp/out" "$@" >"$tmp/soffice.log" 2>&1
}
convert doc "$tmp/src/doc.fodt" "$tmp/src/clean-doc.fodt"
convert xls "$tmp/src/sheet.fods" "$tmp/src/clean-sheet.fods"
convert ppt "$tmp/src/slides.fodp" "$tmp/src/clean-slides.fodp"
printf 'Journal\r\nCPR-nr.: 060868-2430\r\n' >"$tmp/bilag.txt"
printf 'Journal uden numre\r\n' >"$tmp/clean.txt"
"$msgtool" "$tmp/out/note.msg" subject="Sag 1905044539" from="Jens Hansen" \
    to="Anna Berg" body="Se bilag." rtf='{\rtf1\ansi Noter 2102226839\par}' \
    html='<p>CPR-nr.: 1304258787</p>' recipient="Anna Berg" \
    attach="bilag.txt:$tmp/bilag.txt" embed-subject=Videresendt \
    embed-body="Sag 240625-8826"
"$msgtool" "$tmp/out/clean-note.msg" subject="Mødeindkaldelse" from="Jens Hansen" \
    to="Anna Berg" body="Vi ses." rtf='{\rtf1\ansi Dagsorden\par}' \
    html='<p>Dagsorden</p>' recipient="Anna Berg" \
    attach="dagsorden.txt:$tmp/clean.txt" embed-subject=Videresendt embed-body=Referat
# An object embedded in the RTF body (a Package holding bilag.txt, as
# Outlook writes a file dragged into a rich-text mail) is read as a file.
"$msgtool" "$tmp/out/object.msg" subject="Bilag" body="Se bilag." \
    rtf="@$top_srcdir/tests/fuzz/seeds/rtf/objdata-package.rtf"
for f in doc.doc sheet.xls slides.ppt note.msg object.msg clean-doc.doc clean-sheet.xls \
    clean-slides.ppt clean-note.msg; do
	if [ -s "$tmp/out/$f" ]; then ok "$f made"; else
		notok "$f made"; sed 's/^/# /' "$tmp/soffice.log"; fi
done

expect doc.doc 190504-XXXX:properties 271136-XXXX:properties \
    210222-XXXX:headers 240625-XXXX:headers 021190-XXXX:footnotes \
    130425-XXXX:endnotes 280399-XXXX:comments 070536-XXXX:text
# the sheet's own name holds a number (sheet.fods): matched up to it
expect sheet.xls 190504-XXXX:sheets '070536-XXXX:sheet 1 "*' '170583-XXXX:sheet 1 "*' \
    '240625-XXXX:sheet 1 "*'
expect slides.ppt 150137-XXXX:slides 210222-XXXX:slides
expect object.msg "010180-XXXX:rtf body/object bilag.txt"
expect note.msg 190504-XXXX:subject 210222-XXXX:"rtf body" 130425-XXXX:"html body" \
    "240625-XXXX:attachment 2/body" 060868-XXXX:bilag.txt

for f in clean-doc.doc clean-sheet.xls clean-slides.ppt clean-note.msg; do
	out=$(scan "$tmp/out/$f")
	case $out in
	*'"findings": []'*'"action": "accept"'*'"unscannable": false'*) ok "$f: public, read" ;;
	*) notok "$f: public, read"; printf '%s\n' "$out" | cut -c1-400 | sed 's/^/# /' ;;
	esac
done

# The same documents as archive members (zip through libzip, the rest
# through libarchive): each read, and named by its member path.
mkdir -p "$tmp/arc/sager"
cp "$tmp/out/doc.doc" "$tmp/out/sheet.xls" "$tmp/out/note.msg" "$tmp/arc/sager/"
(
	cd "$tmp/arc" || exit 1
	zip -q "$tmp/out/cases.zip" sager/doc.doc
	7z a -bd -bso0 "$tmp/out/cases.7z" sager/sheet.xls
	tar cf "$tmp/out/cases.tar" sager/note.msg
	tar czf "$tmp/out/cases.tar.gz" sager/doc.doc sager/sheet.xls sager/note.msg
)
expect cases.zip 280399-XXXX:sager/doc.doc/comments 070536-XXXX:sager/doc.doc/text
expect cases.7z '170583-XXXX:sager/sheet.xls/sheet 1 "*' 190504-XXXX:sager/sheet.xls/sheets
expect cases.tar 190504-XXXX:sager/note.msg/subject 060868-XXXX:sager/note.msg/bilag.txt \
    "240625-XXXX:sager/note.msg/attachment 2/body"
expect cases.tar.gz 021190-XXXX:sager/doc.doc/footnotes \
    '240625-XXXX:sager/sheet.xls/sheet 1 "*' 130425-XXXX:"sager/note.msg/html body"

# A cut copy: what is left cannot be read whole, so unscannable (fail closed).
for f in doc.doc sheet.xls note.msg; do
	size=$(wc -c <"$tmp/out/$f")
	head -c $((size / 2)) "$tmp/out/$f" >"$tmp/cut-$f"
	out=$(scan "$tmp/cut-$f")
	case $out in
	*'"unscannable": true'*) ok "$f cut in half: unscannable" ;;
	*) notok "$f cut in half: unscannable"; printf '%s\n' "$out" | cut -c1-300 | sed 's/^/# /' ;;
	esac
done
echo "1..$n"
exit $fail
