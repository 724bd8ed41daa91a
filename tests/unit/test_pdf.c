/*
 * test_pdf.c - unit tests for src/mime/pdf.c: PDFs are drawn with cairo at test
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
	int end = -1;

	ck_assert_msg(g_utf8_validate(text, (gssize)len, NULL),
	    "%s text: got invalid UTF-8, want valid", label);
	if (c->labels != NULL)
		g_string_append_printf(c->labels, "%s|", label);
	/* "page N" alone is a page; "page N, annotation" is an extra */
	if (sscanf(label, "page %u%n", &page, &end) != 1 || label[end] != '\0') {
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

/* ---- what a reader sees besides page text (issue 9 item 11) ------------ */

/*
 * A one-page cairo PDF whose page text is harmless; the number is only in
 * a link target (cairo_tag_begin CAIRO_TAG_LINK, a /URI action: PDF 32000
 * 12.6.4.7) or only in the document information (cairo_pdf_surface_set_
 * metadata: /Title, /Subject, /Keywords, PDF 32000 14.3.3).
 */
static GByteArray *
make_pdf_hidden(const char *uri, const char *title, const char *keywords)
{
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *surface;
	cairo_t *cr;

	surface = cairo_pdf_surface_create_for_stream(write_bytes, out, 595, 842);
	if (title != NULL)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	if (keywords != NULL)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS,
		    keywords);
	cr = cairo_create(surface);
	cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL,
	    CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 14);
	if (uri != NULL) {
		char *attr = g_strdup_printf("uri='%s'", uri);

		cairo_tag_begin(cr, CAIRO_TAG_LINK, attr);
		g_free(attr);
	}
	cairo_move_to(cr, 72, 100);
	cairo_show_text(cr, "Se sagen i borgerportalen");
	if (uri != NULL)
		cairo_tag_end(cr, CAIRO_TAG_LINK);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	ck_assert_msg(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
	    "cairo: got %s, want success",
	    cairo_status_to_string(cairo_surface_status(surface)));
	cairo_surface_destroy(surface);
	return out;
}

/*
 * A PDF written object by object with a correct cross-reference table
 * (PDF 32000 7.5): objs[i] is the body of object i + 1; object 1 is the
 * catalog. Used for annotations (12.5) and form fields (12.7), which no
 * tool here writes with chosen values.
 */
