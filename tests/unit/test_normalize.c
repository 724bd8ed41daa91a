/*
 * test_normalize.c - seal_normalize() against spec section 2.2: every
 * evasion class (E1-E5, E11) and the edges of the line rules. One labelled
 * table; each row is one Check test ("got X, want Y" on failure).
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "normalize.h"

#include "check_main.h"

typedef struct ncase {
	const char *label;
	const char *in;
	const char *want;
} ncase;

static const ncase cases[] = {
	/* basics */
	{ "empty", "", "" },
	{ "plain ascii kept", "CPR nr. 12 ab", "CPR nr. 12 ab" },
	{ "letters aeoa kept", "\xc3\xa6\xc3\xb8\xc3\xa5 \xc3\xa4\xc3\xb6 \xc3\xb0\xc3\xbe",
	  "\xc3\xa6\xc3\xb8\xc3\xa5 \xc3\xa4\xc3\xb6 \xc3\xb0\xc3\xbe" },
	{ "cyrillic greek kept", "\xd0\x96\xd0\xb8 \xce\xa9\xce\xbb", "\xd0\x96\xd0\xb8 \xce\xa9\xce\xbb" },
	{ "cjk kept", "\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87" },
	{ "runs of spaces kept", "a   b\t\tc", "a   b\t\tc" },
	/* E11 line breaks */
	{ "lone CR", "a\rb", "a\nb" },
	{ "CRLF", "a\r\nb", "a\nb" },
	{ "CR CR is a paragraph", "a\r\rb", "a\n\nb" },
	{ "CRLF CRLF paragraph", "a\r\n\r\nb", "a\n\nb" },
	{ "LF CR", "a\n\rb", "a\n\nb" },
	{ "three LF", "a\n\n\nb", "a\n\nb" },
	{ "five LF", "a\n\n\n\n\nb", "a\n\nb" },
	{ "spaces around LF", "a  \n  b", "a\nb" },
	{ "tabs around LF", "a\t\n\tb", "a\nb" },
	{ "spaced blank line", "a \n \n b", "a\n\nb" },
	{ "CR space LF is two", "a\r \nb", "a\n\nb" },
	{ "leading LF", "\n  a", "\na" },
	{ "trailing spaces LF", "a \t \n", "a\n" },
	{ "only spaces and LF", "  \n  ", "\n" },
	{ "CR at end", "a\r", "a\n" },
	{ "invisible inside CRLF", "a\r\xe2\x80\x8b\nb", "a\nb" },
	{ "nbsp before LF trimmed (E5 then E11)", "a\xc2\xa0\nb", "a\nb" },
	{ "ideographic space after LF trimmed", "a\n\xe3\x80\x80" "b", "a\nb" },
	{ "zw between spaces and LF", "a \xe2\x80\x8b\n\xe2\x80\x8b b", "a\nb" },
	{ "LF after long line (SIMD block)",
	  "0123456789abcdefghijklmnopqrstuvwxyz  \n  z",
	  "0123456789abcdefghijklmnopqrstuvwxyz\nz" },
	/* E4 invisibles */
	{ "soft hyphen deleted", "7109\xc2\xad" "03", "710903" },
	{ "zwsp deleted", "1\xe2\x80\x8b" "2", "12" },
	{ "zwnj deleted", "1\xe2\x80\x8c" "2", "12" },
	{ "zwj deleted", "1\xe2\x80\x8d" "2", "12" },
	{ "word joiner deleted", "1\xe2\x81\xa0" "2", "12" },
	{ "bom deleted", "\xef\xbb\xbf" "12", "12" },
	{ "soft hyphen is no hyphen", "710903\xc2\xad" "7353", "7109037353" },
	/* E3 dashes */
	{ "U+2010 hyphen", "1\xe2\x80\x90" "2", "1-2" },
	{ "U+2011 nb hyphen", "1\xe2\x80\x91" "2", "1-2" },
	{ "U+2012 figure dash", "1\xe2\x80\x92" "2", "1-2" },
	{ "U+2013 en dash", "1\xe2\x80\x93" "2", "1-2" },
	{ "U+2014 em dash", "1\xe2\x80\x94" "2", "1-2" },
	{ "U+2015 bar", "1\xe2\x80\x95" "2", "1-2" },
	{ "U+2212 minus", "1\xe2\x88\x92" "2", "1-2" },
	{ "U+FE58 small em dash", "1\xef\xb9\x98" "2", "1-2" },
	{ "U+FE63 small hyphen", "1\xef\xb9\xa3" "2", "1-2" },
	{ "U+FF0D fullwidth hyphen", "1\xef\xbc\x8d" "2", "1-2" },
	{ "U+FF0B fullwidth plus", "1\xef\xbc\x8b" "2", "1+2" },
	{ "U+FE62 small plus", "1\xef\xb9\xa2" "2", "1+2" },
	{ "U+2016 not a dash", "1\xe2\x80\x96" "2", "1\xe2\x80\x96" "2" },
	/* E5 spaces */
	{ "U+00A0", "1\xc2\xa0" "2", "1 2" },
	{ "U+2000", "1\xe2\x80\x80" "2", "1 2" },
	{ "U+2002 en space", "1\xe2\x80\x82" "2", "1 2" },
	{ "U+2007 figure space", "1\xe2\x80\x87" "2", "1 2" },
	{ "U+2009 thin space", "1\xe2\x80\x89" "2", "1 2" },
	{ "U+200A hair space", "1\xe2\x80\x8a" "2", "1 2" },
	{ "U+202F narrow nbsp", "1\xe2\x80\xaf" "2", "1 2" },
	{ "U+205F math space", "1\xe2\x81\x9f" "2", "1 2" },
	{ "U+3000 ideographic", "1\xe3\x80\x80" "2", "1 2" },
	{ "two nbsp not collapsed", "1\xc2\xa0\xc2\xa0" "2", "1  2" },
	/* E1 fullwidth */
	{ "fullwidth digits", "\xef\xbc\x91\xef\xbc\x97\xef\xbc\x90", "170" },
	{ "fullwidth letters", "\xef\xbc\xa1\xef\xbd\x81\xef\xbc\xb9", "AaY" },
	{ "fullwidth punctuation", "\xef\xbc\x81\xef\xbd\x9e", "!~" },
	{ "halfwidth katakana kept", "\xef\xbd\xb1", "\xef\xbd\xb1" },
	/* E2 Nd digits */
	{ "arabic-indic", "\xd9\xa1\xd9\xa7\xd9\xa0", "170" },
	{ "extended arabic-indic", "\xdb\xb1\xdb\xb9", "19" },
	{ "devanagari", "\xe0\xa5\xa7\xe0\xa5\xad", "17" },
	{ "bengali", "\xe0\xa7\xa9", "3" },
	{ "thai", "\xe0\xb9\x95", "5" },
	{ "nko", "\xdf\x88", "8" },
	{ "math bold digit (4 bytes)", "\xf0\x9d\x9f\x8f", "1" },
	{ "superscript two (No) kept", "\xc2\xb2", "\xc2\xb2" },
	{ "circled one (No) kept", "\xe2\x91\xa0", "\xe2\x91\xa0" },
	{ "roman twelve (Nl) kept", "\xe2\x85\xab", "\xe2\x85\xab" },
	{ "vulgar fraction (No) kept", "\xc2\xbd", "\xc2\xbd" },
	/* robustness: a truncated sequence is copied, never over-read */
	{ "truncated utf-8 at end", "ab\xe2\x80", "ab\xe2\x80" },
	{ "stray continuation byte", "a\x80" "b", "a\x80" "b" },
};

