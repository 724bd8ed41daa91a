/*
 * html.c - HTML to text for scanning (spec section 2.1, classes E7, E6).
 *
 * A small hand-written tokenizer, on purpose: libxml2 2.9's HTML parser
 * does not know HTML5-only references such as &hyphen; or &dash;, and its
 * entity handling cannot express "decode exactly once, after the tags are
 * removed" reliably. The spec needs only a text view, not a tree, so two
 * linear passes suffice:
 *
 *   1. tags: comments, <!...>, <?...> and script/style elements vanish;
 *      inline elements vanish; <br> is "\n"; <td>/<th> "\t"; any other tag
 *      "\n\n". Quoted attribute values may hold '>' (as in HTML5). Where
 *      HTML5 would drop an unterminated construct up to the end of the
 *      input, it stays text here (the bytes are in the mail; this is also
 *      what the spec's reference detector in make-vectors.py does).
 *   2. character references in the remaining text, decoded once: the output
 *      of pass 2 is never scanned again, so "&amp;#49;" stays "&#49;".
 *
 * Garbage in (unterminated tags or comments, huge attributes, NUL bytes,
 * invalid UTF-8) costs linear time: every byte is looked at a bounded
 * number of times, and the result is made valid UTF-8 at the end.
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "html.h"

/* ---------------------------------------------------------- pass 1: tags */

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool
is_alpha(char c)
{
	return g_ascii_isalpha(c);
}

/*
 * State of pass 1. The no_* fields remember "not found from here on" for
 * searches that ran to the end of the input, so hostile input (thousands
 * of unterminated constructs) is still scanned in linear time.
 */
typedef struct tagscan {
	const char *h;
	size_t len;
	GString *out;
	bool simple;     /* a tag ran to the end once: tags end at first '>' */
	size_t no_gt;    /* no '>' at or after this position */
	size_t no_cmt;   /* no comment end at or after this position */
	size_t no_raw[2];/* no "</script", "</style" at or after */
} tagscan;

#define NOT_FOUND ((size_t) -1)

/* Next '>' at or after i, or NOT_FOUND. */
static size_t
find_gt(tagscan *ts, size_t i)
{
	const char *p;

	if (i >= ts->no_gt || i >= ts->len)
		return NOT_FOUND;
	p = memchr(ts->h + i, '>', ts->len - i);
	if (p == NULL) {
		ts->no_gt = i;
		return NOT_FOUND;
	}
	return (size_t) (p - ts->h);
}

/*
 * Comment starting at i ("<!--"): HTML5 ends it at "-->" or "--!>".
 * Returns the position after it, or NOT_FOUND when it is unterminated.
 */
static size_t
skip_comment(tagscan *ts, size_t i)
{
	const char *h = ts->h;
	size_t len = ts->len, j = i + 4;

	/* "<!-->" and "<!--->" are complete (empty) comments */
	if (j < len && h[j] == '>')
		return j + 1;
	if (j + 1 < len && h[j] == '-' && h[j + 1] == '>')
		return j + 2;
	if (j >= ts->no_cmt)
		return NOT_FOUND;
	while (j < len) {
		const char *p = memchr(h + j, '-', len - j);

		if (p == NULL)
			break;
		j = (size_t) (p - h);
		if (j + 2 < len && h[j + 1] == '-' && h[j + 2] == '>')
			return j + 3;
		if (j + 3 < len && h[j + 1] == '-' && h[j + 2] == '!' &&
		    h[j + 3] == '>')
			return j + 4;
		j++;
	}
	ts->no_cmt = i + 4;
	return NOT_FOUND;
}

/*
 * HTML5 attributes up to and including '>'. Returns the position after
 * it, or NOT_FOUND when the input ends inside the tag.
 */
static size_t
skip_attributes(const char *h, size_t len, size_t i)
{
	for (;;) {
		while (i < len && (is_ws(h[i]) || h[i] == '/'))
			i++;
		if (i >= len)
			return NOT_FOUND;
		if (h[i] == '>')
			return i + 1;
		i++;    /* first character of the name may be anything */
		while (i < len && !is_ws(h[i]) && h[i] != '/' && h[i] != '>' &&
		    h[i] != '=')
			i++;
		while (i < len && is_ws(h[i]))
			i++;
		if (i >= len || h[i] != '=')
			continue;
		i++;
		while (i < len && is_ws(h[i]))
			i++;
		if (i < len && (h[i] == '"' || h[i] == '\'')) {
			const char *q = i + 1 < len ?
			    memchr(h + i + 1, h[i], len - i - 1) : NULL;

			if (q == NULL)
				return NOT_FOUND;
			i = (size_t) (q - h) + 1;
		} else {
			while (i < len && !is_ws(h[i]) && h[i] != '>')
				i++;
		}
	}
}

