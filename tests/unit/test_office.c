/*
 * test_office.c - office documents and zip archives (office.h): documents
 * are built in memory with libzip, read back with seal_office_extract,
 * and the texts handed over run through seal_normalize + seal_detect
 * (scan date 2026-06-01); the test compares the masked findings. Numbers
 * are synthetic ones from tests/data/vectors.tsv; failure messages show
 * masks only.
 *
 * Formats: ECMA-376 Part 2 (OPC: [Content_Types].xml, _rels/.rels,
 * TargetMode="External"), ECMA-376 Part 1 (WordprocessingML, SpreadsheetML,
 * DrawingML charts, altChunk 17.17.3.1), ODF 1.3 (table:name,
 * office:annotation, office:value), APPNOTE.TXT 4.3.16 (the end of central
 * directory record that finds a zip after a self-extractor stub), RFC 5322
 * (a header block), Unicode 15 3.10 (UTF-16 byte order marks). Documents
 * from real LibreOffice are in tests/data/office/ (README there).
 */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
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


#define CT_OOXML "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas." \
	"openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" " \
	"ContentType=\"application/xml\"/><Override PartName=\"/word/main0.xml\" " \
	"ContentType=\"application/vnd.openxmlformats-officedocument." \
	"wordprocessingml.document.main+xml\"/></Types>"
#define S_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define C_NS "xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\""
#define REL_NS "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
#define REL_T "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* The main part renamed: only _rels/.rels says where the document is. */
static GBytes *
b_docx_renamed(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_OOXML, NULL, 0 },
		{ "_rels/.rels", "<Relationships " REL_NS "><Relationship Id=\"r1\" "
		    "Type=\"" REL_T "officeDocument\" Target=\"word/main0.xml\"/>"
		    "</Relationships>", NULL, 0 },
		{ "word/main0.xml", "<w:document " W_NS "><w:body><w:p><w:r><w:t>"
		    "Sag 2803993567</w:t></w:r></w:p></w:body></w:document>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

/* A sheet with a cell written the way other writers write numbers. */
static GBytes *
xlsx_sheet(const char *row)
{
	char *xml = g_strdup_printf("<worksheet " S_NS "><sheetData><row r=\"1\">%s"
	    "</row></sheetData></worksheet>", row);
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "xl/worksheets/data.xml", xml, NULL, 0 },
	};
	GBytes *b = make_zip(e, G_N_ELEMENTS(e));

	g_free(xml);
	return b;
}

static GBytes *
b_xlsx_exponent(void)
{
	return xlsx_sheet("<c r=\"A1\"><v>1.705831889E9</v></c>");
}

/* 4.05050807E8 is 040505-0807 typed as a number (the zero is lost). */
static GBytes *
b_xlsx_exponent9(void)
{
	return xlsx_sheet("<c r=\"A1\"><v>4.06050807E8</v></c>");
}

/* A shared-string index is no number: t="s" values stay as they are. */
static GBytes *
b_xlsx_index(void)
{
	return xlsx_sheet("<c r=\"A1\" t=\"s\"><v>1.705831889E9</v></c>");
}

static GBytes *
b_xlsx_formula(void)
{
	return xlsx_sheet("<c r=\"A1\" t=\"str\"><f>\"240625-\"&amp;\"8826\"</f></c>");
}

static GBytes *
b_xlsx_inline(void)
{
	return xlsx_sheet("<c r=\"A1\" t=\"inlineStr\"><is><t>CPR </t><r><t>0211</t>"
	    "</r><r><t>900787</t></r></is></c>");
}

