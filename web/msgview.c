/*
 * msgview.c - a held message as the message page shows it (msgview.h).
 */
#include <string.h>

#include <gmime/gmime.h>

#include "detect.h"
#include "mimewalk.h"
#include "normalize.h"
#include "scan.h"

#include "msgview.h"

/* The header fields shown, in this order of interest. */
static const char *const shown_fields[] = {
	"From", "To", "Cc", "Date", "Subject", "Message-ID", NULL
};

typedef struct walk {
	web_view *v;
	int unmasked;
	const seal_category *cats;
} walk;

/* Longest evidence term looked for in the shown text. */
#define MARK_TERM_MAX 200

static void
wipe_free(char *s)
{
	if (s != NULL) {
		memset(s, 0, strlen(s));
		g_free(s);
	}
}

/* text made valid UTF-8, masked unless unmasked (control characters kept as they are). */
static char *
shown(const char *text, size_t len, int unmasked)
{
	char *valid = g_utf8_make_valid(text != NULL ? text : "", (gssize)len);
	seal_date today;
	char *out;

	if (unmasked)
		return valid;
	seal_date_today(&today);
	out = seal_mask_text_all(valid, strlen(valid), &today);
	wipe_free(valid);
	return out;
}

/*
 * Masks a body text line by line: seal_mask_text_all turns control
 * characters (line breaks too) into spaces, and a page of text needs its
 * lines.
 */
static char *
shown_lines(const char *text, size_t len, int unmasked)
{
	char *valid = g_utf8_make_valid(text, (gssize)len);
	char **lines;
	GString *out;

	if (unmasked)
		return valid;
	lines = g_strsplit(valid, "\n", -1);
	out = g_string_new(NULL);
	for (guint i = 0; lines[i] != NULL; i++) {
		char *m = shown(lines[i], strlen(lines[i]), 0);

		g_string_append_printf(out, "%s%s", i > 0 ? "\n" : "", m);
		wipe_free(m);
		memset(lines[i], 0, strlen(lines[i]));
	}
	g_strfreev(lines);
	wipe_free(valid);
	return g_string_free(out, FALSE);
}

/* The decoded bytes of a leaf part (caller wipes and frees). */
static GByteArray *
decoded(GMimePart *part)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *mem;
	GByteArray *bytes = g_byte_array_new();

	if (w == NULL)
		return bytes;
	mem = g_mime_stream_mem_new_with_byte_array(bytes);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	g_mime_data_wrapper_write_to_stream(w, mem);
	g_object_unref(mem);
	return bytes;
}

/* A text part's bytes as UTF-8 (from its charset; invalid bytes repaired). */
static char *
as_utf8(GMimeObject *obj, const GByteArray *bytes)
{
	const char *cs = g_mime_object_get_content_type_parameter(obj, "charset");
	char *conv = NULL;

	if (cs != NULL && g_ascii_strcasecmp(cs, "utf-8") != 0
	    && g_ascii_strcasecmp(cs, "us-ascii") != 0)
		conv = g_convert((const char *)bytes->data, (gssize)bytes->len, "UTF-8", cs,
		    NULL, NULL, NULL);
	if (conv == NULL)
		conv = g_utf8_make_valid((const char *)bytes->data, (gssize)bytes->len);
	return conv;
}

static int
overlaps(const GArray *marks, size_t start, size_t end)
{
	for (guint i = 0; i < marks->len; i++) {
		const web_view_mark *m = &g_array_index(marks, web_view_mark, i);

		if (start < m->end && m->start < end)
			return 1;
	}
	return 0;
}

