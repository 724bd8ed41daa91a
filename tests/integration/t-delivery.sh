#!/bin/bash
# t-delivery.sh - a recipient sealmilter decides to take out of a message
# (hold here; the same removal serves divert and partial_refuse = notify)
# is really taken out, in every form Postfix accepts, over SMTP and through
# sendmail(1); routing syntax in the local part (% ! quoted @) through a
# domain Postfix treats as its own is untrusted; a refused sendmail(1)
# submission with an outside envelope sender waits in Postfix's hold queue
# instead of being bounced with its headers.
#
# Why: Postfix's cleanup_del_rcpt() compares the milter's string with the
# recipient as Postfix stored it and reports success when nothing matched
# (Postfix 3.7 src/cleanup/cleanup_milter.c). The sink (smtp-sink) shows
# what really left: every file that holds the number in clear must be
# addressed to the internal colleague only.
. "$(dirname "$0")/lib.sh"

seal_setup delivery
NUMBER=170583-1889
FROM=sagsbehandler@kommune.example
COLLEAGUE=kollega@kommune.example
REINJECT_PORT=$(seal_free_port 3) || bail_out "no free port"
CONF=$(seal_milter_conf delivery <<EOF
reinject_to = 127.0.0.1:$REINJECT_PORT
action_chain = hold
language = en
EOF
)
seal_pf_create || bail_out "postfix config"
seal_pf_add_reinject "$REINJECT_PORT" || bail_out "no reinjection listener"
# localhost.$mydomain is in Postfix's default mydestination; the percent
# hack, bang paths and dequoting then route through it (section 1, *-local).
# Canonical maps rewrite a recipient after the milter saw it.
sed -i '/^mydestination =/d' "$SEAL_PF_CONF/main.cf"
cat >>"$SEAL_PF_CONF/main.cf" <<EOF
mydestination = localhost.kommune.example
recipient_canonical_maps = inline:{ {old@gmail.example=new@gmail.example}, {old2@gmail.example=new2@gmail.example} }
EOF
seal_sink_start || bail_out "smtp-sink did not start"
# The daemon reads this instance's journaling with postconf(1) (MAIL_CONFIG).
MAIL_CONFIG=$SEAL_PF_CONF seal_milter_start "$CONF" || bail_out "sealmilter did not start"
seal_pf_start || bail_out "postfix did not start"
seal_wait_port "$REINJECT_PORT" 20 || bail_out "reinjection listener did not start"
PATS=$SEAL_T/patterns
seal_number_patterns "$NUMBER" >"$PATS"

# smtp_send ID RCPT-ARG...: one SMTP transaction with the RCPT arguments
# exactly as given (swaks adds or keeps brackets its own way).
smtp_send()
{
	local id=$1 mail
	shift
	mail=$(seal_make_mail cpr "$id" "$COLLEAGUE")
	python3 - "$SEAL_SMTP_PORT" "$FROM" "$mail" "$@" <<'PY' >"$SEAL_T/smtp-$id.log" 2>&1
import smtplib, sys
port, sender, path, rcpts = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
s = smtplib.SMTP('127.0.0.1', port)
s.ehlo('client.kommune.example')
code, _ = s.docmd('MAIL FROM:<%s>' % sender)
assert code == 250, code
for r in rcpts:
    code, text = s.docmd('RCPT TO:' + r)
    assert code == 250, (r, code, text)
code, _ = s.docmd('DATA')
assert code == 354, code
data = open(path, 'rb').read().replace(b'\r\n', b'\n').replace(b'\n', b'\r\n')
s.send(data + b'.\r\n')
code, text = s.getreply()
print(code, text)
assert code == 250, code
s.quit()
PY
}

# sendmail_send ID RCPT...: a sendmail(1) submission (non_smtpd_milters).
sendmail_send()
{
	local id=$1 mail
	shift
	mail=$(seal_make_mail cpr "$id" "$COLLEAGUE")
	sendmail -C "$SEAL_PF_CONF" -f "${SM_FROM:-$FROM}" -- "$@" <"$mail" \
		>"$SEAL_T/sendmail-$id.out" 2>&1
}

