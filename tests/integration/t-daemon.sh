#!/bin/bash
# t-daemon.sh - the daemon's life cycle with real processes: SIGUSR1 reloads
# the configuration (and keeps the old one when the new file is broken),
# SIGTERM ends it with status 0 and takes the socket along, daemon mode
# detaches, writes and removes pid_file and runs as the configured user,
# the command line (-n, -V, a missing -c file) answers with the documented
# exit codes (-n warns, with file:line, of console_url without
# fingerprint_key_file), and the decision log records who sent a message (auth=,
# client=, spf=). The daemon's log never holds a number in cleartext.
. "$(dirname "$0")/lib.sh"

seal_setup daemon
command -v miltertest >/dev/null || bail_out "miltertest not installed (contrib/install-deps.sh)"
[ -x "$SEALMILTER" ] || bail_out "$SEALMILTER not built"

FROM=sagsbehandler@kommune.example
PARTNER=x@partner.example
SPF_TIMEOUT=2
DAEMON_PID=""           # the detached daemon of part 3, if running

# The detached daemon is no child of ours: lib.sh's clean-up cannot see it.
daemon_cleanup()
{
	local rc=$?
	[ -n "$DAEMON_PID" ] && kill -KILL "$DAEMON_PID" 2>/dev/null
	(exit $rc)
	seal_cleanup
}
trap daemon_cleanup EXIT

# write_conf [EXTRA LINE...]: the configuration file, partner.example not
# trusted unless an extra line says so. Always the same path: reload
# re-reads the file named with -c.
CONF=$SEAL_MDIR/daemon.conf
write_conf()
{
	{
		echo "# sealmilter test configuration (daemon)"
		seal_milter_runtime_keys
		cat <<EOF
internal_domains = kommune.example
blocked_domains = hotmail.example
language = en
log_level = info
spf_check = yes
spf_timeout = $SPF_TIMEOUT
EOF
		printf '%s\n' "$@"
	} >"$CONF.tmp" && mv "$CONF.tmp" "$CONF"
}

# log_count PATTERN: lines of the daemon's log matching PATTERN (fixed).
log_count()
{
	grep -c -F -- "$1" "$SEAL_MLOG" 2>/dev/null
}

