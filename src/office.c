/*
 * office.c - text out of office documents and zip archives (office.h):
 * libzip opens the archive, libxml2's reader turns the document XML into
 * text, and every text stream goes to the caller's callback.
 *
 * Choices worth knowing:
 * - Recognition: the zip signature decides ("PK\3\4" or "PK\5\6"); without
 *   it the data is NOT_OFFICE (nothing read). Data with the signature that
 *   libzip cannot open is UNSCANNABLE ("damaged archive"): a truncated
 *   .docx must not pass as merely "uninspected".
 * - Which entries: with [Content_Types].xml (OOXML) or "mimetype" (ODF)
 *   the known text-bearing parts are parsed as XML; in any zip, entries
 *   named *.txt/.csv/.tsv/.md/.json are text (UTF-8, else Windows-1252),
 *   *.html/.htm/.xml are markup (seal_html_to_text), and *.zip and office
 *   extensions are opened recursively. Everything else (images...) is
 *   skipped unread.
 * - Any XML error in a text-bearing document part makes the whole thing
 *   UNSCANNABLE ("damaged document (ENTRY)"): what a word processor
 *   recovers from a damaged file cannot be predicted, so a partial read is
 *   no proof that nothing is there.
 * - Excel stores a number typed into a cell as a number: <v>405050807</v>
 *   for 040605-0807 (the leading zero is lost). The value goes over as it
 *   is, and a 9-digit integer value is followed by its zero-padded 10-digit
 *   form on a line of its own, so a CPR with a day below 10 is still found.
 * - Bomb limits (office.h): an encrypted entry anywhere, more entries than
 *   max_entries in all (nested archives included), more uncompressed bytes
 *   read than max_total, a read entry above 64 KiB whose actual or declared
 *   size exceeds max_ratio times its compressed size, or nesting deeper
 *   than max_depth: UNSCANNABLE. Declared sizes are never trusted for
 *   memory: reads are bounded loops.
 * - Reasons never hold entry names verbatim (a name can hold a number):
 *   digit runs of 5 or more are replaced by X.
 */
#include <stdarg.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "err.h"
#include "extract.h"
#include "html.h"
#include "office.h"

#define OFFICE_CHUNK 65536
#define OFFICE_RATIO_FLOOR ((uint64_t)64 * 1024)
#define OFFICE_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | \
	XML_PARSE_NOWARNING | XML_PARSE_COMPACT)

typedef enum office_entry {
	OFFICE_SKIP = 0,
	OFFICE_XML,        /* document XML, body text */
	OFFICE_XML_META,   /* document properties: every element its own paragraph */
	OFFICE_TEXT,
	OFFICE_MARKUP,
	OFFICE_NESTED
} office_entry;

struct office_run {
	const seal_office_limits *lim;
	seal_office_text_fn fn;
	void *ctx;
	char *reason;
	size_t reason_size;
	seal_err *err;
	uint64_t total;        /* uncompressed bytes read so far */
	unsigned entries;      /* archive entries seen so far */
};

static const char *const office_ooxml_parts[] = {
	"word/document.xml", "word/header*.xml", "word/footer*.xml",
	"word/footnotes.xml", "word/endnotes.xml", "word/comments.xml",
	"xl/sharedStrings.xml", "xl/worksheets/sheet*.xml",
	"ppt/slides/slide*.xml", "ppt/notesSlides/notesSlide*.xml", NULL
};

/* ODF keeps headers and footers in styles.xml. */
static const char *const office_odf_parts[] = {
	"content.xml", "styles.xml", NULL
};

static const char *const office_text_ext[] = {
	".txt", ".csv", ".tsv", ".md", ".json", NULL
};

static const char *const office_markup_ext[] = {
	".html", ".htm", ".xml", NULL
};

static const char *const office_nested_ext[] = {
	".zip", ".docx", ".xlsx", ".pptx", ".docm", ".xlsm", ".pptm",
	".odt", ".ods", ".odp", NULL
};

