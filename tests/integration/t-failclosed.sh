#!/bin/bash
# t-failclosed.sh - without a working sealmilter nothing leaves: Postfix
# (milter_default_action = tempfail) answers 4xx when the daemon is stopped,
# and when it is killed in the middle of a message; after a restart mail
# flows again. No number reaches a log in cleartext on the way.
. "$(dirname "$0")/lib.sh"

seal_setup failclosed
FROM=sagsbehandler@kommune.example
TO=citizen@gmail.example
CONF=$(seal_milter_conf en <<EOF
language = en
EOF
)
seal_up failclosed "$CONF" || bail_out "could not start Postfix, smtp-sink and sealmilter"

# ---------------------------------------------------------------- raw SMTP over bash's /dev/tcp

# smtp_reply: reads one (multi-line) reply from fd 3, prints its last line.
smtp_reply()
{
	local line
	while IFS= read -r -t 60 line <&3; do
		line=${line%$'\r'}
		printf '%s\n' "$line" >>"$SEAL_T/raw.log"
		case $line in
		[0-9][0-9][0-9]-*) continue ;;
		*) printf '%s\n' "$line"; return 0 ;;
		esac
	done
	echo "000 no reply"
	return 1
}

# smtp_cmd CMD WANT: sends CMD, the reply must start with WANT (e.g. 250).
smtp_cmd()
{
	local r
	printf '%s\r\n' "$1" >&3
	r=$(smtp_reply)
	case $r in
	"$2"*) return 0 ;;
	*) diag "after '$1': got '$r', want $2"; return 1 ;;
	esac
}

# ---------------------------------------------------------------- cases

expect_flow()
{
	local label=$1 id mail f
	id="t-$label-$$"
	mail=$(seal_make_mail clean "$id" "$TO")
	seal_send "$label" "$FROM" "$TO" "$mail"
	if f=$(seal_wait_for_delivery "<$id@" 30); then
		ok "$label: clean mail delivered"
	else
		not_ok "$label: clean mail delivered (got nothing in the sink within 30 s)"
		diag "$(seal_reply_lines "$label")"
	fi
}

expect_flow before

# 1. Daemon stopped: 4xx, nothing delivered.
seal_milter_stop
id="t-stopped-$$"
mail=$(seal_make_mail cpr "$id" "$TO")
seal_send stopped "$FROM" "$TO" "$mail"
rc=$?
if [ $rc -eq 23 ] || grep -q '^ *<\*\* *4[0-9][0-9]' "$(seal_transcript stopped)"; then
	ok "stopped: Postfix answers 4xx (swaks exit $rc)"
else
	not_ok "stopped: Postfix answers 4xx (got swaks exit $rc, want 23 or a 4xx reply)"
fi
check "stopped: nothing delivered" seal_not_delivered "<$id@"

# 2. Daemon killed (SIGKILL) while the message is being sent: 4xx at the
# final dot, nothing delivered.
seal_milter_start "$CONF" || bail_out "sealmilter did not restart"
id="t-killed-$$"
mail=$(seal_make_mail cpr "$id" "$TO")
killed_ok=0
if exec 3<>"/dev/tcp/127.0.0.1/$SEAL_SMTP_PORT"; then
	if smtp_reply >/dev/null &&
		smtp_cmd "EHLO client.kommune.example" 250 &&
		smtp_cmd "MAIL FROM:<$FROM>" 250 &&
		smtp_cmd "RCPT TO:<$TO>" 250 &&
		smtp_cmd "DATA" 354; then
		# Headers and the first body line, then the daemon dies.
		sed -n '1,/^$/p' "$mail" | sed 's/$/\r/' >&3
		printf 'Dear citizen,\r\n' >&3
		sleep 1
		# The daemon must be alive in DATA and die of this SIGKILL (wait
		# status 137), or the 4xx below would test a daemon already gone.
		pid=$SEAL_MILTER_PID
		if seal_milter_alive; then alive=yes; else alive=no; fi
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		krc=$?
		SEAL_MILTER_PID=""
		if [ "$alive" = yes ] && [ "$krc" -eq 137 ] && ! kill -0 "$pid" 2>/dev/null; then
			ok "killed: the daemon was alive during DATA and died of SIGKILL (status 137)"
		else
			not_ok "killed: the daemon was alive during DATA and died of SIGKILL (alive: $alive, status $krc)"
		fi
		sed '1,/^$/d' "$mail" | sed 's/$/\r/' >&3
		printf '.\r\n' >&3
		r=$(smtp_reply)
		case $r in
		4[0-9][0-9]*) ok "killed: end of DATA answered 4xx"; killed_ok=1 ;;
		*) not_ok "killed: end of DATA answered 4xx (got '$r')" ;;
		esac
		printf 'QUIT\r\n' >&3
	else
		not_ok "killed: SMTP dialogue up to DATA"
	fi
	exec 3>&-
else
	not_ok "killed: connect to Postfix"
fi
[ $killed_ok = 1 ] || diag_file "$SEAL_MAILLOG" 10
check "killed: nothing delivered" seal_not_delivered "<$id@"

# 3. After a restart (stale socket left by the kill) mail flows again.
seal_milter_start "$CONF" || bail_out "sealmilter did not restart after SIGKILL"
expect_flow restarted
seal_milter_stop

# Privacy: the maillog and daemon logs never show the number.
PATS=$SEAL_T/patterns
seal_number_patterns 170583-1889 >"$PATS"
leaks=$(seal_leak_scan "$PATS" "$SEAL_MAILLOG" "$SEAL_MLOG" "$SEAL_T/raw.log" -z "$SEAL_MDIR/stdout.log")
if [ -z "$leaks" ]; then
	ok "privacy: no identity number in cleartext in logs"
else
	not_ok "privacy: numbers in cleartext in: $leaks"
fi

done_testing
