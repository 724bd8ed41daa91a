/*
 * test_category_lead.c - the Subject scored together with the body
 * (category.h seal_category_detect_lead, doc/DETECTION.md 11.5): evidence
 * over both, a term once, a person in one near every hit in the other,
 * general markers against the joint score only, the body's own finding
 * kept, and where a joint finding is reported. Runs against the test
 * dictionaries tests/data/dict, as test_category.c.
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "category.h"
#include "detect.h"
#include "normalize.h"

#include "check_main.h"

#define ONE "health:1, substance:1, social:1, criminal:1"

static char *
data_path(const char *rel)
{
	const char *top = g_getenv("top_srcdir");

	return g_build_filename(top != NULL ? top : "..", "tests", "data", rel, NULL);
}

/* The test dictionaries with the default window and the thresholds given. */
static seal_category *
test_engine(const char *thr)
{
	char *dir = data_path("dict");
	seal_err err;
	seal_category *c;

	seal_err_clear(&err);
	c = seal_category_load(dir, &err);
	ck_assert_msg(c != NULL, "%s:%u: %s", err.file, err.line, err.msg);
	ck_assert_int_eq(seal_category_configure(c, SEAL_CATEGORY_WINDOW_DEFAULT, thr, &err),
	    SEAL_OK);
	g_free(dir);
	return c;
}

/* "cat:level" of the findings for text alone (normalised first). */
static char *
findings_of(const seal_category *c, const char *text, const seal_finding *ids, size_t nids)
{
	size_t n;
	char *norm = seal_normalize(text, strlen(text), &n);
	GArray *out = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	GString *s = g_string_new(NULL);

	seal_category_detect(c, norm, n, ids, nids, out);
	for (guint i = 0; i < out->len; i++) {
		const seal_finding *f = &g_array_index(out, seal_finding, i);

		g_string_append_printf(s, "%s%s:%s", i > 0 ? "," : "", f->rule + 9,
		    seal_level_name(f->level));
	}
	g_array_free(out, TRUE);
	g_free(norm);
	return g_string_free(s, FALSE);
}

/* "cat:level@lead|body,..." of seal_category_detect_lead(lead, text). */
static char *
lead_findings(const seal_category *c, const char *lead_text, const seal_finding *lead_ids,
	size_t nlead, const char *text)
{
	size_t ln, n;
	char *lnorm = seal_normalize(lead_text, strlen(lead_text), &ln);
	char *norm = seal_normalize(text, strlen(text), &n);
	GArray *out = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	GArray *lout = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	GString *s = g_string_new(NULL);
	seal_category_lead lead = { lnorm, ln, lead_ids, nlead };

	seal_category_detect_lead(c, &lead, norm, n, NULL, 0, out, lout);
	for (guint i = 0; i < lout->len; i++) {
		const seal_finding *f = &g_array_index(lout, seal_finding, i);

		ck_assert(f->start < f->end && f->end <= ln);
		g_string_append_printf(s, "%s%s:%s@lead", s->len > 0 ? "," : "", f->rule + 9,
		    seal_level_name(f->level));
	}
	for (guint i = 0; i < out->len; i++) {
		const seal_finding *f = &g_array_index(out, seal_finding, i);

		ck_assert(f->start < f->end && f->end <= n);
		g_string_append_printf(s, "%s%s:%s@body", s->len > 0 ? "," : "", f->rule + 9,
		    seal_level_name(f->level));
	}
	g_array_free(out, TRUE);
	g_array_free(lout, TRUE);
	g_free(lnorm);
	g_free(norm);
	return g_string_free(s, FALSE);
}

/*
 * A lead text (the Subject) scored with the body: evidence adds up, a term
 * counts once, a person in one is near every hit in the other whatever the
 * distance, general markers of both count against the joint score, the
 * body's own score stands, and a joint finding is reported where its
 * strongest evidence is.
 */
