/*
 * ole2read.c - a Compound File opened with libgsf and read by the kind of
 * each storage (ole2read.h): Word, Excel, PowerPoint, Outlook item.
 *
 * Choices worth knowing:
 * - The kind comes from the streams a storage holds, never from a name.
 * - An OOXML document saved with a password is a compound file holding
 *   EncryptionInfo/EncryptedPackage: unscannable, like an encrypted .doc
 *   (FIB flag), .xls (FILEPASS) or .ppt (EncryptedSummary).
 * - Document properties (SummaryInformation, DocumentSummaryInformation:
 *   title, subject, author, keywords, comments, company, custom
 *   properties) are shown by every Office program: their string values
 *   are read ("properties").
 * - Embedded objects of a Word or Excel file (the storages under
 *   ObjectPool, and MBD* storages) are read as storages of their own one
 *   level deeper; their "Package" stream (an embedded OOXML file) and
 *   "CONTENTS" stream go to the file hook.
 * - Known limit of libgsf 1.14.50 (found by tests/fuzz/fuzz_ole2.c): on
 *   some malformed directories gsf_infile_msole_new leaks a directory
 *   entry (under 200 bytes per file); no crash or overread was found in
 *   400,000 runs. Its notes on damaged files are kept out of the log.
 */
#include <string.h>

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-utils.h>

#include "extract.h"
#include "ole2read_internal.h"
#include "xls.h"

/* libgsf's notes on a damaged file name its streams: not for the log. */
static void
ole2_quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer unused)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)unused;
}

static gpointer
ole2_init_once(gpointer unused)
{
	(void)unused;
	gsf_init();
	g_log_set_handler("libgsf:msole", G_LOG_LEVEL_MASK, ole2_quiet, NULL);
	return NULL;
}

static int
has_child(GsfInfile *in, const char *name)
{
	return ole2_has(in, name);
}

/* An Outlook item: property streams or the property table at its top. */
static int
is_msg(GsfInfile *in)
{
	int n = gsf_infile_num_children(in);

	if (has_child(in, "__properties_version1.0"))
		return 1;
	for (int i = 0; i < n; i++) {
		const char *cn = gsf_infile_name_by_index(in, i);

		if (cn != NULL && g_str_has_prefix(cn, "__substg1.0_"))
			return 1;
	}
	return 0;
}

struct ole2_sheets {
	struct ole2_run *run;
	const char *prefix;
	seal_ole2_read_status st;
};

static int
ole2_sheet_text(void *ctx, const char *label, const char *detail, const char *text,
	size_t len)
{
	struct ole2_sheets *x = ctx;

	x->st = ole2_emit_at(x->run, x->prefix, label, detail, text, len);
	return x->st != SEAL_OLE2_READ_OK;
}

/* The workbook's text and numeric cells, sheet by sheet (xls.h). */
static seal_ole2_read_status
ole2_xls(struct ole2_run *run, GsfInfile *in, const char *prefix)
{
	GByteArray *wb = NULL;
	seal_ole2_read_status st = ole2_read_child(run, in, "Workbook", &wb);
	struct ole2_sheets x = { run, prefix, SEAL_OLE2_READ_OK };

	if (st == SEAL_OLE2_READ_OK && wb == NULL)
		st = ole2_read_child(run, in, "Book", &wb);
	if (st != SEAL_OLE2_READ_OK || wb == NULL)
		return st;
	switch (seal_xls_book(wb->data, wb->len, ole2_sheet_text, &x)) {
	case -1:
		st = ole2_unscannable(run, "Excel workbook is password-protected");
		break;
	case -2:
		st = x.st;
		break;
	default:
		break;
	}
	ole2_wipe(wb);
	return st;
}

/*
 * The string properties of one property set stream ([MS-OLEPS] 2.21):
 * a header, the sections it lists (FMTID and offset), each a size, a
 * count and (id, offset) pairs; a VT_LPSTR (0x1E, 8-bit: UTF-8 when valid,
 * else Windows-1252) or VT_LPWSTR (0x1F, UTF-16LE) value is appended.
 * Read here, bounded by the stream, rather than by libgsf's property
 * reader, which leaks and asserts on damaged sets. Names (the dictionary)
 * are skipped: the values are what a reader sees.
 */
