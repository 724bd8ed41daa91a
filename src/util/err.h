/*
 * err.h - error reporting for libseal.
 *
 * The core never logs and never exits: a function that can fail returns a
 * seal_status and, when the caller passed a seal_err, fills it with a code,
 * an optional "file:line" origin (configuration errors) and a message.
 * Messages never contain personal data: no identity number, header value,
 * subject or body text. Thread safety: a seal_err belongs to one caller.
 */
#ifndef SEAL_ERR_H
#define SEAL_ERR_H

#include <stddef.h>

typedef enum seal_status {
	SEAL_OK = 0,
	SEAL_ERR_NOMEM,    /* allocation failed (transient) */
	SEAL_ERR_IO,       /* read/write/fsync failed (transient) */
	SEAL_ERR_CONFIG,   /* bad configuration (file and line set) */
	SEAL_ERR_USAGE,    /* caller passed something invalid */
	SEAL_ERR_PARSE,    /* input could not be understood */
	SEAL_ERR_LIMIT,    /* a named limit was reached */
	SEAL_ERR_TIMEOUT,  /* an operation took too long (transient) */
	SEAL_ERR_INTERNAL  /* a bug: should not happen */
} seal_status;

typedef struct seal_err {
	seal_status code;
	char file[256];    /* configuration file, or "" */
	unsigned line;     /* line in file, or 0 */
	char msg[512];     /* human readable, no personal data */
} seal_err;

/* Clears e (may be NULL). */
void seal_err_clear(seal_err *e);

/* Sets code and message; returns code so callers can "return seal_err_set(...)". */
seal_status seal_err_set(seal_err *e, seal_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Same, with a file and line (configuration errors). */
seal_status seal_err_set_at(seal_err *e, seal_status code, const char *file,
	unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* "file:line: msg" or "msg" into buf; returns buf. */
const char *seal_err_format(const seal_err *e, char *buf, size_t size);

/* True when the status is transient (the MTA should retry: tempfail). */
int seal_status_is_transient(seal_status s);

const char *seal_status_name(seal_status s);

#endif