# wait_log PATTERN BEFORE [SECONDS]: until more than BEFORE lines match.
wait_log()
{
	local pat=$1 before=$2 n=$(( ${3:-10} * 10 ))
	while [ $n -gt 0 ]; do
		[ "$(log_count "$pat")" -gt "$before" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# wait_gone PID SECONDS: until PID (not necessarily our child) has ended.
wait_gone()
{
	local pid=$1 n=$(( $2 * 10 ))
	while [ $n -gt 0 ]; do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# socket_listening: some process listens on the daemon's unix socket.
socket_listening()
{
	[ -S "$SEAL_SOCK" ] && ss -Hxl 2>/dev/null | grep -qF -- "$SEAL_SOCK"
}

expect_refused()
{
	local label=$1 id mail rc reply
	id="t-$label-$$"
	mail=$(seal_make_mail cpr "$id" "$PARTNER")
	seal_send "$label" "$FROM" "$PARTNER" "$mail"
	rc=$?
	reply=$(seal_reply_lines "$label")
	if [ $rc -eq 26 ] && printf '%s\n' "$reply" | grep -q '^550[- ]5\.7\.1'; then
		ok "$label: CPR mail to $PARTNER refused with 550 5.7.1"
	else
		not_ok "$label: CPR mail to $PARTNER refused (got swaks exit $rc, want 26 with 550 5.7.1)"
		diag "reply: $reply"
	fi
	check "$label: nothing delivered" seal_not_delivered "<$id@"
}

expect_delivered()
{
	local label=$1 id mail rc
	id="t-$label-$$"
	mail=$(seal_make_mail cpr "$id" "$PARTNER")
	seal_send "$label" "$FROM" "$PARTNER" "$mail"
	rc=$?
	if [ $rc -ne 0 ]; then
		not_ok "$label: CPR mail to $PARTNER accepted (got swaks exit $rc, want 0)"
		diag "$(seal_reply_lines "$label")"
		return
	fi
	if seal_wait_for_delivery "<$id@" 30 >/dev/null; then
		ok "$label: CPR mail to $PARTNER delivered"
	else
		not_ok "$label: CPR mail to $PARTNER delivered (got nothing in the sink within 30 s)"
		diag_file "$SEAL_MAILLOG" 10
	fi
}

# ---------------------------------------------------------------- 1. reload on SIGUSR1

write_conf
seal_up daemon "$CONF" || bail_out "could not start Postfix, smtp-sink and sealmilter"
RELOADED="configuration reloaded from"

expect_refused before-reload

before=$(log_count "$RELOADED")
write_conf "trusted_domains = partner.example"
kill -USR1 "$SEAL_MILTER_PID"
if wait_log "$RELOADED" "$before" 10; then
	ok "reload: the log shows the reload after SIGUSR1"
else
	not_ok "reload: the log shows the reload after SIGUSR1 (got no new '$RELOADED' line in 10 s)"
	diag_file "$SEAL_MLOG" 10
fi
check "reload: daemon still running (same pid)" seal_milter_alive
expect_delivered after-reload

# A broken file: an unknown key on a known line. The old configuration stays.
write_conf "trusted_domains = partner.example" "no_such_key = yes"
BAD_LINE=$(grep -n '^no_such_key' "$CONF" | cut -d: -f1)
CONF_REAL=$(realpath "$CONF")
before=$(log_count "reload failed")
kill -USR1 "$SEAL_MILTER_PID"
if wait_log "reload failed" "$before" 10; then
	ok "bad reload: the log reports the failure"
else
	not_ok "bad reload: the log reports the failure (got no new 'reload failed' line in 10 s)"
	diag_file "$SEAL_MLOG" 10
fi
line=$(grep -F "reload failed" "$SEAL_MLOG" | tail -n 1)
if printf '%s\n' "$line" | grep -qF -- "$CONF_REAL:$BAD_LINE" &&
	printf '%s\n' "$line" | grep -qF -- "no_such_key"; then
	ok "bad reload: the log names $(basename "$CONF"):$BAD_LINE and the key"
else
	not_ok "bad reload: the log names $CONF_REAL:$BAD_LINE and no_such_key (got: $line)"
fi
check "bad reload: daemon still running" seal_milter_alive
expect_delivered after-bad-reload

# console_url without the key its links are made with: the reload logs what -n says.
URL_WARN="console_url: set, but fingerprint_key_file is not"
write_conf "trusted_domains = partner.example" "console_url = https://console.kommune.example/"
sed -i '/^store =/d; /^fingerprint_key_file =/d' "$CONF" && echo "store =" >>"$CONF"
URL_LINE=$(grep -n '^console_url' "$CONF" | cut -d: -f1)
before=$(log_count "$URL_WARN")
kill -USR1 "$SEAL_MILTER_PID"
if wait_log "$URL_WARN" "$before" 10 &&
	grep -F "$URL_WARN" "$SEAL_MLOG" | tail -n 1 | grep -qF -- "$CONF_REAL:$URL_LINE: console_url"; then
	ok "reload: console_url without fingerprint_key_file is warned of in the log, with file:line"
else
	not_ok "reload: console_url without fingerprint_key_file is warned of in the log"
	diag_file "$SEAL_MLOG" 10
fi
before=$(log_count "$RELOADED")
write_conf "trusted_domains = partner.example"
kill -USR1 "$SEAL_MILTER_PID"
wait_log "$RELOADED" "$before" 10 || not_ok "reload: back to the configuration with a store"

# ---------------------------------------------------------------- 4b. the client through Postfix

# On the unix socket the CONNECT step is negotiated away and Postfix sends
# the client macros sealmilter asks for at MAIL (smfi_setsymlist), with
# Postfix's default milter_mail_macros: the mail above names its client.
check "postfix: a decision line names the client 127.0.0.1 (MAIL macros)" \
	grep -q 'action=.* client=127\.0\.0\.1 spf=' "$SEAL_MLOG"
check "postfix: no warning that {client_addr} was missing" \
	bash -c "! grep -q 'did not send {client_addr}' '$SEAL_MLOG'"

# ---------------------------------------------------------------- 5. sender identity (miltertest)

# run_lua LABEL DEFINES...: auth.lua against the running daemon; LUA_SECS
# is how long miltertest took.
LUA_SECS=0
run_lua()
{
	local label=$1
	shift
	seal_miltertest "$label" auth "$@"
	LUA_SECS=$SEAL_MT_SECS
}

# log_line QID: the decision line of that message (prefixed "QID: ").
log_line()
{
	grep -F -- " $1: " "$SEAL_MLOG" | grep -F 'action=' | tail -n 1
}

AUTH_QID=AUTH$$A
run_lua auth -D "addr=198.51.100.23" -D "qid=$AUTH_QID" -D "auth=caseworker7"
line=$(log_line "$AUTH_QID")
for want in auth=caseworker7 client=198.51.100.23 spf=skipped; do
	if printf '%s\n' "$line" | grep -qF -- " $want"; then
		ok "auth: the log line has $want"
	else
		not_ok "auth: the log line has $want (got: ${line:-no line for $AUTH_QID})"
	fi
done

SPF_QID=SPF$$A
run_lua spf -D "addr=192.0.2.7" -D "qid=$SPF_QID"
line=$(log_line "$SPF_QID")
for want in auth=- client=192.0.2.7; do
	if printf '%s\n' "$line" | grep -qF -- " $want"; then
		ok "spf: the log line has $want"
	else
		not_ok "spf: the log line has $want (got: ${line:-no line for $SPF_QID})"
	fi
done
spf=$(printf '%s\n' "$line" | sed -n 's/.* spf=\([a-z]*\).*/\1/p')
case $spf in
'' | skipped) not_ok "spf: unauthenticated non-loopback client gets an spf= result (got '${spf:-none logged}')" ;;
*) ok "spf: unauthenticated non-loopback client gets an spf= result (spf=$spf)" ;;
esac
limit=$((SPF_TIMEOUT + 4))
if [ "$LUA_SECS" -le "$limit" ]; then
	ok "spf: session done in ${LUA_SECS} s (spf_timeout $SPF_TIMEOUT s, limit $limit s)"
else
	not_ok "spf: session done within $limit s (got $LUA_SECS s)"
fi

# ---------------------------------------------------------------- 2. SIGTERM (foreground)

pid=$SEAL_MILTER_PID
t0=$(date +%s)
seal_milter_stop
rc=$?
t1=$(date +%s)
if [ $rc -eq 0 ]; then
	ok "SIGTERM: daemon exits with status 0 (after $((t1 - t0)) s)"
else
	not_ok "SIGTERM: daemon exits with status 0 (got $rc after $((t1 - t0)) s)"
	diag_file "$SEAL_MDIR/stdout.log" 10
fi
if kill -0 "$pid" 2>/dev/null; then
	not_ok "SIGTERM: process $pid gone (got still running)"
else
	ok "SIGTERM: process gone"
fi
if socket_listening; then
	not_ok "SIGTERM: socket gone or unusable (got a listener on $SEAL_SOCK)"
else
	ok "SIGTERM: socket gone or unusable$( [ -e "$SEAL_SOCK" ] && echo " (file left, no listener)")"
fi

# ---------------------------------------------------------------- 3. daemon mode

PIDFILE=$SEAL_MDIR/sealmilter.pid
SEAL_UID=$(id -u sealmilter 2>/dev/null) || bail_out "no user sealmilter (contrib/install-deps.sh)"
write_conf "trusted_domains = partner.example"
rm -f "$PIDFILE" "$SEAL_SOCK"
# Detached, its stderr is /dev/null: sanitizer reports (CI build) go to files.
SAN_LOG=$SEAL_MDIR/sanitizer
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$SAN_LOG" \
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$SAN_LOG" \
	timeout 20 "$SEALMILTER" -c "$CONF" >>"$SEAL_MDIR/stdout.log" 2>&1 </dev/null
rc=$?
if [ $rc -eq 0 ]; then
	ok "daemon mode: the starting process returns 0"
else
	not_ok "daemon mode: the starting process returns 0 (got $rc)"
fi
n=100
while [ $n -gt 0 ] && ! { [ -s "$PIDFILE" ] && socket_listening; }; do
	sleep 0.1
	n=$((n - 1))
done
DAEMON_PID=$(head -n 1 "$PIDFILE" 2>/dev/null | tr -cd '0-9')
if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
	ok "daemon mode: pid_file names a running process"
else
	not_ok "daemon mode: pid_file names a running process (got '$(cat "$PIDFILE" 2>/dev/null)')"
	diag_file "$SEAL_MLOG" 10
	DAEMON_PID=""
fi
if [ -n "$DAEMON_PID" ]; then
	# The right pid: the process that holds the listening socket.
	listener=$(ss -Hxlp 2>/dev/null | grep -F -- "$SEAL_SOCK" | grep -o 'pid=[0-9]*' | head -n 1)
	if [ "$listener" = "pid=$DAEMON_PID" ]; then
		ok "daemon mode: pid_file names the listening process"
	else
		not_ok "daemon mode: pid_file names the listening process (got $listener, want pid=$DAEMON_PID)"
	fi
	exe=$(readlink "/proc/$DAEMON_PID/exe")
	check "daemon mode: the process is sealmilter" test "$(basename "$exe")" = sealmilter
	uids=$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "/proc/$DAEMON_PID/status")
	if [ "$uids" = "$SEAL_UID $SEAL_UID $SEAL_UID $SEAL_UID" ]; then
		ok "daemon mode: runs as sealmilter (uid $SEAL_UID, real, effective, saved, fs)"
	else
		not_ok "daemon mode: runs as sealmilter (got Uid $uids, want $SEAL_UID x4)"
	fi
	ppid=$(awk '/^PPid:/ { print $2 }' "/proc/$DAEMON_PID/status")
	if [ "$ppid" != "$$" ]; then
		ok "daemon mode: detached (parent $ppid)"
	else
		not_ok "daemon mode: detached (got parent = this shell)"
	fi
	sid=$(awk '{ print $6 }' "/proc/$DAEMON_PID/stat")
	if [ "$sid" != "$DAEMON_PID" ]; then
		ok "daemon mode: not a session leader"
	else
		not_ok "daemon mode: not a session leader (got session $sid = pid)"
	fi
	expect_delivered daemon-mode
	kill -TERM "$DAEMON_PID"
	if wait_gone "$DAEMON_PID" 15; then
		ok "daemon mode: stops on SIGTERM"
		DAEMON_PID=""
	else
		not_ok "daemon mode: stops on SIGTERM (got still running after 15 s)"
	fi
	if [ -e "$PIDFILE" ]; then
		not_ok "daemon mode: pid_file removed at exit (got it still there)"
	else
		ok "daemon mode: pid_file removed at exit"
	fi
	if grep -q 'cannot remove pid_file' "$SEAL_MLOG"; then
		not_ok "daemon mode: no 'cannot remove pid_file' warning"
	else
		ok "daemon mode: no 'cannot remove pid_file' warning"
	fi
