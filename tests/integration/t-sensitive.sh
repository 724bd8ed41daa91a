#!/bin/bash
# t-sensitive.sh - sensitive mail and the regulator profiles through a real
# Postfix: a Danish letter about a citizen's substance-abuse treatment
# (no identity number) to an untrusted recipient is S/MIME-encrypted when a
# certificate exists, else diverted to the secure mailbox, or held, as
# sensitive_action_chain says; under profile = dk a service reminder from a
# verified (SMTP AUTH) service sender to a recipient whose consent is in
# the store is delivered unchanged, and the waiver is an audit record naming
# the consent; without AUTH, without consent, after a withdrawal and under
# profile = se the same reminder is protected. The waiver's log line marks
# the recipient and names the consent entry. Category words in the
# Subject, a display name and a file name reach neither the log, the audit
# records, the store, the hold notice nor the refusal.
#
# Until the category dictionaries land, a site rule of class sensitive
# (misbrugsbehandling / missbruksbehandling) marks the messages sensitive.
# SMTP AUTH: Postfix with smtpd_sasl_type = dovecot against
# tests/tools/dovecot_auth_stub.py (no SASL database needed).
. "$(dirname "$0")/lib.sh"

seal_setup sensitive
for prog in openssl python3; do
	command -v $prog >/dev/null || bail_out "$prog not installed (contrib/install-deps.sh)"
done
FROM=sagsbehandler@kommune.example
BOOKING=booking@kommune.example
WORD='[Mm]isbrugsbehandling|[Mm]issbruksbehandling'
PKI=$SEAL_T/pki
CTL=$top_builddir/ctl/sealctl
sh "$top_srcdir/tests/smime/make-certs.sh" "$PKI" >/dev/null 2>&1 || bail_out "make-certs.sh failed"
u=sealmilter
getent passwd $u >/dev/null || u=root
chown -R "$u" "$PKI"
chmod 0755 "$PKI"

REINJECT_PORT=$(seal_free_port 3) || bail_out "no free port"
AUTH_PORT=$(seal_free_port 5) || bail_out "no free port"
CONF=$SEAL_MDIR/sensitive.conf
RULES=$SEAL_MDIR/sensitive.rules
cat >"$RULES" <<EOF
# Stand-in for the category dictionaries: treatment for substance abuse.
name = misbrug
pattern = (?i)(misbrugs|missbruks)behandling\\w*
class = sensitive
confidence = high
EOF
chmod 0644 "$RULES"

write_conf()	# write_conf [extra lines]
{
	{
		seal_milter_runtime_keys
		cat <<EOF
internal_domains = kommune.example
smime_cert_dir = $PKI/certs
smime_ca_file = $PKI/ca.pem
reinject_to = 127.0.0.1:$REINJECT_PORT
divert_to = sikkerpost@kommune.example
divert_service = Digital Post
divert_agency = Testkommune
language = da
log_level = info
rules_file = $RULES
service_senders = $BOOKING
EOF
		printf '%s\n' "$@"
	} >"$CONF"
}
reload_with()	# reload_with [extra lines]: a new configuration, reloaded
{
	write_conf "$@"
	seal_milter_reload
}

write_conf "profile = dk"
seal_pf_create || bail_out "postfix config"
cat >>"$SEAL_PF_CONF/main.cf" <<EOF
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:$AUTH_PORT
EOF
python3 "$top_srcdir/tests/tools/dovecot_auth_stub.py" "$AUTH_PORT" booking secret \
	>"$SEAL_T/auth.log" 2>&1 &
SEAL_PIDS="$SEAL_PIDS $!"
seal_wait_port "$AUTH_PORT" 20 || bail_out "auth stub did not start"
seal_pf_add_reinject "$REINJECT_PORT" || bail_out "no reinjection listener"
seal_sink_start || bail_out "smtp-sink did not start"
seal_milter_start "$CONF" || bail_out "sealmilter did not start"
seal_pf_start || bail_out "postfix did not start"
seal_wait_port "$REINJECT_PORT" 20 || bail_out "reinjection listener did not start"

# ---------------------------------------------------------------- helpers

