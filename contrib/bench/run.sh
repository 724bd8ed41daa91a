#!/bin/bash
# run.sh - builds the benchmarks and runs all five, printing every figure:
# bench_scan (the core alone, no MTA), bench_mta.sh (Postfix throughput with
# and without milters), bench_rss.sh (peak memory for a 50 MB message),
# bench_encrypt.sh (S/MIME and OpenPGP encryption per message, no MTA) and
# bench_store.sh (held messages/s and audit search over a million records,
# SQLite and PostgreSQL).
#
# Usage (as root, Debian 12, after contrib/install-deps.sh):
#   contrib/bench/run.sh BUILDDIR
# BUILDDIR is a configured build directory (`/path/to/configure` run in it).
# Extra arguments for the parts: BENCH_SCAN_ARGS, BENCH_MTA_ARGS,
# BENCH_RSS_ARGS, BENCH_ENCRYPT_ARGS, BENCH_STORE_ARGS (e.g.
# BENCH_MTA_ARGS='-n 500 -s 10' for a quick run). Takes about 12-14 minutes
# with the defaults. Exit status: 0 when every part succeeded, 1 otherwise
# (the other parts still run).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=$(cd "$BENCH_DIR/../.." && pwd)
export top_srcdir

if [ $# -ne 1 ] || [ ! -f "$1/Makefile" ]; then
	echo "usage: $0 BUILDDIR (a configured build directory)" >&2
	exit 64
fi
top_builddir=$(cd "$1" && pwd)
export top_builddir
export SEAL_VECTORS="$top_srcdir/tests/data/vectors.tsv"

if [ "$(id -u)" != 0 ]; then
	echo "$0: must run as root (private Postfix, smtp-sink -u, PostgreSQL)" >&2
	exit 1
fi

# The daemon and the benchmark programs (EXTRA_PROGRAMS, not built by all).
make -C "$top_builddir" -s -j"$(nproc)" all >/dev/null &&
	make -C "$top_builddir" -s bench >/dev/null || {
	echo "$0: build failed" >&2
	exit 1
}

failed=""
part()
{
	local name=$1
	shift
	echo
	echo "==================== $name"
	"$@" || failed="$failed $name"
}

# The *_ARGS variables are split as the shell would split them, quotes
# included (BENCH_MTA_ARGS='-S "postfix seal-unix"').
eval "scan_args=(${BENCH_SCAN_ARGS:-})" &&
	eval "mta_args=(${BENCH_MTA_ARGS:-})" &&
	eval "rss_args=(${BENCH_RSS_ARGS:-})" &&
	eval "encrypt_args=(${BENCH_ENCRYPT_ARGS:-})" &&
	eval "store_args=(${BENCH_STORE_ARGS:-})" || exit 64

# The example site rules (conf/rules.d) as one file: the "scan+rules" lines.
rules_file=$(mktemp "${TMPDIR:-/tmp}/bench-rules.XXXXXX") || exit 1
trap 'rm -f "$rules_file"' EXIT
for r in "$top_srcdir"/conf/rules.d/*.rules; do cat "$r"; echo; done >"$rules_file"
# The dictionaries (scan+dict lines): the shipped ones when the source tree
# has them, else about 3,000 generated terms of the same shape.
dicts=synthetic
ls "$top_srcdir"/conf/dictionaries/*.txt >/dev/null 2>&1 && dicts="$top_srcdir/conf/dictionaries"
part bench_scan "$top_builddir/contrib/bench/bench_scan" "${scan_args[@]:-64}" "$rules_file" "$dicts"
part bench_mta "$BENCH_DIR/bench_mta.sh" -b "$top_builddir" "${mta_args[@]}"
part bench_callgrind "$BENCH_DIR/bench_callgrind.sh" -b "$top_builddir"
part bench_callgrind_mta "$BENCH_DIR/bench_callgrind_mta.sh" -b "$top_builddir"
part bench_syscalls_mta "$BENCH_DIR/bench_syscalls_mta.sh" -b "$top_builddir"
part bench_rss "$BENCH_DIR/bench_rss.sh" -b "$top_builddir" "${rss_args[@]}"
part bench_encrypt "$BENCH_DIR/bench_encrypt.sh" -b "$top_builddir" "${encrypt_args[@]}"
part bench_store "$BENCH_DIR/bench_store.sh" -b "$top_builddir" "${store_args[@]}"

echo
if [ -n "$failed" ]; then
	echo "run.sh: failed:$failed"
	exit 1
fi
echo "run.sh: all benchmarks ran"
