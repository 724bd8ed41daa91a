/*
 * test_ole2.c - the compound-file reader (ole2read.h, issue 11 item 4); the
 * compressed-RTF decoder it shares with TNEF is tested in test_lzfu.c.
 *
 * Fixtures in tests/data/binary: note.doc and borgere.xls were made by
 * LibreOffice 7.4 (see test_binary.c, test_xls.c), password.doc/.xls are
 * saved with a password, password.docx is an encrypted OOXML container;
 * note.msg, clean.msg and deep.msg were written by tests/tools/seal_msg_tool
 * (libgsf's compound-file writer, [MS-OXMSG] layout):
 *   seal_msg_tool note.msg subject="Sag 1905044539" from="Jens Hansen"
 *     to="Anna Berg" body="Se bilag." rtf='{\rtf1\ansi Noter 2102226839\par}'
 *     html='<p>CPR-nr.: 1304258787</p>' recipient="Anna Berg"
 *     attach=bilag.txt:bilag.txt embed-subject=Videresendt
 *     embed-body="Sag 240625-8826"      (bilag.txt: "CPR-nr.: 060868-2430")
 *   clean.msg: the same fields without numbers; deep.msg: an attached
 *     message six levels deep (nest=6).
 * Numbers (tests/data/vectors.tsv, found): dk-009 subject, dk-021 RTF body,
 * dk-026 HTML body, dk-006 attachment and note.doc, dk-025 embedded
 * message, dk-003/dk-008 borgere.xls. A failure message shows no number.
 * The .ppt reader and the Word parts (footnotes, headers, comments) are
 * checked on documents LibreOffice makes at test time (tests/t-ole2.sh).
 */
#include <string.h>

#include <glib.h>

#include "check_main.h"
#include "err.h"
#include "ole2read.h"

typedef struct got {
	GHashTable *text;       /* name -> all text handed over under it */
	GPtrArray *files;       /* names of attachment files */
	GString *file_bytes;
} got;

static GBytes *
fixture(const char *name)
{
	const char *top = getenv("top_srcdir");
	char *path, *data;
	gsize len;

	ck_assert_msg(top != NULL, "top_srcdir not set: run through make check");
	path = g_build_filename(top, "tests", "data", "binary", name, NULL);
	ck_assert_msg(g_file_get_contents(path, &data, &len, NULL), "cannot read %s", name);
	g_free(path);
	return g_bytes_new_take(data, len);
}

static seal_status
on_text(void *ctx, const char *name, const char *text, size_t len, seal_err *err)
{
	got *g = ctx;
	GString *s = g_hash_table_lookup(g->text, name);

	(void)err;
	ck_assert_msg(g_utf8_validate(text, (gssize)len, NULL), "%s: not UTF-8", name);
	if (s == NULL) {
		s = g_string_new(NULL);
		g_hash_table_insert(g->text, g_strdup(name), s);
	}
	g_string_append_len(s, text, (gssize)len);
	return SEAL_OK;
}

static seal_status
on_file(void *ctx, const char *name, const uint8_t *data, size_t len, seal_err *err)
{
	got *g = ctx;

	(void)err;
	g_ptr_array_add(g->files, g_strdup(name));
	g_string_append_len(g->file_bytes, (const char *)data, (gssize)len);
	return SEAL_OK;
}

static void
string_free(gpointer p)
{
	g_string_free(p, TRUE);
}

static seal_ole2_read_status
read_fixture(const char *file, got *g, char *reason, size_t rsize)
{
	GBytes *b = fixture(file);
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	seal_ole2_hooks h = { on_text, on_file, g, NULL, NULL };
	seal_err err = { 0 };
	seal_ole2_read_status st;

	g->text = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, string_free);
	g->files = g_ptr_array_new_with_free_func(g_free);
	g->file_bytes = g_string_new(NULL);
	st = seal_ole2_read(d, len, &h, reason, rsize, &err);
	g_bytes_unref(b);
	return st;
}

static void
got_free(got *g)
{
	g_hash_table_destroy(g->text);
	g_ptr_array_free(g->files, TRUE);
	g_string_free(g->file_bytes, TRUE);
}

/* The text handed over as name holds needle. */
static int
has(got *g, const char *name, const char *needle)
{
	GString *s = g_hash_table_lookup(g->text, name);

	return s != NULL && strstr(s->str, needle) != NULL;
}

/* ------------------------------------------------------------ formats */

START_TEST(msg_fields)
{
	got g;
	char reason[160];

	ck_assert_int_eq(read_fixture("note.msg", &g, reason, sizeof(reason)),
	    SEAL_OLE2_READ_OK);
	ck_assert(has(&g, "subject", "1905044539"));             /* dk-009 */
	ck_assert(has(&g, "rtf body", "Noter 2102226839"));      /* dk-021 */
	ck_assert(has(&g, "html body", "1304258787"));           /* dk-026 */
	ck_assert(has(&g, "from", "Jens Hansen"));
	ck_assert(has(&g, "to", "Anna Berg"));
	ck_assert(has(&g, "recipient", "Anna Berg"));
	ck_assert(has(&g, "body", "Se bilag."));
	ck_assert(has(&g, "attachment 1/name", "bilag.txt"));
	ck_assert(has(&g, "attachment 2/body", "240625-8826"));  /* dk-025 */
	ck_assert_uint_eq(g.files->len, 1);
	ck_assert_str_eq(g_ptr_array_index(g.files, 0), "bilag.txt");
	ck_assert_ptr_nonnull(strstr(g.file_bytes->str, "060868-2430"));   /* dk-006 */
	got_free(&g);
}
END_TEST

