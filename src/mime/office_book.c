/*
 * office_book.c - spreadsheets named by their sheets (office_internal.h):
 * an OOXML workbook's sheets and shared strings, and an ODS document's
 * tables, so that "where" says which sheet a number is on and whether the
 * sheet is hidden.
 *
 * Choices worth knowing:
 * - The workbook is found as a reader finds it, by relationships, not by
 *   file names: the package's officeDocument relationship (_rels/.rels)
 *   names the workbook, the workbook's relationships name its sheets and
 *   shared strings, each sheet's relationships its comments. Sheets are
 *   numbered by their place among the workbook's tabs (1-based); a sheet's
 *   state "hidden" or "veryHidden" is said in the name.
 * - A cell of type "s" shows a shared string: its sheet's text holds that
 *   string where the cell is. Bounded: every shared string goes over once
 *   where first shown; its first showing on each further sheet, and its
 *   repeats on one sheet (the label "CPR" in every row), each only while
 *   they come to no more bytes than the shared strings themselves (at
 *   least 1 MiB): a sheet pointing a million times at one long string does
 *   not multiply the text, and a sheet's own first showing is not crowded
 *   out by another sheet's repeats. Lookups are by index: linear.
 * - Shared strings no sheet shows are still read, after the last entry, as
 *   the shared strings part (a number hidden there is found all the same).
 * - Names: a sheet's text is named `sheet 2 "Ark2" (hidden)` (the sheet's
 *   own name is the sender's words, and goes only where names are shown);
 *   its detail, in our words only, `sheet 2 (hidden)`; a comment part adds
 *   ", comment". A workbook inside another archive prefixes the detail
 *   SEAL_OFFICE_INNER.
 * - ODS: the tables of office:spreadsheet in content.xml, each as a text of
 *   its own named the same way; hidden when its table style says
 *   table:display="false".
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/xmlreader.h>

#include "office_internal.h"

#define BOOK_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | \
	XML_PARSE_NOWARNING | XML_PARSE_COMPACT | XML_PARSE_HUGE)
#define BOOK_REPEAT_FLOOR ((size_t)1 << 20)

/* A part of the workbook that is read as a sheet's. */
struct book_part {
	char *label;            /* `sheet 2 "Ark2" (hidden)[, comment]` */
	char *detail;           /* `sheet 2 (hidden)[, comment]` */
};

struct office_book {
	const char *prefix;     /* the archive's path inside the attachment, or NULL */
	GHashTable *parts;      /* full entry name -> struct book_part */
	char *sst_name;         /* full entry name of the shared strings, or NULL */
	GString *sst;           /* the shared strings, one after another */
	GArray *sst_at;         /* struct book_str, one per string */
	guint8 *shown;          /* per string: already in some sheet's text */
	guint32 *on_sheet;      /* per string: the last sheet (serial) showing it */
	guint32 sheet;          /* serial of the sheet being read, from 1 */
	size_t repeat_left;     /* bytes of repeats on one sheet still allowed */
	size_t again_left;      /* bytes of first showings on further sheets */
};

struct book_str {
	size_t off, len;
};

/* A sheet of the workbook, as its <sheet> element says. */
struct book_sheet {
	char *name, *rid;
	int hidden;             /* 0 visible, 1 hidden, 2 very hidden */
};

static void
book_part_free(gpointer p)
{
	struct book_part *bp = p;

	g_free(bp->label);
	g_free(bp->detail);
	g_free(bp);
}

static void
book_sheet_clear(gpointer p)
{
	struct book_sheet *s = p;

	g_free(s->name);
	g_free(s->rid);
}

/* A namespaced attribute by local name (any prefix), or NULL; g_free it. */
static char *
book_attr(xmlTextReaderPtr r, const char *local)
{
	char *v = NULL;

	while (v == NULL && xmlTextReaderMoveToNextAttribute(r) == 1) {
		const char *al = (const char *)xmlTextReaderConstLocalName(r);

		if (al != NULL && strcmp(al, local) == 0)
			v = g_strdup((const char *)xmlTextReaderConstValue(r));
	}
	xmlTextReaderMoveToElement(r);
	return v;
}

static xmlTextReaderPtr
book_reader(const char *data, size_t len)
{
	if (data == NULL || len == 0 || len > (size_t)G_MAXINT)
		return NULL;
	return xmlReaderForMemory(data, (int)len, NULL, NULL, BOOK_XML_OPTIONS);
}

