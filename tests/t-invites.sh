#!/bin/sh
# Calendar invitations (issue 18 item 3): several hundred invitations as
# Teams (Outlook), Zoom, Google Calendar and Webex write them, generated at
# test time with a fixed seed (tests/tools/gen_invites.py; many meeting IDs
# pass a CPR/personnummer/fødselsnummer check), go through
# `sealmilter --scan` as in tests/golden.sh. Every clean one must stay
# public (0 classified, 0 refused); every one with a `found` vector in
# SUMMARY, DESCRIPTION, LOCATION or an ATTENDEE CN must be classified.
set -u
bin="$top_builddir/milter/sealmilter"
conf="$top_srcdir/tests/data/golden.conf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0; fail=0

if ! python3 "$top_srcdir/tests/tools/gen_invites.py" "$tmp/in" "$SEAL_VECTORS" 400 40; then
	echo "not ok 1 - gen_invites.py failed"; echo "1..1"; exit 1
fi
scan() {
	"$bin" --scan "$1" -c "$conf" --date 2026-06-01 --json \
	    --from caseworker@kommune.example --rcpt citizen@gmail.example 2>/dev/null
}
clean=0; cbad=0; pos=0; pbad=0
for eml in "$tmp"/in/clean-*.eml; do
	clean=$((clean + 1))
	out=$(scan "$eml") || { cbad=$((cbad + 1)); echo "# scan failed: $(basename "$eml")"; continue; }
	case $out in
	*'"class": "public"'*'"action": "accept"'*) ;;
	*) cbad=$((cbad + 1)); echo "# classified or refused: $(basename "$eml")"
	   printf '%s\n' "$out" | grep -o '"where": "[^"]*"' | sed 's/^/#   /' ;;
	esac
done
n=$((n + 1))
if [ "$clean" -ge 300 ] && [ "$cbad" -eq 0 ]; then
	echo "ok $n - clean invitations: 0 of $clean classified or refused"
else
	echo "not ok $n - clean invitations: $cbad of $clean classified or refused"; fail=1
fi
for eml in "$tmp"/in/pos-*.eml; do
	pos=$((pos + 1))
	out=$(scan "$eml") || { pbad=$((pbad + 1)); continue; }
	case $out in
	*'"class": "confidential"'*'"counted": true'*) ;;
	*) pbad=$((pbad + 1)); echo "# not found: $(basename "$eml")" ;;
	esac
done
n=$((n + 1))
if [ "$pos" -ge 30 ] && [ "$pbad" -eq 0 ]; then
	echo "ok $n - invitations with an identity number: $pos of $pos found"
else
	echo "not ok $n - invitations with an identity number: $pbad of $pos missed"; fail=1
fi
echo "1..$n"
exit $fail
