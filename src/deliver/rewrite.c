/*
 * rewrite.c - take a message apart for encryption (inner MIME entity +
 * outer header fields) and put it together again, either as a whole
 * message (reinjected copies) or as header edits for the milter.
 *
 * Header blocks are parsed with GMime (raw values keep their folding); the
 * body is copied byte for byte, only bare LF becomes CRLF. Buffers that
 * hold message text are wiped before they are freed: they carry personal
 * data. GMime must have been initialised by the caller (g_mime_init).
 */
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "err.h"
#include "rewrite.h"

/* Far above any max_scan_size; the caller's own limit applies first. */
#define REWRITE_MAX_SIZE	((size_t)512 * 1024 * 1024)
/* More header fields than any real message; GMime would accept them all. */
#define REWRITE_MAX_FIELDS	10000

/* Used when protect_headers is on and the caller gave no text. */
#define REWRITE_DEFAULT_SUBJECT	"Encrypted message"

#define PROTECTED_PARAM		"protected-headers=\"v1\""

/* One header field as GMime saw it: name and raw value (folding, EOLs). */
typedef struct rw_field {
	char *name;
	char *raw;
} rw_field;

/* Fields that describe the content and therefore travel inside. */
static const char *const content_fields[] = {
	"Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
	"Content-ID", "Content-Description", "Content-Language",
	"Content-Location", NULL
};

/* Fields copied inside as protected headers. */
static const char *const protected_fields[] = {
	"Subject", "From", "To", "Cc", "Date", "Message-ID", "Reply-To", NULL
};

static int
name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (g_ascii_strcasecmp(name, *list) == 0)
			return 1;
	return 0;
}

static int
is_content(const char *name)
{
	return name_in(name, content_fields);
}

/*
 * What stays outside the encryption: what transport, threading and replies
 * need, nothing more (issue 15 item 3). Keywords, Comments, Thread-Topic
 * (Outlook copies the Subject into it), X- fields and every other field a
 * reader may see go inside with the content. Bcc stays outside so that the
 * MTA removes it: inside it would show every recipient who the Bcc
 * recipients were. Our own X-Sealmilter- fields stay where the milter and
 * the secure mailbox look for them.
 */
static const char *const outer_fields[] = {
	"Received", "Return-Path", "From", "Sender", "Reply-To", "To", "Cc", "Bcc",
	"Date", "Message-ID", "In-Reply-To", "References", "Subject", NULL
};

static int
is_outer(const char *name)
{
	return name_in(name, outer_fields)
	    || g_ascii_strncasecmp(name, "X-Sealmilter-", 13) == 0;
}

/* Everything but the transport fields is left out of the outer header. */
static int
is_inner_only(const char *name)
{
	return !is_outer(name);
}

/* A field moved inside as it is (not a Content-* field, not MIME-Version). */
static int
is_moved_inside(const char *name)
{
	return !is_outer(name) && !is_content(name)
	    && g_ascii_strcasecmp(name, "MIME-Version") != 0;
}

static void
wipe_free(char *p)
{
	if (p != NULL) {
		memset(p, 0, strlen(p));
		g_free(p);
	}
}

static void
field_free(gpointer p)
{
	rw_field *f = p;

	if (f == NULL)
		return;
	wipe_free(f->name);
	wipe_free(f->raw);
	g_free(f);
}

static void
gstring_wipe_free(GString *g)
{
	if (g == NULL)
		return;
	memset(g->str, 0, g->allocated_len);
	g_string_free(g, TRUE);
}

/* Appends p[0..n) with every LF not preceded by CR turned into CRLF. */
static void
append_crlf(GString *g, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t stop = nl != NULL ? (size_t)(nl - p) : n;

		g_string_append_len(g, p + i, (gssize)(stop - i));
		if (nl == NULL)
			break;
		if (stop == 0 || p[stop - 1] != '\r')
			g_string_append_c(g, '\r');
		g_string_append_c(g, '\n');
		i = stop + 1;
	}
}

/* "Name:" + raw value, CRLF line ends, always ending in CRLF. */
static void
append_field(GString *g, const rw_field *f)
{
	size_t n = strlen(f->raw);

	g_string_append(g, f->name);
	g_string_append_c(g, ':');
	append_crlf(g, f->raw, n);
	if (n == 0 || f->raw[n - 1] != '\n')
		g_string_append(g, "\r\n");
}

/* Length of the raw value without trailing CR, LF, space and tab. */
static size_t
trimmed_len(const char *raw)
{
	size_t n = strlen(raw);

	while (n > 0 && strchr("\r\n \t", raw[n - 1]) != NULL)
		n--;
	return n;
}

