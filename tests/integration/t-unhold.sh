#!/bin/bash
# t-unhold.sh - a held message whose transaction is then tempfailed is
# withdrawn, even when the withdrawal itself first fails (found by the soak,
# contrib/soak: a full store file system let the hold commit, failed the
# audit record, then failed the withdrawal too, and a record of a message
# Postfix never accepted stayed "held" beside the copy of the retry).
# Faults are injected into the real SQLite store with triggers: the audit
# insert and the update of held rows fail; then they are dropped and the
# next message must withdraw the record left behind.
. "$(dirname "$0")/lib.sh"

seal_setup unhold
command -v sqlite3 >/dev/null || bail_out "sqlite3 not installed (contrib/install-deps.sh)"
: "${SEALCTL:=$top_builddir/ctl/sealctl}"
REINJECT_PORT=$(seal_free_port 3) || bail_out "no free port"
CONF=$(printf '%s\n' "reinject_to = 127.0.0.1:$REINJECT_PORT" "action_chain = hold" \
	"language = en" | seal_milter_conf unhold)
DB=$SEAL_MDIR/store/seal.db
seal_start_reinject "$CONF" "$REINJECT_PORT"

# state_of SENDER: the states of the held records from SENDER, sorted.
state_of() { seal_held_states "$CONF" "$1"; }

send()	# send NAME SENDER: a message with a number to an untrusted recipient
{
	local mail
	mail=$(seal_make_mail cpr "t-unhold-$1-$$" citizen@borger.example)
	seal_send "$1" "$2" citizen@borger.example "$mail"
}

send first first@kommune.example
check "a first message is held (the store works)" test "$(state_of first@kommune.example)" = "held "

sqlite3 "$DB" "CREATE TRIGGER t_fail_audit BEFORE INSERT ON audit BEGIN
	SELECT RAISE(ABORT, 'injected audit failure'); END;
CREATE TRIGGER t_fail_update BEFORE UPDATE ON held BEGIN
	SELECT RAISE(ABORT, 'injected update failure'); END;" || bail_out "cannot add the triggers"
send second second@kommune.example
reply=$(seal_reply_lines second)
if printf '%s\n' "$reply" | grep -q '^4[0-9][0-9]'; then
	ok "audit record fails after the hold: 4xx"
else
	not_ok "audit record fails after the hold: 4xx"
	diag "$reply"
fi
check "the withdrawal failed too and is logged to be tried again" \
	grep -q 'not yet withdrawn, will try again' "$SEAL_MLOG"
check "meanwhile the record is still held" test "$(state_of second@kommune.example)" = "held "

sqlite3 "$DB" "DROP TRIGGER t_fail_audit; DROP TRIGGER t_fail_update;" ||
	bail_out "cannot drop the triggers"
send third third@kommune.example
check "the next message is held" test "$(state_of third@kommune.example)" = "held "
check "with it, the record of the tempfailed message is withdrawn" \
	test "$(state_of second@kommune.example)" = "deleted "
check "the withdrawal is logged" grep -q 'of a tempfailed message withdrawn' "$SEAL_MLOG"
check "the first message is untouched" test "$(state_of first@kommune.example)" = "held "
check "no number in the log" seal_no_text "$(seal_number_patterns 170583-1889)" "$SEAL_MLOG"
done_testing
