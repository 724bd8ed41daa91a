#!/bin/bash
# t-selftest.sh - sealctl selftest against a real Postfix: it passes when
# Postfix is wired fail-closed through sealmilter and the canary is refused
# (SMTP and sendmail(1)) or held (and the held canary is deleted, a forged
# one is not); it fails, each with its own exit code, when
# milter_default_action is accept, when sealmilter's socket is missing from
# smtpd_milters or non_smtpd_milters, when sealmilter is not running, and
# when the action chain lets the canary through. The canary never reaches
# the next hop, and its number appears in no log.
. "$(dirname "$0")/lib.sh"

seal_setup selftest
: "${SEALCTL:=$top_builddir/ctl/sealctl}"
CANARY_RCPT=canary@selftest.invalid
# The canary number (ctl/selftest.c) and the number of the forged canary.
CANARY=010170-0100
NUMBER=170583-1889
CONF=$SEAL_MDIR/selftest.conf
REINJECT_PORT=$(seal_free_port 3) || bail_out "no free port"
# postconf, postqueue, postsuper and sendmail read the private instance.
export MAIL_CONFIG=$SEAL_PF_CONF

# write_conf [extra lines]: selftest_recipient and selftest_submit are
# $RCPT and $SUBMIT (set them to change them).
RCPT=$CANARY_RCPT
SUBMIT=127.0.0.1:$SEAL_SMTP_PORT
write_conf()
{
	{
		seal_milter_runtime_keys
		cat <<EOF
internal_domains = kommune.example
language = en
reinject_to = 127.0.0.1:$REINJECT_PORT
selftest_recipient = $RCPT
selftest_submit = $SUBMIT
selftest_timeout = 20
EOF
		printf '%s\n' "$@"
	} >"$CONF"
}

# selftest NAME: runs sealctl selftest; its output in $SEAL_T/NAME.out,
# its exit code in RC.
selftest()
{
	mkdir -p "$SEAL_T/out"
	"$SEALCTL" -c "$CONF" selftest >"$SEAL_T/out/$1" 2>&1
	RC=$?
	diag "$1: exit $RC: $(cat "$SEAL_T/out/$1")"
}

