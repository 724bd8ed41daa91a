/*
 * textsniff.c - Unicode text recognised by its bytes (textsniff.h).
 *
 * Why NUL positions: Latin text in UTF-16LE has a zero in (nearly) every
 * odd byte and almost never in an even one; UTF-32LE has three zeros in
 * every unit. A binary format rarely keeps that pattern over a 4 KiB
 * sample, and the decoded sample must also look like text (at most 2%
 * control characters other than white space) before the label is
 * overridden. Scripts outside Latin (Cyrillic, Greek) have no zero high
 * byte and are only found by their mark: the project reads Nordic text.
 */
#include <string.h>

#include <glib.h>

#include "extract.h"
#include "textsniff.h"

/* Code unit at i (0-based unit index) of a UTF-16 or UTF-32 sample. */
static uint32_t
unit_at(const uint8_t *p, size_t i, seal_sniff_enc e)
{
	const uint8_t *u;

	switch (e) {
	case SEAL_SNIFF_UTF16LE:
		u = p + 2 * i;
		return (uint32_t)u[0] | (uint32_t)u[1] << 8;
	case SEAL_SNIFF_UTF16BE:
		u = p + 2 * i;
		return (uint32_t)u[1] | (uint32_t)u[0] << 8;
	case SEAL_SNIFF_UTF32LE:
		u = p + 4 * i;
		return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
		    (uint32_t)u[3] << 24;
	case SEAL_SNIFF_UTF32BE:
		u = p + 4 * i;
		return (uint32_t)u[3] | (uint32_t)u[2] << 8 | (uint32_t)u[1] << 16 |
		    (uint32_t)u[0] << 24;
	default:
		return 0;
	}
}

static int
is_ctrl(uint32_t c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ||
	    (c >= 0x7F && c < 0xA0);
}

/*
 * The sample decodes to plausible text: no code point past U+10FFFF, no
 * unpaired surrogate (UTF-16) or surrogate at all (UTF-32), and at most
 * 2% control characters (a NUL counts as one).
 */
static int
plausible(const uint8_t *p, size_t n, seal_sniff_enc e)
{
	size_t usize = (e == SEAL_SNIFF_UTF32LE || e == SEAL_SNIFF_UTF32BE) ? 4 : 2;
	size_t units = n / usize, ctrl = 0;

	if (units == 0)
		return 0;
	for (size_t i = 0; i < units; i++) {
		uint32_t c = unit_at(p, i, e);

		if (c > 0x10FFFF || (usize == 4 && c >= 0xD800 && c <= 0xDFFF))
			return 0;
		if (usize == 2 && c >= 0xD800 && c <= 0xDBFF) {
			/* a high surrogate needs a low one (or the end of the sample) */
			if (i + 1 < units) {
				uint32_t d = unit_at(p, i + 1, e);

				if (d < 0xDC00 || d > 0xDFFF)
					return 0;
				i++;
			}
			continue;
		}
		if (usize == 2 && c >= 0xDC00 && c <= 0xDFFF)
			return 0;
		if (is_ctrl(c))
			ctrl++;
	}
	return ctrl * 50 <= units;
}

/* Without a mark: the NUL pattern of Latin text in one of the four forms. */
static seal_sniff_enc
by_nuls(const uint8_t *p, size_t n)
{
	size_t z[4] = { 0, 0, 0, 0 }, units4 = n / 4, units2 = n / 2;

	if (n < 4)
		return SEAL_SNIFF_NONE;
	for (size_t i = 0; i < units4 * 4; i++)
		if (p[i] == 0)
			z[i % 4]++;
	/* UTF-32: two high bytes always zero, the low byte almost never */
	if (z[2] == units4 && z[3] == units4 && z[0] * 20 <= units4 &&
	    plausible(p, n, SEAL_SNIFF_UTF32LE))
		return SEAL_SNIFF_UTF32LE;
	if (z[0] == units4 && z[1] == units4 && z[3] * 20 <= units4 &&
	    plausible(p, n, SEAL_SNIFF_UTF32BE))
		return SEAL_SNIFF_UTF32BE;
	/* UTF-16: most high bytes zero (Latin), low bytes (nearly) never */
	{
		size_t even = z[0] + z[2], odd = z[1] + z[3];

		if (odd * 2 >= units2 && even * 50 <= units2 &&
		    plausible(p, n, SEAL_SNIFF_UTF16LE))
			return SEAL_SNIFF_UTF16LE;
		if (even * 2 >= units2 && odd * 50 <= units2 &&
		    plausible(p, n, SEAL_SNIFF_UTF16BE))
			return SEAL_SNIFF_UTF16BE;
	}
	return SEAL_SNIFF_NONE;
}

