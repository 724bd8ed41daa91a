/*
 * test_binary.c - binaries the walk cannot read as documents: the strings
 * fallback (binstrings.h), the libarchive unpacker (unpack.h), the OLE2
 * encryption check (ole2.h) and the walk's use of them with
 * uninspected_action (message_binary.c).
 *
 * Fixtures in tests/data/binary were made with the tools a sender uses:
 * LibreOffice 7.4 (note.doc: Word 97 export; password.doc/.xls: saved
 * with a password through UNO; it writes no encrypted .ppt), GNU tar, gzip, bzip2, 7z (p7zip, -p and
 * -mhe=on), qpdf (note-password.pdf: AES-256, a user password); password.docx is a Compound File built by make-cfb.py after
 * [MS-CFB] and [MS-OFFCRYPTO] 2.3.4 (LibreOffice writes no encrypted OOXML
 * from the command line). The number inside is dk-006 of vectors.tsv; a
 * failure message shows no number.
 */
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "binstrings.h"
#include "check_main.h"
#include "err.h"
#include "message.h"
#include "ole2.h"
#include "unpack.h"

#define NUMBER "060868-2430"

/* ------------------------------------------------------------ helpers */

static seal_status
collect_piece(void *ctx, const char *text, size_t len, seal_err *err)
{
	GString *all = ctx;

	(void)err;
	ck_assert_msg(g_utf8_validate(text, (gssize)len, NULL), "piece is not UTF-8");
	g_string_append_len(all, text, (gssize)len);
	g_string_append_c(all, '\x01');  /* piece boundary, visible to the tests */
	return SEAL_OK;
}

static GString *
strings_of(const void *data, size_t len)
{
	GString *all = g_string_new(NULL);
	seal_err err = { 0 };

	ck_assert_int_eq(seal_binstrings_scan(data, len, collect_piece, all, &err), SEAL_OK);
	return all;
}

