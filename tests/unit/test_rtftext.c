/*
 * test_rtftext.c - RTF to the text it shows (rtftext.h, issue 9): digits
 * written as RTF escapes must come out as digits, control words must not
 * glue to them, and garbage must cost nothing but time linear in its size.
 * Escape rules after the RTF 1.9.1 specification ("Special Characters",
 * \uN with \uc1). The digits here are not identity numbers.
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "check_main.h"
#include "rtftext.h"

typedef struct rcase {
	const char *label, *in, *want;
} rcase;

static const rcase cases[] = {
	{ "plain text", "{\\rtf1 Hej 12}", "Hej 12" },
	{ "hex escapes of digits", "{\\rtf1\\ansi \\'31\\'32\\'2d\\'33}", "12-3" },
	{ "hex escape Windows-1252 high", "{\\rtf1 \\'f8\\'96}", "\xc3\xb8\xe2\x80\x93" },
	{ "unicode escape skips one fallback", "{\\rtf1 \\u49?\\u50?3}", "123" },
	{ "negative unicode escape", "{\\rtf1 \\u-3916?}", "\xef\x82\xb4" },
	{ "surrogate pair joined", "{\\rtf1 \\u-10179?\\u-8704?}", "\xf0\x9f\x98\x80" },
	{ "fallback as hex escape skipped", "{\\rtf1 \\u49\\'3f2}", "12" },
	{ "control words removed with parameter", "{\\rtf1 1\\b 2\\b0 3\\fs24 4}", "1234" },
	{ "paragraph and tab", "{\\rtf1 a\\par b\\tab c\\cell d}", "a\nb\tc\td" },
	{ "literal escapes", "{\\rtf1 \\\\\\{\\}}", "\\{}" },
	{ "nbsp and nb hyphen", "{\\rtf1 1\\~2\\_3\\-4}", "1\xc2\xa0" "2-34" },
	{ "groups removed", "{\\rtf1{\\b 12}{\\i 34}}", "1234" },
	{ "line breaks in source ignored", "{\\rtf1 12\r\n34}", "1234" },
	{ "truncated escape: the digit stays", "{\\rtf1 1\\'3", "13" },
	{ "lone backslash at end", "{\\rtf1 1\\", "1" },
	/* issue 11: the reader */
	{ "ansicpg1251", "{\\rtf1\\ansi\\ansicpg1251 \\'c3\\'f0}", "\xd0\x93\xd1\x80" },
	{ "fcharset per font", "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset204 X;}}"
	    "\\f1 \\'c3\\f0 \\'c3}", "\xd0\x93\xc3\x83" },
	{ "default font charset", "{\\rtf1\\ansi\\deff1{\\fonttbl{\\f1\\fcharset161 G;}}\\'e1}",
	    "\xce\xb1" },
	{ "double-byte code page", "{\\rtf1\\ansi\\ansicpg932 \\'82\\'a0}", "\xe3\x81\x82" },
	{ "UTF-8 code page", "{\\rtf1\\ansi\\ansicpg65001 \\'c3\\'b8}", "\xc3\xb8" },
	{ "uc2 skips two", "{\\rtf1\\uc2\\u49\\'3f\\'3f2}", "12" },
	{ "uc is group scoped", "{\\rtf1\\uc2{\\uc1\\u49?}\\u50\\'3f\\'3f3}", "123" },
	{ "uc0 skips none", "{\\rtf1\\uc0\\u49 2}", "12" },
	{ "tables skipped", "{\\rtf1{\\fonttbl{\\f0 Arial 12;}}{\\colortbl\\red1;}"
	    "{\\stylesheet{\\s1 Normal 34;}}x}", "x" },
	{ "ignorable destination skipped", "{\\rtf1{\\*\\foo 12{\\b 34}}x}", "x" },
	{ "picture and theme skipped", "{\\rtf1{\\pict 1234}{\\*\\themedata 5678}x}", "x" },
	{ "comment read", "{\\rtf1{\\*\\annotation 12}}", "12" },
	{ "field: instruction and result apart", "{\\rtf1{\\field{\\*\\fldinst HYPERLINK \"a?b=1\"}"
	    "{\\fldrslt 23}}}", "HYPERLINK \"a?b=1\"\n23" },
	{ "hidden text read", "{\\rtf1 a{\\v 12}b}", "a12b" },
	{ "bin data skipped", "{\\rtf1 a\\bin3 \x01}\x02" "b}", "ab" },
	{ "document information read", "{\\rtf1{\\info{\\title T1}{\\author A}{\\creatim\\yr2026}}x}",
	    "T1\nA\nx" },
	{ "backslash newline is a paragraph", "{\\rtf1 a\\\nb}", "a\nb" },
	{ "quotes and bullets", "{\\rtf1 \\lquote x\\rquote\\bullet}", "\xe2\x80\x98x\xe2\x80\x99\xe2\x80\xa2" },
	{ "unbalanced closing braces", "{\\rtf1 1}}}2", "12" },
};

