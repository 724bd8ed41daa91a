#!/bin/bash
# bench_console.sh - the web console (sealweb) over HTTP against a large
# store: the quarantine list with HELD held messages and the audit search
# and overview over RECORDS audit records, median of REPEAT requests each,
# timed by curl (time_total, loopback, one request at a time).
#
# Usage (after `make` and `make bench`; as root for PostgreSQL):
#   contrib/bench/bench_console.sh [-b BUILDDIR] [-n RECORDS] [-H HELD] [-r REPEAT]
#                                  [-B BACKENDS] [-S SQLITE_DB -K KEYFILE]
# -S and -K time again against an SQLite store filled by an earlier run
# (kept with SEAL_KEEP=1): no fill, SQLite only.
#
# For each backend (-B "sqlite postgresql", the default):
#   - the audit log is filled with RECORDS (1000000) synthetic records by
#     bench_store fill (bulk SQL, chained as appends chain them: 180 days,
#     2000 senders, 5 % carry the fingerprint of the synthetic test number
#     170583-1889; then counted by the store's migration to schema 5, as on
#     an upgraded installation);
#   - HELD (100000) held messages are inserted as rows directly (SQL, no
#     content: the list never reads it), spread over 30 days;
#   - sealweb starts on a free loopback port, an officer signs in, and each
#     page is asked for eight times to warm up (each of sealweb's threads
#     opens its own store on first use), then REPEAT (9) times:
#       quarantine          GET /quarantine (page 1 of HELD / 50)
#       quarantine-deep     GET /quarantine?page=1000 (OFFSET 49950)
#       quarantine-sender   GET /quarantine?sender=... (one sender's 50)
#       audit-newest        POST /audit, no filter (the newest 50)
#       audit-sender        POST /audit sender=... (one of 2000 senders)
#       audit-number        POST /audit number=170583-1889 (50,000 hits;
#                           fingerprinted in the server, an audit record
#                           written per search)
#       audit-number-absent the same for a number in no record
#       overview-30, overview-90, overview-180
#                           GET /overview?days=30|90|180
#       metrics             GET /metrics (counts over the whole log)
# Targets (issue 13): list and search under 300 ms, overview 180 d under 1 s.
# One line per figure: op=NAME backend=B median_ms= min_ms= max_ms= runs=
# sealweb_cpu_ms= (sealweb's user + system CPU per request, from /proc:
# what the page costs whatever else the machine runs; for SQLite that
# includes the database work, for PostgreSQL not the server's).
# SQLite gets no ANALYZE (the store never runs it); PostgreSQL VACUUM
# ANALYZE after the load, as autovacuum would.
# Everything lives in one temp dir removed at exit (SEAL_KEEP=1 keeps it).
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$BENCH_DIR/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
RECORDS=1000000
HELD=100000
REPEAT=9
BACKENDS="sqlite postgresql"
NUMBER=170583-1889      # synthetic (tests/data/vectors.tsv): in 5 % of the records
ABSENT=070761-4285      # synthetic, in no record: a person's usual few records cost less

REUSE_DB=""
REUSE_KEY=""
while getopts b:n:H:r:B:S:K:h opt; do
	case $opt in
	b) top_builddir=$(cd "$OPTARG" && pwd) || exit 64 ;;
	n) RECORDS=$OPTARG ;;
	H) HELD=$OPTARG ;;
	r) REPEAT=$OPTARG ;;
	B) BACKENDS=$OPTARG ;;
	S) REUSE_DB=$OPTARG; BACKENDS=sqlite ;;
	K) REUSE_KEY=$OPTARG ;;
	*) sed -n '7,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64 ;;
	esac
done
for v in "$RECORDS" "$HELD" "$REPEAT"; do
	case $v in
	'' | *[!0-9]* | 0) echo "$0: -n, -H and -r take whole numbers > 0" >&2; exit 64 ;;
	esac
done
export top_srcdir top_builddir
BIN=$top_builddir/contrib/bench/bench_store
WEB=$top_builddir/web/sealweb
CTL=$top_builddir/ctl/sealctl
for b in "$BIN" "$WEB" "$CTL"; do
	[ -x "$b" ] || { echo "$0: $b missing: make && make bench" >&2; exit 1; }
done
for prog in curl sqlite3 python3; do
	command -v $prog >/dev/null || { echo "$0: $prog not installed" >&2; exit 1; }
