#!/bin/sh
# Client-shaped replies and forwards (issue 18 item 1): Outlook, Apple Mail,
# iOS Mail, Gmail and Thunderbird, plain, format=flowed and HTML, 1-4
# levels deep, quoted inline or attached as message/rfc822, generated with
# a fixed seed (tests/tools/gen_clients.py, every 7th case of the full set;
# run tests/tools/run_clients.sh on the whole set by hand). Every message
# with a `found` vector must be classified, every clean twin must not.
set -u
bin="$top_builddir/milter/sealmilter"
conf="$top_srcdir/tests/data/golden.conf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! python3 "$top_srcdir/tests/tools/gen_clients.py" "$tmp/in" "$SEAL_VECTORS" 7 >/dev/null; then
	echo "not ok 1 - gen_clients.py failed"; echo "1..1"; exit 1
fi
if out=$(sh "$top_srcdir/tests/tools/run_clients.sh" "$bin" "$tmp/in" "$conf"); then
	echo "ok 1 - client-shaped mail: $(printf '%s\n' "$out" | tail -n 1)"
	fail=0
else
	echo "not ok 1 - client-shaped mail: $(printf '%s\n' "$out" | tail -n 1)"
	printf '%s\n' "$out" | sed 's/^/# /'
	fail=1
fi
echo "1..1"
exit $fail
