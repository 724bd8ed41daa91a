#!/bin/bash
# t-policy.sh - the refusal policy end to end through a real Postfix:
# clean mail passes byte for byte, identity numbers to untrusted, blocked or
# mixed recipients are refused at end of DATA with a masked reply, trusted and
# internal recipients get the message unchanged, malformed MIME gets a
# decision, a scanned letter is read by OCR while smfi_progress keeps a short
# milter_content_timeout from firing, and no log, reply or refused delivery
# holds a number in cleartext.
. "$(dirname "$0")/lib.sh"

seal_setup policy
# the .msg of ole2-msg (tests/data/binary/note.msg): dk-009, dk-021, dk-026,
# dk-006, dk-025 of tests/data/vectors.tsv
NUMBERS="170583-1889 710903-7353 190504-4539 210222-6839 130425-8787 060868-2430 240625-8826 030119-9147 040565-3177"
FROM=sagsbehandler@kommune.example
REFUSED_IDS=""

EN_CONF=$(seal_milter_conf en <<EOF
language = en
EOF
)
DA_CONF=$(seal_milter_conf da <<EOF
language = da
EOF
)
seal_up policy "$EN_CONF" || bail_out "could not start Postfix, smtp-sink and sealmilter"

# expect_delivered LABEL TEMPLATE TO: sent (exit 0) and delivered unchanged.
expect_delivered()
{
	local label=$1 tmpl=$2 to=$3 id mail rc f
	id="t-$label-$$"
	mail=$(seal_make_mail "$tmpl" "$id" "$to")
	seal_send "$label" "$FROM" "$to" "$mail"
	rc=$?
	if [ $rc -ne 0 ]; then
		not_ok "$label: accepted (got swaks exit $rc, want 0)"
		diag "$(seal_reply_lines "$label")"
		return
	fi
	ok "$label: accepted"
	if f=$(seal_wait_for_delivery "<$id@" 30); then
		check "$label: delivered byte for byte" seal_same_message "$mail" "$f"
	else
		not_ok "$label: delivered (got nothing in the sink within 30 s)"
		diag_file "$SEAL_MAILLOG" 10
	fi
}

# expect_refused LABEL TEMPLATE TO MASK [NAMED]: 550 5.7.1 at end of DATA,
# the reply names MASK (and NAMED), nothing delivered.
expect_refused()
{
	local label=$1 tmpl=$2 to=$3 mask=$4 named=${5:-} id mail rc reply
	id="t-$label-$$"
	REFUSED_IDS="$REFUSED_IDS $id"
	mail=$(seal_make_mail "$tmpl" "$id" "$to")
	seal_send "$label" "$FROM" "$to" "$mail"
	rc=$?
	reply=$(seal_reply_lines "$label")
	if [ $rc -eq 26 ] && printf '%s\n' "$reply" | grep -q '^550[- ]5\.7\.1'; then
		ok "$label: refused with 550 5.7.1"
	else
		not_ok "$label: refused (got swaks exit $rc, want 26 with 550 5.7.1)"
		diag "reply: $reply"
	fi
	if printf '%s\n' "$reply" | grep -qF -- "$mask"; then
		ok "$label: reply names $mask"
	else
		not_ok "$label: reply names $mask (got: $(printf '%s' "$reply" | tr '\n' ' '))"
	fi
	if [ -n "$named" ]; then
		if printf '%s\n' "$reply" | grep -qiF -- "$named"; then
			ok "$label: reply names $named"
		else
			not_ok "$label: reply names $named (got: $(printf '%s' "$reply" | tr '\n' ' '))"
		fi
	fi
	printf '%s\n' "$reply" >"$SEAL_T/swaks/$label.reply"
	check "$label: nothing delivered" seal_not_delivered "<$id@"
}

expect_delivered clean-untrusted clean citizen@gmail.example
expect_refused cpr-untrusted cpr citizen@gmail.example 170583-XXXX citizen@gmail.example
expect_delivered cpr-trusted cpr sagsbehandler@partner.example
expect_delivered cpr-internal cpr kollega@kommune.example
expect_refused cpr-mixed cpr kollega@kommune.example,citizen@gmail.example \
	170583-XXXX citizen@gmail.example
expect_refused se-html se-html someone@gmail.example 710903-XXXX
# Outlook's winmail.dat (TNEF, tests/tools/gen_tnef.py): the number only in
# the LZFu-compressed RTF body (issue 11)
expect_refused tnef-rtf tnef citizen@gmail.example 170583-XXXX
expect_refused cpr-blocked cpr someone@hotmail.example 170583-XXXX someone@hotmail.example
# An Outlook item (.msg, read with libgsf): the number in its subject.
expect_refused ole2-msg ole2-msg citizen@gmail.example 190504-XXXX
# a meeting invitation (text/calendar): the number only in DESCRIPTION is
# refused to an untrusted recipient; a clean one (a meeting ID) is delivered
expect_refused invite-cpr invite citizen@gmail.example 040565-XXXX
expect_delivered invite-clean invite-clean citizen@gmail.example

