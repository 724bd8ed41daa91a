/*
 * biff_build.h - little-endian writers for the BIFF records the .xls
 * tests build by hand (test_xls.c, test_xls_book.c).
 */
#ifndef SEAL_TEST_BIFF_BUILD_H
#define SEAL_TEST_BIFF_BUILD_H

#include <stdint.h>
#include <string.h>

#include <glib.h>

static inline void
put16(GByteArray *a, unsigned v)
{
	guint8 b[2] = { (guint8)v, (guint8)(v >> 8) };

	g_byte_array_append(a, b, 2);
}

static inline void
put32(GByteArray *a, uint32_t v)
{
	put16(a, v & 0xFFFF);
	put16(a, v >> 16);
}

static inline void
put_double(GByteArray *a, double v)
{
	uint64_t u;

	memcpy(&u, &v, sizeof(u));
	put32(a, (uint32_t)u);
	put32(a, (uint32_t)(u >> 32));
}

#endif