START_TEST(to_text)
{
	const rcase *c = &cases[_i];
	size_t n = 0;
	char *got = seal_rtf_to_text(c->in, strlen(c->in), &n);
	char *esc = g_strescape(got, NULL);

	ck_assert_msg(strcmp(got, c->want) == 0 && n == strlen(c->want),
	    "%s: got \"%s\"", c->label, esc);
	g_free(esc);
	g_free(got);
}
END_TEST

START_TEST(is_rtf)
{
	ck_assert_msg(seal_rtf_is("{\\rtf1", 6), "\"{\\rtf1\": got no, want yes");
	ck_assert_msg(!seal_rtf_is("{\\rt", 4), "\"{\\rt\": got yes, want no");
	ck_assert_msg(!seal_rtf_is(" {\\rtf1", 7), "leading space: got yes, want no");
}
END_TEST

/* Random bytes and endless control words: valid UTF-8 out, linear time. */
START_TEST(garbage)
{
	GRand *r = g_rand_new_with_seed(7);
	GString *g = g_string_new("{\\rtf1");
	gint64 t0;
	size_t n = 0;
	char *out;

	for (int i = 0; i < 1 << 20; i++)
		g_string_append_c(g, (char)g_rand_int_range(r, 0, 256));
	for (int i = 0; i < 1 << 18; i++)
		g_string_append(g, "\\u-99999999999\\'zz\\");
	t0 = g_get_monotonic_time();
	out = seal_rtf_to_text(g->str, g->len, &n);
	ck_assert_msg(g_utf8_validate(out, (gssize)n, NULL), "garbage: output not UTF-8");
	ck_assert_msg(g_get_monotonic_time() - t0 < 10 * G_USEC_PER_SEC,
	    "garbage: took over 10 s for 6 MB");
	g_free(out);
	g_string_free(g, TRUE);
	g_rand_free(r);
}
END_TEST

/* Little-endian u32 and length-prefixed strings of an OLE1 header. */
static void
put32(GByteArray *b, uint32_t v)
{
	uint8_t x[4] = { v & 0xFF, v >> 8 & 0xFF, v >> 16 & 0xFF, v >> 24 };

	g_byte_array_append(b, x, 4);
}

static void
putlp(GByteArray *b, const char *s, size_t n)
{
	put32(b, (uint32_t)n);
	g_byte_array_append(b, (const guint8 *)s, (guint)n);
}

/*
 * An RTF document with one \objdata: an OLE1 embedded object ([MS-OLEDS]
 * 2.2.4) of class cls; for "Package" its native data is the Packager
 * format around file (name bilag.txt), else file is the native data.
 */
static GString *
objdata_doc(const char *cls, const char *file)
{
	GByteArray *nat = g_byte_array_new(), *ole = g_byte_array_new();
	GString *doc = g_string_new("{\\rtf1\\ansi Se bilag.{\\object\\objemb{\\*\\objclass x}"
	    "{\\*\\objdata\n");

	if (strcmp(cls, "Package") == 0) {
		g_byte_array_append(nat, (const guint8 *)"\x02\x00" "bilag.txt\0C:\\Sag\\bilag.txt\0"
		    "\0\0\x03\0", 2 + 10 + 17 + 4);
		putlp(nat, "C:\\Temp\\bilag.txt", 18);
		putlp(nat, file, strlen(file));
	} else
		g_byte_array_append(nat, (const guint8 *)file, (guint)strlen(file));
	put32(ole, 0x0501);
	put32(ole, 2);
	putlp(ole, cls, strlen(cls) + 1);
	put32(ole, 0);
	put32(ole, 0);
	putlp(ole, (const char *)nat->data, nat->len);
	for (guint k = 0; k < ole->len; k++)
		g_string_append_printf(doc, "%02x%s", ole->data[k], k % 32 == 31 ? "\n" : "");
	g_string_append(doc, "}{\\result 12}}}");
	g_byte_array_free(nat, TRUE);
	g_byte_array_free(ole, TRUE);
	return doc;
}

