/*
 * rtftext.c - RTF to the text it shows; see rtftext.h. One linear pass
 * over the bytes (RTF 1.9.1 specification, sections "Conventions of an
 * RTF Reader" and "Special Characters").
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "rtftext.h"

/* Windows-1252 0x80..0x9F (the rest of the code page is Latin-1). */
static const gunichar cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0xFFFD
};

int
seal_rtf_is(const char *data, size_t len)
{
	return len >= 5 && memcmp(data, "{\\rtf", 5) == 0;
}

static void
put_cp1252(GString *o, unsigned char c)
{
	if (c < 0x80)
		g_string_append_c(o, (char)c);
	else if (c < 0xA0)
		g_string_append_unichar(o, cp1252_high[c - 0x80]);
	else
		g_string_append_unichar(o, c);
}

/* A UTF-16 unit from \uN; a high surrogate waits for its low one. */
static void
put_unit(GString *o, long n, gunichar *high)
{
	gunichar u = (gunichar)(n < 0 ? n + 65536 : n) & 0xFFFF;

	if (u >= 0xD800 && u < 0xDC00) {
		*high = u;
		return;
	}
	if (u >= 0xDC00 && u < 0xE000) {
		if (*high != 0)
			g_string_append_unichar(o, 0x10000 + ((*high - 0xD800) << 10) +
			    (u - 0xDC00));
		*high = 0;
		return;
	}
	*high = 0;
	g_string_append_unichar(o, u != 0 ? u : 0xFFFD);
}

/* What a control word stands for in the text ("" for most). */
static const char *
word_text(const char *w, size_t n)
{
	static const struct { const char *w, *t; } words[] = {
		{ "par", "\n" }, { "line", "\n" }, { "row", "\n" }, { "sect", "\n\n" },
		{ "page", "\n\n" }, { "tab", "\t" }, { "cell", "\t" },
		{ "emdash", "\xe2\x80\x94" }, { "endash", "\xe2\x80\x93" },
	};

	for (size_t k = 0; k < G_N_ELEMENTS(words); k++)
		if (strlen(words[k].w) == n && memcmp(words[k].w, w, n) == 0)
			return words[k].t;
	return "";
}

/* A control word at d[i] (after '\'): appends its text, returns the end. */
static size_t
control_word(const char *d, size_t len, size_t i, GString *o, gunichar *high,
	bool *skip_one)
{
	size_t ws = i, wl;
	long param = 0;
	bool has_param = false, neg = false;

	while (i < len && g_ascii_isalpha(d[i]) && i - ws < 32)
		i++;
	wl = i - ws;
	if (i < len && d[i] == '-') {
		neg = true;
		i++;
	}
	while (i < len && g_ascii_isdigit(d[i])) {
		if (param < 1000000)
			param = param * 10 + (d[i] - '0');
		has_param = true;
		i++;
	}
	if (neg)
		param = -param;
	if (i < len && d[i] == ' ')
		i++;    /* the delimiting space belongs to the word */
	if (wl == 1 && d[ws] == 'u' && has_param) {
		put_unit(o, param, high);
		*skip_one = true;
	} else
		g_string_append(o, word_text(d + ws, wl));
	return i;
}

char *
seal_rtf_to_text(const char *d, size_t len, size_t *out_len)
{
	GString *o = g_string_sized_new(len / 2 + 16);
	gunichar high = 0;
	bool skip_one = false;
	size_t i = 0;
	char *res;

	while (i < len) {
		char c = d[i];

		if (c == '{' || c == '}' || c == '\r' || c == '\n') {
			i++;
			continue;
		}
		if (c != '\\') {
			if (skip_one)
				skip_one = false;       /* \uN's fallback character */
			else
				put_cp1252(o, (unsigned char)c);
			i++;
			continue;
		}
		if (++i >= len)
			break;
		c = d[i];
		if (g_ascii_isalpha(c)) {
			skip_one = false;
			i = control_word(d, len, i, o, &high, &skip_one);
			continue;
		}
		if (c == '\'' && i + 2 < len && g_ascii_isxdigit(d[i + 1]) &&
		    g_ascii_isxdigit(d[i + 2])) {
			if (skip_one)
				skip_one = false;
			else
				put_cp1252(o, (unsigned char)(g_ascii_xdigit_value(d[i + 1]) * 16 +
				    g_ascii_xdigit_value(d[i + 2])));
			i += 3;
			continue;
		}
		if (c == '\\' || c == '{' || c == '}')
			g_string_append_c(o, c);
		else if (c == '~')
			g_string_append(o, "\xc2\xa0");
		else if (c == '_')
			g_string_append_c(o, '-');
		i++;
	}
	if (!g_utf8_validate_len(o->str, o->len, NULL)) {
		res = g_utf8_make_valid(o->str, (gssize)o->len);
		memset(o->str, 0, o->len);
		g_string_free(o, TRUE);
		*out_len = strlen(res);
		return res;
	}
	*out_len = o->len;
	return g_string_free(o, FALSE);
}
