# lib.sh - shared steps for the end-to-end tests: a private Postfix on
# loopback, smtp-sink as the next hop, sealmilter as the milter, TAP output.
#
# Sourced by bash scripts (tests/integration/t-*.sh, contrib/demo.sh).
# Everything runs in one temporary directory ($SEAL_T) and on 127.0.0.1;
# the system Postfix is never touched. seal_setup installs a trap that stops
# every process this library started, even when a test dies half way.
#
# Needs root: Postfix's master and postdrop, and smtp-sink -u.
#
# Environment read:
#   top_builddir, top_srcdir  set by `make check`; default: the checkout
#   SEALMILTER               daemon binary (default $top_builddir/milter/sealmilter)
#   SEAL_KEEP=1              keep $SEAL_T after the run (debugging)

SEAL_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# seal_no_cleartext: the one "no number in clear" check (file exists and is
# not empty, then grep), shared with the top-level tests.
. "$SEAL_LIB_DIR/../nocleartext.sh"
: "${top_srcdir:=$(cd "$SEAL_LIB_DIR/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${SEALMILTER:=$top_builddir/milter/sealmilter}"
export PATH="$PATH:/usr/sbin:/sbin"

SEAL_T=""
SEAL_PIDS=""            # background processes (sink, daemon) to stop at exit
SEAL_PF_STARTED=0
SEAL_MILTER_PID=""
SEAL_TAP_N=0
SEAL_TAP_FAILED=0
SEAL_PICKED_PORTS=" "

# ---------------------------------------------------------------- TAP

ok()
{
	SEAL_TAP_N=$((SEAL_TAP_N + 1))
	echo "ok $SEAL_TAP_N - $*"
}

