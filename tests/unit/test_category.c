/*
 * test_category.c - sensitive personal data (category.h, dict.h,
 * acmatch.h; doc/DETECTION.md "Sensitive personal data"): each marker,
 * the case rule, inflection per language, compounds, `#` and `^`, names,
 * the window, thresholds, general markers, levels, an identity number as
 * a personal reference, every dictionary error with its file and line,
 * linear time, and the labelled case tables:
 *
 *   tests/data/category-cases-engine.tsv  run against tests/data/dict
 *   tests/data/category-cases.tsv         (when present) against the
 *                                         built-in dictionaries
 *
 * Columns: id, lang, expected categories (comma-separated, or "-"),
 * text with \n escapes. Expected = the categories counted at medium.
 * No identity number appears here: the identity signal is a finding made
 * up by the test, at a position, without digits.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "acmatch.h"
#include "category.h"
#include "detect.h"
#include "dict.h"
#include "normalize.h"

#include "check_main.h"

static char *
data_path(const char *rel)
{
	const char *top = g_getenv("top_srcdir");

	return g_build_filename(top != NULL ? top : "..", "tests", "data", rel, NULL);
}

/* The test dictionaries, window and thresholds as given (NULL: defaults). */
static seal_category *
test_engine(size_t window, const char *thr)
{
	char *dir = data_path("dict");
	seal_err err;
	seal_category *c;

	seal_err_clear(&err);
	c = seal_category_load(dir, &err);
	ck_assert_msg(c != NULL, "%s:%u: %s", err.file, err.line, err.msg);
	ck_assert_int_eq(seal_category_configure(c, window, thr, &err), SEAL_OK);
	g_free(dir);
	return c;
}

/* "cat:level,cat:level" of the findings for text (normalised first). */
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

		ck_assert_int_eq(f->kind, SEAL_KIND_CATEGORY);
		ck_assert_int_eq(f->sensitive, 1);
		ck_assert_str_eq(f->canonical, "");
		ck_assert_str_eq(f->masked, f->rule);
		ck_assert(f->start < f->end && f->end <= n);
		g_string_append_printf(s, "%s%s:%s", i > 0 ? "," : "", f->rule + 9,
		    seal_level_name(f->level));
	}
	g_array_free(out, TRUE);
	g_free(norm);
	return g_string_free(s, FALSE);
}

/* ------------------------------------------------------------ semantics */

typedef struct mcase {
	const char *label;
	const char *thr;          /* thresholds; NULL = default 3 */
	const char *text;
	const char *want;
} mcase;

#define ONE "health:1, substance:1, social:1, criminal:1"