static GByteArray *
build_pdf(const char *const *objs, size_t n)
{
	GString *s = g_string_new("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
	size_t *off = g_new0(size_t, n), i, xref;

	for (i = 0; i < n; i++) {
		off[i] = s->len;
		g_string_append_printf(s, "%zu 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
	xref = s->len;
	g_string_append_printf(s, "xref\n0 %zu\n0000000000 65535 f \n", n + 1);
	for (i = 0; i < n; i++)
		g_string_append_printf(s, "%010zu 00000 n \n", off[i]);
	g_string_append_printf(s, "trailer\n<< /Size %zu /Root 1 0 R >>\n"
	    "startxref\n%zu\n%%%%EOF\n", n + 1, xref);
	g_free(off);
	return g_bytes_unref_to_array(g_string_free_to_bytes(s));
}

/* One page with a text annotation and two form fields; each string goes
 * where its name says. */
static GByteArray *
make_pdf_annot_form(const char *note, const char *subject, const char *value,
	const char *option)
{
	char *objs[6];
	GByteArray *b;
	size_t i;

	objs[0] = g_strdup("<< /Type /Catalog /Pages 2 0 R "
	    "/AcroForm << /Fields [5 0 R 6 0 R] >> >>");
	objs[1] = g_strdup("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
	objs[2] = g_strdup("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
	    "/Annots [4 0 R 5 0 R 6 0 R] >>");
	objs[3] = g_strdup_printf("<< /Type /Annot /Subtype /Text "
	    "/Rect [50 700 70 720] /Contents (%s) /Subj (%s) /T (Sagsbehandler) >>",
	    note, subject);
	objs[4] = g_strdup_printf("<< /Type /Annot /Subtype /Widget /FT /Tx "
	    "/T (borger) /TU (Borgerens navn) /V (%s) /Rect [100 600 300 620] "
	    "/P 3 0 R >>", value);
	objs[5] = g_strdup_printf("<< /Type /Annot /Subtype /Widget /FT /Ch "
	    "/Ff 131072 /T (valg) /Opt [(Ingen) (%s)] /V (Ingen) "
	    "/Rect [100 550 300 570] /P 3 0 R >>", option);
	b = build_pdf((const char *const *)objs, 6);
	for (i = 0; i < 6; i++)
		g_free(objs[i]);
	return b;
}

/* Runs qpdf with args (in.pdf and out.pdf substituted for "IN"/"OUT"); a
 * missing qpdf fails the test. extra_name/extra_data: a file written next
 * to in.pdf first. */
static GByteArray *
qpdf_run(const GByteArray *pdf, const char *const *args, const char *extra_name,
	const char *extra_data, size_t extra_len)
{
	GError *gerr = NULL;
	char *dir, *in, *out, *extra = NULL, *data = NULL;
	char *argv[16];
	gsize len = 0;
	gint wait_status = 0;
	size_t i, k = 0;
	GByteArray *result;

	dir = g_dir_make_tmp("seal-pdf-XXXXXX", &gerr);
	ck_assert_msg(dir != NULL, "tmp dir: got error, want a directory");
	in = g_build_filename(dir, "in.pdf", NULL);
	out = g_build_filename(dir, "out.pdf", NULL);
	ck_assert(g_file_set_contents(in, (const char *)pdf->data, pdf->len, NULL));
	if (extra_name != NULL) {
		extra = g_build_filename(dir, extra_name, NULL);
		ck_assert(g_file_set_contents(extra, extra_data, (gssize)extra_len, NULL));
	}
	argv[k++] = "qpdf";
	for (i = 0; args[i] != NULL && k < G_N_ELEMENTS(argv) - 1; i++)
		argv[k++] = strcmp(args[i], "IN") == 0 ? in :
		    strcmp(args[i], "OUT") == 0 ? out :
		    strcmp(args[i], "EXTRA") == 0 ? extra : (char *)args[i];
	argv[k] = NULL;
	if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH |
	    G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
	    NULL, NULL, NULL, NULL, &wait_status, &gerr))
		ck_abort_msg("%s: %s", QPDF_MISSING,
		    gerr != NULL ? gerr->message : "spawn failed");
	ck_assert_msg(g_spawn_check_wait_status(wait_status, NULL),
	    "qpdf: got exit status %d, want 0", wait_status);
	ck_assert(g_file_get_contents(out, &data, &len, NULL));
	result = g_byte_array_new_take((guint8 *)data, len);
	if (extra != NULL)
		g_unlink(extra);
	g_unlink(in);
	g_unlink(out);
	g_rmdir(dir);
	g_free(extra);
	g_free(in);
	g_free(out);
	g_free(dir);
	return result;
}

/* An embedded file added the way qpdf does it (EmbeddedFiles name tree,
 * PDF 32000 7.11.4): `qpdf in.pdf out.pdf --add-attachment FILE --`. */
static GByteArray *
add_attachment(const GByteArray *pdf, const char *name, const char *data, size_t len)
{
	static const char *const args[] = { "IN", "OUT", "--add-attachment",
	    "EXTRA", "--", NULL };

	return qpdf_run(pdf, args, name, data, len);
}

/* Runs the extraction; returns the status, findings in c (label set). */
static seal_pdf_status
extract(const GByteArray *pdf, const seal_pdf_limits *lim, collector *c,
	seal_pdf_file_fn file_fn, char *reason, size_t reason_size)
{
	seal_err err;

	seal_err_clear(&err);
	c->found = g_array_new(FALSE, FALSE, sizeof(page_finding));
	c->labels = g_string_new(NULL);
	return seal_pdf_extract((const char *)pdf->data, pdf->len, lim, collect,
	    file_fn, c, reason, reason_size, &err);
}

static void
collector_free(collector *c)
{
	g_array_free(c->found, TRUE);
	g_string_free(c->labels, TRUE);
}

/* Exactly one finding, with this mask, under this label. */
static void
want_one(const collector *c, const char *what, const char *label, const char *mask)
{
	const page_finding *pf;

	ck_assert_msg(c->found->len == 1, "%s: findings: got %u, want 1 (labels %s)",
	    what, c->found->len, c->labels->str);
	pf = &g_array_index(c->found, page_finding, 0);
	ck_assert_msg(strcmp(pf->label, label) == 0 && strcmp(pf->f.masked, mask) == 0,
	    "%s: got %s under \"%s\", want %s under \"%s\"", what, pf->f.masked,
	    pf->label, mask, label);
}

START_TEST(test_link_uri)
{
	GByteArray *pdf = make_pdf_hidden(
	    "https://borger.example/sag?cpr=170583-1889", NULL, NULL);
	collector c = { 0 };
	char reason[128];
	seal_pdf_status st = extract(pdf, NULL, &c, collect_file, reason, sizeof(reason));

	ck_assert_msg(st == SEAL_PDF_OK, "status: got %s (%s), want OK",
	    status_name(st), reason);
	want_one(&c, "link", "link", "170583-XXXX");
	collector_free(&c);
	g_byte_array_unref(pdf);
}
END_TEST

START_TEST(test_metadata)
{
	GByteArray *pdf = make_pdf_hidden(NULL, "Journal for 710903-7353",
	    "personnummer");
	collector c = { 0 };
	char reason[128];
	seal_pdf_status st = extract(pdf, NULL, &c, collect_file, reason, sizeof(reason));

	ck_assert_msg(st == SEAL_PDF_OK, "status: got %s (%s), want OK",
	    status_name(st), reason);
	want_one(&c, "metadata", "metadata", "710903-XXXX");
	collector_free(&c);
	g_byte_array_unref(pdf);
}
END_TEST

/* Annotation contents, annotation subject, text field value, choice item:
 * one number in each place in turn, the others harmless. */
START_TEST(test_annot_form)
{
	static const char *const num = "170583-1889";
	static const struct { const char *label; int slot; } where[] = {
		{ "page 1, annotation", 0 }, { "page 1, annotation", 1 },
		{ "page 1, form field", 2 }, { "page 1, form field", 3 },
	};
	const char *v[4];
	GByteArray *pdf;
	collector c = { 0 };
	char reason[128];
	seal_pdf_status st;
	int k;

	for (k = 0; k < 4; k++)
		v[k] = k == where[_i].slot ? num : "ingen oplysninger";
	pdf = make_pdf_annot_form(v[0], v[1], v[2], v[3]);
	st = extract(pdf, NULL, &c, collect_file, reason, sizeof(reason));
	ck_assert_msg(st == SEAL_PDF_OK, "slot %d: status: got %s (%s), want OK",
	    where[_i].slot, status_name(st), reason);
	want_one(&c, where[_i].label, where[_i].label, "170583-XXXX");
	collector_free(&c);
	g_byte_array_unref(pdf);
}
END_TEST

START_TEST(test_embedded_txt)
{
	static const char *const pages[] = { "Bilag vedlagt", NULL };
	static const char txt[] = "Borger\nCPR-nr.: 170583-1889\n";
	GByteArray *plain = make_pdf(pages);
	GByteArray *pdf = add_attachment(plain, "borger.txt", txt, sizeof(txt) - 1);
	collector c = { 0 };
	char reason[128];
	seal_pdf_status st = extract(pdf, NULL, &c, collect_file, reason, sizeof(reason));

	ck_assert_msg(st == SEAL_PDF_OK, "status: got %s (%s), want OK",
	    status_name(st), reason);
	ck_assert_msg(c.files == 1, "files: got %u, want 1", c.files);
	want_one(&c, "embedded txt", "attachment borger.txt", "170583-XXXX");
	collector_free(&c);
	g_byte_array_unref(pdf);
	g_byte_array_unref(plain);
}
END_TEST

/* Fail closed around embedded files: no file callback, too many, too big. */
START_TEST(test_embedded_limits)
{
	static const char *const pages[] = { "Bilag vedlagt", NULL };
	static const char txt[] = "intet af betydning her\n";
	GByteArray *plain = make_pdf(pages);
	GByteArray *pdf = add_attachment(plain, "bilag.txt", txt, sizeof(txt) - 1);
	seal_pdf_limits lim;
	collector c = { 0 };
	char reason[128];
	seal_pdf_status st;

	st = extract(pdf, NULL, &c, NULL, reason, sizeof(reason));
	ck_assert_msg(st == SEAL_PDF_UNSCANNABLE && strstr(reason, "embedded") != NULL,
	    "no file callback: got %s (%s), want UNSCANNABLE (embedded)",
	    status_name(st), reason);
	collector_free(&c);

	seal_pdf_limits_default(&lim);
	lim.max_files = 0;
	memset(&c, 0, sizeof(c));
	st = extract(pdf, &lim, &c, collect_file, reason, sizeof(reason));
	ck_assert_msg(st == SEAL_PDF_UNSCANNABLE && strstr(reason, "too many") != NULL,
	    "max_files 0: got %s (%s), want UNSCANNABLE (too many)",
	    status_name(st), reason);
	ck_assert_msg(c.files == 0, "max_files 0: files handed over: got %u, want 0",
	    c.files);
	collector_free(&c);

	seal_pdf_limits_default(&lim);
	lim.max_embedded = 5;
	memset(&c, 0, sizeof(c));
	st = extract(pdf, &lim, &c, collect_file, reason, sizeof(reason));
	ck_assert_msg(st == SEAL_PDF_UNSCANNABLE && strstr(reason, "too large") != NULL,
	    "max_embedded 5: got %s (%s), want UNSCANNABLE (too large)",
	    status_name(st), reason);
	collector_free(&c);

	/* the collected texts count against max_text like page text */
	seal_pdf_limits_default(&lim);
	lim.max_text = 20;
	memset(&c, 0, sizeof(c));
	g_byte_array_unref(pdf);
	pdf = make_pdf_hidden("https://borger.example/a/very/long/link/target", NULL, NULL);
	st = extract(pdf, &lim, &c, collect_file, reason, sizeof(reason));
	ck_assert_msg(st == SEAL_PDF_UNSCANNABLE && strstr(reason, "text") != NULL,
	    "max_text 20 with a long link: got %s (%s), want UNSCANNABLE (text)",
	    status_name(st), reason);
	collector_free(&c);
	g_byte_array_unref(pdf);
	g_byte_array_unref(plain);
}
END_TEST

/* An EmbeddedFiles entry referring to a string object crashes poppler-glib
 * 22.12's attachment list: such a PDF must end unscannable, not crash. */
START_TEST(test_embedded_string_ref)
{
	static const char *const objs[] = {
		"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
		"<< /Names [(a.txt) 5 0 R] >>",
		"(a.txt)",
	};
	GByteArray *pdf = build_pdf(objs, G_N_ELEMENTS(objs));
	collector c = { 0 };
	char reason[128];
	seal_pdf_status st = extract(pdf, NULL, &c, collect_file, reason, sizeof(reason));

	ck_assert_msg(st == SEAL_PDF_UNSCANNABLE && strstr(reason, "safely") != NULL,
	    "got %s (%s), want UNSCANNABLE (safely)", status_name(st), reason);
	collector_free(&c);
	g_byte_array_unref(pdf);
}
END_TEST

/* Objects written into compressed object streams ([ISO 32000-1] 7.5.7), as
 * `qpdf --object-streams=generate` and most recent writers do. */
static GByteArray *
with_object_streams(const GByteArray *pdf)
{
	static const char *const args[] = { "IN", "OUT", "--object-streams=generate",
	    NULL };
	GByteArray *out = qpdf_run(pdf, args, NULL, NULL, 0);

	ck_assert_msg(memmem(out->data, out->len, "/ObjStm", 7) != NULL,
	    "qpdf wrote no object stream");
	return out;
}

/* Embedded file listed in an object stream: read through the qpdf copy
 * without object streams (pdf_flat.h), issue 9. */
START_TEST(test_embedded_objstm)
{
	static const char *const pages[] = { "Bilag vedlagt", NULL };
	static const char txt[] = "Borger\nCPR-nr.: 170583-1889\n";
	GByteArray *plain = make_pdf(pages);
	GByteArray *att = add_attachment(plain, "borger.txt", txt, sizeof(txt) - 1);
	GByteArray *pdf = with_object_streams(att);
	collector c = { 0 };
	char reason[128];
	seal_pdf_status st = extract(pdf, NULL, &c, collect_file, reason, sizeof(reason));

	ck_assert_msg(st == SEAL_PDF_OK, "status: got %s (%s), want OK",
	    status_name(st), reason);
	ck_assert_msg(c.files == 1, "files: got %u, want 1", c.files);
	want_one(&c, "embedded txt in object stream", "attachment borger.txt",
	    "170583-XXXX");
	collector_free(&c);
	g_byte_array_unref(pdf);
	g_byte_array_unref(att);
	g_byte_array_unref(plain);
}
END_TEST

/* The crashing shape (EmbeddedFiles entry refers to a string) hidden in an
 * object stream: still found in the rewritten copy, still unscannable. */
START_TEST(test_embedded_string_ref_objstm)
{
	static const char *const objs[] = {
		"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
		"<< /Names [(a.txt) 5 0 R] >>",
		"(a.txt)",
	};
	GByteArray *raw = build_pdf(objs, G_N_ELEMENTS(objs));
	GByteArray *pdf = with_object_streams(raw);
	collector c = { 0 };
	char reason[128];
	seal_pdf_status st = extract(pdf, NULL, &c, collect_file, reason, sizeof(reason));

	ck_assert_msg(st == SEAL_PDF_UNSCANNABLE && strstr(reason, "safely") != NULL,
	    "got %s (%s), want UNSCANNABLE (safely)", status_name(st), reason);
	collector_free(&c);
	g_byte_array_unref(pdf);
	g_byte_array_unref(raw);
}
END_TEST

/* Junk before %PDF- (a mail gateway's banner, a print spooler's header):
 * poppler reads it within the first 1024 bytes, and so do we. */
START_TEST(test_header_after_junk)
{
	static const char *const pages[] = { "CPR-nr. 170583-1889", NULL };
	GByteArray *pdf = make_pdf(pages);
	GByteArray *junk = g_byte_array_new();
	collector c = { 0 };
	char reason[128];
	seal_pdf_status st;
	size_t i;

	for (i = 0; i < 40; i++)
		g_byte_array_append(junk, (const guint8 *)"PJL JOB NAME=\"x\"\r\n", 18);
	ck_assert(junk->len < 1024);
	g_byte_array_append(junk, pdf->data, pdf->len);
	st = extract(junk, NULL, &c, collect_file, reason, sizeof(reason));
	ck_assert_msg(st == SEAL_PDF_OK, "status: got %s (%s), want OK",
	    status_name(st), reason);
	want_one(&c, "junk before header", "page 1", "170583-XXXX");
	collector_free(&c);
	g_byte_array_unref(junk);
	g_byte_array_unref(pdf);
}
END_TEST

/*
 * Mutation test of the new readers: byte flips and cuts of a PDF with a
 * link, an annotation, form fields and an embedded file never crash and
 * end OK or UNSCANNABLE. Measured (ASan, 2 shared cores under load): each
 * mutation costs poppler about 40 ms CPU, 130 ms wall; none of them takes
 * the qpdf copy (no object stream, and an indirect string now fails at
 * once, pdf.c attachments_check). 300 took 40 s of the 60 s timeout; 150
 * keep the same mix (flips of 1-4 bytes, a cut every 5th) at half.
 */
#define PDF_MUTATIONS 150
START_TEST(test_mutations)
{
	static const char txt[] = "Borger 170583-1889\n";
	GByteArray *base = make_pdf_annot_form("note", "subject", "value", "option");
	GByteArray *pdf = add_attachment(base, "a.txt", txt, sizeof(txt) - 1);
	GRand *r = g_rand_new_with_seed(11);
	unsigned k;

	for (k = 0; k < PDF_MUTATIONS; k++) {
		GByteArray *m = g_byte_array_new();
		collector c = { 0 };
		char reason[128];
		seal_pdf_status st;
		size_t len = pdf->len, pos, j;

		g_byte_array_append(m, pdf->data, pdf->len);
		for (j = 0; j < 1 + k % 4; j++) {
			pos = (size_t)g_rand_int_range(r, 0, (gint32)len);
			m->data[pos] = (guint8)g_rand_int_range(r, 0, 256);
		}
		if (k % 5 == 0)
			g_byte_array_set_size(m, (guint)g_rand_int_range(r, 1, (gint32)len));
		st = extract(m, NULL, &c, collect_file, reason, sizeof(reason));
		ck_assert_msg(st == SEAL_PDF_OK || st == SEAL_PDF_UNSCANNABLE ||
		    st == SEAL_PDF_NOT_PDF, "mutation %u: got %s", k, status_name(st));
		collector_free(&c);
		g_byte_array_unref(m);
	}
	g_rand_free(r);
	g_byte_array_unref(pdf);
	g_byte_array_unref(base);
}
END_TEST

/*
 * cairo keeps process-wide font caches (toy font faces, fontconfig
 * patterns) that LeakSanitizer reports when the forked test process exits;
 * they belong to the PDF generator of this test, not to src/mime/pdf.c.
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

/* ---- pictures for OCR (issue 11) ------------------------------------ */

/* A grey picture w x h with dark bars (not blank: pixels to compare). */
static cairo_surface_t *
bars(int w, int h)
{
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(img);

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int x = 2; x + 3 < w; x += 7)
		cairo_rectangle(cr, x, 1, 3, h - 2);
	cairo_fill(cr);
	cairo_destroy(cr);
	return img;
}

/* Draws img scaled to sw x sh points at x, y. */
static void
place(cairo_t *cr, cairo_surface_t *img, double x, double y, double sw, double sh)
{
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, sw / cairo_image_surface_get_width(img),
	    sh / cairo_image_surface_get_height(img));
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
}

