/*
 * dayrange.c - YYYY-MM-DD fields as local days (dayrange.h).
 *
 * Checked by hand before mktime: sscanf("%4d-%2d-%2d") takes blanks,
 * signs and one-digit fields, and mktime moves 2024-02-31 to 2 March
 * without a word, so a search "until 31 February" would silently reach
 * into March.
 */
#include <string.h>
#include <time.h>

#include <glib.h>

#include "dayrange.h"

/* Digits at p[0..n), as a number. */
static int
digits(const char *p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

int
web_day_parse(const char *text, int end, int64_t *out)
{
	struct tm tm;
	int y, m, d;
	time_t t;

	if (text == NULL || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !g_ascii_isdigit(text[i]))
			return -1;
	y = digits(text, 4);
	m = digits(text + 5, 2);
	d = digits(text + 8, 2);
	if (y < 1970 || m < 1 || m > 12 || d < 1
	    || d > g_date_get_days_in_month((GDateMonth)m, (GDateYear)y))
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	/* The last second of a day is the second before the next day's first. */
	tm.tm_mday = d + (end ? 1 : 0);
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return -1;
	*out = (int64_t)t - (end ? 1 : 0);
	return 0;
}

web_days
web_day_range(const char *since, const char *until, int64_t *from, int64_t *to)
{
	int64_t f = 0, u = 0;

	*from = *to = 0;
	if ((since != NULL && web_day_parse(since, 0, &f) != 0)
	    || (until != NULL && web_day_parse(until, 1, &u) != 0))
		return WEB_DAYS_BAD;
	if (since != NULL && until != NULL && f > u)
		return WEB_DAYS_REVERSED;
	*from = f;
	*to = u;
	return WEB_DAYS_OK;
}