static const mcase mcases[] = {
	/* markers */
	{ "stem * matches a compound", ONE, "Din søn er på psykiatrimottagningen.", "health:high" },
	{ "stem * matches the bare stem", ONE, "Din søn: psykiatri.", "health:high" },
	{ "leading * ends a compound, ~ inflects (da)", ONE,
	  "Din søn er i misbrugsbehandlingen.", "health:high,substance:high" },
	{ "leading * also alone", ONE, "Din søn er i behandling.", "health:high" },
	{ "~ da suffix -en", ONE, "Din søn: anbringelsen.", "social:high" },
	{ "~ da suffix -erne", ONE, "Din søn: anbringelserne.", "social:high" },
	{ "~ other ending does not count", ONE, "Din søn: anbringelsexyz.", "" },
	{ "~ needs the word start", ONE, "Din søn: genanbringelse.", "" },
	{ "~ sv suffix -en", ONE, "Ditt barn: utredningen.", "health:high" },
	{ "~ sv suffix -arna", ONE, "Ditt barn: utredningarna.", "health:high" },
	{ "~ nb suffix -en", ONE, "Din søn: innleggelsen.", "health:high" },
	{ "~ nb suffix -e", ONE, "Din søn: innleggelse.", "health:high" },
	{ "~ en suffix -s", ONE, "Your son: prescriptions.", "health:high" },
	{ "~ fi has no suffixes", ONE, "Din søn: hoitoa.", "" },
	{ "~ fi bare word", ONE, "Din søn: hoito.", "health:high" },
	{ "no marker: whole word only", ONE, "Din søn: dommer.", "" },
	{ "no marker: whole word", ONE, "Din søn: dom.", "criminal:high" },
	{ "no marker: not inside a word", ONE, "Din søn: idom.", "" },
	{ "Nordic letters fold case", ONE, "Ditt barn: OROSANMÄLAN.", "social:high" },
	{ "a space matches a whitespace run", "health:3", "Din søn: psykiatrisk\n   afdeling",
	  "health:high" },
	{ "a space does not match a letter", "health:3", "Din søn: psykiatriskafdeling", "" },
	{ "person term across a line break", ONE, "Din\nsøn: dom.", "criminal:high" },
	/* case rule */
	{ "capital term: exact case", ONE, "Din søn: BUP.", "health:high" },
	{ "capital term: lower case does not count", ONE, "Din søn: bup.", "" },
	{ "capital term: mixed case does not count", ONE, "Din søn: Bup.", "" },
	{ "lower-case term in any case", ONE, "DIN SØN: DOM.", "criminal:high" },
	/* # and ^ */
	{ "# with a digit after", ONE, "Født den 3. maj. Dom.", "criminal:high" },
	{ "# without a digit is no signal", ONE, "Født i Aarhus. Dom.", "" },
	{ "# digit beyond 24 bytes", ONE, "Født i en meget lang by langt borte 3. Dom.", "" },
	{ "^ with a capital after", ONE, "Kære Peter. Dom.", "criminal:medium" },
	{ "^ with a small letter after", ONE, "Kære alle. Dom.", "" },
	{ "^ term lower case in text", ONE, "kære Peter. Dom.", "" },
	{ "^ capital on the next line is no name", ONE, "Kære\nPeter. Dom.", "" },
	{ "^ after a comma on the line", ONE, "Kære, Peter. Dom.", "criminal:medium" },
	{ "name with surname", ONE, "Anne Hansen. Dom.", "criminal:medium" },
	{ "name without surname", ONE, "Anne var der. Dom.", "" },
	{ "name in lower case", ONE, "anne hansen. Dom.", "" },
	/* levels by personal reference */
	{ "weak person: low", ONE, "Han fik en dom.", "criminal:low" },
	{ "medium person: medium", ONE, "Du fik en dom.", "criminal:medium" },
	{ "strong person: high", ONE, "Sagsnr. 12: dom.", "criminal:high" },
	{ "no person: nothing", ONE, "Byretten afsagde en dom.", "" },
	/* evidence and thresholds */
	{ "default 3: one weight-2 term is not enough", NULL, "Din søn: diagnose.", "" },
	{ "default 3: two distinct terms", NULL, "Din søn: diagnose og medicin.",
	  "health:high" },
	{ "a term counts once", NULL, "Din søn: diagnose, diagnosen, diagnoser.", "" },
	{ "a strong term alone", NULL, "Din søn: Antabus.", "substance:high" },
	{ "criminal:4 raises the bar", "criminal:4", "Din søn: sigtelse.", "" },
	{ "criminal:4 reached", "criminal:4", "Din søn: sigtelse og dom.", "criminal:high" },
	{ "threshold of one category only", "criminal:4", "Din søn: anbringelse.",
	  "social:high" },
	/* general markers */
	{ "general 2 lowers strong to low", ONE, "Nyhedsbrev. Din søn: dom.",
	  "criminal:low" },
	{ "general 2 cancels medium", ONE, "Nyhedsbrevet. Du: dom.", "" },
	{ "general markers count once", ONE, "Nyhedsbrev, nyhedsbrevet. Sagsnr. 12: dom.",
	  "criminal:low" },
	{ "general capped at 3", ONE, "Stillingsopslag. Vi søger. Afmeld. Sagsnr. 12: dom.",
	  "" },
	{ "general en", ONE, "Newsletter. Your son: diagnosis.", "health:low" },
	{ "a general marker inside a category term does not count", NULL,
	  "Du får et akut tilskud.", "social:medium" },
	{ "the same marker on its own counts", NULL, "Tilskud. Du: akut tilskud.", "social:low" },
	{ "a marker before the term is on its own", NULL, "Tilskud akut tilskud. Du.",
	  "social:low" },
};

