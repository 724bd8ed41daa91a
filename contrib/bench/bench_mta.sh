#!/bin/bash
# bench_mta.sh - end-to-end throughput of a private Postfix on loopback,
# alone and with a milter (nullmilter, sealmilter; rspamd when asked for),
# measured as messages delivered to smtp-sink per second.
#
# Usage (as root, Debian 12, after contrib/install-deps.sh and `make bench`):
#   contrib/bench/bench_mta.sh [-b BUILDDIR] [-n N] [-l BYTES] [-s "10 50"]
#                              [-r REPEAT] [-S "SETUP..."] [-t SECONDS]
#
# Setups (-S; default all but the two encryption setups, rspamd only if
# installed):
#   postfix        Postfix alone, no milter
#   null-unix      nullmilter, every step negotiated away, unix socket
#   null-inet      the same over TCP (inet:PORT@127.0.0.1, TCP_NODELAY)
#   nullfull-unix  nullmilter -full: takes and answers every step
#   nullfull-inet  the same over TCP
#   seal-unix      sealmilter, unix socket inside the queue dir (as shipped)
#   seal-inet      sealmilter over TCP
#   sealsmime-unix sealmilter on the unix socket with an S/MIME certificate
#                  for the recipient, every message encrypted (see below)
#   sealpgp-unix   the same with an OpenPGP key (gpg runs for every message)
#   rspamd         rspamd proxy worker in milter mode with one regexp rule
#                  (only if rspamd is installed; see README.md)
#
# Method: for each setup and session count, smtp-source sends N messages of
# BYTES filler bytes (no identity numbers, so sealmilter lets them pass: the
# cost of scanning clean mail, the common case), one message per SMTP
# session, from from@kommune.example to someone@untrusted.example. The clock
# starts just before smtp-source and stops when smtp-sink has counted all N
# messages and `postqueue -p` shows an empty queue: delivered msgs/s. The
# rate at which smtp-source got its 250s is printed too (accepted/s), and the
# milter's CPU time per message from /proc/PID/stat (with the gpg
# processes it ran). Before each setup 20 warm-up messages go through,
# which also proves the setup passes mail.
#
# The encryption setups (sealsmime-unix, sealpgp-unix; only with -S) send
# the same messages with the force tag "[secure]" in the Subject, so
# sealmilter encrypts every one for the recipient, whose certificate or key
# is made at start in the temp dir. After the warm-up one message goes the
# same way to a second smtp-sink that keeps it, which must have arrived as
# application/pkcs7-mime or multipart/encrypted.
#
# Defaults (N=2000, 10 KB, sessions 10 and 50, 7 setups) take about 4-6
# minutes on 2 cores; every run is cut off after max(60, N/10) seconds.
# Figures are only comparable on an otherwise idle machine: the load
# average is printed at the start.
#
# Uses tests/integration/lib.sh for the private Postfix, ports and the
# sealmilter configuration; everything lives in one temp dir that is removed
# at exit (SEAL_KEEP=1 keeps it).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$BENCH_DIR/../.." && pwd)}"

BENCH_N=2000
BENCH_LEN=10240
BENCH_SESSIONS="10 50"
BENCH_REPEAT=3
BENCH_BUDGET=540
BENCH_SETUPS="postfix null-unix null-inet nullfull-unix nullfull-inet seal-unix seal-inet"
BENCH_FROM=from@kommune.example
BENCH_TO=someone@untrusted.example

bench_usage()
{
	sed -n '5,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	exit 64
}

bench_parse_args()
{
	local opt
	while getopts b:n:l:s:r:S:t:h opt; do
		case $opt in
		b) top_builddir=$(cd "$OPTARG" && pwd) || exit 64 ;;
		n) BENCH_N=$OPTARG ;;
		l) BENCH_LEN=$OPTARG ;;
		s) BENCH_SESSIONS=$OPTARG ;;
		r) BENCH_REPEAT=$OPTARG ;;
		S) BENCH_SETUPS=$OPTARG ;;
		t) BENCH_BUDGET=$OPTARG ;;
		*) bench_usage ;;
		esac
	done
}

