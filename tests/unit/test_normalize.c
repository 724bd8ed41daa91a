/*
 * test_normalize.c - seal_normalize() against spec section 2.2: every
 * evasion class (E1-E5, E11) and the edges of the line rules. One labelled
 * table; each row is one Check test ("got X, want Y" on failure).
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "detect.h"
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
	{ "superscript two (No) folded", "\xc2\xb2", "2" },
	{ "circled one (No) folded", "\xe2\x91\xa0", "1" },
	{ "roman twelve (Nl) kept", "\xe2\x85\xab", "\xe2\x85\xab" },
	{ "vulgar fraction (No) kept", "\xc2\xbd", "\xc2\xbd" },
	/* E4 invisibles added by issue 9 */
	{ "LRM deleted", "170583\xe2\x80\x8e-1889", "170583-1889" },
	{ "RLM deleted", "170583\xe2\x80\x8f-1889", "170583-1889" },
	{ "ALM deleted", "710903\xd8\x9c" "7353", "7109037353" },
	{ "LRE PDF deleted", "17\xe2\x80\xaa" "0583\xe2\x80\xac-1889", "170583-1889" },
	{ "RLE deleted", "17\xe2\x80\xab" "0583\xe2\x80\xac-1889", "170583-1889" },
	{ "LRO deleted", "17\xe2\x80\xad" "0583\xe2\x80\xac-1889", "170583-1889" },
	{ "isolates deleted", "\xe2\x81\xa6" "170583\xe2\x81\xa9-\xe2\x81\xa7\xe2\x81\xa8" "1889\xe2\x81\xa9\xe2\x81\xa9", "170583-1889" },
	{ "stray PDF deleted", "170583\xe2\x80\xac-1889", "170583-1889" },
	{ "invisible operators U+2061-2064", "1\xe2\x81\xa1" "7\xe2\x81\xa2" "0\xe2\x81\xa3" "5\xe2\x81\xa4" "83", "170583" },
	{ "deprecated format U+206A-206F", "1\xe2\x81\xaa" "7\xe2\x81\xaf" "0", "170" },
	{ "variation selector 16", "1\xef\xb8\x8f" "7\xef\xb8\x80" "0", "170" },
	{ "variation selector supplement", "1\xf3\xa0\x84\x80" "7\xf3\xa0\x87\xaf" "0", "170" },
	{ "CGJ deleted", "170583\xcd\x8f-1889", "170583-1889" },
	{ "combining acute on digit", "1\xcc\x81" "7\xcc\x80" "0", "170" },
	{ "enclosing keycap", "1\xe2\x83\xa3" "7\xe2\x83\xa3" "0\xe2\x83\xa3", "170" },
	{ "Mongolian vowel separator", "710903\xe1\xa0\x8e" "7353", "7109037353" },
	{ "Hangul choseong filler", "710903\xe1\x85\x9f" "7353", "7109037353" },
	{ "Hangul jungseong filler", "710903\xe1\x85\xa0" "7353", "7109037353" },
	{ "Hangul filler", "710903\xe3\x85\xa4" "7353", "7109037353" },
	{ "halfwidth Hangul filler", "710903\xef\xbe\xa0" "7353", "7109037353" },
	{ "Khmer inherent vowels", "710903\xe1\x9e\xb4\xe1\x9e\xb5" "7353", "7109037353" },
	{ "tag characters", "7109\xf3\xa0\x81\x81\xf3\xa0\x81\xbf" "037353\xf3\xa0\x80\x81", "7109037353" },
	{ "other format (Arabic number mark above)", "1\xe0\xa3\xa2" "7", "17" },
	/* E4 marks on letters: NFD text still matches the NFC keywords */
	{ "NFD o umlaut composed", "henkilo\xcc\x88tunnus", "henkil\xc3\xb6tunnus" },
	{ "NFD a ring composed", "Pa\xcc\x8a", "P\xc3\xa5" },
	{ "NFD A ring composed", "A\xcc\x8a", "\xc3\x85" },
	{ "NFD Icelandic kennitolu", "kennito\xcc\x88lu", "kennit\xc3\xb6lu" },
	{ "NFD Swedish a umlaut", "sa\xcc\x88rskild", "s\xc3\xa4rskild" },
	{ "o with solidus overlay is o-slash", "fo\xcc\xb8" "dselsnummer", "f\xc3\xb8" "dselsnummer" },
	{ "O with solidus overlay", "O\xcc\xb8", "\xc3\x98" },
	{ "NFC letters unchanged", "f\xc3\xb8" "dselsnummer \xc3\xa6\xc3\xa5\xc3\xb0\xc3\xbe", "f\xc3\xb8" "dselsnummer \xc3\xa6\xc3\xa5\xc3\xb0\xc3\xbe" },
	{ "mark with no composition dropped", "x\xcc\xb8y", "xy" },
	{ "mark after line break dropped", "a\n\xcc\x81" "b", "a\nb" },
	{ "mark at text start dropped", "\xcc\x81" "1", "1" },
	{ "two marks composed in turn", "a\xcc\xa3\xcc\x82", "\xe1\xba\xad" },
	/* E6 right-to-left override: read as displayed */
	{ "RLO reversed to PDF", "CPR \xe2\x80\xae" "9881-385071\xe2\x80\xac.", "CPR 170583-1889." },
	{ "RLO reversed to line end", "CPR \xe2\x80\xae" "9881-385071\nx", "CPR 170583-1889\nx" },
	{ "RLO reversed to CRLF", "\xe2\x80\xae" "3537-309017\r\nx", "710903-7353\nx" },
	{ "RLO reversed to text end", "CPR \xe2\x80\xae" "9881-385071", "CPR 170583-1889" },
	{ "RLO reversed to U+2029", "\xe2\x80\xae" "9881\xe2\x80\xa9x", "1889\n\nx" },
	{ "RLO with split digits", "1705\xe2\x80\xae" "9881-38\xe2\x80\xac", "170583-1889" },
	{ "RLO nested embedding counted", "\xe2\x80\xae" "a\xe2\x80\xaa" "b\xe2\x80\xac" "c\xe2\x80\xac" "d", "cbad" },
	{ "RLO non-ASCII kept whole", "\xe2\x80\xae\xc3\xb8" "a\xd9\xa1\xe2\x80\xac", "1a\xc3\xb8" },
	{ "RLO fullwidth digits", "\xe2\x80\xae\xef\xbc\x99\xef\xbc\x98\xef\xbc\x98\xef\xbc\x91\xe2\x80\xac", "1889" },
	{ "RLO superscripts", "\xe2\x80\xae\xc2\xb9\xe2\x81\xb7\xe2\x80\xac", "71" },
	{ "RLO composed mark inside", "\xe2\x80\xaeo\xcc\x88x\xe2\x80\xac", "x\xc3\xb6" },
	{ "RLO mark at its start dropped", "o\xe2\x80\xae\xcc\x88x\xe2\x80\xac", "ox" },
	{ "two RLOs", "\xe2\x80\xae" "21\xe2\x80\xac-\xe2\x80\xae" "43\xe2\x80\xac", "12-34" },
	{ "RLO long ASCII run (SIMD block)", "\xe2\x80\xae" "zyxwvutsrqponmlkjihgfedcba9876543210",
	  "0123456789abcdefghijklmnopqrstuvwxyz" },
	/* E11 line and paragraph separators */
	{ "U+2028 line break", "170583-\xe2\x80\xa8" "1889", "170583-\n1889" },
	{ "U+2029 paragraph break", "170583\xe2\x80\xa9" "1889", "170583\n\n1889" },
	{ "NEL line break", "a\xc2\x85" "b", "a\nb" },
	{ "U+2028 trims spaces", "a \xe2\x80\xa8 b", "a\nb" },
	{ "U+2029 after LF is one paragraph", "a\n\xe2\x80\xa9\nb", "a\n\nb" },
	{ "CR then U+2028", "a\r\xe2\x80\xa8" "b", "a\n\nb" },
	/* E3 dashes added by issue 9 */
	{ "U+2796 heavy minus", "170583\xe2\x9e\x96" "1889", "170583-1889" },
	{ "U+2043 hyphen bullet", "170583\xe2\x81\x83" "1889", "170583-1889" },
	{ "U+02D7 modifier minus", "170583\xcb\x97" "1889", "170583-1889" },
	{ "U+207B superscript minus", "170583\xe2\x81\xbb" "1889", "170583-1889" },
	{ "U+208B subscript minus", "170583\xe2\x82\x8b" "1889", "170583-1889" },
	{ "U+FE31 vertical em dash", "170583\xef\xb8\xb1" "1889", "170583-1889" },
	{ "U+FE32 vertical en dash", "170583\xef\xb8\xb2" "1889", "170583-1889" },
	{ "U+1806 Mongolian todo hyphen", "170583\xe1\xa0\x86" "1889", "170583-1889" },
	{ "U+2E3A two-em dash", "170583\xe2\xb8\xba" "1889", "170583-1889" },
	{ "U+2E3B three-em dash", "170583\xe2\xb8\xbb" "1889", "170583-1889" },
	{ "U+30FC prolonged sound mark", "170583\xe3\x83\xbc" "1889", "170583-1889" },
	{ "U+FF70 halfwidth prolonged mark", "1\xef\xbd\xb0" "2", "1-2" },
	{ "U+058A Armenian hyphen", "1\xd6\x8a" "2", "1-2" },
	{ "U+05BE maqaf", "1\xd6\xbe" "2", "1-2" },
	{ "U+207A superscript plus", "710903\xe2\x81\xba" "7353", "710903+7353" },
	{ "U+208A subscript plus", "1\xe2\x82\x8a" "2", "1+2" },
	/* E5 spaces added by issue 9 */
	{ "U+1680 ogham space", "170583\xe1\x9a\x80" "1889", "170583 1889" },
	{ "U+2800 braille blank", "170583\xe2\xa0\x80" "1889", "170583 1889" },
	/* E2 compatibility digits (NFKC, digits only) */
	{ "superscript number", "\xc2\xb9\xe2\x81\xb7\xe2\x81\xb0\xe2\x81\xb5\xe2\x81\xb8\xc2\xb3-\xc2\xb9\xe2\x81\xb8\xe2\x81\xb8\xe2\x81\xb9", "170583-1889" },
	{ "superscripts 0-9", "\xe2\x81\xb0\xc2\xb9\xc2\xb2\xc2\xb3\xe2\x81\xb4\xe2\x81\xb5\xe2\x81\xb6\xe2\x81\xb7\xe2\x81\xb8\xe2\x81\xb9", "0123456789" },
	{ "subscripts 0-9", "\xe2\x82\x80\xe2\x82\x81\xe2\x82\x82\xe2\x82\x83\xe2\x82\x84\xe2\x82\x85\xe2\x82\x86\xe2\x82\x87\xe2\x82\x88\xe2\x82\x89", "0123456789" },
	{ "circled digits", "\xe2\x93\xaa\xe2\x91\xa0\xe2\x91\xa1\xe2\x91\xa2\xe2\x91\xa3\xe2\x91\xa4\xe2\x91\xa5\xe2\x91\xa6\xe2\x91\xa7\xe2\x91\xa8", "0123456789" },
	{ "parenthesised digits", "\xe2\x91\xb4\xe2\x91\xba\xe2\x91\xb8", "175" },
	{ "full stop digits", "\xe2\x92\x88\xe2\x92\x8e", "17" },
	{ "digit comma", "\xf0\x9f\x84\x81\xf0\x9f\x84\x82", "01" },
	{ "dingbat negative circled", "\xe2\x9d\xb6\xe2\x9d\xbe", "19" },
	{ "dingbat circled sans-serif", "\xe2\x9e\x80\xe2\x9e\x88", "19" },
	{ "dingbat negative sans-serif", "\xe2\x9e\x8a\xe2\x9e\x92\xf0\x9f\x84\x8c", "190" },
	{ "double circled", "\xe2\x93\xb5\xe2\x93\xbd\xe2\x93\xbf", "190" },
	{ "math monospace digits (Nd)", "\xf0\x9d\x9f\xb7\xf0\x9d\x9f\xbd\xf0\x9d\x9f\xb6", "170" },
	{ "math double-struck zero (Nd)", "\xf0\x9d\x9f\x98", "0" },
	{ "circled ten kept", "\xe2\x91\xa9", "\xe2\x91\xa9" },
	{ "parenthesised ten kept", "\xe2\x91\xbd", "\xe2\x91\xbd" },
	{ "circled ideograph one kept", "\xe3\x8a\x80", "\xe3\x8a\x80" },
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

