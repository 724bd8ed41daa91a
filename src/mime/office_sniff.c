/*
 * office_sniff.c - what an archive entry or document part is, by content,
 * and where it goes (office_internal.h). The name is a hint only: a PDF
 * named scan.dat, a docx named data.bin, a sheet renamed to
 * xl/worksheets/x.xml are all read.
 *
 * In this order:
 *  1. in an OOXML package, [Content_Types].xml is skipped (types only, as
 *     ODF's "mimetype") and
 *     a relationships part (*.rels) gives its external hyperlink targets;
 *  2. a zip (at byte 0 or after a prefix; docx, xlsx, odt, zip, SFX) is
 *     opened recursively within max_depth;
 *  3. "%PDF-" in the first KiB (as poppler allows): poppler's page text,
 *     named ENTRY/page N (pdf.h);
 *  4. raster pictures (PNG, JPEG, GIF, BMP, TIFF, WebP) go to the picture
 *     hook (the message walk reads them by OCR, as picture attachments);
 *     vector pictures (EMF, WMF), and all pictures without that hook, are
 *     skipped uncounted;
 *  5. text, by charset: a UTF-8 or UTF-16 byte order mark, valid UTF-8,
 *     UTF-16 without a mark (every other byte zero), else Windows-1252 when
 *     it looks like text (no NUL, at most 1% control characters). Text is
 *     then a mail message (*.eml, or an RFC 5322 header block: to the
 *     message hook, or else handed over as text), XML (the document reader
 *     of office_xml.c), HTML (seal_html_to_text; an altChunk afchunk.htm)
 *     or plain text (an altChunk .txt, an RTF, a CSV...);
 *  6. anything else is binary: to the binary hook (a strings fallback), or
 *     counted as uninspected for the caller's policy.
 *
 * Malformed XML in an OOXML or ODF package makes the whole document
 * UNSCANNABLE ("damaged document (ENTRY)"): what a word processor recovers
 * from a damaged file cannot be predicted. Two exceptions read the text
 * with seal_html_to_text instead: XML in a plain zip, and VML drawings
 * (*.vml), which Excel writes as HTML-like markup that is not always XML.
 */
#include <string.h>

#include <glib.h>

#include "extract.h"
#include "html.h"
#include "metafile.h"
#include "office_internal.h"
#include "ocr.h"
#include "pdf.h"

#define SNIFF_HEAD 1024

static int
sniff_has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	return n >= s && g_ascii_strcasecmp(name + n - s, suffix) == 0;
}

static int
sniff_image(const unsigned char *p, size_t n)
{
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return 1;
	if (n >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0)
		return 1;
	if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return 1;
	if (n >= 4 && (memcmp(p, "II*\0", 4) == 0 || memcmp(p, "MM\0*", 4) == 0))
		return 1;
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return 1;
	if (n >= 44 && memcmp(p, "\x01\0\0\0", 4) == 0 && memcmp(p + 40, " EMF", 4) == 0)
		return 1;
	if (n >= 4 && memcmp(p, "\xd7\xcd\xc6\x9a", 4) == 0)
		return 1;
	/* BMP: "BM", then the file size, two reserved zero words */
	if (n >= 14 && p[0] == 'B' && p[1] == 'M' && p[6] == 0 && p[7] == 0 &&
	    p[8] == 0 && p[9] == 0)
		return 1;
	return 0;
}

/* No NUL and at most 1% control characters other than white space. */
static int
sniff_looks_like_text(const char *p, size_t n)
{
	size_t ctrl = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == 0)
			return 0;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
			ctrl++;
	}
	return ctrl * 100 <= n;
}

/* UTF-16 to UTF-8; unpaired surrogates become U+FFFD. */
static char *
sniff_utf16(const unsigned char *p, size_t n, int be, size_t *out_len)
{
	GString *s = g_string_sized_new(n);

	for (size_t i = 0; i + 1 < n; i += 2) {
		gunichar c = be ? (gunichar)(p[i] << 8 | p[i + 1]) :
		    (gunichar)(p[i + 1] << 8 | p[i]);

		if (c >= 0xd800 && c < 0xdc00 && i + 3 < n) {
			gunichar lo = be ? (gunichar)(p[i + 2] << 8 | p[i + 3]) :
			    (gunichar)(p[i + 3] << 8 | p[i + 2]);

			if (lo >= 0xdc00 && lo < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			} else
				c = 0xfffd;
		} else if (c >= 0xd800 && c < 0xe000)
			c = 0xfffd;
		g_string_append_unichar(s, c);
	}
	*out_len = s->len;
	return g_string_free(s, FALSE);
}