/*
 * A relationship's target as an entry name: relative to the directory of
 * the part that points (dir, "" or ending in '/'), or absolute with a
 * leading '/'; "." and ".." resolved. NULL when it leaves the package.
 */
static char *
book_resolve(const char *dir, const char *target)
{
	char *joined = target[0] == '/' ? g_strdup(target + 1) :
	    g_strconcat(dir, target, NULL);
	gchar **seg = g_strsplit(joined, "/", -1);
	GPtrArray *keep = g_ptr_array_new();
	char *out = NULL;
	int bad = 0;

	for (size_t i = 0; seg[i] != NULL; i++) {
		if (seg[i][0] == '\0' || strcmp(seg[i], ".") == 0)
			continue;
		if (strcmp(seg[i], "..") == 0) {
			if (keep->len == 0)
				bad = 1;
			else
				g_ptr_array_remove_index(keep, keep->len - 1);
			continue;
		}
		g_ptr_array_add(keep, seg[i]);
	}
	if (!bad && keep->len > 0) {
		g_ptr_array_add(keep, NULL);
		out = g_strjoinv("/", (gchar **)keep->pdata);
	}
	g_ptr_array_free(keep, TRUE);
	g_strfreev(seg);
	g_free(joined);
	return out;
}

/* The directory of a part, with its '/' ("" at the top). */
static char *
book_dir(const char *part)
{
	const char *slash = strrchr(part, '/');

	return slash != NULL ? g_strndup(part, (gsize)(slash - part + 1)) : g_strdup("");
}

/* The relationships part of a part: DIR/_rels/BASE.rels. */
static char *
book_rels_name(const char *part)
{
	char *dir = book_dir(part), *rels;

	rels = g_strdup_printf("%s_rels/%s.rels", dir, part + strlen(dir));
	g_free(dir);
	return rels;
}

/*
 * The relationships of a part: Id -> resolved target for every internal
 * relationship whose type ends in one of the suffixes given (NULL-ended),
 * and the type's suffix index in *kinds (Id -> GINT index + 1).
 */
static GHashTable *
book_rels(const char *data, size_t len, const char *dir, const char *const *types,
	GHashTable *kinds)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	xmlTextReaderPtr r = book_reader(data, len);

	while (r != NULL && xmlTextReaderRead(r) == 1) {
		const char *local = (const char *)xmlTextReaderConstLocalName(r);
		char *id, *type, *target, *mode, *full;

		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || local == NULL ||
		    strcmp(local, "Relationship") != 0)
			continue;
		id = book_attr(r, "Id");
		type = book_attr(r, "Type");
		target = book_attr(r, "Target");
		mode = book_attr(r, "TargetMode");
		for (size_t k = 0; id != NULL && type != NULL && target != NULL &&
		    mode == NULL && types[k] != NULL; k++) {
			if (!g_str_has_suffix(type, types[k]) ||
			    (full = book_resolve(dir, target)) == NULL)
				continue;
			g_hash_table_replace(t, g_strdup(id), full);
			if (kinds != NULL)
				g_hash_table_replace(kinds, g_strdup(id), GINT_TO_POINTER(k + 1));
			break;
		}
		g_free(id);
		g_free(type);
		g_free(target);
		g_free(mode);
	}
	if (r != NULL)
		xmlFreeTextReader(r);
	return t;
}

/* The workbook's sheets in tab order; NULL when the part is no workbook. */
static GArray *
book_sheets(const char *data, size_t len)
{
	xmlTextReaderPtr r = book_reader(data, len);
	GArray *sheets = NULL;
	int first = 1;

	while (r != NULL && xmlTextReaderRead(r) == 1) {
		const char *local = (const char *)xmlTextReaderConstLocalName(r);
		struct book_sheet s;
		char *state;

		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || local == NULL)
			continue;
		if (first) {
			first = 0;
			if (strcmp(local, "workbook") != 0)
				break;
			sheets = g_array_new(FALSE, TRUE, sizeof(struct book_sheet));
			g_array_set_clear_func(sheets, book_sheet_clear);
		}
		if (strcmp(local, "sheet") != 0)
			continue;
		s.name = book_attr(r, "name");
		s.rid = book_attr(r, "id");
		state = book_attr(r, "state");
		s.hidden = state == NULL ? 0 : strcmp(state, "hidden") == 0 ? 1 :
		    strcmp(state, "veryHidden") == 0 ? 2 : 0;
		g_free(state);
		g_array_append_val(sheets, s);
	}
	if (r != NULL)
		xmlFreeTextReader(r);
	return sheets;
}