# No canary (its field) reached the next hop.
no_canary_delivered()
{
	seal_queue_empty 20 || { diag "queue did not drain"; return 1; }
	! grep -l -s -i '^X-Sealmilter-Selftest:' "$SEAL_SINK"/* >/dev/null
}

held_canaries()	# how many messages to the canary address wait in the quarantine
{
	"$SEALCTL" -c "$CONF" quarantine list --json 2>/dev/null |
		grep -o "\"$CANARY_RCPT\"" | wc -l
}

write_conf "action_chain = smime, pgp, refuse"
seal_pf_create || bail_out "postfix config"
seal_pf_add_reinject "$REINJECT_PORT" || bail_out "no reinjection listener"
seal_sink_start || bail_out "smtp-sink did not start"
seal_milter_start "$CONF" || bail_out "sealmilter did not start"
seal_pf_start || bail_out "postfix did not start"
seal_wait_port "$REINJECT_PORT" 20 || bail_out "reinjection listener did not start"

# ---------------------------------------------------------------- 1. refused over SMTP
selftest refuse
check "wired and refusing: exit 0" [ "$RC" = 0 ]
check "the line says the canary was refused" grep -q '^sealctl selftest: ok: canary refused' "$SEAL_T/out/refuse"
check "one line of output" [ "$(wc -l <"$SEAL_T/out/refuse")" = 1 ]
"$SEALCTL" -c "$CONF" audit search --action selftest --json >"$SEAL_T/audit1.json" 2>&1
check "the audit log has the selftest record naming the canary's record" \
	grep -q '"detail": "canary=[1-9][0-9]* result=refused' "$SEAL_T/audit1.json"
"$SEALCTL" -c "$CONF" audit search --action refuse --json >"$SEAL_T/audit1r.json" 2>&1
check "sealmilter's refusal of the canary is recorded" grep -q "$CANARY_RCPT" "$SEAL_T/audit1r.json"
"$SEALCTL" -c "$CONF" audit search --no-selftest --json >"$SEAL_T/audit1n.json" 2>&1
check "audit search --no-selftest leaves out the canary and the selftest record" \
	sh -c '! grep -q -e "$1" -e "\"action\": \"selftest\"" "$2" && grep -q "^\[" "$2"' - "$CANARY_RCPT" "$SEAL_T/audit1n.json"
check "no canary reached the next hop" no_canary_delivered

# ---------------------------------------------------------------- 2. sendmail(1)
SUBMIT=$(command -v sendmail)
write_conf "action_chain = smime, pgp, refuse"
selftest sendmail
SUBMIT=127.0.0.1:$SEAL_SMTP_PORT
check "sendmail(1) submission refused: exit 0" [ "$RC" = 0 ]
check "the line says refused, with the queue ID" grep -q '^sealctl selftest: ok: canary refused (queue ID [0-9A-Za-z]' "$SEAL_T/out/sendmail"
check "no canary reached the next hop (sendmail)" no_canary_delivered

# ---------------------------------------------------------------- 3. held, and a forged canary
write_conf "action_chain = hold"
seal_milter_reload || bail_out "reload failed"
# An outsider's message to the canary address with a canary field whose
# token is not keyed with our key: held, and it must stay held.
ID=t-forged-$$
cat >"$SEAL_T/forged.eml" <<EOF
From: someone@kommune.example
To: $CANARY_RCPT
Subject: forged canary
Message-ID: <$ID@kommune.example>
X-Sealmilter-Selftest: t=1700000000; n=0123456789abcdef0123456789abcdef; mac=$(printf '%064d' 0)

CPR-nr. $NUMBER
EOF
seal_send forged someone@kommune.example "$CANARY_RCPT" "$SEAL_T/forged.eml"
check "the forged canary is held" [ "$(held_canaries)" = 1 ]
selftest hold
check "held canary: exit 0" [ "$RC" = 0 ]
check "the line says the canary was held and deleted" grep -q '^sealctl selftest: ok: canary held .*held copy deleted' "$SEAL_T/out/hold"
check "the forged canary is still held, the real one gone" [ "$(held_canaries)" = 1 ]
check "no canary reached the next hop (hold)" no_canary_delivered

# ---------------------------------------------------------------- 4. a chain that lets it through
write_conf "action_chain = divert" "divert_to = sikkerpost@kommune.example"
seal_milter_reload || bail_out "reload failed"
selftest leak
check "divert is no refusal or hold: exit 3" [ "$RC" = 3 ]
check "the line says FAIL (3)" grep -q '^sealctl selftest: FAIL (3): .*: divert' "$SEAL_T/out/leak"
# It did leave: the secure mailbox got it. Cleared for the checks below.
seal_queue_empty 20
check "the diverted canary really went to the secure mailbox" \
	grep -q -s -i '^X-Rcpt-Args: <sikkerpost@kommune.example>' \
	$(grep -l -s -i '^X-Sealmilter-Selftest:' "$SEAL_SINK"/*)
rm -f $(grep -l -s -i '^X-Sealmilter-Selftest:' "$SEAL_SINK"/*)
write_conf "action_chain = smime, pgp, refuse"
seal_milter_reload || bail_out "reload failed"

# ---------------------------------------------------------------- 5. wiring
pc() { postconf -c "$SEAL_PF_CONF" -e "$@"; }
MILTER=$(postconf -c "$SEAL_PF_CONF" -h smtpd_milters)
pc milter_default_action=accept
selftest accept
check "milter_default_action = accept: exit 2" [ "$RC" = 2 ]
check "the line names milter_default_action" grep -q 'FAIL (2): postfix: milter_default_action = accept' "$SEAL_T/out/accept"
pc milter_default_action=tempfail
pc smtpd_milters=
selftest nosmtpd
check "not in smtpd_milters: exit 2" [ "$RC" = 2 ]
check "the line names smtpd_milters" grep -q 'FAIL (2): postfix: smtpd_milters does not name' "$SEAL_T/out/nosmtpd"
pc "smtpd_milters=$MILTER" non_smtpd_milters=
selftest nonsmtpd
check "not in non_smtpd_milters: exit 2" [ "$RC" = 2 ]
check "the line names non_smtpd_milters" grep -q 'FAIL (2): postfix: non_smtpd_milters does not name' "$SEAL_T/out/nonsmtpd"
pc "non_smtpd_milters=$MILTER"
selftest rewired
check "wired again: exit 0" [ "$RC" = 0 ]

# ---------------------------------------------------------------- 6. sealmilter not running
seal_milter_stop
selftest down
check "sealmilter not running: exit 4" [ "$RC" = 4 ]
check "the line says tempfailed" grep -q 'FAIL (4): the canary was tempfailed at MAIL FROM (451' "$SEAL_T/out/down"
check "no canary reached the next hop (down)" no_canary_delivered

# ---------------------------------------------------------------- 7. configuration
RCPT=postmaster@kommune.example
write_conf
selftest internal
check "an internal selftest_recipient is a configuration error (78)" [ "$RC" = 78 ]
check "the line says why" grep -q 'FAIL (78): selftest_recipient postmaster@kommune.example is internal' "$SEAL_T/out/internal"

# ---------------------------------------------------------------- no number in clear
printf '%s\n' "$(seal_number_patterns "$CANARY" "$NUMBER")" >"$SEAL_T/patterns"
LEAKS=$(seal_leak_scan "$SEAL_T/patterns" "$SEAL_T"/out/* "$SEAL_MLOG" "$SEAL_MAILLOG")
check "no number in sealctl's output, the milter log or Postfix's log" test -z "$LEAKS"
[ -z "$LEAKS" ] || diag "$LEAKS"

done_testing