/*
 * UTF-16 without a byte order mark: in the first KiB, at least 40% of the
 * high bytes are zero (Latin text) and almost no low byte is. Returns 1
 * little-endian, 2 big-endian, 0 neither.
 */
static int
sniff_utf16_unmarked(const unsigned char *p, size_t n)
{
	size_t pairs, zero_even = 0, zero_odd = 0;

	n = MIN(n, (size_t)SNIFF_HEAD) & ~(size_t)1;
	if (n < 4)
		return 0;
	pairs = n / 2;
	for (size_t i = 0; i < n; i += 2) {
		zero_even += p[i] == 0;
		zero_odd += p[i + 1] == 0;
	}
	if (zero_odd * 10 >= pairs * 4 && zero_even * 20 < pairs)
		return 1;
	if (zero_even * 10 >= pairs * 4 && zero_odd * 20 < pairs)
		return 2;
	return 0;
}

/* The entry as UTF-8 text, or NULL when it is not text. */
static char *
sniff_text(const char *data, size_t len, size_t *out_len)
{
	const unsigned char *p = (const unsigned char *)data;
	char *s;
	int kind;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		return seal_extract_to_utf8(data + 3, len - 3, NULL, out_len);
	if (len >= 2 && (memcmp(p, "\xff\xfe", 2) == 0 || memcmp(p, "\xfe\xff", 2) == 0))
		s = sniff_utf16(p + 2, len - 2, p[0] == 0xfe, out_len);
	else if ((kind = sniff_utf16_unmarked(p, len)) != 0)
		s = sniff_utf16(p, len, kind == 2, out_len);
	else if (sniff_looks_like_text(data, len))
		return seal_extract_to_utf8(data, len, NULL, out_len);
	else
		return NULL;
	if (sniff_looks_like_text(s, *out_len))
		return s;
	g_free(s);
	return NULL;
}

/*
 * An RFC 5322 header block: from the first line on, at least two header
 * fields (one of them a field every message has) before an empty line,
 * and nothing else but folded continuations.
 */
static int
sniff_message(const char *t, size_t n)
{
	static const char *const known[] = { "from", "to", "subject", "date",
		"message-id", "received", "mime-version", "return-path", NULL };
	size_t i = 0, fields = 0, lines = 0;
	int seen_known = 0;

	while (i < n && lines++ < 200) {
		size_t e = i, k;

		while (e < n && t[e] != '\n')
			e++;
		if (e == i || (e == i + 1 && t[i] == '\r'))
			return fields >= 2 && seen_known;
		if (t[i] == ' ' || t[i] == '\t') {
			if (fields == 0)
				return 0;
		} else {
			for (k = i; k < e && t[k] > ' ' && t[k] < 127 && t[k] != ':'; k++)
				;
			if (k == i || k >= e || t[k] != ':')
				return 0;
			for (size_t j = 0; known[j] != NULL; j++)
				if (k - i == strlen(known[j]) &&
				    g_ascii_strncasecmp(t + i, known[j], k - i) == 0)
					seen_known = 1;
			fields++;
		}
		i = e + 1;
	}
	return i >= n && fields >= 2 && seen_known;
}

/* Markup (html.h): an XML declaration or a root element; HTML by its usual start. */
static int
sniff_markup(const char *t, size_t n, int *html)
{
	int kind = seal_html_sniff(t, n);

	*html = kind == SEAL_MARKUP_HTML;
	return kind != SEAL_MARKUP_NONE;
}

struct sniff_pdf {
	struct office_run *run;
	const char *name;
};

static seal_status
sniff_pdf_page(void *ctx, const char *label, const char *text, size_t len, seal_err *err)
{
	struct sniff_pdf *p = ctx;
	char *name = g_strdup_printf("%s/%s", p->name, label);
	seal_office_status rc = office_emit(p->run, name, text, len);

	(void)err;
	g_free(name);
	return rc == SEAL_OFFICE_OK ? SEAL_OK : SEAL_ERR_IO;
}