# Malformed MIME: a decision (2xx or 5xx), never a 4xx or a dead daemon.
id="t-malformed-$$"
mail=$(seal_make_mail malformed "$id" citizen@gmail.example)
seal_send malformed "$FROM" citizen@gmail.example "$mail"
rc=$?
case $rc in
0 | 26) ok "malformed: decided (swaks exit $rc)" ;;
*) not_ok "malformed: decided (got swaks exit $rc, want 0 or 26)"
	diag "$(seal_reply_lines malformed)" ;;
esac
check "malformed: sealmilter still running" seal_milter_alive
expect_delivered after-malformed clean citizen@gmail.example

# OCR (doc/DETECTION.md 2.4): a letter with a CPR number (vector dk-030)
# scanned as two A4 pages at 300 dpi, drawn at test time. Postfix waits only
# 5 s for the end-of-message reply (milter_content_timeout), less than the
# OCR takes: the daemon's smfi_progress calls keep the timeout from firing,
# so the answer is the refusal, not milter_default_action's tempfail.
# (Without them the timeout fires 5 s into the OCR; with them Postfix waited
# 63 s for four pages on a loaded machine under ASan, longer than swaks
# waits, hence two pages.)
postconf -c "$SEAL_PF_CONF" -e milter_content_timeout=5s
postfix -c "$SEAL_PF_CONF" reload >/dev/null 2>&1
sleep 2
id="t-ocr-scan-$$"
REFUSED_IDS="$REFUSED_IDS $id"
/usr/bin/python3 "$SEAL_LIB_DIR/../tools/gen_scans.py" --lang da --dpi 300 --noise 0.01 \
	--rotate 1.5 --vector dk-030 --seed 11 "$SEAL_T/ocr.png"
mkdir -p "$SEAL_T/mail"
/usr/bin/python3 "$SEAL_LIB_DIR/../tools/scan_mail.py" --to citizen@gmail.example --id "$id" \
	"$SEAL_T/mail/$id.eml" "$SEAL_T/ocr.png=scan1.png" "$SEAL_T/ocr.png=scan2.png"
t0=$(date +%s)
seal_send ocr-scan "$FROM" citizen@gmail.example "$SEAL_T/mail/$id.eml"
rc=$?
took=$(($(date +%s) - t0))
reply=$(seal_reply_lines ocr-scan)
printf '%s\n' "$reply" >"$SEAL_T/swaks/ocr-scan.reply"
if [ $rc -eq 26 ] && printf '%s\n' "$reply" | grep -q '^550[- ]5\.7\.1' &&
	printf '%s\n' "$reply" | grep -qF '030119-XXXX'; then
	ok "ocr-scan: scanned letter refused with 550 5.7.1 naming 030119-XXXX (${took} s, timeout 5 s)"
else
	not_ok "ocr-scan: refused (got swaks exit $rc after ${took} s, want 26 with 550 and 030119-XXXX)"
	diag "reply: $reply"
	diag_file "$SEAL_MAILLOG" 10
fi
[ "$took" -gt 5 ] || diag "ocr-scan: OCR took ${took} s, not longer than the timeout"
check "ocr-scan: nothing delivered" seal_not_delivered "<$id@"
postconf -c "$SEAL_PF_CONF" -X milter_content_timeout
postfix -c "$SEAL_PF_CONF" reload >/dev/null 2>&1

# Danish texts: same refusal, other language, still masked.
seal_milter_stop
seal_milter_start "$DA_CONF" || bail_out "sealmilter did not start with language = da"
expect_refused cpr-da cpr citizen@gmail.example 170583-XXXX citizen@gmail.example
if [ -s "$SEAL_T/swaks/cpr-da.reply" ] &&
	! cmp -s "$SEAL_T/swaks/cpr-da.reply" "$SEAL_T/swaks/cpr-untrusted.reply"; then
	ok "cpr-da: Danish reply differs from the English one"
else
	not_ok "cpr-da: Danish reply differs from the English one (got the same text)"
fi
seal_milter_stop

# Privacy: no number in cleartext in logs, replies or refused deliveries.
PATS=$SEAL_T/patterns
seal_number_patterns $NUMBERS >"$PATS"
files="$SEAL_MAILLOG $SEAL_MLOG $SEAL_T/swaks/*.reply"
for id in $REFUSED_IDS; do
	f=$(seal_sink_file "<$id@")
	[ -n "$f" ] && files="$files $f"
done
# shellcheck disable=SC2086
leaks=$(seal_leak_scan "$PATS" $files -z "$SEAL_MDIR/stdout.log" "$SEAL_T/sink.out")
if [ -z "$leaks" ]; then
	ok "privacy: no identity number in cleartext in logs, replies, refused mail"
else
	not_ok "privacy: numbers in cleartext in: $leaks"
fi
for m in 170583-XXXX 710903-XXXX; do
	if grep -qF -- "$m" "$SEAL_MLOG"; then
		ok "privacy: sealmilter log names $m"
	else
		not_ok "privacy: sealmilter log names $m (got no such line)"
		diag_file "$SEAL_MLOG" 10
	fi
done

done_testing
