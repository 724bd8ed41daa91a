#!/bin/bash
# t-sendmail-real.sh - sealmilter behind Debian 12's real Sendmail 8.17 (not
# Postfix's sendmail(1), which t-sendmail.sh covers). The packages conflict
# with postfix, so contrib/install-deps.sh downloads them and this test
# unpacks them into a cache directory and runs that binary with its own
# configuration, built with m4 from the package's cf files and the lines of
# contrib/sendmail.mc, its own queue, and ports on 127.0.0.1.
# Checked: clean mail delivered unchanged, a CPR message to an untrusted
# recipient refused with the caseworker's text in the SMTP reply, an S/MIME
# split whose copy goes back through the reinjection daemon (no milters),
# a hold, and F=T: with the milter killed, mail is tempfailed, not passed.
. "$(dirname "$0")/lib.sh"

seal_setup smreal
CACHE=${SEAL_SENDMAIL_CACHE:-/var/cache/sealmilter-test/sendmail}
ROOT=$CACHE/root
if [ ! -x "$ROOT/usr/libexec/sendmail/sendmail" ]; then
	ls "$CACHE"/sendmail-bin_*.deb "$CACHE"/sendmail-cf_*.deb >/dev/null 2>&1 ||
		bail_out "no Sendmail packages in $CACHE (contrib/install-deps.sh downloads them)"
	mkdir -p "$ROOT.new" || bail_out "cannot make $ROOT.new"
	for d in "$CACHE"/sendmail-*.deb; do
		dpkg-deb -x "$d" "$ROOT.new" || bail_out "dpkg-deb -x $d failed"
	done
	rm -rf "$ROOT" && mv "$ROOT.new" "$ROOT"
fi
SENDMAIL=$ROOT/usr/libexec/sendmail/sendmail
CFDIR=$ROOT/usr/share/sendmail/cf
for prog in m4 openssl; do
	command -v $prog >/dev/null || bail_out "$prog not installed (contrib/install-deps.sh)"
done
"$SENDMAIL" -d0.1 -bt </dev/null 2>/dev/null | grep -q '^Version 8\.17' ||
	bail_out "$SENDMAIL does not run (missing libraries?)"

NUMBER=170583-1889
FROM=sagsbehandler@kommune.example
PKI=$SEAL_T/pki
sh "$top_srcdir/tests/smime/make-certs.sh" "$PKI" >/dev/null 2>&1 || bail_out "make-certs.sh failed"
u=sealmilter
getent passwd $u >/dev/null || u=root
chown -R "$u" "$PKI"
chmod 0755 "$PKI"

REINJECT_PORT=$(seal_free_port 3) || bail_out "no free port"
SM=$SEAL_T/sendmail
mkdir -p "$SM/mqueue" "$SM/clientmqueue"
chmod 0700 "$SM/mqueue"
CONF=$SEAL_MDIR/smreal.conf
write_conf()	# write_conf [extra lines]
{
	{
		seal_milter_runtime_keys
		cat <<EOF
internal_domains = kommune.example
trusted_domains = partner.example
smime_cert_dir = $PKI/certs
smime_ca_file = $PKI/ca.pem
reinject_to = 127.0.0.1:$REINJECT_PORT
language = en
log_level = info
EOF
		printf '%s\n' "$@"
	} >"$CONF"
}

# ---------------------------------------------------------------- Sendmail

