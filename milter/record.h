/*
 * record.h - the daemon's writes to the store (store.h): held messages and
 * audit records. The store is opened per connection when first needed
 * (libmilter runs a connection in one thread at a time) and closed with
 * the connection. Every failure is returned: the caller tempfails, so no
 * message is held half and no decision goes unrecorded.
 */
#ifndef SEAL_RECORD_H
#define SEAL_RECORD_H

#include "config.h"
#include "plan.h"
#include "scan.h"
#include "store.h"

typedef struct seal_record_msg {
	const seal_envelope *env;
	const char *message_id;    /* Message-ID field value, or NULL */
	const char *subject;       /* raw Subject field value, or NULL (masked before storing) */
} seal_record_msg;

/*
 * Consent from the store (profile dk, consent.h's seal_consent_lookup_fn):
 * ctx is a seal_record_consent. Asked per recipient of each message that
 * could be waived, never cached, so `sealctl consent withdraw` holds for
 * the next message on every relay. -1 when the store does not answer.
 */
typedef struct seal_record_consent {
	seal_store **slot;
	const seal_config *cfg;
} seal_record_consent;
int seal_record_consent_lookup(void *ctx, const char *address, seal_consent_entry *out);

/* The connection's store in *slot, opened on first use (key from fingerprint_key_file). */
seal_store *seal_record_store(seal_store **slot, const seal_config *cfg, seal_err *err);

/* Stores msg durably for the plan's held recipients; held_id gets the quarantine ID. */
seal_status seal_record_hold(seal_store **slot, const seal_config *cfg, const seal_plan *p,
	const seal_decision *d, const seal_record_msg *m, const char *msg, size_t len,
	char held_id[40], seal_err *err);

/* The audit record of d (when audit.h says one is wanted). */
seal_status seal_record_audit(seal_store **slot, const seal_config *cfg, const seal_decision *d,
	const seal_record_msg *m, const char *held_id, const char *detail, seal_err *err);

#endif
