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

CG_N=200
CG_SESSIONS=5
CG_SETUPS="null-unix seal-unix"
CG_TOP=12

cg_parse_args()
{
	local opt
	while getopts b:n:s:S:t:kh opt; do
		case $opt in
		b) top_builddir=$(cd "$OPTARG" && pwd) || exit 64 ;;
		n) CG_N=$OPTARG ;;
		s) CG_SESSIONS=$OPTARG ;;
		S) CG_SETUPS=$OPTARG ;;
		t) CG_TOP=$OPTARG ;;
		k) export SEAL_KEEP=1 ;;
		*)
			sed -n '8,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
			exit 64
			;;
		esac
	done
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

# cg_pass COUNT LOG: COUNT messages through Postfix, all delivered.
cg_pass()
{
	local before
	before=$(bench_sink_count)
	bench_send "$1" "$CG_SESSIONS" "$2" || return 1
	bench_drain "$before" "$1" $(( $(date +%s) + 60 + $1 )) >/dev/null
}

cg_setup()
{
	local setup=$1 pid f ir
	cg_start "$setup" || { echo "callgrind-mta $setup FAIL(start)"; return 1; }
	pid=$BENCH_MILTER_PID
	if ! cg_pass 10 "$SEAL_T/warm-$setup.log"; then
		echo "callgrind-mta $setup FAIL(warm-up)"
		bench_set_milter ""
		bench_milter_stop
		return 1
	fi
	timeout 60 callgrind_control -z "$pid" >/dev/null 2>&1 ||
		{ echo "callgrind-mta $setup FAIL(callgrind_control)"; bench_set_milter ""; bench_milter_stop; return 1; }
	if ! cg_pass "$CG_N" "$SEAL_T/run-$setup.log"; then
		echo "callgrind-mta $setup FAIL(run)"
		bench_set_milter ""
		bench_milter_stop
		return 1
	fi
	timeout 60 callgrind_control -d "$pid" >/dev/null 2>&1 || bench_log "callgrind_control -d failed"
	bench_set_milter ""
	bench_milter_stop
	# The dump after zeroing is the first numbered file.
	f=$(ls "$CG_OUT"/callgrind.out."$setup".* 2>/dev/null | sort -V | head -n 1)
	[ -n "$f" ] || { echo "callgrind-mta $setup FAIL(no dump)"; return 1; }
	ir=$(callgrind_annotate "$f" 2>/dev/null |
		awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
	printf 'callgrind-mta %-13s n=%s Ir/msg=%s\n' "$setup" "$CG_N" \
		"$(awk -v i="$ir" -v n="$CG_N" 'BEGIN { printf "%.0f", i / n }')"
	# The function table only (exclusive counts), per message.
	callgrind_annotate --auto=no "$f" 2>/dev/null |
		awk -v n="$CG_N" -v top="$CG_TOP" '
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
	cg_parse_args "$@"
	command -v valgrind >/dev/null || { echo "valgrind missing" >&2; exit 1; }
	. "$top_srcdir/tests/integration/lib.sh" || exit 1
	. "$BENCH_DIR/bench_mta.sh" || exit 1
	BENCH_SETUPS=$CG_SETUPS
	bench_prepare
	CG_SEALMILTER=$SEALMILTER
	CG_NULLMILTER=$NULLMILTER
	CG_OUT=$SEAL_T/callgrind
	mkdir -p "$CG_OUT"
	chmod 0777 "$CG_OUT"
	echo "milter callgrind: instructions per message of the whole daemon, $CG_N clean $BENCH_LEN-byte messages, $CG_SESSIONS sessions ($(valgrind --version))"
	for setup in $CG_SETUPS; do
		cg_setup "$setup" || rc=1
	done
	[ "${SEAL_KEEP:-0}" = 1 ] && echo "kept $SEAL_T"
	return $rc
}

cg_main "$@"
