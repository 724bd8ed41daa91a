/*
 * decide.c - what happens to each recipient (decide.h).
 *
 * A recipient may get cleartext when its domain is internal or trusted, or
 * when the message was checked and holds nothing counted. Any other
 * recipient goes through action_chain: "smime" and "pgp" apply when a usable
 * certificate or key is found for the address, "refuse" (also implied at
 * the end) refuses. Sensitive mail (a counted finding marked sensitive: a
 * category of special personal data, or a site rule of class sensitive)
 * goes through sensitive_action_chain instead, unless the profile waives
 * it for a consenting recipient of a service message (profile.h). A
 * certificate or key passed over is noted with the
 * reason; a directory or keyring that cannot be asked tempfails that
 * recipient: a retry is cheap, a wrong answer is not.
 *
 * A force tag in the Subject sends every recipient outside the internal
 * domains through the chain; for a trusted recipient without a key the
 * trusted channel is the fallback (accept), not refuse.
 *
 * Some recipients refused: by default the whole message is refused, naming
 * them; with partial_refuse = notify the others are served and the sender
 * gets a notice (not with a null sender: there is nobody to notify).
 */
#include <string.h>
#include <time.h>

#include "addrmask.h"
#include "decide.h"
#include "keys.h"
#include "profile.h"
#include "report.h"
#include "template.h"

/* At most this many findings and recipients are named in a text. */
#define SEAL_REFUSAL_MAX_FINDINGS 5
#define SEAL_REFUSAL_MAX_RCPTS    5

/* The recipients with action `only`, or (only < 0) those that caused a refusal. */
static char *
causing_rcpts_text(const seal_decision *d, int only)
{
	GString *s = g_string_new(NULL);
	unsigned named = 0, causing = 0;

	for (size_t i = 0; i < d->nrcpts; i++) {
		if (only < 0 ? !d->rcpts[i].causes_refusal : (int)d->rcpts[i].action != only)
			continue;
		causing++;
		if (named == SEAL_REFUSAL_MAX_RCPTS)
			continue;
		if (named++ > 0)
			g_string_append(s, ", ");
		g_string_append(s, d->rcpts[i].shown);
	}
	if (causing > named)
		g_string_append_printf(s, " +%u", causing - named);
	return g_string_free(s, FALSE);
}

/*
 * A text for the sender: the named template with the findings (masked) and
 * the recipients that caused it. If the template cannot be rendered a fixed
 * English text stands in: a refusal still refuses, a notice still goes out.
 */
static char *
render(const seal_config *cfg, const seal_decision *d, const char *name, const char *fallback,
	int only)
{
	seal_template_vars vars;
	seal_err terr;
	char *findings = seal_report_findings_lang(d, SEAL_REFUSAL_MAX_FINDINGS, cfg->language),
	    *rcpts = causing_rcpts_text(d, only), *text;

	memset(&vars, 0, sizeof(vars));
	vars.findings = findings[0] != '\0' ? findings : d->unscannable_reason;
	vars.recipients = rcpts;
	vars.reason = d->unscannable_reason;
	vars.service = cfg->divert_service;
	vars.agency = cfg->divert_agency;
	seal_err_clear(&terr);
	text = seal_template_render(cfg, name, &vars, &terr);
	if (text == NULL)
		text = g_strdup_printf("%s: %s", fallback, rcpts);
	g_free(findings);
	g_free(rcpts);
	return text;
}


/* A candidate passed over, for the log: "smime file.pem 1a2b3c4d5e6f7a8b: expired ..." */
static void
note_skipped(seal_rcpt_decision *r, GPtrArray *verdicts)
{
	for (guint i = 0; i < verdicts->len; i++) {
		const seal_key_verdict *v = g_ptr_array_index(verdicts, i);

		if (v->usable)
			continue;
		if (r->skipped == NULL)
			r->skipped = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(r->skipped, g_strdup_printf("%s %s %.16s: %s", v->method,
		    v->source, v->fingerprint, v->reason));
	}
}

/*
 * The secure mailbox for address: a domain=address entry for its domain
 * or a parent domain (the longest wins), else the global address; NULL
 * when none. The mailbox gets the message in cleartext, so one outside the
 * internal and trusted domains is never used (sealmilter -n refuses it).
 */
