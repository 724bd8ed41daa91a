#!/bin/bash
# t-rules-daemon.sh - site rules (rules_file) in the running daemon, driven
# by miltertest (no MTA): a match of a rule refuses the message to an
# untrusted recipient, the decision log names rule:NAME with its count and
# mask and never the match in clear, and a rules file with a bad pattern
# keeps the daemon from starting (file:line).
MT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$MT_DIR/../integration/lib.sh"

seal_setup rules-daemon
command -v miltertest >/dev/null || bail_out "miltertest not installed (contrib/install-deps.sh)"
[ -x "$SEALMILTER" ] || bail_out "$SEALMILTER not built"

RULES=$SEAL_MDIR/site.rules
cat >"$RULES" <<'EOF2'
# test rule: an agency case number
name = case-number
pattern = \bSag (?:19|20)[0-9]{2}-[0-9]{6}\b
confidence = high
mask = keep:7
EOF2
chmod 0644 "$RULES"
CONF=$(seal_milter_conf rules <<EOF2
language = en
rules_file = $RULES
EOF2
)
seal_milter_prepare
# The held-content key as `sealctl` would make it: the daemon's first
# classified message can otherwise race the store opening to create it
# (seen as "held_key_file ...: cannot create: File exists").
(umask 077; head -c 32 /dev/urandom >"$SEAL_MDIR/held.key")
getent passwd sealmilter >/dev/null && chown sealmilter "$SEAL_MDIR/held.key"

check "config: sealmilter -n accepts the configuration with rules" "$SEALMILTER" -n -c "$CONF"

seal_milter_start "$CONF" || bail_out "sealmilter did not start"
seal_miltertest rules rules
check "log: the case-number message was refused, counted as rule:case-number" \
	grep -q 'action=refuse.*findings=rule:case-number:1' "$SEAL_MLOG"
check "log: the mask is logged" grep -q 'Sag 2024-XXXXXX' "$SEAL_MLOG"
if grep -q '123456' "$SEAL_MLOG" "$SEAL_MDIR/stdout.log"; then
	not_ok "privacy: the case number is not in the logs in clear"
	diag_file "$SEAL_MLOG" 12
else
	ok "privacy: the case number is not in the logs in clear"
fi
seal_milter_stop

# A bad pattern: -n and the daemon both fail naming the rules file and line.
printf 'name = bad\npattern = Sag (2024\n' >"$RULES"
out=$("$SEALMILTER" -n -c "$CONF" 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s\n' "$out" | grep -q "site.rules:2: pattern: .* at offset"; then
	ok "bad rule: -n exits $rc naming site.rules:2 and the offset"
else
	not_ok "bad rule: -n exits non-zero naming site.rules:2 (got $rc: $out)"
fi
rm -f "$SEAL_SOCK"
timeout 20 "$SEALMILTER" -f -c "$CONF" -p "unix:$SEAL_SOCK" >/dev/null 2>&1 </dev/null
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 124 ] && [ ! -S "$SEAL_SOCK" ]; then
	ok "bad rule: daemon refuses to start (exit $rc)"
else
	not_ok "bad rule: daemon refuses to start (got exit $rc)"
fi

done_testing
