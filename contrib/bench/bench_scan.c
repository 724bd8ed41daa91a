/*
 * bench_scan.c - scanner throughput, one thread (`make bench`, run by
 * contrib/bench/run.sh): the candidate finder alone, the normaliser alone,
 * and normaliser plus detector, each the best of 5 runs, on two generated
 * in-memory corpora of about 64 MB:
 *
 *   ascii      Danish/English prose with dates, phone and order numbers,
 *              and a few hundred checksum-valid identity numbers;
 *   nonascii   Danish/Swedish/Finnish/Icelandic text full of æøåäöðþ with
 *              Cyrillic and Greek, some look-alike dashes and spaces.
 *
 * The identity numbers are generated here from the rules in
 * doc/DETECTION.md with a fixed seed. Output: MB/s (10^6 bytes) and
 * the number of findings, never a number.
 *
 * With a rules file (rules.h), "scan+rules" adds the site rules after the
 * detectors, as seal_scan() runs them (contrib/bench/run.sh passes the
 * example rules of conf/rules.d).
 *
 * With dictionaries (category.h), "scan+dict" adds category detection after
 * the detectors, and "scan+rules+dict" after detectors and rules: the whole
 * of seal_scan's per-text work, in which the dictionaries' matcher pass
 * also looks for the rules' keywords and a rule none of whose keywords is
 * in a slice is not searched (rules.h, the gate): the corpora hold none of
 * the example rules' keywords, so the line "ascii-kw" repeats the ASCII
 * corpus with a passport and a salary word every 8 KiB (every rule runs
 * on every slice). DICTS is a directory of KIND.LANG.txt files,
 * "builtin" (the compiled-in copy) or "synthetic": about 3,000 generated
 * terms of the shape of the real lists (stems, compounds, inflection
 * markers, two-word terms, acronyms; weights 1 to 3) over all categories
 * and languages, plus the common person words (du, han, you, he, ...),
 * which hit often in ordinary text.
 *
 * Usage: bench_scan [MB [RULES_FILE|- [DICTS]]]   (default 64, no rules, no dictionaries)
 * BENCH_SCAN_ONLY=LABEL[/CORPUS] (e.g. "scan+rules+dict/ascii") runs only
 * those lines, for a profiler.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "category.h"
#include "detect.h"
#include "dict.h"
#include "normalize.h"
#include "rules.h"

#define RUNS 5

static uint64_t rng_state = 0x5EA1C0DE2026ULL;

static uint32_t
rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t) (rng_state % n);
}

static const char *const ascii_words[] = {
	"the", "customer", "asked", "about", "delivery", "of", "order",
	"and", "we", "will", "send", "invoice", "tomorrow", "please",
	"find", "attached", "report", "meeting", "agenda", "budget",
	"kunden", "har", "bestilt", "varer", "til", "levering", "med",
	"venlig", "hilsen", "mvh", "vedlagt", "faktura", "aftale", "om",
	"projekt", "status", "team", "regards", "thanks", "Copenhagen",
};

static const char *const nonascii_words[] = {
	"s\xc3\xb8ndag", "h\xc3\xa6ld", "\xc3\xa5rsrapport", "f\xc3\xb8r",
	"bl\xc3\xa5" "b\xc3\xa6r", "\xc3\xb6vers\xc3\xa4ttning", "m\xc3\xa4nniska",
	"p\xc3\xa5", "k\xc3\xa4rlek", "ty\xc3\xb6p\xc3\xa4iv\xc3\xa4",
	"yst\xc3\xa4v\xc3\xa4", "hyv\xc3\xa4\xc3\xa4", "\xc3\xbe\xc3\xb3tt",
	"fj\xc3\xb6r\xc3\xb0ur", "\xc3\xbe" "etta", "me\xc3\xb0", "\xc3\xadslenska",
	"\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82",
	"\xd0\xb4\xd0\xbe\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x80",
	"\xce\xba\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1",
	"\xce\xb8\xce\xac\xce\xbb\xce\xb1\xcf\x83\xcf\x83\xce\xb1",
	"og", "och", "ja", "st\xc3\xb8rre", "\xe2\x80\x93", "g\xc3\xa5r",
};

/* A checksum-valid CPR (modulus 11), "DDMMYY-SSSS". */
static void
gen_cpr(GString *o)
{
	static const int w[10] = { 4, 3, 2, 7, 6, 5, 4, 3, 2, 1 };
	int d[10], sum, i;

	for (;;) {
		int dd = 1 + (int) rnd(28), mm = 1 + (int) rnd(12);
		int yy = 40 + (int) rnd(50);

		d[0] = dd / 10; d[1] = dd % 10; d[2] = mm / 10; d[3] = mm % 10;
		d[4] = yy / 10; d[5] = yy % 10;
		d[6] = (int) rnd(4);          /* 1900s */
		d[7] = (int) rnd(10);
		d[8] = (int) rnd(10);
		for (sum = 0, i = 0; i < 9; i++)
			sum += w[i] * d[i];
		d[9] = (11 - sum % 11) % 11;
		if (d[9] < 10)
			break;
	}
	for (i = 0; i < 10; i++) {
		if (i == 6)
			g_string_append_c(o, '-');
		g_string_append_c(o, (char) ('0' + d[i]));
	}
}

