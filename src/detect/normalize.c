/*
 * normalize.c - character and line normalisation before detection
 * (doc/DETECTION.md section 2.2): delete invisibles and combining marks
 * (E4), read right-to-left overrides in display order (E6), fold look-alike
 * dashes (E3) and special spaces (E5), fullwidth forms (E1), other decimal
 * and compatibility digits (E2), then line breaks (E11).
 *
 * One pass does all classes: every class maps one code point to at most
 * one, a combining mark rewrites the letter just written (the composed
 * letter is never longer than letter and mark), an override is reversed in
 * place when it ends, and the line rules (trim spaces around LF, CRLF/CR to
 * LF, U+2028 to LF, U+2029 to a paragraph break, 3+ LF to two) only look at
 * what has already been written. No class writes more bytes than it reads
 * (U+2029 is 3 bytes and becomes at most 2), so the output is allocated
 * once at the input's size.
 *
 * Speed: runs of ASCII bytes other than CR and LF need no change and are
 * copied in bulk (found 16 bytes at a time with SSE2 where available). Only
 * bytes >= 0x80, CR, LF and the spaces after an LF take the slow path;
 * Latin-1 and Latin Extended letters (below U+0300) are decided without a
 * table lookup.
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

/*
 * What a non-ASCII code point becomes: one ASCII byte (>= 0), or one of
 * these actions. Every action writes at most as many bytes as it reads.
 */
enum {
	NC_KEEP = -1,     /* copied as it is */
	NC_DELETE = -2,   /* invisible: dropped */
	NC_MARK = -3,     /* combining mark: composed onto the letter or dropped */
	NC_LINE = -4,     /* U+0085, U+2028: a line break */
	NC_PARA = -5,     /* U+2029: a paragraph break */
	NC_RLO = -6,      /* right-to-left override: shown reversed */
	NC_PUSH = -7,     /* other bidi embedding, override or isolate */
	NC_POP = -8       /* PDF, PDI: ends the innermost one */
};

static int
fold_general_punct(gunichar c)
{
	switch (c) {
	case 0x200B: case 0x200C: case 0x200D: case 0x200E: case 0x200F:
	case 0x2060: case 0x2061: case 0x2062: case 0x2063: case 0x2064:
	case 0x206A: case 0x206B: case 0x206C: case 0x206D: case 0x206E:
	case 0x206F:
		return NC_DELETE;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2043:
		return '-';
	case 0x2028:
		return NC_LINE;
	case 0x2029:
		return NC_PARA;
	case 0x202E:
		return NC_RLO;
	case 0x202A: case 0x202B: case 0x202D:
	case 0x2066: case 0x2067: case 0x2068:
		return NC_PUSH;
	case 0x202C: case 0x2069:
		return NC_POP;
	case 0x202F: case 0x205F:
		return ' ';
	default:
		return c <= 0x200A ? ' ' : NC_KEEP;
	}
}

/* Single code points outside U+2000-206F with a fixed fold. */
static int
fold_listed(gunichar c)
{
	switch (c) {
	/* dashes: Armenian hyphen, Hebrew maqaf, Mongolian todo soft hyphen,
	 * superscript/subscript minus, minus sign, heavy minus, 2- and 3-em
	 * dash, vertical em/en dash, small em dash and hyphen, and the
	 * katakana prolonged sound mark (drawn as a long dash; between digits
	 * it can only be one) */
	case 0x058A: case 0x05BE: case 0x1806: case 0x207B: case 0x208B:
	case 0x2212: case 0x2796: case 0x2E3A: case 0x2E3B: case 0x30FC:
	case 0xFE31: case 0xFE32: case 0xFE58: case 0xFE63: case 0xFF70:
		return '-';
	case 0x207A: case 0x208A: case 0xFE62: case 0xFF0B:
		return '+';
	/* Ogham space mark, braille blank, ideographic space */
	case 0x1680: case 0x2800: case 0x3000:
		return ' ';
	/* Arabic letter mark, Hangul fillers, Mongolian vowel separator,
	 * BOM / zero-width no-break space */
	case 0x061C: case 0x115F: case 0x1160: case 0x180E: case 0x3164:
	case 0xFEFF: case 0xFFA0:
		return NC_DELETE;
	default:
		return NC_KEEP;
	}
}

