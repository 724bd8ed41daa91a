/*
 * message.c - parse a message with GMime 3 and walk its MIME tree, handing
 * every piece of scannable text (decoded, UTF-8) to a callback.
 *
 * GMime does all MIME parsing; this file decides what is text, what is an
 * attachment, what is encrypted, and enforces the walk limits. Content is
 * decoded one part at a time through a bounded read loop, so a huge part
 * never costs more memory than the remaining text budget allows.
 *
 * Numbering: result->parts counts every MIME entity below the top-level
 * message header block (multipart containers, message/rfc822 parts and
 * leaves); the limit is inclusive (max_parts entities are fine, one more
 * is unscannable). seal_text.part numbers only the leaves, 1.. in walk
 * order; headers, multipart preamble/epilogue and the file name of a
 * message/rfc822 attachment carry part 0.
 */
#include <string.h>

#include <gmime/gmime.h>

#include "err.h"
#include "extract.h"
#include "message.h"
#include "textsniff.h"
#include "message_internal.h"
#include "message_light.h"

static seal_status seal_walk_object(struct seal_walk *w, GMimeObject *obj, unsigned depth,
	unsigned msgdepth);

#define SEAL_WALK_DEFAULT_DEPTH 32u
#define SEAL_WALK_DEFAULT_PARTS 10000u
#define SEAL_WALK_DEFAULT_TEXT ((size_t)256 * 1024 * 1024)

void
seal_walk_limits_default(seal_walk_limits *l)
{
	l->max_depth = SEAL_WALK_DEFAULT_DEPTH;
	l->max_parts = SEAL_WALK_DEFAULT_PARTS;
	l->max_text = SEAL_WALK_DEFAULT_TEXT;
	l->uninspected_unscannable = 0;
	l->ocr = 0;
	l->ocr_languages = NULL;
	l->ocr_max_pages = 10;
	l->ocr_time_budget = 60;
	l->archive_max_entries = 10000;
	l->archive_max_unpacked = (uint64_t)256 * 1024 * 1024;
	l->archive_max_ratio = 200;
	l->progress = NULL;
	l->progress_ctx = NULL;
	l->full_walk = 0;
}

/*
 * GMime parser warnings. The item text may hold header values (personal
 * data), so it is never copied. Every structural defect marks the result
 * repaired. Unscannable are the defects after which other software may
 * read different content than we do: conflicting Content-* headers or
 * parameters (two Content-Transfer-Encodings, two boundaries), a
 * multipart without boundary (GMime puts it all in the preamble; a mail
 * reader may guess a boundary) and GMime's own nesting limit (the rest is
 * not parsed). Not unscannable: an invalid header name (GMime drops that
 * one header line, which no reader displays; the bodies stay intact), a
 * conflict between non-content headers (all Subject/Comments/Keywords
 * headers are scanned anyway), empty parts, truncation (what is there is
 * scanned, and that is all any reader gets).
 */
static void
seal_walk_warning(gint64 offset, GMimeParserWarning code, const gchar *item,
	gpointer user_data)
{
	seal_walk_result *r = user_data;

	(void)offset;
	switch (code) {
	case GMIME_CRIT_CONFLICTING_HEADER:
		r->repaired = 1;
		if (item != NULL && g_ascii_strncasecmp(item, "Content-", 8) == 0)
			seal_walk_unscannable(r, "MIME defect: conflicting Content headers");
		break;
	case GMIME_CRIT_CONFLICTING_PARAMETER:
		r->repaired = 1;
		seal_walk_unscannable(r, "MIME defect: conflicting header parameters");
		break;
	case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
		r->repaired = 1;
		seal_walk_unscannable(r, "MIME defect: multipart without boundary");
		break;
	case GMIME_CRIT_NESTING_OVERFLOW:
		r->repaired = 1;
		seal_walk_unscannable(r, "MIME nesting beyond the parser's limit");
		break;
	case GMIME_CRIT_INVALID_HEADER_NAME:
	case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
	case GMIME_WARN_INVALID_CONTENT_TYPE:
	case GMIME_WARN_MALFORMED_MULTIPART:
	case GMIME_WARN_TRUNCATED_MESSAGE:
	case GMIME_WARN_MALFORMED_MESSAGE:
	case GMIME_WARN_PART_WITHOUT_CONTENT:
		r->repaired = 1;
		break;
	default:
		break;
	}
}