/* Content-Type with protected-headers="v1" appended, rest unchanged. */
static void
append_protected_ct(GString *g, const char *name, const char *raw)
{
	size_t n = trimmed_len(raw);

	g_string_append(g, name);
	g_string_append_c(g, ':');
	append_crlf(g, raw, n);
	g_string_append(g, n > 0 && raw[n - 1] == ';' ? " " : "; ");
	g_string_append(g, PROTECTED_PARAM "\r\n");
}

/* Copies the GMime header list into an array of rw_field. */
static seal_status
collect_fields(GMimeObject *obj, GPtrArray *fields, seal_err *err)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(obj);
	int i, count = hl != NULL ? g_mime_header_list_get_count(hl) : 0;

	if (count > REWRITE_MAX_FIELDS)
		return seal_err_set(err, SEAL_ERR_LIMIT,
		    "rewrite: more than %d header fields", REWRITE_MAX_FIELDS);
	for (i = 0; i < count; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *name = g_mime_header_get_name(h);
		const char *raw = g_mime_header_get_raw_value(h);
		rw_field *f;

		if (name == NULL || *name == '\0')
			continue;
		f = g_new0(rw_field, 1);
		f->name = g_strdup(name);
		f->raw = g_strdup(raw != NULL ? raw : "");
		g_ptr_array_add(fields, f);
	}
	return SEAL_OK;
}

/*
 * Parses the header block of buf (a message or MIME entity). *fields gets
 * the fields in order, *body_off the offset just after the blank line.
 * GMime works on a private copy, wiped afterwards. GMime gives the offset
 * of the blank line (headers_end) or -1 when there is none.
 */
static seal_status
parse_block(const char *buf, size_t len, GPtrArray **fields, size_t *body_off,
	seal_err *err)
{
	GByteArray *copy = g_byte_array_sized_new((guint)len);
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeParserOptions *opts = g_mime_parser_options_new();
	GMimeObject *obj;
	gint64 hend;
	seal_status st = SEAL_OK;

	g_byte_array_append(copy, (const guint8 *)buf, (guint)len);
	stream = g_mime_stream_mem_new_with_byte_array(copy);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	obj = g_mime_parser_construct_part(parser, opts);
	hend = g_mime_parser_get_headers_end(parser);
	*fields = g_ptr_array_new_with_free_func(field_free);
	if (obj == NULL) {
		st = seal_err_set(err, SEAL_ERR_PARSE,
		    "rewrite: header block could not be parsed");
	} else if (hend < 0 || (size_t)hend >= len) {
		st = seal_err_set(err, SEAL_ERR_PARSE,
		    "rewrite: no blank line after the header block");
	} else if (buf[hend] == '\n') {
		*body_off = (size_t)hend + 1;
	} else if (buf[hend] == '\r' && (size_t)hend + 1 < len &&
	    buf[hend + 1] == '\n') {
		*body_off = (size_t)hend + 2;
	} else {
		st = seal_err_set(err, SEAL_ERR_PARSE,
		    "rewrite: header block does not end in a blank line");
	}
	if (st == SEAL_OK)
		st = collect_fields(obj, *fields, err);
	if (obj != NULL)
		g_object_unref(obj);
	g_object_unref(parser);
	g_object_unref(stream);
	g_mime_parser_options_free(opts);
	memset(copy->data, 0, copy->len);
	g_byte_array_free(copy, TRUE);
	if (st != SEAL_OK) {
		g_ptr_array_free(*fields, TRUE);
		*fields = NULL;
	}
	return st;
}

/* Address fields whose display names may be dropped outside (bare_fields). */
static const char *const address_fields[] = {
	"From", "Sender", "Reply-To", "To", "Cc", "Bcc", NULL
};

/* Is f an address field the caller asked to show without display names? */
static int
is_bare(const rw_field *f, const char *const *bare)
{
	return bare != NULL && name_in(f->name, address_fields) && name_in(f->name, bare);
}

/*
 * The inner header block: protected copies, the fields moved inside, then
 * the Content-* fields.
 */