/*
 * A compatibility digit (general category No): superscript, subscript,
 * circled, parenthesised, "digit full stop", "digit comma". Its NFKC form
 * holds exactly one ASCII digit and nothing but ( ) . , besides; that digit
 * is what a reader sees. "10" in a circle, fractions and the like stay.
 */
static int
fold_compat_digit(gunichar c)
{
	gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
	gsize n, k;
	int digit = NC_KEEP;

	/* dingbat and double circled digits have no decomposition */
	if (c >= 0x2776 && c <= 0x277E)
		return '1' + (int) (c - 0x2776);
	if (c >= 0x2780 && c <= 0x2788)
		return '1' + (int) (c - 0x2780);
	if (c >= 0x278A && c <= 0x2792)
		return '1' + (int) (c - 0x278A);
	if (c >= 0x24F5 && c <= 0x24FD)
		return '1' + (int) (c - 0x24F5);
	if (c == 0x24FF || c == 0x1F10B || c == 0x1F10C)
		return '0';
	n = g_unichar_fully_decompose(c, TRUE, d, G_N_ELEMENTS(d));
	for (k = 0; k < n && k < G_N_ELEMENTS(d); k++) {
		if (d[k] >= '0' && d[k] <= '9') {
			if (digit != NC_KEEP)
				return NC_KEEP;
			digit = (int) d[k];
		} else if (d[k] != '(' && d[k] != ')' && d[k] != '.' &&
		    d[k] != ',') {
			return NC_KEEP;
		}
	}
	return digit;
}

static int
fold_by_category(gunichar c)
{
	int v;

	switch (g_unichar_type(c)) {
	case G_UNICODE_NON_SPACING_MARK:
	case G_UNICODE_ENCLOSING_MARK:
		return NC_MARK;
	case G_UNICODE_FORMAT:
		/* every other format control is invisible */
		return NC_DELETE;
	case G_UNICODE_DECIMAL_NUMBER:
		v = g_unichar_digit_value(c);
		return v >= 0 ? '0' + v : NC_KEEP;
	case G_UNICODE_OTHER_NUMBER:
		return fold_compat_digit(c);
	default:
		return NC_KEEP;
	}
}

static int
fold_cp(gunichar c)
{
	int r;

	if (c < 0x300) {
		/* Latin: the common non-ASCII case, no table lookup */
		switch (c) {
		case 0x85:
			return NC_LINE;
		case 0xA0:
			return ' ';
		case 0xAD:
			return NC_DELETE;
		case 0xB2:
			return '2';
		case 0xB3:
			return '3';
		case 0xB9:
			return '1';
		case 0x2D7:     /* modifier letter minus sign */
			return '-';
		default:
			return NC_KEEP;
		}
	}
	if (c >= 0x2000 && c <= 0x206F)
		return fold_general_punct(c);
	r = fold_listed(c);
	if (r != NC_KEEP)
		return r;
	/* FF0D (fullwidth hyphen-minus) lands on '-' here as well */
	if (c >= 0xFF01 && c <= 0xFF5E)
		return (int) (c - 0xFEE0);
	/* tag characters (Cf or unassigned) and variation selectors 17-256 */
	if ((c >= 0xE0000 && c <= 0xE007F) || (c >= 0xE0100 && c <= 0xE01EF))
		return NC_DELETE;
	return fold_by_category(c);
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
	unsigned rlo_depth;     /* > 0: inside a right-to-left override */
	size_t rlo_start;       /* where the override's output begins */
} nstate;