# ---------------------------------------------------------------- helpers

bench_log()
{
	echo "# $*" >&2
}

bench_now()
{
	date +%s.%N
}

# The sink's running counter (smtp-sink -c writes "sess=.. quit=.. mesg=N"
# separated by CRs); only the tail of the file is read.
bench_sink_count()
{
	local c
	c=$(tail -c 256 "$SEAL_T/sink.out" 2>/dev/null | tr '\r' '\n' |
		sed -n 's/.*mesg=\([0-9][0-9]*\).*/\1/p' | tail -n 1)
	echo "${c:-0}"
}

# smtp-sink without -d: it only counts, so the sink costs next to nothing.
bench_sink_start()
{
	smtp-sink -u root -c "127.0.0.1:$SEAL_SINK_PORT" 256 \
		>"$SEAL_T/sink.out" 2>&1 </dev/null &
	BENCH_SINK_PID=$!
	SEAL_PIDS="$SEAL_PIDS $BENCH_SINK_PID"
	seal_wait_port "$SEAL_SINK_PORT" 30
}

# Clock ticks of user+system time of PID (all threads) and of the children
# it has waited for (the gpg processes GPGME runs), or 0.
bench_cpu_ticks()
{
	local pid=$1
	if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
		sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 + $14 + $15 }'
	else
		echo 0
	fi
}

bench_queue_empty()
{
	postqueue -c "$SEAL_PF_CONF" -p 2>/dev/null | grep -q 'Mail queue is empty'
}

# bench_set_milter POSTFIX-SPELLING|"": points smtpd at the milter (or at
# none) and reloads; old smtpd processes exit once their client is done.
bench_set_milter()
{
	postconf -c "$SEAL_PF_CONF" -e "smtpd_milters = $1" \
		"non_smtpd_milters = $1" || return 1
	postfix -c "$SEAL_PF_CONF" reload >/dev/null 2>&1 || return 1
	sleep 2
}