static unsigned
count(const char *hay, const char *needle)
{
	unsigned n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* The text as UTF-16 (be: big-endian), with or without a BOM, between binary noise. */
static GByteArray *
utf16_in_noise(const char *text, int be, int bom)
{
	static const guint8 noise[] = { 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x00, 0x13, 0x9A };
	glong n;
	gunichar2 *u = g_utf8_to_utf16(text, -1, NULL, &n, NULL);
	GByteArray *b = g_byte_array_new();

	g_byte_array_append(b, noise, sizeof(noise));
	if (bom)
		g_byte_array_append(b, (const guint8 *)(be ? "\xFE\xFF" : "\xFF\xFE"), 2);
	for (glong i = 0; i < n; i++) {
		guint8 two[2] = { (guint8)(u[i] & 0xFF), (guint8)(u[i] >> 8) };

		if (be) {
			guint8 t = two[0];

			two[0] = two[1];
			two[1] = t;
		}
		g_byte_array_append(b, two, 2);
	}
	g_byte_array_append(b, noise, sizeof(noise));
	g_free(u);
	return b;
}

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

/* ------------------------------------------------------------ strings */

START_TEST(strings_ascii)
{
	static const guint8 bin[] = "\x00\x01" "CPR-nr.: " NUMBER "\x00\x02" "ab\x00" "abc\x03"
	    "longer run\x00";
	GString *s = strings_of(bin, sizeof(bin));

	ck_assert_uint_eq(count(s->str, NUMBER), 1);
	ck_assert_ptr_nonnull(strstr(s->str, "longer run"));
	ck_assert_ptr_null(strstr(s->str, "abc"));   /* shorter than 4 */
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(strings_cp1252)
{
	/* Windows-1252: 0xF8 o-slash, 0x80 euro, 0x96 en dash; Word's 0x1E non-breaking hyphen */
	static const guint8 bin[] = "\x00" "F\xF8" "dselsdato \x80 060868\x1E" "2430 \x96 x\x00";
	GString *s = strings_of(bin, sizeof(bin));

	ck_assert_ptr_nonnull(strstr(s->str, "F\xC3\xB8" "dselsdato \xE2\x82\xAC " NUMBER
	    " \xE2\x80\x93 x"));
	g_string_free(s, TRUE);
}
END_TEST

/* loop: LE/BE x BOM/none x number at the start, end, or middle of the run */
START_TEST(strings_utf16)
{
	int be = _i & 1, bom = (_i >> 1) & 1, where = _i >> 2;
	const char *text = where == 0 ? NUMBER " Jensen" : where == 1 ?
	    "Jens Jensen " NUMBER : "F\xC3\xB8" "dt " NUMBER " i K\xC3\xB8" "benhavn";
	GByteArray *b = utf16_in_noise(text, be, bom);
	GString *s = strings_of(b->data, b->len);

	ck_assert_msg(count(s->str, text) == 1, "UTF-16%s%s case %d: text found %u times",
	    be ? "BE" : "LE", bom ? " with BOM" : "", where, count(s->str, text));
	ck_assert_uint_eq(count(s->str, NUMBER), 1);  /* the other byte order adds no copy */
	g_string_free(s, TRUE);
	g_byte_array_free(b, TRUE);
}
END_TEST

/* Pieces are cut at white space only: no number is ever split. */
START_TEST(strings_pieces)
{
	GString *in = g_string_new(NULL), *s;
	unsigned n = 0;
	gchar **pieces;

	while (in->len < 5 * SEAL_BINSTRINGS_PIECE) {
		g_string_append(in, "Sagen vedr\xF8rer borgeren ");
		if (in->len % 7 == 0) {
			g_string_append(in, NUMBER);
			n++;
		}
		g_string_append_c(in, ' ');
	}
	s = strings_of(in->str, in->len);
	ck_assert_uint_eq(count(s->str, NUMBER), n);
	pieces = g_strsplit(s->str, "\x01", -1);
	ck_assert_uint_ge(g_strv_length(pieces), 4);
	for (gchar **p = pieces; *p != NULL; p++)
		ck_assert_msg(**p == '\0' || strlen(*p) <= 2 * SEAL_BINSTRINGS_PIECE,
		    "piece too long");
	g_strfreev(pieces);
	g_string_free(s, TRUE);
	g_string_free(in, TRUE);
}
END_TEST

START_TEST(strings_noise)
{
	/* random bytes: bounded output (about 1.4 times the input: most bytes are
	 * printable in Windows-1252) and never a crash */
	guint8 *b = g_malloc(1 << 20);
	GRand *r = g_rand_new_with_seed(9);
	GString *s;

	for (size_t i = 0; i < (1u << 20); i++)
		b[i] = (guint8)g_rand_int(r);
	s = strings_of(b, 1 << 20);
	ck_assert_uint_lt(s->len, 2 * (1u << 20));
	g_string_free(s, TRUE);
	s = strings_of(NULL, 0);
	ck_assert_uint_eq(s->len, 0);
	g_string_free(s, TRUE);
	g_rand_free(r);
	g_free(b);
}
END_TEST

/* ------------------------------------------------------------ unpack */

typedef struct members {
	GString *text;
	unsigned n;
} members;

static seal_status
collect_member(void *ctx, const char *name, const uint8_t *data, size_t len, seal_err *err)
{
	members *m = ctx;

	(void)name;
	(void)err;
	m->n++;
	g_string_append_len(m->text, (const char *)data, (gssize)len);
	return SEAL_OK;
}

static seal_archive_status
unpack(GBytes *b, members *m, char *reason, size_t rsize)
{
	seal_err err = { 0 };
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);

	m->text = g_string_new(NULL);
	m->n = 0;
	return seal_archive_extract(d, len, NULL, collect_member, m, reason, rsize, &err);
}

static const char *const clear_archives[] = {
	"note.tar", "note.tar.gz", "note.tar.bz2", "note.txt.gz", "note.7z"
};

START_TEST(unpack_clear)
{
	GBytes *b = fixture(clear_archives[_i]);
	members m;
	char reason[120];

	ck_assert_int_eq(unpack(b, &m, reason, sizeof(reason)), SEAL_ARCHIVE_OK);
	ck_assert_uint_eq(m.n, 1);
	ck_assert_msg(strstr(m.text->str, NUMBER) != NULL, "%s: number not unpacked",
	    clear_archives[_i]);
	g_string_free(m.text, TRUE);
	g_bytes_unref(b);
}
END_TEST

START_TEST(unpack_encrypted)
{
	const char *name = _i == 0 ? "note-password.7z" : "note-password-headers.7z";
	GBytes *b = fixture(name);
	members m;
	char reason[120];

	ck_assert_int_eq(unpack(b, &m, reason, sizeof(reason)), SEAL_ARCHIVE_UNSCANNABLE);
	ck_assert_ptr_null(strstr(m.text->str, NUMBER));
	ck_assert_ptr_nonnull(strstr(reason, "archive"));
	g_string_free(m.text, TRUE);
	g_bytes_unref(b);
}
END_TEST

START_TEST(unpack_not_archive)
{
	static const char *const texts[] = { "plain text, no archive", "\x89PNG\r\n\x1a\nxxxx" };
	members m;
	char reason[120];
	GBytes *b = g_bytes_new_static(texts[_i], strlen(texts[_i]));

	ck_assert_int_eq(unpack(b, &m, reason, sizeof(reason)), SEAL_ARCHIVE_NOT_ARCHIVE);
	g_string_free(m.text, TRUE);
	g_bytes_unref(b);
	b = fixture("note.doc");     /* a compound file is no archive here */
	ck_assert_int_eq(unpack(b, &m, reason, sizeof(reason)), SEAL_ARCHIVE_NOT_ARCHIVE);
	g_string_free(m.text, TRUE);
	g_bytes_unref(b);
}
END_TEST

/* A gzip bomb: 64 MiB of one letter is refused by the ratio cap, not unpacked. */
START_TEST(unpack_bomb)
{
	GZlibCompressor *z = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1);
	size_t in_len = 64u << 20, out_size = 1u << 20;
	guint8 *in = g_malloc(in_len), *out = g_malloc(out_size);
	gsize rd, wr;
	members m;
	char reason[120];
	GBytes *b;

	memset(in, 'A', in_len);
	ck_assert_int_eq(g_converter_convert(G_CONVERTER(z), in, in_len, out, out_size,
	    G_CONVERTER_INPUT_AT_END, &rd, &wr, NULL), G_CONVERTER_FINISHED);
	b = g_bytes_new_take(out, wr);
	ck_assert_int_eq(unpack(b, &m, reason, sizeof(reason)), SEAL_ARCHIVE_UNSCANNABLE);
	ck_assert_ptr_nonnull(strstr(reason, "ratio"));
	g_string_free(m.text, TRUE);
	g_bytes_unref(b);
	g_free(in);
	g_object_unref(z);
}
END_TEST