/* Counts one MIME entity and checks the depth; 0 = go on, -1 = stop. */
static int
seal_walk_enter(struct seal_walk *w, unsigned depth)
{
	if (w->stop)
		return -1;
	if (depth > w->lim.max_depth) {
		seal_walk_unscannable(w->res, "MIME nesting deeper than %u",
		    w->lim.max_depth);
		w->stop = 1;
		return -1;
	}
	w->res->parts++;
	if (w->res->parts > w->lim.max_parts) {
		seal_walk_unscannable(w->res, "more than %u MIME parts",
		    w->lim.max_parts);
		w->stop = 1;
		return -1;
	}
	return 0;
}

/* File name of a part (filename, else name), valid UTF-8, or NULL. */
static char *
seal_walk_filename(GMimeObject *obj)
{
	GMimeContentDisposition *d = g_mime_object_get_content_disposition(obj);
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	const char *v = NULL;

	if (d != NULL)
		v = g_mime_content_disposition_get_parameter(d, "filename");
	if (v == NULL && ct != NULL)
		v = g_mime_content_type_get_parameter(ct, "name");
	if (v == NULL)
		return NULL;
	return seal_extract_to_utf8(v, strlen(v), NULL, NULL);
}

/* Text-like content: any text type, CSV under its usual wrong labels, reports. */
static int
seal_walk_is_text(GMimeContentType *ct, const char *fname)
{
	if (seal_walk_is(ct, "text", "rtf"))
		return 0;       /* RTF is read by the RTF reader (message_binary.c) */
	if (seal_walk_is(ct, "text", "*") ||
	    seal_walk_is(ct, "application", "csv") ||
	    seal_walk_is_html(ct) || seal_walk_is_xml(ct) ||
	    seal_walk_is(ct, "message", "delivery-status") ||
	    seal_walk_is(ct, "message", "disposition-notification"))
		return 1;
	if (seal_walk_is(ct, "application", "vnd.ms-excel"))
		return seal_walk_name_ends(fname, ".csv");
	if (seal_walk_is(ct, "application", "octet-stream"))
		return seal_walk_name_ends(fname, ".csv") ||
		    seal_walk_name_ends(fname, ".txt") ||
		    seal_walk_name_ends(fname, ".tsv");
	return 0;
}

/* Labelled as a signature or key: checked by content (message_sig.c). */
static int
seal_walk_is_signature(GMimeContentType *ct)
{
	return seal_walk_is(ct, "application", "pgp-signature") ||
	    seal_walk_is(ct, "application", "pkcs7-signature") ||
	    seal_walk_is(ct, "application", "x-pkcs7-signature") ||
	    seal_walk_is(ct, "application", "pgp-keys");
}

/* Decoded, charset-converted text of a part (HTML: message_html.c). */
static seal_status
seal_walk_part_text(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	char **text, size_t *len)
{
	size_t left = w->lim.max_text - w->text_total;
	/* UTF-16 halves ASCII text; allow for it before the exact check */
	size_t cap = left > ((size_t)-1) / 2 ? (size_t)-1 : left * 2;
	GByteArray *raw;
	char *utf8;
	size_t ulen;
	int rc;

	*text = NULL;
	rc = seal_walk_decode(part, cap, &raw);
	if (rc == -1) {
		g_byte_array_free(raw, TRUE);
		return seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
	}
	if (rc == 1) {
		g_byte_array_free(raw, TRUE);
		seal_walk_unscannable(w->res, "decoded text larger than %zu bytes",
		    w->lim.max_text);
		w->stop = 1;
		return SEAL_OK;
	}
	/* a byte-order mark or the NULs of UTF-16 overrule the label (textsniff.h) */
	utf8 = seal_walk_text_utf8(raw->data, raw->len,
	    g_mime_content_type_get_parameter(ct, "charset"), &ulen);
	g_byte_array_free(raw, TRUE);
	*text = utf8;
	*len = ulen;
	return SEAL_OK;
}

/* An invitation or a contact card read as its application shows it; 1 when done. */
static int
seal_walk_leaf_calendar(struct seal_walk *w, GMimeObject *obj, GMimeContentType *ct,
	unsigned leaf, unsigned msgdepth, const char *fname, seal_status *st)
{
	int kind = seal_walk_calendar_kind(ct, fname), taken = 0;

	if (seal_walk_is_encrypted(ct))
		return 0;
	if (kind == 0)
		kind = seal_walk_calendar_content_kind(GMIME_PART(obj), ct);
	if (kind == 0)
		return 0;
	*st = seal_walk_calendar(w, GMIME_PART(obj), ct, kind, leaf, msgdepth, fname, &taken);
	return taken || *st != SEAL_OK || w->stop;
}

