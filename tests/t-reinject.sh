#!/bin/bash
# t-reinject.sh - the reinjection SMTP client (src/deliver/reinject.c) through
# tests/tools/seal_reinject_tool, against smtp-sink and against the tool's
# own scripted listener (--test-listener) for the failures smtp-sink cannot
# produce: silence, 421 greeting, 550 on one RCPT, malformed replies (TAP).
#
# Everything runs on 127.0.0.1, ports from seal_free_port (below 32000).
# Needs root for smtp-sink -u root. The tool's stderr is kept and checked
# for sanitizer reports at the end (ASan/UBSan builds).
set -u

: "${top_builddir:?}" "${top_srcdir:?}"
. "$top_srcdir/tests/integration/lib.sh"
TOOL=$top_builddir/tests/tools/seal_reinject_tool
export PATH="$PATH:/usr/sbin:/sbin"

[ "$(id -u)" = 0 ] || bail_out "needs root (smtp-sink -u root)"
for t in smtp-sink ss perl cmp; do
	command -v $t >/dev/null 2>&1 || bail_out "$t not installed"
done
[ -x "$TOOL" ] || bail_out "$TOOL not built"

tmp=$(mktemp -d /tmp/seal-reinject.XXXXXX) || bail_out "mktemp"
PIDS=""
cleanup()
{
	local p
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	for p in $PIDS; do wait "$p" 2>/dev/null; done
	[ -n "${SEAL_KEEP:-}" ] && echo "# kept $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
NRUN=0

# run OUT [tool args...] < msg: the tool's stdout in OUT, its status in RC,
# wall time in MS; stderr is kept for the sanitizer check.
run()
{
	local out=$1 t0
	shift
	NRUN=$((NRUN + 1))
	LASTOUT=$out
	t0=$(date +%s%N)
	"$TOOL" "$@" >"$out" 2>"$tmp/stderr.$NRUN"
	RC=$?
	MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

# listener MODE: starts the scripted listener, sets LPORT, LPID, LLOG.
NLISTEN=10
listener()
{
	NLISTEN=$((NLISTEN + 1))
	LPORT=$(seal_free_port "$NLISTEN") || bail_out "no free port"
	LLOG=$tmp/listener.$LPORT.log
	"$TOOL" --test-listener "$LPORT" "$1" >"$LLOG" 2>&1 &
	LPID=$!
	PIDS="$PIDS $LPID"
	seal_wait_port "$LPORT" 10 || bail_out "test listener ($1) did not start"
}

# expect_err NAME OUTFILE REGEX: the run failed, within LIMIT_MS, and its
# message matches REGEX.
expect_err()
{
	local name=$1 out=$2 re=$3
	if [ "$RC" = 1 ] && grep -qE -- "$re" "$out"; then
		ok "$name"
	else
		not_ok "$name: got exit $RC, output '$(head -c 300 "$out")', want 1 and /$re/"
	fi
}

# The DATA content the client must send for a message, computed apart from
# the C code: bare LF -> CRLF, '.' at line start doubled, final CRLF, ".".
wire_form()
{
	perl -0777 -pe 's/(?<!\r)\n/\r\n/g; s/^\./../mg;
		$_ .= "\r\n" if length($_) && !/\n\z/; $_ .= ".\r\n";' "$1"
}

# ---------------------------------------------------------------- parse

while IFS='|' read -r spec want; do
	got=$("$TOOL" --parse "$spec" 2>>"$tmp/stderr.parse")
	case $got in
	"$want"*) ok "parse '$spec'" ;;
	*) not_ok "parse '$spec': got '$got', want '$want...'" ;;
	esac
