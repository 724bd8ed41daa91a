/*
 * message_text.c - text parts read the way a mail client shows them
 * (message_internal.h): which reading a part gets (textfmt.h: quotes,
 * format=flowed, inline uuencode, JSON escapes, text/enriched), and text
 * whose bytes show another encoding than its label (textsniff.h: a
 * byte-order mark, UTF-16/32 without one).
 */
#include <string.h>

#include <gmime/gmime.h>

#include "extract.h"
#include "html.h"
#include "message_internal.h"
#include "textfmt.h"
#include "textsniff.h"

static int
name_ends(const char *name, const char *ext)
{
	size_t n, e = strlen(ext);

	if (name == NULL || (n = strlen(name)) < e)
		return 0;
	return g_ascii_strcasecmp(name + n - e, ext) == 0;
}

static int
param_is(GMimeContentType *ct, const char *param, const char *value)
{
	const char *v = ct != NULL ? g_mime_content_type_get_parameter(ct, param) : NULL;

	return v != NULL && g_ascii_strcasecmp(v, value) == 0;
}

unsigned
seal_walk_text_format(GMimeContentType *ct, const char *fname)
{
	const char *sub = ct != NULL ? g_mime_content_type_get_media_subtype(ct) : NULL;
	unsigned f;

	if (seal_walk_is(ct, "application", "json") || seal_walk_is(ct, "text", "json") ||
	    (sub != NULL && g_str_has_suffix(sub, "+json")) || name_ends(fname, ".json"))
		return SEAL_TEXTFMT_JSON;
	if (seal_walk_is(ct, "text", "enriched") || seal_walk_is(ct, "text", "richtext"))
		return SEAL_TEXTFMT_ENRICHED;
	if (!(ct == NULL || seal_walk_is(ct, "text", "plain") ||
	    name_ends(fname, ".txt") || name_ends(fname, ".log")))
		return 0;
	/* RFC 3676: quotes are part of the format; plain text quotes too */
	f = SEAL_TEXTFMT_QUOTES | SEAL_TEXTFMT_UUDECODE;
	if (param_is(ct, "format", "flowed")) {
		f |= SEAL_TEXTFMT_FLOWED;
		if (param_is(ct, "delsp", "yes"))
			f |= SEAL_TEXTFMT_DELSP;
	}
	return f;
}

seal_status
seal_walk_text_uufile(void *ctx, const char *name, const uint8_t *data, size_t len,
	seal_err *err)
{
	struct seal_walk_window *e = ctx;
	char *uname;
	seal_status st;

	(void)err;
	if (data == NULL) {
		seal_walk_unscannable(e->w->res, "part %u: uuencoded file larger than %zu "
		    "bytes", e->part, e->w->lim.max_text);
		return SEAL_OK;
	}
	uname = seal_extract_to_utf8(name, strlen(name), NULL, NULL);
	/* as a file found in a document: recognised by content (message_binary.c) */
	st = seal_walk_blob(e->w, e->part, e->depth, uname, data, len);
	g_free(uname);
	return st;
}

seal_status
seal_walk_text_emit(struct seal_walk_window *e, const char *text, size_t len)
{
	struct seal_walk *w = e->w;
	seal_status st = SEAL_OK;
	char *shown = NULL;
	size_t slen = len;

	if (e->fmt != 0) {
		shown = seal_textfmt_apply(e->fmt, text, len, seal_walk_text_uufile, e,
		    w->lim.max_text - w->text_total, &slen, &st, w->err);
		if (shown == NULL)
			return st;
		text = shown;
	}
	if (g_strstr_len(text, (gssize)slen, "-----BEGIN PGP MESSAGE-----") != NULL)
		w->res->encrypted = 1;
	st = seal_walk_emit(w, e->where, e->part, e->depth, e->name, text, slen);
	if (shown != NULL) {
		memset(shown, 0, slen);
		g_free(shown);
	}
	return st;
}

