#!/bin/bash
# bench_mta.sh - end-to-end throughput of a private Postfix on loopback,
# alone and with a milter (nullmilter, sealmilter, rspamd's milter proxy),
# measured as messages delivered to smtp-sink per second, with the CPU the
# filter spends per message.
#
# Usage (as root, Debian 12, after contrib/install-deps.sh and `make bench`):
#   contrib/bench/bench_mta.sh [-b BUILDDIR] [-n N] [-l BYTES] [-s "10 50"]
#                              [-r ROUNDS] [-S "SETUP..."] [-t SECONDS]
#
# Setups (-S; default all but the two encryption setups):
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
#   sealbase-unix  as seal-unix with the sealmilter binary named by
#                  BENCH_SEALMILTER_BASE (another build, e.g. before a
#                  change: before and after in one rotated run; only with -S)
#   rspamd         rspamd proxy worker in milter mode with one CPR regexp
#                  rule, a private instance (own config, pid file, socket);
#                  the Debian package is installed if missing
#
# Method: for each setup and session count, smtp-source sends N messages of
# BYTES filler bytes (no identity numbers, so sealmilter lets them pass: the
# cost of scanning clean mail, the common case), one message per SMTP
# session, from from@kommune.example to someone@untrusted.example. The clock
# starts just before smtp-source and stops when smtp-sink has counted all N
# messages and `postqueue -p` shows an empty queue: delivered msgs/s. The
# setups run in ROUNDS rounds (default 3), each round in a rotated order
# (round 2 starts with the second setup, ...), and the median is reported,
# so a disturbance of the shared machine does not fall on one setup. For
# every run the filter's CPU time per message is read from /proc (its
# process tree: threads, rspamd's workers, the gpg runs it waited for), and
# the CPU everything else on the machine used meanwhile (so a disturbed run
# shows). Before each setup 20 warm-up messages go through, which also
# proves the setup passes mail.
#
# The encryption setups (sealsmime-unix, sealpgp-unix; only with -S) send
# the same messages with the force tag "[secure]" in the Subject, so
# sealmilter encrypts every one for the recipient, whose certificate or key
# is made at start in the temp dir. After the warm-up one message goes the
# same way to a second smtp-sink that keeps it, which must have arrived as
# application/pkcs7-mime or multipart/encrypted.
#
# Defaults (N=2000, 10 KB, sessions 10 and 50, 8 setups, 3 rounds) take
# about 10-14 minutes on 2 cores; rounds after the first stop once -t
# seconds (540) have passed; every run is cut off after max(60, N/10) s.
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
BENCH_SETUPS="postfix null-unix null-inet nullfull-unix nullfull-inet seal-unix seal-inet rspamd"
BENCH_FROM=from@kommune.example
BENCH_TO=someone@untrusted.example