seal_sniff_enc
seal_textsniff(const uint8_t *p, size_t n, size_t *bom)
{
	size_t dummy;
	seal_sniff_enc e = SEAL_SNIFF_NONE;
	size_t b = 0;

	if (bom == NULL)
		bom = &dummy;
	*bom = 0;
	if (p == NULL)
		return SEAL_SNIFF_NONE;
	if (n > SEAL_TEXTSNIFF_SAMPLE)
		n = SEAL_TEXTSNIFF_SAMPLE;
	/* UTF-32LE's mark starts like UTF-16LE's: test it first */
	if (n >= 4 && memcmp(p, "\xFF\xFE\0\0", 4) == 0)
		e = SEAL_SNIFF_UTF32LE, b = 4;
	else if (n >= 4 && memcmp(p, "\0\0\xFE\xFF", 4) == 0)
		e = SEAL_SNIFF_UTF32BE, b = 4;
	else if (n >= 2 && memcmp(p, "\xFF\xFE", 2) == 0)
		e = SEAL_SNIFF_UTF16LE, b = 2;
	else if (n >= 2 && memcmp(p, "\xFE\xFF", 2) == 0)
		e = SEAL_SNIFF_UTF16BE, b = 2;
	else if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		*bom = 3;
		return SEAL_SNIFF_UTF8_BOM;
	}
	if (e != SEAL_SNIFF_NONE) {
		/* a mark alone is two bytes: the rest must read as text too */
		if (n == b || plausible(p + b, n - b, e)) {
			*bom = b;
			return e;
		}
		return SEAL_SNIFF_NONE;
	}
	return by_nuls(p, n);
}

const char *
seal_textsniff_charset(seal_sniff_enc e)
{
	switch (e) {
	case SEAL_SNIFF_UTF8_BOM:
		return "UTF-8";
	case SEAL_SNIFF_UTF16LE:
		return "UTF-16LE";
	case SEAL_SNIFF_UTF16BE:
		return "UTF-16BE";
	case SEAL_SNIFF_UTF32LE:
		return "UTF-32LE";
	case SEAL_SNIFF_UTF32BE:
		return "UTF-32BE";
	default:
		return NULL;
	}
}

char *
seal_textsniff_to_utf8(const uint8_t *p, size_t n, seal_sniff_enc e, size_t *out_len)
{
	static const struct { seal_sniff_enc e; const char *mark; size_t len; } marks[] = {
		{ SEAL_SNIFF_UTF8_BOM, "\xEF\xBB\xBF", 3 },
		{ SEAL_SNIFF_UTF16LE, "\xFF\xFE", 2 },
		{ SEAL_SNIFF_UTF16BE, "\xFE\xFF", 2 },
		{ SEAL_SNIFF_UTF32LE, "\xFF\xFE\0\0", 4 },
		{ SEAL_SNIFF_UTF32BE, "\0\0\xFE\xFF", 4 },
	};
	const char *cs = seal_textsniff_charset(e);

	if (cs == NULL)
		return NULL;
	/* skip the mark only when it is there (a sniffed text may have none) */
	for (size_t i = 0; i < G_N_ELEMENTS(marks); i++)
		if (marks[i].e == e && n >= marks[i].len &&
		    memcmp(p, marks[i].mark, marks[i].len) == 0) {
			p += marks[i].len;
			n -= marks[i].len;
			break;
		}
	return seal_extract_to_utf8((const char *)p, n, cs, out_len);
}
