/*
 * heif.c - HEIF and AVIF pictures through libheif (heif.h).
 */
#include <string.h>

#include <glib.h>
#include <libheif/heif.h>

#include "heif.h"

/* Brands of HEIF stills and sequences ([ISO/IEC 23008-12] B.4) and AVIF. */
static int
heif_brand(const uint8_t *b)
{
	static const char brands[][5] = {
		"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs",
		"mif1", "msf1", "avif", "avis",
	};

	for (size_t i = 0; i < G_N_ELEMENTS(brands); i++)
		if (memcmp(b, brands[i], 4) == 0)
			return 1;
	return 0;
}

int
seal_heif_is(const uint8_t *d, size_t n)
{
	uint32_t box;

	/* ftyp box: size, "ftyp", major brand, minor version, compatible brands */
	if (n < 16 || memcmp(d + 4, "ftyp", 4) != 0)
		return 0;
	box = (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 | d[3];
	if (box < 16 || box > 4096)
		return 0;
	if (heif_brand(d + 8))
		return 1;
	for (size_t o = 16; o + 4 <= box && o + 4 <= n; o += 4)
		if (heif_brand(d + o))
			return 1;
	return 0;
}

static gpointer
init_once(gpointer p)
{
	(void)p;
	(void)heif_init(NULL);  /* loads the decoder plugins; kept for the process */
	return NULL;
}

/* A context holding d's primary image handle, or NULL. */
static struct heif_context *
open_primary(const uint8_t *d, size_t n, struct heif_image_handle **hd)
{
	static GOnce once = G_ONCE_INIT;
	struct heif_context *ctx;
	struct heif_error e;

	*hd = NULL;
	if (!seal_heif_is(d, n) || n > (size_t)G_MAXINT)
		return NULL;
	g_once(&once, init_once, NULL);
	ctx = heif_context_alloc();
	if (ctx == NULL)
		return NULL;
	/* one thread: the daemon runs several messages at once already */
	heif_context_set_max_decoding_threads(ctx, 0);
	e = heif_context_read_from_memory_without_copy(ctx, d, n, NULL);
	if (e.code == heif_error_Ok)
		e = heif_context_get_primary_image_handle(ctx, hd);
	if (e.code != heif_error_Ok) {
		heif_context_free(ctx);
		*hd = NULL;
		return NULL;
	}
	return ctx;
}

int
seal_heif_size(const uint8_t *d, size_t n, unsigned *w, unsigned *h)
{
	struct heif_image_handle *hd;
	struct heif_context *ctx = open_primary(d, n, &hd);
	int iw, ih;

	*w = *h = 0;
	if (ctx == NULL)
		return 0;
	iw = heif_image_handle_get_width(hd);
	ih = heif_image_handle_get_height(hd);
	heif_image_handle_release(hd);
	heif_context_free(ctx);
	if (iw <= 0 || ih <= 0)
		return 0;
	*w = (unsigned)iw;
	*h = (unsigned)ih;
	return 1;
}

/* Rows of 8-bit grey from the Y plane (luma: YCbCr or monochrome), 8 to 16 bits deep. */
static uint8_t *
from_luma(const struct heif_image *img, int iw, int ih)
{
	int stride = 0, bits = heif_image_get_bits_per_pixel_range(img, heif_channel_Y);
	const uint8_t *plane = heif_image_get_plane_readonly(img, heif_channel_Y, &stride);
	uint8_t *gray;

	if (plane == NULL || bits < 1 || bits > 16 ||
	    heif_image_get_width(img, heif_channel_Y) != iw ||
	    heif_image_get_height(img, heif_channel_Y) != ih || stride < iw * (bits > 8 ? 2 : 1))
		return NULL;
	gray = g_malloc((size_t)iw * (size_t)ih);
	for (int y = 0; y < ih; y++) {
		const uint8_t *row = plane + (size_t)y * (size_t)stride;
		uint8_t *o = gray + (size_t)y * (size_t)iw;

		if (bits <= 8)
			memcpy(o, row, (size_t)iw);
		else    /* 10 or 12 bits in two bytes (host order): the top eight */
			for (int x = 0; x < iw; x++) {
				uint16_t v;

				memcpy(&v, row + 2 * (size_t)x, 2);
				o[x] = (uint8_t)(v >> (bits - 8));
			}
	}
	return gray;
}

/* Rows of 8-bit grey from interleaved 8-bit RGB (an RGB-coded picture). */
static uint8_t *
from_rgb(const struct heif_image *img, int iw, int ih)
{
	int stride = 0;
	const uint8_t *plane = heif_image_get_plane_readonly(img, heif_channel_interleaved,
	    &stride);
	uint8_t *gray;

	if (plane == NULL || heif_image_get_width(img, heif_channel_interleaved) != iw ||
	    heif_image_get_height(img, heif_channel_interleaved) != ih || stride < 3 * iw)
		return NULL;
	gray = g_malloc((size_t)iw * (size_t)ih);
	for (int y = 0; y < ih; y++) {
		const uint8_t *p = plane + (size_t)y * (size_t)stride;

		for (int x = 0; x < iw; x++, p += 3)
			gray[(size_t)y * (size_t)iw + (size_t)x] =
			    (uint8_t)((p[0] * 299u + p[1] * 587u + p[2] * 114u) / 1000u);
	}
	return gray;
}

uint8_t *
seal_heif_gray(const uint8_t *d, size_t n, uint64_t max_pixels, unsigned *w, unsigned *h,
	char *reason, size_t reason_size)
{
	struct heif_image_handle *hd;
	struct heif_context *ctx = open_primary(d, n, &hd);
	struct heif_image *img = NULL;
	uint8_t *gray = NULL;
	int iw, ih;

	*w = *h = 0;
	g_strlcpy(reason, "picture could not be decoded", reason_size);
	if (ctx == NULL)
		return NULL;
	iw = heif_image_handle_get_width(hd);
	ih = heif_image_handle_get_height(hd);
	if (iw > 0 && ih > 0 && (uint64_t)iw * (uint64_t)ih > max_pixels)
		g_strlcpy(reason, "picture too large to read", reason_size);
	else if (iw > 0 && ih > 0) {
		/* as coded: luma is the grey OCR wants (libheif converts YCbCr
		 * to RGB, not to monochrome); an RGB-coded picture again as RGB */
		if (heif_decode_image(hd, &img, heif_colorspace_undefined, heif_chroma_undefined,
		    NULL).code == heif_error_Ok)
			gray = from_luma(img, iw, ih);
		if (gray == NULL) {
			if (img != NULL)
				heif_image_release(img);
			img = NULL;
			if (heif_decode_image(hd, &img, heif_colorspace_RGB,
			    heif_chroma_interleaved_RGB, NULL).code == heif_error_Ok)
				gray = from_rgb(img, iw, ih);
		}
	}
	if (gray != NULL) {
		*w = (unsigned)iw;
		*h = (unsigned)ih;
		reason[0] = '\0';
	}
	if (img != NULL)
		heif_image_release(img);
	heif_image_handle_release(hd);
	heif_context_free(ctx);
	return gray;
}

void
seal_heif_metadata(const uint8_t *d, size_t n,
	void (*fn)(void *ctx, int xmp, const uint8_t *data, size_t len), void *ctx)
{
	struct heif_image_handle *hd;
	struct heif_context *hc = open_primary(d, n, &hd);
	heif_item_id ids[16];
	int count;

	if (hc == NULL)
		return;
	count = heif_image_handle_get_list_of_metadata_block_IDs(hd, NULL, ids, 16);
	for (int i = 0; i < count; i++) {
		const char *type = heif_image_handle_get_metadata_type(hd, ids[i]);
		const char *ctype = heif_image_handle_get_metadata_content_type(hd, ids[i]);
		size_t len = heif_image_handle_get_metadata_size(hd, ids[i]);
		int exif = type != NULL && strcmp(type, "Exif") == 0;
		int xmp = type != NULL && strcmp(type, "mime") == 0 && ctype != NULL &&
		    strcmp(ctype, "application/rdf+xml") == 0;
		uint8_t *buf;

		if ((!exif && !xmp) || len == 0 || len > 16 * 1024 * 1024)
			continue;
		buf = g_malloc(len);
		if (heif_image_handle_get_metadata(hd, ids[i], buf).code == heif_error_Ok) {
			if (xmp)
				fn(ctx, 1, buf, len);
			else if (len >= 4) {
				/* a 4-byte offset from its end to the TIFF header */
				size_t off = (size_t)buf[0] << 24 | (size_t)buf[1] << 16 |
				    (size_t)buf[2] << 8 | buf[3];

				if (off < len - 4)
					fn(ctx, 0, buf + 4 + off, len - 4 - off);
			}
		}
		memset(buf, 0, len);
		g_free(buf);
	}
	heif_image_handle_release(hd);
	heif_context_free(hc);
}
