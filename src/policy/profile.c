/*
 * profile.c - service-message waivers of the regulator profiles
 * (profile.h). Every condition is checked; any doubt leaves the message to
 * the normal chain: a waiver wrongly refused costs a secure message, a
 * waiver wrongly given discloses health data.
 */
#include <string.h>

#include <glib.h>

#include "profile.h"

const char *
seal_profile_name(seal_profile p)
{
	switch (p) {
	case SEAL_PROFILE_NONE: return "none";
	case SEAL_PROFILE_DK: return "dk";
	case SEAL_PROFILE_SE: return "se";
	case SEAL_PROFILE_NO: return "no";
	}
	return "unknown";
}

/* The sender is who it says: an SMTP AUTH login, or SPF pass for its domain. */
static int
sender_verified(const seal_envelope *env)
{
	return (env->auth_user != NULL && env->auth_user[0] != '\0')
	    || env->spf == SEAL_SPF_PASS;
}

/* A counted finding that is not sensitive: an identity number or a confidential rule. */
static int
has_identity_finding(const seal_decision *d)
{
	for (guint i = 0; i < d->findings->len; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		if (sf->counted && !sf->f.sensitive)
			return 1;
	}
	return 0;
}

int
seal_profile_service_message(const seal_config *cfg, const seal_envelope *env,
	const seal_decision *d, char *why, size_t size)
{
	const char *no = NULL;

	if (cfg->profile != SEAL_PROFILE_DK)
		no = "profile gives no waiver";
	else if (d->cls != SEAL_CLASS_SENSITIVE)
		no = "not sensitive";
	else if (env->sender == NULL || env->sender[0] == '\0'
	    || !seal_domain_list_match_address(cfg->service_senders, env->sender))
		no = "sender not in service_senders";
	else if (!sender_verified(env))
		no = "sender not verified (no SMTP AUTH, no SPF pass)";
	else if (has_identity_finding(d))
		no = "identity number";
	else if (d->attachments > 0)
		no = "attachment";
	else if (d->size == 0 || d->size > cfg->service_message_max_size)
		no = "larger than service_message_max_size";
	else if (d->unscannable || d->encrypted)
		no = "not checked whole";
	else if (d->forced_tag != NULL)
		no = "force tag";
	g_strlcpy(why, no != NULL ? no : "", size);
	return no == NULL;
}

int
seal_profile_consent(const seal_config *cfg, const seal_envelope *env, const char *address,
	const char *today, seal_consent_entry *out)
{
	const seal_consent_entry *e;
	int rc;

	memset(out, 0, sizeof(*out));
	if (env->consent_lookup != NULL) {
		rc = env->consent_lookup(env->consent_ctx, address, out);
		if (rc <= 0)
			return rc;
	} else {
		e = seal_consent_find(cfg->consent, address);
		if (e == NULL)
			return 0;
		*out = *e;
	}
	return seal_consent_in_force(out, today) ? 1 : 0;
}
