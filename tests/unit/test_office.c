/*
 * test_office.c - office documents and zip archives (office.h): documents
 * are built in memory with libzip, read back with seal_office_extract,
 * and the texts handed over run through seal_normalize + seal_detect
 * (scan date 2026-06-01); the test compares the masked findings. Numbers
 * are synthetic ones from tests/data/vectors.tsv; failure messages show
 * masks only.
 */
#include <string.h>

#include <glib.h>
#include <zip.h>

#include "check_main.h"
#include "detect.h"
#include "err.h"
#include "normalize.h"
#include "office.h"

#define CT_XML "<?xml version=\"1.0\"?><Types xmlns=\"x\"/>"
#define A_NS "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
#define TEXT_NS "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

struct ent {
	const char *name;
	const char *data;   /* NULL: use bytes */
	GBytes *bytes;
	int encrypt;
};

/* A zip of the entries, deflated; encrypted ones with AES-256. */
static GBytes *
make_zip(const struct ent *e, size_t n)
{
	zip_error_t zerr;
	zip_source_t *src, *s;
	zip_t *za;
	zip_stat_t st;
	char *buf;

	zip_error_init(&zerr);
	src = zip_source_buffer_create(NULL, 0, 0, &zerr);
	ck_assert_ptr_nonnull(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
	ck_assert_ptr_nonnull(za);
	for (size_t i = 0; i < n; i++) {
		const void *d = e[i].data;
		size_t len = d != NULL ? strlen(e[i].data) : 0;
		zip_int64_t idx;

		if (d == NULL)
			d = g_bytes_get_data(e[i].bytes, &len);
		s = zip_source_buffer(za, d, len, 0);
		ck_assert_ptr_nonnull(s);
		idx = zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8);
		ck_assert_int_ge(idx, 0);
		if (e[i].encrypt)
			ck_assert_int_eq(zip_file_set_encryption(za, (zip_uint64_t)idx,
			    ZIP_EM_AES_256, "secret"), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
	zip_source_stat(src, &st);
	buf = g_malloc(st.size);
	ck_assert_int_eq(zip_source_open(src), 0);
	ck_assert_int_eq(zip_source_read(src, buf, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&zerr);
	for (size_t i = 0; i < n; i++)
		if (e[i].bytes != NULL)
			g_bytes_unref(e[i].bytes);
	return g_bytes_new_take(buf, st.size);
}

static GBytes *
docx(const char *body)
{
	char *xml = g_strdup_printf("<?xml version=\"1.0\"?><w:document " W_NS
	    "><w:body>%s</w:body></w:document>", body);
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "word/document.xml", xml, NULL, 0 },
		{ "word/media/image1.png", "\x89PNG\r\n\x1a\n not really", NULL, 0 },
	};
	GBytes *b = make_zip(e, G_N_ELEMENTS(e));

	g_free(xml);
	return b;
}

static GBytes *
b_docx_runs(void)
{
	return docx("<w:p><w:r><w:t xml:space=\"preserve\">CPR-nr.: </w:t></w:r>"
	    "<w:r><w:t>0608</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>68-24</w:t></w:r>"
	    "<w:r><w:t>30</w:t></w:r></w:p>");
}

static GBytes *
b_docx_paras(void)
{
	return docx("<w:p><w:r><w:t>CPR-nr.: 060868</w:t></w:r></w:p>"
	    "<w:p><w:r><w:t>2430</w:t></w:r></w:p>");
}

static GBytes *
b_docx_damaged(void)
{
	return docx("<w:p><w:r><w:t>CPR-nr.: 060868-2430</w:t></w:p></w:r>");
}

static GBytes *
b_xlsx_shared(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "xl/sharedStrings.xml", "<sst><si><t>Personnummer: 19250224-1074</t>"
		    "</si><si><r><t>Navn</t></r></si></sst>", NULL, 0 },
		{ "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\">"
		    "<c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

/* 2803993567 as a number, and 040605-0807 typed as a number: 406050807. */
static GBytes *
b_xlsx_numbers(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\">"
		    "<c r=\"A1\"><v>2803993567</v></c><c r=\"B1\"><f>A1</f><v>7</v></c></row>"
		    "<row r=\"2\"><c r=\"A2\"><v>406050807</v></c></row>"
		    "</sheetData></worksheet>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

static GBytes *
b_pptx(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "ppt/slides/slide1.xml", "<p:sld xmlns:p=\"p\" " A_NS "><p:cSld>"
		    "<p:spTree><p:sp><p:txBody><a:p><a:r><a:t>CPR-nr.: 1304</a:t></a:r>"
		    "<a:r><a:t>258787</a:t></a:r></a:p></p:txBody></p:sp></p:spTree>"
		    "</p:cSld></p:sld>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

static GBytes *
b_odt(void)
{
	struct ent e[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.text", NULL, 0 },
		{ "content.xml", "<office:document-content xmlns:office=\"o\" "
		    TEXT_NS "><office:body><office:text><text:p>CPR-nr.: "
		    "<text:span>0708</text:span>04<text:s/>4997</text:p>"
		    "<text:p>Ingen</text:p></office:text></office:body>"
		    "</office:document-content>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

static GBytes *
b_zip_cp1252(void)
{
	struct ent e[] = {
		{ "notes.txt", "S\xf8gerens personnummer er 0205371389.\r\n", NULL, 0 },
		{ "photo.jpg", "\xff\xd8\xff 0107921508", NULL, 0 },
		{ "page.html", "<p>cpr <b>0107</b>921508</p>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

/* notes.txt inside levels-1 zips inside the outermost one. */
static GBytes *
nested(unsigned levels)
{
	struct ent t = { "notes.txt", "cpr 290200-4214", NULL, 0 };
	GBytes *b = make_zip(&t, 1);

	for (unsigned i = 1; i < levels; i++) {
		struct ent z = { i % 2 ? "inner.zip" : "doc.docx", NULL, b, 0 };

		b = make_zip(&z, 1);
	}
	return b;
}

static GBytes *b_nested3(void) { return nested(3); }
static GBytes *b_nested5(void) { return nested(5); }

static GBytes *
b_ratio(void)
{
	struct ent e = { "zeros.txt", NULL,
	    g_bytes_new_take(g_malloc0(10 * 1024 * 1024), 10 * 1024 * 1024), 0 };

	return make_zip(&e, 1);
}

static GBytes *
b_many(void)
{
	struct ent e[6];
	char names[6][16];

	for (unsigned i = 0; i < 6; i++) {
		g_snprintf(names[i], sizeof(names[i]), "f%u.txt", i);
		e[i] = (struct ent){ names[i], "x", NULL, 0 };
	}
	return make_zip(e, 6);
}

static GBytes *
b_encrypted(void)
{
	struct ent e[] = {
		{ "readme.txt", "hello", NULL, 0 },
		{ "secret.bin", "cpr 290200-4214", NULL, 1 },
	};

	ck_assert_msg(zip_encryption_method_supported(ZIP_EM_AES_256, 1),
	    "libzip without AES support: got unsupported, want supported");
	return make_zip(e, G_N_ELEMENTS(e));
}

static GBytes *
b_pdf(void)
{
	static const char pdf[] = "%PDF-1.4\n1 0 obj << >> endobj\ncpr 290200-4214\n";

	return g_bytes_new_static(pdf, sizeof(pdf) - 1);
}

static GBytes *
b_truncated(void)
{
	GBytes *full = b_docx_runs();
	GBytes *cut = g_bytes_new_from_bytes(full, 0, g_bytes_get_size(full) / 2);

	g_bytes_unref(full);
	return cut;
}

struct seen {
	GString *masks;   /* "m1,m2" in hand-over order */
	GString *names;   /* inner names, "|"-separated */
	int fail;         /* the callback returns an error */
};

static seal_status
collect(void *ctx, const char *inner, const char *text, size_t len, seal_err *err)
{
	struct seen *s = ctx;
	seal_date d = { 2026, 6, 1 };
	GArray *f = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	size_t nlen;
	char *norm;

	ck_assert_msg(g_utf8_validate(text, (gssize)len, NULL),
	    "text of %s: got invalid UTF-8, want valid", inner);
	if (s->fail)
		return seal_err_set(err, SEAL_ERR_IO, "test callback fails");
	norm = seal_normalize(text, len, &nlen);
	seal_detect(norm, nlen, &d, f);
	for (guint i = 0; i < f->len; i++)
		g_string_append_printf(s->masks, "%s%s", s->masks->len ? "," : "",
		    g_array_index(f, seal_finding, i).masked);
	g_string_append_printf(s->names, "%s%s", s->names->len ? "|" : "", inner);
	g_free(norm);
	g_array_free(f, TRUE);
	return SEAL_OK;
}

/* seal_office_extract with the collecting text hook, binaries counted. */
static seal_office_status
extract(const char *data, size_t len, const seal_office_limits *lim,
	struct seen *s, unsigned *uninspected, char *reason, size_t rsize,
	seal_err *err)
{
	seal_office_hooks h = { collect, NULL, NULL, s };
	unsigned dummy = 0;

	return seal_office_extract(data, len, lim, &h,
	    uninspected != NULL ? uninspected : &dummy, reason, rsize, err);
}

static const char *
status_name(seal_office_status st)
{
	static const char *const n[] = { "NOT_OFFICE", "OK", "UNSCANNABLE", "ERROR" };

	return (unsigned)st < 4 ? n[st] : "?";
}

static const struct office_case {
	const char *label;
	GBytes *(*build)(void);
	unsigned max_entries;          /* 0: default limits */
	seal_office_status want;
	const char *masks;             /* findings, or NULL when not checked */
	const char *reason;            /* substring of the reason, or NULL */
	const char *names;             /* inner names, or NULL */
} cases[] = {
	{ "docx CPR split over three runs", b_docx_runs, 0, SEAL_OFFICE_OK,
	    "060868-XXXX", NULL, "word/document.xml" },
	{ "docx number across two paragraphs", b_docx_paras, 0, SEAL_OFFICE_OK,
	    "", NULL, "word/document.xml" },
	{ "docx malformed XML", b_docx_damaged, 0, SEAL_OFFICE_UNSCANNABLE,
	    "", "damaged document (word/document.xml)", NULL },
	{ "xlsx shared string", b_xlsx_shared, 0, SEAL_OFFICE_OK,
	    "19250224-XXXX", NULL, "xl/sharedStrings.xml|xl/worksheets/sheet1.xml" },
	{ "xlsx numeric cells, 10 and 9 digits", b_xlsx_numbers, 0, SEAL_OFFICE_OK,
	    "280399-XXXX,040605-XXXX", NULL, NULL },
	{ "pptx slide", b_pptx, 0, SEAL_OFFICE_OK, "130425-XXXX", NULL,
	    "ppt/slides/slide1.xml" },
	{ "odt paragraph with spans", b_odt, 0, SEAL_OFFICE_OK, "070804-XXXX",
	    NULL, "content.xml" },
	{ "plain zip, Windows-1252 text and HTML", b_zip_cp1252, 0, SEAL_OFFICE_OK,
	    "020537-XXXX,010792-XXXX", NULL, "notes.txt|page.html" },
	{ "zip in zip, depth 2", b_nested3, 0, SEAL_OFFICE_OK, "290200-XXXX", NULL,
	    "doc.docx/inner.zip/notes.txt" },
	{ "nesting beyond max_depth", b_nested5, 0, SEAL_OFFICE_UNSCANNABLE, "",
	    "nested deeper than 3", NULL },
	{ "10 MB of zeros deflated", b_ratio, 0, SEAL_OFFICE_UNSCANNABLE, "",
	    "compression ratio above 200", NULL },
	{ "too many entries", b_many, 5, SEAL_OFFICE_UNSCANNABLE, "",
	    "more than 5 archive entries", NULL },
	{ "encrypted entry", b_encrypted, 0, SEAL_OFFICE_UNSCANNABLE, "",
	    "encrypted archive entry", NULL },
	{ "PDF is not a zip", b_pdf, 0, SEAL_OFFICE_NOT_OFFICE, "", NULL, "" },
	{ "truncated docx", b_truncated, 0, SEAL_OFFICE_UNSCANNABLE, "",
	    "damaged archive", NULL },
};

START_TEST(test_extract)
{
	const struct office_case *c = &cases[_i];
	struct seen s = { g_string_new(NULL), g_string_new(NULL), 0 };
	seal_office_limits lim;
	GBytes *b = c->build();
	char reason[160];
	seal_err err;
	seal_office_status st;
	size_t len;
	const char *data = g_bytes_get_data(b, &len);

	seal_office_limits_default(&lim);
	if (c->max_entries != 0)
		lim.max_entries = c->max_entries;
	seal_err_clear(&err);
	st = extract(data, len, &lim, &s, NULL, reason,
	    sizeof(reason), &err);
	ck_assert_msg(st == c->want, "%s: status got %s, want %s", c->label,
	    status_name(st), status_name(c->want));
	if (c->masks != NULL && st != SEAL_OFFICE_UNSCANNABLE)
		ck_assert_msg(strcmp(s.masks->str, c->masks) == 0,
		    "%s: findings got \"%s\", want \"%s\"", c->label, s.masks->str, c->masks);
	if (c->reason != NULL)
		ck_assert_msg(strstr(reason, c->reason) != NULL,
		    "%s: reason got \"%s\", want it to contain \"%s\"", c->label,
		    reason, c->reason);
	if (c->names != NULL)
		ck_assert_msg(strcmp(s.names->str, c->names) == 0,
		    "%s: names got \"%s\", want \"%s\"", c->label, s.names->str, c->names);
	g_string_free(s.masks, TRUE);
	g_string_free(s.names, TRUE);
	g_bytes_unref(b);
}
END_TEST

START_TEST(test_callback_error)
{
	struct seen s = { g_string_new(NULL), g_string_new(NULL), 1 };
	GBytes *b = b_docx_runs();
	char reason[160];
	seal_err err;
	size_t len;
	const char *data = g_bytes_get_data(b, &len);
	seal_office_status st;

	seal_err_clear(&err);
	st = extract(data, len, NULL, &s, NULL, reason,
	    sizeof(reason), &err);
	ck_assert_msg(st == SEAL_OFFICE_ERROR && err.code == SEAL_ERR_IO,
	    "callback error: got %s/%s, want ERROR/%s", status_name(st),
	    seal_status_name(err.code), seal_status_name(SEAL_ERR_IO));
	g_string_free(s.masks, TRUE);
	g_string_free(s.names, TRUE);
	g_bytes_unref(b);
}
END_TEST

/* Reasons never show a number from an entry name. */
START_TEST(test_reason_masks_names)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "word/header0608682430.xml", "<w:hdr><w:p>", NULL, 0 },
	};
	struct seen s = { g_string_new(NULL), g_string_new(NULL), 0 };
	GBytes *b = make_zip(e, G_N_ELEMENTS(e));
	char reason[160];
	size_t len;
	const char *data = g_bytes_get_data(b, &len);
	seal_office_status st;

	st = extract(data, len, NULL, &s, NULL, reason,
	    sizeof(reason), NULL);
	ck_assert_msg(st == SEAL_OFFICE_UNSCANNABLE, "status got %s, want UNSCANNABLE",
	    status_name(st));
	ck_assert_msg(strstr(reason, "header" "XXXXXXXXXX.xml") != NULL,
	    "reason got \"%s\", want the digits masked", reason);
	g_string_free(s.masks, TRUE);
	g_string_free(s.names, TRUE);
	g_bytes_unref(b);
}
END_TEST

/* A few hundred byte flips, cuts and insertions of a small docx: no crash. */
START_TEST(test_mutations)
{
	GBytes *b = b_docx_runs();
	size_t len;
	const guint8 *orig = g_bytes_get_data(b, &len);
	GRand *r = g_rand_new_with_seed(20260601);
	guint8 *m = g_malloc(len + 16);

	for (unsigned round = 0; round < 400; round++) {
		struct seen s = { g_string_new(NULL), g_string_new(NULL), 0 };
		size_t mlen = len;
		char reason[160];
		seal_office_status st;

		memcpy(m, orig, len);
		for (unsigned k = 0, n = 1 + round % 8; k < n; k++)
			m[g_rand_int_range(r, 0, (gint32)len)] = (guint8)g_rand_int(r);
		if (round % 5 == 0)
			mlen = (size_t)g_rand_int_range(r, 0, (gint32)len);
		st = extract((const char *)m, mlen, NULL, &s, NULL, reason, sizeof(reason), NULL);
		ck_assert_msg(st != SEAL_OFFICE_ERROR, "round %u: got ERROR, want no error",
		    round);
		g_string_free(s.masks, TRUE);
		g_string_free(s.names, TRUE);
	}
	g_free(m);
	g_rand_free(r);
	g_bytes_unref(b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("office");
	TCase *tc = tcase_create("office");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_extract, 0, (int)G_N_ELEMENTS(cases));
	tcase_add_test(tc, test_callback_error);
	tcase_add_test(tc, test_reason_masks_names);
	tcase_add_test(tc, test_mutations);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
