/*
 * test_picmeta.c - text in pictures' metadata (src/mime/picmeta.c): PNG
 * text chunks (plain, deflated, international), JPEG comments, EXIF through
 * libexif and XMP, and the containers' damage: a truncated or lying chunk
 * length, a deflate bomb, a segment length past the end. Pictures are
 * built here byte by byte (no pixels are needed: only the text is read).
 */
#include <string.h>

#include <check.h>
#include <glib.h>
#include <zlib.h>

#include "check_main.h"
#include "picmeta.h"

static const char number[] = "070761-4285";

/* A string literal and its length without the final NUL. */
#define LIT(s) s, sizeof(s) - 1

static void
be32(GByteArray *b, uint32_t v)
{
	uint8_t x[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };

	g_byte_array_append(b, x, 4);
}

static void
png_chunk(GByteArray *b, const char *type, const void *data, size_t len)
{
	be32(b, (uint32_t)len);
	g_byte_array_append(b, (const guint8 *)type, 4);
	g_byte_array_append(b, data, (guint)len);
	be32(b, 0);     /* the CRC is not checked: a reader would not either */
}

static GByteArray *
png_start(void)
{
	GByteArray *b = g_byte_array_new();

	g_byte_array_append(b, (const guint8 *)"\x89PNG\r\n\x1a\n", 8);
	png_chunk(b, "IHDR", LIT("\0\0\0\1\0\0\0\1\10\0\0\0\0"));
	return b;
}

static char *
meta(GByteArray *b)
{
	GString *out = g_string_new(NULL);

	seal_picmeta_text(b->data, b->len, out);
	g_byte_array_free(b, TRUE);
	return g_string_free(out, FALSE);
}

START_TEST(png_text_chunks)
{
	GByteArray *b = png_start(), *z = g_byte_array_new();
	uLongf zl = compressBound(64);
	uint8_t zbuf[128];
	char *got;

	png_chunk(b, "tEXt", LIT("Comment\0S\xf8ren 070761-4285"));
	/* zTXt: keyword, method 0, deflated text */
	ck_assert_int_eq(compress(zbuf, &zl, (const Bytef *)"cpr 170583-1889", 15), Z_OK);
	g_byte_array_append(z, (const guint8 *)"Description\0\0", 13);
	g_byte_array_append(z, zbuf, (guint)zl);
	png_chunk(b, "zTXt", z->data, z->len);
	/* iTXt: uncompressed, language, translated keyword, UTF-8 text */
	png_chunk(b, "iTXt", LIT("Title\0\0\0da\0Titel\0\xc3\x86" "ble 290200-4214"));
	png_chunk(b, "IEND", "", 0);
	png_chunk(b, "tEXt", LIT("After\0end 111111-1118"));
	got = meta(b);
	ck_assert_msg(strstr(got, "S\xc3\xb8ren 070761-4285") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "cpr 170583-1889") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "\xc3\x86" "ble 290200-4214") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "111111") == NULL, "read past IEND: \"%s\"", got);
	g_byte_array_free(z, TRUE);
	g_free(got);
}
END_TEST

/* A chunk whose length runs past the end, and a 64 MiB deflate bomb. */
START_TEST(png_damage)
{
	GByteArray *b = png_start(), *z = g_byte_array_new();
	size_t big = 64 * 1024 * 1024;
	uint8_t *zeros = g_malloc0(big);
	uLongf zl = compressBound(big);
	uint8_t *zbuf = g_malloc(zl);
	char *got;

	ck_assert_int_eq(compress(zbuf, &zl, zeros, big), Z_OK);
	g_byte_array_append(z, (const guint8 *)"Bomb\0\0", 6);
	g_byte_array_append(z, zbuf, (guint)zl);
	png_chunk(b, "tEXt", LIT("Comment\0first 070761-4285"));
	png_chunk(b, "zTXt", z->data, z->len);
	be32(b, 0x7ffffff0);
	g_byte_array_append(b, (const guint8 *)"tEXtComment", 11);
	got = meta(b);
	ck_assert_msg(strstr(got, number) != NULL, "got \"%.40s\"", got);
	ck_assert_msg(strlen(got) <= 1024 * 1024 + 64, "bomb inflated to %zu", strlen(got));
	g_byte_array_free(z, TRUE);
	g_free(zeros);
	g_free(zbuf);
	g_free(got);
}
END_TEST

static void
jpeg_segment(GByteArray *b, uint8_t marker, const void *data, size_t len)
{
	uint8_t h[4] = { 0xff, marker, (uint8_t)((len + 2) >> 8), (uint8_t)(len + 2) };

	g_byte_array_append(b, h, 4);
	g_byte_array_append(b, data, (guint)len);
}

