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
#include "textwin.h"

#define SEAL_WALK_CHUNK 65536

/*
 * An OpenPGP armour line in the text. memmem, not g_strstr_len: this runs
 * over every window of every text and glibc's is many times faster (the
 * text is valid UTF-8 without NUL, so the two agree).
 */
static int
has_pgp_armour(const char *text, size_t len)
{
	static const char armour[] = "-----BEGIN PGP MESSAGE-----";

	return memmem(text, len, armour, sizeof(armour) - 1) != NULL;
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
	    (sub != NULL && g_str_has_suffix(sub, "+json")) || seal_walk_name_ends(fname, ".json"))
		return SEAL_TEXTFMT_JSON;
	if (seal_walk_is(ct, "text", "enriched") || seal_walk_is(ct, "text", "richtext"))
		return SEAL_TEXTFMT_ENRICHED;
	if (!(ct == NULL || seal_walk_is(ct, "text", "plain") ||
	    seal_walk_name_ends(fname, ".txt") || seal_walk_name_ends(fname, ".log")))
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
	if (has_pgp_armour(text, slen))
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

/*
 * Charsets a part can be converted in pieces: single-byte ones (no state,
 * no sequence to split) and UTF-8 or undeclared (pieces end on a whole
 * sequence). Others (UTF-16, ISO-2022, Shift_JIS...) are converted whole.
 * Returns 0 (not streamable), 1 (single-byte), 2 (UTF-8 or undeclared).
 */
int
seal_walk_stream_kind(const char *cs)
{
	static const char *const single[] = {
		"iso-8859-", "iso8859-", "iso_8859-", "windows-125", "cp125",
		"latin", "koi8-", NULL
	};

	if (cs == NULL || *cs == '\0' || g_ascii_strcasecmp(cs, "utf-8") == 0 ||
	    g_ascii_strcasecmp(cs, "utf8") == 0 || g_ascii_strcasecmp(cs, "us-ascii") == 0 ||
	    g_ascii_strcasecmp(cs, "ascii") == 0)
		return 2;
	for (size_t i = 0; single[i] != NULL; i++)
		if (g_ascii_strncasecmp(cs, single[i], strlen(single[i])) == 0)
			return 1;
	return 0;
}

/* Bytes at the end of buf that start a UTF-8 sequence not yet complete. */
static size_t
seal_walk_utf8_tail(const unsigned char *buf, size_t len)
{
	for (size_t back = 1; back <= 3 && back <= len; back++) {
		unsigned char c = buf[len - back];
		size_t need;

		if ((c & 0xC0) == 0x80)
			continue;
		need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return need > back ? back : 0;
	}
	return 0;
}

static seal_status
seal_walk_window_fn(void *ctx, const char *text, size_t len, size_t own_start,
	size_t own_end, seal_err *err)
{
	struct seal_walk_window *e = ctx;

	(void)err;
	if (has_pgp_armour(text, len))
		e->w->pgp_armour = 1;
	return seal_walk_emit_window(e->w, e->where, e->part, e->depth, e->name,
	    text, len, own_start, own_end);
}

/* Converted text on its way to the windower, through the reading filter if any. */
struct seal_walk_sink {
	seal_textwin *tw;
	seal_textfmt *tf;       /* NULL: the text as it is */
};

static seal_status
seal_walk_sink_window(void *ctx, const char *text, size_t len, seal_err *err)
{
	return seal_textwin_append(ctx, text, len, err);
}

static seal_status
seal_walk_sink_put(struct seal_walk_sink *k, const char *text, size_t len, seal_err *err)
{
	if (k->tf != NULL)
		return seal_textfmt_feed(k->tf, text, len, err);
	return seal_textwin_append(k->tw, text, len, err);
}

/*
 * A text part read, converted, filtered as shown (e->fmt, textfmt.h) and
 * handed over in windows (textwin.h), so memory stays at about one window
 * whatever the part's size.
 */
seal_status
seal_walk_stream_text(struct seal_walk *w, GMimePart *part, const char *charset,
	int kind, struct seal_walk_window *e)
{
	seal_textwin *tw = seal_textwin_new(SEAL_TEXTWIN_SIZE, SEAL_TEXTWIN_CONTEXT,
	    seal_walk_window_fn, e);
	unsigned char *chunk = g_malloc(SEAL_WALK_CHUNK + 4);
	struct seal_walk_sink k = { tw, NULL };
	size_t carry = 0, ulen, used = 0;       /* used: bytes of chunk ever written */
	int first = 1;
	seal_status st = SEAL_OK;
	GMimeStream *fs;
	char *utf8;

	if (e->fmt != 0)
		k.tf = seal_textfmt_new(e->fmt, seal_walk_sink_window, tw, seal_walk_text_uufile, e,
		    w->lim.max_text - w->text_total);
	if (seal_walk_decoded_stream(part, &fs) != 0)
		st = seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
	while (st == SEAL_OK && fs != NULL && !w->stop) {
		ssize_t n = seal_stream_read(fs, (char *)chunk + carry, SEAL_WALK_CHUNK);
		size_t total, keep;

		if (n < 0) {
			st = seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
			break;
		}
		if (n == 0)
			break;
		if (carry + (size_t)n > used)
			used = carry + (size_t)n;
		if (first) {
			/* a byte-order mark or the NULs of UTF-16 overrule the label */
			int enc = seal_textsniff(chunk, (size_t)n, NULL);

			first = 0;
			if (enc == SEAL_SNIFF_UTF8_BOM)
				charset = "UTF-8", kind = 2;
			else if (enc != SEAL_SNIFF_NONE) {
				st = seal_walk_text_wide_rest(w, fs, chunk, (size_t)n, enc, &utf8, &ulen);
				if (st == SEAL_OK && utf8 != NULL)
					st = seal_walk_sink_put(&k, utf8, ulen, w->err);
				g_free(utf8);
				break;
			}
		}
		total = carry + (size_t)n;
		keep = kind == 2 ? seal_walk_utf8_tail(chunk, total) : 0;
		utf8 = seal_extract_to_utf8((const char *)chunk, total - keep, charset, &ulen);
		st = seal_walk_sink_put(&k, utf8, ulen, w->err);
		g_free(utf8);
		memmove(chunk, chunk + total - keep, keep);
		carry = keep;
	}
	if (st == SEAL_OK && !w->stop && carry > 0) {
		/* A sequence cut by the end of the part: converted as it is (U+FFFD). */
		utf8 = seal_extract_to_utf8((const char *)chunk, carry, charset, &ulen);
		st = seal_walk_sink_put(&k, utf8, ulen, w->err);
		g_free(utf8);
	}
	if (st == SEAL_OK && !w->stop && k.tf != NULL)
		st = seal_textfmt_finish(k.tf, w->err);
	if (st == SEAL_OK && !w->stop)
		st = seal_textwin_finish(tw, w->err);
	seal_textfmt_free(k.tf);
	if (fs != NULL)
		g_object_unref(fs);
	/* only what was read held message text: a small part wipes little */
	memset(chunk, 0, used);
	g_free(chunk);
	seal_textwin_free(tw);
	return st;
}