done
# seal_pg_start, seal_pg_stop, seal_free_port
. "$top_srcdir/tests/integration/lib.sh"

T=$(mktemp -d /tmp/seal-bench-console.XXXXXX) || exit 1
chmod 0755 "$T"
PG_STARTED=0
WEB_PID=""
cleanup()
{
	local rc=$?
	[ -n "$WEB_PID" ] && kill "$WEB_PID" 2>/dev/null && wait "$WEB_PID" 2>/dev/null
	[ "$PG_STARTED" = 1 ] && seal_pg_stop
	if [ -n "${SEAL_KEEP:-}" ]; then echo "# kept $T" >&2; else rm -rf "$T"; fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
KEY=$T/fingerprint.key
if [ -n "$REUSE_DB" ]; then
	[ -f "$REUSE_DB" ] && [ -f "$REUSE_KEY" ] || { echo "$0: -S needs -K, both files" >&2; exit 64; }
	KEY=$REUSE_KEY
else
	(umask 077 && head -c 32 /dev/urandom >"$KEY") || exit 1
fi

echo "sealweb benchmark: $HELD held messages, $RECORDS audit records; median of $REPEAT"
echo "requests each over loopback (curl time_total), after eight to warm up."
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# The held rows, as SQL for either database: N rows of 32-character IDs.
held_sql_sqlite()
{
	cat <<EOS
BEGIN;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $HELD)
INSERT INTO held (id, time, relay, queue_id, message_id, auth_user, sender, reason, findings,
	subject, state, officer, officer_reason, size)
SELECT printf('bench%027d', i), CAST(strftime('%s', 'now') AS INTEGER) - i * 2592 / ($HELD / 1000 + 1),
	'mx1.kommune.example', printf('Q%011d', i), printf('<%d@kommune.example>', i), '',
	printf('m%04d@kommune.example', i % 2000), 'classified, no key: borger@citizen.example',
	'CPR 170583-XXXX (body)', 'Sag ' || i, 'held', NULL, NULL, 10240 FROM c;
INSERT INTO held_rcpt (held_id, seq, address)
	SELECT id, 0, 'borger@citizen.example' FROM held WHERE id LIKE 'bench%';
COMMIT;
EOS
}

held_sql_pg()
{
	cat <<EOS
INSERT INTO held (id, time, relay, queue_id, message_id, auth_user, sender, reason, findings,
	subject, state, officer, officer_reason, size)
SELECT 'bench' || lpad(i::text, 27, '0'), extract(epoch FROM now())::bigint - i * 2592 / ($HELD / 1000 + 1),
	'mx1.kommune.example', 'Q' || lpad(i::text, 11, '0'), '<' || i || '@kommune.example>', '',
	'm' || lpad((i % 2000)::text, 4, '0') || '@kommune.example',
	'classified, no key: borger@citizen.example', 'CPR 170583-XXXX (body)', 'Sag ' || i, 'held',
	NULL, NULL, 10240 FROM generate_series(1, $HELD) i;
INSERT INTO held_rcpt (held_id, pos, address)
	SELECT id, 0, 'borger@citizen.example' FROM held WHERE id LIKE 'bench%';
VACUUM ANALYZE;
EOS
}

median()	# median of the numbers on stdin (seconds) -> "median_ms= min_ms= max_ms="
{
	sort -g | awk '{ v[NR] = $1 * 1000 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "median_ms=%.1f min_ms=%.1f max_ms=%.1f", m, v[1], v[NR] }'
}

U=""
JAR=$T/jar
token() { curl -s -b "$JAR" "$U/" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -n 1 | cut -d'"' -f4; }

timed()	# timed NAME BACKEND CURL-ARGS...: warm up, then REPEAT timed requests
{
	local name=$1 be=$2 code
	shift 2
	# sealweb's threads each open their own store on first use: warm them all.
	for _ in 1 2 3 4 5 6 7; do curl -s -b "$JAR" -o /dev/null "$@"; done
	code=$(curl -s -b "$JAR" -o "$T/page" -w '%{http_code}' "$@")
	if [ "$code" != 200 ]; then
		echo "op=$name backend=$be FAILED: HTTP $code"
		failed=1
		return
	fi
	cpu0=$(web_cpu)
	for _ in $(seq 1 "$REPEAT"); do
		curl -s -b "$JAR" -o /dev/null -w '%{time_total}\n' "$@"
	done | median | sed "s/^/op=$name backend=$be /; s/\$/ runs=$REPEAT/"
	awk -v a="$cpu0" -v b="$(web_cpu)" -v hz="$(getconf CLK_TCK)" -v r="$REPEAT" \
		'BEGIN { printf " sealweb_cpu_ms=%.0f\n", (b - a) * 1000 / hz / r }'
}

