/*
 * apply.c - carries out a plan (plan.h) with the milter's means (apply.h).
 *
 * Order matters for "nothing lost, nothing in cleartext": every copy that
 * leaves through reinjection goes first; only when the MTA has accepted
 * all of them are their recipients removed from the original and the
 * original changed into the in-place copy. A failure before that point
 * leaves the original untouched and the caller tempfails it: the sender's
 * MTA retries the whole message. Copies already accepted at that moment
 * would then leave twice; the log line says so (a duplicate, never a
 * cleartext copy: every copy is complete and correct on its own). Each copy
 * is encrypted just before it is handed over and freed right after, so
 * memory holds one copy at a time however many Bcc recipients there are.
 */
#include <string.h>

#include <glib.h>
#include <libmilter/mfapi.h>

#include "marker.h"
#include "reinject.h"
#include "rewrite.h"

#include "apply.h"

/* smfi_replacebody in pieces of this size (libmilter's own limit is 64 KiB). */
#define SEAL_BODY_CHUNK ((size_t)65535)

static seal_status
reinject_copies(const seal_config *cfg, seal_plan *p, GString *log, seal_err *err)
{
	seal_reinject_target t;
	unsigned sent = 0;

	if (seal_reinject_parse(cfg->reinject_to, &t, err) != SEAL_OK)
		return SEAL_ERR_CONFIG;
	for (guint i = 0; i < p->copies->len; i++) {
		const seal_plan_copy *c = g_ptr_array_index(p->copies, i);
		char qid[64] = "";
		seal_status st;

		if (c->in_place)
			continue;
		/* Built just before it leaves and freed right after: one in memory at a time. */
		st = seal_plan_render(p, i, err);
		if (st == SEAL_OK)
			st = seal_reinject_send(&t, g_get_host_name(), c->sender,
			    (const char *const *)c->rcpts->pdata, c->rcpts->len, c->message->str,
			    c->message->len, cfg->reinject_timeout, qid, sizeof(qid), err);
		seal_plan_release(p, i);
		if (st != SEAL_OK) {
			if (sent > 0)
				g_string_append_printf(log, " (%u cop%s already handed over "
				    "will leave again on retry)", sent, sent == 1 ? "y" : "ies");
			return st;
		}
		sent++;
		g_string_append_printf(log, " %s=%s:%u", c->notice ? "notice" : "copy",
		    c->notice ? seal_plan_notice_name(c->notice) : seal_action_name(c->action),
		    c->rcpts->len);
		if (qid[0] != '\0')
			g_string_append_printf(log, ":%s", qid);
	}
	return SEAL_OK;
}

/* The recipient as the MTA stored it (smfi_delrcpt wants that exact form). */
static const char *
del_form(const seal_apply_msg *m, const char *address)
{
	for (size_t i = 0; i < m->nrcpts; i++)
		if (strcmp(m->rcpts[i], address) == 0)
			return m->rcpts_del[i];
	return NULL;
}

static seal_status
change_original(SMFICTX *ctx, const seal_plan *p, const seal_apply_msg *m, seal_err *err)
{
	for (guint i = 0; i < p->remove->len; i++) {
		const char *raw = del_form(m, g_ptr_array_index(p->remove, i));

		if (raw == NULL || smfi_delrcpt(ctx, (char *)raw) != MI_SUCCESS)
			return seal_err_set(err, SEAL_ERR_INTERNAL, "cannot remove a recipient");
	}
	for (guint i = 0; p->edits != NULL && i < p->edits->len; i++) {
		const seal_header_edit *e = g_ptr_array_index(p->edits, i);
		const char *v = e->value;
		int rc;

		/* Values carry their leading space only when the MTA keeps it. */
		if (v != NULL && !m->leadspc)
			while (*v == ' ')
				v++;
		if (e->add)
			rc = smfi_addheader(ctx, e->name, (char *)v);
		else
			rc = smfi_chgheader(ctx, e->name, (int)e->index, (char *)v);
		if (rc != MI_SUCCESS)
			return seal_err_set(err, SEAL_ERR_INTERNAL, "cannot change header %s",
			    e->name);
	}
	for (size_t off = 0; p->body != NULL && off < p->body_len; off += SEAL_BODY_CHUNK) {
		size_t n = MIN(SEAL_BODY_CHUNK, p->body_len - off);

		if (smfi_replacebody(ctx, (unsigned char *)p->body + off, (int)n) != MI_SUCCESS)
			return seal_err_set(err, SEAL_ERR_INTERNAL, "cannot replace the body");
	}
	return SEAL_OK;
}

seal_status
seal_apply_park(SMFICTX *ctx, const seal_apply_msg *m, int remove_seen, const char *reason,
	seal_err *err)
{
	for (size_t i = 0; remove_seen && i < m->nrcpts; i++) {
		/* Postfix reports success whether or not a form matched (rcpts.c). */
		if (smfi_delrcpt(ctx, (char *)m->rcpts_del[i]) != MI_SUCCESS ||
		    (strcmp(m->rcpts[i], m->rcpts_del[i]) != 0 &&
		    smfi_delrcpt(ctx, (char *)m->rcpts[i]) != MI_SUCCESS))
			return seal_err_set(err, SEAL_ERR_INTERNAL, "cannot remove a recipient");
	}
	if (smfi_quarantine(ctx, (char *)reason) != MI_SUCCESS)
		return seal_err_set(err, SEAL_ERR_INTERNAL, "cannot move the message to the "
		    "MTA's hold queue");
	return SEAL_OK;
}

seal_status
seal_apply_markers_remove(SMFICTX *ctx, unsigned markers)
{
	/* Last first: the indices of the earlier ones stay as they were. */
	for (unsigned i = markers; i > 0; i--)
		if (smfi_chgheader(ctx, (char *)SEAL_MARKER_FIELD, (int)i, NULL) != MI_SUCCESS)
			return SEAL_ERR_INTERNAL;
	return SEAL_OK;
}

seal_status
seal_apply_plan(SMFICTX *ctx, const seal_config *cfg, seal_plan *p,
	const seal_apply_msg *m, GString *log, seal_err *err)
{
	seal_status st;

	st = reinject_copies(cfg, p, log, err);
	if (st != SEAL_OK)
		return st;
	/* Nobody keeps the original: the caller discards it, nothing to change. */
	if (p->discard)
		return SEAL_OK;
	st = change_original(ctx, p, m, err);
	if (st == SEAL_OK && seal_apply_markers_remove(ctx, m->markers) != SEAL_OK)
		st = seal_err_set(err, SEAL_ERR_INTERNAL, "cannot remove a forged %s field",
		    SEAL_MARKER_FIELD);
	return st;
}