/* Reverses the code points of out[from, to) in place. */
static void
reverse_code_points(char *out, size_t from, size_t to)
{
	size_t i, j;

	for (i = from, j = to; i + 1 < j; i++, j--) {
		char t = out[i];

		out[i] = out[j - 1];
		out[j - 1] = t;
	}
	/* each sequence now ends with its lead byte: turn it round again */
	for (i = from; i < to; i = j + 1) {
		size_t a, b;

		j = i;
		while (j + 1 < to && ((unsigned char) out[j] & 0xC0) == 0x80)
			j++;
		for (a = i, b = j; a < b; a++, b--) {
			char t = out[a];

			out[a] = out[b];
			out[b] = t;
		}
	}
}

/*
 * A right-to-left override (RLO ... PDF) shows its characters in reverse
 * order, whatever they are: "\u202E9881-385071\u202C" is read on screen as
 * 170583-1889. The override's output is reversed when it ends: at its PDF
 * (embeddings and isolates opened inside it are counted), at a line or
 * paragraph break, or at the end of the text.
 */
static void
end_override(nstate *st)
{
	if (st->rlo_depth == 0)
		return;
	st->rlo_depth = 0;
	reverse_code_points(st->out, st->rlo_start, st->o);
}

static void
bidi_control(nstate *st, int action)
{
	if (action == NC_RLO && st->rlo_depth == 0)
		st->rlo_start = st->o;
	if (action == NC_POP) {
		if (st->rlo_depth == 1)
			end_override(st);
		else if (st->rlo_depth > 1)
			st->rlo_depth--;
	} else if (action == NC_RLO || st->rlo_depth > 0) {
		st->rlo_depth++;
	}
}

/*
 * A combining mark (Mn, Me) after the letter it belongs to: composed with
 * it when Unicode has the precomposed letter (o + U+0308 is ö, so NFD text
 * matches the keywords, which are NFC), otherwise dropped (marks drawn over
 * digits, keycaps, CGJ, variation selectors). o + U+0338 (long solidus
 * overlay) looks like ø but has no canonical composition: it is taken as ø
 * so that "fødselsnummer" typed that way still counts. The composed letter
 * is never longer than the letter and the mark were.
 */
static void
combine_mark(nstate *st, gunichar mark, size_t mark_len)
{
	char buf[6];
	size_t s;
	gunichar prev, comp;
	int n;

	if (st->o == 0)
		return;
	s = st->o - 1;
	while (s > 0 && st->o - s < 4 &&
	    ((unsigned char) st->out[s] & 0xC0) == 0x80)
		s--;
	if (st->rlo_depth > 0 && s < st->rlo_start)
		return;         /* the letter is outside the override */
	prev = g_utf8_get_char_validated(st->out + s, (gssize) (st->o - s));
	if (prev >= 0x110000)
		return;
	if (!g_unichar_compose(prev, mark, &comp)) {
		if (mark == 0x338 && (prev == 'o' || prev == 'O'))
			comp = prev == 'o' ? 0xF8 : 0xD8;
		else
			return;
	}
	n = g_unichar_to_utf8(comp, buf);
	if ((size_t) n > st->o - s + mark_len)
		return;
	memcpy(st->out + s, buf, (size_t) n);
	st->o = s + (size_t) n;
}

/* E11: an LF; spaces before it go, and 3+ LFs become two. */
static void
emit_lf(nstate *st)
{
	end_override(st);
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
	switch (r) {
	case NC_DELETE:
		return n;       /* invisible: leaves skip_ws and after_cr */
	case NC_MARK:
		if (!st->skip_ws)
			combine_mark(st, cp, n);
		return n;
	case NC_RLO: case NC_PUSH: case NC_POP:
		bidi_control(st, r);
		return n;
	case NC_PARA:
		emit_lf(st);
		/* FALLTHROUGH */
	case NC_LINE:
		emit_lf(st);
		st->after_cr = false;
		return n;
	default:
		break;
	}
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
	end_override(&st);
	st.out[st.o] = '\0';
	if (out_len != NULL)
		*out_len = st.o;
	return st.out;
}