static seal_office_status sniff_binary(struct office_run *run, const char *name,
	const char *data, size_t len);

/* A file embedded in the PDF: to the binary hook, like an unknown entry. */
static seal_status
sniff_pdf_file(void *ctx, const char *fname, const char *data, size_t len, seal_err *err)
{
	struct sniff_pdf *p = ctx;
	char *name = g_strdup_printf("%s/attachment %s", p->name, fname);
	seal_office_status rc = sniff_binary(p->run, name, data, len);

	(void)err;
	g_free(name);
	return rc == SEAL_OFFICE_OK ? SEAL_OK : SEAL_ERR_IO;
}

/* A page without a text layer or a picture: to the page hook, named by the PDF entry. */
static seal_status
sniff_pdf_scanned(void *ctx, const seal_pdf_bitmap *bm, seal_err *err)
{
	struct sniff_pdf *p = ctx;

	return p->run->hooks->page(p->run->hooks->ctx, p->name, bm, err);
}

/* 1 when read as PDF (or unscannable/error in *rc), 0 when not a PDF. */
static int
sniff_pdf(struct office_run *run, const char *name, const char *safe,
	const char *data, size_t len, seal_office_status *rc)
{
	struct sniff_pdf p = { run, name };
	char reason[120];
	seal_pdf_status ps;

	if (memmem(data, MIN(len, (size_t)SNIFF_HEAD), "%PDF-", 5) == NULL)
		return 0;
	ps = seal_pdf_extract_ocr(data, len, NULL, sniff_pdf_page, sniff_pdf_file,
	    run->hooks->page != NULL ? sniff_pdf_scanned : NULL, &p, reason,
	    sizeof(reason), run->err);
	switch (ps) {
	case SEAL_PDF_NOT_PDF:
		return 0;
	case SEAL_PDF_UNSCANNABLE:
		*rc = office_unscannable(run, "%s (%s)", reason, safe);
		return 1;
	case SEAL_PDF_ERROR:
		*rc = SEAL_OFFICE_ERROR;
		return 1;
	case SEAL_PDF_OK:
	default:
		*rc = SEAL_OFFICE_OK;
		return 1;
	}
}

/*
 * HTML in an archive is read as a text/html part is: every element's text,
 * the text shown without hidden elements, the attribute values, and its
 * data: pictures (to the picture hook).
 */
static seal_office_status
sniff_html_views(struct office_run *run, const char *name, const char *text, size_t len)
{
	seal_html_text *t = seal_html_read(text, len);
	seal_office_status rc = office_emit(run, name, t->full, t->full_len);
	char *label;

	if (rc == SEAL_OFFICE_OK && t->shown != NULL)
		rc = office_emit(run, name, t->shown, t->shown_len);
	if (rc == SEAL_OFFICE_OK && t->attrs_len > 0)
		rc = office_emit(run, name, t->attrs, t->attrs_len);
	if (rc == SEAL_OFFICE_OK && t->pictures_dropped > 0)
		rc = office_unscannable(run, "more inline data: pictures than are read (%u not "
		    "read)", t->pictures_dropped);
	for (guint i = 0; rc == SEAL_OFFICE_OK && run->hooks->picture != NULL &&
	    t->pictures != NULL && i < t->pictures->len; i++) {
		GByteArray *b = g_ptr_array_index(t->pictures, i);

		if (!seal_ocr_is_image(b->data, b->len))
			continue;
		label = g_strdup_printf("%s/picture %u", name, i + 1);
		if (run->hooks->picture(run->hooks->ctx, label, (const char *)b->data, b->len,
		    run->err) != SEAL_OK)
			rc = SEAL_OFFICE_ERROR;
		g_free(label);
	}
	seal_html_text_free(t);
	return rc;
}

