/*
 * test_ocr.c - the OCR reader (ocr.h) on lines drawn with cairo at test
 * time (DejaVu Sans, fonts-dejavu-core): the number is read (vector dk-006,
 * CPR-nr.: 060868-2430, compared masked), the pool is shared by threads at
 * once (more threads than handles: some wait), a passed deadline gives
 * SEAL_OCR_TIMEOUT, the progress callback is called, tiny pictures are
 * skipped, language names are checked, image sniffing refuses a bare "BM".
 */
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "ocr.h"

#include "check_main.h"

typedef struct bitmap {
	uint8_t *gray;
	unsigned w, h;
} bitmap;

/* The text drawn black on white at px pixels, grey. */
static bitmap
draw(const char *text, double px)
{
	bitmap b;
	cairo_surface_t *s;
	cairo_t *cr;
	cairo_text_extents_t ext;
	const uint8_t *d;
	int stride;

	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
	cr = cairo_create(s);
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
	    CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, px);
	cairo_text_extents(cr, text, &ext);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	b.w = (unsigned)(ext.width + 2 * px);
	b.h = (unsigned)(3 * px);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)b.w, (int)b.h);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
	    CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, px);
	cairo_move_to(cr, px, 2 * px);
	cairo_show_text(cr, text);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	d = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	b.gray = g_malloc((size_t)b.w * b.h);
	for (unsigned y = 0; y < b.h; y++)
		for (unsigned x = 0; x < b.w; x++)
			b.gray[(size_t)y * b.w + x] = d[(size_t)y * (size_t)stride + 4 * x + 1];
	cairo_surface_destroy(s);
	return b;
}

static unsigned progress_calls;

static void
count_progress(void *ctx)
{
	(void)ctx;
	g_atomic_int_inc(&progress_calls);
}

static seal_ocr_status
read_line(const bitmap *b, gint64 deadline, GString *out)
{
	seal_ocr_run run = { "dan+eng", deadline, count_progress, NULL, 0 };
	char reason[120] = "";

	return seal_ocr_gray(&run, b->gray, b->w, b->h, b->w, 300, out, reason, sizeof(reason));
}

/* dk-006 read and found after the profile; compared without the digits. */
static int
has_number(const GString *s)
{
	const char *p = strstr(s->str, "060868-");

	return p != NULL && strncmp(p + 7, "2430", 4) == 0;
}

START_TEST(reads_number)
{
	bitmap b = draw("CPR-nr.: 060868-2430", 42);
	GString *out = g_string_new(NULL);

	progress_calls = 0;
	ck_assert_int_eq(read_line(&b, g_get_monotonic_time() + 120 * G_USEC_PER_SEC, out),
	    SEAL_OCR_OK);
	ck_assert_msg(has_number(out), "dk-006 not read");
	ck_assert_uint_gt(g_atomic_int_get(&progress_calls), 0);
	g_string_free(out, TRUE);
	g_free(b.gray);
}
END_TEST

static gpointer
reader(gpointer p)
{
	const bitmap *b = p;
	GString *out = g_string_new(NULL);
	gpointer ok = GINT_TO_POINTER(1);

	if (read_line(b, g_get_monotonic_time() + 300 * G_USEC_PER_SEC, out) != SEAL_OCR_OK ||
	    !has_number(out))
		ok = NULL;
	g_string_free(out, TRUE);
	return ok;
}

/* More threads than handles (one per processor): all read, the pool is shared. */
START_TEST(threads_share_pool)
{
	bitmap b = draw("CPR-nr.: 060868-2430", 42);
	GThread *t[3];

	for (int i = 0; i < 3; i++)
		t[i] = g_thread_new("ocr-test", reader, &b);
	for (int i = 0; i < 3; i++)
		ck_assert_msg(g_thread_join(t[i]) != NULL, "thread %d did not read the number", i);
	g_free(b.gray);
}
END_TEST

START_TEST(deadline_passed)
{
	bitmap b = draw("CPR-nr.: 060868-2430", 42);
	GString *out = g_string_new(NULL);

	ck_assert_int_eq(read_line(&b, g_get_monotonic_time() - 1, out), SEAL_OCR_TIMEOUT);
	ck_assert_uint_eq(out->len, 0);
	g_string_free(out, TRUE);
	g_free(b.gray);
}
END_TEST

