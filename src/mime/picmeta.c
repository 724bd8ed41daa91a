/*
 * picmeta.c - the text a picture file carries besides its pixels
 * (picmeta.h): a caption, comment or author typed into a photo's
 * properties travels with the file, unseen by OCR.
 *
 * PNG: tEXt (Latin-1), zTXt (deflated Latin-1), iTXt (UTF-8, maybe
 * deflated; the XMP packet XML:com.adobe.xmp read as XML) and eXIf.
 * JPEG: COM segments, APP1 Exif, APP1 XMP (and the pieces of a long XMP
 * packet) and APP13 Photoshop resources (IPTC, XMP), up to the first scan.
 * WebP: the EXIF and "XMP " chunks. GIF: comment, plain text and XMP
 * extensions. TIFF: picmeta_tiff.c. HEIF and AVIF: the EXIF and XMP blocks
 * libheif finds. EXIF is read by libexif: every ASCII entry, the user
 * comment and Windows' XP title, comment, author, keywords and subject. The container walks are bounds-checked by hand
 * (length-prefixed chunks); nothing is decoded but the text.
 */
#include <string.h>

#include <glib.h>
#include <libexif/exif-data.h>
#include <zlib.h>

#include "heif.h"
#include "picmeta.h"
#include "picmeta_internal.h"

static const char xmp_jpeg[] = "http://ns.adobe.com/xap/1.0/";
static const char xmp_ext[] = "http://ns.adobe.com/xmp/extension/";
static const char photoshop[] = "Photoshop 3.0";

struct exif_walk {
	GString *out;
};

static void
exif_entry(ExifEntry *e, void *user)
{
	struct exif_walk *x = user;
	char buf[2048];

	if (e->format != EXIF_FORMAT_ASCII && e->tag != EXIF_TAG_USER_COMMENT &&
	    e->tag != EXIF_TAG_XP_TITLE && e->tag != EXIF_TAG_XP_COMMENT &&
	    e->tag != EXIF_TAG_XP_AUTHOR && e->tag != EXIF_TAG_XP_KEYWORDS &&
	    e->tag != EXIF_TAG_XP_SUBJECT)
		return;
	buf[0] = '\0';
	if (exif_entry_get_value(e, buf, sizeof(buf)) == NULL)
		return;
	buf[sizeof(buf) - 1] = '\0';
	seal_picmeta_add_bytes(x->out, (const uint8_t *)buf, strlen(buf), NULL);
	memset(buf, 0, sizeof(buf));
}

static void
exif_content(ExifContent *c, void *user)
{
	exif_content_foreach_entry(c, exif_entry, user);
}

/* EXIF data: "Exif\0\0" and a TIFF header, or the TIFF header alone. */
static void
add_exif(GString *out, const uint8_t *d, size_t len)
{
	struct exif_walk x = { out };
	uint8_t *buf = NULL;
	ExifData *ed;

	if (len < 8 || len > 16 * 1024 * 1024)
		return;
	if (memcmp(d, "Exif\0\0", 6) != 0) {
		buf = g_malloc(len + 6);
		memcpy(buf, "Exif\0\0", 6);
		memcpy(buf + 6, d, len);
		d = buf;
		len += 6;
	}
	ed = exif_data_new();
	if (ed != NULL) {
		/* read what is there; add nothing the specification wants */
		exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
		exif_data_load_data(ed, d, (unsigned int)len);
		exif_data_foreach_content(ed, exif_content, &x);
		exif_data_unref(ed);
	}
	g_free(buf);
}

/* An inflated text is wiped before it is freed (it may hold a number). */
static void
wipe_free(GByteArray *z)
{
	if (z->len > 0)
		memset(z->data, 0, z->len);
	g_byte_array_free(z, TRUE);
}

/* zlib data inflated to at most SEAL_PICMETA_MAX_TEXT bytes (a bomb stops there). */
static GByteArray *
inflate_bounded(const uint8_t *d, size_t len)
{
	GByteArray *o = g_byte_array_new();
	z_stream z;
	uint8_t chunk[16384];
	int rc = Z_OK;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return o;
	z.next_in = (Bytef *)(uintptr_t)d;
	z.avail_in = (uInt)MIN(len, (size_t)UINT_MAX);
	while (rc == Z_OK && o->len < SEAL_PICMETA_MAX_TEXT) {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END)
			break;
		g_byte_array_append(o, chunk, (guint)(sizeof(chunk) - z.avail_out));
		if (z.avail_out == sizeof(chunk) && rc == Z_OK && z.avail_in == 0)
			break;
	}
	inflateEnd(&z);
	memset(chunk, 0, sizeof(chunk));
	return o;
}

