#!/bin/sh
# t-smime.sh - S/MIME certificate lookup and encryption (src/crypto/certstore.c,
# src/crypto/smime.c) through tests/tools/seal_smime_tool, checked with the real
# openssl cms and gpgsm (TAP). A missing tool is an install bug: Bail out.
#
# Address matching as decided in certstore.h: the local part is compared
# exactly, the domain case-insensitively (ALICE@... does not match alice's
# certificate, alice@CITIZEN.Example does).
#
# gpgsm 2.2 cannot decrypt authEnvelopedData (AES-GCM) and crashes when
# importing an EC PKCS#12, so gpgsm checks use alice's RSA key and the CBC
# message only; openssl covers GCM and EC.
set -u

: "${top_builddir:?}" "${top_srcdir:?}"
TOOL=$top_builddir/tests/tools/seal_smime_tool
MKCERTS=$top_srcdir/tests/smime/make-certs.sh

for t in openssl gpgsm gpgconf cmp sed grep awk; do
	command -v "$t" >/dev/null 2>&1 || { echo "Bail out! $t not installed"; exit 1; }
done
[ -x "$TOOL" ] || { echo "Bail out! $TOOL not built"; exit 1; }

tmp=$(mktemp -d) || { echo "Bail out! mktemp failed"; exit 1; }
GNUPGHOME=$tmp/gnupg
export GNUPGHOME
cleanup() {
	[ -d "$GNUPGHOME" ] && gpgconf --kill all >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

pki=$tmp/pki
sh "$MKCERTS" "$pki" >"$tmp/mkcerts.log" 2>&1 || { echo "Bail out! make-certs.sh failed"; exit 1; }
certs=$pki/certs
ca=$pki/ca.pem
keys=$pki/keys

n=0
ok() {  # ok CONDITION-EXIT-STATUS DESCRIPTION [DIAGNOSTIC]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
	fi
}

# The tool, with its stderr kept for the sanitizer check at the end.
tool() {
	"$TOOL" "$@" 2>>"$tmp/tool.err"
}

fpr() {
	openssl x509 -in "$keys/$1.pem" -noout -fingerprint -sha256 \
		| sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'
}

# ---------------------------------------------------------------- loading
out=$(tool load "$certs" "$ca")
got=$(printf '%s\n' "$out" | sed -n 's/^count //p')
[ "$got" = 10 ]; ok $? "load: 10 certificates from PEM, DER and a two-certificate PEM" "got $got, want 10"
printf '%s\n' "$out" | grep -qx 'skipped junk.pem'
ok $? "load: garbage file skipped and remembered" "got: $out"
"$TOOL" load "$certs" "$pki/missing-ca.pem" >/dev/null 2>"$tmp/err1"; rc=$?
[ $rc -eq 1 ] && grep -q 'cannot load CA certificates' "$tmp/err1"
ok $? "load: missing CA file is a configuration error" "got rc $rc: $(cat "$tmp/err1")"
cat "$tmp/err1" >>"$tmp/tool.err"
"$TOOL" load "$pki/no-such-dir" "$ca" >/dev/null 2>"$tmp/err1"; rc=$?
[ $rc -eq 1 ] && grep -q 'cannot open certificate directory' "$tmp/err1"
ok $? "load: missing certificate directory is a configuration error" "got rc $rc: $(cat "$tmp/err1")"
cat "$tmp/err1" >>"$tmp/tool.err"
# A file over the 1 MiB limit is skipped even though it starts with a
# valid certificate.
mkdir "$tmp/big" && cp "$keys/alice.pem" "$tmp/big/big.pem" \
	&& head -c 1100000 /dev/zero | tr '\0' 'x' >>"$tmp/big/big.pem" \
	&& cp "$keys/bob.pem" "$tmp/big/bob.pem"
out=$(tool load "$tmp/big" "$ca")
[ "$out" = "$(printf 'count 1\nskipped big.pem')" ]
ok $? "load: file over 1 MiB skipped" "got: $out"

# ---------------------------------------------------------------- lookups
# lookup LABEL ADDRESS WANT-FIRST-LINE WANT-VERDICT-REGEX|- [DATE]
# WANT-VERDICT-REGEX "-" means: no candidate at all (only the first line).
lookup() {
	label=$1 addr=$2 want=$3 verdict=$4
	shift 4
	out=$(tool lookup "$certs" "$ca" "$addr" "$@"); rc=$?
	first=$(printf '%s\n' "$out" | sed -n 1p)
	[ $rc -eq 0 ] && [ "$first" = "$want" ]
	ok $? "lookup $label: chosen $want" "got rc $rc, first line $first, want $want"
	if [ "$verdict" = - ]; then
		lines=$(printf '%s\n' "$out" | wc -l)
		[ "$lines" -eq 1 ]
		ok $? "lookup $label: no candidate" "got $lines lines: $out"
	else
		printf '%s\n' "$out" | sed 1d | grep -Eq "$verdict"
		ok $? "lookup $label: verdict /$verdict/" "got: $out"
	fi
}

lookup "alice (RSA, SAN)" alice@citizen.example "$(fpr alice)" "^alice.pem $(fpr alice) usable$"
lookup "alice: two usable, latest expiry wins" alice@citizen.example "$(fpr alice)" \
	"^alice-old.pem $(fpr alice-old) usable$"
lookup "alice in 2041: older cert expired" alice@citizen.example "$(fpr alice)" \
	"^alice-old.pem [0-9a-f]{64} rejected: expired 2040-12-31$" 2041-06-01
lookup "bob (EC, DER file)" bob@citizen.example "$(fpr bob)" "^bob.der $(fpr bob) usable$"
lookup "carol expired" carol@citizen.example none "^bundle.pem $(fpr carol) rejected: expired 2025-01-01$"
lookup "dave not yet valid" dave@citizen.example none \
	"^bundle.pem $(fpr dave) rejected: not valid before 2099-01-01$"
lookup "eve: certificate is for another address" eve@citizen.example none -
lookup "erin: eve's file matches its real SAN" erin@other.example "$(fpr eve)" "^eve.pem .* usable$"
lookup "frank signing-only key usage" frank@citizen.example none \
	"^frank.pem .* rejected: key usage lacks keyAgreement$"
lookup "grace other CA" grace@citizen.example none "^grace.pem .* rejected: chain: unable to get local issuer"
lookup "heidi via subject emailAddress" heidi@citizen.example "$(fpr heidi)" "^heidi.pem .* usable$"
lookup "ivan via SAN" ivan@citizen.example "$(fpr ivan)" "^ivan.pem .* usable$"
lookup "ivan's subject emailAddress ignored (SAN present)" ivan.alias@citizen.example none -
lookup "domain case-insensitive" alice@CITIZEN.Example "$(fpr alice)" "^alice.pem .* usable$"
lookup "local part exact" ALICE@citizen.example none -
lookup "no such address" nobody@citizen.example none -

# ---------------------------------------------------------------- encryption
# The entity: UTF-8 text with a synthetic CPR number (tests/data/vectors.tsv),
# bare LF lines and one CRLF line; want = its CRLF canonical form.
printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nHej Alice,\r\ndit CPR-nummer er 170583-1889.\nVenlig hilsen, Kommunen \303\206\303\230\303\205\n' >"$tmp/entity"
sed 's/\r$//; s/$/\r/' "$tmp/entity" >"$tmp/want"

. "$top_srcdir/tests/nocleartext.sh"
printf '%s\n' '170583.?1889' >"$tmp/number.pat"
no_cleartext() {  # no_cleartext FILE LABEL: FILE exists, is not empty, lacks the number
	why=$(seal_no_cleartext "$tmp/number.pat" "$1")
	ok $? "$2: CPR number not in cleartext" "$why"
}

decrypt_ok() {  # decrypt_ok MSG NAME LABEL
	openssl cms -decrypt -recip "$keys/$2.pem" -inkey "$keys/$2.key" -in "$1" \
		-out "$tmp/dec.$2" 2>"$tmp/dec.err" && cmp -s "$tmp/dec.$2" "$tmp/want"
	ok $? "$3: openssl cms -decrypt as $2 gives the canonical entity" "$(cat "$tmp/dec.err")"
}

# smime_headers MSG SMIME-TYPE CMS-TYPE LABEL
smime_headers() {
	grep -q "^Content-Type: application/pkcs7-mime; smime-type=$2;" "$1" \
		&& grep -q '^ name=smime.p7m' "$1" \
		&& grep -q '^Content-Disposition: attachment; filename=smime.p7m' "$1" \
		&& grep -q '^Content-Transfer-Encoding: base64' "$1"
	ok $? "$4: RFC 8551 header block, smime-type=$2"
	long=$(sed '1,/^\r$/d' "$1" | awk 'length($0) > 77 || !/\r$/' | wc -l)
	[ "$long" -eq 0 ]
	ok $? "$4: base64 lines of at most 76 characters, CRLF" "got $long bad lines"
	openssl cms -cmsout -print -in "$1" >"$tmp/print" 2>&1
	grep -q "contentType: $3" "$tmp/print" && grep -q 'd.ktri' "$tmp/print" \
		&& grep -q 'd.kari' "$tmp/print"
	ok $? "$4: $3 with one KeyTrans (RSA) and one KeyAgree (EC) recipient"
}

tool encrypt "$certs" "$ca" "$tmp/entity" alice@citizen.example bob@citizen.example >"$tmp/cbc.eml"
ok $? "CBC: encrypt to alice and bob"
smime_headers "$tmp/cbc.eml" enveloped-data pkcs7-envelopedData CBC
grep -q 'algorithm: aes-256-cbc' "$tmp/print"; ok $? "CBC: content encryption is AES-256-CBC"
no_cleartext "$tmp/cbc.eml" CBC
decrypt_ok "$tmp/cbc.eml" alice CBC
decrypt_ok "$tmp/cbc.eml" bob CBC
openssl cms -decrypt -recip "$keys/heidi.pem" -inkey "$keys/heidi.key" -in "$tmp/cbc.eml" \
	-out "$tmp/dec.heidi" >/dev/null 2>"$tmp/dec.heidi.err"
rc=$?
# Failing is not enough (a broken or empty file fails too, "Error reading
# SMIME Content Info"): openssl must have read the CMS and found no recipient
# for heidi's key.
[ $rc -ne 0 ] && grep -qE 'Error decrypting CMS using private key|no matching recipient' \
	"$tmp/dec.heidi.err"
ok $? "CBC: a non-recipient's key cannot decrypt (read, but not for heidi's key)" \
	"got rc $rc: $(cat "$tmp/dec.heidi.err")"

# gpgsm: alice's PKCS#12, the CA imported and trusted (trustlist.txt).
mkdir -m 700 "$GNUPGHOME"
printf 'disable-crl-checks\ndisable-policy-checks\n' >"$GNUPGHOME/gpgsm.conf"
echo allow-loopback-pinentry >"$GNUPGHOME/gpg-agent.conf"
# The agent is started first and the key import retried, as in
# integration/t-encrypt.sh: on a loaded machine the import's own agent
# start can lose the race (the secret key is then missing; seen in CI).
gpgconf --launch gpg-agent >/dev/null 2>&1
for try in 1 2 3; do
	gpgsm --batch --pinentry-mode loopback --passphrase '' --import "$keys/alice.p12" \
		>"$tmp/gpgsm.log" 2>&1
	gpgsm --batch --with-colons --list-secret-keys 2>/dev/null | grep -q '^crs' && break
	sleep 1
done
gpgsm --batch --with-colons --list-secret-keys 2>/dev/null | grep -q '^crs' &&
	gpgsm --batch --import "$ca" >>"$tmp/gpgsm.log" 2>&1
ok $? "gpgsm: import alice's PKCS#12 and the CA" "$(tail -3 "$tmp/gpgsm.log")"
echo "$(openssl x509 -in "$ca" -noout -fingerprint -sha1 | sed 's/.*=//') S" \
	>"$GNUPGHOME/trustlist.txt"
sed '1,/^\r$/d' "$tmp/cbc.eml" >"$tmp/cbc.b64"
gpgsm --batch --pinentry-mode loopback --passphrase '' --assume-base64 --decrypt \
	"$tmp/cbc.b64" >"$tmp/dec.gpgsm" 2>"$tmp/gpgsm.err" && cmp -s "$tmp/dec.gpgsm" "$tmp/want"
ok $? "CBC: gpgsm --decrypt as alice gives the canonical entity" "$(cat "$tmp/gpgsm.err")"

tool encrypt --gcm "$certs" "$ca" "$tmp/entity" alice@citizen.example bob@citizen.example >"$tmp/gcm.eml"
ok $? "GCM: encrypt to alice and bob"
smime_headers "$tmp/gcm.eml" authEnveloped-data id-smime-ct-authEnvelopedData GCM
grep -q 'algorithm: aes-256-gcm' "$tmp/print"; ok $? "GCM: content encryption is AES-256-GCM"
no_cleartext "$tmp/gcm.eml" GCM
decrypt_ok "$tmp/gcm.eml" alice GCM
decrypt_ok "$tmp/gcm.eml" bob GCM

tool encrypt --sign "$pki/sign.pem" "$pki/sign.key" "$certs" "$ca" "$tmp/entity" \
	alice@citizen.example bob@citizen.example >"$tmp/signed.eml"
ok $? "signed: sign and encrypt to alice and bob"
no_cleartext "$tmp/signed.eml" signed
openssl cms -decrypt -recip "$keys/bob.pem" -inkey "$keys/bob.key" -in "$tmp/signed.eml" \
	-out "$tmp/dec.signed" 2>"$tmp/dec.err"
ok $? "signed: openssl cms -decrypt as bob" "$(cat "$tmp/dec.err")"
head -2 "$tmp/dec.signed" | tr -d '\r' | tr '\n' ' ' \
	| grep -q '^Content-Type: multipart/signed; protocol="application/pkcs7-signature"; *micalg=sha-256; boundary='
ok $? "signed: inner entity is multipart/signed, micalg=sha-256" "got: $(head -2 "$tmp/dec.signed")"
openssl cms -verify -CAfile "$ca" -in "$tmp/dec.signed" -out "$tmp/verified" 2>"$tmp/verify.err" \
	&& cmp -s "$tmp/verified" "$tmp/want"
ok $? "signed: openssl cms -verify with the CA succeeds, signed content is the entity" \
	"$(cat "$tmp/verify.err")"
openssl cms -verify -CAfile "$pki/other-ca.pem" -in "$tmp/dec.signed" -out /dev/null \
	>/dev/null 2>"$tmp/verify.other.err"
rc=$?
[ $rc -ne 0 ] && grep -q 'unable to get local issuer certificate' "$tmp/verify.other.err"
ok $? "signed: verification against an unrelated CA fails (unable to get local issuer)" \
	"got rc $rc: $(cat "$tmp/verify.other.err")"

# ---------------------------------------------------------------- refusals
for who in carol@citizen.example frank@citizen.example nobody@citizen.example; do
	"$TOOL" encrypt "$certs" "$ca" "$tmp/entity" alice@citizen.example "$who" \
		>"$tmp/none.eml" 2>"$tmp/none.err"
	rc=$?
	cat "$tmp/none.err" >>"$tmp/tool.err"
	[ $rc -eq 2 ] && [ ! -s "$tmp/none.eml" ] &&
		grep -qx "seal_smime_tool: no usable certificate for $who" "$tmp/none.err"
	ok $? "encrypt to $who: exit 2, nothing written, no usable certificate named" \
		"got rc $rc: $(cat "$tmp/none.err")"
done

# ---------------------------------------------------------------- sanitizers
! grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error:' "$tmp/tool.err"
ok $? "tool stderr has no sanitizer report" "$(grep -E 'Sanitizer|runtime error' "$tmp/tool.err" | head -5)"

echo "1..$n"
