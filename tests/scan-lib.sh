# scan-lib.sh - sourced by the tests that put a file through
# `sealmilter --scan --json` as the one attachment of a message and read
# the JSON verdict (t-archives.sh, t-ole2.sh, t-readers.sh). The caller
# sets top_srcdir and top_builddir first; POSIX sh.
#
#   bin, conf        sealmilter and tests/data/golden.conf (conf may be
#                    changed, also for one scan)
#   tmp              a temporary folder, removed at exit
#   ok DESC, notok DESC
#                    one TAP line; notok sets fail=1
#   scan FILE        FILE attached to a message from caseworker@kommune.example
#                    to citizen@gmail.example, scanned as on 2026-06-01:
#                    the JSON verdict on stdout
#   expect FILE MASK:WHERE...
#                    scans $tmp/out/FILE; one TAP line for each MASK (as
#                    "060868-XXXX"), ok when a finding with that mask is at
#                    "attachment FILE/WHERE" (WHERE ending in '*': starting
#                    with what comes before it), else the findings as comments
bin="$top_builddir/milter/sealmilter"
conf="$top_srcdir/tests/data/golden.conf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0; fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }

scan() {
	f=$1
	{
		printf 'From: caseworker@kommune.example\r\nTo: citizen@gmail.example\r\n'
		printf 'Subject: Bilag\r\nMIME-Version: 1.0\r\n'
		printf 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
		printf 'Content-Type: text/plain\r\n\r\nSe bilag.\r\n--b\r\n'
		printf 'Content-Type: application/octet-stream\r\n'
		printf 'Content-Disposition: attachment; filename="%s"\r\n' "$(basename "$f")"
		printf 'Content-Transfer-Encoding: base64\r\n\r\n'
		base64 "$f"
		printf '\r\n--b--\r\n'
	} >"$tmp/m.eml"
	"$bin" --scan "$tmp/m.eml" -c "$conf" --date 2026-06-01 --json \
	    --from caseworker@kommune.example --rcpt citizen@gmail.example 2>/dev/null
}

expect() {
	f=$1; shift
	out=$(scan "$tmp/out/$f")
	for mw in "$@"; do
		mask=${mw%%:*}; where=${mw#*:}
		if printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
w = sys.argv[2]
at = (lambda x: x.startswith(w[:-1])) if w.endswith("*") else (lambda x: x == w)
sys.exit(0 if any(x["masked"] == sys.argv[1] and at(x["where"])
                  for x in d["findings"]) else 1)' "$mask" "attachment $f/$where"; then
			ok "$f: $mask in $where"
		else
			notok "$f: $mask in $where"
			printf '%s\n' "$out" | grep -o '"masked": "[^"]*", "confidence": "[^"]*", "where": "[^"]*"' | sed 's/^/#   /'
		fi
	done
}
