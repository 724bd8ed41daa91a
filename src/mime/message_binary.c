/*
 * message_binary.c - a non-text leaf that no document reader took
 * (message_internal.h): the last step of seal_walk_attachment.
 *
 *  1. images are read by OCR (message_ocr.c), or stay uninspected with
 *     ocr = no (their bytes hold no text);
 *  2. the content is read whole (within the walk's text budget) and
 *     recognised by its bytes, recursively for archive members:
 *       - a compound file (OLE2) that is encrypted is unscannable (ole2.h);
 *         Word, Excel, PowerPoint files and Outlook items are read with
 *         libgsf (ole2read.h), an Outlook item's attachments one level
 *         down; another compound file has its workbook numbers read
 *         (xls.h) and takes the strings fallback;
 *       - an archive or compressed stream (tar, 7z, rar, cpio, gzip, bzip2,
 *         xz..., and a bare zlib stream) is unpacked within the office
 *         limits (unpack.h); an
 *         encrypted member or header is unscannable; each member is
 *         recognised in turn (zip documents, PDF, text, nested archives);
 *       - an RTF document is read as the text it shows (rtftext.h), its
 *         embedded objects one level down;
 *       - Outlook's TNEF (winmail.dat) has its texts read and its
 *         attachments recognised one level down (tnef.h); damaged or
 *         encrypted is unscannable;
 *       - UTF-8 text is scanned as text, and markup (HTML, XML, SVG)
 *         also as a viewer shows it (markup_views);
 *  3. what is left (Word 6/95 files, unknown
 *     binaries) counts as uninspected and, with uninspected_action
 *     scan-strings, has its printable runs scanned (binstrings.h); with
 *     unscannable, the message is unscannable.
 * Reasons name the part number, never a file name.
 */
#include <string.h>

#include <gmime/gmime.h>

#include "unpack.h"
#include "binstrings.h"
#include "extract.h"
#include "html.h"
#include "message_internal.h"
#include "metafile.h"
#include "ocr.h"
#include "office.h"
#include "ole2.h"
#include "ole2read.h"
#include "pdf.h"
#include "rtftext.h"
#include "textsniff.h"
#include "tnef.h"
#include "xls.h"

struct binary {
	struct seal_walk *w;
	unsigned leaf, msgdepth;
	seal_office_limits lim;
	unsigned depth;         /* archive nesting of the blob being read */
	const char *name;       /* name of the blob being read (may be NULL) */
	seal_status st;         /* the walk callback's status */
};

static seal_status read_blob(struct binary *b, const char *name, const uint8_t *d,
	size_t len);

/* PNG, JPEG, GIF, BMP, TIFF, WebP: pictures, no text to read without OCR. */
static int
is_image(const uint8_t *d, size_t n)
{
	return seal_ocr_is_image(d, n);
}

static char *
member_name(const struct binary *b, const char *inner)
{
	if (b->name == NULL)
		return g_strdup(inner);
	if (inner == NULL)
		return g_strdup(b->name);
	return g_strdup_printf("%s/%s", b->name, inner);
}

static seal_status
emit(struct binary *b, const char *name, const char *text, size_t len)
{
	b->st = seal_walk_emit(b->w, SEAL_WHERE_ATTACHMENT, b->leaf, b->msgdepth, name,
	    text, len);
	return b->st;
}

/* A member a browser opens as HTML by its name. */
static int
markup_name(const char *name)
{
	return name != NULL && (seal_walk_name_ends(name, ".html") ||
	    seal_walk_name_ends(name, ".htm") || seal_walk_name_ends(name, ".xhtml"));
}

/*
 * A text member that is markup (html.h): also read as a viewer shows it.
 * HTML as a text/html part (every element's text, the shown text, the
 * attribute values, its data: pictures by OCR); XML and SVG without tags,
 * references decoded and text runs joined. A member named .html that
 * starts as a fragment ("<p>...") is HTML too: a browser opens it so.
 */