/*
 * What an element adds to the text: before its content (or for an empty
 * element) and after it. Word splits one visible string into many runs
 * (w:r/w:t), so runs and spans add nothing; a paragraph break stops a
 * number, which is right between paragraphs.
 */
static const struct office_mark {
	const char *local;
	const char *open;
	const char *close;
} office_marks[] = {
	{ "p", NULL, "\n\n" },          /* w:p, a:p, text:p */
	{ "h", NULL, "\n\n" },          /* text:h */
	{ "tab", "\t", NULL },          /* w:tab, text:tab */
	{ "br", "\n", NULL },           /* w:br, a:br */
	{ "cr", "\n", NULL },           /* w:cr */
	{ "line-break", "\n", NULL },   /* text:line-break */
	{ "noBreakHyphen", "-", NULL }, /* w:noBreakHyphen is a visible hyphen */
	{ "s", " ", NULL },             /* text:s, spaces */
	{ "tc", NULL, "\t" },           /* w:tc, a:tc */
	{ "tr", NULL, "\n" },           /* w:tr, a:tr */
	{ "table-cell", NULL, "\t" },
	{ "covered-table-cell", NULL, "\t" },
	{ "table-row", NULL, "\n" },
	{ "c", NULL, "\t" },            /* sheet cell */
	{ "f", NULL, "\t" },            /* cell formula, before the value */
	{ "si", NULL, "\t" },           /* shared string item */
	{ "row", NULL, "\n" },
	{ NULL, NULL, NULL }
};

static gpointer
office_init_once(gpointer unused)
{
	(void)unused;
	xmlInitParser();
	return NULL;
}

void
seal_office_init(void)
{
	static GOnce once = G_ONCE_INIT;

	g_once(&once, office_init_once, NULL);
}

void
seal_office_limits_default(seal_office_limits *l)
{
	l->max_total = (uint64_t)256 * 1024 * 1024;
	l->max_entries = 10000;
	l->max_depth = 3;
	l->max_ratio = 200;
}

/* An entry name fit for a reason: digit runs of 5+ become X, cut to 60. */
static void
office_safe_name(const char *name, char *out, size_t size)
{
	size_t i, o = 0, run;

	for (i = 0; name[i] != '\0' && o + 1 < size && o < 60; i++) {
		if (!g_ascii_isdigit(name[i])) {
			out[o++] = name[i];
			continue;
		}
		for (run = 0; g_ascii_isdigit(name[i + run]); run++)
			;
		for (size_t k = 0; k < run && o + 1 < size; k++)
			out[o++] = run >= 5 ? 'X' : name[i + k];
		i += run - 1;
	}
	out[o] = '\0';
}

