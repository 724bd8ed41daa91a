/*
 * message_html.c - the MIME parts read as markup (spec section 2.1, E7
 * and E6): text/html and application/xhtml+xml; an attachment that is
 * HTML by its file name (.html, .htm, .xhtml, and text starting with '<')
 * or content (<!DOCTYPE html
 * or <html after a BOM and white space) under any other type, as a
 * browser opens it; and XML (text/xml, application/xml, +xml) holding
 * character references or CDATA sections, whose tag-stripped,
 * reference-decoded text (CDATA content as text) is scanned besides the
 * raw text (a reader viewing the document sees the references decoded and
 * the sections joined).
 *
 * An HTML part gives up to three texts (html.h): the full text, the text
 * without the elements inline style hides (only when it differs), and
 * the attribute values a reader sees or follows.
 */
#include <string.h>

#include <gmime/gmime.h>

#include "extract.h"
#include "html.h"
#include "message_internal.h"
#include "ocr.h"

/* Bytes of decoded content looked at to recognise an HTML file. */
#define SNIFF_LEN 1024

int
seal_walk_is_html(GMimeContentType *ct)
{
	return seal_walk_is(ct, "text", "html") ||
	    seal_walk_is(ct, "application", "xhtml+xml");
}

int
seal_walk_is_xml(GMimeContentType *ct)
{
	const char *st = ct != NULL ? g_mime_content_type_get_media_subtype(ct) : NULL;

	if (seal_walk_is(ct, "text", "xml") || seal_walk_is(ct, "application", "xml") ||
	    seal_walk_is(ct, "image", "svg+xml"))
		return 1;
	return st != NULL && !seal_walk_is_html(ct) &&
	    (seal_walk_is(ct, "text", "*") || seal_walk_is(ct, "application", "*")) &&
	    seal_walk_name_ends(st, "+xml");
}

/*
 * Decoded content starts like an HTML document (after BOM, white space);
 * with an HTML file name, any text starting with '<' will do. A binary
 * file (a zip or PDF renamed .html) is left to the attachment readers.
 */
static int
looks_like_html(const char *p, size_t n, int by_name)
{
	size_t i = 0;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (by_name)
		return i < n && p[i] == '<' && seal_walk_looks_like_text((const guint8 *)p, n);
	return (n - i >= 14 && g_ascii_strncasecmp(p + i, "<!doctype html", 14) == 0) ||
	    (n - i >= 5 && g_ascii_strncasecmp(p + i, "<html", 5) == 0);
}

int
seal_walk_sniff_html(GMimePart *part, GMimeContentType *ct, const char *fname)
{
	GMimeStream *fs;
	char buf[SNIFF_LEN];
	size_t n = 0;
	gssize r;

	if (seal_walk_is(ct, "image", "*") || seal_walk_is(ct, "audio", "*") ||
	    seal_walk_is(ct, "video", "*"))
		return 0;
	if (seal_walk_decoded_stream(part, &fs) != 0 || fs == NULL)
		return 0;
	while (n < sizeof(buf) && (r = seal_stream_read(fs, buf + n, sizeof(buf) - n)) > 0)
		n += (size_t)r;
	g_object_unref(fs);
	return looks_like_html(buf, n, seal_walk_name_ends(fname, ".html") ||
	    seal_walk_name_ends(fname, ".htm") || seal_walk_name_ends(fname, ".xhtml"));
}

/* The part's decoded text in UTF-8, or NULL (limit hit, or error set). */
static char *
part_utf8(struct seal_walk *w, GMimePart *part, GMimeContentType *ct, size_t *len,
	seal_status *st)
{
	size_t left = w->lim.max_text - w->text_total;
	/* UTF-16 halves ASCII text; allow for it before the exact check */
	size_t cap = left > ((size_t)-1) / 2 ? (size_t)-1 : left * 2;
	GByteArray *raw;
	char *utf8 = NULL;
	int rc = seal_walk_decode(part, cap, &raw);

	*st = SEAL_OK;
	if (rc == -1)
		*st = seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
	else if (rc == 1) {
		seal_walk_unscannable(w->res, "decoded text larger than %zu bytes",
		    w->lim.max_text);
		w->stop = 1;
	} else
		/* a byte order mark decides over the label, as for text (E14) */
		utf8 = seal_walk_text_utf8(raw->data, raw->len,
		    g_mime_content_type_get_parameter(ct, "charset"), len);
	if (raw->len > 0)
		memset(raw->data, 0, raw->len);
	g_byte_array_free(raw, TRUE);
	return utf8;
}

/*
 * Pictures inlined as data: URIs (html.h), read by OCR like a picture
 * attachment ("NAME/picture N (OCR)"); with ocr = no they stay unread, as
 * pictures in documents do. More than the HTML reader keeps: unscannable.
 */