/*
 * Normalised and detected as the scanner does (numbers from
 * tests/data/vectors.tsv): the classes added by issue 9 item 6 make the
 * number, and the NFD keyword, count. Each row fails without its class.
 */
typedef struct dcase {
	const char *label;
	const char *in;
	const char *mask;       /* the one finding expected */
	int level;
} dcase;

static const dcase dcases[] = {
	{ "RLO-reversed CPR", "CPR-nr.: \xe2\x80\xae" "9881-385071\xe2\x80\xac",
	  "170583-XXXX", SEAL_LEVEL_HIGH },
	{ "superscript CPR", "\xc2\xb9\xe2\x81\xb7\xe2\x81\xb0\xe2\x81\xb5\xe2\x81\xb8\xc2\xb3-"
	  "\xc2\xb9\xe2\x81\xb8\xe2\x81\xb8\xe2\x81\xb9", "170583-XXXX", SEAL_LEVEL_MEDIUM },
	{ "circled personnummer", "\xe2\x91\xa6\xe2\x91\xa0\xe2\x93\xaa\xe2\x91\xa8\xe2\x93\xaa"
	  "\xe2\x91\xa2-\xe2\x91\xa6\xe2\x91\xa2\xe2\x91\xa4\xe2\x91\xa2", "710903-XXXX",
	  SEAL_LEVEL_MEDIUM },
	{ "LRM split CPR", "170583\xe2\x80\x8e-\xe2\x80\x8f" "1889", "170583-XXXX",
	  SEAL_LEVEL_MEDIUM },
	{ "heavy minus CPR", "170583\xe2\x9e\x96" "1889", "170583-XXXX", SEAL_LEVEL_MEDIUM },
	{ "U+2028 after hyphen", "170583-\xe2\x80\xa8" "1889", "170583-XXXX",
	  SEAL_LEVEL_MEDIUM },
	{ "NFD henkilotunnus keyword", "Henkilo\xcc\x88tunnus: 180297+203T", "180297+XXXX",
	  SEAL_LEVEL_HIGH },
	{ "o-solidus fodselsnummer keyword", "Fo\xcc\xb8" "dselsnummer: 16078060976",
	  "160780-XXXXX", SEAL_LEVEL_HIGH },
	{ "NFC fodselsnummer keyword", "F\xc3\xb8" "dselsnummer: 16078060976",
	  "160780-XXXXX", SEAL_LEVEL_HIGH },
	{ "NFD kennitolu keyword", "kennito\xcc\x88lu 040496-5649", "040496-XXXX",
	  SEAL_LEVEL_HIGH },
	{ "keycap digits", "1\xe2\x83\xa3" "7\xe2\x83\xa3" "0583-1889", "170583-XXXX",
	  SEAL_LEVEL_MEDIUM },
};

