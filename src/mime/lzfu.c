/*
 * lzfu.c - [MS-OXRTFCP] 2.1.3 decompression; see lzfu.h.
 *
 * Header: COMPSIZE (bytes after this field), RAWSIZE, COMPTYPE ("LZFu"
 * compressed, "MELA" stored), CRC (of the compressed bytes after the
 * header; 0 for MELA), 4 bytes each, little-endian. LZFu runs: a control
 * byte whose bits, lowest first, say whether each of the next 8 tokens is
 * a literal byte (0) or a big-endian 16-bit reference (1: a 12-bit
 * dictionary offset, a 4-bit length minus 2). A reference to the current
 * write position ends the data. Every byte written to the output is also
 * written to the dictionary, which starts with a 207-byte RTF prefix.
 *
 * libytnef's DecompressRTF is not used: it copies a MELA body from the
 * wrong offset without setting its size, reads a byte past a stream cut
 * inside a reference, trusts the declared size for its allocation and
 * prints its errors to standard output.
 */
#include <stdlib.h>
#include <string.h>

#include "lzfu.h"

#define LZFU_DICT 4096u
#define LZFU_COMPRESSED 0x75465A4Cu     /* "LZFu" */
#define LZFU_STORED 0x414C454Du         /* "MELA" */
#define LZFU_HEADER 16u

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

/* The CRC-32 of [MS-OXRTFCP] 2.1.3.2: polynomial 0xEDB88320, initial 0,
 * no final inversion (so not zlib's crc32). */
static uint32_t
lzfu_crc(const uint8_t *d, size_t n)
{
	uint32_t c = 0;

	for (size_t i = 0; i < n; i++) {
		c ^= d[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return c;
}

/*
 * The runs of in[0..n) into out[0..raw): 0 when the end marker comes with
 * exactly raw bytes written, -1 for a cut stream, too much or too little.
 */
static int
lzfu_runs(const uint8_t *in, size_t n, uint8_t *out, size_t raw)
{
	uint8_t dict[LZFU_DICT];
	size_t wp = sizeof(lzfu_preset) - 1, i = 0, o = 0;

	memset(dict, 0, sizeof(dict));
	memcpy(dict, lzfu_preset, wp);
	while (i < n) {
		unsigned ctl = in[i++];

		for (int bit = 0; bit < 8; bit++, ctl >>= 1) {
			if (!(ctl & 1)) {
				if (i >= n || o >= raw)
					return -1;
				out[o++] = dict[wp] = in[i++];
				wp = (wp + 1) % LZFU_DICT;
				continue;
			}
			if (n - i < 2)
				return -1;
			unsigned ref = (unsigned)in[i] << 8 | in[i + 1];
			size_t off = ref >> 4, cnt = (ref & 0xF) + 2;

			i += 2;
			if (off == wp)
				return o == raw ? 0 : -1;       /* the end marker */
			if (cnt > raw - o)
				return -1;
			for (size_t k = 0; k < cnt; k++) {
				uint8_t c = dict[(off + k) % LZFU_DICT];

				out[o++] = dict[wp] = c;
				wp = (wp + 1) % LZFU_DICT;
			}
		}
	}
	return -1;              /* no end marker */
}

seal_lzfu_status
seal_lzfu_decompress(const uint8_t *data, size_t len, size_t max, uint8_t **out,
	size_t *out_len)
{
	uint32_t comp, raw, type;
	size_t body;
	uint8_t *buf;

	*out = NULL;
	*out_len = 0;
	if (data == NULL || len < LZFU_HEADER)
		return SEAL_LZFU_NOT_RTF;
	comp = lzfu_le32(data);
	raw = lzfu_le32(data + 4);
	type = lzfu_le32(data + 8);
	if (type != LZFU_COMPRESSED && type != LZFU_STORED)
		return SEAL_LZFU_NOT_RTF;
	/* COMPSIZE counts the 12 header bytes after it; bytes past it are padding */
	if (comp < 12 || comp > len - 4)
		return SEAL_LZFU_DAMAGED;
	body = (size_t)comp - 12;
	if (type == LZFU_STORED && raw > body)
		return SEAL_LZFU_DAMAGED;
	/* a control byte and 8 references (17 bytes) yield at most 136 */
	if (type == LZFU_COMPRESSED && (uint64_t)raw > (uint64_t)body * 9)
		return SEAL_LZFU_DAMAGED;
	if (raw > max)
		return SEAL_LZFU_TOO_LARGE;
	if (type == LZFU_COMPRESSED &&
	    lzfu_crc(data + LZFU_HEADER, body) != lzfu_le32(data + 12))
		return SEAL_LZFU_DAMAGED;
	buf = malloc((size_t)raw + 1);
	if (buf == NULL)
		return SEAL_LZFU_NOMEM;
	if (type == LZFU_STORED)
		memcpy(buf, data + LZFU_HEADER, raw);
	else if (lzfu_runs(data + LZFU_HEADER, body, buf, raw) != 0) {
		memset(buf, 0, raw);
		free(buf);
		return SEAL_LZFU_DAMAGED;
	}
	buf[raw] = '\0';
	*out = buf;
	*out_len = raw;
	return SEAL_LZFU_OK;
}

const char *
seal_lzfu_describe(seal_lzfu_status st)
{
	switch (st) {
	case SEAL_LZFU_OK:
		return "read";
	case SEAL_LZFU_NOT_RTF:
		return "not compressed RTF";
	case SEAL_LZFU_DAMAGED:
		return "damaged";
	case SEAL_LZFU_TOO_LARGE:
		return "too large";
	case SEAL_LZFU_NOMEM:
		return "out of memory";
	}
	return "unknown";
}
