/*
 * dib.c - the BMP file header of a device-independent bitmap (dib.h).
 */
#include "dib.h"

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int
seal_dib_file_header(const uint8_t *dib, size_t len, GByteArray *out)
{
	uint8_t h[14] = { 'B', 'M' };
	uint32_t hs, bits, used, off, size;

	/* BITMAPINFOHEADER (40) or a later one (V4 108, V5 124) */
	if (len < 40 || (hs = le32(dib)) < 40 || hs > len)
		return -1;
	bits = (uint32_t)dib[14] | (uint32_t)dib[15] << 8;
	used = le32(dib + 32);
	if (used == 0 && bits <= 8)
		used = 1u << bits;
	/* BI_BITFIELDS (3): three masks follow a 40-byte header (inside the later ones) */
	off = 14 + hs + (hs == 40 && le32(dib + 16) == 3 ? 12 : 0) + MIN(used, 65536u) * 4;
	size = (uint32_t)MIN((uint64_t)len + 14, (uint64_t)UINT32_MAX);
	for (int k = 0; k < 4; k++) {
		h[2 + k] = (uint8_t)(size >> (8 * k));
		h[10 + k] = (uint8_t)(off >> (8 * k));
	}
	g_byte_array_append(out, h, sizeof(h));
	return 0;
}
