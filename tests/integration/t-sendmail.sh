#!/bin/bash
# t-sendmail.sh - mail submitted with sendmail(1) reaches sealmilter through
# non_smtpd_milters: a clean message is delivered, a message with a CPR
# number to an untrusted domain is not delivered in cleartext (Postfix
# bounces or holds it), and the sink never sees the number.
. "$(dirname "$0")/lib.sh"

seal_setup sendmail
FROM=sagsbehandler@kommune.example
TO=citizen@gmail.example
CONF=$(seal_milter_conf en <<EOF
language = en
EOF
)
seal_up sendmail "$CONF" || bail_out "could not start Postfix, smtp-sink and sealmilter"

# submit ID TEMPLATE: sendmail -C CONFDIR; prints the message path.
submit()
{
	local id=$1 mail
	mail=$(seal_make_mail "$2" "$id" "$TO")
	if sendmail -C "$SEAL_PF_CONF" -f "$FROM" -- "$TO" <"$mail" \
		>"$SEAL_T/sendmail-$id.out" 2>&1; then
		ok "$id: sendmail accepted the submission"
	else
		not_ok "$id: sendmail accepted the submission (got exit $?)"
		diag_file "$SEAL_T/sendmail-$id.out" 5
	fi
}

# queue_settled [SECONDS]: no message left in maildrop/incoming/active/
# deferred (held ones may stay).
queue_settled()
{
	local n=$(( ${1:-30} * 5 ))
	while [ $n -gt 0 ]; do
		if ! postqueue -c "$SEAL_PF_CONF" -j 2>/dev/null | grep -v '"queue_name": *"hold"' | grep -q .; then
			return 0
		fi
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# milter_decision ID: what Postfix logged for this message's queue ID.
milter_decision()
{
	local qid
	qid=$(grep -F "message-id=<$1@" "$SEAL_MAILLOG" | tail -n 1 |
		sed -E 's/.*: ([0-9A-F]+): message-id=.*/\1/')
	[ -n "$qid" ] || return 1
	grep -E "$qid: milter-(reject|hold|discard)" "$SEAL_MAILLOG" |
		sed -E 's/.*: (milter-[a-z]+):.*/\1/' | head -n 1
}

clean="t-sm-clean-$$"
submit "$clean" clean
if f=$(seal_wait_for_delivery "<$clean@" 40); then
	ok "clean: delivered through pickup and non_smtpd_milters"
	check "clean: delivered byte for byte" seal_same_message "$SEAL_T/mail/$clean.eml" "$f"
else
	not_ok "clean: delivered (got nothing in the sink within 40 s)"
	diag_file "$SEAL_MAILLOG" 15
fi

cpr="t-sm-cpr-$$"
submit "$cpr" cpr
if queue_settled 40; then
	ok "cpr: queue settled (bounced or held)"
else
	not_ok "cpr: queue settled (got messages still queued after 40 s)"
	diag "$(postqueue -c "$SEAL_PF_CONF" -p 2>&1 | head -n 10)"
fi
d=$(milter_decision "$cpr")
if [ -n "$d" ]; then
	ok "cpr: Postfix logged $d from sealmilter"
else
	not_ok "cpr: Postfix logged a milter reject or hold (got none)"
	diag_file "$SEAL_MAILLOG" 15
fi
# Bounces to the (internal) sender may arrive; the recipient gets nothing.
to_rcpt=$(grep -l -F "X-Rcpt-Args: <$TO>" "$SEAL_SINK"/* 2>/dev/null |
	xargs -r grep -l -F "<$cpr@" 2>/dev/null)
if [ -z "$to_rcpt" ]; then
	ok "cpr: nothing delivered to $TO"
else
	not_ok "cpr: nothing delivered to $TO (got $to_rcpt)"
fi
seal_milter_stop

PATS=$SEAL_T/patterns
seal_number_patterns 170583-1889 >"$PATS"
# shellcheck disable=SC2086
leaks=$(seal_leak_scan "$PATS" "$SEAL_SINK"/* "$SEAL_MAILLOG" "$SEAL_MLOG" -z "$SEAL_MDIR/stdout.log")
if [ -z "$leaks" ]; then
	ok "privacy: no identity number in the sink or the logs"
else
	not_ok "privacy: numbers in cleartext in: $leaks"
fi

done_testing