fi
san=$(ls "$SAN_LOG".* 2>/dev/null)
if [ -z "$san" ]; then
	ok "daemon mode: no sanitizer report"
else
	not_ok "daemon mode: no sanitizer report (got $san)"
	diag_file "$(echo "$san" | head -n 1)" 20
fi
if grep -qE 'Sanitizer|runtime error:' "$SEAL_MDIR/stdout.log"; then
	not_ok "foreground runs: no sanitizer report on stderr"
	diag_file "$SEAL_MDIR/stdout.log" 20
else
	ok "foreground runs: no sanitizer report on stderr"
fi

# ---------------------------------------------------------------- 4. command line

out=$("$SEALMILTER" -n -c "$CONF" 2>&1)
rc=$?
if [ $rc -eq 0 ]; then
	ok "cli: -n with a good file exits 0"
else
	not_ok "cli: -n with a good file exits 0 (got $rc)"
	diag "$out"
fi
write_conf "trusted_domains = partner.example" "no_such_key = yes"
out=$("$SEALMILTER" -n -c "$CONF" 2>&1)
rc=$?
if [ $rc -eq 78 ]; then
	ok "cli: -n with a bad file exits 78 (EX_CONFIG)"
else
	not_ok "cli: -n with a bad file exits 78 (got $rc)"
