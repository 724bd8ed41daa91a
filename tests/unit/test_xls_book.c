/*
 * test_xls_book.c - a legacy Excel workbook read sheet by sheet (xls.h,
 * seal_xls_book): each sheet's text named by its tab, name and hidden
 * state, shared strings placed where their cells are, and damaged sheet
 * records ([MS-XLS] 2.4.28 BoundSheet8: a stream offset that points
 * nowhere, a name longer than its record) read to a clear end: nothing
 * lost, no crash (run under ASan). The workbooks are built record by
 * record here; the mutations also run over borgere.xls (LibreOffice 7.4).
 * Numbers from tests/data/vectors.tsv; a failure message shows none.
 */
#include <string.h>

#include <glib.h>

#include "biff_build.h"
#include "check_main.h"
#include "ole2.h"
#include "xls.h"

#define DK003 "0205371389"
#define DK008 "2803993567"

struct got {
	GPtrArray *label, *detail, *text;
	int stop_after;         /* nonzero: stop after that many texts */
};

static int
on_text(void *ctx, const char *label, const char *detail, const char *text, size_t len)
{
	struct got *g = ctx;

	g_ptr_array_add(g->label, g_strdup(label));
	g_ptr_array_add(g->detail, g_strdup(detail != NULL ? detail : "(none)"));
	g_ptr_array_add(g->text, g_strndup(text, len));
	return g->stop_after > 0 && (int)g->label->len >= g->stop_after;
}

static void
got_init(struct got *g)
{
	g->label = g_ptr_array_new_with_free_func(g_free);
	g->detail = g_ptr_array_new_with_free_func(g_free);
	g->text = g_ptr_array_new_with_free_func(g_free);
	g->stop_after = 0;
}

static void
got_free(struct got *g)
{
	g_ptr_array_free(g->label, TRUE);
	g_ptr_array_free(g->detail, TRUE);
	g_ptr_array_free(g->text, TRUE);
}

/* The text handed over under label, or NULL. */
static const char *
text_of(const struct got *g, const char *label)
{
	for (guint i = 0; i < g->label->len; i++)
		if (strcmp(g_ptr_array_index(g->label, i), label) == 0)
			return g_ptr_array_index(g->text, i);
	return NULL;
}

static const char *
detail_of(const struct got *g, const char *label)
{
	for (guint i = 0; i < g->label->len; i++)
		if (strcmp(g_ptr_array_index(g->label, i), label) == 0)
			return g_ptr_array_index(g->detail, i);
	return NULL;
}

static void
bof(GByteArray *a, unsigned dt)
{
	put16(a, 0x0809);
	put16(a, 16);
	put16(a, 0x0600);
	put16(a, dt);
	put32(a, 0);
	put32(a, 0);
	put32(a, 0);
}

static void
eof(GByteArray *a)
{
	put16(a, 0x000A);
	put16(a, 0);
}

/* BOUNDSHEET8 with an 8-bit name; cch may claim more than the record holds.
 * Its offset field's position is returned, to be patched later. */
static guint
boundsheet(GByteArray *a, unsigned state, const char *name, unsigned cch)
{
	guint at;
	size_t n = strlen(name);

	put16(a, 0x0085);
	put16(a, (unsigned)(8 + n));
	at = a->len;
	put32(a, 0);
	g_byte_array_append(a, (const guint8 *)&(guint8){ (guint8)state }, 1);
	g_byte_array_append(a, (const guint8 *)&(guint8){ 0 }, 1);
	g_byte_array_append(a, (const guint8 *)&(guint8){ (guint8)cch }, 1);
	g_byte_array_append(a, (const guint8 *)&(guint8){ 0 }, 1);
	g_byte_array_append(a, (const guint8 *)name, (guint)n);
	return at;
}

static void
patch32(GByteArray *a, guint at, uint32_t v)
{
	a->data[at] = (guint8)v;
	a->data[at + 1] = (guint8)(v >> 8);
	a->data[at + 2] = (guint8)(v >> 16);
	a->data[at + 3] = (guint8)(v >> 24);
}