static seal_status
html_pictures(struct seal_walk *w, const seal_html_text *t, unsigned leaf,
	unsigned msgdepth, const char *name)
{
	seal_status st = SEAL_OK;

	if (!w->lim.ocr)
		return SEAL_OK;
	if (t->pictures_dropped > 0)
		seal_walk_unscannable(w->res, "part %u: more inline data: pictures than are "
		    "read (%u not read)", leaf, t->pictures_dropped);
	for (guint i = 0; t->pictures != NULL && i < t->pictures->len && st == SEAL_OK &&
	    !w->stop; i++) {
		GByteArray *b = g_ptr_array_index(t->pictures, i);
		char *label = name != NULL ? g_strdup_printf("%s/picture %u", name, i + 1) :
		    g_strdup_printf("inline picture %u", i + 1);

		if (seal_ocr_is_image(b->data, b->len))
			st = seal_walk_ocr_image(w, leaf, msgdepth, label, 0, b->data, b->len);
		g_free(label);
	}
	return st;
}

seal_status
seal_walk_html(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	seal_where_kind where, unsigned leaf, unsigned msgdepth, const char *name)
{
	seal_html_text *t;
	seal_status st;
	size_t len = 0;
	char *utf8 = part_utf8(w, part, ct, &len, &st);

	if (utf8 == NULL)
		return st;
	t = seal_html_read(utf8, len);
	memset(utf8, 0, len);
	g_free(utf8);
	if (strstr(t->full, "-----BEGIN PGP MESSAGE-----") != NULL)
		w->res->encrypted = 1;
	st = seal_walk_emit(w, where, leaf, msgdepth, name, t->full, t->full_len);
	if (st == SEAL_OK && !w->stop && t->shown != NULL)
		st = seal_walk_emit(w, where, leaf, msgdepth, name, t->shown, t->shown_len);
	if (st == SEAL_OK && !w->stop && t->attrs_len > 0)
		st = seal_walk_emit(w, where, leaf, msgdepth, name, t->attrs, t->attrs_len);
	if (st == SEAL_OK && !w->stop)
		st = html_pictures(w, t, leaf, msgdepth, name);
	seal_html_text_free(t);
	return st;
}

/* "&#" or "&name;": a character reference a viewer would decode. */
static int
has_reference(const char *s, size_t n)
{
	for (const char *p = memchr(s, '&', n); p != NULL;
	    p = memchr(p + 1, '&', n - (size_t)(p + 1 - s))) {
		size_t i = (size_t)(p - s) + 1, k = 0;

		if (i < n && s[i] == '#')
			return 1;
		while (i + k < n && k < 32 && g_ascii_isalnum(s[i + k]))
			k++;
		if (k > 0 && i + k < n && s[i + k] == ';')
			return 1;
		if (i >= n)
			break;
	}
	return 0;
}

/* the markup-free view adds something only with references, CDATA or
 * SVG's text runs (a number drawn from two tspans is one) */
int
seal_walk_xml_view_adds(const char *s, size_t n)
{
	return has_reference(s, n) || g_strstr_len(s, (gssize)n, "<![CDATA[") != NULL ||
	    seal_html_svg_runs(s, n);
}

seal_status
seal_walk_xml_refs(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	seal_where_kind where, unsigned leaf, unsigned msgdepth, const char *name)
{
	seal_status st;
	size_t len = 0, tl = 0;
	char *utf8 = part_utf8(w, part, ct, &len, &st), *text;

	if (utf8 == NULL || !seal_walk_xml_view_adds(utf8, len)) {
		g_free(utf8);
		return st;
	}
	text = seal_html_xml_to_text(utf8, len, &tl);
	memset(utf8, 0, len);
	g_free(utf8);
	st = seal_walk_emit(w, where, leaf, msgdepth, name, text, tl);
	memset(text, 0, tl);
	g_free(text);
	return st;
}

seal_status
seal_walk_markup_views(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	seal_where_kind where, unsigned leaf, unsigned msgdepth, const char *fname,
	const guint8 *head, size_t n)
{
	int kind = head != NULL ? seal_html_sniff((const char *)head, n) : SEAL_MARKUP_NONE;

	if (seal_walk_name_ends(fname, ".html") || seal_walk_name_ends(fname, ".htm") ||
	    seal_walk_name_ends(fname, ".xhtml"))
		kind = SEAL_MARKUP_HTML;
	else if (kind == SEAL_MARKUP_NONE && (seal_walk_name_ends(fname, ".svg") ||
	    seal_walk_name_ends(fname, ".xml")))
		kind = SEAL_MARKUP_XML;
	if (kind == SEAL_MARKUP_HTML)
		return seal_walk_html(w, part, ct, where, leaf, msgdepth, fname);
	if (kind == SEAL_MARKUP_XML)
		return seal_walk_xml_refs(w, part, ct, where, leaf, msgdepth, fname);
	return SEAL_OK;
}
