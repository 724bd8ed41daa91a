#!/bin/sh
# make-certs.sh DIR - generate the S/MIME test PKI for tests/t-smime.sh.
#
# DIR/ca.pem, ca.key         test CA (the smime_ca_file of the tests)
# DIR/other-ca.pem, .key     an unrelated CA (not trusted)
# DIR/certs/                 the smime_cert_dir: one candidate per case
# DIR/keys/NAME.pem|.key|.p12  each subject's certificate, key, PKCS#12
# DIR/sign.pem, sign.key     the agency's signing certificate (noreply@kommune.example)
#
# EC P-256 wherever possible (fast); alice is RSA 2048 so that both
# KeyTransRecipientInfo and KeyAgreeRecipientInfo are exercised.
# `openssl ca` is used because only it can set arbitrary validity dates
# (openssl 3.0's x509 -req cannot), which the expired and not-yet-valid
# cases need.
set -eu

dir=${1:?usage: make-certs.sh DIR}
mkdir -p "$dir/certs" "$dir/keys" "$dir/db"
cd "$dir"

ecparam() {
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
}

# One openssl ca configuration for both CAs; the CA is chosen per call.
cat > db/ca.cnf <<'CNF'
[ ca ]
default_ca = testca
[ testca ]
dir = ./db
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
default_md = sha256
policy = anything
unique_subject = no
email_in_dn = yes
copy_extensions = none
[ anything ]
commonName = optional
emailAddress = optional
organizationName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ rsa_enc ]
basicConstraints = CA:false
keyUsage = critical, keyEncipherment, digitalSignature
extendedKeyUsage = emailProtection
subjectAltName = $ENV::SAN
[ ec_enc ]
basicConstraints = CA:false
keyUsage = critical, keyAgreement, digitalSignature
extendedKeyUsage = emailProtection
subjectAltName = $ENV::SAN
[ ec_enc_nosan ]
basicConstraints = CA:false
keyUsage = critical, keyAgreement, digitalSignature
extendedKeyUsage = emailProtection
[ sign_only ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = emailProtection
subjectAltName = $ENV::SAN
CNF
: > db/index.txt
echo 1000 > db/serial
SAN=email:unused@example.invalid
export SAN

# ca NAME CN: a self-signed EC CA valid for a century (lookups at future
# dates must fail on the leaf, not on the CA).
mkca() {
	ecparam "$1.key"
	openssl req -new -x509 -config db/ca.cnf -extensions v3_ca -key "$1.key" \
		-subj "/O=Sealmilter Test/CN=$2" -days 36500 -out "$1.pem" 2>/dev/null
}

# leaf NAME CA EXT START END SUBJECT SAN [rsa]
leaf() {
	if [ "${8:-}" = rsa ]; then
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "keys/$1.key" 2>/dev/null
	else
		ecparam "keys/$1.key"
	fi
	openssl req -new -config db/ca.cnf -key "keys/$1.key" -subj "$6" -out "db/$1.csr" 2>/dev/null
	SAN=$7 openssl ca -batch -notext -config db/ca.cnf -cert "$2.pem" -keyfile "$2.key" \
		-extfile db/ca.cnf -extensions "$3" -startdate "$4" -enddate "$5" \
		-in "db/$1.csr" -out "keys/$1.pem" 2>/dev/null
	# 3DES/SHA-1 PKCS#12: gpgsm 2.2 cannot read OpenSSL 3's default
	# (PBES2/AES) bags. Test keys only, empty passphrase.
	openssl pkcs12 -export -passout pass: -keypbe PBE-SHA1-3DES \
		-certpbe PBE-SHA1-3DES -macalg sha1 -inkey "keys/$1.key" -in "keys/$1.pem" \
		-certfile "$2.pem" -out "keys/$1.p12" 2>/dev/null
}

mkca ca "Sealmilter Test CA"
mkca other-ca "Unrelated CA"

now=20200101000000Z
later=20491231000000Z
leaf alice ca rsa_enc $now $later "/CN=Alice/emailAddress=alice@citizen.example" email:alice@citizen.example rsa
# A second, usable certificate for alice that expires earlier: lookup
# must choose the one that expires last.
leaf alice-old ca ec_enc $now 20401231000000Z "/CN=Alice Old" email:alice@citizen.example
leaf bob ca ec_enc $now $later "/CN=Bob" email:bob@citizen.example
leaf carol ca ec_enc 20200101000000Z 20250101000000Z "/CN=Carol" email:carol@citizen.example
leaf dave ca ec_enc 20990101000000Z 21000101000000Z "/CN=Dave" email:dave@citizen.example
leaf eve ca ec_enc $now $later "/CN=Eve" email:erin@other.example
leaf frank ca sign_only $now $later "/CN=Frank" email:frank@citizen.example
leaf grace other-ca ec_enc $now $later "/CN=Grace" email:grace@citizen.example
leaf heidi ca ec_enc_nosan $now $later "/CN=Heidi/emailAddress=heidi@citizen.example" unused
# SAN and a different subject emailAddress: only the SAN counts.
leaf ivan ca ec_enc $now $later "/CN=Ivan/emailAddress=ivan.alias@citizen.example" email:ivan@citizen.example
leaf noreply ca sign_only $now $later "/O=Kommune/CN=noreply" email:noreply@kommune.example
cp keys/noreply.pem sign.pem
cp keys/noreply.key sign.key

# The certificate directory: PEM, DER, two certificates in one PEM file,
# and a file that is not a certificate at all (skipped on load).
cp keys/alice.pem certs/alice.pem
cp keys/alice-old.pem certs/alice-old.pem
openssl x509 -in keys/bob.pem -outform DER -out certs/bob.der
cat keys/carol.pem keys/dave.pem > certs/bundle.pem
for n in eve frank grace heidi ivan; do
	cp "keys/$n.pem" "certs/$n.pem"
done
printf 'this is not a certificate\n' > certs/junk.pem