# bench_wait_port_or_socket SPEC PID: until the milter listens.
bench_wait_listen()
{
	local spec=$1 pid=$2 n=100 port
	while [ $n -gt 0 ]; do
		case $spec in
		unix:*) [ -S "${spec#unix:}" ] && return 0 ;;
		inet:*)
			port=${spec#inet:}
			port=${port%@*}
			ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && return 0
			;;
		esac
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# ---------------------------------------------------------------- milters

# bench_milter_start SETUP: starts the setup's milter; sets BENCH_MILTER_PID
# and BENCH_MILTER_PF (Postfix's spelling of its socket).
bench_milter_start()
{
	local setup=$1 kind=${1%-*} sock=${1##*-} spec flag="" conf
	BENCH_MILTER_PID=""
	BENCH_MILTER_PF=""
	BENCH_SUBJECT=""
	BENCH_EXPECT_TYPE=""
	[ "$setup" = postfix ] && return 0
	[ "$setup" = rspamd ] && { bench_rspamd_start; return; }
	if [ "$sock" = inet ]; then
		spec="inet:$BENCH_MILTER_PORT@127.0.0.1"
		BENCH_MILTER_PF="inet:127.0.0.1:$BENCH_MILTER_PORT"
	fi
	case $kind in
	null|nullfull)
		[ "$kind" = nullfull ] && flag=-full
		if [ "$sock" = unix ]; then
			mkdir -p "$SEAL_PF_QUEUE/nullmilter"
			chmod 0755 "$SEAL_PF_QUEUE/nullmilter"
			spec="unix:$SEAL_PF_QUEUE/nullmilter/null.sock"
			BENCH_MILTER_PF=$spec
			rm -f "${spec#unix:}"
		fi
		# umask 0: smtpd runs as postfix and must write to the socket.
		(umask 0; exec "$NULLMILTER" $flag "$spec") \
			>>"$SEAL_T/nullmilter.log" 2>&1 </dev/null &
		BENCH_MILTER_PID=$!
		# lib.sh's exit trap stops what SEAL_PIDS lists.
		SEAL_PIDS="$SEAL_PIDS $BENCH_MILTER_PID"
		;;
	seal|sealsmime|sealpgp)
		conf=$BENCH_SEAL_CONF
		# The force tag makes every message go through the action chain.
		case $kind in
		sealsmime)
			conf=$BENCH_SMIME_CONF
			BENCH_SUBJECT="[secure] bench"
			BENCH_EXPECT_TYPE=application/pkcs7-mime
			;;
		sealpgp)
			conf=$BENCH_PGP_CONF
			BENCH_SUBJECT="[secure] bench"
			BENCH_EXPECT_TYPE=multipart/encrypted
			;;
		esac
		seal_milter_prepare
		if [ "$sock" = unix ]; then
			# The shipped layout: socket in a directory of the queue dir.
			seal_milter_start "$conf" || return 1
			BENCH_MILTER_PID=$SEAL_MILTER_PID
			BENCH_MILTER_PF="unix:$SEAL_SOCK"
			return 0
		fi
		"$SEALMILTER" -f -c "$conf" -p "$spec" \
			>>"$SEAL_MDIR/stdout.log" 2>&1 </dev/null &
		BENCH_MILTER_PID=$!
		SEAL_MILTER_PID=$BENCH_MILTER_PID
		;;
	*)
		bench_log "unknown setup $setup"
		return 1
		;;
	esac
	bench_wait_listen "$spec" "$BENCH_MILTER_PID" && return 0
	bench_log "$setup: milter did not start; last lines of its output:"
	tail -n 5 "$SEAL_T/nullmilter.log" "$SEAL_MDIR/stdout.log" "$SEAL_MLOG" \
		2>/dev/null | seal_mask_filter | sed 's/^/#   /' >&2
	return 1
}

# SIGTERM, wait up to 10 s (libmilter takes about 5), then SIGKILL.
bench_milter_stop()
{
	local pid=$BENCH_MILTER_PID
	bench_rspamd_stop
	[ -n "$pid" ] || return 0
	seal_stop_pid "$pid" 100
	[ "$SEAL_MILTER_PID" = "$pid" ] && SEAL_MILTER_PID=""
	SEAL_PIDS=$(printf '%s\n' $SEAL_PIDS | grep -vx "$pid" | tr '\n' ' ')
	BENCH_MILTER_PID=""
	return 0
}

# ---------------------------------------------------------------- keys

# Test material for the encryption setups, also used by bench_encrypt.sh.

# bench_make_certs DIR ADDRESS...: a test CA (DIR/ca.pem, EC P-256) and for
# each address a certificate signed by it (DIR/certs/ADDRESS.pem, the
# smime_cert_dir; key in DIR/keys): EC P-256, key agreement, email
# protection, the address as subjectAltName, valid for a year.
bench_make_certs()
{
	local dir=$1 a ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
	shift
	mkdir -p "$dir/certs" "$dir/keys" || return 1
	# -config /dev/null: none of the system openssl.cnf's defaults.
	# shellcheck disable=SC2086  # $ec is a list of options
	openssl req -x509 $ec -keyout "$dir/ca.key" -out "$dir/ca.pem" -days 365 \
		-subj "/CN=sealmilter bench CA" -config /dev/null \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null || return 1
	for a in "$@"; do
		printf '%s\n' "basicConstraints = CA:FALSE" \
			"keyUsage = critical, keyAgreement, digitalSignature" \
			"extendedKeyUsage = emailProtection" \
			"subjectAltName = email:$a" >"$dir/$a.ext"
		# shellcheck disable=SC2086
		openssl req -new $ec -keyout "$dir/keys/$a.key" -out "$dir/$a.csr" \
			-subj "/CN=$a" -config /dev/null 2>/dev/null &&
			openssl x509 -req -in "$dir/$a.csr" -CA "$dir/ca.pem" \
				-CAkey "$dir/ca.key" -CAcreateserial -days 365 \
				-extfile "$dir/$a.ext" -out "$dir/certs/$a.pem" 2>/dev/null ||
			return 1
	done
}

