#!/bin/bash
# demo.sh - sealmilter in front of a real Postfix, in two minutes, as root on
# a fresh Debian 12: installs the dependencies, builds, starts a private
# Postfix on 127.0.0.1 with sealmilter and the sample configuration
# (contrib/demo/sealmilter.conf), a test certificate authority, S/MIME
# certificates and OpenPGP keys for two citizens (the test suite's own
# generators), sends eight sample mails with swaks, shows what happened to
# each recipient, and what a compliance officer sees with sealctl. Stops everything it started; the system
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
echo "== making a test CA, certificates and OpenPGP keys"
sh "$TOP/tests/smime/make-certs.sh" "$SEAL_T/pki" >/dev/null 2>&1 || die "make-certs.sh failed"
sh "$TOP/tests/pgp/make-keys.sh" "$SEAL_T/gnupg" >/dev/null 2>&1 || die "make-keys.sh failed"
getent passwd sealmilter >/dev/null && chown -R sealmilter "$SEAL_T/pki" "$SEAL_T/gnupg"
REINJECT_PORT=$(seal_free_port 3) || die "no free port"
CONF=$SEAL_MDIR/sealmilter.conf
{
	cat "$DEMO/sealmilter.conf"
	echo "# run-time keys added by demo.sh"
	seal_milter_runtime_keys
	echo "smime_cert_dir = $SEAL_T/pki/certs"
	echo "smime_ca_file = $SEAL_T/pki/ca.pem"
	echo "pgp_home = $SEAL_T/gnupg"
	echo "reinject_to = 127.0.0.1:$REINJECT_PORT"
} >"$CONF"

echo "== starting Postfix on 127.0.0.1:$SEAL_SMTP_PORT -> sealmilter -> smtp-sink on :$SEAL_SINK_PORT"
start_all()
{
	seal_pf_create || return 1
	# The reinjection listener of conf/postfix-master.cf.snippet, on a free port.
	seal_pf_add_reinject "$REINJECT_PORT" || return 1
	seal_sink_start || return 1
	seal_milter_start "$CONF" || return 1
	seal_pf_start || return 1
	seal_wait_port "$REINJECT_PORT" 20
}
if ! start_all >"$SEAL_T/start.log" 2>&1; then
	sed 's/^# //' "$SEAL_T/start.log" >&2
	die "could not start Postfix, smtp-sink and sealmilter"
fi

# delivered_as ID RCPT: what RCPT received of the message with this ID.
delivered_as()
{
	local id=$1 rcpt=$2 n=150 f
	while [ $n -gt 0 ]; do
		for f in $(grep -l -F -- "$id" "$SEAL_SINK"/* 2>/dev/null); do
			grep -q -i "^X-Rcpt-Args: <$rcpt>" "$f" || continue
			if grep -q -i '^Content-Type: application/pkcs7-mime' "$f"; then
				echo "delivered encrypted (S/MIME)"
			elif grep -q -i 'protocol="application/pgp-encrypted"' "$f"; then
				echo "delivered encrypted (OpenPGP)"
			elif seal_same_message "$FILE" "$f" >/dev/null; then
				echo "delivered unchanged"
			else
				echo "delivered, changed"
			fi
			return 0
		done
		sleep 0.2
		n=$((n - 1))
	done
	echo "accepted, not delivered within 30 s"
}

# what_happened ID RCPT: diverted and held recipients from the decision in
# the daemon's log; everyone else from what arrived in the sink.
what_happened()
{
	local line
	sleep 0.3
	line=$(grep -F "rcpts=" "$SEAL_MLOG" | tail -n 1)
	case $line in
	*"<$2>:"*":divert"*) echo "diverted to the secure mailbox; the citizen gets a notice" ;;
	*"<$2>:"*":hold"*) echo "held for a compliance officer; the sender is told" ;;
	*) delivered_as "$1" "$2" ;;
	esac
}

# send N FILE DESCRIPTION: one sample mail; prints one table row per
# recipient and keeps the reply text of refusals for after the table.
declare -a DETAILS=()
send()
{
	local n=$1 what=$3 to id rc rcpt result first=1
	FILE=$DEMO/$2
	# Every address in the (possibly folded) To field.
	to=$(sed -n '/^To:/,/^[^ \t]/p' "$FILE" | sed '$d' | grep -o '<[^>]*>' | tr -d '<>' |
		paste -sd, -)
	id=$(sed -n 's/^Message-ID: *\(<[^>]*>\).*/\1/p' "$FILE" | head -n 1)
	seal_send "mail$n" sagsbehandler@kommune.example "$to" "$FILE"
	rc=$?
	for rcpt in ${to//,/ }; do
		case $rc in
		0) result=$(what_happened "$id" "$rcpt") ;;
		26) result="refused (550 5.7.1), text below" ;;
		*) result="not accepted (swaks exit $rc): $(seal_reply_lines "mail$n" | head -n 1)" ;;
		esac
		if [ $first = 1 ]; then
			printf '%-3s %-34s %-30s %s\n' "$n" "$what" "$rcpt" "$result"
		else
			printf '%-3s %-34s %-30s %s\n' "" "" "$rcpt" "$result"
		fi
		first=0
	done
	if [ $rc = 26 ]; then
		DETAILS+=("($n) $what -> $to:" "$(seal_reply_lines "mail$n" | sed 's/^/      /')" "")
	fi
}

echo
printf '%-3s %-34s %-30s %s\n' "#" "sample mail" "recipient" "what happened"
printf '%s\n' "--------------------------------------------------------------------------------------------------------"
send 1 1-clean.eml "clean letter"
send 2 2-cpr.eml "CPR number in the body"
send 3 3-cpr-partner.eml "CPR number, trusted partner"
send 4 4-se-html.eml "Swedish personnummer in HTML part"
send 5 5-cpr-encrypt.eml "CPR number, citizen with S/MIME"
send 6 6-cpr-mixed.eml "CPR number, three recipients"
send 7 7-cpr-divert.eml "CPR number, citizen of borger.example"
send 8 8-unscannable.eml "zip bomb: could not be checked"
echo
if [ ${#DETAILS[@]} -gt 0 ]; then
	echo "What the sender was told:"
	printf '%s\n' "${DETAILS[@]}"
fi

echo "sealmilter's log (masked numbers only):"
sed 's/^/  /' "$SEAL_MLOG"
echo
CTL=$BUILD/ctl/sealctl
echo "What a compliance officer sees (sealctl):"
echo "\$ sealctl quarantine list"
"$CTL" -c "$CONF" quarantine list | sed 's/^/  /'
echo "\$ echo 170583-1889 | sealctl audit search --id -"
echo 170583-1889 | "$CTL" -c "$CONF" audit search --id - | sed 's/^/  /'
echo "\$ sealctl audit verify"
"$CTL" -c "$CONF" audit verify | sed 's/^/  /'
echo
echo "== stopping sealmilter, Postfix and smtp-sink"
gpgconf --homedir "$SEAL_T/gnupg" --kill all >/dev/null 2>&1
