/*
 * xls.c - numeric cells of a legacy Excel workbook; see xls.h.
 *
 * A record is a 16-bit type, a 16-bit length and the body ([MS-XLS]
 * 2.1.4). Cell records open with row, column and format index (6 bytes);
 * the value follows. RK values ([MS-XLS] 2.5.217) are 30 bits: an integer
 * or the high bits of a double, optionally divided by 100.
 */
#include <string.h>

#include "ole2.h"
#include "xls.h"

#define XLS_FORMULA 0x0006
#define XLS_MULRK 0x00BD
#define XLS_NUMBER 0x0203
#define XLS_RK 0x027E

static uint16_t
le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static double
le_double(const uint8_t *p)
{
	uint64_t u = 0;
	double v;

	for (int i = 7; i >= 0; i--)
		u = u << 8 | p[i];
	memcpy(&v, &u, sizeof(v));
	return v;
}

static double
rk_value(uint32_t rk)
{
	double v;

	if (rk & 2) {
		int32_t i = (int32_t)(rk & 0xFFFFFFFCu);

		v = (double)(i / 4);
	} else {
		uint64_t u = (uint64_t)(rk & 0xFFFFFFFCu) << 32;

		memcpy(&v, &u, sizeof(v));
	}
	return (rk & 1) ? v / 100.0 : v;
}

/* Writes v when it is a whole number of 9-12 digits; 1 when written. */
static int
cell(double v, GString *out)
{
	/* NaN fails every comparison; the range makes the cast defined */
	if (!(v >= 1e8 && v < 1e12) || v != (double)(int64_t)v)
		return 0;
	g_string_append_printf(out, "%.0f\n\n", v);
	/* a leading zero the cell dropped: 0DDMMYYNNN of a CPR number */
	if (v < 1e9)
		g_string_append_printf(out, "%010.0f\n\n", v);
	return 1;
}

size_t
seal_xls_cells(const uint8_t *s, size_t len, GString *out)
{
	size_t off = 0, n = 0;

	while (len - off >= 4) {
		uint16_t type = le16(s + off), rlen = le16(s + off + 2);
		const uint8_t *b = s + off + 4;

		if (rlen > len - off - 4)
			break;          /* truncated: keep what was read */
		off += 4 + (size_t)rlen;
		if (type == XLS_NUMBER && rlen >= 14)
			n += (size_t)cell(le_double(b + 6), out);
		else if (type == XLS_RK && rlen >= 10)
			n += (size_t)cell(rk_value(le32(b + 6)), out);
		else if (type == XLS_MULRK && rlen >= 6) {
			/* row, first column, (format, RK) * k, last column */
			for (size_t i = 4; i + 6 <= (size_t)rlen - 2; i += 6)
				n += (size_t)cell(rk_value(le32(b + i + 2)), out);
		} else if (type == XLS_FORMULA && rlen >= 14 &&
		    !(b[12] == 0xFF && b[13] == 0xFF))
			/* 0xFFFF in the top bytes: string, boolean or error result */
			n += (size_t)cell(le_double(b + 6), out);
	}
	return n;
}

GString *
seal_xls_numbers(const uint8_t *cfb, size_t len)
{
	GByteArray *wb = seal_ole2_stream(cfb, len, "Workbook", len);
	GString *out;

	if (wb == NULL)
		wb = seal_ole2_stream(cfb, len, "Book", len);
	if (wb == NULL)
		return NULL;
	out = g_string_new(NULL);
	seal_xls_cells(wb->data, wb->len, out);
	if (wb->len > 0)
		memset(wb->data, 0, wb->len);
	g_byte_array_free(wb, TRUE);
	return out;
}