bench_usage()
{
	sed -n '7,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
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

# Clock ticks of a process tree: PID and every live descendant, each with
# the children it has reaped (a process that ended during the run is
# counted in its parent's), or 0. For rspamd (a main process and its
# workers) and Postfix (master and its daemons).
bench_tree_ticks()
{
	local pid=$1
	[ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || { echo 0; return; }
	# /proc/PID/stat: the name in parentheses may hold spaces; after its
	# ") " come state, ppid, ... utime (12), stime (13), cutime, cstime.
	# cat, not awk, opens the files: a process may end meanwhile.
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$pid" '
	{
		id = $1
		sub(/^.*\) /, "")
		ppid[id] = $2; t[id] = $12 + $13 + $14 + $15
	}
	END {
		sum = 0
		for (p in t) {
			q = p
			for (d = 0; d < 64 && q != "" && q != root && q > 1; d++)
				q = ppid[q]
			if (q == root)
				sum += t[p]
		}
		print sum
	}'
}

# Busy clock ticks of the whole machine (all CPUs): /proc/stat's cpu line
# less idle and iowait.
bench_machine_ticks()
{
	awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

# Ticks of what the benchmark itself runs besides the filter: the private
# Postfix (master and its daemons), the counting sink, and this shell with
# the children it waited for (smtp-source, postqueue).
bench_own_ticks()
{
	local master
	master=$(cat "$SEAL_PF_QUEUE/pid/master.pid" 2>/dev/null | tr -d ' ')
	echo $(( $(bench_tree_ticks "$master") + $(bench_cpu_ticks "$BENCH_SINK_PID") + $(bench_cpu_ticks $$) ))
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
	seal|sealsmime|sealpgp|sealbase)
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
		if [ "$kind" = sealbase ]; then
			# Another build of sealmilter (e.g. before a change), same setup.
			[ -x "$BENCH_SEALMILTER_BASE" ] || return 1
			SEALMILTER=$BENCH_SEALMILTER_BASE seal_milter_start "$conf" || return 1
			BENCH_MILTER_PID=$SEAL_MILTER_PID
			BENCH_MILTER_PF="unix:$SEAL_SOCK"
			return 0
		fi
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

# rspamd is a setup of this benchmark only (not a test dependency): the
# Debian package is installed here when missing. Its own service, if the
# package started one, is left alone; the setup runs a private instance.
bench_install_rspamd()
{
	command -v rspamd >/dev/null && return 0
	bench_log "installing rspamd (Debian package) for the rspamd setup"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		-o DPkg::Lock::Timeout=900 rspamd >&2 ||
		bench_log "rspamd could not be installed: its setup will fail"
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
# "setup sessions delivered/s accepted/s filter-cpu-ms/msg other-cpus
# status" to $BENCH_RES. The filter's CPU is its whole process tree
# (sealmilter's threads, the gpg it waited for, rspamd's workers);
# other-cpus is what everything else on the machine used meanwhile (all
# busy CPU time less the filter, the private Postfix, the sink and this
# script with smtp-source), in CPUs: near 0 on an undisturbed machine.
bench_run()
{
	local setup=$1 s=$2 before c0 c1 m0 m1 o0 o1 t0 t1 t2 rc limit log fpid
	log=$SEAL_T/run-$setup-$s.log
	limit=$(( BENCH_N / 10 > 60 ? BENCH_N / 10 : 60 ))
	fpid=${BENCH_MILTER_PID:-$BENCH_RSPAMD_PID}
	before=$(bench_sink_count)
	c0=$(bench_tree_ticks "$fpid")
	o0=$(bench_own_ticks)
	m0=$(bench_machine_ticks)
	t0=$(bench_now)
	bench_send "$BENCH_N" "$s" "$log"
	rc=$?
	t1=$(bench_now)
	if [ $rc -ne 0 ]; then
		bench_log "$setup/$s: smtp-source exit $rc: $(tail -n 2 "$log" | tr '\n' ' ')"
		echo "$setup $s - - - - FAIL(smtp-source)" >>"$BENCH_RES"
		bench_purge_queue
		return 1
	fi
	if ! t2=$(bench_drain "$before" "$BENCH_N" \
		"$(awk -v a="$t0" -v l="$limit" 'BEGIN { printf "%.3f", a + l }')"); then
		bench_log "$setup/$s: not drained in ${limit}s (sink $(( $(bench_sink_count) - before ))/$BENCH_N)"
		echo "$setup $s - - - - FAIL(timeout)" >>"$BENCH_RES"
		bench_purge_queue
		return 1
	fi
	m1=$(bench_machine_ticks)
	c1=$(bench_tree_ticks "$fpid")
	o1=$(bench_own_ticks)
	awk -v setup="$setup" -v s="$s" -v n="$BENCH_N" -v t0="$t0" -v t1="$t1" \
		-v t2="$t2" -v c0="$c0" -v c1="$c1" -v m0="$m0" -v m1="$m1" \
		-v o0="$o0" -v o1="$o1" -v hz="$(getconf CLK_TCK)" \
		-v pid="$fpid" 'BEGIN {
		cpu = pid == "" ? "-" : sprintf("%.3f", (c1 - c0) * 1000 / hz / n)
		other = (m1 - m0) - (c1 - c0) - (o1 - o0)
		if (other < 0) other = 0
		printf "%s %s %.1f %.1f %s %.2f ok\n", setup, s, n / (t2 - t0),
			n / (t1 - t0), cpu, other / hz / (t2 - t0)
	}' | tee -a "$BENCH_RES" | sed 's/^/# result: /' >&2
}

# ---------------------------------------------------------------- report

# Median per setup and session count, with the ratios to Postfix alone and
# to the do-nothing milter (null-unix, or null-inet for an inet setup) in
# the same run, the filter's CPU per message (median and range) and the
# CPU the rest of the machine used.
bench_report()
{
	echo
	echo "sealmilter MTA benchmark: $BENCH_N messages x $BENCH_LEN bytes, one per SMTP session,"
	echo "Postfix $(postconf -d -h mail_version 2>/dev/null), $(nproc) CPUs, median of up to $BENCH_REPEAT rounds,"
	echo "order of the setups rotated every round"
	echo "msgs/s:     N / (first message .. sink counted N and queue empty)"
	echo "/postfix, /null: msgs/s over Postfix alone's and over the do-nothing milter's"
	echo "filter CPU: user+sys ms per message of the filter's processes (median [min-max])"
	echo "others:     CPUs used meanwhile by everything else on the machine (median [max])"
	echo
	awk -v sessions="$BENCH_SESSIONS" -v setups="$BENCH_SETUPS" '
	function median(list,   a, n, i, j, t) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		if (n == 0) return ""
		lo = a[1]; hi = a[n]
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	$7 == "ok" {
		k = $1 SUBSEP $2
		dl[k] = dl[k] " " $3; cp[k] = cp[k] " " $5; ot[k] = ot[k] " " $6
		next
	}
	{ st[$1 SUBSEP $2] = $7 }
	END {
		printf "%-14s %4s %8s %8s %6s %22s %8s %12s\n", "setup", "sess", "msgs/s",
			"/postfix", "/null", "filter CPU ms/msg", "cpu/null", "others"
		ns = split(sessions, S, " ")
		nu = split(setups, U, " ")
		for (i = 1; i <= nu; i++)
			for (j = 1; j <= ns; j++) {
				k = U[i] SUBSEP S[j]
				if (k in dl)
					d[k] = median(dl[k])
				if ((k in cp) && cp[k] !~ /-/)
					mc[k] = median(cp[k])
			}
		for (i = 1; i <= nu; i++)
			for (j = 1; j <= ns; j++) {
				k = U[i] SUBSEP S[j]
				if (!(k in dl)) {
					printf "%-14s %4s %8s\n", U[i], S[j],
						(k in st ? st[k] : "not run")
					continue
				}
				kp = "postfix" SUBSEP S[j]
				kn = (U[i] ~ /-inet$/ ? "null-inet" : "null-unix") SUBSEP S[j]
				rp = (kp in d) && d[kp] > 0 ? sprintf("%.2f", d[k] / d[kp]) : "-"
				rn = (kn in d) && d[kn] > 0 ? sprintf("%.2f", d[k] / d[kn]) : "-"
				if (cp[k] ~ /-/)
					c = "-"
				else {
					m = median(cp[k])
					c = sprintf("%.3f [%.3f-%.3f]", m, lo, hi)
				}
				rc = (k in mc) && (kn in mc) && mc[kn] > 0 ? \
					sprintf("%.2f", mc[k] / mc[kn]) : "-"
				m = median(ot[k])
				o = sprintf("%.2f [%.2f]", m, hi)
				printf "%-14s %4s %8.1f %8s %6s %22s %8s %12s\n", U[i], S[j],
					d[k], rp, rn, c, rc, o
			}
		print ""
		print "other ratios of msgs/s:"
		for (j = 1; j <= ns; j++) {
			line = sprintf("  %2s sessions:", S[j])
			split("seal-unix/nullfull-unix seal-inet/nullfull-inet " \
				"sealsmime-unix/seal-unix sealpgp-unix/seal-unix " \
				"seal-unix/rspamd seal-unix/sealbase-unix", P, " ")
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

# bench_rotate K WORD...: the words, starting at the K-th (mod their number).
bench_rotate()
{
	local k=$1
	shift
	k=$(( k % $# ))
	echo "${@:k+1}" "${@:1:k}"
}

# bench_round_setup SETUP ROUND: starts the setup, checks it passes mail,
# measures each session count once, stops it. A setup that fails is
# recorded as failed and not tried again in later rounds.
bench_round_setup()
{
	local setup=$1 r=$2 s why=""
	grep -q "^$setup .*FAIL" "$BENCH_RES" && return 0
	bench_log "setup $setup (round $r)"
	if ! bench_milter_start "$setup"; then
		why=FAIL\(start\)
	else
		bench_set_milter "$BENCH_MILTER_PF" || bail_out "postfix reload"
		if ! bench_warmup "$setup"; then
			why=FAIL\(warm-up\)
			bench_purge_queue
		elif [ "$r" = 1 ] && [ -n "$BENCH_EXPECT_TYPE" ] &&
			! bench_check_encrypted "$setup"; then
			why=FAIL\(not-encrypted\)
		fi
	fi
	if [ -n "$why" ]; then
		for s in $BENCH_SESSIONS; do
			echo "$setup $s - - - - $why" >>"$BENCH_RES"
		done
	else
		for s in $BENCH_SESSIONS; do
			bench_run "$setup" "$s"
		done
	fi
	bench_set_milter ""
	bench_milter_stop
}

bench_main()
{
	local setup r start
	bench_parse_args "$@"
	case " $BENCH_SETUPS " in
	*" rspamd "*) bench_install_rspamd ;;
	esac
	. "$top_srcdir/tests/integration/lib.sh" || exit 1
	bench_prepare
	start=$(date +%s)
	bench_log "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
	for r in $(seq 1 "$BENCH_REPEAT"); do
		# Rounds after the first only while the time budget lasts.
		if [ "$r" -gt 1 ] &&
			[ $(( $(date +%s) - start )) -gt "$BENCH_BUDGET" ]; then
			bench_log "time budget used up, skipping round $r"
			break
		fi
		# Each round starts one setup further down the list, so no setup
		# always runs first, last, or after the same neighbour.
		bench_log "round $r: $(bench_rotate $((r - 1)) $BENCH_SETUPS)"
		for setup in $(bench_rotate $((r - 1)) $BENCH_SETUPS); do
			bench_round_setup "$setup" "$r"
		done
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