START_TEST(objdata_package)
{
	GString *d = objdata_doc("Package", "Notat 42");
	seal_rtf_doc *doc = seal_rtf_read(d->str, d->len);
	seal_rtf_object *o;

	ck_assert_msg(doc->objects->len == 1, "package: got %u objects, want 1", doc->objects->len);
	o = g_ptr_array_index(doc->objects, 0);
	ck_assert_msg(strcmp(o->name, "bilag.txt") == 0, "package: got name \"%s\"", o->name);
	ck_assert_msg(o->len == 8 && memcmp(o->data, "Notat 42", 8) == 0,
	    "package: got %zu bytes, want the file's 8", o->len);
	ck_assert_msg(strcmp(doc->text, "Se bilag.12") == 0, "package: got text \"%s\"", doc->text);
	seal_rtf_doc_free(doc);
	g_string_free(d, TRUE);
}
END_TEST

START_TEST(objdata_native)
{
	GString *d = objdata_doc("Word.Document.8", "\xd0\xcf\x11\xe0 native");
	seal_rtf_doc *doc = seal_rtf_read(d->str, d->len);
	seal_rtf_object *o;

	ck_assert_msg(doc->objects->len == 1, "native: got %u objects, want 1", doc->objects->len);
	o = g_ptr_array_index(doc->objects, 0);
	ck_assert_msg(strcmp(o->name, "Word.Document.8") == 0, "native: got name \"%s\"", o->name);
	ck_assert_msg(o->len == 11 && memcmp(o->data, "\xd0\xcf\x11\xe0", 4) == 0,
	    "native: got %zu bytes, want the native data's 11", o->len);
	seal_rtf_doc_free(doc);
	g_string_free(d, TRUE);
}
END_TEST

START_TEST(objdata_not_ole1)
{
	const char *in = "{\\rtf1{\\*\\objdata 0102030405}x}";
	seal_rtf_doc *doc = seal_rtf_read(in, strlen(in));

	ck_assert_msg(doc->objects->len == 0 && doc->objects_dropped == 1,
	    "not OLE1: got %u objects, %u dropped; want 0, 1", doc->objects->len,
	    doc->objects_dropped);
	ck_assert_msg(strcmp(doc->text, "x") == 0, "not OLE1: got text \"%s\"", doc->text);
	seal_rtf_doc_free(doc);
}
END_TEST

/* Nesting beyond the bound: braces counted, no text lost, none invented. */
START_TEST(deep_nesting)
{
	GString *g = g_string_new("{\\rtf1 a");
	seal_rtf_doc *doc;

	for (int k = 0; k < 5000; k++)
		g_string_append(g, "{\\b ");
	g_string_append(g, "12");
	for (int k = 0; k < 5000; k++)
		g_string_append_c(g, '}');
	g_string_append(g, "{\\fonttbl{\\f0 X;}}b}");
	doc = seal_rtf_read(g->str, g->len);
	ck_assert_msg(strcmp(doc->text, "a12b") == 0, "deep: got \"%s\", want \"a12b\"", doc->text);
	seal_rtf_doc_free(doc);
	g_string_free(g, TRUE);
}
END_TEST

/* A document using every construct read above, for cutting and flipping. */
static GString *
rich_doc(void)
{
	GString *d = objdata_doc("Package", "Notat 42");

	g_string_truncate(d, d->len - 1);
	g_string_append(d, "{\\fonttbl{\\f1\\fcharset204 X;}{\\f2\\fcharset128 J;}}\\uc2\\u49\\'3f\\'3f"
	    "{\\f1\\'c3}{\\f2\\'82\\'a0}{\\field{\\*\\fldinst HYPERLINK \"x\"}{\\fldrslt 7}}"
	    "{\\info{\\title T}}{\\*\\annotation c}\\bin2 xy{\\v h}\\par\\u-10179?\\u-8704?"
	    "{\\*\\shppict{\\pict\\pngblip 89504e47}}{\\pict\\jpegblip\\bin2 ab}}");
	return d;
}