# bench_make_pgp_keys HOME ADDRESS...: a GnuPG home with one key per
# address (ed25519/cv25519, no passphrase, valid for a year).
bench_make_pgp_keys()
{
	local home=$1 a
	shift
	mkdir -p "$home" && chmod 0700 "$home" || return 1
	for a in "$@"; do
		gpg --homedir "$home" --batch --no-tty --quiet --passphrase '' \
			--pinentry-mode loopback --quick-gen-key "${a%@*} <$a>" \
			future-default default 1y 2>/dev/null || return 1
	done
	# The agent gpg started for this is not needed to encrypt: stop it
	# (it runs as root; the home changes owner next).
	gpgconf --homedir "$home" --kill all 2>/dev/null
	return 0
}

# bench_prepare_keys: the configurations of the encryption setups asked for
# (-S), with a certificate or key for BENCH_TO the daemon's user can read.
bench_prepare_keys()
{
	local u=sealmilter
	getent passwd $u >/dev/null || u=root
	case " $BENCH_SETUPS " in
	*" sealsmime-"*)
		bench_make_certs "$SEAL_T/pki" "$BENCH_TO" ||
			bail_out "cannot make the S/MIME test certificates"
		chown -R "$u" "$SEAL_T/pki"
		BENCH_SMIME_CONF=$(bench_seal_conf bench-smime \
			"smime_cert_dir = $SEAL_T/pki/certs" "smime_ca_file = $SEAL_T/pki/ca.pem")
		;;
	esac
	case " $BENCH_SETUPS " in
	*" sealpgp-"*)
		bench_make_pgp_keys "$SEAL_T/gnupg" "$BENCH_TO" ||
			bail_out "cannot make the OpenPGP test key"
		# gpg wants its home owned by the user running it.
		chown -R "$u" "$SEAL_T/gnupg"
		BENCH_PGP_CONF=$(bench_seal_conf bench-pgp "pgp_home = $SEAL_T/gnupg")
		;;
	esac
}

# Stops a gpg-agent sealmilter's gpg may have started in the bench's home.
bench_gpg_stop()
{
	[ -d "${SEAL_T:-}/gnupg" ] &&
		gpgconf --homedir "$SEAL_T/gnupg" --kill all 2>/dev/null
	return 0
}

# bench_check_encrypted SETUP: the counting sink keeps nothing, so one more
# message goes the same way (smtp-source, Postfix, the milter) to a second
# smtp-sink that writes it to a file, Postfix's relayhost pointing there for
# the moment. Its top-level Content-Type must be BENCH_EXPECT_TYPE.
bench_check_encrypted()
{
	local setup=$1 dir=$SEAL_T/check-$1 port pid f="" n=300 ct
	port=$(seal_free_port 4) || return 1
	mkdir -p "$dir"
	smtp-sink -u root -d "$dir/%M." "127.0.0.1:$port" 10 \
		>"$SEAL_T/check-$setup.out" 2>&1 </dev/null &
	pid=$!
	SEAL_PIDS="$SEAL_PIDS $pid"
	if seal_wait_port "$port" 30 && bench_set_relay "$port" &&
		bench_send 1 1 "$SEAL_T/check-$setup.log"; then
		while [ $n -gt 0 ]; do
			f=$(find "$dir" -type f | head -n 1)
			[ -n "$f" ] && bench_queue_empty && break
			sleep 0.1
			n=$((n - 1))
		done
	fi
	bench_set_relay "$SEAL_SINK_PORT" || bail_out "postfix reload"
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	SEAL_PIDS=$(printf '%s\n' $SEAL_PIDS | grep -vx "$pid" | tr '\n' ' ')
	if [ -z "$f" ]; then
		bench_log "$setup: check: the message did not arrive"
		bench_purge_queue
		return 1
	fi
	# The header block ends at the first empty line (sink lines included).
	ct=$(tr -d '\r' <"$f" | sed '/^$/q' | grep -i '^Content-Type:' | head -n 1)
	bench_log "$setup: check: delivered with ${ct:-no Content-Type}"
	printf '%s\n' "$ct" | grep -qi "^Content-Type: *$BENCH_EXPECT_TYPE"
}