/* An SST of 8-bit strings. */
static void
sst(GByteArray *a, const char *const *s, unsigned n)
{
	size_t body = 8;

	for (unsigned i = 0; i < n; i++)
		body += 3 + strlen(s[i]);
	put16(a, 0x00FC);
	put16(a, (unsigned)body);
	put32(a, n);
	put32(a, n);
	for (unsigned i = 0; i < n; i++) {
		put16(a, (unsigned)strlen(s[i]));
		g_byte_array_append(a, (const guint8 *)"", 1);
		g_byte_array_append(a, (const guint8 *)s[i], (guint)strlen(s[i]));
	}
}

static void
labelsst(GByteArray *a, uint32_t idx)
{
	put16(a, 0x00FD);
	put16(a, 10);
	put16(a, 0);
	put16(a, 0);
	put16(a, 15);
	put32(a, idx);
}

static void
number(GByteArray *a, double v)
{
	put16(a, 0x0203);
	put16(a, 14);
	put16(a, 1);
	put16(a, 0);
	put16(a, 15);
	put_double(a, v);
}

/*
 * Globals naming three sheets: "Ark1" visible, "Arkiv" very hidden, and a
 * third whose offset points nowhere; then the two sheets, and a substream
 * no sheet record points at. Shared strings: one the sheets show, one no
 * cell shows.
 */
static GByteArray *
workbook(void)
{
	static const char *const strings[] = { "CPR " DK003, "Ubrugt " DK008 };
	GByteArray *a = g_byte_array_new();
	guint s1, s2, s3;

	bof(a, 0x0005);
	s1 = boundsheet(a, 0, "Ark1", 4);
	s2 = boundsheet(a, 2, "Arkiv", 5);
	s3 = boundsheet(a, 1, "Tabt", 4);
	sst(a, strings, 2);
	eof(a);
	patch32(a, s1, a->len);
	bof(a, 0x0010);
	labelsst(a, 0);
	labelsst(a, 99);        /* no such string: shows nothing */
	eof(a);
	patch32(a, s2, a->len);
	bof(a, 0x0010);
	labelsst(a, 0);         /* shown again, on another sheet */
	number(a, 2803993567.0);
	eof(a);
	patch32(a, s3, 0xFFFFFFF0u);
	bof(a, 0x0010);         /* the "Tabt" sheet's, found by no offset */
	number(a, 205371389.0);
	eof(a);
	return a;
}

START_TEST(sheets_named_by_tab_and_state)
{
	GByteArray *a = workbook();
	struct got g;
	const char *t;

	got_init(&g);
	ck_assert_int_eq(seal_xls_book(a->data, a->len, on_text, &g), 0);
	t = text_of(&g, "sheet 1 \"Ark1\"");
	ck_assert_msg(t != NULL && strstr(t, DK003) != NULL, "sheet 1's shared string not placed");
	ck_assert_str_eq(detail_of(&g, "sheet 1 \"Ark1\""), "sheet 1");
	t = text_of(&g, "sheet 2 \"Arkiv\" (very hidden)");
	ck_assert_msg(t != NULL, "very hidden sheet not read");
	ck_assert_msg(strstr(t, DK003) != NULL, "string shown again not on sheet 2");
	ck_assert_msg(strstr(t, DK008) != NULL, "number cell of sheet 2 not read");
	ck_assert_str_eq(detail_of(&g, "sheet 2 \"Arkiv\" (very hidden)"),
	    "sheet 2 (very hidden)");
	/* the sheet names, the unplaced substream and the unshown string */
	ck_assert_msg(g.label->len == 5, "expected 5 texts, got %u", g.label->len);
	ck_assert_str_eq(g_ptr_array_index(g.label, 0), "sheets");
	ck_assert_msg(strstr(g_ptr_array_index(g.text, 0), "Tabt") != NULL, "names not read");
	ck_assert_str_eq(g_ptr_array_index(g.label, 3), "sheets");
	ck_assert_str_eq(g_ptr_array_index(g.detail, 3), "(none)");
	ck_assert_msg(strstr(g_ptr_array_index(g.text, 3), "0" "205371389") != NULL,
	    "substream no sheet points at not read");
	ck_assert_msg(strstr(g_ptr_array_index(g.text, 4), "Ubrugt") != NULL,
	    "shared string no cell shows not read");
	got_free(&g);
	g_byte_array_free(a, TRUE);
}
END_TEST

