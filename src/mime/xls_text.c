/*
 * xls_text.c - the strings of the text records of a legacy Excel
 * workbook (xls_internal.h); xls_book.c places them in their sheets.
 *
 * BIFF8 strings ([MS-XLS] 2.5.293 XLUnicodeRichExtendedString) are a
 * character count, a flags byte (fHighByte: UTF-16LE, else the low bytes
 * only; fRichSt: a run count follows; fExtSt: an extension size follows)
 * and the characters, then the runs and the extension. A record holds at
 * most 8224 bytes, so a long SST goes on in CONTINUE records; a string
 * whose characters cross into the next CONTINUE starts again there with a
 * new flags byte (its fHighByte may differ). The SST and its CONTINUE
 * bodies are joined here, remembering where each began.
 */
#include <string.h>

#include "xls_internal.h"

#define PTG_STR 0x17

struct joined {
	GByteArray *buf;
	GArray *starts;         /* size_t offsets where a CONTINUE began */
};

uint16_t
xls_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

uint32_t
xls_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

void
xls_chars(GString *out, const uint8_t *p, size_t n, int high)
{
	for (size_t i = 0; i < n; i++) {
		gunichar c = high ? xls_le16(p + 2 * i) : p[i];

		if (c >= 0xD800 && c < 0xE000)
			c = 0xFFFD;     /* surrogates: not worth joining in cell text */
		g_string_append_unichar(out, c < 0x20 ? ' ' : c);
	}
}

/* The first CONTINUE start after pos, or the end. */
static size_t
next_start(const struct joined *j, size_t pos)
{
	for (guint i = 0; i < j->starts->len; i++) {
		size_t s = g_array_index(j->starts, size_t, i);

		if (s > pos)
			return s;
	}
	return j->buf->len;
}

static int
is_start(const struct joined *j, size_t pos)
{
	for (guint i = 0; i < j->starts->len; i++)
		if (g_array_index(j->starts, size_t, i) == pos)
			return 1;
	return 0;
}

/* One XLUnicodeRichExtendedString at *pos; the position after it. */
static size_t
sst_string(const struct joined *j, size_t pos, GString *out)
{
	const uint8_t *b = j->buf->data;
	size_t len = j->buf->len, left, skip = 0;
	unsigned flags;

	if (len - pos < 3)
		return len;
	left = xls_le16(b + pos);
	flags = b[pos + 2];
	pos += 3;
	if ((flags & 0x08) && len - pos >= 2) {
		skip += 4 * (size_t)xls_le16(b + pos);
		pos += 2;
	}
	if ((flags & 0x04) && len - pos >= 4) {
		skip += xls_le32(b + pos);
		pos += 4;
	}
	while (left > 0 && pos < len) {
		int high = flags & 0x01;
		size_t w = high ? 2 : 1, lim = next_start(j, pos);
		size_t take = MIN(left, (lim - pos) / w);

		xls_chars(out, b + pos, take, high);
		pos += take * w;
		left -= take;
		if (left > 0 && pos < len && is_start(j, pos))
			flags = b[pos++];       /* the string goes on with new flags */
		else if (left > 0)
			break;                  /* half a character: damaged */
	}
	g_string_append(out, "\n\n");
	return skip > len - MIN(pos, len) ? len : pos + skip;
}

void
xls_sst(const uint8_t *s, size_t len, size_t off, const uint8_t *body, size_t blen,
	GString *out, GArray *at)
{
	struct joined j = { g_byte_array_new(), g_array_new(FALSE, FALSE, sizeof(size_t)) };
	size_t pos = 8;

	g_byte_array_append(j.buf, body, (guint)blen);
	while (len - off >= 4 && xls_le16(s + off) == XLS_CONTINUE &&
	    xls_le16(s + off + 2) <= len - off - 4) {
		size_t start = j.buf->len;

		g_array_append_val(j.starts, start);
		g_byte_array_append(j.buf, s + off + 4, xls_le16(s + off + 2));
		off += 4 + (size_t)xls_le16(s + off + 2);
	}
	while (pos < j.buf->len) {
		if (at != NULL) {
			size_t here = out->len;

			g_array_append_val(at, here);
		}
		pos = sst_string(&j, pos, out);
	}
	if (j.buf->len > 0)
		memset(j.buf->data, 0, j.buf->len);
	g_byte_array_free(j.buf, TRUE);
	g_array_free(j.starts, TRUE);
}

