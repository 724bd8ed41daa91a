/*
 * test_xls.c - numeric cells of legacy Excel workbooks (xls.h, issue 9):
 * an identity number typed as a number is an IEEE double the strings
 * fallback cannot see.
 *
 * borgere.xls was made by LibreOffice 7.4 (soffice --headless
 * --convert-to "xls:MS Excel 97" of a CSV): the CPR column is read as
 * numbers, so dk-003 (a day 02: leading zero lost) and dk-008 are NUMBER
 * records ([MS-XLS] 2.4.180). The record tests build RK, MULRK and
 * FORMULA records by hand after [MS-XLS] 2.4.220, 2.4.175, 2.4.127. The
 * numbers are from tests/data/vectors.tsv; a failure message shows none.
 */
#include <string.h>

#include <glib.h>

#include "biff_build.h"
#include "check_main.h"
#include "xls.h"

#define DK003 "0205371389"
#define DK008 "2803993567"

static GBytes *
fixture(const char *name)
{
	const char *top = getenv("top_srcdir");
	char *path, *data;
	gsize len;

	ck_assert_msg(top != NULL, "top_srcdir not set: run through make check");
	path = g_build_filename(top, "tests", "data", "binary", name, NULL);
	ck_assert_msg(g_file_get_contents(path, &data, &len, NULL), "cannot read %s", name);
	g_free(path);
	return g_bytes_new_take(data, len);
}

/* A cell record header: type, length, row 1, column 2, format 15. */
static void
cell_head(GByteArray *a, unsigned type, unsigned len)
{
	put16(a, type);
	put16(a, len);
	put16(a, 1);
	put16(a, 2);
	put16(a, 15);
}

START_TEST(workbook_number_cells)
{
	GBytes *b = fixture("borgere.xls");
	gsize len;
	const uint8_t *d = g_bytes_get_data(b, &len);
	GString *s = seal_xls_numbers(d, len);

	ck_assert_ptr_nonnull(s);
	ck_assert_msg(strstr(s->str, DK003) != NULL, "dk-003 not padded back to 10 digits");
	ck_assert_msg(strstr(s->str, DK008) != NULL, "dk-008 not read");
	/* 1200 and 950 are amounts, not written */
	ck_assert_ptr_null(strstr(s->str, "1200"));
	g_string_free(s, TRUE);
	g_bytes_unref(b);
}
END_TEST

START_TEST(not_a_workbook)
{
	GBytes *b = fixture("note.doc");
	gsize len;
	const uint8_t *d = g_bytes_get_data(b, &len);

	ck_assert_ptr_null(seal_xls_numbers(d, len));
	ck_assert_ptr_null(seal_xls_numbers((const uint8_t *)"PK\3\4", 4));
	g_bytes_unref(b);
}
END_TEST

START_TEST(rk_mulrk_formula_records)
{
	GByteArray *a = g_byte_array_new();
	GString *s = g_string_new(NULL);

	/* RK integer (bit 1): 205371389 fits the 30-bit signed range */
	cell_head(a, 0x027E, 10);
	put32(a, (205371389u << 2) | 2u);
	/* MULRK: row, first column, two (format, RK) pairs, last column */
	put16(a, 0x00BD);
	put16(a, 6 + 2 * 6);
	put16(a, 3);
	put16(a, 0);
	put16(a, 15);
	put32(a, (123u << 2) | 2u);        /* small: not written */
	put16(a, 15);
	put32(a, (280399356u << 2) | 2u);
	put16(a, 1);
	/* FORMULA with a cached number, then one with a string result */
	cell_head(a, 0x0006, 20);
	put_double(a, 2803993567.0);
	put16(a, 0);
	put32(a, 0);
	cell_head(a, 0x0006, 20);
	put32(a, 0x00000000);
	put32(a, 0xFFFF0000u);
	put16(a, 0);
	put32(a, 0);
	/* NUMBER not whole, and one with 8 digits: neither is written */
	cell_head(a, 0x0203, 14);
	put_double(a, 2803993567.5);
	cell_head(a, 0x0203, 14);
	put_double(a, 28039935.0);
	ck_assert_uint_eq(seal_xls_cells(a->data, a->len, s), 3);
	ck_assert_str_eq(s->str, "205371389\n\n" DK003 "\n\n280399356\n\n0280399356\n\n" DK008 "\n\n");
	g_string_free(s, TRUE);
	g_byte_array_free(a, TRUE);
}
END_TEST

START_TEST(truncated_record_keeps_what_was_read)
{
	GByteArray *a = g_byte_array_new();
	GString *s = g_string_new(NULL);

	cell_head(a, 0x0203, 14);
	put_double(a, 2803993567.0);
	cell_head(a, 0x0203, 14);
	put32(a, 0);            /* cut inside the value */
	ck_assert_uint_eq(seal_xls_cells(a->data, a->len, s), 1);
	ck_assert_uint_eq(seal_xls_cells(a->data, 3, s), 0);
	ck_assert_uint_eq(seal_xls_cells(NULL, 0, s), 0);
	g_string_free(s, TRUE);
	g_byte_array_free(a, TRUE);
}
END_TEST

/* Mutation test: byte flips and cuts of the workbook (directory, FAT and
 * records alike) never crash or read outside the buffer (run under ASan). */
START_TEST(mutations)
{
	GBytes *b = fixture("borgere.xls");
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	GRand *rnd = g_rand_new_with_seed(9);

	for (int i = 0; i < 300; i++) {
		guint8 *m = g_memdup2(d, len);
		size_t cut = len;
		GString *s;

		for (int j = 0; j < 1 + i % 8; j++)
			m[g_rand_int_range(rnd, 0, (gint32)len)] ^=
			    (guint8)g_rand_int_range(rnd, 1, 256);
		if (i % 5 == 0)
			cut = (size_t)g_rand_int_range(rnd, 0, (gint32)len);
		s = seal_xls_numbers(m, cut);
		if (s != NULL)
			g_string_free(s, TRUE);
		s = g_string_new(NULL);
		seal_xls_cells(m, cut, s);
		g_string_free(s, TRUE);
		g_free(m);
	}
	g_rand_free(rnd);
	g_bytes_unref(b);
}
END_TEST

static Suite *
xls_suite(void)
{
	Suite *s = suite_create("xls");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, workbook_number_cells);
	tcase_add_test(tc, not_a_workbook);
	tcase_add_test(tc, rk_mulrk_formula_records);
	tcase_add_test(tc, truncated_record_keeps_what_was_read);
	tcase_add_test(tc, mutations);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return seal_check_run(xls_suite());
}
