#!/bin/sh
# t-pgp.sh - OpenPGP recipient lookup and PGP/MIME encryption (libseal
# src/crypto/pgp.c through tests/tools/seal_pgp_tool), checked with gpg.
#
# Keys come from tests/pgp/make-keys.sh in a fresh keyring; every file
# lives in a mktemp -d directory removed at exit, and the gpg-agents the
# test started are stopped. A missing gpg is an install bug: Bail out.
# The test entity holds a synthetic CPR number from tests/data/vectors.tsv;
# expected values and messages here only use its mask 170583-XXXX.
# Output: TAP.

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
TOOL=$top_builddir/tests/tools/seal_pgp_tool
PGPDIR=$top_srcdir/tests/pgp

for prog in gpg gpgconf; do
	if ! command -v $prog >/dev/null 2>&1; then
		echo "Bail out! $prog not installed (gnupg is a build dependency)"
		exit 1
	fi
done
if [ ! -x "$TOOL" ]; then
	echo "Bail out! $TOOL not built"
	exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/t-pgp.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
H=$T/keys
cleanup() {
	for h in "$H/recipients/alice" "$H/recipients/grace" "$H"; do
		[ -d "$h" ] && gpgconf --homedir "$h" --kill all >/dev/null 2>&1
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

n=0
fails=0
ok() {	# ok CONDITION-STATUS DESCRIPTION [DIAGNOSTIC]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
		fails=$((fails + 1))
	fi
}

# Runs the tool; stdout in $T/out, stderr appended to $T/stderr.all
# (scanned for sanitizer reports and for the number at the end).
runs=0
tool() {
	runs=$((runs + 1))
	"$TOOL" "$@" > "$T/out" 2> "$T/err"
	rc=$?
	cat "$T/err" >> "$T/stderr.all"
	return $rc
}

if ! sh "$PGPDIR/make-keys.sh" "$H" > "$T/make-keys.log" 2>&1; then
	echo "Bail out! make-keys.sh failed: $(tail -3 "$T/make-keys.log")"
	exit 1
fi
fpr() { awk -v n="$1" '$1 == n { print $2 }' "$H/fprs"; }
: > "$T/stderr.all"

# ------------------------------------------------------------ lookup
# address | exit | key chosen (name in fprs, or none) | verdict lines | a verdict reason
while IFS='|' read -r addr want_rc want_key want_nv want_reason; do
	[ -z "$addr" ] && continue
	tool lookup "$H" "$addr"
	rc=$?
	got_key=$(head -1 "$T/out")
	[ "$want_key" = none ] && want_fpr=none || want_fpr=$(fpr "$want_key")
	got_nv=$(grep -c '^verdict ' "$T/out")
	reason_ok=0
	if [ -n "$want_reason" ]; then
		grep -q "^verdict [0-9A-F]\{40\} [a-z]* [^ ]* $want_reason" "$T/out" || reason_ok=1
	fi
	[ "$rc" = "$want_rc" ] && [ "$got_key" = "$want_fpr" ] &&
	    [ "$got_nv" = "$want_nv" ] && [ $reason_ok -eq 0 ]
	ok $? "lookup $addr: $want_key ($want_reason)" \
	    "got exit $rc key $got_key verdicts $got_nv, want exit $want_rc key $want_fpr verdicts $want_nv reason '$want_reason'
$(cat "$T/out" "$T/err")"
done <<'EOF'
alice@citizen.example|0|alice|2|usable
alice@CITIZEN.Example|0|alice|2|usable
Alice@citizen.example|2|none|2|no user ID with exactly this address
lice@citizen.example|2|none|0|
alice@citizen.example.org|2|none|0|
carol@citizen.example|2|none|1|expired 2020-12-31
dave@citizen.example|2|none|1|revoked
eve@other.example|2|none|0|
erin@other.example|0|erin|1|usable
frank@citizen.example|2|none|1|no encryption subkey
grace@citizen.example|0|grace|1|usable
grace@kommune.example|0|grace|1|usable
heidi@citizen.example|2|none|1|disabled
ivan@citizen.example|2|none|1|no encryption subkey
<alice@citizen.example>|2|none|0|
not-an-address|2|none|0|
EOF

# Newest usable key wins: alice-old is usable too, but older.
tool lookup "$H" alice@citizen.example
[ "$(head -1 "$T/out")" = "$(fpr alice)" ] &&
    grep -q "^verdict $(fpr alice-old) usable alice@citizen.example usable$" "$T/out"
ok $? "lookup alice: the older alice key is usable too, the newer one is chosen" \
    "got $(cat "$T/out"), want $(fpr alice) chosen over $(fpr alice-old)"

tool lookup "$T/no-such-home" alice@citizen.example
rc=$?
[ $rc -eq 1 ] && grep -q 'does not exist' "$T/err" && grep -q "(configuration error)" "$T/err"
ok $? "lookup in a missing keyring directory is a configuration error" \
    "got exit $rc: $(cat "$T/err"), want exit 1 and a configuration error"

# ------------------------------------------------------------ encrypt
# A text/plain UTF-8 entity with a (synthetic) CPR number, LF endings.
ENT=$T/entity.txt
printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nKære borger,\n\nvedr. CPR-nr. 170583-1889: sagen er afsluttet.\nVenlig hilsen Åse Ørsted\n' > "$ENT"
sed 's/$/\r/' "$ENT" > "$T/entity.crlf"

tool encrypt "$H" "$ENT" alice@citizen.example grace@citizen.example grace@kommune.example
rc=$?
cp "$T/out" "$T/msg.eml"
ok $rc "encrypt to alice and grace (both of grace's uids): exit 0" "got exit $rc, want 0: $(cat "$T/err")"

tr -d '\r' < "$T/msg.eml" > "$T/msg.lf"
cr_lines=$(grep -c "$(printf '\r')\$" "$T/msg.eml")
all_lines=$(wc -l < "$T/msg.eml")
[ "$cr_lines" -eq "$all_lines" ] && [ "$all_lines" -gt 10 ]
ok $? "every line of the message ends in CRLF" "got $cr_lines CRLF of $all_lines lines"

for h in From To Subject Date Message-ID; do
	grep -q "^$h: ." "$T/msg.lf"
	ok $? "outer header $h present" "$(head -12 "$T/msg.lf")"
done
grep -qx 'MIME-Version: 1.0' "$T/msg.lf"
ok $? "MIME-Version: 1.0 present" "$(head -12 "$T/msg.lf")"

awk -v prefix="$T/part" -f "$PGPDIR/mime-parts.awk" "$T/msg.lf" > "$T/mime"
grep -q '^type multipart/encrypted; protocol="application/pgp-encrypted"; boundary="[^"]\{16,\}"$' "$T/mime"
ok $? "top level is multipart/encrypted, protocol application/pgp-encrypted, with a boundary" "$(cat "$T/mime")"
grep -qx 'parts 2' "$T/mime" && grep -qx 'closed 1' "$T/mime"
ok $? "exactly two parts and a closing delimiter" "got $(tr '\n' ' ' < "$T/mime"), want parts 2 closed 1"

head -1 "$T/part.1" | grep -qx 'Content-Type: application/pgp-encrypted' &&
    grep -qx 'Version: 1' "$T/part.1"
ok $? "part 1 is application/pgp-encrypted with Version: 1" "$(cat "$T/part.1" 2>&1)"
grep -qx 'Content-Type: application/octet-stream; name="encrypted.asc"' "$T/part.2" &&
    grep -qx 'Content-Disposition: inline; filename="encrypted.asc"' "$T/part.2" &&
    grep -qx -- '-----BEGIN PGP MESSAGE-----' "$T/part.2" &&
    grep -qx -- '-----END PGP MESSAGE-----' "$T/part.2"
ok $? "part 2 is application/octet-stream encrypted.asc holding an armoured message" \
    "$(head -8 "$T/part.2" 2>&1)"

. "$top_srcdir/tests/nocleartext.sh"
printf '%s\n' '170583' >"$T/number.pat"
why=$(seal_no_cleartext "$T/number.pat" "$T/msg.eml")
ok $? "the encrypted message does not contain the number 170583-XXXX in cleartext" "$why"

sed -n '/^-----BEGIN PGP MESSAGE-----$/,/^-----END PGP MESSAGE-----$/p' "$T/part.2" > "$T/msg.asc"
npk=$(gpg --homedir "$H" --batch --no-tty --pinentry-mode loopback --passphrase= \
    --list-packets "$T/msg.asc" 2>/dev/null | grep -c '^:pubkey enc packet:')
[ "$npk" -eq 2 ]
ok $? "two recipients (alice, grace once for both uids)" "got $npk pubkey packets, want 2"

for who in alice grace; do
	# the agent started first, and a decryption whose own agent start lost
	# the race on a loaded machine tried again (as in t-smime.sh)
	gpgconf --homedir "$H/recipients/$who" --launch gpg-agent >/dev/null 2>&1
	for try in 1 2 3; do
		rm -f "$T/dec.$who"
		gpg --homedir "$H/recipients/$who" --batch --no-tty --pinentry-mode loopback \
		    --passphrase= --decrypt --output "$T/dec.$who" "$T/msg.asc" 2> "$T/gpg.err"
		rc=$?
		[ $rc -eq 0 ] || ! grep -qi 'agent' "$T/gpg.err" && break
		sleep 1
	done
	ok $rc "$who decrypts with only her own secret key" "gpg exit $rc: $(cat "$T/gpg.err")"
	cmp -s "$T/dec.$who" "$T/entity.crlf"
	ok $? "$who: decrypted entity equals the CRLF-canonical original byte for byte" \
	    "got $(wc -c < "$T/dec.$who" 2>/dev/null) bytes, want $(wc -c < "$T/entity.crlf")"
done

# An entity that is already CRLF is not changed (no CR doubled).
tool encrypt "$H" "$T/entity.crlf" erin@other.example
rc=$?
tr -d '\r' < "$T/out" | sed -n '/^-----BEGIN PGP MESSAGE-----$/,/^-----END PGP MESSAGE-----$/p' > "$T/erin.asc"
gpg --homedir "$H" --batch --no-tty --pinentry-mode loopback --passphrase= \
    --decrypt --output "$T/dec.erin" "$T/erin.asc" 2>/dev/null &&
    cmp -s "$T/dec.erin" "$T/entity.crlf"
st=$?
[ $rc -eq 0 ] && [ $st -eq 0 ]
ok $? "a CRLF entity decrypts unchanged (erin)" "tool exit $rc, decrypt+compare $st"

# Two encryptions of the same entity use different boundaries.
b1=$(sed -n 's/^boundary //p' "$T/mime")
tr -d '\r' < "$T/out" | awk -v prefix="$T/erin" -f "$PGPDIR/mime-parts.awk" > "$T/mime2"
b2=$(sed -n 's/^boundary //p' "$T/mime2")
[ -n "$b1" ] && [ -n "$b2" ] && [ "$b1" != "$b2" ]
ok $? "boundaries are random" "got '$b1' and '$b2'"

# ------------------------------------------------------------ refused
while IFS='|' read -r addrs why; do
	[ -z "$addrs" ] && continue
	# shellcheck disable=SC2086
	tool encrypt "$H" "$ENT" $addrs
	rc=$?
	[ $rc -eq 2 ] && [ ! -s "$T/out" ] && grep -q 'no usable key for' "$T/err"
	ok $? "encrypt to $addrs ($why) refused: exit 2, no output" \
	    "got exit $rc, $(wc -c < "$T/out") bytes out, stderr: $(cat "$T/err"); want exit 2, nothing out"
done <<'EOF'
frank@citizen.example|sign-only key
carol@citizen.example|expired key
dave@citizen.example|revoked key
heidi@citizen.example|disabled key
ivan@citizen.example|expired encryption subkey
eve@other.example|no key for the address
alice@citizen.example frank@citizen.example|one of two recipients without a key
EOF

tool encrypt "$H" "$T/no-such-file" alice@citizen.example
rc=$?
[ $rc -eq 1 ] && [ ! -s "$T/out" ]
ok $? "missing entity file: exit 1, no output" "got exit $rc"

# ------------------------------------------------------------ hygiene
if grep -q '170583' "$T/stderr.all"; then found=1; else found=0; fi
ok $found "no tool diagnostic contains the number 170583-XXXX"
if grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$T/stderr.all"; then
	found=1
else
	found=0
fi
ok $found "no sanitizer report in $runs tool runs" "$(grep -E -A5 'Sanitizer|runtime error:' "$T/stderr.all" | head -20)"

echo "1..$n"
[ $fails -eq 0 ]
