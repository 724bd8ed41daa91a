/*
 * test_metafile.c - the text of EMF, EMF+ and WMF pictures
 * (src/mime/metafile.c): runs put on lines as a viewer shows them (joined
 * where one ends at the next one's start, a space or a TAB by the gap,
 * lines top to bottom whatever the order of the records), each text
 * record kind, glyph-number text counted, and damage: a record past the
 * end, a string past its record, too many runs. Metafiles are built here
 * record by record.
 */
#include <string.h>

#include <check.h>
#include <glib.h>

#include "check_main.h"
#include "metafile.h"

static void
le(GByteArray *b, uint64_t v, unsigned width)
{
	for (unsigned i = 0; i < width; i++) {
		uint8_t x = i < 8 ? (uint8_t)(v >> (8 * i)) : 0;

		g_byte_array_append(b, &x, 1);
	}
}

static void
le_float(GByteArray *b, float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	le(b, u, 4);
}

/* An EMF header record (88 bytes: bounds, frame, " EMF", counts, size). */
static GByteArray *
emf_start(void)
{
	GByteArray *b = g_byte_array_new();

	le(b, 1, 4);
	le(b, 88, 4);
	for (int i = 0; i < 8; i++)
		le(b, 0, 4);
	g_byte_array_append(b, (const guint8 *)" EMF", 4);
	while (b->len < 88)
		le(b, 0, 4);
	return b;
}

/* EMR_EXTTEXTOUTW at x, y: the text (ASCII, written as UTF-16), each character adv wide. */
static void
emf_text(GByteArray *b, int32_t x, int32_t y, const char *s, int32_t adv, uint32_t options)
{
	size_t n = strlen(s), head = 36 + 20 + ((options & 0x100) ? 0 : 16) + 4;
	size_t str = head, dx = str + ((n * 2 + 3) & ~(size_t)3);
	size_t size = dx + (adv > 0 ? n * 4 : 0);

	le(b, 84, 4);
	le(b, size, 4);
	for (int i = 0; i < 4; i++)
		le(b, 0, 4);            /* bounds */
	le(b, 1, 4);
	le_float(b, 1);
	le_float(b, 1);
	le(b, (uint32_t)x, 4);
	le(b, (uint32_t)y, 4);
	le(b, n, 4);
	le(b, str, 4);
	le(b, options, 4);
	if (!(options & 0x100))
		for (int i = 0; i < 4; i++)
			le(b, 0, 4);
	le(b, adv > 0 ? dx : 0, 4);
	for (size_t i = 0; i < n; i++)
		le(b, (uint8_t)s[i], 2);
	while ((b->len & 3) != 0)
		le(b, 0, 1);
	for (size_t i = 0; adv > 0 && i < n; i++)
		le(b, (uint32_t)adv, 4);
}

static char *
text_of(GByteArray *b, seal_metafile_info *info, int *rc)
{
	GString *out = g_string_new(NULL);
	seal_metafile_info dummy;

	*rc = seal_metafile_text(b->data, b->len, out, info != NULL ? info : &dummy);
	g_byte_array_free(b, TRUE);
	return g_string_free(out, FALSE);
}

/*
 * Two runs of one line, the second written first; a run that ends where
 * the next begins joins it, a gap of a character is a space, a wide gap a
 * TAB; a line above, written last, comes first; a baseline a little off
 * (under half a character) is the same line.
 */
