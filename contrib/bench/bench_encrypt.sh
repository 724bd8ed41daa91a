#!/bin/bash
# bench_encrypt.sh - what encryption costs per message, in process and on
# one core: bench_encrypt (`make bench`) scans a message with one identity
# number, looks up each recipient's certificate or key, encrypts and builds
# every copy that leaves, in a loop.
#
# Usage: contrib/bench/bench_encrypt.sh [-b BUILDDIR] [-t SECONDS]
#
# Makes a throw-away test PKI (a CA and five EC P-256 recipient
# certificates r1..r5@citizen.example) and a GnuPG home with five keys
# (p1..p5@citizen.example, ed25519/cv25519), then measures S/MIME and
# OpenPGP at 10 KB and 1 MB with 1 and 5 recipients (all five in To: one
# encryption for all), plus S/MIME with aes256-gcm and, at 10 KB, five
# recipients of which four are Bcc (each gets a copy of its own). Each line
# runs SECONDS (default 5; OpenPGP twice as long, since it starts gpg for
# every copy); the whole script takes a little over a minute. Root not
# needed.
# Everything lives in one temp dir removed at exit (SEAL_KEEP=1 keeps it).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$BENCH_DIR/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
SECS=5

while getopts b:t:h opt; do
	case $opt in
	b) top_builddir=$(cd "$OPTARG" && pwd) || exit 64 ;;
	t) SECS=$OPTARG ;;	# whole seconds: OpenPGP gets twice as many
	*) sed -n '7p' "$0" | sed 's/^# //' >&2; exit 64 ;;
	esac
done
case $SECS in
'' | *[!0-9]* | 0) echo "$0: -t takes whole seconds" >&2; exit 64 ;;
esac
BIN=$top_builddir/contrib/bench/bench_encrypt
[ -x "$BIN" ] || { echo "$0: $BIN missing: make bench" >&2; exit 1; }
# bench_make_certs, bench_make_pgp_keys
. "$BENCH_DIR/bench_mta.sh"

for prog in openssl gpg gpgconf; do
	command -v $prog >/dev/null || { echo "$0: $prog not installed" >&2; exit 1; }
done

T=$(mktemp -d /tmp/seal-bench-encrypt.XXXXXX) || exit 1
GH=$T/gnupg
cleanup()
{
	local rc=$?
	# In case key generation stopped half way, leaving gpg's agent.
	[ -d "$GH" ] && gpgconf --homedir "$GH" --kill all 2>/dev/null
	if [ -n "${SEAL_KEEP:-}" ]; then
		echo "# kept $T" >&2
	else
		rm -rf "$T"
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

die()
{
	echo "$0: $*" >&2
	exit 1
}

# ---------------------------------------------------------------- keys

# r1..r5 get certificates, p1..p5 OpenPGP keys.
R1=r1@citizen.example
P1=p1@citizen.example
R5=$R1
P5=$P1
for i in 2 3 4 5; do
	R5="$R5 r$i@citizen.example"
	P5="$P5 p$i@citizen.example"
done
# shellcheck disable=SC2086  # the address lists are word lists
bench_make_certs "$T/pki" $R5 || die "cannot make the test certificates"
# shellcheck disable=SC2086
bench_make_pgp_keys "$GH" $P5 || die "cannot make the test keys"

conf()	# conf NAME [lines]: a configuration with the common keys
{
	{
		echo "internal_domains = kommune.example"
		echo "log_target = stderr"
		printf '%s\n' "${@:2}"
	} >"$T/$1.conf"
}
conf smime "smime_cert_dir = $T/pki/certs" "smime_ca_file = $T/pki/ca.pem"
conf smime-gcm "smime_cert_dir = $T/pki/certs" "smime_ca_file = $T/pki/ca.pem" \
	"smime_cipher = aes256-gcm"
conf pgp "pgp_home = $GH"

# ---------------------------------------------------------------- runs

echo "sealmilter encryption benchmark: per message the scan (parse, find the"
echo "number), key lookup, encryption and assembly of every copy, in process,"
echo "one core (OpenPGP: GPGME runs gpg once per copy); 3 warm-up messages,"
echo "then ${SECS} s per line (OpenPGP $((SECS * 2)) s)."
echo "$(openssl version | cut -d' ' -f1-2), $(gpg --version | head -n 1),"\
	"$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rcpts=5: all in To, one encryption; rcpts=5(bcc): one in To, four Bcc, five encryptions."
echo

failed=0
run()	# run CONF SECONDS SIZE [-B] RCPT...
{
	local conf=$1 secs=$2 size=$3
	shift 3
	"$BIN" -c "$T/$conf.conf" -s "$size" -t "$secs" "$@" || failed=1
}
for size in 10240 1048576; do
	# shellcheck disable=SC2086
	run smime "$SECS" $size $R1
	# shellcheck disable=SC2086
	run smime "$SECS" $size $R5
done
run smime-gcm "$SECS" 10240 $R1
# shellcheck disable=SC2086
run smime "$SECS" 10240 -B $R5
for size in 10240 1048576; do
	# shellcheck disable=SC2086
	run pgp $((SECS * 2)) $size $P1
	# shellcheck disable=SC2086
	run pgp $((SECS * 2)) $size $P5
done
# shellcheck disable=SC2086
run pgp $((SECS * 2)) 10240 -B $P5
exit $failed
