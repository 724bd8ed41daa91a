/*
 * test_pdf.c - unit tests for src/pdf.c: PDFs are drawn with cairo at test
 * time (and encrypted with the qpdf CLI), their text is read back through
 * seal_pdf_extract and run through normalise + detect.
 *
 * Identity numbers below are the synthetic ones of tests/data/vectors.tsv;
 * failure messages print kinds and masks only.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>

#include "detect.h"
#include "err.h"
#include "normalize.h"
#include "pdf.h"

#include "check_main.h"

#define QPDF_MISSING "qpdf not installed (contrib/install-deps.sh)"

/* ---- building PDFs ---------------------------------------------------- */

static cairo_status_t
write_bytes(void *closure, const unsigned char *data, unsigned int length)
{
	g_byte_array_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * One page per entry of pages (NULL-terminated); an entry of "" draws only
 * shapes, so that page has no text layer at all.
 */
static GByteArray *
make_pdf(const char *const *pages)
{
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *surface;
	cairo_t *cr;
	size_t i;

	surface = cairo_pdf_surface_create_for_stream(write_bytes, out, 595, 842);
	cr = cairo_create(surface);
	for (i = 0; pages[i] != NULL; i++) {
		if (pages[i][0] == '\0') {
			cairo_rectangle(cr, 50, 50, 200, 100);
			cairo_fill(cr);
			cairo_arc(cr, 300, 400, 60, 0, 6.28);
			cairo_stroke(cr);
		} else {
			cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL,
			    CAIRO_FONT_WEIGHT_NORMAL);
			cairo_set_font_size(cr, 14);
			cairo_move_to(cr, 72, 100);
			cairo_show_text(cr, pages[i]);
		}
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	ck_assert_msg(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
	    "cairo: got %s, want success",
	    cairo_status_to_string(cairo_surface_status(surface)));
	cairo_surface_destroy(surface);
	return out;
}

/* Encrypts pdf with qpdf (AES-256); a missing qpdf fails the test. */
static GByteArray *
encrypt_pdf(const GByteArray *pdf, const char *user_pw)
{
	GError *gerr = NULL;
	char *dir, *in, *out, *data = NULL;
	gsize len = 0;
	gint wait_status = 0;
	GByteArray *result;

	dir = g_dir_make_tmp("seal-pdf-XXXXXX", &gerr);
	ck_assert_msg(dir != NULL, "tmp dir: got error, want a directory");
	in = g_build_filename(dir, "in.pdf", NULL);
	out = g_build_filename(dir, "out.pdf", NULL);
	ck_assert_msg(g_file_set_contents(in, (const char *)pdf->data, pdf->len, NULL),
	    "writing in.pdf: got failure, want success");
	{
		char *argv[] = { "qpdf", "--encrypt", (char *)user_pw, "owner-pw",
		    "256", "--", in, out, NULL };

		if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH |
		    G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
		    NULL, NULL, NULL, NULL, &wait_status, &gerr))
			ck_abort_msg("%s: %s", QPDF_MISSING,
			    gerr != NULL ? gerr->message : "spawn failed");
	}
	ck_assert_msg(g_spawn_check_wait_status(wait_status, NULL),
	    "qpdf --encrypt: got exit status %d, want 0", wait_status);
	ck_assert_msg(g_file_get_contents(out, &data, &len, NULL),
	    "reading out.pdf: got failure, want success");
	result = g_byte_array_new_take((guint8 *)data, len);
	g_unlink(in);
	g_unlink(out);
	g_rmdir(dir);
	g_free(in);
	g_free(out);
	g_free(dir);
	return result;
}

/* ---- collecting findings ---------------------------------------------- */

typedef struct page_finding {
	unsigned page;          /* 0: not page text */
	char label[64];         /* "page N", "link", "attachment NAME", ... */
	seal_finding f;
} page_finding;

typedef struct collector {
	GArray *found;        /* page_finding */
	unsigned calls;       /* page texts */
	unsigned fail_on;     /* page number whose callback fails; 0 never */
	unsigned last_page;
	unsigned extras;      /* link, annotation, form, metadata texts */
	unsigned files;       /* embedded files */
	GString *labels;      /* every label seen, "|"-separated */
} collector;

