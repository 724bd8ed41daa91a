#!/bin/bash
# t-sealweb-request-audit.sh - sealweb's start and the sender's release
# request against failures of the store, over HTTP (curl), with an SQLite
# store filled through its own interface (tests/tools/seal_store_tool):
#   - at start sealweb warns, naming file and line, when console_url is set
#     without fingerprint_key_file (hold notices then carry no link), and
#     says nothing of it when the key is there;
#   - the audit record of a request is written before the request: when
#     the record fails (an SQLite trigger refuses it) the sender gets 503
#     and nothing is stored, and may try again; when storing the request
#     fails after the record, the log holds the attempt; never a stored
#     request without its record.
# Output: TAP. Needs curl, python3, sqlite3.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
# shellcheck source=sealweb-lib.sh
. "$top_srcdir/tests/sealweb-lib.sh"
web_need curl python3 sqlite3
web_need_built "$WEB" "$CTL" "$TOOL"
web_tmp t-sealweb-ra
PORT=$(free_port)
U=http://127.0.0.1:$PORT
C=$T/seal.conf
web_conf "$C" "sqlite:$T/seal.db" "$T" "$PORT" <<EOC
language = en
console_url = $U/
EOC
web_officer "$C" olga officer 'Secret-1 officer'
ok $? "officer olga"

# ---- the warning at start
grep -v '^fingerprint_key_file\|^store' "$C" >"$T/nokey.conf"
line=$(grep -n '^console_url' "$T/nokey.conf" | cut -d: -f1)
timeout 30 "$WEB" -f -c "$T/nokey.conf" >"$T/nokey.out" 2>&1 </dev/null
rc=$?
grep -qF "sealweb: warning: $T/nokey.conf:$line: console_url: set, but fingerprint_key_file is not: hold notices carry no release-request link" "$T/nokey.out"
ok $? "console_url without fingerprint_key_file: sealweb warns at start, naming file:line (exit $rc)" \
    "$(cat "$T/nokey.out")"

msg() {	# msg NAME: a message with a (synthetic) CPR number
	printf 'From: case@kommune.example\nTo: bob@citizen.example\nSubject: x\n\nCPR 070761-4285 %s\n' \
	    "$1" >"$T/$1.eml"
	echo "$T/$1.eml"
}
H1=$("$TOOL" hold "$C" "$(msg h1)" case@kommune.example bob@citizen.example)
H2=$("$TOOL" hold "$C" "$(msg h2)" case@kommune.example carl@citizen.example)
[ -n "$H1" ] && [ -n "$H2" ]; ok $? "two messages held"

start_web "$C"
! grep -q 'console_url' "$T/web.log"
ok $? "with fingerprint_key_file set sealweb says nothing of console_url" "$(cat "$T/web.log")"

sql() { sqlite3 -cmd '.timeout 5000' "$T/seal.db" "$1"; }
records() { sql "SELECT count(*) FROM audit WHERE action = 'release-requested' AND detail LIKE '%held=$1'"; }
requests() { sql "SELECT count(*) FROM release_request WHERE held_id = '$1'"; }
later=$(( $(date +%s) + 86400 ))
post() {	# post HELD-ID NAME -> status of a POST of the form (after its GET)
	local url tok csrf
	url=$("$TOOL" link "$C" "$1" "$later" | grep -o "$U/request?t=[A-Za-z0-9._-]*")
	tok=${url#*t=}
	curl -s -c "$T/jar.$2" -b "$T/jar.$2" -o "$T/form.$2" "$url"
	csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/form.$2")
	curl -s -c "$T/jar.$2" -b "$T/jar.$2" -o "$T/page.$2" -w '%{http_code}' --data "t=$tok" \
	    --data "csrf=$csrf" --data-urlencode "text=Needed by the court." "$U/request"
}

# ---- the audit record cannot be written: nothing is stored
sql "CREATE TRIGGER no_audit BEFORE INSERT ON audit WHEN NEW.action = 'release-requested'
     BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END;"
st=$(post "$H1" a)
[ "$st" = 503 ] && [ "$(requests "$H1")" = 0 ] && [ "$(records "$H1")" = 0 ]
ok $? "audit record refused: 503, and no request stored" "$st $(requests "$H1") $(records "$H1")"
grep -q "release request for $H1 not stored: its audit record could not be written" "$T/web.log"
ok $? "sealweb's log says the request was not stored and why"
sql "DROP TRIGGER no_audit"
st=$(post "$H1" b)
[ "$st" = 200 ] && [ "$(requests "$H1")" = 1 ] && [ "$(records "$H1")" = 1 ]
ok $? "the store back: the sender tries again, 200, the request and one record" \
    "$st $(requests "$H1") $(records "$H1")"

# ---- the request cannot be stored after its record: the log holds the attempt
sql "CREATE TRIGGER no_request BEFORE INSERT ON release_request
     BEGIN SELECT RAISE(ABORT, 'request refused by the test'); END;"
st=$(post "$H2" c)
[ "$st" = 503 ] && [ "$(requests "$H2")" = 0 ] && [ "$(records "$H2")" = 1 ]
ok $? "request refused after its record: 503, the attempt in the audit log" \
    "$st $(requests "$H2") $(records "$H2")"
sql "DROP TRIGGER no_request"
orphans=$(sql "SELECT count(*) FROM release_request r WHERE NOT EXISTS (SELECT 1 FROM audit a
    WHERE a.action = 'release-requested' AND a.detail LIKE '%held=' || r.held_id)")
[ "$orphans" = 0 ]; ok $? "no stored request lacks its audit record" "$orphans"
out=$("$CTL" -c "$C" audit verify 2>&1)
ok $? "the audit chain holds" "$out"
stop_web
echo "1..$n"
exit $fails
