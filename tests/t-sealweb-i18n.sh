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
top_builddir=${top_builddir:-.}
# shellcheck source=sealweb-lib.sh
. "$top_srcdir/tests/sealweb-lib.sh"
MSGIDS=$top_srcdir/tests/tools/web_msgids.py
web_need python3
web_tmp t-sealweb-i18n
python3 "$MSGIDS" used "$top_srcdir"/web/*.c >"$T/used" &&
    python3 "$MSGIDS" catalogue "$top_srcdir/web/i18n_catalogue.inc" | sort -u >"$T/catalogue"
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
web_need curl sqlite3
web_need_built "$WEB" "$CTL" "$TOOL"
PORT=$(free_port)
U=http://127.0.0.1:$PORT
C=$T/seal.conf
echo 'language = en' | web_conf "$C" "sqlite:$T/seal.db" "$T" "$PORT"
web_officer "$C" aud auditor 'Secret-3 auditor' &&
"$TOOL" audit "$C" case@kommune.example dora@citizen.example hold 070761-4285 >/dev/null &&
"$TOOL" audit "$C" case@kommune.example eve@citizen.example refuse >/dev/null
ok $? "an auditor, and a hold and a refusal in the store"
start_web "$C"
J=$T/jar
st=$(login aud 'Secret-3 auditor' "$J")
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
stop_web
echo "1..$n"
exit $fails