static seal_status
markup_views(struct binary *b, const char *name, const char *text, size_t len)
{
	int kind = seal_html_sniff(text, len);
	seal_html_text *t;
	size_t vlen;
	char *view;

	if (kind != SEAL_MARKUP_HTML && markup_name(name))
		kind = SEAL_MARKUP_HTML;
	if (kind == SEAL_MARKUP_XML) {
		if (!seal_walk_xml_view_adds(text, len))
			return SEAL_OK;
		view = seal_html_xml_to_text(text, len, &vlen);
		emit(b, name, view, vlen);
		memset(view, 0, vlen);
		g_free(view);
		return b->st;
	}
	if (kind != SEAL_MARKUP_HTML)
		return SEAL_OK;
	t = seal_html_read(text, len);
	if (emit(b, name, t->full, t->full_len) == SEAL_OK && !b->w->stop && t->shown != NULL)
		emit(b, name, t->shown, t->shown_len);
	if (b->st == SEAL_OK && !b->w->stop && t->attrs_len > 0)
		emit(b, name, t->attrs, t->attrs_len);
	if (b->st == SEAL_OK && t->pictures_dropped > 0)
		seal_walk_unscannable(b->w->res, "attachment (part %u): more inline data: "
		    "pictures than are read (%u not read)", b->leaf, t->pictures_dropped);
	for (guint i = 0; b->st == SEAL_OK && !b->w->stop && t->pictures != NULL &&
	    i < t->pictures->len; i++) {
		GByteArray *p = g_ptr_array_index(t->pictures, i);
		char *label = g_strdup_printf("picture %u", i + 1);

		if (seal_ocr_is_image(p->data, p->len))
			b->st = seal_walk_ocr_member(b->w, b->leaf, b->msgdepth, name, label,
			    p->data, p->len);
		g_free(label);
	}
	seal_html_text_free(t);
	return b->st;
}

/* Markup in a single-byte charset (what the strings reader took): its views in UTF-8. */
static seal_status
cp1252_markup(struct binary *b, const char *name, const uint8_t *d, size_t len)
{
	size_t ulen = 0;
	char *utf8 = seal_extract_to_utf8((const char *)d, len, "windows-1252", &ulen);

	if (utf8 == NULL)
		return b->st;
	markup_views(b, name, utf8, ulen);
	memset(utf8, 0, ulen);
	g_free(utf8);
	return b->st;
}

static seal_status
office_text(void *ctx, const char *inner, const char *text, size_t len, seal_err *err)
{
	struct binary *b = ctx;
	char *name = member_name(b, inner);
	seal_status st;

	(void)err;
	st = emit(b, name, text, len);
	g_free(name);
	return st;
}

/* A text of a zip document (office.h), with where in it. */
static seal_status
office_doc_text(void *ctx, const char *inner, const char *detail, const char *text,
	size_t len, seal_err *err)
{
	struct binary *b = ctx;
	char *name = member_name(b, inner);
	char *inside = NULL;
	seal_status st;

	(void)err;
	/* a document read in an archive lies inside another: the sheet is the
	 * inner one's (a workbook attached as such is read at depth 0) */
	if (detail != NULL && b->depth > 0 && !g_str_has_prefix(detail, SEAL_OFFICE_INNER))
		detail = inside = g_strconcat(SEAL_OFFICE_INNER, detail, NULL);
	b->w->detail = detail;
	st = emit(b, name, text, len);
	b->w->detail = NULL;
	g_free(inside);
	g_free(name);
	return st;
}

static seal_status
strings_piece(void *ctx, const char *text, size_t len, seal_err *err)
{
	struct binary *b = ctx;

	(void)err;
	return emit(b, b->name, text, len);
}

/* What no reader takes: uninspected, then strings or unscannable. */
static seal_status
uninspected(struct binary *b, const uint8_t *d, size_t len)
{
	b->w->res->uninspected++;
	if (b->w->lim.uninspected_unscannable) {
		seal_walk_unscannable(b->w->res, "attachment (part %u): binary content "
		    "that cannot be read (uninspected_action)", b->leaf);
		return SEAL_OK;
	}
	return seal_binstrings_scan(d, len, strings_piece, b, b->w->err);
}

