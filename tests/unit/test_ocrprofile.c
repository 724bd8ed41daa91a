/*
 * test_ocrprofile.c - the OCR profile (ocrprofile.h): letters an OCR
 * engine reads for digits are put back inside digit-like runs only, words
 * are untouched, the Finnish century sign and check letter survive, and a
 * misread number is found by the detector afterwards (vectors dk-006,
 * fi-010, se-013 of tests/data/vectors.tsv).
 */
#include <string.h>

#include <glib.h>

#include "detect.h"
#include "normalize.h"
#include "ocrprofile.h"

#include "check_main.h"

typedef struct pcase {
	const char *label;
	const char *in;
	const char *want;
} pcase;

static const pcase cases[] = {
	{ "empty", "", "" },
	{ "words kept", "CPR-nr. Bolig SOS IO Ole", "CPR-nr. Bolig SOS IO Ole" },
	{ "O in a date", "O6O868-2430", "060868-2430" },
	{ "lower o and l", "o6o868-243o l2", "060868-2430 l2" },
	{ "I and pipe", "17O3I99|3567", "170319913567" },
	{ "S and B", "2B03993S67", "2803993567" },
	{ "lone letter digit pair kept", "S1 I2", "S1 I2" },
	{ "one digit only", "IO1", "IO1" },
	{ "more letters than digits", "BOSS12", "BOSS12" },
	{ "one digit and a letter kept", "1O", "1O" },
	{ "tie with two digits", "1O2S", "1025" },
	{ "hetu century B kept", "010105B1234", "010105B1234" },
	{ "hetu century B with O", "O10105B123S", "010105B123S" },
	{ "hetu other century sign", "3OO11OC457F", "300110C457F" },
	{ "utf-8 breaks a run", "2\xc3\xb8O", "2\xc3\xb8O" },
};

START_TEST(profile_case)
{
	const pcase *c = &cases[_i];
	char *buf = g_strdup(c->in);

	seal_ocrprofile_apply(buf, strlen(buf));
	ck_assert_msg(strcmp(buf, c->want) == 0, "%s: got \"%s\", want \"%s\"", c->label,
	    buf, c->want);
	g_free(buf);
}
END_TEST

/* A misread CPR number (dk-006) is found after the profile, not before. */
START_TEST(misread_found_after)
{
	const char *ocr = "CPR-nr.: O6O868-243O";
	char *buf = g_strdup(ocr);
	seal_date date = { 2026, 6, 1 };
	GArray *before = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	GArray *after = g_array_new(FALSE, FALSE, sizeof(seal_finding));

	seal_detect(ocr, strlen(ocr), &date, before);
	seal_ocrprofile_apply(buf, strlen(buf));
	seal_detect(buf, strlen(buf), &date, after);
	ck_assert_uint_eq(before->len, 0);
	ck_assert_uint_eq(after->len, 1);
	ck_assert_str_eq(g_array_index(after, seal_finding, 0).masked, "060868-XXXX");
	g_array_free(before, TRUE);
	g_array_free(after, TRUE);
	g_free(buf);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("ocrprofile");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, profile_case, 0, (int)G_N_ELEMENTS(cases));
	tcase_add_test(tc, misread_found_after);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return seal_check_run(suite());
}
