/*
 * i18n.c - the console's languages (i18n.h): the catalogue, keyed by the
 * English text, and the choice of language from Accept-Language.
 *
 * Terms: an officer "releases" (da frigiver, sv släpper), "refuses" (da
 * afviser, sv avvisar); a held message is "tilbageholdt" in Danish and
 * "spärrat" (in "karantän") in Swedish, as the hold notices say; the
 * audit log is the "revisionslog" (da) and the "granskningslogg" (sv).
 * The entries are in i18n_catalogue.inc, so that this file stays short.
 * tests/t-sealweb-i18n.sh checks that every text the pages pass to web_t
 * is in the table; tests/unit/test_web_i18n.c that every entry has both
 * translations with the same placeholders.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const struct entry {
	const char *en, *da, *sv;
} catalogue[] = {
#include "i18n_catalogue.inc"
};

static int
by_english(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->en, ((const struct entry *)b)->en);
}

/* The table sorted by the English once, for bsearch. */
static const struct entry *
sorted(void)
{
	static struct entry copy[G_N_ELEMENTS(catalogue)];
	static gsize done;

	if (g_once_init_enter(&done)) {
		memcpy(copy, catalogue, sizeof(catalogue));
		qsort(copy, G_N_ELEMENTS(copy), sizeof(copy[0]), by_english);
		g_once_init_leave(&done, 1);
	}
	return copy;
}

const char *
web_t(const web_req *req, const char *english)
{
	const struct entry key = { english, NULL, NULL }, *e;

	if (english == NULL)
		return "";
	if (req == NULL || req->lang == WEB_LANG_EN)
		return english;
	e = bsearch(&key, sorted(), G_N_ELEMENTS(catalogue), sizeof(key), by_english);
	if (e == NULL)
		return english;
	return req->lang == WEB_LANG_DA ? e->da : e->sv;
}

void
web_t_append(GString *out, const web_req *req, const char *english, const char *a1,
	const char *a2)
{
	const char *p = web_t(req, english), *brace;

	while ((brace = strchr(p, '{')) != NULL) {
		g_string_append_len(out, p, brace - p);
		if ((brace[1] == '1' || brace[1] == '2') && brace[2] == '}') {
			const char *v = brace[1] == '1' ? a1 : a2;

			g_string_append(out, v != NULL ? v : "");
			p = brace + 3;
		} else {
			g_string_append_c(out, '{');
			p = brace + 1;
		}
	}
	g_string_append(out, p);
}

seal_lang
web_seal_lang(const web_req *req)
{
	if (req == NULL)
		return SEAL_LANG_EN;
	return req->lang == WEB_LANG_DA ? SEAL_LANG_DA : req->lang == WEB_LANG_SV ? SEAL_LANG_SV
	    : SEAL_LANG_EN;
}

const char *
web_lang_tag(web_lang lang)
{
	return lang == WEB_LANG_DA ? "da" : lang == WEB_LANG_SV ? "sv" : "en";
}

int
web_lang_parse(const char *name)
{
	if (name == NULL)
		return -1;
	if (g_ascii_strcasecmp(name, "da") == 0)
		return WEB_LANG_DA;
	if (g_ascii_strcasecmp(name, "sv") == 0)
		return WEB_LANG_SV;
	if (g_ascii_strcasecmp(name, "en") == 0)
		return WEB_LANG_EN;
	return -1;
}

/* The language of one range ("da", "da-DK", "sv-FI", "*"), or -1. */
static int
range_lang(const char *range, size_t len)
{
	char primary[9];
	size_t n = 0;

	while (n < len && n < sizeof(primary) - 1 && range[n] != '-')
		primary[n] = range[n], n++;
	primary[n] = '\0';
	/* Norwegian readers read Danish more easily than English. */
	if (g_ascii_strcasecmp(primary, "nb") == 0 || g_ascii_strcasecmp(primary, "no") == 0
	    || g_ascii_strcasecmp(primary, "nn") == 0)
		return WEB_LANG_DA;
	return web_lang_parse(primary);
}

/* The q-value of a parameter list ";q=0.5"; 1000 for none, -1 when malformed. */
static int
qvalue(const char *params)
{
	const char *q = params;
	int v = 1000, scale = 100;

	while (*q == ' ' || *q == '\t' || *q == ';')
		q++;
	if (*q == '\0')
		return 1000;
	if ((q[0] != 'q' && q[0] != 'Q') || q[1] != '=')
		return 1000;     /* another parameter: ignored */
	q += 2;
	if (*q != '0' && *q != '1')
		return -1;
	v = (*q - '0') * 1000;
	if (*++q == '.')
		for (q++; g_ascii_isdigit(*q) && scale > 0; q++, scale /= 10)
			v += (*q - '0') * scale;
	return v > 1000 ? 1000 : v;
}

web_lang
web_lang_accept(const char *accept_language)
{
	char **items;
	int best = WEB_LANG_EN, best_q = 0;

	if (accept_language == NULL || strlen(accept_language) > 1024)
		return WEB_LANG_EN;
	items = g_strsplit(accept_language, ",", 64);
	for (guint i = 0; items[i] != NULL; i++) {
		char *item = g_strstrip(items[i]), *semi = strchr(item, ';');
		size_t len = semi != NULL ? (size_t)(semi - item) : strlen(item);
		int lang, q;

		while (len > 0 && (item[len - 1] == ' ' || item[len - 1] == '\t'))
			len--;
		lang = range_lang(item, len);
		q = semi != NULL ? qvalue(semi) : 1000;
		/* The first of equal q-values wins: the browser lists them by preference. */
		if (lang >= 0 && q > best_q) {
			best = lang;
			best_q = q;
		}
	}
	g_strfreev(items);
	return (web_lang)best;
}

int
web_i18n_entry(size_t i, const char **en, const char **da, const char **sv)
{
	if (i >= G_N_ELEMENTS(catalogue))
		return 0;
	*en = catalogue[i].en;
	*da = catalogue[i].da;
	*sv = catalogue[i].sv;
	return 1;
}
