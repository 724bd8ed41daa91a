/*
 * dib.h - a device-independent bitmap (a BITMAPINFOHEADER, its colour
 * table and the bits, without a file header: [MS-WMF] 2.2.2.9) as a .bmp
 * file, so the picture reader (Leptonica) takes it. RTF's \dibitmap and
 * the DIB pictures of legacy Office files are stored this way.
 *
 * Pure function, thread safe.
 */
#ifndef SEAL_DIB_H
#define SEAL_DIB_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/*
 * Appends the 14-byte BMP file header for the DIB dib[0..len) to out:
 * "BM", the file size, and where the bits start (after the header, the
 * BI_BITFIELDS masks and the colour table). Returns 0, or -1 (nothing
 * appended) when the DIB is too short for its header: the picture reader
 * then cannot decode it, and the caller's rule for such a picture applies.
 */
int seal_dib_file_header(const uint8_t *dib, size_t len, GByteArray *out);

#endif
