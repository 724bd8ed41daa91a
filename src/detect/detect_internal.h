/*
 * detect_internal.h - shared between detect.c and the detect_*.c files:
 * the fast digit-run finder, the per-kind validators (dates, checksums,
 * canonical digits) and the context rules (boundaries, keywords, URLs).
 * Not part of libseal's public contract; see detect.h for that.
 *
 * Every function takes normalised UTF-8 (normalize.h) and byte offsets.
 * Distances the spec gives in code points are counted here, not by the
 * caller. No global mutable state: thread safe.
 */
#ifndef SEAL_DETECT_INTERNAL_H
#define SEAL_DETECT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "detect.h"

/* Keyword window in code points (spec 5.3). */
#define SEAL_KW_WINDOW 40

/* ---------------------------------------------------------- detect_find.c */

/*
 * Finds the next maximal run of 6 or more ASCII digits that starts at or
 * after from (from must not be inside a digit run), or a run of 4 or 5
 * digits right after "DD.MM.YY-". Returns false at the end of the text.
 */
bool seal_find_run(const char *text, size_t len, size_t from,
	size_t *run_start, size_t *run_end);

/* Position of the next ASCII digit at or after from, or len (fast skip). */
size_t seal_find_digit(const char *text, size_t len, size_t from);

/* True when text[i - 9 .. i) is "DD.MM.YY-" (digits as written). */
bool seal_dotted_date_before(const char *text, size_t i);

/* ---------------------------------------------------------- detect_spaced.c */

/*
 * Numbers written one digit at a time ("1 7 0 5 8 3 - 1 8 8 9"). The
 * caller (detect.c) reads the collapsed text with its ordinary pass and
 * maps each finding back. Owned by the caller; not shared between threads.
 */
typedef struct seal_spaced seal_spaced;

/* The text with each chain of lone digits collapsed; NULL when it has none. */
seal_spaced *seal_spaced_collapse(const char *text, size_t len);

/* The collapsed text (lent, valid until seal_spaced_free) and its length. */
const char *seal_spaced_text(const seal_spaced *sp, size_t *len);

/*
 * Moves a finding in the collapsed text to the original text's offsets.
 * False (f unchanged) when it touches no chain: the ordinary pass over the
 * original text has found it already.
 */
bool seal_spaced_map(const seal_spaced *sp, seal_finding *f);

/* Frees sp (NULL allowed); returns NULL. */
seal_spaced *seal_spaced_free(seal_spaced *sp);

/* ---------------------------------------------------------- detect_kinds.c */

/* True when day d exists in month m of year y (Gregorian). */
bool seal_date_exists(int y, int m, int d);

/* True when y-m-d is after the scan date. */
bool seal_date_after(int y, int m, int d, const seal_date *scan);

/*
 * Validators. Each takes the candidate's characters without separator
 * (ASCII digits; the hetu's 11 characters upper case) and returns the base
 * level (spec 4.x), 0 when the candidate is not of that kind.
 */
int seal_valid_dk(const char *d10, const seal_date *scan, bool *mod11);
int seal_valid_se(const char *d, size_t n, const seal_date *scan,
	seal_kind *kind);
int seal_valid_no(const char *d11, seal_kind *kind);
int seal_valid_fi(const char *c11, const seal_date *scan);
int seal_valid_is(const char *d10, const seal_date *scan);

/* Swedish canonical 12 digits (spec 4.2) into out[13]. */
void seal_se_canonical(const char *d, size_t n, bool plus,
	const seal_date *scan, char *out);

/* ---------------------------------------------------------- detect_context.c */

/* Unicode letter or number (spec section 0). */
bool seal_is_alnum(gunichar c);

/* ---------------------------------------------------------- detect_meeting.c */

/*
 * Meeting context (spec 5.5): the digit run [start, end) is a meeting ID of
 * Teams, Zoom, Google Meet or Webex: in a one-tap dial string (",,ID#"),
 * in a join link of those services, or after a label such as "Meeting ID"
 * or "PIN" on its line.
 */
bool seal_ctx_meeting(const char *text, size_t len, size_t start, size_t end);

/* ---------------------------------------------------------- detect_bound.c */

/* Boundary rules of spec 3.2 at a candidate's start or end. */
typedef enum seal_bound {
	SEAL_BOUND_OK,      /* nothing joins the candidate to more digits */
	SEAL_BOUND_NO,      /* rules 1 to 3: part of something longer */
	SEAL_BOUND_SPACE    /* one space, then digits: rule 4 decides */
} seal_bound;

seal_bound seal_bound_start(const char *text, size_t len, size_t start);
seal_bound seal_bound_end(const char *text, size_t len, size_t end);

/*
 * Rule 4 for an unhyphenated candidate with SEAL_BOUND_SPACE: true when
 * the digits across the space are a list number or a number of their own
 * (list and table text), false when they make the candidate part of a
 * longer grouped number.
 */
bool seal_bound_space_start_ok(const char *text, size_t start);
bool seal_bound_space_end_ok(const char *text, size_t len, size_t end);

/*
 * Keyword context (spec 5.1 to 5.3): +1 when an identity keyword is near
 * [start, end), else -1 when a negative keyword is near, else 0.
 */
int seal_ctx_keywords(const char *text, size_t len, size_t start, size_t end);

/*
 * URL tracker (spec 5.4). Queries must come with non-decreasing start; the
 * tracker remembers how far it has looked so the whole scan stays linear.
 */
typedef struct seal_url_state {
	size_t pos;         /* text before pos is accounted for */
	size_t run_start;   /* start of the current run without terminators */
	size_t url_start;   /* first URL prefix in that run, if have_url */
	bool have_url;
} seal_url_state;

void seal_url_init(seal_url_state *u);
bool seal_ctx_in_url(seal_url_state *u, const char *text, size_t len,
	size_t start, size_t end);

#endif