static void
check_doc(const char *in, size_t len, const char *what, unsigned k)
{
	seal_rtf_doc *doc = seal_rtf_read(in, len);

	ck_assert_msg(g_utf8_validate(doc->text, (gssize)doc->text_len, NULL) &&
	    doc->text[doc->text_len] == '\0', "%s %u: text not NUL-terminated UTF-8", what, k);
	ck_assert_msg(doc->objects->len <= SEAL_RTF_MAX_OBJECTS, "%s %u: too many objects", what, k);
	ck_assert_msg(doc->pictures->len <= SEAL_RTF_MAX_PICTURES, "%s %u: too many pictures",
	    what, k);
	seal_rtf_doc_free(doc);
}

/* Picture i of doc is exactly the n bytes want. */
static void
check_picture(const seal_rtf_doc *doc, guint i, const void *want, size_t n, const char *what)
{
	GByteArray *b;

	ck_assert_msg(doc->pictures->len > i, "%s: picture %u missing", what, i + 1);
	b = g_ptr_array_index(doc->pictures, i);
	ck_assert_msg(b->len == n && memcmp(b->data, want, n) == 0, "%s: picture %u bytes", what,
	    i + 1);
}

/*
 * issue 11: PNG and JPEG pictures kept for OCR, in every place Word and
 * LibreOffice put them; metafiles kept for their text records, except
 * the \nonshppict copy of a picture (skipped with its group) and bytes
 * that are no metafile (a package icon's stub).
 */
START_TEST(pictures_kept)
{
	static const char in[] = "{\\rtf1 Brev "
	    "{\\*\\shppict{\\pict{\\*\\picprop{\\sp{\\sn d}{\\sv 12}}}\\picw10\\pich10"
	    "\\pngblip 89504e47\r\n0d0a1a0a}}{\\nonshppict{\\pict\\wmetafile8 0102}}"
	    "{\\pict\\jpegblip\\bin4 \xff\xd8\xff\xe0}"
	    "{\\shp{\\*\\shpinst{\\sp{\\sn pib}{\\sv{\\pict\\pngblip 0a0B}}}"
	    "{\\sp{\\sn fillColor}{\\sv 123}}}}"
	    "{\\pict\\emfblip 010000002c00000000000000000000000000000000000000"
	    "0000000000000000000000000000000020454d46}"
	    "{\\pict\\wmetafile8 010009000003000000000000000000000000}"
	    "{\\pict\\wmetafile8 0100090000}x}";
	static const uint8_t png[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };
	static const uint8_t jpeg[] = { 0xff, 0xd8, 0xff, 0xe0 };
	static const uint8_t pib[] = { 0x0a, 0x0b };
	static const uint8_t emf[44] = { 1, 0, 0, 0, 44, [40] = ' ', 'E', 'M', 'F' };
	static const uint8_t wmf[18] = { 1, 0, 9, 0, 0, 3 };
	seal_rtf_doc *doc = seal_rtf_read(in, sizeof(in) - 1);

	ck_assert_str_eq(doc->text, "Brev x");
	ck_assert_uint_eq(doc->pictures->len, 5);
	check_picture(doc, 0, png, sizeof(png), "shppict hex, picprop left out");
	check_picture(doc, 1, jpeg, sizeof(jpeg), "jpegblip as \\bin");
	check_picture(doc, 2, pib, sizeof(pib), "shape picture property");
	check_picture(doc, 3, emf, sizeof(emf), "emfblip");
	check_picture(doc, 4, wmf, sizeof(wmf), "wmetafile8 (an icon's stub after it: not kept)");
	ck_assert_uint_eq(doc->pictures_dropped, 0);
	seal_rtf_doc_free(doc);
}
END_TEST

/*
 * A \dibitmap DIB gets the BMP file header in front: the file size and
 * where the bits start (header, BI_BITFIELDS masks, colour table). An 8-bit
 * DIB with a full table: 14 + 40 + 256 * 4; a 32-bit BI_BITFIELDS one:
 * 14 + 40 + 12; one too short for its header gets none.
 */
static GString *
dib_hex(unsigned bits, unsigned compression, size_t total)
{
	GString *h = g_string_new(NULL);

	for (size_t i = 0; i < total; i++) {
		unsigned v = 0;

		if (i == 0)
			v = 40;                 /* biSize */
		else if (i == 14)
			v = bits;               /* biBitCount */
		else if (i == 16)
			v = compression;        /* biCompression */
		g_string_append_printf(h, "%02x", v);
	}
	return h;
}

