/*
 * test_rules_start.c - the start search of the site rules (rules_start.c)
 * and their keyword gate (rules.h): PCRE2 called only on runs of a rule's
 * possible first bytes, and a rule skipped where the dictionaries' matcher
 * pass saw none of its keywords, must find exactly what one unrestricted
 * search finds. seal_rules_detect (with the start search) and
 * seal_rules_detect_seen (start search and gate, after
 * seal_category_pass_run) are compared finding by finding with
 * seal_rules_detect_plain (PCRE2 alone) over the example rules of
 * conf/rules.d, rules written to probe the edges (run ends, look-behind,
 * overlapping starts, sets the search leaves to PCRE2, keywords in any
 * case and across line breaks, keywords the gate cannot see), random text
 * full of digits, capitals, keywords and non-ASCII letters (with and
 * without the characters that fold to ASCII), and the detection corpora
 * under tests/data.
 *
 * The inputs are random digits, the published example IBANs of the SWIFT
 * IBAN Registry and the synthetic corpora; nothing is written out but
 * counts and offsets.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "category.h"
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
	"keyword_window = 8\n"
	"\n"
	"name = gated\n"
	"pattern = [0-9]{4,5}\n"
	"keywords = PAS, l\xc3\xb8n, min konto, k.-nr\n"
	"keyword_window = 6\n"
	"\n"
	"name = gated-wide\n"
	"pattern = [A-Z][0-9]{2}\n"
	"keywords = \xc3\x86" "ble, sag\n"
	"keyword_window = 0\n"
	"\n"
	"name = not-gated\n"
	"pattern = [0-9]{3}\n"
	"keywords = \xd0\xbf\xd0\xb0\xd1\x81, pas\n"
	"keyword_window = 4\n";

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

/* The built-in dictionaries, their matcher also looking for r's keywords. */
static seal_category *
gate_for(const seal_rules *r)
{
	seal_err err;
	seal_category *c;

	seal_err_clear(&err);
	c = seal_category_load_gated("", r, &err);
	ck_assert_msg(c != NULL, "%s", err.msg);
	return c;
}

static void
same_findings(const GArray *a, const GArray *b)
{
	ck_assert_uint_eq(a->len, b->len);
	for (guint i = 0; i < a->len; i++) {
		const seal_finding *x = &g_array_index(a, seal_finding, i);
		const seal_finding *y = &g_array_index(b, seal_finding, i);

		ck_assert_uint_eq(x->start, y->start);
		ck_assert_uint_eq(x->end, y->end);
		ck_assert_str_eq(x->rule, y->rule);
		ck_assert_str_eq(x->masked, y->masked);
	}
}

static size_t gated_skips;      /* rules the gate let skip, over all compares */

/*
 * The three searches over text[0..len): start search, start search with
 * the gate of cats (made for r), PCRE2 alone; the number of findings (the
 * same in all).
 */
