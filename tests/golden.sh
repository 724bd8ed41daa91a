#!/bin/sh
# Golden tests: `sealmilter --scan --json` over every message of the sample
# corpus, compared with tests/corpus/NAME.ref (Postfix-style .in/.ref).
# The envelope is fixed: one internal, one untrusted recipient; scan date
# 2026-06-01 as in the detection spec.
# SEAL_REGEN=1 rewrites the .ref files (review the diff before committing).
# A missing .ref is a failure, not a skip.
set -u
bin="$top_builddir/milter/sealmilter"
corpus="$top_srcdir/tests/corpus"
. "$top_srcdir/tests/nocleartext.sh"
n=0; fail=0; msgs=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The example site rules (conf/rules.d) run on the whole corpus: rules_file
# wants an absolute path, so the configuration is golden.conf plus that line.
for r in "$top_srcdir"/conf/rules.d/*.rules; do cat "$r"; echo; done >"$tmp/site.rules"
conf="$tmp/golden.conf"
{ cat "$top_srcdir/tests/data/golden.conf"; echo "rules_file = $tmp/site.rules"; } >"$conf"

for eml in $(find "$corpus" -maxdepth 1 -type f -name '*.eml' | sort); do
	name=$(basename "$eml" .eml)
	ref="$corpus/$name.ref"
	out="$tmp/$name.out"
	n=$((n + 1)); msgs=$((msgs + 1))
	if ! "$bin" --scan "$eml" -c "$conf" --date 2026-06-01 --json \
	    --from caseworker@kommune.example \
	    --rcpt colleague@kommune.example --rcpt citizen@gmail.example \
	    >"$out" 2>"$tmp/err"; then
		echo "not ok $n - $name: sealmilter --scan failed"
		sed 's/^/# /' "$tmp/err"
		fail=1
		continue
	fi
	if [ "${SEAL_REGEN:-0}" = 1 ]; then
		cp "$out" "$ref"
	fi
	if [ ! -f "$ref" ]; then
		echo "not ok $n - $name: no $name.ref (run with SEAL_REGEN=1 and review)"
		fail=1
	elif cmp -s "$out" "$ref"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name: output differs from $name.ref"
		diff -u "$ref" "$out" | sed 's/^/# /'
		fail=1
	fi
done
# Privacy: the expected outputs hold masks only. Every number of a `found`
# vector (the corpus takes its numbers from there), with or without its
# separator, must be absent from the .ref files.
n=$((n + 1))
awk -F'\t' 'NR > 1 && $4 == "found" { print $3 }' "$top_srcdir/tests/data/vectors.tsv" |
	grep -oE '[0-9]{6,8}([-+ A-Ya-y]|\\n)?[0-9]{3,5}[0-9A-Ya-y]?' |
	sed -E 's/^([0-9]{6,8})([-+ A-Ya-y]|\\n)?([0-9]{3,5}[0-9A-Ya-y]?)$/\1[-+ A-Ya-y]?\3/' |
	sort -u >"$tmp/patterns"
if [ ! -s "$tmp/patterns" ]; then
	echo "not ok $n - privacy: no number patterns could be read from vectors.tsv"
	fail=1
elif ! leaks=$(seal_no_cleartext "$tmp/patterns" "$corpus"/*.ref); then
	echo "not ok $n - privacy: .ref files missing, empty or with identity numbers in cleartext: $leaks"
	fail=1
else
	echo "ok $n - privacy: no identity number in cleartext in $(wc -l <"$tmp/patterns") patterns x $(ls "$corpus"/*.ref | wc -l) .ref files"
fi

# An empty corpus would otherwise pass on the privacy case alone.
if [ "$msgs" -eq 0 ]; then
	n=$((n + 1)); echo "not ok $n - no corpus messages found in $corpus"; fail=1
fi
echo "1..$n"
exit $fail