/* Rich text runs of one shared string join; two strings do not. */
static GBytes *
b_xlsx_rich(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "xl/sharedStrings.xml", "<sst " S_NS "><si><r><t>2102</t></r><r><rPr>"
		    "<b/></rPr><t>226839</t></r></si><si><t>1709</t></si><si><t>037353"
		    "</t></si></sst>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

/* A cell comment, Excel's VML drawing beside it (HTML-like, not XML). */
static GBytes *
b_xlsx_comment(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "xl/comments1.xml", "<comments " S_NS "><authors><author>A</author>"
		    "</authors><commentList><comment ref=\"B1\" authorId=\"0\"><text><r>"
		    "<t>CPR 070536-3811</t></r></text></comment></commentList></comments>",
		    NULL, 0 },
		{ "xl/drawings/vmlDrawing1.vml", "<xml><v:shape><div>Note<br></div>"
		    "</v:shape></xml>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

static GBytes *
b_xlsx_sheetname(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "xl/workbook.xml", "<workbook " S_NS "><sheets><sheet name=\"Sag "
		    "1905044539\" sheetId=\"1\"/><sheet name=\"Oversigt\" sheetId=\"2\"/>"
		    "</sheets></workbook>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

/* An external hyperlink target, percent-encoded. */
static GBytes *
b_docx_hyperlink(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "word/_rels/document.xml.rels", "<Relationships " REL_NS ">"
		    "<Relationship Id=\"r1\" Type=\"" REL_T "styles\" Target=\"s.xml\"/>"
		    "<Relationship Id=\"r2\" Type=\"" REL_T "hyperlink\" TargetMode="
		    "\"External\" Target=\"https://sag.example/?cpr=%30%32%31%31%39%30-0787\"/>"
		    "</Relationships>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

/* altChunk: an HTML part imported into the document (17.17.3.1). */
static GBytes *
b_docx_altchunk(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "word/afchunk.htm", "<html><body><p>CPR <b>1304</b>258787</p></body>"
		    "</html>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

/* Chart caches: two values are two numbers, never one. */
static GBytes *
b_chart(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "word/charts/chart1.xml", "<c:chartSpace " C_NS " " A_NS "><c:title>"
		    "<c:tx><c:rich><a:p><a:r><a:t>Sag 1501</a:t></a:r><a:r><a:t>374853"
		    "</a:t></a:r></a:p></c:rich></c:tx></c:title><c:numCache><c:pt idx="
		    "\"0\"><c:v>170583</c:v></c:pt><c:pt idx=\"1\"><c:v>1889</c:v></c:pt>"
		    "</c:numCache></c:chartSpace>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

static GBytes *
b_docprops(void)
{
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "docProps/custom.xml", "<Properties xmlns=\"http://schemas.openxmlformats"
		    ".org/officeDocument/2006/custom-properties\" xmlns:vt=\"v\"><property "
		    "name=\"Sagsnr\"><vt:lpwstr>2711363044</vt:lpwstr></property><property "
		    "name=\"n\"><vt:i4>170583</vt:i4></property><property name=\"m\"><vt:i4>"
		    "1889</vt:i4></property></Properties>", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int length)
{
	g_byte_array_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* A one-page PDF with a text layer, drawn with cairo. */
static GBytes *
pdf_bytes(const char *text)
{
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(pdf_write, out,
	    595, 842);
	cairo_t *cr = cairo_create(surface);

	cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL,
	    CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 14);
	cairo_move_to(cr, 72, 100);
	cairo_show_text(cr, text);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_surface_destroy(surface);
	return g_byte_array_free_to_bytes(out);
}

/* A PDF named scan.dat: the name says nothing, the content does. */
static GBytes *
b_zip_pdf(void)
{
	struct ent e[] = {
		{ "scan.dat", NULL, pdf_bytes("CPR-nr.: 060868-2430"), 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

/* stub + zip, as `cat stub.exe x.zip > sfx.exe` makes it. */
static GBytes *
sfx(GBytes *zip)
{
	GByteArray *a = g_byte_array_new();
	gsize zlen;
	const guint8 *z = g_bytes_get_data(zip, &zlen);
	guint8 stub[3000];

	memset(stub, 0x90, sizeof(stub));
	memcpy(stub, "MZ\x90\0\3\0\0\0This program cannot be run in DOS mode.", 47);
	g_byte_array_append(a, stub, sizeof(stub));
	g_byte_array_append(a, z, (guint)zlen);
	g_bytes_unref(zip);
	return g_byte_array_free_to_bytes(a);
}

static GBytes *
b_sfx(void)
{
	struct ent e = { "notes.txt", "Sag 1905044539", NULL, 0 };

	return sfx(make_zip(&e, 1));
}

/* The stub is not taken for a zip when its central directory is wrong. */
static GBytes *
b_sfx_broken(void)
{
	GBytes *b = b_sfx();
	gsize len;
	guint8 *d = g_bytes_unref_to_data(b, &len);

	/* the central directory signature "PK\1\2" becomes "PK\1\3" */
	for (gsize i = len; i-- > 3;)
		if (memcmp(d + i, "PK\1\2", 4) == 0) {
			d[i + 3] = 3;
			break;
		}
	return g_bytes_new_take(d, len);
}

/* UTF-16LE with a byte order mark and UTF-16BE without one. */
static GBytes *
b_zip_utf16(void)
{
	static const char a[] = "Sag 1905044539\r\n", b[] = "Sag 2102226839\r\n";
	GByteArray *le = g_byte_array_new(), *be = g_byte_array_new();
	struct ent e[2] = { { "a.txt", NULL, NULL, 0 }, { "b.dat", NULL, NULL, 0 } };

	g_byte_array_append(le, (const guint8 *)"\xff\xfe", 2);
	for (size_t i = 0; a[i] != '\0'; i++) {
		guint8 le2[2] = { (guint8)a[i], 0 }, be2[2] = { 0, (guint8)b[i] };

		g_byte_array_append(le, le2, 2);
		g_byte_array_append(be, be2, 2);
	}
	e[0].bytes = g_byte_array_free_to_bytes(le);
	e[1].bytes = g_byte_array_free_to_bytes(be);
	return make_zip(e, 2);
}

/* A mail message in a zip, named .txt: its header block says what it is. */
static GBytes *
b_zip_eml(void)
{
	struct ent e[] = {
		{ "mail.txt", "From: a@kommune.example\nTo: b@kommune.example\nSubject: "
		    "Sag\n\nCPR-nr.: 070804 4997\n", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

/* A binary entry is counted (no hook); an image is not. */
static GBytes *
b_zip_binary(void)
{
	static const char bin[] = "\0\1\2\3\xd0\xcf\x11\xe0 Sag 1905044539 \0\0\0\xff";
	struct ent e[] = {
		{ "vbaProject.bin", NULL, g_bytes_new_static(bin, sizeof(bin) - 1), 0 },
		{ "logo.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", NULL, 0 },
	};

	return make_zip(e, G_N_ELEMENTS(e));
}

/* A docx inside a zip under a meaningless name. */
static GBytes *
b_zip_docx_renamed(void)
{
	struct ent e = { "attachment.bin", NULL, b_docx_renamed(), 0 };

	return make_zip(&e, 1);
}

struct seen {
	GString *masks;   /* "m1,m2" in hand-over order */
	GString *names;   /* inner names, "|"-separated */
	int fail;         /* the callback returns an error */
};

static seal_status
collect(void *ctx, const char *inner, const char *detail, const char *text, size_t len,
	seal_err *err)
{
	struct seen *s = ctx;
	seal_date d = { 2026, 6, 1 };
	GArray *f = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	size_t nlen;
	char *norm;

	(void)detail;
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
	seal_office_hooks h = { .text = collect, .ctx = s };
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
	unsigned uninspected;          /* binary entries counted */
} cases[] = {
	{ "docx CPR split over three runs", b_docx_runs, 0, SEAL_OFFICE_OK,
	    "060868-XXXX", NULL, "word/document.xml", 0 },
	{ "docx number across two paragraphs", b_docx_paras, 0, SEAL_OFFICE_OK,
	    "", NULL, "word/document.xml", 0 },
	{ "docx malformed XML", b_docx_damaged, 0, SEAL_OFFICE_UNSCANNABLE,
	    "", "damaged document (word/document.xml)", NULL, 0 },
	{ "xlsx shared string", b_xlsx_shared, 0, SEAL_OFFICE_OK,
	    "19250224-XXXX", NULL, "xl/sharedStrings.xml|xl/worksheets/sheet1.xml", 0 },
	{ "xlsx numeric cells, 10 and 9 digits", b_xlsx_numbers, 0, SEAL_OFFICE_OK,
	    "280399-XXXX,040605-XXXX", NULL, NULL, 0 },
	{ "pptx slide", b_pptx, 0, SEAL_OFFICE_OK, "130425-XXXX", NULL,
	    "ppt/slides/slide1.xml", 0 },
	{ "odt paragraph with spans", b_odt, 0, SEAL_OFFICE_OK, "070804-XXXX",
	    NULL, "content.xml", 0 },
	{ "plain zip, Windows-1252 text and HTML", b_zip_cp1252, 0, SEAL_OFFICE_OK,
	    "020537-XXXX,010792-XXXX", NULL, "notes.txt|page.html", 0 },
	{ "zip in zip, depth 2", b_nested3, 0, SEAL_OFFICE_OK, "290200-XXXX", NULL,
	    "doc.docx/inner.zip/notes.txt", 0 },
	{ "nesting beyond max_depth", b_nested5, 0, SEAL_OFFICE_UNSCANNABLE, "",
	    "nested deeper than 3", NULL, 0 },
	{ "10 MB of zeros deflated", b_ratio, 0, SEAL_OFFICE_UNSCANNABLE, "",
	    "compression ratio above 200", NULL, 0 },
	{ "too many entries", b_many, 5, SEAL_OFFICE_UNSCANNABLE, "",
	    "more than 5 archive entries", NULL, 0 },
	{ "encrypted entry", b_encrypted, 0, SEAL_OFFICE_UNSCANNABLE, "",
	    "encrypted archive entry", NULL, 0 },
	{ "PDF is not a zip", b_pdf, 0, SEAL_OFFICE_NOT_OFFICE, "", NULL, "", 0 },
	{ "truncated docx", b_truncated, 0, SEAL_OFFICE_UNSCANNABLE, "",
	    "damaged archive", NULL, 0 },
	{ "docx main part renamed (found through _rels/.rels)", b_docx_renamed, 0,
	    SEAL_OFFICE_OK, "280399-XXXX", NULL, "word/main0.xml", 0 },
	{ "xlsx number as 1.705831889E9", b_xlsx_exponent, 0, SEAL_OFFICE_OK,
	    "170583-XXXX", NULL, "xl/worksheets/data.xml", 0 },
	{ "xlsx 9-digit number as 4.06050807E8", b_xlsx_exponent9, 0, SEAL_OFFICE_OK,
	    "040605-XXXX", NULL, NULL, 0 },
	{ "xlsx shared-string index is no number", b_xlsx_index, 0, SEAL_OFFICE_OK,
	    "", NULL, NULL, 0 },
	{ "xlsx formula without cached value", b_xlsx_formula, 0, SEAL_OFFICE_OK,
	    "240625-XXXX", NULL, NULL, 0 },
	{ "xlsx inline string in runs", b_xlsx_inline, 0, SEAL_OFFICE_OK,
	    "021190-XXXX", NULL, NULL, 0 },
	{ "xlsx shared string rich runs join, items do not", b_xlsx_rich, 0,
	    SEAL_OFFICE_OK, "210222-XXXX", NULL, NULL, 0 },
	{ "xlsx cell comment, VML beside it", b_xlsx_comment, 0, SEAL_OFFICE_OK,
	    "070536-XXXX", NULL, "xl/comments1.xml|xl/drawings/vmlDrawing1.vml", 0 },
	{ "xlsx sheet name", b_xlsx_sheetname, 0, SEAL_OFFICE_OK, "190504-XXXX",
	    NULL, NULL, 0 },
	{ "docx external hyperlink target", b_docx_hyperlink, 0, SEAL_OFFICE_OK,
	    "021190-XXXX", NULL, NULL, 0 },
	{ "docx altChunk HTML", b_docx_altchunk, 0, SEAL_OFFICE_OK, "130425-XXXX",
	    NULL, "word/afchunk.htm", 0 },
	{ "chart title joins, chart values do not", b_chart, 0, SEAL_OFFICE_OK,
	    "150137-XXXX", NULL, NULL, 0 },
	{ "custom properties one by one", b_docprops, 0, SEAL_OFFICE_OK,
	    "271136-XXXX", NULL, NULL, 0 },
	{ "zip: PDF entry named .dat", b_zip_pdf, 0, SEAL_OFFICE_OK, "060868-XXXX",
	    NULL, "scan.dat/page 1|scan.dat/metadata", 0 },
	{ "zip after a self-extractor stub", b_sfx, 0, SEAL_OFFICE_OK, "190504-XXXX",
	    NULL, "notes.txt", 0 },
	{ "stub with a broken central directory is no zip", b_sfx_broken, 0,
	    SEAL_OFFICE_NOT_OFFICE, "", NULL, "", 0 },
	{ "zip: UTF-16LE with BOM, UTF-16BE without", b_zip_utf16, 0, SEAL_OFFICE_OK,
	    "190504-XXXX,210222-XXXX", NULL, "a.txt|b.dat", 0 },
	{ "zip: mail message without a message hook is text", b_zip_eml, 0,
	    SEAL_OFFICE_OK, "070804-XXXX", NULL, "mail.txt", 0 },
	{ "zip: binary counted, image skipped", b_zip_binary, 0, SEAL_OFFICE_OK, "",
	    NULL, "", 1 },
	{ "zip: docx under a meaningless name", b_zip_docx_renamed, 0, SEAL_OFFICE_OK,
	    "280399-XXXX", NULL, "attachment.bin/word/main0.xml",
	    0 },
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
	unsigned uninspected = 0;

	seal_office_limits_default(&lim);
	if (c->max_entries != 0)
		lim.max_entries = c->max_entries;
	seal_err_clear(&err);
	st = extract(data, len, &lim, &s, &uninspected, reason,
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
	if (st == SEAL_OFFICE_OK)
		ck_assert_msg(uninspected == c->uninspected,
		    "%s: uninspected got %u, want %u", c->label, uninspected,
		    c->uninspected);
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

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The masks of a comma list, sorted and without repeats. */
static char *
mask_set(const char *list)
{
	char **v = g_strsplit(list, ",", -1);
	GString *o = g_string_new(NULL);
	guint n = g_strv_length(v);

	qsort(v, n, sizeof(char *), cmp_str);
	for (guint i = 0; i < n; i++) {
		if (v[i][0] == '\0' || (i > 0 && strcmp(v[i], v[i - 1]) == 0))
			continue;
		g_string_append_printf(o, "%s%s", o->len ? "," : "", v[i]);
	}
	g_strfreev(v);
	return g_string_free(o, FALSE);
}

static const struct lo_case {
	const char *file;
	const char *masks;      /* sorted set */
} lo_cases[] = {
	{ "doc.docx", "021190-XXXX,070536-XXXX,130425-XXXX,190504-XXXX,210222-XXXX,"
	    "240625-XXXX,271136-XXXX,280399-XXXX" },
	{ "doc.odt", "021190-XXXX,070536-XXXX,130425-XXXX,190504-XXXX,210222-XXXX,"
	    "240625-XXXX,271136-XXXX,280399-XXXX" },
	{ "sheet.xlsx", "070536-XXXX,170583-XXXX,190504-XXXX,240625-XXXX" },
	{ "sheet.ods", "070536-XXXX,170583-XXXX,190504-XXXX,240625-XXXX" },
	{ "slides.pptx", "150137-XXXX,210222-XXXX" },
	{ "slides.odp", "150137-XXXX,210222-XXXX" },
	{ "sfx-offsets-adjusted.exe", "070558-XXXX" },
};

/* Documents made by real LibreOffice (tests/data/office/README.md). */
START_TEST(test_libreoffice)
{
	const struct lo_case *c = &lo_cases[_i];
	const char *top = getenv("top_srcdir");
	struct seen s = { g_string_new(NULL), g_string_new(NULL), 0 };
	char *path, *data, reason[160], *got;
	gsize len;
	unsigned uninspected = 0;
	seal_office_status st;

	ck_assert_msg(top != NULL, "top_srcdir not set: run through make check");
	path = g_build_filename(top, "tests", "data", "office", c->file, NULL);
	ck_assert_msg(g_file_get_contents(path, &data, &len, NULL),
	    "%s: got unreadable, want readable", c->file);
	st = extract(data, len, NULL, &s, &uninspected, reason, sizeof(reason), NULL);
	ck_assert_msg(st == SEAL_OFFICE_OK, "%s: status got %s (%s), want OK", c->file,
	    status_name(st), reason);
	got = mask_set(s.masks->str);
	ck_assert_msg(strcmp(got, c->masks) == 0, "%s: findings got \"%s\", want \"%s\"",
	    c->file, got, c->masks);
	ck_assert_msg(uninspected == 0, "%s: uninspected got %u, want 0", c->file,
	    uninspected);
	g_free(got);
	g_free(data);
	g_free(path);
	g_string_free(s.masks, TRUE);
	g_string_free(s.names, TRUE);
}
END_TEST

struct hooked {
	struct seen seen;
	GString *binaries;      /* "name:len|..." */
	GString *messages;      /* names */
};

static seal_status
hook_text(void *ctx, const char *inner, const char *detail, const char *text, size_t len,
	seal_err *err)
{
	return collect(&((struct hooked *)ctx)->seen, inner, detail, text, len, err);
}

static seal_status
hook_binary(void *ctx, const char *inner, const char *data, size_t len, seal_err *err)
{
	struct hooked *h = ctx;

	(void)data;
	(void)err;
	g_string_append_printf(h->binaries, "%s%s:%zu", h->binaries->len ? "|" : "",
	    inner, len);
	return SEAL_OK;
}

static seal_status
hook_message(void *ctx, const char *inner, const char *data, size_t len, seal_err *err)
{
	struct hooked *h = ctx;

	(void)err;
	ck_assert_msg(len > 5 && memcmp(data, "From:", 5) == 0,
	    "message hook: got other bytes, want the raw message");
	g_string_append_printf(h->messages, "%s%s", h->messages->len ? "|" : "", inner);
	return SEAL_OK;
}

/* With hooks, binaries and messages go to them and nothing is counted. */
START_TEST(test_hooks)
{
	struct hooked h = { { g_string_new(NULL), g_string_new(NULL), 0 },
	    g_string_new(NULL), g_string_new(NULL) };
	seal_office_hooks hooks = { .text = hook_text, .binary = hook_binary,
	    .message = hook_message, .ctx = &h };
	struct ent e[] = {
		{ "bin.zip", NULL, b_zip_binary(), 0 },
		{ "mail.zip", NULL, b_zip_eml(), 0 },
	};
	GBytes *b = make_zip(e, G_N_ELEMENTS(e));
	unsigned uninspected = 0;
	char reason[160];
	size_t len;
	const char *data = g_bytes_get_data(b, &len);
	seal_office_status st;

	st = seal_office_extract(data, len, NULL, &hooks, &uninspected, reason,
	    sizeof(reason), NULL);
	ck_assert_msg(st == SEAL_OFFICE_OK, "status got %s, want OK", status_name(st));
	ck_assert_msg(strcmp(h.binaries->str, "bin.zip/vbaProject.bin:28") == 0,
	    "binary hook got \"%s\", want \"bin.zip/vbaProject.bin:28\"",
	    h.binaries->str);
	ck_assert_msg(strcmp(h.messages->str, "mail.zip/mail.txt") == 0,
	    "message hook got \"%s\", want \"mail.zip/mail.txt\"", h.messages->str);
	ck_assert_msg(h.seen.names->len == 0, "text hook got \"%s\", want nothing",
	    h.seen.names->str);
	ck_assert_msg(uninspected == 0, "uninspected got %u, want 0", uninspected);
	g_string_free(h.seen.masks, TRUE);
	g_string_free(h.seen.names, TRUE);
	g_string_free(h.binaries, TRUE);
	g_string_free(h.messages, TRUE);
	g_bytes_unref(b);
}
END_TEST

static seal_status
hook_picture(void *ctx, const char *inner, const char *data, size_t len, seal_err *err)
{
	struct hooked *h = ctx;

	(void)data;
	(void)err;
	g_string_append_printf(h->binaries, "%spicture %s:%zu", h->binaries->len ? "|" : "",
	    inner, len);
	return SEAL_OK;
}

/*
 * Raster pictures go to the picture hook (OCR in the message walk); a
 * vector picture (EMF) never does; without the hook pictures are skipped
 * and nothing is counted, as before.
 */
START_TEST(test_picture_hook)
{
	static const char png[] = "\x89PNG\r\n\x1a\n0000IHDR-picture-bytes";
	static const char emf[44] = "\x01\0\0\0 emf header padding ................ EMF";
	struct hooked h = { { g_string_new(NULL), g_string_new(NULL), 0 },
	    g_string_new(NULL), g_string_new(NULL) };
	seal_office_hooks hooks = { .text = hook_text, .binary = hook_binary,
	    .ctx = &h, .picture = hook_picture };
	struct ent e[] = {
		{ "word/media/image1.png", NULL, g_bytes_new_static(png, sizeof(png) - 1), 0 },
		{ "word/media/image2.emf", NULL, g_bytes_new_static(emf, sizeof(emf)), 0 },
	};
	GBytes *b = make_zip(e, G_N_ELEMENTS(e));
	unsigned uninspected = 0;
	char reason[160];
	size_t len;
	const char *data = g_bytes_get_data(b, &len);
	seal_office_status st;
	char want[64];

	ck_assert_msg(memcmp(emf + 40, " EMF", 4) == 0, "EMF fixture: signature at 40");
	st = seal_office_extract(data, len, NULL, &hooks, &uninspected, reason,
	    sizeof(reason), NULL);
	ck_assert_msg(st == SEAL_OFFICE_OK, "status got %s, want OK", status_name(st));
	g_snprintf(want, sizeof(want), "picture word/media/image1.png:%zu", sizeof(png) - 1);
	ck_assert_msg(strcmp(h.binaries->str, want) == 0, "hooks got \"%s\", want \"%s\"",
	    h.binaries->str, want);
	hooks.picture = NULL;
	g_string_truncate(h.binaries, 0);
	st = seal_office_extract(data, len, NULL, &hooks, &uninspected, reason,
	    sizeof(reason), NULL);
	ck_assert_msg(st == SEAL_OFFICE_OK && h.binaries->len == 0 && uninspected == 0,
	    "without a picture hook: status %s, hooks \"%s\", uninspected %u; want OK, "
	    "nothing, 0", status_name(st), h.binaries->str, uninspected);
	g_string_free(h.seen.masks, TRUE);
	g_string_free(h.seen.names, TRUE);
	g_string_free(h.binaries, TRUE);
	g_string_free(h.messages, TRUE);
	g_bytes_unref(b);
}
END_TEST

/*
 * The new paths under mutation: a self-extractor holding an xlsx with an
 * exponent number, a PDF entry, a UTF-16 entry and a mail message; byte
 * flips in the stub, the zip and the entries, cuts and a moved EOCD.
 */
START_TEST(test_mutations_sniff)
{
	struct ent e[] = {
		{ "book.bin", NULL, b_xlsx_exponent(), 0 },
		{ "scan.dat", NULL, pdf_bytes("CPR-nr.: 060868-2430"), 0 },
		{ "u.zip", NULL, b_zip_utf16(), 0 },
		{ "m.txt", "From: a@b.example\nTo: c@d.example\n\nx\n", NULL, 0 },
	};
	GBytes *b = sfx(make_zip(e, G_N_ELEMENTS(e)));
	size_t len;
	const guint8 *orig = g_bytes_get_data(b, &len);
	GRand *r = g_rand_new_with_seed(20261205);
	guint8 *m = g_malloc(len + 16);

	for (unsigned round = 0; round < 300; round++) {
		struct seen s = { g_string_new(NULL), g_string_new(NULL), 0 };
		size_t mlen = len;
		char reason[160];
		seal_office_status st;

		memcpy(m, orig, len);
		for (unsigned k = 0, n = 1 + round % 8; k < n; k++) {
			/* half of the flips in the last KiB: central directory, EOCD */
			size_t at = round % 2 ? len - 1 - (size_t)g_rand_int_range(r, 0, 1024) :
			    (size_t)g_rand_int_range(r, 0, (gint32)len);

			m[at] = (guint8)g_rand_int(r);
		}
		if (round % 5 == 0)
			mlen = (size_t)g_rand_int_range(r, 0, (gint32)len);
		st = extract((const char *)m, mlen, NULL, &s, NULL, reason,
		    sizeof(reason), NULL);
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

static void
reset_cairo(void)
{
	cairo_debug_reset_static_data();
}

/*
 * As in test_pdf.c: fontconfig's default configuration, parsed once per
 * process when cairo first looks up "sans" for the test's PDF, loses a
 * few allocations; suppressed by that one frame only (sanitizer builds).
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

/* ---- workbooks: sheets named, shared strings where their cells are ---- */

#define SML_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define DOC_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

struct book_seen {
	GString *where;         /* "name[detail]" per text, "|"-separated */
	GString *masks;         /* "mask@name" per finding */
	size_t bytes;           /* text handed over in all */
};

static seal_status
book_text(void *ctx, const char *inner, const char *detail, const char *text, size_t len,
	seal_err *err)
{
	struct book_seen *b = ctx;
	seal_date d = { 2026, 6, 1 };
	GArray *f = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	size_t nlen;
	char *norm = seal_normalize(text, len, &nlen);

	(void)err;
	seal_detect(norm, nlen, &d, f);
	for (guint i = 0; i < f->len; i++)
		g_string_append_printf(b->masks, "%s%s@%s", b->masks->len ? "," : "",
		    g_array_index(f, seal_finding, i).masked, inner);
	g_string_append_printf(b->where, "%s%s[%s]", b->where->len ? "|" : "", inner,
	    detail != NULL ? detail : "");
	b->bytes += len;
	g_free(norm);
	g_array_free(f, TRUE);
	return SEAL_OK;
}

/*
 * A workbook of two sheets, the second hidden; sst: the shared strings
 * (<si> items), sheet1/sheet2: their rows. Entries in an order that puts
 * the sheets before the shared strings (as LibreOffice writes them).
 */
static GBytes *
workbook(const char *sst, const char *sheet1, const char *sheet2)
{
	char *s1 = g_strdup_printf("<worksheet xmlns=\"" SML_NS "\"><sheetData>%s"
	    "</sheetData></worksheet>", sheet1);
	char *s2 = g_strdup_printf("<worksheet xmlns=\"" SML_NS "\"><sheetData>%s"
	    "</sheetData></worksheet>", sheet2);
	char *strings = g_strdup_printf("<sst xmlns=\"" SML_NS "\">%s</sst>", sst);
	struct ent e[] = {
		{ "[Content_Types].xml", CT_XML, NULL, 0 },
		{ "_rels/.rels", "<Relationships xmlns=\"" PKG_REL "\"><Relationship Id=\"r1\" "
		    "Type=\"" DOC_REL "/officeDocument\" Target=\"xl/workbook.xml\"/>"
		    "</Relationships>", NULL, 0 },
		{ "xl/workbook.xml", "<workbook xmlns=\"" SML_NS "\" xmlns:r=\"" DOC_REL
		    "\"><sheets><sheet name=\"Ark1\" sheetId=\"1\" r:id=\"rId1\"/>"
		    "<sheet name=\"Skjult\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
		    "</sheets></workbook>", NULL, 0 },
		{ "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" PKG_REL "\">"
		    "<Relationship Id=\"rId1\" Type=\"" DOC_REL "/worksheet\" "
		    "Target=\"worksheets/sheet1.xml\"/>"
		    "<Relationship Id=\"rId2\" Type=\"" DOC_REL "/worksheet\" "
		    "Target=\"/xl/worksheets/sheet2.xml\"/>"
		    "<Relationship Id=\"rId3\" Type=\"" DOC_REL "/sharedStrings\" "
		    "Target=\"sharedStrings.xml\"/></Relationships>", NULL, 0 },
		{ "xl/worksheets/sheet1.xml", s1, NULL, 0 },
		{ "xl/worksheets/_rels/sheet1.xml.rels", "<Relationships xmlns=\"" PKG_REL
		    "\"><Relationship Id=\"rId1\" Type=\"" DOC_REL "/comments\" "
		    "Target=\"../comments1.xml\"/></Relationships>", NULL, 0 },
		{ "xl/worksheets/sheet2.xml", s2, NULL, 0 },
		{ "xl/comments1.xml", "<comments xmlns=\"" SML_NS "\"><commentList><comment "
		    "ref=\"A1\"><text><t>Note 070536-3811</t></text></comment></commentList>"
		    "</comments>", NULL, 0 },
		{ "xl/sharedStrings.xml", strings, NULL, 0 },
	};
	GBytes *b = make_zip(e, G_N_ELEMENTS(e));

	g_free(s1);
	g_free(s2);
	g_free(strings);
	return b;
}

static void
book_extract(GBytes *zip, struct book_seen *b)
{
	seal_office_hooks h = { .text = book_text, .ctx = b };
	size_t len;
	const char *data = g_bytes_get_data(zip, &len);
	unsigned uninspected = 0;
	char reason[160];
	seal_err err;
	seal_office_status st;

	seal_err_clear(&err);
	b->where = g_string_new(NULL);
	b->masks = g_string_new(NULL);
	b->bytes = 0;
	st = seal_office_extract(data, len, NULL, &h, &uninspected, reason, sizeof(reason),
	    &err);
	ck_assert_msg(st == SEAL_OFFICE_OK, "workbook: status got %s, want OK",
	    status_name(st));
	g_bytes_unref(zip);
}

/* The shared string shows on the hidden sheet that points at it; the
 * unused one is read as the shared strings part; the comment names its sheet. */
START_TEST(test_workbook_sheets)
{
	struct book_seen b;

	book_extract(workbook("<si><t>Navn</t></si><si><t>CPR 060868-2430</t></si>"
	    "<si><t>Rest 290200-4214</t></si>",
	    "<row><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
	    "<row><c r=\"A1\" t=\"s\"><v> 1 </v></c><c t=\"s\"><v>99</v></c></row>"), &b);
	ck_assert_msg(strcmp(b.masks->str, "060868-XXXX@sheet 2 \"Skjult\" (hidden),"
	    "070536-XXXX@sheet 1 \"Ark1\", comment,290200-XXXX@xl/sharedStrings.xml") == 0,
	    "workbook findings: got \"%s\"", b.masks->str);
	ck_assert_msg(strstr(b.where->str, "|sheet 1 \"Ark1\"[sheet 1]|") != NULL &&
	    strstr(b.where->str, "|sheet 2 \"Skjult\" (hidden)[sheet 2 (hidden)]|") != NULL &&
	    strstr(b.where->str, "|sheet 1 \"Ark1\", comment[sheet 1, comment]|") != NULL,
	    "workbook places: got \"%s\"", b.where->str);
	g_string_free(b.where, TRUE);
	g_string_free(b.masks, TRUE);
}
END_TEST

/*
 * A sheet pointing 40 times at one 100 KB shared string: the repeats
 * stop at the bound (the string's own bytes, at least 1 MiB), the number
 * in it is still found, and on both sheets.
 */
START_TEST(test_workbook_repeats_bounded)
{
	GString *big = g_string_new("<si><t>CPR 060868-2430 ");
	GString *rows = g_string_new(NULL);
	struct book_seen b;
	guint32 x = 1;

	/* letters that do not compress beyond the archive ratio limit */
	while (big->len < 100000) {
		x = x * 1103515245u + 12345u;
		g_string_append_c(big, (x >> 16) % 7 == 0 ? ' ' : (char)('a' + (x >> 16) % 26));
	}
	g_string_append(big, "</t></si>");
	for (int i = 0; i < 40; i++)
		g_string_append(rows, "<row><c t=\"s\"><v>0</v></c></row>");
	book_extract(workbook(big->str, rows->str, "<row><c t=\"s\"><v>0</v></c></row>"), &b);
	ck_assert_msg(b.bytes < 2 * 1024 * 1024, "repeats: %zu bytes handed over, want "
	    "under 2 MiB", b.bytes);
	ck_assert_msg(strstr(b.masks->str, "060868-XXXX@sheet 1 \"Ark1\"") != NULL &&
	    strstr(b.masks->str, "060868-XXXX@sheet 2 \"Skjult\" (hidden)") != NULL,
	    "repeats: findings got \"%s\"", b.masks->str);
	g_string_free(big, TRUE);
	g_string_free(rows, TRUE);
	g_string_free(b.where, TRUE);
	g_string_free(b.masks, TRUE);
}
END_TEST

/* ODS: each table of the spreadsheet its own text, hidden by its style. */
START_TEST(test_ods_tables)
{
	static const char content[] = "<office:document-content "
	    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
	    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
	    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " TEXT_NS ">"
	    "<office:automatic-styles><style:style style:name=\"ta2\" style:family=\"table\">"
	    "<style:table-properties table:display=\"false\"/></style:style>"
	    "</office:automatic-styles><office:body><office:spreadsheet>"
	    "<table:table table:name=\"Ark1\"><table:table-row><table:table-cell>"
	    "<text:p>Navn</text:p></table:table-cell></table:table-row></table:table>"
	    "<table:table table:name=\"Skjult\" table:style-name=\"ta2\"><table:table-row>"
	    "<table:table-cell><text:p>CPR 060868-2430</text:p></table:table-cell>"
	    "</table:table-row></table:table></office:spreadsheet></office:body>"
	    "</office:document-content>";
	struct ent e[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.spreadsheet", NULL, 0 },
		{ "content.xml", content, NULL, 0 },
	};
	struct book_seen b;

	book_extract(make_zip(e, G_N_ELEMENTS(e)), &b);
	ck_assert_msg(strcmp(b.where->str, "sheet 1 \"Ark1\"[sheet 1]|"
	    "sheet 2 \"Skjult\" (hidden)[sheet 2 (hidden)]") == 0,
	    "ods places: got \"%s\"", b.where->str);
	ck_assert_msg(strcmp(b.masks->str, "060868-XXXX@sheet 2 \"Skjult\" (hidden)") == 0,
	    "ods findings: got \"%s\"", b.masks->str);
	g_string_free(b.where, TRUE);
	g_string_free(b.masks, TRUE);
}
END_TEST


int
main(void)
{
	Suite *s = suite_create("office");
	TCase *tc = tcase_create("office");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, NULL, reset_cairo);
	tcase_add_loop_test(tc, test_extract, 0, (int)G_N_ELEMENTS(cases));
	tcase_add_test(tc, test_callback_error);
	tcase_add_test(tc, test_reason_masks_names);
	tcase_add_test(tc, test_mutations);
	tcase_add_loop_test(tc, test_libreoffice, 0, (int)G_N_ELEMENTS(lo_cases));
	tcase_add_test(tc, test_hooks);
	tcase_add_test(tc, test_picture_hook);
	tcase_add_test(tc, test_mutations_sniff);
	tcase_add_test(tc, test_workbook_sheets);
	tcase_add_test(tc, test_workbook_repeats_bounded);
	tcase_add_test(tc, test_ods_tables);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
