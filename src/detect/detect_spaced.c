/*
 * detect_spaced.c - numbers written one digit at a time with a space
 * between the digits ("1 7 0 5 8 3 - 1 8 8 9"), spec section 3.1,
 * letter-spaced form.
 *
 * A reader sees such a number at once; the candidate finder, which starts
 * at runs of six digits, never does. Nothing a clinic, a bank or a phone
 * book writes looks like this (phone numbers and account numbers are
 * grouped in twos to fours, never in ones), so a chain of single digits is
 * collapsed and read by the ordinary rules: shapes, boundaries, checksums
 * and the keywords of the line around it.
 *
 * The cost on ordinary text is one pass that looks at digits only; the
 * collapsed copy is built only when a chain is there. This file only finds
 * and collapses the chains and maps findings back; detect.c reads the
 * collapsed copy with its ordinary pass.
 */
#include <string.h>

#include "detect_internal.h"

/* A chain holds 10 to 12 digits (D10, S10, N11, S12 shapes). */
#define CHAIN_MIN 10
#define CHAIN_MAX 12

static bool
is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

/* An ASCII letter or digit; the boundary rules judge the rest later. */
static bool
is_alnum_byte(const char *t, size_t i)
{
	return g_ascii_isalnum((unsigned char)t[i]);
}

/* A lone digit at i: no letter or digit directly before or after it. */
static bool
lone_digit(const char *t, size_t len, size_t i)
{
	if (!is_digit(t[i]))
		return false;
	if (i > 0 && is_alnum_byte(t, i - 1))
		return false;
	if (i + 1 < len && is_alnum_byte(t, i + 1))
		return false;
	return true;
}

/*
 * The separator after a lone digit at i, before the next lone digit:
 * one space, or a hyphen with at most one space on either side (at most
 * one hyphen per chain). Returns the position of the next digit or 0.
 */
static size_t
chain_next(const char *t, size_t len, size_t i, bool *hyphen)
{
	size_t j = i + 1;
	bool h = false;

	if (j < len && t[j] == ' ')
		j++;
	if (j < len && t[j] == '-' && !*hyphen) {
		h = true;
		j++;
		if (j < len && t[j] == ' ')
			j++;
	}
	if (j == i + 1 || j >= len || !lone_digit(t, len, j))
		return 0;
	*hyphen = *hyphen || h;
	return j;
}

typedef struct chain {
	size_t start, end;        /* [start, end) in the text */
} chain;

/*
 * The chains of CHAIN_MIN..CHAIN_MAX lone digits in text. Only digits are
 * looked at (the finder's fast skip), so prose costs next to nothing.
 */
static GArray *
find_chains(const char *t, size_t len)
{
	GArray *chains = NULL;
	size_t i = 0;

	while ((i = seal_find_digit(t, len, i)) < len) {
		size_t d = i, next, n = 1;
		bool hyphen = false;

		if (!lone_digit(t, len, i)) {
			while (i < len && is_digit(t[i]))
				i++;
			continue;
		}
		while ((next = chain_next(t, len, d, &hyphen)) != 0) {
			d = next;
			n++;
		}
		if (n >= CHAIN_MIN && n <= CHAIN_MAX) {
			chain c = { i, d + 1 };

			if (chains == NULL)
				chains = g_array_new(FALSE, FALSE, sizeof(chain));
			g_array_append_val(chains, c);
		}
		i = d + 1;
	}
	return chains;
}

struct seal_spaced {
	GArray *chains;       /* chain, in text order */
	GString *flat;        /* the text with each chain's spaces removed */
	size_t *map;          /* flat offset -> text offset, flat->len + 1 */
};

seal_spaced *
seal_spaced_collapse(const char *text, size_t len)
{
	GArray *chains = find_chains(text, len);
	seal_spaced *sp;
	size_t from = 0;

	if (chains == NULL)
		return NULL;
	sp = g_new(seal_spaced, 1);
	sp->chains = chains;
	sp->flat = g_string_sized_new(len);
	sp->map = g_new(size_t, len + 1);
	for (guint c = 0; c < chains->len; c++) {
		const chain *ch = &g_array_index(chains, chain, c);

		for (size_t i = from; i < ch->start; i++) {
			sp->map[sp->flat->len] = i;
			g_string_append_c(sp->flat, text[i]);
		}
		for (size_t i = ch->start; i < ch->end; i++)
			if (text[i] != ' ') {
				sp->map[sp->flat->len] = i;
				g_string_append_c(sp->flat, text[i]);
			}
		from = ch->end;
	}
	for (size_t i = from; i < len; i++) {
		sp->map[sp->flat->len] = i;
		g_string_append_c(sp->flat, text[i]);
	}
	sp->map[sp->flat->len] = len;
	return sp;
}

const char *
seal_spaced_text(const seal_spaced *sp, size_t *len)
{
	*len = sp->flat->len;
	return sp->flat->str;
}

bool
seal_spaced_map(const seal_spaced *sp, seal_finding *f)
{
	size_t s = sp->map[f->start], e = sp->map[f->end - 1] + 1;

	/* only what the collapsing made visible; the rest was found before */
	for (guint c = 0; c < sp->chains->len; c++) {
		const chain *ch = &g_array_index(sp->chains, chain, c);

		if (s < ch->end && e > ch->start) {
			f->start = s;
			f->end = e;
			return true;
		}
	}
	return false;
}

seal_spaced *
seal_spaced_free(seal_spaced *sp)
{
	if (sp == NULL)
		return NULL;
	g_free(sp->map);
	g_string_free(sp->flat, TRUE);
	g_array_free(sp->chains, TRUE);
	g_free(sp);
	return NULL;
}
