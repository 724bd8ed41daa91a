#!/bin/bash
# t-sealweb-quarantine.sh - quarantine review in sealweb over HTTP (curl)
# against an SQLite store filled through its own interface
# (tests/tools/seal_store_tool, as the daemon would) and an smtp-sink
# standing in for the reinjection listener: the list with its filters and
# pages, the message page (masked findings, masked text, attachments
# listed, never served), release exactly once under two officers posting
# at the same moment, refusal with the sender told the officer's reason,
# deletion, reasons required, the auditor's 403, four eyes
# (release_approvals = 2, the sender never approves), the unmasked view
# recorded in the audit log, and the identity number absent from every
# page but the unmasked view and from sealweb's log; the sign-in page in
# the browser's language. Every case runs twice: against SQLite, then
# against a throwaway PostgreSQL server (tests/sealweb-lib.sh,
# tests/web-backends.sh). Output: TAP.
#
# Needs root (smtp-sink -u root, initdb as postgres), curl, python3,
# sqlite3, psql, the PostgreSQL server, smtp-sink.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
# shellcheck source=sealweb-lib.sh
. "$top_srcdir/tests/sealweb-lib.sh"
sql() { web_sql "$BK" "$T/seal.db" "$1"; }
web_need curl python3 sqlite3 psql smtp-sink ss
web_need_root "smtp-sink -u root"
web_need_pg
web_need_built "$WEB" "$CTL" "$TOOL"
web_tmp t-sealweb-q
ROOT=$T; BK=""