START_TEST(test_case)
{
	const ncase *c = &cases[_i];
	size_t n = 0;
	char *got = seal_normalize(c->in, strlen(c->in), &n);
	char *ge = g_strescape(got, NULL), *we = g_strescape(c->want, NULL);

	ck_assert_msg(n == strlen(c->want) && memcmp(got, c->want, n) == 0,
	    "%s: got \"%s\" (%zu bytes), want \"%s\"", c->label, ge, n, we);
	ck_assert_msg(got[n] == '\0', "%s: got no NUL terminator", c->label);
	g_free(ge);
	g_free(we);
	g_free(got);
}
END_TEST

/* An embedded NUL is data: the length, not strlen, counts. */
START_TEST(test_nul_kept)
{
	static const char in[] = "a\0b\r\n";
	size_t n = 0;
	char *got = seal_normalize(in, sizeof(in) - 1, &n);

	ck_assert_msg(n == 4 && memcmp(got, "a\0b\n", 4) == 0,
	    "got %zu bytes, want 4 (a NUL b LF)", n);
	g_free(got);
}
END_TEST

/* Long mixed input: same result as normalising it line by line. */
START_TEST(test_long_mixed)
{
	GString *in = g_string_new(NULL), *want = g_string_new(NULL);
	size_t n = 0;
	char *got;
	int i;

	for (i = 0; i < 2000; i++) {
		g_string_append(in, "Borgerens CPR\xe2\x80\x93nr \xc3\xa6 ");
		g_string_append(in, i % 3 == 0 ? " \r\n " : "\xc2\xa0");
		g_string_append(want, "Borgerens CPR-nr \xc3\xa6");
		g_string_append(want, i % 3 == 0 ? "\n" : "  ");
	}
	got = seal_normalize(in->str, in->len, &n);
	ck_assert_msg(n == want->len && memcmp(got, want->str, n) == 0,
	    "got %zu bytes, want %zu identical bytes", n, want->len);
	g_free(got);
	g_string_free(in, TRUE);
	g_string_free(want, TRUE);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("normalize");
	TCase *tc = tcase_create("normalize");

	tcase_add_loop_test(tc, test_case, 0, (int) G_N_ELEMENTS(cases));
	tcase_add_test(tc, test_nul_kept);
	tcase_add_test(tc, test_long_mixed);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