/* ------------------------------------------------------------ OLE2 */

static const struct { const char *file; seal_ole2_status st; const char *word; } ole2_cases[] = {
	{ "note.doc", SEAL_OLE2_CLEAR, NULL },
	{ "password.doc", SEAL_OLE2_ENCRYPTED, "Word" },
	{ "password.xls", SEAL_OLE2_ENCRYPTED, "Excel" },
	{ "password.docx", SEAL_OLE2_ENCRYPTED, "Office document" },
	{ "note.7z", SEAL_OLE2_NOT_OLE2, NULL },
};

START_TEST(ole2_check)
{
	GBytes *b = fixture(ole2_cases[_i].file);
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	char reason[120];
	seal_ole2_status st = seal_ole2_check(d, len, reason, sizeof(reason));

	ck_assert_msg(st == ole2_cases[_i].st, "%s: status %d", ole2_cases[_i].file, st);
	if (ole2_cases[_i].word != NULL)
		ck_assert_ptr_nonnull(strstr(reason, ole2_cases[_i].word));
	g_bytes_unref(b);
}
END_TEST

/* The number in a LibreOffice .doc is also found by the strings fallback. */
START_TEST(doc_strings)
{
	GBytes *b = fixture("note.doc");
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	GString *s = strings_of(d, len);

	ck_assert_uint_eq(count(s->str, NUMBER), 1);
	ck_assert_ptr_nonnull(strstr(s->str, "CPR-nr."));
	g_string_free(s, TRUE);
	g_bytes_unref(b);
}
END_TEST

/* ------------------------------------------------------------ mutations */

static const char *const mutate_files[] = {
	"note.doc", "password.docx", "password.xls", "note.tar.gz", "note.7z",
	"note-password.7z", "note.tar.bz2"
};

