#!/bin/sh
# make-keys.sh HOME - builds the OpenPGP test keyring for tests/t-pgp.sh.
#
# HOME (created, mode 0700) gets one key per case; HOME/fprs lists
# "NAME FINGERPRINT" so the test can name the key it expects, and
# HOME/recipients/NAME is a keyring holding only NAME's secret key, so
# decryption proves who the message was encrypted to.
#
#   alice     valid (alice@citizen.example); plus alice-old, an older
#             valid key for the same address (the newest must win)
#   carol     expired (made with a faked clock in 2020, 1 year)
#   dave      revoked (its revocation certificate imported)
#   erin      uid erin@other.example only (eve@other.example finds none)
#   frank     sign-only (ed25519 sign, no encryption subkey)
#   grace     two uids: grace@citizen.example, grace@kommune.example
#   heidi     disabled by the administrator (gpg --edit-key disable)
#   ivan      primary valid, its only encryption subkey expired
#
# Keys are ed25519/cv25519 without passphrase (fast; test only).
set -eu

H=${1:?usage: make-keys.sh HOME}
mkdir -p "$H"
chmod 0700 "$H"
GPG="gpg --homedir $H --batch --no-tty --quiet --pinentry-mode loopback --passphrase="

fpr_of() {
	gpg --homedir "$H" --batch --with-colons --list-keys "$1" 2>/dev/null |
	    awk -F: '/^fpr/ { print $10; exit }'
}

gen() {	# gen NAME UID ALGO USAGE EXPIRE [faked-time]
	if [ -n "${6:-}" ]; then
		$GPG --faked-system-time "$6" --quick-gen-key "$2" "$3" "$4" "$5" 2>/dev/null
	else
		$GPG --quick-gen-key "$2" "$3" "$4" "$5" 2>/dev/null
	fi
}

: > "$H/fprs"
gen alice-old 'Alice Old <alice@citizen.example>' future-default default never 20240101T000000
echo "alice-old $(fpr_of 'Alice Old')" >> "$H/fprs"
gen alice 'Alice <alice@citizen.example>' future-default default 1y
echo "alice $(fpr_of 'Alice <')" >> "$H/fprs"
gen carol 'Carol <carol@citizen.example>' future-default default 1y 20200101T000000
echo "carol $(fpr_of carol@citizen.example)" >> "$H/fprs"
gen dave 'Dave <dave@citizen.example>' future-default default 1y
fp=$(fpr_of dave@citizen.example)
echo "dave $fp" >> "$H/fprs"
# gpg stores a revocation certificate with a leading ':' against
# accidental import; strip it and import it.
sed 's/^:-----BEGIN/-----BEGIN/' "$H/openpgp-revocs.d/$fp.rev" | $GPG --import 2>/dev/null
gen erin 'Erin <erin@other.example>' future-default default 1y
echo "erin $(fpr_of erin@other.example)" >> "$H/fprs"
gen frank 'Frank <frank@citizen.example>' ed25519 sign 1y
echo "frank $(fpr_of frank@citizen.example)" >> "$H/fprs"
gen grace 'Grace <grace@citizen.example>' future-default default 1y
fp=$(fpr_of grace@citizen.example)
echo "grace $fp" >> "$H/fprs"
$GPG --quick-add-uid "$fp" 'Grace <grace@kommune.example>' 2>/dev/null
gen heidi 'Heidi <heidi@citizen.example>' future-default default 1y
fp=$(fpr_of heidi@citizen.example)
echo "heidi $fp" >> "$H/fprs"
$GPG --edit-key "$fp" disable quit 2>/dev/null
gen ivan 'Ivan <ivan@citizen.example>' ed25519 sign never 20240101T000000
fp=$(fpr_of ivan@citizen.example)
echo "ivan $fp" >> "$H/fprs"
$GPG --faked-system-time 20240101T000000 --quick-add-key "$fp" cv25519 encr 1y 2>/dev/null

# One keyring per recipient that must be able to decrypt.
for name in alice grace; do
	R="$H/recipients/$name"
	mkdir -p "$R"
	chmod 0700 "$R"
	fp=$(awk -v n="$name" '$1 == n { print $2 }' "$H/fprs")
	$GPG --export-secret-keys "$fp" |
	    gpg --homedir "$R" --batch --no-tty --quiet --pinentry-mode loopback \
	    --passphrase= --import 2>/dev/null
done
exit 0
