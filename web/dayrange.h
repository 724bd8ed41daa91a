/*
 * dayrange.h - the date fields of the console's forms: a day typed as
 * YYYY-MM-DD (the audit search's "from day" and "to day") read as the
 * local day it names.
 *
 * Strict: exactly ten characters, a day the calendar has (no 31 April,
 * 29 February only in a leap year), years 1970 to 9999; nothing the C
 * library would quietly move to another day. Local days follow the
 * process's time zone, so a day of a change of summer time has 23 or 25
 * hours. Thread safe as mktime(3) is.
 */
#ifndef SEAL_WEB_DAYRANGE_H
#define SEAL_WEB_DAYRANGE_H

#include <stdint.h>

/*
 * text as a local day: its first second (Unix time), or with end its
 * last. 0, or -1 for anything not such a day (out untouched).
 */
int web_day_parse(const char *text, int end, int64_t *out);

typedef enum web_days {
	WEB_DAYS_OK = 0,
	WEB_DAYS_BAD,        /* a field is not a YYYY-MM-DD day */
	WEB_DAYS_REVERSED    /* the first day is after the last */
} web_days;

/*
 * The range from the first second of since to the last of until; a NULL
 * field leaves its end open (0). *from and *to are 0 unless WEB_DAYS_OK.
 */
web_days web_day_range(const char *since, const char *until, int64_t *from, int64_t *to);

#endif
