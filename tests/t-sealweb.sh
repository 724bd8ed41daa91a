#!/bin/bash
# t-sealweb.sh - sealweb over HTTP with curl against an SQLite store:
# sign-in, wrong password, rate limit, expired session, CSRF missing and
# wrong, a role without the right (403), the proxy header from a
# non-proxy address ignored and believed from the proxy, audit records of
# sign-in, failure and sign-out, and a non-loopback address without TLS
# refused. TAP.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
# shellcheck source=sealweb-lib.sh
. "$top_srcdir/tests/sealweb-lib.sh"
web_need curl python3
web_need_built "$WEB"
web_tmp t-sealweb

PORT=$(free_port)
C=$T/seal.conf
web_conf "$C" "sqlite:$T/seal.db" "$T" "$PORT" <<EOC
console_session_idle = 20
console_login_attempts = 3
console_proxy_header = X-Remote-User
console_proxy_addresses = 127.0.0.2
EOC
web_officer "$C" olga officer 'Secret-1 officer'
ok $? "sealctl officer add olga"
web_officer "$C" aud auditor 'Secret-2 auditor'
web_officer "$C" adm admin 'Secret-3 admin'
grep -q '^olga:officer:\$y\$' "$T/officers" && ! grep -q Secret "$T/officers"
ok $? "officers file holds a yescrypt hash, not the password"
"$CTL" -c "$C" officer list --json | grep -q '"name": "aud", "role": "auditor"'
ok $? "sealctl officer list"
"$CTL" -c "$C" officer lang aud sv 2>/dev/null && grep -q '^aud:auditor:\$y\$[^:]*:sv$' "$T/officers" &&
    "$CTL" -c "$C" officer list --json | grep -q '"name": "aud", "role": "auditor", "state": "active", "lang": "sv"'
ok $? "sealctl officer lang: the officer's language in the file and the list"
! "$CTL" -c "$C" officer lang aud fr 2>/dev/null && grep -q ':sv$' "$T/officers"
ok $? "sealctl officer lang: a language the console does not have is refused"

U=http://127.0.0.1:$PORT
start_web "$C"

hdrs=$(curl -s -D - -o /dev/null "$U/login")
echo "$hdrs" | grep -qi "^Content-Security-Policy: default-src 'self'.*frame-ancestors 'none'" &&
    echo "$hdrs" | grep -qi '^X-Content-Type-Options: nosniff' &&
    echo "$hdrs" | grep -qi '^Referrer-Policy: no-referrer'
ok $? "security headers (CSP without inline script, frame-ancestors none, nosniff, referrer)"
st=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$U/")
[ "$st" = "303 $U/login" ]; ok $? "not signed in: / redirects to /login" "got $st"
st=$(login olga 'Secret-1 officer' "$T/j1")
[ "$st" = 303 ]; ok $? "sign-in with the right password" "got $st"
grep -q 'HttpOnly; SameSite=Strict' "$T/j1" 2>/dev/null || grep -q '#HttpOnly_127.0.0.1' "$T/j1"
ok $? "session cookie is HttpOnly"
curl -s -b "$T/j1" "$U/" | grep -q 'Signed in as <strong>olga</strong>'
ok $? "home page shows the officer"
st=$(curl -s -b "$T/j1" -o /dev/null -w '%{http_code}' "$U/officers")
[ "$st" = 403 ]; ok $? "officer role: /officers is 403" "got $st"
st=$(login aud 'Secret-2 auditor' "$T/j2"); st=$(curl -s -b "$T/j2" -o /dev/null -w '%{http_code}' "$U/officers")
[ "$st" = 403 ]; ok $? "auditor role: /officers is 403" "got $st"
curl -s -b "$T/j2" -H 'Accept-Language: da' "$U/" >"$T/home-sv.html"
grep -q '<html lang="sv"' "$T/home-sv.html" && grep -q 'Inloggad som <strong>aud</strong>, roll <strong>granskare</strong>' "$T/home-sv.html" &&
    grep -q '>Logga ut</button>' "$T/home-sv.html"