/*
 * End of the tag whose name ended at i. Well-formed tags follow HTML5
 * (a quoted '>' does not end the tag: '1705<b x=">">83' shows 170583).
 * A tag that runs to the end of the input is kept as text instead of
 * being dropped as HTML5 would: the digits are still in the mail. After
 * that first failure, tags end at the first '>' (one linear fallback).
 */
static size_t
tag_end(tagscan *ts, size_t i)
{
	size_t g;

	if (!ts->simple) {
		g = skip_attributes(ts->h, ts->len, i);
		if (g != NOT_FOUND)
			return g;
		ts->simple = true;
	}
	g = find_gt(ts, i);
	return g == NOT_FOUND ? NOT_FOUND : g + 1;
}

static const char *const inline_tags[] = {
	"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del",
	"dfn", "em", "font", "i", "ins", "kbd", "mark", "q", "s", "samp",
	"small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
	"var", "wbr"
};

/* What a tag turns into (spec E7). */
static const char *
tag_text(const char *name)
{
	size_t k;

	for (k = 0; k < G_N_ELEMENTS(inline_tags); k++)
		if (strcmp(name, inline_tags[k]) == 0)
			return "";
	if (strcmp(name, "br") == 0)
		return "\n";
	if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		return "\t";
	return "\n\n";
}

/* Position of the end tag "</name" closing raw text, or NOT_FOUND. */
static size_t
find_raw_end(tagscan *ts, size_t i, const char *name, size_t *memo)
{
	const char *h = ts->h;
	size_t len = ts->len, nl = strlen(name), from = i;

	if (i >= *memo)
		return NOT_FOUND;
	while (i < len) {
		const char *p = memchr(h + i, '<', len - i);
		size_t j;

		if (p == NULL)
			break;
		j = (size_t) (p - h);
		if (j + 2 + nl <= len && h[j + 1] == '/' &&
		    g_ascii_strncasecmp(h + j + 2, name, nl) == 0 &&
		    (j + 2 + nl == len || is_ws(h[j + 2 + nl]) ||
		    h[j + 2 + nl] == '/' || h[j + 2 + nl] == '>'))
			return j;
		i = j + 1;
	}
	*memo = from;
	return NOT_FOUND;
}

/*
 * A tag at lt whose name starts at i (after "<" or "</"); appends its
 * text and returns where to go on. Unterminated: the '<' is text.
 */
static size_t
do_tag(tagscan *ts, size_t lt, size_t i, bool end_tag)
{
	const char *h = ts->h;
	char name[16];
	size_t n = 0, e, r;
	int raw;

	/* Known unterminated: do not scan the name again ("<p<p<p..."). */
	if (ts->simple && find_gt(ts, i) == NOT_FOUND) {
		g_string_append_c(ts->out, '<');
		return lt + 1;
	}
	while (i < ts->len && !is_ws(h[i]) && h[i] != '/' && h[i] != '>') {
		if (n < sizeof(name) - 1)
			name[n] = g_ascii_tolower(h[i]);
		n++;
		i++;
	}
	/* Over-long names are no known element: plain "other tag". */
	name[n < sizeof(name) ? n : 0] = '\0';
	e = tag_end(ts, i);
	if (e == NOT_FOUND) {
		g_string_append_c(ts->out, '<');
		return lt + 1;
	}
	raw = end_tag ? -1 : strcmp(name, "script") == 0 ? 0 :
	    strcmp(name, "style") == 0 ? 1 : -1;
	if (raw >= 0) {
		/* Raw text: dropped with its content and the end tag. */
		r = find_raw_end(ts, e, name, &ts->no_raw[raw]);
		if (r != NOT_FOUND) {
			r = tag_end(ts, r + 2 + strlen(name));
			if (r != NOT_FOUND)
				return r;
		}
		/* Unterminated: the content stays text, as for other tags. */
	}
	g_string_append(ts->out, tag_text(name));
	return e;
}

/* Text up to the next '<'; NUL bytes are dropped as HTML5 does. */
static size_t
copy_text(const char *h, size_t len, size_t i, GString *out)
{
	const char *p = memchr(h + i, '<', len - i);
	size_t end = p != NULL ? (size_t) (p - h) : len;

	while (i < end) {
		const char *z = memchr(h + i, '\0', end - i);
		size_t stop = z != NULL ? (size_t) (z - h) : end;

		g_string_append_len(out, h + i, (gssize) (stop - i));
		i = stop < end ? stop + 1 : end;
	}
	return end;
}