fi
if printf '%s\n' "$out" | grep -qF -- "$CONF_REAL:$BAD_LINE"; then
	ok "cli: -n names $(basename "$CONF"):$BAD_LINE"
else
	not_ok "cli: -n names $CONF_REAL:$BAD_LINE (got: $out)"
fi
# console_url without the key its links are made with: valid, but said (file:line).
write_conf "trusted_domains = partner.example" "console_url = https://console.kommune.example/"
out=$("$SEALMILTER" -n -c "$CONF" 2>&1)
rc=$?
if [ $rc -eq 0 ] && ! printf '%s\n' "$out" | grep -q 'console_url'; then
	ok "cli: -n says nothing of console_url when fingerprint_key_file is set"
else
	not_ok "cli: -n says nothing of console_url when fingerprint_key_file is set (exit $rc: $out)"
fi
NOKEY=$SEAL_MDIR/nokey.conf
{ grep -v '^store =\|^fingerprint_key_file =' "$CONF"; echo "store ="; } >"$NOKEY"
URL_LINE=$(grep -n '^console_url' "$NOKEY" | cut -d: -f1)
out=$("$SEALMILTER" -n -c "$NOKEY" 2>&1)
rc=$?
if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -qF -- "warning: $(realpath "$NOKEY"):$URL_LINE: console_url: set, but fingerprint_key_file is not: hold notices carry no release-request link"; then
	ok "cli: -n warns of console_url without fingerprint_key_file, naming file:line, exit 0"
