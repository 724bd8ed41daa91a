/*
 * message_wrap.c - wrappers a mail client opens (message_internal.h):
 *  - a mail message as an attachment under any label: message/rfc822 or
 *    message/global under base64 or quoted-printable (GMime leaves those
 *    as plain parts), application/x-eml, a `.eml` name under any type, or
 *    content that starts with a mail header block;
 *  - message/partial (RFC 2046 5.2.2): a complete set of fragments in the
 *    same message is put together and walked; otherwise the first
 *    fragment is read as a message with its headers, and the message is
 *    unscannable (a reader who has the other fragments sees more);
 *  - S/MIME compressed-data (RFC 3274): the zlib stream is inflated within
 *    the text budget and walked as a MIME entity.
 * Each is walked one nesting level down, so the depth limits hold; what
 * cannot be opened is unscannable, never clean. Reasons name the part
 * number only.
 */
#include <string.h>

#include <gmime/gmime.h>
#include <zlib.h>

#include "message_internal.h"

int
seal_walk_wrap_labelled(GMimeContentType *ct, const char *fname)
{
	return seal_walk_is(ct, "message", "rfc822") || seal_walk_is(ct, "message", "global") ||
	    seal_walk_is(ct, "message", "news") || seal_walk_is(ct, "application", "x-eml") ||
	    seal_walk_is(ct, "application", "eml") || seal_walk_is(ct, "message", "x-eml") ||
	    seal_walk_name_ends(fname, ".eml");
}

/* Fields that open a mail message: at least two of them before the body. */
static int
known_field(const char *l, size_t n)
{
	static const char *const names[] = {
		"from:", "to:", "cc:", "subject:", "date:", "received:", "mime-version:",
		"message-id:", "return-path:", "content-type:", "sender:", "reply-to:",
		"delivered-to:", "x-mailer:", "user-agent:", NULL
	};

	for (size_t i = 0; names[i] != NULL; i++) {
		size_t k = strlen(names[i]);

		if (n >= k && g_ascii_strncasecmp(l, names[i], k) == 0)
			return 1;
	}
	return 0;
}

/*
 * The content starts with an RFC 5322 header block: every line up to the
 * first empty one is a field ("Name: value", names of printable ASCII) or
 * a folded continuation, an mbox "From " line may come first, and at least
 * two of the fields are ones a message starts with.
 */
int
seal_walk_wrap_sniff(const guint8 *p, size_t n)
{
	size_t i = 0, known = 0, fields = 0;

	if (n >= 5 && memcmp(p, "From ", 5) == 0)
		while (i < n && p[i++] != '\n')
			;
	while (i < n) {
		size_t s = i, colon = 0;

		while (i < n && p[i] != '\n')
			i++;
		if (i >= n)
			break;          /* a line cut by the sample: undecided, stop */
		if (i - s == 0 || (i - s == 1 && p[s] == '\r'))
			return fields >= 2 && known >= 2;
		if (p[s] == ' ' || p[s] == '\t') {
			if (fields == 0)
				return 0;
		} else {
			while (s + colon < i && p[s + colon] > 32 && p[s + colon] < 127 &&
			    p[s + colon] != ':')
				colon++;
			if (colon == 0 || s + colon >= i || p[s + colon] != ':')
				return 0;
			fields++;
			known += known_field((const char *)p + s, i - s);
		}
		i++;
	}
	return fields >= 2 && known >= 2;
}

/* Bytes parsed as a message and walked as an attached message one level down. */
static seal_status
walk_message_bytes(struct seal_walk *w, const guint8 *data, size_t len, unsigned leaf,
	unsigned msgdepth)
{
	GMimeParserOptions *opts;
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	seal_status st = SEAL_OK;

	/* an empty wrapped part: nothing to read (GMime refuses a NULL buffer) */
	if (data == NULL || len == 0)
		return SEAL_OK;
	opts = g_mime_parser_options_new();
	stream = g_mime_stream_mem_new_with_buffer((const char *)data, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_options_set_rfc2047_compliance_mode(opts, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(opts, GMIME_RFC_COMPLIANCE_LOOSE);
	msg = g_mime_parser_construct_message(parser, opts);
	if (msg == NULL)
		seal_walk_unscannable(w->res, "attachment (part %u): attached message not "
		    "understood", leaf);
	else {
		GMimeMessagePart *mp = g_mime_message_part_new_with_message("rfc822", msg);
		unsigned depth = w->depth_now;

		st = seal_walk_recurse(w, GMIME_OBJECT(mp), depth + 1, msgdepth);
		w->depth_now = depth;
		g_object_unref(mp);
		g_object_unref(msg);
	}
	g_mime_parser_options_free(opts);
	g_object_unref(parser);
	g_object_unref(stream);
	return st;
}


seal_status
seal_walk_wrapped(struct seal_walk *w, GMimePart *part, unsigned leaf, unsigned msgdepth)
{
	GByteArray *raw;
	seal_status st = seal_attach_read_whole(w, part, leaf, "attached message", &raw);

	if (st != SEAL_OK || raw == NULL)
		return st;
	st = walk_message_bytes(w, raw->data, raw->len, leaf, msgdepth);
	seal_attach_free(raw);
	return st;
}

/* ---------------------------------------------------------------- message/partial */

static void
collect_partials(GMimeObject *obj, const char *id, GPtrArray *out, unsigned depth)
{
	if (obj == NULL || depth > 64)
		return;
	if (GMIME_IS_MESSAGE_PARTIAL(obj)) {
		const char *pid = g_mime_message_partial_get_id(GMIME_MESSAGE_PARTIAL(obj));

		if (pid != NULL && strcmp(pid, id) == 0)
			g_ptr_array_add(out, obj);
	} else if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);

		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			collect_partials(g_mime_multipart_get_part(mp, i), id, out, depth + 1);
	} else if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));

		if (m != NULL)
			collect_partials(g_mime_message_get_mime_part(m), id, out, depth + 1);
	}
}

