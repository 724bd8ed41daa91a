#!/bin/bash
# t-sealctl-store.sh - the compliance officer's side of sealctl against a
# real SQLite store: `quarantine list/show/release/refuse/delete`,
# `audit search/verify` and `purge`. The store is filled through its own
# interface by tests/tools/seal_store_tool (as the daemon would), and a
# throwaway smtp-sink stands in for the reinjection listener, so released
# messages and refusal notices are checked where they arrive. No identity
# number may appear in clear in anything sealctl prints. Output: TAP.
#
# Needs root (smtp-sink -u root), python3, sqlite3, smtp-sink.

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
CTL=$top_builddir/ctl/sealctl
TOOL=$top_builddir/tests/tools/seal_store_tool
export PATH="$PATH:/usr/sbin:/sbin"

for prog in python3 sqlite3 smtp-sink ss; do
	command -v $prog >/dev/null 2>&1 || { echo "Bail out! $prog not installed"; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "Bail out! needs root (smtp-sink -u root)"; exit 1; }
[ -x "$CTL" ] || { echo "Bail out! $CTL not built"; exit 1; }
[ -x "$TOOL" ] || { echo "Bail out! $TOOL not built"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/t-sealctl-store.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
SINK_PID=""
cleanup() {
	[ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

n=0
fails=0
ok() {	# ok STATUS DESCRIPTION [DIAG]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		# Diagnostics masked too: a leak must not spread into the test log.
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed -E 's/[0-9]{6}-?[0-9]{4}/NNNNNN-NNNN/g; s/^/# /'
		fails=$((fails + 1))
	fi
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Identity numbers: valid Danish CPR (stored), another valid one (never
# stored), a Swedish one, and one with an impossible date.
N1=070761-4285
N2=010203-1239
N3=19900101-0017
BAD=320161-4285
# in_clear TEXT: 0 when TEXT holds N1 or N3 in clear (with or without separator).
in_clear() {
	grep -q -e "$N1" -e "${N1//-/}" -e "$N3" -e "${N3//-/}" <<<"$1"
}

PORT=$(free_port)
DEAD_PORT=$(free_port)
head -c 32 /dev/urandom >"$T/fp.key" && chmod 600 "$T/fp.key"
mkdir -p "$T/sink"
conf() {	# conf FILE LANGUAGE REINJECT_PORT
	cat >"$1" <<CONF
store = sqlite:$T/seal.db
quarantine_dir = $T/quarantine
fingerprint_key_file = $T/fp.key
reinject_to = 127.0.0.1:$3
reinject_timeout = 5
language = $2
audit_retention = 180
quarantine_retention = 30
CONF
}
conf "$T/s.conf" en "$PORT"
conf "$T/da.conf" da "$PORT"
conf "$T/dead.conf" en "$DEAD_PORT"
C="$T/s.conf"

# msg NAME: a message with N1 in Subject, body and an attachment's file name.
msg() {
	cat >"$T/$1.eml" <<MSG
From: Sagsbehandler <case@kommune.example>
To: Borger <bob@citizen.example>
Subject: Sag om CPR $N1
Date: Tue, 24 Nov 2026 08:00:00 +0100
Message-ID: <$1@kommune.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Bodytext-$1: borgerens cpr-nummer er $N1.
--b1
Content-Type: application/pdf; name="scan-$N1.pdf"
Content-Disposition: attachment; filename="scan-$N1.pdf"

%PDF-1.4 not really
--b1--
MSG
	echo "$T/$1.eml"
}

# sink_files MSGID: sink files holding this Message-ID.
sink_files() {
	grep -l -F -- "<$1@kommune.example>" "$T"/sink/* 2>/dev/null
}
sink_count() {
	sink_files "$1" | wc -l
}
# sink_idle: up to 10 s until no SMTP session to the sink is open, so that
# everything sealctl sent has arrived: then a count of 1 means "once", where
# a fixed sleep only hoped for that.
sink_idle() {
	for _ in $(seq 1 50); do
		[ -z "$(ss -Htn state established "( dport = :$PORT or sport = :$PORT )" 2>/dev/null)" ] &&
			return 0
		sleep 0.2
	done
	echo "# the sink still has an open session"
	return 1
}
# wait_sink MSGID: up to 10 s for the message to arrive.
wait_sink() {
	for _ in $(seq 1 50); do
		[ "$(sink_count "$1")" -ge 1 ] && return 0
		sleep 0.2
	done
	return 1
}
json() {	# json TEXT PYTHON-ASSERTIONS (d = the parsed document)
	python3 -c "import json, sys
d = json.loads(sys.argv[1])
$2" "$1"
}

smtp-sink -u root -d "$T/sink/%M." "127.0.0.1:$PORT" 10 >"$T/sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 1 50); do
	(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
	sleep 0.2
done

# ---------------------------------------------------------------- fill the store

# Back-dated records first: a purge removes the oldest part of the chain.
OLD1=$("$TOOL" audit -d 400 "$C" old@kommune.example x@citizen.example encrypt-smime "$N1")
OLD2=$("$TOOL" audit -d 300 "$C" old@kommune.example x@citizen.example hold "$N1")
RA=$("$TOOL" audit "$C" alice@kommune.example bob@citizen.example encrypt-smime "$N1")
RB=$("$TOOL" audit "$C" carol@kommune.example dave@other.example refuse "$N3")
[ -n "$OLD1" ] && [ -n "$OLD2" ] && [ -n "$RA" ] && [ -n "$RB" ]
ok $? "seal_store_tool appends audit records" "$OLD1 $OLD2 $RA $RB"

H1=$("$TOOL" hold -a asmith "$C" "$(msg h1)" alice@kommune.example bob@citizen.example ann@citizen.example)
H2=$("$TOOL" hold "$C" "$(msg h2)" Carol.Jensen@kommune.example x@citizen.example)
H3=$("$TOOL" hold "$C" "$(msg h3)" dan@kommune.example y@citizen.example)
H4=$("$TOOL" hold "$C" "$(msg h4)" erik@kommune.example z@citizen.example)
H5=$("$TOOL" hold "$C" "$(msg h5)" finn@kommune.example w@citizen.example)
H6=$("$TOOL" hold "$C" "$(msg h6)" gert@kommune.example v@citizen.example)
H7=$("$TOOL" hold "$C" "$(msg h7)" hans@kommune.example u@citizen.example)
H8=$("$TOOL" hold "$C" "$(msg h8)" ib@kommune.example t@citizen.example)
[ -n "$H1" ] && [ -n "$H8" ]
ok $? "seal_store_tool holds messages"

# ---------------------------------------------------------------- list, show

out=$("$CTL" -c "$C" quarantine list 2>&1)
rc=$?
[ $rc -eq 0 ] && grep -q -- "$H1" <<<"$out" && grep -q '^ID .*HELD .*SENDER .*RECIPIENTS .*SIZE .*REASON' <<<"$out" \
	&& [ "$(grep -c 'citizen.example' <<<"$out")" -eq 8 ] && ! in_clear "$out"
ok $? "list: a table of the 8 held messages, no number in clear" "$rc: $out"
out=$("$CTL" -c "$C" quarantine list --sender ALICE@kommune.example --json)
json "$out" "assert [h['id'] for h in d] == ['$H1'], d
assert d[0]['recipients'] == ['bob@citizen.example', 'ann@citizen.example'], d
assert d[0]['state'] == 'held' and d[0]['size'] > 0 and 'XXXX' in d[0]['subject'], d"
ok $? "list --sender --json: exactly that sender's message, as JSON" "$out"
out=$("$CTL" -c "$C" quarantine list --recipient x@citizen.example --json)
json "$out" "assert [h['id'] for h in d] == ['$H2'], d"
ok $? "list --recipient" "$out"
tomorrow=$(date -d tomorrow +%F)
yesterday=$(date -d yesterday +%F)
a=$("$CTL" -c "$C" quarantine list --since "$tomorrow" --json)
b=$("$CTL" -c "$C" quarantine list --until "$yesterday" --json)
c=$("$CTL" -c "$C" quarantine list --since "$(date +%F)" --until "$(date +%F)" --reason 'NO KEY' --json)
json "$a" "assert d == []" && json "$b" "assert d == []" && json "$c" "assert len(d) == 8"
ok $? "list --since/--until/--reason" "$a $b $c"
"$CTL" -c "$C" quarantine list --since 2026-02-30 >/dev/null 2>&1
ok $(( $? != 64 )) "list --since with an impossible date: exit 64"

out=$("$CTL" -c "$C" quarantine show "$H1" 2>&1)
rc=$?
[ $rc -eq 0 ] && grep -q "Subject: Sag om CPR 070761-XXXX" <<<"$out" \
	&& grep -q 'application/pdf (attachment) "scan-070761-XXXX.pdf"' <<<"$out" \
	&& grep -q 'Message-ID: <h1@kommune.example>' <<<"$out" && grep -q 'Auth user: *asmith' <<<"$out" \
	&& ! grep -q 'Bodytext' <<<"$out" && ! in_clear "$out"
ok $? "show: header fields and MIME structure masked, never the body" "$rc: $out"
out=$("$CTL" -c "$C" quarantine show --json "$H1")
json "$out" "assert d['held']['id'] == '$H1'
assert [p['content_type'] for p in d['mime']] == ['multipart/mixed', 'text/plain', 'application/pdf'], d
assert {h['name']: h['value'] for h in d['headers']}['Subject'] == 'Sag om CPR 070761-XXXX', d
assert d['mime'][2]['filename'] == 'scan-070761-XXXX.pdf', d" && ! in_clear "$out" && ! grep -q Bodytext <<<"$out"
ok $? "show --json: headers and parts, masked, no body" "$out"
"$CTL" -c "$C" quarantine show NoSuchId123 >/dev/null 2>&1
ok $(( $? != 66 )) "show of an unknown ID: exit 66"

# ---------------------------------------------------------------- release

for who in ALICE alice@kommune.example asmith; do
	err=$("$CTL" -c "$C" quarantine release "$H1" --reason ok --officer "$who" 2>&1)
	rc=$?
	[ $rc -eq 77 ] && grep -q 'cannot release' <<<"$err" && [ "$(sink_count h1)" -eq 0 ]
	ok $? "release by the sender himself ($who): exit 77, nothing sent" "$rc: $err"
done
err=$(SUDO_USER=alice "$CTL" -c "$C" quarantine release "$H1" --reason ok 2>&1)
ok $(( $? != 77 )) "release: the officer defaults to \$SUDO_USER (the sender here): exit 77" "$err"
"$CTL" -c "$C" quarantine release "$H1" --officer bob >/dev/null 2>&1
ok $(( $? != 64 )) "release without --reason: exit 64"

out=$("$CTL" -c "$C" quarantine release "$H1" --reason "checked, see $N1" --officer bob 2>&1)
rc=$?
wait_sink h1
f=$(sink_files h1)
[ $rc -eq 0 ] && [ "$(sink_count h1)" -eq 1 ] && grep -q '^X-Mail-Args: <alice@kommune.example>' "$f" \
	&& grep -q '^X-Rcpt-Args: <bob@citizen.example>' "$f" && grep -q '^X-Rcpt-Args: <ann@citizen.example>' "$f" \
	&& grep -q "Bodytext-h1" "$f" && ! in_clear "$out"
ok $? "release: delivered once, from the sender to both held recipients" "$rc: $out"
err=$("$CTL" -c "$C" quarantine release "$H1" --reason again --officer carl 2>&1)
rc=$?
sink_idle
[ $rc -eq 69 ] && grep -q 'not held any more' <<<"$err" && [ "$(sink_count h1)" -eq 1 ]
ok $? "a second release: exit 69 'not held any more', still one copy" "$rc: $err"
out=$("$CTL" -c "$C" quarantine list --all --json)
json "$out" "h = [x for x in d if x['id'] == '$H1'][0]
assert h['state'] == 'released' and h['officer'] == 'bob', h
assert h['officer_reason'] == 'checked, see 070761-XXXX', h"
ok $? "list --all: released, by bob, reason masked" "$out"
out=$("$CTL" -c "$C" quarantine show "$H1")
grep -q 'Content: *removed' <<<"$out"
ok $? "release drops the stored content" "$out"

# Two officers at once: exactly one wins, the message leaves once.
"$CTL" -c "$C" quarantine release "$H4" --reason race --officer bob >"$T/r1" 2>&1 &
p1=$!
"$CTL" -c "$C" quarantine release "$H4" --reason race --officer eve >"$T/r2" 2>&1 &
p2=$!
wait $p1; rc1=$?
wait $p2; rc2=$?
wait_sink h4
sink_idle
[ $((rc1 + rc2)) -eq 69 ] && [ $((rc1 * rc2)) -eq 0 ] && [ "$(sink_count h4)" -eq 1 ]
ok $? "two racing releases: one exit 0, one exit 69, one copy" "$rc1 $rc2 $(cat "$T/r1" "$T/r2")"

# The listener is down: the message stays "releasing"; --resume finishes it once.
err=$("$CTL" -c "$T/dead.conf" quarantine release "$H5" --reason "ok" --officer bob 2>&1)
rc=$?
st=$("$CTL" -c "$C" quarantine list --all --json)
[ $rc -eq 75 ] && grep -q 'stays "releasing"' <<<"$err" && grep -q -- '--resume' <<<"$err" \
	&& json "$st" "assert [x['state'] for x in d if x['id'] == '$H5'] == ['releasing']"
ok $? "release with the listener down: exit 75, stays releasing, says --resume" "$rc: $err"
err=$("$CTL" -c "$C" quarantine release "$H5" --reason "ok" --officer carl 2>&1)
ok $(( $? != 69 )) "release of a releasing message without --resume: exit 69" "$err"
out=$("$CTL" -c "$C" quarantine release "$H5" --resume --officer bob 2>&1)
rc=$?
wait_sink h5
sink_idle
[ $rc -eq 0 ] && [ "$(sink_count h5)" -eq 1 ]
ok $? "release --resume: delivered once" "$rc: $out"

# Sent, but the store did not record it (a crash in the window): --mark-sent
# records "released" without sending again.
"$CTL" -c "$C" quarantine release "$H8" --mark-sent --officer bob >/dev/null 2>&1
ok $(( $? != 69 )) "release --mark-sent of a message still held: exit 69"
sqlite3 "$T/seal.db" "UPDATE held SET state = 'releasing' WHERE id = '$H8'"
out=$("$CTL" -c "$C" quarantine release "$H8" --mark-sent --officer bob 2>&1)
rc=$?
sink_idle
st=$("$CTL" -c "$C" quarantine list --all --json)
[ $rc -eq 0 ] && [ "$(sink_count h8)" -eq 0 ] \
	&& json "$st" "assert [x['state'] for x in d if x['id'] == '$H8'] == ['released']"
ok $? "release --mark-sent of a releasing message: released, nothing sent" "$rc: $out"

# ---------------------------------------------------------------- refuse, delete

out=$("$CTL" -c "$C" quarantine refuse "$H2" --reason "wrong recipient for $N1" --officer bob 2>&1)
rc=$?
notice=""
for _ in $(seq 1 50); do
	notice=$(grep -l '^X-Rcpt-Args: <Carol.Jensen@kommune.example>' "$T"/sink/* 2>/dev/null | head -n 1)
	[ -n "$notice" ] && break
	sleep 0.2
done
[ $rc -eq 0 ] && [ -n "$notice" ] && grep -q '^X-Mail-Args: <>' "$notice" \
	&& grep -q 'Your e-mail to x@citizen.example (held on .*) was refused by a compliance officer' "$notice" \
	&& grep -q 'Reason: wrong recipient for 070761-XXXX' "$notice" \
	&& ! in_clear "$(cat "$notice")" && [ "$(sink_count h2)" -eq 0 ]
ok $? "refuse: the sender gets a notice from <>, number masked, message not delivered" \
	"$rc: $out $(cat "$notice" 2>/dev/null)"
out=$("$CTL" -c "$T/da.conf" quarantine refuse "$H7" --reason "forkert modtager" --officer bob 2>&1)
rc=$?
notice=""
for _ in $(seq 1 50); do
	notice=$(grep -l '^X-Rcpt-Args: <hans@kommune.example>' "$T"/sink/* 2>/dev/null | head -n 1)
	[ -n "$notice" ] && break
	sleep 0.2
done
[ $rc -eq 0 ] && [ -n "$notice" ] && grep -q 'er blevet afvist af en compliance-medarbejder' "$notice" \
	&& grep -q 'Begrundelse: forkert modtager' "$notice"
ok $? "refuse with language = da: a Danish notice" "$rc: $out"
"$CTL" -c "$C" quarantine release "$H2" --reason x --officer bob >/dev/null 2>&1
ok $(( $? != 69 )) "release of a refused message: exit 69"

out=$("$CTL" -c "$C" quarantine delete "$H3" --officer bob --json 2>&1)
rc=$?
sink_idle
[ $rc -eq 0 ] && json "$out" "assert d['state'] == 'deleted' and d['officer'] == 'bob', d" \
	&& [ "$(sink_count h3)" -eq 0 ] && ! grep -q -l '<dan@kommune.example>' "$T"/sink/* 2>/dev/null
ok $? "delete: deleted, nobody notified" "$rc: $out"
"$CTL" -c "$C" quarantine delete "$H3" --officer bob >/dev/null 2>&1
ok $(( $? != 69 )) "delete twice: exit 69"

# ---------------------------------------------------------------- audit search

out=$("$CTL" -c "$C" audit search --action release --json)
json "$out" "
d = [r for r in d if r['detail'].startswith('held=$H1 ')]
assert len(d) == 1, d
r = d[0]
assert r['action'] == 'release' and r['sender'] == 'alice@kommune.example', r
assert [x['address'] for x in r['recipients']] == ['bob@citizen.example', 'ann@citizen.example'], r
assert ' officer=bob ' in r['detail'] and r['detail'].endswith('reason=checked, see 070761-XXXX'), r" \
	&& ! in_clear "$out"
ok $? "audit: the release is recorded with officer and masked reason" "$out"
out=$("$CTL" -c "$C" audit search --action refuse --json)
json "$out" "
ids = [r['id'] for r in d]
assert $RB in ids and any(r['detail'].startswith('held=$H2 ') for r in d), d
assert all(r['action'] == 'refuse' or any(x['action'] == 'refuse' for x in r['recipients']) for r in d), d"
ok $? "audit search --action refuse: the daemon's and the officer's refusals" "$out"
out=$("$CTL" -c "$C" audit search --action delete --json)
json "$out" "assert [r['detail'].split()[0] for r in d] == ['held=$H3'], d"
ok $? "audit search --action delete" "$out"
out=$("$CTL" -c "$C" audit search --sender Alice@Kommune.example --json)
json "$out" "ids = [r['id'] for r in d]
assert $RA in ids and $RB not in ids, ids"
ok $? "audit search --sender (case-insensitive)" "$out"
out=$("$CTL" -c "$C" audit search --recipient dave@other.example --json)
json "$out" "assert [r['id'] for r in d] == [$RB], d"
ok $? "audit search --recipient" "$out"
out=$("$CTL" -c "$C" audit search --until "$(date -d '350 days ago' +%F)" --json)
json "$out" "assert sorted(r['id'] for r in d) == [$OLD1], d"
ok $? "audit search --until: only the record from 400 days ago" "$out"
out=$("$CTL" -c "$C" audit search --since "$(date -d '350 days ago' +%F)" --until "$(date -d '250 days ago' +%F)" --json)
json "$out" "assert [r['id'] for r in d] == [$OLD2], d"
ok $? "audit search --since --until" "$out"
out=$("$CTL" -c "$C" audit search --limit 2 --json 2>/dev/null)
json "$out" "assert len(d) == 2 and d[0]['time'] >= d[1]['time'], d"
ok $? "audit search --limit: the newest first" "$out"

out=$(printf '%s\n' "$N1" | "$CTL" -c "$C" audit search --id 2>&1)
rc=$?
[ $rc -eq 0 ] && grep -q 'dk-cpr 070761-XXXX' <<<"$out" && ! in_clear "$out" \
	&& grep -q '^ID .*TIME .*QUEUE-ID .*SENDER .*ACTION .*CLASS .*KINDS .*FINGERPRINTS .*RECIPIENTS' <<<"$out" \
	&& grep -Eq "^$RA +.* [0-9a-f]{16} +bob@citizen.example:encrypt-smime" <<<"$out"
ok $? "audit search --id: found, number masked, fingerprint cut to 16 hex" "$rc: $out"
out=$(printf '%s\n' "${N1//-/}" | "$CTL" -c "$C" audit search --id - --json)
json "$out" "assert sorted(r['id'] for r in d) == sorted([$OLD1, $OLD2, $RA]), d
assert all(len(f) == 64 for r in d for f in r['fingerprints']), d"
ok $? "audit search --id without separator: the same records, full fingerprints in JSON" "$out"
out=$(printf '%s\n' "$N3" | "$CTL" -c "$C" audit search --json --id=-)
json "$out" "assert [r['id'] for r in d] == [$RB], d"
ok $? "audit search --id of a Swedish number" "$out"
out=$(printf '%s\n' "$N2" | "$CTL" -c "$C" audit search --id --json)
json "$out" "assert d == [], d"
ok $? "audit search --id of another valid number finds nothing" "$out"
err=$(printf '%s\n' "$BAD" | "$CTL" -c "$C" audit search --id 2>&1)
rc=$?
[ $rc -eq 65 ] && grep -q 'not a valid identity number: .*date' <<<"$err" && ! grep -q -e "$BAD" -e "${BAD//-/}" <<<"$err"
ok $? "audit search --id of an invalid number: exit 65 naming why, not echoing it" "$rc: $err"
echo 12345 | "$CTL" -c "$C" audit search --id >/dev/null 2>&1
ok $(( $? != 65 )) "audit search --id with too few digits: exit 65"

# Issue 15 item 9: the number never in argv. On the command line it is
# refused (exit 64) without being echoed; several lines search for each.
for form in "--id $N1" "--id=$N1" "--json --id $N1 --limit 5" "--id - $N1"; do
	# shellcheck disable=SC2086 # the form is split into words on purpose
	err=$("$CTL" -c "$C" audit search $form </dev/null 2>&1)
	rc=$?
	[ $rc -eq 64 ] && grep -q 'must not be given on the command line' <<<"$err" \
		&& grep -q 'sealctl audit search --id -' <<<"$err" && ! in_clear "$err"
	ok $? "audit search $(sed "s/$N1/NUMBER/" <<<"$form"): refused, pointing to stdin, number not echoed" "$rc: $err"
done
out=$(printf '# numbers to look for\n%s\n\n%s\n' "$N1" "$N3" | "$CTL" -c "$C" audit search --id - --json)
json "$out" "assert sorted(r['id'] for r in d) == sorted([$OLD1, $OLD2, $RA, $RB]), d"
ok $? "audit search --id -: one number per line, comments and blank lines skipped, results merged" "$out"
err=$("$CTL" -c "$C" audit search --id </dev/null 2>&1)
ok $(( $? != 65 )) "audit search --id with empty standard input: exit 65" "$err"
# A terminal: the prompt goes to stderr and the typed number is not echoed.
out=$(python3 - "$CTL" "$C" "$N1" <<'PY'
import os, pty, sys, time
ctl, conf, number = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.execv(ctl, [ctl, "-c", conf, "audit", "search", "--id", "--json"])
buf = b""
def drain(until, secs=20):
    global buf
    end = time.time() + secs
    while until not in buf and time.time() < end:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
drain(b"(not shown): ")
time.sleep(0.2)
os.write(fd, number.encode() + b"\n")
drain(b"\x00never")
_, status = os.waitpid(pid, 0)
text = buf.decode("utf-8", "replace")
print(text)
sys.exit(0 if os.WEXITSTATUS(status) == 0 and number not in text
         and number.replace("-", "") not in text and '"fingerprints"' in text else 1)
PY
)
ok $? "audit search --id on a terminal: prompt, number not echoed, records found" "$out"

out=$("$CTL" -c "$C" audit search --csv)
python3 - "$out" "$RA" <<'PY'
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
ra = [r for r in rows if r["id"] == sys.argv[2]]
assert len(ra) == 1, rows
r = ra[0]
assert r["sender"] == "alice@kommune.example" and r["action"] == "encrypt-smime", r
assert r["recipients"] == "bob@citizen.example:encrypt-smime", r
assert len(r["fingerprints"]) == 64 and len(r["hash"]) == 64, r
assert int(r["time"]) > 0 and r["class"] == "confidential", r
PY
ok $? "audit search --csv parses, one row per record" "$out"
"$CTL" -c "$C" audit search --json --csv >/dev/null 2>&1
ok $(( $? != 64 )) "--json and --csv together: exit 64"

# --no-selftest: a self-test as sealctl selftest leaves it in the log (the
# daemon's refusal of the reserved canary number, then a "selftest" record
# naming that record), and a failed one whose canary left no record
# (canary=0). RD, an ordinary refusal, is older than all three, so a
# --limit 2 that counted the self-test's records would show none of RD.
CANARY=010170-0100
RD=$("$TOOL" audit "$C" erin@kommune.example dave@other.example refuse "$N3")
RC1=$("$TOOL" audit "$C" "" canary@selftest.example refuse "$CANARY")
RS1=$("$TOOL" audit -c "" -D "canary=$RC1 result=refused held_deleted=0" "$C" "" \
	canary@selftest.example selftest)
RS2=$("$TOOL" audit -c "" -D "canary=0 result=fail held_deleted=0" "$C" "" \
	canary@selftest.example selftest)
all=$("$CTL" -c "$C" audit search --limit 0 --json)
json "$all" "ids = [r['id'] for r in d]
assert all(i in ids for i in [$RD, $RC1, $RS1, $RS2]), ids"
ok $? "audit search: the self-test's records are there by default" "$RD $RC1 $RS1 $RS2 $all"
out=$("$CTL" -c "$C" audit search --no-selftest --limit 0 --json)
ALL=$all json "$out" "import os
ids = [r['id'] for r in d]
every = [r['id'] for r in json.loads(os.environ['ALL'])]
assert sorted(ids) == sorted(i for i in every if i not in [$RC1, $RS1, $RS2]), (ids, every)
assert $RA in ids and $RD in ids, ids"
ok $? "audit search --no-selftest: the canary's and the selftest records left out, all others kept" "$out"
out=$("$CTL" -c "$C" audit search --no-selftest --action refuse --json)
json "$out" "ids = [r['id'] for r in d]
assert $RD in ids and $RB in ids and $RC1 not in ids, ids"
ok $? "audit search --no-selftest --action refuse: the canary's refusal left out" "$out"
out=$("$CTL" -c "$C" audit search --no-selftest --limit 2 --json 2>/dev/null)
json "$out" "assert [r['id'] for r in d][:1] == [$RD] and len(d) == 2, d
assert not set(r['id'] for r in d) & {$RC1, $RS1, $RS2}, d"
ok $? "audit search --no-selftest --limit 2: the 2 newest records that are no self-test" "$out"
out=$(printf '%s\n' "$CANARY" | "$CTL" -c "$C" audit search --id - --json)
none=$(printf '%s\n' "$CANARY" | "$CTL" -c "$C" audit search --id - --no-selftest --json)
json "$out" "assert [r['id'] for r in d] == [$RC1], d" && json "$none" "assert d == [], d"
ok $? "audit search --id of the canary number: its record, none with --no-selftest" "$out $none"
out=$("$CTL" -c "$C" audit search --no-selftest --limit 0 --csv)
python3 - "$out" "$all" "$RC1" "$RS1" "$RS2" <<'PY'
import csv, io, json, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
every = [str(r["id"]) for r in json.loads(sys.argv[2])]
skipped = set(sys.argv[3:6])
assert sorted(r["id"] for r in rows) == sorted(i for i in every if i not in skipped), rows
assert not any(r["action"] == "selftest" for r in rows), rows
PY
ok $? "audit search --no-selftest --csv: the same rows without the self-test's" "$out"

# ---------------------------------------------------------------- verify

out=$("$CTL" -c "$C" audit verify)
rc=$?
total=$(sqlite3 "$T/seal.db" 'SELECT count(*) FROM audit')
[ $rc -eq 0 ] && [ "$out" = "ok: $total records" ]
ok $? "audit verify: ok: $total records" "$rc: $out"
orig=$(sqlite3 "$T/seal.db" "SELECT sender FROM audit WHERE id = $RA")
sqlite3 "$T/seal.db" "UPDATE audit SET sender = 'mallory@evil.example' WHERE id = $RA"
out=$("$CTL" -c "$C" audit verify)
rc=$?
[ $rc -eq 1 ] && grep -q "^broken: record $RA: " <<<"$out"
ok $? "audit verify catches an edited row, naming it: exit 1" "$rc: $out"
out=$("$CTL" -c "$C" audit verify --json)
json "$out" "assert d['ok'] is False and d['first_bad_id'] == $RA, d"
ok $? "audit verify --json" "$out"
sqlite3 "$T/seal.db" "UPDATE audit SET sender = '$orig' WHERE id = $RA"
"$CTL" -c "$C" audit verify >/dev/null
ok $? "audit verify: ok again once the row is restored"

# ---------------------------------------------------------------- purge

sqlite3 "$T/seal.db" "UPDATE held SET time = time - 40 * 86400 WHERE id = '$H6'"
out=$("$CTL" -c "$C" purge)
rc=$?
[ $rc -eq 0 ] && grep -q '^purged 2 audit records (older than 180 days: .*) and 1 held message (older than 30 days' <<<"$out"
ok $? "purge with the configured retention: the 2 old records and the old held message" "$rc: $out"
out=$("$CTL" -c "$C" audit verify)
ok $? "audit verify after the purge: still ok" "$out"
out=$(printf '%s\n' "$N1" | "$CTL" -c "$C" audit search --id --json)
json "$out" "assert [r['id'] for r in d] == [$RA], d"
ok $? "the purged records are gone, the others stay" "$out"
out=$("$CTL" -c "$C" quarantine list --all --json)
json "$out" "ids = [h['id'] for h in d]
assert '$H6' not in ids and '$H1' in ids, ids"
ok $? "the purged held message is gone" "$out"
out=$("$CTL" -c "$C" purge --audit-days 1 --quarantine-days 1 --json)
json "$out" "assert d['audit'] == 0 and d['held'] == 0, d"
ok $? "purge --audit-days --quarantine-days --json: nothing more to remove" "$out"
"$CTL" -c "$C" purge --audit-days 0 >/dev/null 2>&1
ok $(( $? != 64 )) "purge --audit-days 0: exit 64"

# ---------------------------------------------------------------- errors

touch "$T/afile"
sed "s#^store = .*#store = sqlite:$T/afile/seal.db#" "$C" >"$T/gone.conf"
err=$("$CTL" -c "$T/gone.conf" quarantine list 2>&1)
rc=$?
[ $rc -eq 75 ] && grep -q 'store sqlite:.* not reachable: ' <<<"$err"
ok $? "a store that cannot be opened: exit 75 with a clear message" "$rc: $err"
err=$("$CTL" -c "$T/gone.conf" audit verify 2>&1)
ok $(( $? != 75 )) "audit verify on that store: exit 75" "$err"
sed "s#^store = .*#store = postgresql://sealuser:s3cret@127.0.0.1:$DEAD_PORT/seal#" "$C" >"$T/pg.conf"
err=$("$CTL" -c "$T/pg.conf" audit search 2>&1)
rc=$?
[ $rc -eq 75 ] && ! grep -q 's3cret' <<<"$err"
ok $? "an unreachable PostgreSQL store: exit 75, the password not shown" "$rc: $err"
err=$( { "$CTL" -c "$C" quarantine show "${N1//-/}"; "$CTL" -c "$C" quarantine delete "$H8" --officer "$N1"
	"$CTL" -c "$C" audit search --since "$N1"; "$CTL" -c "$C" "$N1"; } 2>&1)
[ "$(grep -c '070761-XXXX' <<<"$err")" -eq 3 ] && grep -q 'officer name must not contain an identity number' <<<"$err" \
	&& ! in_clear "$err"
ok $? "a number typed as ID, officer, date or command: refused, echoed only masked" "$err"
grep -v fingerprint_key_file "$C" >"$T/nokey.conf"
"$CTL" -c "$T/nokey.conf" quarantine list >/dev/null 2>&1
ok $(( $? != 78 )) "no fingerprint_key_file: exit 78"
"$CTL" -c "$C" quarantine frobnicate >/dev/null 2>&1
ok $(( $? != 64 )) "an unknown quarantine command: exit 64"
"$CTL" -c "$C" audit >/dev/null 2>&1
ok $(( $? != 64 )) "audit without a command: exit 64"

echo "1..$n"
[ $fails -eq 0 ]
