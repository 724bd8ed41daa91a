#!/bin/sh
# make-extra-certs.sh DIR - after tests/smime/make-certs.sh DIR: dan's two
# certificates (one expired, one valid, same address) for the directory
# entry holding both, and DER copies of everything in DIR/der/.
set -eu

# db/ca.cnf refers to $ENV::SAN in every section, even for openssl req.
SAN=email:unused@example.invalid
export SAN

dir=${1:?usage: make-extra-certs.sh DIR}
cd "$dir"

# dan NAME START END: an EC encryption certificate for dan@citizen.example,
# issued with make-certs.sh's own CA configuration.
dan() {
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-out "keys/$1.key" 2>/dev/null
	openssl req -new -config db/ca.cnf -key "keys/$1.key" -subj "/CN=Dan" \
		-out "db/$1.csr" 2>/dev/null
	SAN=email:dan@citizen.example openssl ca -batch -notext -config db/ca.cnf \
		-cert ca.pem -keyfile ca.key -extfile db/ca.cnf -extensions ec_enc \
		-startdate "$2" -enddate "$3" -in "db/$1.csr" -out "keys/$1.pem" 2>/dev/null
}

dan dan-old 20200101000000Z 20240101000000Z
dan dan 20200101000000Z 20491231000000Z

mkdir -p der
for f in keys/*.pem; do
	n=$(basename "$f" .pem)
	openssl x509 -in "$f" -outform DER -out "der/$n.der"
done