/* Office document and archive texts, as attachment texts of the leaf. */
/* One leaf: file name, then content if it is text. */
/*
 * After a text part was read as text: XML (by type) also without its tags;
 * an attachment named as markup (kort.svg, brev.html under text/plain)
 * also as the browser that opens it shows it. e.name is the file name of
 * an attachment only: a body part is shown as the text it is labelled.
 */
static seal_status
text_markup_views(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	seal_where_kind where, unsigned leaf, unsigned msgdepth, const char *name)
{
	if (seal_walk_is_xml(ct))
		return seal_walk_xml_refs(w, part, ct, where, leaf, msgdepth, name);
	if (where == SEAL_WHERE_ATTACHMENT && name != NULL)
		return seal_walk_markup_views(w, part, ct, where, leaf, msgdepth, name,
		    NULL, 0);
	return SEAL_OK;
}

static seal_status
seal_walk_leaf(struct seal_walk *w, GMimeObject *obj, unsigned msgdepth)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	GMimeContentDisposition *d = g_mime_object_get_content_disposition(obj);
	unsigned leaf = ++w->leaf;
	char *fname = seal_walk_filename(obj);
	int attachment = fname != NULL ||
	    (d != NULL && g_mime_content_disposition_is_attachment(d));
	seal_status st = SEAL_OK;
	seal_where_kind where;
	const char *charset;
	char *text = NULL;
	size_t len = 0;
	int kind;
	struct seal_walk_window e;

	/* Service messages may carry none (profile.h): count what is more than text. */
	if (attachment || msgdepth > 0 || (!seal_walk_is_signature(ct)
	    && !seal_walk_is(ct, "text", "plain") && !seal_walk_is(ct, "text", "html")))
		w->res->attachments++;
	if (fname != NULL)
		st = seal_walk_emit(w, SEAL_WHERE_FILENAME, leaf, msgdepth, fname,
		    fname, strlen(fname));
	if (st == SEAL_OK && !w->stop)
		st = seal_walk_part_labels(w, obj, leaf, msgdepth, fname);
	if (st != SEAL_OK || w->stop)
		goto out;
	if (seal_walk_is_signature(ct) && GMIME_IS_PART(obj)) {
		/* skipped only when the content is one: a label proves nothing */
		int handled = 0;

		st = seal_walk_signature(w, GMIME_PART(obj), leaf, msgdepth, fname, &handled);
		if (st == SEAL_OK && !handled)
			st = seal_walk_attachment(w, GMIME_PART(obj), ct, leaf, msgdepth, fname);
		goto out;
	}
	/* fragments and wrapped messages are opened (message_wrap.c) */
	if (GMIME_IS_MESSAGE_PARTIAL(obj)) {
		st = seal_walk_partial(w, obj, leaf, msgdepth);
		goto out;
	}
	if (GMIME_IS_PART(obj) && seal_walk_wrap_labelled(ct, fname)) {
		st = seal_walk_wrapped(w, GMIME_PART(obj), leaf, msgdepth);
		goto out;
	}
	/* Claimed encryption is verified there: a label alone protects nothing. */
	if (!GMIME_IS_PART(obj)) {
		/* message/partial and the like: nothing to read the strings of */
		w->res->uninspected++;
		if (w->lim.uninspected_unscannable)
			seal_walk_unscannable(w->res, "part %u could not be read "
			    "(uninspected_action)", leaf);
		goto out;
	}
	if (seal_walk_leaf_calendar(w, obj, ct, leaf, msgdepth, fname, &st))
		goto out;
	if (seal_walk_is_encrypted(ct) || !seal_walk_is_text(ct, fname) ||
	    seal_walk_content_not_text(GMIME_PART(obj))) {
		if (!seal_walk_is_encrypted(ct) &&
		    seal_walk_sniff_html(GMIME_PART(obj), ct, fname))
			st = seal_walk_html(w, GMIME_PART(obj), ct, attachment ?
			    SEAL_WHERE_ATTACHMENT : SEAL_WHERE_PART, leaf, msgdepth, fname);
		else
			st = seal_walk_attachment(w, GMIME_PART(obj), ct, leaf, msgdepth, fname);
		goto out;
	}
	if (attachment)
		where = SEAL_WHERE_ATTACHMENT;
	else if (msgdepth == 0 && !w->body_done &&
	    (seal_walk_is(ct, "text", "plain") || seal_walk_is(ct, "text", "html"))) {
		where = SEAL_WHERE_BODY;
		w->body_done = 1;
	} else
		where = SEAL_WHERE_PART;
	e = (struct seal_walk_window){ w, where, leaf, msgdepth,
	    where == SEAL_WHERE_ATTACHMENT ? fname : NULL, seal_walk_text_format(ct, fname) };
	if (seal_walk_is_html(ct)) {
		/* HTML needs its whole text for the tags; everything else streams. */
		st = seal_walk_html(w, GMIME_PART(obj), ct, where, leaf, msgdepth, e.name);
		goto out;
	}
	charset = g_mime_content_type_get_parameter(ct, "charset");
	kind = seal_walk_stream_kind(charset);
	if (kind != 0) {
		st = seal_walk_stream_text(w, GMIME_PART(obj), charset, kind, &e);
		if (st == SEAL_OK && !w->stop)
			st = text_markup_views(w, GMIME_PART(obj), ct, where, leaf, msgdepth,
			    e.name);
		goto out;
	}
	st = seal_walk_part_text(w, GMIME_PART(obj), ct, &text, &len);
	if (st != SEAL_OK || text == NULL)
		goto out;
	if (strstr(text, "-----BEGIN PGP MESSAGE-----") != NULL)
		w->pgp_armour = 1;
	st = seal_walk_text_emit(&e, text, len);
	if (st == SEAL_OK && !w->stop)
		st = text_markup_views(w, GMIME_PART(obj), ct, where, leaf, msgdepth, e.name);
