#!/bin/bash
# t-two-relays.sh - two relays, one PostgreSQL store: two sealmilter daemons
# (each behind its own smtpd listener of one private Postfix) hold mail into
# the same database and write one audit chain; a message held through relay
# A is released with sealctl pointed at relay B's configuration (B's own
# reinjection listener, a separate smtp-sink) and delivered exactly once; a
# second release through relay A fails and sends nothing. Output: TAP.
. "$(dirname "$0")/lib.sh"

seal_setup relays
CTL=$top_builddir/ctl/sealctl
[ -x "$CTL" ] || bail_out "$CTL not built"
seal_pg_start "$SEAL_T/pg" || bail_out "PostgreSQL did not start"
trap 'seal_pg_stop; seal_cleanup' EXIT
FROM=sagsbehandler@kommune.example
REINJECT_A=$(seal_free_port 3) || bail_out "no free port"
PORT_B=$(seal_free_port 4) || bail_out "no free port"
SINK_B_PORT=$(seal_free_port 5) || bail_out "no free port"
SOCK_B=$SEAL_PF_QUEUE/sealmilter-b/sealmilter.sock

# relay_conf NAME SOCKET REINJECT: one relay's configuration; both share the
# store and the key (the key must be the same on every relay of one store).
relay_conf()
{
	seal_milter_runtime_keys | sed -e '/^store =/d' -e '/^socket =/d' -e '/^pid_file =/d' \
		-e '/^log_target =/d'
	cat <<EOF
socket = unix:$2
pid_file = $SEAL_MDIR/$1.pid
log_target = $SEAL_MDIR/$1.log
store = $SEAL_PG_URI
internal_domains = kommune.example
action_chain = hold
reinject_to = 127.0.0.1:$3
language = en
EOF
}
relay_conf a "$SEAL_SOCK" "$REINJECT_A" >"$SEAL_MDIR/a.conf"
relay_conf b "$SOCK_B" "$SINK_B_PORT" >"$SEAL_MDIR/b.conf"

seal_pf_create || bail_out "postfix config"
# The reinjection listener of relay A, and relay B's smtpd with B's milter.
seal_pf_add_reinject "$REINJECT_A" || bail_out "no reinjection listener"
cat >>"$SEAL_PF_CONF/master.cf" <<EOF
127.0.0.1:$PORT_B inet n - n - - smtpd
  -o smtpd_milters=unix:$SOCK_B
EOF
seal_sink_start || bail_out "smtp-sink did not start"
# Relay B's reinjection listener: a sink of its own, to count releases.
mkdir -p "$SEAL_T/sink-b"
smtp-sink -u root -d "$SEAL_T/sink-b/%M." "127.0.0.1:$SINK_B_PORT" 10 >/dev/null 2>&1 &
SEAL_PIDS="$SEAL_PIDS $!"
seal_wait_port "$SINK_B_PORT" 30 || bail_out "relay B's sink did not start"
seal_milter_start "$SEAL_MDIR/a.conf" || bail_out "sealmilter A did not start"
mkdir -p "$(dirname "$SOCK_B")"
chown sealmilter "$(dirname "$SOCK_B")" 2>/dev/null
chgrp postfix "$(dirname "$SOCK_B")" && chmod 0750 "$(dirname "$SOCK_B")"
touch "$SEAL_MDIR/b.log" && chown sealmilter "$SEAL_MDIR/b.log" 2>/dev/null
"$SEALMILTER" -f -c "$SEAL_MDIR/b.conf" >>"$SEAL_MDIR/b.out" 2>&1 </dev/null &
B_PID=$!
SEAL_PIDS="$SEAL_PIDS $B_PID"
n=100
while [ $n -gt 0 ] && [ ! -S "$SOCK_B" ]; do sleep 0.1; n=$((n - 1)); done
[ -S "$SOCK_B" ] || { diag_file "$SEAL_MDIR/b.out" 10; bail_out "sealmilter B did not start"; }
seal_pf_start || bail_out "postfix did not start"

send_via()	# send_via PORT LABEL ID: a CPR message to a citizen through one relay
{
	local mail
	mail=$(seal_make_mail cpr "$3" citizen@borger.example)
	swaks --server "127.0.0.1:$1" --helo client.kommune.example --from "$FROM" \
		--to citizen@borger.example --data "@$mail" --timeout 60 \
		>"$SEAL_T/swaks/$2.log" 2>&1 </dev/null
}

send_via "$SEAL_SMTP_PORT" via-a "t-relay-a-$$"
check "relay A: accepted (held)" test $? -eq 0
send_via "$PORT_B" via-b "t-relay-b-$$"
check "relay B: accepted (held)" test $? -eq 0
HA=$(sed -n 's/.* held=\([A-Za-z0-9_-]*\).*/\1/p' "$SEAL_MDIR/a.log" | tail -n 1)
HB=$(sed -n 's/.* held=\([A-Za-z0-9_-]*\).*/\1/p' "$SEAL_MDIR/b.log" | tail -n 1)
check "both relays held a message" test -n "$HA" -a -n "$HB"

list=$("$CTL" -c "$SEAL_MDIR/b.conf" quarantine list --json)
check "relay B's sealctl lists both held messages" \
	python3 -c "import json,sys; ids={h['id'] for h in json.loads(sys.argv[1])}; \
sys.exit(0 if {sys.argv[2], sys.argv[3]} <= ids else 1)" "$list" "$HA" "$HB"

out=$("$CTL" -c "$SEAL_MDIR/b.conf" quarantine release "$HA" --reason "checked" \
	--officer officer1 2>&1)
check "release of A's message through relay B: exit 0" test $? -eq 0
n=150
while [ $n -gt 0 ] && [ -z "$(grep -l -F "t-relay-a-$$" "$SEAL_T"/sink-b/* 2>/dev/null)" ]; do
	sleep 0.2
	n=$((n - 1))
done
check "the released message arrives through relay B's listener, once" \
	test "$(grep -l -F "t-relay-a-$$" "$SEAL_T"/sink-b/* 2>/dev/null | wc -l)" -eq 1
check "it is addressed as it was originally" \
	grep -q -i '^X-Rcpt-Args: <citizen@borger.example>' "$(grep -l -F "t-relay-a-$$" "$SEAL_T"/sink-b/* | head -n 1)"

"$CTL" -c "$SEAL_MDIR/a.conf" quarantine release "$HA" --reason "again" --officer officer2 \
	>"$SEAL_T/again.out" 2>&1
check "a second release through relay A fails" test $? -ne 0
# Anything it sent would go through Postfix to the sink, or straight to
# relay B's sink: count only once the queue drained and both sinks are idle.
seal_queue_empty 30 || diag "queue did not drain"
seal_port_idle "$SINK_B_PORT" 10 || diag "relay B's sink still has a connection"
seal_port_idle "$SEAL_SINK_PORT" 10 || diag "the sink still has a connection"
check "and nothing more is delivered anywhere" \
	test "$(grep -l -F "t-relay-a-$$" "$SEAL_T"/sink-b/* "$SEAL_SINK"/* 2>/dev/null | wc -l)" -eq 1

v=$("$CTL" -c "$SEAL_MDIR/a.conf" audit verify 2>&1)
check "one audit chain for both relays verifies" grep -q '^ok' <<<"$v"
s=$("$CTL" -c "$SEAL_MDIR/a.conf" audit search --action release --json)
check "the release is in the audit log with the officer" grep -q 'officer=officer1' <<<"$s"

done_testing