static gint
mark_cmp(gconstpointer a, gconstpointer b)
{
	const web_view_mark *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The marks of one text: categories found in text[0..len) (the original)
 * whose evidence term appears in shown (ASCII case ignored: normalisation
 * may have changed case, the masking leaves words alone).
 */
static GArray *
find_marks(const seal_category *cats, const char *text, size_t len, const char *shown)
{
	GArray *found, *marks = NULL;
	seal_date today;
	size_t nlen = 0, nids, slen = strlen(shown);
	char *norm;

	if (cats == NULL || len == 0)
		return NULL;
	seal_date_today(&today);
	norm = seal_normalize(text, len, &nlen);
	found = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	seal_detect(norm, nlen, &today, found);
	nids = found->len;
	seal_category_detect(cats, norm, nlen, (const seal_finding *)(void *)found->data, nids,
	    found);
	for (guint i = (guint)nids; i < found->len; i++) {
		const seal_finding *f = &g_array_index(found, seal_finding, i);
		size_t tlen = f->end > f->start ? f->end - f->start : 0;
		const char *term = norm + f->start;

		if (tlen == 0 || tlen > MARK_TERM_MAX || f->end > nlen)
			continue;
		for (size_t at = 0; at + tlen <= slen; at++) {
			web_view_mark m;

			if (g_ascii_strncasecmp(shown + at, term, tlen) != 0
			    || (marks != NULL && overlaps(marks, at, at + tlen)))
				continue;
			if (marks == NULL)
				marks = g_array_new(FALSE, FALSE, sizeof(web_view_mark));
			m.start = at;
			m.end = at + tlen;
			m.f = *f;
			g_array_append_val(marks, m);
			at += tlen - 1;
		}
	}
	if (marks != NULL)
		g_array_sort(marks, mark_cmp);
	memset(norm, 0, nlen);
	g_free(norm);
	memset(found->data, 0, found->len * sizeof(seal_finding));
	g_array_free(found, TRUE);
	return marks;
}

static void
add_leaf(walk *w, GMimeObject *obj, const char *path)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	char *ctype = ct != NULL ? g_mime_content_type_get_mime_type(ct) : g_strdup("text/plain");
	const char *fname = g_mime_part_get_filename(GMIME_PART(obj));
	const char *disp = g_mime_object_get_disposition(obj);
	web_view_part *p = g_new0(web_view_part, 1);
	GByteArray *bytes = decoded(GMIME_PART(obj));
	int is_text = g_ascii_strcasecmp(ctype, "text/plain") == 0 && fname == NULL
	    && (disp == NULL || g_ascii_strcasecmp(disp, "attachment") != 0);

	p->path = g_strdup(path);
	p->type = shown(ctype, strlen(ctype), w->unmasked);
	p->filename = fname != NULL ? shown(fname, strlen(fname), w->unmasked) : NULL;
	p->size = (int64_t)bytes->len;
	if (is_text) {
		char *utf8 = as_utf8(obj, bytes);
		size_t len = strlen(utf8);

		if (len > WEB_VIEW_TEXT_MAX) {
			/* Cut on a character boundary. */
			const char *end = g_utf8_find_prev_char(utf8, utf8 + WEB_VIEW_TEXT_MAX + 1);

			len = end != NULL ? (size_t)(end - utf8) : 0;
			p->cut = 1;
		}
		p->text = shown_lines(utf8, len, w->unmasked);
		p->marks = find_marks(w->cats, utf8, len, p->text);
		wipe_free(utf8);
	}
	memset(bytes->data, 0, bytes->len);
	g_byte_array_unref(bytes);
	g_free(ctype);
	g_ptr_array_add(w->v->parts, p);
}

/* Leaves are listed (and their text kept); containers only give their parts. */
static void
visit_part(GMimeObject *obj, const char *path, unsigned depth, void *data)
{
	(void)depth;
	if (GMIME_IS_PART(obj))
		add_leaf(data, obj, path);
}

static void
header_fields(walk *w, GMimeMessage *m)
{
	GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(m));
	int n = g_mime_header_list_get_count(list);

	for (int i = 0; i < n; i++) {
		GMimeHeader *hdr = g_mime_header_list_get_header_at(list, i);
		const char *name = g_mime_header_get_name(hdr);
		const char *raw = g_mime_header_get_raw_value(hdr);
		web_view_field *f;
		char *unfolded, *dec;
		guint k;

		for (k = 0; shown_fields[k] != NULL; k++)
			if (g_ascii_strcasecmp(name, shown_fields[k]) == 0)
				break;
		if (shown_fields[k] == NULL || raw == NULL)
			continue;
		unfolded = g_mime_utils_header_unfold(raw);
		dec = g_mime_utils_header_decode_text(NULL, g_strstrip(unfolded));
		f = g_new0(web_view_field, 1);
		f->name = g_strdup(shown_fields[k]);
		f->value = shown(dec, strlen(dec), w->unmasked);
		g_ptr_array_add(w->v->fields, f);
		wipe_free(dec);
		wipe_free(unfolded);
	}
}

static void
field_free(gpointer p)
{
	web_view_field *f = p;

	g_free(f->name);
	wipe_free(f->value);
	g_free(f);
}

static void
part_free(gpointer p)
{
	web_view_part *v = p;

	g_free(v->path);
	wipe_free(v->type);
	wipe_free(v->filename);
	wipe_free(v->text);
	if (v->marks != NULL)
		g_array_free(v->marks, TRUE);
	g_free(v);
}

web_view *
web_view_new(const char *msg, size_t len, int unmasked, const seal_category *cats)
{
	web_view *v = g_new0(web_view, 1);
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(msg, len);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	GMimeParserOptions *opts = g_mime_parser_options_new();
	GMimeMessage *m = g_mime_parser_construct_message(parser, opts);
	GMimeObject *body = m != NULL ? g_mime_message_get_mime_part(m) : NULL;
	walk w = { v, unmasked, cats };

	v->fields = g_ptr_array_new_with_free_func(field_free);
	v->parts = g_ptr_array_new_with_free_func(part_free);
	g_mime_parser_options_free(opts);
	g_object_unref(parser);
	g_object_unref(stream);
	if (m == NULL)
		return v;
	v->parsed = 1;
	header_fields(&w, m);
	if (body != NULL && seal_mime_walk(body, "1", WEB_VIEW_PARTS, WEB_VIEW_DEPTH, visit_part, &w))
		v->cut = 1;
	g_object_unref(m);
	return v;
}

void
web_view_free(web_view *v)
{
	if (v == NULL)
		return;
	g_ptr_array_free(v->fields, TRUE);
	g_ptr_array_free(v->parts, TRUE);
	g_free(v);
}
