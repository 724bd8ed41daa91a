#!/bin/bash
# demo.sh - sealmilter in front of a real Postfix, in two minutes, as root on
# a fresh Debian 12: installs the dependencies, builds, starts a private
# Postfix on 127.0.0.1 with sealmilter and the sample configuration
# (contrib/demo/sealmilter.conf), sends four sample mails with swaks and
# shows what happened to each. Stops everything it started; the system
# Postfix is not touched.
#
# Usage: bash contrib/demo.sh [BUILD_DIR]   (default ./build-demo)
set -u

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$TOP/build-demo}
DEMO=$TOP/contrib/demo
LOG=$(mktemp /tmp/sealmilter-demo-build.XXXXXX)

die()
{
	echo "demo.sh: $*" >&2
	echo "demo.sh: build output in $LOG" >&2
	exit 1
}

[ "$(id -u)" = 0 ] || die "run as root (it installs packages and starts a private Postfix)"

echo "== installing dependencies (contrib/install-deps.sh)"
sh "$TOP/contrib/install-deps.sh" >>"$LOG" 2>&1 || die "install-deps.sh failed"

echo "== building sealmilter in $BUILD"
(cd "$TOP" && autoreconf -fi) >>"$LOG" 2>&1 || die "autoreconf failed"
mkdir -p "$BUILD"
(cd "$BUILD" && "$TOP/configure" -q && make -j2) >>"$LOG" 2>&1 ||
	die "build failed"
rm -f "$LOG"

SEALMILTER=$BUILD/milter/sealmilter
top_srcdir=$TOP
top_builddir=$BUILD
# The Postfix, smtp-sink and daemon steps are the integration tests' own.
. "$TOP/tests/integration/lib.sh"

seal_setup demo
CONF=$SEAL_MDIR/sealmilter.conf
{
	cat "$DEMO/sealmilter.conf"
	echo "# run-time keys added by demo.sh"
	seal_milter_runtime_keys
} >"$CONF"

echo "== starting Postfix on 127.0.0.1:$SEAL_SMTP_PORT -> sealmilter -> smtp-sink on :$SEAL_SINK_PORT"
if ! seal_up demo "$CONF" >"$SEAL_T/start.log" 2>&1; then
	sed 's/^# //' "$SEAL_T/start.log" >&2
	die "could not start Postfix, smtp-sink and sealmilter"
fi

# send N FILE DESCRIPTION: one sample mail; prints one table row and keeps
# the reply text of refusals for after the table.
declare -a DETAILS=()
send()
{
	local n=$1 file=$DEMO/$2 what=$3 to id rc f result
	to=$(sed -n 's/^To:.*<\(.*\)>.*/\1/p' "$file" | head -n 1)
	id=$(sed -n 's/^Message-ID: *\(<[^>]*>\).*/\1/p' "$file" | head -n 1)
	seal_send "mail$n" sagsbehandler@kommune.example "$to" "$file"
	rc=$?
	case $rc in
	0)
		if f=$(seal_wait_for_delivery "$id" 30); then
			if seal_same_message "$file" "$f" >/dev/null; then
				result="delivered unchanged"
			else
				result="delivered, but changed"
			fi
		else
			result="accepted, not delivered within 30 s"
		fi ;;
	26)
		result="refused (550 5.7.1), text below"
		DETAILS+=("($n) $what -> $to:" "$(seal_reply_lines "mail$n" | sed 's/^/      /')" "") ;;
	*)
		result="not accepted (swaks exit $rc): $(seal_reply_lines "mail$n" | head -n 1)" ;;
	esac
	printf '%-3s %-34s %-32s %s\n' "$n" "$what" "$to" "$result"
}

echo
printf '%-3s %-34s %-32s %s\n' "#" "sample mail" "recipient" "what happened"
printf '%s\n' "--------------------------------------------------------------------------------------------------------"
send 1 1-clean.eml "clean letter"
send 2 2-cpr.eml "CPR number in the body"
send 3 3-cpr-partner.eml "CPR number, trusted partner"
send 4 4-se-html.eml "Swedish personnummer in HTML part"
echo
if [ ${#DETAILS[@]} -gt 0 ]; then
	echo "What the sender was told:"
	printf '%s\n' "${DETAILS[@]}"
fi

echo "sealmilter's log (masked numbers only):"
sed 's/^/  /' "$SEAL_MLOG"
echo
echo "== stopping sealmilter, Postfix and smtp-sink"