/* The shared strings part: every <si> as one string (runs joined). */
static void
book_sst(struct office_book *b, const char *data, size_t len)
{
	xmlTextReaderPtr r = book_reader(data, len);
	struct book_str cur = { 0, 0 };
	int in_si = 0;

	b->sst = g_string_new(NULL);
	b->sst_at = g_array_new(FALSE, FALSE, sizeof(struct book_str));
	while (r != NULL && xmlTextReaderRead(r) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *local = (const char *)xmlTextReaderConstLocalName(r);
		const char *v;

		if ((type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT) &&
		    local != NULL && strcmp(local, "si") == 0) {
			if (type == XML_READER_TYPE_ELEMENT) {
				cur.off = b->sst->len;
				in_si = 1;
			}
			if (type == XML_READER_TYPE_END_ELEMENT ||
			    xmlTextReaderIsEmptyElement(r)) {
				cur.len = b->sst->len - cur.off;
				g_array_append_val(b->sst_at, cur);
				in_si = 0;
			}
		} else if (in_si && (type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_CDATA ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
		    (v = (const char *)xmlTextReaderConstValue(r)) != NULL) {
			g_string_append(b->sst, v);
		}
	}
	if (r != NULL)
		xmlFreeTextReader(r);
	b->shown = g_malloc0(b->sst_at->len > 0 ? b->sst_at->len : 1);
	b->on_sheet = g_new0(guint32, b->sst_at->len > 0 ? b->sst_at->len : 1);
	b->repeat_left = b->again_left = MAX(b->sst->len, BOOK_REPEAT_FLOOR);
}

/* The name (label) and our words (detail) for sheet pos, or one of its comments. */
static struct book_part *
book_part_new(const struct office_book *b, unsigned pos, const struct book_sheet *s,
	const char *kind)
{
	static const char *const state[] = { "", " (hidden)", " (very hidden)" };
	struct book_part *bp = g_new0(struct book_part, 1);
	char *label = g_strdup_printf("sheet %u \"%s\"%s%s", pos,
	    s != NULL && s->name != NULL ? s->name : "", state[s != NULL ? s->hidden : 0],
	    kind != NULL ? kind : "");

	bp->label = b->prefix != NULL ? g_strdup_printf("%s/%s", b->prefix, label) :
	    g_strdup(label);
	bp->detail = g_strdup_printf("%ssheet %u%s%s", b->prefix != NULL ?
	    SEAL_OFFICE_INNER : "", pos, state[s != NULL ? s->hidden : 0],
	    kind != NULL ? kind : "");
	g_free(label);
	return bp;
}

static char *
book_key(const struct office_book *b, const char *part)
{
	return b->prefix != NULL ? g_strdup_printf("%s/%s", b->prefix, part) :
	    g_strdup(part);
}

/* A sheet's comment parts, from its own relationships. */
static seal_office_status
book_comments(struct office_run *run, struct office_book *b, office_part_fn part,
	void *zctx, const char *sheet, unsigned pos, const struct book_sheet *s)
{
	static const char *const types[] = { "/comments", "/threadedComment", NULL };
	char *rels = book_rels_name(sheet), *dir = book_dir(sheet);
	const char *data;
	size_t len;
	seal_office_status rc = part(run, zctx, rels, &data, &len);
	GHashTable *t;
	GHashTableIter it;
	gpointer target;

	if (rc == SEAL_OFFICE_OK && data != NULL) {
		t = book_rels(data, len, dir, types, NULL);
		g_hash_table_iter_init(&it, t);
		while (g_hash_table_iter_next(&it, NULL, &target))
			g_hash_table_replace(b->parts, book_key(b, target),
			    book_part_new(b, pos, s, ", comment"));
		g_hash_table_destroy(t);
	}
	g_free(rels);
	g_free(dir);
	return rc;
}

/* The workbook's relationships: its sheets (by Id) and its shared strings. */
static seal_office_status
book_map(struct office_run *run, struct office_book *b, office_part_fn part, void *zctx,
	const char *wb, GArray *sheets)
{
	static const char *const types[] = { "/worksheet", "/chartsheet", "/dialogsheet",
		"/macrosheet", "/sharedStrings", NULL };
	GHashTable *kinds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char *rels = book_rels_name(wb), *dir = book_dir(wb);
	const char *data;
	size_t len;
	seal_office_status rc = part(run, zctx, rels, &data, &len);
	GHashTable *t = book_rels(rc == SEAL_OFFICE_OK ? data : NULL, len, dir, types, kinds);
	GHashTableIter it;
	gpointer id, target;

	g_hash_table_iter_init(&it, t);
	while (rc == SEAL_OFFICE_OK && g_hash_table_iter_next(&it, &id, &target))
		if (GPOINTER_TO_INT(g_hash_table_lookup(kinds, id)) == 5 &&
		    b->sst_name == NULL)
			b->sst_name = g_strdup(target);
	for (guint i = 0; rc == SEAL_OFFICE_OK && i < sheets->len; i++) {
		const struct book_sheet *s = &g_array_index(sheets, struct book_sheet, i);
		const char *sheet = s->rid != NULL ? g_hash_table_lookup(t, s->rid) : NULL;

		if (sheet == NULL || g_hash_table_lookup(kinds, s->rid) == GINT_TO_POINTER(5))
			continue;
		g_hash_table_replace(b->parts, book_key(b, sheet),
		    book_part_new(b, i + 1, s, NULL));
		rc = book_comments(run, b, part, zctx, sheet, i + 1, s);
	}
	if (rc == SEAL_OFFICE_OK && b->sst_name != NULL) {
		rc = part(run, zctx, b->sst_name, &data, &len);
		if (rc == SEAL_OFFICE_OK && data != NULL)
			book_sst(b, data, len);
	}
	if (b->sst_name != NULL) {
		char *key = book_key(b, b->sst_name);

		g_free(b->sst_name);
		b->sst_name = key;
	}
	g_hash_table_destroy(t);
	g_hash_table_destroy(kinds);
	g_free(rels);
	g_free(dir);
	return rc;
}

struct office_book *
office_book_open(struct office_run *run, const char *prefix, office_part_fn part,
	void *zctx, seal_office_status *rc)
{
	static const char *const main_types[] = { "/officeDocument", NULL };
	struct office_book *b = NULL;
	GHashTable *top;
	GArray *sheets = NULL;
	const char *data, *wb = NULL;
	size_t len;

	*rc = part(run, zctx, "_rels/.rels", &data, &len);
	if (*rc != SEAL_OFFICE_OK || data == NULL)
		return NULL;
	top = book_rels(data, len, "", main_types, NULL);
	if (g_hash_table_size(top) > 0) {
		GHashTableIter it;
		gpointer target;

		g_hash_table_iter_init(&it, top);
		if (g_hash_table_iter_next(&it, NULL, &target))
			wb = target;
	}
	if (wb != NULL && (*rc = part(run, zctx, wb, &data, &len)) == SEAL_OFFICE_OK &&
	    data != NULL)
		sheets = book_sheets(data, len);
	if (sheets != NULL) {
		b = g_new0(struct office_book, 1);
		b->prefix = prefix;
		b->parts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		    book_part_free);
		*rc = book_map(run, b, part, zctx, wb, sheets);
		g_array_free(sheets, TRUE);
	}
	g_hash_table_destroy(top);
	return b;
}