# delivered_to ID RCPT: the sink file of message ID addressed to RCPT (30 s).
delivered_to()
{
	local n=150 f
	while [ $n -gt 0 ]; do
		for f in $(grep -l -F -- "$1" "$SEAL_SINK"/* 2>/dev/null); do
			if grep -q -i "^X-Rcpt-Args: <$2>" "$f"; then
				echo "$f"
				return 0
			fi
		done
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# not_delivered_to ID RCPT: after the queue drained, RCPT got no copy of ID.
not_delivered_to()
{
	seal_queue_empty 20 || { diag "queue did not drain"; return 1; }
	[ -z "$(grep -l -F -- "$1" "$SEAL_SINK"/* 2>/dev/null |
		xargs -r grep -l -i "^X-Rcpt-Args: <$2>")" ]
}

# notice_to RCPT SUBJECT: a notice (its own Message-ID) to RCPT with SUBJECT.
notice_to()
{
	local n=150 f
	while [ $n -gt 0 ]; do
		for f in $(grep -l -i "^X-Rcpt-Args: <$1>" "$SEAL_SINK"/* 2>/dev/null); do
			if grep -q -F "Subject: $2" "$f"; then
				echo "$f"
				return 0
			fi
		done
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# send_auth NAME FROM TO FILE: as seal_send, authenticated as booking (SMTP AUTH PLAIN).
send_auth()
{
	local data=$SEAL_T/swaks/$1.data
	head -c -1 "$4" >"$data"
	swaks --server "127.0.0.1:$SEAL_SMTP_PORT" --helo client.kommune.example \
		--auth PLAIN --auth-user booking --auth-password secret \
		--from "$2" --to "$3" --data "@$data" --timeout 60 \
		>"$SEAL_T/swaks/$1.log" 2>&1 </dev/null
}

# decision_line WORD: the daemon's last decision line with WORD.
decision_line()
{
	grep -F 'class=' "$SEAL_MLOG" | grep -F -- "$1" | tail -n 1
}

# ---------------------------------------------------------------- 1. S/MIME

ID=t-sens-smime-$$
MAIL=$(seal_make_mail sensitive-da "$ID" alice@citizen.example)
seal_send smime "$FROM" alice@citizen.example "$MAIL"
check "sensitive, certificate: accepted" test $? -eq 0
f=$(delivered_to "$ID" alice@citizen.example)
check "sensitive, certificate: delivered as S/MIME enveloped-data" \
	grep -q -i '^Content-Type: application/pkcs7-mime; smime-type=enveloped-data' "$f"
check "sensitive, certificate: the treatment is not in clear" seal_no_text "$WORD" "$f"
tr -d '\r' <"$f" >"$SEAL_T/smime.eml"
openssl cms -decrypt -in "$SEAL_T/smime.eml" -recip "$PKI/keys/alice.pem" \
	-inkey "$PKI/keys/alice.key" -out "$SEAL_T/dec.eml" 2>"$SEAL_T/dec.err"
check "sensitive, certificate: alice decrypts it and reads the letter" \
	grep -q 'Kære Jens Hansen' "$SEAL_T/dec.eml"
line=$(decision_line encrypt-smime)
check "sensitive, certificate: the log line says class=sensitive and encrypt-smime" \
	bash -c "grep -q 'class=sensitive' <<<\"\$1\" && grep -q 'encrypt-smime' <<<\"\$1\"" _ "$line"
check "sensitive: the log line holds no word of the letter" seal_no_text "$WORD|Jens Hansen" "$SEAL_MLOG"

# ---------------------------------------------------------------- 2. divert

ID=t-sens-divert-$$
MAIL=$(seal_make_mail sensitive-da "$ID" citizen@borger.example)
seal_send divert "$FROM" citizen@borger.example "$MAIL"
check "sensitive, no certificate: accepted" test $? -eq 0
f=$(delivered_to "$ID" sikkerpost@kommune.example)
check "sensitive, no certificate: diverted to the secure mailbox (sensitive_action_chain)" test -n "$f"
n=$(notice_to citizen@borger.example "Ny meddelelse")
check "sensitive, no certificate: the citizen gets the neutral notice" \
	grep -q 'Digital Post fra Testkommune' "$n"
check "sensitive, no certificate: the notice holds nothing of the letter" \
	seal_no_text "$WORD|Jens Hansen|henvendelse" "$n"
check "sensitive, no certificate: the citizen gets nothing else" \
	not_delivered_to "$ID" citizen@borger.example

# ---------------------------------------------------------------- 3. hold

reload_with "profile = dk" "sensitive_action_chain = smime, hold" || not_ok "hold: reload"
ID=t-sens-hold-$$
MAIL=$(seal_make_mail sensitive-da "$ID" citizen@borger.example)
seal_send hold "$FROM" citizen@borger.example "$MAIL"
check "sensitive, chain smime, hold: accepted" test $? -eq 0
n=$(notice_to "$FROM" "Din e-mail er tilbageholdt til kontrol")
check "sensitive, chain smime, hold: the sender is told it is held" test -n "$n"
check "sensitive, chain smime, hold: the notice names the rule, not the words" \
	bash -c "grep -q 'rule:misbrug' '$n' && ! grep -q -E '$WORD' '$n'"
check "sensitive, chain smime, hold: nothing reaches the citizen" \
	not_delivered_to "$ID" citizen@borger.example

# ---------------------------------------------------------------- 4. dk: consent in the store

reload_with "profile = dk" || not_ok "dk: reload"
"$CTL" -c "$CONF" consent add jens@borger.example --date 2024-03-01 --officer tester \
	>"$SEAL_T/consent.out" 2>&1
check "dk: sealctl consent add" test $? -eq 0

ID=t-dk-auth-$$
MAIL=$(seal_make_mail reminder-da "$ID" jens@borger.example)
send_auth dkauth "$BOOKING" jens@borger.example "$MAIL"
check "dk: authenticated reminder accepted" test $? -eq 0
check "dk: swaks authenticated" grep -q '235 ' "$SEAL_T/swaks/dkauth.log"
f=$(delivered_to "$ID" jens@borger.example)
check "dk: the reminder reaches the consenting citizen unchanged" seal_same_message "$MAIL" "$f"
check "dk: nothing went to the secure mailbox" not_delivered_to "$ID" sikkerpost@kommune.example
audit=$("$CTL" -c "$CONF" audit search --recipient jens@borger.example --json 2>&1)
check "dk: the waiver is an audit record naming the consent" \
	grep -q 'waiver=service-message consent=jens@borger.example:2024-03-01' <<<"$audit"
line=$(decision_line ':waiver')
check "dk: the log line marks the recipient as waived, naming the consent entry" \
	bash -c "grep -q 'class=sensitive action=accept' <<<\"\$1\" &&
		grep -q '<jens@borger.example>:untrusted:accept:waiver' <<<\"\$1\" &&
		grep -q 'waiver=\"service message under consent\" consent=jens@borger.example:2024-03-01' \
		<<<\"\$1\"" _ "$line"
printf '%s\n' "$line" >"$SEAL_T/waiver.line"
check "dk: the waiver's log line holds no word of the reminder" \
	seal_no_text "$WORD|Jens Hansen|Vestergade" "$SEAL_T/waiver.line"

ID=t-dk-noauth-$$
MAIL=$(seal_make_mail reminder-da "$ID" jens@borger.example)
seal_send dknoauth "$BOOKING" jens@borger.example "$MAIL"
check "dk, unverified sender: accepted" test $? -eq 0
f=$(delivered_to "$ID" sikkerpost@kommune.example)
check "dk, unverified sender: protected (diverted)" test -n "$f"
check "dk, unverified sender: the citizen gets only the notice" \
	not_delivered_to "$ID" jens@borger.example

ID=t-dk-noconsent-$$
MAIL=$(seal_make_mail reminder-da "$ID" per@borger.example)
send_auth dknoconsent "$BOOKING" per@borger.example "$MAIL"
f=$(delivered_to "$ID" sikkerpost@kommune.example)
check "dk, no consent: protected (diverted)" test -n "$f"

# Withdrawn in the store: the next message sees it, no reload.
"$CTL" -c "$CONF" consent withdraw jens@borger.example --officer tester >/dev/null 2>&1
check "dk: sealctl consent withdraw" test $? -eq 0
ID=t-dk-withdrawn-$$
MAIL=$(seal_make_mail reminder-da "$ID" jens@borger.example)
send_auth dkwithdrawn "$BOOKING" jens@borger.example "$MAIL"
f=$(delivered_to "$ID" sikkerpost@kommune.example)
check "dk, consent withdrawn: protected (diverted) without a reload" test -n "$f"
check "dk, consent withdrawn: the citizen gets only the notice" \
	not_delivered_to "$ID" jens@borger.example

# ---------------------------------------------------------------- 5. se

"$CTL" -c "$CONF" consent add jens@borger.example --date 2024-03-01 --officer tester >/dev/null 2>&1
reload_with "profile = se" || not_ok "se: reload"
ID=t-se-$$
MAIL=$(seal_make_mail reminder-sv "$ID" jens@borger.example)
send_auth se "$BOOKING" jens@borger.example "$MAIL"
check "se: authenticated reminder accepted" test $? -eq 0
f=$(delivered_to "$ID" sikkerpost@kommune.example)
check "se: consent never waives: protected (diverted)" test -n "$f"
check "se: the citizen gets only the notice" not_delivered_to "$ID" jens@borger.example

# ---------------------------------------------------------------- 6. words in names

# The category words in the Subject, the From display name and the file
# name: held, then refused. Neither the log, the audit records, the store
# (the held record and the quarantine files), the hold notice nor the
# refusal may hold them; the texts name the category in words.
NAMES='[Mm]isbrugsbehandling|Antabus|Jens Hansen'
reload_with "profile = none" "sensitive_action_chain = smime, hold" || not_ok "names: reload"
ID=t-names-hold-$$
# the hold notice of section 3 has the same Subject: only this one may be found
grep -l -F 'Subject: Din e-mail er tilbageholdt til kontrol' "$SEAL_SINK"/* 2>/dev/null |
	xargs -r rm -f
MAIL=$(seal_make_mail sensitive-names-da "$ID" citizen@borger.example)
seal_send nameshold "$FROM" citizen@borger.example "$MAIL"
check "names, hold: accepted" test $? -eq 0
n=$(notice_to "$FROM" "Din e-mail er tilbageholdt til kontrol")
check "names, hold: the sender is told it is held, naming the category in words" \
	grep -q 'oplysninger om misbrug' "$n"
# the text is wrapped: read it as one line
tr -d '\r' <"$n" | tr '\n' ' ' >"$SEAL_T/nameshold.flat"
check "names, hold: the notice names places, not the names" \
	bash -c "grep -q -F '(subject)' \"\$1\" && grep -q -F '(header From)' \"\$1\"" \
	_ "$SEAL_T/nameshold.flat"
check "names, hold: the notice holds none of the words" seal_no_text "$NAMES" "$n"
check "names, hold: nothing reaches the citizen" not_delivered_to "$ID" citizen@borger.example
"$CTL" -c "$CONF" quarantine list --json >"$SEAL_T/qlist.json" 2>&1
check "names, hold: sealctl quarantine list shows the held message by its category" \
	grep -q 'information about substance abuse (subject)' "$SEAL_T/qlist.json"
check "names, hold: quarantine list holds none of the words (no Subject kept)" \
	seal_no_text "$NAMES" "$SEAL_T/qlist.json"
reload_with "profile = none" "sensitive_action_chain = refuse" || not_ok "names: reload"
ID=t-names-refuse-$$
MAIL=$(seal_make_mail sensitive-names-da "$ID" citizen@borger.example)
seal_send namesrefuse "$FROM" citizen@borger.example "$MAIL"
check "names, refuse: refused (5xx)" test $? -eq 26
seal_reply_lines namesrefuse | sed -E 's/^[0-9]{3}[- ]([0-9]\.[0-9]+\.[0-9]+ )?//' |
	tr '\n' ' ' >"$SEAL_T/namesrefuse.reply"
diag "refusal: $(cat "$SEAL_T/namesrefuse.reply")"
check "names, refuse: the reply speaks of sensitive personal data, naming the category" \
	bash -c "grep -q 'foelsomme personoplysninger' \"\$1\" &&
		grep -q 'oplysninger om misbrug' \"\$1\"" \
	_ "$SEAL_T/namesrefuse.reply"
check "names, refuse: the reply does not speak of identity numbers" \
	bash -c "! grep -q -i 'personnum' \"\$1\"" _ "$SEAL_T/namesrefuse.reply"
check "names, refuse: the reply holds none of the words" \
	seal_no_text "$NAMES|misbrugsbehandling" "$SEAL_T/namesrefuse.reply"
"$CTL" -c "$CONF" audit search --json >"$SEAL_T/audit.json" 2>&1
check "names: the audit records hold none of the words" seal_no_text "$NAMES" "$SEAL_T/audit.json"
check "names: the store (database and quarantine files) holds none of the words" \
	bash -c "! grep -a -r -q -E '$NAMES' '$SEAL_MDIR/store'"

# ---------------------------------------------------------------- privacy

check "privacy: the daemon's log holds no word of the letters" \
	seal_no_text "$WORD|Jens Hansen|Anna Svensson|Antabus" "$SEAL_MLOG"

done_testing