static seal_status
ignore_piece(void *ctx, const char *text, size_t len, seal_err *err)
{
	(void)ctx;
	(void)err;
	ck_assert(g_utf8_validate(text, (gssize)len, NULL));
	return SEAL_OK;
}

/* 300 byte flips and cuts of each sample through every reader: no crash, no leak. */
START_TEST(mutations)
{
	GBytes *b = fixture(mutate_files[_i]);
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	GRand *r = g_rand_new_with_seed(_i + 1);
	seal_err err = { 0 };

	for (int k = 0; k < 300; k++) {
		guint8 *m = g_memdup2(d, len);
		size_t n = len;
		members mm;
		char reason[120];
		GBytes *mb;

		if (k % 3 == 2)
			n = (size_t)g_rand_int_range(r, 0, (gint32)len);
		else
			for (int f = 0; f < 1 + k % 8; f++)
				m[g_rand_int_range(r, 0, (gint32)len)] = (guint8)g_rand_int(r);
		(void)seal_ole2_check(m, n, reason, sizeof(reason));
		mb = g_bytes_new_take(m, n);
		(void)unpack(mb, &mm, reason, sizeof(reason));
		g_string_free(mm.text, TRUE);
		ck_assert_int_eq(seal_binstrings_scan(g_bytes_get_data(mb, NULL), n,
		    ignore_piece, NULL, &err), SEAL_OK);
		g_bytes_unref(mb);
	}
	g_rand_free(r);
	g_bytes_unref(b);
}
END_TEST

/* ------------------------------------------------------------ the walk */

typedef struct walked {
	GString *text;
	seal_walk_result res;
} walked;

static seal_status
collect_text(void *ctx, const seal_text *t, seal_err *err)
{
	GString *all = ctx;

	(void)err;
	g_string_append_len(all, t->text, (gssize)t->len);
	g_string_append_c(all, '\n');
	return SEAL_OK;
}

/* A message with the fixture attached as application/octet-stream, walked. */
static void
walk_with(const char *file, int unscannable_mode, walked *out)
{
	GBytes *b = fixture(file);
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	char *b64 = g_base64_encode(d, len);
	char *msg = g_strdup_printf("From: a@kommune.example\r\nTo: b@gmail.example\r\n"
	    "Subject: bilag\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
	    "Content-Type: text/plain\r\n\r\nSe bilag.\r\n--b\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "Content-Disposition: attachment; filename=\"bilag.bin\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b--\r\n", b64);
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(msg, strlen(msg));
	seal_walk_limits lim;
	seal_err err = { 0 };

	seal_walk_limits_default(&lim);
	lim.uninspected_unscannable = unscannable_mode;
	out->text = g_string_new(NULL);
	memset(&out->res, 0, sizeof(out->res));
	ck_assert_int_eq(seal_message_walk(s, &lim, collect_text, out->text, &out->res, &err),
	    SEAL_OK);
	g_object_unref(s);
	g_free(msg);
	g_free(b64);
	g_bytes_unref(b);
}

static const struct {
	const char *file;
	int mode;               /* uninspected_unscannable */
	int found, unscannable, uninspected;
} walk_cases[] = {
	{ "note.doc", 0, 1, 0, 0 },          /* read through its piece table (ole2read.h) */
	{ "note.doc", 1, 1, 0, 0 },          /* read properly: not uninspected */
	{ "note.tar.gz", 0, 1, 0, 0 },       /* unpacked, text member */
	{ "note.tar.gz", 1, 1, 0, 0 },       /* read properly: not uninspected */
	{ "note.doc.gz", 0, 1, 0, 0 },       /* unpacked, then read as Word */
	{ "note.7z", 1, 1, 0, 0 },
	{ "note-password.7z", 0, 0, 1, 0 },
	{ "note-password-headers.7z", 0, 0, 1, 0 },
	{ "password.docx", 0, 0, 1, 0 },
	{ "password.doc", 0, 0, 1, 0 },
	{ "note-password.pdf", 0, 0, 1, 0 },  /* qpdf --encrypt: poppler asks for a password */
};