# bench_set_relay PORT: where Postfix delivers (a sink on 127.0.0.1).
bench_set_relay()
{
	postconf -c "$SEAL_PF_CONF" -e "relayhost = [127.0.0.1]:$1" || return 1
	postfix -c "$SEAL_PF_CONF" reload >/dev/null 2>&1 || return 1
	sleep 2
}

# ---------------------------------------------------------------- rspamd (optional)

# rspamd's proxy worker in milter mode, self-scanning, with one regexp rule
# (a CPR-like pattern) so it does a comparable amount of content work.
bench_rspamd_start()
{
	local d=$SEAL_T/rspamd n=100
	command -v rspamd >/dev/null || { bench_log "rspamd not installed"; return 1; }
	mkdir -p "$d/db" "$d/run" "$d/local"
	# Only the regexp module (filters), no DNS-based checks (no resolver
	# here, and they are not what is compared); two proxy processes.
	cat >"$d/rspamd.conf" <<EOF
options {
	pidfile = "$d/run/rspamd.pid";
	filters = "regexp";
	dns { nameserver = ["127.0.0.1:53"]; timeout = 0.5s; retransmits = 1; }
}
logging { type = "file"; filename = "$d/rspamd.log"; level = "${BENCH_RSPAMD_LOGLEVEL:-error}"; }
worker "rspamd_proxy" {
	bind_socket = "127.0.0.1:$BENCH_MILTER_PORT";
	milter = yes;
	timeout = 120s;
	upstream "local" { default = yes; self_scan = yes; }
	count = 2;
}
actions { reject = 150; add_header = 100; }
lua = "$d/rules.lua";
EOF
	# One rule shaped like a CPR number, on the decoded body text.
	cat >"$d/rules.lua" <<'EOF'
config['regexp'] = config['regexp'] or {}
config['regexp']['BENCH_CPR'] = {
	re = '/\\b[0-3][0-9][01][0-9]{3}-?[0-9]{4}\\b/{sa_body}',
	score = 1.0,
}
EOF
	chown -R _rspamd: "$d"
	# rspamd daemonises; its pid file names the main process.
	rspamd -c "$d/rspamd.conf" -u _rspamd -g _rspamd DBDIR="$d/db" \
		RUNDIR="$d/run" LOCAL_CONFDIR="$d/local" \
		>"$d/stdout.log" 2>&1 </dev/null || return 1
	BENCH_MILTER_PF="inet:127.0.0.1:$BENCH_MILTER_PORT"
	while [ $n -gt 0 ] && [ ! -s "$d/run/rspamd.pid" ]; do
		sleep 0.1
		n=$((n - 1))
	done
	BENCH_RSPAMD_PID=$(cat "$d/run/rspamd.pid" 2>/dev/null)
	# The milter CPU column stays empty: the work is in child processes.
	BENCH_MILTER_PID=""
	[ -n "$BENCH_RSPAMD_PID" ] || return 1
	# Hyperscan compiles the rule in a helper after start-up.
	bench_wait_listen "inet:$BENCH_MILTER_PORT@127.0.0.1" "$BENCH_RSPAMD_PID" &&
		sleep 2
}