web_cpu()	# sealweb's user + system CPU so far, in clock ticks
{
	awk '{ print $14 + $15 }' "/proc/$WEB_PID/stat"
}

backend()	# backend NAME SPEC: fill, start sealweb, time the pages
{
	local name=$1 spec=$2 conf=$T/$1.conf port t0 tok
	port=$(seal_free_port 9) || return 1
	U=http://127.0.0.1:$port
	cat >"$conf" <<EOC
store = $spec
quarantine_dir = $T/$name-q
fingerprint_key_file = $KEY
console_listen = 127.0.0.1:$port
officers_file = $T/$name.officers
console_session_idle = 3600
EOC
	echo 'Bench-secret-1' | "$CTL" -c "$conf" officer add bench --role officer >/dev/null 2>&1 ||
		{ echo "officer add failed"; return 1; }
	t0=$(date +%s)
	if [ -n "$REUSE_DB" ]; then
		echo "reusing $REUSE_DB: $(sqlite3 "$REUSE_DB" 'SELECT count(*) FROM audit') audit records," \
			"$(sqlite3 "$REUSE_DB" "SELECT count(*) FROM held WHERE state = 'held'") held"
	elif ! "$BIN" -s "$spec" -q "$T/$name-q" -k "$KEY" fill "$RECORDS" 0 | sed 's/^/fill: /'; then
		return 1
	elif [ "$name" = sqlite ]; then
		held_sql_sqlite | sqlite3 "${spec#sqlite:}" || return 1
	else
		held_sql_pg | psql -q -h 127.0.0.1 -p "$SEAL_PG_PORT" -U postgres -d seal >/dev/null ||
			return 1
	fi
	echo "filled in $(($(date +%s) - t0)) s"
	"$WEB" -f -c "$conf" 2>"$T/$name-web.log" &
	WEB_PID=$!
	for _ in $(seq 1 100); do curl -s -o /dev/null "$U/login" && break; sleep 0.2; done
	curl -s -c "$JAR" -b "$JAR" -o "$T/login.html" "$U/login"
	tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/login.html")
	curl -s -c "$JAR" -b "$JAR" -o /dev/null --data "name=bench" \
		--data-urlencode "password=Bench-secret-1" --data "csrf=$tok" "$U/login"
	tok=$(token)
	timed quarantine "$name" "$U/quarantine"
	timed quarantine-deep "$name" "$U/quarantine?page=1000"
	timed quarantine-sender "$name" "$U/quarantine?sender=m0042%40kommune.example"
	timed audit-newest "$name" --data "csrf=$tok" "$U/audit"
	timed audit-sender "$name" --data "csrf=$tok" --data "sender=m0042%40kommune.example" "$U/audit"
	timed audit-number "$name" --data "csrf=$tok" --data "number=$NUMBER" "$U/audit"
	timed audit-number-absent "$name" --data "csrf=$tok" --data "number=$ABSENT" "$U/audit"
	timed overview-30 "$name" "$U/overview?days=30"
	timed overview-90 "$name" "$U/overview?days=90"
	timed overview-180 "$name" "$U/overview?days=180"
	timed metrics "$name" "$U/metrics"
	kill "$WEB_PID"; wait "$WEB_PID" 2>/dev/null; WEB_PID=""
	if grep -q -e "$NUMBER" -e "${NUMBER//-/}" "$T/$name-web.log"; then
		echo "sealweb's log holds the number: FAILED"
		failed=1
	fi
}

failed=0
for be in $BACKENDS; do
	echo "== $be"
	if [ "$be" = sqlite ]; then
		backend sqlite "sqlite:${REUSE_DB:-$T/seal.db}" || failed=1
	elif [ "$(id -u)" != 0 ]; then
		echo "skipped: needs root (the PostgreSQL server runs as user postgres)"
		failed=1
	else
		PG_STARTED=1
		if seal_pg_start "$T/pg"; then
			backend postgresql "$SEAL_PG_URI" || failed=1
		else
			echo "the PostgreSQL server did not start"
			failed=1
		fi
	fi
	echo
done
exit $failed
