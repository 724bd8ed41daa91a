#!/bin/bash
# bench_callgrind.sh - instructions per message for sealmilter's scan,
# counted by callgrind: a regression figure that the machine's load does not
# move (unlike times). Three messages of about 10 KB, each scanned through
# `sealmilter --scan` (the same seal_scan the daemon runs at end of
# message: MIME walk, decode, charset, normalise, detect, rules,
# dictionaries, decision):
#
#   clean   text/plain filler, no identity number (the common case)
#   cpr     the same with the synthetic test CPR number of
#           tests/data/vectors.tsv in the middle
#   smime   the clean text encrypted to a throwaway certificate
#           (application/pkcs7-mime, made here with openssl)
#
# Only instructions inside seal_scan are counted (--toggle-collect), so
# start-up and configuration loading stay out: the figure is the cost of
# one message. Printed as "callgrind MESSAGE Ir=N" and the top functions.
#
# Usage: contrib/bench/bench_callgrind.sh [-b BUILDDIR] [-k] [-n TOP]
#   -k keeps the temp dir (callgrind.out.* for callgrind_annotate).
# Needs valgrind and openssl; root is not needed. About a minute.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=$(cd "$BENCH_DIR/../.." && pwd)
top_builddir=$top_srcdir
keep=0
top=8
while getopts b:kn: opt; do
	case $opt in
	b) top_builddir=$(cd "$OPTARG" && pwd) || exit 64 ;;
	k) keep=1 ;;
	n) top=$OPTARG ;;
	*) sed -n '20,21p' "$0" >&2; exit 64 ;;
	esac
done
SEALMILTER=${SEALMILTER:-$top_builddir/milter/sealmilter}
[ -x "$SEALMILTER" ] || { echo "$SEALMILTER missing: make" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "valgrind missing" >&2; exit 1; }
T=$(mktemp -d /tmp/seal-callgrind.XXXXXX) || exit 1
[ "$keep" = 1 ] || trap 'rm -rf "$T"' EXIT

# A synthetic CPR test number: the text of the first found dk-cpr row of
# the test vectors (it is never printed).
cpr=$(awk -F'\t' '$2 == "dk-cpr" && $4 == "found" { print $3; exit }' \
	"$top_srcdir/tests/data/vectors.tsv")

# filler LINES: deterministic prose lines of about 64 bytes.
filler()
{
	awk -v n="$1" 'BEGIN {
		split("the customer asked about delivery of order and invoice " \
			"meeting tomorrow regarding project budget kommune borger " \
			"sagen afgørelse møde", w, " ")
		s = 7
		for (i = 0; i < n; i++) {
			line = ""
			for (j = 0; j < 9; j++) {
				s = (s * 1103515245 + 12345) % 2147483648
				line = line (j ? " " : "") w[1 + int(s / 65536) % 19]
			}
			printf "%s\r\n", line
		}
	}'
}

header()
{
	printf 'From: a@kommune.example\r\nTo: b@untrusted.example\r\n'
	printf 'Subject: bench\r\nMessage-ID: <bench@kommune.example>\r\nMIME-Version: 1.0\r\n'
}

{ header; printf 'Content-Type: text/plain; charset=utf-8\r\n'
  printf 'Content-Transfer-Encoding: 8bit\r\n\r\n'; filler 160; } >"$T/clean.eml"
{ header; printf 'Content-Type: text/plain; charset=utf-8\r\n'
  printf 'Content-Transfer-Encoding: 8bit\r\n\r\n'; filler 80
  printf 'CPR-nr. %s\r\n' "$cpr"; filler 80; } >"$T/cpr.eml"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$T/k.pem" -out "$T/c.pem" -days 2 -subj "/CN=bench" \
	-config /dev/null 2>/dev/null || { echo "openssl failed" >&2; exit 1; }
# openssl cms (not smime: PKCS#7 cannot encrypt to an EC key) writes the
# MIME headers of the encrypted part itself.
{ header; { printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'; filler 160; } |
	openssl cms -encrypt -aes256 -binary "$T/c.pem" 2>/dev/null |
	grep -v '^MIME-Version:'; } >"$T/smime.eml"
grep -q 'application/.*pkcs7-mime' "$T/smime.eml" || { echo "openssl cms failed" >&2; exit 1; }
printf 'internal_domains = kommune.example\n' >"$T/sealmilter.conf"

echo "sealmilter callgrind: instructions inside seal_scan per message ($(basename "$SEALMILTER"), $(valgrind --version))"
for m in clean cpr smime; do
	valgrind --tool=callgrind --toggle-collect=seal_scan \
		--callgrind-out-file="$T/callgrind.out.$m" \
		"$SEALMILTER" --scan "$T/$m.eml" --from a@kommune.example \
		--rcpt b@untrusted.example -c "$T/sealmilter.conf" \
		>"$T/$m.out" 2>"$T/$m.vg" || { echo "$m: scan failed" >&2; cat "$T/$m.vg" >&2; exit 1; }
	ir=$(callgrind_annotate "$T/callgrind.out.$m" 2>/dev/null |
		awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
	printf 'callgrind %-6s size=%s Ir=%s decision=%s\n' "$m" "$(wc -c <"$T/$m.eml")" "$ir" \
		"$(grep -m1 'b@untrusted.example' "$T/$m.out" | awk '{ print $3 }')"
	callgrind_annotate "$T/callgrind.out.$m" 2>/dev/null |
		grep -E '^ *[0-9,]+ \(' | head -n "$top" | sed 's/^/    /'
done
[ "$keep" = 1 ] && echo "kept $T"
exit 0
