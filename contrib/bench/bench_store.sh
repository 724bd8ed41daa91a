#!/bin/bash
# bench_store.sh - the store under load, in each backend: held messages per
# second, audit appends per second, and `sealctl audit search --id` over a
# million audit records.
#
# Usage (as root, for the PostgreSQL server; after `make` and `make bench`):
#   contrib/bench/bench_store.sh [-b BUILDDIR] [-n RECORDS] [-r REPEAT] [-H HOLDS] [-B BACKENDS]
#
# For each backend (-B "sqlite postgresql", the default) the program
# bench_store (`make bench`)
#   - holds HOLDS (2000) messages of 10 KB, each durable before the next,
#     from one thread, then from 4 threads with a connection each;
#   - fills the audit log to RECORDS (1000000) records: the first 2000
#     through seal_store_audit_append (timed), the rest bulk-loaded with SQL
#     (COPY for PostgreSQL), chained as appends chain them; 5 % of them carry
#     the fingerprint of the synthetic test number 170583-1889;
#   - times seal_store_audit_search for that number's fingerprint REPEAT (50)
#     times with sealctl's default limit of 1000, and with limit 0 (all);
#   - verifies the whole chain (seal_store_audit_verify, timed);
# and `echo 170583-1889 | sealctl audit search --id -` runs once end to end (with
# and without --limit 0), timed with `time`, output discarded.
# SQLite lives in the temp dir; PostgreSQL is a throwaway server
# (tests/integration/lib.sh seal_pg_start: the Debian package's binaries,
# initdb defaults) with its data in the temp dir, stopped at exit.
# BENCH_STORE_BIN and SEALCTL override the programs' paths. Everything
# lives in one temp dir removed at exit (SEAL_KEEP=1 keeps it). About 4
# minutes on 2 cores. The number is only ever printed masked.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$BENCH_DIR/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
RECORDS=1000000
REPEAT=50
HOLDS=2000
SIZE=10240
THREADS=4
BACKENDS="sqlite postgresql"
NUMBER=170583-1889      # synthetic (tests/data/vectors.tsv)
MASKED=170583-XXXX

while getopts b:n:r:H:B:h opt; do
	case $opt in
	b) top_builddir=$(cd "$OPTARG" && pwd) || exit 64 ;;
	n) RECORDS=$OPTARG ;;
	r) REPEAT=$OPTARG ;;
	H) HOLDS=$OPTARG ;;
	B) BACKENDS=$OPTARG ;;
	*) sed -n '6,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64 ;;
	esac
done
for v in "$RECORDS" "$REPEAT" "$HOLDS"; do
	case $v in
	'' | *[!0-9]* | 0) echo "$0: -n, -r and -H take whole numbers > 0" >&2; exit 64 ;;
	esac
done
for be in $BACKENDS; do
	case $be in
	sqlite | postgresql) ;;
	*) echo "$0: -B: unknown backend $be (sqlite, postgresql)" >&2; exit 64 ;;
	esac
done
export top_srcdir top_builddir
BIN=${BENCH_STORE_BIN:-$top_builddir/contrib/bench/bench_store}
SEALCTL=${SEALCTL:-$top_builddir/ctl/sealctl}
[ -x "$BIN" ] || { echo "$0: $BIN missing: make bench" >&2; exit 1; }
[ -x "$SEALCTL" ] || { echo "$0: $SEALCTL missing: make" >&2; exit 1; }
# seal_pg_start, seal_pg_stop (and seal_free_port, diag, seal_mask_filter)
. "$top_srcdir/tests/integration/lib.sh"

T=$(mktemp -d /tmp/seal-bench-store.XXXXXX) || exit 1
# The PostgreSQL server runs as user postgres and must reach $T/pg.
chmod 0755 "$T"
PG_STARTED=0
cleanup()
{
	local rc=$?
	[ "$PG_STARTED" = 1 ] && seal_pg_stop
	if [ -n "${SEAL_KEEP:-}" ]; then
		echo "# kept $T" >&2
	else
		rm -rf "$T"
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

KEY=$T/fingerprint.key
(umask 077 && head -c 32 /dev/urandom >"$KEY") || exit 1

# ---------------------------------------------------------------- the machine

disk_facts()	# the device and file system under $T, as far as the kernel tells
{
	local src fs dev rota model
	read -r src fs < <(df --output=source,fstype "$T" | tail -n 1)
	dev=$(lsblk -no PKNAME "$src" 2>/dev/null | head -n 1)
	[ -n "$dev" ] || dev=${src#/dev/}
	rota=$(cat "/sys/block/$dev/queue/rotational" 2>/dev/null || echo "?")
	model=$(lsblk -dno MODEL "/dev/$dev" 2>/dev/null | sed 's/ *$//')
	# Virtual disks often say rotational=1 whatever the host has underneath.
	printf '%s (%s), rotational=%s as the kernel reports it%s' "$src" "$fs" "$rota" \
		"${model:+, model $model}"
}

dsync_ms()	# ms per 4 KB synchronous write (dd oflag=dsync) in $T: what an fsync costs
{
	local t0 t1
	t0=$(date +%s%N)
	dd if=/dev/zero of="$T/dsync" bs=4k count=200 oflag=dsync 2>/dev/null || { echo "?"; return; }
	t1=$(date +%s%N)
	rm -f "$T/dsync"
	awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", ns / 200 / 1e6 }'
}

sqlite_version()
{
	dpkg-query -W -f='${Version}' libsqlite3-0 2>/dev/null ||
		sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo "?"
}

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
echo "sealmilter store benchmark: held messages/s (each durable before the next),"
echo "audit appends/s and audit search by identity number over $RECORDS records,"
echo "in process through store.h; sealctl end to end."
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),"\
	"$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) memory,"\
	"load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "disk: $(disk_facts); 4 KB O_DSYNC write $(dsync_ms) ms"
