/*
 * marker.h - the header field that marks a copy sealmilter made itself
 * (a split-off group or a notice, handed back to the MTA by reinjection).
 *
 *   X-Sealmilter-Copy: v1; t=1790000000; h=<64 hex digits>
 *
 * h is HMAC-SHA256, under a secret drawn at random when the process
 * starts, over t, the copy's envelope recipients (lower-cased, sorted)
 * and its body with all white space removed (so line-end conversions by
 * the MTA do not matter). Only a marker that verifies, within a day of t,
 * for the same recipients and the same body, lets a copy that comes back
 * through the milter (a reinjection listener left with milters on) pass
 * without a second scan: nobody outside this process can make one, and
 * one copied onto other mail or to other recipients does not verify.
 * Any other field of that name is removed and the message scanned.
 * Thread safe.
 */
#ifndef SEAL_MARKER_H
#define SEAL_MARKER_H

#include <stddef.h>
#include <time.h>

#define SEAL_MARKER_FIELD "X-Sealmilter-Copy"

/* The field value (no name, no line end) for a copy; caller g_free()s. */
char *seal_marker_make(const char *const *rcpts, size_t nrcpts, const char *body,
	size_t len, time_t now);

/* 1 when value is a marker this process made for these recipients and body. */
int seal_marker_valid(const char *value, const char *const *rcpts, size_t nrcpts,
	const char *body, size_t len, time_t now);

/* Offset of the body (after the blank line ending the header block), or len. */
size_t seal_marker_body_offset(const char *msg, size_t len);

#endif
