/*
 * policy.h - what happens to each recipient.
 *
 * A recipient is internal, trusted, blocked or untrusted by its address or
 * domain (config lists; an exact address entry beats a domain entry; internal
 * beats trusted beats blocked). Classified mail (a counted finding) or mail
 * that could not be checked may go only to internal and trusted recipients;
 * any other recipient goes through the action chain (scan.c). Thread safe.
 */
#ifndef SEAL_POLICY_H
#define SEAL_POLICY_H

#include "config.h"

typedef enum seal_domain_class {
	SEAL_DOMAIN_INTERNAL = 0,
	SEAL_DOMAIN_TRUSTED,
	SEAL_DOMAIN_UNTRUSTED,
	SEAL_DOMAIN_BLOCKED
} seal_domain_class;

typedef enum seal_class {
	SEAL_CLASS_PUBLIC = 0,
	SEAL_CLASS_CONFIDENTIAL,
	SEAL_CLASS_SENSITIVE
} seal_class;

/*
 * Per recipient: one of accept, encrypt-smime, encrypt-pgp, divert, hold,
 * refuse, tempfail. For a whole message the same, or split when its recipients
 * do not all share one action (or a force tag is removed from the Subject).
 */
typedef enum seal_action {
	SEAL_ACTION_ACCEPT = 0,
	SEAL_ACTION_REFUSE,
	SEAL_ACTION_TEMPFAIL,
	SEAL_ACTION_ENCRYPT_SMIME,
	SEAL_ACTION_ENCRYPT_PGP,
	SEAL_ACTION_SPLIT,
	SEAL_ACTION_DIVERT,           /* to the secure mailbox; the recipient gets a notice */
	SEAL_ACTION_HOLD              /* stored for a compliance officer */
} seal_action;

seal_domain_class seal_policy_classify(const seal_config *cfg, const char *address);

/* May a message of this class (or unscannable) go to this domain class in cleartext? */
int seal_policy_cleartext_allowed(seal_domain_class dc, seal_class cls, int unscannable);

const char *seal_domain_class_name(seal_domain_class c);
const char *seal_class_name(seal_class c);
const char *seal_action_name(seal_action a);

#endif