static void
png_text(GString *out, const uint8_t *d, size_t len, int compressed)
{
	const uint8_t *nul = memchr(d, 0, MIN(len, (size_t)80));
	size_t off;
	GByteArray *z;

	if (nul == NULL)
		return;
	off = (size_t)(nul - d) + 1;
	seal_picmeta_add_bytes(out, d, off - 1, "iso-8859-1");       /* the keyword */
	if (!compressed) {
		seal_picmeta_add_bytes(out, d + off, len - off, "iso-8859-1");
		return;
	}
	if (off + 1 > len)
		return;
	z = inflate_bounded(d + off + 1, len - off - 1);
	seal_picmeta_add_bytes(out, z->data, z->len, "iso-8859-1");
	wipe_free(z);
}

/* iTXt: keyword, compression flag and method, language, translated keyword, text. */
static void
png_itxt(GString *out, const uint8_t *d, size_t len)
{
	const uint8_t *p = memchr(d, 0, MIN(len, (size_t)80)), *end = d + len;
	int xmp, compressed;
	GByteArray *z = NULL;

	if (p == NULL || end - p < 3)
		return;
	xmp = (size_t)(p - d) == 17 && memcmp(d, "XML:com.adobe.xmp", 17) == 0;
	compressed = p[1] != 0;
	p += 3;
	for (int field = 0; field < 2; field++) {   /* language, translated keyword */
		const uint8_t *q = memchr(p, 0, (size_t)(end - p));

		if (q == NULL)
			return;
		if (field == 1)
			seal_picmeta_add_bytes(out, p, (size_t)(q - p), "utf-8");
		p = q + 1;
	}
	if (compressed) {
		z = inflate_bounded(p, (size_t)(end - p));
		if (z->len == 0) {      /* nothing inflated: no text (and no data pointer) */
			wipe_free(z);
			return;
		}
		p = z->data;
		end = z->data + z->len;
	}
	if (xmp)
		seal_picmeta_add_xmp(out, p, (size_t)(end - p));
	else
		seal_picmeta_add_bytes(out, p, (size_t)(end - p), "utf-8");
	if (z != NULL)
		wipe_free(z);
}

static void
png_meta(GString *out, const uint8_t *d, size_t n)
{
	size_t off = 8;

	while (n - off >= 12 && out->len < SEAL_PICMETA_MAX_TEXT) {
		uint32_t clen = (uint32_t)d[off] << 24 | (uint32_t)d[off + 1] << 16 |
		    (uint32_t)d[off + 2] << 8 | d[off + 3];
		const uint8_t *type = d + off + 4, *data = d + off + 8;

		if (clen > n - off - 12)
			break;                  /* truncated: keep what was read */
		if (memcmp(type, "tEXt", 4) == 0)
			png_text(out, data, clen, 0);
		else if (memcmp(type, "zTXt", 4) == 0)
			png_text(out, data, clen, 1);
		else if (memcmp(type, "iTXt", 4) == 0)
			png_itxt(out, data, clen);
		else if (memcmp(type, "eXIf", 4) == 0)
			add_exif(out, data, clen);
		else if (memcmp(type, "IEND", 4) == 0)
			break;
		off += 12 + (size_t)clen;
	}
}

/*
 * The pieces of a JPEG's metadata that may span several segments (a
 * segment holds at most 64 KB): the Photoshop resources, whose APP13
 * segments are read as one block, and a long XMP packet, whose APP1
 * pieces carry their place in the whole and are put back together (a
 * number cut at a piece's edge is read whole).
 */
struct jpeg_pieces {
	GByteArray *irb;        /* the APP13 payloads, in file order */
	GByteArray *xmp;        /* the extended packet, by offset */
	uint8_t guid[32];       /* whose pieces xmp holds */
};

