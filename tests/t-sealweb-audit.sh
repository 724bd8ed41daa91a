#!/bin/bash
# t-sealweb-audit.sh - the audit log, the overview and /metrics in sealweb
# over HTTP (curl), against an SQLite store filled through its own
# interface (tests/tools/seal_store_tool, as the daemon would): search by
# identity number (POST only; the number absent from the result page,
# sealweb's log and the store), by sender, recipient, action, kind and
# date, paging, the CSV export (sealctl's form, formula-safe), the chain
# check intact and broken, the auditor's rights (reads all three, 403 on
# decisions), the overview's figures (counted by the store, drawn as SVG)
# and /metrics with its counters from an allowed address without a
# session, 403 from another. Output: TAP.
#
# Needs curl, python3, sqlite3.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
# shellcheck source=sealweb-lib.sh
. "$top_srcdir/tests/sealweb-lib.sh"
web_need curl python3 sqlite3
web_need_built "$WEB" "$CTL" "$TOOL"
web_tmp t-sealweb-a

# Valid Danish CPR numbers (synthetic): N1 (sealweb-lib.sh) is searched
# for, N2 is someone else.
N2=170583-1889

PORT=$(free_port)
C=$T/seal.conf
web_conf "$C" "sqlite:$T/seal.db" "$T" "$PORT" <<EOC
language = en
console_login_attempts = 50
EOC
# The same console, but /metrics only for a network this client is not in.
sed "s/^console_login_attempts.*/&\nmetrics_allow = 192.0.2.0\/24, 2001:db8::\/32/" "$C" >"$T/closed.conf"
web_officer "$C" olga officer 'Secret-1 officer' &&
web_officer "$C" aud auditor 'Secret-3 auditor'
ok $? "officers olga (officer) and aud (auditor)"

# ---- the store: known records (the mail decisions the overview counts)
audit() { "$TOOL" audit "$@" >/dev/null; }
audit "$C" case@kommune.example bob@citizen.example encrypt-smime "$N1" &&
audit -d 1 "$C" case@kommune.example carl@citizen.example encrypt-pgp "$N2" &&
audit -d 2 -c sensitive -k health:1 "$C" case@kommune.example dora@citizen.example hold "$N1" &&
audit -d 3 "$C" '=cmd@kommune.example' eve@citizen.example refuse "$N2" &&
audit -d 3 "$C" '=cmd@kommune.example' fred@citizen.example refuse "$N2" &&
audit -d 4 "$C" ann@social.kommune.example gus@citizen.example refuse "$N2" &&
audit -d 5 -c public "$C" ann@social.kommune.example hal@citizen.example accept &&
audit -d 6 "$C" ann@social.kommune.example ida@citizen.example divert "$N2" &&
audit -d 100 "$C" old@kommune.example jon@citizen.example accept "$N2"
ok $? "nine mail decisions appended through the store (one 100 days ago)"
mkdir -p "$T/m"
printf 'From: a@kommune.example\nTo: b@citizen.example\nSubject: x\n\nCPR %s\n' "$N2" >"$T/m/h.eml"
H1=$("$TOOL" hold "$C" "$T/m/h.eml" case@kommune.example b@citizen.example) &&
H2=$("$TOOL" hold "$C" "$T/m/h.eml" case@kommune.example b@citizen.example)
ok $? "two messages held"
# One held ten days ago.
sqlite3 "$T/seal.db" "UPDATE held SET time = time - 864000 WHERE id = '$H2'"

U=http://127.0.0.1:$PORT
start_web "$C"

PAGES=$T/pages; mkdir -p "$PAGES"
search() {	# search JAR NAME FIELD=VALUE... -> status (POST /audit)
	local jar=$1 name=$2; shift 2
	local args=(--data "csrf=$(csrf "$jar")")
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	curl -s -b "$jar" -o "$PAGES/$name" -w '%{http_code}' "${args[@]}" "$U/audit"
}
rows() { grep -c '^<tr><td>[0-9]' "$PAGES/$1"; }
[ "$(login olga 'Secret-1 officer' "$T/olga")" = 303 ] &&
[ "$(login aud 'Secret-3 auditor' "$T/aud")" = 303 ]
ok $? "olga and aud signed in"

# ---- the audit page
st=$(get "$T/aud" /audit form)
[ "$st" = 200 ] && grep -q 'name="number"' "$PAGES/form" && grep -q 'method="post" action="/audit"' "$PAGES/form"
ok $? "auditor: GET /audit gives the search form, which posts" "$st"
st=$(get "" /audit anon)
[ "$st" = 303 ]; ok $? "GET /audit without a session: to the sign-in page" "$st"