static void
prop_set(const uint8_t *p, size_t n, GString *out)
{
	uint32_t nsets;

	if (n < 28)
		return;
	nsets = ole2_le32(p + 24);
	for (uint32_t k = 0; k < nsets && k < 2 && 28 + 20 * (size_t)(k + 1) <= n; k++) {
		size_t sec = ole2_le32(p + 28 + 20 * (size_t)k + 16), slen, cnt;

		if (sec > n || n - sec < 8)
			continue;
		slen = MIN((size_t)ole2_le32(p + sec), n - sec);
		cnt = ole2_le32(p + sec + 4);
		for (size_t i = 0; i < cnt && 8 + 8 * (i + 1) <= slen; i++) {
			size_t off = ole2_le32(p + sec + 8 + 8 * i + 4), len;
			const uint8_t *v;
			uint16_t vt;

			if (off > slen || slen - off < 8)
				continue;
			v = p + sec + off;
			vt = ole2_le16(v);
			len = ole2_le32(v + 4);
			if (vt == 0x1E && len <= slen - off - 8) {
				size_t ul = 0;
				char *u = seal_extract_to_utf8((const char *)v + 8, len, NULL, &ul);

				g_string_append_len(out, u, (gssize)strnlen(u, ul));
				g_string_append_c(out, '\n');
				g_free(u);
			} else if (vt == 0x1F && len <= (slen - off - 8) / 2) {
				ole2_utf16(out, v + 8, 2 * len);
				g_string_append_c(out, '\n');
			}
		}
	}
}

/* String values of the two property set streams, as "properties". */
static seal_ole2_read_status
ole2_props(struct ole2_run *run, GsfInfile *in, const char *prefix)
{
	static const char *const sets[] = { "\005SummaryInformation",
		"\005DocumentSummaryInformation" };
	GString *s = g_string_new(NULL);
	seal_ole2_read_status st = SEAL_OLE2_READ_OK;

	for (size_t i = 0; i < G_N_ELEMENTS(sets) && st == SEAL_OLE2_READ_OK; i++) {
		GByteArray *b = NULL;

		st = ole2_read_child(run, in, sets[i], &b);
		if (b != NULL)
			prop_set(b->data, b->len, s);
		ole2_wipe(b);
	}
	if (st == SEAL_OLE2_READ_OK)
		st = ole2_emit(run, prefix, "properties", s->str, s->len);
	if (s->len > 0)
		memset(s->str, 0, s->len);
	g_string_free(s, TRUE);
	return st;
}

static seal_ole2_read_status ole2_storage(struct ole2_run *run, GsfInfile *in,
	const char *prefix, unsigned depth);

/* One embedded object storage: by kind, else its package bytes to the file hook. */
static seal_ole2_read_status
ole2_object(struct ole2_run *run, GsfInfile *obj, const char *label, unsigned depth)
{
	static const char *const files[] = { "Package", "CONTENTS" };
	seal_ole2_read_status st = ole2_storage(run, obj, label, depth);

	for (size_t i = 0; i < G_N_ELEMENTS(files) && st == SEAL_OLE2_READ_OTHER; i++) {
		GByteArray *b = NULL;

		st = ole2_read_child(run, obj, files[i], &b);
		if (st == SEAL_OLE2_READ_OK && b == NULL)
			st = SEAL_OLE2_READ_OTHER;
		else if (st == SEAL_OLE2_READ_OK && b->len > 0 && run->hooks->file != NULL &&
		    run->hooks->file(run->hooks->ctx, label, b->data, b->len, run->err) != SEAL_OK)
			st = SEAL_OLE2_READ_ERROR;
		ole2_wipe(b);
	}
	/* a picture, a chart: its text (if any) is beyond this reader */
	return st == SEAL_OLE2_READ_OTHER ? SEAL_OLE2_READ_OK : st;
}

