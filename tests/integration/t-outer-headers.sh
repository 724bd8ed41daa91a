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

# Issue 15 item 3: display names. A number in the display name of To,
# From, Cc or Reply-To (RFC 5322 3.4 name-addr) is dropped outside, the
# addresses stay for transport and replies, the fields travel whole inside.
# A name without a finding stays as it is.
cat >"$tmp/n.eml" <<'MAIL'
From: "Sagsbehandler 170583-1889" <sb@kommune.example>
Reply-To: Sag 1705831889 <sag@kommune.example>
To: "Alice (CPR 170583-1889)" <alice@citizen.example>, Bob <bob@citizen.example>
Cc: Sagen 170583-1889: carol@citizen.example, dave@citizen.example;
Date: Mon, 01 Jun 2026 10:00:00 +0200
Message-ID: <outer-2@kommune.example>
Subject: Brev
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

CPR-nr.: 170583-1889
MAIL
rcpts="--rcpt alice@citizen.example --rcpt bob@citizen.example"
"$SEALMILTER" --scan "$tmp/n.eml" -c "$tmp/scan.conf" --from sb@kommune.example \
	$rcpts --json --output "$tmp/out2" >"$tmp/scan2.json" 2>"$tmp/scan2.err"
copy=$tmp/out2/alice@citizen.example.eml
[ -f "$copy" ]
ok $? "names: the copy for alice is written"
sed '/^\r\{0,1\}$/q' "$copy" | tr -d '\r' >"$tmp/outer2"
! grep -Eq '170583.?1889' "$copy"
ok $? "names: no number in clear anywhere in the copy"
for f in 'From: sb@kommune.example' 'Reply-To: sag@kommune.example' \
	'To: alice@citizen.example, bob@citizen.example' \
	'Cc: carol@citizen.example, dave@citizen.example'; do
	grep -qxF "$f" "$tmp/outer2"
	ok $? "names: outside, only the addresses: $f"
done
grep -qx 'Subject: Brev' "$tmp/outer2"
ok $? "names: a Subject without a finding stays"
openssl cms -decrypt -in "$copy" -recip "$pki/keys/alice.pem" -inkey "$pki/keys/alice.key" \
	>"$tmp/inner2" 2>"$tmp/dec2.err"
ok $? "names: openssl cms -decrypt as alice"
for f in 'From: "Sagsbehandler 170583-1889" <sb@kommune.example>' \
	'To: "Alice (CPR 170583-1889)" <alice@citizen.example>, Bob <bob@citizen.example>' \
	'Cc: Sagen 170583-1889: carol@citizen.example, dave@citizen.example;'; do
	tr -d '\r' <"$tmp/inner2" | grep -qxF "$f"
	ok $? "names: inside whole: $(echo "$f" | sed -E 's/170583-?1889/170583-XXXX/')"
done
# No finding in any name: the fields stay byte for byte.
sed -e 's/"Sagsbehandler 170583-1889"/Sagsbehandler/' -e 's/Sag 1705831889/Sag/' \
	-e 's/"Alice (CPR 170583-1889)"/Alice/' -e 's/Sagen 170583-1889:/Sagen:/' \
	"$tmp/n.eml" >"$tmp/c.eml"
"$SEALMILTER" --scan "$tmp/c.eml" -c "$tmp/scan.conf" --from sb@kommune.example \
	$rcpts --json --output "$tmp/out3" >"$tmp/scan3.json" 2>"$tmp/scan3.err"
sed '/^\r\{0,1\}$/q' "$tmp/out3/alice@citizen.example.eml" | tr -d '\r' >"$tmp/outer3"
grep -qxF 'To: Alice <alice@citizen.example>, Bob <bob@citizen.example>' "$tmp/outer3" &&
	grep -qxF 'From: Sagsbehandler <sb@kommune.example>' "$tmp/outer3"
ok $? "names: names without a finding stay outside"
echo "1..$n"
