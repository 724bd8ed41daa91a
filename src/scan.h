/*
 * scan.h - the one entry point of libseal: envelope + message + config ->
 * decision with reasons. The daemon, `sealmilter --scan`, the tests and the
 * fuzzers all call seal_scan().
 *
 * Errors: a transient failure (I/O, memory) returns a transient status and
 * no decision; the caller tempfails. Everything about the message itself
 * (malformed, too big, too deep) ends in a decision.
 * Thread safety: one call per thread; cfg is only read.
 */
#ifndef SEAL_SCAN_H
#define SEAL_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "config.h"
#include "detect.h"
#include "err.h"
#include "policy.h"

typedef struct seal_envelope {
	const char *sender;            /* MAIL FROM address, no angle brackets ("" = null sender) */
	const char *const *rcpts;      /* RCPT TO addresses */
	size_t nrcpts;
	const char *auth_user;         /* SMTP AUTH user or NULL */
	const char *client_addr;       /* client IP as text or NULL */
	const char *queue_id;          /* for the caller's logs; may be NULL */
	uint64_t size;                 /* message size in bytes if known, else 0 */
} seal_envelope;

typedef struct seal_scan_finding {
	seal_finding f;                /* kind, level, masked, canonical (never print canonical) */
	char *where;                   /* "subject", "body", "part N", "attachment NAME" (NAME masked) */
	int counted;                   /* level >= cfg->min_confidence: makes the message classified */
	char fingerprint[65];          /* keyed HMAC-SHA256 of the canonical digits, hex; "" without a key */
} seal_scan_finding;

typedef struct seal_rcpt_decision {
	char *address;
	seal_domain_class domain_class;
	seal_action action;
	int causes_refusal;            /* this recipient is why the message is refused */
} seal_rcpt_decision;

typedef struct seal_decision {
	seal_class cls;
	seal_action action;            /* for the whole message */
	GArray *findings;              /* seal_scan_finding, in message order */
	size_t nrcpts;
	seal_rcpt_decision *rcpts;
	int unscannable;
	char unscannable_reason[160];
	int encrypted;                 /* encrypted content seen (counts as protected) */
	unsigned parts;
	char *reply_text;              /* refusal text (UTF-8, '\n' lines) when action is refuse */
} seal_decision;

seal_status seal_scan(const seal_config *cfg, GMimeStream *message,
	const seal_envelope *env, const seal_date *scan_date,
	seal_decision **out, seal_err *err);

/* Frees d (NULL allowed); returns NULL. */
seal_decision *seal_decision_free(seal_decision *d);

/* Number of counted findings of a kind. */
unsigned seal_decision_count_kind(const seal_decision *d, seal_kind kind);

#endif