st=$(search "$T/aud" byid "number=$N1")
fp=$(sed -n 's/.*id="searched">[^<]*<code>\([0-9a-f]*\)<.*/\1/p' "$PAGES/byid")
[ "$st" = 200 ] && [ "$(rows byid)" = 2 ] && grep -q '070761-XXXX' "$PAGES/byid" &&
    grep -q 'encrypt-smime' "$PAGES/byid" && grep -q '>hold<' "$PAGES/byid" && [ ${#fp} = 16 ]
ok $? "search by number: its two records, the number shown masked with its fingerprint" "$st"
in_clear "$PAGES/byid"; [ $? -ne 0 ]
ok $? "search by number: the number itself is not in the result page"
grep -q 'name="number" id="a-number" autocomplete="off" value=""' "$PAGES/byid" &&
    grep -q "name=\"fp\" value=\"$fp" "$PAGES/byid"
ok $? "the form comes back empty; paging and CSV carry the fingerprint, not the number"
sqlite3 "$T/seal.db" "SELECT auth_user, detail FROM audit WHERE action = 'audit-search'" |
    grep -q "^aud|console address=127.0.0.1 fp=$fp\$"
ok $? "a search by number is itself an audit record (the officer and the fingerprint)"
st=$(search "$T/aud" bad "number=320161-4285")
[ "$st" = 200 ] && grep -q 'not one valid identity number' "$PAGES/bad" && [ "$(rows bad)" = 0 ] &&
    ! grep -q "320161-4285" "$PAGES/bad"
ok $? "a number that is none: said, nothing searched, not echoed" "$st"
st=$(curl -s -b "$T/aud" -o /dev/null -w '%{http_code}' "$U/audit?number=$N1")
[ "$st" = 200 ] && ! grep -q "$N1" "$T/web.log"
ok $? "a number put in the URL is ignored (GET shows the empty form) and not logged" "$st"

search "$T/aud" s1 "sender=ann@social.kommune.example" >/dev/null
search "$T/aud" s2 "recipient=eve@citizen.example" >/dev/null
search "$T/aud" s3 "action=refuse" >/dev/null
search "$T/aud" s4 "kind=health" >/dev/null
search "$T/aud" s5 "since=$(date -d '-3 days' +%F)" "until=$(date -d '-2 days' +%F)" >/dev/null
[ "$(rows s1)" = 3 ] && [ "$(rows s2)" = 1 ] && [ "$(rows s3)" = 3 ] && [ "$(rows s4)" = 1 ] &&
    [ "$(rows s5)" = 3 ]
ok $? "search by sender (3), recipient (1), action (3), kind (1), date range (3)" \
    "$(rows s1) $(rows s2) $(rows s3) $(rows s4) $(rows s5)"

# Paging: 60 more records of one sender, 50 a page.
for i in $(seq 1 60); do audit "$C" page@kommune.example x@citizen.example encrypt-smime; done
search "$T/aud" p1 "sender=page@kommune.example" >/dev/null
search "$T/aud" p2 "sender=page@kommune.example" page=2 >/dev/null
[ "$(rows p1)" = 50 ] && grep -q 'name="page" value="2"' "$PAGES/p1" && [ "$(rows p2)" = 10 ] &&
    ! grep -q 'name="page" value="3"' "$PAGES/p2"
ok $? "paging: 50 records, then the other 10" "$(rows p1) $(rows p2)"

# ---- CSV
st=$(curl -s -b "$T/aud" -D "$T/csv.h" -o "$PAGES/csv" -w '%{http_code}' --data "csrf=$(csrf "$T/aud")" \
    --data "sender=%3Dcmd%40kommune.example" --data format=csv "$U/audit")
"$CTL" -c "$C" audit search --sender '=cmd@kommune.example' --csv >"$T/ctl.csv" 2>/dev/null
[ "$st" = 200 ] && grep -qi '^content-type: text/csv' "$T/csv.h" &&
    grep -qi '^content-disposition: attachment' "$T/csv.h" &&
    head -n 1 "$PAGES/csv" | grep -q '^id,time,date,relay,queue_id' &&
    [ "$(wc -l <"$PAGES/csv")" = 3 ] && grep -q "\"'=cmd@kommune.example\"" "$PAGES/csv" &&
    ! grep -q '^"=\|,"=' "$PAGES/csv" && cmp -s "$PAGES/csv" "$T/ctl.csv"
ok $? "CSV export: two records, the sender's = made harmless, the same file as sealctl's" "$st"
search "$T/aud" csvfp "fp=$(sqlite3 "$T/seal.db" "SELECT fingerprint FROM audit_fp f JOIN audit a ON a.id = f.audit_id WHERE a.action = 'hold'")" format=csv >/dev/null
[ "$(wc -l <"$PAGES/csvfp")" = 3 ] && ! in_clear "$PAGES/csvfp"
ok $? "CSV export by fingerprint (the paging form's field): the person's two records"

# ---- the chain
st=$(get "$T/aud" /audit/verify v1)
[ "$st" = 200 ] && grep -q 'id="verify" data-ok="1"' "$PAGES/v1"
ok $? "verify: the chain is intact" "$st"
victim=$(sqlite3 "$T/seal.db" "SELECT id FROM audit WHERE action = 'divert'")
sqlite3 "$T/seal.db" "UPDATE audit SET sender = 'x@y.example' WHERE id = $victim"
get "$T/aud" /audit/verify v2 >/dev/null
grep -q 'data-ok="0"' "$PAGES/v2" && grep -q "id=\"bad\">$victim<" "$PAGES/v2"
ok $? "verify: a changed record is named (broken at record $victim)"
sqlite3 "$T/seal.db" "UPDATE audit SET sender = 'ann@social.kommune.example' WHERE id = $victim"

# ---- the auditor's rights
st=$(curl -s -b "$T/aud" -o /dev/null -w '%{http_code}' --data "csrf=$(csrf "$T/aud")" \
    --data "id=$H1" --data action=release --data reason=x "$U/quarantine/decide")
st2=$(get "$T/aud" /officers off)
[ "$st" = 403 ] && [ "$st2" = 403 ]
ok $? "auditor: 403 on decisions and on the accounts page" "$st $st2"

# ---- the overview: 30 days hold eight decisions (the one 100 days ago is out)
st=$(get "$T/aud" '/overview?days=30' o30)
num() { sed -n "s/.*id=\"$2\">\([0-9.-]*\)<.*/\1/p" "$PAGES/$1" | head -n 1; }
[ "$st" = 200 ] && grep -q '<svg class="chart"' "$PAGES/o30" && grep -q '<rect class="s1"' "$PAGES/o30" &&
    [ "$(num o30 n-accepted)" = 1 ] && [ "$(num o30 n-encrypted)" = 62 ] &&
    [ "$(num o30 n-diverted)" = 1 ] && [ "$(num o30 n-held)" = 1 ] && [ "$(num o30 n-refused)" = 3 ] &&
    [ "$(num o30 n-other)" = 0 ]
ok $? "overview 30 days: SVG charts; accepted 1, encrypted 62, diverted 1, held 1, refused 3" \
    "$st $(num o30 n-accepted) $(num o30 n-encrypted) $(num o30 n-diverted) $(num o30 n-held) $(num o30 n-refused)"
# The 60 paging records are classified (confidential) and encrypted too.
[ "$(num o30 classified)" = 67 ] && [ "$(num o30 encrypted)" = 62 ] && [ "$(num o30 share)" = 92.5 ]
ok $? "overview: 62 of 67 classified messages left encrypted (92.5 %)" \
    "$(num o30 classified) $(num o30 encrypted) $(num o30 share)"
grep -q '<tr><td>dk-cpr</td><td class="n">7</td>' "$PAGES/o30" &&
    grep -q '<tr><td>health</td><td class="n">1</td>' "$PAGES/o30"
ok $? "overview: by kind (dk-cpr 7) and category (health 1)"
sed -n '/id="refused-senders"/,/<\/table>/p' "$PAGES/o30" | head -n 3 | tr -d '\n' |
    grep -q '<td>=cmd@kommune.example</td><td class="n">2</td></tr><tr><td>ann@social.kommune.example</td><td class="n">1</td>'
ok $? "overview: senders with the most refusals, most first"
sed -n '/id="refused-domains"/,/<\/table>/p' "$PAGES/o30" | tr -d '\n' |
    grep -q '<td>kommune.example</td><td class="n">2</td></tr><tr><td>social.kommune.example</td><td class="n">1</td>'
ok $? "overview: departments (subdomains apart) with the most refusals"
[ "$(num o30 age-0)" = 1 ] && [ "$(num o30 age-3)" = 1 ] && [ "$(num o30 age-1)" = 0 ]
ok $? "overview: held messages by age (one today, one a week or more)"
get "$T/aud" '/overview?days=180' o180 >/dev/null
[ "$(num o180 n-accepted)" = 2 ] && grep -q 'id="period">180' "$PAGES/o180"
ok $? "overview 180 days: the decision of 100 days ago counts too"
# In a Danish browser the overview speaks Danish, with the same figures.
curl -s -b "$T/aud" -H 'Accept-Language: da-DK,da;q=0.9' -o "$PAGES/o30da" "$U/overview?days=30"
grep -q '<html lang="da"' "$PAGES/o30da" && grep -q '<h2>Afgørelser om post pr. dag</h2>' "$PAGES/o30da" &&
    grep -q 'omdirigeret' "$PAGES/o30da" && ! grep -q 'Mail decisions per day' "$PAGES/o30da" &&
    [ "$(num o30da n-diverted)" = 1 ]
ok $? "overview with Accept-Language: da is in Danish" "$(grep -o '<h2>[^<]*</h2>' "$PAGES/o30da" | head -n 3)"

# ---- /metrics: this address (127.0.0.1) is in the default metrics_allow
st=$(curl -s -o "$PAGES/metrics" -D "$T/metrics.h" -w '%{http_code}' "$U/metrics")
m() { grep -F -x -q "$1" "$PAGES/metrics"; }
[ "$st" = 200 ] && grep -qi '^content-type: text/plain; version=0.0.4' "$T/metrics.h" &&
    m 'sealmilter_messages_total{action="refuse",class="confidential"} 3' &&
    m 'sealmilter_messages_total{action="encrypt-smime",class="confidential"} 61' &&
    m 'sealmilter_messages_total{action="hold",class="sensitive"} 1' &&
    m 'sealmilter_messages_total{action="accept",class="public"} 1' &&
    m 'sealmilter_messages_by_kind_total{kind="dk-cpr"} 8' &&
    m 'sealmilter_messages_by_kind_total{kind="health"} 1' &&
    m 'sealmilter_held_pending 2' && m 'sealmilter_store_up 1' && ! grep -q 'audit-search' "$PAGES/metrics"
ok $? "/metrics from 127.0.0.1 without a session: the counters, held pending, store up" "$st"
stop_web
start_web "$T/closed.conf"
st=$(curl -s -o /dev/null -w '%{http_code}' "$U/metrics")
login aud 'Secret-3 auditor' "$T/aud2" >/dev/null
st2=$(curl -s -b "$T/aud2" -o /dev/null -w '%{http_code}' "$U/metrics")
[ "$st" = 403 ] && [ "$st2" = 200 ]
ok $? "/metrics from an address outside metrics_allow: 403 without a session, 200 with one" "$st $st2"
stop_web

# ---- no number in clear anywhere
leaks=""
for f in "$PAGES"/*; do in_clear "$f" && leaks="$leaks $(basename "$f")"; done
[ -z "$leaks" ]; ok $? "no page holds the number searched for" "$leaks"
! in_clear "$T/web.log"; ok $? "sealweb's log never holds the number"
! sqlite3 "$T/seal.db" .dump | in_clear; ok $? "the store never holds the number (records, held index)"
! grep -q -e 'Sanitizer' -e 'runtime error' "$T/web.log"
ok $? "sealweb ran and stopped without a sanitizer report" "$(tail -n 5 "$T/web.log")"
# ---- the overview after an upgrade: a version-4 store's records are counted as it opens
sqlite3 "$T/seal.db" "DROP TABLE audit_count_action; DROP TABLE audit_count_kinds;
    DROP TABLE audit_count_refused; PRAGMA user_version = 4"
start_web "$C"
login aud 'Secret-3 auditor' "$T/aud4" >/dev/null
figures() { sed -n '/<h2>/,$p' "$PAGES/$1" | grep -v -e csrf -e 'id="age-'; }
for d in 30 180; do
	get "$T/aud4" "/overview?days=$d" "o${d}v4" >/dev/null
	figures "o$d" >"$T/o$d.want"; figures "o${d}v4" >"$T/o$d.got"
	[ "$(sqlite3 "$T/seal.db" 'PRAGMA user_version')" = 6 ] && [ -s "$T/o$d.want" ] &&
	    cmp -s "$T/o$d.want" "$T/o$d.got"
	ok $? "overview $d days after migrating from schema version 4: the same page" \
	    "$(diff "$T/o$d.want" "$T/o$d.got" | head -n 5)"
done
stop_web

echo "1..$n"
exit $fails