/* Normalises and detects text; findings recorded under label. */
static void
detect_into(collector *c, unsigned page, const char *label, const char *text,
	size_t len)
{
	seal_date scan = { 2026, 6, 1 };
	GArray *fs = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	size_t nlen = 0, i;
	char *norm = seal_normalize(text, len, &nlen);

	seal_detect(norm, nlen, &scan, fs);
	for (i = 0; i < fs->len; i++) {
		page_finding pf = { page, "", g_array_index(fs, seal_finding, i) };

		g_strlcpy(pf.label, label, sizeof(pf.label));
		g_array_append_val(c->found, pf);
	}
	g_free(norm);
	g_array_free(fs, TRUE);
}

static seal_status
collect(void *ctx, const char *label, const char *text, size_t len, seal_err *err)
{
	collector *c = ctx;
	unsigned page = 0;

	ck_assert_msg(g_utf8_validate(text, (gssize)len, NULL),
	    "%s text: got invalid UTF-8, want valid", label);
	if (c->labels != NULL)
		g_string_append_printf(c->labels, "%s|", label);
	if (sscanf(label, "page %u", &page) != 1) {
		c->extras++;
		if (c->found != NULL)
			detect_into(c, 0, label, text, len);
		return SEAL_OK;
	}
	c->calls++;
	ck_assert_msg(page == c->last_page + 1, "page number: got %u, want %u",
	    page, c->last_page + 1);
	c->last_page = page;
	if (page == c->fail_on) {
		return seal_err_set(err, SEAL_ERR_IO, "test callback refuses page %u", page);
	}
	detect_into(c, page, label, text, len);
	return SEAL_OK;
}

/* Embedded files: text ones are detected under "attachment NAME". */
static seal_status
collect_file(void *ctx, const char *name, const char *data, size_t len,
	seal_err *err)
{
	collector *c = ctx;
	char *label = g_strdup_printf("attachment %s", name);

	(void)err;
	c->files++;
	if (c->labels != NULL)
		g_string_append_printf(c->labels, "%s|", label);
	if (c->found != NULL && g_utf8_validate(data, (gssize)len, NULL))
		detect_into(c, 0, label, data, len);
	g_free(label);
	return SEAL_OK;
}

static seal_status
count_only(void *ctx, const char *label, const char *text, size_t len, seal_err *err)
{
	(void)text; (void)len; (void)err;
	if (strncmp(label, "page ", 5) == 0)
		((collector *)ctx)->calls++;
	return SEAL_OK;
}

/* ---- table of documents ----------------------------------------------- */

enum input { IN_PAGES, IN_ENCRYPTED, IN_GARBAGE, IN_NOT_PDF };

typedef struct pdf_case {
	const char *label;
	enum input input;
	const char *pages[5];      /* NULL-terminated; "" = shapes only */
	const char *user_pw;       /* IN_ENCRYPTED */
	unsigned max_pages;        /* 0 = default */
	size_t max_text;           /* 0 = default */
	int zero_seconds;          /* max_seconds = 0 */
	seal_pdf_status want;
	const char *want_reason;   /* substring, UNSCANNABLE only */
	unsigned want_calls;
	unsigned want_findings;    /* 0 or 1 */
	seal_kind want_kind;
	const char *want_mask;
	int want_level;
	unsigned want_page;
} pdf_case;