/* A piece of a long XMP packet: GUID, full length, offset, data. */
static void
jpeg_xmp_piece(GString *out, struct jpeg_pieces *p, const uint8_t *d, size_t len)
{
	size_t full, at;

	full = (size_t)d[32] << 24 | (size_t)d[33] << 16 | (size_t)d[34] << 8 | d[35];
	at = (size_t)d[36] << 24 | (size_t)d[37] << 16 | (size_t)d[38] << 8 | d[39];
	if (p->xmp == NULL && full > 0) {
		p->xmp = g_byte_array_sized_new((guint)MIN(full, (size_t)SEAL_PICMETA_MAX_TEXT));
		g_byte_array_set_size(p->xmp, (guint)MIN(full, (size_t)SEAL_PICMETA_MAX_TEXT));
		memset(p->xmp->data, ' ', p->xmp->len); /* a missing piece reads as space */
		memcpy(p->guid, d, sizeof(p->guid));
	}
	if (p->xmp != NULL && memcmp(p->guid, d, sizeof(p->guid)) == 0 &&
	    at <= p->xmp->len && len - 40 <= p->xmp->len - at) {
		memcpy(p->xmp->data + at, d + 40, len - 40);
		return;
	}
	/* another packet's piece, or one out of bounds: read on its own */
	seal_picmeta_add_xmp(out, d + 40, len - 40);
}

static void
jpeg_meta(GString *out, const uint8_t *d, size_t n)
{
	struct jpeg_pieces p = { g_byte_array_new(), NULL, { 0 } };
	size_t off = 2;

	while (n - off >= 4 && out->len < SEAL_PICMETA_MAX_TEXT) {
		uint8_t m;
		size_t slen;

		if (d[off] != 0xff)
			break;
		m = d[off + 1];
		if (m == 0xff) {                /* fill byte */
			off++;
			continue;
		}
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd8)) {
			off += 2;               /* no length */
			continue;
		}
		if (m == 0xda || m == 0xd9)
			break;                  /* the scan: metadata comes before */
		slen = (size_t)d[off + 2] << 8 | d[off + 3];
		if (slen < 2 || slen > n - off - 2)
			break;
		if (m == 0xfe)
			seal_picmeta_add_bytes(out, d + off + 4, slen - 2, NULL);
		else if (m == 0xe1 && slen - 2 >= 6 && memcmp(d + off + 4, "Exif\0\0", 6) == 0)
			add_exif(out, d + off + 4, slen - 2);
		else if (m == 0xe1 && slen - 2 > sizeof(xmp_jpeg) &&
		    memcmp(d + off + 4, xmp_jpeg, sizeof(xmp_jpeg)) == 0)
			seal_picmeta_add_xmp(out, d + off + 4 + sizeof(xmp_jpeg), slen - 2 - sizeof(xmp_jpeg));
		else if (m == 0xe1 && slen - 2 > sizeof(xmp_ext) + 40 &&
		    memcmp(d + off + 4, xmp_ext, sizeof(xmp_ext)) == 0)
			jpeg_xmp_piece(out, &p, d + off + 4 + sizeof(xmp_ext),
			    slen - 2 - sizeof(xmp_ext));
		else if (m == 0xed && slen - 2 > sizeof(photoshop) &&
		    memcmp(d + off + 4, photoshop, sizeof(photoshop)) == 0)
			g_byte_array_append(p.irb, d + off + 4 + sizeof(photoshop),
			    (guint)(slen - 2 - sizeof(photoshop)));
		off += 2 + slen;
	}
	if (p.irb->len > 0) {
		seal_picmeta_irb(out, p.irb->data, p.irb->len);
		memset(p.irb->data, 0, p.irb->len);
	}
	g_byte_array_free(p.irb, TRUE);
	if (p.xmp != NULL) {
		seal_picmeta_add_xmp(out, p.xmp->data, p.xmp->len);
		memset(p.xmp->data, 0, p.xmp->len);
		g_byte_array_free(p.xmp, TRUE);
	}
}

static void
webp_meta(GString *out, const uint8_t *d, size_t n)
{
	size_t off = 12;

	/* off may pass n by the pad byte of a last odd chunk */
	while (off <= n && n - off >= 8 && out->len < SEAL_PICMETA_MAX_TEXT) {
		uint32_t clen = (uint32_t)d[off + 4] | (uint32_t)d[off + 5] << 8 |
		    (uint32_t)d[off + 6] << 16 | (uint32_t)d[off + 7] << 24;

		if (clen > n - off - 8)
			break;
		if (memcmp(d + off, "EXIF", 4) == 0)
			add_exif(out, d + off + 8, clen);
		else if (memcmp(d + off, "XMP ", 4) == 0)
			seal_picmeta_add_xmp(out, d + off + 8, clen);
		off += 8 + (size_t)clen + (clen & 1);
	}
}

