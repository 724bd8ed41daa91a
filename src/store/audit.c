/*
 * audit.c - one audit record per decision (audit.h).
 */
#include <string.h>

#include "audit.h"
#include "report.h"

int
seal_audit_wanted(const seal_decision *d)
{
	if (d->cls != SEAL_CLASS_PUBLIC || d->unscannable || d->forced_tag != NULL)
		return 1;
	for (size_t i = 0; i < d->nrcpts; i++)
		if (d->rcpts[i].action != SEAL_ACTION_ACCEPT)
			return 1;
	return d->action != SEAL_ACTION_ACCEPT;
}

static char *
detail_text(const seal_decision *d, const seal_audit_context *ctx)
{
	GString *s = g_string_new(NULL);

	if (ctx->held_id != NULL)
		g_string_append_printf(s, "held=%s", ctx->held_id);
	if (d->unscannable)
		g_string_append_printf(s, "%sunscannable=%s", s->len > 0 ? " " : "",
		    d->unscannable_reason);
	if (d->forced_tag != NULL)
		g_string_append_printf(s, "%sforce-tag", s->len > 0 ? " " : "");
	/* A profile waiver names the consent entry it rests on (profile.h). */
	for (size_t i = 0; i < d->nrcpts; i++)
		if (d->rcpts[i].consent_id[0] != '\0')
			g_string_append_printf(s, "%swaiver=service-message consent=%s",
			    s->len > 0 ? " " : "", d->rcpts[i].consent_id);
	if (ctx->detail != NULL && ctx->detail[0] != '\0')
		g_string_append_printf(s, "%s%s", s->len > 0 ? " " : "", ctx->detail);
	return g_string_free(s, FALSE);
}

seal_audit_record *
seal_audit_from_decision(const seal_decision *d, const seal_audit_context *ctx, time_t now)
{
	seal_audit_record *r = seal_audit_record_new();
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	const seal_envelope *env = ctx->env;

	r->time = (int64_t)now;
	r->relay = g_strdup(ctx->relay != NULL ? ctx->relay : "");
	r->queue_id = g_strdup(env->queue_id != NULL ? env->queue_id : "");
	r->message_id = g_strdup(ctx->message_id != NULL ? ctx->message_id : "");
	r->auth_user = g_strdup(env->auth_user != NULL ? env->auth_user : "");
	r->sender = g_strdup(env->sender != NULL ? env->sender : "");
	r->cls = g_strdup(seal_class_name(d->cls));
	r->action = g_strdup(seal_action_name(d->action));
	r->kinds = seal_report_kinds(d);
	r->rules = g_strdup("");
	r->detail = detail_text(d, ctx);
	for (size_t i = 0; i < d->nrcpts; i++)
		seal_audit_record_add_rcpt(r, d->rcpts[i].shown,
		    seal_action_name(d->rcpts[i].action));
	/* One fingerprint per person, however often the number appears. */
	for (guint i = 0; i < d->findings->len; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		if (sf->fingerprint[0] == '\0' || g_hash_table_contains(seen, sf->fingerprint))
			continue;
		g_hash_table_add(seen, (gpointer)sf->fingerprint);
		g_ptr_array_add(r->fingerprints, g_strdup(sf->fingerprint));
	}
	g_hash_table_destroy(seen);
	return r;
}
