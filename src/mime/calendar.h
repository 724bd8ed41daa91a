/*
 * calendar.h - the text an iCalendar object (RFC 5545; .ics, text/calendar)
 * shows a reader, and nothing else.
 *
 * Read: SUMMARY, DESCRIPTION, LOCATION, COMMENT, CONTACT, RESOURCES,
 * CATEGORIES, NAME (RFC 7986), URL, CONFERENCE (value and LABEL),
 * X-ALT-DESC (HTML through seal_html_to_text), ATTENDEE and ORGANIZER (CN
 * and the address), ATTACH (an inline ENCODING=BASE64 value is decoded and
 * handed to hooks->blob with its FMTTYPE; a URI and the file name are
 * text), in every component but VTIMEZONE (alarms labelled "VALARM/...").
 * Protocol fields no client shows as text (UID, DTSTAMP, DTSTART, SEQUENCE,
 * RECURRENCE-ID, TZID, PRODID, X-MICROSOFT-CDO-*, X-MS-OLK-*, X-WR-*, ...)
 * are not read. A line that is not a content line, and text outside any
 * component, is handed over as it stands (label "text"): fail closed.
 * Each property is its own text, so numbers never join across fields.
 *
 * Input: the calendar as UTF-8. Labels are ASCII ("DESCRIPTION",
 * "ATTACH notat.txt" may hold the file name). Returns SEAL_OK or the first
 * hook status that is not SEAL_OK. Thread safe.
 */
#ifndef SEAL_CALENDAR_H
#define SEAL_CALENDAR_H

#include <stddef.h>

#include "contentline.h"
#include "err.h"

/* True when text holds a "BEGIN:VCALENDAR" line. */
int seal_calendar_sniff(const char *text, size_t len);

seal_status seal_calendar_read(const char *text, size_t len, const seal_cl_hooks *hooks,
	seal_err *err);

#endif