bench_rspamd_stop()
{
	local pid=${BENCH_RSPAMD_PID:-} n=100
	BENCH_RSPAMD_PID=""
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null
	while [ $n -gt 0 ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.1
		n=$((n - 1))
	done
}

# ---------------------------------------------------------------- one run

# bench_send N SESSIONS LOG: smtp-source into the private Postfix, with
# the setup's Subject (BENCH_SUBJECT) if it has one.
bench_send()
{
	smtp-source -l "$BENCH_LEN" -m "$1" -s "$2" -M client.kommune.example \
		${BENCH_SUBJECT:+-S "$BENCH_SUBJECT"} \
		-f "$BENCH_FROM" -t "$BENCH_TO" "127.0.0.1:$SEAL_SMTP_PORT" \
		>"$3" 2>&1 </dev/null
}

# bench_drain BEFORE N DEADLINE: until the sink counted N more messages and
# the queue is empty; prints the time it happened.
bench_drain()
{
	local before=$1 n=$2 deadline=$3 now
	while :; do
		now=$(bench_now)
		if [ $(( $(bench_sink_count) - before )) -ge "$n" ] && bench_queue_empty; then
			echo "$now"
			return 0
		fi
		awk -v a="$now" -v b="$deadline" 'BEGIN { exit !(a > b) }' && return 1
		sleep 0.05
	done
}

# bench_warmup SETUP: 20 messages must all arrive within 30 s.
bench_warmup()
{
	local before now
	before=$(bench_sink_count)
	now=$(date +%s)
	if ! bench_send 20 5 "$SEAL_T/warmup.log"; then
		bench_log "$1: warm-up: smtp-source failed: $(tail -n 2 "$SEAL_T/warmup.log" | tr '\n' ' ')"
		return 1
	fi
	bench_drain "$before" 20 $((now + 30)) >/dev/null && return 0
	bench_log "$1: warm-up: mail did not arrive (sink $(( $(bench_sink_count) - before ))/20)"
	return 1
}

# Drops whatever a failed run left in the queue, so the next run starts clean.
bench_purge_queue()
{
	postsuper -c "$SEAL_PF_CONF" -d ALL >/dev/null 2>&1
}

# bench_run SETUP SESSIONS: one measured run; appends a result line
# "setup sessions delivered/s accepted/s cpu-ms/msg status" to $BENCH_RES.
bench_run()
{
	local setup=$1 s=$2 before c0 c1 t0 t1 t2 rc limit log
	log=$SEAL_T/run-$setup-$s.log
	limit=$(( BENCH_N / 10 > 60 ? BENCH_N / 10 : 60 ))
	before=$(bench_sink_count)
	c0=$(bench_cpu_ticks "$BENCH_MILTER_PID")
	t0=$(bench_now)
	bench_send "$BENCH_N" "$s" "$log"
	rc=$?
	t1=$(bench_now)
	if [ $rc -ne 0 ]; then
		bench_log "$setup/$s: smtp-source exit $rc: $(tail -n 2 "$log" | tr '\n' ' ')"
		echo "$setup $s - - - FAIL(smtp-source)" >>"$BENCH_RES"
		bench_purge_queue
		return 1
	fi
	if ! t2=$(bench_drain "$before" "$BENCH_N" \
		"$(awk -v a="$t0" -v l="$limit" 'BEGIN { printf "%.3f", a + l }')"); then
		bench_log "$setup/$s: not drained in ${limit}s (sink $(( $(bench_sink_count) - before ))/$BENCH_N)"
		echo "$setup $s - - - FAIL(timeout)" >>"$BENCH_RES"
		bench_purge_queue
		return 1
	fi
	c1=$(bench_cpu_ticks "$BENCH_MILTER_PID")
	awk -v setup="$setup" -v s="$s" -v n="$BENCH_N" -v t0="$t0" -v t1="$t1" \
		-v t2="$t2" -v c0="$c0" -v c1="$c1" -v hz="$(getconf CLK_TCK)" \
		-v pid="$BENCH_MILTER_PID" 'BEGIN {
		cpu = pid == "" ? "-" : sprintf("%.3f", (c1 - c0) * 1000 / hz / n)
		printf "%s %s %.1f %.1f %s ok\n", setup, s, n / (t2 - t0), n / (t1 - t0), cpu
	}' | tee -a "$BENCH_RES" | sed 's/^/# result: /' >&2
}

