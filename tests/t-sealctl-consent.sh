#!/bin/bash
# t-sealctl-consent.sh - `sealctl consent list|add|withdraw` (ctl/consent.c)
# against a real store: SQLite by default, or the PostgreSQL store named by
# SEAL_CONSENT_SPEC (tests/t-store-pg.sh runs this script again against its
# server). Checks the exit codes sealctl.8 documents, what list shows, and
# that each change is an audit record in a chain that verifies. Output: TAP.

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
CTL=$top_builddir/ctl/sealctl
[ -x "$CTL" ] || { echo "Bail out! $CTL not built"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/t-sealctl-consent.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
trap 'rm -rf "$T"' EXIT
SPEC=${SEAL_CONSENT_SPEC:-sqlite:$T/seal.db}
WHAT=${SPEC%%:*}

n=0
fails=0
ok() {	# ok STATUS DESCRIPTION [DIAG]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $WHAT: $2"
	else
		echo "not ok $n - $WHAT: $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
		fails=$((fails + 1))
	fi
}
# run EXPECTED_EXIT DESCRIPTION PATTERN ARGS...: sealctl's exit and output
run() {
	local want=$1 desc=$2 pat=$3 out rc
	shift 3
	out=$("$CTL" -c "$T/s.conf" consent "$@" 2>&1)
	rc=$?
	if [ "$rc" = "$want" ] && grep -Eq -- "$pat" <<<"$out"; then
		ok 0 "$desc"
	else
		ok 1 "$desc (exit $rc, want $want and /$pat/)" "$out"
	fi
}

head -c 32 /dev/urandom >"$T/fp.key" && chmod 600 "$T/fp.key"
cat >"$T/s.conf" <<CONF
store = $SPEC
quarantine_dir = $T/quarantine
fingerprint_key_file = $T/fp.key
profile = dk
service_senders = booking@kommune.example
language = en
CONF

run 0 "list: an empty store shows the titles" "^ADDRESS +GIVEN +WITHDRAWN +STATE" list
run 0 "add with --date" "jens@citizen.example: consent given 2025-03-01" \
    add Jens@Citizen.example --date 2025-03-01 --officer anna
run 65 "add again: already in force (EX_DATAERR)" "has consent since 2025-03-01" \
    add jens@citizen.example --date 2025-04-01 --officer anna
run 0 "add without --date: today" "karen@citizen.example: consent given $(date +%F)" \
    add karen@citizen.example --officer anna
run 0 "list --json" '\{"address": "jens@citizen.example", "given": "2025-03-01", "withdrawn": "", "in_force": true\}' \
    list --json
run 65 "withdraw before the date given" "withdrawn 2025-02-01 before given 2025-03-01" \
    withdraw jens@citizen.example --date 2025-02-01 --officer anna
run 0 "withdraw" "jens@citizen.example: consent withdrawn 2025-06-30" \
    withdraw jens@citizen.example --date 2025-06-30 --officer anna
run 65 "withdraw again: no consent in force" "no consent in force" \
    withdraw jens@citizen.example --officer anna
run 0 "list: the withdrawn consent is not in force" "jens@citizen.example +2025-03-01 +2025-06-30 +not in force" list
run 0 "given anew after a withdrawal" "jens@citizen.example: consent given 2025-09-01" \
    add jens@citizen.example --date 2025-09-01 --officer anna
run 64 "a date that does not exist (EX_USAGE)" "is not a date" \
    add per@citizen.example --date 2025-02-30 --officer anna
run 64 "not an address (EX_USAGE)" "is not an address" add per.citizen.example --officer anna
run 64 "no address (EX_USAGE)" "usage: sealctl consent" add --officer anna
run 64 "unknown subcommand (EX_USAGE)" "usage: sealctl consent" revoke jens@citizen.example

# Each change is an audit record naming the officer and the date.
out=$("$CTL" -c "$T/s.conf" audit search --recipient jens@citizen.example --json 2>&1)
adds=$(grep -o '"action": "consent-add"' <<<"$out" | wc -l)
withdraws=$(grep -o '"action": "consent-withdraw"' <<<"$out" | wc -l)
[ "$adds" -ge 2 ] && [ "$withdraws" -ge 1 ]
ok $? "audit: consent-add x2 and consent-withdraw x1 recorded (got $adds, $withdraws)" "$out"
grep -q 'officer=anna withdrawn=2025-06-30' <<<"$out"
ok $? "audit: the withdrawal names officer and date" "$out"
out=$("$CTL" -c "$T/s.conf" audit verify 2>&1)
ok $? "audit verify: the chain holds" "$out"

echo "1..$n"
[ "$fails" -eq 0 ]