ok $? "the officer's chosen language (sv) wins over the browser's (da)"
curl -s -b "$T/j1" -H 'Accept-Language: da' "$U/" | grep -q 'Logget ind som <strong>olga</strong>'
ok $? "an officer without a choice gets the browser's language (da)"
login adm 'Secret-3 admin' "$T/j3" >/dev/null
curl -s -b "$T/j3" "$U/officers" >"$T/officers.html"
grep -q "<td>olga</td><td>officer</td><td>active</td><td>the browser's</td>" "$T/officers.html"
ok $? "admin sees the accounts"
grep -q '<td>aud</td><td>auditor</td><td>active</td><td>sv</td>' "$T/officers.html"
ok $? "the accounts page shows an officer's chosen language"
st=$(curl -s -b "$T/j1" -o /dev/null -w '%{http_code}' --data "x=1" "$U/logout")
[ "$st" = 403 ]; ok $? "sign-out without CSRF token: 403" "got $st"
st=$(curl -s -b "$T/j1" -o /dev/null -w '%{http_code}' --data "csrf=$(printf '%064d' 0)" "$U/logout")
[ "$st" = 403 ]; ok $? "sign-out with a wrong CSRF token: 403" "got $st"
st=$(curl -s -b "$T/j1" -o /dev/null -w '%{http_code}' "$U/")
[ "$st" = 200 ]; ok $? "session still valid after refused forms" "got $st"
tok=$(csrf "$T/j1")
st=$(curl -s -b "$T/j1" -o /dev/null -w '%{http_code}' --data "csrf=$tok" "$U/logout")
[ "$st" = 303 ]; ok $? "sign-out with the token" "got $st"
st=$(curl -s -b "$T/j1" -o /dev/null -w '%{http_code}' "$U/")
[ "$st" = 303 ]; ok $? "signed out: session gone" "got $st"
st=$(curl -s -o /dev/null -w '%{http_code}' --data "name=olga&password=x" "$U/login")
[ "$st" = 403 ]; ok $? "sign-in form without its token: 403" "got $st"
# (signed in before the failures below block this address)
login aud 'Secret-2 auditor' "$T/j5" >/dev/null
st=$(login olga wrong "$T/j4")
[ "$st" = 401 ]; ok $? "wrong password: 401" "got $st"
login olga wrong2 "$T/j4" >/dev/null; login olga wrong3 "$T/j4" >/dev/null
st=$(login olga 'Secret-1 officer' "$T/j4")
[ "$st" = 429 ]; ok $? "after 3 failures even the right password is refused: 429" "got $st"
# The idle limit is 20 s, long enough that a loaded machine's slow
# sign-ins (yescrypt) do not end the other sessions early.
sleep 22
st=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$T/j5" "$U/")
[ "$st" = "303 $U/login?expired=1" ]; ok $? "idle session expired" "got $st"
st=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Remote-User: adm' "$U/officers")
[ "$st" = 303 ]; ok $? "proxy header from a non-proxy address ignored" "got $st"
st=$(curl -s --interface 127.0.0.2 -o /dev/null -w '%{http_code}' -H 'X-Remote-User: adm' "$U/officers")
[ "$st" = 200 ]; ok $? "proxy header from the proxy address believed" "got $st"
out=$("$CTL" -c "$C" audit search --csv 2>&1)
echo "$out" | grep -q 'sign-in-failed' && echo "$out" | grep -q 'sign-out' &&
    echo "$out" | grep -q 'sign-in-refused' && echo "$out" | grep -q 'via=proxy' &&
    ! echo "$out" | grep -q 'wrong'
ok $? "audit records of sign-in, failure, refusal, proxy and sign-out (no password)" "$out"
stop_web
sed "s/^console_listen = .*/console_listen = 192.0.2.1:$PORT/" "$C" >"$T/open.conf"
"$WEB" -f -c "$T/open.conf" 2>"$T/open.err"; rc=$?
[ $rc = 78 ] && grep -q 'not a loopback address' "$T/open.err"
ok $? "non-loopback address without TLS refused (exit 78)" "rc=$rc $(cat "$T/open.err")"
echo "1..$n"
exit $fails