# ---------------------------------------------------------------- report

# Median per setup and session count, the table, then the ratios.
bench_report()
{
	echo
	echo "sealmilter MTA benchmark: $BENCH_N messages x $BENCH_LEN bytes, one per SMTP session,"
	echo "Postfix $(postconf -d -h mail_version 2>/dev/null), $(nproc) CPUs, median of up to $BENCH_REPEAT runs"
	echo "delivered/s: N / (first message .. sink counted N and queue empty)"
	echo "accepted/s:  N / smtp-source run time;  milter CPU: user+sys ms per message"
	echo "             (with the gpg it runs); seal{smime,pgp}-unix: every message encrypted"
	echo
	awk -v sessions="$BENCH_SESSIONS" -v setups="$BENCH_SETUPS" '
	function median(list,   a, n, i, j, t) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		if (n == 0) return ""
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	$6 == "ok" {
		k = $1 SUBSEP $2
		dl[k] = dl[k] " " $3; ac[k] = ac[k] " " $4; cp[k] = cp[k] " " $5
		next
	}
	{ st[$1 SUBSEP $2] = $6 }
	END {
		printf "%-14s %8s %12s %11s %16s\n", "setup", "sessions",
			"delivered/s", "accepted/s", "milter CPU ms/msg"
		ns = split(sessions, S, " ")
		nu = split(setups, U, " ")
		for (i = 1; i <= nu; i++)
			for (j = 1; j <= ns; j++) {
				k = U[i] SUBSEP S[j]
				if (k in dl) {
					d[k] = median(dl[k])
					c = cp[k] ~ /-/ ? "-" : sprintf("%.3f", median(cp[k]))
					printf "%-14s %8s %12.1f %11.1f %16s\n", U[i], S[j],
						d[k], median(ac[k]), c
				} else
					printf "%-14s %8s %12s %11s %16s\n", U[i], S[j],
						(k in st ? st[k] : "not run"), "-", "-"
			}
		print ""
		print "ratios of delivered/s (1.00 = as fast):"
		for (j = 1; j <= ns; j++) {
			line = sprintf("  %2s sessions:", S[j])
			split("seal-unix/null-unix seal-inet/null-inet " \
				"seal-unix/nullfull-unix seal-inet/nullfull-inet " \
				"seal-unix/postfix seal-inet/postfix " \
				"null-unix/postfix null-inet/postfix rspamd/postfix " \
				"sealsmime-unix/seal-unix sealpgp-unix/seal-unix", P, " ")
			for (q = 1; q in P; q++) {
				split(P[q], ab, "/")
				ka = ab[1] SUBSEP S[j]; kb = ab[2] SUBSEP S[j]
				if ((ka in d) && (kb in d) && d[kb] > 0)
					line = line sprintf("  %s %.2f", P[q], d[ka] / d[kb])
			}
			print line
		}
	}' "$BENCH_RES"
}

# ---------------------------------------------------------------- main