static void
build_inner_header(GString *g, const GPtrArray *fields, int protect,
	const char *const *bare)
{
	guint i;
	int have_ct = 0;

	for (i = 0; i < fields->len; i++) {
		const rw_field *f = g_ptr_array_index(fields, i);

		/* A field shown outside without names travels whole inside. */
		if ((protect && name_in(f->name, protected_fields)) || is_moved_inside(f->name)
		    || is_bare(f, bare))
			append_field(g, f);
		if (g_ascii_strcasecmp(f->name, "Content-Type") == 0)
			have_ct = 1;
	}
	/* RFC 2045 5.2: no Content-Type means text/plain; us-ascii. */
	if (!have_ct) {
		if (protect)
			append_protected_ct(g, "Content-Type",
			    " text/plain; charset=us-ascii");
		else
			g_string_append(g,
			    "Content-Type: text/plain; charset=us-ascii\r\n");
	}
	for (i = 0; i < fields->len; i++) {
		const rw_field *f = g_ptr_array_index(fields, i);

		if (!is_content(f->name))
			continue;
		if (protect && g_ascii_strcasecmp(f->name, "Content-Type") == 0)
			append_protected_ct(g, f->name, f->raw);
		else
			append_field(g, f);
	}
}

/* Every mailbox of list (group members included), without its name, into out. */
static void
collect_bare(InternetAddressList *list, InternetAddressList *out)
{
	int n = internet_address_list_length(list);

	for (int i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_list_get_address(list, i);

		if (INTERNET_ADDRESS_IS_GROUP(ia)) {
			collect_bare(internet_address_group_get_members(
			    INTERNET_ADDRESS_GROUP(ia)), out);
		} else if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
			const char *addr = internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(ia));
			InternetAddress *m = internet_address_mailbox_new(NULL,
			    addr != NULL ? addr : "");

			internet_address_list_add(out, m);
			g_object_unref(m);
		}
	}
}

/*
 * "Name: addr, addr" with every display name and group name dropped
 * (issue 15 item 3: a name that holds a finding must not travel around
 * the ciphertext; the address is what transport needs). A value GMime
 * cannot read as addresses keeps nothing: an empty group, which RFC 5322
 * 3.4 allows ("undisclosed-recipients:;").
 */
static void
append_bare(GString *g, const rw_field *f)
{
	GMimeParserOptions *o = g_mime_parser_options_new();
	InternetAddressList *list, *out = internet_address_list_new();
	char *s = NULL;

	g_mime_parser_options_set_address_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	list = internet_address_list_parse(o, f->raw);
	if (list != NULL) {
		collect_bare(list, out);
		g_object_unref(list);
	}
	if (internet_address_list_length(out) > 0)
		s = internet_address_list_to_string(out, NULL, TRUE);
	g_string_append_printf(g, "%s: %s\r\n", f->name,
	    s != NULL && strpbrk(s, "\r\n") == NULL ? s : "undisclosed-recipients:;");
	wipe_free(s);
	g_object_unref(out);
	g_mime_parser_options_free(o);
}

/*
 * The outer header: the transport fields (is_outer), in order.
 * With protect every Subject gets the neutral text; a message without a
 * Subject gets one at the end, so that no client shows the protected
 * Subject's absence differently from a neutral one. Address fields named
 * in bare lose their display names.
 */
static int
build_outer(GString *g, const GPtrArray *fields, int protect, const char *ns,
	const char *const *bare)
{
	guint i;
	int had_subject = 0, had_mv = 0;

	for (i = 0; i < fields->len; i++) {
		const rw_field *f = g_ptr_array_index(fields, i);

		if (g_ascii_strcasecmp(f->name, "MIME-Version") == 0)
			had_mv = 1;
		if (is_inner_only(f->name))
			continue;
		if (protect && g_ascii_strcasecmp(f->name, "Subject") == 0) {
			had_subject = 1;
			g_string_append_printf(g, "%s: %s\r\n", f->name, ns);
		} else if (is_bare(f, bare)) {
			append_bare(g, f);
		} else {
			append_field(g, f);
		}
	}
	if (protect && !had_subject)
		g_string_append_printf(g, "Subject: %s\r\n", ns);
	return had_mv;
}

seal_status
seal_rewrite_split(const char *msg, size_t len, int protect_headers,
	const char *neutral_subject, seal_rewrite *out, seal_err *err)
{
	return seal_rewrite_split_bare(msg, len, protect_headers, neutral_subject, NULL,
	    out, err);
}