struct office_book *
office_book_free(struct office_book *b)
{
	if (b == NULL)
		return NULL;
	g_hash_table_destroy(b->parts);
	g_free(b->sst_name);
	if (b->sst != NULL) {
		memset(b->sst->str, 0, b->sst->len);
		g_string_free(b->sst, TRUE);
		g_array_free(b->sst_at, TRUE);
	}
	g_free(b->shown);
	g_free(b->on_sheet);
	g_free(b);
	return NULL;
}

/* A cell's shared string in its sheet's text (bounded repeats, see above). */
static void
book_shared(void *ctx, const char *idx, GString *out)
{
	struct office_book *b = ctx;
	const struct book_str *s;
	char *end;
	guint64 i;

	if (b->sst == NULL)
		return;
	while (g_ascii_isspace(*idx))
		idx++;
	i = g_ascii_strtoull(idx, &end, 10);
	if (end == idx || i >= b->sst_at->len)
		return;
	s = &g_array_index(b->sst_at, struct book_str, i);
	if (b->shown[i]) {
		size_t *left = b->on_sheet[i] == b->sheet ? &b->repeat_left :
		    &b->again_left;

		if (s->len > *left)
			return;
		*left -= s->len;
	}
	b->shown[i] = 1;
	b->on_sheet[i] = b->sheet;
	g_string_append_len(out, b->sst->str + s->off, (gssize)s->len);
}