out:
	/* an armoured OpenPGP message: encrypted, or content to read */
	if (st == SEAL_OK && w->pgp_armour && GMIME_IS_PART(obj))
		st = seal_walk_pgp_text(w, GMIME_PART(obj), leaf, msgdepth, fname);
	w->pgp_armour = 0;
	g_free(text);
	g_free(fname);
	return st;
}


/*
 * Preamble and epilogue are normally boilerplate that readers hide, but a
 * multipart with a missing or wrong boundary has all its content there;
 * anything with a digit in it is scanned.
 */
static seal_status
seal_walk_face(struct seal_walk *w, const char *face, unsigned msgdepth)
{
	size_t len;
	char *text;
	seal_status st;

	if (face == NULL || strpbrk(face, "0123456789") == NULL)
		return SEAL_OK;
	len = strlen(face);
	text = seal_extract_to_utf8(face, len, NULL, &len);
	st = seal_walk_emit(w, SEAL_WHERE_PART, 0, msgdepth, NULL, text, len);
	g_free(text);
	return st;
}

static seal_status
seal_walk_multipart(struct seal_walk *w, GMimeMultipart *mp, unsigned depth,
	unsigned msgdepth)
{
	seal_status st;
	int i, n;

	/*
	 * PGP/MIME (multipart/encrypted) is walked like any multipart: its
	 * control part is tiny and its ciphertext part is recognised as an
	 * OpenPGP message (message_attach.c); a forged label over clear text
	 * is then scanned as text, never taken as protection.
	 */
	st = seal_walk_part_fields(w, GMIME_OBJECT(mp), 0, msgdepth);
	if (st == SEAL_OK && !w->stop)
		st = seal_walk_face(w, g_mime_multipart_get_prologue(mp), msgdepth);
	n = g_mime_multipart_get_count(mp);
	for (i = 0; i < n && st == SEAL_OK && !w->stop; i++)
		st = seal_walk_object(w, g_mime_multipart_get_part(mp, i), depth + 1,
		    msgdepth);
	if (st == SEAL_OK)
		st = seal_walk_face(w, g_mime_multipart_get_epilogue(mp), msgdepth);
	return st;
}

/* message/rfc822 (and news, global): file name, then the inner message. */
static seal_status
seal_walk_message_part(struct seal_walk *w, GMimeMessagePart *mp,
	unsigned depth, unsigned msgdepth)
{
	GMimeMessage *inner = g_mime_message_part_get_message(mp);
	char *fname = seal_walk_filename(GMIME_OBJECT(mp));
	seal_status st = SEAL_OK;

	if (fname != NULL)
		st = seal_walk_emit(w, SEAL_WHERE_FILENAME, 0, msgdepth, fname,
		    fname, strlen(fname));
	if (st == SEAL_OK && !w->stop)
		st = seal_walk_part_labels(w, GMIME_OBJECT(mp), 0, msgdepth, fname);
	g_free(fname);
	if (st != SEAL_OK || inner == NULL || w->stop)
		return st;
	/* the inner message is one nesting level further down */
	if (depth + 1 > w->lim.max_depth) {
		seal_walk_unscannable(w->res, "MIME nesting deeper than %u",
		    w->lim.max_depth);
		w->stop = 1;
		return SEAL_OK;
	}
	st = seal_walk_headers(w, inner, msgdepth + 1);
	if (st == SEAL_OK && !w->stop && g_mime_message_get_mime_part(inner) != NULL)
		st = seal_walk_object(w, g_mime_message_get_mime_part(inner),
		    depth + 1, msgdepth + 1);
	return st;
}

