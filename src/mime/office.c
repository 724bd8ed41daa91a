/*
 * office.c - the zip layer of the office reader (office.h): finds the zip
 * (at byte 0 or after a prefix), opens it with libzip, reads every entry
 * within the bomb limits and hands its bytes to office_content
 * (office_sniff.c), which decides by content what the entry is.
 *
 * Choices worth knowing:
 * - Recognition: the zip signature at byte 0 ("PK\3\4" or "PK\5\6"), or
 *   an end-of-central-directory record in the last 64 KiB + 22 bytes whose
 *   central directory offset and size point at a "PK\1\2" record: that is
 *   how a self-extracting archive (a stub program with a zip appended) or a
 *   zip with junk before it is read, whether its offsets count from the
 *   zip (cat stub zip) or from the file start (zip -A). Data that is
 *   recognised as a zip and that libzip cannot open is UNSCANNABLE
 *   ("damaged archive"): a truncated .docx must not pass as uninspected.
 * - Every entry is read (images too, for the sniff: they are then skipped),
 *   except directories; which entries hold text is office_sniff.c's job.
 * - Bomb limits (office.h): an encrypted entry anywhere, more entries than
 *   max_entries in all (nested archives included), more uncompressed bytes
 *   read than max_total, a read entry above 64 KiB whose actual or declared
 *   size exceeds max_ratio times its compressed size, or nesting deeper
 *   than max_depth: UNSCANNABLE. Declared sizes are never trusted for
 *   memory: reads are bounded loops.
 * - Reasons never hold entry names verbatim (a name can hold a number):
 *   digit runs of 5 or more are replaced by X.
 */
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <zip.h>

#include "err.h"
#include "office.h"
#include "office_internal.h"

#define OFFICE_CHUNK 65536
#define OFFICE_RATIO_FLOOR ((uint64_t)64 * 1024)

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
	l->budget = NULL;      /* the walk sets the message's */
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
	const char *spent;

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
		if ((spent = seal_archive_budget_charge(run->lim, (uint64_t)n, 0)) != NULL) {
			rc = office_unscannable(run, "%s", spent);
			break;
		}
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

/*
 * Entries read ahead of their turn (a workbook's parts, office_book.c):
 * index -> bytes, handed to the sniff when the loop comes to them, so that
 * every entry is read and charged to the limits once.
 */
struct office_zip {
	zip_t *za;
	GHashTable *kept;
};

static void
office_buf_free(gpointer p)
{
	GByteArray *buf = p;

	if (buf->len > 0)
		memset(buf->data, 0, buf->len);
	g_byte_array_free(buf, TRUE);
}

/* The bomb checks on an entry's directory record; OK, or a reason. */
static seal_office_status
office_entry_check(struct office_run *run, const zip_stat_t *st, const char *safe)
{
	(void)safe;
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st->encryption_method != ZIP_EM_NONE)
		return office_unscannable(run, "encrypted archive entry");
	if ((st->valid & ZIP_STAT_SIZE) && (st->valid & ZIP_STAT_COMP_SIZE) &&
	    ((st->comp_size == 0 && st->size > 0) ||
	    (st->size > OFFICE_RATIO_FLOOR &&
	    st->size / st->comp_size > run->lim->max_ratio)))
		return office_unscannable(run, "archive compression ratio above %u",
		    run->lim->max_ratio);
	return SEAL_OFFICE_OK;
}

/* office_part_fn: a part of the package by name, read ahead and kept. */
static seal_office_status
office_part(struct office_run *run, void *zctx, const char *part, const char **data,
	size_t *len)
{
	struct office_zip *z = zctx;
	zip_int64_t idx = zip_name_locate(z->za, part, 0);
	GByteArray *buf;
	zip_stat_t st;
	char safe[64];
	seal_office_status rc;

	*data = NULL;
	*len = 0;
	if (idx < 0)
		return SEAL_OFFICE_OK;
	buf = g_hash_table_lookup(z->kept, GINT_TO_POINTER((gint)idx));
	if (buf == NULL) {
		zip_stat_init(&st);
		if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0)
			return office_unscannable(run, "damaged archive directory");
		office_safe_name(part, safe, sizeof(safe));
		if ((rc = office_entry_check(run, &st, safe)) != SEAL_OFFICE_OK)
			return rc;
		rc = office_read_entry(run, z->za, (zip_uint64_t)idx, &st, safe, &buf);
		if (rc != SEAL_OFFICE_OK) {
			if (buf != NULL)
				office_buf_free(buf);
			if (rc == SEAL_OFFICE_ERROR)
				seal_err_set(run->err, SEAL_ERR_NOMEM,
				    "out of memory reading an archive");
			return rc;
		}
		g_hash_table_insert(z->kept, GINT_TO_POINTER((gint)idx), buf);
	}
	*data = buf->len > 0 ? (const char *)buf->data : "";
	*len = buf->len;
	return SEAL_OFFICE_OK;
}