static const pdf_case cases[] = {
	{ "dk-cpr on one page", IN_PAGES, { "CPR-nr. 170583-1889", NULL },
	    NULL, 0, 0, 0, SEAL_PDF_OK, NULL, 1, 1,
	    SEAL_KIND_DK_CPR, "170583-XXXX", SEAL_LEVEL_HIGH, 1 },
	{ "se-pnr on page 3 of 3", IN_PAGES,
	    { "Ansokan om bidrag", "Sida 2 av 3, inga uppgifter",
	      "Personnummer: 710903-7353", NULL },
	    NULL, 0, 0, 0, SEAL_PDF_OK, NULL, 3, 1,
	    SEAL_KIND_SE_PNR, "710903-XXXX", SEAL_LEVEL_HIGH, 3 },
	{ "shapes only, no text", IN_PAGES, { "", NULL },
	    NULL, 0, 0, 0, SEAL_PDF_OK, NULL, 1, 0, 0, NULL, 0, 0 },
	{ "text without numbers", IN_PAGES, { "Faktura 2026-06-01, ordre 4411", NULL },
	    NULL, 0, 0, 0, SEAL_PDF_OK, NULL, 1, 0, 0, NULL, 0, 0 },
	{ "max_pages exceeded", IN_PAGES, { "a", "b", "c", NULL },
	    NULL, 2, 0, 0, SEAL_PDF_UNSCANNABLE, "pages", 0, 0, 0, NULL, 0, 0 },
	{ "max_pages reached exactly", IN_PAGES, { "a", "b", "c", NULL },
	    NULL, 3, 0, 0, SEAL_PDF_OK, NULL, 3, 0, 0, NULL, 0, 0 },
	{ "max_text exceeded", IN_PAGES,
	    { "first page text", "second page text is here", NULL },
	    NULL, 0, 20, 0, SEAL_PDF_UNSCANNABLE, "text", 1, 0, 0, NULL, 0, 0 },
	{ "time limit exceeded", IN_PAGES, { "a", "b", "c", NULL },
	    NULL, 0, 0, 1, SEAL_PDF_UNSCANNABLE, "too long", 1, 0, 0, NULL, 0, 0 },
	{ "user password", IN_ENCRYPTED, { "CPR-nr. 170583-1889", NULL },
	    "user-pw", 0, 0, 0, SEAL_PDF_UNSCANNABLE, "password", 0, 0, 0, NULL, 0, 0 },
	{ "owner password only is still read", IN_ENCRYPTED,
	    { "CPR-nr. 170583-1889", NULL },
	    "", 0, 0, 0, SEAL_PDF_OK, NULL, 1, 1,
	    SEAL_KIND_DK_CPR, "170583-XXXX", SEAL_LEVEL_HIGH, 1 },
	{ "garbage after %PDF- header", IN_GARBAGE, { NULL },
	    NULL, 0, 0, 0, SEAL_PDF_UNSCANNABLE, "could not be read", 0, 0, 0, NULL, 0, 0 },
	{ "not a PDF", IN_NOT_PDF, { NULL },
	    NULL, 0, 0, 0, SEAL_PDF_NOT_PDF, NULL, 0, 0, 0, NULL, 0, 0 },
};

static const char *
status_name(seal_pdf_status s)
{
	switch (s) {
	case SEAL_PDF_NOT_PDF: return "NOT_PDF";
	case SEAL_PDF_OK: return "OK";
	case SEAL_PDF_UNSCANNABLE: return "UNSCANNABLE";
	case SEAL_PDF_ERROR: return "ERROR";
	}
	return "?";
}

static GByteArray *
make_garbage(void)
{
	GByteArray *b = g_byte_array_new();
	GRand *r = g_rand_new_with_seed(20260601);
	size_t i;

	g_byte_array_append(b, (const guint8 *)"%PDF-1.7\n", 9);
	for (i = 0; i < 4096; i++) {
		guint8 c = (guint8)g_rand_int_range(r, 0, 256);

		g_byte_array_append(b, &c, 1);
	}
	g_rand_free(r);
	return b;
}

static GByteArray *
make_input(const pdf_case *tc)
{
	GByteArray *pdf, *enc;

	switch (tc->input) {
	case IN_GARBAGE:
		return make_garbage();
	case IN_NOT_PDF: {
		static const char text[] = "PK\003\004 this is a zip, %PDF- only later";
		GByteArray *b = g_byte_array_new();
		size_t i;

		/* The header only counts within the first 1024 bytes. */
		for (i = 0; i < 1100; i++)
			g_byte_array_append(b, (const guint8 *)"x", 1);
		g_byte_array_append(b, (const guint8 *)text, sizeof(text) - 1);
		return b;
	}
	case IN_ENCRYPTED:
		pdf = make_pdf(tc->pages);
		enc = encrypt_pdf(pdf, tc->user_pw);
		g_byte_array_unref(pdf);
		return enc;
	case IN_PAGES:
	default:
		return make_pdf(tc->pages);
	}
}

