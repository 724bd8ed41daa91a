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
	uint32_t table[256], c = 0;

	for (uint32_t b = 0; b < 256; b++) {
		uint32_t t = b;

		for (int k = 0; k < 8; k++)
			t = (t >> 1) ^ (0xEDB88320u & (0u - (t & 1)));
		table[b] = t;
	}
	for (size_t i = 0; i < n; i++)
		c = table[(c ^ d[i]) & 0xFF] ^ (c >> 8);
	return c;
}

/*
 * The LZFu body d[0..n) into out[0..raw): 0 at the end marker with raw
 * bytes written, -1 cut, too long or too short.
 */
static int
lzfu(const uint8_t *d, size_t n, uint8_t *out, size_t raw)
{
	uint8_t dict[4096];
	size_t i = 0, o = 0, wp = sizeof(prefix) - 1;

	memset(dict, 0, sizeof(dict));
	memcpy(dict, prefix, sizeof(prefix) - 1);
	while (i < n) {
		uint8_t ctl = d[i++];

		for (int bit = 0; bit < 8; bit++) {
			if ((ctl >> bit & 1) == 0) {
				if (i >= n || o >= raw)
					return -1;
				dict[wp++ % 4096] = d[i];
				out[o++] = d[i++];
				continue;
			}
			if (n - i < 2)
				return -1;
			size_t off = (size_t)d[i] << 4 | d[i + 1] >> 4;
			size_t len = (size_t)(d[i + 1] & 0x0F) + 2;

			i += 2;
			if (off == wp % 4096)
				return o == raw ? 0 : -1;
			if (len > raw - o)
				return -1;
			for (size_t k = 0; k < len; k++) {
				uint8_t b = dict[(off + k) % 4096];

				dict[wp++ % 4096] = b;
				out[o++] = b;
			}
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
	/* a 2-byte reference yields at most 17 bytes: a larger size is a lie */
	if (type != COMP_LZFU || raw > (uint64_t)(comp - 12) * 9 ||
	    crc(d + 16, comp - 12) != seal_tnef_u32(d + 12)) {
		g_byte_array_free(out, TRUE);
		return NULL;
	}
	g_byte_array_set_size(out, raw);
	if (lzfu(d + 16, comp - 12, out->data, raw) != 0) {
		if (out->len > 0)
			memset(out->data, 0, out->len);
		g_byte_array_free(out, TRUE);
		return NULL;
	}
	return out;
}