static seal_office_status office_unscannable(struct office_run *run,
	const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static seal_office_status
office_unscannable(struct office_run *run, const char *fmt, ...)
{
	va_list ap;

	if (run->reason != NULL && run->reason_size > 0) {
		va_start(ap, fmt);
		g_vsnprintf(run->reason, run->reason_size, fmt, ap);
		va_end(ap);
	}
	return SEAL_OFFICE_UNSCANNABLE;
}

static int
office_ends_with(const char *name, const char *const *ext)
{
	size_t n = strlen(name);

	for (size_t i = 0; ext[i] != NULL; i++) {
		size_t e = strlen(ext[i]);

		if (n > e && g_ascii_strcasecmp(name + n - e, ext[i]) == 0)
			return 1;
	}
	return 0;
}

static int
office_matches(const char *name, const char *const *pats)
{
	for (size_t i = 0; pats[i] != NULL; i++)
		if (g_pattern_match_simple(pats[i], name))
			return 1;
	return 0;
}

/* doc: 1 OOXML, 2 ODF, 0 plain zip. */
static office_entry
office_classify(const char *name, int doc)
{
	if (doc == 1 && strcmp(name, "docProps/core.xml") == 0)
		return OFFICE_XML_META;
	if (doc == 2 && strcmp(name, "meta.xml") == 0)
		return OFFICE_XML_META;
	if ((doc == 1 && office_matches(name, office_ooxml_parts)) ||
	    (doc == 2 && office_matches(name, office_odf_parts)))
		return OFFICE_XML;
	if (office_ends_with(name, office_nested_ext))
		return OFFICE_NESTED;
	if (doc != 0)
		return OFFICE_SKIP;
	if (office_ends_with(name, office_text_ext))
		return OFFICE_TEXT;
	if (office_ends_with(name, office_markup_ext))
		return OFFICE_MARKUP;
	return OFFICE_SKIP;
}

static void
office_mark(GString *out, const char *local, int closing)
{
	for (size_t i = 0; office_marks[i].local != NULL; i++) {
		if (strcmp(office_marks[i].local, local) != 0)
			continue;
		if (closing && office_marks[i].close != NULL)
			g_string_append(out, office_marks[i].close);
		if (!closing && office_marks[i].open != NULL)
			g_string_append(out, office_marks[i].open);
		return;
	}
}

/* End of a sheet value: a 9-digit integer also goes over zero-padded. */
static void
office_value_end(GString *out, size_t vstart)
{
	size_t n = out->len - vstart;

	if (n != 9)
		return;
	for (size_t i = vstart; i < out->len; i++)
		if (!g_ascii_isdigit(out->str[i]))
			return;
	g_string_append(out, "\n0");
	g_string_append_len(out, out->str + vstart, 9);
	g_string_append_c(out, '\n');
}

/* XML to text; returns 0, or -1 when the XML is malformed. */
static int
office_xml_text(const char *data, size_t len, int meta, GString *out)
{
	xmlTextReaderPtr r;
	size_t vstart = 0;
	int ret;

	r = xmlReaderForMemory(data, (int)len, NULL, NULL, OFFICE_XML_OPTIONS);
	if (r == NULL)
		return -1;
	while ((ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *local = (const char *)xmlTextReaderConstLocalName(r);
		const char *value;

		if (local == NULL)
			local = "";
		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			if (strcmp(local, "v") == 0)
				vstart = out->len;
			office_mark(out, local, 0);
			if (!xmlTextReaderIsEmptyElement(r))
				break;
			/* an empty element opens and closes at once */
			/* FALLTHROUGH */
		case XML_READER_TYPE_END_ELEMENT:
			if (strcmp(local, "v") == 0)
				office_value_end(out, vstart);
			office_mark(out, local, 1);
			if (meta)
				g_string_append(out, "\n\n");
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			value = (const char *)xmlTextReaderConstValue(r);
			if (value != NULL)
				g_string_append(out, value);
			break;
		default:
			break;
		}
	}
	xmlFreeTextReader(r);
	return ret == 0 ? 0 : -1;
}

/*
 * Reads one entry into *out with a bounded loop, checking the total and
 * the compression ratio on the bytes actually read.
 */
static seal_office_status
office_read_entry(struct office_run *run, zip_t *za, zip_uint64_t idx,
	const zip_stat_t *st, const char *safe, GByteArray **out)
{
	zip_file_t *zf;
	char *chunk;
	zip_int64_t n;
	uint64_t got = 0;
	seal_office_status rc = SEAL_OFFICE_OK;

	*out = NULL;
	zf = zip_fopen_index(za, idx, 0);
	if (zf == NULL) {
		int ze = zip_error_code_zip(zip_get_error(za));

		if (ze == ZIP_ER_MEMORY)
			return SEAL_OFFICE_ERROR;
		if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_ENCRNOTSUPP ||
		    ze == ZIP_ER_WRONGPASSWD)
			return office_unscannable(run, "encrypted archive entry");
		return office_unscannable(run, "unreadable archive entry (%s)", safe);
	}
	*out = g_byte_array_new();
	chunk = g_malloc(OFFICE_CHUNK);
	while ((n = zip_fread(zf, chunk, OFFICE_CHUNK)) > 0) {
		got += (uint64_t)n;
		run->total += (uint64_t)n;
		if (run->total > run->lim->max_total) {
			rc = office_unscannable(run, "archive content larger than %llu bytes",
			    (unsigned long long)run->lim->max_total);
			break;
		}
		if (got > OFFICE_RATIO_FLOOR &&
		    got / (st->comp_size > 0 ? st->comp_size : 1) > run->lim->max_ratio) {
			rc = office_unscannable(run, "archive compression ratio above %u",
			    run->lim->max_ratio);
			break;
		}
		g_byte_array_append(*out, (guint8 *)chunk, (guint)n);
	}
	if (n < 0 && rc == SEAL_OFFICE_OK)
		rc = office_unscannable(run, "damaged archive entry (%s)", safe);
	g_free(chunk);
	zip_fclose(zf);
	return rc;
}

