/*
 * heif.h - HEIF pictures (HEIC, as iPhones take photos, and AVIF) decoded
 * with libheif for OCR: Leptonica does not read them, and a photo of a
 * health card sent from a phone's Files app stays HEIC.
 *
 * Only the primary image is read (a burst or a Live Photo's other frames
 * are versions of it). Thread safe: a libheif context per call.
 */
#ifndef SEAL_HEIF_H
#define SEAL_HEIF_H

#include <stddef.h>
#include <stdint.h>

/* The bytes are an ISO base media file whose brands say HEIF or AVIF. */
int seal_heif_is(const uint8_t *d, size_t n);

/* Width and height of the primary image; 0 when it cannot be read. */
int seal_heif_size(const uint8_t *d, size_t n, unsigned *w, unsigned *h);

/*
 * The primary image as 8-bit grey, one byte a pixel, rows of *w bytes
 * (g_free, wipe first), or NULL with reason set: cannot be decoded, or
 * more than max_pixels (checked before decoding).
 */
uint8_t *seal_heif_gray(const uint8_t *d, size_t n, uint64_t max_pixels, unsigned *w,
	unsigned *h, char *reason, size_t reason_size);

/*
 * The primary image's metadata, each block handed to fn: EXIF as TIFF
 * data (the offset HEIF puts before it skipped; xmp 0), XMP packets
 * (xmp 1). Blocks over 16 MiB are left out; nothing for a file that
 * cannot be read.
 */
void seal_heif_metadata(const uint8_t *d, size_t n,
	void (*fn)(void *ctx, int xmp, const uint8_t *data, size_t len), void *ctx);

#endif