/* OBJ (FtCmo first, its object type) and TXO with its text in a CONTINUE. */
static void
object_text(GByteArray *a, unsigned ot, const char *text)
{
	size_t n = strlen(text);

	put16(a, 0x005D);               /* OBJ: FtCmo ft 0x15, cb 0x12, ot, id ... */
	put16(a, 22);
	put16(a, 0x15);
	put16(a, 0x12);
	put16(a, ot);
	for (int i = 0; i < 8; i++)
		put16(a, 0);
	put16(a, 0);                    /* FtEnd */
	put16(a, 0);
	put16(a, 0x01B6);               /* TXO: 18 bytes of layout, cchText at 10 */
	put16(a, 18);
	for (int i = 0; i < 5; i++)
		put16(a, 0);
	put16(a, (unsigned)n);
	put16(a, 0);
	put32(a, 0);
	put16(a, 0x003C);               /* CONTINUE: 8-bit flag, the characters */
	put16(a, (unsigned)(n + 1));
	g_byte_array_append(a, (const guint8 *)"", 1);
	g_byte_array_append(a, (const guint8 *)text, (guint)n);
	put16(a, 0x003C);               /* CONTINUE: formatting runs, not text */
	put16(a, 4);
	g_byte_array_append(a, (const guint8 *)"9999", 4);
}

/* A cell comment and a text box each have their own place after the cells. */
START_TEST(comment_and_text_box_named)
{
	GByteArray *a = g_byte_array_new();
	struct got g;
	guint s1;

	bof(a, 0x0005);
	s1 = boundsheet(a, 1, "Noter", 5);
	eof(a);
	patch32(a, s1, a->len);
	bof(a, 0x0010);
	number(a, 2803993567.0);
	object_text(a, 0x19, "Note " DK003);
	object_text(a, 0x06, "Boks " DK008);
	eof(a);
	got_init(&g);
	ck_assert_int_eq(seal_xls_book(a->data, a->len, on_text, &g), 0);
	ck_assert_msg(text_of(&g, "sheet 1 \"Noter\" (hidden)") != NULL &&
	    strstr(text_of(&g, "sheet 1 \"Noter\" (hidden)"), "Note") == NULL,
	    "the comment's text stayed with the cells");
	ck_assert_msg(text_of(&g, "sheet 1 \"Noter\" (hidden), comment") != NULL &&
	    strstr(text_of(&g, "sheet 1 \"Noter\" (hidden), comment"), DK003) != NULL,
	    "comment not handed over as one");
	ck_assert_str_eq(detail_of(&g, "sheet 1 \"Noter\" (hidden), comment"),
	    "sheet 1 (hidden), comment");
	ck_assert_msg(text_of(&g, "sheet 1 \"Noter\" (hidden), text box") != NULL &&
	    strstr(text_of(&g, "sheet 1 \"Noter\" (hidden), text box"), DK008) != NULL,
	    "text box not handed over as one");
	ck_assert_msg(strstr(text_of(&g, "sheet 1 \"Noter\" (hidden), text box"), "9999") == NULL,
	    "formatting runs read as text");
	got_free(&g);
	g_byte_array_free(a, TRUE);
}
END_TEST

START_TEST(name_longer_than_record_is_cut)
{
	GByteArray *a = g_byte_array_new();
	struct got g;
	guint s1;

	bof(a, 0x0005);
	s1 = boundsheet(a, 1, "Abc", 200);
	eof(a);
	patch32(a, s1, a->len);
	bof(a, 0x0010);
	number(a, 2803993567.0);
	eof(a);
	got_init(&g);
	ck_assert_int_eq(seal_xls_book(a->data, a->len, on_text, &g), 0);
	ck_assert_msg(text_of(&g, "sheet 1 \"Abc\" (hidden)") != NULL, "cut name not used");
	got_free(&g);
	g_byte_array_free(a, TRUE);
}
END_TEST

