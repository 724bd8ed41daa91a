#!/bin/bash
# t-sealctl.sh - `sealctl keys`: which certificate or key the daemon would
# use for an address and why each other candidate was rejected, as text and
# JSON, against the test PKI (tests/smime/make-certs.sh) and keyring
# (tests/pgp/make-keys.sh); exit statuses for bad use, a bad configuration
# and a certificate directory that does not answer. Output: TAP.

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
CTL=$top_builddir/ctl/sealctl

for prog in openssl gpg gpgconf python3; do
	command -v $prog >/dev/null 2>&1 || { echo "Bail out! $prog not installed"; exit 1; }
done
[ -x "$CTL" ] || { echo "Bail out! $CTL not built"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/t-sealctl.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
cleanup() {
	gpgconf --homedir "$T/gnupg" --kill all >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
sh "$top_srcdir/tests/smime/make-certs.sh" "$T/pki" >/dev/null 2>&1 || { echo "Bail out! make-certs.sh"; exit 1; }
sh "$top_srcdir/tests/pgp/make-keys.sh" "$T/gnupg" >/dev/null 2>&1 || { echo "Bail out! make-keys.sh"; exit 1; }
cat >"$T/s.conf" <<CONF
internal_domains = kommune.example
trusted_domains = partner.example
smime_cert_dir = $T/pki/certs
smime_ca_file = $T/pki/ca.pem
pgp_home = $T/gnupg
CONF

n=0
fails=0
ok() {	# ok STATUS DESCRIPTION [DIAG]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
		fails=$((fails + 1))
	fi
}

out=$("$CTL" -c "$T/s.conf" keys bob@citizen.example carol@citizen.example \
	grace@citizen.example alice@citizen.example nobody@citizen.example boss@kommune.example)
ok $? "keys: exit 0" "$out"
bob_fp=$(openssl x509 -in "$T/pki/keys/bob.pem" -outform DER | openssl dgst -sha256 -r | cut -c1-64)
grep -q "result: encrypt-smime (S/MIME certificate) key $bob_fp" <<<"$out"
ok $? "keys: bob gets S/MIME with his certificate's SHA-256" "$out"
grep -A1 'smime rejected.*Carol' <<<"$out" | grep -q 'expired 2025-01-01'
ok $? "keys: carol's certificate is rejected as expired" "$out"
grep -A1 'pgp   rejected' <<<"$out" | grep -q 'expired 2020-12-31'
ok $? "keys: carol's OpenPGP key is rejected as expired" "$out"
grep -A1 'Grace' <<<"$out" | grep -q 'chain:'
ok $? "keys: grace's certificate from another CA is rejected (chain)" "$out"
grep -q 'result: encrypt-pgp (OpenPGP key) key' <<<"$out"
ok $? "keys: grace falls through to OpenPGP" "$out"
alice_fp=$(openssl x509 -in "$T/pki/keys/alice.pem" -outform DER | openssl dgst -sha256 -r | cut -c1-16)
grep -q "smime chosen   $alice_fp" <<<"$out"
ok $? "keys: alice's later-expiring certificate is the chosen one" "$out"
sed -n '/^nobody@citizen.example/,/result/p' <<<"$out" | grep -q 'result: refuse (no usable certificate or key)'
ok $? "keys: no key means refuse" "$out"
sed -n '/^boss@kommune.example/,/result/p' <<<"$out" | grep -q 'result: accept (internal domain)'
ok $? "keys: an internal recipient is always accepted" "$out"

json=$("$CTL" -c "$T/s.conf" keys --json carol@citizen.example grace@citizen.example)
ok $? "keys --json: exit 0"
python3 - "$json" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert [r["action"] for r in d] == ["refuse", "encrypt-pgp"], d
assert any(c["method"] == "smime" and not c["usable"] and c["reason"].startswith("expired")
           for c in d[0]["candidates"]), d[0]
assert len(d[1]["key"]) == 40 and any(c["usable"] for c in d[1]["candidates"]), d[1]
PY
ok $? "keys --json: actions, keys and rejected candidates as JSON" "$json"

"$CTL" -c "$T/s.conf" keys >/dev/null 2>&1
ok $(( $? != 64 )) "keys without an address: exit 64"
"$CTL" -c "$T/s.conf" frobnicate >/dev/null 2>&1
ok $(( $? != 64 )) "an unknown command: exit 64"
printf 'smime_cert_dir = %s/pki/certs\n' "$T" >"$T/bad.conf"
err=$("$CTL" -c "$T/bad.conf" keys bob@citizen.example 2>&1 >/dev/null)
rc=$?
[ $rc -eq 78 ] && grep -q 'smime_ca_file' <<<"$err"
ok $? "a configuration without smime_ca_file: exit 78 naming the key" "$rc: $err"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$T/ldap.conf" <<CONF
smime_ca_file = $T/pki/ca.pem
smime_ldap_uri = ldap://127.0.0.1:$port
smime_ldap_base = dc=example
smime_ldap_timeout = 2
CONF
out=$("$CTL" -c "$T/ldap.conf" keys bob@citizen.example 2>&1)
rc=$?
[ $rc -eq 75 ] && grep -q 'result: tempfail' <<<"$out"
ok $? "an LDAP directory that does not answer: tempfail, exit 75" "$rc: $out"

echo "1..$n"
[ $fails -eq 0 ]
