#!/bin/bash
# t-sealweb-hold.sh - a message held through a real Postfix (the milter's
# hold action) is reviewed and released in the web console, sealweb, over
# HTTP, and arrives at the sink through Postfix exactly once; a second
# officer releasing it gets "not held any more". A second held message is
# released by an officer in a real headless Chromium, driven through the
# DevTools protocol (tests/browser/sealweb_browser.py): sign in, the list,
# the message page, release with the confirmation accepted; screenshots of
# each page are kept in tests/artefacts/sealweb/ under the build
# directory. The console's pages and sealweb's log hold no identity number
# in clear. With console_url set, the hold notice the sender gets (at the
# sink) carries the link to ask for release: followed with curl, its page
# shows no content, the reason posted is on the officer's message page.
. "$(dirname "$0")/lib.sh"

seal_setup sealweb-hold
NUMBER=170583-1889
FROM=sagsbehandler@kommune.example
WEB=$top_builddir/web/sealweb
CTL=$top_builddir/ctl/sealctl
for prog in curl chromium; do
	command -v $prog >/dev/null || bail_out "$prog not installed (contrib/install-deps.sh)"
done
/usr/bin/python3 -c 'import websocket' 2>/dev/null || bail_out "python3-websocket not installed (contrib/install-deps.sh)"
[ -x "$WEB" ] || bail_out "$WEB not built"
REINJECT_PORT=$(seal_free_port 3) || bail_out "no free port"
WEB_PORT=$(seal_free_port 5) || bail_out "no free port"
CONF=$SEAL_MDIR/hold.conf
WEB_PID=""
stop_web() { [ -n "$WEB_PID" ] && kill "$WEB_PID" 2>/dev/null; WEB_PID=""; }
trap 'stop_web; seal_cleanup' EXIT

{
	seal_milter_runtime_keys
	cat <<EOF
internal_domains = kommune.example
reinject_to = 127.0.0.1:$REINJECT_PORT
action_chain = smime, hold
language = en
console_listen = 127.0.0.1:$WEB_PORT
officers_file = $SEAL_MDIR/officers
console_url = http://127.0.0.1:$WEB_PORT
EOF
} >"$CONF"
seal_pf_create || bail_out "postfix config"
seal_pf_add_reinject "$REINJECT_PORT" || bail_out "no reinjection listener"
seal_sink_start || bail_out "smtp-sink did not start"
seal_milter_start "$CONF" || bail_out "sealmilter did not start"
seal_pf_start || bail_out "postfix did not start"
seal_wait_port "$REINJECT_PORT" 20 || bail_out "reinjection listener did not start"

echo 'Secret-1 officer' | "$CTL" -c "$CONF" officer add olga --role officer >/dev/null 2>&1 &&
echo 'Secret-2 officer' | "$CTL" -c "$CONF" officer add otto --role officer >/dev/null 2>&1 ||
	bail_out "sealctl officer add"
"$WEB" -f -c "$CONF" 2>"$SEAL_T/web.log" &
WEB_PID=$!
seal_wait_port "$WEB_PORT" 20 || bail_out "sealweb did not start"
U=http://127.0.0.1:$WEB_PORT

login() {	# login NAME PASSWORD JAR
	curl -s -c "$3" -b "$3" -o "$SEAL_T/form.html" "$U/login"
	tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$SEAL_T/form.html")
	curl -s -c "$3" -b "$3" -o /dev/null -w '%{http_code}' --data-urlencode "name=$1" \
	    --data-urlencode "password=$2" --data "csrf=$tok" "$U/login"
}
csrf() { curl -s -b "$1" "$U/" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -n 1 | cut -d'"' -f4; }
release() {	# release JAR ID PAGE -> status
	curl -s -b "$1" -o "$3" -w '%{http_code}' --data "csrf=$(csrf "$1")" --data "id=$2" \
	    --data action=release --data-urlencode "reason=checked with the citizen" \
	    "$U/quarantine/decide"
}
no_cleartext() { seal_no_text "$(seal_number_patterns "$NUMBER")" "$@"; }

ID=t-webhold-$$
MAIL=$(seal_make_mail cpr "$ID" citizen@borger.example)
seal_send webhold "$FROM" citizen@borger.example "$MAIL"
check "hold: accepted by Postfix" test $? -eq 0
check "hold: nothing delivered" seal_not_delivered "$ID"
HELD=$(sed -n 's/.* held=\([A-Za-z0-9_-]*\).*/\1/p' "$SEAL_MLOG" | tail -n 1)
check "hold: the milter's log names the quarantine ID" test -n "$HELD"

