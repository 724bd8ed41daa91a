#!/bin/bash
# t-ldap.sh - S/MIME certificates from an LDAP directory (src/crypto/ldapcert.c and
# seal_certstore_choose) against a real slapd on 127.0.0.1 started here,
# through tests/tools/seal_ldap_tool (TAP). A missing slapd or ldapadd is
# an install bug: Bail out, never skip.
#
# Needs root only because slapd's defaults expect it; everything lives in a
# temporary directory and slapd is stopped at exit.
set -u

: "${top_builddir:?}" "${top_srcdir:?}"
# shellcheck source=integration/lib.sh
. "$top_srcdir/tests/integration/lib.sh"

TOOL=$top_builddir/tests/tools/seal_ldap_tool
LDAPDIR=$top_srcdir/tests/ldap
MKCERTS=$top_srcdir/tests/smime/make-certs.sh
SLAPD=$(command -v slapd || echo /usr/sbin/slapd)
SCHEMA=/etc/ldap/schema
MODULES=/usr/lib/ldap
BASE=dc=example,dc=org
TIMEOUT=3

[ "$(id -u)" = 0 ] || bail_out "needs root"
[ -x "$SLAPD" ] || bail_out "slapd not installed (contrib/install-deps.sh)"
for t in ldapadd ldapsearch openssl ss awk sed; do
	command -v "$t" >/dev/null 2>&1 || bail_out "$t not installed (contrib/install-deps.sh)"
done
[ -f "$SCHEMA/inetorgperson.schema" ] || bail_out "$SCHEMA/inetorgperson.schema missing"
ls "$MODULES"/back_mdb* >/dev/null 2>&1 || bail_out "back_mdb not in $MODULES"
[ -x "$TOOL" ] || bail_out "$TOOL not built"