START_TEST(semantics)
{
	const mcase *m = &mcases[_i];
	seal_category *c = test_engine(SEAL_CATEGORY_WINDOW_DEFAULT, m->thr);
	char *got = findings_of(c, m->text, NULL, 0);

	ck_assert_msg(strcmp(got, m->want) == 0, "%s: got \"%s\", want \"%s\"", m->label,
	    got, m->want);
	g_free(got);
	seal_category_free(c);
}
END_TEST

/* The person signal must be within the window of a hit of the category. */
START_TEST(window)
{
	seal_category *c = test_engine(SEAL_CATEGORY_WINDOW_DEFAULT, ONE);
	seal_category *narrow = test_engine(50, ONE);
	GString *far = g_string_new("Din søn.");
	char *got;

	for (int i = 0; i < 60; i++)
		g_string_append(far, " ordinary");
	g_string_append(far, " dom.");
	got = findings_of(c, far->str, NULL, 0);
	ck_assert_str_eq(got, "");         /* 540 bytes away */
	g_free(got);
	got = findings_of(c, "Din søn og hans far var ude i byen, og senere kom en dom.",
	    NULL, 0);
	ck_assert_str_eq(got, "criminal:high");
	g_free(got);
	got = findings_of(narrow, "Din søn og hans far var ude i byen, og senere kom en dom.",
	    NULL, 0);
	ck_assert_str_eq(got, "");         /* 54 bytes: beyond a window of 50 */
	g_free(got);
	/* after the hit counts too */
	got = findings_of(narrow, "Dom. Din søn.", NULL, 0);
	ck_assert_str_eq(got, "criminal:high");
	g_free(got);
	g_string_free(far, TRUE);
	seal_category_free(c);
	seal_category_free(narrow);
}
END_TEST

/* An identity finding (any level) is a strong personal reference; a rule finding is not. */
START_TEST(identity_signal)
{
	seal_category *c = test_engine(SEAL_CATEGORY_WINDOW_DEFAULT, ONE);
	const char *text = "Vedr. XXXXXX-XXXX om dom.";
	seal_finding id;
	char *got;

	memset(&id, 0, sizeof(id));
	id.kind = SEAL_KIND_DK_CPR;
	id.level = SEAL_LEVEL_LOW;
	id.start = 6;
	id.end = 17;
	got = findings_of(c, text, &id, 1);
	ck_assert_str_eq(got, "criminal:high");
	g_free(got);
	id.kind = SEAL_KIND_RULE;
	got = findings_of(c, text, &id, 1);
	ck_assert_str_eq(got, "");
	g_free(got);
	got = findings_of(c, text, NULL, 0);
	ck_assert_str_eq(got, "");
	g_free(got);
	seal_category_free(c);
}
END_TEST

/* The finding's span is the strongest evidence term's. */
START_TEST(span)
{
	seal_category *c = test_engine(SEAL_CATEGORY_WINDOW_DEFAULT, NULL);
	const char *text = "Din søn: indlagt, psykiatrisk afdeling.";
	GArray *out = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	const seal_finding *f;

	ck_assert_uint_eq(seal_category_detect(c, text, strlen(text), NULL, 0, out), 1);
	f = &g_array_index(out, seal_finding, 0);
	ck_assert_uint_eq(f->start, (size_t)(strstr(text, "psykiatrisk") - text));
	ck_assert_uint_eq(f->end, strlen(text) - 1);
	ck_assert_int_eq(f->level, SEAL_LEVEL_HIGH);
	ck_assert_str_eq(f->rule, "category:health");
	g_array_free(out, TRUE);
	seal_category_free(c);
}
END_TEST

/* A dictionary made of (file name, contents) pairs, defaults configured. */
static seal_category *
engine_of(const char *const files[][2], size_t n)
{
	seal_dict *d = seal_dict_new();
	seal_category *c;
	seal_err err;

	seal_err_clear(&err);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(seal_dict_parse(d, files[i][0], files[i][0], files[i][1],
		    strlen(files[i][1]), &err), SEAL_OK);
	c = seal_category_new(d, &err);
	ck_assert_ptr_nonnull(c);
	return c;
}

/*
 * One word two languages' lists both name is one piece of evidence: the
 * same span of one category counts once across languages (weight 2 twice
 * stays under the default threshold 3), while two terms of one language on
 * the same span (a word and its stem, on purpose) still add up.
 */
