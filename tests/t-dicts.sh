#!/bin/sh
# t-dicts.sh - the shipped dictionaries (conf/dictionaries) and the category
# case table (tests/data/category-cases.tsv) follow the grammar of
# conf/dictionaries/README, checked by tests/tools/check_dicts.py before the
# C parser sees them; the checker itself reports broken lines as FILE:LINE.
# Output: TAP.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
chk=$top_srcdir/tests/tools/check_dicts.py
command -v python3 >/dev/null 2>&1 || { echo "Bail out! python3 not found"; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/t-dicts.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
trap 'rm -rf "$T"' EXIT
n=0; fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; fail=1; }

if python3 "$chk" "$top_srcdir/conf/dictionaries" >"$T/out" 2>&1; then
	ok "shipped dictionaries pass the grammar check"
else
	notok "shipped dictionaries pass the grammar check"
	sed 's/^/# /' "$T/out"
fi

if python3 "$chk" --cases "$top_srcdir/tests/data/category-cases.tsv" >"$T/out" 2>&1; then
	ok "category-cases.tsv is well formed"
else
	notok "category-cases.tsv is well formed"
	sed 's/^/# /' "$T/out"
fi

# Every category file and a person and general file for each language.
missing=
for lang in da sv nb nn en; do
	for kind in health substance social criminal ethnicity religion political union sexual person general; do
		[ -f "$top_srcdir/conf/dictionaries/$kind.$lang.txt" ] || missing="$missing $kind.$lang.txt"
	done
done
[ -f "$top_srcdir/conf/dictionaries/person.names.txt" ] || missing="$missing person.names.txt"
if [ -z "$missing" ]; then ok "every category, person and general file exists"; else notok "missing:$missing"; fi

# expect_bad NAME FILE-NAME CONTENT WANTED-OUTPUT-REGEX
expect_bad() {
	rm -rf "$T/d"; mkdir "$T/d"
	printf '%b' "$3" >"$T/d/$2"
	if python3 "$chk" "$T/d" >"$T/out" 2>&1; then
		notok "checker: $1 (exit 0)"
	elif grep -Eq "$4" "$T/out"; then
		ok "checker: $1"
	else
		notok "checker: $1 (want /$4/)"
		sed 's/^/# /' "$T/out"
	fi
}
hdr='# Sources: test\n'
expect_bad "weight out of range" health.da.txt "${hdr}diagnose 7\n" 'health\.da\.txt:2: weight 7 out of range'
expect_bad "marker in the middle" health.da.txt "${hdr}ok 2\npsy*kiatri 2\n" 'health\.da\.txt:3: marker'
expect_bad "term under 2 letters" person.da.txt "${hdr}f.# 3\n" 'person\.da\.txt:2: term under 2 letters'
expect_bad "unknown dictionary" health.de.txt "${hdr}ok\n" 'unknown dictionary'
expect_bad "stray capital" social.sv.txt "${hdr}Orosanmälan 3\n" 'social\.sv\.txt:2: .*one capital'
expect_bad "duplicate term" union.nb.txt "${hdr}streik* 2\nstreik* 1\n" 'union\.nb\.txt:3: duplicate'
expect_bad "no source header" sexual.en.txt "gay 2\n" 'sexual\.en\.txt:1: .*sources'
expect_bad "name without capital" person.names.txt "${hdr}anna 2\n" 'person\.names\.txt:2: .*capitalised'
expect_bad "not UTF-8" health.sv.txt "${hdr}sjukdom\\0377 1\n" 'not UTF-8'

echo "1..$n"
exit $fail