/* A Luhn-valid Swedish personnummer, "YYMMDD-NNNC". */
static void
gen_pnr(GString *o)
{
	int d[10], sum = 0, i;
	int yy = (int) rnd(100), mm = 1 + (int) rnd(12), dd = 1 + (int) rnd(28);

	d[0] = yy / 10; d[1] = yy % 10; d[2] = mm / 10; d[3] = mm % 10;
	d[4] = dd / 10; d[5] = dd % 10;
	for (i = 6; i < 9; i++)
		d[i] = (int) rnd(10);
	for (i = 0; i < 9; i++) {
		int v = d[i] * (i % 2 == 0 ? 2 : 1);

		sum += v > 9 ? v - 9 : v;
	}
	d[9] = (10 - sum % 10) % 10;
	for (i = 0; i < 10; i++) {
		if (i == 6)
			g_string_append_c(o, '-');
		g_string_append_c(o, (char) ('0' + d[i]));
	}
}

/* Dates, phone and order numbers: digits that are not identity numbers. */
static void
gen_noise_number(GString *o)
{
	switch (rnd(5)) {
	case 0:
		g_string_append_printf(o, "%04u-%02u-%02u", 2000 + rnd(26),
		    1 + rnd(12), 1 + rnd(28));
		break;
	case 1:
		g_string_append_printf(o, "+45 %02u %02u %02u %02u", rnd(100),
		    rnd(100), rnd(100), rnd(100));
		break;
	case 2:
		g_string_append_printf(o, "ordre %09u", rnd(1000000000));
		break;
	case 3:
		g_string_append_printf(o, "%u.%02u kr", rnd(100000), rnd(100));
		break;
	default:
		g_string_append_printf(o, "%02u:%02u", rnd(24), rnd(60));
		break;
	}
}

/* The corpus c with the example rules' keywords every 8 KiB (at a line start). */
static GString *
with_keywords(const GString *c)
{
	GString *o = g_string_sized_new(c->len + c->len / 256);
	size_t at = 0;

	while (at < c->len) {
		size_t end = at + 8192 < c->len ? at + 8192 : c->len;
		const char *lf = memchr(c->str + end, '\n', c->len - end);

		end = lf != NULL ? (size_t) (lf - c->str) + 1 : c->len;
		g_string_append(o, "Passport no. and l\xc3\xb8nkonto, see below. ");
		g_string_append_len(o, c->str + at, (gssize) (end - at));
		at = end;
	}
	return o;
}