START_TEST(walk_binary)
{
	walked w;

	walk_with(walk_cases[_i].file, walk_cases[_i].mode, &w);
	ck_assert_msg((strstr(w.text->str, NUMBER) != NULL) == walk_cases[_i].found,
	    "%s mode %d: number %sfound", walk_cases[_i].file, walk_cases[_i].mode,
	    walk_cases[_i].found ? "not " : "");
	ck_assert_msg(w.res.unscannable == walk_cases[_i].unscannable,
	    "%s mode %d: unscannable %d (%s)", walk_cases[_i].file, walk_cases[_i].mode,
	    w.res.unscannable, w.res.reason);
	ck_assert_uint_eq(w.res.uninspected, walk_cases[_i].uninspected);
	if (w.res.unscannable) {
		ck_assert_ptr_nonnull(strstr(w.res.reason, "part 2"));
		ck_assert_ptr_null(strstr(w.res.reason, "bilag"));
	}
	g_string_free(w.text, TRUE);
}
END_TEST

/* An image stays uninspected, never unscannable and never read as strings. */
START_TEST(walk_image)
{
	static const char png[] = "From: a@kommune.example\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	    "iVBORw0KGgpDUFItbnIuOiAwNjA4NjgtMjQzMCBzbHV0\r\n";
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(png, strlen(png));
	seal_walk_limits lim;
	seal_walk_result res = { 0 };
	seal_err err = { 0 };
	GString *text = g_string_new(NULL);

	seal_walk_limits_default(&lim);
	lim.uninspected_unscannable = 1;
	ck_assert_int_eq(seal_message_walk(s, &lim, collect_text, text, &res, &err), SEAL_OK);
	ck_assert_int_eq(res.unscannable, 0);
	ck_assert_uint_eq(res.uninspected, 1);
	ck_assert_ptr_null(strstr(text->str, NUMBER));
	g_string_free(text, TRUE);
	g_object_unref(s);
}
END_TEST

/* ------------------------------------------------------------ speed */

/* Prints the strings fallback's speed (MB/s) over 8 MiB of mixed binary. */
START_TEST(strings_speed)
{
	size_t len = 8u << 20;
	guint8 *b = g_malloc(len);
	GRand *r = g_rand_new_with_seed(3);
	seal_err err = { 0 };
	gint64 t0;
	double secs;

	for (size_t i = 0; i < len; i++)
		b[i] = (i / 64) % 2 ? (guint8)("Sagsnotat om borgeren "[i % 22]) :
		    (guint8)g_rand_int(r);
	t0 = g_get_monotonic_time();
	ck_assert_int_eq(seal_binstrings_scan(b, len, ignore_piece, NULL, &err), SEAL_OK);
	secs = (double)(g_get_monotonic_time() - t0) / 1e6;
	printf("# strings fallback: %.1f MB/s (%.3f s for %zu MiB)\n",
	    (double)len / 1e6 / secs, secs, len >> 20);
	g_rand_free(r);
	g_free(b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("binary");
	TCase *tc;

	g_mime_init();
	tc = tcase_create("strings");
	tcase_add_test(tc, strings_ascii);
	tcase_add_test(tc, strings_cp1252);
	tcase_add_loop_test(tc, strings_utf16, 0, 12);
	tcase_add_test(tc, strings_pieces);
	tcase_add_test(tc, strings_noise);
	tcase_add_test(tc, doc_strings);
	suite_add_tcase(s, tc);

	tc = tcase_create("unpack");
	tcase_add_loop_test(tc, unpack_clear, 0, G_N_ELEMENTS(clear_archives));
	tcase_add_loop_test(tc, unpack_encrypted, 0, 2);
	tcase_add_loop_test(tc, unpack_not_archive, 0, 2);
	/* the bomb is built here (64 MiB through zlib): slow under sanitizers on a busy machine */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, unpack_bomb);
	suite_add_tcase(s, tc);

	tc = tcase_create("ole2");
	tcase_add_loop_test(tc, ole2_check, 0, G_N_ELEMENTS(ole2_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("mutations");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, mutations, 0, G_N_ELEMENTS(mutate_files));
	suite_add_tcase(s, tc);

	tc = tcase_create("walk");
	tcase_add_loop_test(tc, walk_binary, 0, G_N_ELEMENTS(walk_cases));
	tcase_add_test(tc, walk_image);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, strings_speed);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
