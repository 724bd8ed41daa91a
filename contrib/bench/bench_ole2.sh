#!/bin/bash
# bench_ole2.sh - extraction throughput of the compound-file reader
# (src/mime/ole2read.c, issue 11 item 4) per format, in MB of attachment per
# CPU second. A .doc (20,000 paragraphs) and an .xls (60,000 rows) are made
# with LibreOffice from generated text, a .msg with tests/tools/seal_msg_tool
# (a 100 KB body and a 2 MB attachment); each is read 5 times by
# tests/tools/seal_ole2_tool (built by `make check` or
# `make tests/tools/seal_ole2_tool`), best user+system time kept (process
# start included). Use a build without --enable-sanitizers.
#   contrib/bench/bench_ole2.sh [BUILDDIR]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
tool=$build/tests/tools/seal_ole2_tool
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$tool" ] || { echo "bench_ole2: build $tool first" >&2; exit 1; }
python3 - "$tmp" <<'PY'
import random, sys
d = sys.argv[1]
random.seed(1)
w = "sagen borgeren kommunen ansøgning bevilling journal notat møde tirsdag".split()
ps = "\n".join("<text:p>" + " ".join(random.choice(w) for _ in range(15)) + f" ref {i}</text:p>"
               for i in range(20000))
open(d + "/big.fodt", "w").write('<?xml version="1.0" encoding="UTF-8"?>\n<office:document '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" '
    'office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>'
    + ps + "</office:text></office:body></office:document>")
with open(d + "/big.csv", "w") as f:
    f.write("Navn,Adresse,Beløb,Nummer\n")
    for i in range(60000):
        f.write(f"{random.choice(w)} {i},{random.choice(w)}vej {i % 200},"
                f"{random.randint(1, 99999)},{random.randint(1000, 9999999)}\n")
open(d + "/body.txt", "w").write(" ".join(random.choice(w) for _ in range(250000)))
PY
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to doc \
    --outdir "$tmp" "$tmp/big.fodt" >/dev/null 2>&1
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to xls \
    --outdir "$tmp" "$tmp/big.csv" >/dev/null 2>&1
"$build/tests/tools/seal_msg_tool" "$tmp/big.msg" subject=Bench \
    body="$(head -c 100000 "$tmp/body.txt")" attach="body.txt:$tmp/body.txt"
TIMEFORMAT='%U %S'
for f in big.doc big.xls big.msg; do
	best=""
	for _ in 1 2 3 4 5; do
		t=$( { time "$tool" "$tmp/$f" >/dev/null; } 2>&1 | awk '{ print $1 + $2 }')
		best=$(awk -v a="$t" -v b="${best:-1e9}" 'BEGIN { print (a < b) ? a : b }')
	done
	size=$(wc -c <"$tmp/$f")
	awk -v f="$f" -v s="$size" -v t="$best" 'BEGIN {
		printf "%-8s %6.1f MB  %5.2f s CPU  %7.1f MB/s\n", f, s / 1e6, t,
		    (t > 0 ? s / 1e6 / t : 0) }'
done