START_TEST(encrypted_and_stopped)
{
	GByteArray *a = workbook();
	GByteArray *e = g_byte_array_new();
	struct got g;

	got_init(&g);
	g.stop_after = 2;
	ck_assert_int_eq(seal_xls_book(a->data, a->len, on_text, &g), -2);
	ck_assert_uint_eq(g.label->len, 2);
	got_free(&g);
	bof(e, 0x0005);
	put16(e, 0x002F);
	put16(e, 0);
	got_init(&g);
	ck_assert_int_eq(seal_xls_book(e->data, e->len, on_text, &g), -1);
	ck_assert_int_eq(seal_xls_book(NULL, 0, on_text, &g), 0);
	ck_assert_uint_eq(g.label->len, 0);
	got_free(&g);
	g_byte_array_free(a, TRUE);
	g_byte_array_free(e, TRUE);
}
END_TEST

/* 20000 cells pointing at one 2000-byte string: the repeats are bounded. */
START_TEST(repeats_bounded)
{
	char *big = g_strnfill(2000, 'a');
	const char *strings[] = { big };
	GByteArray *a = g_byte_array_new();
	struct got g;
	size_t total = 0;
	guint s1;

	bof(a, 0x0005);
	s1 = boundsheet(a, 0, "Ark1", 4);
	sst(a, strings, 1);
	eof(a);
	patch32(a, s1, a->len);
	bof(a, 0x0010);
	for (int i = 0; i < 20000; i++)
		labelsst(a, 0);
	eof(a);
	got_init(&g);
	ck_assert_int_eq(seal_xls_book(a->data, a->len, on_text, &g), 0);
	for (guint i = 0; i < g.text->len; i++)
		total += strlen(g_ptr_array_index(g.text, i));
	ck_assert_msg(total > 2000 && total < ((size_t)3 << 20), "text of %zu bytes", total);
	got_free(&g);
	g_byte_array_free(a, TRUE);
	g_free(big);
}
END_TEST

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

static void
mutate(const guint8 *d, size_t len, GRand *rnd, int rounds)
{
	for (int i = 0; i < rounds; i++) {
		guint8 *m = g_memdup2(d, len);
		size_t cut = len;
		struct got g;

		for (int j = 0; j < 1 + i % 8; j++)
			m[g_rand_int_range(rnd, 0, (gint32)len)] ^=
			    (guint8)g_rand_int_range(rnd, 1, 256);
		if (i % 5 == 0)
			cut = (size_t)g_rand_int_range(rnd, 0, (gint32)len);
		got_init(&g);
		(void)seal_xls_book(m, cut, on_text, &g);
		got_free(&g);
		g_free(m);
	}
}

/* Byte flips and cuts: sheet offsets, name counts, SST counts and record
 * lengths alike; a decision every time, never a crash or an overread. */
START_TEST(mutations)
{
	GByteArray *a = workbook();
	GBytes *b = fixture("borgere.xls");
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	GByteArray *wb = seal_ole2_stream(d, len, "Workbook", len);
	GRand *rnd = g_rand_new_with_seed(11);
	struct got g;

	ck_assert_ptr_nonnull(wb);
	got_init(&g);
	ck_assert_int_eq(seal_xls_book(wb->data, wb->len, on_text, &g), 0);
	{
		int sheet = 0;

		for (guint i = 0; i < g.label->len; i++)
			sheet |= g_str_has_prefix(g_ptr_array_index(g.label, i), "sheet 1 \"");
		ck_assert_msg(sheet, "borgere.xls: no sheet read");
	}
	got_free(&g);
	mutate(a->data, a->len, rnd, 2000);
	mutate(wb->data, wb->len, rnd, 300);
	g_rand_free(rnd);
	g_byte_array_free(wb, TRUE);
	g_bytes_unref(b);
	g_byte_array_free(a, TRUE);
}
END_TEST

static Suite *
xls_book_suite(void)
{
	Suite *s = suite_create("xls_book");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, sheets_named_by_tab_and_state);
	tcase_add_test(tc, comment_and_text_box_named);
	tcase_add_test(tc, name_longer_than_record_is_cut);
	tcase_add_test(tc, encrypted_and_stopped);
	tcase_add_test(tc, repeats_bounded);
	tcase_add_test(tc, mutations);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return seal_check_run(xls_book_suite());
}