tmp=$(mktemp -d /tmp/seal-ldap.XXXXXX) || bail_out "mktemp"
SLAPD_PID=""
cleanup() {
	if [ -n "$SLAPD_PID" ]; then
		kill -CONT "$SLAPD_PID" 2>/dev/null
		seal_stop_pid "$SLAPD_PID" 50
	fi
	[ "${SEAL_KEEP:-0}" = 1 ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---------------------------------------------------------------- set-up

pki=$tmp/pki
{ sh "$MKCERTS" "$pki" && sh "$LDAPDIR/make-extra-certs.sh" "$pki"; } \
	>"$tmp/mkcerts.log" 2>&1 || bail_out "certificate generation failed"

PORT=$(seal_free_port 7) || bail_out "no free port"
URI=ldap://127.0.0.1:$PORT/
ROOTPW=$(openssl rand -hex 12)
mkdir -p "$tmp/slapd/db"
sed -e "s|@DIR@|$tmp/slapd|g" -e "s|@SCHEMA@|$SCHEMA|g" \
	-e "s|@MODULES@|$MODULES|g" -e "s|@ROOTPW@|$ROOTPW|g" \
	"$LDAPDIR/slapd.conf.in" >"$tmp/slapd/slapd.conf"
sed -e "s|@PKI@|$pki|g" "$LDAPDIR/entries.ldif.in" >"$tmp/entries.ldif"

# -d 0: stays in the foreground as our child, so $! is slapd itself.
"$SLAPD" -f "$tmp/slapd/slapd.conf" -h "$URI" -d 0 >"$tmp/slapd.log" 2>&1 &
SLAPD_PID=$!
if ! seal_wait_port "$PORT" 20; then
	diag_file "$tmp/slapd.log" 20
	bail_out "slapd did not start"
fi
if ! ldapadd -x -H "$URI" -D "cn=admin,$BASE" -w "$ROOTPW" -f "$tmp/entries.ldif" \
	>"$tmp/ldapadd.log" 2>&1; then
	diag_file "$tmp/ldapadd.log" 20
	bail_out "ldapadd failed"
fi
mkdir -p "$tmp/emptycerts"

# ---------------------------------------------------------------- helpers

fpr() {
	openssl x509 -in "$pki/keys/$1.pem" -noout -fingerprint -sha256 |
		sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'
}

# run ADDRESS...: the tool against our slapd; output in $out, status $rc,
# stderr kept for the sanitizer check at the end.
run() {
	out=$("$TOOL" "$URI" "$BASE" "$tmp/emptycerts" "$pki/ca.pem" "$@" \
		2>>"$tmp/tool.err")
	rc=$?
}

# expect DESCRIPTION LINE: ok when $out holds exactly this line.
expect() {
	if printf '%s\n' "$out" | grep -qxF -- "$2"; then
		ok "$1"
	else
		not_ok "$1"
		diag "want line: $2"
		diag "got: $out"
	fi
}

# ---------------------------------------------------------------- cases

# The directory really answers wildcards: without escaping, the filter
# test below would match every person.
n=$(ldapsearch -x -LLL -H "$URI" -b "$BASE" '(mail=*@citizen.example)' dn 2>/dev/null |
	grep -c '^dn:')
if [ "$n" = 4 ]; then ok "directory loaded: 4 people"; else not_ok "directory loaded: got $n people, want 4"; fi

alice=$(fpr alice) bob=$(fpr bob) carol=$(fpr carol) dan=$(fpr dan) danold=$(fpr dan-old)

run alice@citizen.example bob@citizen.example carol@citizen.example \
	dan@citizen.example nobody@citizen.example
if [ $rc -eq 0 ]; then ok "tool exit 0 with slapd up"; else not_ok "tool exit: got $rc, want 0"; diag "$out"; fi
expect "alice (RSA) found and chosen" \
	"alice@citizen.example: found 1, chosen $alice, cache no"
expect "alice second lookup from cache" "alice@citizen.example: again found 1, cache yes"
expect "bob (EC) found and chosen" "bob@citizen.example: found 1, chosen $bob, cache no"
expect "carol found, none chosen" "carol@citizen.example: found 1, chosen none, cache no"
expect "carol rejected as expired" "carol@citizen.example: verdict $carol expired 2025-01-01"
expect "dan: two certificates, the valid one chosen" \
	"dan@citizen.example: found 2, chosen $dan, cache no"
expect "dan: the old one rejected as expired" \
	"dan@citizen.example: verdict $danold expired 2024-01-01"
expect "dan: the new one usable" "dan@citizen.example: verdict $dan usable"
expect "unknown address: negative answer" \
	"nobody@citizen.example: found 0, chosen none, cache no"
expect "unknown address: negative answer cached" \
	"nobody@citizen.example: again found 0, cache yes"
expect "cache of 100 keeps the first address" \
	"alice@citizen.example: last found 1, cache yes"

# A cache of 2 addresses evicts the oldest (alice) when bob and carol come.
out=$(SEAL_LDAP_CACHE_MAX=2 "$TOOL" "$URI" "$BASE" "$tmp/emptycerts" "$pki/ca.pem" \
	alice@citizen.example bob@citizen.example carol@citizen.example 2>>"$tmp/tool.err")
expect "cache of 2: alice evicted, asked again" \
	"alice@citizen.example: last found 1, cache no"

# Filter metacharacters are escaped (RFC 4515): no injection, no wildcard.
run 'a*)(mail=*@citizen.example' '*@citizen.example' 'x\2a@citizen.example'
if [ $rc -eq 0 ]; then ok "metacharacters: tool exit 0"; else not_ok "metacharacters: tool exit: got $rc, want 0"; fi
expect "injection attempt matches nobody" \
	"a*)(mail=*@citizen.example: found 0, chosen none, cache no"
expect "wildcard address matches nobody" \
	"*@citizen.example: found 0, chosen none, cache no"
expect "backslash escape is not passed through" \
	'x\2a@citizen.example: found 0, chosen none, cache no'

# The directory matches mail case-insensitively; the certificate check
# compares the local part exactly (certstore.h), the domain not.
run ALICE@citizen.example alice@CITIZEN.Example
expect "ALICE@: found by the directory but not chosen" \
	"ALICE@citizen.example: found 1, chosen none, cache no"
expect "ALICE@: verdict says why" \
	"ALICE@citizen.example: verdict $alice address not in certificate"
expect "upper-case domain: chosen" \
	"alice@CITIZEN.Example: found 1, chosen $alice, cache no"

# The daemon's own path: `sealmilter --scan` with the directory as the only
# certificate source decides encrypt-smime for bob, and the copy it writes
# decrypts with bob's key; a directory that does not answer is tempfail.
SEALMILTER=$top_builddir/milter/sealmilter
cat >"$tmp/scan.conf" <<CONF
internal_domains = kommune.example
smime_ca_file = $pki/ca.pem
smime_ldap_uri = $URI
smime_ldap_base = $BASE
smime_ldap_timeout = $TIMEOUT
CONF
printf 'From: sb@kommune.example\nTo: bob@citizen.example\nSubject: Case\n' >"$tmp/cpr.eml"
printf 'Message-ID: <ldap-1@kommune.example>\n\nCPR 170583-1889\n' >>"$tmp/cpr.eml"
scan_ldap()
{
	rm -rf "$tmp/out"
	out=$("$SEALMILTER" --scan "$tmp/cpr.eml" -c "$tmp/scan.conf" --from sb@kommune.example \
		--rcpt bob@citizen.example --json --output "$tmp/out" 2>>"$tmp/tool.err")
	rc=$?
}
scan_ldap
if printf '%s\n' "$out" | grep -q '"action": "encrypt-smime"'; then
	ok "scan: a certificate from the directory makes bob encrypt-smime"
else
	not_ok "scan: got '$out', want encrypt-smime"
fi
if [ -f "$tmp/out/bob@citizen.example.eml" ] &&
    openssl cms -decrypt -in "$tmp/out/bob@citizen.example.eml" -recip "$pki/keys/bob.pem" \
	-inkey "$pki/keys/bob.key" 2>/dev/null | grep -q '^CPR 170583-1889'; then
	ok "scan: the copy for bob decrypts with his key"
else
	not_ok "scan: no copy for bob that decrypts with his key"
fi

# A directory that accepts connections but never answers (slapd stopped
# with SIGSTOP: the kernel still completes the TCP handshake) must be an
# error within the timeout, not "no certificate".
kill -STOP "$SLAPD_PID"
t0=$(date +%s%N)
run alice@citizen.example
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
kill -CONT "$SLAPD_PID"
diag "hung directory: tool took $ms ms (timeout ${TIMEOUT} s)"
if [ $rc -eq 1 ]; then ok "hung directory: exit 1"; else not_ok "hung directory: exit got $rc, want 1"; diag "$out"; fi
if printf '%s\n' "$out" | grep -q '^alice@citizen.example: error timeout: '; then
	ok "hung directory: timeout error printed"
else
	not_ok "hung directory: got '$out', want a timeout error"
fi
if [ $ms -lt $(( (TIMEOUT + 2) * 1000 )) ]; then ok "hung directory: answer in $ms ms < $((TIMEOUT + 2)) s"; else not_ok "hung directory: took $ms ms, want < $((TIMEOUT + 2)) s"; fi
kill -STOP "$SLAPD_PID"
scan_ldap
kill -CONT "$SLAPD_PID"
if printf '%s\n' "$out" | grep -q '"action": "tempfail"' && [ ! -e "$tmp/out/bob@citizen.example.eml" ]; then
	ok "scan: a hung directory makes the message tempfail, nothing written"
else
	not_ok "scan: got '$out', want tempfail"
fi

# slapd gone: connection refused, an error at once.
seal_stop_pid "$SLAPD_PID" 50
SLAPD_PID=""
t0=$(date +%s%N)
run alice@citizen.example
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
diag "stopped directory: tool took $ms ms"
if [ $rc -eq 1 ]; then ok "slapd stopped: exit 1"; else not_ok "slapd stopped: exit got $rc, want 1"; diag "$out"; fi
if printf '%s\n' "$out" | grep -q '^alice@citizen.example: error '; then
	ok "slapd stopped: error printed"
	diag "$out"
else
	not_ok "slapd stopped: got '$out', want an error line"
fi
if printf '%s\n' "$out" | grep -q 'found'; then not_ok "slapd stopped: no 'found' line"; else ok "slapd stopped: no 'found' line"; fi
if [ $ms -lt $(( (TIMEOUT + 2) * 1000 )) ]; then ok "slapd stopped: answer in $ms ms < $((TIMEOUT + 2)) s"; else not_ok "slapd stopped: took $ms ms, want < $((TIMEOUT + 2)) s"; fi

# Sanitizer builds report on stderr.
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/tool.err" 2>/dev/null; then
	not_ok "no sanitizer reports"
	diag_file "$tmp/tool.err" 30
else
	ok "no sanitizer reports"
fi

done_testing
[ "$SEAL_TAP_FAILED" -eq 0 ]
