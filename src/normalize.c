/*
 * normalize.c - character and line normalisation before detection
 * (spec section 2.2): delete invisibles (E4), fold look-alike dashes (E3)
 * and special spaces (E5), fullwidth forms (E1), other decimal digits (E2),
 * then line breaks (E11).
 *
 * One pass does all classes in the spec's order: every class maps one code
 * point to at most one, so the character classes can be applied per code
 * point, and the line rules (trim spaces around LF, CRLF/CR to LF, 3+ LF to
 * two) only look at what has already been written. Nothing grows, so the
 * output is allocated once at the input's size.
 *
 * Speed: runs of ASCII bytes other than CR and LF need no change and are
 * copied in bulk (found 16 bytes at a time with SSE2 where available). Only
 * bytes >= 0x80, CR, LF and the spaces after an LF take the slow path.
 * The input is valid UTF-8 (the extract layer checks it once); a truncated
 * sequence is still copied byte by byte, never read past len.
 */
#include <stdbool.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <glib.h>

#include "normalize.h"

/* First index >= i whose byte is >= 0x80, CR or LF; len if none. */
static size_t
plain_run_end(const char *t, size_t len, size_t i)
{
#if defined(__SSE2__)
	const __m128i cr = _mm_set1_epi8('\r');
	const __m128i lf = _mm_set1_epi8('\n');

	while (i + 16 <= len) {
		__m128i v = _mm_loadu_si128((const __m128i *) (t + i));
		__m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, cr),
		    _mm_cmpeq_epi8(v, lf));
		int bits = _mm_movemask_epi8(_mm_or_si128(m, v));

		if (bits != 0)
			return i + (size_t) __builtin_ctz((unsigned) bits);
		i += 16;
	}
#endif
	while (i < len) {
		unsigned char c = (unsigned char) t[i];

		if (c >= 0x80 || c == '\r' || c == '\n')
			break;
		i++;
	}
	return i;
}

/* What a non-ASCII code point becomes: deleted, one ASCII byte, or kept. */
enum { NC_KEEP = -1, NC_DELETE = -2 };

static int
fold_general_punct(gunichar c)
{
	switch (c) {
	case 0x200B: case 0x200C: case 0x200D: case 0x2060:
		return NC_DELETE;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015:
		return '-';
	case 0x202F: case 0x205F:
		return ' ';
	default:
		return c <= 0x200A ? ' ' : NC_KEEP;
	}
}

static int
fold_cp(gunichar c)
{
	int v;

	if (c < 0x660) {
		/* Latin, Greek, Cyrillic, ...: the common non-ASCII case */
		if (c == 0xA0)
			return ' ';
		return c == 0xAD ? NC_DELETE : NC_KEEP;
	}
	if (c >= 0x2000 && c <= 0x206F)
		return fold_general_punct(c);
	switch (c) {
	case 0x2212: case 0xFE58: case 0xFE63:
		return '-';
	case 0xFE62: case 0xFF0B:
		return '+';
	case 0x3000:
		return ' ';
	case 0xFEFF:
		return NC_DELETE;
	default:
		break;
	}
	/* FF0D (fullwidth hyphen-minus) lands on '-' here as well */
	if (c >= 0xFF01 && c <= 0xFF5E)
		return (int) (c - 0xFEE0);
	v = g_unichar_digit_value(c);
	return v >= 0 ? '0' + v : NC_KEEP;
}

/* Length of the UTF-8 sequence at t[i], or 0 when it is not valid. */
static size_t
utf8_seq(const char *t, size_t len, size_t i, gunichar *cp)
{
	unsigned char c = (unsigned char) t[i];
	size_t n, k;
	gunichar v;

	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (len - i < n)
		return 0;
	for (k = 1; k < n; k++) {
		unsigned char d = (unsigned char) t[i + k];

		if ((d & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (d & 0x3F);
	}
	*cp = v;
	return n;
}

typedef struct nstate {
	char *out;
	size_t o;
	bool skip_ws;   /* just wrote an LF: drop following spaces and TABs */
	bool after_cr;  /* last kept character was a CR: an LF now is CRLF */
} nstate;

/* E11: an LF; spaces before it go, and 3+ LFs become two. */
static void
emit_lf(nstate *st)
{
	while (st->o > 0 && (st->out[st->o - 1] == ' ' ||
	    st->out[st->o - 1] == '\t'))
		st->o--;
	if (!(st->o >= 2 && st->out[st->o - 1] == '\n' &&
	    st->out[st->o - 2] == '\n'))
		st->out[st->o++] = '\n';
	st->skip_ws = true;
}

/* One non-ASCII code point (or stray byte) at t[i]; returns bytes used. */
static size_t
do_non_ascii(nstate *st, const char *t, size_t len, size_t i)
{
	gunichar cp;
	size_t n = utf8_seq(t, len, i, &cp);
	int r;

	if (n == 0) {
		st->out[st->o++] = t[i];
		st->skip_ws = st->after_cr = false;
		return 1;
	}
	r = fold_cp(cp);
	if (r == NC_DELETE)
		return n;       /* invisible: leaves skip_ws and after_cr */
	if (r == ' ' && st->skip_ws) {
		st->after_cr = false;
		return n;
	}
	if (r == NC_KEEP) {
		memcpy(st->out + st->o, t + i, n);
		st->o += n;
	} else {
		st->out[st->o++] = (char) r;
	}
	st->skip_ws = st->after_cr = false;
	return n;
}

char *
seal_normalize(const char *text, size_t len, size_t *out_len)
{
	nstate st;
	size_t i = 0;

	memset(&st, 0, sizeof(st));
	st.out = g_malloc(len + 1);
	while (i < len) {
		unsigned char c;
		size_t j;

		if (st.skip_ws && (text[i] == ' ' || text[i] == '\t')) {
			st.after_cr = false;
			i++;
			continue;
		}
		j = plain_run_end(text, len, i);
		if (j > i) {
			memcpy(st.out + st.o, text + i, j - i);
			st.o += j - i;
			i = j;
			st.skip_ws = st.after_cr = false;
			if (i == len)
				break;
		}
		c = (unsigned char) text[i];
		if (c == '\n' && st.after_cr) {
			st.after_cr = false;
			i++;
		} else if (c == '\n' || c == '\r') {
			emit_lf(&st);
			st.after_cr = c == '\r';
			i++;
		} else {
			i += do_non_ascii(&st, text, len, i);
		}
	}
	st.out[st.o] = '\0';
	if (out_len != NULL)
		*out_len = st.o;
	return st.out;
}