static void
check_bmp(const char *what, unsigned bits, unsigned compression, size_t total,
	uint32_t want_offset)
{
	GString *hex = dib_hex(bits, compression, total);
	char *in = g_strdup_printf("{\\rtf1 {\\pict\\dibitmap0 %s}}", hex->str);
	seal_rtf_doc *doc = seal_rtf_read(in, strlen(in));
	GByteArray *b;

	ck_assert_msg(doc->pictures->len == 1, "%s: kept", what);
	b = g_ptr_array_index(doc->pictures, 0);
	if (want_offset == 0)
		ck_assert_msg(b->len == total && b->data[0] == 40, "%s: no file header", what);
	else {
		ck_assert_msg(b->len == total + 14 && b->data[0] == 'B' && b->data[1] == 'M' &&
		    b->data[14] == 40, "%s: BM header in front", what);
		ck_assert_msg((uint32_t)(b->data[2] | b->data[3] << 8 | b->data[4] << 16) ==
		    total + 14, "%s: file size", what);
		ck_assert_msg((uint32_t)(b->data[10] | b->data[11] << 8 | b->data[12] << 16) ==
		    want_offset, "%s: bits offset", what);
	}
	seal_rtf_doc_free(doc);
	g_free(in);
	g_string_free(hex, TRUE);
}

START_TEST(pictures_dib)
{
	check_bmp("8-bit", 8, 0, 40 + 1024 + 16, 14 + 40 + 1024);
	check_bmp("24-bit", 24, 0, 40 + 48, 14 + 40);
	check_bmp("32-bit bit fields", 32, 3, 40 + 12 + 16, 14 + 40 + 12);
	check_bmp("1-bit", 1, 0, 40 + 8 + 8, 14 + 40 + 8);
	check_bmp("too short", 24, 0, 20, 0);
}
END_TEST

/* More than SEAL_RTF_MAX_PICTURES: the rest counted, not kept. */
START_TEST(pictures_bounded)
{
	GString *d = g_string_new("{\\rtf1 ");
	seal_rtf_doc *doc;

	for (unsigned k = 0; k < SEAL_RTF_MAX_PICTURES + 2; k++)
		g_string_append(d, "{\\pict\\pngblip 8950}");
	g_string_append(d, "{\\pict\\emfblip 01}}");
	doc = seal_rtf_read(d->str, d->len);
	ck_assert_uint_eq(doc->pictures->len, SEAL_RTF_MAX_PICTURES);
	ck_assert_uint_eq(doc->pictures_dropped, 3);     /* the metafile too */
	seal_rtf_doc_free(doc);
	g_string_free(d, TRUE);
}
END_TEST

/* Every prefix of the rich document (a cut attachment). */
START_TEST(truncations)
{
	GString *d = rich_doc();

	for (size_t n = 0; n <= d->len; n++)
		check_doc(d->str, n, "prefix", (unsigned)n);
	g_string_free(d, TRUE);
}
END_TEST

/* 3000 copies with 1-8 random bytes replaced (fixed seed: a failure repeats). */
START_TEST(mutations)
{
	GString *d = rich_doc();
	GRand *r = g_rand_new_with_seed(11);

	for (unsigned k = 0; k < 3000; k++) {
		char *m = g_memdup2(d->str, d->len);
		int flips = g_rand_int_range(r, 1, 9);

		for (int f = 0; f < flips; f++)
			m[g_rand_int_range(r, 0, (gint32)d->len)] = (char)g_rand_int_range(r, 0, 256);
		check_doc(m, d->len, "mutation", k);
		g_free(m);
	}
	g_rand_free(r);
	g_string_free(d, TRUE);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("rtftext");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);      /* the mutations, on a loaded machine */

	tcase_add_loop_test(tc, to_text, 0, G_N_ELEMENTS(cases));
	tcase_add_test(tc, is_rtf);
	tcase_add_test(tc, garbage);
	tcase_add_test(tc, objdata_package);
	tcase_add_test(tc, objdata_native);
	tcase_add_test(tc, objdata_not_ole1);
	tcase_add_test(tc, deep_nesting);
	tcase_add_test(tc, pictures_kept);
	tcase_add_test(tc, pictures_bounded);
	tcase_add_test(tc, pictures_dib);
	tcase_add_test(tc, truncations);
	tcase_add_test(tc, mutations);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