/* One entry: bomb checks, then read it and hand its bytes to the sniff. */
static seal_office_status
office_entry_do(struct office_run *run, struct office_zip *z, zip_uint64_t idx,
	office_pkg pkg, const char *prefix, unsigned depth)
{
	zip_t *za = z->za;
	zip_stat_t st;
	GByteArray *buf;
	char safe[64], *name;
	size_t nlen;
	seal_office_status rc;

	zip_stat_init(&st);
	if (zip_stat_index(za, idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
		return office_unscannable(run, "damaged archive directory");
	office_safe_name(st.name, safe, sizeof(safe));
	if (idx <= (zip_uint64_t)G_MAXINT &&
	    g_hash_table_steal_extended(z->kept, GINT_TO_POINTER((gint)idx), NULL,
	    (gpointer *)&buf)) {
		rc = SEAL_OFFICE_OK;
		goto content;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE)
		return office_unscannable(run, "encrypted archive entry");
	nlen = strlen(st.name);
	if (nlen > 0 && st.name[nlen - 1] == '/' &&
	    (!(st.valid & ZIP_STAT_SIZE) || st.size == 0))
		return SEAL_OFFICE_OK;          /* a directory */
	if ((rc = office_entry_check(run, &st, safe)) != SEAL_OFFICE_OK)
		return rc;
	rc = office_read_entry(run, za, idx, &st, safe, &buf);
	if (rc == SEAL_OFFICE_ERROR)
		seal_err_set(run->err, SEAL_ERR_NOMEM, "out of memory reading an archive");
content:
	/* buf is set whenever rc is OK; said again for the analysers, which cannot
	 * see that office_unscannable() (another file) never returns OK. */
	if (rc == SEAL_OFFICE_OK && buf != NULL) {
		name = prefix != NULL ? g_strdup_printf("%s/%s", prefix, st.name) :
		    g_strdup(st.name);
		rc = office_content(run, name, safe,
		    buf->len > 0 ? (const char *)buf->data : "", buf->len, pkg, depth);
		g_free(name);
	}
	if (buf != NULL)
		office_buf_free(buf);
	return rc;
}

static seal_office_status
office_archive(struct office_run *run, const char *data, size_t len,
	const char *prefix, unsigned depth)
{
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t n;
	seal_office_status rc = SEAL_OFFICE_OK;
	office_pkg pkg;
	size_t start;
	int found;
	struct office_zip z;
	struct office_book *outer;

	start = office_zip_start(data, len, &found);
	if (!found)
		return SEAL_OFFICE_NOT_OFFICE;
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data + start, len - start, 0, &zerr);
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
	{
		const char *spent = seal_archive_budget_charge(run->lim, 0, (unsigned)n);

		if (spent != NULL) {
			zip_discard(za);
			return office_unscannable(run, "%s", spent);
		}
	}
	pkg = zip_name_locate(za, "[Content_Types].xml", 0) >= 0 ? OFFICE_PKG_OOXML :
	    zip_name_locate(za, "mimetype", 0) >= 0 ? OFFICE_PKG_ODF : OFFICE_PKG_ZIP;
	z.za = za;
	z.kept = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    office_buf_free);
	outer = run->book;
	run->book = NULL;
	if (pkg == OFFICE_PKG_OOXML)
		run->book = office_book_open(run, prefix, office_part, &z, &rc);
	for (zip_int64_t i = 0; i < n && rc == SEAL_OFFICE_OK; i++)
		rc = office_entry_do(run, &z, (zip_uint64_t)i, pkg, prefix, depth);
	if (rc == SEAL_OFFICE_OK)
		rc = office_book_rest(run);
	run->book = office_book_free(run->book);
	run->book = outer;
	g_hash_table_destroy(z.kept);
	zip_discard(za);
	return rc;
}

seal_office_status
seal_office_extract(const char *data, size_t len,
	const seal_office_limits *limits, const seal_office_hooks *hooks,
	unsigned *uninspected, char *reason, size_t reason_size, seal_err *err)
{
	seal_office_limits def;
	struct office_run run;
	unsigned ignored = 0;

	if (reason != NULL && reason_size > 0)
		reason[0] = '\0';
	if (limits == NULL) {
		seal_office_limits_default(&def);
		limits = &def;
	}
	seal_office_init();
	memset(&run, 0, sizeof(run));
	run.lim = limits;
	run.hooks = hooks;
	/* with a binary hook nothing is counted: a NULL counter is allowed */
	run.uninspected = uninspected != NULL ? uninspected : &ignored;
	run.reason = reason;
	run.reason_size = reason_size;
	run.err = err;
	run.archive = office_archive;
	return office_archive(&run, data, len, NULL, 0);
}