# The test's own part of sendmail.mc (paths, ports, the sink as smart host),
# then the lines of contrib/sendmail.mc with this instance's socket and port.
sm_mc()
{
	cat <<EOF
divert(0)dnl
VERSIONID(\`sealmilter test')dnl
OSTYPE(\`linux')dnl
define(\`confDOMAIN_NAME', \`test.example')dnl
define(\`QUEUE_DIR', \`$SM/mqueue')dnl
define(\`MSP_QUEUE_DIR', \`$SM/clientmqueue')dnl
define(\`STATUS_FILE', \`$SM/statistics')dnl
define(\`ALIAS_FILE', \`')dnl
define(\`confCW_FILE', \`-o $SM/local-host-names')dnl
define(\`confPID_FILE', \`$SM/sendmail.pid')dnl
define(\`confSERVICE_SWITCH_FILE', \`$SM/service.switch')dnl
define(\`confDONT_PROBE_INTERFACES', \`true')dnl
define(\`confBIND_OPTS', \`-DNSRCH -DEFNAMES')dnl
dnl The test directory lies below /tmp (world-writable, sticky).
define(\`confDONT_BLAME_SENDMAIL', \`TrustStickyBit')dnl
define(\`SMART_HOST', \`esmtp:[127.0.0.1]')dnl
define(\`ESMTP_MAILER_ARGS', \`TCP \$h $SEAL_SINK_PORT')dnl
define(\`SMTP_MAILER_ARGS', \`TCP \$h $SEAL_SINK_PORT')dnl
FEATURE(\`no_default_msa')dnl
FEATURE(\`accept_unresolvable_domains')dnl
DAEMON_OPTIONS(\`Family=inet, Name=MTA, Addr=127.0.0.1, Port=$SEAL_SMTP_PORT')dnl
EOF
	sed -n '/^dnl ---- sealmilter: begin/,/^dnl ---- sealmilter: end/p' \
		"$top_srcdir/contrib/sendmail.mc" |
		sed -e "s|local:/run/sealmilter/sealmilter.sock|local:$SEAL_SOCK|" \
			-e "s|Port=10027|Port=$REINJECT_PORT|"
	cat <<'EOF'
MAILER(`local')dnl
MAILER(`smtp')dnl
EOF
}

SM_PID=""
sm_start()
{
	# Sendmail wants a qualified host name of its own, or it sleeps a minute
	# and retries: give it one in a UTS namespace of its own, leaving the
	# machine's name alone.
	unshare --uts sh -c 'hostname sendmail.test.example && exec "$@"' sh \
		"$SENDMAIL" -C "$SM/sendmail.cf" -bD -q5s </dev/null >"$SM/stdout.log" 2>&1 &
	SM_PID=$!
	SEAL_PIDS="$SEAL_PIDS $SM_PID"
	seal_wait_port "$SEAL_SMTP_PORT" 90 && seal_wait_port "$REINJECT_PORT" 90
}

printf 'hosts files\n' >"$SM/service.switch"
sm_mc >"$SM/sendmail.mc"
grep -q 'InputMailFilters=' "$SM/sendmail.mc" || bail_out "contrib/sendmail.mc has no reinjection daemon"
m4 -D_CF_DIR_="$CFDIR/" "$CFDIR/m4/cf.m4" "$SM/sendmail.mc" >"$SM/sendmail.cf" 2>"$SM/m4.err" ||
	{ diag_file "$SM/m4.err"; bail_out "m4 could not build sendmail.cf"; }
check "sendmail.cf: the milter is declared fail-closed (F=T)" \
	grep -q "^Xsealmilter, S=local:$SEAL_SOCK, F=T," "$SM/sendmail.cf"
check "sendmail.cf: the reinjection daemon has an empty filter list" \
	grep -q "^O DaemonPortOptions=.*Port=$REINJECT_PORT, InputMailFilters=\$" "$SM/sendmail.cf"

write_conf
seal_sink_start || bail_out "smtp-sink did not start"
seal_milter_start "$CONF" || bail_out "sealmilter did not start"
sm_start || { diag_file "$SM/stdout.log"; bail_out "sendmail did not start"; }

# ---------------------------------------------------------------- helpers

sink_files() { grep -l -F -- "$1" "$SEAL_SINK"/* 2>/dev/null; }

# sink_for MSGID RCPT: the delivered file of that Message-ID addressed to RCPT (30 s).
sink_for()
{
	local n=150 f
	while [ $n -gt 0 ]; do
		for f in $(sink_files "$1"); do
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

# sm_queue_empty: Sendmail's queue holds nothing (30 s).
sm_queue_empty()
{
	local n=150
	while [ $n -gt 0 ]; do
		[ -z "$(ls -A "$SM/mqueue")" ] && return 0
		sleep 0.2
		n=$((n - 1))
	done
	diag "sendmail queue: $(ls "$SM/mqueue" | head -n 5)"
	return 1
}

# not_delivered ID: the queue drained and no SMTP session to the sink is
# open, and nothing with this Message-ID reached it.
not_delivered()
{
	sm_queue_empty && seal_port_idle "$SEAL_SINK_PORT" && [ -z "$(sink_files "$1")" ]
}

# same_but_to ORIGINAL SINKFILE: seal_same_message, but Sendmail rewrites
# the To field's list ("a,b" becomes "a, b"): compare it without blanks.
same_but_to()
{
	local a=$SEAL_T/same.want b=$SEAL_T/same.got
	sed '/^To:/s/, */,/g' "$1" >"$a"
	seal_strip_delivered "$2" | sed '/^To:/s/, */,/g' >"$b"
	cmp -s "$a" "$b" && return 0
	diff "$a" "$b" | head -n 10 | seal_mask_filter | sed 's/^/# /'
	return 1
}

body_of() { tr -d '\r' <"$1" | sed '1,/^$/d'; }

no_cleartext() { seal_no_text "$(seal_number_patterns "$NUMBER")" "$@"; }

send_mail()	# send_mail LABEL TEMPLATE ID TO[,TO..]: message in $MAIL, swaks rc in $RC
{
	MAIL=$(seal_make_mail "$2" "$3" "$4")
	seal_send "$1" "$FROM" "$4" "$MAIL"
	RC=$?
}

# ---------------------------------------------------------------- 1. clean mail

ID=t-smr-clean-$$
send_mail clean clean "$ID" citizen@borger.example
check "clean: Sendmail accepted it" test "$RC" -eq 0
f=$(sink_for "$ID" citizen@borger.example)
check "clean: delivered to the sink" test -n "$f"
check "clean: delivered byte for byte (Received aside)" seal_same_message "$MAIL" "$f"
QID=$(sed -n 's/.* \([0-9A-Za-z]\{14\}\): class=public .*rcpts=<citizen@borger.example>.*/\1/p' "$SEAL_MLOG" | head -n 1)
check "clean: sealmilter logged the decision under Sendmail's queue ID ({i})" \
	bash -c "[ -n '$QID' ] && tr -d '\r' <'$f' | grep -q 'with ESMTP id $QID'"
# Sendmail too sends the client macros sealmilter asks for at MAIL (the
# CONNECT step is negotiated away on the local socket): the decision line
# names the client, and no warning says {client_addr} was missing.
line=$(grep -F " $QID: " "$SEAL_MLOG" | grep -F 'class=public' | head -n 1)
check "clean: the decision line names the client 127.0.0.1" grep -qF ' client=127.0.0.1 ' <<<"$line"
check "clean: Sendmail sent {client_addr} with MAIL" \
	bash -c "! grep -q 'did not send {client_addr}' '$SEAL_MLOG'"

# ---------------------------------------------------------------- 2. refusal

ID=t-smr-refuse-$$
send_mail refuse cpr "$ID" boss@kommune.example,nokey@citizen.example
reply=$(seal_reply_lines refuse)
check "refuse: swaks saw a 5xx at the end of data" test "$RC" -eq 26
check "refuse: the reply is 550 5.7.1" grep -q '^550[- ]5\.7\.1' <<<"$reply"
check "refuse: the caseworker's text is in the SMTP reply" \
	grep -q 'Your e-mail was not sent because it contains identity numbers: CPR 170583-XXXX' <<<"$reply"
check "refuse: the reply names the recipient without a key" grep -q 'nokey@citizen.example' <<<"$reply"
check "refuse: the reply holds the number only masked" no_cleartext <(printf '%s\n' "$reply")
check "refuse: nothing delivered, not even to the internal recipient" not_delivered "$ID"
[ "$RC" -eq 26 ] || diag "$reply"

# ---------------------------------------------------------------- 3. S/MIME split

ID=t-smr-split-$$
send_mail split cpr "$ID" boss@kommune.example,alice@citizen.example
check "split: accepted" test "$RC" -eq 0
[ "$RC" -eq 0 ] || { diag "$(seal_reply_lines split)"; diag_file "$SEAL_MLOG" 10; }
f=$(sink_for "$ID" boss@kommune.example)
check "split: the internal recipient gets the original (To field's blanks aside)" same_but_to "$MAIL" "$f"
s=$(sink_for "$ID" alice@citizen.example)
check "split: alice gets a copy of her own" test -n "$s" -a "$s" != "$f"
check "split: alice's copy is S/MIME enveloped-data" \
	grep -q -i '^Content-Type: application/pkcs7-mime; smime-type=enveloped-data' "$s"
check "split: no cleartext number in alice's copy" no_cleartext "$s"
tr -d '\r' <"$s" >"$SEAL_T/smime.eml"
openssl cms -decrypt -in "$SEAL_T/smime.eml" -recip "$PKI/keys/alice.pem" \
	-inkey "$PKI/keys/alice.key" -out "$SEAL_T/dec-alice.eml" 2>/dev/null
check "split: openssl cms decrypts alice's copy to the original body" \
	cmp -s <(body_of "$MAIL") <(body_of "$SEAL_T/dec-alice.eml")
check "split: the copy did not come back through the milter (reinjection daemon has none)" \
	bash -c "! grep -q 'came back through the milter' '$SEAL_MLOG'"
check "split: each recipient got exactly one delivery" \
	bash -c "[ \$(grep -l -F -- '$ID' '$SEAL_SINK'/* | wc -l) -eq 2 ]"

# ---------------------------------------------------------------- 4. hold

write_conf "action_chain = smime, hold"
seal_milter_reload || not_ok "hold: reload"
ID=t-smr-hold-$$
send_mail hold cpr "$ID" boss@kommune.example,citizen@borger.example
check "hold: accepted" test "$RC" -eq 0
f=$(sink_for "$ID" boss@kommune.example)
check "hold: the internal recipient gets the message unchanged (To field's blanks aside)" same_but_to "$MAIL" "$f"
check "hold: the held recipient gets nothing" \
	bash -c "! grep -l -F -- '$ID' '$SEAL_SINK'/* | xargs -r grep -q -i '^X-Rcpt-Args: <citizen@borger.example>'"
HELD=$(sed -n 's/.*rcpts=.*citizen@borger.example>:untrusted:hold.* held=\([A-Za-z0-9_-]*\).*/\1/p' "$SEAL_MLOG" | tail -n 1)
check "hold: the log names the quarantine ID" test -n "$HELD"
list=$("$top_builddir/ctl/sealctl" -c "$CONF" quarantine list --json 2>&1)
check "hold: sealctl quarantine list shows it" grep -q -F "\"$HELD\"" <<<"$list"

# ---------------------------------------------------------------- 5. F=T, milter killed

seal_milter_kill
ID=t-smr-down-$$
send_mail down clean "$ID" citizen@borger.example
check "milter killed: Sendmail answers 4xx (swaks exit 23, at MAIL)" test "$RC" -eq 23
check "milter killed: the reply is a 4xx" grep -q '^ *<\*\* 4[0-9][0-9]' "$(seal_transcript down)"
check "milter killed: nothing queued, nothing delivered" not_delivered "$ID"
seal_milter_start "$CONF" || bail_out "sealmilter did not start again"
seal_send down-again "$FROM" citizen@borger.example "$MAIL"
check "milter back: the client's retry is accepted" test $? -eq 0
check "milter back: delivered once" test -n "$(sink_for "$ID" citizen@borger.example)"

# ---------------------------------------------------------------- privacy

check "privacy: sealmilter's log holds no number in clear" no_cleartext "$SEAL_MLOG"
kill "$SM_PID" 2>/dev/null
wait "$SM_PID" 2>/dev/null

done_testing
