#!/bin/bash
# t-sealweb-overview.sh - the overview, /metrics and the audit page's
# "leave out the self-test" over HTTP (curl), against both stores (SQLite,
# and a throwaway PostgreSQL server: web-backends.sh), each filled through
# its own interface (tests/tools/seal_store_tool, as the daemon and sealctl
# selftest would):
#
#   - the overview's figures per period, counted by the store (its hourly
#     count tables), and the same figures for a console in a time zone
#     half an hour off UTC (Asia/Kolkata, whose midnights fall inside the
#     tables' hours);
#   - the daily self-test's canaries (a refusal and a hold, each named by
#     a "selftest" record) counted nowhere: not on the overview, not in
#     /metrics; before and after the store counts anew at migration;
#   - the days parameter: 30, 90 or 180; anything else a 400 saying so;
#   - /audit with no_selftest=1 leaves out the selftest records and the
#     canaries they name, and its paging and CSV count only what is left.
#
# Output: TAP. Needs curl, python3, sqlite3, and the PostgreSQL server
# (contrib/install-deps.sh).
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
# shellcheck source=sealweb-lib.sh
. "$top_srcdir/tests/sealweb-lib.sh"
web_need curl python3 sqlite3
web_need_pg
web_need_built "$WEB" "$CTL" "$TOOL"
web_tmp t-sealweb-o

# A valid Danish CPR number (synthetic), someone else than N1.
N2=170583-1889
ROOT=$T; BK=""
sql() { web_sql "$BK" "$T/seal.db" "$1"; }
audit() { "$TOOL" audit "$@"; }
num() { sed -n "s/.*id=\"$2\">\([0-9.-]*\)<.*/\1/p" "$PAGES/$1" | head -n 1; }
rows() { grep -c '^<tr><td>[0-9]' "$PAGES/$1"; }
search() {	# search JAR NAME FIELD=VALUE... -> status (POST /audit)
	local jar=$1 name=$2; shift 2
	local args=(--data "csrf=$(csrf "$jar")")
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	curl -s -b "$jar" -o "$PAGES/$name" -w '%{http_code}' "${args[@]}" "$U/audit"
}
# A canary as sealmilter records it, then sealctl selftest's record naming it.
canary() {	# canary DAYS_AGO ACTION SENDER
	local id result=refused
	[ "$2" = hold ] && result=held
	id=$(audit -d "$1" "$C" "$3" selftest@sealmilter.invalid "$2" "$N2") &&
	audit -d "$1" -c '' -D "canary=$id result=$result held_deleted=0" "$C" "$3" \
	    selftest@sealmilter.invalid selftest >/dev/null
}
# The overview's figures: accepted encrypted diverted held refused, classified share.
figures() {
	echo "$(num "$1" n-accepted) $(num "$1" n-encrypted) $(num "$1" n-diverted)" \
	    "$(num "$1" n-held) $(num "$1" n-refused) $(num "$1" classified) $(num "$1" share)"
}
ranked() { sed -n "/id=\"$2\"/,/<\/table>/p" "$PAGES/$1" | tr -d '\n'; }