seal_status
seal_rewrite_split_bare(const char *msg, size_t len, int protect_headers,
	const char *neutral_subject, const char *const *bare_fields, seal_rewrite *out,
	seal_err *err)
{
	GPtrArray *fields = NULL;
	size_t body_off = 0;
	const char *ns = neutral_subject != NULL ? neutral_subject :
	    REWRITE_DEFAULT_SUBJECT;
	seal_status st;

	if (out == NULL || (msg == NULL && len > 0))
		return seal_err_set(err, SEAL_ERR_USAGE, "rewrite: no message");
	memset(out, 0, sizeof(*out));
	if (len > REWRITE_MAX_SIZE)
		return seal_err_set(err, SEAL_ERR_LIMIT,
		    "rewrite: message larger than %zu bytes", REWRITE_MAX_SIZE);
	/* A CR or LF in the neutral text would inject header fields. */
	if (protect_headers && strpbrk(ns, "\r\n") != NULL)
		return seal_err_set(err, SEAL_ERR_USAGE,
		    "rewrite: neutral subject contains a line break");
	if (len == 0)
		return seal_err_set(err, SEAL_ERR_PARSE, "rewrite: empty message");
	st = parse_block(msg, len, &fields, &body_off, err);
	if (st != SEAL_OK)
		return st;
	out->inner = g_string_sized_new(len + len / 32 + 256);
	build_inner_header(out->inner, fields, protect_headers, bare_fields);
	g_string_append(out->inner, "\r\n");
	append_crlf(out->inner, msg + body_off, len - body_off);
	out->outer = g_string_sized_new(body_off + 128);
	out->had_mime_version = build_outer(out->outer, fields,
	    protect_headers, ns, bare_fields);
	g_ptr_array_free(fields, TRUE);
	return SEAL_OK;
}

/* True when the entity has a header block ended by an empty line. */
static int
has_blank_line(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		if (p[i] != '\n')
			continue;
		if (p[i + 1] == '\n' ||
		    (p[i + 1] == '\r' && i + 2 < n && p[i + 2] == '\n'))
			return 1;
	}
	return 0;
}

seal_status
seal_rewrite_assemble(const seal_rewrite *r, const char *entity,
	size_t elen, GString *out, seal_err *err)
{
	if (r == NULL || r->outer == NULL || out == NULL || entity == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE,
		    "rewrite: assemble without outer header or entity");
	if (!has_blank_line(entity, elen))
		return seal_err_set(err, SEAL_ERR_PARSE,
		    "rewrite: entity has no header block");
	g_string_append_len(out, r->outer->str, (gssize)r->outer->len);
	g_string_append(out, "MIME-Version: 1.0\r\n");
	append_crlf(out, entity, elen);
	return SEAL_OK;
}

void
seal_rewrite_clear(seal_rewrite *r)
{
	if (r == NULL)
		return;
	gstring_wipe_free(r->inner);
	gstring_wipe_free(r->outer);
	memset(r, 0, sizeof(*r));
}

/*
 * Header edits for the milter.
 *
 * smfi_chgheader(name, index, value) names the index-th field called name
 * (1-based, names compared case-insensitively). Postfix counts over the
 * current header list (cleanup_milter.c: cleanup_del_header and
 * cleanup_upd_header use cleanup_find_header_start, which follows the
 * pointer records, so a deleted field is no longer counted; it also skips
 * its own Received field, which the milter never saw). Sendmail marks a
 * deleted field but keeps counting it. Deleting the occurrences of each
 * name from the last to the first gives the same result under both: when
 * occurrence k goes, only later ones are gone already.
 * Values keep their leading space (SMFIP_HDR_LEADSPC) and fold as LF + WSP
 * without CR (libmilter docs: the MTA adds the CR). smfi_addheader (add=1)
 * appends at the end of the header block, after the kept outer fields.
 */

void
seal_rewrite_edit_free(gpointer p)
{
	seal_header_edit *e = p;

	if (e == NULL)
		return;
	g_free(e->name);
	wipe_free(e->value);
	g_free(e);
}

/* Raw value as a milter value: CRLF -> LF, trailing line end dropped. */
static char *
milter_value(const char *raw)
{
	size_t n = strlen(raw), i, o = 0;
	char *v = g_malloc(n + 1);

	for (i = 0; i < n; i++) {
		if (raw[i] == '\r' && i + 1 < n && raw[i + 1] == '\n')
			continue;
		v[o++] = raw[i];
	}
	while (o > 0 && (v[o - 1] == '\n' || v[o - 1] == '\r'))
		o--;
	v[o] = '\0';
	return v;
}

static void
edit_add(GPtrArray *edits, const char *name, unsigned index, char *value,
	int add)
{
	seal_header_edit *e = g_new0(seal_header_edit, 1);

	e->name = g_strdup(name);
	e->index = index;
	e->value = value;
	e->add = add;
	g_ptr_array_add(edits, e);
}