static const char *
divert_address(const seal_config *cfg, const char *address)
{
	const char *at = strrchr(address, '@'), *best = NULL, *global = NULL;
	size_t best_len = 0;

	for (size_t i = 0; cfg->divert_to != NULL && cfg->divert_to[i] != NULL; i++) {
		const char *e = cfg->divert_to[i], *eq = strchr(e, '=');
		size_t dl, al;

		if (eq == NULL) {
			global = e;
			continue;
		}
		dl = (size_t)(eq - e);
		al = at != NULL ? strlen(at + 1) : 0;
		/* the domain itself, or a subdomain of it */
		if (at != NULL && dl <= al && g_ascii_strncasecmp(at + 1 + al - dl, e, dl) == 0
		    && (dl == al || at[1 + al - dl - 1] == '.') && dl > best_len) {
			best = eq + 1;
			best_len = dl;
		}
	}
	if (best == NULL)
		best = global;
	if (best != NULL && !seal_policy_cleartext_allowed(seal_policy_classify(cfg, best),
	    SEAL_CLASS_CONFIDENTIAL, 1))
		return NULL;
	return best;
}

/* One step of the chain: 1 applies, 0 does not, -1 tempfail (reason set). */
static int
try_step(const seal_config *cfg, const char *step, seal_rcpt_decision *r, time_t now)
{
	GPtrArray *verdicts = g_ptr_array_new_with_free_func(g_free);
	const char *mailbox;
	seal_err e;
	int rc = 0;

	seal_err_clear(&e);
	if (strcmp(step, "smime") == 0 && seal_keys_have_smime(cfg->keys)) {
		rc = seal_keys_smime(cfg->keys, r->address, now, &r->cert, r->key, verdicts, &e);
		if (rc == 1) {
			r->action = SEAL_ACTION_ENCRYPT_SMIME;
			g_strlcpy(r->reason, "S/MIME certificate", sizeof(r->reason));
		}
	} else if (strcmp(step, "divert") == 0
	    && (mailbox = divert_address(cfg, r->address)) != NULL) {
		r->action = SEAL_ACTION_DIVERT;
		r->divert_to = g_strdup(mailbox);
		g_strlcpy(r->reason, "secure mailbox", sizeof(r->reason));
		rc = 1;
	} else if (strcmp(step, "hold") == 0 && cfg->store != NULL && cfg->store[0] != '\0') {
		r->action = SEAL_ACTION_HOLD;
		g_strlcpy(r->reason, "held for review", sizeof(r->reason));
		rc = 1;
	} else if (strcmp(step, "pgp") == 0 && seal_keys_have_pgp(cfg->keys)) {
		rc = seal_keys_pgp(cfg->keys, r->address, r->key, verdicts, &e);
		if (rc == 1) {
			r->action = SEAL_ACTION_ENCRYPT_PGP;
			g_strlcpy(r->reason, "OpenPGP key", sizeof(r->reason));
		}
	}
	note_skipped(r, verdicts);
	g_ptr_array_free(verdicts, TRUE);
	if (rc < 0) {
		r->action = SEAL_ACTION_TEMPFAIL;
		r->causes_refusal = 1;
		g_snprintf(r->reason, sizeof(r->reason), "%s lookup failed: %s", step, e.msg);
	}
	return rc;
}

static void
run_chain(const seal_config *cfg, const seal_decision *d, seal_rcpt_decision *r, time_t now)
{
	char *const *chain = d->cls == SEAL_CLASS_SENSITIVE ? cfg->sensitive_action_chain
	    : cfg->action_chain;

	for (size_t i = 0; chain != NULL && chain[i] != NULL && !d->too_big; i++) {
		if (strcmp(chain[i], "refuse") == 0)
			break;
		if (try_step(cfg, chain[i], r, now) != 0)
			return;
	}
	if (r->domain_class == SEAL_DOMAIN_TRUSTED) {
		/* Only a force tag brings a trusted recipient here. */
		r->action = SEAL_ACTION_ACCEPT;
		g_strlcpy(r->reason, "trusted domain, no key: sent over the trusted channel",
		    sizeof(r->reason));
		return;
	}
	r->causes_refusal = 1;
	if (d->unscannable && d->cls == SEAL_CLASS_PUBLIC && !d->too_big
	    && cfg->unscannable_action == SEAL_UNSCANNABLE_HOLD
	    && cfg->store != NULL && cfg->store[0] != '\0') {
		r->action = SEAL_ACTION_HOLD;
		r->causes_refusal = 0;
		g_strlcpy(r->reason, "could not be checked: held for review", sizeof(r->reason));
		return;
	}
	if (d->unscannable && d->cls == SEAL_CLASS_PUBLIC
	    && cfg->unscannable_action == SEAL_UNSCANNABLE_TEMPFAIL)
		r->action = SEAL_ACTION_TEMPFAIL;
	else
		r->action = SEAL_ACTION_REFUSE;
	g_strlcpy(r->reason, d->too_big ? "message larger than max_scan_size: not encrypted"
	    : "no usable certificate or key", sizeof(r->reason));
}

