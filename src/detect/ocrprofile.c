/*
 * ocrprofile.c - digits put back where OCR read letters (ocrprofile.h).
 *
 * Why runs and a majority: "CPR" or "Bolig" must stay words, while
 * "O6O868-243O" is a number the engine half misread. Two digits at least,
 * so a lone "I" or "S1" (a grade, a page label) is not turned into "11" or
 * "51". The run stops at anything else (space, dash, other letters), so
 * each group of a spaced or dashed number is judged on its own.
 */
#include <stdbool.h>

#include "ocrprofile.h"

/* The digit a confusable letter stands for, or 0 when c is not one. */
static char
confusable(char c)
{
	switch (c) {
	case 'O': case 'o': return '0';
	case 'l': case 'I': case '|': return '1';
	case 'S': return '5';
	case 'B': return '8';
	default: return 0;
	}
}

static bool
digit_like(char c)
{
	return (c >= '0' && c <= '9') || confusable(c) != 0;
}

/*
 * A letter the Finnish identity code may hold at position i of a run of n
 * (ocrprofile.h): kept as it is.
 */
static bool
hetu_letter(const char *run, size_t n, size_t i)
{
	if (n < 10 || n > 11)
		return false;
	if (i == 6)
		return run[i] == 'B';
	return i == 10 && (run[i] == 'B' || run[i] == 'S');
}

static size_t
fix_run(char *run, size_t n)
{
	size_t digits = 0, letters = 0, changed = 0;

	for (size_t i = 0; i < n; i++) {
		if (run[i] >= '0' && run[i] <= '9')
			digits++;
		else
			letters++;
	}
	if (letters == 0 || digits < 2 || digits < letters)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char d = confusable(run[i]);

		if (d != 0 && !hetu_letter(run, n, i)) {
			run[i] = d;
			changed++;
		}
	}
	return changed;
}

size_t
seal_ocrprofile_apply(char *text, size_t len)
{
	size_t changed = 0, i = 0;

	while (i < len) {
		size_t start;

		if (!digit_like(text[i])) {
			i++;
			continue;
		}
		start = i;
		while (i < len && digit_like(text[i]))
			i++;
		changed += fix_run(text + start, i - start);
	}
	return changed;
}
