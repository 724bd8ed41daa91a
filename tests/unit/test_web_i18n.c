/*
 * test_web_i18n.c - the console's languages (web/i18n.c): every catalogue
 * entry has a Danish and a Swedish text with the same placeholders and
 * markup as the English; web_t answers in the request's language and in
 * English for a text it does not know; Accept-Language picks da, sv or
 * en with q-values honoured.
 */
#include <string.h>

#include <glib.h>

#include "i18n.h"

#include "check_main.h"

/* The placeholders and tags of text, in order ("{1}<strong></strong>{2}"). */
static char *
skeleton(const char *text)
{
	GString *s = g_string_new(NULL);

	for (const char *p = text; *p != '\0'; p++) {
		if (p[0] == '{' && (p[1] == '1' || p[1] == '2') && p[2] == '}')
			g_string_append_len(s, p, 3);
		if (*p == '<') {
			const char *end = strchr(p, '>');

			ck_assert_ptr_nonnull(end);
			g_string_append_len(s, p, end - p + 1);
		}
	}
	return g_string_free(s, FALSE);
}

START_TEST(every_entry_translated)
{
	const char *en, *da, *sv;
	size_t n = 0;

	for (size_t i = 0; web_i18n_entry(i, &en, &da, &sv); i++, n++) {
		char *ke = skeleton(en), *kd = skeleton(da), *ks = skeleton(sv);

		ck_assert_msg(en[0] != '\0' && da != NULL && da[0] != '\0' && sv != NULL
		    && sv[0] != '\0', "entry %zu \"%s\": a translation is missing", i, en);
		ck_assert_msg(strcmp(ke, kd) == 0, "\"%s\": Danish \"%s\" has other "
		    "placeholders or markup", en, da);
		ck_assert_msg(strcmp(ke, ks) == 0, "\"%s\": Swedish \"%s\" has other "
		    "placeholders or markup", en, sv);
		ck_assert_msg(g_utf8_validate(da, -1, NULL) && g_utf8_validate(sv, -1, NULL), "%s",
		    en);
		ck_assert_msg(strchr(da, '%') == NULL && strchr(sv, '%') == NULL,
		    "\"%s\": a translation holds a printf conversion", en);
		for (size_t j = 0; j < i; j++) {
			const char *e2, *d2, *s2;

			web_i18n_entry(j, &e2, &d2, &s2);
			ck_assert_msg(strcmp(en, e2) != 0, "\"%s\" twice in the catalogue", en);
		}
		g_free(ke);
		g_free(kd);
		g_free(ks);
	}
	ck_assert_uint_gt(n, 100);
}
END_TEST

START_TEST(texts_in_the_language)
{
	web_req req;
	GString *out = g_string_new(NULL);

	memset(&req, 0, sizeof(req));
	req.lang = WEB_LANG_DA;
	ck_assert_str_eq(web_t(&req, "Release"), "Frigiv");
	ck_assert_str_eq(web_t(&req, "Refuse"), "Afvis");
	ck_assert_str_eq(web_t(&req, "Held messages"), "Tilbageholdte meddelelser");
	req.lang = WEB_LANG_SV;
	ck_assert_str_eq(web_t(&req, "Release"), "Släpp");
	ck_assert_str_eq(web_t(&req, "Refuse"), "Avvisa");
	ck_assert_str_eq(web_t(&req, "No such text anywhere"), "No such text anywhere");
	web_t_append(out, &req, "{1} released to {2} recipients.", "ID1", "3");
	ck_assert_str_eq(out->str, "ID1 är släppt till 3 mottagare.");
	req.lang = WEB_LANG_EN;
	ck_assert_str_eq(web_t(&req, "Release"), "Release");
	ck_assert_str_eq(web_t(NULL, "Release"), "Release");
	ck_assert_str_eq(web_lang_tag(WEB_LANG_SV), "sv");
	g_string_free(out, TRUE);
}
END_TEST

static const struct accept_case {
	const char *header;
	web_lang want;
} accept_cases[] = {
	{ "da", WEB_LANG_DA },
	{ "da-DK,da;q=0.9,en;q=0.8", WEB_LANG_DA },
	{ "sv-SE", WEB_LANG_SV },
	{ "sv-FI, en;q=0.5", WEB_LANG_SV },
	{ "fr", WEB_LANG_EN },
	{ "fr-FR, de;q=0.9", WEB_LANG_EN },
	{ "fr, sv;q=0.3", WEB_LANG_SV },                 /* the best the console has */
	{ "en;q=0.4, da;q=0.8", WEB_LANG_DA },           /* order is not preference; q is */
	{ "sv;q=0.5, da;q=0.5", WEB_LANG_SV },           /* equal: the first */
	{ "da;q=0, en", WEB_LANG_EN },                   /* q=0: not acceptable */
	{ "da;q=0", WEB_LANG_EN },
	{ "nb-NO", WEB_LANG_DA },
	{ "*", WEB_LANG_EN },
	{ "", WEB_LANG_EN },
	{ NULL, WEB_LANG_EN },
	{ ";;;,,,q=", WEB_LANG_EN },
	{ "da;q=abc", WEB_LANG_EN },
};

START_TEST(accept_language)
{
	const struct accept_case *c = &accept_cases[_i];

	ck_assert_msg(web_lang_accept(c->header) == c->want, "\"%s\": got %s, want %s",
	    c->header != NULL ? c->header : "(none)", web_lang_tag(web_lang_accept(c->header)),
	    web_lang_tag(c->want));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("web_i18n");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, every_entry_translated);
	tcase_add_test(tc, texts_in_the_language);
	tcase_add_loop_test(tc, accept_language, 0, G_N_ELEMENTS(accept_cases));
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
