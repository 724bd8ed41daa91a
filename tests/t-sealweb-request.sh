#!/bin/bash
# t-sealweb-request.sh - the sender's request for release (sealweb's
# /request, web/page_request.c) over HTTP (curl), against SQLite and then
# PostgreSQL: the link the hold notice gets (made by the notice code
# itself, through tests/tools/seal_store_tool link), its page without
# any content of the message, in the browser's language, the form's
# double-submit token, the reason required, stored once (masked) with an
# audit record naming the held ID and nothing else, a second use refused
# (409), expired (410), tampered, spliced and foreign tokens (403), a
# message decided already (410), the officer seeing the reason on the
# message page, and the route's rate limit (429). Output: TAP.
#
# Needs root (initdb runs as postgres), curl, python3, sqlite3, psql and
# the PostgreSQL server (contrib/install-deps.sh).
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
# shellcheck source=sealweb-lib.sh
. "$top_srcdir/tests/sealweb-lib.sh"
web_need curl python3 sqlite3 psql
web_need_root "initdb runs as postgres"
web_need_pg
web_need_built "$WEB" "$CTL" "$TOOL"
web_tmp t-sealweb-r

msg() {	# msg DIR NAME
	cat >"$1/$2.eml" <<MSG
From: Sagsbehandler <case@kommune.example>
To: Borger <bob@citizen.example>
Subject: Sag om CPR $N1
Date: Tue, 24 Nov 2026 08:00:00 +0100
Message-ID: <$2@kommune.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Bodytext-$2: borgerens cpr-nummer er $N1.
MSG
	echo "$1/$2.eml"
}

