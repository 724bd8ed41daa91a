/*
 * tnef_rtf.c - compressed RTF ([MS-OXRTFCP] 2.1.3.1 and 2.1.3.2;
 * tnef_internal.h). Written here rather than taken from libytnef, whose
 * DecompressRTF copies an uncompressed ("MELA") body from the wrong offset
 * without setting its size, reads a byte past a stream cut inside a
 * reference, trusts the declared size for its allocation and prints its
 * errors to standard output.
 *
 * Header: COMPSIZE (bytes after this field), RAWSIZE, COMPTYPE ("LZFu"
 * compressed, "MELA" stored), CRC (of the compressed bytes; 0 for MELA).
 * LZFu: a 4096-byte dictionary preset with a 207-byte RTF prefix; each
 * control byte's bits, lowest first, say literal byte (0) or 2-byte
 * reference (1: 12-bit offset, 4-bit length + 2, big-endian); a reference
 * to the write position ends the stream.
 */
#include <string.h>

#include "tnef_internal.h"

#define COMP_LZFU 0x75465A4Cu
#define COMP_MELA 0x414C454Du

static const char prefix[] =
	"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss "
	"\\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier"
	"{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

/* The CRC-32 of [MS-OXRTFCP] 2.1.3.2: polynomial 0xEDB88320, no inversion. */
static uint32_t
crc(const uint8_t *d, size_t n)
{
	uint32_t c = 0;

	for (size_t i = 0; i < n; i++) {
		c ^= d[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return c;
}

/* The LZFu body d[0..n): 0 at the end marker, -1 cut or too long. */
static int
lzfu(const uint8_t *d, size_t n, uint32_t raw, GByteArray *out)
{
	uint8_t dict[4096];
	size_t i = 0, wp = sizeof(prefix) - 1;

	memset(dict, 0, sizeof(dict));
	memcpy(dict, prefix, sizeof(prefix) - 1);
	while (i < n) {
		uint8_t ctl = d[i++];

		for (int bit = 0; bit < 8; bit++) {
			if ((ctl >> bit & 1) == 0) {
				if (i >= n)
					return -1;
				dict[wp++ % 4096] = d[i];
				g_byte_array_append(out, &d[i++], 1);
			} else {
				size_t off, len;

				if (n - i < 2)
					return -1;
				off = (size_t)d[i] << 4 | d[i + 1] >> 4;
				len = (size_t)(d[i + 1] & 0x0F) + 2;
				i += 2;
				if (off == wp % 4096)
					return 0;
				for (size_t k = 0; k < len; k++) {
					uint8_t b = dict[(off + k) % 4096];

					dict[wp++ % 4096] = b;
					g_byte_array_append(out, &b, 1);
				}
			}
			if (out->len > raw)
				return -1;
		}
	}
	return -1;              /* no end marker */
}

GByteArray *
seal_tnef_rtf_decompress(const uint8_t *d, size_t len)
{
	uint32_t comp, raw, type;
	GByteArray *out;

	if (len < 16)
		return NULL;
	comp = seal_tnef_u32(d);
	raw = seal_tnef_u32(d + 4);
	type = seal_tnef_u32(d + 8);
	if (comp < 12 || comp > len - 4)
		return NULL;
	out = g_byte_array_new();
	if (type == COMP_MELA) {
		if (raw > comp - 12) {
			g_byte_array_free(out, TRUE);
			return NULL;
		}
		g_byte_array_append(out, d + 16, raw);
		return out;
	}
	if (type != COMP_LZFU || crc(d + 16, comp - 12) != seal_tnef_u32(d + 12) ||
	    lzfu(d + 16, comp - 12, raw, out) != 0) {
		if (out->len > 0)
			memset(out->data, 0, out->len);
		g_byte_array_free(out, TRUE);
		return NULL;
	}
	return out;
}