echo "SQLite $(sqlite_version); PostgreSQL $([ -n "$PG_BIN" ] && "$PG_BIN/postgres" --version | sed 's/^postgres (PostgreSQL) //' || echo "not installed")"
echo

failed=0
run()	# run SPEC QDIR MODE ARG...: one bench_store line
{
	local spec=$1 qdir=$2
	shift 2
	"$BIN" -s "$spec" -q "$qdir" -k "$KEY" "$@" || { failed=1; return 1; }
}

sealctl_search()	# sealctl_search NAME CONF [ARG...]: one timed search, end to end
{
	local name=$1 conf=$2 rc t
	shift 2
	TIMEFORMAT='%R %U %S'
	{ time "$SEALCTL" -c "$conf" audit search --id - "$@" <<<"$NUMBER" >"$T/sealctl.out" \
		2>"$T/sealctl.err"; } 2>"$T/sealctl.time"
	rc=$?
	read -r -a t <"$T/sealctl.time"
	if [ $rc -ne 0 ]; then
		echo "sealctl audit search failed (exit $rc):"
		seal_mask_filter <"$T/sealctl.err" | head -n 5
		failed=1
	else
		# The table has a header line, or says "(no records)".
		printf 'sealctl-search backend=%s args="--id %s%s" rows=%s real_s=%s user_s=%s sys_s=%s\n' \
			"$name" "$MASKED" "${*:+ $*}" "$(($(grep -vc '^(no records)$' "$T/sealctl.out") - 1))" \
			"${t[0]}" "${t[1]}" "${t[2]}"
	fi
	rm -f "$T/sealctl.out" "$T/sealctl.err" "$T/sealctl.time"
}

backend()	# backend NAME SPEC QDIR SIZE_COMMAND: every figure for one store
{
	local name=$1 spec=$2 qdir=$3 size_cmd=$4 conf=$T/$1.conf t0
	t0=$(date +%s)
	{
		echo "store = $spec"
		echo "quarantine_dir = $qdir"
		echo "fingerprint_key_file = $KEY"
	} >"$conf"
	run "$spec" "$qdir" hold "$HOLDS" "$SIZE"
	run "$spec" "$qdir" hold-par "$HOLDS" "$SIZE" "$THREADS"
	run "$spec" "$qdir" fill "$RECORDS" || return 1
	echo "size after fill: $($size_cmd)"
	run "$spec" "$qdir" search-id "$NUMBER" "$REPEAT"
	sealctl_search "$name" "$conf"
	sealctl_search "$name" "$conf" --limit 0
	run "$spec" "$qdir" verify
	echo "($name: $(($(date +%s) - t0)) s)"
}

sqlite_size()
{
	du -cb "$T/sqlite"/seal.db* | awk 'END { printf "database %.0f MB", $1 / 1048576 }'
	du -sb "$T/sqlite/quarantine" | awk '{ printf ", quarantine %.0f MB\n", $1 / 1048576 }'
}

pg_size()
{
	psql -h 127.0.0.1 -p "$SEAL_PG_PORT" -U postgres -d seal -Atq -c "SELECT
		'database ' || pg_database_size('seal') / 1048576 || ' MB, audit tables and indexes '
		|| (pg_total_relation_size('audit') + pg_total_relation_size('audit_rcpt')
		+ pg_total_relation_size('audit_fp')) / 1048576 || ' MB'"
}

for be in $BACKENDS; do
	if [ "$be" = sqlite ]; then
		echo "== sqlite (database and quarantine directory in $T)"
		mkdir -m 0700 "$T/sqlite"
		backend sqlite "sqlite:$T/sqlite/seal.db" "$T/sqlite/quarantine" sqlite_size ||
			failed=1
		echo
		continue
	fi
	echo "== postgresql (throwaway server on 127.0.0.1, initdb defaults)"
	if [ "$(id -u)" != 0 ]; then
		echo "skipped: needs root (the server runs as user postgres)"
		failed=1
		continue
	fi
	PG_STARTED=1
	if ! seal_pg_start "$T/pg"; then
		echo "skipped: the PostgreSQL server did not start"
		failed=1
		continue
	fi
	echo "settings: $(psql -h 127.0.0.1 -p "$SEAL_PG_PORT" -U postgres -d seal -Atq -c "SELECT
		string_agg(name || '=' || current_setting(name), ' ' ORDER BY name)
		FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync',
		'wal_sync_method', 'work_mem', 'effective_cache_size')")"
	backend postgresql "$SEAL_PG_URI" "$T/pg-unused" pg_size || failed=1
	echo
done
exit $failed
