/*
 * message_read.c - the steps every reader of the MIME walk shares: reading
 * a part's content to its end, transfer-decoding it, handing text to the
 * scanner within the text budget, marking the result unscannable, and
 * walking a MIME object a reader found inside a part.
 *
 * It sits below message.c (the walk) and the readers (message_*.c): they
 * call it, it calls none of them (a nested object is walked through the
 * walker's own function, w->object).
 */
#include <stdarg.h>
#include <limits.h>
#include <string.h>

#include <gmime/gmime.h>
#include <zlib.h>

#include "err.h"
#include "message.h"
#include "message_internal.h"
#include "textsniff.h"

#define SEAL_WALK_CHUNK 65536

gssize
seal_stream_read(GMimeStream *s, char *buf, size_t n)
{
	for (;;) {
		gssize r = g_mime_stream_read(s, buf, n);

		/* Each zero read consumed source bytes, so this ends at the source's end. */
		if (r != 0 || n == 0 || g_mime_stream_eos(s))
			return r < 0 ? -1 : r;
	}
}

/* The first reason wins: it is usually the cause of the later ones. */
void
seal_walk_unscannable(seal_walk_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->unscannable)
		return;
	r->unscannable = 1;
	va_start(ap, fmt);
	g_vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	va_end(ap);
}

/*
 * Hands one text (or one window of a long text) to the callback, after the
 * text budget check. Only the owned bytes count: window context is shared.
 */
seal_status
seal_walk_emit_window(struct seal_walk *w, seal_where_kind where, unsigned part,
	unsigned msgdepth, const char *name, const char *text, size_t len,
	size_t own_start, size_t own_end)
{
	seal_text t;
	size_t own = own_end - own_start;

	if (w->stop)
		return SEAL_OK;
	if (own > w->lim.max_text - w->text_total) {
		seal_walk_unscannable(w->res, "decoded text larger than %zu bytes",
		    w->lim.max_text);
		w->stop = 1;
		return SEAL_OK;
	}
	w->text_total += own;
	t.where = where;
	t.part = part;
	t.depth = msgdepth;
	t.name = name;
	t.detail = w->detail;
	t.text = text;
	t.len = len;
	t.own_start = own_start;
	t.own_end = own_end;
	w->res->texts++;
	return w->fn(w->ctx, &t, w->err);
}

void
seal_walk_archive_limits(struct seal_walk *w, seal_office_limits *l)
{
	seal_office_limits_default(l);
	l->max_entries = w->lim.archive_max_entries;
	l->max_total = w->lim.archive_max_unpacked;
	l->max_ratio = w->lim.archive_max_ratio;
	l->budget = &w->archives;
}

seal_status
seal_walk_emit(struct seal_walk *w, seal_where_kind where, unsigned part,
	unsigned msgdepth, const char *name, const char *text, size_t len)
{
	return seal_walk_emit_window(w, where, part, msgdepth, name, text, len, 0, len);
}

int
seal_walk_name_ends(const char *name, const char *ext)
{
	size_t n, e = strlen(ext);

	if (name == NULL || (n = strlen(name)) < e)
		return 0;
	return g_ascii_strcasecmp(name + n - e, ext) == 0;
}

int
seal_walk_is(GMimeContentType *ct, const char *type, const char *subtype)
{
	return ct != NULL && g_mime_content_type_is_type(ct, type, subtype);
}

int
seal_walk_is_encrypted(GMimeContentType *ct)
{
	const char *st;

	if (seal_walk_is(ct, "multipart", "encrypted") ||
	    seal_walk_is(ct, "application", "pgp-encrypted"))
		return 1;
	if (!seal_walk_is(ct, "application", "pkcs7-mime") &&
	    !seal_walk_is(ct, "application", "x-pkcs7-mime"))
		return 0;
	/* no smime-type: RFC 8551 says enveloped-data is the usual meaning */
	st = g_mime_content_type_get_parameter(ct, "smime-type");
	return st == NULL || g_ascii_strcasecmp(st, "enveloped-data") == 0 ||
	    g_ascii_strcasecmp(st, "authEnveloped-data") == 0;
}

/*
 * True when the raw content has a "begin " line, where uudecoding starts.
 * A part labelled x-uuencode without one decodes to nothing in GMime,
 * while a mail client shows its text: such a part is read as it stands.
 */