# ---- the sender's link in the hold notice
n=150
until grep -l -F -- "/request?t=$HELD." "$SEAL_SINK"/* >/dev/null 2>&1 || [ $n -eq 0 ]; do
	sleep 0.2; n=$((n - 1))
done
NOTICE=$(grep -l -F -- "/request?t=$HELD." "$SEAL_SINK"/* 2>/dev/null | head -n 1)
check "request: the hold notice reaches the sender with the link for this message" \
	bash -c "[ -n '$NOTICE' ] && grep -q -i '^X-Rcpt-Args: <$FROM>' '$NOTICE' &&
	    grep -q 'To ask for its release, say why here' '$NOTICE'"
LINK=$(grep -o "$U/request?t=[A-Za-z0-9._-]*" "$NOTICE" 2>/dev/null | head -n 1)
st=$(curl -s -c "$SEAL_T/sender" -b "$SEAL_T/sender" -o "$SEAL_T/request.html" -w '%{http_code}' "$LINK")
check "request: the link opens the form (200), 'held for review'" \
	bash -c "[ '$st' = 200 ] && grep -q 'is held for review' '$SEAL_T/request.html'"
check "request: the page holds nothing of the message" \
	bash -c "! grep -q -e '170583' -e 'borger.example' -e '$ID' '$SEAL_T/request.html'"
rt=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$SEAL_T/request.html")
st=$(curl -s -c "$SEAL_T/sender" -b "$SEAL_T/sender" -o "$SEAL_T/requested.html" -w '%{http_code}' \
    --data "t=${LINK#*t=}" --data "csrf=$rt" --data-urlencode "text=The citizen asked for it by phone." \
    "$U/request")
check "request: the sender's reason is accepted (200)" test "$st" = 200
check "console: olga signs in" test "$(login olga 'Secret-1 officer' "$SEAL_T/olga")" = 303
curl -s -b "$SEAL_T/olga" -o "$SEAL_T/req-msg.html" "$U/quarantine/message?id=$HELD"
check "request: the officer sees the sender's reason on the message page" \
	grep -q 'The citizen asked for it by phone.' "$SEAL_T/req-msg.html"
check "console: otto signs in" test "$(login otto 'Secret-2 officer' "$SEAL_T/otto")" = 303
curl -s -b "$SEAL_T/olga" -o "$SEAL_T/list.html" "$U/quarantine"
check "console: the list shows the held message" grep -q "id=$HELD" "$SEAL_T/list.html"
curl -s -b "$SEAL_T/olga" -o "$SEAL_T/message.html" "$U/quarantine/message?id=$HELD"
check "console: the message page shows the finding masked" grep -q '170583-XXXX' "$SEAL_T/message.html"
check "console: list and message page hold no number in clear" \
	no_cleartext "$SEAL_T/list.html" "$SEAL_T/message.html"
st=$(release "$SEAL_T/olga" "$HELD" "$SEAL_T/release.html")
check "console: olga releases it (200)" test "$st" = 200
n=150
until grep -l -F -- "$ID" "$SEAL_SINK"/* >/dev/null 2>&1 || [ $n -eq 0 ]; do sleep 0.2; n=$((n - 1)); done
check "console: the released message reaches the sink through Postfix" \
	bash -c "grep -l -F -- '$ID' '$SEAL_SINK'/* | xargs grep -q -i '^X-Rcpt-Args: <citizen@borger.example>'"
st=$(release "$SEAL_T/otto" "$HELD" "$SEAL_T/again.html")
check "console: otto releasing it too gets 409 not held any more" \
	bash -c "[ '$st' = 409 ] && grep -q 'not held any more' '$SEAL_T/again.html'"
seal_queue_empty 20
check "console: delivered exactly once" \
	test "$(grep -l -F -- "$ID" "$SEAL_SINK"/* | wc -l)" -eq 1
out=$("$CTL" -c "$CONF" audit search --json 2>&1)
check "console: the release is in the audit log, naming the officer" \
	grep -q "held=$HELD officer=olga console address=127.0.0.1" <<<"$out"
# ---- the same in a real browser
ID3=t-webhold-browser-$$
MAIL=$(seal_make_mail cpr "$ID3" citizen@borger.example)
seal_send webhold3 "$FROM" citizen@borger.example "$MAIL"
check "browser: a second message is held" seal_not_delivered "$ID3"
HELD3=$(sed -n 's/.* held=\([A-Za-z0-9_-]*\).*/\1/p' "$SEAL_MLOG" | tail -n 1)
SHOTS=$(cd "$top_builddir" && pwd)/tests/artefacts/sealweb
rm -rf "$SHOTS"
/usr/bin/python3 "$top_srcdir/tests/browser/sealweb_browser.py" "$U" otto 'Secret-2 officer' "$HELD3" \
	"$SHOTS" 170583-XXXX "$NUMBER" >"$SEAL_T/browser.out" 2>&1
rc=$?
diag "$(cat "$SEAL_T/browser.out")"
check "browser: signed in, list, message page masked, released in Chromium" test $rc -eq 0
n=150
until grep -l -F -- "$ID3" "$SEAL_SINK"/* >/dev/null 2>&1 || [ $n -eq 0 ]; do sleep 0.2; n=$((n - 1)); done
seal_queue_empty 20
check "browser: the message released in the browser is delivered once" \
	test "$(grep -l -F -- "$ID3" "$SEAL_SINK"/* 2>/dev/null | wc -l)" -eq 1
check "browser: screenshots of sign-in, list, message page, result, overview and audit search kept" \
	bash -c "for f in 01-login 02-list 03-message 04-released 05-overview 06-audit; do [ -s '$SHOTS'/\$f.png ] || exit 1; done"
check "browser: the release is in the audit log, naming the officer" \
	bash -c "'$CTL' -c '$CONF' audit search --json | grep -q 'held=$HELD3 officer=otto console'"
stop_web
check "console: sealweb's log holds no number in clear" bash -c "! grep -q -E '$(seal_number_patterns "$NUMBER")' '$SEAL_T/web.log'"
done_testing
