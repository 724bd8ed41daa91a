/*
 * lzfu.c - [MS-OXRTFCP] 2.2.1 decompression; see lzfu.h.
 *
 * Header: COMPSIZE, RAWSIZE, COMPTYPE, CRC (4 bytes each, little-endian).
 * Then runs: a control byte whose bits, lowest first, say whether each of
 * the next 8 tokens is a literal byte (0) or a big-endian 16-bit reference
 * (1): a 12-bit dictionary offset and a 4-bit length minus 2. A reference
 * to the current write position ends the data. Every byte written to the
 * output is also written to the dictionary.
 */
#include <stdlib.h>
#include <string.h>

#include "lzfu.h"

#define LZFU_DICT 4096u
#define LZFU_COMPRESSED 0x75465A4Cu     /* "LZFu" */
#define LZFU_STORED 0x414C454Du         /* "MELA" */

/* The preset dictionary of [MS-OXRTFCP] 2.1.3.1.1 (207 bytes). */
static const char lzfu_preset[] =
	"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman "
	"\\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New "
	"RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
	"\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

static uint32_t
lzfu_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* Decodes the runs of in[0..n) into out (room for max); the bytes written. */
static size_t
lzfu_runs(const uint8_t *in, size_t n, uint8_t *out, size_t max)
{
	uint8_t dict[LZFU_DICT];
	size_t wp = sizeof(lzfu_preset) - 1, i = 0, o = 0;

	memset(dict, 0, sizeof(dict));
	memcpy(dict, lzfu_preset, wp);
	while (i < n && o < max) {
		unsigned ctl = in[i++];

		for (int bit = 0; bit < 8 && o < max; bit++, ctl >>= 1) {
			if (!(ctl & 1)) {
				if (i >= n)
					return o;
				out[o++] = dict[wp] = in[i++];
				wp = (wp + 1) % LZFU_DICT;
				continue;
			}
			if (i + 2 > n)
				return o;
			unsigned ref = (unsigned)in[i] << 8 | in[i + 1];
			size_t off = ref >> 4, cnt = (ref & 0xF) + 2;

			i += 2;
			if (off == wp)
				return o;       /* the end marker */
			for (size_t k = 0; k < cnt && o < max; k++) {
				uint8_t c = dict[(off + k) % LZFU_DICT];

				out[o++] = dict[wp] = c;
				wp = (wp + 1) % LZFU_DICT;
			}
		}
	}
	return o;
}

uint8_t *
seal_lzfu_decompress(const uint8_t *data, size_t len, size_t max, size_t *out_len)
{
	uint32_t comp, raw, type;
	size_t body, cap;
	uint8_t *out;

	*out_len = 0;
	if (data == NULL || len < 16)
		return NULL;
	comp = lzfu_le32(data);
	raw = lzfu_le32(data + 4);
	type = lzfu_le32(data + 8);
	if (type != LZFU_COMPRESSED && type != LZFU_STORED)
		return NULL;
	/* COMPSIZE counts the 12 header bytes after it; a larger one is cut */
	body = len - 16;
	if (comp >= 12 && (size_t)comp - 12 < body)
		body = (size_t)comp - 12;
	cap = raw < max ? raw : max;
	out = malloc(cap + 1);
	if (out == NULL)
		return NULL;
	if (type == LZFU_STORED) {
		*out_len = body < cap ? body : cap;
		memcpy(out, data + 16, *out_len);
	} else
		*out_len = lzfu_runs(data + 16, body, out, cap);
	out[*out_len] = '\0';
	return out;
}