START_TEST(one_word_two_languages)
{
	static const char *const two_langs[][2] = {
		{ "health.da.txt", "kardiologi* 2\n" },
		{ "health.sv.txt", "kardiolog* 2\n" },
		{ "person.da.txt", "patienten 2\n" },
	};
	static const char *const one_lang[][2] = {
		{ "health.da.txt", "kardiologi* 2\nkardiolog* 2\n" },
		{ "person.da.txt", "patienten 2\n" },
	};
	static const char *const two_words[][2] = {
		{ "health.da.txt", "kardiologi* 2\n" },
		{ "health.sv.txt", "hjärtmottagning* 2\n" },
		{ "person.da.txt", "patienten 2\n" },
	};
	seal_category *c = engine_of(two_langs, G_N_ELEMENTS(two_langs));
	char *got = findings_of(c, "Patienten er henvist til kardiologien.", NULL, 0);

	ck_assert_str_eq(got, "");
	g_free(got);
	seal_category_free(c);
	c = engine_of(one_lang, G_N_ELEMENTS(one_lang));
	got = findings_of(c, "Patienten er henvist til kardiologien.", NULL, 0);
	ck_assert_str_eq(got, "health:medium");
	g_free(got);
	seal_category_free(c);
	/* two words, one from each list: two pieces of evidence */
	c = engine_of(two_words, G_N_ELEMENTS(two_words));
	got = findings_of(c, "Patienten: kardiologien, hjärtmottagningen.", NULL, 0);
	ck_assert_str_eq(got, "health:medium");
	g_free(got);
	seal_category_free(c);
}
END_TEST

/* ---------------------------------------------------------------- errors */

typedef struct ecase {
	const char *name;
	const char *text;
	unsigned line;
	const char *reason;
	const char *secret;       /* a term that must not appear in the message */
} ecase;

static const ecase ecases[] = {
	{ "health.da.txt", "# c\nok 2\ndiagnose 7\n", 3, "weight out of range", "diagnose" },
	{ "health.da.txt", "diagnose 0\n", 1, "weight out of range", "diagnose" },
	{ "health.da.txt", "ok\npsy*kiatri\n", 2, "in the middle", "kiatri" },
	{ "health.da.txt", "psyk~iatri 2\n", 1, "in the middle", "iatri" },
	{ "health.da.txt", "\n\n*\n", 3, "empty term", NULL },
	{ "health.da.txt", "~# 2\n", 1, "empty term", NULL },
	{ "health.da.txt", "x 2\n", 1, "under 2 letters", NULL },
	{ "health.da.txt", "a1 2\n", 1, "under 2 letters", NULL },
	{ "health.da.txt", "psykiatrisk *\n", 1, "touch the word", "psykiatrisk" },
	{ "health.da.txt", "ok\n\xff\xfe 2\n", 2, "UTF-8", NULL },
	{ "person.names.txt", "Anne\nlars\n", 2, "capital", "lars" },
	{ "health.de.txt", "ok\n", 0, "unknown dictionary", NULL },
	{ "foo.txt", "ok\n", 0, "unknown dictionary", NULL },
	{ "health.names.txt", "Anne\n", 0, "unknown dictionary", NULL },
};

START_TEST(errors)
{
	const ecase *e = &ecases[_i];
	seal_dict *d = seal_dict_new();
	char *shown = g_strconcat("/etc/x/", e->name, NULL);
	seal_err err;

	seal_err_clear(&err);
	ck_assert_int_eq(seal_dict_parse(d, e->name, shown, e->text, strlen(e->text), &err),
	    SEAL_ERR_CONFIG);
	ck_assert_str_eq(err.file, shown);
	ck_assert_uint_eq(err.line, e->line);
	ck_assert_msg(strstr(err.msg, e->reason) != NULL, "%s", err.msg);
	if (e->secret != NULL)
		ck_assert_msg(strstr(err.msg, e->secret) == NULL, "term in the error: %s", err.msg);
	g_free(shown);
	seal_dict_free(d);
}
END_TEST