else
	not_ok "cli: -n warns of console_url without fingerprint_key_file (exit $rc: $out)"
fi
rm -f "$SEAL_SOCK"
timeout 20 "$SEALMILTER" -c /nonexistent/sealmilter.conf -f -p "unix:$SEAL_SOCK" \
	>"$SEAL_T/missing.out" 2>&1 </dev/null
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 124 ] && [ ! -S "$SEAL_SOCK" ]; then
	ok "cli: a missing -c file: exit $rc, no socket"
else
	not_ok "cli: a missing -c file fails (got exit $rc, socket $( [ -S "$SEAL_SOCK" ] && echo created || echo absent))"
fi
check "cli: a missing -c file is named on stderr" grep -qF /nonexistent/sealmilter.conf "$SEAL_T/missing.out"
out=$("$SEALMILTER" -V 2>&1)
rc=$?
if [ $rc -eq 0 ] && printf '%s\n' "$out" | head -n 1 | grep -qE '^sealmilter [0-9]+\.[0-9]+'; then
	ok "cli: -V prints a version ($(printf '%s\n' "$out" | head -n 1))"
else
	not_ok "cli: -V prints 'sealmilter N.N' and exits 0 (got exit $rc: $out)"
fi

# ---------------------------------------------------------------- 6. privacy

PATS=$SEAL_T/patterns
seal_number_patterns 170583-1889 >"$PATS"
leaks=$(seal_leak_scan "$PATS" "$SEAL_MLOG" "$SEAL_MAILLOG" "$SEAL_T/missing.out" \
	-z "$SEAL_MDIR/stdout.log" "$SEAL_T/sink.out")
if [ -z "$leaks" ]; then
	ok "privacy: no identity number in cleartext in the daemon's logs"
else
	not_ok "privacy: numbers in cleartext in: $leaks"
fi
if grep -qF 170583-XXXX "$SEAL_MLOG"; then
	ok "privacy: the daemon's log names 170583-XXXX (masked)"
else
	not_ok "privacy: the daemon's log names 170583-XXXX (got no such line)"
	diag_file "$SEAL_MLOG" 10
fi

done_testing
