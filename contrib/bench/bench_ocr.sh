#!/bin/sh
# bench_ocr.sh - OCR figures (issue 11): recall of identity numbers on
# generated scans, false positives on clean scans, and seconds of one core
# per A4 page at 300 dpi.
#
# N letters (default 40) are drawn by tests/tools/gen_scans.py, cycling
# through Danish, Swedish, Norwegian and Finnish (a vector of that country
# from tests/data/vectors.tsv, rows marked found, high confidence), 200 and
# 300 dpi, speckle noise 0.2% and 1% of the pixels, rotations -3, -1.5, 0,
# 1.5 and 3 degrees; then M clean letters (default 12, no number: dates,
# amounts, case and telephone numbers). Each goes in a mail as a PNG (every
# fourth as a scanned PDF made by img2pdf) through `sealmilter --scan --json`.
# A scan counts as found when the vector's mask is in the findings.
# Timing: user+system CPU seconds of the --scan runs of the full 300 dpi
# pages, with OMP_THREAD_LIMIT=1 (Tesseract on one core).
#
# Usage: contrib/bench/bench_ocr.sh [SEALMILTER] [N] [M]
# (SEALMILTER: a build without sanitizers for the timing figure.)
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$here/build/milter/sealmilter}
N=${2:-40}
M=${3:-12}
py=${PYTHON3:-/usr/bin/python3}
T=$(mktemp -d "${TMPDIR:-/tmp}/bench_ocr.XXXXXX")
trap 'rm -rf "$T"' EXIT
export OMP_THREAD_LIMIT=1
cat >"$T/s.conf" <<CONF
internal_domains = kommune.example
spf_check = no
log_target = stderr
language = en
store =
spool_dir = $T
ocr_time_budget = 600
ocr_max_pages = 100
CONF

# vectors, one list per language (vectors.tsv ids, found, high confidence)
VEC_da="dk-002 dk-006 dk-010 dk-014 dk-018 dk-022 dk-026 dk-030 dk-041 dk-049"
VEC_sv="se-001 se-005 se-009 se-013 se-017 se-033 se-034 se-040 sam-004 sam-007"
VEC_no="fnr-001 fnr-004 fnr-007 fnr-010 fnr-013 dnr-001 dnr-004 dnr-007 dnr-010 dnr-013"
VEC_fi="fi-001 fi-004 fi-007 fi-010 fi-013 fi-001 fi-004 fi-007 fi-010 fi-013"
mask_of() { awk -F'\t' -v id="$1" '$1 == id { print $6; exit }' "$here/tests/data/vectors.tsv"; }
nth() { echo "$2" | tr ' ' '\n' | sed -n "$(($1 + 1))p"; }

scan() {
	/usr/bin/time -f '%U %S' -o "$T/time" "$bin" --scan "$1" -c "$T/s.conf" \
	    --date 2026-06-01 --json --from a@kommune.example --rcpt b@gmail.example \
	    >"$T/out" 2>"$T/err"
}

found=0; missed=""; cpu300=0; pages300=0
i=0
while [ $i -lt $N ]; do
	lang=$(nth $((i % 4)) "da sv no fi")
	dpi=$(nth $(((i / 4) % 2)) "200 300")
	noise=$(nth $(((i / 8) % 2)) "0.002 0.01")
	rot=$(nth $((i % 5)) "-3 -1.5 0 1.5 3")
	eval "vecs=\$VEC_$lang"
	vid=$(nth $(((i / 4) % 10)) "$vecs")
	mask=$(mask_of "$vid")
	$py "$here/tests/tools/gen_scans.py" --lang "$lang" --dpi "$dpi" --noise "$noise" \
	    --rotate "$rot" --vector "$vid" --seed $i --font $((i / 20 % 2)) "$T/s.png"
	att="$T/s.png=scan$i.png"
	if [ $((i % 4)) -eq 3 ]; then
		img2pdf --pagesize A4 "$T/s.png" -o "$T/s.pdf" 2>/dev/null && att="$T/s.pdf=scan$i.pdf"
	fi
	$py "$here/tests/tools/scan_mail.py" "$T/m.eml" "$att"
	scan "$T/m.eml"
	if grep -q "\"masked\": \"$mask\"" "$T/out"; then
		found=$((found + 1))
	else
		missed="$missed $vid($lang,${dpi}dpi,noise $noise,rot $rot)"
	fi
	if [ "$dpi" = 300 ]; then
		cpu300=$(awk -v a="$cpu300" '{ print a + $1 + $2 }' "$T/time")
		pages300=$((pages300 + 1))
	fi
	i=$((i + 1))
done

fp=0; fpwhere=""
j=0
while [ $j -lt $M ]; do
	lang=$(nth $((j % 4)) "da sv no fi")
	dpi=$(nth $(((j / 4) % 2)) "200 300")
	rot=$(nth $((j % 5)) "-3 -1.5 0 1.5 3")
	$py "$here/tests/tools/gen_scans.py" --lang "$lang" --dpi "$dpi" --noise 0.01 \
	    --rotate "$rot" --clean --seed $((100 + j)) "$T/c.png"
	$py "$here/tests/tools/scan_mail.py" "$T/c.eml" "$T/c.png=clean$j.png"
	scan "$T/c.eml"
	if grep -q '"findings": \[\]' "$T/out"; then :; else
		fp=$((fp + 1)); fpwhere="$fpwhere clean$j($lang)"
	fi
	j=$((j + 1))
done

echo "scans with a number: $N, found: $found, recall: $(awk -v f=$found -v n=$N 'BEGIN { printf "%.1f%%", 100 * f / n }')"
[ -n "$missed" ] && echo "missed:$missed"
echo "clean scans: $M, with a finding (false positive): $fp$fpwhere"
[ $pages300 -gt 0 ] && echo "CPU seconds per A4 page at 300 dpi (one core, whole --scan): $(awk -v c=$cpu300 -v p=$pages300 'BEGIN { printf "%.2f", c / p }') over $pages300 pages"