/* Every number 1..total is there (duplicates allowed, the first is used). */
static int
set_complete(GPtrArray *set, int total)
{
	int found = 0;

	if (total < 1 || total > 1000)
		return 0;
	for (int k = 1; k <= total; k++)
		for (guint i = 0; i < set->len; i++)
			if (g_mime_message_partial_get_number(set->pdata[i]) == k) {
				found++;
				break;
			}
	return found == total;
}

/* The fragments in number order, one of each, for GMime to join. */
static GMimeMessage *
reconstruct(GPtrArray *set, int total)
{
	GMimeMessagePartial **v = g_new0(GMimeMessagePartial *, (size_t)total);
	GMimeMessage *msg;

	for (int k = 1; k <= total; k++)
		for (guint i = 0; i < set->len; i++)
			if (g_mime_message_partial_get_number(set->pdata[i]) == k) {
				v[k - 1] = set->pdata[i];
				break;
			}
	msg = g_mime_message_partial_reconstruct_message(v, (size_t)total);
	g_free(v);
	return msg;
}

seal_status
seal_walk_partial(struct seal_walk *w, GMimeObject *obj, unsigned leaf, unsigned msgdepth)
{
	GMimeMessagePartial *p = GMIME_MESSAGE_PARTIAL(obj);
	const char *id = g_mime_message_partial_get_id(p);
	int number = g_mime_message_partial_get_number(p);
	int total = g_mime_message_partial_get_total(p);
	GPtrArray *set = g_ptr_array_new();
	seal_status st = SEAL_OK;
	GByteArray *raw;

	if (id != NULL)
		collect_partials(w->root, id, set, 0);
	if (id != NULL && set_complete(set, total)) {
		/* the whole set is here: read once, at fragment 1 */
		GMimeMessage *msg = number == 1 ? reconstruct(set, total) : NULL;

		if (number == 1 && msg == NULL)
			seal_walk_unscannable(w->res, "part %u: message/partial set could not "
			    "be joined", leaf);
		else if (msg != NULL) {
			GMimeMessagePart *mp = g_mime_message_part_new_with_message("rfc822", msg);
			unsigned depth = w->depth_now;

			st = seal_walk_recurse(w, GMIME_OBJECT(mp), depth + 1, msgdepth);
			w->depth_now = depth;
			g_object_unref(mp);
			g_object_unref(msg);
		}
		g_ptr_array_free(set, TRUE);
		return st;
	}
	g_ptr_array_free(set, TRUE);
	/* a reader with the other fragments sees what we cannot: fail closed */
	seal_walk_unscannable(w->res, "part %u: message/partial fragment %d of a set "
	    "not all in this message", leaf, number);
	st = seal_attach_read_whole(w, GMIME_PART(obj), leaf, "message fragment", &raw);
	if (st != SEAL_OK || raw == NULL)
		return st;
	if (number == 1)
		st = walk_message_bytes(w, raw->data, raw->len, leaf, msgdepth);
	else if (raw->len > 0)
		st = seal_walk_blob(w, leaf, msgdepth, NULL, raw->data, raw->len);
	seal_attach_free(raw);
	return st;
}

/* ---------------------------------------------------------------- compressed-data */

seal_status
seal_walk_cms_compressed(struct seal_walk *w, const uint8_t *z, size_t zlen,
	unsigned msgdepth)
{
	GByteArray *out = g_byte_array_new();
	int rc = z != NULL ? seal_walk_inflate(z, zlen, w->lim.max_text - w->text_total, out) : -1;
	seal_status st = SEAL_OK;

	if (rc == -1)
		seal_walk_unscannable(w->res, "part %u: S/MIME compressed data could not be "
		    "inflated", w->leaf);
	else if (rc == 1)
		seal_walk_unscannable(w->res, "part %u: S/MIME compressed data larger than "
		    "%zu bytes", w->leaf, w->lim.max_text);
	else {
		GMimeParserOptions *opts = g_mime_parser_options_new();
		GMimeStream *stream = g_mime_stream_mem_new_with_buffer((const char *)out->data,
		    out->len);
		GMimeParser *parser = g_mime_parser_new_with_stream(stream);
		GMimeObject *obj = g_mime_parser_construct_part(parser, opts);
		unsigned depth = w->depth_now;

		if (obj == NULL)
			seal_walk_unscannable(w->res, "part %u: S/MIME compressed content is not "
			    "a MIME entity", w->leaf);
		else {
			st = seal_walk_recurse(w, obj, depth + 1, msgdepth);
			w->depth_now = depth;
			g_object_unref(obj);
		}
		g_mime_parser_options_free(opts);
		g_object_unref(parser);
		g_object_unref(stream);
	}
	seal_attach_free(out);
	return st;
}
