#!/bin/bash
# t-sealweb-i18n.sh - every text sealweb's pages translate (the English
# passed to web_t, web_t_append, N_ and web_resp_error in web/*.c) is in
# the catalogue of web/i18n.c (its entries in web/i18n_catalogue.inc), so
# that no page shows English in a Danish or Swedish console. A new text without its translations fails here;
# tests/unit/test_web_i18n checks that each entry has both. Output: TAP.
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
echo "1..$n"
exit $fails