/* EXIF: a little-endian TIFF header, IFD0 with ImageDescription (ASCII). */
static GByteArray *
exif_block(const char *desc)
{
	GByteArray *e = g_byte_array_new();
	size_t dl = strlen(desc) + 1;
	uint8_t ifd[] = {
		1, 0,                           /* one entry */
		0x0e, 0x01, 2, 0,               /* ImageDescription, ASCII */
		(uint8_t)dl, 0, 0, 0,           /* count */
		26, 0, 0, 0,                    /* offset of the value */
		0, 0, 0, 0,                     /* no next IFD */
	};

	g_byte_array_append(e, (const guint8 *)"Exif\0\0II*\0\x08\0\0\0", 14);
	g_byte_array_append(e, ifd, sizeof(ifd));
	g_byte_array_append(e, (const guint8 *)desc, (guint)dl);
	return e;
}

START_TEST(jpeg_comment_exif_xmp)
{
	GByteArray *b = g_byte_array_new(), *e = exif_block("Borger 070761-4285");
	static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:li>"
	    "sag 170583-1889</rdf:li></x:xmpmeta>";
	char *got;

	g_byte_array_append(b, (const guint8 *)"\xff\xd8", 2);
	jpeg_segment(b, 0xfe, LIT("note 290200-4214"));
	jpeg_segment(b, 0xe1, e->data, e->len);
	jpeg_segment(b, 0xe1, xmp, sizeof(xmp) - 1);
	jpeg_segment(b, 0xda, "\0\0", 2);
	jpeg_segment(b, 0xfe, LIT("after scan 111111-1118"));
	got = meta(b);
	ck_assert_msg(strstr(got, "note 290200-4214") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "Borger 070761-4285") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "sag 170583-1889") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "111111") == NULL, "read past the scan: \"%s\"", got);
	g_byte_array_free(e, TRUE);
	g_free(got);
}
END_TEST

/* EXIF whose offsets point past its end, a segment length past the file. */
START_TEST(jpeg_damage)
{
	GByteArray *b = g_byte_array_new(), *e = exif_block("x 070761-4285");
	char *got;

	e->data[6 + 4] = 0xf0;          /* IFD0 offset far outside */
	g_byte_array_append(b, (const guint8 *)"\xff\xd8", 2);
	jpeg_segment(b, 0xe1, e->data, e->len);
	jpeg_segment(b, 0xfe, LIT("kept 290200-4214"));
	g_byte_array_append(b, (const guint8 *)"\xff\xfe\xff\xf0short", 9);
	got = meta(b);
	ck_assert_msg(strstr(got, "kept 290200-4214") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "short") == NULL, "read a lying segment: \"%s\"", got);
	g_byte_array_free(e, TRUE);
	g_free(got);
}
END_TEST

START_TEST(webp_exif_odd_chunk)
{
	GByteArray *b = g_byte_array_new(), *e = exif_block("webp 070761-4285");
	uint8_t h[8];
	char *got;

	g_byte_array_append(b, (const guint8 *)"RIFF\0\0\0\0WEBP", 12);
	memcpy(h, "ALPH", 4);
	h[4] = 3; h[5] = h[6] = h[7] = 0;
	g_byte_array_append(b, h, 8);
	g_byte_array_append(b, (const guint8 *)"abc\0", 4);  /* odd size, padded */
	memcpy(h, "EXIF", 4);
	h[4] = (uint8_t)(e->len - 6); h[5] = h[6] = h[7] = 0;
	g_byte_array_append(b, h, 8);
	g_byte_array_append(b, e->data + 6, e->len - 6);   /* without "Exif\0\0" */
	got = meta(b);
	ck_assert_msg(strstr(got, "webp 070761-4285") != NULL, "got \"%s\"", got);
	g_byte_array_free(e, TRUE);
	g_free(got);
}
END_TEST

/* Not a picture, or a picture without metadata: nothing. */
START_TEST(nothing)
{
	GByteArray *b = png_start();
	char *got;

	png_chunk(b, "IEND", "", 0);
	got = meta(b);
	ck_assert_str_eq(got, "");
	g_free(got);
	b = g_byte_array_new();
	g_byte_array_append(b, (const guint8 *)"GIF89a 070761-4285", 18);
	got = meta(b);
	ck_assert_str_eq(got, "");
	g_free(got);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("picmeta");
	TCase *tc = tcase_create("picmeta");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, png_text_chunks);
	tcase_add_test(tc, png_damage);
	tcase_add_test(tc, jpeg_comment_exif_xmp);
	tcase_add_test(tc, jpeg_damage);
	tcase_add_test(tc, webp_exif_odd_chunk);
	tcase_add_test(tc, nothing);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