suite() {	# suite BACKEND
BK=$1
T=$ROOT/$BK; mkdir -p "$T"
PAGES=$T/pages; mkdir -p "$PAGES"
if [ "$BK" = pg ]; then STORE=$WEB_PG_SPEC; else STORE=sqlite:$T/seal.db; fi
PORT=$(free_port)
U=http://127.0.0.1:$PORT
C=$T/seal.conf
web_conf "$C" "$STORE" "$T" "$PORT" <<EOC
language = en
console_login_attempts = 50
EOC
web_officer "$C" aud auditor 'Secret-3 auditor'
ok $? "auditor aud"

# ---- the store: mail decisions, and the self-test's canaries among them
{
	audit "$C" case@kommune.example bob@citizen.example encrypt-smime "$N1" &&
	audit -d 1 "$C" case@kommune.example carl@citizen.example encrypt-pgp "$N2" &&
	audit -d 2 -c sensitive -k health:1 "$C" case@kommune.example dora@citizen.example hold "$N1" &&
	audit -d 3 "$C" cmd@kommune.example eve@citizen.example refuse "$N2" &&
	audit -d 3 "$C" cmd@kommune.example fred@citizen.example refuse "$N2" &&
	audit -d 4 "$C" ann@social.kommune.example gus@citizen.example refuse "$N2" &&
	audit -d 5 -c public "$C" ann@social.kommune.example hal@citizen.example accept &&
	audit -d 6 "$C" ann@social.kommune.example ida@citizen.example divert "$N2" &&
	audit -d 100 "$C" old@kommune.example jon@citizen.example accept "$N2" &&
	canary 1 refuse selftest@kommune.example &&
	canary 2 hold selftest@kommune.example
} >/dev/null
ok $? "nine mail decisions and two canaries, each with its selftest record"
# 52 decisions of one sender, and three canaries of the same sender newest.
for i in $(seq 1 52); do audit "$C" page@kommune.example x@citizen.example encrypt-smime; done >/dev/null &&
for i in 1 2 3; do canary 0 refuse page@kommune.example; done
ok $? "52 more decisions of page@, then three canaries refused from page@"
mkdir -p "$T/m"
printf 'From: a@kommune.example\nTo: b@citizen.example\nSubject: x\n\nCPR %s\n' "$N2" >"$T/m/h.eml"
H2=$("$TOOL" hold "$C" "$T/m/h.eml" case@kommune.example b@citizen.example) &&
"$TOOL" hold "$C" "$T/m/h.eml" case@kommune.example b@citizen.example >/dev/null &&
sql "UPDATE held SET time = time - 864000 WHERE id = '$H2'" >/dev/null
ok $? "two messages held, one ten days ago"

start_web "$C"
[ "$(login aud 'Secret-3 auditor' "$T/aud")" = 303 ]
ok $? "aud signed in"

# ---- the overview: the canaries are not counted
want30="1 54 1 1 3 59 91.5"
st=$(get "$T/aud" '/overview?days=30' o30)
[ "$st" = 200 ] && grep -q '<svg class="chart"' "$PAGES/o30" && [ "$(figures o30)" = "$want30" ] &&
    [ "$(num o30 n-other)" = 0 ] && grep -q 'id="period">30' "$PAGES/o30"
ok $? "overview 30 days: accepted 1, encrypted 54, diverted 1, held 1, refused 3 (no canary); 54 of 59 encrypted" \
    "$st $(figures o30)"
grep -q '<tr><td>dk-cpr</td><td class="n">7</td>' "$PAGES/o30" &&
    grep -q '<tr><td>health</td><td class="n">1</td>' "$PAGES/o30"
ok $? "overview: by kind dk-cpr 7 (the canaries' numbers not), health 1"
ranked o30 refused-senders | grep -q '<td>cmd@kommune.example</td><td class="n">2</td></tr><tr><td>ann@social.kommune.example</td><td class="n">1</td></tr></tbody>' &&
    ! grep -q -e 'selftest@kommune' -e '<td>page@' "$PAGES/o30"
ok $? "overview: the senders with the most refusals, no canary sender among them" \
    "$(ranked o30 refused-senders)"
ranked o30 refused-domains | grep -q '<td>kommune.example</td><td class="n">2</td></tr><tr><td>social.kommune.example</td><td class="n">1</td></tr></tbody>'
ok $? "overview: departments with the most refusals, canaries left out"
[ "$(num o30 age-0)" = 1 ] && [ "$(num o30 age-3)" = 1 ]
ok $? "overview: held messages by age"
get "$T/aud" '/overview?days=180' o180 >/dev/null
# The one of 100 days ago is confidential: 60 classified.
[ "$(num o180 n-accepted)" = 2 ] && [ "$(num o180 n-held)" = 1 ] && [ "$(num o180 n-refused)" = 3 ] &&
    [ "$(num o180 classified)" = 60 ] && grep -q 'id="period">180' "$PAGES/o180"
ok $? "overview 180 days: the decision of 100 days ago counts too" "$(figures o180)"
st=$(get "$T/aud" '/overview' onone)
[ "$st" = 200 ] && [ "$(figures onone)" = "$want30" ] && grep -q 'id="period">30' "$PAGES/onone"
ok $? "overview without days: the last 30 days" "$st"

# ---- the period: 30, 90 or 180, anything else refused with a reason
bad=""
for d in 45 90x 090 %2B90 -30 '' 1e2 99999999999999999999 30%00 30%20 30.0; do
	st=$(curl -s -b "$T/aud" -o "$PAGES/obad" -w '%{http_code}' "$U/overview?days=$d")
	[ "$st" = 400 ] && grep -q 'The period (days) must be 30, 90 or 180.' "$PAGES/obad" &&
	    ! grep -q '<svg' "$PAGES/obad" || bad="$bad [$d]=$st"
done
[ -z "$bad" ]; ok $? "overview: days 45, 90x, 090, +90, -30, empty, 1e2, huge, NUL, space, 30.0: 400 with the reason" "$bad"
st=$(curl -s -b "$T/aud" -o "$PAGES/obadda" -w '%{http_code}' -H 'Accept-Language: da' "$U/overview?days=7")
[ "$st" = 400 ] && grep -q 'Perioden (dage) skal være 30, 90 eller 180.' "$PAGES/obadda"
ok $? "overview: the refusal in the officer's language (Danish)" "$st"
st=$(get "$T/aud" '/overview?days=90' o90)
[ "$st" = 200 ] && grep -q 'id="period">90' "$PAGES/o90"
ok $? "overview: days=90 is a period" "$st"

# ---- /metrics: no canary either
curl -s -o "$PAGES/metrics" "$U/metrics"
m() { grep -F -x -q "$1" "$PAGES/metrics"; }
m 'sealmilter_messages_total{action="refuse",class="confidential"} 3' &&
    m 'sealmilter_messages_total{action="encrypt-smime",class="confidential"} 53' &&
    m 'sealmilter_messages_total{action="hold",class="sensitive"} 1' &&
    ! grep -q 'action="hold",class="confidential"' "$PAGES/metrics" &&
    ! grep -q 'selftest' "$PAGES/metrics" &&
    m 'sealmilter_messages_by_kind_total{kind="dk-cpr"} 8' && m 'sealmilter_held_pending 2'
ok $? "/metrics: refusals 3 and holds 1 (the canaries not counted), dk-cpr 8" \
    "$(grep -e refuse -e hold -e dk-cpr "$PAGES/metrics")"
stop_web

# ---- a console half an hour off UTC: the same figures
TZ=Asia/Kolkata start_web "$C"
login aud 'Secret-3 auditor' "$T/audk" >/dev/null
get "$T/audk" '/overview?days=30' o30k >/dev/null
get "$T/audk" '/overview?days=180' o180k >/dev/null
[ "$(figures o30k)" = "$want30" ] && [ "$(figures o180k)" = "$(figures o180)" ] &&
    [ "$(ranked o30k refused-senders)" = "$(ranked o30 refused-senders)" ] &&
    [ "$(num o30k age-3)" = 1 ]
ok $? "overview in Asia/Kolkata (+05:30): the same figures, canaries left out" \
    "$(figures o30k) / $(figures o180k)"

# ---- the audit page: leave out the self-test
search "$T/audk" all "sender=page@kommune.example" >/dev/null
search "$T/audk" all2 "sender=page@kommune.example" page=2 >/dev/null
search "$T/audk" clean "sender=page@kommune.example" no_selftest=1 >/dev/null
search "$T/audk" clean2 "sender=page@kommune.example" no_selftest=1 page=2 >/dev/null
[ "$(rows all)" = 50 ] && [ "$(rows all2)" = 8 ] && [ "$(rows clean)" = 50 ] && [ "$(rows clean2)" = 2 ] &&
    ! grep -q -e '>selftest<' -e 'canary=' -e '>refuse<' "$PAGES/clean" "$PAGES/clean2" &&
    grep -q '>selftest<' "$PAGES/all"
ok $? "audit: page@'s 58 records in pages of 50 and 8; without the self-test 52: 50 and 2" \
    "$(rows all) $(rows all2) $(rows clean) $(rows clean2)"
grep -q 'name="no_selftest" id="a-no-selftest" value="1" checked' "$PAGES/clean" &&
    grep -q '<input type="hidden" name="no_selftest" value="1">' "$PAGES/clean" &&
    ! grep -q 'name="no_selftest" value="1">' "$PAGES/all" &&
    ! grep -q 'id="a-no-selftest" value="1" checked' "$PAGES/all"
ok $? "audit: the choice stays ticked, and paging and CSV carry it"
search "$T/audk" csvall "sender=page@kommune.example" format=csv >/dev/null
search "$T/audk" csvclean "sender=page@kommune.example" format=csv no_selftest=1 >/dev/null
[ "$(wc -l <"$PAGES/csvall")" = 59 ] && [ "$(wc -l <"$PAGES/csvclean")" = 53 ] &&
    ! grep -q -e ',"selftest",' -e 'canary=' "$PAGES/csvclean"
ok $? "audit CSV: 58 records, 52 without the self-test" \
    "$(wc -l <"$PAGES/csvall") $(wc -l <"$PAGES/csvclean")"
search "$T/audk" ref "action=refuse" >/dev/null
search "$T/audk" refclean "action=refuse" no_selftest=1 >/dev/null
[ "$(rows ref)" = 7 ] && [ "$(rows refclean)" = 3 ]
ok $? "audit: refusals 7 with the canaries, 3 without" "$(rows ref) $(rows refclean)"
"$CTL" -c "$C" audit search --sender page@kommune.example --no-selftest --limit 0 --csv \
    >"$T/ctl.csv" 2>/dev/null
[ "$(wc -l <"$T/ctl.csv")" = 53 ] && [ "$(cut -d, -f1 "$T/ctl.csv" | sort)" = "$(cut -d, -f1 "$PAGES/csvclean" | sort)" ]
ok $? "audit: the same records as sealctl audit search --no-selftest" "$(wc -l <"$T/ctl.csv")"
stop_web

# ---- a store counted before version 6 (canaries and all): counted anew as it opens
sql "UPDATE audit_count_action SET n = n + 5" >/dev/null &&
sql "DROP TABLE audit_canary" >/dev/null &&
if [ "$BK" = pg ]; then sql "UPDATE schema_version SET version = 5"; else sql "PRAGMA user_version = 5"; fi >/dev/null
ok $? "the store set back to schema version 5 with wrong counts"
start_web "$C"
login aud 'Secret-3 auditor' "$T/aud5" >/dev/null
get "$T/aud5" '/overview?days=30' o30v5 >/dev/null
get "$T/aud5" '/overview?days=180' o180v5 >/dev/null
[ "$(figures o30v5)" = "$want30" ] && [ "$(figures o180v5)" = "$(figures o180)" ] &&
    [ "$(ranked o30v5 refused-senders)" = "$(ranked o30 refused-senders)" ]
ok $? "overview after migrating to version 6: the same figures, canaries left out" \
    "$(figures o30v5) / $(figures o180v5)"
stop_web
! grep -q -e 'Sanitizer' -e 'runtime error' "$T/web.log"
ok $? "sealweb ran and stopped without a sanitizer report" "$(tail -n 5 "$T/web.log")"
}

web_each_backend suite
echo "1..$n"
exit $fails