/*
 * Numeric cells of a legacy workbook (xls.h), which the strings below
 * cannot see; read whatever uninspected_action says, as they are cheap.
 */
static seal_status
xls_numbers(struct binary *b, const uint8_t *d, size_t len)
{
	GString *cells = seal_xls_numbers(d, len);
	seal_status st = SEAL_OK;

	if (cells == NULL)
		return SEAL_OK;
	if (cells->len > 0)
		st = emit(b, b->name, cells->str, cells->len);
	memset(cells->str, 0, cells->len);
	g_string_free(cells, TRUE);
	return st;
}

static seal_status
archive_member(void *ctx, const char *inner, const uint8_t *d, size_t len, seal_err *err)
{
	struct binary *b = ctx;
	const char *outer = b->name;
	char *name = member_name(b, inner);
	seal_status st;

	(void)err;
	b->depth++;
	st = read_blob(b, name, d, len);
	b->depth--;
	b->name = outer;
	g_free(name);
	return st;
}

/* An attachment of an Outlook item read here: one level down. */
static seal_status
ole2_file(void *ctx, const char *inner, const uint8_t *d, size_t len, seal_err *err)
{
	return archive_member(ctx, inner, d, len, err);
}

/* An embedded file or unknown entry of a document read here: one level down. */
static seal_status
nested_entry(void *ctx, const char *inner, const char *d, size_t len, seal_err *err)
{
	return archive_member(ctx, inner, (const uint8_t *)d, len, err);
}

/*
 * A picture in a document or archive member: read by OCR (ocr = yes); a
 * metafile's text records one level down (no OCR needed).
 */
static seal_status
office_picture(void *ctx, const char *inner, const char *d, size_t len, seal_err *err)
{
	struct binary *b = ctx;

	if (seal_metafile_is((const uint8_t *)d, len))
		return archive_member(ctx, inner, (const uint8_t *)d, len, err);
	b->st = seal_walk_ocr_member(b->w, b->leaf, b->msgdepth, b->name, inner,
	    (const uint8_t *)d, len);
	return b->st;
}

/* A scanned page or a picture of a PDF in a document or archive member: read by OCR. */
static seal_status
office_page(void *ctx, const char *inner, const seal_pdf_bitmap *bm, seal_err *err)
{
	struct binary *b = ctx;

	(void)err;
	return seal_walk_ocr_member_page(b->w, b->leaf, b->msgdepth, b->name, inner, 1, bm,
	    &b->st);
}

/* A scanned page or a picture of a PDF member (pdf.h page callback): read by OCR. */
static seal_status
scanned_page(void *ctx, const seal_pdf_bitmap *bm, seal_err *err)
{
	return office_page(ctx, NULL, bm, err);
}

/* Maps a reader's result: unscannable with its reason, or the callback's failure. */
static seal_status
reader_result(struct binary *b, int unscannable, int error, const char *reason)
{
	if (unscannable)
		seal_walk_unscannable(b->w->res, "attachment (part %u): %s", b->leaf, reason);
	if (error)
		return b->st != SEAL_OK ? b->st : SEAL_ERR_NOMEM;
	return SEAL_OK;
}

/* A zlib stream header (RFC 1950 2.2): deflate, a window up to 32 KiB, no
 * preset dictionary, and the check bits. */
static int
is_zlib(const uint8_t *d, size_t n)
{
	return n >= 6 && (d[0] & 0x0F) == 8 && (d[0] >> 4) <= 7 && (d[1] & 0x20) == 0 &&
	    ((unsigned)d[0] * 256 + d[1]) % 31 == 0;
}

/*
 * A bare zlib stream (an application's own save format, .z files):
 * inflated within the archive limits (the ratio and total bytes, as an
 * archive member) and read as a member one level down. Over the limits:
 * unscannable (a bomb); corrupt: not zlib after all, 1 (go on).
 */
