#!/bin/sh
# t-outer-headers.sh - what travels outside the encryption of an S/MIME copy
# (issue 15 items 3 and 4), through `sealmilter --scan --output` and the
# real `openssl cms -decrypt`: only transport fields stay outside (no
# Keywords, Thread-Topic or X- field), a number in the Subject that is not
# counted (below min_confidence) still makes the outer Subject neutral, the
# copy holds no number in clear, and everything moved is inside.
# RFC 5751 (S/MIME 3.2) 3.1: the encrypted entity is a MIME entity whose
# header fields other than Content-* are ignored by MIME but shown by
# clients that read protected headers.
set -u

: "${top_builddir:?}" "${top_srcdir:?}"
SEALMILTER=$top_builddir/milter/sealmilter
for t in openssl grep sed; do
	command -v "$t" >/dev/null 2>&1 || { echo "Bail out! $t not installed"; exit 1; }
done
tmp=$(mktemp -d) || { echo "Bail out! mktemp failed"; exit 1; }
trap "${KEEP:+:} rm -rf \"\$tmp\"" EXIT
trap 'exit 1' HUP INT TERM
pki=$tmp/pki
sh "$top_srcdir/tests/smime/make-certs.sh" "$pki" >"$tmp/mkcerts.log" 2>&1 ||
	{ echo "Bail out! make-certs.sh failed"; exit 1; }

n=0
ok() {  # ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# min_confidence = high: the Subject's number (medium, no context word) is
# found but not counted; the body's "CPR-nr.:" one is counted.
cat >"$tmp/scan.conf" <<CONF
internal_domains = kommune.example
smime_cert_dir = $pki/certs
smime_ca_file = $pki/ca.pem
min_confidence = high
language = en
CONF
cat >"$tmp/m.eml" <<'MAIL'
From: Sagsbehandler <sb@kommune.example>
To: alice@citizen.example
Subject: Sag 1705831889
Keywords: 170583-1889
Comments: about 170583-1889
Thread-Topic: Sag 1705831889
X-Case: 170583-1889
Date: Mon, 01 Jun 2026 10:00:00 +0200
Message-ID: <outer-1@kommune.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

CPR-nr.: 170583-1889
MAIL
"$SEALMILTER" --scan "$tmp/m.eml" -c "$tmp/scan.conf" --from sb@kommune.example \
	--rcpt alice@citizen.example --json --output "$tmp/out" >"$tmp/scan.json" 2>"$tmp/scan.err"
grep -q '"action": "encrypt-smime"' "$tmp/scan.json"
ok $? "alice gets an S/MIME copy"
grep -q '"where": "subject", "counted": false' "$tmp/scan.json"
ok $? "the Subject's number is found but not counted"
copy=$tmp/out/alice@citizen.example.eml
[ -f "$copy" ]
ok $? "the copy is written"
sed '/^\r\{0,1\}$/q' "$copy" >"$tmp/outer"
. "$top_srcdir/tests/nocleartext.sh"
printf '%s\n' '170583.?1889' >"$tmp/number.pat"
seal_no_cleartext "$tmp/number.pat" "$copy"
ok $? "no number in clear anywhere in the copy"
printf '%s\n' '^Subject:.*Sag 1' >"$tmp/subject.pat"
seal_no_cleartext "$tmp/subject.pat" "$tmp/outer"
ok $? "outer Subject is neutral although the Subject's finding is not counted"
for f in Keywords Comments Thread-Topic X-Case; do
	[ -s "$tmp/outer" ] && ! grep -qi "^$f:" "$tmp/outer"
	ok $? "outer header has no $f"
done
for f in From To Date Message-ID MIME-Version Content-Type; do
	grep -qi "^$f:" "$tmp/outer"
	ok $? "outer header keeps $f"
done
openssl cms -decrypt -in "$copy" -recip "$pki/keys/alice.pem" -inkey "$pki/keys/alice.key" \
	>"$tmp/inner" 2>"$tmp/dec.err"
ok $? "openssl cms -decrypt as alice"
for f in 'Subject: Sag 1705831889' 'Keywords: 170583-1889' 'Thread-Topic: Sag 1705831889' \
	'X-Case: 170583-1889' 'Comments: about 170583-1889'; do
	tr -d '\r' <"$tmp/inner" | grep -qxF "$f"
	ok $? "inside: $(echo "$f" | sed -E 's/170583-?1889/170583-XXXX/')"
done
tr -d '\r' <"$tmp/inner" | grep -qxF 'CPR-nr.: 170583-1889'
ok $? "inside: the body"
echo "1..$n"