static void
check_findings(const pdf_case *tc, const collector *c)
{
	const page_finding *pf;

	ck_assert_msg(c->found->len == tc->want_findings,
	    "%s: findings: got %u, want %u", tc->label, c->found->len,
	    tc->want_findings);
	if (tc->want_findings == 0)
		return;
	pf = &g_array_index(c->found, page_finding, 0);
	ck_assert_msg(pf->f.kind == tc->want_kind, "%s: kind: got %s, want %s",
	    tc->label, seal_kind_name(pf->f.kind), seal_kind_name(tc->want_kind));
	ck_assert_msg(strcmp(pf->f.masked, tc->want_mask) == 0,
	    "%s: mask: got %s, want %s", tc->label, pf->f.masked, tc->want_mask);
	ck_assert_msg(pf->f.level == tc->want_level, "%s: level: got %s, want %s",
	    tc->label, seal_level_name(pf->f.level), seal_level_name(tc->want_level));
	ck_assert_msg(pf->page == tc->want_page, "%s: page: got %u, want %u",
	    tc->label, pf->page, tc->want_page);
}

START_TEST(test_table)
{
	const pdf_case *tc = &cases[_i];
	GByteArray *in = make_input(tc);
	seal_pdf_limits lim;
	collector c = { g_array_new(FALSE, FALSE, sizeof(page_finding)), 0, 0, 0, 0, 0, NULL };
	char reason[128];
	seal_err err;
	seal_pdf_status st;

	seal_err_clear(&err);
	seal_pdf_limits_default(&lim);
	if (tc->max_pages != 0)
		lim.max_pages = tc->max_pages;
	if (tc->max_text != 0)
		lim.max_text = tc->max_text;
	if (tc->zero_seconds)
		lim.max_seconds = 0;
	st = seal_pdf_extract((const char *)in->data, in->len, &lim, collect,
	    collect_file, &c, reason, sizeof(reason), &err);
	ck_assert_msg(st == tc->want, "%s: status: got %s (%s), want %s", tc->label,
	    status_name(st), reason, status_name(tc->want));
	if (tc->want_reason != NULL)
		ck_assert_msg(strstr(reason, tc->want_reason) != NULL,
		    "%s: reason: got \"%s\", want it to contain \"%s\"", tc->label,
		    reason, tc->want_reason);
	else
		ck_assert_msg(reason[0] == '\0', "%s: reason: got \"%s\", want \"\"",
		    tc->label, reason);
	ck_assert_msg(c.calls == tc->want_calls, "%s: callbacks: got %u, want %u",
	    tc->label, c.calls, tc->want_calls);
	check_findings(tc, &c);
	g_array_free(c.found, TRUE);
	g_byte_array_unref(in);
}
END_TEST

/* ---- single cases ----------------------------------------------------- */

START_TEST(test_callback_error)
{
	static const char *const pages[] = { "one", "two", "three", NULL };
	GByteArray *pdf = make_pdf(pages);
	collector c = { g_array_new(FALSE, FALSE, sizeof(page_finding)), 0, 2, 0, 0, 0, NULL };
	char reason[128];
	seal_err err;
	seal_pdf_status st;

	seal_err_clear(&err);
	st = seal_pdf_extract((const char *)pdf->data, pdf->len, NULL, collect,
	    collect_file, &c, reason, sizeof(reason), &err);
	ck_assert_msg(st == SEAL_PDF_ERROR, "status: got %s, want ERROR",
	    status_name(st));
	ck_assert_msg(err.code == SEAL_ERR_IO, "err.code: got %s, want %s",
	    seal_status_name(err.code), seal_status_name(SEAL_ERR_IO));
	ck_assert_msg(c.calls == 2, "callbacks: got %u, want 2 (stop at the failure)",
	    c.calls);
	g_array_free(c.found, TRUE);
	g_byte_array_unref(pdf);
}
END_TEST