static int
zlib_blob(struct binary *b, const uint8_t *d, size_t len, seal_status *st)
{
	uint64_t cap = MIN(b->lim.max_total, (uint64_t)len * b->lim.max_ratio);
	GByteArray *out = g_byte_array_new();
	int rc = seal_walk_inflate(d, len, (size_t)MIN(cap, (uint64_t)SIZE_MAX), out);
	const char *spent;

	*st = SEAL_OK;
	if (rc == 1)
		seal_walk_unscannable(b->w->res, "attachment (part %u): zlib stream "
		    "beyond the decompression limits", b->leaf);
	else if (rc == 0 && (spent = seal_archive_budget_charge(&b->lim, out->len, 1)) != NULL)
		seal_walk_unscannable(b->w->res, "attachment (part %u): %s", b->leaf, spent);
	else if (rc == 0)
		*st = archive_member(b, "zlib", out->data, out->len, b->w->err);
	if (out->len > 0)
		memset(out->data, 0, out->len);
	g_byte_array_free(out, TRUE);
	return rc == -1;
}

/*
 * An RTF document: the text it shows (rtftext.h) is scanned, its embedded
 * objects are read one level down as "NAME/object FILE", its PNG, JPEG and
 * DIB pictures by OCR as "NAME/picture N" (skipped with ocr = no, as
 * pictures in other documents; more than the reader keeps: unscannable),
 * its metafiles by their text records. Its raw bytes are not: the reader
 * reads every destination a reader can show, and the skipped ones (object
 * and theme data in hex) hold digit runs that are no text.
 */
static seal_status
rtf_read(struct binary *b, const uint8_t *d, size_t len)
{
	seal_rtf_doc *doc = seal_rtf_read((const char *)d, len);
	seal_status st = doc->text_len > 0 ? emit(b, b->name, doc->text, doc->text_len) : SEAL_OK;

	for (guint k = 0; st == SEAL_OK && k < doc->objects->len; k++) {
		seal_rtf_object *o = g_ptr_array_index(doc->objects, k);
		char *inner = g_strdup_printf("object %s", o->name);

		st = archive_member(b, inner, o->data, o->len, b->w->err);
		g_free(inner);
	}
	for (guint k = 0; st == SEAL_OK && k < doc->pictures->len; k++) {
		GByteArray *p = g_ptr_array_index(doc->pictures, k);
		char *inner = g_strdup_printf("picture %u", k + 1);

		st = office_picture(b, inner, (const char *)p->data, p->len, b->w->err);
		g_free(inner);
	}
	if (st == SEAL_OK && doc->pictures_dropped > 0 && b->w->lim.ocr)
		seal_walk_unscannable(b->w->res, "attachment (part %u): more RTF pictures than "
		    "are read (%u not read)", b->leaf, doc->pictures_dropped);
	seal_rtf_doc_free(doc);
	return st;
}

/* A picture in the RTF or HTML body of a TNEF message or Outlook item
 * (tnef.h and ole2read.h picture hooks). */
static seal_status
body_picture(void *ctx, const char *name, const uint8_t *d, size_t len, seal_err *err)
{
	return office_picture(ctx, name, (const char *)d, len, err);
}

/* TNEF texts as "NAME/LABEL", its files one level down as "NAME/FILE". */
static seal_status
tnef_read(struct binary *b, const uint8_t *d, size_t len)
{
	seal_tnef_hooks hooks = { office_text, archive_member, b,
	    b->w->lim.ocr ? body_picture : NULL };
	char reason[120];
	seal_tnef_status ts = seal_tnef_extract(d, len, &hooks, reason, sizeof(reason),
	    b->w->err);

	return reader_result(b, ts == SEAL_TNEF_UNSCANNABLE, ts == SEAL_TNEF_ERROR, reason);
}