/*
 * Page 1: a typed letter with a pasted picture (200 x 60 pixels shown 100
 * points wide) and a tiny one; page 2: the same letter and the same
 * picture (a logo on every page); page 3: a scan alone (no text layer);
 * page 4: a copier's scan with its own OCR text layer.
 */
static GByteArray *
make_letter_pdf(void)
{
	static const char line[] = "Kommunen har modtaget din ansøgning og vedlægger kopien.";
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(write_bytes, out, 595, 842);
	cairo_surface_t *pic = bars(200, 60), *tiny = bars(20, 5);
	cairo_t *cr = cairo_create(surface);

	for (int p = 0; p < 4; p++) {
		if (p == 3) {
			/* a copier's page: the scan, and its OCR text on top */
			place(cr, pic, 0, 0, 595, 842);
			cairo_set_font_size(cr, 11);
			for (int l = 0; l < 4; l++) {
				cairo_move_to(cr, 72, 100 + 16 * l);
				cairo_show_text(cr, line);
			}
		} else if (p < 2) {
			cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL,
			    CAIRO_FONT_WEIGHT_NORMAL);
			cairo_set_font_size(cr, 11);
			for (int l = 0; l < 4; l++) {
				cairo_move_to(cr, 72, 100 + 16 * l);
				cairo_show_text(cr, line);
			}
			place(cr, pic, 72, 200, 100, 30);
			if (p == 0)
				place(cr, tiny, 300, 200, 20, 5);
		} else {
			place(cr, pic, 0, 0, 595, 842);
		}
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	ck_assert_int_eq(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(surface);
	cairo_surface_destroy(pic);
	cairo_surface_destroy(tiny);
	return out;
}

static seal_status
ignore_text(void *ctx, const char *label, const char *text, size_t len, seal_err *err)
{
	(void)ctx; (void)label; (void)text; (void)len; (void)err;
	return SEAL_OK;
}

/* Each bitmap handed over as "page.picture:WxH@dpi;", dark pixels checked. */
static seal_status
note_bitmap(void *ctx, const seal_pdf_bitmap *bm, seal_err *err)
{
	GString *seen = ctx;
	size_t dark = 0;

	(void)err;
	for (unsigned y = 0; y < bm->h; y++)
		for (unsigned x = 0; x < bm->w; x++)
			dark += bm->gray[(size_t)y * bm->stride + x] < 128;
	ck_assert_msg(dark > 0, "page %u picture %u: blank bitmap", bm->page, bm->picture);
	if (bm->picture == 0)
		g_string_append_printf(seen, "%u.0;", bm->page);
	else
		g_string_append_printf(seen, "%u.%u:%ux%u@%u;", bm->page, bm->picture, bm->w, bm->h,
		    bm->dpi);
	return SEAL_OK;
}

/*
 * The pasted picture of a typed page goes to the page callback at its own
 * size and resolution (200 px over 100 pt: 144 dpi), the tiny one too (the
 * callback counts it), the repeated one once, the scanned page whole; the
 * copier's page is read through its text layer only.
 */
START_TEST(test_pictures_on_text_pages)
{
	GByteArray *pdf = make_letter_pdf();
	GString *seen = g_string_new(NULL);
	seal_err err = { 0 };
	char reason[120];
	seal_pdf_status st = seal_pdf_extract_ocr((const char *)pdf->data, pdf->len, NULL,
	    ignore_text, NULL, note_bitmap, seen, reason, sizeof(reason), &err);

	ck_assert_int_eq(st, SEAL_PDF_OK);
	ck_assert_str_eq(seen->str, "1.1:200x60@144;1.2:20x5@72;3.0;");
	/* without a page callback: nothing rendered, the text read as before */
	st = seal_pdf_extract((const char *)pdf->data, pdf->len, NULL, ignore_text, NULL, NULL,
	    reason, sizeof(reason), &err);
	ck_assert_int_eq(st, SEAL_PDF_OK);
	g_string_free(seen, TRUE);
	g_byte_array_free(pdf, TRUE);
}
END_TEST

/* SEAL_ERR_LIMIT from the callback: no more bitmaps, the PDF is still read. */
static seal_status
first_only(void *ctx, const seal_pdf_bitmap *bm, seal_err *err)
{
	unsigned *calls = ctx;

	(void)bm; (void)err;
	return ++*calls == 1 ? SEAL_ERR_LIMIT : SEAL_OK;
}

START_TEST(test_pictures_limit)
{
	GByteArray *pdf = make_letter_pdf();
	unsigned calls = 0;
	seal_err err = { 0 };
	char reason[120];
	seal_pdf_status st = seal_pdf_extract_ocr((const char *)pdf->data, pdf->len, NULL,
	    ignore_text, NULL, first_only, &calls, reason, sizeof(reason), &err);

	ck_assert_int_eq(st, SEAL_PDF_OK);
	ck_assert_uint_eq(calls, 1);
	g_byte_array_free(pdf, TRUE);
}
END_TEST

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
	tcase_add_test(tc, test_link_uri);
	tcase_add_test(tc, test_metadata);
	tcase_add_loop_test(tc, test_annot_form, 0, 4);
	tcase_add_test(tc, test_embedded_txt);
	tcase_add_test(tc, test_embedded_limits);
	tcase_add_test(tc, test_header_after_junk);
	tcase_add_test(tc, test_embedded_string_ref);
	tcase_add_test(tc, test_embedded_objstm);
	tcase_add_test(tc, test_embedded_string_ref_objstm);
	tcase_add_test(tc, test_mutations);
	tcase_add_test(tc, test_pictures_on_text_pages);
	tcase_add_test(tc, test_pictures_limit);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
