#!/bin/bash
# t-sealweb-i18n.sh - every text sealweb's pages translate (the English
# passed to web_t, web_t_append, N_ and web_resp_error in web/*.c) is in
# the catalogue of web/i18n.c (its entries in web/i18n_catalogue.inc), so
# that no page shows English in a Danish or Swedish console. A new text without its translations fails here;
# tests/unit/test_web_i18n checks that each entry has both. Every action
# code the audit log is written with (src/, milter/, ctl/, web/) has a
# label in web/actions.c, and a real audit page (sealweb over HTTP, an
# SQLite store filled through seal_store_tool) shows the labels in Danish
# and Swedish with the codes beside them, while the CSV keeps the codes.
# Output: TAP.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
TOOL=$top_srcdir/tests/tools/web_msgids.py
command -v python3 >/dev/null 2>&1 || { echo "Bail out! python3 not installed"; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/t-sealweb-i18n.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
trap 'rm -rf "$T"' EXIT
n=0; fails=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'; fails=1
	fi
}
python3 "$TOOL" used "$top_srcdir"/web/*.c >"$T/used" &&
    python3 "$TOOL" catalogue "$top_srcdir/web/i18n_catalogue.inc" | sort -u >"$T/catalogue"
ok $? "texts read from web/*.c and the catalogue"
[ "$(wc -l <"$T/used")" -gt 100 ] && [ "$(wc -l <"$T/catalogue")" -gt 100 ]
ok $? "over a hundred texts found in the pages and in the catalogue" \
    "$(wc -l <"$T/used") used, $(wc -l <"$T/catalogue") in the catalogue"
missing=$(comm -23 "$T/used" "$T/catalogue")
[ -z "$missing" ]
ok $? "every text the pages translate is in the catalogue" "missing:
$missing"
# The reader must find what it is meant to: a page text it can see.
grep -qx 'Held messages' "$T/used" && grep -qx 'The form did not come from this console (its token is missing or wrong). Reload the page and try again.' "$T/used"
ok $? "texts joined across lines and inside web_resp_error are found"

# ---- the audit log's action codes: every code written is named (web/actions.c)
S=$top_srcdir
{
	# the milter's decisions, per message and recipient (seal_action_name)
	sed -n '/^seal_action_name/,/^}/p' "$S/src/policy/policy.c" | grep -o 'return "[a-z-]*"'
	# officers' decisions on held mail
	grep -h '^#define DECIDE_APPROVE_ACTION\|^static const char \*const words\[\]' "$S/src/store/held_decide.c"
	# the console's records, and any record a file fills in itself
	grep -oh 'web_app_audit([^,]*, "[a-z-]*"\|record(app, "[a-z-]*"' "$S"/web/*.c
	grep -oh 'action = g_strdup("[a-z-]*")' "$S"/src/*/*.c "$S"/milter/*.c "$S"/ctl/*.c
	grep -oh '"consent-[a-z]*"' "$S/ctl/consent.c"
} | grep -o '"[a-z][a-z-]*"' | tr -d '"' | sort -u >"$T/codes"
grep -o '^	{ "[a-z-]*", N_(' "$S/web/actions.c" | cut -d'"' -f2 | sort -u >"$T/named"
[ "$(wc -l <"$T/codes")" -ge 20 ]
ok $? "the action codes written in src/, milter/, ctl/ and web/ are found" "$(tr '\n' ' ' <"$T/codes")"
missing=$(comm -23 "$T/codes" "$T/named")
[ -z "$missing" ]
ok $? "every action code written has a label in web/actions.c (translated: catalogue above)" \
    "missing: $missing"

# ---- a real audit page in Danish and Swedish: labels translated, codes kept
WEB=$top_builddir/web/sealweb
CTL=$top_builddir/ctl/sealctl
TOOL=$top_builddir/tests/tools/seal_store_tool
for prog in curl sqlite3; do
	command -v $prog >/dev/null 2>&1 || { echo "Bail out! $prog not installed"; exit 1; }
done
for b in "$WEB" "$CTL" "$TOOL"; do [ -x "$b" ] || { echo "Bail out! $b not built"; exit 1; }; done
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
U=http://127.0.0.1:$PORT
head -c 32 /dev/urandom >"$T/fp.key" && chmod 600 "$T/fp.key"
C=$T/seal.conf
cat >"$C" <<EOC
store = sqlite:$T/seal.db
quarantine_dir = $T/q
fingerprint_key_file = $T/fp.key
language = en
console_listen = 127.0.0.1:$PORT
officers_file = $T/officers
EOC
echo 'Secret-3 auditor' | "$CTL" -c "$C" officer add aud --role auditor 2>/dev/null &&
"$TOOL" audit "$C" case@kommune.example dora@citizen.example hold 070761-4285 >/dev/null &&
"$TOOL" audit "$C" case@kommune.example eve@citizen.example refuse >/dev/null
ok $? "an auditor, and a hold and a refusal in the store"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT
"$WEB" -f -c "$C" 2>>"$T/web.log" &
PID=$!
i=0; until curl -s -o /dev/null "$U/login"; do i=$((i+1)); [ $i -gt 100 ] && break; sleep 0.2; done
J=$T/jar
curl -s -c "$J" -b "$J" -o "$T/form.html" "$U/login"
tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/form.html")
st=$(curl -s -c "$J" -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "name=aud" \
    --data-urlencode "password=Secret-3 auditor" --data "csrf=$tok" "$U/login")
[ "$st" = 303 ]; ok $? "the auditor signed in" "$st"
audit_page() {	# audit_page LANG -> the result page of a search by sender in $T/audit.LANG
	local c
	c=$(curl -s -b "$J" -H "Accept-Language: $1" "$U/audit" |
	    grep -o 'name="csrf" value="[0-9a-f]*"' | head -n 1 | cut -d'"' -f4)
	curl -s -b "$J" -H "Accept-Language: $1" -o "$T/audit.$1" -w '%{http_code}' \
	    --data "csrf=$c" --data-urlencode "sender=case@kommune.example" "$U/audit"
}
st=$(audit_page da)
row=$(grep '^<tr><td>[0-9]' "$T/audit.da" | grep 'dora')
[ "$st" = 200 ] &&
    printf '%s\n' "$row" | grep -qF '<span class="action" title="hold">Tilbageholdt</span> <small class="code">hold</small>' &&
    grep -qF 'title="refuse">Afvist</span>' "$T/audit.da" &&
    grep -qF '<option value="release-requested">Afsenderen har bedt om frigivelse (release-requested)</option>' "$T/audit.da"
ok $? "audit page in Danish: the hold is Tilbageholdt, its code beside it; the search's choice translated" \
    "$st $row"
st=$(audit_page sv)
[ "$st" = 200 ] && grep -qF 'title="hold">Spärrat</span> <small class="code">hold</small>' "$T/audit.sv" &&
    grep -qF 'title="refuse">Avvisat</span>' "$T/audit.sv"
ok $? "audit page in Swedish: Spärrat and Avvisat, with the codes" "$st"
c=$(curl -s -b "$J" "$U/audit" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -n 1 | cut -d'"' -f4)
curl -s -b "$J" -H 'Accept-Language: da' -o "$T/csv" --data "csrf=$c" --data format=csv \
    --data-urlencode "sender=case@kommune.example" "$U/audit"
grep -q ',"hold",' "$T/csv" && ! grep -q 'Tilbageholdt' "$T/csv"
ok $? "the CSV export keeps the codes (hold), whatever the officer's language"
kill "$PID"; wait "$PID" 2>/dev/null; PID=""
echo "1..$n"
exit $fails
