# mta_probe.sh - sourced by bench_callgrind_mta.sh and bench_syscalls_mta.sh,
# which both count a milter daemon's per-message cost behind the private
# Postfix of bench_mta.sh (tests/integration/lib.sh): their options, the
# set-up, passing messages and taking the milter out again.
#
#   probe_parse_args EXTRA SCRIPT "$@"
#                   -b BUILDDIR, -n N (PROBE_N), -s SESSIONS (PROBE_SESSIONS),
#                   -S "SETUP..." (PROBE_SETUPS), -t TOP (PROBE_TOP), and
#                   the option letters in EXTRA, each handed to the caller's
#                   probe_option LETTER; anything else prints SCRIPT's usage
#                   (the lines under "# Usage" in its header) and exits 64.
#   probe_prepare TOOL
#                   TOOL (valgrind, strace) must be installed; sources
#                   tests/integration/lib.sh and bench_mta.sh, and makes
#                   the private Postfix, smtp-sink and binaries ready
#                   (bench_prepare) for the setups in PROBE_SETUPS
#   probe_pass COUNT LOG
#                   COUNT messages of bench_mta.sh's kind through Postfix,
#                   PROBE_SESSIONS at once; 0 once all are delivered
#   probe_stop      Postfix without the milter, the milter stopped

PROBE_N=200
PROBE_SESSIONS=5
PROBE_SETUPS="null-unix seal-unix"
PROBE_TOP=8

probe_parse_args()
{
	local extra=$1 script=$2 opt
	shift 2
	OPTIND=1
	while getopts "b:n:s:S:t:${extra}h" opt; do
		case $opt in
		b) top_builddir=$(cd "$OPTARG" && pwd) || exit 64 ;;
		n) PROBE_N=$OPTARG ;;
		s) PROBE_SESSIONS=$OPTARG ;;
		S) PROBE_SETUPS=$OPTARG ;;
		t) PROBE_TOP=$OPTARG ;;
		h | \?)
			awk '/^# Usage/ { on = 1; next } on && /^#$/ { exit } on' "$script" |
				sed 's/^# \{0,1\}//' >&2
			exit 64
			;;
		*) probe_option "$opt" ;;
		esac
	done
}

probe_prepare()
{
	command -v "$1" >/dev/null || { echo "$1 missing" >&2; exit 1; }
	. "$top_srcdir/tests/integration/lib.sh" || exit 1
	. "$BENCH_DIR/bench_mta.sh" || exit 1
	BENCH_SETUPS=$PROBE_SETUPS
	bench_prepare
}

probe_pass()
{
	local before
	before=$(bench_sink_count)
	bench_send "$1" "$PROBE_SESSIONS" "$2" || return 1
	bench_drain "$before" "$1" $(( $(date +%s) + 60 + $1 )) >/dev/null
}

probe_stop()
{
	bench_set_milter ""
	bench_milter_stop
}
