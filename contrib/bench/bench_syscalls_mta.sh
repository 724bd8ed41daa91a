#!/bin/bash
# bench_syscalls_mta.sh - system calls per message of the whole milter
# daemon while Postfix passes clean 10 KB messages through it: the kernel
# side of the per-message cost that bench_callgrind_mta.sh does not count
# (libmilter's hand-offs between its worker threads and its poll thread,
# socket reads and writes, spool I/O), as a figure the machine's load does
# not move.
#
# Usage (as root, after `make` and `make bench`):
#   contrib/bench/bench_syscalls_mta.sh [-b BUILDDIR] [-n N] [-s SESSIONS]
#                                       [-S "SETUP..."] [-t TOP]
#
# Setups (-S, default "null-unix seal-unix"): the names of bench_mta.sh
# (null-unix, nullfull-unix, seal-unix, sealbase-unix with
# BENCH_SEALMILTER_BASE). Each milter starts as bench_mta.sh starts it
# behind the private Postfix of tests/integration/lib.sh; 10 warm-up
# messages pass, then `strace -f -c` attaches to the daemon (every
# thread), N (default 200) messages of bench_mta.sh's kind (smtp-source,
# one per session, SESSIONS (5) at once) pass, and strace is stopped.
# Prints per setup "syscalls-mta SETUP n=N calls/msg=X" and the TOP (8)
# system calls by calls per message. libmilter's worker pool polls a
# session for a moment after each command and then hands it back to its
# poll thread through a pipe: `poll` counts those waits and hand-offs.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$BENCH_DIR/../.." && pwd)}"
# shellcheck source=mta_probe.sh
. "$BENCH_DIR/mta_probe.sh"

sc_fail()
{
	echo "syscalls-mta $1 FAIL($2)"
	[ -n "${SC_STRACE:-}" ] && kill "$SC_STRACE" 2>/dev/null
	SC_STRACE=""
	probe_stop
	return 1
}

sc_setup()
{
	local setup=$1 out=$SEAL_T/strace.$1 n
	bench_milter_start "$setup" || { echo "syscalls-mta $setup FAIL(start)"; return 1; }
	bench_set_milter "$BENCH_MILTER_PF"
	probe_pass 10 "$SEAL_T/warm-$setup.log" || { sc_fail "$setup" warm-up; return 1; }
	strace -f -c -q -o "$out" -p "$BENCH_MILTER_PID" 2>/dev/null &
	SC_STRACE=$!
	# Attaching to every thread takes a moment.
	n=0
	while [ $n -lt 50 ] && ! grep -q TracerPid:.*[1-9] "/proc/$BENCH_MILTER_PID/status" 2>/dev/null; do
		sleep 0.1
		n=$((n + 1))
	done
	sleep 1
	probe_pass "$PROBE_N" "$SEAL_T/run-$setup.log" || { sc_fail "$setup" run; return 1; }
	kill -INT "$SC_STRACE"
	wait "$SC_STRACE" 2>/dev/null
	SC_STRACE=""
	probe_stop
	[ -s "$out" ] || { echo "syscalls-mta $setup FAIL(no strace output)"; return 1; }
	# strace -c: "% time seconds usecs/call calls errors syscall", a
	# dashed line, the rows, a dashed line, the total row.
	awk -v n="$PROBE_N" -v setup="$setup" -v top="$PROBE_TOP" '
		/^-+/ { dash++; next }
		dash == 1 && NF >= 5 {
			rows[$NF] = $4
		}
		dash == 2 && /total/ { total = $4 }
		END {
			printf "syscalls-mta %-13s n=%s calls/msg=%.1f\n", setup, n, total / n
			k = 0
			for (s in rows) { names[++k] = s }
			for (i = 1; i <= k; i++)
				for (j = i + 1; j <= k; j++)
					if (rows[names[j]] + 0 > rows[names[i]] + 0) {
						t = names[i]; names[i] = names[j]; names[j] = t
					}
			for (i = 1; i <= k && i <= top; i++)
				printf "    %8.1f  %s\n", rows[names[i]] / n, names[i]
		}' "$out"
}

sc_main()
{
	local setup rc=0
	probe_parse_args "" "${BASH_SOURCE[0]}" "$@"
	probe_prepare strace
	echo "milter system calls per message of the whole daemon, $PROBE_N clean $BENCH_LEN-byte messages, $PROBE_SESSIONS sessions ($(strace -V | head -n 1))"
	for setup in $PROBE_SETUPS; do
		sc_setup "$setup" || rc=1
	done
	return $rc
}

sc_main "$@"