static GString *
make_corpus(size_t size, bool nonascii)
{
	GString *o = g_string_sized_new(size + 256);
	size_t next_id = 0;

	while (o->len < size) {
		uint32_t r = rnd(1000);

		if (o->len >= next_id) {
			g_string_append(o, r % 2 ? " CPR-nr. " : " personnummer ");
			if (r % 2)
				gen_cpr(o);
			else
				gen_pnr(o);
			next_id = o->len + 150000 + rnd(100000);
		} else if (r < 40) {
			g_string_append_c(o, ' ');
			gen_noise_number(o);
		} else if (nonascii && r < 700) {
			g_string_append_c(o, ' ');
			g_string_append(o, nonascii_words[rnd(
			    G_N_ELEMENTS(nonascii_words))]);
		} else {
			g_string_append_c(o, ' ');
			g_string_append(o, ascii_words[rnd(
			    G_N_ELEMENTS(ascii_words))]);
		}
		if (r % 13 == 0)
			g_string_append(o, r % 2 ? ".\r\n" : ".\n\n");
		else if (nonascii && r % 29 == 0)
			g_string_append(o, "\xc2\xa0");
	}
	return o;
}

/*
 * The thread's CPU time, not the wall clock: the figure is "one core", and
 * on a shared machine the wall clock also counts the other programs.
 */
static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

typedef enum what { W_FINDER, W_NORMALIZE, W_BOTH, W_RULES, W_DICT, W_ALL } what;

static seal_rules *bench_rules;
static seal_category *bench_cats;

static const char *const syllables[] = {
	"be", "han", "dling", "mis", "brug", "psy", "ki", "a", "tri", "sk", "ud",
	"red", "ning", "sjuk", "dom", "hus", "an", "brin", "gel", "se", "ple", "je",
	"b\xc3\xb8rn", "f\xc3\xb8" "d", "sel", "l\xc3\xa6", "ge", "m\xc3\xb8", "\xc3\xa5r",
	"v\xc3\xa5" "rd", "h\xc3\xa4l", "s\xc3\xb6", "tal", "for", "ret", "ter", "apo",
	"stof", "vold", "straf", "til", "syn", "sam", "tro", "parti", "for", "bund",
	"kir", "ke", "mo", "ske", "et", "nisk", "kon", "takt", "me", "di", "cin",
};

static const char *const person_words[] = {
	"han", "hun", "hon", "du", "dig", "din", "dit", "dine", "ni", "dere", "you",
	"your", "he", "she", "his", "her", "patienten", "borgeren", "klienten",
	"barnet", "eleven", "din s\xc3\xb8n 3", "ditt barn 3", "your son 3",
	"K\xc3\xa6" "re^ 2", "Dear^ 2", "f\xc3\xb8" "dt# 3", "sagsnr# 3", "dnr# 3",
};

static const char *const general_words[] = {
	"nyhedsbrev~ 2", "afmeld* 1", "stillingsopslag~ 3", "vi s\xc3\xb8ger 2",
	"dagsorden~ 2", "pressemeddelelse~ 2", "unsubscribe 3", "newsletter~ 2",
	"nyhetsbrev~ 2", "kallelse~ 1",
};

/* One made-up term of the real lists' shape, with marker and weight. */
static void
gen_term(GString *o)
{
	unsigned n = 2 + rnd(3), shape = rnd(20);

	if (shape == 0) {             /* an acronym: exact case */
		for (unsigned i = 0; i < 3; i++)
			g_string_append_c(o, (char) ('A' + rnd(26)));
	} else {
		if (shape < 4)
			g_string_append_c(o, '*');
		for (unsigned i = 0; i < n; i++)
			g_string_append(o, syllables[rnd(G_N_ELEMENTS(syllables))]);
		if (shape >= 4 && shape < 6) {
			g_string_append_c(o, ' ');
			for (unsigned i = 0; i < 2; i++)
				g_string_append(o, syllables[rnd(G_N_ELEMENTS(syllables))]);
		}
		g_string_append(o, shape < 10 ? "~" : shape < 15 ? "*" : "");
	}
	g_string_append_printf(o, " %u\n", 1 + rnd(3));
}