static size_t
compare(const seal_rules *r, const seal_category *cats, const char *text, size_t len)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(seal_finding));
	GArray *b = g_array_new(FALSE, TRUE, sizeof(seal_finding));
	GArray *g = g_array_new(FALSE, TRUE, sizeof(seal_finding));
	seal_category_pass *pass = seal_category_pass_run(cats, NULL, text, len);
	size_t nseen = 0;
	const unsigned char *seen = seal_category_pass_seen(pass, r, &nseen);
	size_t na = seal_rules_detect(r, text, len, &scan_day, a, 0);
	size_t nb = seal_rules_detect_plain(r, text, len, &scan_day, b, 0);
	size_t ng = seal_rules_detect_seen(r, text, len, &scan_day, g, 0, seen, nseen);

	ck_assert_uint_eq(na, nb);
	ck_assert_uint_eq(ng, nb);
	same_findings(a, b);
	same_findings(g, b);
	if (len > 0)
		ck_assert_msg(seen != NULL && nseen == r->n, "no gate for a text of %zu bytes", len);
	for (size_t i = 0; i < nseen; i++)
		gated_skips += seen[i] == 0;
	seal_category_pass_free(pass);
	g_array_free(a, TRUE);
	g_array_free(b, TRUE);
	g_array_free(g, TRUE);
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
random_text(size_t want, bool no_fold)
{
	static const char *const pieces[] = {
		"0", "1", "9", "99", "1990", "2024-", "-", " ", "  ", "\n", ".", "X",
		"A", "B", "K", "N", "Z", "DK", "NO", "a", "b", "x", "y", "z", "s", "S",
		"pas ", "Pas ", "pasnr ", "passport ", "PASS ", "l\xc3\xb8nkonto ", "nr ",
		"\xc3\x9f", "\xe1\xba\x9e", "\xc5\xbf", "\xc3\xa6", "\xc3\x85", "\xd0\x96",
		"\xe2\x80\x93", "\xf0\x9f\x98\x80", "Sag ", "sagsnr. ",
		"DK50 0040 0440 1162 43", "GB29NWBK60161331926819", "NO9386011117947",
		"L\xc3\x98N ", "min\n konto", "MIN KONTO", "K.-NR", "\xc3\x86" "BLE", "sa", "g",
		"\xd0\x9f\xd0\x90\xd0\xa1", "\xef\xac\x80", "\xe2\x84\xaa",
	};
	/* ß, ẞ, ſ, ﬀ, the Kelvin sign: case folds the gate does not see */
	static const char *const folds_to_ascii[] = {
		"\xc3\x9f", "\xe1\xba\x9e", "\xc5\xbf", "\xef\xac\x80", "\xe2\x84\xaa",
	};
	GString *s = g_string_new(NULL);

	while (s->len < want) {
		const char *p = pieces[rnd(G_N_ELEMENTS(pieces))];
		bool skip = false;

		/* half of the texts without them, where the gate is used */
		for (size_t k = 0; no_fold && k < G_N_ELEMENTS(folds_to_ascii); k++)
			skip |= strcmp(p, folds_to_ascii[k]) == 0;
		if (skip)
			continue;
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

/* Which rules the gate may skip: keywords of ASCII and æøåäöéü only. */
START_TEST(gate_words)
{
	seal_rules *r = load_examples();
	static const bool ex_want[] = { true, true, true, false, false };
	/* near-word's "ß" is folded to "ss" when read: a keyword the gate sees */
	static const bool pr_want[] = { false, false, false, false, false, false, true,
	    true, true, false };

	ck_assert_uint_eq(r->n, G_N_ELEMENTS(ex_want));
	for (size_t i = 0; i < r->n; i++)
		ck_assert_msg(r->v[i].gated == ex_want[i], "%s", r->v[i].kind);
	ck_assert_str_eq(seal_rules_gate_keyword(r, 0, 0), "pas");
	ck_assert_ptr_null(seal_rules_gate_keyword(r, 3, 0));
	ck_assert_ptr_null(seal_rules_gate_keyword(r, 5, 0));
	seal_rules_free(r);
	r = load_text(probe_rules);
	ck_assert_uint_eq(r->n, G_N_ELEMENTS(pr_want));
	for (size_t i = 0; i < r->n; i++)
		ck_assert_msg(r->v[i].gated == pr_want[i], "%s", r->v[i].kind);
	/* folded, in order, NULL after the last */
	ck_assert_str_eq(seal_rules_gate_keyword(r, 7, 0), "pas");
	ck_assert_str_eq(seal_rules_gate_keyword(r, 7, 3), "k.-nr");
	ck_assert_ptr_null(seal_rules_gate_keyword(r, 7, 4));
	ck_assert_str_eq(seal_rules_gate_keyword(r, 8, 0), "\xc3\xa6" "ble");
	seal_rules_free(r);
}
END_TEST

/*
 * The gate serves only the set it was made for: another load of the same
 * file (a reload, perhaps at the same address) gets no gate, so a rule is
 * never skipped on another set's account; and a text's pass tells which
 * rules' keywords it saw.
 */
START_TEST(gate_only_for_its_set)
{
	seal_rules *r = load_examples(), *again = load_examples();
	seal_category *c = gate_for(r);
	const char *text = "Pasnummer og ordre 123456789.";
	seal_category_pass *pass = seal_category_pass_run(c, NULL, text, strlen(text));
	const unsigned char *seen;
	size_t n = 0;

	ck_assert_uint_ne(seal_rules_serial(r), seal_rules_serial(again));
	ck_assert_uint_ne(seal_rules_serial(r), 0);
	ck_assert_ptr_null(seal_category_pass_seen(pass, again, &n));
	ck_assert_uint_eq(n, 0);
	seen = seal_category_pass_seen(pass, r, &n);
	ck_assert_ptr_nonnull(seen);
	ck_assert_uint_eq(n, r->n);
	/* dk-passport's "pas" is in "Pasnummer", no-passport's "pass" is not,
	   nor are iban-personal's words; the two rules without keywords
	   always run */
	ck_assert_uint_eq(seen[0], 1);
	ck_assert_uint_eq(seen[1], 0);
	ck_assert_uint_eq(seen[2], 0);
	ck_assert_uint_eq(seen[3], 1);
	ck_assert_uint_eq(seen[4], 1);
	seal_category_pass_free(pass);
	seal_category_free(c);
	seal_rules_free(again);
	seal_rules_free(r);
}
END_TEST

/*
 * The characters whose case fold the gate's byte classes miss are GLib's:
 * every code point whose fold holds an ASCII character or one of æøåäöéü
 * without being one of those letters (either case), and the UTF-8 check
 * finds each in a text, after ASCII and after a Nordic letter.
 */
START_TEST(fold_special_is_glib)
{
	static const gunichar nordic[] = { 0xE6, 0xF8, 0xE5, 0xE4, 0xF6, 0xE9, 0xFC,
	    0xC6, 0xD8, 0xC5, 0xC4, 0xD6, 0xC9, 0xDC };
	size_t specials = 0;

	for (gunichar c = 0x80; c <= 0x10FFFF; c++) {
		char in[8], text[40], *f;
		int n;
		bool want = false, got, is_nordic = false;

		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		for (size_t k = 0; k < G_N_ELEMENTS(nordic); k++)
			is_nordic |= nordic[k] == c;
		n = g_unichar_to_utf8(c, in);
		f = g_utf8_casefold(in, n);
		for (const char *q = f; *q != '\0' && !is_nordic; q = g_utf8_next_char(q)) {
			gunichar u = g_utf8_get_char(q);

			want |= u < 0x80;
			for (size_t k = 0; k < 7; k++)
				want |= nordic[k] == u;
		}
		g_free(f);
		ck_assert_msg(seal_rules_fold_special(c) == want, "U+%04X", (unsigned)c);
		specials += want;
		/* in the 16-byte ASCII path's tail, and between two-byte letters */
		memcpy(text, "abcdefghijklmnopq", 17);
		memcpy(text + 17, in, (size_t)n);
		memcpy(text + 17 + n, "\xc3\xa6z", 3);
		ck_assert(seal_rules_utf8_check(text, 20 + (size_t)n, &got));
		ck_assert_msg(got == want, "U+%04X after ASCII", (unsigned)c);
		memcpy(text, "\xc3\xb8", 2);
		memcpy(text + 2, in, (size_t)n);
		ck_assert(seal_rules_utf8_check(text, 2 + (size_t)n, &got));
		ck_assert_msg(got == want, "U+%04X after a Nordic letter", (unsigned)c);
	}
	ck_assert_uint_eq(specials, 20);
	ck_assert(seal_rules_utf8_check("plain ASCII and \xc3\xa6\xc3\xb8\xc3\xa5", 22, NULL));
}
END_TEST

/* Random texts, every length from 0 to 80 and longer ones: the same findings. */
START_TEST(same_on_random_text)
{
	seal_rules *ex = load_examples(), *pr = load_text(probe_rules);
	seal_category *gex = gate_for(ex), *gpr = gate_for(pr);
	size_t found = 0;

	gated_skips = 0;
	for (unsigned round = 0; round < 800; round++) {
		GString *s = random_text(round % 400 < 300 ? 1 + round % 80 : 2000 + rnd(6000),
		    round >= 400);

		/* a cut at every length of the short ones: run ends at the text's end */
		for (size_t cut = s->len > 80 ? s->len : 0; cut <= s->len; cut++) {
			found += compare(ex, gex, s->str, cut);
			found += compare(pr, gpr, s->str, cut);
		}
		g_string_free(s, TRUE);
	}
	/* the texts do hold matches: the comparison is not between two empty lists */
	ck_assert_uint_gt(found, 10000);
	/* and the gate did skip rules (the short texts lack most keywords) */
	ck_assert_uint_gt(gated_skips, 10000);
	seal_category_free(gex);
	seal_category_free(gpr);
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
	seal_category *gex = gate_for(ex), *gpr = gate_for(pr);
	const char *top = getenv("top_srcdir");
	size_t found = 0;

	ck_assert_msg(top != NULL, "top_srcdir is not set (run through make check)");
	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		char *path = g_build_filename(top, "tests", "data", files[i], NULL), *text, *norm;
		gsize len;
		size_t nlen;

		ck_assert_msg(g_file_get_contents(path, &text, &len, NULL), "%s", path);
		norm = seal_normalize(text, len, &nlen);
		found += compare(ex, gex, norm, nlen);
		found += compare(pr, gpr, norm, nlen);
		g_free(norm);
		g_free(text);
		g_free(path);
	}
	ck_assert_uint_gt(found, 100);
	seal_category_free(gex);
	seal_category_free(gpr);
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
	tcase_add_test(tc, gate_words);
	tcase_add_test(tc, gate_only_for_its_set);
	tcase_add_test(tc, fold_special_is_glib);
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