bench_prepare()
{
	NULLMILTER=${NULLMILTER:-$top_builddir/contrib/bench/nullmilter}
	case " $BENCH_SETUPS " in
	*" null"*) [ -x "$NULLMILTER" ] || bail_out "$NULLMILTER missing: make bench" ;;
	esac
	case " $BENCH_SETUPS " in
	*" seal"*) [ -x "$SEALMILTER" ] || bail_out "$SEALMILTER missing: make" ;;
	esac
	command -v smtp-source >/dev/null || bail_out "smtp-source missing (postfix)"
	seal_setup bench
	# rspamd daemonises, so lib.sh's trap does not know it; nor a
	# gpg-agent of the OpenPGP setup.
	trap 'BENCH_RC=$?; bench_rspamd_stop; bench_gpg_stop; (exit $BENCH_RC); seal_cleanup' EXIT
	BENCH_RES=$SEAL_T/results
	: >"$BENCH_RES"
	BENCH_MILTER_PORT=$(seal_free_port 3) || bail_out "no free port"
	seal_pf_create || bail_out "postfix config"
	postconf -c "$SEAL_PF_CONF" -e "smtpd_milters =" "non_smtpd_milters =" ||
		bail_out "postconf"
	# Leave Postfix's defaults for concurrency and flow control alone:
	# the figures should be what an unchanged Postfix does.
	bench_sink_start || bail_out "smtp-sink did not start"
	seal_pf_start || bail_out "postfix did not start"
	BENCH_SEAL_CONF=$(bench_seal_conf bench)
	bench_prepare_keys
}

# bench_seal_conf NAME [LINE...]: a sealmilter configuration (lib.sh's test
# policy) plus these lines and BENCH_SEAL_EXTRA; prints its path.
# spf_check off: the bench client is in mynetworks and the machine has no
# DNS; the lookup cost is not what this measures.
bench_seal_conf()
{
	local name=$1
	shift
	printf '%s\n' "spf_check = no" "$@" ${BENCH_SEAL_EXTRA:+"$BENCH_SEAL_EXTRA"} |
		seal_milter_conf "$name"
}

bench_main()
{
	local setup s r start
	command -v rspamd >/dev/null && BENCH_SETUPS="$BENCH_SETUPS rspamd"
	bench_parse_args "$@"
	. "$top_srcdir/tests/integration/lib.sh" || exit 1
	bench_prepare
	start=$(date +%s)
	bench_log "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
	for setup in $BENCH_SETUPS; do
		bench_log "setup $setup"
		if ! bench_milter_start "$setup"; then
			for s in $BENCH_SESSIONS; do
				echo "$setup $s - - - FAIL(start)" >>"$BENCH_RES"
			done
			bench_milter_stop
			continue
		fi
		bench_set_milter "$BENCH_MILTER_PF" || bail_out "postfix reload"
		if ! bench_warmup "$setup"; then
			for s in $BENCH_SESSIONS; do
				echo "$setup $s - - - FAIL(warm-up)" >>"$BENCH_RES"
			done
			bench_purge_queue
			bench_milter_stop
			continue
		fi
		if [ -n "$BENCH_EXPECT_TYPE" ] && ! bench_check_encrypted "$setup"; then
			for s in $BENCH_SESSIONS; do
				echo "$setup $s - - - FAIL(not-encrypted)" >>"$BENCH_RES"
			done
			bench_set_milter ""
			bench_milter_stop
			continue
		fi
		for r in $(seq 1 "$BENCH_REPEAT"); do
			# Repeats only while the time budget lasts; one run always.
			if [ "$r" -gt 1 ] &&
				[ $(( $(date +%s) - start )) -gt "$BENCH_BUDGET" ]; then
				bench_log "$setup: time budget used up, skipping repeat $r"
				break
			fi
			for s in $BENCH_SESSIONS; do
				bench_run "$setup" "$s"
			done
		done
		bench_set_milter ""
		bench_milter_stop
	done
	bench_log "total time $(( $(date +%s) - start )) s"
	bench_report
	# A setup that failed to start or to pass mail fails the script.
	! grep -q FAIL "$BENCH_RES"
}

# Sourced (by bench_rss.sh) only for the helpers; run otherwise.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	bench_main "$@"
fi