static seal_status
seal_walk_object(struct seal_walk *w, GMimeObject *obj, unsigned depth,
	unsigned msgdepth)
{
	if (obj == NULL || seal_walk_enter(w, depth) != 0)
		return SEAL_OK;
	w->depth_now = depth;
	if (GMIME_IS_MULTIPART(obj))
		return seal_walk_multipart(w, GMIME_MULTIPART(obj), depth, msgdepth);
	if (GMIME_IS_MESSAGE_PART(obj))
		return seal_walk_message_part(w, GMIME_MESSAGE_PART(obj), depth,
		    msgdepth);
	return seal_walk_leaf(w, obj, msgdepth);
}

/*
 * The parser treats a read error like the end of the stream. If it
 * stopped before the end, read once more where it stopped: an error there
 * is an I/O error (transient); otherwise the message was not understood.
 * Returns 1 on I/O error, 0 otherwise; *short_read tells if it stopped early.
 */
static int
seal_walk_io_failed(GMimeStream *stream, gint64 endpos, gint64 parsed,
	int *short_read)
{
	char c;

	*short_read = 0;
	if (endpos < 0 || parsed < 0 || parsed >= endpos)
		return 0;
	*short_read = 1;
	if (g_mime_stream_seek(stream, parsed, GMIME_STREAM_SEEK_SET) == -1)
		return 1;
	return g_mime_stream_read(stream, &c, 1) < 0;
}

static GMimeParserOptions *
seal_walk_options(seal_walk_result *result)
{
	static const char *fallback[] = { "UTF-8", "windows-1252", NULL };
	GMimeParserOptions *o = g_mime_parser_options_new();

	g_mime_parser_options_set_rfc2047_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_fallback_charsets(o, fallback);
	g_mime_parser_options_set_warning_callback(o, seal_walk_warning, result);
	return o;
}

seal_status
seal_message_walk(GMimeStream *stream, const seal_walk_limits *limits,
	seal_text_fn fn, void *ctx, seal_walk_result *result, seal_err *err)
{
	struct seal_walk w;
	GMimeParserOptions *opts;
	GMimeParser *parser;
	GMimeMessage *msg;
	gint64 start, endpos = -1;
	int short_read = 0;
	seal_status st = SEAL_OK;

	if (stream == NULL || fn == NULL || result == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "seal_message_walk: missing argument");
	memset(result, 0, sizeof(*result));
	memset(&w, 0, sizeof(w));
	if (limits != NULL)
		w.lim = *limits;
	else
		seal_walk_limits_default(&w.lim);
	w.fn = fn;
	w.object = seal_walk_object;
	w.ctx = ctx;
	w.res = result;
	w.err = err;

	/* remember where the stream ends, to tell I/O errors from EOF */
	start = g_mime_stream_tell(stream);
	if (start >= 0) {
		/* a pipe cannot seek: no end known, and nothing to rewind */
		endpos = g_mime_stream_seek(stream, 0, GMIME_STREAM_SEEK_END);
		if (endpos >= 0 &&
		    g_mime_stream_seek(stream, start, GMIME_STREAM_SEEK_SET) != start)
			return seal_err_set(err, SEAL_ERR_IO, "cannot rewind the message stream");
	}

	opts = seal_walk_options(result);
	/* one text part: the light walk, the same texts without the whole tree */
	if (!w.lim.full_walk && seal_walk_light(&w, stream, start, endpos, opts, &st)) {
		g_mime_parser_options_free(opts);
		return st;
	}
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, opts);
	if (seal_walk_io_failed(stream, endpos, g_mime_parser_tell(parser), &short_read))
		st = seal_err_set(err, SEAL_ERR_IO, "reading the message failed");
	else if (msg == NULL)
		seal_walk_unscannable(result, "no MIME message found");
	else {
		if (short_read)
			seal_walk_unscannable(result, "message not parsed to its end");
		GMimeObject *top = g_mime_message_get_mime_part(msg);

		if (top != NULL)
			result->top_encrypted =
			    seal_walk_is_encrypted(g_mime_object_get_content_type(top));
		w.root = top;
		st = seal_walk_headers(&w, msg, 0);
		if (st == SEAL_OK && !w.stop)
			st = seal_walk_object(&w, g_mime_message_get_mime_part(msg), 0, 0);
	}
	if (msg != NULL)
		g_object_unref(msg);
	g_object_unref(parser);
	/* last: GMime header lists keep a pointer to the options */
	g_mime_parser_options_free(opts);
	return st;
}
