#!/bin/bash
# soak.sh - sealmilter under load and faults, then an account of every message.
#
#   contrib/soak/soak.sh [--rate N] [--store sqlite|pg] [--ldap] [--measure SECS]
#                        [--fault-gap MIN-MAX] [--drain SECS] DURATION
#
# DURATION: 300, 90s, 5m or 1h. A private Postfix on loopback
# (tests/integration/lib.sh) with smtp-sink as the next hop and a
# reinjection listener, sealmilter in front of it, S/MIME certificates and
# OpenPGP keys from tests/smime and tests/pgp. First the maximum rate is
# measured (--measure seconds of sending as fast as the client can, no
# faults); then for DURATION soak_client.py sends a mixed stream (clean,
# numbers to an untrusted recipient without key, S/MIME, OpenPGP, split
# recipients, divert, hold, unscannable) at --rate messages per second
# (default 80% of the maximum) and retries every 4xx like an MTA, while
# faults are injected at random times, one at a time, each kind in turn
# (shuffled):
#   kill-milter     SIGKILL of sealmilter (the supervisor here restarts it)
#   pg-restart      PostgreSQL stopped, then started (--store pg)
#   store-full      the file system of the store and spool (a small tmpfs)
#                   filled up, then emptied
#   reinject-stop   the reinjection listener removed from master.cf
#   gpg-agent-kill  the gpg-agent of the OpenPGP keyring killed
#   slapd-freeze    SIGSTOP, later SIGCONT, of the LDAP server (--ldap: the
#                   S/MIME certificates come from a real slapd, not files)
# Every minute sealmilter's RSS and open file descriptors are printed.
# Afterwards soak_account.py accounts for every message and the logs are
# searched for the synthetic numbers. Exit status 1 on any violation: a
# message lost, unfinished or in the wrong form, cleartext to an untrusted
# recipient, an unexplained duplicate, a number in a log, a crash, or RSS
# or descriptors growing.
#
# Needs root (Postfix, tmpfs mount). Environment: SEALMILTER, SEALCTL,
# top_srcdir, top_builddir as for the tests; SEAL_KEEP=1 keeps the files;
# SOAK_ALLOW=stale-hold reports a known defect without failing (see
# contrib/soak/soak_account.py).
set -u
SOAK_DIR=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$SOAK_DIR/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${SEALCTL:=$top_builddir/ctl/sealctl}"
. "$top_srcdir/tests/integration/lib.sh"
# Under AddressSanitizer freed memory waits in a quarantine (256 MB by
# default) that would look like growth: keep it small.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16}

RATE=""
STORE=sqlite
MEASURE=30
GAP_MIN=20
GAP_MAX=60
DRAIN=600
LDAP=0
usage()
{
	sed -n '4,5p' "$0" | sed 's/^# \{0,3\}//'
	exit "${1:-2}"
}
while [ $# -gt 0 ]; do
	case $1 in
	--rate) RATE=$2; shift 2 ;;
	--store) STORE=$2; shift 2 ;;
	--measure) MEASURE=$2; shift 2 ;;
	--fault-gap) GAP_MIN=${2%-*}; GAP_MAX=${2#*-}; shift 2 ;;
	--drain) DRAIN=$2; shift 2 ;;
	--ldap) LDAP=1; shift ;;
	-h|--help) usage 0 ;;
	-*) echo "soak.sh: unknown option $1" >&2; usage ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || usage
case $1 in
*h) DURATION=$(( ${1%h} * 3600 )) ;;
*m) DURATION=$(( ${1%m} * 60 )) ;;
*s) DURATION=${1%s} ;;
*) DURATION=$1 ;;
esac
case $STORE in sqlite|pg) ;; *) echo "soak.sh: --store sqlite or pg" >&2; exit 2 ;; esac
for prog in python3 openssl gpg gpgconf zip; do
	command -v $prog >/dev/null || bail_out "$prog not installed (contrib/install-deps.sh)"
