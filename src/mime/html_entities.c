/*
 * html_entities.c - character references in HTML and XML text (spec
 * section 2.1, class E6), decoded once as an HTML5 parser decodes text
 * content: numeric references (decimal and hex; 0x80-0x9F as
 * Windows-1252, invalid ones as U+FFFD) and the full HTML5 set of named
 * references (html_entities.inc), the legacy names also without ';'.
 * The output is never scanned for references again: "&amp;#49;" stays
 * "&#49;". Invisible results (&lrm;, &InvisibleTimes;, &ZeroWidthSpace;)
 * are left to normalize.c, which deletes them.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "html_internal.h"

typedef struct entity {
	const char *name;
	gunichar cp1, cp2;      /* cp2 0: one code point */
	int legacy;             /* also decoded without ';' */
} entity;

static const entity entities[] = {
#include "html_entities.inc"
};

/* Longest legacy name ("aacute", "middot", ...) in html_entities.inc. */
#define LEGACY_MAX 6
/* Longest name of all ("CounterClockwiseContourIntegral"). */
#define NAME_MAX_LEN 32

/* HTML5: numeric references 0x80-0x9F name Windows-1252 characters. */
static const gunichar c1_map[32] = {
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178
};

typedef struct key {
	const char *s;
	size_t n;
} key;

static int
entity_cmp(const void *k, const void *e)
{
	const key *a = k;
	const char *b = ((const entity *)e)->name;
	size_t bl = strlen(b);
	int c = memcmp(a->s, b, a->n < bl ? a->n : bl);

	if (c != 0)
		return c;
	return a->n < bl ? -1 : a->n > bl ? 1 : 0;
}

static const entity *
find_entity(const char *name, size_t n, bool need_legacy)
{
	key k = { name, n };
	const entity *e = bsearch(&k, entities, G_N_ELEMENTS(entities),
	    sizeof(entities[0]), entity_cmp);

	if (e == NULL || (need_legacy && !e->legacy))
		return NULL;
	return e;
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
named_ref(const char *t, size_t len, size_t i, const entity **found)
{
	size_t j = i + 1, n;
	const entity *e;

	while (j < len && j - i - 1 < NAME_MAX_LEN && g_ascii_isalnum(t[j]))
		j++;
	n = j - i - 1;
	if (n == 0)
		return 0;
	if (j < len && t[j] == ';' && (e = find_entity(t + i + 1, n, false))) {
		*found = e;
		return j + 1 - i;
	}
	/* Legacy names decode without ';', longest prefix first. */
	if (n > LEGACY_MAX)
		n = LEGACY_MAX;
	for (; n >= 2; n--) {
		if ((e = find_entity(t + i + 1, n, true)) != NULL) {
			*found = e;
			return n + 1;
		}
	}
	return 0;
}

void
seal_html_decode_refs(const char *t, size_t len, GString *out)
{
	size_t i = 0;

	while (i < len) {
		const char *p = memchr(t + i, '&', len - i);
		const entity *e = NULL;
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
			used = named_ref(t, len, at, &e);
		if (used == 0) {
			g_string_append_c(out, '&');
			i = at + 1;
			continue;
		}
		if (e != NULL) {
			g_string_append_unichar(out, e->cp1);
			if (e->cp2 != 0)
				g_string_append_unichar(out, e->cp2);
		} else
			g_string_append_unichar(out, cp);
		i = at + used;
	}
}
