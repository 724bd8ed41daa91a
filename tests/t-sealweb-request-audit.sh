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
WEB=$top_builddir/web/sealweb
CTL=$top_builddir/ctl/sealctl
TOOL=$top_builddir/tests/tools/seal_store_tool
for prog in curl python3 sqlite3; do
	command -v $prog >/dev/null 2>&1 || { echo "Bail out! $prog not installed"; exit 1; }
done
for b in "$WEB" "$CTL" "$TOOL"; do [ -x "$b" ] || { echo "Bail out! $b not built"; exit 1; }; done
T=$(mktemp -d "${TMPDIR:-/tmp}/t-sealweb-ra.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
PID=""
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null
	[ -n "${SEAL_KEEP_TMP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
n=0; fails=0
ok() {	# ok STATUS DESCRIPTION [DIAG] (diagnostics masked: a leak must not spread)
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed -E 's/[0-9]{6}-?[0-9]{4}/NNNNNN-NNNN/g; s/^/# /'
		fails=1
	fi
}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
U=http://127.0.0.1:$PORT
head -c 32 /dev/urandom >"$T/fp.key" && chmod 600 "$T/fp.key"
C=$T/seal.conf
cat >"$C" <<EOC
store = sqlite:$T/seal.db
quarantine_dir = $T/q
fingerprint_key_file = $T/fp.key
language = en
console_listen = 127.0.0.1:$PORT
console_url = $U/
officers_file = $T/officers
EOC
echo 'Secret-1 officer' | "$CTL" -c "$C" officer add olga --role officer 2>/dev/null
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

"$WEB" -f -c "$C" 2>>"$T/web.log" &
PID=$!
i=0; until curl -s -o /dev/null "$U/login"; do i=$((i+1)); [ $i -gt 100 ] && break; sleep 0.2; done
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
kill "$PID"; wait "$PID" 2>/dev/null; PID=""
echo "1..$n"
exit $fails