done
[ -x "$SEALCTL" ] || bail_out "$SEALCTL not built"

say()
{
	echo "[$(date -u +%H:%M:%S)] $*"
}

seal_setup soak
S=$SEAL_T/soak
mkdir -p "$S"
STOP=$S/stop                    # exists: supervisor and faults end
EVENTS=$S/events.log            # supervisor: start/exit of sealmilter
FAULTS=$S/faults.log
MONITOR=$S/monitor.log
JOURNAL=$S/journal.jsonl
QFS=$SEAL_T/qfs                 # the small file system of store and spool
SUP_PID="" FAULT_PID="" MON_PID="" SLAPD_PID=""

soak_cleanup()
{
	local rc=$?
	touch "$STOP"
	for p in $FAULT_PID $MON_PID; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	if [ -n "$SUP_PID" ]; then
		[ -s "$S/milter.pid" ] && kill -TERM "$(cat "$S/milter.pid")" 2>/dev/null
		wait "$SUP_PID" 2>/dev/null
	fi
	[ -n "${SEAL_PF_CONF:-}" ] && [ -f "$S/master.cf" ] && cp "$S/master.cf" "$SEAL_PF_CONF/master.cf"
	seal_pg_stop
	if [ -n "$SLAPD_PID" ]; then
		kill -CONT "$SLAPD_PID" 2>/dev/null
		seal_stop_pid "$SLAPD_PID" 50
	fi
	# The keyrings and the recipients' own (tests/pgp/make-keys.sh) each
	# may have started an agent.
	for h in ${GH:+"$GH" "$GH"/recipients/*} ${GHD:+"$GHD" "$GHD"/recipients/*}; do
		[ -d "$h" ] && gpgconf --homedir "$h" --kill all >/dev/null 2>&1
	done
	mountpoint -q "$QFS" && umount "$QFS"
	(exit $rc)
	seal_cleanup
}
trap soak_cleanup EXIT

# ---------------------------------------------------------------- keys, store, config

PKI=$SEAL_T/pki
GH=$SEAL_T/gnupg
GHD=$SEAL_T/gnupg-decrypt       # a copy for the account, its own agent
sh "$top_srcdir/tests/smime/make-certs.sh" "$PKI" >/dev/null 2>&1 || bail_out "make-certs.sh failed"
sh "$top_srcdir/tests/pgp/make-keys.sh" "$GH" >/dev/null 2>&1 || bail_out "make-keys.sh failed"
gpgconf --homedir "$GH" --kill all >/dev/null 2>&1
cp -a "$GH" "$GHD"
MUSER=sealmilter
getent passwd $MUSER >/dev/null || MUSER=root
chown -R "$MUSER" "$PKI" "$GH"
chmod 0755 "$PKI"

mkdir -p "$QFS"
mount -t tmpfs -o size=16m,mode=0700 tmpfs "$QFS" || bail_out "cannot mount a tmpfs on $QFS"
mkdir -p "$QFS/store" "$QFS/spool"
chown "$MUSER" "$QFS" "$QFS/store" "$QFS/spool"
chmod 0700 "$QFS/store" "$QFS/spool"

if [ "$STORE" = pg ]; then
	seal_pg_start "$SEAL_T/pg" || bail_out "PostgreSQL did not start"
	STORE_SPEC=$SEAL_PG_URI
else
	STORE_SPEC=sqlite:$QFS/store/seal.db
fi

# --ldap: alice's and bob's certificates from a real slapd (tests/ldap),
# asked for every message (no cache), and no certificate files.
CERTS_CONF="smime_cert_dir = $PKI/certs"
if [ "$LDAP" = 1 ]; then
	SLAPD=$(command -v slapd || echo /usr/sbin/slapd)
	[ -x "$SLAPD" ] || bail_out "slapd not installed (contrib/install-deps.sh)"
	sh "$top_srcdir/tests/ldap/make-extra-certs.sh" "$PKI" >/dev/null 2>&1 ||
		bail_out "make-extra-certs.sh failed"
	LDAP_PORT=$(seal_free_port 7) || bail_out "no free port"
	LDAP_PW=$(openssl rand -hex 12)
	mkdir -p "$SEAL_T/slapd/db"
	sed -e "s|@DIR@|$SEAL_T/slapd|g" -e "s|@SCHEMA@|/etc/ldap/schema|g" \
		-e "s|@MODULES@|/usr/lib/ldap|g" -e "s|@ROOTPW@|$LDAP_PW|g" \
		"$top_srcdir/tests/ldap/slapd.conf.in" >"$SEAL_T/slapd/slapd.conf"
	sed -e "s|@PKI@|$PKI|g" "$top_srcdir/tests/ldap/entries.ldif.in" >"$S/entries.ldif"
	# -d 0: in the foreground as our child, so $! is slapd itself.
	"$SLAPD" -f "$SEAL_T/slapd/slapd.conf" -h "ldap://127.0.0.1:$LDAP_PORT/" -d 0 \
		>"$S/slapd.log" 2>&1 &
	SLAPD_PID=$!
	seal_wait_port "$LDAP_PORT" 20 || bail_out "slapd did not start"
	ldapadd -x -H "ldap://127.0.0.1:$LDAP_PORT/" -D "cn=admin,dc=example,dc=org" \
		-w "$LDAP_PW" -f "$S/entries.ldif" >"$S/ldapadd.log" 2>&1 || bail_out "ldapadd failed"
	CERTS_CONF="smime_ldap_uri = ldap://127.0.0.1:$LDAP_PORT/
smime_ldap_base = dc=example,dc=org
smime_ldap_timeout = 3
smime_ldap_cache_ttl = 0"
fi

# The zip of the unscannable kind: encrypted, so it cannot be read.
printf 'CPR-nr.: 170583-1889\n' >"$S/papers.txt"
(cd "$S" && zip -q -P soak-secret papers.zip papers.txt) || bail_out "zip failed"
rm -f "$S/papers.txt"

REINJECT_PORT=$(seal_free_port 3) || bail_out "no free port"
CONF=$SEAL_MDIR/soak.conf
{
	seal_milter_runtime_keys | grep -v '^\(store\|quarantine_dir\|spool_dir\) ='
	cat <<EOF
store = $STORE_SPEC
quarantine_dir = $QFS/store/quarantine
spool_dir = $QFS/spool
internal_domains = kommune.example
trusted_domains = partner.example
$CERTS_CONF
smime_ca_file = $PKI/ca.pem
pgp_home = $GH
reinject_to = 127.0.0.1:$REINJECT_PORT
action_chain = smime, pgp, divert, refuse
sensitive_action_chain = smime, pgp, hold
unscannable_action = hold
divert_to = borger.example=sikkerpost@kommune.example
divert_service = Digital Post
divert_agency = Soakkommune
language = en
log_level = info
EOF
} >"$CONF"
"$SEALMILTER" -n -c "$CONF" >"$S/config-check.log" 2>&1 ||
	{ cat "$S/config-check.log"; bail_out "configuration rejected"; }

# ---------------------------------------------------------------- processes

# The supervisor: runs sealmilter, and again whenever it ends, until $STOP.
supervise()
{
	local rc
	while [ ! -e "$STOP" ]; do
		if ! seal_milter_start "$CONF"; then
			echo "$(date +%s) start-failed" >>"$EVENTS"
			sleep 1
			continue
		fi
		echo "$SEAL_MILTER_PID" >"$S/milter.pid"
		echo "$(date +%s) start $SEAL_MILTER_PID" >>"$EVENTS"
		wait "$SEAL_MILTER_PID"
		rc=$?
		echo "$(date +%s) exit $SEAL_MILTER_PID $rc" >>"$EVENTS"
	done
}

milter_pid()
{
	cat "$S/milter.pid" 2>/dev/null
}

# Every minute: RSS (kB) and open descriptors of the running sealmilter.
monitor()
{
	local m=0 pid rss fds up
	while [ ! -e "$STOP" ]; do
		pid=$(milter_pid)
		rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
		up=$(( $(date +%s) - $(stat -c %Y "/proc/$pid" 2>/dev/null || date +%s) ))
		echo "minute $m pid $pid up ${up}s rss_kb ${rss:-?} fds $fds" | tee -a "$MONITOR"
		m=$((m + 1))
		sleep 60 &
		wait $!
	done
}

fault_log()
{
	echo "$(date +%s) $*" >>"$FAULTS"
	say "fault: $*"
}

hold_for()	# a random outage of 5-20 s
{
	sleep $((5 + RANDOM % 16))
}

fault()
{
	case $1 in
	kill-milter)
		fault_log start kill-milter "pid $(milter_pid)"
		kill -KILL "$(milter_pid)" 2>/dev/null
		;;
	pg-restart)
		fault_log start pg-restart
		seal_pg_stop
		hold_for
		seal_pg_start_again || seal_pg_start_again
		fault_log end pg-restart
		;;
	store-full)
		fault_log start store-full
		dd if=/dev/zero of="$QFS/filler" bs=64k >/dev/null 2>&1
		fault_log full "$(df -k --output=avail "$QFS" | tail -n 1 | tr -d ' ') kB free"
		hold_for
		rm -f "$QFS/filler"
		fault_log end store-full
		;;
	reinject-stop)
		fault_log start reinject-stop
		postconf -c "$SEAL_PF_CONF" -M# "127.0.0.1:$REINJECT_PORT/inet" &&
			postfix -c "$SEAL_PF_CONF" reload >/dev/null 2>&1
		hold_for
		cp "$S/master.cf" "$SEAL_PF_CONF/master.cf"
		postfix -c "$SEAL_PF_CONF" reload >/dev/null 2>&1
		fault_log end reinject-stop
		;;
	gpg-agent-kill)
		fault_log start gpg-agent-kill
		gpgconf --homedir "$GH" --kill gpg-agent >/dev/null 2>&1
		;;
	slapd-freeze)
		fault_log start slapd-freeze
		kill -STOP "$SLAPD_PID"
		hold_for
		kill -CONT "$SLAPD_PID"
		fault_log end slapd-freeze
		;;
	esac
}

faults()
{
	local kinds="kill-milter store-full reinject-stop gpg-agent-kill" k end
	[ "$STORE" = pg ] && kinds="$kinds pg-restart"
	[ "$LDAP" = 1 ] && kinds="$kinds slapd-freeze"
	end=$(( $(date +%s) + DURATION ))
	while [ ! -e "$STOP" ]; do
		for k in $(printf '%s\n' $kinds | shuf); do
			sleep $((GAP_MIN + RANDOM % (GAP_MAX - GAP_MIN + 1)))
			[ "$(date +%s)" -lt "$end" ] && [ ! -e "$STOP" ] || return 0
			fault "$k"
		done
	done
}

seal_pf_create || bail_out "postfix config"
seal_pf_add_reinject "$REINJECT_PORT" || bail_out "no reinjection listener"
# Enough smtpd processes for the client and the reinjections.
postconf -c "$SEAL_PF_CONF" default_process_limit=100 >/dev/null
cp "$SEAL_PF_CONF/master.cf" "$S/master.cf"
seal_sink_start || bail_out "smtp-sink did not start"
# (its stderr: the shell's "Killed" notices after each SIGKILL)
supervise 2>>"$S/supervisor.err" &
SUP_PID=$!
n=300
while [ ! -s "$S/milter.pid" ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
[ -s "$S/milter.pid" ] || bail_out "sealmilter did not start"
# Descriptors of the idle daemon before any mail: the end is compared with it.
sleep 1
BASE_FDS=$(ls "/proc/$(milter_pid)/fd" 2>/dev/null | wc -l)
seal_pf_start || bail_out "postfix did not start"
seal_wait_port "$REINJECT_PORT" 20 || bail_out "reinjection listener did not start"

client()	# client ARGS...: soak_client.py against our Postfix
{
	python3 "$SOAK_DIR/soak_client.py" --port "$SEAL_SMTP_PORT" --journal "$JOURNAL" \
		--zip "$S/papers.zip" "$@"
}

# ---------------------------------------------------------------- measure, then soak

if [ -z "$RATE" ]; then
	say "measuring the maximum rate for $MEASURE s (no faults)"
	MAX=$(client --measure --duration "$MEASURE" --drain 120 --workers 8 --prefix max) ||
		bail_out "measuring failed"
	RATE=$(awk -v m="$MAX" 'BEGIN { r = m * 0.8; if (r < 0.05) r = 0.05; printf "%.2f", r }')
	say "maximum $MAX messages/s; soaking at $RATE messages/s (80%)"
else
	MAX="(not measured)"
	say "soaking at $RATE messages/s (--rate)"
fi
say "soak for $DURATION s, store $STORE, LDAP $LDAP, faults every $GAP_MIN-$GAP_MAX s"
monitor &
MON_PID=$!
faults &
FAULT_PID=$!
client --rate "$RATE" --duration "$DURATION" --drain "$DRAIN" --workers 16 --prefix soak |
	while IFS= read -r l; do say "client: $l"; done
wait "$FAULT_PID" 2>/dev/null
FAULT_PID=""
# Every fault has ended; what Postfix still holds goes out now.
seal_flush
seal_queue_empty 300 || say "Postfix queue did not drain in 300 s"
seal_port_idle "$SEAL_SINK_PORT" 60 || say "sink connections still open"
seal_queue_empty 10
QUEUED=$(postqueue -c "$SEAL_PF_CONF" -j 2>/dev/null | wc -l)
touch "$STOP"
kill "$MON_PID" 2>/dev/null
wait "$MON_PID" 2>/dev/null
MON_PID=""
LAST_PID=$(milter_pid)
LAST_FDS=$(ls "/proc/$LAST_PID/fd" 2>/dev/null | wc -l)
# What they are, for the report when there are more than at the start.
ls -l "/proc/$LAST_PID/fd" 2>/dev/null | awk 'NR > 1 { sub(/:\[.*/, "", $NF); print $NF }' |
	sort | uniq -c >"$S/fds-at-end.txt"
