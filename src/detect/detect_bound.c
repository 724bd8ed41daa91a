/*
 * detect_bound.c - the boundary rules of spec 3.2: when the characters
 * around a candidate make it part of something longer (a longer digit
 * run, a word, a phone number, a decimal, a grouped account number), and
 * when digits beside it are only a list number, an amount in the next
 * column or another number of their own.
 *
 * The text is normalised UTF-8; the joiners and digits looked at are
 * ASCII, so byte arithmetic is enough except for the letter test.
 */
#include "detect_internal.h"

/* Digits beside a number of its own, across one space: another number. */
#define BOUND_WHOLE_NUMBER 10
/* A list number at the start of a line: "1 ", "12 ", "103 ". */
#define BOUND_LIST_MAX 3
/* An amount or count in the next column: "1200 kr.", "3 stk". */
#define BOUND_VALUE_MAX 5

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_joiner(char c)
{
	return c == '-' || c == '.' || c == '/' || c == '+' || c == ' ';
}

/* Start of the code point ending just before pos (pos > 0). */
static gunichar
prev_cp(const char *text, size_t pos)
{
	size_t p = pos - 1;
	int k = 0;

	while (p > 0 && k < 3 && ((unsigned char) text[p] & 0xC0) == 0x80) {
		p--;
		k++;
	}
	return g_utf8_get_char(text + p);
}

seal_bound
seal_bound_start(const char *text, size_t len, size_t start)
{
	gunichar p1;

	(void) len;
	if (start == 0)
		return SEAL_BOUND_OK;
	p1 = prev_cp(text, start);
	if (seal_is_alnum(p1) || p1 == '+')
		return SEAL_BOUND_NO;
	/* p1 is ASCII here, so p2's last byte sits at start - 2. */
	if (start < 2 || !is_joiner((char) p1) || !is_digit(text[start - 2]))
		return SEAL_BOUND_OK;
	return p1 == ' ' ? SEAL_BOUND_SPACE : SEAL_BOUND_NO;
}

seal_bound
seal_bound_end(const char *text, size_t len, size_t end)
{
	gunichar n1;

	if (end >= len)
		return SEAL_BOUND_OK;
	n1 = (unsigned char) text[end] < 0x80 ? (gunichar) text[end] :
	    g_utf8_get_char_validated(text + end, (gssize) (len - end));
	if (n1 != (gunichar) -1 && n1 != (gunichar) -2 && seal_is_alnum(n1))
		return SEAL_BOUND_NO;
	if (!is_joiner(text[end]) || end + 1 >= len || !is_digit(text[end + 1]))
		return SEAL_BOUND_OK;
	return text[end] == ' ' ? SEAL_BOUND_SPACE : SEAL_BOUND_NO;
}

bool
seal_bound_space_start_ok(const char *text, size_t start)
{
	size_t e = start - 1, s = e;

	while (s > 0 && is_digit(text[s - 1]))
		s--;
	if (e - s >= BOUND_WHOLE_NUMBER)
		return true;
	/* "1 0101901234 Jens": a numbered list, the number starts a line */
	return e - s <= BOUND_LIST_MAX &&
	    (s == 0 || text[s - 1] == '\n' || text[s - 1] == '\t');
}

bool
seal_bound_space_end_ok(const char *text, size_t len, size_t end)
{
	size_t s = end + 1, e = s;

	while (e < len && is_digit(text[e]))
		e++;
	if (e - s >= BOUND_WHOLE_NUMBER)
		return true;
	/* "0101901234 1200 kr.": a value in the next column, the chain ends */
	return e - s <= BOUND_VALUE_MAX &&
	    (e >= len || !is_joiner(text[e]) || e + 1 >= len ||
	    !is_digit(text[e + 1]));
}
