/*
 * test_rules_start.c - the start search of the site rules (rules_start.c):
 * PCRE2 called only on runs of a rule's possible first bytes must find
 * exactly what one unrestricted search finds. seal_rules_detect (with the
 * start search) is compared finding by finding with seal_rules_detect_plain
 * (PCRE2 alone) over the example rules of conf/rules.d, rules written to
 * probe the edges (run ends, look-behind, overlapping starts, sets the
 * search leaves to PCRE2), random text full of digits, capitals and
 * non-ASCII letters, and the detection corpora under tests/data.
 *
 * The inputs are random digits, the published example IBANs of the SWIFT
 * IBAN Registry and the synthetic corpora; nothing is written out but
 * counts and offsets.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "detect.h"
#include "normalize.h"
#include "rules.h"
#include "rules_internal.h"

#include "check_main.h"

static const seal_date scan_day = { 2026, 12, 6 };

static const char probe_rules[] =
	"name = caps-digits\n"
	"pattern = [A-Z]{2,3}[0-9]{3}\n"
	"\n"
	"name = behind\n"
	"pattern = (?<=X)[0-9]{4}\n"
	"\n"
	"name = pairs\n"
	"pattern = [0-9]{2}\n"
	"\n"
	"name = dash-run\n"
	"pattern = [0-9-]{5,}\n"
	"\n"
	"name = four-sets\n"
	"pattern = [A-C][0-9]|[E-G]x|[I-K]y|[M-O]z\n"
	"\n"
	"name = lower\n"
	"pattern = [a-z][0-9]{3}\n"
	"\n"
	"name = near-word\n"
	"pattern = [0-9]{6}\n"
	"keywords = nr, ß\n"
	"keyword_window = 8\n";

static char *
write_rules(const char *text)
{
	char *path = g_build_filename(g_get_tmp_dir(), "seal-rstart-XXXXXX", NULL);
	int fd = g_mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static seal_rules *
load_text(const char *text)
{
	char *path = write_rules(text);
	seal_err err;
	seal_rules *r;

	seal_err_clear(&err);
	r = seal_rules_load(path, &err);
	ck_assert_msg(r != NULL, "%s:%u: %s", err.file, err.line, err.msg);
	unlink(path);
	g_free(path);
	return r;
}

/* The five example rules of conf/rules.d as one set. */
static seal_rules *
load_examples(void)
{
	static const char *const names[] = { "dk-passport", "no-passport", "iban-personal",
	    "case-number", "se-reserve" };
	const char *top = getenv("top_srcdir");
	GString *all = g_string_new(NULL);
	seal_rules *r;

	ck_assert_msg(top != NULL, "top_srcdir is not set (run through make check)");
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		char *file = g_strdup_printf("%s.rules", names[i]);
		char *path = g_build_filename(top, "conf", "rules.d", file, NULL), *text;

		ck_assert(g_file_get_contents(path, &text, NULL, NULL));
		g_string_append_printf(all, "%s\n\n", text);
		g_free(text);
		g_free(path);
		g_free(file);
	}
	r = load_text(all->str);
	g_string_free(all, TRUE);
	return r;
}

/* Both searches over text[0..len); the number of findings (the same in both). */
static size_t
compare(const seal_rules *r, const char *text, size_t len)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(seal_finding));
	GArray *b = g_array_new(FALSE, TRUE, sizeof(seal_finding));
	size_t na = seal_rules_detect(r, text, len, &scan_day, a, 0);
	size_t nb = seal_rules_detect_plain(r, text, len, &scan_day, b, 0);

	ck_assert_uint_eq(na, nb);
	ck_assert_uint_eq(a->len, b->len);
	for (guint i = 0; i < a->len; i++) {
		const seal_finding *x = &g_array_index(a, seal_finding, i);
		const seal_finding *y = &g_array_index(b, seal_finding, i);

		ck_assert_uint_eq(x->start, y->start);
		ck_assert_uint_eq(x->end, y->end);
		ck_assert_str_eq(x->rule, y->rule);
		ck_assert_str_eq(x->masked, y->masked);
	}
	g_array_free(a, TRUE);
	g_array_free(b, TRUE);
	return na == (size_t)-1 ? 0 : na;
}

static guint32 seed = 0x5eed2026;

static guint32
rnd(guint32 n)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed % n;
}

/* Random text: runs of digits, capitals and lower case, the example
   rules' keywords, example IBANs, separators and non-ASCII letters. */
