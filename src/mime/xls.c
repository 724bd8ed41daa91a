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
#include "xls_internal.h"

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
xls_cell_numbers(uint16_t type, const uint8_t *b, size_t rlen, GString *out)
{
	size_t n = 0;

	if (type == XLS_NUMBER && rlen >= 14)
		n += (size_t)cell(le_double(b + 6), out);
	else if (type == XLS_RK && rlen >= 10)
		n += (size_t)cell(rk_value(xls_le32(b + 6)), out);
	else if (type == XLS_MULRK && rlen >= 6) {
		/* row, first column, (format, RK) * k, last column */
		for (size_t i = 4; i + 6 <= rlen - 2; i += 6)
			n += (size_t)cell(rk_value(xls_le32(b + i + 2)), out);
	} else if (type == XLS_FORMULA && rlen >= 14 &&
	    !(b[12] == 0xFF && b[13] == 0xFF))
		/* 0xFFFF in the top bytes: string, boolean or error result */
		n += (size_t)cell(le_double(b + 6), out);
	return n;
}

size_t
seal_xls_cells(const uint8_t *s, size_t len, GString *out)
{
	size_t off = 0, n = 0;

	while (len - off >= 4) {
		uint16_t type = xls_le16(s + off), rlen = xls_le16(s + off + 2);

		if (rlen > len - off - 4)
			break;          /* truncated: keep what was read */
		n += xls_cell_numbers(type, s + off + 4, rlen, out);
		off += 4 + (size_t)rlen;
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