START_TEST(emf_lines)
{
	GByteArray *b = emf_start();
	seal_metafile_info info;
	char *got;
	int rc;

	emf_text(b, 1000 + 4 * 90, 500, "61-4285", 90, 0);
	emf_text(b, 1000, 500, "0707", 90, 0x100);
	emf_text(b, 0, 501, "CPR", 90, 0);
	emf_text(b, 1000 + 11 * 90 + 80, 500, "ok", 90, 0);
	emf_text(b, 1000 + 13 * 90 + 80 + 900, 500, "end", 90, 0);
	emf_text(b, 0, 100, "Sag 17", 90, 0);
	le(b, 14, 4);                   /* EMR_EOF */
	le(b, 20, 4);
	le(b, 0, 12);
	got = text_of(b, &info, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(got, "Sag 17\nCPR\t070761-4285 ok\tend\n");
	ck_assert_uint_eq(info.glyph_runs, 0);
	ck_assert_int_eq(info.cut, 0);
	g_free(got);
}
END_TEST

/*
 * The other text records: EMR_EXTTEXTOUTA (Windows-1252), EMR_SMALLTEXTOUT
 * (8-bit), EMF+ DrawDriverString with the character map flag and a
 * position per glyph (inside an EMR_COMMENT); text drawn from glyph numbers
 * counted, not read.
 */
START_TEST(emf_other_records)
{
	GByteArray *b = emf_start(), *p = g_byte_array_new();
	seal_metafile_info info;
	static const char drv[] = "170583";
	char *got;
	int rc;

	/* EXTTEXTOUTA, no rectangle, no advances: "S\xf8ren" in Windows-1252 */
	le(b, 83, 4);
	le(b, 36 + 24 + 8, 4);
	le(b, 0, 16);
	le(b, 1, 4);
	le(b, 0, 8);
	le(b, 0, 4);
	le(b, 10, 4);
	le(b, 5, 4);
	le(b, 60, 4);
	le(b, 0x100, 4);
	le(b, 0, 4);
	g_byte_array_append(b, (const guint8 *)"S\xf8ren\0\0\0", 8);
	/* SMALLTEXTOUT with ETO_SMALL_CHARS and ETO_NO_RECT at y 20 */
	le(b, 108, 4);
	le(b, 36 + 12, 4);
	le(b, 0, 4);
	le(b, 20, 4);
	le(b, 11, 4);
	le(b, 0x300, 4);
	le(b, 1, 4);
	le(b, 0, 8);
	g_byte_array_append(b, (const guint8 *)"060868-2430\0", 12);
	/* EMF+ DrawDriverString at y 30: glyphs are characters, 10 apart */
	le(p, 0x4036, 2);
	le(p, 0, 2);
	le(p, 12 + 16 + 6 * 10, 4);
	le(p, 16 + 6 * 10, 4);
	le(p, 0, 4);
	le(p, 1, 4);                    /* DriverStringOptionsCmapLookup */
	le(p, 0, 4);
	le(p, 6, 4);
	for (int i = 0; i < 6; i++)
		le(p, (uint8_t)drv[i], 2);
	for (int i = 0; i < 6; i++) {
		le_float(p, 100.0f + 10.0f * (float)i);
		le_float(p, 30.0f);
	}
	/* and one of glyph numbers */
	le(p, 0x4036, 2);
	le(p, 0, 2);
	le(p, 12 + 16 + 10 + 2, 4);     /* padded to 4 bytes, as records are */
	le(p, 16 + 10, 4);
	le(p, 0, 8);
	le(p, 0, 4);
	le(p, 1, 4);
	le(p, 77, 2);
	le_float(p, 0);
	le_float(p, 40);
	le(p, 0, 2);
	le(b, 70, 4);
	le(b, 16 + p->len, 4);
	le(b, p->len + 4, 4);
	g_byte_array_append(b, (const guint8 *)"EMF+", 4);
	g_byte_array_append(b, p->data, p->len);
	g_byte_array_free(p, TRUE);
	/* an EXTTEXTOUTW of glyph indices */
	emf_text(b, 0, 50, "xyz", 0, 0x10);
	got = text_of(b, &info, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(got, "S\xc3\xb8ren\n060868-2430\n170583\n");
	ck_assert_uint_eq(info.glyph_runs, 2);
	g_free(got);
}
END_TEST

/* WMF record: size in words, function, parameters (padded to a word). */
static void
wmf_record(GByteArray *b, unsigned func, const GByteArray *params)
{
	le(b, 3 + params->len / 2, 4);
	le(b, func, 2);
	g_byte_array_append(b, params->data, params->len);
}

/* A placeable WMF: META_TEXTOUT, META_EXTTEXTOUT with a rectangle and advances. */
START_TEST(wmf_text)
{
	GByteArray *b = g_byte_array_new(), *p = g_byte_array_new();
	seal_metafile_info info;
	char *got;
	int rc;

	le(b, 0x9ac6cdd7, 4);
	le(b, 0, 18);
	le(b, 1, 2);                    /* memory metafile, 9 words, version 3 */
	le(b, 9, 2);
	le(b, 0x300, 2);
	le(b, 0, 12);
	le(p, 4, 2);                    /* META_TEXTOUT "CPR:" at 0, 200 */
	g_byte_array_append(p, (const guint8 *)"CPR:", 4);
	le(p, 200, 2);
	le(p, 0, 2);
	wmf_record(b, 0x0521, p);
	g_byte_array_set_size(p, 0);
	le(p, 200, 2);                  /* META_EXTTEXTOUT at 40, 200 */
	le(p, 40, 2);
	le(p, 5, 2);
	le(p, 0x0004, 2);               /* ETO_CLIPPED: a rectangle */
	le(p, 0, 8);
	g_byte_array_append(p, (const guint8 *)"17058\0", 6);
	for (int i = 0; i < 5; i++)
		le(p, 8, 2);
	wmf_record(b, 0x0a32, p);
	g_byte_array_set_size(p, 0);
	le(p, 200, 2);                  /* and its other half, where it ends */
	le(p, 80, 2);
	le(p, 6, 2);
	le(p, 0, 2);
	g_byte_array_append(p, (const guint8 *)"3-1889", 6);
	for (int i = 0; i < 6; i++)
		le(p, 8, 2);
	wmf_record(b, 0x0a32, p);
	le(b, 3, 4);                    /* META_EOF */
	le(b, 0, 2);
	g_byte_array_free(p, TRUE);
	got = text_of(b, &info, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(got, "CPR:170583-1889\n");
	g_free(got);
}
END_TEST

/* Damage: a string past its record, a record past the file; too many runs. */
START_TEST(damage_and_bounds)
{
	GByteArray *b = emf_start();
	seal_metafile_info info;
	char *got;
	int rc;

	emf_text(b, 0, 0, "first", 0, 0);
	/* a run whose string offset lies past its record: skipped */
	le(b, 84, 4);
	le(b, 76, 4);
	le(b, 0, 28);
	le(b, 1, 4);
	le(b, 10, 4);
	le(b, 10, 4);
	le(b, 9999, 4);
	le(b, 0x100, 4);
	le(b, 0, 4);
	le(b, 0, 16);
	emf_text(b, 0, 10, "second", 0, 0);
	le(b, 84, 4);                   /* a record past the end of the file */
	le(b, 4096, 4);
	le(b, 0, 8);
	got = text_of(b, &info, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(got, "first\nsecond\n");
	ck_assert_int_eq(info.cut, 0);
	g_free(got);
	b = emf_start();
	for (int i = 0; i < 70000; i++)
		emf_text(b, 0, i, "1", 0, 0x100);
	got = text_of(b, &info, &rc);
	ck_assert_int_eq(info.cut, 1);
	g_free(got);
	b = g_byte_array_new();
	g_byte_array_append(b, (const guint8 *)"\x89PNG\r\n\x1a\n0000000000000000000000000000000000000000", 48);
	got = text_of(b, &info, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(got, "");
	g_free(got);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("metafile");
	TCase *tc = tcase_create("metafile");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, emf_lines);
	tcase_add_test(tc, emf_other_records);
	tcase_add_test(tc, wmf_text);
	tcase_add_test(tc, damage_and_bounds);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