int
office_book_is_sst(const struct office_book *b, const char *name)
{
	return b != NULL && b->sst_name != NULL && strcmp(b->sst_name, name) == 0;
}

seal_office_status
office_book_part(struct office_run *run, const char *name, const char *data,
	size_t len, int *taken)
{
	struct office_book *b = run->book;
	const struct book_part *bp;
	struct office_xml_hooks h = { book_shared, NULL, b };
	seal_office_status rc;
	char safe[64];
	GString *s;

	*taken = 0;
	if (b == NULL)
		return SEAL_OFFICE_OK;
	if (office_book_is_sst(b, name)) {
		*taken = 1;            /* read at the end: office_book_rest */
		return SEAL_OFFICE_OK;
	}
	if ((bp = g_hash_table_lookup(b->parts, name)) == NULL)
		return SEAL_OFFICE_OK;
	*taken = 1;
	b->sheet++;
	s = g_string_new(NULL);
	if (office_xml_text_with(data, len, s, &h) != 0) {
		office_safe_name(name, safe, sizeof(safe));
		rc = office_unscannable(run, "damaged document (%s)", safe);
	} else
		rc = office_emit_at(run, bp->label, bp->detail, s->str, s->len);
	memset(s->str, 0, s->len);
	g_string_free(s, TRUE);
	return rc;
}

seal_office_status
office_book_rest(struct office_run *run)
{
	struct office_book *b = run->book;
	GString *s;
	seal_office_status rc;

	if (b == NULL || b->sst == NULL)
		return SEAL_OFFICE_OK;
	s = g_string_new(NULL);
	for (guint i = 0; i < b->sst_at->len; i++) {
		const struct book_str *t = &g_array_index(b->sst_at, struct book_str, i);

		if (b->shown[i])
			continue;
		g_string_append_len(s, b->sst->str + t->off, (gssize)t->len);
		g_string_append_c(s, '\t');
	}
	rc = office_emit(run, b->sst_name, s->str, s->len);
	memset(s->str, 0, s->len);
	g_string_free(s, TRUE);
	return rc;
}

/* An ODS content.xml being read: its tables handed over one by one. */
struct book_ods {
	struct office_run *run;
	const char *name;       /* the part (with its archive path) */
	char *dir;              /* the archive path with '/', or "" */
	unsigned tables;        /* tables met */
	char *label, *detail;   /* of the table being read */
	seal_office_status rc;
};

static int
book_ods_table(void *ctx, const char *name, int hidden, GString *out)
{
	struct book_ods *o = ctx;

	o->rc = office_emit_at(o->run, o->label != NULL ? o->label : o->name, o->detail,
	    out->str, out->len);
	memset(out->str, 0, out->len);
	g_string_truncate(out, 0);
	g_free(o->label);
	g_free(o->detail);
	o->label = o->detail = NULL;
	if (name != NULL) {
		o->tables++;
		o->label = g_strdup_printf("%ssheet %u \"%s\"%s", o->dir, o->tables, name,
		    hidden ? " (hidden)" : "");
		o->detail = g_strdup_printf("%ssheet %u%s", o->dir[0] != '\0' ?
		    SEAL_OFFICE_INNER : "", o->tables, hidden ? " (hidden)" : "");
	}
	return o->rc == SEAL_OFFICE_OK ? 0 : -1;
}

seal_office_status
office_book_ods(struct office_run *run, const char *name, const char *safe,
	const char *data, size_t len)
{
	const char *slash = strrchr(name, '/');
	struct book_ods o = { run, name, NULL, 0, NULL, NULL, SEAL_OFFICE_OK };
	struct office_xml_hooks h = { NULL, book_ods_table, &o };
	GString *s = g_string_new(NULL);
	int ret;

	o.dir = slash != NULL ? g_strndup(name, (gsize)(slash - name + 1)) : g_strdup("");
	ret = office_xml_text_with(data, len, s, &h);
	if (ret == -1)
		o.rc = office_unscannable(run, "damaged document (%s)", safe);
	else if (ret == 0)
		o.rc = office_emit_at(run, o.label != NULL ? o.label : name, o.detail,
		    s->str, s->len);
	memset(s->str, 0, s->len);
	g_string_free(s, TRUE);
	g_free(o.dir);
	g_free(o.label);
	g_free(o.detail);
	return o.rc;
}
