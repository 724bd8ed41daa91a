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

/* The text of picture b (freed); *cut (if given) whether a bound cut it. */
static char *
meta_cut(GByteArray *b, int *cut)
{
	GString *out = g_string_new(NULL);
	int c = seal_picmeta_text(b->data, b->len, out);

	if (cut != NULL)
		*cut = c;
	g_byte_array_free(b, TRUE);
	return g_string_free(out, FALSE);
}

static char *
meta(GByteArray *b)
{
	return meta_cut(b, NULL);
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

/* Unsigned v in width bytes, big- or little-endian, at the end of b. */
static void
put(GByteArray *b, uint64_t v, unsigned width, int be)
{
	for (unsigned i = 0; i < width; i++) {
		unsigned shift = 8 * (be ? width - 1 - i : i);
		uint8_t x = (uint8_t)(v >> shift);

		g_byte_array_append(b, &x, 1);
	}
}

/* Zeros up to offset off. */
static void
pad_to(GByteArray *b, size_t off)
{
	while (b->len < off)
		g_byte_array_append(b, (const guint8 *)"", 1);
}

/* One classic-TIFF entry whose value sits at offset voff. */
static void
tiff_entry(GByteArray *b, unsigned tag, unsigned type, uint32_t count, uint32_t voff, int be)
{
	put(b, tag, 2, be);
	put(b, type, 2, be);
	put(b, count, 4, be);
	put(b, voff, 4, be);
}

/*
 * A scanner's TIFF: 100 KB of pixels first, the directory after them
 * (beyond libexif's 64 KB), with an ASCII description, a second string
 * in the same value, Windows' XPComment in UTF-16, an EXIF directory
 * with a Unicode user comment; the page chain's next directory loops
 * back to the first.
 */
START_TEST(tiff_after_pixels)
{
	GByteArray *b = g_byte_array_new();
	static const char desc[] = "Sag 070761-4285\0Side 2";
	static const uint8_t xp[] = "c\0p\0r\0 \0" "1\0" "7\0" "0\0" "5\0" "8\0" "3\0-\0"
	    "1\0" "8\0" "8\0" "9\0\0";
	static const uint8_t uc[] = "UNICODE\0" "2\0" "9\0" "0\0" "2\0" "0\0" "0\0-\0"
	    "4\0" "2\0" "1\0" "4\0";
	uint32_t ifd = 8 + 100000, vals = ifd + 2 + 3 * 12 + 4, exif = vals + 64;
	char *got;

	g_byte_array_append(b, (const guint8 *)"II*\0", 4);
	put(b, ifd, 4, 0);
	pad_to(b, ifd);
	put(b, 3, 2, 0);
	tiff_entry(b, 0x010e, 2, sizeof(desc), vals, 0);
	tiff_entry(b, 0x8769, 4, 1, exif, 0);
	tiff_entry(b, 0x9c9c, 1, sizeof(xp) - 1, vals + 24, 0);
	put(b, ifd, 4, 0);                      /* next: itself */
	g_byte_array_append(b, (const guint8 *)desc, sizeof(desc));
	pad_to(b, vals + 24);
	g_byte_array_append(b, xp, sizeof(xp) - 1);
	pad_to(b, exif);
	put(b, 1, 2, 0);
	tiff_entry(b, 0x9286, 7, sizeof(uc) - 1, exif + 18, 0);
	put(b, 0, 4, 0);
	g_byte_array_append(b, uc, sizeof(uc) - 1);
	got = meta(b);
	ck_assert_msg(strstr(got, "Sag 070761-4285") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "Side 2") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "cpr 170583-1889") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "290200-4214") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "Sag 070761-4285") == g_strrstr(got, "Sag 070761"),
	    "a looping directory was read twice: \"%s\"", got);
	g_free(got);
}
END_TEST