done <<'EOF'
127.0.0.1:10027|ok 127.0.0.1 10027
[::1]:10027|ok ::1 10027
127.0.0.2:25|ok 127.0.0.2 25
[::ffff:127.0.0.1]:10027|ok ::ffff:127.0.0.1 10027
localhost:10027|error configuration error: reinject_to: address must be numeric
10.1.2.3:10027|error configuration error: reinject_to must be a loopback address
[2001:db8::1]:10027|error configuration error: reinject_to must be a loopback address
127.0.0.1:0|error configuration error: reinject_to: port must be 1..65535
127.0.0.1:65536|error configuration error: reinject_to: port must be 1..65535
127.0.0.1:10027x|error configuration error: reinject_to: port must be 1..65535
::1:10027|error configuration error: reinject_to: expected ADDRESS:PORT
127.0.0.1|error configuration error: reinject_to: expected ADDRESS:PORT
EOF

# ---------------------------------------------------------------- messages

long1=$(printf 'a%.0s' $(seq 1 998))
long2=$(printf '%05d-long line with words ' $(seq 1 200))
{
	printf 'From: Sagsbehandler <case@kommune.example>\n'
	printf 'To: a@citizen.example, b@citizen.example\n'
	printf 'Subject: =?UTF-8?Q?K=C3=B8benhavn?= reinject test\n'
	printf 'Message-ID: <reinject-1@kommune.example>\n'
	printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n'
	printf 'Content-Transfer-Encoding: 8bit\n\n'
	printf '.starts with a dot\n.\n..two dots\n. dot space\nmiddle . dot\n'
	printf 'Blåbærgrød og æøå ÆØÅ äöü – “quotes” ✓\n'
	printf '%s\n%s\n' "$long1" "$long2"
	printf '\n\nlast line\n'
} >"$tmp/m1.eml"
sed 's/$/\r/' "$tmp/m1.eml" >"$tmp/m1-crlf.eml"
printf 'no final newline\n.dot' >"$tmp/m2.eml"
printf 'mixed\r\nlf only\nbare\rcr\r\n.\r\n.x\n' >"$tmp/m3.eml"
: >"$tmp/m4.eml"
# About 3 MB: many full socket buffers, so partial writes are exercised.
perl -e 'print "Subject: big\n\n"; for (1..60000) { print ".line $_ ", "x" x 40, "\n" }' \
	>"$tmp/m5.eml"

# ---------------------------------------------------------------- smtp-sink

SINK=$tmp/sink
mkdir -p "$SINK"
SPORT=$(seal_free_port 3) || bail_out "no free port"
smtp-sink -u root -d "$SINK/%M." "127.0.0.1:$SPORT" 20 >"$tmp/sink.out" 2>&1 &
PIDS="$PIDS $!"
seal_wait_port "$SPORT" 30 || bail_out "smtp-sink did not start"

