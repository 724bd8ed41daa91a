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
 *   title, subject, author, keywords, comments, company...) are shown by
 *   every Office program: their string values are read ("properties").
 * - Embedded objects of a Word or Excel file (the storages under
 *   ObjectPool, and MBD* storages) are read as storages of their own one
 *   level deeper; their "Package" stream (an embedded OOXML file) and
 *   "CONTENTS" stream go to the file hook.
 */
#include <string.h>

#include <gsf/gsf-doc-meta-data.h>
#include <gsf/gsf-docprop-vector.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-msole-utils.h>
#include <gsf/gsf-utils.h>

#include "ole2read_internal.h"
#include "xls.h"

static gpointer
ole2_init_once(gpointer unused)
{
	(void)unused;
	gsf_init();
	return NULL;
}

static int
has_child(GsfInfile *in, const char *name)
{
	GsfInput *c = ole2_child(in, name);

	if (c == NULL)
		return 0;
	g_object_unref(c);
	return 1;
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

/* The workbook's text and numeric cells (xls.h). */
static seal_ole2_read_status
ole2_xls(struct ole2_run *run, GsfInfile *in, const char *prefix)
{
	GByteArray *wb = NULL;
	seal_ole2_read_status st = ole2_read_child(run, in, "Workbook", &wb);
	GString *s;

	if (st == SEAL_OLE2_READ_OK && wb == NULL)
		st = ole2_read_child(run, in, "Book", &wb);
	if (st != SEAL_OLE2_READ_OK || wb == NULL)
		return st;
	s = g_string_new(NULL);
	if (seal_xls_strings(wb->data, wb->len, s) != 0)
		st = ole2_unscannable(run, "Excel workbook is password-protected");
	else {
		seal_xls_cells(wb->data, wb->len, s);
		st = ole2_emit(run, prefix, "sheets", s->str, s->len);
	}
	if (s->len > 0)
		memset(s->str, 0, s->len);
	g_string_free(s, TRUE);
	ole2_wipe(wb);
	return st;
}

static void
prop_text(gchar const *name, GsfDocProp *prop, GString *out)
{
	GValue const *v = gsf_doc_prop_get_val(prop);

	(void)name;
	if (v != NULL && G_VALUE_HOLDS_STRING(v) && g_value_get_string(v) != NULL) {
		g_string_append(out, g_value_get_string(v));
		g_string_append_c(out, '\n');
	}
}

/* String values of the two property set streams, as "properties". */
static seal_ole2_read_status
ole2_props(struct ole2_run *run, GsfInfile *in, const char *prefix)
{
	static const char *const sets[] = { "\005SummaryInformation",
		"\005DocumentSummaryInformation" };
	GString *s = g_string_new(NULL);
	seal_ole2_read_status st;

	for (size_t i = 0; i < G_N_ELEMENTS(sets); i++) {
		GsfInput *c = ole2_child(in, sets[i]);
		GsfDocMetaData *meta;

		if (c == NULL)
			continue;
		if (gsf_input_size(c) > 0 && (uint64_t)gsf_input_size(c) <= run->max_stream) {
			meta = gsf_doc_meta_data_new();
			GError *e = gsf_doc_meta_data_read_from_msole(meta, c);

			/* a damaged property set hides nothing the document shows */
			if (e != NULL)
				g_error_free(e);
			gsf_doc_meta_data_foreach(meta, (GHFunc)prop_text, s);
			g_object_unref(meta);
		}
		g_object_unref(c);
	}
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
	GsfInput *pool = ole2_child(in, "ObjectPool");
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
		c = gsf_infile_child_by_index(where, i);
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
	run.budget = 2 * (uint64_t)len + 65536;
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