static seal_office_status
office_emit(struct office_run *run, const char *name, const char *text, size_t len)
{
	if (len == 0)
		return SEAL_OFFICE_OK;
	if (run->fn(run->ctx, name, text, len, run->err) != SEAL_OK)
		return SEAL_OFFICE_ERROR;
	return SEAL_OFFICE_OK;
}

static seal_office_status office_archive(struct office_run *run,
	const char *data, size_t len, const char *prefix, unsigned depth);

/* Turns one read entry into text (or recurses) and hands it over. */
static seal_office_status
office_entry_content(struct office_run *run, office_entry kind, const char *name,
	const char *safe, const GByteArray *buf, unsigned depth)
{
	const char *data = buf->len > 0 ? (const char *)buf->data : "";
	seal_office_status rc = SEAL_OFFICE_OK;
	char *utf8, *plain;
	size_t ulen;
	GString *s;

	switch (kind) {
	case OFFICE_XML:
	case OFFICE_XML_META:
		if (buf->len > (size_t)G_MAXINT)
			return office_unscannable(run, "document part too large (%s)", safe);
		s = g_string_new(NULL);
		if (office_xml_text(data, buf->len, kind == OFFICE_XML_META, s) != 0)
			rc = office_unscannable(run, "damaged document (%s)", safe);
		else
			rc = office_emit(run, name, s->str, s->len);
		g_string_free(s, TRUE);
		return rc;
	case OFFICE_TEXT:
	case OFFICE_MARKUP:
		utf8 = seal_extract_to_utf8(data, buf->len, NULL, &ulen);
		if (kind == OFFICE_MARKUP) {
			plain = seal_html_to_text(utf8, ulen, &ulen);
			g_free(utf8);
			utf8 = plain;
		}
		rc = office_emit(run, name, utf8, ulen);
		g_free(utf8);
		return rc;
	case OFFICE_NESTED:
		if (depth + 1 > run->lim->max_depth)
			return office_unscannable(run, "archives nested deeper than %u",
			    run->lim->max_depth);
		rc = office_archive(run, data, buf->len, name, depth + 1);
		/* a nested file that is no zip at all is skipped like an image */
		return rc == SEAL_OFFICE_NOT_OFFICE ? SEAL_OFFICE_OK : rc;
	case OFFICE_SKIP:
	default:
		return SEAL_OFFICE_OK;
	}
}