/* A directory: every *.txt read, other files ignored, a bad one named with its path. */
START_TEST(dir_errors)
{
	char tmpl[] = "/tmp/seal-dict-XXXXXX";
	char *dir = g_mkdtemp(tmpl);
	char *good = g_build_filename(dir, "health.da.txt", NULL);
	char *readme = g_build_filename(dir, "README", NULL);
	char *bad = g_build_filename(dir, "social.sv.txt", NULL);
	seal_err err;
	seal_dict *d;

	ck_assert_ptr_nonnull(dir);
	g_file_set_contents(good, "diagnose 2\nmedicin\n", -1, NULL);
	g_file_set_contents(readme, "not * a ~ dictionary 9\n", -1, NULL);
	d = seal_dict_load_dir(dir, &err);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(seal_dict_count(d), 2);
	ck_assert_uint_eq(seal_dict_term_at(d, 0)->weight, 2);
	ck_assert_uint_eq(seal_dict_term_at(d, 1)->weight, 1);
	seal_dict_free(d);
	g_file_set_contents(bad, "# header\n\nLVU 6\n", -1, NULL);
	seal_err_clear(&err);
	ck_assert_ptr_null(seal_category_load(dir, &err));
	ck_assert_int_eq(err.code, SEAL_ERR_CONFIG);
	ck_assert_str_eq(err.file, bad);
	ck_assert_uint_eq(err.line, 3);
	seal_err_clear(&err);
	ck_assert_ptr_null(seal_category_load("/nonexistent/dictionaries", &err));
	ck_assert_int_eq(err.code, SEAL_ERR_CONFIG);
	unlink(good);
	unlink(readme);
	unlink(bad);
	rmdir(dir);
	g_free(good);
	g_free(readme);
	g_free(bad);
}
END_TEST

START_TEST(markers_parsed)
{
	seal_dict *d = seal_dict_new();
	const char *text = "*misbrugsbehandling~ 3\nfødt# 3\nKære^ 2\nBUP 3\npsykiatri*\n"
	    "din   søn\t3\n";
	seal_err err;
	const seal_dict_term *t;

	ck_assert_int_eq(seal_dict_parse(d, "person.da.txt", "x", text, strlen(text), &err),
	    SEAL_OK);
	ck_assert_uint_eq(seal_dict_count(d), 6);
	t = seal_dict_term_at(d, 0);
	ck_assert_uint_eq(t->flags, SEAL_DICT_ANY_BEFORE | SEAL_DICT_INFLECT);
	ck_assert_uint_eq(t->weight, 3);
	ck_assert_uint_eq(seal_dict_term_at(d, 1)->flags, SEAL_DICT_DIGIT);
	ck_assert_uint_eq(seal_dict_term_at(d, 2)->flags, SEAL_DICT_CAPNEXT | SEAL_DICT_EXACT);
	ck_assert_uint_eq(seal_dict_term_at(d, 3)->flags, SEAL_DICT_EXACT);
	ck_assert_uint_eq(seal_dict_term_at(d, 4)->flags, SEAL_DICT_STEM);
	ck_assert_uint_eq(seal_dict_term_at(d, 4)->weight, 1);
	t = seal_dict_term_at(d, 5);
	ck_assert_int_eq(t->len, (int)strlen("din søn"));
	ck_assert(memcmp(t->text, "din søn", t->len) == 0);
	ck_assert_uint_eq(t->kind, SEAL_DICT_PERSON);
	seal_dict_free(d);
}
END_TEST

START_TEST(thresholds_parse)
{
	unsigned thr[SEAL_CAT_COUNT] = { 3, 3, 3, 3, 3, 3, 3, 3, 3 };
	char why[256];

	ck_assert_int_eq(seal_category_parse_thresholds("criminal:4, health:2", thr, why,
	    sizeof(why)), 1);
	ck_assert_uint_eq(thr[SEAL_CAT_CRIMINAL], 4);
	ck_assert_uint_eq(thr[SEAL_CAT_HEALTH], 2);
	ck_assert_uint_eq(thr[SEAL_CAT_SOCIAL], 3);
	ck_assert_int_eq(seal_category_parse_thresholds("", thr, why, sizeof(why)), 1);
	ck_assert_int_eq(seal_category_parse_thresholds("wealth:3", thr, why, sizeof(why)), 0);
	ck_assert(strstr(why, "unknown category") != NULL);
	ck_assert_int_eq(seal_category_parse_thresholds("health", thr, why, sizeof(why)), 0);
	ck_assert_int_eq(seal_category_parse_thresholds("health:0", thr, why, sizeof(why)), 0);
	ck_assert_int_eq(seal_category_parse_thresholds("health:3x", thr, why, sizeof(why)), 0);
}
END_TEST