START_TEST(tiny_skipped)
{
	uint8_t px[39 * 9];
	GString *out = g_string_new(NULL);
	seal_ocr_run run = { "dan", 0, NULL, NULL, 0 };

	memset(px, 255, sizeof(px));
	ck_assert_int_eq(seal_ocr_gray(&run, px, 39, 9, 39, 300, out, NULL, 0), SEAL_OCR_TINY);
	g_string_free(out, TRUE);
}
END_TEST

START_TEST(languages)
{
	char why[200];

	ck_assert(seal_ocr_languages_check("dan+swe+nor+fin+eng", why, sizeof(why)));
	ck_assert(!seal_ocr_languages_check("dan+xxq", why, sizeof(why)));
	ck_assert_msg(strstr(why, "xxq") != NULL, "why: %s", why);
	ck_assert(!seal_ocr_languages_check("../etc", why, sizeof(why)));
	ck_assert(!seal_ocr_languages_check("", why, sizeof(why)));
}
END_TEST

START_TEST(sniff)
{
	static const uint8_t png[] = "\x89PNG\r\n\x1a\n....";
	static const uint8_t bm[] = "BMW is a car, not a bitmap";

	ck_assert(seal_ocr_is_image(png, sizeof(png) - 1));
	ck_assert(!seal_ocr_is_image(bm, sizeof(bm) - 1));
	ck_assert_uint_eq(seal_ocr_image_pages(bm, sizeof(bm) - 1), 0);
}
END_TEST

/* HEIF by its ftyp brands: an iPhone's HEIC, a mif1-compatible file, AVIF;
 * an MP4 video or a QuickTime file is no picture; a HEIC header without
 * its image cannot be decoded (0 pages: the walk makes it unscannable). */
START_TEST(sniff_heif)
{
	static const uint8_t heic[] = "\0\0\0\x18" "ftypheic" "\0\0\0\0" "mif1heic";
	static const uint8_t compat[] = "\0\0\0\x1c" "ftypxxxx" "\0\0\0\0" "isommif1miaf";
	static const uint8_t avif[] = "\0\0\0\x1c" "ftypavif" "\0\0\0\0" "avifmif1miaf";
	static const uint8_t mp4[] = "\0\0\0\x18" "ftypmp42" "\0\0\0\0" "isommp42";
	static const uint8_t mov[] = "\0\0\0\x14" "ftypqt  " "\0\0\0\0" "qt  ";
	static const uint8_t huge[] = "\x7f\0\0\0" "ftypheic" "\0\0\0\0" "mif1heic";

	ck_assert(seal_ocr_is_image(heic, sizeof(heic) - 1));
	ck_assert(seal_ocr_is_image(compat, sizeof(compat) - 1));
	ck_assert(seal_ocr_is_image(avif, sizeof(avif) - 1));
	ck_assert(!seal_ocr_is_image(mp4, sizeof(mp4) - 1));
	ck_assert(!seal_ocr_is_image(mov, sizeof(mov) - 1));
	ck_assert(!seal_ocr_is_image(huge, sizeof(huge) - 1));
	ck_assert_uint_eq(seal_ocr_image_pages(heic, sizeof(heic) - 1), 0);
	ck_assert_uint_eq(seal_ocr_image_pixels(heic, sizeof(heic) - 1), 0);
}
END_TEST

/*
 * cairo's font caches and fontconfig's one-time configuration belong to
 * this test's drawing, not to ocr.c: reset after each test, and the part
 * fontconfig never frees suppressed by its one frame (as test_pdf.c).
 */
static void
reset_cairo(void)
{
	cairo_debug_reset_static_data();
}

const char *__lsan_default_suppressions(void);
const char *__asan_default_options(void);

const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions(void)
{
	return "leak:FcInitLoadConfigAndFonts\n";
}

static Suite *
suite(void)
{
	Suite *s = suite_create("ocr");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 600);
	tcase_add_checked_fixture(tc, NULL, reset_cairo);
	tcase_add_test(tc, reads_number);
	tcase_add_test(tc, threads_share_pool);
	tcase_add_test(tc, deadline_passed);
	tcase_add_test(tc, tiny_skipped);
	tcase_add_test(tc, languages);
	tcase_add_test(tc, sniff);
	tcase_add_test(tc, sniff_heif);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int rc = seal_check_run(suite());

	seal_ocr_shutdown();
	return rc;
}