suite() {	# suite BACKEND: runs every case against the store of $BK (sqlite or pg)
BK=$1
T=$ROOT/$BK; mkdir -p "$T"
if [ "$BK" = pg ]; then STORE=$WEB_PG_SPEC; else STORE=sqlite:$T/seal.db; fi
PORT=$(free_port); SINK=$(free_port)
mkdir -p "$T/sink"
C=$T/seal.conf
web_conf "$C" "$STORE" "$T" "$PORT" <<EOC
reinject_to = 127.0.0.1:$SINK
reinject_timeout = 5
language = en
console_login_attempts = 50
EOC
sed 's/^console_login_attempts.*/&\nrelease_approvals = 2/' "$C" >"$T/four.conf"
web_officer "$C" olga officer 'Secret-1 officer' &&
web_officer "$C" otto officer 'Secret-2 officer' &&
web_officer "$C" aud auditor 'Secret-3 auditor' &&
web_officer "$C" case officer 'Secret-4 officer'
ok $? "officers olga, otto, case (officer) and aud (auditor)"

smtp-sink -u root -d "$T/sink/%M." "127.0.0.1:$SINK" 10 >"$T/sink.log" 2>&1 &
SINK_PID=$!

# msg NAME: N1 in the Subject, the body and an attachment's file name.
msg() {
	cat >"$T/$1.eml" <<MSG
From: Sagsbehandler <case@kommune.example>
To: Borger <bob@citizen.example>
Subject: Sag om CPR $N1
Date: Tue, 24 Nov 2026 08:00:00 +0100
Message-ID: <$1@kommune.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Bodytext-$1: borgerens cpr-nummer er $N1.
--b1
Content-Type: application/pdf; name="scan-$N1.pdf"
Content-Disposition: attachment; filename="scan-$N1.pdf"

%PDF-1.4 not really
--b1--
MSG
	echo "$T/$1.eml"
}
sink_count() { grep -l -F -- "<$1@kommune.example>" "$T"/sink/* 2>/dev/null | wc -l; }
sink_idle() {
	for _ in $(seq 1 50); do
		[ -z "$(ss -Htn state established "( dport = :$SINK or sport = :$SINK )" 2>/dev/null)" ] &&
			return 0
		sleep 0.2
	done
	return 1
}
state_of() { sql "SELECT state FROM held WHERE id = '$1'"; }

H1=$("$TOOL" hold -a case "$C" "$(msg h1)" case@kommune.example bob@citizen.example)
H2=$("$TOOL" hold "$C" "$(msg h2)" case@kommune.example carl@citizen.example)
H3=$("$TOOL" hold "$C" "$(msg h3)" dan@kommune.example dora@citizen.example)
[ -n "$H1" ] && [ -n "$H2" ] && [ -n "$H3" ]
ok $? "three messages held through the store's interface"
# h3 was held ten days ago.
sql "UPDATE held SET time = time - 864000 WHERE id = '$H3'"

U=http://127.0.0.1:$PORT
start_web "$C"

PAGES=$T/pages; mkdir -p "$PAGES"
decide() {	# decide JAR ID ACTION REASON NAME -> status
	curl -s -b "$1" -o "$PAGES/$5" -w '%{http_code}' --data "csrf=$(csrf "$1")" \
	    --data "id=$2" --data "action=$3" --data-urlencode "reason=$4" "$U/quarantine/decide"
}
# ---- the pages in the browser's language
for l in 'da-DK,da;q=0.9:da:Log ind:Adgangskode' 'sv:sv:Logga in:Lösenord' 'fr-FR,de;q=0.8:en:Sign in:Password'; do
	IFS=: read -r accept tag signin pw <<<"$l"
	curl -s -H "Accept-Language: $accept" -o "$T/lang.html" "$U/login"
	grep -q "<html lang=\"$tag\"" "$T/lang.html" && grep -q "<button type=\"submit\">$signin</button>" "$T/lang.html" &&
	    grep -q ">$pw</label>" "$T/lang.html"
	ok $? "Accept-Language: $accept gives the sign-in page in $tag" "$(grep -o '<title>.*</title>' "$T/lang.html")"
done
login olga 'Secret-1 officer' "$T/olga" >/dev/null
login otto 'Secret-2 officer' "$T/otto" >/dev/null
login aud 'Secret-3 auditor' "$T/aud" >/dev/null
login case 'Secret-4 officer' "$T/case" >/dev/null

# ---- the list and its filters
st=$(get "$T/olga" /quarantine list)
[ "$st" = 200 ] && grep -q "id=$H1" "$PAGES/list" && grep -q "id=$H2" "$PAGES/list" &&
    grep -q "id=$H3" "$PAGES/list" && grep -q 'Sag om CPR 070761-XXXX' "$PAGES/list"
ok $? "list: the three held messages, Subject masked" "$st"
# The list, its filters and its count in the browser's language.
curl -s -b "$T/olga" -H 'Accept-Language: sv' -o "$PAGES/listsv" "$U/quarantine"
grep -q '<title>Meddelanden i karantän' "$PAGES/listsv" && grep -q '3 meddelanden\.' "$PAGES/listsv" &&
    grep -q '<button type="submit">Filtrera</button>' "$PAGES/listsv" &&
    grep -q '<th>Fynd</th>' "$PAGES/listsv" && grep -q '>spärrat</td>' "$PAGES/listsv"
ok $? "list with Accept-Language: sv is in Swedish" "$(grep -o '<p class="count">[^<]*' "$PAGES/listsv")"
get "$T/olga" '/quarantine?sender=dan%40kommune.example' f1 >/dev/null
grep -q "id=$H3" "$PAGES/f1" && ! grep -q "id=$H1" "$PAGES/f1" && grep -q '1 message' "$PAGES/f1"
ok $? "filter by sender"
get "$T/olga" '/quarantine?age=older' f2 >/dev/null
get "$T/olga" '/quarantine?age=day' f3 >/dev/null
grep -q "id=$H3" "$PAGES/f2" && ! grep -q "id=$H1" "$PAGES/f2" &&
    grep -q "id=$H1" "$PAGES/f3" && grep -q "id=$H2" "$PAGES/f3" && ! grep -q "id=$H3" "$PAGES/f3"
ok $? "filter by age (older than 7 days, last 24 hours)"
reason=$(sql "SELECT reason FROM held WHERE id = '$H1'")
kind=$(sql "SELECT findings FROM held WHERE id = '$H1'" | cut -c1-3)
get "$T/olga" "/quarantine?reason=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1][:6]))' "$reason")" f4 >/dev/null
get "$T/olga" '/quarantine?reason=no-such-reason' f5 >/dev/null
grep -q "id=$H1" "$PAGES/f4" && grep -q '0 messages' "$PAGES/f5"
ok $? "filter by reason" "$reason"
get "$T/olga" "/quarantine?kind=$kind" f6 >/dev/null
get "$T/olga" '/quarantine?kind=personnummer' f7 >/dev/null
[ -n "$kind" ] && grep -q '3 messages' "$PAGES/f6" && grep -q '0 messages' "$PAGES/f7"
ok $? "filter by kind (findings)" "$kind"

# ---- the message page
st=$(get "$T/olga" "/quarantine/message?id=$H1" m1)
[ "$st" = 200 ] && grep -q '070761-XXXX' "$PAGES/m1" && grep -q 'Bodytext-h1' "$PAGES/m1" &&
    grep -q 'scan-070761-XXXX.pdf' "$PAGES/m1" && grep -q 'application/pdf' "$PAGES/m1" &&
    grep -q 'Findings (where)' "$PAGES/m1"
ok $? "message page: envelope, findings, text and attachment listed, masked" "$st"
! in_clear "$PAGES/m1" && ! grep -q 'href="[^"]*part' "$PAGES/m1"
ok $? "message page: no identity number in clear, no link to open a part"
st=$(get "$T/aud" "/quarantine/message?id=$H1" m1aud)
[ "$st" = 200 ] && ! grep -q 'action="/quarantine/decide"' "$PAGES/m1aud"
ok $? "auditor reads the message page, without decision forms" "$st"
st=$(get "$T/olga" "/quarantine/message?id=$N1" bad)
[ "$st" = 404 ] && ! in_clear "$PAGES/bad"
ok $? "a number typed as ID: 404, not echoed" "$st"

# ---- rights, CSRF, reasons
st=$(decide "$T/aud" "$H1" release "auditor tries" a1)
[ "$st" = 403 ] && [ "$(state_of "$H1")" = held ]
ok $? "auditor: release is 403, still held" "$st"
st=$(curl -s -b "$T/aud" -o /dev/null -w '%{http_code}' --data "csrf=$(csrf "$T/aud")" \
    --data "id=$H1" --data "reason=look" "$U/quarantine/unmasked")
[ "$st" = 403 ]; ok $? "auditor: unmasked view is 403" "$st"
st=$(curl -s -b "$T/olga" -o /dev/null -w '%{http_code}' --data "id=$H1" --data "action=release" \
    --data "reason=x" "$U/quarantine/decide")
[ "$st" = 403 ] && [ "$(state_of "$H1")" = held ]
ok $? "release without the CSRF token: 403" "$st"
for a in release refuse delete; do
	st=$(decide "$T/olga" "$H1" $a "  " r0)
	[ "$st" = 400 ] || break
done
[ "$st" = 400 ] && [ "$(state_of "$H1")" = held ]
ok $? "release, refuse and delete without a reason: 400" "$st"

# ---- the unmasked view
st=$(curl -s -b "$T/olga" -o "$PAGES/unmasked" -w '%{http_code}' --data "csrf=$(csrf "$T/olga")" \
    --data "id=$H1" --data-urlencode "reason=Check the number against case 17" "$U/quarantine/unmasked")
[ "$st" = 200 ] && in_clear "$PAGES/unmasked"
ok $? "unmasked view with a reason shows the number" "$st"
rec=$(sql "SELECT auth_user || ' ' || detail FROM audit WHERE action = 'view-unmasked'")
grep -q "^olga console address=127.0.0.1 held=$H1 reason=Check the number against case 17" <<<"$rec"
ok $? "unmasked view is an audit record naming the officer and reason" "$rec"
st=$(curl -s -b "$T/olga" -o /dev/null -w '%{http_code}' --data "csrf=$(csrf "$T/olga")" \
    --data "id=$H1" --data "reason=" "$U/quarantine/unmasked")
[ "$st" = 400 ]; ok $? "unmasked view without a reason: 400" "$st"

# ---- release exactly once, two officers at the same moment
t1=$(csrf "$T/olga"); t2=$(csrf "$T/otto")
curl -s -b "$T/olga" -o "$PAGES/r1" -w '%{http_code}' --data "csrf=$t1" --data "id=$H1" \
    --data "action=release" --data "reason=Lawful, case 17" "$U/quarantine/decide" >"$T/s1" &
p1=$!
curl -s -b "$T/otto" -o "$PAGES/r2" -w '%{http_code}' --data "csrf=$t2" --data "id=$H1" \
    --data "action=release" --data "reason=Lawful, case 17" "$U/quarantine/decide" >"$T/s2" &
p2=$!
wait $p1 $p2
s1=$(cat "$T/s1"); s2=$(cat "$T/s2")
[ "$(printf '%s\n' "$s1" "$s2" | sort | tr '\n' ' ')" = "200 409 " ] &&
    cat "$PAGES/r1" "$PAGES/r2" | grep -q 'released to 1 recipient' &&
    cat "$PAGES/r1" "$PAGES/r2" | grep -q 'not held any more'
ok $? "two officers release at once: one 200 released, one 409 not held any more" "$s1 $s2"
sink_idle
[ "$(sink_count h1)" -eq 1 ] && [ "$(state_of "$H1")" = released ]
ok $? "the released message reached the sink exactly once" "$(sink_count h1)"
recs=$(sql "SELECT detail FROM audit WHERE action = 'release' AND detail LIKE 'held=$H1 %'")
[ "$(wc -l <<<"$recs")" -eq 1 ] && grep -Eq "^held=$H1 officer=(olga|otto) console address=127.0.0.1 reason=Lawful, case 17$" <<<"$recs"
ok $? "one release audit record naming the officer" "$recs"
st=$(decide "$T/olga" "$H1" delete "too late" late)
[ "$st" = 409 ] && grep -q 'not held any more' "$PAGES/late"
ok $? "a decision on a released message: 409 not held any more" "$st"

# ---- refuse, delete
st=$(decide "$T/otto" "$H2" refuse "Send it through the secure mailbox" ref)
sink_idle
[ "$st" = 200 ] && grep -q 'notice to the sender: sent' "$PAGES/ref" && [ "$(state_of "$H2")" = refused ] &&
    grep -l 'Reason: Send it through the secure mailbox' "$T"/sink/* | xargs grep -q 'To: <case@kommune.example>'
ok $? "refuse: the sender is told, with the officer's reason" "$st"
[ "$(sink_count h2)" -eq 0 ]; ok $? "a refused message is not delivered"
st=$(decide "$T/olga" "$H3" delete "Sent by mistake, sender agrees" del)
[ "$st" = 200 ] && [ "$(state_of "$H3")" = deleted ] &&
    sql "SELECT detail FROM audit WHERE action = 'delete'" | grep -q "officer=olga"
ok $? "delete with a reason, audit record names the officer" "$st"
get "$T/olga" '/quarantine?state=any' all >/dev/null
get "$T/olga" '/quarantine?state=refused' fr >/dev/null
grep -q '3 messages' "$PAGES/all" && grep -q "id=$H2" "$PAGES/fr" && grep -q '1 message' "$PAGES/fr"
ok $? "filter by state"

# ---- four eyes
stop_web
start_web "$T/four.conf"
login olga 'Secret-1 officer' "$T/olga" >/dev/null
login otto 'Secret-2 officer' "$T/otto" >/dev/null
login case 'Secret-4 officer' "$T/case" >/dev/null
H4=$("$TOOL" hold -a case "$C" "$(msg h4)" case@kommune.example bob@citizen.example)
st=$(decide "$T/case" "$H4" release "My own mail" own)
[ "$st" = 403 ] && grep -q 'sent this message and cannot release it' "$PAGES/own"
ok $? "four eyes: the sender cannot approve his own message (403)" "$st"
st=$(decide "$T/olga" "$H4" release "First approval" ap1)
sink_idle
[ "$st" = 200 ] && grep -q 'release approved (1 of 2)' "$PAGES/ap1" && [ "$(state_of "$H4")" = held ] &&
    [ "$(sink_count h4)" -eq 0 ]
ok $? "four eyes: the first release is an approval, nothing sent" "$st"
get "$T/otto" "/quarantine/message?id=$H4" m4 >/dev/null
grep -q 'approved so far by olga' "$PAGES/m4"
ok $? "four eyes: the message page names the approver"
st=$(decide "$T/olga" "$H4" release "Again" ap2)
[ "$st" = 409 ] && grep -q 'approved its release already' "$PAGES/ap2" && [ "$(state_of "$H4")" = held ]
ok $? "four eyes: the same officer twice is not two (409)" "$st"
st=$(decide "$T/otto" "$H4" release "Second approval" ap3)
sink_idle
[ "$st" = 200 ] && grep -q 'released to 1 recipient' "$PAGES/ap3" && [ "$(state_of "$H4")" = released ] &&
    [ "$(sink_count h4)" -eq 1 ]
ok $? "four eyes: a second officer releases it, delivered once" "$st"
sql "SELECT detail FROM audit WHERE action = 'release' AND detail LIKE 'held=$H4 %'" |
    grep -q "officer=otto console address=127.0.0.1 approved-by=olga reason=Second approval"
ok $? "four eyes: the release record names both officers"

# ---- a health passage marked with its category, the number still masked
cat >"$T/hs.eml" <<MSG
From: Sagsbehandler <case@kommune.example>
To: Borger <bob@citizen.example>
Subject: Status
Message-ID: <hs@kommune.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Kære Bo ($N1).
Din søn har fået diagnosen epilepsi og får medicin hver dag.
MSG
HS=$("$TOOL" hold "$C" "$T/hs.eml" case@kommune.example bob@citizen.example)
get "$T/olga" "/quarantine/message?id=$HS" ms >/dev/null
grep -Eq '<mark class="category" title="health information">(diagnosen|epilepsi|medicin)</mark>' "$PAGES/ms" &&
    grep -q '070761-XXXX' "$PAGES/ms" && grep -q 'Kære Bo' "$PAGES/ms"
ok $? "message page: the health passage marked with its category, the number masked" \
    "$(grep -o '<mark[^>]*>[^<]*</mark>' "$PAGES/ms" | head -n 3)"
get "$T/olga" "/quarantine/message?id=$H4" m4plain >/dev/null
! grep -q '<mark' "$PAGES/m4plain"
ok $? "message page: a text without sensitive passages has no marks"
stop_web

# ---- no number in clear anywhere but the unmasked view
leaks=""
for f in "$PAGES"/*; do
	[ "$f" = "$PAGES/unmasked" ] && continue
	in_clear "$f" && leaks="$leaks $(basename "$f")"
done
[ -z "$leaks" ]; ok $? "no page but the unmasked view holds the number in clear" "$leaks"
! in_clear "$T/web.log" && grep -q 'olga viewed' "$T/web.log"
ok $? "sealweb's log never holds the number (it logs the unmasked view)"
! grep -q -e 'Sanitizer' -e 'runtime error' "$T/web.log"
ok $? "sealweb ran and stopped without a sanitizer report (leaks, undefined behaviour)"
! sql "SELECT * FROM audit" | in_clear
ok $? "the audit log never holds the number"
out=$("$CTL" -c "$C" audit verify 2>&1)
ok $? "the audit chain holds after the console's records" "$out"
kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null; SINK_PID=""
}

web_each_backend suite
echo "1..$n"
exit $fails