/*
 * The rest of a text stream whose first n bytes showed UTF-16 or UTF-32:
 * read whole within the text budget (UTF-32 takes 4 bytes an ASCII
 * character) and converted. *utf8 NULL when it is too big (the walk is
 * then unscannable and stops).
 */
seal_status
seal_walk_text_wide_rest(struct seal_walk *w, GMimeStream *fs, const guint8 *first,
	size_t n, int enc, char **utf8, size_t *ulen)
{
	size_t left = w->lim.max_text - w->text_total;
	size_t cap = left > ((size_t)-1) / 4 ? (size_t)-1 : left * 4;
	GByteArray *raw = g_byte_array_new();
	char buf[16384];
	gssize r = 0;

	*utf8 = NULL;
	g_byte_array_append(raw, first, (guint)n);
	while (raw->len <= cap && (r = seal_stream_read(fs, buf, sizeof(buf))) > 0)
		g_byte_array_append(raw, (const guint8 *)buf, (guint)r);
	memset(buf, 0, sizeof(buf));
	if (r >= 0 && raw->len <= cap)
		*utf8 = seal_textsniff_to_utf8(raw->data, raw->len, enc, ulen);
	if (raw->len > 0)
		memset(raw->data, 0, raw->len);
	g_byte_array_free(raw, TRUE);
	if (r < 0)
		return seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
	if (*utf8 == NULL) {
		seal_walk_unscannable(w->res, "decoded text larger than %zu bytes",
		    w->lim.max_text);
		w->stop = 1;
	}
	return SEAL_OK;
}

char *
seal_walk_text_utf8(const guint8 *raw, size_t len, const char *charset, size_t *ulen)
{
	seal_sniff_enc enc = seal_textsniff(raw, len, NULL);

	if (enc != SEAL_SNIFF_NONE)
		return seal_textsniff_to_utf8(raw, len, enc, ulen);
	return seal_extract_to_utf8((const char *)raw, len, charset, ulen);
}

/* A text in UTF-16 or UTF-32: converted whole (no streaming for them). */
static seal_status
wide_text(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	struct seal_walk_window *e, seal_sniff_enc enc)
{
	size_t left = w->lim.max_text - w->text_total;
	/* UTF-32 takes 4 bytes for an ASCII character */
	size_t cap = left > ((size_t)-1) / 4 ? (size_t)-1 : left * 4;
	GByteArray *raw;
	char *text;
	size_t len;
	int rc = seal_walk_decode(part, cap, &raw);
	seal_status st = SEAL_OK;

	if (rc == -1)
		st = seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
	else if (rc == 1) {
		seal_walk_unscannable(w->res, "decoded text larger than %zu bytes",
		    w->lim.max_text);
		w->stop = 1;
	}
	if (rc != 0) {
		g_byte_array_free(raw, TRUE);
		return st;
	}
	text = seal_textsniff_to_utf8(raw->data, raw->len, enc, &len);
	if (raw->len > 0)
		memset(raw->data, 0, raw->len);
	g_byte_array_free(raw, TRUE);
	if (seal_walk_is(ct, "text", "html") || seal_walk_is(ct, "application", "xhtml+xml")) {
		char *plain = seal_html_to_text(text, len, &len);

		memset(text, 0, strlen(text));
		g_free(text);
		text = plain;
	}
	st = seal_walk_text_emit(e, text, len);
	memset(text, 0, len);
	g_free(text);
	return st;
}

seal_status
seal_walk_text_sniffed(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	struct seal_walk_window *e, const guint8 *head, size_t n, int *done)
{
	seal_sniff_enc enc = seal_textsniff(head, n, NULL);

	*done = 0;
	if (enc == SEAL_SNIFF_NONE)
		return SEAL_OK;
	*done = 1;
	if (enc == SEAL_SNIFF_UTF8_BOM && !seal_walk_is(ct, "text", "html") &&
	    !seal_walk_is(ct, "application", "xhtml+xml"))
		/* the mark says UTF-8 whatever the label says */
		return seal_walk_stream_text(w, part, "UTF-8", 2, e);
	return wide_text(w, part, ct, e, enc);
}