suite() {	# suite BACKEND (sqlite or pg)
	local B=$1 D=$T/$1 C PORT U store link tok st rec
	mkdir -p "$D"
	if [ "$B" = pg ]; then store=$WEB_PG_SPEC; else store=sqlite:$D/seal.db; fi
	sql() { web_sql "$B" "$D/seal.db" "$1"; }
	PORT=$(free_port); U=http://127.0.0.1:$PORT
	head -c 32 /dev/urandom >"$D/other.key" && chmod 600 "$D/other.key"
	C=$D/seal.conf
	web_conf "$C" "$store" "$D" "$PORT" <<EOC
language = en
console_url = $U/
console_login_attempts = 12
EOC
	sed "s#^fingerprint_key_file.*#fingerprint_key_file = $D/other.key#" "$C" >"$D/other.conf"
	web_officer "$C" olga officer 'Secret-1 officer'
	ok $? "$B: officer olga"
	H1=$("$TOOL" hold "$C" "$(msg "$D" h1)" case@kommune.example bob@citizen.example carl@citizen.example)
	H2=$("$TOOL" hold "$C" "$(msg "$D" h2)" case@kommune.example dora@citizen.example)
	H3=$("$TOOL" hold "$C" "$(msg "$D" h3)" case@kommune.example erik@citizen.example)
	[ -n "$H1" ] && [ -n "$H2" ] && [ -n "$H3" ]
	ok $? "$B: three messages held"

	later=$(( $(date +%s) + 86400 ))
	link=$("$TOOL" link "$C" "$H1" "$later")
	url=$(grep -o "$U/request?t=[A-Za-z0-9._-]*" <<<"$link")
	grep -q '^To ask for its release, say why here' <<<"$link" && [ -n "$url" ]
	ok $? "$B: the hold notice's line carries console_url's link" "$link"
	tok=${url#*t=}

	start_web "$C" "$D/web.log"

	# ---- the page: no content, the sender's language
	st=$(curl -s -c "$D/jar" -b "$D/jar" -o "$D/p1" -w '%{http_code}' -H 'Accept-Language: fr-FR, en;q=0.5' "$url")
	[ "$st" = 200 ] && grep -q 'is held for review' "$D/p1" && grep -q ' 2 recipients' "$D/p1" &&
	    grep -q '<html lang="en"' "$D/p1" && grep -q '<textarea' "$D/p1"
	ok $? "$B: GET with a valid link: the form, 'held for review' and the number of recipients" "$st"
	! grep -q -i -e 'Sag om' -e 'XXXX' -e 'Bodytext' -e 'citizen.example' -e 'kommune.example' \
	    -e "$H2" "$D/p1" && ! in_clear "$D/p1"
	ok $? "$B: the page shows nothing of the message (subject, addresses, text)"
	curl -s -o "$D/p1da" -H 'Accept-Language: da-DK,da;q=0.9' "$url"
	curl -s -o "$D/p1sv" -H 'Accept-Language: sv' "$url"
	grep -q '<html lang="da"' "$D/p1da" && grep -q 'er tilbageholdt til kontrol' "$D/p1da" &&
	    grep -q '<html lang="sv"' "$D/p1sv" && grep -q 'är spärrat för granskning' "$D/p1sv"
	ok $? "$B: the page in Danish and Swedish by Accept-Language"

	# ---- posting
	csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$D/p1")
	st=$(curl -s -o "$D/p2" -w '%{http_code}' --data "t=$tok" --data "csrf=$csrf" \
	    --data-urlencode "text=no cookie" "$U/request")
	[ "$st" = 403 ] && [ "$(sql "SELECT count(*) FROM release_request")" = 0 ]
	ok $? "$B: POST without the form's cookie: 403, nothing stored" "$st"
	st=$(curl -s -c "$D/jar" -b "$D/jar" -o "$D/p3" -w '%{http_code}' --data "t=$tok" \
	    --data "csrf=$csrf" --data-urlencode "text=   " "$U/request")
	[ "$st" = 400 ] && [ "$(sql "SELECT count(*) FROM release_request")" = 0 ]
	ok $? "$B: POST without a reason: 400, nothing stored" "$st"
	csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$D/p3")
	st=$(curl -s -c "$D/jar" -b "$D/jar" -o "$D/p4" -w '%{http_code}' --data "t=$tok" \
	    --data "csrf=$csrf" --data-urlencode "text=The court asked for it (case 17, CPR $N1).
Please send it." "$U/request")
	stored=$(sql "SELECT text FROM release_request WHERE held_id = '$H1'")
	[ "$st" = 200 ] && grep -q 'Your request was sent' "$D/p4" &&
	    grep -q 'The court asked for it (case 17, CPR 070761-XXXX).' <<<"$stored" &&
	    grep -q '^Please send it.$' <<<"$stored"
	ok $? "$B: POST with a reason: 200, stored with the number masked and its lines" "$st"
	rec=$(sql "SELECT auth_user || '|' || sender || '|' || detail FROM audit WHERE action = 'release-requested'")
	[ "$rec" = "||console held=$H1" ]
	ok $? "$B: one audit record release-requested naming the held ID and nothing else" "$rec"
	st=$(curl -s -c "$D/jar" -b "$D/jar" -o "$D/p5" -w '%{http_code}' "$url")
	st2=$(curl -s -c "$D/jar" -b "$D/jar" -o "$D/p6" -w '%{http_code}' --data "t=$tok" \
	    --data "csrf=$csrf" --data-urlencode "text=second try" "$U/request")
	[ "$st" = 409 ] && [ "$st2" = 409 ] && grep -q 'requested already' "$D/p5" &&
	    [ "$(sql "SELECT count(*) FROM release_request")" = 1 ] &&
	    [ "$(sql "SELECT count(*) FROM audit WHERE action = 'release-requested'")" = 1 ]
	ok $? "$B: the link used: GET and POST answer 409 'requested already', nothing more stored" "$st $st2"

	# ---- the officer sees it
	login olga 'Secret-1 officer' "$D/olga" >/dev/null
	curl -s -b "$D/olga" -o "$D/m1" "$U/quarantine/message?id=$H1"
	grep -q 'The sender asks for release' "$D/m1" &&
	    grep -q 'The court asked for it (case 17, CPR 070761-XXXX).<br>Please send it.' "$D/m1" &&
	    ! in_clear "$D/m1"
	ok $? "$B: the message page shows the sender's reason, masked"
	curl -s -b "$D/olga" -o "$D/m2" "$U/quarantine/message?id=$H2"
	! grep -q 'The sender asks for release' "$D/m2"
	ok $? "$B: a message without a request shows none"

	# ---- bad links
	bad=${tok%?}; [ "${tok: -1}" = A ] && bad="${bad}B" || bad="${bad}A"
	st=$(curl -s -o "$D/b1" -w '%{http_code}' "$U/request?t=$bad")
	[ "$st" = 403 ] && grep -q 'This link is not valid' "$D/b1"
	ok $? "$B: a tampered link (MAC changed): 403" "$st"
	st=$(curl -s -o "$D/b2" -w '%{http_code}' "$U/request?t=$H2.${tok#*.}")
	[ "$st" = 403 ]; ok $? "$B: another message's ID with this link's MAC: 403" "$st"
	st=$(curl -s -o "$D/b3" -w '%{http_code}' "$U/request?t=$H2.$((later + 1)).${tok##*.}")
	[ "$st" = 403 ]; ok $? "$B: a later expiry with the same MAC: 403" "$st"
	otok=$("$TOOL" link "$D/other.conf" "$H2" "$later" | grep -o 't=[A-Za-z0-9._-]*' | cut -c3-)
	st=$(curl -s -o "$D/b4" -w '%{http_code}' "$U/request?t=$otok")
	[ -n "$otok" ] && [ "$st" = 403 ]
	ok $? "$B: a link made with another installation's key: 403" "$st"
	etok=$("$TOOL" link "$C" "$H2" "$(( $(date +%s) - 60 ))" | grep -o 't=[A-Za-z0-9._-]*' | cut -c3-)
	st=$(curl -s -o "$D/b5" -w '%{http_code}' "$U/request?t=$etok")
	[ "$st" = 410 ] && grep -q 'This link has expired' "$D/b5"
	ok $? "$B: an expired link: 410" "$st"
	ntok=$("$TOOL" link "$C" NoSuchHeldMessage0123456789abcd "$later" | grep -o 't=[A-Za-z0-9._-]*' | cut -c3-)
	st=$(curl -s -o "$D/b6" -w '%{http_code}' "$U/request?t=$ntok")
	[ "$st" = 410 ] && grep -q 'no longer held' "$D/b6"
	ok $? "$B: a genuine link for a message no longer stored: 410" "$st"
	# H3 refused by an officer: its link is of no use any more
	t3=$("$TOOL" link "$C" "$H3" "$later" | grep -o 't=[A-Za-z0-9._-]*' | cut -c3-)
	oc=$(csrf "$D/olga")
	curl -s -b "$D/olga" -o /dev/null --data "csrf=$oc" --data "id=$H3" --data "action=delete" \
	    --data-urlencode "reason=Sent by mistake" "$U/quarantine/decide"
	st=$(curl -s -o "$D/b7" -w '%{http_code}' "$U/request?t=$t3")
	[ "$st" = 410 ] && grep -q 'decided on already' "$D/b7"
	ok $? "$B: a link for a message decided already: 410" "$st"

	# ---- the rate limit (12 attempts per address): bad links, then even a good one
	for _ in $(seq 1 12); do curl -s -o /dev/null "$U/request?t=$bad"; done
	t2=$("$TOOL" link "$C" "$H2" "$later" | grep -o 't=[A-Za-z0-9._-]*' | cut -c3-)
	st=$(curl -s -o "$D/b8" -w '%{http_code}' "$U/request?t=$t2")
	[ "$st" = 429 ] && grep -q 'Too many attempts' "$D/b8"
	ok $? "$B: after too many attempts from one address: 429, even for a good link" "$st"

	stop_web
	leaks=""
	for f in "$D"/p* "$D"/m* "$D"/b* "$D/web.log"; do in_clear "$f" && leaks="$leaks $(basename "$f")"; done
	[ -z "$leaks" ]; ok $? "$B: no page and not sealweb's log holds the number in clear" "$leaks"
	! grep -q -e 'Sanitizer' -e 'runtime error' "$D/web.log"
	ok $? "$B: sealweb ran and stopped without a sanitizer report"
	! sql "SELECT * FROM audit" | in_clear && ! sql "SELECT * FROM release_request" | in_clear
	ok $? "$B: the audit log and the stored request never hold the number"
	out=$("$CTL" -c "$C" audit verify 2>&1)
	ok $? "$B: the audit chain holds after the request's record" "$out"
}

web_each_backend suite
echo "1..$n"
exit $fails
