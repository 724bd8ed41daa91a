/*
 * bench_fp.c - false positives and recall of the detector on text corpora
 * (`make bench`; doc/DETECTION.md section 8).
 *
 *   bench_fp [-v] [-l LEVEL] -c CLEAN.txt... -p POSITIVE.txt...
 *
 * Each file holds texts separated by a line "%%" (written by
 * tests/data/gen_detect_corpus.py). Every text is normalised and scanned
 * as a mail part is (scan date 2026-06-01). A clean text with a finding at
 * LEVEL (default medium, what makes a message confidential by default) or
 * above is a false positive; a positive text counts as found when it has
 * such a finding. Prints
 *
 *   false positives: N of M texts
 *   recall: N of M texts
 *
 * -v also lists each miss and false positive: file, text number and the
 * masked findings (never a number in clear).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "detect.h"
#include "normalize.h"

static const seal_date scan_day = { 2026, 6, 1 };

typedef struct tally {
	unsigned texts, hits;
} tally;

/* Number of findings at min_level or above; masks into desc. */
static unsigned
scan_text(const char *t, size_t len, int min_level, GString *desc)
{
	GArray *fs = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	size_t nlen = 0;
	char *norm = seal_normalize(t, len, &nlen);
	unsigned n = 0;
	guint i;

	seal_detect(norm, nlen, &scan_day, fs);
	for (i = 0; i < fs->len; i++) {
		seal_finding *f = &g_array_index(fs, seal_finding, i);

		g_string_append_printf(desc, " %s/%s/%s", seal_kind_name(f->kind),
		    seal_level_name(f->level), f->masked);
		if (f->level >= min_level)
			n++;
	}
	g_free(norm);
	g_array_free(fs, TRUE);
	return n;
}

static int
scan_file(const char *path, bool positive, int min_level, bool verbose,
	tally *t)
{
	char *buf = NULL;
	gsize len = 0;
	char **texts;
	unsigned i;

	if (!g_file_get_contents(path, &buf, &len, NULL)) {
		fprintf(stderr, "bench_fp: cannot read %s\n", path);
		return -1;
	}
	texts = g_strsplit(buf, "\n%%\n", -1);
	for (i = 0; texts[i] != NULL; i++) {
		GString *desc = g_string_new(NULL);
		unsigned n = scan_text(texts[i], strlen(texts[i]), min_level,
		    desc);

		t->texts++;
		if (n > 0)
			t->hits++;
		if (verbose && (positive ? n == 0 : n > 0))
			printf("%s %s text %u:%s\n", positive ? "miss" : "fp",
			    path, i + 1, desc->len ? desc->str : " nothing");
		g_string_free(desc, TRUE);
	}
	g_strfreev(texts);
	g_free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	tally clean = { 0, 0 }, pos = { 0, 0 };
	bool verbose = false, positive = false;
	int min_level = SEAL_LEVEL_MEDIUM, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0)
			verbose = true;
		else if (strcmp(argv[i], "-c") == 0)
			positive = false;
		else if (strcmp(argv[i], "-p") == 0)
			positive = true;
		else if (strcmp(argv[i], "-l") == 0 && i + 1 < argc)
			min_level = seal_level_parse(argv[++i]);
		else if (scan_file(argv[i], positive, min_level, verbose,
		    positive ? &pos : &clean) != 0)
			return 2;
	}
	if (min_level == 0 || clean.texts + pos.texts == 0) {
		fprintf(stderr, "usage: bench_fp [-v] [-l low|medium|high] "
		    "-c CLEAN.txt... -p POSITIVE.txt...\n");
		return 2;
	}
	printf("false positives: %u of %u texts\n", clean.hits, clean.texts);
	printf("recall: %u of %u texts\n", pos.hits, pos.texts);
	return 0;
}
