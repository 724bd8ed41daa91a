#!/bin/bash
# t-unhold-pg.sh - a held message whose COMMIT reached PostgreSQL but whose
# answer was lost (the connection cut: a server restart, a network fault) is
# withdrawn: sealmilter tempfailed the transaction, so Postfix will offer the
# message again and a record left "held" would wait for an officer beside
# the copy of the retry (found by the soak, contrib/soak, in a pg-restart
# fault). A relay in front of a real PostgreSQL (tests/tools/pg_cut_proxy.py)
# cuts the connection after the COMMIT has been passed on.
. "$(dirname "$0")/lib.sh"

seal_setup unhold-pg
: "${SEALCTL:=$top_builddir/ctl/sealctl}"
REINJECT_PORT=$(seal_free_port 3) || bail_out "no free port"
PROXY_PORT=$(seal_free_port 4) || bail_out "no free port"
trap 'rc=$?; seal_pg_stop; (exit $rc); seal_cleanup' EXIT
seal_pg_start "$SEAL_T/pg" || bail_out "PostgreSQL did not start"
ARM=$SEAL_T/cut-next-commit
/usr/bin/python3 "$top_srcdir/tests/tools/pg_cut_proxy.py" "$PROXY_PORT" "$SEAL_PG_PORT" "$ARM" \
	>"$SEAL_T/proxy.log" 2>&1 &
SEAL_PIDS="$SEAL_PIDS $!"
seal_wait_port "$PROXY_PORT" 20 || bail_out "the relay in front of PostgreSQL did not start"

CONF=$SEAL_MDIR/unhold-pg.conf
{
	seal_milter_runtime_keys | grep -v '^store ='
	cat <<EOF
store = postgresql://postgres@127.0.0.1:$PROXY_PORT/seal
internal_domains = kommune.example
reinject_to = 127.0.0.1:$REINJECT_PORT
action_chain = hold
language = en
log_level = info
EOF
} >"$CONF"
seal_start_reinject "$CONF" "$REINJECT_PORT"

# state_of SENDER: the states of the held records from SENDER, sorted.
state_of() { seal_held_states "$CONF" "$1"; }

send()	# send NAME SENDER: a message with a number to an untrusted recipient
{
	local mail
	mail=$(seal_make_mail cpr "t-unhold-pg-$1-$$" citizen@borger.example)
	seal_send "$1" "$2" citizen@borger.example "$mail"
}

send first first@kommune.example
check "a first message is held (the store works through the relay)" \
	test "$(state_of first@kommune.example)" = "held "

: >"$ARM"
send second second@kommune.example
reply=$(seal_reply_lines second)
if printf '%s\n' "$reply" | grep -q '^4[0-9][0-9]'; then
	ok "the connection is cut after the COMMIT of the hold: 4xx"
else
	not_ok "the connection is cut after the COMMIT of the hold: 4xx"
	diag "$reply"
fi
check "the relay did cut it" grep -qx cut "$SEAL_T/proxy.log"
check "the message is not left held although it was stored" \
	test "$(state_of second@kommune.example)" = "deleted "
check "the withdrawal is logged" grep -q 'of a tempfailed message withdrawn' "$SEAL_MLOG"

send third third@kommune.example
check "the next message is held" test "$(state_of third@kommune.example)" = "held "
check "the first message is untouched" test "$(state_of first@kommune.example)" = "held "
check "no number in the log" seal_no_text "$(seal_number_patterns 170583-1889)" "$SEAL_MLOG"
done_testing