# settled: maildrop, incoming, active and deferred empty (hold may stay).
settled()
{
	local n=300
	while [ $n -gt 0 ]; do
		if ! postqueue -c "$SEAL_PF_CONF" -j 2>/dev/null |
			grep -v '"queue_name": *"hold"' | grep -q .; then
			return 0
		fi
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# only_colleague ID: every sink file of ID with the number in clear is
# addressed to the colleague alone.
only_colleague()
{
	local f bad=""
	for f in $(grep -l -F -- "<$1@" "$SEAL_SINK"/* 2>/dev/null); do
		grep -q -a -E -f "$PATS" "$f" || continue
		bad="$bad$(grep -i '^X-Rcpt-Args:' "$f" | grep -v -i "<$COLLEAGUE>" |
			sed 's/^X-Rcpt-Args: //' | tr -d '\r' | tr '\n' ' ')"
	done
	[ -z "$bad" ] || { diag "$1: cleartext to $bad"; return 1; }
}

# colleague_got ID: the colleague received the message with its content (30 s).
colleague_got()
{
	local n=150 f
	while [ $n -gt 0 ]; do
		for f in $(grep -l -F -- "<$1@" "$SEAL_SINK"/* 2>/dev/null); do
			grep -q -i "^X-Rcpt-Args: <$COLLEAGUE>" "$f" &&
				grep -q 'regarding your case' "$f" && return 0
		done
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# ---------------------------------------------------------------- 1. removal, every form
# name|how|recipient as given. The colleague is always a second recipient,
# so the message is split: the colleague gets it, the other is held.
TABLE='source-route|smtp|<@kommune.example:citizen@gmail.example>
double-brackets|smtp|<<citizen2@gmail.example>>
quoted-needless|smtp|<"citizen3"@gmail.example>
quoted-space|smtp|<"citizen four"@gmail.example>
percent-remote|smtp|<citizen%gmail.example@relay.example>
canonical|smtp|<old@gmail.example>
no-brackets|smtp|plain@gmail.example
mixed-case|smtp|<Citizen15@Gmail.Example>
percent|sendmail|citizen5%gmail.example
bang|sendmail|gmail.example!citizen6
quoted|sendmail|"citizen seven"@gmail.example
canonical|sendmail|old2@gmail.example
plain|sendmail|citizen8@gmail.example
percent-local|smtp|<citizen9%gmail.example@localhost.kommune.example>
bang-local|smtp|<gmail.example!citizen10@localhost.kommune.example>
quoted-at-local|smtp|<"citizen11@gmail.example"@localhost.kommune.example>
percent-local|sendmail|citizen12%gmail.example@localhost.kommune.example
bang-local|sendmail|gmail.example!citizen13@localhost.kommune.example
quoted-at-local|sendmail|"citizen14@gmail.example"@localhost.kommune.example
bang-remote|smtp|<gmail.example!citizen26@relay.example>
quoted-at-remote|smtp|<"citizen27@gmail.example"@relay.example>
route-brackets|smtp|<<@kommune.example:citizen30@gmail.example>>
source-route|sendmail|@kommune.example:citizen28@gmail.example
brackets|sendmail|<citizen29@gmail.example>'

IDS=""
while IFS='|' read -r name how rcpt; do
	id=t-del-$how-$name-$$
	IDS="$IDS $id"
	if [ "$how" = smtp ]; then
		smtp_send "$id" "<$COLLEAGUE>" "$rcpt"
	else
		sendmail_send "$id" "$COLLEAGUE" "$rcpt"
	fi
	check "$how $name: $rcpt accepted" test $? -eq 0
done <<<"$TABLE"
check "all submissions settled" settled
for id in $IDS; do
	check "${id#t-del-}: the colleague gets the message" colleague_got "$id"
	check "${id#t-del-}: no cleartext to anyone else" only_colleague "$id"
done

# ---------------------------------------------------------------- 1b. IDN (item 8)
# kommu<U+200C>ne.example: g_hostname_to_ascii would drop the ZWNJ and call
# it kommune.example; Postfix (ICU, UTS #46) sends it to
# xn--kommune-d06c.example. sealmilter must not count it internal.
postconf -c "$SEAL_PF_CONF" -e "smtputf8_enable = yes"
postfix -c "$SEAL_PF_CONF" reload >/dev/null 2>&1
sleep 1
id=t-del-idn-zwnj-$$
mail=$(seal_make_mail cpr "$id" "$COLLEAGUE")
python3 - "$SEAL_SMTP_PORT" "$FROM" "$mail" "$COLLEAGUE" <<'PY' >"$SEAL_T/smtp-$id.log" 2>&1
import smtplib, sys
s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]))
s.ehlo('client.kommune.example')
data = open(sys.argv[3], 'rb').read().replace(b'\r\n', b'\n').replace(b'\n', b'\r\n')
r = s.sendmail(sys.argv[2], [sys.argv[4], 'citizen31@kommu\u200cne.example'], data,
               mail_options=['SMTPUTF8'])
print(r)
s.quit()
PY
check "idn: a ZWNJ domain is accepted by Postfix (SMTPUTF8)" test $? -eq 0
check "idn: queue settled" settled
check "idn: the colleague gets the message" colleague_got "$id"
check "idn: no cleartext to the ZWNJ domain (not counted internal)" only_colleague "$id"

# ---------------------------------------------------------------- 2. refused sendmail(1), outside sender
# Postfix bounces a refused sendmail(1) submission itself, headers
# included, to the envelope sender, and bounces pass no milter.
reload_with()
{
	{ grep -v '^action_chain' "$CONF"; printf '%s\n' "$@"; } >"$CONF.new" &&
		cat "$CONF.new" >"$CONF"
	seal_milter_reload
}
reload_with "action_chain = refuse" || not_ok "refuse: reload"
id=t-del-refuse-outside-$$
SM_FROM=someone@outside.example sendmail_send "$id" citizen@gmail.example
check "refuse, outside sender: sendmail accepted the submission" test $? -eq 0
check "refuse, outside sender: queue settled" settled
check "refuse, outside sender: the message waits in Postfix's hold queue" \
	bash -c "postqueue -c '$SEAL_PF_CONF' -j | grep -q '\"queue_name\": *\"hold\"'"
check "refuse, outside sender: nothing delivered, no bounce" \
	bash -c "! grep -l -a -F -e '<$id@' -e 'X-Rcpt-Args: <someone@outside.example>' '$SEAL_SINK'/* 2>/dev/null | grep -q ."
id=t-del-refuse-inside-$$
sendmail_send "$id" citizen@gmail.example
check "refuse, internal sender: queue settled" settled
check "refuse, internal sender: Postfix rejects it (the bounce goes to the caseworker)" \
	grep -q 'milter-reject' "$SEAL_MAILLOG"

# ---------------------------------------------------------------- 3. recipients Postfix adds
# always_bcc and recipient_bcc_maps are added by cleanup(8) after the milter
# saw the envelope: sealmilter never sees them. A message whose every
# recipient is held must not be discarded (the journal would lose it): the
# recipients sealmilter saw are removed and the journal, declared internal
# here as the README asks, still gets its copy.
reload_with "action_chain = hold" || not_ok "bcc: reload"
postconf -c "$SEAL_PF_CONF" -e "always_bcc = journal@kommune.example" \
	"recipient_bcc_maps = inline:{ {citizen20@gmail.example=journal2@kommune.example} }"
postfix -c "$SEAL_PF_CONF" reload >/dev/null 2>&1
seal_milter_reload || not_ok "bcc: milter reload"
sleep 2
# got ID RCPT: a sink file of ID addressed to RCPT (30 s).
got()
{
	local n=150 f
	while [ $n -gt 0 ]; do
		for f in $(grep -l -F -- "<$1@" "$SEAL_SINK"/* 2>/dev/null); do
			grep -q -i "^X-Rcpt-Args: <$2>" "$f" && return 0
		done
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}
# no_cleartext_to ID RCPT: no sink file of ID with the number goes to RCPT.
no_cleartext_to()
{
	local f
	for f in $(grep -l -F -- "<$1@" "$SEAL_SINK"/* 2>/dev/null); do
		grep -q -a -E -f "$PATS" "$f" || continue
		grep -q -i "^X-Rcpt-Args: <$2>" "$f" && return 1
	done
	return 0
}
id=t-del-bcc-all-held-$$
smtp_send "$id" "<citizen20@gmail.example>"
check "bcc, all held: accepted" test $? -eq 0
check "bcc, all held: queue settled" settled
check "bcc, all held: the always_bcc journal still gets it" got "$id" journal@kommune.example
check "bcc, all held: the recipient_bcc_maps journal still gets it" got "$id" journal2@kommune.example
check "bcc, all held: the held recipient gets nothing" no_cleartext_to "$id" citizen20@gmail.example
id=t-del-bcc-split-$$
smtp_send "$id" "<$COLLEAGUE>" "<citizen21@gmail.example>"
check "bcc, split: queue settled" settled
check "bcc, split: the colleague gets it" colleague_got "$id"
check "bcc, split: the journal gets it" got "$id" journal@kommune.example
check "bcc, split: the held recipient gets nothing" no_cleartext_to "$id" citizen21@gmail.example
# held_rcpts RCPT: the recipients of each message in Postfix's hold queue
# that has RCPT, one line per message (addresses sorted, space separated).
held_rcpts()
{
	postqueue -c "$SEAL_PF_CONF" -j 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    q = json.loads(line)
    if q.get("queue_name") != "hold":
        continue
    r = sorted(x["address"] for x in q.get("recipients", []))
    if sys.argv[1] in r:
        print(" ".join(r))' "$1"
}
# Removal that cannot be verified (a source route over SMTP, any sendmail(1)
# submission): the original would be discarded, and with it what Postfix
# owes the journal. It waits in Postfix's hold queue instead, every
# recipient sealmilter saw removed as well as it can, for the postmaster
# (postcat -q, postsuper -H).
journal_held=$(held_rcpts journal@kommune.example | wc -l)
id=t-del-bcc-route-held-$$
smtp_send "$id" "<@kommune.example:citizen23@gmail.example>"
check "bcc, all held, unverifiable removal: accepted" test $? -eq 0
check "bcc, all held, unverifiable removal: queue settled" settled
check "bcc, all held, unverifiable removal: the held recipient gets nothing" \
	no_cleartext_to "$id" citizen23@gmail.example
check "bcc, all held, unverifiable removal: the original waits in Postfix's hold queue, not discarded" \
	test "$(held_rcpts journal@kommune.example | wc -l)" -eq $((journal_held + 1))
not_on_held() { ! held_rcpts journal@kommune.example | grep -q -F "$1"; }
check "bcc, all held, unverifiable removal: only the journal is left on it" \
	not_on_held citizen23@gmail.example
postsuper -c "$SEAL_PF_CONF" -H ALL >/dev/null 2>&1
check "bcc, released by the postmaster: the journal gets it" got "$id" journal@kommune.example
check "bcc, released by the postmaster: the held recipient still gets nothing" \
	no_cleartext_to "$id" citizen23@gmail.example
check "bcc, released: queue settled" settled
journal_held=$(held_rcpts journal@kommune.example | wc -l)
id=t-del-bcc-route-split-$$
smtp_send "$id" "<$COLLEAGUE>" "<@kommune.example:citizen24@gmail.example>"
check "bcc, split by copies: queue settled" settled
check "bcc, split by copies: the colleague gets his copy" colleague_got "$id"
check "bcc, split by copies: the held recipient gets nothing" \
	no_cleartext_to "$id" citizen24@gmail.example
check "bcc, split by copies: the original waits for the journal in Postfix's hold queue" \
	test "$(held_rcpts journal@kommune.example | wc -l)" -eq $((journal_held + 1))
journal_held=$(held_rcpts journal@kommune.example | wc -l)
id=t-del-bcc-sendmail-held-$$
sendmail_send "$id" citizen25%gmail.example
check "bcc, sendmail(1), all held: queue settled" settled
check "bcc, sendmail(1), all held: the held recipient gets nothing" \
	no_cleartext_to "$id" citizen25@gmail.example
check "bcc, sendmail(1), all held: the original waits in Postfix's hold queue" \
	test "$(held_rcpts journal@kommune.example | wc -l)" -eq $((journal_held + 1))
postsuper -c "$SEAL_PF_CONF" -d ALL hold >/dev/null 2>&1

# A journal outside: Postfix would give it the cleartext of every message
# with findings, whatever sealmilter does with the recipients it sees.
postconf -c "$SEAL_PF_CONF" -e "always_bcc = journal@archive.example" "recipient_bcc_maps ="
postfix -c "$SEAL_PF_CONF" reload >/dev/null 2>&1
seal_milter_reload || not_ok "outside journal: milter reload"
sleep 2
id=t-del-bcc-outside-$$
smtp_send "$id" "<$COLLEAGUE>"
check "outside journal: accepted" test $? -eq 0
check "outside journal: queue settled" settled
check "outside journal: nothing with the number delivered" \
	bash -c "! grep -l -F -- '<$id@' '$SEAL_SINK'/* 2>/dev/null | xargs -r grep -l -a -E -f '$PATS' | grep -q ."
check "outside journal: the message waits in Postfix's hold queue" \
	test "$(held_rcpts journal@archive.example | wc -l)" -eq 1
id=t-del-bcc-outside-clean-$$
mail=$(seal_make_mail clean "$id" "$COLLEAGUE")
python3 - "$SEAL_SMTP_PORT" "$FROM" "$mail" "$COLLEAGUE" <<'PY' >"$SEAL_T/smtp-$id.log" 2>&1
import smtplib, sys
s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]))
s.sendmail(sys.argv[2], [sys.argv[4]], open(sys.argv[3], 'rb').read())
s.quit()
PY
check "outside journal: a message without findings is delivered to the journal as usual" \
	got "$id" journal@archive.example
postsuper -c "$SEAL_PF_CONF" -d ALL hold >/dev/null 2>&1

postconf -c "$SEAL_PF_CONF" -e "always_bcc =" "recipient_bcc_maps ="
postfix -c "$SEAL_PF_CONF" reload >/dev/null 2>&1
seal_milter_reload || not_ok "no journal: milter reload"
sleep 2
id=t-del-all-held-$$
smtp_send "$id" "<citizen22@gmail.example>"
check "all held, no journal: queue settled (every recipient removed)" settled
check "all held, no journal: nothing delivered" \
	bash -c "! grep -l -F -- '<$id@' '$SEAL_SINK'/* 2>/dev/null | xargs -r grep -l -a -E -f '$PATS' | grep -q ."

# ---------------------------------------------------------------- 4. sealmilter -n reads Postfix's side
# postconf(1) with MAIL_CONFIG reads this private instance's main.cf.
PC=$SEAL_T/pfcheck
mkdir -p "$PC"
cp "$SEAL_PF_CONF/main.cf" "$SEAL_PF_CONF/master.cf" "$PC/"
sed -i -e '/^smtpd_milters =/d' -e '/^non_smtpd_milters =/d' "$PC/main.cf"
cat >>"$PC/main.cf" <<EOF
always_bcc = journal@archive.example
recipient_bcc_maps = inline:{ {kollega@kommune.example=journal@archive.example} }
smtpd_milters = unix:$SEAL_SOCK, inet:127.0.0.1:9999
non_smtpd_milters = unix:$SEAL_SOCK, inet:127.0.0.1:9998
EOF
out=$(MAIL_CONFIG=$PC "$SEALMILTER" -n -c "$CONF" 2>&1)
rc=$?
check "-n: Postfix warnings do not change the exit status" test $rc -eq 0
for w in 'always_bcc = journal@archive.example is not internal' \
	'recipient_bcc_maps = inline' 'recipient_canonical_maps = inline' \
	'sealmilter is not the last of smtpd_milters (inet:127.0.0.1:9999 follows)' \
	'sealmilter is not the last of non_smtpd_milters (inet:127.0.0.1:9998 follows)'; do
	if grep -q -F -- "$w" <<<"$out"; then ok "-n warns: $w"; else
		not_ok "-n warns: $w"; diag "$out"; fi
done
sed -i -e 's|^smtpd_milters = .*|smtpd_milters = inet:127.0.0.1:9999, unix:x/sealmilter.sock|' \
	-e 's|^non_smtpd_milters = .*|non_smtpd_milters = inet:127.0.0.1:9998, unix:x/sealmilter.sock|' \
	"$PC/main.cf"
out=$(MAIL_CONFIG=$PC "$SEALMILTER" -n -c "$CONF" 2>&1)
if grep -q 'not the last' <<<"$out"; then
	not_ok "-n: sealmilter last in smtpd_milters and non_smtpd_milters is not warned about"; diag "$out"
else
	ok "-n: sealmilter last in smtpd_milters and non_smtpd_milters is not warned about"
fi
out=$(MAIL_CONFIG=$SEAL_T/nowhere "$SEALMILTER" -n -c "$CONF" 2>&1)
check "-n: no readable main.cf, no Postfix warnings" test -z "$out"

seal_milter_stop
leaks=$(seal_leak_scan "$PATS" "$SEAL_MAILLOG" "$SEAL_MLOG" -z "$SEAL_MDIR/stdout.log")
check "privacy: no identity number in the logs" test -z "$leaks"
[ -z "$leaks" ] || diag "$leaks"
check "no sanitizer report from the daemon" \
	bash -c "test -f '$SEAL_MDIR/stdout.log' && ! grep -qE 'Sanitizer|runtime error:' '$SEAL_MDIR/stdout.log'"

done_testing
