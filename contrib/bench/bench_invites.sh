#!/bin/sh
# bench_invites.sh - false positives on calendar invitations (issue 18 item 3).
# Generates invitations as Teams, Zoom, Google Calendar and Webex write them
# (tests/tools/gen_invites.py, fixed seed, random meeting IDs of which many
# pass a CPR/personnummer/fødselsnummer check) and prints how many clean ones
# sealmilter classifies or refuses, and how many with a number it finds.
#   contrib/bench/bench_invites.sh [BUILDDIR] [CLEAN] [POSITIVE]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
nclean=${2:-400}
npos=${3:-40}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$top/tests/tools/gen_invites.py" "$tmp/in" "$top/tests/data/vectors.tsv" "$nclean" "$npos"
scan() {
	"$build/milter/sealmilter" --scan "$1" -c "$top/tests/data/golden.conf" --date 2026-06-01 \
	    --json --from caseworker@kommune.example --rcpt citizen@gmail.example 2>/dev/null ||
	    echo '"scan failed"'
}
# classified: not public; a run that fails counts apart (never as clean)
tc=0; tm=0; tf=0
for svc in teams zoom google webex; do
	m=0; c=0; r=0; x=0
	for eml in "$tmp"/in/clean-*-"$svc".eml; do
		m=$((m + 1))
		out=$(scan "$eml")
		case $out in
		*'"scan failed"'*) x=$((x + 1)) ;;
		*'"class": "public"'*) ;;
		*) c=$((c + 1)) ;;
		esac
		case $out in *'"action": "refuse"'*) r=$((r + 1)) ;; esac
	done
	echo "$svc: $c of $m clean invitations classified ($r refused, $x scans failed)"
	tc=$((tc + c)); tm=$((tm + m)); tf=$((tf + x))
done
f=0; p=0
for eml in "$tmp"/in/pos-*.eml; do
	p=$((p + 1))
	case $(scan "$eml") in *'"class": "confidential"'*) f=$((f + 1)) ;; esac
done
echo "all: $tc of $tm clean invitations classified ($tf scans failed)"
echo "all: $f of $p invitations with an identity number found"
