/*
 * record.c - what the daemon writes to the store (record.h): the held
 * message before the MTA gets its answer, and one audit record per
 * decision.
 */
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "audit.h"
#include "report.h"

#include "record.h"
#include "unhold.h"

seal_store *
seal_record_store(seal_store **slot, const seal_config *cfg, seal_err *err)
{
	if (*slot == NULL)
		*slot = seal_store_open_config(cfg, err);
	return *slot;
}

/* The Subject as an officer may see it: decoded, numbers masked. */
static char *
masked_subject(const char *raw)
{
	seal_date today;
	char *decoded, *masked;

	if (raw == NULL)
		return g_strdup("");
	seal_date_today(&today);
	decoded = g_mime_utils_header_decode_text(NULL, raw);
	masked = seal_mask_text(decoded, strlen(decoded), &today);
	memset(decoded, 0, strlen(decoded));
	g_free(decoded);
	return masked;
}

/* "CPR 170583-XXXX (body); ..." or why it could not be checked. */
static char *
findings_summary(const seal_decision *d)
{
	char *s = seal_report_findings(d, 10);

	if (s[0] == '\0' && d->unscannable) {
		g_free(s);
		s = g_strdup_printf("could not be checked: %s", d->unscannable_reason);
	}
	return s;
}

seal_status
seal_record_hold(seal_store **slot, const seal_config *cfg, const seal_plan *p,
	const seal_decision *d, const seal_record_msg *m, const char *msg, size_t len,
	char held_id[40], seal_err *err)
{
	seal_store *s = seal_record_store(slot, cfg, err);
	seal_held *h;
	GString *reason;
	seal_status st;

	held_id[0] = '\0';
	if (s == NULL)
		return SEAL_ERR_IO;
	h = seal_held_new();
	h->relay = g_strdup(g_get_host_name());
	h->queue_id = g_strdup(m->env->queue_id != NULL ? m->env->queue_id : "");
	h->message_id = g_strdup(m->message_id != NULL ? m->message_id : "");
	h->auth_user = g_strdup(m->env->auth_user != NULL ? m->env->auth_user : "");
	h->sender = g_strdup(m->env->sender != NULL ? m->env->sender : "");
	reason = g_string_new(NULL);
	for (guint i = 0; i < p->held->len; i++) {
		const char *a = g_ptr_array_index(p->held, i);

		g_ptr_array_add(h->rcpts, g_strdup(a));
		for (size_t j = 0; j < d->nrcpts; j++)
			if (strcmp(d->rcpts[j].address, a) == 0 && reason->len == 0)
				g_string_append(reason, d->rcpts[j].reason);
	}
	h->reason = g_string_free(reason, FALSE);
	h->findings = findings_summary(d);
	/* the Subject of sensitive mail may hold the very words that matched */
	h->subject = seal_decision_sensitive_seen(d) ? g_strdup(SEAL_SUBJECT_WITHHELD)
	    : masked_subject(m->subject);
	h->size = (int64_t)len;
	st = seal_store_hold(s, h, msg, len, err);
	if (st == SEAL_OK)
		g_strlcpy(held_id, h->id, 40);
	else if (h->id[0] != '\0')
		/* It may have been stored after all: never leave it waiting for an officer. */
		seal_unhold(s, h->id);
	seal_held_free(h);
	return st;
}

seal_status
seal_record_audit(seal_store **slot, const seal_config *cfg, const seal_decision *d,
	const seal_record_msg *m, const char *held_id, const char *detail, seal_err *err)
{
	seal_audit_context ctx;
	seal_audit_record *r;
	seal_store *s;
	seal_status st;

	/* store = (empty) turns the audit log off; everything else must be recorded. */
	if (!seal_audit_wanted(d) || cfg->store == NULL || cfg->store[0] == '\0')
		return SEAL_OK;
	if ((s = seal_record_store(slot, cfg, err)) == NULL)
		return SEAL_ERR_IO;
	memset(&ctx, 0, sizeof(ctx));
	ctx.env = m->env;
	ctx.message_id = m->message_id;
	ctx.relay = g_get_host_name();
	ctx.held_id = held_id != NULL && held_id[0] != '\0' ? held_id : NULL;
	ctx.detail = detail;
	r = seal_audit_from_decision(d, &ctx, time(NULL));
	st = seal_store_audit_append(s, r, err);
	seal_audit_record_free(r);
	return st;
}

int
seal_record_consent_lookup(void *ctx, const char *address, seal_consent_entry *out)
{
	seal_record_consent *rc = ctx;
	seal_store *s;
	seal_err err;
	int found = 0;

	seal_err_clear(&err);
	if ((s = seal_record_store(rc->slot, rc->cfg, &err)) == NULL)
		return -1;
	if (seal_store_consent_get(s, address, out, &found, &err) != SEAL_OK)
		return -1;
	return found;
}
