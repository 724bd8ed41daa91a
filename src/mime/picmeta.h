/*
 * picmeta.h - text carried in a picture file's metadata (picmeta.c):
 * PNG text chunks, JPEG comments, EXIF (libexif), XMP, IPTC, GIF comments
 * and TIFF tags, for the message walk to scan beside the picture's OCR
 * text.
 */
#ifndef SEAL_PICMETA_H
#define SEAL_PICMETA_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/*
 * Appends the metadata text of the PNG, JPEG, WebP, GIF or TIFF picture d (n bytes)
 * to out in UTF-8, each value a paragraph; nothing for another format or
 * a picture without any. Damaged containers are read up to the damage.
 * Returns 1 when a bound left some of the text unread (more than 1 MiB of
 * text, or more TIFF directories than are read): the caller must not
 * take the picture for read.
 */
int seal_picmeta_text(const uint8_t *d, size_t n, GString *out);

#endif