/* Bogus comment ("<!x>", "<?x>", "</ x>"): dropped up to '>'. */
static size_t
skip_bogus(tagscan *ts, size_t lt)
{
	size_t g = find_gt(ts, lt + 2);

	if (g == NOT_FOUND) {
		g_string_append_c(ts->out, '<');
		return lt + 1;
	}
	return g + 1;
}

static void
strip_tags(const char *h, size_t len, GString *out)
{
	tagscan ts = { h, len, out, false, NOT_FOUND, NOT_FOUND,
	    { NOT_FOUND, NOT_FOUND } };
	size_t i = 0, e;

	while (i < len) {
		char n;

		if (h[i] != '<') {
			i = copy_text(h, len, i, out);
			continue;
		}
		n = i + 1 < len ? h[i + 1] : '\0';
		if (n == '!' && i + 3 < len && h[i + 2] == '-' &&
		    h[i + 3] == '-') {
			e = skip_comment(&ts, i);
			if (e == NOT_FOUND) {
				g_string_append_c(out, '<');
				e = i + 1;
			}
			i = e;
		} else if (n == '!' || n == '?') {
			i = skip_bogus(&ts, i);
		} else if (is_alpha(n)) {
			i = do_tag(&ts, i, i + 1, false);
		} else if (n == '/' && i + 2 < len && is_alpha(h[i + 2])) {
			i = do_tag(&ts, i, i + 2, true);
		} else if (n == '/' && i + 2 < len) {
			i = skip_bogus(&ts, i);   /* "</>" or "</ x>" */
		} else {
			g_string_append_c(out, '<');
			i++;
		}
	}
}

/* ---------------------------------------------------------- pass 2: references */

/* Longest name in the table marked legacy ("aacute", "middot", ...). */
#define LEGACY_MAX 6

typedef struct entity {
	const char *name;
	gunichar cp;
	bool legacy;    /* decoded without ';' as well (HTML5 legacy list) */
} entity;

static const entity entities[] = {
	{ "amp", '&', true }, { "lt", '<', true }, { "gt", '>', true },
	{ "quot", '"', true }, { "apos", '\'', false },
	{ "nbsp", 0xA0, true }, { "shy", 0xAD, true },
	{ "ndash", 0x2013, false }, { "mdash", 0x2014, false },
	{ "minus", 0x2212, false }, { "hyphen", 0x2010, false },
	{ "dash", 0x2010, false }, { "horbar", 0x2015, false },
	{ "zwj", 0x200D, false }, { "zwnj", 0x200C, false },
	{ "ZeroWidthSpace", 0x200B, false }, { "NoBreak", 0x2060, false },
	{ "thinsp", 0x2009, false }, { "ThinSpace", 0x2009, false },
	{ "ensp", 0x2002, false }, { "emsp", 0x2003, false },
	{ "emsp13", 0x2004, false }, { "emsp14", 0x2005, false },
	{ "numsp", 0x2007, false }, { "puncsp", 0x2008, false },
	{ "hairsp", 0x200A, false }, { "VeryThinSpace", 0x200A, false },
	{ "MediumSpace", 0x205F, false }, { "NonBreakingSpace", 0xA0, false },
	{ "Tab", '\t', false }, { "NewLine", '\n', false },
	{ "plus", '+', false }, { "period", '.', false }, { "sol", '/', false },
	{ "colon", ':', false }, { "semi", ';', false }, { "comma", ',', false },
	{ "lpar", '(', false }, { "rpar", ')', false }, { "num", '#', false },
	{ "equals", '=', false }, { "lowbar", '_', false },
	{ "aelig", 0xE6, true }, { "AElig", 0xC6, true },
	{ "oslash", 0xF8, true }, { "Oslash", 0xD8, true },
	{ "aring", 0xE5, true }, { "Aring", 0xC5, true },
	{ "auml", 0xE4, true }, { "Auml", 0xC4, true },
	{ "ouml", 0xF6, true }, { "Ouml", 0xD6, true },
	{ "uuml", 0xFC, true }, { "Uuml", 0xDC, true },
	{ "eacute", 0xE9, true }, { "Eacute", 0xC9, true },
	{ "aacute", 0xE1, true }, { "Aacute", 0xC1, true },
	{ "iacute", 0xED, true }, { "Iacute", 0xCD, true },
	{ "oacute", 0xF3, true }, { "Oacute", 0xD3, true },
	{ "uacute", 0xFA, true }, { "Uacute", 0xDA, true },
	{ "yacute", 0xFD, true }, { "Yacute", 0xDD, true },
	{ "eth", 0xF0, true }, { "ETH", 0xD0, true },
	{ "thorn", 0xFE, true }, { "THORN", 0xDE, true },
	{ "szlig", 0xDF, true }, { "ccedil", 0xE7, true },
	{ "copy", 0xA9, true }, { "reg", 0xAE, true }, { "sect", 0xA7, true },
	{ "deg", 0xB0, true }, { "middot", 0xB7, true },
	{ "laquo", 0xAB, true }, { "raquo", 0xBB, true },
	{ "times", 0xD7, true }, { "euro", 0x20AC, false },
	{ "hellip", 0x2026, false }, { "bull", 0x2022, false },
	{ "lsquo", 0x2018, false }, { "rsquo", 0x2019, false },
	{ "ldquo", 0x201C, false }, { "rdquo", 0x201D, false },
};