static seal_dict *
synthetic_dict(void)
{
	static const char *const langs[] = { "da", "sv", "nb", "en", "fi" };
	seal_dict *d = seal_dict_new();
	seal_err err;

	for (unsigned k = 0; k < SEAL_DICT_KINDS; k++) {
		for (unsigned l = 0; l < G_N_ELEMENTS(langs); l++) {
			GString *t = g_string_new(NULL);
			char *name = g_strdup_printf("%s.%s.txt", seal_dict_kind_name(k), langs[l]);

			/* the common words once (they belong to one language each) */
			if (k >= SEAL_CAT_COUNT && l > 0)
				;
			else if (k == SEAL_DICT_PERSON)
				for (size_t i = 0; i < G_N_ELEMENTS(person_words); i++)
					g_string_append_printf(t, "%s\n", person_words[i]);
			else if (k == SEAL_DICT_GENERAL)
				for (size_t i = 0; i < G_N_ELEMENTS(general_words); i++)
					g_string_append_printf(t, "%s\n", general_words[i]);
			else
				for (unsigned i = 0; i < 66; i++)
					gen_term(t);
			if (seal_dict_parse(d, name, name, t->str, t->len, &err) != SEAL_OK) {
				fprintf(stderr, "bench_scan: synthetic %s:%u: %s\n", err.file,
				    err.line, err.msg);
				exit(2);
			}
			g_free(name);
			g_string_free(t, TRUE);
		}
	}
	return d;
}

static seal_category *
load_dicts(const char *spec)
{
	seal_err err;
	seal_category *c;

	seal_err_clear(&err);
	/* as the daemon: the matcher also looks for the rules' keywords */
	if (strcmp(spec, "synthetic") == 0)
		c = seal_category_new_gated(synthetic_dict(), bench_rules, &err);
	else
		c = seal_category_load_gated(strcmp(spec, "builtin") == 0 ? "" : spec,
		    bench_rules, &err);
	if (c == NULL) {
		fprintf(stderr, "bench_scan: %s:%u: %s\n", err.file, err.line, err.msg);
		exit(2);
	}
	return c;
}

/*
 * Mail is scanned part by part, so the text is fed in message-sized
 * slices (cut after a line break). One 64 MB output buffer would instead
 * measure the kernel: its first touch alone costs about as much as the
 * normaliser (page faults); the "whole" lines show that figure too.
 */
#define SLICE (1u << 20)

static size_t
scan_slice(what w, const char *p, size_t len)
{
	static const seal_date day = { 2026, 6, 1 };
	size_t n = 0, count;
	char *norm = seal_normalize(p, len, &n);

	if (w != W_NORMALIZE) {
		GArray *fs = g_array_new(FALSE, FALSE, sizeof(seal_finding));

		seal_category_pass *pass = NULL;
		const unsigned char *seen = NULL;
		size_t nseen = 0;

		/* as seal_scan: the matcher pass first, its keyword gate for the rules */
		if (w == W_DICT || w == W_ALL) {
			pass = seal_category_pass_run(bench_cats, NULL, norm, n);
			seen = seal_category_pass_seen(pass, bench_rules, &nseen);
		}
		count = seal_detect(norm, n, &day, fs);
		if (w == W_RULES || w == W_ALL)
			count += seal_rules_detect_seen(bench_rules, norm, n, &day, fs, 0,
			    seen, nseen);
		if (w == W_DICT || w == W_ALL)
			count += seal_category_pass_score(pass,
			    (const seal_finding *) (void *) fs->data, fs->len, fs, NULL);
		seal_category_pass_free(pass);
		g_array_free(fs, TRUE);
	} else {
		count = n;
	}
	g_free(norm);
	return count;
}

/* One timed run; returns seconds, *count gets runs, bytes or findings. */
static double
run_once(what w, const GString *c, size_t slice, size_t *count)
{
	double t0 = now_s();
	size_t off = 0;

	if (w == W_FINDER) {
		*count = seal_detect_count_digit_runs(c->str, c->len);
		return now_s() - t0;
	}
	*count = 0;
	while (off < c->len) {
		size_t end = c->len - off > slice ? off + slice : c->len;
		const char *lf = memchr(c->str + end, '\n', c->len - end);

		end = lf != NULL ? (size_t) (lf - c->str) + 1 : c->len;
		*count += scan_slice(w, c->str + off, end - off);
		off = end;
	}
	return now_s() - t0;
}

