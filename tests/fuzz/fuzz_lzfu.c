/*
 * fuzz_lzfu.c - the compressed-RTF decoder (lzfu.h) shared by the TNEF and
 * .msg readers, on arbitrary bytes: each input as it is, then with its
 * header's CRC made right, so that mutated runs reach the LZFu decoder
 * rather than stopping at the CRC check. A decoded body is exactly RAWSIZE
 * bytes, within the cap and NUL-terminated; anything else hands nothing
 * over. ASan catches a read or write outside the buffers.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lzfu.h"

#define FUZZ_CAP (1u << 20)

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

static void
decode(const uint8_t *data, size_t size)
{
	uint8_t *out = NULL;
	size_t n = 0;
	seal_lzfu_status st = seal_lzfu_decompress(data, size, FUZZ_CAP, &out, &n);

	if (st != SEAL_LZFU_OK) {
		if (out != NULL || n != 0)
			__builtin_trap();
		return;
	}
	if (out == NULL || n > FUZZ_CAP || out[n] != '\0' || n != ((size_t)data[4] |
	    (size_t)data[5] << 8 | (size_t)data[6] << 16 | (size_t)data[7] << 24))
		__builtin_trap();
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *fixed;
	size_t comp;
	uint32_t c;

	decode(data, size);
	if (size < 16)
		return 0;
	comp = (size_t)data[0] | (size_t)data[1] << 8 | (size_t)data[2] << 16 |
	    (size_t)data[3] << 24;
	if (comp < 12 || comp > size - 4)
		return 0;
	fixed = malloc(size);
	if (fixed == NULL)
		return 0;
	memcpy(fixed, data, size);
	c = crc(fixed + 16, comp - 12);
	fixed[12] = (uint8_t)c;
	fixed[13] = (uint8_t)(c >> 8);
	fixed[14] = (uint8_t)(c >> 16);
	fixed[15] = (uint8_t)(c >> 24);
	decode(fixed, size);
	free(fixed);
	return 0;
}
