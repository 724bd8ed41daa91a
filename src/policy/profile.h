/*
 * profile.h - the regulators' rules for service messages (profile key).
 *
 * dk: a service message (appointment reminder and the like) from a
 *     verified service sender (service_senders; verified = SMTP AUTH user
 *     present, or SPF pass) to a recipient whose consent is in force may go
 *     in cleartext although it is sensitive by category, when it holds no
 *     identity number (no counted finding that is not sensitive), no
 *     attachment, is not larger than service_message_max_size, was checked
 *     whole and carries no force tag. Datatilsynet accepts transport
 *     encryption as a minimum for confidential data but wants content
 *     encryption for health data; the citizen's consent to a limited
 *     reminder is the exception it allows.
 * se: consent never waives (IMY); a reminder without category findings is
 *     public and passes anyway.
 * no, none: no waiver.
 *
 * Thread safe: reads cfg and the decision only.
 */
#ifndef SEAL_PROFILE_H
#define SEAL_PROFILE_H

#include "scan.h"

/*
 * Is the message one the profile may waive for some recipient (everything
 * above except the recipient's consent)? why gets the first reason it is
 * not (for the log and the tests), "" when it is.
 */
int seal_profile_service_message(const seal_config *cfg, const seal_envelope *env,
	const seal_decision *d, char *why, size_t size);

/*
 * For a recipient of a service message (seal_profile_service_message true):
 * 1 when its consent is in force today (YYYY-MM-DD); out gets the consent.
 * 0 without consent in force, -1 when the consent source could not be asked
 * (the normal chain applies either way).
 */
int seal_profile_consent(const seal_config *cfg, const seal_envelope *env,
	const char *address, const char *today, seal_consent_entry *out);

const char *seal_profile_name(seal_profile p);

#endif