/* The profile's waiver for a service message (service set by the caller): 1 when it applies. */
static int
waived(const seal_config *cfg, const seal_envelope *env, seal_rcpt_decision *r,
	const char *today)
{
	seal_consent_entry c;
	char *shown;
	int rc;

	if (r->domain_class != SEAL_DOMAIN_UNTRUSTED)
		return 0;      /* blocked domains never get classified mail in cleartext */
	rc = seal_profile_consent(cfg, env, r->address, today, &c);
	if (rc < 0)
		g_strlcpy(r->reason, "consent could not be checked: chain applies",
		    sizeof(r->reason));
	if (rc <= 0)
		return 0;
	r->action = SEAL_ACTION_ACCEPT;
	g_strlcpy(r->consent_given, c.given, sizeof(r->consent_given));
	shown = seal_addr_mask(c.address[0] != '\0' ? c.address : r->address, NULL);
	g_snprintf(r->consent_id, sizeof(r->consent_id), "%s:%s", shown, c.given);
	g_free(shown);
	/* not "nothing to protect": the log and the audit record tell a waiver
	   from ordinary delivery, and name the consent, never the content */
	g_snprintf(r->reason, sizeof(r->reason), "service message under consent %s "
	    "(profile %s): cleartext", r->consent_id, seal_profile_name(cfg->profile));
	return 1;
}

static void
decide_rcpt(const seal_config *cfg, const seal_envelope *env, const seal_decision *d,
	seal_rcpt_decision *r, time_t now, int service, const char *today)
{
	int forced = d->forced_tag != NULL && r->domain_class != SEAL_DOMAIN_INTERNAL;

	r->action = SEAL_ACTION_ACCEPT;
	if (d->already_encrypted) {
		g_strlcpy(r->reason, "encrypted by the sender", sizeof(r->reason));
		return;
	}
	if (!forced && seal_policy_cleartext_allowed(r->domain_class, d->cls, d->unscannable)) {
		if (r->domain_class == SEAL_DOMAIN_INTERNAL || r->domain_class == SEAL_DOMAIN_TRUSTED)
			g_snprintf(r->reason, sizeof(r->reason), "%s domain",
			    seal_domain_class_name(r->domain_class));
		else
			g_strlcpy(r->reason, "nothing to protect", sizeof(r->reason));
		return;
	}
	if (service && !forced && waived(cfg, env, r, today))
		return;
	run_chain(cfg, d, r, now);
}

/* The message's fate from its recipients'. */
static seal_action
message_action(const seal_config *cfg, const seal_envelope *env, const seal_decision *d)
{
	size_t refused = 0, tempfail = 0;
	seal_action first = d->nrcpts > 0 ? d->rcpts[0].action : SEAL_ACTION_ACCEPT;
	int same = 1;

	for (size_t i = 0; i < d->nrcpts; i++) {
		refused += d->rcpts[i].action == SEAL_ACTION_REFUSE;
		tempfail += d->rcpts[i].action == SEAL_ACTION_TEMPFAIL;
		same &= d->rcpts[i].action == first;
	}
	if (tempfail > 0)
		return SEAL_ACTION_TEMPFAIL;
	if (refused == d->nrcpts && refused > 0)
		return SEAL_ACTION_REFUSE;
	if (refused > 0 && (cfg->partial_refuse == SEAL_PARTIAL_REFUSE
	    || env->sender == NULL || env->sender[0] == '\0'))
		return SEAL_ACTION_REFUSE;
	return same ? first : SEAL_ACTION_SPLIT;
}

