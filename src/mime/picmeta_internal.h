/*
 * picmeta_internal.h - what the picture metadata readers share: picmeta.c
 * (PNG, JPEG, WebP, GIF, HEIF containers) and picmeta_tiff.c (TIFF
 * directories, IPTC-IIM records, Photoshop image resources) call each
 * other's readers one way (picmeta.c -> picmeta_tiff.c) and both write
 * through picmeta_text.c.
 */
#ifndef SEAL_PICMETA_INTERNAL_H
#define SEAL_PICMETA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* At most this much text per picture, and per inflated chunk. */
#define SEAL_PICMETA_MAX_TEXT (1024 * 1024)

/* Bytes in charset (NULL: UTF-8 if valid, else Windows-1252) as a paragraph. */
void seal_picmeta_add_bytes(GString *out, const uint8_t *d, size_t len,
	const char *charset);

/* An XMP packet: its element text and the raw packet (attribute values). */
void seal_picmeta_add_xmp(GString *out, const uint8_t *d, size_t len);

/*
 * A TIFF file, or EXIF/TIFF data wherever it sits: every text value.
 * 1 when a bound (directories, entries) left some of it unread.
 */
int seal_picmeta_tiff(GString *out, const uint8_t *d, size_t n);

/* IPTC-IIM datasets (record 2, the caption, keywords, by-line ...). */
void seal_picmeta_iptc(GString *out, const uint8_t *d, size_t n);

/* Photoshop image resources ("8BIM" blocks): the IPTC and XMP ones. */
void seal_picmeta_irb(GString *out, const uint8_t *d, size_t n);

#endif
