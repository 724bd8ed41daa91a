/*
 * marker.h - the header field that marks a copy sealmilter made itself
 * (a split-off group or a notice, handed back to the MTA by reinjection).
 *
 *   X-Sealmilter-Copy: v2; t=1790000000; h=<64 hex digits>
 *
 * h is HMAC-SHA256, under a secret drawn at random when the process
 * starts, over t, the copy's envelope recipients (lower-cased, sorted),
 * every header field of the copy (the marker itself aside; names lower
 * case, values unfolded with runs of white space made one space) and the
 * body as sent (only line ends and white space at line ends are
 * canonicalised, so CRLF/LF conversion does not matter, any other edit
 * does). A copy that comes back through the milter passes without a
 * second scan only when (callbacks.c) the marker verifies for the same
 * recipients, headers and body, t is at most copy_marker_lifetime old,
 * it has not been accepted before (single use, remembered in memory for
 * as long as the secret lives), and the connection is the reinjection
 * listener's. Header fields above the marker may only be Received (the
 * MTA's trace); anything else, or a marker that fails, makes the copy
 * an ordinary message: the field is removed and the message scanned.
 * Thread safe.
 */
#ifndef SEAL_MARKER_H
#define SEAL_MARKER_H

#include <stddef.h>
#include <time.h>

#define SEAL_MARKER_FIELD "X-Sealmilter-Copy"

/*
 * The field value (no name, no line end) for a copy whose whole message
 * (headers and body, no marker yet) is msg[0..len); caller g_free()s.
 * "v2; t=...; h=none" when no secret could be drawn (it never verifies).
 */
char *seal_marker_make(const char *const *rcpts, size_t nrcpts, const char *msg,
	size_t len, time_t now);

/*
 * 1 when value is a marker this process made for these recipients and
 * exactly this message (msg holds the marker field, as it came back), made
 * at most lifetime seconds before now and not accepted before; the marker
 * is then used up. 0 otherwise (lifetime 0: always 0).
 */
int seal_marker_accept(const char *value, const char *const *rcpts, size_t nrcpts,
	const char *msg, size_t len, time_t now, long lifetime);

/* Offset of the body (after the blank line ending the header block), or len. */
size_t seal_marker_body_offset(const char *msg, size_t len);

#endif