# sink_send NAME FILE SENDER RCPT...: sends, then prints the new sink file.
sink_send()
{
	local name=$1 file=$2 before
	shift 2
	before=$(ls "$SINK" | wc -l)
	run "$tmp/$name.out" -t 10 "127.0.0.1:$SPORT" "$@" <"$file"
	# smtp-sink writes the file when the transaction ends.
	for _ in $(seq 1 50); do
		[ "$(ls "$SINK" | wc -l)" -gt "$before" ] && break
		sleep 0.1
	done
	SFILE=$(ls -t "$SINK"/* 2>/dev/null | head -n 1)
}

# sink_same NAME ORIGINAL: the sink's copy (it stores LF and undoes the
# dot-stuffing) equals the original with line ends made LF.
sink_same()
{
	local name=$1 orig=$2
	if [ "$RC" = 0 ] && [ -n "$SFILE" ] &&
		seal_strip_delivered "$SFILE" | cmp -s - <(tr -d '\r' <"$orig"); then
		ok "$name"
	else
		not_ok "$name: exit $RC ($(head -c 200 "$LASTOUT")), content differs"
		[ -n "$SFILE" ] && diff <(tr -d '\r' <"$orig") <(seal_strip_delivered "$SFILE") |
			head -n 10 | seal_mask_filter | sed 's/^/# /'
	fi
}

sink_send lf "$tmp/m1.eml" case@kommune.example a@citizen.example \
	b@citizen.example c@partner.example
sink_same "sink: LF message with dots, long lines, UTF-8 arrives intact" "$tmp/m1.eml"
if [ -n "$SFILE" ] && grep -qx 'X-Rcpt-Args: <a@citizen.example>' "$SFILE" &&
	grep -qx 'X-Rcpt-Args: <b@citizen.example>' "$SFILE" &&
	grep -qx 'X-Rcpt-Args: <c@partner.example>' "$SFILE" &&
	[ "$(grep -c '^X-Rcpt-Args:' "$SFILE")" = 3 ] &&
	grep -qx 'X-Mail-Args: <case@kommune.example>' "$SFILE"; then
	ok "sink: sender and all 3 recipients in the envelope"
else
	not_ok "sink: envelope: got '$(grep '^X-' "$SFILE" 2>/dev/null | tr '\n' ' ')', want sender and 3 recipients"
fi

sink_send crlf "$tmp/m1-crlf.eml" case@kommune.example a@citizen.example
sink_same "sink: CRLF message arrives the same" "$tmp/m1.eml"

sink_send null "$tmp/m1.eml" "" a@citizen.example
sink_same "sink: null sender accepted" "$tmp/m1.eml"
if [ -n "$SFILE" ] && grep -qx 'X-Mail-Args: <>' "$SFILE"; then
	ok "sink: null sender sent as MAIL FROM:<>"
else
	not_ok "sink: null sender: got '$(grep '^X-Mail-Args' "$SFILE" 2>/dev/null)', want 'X-Mail-Args: <>'"
fi

sink_send big "$tmp/m5.eml" case@kommune.example a@citizen.example
sink_same "sink: 3 MB message (partial writes) arrives intact" "$tmp/m5.eml"
diag "3 MB message to smtp-sink: $MS ms"

# ---------------------------------------------------------------- exact bytes

listener "capture:$tmp/captured"
n=0
for m in m1 m1-crlf m2 m3 m4 m5; do
	n=$((n + 1))
	rm -f "$tmp/captured"
	run "$tmp/cap$n.out" -t 10 "127.0.0.1:$LPORT" s@kommune.example r@citizen.example \
		<"$tmp/$m.eml"
	wire_form "$tmp/$m.eml" >"$tmp/want$n"
	if [ "$RC" = 0 ] && cmp -s "$tmp/want$n" "$tmp/captured"; then
		ok "wire: $m.eml sent as CRLF, dot-stuffed, ended by CRLF.CRLF"
	else
		not_ok "wire: $m.eml: exit $RC, bytes on the wire differ from the expected form"
		cmp "$tmp/want$n" "$tmp/captured" 2>&1 | sed 's/^/# /'
	fi
done
if grep -qx 'queued as TESTQ1' "$tmp/cap1.out"; then
	ok "queue ID taken from the final reply"
else
	not_ok "queue ID: got '$(cat "$tmp/cap1.out")', want 'queued as TESTQ1'"
fi
seal_stop_pid "$LPID" 20

# ---------------------------------------------------------------- failures

# Nothing listening: refused at once.
NPORT=$(seal_free_port 9) || bail_out "no free port"
run "$tmp/refused.out" -t 3 "127.0.0.1:$NPORT" s@kommune.example r@citizen.example <"$tmp/m2.eml"
expect_err "nothing listening: error" "$tmp/refused.out" "^error i/o error:.*connect: Connection refused"
if [ "$MS" -lt 5000 ]; then ok "nothing listening: gave up in $MS ms (timeout 3 s)"
else not_ok "nothing listening: took $MS ms, want < 5000"; fi

# A listener that never answers: the per-step timeout ends it.
listener silent
run "$tmp/silent.out" -t 2 "127.0.0.1:$LPORT" s@kommune.example r@citizen.example <"$tmp/m2.eml"
expect_err "silent listener: timeout error" "$tmp/silent.out" "timeout after 2 s waiting for a reply"
# The upper bound only proves the timeout ended the wait (the listener
# never answers); it is wide because a loaded machine delays the process.
if [ "$MS" -ge 1900 ] && [ "$MS" -lt 15000 ]; then
	ok "silent listener: gave up after $MS ms (timeout 2 s)"
else
	not_ok "silent listener: took $MS ms, want 2000..15000"
fi
seal_stop_pid "$LPID" 20

listener reply421
run "$tmp/421.out" -t 5 "127.0.0.1:$LPORT" s@kommune.example r@citizen.example <"$tmp/m2.eml"
expect_err "421 greeting: temporary error" "$tmp/421.out" "greeting refused \(temporary\): 421 "
seal_stop_pid "$LPID" 20

listener reply550-rcpt
run "$tmp/550.out" -t 5 "127.0.0.1:$LPORT" s@kommune.example first@citizen.example \
	second@citizen.example <"$tmp/m1.eml"
expect_err "550 at second RCPT: error names recipient 2" "$tmp/550.out" \
	"recipient 2 of 2 <second@citizen\.example> refused \(permanent\): 550 "
sleep 0.2
got=$(tr '\n' ' ' <"$LLOG")
if [ "$got" = "EHLO MAIL RCPT RCPT RSET QUIT " ]; then
	ok "550 at second RCPT: no DATA sent, transaction reset"
else
	not_ok "550 at second RCPT: listener saw '$got', want 'EHLO MAIL RCPT RCPT RSET QUIT '"
fi
if grep -qE 'Subject|dots|Blåbær' "$tmp/550.out"; then
	not_ok "550 at second RCPT: error text carries message content"
else
	ok "550 at second RCPT: error text carries no message content"
fi
seal_stop_pid "$LPID" 20

listener reject-data
run "$tmp/554.out" -t 5 "127.0.0.1:$LPORT" s@kommune.example r@citizen.example <"$tmp/m1.eml"
expect_err "554 after DATA: permanent error" "$tmp/554.out" "end of DATA refused \(permanent\): 554 "
seal_stop_pid "$LPID" 20

listener helo-only
run "$tmp/helo.out" -t 5 "127.0.0.1:$LPORT" s@kommune.example r@citizen.example <"$tmp/m1.eml"
got=$(head -n 2 "$LLOG" | tr '\n' ' ')
if [ "$RC" = 0 ] && grep -qx 'queued as TESTQ1' "$tmp/helo.out" && [ "$got" = "EHLO HELO " ]; then
	ok "EHLO refused with 5xx: falls back to HELO and delivers"
else
	not_ok "HELO fallback: exit $RC, output '$(cat "$tmp/helo.out")', listener '$got'; want 0, queued as TESTQ1, 'EHLO HELO '"
fi
seal_stop_pid "$LPID" 20

for mode in garbage mixed-codes longline; do
	listener "$mode"
	run "$tmp/$mode.out" -t 5 "127.0.0.1:$LPORT" s@kommune.example r@citizen.example <"$tmp/m2.eml"
	expect_err "$mode reply: protocol error" "$tmp/$mode.out" "^error i/o error:.*protocol error"
	seal_stop_pid "$LPID" 20
done

# Addresses that could inject commands are refused before connecting.
run "$tmp/inject.out" -t 2 "127.0.0.1:$NPORT" s@kommune.example $'r@x\r\nDATA' <"$tmp/m2.eml"
expect_err "recipient with CRLF refused as usage error" "$tmp/inject.out" \
	"^error usage error: reinject: recipient 1 of 1 is not a usable address"

# ---------------------------------------------------------------- sanitizers

if cat "$tmp"/stderr.* 2>/dev/null | grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:'; then
	not_ok "no sanitizer reports from the tool"
	cat "$tmp"/stderr.* | head -n 30 | sed 's/^/# /'
else
	ok "no sanitizer reports from the tool ($NRUN runs)"
fi

done_testing
[ "$SEAL_TAP_FAILED" = 0 ]