/* XML's markup-free view (html.h): references decoded, SVG text runs joined. */
static seal_office_status
sniff_xml_view(struct office_run *run, const char *name, const char *raw, size_t raw_len)
{
	size_t tlen, vlen;
	char *text = sniff_text(raw, raw_len, &tlen), *view;
	seal_office_status rc;

	if (text == NULL)
		text = seal_extract_to_utf8(raw, raw_len, NULL, &tlen);
	/* only SVG's text runs add to what libxml2 read; looked for in the
	 * text, as the raw bytes may be UTF-16 */
	if (!seal_html_svg_runs(text, tlen)) {
		memset(text, 0, tlen);
		g_free(text);
		return SEAL_OFFICE_OK;
	}
	view = seal_html_xml_to_text(text, tlen, &vlen);
	rc = office_emit(run, name, view, vlen);
	memset(text, 0, tlen);
	memset(view, 0, vlen);
	g_free(text);
	g_free(view);
	return rc;
}

/*
 * An SVG picture, by its name or by its root element or namespace in its
 * first 4 KB (in UTF-16 too): Word, PowerPoint and LibreOffice draw one
 * kept in their packages (word/media, Pictures), text runs joined.
 */
static int
sniff_is_svg(const char *name, const char *raw, size_t raw_len)
{
	size_t hlen = 0;
	char *head;
	int svg;

	if (sniff_has_suffix(name, ".svg"))
		return 1;
	if ((head = sniff_text(raw, MIN(raw_len, (size_t)4096), &hlen)) == NULL)
		return 0;
	svg = g_strstr_len(head, (gssize)hlen, "<svg") != NULL ||
	    g_strstr_len(head, (gssize)hlen, "www.w3.org/2000/svg") != NULL;
	memset(head, 0, hlen);
	g_free(head);
	return svg;
}

/*
 * An entry that is XML or HTML. libxml2 gets the raw bytes (it honours the
 * encoding declaration and a byte order mark); the HTML reader UTF-8.
 */
static seal_office_status
sniff_markup_text(struct office_run *run, const char *name, const char *safe,
	const char *raw, size_t raw_len, int html, office_pkg pkg)
{
	seal_office_status rc;
	GString *s;
	char *text, *plain;
	size_t tlen, plen;
	int svg = !html && pkg != OFFICE_PKG_ZIP && sniff_is_svg(name, raw, raw_len);

	if (!html && pkg == OFFICE_PKG_ODF && !svg)
		/* an ODS document's tables are named by their sheets */
		return office_book_ods(run, name, safe, raw, raw_len);
	if (!html) {
		s = g_string_new(NULL);
		if (office_xml_text(raw, raw_len, s) == 0) {
			rc = office_emit(run, name, s->str, s->len);
			memset(s->str, 0, s->len);
			g_string_free(s, TRUE);
			/* an SVG picture in a plain zip or a document: also as
			 * a viewer draws it, text runs joined (html.h); libxml2
			 * has already decoded references and CDATA */
			if (rc == SEAL_OFFICE_OK && (pkg == OFFICE_PKG_ZIP || svg))
				rc = sniff_xml_view(run, name, raw, raw_len);
			return rc;
		}
		g_string_free(s, TRUE);
		if (pkg != OFFICE_PKG_ZIP && !sniff_has_suffix(name, ".vml"))
			return office_unscannable(run, "damaged document (%s)", safe);
	}
	if ((text = sniff_text(raw, raw_len, &tlen)) == NULL)
		text = seal_extract_to_utf8(raw, raw_len, NULL, &tlen);
	if (html)
		rc = sniff_html_views(run, name, text, tlen);
	else {
		plain = seal_html_to_text(text, tlen, &plen);
		rc = office_emit(run, name, plain, plen);
		memset(plain, 0, plen);
		g_free(plain);
	}
	memset(text, 0, tlen);
	g_free(text);
	return rc;
}

static seal_office_status
sniff_binary(struct office_run *run, const char *name, const char *data, size_t len)
{
	if (run->hooks->binary == NULL) {
		(*run->uninspected)++;
		return SEAL_OFFICE_OK;
	}
	if (run->hooks->binary(run->hooks->ctx, name, data, len, run->err) != SEAL_OK)
		return SEAL_OFFICE_ERROR;
	return SEAL_OFFICE_OK;
}

/*
 * A Windows metafile (metafile.h; word/media/image1.emf: a range pasted
 * from Excel, a chart, a drawing): the text it draws, as lines. Text
 * drawn from glyph numbers cannot be read: counted as uninspected.
 */
