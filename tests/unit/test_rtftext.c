/*
 * test_rtftext.c - RTF to the text it shows (rtftext.h, issue 9): digits
 * written as RTF escapes must come out as digits, control words must not
 * glue to them, and garbage must cost nothing but time linear in its size.
 * Escape rules after the RTF 1.9.1 specification ("Special Characters",
 * \uN with \uc1). The digits here are not identity numbers.
 */
#include <string.h>

#include <glib.h>

#include "check_main.h"
#include "rtftext.h"

typedef struct rcase {
	const char *label, *in, *want;
} rcase;

static const rcase cases[] = {
	{ "plain text", "{\\rtf1 Hej 12}", "Hej 12" },
	{ "hex escapes of digits", "{\\rtf1\\ansi \\'31\\'32\\'2d\\'33}", "12-3" },
	{ "hex escape Windows-1252 high", "{\\rtf1 \\'f8\\'96}", "\xc3\xb8\xe2\x80\x93" },
	{ "unicode escape skips one fallback", "{\\rtf1 \\u49?\\u50?3}", "123" },
	{ "negative unicode escape", "{\\rtf1 \\u-3916?}", "\xef\x82\xb4" },
	{ "surrogate pair joined", "{\\rtf1 \\u-10179?\\u-8704?}", "\xf0\x9f\x98\x80" },
	{ "fallback as hex escape skipped", "{\\rtf1 \\u49\\'3f2}", "12" },
	{ "control words removed with parameter", "{\\rtf1 1\\b 2\\b0 3\\fs24 4}", "1234" },
	{ "paragraph and tab", "{\\rtf1 a\\par b\\tab c\\cell d}", "a\nb\tc\td" },
	{ "literal escapes", "{\\rtf1 \\\\\\{\\}}", "\\{}" },
	{ "nbsp and nb hyphen", "{\\rtf1 1\\~2\\_3\\-4}", "1\xc2\xa0" "2-34" },
	{ "groups removed", "{\\rtf1{\\b 12}{\\i 34}}", "1234" },
	{ "line breaks in source ignored", "{\\rtf1 12\r\n34}", "1234" },
	{ "truncated escape: the digit stays", "{\\rtf1 1\\'3", "13" },
	{ "lone backslash at end", "{\\rtf1 1\\", "1" },
};

START_TEST(to_text)
{
	const rcase *c = &cases[_i];
	size_t n = 0;
	char *got = seal_rtf_to_text(c->in, strlen(c->in), &n);
	char *esc = g_strescape(got, NULL);

	ck_assert_msg(strcmp(got, c->want) == 0 && n == strlen(c->want),
	    "%s: got \"%s\"", c->label, esc);
	g_free(esc);
	g_free(got);
}
END_TEST

START_TEST(is_rtf)
{
	ck_assert_msg(seal_rtf_is("{\\rtf1", 6), "\"{\\rtf1\": got no, want yes");
	ck_assert_msg(!seal_rtf_is("{\\rt", 4), "\"{\\rt\": got yes, want no");
	ck_assert_msg(!seal_rtf_is(" {\\rtf1", 7), "leading space: got yes, want no");
}
END_TEST

/* Random bytes and endless control words: valid UTF-8 out, linear time. */
START_TEST(garbage)
{
	GRand *r = g_rand_new_with_seed(7);
	GString *g = g_string_new("{\\rtf1");
	gint64 t0;
	size_t n = 0;
	char *out;

	for (int i = 0; i < 1 << 20; i++)
		g_string_append_c(g, (char)g_rand_int_range(r, 0, 256));
	for (int i = 0; i < 1 << 18; i++)
		g_string_append(g, "\\u-99999999999\\'zz\\");
	t0 = g_get_monotonic_time();
	out = seal_rtf_to_text(g->str, g->len, &n);
	ck_assert_msg(g_utf8_validate(out, (gssize)n, NULL), "garbage: output not UTF-8");
	ck_assert_msg(g_get_monotonic_time() - t0 < 10 * G_USEC_PER_SEC,
	    "garbage: took over 10 s for 6 MB");
	g_free(out);
	g_string_free(g, TRUE);
	g_rand_free(r);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("rtftext");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, to_text, 0, G_N_ELEMENTS(cases));
	tcase_add_test(tc, is_rtf);
	tcase_add_test(tc, garbage);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
