/*
 * rules_text.c - the two text passes of the site rules (rules_internal.h)
 * made cheap: the UTF-8 check before PCRE2 runs without its own check, and
 * the case fold of a keyword window.
 *
 * Both give exactly what GLib gives (g_utf8_validate with a length,
 * g_utf8_casefold), only faster: ASCII, most of any mail, is checked 16
 * bytes at a time and folded with a table, and the two-byte characters
 * (Latin, Greek, Cyrillic, ...) are folded from a table GLib filled once.
 * Only rarer characters still ask GLib one at a time.
 */
#include <string.h>

#include "asciispan.h"
#include "rules_internal.h"

/* First index >= i whose byte is not ASCII or is NUL; len if none. */
static inline size_t
ascii_run_end(const unsigned char *t, size_t len, size_t i)
{
	return i + seal_ascii_span(t + i, len - i);
}

/*
 * The length of the valid sequence at t[i] (a byte >= 0x80), or 0: the
 * rules of g_utf8_validate (and RFC 3629): no overlong form, no surrogate,
 * nothing above U+10FFFF.
 */
static size_t
seq_len(const unsigned char *t, size_t len, size_t i)
{
	unsigned char c = t[i];
	size_t n;
	gunichar v, min;

	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len - i < n)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((t[i + k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (t[i + k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return n;
}

/*
 * Characters whose case fold holds an ASCII character or one of æøåäöéü
 * though they are none of those letters themselves (ß -> ss, the Kelvin
 * sign -> k, the ligatures ...): a keyword may be in the fold of a text
 * where a pass over byte classes (acmatch.h) sees no keyword. The list is
 * GLib's (tests/unit/test_rules.c compares it over every code point).
 */
bool
seal_rules_fold_special(gunichar c)
{
	switch (c) {
	case 0x00DF: case 0x0130: case 0x0149: case 0x017F: case 0x01F0:
	case 0x1E96: case 0x1E97: case 0x1E98: case 0x1E99: case 0x1E9A: case 0x1E9E:
	case 0x212A: case 0x212B:
		return true;
	default:
		return c >= 0xFB00 && c <= 0xFB06;
	}
}

/* seal_rules_fold_special for the two-byte sequence c d (c 0xC2..0xDF). */
static inline bool
fold_special2(unsigned char c, unsigned char d)
{
	switch (c) {
	case 0xC3: return d == 0x9F;
	case 0xC4: return d == 0xB0;
	case 0xC5: return d == 0x89 || d == 0xBF;
	case 0xC7: return d == 0xB0;
	default: return false;
	}
}

/* The code point of the valid n-byte sequence at t. */
static gunichar
decode(const unsigned char *t, size_t n)
{
	gunichar v = t[0] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);

	for (size_t k = 1; k < n; k++)
		v = (v << 6) | (t[k] & 0x3F);
	return v;
}

bool
seal_rules_utf8_check(const char *text, size_t len, bool *fold_special)
{
	const unsigned char *t = (const unsigned char *)text;
	bool special = false;
	size_t i = 0;

	while (i < len) {
		size_t n;

		i = ascii_run_end(t, len, i);
		/*
		 * Text in a non-Latin script or full of Nordic letters mixes short
		 * ASCII runs and two-byte characters: those are checked here, in
		 * line, before going back to the 16-byte search.
		 */
		while (i < len) {
			unsigned char c = t[i];

			if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (t[i + 1] & 0xC0) == 0x80) {
				special |= fold_special2(c, t[i + 1]);
				i += 2;
			} else if (c < 0x80 && c != 0 && (i + 1 == len || t[i + 1] >= 0x80)) {
				i++;
			} else {
				break;
			}
		}
		if (i == len)
			break;
		if (t[i] < 0x80 && t[i] != 0)
			continue;
		/* g_utf8_validate with a length refuses a NUL byte as well */
		n = t[i] != 0 ? seq_len(t, len, i) : 0;
		if (n == 0)
			return false;
		special |= seal_rules_fold_special(decode(t + i, n));
		i += n;
	}
	if (fold_special != NULL)
		*fold_special = special;
	return true;
}

bool
seal_rules_utf8_ok(const char *text, size_t len)
{
	return seal_rules_utf8_check(text, len, NULL);
}

/* The case fold of U+0080..U+07FF, as g_utf8_casefold gives it. */
typedef struct fold2 {
	unsigned char len;            /* 0: longer than buf, ask GLib */
	char buf[7];
} fold2;

static fold2 fold_table[0x800 - 0x80];

static void
fold_table_once(void)
{
	static gsize done;

	if (!g_once_init_enter(&done))
		return;
	for (gunichar c = 0x80; c < 0x800; c++) {
		char in[8], *f;
		int n = g_unichar_to_utf8(c, in);
		size_t flen;

		f = g_utf8_casefold(in, n);
		flen = strlen(f);
		if (flen <= sizeof(fold_table[0].buf)) {
			fold_table[c - 0x80].len = (unsigned char)flen;
			memcpy(fold_table[c - 0x80].buf, f, flen);
		}
		g_free(f);
	}
	g_once_init_leave(&done, 1);
}

void
seal_rules_fold_init(void)
{
	fold_table_once();
}

void
seal_rules_fold(GString *out, const char *text, size_t len)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t i = 0;

	fold_table_once();
	while (i < len) {
		unsigned char c = t[i];

		if (c < 0x80) {
			/* a run of ASCII at once; g_utf8_casefold stops at a NUL (the
			   checked text has none) */
			size_t e = i, at = out->len;

			if (c == 0)
				return;
			while (e < len && t[e] != 0 && t[e] < 0x80)
				e++;
			g_string_set_size(out, at + (e - i));
			for (size_t k = i; k < e; k++)
				out->str[at + k - i] = (char)((unsigned)(t[k] - 'A') < 26u ? t[k] + ('a' - 'A') : t[k]);
			i = e;
		} else if (c >= 0xC2 && c <= 0xDF && i + 1 < len
		    && fold_table[(((gunichar)(c & 0x1F) << 6) | (t[i + 1] & 0x3F)) - 0x80].len > 0) {
			const fold2 *f = &fold_table[(((gunichar)(c & 0x1F) << 6)
			    | (t[i + 1] & 0x3F)) - 0x80];

			g_string_append_len(out, f->buf, f->len);
			i += 2;
		} else {
			const char *next = g_utf8_find_next_char(text + i, text + len);
			size_t n = (next != NULL ? (size_t)(next - text) : len) - i;
			char *f = g_utf8_casefold(text + i, (gssize)n);

			g_string_append(out, f);
			g_free(f);
			i += n;
		}
	}
}
