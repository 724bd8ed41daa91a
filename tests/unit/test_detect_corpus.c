/*
 * test_detect_corpus.c - the false-positive corpora of doc/DETECTION.md
 * section 8 (written by tests/data/gen_detect_corpus.py): no clean text
 * may give a finding that counts (medium or high, the default
 * min_confidence), every positive text must give one, and the column
 * separators without a keyword (positive/wide-bare.txt) are found at low.
 *
 * Failure messages name the file, the text number and the masked findings,
 * never a number in clear.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "detect.h"
#include "normalize.h"

#include "check_main.h"

static const seal_date scan_date = { 2026, 6, 1 };

/* Highest level found in text (0: none); masks appended to desc. */
static int
best_level(const char *text, GString *desc)
{
	GArray *fs = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	size_t nlen = 0;
	char *norm = seal_normalize(text, strlen(text), &nlen);
	int best = 0;
	guint i;

	seal_detect(norm, nlen, &scan_date, fs);
	for (i = 0; i < fs->len; i++) {
		seal_finding *f = &g_array_index(fs, seal_finding, i);

		g_string_append_printf(desc, " %s/%s/%s", seal_kind_name(f->kind),
		    seal_level_name(f->level), f->masked);
		if (f->level > best)
			best = f->level;
	}
	g_free(norm);
	g_array_free(fs, TRUE);
	return best;
}

/* Texts of tests/data/NAME, split at the "%%" lines. */
static char **
load_texts(const char *name)
{
	const char *top = getenv("top_srcdir");
	char *path = g_build_filename(top != NULL ? top : "..", "tests", "data",
	    name, NULL);
	char *buf = NULL;
	char **texts;

	ck_assert_msg(g_file_get_contents(path, &buf, NULL, NULL),
	    "cannot read %s", path);
	texts = g_strsplit(buf, "\n%%\n", -1);
	g_free(buf);
	g_free(path);
	return texts;
}

/* Every text of name must have its best level in [lo, hi]. */
static void
check_file(const char *name, int lo, int hi, unsigned min_texts)
{
	char **texts = load_texts(name);
	GString *bad = g_string_new(NULL);
	unsigned i, nbad = 0;

	for (i = 0; texts[i] != NULL; i++) {
		GString *desc = g_string_new(NULL);
		int level = best_level(texts[i], desc);

		if (level < lo || level > hi) {
			if (nbad++ < 5)
				g_string_append_printf(bad, "\n  text %u:%s", i + 1,
				    desc->len ? desc->str : " nothing");
		}
		g_string_free(desc, TRUE);
	}
	ck_assert_msg(i >= min_texts, "%s: got %u texts, want at least %u",
	    name, i, min_texts);
	ck_assert_msg(nbad == 0, "%s: %u of %u texts got a level outside "
	    "%d-%d:%s", name, nbad, i, lo, hi, bad->str);
	g_string_free(bad, TRUE);
	g_strfreev(texts);
}

START_TEST(test_clean)
{
	static const char *const files[] = {
		"clean/clean-a.txt", "clean/clean-b.txt", "clean/clean-c.txt",
		"clean/clean-d.txt", "clean/clean-layout.txt"
	};

	check_file(files[_i], 0, SEAL_LEVEL_LOW, 150);
}
END_TEST

START_TEST(test_positive)
{
	check_file("positive/shapes.txt", SEAL_LEVEL_MEDIUM, SEAL_LEVEL_HIGH,
	    900);
}
END_TEST

START_TEST(test_wide_bare_low)
{
	check_file("positive/wide-bare.txt", SEAL_LEVEL_LOW, SEAL_LEVEL_LOW,
	    100);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("detect_corpus");
	TCase *tc = tcase_create("detect_corpus");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_clean, 0, 5);
	tcase_add_test(tc, test_positive);
	tcase_add_test(tc, test_wide_bare_low);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
