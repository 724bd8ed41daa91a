#!/bin/bash
# t-store-pg.sh - the store's PostgreSQL backend (src/store/store_pg.c) against a
# throwaway PostgreSQL server started here: the store unit tests
# (tests/unit/test_store) run again with SEAL_STORE_SPEC pointing at it,
# then a few cases of our own. A missing server binary is an install bug:
# Bail out, never skip.
#
# One TAP stream: the unit binary's cases are renumbered into ours and the
# plan counts both. Needs root (initdb runs as the postgres user); the
# server listens on 127.0.0.1 and a socket in the temporary directory, and
# is stopped at exit. SEAL_PGBIN: the server's bin directory (default: the
# last /usr/lib/postgresql/*/bin with an initdb); SEAL_KEEP=1 keeps the
# temporary directory.
set -u

: "${top_builddir:?}" "${top_srcdir:?}"
# shellcheck source=integration/lib.sh
. "$top_srcdir/tests/integration/lib.sh"

UNIT=$top_builddir/tests/unit/test_store
# Debian installs the server outside PATH, one directory per major version.
PGBIN=${SEAL_PGBIN:-}
if [ -z "$PGBIN" ]; then
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && PGBIN=$d
	done
fi

[ "$(id -u)" = 0 ] || bail_out "needs root (initdb runs as user postgres)"
for t in initdb pg_ctl; do
	if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/$t" ]; then
		bail_out "PostgreSQL server $t not installed (package postgresql, contrib/install-deps.sh)"
	fi
done
for t in psql runuser; do
	command -v "$t" >/dev/null 2>&1 || bail_out "$t not installed (contrib/install-deps.sh)"
done
id postgres >/dev/null 2>&1 || bail_out "no postgres user (package postgresql, contrib/install-deps.sh)"
[ -x "$UNIT" ] || bail_out "$UNIT not built"

tmp=$(mktemp -d /tmp/seal-pg.XXXXXX) || bail_out "mktemp"
PG_UP=0
pg() { runuser -u postgres -- "$PGBIN/$1" "${@:2}"; }
cleanup() {
	[ "$PG_UP" = 1 ] && pg pg_ctl -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1
	[ "${SEAL_KEEP:-0}" = 1 ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---------------------------------------------------------------- the server

chown postgres: "$tmp"
PORT=$(seal_free_port 11) || bail_out "no free port"
if ! pg initdb -D "$tmp/data" -U postgres -A trust -E UTF8 --no-locale >"$tmp/initdb.log" 2>&1; then
	diag_file "$tmp/initdb.log" 20
	bail_out "initdb failed"
fi
if ! pg pg_ctl -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
	-o "-p $PORT -k $tmp -c listen_addresses=127.0.0.1 -c log_statement=all \
	-c log_parameter_max_length=0 -c log_parameter_max_length_on_error=0" \
	start >"$tmp/pg_ctl.log" 2>&1; then
	diag_file "$tmp/server.log" 20
	bail_out "PostgreSQL did not start"
fi
PG_UP=1
psql_seal() { psql -X -q -At -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }
psql_seal -d postgres -c 'CREATE DATABASE seal' >"$tmp/createdb.log" 2>&1 ||
	{ diag_file "$tmp/createdb.log" 10; bail_out "CREATE DATABASE failed"; }
SPEC=postgresql://postgres@127.0.0.1:$PORT/seal

# ---------------------------------------------------------------- the unit tests

# run_unit FILE: the unit binary against $SPEC, TAP into FILE, status in $rc.
run_unit() {
	SEAL_STORE_SPEC=$SPEC "$UNIT" >"$1" 2>>"$tmp/unit.err"
	rc=$?
}

# Re-emits the binary's ok/not ok lines under our numbers; its plan is checked.
relay_tap() {
	local line desc plan=0 seen=0
	while IFS= read -r line; do
		desc=$(printf '%s\n' "$line" | sed -E 's/^(not )?ok [0-9]* ?(- )?//')
		case $line in
		"ok "*) seen=$((seen + 1)); ok "test_store: $desc" ;;
		"not ok "*) seen=$((seen + 1)); not_ok "test_store: $desc" ;;
		1..*) plan=${line#1..}; plan=${plan%% *} ;;
		"Bail out!"*) bail_out "test_store: ${line#Bail out!}" ;;
		"#"*) echo "$line" ;;
		esac
	done <"$1"
	if [ "$plan" -gt 0 ] && [ "$seen" = "$plan" ]; then
		ok "test_store ran all $plan planned cases"
	else
		not_ok "test_store ran $seen cases, planned ${plan:-none}"
	fi
}