LAST_RSS=$(awk '/^VmRSS:/ { print $2 }' "/proc/$LAST_PID/status" 2>/dev/null)
kill -TERM "$LAST_PID" 2>/dev/null
wait "$SUP_PID"
SUP_PID=""

# ---------------------------------------------------------------- account

"$SEALCTL" -c "$CONF" quarantine list --all --json >"$S/held.json" 2>"$S/sealctl.err" ||
	{ cat "$S/sealctl.err"; bail_out "sealctl quarantine list failed"; }
echo
echo "==== soak summary: $DURATION s, store $STORE, maximum $MAX/s, rate $RATE/s"
python3 "$SOAK_DIR/soak_account.py" --journal "$JOURNAL" --sink "$SEAL_SINK" \
	--held "$S/held.json" --pki "$PKI" --gnupg "$GHD" --faults "$FAULTS" \
	--milter-log "$SEAL_MLOG" --allow "${SOAK_ALLOW:-}"
FAIL=$?
violation()
{
	echo "VIOLATION: $*"
	FAIL=1
}

[ "${QUEUED:-0}" -eq 0 ] || violation "$QUEUED messages left in Postfix's queue"

# sealmilter's ends: SIGKILL (exit 137) only by the harness, SIGTERM at the end.
kills=$(grep -c ' start kill-milter' "$FAULTS" 2>/dev/null)
k137=$(awk '$2 == "exit" && $4 == 137' "$EVENTS" | wc -l)
other=$(awk '$2 == "exit" && $4 != 137 && $3 != "'"$LAST_PID"'"' "$EVENTS" | wc -l)
echo "sealmilter: $(grep -c ' start ' "$EVENTS") starts, $k137 killed (harness: $kills), $other other exits"
[ "$k137" -le "$kills" ] || violation "sealmilter killed more often than the harness did"
[ "$other" -eq 0 ] || violation "sealmilter ended by itself $other times (crash)"
awk '$2 == "exit" && $3 == "'"$LAST_PID"'" && $4 != 0 { exit 1 }' "$EVENTS" ||
	violation "sealmilter did not stop cleanly on SIGTERM at the end"
