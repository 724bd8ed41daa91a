#!/bin/sh
# t-rules.sh - site rules (rules_file) through the program: `sealmilter -n`
# reports a bad rules file with file, line and reason (PCRE2's message and
# offset for a bad pattern) and exits 78; the example rules of conf/rules.d
# pass -n; `--scan` reports rule:NAME findings masked, never the match in
# clear. Output: TAP.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
bin=$top_builddir/milter/sealmilter
[ -x "$bin" ] || { echo "Bail out! $bin not built"; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/t-rules.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
trap 'rm -rf "$T"' EXIT
n=0; fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; fail=1; }

conf() {
	cat >"$T/s.conf" <<CONF
internal_domains = kommune.example
spf_check = no
log_target = stderr
store =
spool_dir = $T
rules_file = $1
CONF
}

# expect_n NAME RULES-TEXT WANTED-STDERR-REGEX
expect_n() {
	printf '%b' "$2" >"$T/r.rules"
	conf "$T/r.rules"
	"$bin" -n -c "$T/s.conf" >"$T/out" 2>&1
	rc=$?
	if [ $rc -eq 78 ] && grep -Eq "$3" "$T/out"; then
		ok "-n: $1"
	else
		notok "-n: $1 (exit $rc, want 78 and /$3/)"
		sed 's/^/# /' "$T/out"
	fi
}

expect_n "bad pattern: file, line, PCRE2 message and offset" \
    '# site rules\n\nname = x\npattern = Sag (19|20[0-9]{2}\n' \
    "r\\.rules:4: pattern: missing closing parenthesis at offset [0-9]+"
expect_n "unknown class" \
    'name = x\npattern = x\nclass = secret\n' "r\\.rules:3: class: unknown secret"
expect_n "unknown key" 'name = x\npattern = x\n\nname = y\npatern = y\n' "r\\.rules:5: unknown key patern"
conf "$T/missing.rules"
if "$bin" -n -c "$T/s.conf" >"$T/out" 2>&1; then
	notok "-n: a missing rules file is an error"
else
	ok "-n: a missing rules file is an error ($(head -c 80 "$T/out"))"
fi

for r in "$top_srcdir"/conf/rules.d/*.rules; do cat "$r"; echo; done >"$T/site.rules"
conf "$T/site.rules"
if "$bin" -n -c "$T/s.conf" >"$T/out" 2>&1; then
	ok "-n: the example rules of conf/rules.d pass"
else
	notok "-n: the example rules of conf/rules.d pass"
	sed 's/^/# /' "$T/out"
fi

"$bin" --scan "$top_srcdir/tests/corpus/rules-site.eml" -c "$T/s.conf" --date 2026-06-01 \
    --from sag@kommune.example --rcpt citizen@gmail.example >"$T/scan" 2>&1
if grep -q "rule:case-number Sag 2024-XXXXXX" "$T/scan" \
    && grep -q "rule:iban-personal DK50 XXXX XXXX XXXX XX" "$T/scan"; then
	ok "--scan: rule findings named rule:NAME with their masks"
else
	notok "--scan: rule findings named rule:NAME with their masks"
	sed 's/^/# /' "$T/scan"
fi
# the matches of the corpus message, in clear, must appear nowhere
if grep -Eq "123456|204815930|0040 0440|99201612|FH1234567|3456" "$T/scan"; then
	notok "--scan: no rule match in clear in the report"
else
	ok "--scan: no rule match in clear in the report"
fi
# a refused message: the recipient outside counts the rule findings
if grep -q "decision: refuse (class confidential)" "$T/scan"; then
	ok "--scan: rule findings make the message confidential and refused"
else
	notok "--scan: rule findings make the message confidential and refused"
fi
echo "1..$n"
exit $fail
