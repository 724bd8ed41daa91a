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
 * Usage: bench_scan [MB [RULES_FILE]]   (default 64, no rules)
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "detect.h"
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

static double
now_s(void)
{
	return (double) g_get_monotonic_time() / 1e6;
}

typedef enum what { W_FINDER, W_NORMALIZE, W_BOTH, W_RULES } what;

static seal_rules *bench_rules;

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

	if (w == W_BOTH || w == W_RULES) {
		GArray *fs = g_array_new(FALSE, FALSE, sizeof(seal_finding));

		count = seal_detect(norm, n, &day, fs);
		if (w == W_RULES)
			count += seal_rules_detect(bench_rules, norm, n, &day, fs, 0);
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
	double best = 1e9;
	size_t count = 0;
	int i;

	for (i = 0; i < RUNS; i++) {
		double t = run_once(w, c, slice, &count);

		if (t < best)
			best = t;
	}
	printf("%-11s %-8s %8.1f MB/s", label, corpus,
	    (double) c->len / 1e6 / best);
	if (w == W_FINDER)
		printf("  (%zu digit runs)\n", count);
	else if (w == W_BOTH || w == W_RULES)
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
		fprintf(stderr, "usage: bench_scan [MB 1-4096 [RULES_FILE]]\n");
		return 2;
	}
	if (argc > 2) {
		seal_err err;

		seal_err_clear(&err);
		bench_rules = seal_rules_load(argv[2], &err);
		if (bench_rules == NULL) {
			fprintf(stderr, "bench_scan: %s:%u: %s\n", err.file, err.line, err.msg);
			return 2;
		}
	}
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
	bench("scan-whole", "ascii", W_BOTH, ascii, ascii->len);
	bench("scan-whole", "nonascii", W_BOTH, nonascii, nonascii->len);
	g_string_free(ascii, TRUE);
	g_string_free(nonascii, TRUE);
	seal_rules_free(bench_rules);
	return 0;
}
