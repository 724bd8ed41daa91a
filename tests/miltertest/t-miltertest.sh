#!/bin/bash
# t-miltertest.sh - drives sealmilter with miltertest (no MTA): option
# negotiation, two messages per connection, abort mid-message, the client
# taken from the MAIL macros instead of a CONNECT step, a split
# message whose copy cannot be reinjected (tempfail, not discard) (the *.lua
# cases, steps shared in lib.lua), and configurations that must not start
# (sealmilter -n and the daemon exit non-zero naming file:line).
MT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$MT_DIR/../integration/lib.sh"

seal_setup miltertest
command -v miltertest >/dev/null || bail_out "miltertest not installed (contrib/install-deps.sh)"
[ -x "$SEALMILTER" ] || bail_out "$SEALMILTER not built"

CONF=$(seal_milter_conf en <<EOF2
language = en
EOF2
)
seal_milter_prepare

# ---------------------------------------------------------------- configurations

out=$("$SEALMILTER" -n -c "$CONF" 2>&1)
rc=$?
if [ $rc -eq 0 ]; then
	ok "config: sealmilter -n accepts the test configuration"
else
	not_ok "config: sealmilter -n accepts the test configuration (got exit $rc)"
	diag "$out"
fi

# bad_conf FILE LINE: -n and a daemon start both fail, naming FILE:LINE.
bad_conf()
{
	local f=$MT_DIR/$1 line=$2 out rc
	out=$("$SEALMILTER" -n -c "$f" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] && printf '%s\n' "$out" | grep -qF "$1:$line"; then
		ok "config $1: -n exits $rc naming $1:$line"
	else
		not_ok "config $1: -n fails naming $1:$line (got exit $rc, output: $out)"
	fi
	rm -f "$SEAL_SOCK"
	timeout 20 "$SEALMILTER" -f -c "$f" -p "unix:$SEAL_SOCK" >/dev/null 2>&1 </dev/null
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 124 ] && [ ! -S "$SEAL_SOCK" ]; then
		ok "config $1: daemon refuses to start (exit $rc)"
	else
		not_ok "config $1: daemon refuses to start (got exit $rc, socket $( [ -S "$SEAL_SOCK" ] && echo created || echo absent))"
	fi
}

bad_conf bad-unknown.conf 3
bad_conf bad-duplicate.conf 4
bad_conf bad-boolean.conf 3
bad_conf bad-range.conf 2

# ---------------------------------------------------------------- Lua cases

seal_milter_start "$CONF" || bail_out "sealmilter did not start"

# client-macros last: a session without {client_addr} makes the daemon take
# the CONNECT step for the rest of its life.
for lua in negotiate two-messages abort client-macros; do
	seal_miltertest "$lua" "$lua"
done

# The client of each client-macros.lua message, as its decision line says.
for want in MTC001A:2001:db8::7 MTC002A:unknown MTC003A:192.0.2.5; do
	qid=${want%%:*}
	line=$(grep -F -- "$qid" "$SEAL_MLOG" | grep -F 'action=' | tail -n 1)
	if printf '%s
' "$line" | grep -qF -- " client=${want#*:} "; then
		ok "log: $qid has client=${want#*:}"
	else
		not_ok "log: $qid has client=${want#*:} (got: ${line:-no decision line})"
	fi
done
nwarn=$(grep -c 'did not send {client_addr} with MAIL' "$SEAL_MLOG")
if [ "$nwarn" = 1 ]; then
	ok "log: the missing {client_addr} was reported once"
else
	not_ok "log: the missing {client_addr} was reported once (got $nwarn)"
fi

# Why negotiate.lua's short offer was refused: the daemon names the missing
# actions (milter/callbacks.c cb_negotiate), once.
nneg=$(grep -c 'the MTA does not offer the actions sealmilter needs' "$SEAL_MLOG")
if [ "$nneg" = 1 ]; then
	ok "log: the ADDHDRS-only session was refused for the missing actions"
else
	not_ok "log: the ADDHDRS-only session was refused for the missing actions (got $nneg lines, want 1)"
	diag_file "$SEAL_MLOG" 12
fi
# The message aborted in abort.lua (queue ID MT9001A) got no decision:
# abort is not end of message. The next one (MT9002A) did.
if grep -q 'MT9001A.*action=' "$SEAL_MLOG"; then
	not_ok "log: the aborted message got no decision"
	diag_file "$SEAL_MLOG" 12
elif grep -q 'MT9002A.*action=' "$SEAL_MLOG"; then
	ok "log: the aborted message got no decision (the next one did)"
else
	not_ok "log: the aborted message got no decision (no decision logged for MT9002A either)"
	diag_file "$SEAL_MLOG" 12
fi

# miltertest cannot tell a 550 from a 451 without the exact reply text, so
# the daemon's decision log says which: two refusals (two-messages, abort),
# no tempfail.
nref=$(grep -c 'action=refuse' "$SEAL_MLOG")
if [ "$nref" = 2 ]; then
	ok "log: the two CPR messages were refusals"
else
	not_ok "log: the two CPR messages were refusals (got $nref action=refuse lines, want 2)"
	diag_file "$SEAL_MLOG" 12
fi
ntf=$(grep -c 'action=tempfail' "$SEAL_MLOG")
if [ "$ntf" = 0 ]; then
	ok "log: no message tempfailed"
else
	not_ok "log: no message tempfailed (got $ntf)"
fi
check "daemon still running after the cases" seal_milter_alive
seal_milter_stop
rc=$?
if [ $rc -eq 0 ]; then
	ok "daemon exits 0 on SIGTERM"
else
	not_ok "daemon exits 0 on SIGTERM (got $rc)"
fi

# ---------------------------------------------------------------- a copy that cannot leave
# Held citizen, colleague served by a reinjected copy the reinjection
# refuses (split-unsafe.lua): tempfail, not discard. Nothing listens on the
# reinjection port: the address is refused before any connection.
RJ_PORT=$(seal_free_port 1) || bail_out "no free port"
CONF2=$(seal_milter_conf split <<EOF2
language = en
action_chain = hold
reinject_to = 127.0.0.1:$RJ_PORT
EOF2
)
seal_milter_start "$CONF2" || bail_out "sealmilter did not start (split)"
seal_miltertest split-unsafe split-unsafe
check "split: MT0099A tempfailed because the copy's address was refused" \
	grep -q 'MT0099A.*not a usable address.*message tempfailed' "$SEAL_MLOG"
seal_milter_stop

PATS=$SEAL_T/patterns
seal_number_patterns 170583-1889 >"$PATS"
leaks=$(seal_leak_scan "$PATS" "$SEAL_MLOG" -z "$SEAL_MDIR/stdout.log")
if [ -z "$leaks" ]; then
	ok "privacy: no identity number in cleartext in the daemon's logs"
else
	not_ok "privacy: numbers in cleartext in: $leaks"
fi

done_testing