static void
bench(const char *label, const char *corpus, what w, const GString *c,
	size_t slice)
{
	const char *only = getenv("BENCH_SCAN_ONLY");
	double best = 1e9;
	size_t count = 0;
	int i;

	/* BENCH_SCAN_ONLY=LABEL[/CORPUS]: those lines alone (for a profiler) */
	if (only != NULL && *only != '\0') {
		const char *slash = strchr(only, '/');
		size_t n = slash != NULL ? (size_t) (slash - only) : strlen(only);

		if (strlen(label) != n || strncmp(only, label, n) != 0
		    || (slash != NULL && strcmp(slash + 1, corpus) != 0))
			return;
	}
	for (i = 0; i < RUNS; i++) {
		double t = run_once(w, c, slice, &count);

		if (t < best)
			best = t;
	}
	printf("%-15s %-8s %8.1f MB/s", label, corpus,
	    (double) c->len / 1e6 / best);
	if (w == W_FINDER)
		printf("  (%zu digit runs)\n", count);
	else if (w != W_NORMALIZE)
		printf("  (%zu findings)\n", count);
	else
		printf("  (%zu bytes out)\n", count);
}

int
main(int argc, char **argv)
{
	size_t mb = argc > 1 ? (size_t) strtoul(argv[1], NULL, 10) : 64;
	GString *ascii, *nonascii;

	if (mb == 0 || mb > 4096) {
		fprintf(stderr, "usage: bench_scan [MB 1-4096 [RULES_FILE|- [DIR|builtin|synthetic]]]\n");
		return 2;
	}
	if (argc > 2 && strcmp(argv[2], "-") != 0) {
		seal_err err;

		seal_err_clear(&err);
		bench_rules = seal_rules_load(argv[2], &err);
		if (bench_rules == NULL) {
			fprintf(stderr, "bench_scan: %s:%u: %s\n", err.file, err.line, err.msg);
			return 2;
		}
	}
	if (argc > 3)
		bench_cats = load_dicts(argv[3]);
	ascii = make_corpus(mb << 20, false);
	nonascii = make_corpus(mb << 20, true);
	printf("# corpora: ascii %zu bytes, nonascii %zu bytes; best of %d, "
	    "one thread; normalize/scan in %u KiB slices, scan-whole in one\n",
	    ascii->len, nonascii->len, RUNS, SLICE >> 10);
	bench("finder", "ascii", W_FINDER, ascii, 0);
	bench("finder", "nonascii", W_FINDER, nonascii, 0);
	bench("normalize", "ascii", W_NORMALIZE, ascii, SLICE);
	bench("normalize", "nonascii", W_NORMALIZE, nonascii, SLICE);
	bench("scan", "ascii", W_BOTH, ascii, SLICE);
	bench("scan", "nonascii", W_BOTH, nonascii, SLICE);
	if (bench_rules != NULL) {
		printf("# scan+rules: %zu site rules\n", seal_rules_count(bench_rules));
		bench("scan+rules", "ascii", W_RULES, ascii, SLICE);
		bench("scan+rules", "nonascii", W_RULES, nonascii, SLICE);
	}
	if (bench_cats != NULL) {
		printf("# scan+dict: %zu dictionary terms (%s)\n",
		    seal_category_terms(bench_cats), argv[3]);
		bench("scan+dict", "ascii", W_DICT, ascii, SLICE);
		bench("scan+dict", "nonascii", W_DICT, nonascii, SLICE);
		if (bench_rules != NULL) {
			GString *kw = with_keywords(ascii);

			bench("scan+rules+dict", "ascii", W_ALL, ascii, SLICE);
			bench("scan+rules+dict", "nonascii", W_ALL, nonascii, SLICE);
			bench("scan+rules+dict", "ascii-kw", W_ALL, kw, SLICE);
			g_string_free(kw, TRUE);
		}
	}
	bench("scan-whole", "ascii", W_BOTH, ascii, ascii->len);
	bench("scan-whole", "nonascii", W_BOTH, nonascii, nonascii->len);
	g_string_free(ascii, TRUE);
	g_string_free(nonascii, TRUE);
	seal_rules_free(bench_rules);
	seal_category_free(bench_cats);
	return 0;
}