/* The embedded objects of a Word (ObjectPool) or Excel (MBD*) document. */
static seal_ole2_read_status
ole2_objects(struct ole2_run *run, GsfInfile *in, const char *prefix, unsigned depth)
{
	int damaged = 0;
	GsfInput *pool = ole2_child(in, "ObjectPool", &damaged);
	GsfInfile *where = pool != NULL && GSF_IS_INFILE(pool) ? GSF_INFILE(pool) : in;
	int n = gsf_infile_num_children(where);
	seal_ole2_read_status st = SEAL_OLE2_READ_OK;
	unsigned k = 0;

	for (int i = 0; i < n && st == SEAL_OLE2_READ_OK; i++) {
		const char *cn = gsf_infile_name_by_index(where, i);
		GsfInput *c;
		char *label;

		if (cn == NULL || (where == in && !g_str_has_prefix(cn, "MBD")))
			continue;
		c = ole2_child_at(where, i, &damaged);
		if (c != NULL && GSF_IS_INFILE(c) && gsf_infile_num_children(GSF_INFILE(c)) > 0) {
			label = prefix != NULL ? g_strdup_printf("%s/object %u", prefix, ++k) :
			    g_strdup_printf("object %u", ++k);
			st = depth + 1 > SEAL_OLE2_MAX_DEPTH ?
			    ole2_unscannable(run, "embedded objects nested deeper than %u",
			    SEAL_OLE2_MAX_DEPTH) : ole2_object(run, GSF_INFILE(c), label, depth + 1);
			g_free(label);
		}
		if (c != NULL)
			g_object_unref(c);
	}
	if (pool != NULL)
		g_object_unref(pool);
	if (st == SEAL_OLE2_READ_OK && damaged)
		st = ole2_unscannable(run, "damaged embedded object");
	return st;
}

static seal_ole2_read_status
ole2_storage(struct ole2_run *run, GsfInfile *in, const char *prefix, unsigned depth)
{
	seal_ole2_read_status st;

	if (has_child(in, "EncryptionInfo") || has_child(in, "EncryptedPackage"))
		return ole2_unscannable(run, "Office document is password-protected");
	if (has_child(in, "WordDocument"))
		st = ole2_word(run, in, prefix);
	else if (has_child(in, "Workbook") || has_child(in, "Book"))
		st = ole2_xls(run, in, prefix);
	else if (has_child(in, "PowerPoint Document"))
		st = ole2_ppt(run, in, prefix);
	else if (is_msg(in))
		return ole2_msg(run, in, prefix, depth);
	else
		return SEAL_OLE2_READ_OTHER;
	if (st == SEAL_OLE2_READ_OK)
		st = ole2_props(run, in, prefix);
	if (st == SEAL_OLE2_READ_OK)
		st = ole2_objects(run, in, prefix, depth);
	if (st == SEAL_OLE2_READ_OK)
		st = ole2_pictures(run, in, prefix);
	return st;
}

seal_ole2_read_status
seal_ole2_read(const uint8_t *data, size_t len, const seal_ole2_hooks *hooks,
	char *reason, size_t reason_size, seal_err *err)
{
	static GOnce once = G_ONCE_INIT;
	struct ole2_run run;
	GsfInput *mem;
	GsfInfile *in;
	seal_ole2_read_status st;

	if (reason != NULL && reason_size > 0)
		reason[0] = '\0';
	g_once(&once, ole2_init_once, NULL);
	memset(&run, 0, sizeof(run));
	run.hooks = hooks;
	run.max_stream = len;
	/* the text, then the pictures, read the larger streams twice */
	run.budget = 4 * (uint64_t)len + 65536;
	run.reason = reason;
	run.reason_size = reason_size;
	run.err = err;
	run.storage = ole2_storage;
	mem = gsf_input_memory_new(data, (gsf_off_t)len, FALSE);
	if (mem == NULL) {
		seal_err_set(err, SEAL_ERR_NOMEM, "out of memory opening a compound document");
		return SEAL_OLE2_READ_ERROR;
	}
	in = gsf_infile_msole_new(mem, NULL);
	g_object_unref(mem);
	if (in == NULL)
		return ole2_unscannable(&run, "compound document could not be read");
	st = ole2_storage(&run, in, NULL, 0);
	g_object_unref(in);
	return st;
}