/* Big-endian BigTIFF, the description on the second page; damaged entries. */
START_TEST(bigtiff_pages_damage)
{
	GByteArray *b = g_byte_array_new();
	static const char desc[] = "Side to: 070761-4285";
	char *got;

	g_byte_array_append(b, (const guint8 *)"MM\0+\0\x08\0\0", 8);
	put(b, 16, 8, 1);
	/* page 1 at 16: two damaged entries, next page at 16 + 8 + 2 * 20 + 8 */
	put(b, 2, 8, 1);
	put(b, 0x010e, 2, 1);
	put(b, 2, 2, 1);
	put(b, 0xffffffffffULL, 8, 1);          /* count past the file */
	put(b, 16, 8, 1);
	put(b, 0x010d, 2, 1);
	put(b, 2, 2, 1);
	put(b, 40, 8, 1);
	put(b, 0x7fffffff, 8, 1);               /* value past the file */
	put(b, 72, 8, 1);
	ck_assert_uint_eq(b->len, 72);
	put(b, 1, 8, 1);
	put(b, 0x011d, 2, 1);                   /* PageName */
	put(b, 2, 2, 1);
	put(b, sizeof(desc), 8, 1);
	put(b, 72 + 8 + 20 + 8, 8, 1);
	put(b, 0, 8, 1);
	g_byte_array_append(b, (const guint8 *)desc, sizeof(desc));
	got = meta(b);
	ck_assert_msg(strstr(got, desc) != NULL, "got \"%s\"", got);
	g_free(got);
	/* a directory count past the end, and a truncated header: nothing */
	b = g_byte_array_new();
	g_byte_array_append(b, (const guint8 *)"II*\0\x08\0\0\0\xff\xff", 10);
	g_byte_array_append(b, (const guint8 *)"Sag 070761-4285", 15);
	got = meta(b);
	ck_assert_str_eq(got, "");
	g_free(got);
}
END_TEST

/* A little-endian TIFF of pages page directories, the last one named. */
static GByteArray *
tiff_pages(unsigned pages, unsigned entries)
{
	GByteArray *b = g_byte_array_new();
	static const char name[] = "Sag 070761-4285";

	g_byte_array_append(b, (const guint8 *)"II*\0", 4);
	put(b, 8, 4, 0);
	for (unsigned p = 1; p <= pages; p++) {
		size_t next = b->len + 2 + 12 + 4;

		put(b, p == pages ? entries : 1, 2, 0);
		put(b, 0x011d, 2, 0);                   /* PageName */
		put(b, 2, 2, 0);
		put(b, p == pages ? sizeof(name) : 4, 4, 0);
		if (p == pages)
			put(b, next, 4, 0);
		else
			g_byte_array_append(b, (const guint8 *)"p.1", 4);
		put(b, p == pages ? 0 : next, 4, 0);
	}
	g_byte_array_append(b, (const guint8 *)name, sizeof(name));
	return b;
}

/*
 * What the bounds leave unread is reported, never passed as read: more
 * than 256 TIFF directories, a directory of more than 4096 entries,
 * more than 1 MiB of text. Within the bounds nothing is reported.
 */
START_TEST(bounds_reported)
{
	GByteArray *b;
	char *got, *big;
	int cut = -1;

	got = meta_cut(tiff_pages(200, 1), &cut);
	ck_assert_msg(strstr(got, "Sag 070761-4285") != NULL, "got \"%s\"", got);
	ck_assert_int_eq(cut, 0);
	g_free(got);
	got = meta_cut(tiff_pages(300, 1), &cut);
	ck_assert_msg(strstr(got, "070761-4285") == NULL, "read past the bound");
	ck_assert_int_eq(cut, 1);
	g_free(got);
	got = meta_cut(tiff_pages(2, 5000), &cut);
	ck_assert_int_eq(cut, 1);
	g_free(got);
	b = png_start();
	big = g_strnfill(1100 * 1024, 'x');
	big[0] = 'C';
	big[1] = '\0';
	memset(big + 2, 'x', 1100 * 1024 - 2);
	png_chunk(b, "tEXt", big, 1100 * 1024);
	png_chunk(b, "tEXt", LIT("Note\0sag 070761-4285"));
	png_chunk(b, "IEND", "", 0);
	got = meta_cut(b, &cut);
	ck_assert_int_eq(cut, 1);
	g_free(got);
	g_free(big);
	b = png_start();
	png_chunk(b, "tEXt", LIT("Note\0sag 070761-4285"));
	got = meta_cut(b, &cut);
	ck_assert_int_eq(cut, 0);
	g_free(got);
}
END_TEST

/* One IPTC-IIM dataset with a 2-byte length. */
static void
iptc_set(GByteArray *i, unsigned rec, unsigned num, const char *v, size_t len)
{
	uint8_t h[3] = { 0x1c, (uint8_t)rec, (uint8_t)num };

	g_byte_array_append(i, h, 3);
	put(i, len, 2, 1);
	g_byte_array_append(i, (const guint8 *)v, (guint)len);
}

