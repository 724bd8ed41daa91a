#!/bin/bash
# bench_formats.sh - extraction throughput per attachment format (issue 12
# item 2): MB of attachment per CPU second of `sealmilter --scan`, for PDF,
# DOCX, XLSX, ODT, RTF, .doc (OLE2), zip, 7z, tar.gz, EMF and SVG. The
# documents are made at run time with LibreOffice headless from one
# generated text (about 20,000 paragraphs; the spreadsheet from a
# 60,000-row CSV), the archives from a 20 MB text file, the EMF (50,000
# text records, two to a line, as a pasted range) and the SVG (20,000 lines
# of two text elements side by side) by a script; each is attached
# (base64) to a mail and scanned 3
# times, best user+system CPU kept. The cost of a scan of the same mail
# without the attachment (process start, configuration, dictionaries) is
# measured the same way and subtracted, so the figure is the reader's.
# Use a build without --enable-sanitizers.
#   contrib/bench/bench_formats.sh [BUILDDIR] [ROUNDS]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
rounds=${2:-3}
bin=$build/milter/sealmilter
conf=$top/tests/data/golden.conf
tmp=$(mktemp -d)
trap '[ -n "${SEAL_KEEP:-}" ] || rm -rf "$tmp"' EXIT
[ -x "$bin" ] || { echo "bench_formats: build $bin first" >&2; exit 1; }
for t in soffice zip 7z tar gzip python3; do
	command -v $t >/dev/null || { echo "bench_formats: $t missing (contrib/install-deps.sh)" >&2; exit 1; }
done
if nm "$bin" 2>/dev/null | grep -q __asan_init; then
	echo "bench_formats: $bin is a sanitizer build; figures would not mean much" >&2
fi

python3 - "$tmp" <<'PY'
import random, sys
d = sys.argv[1]
random.seed(1)
w = ("sagen borgeren kommunen ansøgning bevilling journal notat møde tirsdag "
     "afgørelse klage frist bilag henvendelse").split()
paras = [" ".join(random.choice(w) for _ in range(15)) + f" ref {i}" for i in range(20000)]
ps = "\n".join(f"<text:p>{p}</text:p>" for p in paras)
open(d + "/doc.fodt", "w").write('<?xml version="1.0" encoding="UTF-8"?>\n<office:document '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" '
    'office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>'
    + ps + "</office:text></office:body></office:document>")
with open(d + "/sheet.csv", "w") as f:
    f.write("Navn,Adresse,Beløb,Nummer\n")
    for i in range(60000):
        f.write(f"{random.choice(w)} {i},{random.choice(w)}vej {i % 200},"
                f"{random.randint(1, 99999)},{random.randint(1000, 9999999)}\n")
import struct
recs = []
for i in range(50000):
    s = (random.choice(w) if i % 2 == 0 else f"{random.randint(1, 10**6)}").encode("utf-16-le")
    n = len(s) // 2
    size = 76 + ((len(s) + 3) & ~3) + 4 * n
    x, y = (0 if i % 2 == 0 else 2000), 100 * (i // 2)
    r = struct.pack("<II16xIff", 84, size, 1, 1.0, 1.0)
    r += struct.pack("<iiIII16xI", x, y, n, 76, 0, 76 + ((len(s) + 3) & ~3))
    r += s + b"\0" * (((len(s) + 3) & ~3) - len(s)) + struct.pack("<%di" % n, *([90] * n))
    recs.append(r)
hdr = struct.pack("<II32x4s", 1, 88, b" EMF") + b"\0" * 40
open(d + "/doc.emf", "wb").write(hdr + b"".join(recs) + struct.pack("<II12x", 14, 20))
with open(d + "/doc.svg", "w") as f:
    f.write('<svg xmlns="http://www.w3.org/2000/svg">\n')
    for i in range(20000):
        f.write(f'<text x="10" y="{20 * i}" font-size="20">{random.choice(w)}</text>'
                f'<text x="300" y="{20 * i}" font-size="20">ref {random.randint(1, 10**6)}</text>\n')
    f.write("</svg>\n")
with open(d + "/note.txt", "w") as f:
    n = 0
    while n < 20_000_000:
        line = " ".join(random.choice(w) for _ in range(12)) + f" {random.randint(1, 10**7)}\n"
        f.write(line)
        n += len(line.encode())
PY
lo() { soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to "$1" \
	--outdir "$tmp/f" "$2" >/dev/null 2>&1; }
mkdir -p "$tmp/f"
for fmt in pdf docx odt rtf doc; do lo "$fmt" "$tmp/doc.fodt"; done
lo xlsx "$tmp/sheet.csv"
(
	cd "$tmp" || exit 1
	zip -q f/note.zip note.txt
	7z a -bd -bso0 f/note.7z note.txt
	tar czf f/note.tar.gz note.txt
	cp doc.emf doc.svg f/
)

mail() {	# mail FILE OUT: FILE attached (none: FILE is "")
	{
		printf 'From: a@kommune.example\nTo: b@gmail.example\nSubject: Bilag\n'
		printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
		printf -- '--b\nContent-Type: text/plain\n\nSe bilag.\n'
		if [ -n "$1" ]; then
			printf -- '--b\nContent-Type: application/octet-stream\n'
			printf 'Content-Disposition: attachment; filename="%s"\n' "$(basename "$1")"
			printf 'Content-Transfer-Encoding: base64\n\n'
			base64 "$1"
		fi
		printf -- '--b--\n'
	} >"$2"
}
TIMEFORMAT='%U %S'
best_cpu() {	# best_cpu MAIL: least user+system seconds of ROUNDS scans
	local best="" t
	for _ in $(seq "$rounds"); do
		t=$( { time "$bin" --scan "$1" -c "$conf" --json --from a@kommune.example \
		    --rcpt b@gmail.example >"$tmp/out.json" 2>/dev/null; } 2>&1 | awk '{ print $1 + $2 }')
		best=$(awk -v a="$t" -v b="${best:-1e9}" 'BEGIN { print (a < b) ? a : b }')
	done
	echo "$best"
}
mail "" "$tmp/empty.eml"
base=$(best_cpu "$tmp/empty.eml")
printf 'baseline (mail without attachment): %.3f s CPU per scan\n' "$base"
printf '%-12s %9s %10s %9s %s\n' format "MB" "CPU s" "MB/s" "decision"
for f in doc.pdf doc.docx sheet.xlsx doc.odt doc.rtf doc.doc note.zip note.7z note.tar.gz \
    doc.emf doc.svg; do
	[ -s "$tmp/f/$f" ] || { printf '%-12s not made\n' "$f"; continue; }
	mail "$tmp/f/$f" "$tmp/m.eml"
	t=$(best_cpu "$tmp/m.eml")
	dec=$(grep -o '"unscannable": [a-z]*' "$tmp/out.json" | head -n 1)
	size=$(wc -c <"$tmp/f/$f")
	awk -v f="$f" -v s="$size" -v t="$t" -v b="$base" -v d="$dec" 'BEGIN {
		r = t - b; if (r < 0.001) r = 0.001
		printf "%-12s %9.2f %10.3f %9.1f %s\n", f, s / 1e6, r, s / 1e6 / r, d }'
done
