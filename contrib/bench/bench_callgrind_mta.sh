#!/bin/bash
# bench_callgrind_mta.sh - instructions per message of the whole milter
# daemon (every callback, libmilter, logging, spooling, the scan), counted
# by callgrind while Postfix passes clean 10 KB messages through it: the
# per-message cost that bench_mta.sh times, as a figure the machine's load
# does not move.
#
# Usage (as root, after `make` and `make bench`):
#   contrib/bench/bench_callgrind_mta.sh [-b BUILDDIR] [-n N] [-s SESSIONS]
#                                        [-S "SETUP..."] [-t TOP] [-k]
#
# Setups (-S, default "null-unix seal-unix"): the names of bench_mta.sh
# (null-unix, nullfull-unix, seal-unix). Each milter runs under
# `valgrind --tool=callgrind` behind the private Postfix of
# tests/integration/lib.sh; 10 warm-up messages pass, the counters are
# zeroed (callgrind_control -z), N (default 200) messages of bench_mta.sh's
# kind (smtp-source, 10 KB filler, one per session, SESSIONS (5) at once)
# pass, and the counters are dumped. Prints per setup
# "callgrind-mta SETUP n=N Ir/msg=X" and the TOP (12) functions by their
# own instructions (exclusive), in instructions per message.
#
# Kernel time (system calls, the socket and spool file I/O) is not counted:
# compare bench_mta.sh's CPU per message for that. -k keeps the temp dir
# with the callgrind.out files (callgrind_annotate --inclusive=yes ...).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$BENCH_DIR/../.." && pwd)}"
# shellcheck source=mta_probe.sh
. "$BENCH_DIR/mta_probe.sh"
PROBE_TOP=12

# probe_option k: -k keeps the temp dir (mta_probe.sh).
probe_option()
{
	[ "$1" = k ] && export SEAL_KEEP=1
}

# cg_wrapper NAME PROGRAM: a script that runs PROGRAM under callgrind
# (output in $CG_OUT, writable by the daemon's user after it drops root).
cg_wrapper()
{
	local w=$SEAL_T/cg-$1
	cat >"$w" <<EOF
#!/bin/sh
exec valgrind --tool=callgrind --callgrind-out-file=$CG_OUT/callgrind.out.$1 \\
	--dump-line=no "$2" "\$@"
EOF
	chmod 0755 "$w"
	echo "$w"
}

# cg_start SETUP: the milter under callgrind, listening, Postfix pointed at it.
cg_start()
{
	local setup=$1 kind=${1%-*} n=600
	case $kind in
	null|nullfull)
		NULLMILTER=$(cg_wrapper "$setup" "$CG_NULLMILTER")
		bench_milter_start "$setup" || return 1
		;;
	seal)
		seal_milter_prepare
		rm -f "$SEAL_SOCK"
		# The daemon stays root (user = empty): callgrind_control reaches
		# a process that changed its user only with ptrace rights it may
		# not have here. The per-message work is the same.
		sed 's/^user = .*/user =/' "$BENCH_SEAL_CONF" >"$SEAL_MDIR/cg.conf"
		"$(cg_wrapper "$setup" "$CG_SEALMILTER")" -f -c "$SEAL_MDIR/cg.conf" \
			-p "unix:$SEAL_SOCK" >>"$SEAL_MDIR/stdout.log" 2>&1 </dev/null &
		BENCH_MILTER_PID=$!
		SEAL_MILTER_PID=$BENCH_MILTER_PID
		BENCH_MILTER_PF="unix:$SEAL_SOCK"
		;;
	*) bench_log "setup $setup not supported here"; return 1 ;;
	esac
	# Start-up under valgrind is slow: wait up to a minute.
	while [ $n -gt 0 ] && [ ! -S "${BENCH_MILTER_PF#unix:}" ]; do
		kill -0 "$BENCH_MILTER_PID" 2>/dev/null || return 1
		sleep 0.1
		n=$((n - 1))
	done
	[ -S "${BENCH_MILTER_PF#unix:}" ] || return 1
	# A root daemon's socket is root's: open it to smtpd (user postfix);
	# the directory above is Postfix's group only.
	[ "$kind" = seal ] && chmod 0666 "${BENCH_MILTER_PF#unix:}"
	bench_set_milter "$BENCH_MILTER_PF"
}

cg_setup()
{
	local setup=$1 pid f ir
	cg_start "$setup" || { echo "callgrind-mta $setup FAIL(start)"; return 1; }
	pid=$BENCH_MILTER_PID
	if ! probe_pass 10 "$SEAL_T/warm-$setup.log"; then
		echo "callgrind-mta $setup FAIL(warm-up)"
		probe_stop
		return 1
	fi
	timeout 60 callgrind_control -z "$pid" >/dev/null 2>&1 ||
		{ echo "callgrind-mta $setup FAIL(callgrind_control)"; probe_stop; return 1; }
	if ! probe_pass "$PROBE_N" "$SEAL_T/run-$setup.log"; then
		echo "callgrind-mta $setup FAIL(run)"
		probe_stop
		return 1
	fi
	timeout 60 callgrind_control -d "$pid" >/dev/null 2>&1 || bench_log "callgrind_control -d failed"
	probe_stop
	# The dump after zeroing is the first numbered file.
	f=$(ls "$CG_OUT"/callgrind.out."$setup".* 2>/dev/null | sort -V | head -n 1)
	[ -n "$f" ] || { echo "callgrind-mta $setup FAIL(no dump)"; return 1; }
	ir=$(callgrind_annotate "$f" 2>/dev/null |
		awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
	printf 'callgrind-mta %-13s n=%s Ir/msg=%s\n' "$setup" "$PROBE_N" \
		"$(awk -v i="$ir" -v n="$PROBE_N" 'BEGIN { printf "%.0f", i / n }')"
	# The function table only (exclusive counts), per message.
	callgrind_annotate --auto=no "$f" 2>/dev/null |
		awk -v n="$PROBE_N" -v top="$PROBE_TOP" '
		/file:function/ { on = 1; next }
		on && /^ *[0-9,]+ \(/ && shown < top {
			c = $1; gsub(",", "", c)
			sub(/^ *[0-9,]+ \( *[0-9.]+%\) +/, "")
			printf "    %10.0f  %s\n", c / n, $0
			shown++
		}'
}

cg_main()
{
	local setup rc=0
	probe_parse_args k "${BASH_SOURCE[0]}" "$@"
	probe_prepare valgrind
	CG_SEALMILTER=$SEALMILTER
	CG_NULLMILTER=$NULLMILTER
	CG_OUT=$SEAL_T/callgrind
	mkdir -p "$CG_OUT"
	chmod 0777 "$CG_OUT"
	echo "milter callgrind: instructions per message of the whole daemon, $PROBE_N clean $BENCH_LEN-byte messages, $PROBE_SESSIONS sessions ($(valgrind --version))"
	for setup in $PROBE_SETUPS; do
		cg_setup "$setup" || rc=1
	done
	[ "${SEAL_KEEP:-0}" = 1 ] && echo "kept $SEAL_T"
	return $rc
}

cg_main "$@"
