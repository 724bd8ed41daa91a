/*
 * actions.c - the audit log's action codes and their labels (actions.h).
 *
 * Every code a part of sealmilter writes: the milter's decisions
 * (seal_action_name, also the recipients' actions), the officers'
 * decisions (src/store/held_decide.c), the console's own records (web/)
 * and sealctl's (consent, self-test). tests/t-sealweb-i18n.sh fails when
 * a code written in src/, milter/, ctl/ or web/ is missing here.
 */
#include <string.h>

#include "i18n.h"

#include "actions.h"

static const struct action {
	const char *code, *label;
} actions[] = {
	/* the milter's decisions, per message and per recipient */
	{ "accept", N_("Accepted") },
	{ "split", N_("Split by recipient") },
	{ "encrypt-smime", N_("Encrypted (S/MIME)") },
	{ "encrypt-pgp", N_("Encrypted (OpenPGP)") },
	{ "divert", N_("Diverted to the secure mailbox") },
	{ "hold", N_("Held") },
	{ "refuse", N_("Refused") },
	{ "tempfail", N_("Deferred (temporary failure)") },
	/* officers' decisions on a held message (sealctl and the console) */
	{ "release", N_("Released") },
	{ "release-approve", N_("Release approved (first of two officers)") },
	{ "delete", N_("Deleted") },
	/* the console */
	{ "release-requested", N_("Release requested by the sender") },
	{ "view-unmasked", N_("Unmasked content viewed") },
	{ "audit-search", N_("Audit log searched by identity number") },
	{ "sign-in", N_("Signed in") },
	{ "sign-in-failed", N_("Sign-in failed") },
	{ "sign-in-refused", N_("Sign-in refused (too many failures)") },
	{ "sign-out", N_("Signed out") },
	/* sealctl */
	{ "consent-add", N_("Consent recorded") },
	{ "consent-withdraw", N_("Consent withdrawn") },
	{ "selftest", N_("Self-test") },
};

const char *
web_action_label(const char *code)
{
	for (size_t i = 0; code != NULL && i < G_N_ELEMENTS(actions); i++)
		if (strcmp(code, actions[i].code) == 0)
			return actions[i].label;
	return NULL;
}

const char *
web_action_code(size_t i)
{
	return i < G_N_ELEMENTS(actions) ? actions[i].code : NULL;
}