/* The built-in copy loads whatever conf/dictionaries holds at build time. */
START_TEST(builtin_loads)
{
	seal_err err;
	seal_category *c;

	seal_err_clear(&err);
	c = seal_category_load("", &err);
	ck_assert_msg(c != NULL, "%s:%u: %s", err.file, err.line, err.msg);
	seal_category_free(c);
}
END_TEST

/* ------------------------------------------------------------- matcher */

typedef struct hits {
	GString *s;
} hits;

static int
collect(void *ctx, uint32_t id, size_t end)
{
	hits *h = ctx;

	g_string_append_printf(h->s, "%u@%zu ", id, end);
	return 0;
}

START_TEST(matcher)
{
	seal_ac_builder *b = seal_ac_builder_new();
	seal_ac *ac;
	hits h = { g_string_new(NULL) };
	const char *text = "xhers  he\n\tsaid USHE";

	ck_assert_uint_eq(seal_ac_add(b, "he", 2, 0), 2);
	ck_assert_uint_eq(seal_ac_add(b, "she", 3, 1), 3);
	ck_assert_uint_eq(seal_ac_add(b, "hers", 4, 2), 4);
	ck_assert_uint_eq(seal_ac_add(b, "s he", 4, 3), 4);
	ck_assert_uint_eq(seal_ac_add(b, "   ", 3, 4), 0);
	ac = seal_ac_build(b);
	ck_assert_ptr_nonnull(ac);
	seal_ac_scan(ac, text, strlen(text), collect, &h);
	ck_assert_str_eq(h.s->str, "0@3 2@5 3@9 0@9 1@20 0@20 ");
	g_string_free(h.s, TRUE);
	seal_ac_free(ac);
}
END_TEST

/* The hits of class-level patterns the slow way (for every end, walk back), as end << 16 | id. */
static void
naive_hits(const char *const *pats, size_t np, const char *text, size_t len, GArray *out)
{
	for (size_t end = 1; end <= len; end++)
		for (size_t p = 0; p < np; p++) {
			size_t j = end, k = strlen(pats[p]);
			bool ok = true;

			while (ok && k-- > 0) {
				unsigned pc = seal_ac_class((unsigned char)pats[p][k]);

				if (j == 0 || seal_ac_class((unsigned char)text[j - 1]) != pc) {
					ok = false;
				} else if (pc == SEAL_AC_SEP) {
					while (j > 0 && seal_ac_class((unsigned char)text[j - 1]) == SEAL_AC_SEP)
						j--;
				} else {
					j--;
				}
			}
			if (ok) {
				guint64 v = ((guint64)end << 16) | p;

				g_array_append_val(out, v);
			}
		}
}

static int
collect_sorted(void *ctx, uint32_t id, size_t end)
{
	GArray *a = ctx;
	guint64 v = ((guint64)end << 16) | id;

	g_array_append_val(a, v);
	return 0;
}

