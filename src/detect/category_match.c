/*
 * category_match.c - checking a matcher hit against its term (category.h):
 * the matcher works on coarse byte classes and only knows where a term
 * may end, so every hit is confirmed here: exact bytes where the class
 * is coarse, the case rule, word boundaries, the markers.
 *
 * All checks look at a few bytes around the hit (at most the term, the
 * rest of the word and 24 bytes after it), never the whole text.
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "acmatch.h"
#include "category_internal.h"

/* The code point starting at text[i] (a broken sequence: U+FFFD). */
static gunichar
char_at(const char *text, size_t len, size_t i)
{
	gunichar c = g_utf8_get_char_validated(text + i, (gssize)(len - i));

	return c == (gunichar)-1 || c == (gunichar)-2 ? 0xfffd : c;
}

/* U+00C0..U+00FF after a 0xC3 lead: all letters but the signs × and ÷. The
   Nordic letters are most non-ASCII text here: no table lookup for them. */
static inline bool
latin1_letter(unsigned char cont)
{
	return cont >= 0x80 && cont <= 0xbf && cont != 0x97 && cont != 0xb7;
}

/* Is the character ending just before text[i] a letter or digit? */
static bool
alnum_before(const char *text, size_t len, size_t i)
{
	size_t j = i;

	if (i == 0)
		return false;
	if ((unsigned char)text[i - 1] < 0x80)
		return g_ascii_isalnum(text[i - 1]);
	if (i >= 2 && (unsigned char)text[i - 2] == 0xc3)
		return latin1_letter((unsigned char)text[i - 1]);
	while (j > 0 && i - j < 4 && ((unsigned char)text[j - 1] & 0xc0) == 0x80)
		j--;
	if (j == 0)
		return false;
	return g_unichar_isalnum(char_at(text, len, j - 1));
}

static bool
alnum_at(const char *text, size_t len, size_t i)
{
	if (i >= len)
		return false;
	if ((unsigned char)text[i] < 0x80)
		return g_ascii_isalnum(text[i]);
	if ((unsigned char)text[i] == 0xc3 && i + 1 < len)
		return latin1_letter((unsigned char)text[i + 1]);
	return g_unichar_isalnum(char_at(text, len, i));
}

/* The end of the word that goes on at text[i]. */
static size_t
word_end(const char *text, size_t len, size_t i)
{
	while (i < len && alnum_at(text, len, i))
		i = g_utf8_next_char(text + i) - text;
	return i < len ? i : len;
}

/* One term byte against one text byte: exact, or the same letter class. */
static inline bool
same_byte(const unsigned char *cls, unsigned char t, unsigned char x, bool exact)
{
	if (t == x)
		return true;
	if (exact)
		return false;
	/* letters fold; digits, punctuation and other bytes must be equal */
	return cls[t] == cls[x] && (g_ascii_isalpha(t) || t >= 0x80);
}

/* Walks back from end over the term; the start, or (size_t)-1 when the bytes differ. */
static size_t
term_start(const seal_dict_term *t, const char *text, size_t end)
{
	const unsigned char *cls = seal_ac_class_table();
	size_t j = end;
	bool exact = (t->flags & SEAL_DICT_EXACT) != 0;

	for (size_t k = t->len; k-- > 0;) {
		unsigned char tc = (unsigned char)t->text[k];

		if (tc == ' ') {
			while (j > 0 && cls[(unsigned char)text[j - 1]] == SEAL_AC_SEP)
				j--;
			continue;
		}
		if (j == 0 || !same_byte(cls, tc, (unsigned char)text[j - 1], exact))
			return (size_t)-1;
		j--;
	}
	return j;
}

/* Is text[i..e) one of the language's suffixes (ASCII, any case)? */
static bool
is_suffix(unsigned lang, const char *s, size_t n)
{
	const char *const *list = seal_dict_suffixes(lang);

	for (size_t i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && g_ascii_strncasecmp(list[i], s, n) == 0)
			return true;
	return false;
}

/* A digit within SEAL_DICT_DIGIT_WINDOW bytes after e. */
static bool
digit_follows(const char *text, size_t len, size_t e)
{
	size_t stop = len - e > SEAL_DICT_DIGIT_WINDOW ? e + SEAL_DICT_DIGIT_WINDOW : len;

	for (size_t i = e; i < stop; i++)
		if (g_ascii_isdigit(text[i]))
			return true;
	return false;
}

/*
 * The next word (after spaces and punctuation, within 24 bytes, on the same
 * line) starts upper case. A salutation to a named person has the name on
 * its line ("Hei Randi,"); "Hei," alone on its line is followed by the
 * first sentence, which may start with any capitalised word ("NAV og ...").
 */
static bool
capital_follows(const char *text, size_t len, size_t e)
{
	size_t i = e;

	while (i < len && i - e < SEAL_DICT_DIGIT_WINDOW && !alnum_at(text, len, i)) {
		if (text[i] == '\n' || text[i] == '\r')
			return false;
		i++;
	}
	if (i == e || i >= len || !alnum_at(text, len, i))
		return false;
	return g_unichar_isupper(char_at(text, len, i));
}

/*
 * Most matcher hits are a short term inside a longer word ("du" in
 * "industri"): the boundary checks come first, before the bytes are
 * compared. A one-word term takes exactly its length in bytes (one class
 * per byte), so its start is known without a walk.
 */
static bool
quick_reject(const seal_dict_term *t, const char *text, size_t len, size_t end)
{
	if (!(t->flags & (SEAL_DICT_STEM | SEAL_DICT_INFLECT)) && alnum_at(text, len, end))
		return true;
	return !(t->flags & (SEAL_DICT_ANY_BEFORE | SEAL_DICT_SPACE)) && end >= t->len
	    && alnum_before(text, len, end - t->len);
}

bool
seal_category_match(const seal_dict_term *t, const char *text, size_t len, size_t end,
	size_t *start, size_t *stop)
{
	size_t s, e = end;

	if (quick_reject(t, text, len, end))
		return false;
	s = term_start(t, text, end);
	if (s == (size_t)-1)
		return false;
	if (!(t->flags & SEAL_DICT_ANY_BEFORE) && alnum_before(text, len, s))
		return false;
	if (t->flags & (SEAL_DICT_STEM | SEAL_DICT_INFLECT)) {
		e = word_end(text, len, end);
		if ((t->flags & SEAL_DICT_INFLECT) && e > end
		    && !is_suffix(t->lang, text + end, e - end))
			return false;
	} else if (alnum_at(text, len, end)) {
		return false;
	}
	if ((t->flags & SEAL_DICT_DIGIT) && !digit_follows(text, len, e))
		return false;
	if ((t->flags & SEAL_DICT_CAPNEXT) && !capital_follows(text, len, e))
		return false;
	*start = s;
	*stop = e;
	return true;
}