/* One entry: bomb checks, then read and handle it if it holds text. */
static seal_office_status
office_entry_do(struct office_run *run, zip_t *za, zip_uint64_t idx, int doc,
	const char *prefix, unsigned depth)
{
	zip_stat_t st;
	office_entry kind;
	GByteArray *buf;
	char safe[64], *name;
	seal_office_status rc;

	zip_stat_init(&st);
	if (zip_stat_index(za, idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
		return office_unscannable(run, "damaged archive directory");
	office_safe_name(st.name, safe, sizeof(safe));
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE)
		return office_unscannable(run, "encrypted archive entry");
	kind = office_classify(st.name, doc);
	if (kind == OFFICE_SKIP)
		return SEAL_OFFICE_OK;
	if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
	    ((st.comp_size == 0 && st.size > 0) ||
	    (st.size > OFFICE_RATIO_FLOOR &&
	    st.size / st.comp_size > run->lim->max_ratio)))
		return office_unscannable(run, "archive compression ratio above %u",
		    run->lim->max_ratio);
	rc = office_read_entry(run, za, idx, &st, safe, &buf);
	if (rc == SEAL_OFFICE_ERROR)
		seal_err_set(run->err, SEAL_ERR_NOMEM, "out of memory reading an archive");
	if (rc == SEAL_OFFICE_OK) {
		name = prefix != NULL ? g_strdup_printf("%s/%s", prefix, st.name) :
		    g_strdup(st.name);
		rc = office_entry_content(run, kind, name, safe, buf, depth);
		g_free(name);
	}
	if (buf != NULL) {
		if (buf->len > 0)
			memset(buf->data, 0, buf->len);
		g_byte_array_free(buf, TRUE);
	}
	return rc;
}

static int
office_has_signature(const char *data, size_t len)
{
	return len >= 4 && (memcmp(data, "PK\003\004", 4) == 0 ||
	    memcmp(data, "PK\005\006", 4) == 0);
}

/* Opens one archive (top level or nested) and handles all its entries. */
static seal_office_status
office_archive(struct office_run *run, const char *data, size_t len,
	const char *prefix, unsigned depth)
{
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t n;
	seal_office_status rc = SEAL_OFFICE_OK;
	int doc;

	if (!office_has_signature(data, len))
		return SEAL_OFFICE_NOT_OFFICE;
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (src == NULL) {
		zip_error_fini(&zerr);
		seal_err_set(run->err, SEAL_ERR_NOMEM, "out of memory opening an archive");
		return SEAL_OFFICE_ERROR;
	}
	za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (za == NULL) {
		int ze = zip_error_code_zip(&zerr);

		zip_source_free(src);
		zip_error_fini(&zerr);
		if (ze == ZIP_ER_MEMORY) {
			seal_err_set(run->err, SEAL_ERR_NOMEM, "out of memory opening an archive");
			return SEAL_OFFICE_ERROR;
		}
		return office_unscannable(run, "damaged archive");
	}
	zip_error_fini(&zerr);
	n = zip_get_num_entries(za, 0);
	if (n < 0 || (uint64_t)n > run->lim->max_entries - run->entries) {
		zip_discard(za);
		return office_unscannable(run, "more than %u archive entries",
		    run->lim->max_entries);
	}
	run->entries += (unsigned)n;
	doc = zip_name_locate(za, "[Content_Types].xml", 0) >= 0 ? 1 :
	    zip_name_locate(za, "mimetype", 0) >= 0 ? 2 : 0;
	for (zip_int64_t i = 0; i < n && rc == SEAL_OFFICE_OK; i++)
		rc = office_entry_do(run, za, (zip_uint64_t)i, doc, prefix, depth);
	zip_discard(za);
	return rc;
}

seal_office_status
seal_office_extract(const char *data, size_t len,
	const seal_office_limits *limits, seal_office_text_fn fn, void *ctx,
	char *reason, size_t reason_size, seal_err *err)
{
	seal_office_limits def;
	struct office_run run;

	if (reason != NULL && reason_size > 0)
		reason[0] = '\0';
	if (limits == NULL) {
		seal_office_limits_default(&def);
		limits = &def;
	}
	seal_office_init();
	memset(&run, 0, sizeof(run));
	run.lim = limits;
	run.fn = fn;
	run.ctx = ctx;
	run.reason = reason;
	run.reason_size = reason_size;
	run.err = err;
	return office_archive(&run, data, len, NULL, 0);
}