static gint
u64_cmp(gconstpointer a, gconstpointer b)
{
	guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * A long text is scanned as four streams in lock step: the hits must be
 * exactly those of one pass, also where a quarter starts inside a term or
 * a long whitespace run. Sixty lengths move the quarters around.
 */
START_TEST(matcher_streams)
{
	static const char *const pats[] = { "he", "she", "s he", "behandling", "din søn",
	    "a b c d e f g h i j k l m n o p", "øre", "BUP", "x-y", "hus" };
	static const char *const fill[] = { "she", "hers", "behandlingen", "din", "søn",
	    "a b c d e f g h i j k l m n o p", "ØRE", "bup", "x-y", "hus", "ahus" };
	seal_ac_builder *b = seal_ac_builder_new();
	GString *text = g_string_new(NULL);
	GArray *want = g_array_new(FALSE, FALSE, sizeof(guint64));
	seal_ac *ac;
	unsigned x = 7;

	for (size_t i = 0; i < G_N_ELEMENTS(pats); i++)
		seal_ac_add(b, pats[i], strlen(pats[i]), (uint32_t)i);
	ac = seal_ac_build(b);
	while (text->len < 30000) {
		x = x * 1103515245u + 12345u;
		g_string_append(text, fill[(x >> 16) % G_N_ELEMENTS(fill)]);
		/* now and then a run of blanks long enough to straddle a quarter */
		for (unsigned n = (x >> 8) % 17 == 0 ? 300 : 1 + (x >> 4) % 3; n > 0; n--)
			g_string_append_c(text, (x >> 12) % 5 == 0 ? '\n' : ' ');
	}
	naive_hits(pats, G_N_ELEMENTS(pats), text->str, text->len, want);
	ck_assert_uint_gt(want->len, 1000);
	for (size_t len = text->len; len > text->len - 60 * 41; len -= 41) {
		GArray *got = g_array_new(FALSE, FALSE, sizeof(guint64));
		guint n = 0;

		seal_ac_scan(ac, text->str, len, collect_sorted, got);
		g_array_sort(got, u64_cmp);
		while (n < want->len && (g_array_index(want, guint64, n) >> 16) <= len)
			n++;
		ck_assert_msg(got->len == n, "length %zu: %u hits, want %u", len, got->len, n);
		ck_assert_msg(memcmp(got->data, want->data, n * sizeof(guint64)) == 0,
		    "length %zu: stream hits differ from one pass", len);
		g_array_free(got, TRUE);
	}
	g_array_free(want, TRUE);
	g_string_free(text, TRUE);
	seal_ac_free(ac);
}
END_TEST

/* ---------------------------------------------------------- linear time */

static double
cpu_detect(const seal_category *c, const char *text, size_t len)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	clock_t t0 = clock();

	seal_category_detect(c, text, len, NULL, 0, out);
	g_array_free(out, TRUE);
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/* Eight times the text (dense with hits of every kind) takes about eight times the CPU. */
START_TEST(linear)
{
	seal_category *c = test_engine(SEAL_CATEGORY_WINDOW_DEFAULT, ONE);
	static const char *const words[] = { "du ", "dom ", "han ", "diagnose ",
	    "psykiatrimottagningen ", "nyhedsbrev ", "Anne Hansen ", "sagsnr 4 ", "x " };
	GString *small = g_string_new(NULL), *big = g_string_new(NULL);
	double ts = 0, tb = 0;

	for (unsigned i = 0; small->len < 100000; i++)
		g_string_append(small, words[(i * 7) % G_N_ELEMENTS(words)]);
	for (int i = 0; i < 8; i++)
		g_string_append_len(big, small->str, (gssize)small->len);
	for (int r = 0; r < 3; r++) {
		ts += cpu_detect(c, small->str, small->len);
		tb += cpu_detect(c, big->str, big->len);
	}
	/* Quadratic work would give 64; allow noise and sorting. */
	ck_assert_msg(tb < 24 * ts + 0.05, "small %.4fs, 8x %.4fs", ts, tb);
	g_string_free(small, TRUE);
	g_string_free(big, TRUE);
	seal_category_free(c);
}
END_TEST

/* -------------------------------------------------------- labelled cases */

static char *
unescape(const char *s)
{
	GString *o = g_string_new(NULL);

	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			g_string_append_c(o, '\n');
			s++;
		} else if (s[0] == '\\' && s[1] == 't') {
			g_string_append_c(o, '\t');
			s++;
		} else if (s[0] == '\\' && s[1] == '\\') {
			g_string_append_c(o, '\\');
			s++;
		} else {
			g_string_append_c(o, *s);
		}
	}
	return g_string_free(o, FALSE);
}