not_ok()
{
	SEAL_TAP_N=$((SEAL_TAP_N + 1))
	SEAL_TAP_FAILED=$((SEAL_TAP_FAILED + 1))
	echo "not ok $SEAL_TAP_N - $*"
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check()
{
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# Diagnostics go to the TAP stream as comments. Anything shaped like an
# identity number is masked first, so a leak never spreads into test logs.
diag()
{
	printf '%s\n' "$*" | seal_mask_filter | sed 's/^/# /'
}

diag_file()
{
	local f=$1 n=${2:-40}
	[ -f "$f" ] || { diag "($f missing)"; return; }
	diag "--- last $n lines of $f"
	tail -n "$n" "$f" | seal_mask_filter | sed 's/^/# /'
}

seal_mask_filter()
{
	sed -E 's/([0-9]{6}|[0-9]{8})[-+ ]?[0-9]{4,5}/\1-XXXX/g'
}

done_testing()
{
	echo "1..$SEAL_TAP_N"
}

bail_out()
{
	echo "Bail out! $*"
	exit 1
}

# ---------------------------------------------------------------- ports

# seal_free_port BASE_OFFSET: a TCP port on 127.0.0.1 nobody listens on,
# derived from the PID so parallel test files rarely collide, then probed.
# Ports stay below Linux's ephemeral range (32768-60999): a port in that
# range may be held by a client connection in TIME_WAIT after a busy test,
# and then smtp-sink or smtpd cannot bind it.
seal_free_port()
{
	local off=${1:-0} p i listening
	listening=$(ss -Hltn 2>/dev/null | awk '{print $4}' | sed 's/.*://')
	p=$((12000 + ($$ * 7 + off * 97) % 20000))
	for i in $(seq 1 200); do
		if ! printf '%s\n' $listening | grep -qx "$p" &&
			! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null &&
			[ "${SEAL_PICKED_PORTS#* $p }" = "$SEAL_PICKED_PORTS" ]; then
			SEAL_PICKED_PORTS="$SEAL_PICKED_PORTS$p "
			echo "$p"
			return 0
		fi
		p=$((p + 1))
		[ $p -lt 32000 ] || p=12000
	done
	return 1
}

# ---------------------------------------------------------------- set-up and clean-up

# seal_setup NAME: temp directory, ports, exit trap.
seal_setup()
{
	local name=${1:-t}
	[ "$(id -u)" = 0 ] || bail_out "needs root (private Postfix, smtp-sink -u root)"
	for prog in postfix postqueue smtp-sink swaks ss; do
		command -v $prog >/dev/null || bail_out "$prog not installed (contrib/install-deps.sh)"
	done
	SEAL_T=$(mktemp -d "/tmp/seal-$name.XXXXXX") || bail_out "mktemp"
	# Postfix's smtpd (user postfix) must reach the milter socket below.
	chmod 0755 "$SEAL_T"
	SEAL_PF=$SEAL_T/pf
	SEAL_PF_CONF=$SEAL_PF/conf
	SEAL_PF_QUEUE=$SEAL_PF/queue
	SEAL_SINK=$SEAL_T/sink
	SEAL_MDIR=$SEAL_T/milter
	SEAL_MAILLOG=$SEAL_PF/maillog
	SEAL_SOCKDIR=$SEAL_PF_QUEUE/sealmilter
	SEAL_SOCK=$SEAL_SOCKDIR/sealmilter.sock
	SEAL_MLOG=$SEAL_MDIR/sealmilter.log
	SEAL_SMTP_PORT=$(seal_free_port 1) || bail_out "no free port"
	SEAL_SINK_PORT=$(seal_free_port 2) || bail_out "no free port"
	mkdir -p "$SEAL_SINK" "$SEAL_MDIR" "$SEAL_T/swaks"
	trap seal_cleanup EXIT
	trap 'exit 1' INT TERM HUP
}

seal_cleanup()
{
	local rc=$?
	seal_milter_stop >/dev/null 2>&1
	seal_pf_stop >/dev/null 2>&1
	for p in $SEAL_PIDS; do
		kill "$p" 2>/dev/null
	done
	for p in $SEAL_PIDS; do
		wait "$p" 2>/dev/null
	done
	SEAL_PIDS=""
	if [ -n "$SEAL_T" ] && [ -z "${SEAL_KEEP:-}" ]; then
		rm -rf "$SEAL_T"
	elif [ -n "$SEAL_T" ]; then
		echo "# kept $SEAL_T" >&2
	fi
	exit $rc
}

# ---------------------------------------------------------------- Postfix

# seal_pf_create [MILTER]: main.cf and master.cf for a private instance.
# MILTER is Postfix's spelling (unix:/abs/path or inet:host:port); default
# our unix socket. With chroot n, Postfix takes the path as it is.
seal_pf_create()
{
	local milter=${1:-unix:$SEAL_SOCK}
	mkdir -p "$SEAL_PF_CONF" "$SEAL_PF_QUEUE" "$SEAL_PF/data"
	chown postfix:postfix "$SEAL_PF/data"
	cat >"$SEAL_PF_CONF/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $SEAL_PF_QUEUE
data_directory = $SEAL_PF/data
maillog_file = $SEAL_MAILLOG
maillog_file_prefixes = /var, /dev/stdout, /tmp
myhostname = test.example
mydomain = test.example
myorigin = test.example
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
relayhost = [127.0.0.1]:$SEAL_SINK_PORT
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_milters = $milter
non_smtpd_milters = $milter
milter_default_action = tempfail
milter_protocol = 6
smtp_dns_support_level = disabled
smtpd_peername_lookup = no
smtpd_tls_security_level = none
smtp_tls_security_level = none
# The sink never fails; retry quickly if it is not up yet.
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
# Bounces of refused sendmail(1) mail must not carry the original body.
bounce_size_limit = 1
EOF
	# The stock services, chroot n everywhere; smtpd on the private port.
	cat >"$SEAL_PF_CONF/master.cf" <<EOF
127.0.0.1:$SEAL_SMTP_PORT inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

seal_pf_start()
{
	local out
	# Start-up errors go to syslog, which is absent: capture them here.
	if ! out=$(postfix -c "$SEAL_PF_CONF" start 2>&1); then
		diag "postfix start failed: $out"
		diag "$(script -qec "postfix -c $SEAL_PF_CONF check" /dev/null 2>&1)"
		return 1
	fi
	SEAL_PF_STARTED=1
	seal_wait_port "$SEAL_SMTP_PORT" 20
}

seal_pf_stop()
{
	[ "$SEAL_PF_STARTED" = 1 ] || return 0
	postfix -c "$SEAL_PF_CONF" stop >/dev/null 2>&1 ||
		postfix -c "$SEAL_PF_CONF" abort >/dev/null 2>&1
	SEAL_PF_STARTED=0
}

# seal_wait_port PORT SECONDS: until something listens on 127.0.0.1:PORT.
seal_wait_port()
{
	local port=$1 n=$(( ${2:-10} * 10 ))
	while [ $n -gt 0 ]; do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			return 0
		fi
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# seal_queue_empty [SECONDS]: waits until the queue has drained.
seal_queue_empty()
{
	local n=$(( ${1:-20} * 5 ))
	while [ $n -gt 0 ]; do
		if [ -z "$(postqueue -c "$SEAL_PF_CONF" -j 2>/dev/null)" ]; then
			return 0
		fi
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# seal_port_idle PORT [SECONDS]: waits until no TCP connection to
# 127.0.0.1:PORT is open (every SMTP session to a sink has ended, so what was
# sent has arrived). Before a "nothing arrived twice" count, after the queue
# drained: a fixed sleep only hopes for that.
seal_port_idle()
{
	local port=$1 n=$(( ${2:-20} * 5 ))
	while [ $n -gt 0 ]; do
		if [ -z "$(ss -Htn state established "( dport = :$port or sport = :$port )" 2>/dev/null)" ]; then
			return 0
		fi
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# seal_flush: deliver deferred mail now (after the sink came up late).
seal_flush()
{
	postqueue -c "$SEAL_PF_CONF" -f >/dev/null 2>&1
}

# ---------------------------------------------------------------- smtp-sink

seal_sink_start()
{
	smtp-sink -u root -d "$SEAL_SINK/%M." "127.0.0.1:$SEAL_SINK_PORT" 100 \
		>"$SEAL_T/sink.out" 2>&1 &
	SEAL_SINK_PID=$!
	SEAL_PIDS="$SEAL_PIDS $SEAL_SINK_PID"
	# Generous: under a loaded CI machine a start can take seconds.
	seal_wait_port "$SEAL_SINK_PORT" 30
}

# seal_sink_file MSGID: the delivered file carrying this Message-ID, if any.
seal_sink_file()
{
	grep -l -F -- "$1" "$SEAL_SINK"/* 2>/dev/null | head -n 1
}

# seal_wait_for_delivery MSGID [SECONDS]: prints the sink file.
seal_wait_for_delivery()
{
	local id=$1 n=$(( ${2:-20} * 5 )) f
	while [ $n -gt 0 ]; do
		f=$(seal_sink_file "$id")
		if [ -n "$f" ]; then
			echo "$f"
			return 0
		fi
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# seal_not_delivered MSGID: after the queue drained, no file has it.
seal_not_delivered()
{
	seal_queue_empty 20 || { diag "queue did not drain"; return 1; }
	[ -z "$(seal_sink_file "$1")" ]
}

# seal_strip_delivered FILE: the message as sent, rebuilt from a sink file:
# drops smtp-sink's X-* envelope lines, the Received headers Postfix and
# the sink added on top, the empty line the sink appends, and CRs (SMTP
# carries CRLF, our originals are LF).
seal_strip_delivered()
{
	tr -d '\r' <"$1" | sed '${/^$/d}' | awk '
		BEGIN { state = "sink" }
		state == "sink" && /^X-(Client-Addr|Helo-Args|Mail-Args|Rcpt-Args|Client-Proto):/ { next }
		state == "sink" { state = "rcvd" }
		state == "rcvd" && /^Received:/ { skip = 1; next }
		state == "rcvd" && skip && /^[ \t]/ { next }
		state == "rcvd" { state = "msg" }
		{ print }'
}

# seal_same_message ORIGINAL SINKFILE: byte comparison after stripping.
seal_same_message()
{
	local orig=$1 got=$2
	if seal_strip_delivered "$got" | tr -d '\r' | cmp -s - <(tr -d '\r' <"$orig"); then
		return 0
	fi
	diag "delivered message differs from $orig:"
	diff <(tr -d '\r' <"$orig") <(seal_strip_delivered "$got") |
		head -n 20 | seal_mask_filter | sed 's/^/# /'
	return 1
}

# ---------------------------------------------------------------- swaks

# seal_send NAME FROM TO[,TO..] FILE: one SMTP transaction; the transcript
# goes to $SEAL_T/swaks/NAME.log, swaks' exit code is returned (0 sent,
# 23 4xx at MAIL, 24 at RCPT, 25 at DATA, 26 5xx at end of data...).
seal_send()
{
	local name=$1 from=$2 to=$3 file=$4 data=$SEAL_T/swaks/$1.data
	# swaks always ends DATA with CRLF "." CRLF: drop the file's last
	# newline so the message sent is exactly the file.
	head -c -1 "$file" >"$data"
	swaks --server "127.0.0.1:$SEAL_SMTP_PORT" --helo client.kommune.example \
		--from "$from" --to "$to" --data "@$data" --timeout 60 \
		>"$SEAL_T/swaks/$name.log" 2>&1 </dev/null
}

seal_transcript()
{
	echo "$SEAL_T/swaks/$1.log"
}

# seal_reply_lines NAME: the server's last reply to the message (the lines
# after swaks sent the final "."), without swaks' " <** " or " <- " prefix.
seal_reply_lines()
{
	awk '/^ -> \.$/ { found = 1; next }
		found && /^ *<(\*\*|-) / { sub(/^ *<(\*\*|-) +/, ""); print; next }
		found && /^ *-> / { exit }' "$(seal_transcript "$1")"
}

# ---------------------------------------------------------------- sealmilter

# seal_milter_conf NAME [extra lines on stdin]: writes $SEAL_MDIR/NAME.conf
# with the common test policy; extra lines (e.g. "language = da") from stdin.
seal_milter_conf()
{
	local f=$SEAL_MDIR/$1.conf
	{
		echo "# sealmilter test configuration ($1)"
		seal_milter_runtime_keys
		cat <<EOF
internal_domains = kommune.example
trusted_domains = partner.example
blocked_domains = hotmail.example
log_level = info
EOF
		cat
	} >"$f"
	echo "$f"
}

# seal_milter_runtime_keys: the keys that tie the daemon to this instance.
# The key file they name (audit chain and fingerprints, mode 0600) is made
# here, so that `sealmilter -n` finds it before the daemon starts.
seal_milter_runtime_keys()
{
	if [ ! -f "$SEAL_MDIR/fingerprint.key" ]; then
		(umask 077; head -c 32 /dev/urandom >"$SEAL_MDIR/fingerprint.key")
		getent passwd sealmilter >/dev/null && chown sealmilter "$SEAL_MDIR/fingerprint.key"
	fi
	cat <<EOF
socket = unix:$SEAL_SOCK
user = sealmilter
pid_file = $SEAL_MDIR/sealmilter.pid
spool_dir = $SEAL_MDIR/spool
log_target = $SEAL_MLOG
store = sqlite:$SEAL_MDIR/store/seal.db
quarantine_dir = $SEAL_MDIR/store/quarantine
fingerprint_key_file = $SEAL_MDIR/fingerprint.key
EOF
}

# seal_milter_prepare: directories the daemon needs, owned by its user.
seal_milter_prepare()
{
	local u=sealmilter
	getent passwd $u >/dev/null || u=root
	mkdir -p "$SEAL_SOCKDIR" "$SEAL_MDIR/spool" "$SEAL_MDIR/store"
	touch "$SEAL_MLOG"
	chown "$u" "$SEAL_SOCKDIR" "$SEAL_MDIR" "$SEAL_MDIR/spool" "$SEAL_MLOG" \
		"$SEAL_MDIR/store" "$SEAL_MDIR/fingerprint.key"
	chmod 0700 "$SEAL_MDIR/spool" "$SEAL_MDIR/store"
	# Postfix's smtpd and cleanup (user postfix) connect to the socket.
	chgrp postfix "$SEAL_SOCKDIR"
	chmod 0750 "$SEAL_SOCKDIR"
}

# seal_milter_start CONF: runs the daemon in the foreground (as a child)
# and waits until its socket exists.
seal_milter_start()
{
	local conf=$1 n=100
	seal_milter_prepare
	rm -f "$SEAL_SOCK"
	"$SEALMILTER" -f -c "$conf" -p "unix:$SEAL_SOCK" \
		>>"$SEAL_MDIR/stdout.log" 2>&1 </dev/null &
	SEAL_MILTER_PID=$!
	while [ $n -gt 0 ]; do
		if [ -S "$SEAL_SOCK" ]; then
			seal_socket_open_to_postfix
			return 0
		fi
		if ! kill -0 "$SEAL_MILTER_PID" 2>/dev/null; then
			wait "$SEAL_MILTER_PID" 2>/dev/null
			diag "sealmilter exited during start-up (status $?)"
			diag_file "$SEAL_MDIR/stdout.log" 20
			diag_file "$SEAL_MLOG" 20
			SEAL_MILTER_PID=""
			return 1
		fi
		sleep 0.1
		n=$((n - 1))
	done
	diag "sealmilter socket $SEAL_SOCK did not appear"
	return 1
}

# The socket must be writable by Postfix (user postfix); the directory
# above already restricts who reaches it.
seal_socket_open_to_postfix()
{
	if ! runuser -u postfix -- test -w "$SEAL_SOCK" 2>/dev/null; then
		diag "socket not writable by postfix: $(stat -c '%A %U:%G' "$SEAL_SOCK")"
	fi
}

seal_milter_alive()
{
	[ -n "$SEAL_MILTER_PID" ] && kill -0 "$SEAL_MILTER_PID" 2>/dev/null
}

# seal_stop_pid PID TENTHS: SIGTERM, wait up to TENTHS tenths of a second,
# then SIGKILL. Returns the process's exit status (a child of this shell).
seal_stop_pid()
{
	local pid=$1 n=${2:-150}
	kill -TERM "$pid" 2>/dev/null
	while [ "$n" -gt 0 ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.1
		n=$((n - 1))
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

# seal_milter_stop: SIGTERM, then wait (libmilter needs about 5 s);
# SIGKILL after 15 s. Returns the daemon's exit status.
seal_milter_stop()
{
	local pid=$SEAL_MILTER_PID rc
	[ -n "$pid" ] || return 0
	seal_stop_pid "$pid" 150
	rc=$?
	SEAL_MILTER_PID=""
	return $rc
}

seal_milter_kill()
{
	local pid=$SEAL_MILTER_PID
	[ -n "$pid" ] || return 0
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	SEAL_MILTER_PID=""
	return 0
}

# ---------------------------------------------------------------- miltertest

# seal_miltertest LABEL LUA [DEFINES...]: runs tests/miltertest/LUA.lua
# against the running daemon (sock and libdir are defined for it); its
# "ok - " / "not ok - " lines become TAP cases, "# " lines diagnostics.
# A non-zero exit without a failed check, or no check at all, fails too.
# SEAL_MT_SECS is how long miltertest took (whole seconds).
seal_miltertest()
{
	local label=$1 lua=$2 dir out rc n=0 t0 l
	shift 2
	dir=$(cd "$SEAL_LIB_DIR/../miltertest" && pwd)
	t0=$(date +%s)
	out=$(miltertest -D "sock=unix:$SEAL_SOCK" -D "libdir=$dir" "$@" \
		-s "$dir/$lua.lua" -w 2>&1)
	rc=$?
	SEAL_MT_SECS=$(( $(date +%s) - t0 ))
	while IFS= read -r l; do
		case $l in
		"ok - "*) ok "$label: ${l#ok - }"; n=$((n + 1)) ;;
		"not ok - "*) not_ok "$label: ${l#not ok - }"; n=$((n + 1)) ;;
		"# "*) diag "$label: ${l#\# }" ;;
		esac
	done <<<"$out"
	if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok - '; then
		not_ok "$label: miltertest exit $rc without a failed check"
		diag "$out"
	elif [ $n -eq 0 ]; then
		not_ok "$label: ran no checks"
		diag "$out"
	fi
}

# ---------------------------------------------------------------- whole set-up

# seal_up NAME CONF: Postfix + sink + daemon.
seal_up()
{
	local name=$1 conf=$2
	seal_pf_create || return 1
	seal_sink_start || { diag "smtp-sink did not start"; return 1; }
	seal_milter_start "$conf" || return 1
	seal_pf_start || return 1
}

# ---------------------------------------------------------------- leak scan

# seal_leak_scan PATTERN-FILE FILE... [-z FILE...]: prints the files that hold
# a match of any of the extended regexes (one per line) in PATTERN-FILE, and
# those missing or empty (after -z: missing only), one per line with the
# reason; prints nothing when all is well. See tests/nocleartext.sh.
seal_leak_scan()
{
	seal_no_cleartext "$@"
	return 0
}

# seal_no_text REGEX FILE...: seal_no_cleartext with one extended regex
# (e.g. a number pattern joined with a subject): every FILE exists, is not
# empty, and REGEX matches nowhere; the files at fault go to diag.
seal_no_text()
{
	local out pats=$SEAL_T/no_text.$$.pat
	printf '%s\n' "$1" >"$pats"
	shift
	out=$(seal_no_cleartext "$pats" "$@") && return 0
	diag "$out"
	return 1
}

# seal_number_patterns NUMBER...: regexes for each number in cleartext
# with any separator or none (170583-1889 -> 170583[- +]?1889).
seal_number_patterns()
{
	local n
	for n in "$@"; do
		printf '%s\n' "$n" | sed -E 's/^([0-9]+)[-+ ]?([0-9]+)$/\1[-+ ]?\2/'
	done
}

# ---------------------------------------------------------------- sample mails

# seal_make_mail TEMPLATE MSGID TO: fills tests/integration/mail/TEMPLATE.eml.in
# and prints the path of the message as sent.
seal_make_mail()
{
	local tmpl=$SEAL_LIB_DIR/mail/$1.eml.in id=$2 to=$3 out
	mkdir -p "$SEAL_T/mail"
	out=$SEAL_T/mail/$id.eml
	sed -e "s|@MSGID@|$id|g" -e "s|@TO@|$to|g" "$tmpl" >"$out"
	echo "$out"
}

# ---------------------------------------------------------------- PostgreSQL

# seal_pg_start DIR: a throwaway PostgreSQL server (the Debian 12 package's
# binaries) with its data in DIR, on 127.0.0.1 and a free port, socket in
# DIR; creates database "seal". Sets SEAL_PG_DIR, SEAL_PG_PORT, SEAL_PG_URI.
seal_pg_start()
{
	local bin
	bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -x "$bin/initdb" ] || { diag "PostgreSQL not installed (contrib/install-deps.sh)"; return 1; }
	SEAL_PG_BIN=$bin
	SEAL_PG_DIR=$1
	SEAL_PG_PORT=$(seal_free_port 9) || return 1
	mkdir -p "$SEAL_PG_DIR"
	chown postgres: "$SEAL_PG_DIR"
	runuser -u postgres -- "$bin/initdb" -D "$SEAL_PG_DIR/data" -U postgres -A trust \
		-E UTF8 --no-locale >"$SEAL_PG_DIR/initdb.log" 2>&1 || {
		diag_file "$SEAL_PG_DIR/initdb.log" 10; return 1; }
	seal_pg_start_again || return 1
	psql -h 127.0.0.1 -p "$SEAL_PG_PORT" -U postgres -q -c 'CREATE DATABASE seal' \
		>/dev/null 2>&1 || { diag "CREATE DATABASE failed"; return 1; }
	SEAL_PG_URI=postgresql://postgres@127.0.0.1:$SEAL_PG_PORT/seal
}

# seal_pg_start_again / seal_pg_stop: the server of seal_pg_start.
seal_pg_start_again()
{
	runuser -u postgres -- "$SEAL_PG_BIN/pg_ctl" -D "$SEAL_PG_DIR/data" \
		-l "$SEAL_PG_DIR/log" -w -o "-p $SEAL_PG_PORT -k $SEAL_PG_DIR -c listen_addresses=127.0.0.1" \
		start >/dev/null 2>&1 || { diag_file "$SEAL_PG_DIR/log" 10; return 1; }
}

seal_pg_stop()
{
	[ -n "${SEAL_PG_DIR:-}" ] && [ -d "$SEAL_PG_DIR/data" ] || return 0
	runuser -u postgres -- "$SEAL_PG_BIN/pg_ctl" -D "$SEAL_PG_DIR/data" -m fast -w stop \
		>/dev/null 2>&1
}

# ---------------------------------------------------------------- reinjection, reload

# seal_pf_add_reinject PORT: the reinjection listener of
# conf/postfix-master.cf.snippet, on PORT, appended to the private master.cf.
seal_pf_add_reinject()
{
	sed -n '/^127\.0\.0\.1:10027 inet/,$p' "$top_srcdir/conf/postfix-master.cf.snippet" |
		sed "s/^127\.0\.0\.1:10027 /127.0.0.1:$1 /" >>"$SEAL_PF_CONF/master.cf"
	grep -q "^127.0.0.1:$1 inet" "$SEAL_PF_CONF/master.cf" || {
		diag "no listener in conf/postfix-master.cf.snippet"; return 1; }
}

# seal_milter_reload: SIGUSR1 to the daemon, then wait (5 s) for its log line.
seal_milter_reload()
{
	local before n=50
	before=$(grep -c 'configuration reloaded from' "$SEAL_MLOG")
	kill -USR1 "$SEAL_MILTER_PID"
	while [ $n -gt 0 ]; do
		[ "$(grep -c 'configuration reloaded from' "$SEAL_MLOG")" -gt "$before" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	diag "reload not logged"
	diag_file "$SEAL_MLOG" 10
	return 1
}

# seal_start_reinject CONF PORT: the private Postfix with a reinjection
# listener on PORT, the sink and sealmilter with CONF, waiting for the
# listener; bails out naming the part that did not start.
seal_start_reinject()
{
	seal_pf_create || bail_out "postfix config"
	seal_pf_add_reinject "$2" || bail_out "no reinjection listener"
	seal_sink_start || bail_out "smtp-sink did not start"
	seal_milter_start "$1" || bail_out "sealmilter did not start"
	seal_pf_start || bail_out "postfix did not start"
	seal_wait_port "$2" 20 || bail_out "reinjection listener did not start"
}

# seal_held_states CONF SENDER: the states of the held records from SENDER,
# sorted, each followed by a space ("held ", "deleted held ").
seal_held_states()
{
	"${SEALCTL:-$top_builddir/ctl/sealctl}" -c "$1" quarantine list --all --json \
		--sender "$2" 2>/dev/null |
		grep -o '"state": *"[a-z]*"' | sed 's/.*"\([a-z]*\)"$/\1/' | sort | tr '\n' ' '
}
