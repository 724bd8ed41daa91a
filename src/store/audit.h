/*
 * audit.h - the audit record of one decision (store.h keeps it): time,
 * queue ID, Message-ID, SMTP AUTH user, sender, each recipient with its
 * action, class, finding kinds with counts, rule names and the keyed
 * fingerprint of every identity number found. Never a number itself: only
 * kinds, counts and fingerprints (masks are not stored either: they are
 * half a number).
 *
 * Which decisions are recorded (seal_audit_wanted): everything that is not
 * plain public mail accepted unchanged: classified mail to anyone
 * (including internal and trusted recipients), encryption, diversion,
 * hold, refusal, tempfail, forced tags, unscannable mail. A recipient who
 * got sensitive mail in cleartext by a profile waiver is named in detail
 * with the consent it rests on: "consent=ADDRESS:DATE-GIVEN".
 */
#ifndef SEAL_AUDIT_H
#define SEAL_AUDIT_H

#include "scan.h"
#include "store.h"

typedef struct seal_audit_context {
	const seal_envelope *env;
	const char *message_id;    /* the Message-ID field, or NULL */
	const char *relay;         /* this host's name */
	const char *held_id;       /* the quarantine ID when recipients were held, or NULL */
	const char *detail;        /* anything else to note (no personal data), or NULL */
} seal_audit_context;

int seal_audit_wanted(const seal_decision *d);

/* A new record for d (caller frees with seal_audit_record_free). */
seal_audit_record *seal_audit_from_decision(const seal_decision *d,
	const seal_audit_context *ctx, time_t now);

#endif