/* g_ptr_array_sort hands over pointers to the elements, not the elements. */
static gint
compare_names(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

/* The categories counted at medium, sorted, comma-separated ("-" for none). */
static char *
counted_categories(const seal_category *c, const char *text)
{
	static const seal_date day = { 2026, 12, 6 };
	size_t n;
	char *norm = seal_normalize(text, strlen(text), &n);
	GArray *out = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	GPtrArray *names = g_ptr_array_new();
	char *joined;
	size_t ids;

	ids = seal_detect(norm, n, &day, out);
	seal_category_detect(c, norm, n, (const seal_finding *)(void *)out->data, ids, out);
	for (guint i = 0; i < out->len; i++) {
		const seal_finding *f = &g_array_index(out, seal_finding, i);

		if (f->kind == SEAL_KIND_CATEGORY && f->level >= SEAL_LEVEL_MEDIUM)
			g_ptr_array_add(names, (gpointer)(f->rule + 9));
	}
	g_ptr_array_sort(names, compare_names);
	g_ptr_array_add(names, NULL);
	joined = names->len > 1 ? g_strjoinv(",", (char **)names->pdata) : g_strdup("-");
	g_ptr_array_free(names, TRUE);
	if (out->len > 0)
		memset(out->data, 0, out->len * sizeof(seal_finding));
	g_array_free(out, TRUE);
	memset(norm, 0, n);
	g_free(norm);
	return joined;
}

static char *
sorted_list(const char *want)
{
	char **parts = g_strsplit(want, ",", -1);
	char *joined;

	for (size_t i = 0; parts[i] != NULL; i++)
		g_strstrip(parts[i]);
	/* the elements are char *: compare the strings they point to */
	qsort(parts, g_strv_length(parts), sizeof(char *), compare_names);
	joined = g_strjoinv(",", parts);
	g_strfreev(parts);
	return joined;
}

/* Runs every row of file against c; returns the rows run (failures listed in *bad). */
static unsigned
run_cases(const seal_category *c, const char *file, GString *bad)
{
	char *text = NULL, **lines;
	unsigned rows = 0;

	ck_assert_msg(g_file_get_contents(file, &text, NULL, NULL), "cannot read %s", file);
	lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i] != NULL; i++) {
		char **col;

		if (lines[i][0] == '\0' || lines[i][0] == '#')
			continue;
		col = g_strsplit(lines[i], "\t", 4);
		if (g_strv_length(col) == 4 && strcmp(col[0], "id") != 0) {
			char *body = unescape(col[3]);
			char *got = counted_categories(c, body);
			char *want = strcmp(col[2], "-") == 0 ? g_strdup("-") : sorted_list(col[2]);

			rows++;
			if (strcmp(got, want) != 0)
				g_string_append_printf(bad, " %s(%s): got %s want %s;", col[0],
				    col[1], got, want);
			g_free(got);
			g_free(want);
			g_free(body);
		}
		g_strfreev(col);
	}
	g_strfreev(lines);
	g_free(text);
	return rows;
}

START_TEST(cases_engine)
{
	seal_category *c = test_engine(SEAL_CATEGORY_WINDOW_DEFAULT, NULL);
	char *file = data_path("category-cases-engine.tsv");
	GString *bad = g_string_new(NULL);

	ck_assert_uint_ge(run_cases(c, file, bad), 3);
	ck_assert_msg(bad->len == 0, "%s", bad->str);
	g_string_free(bad, TRUE);
	g_free(file);
	seal_category_free(c);
}
END_TEST

START_TEST(cases_builtin)
{
	char *file = data_path("category-cases.tsv");
	GString *bad = g_string_new(NULL);
	seal_category *c;
	seal_err err;
	unsigned rows;

	if (!g_file_test(file, G_FILE_TEST_EXISTS)) {
		g_free(file);
		g_string_free(bad, TRUE);
		return;                      /* the table arrives with the shipped dictionaries */
	}
	seal_err_clear(&err);
	c = seal_category_load("", &err);
	ck_assert_msg(c != NULL, "%s:%u: %s", err.file, err.line, err.msg);
	rows = run_cases(c, file, bad);
	ck_assert_uint_gt(rows, 0);
	ck_assert_msg(bad->len == 0, "%u rows;%s", rows, bad->str);
	g_string_free(bad, TRUE);
	g_free(file);
	seal_category_free(c);
}
END_TEST

static Suite *
category_suite(void)
{
	Suite *s = suite_create("category");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, semantics, 0, G_N_ELEMENTS(mcases));
	tcase_add_test(tc, window);
	tcase_add_test(tc, identity_signal);
	tcase_add_test(tc, span);
	tcase_add_test(tc, one_word_two_languages);
	tcase_add_loop_test(tc, errors, 0, G_N_ELEMENTS(ecases));
	tcase_add_test(tc, dir_errors);
	tcase_add_test(tc, markers_parsed);
	tcase_add_test(tc, thresholds_parse);
	tcase_add_test(tc, builtin_loads);
	tcase_add_test(tc, matcher);
	tcase_add_test(tc, matcher_streams);
	tcase_add_test(tc, linear);
	tcase_add_test(tc, cases_engine);
	tcase_add_test(tc, cases_builtin);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return seal_check_run(category_suite());
}