void
seal_chain_explain(const seal_config *cfg, const char *address, seal_rcpt_decision *out)
{
	seal_decision d;

	memset(&d, 0, sizeof(d));
	d.cls = SEAL_CLASS_CONFIDENTIAL;
	memset(out, 0, sizeof(*out));
	out->address = g_strdup(address);
	out->shown = seal_addr_mask(address, NULL);
	out->domain_class = seal_policy_classify(cfg, address);
	if (out->domain_class == SEAL_DOMAIN_INTERNAL) {
		/* Internal mail never meets the chain, force tag or not. */
		out->action = SEAL_ACTION_ACCEPT;
		g_strlcpy(out->reason, "internal domain", sizeof(out->reason));
		return;
	}
	run_chain(cfg, &d, out, time(NULL));
}

seal_status
seal_decide(const seal_config *cfg, const seal_envelope *env, seal_decision *d,
	seal_err *err)
{
	time_t now = time(NULL);
	char why[80], today[11];
	int service;

	(void)err;
	for (guint i = 0; i < d->findings->len; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		/* sensitive beats confidential: its chain asks more */
		if (sf->counted && sf->f.sensitive)
			d->cls = SEAL_CLASS_SENSITIVE;
		else if (sf->counted && d->cls == SEAL_CLASS_PUBLIC)
			d->cls = SEAL_CLASS_CONFIDENTIAL;
	}
	service = seal_profile_service_message(cfg, env, d, why, sizeof(why));
	seal_consent_today(today);
	/* Nothing readable and nothing found outside the encryption: leave it be. */
	d->already_encrypted = d->top_encrypted && d->encrypted && !d->unscannable
	    && d->cls == SEAL_CLASS_PUBLIC;

	d->nrcpts = env->nrcpts;
	d->rcpts = g_new0(seal_rcpt_decision, env->nrcpts > 0 ? env->nrcpts : 1);
	for (size_t i = 0; i < env->nrcpts; i++) {
		seal_rcpt_decision *r = &d->rcpts[i];

		r->address = g_strdup(env->rcpts[i]);
		r->shown = seal_addr_mask(r->address, NULL);
		r->domain_class = seal_policy_classify(cfg, r->address);
		decide_rcpt(cfg, env, d, r, now, service, today);
	}
	d->action = message_action(cfg, env, d);
	if (d->action == SEAL_ACTION_REFUSE || d->action == SEAL_ACTION_TEMPFAIL) {
		/* The whole message shares one fate: say so for every recipient. */
		for (size_t i = 0; i < d->nrcpts; i++) {
			d->rcpts[i].action = d->action;
			X509_free(d->rcpts[i].cert);
			d->rcpts[i].cert = NULL;
			d->rcpts[i].key[0] = '\0';
		}
		/* A key source that did not answer: the generic "try again later". */
		if (d->action == SEAL_ACTION_REFUSE || d->unscannable)
			d->reply_text = render(cfg, d, d->unscannable && d->cls == SEAL_CLASS_PUBLIC
			    ? SEAL_TEMPLATE_UNSCANNABLE : d->cls == SEAL_CLASS_SENSITIVE
			    ? SEAL_TEMPLATE_REFUSE_SENSITIVE : SEAL_TEMPLATE_REFUSE,
			    "Message refused: it contains personal data and these recipients "
			    "are outside the trusted domains", -1);
	} else if (d->action == SEAL_ACTION_SPLIT) {
		for (size_t i = 0; i < d->nrcpts; i++)
			if (d->rcpts[i].action == SEAL_ACTION_REFUSE) {
				d->notice_text = render(cfg, d, d->cls == SEAL_CLASS_SENSITIVE
				    ? SEAL_TEMPLATE_PARTIAL_SENSITIVE : SEAL_TEMPLATE_PARTIAL,
				    "Your message was not delivered to", -1);
				break;
			}
	}
	if (d->action != SEAL_ACTION_REFUSE && d->action != SEAL_ACTION_TEMPFAIL) {
		for (size_t i = 0; i < d->nrcpts; i++) {
			if (d->rcpts[i].action == SEAL_ACTION_HOLD && d->hold_text == NULL)
				d->hold_text = render(cfg, d, SEAL_TEMPLATE_HOLD,
				    "Your message is held for review", SEAL_ACTION_HOLD);
			if (d->rcpts[i].action == SEAL_ACTION_DIVERT && d->divert_text == NULL)
				d->divert_text = render(cfg, d, SEAL_TEMPLATE_DIVERT,
				    "You have a message in your secure mailbox", SEAL_ACTION_DIVERT);
		}
	}
	return SEAL_OK;
}