/* HTML5: numeric references 0x80-0x9F name Windows-1252 characters. */
static const gunichar c1_map[32] = {
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178
};

static const entity *
find_entity(const char *name, size_t n, bool need_legacy)
{
	size_t k;

	for (k = 0; k < G_N_ELEMENTS(entities); k++)
		if (strlen(entities[k].name) == n &&
		    memcmp(entities[k].name, name, n) == 0 &&
		    (!need_legacy || entities[k].legacy))
			return &entities[k];
	return NULL;
}

/* "&#..." at i; returns bytes consumed, 0 when it is no reference. */
static size_t
numeric_ref(const char *t, size_t len, size_t i, gunichar *cp)
{
	size_t j = i + 2, start;
	bool hex = j < len && (t[j] == 'x' || t[j] == 'X');
	guint64 v = 0;

	if (hex)
		j++;
	start = j;
	while (j < len && (hex ? g_ascii_isxdigit(t[j]) : g_ascii_isdigit(t[j]))) {
		if (v <= 0x10FFFF)
			v = v * (hex ? 16 : 10) + (guint64) (hex ?
			    g_ascii_xdigit_value(t[j]) : g_ascii_digit_value(t[j]));
		j++;
	}
	if (j == start)
		return 0;
	if (j < len && t[j] == ';')
		j++;
	if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		*cp = 0xFFFD;
	else if (v >= 0x80 && v <= 0x9F)
		*cp = c1_map[v - 0x80];
	else
		*cp = (gunichar) v;
	return j - i;
}

/* "&name;" at i (HTML5 rules for names without ';'); 0 when unknown. */
static size_t
named_ref(const char *t, size_t len, size_t i, gunichar *cp)
{
	size_t j = i + 1, n;
	const entity *e;

	while (j < len && j - i - 1 < 32 && g_ascii_isalnum(t[j]))
		j++;
	n = j - i - 1;
	if (n == 0)
		return 0;
	if (j < len && t[j] == ';' && (e = find_entity(t + i + 1, n, false))) {
		*cp = e->cp;
		return j + 1 - i;
	}
	/* Legacy names decode without ';', longest prefix first. */
	if (n > LEGACY_MAX)
		n = LEGACY_MAX;
	for (; n >= 2; n--) {
		if ((e = find_entity(t + i + 1, n, true)) != NULL) {
			*cp = e->cp;
			return n + 1;
		}
	}
	return 0;
}

static void
decode_refs(const char *t, size_t len, GString *out)
{
	size_t i = 0;

	while (i < len) {
		const char *p = memchr(t + i, '&', len - i);
		size_t at, used;
		gunichar cp = 0;

		if (p == NULL) {
			g_string_append_len(out, t + i, (gssize) (len - i));
			return;
		}
		at = (size_t) (p - t);
		g_string_append_len(out, t + i, (gssize) (at - i));
		if (at + 1 < len && t[at + 1] == '#')
			used = numeric_ref(t, len, at, &cp);
		else
			used = named_ref(t, len, at, &cp);
		if (used == 0) {
			g_string_append_c(out, '&');
			i = at + 1;
		} else {
			g_string_append_unichar(out, cp);
			i = at + used;
		}
	}
}

char *
seal_html_to_text(const char *html, size_t len, size_t *out_len)
{
	GString *text = g_string_sized_new(len + 1);
	GString *out = g_string_sized_new(len + 1);
	char *res;

	if (html != NULL)
		strip_tags(html, len, text);
	decode_refs(text->str, text->len, out);
	g_string_free(text, TRUE);
	if (!g_utf8_validate_len(out->str, out->len, NULL)) {
		char *valid = g_utf8_make_valid(out->str, (gssize) out->len);

		g_string_free(out, TRUE);
		if (out_len != NULL)
			*out_len = strlen(valid);
		return valid;
	}
	if (out_len != NULL)
		*out_len = out->len;
	res = g_string_free(out, FALSE);
	return res;
}