/* Text in UTF-16 or UTF-32: in UTF-8, and its markup views. */
static seal_status
wide_text(struct binary *b, const char *name, const uint8_t *d, size_t len,
	seal_sniff_enc enc)
{
	size_t tl = 0;
	char *text = seal_textsniff_to_utf8(d, len, enc, &tl);

	if (text == NULL)
		return b->st;
	if (emit(b, name, text, tl) == SEAL_OK && !b->w->stop)
		markup_views(b, name, text, tl);
	memset(text, 0, tl);
	g_free(text);
	return b->st;
}

/*
 * A Windows metafile (metafile.h): the text it draws, as a viewer shows
 * its lines. Text drawn from glyph numbers is unread: uninspected.
 */
static seal_status
metafile_read(struct binary *b, const char *name, const uint8_t *d, size_t len)
{
	GString *t = g_string_new(NULL);
	seal_metafile_info info;

	(void)seal_metafile_text(d, len, t, &info);
	if (t->len > 0) {
		(void)emit(b, name, t->str, t->len);
		memset(t->str, 0, t->len);
	}
	g_string_free(t, TRUE);
	if (b->st != SEAL_OK || b->w->stop)
		return b->st;
	if (info.cut) {
		seal_walk_unscannable(b->w->res, "attachment (part %u): picture text past "
		    "the reading limits", b->leaf);
		return SEAL_OK;
	}
	return info.glyph_runs > 0 ? uninspected(b, d, len) : b->st;
}

/* One blob (the part, or an archive member) recognised by content. */
static seal_status
read_blob(struct binary *b, const char *name, const uint8_t *d, size_t len)
{
	seal_sniff_enc enc;
	char reason[120];
	seal_archive_status as;
	seal_office_status os;
	seal_pdf_status ps;

	b->name = name;
	if (len == 0 || b->w->stop)
		return SEAL_OK;
	if (b->depth > b->lim.max_depth) {
		seal_walk_unscannable(b->w->res, "attachment (part %u): archives nested "
		    "deeper than %u", b->leaf, b->lim.max_depth);
		return SEAL_OK;
	}
	if (b->depth > 0 && len >= 2 && d[0] == 'P' && d[1] == 'K') {
		seal_office_hooks hooks = { office_doc_text, nested_entry, NULL, b, office_picture,
		    b->w->lim.ocr ? office_page : NULL };
		unsigned unread = 0;

		os = seal_office_extract((const char *)d, len, &b->lim, &hooks, &unread,
		    reason, sizeof(reason), b->w->err);
		b->w->res->uninspected += unread;
		if (os != SEAL_OFFICE_NOT_OFFICE)
			return reader_result(b, os == SEAL_OFFICE_UNSCANNABLE,
			    os == SEAL_OFFICE_ERROR, reason);
	}
	if (b->depth > 0 && memmem(d, MIN(len, (size_t)1024), "%PDF-", 5) != NULL) {
		ps = seal_pdf_extract_ocr((const char *)d, len, NULL, office_text, nested_entry,
		    b->w->lim.ocr ? scanned_page : NULL, b, reason, sizeof(reason), b->w->err);
		if (ps != SEAL_PDF_NOT_PDF)
			return reader_result(b, ps == SEAL_PDF_UNSCANNABLE,
			    ps == SEAL_PDF_ERROR, reason);
	}
	if (seal_ole2_is_cfb(d, len)) {
		seal_ole2_hooks oh = { office_text, ole2_file, b, office_doc_text,
		    b->w->lim.ocr ? body_picture : NULL };
		seal_ole2_read_status rs;

		if (seal_ole2_check(d, len, reason, sizeof(reason)) == SEAL_OLE2_ENCRYPTED)
			return reader_result(b, 1, 0, reason);
		/* Word, Excel, PowerPoint, Outlook item (ole2read.h); another
		 * kind of compound file takes the strings fallback */
		rs = seal_ole2_read(d, len, &oh, reason, sizeof(reason), b->w->err);
		if (rs != SEAL_OLE2_READ_OTHER)
			return reader_result(b, rs == SEAL_OLE2_READ_UNSCANNABLE,
			    rs == SEAL_OLE2_READ_ERROR, reason);
		if (xls_numbers(b, d, len) != SEAL_OK)
			return b->st;
		return uninspected(b, d, len);
	}
	if (seal_metafile_is(d, len))
		return metafile_read(b, name, d, len);
	if (is_image(d, len)) {
		b->st = seal_walk_ocr_image(b->w, b->leaf, b->msgdepth, name, b->depth > 0, d,
		    len);
		return b->st;
	}
	if (seal_rtf_is((const char *)d, len))
		return rtf_read(b, d, len);
	if (seal_tnef_is(d, len))
		return tnef_read(b, d, len);
	if (seal_walk_looks_like_text(d, MIN(len, (size_t)65536)) && g_utf8_validate((const char *)d,
	    (gssize)len, NULL)) {
		if (emit(b, name, (const char *)d, len) != SEAL_OK || b->w->stop)
			return b->st;
		return markup_views(b, name, (const char *)d, len);
	}
	as = seal_archive_extract(d, len, &b->lim, archive_member, b, reason,
	    sizeof(reason), b->w->err);
	if (as != SEAL_ARCHIVE_NOT_ARCHIVE)
		return reader_result(b, as == SEAL_ARCHIVE_UNSCANNABLE,
		    as == SEAL_ARCHIVE_ERROR, reason);
	if (is_zlib(d, len)) {
		seal_status st;

		if (!zlib_blob(b, d, len, &st))
			return st;
	}
	if ((enc = seal_textsniff(d, len, NULL)) != SEAL_SNIFF_NONE)
		/* UTF-16 or UTF-32 (by its mark or its pattern; textsniff.h),
		 * after the archives: a tar header is mostly NULs */
		return wide_text(b, name, d, len, enc);
	if (seal_walk_looks_like_text(d, MIN(len, (size_t)65536))) {
		/* text in a single-byte charset: the Windows-1252 runs are its
		 * text; as markup, also what a browser shows of it */
		if (seal_binstrings_scan(d, len, strings_piece, b, b->w->err) != SEAL_OK ||
		    b->w->stop || (seal_html_sniff((const char *)d, len) == SEAL_MARKUP_NONE &&
		    !markup_name(name)))
			return b->st;
		return cp1252_markup(b, name, d, len);
	}
	return uninspected(b, d, len);
}