/* idx[i] = 1-based occurrence of field i among fields of the same name. */
static unsigned *
occurrence_index(const GPtrArray *fields)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	unsigned *idx = g_new0(unsigned, fields->len + 1);
	guint i;

	for (i = 0; i < fields->len; i++) {
		const rw_field *f = g_ptr_array_index(fields, i);
		char *key = g_ascii_strdown(f->name, -1);
		unsigned n = GPOINTER_TO_UINT(g_hash_table_lookup(seen, key)) + 1;

		idx[i] = n;
		g_hash_table_replace(seen, key, GUINT_TO_POINTER(n));
	}
	g_hash_table_destroy(seen);
	return idx;
}

/* The outer block as parsed fields; an empty outer has none. */
static seal_status
parse_outer(const GString *outer, GPtrArray **fields, seal_err *err)
{
	GString *tmp;
	size_t off;
	seal_status st;

	if (outer->len == 0) {
		*fields = g_ptr_array_new_with_free_func(field_free);
		return SEAL_OK;
	}
	tmp = g_string_sized_new(outer->len + 2);
	g_string_append_len(tmp, outer->str, (gssize)outer->len);
	g_string_append(tmp, "\r\n");
	st = parse_block(tmp->str, tmp->len, fields, &off, err);
	gstring_wipe_free(tmp);
	return st;
}

/*
 * Changes for outer fields whose value differs from the original (the
 * neutral Subject), then deletions of the fields that went inside, last
 * first, then additions for outer fields the original lacked.
 */
static seal_status
edits_outer(GPtrArray *edits, const GPtrArray *orig, const GPtrArray *outer,
	seal_err *err)
{
	unsigned *idx = occurrence_index(orig);
	guint i, j = 0;

	for (i = 0; i < orig->len; i++) {
		const rw_field *f = g_ptr_array_index(orig, i);
		const rw_field *g;
		char *a, *b;

		if (is_inner_only(f->name))
			continue;
		if (j >= outer->len || g_ascii_strcasecmp(f->name,
		    ((const rw_field *)g_ptr_array_index(outer, j))->name) != 0) {
			g_free(idx);
			return seal_err_set(err, SEAL_ERR_USAGE,
			    "rewrite: outer header does not match the message");
		}
		g = g_ptr_array_index(outer, j++);
		a = milter_value(f->raw);
		b = milter_value(g->raw);
		if (strcmp(a, b) != 0)
			edit_add(edits, f->name, idx[i], b, 0);
		else
			wipe_free(b);
		wipe_free(a);
	}
	for (i = orig->len; i-- > 0;) {
		const rw_field *f = g_ptr_array_index(orig, i);

		if (is_inner_only(f->name))
			edit_add(edits, f->name, idx[i], NULL, 0);
	}
	for (; j < outer->len; j++) {
		const rw_field *g = g_ptr_array_index(outer, j);

		edit_add(edits, g->name, 0, milter_value(g->raw), 1);
	}
	g_free(idx);
	return SEAL_OK;
}

GPtrArray *
seal_rewrite_edits(const char *msg, size_t len, const seal_rewrite *r,
	const char *entity, size_t elen, size_t *body_start, seal_err *err)
{
	GPtrArray *orig = NULL, *outer = NULL, *ent = NULL, *edits = NULL;
	size_t off = 0;
	guint i;

	if (msg == NULL || r == NULL || r->outer == NULL || entity == NULL ||
	    body_start == NULL) {
		seal_err_set(err, SEAL_ERR_USAGE, "rewrite: edits without input");
		return NULL;
	}
	if (len > REWRITE_MAX_SIZE || elen > REWRITE_MAX_SIZE) {
		seal_err_set(err, SEAL_ERR_LIMIT, "rewrite: input too large");
		return NULL;
	}
	if (parse_block(msg, len, &orig, &off, err) != SEAL_OK ||
	    parse_outer(r->outer, &outer, err) != SEAL_OK ||
	    parse_block(entity, elen, &ent, body_start, err) != SEAL_OK)
		goto done;
	edits = g_ptr_array_new_with_free_func(seal_rewrite_edit_free);
	if (edits_outer(edits, orig, outer, err) != SEAL_OK) {
		g_ptr_array_free(edits, TRUE);
		edits = NULL;
		goto done;
	}
	edit_add(edits, "MIME-Version", 0, g_strdup(" 1.0"), 1);
	for (i = 0; i < ent->len; i++) {
		const rw_field *f = g_ptr_array_index(ent, i);

		edit_add(edits, f->name, 0, milter_value(f->raw), 1);
	}
done:
	if (orig != NULL)
		g_ptr_array_free(orig, TRUE);
	if (outer != NULL)
		g_ptr_array_free(outer, TRUE);
	if (ent != NULL)
		g_ptr_array_free(ent, TRUE);
	return edits;
}