/* Cut the one-page PDF at 50 points: poppler may repair or refuse, never crash. */
START_TEST(test_truncations)
{
	static const char *const pages[] = { "CPR-nr. 170583-1889", NULL };
	GByteArray *pdf = make_pdf(pages);
	unsigned k, ok = 0, unscannable = 0;

	for (k = 1; k <= 50; k++) {
		size_t cut = (size_t)pdf->len * k / 51;
		collector c = { NULL, 0, 0, 0, 0, 0, NULL };
		char reason[128];
		seal_err err;
		seal_pdf_status st;
		/* A copy of exactly cut bytes, so ASan sees reads past the end. */
		char *copy = g_memdup2(pdf->data, cut);

		seal_err_clear(&err);
		st = seal_pdf_extract(copy, cut, NULL, count_only, NULL, &c, reason,
		    sizeof(reason), &err);
		ck_assert_msg(st == SEAL_PDF_OK || st == SEAL_PDF_UNSCANNABLE,
		    "cut at %zu of %u: got %s, want OK or UNSCANNABLE", cut, pdf->len,
		    status_name(st));
		if (st == SEAL_PDF_OK)
			ok++;
		else
			unscannable++;
		g_free(copy);
	}
	ck_assert_msg(ok + unscannable == 50, "cuts: got %u, want 50", ok + unscannable);
	g_byte_array_unref(pdf);
}
END_TEST

/* Several threads at once: the module's lock must keep poppler consistent. */
static gpointer
thread_body(gpointer data)
{
	GByteArray *pdf = data;
	unsigned i, good = 0;

	for (i = 0; i < 5; i++) {
		collector c = { NULL, 0, 0, 0, 0, 0, NULL };
		char reason[128];

		if (seal_pdf_extract((const char *)pdf->data, pdf->len, NULL,
		    count_only, NULL, &c, reason, sizeof(reason), NULL) == SEAL_PDF_OK &&
		    c.calls == 3)
			good++;
	}
	return GUINT_TO_POINTER(good);
}

START_TEST(test_threads)
{
	static const char *const pages[] = { "one", "two", "three", NULL };
	GByteArray *pdf = make_pdf(pages);
	GThread *t[4];
	unsigned i, good = 0;

	for (i = 0; i < 4; i++)
		t[i] = g_thread_new("pdf", thread_body, pdf);
	for (i = 0; i < 4; i++)
		good += GPOINTER_TO_UINT(g_thread_join(t[i]));
	ck_assert_msg(good == 20, "threaded extractions OK: got %u, want 20", good);
	g_byte_array_unref(pdf);
}
END_TEST

/*
 * cairo keeps process-wide font caches (toy font faces, fontconfig
 * patterns) that LeakSanitizer reports when the forked test process exits;
 * they belong to the PDF generator of this test, not to src/pdf.c.
 */
static void
reset_cairo(void)
{
	cairo_debug_reset_static_data();
}

/*
 * What the reset cannot free: fontconfig's default configuration, parsed
 * once per process by FcInitLoadConfigAndFonts when cairo first looks up
 * "sans" (fontconfig 2.14 loses a few of its own config allocations there).
 * One-time global initialisation in the test's PDF generator, so it is
 * suppressed here, by that one frame only; the sanitizers read these hooks
 * from the executable (sanitizer builds only; inert otherwise). fontconfig
 * has no frame pointers, so the frame is only seen with the slow unwinder.
 */
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

int
main(void)
{
	Suite *s = suite_create("pdf");
	TCase *tc = tcase_create("pdf");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, NULL, reset_cairo);
	tcase_add_loop_test(tc, test_table, 0, G_N_ELEMENTS(cases));
	tcase_add_test(tc, test_callback_error);
	tcase_add_test(tc, test_truncations);
	tcase_add_test(tc, test_threads);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