static int
seal_walk_has_uu_begin(GMimeStream *src)
{
	static const char begin[] = "begin ";
	char buf[4096];
	int matched = 0;        /* chars of "begin " matched at a line start, -1: not at one */
	ssize_t n;

	while ((n = seal_stream_read(src, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++) {
			if (matched >= 0 && buf[i] == begin[matched]) {
				if (++matched == 6) {
					g_mime_stream_reset(src);
					return 1;
				}
			} else
				matched = buf[i] == '\n' ? 0 : -1;
		}
	g_mime_stream_reset(src);
	return 0;
}

/*
 * A stream of the part's transfer-decoded content. Returns 0 with *out set
 * (NULL for a part without content), -1 on I/O error.
 */
int
seal_walk_decoded_stream(GMimePart *part, GMimeStream **out)
{
	GMimeDataWrapper *dw = g_mime_part_get_content(part);
	GMimeStream *src, *fs;
	GMimeContentEncoding enc;

	*out = NULL;
	if (dw == NULL || (src = g_mime_data_wrapper_get_stream(dw)) == NULL)
		return 0;
	if (g_mime_stream_reset(src) == -1)
		return -1;
	fs = g_mime_stream_filter_new(src);
	enc = g_mime_data_wrapper_get_encoding(dw);
	if (enc == GMIME_CONTENT_ENCODING_UUENCODE && !seal_walk_has_uu_begin(src))
		enc = GMIME_CONTENT_ENCODING_8BIT;
	if (enc == GMIME_CONTENT_ENCODING_BASE64 ||
	    enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
	    enc == GMIME_CONTENT_ENCODING_UUENCODE) {
		GMimeFilter *f = g_mime_filter_basic_new(enc, FALSE);

		g_mime_stream_filter_add(GMIME_STREAM_FILTER(fs), f);
		g_object_unref(f);
	}
	*out = fs;
	return 0;
}

/*
 * Transfer-decodes a part's content, reading at most cap bytes of output.
 * Returns 0 with *out set, 1 when the cap was exceeded, -1 on I/O error.
 */
int
seal_walk_decode(GMimePart *part, size_t cap, GByteArray **out)
{
	GMimeStream *fs;
	GByteArray *buf;
	char *chunk;
	int rc;

	*out = g_byte_array_new();
	if (seal_walk_decoded_stream(part, &fs) != 0)
		return -1;
	if (fs == NULL)
		return 0;
	buf = *out;
	chunk = g_malloc(SEAL_WALK_CHUNK);
	for (rc = 0;;) {
		ssize_t n = seal_stream_read(fs, chunk, SEAL_WALK_CHUNK);

		if (n < 0) {
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		if ((size_t)n > cap - buf->len) {
			rc = 1;
			break;
		}
		g_byte_array_append(buf, (guint8 *)chunk, (guint)n);
	}
	g_free(chunk);
	g_object_unref(fs);
	return rc;
}

/* No NUL and at most 1% control characters other than white space. */
int
seal_walk_looks_like_text(const guint8 *p, size_t n)
{
	size_t ctrl = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == 0)
			return 0;
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f')
			ctrl++;
	}
	return ctrl * 100 <= n;
}

int
seal_walk_content_not_text(GMimePart *part)
{
	GMimeStream *fs;
	guint8 head[1024];
	size_t n = 0;
	gssize r;
	int binary;

	if (seal_walk_decoded_stream(part, &fs) != 0 || fs == NULL)
		return 0;
	while (n < sizeof(head) &&
	    (r = seal_stream_read(fs, (char *)head + n, sizeof(head) - n)) > 0)
		n += (size_t)r;
	g_object_unref(fs);
	binary = n > 0 && seal_textsniff(head, n, NULL) == SEAL_SNIFF_NONE &&
	    ((n >= 5 && memcmp(head, "%PDF-", 5) == 0) || !seal_walk_looks_like_text(head, n));
	memset(head, 0, n);
	return binary;
}

/*
 * The whole decoded part, within the walk's text budget, for formats that
 * need it all (archives, PDF, CMS). Returns SEAL_OK with *raw set, or with
 * *raw NULL when the part is too big (the message is then unscannable:
 * "attachment (part N): WHAT larger than ..."), or an I/O error.
 */
seal_status
seal_attach_read_whole(struct seal_walk *w, GMimePart *part, unsigned leaf,
	const char *what, GByteArray **raw)
{
	int rc = seal_walk_decode(part, w->lim.max_text - w->text_total, raw);

	if (rc == 0)
		return SEAL_OK;
	g_byte_array_free(*raw, TRUE);
	*raw = NULL;
	if (rc == -1)
		return seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
	seal_walk_unscannable(w->res, "attachment (part %u): %s larger than %zu bytes",
	    leaf, what, w->lim.max_text);
	return SEAL_OK;
}

/* Wipes (the content may hold personal data) and frees. */
void
seal_attach_free(GByteArray *raw)
{
	if (raw == NULL)
		return;
	if (raw->len > 0)
		memset(raw->data, 0, raw->len);
	g_byte_array_free(raw, TRUE);
}

/* zlib within a cap: S/MIME compressed-data and bare zlib streams. */
int
seal_walk_inflate(const uint8_t *z, size_t zlen, size_t cap, GByteArray *out)
{
	z_stream s;
	guint8 buf[16384];
	int rc, res = 0;

	memset(&s, 0, sizeof(s));
	if (inflateInit(&s) != Z_OK)
		return -1;
	s.next_in = (Bytef *)z;
	s.avail_in = (uInt)MIN(zlen, (size_t)UINT_MAX);
	do {
		s.next_out = buf;
		s.avail_out = sizeof(buf);
		rc = inflate(&s, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END) {
			res = -1;
			break;
		}
		if (sizeof(buf) - s.avail_out > cap - out->len) {
			res = 1;
			break;
		}
		g_byte_array_append(out, buf, (guint)(sizeof(buf) - s.avail_out));
		if (rc == Z_OK && s.avail_in == 0 && s.avail_out != 0) {
			res = -1;       /* the stream ends before its end marker */
			break;
		}
	} while (rc != Z_STREAM_END);
	memset(buf, 0, sizeof(buf));
	inflateEnd(&s);
	return res;
}

/*
 * A reader that finds a MIME object inside a part (an attached message, a
 * compressed or signed wrapper, an .eml in an archive) walks it through
 * the walker it was given, so that the readers never call the walk itself.
 */
seal_status
seal_walk_recurse(struct seal_walk *w, GMimeObject *obj, unsigned depth, unsigned msgdepth)
{
	return w->object(w, obj, depth, msgdepth);
}
