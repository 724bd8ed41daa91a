/*
 * policy.c - domain classes and what each recipient may receive (policy.h).
 *
 * Order of the lists: internal beats trusted beats blocked, so a domain
 * listed twice by mistake errs towards the owner's intent (our own domains
 * are never "blocked"). Everything unlisted is untrusted: with no
 * configuration at all every recipient outside is untrusted (fail closed).
 */
#include <stddef.h>

#include "policy.h"

static seal_domain_class
policy_class_by_lists(const seal_config *cfg, const char *address)
{
	if (cfg->internal_domains != NULL
	    && seal_domain_list_match_address(cfg->internal_domains, address))
		return SEAL_DOMAIN_INTERNAL;
	if (cfg->trusted_domains != NULL
	    && seal_domain_list_match_address(cfg->trusted_domains, address))
		return SEAL_DOMAIN_TRUSTED;
	if (cfg->blocked_domains != NULL
	    && seal_domain_list_match_address(cfg->blocked_domains, address))
		return SEAL_DOMAIN_BLOCKED;
	return SEAL_DOMAIN_UNTRUSTED;
}

/*
 * Routing syntax in the local part ("user%remote@kommune.example",
 * "remote!user@...", "\"user@remote\"@...") makes any address untrusted,
 * whatever its domain: Postfix may route it to the remote domain
 * (seal_address_has_routing). Every decision asks here (decide.c per
 * recipient and for the divert target, so encryption, divert, hold and
 * what a release sends all follow; sealmilter -n for divert_to), so no
 * path can class such an address internal or trusted.
 */
seal_domain_class
seal_policy_classify(const seal_config *cfg, const char *address)
{
	seal_domain_class dc = policy_class_by_lists(cfg, address);

	if (seal_address_has_routing(address)
	    && (dc == SEAL_DOMAIN_INTERNAL || dc == SEAL_DOMAIN_TRUSTED))
		return SEAL_DOMAIN_UNTRUSTED;
	return dc;
}

int
seal_policy_cleartext_allowed(seal_domain_class dc, seal_class cls, int unscannable)
{
	if (dc == SEAL_DOMAIN_INTERNAL || dc == SEAL_DOMAIN_TRUSTED)
		return 1;
	/* Untrusted and blocked: only mail that was checked and found public. */
	return !unscannable && cls == SEAL_CLASS_PUBLIC;
}

const char *
seal_domain_class_name(seal_domain_class c)
{
	switch (c) {
	case SEAL_DOMAIN_INTERNAL: return "internal";
	case SEAL_DOMAIN_TRUSTED: return "trusted";
	case SEAL_DOMAIN_UNTRUSTED: return "untrusted";
	case SEAL_DOMAIN_BLOCKED: return "blocked";
	}
	return "untrusted";
}

const char *
seal_class_name(seal_class c)
{
	switch (c) {
	case SEAL_CLASS_PUBLIC: return "public";
	case SEAL_CLASS_CONFIDENTIAL: return "confidential";
	case SEAL_CLASS_SENSITIVE: return "sensitive";
	}
	return "public";
}

const char *
seal_action_name(seal_action a)
{
	switch (a) {
	case SEAL_ACTION_ACCEPT: return "accept";
	case SEAL_ACTION_REFUSE: return "refuse";
	case SEAL_ACTION_TEMPFAIL: return "tempfail";
	case SEAL_ACTION_ENCRYPT_SMIME: return "encrypt-smime";
	case SEAL_ACTION_ENCRYPT_PGP: return "encrypt-pgp";
	case SEAL_ACTION_SPLIT: return "split";
	case SEAL_ACTION_DIVERT: return "divert";
	case SEAL_ACTION_HOLD: return "hold";
	}
	return "tempfail";
}