if grep -q -E 'AddressSanitizer|LeakSanitizer|runtime error:' "$SEAL_MDIR/stdout.log" 2>/dev/null; then
	violation "sanitizer report in sealmilter's output"
	grep -E -m 5 'ERROR|runtime error' "$SEAL_MDIR/stdout.log"
fi

# No number in any log.
seal_number_patterns 170583-1889 151005-0815 020537-1389 >"$S/numbers.pat"
logs=("$SEAL_MLOG" "$SEAL_MDIR/stdout.log" "$SEAL_MAILLOG" "$EVENTS" "$FAULTS" "$JOURNAL")
[ "$STORE" = pg ] && logs+=("$SEAL_PG_DIR/log")
[ "$LDAP" = 1 ] && logs+=("$S/slapd.log")
for f in "${logs[@]}"; do
	if [ -f "$f" ] && grep -q -E -f "$S/numbers.pat" "$f"; then
		violation "identity number in clear in $(basename "$f") ($(grep -c -E -f "$S/numbers.pat" "$f") lines)"
	fi
done
[ -s "$SEAL_MLOG" ] || violation "sealmilter's log is empty"

# RSS and descriptors. Under load the descriptors follow the number of
# open milter connections, so: the idle daemon after the drain has as
# many as the idle daemon before any mail (+4), and no sample over 256.
# RSS: flat within each run of sealmilter that lasted at least three
# samples (the first is the warm-up): from the second to the last sample
# within 25% + 8 MB.
echo "RSS / descriptors (first and last sample of each run of sealmilter):"
awk '
	$2 == "" { next }
	{ pid = $4; rss = $8; fd = $10
	  if (rss == "?") next
	  n[pid]++
	  if (n[pid] == 1) { order[++np] = pid; r1[pid] = rss; f1[pid] = fd }
	  if (n[pid] == 2) r2[pid] = rss
	  rl[pid] = rss; fl[pid] = fd
	  if (fd > fmax) fmax = fd }
	END {
		bad = 0
		for (i = 1; i <= np; i++) {
			p = order[i]
			printf "  pid %-8s samples %3d  rss_kb %7d -> %7d  fds %4d -> %4d\n", p, n[p], r1[p], rl[p], f1[p], fl[p]
			if (n[p] >= 3 && rl[p] > r2[p] * 1.25 + 8192) {
				printf "  pid %s grew: rss_kb %d -> %d\n", p, r2[p], rl[p]
				bad = 1
			}
		}
		printf "  most descriptors in a sample: %d\n", fmax
		if (fmax > 256) bad = 1
		exit bad
	}' "$MONITOR" || violation "RSS or descriptors grew"
echo "idle before any mail: $BASE_FDS descriptors"
[ "${LAST_FDS:-0}" -le $((BASE_FDS + 4)) ] ||
	{ violation "idle daemon holds $LAST_FDS descriptors at the end, $BASE_FDS at the start"
	  sed 's/^/    /' "$S/fds-at-end.txt"; }
echo "at the end: pid $LAST_PID rss_kb ${LAST_RSS:-?} fds $LAST_FDS"

if [ "$FAIL" -ne 0 ]; then
	echo "==== soak FAILED"
	SEAL_KEEP=1
	exit 1
fi
echo "==== soak passed"
exit 0