seal_status
seal_walk_binary(struct seal_walk *w, GMimePart *part, unsigned leaf, unsigned msgdepth,
	const char *fname)
{
	struct binary b = { w, leaf, msgdepth, { 0 }, 0, fname, SEAL_OK };
	GByteArray *raw;
	seal_status st;
	int rc;

	rc = seal_walk_decode(part, w->lim.max_text - w->text_total, &raw);
	if (rc == -1) {
		g_byte_array_free(raw, TRUE);
		return seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
	}
	if (rc == 1) {
		g_byte_array_free(raw, TRUE);
		seal_walk_unscannable(w->res, "attachment (part %u): binary content larger "
		    "than %zu bytes", leaf, w->lim.max_text);
		return SEAL_OK;
	}
	seal_walk_archive_limits(w, &b.lim);
	w->archives.input += raw->len;
	st = read_blob(&b, fname, raw->data, raw->len);
	memset(raw->data, 0, raw->len);
	g_byte_array_free(raw, TRUE);
	return st;
}

seal_status
seal_walk_blob(struct seal_walk *w, unsigned leaf, unsigned msgdepth, const char *name,
	const uint8_t *data, size_t len)
{
	struct binary b = { w, leaf, msgdepth, { 0 }, 1, name, SEAL_OK };

	/* depth 1: a member of a document the caller already opened */
	seal_walk_archive_limits(w, &b.lim);
	/* its bytes count as input: a file in a PDF or a TNEF is no archive output */
	w->archives.input += len;
	return read_blob(&b, name, data, len);
}