START_TEST(lead_text)
{
	seal_category *c = test_engine(ONE);
	seal_category *h3 = test_engine("health:3");
	seal_category *h4 = test_engine("health:4");
	GString *far = g_string_new("Din søn.");
	seal_finding id;
	char *got;

	for (int i = 0; i < 60; i++)
		g_string_append(far, " ordinary");
	g_string_append(far, " slut.");
	/* category in the Subject, the person 540 bytes into the body */
	got = lead_findings(c, "Dom", NULL, 0, far->str);
	ck_assert_str_eq(got, "criminal:high@lead");
	g_free(got);
	/* each alone finds nothing */
	got = findings_of(c, "Dom", NULL, 0);
	ck_assert_str_eq(got, "");
	g_free(got);
	got = findings_of(c, far->str, NULL, 0);
	ck_assert_str_eq(got, "");
	g_free(got);
	/* the person in the Subject, the category deep in the body */
	g_string_assign(far, "Hej.");
	for (int i = 0; i < 60; i++)
		g_string_append(far, " ordinary");
	g_string_append(far, " dom.");
	got = lead_findings(c, "Din søn", NULL, 0, far->str);
	ck_assert_str_eq(got, "criminal:high@body");
	g_free(got);
	/* inside the body the window still holds */
	got = lead_findings(c, "Referat", NULL, 0, "Din søn." "                                 "
	    "                                                                              "
	    "                                                                              "
	    "                                                                              "
	    "                                                                              "
	    "                                                                              "
	    " dom.");
	ck_assert_str_eq(got, "");
	g_free(got);
	/* evidence adds up: 2 in the Subject + 1 in the body reach 3 */
	got = lead_findings(h3, "Psykiatri", NULL, 0, "Din søn er indlagt.");
	ck_assert_str_eq(got, "health:high@lead");
	g_free(got);
	got = findings_of(h3, "Din søn er indlagt.", NULL, 0);
	ck_assert_str_eq(got, "");
	g_free(got);
	/* a term counts once over both texts: 2 + 2 of the same term is 2 */
	got = lead_findings(h4, "Psykiatri", NULL, 0, "Din søn: psykiatri.");
	ck_assert_str_eq(got, "");
	g_free(got);
	/* a general marker in the Subject counts against the joint score... */
	got = lead_findings(c, "Nyhedsbrev om dom", NULL, 0, "Din søn.");
	ck_assert_str_eq(got, "criminal:low@lead");
	g_free(got);
	/* ...but never takes away what the body finds alone */
	got = lead_findings(c, "Nyhedsbrev", NULL, 0, "Din søn: dom.");
	ck_assert_str_eq(got, "criminal:high@body");
	g_free(got);
	/* a lead that raises the level of the body's own finding: reported in the body */
	got = lead_findings(c, "Din søn", NULL, 0, "Om dom. Han.");
	ck_assert_str_eq(got, "criminal:high@body");
	g_free(got);
	got = findings_of(c, "Om dom. Han.", NULL, 0);
	ck_assert_str_eq(got, "criminal:low");
	g_free(got);
	/* an identity number in the Subject is a strong reference for the body */
	memset(&id, 0, sizeof(id));
	id.kind = SEAL_KIND_DK_CPR;
	id.start = 6;
	id.end = 17;
	got = lead_findings(c, "Vedr. XXXXXX-XXXX", &id, 1, "Hej. Om dom.");
	ck_assert_str_eq(got, "criminal:high@body");
	g_free(got);
	got = lead_findings(c, "Vedr. XXXXXX-XXXX", NULL, 0, "Hej. Om dom.");
	ck_assert_str_eq(got, "");
	g_free(got);
	g_string_free(far, TRUE);
	seal_category_free(c);
	seal_category_free(h3);
	seal_category_free(h4);
}
END_TEST

static Suite *
lead_suite(void)
{
	Suite *s = suite_create("category_lead");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, lead_text);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return seal_check_run(lead_suite());
}