START_TEST(test_detected)
{
	const dcase *c = &dcases[_i];
	seal_date date = { 2026, 6, 1 };
	GArray *found = g_array_new(FALSE, TRUE, sizeof(seal_finding));
	size_t n = 0;
	char *norm = seal_normalize(c->in, strlen(c->in), &n);
	const seal_finding *f;

	seal_detect(norm, n, &date, found);
	ck_assert_msg(found->len == 1, "%s: %u findings, want 1", c->label,
	    found->len);
	f = &g_array_index(found, seal_finding, 0);
	ck_assert_msg(strcmp(f->masked, c->mask) == 0 && f->level == c->level,
	    "%s: got %s level %d, want %s level %d", c->label, f->masked,
	    f->level, c->mask, c->level);
	g_array_free(found, TRUE);
	g_free(norm);
}
END_TEST

/* Random mixes of every class: the output never outgrows the input (it is
 * allocated at the input's size) and is valid UTF-8 when the input is. */
START_TEST(test_never_grows)
{
	static const char *const pieces[] = {
		"1", "a", "o", " ", "\n", "\r", "\t", "\xc3\xb8",
		"\xcc\x88", "\xcc\xb8", "\xe2\x83\xa3", "\xe2\x80\xae", "\xe2\x80\xac",
		"\xe2\x80\xaa", "\xe2\x81\xa6", "\xe2\x81\xa9", "\xe2\x80\xa8",
		"\xe2\x80\xa9", "\xc2\x85", "\xc2\xb9", "\xe2\x91\xa0",
		"\xf0\x9f\x84\x81", "\xf3\xa0\x81\x81", "\xe2\x9e\x96", "\xef\xbc\x91",
		"\xd9\xa1", "\xe2\x80\x8b", "\xc2\xa0", "\xe3\x85\xa4",
	};
	GRand *r = g_rand_new_with_seed(9);
	int round;

	for (round = 0; round < 2000; round++) {
		GString *in = g_string_new(NULL);
		int k, parts = g_rand_int_range(r, 1, 40);
		size_t n = 0;
		char *got;

		for (k = 0; k < parts; k++)
			g_string_append(in, pieces[g_rand_int_range(r, 0,
			    (gint32) G_N_ELEMENTS(pieces))]);
		got = seal_normalize(in->str, in->len, &n);
		ck_assert_msg(n <= in->len, "round %d: %zu bytes from %zu",
		    round, n, in->len);
		ck_assert_msg(g_utf8_validate(got, (gssize) n, NULL),
		    "round %d: output is not valid UTF-8", round);
		g_free(got);
		g_string_free(in, TRUE);
	}
	g_rand_free(r);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("normalize");
	TCase *tc = tcase_create("normalize");

	tcase_add_loop_test(tc, test_case, 0, (int) G_N_ELEMENTS(cases));
	tcase_add_loop_test(tc, test_detected, 0, (int) G_N_ELEMENTS(dcases));
	tcase_add_test(tc, test_never_grows);
	tcase_add_test(tc, test_nul_kept);
	tcase_add_test(tc, test_long_mixed);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