/* The same item without numbers: read, and no digit anywhere. */
START_TEST(msg_clean)
{
	got g;
	char reason[160];
	GHashTableIter it;
	gpointer k, v;

	ck_assert_int_eq(read_fixture("clean.msg", &g, reason, sizeof(reason)),
	    SEAL_OLE2_READ_OK);
	ck_assert(has(&g, "rtf body", "Dagsorden"));
	ck_assert(has(&g, "attachment 2/body", "Referat"));
	g_hash_table_iter_init(&it, g.text);
	while (g_hash_table_iter_next(&it, &k, &v))
		for (const char *p = ((GString *)v)->str; *p != '\0'; p++)
			ck_assert_msg(!g_ascii_isdigit(*p), "digit in %s", (char *)k);
	got_free(&g);
}
END_TEST

START_TEST(msg_too_deep)
{
	got g;
	char reason[160];

	ck_assert_int_eq(read_fixture("deep.msg", &g, reason, sizeof(reason)),
	    SEAL_OLE2_READ_UNSCANNABLE);
	ck_assert_ptr_nonnull(strstr(reason, "nested deeper"));
	got_free(&g);
}
END_TEST

START_TEST(doc_piece_table)
{
	got g;
	char reason[160];

	ck_assert_int_eq(read_fixture("note.doc", &g, reason, sizeof(reason)),
	    SEAL_OLE2_READ_OK);
	ck_assert(has(&g, "text", "060868-2430"));       /* dk-006, main text */
	got_free(&g);
}
END_TEST

START_TEST(xls_cells)
{
	got g;
	char reason[160];

	ck_assert_int_eq(read_fixture("borgere.xls", &g, reason, sizeof(reason)),
	    SEAL_OLE2_READ_OK);
	/* each sheet named by its tab: the sheet made from borgere.csv */
	ck_assert(has(&g, "sheet 1 \"borgere\"", "0205371389")); /* dk-003, leading zero back */
	ck_assert(has(&g, "sheet 1 \"borgere\"", "2803993567")); /* dk-008 */
	got_free(&g);
}
END_TEST

static const struct { const char *file, *word; } locked[] = {
	{ "password.doc", "Word" }, { "password.xls", "Excel" },
	{ "password.docx", "Office document" },
};

START_TEST(encrypted)
{
	got g;
	char reason[160];

	ck_assert_int_eq(read_fixture(locked[_i].file, &g, reason, sizeof(reason)),
	    SEAL_OLE2_READ_UNSCANNABLE);
	ck_assert_ptr_nonnull(strstr(reason, locked[_i].word));
	ck_assert_uint_eq(g_hash_table_size(g.text), 0);
	got_free(&g);
}
END_TEST

/* ------------------------------------------------------------ damage */

static const char *const damaged_files[] = { "note.doc", "borgere.xls", "note.msg" };

static seal_status
ignore_text(void *ctx, const char *name, const char *text, size_t len, seal_err *err)
{
	(void)ctx;
	(void)name;
	(void)err;
	ck_assert(g_utf8_validate(text, (gssize)len, NULL));
	return SEAL_OK;
}

static seal_status
ignore_file(void *ctx, const char *name, const uint8_t *data, size_t len, seal_err *err)
{
	(void)ctx;
	(void)name;
	(void)data;
	(void)len;
	(void)err;
	return SEAL_OK;
}

/*
 * 120 byte flips and 60 cuts of each sample: never a crash, never an
 * error (only a hook failure may give one); a cut file is never OK with
 * nothing read unless the cut left the reader nothing to see.
 */
START_TEST(mutations)
{
	GBytes *b = fixture(damaged_files[_i]);
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	GRand *r = g_rand_new_with_seed(_i + 11);
	seal_ole2_hooks h = { ignore_text, ignore_file, NULL, NULL, NULL };

	for (int k = 0; k < 180; k++) {
		guint8 *m = g_memdup2(d, len);
		size_t n = len;
		seal_err err = { 0 };
		char reason[160];
		seal_ole2_read_status st;

		if (k >= 120)
			n = (size_t)g_rand_int_range(r, 0, (gint32)len);
		else
			for (int f = 0; f < 1 + k % 8; f++)
				m[g_rand_int_range(r, 0, (gint32)len)] = (guint8)g_rand_int(r);
		st = seal_ole2_read(m, n, &h, reason, sizeof(reason), &err);
		ck_assert_int_ne(st, SEAL_OLE2_READ_ERROR);
		if (k >= 120 && n < 512)
			ck_assert_int_eq(st, SEAL_OLE2_READ_UNSCANNABLE);
		g_free(m);
	}
	g_rand_free(r);
	g_bytes_unref(b);
}
END_TEST

static Suite *
ole2_suite(void)
{
	Suite *s = suite_create("ole2");
	TCase *tc = tcase_create("formats");

	tcase_add_test(tc, msg_fields);
	tcase_add_test(tc, msg_clean);
	tcase_add_test(tc, msg_too_deep);
	tcase_add_test(tc, doc_piece_table);
	tcase_add_test(tc, xls_cells);
	tcase_add_loop_test(tc, encrypted, 0, G_N_ELEMENTS(locked));
	suite_add_tcase(s, tc);
	tc = tcase_create("damage");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, mutations, 0, G_N_ELEMENTS(damaged_files));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return seal_check_run(ole2_suite());
}
