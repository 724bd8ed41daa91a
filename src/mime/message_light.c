/*
 * message_light.c - the light walk of a one-part text message
 * (message_light.h).
 *
 * Most outgoing mail is one text part. For it the full walk has GMime build
 * a GMimeMessage (every field in the message's list, the address fields
 * parsed into address lists, the date parsed), scan the whole body line by
 * line for boundaries, and then tear it all down again: about a third of
 * the instructions sealmilter spends on a clean 10 KB message. Here GMime's
 * parser reads only the header block, as one MIME part: the same header
 * parser and the same Content-* processing, so the same header values,
 * content type, encoding and disposition. The body is that part's content,
 * a substream of the message read in place. The walk then goes on as the
 * full walk does: the header texts through seal_walk_header_list, the part
 * through w->object (seal_walk_leaf in message.c).
 *
 * It runs only where it is sure to hand over what the full walk hands over
 * (tests/unit/test_message_light.c compares both on every corpus message
 * and on mutations of them); anything else takes the full walk:
 * - a seekable stream (the body is a substream of it);
 * - a header block that ends in an empty line within the first 64 KiB and
 *   holds only field lines ("Name:", a name of letters, digits, '-', '_',
 *   '.') and folded lines: there GMime's header parser and this scan agree
 *   on where the body starts, and GMime must keep every field (counted);
 * - no repeated RFC 5322 single field (From, Subject, ...) and no repeated
 *   Content-* field: the full walk's parser warns about those (a
 *   conflicting Content-* field makes the message unscannable). The part
 *   parser here also warns about repeats of any other field (Received...),
 *   which the full walk never does: those warnings are dropped;
 * - a body of at least one byte;
 * - a part GMime makes a plain leaf of a text type (not multipart, not
 *   message/rfc822, not message/partial); a Content-Type field whose value
 *   does not start with "text/" sends the message to the full walk before
 *   GMime parses anything, so other mail pays only the header scan.
 * The parser's other warnings are collected and given to the walk result
 * only when the light walk goes ahead, so a message that falls back to the
 * full walk is not warned about twice.
 */
#include <string.h>

#include <gmime/gmime.h>

#include "err.h"
#include "message.h"
#include "message_internal.h"
#include "message_light.h"

#define LIGHT_HEAD_MAX 65536
#define LIGHT_HEAD_STEP 4096    /* most header blocks end within one read */
#define LIGHT_WARN_MAX 16
#define LIGHT_NAMES_MAX 64

/* RFC 5322 section 3.6 fields that occur once: GMime checks their repeats. */
static const char *const light_single[] = {
	"bcc", "cc", "date", "from", "in-reply-to", "message-id", "references",
	"reply-to", "sender", "subject", "to", NULL
};

struct light_warning {
	gint64 offset;
	GMimeParserWarning code;
	char *item;
};

struct light_warnings {
	struct light_warning w[LIGHT_WARN_MAX];
	unsigned n;
	int overflow;
};

static void
light_warning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer user_data)
{
	struct light_warnings *l = user_data;

	/* a repeated field outside Content-*: only the part parser warns */
	if ((code == GMIME_CRIT_CONFLICTING_HEADER || code == GMIME_WARN_DUPLICATED_HEADER) &&
	    (item == NULL || g_ascii_strncasecmp(item, "Content-", 8) != 0))
		return;
	if (l->n == LIGHT_WARN_MAX) {
		l->overflow = 1;
		return;
	}
	l->w[l->n].offset = offset;
	l->w[l->n].code = code;
	l->w[l->n].item = g_strdup(item);
	l->n++;
}

static void
light_warnings_clear(struct light_warnings *l)
{
	for (unsigned i = 0; i < l->n; i++)
		g_free(l->w[i].item);
	l->n = 0;
}

/* A field the full walk's parser checks for repeats. */
static int
light_checked_field(const char *name, size_t n)
{
	if (n >= 8 && g_ascii_strncasecmp(name, "Content-", 8) == 0)
		return 1;
	for (size_t i = 0; light_single[i] != NULL; i++)
		if (strlen(light_single[i]) == n && g_ascii_strncasecmp(name, light_single[i], n) == 0)
			return 1;
	return 0;
}

static int
light_name_char(unsigned char c)
{
	return g_ascii_isalnum(c) || c == '-' || c == '_' || c == '.';
}

/*
 * A Content-Type field value that names a text type: the rest is left to
 * GMime; anything else (another type, a comment first) is not light, and
 * known so before GMime parses anything.
 */
static int
light_text_type(const char *v, size_t n)
{
	size_t i = 0;

	while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n'))
		i++;
	return n - i >= 5 && g_ascii_strncasecmp(v + i, "text/", 5) == 0;
}

/*
 * The header block at p[0..n): its length with the empty line that ends
 * it, and its number of fields in *fields; 0 when it is not one the light
 * walk takes (or does not end within n bytes).
 */