/* An XLUnicodeString (16-bit count, BIFF8 flags) or a BIFF5 8-bit string. */
static void
unicode_string(const uint8_t *b, size_t n, int biff8, GString *out)
{
	size_t cch, hdr = 2;

	if (n < hdr + (biff8 ? 1 : 0))
		return;
	cch = xls_le16(b);
	if (biff8) {
		int high = b[hdr] & 0x01;

		hdr++;
		xls_chars(out, b + hdr, MIN(cch, (n - hdr) / (high ? 2 : 1)), high);
	} else
		xls_chars(out, b + hdr, MIN(cch, n - hdr), 0);
	g_string_append(out, "\n\n");
}

/* The size of a formula token other than PtgStr, 0 when unknown ([MS-XLS] 2.5.198). */
static size_t
ptg_size(uint8_t t)
{
	if (t >= 0x03 && t <= 0x16)
		return 1;       /* operators, PtgParen, PtgMissArg */
	switch (t & 0x9F) {
	case 0x1C: case 0x1D:
		return 2;       /* PtgErr, PtgBool */
	case 0x1E:
		return 3;       /* PtgInt */
	case 0x1F:
		return 9;       /* PtgNum */
	case 0x01:
		return 3;       /* PtgFunc (class bits cleared: 0x21 -> 0x01) */
	case 0x02:
		return 4;       /* PtgFuncVar */
	case 0x04:
		return 5;       /* PtgRef */
	case 0x05:
		return 9;       /* PtgArea */
	default:
		return 0;
	}
}

/*
 * The string literals of a BIFF8 formula, joined: ="240625-"&"8826" shows
 * its joined value, which a writer may not have stored as a cached result
 * (LibreOffice writes none). The walk stops at the first token it does not
 * know.
 */
static void
formula_literals(const uint8_t *b, size_t n, GString *out)
{
	size_t cce, i = 22, end, before = out->len;

	if (n < 22)
		return;
	cce = xls_le16(b + 20);
	end = MIN(n, 22 + cce);
	while (i < end) {
		if (b[i] == PTG_STR && i + 3 <= end) {
			size_t cch = b[i + 1], w = (b[i + 2] & 1) ? 2 : 1;

			if (cch * w > end - i - 3)
				break;
			xls_chars(out, b + i + 3, cch, w == 2);
			i += 3 + cch * w;
		} else if (ptg_size(b[i]) > 0)
			i += ptg_size(b[i]);
		else
			break;
	}
	if (out->len > before)
		g_string_append(out, "\n\n");
}

int
xls_record_text(uint16_t type, const uint8_t *b, size_t rlen, int biff8, int after_txo,
	GString *out)
{
	if (type == XLS_FORMULA && biff8)
		formula_literals(b, rlen, out);
	else if (type == XLS_LABEL && rlen >= 8)
		unicode_string(b + 6, rlen - 6u, biff8, out);
	else if ((type == XLS_STRING || type == XLS_HEADER || type == XLS_FOOTER) &&
	    rlen >= 2)
		unicode_string(b, rlen, biff8, out);
	else if (type == XLS_CONTINUE && after_txo && rlen >= 1) {
		/* the text of the TXO before: a flags byte, then characters */
		xls_chars(out, b + 1, (b[0] & 1) ? (rlen - 1u) / 2 : rlen - 1u, b[0] & 1);
		g_string_append(out, "\n\n");
	} else
		return 0;
	return 1;
}

void
xls_short_string(const uint8_t *b, size_t n, int biff8, GString *out)
{
	size_t cch, hdr = biff8 ? 2 : 1;
	int high;

	if (n < hdr)
		return;
	cch = b[0];
	high = biff8 && (b[1] & 0x01);
	/* a count beyond the record: the name is what the record holds */
	xls_chars(out, b + hdr, MIN(cch, (n - hdr) / (high ? 2 : 1)), high);
}