/*
 * Photoshop resources: a thumbnail (not text), then IPTC-IIM: the record
 * version, ESC % G (UTF-8), a caption, keywords with an extended length.
 */
static GByteArray *
iptc_block(void)
{
	GByteArray *i = g_byte_array_new(), *r = g_byte_array_new();

	iptc_set(i, 2, 0, LIT("\0\4"));
	iptc_set(i, 1, 90, LIT("\x1b%G"));
	iptc_set(i, 2, 120, LIT("S\xc3\xb8ren 070761-4285 ok"));
	g_byte_array_append(i, (const guint8 *)"\x1c\x02\x19\x80\x02\x00\x0f", 7);
	g_byte_array_append(i, (const guint8 *)"kw 170583-1889!", 15);
	g_byte_array_append(r, (const guint8 *)LIT("8BIM\x04\x0c\0\0\0\0\0\3xyz\0"));
	g_byte_array_append(r, (const guint8 *)LIT("8BIM\x04\x04\3" "abc"));
	put(r, i->len, 4, 1);
	g_byte_array_append(r, i->data, i->len);
	g_byte_array_free(i, TRUE);
	return r;
}

START_TEST(jpeg_photoshop_iptc)
{
	GByteArray *b = g_byte_array_new(), *r = iptc_block(), *seg = g_byte_array_new();
	char *got;

	g_byte_array_append(seg, (const guint8 *)"Photoshop 3.0", 14);
	g_byte_array_append(seg, r->data, r->len);
	g_byte_array_append(b, (const guint8 *)"\xff\xd8", 2);
	jpeg_segment(b, 0xed, seg->data, seg->len);
	jpeg_segment(b, 0xe1, LIT("http://ns.adobe.com/xmp/extension/\0"
	    "0123456789abcdef0123456789ABCDEF\0\0\0\x40\0\0\0\0<rdf:li>lang 290200-4214</rdf:li>"));
	jpeg_segment(b, 0xda, "\0\0", 2);
	got = meta(b);
	ck_assert_msg(strstr(got, "S\xc3\xb8ren 070761-4285 ok") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "kw 170583-1889!") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "lang 290200-4214") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "xyz") == NULL, "read a resource that is no text: \"%s\"", got);
	g_byte_array_free(seg, TRUE);
	g_byte_array_free(r, TRUE);
	g_free(got);
}
END_TEST

/* A piece of a long XMP packet: GUID, full length, offset, data. */
static void
xmp_piece(GByteArray *b, const char *guid, size_t full, size_t at, const char *d)
{
	GByteArray *s = g_byte_array_new();

	g_byte_array_append(s, (const guint8 *)"http://ns.adobe.com/xmp/extension/", 35);
	g_byte_array_append(s, (const guint8 *)guid, 32);
	put(s, full, 4, 1);
	put(s, at, 4, 1);
	g_byte_array_append(s, (const guint8 *)d, (guint)strlen(d));
	jpeg_segment(b, 0xe1, s->data, s->len);
	g_byte_array_free(s, TRUE);
}

/*
 * What spans several segments is read whole: Photoshop resources cut
 * over two APP13 segments in the middle of a caption's number, a long
 * XMP packet whose pieces come out of order with a number cut at their
 * edge. A piece of another packet, or past its packet's length, is read
 * on its own; a resource cut short by the file is read as far as it goes.
 */