static size_t
light_header_end(const char *p, size_t n, unsigned *fields)
{
	const char *seen[LIGHT_NAMES_MAX];
	size_t seenlen[LIGHT_NAMES_MAX], i = 0;
	unsigned nseen = 0;

	*fields = 0;
	while (i < n) {
		const char *l = p + i, *nl = memchr(l, '\n', n - i);
		size_t len, k;

		if (nl == NULL)
			return 0;
		len = (size_t)(nl - l);
		if (len > 0 && l[len - 1] == '\r')
			len--;
		if (memchr(l, '\0', len) != NULL || memchr(l, '\r', len) != NULL)
			return 0;
		i = (size_t)(nl - p) + 1;
		if (len == 0)
			return *fields > 0 ? i : 0;
		if (l[0] == ' ' || l[0] == '\t') {
			/* folded: after a field, and not white space alone */
			for (k = 0; k < len && (l[k] == ' ' || l[k] == '\t'); k++)
				;
			if (*fields == 0 || k == len)
				return 0;
			continue;
		}
		for (k = 0; k < len && light_name_char((unsigned char)l[k]); k++)
			;
		if (k == 0 || k == len || l[k] != ':')
			return 0;
		if (k == 12 && g_ascii_strncasecmp(l, "Content-Type", 12) == 0 &&
		    !light_text_type(l + k + 1, len - k - 1))
			return 0;
		if (light_checked_field(l, k)) {
			for (unsigned j = 0; j < nseen; j++)
				if (seenlen[j] == k && g_ascii_strncasecmp(seen[j], l, k) == 0)
					return 0;
			if (nseen == LIGHT_NAMES_MAX)
				return 0;
			seen[nseen] = l;
			seenlen[nseen++] = k;
		}
		(*fields)++;
	}
	return 0;
}

/*
 * Reads the header block from stream (at start): its length (0: not one
 * for the light walk), *fields its fields. -1 on a read error.
 */
static gssize
light_read_header(GMimeStream *stream, unsigned *fields)
{
	char *head = g_malloc(LIGHT_HEAD_MAX);
	size_t got = 0, end = 0;
	gssize r = 0;

	while (got < LIGHT_HEAD_MAX && end == 0) {
		r = g_mime_stream_read(stream, head + got, MIN(LIGHT_HEAD_STEP, LIGHT_HEAD_MAX - got));
		if (r <= 0)
			break;
		got += (size_t)r;
		end = light_header_end(head, got, fields);
	}
	/* header values are personal data */
	memset(head, 0, got);
	g_free(head);
	return r < 0 ? -1 : (gssize)end;
}

/* The part the header block makes, when it is a plain text leaf with every field. */
static GMimeObject *
light_part(GMimeStream *hs, GMimeParserOptions *lopts, gint64 hlen, unsigned fields)
{
	GMimeParser *parser = g_mime_parser_new_with_stream(hs);
	GMimeObject *obj = g_mime_parser_construct_part(parser, lopts);
	int ok = obj != NULL && GMIME_IS_PART(obj) && !GMIME_IS_MESSAGE_PARTIAL(obj) &&
	    seal_walk_is(g_mime_object_get_content_type(obj), "text", "*") &&
	    g_mime_parser_tell(parser) == hlen &&
	    g_mime_header_list_get_count(g_mime_object_get_header_list(obj)) == (int)fields;

	g_object_unref(parser);
	if (!ok && obj != NULL) {
		g_object_unref(obj);
		obj = NULL;
	}
	return obj;
}

int
seal_walk_light(struct seal_walk *w, GMimeStream *stream, gint64 start, gint64 endpos,
	GMimeParserOptions *opts, seal_status *st)
{
	struct light_warnings lw;
	GMimeParserOptions *lopts;
	GMimeParserWarningFunc warn;
	GMimeStream *hs, *cs;
	GMimeDataWrapper *dw;
	GMimeObject *obj;
	unsigned fields = 0;
	gssize hlen;

	*st = SEAL_OK;
	if (start < 0 || endpos <= start)
		return 0;
	hlen = light_read_header(stream, &fields);
	if (hlen <= 0 || start + hlen >= endpos) {
		if (g_mime_stream_seek(stream, start, GMIME_STREAM_SEEK_SET) != start) {
			*st = seal_err_set(w->err, SEAL_ERR_IO, "cannot rewind the message stream");
			return 1;
		}
		return 0;
	}
	memset(&lw, 0, sizeof(lw));
	lopts = g_mime_parser_options_clone(opts);
	g_mime_parser_options_set_warning_callback(lopts, light_warning, &lw);
	hs = g_mime_stream_substream(stream, start, start + hlen);
	obj = light_part(hs, lopts, hlen, fields);
	g_object_unref(hs);
	if (obj == NULL || lw.overflow) {
		if (obj != NULL)
			g_object_unref(obj);
		light_warnings_clear(&lw);
		/* last: GMime header lists keep a pointer to the options */
		g_mime_parser_options_free(lopts);
		if (g_mime_stream_seek(stream, start, GMIME_STREAM_SEEK_SET) != start) {
			*st = seal_err_set(w->err, SEAL_ERR_IO, "cannot rewind the message stream");
			return 1;
		}
		return 0;
	}
	/* committed: the parser's warnings count as the full walk's would */
	warn = g_mime_parser_options_get_warning_callback(opts);
	for (unsigned i = 0; warn != NULL && i < lw.n; i++)
		warn(lw.w[i].offset, lw.w[i].code, lw.w[i].item, w->res);
	light_warnings_clear(&lw);
	/* the body as the part's content, as GMime's parser would have set it */
	cs = g_mime_stream_substream(stream, start + hlen, endpos);
	dw = g_mime_data_wrapper_new_with_stream(cs, g_mime_part_get_content_encoding(GMIME_PART(obj)));
	g_mime_part_set_content(GMIME_PART(obj), dw);
	g_object_unref(dw);
	g_object_unref(cs);
	w->res->light_walk = 1;
	w->res->top_encrypted = seal_walk_is_encrypted(g_mime_object_get_content_type(obj));
	w->root = obj;
	*st = seal_walk_header_list(w, g_mime_object_get_header_list(obj), 0, 1);
	if (*st == SEAL_OK && !w->stop)
		*st = seal_walk_recurse(w, obj, 0, 0);
	w->root = NULL;
	g_object_unref(obj);
	g_mime_parser_options_free(lopts);
	return 1;
}
