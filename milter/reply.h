/*
 * reply.h - SMTP replies for the MTA: UTF-8 text (several lines) to
 * printable-ASCII reply lines with '%' escaped, handed to libmilter with
 * smfi_setreply (one line) or smfi_setmlreply (up to 32).
 *
 * The code must match the return value (4xx with SMFIS_TEMPFAIL, 5xx with
 * SMFIS_REJECT) or the MTA drops the text. Thread safe.
 */
#ifndef SEAL_REPLY_H
#define SEAL_REPLY_H

#include <libmilter/mfapi.h>

/* Refused by policy (classified content to an untrusted recipient). */
#define SEAL_REPLY_REFUSE_RCODE   "550"
#define SEAL_REPLY_REFUSE_XCODE   "5.7.1"
/* Policy asks for a retry (unscannable_action = tempfail). */
#define SEAL_REPLY_TEMPFAIL_RCODE "451"
#define SEAL_REPLY_TEMPFAIL_XCODE "4.7.1"
/* Our own fault: spool, memory, internal error. */
#define SEAL_REPLY_ERROR_RCODE    "451"
#define SEAL_REPLY_ERROR_XCODE    "4.3.0"

/* Reply lines are wrapped at this width and cut after this many lines. */
#define SEAL_REPLY_WIDTH     200
#define SEAL_REPLY_MAX_LINES 30

/*
 * Lines for text (NULL or empty -> fallback), each '%'-escaped; a
 * NULL-terminated vector with 1 to SEAL_REPLY_MAX_LINES entries
 * (g_strfreev).
 */
char **seal_reply_lines(const char *text, const char *fallback);

/*
 * Sets the reply for this message. Returns MI_SUCCESS or MI_FAILURE (the
 * MTA then uses its own text for the code the callback returns).
 */
int seal_reply_set(SMFICTX *ctx, const char *rcode, const char *xcode,
	const char *text, const char *fallback);

#endif