run_unit "$tmp/unit.tap"
relay_tap "$tmp/unit.tap"
if [ "$rc" = 0 ]; then ok "test_store against PostgreSQL: exit 0"; else not_ok "test_store against PostgreSQL: exit $rc, want 0"; diag_file "$tmp/unit.err" 20; fi

# The binary must really have used the server (each of its cases drops the
# schema, so the log, not the tables, shows what happened): the statements
# are logged without their values.
for want in "migrations under the advisory lock:pg_advisory_xact_lock" \
	"appends under the chain-head lock:FROM audit_meta WHERE k = 1 FOR UPDATE" \
	"held messages stored:INSERT INTO held (" \
	"atomic held-message transitions:UPDATE held SET state"; do
	n=$(grep -cF -- "${want#*:}" "$tmp/server.log")
	if [ "$n" -gt 0 ]; then ok "server log: ${want%%:*} ($n)"; else not_ok "server log: no ${want%%:*}"; fi
done
# Values travel as parameters, never inside SQL text: were one spliced in,
# the held message's number would be in the statement log.
if grep -qE '170583[-+ ]?1889' "$tmp/server.log"; then
	not_ok "server log: no identity number in any statement"
else
	ok "server log: no identity number in any statement"
fi

# ---------------------------------------------------------------- sealctl consent

# The consent commands against this server (the same script runs on SQLite
# in its own right): its TAP lines renumbered into ours.
# A database of its own: the unit cases leave their last rows in seal.
psql_seal -d postgres -c 'CREATE DATABASE sealconsent' >"$tmp/createdb2.log" 2>&1 ||
	{ diag_file "$tmp/createdb2.log" 10; bail_out "CREATE DATABASE sealconsent failed"; }
SEAL_CONSENT_SPEC=postgresql://postgres@127.0.0.1:$PORT/sealconsent top_srcdir=$top_srcdir top_builddir=$top_builddir \
	bash "$top_srcdir/tests/t-sealctl-consent.sh" >"$tmp/consent.tap" 2>&1
crc=$?
while IFS= read -r line; do
	desc=$(printf '%s\n' "$line" | sed -E 's/^(not )?ok [0-9]* ?(- )?//')
	case $line in
	"ok "*) ok "sealctl consent: $desc" ;;
	"not ok "*) not_ok "sealctl consent: $desc" ;;
	"#"*) echo "$line" ;;
	esac
done <"$tmp/consent.tap"
if [ "$crc" = 0 ]; then ok "sealctl consent against PostgreSQL: exit 0"; else not_ok "sealctl consent against PostgreSQL: exit $crc"; diag_file "$tmp/consent.tap" 20; fi

# ---------------------------------------------------------------- server stopped

# Stopped server: every case fails, as an error the binary reports (exit 1,
# TAP written to the end), not a crash or a hang. (Each case's set-up
# connects first to empty the schema, so it is that connection that fails.)
pg pg_ctl -D "$tmp/data" -m fast -w stop >/dev/null 2>&1 && PG_UP=0
t0=$(date +%s)
run_unit "$tmp/down.tap"
secs=$(( $(date +%s) - t0 ))
diag "server stopped: test_store exit $rc after $secs s"
if [ "$rc" = 1 ]; then ok "server stopped: test_store exits 1"; else not_ok "server stopped: test_store exit $rc, want 1"; fi
if grep -q '^1\.\.' "$tmp/down.tap" && grep -q '^not ok' "$tmp/down.tap"; then
	ok "server stopped: the cases fail and report (TAP complete)"
else
	not_ok "server stopped: no complete TAP from test_store"
	diag_file "$tmp/down.tap" 10
fi
if grep -qiE 'signal|core dump|crash' "$tmp/down.tap"; then
	not_ok "server stopped: no case died of a signal"
	diag_file "$tmp/down.tap" 10
else
	ok "server stopped: no case died of a signal"
fi
if [ "$secs" -lt 60 ]; then ok "server stopped: answers in $secs s"; else not_ok "server stopped: took $secs s"; fi

# Sanitizer builds report on stderr.
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/unit.err" 2>/dev/null; then
	not_ok "no sanitizer reports"
	diag_file "$tmp/unit.err" 30
else
	ok "no sanitizer reports"
fi

done_testing
[ "$SEAL_TAP_FAILED" -eq 0 ]