START_TEST(jpeg_pieces_joined)
{
	GByteArray *b = g_byte_array_new(), *r = iptc_block(), *seg = g_byte_array_new();
	static const char g1[] = "0123456789abcdef0123456789ABCDEF";
	static const char g2[] = "FEDCBA9876543210fedcba9876543210";
	const guint8 *cut = memmem(r->data, r->len, "070761", 6);
	size_t first = (size_t)(cut - r->data) + 4;
	char *got;

	g_byte_array_append(b, (const guint8 *)"\xff\xd8", 2);
	g_byte_array_append(seg, (const guint8 *)"Photoshop 3.0", 14);
	g_byte_array_append(seg, r->data, (guint)first);
	jpeg_segment(b, 0xed, seg->data, seg->len);
	g_byte_array_set_size(seg, 14);
	g_byte_array_append(seg, r->data + first, r->len - (guint)first);
	jpeg_segment(b, 0xed, seg->data, seg->len);
	xmp_piece(b, g1, 30, 12, "00-4214</li>");
	xmp_piece(b, g2, 100, 0, "<li>other 170583-1889</li>");
	xmp_piece(b, g1, 30, 0, "<li>xmp 2902");
	xmp_piece(b, g1, 30, 28, "<li>past 170583-1889</li>");
	jpeg_segment(b, 0xda, "\0\0", 2);
	got = meta(b);
	ck_assert_msg(strstr(got, "S\xc3\xb8ren 070761-4285 ok") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "kw 170583-1889!") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "xmp 290200-4214") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "other 170583-1889") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "past 170583-1889") != NULL, "got \"%s\"", got);
	g_free(got);
	/* the caption's resource cut short by the end of the file */
	b = g_byte_array_new();
	g_byte_array_append(b, (const guint8 *)"\xff\xd8", 2);
	g_byte_array_set_size(seg, 14);
	g_byte_array_append(seg, r->data, (guint)first + 10);
	jpeg_segment(b, 0xed, seg->data, seg->len);
	got = meta(b);
	ck_assert_msg(strstr(got, "S\xc3\xb8ren 070761-4285 ok") != NULL, "got \"%s\"", got);
	g_free(got);
	g_byte_array_free(seg, TRUE);
	g_byte_array_free(r, TRUE);
}
END_TEST

/* GIF: a comment, a plain text grid and a raw XMP packet with its trailer. */
START_TEST(gif_comment_text_xmp)
{
	GByteArray *b = g_byte_array_new();
	static const char xmp[] = "<x:xmpmeta><rdf:li>gif 290200-4214</rdf:li></x:xmpmeta>";
	uint8_t trailer[258];
	char *got;

	g_byte_array_append(b, (const guint8 *)LIT("GIF89a\1\0\1\0\x80\0\0"));
	g_byte_array_append(b, (const guint8 *)LIT("\0\0\0\xff\xff\xff"));     /* 2 colours */
	g_byte_array_append(b, (const guint8 *)LIT("\x21\xfe\x08note 070\x07" "761-428\1" "5\0"));
	g_byte_array_append(b, (const guint8 *)LIT("\x21\1\x0c" "0123456789ab\x0f" "cpr 170583-1889\0"));
	g_byte_array_append(b, (const guint8 *)LIT("\x2c\0\0\0\0\1\0\1\0\0\2\2\x44\1\0"));
	g_byte_array_append(b, (const guint8 *)LIT("\x21\xff\x0b" "XMP DataXMP"));
	g_byte_array_append(b, (const guint8 *)xmp, sizeof(xmp) - 1);
	trailer[0] = 1;
	for (int i = 1; i < 257; i++)
		trailer[i] = (uint8_t)(256 - i);
	trailer[257] = 0;
	g_byte_array_append(b, trailer, sizeof(trailer));
	g_byte_array_append(b, (const guint8 *)";", 1);
	got = meta(b);
	ck_assert_msg(strstr(got, "note 070761-4285") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "cpr 170583-1889") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "gif 290200-4214") != NULL, "got \"%s\"", got);
	ck_assert_msg(strstr(got, "0123456789ab") == NULL, "read the grid header: \"%s\"", got);
	g_free(got);
	/* a comment block longer than the file: not read */
	b = g_byte_array_new();
	g_byte_array_append(b, (const guint8 *)LIT("GIF89a\1\0\1\0\0\0\0"));
	g_byte_array_append(b, (const guint8 *)LIT("\x21\xfe\x0f" "070761-4285"));
	got = meta(b);
	ck_assert_str_eq(got, "");
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
	g_byte_array_append(b, (const guint8 *)"BM 070761-4285 not a GIF or TIFF", 32);
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
	tcase_add_test(tc, tiff_after_pixels);
	tcase_add_test(tc, bigtiff_pages_damage);
	tcase_add_test(tc, bounds_reported);
	tcase_add_test(tc, jpeg_photoshop_iptc);
	tcase_add_test(tc, jpeg_pieces_joined);
	tcase_add_test(tc, gif_comment_text_xmp);
	tcase_add_test(tc, nothing);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