/* A HEIF metadata block (heif.h): EXIF's TIFF data, or an XMP packet. */
static void
heif_block(void *ctx, int xmp, const uint8_t *data, size_t len)
{
	if (xmp)
		seal_picmeta_add_xmp(ctx, data, len);
	else
		add_exif(ctx, data, len);
}

/* GIF sub-blocks from off: their data appended to buf (if any); the offset after. */
static size_t
gif_blocks(const uint8_t *d, size_t n, size_t off, GByteArray *buf)
{
	while (off < n && d[off] != 0) {
		size_t len = d[off];

		if (len > n - off - 1)
			return n;               /* truncated: what was read counts */
		if (buf != NULL && buf->len < SEAL_PICMETA_MAX_TEXT)
			g_byte_array_append(buf, d + off + 1, (guint)len);
		off += 1 + len;
	}
	return off < n ? off + 1 : n;
}

/*
 * GIF: comment extensions, plain text extensions (text drawn over the
 * picture, which few viewers draw: read anyway) and the XMP application
 * extension, whose packet is stored raw (its sub-block lengths are the
 * packet's own bytes, ended by a "magic trailer" that keeps the block
 * walk in step): the bytes before the trailer, up to the last '>'.
 */
static void
gif_meta(GString *out, const uint8_t *d, size_t n)
{
	size_t off = 13;
	GByteArray *buf = g_byte_array_new();

	if (d[10] & 0x80)
		off += 3u << ((d[10] & 7) + 1);         /* the global colour table */
	while (off < n && out->len < SEAL_PICMETA_MAX_TEXT) {
		if (d[off] == 0x21 && n - off >= 3) {
			unsigned label = d[off + 1];
			size_t start = off + 2;

			if (label == 0xff && n - start >= 12 && d[start] == 11 &&
			    memcmp(d + start + 1, "XMP DataXMP", 11) == 0) {
				size_t end = gif_blocks(d, n, start + 12, NULL), last = end;
				const uint8_t *t = memmem(d + start + 12, end - start - 12,
				    "\x01\xff\xfe\xfd", 4);

				if (t != NULL)                  /* the trailer's start */
					last = (size_t)(t - d);
				while (last > start + 12 && d[last - 1] != '>')
					last--;
				seal_picmeta_add_xmp(out, d + start + 12, last - (start + 12));
				off = end;
				continue;
			}
			if (label == 0x01 && d[start] == 12)     /* the text grid's header */
				start += 13;
			off = gif_blocks(d, n, start, label == 0xfe || label == 0x01 ? buf : NULL);
			if (buf->len > 0) {
				seal_picmeta_add_bytes(out, buf->data, buf->len, NULL);
				memset(buf->data, 0, buf->len);
				g_byte_array_set_size(buf, 0);
			}
		} else if (d[off] == 0x2c && n - off >= 11) {
			size_t lct = d[off + 9] & 0x80 ? 3u << ((d[off + 9] & 7) + 1) : 0;

			if (lct > n - off - 11)
				break;
			off = gif_blocks(d, n, off + 11 + lct, NULL);   /* the pixels */
		} else
			break;                  /* the trailer, or damage */
	}
	g_byte_array_free(buf, TRUE);
}

int
seal_picmeta_text(const uint8_t *d, size_t n, GString *out)
{
	int cut = 0;

	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		png_meta(out, d, n);
	else if (n >= 4 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		jpeg_meta(out, d, n);
	else if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		webp_meta(out, d, n);
	else if (n >= 13 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
		gif_meta(out, d, n);
	else if (n >= 16 && (memcmp(d, "II", 2) == 0 || memcmp(d, "MM", 2) == 0))
		cut = seal_picmeta_tiff(out, d, n);
	else if (seal_heif_is(d, n))
		seal_heif_metadata(d, n, heif_block, out);
	/* the text bound reached: what came after it is unread */
	return cut || out->len >= SEAL_PICMETA_MAX_TEXT;
}