static GString *
random_text(size_t want)
{
	static const char *const pieces[] = {
		"0", "1", "9", "99", "1990", "2024-", "-", " ", "  ", "\n", ".", "X",
		"A", "B", "K", "N", "Z", "DK", "NO", "a", "b", "x", "y", "z", "s", "S",
		"pas ", "Pas ", "pasnr ", "passport ", "PASS ", "l\xc3\xb8nkonto ", "nr ",
		"\xc3\x9f", "\xe1\xba\x9e", "\xc5\xbf", "\xc3\xa6", "\xc3\x85", "\xd0\x96",
		"\xe2\x80\x93", "\xf0\x9f\x98\x80", "Sag ", "sagsnr. ",
		"DK50 0040 0440 1162 43", "GB29NWBK60161331926819", "NO9386011117947",
	};
	GString *s = g_string_new(NULL);

	while (s->len < want) {
		const char *p = pieces[rnd(G_N_ELEMENTS(pieces))];
		unsigned rep = 1 + rnd(rnd(4) == 0 ? 12 : 2);

		for (unsigned k = 0; k < rep; k++)
			g_string_append(s, p);
	}
	return s;
}

/* Which example rules the start search takes, and which it leaves to PCRE2. */
START_TEST(start_sets)
{
	seal_rules *r = load_examples();
	static const struct { const char *kind; bool on; } want[] = {
		{ "rule:dk-passport", true }, { "rule:no-passport", true },
		{ "rule:iban-personal", true }, { "rule:case-number", false },
		{ "rule:se-reserve", false },
	};

	ck_assert_uint_eq(r->n, G_N_ELEMENTS(want));
	for (size_t i = 0; i < r->n; i++) {
		ck_assert_str_eq(r->v[i].kind, want[i].kind);
		ck_assert_msg(r->v[i].start.on == want[i].on, "%s", want[i].kind);
	}
	seal_rules_free(r);
	r = load_text(probe_rules);
	/* four-sets (four ranges) and lower (lower case) are left to PCRE2 */
	for (size_t i = 0; i < r->n; i++)
		ck_assert_msg(r->v[i].start.on == (i != 4 && i != 5), "%s", r->v[i].kind);
	seal_rules_free(r);
}
END_TEST

/* Random texts, every length from 0 to 80 and longer ones: the same findings. */
START_TEST(same_on_random_text)
{
	seal_rules *ex = load_examples(), *pr = load_text(probe_rules);
	size_t found = 0;

	for (unsigned round = 0; round < 400; round++) {
		GString *s = random_text(round < 300 ? 1 + round % 80 : 2000 + rnd(6000));

		/* a cut at every length of the short ones: run ends at the text's end */
		for (size_t cut = s->len > 80 ? s->len : 0; cut <= s->len; cut++) {
			found += compare(ex, s->str, cut);
			found += compare(pr, s->str, cut);
		}
		g_string_free(s, TRUE);
	}
	/* the texts do hold matches: the comparison is not between two empty lists */
	ck_assert_uint_gt(found, 10000);
	seal_rules_free(ex);
	seal_rules_free(pr);
}
END_TEST

/* The detection corpora, normalised as a scan reads them. */
START_TEST(same_on_corpora)
{
	static const char *const files[] = {
		"clean/clean-a.txt", "clean/clean-b.txt", "clean/clean-c.txt", "clean/clean-d.txt",
		"clean/clean-layout.txt", "positive/shapes.txt", "positive/wide-bare.txt",
	};
	seal_rules *ex = load_examples(), *pr = load_text(probe_rules);
	const char *top = getenv("top_srcdir");
	size_t found = 0;

	ck_assert_msg(top != NULL, "top_srcdir is not set (run through make check)");
	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		char *path = g_build_filename(top, "tests", "data", files[i], NULL), *text, *norm;
		gsize len;
		size_t nlen;

		ck_assert_msg(g_file_get_contents(path, &text, &len, NULL), "%s", path);
		norm = seal_normalize(text, len, &nlen);
		found += compare(ex, norm, nlen);
		found += compare(pr, norm, nlen);
		g_free(norm);
		g_free(text);
		g_free(path);
	}
	ck_assert_uint_gt(found, 100);
	seal_rules_free(ex);
	seal_rules_free(pr);
}
END_TEST

static Suite *
rules_start_suite(void)
{
	Suite *s = suite_create("rules_start");
	TCase *tc = tcase_create("rules_start");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, start_sets);
	tcase_add_test(tc, same_on_random_text);
	tcase_add_test(tc, same_on_corpora);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return seal_check_run(rules_start_suite());
}