static seal_office_status
sniff_metafile(struct office_run *run, const char *name, const char *safe,
	const char *data, size_t len)
{
	GString *t = g_string_new(NULL);
	seal_metafile_info info;
	seal_office_status rc = SEAL_OFFICE_OK;

	(void)seal_metafile_text((const uint8_t *)data, len, t, &info);
	if (t->len > 0) {
		rc = office_emit(run, name, t->str, t->len);
		memset(t->str, 0, t->len);
	}
	g_string_free(t, TRUE);
	if (rc != SEAL_OFFICE_OK)
		return rc;
	if (info.cut)
		return office_unscannable(run, "picture text past the reading limits (%s)", safe);
	if (info.glyph_runs > 0)
		(*run->uninspected)++;
	return SEAL_OFFICE_OK;
}

static seal_office_status
sniff_rels(struct office_run *run, const char *name, const char *safe,
	const char *data, size_t len)
{
	GString *s = g_string_new(NULL);
	seal_office_status rc;

	if (office_rels_text(data, len, s) != 0)
		rc = office_unscannable(run, "damaged document (%s)", safe);
	else
		rc = office_emit(run, name, s->str, s->len);
	g_string_free(s, TRUE);
	return rc;
}

seal_office_status
office_content(struct office_run *run, const char *name, const char *safe,
	const char *data, size_t len, office_pkg pkg, unsigned depth)
{
	const char *base = strrchr(name, '/') != NULL ? strrchr(name, '/') + 1 : name;
	seal_office_status rc = SEAL_OFFICE_OK;
	char *text;
	size_t tlen;
	int found, html = 0;

	if (len == 0)
		return SEAL_OFFICE_OK;
	if (pkg == OFFICE_PKG_OOXML && strcmp(base, "[Content_Types].xml") == 0)
		return SEAL_OFFICE_OK;
	if (pkg == OFFICE_PKG_ODF && strcmp(name, "mimetype") == 0)
		return SEAL_OFFICE_OK;
	if (pkg == OFFICE_PKG_OOXML && sniff_has_suffix(base, ".rels"))
		return sniff_rels(run, name, safe, data, len);
	if (pkg == OFFICE_PKG_OOXML && run->book != NULL) {
		int taken;

		/* a workbook's sheets, their comments and shared strings */
		rc = office_book_part(run, name, data, len, &taken);
		if (taken)
			return rc;
	}
	(void)office_zip_start(data, len, &found);
	if (found) {
		if (depth + 1 > run->lim->max_depth)
			return office_unscannable(run, "archives nested deeper than %u",
			    run->lim->max_depth);
		return run->archive(run, data, len, name, depth + 1);
	}
	if (sniff_pdf(run, name, safe, data, len, &rc))
		return rc;
	if (seal_metafile_is((const uint8_t *)data, len))
		return sniff_metafile(run, name, safe, data, len);
	if (sniff_image((const unsigned char *)data, len)) {
		if (run->hooks->picture == NULL ||
		    !seal_ocr_is_image((const uint8_t *)data, len))
			return SEAL_OFFICE_OK;
		return run->hooks->picture(run->hooks->ctx, name, data, len, run->err) ==
		    SEAL_OK ? SEAL_OFFICE_OK : SEAL_OFFICE_ERROR;
	}
	/* XML and HTML in UTF-8 or an 8-bit charset go to their readers as
	 * they are (a 16 MB document.xml is not converted first) */
	if (sniff_markup(data, len, &html))
		return sniff_markup_text(run, name, safe, data, len, html, pkg);
	if ((text = sniff_text(data, len, &tlen)) == NULL)
		return sniff_binary(run, name, data, len);
	if (sniff_has_suffix(base, ".eml") || sniff_has_suffix(base, ".mht") ||
	    sniff_message(text, tlen)) {
		if (run->hooks->message != NULL)
			rc = run->hooks->message(run->hooks->ctx, name, data, len,
			    run->err) == SEAL_OK ? SEAL_OFFICE_OK : SEAL_OFFICE_ERROR;
		else
			rc = office_emit(run, name, text, tlen);
	} else if (sniff_markup(text, tlen, &html))   /* UTF-16 markup */
		rc = sniff_markup_text(run, name, safe, data, len, html, pkg);
	else
		rc = office_emit(run, name, text, tlen);
	memset(text, 0, tlen);
	g_free(text);
	return rc;
}
