/*
 * eom.c - the end of a message (eom.h). The callbacks (callbacks.c) have
 * collected the envelope, headers and body; here seal_scan() decides and
 * the decision is carried out: every copy that leaves through reinjection
 * first, then the recipient changes on the original, the audit record and
 * the reply. One log line per message; no identity number in it.
 */
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>
#include <libmilter/mfapi.h>

#include "config.h"
#include "marker.h"
#include "message.h"
#include "notice.h"
#include "plan.h"
#include "policy.h"
#include "report.h"
#include "scan.h"
#include "spool.h"

#include "apply.h"
#include "conn.h"
#include "daemon.h"
#include "eom.h"
#include "log.h"
#include "postfix_check.h"
#include "rcpts.h"
#include "record.h"
#include "reply.h"
#include "unhold.h"

#define SEAL_TEXT_ERROR  "Temporary error while checking this message; please try again later."
#define SEAL_TEXT_REFUSE "This message was refused: it may contain personal identity " \
	"numbers and a recipient is not trusted."
#define SEAL_TEXT_HOLD_QUEUE "sealmilter: refused, not bounced (the envelope sender is " \
	"outside); delete with postsuper -d"
#define SEAL_TEXT_JOURNAL "sealmilter: kept for the journal Postfix adds (always_bcc, " \
	"*_bcc_maps); check recipients with postcat -q"
#define SEAL_TEXT_RETRY  "This message could not be checked now; please try again later."

/* Internal failure: log why (no personal data), 451 4.3.0, tempfail. */
static sfsistat
eom_error(SMFICTX *ctx, seal_conn *c, const char *what, const seal_err *err)
{
	seal_log_ctx lc = seal_conn_log_ctx(c);
	char buf[800];

	seal_log(&lc, SEAL_LOG_ERROR, "%s: %s; message tempfailed", what,
	    err != NULL ? seal_err_format(err, buf, sizeof(buf)) : "see earlier lines");
	(void)seal_reply_set(ctx, SEAL_REPLY_ERROR_RCODE, SEAL_REPLY_ERROR_XCODE,
	    NULL, SEAL_TEXT_ERROR);
	seal_msg_cleanup(c);
	return SMFIS_TEMPFAIL;
}

/* One line per message: queue ID, the decision summary, who and from where. */
static void
eom_log(const seal_conn *c, const seal_decision *d, const char *delivery)
{
	seal_log_ctx lc = seal_conn_log_ctx(c);
	GString *line = g_string_new(NULL);

	seal_report_log_line(d, line);
	while (line->len > 0 && g_ascii_isspace(line->str[line->len - 1]))
		g_string_truncate(line, line->len - 1);
	seal_log(&lc, SEAL_LOG_INFO, "%s%s size=%llu auth=%s client=%s spf=%s", line->str,
	    delivery,
	    (unsigned long long)c->msg->size,
	    c->msg->auth_user != NULL ? c->msg->auth_user : "-",
	    c->client_addr != NULL ? c->client_addr : c->client_unknown ? "unknown" : "local",
	    seal_spf_result_name(c->msg->spf));
	g_string_free(line, TRUE);
}

/* The whole message, for splitting and encryption (at most max_scan_size). */
static GString *
read_message(seal_msg *m, seal_err *err)
{
	GMimeStream *stream = seal_spool_stream(m->spool, err);
	GString *g;
	char buf[65536];
	gssize n;

	if (stream == NULL)
		return NULL;
	g = g_string_sized_new((gsize)MIN(seal_spool_size(m->spool) + 1, (uint64_t)G_MAXSIZE));
	while ((n = seal_stream_read(stream, buf, sizeof(buf))) > 0)
		g_string_append_len(g, buf, n);
	g_object_unref(stream);
	if (n < 0) {
		g_string_free(g, TRUE);
		seal_err_set(err, SEAL_ERR_IO, "cannot read the spooled message");
		return NULL;
	}
	return g;
}

static void
wipe_string(GString *g)
{
	if (g == NULL)
		return;
	memset(g->str, 0, g->len);
	g_string_free(g, TRUE);
}

/*
 * The connection is the reinjection listener's: a loopback client that
 * reached the port of reinject_to, as Postfix's {daemon_port} macro says
 * (asked for with smfi_setsymlist; Postfix 3.7 sends it). A marker from
 * any other listener, or without the macro, is not looked at.
 */
static int
from_reinjection(const seal_conn *c)
{
	const char *a = c->client_addr, *port;

	if (a == NULL || c->daemon_port == NULL || c->cfg->reinject_to == NULL)
		return 0;
	if (!g_str_has_prefix(a, "127.") && strcmp(a, "::1") != 0
	    && !g_str_has_prefix(a, "::ffff:127."))
		return 0;
	port = strrchr(c->cfg->reinject_to, ':');
	return port != NULL && strcmp(port + 1, c->daemon_port) == 0;
}

/*
 * A copy we made ourselves came back through the milter: one marker that
 * verifies for these recipients and this whole message, fresh and unused,
 * through the reinjection listener (marker.h). It was decided already.
 */
static int
own_copy(const seal_conn *c, seal_msg *m, const GString *msg)
{
	if (m->markers->len != 1 || msg == NULL || !from_reinjection(c))
		return 0;
	return seal_marker_accept(g_ptr_array_index(m->markers, 0),
	    (const char *const *)m->r.addrs->pdata, m->r.addrs->len, msg->str, msg->len,
	    time(NULL), (long)c->cfg->copy_marker_lifetime * 60);
}

static void
log_skipped(const seal_conn *c, const seal_decision *d)
{
	seal_log_ctx lc = seal_conn_log_ctx(c);

	for (size_t i = 0; i < d->nrcpts; i++) {
		const seal_rcpt_decision *r = &d->rcpts[i];

		for (guint j = 0; r->skipped != NULL && j < r->skipped->len; j++)
			seal_log(&lc, SEAL_LOG_INFO, "<%s>: passed over %s", r->shown,
			    (const char *)g_ptr_array_index(r->skipped, j));
		if (r->action == SEAL_ACTION_TEMPFAIL && r->causes_refusal)
			seal_log(&lc, SEAL_LOG_WARNING, "<%s>: %s", r->shown, r->reason);
	}
}

/* The plan sends no content of its own: at most header edits and notices. */
static int
plan_keeps_content(const seal_plan *p)
{
	if (p->body != NULL)
		return 0;
	for (guint i = 0; i < p->copies->len; i++) {
		const seal_plan_copy *c = g_ptr_array_index(p->copies, i);

		if (!c->in_place && !c->notice)
			return 0;
	}
	return 1;
}

static seal_record_msg
record_msg(const seal_msg *m, const seal_envelope *env)
{
	seal_record_msg rm;

	rm.env = env;
	rm.message_id = m->message_id;
	rm.subject = m->subject;
	return rm;
}

/* A held message whose delivery then failed is not left waiting for an officer. */
static void
unhold(seal_conn *c, const char *held_id)
{
	if (held_id[0] != '\0' && c->store != NULL)
		seal_unhold(c->store, held_id);
}

/*
 * Splits, encrypts, holds and hands over per the plan, recording the
 * decision first; SMFIS_ACCEPT (or SMFIS_DISCARD when no recipient keeps
 * the original) when all went well.
 */
static sfsistat
eom_deliver(SMFICTX *ctx, seal_conn *c, const seal_decision *d, const seal_record_msg *rm,
	GString **msg, GString *log, seal_err *err)
{
	seal_msg *m = c->msg;
	seal_apply_msg am;
	seal_plan *p = NULL;
	char held_id[40] = "";
	int discard;          /* the plan leaves no recipient on the original */
	seal_status st;

	memset(&am, 0, sizeof(am));
	am.rcpts = (const char *const *)m->r.addrs->pdata;
	am.rcpts_del = (const char *const *)m->r.del->pdata;
	am.nrcpts = m->r.addrs->len;
	am.markers = m->markers->len;
	am.leadspc = c->leadspc;
	/* An outside always_bcc would get the cleartext whatever happens here. */
	if ((seal_postfix_journal() & SEAL_PF_BCC_OUTSIDE) && !d->already_encrypted &&
	    (d->cls != SEAL_CLASS_PUBLIC || d->unscannable)) {
		g_string_append(log, " journal=postfix-hold(always_bcc outside)");
		if (seal_record_audit(&c->store, c->cfg, d, rm, NULL, NULL, err) != SEAL_OK ||
		    seal_apply_park(ctx, &am, 0, SEAL_TEXT_JOURNAL, err) != SEAL_OK)
			return SMFIS_TEMPFAIL;
		return SMFIS_ACCEPT;
	}
	if (d->action == SEAL_ACTION_ACCEPT && d->forced_tag == NULL) {
		/* No modification: clean mail passes byte for byte (forged markers aside). */
		if (seal_record_audit(&c->store, c->cfg, d, rm, NULL, NULL, err) != SEAL_OK)
			return SMFIS_TEMPFAIL;
		/* The store answers again: withdraw what an earlier failure left. */
		seal_unhold_retry(c->store);
		if (seal_apply_markers_remove(ctx, m->markers->len) == SEAL_OK)
			return SMFIS_ACCEPT;
		seal_err_set(err, SEAL_ERR_INTERNAL, "cannot remove a marker field");
		return SMFIS_TEMPFAIL;
	}
	if (*msg == NULL && (*msg = read_message(m, err)) == NULL)
		return SMFIS_TEMPFAIL;

	st = seal_plan_build(c->cfg, d, m->sender, (*msg)->str, (*msg)->len, time(NULL), &p, err);
	if (st != SEAL_OK)
		return SMFIS_TEMPFAIL;
	if (p->discard && seal_rcpts_removal_verifiable(&m->r, p->remove)) {
		/*
		 * Nobody we saw keeps the original, but Postfix may have added
		 * recipients we never see (always_bcc, sender_bcc_maps,
		 * recipient_bcc_maps: a journal). Discarding would drop their
		 * copy; removing every recipient we saw keeps it (Postfix
		 * deletes a queue file whose recipients are all done).
		 */
		p->discard = 0;
	} else if (p->remove->len > 0 && !p->discard && !seal_rcpts_removal_verifiable(&m->r, p->remove)) {
		/*
		 * Removing a recipient cannot be verified here (rcpts.c): every
		 * recipient that gets the message gets a reinjected copy instead,
		 * and the original is discarded.
		 */
		seal_plan_free(p);
		p = NULL;
		st = seal_plan_build_detached(c->cfg, d, m->sender, (*msg)->str, (*msg)->len,
		    time(NULL), &p, err);
		if (st != SEAL_OK)
			return SMFIS_TEMPFAIL;
		g_string_append(log, " split=by-copies");
	}
	if (m->too_big && !plan_keeps_content(p)) {
		/* Only the start of it was kept: it cannot be copied or encrypted. */
		seal_plan_free(p);
		seal_err_set(err, SEAL_ERR_INTERNAL, "message over max_scan_size cannot be split");
		return SMFIS_TEMPFAIL;
	}
	/* Held mail is on disk (or committed) before anything else happens. */
	if (p->held->len > 0)
		st = seal_record_hold(&c->store, c->cfg, p, d, rm, (*msg)->str, (*msg)->len,
		    held_id, err);
	/* The sender's notice gets the link to ask for release, now that the ID is known. */
	for (guint i = 0; st == SEAL_OK && held_id[0] != '\0' && i < p->copies->len; i++) {
		seal_plan_copy *cp = g_ptr_array_index(p->copies, i);

		int64_t expires = (int64_t)time(NULL)
		    + (int64_t)c->cfg->quarantine_retention * 86400;

		if (cp->notice == SEAL_NOTICE_HOLD && cp->message != NULL)
			st = seal_notice_hold_request(c->cfg, cp->message, held_id, expires, err);
	}
	if (st == SEAL_OK)
		st = seal_record_audit(&c->store, c->cfg, d, rm, held_id, NULL, err);
	if (st == SEAL_OK)
		st = seal_apply_plan(ctx, c->cfg, p, &am, log, err);
	/* Never discard what Postfix may still owe a journal (issue 15 item 5). */
	if (st == SEAL_OK && p->discard && (seal_postfix_journal() & SEAL_PF_ADDS_RCPTS)) {
		st = seal_apply_park(ctx, &am, 1, SEAL_TEXT_JOURNAL, err);
		p->discard = 0;
		g_string_append(log, " journal=postfix-hold");
	}
	if (st != SEAL_OK)
		unhold(c, held_id);
	else if (held_id[0] != '\0')
		g_string_append_printf(log, " held=%s", held_id);
	if (st == SEAL_OK)
		seal_unhold_retry(c->store);
	discard = p->discard;
	seal_plan_free(p);
	/* discard: every recipient was handled elsewhere, nobody keeps the original. */
	return st != SEAL_OK ? SMFIS_TEMPFAIL : discard ? SMFIS_DISCARD : SMFIS_ACCEPT;
}

/*
 * Refusing a sendmail(1) submission makes Postfix bounce it itself, with
 * the headers (a Subject with a number), to the envelope sender, and
 * Postfix's bounces pass no milter. A local program may give any sender
 * (-f): unless that sender is internal or trusted, the message goes to
 * Postfix's hold queue instead, where it leaves for nobody until the
 * postmaster deletes it (postsuper -d) or releases it (postsuper -H).
 */
static int
refusal_bounces_outside(const seal_conn *c)
{
	seal_domain_class dc;

	/* The null sender's bounce goes to the postmaster, who is inside. */
	if (!c->msg->r.local_submission || c->msg->sender[0] == '\0')
		return 0;
	dc = seal_policy_classify(c->cfg, c->msg->sender);
	return dc != SEAL_DOMAIN_INTERNAL && dc != SEAL_DOMAIN_TRUSTED;
}

static sfsistat
eom_apply(SMFICTX *ctx, seal_conn *c, const seal_decision *d, const seal_envelope *env,
	GString **msg, GString *log, seal_err *err)
{
	seal_record_msg rm = record_msg(c->msg, env);

	switch (d->action) {
	case SEAL_ACTION_REFUSE:
	case SEAL_ACTION_TEMPFAIL:
		/* A decision that cannot be recorded is not carried out. */
		if (seal_record_audit(&c->store, c->cfg, d, &rm, NULL, NULL, err) != SEAL_OK)
			return SMFIS_TEMPFAIL;
		if (d->action == SEAL_ACTION_REFUSE && refusal_bounces_outside(c)) {
			g_string_append(log, " refusal=postfix-hold");
			if (smfi_quarantine(ctx, (char *)SEAL_TEXT_HOLD_QUEUE) != MI_SUCCESS) {
				seal_err_set(err, SEAL_ERR_INTERNAL, "cannot move the message "
				    "to Postfix's hold queue");
				return SMFIS_TEMPFAIL;
			}
			return SMFIS_ACCEPT;
		}
		if (d->action == SEAL_ACTION_REFUSE) {
			(void)seal_reply_set(ctx, SEAL_REPLY_REFUSE_RCODE, SEAL_REPLY_REFUSE_XCODE,
			    d->reply_text, SEAL_TEXT_REFUSE);
			return SMFIS_REJECT;
		}
		(void)seal_reply_set(ctx, SEAL_REPLY_TEMPFAIL_RCODE, SEAL_REPLY_TEMPFAIL_XCODE,
		    d->reply_text, SEAL_TEXT_RETRY);
		return SMFIS_TEMPFAIL;
	case SEAL_ACTION_ACCEPT:
	case SEAL_ACTION_ENCRYPT_SMIME:
	case SEAL_ACTION_ENCRYPT_PGP:
	case SEAL_ACTION_SPLIT:
	case SEAL_ACTION_DIVERT:
	case SEAL_ACTION_HOLD:
		return eom_deliver(ctx, c, d, &rm, msg, log, err);
	}
	return SMFIS_TEMPFAIL;
}

/*
 * libseal's progress callback (scan.h): OCR can take longer than the
 * MTA's milter timeout (Postfix milter_content_timeout, 300 s by
 * default); smfi_progress tells it the filter is still working.
 */
static void
eom_progress(void *ctx)
{
	smfi_progress((SMFICTX *)ctx);
}

sfsistat
seal_eom(SMFICTX *ctx)
{
	seal_conn *c = seal_conn_get(ctx);
	seal_msg *m = c->msg;
	seal_envelope env;
	seal_record_consent cctx;
	seal_decision *d = NULL;
	seal_date today;
	seal_err err;
	GMimeStream *stream;
	GString *msg = NULL, *log;
	sfsistat rc;

	if (m == NULL)
		return eom_error(ctx, c, "end of message without a transaction", NULL);
	seal_msg_update_qid(ctx, m);
	if (m->poisoned)
		return eom_error(ctx, c, "message incompletely recorded", NULL);
	seal_err_clear(&err);
	if (m->markers->len > 0 && !m->too_big) {
		msg = read_message(m, &err);
		if (msg == NULL)
			return eom_error(ctx, c, "cannot read the spooled message", &err);
		if (own_copy(c, m, msg)) {
			seal_log_ctx lc = seal_conn_log_ctx(c);

			seal_log(&lc, SEAL_LOG_WARNING, "a copy made by sealmilter came back "
			    "through the milter: accepted as decided before (the reinjection "
			    "listener should run without milters)");
			wipe_string(msg);
			/* The marker has done its work: delivered copies do not carry it. */
			if (seal_apply_markers_remove(ctx, 1) != SEAL_OK)
				return eom_error(ctx, c, "cannot remove the marker field", NULL);
			seal_msg_cleanup(c);
			return SMFIS_ACCEPT;
		}
	}
	stream = seal_spool_stream(m->spool, &err);
	if (stream == NULL) {
		wipe_string(msg);
		return eom_error(ctx, c, "cannot read the spooled message", &err);
	}
	memset(&env, 0, sizeof(env));
	env.sender = m->sender;
	env.rcpts = (const char *const *)m->r.addrs->pdata;
	env.nrcpts = m->r.addrs->len;
	env.auth_user = m->auth_user;
	env.client_addr = c->client_addr;
	env.queue_id = m->queue_id;
	env.size = m->size;
	env.spf = m->spf;
	/* With a store, consent lives there (shared by the relays), asked per message. */
	cctx.slot = &c->store;
	cctx.cfg = c->cfg;
	if (c->cfg->profile == SEAL_PROFILE_DK && c->cfg->store != NULL && c->cfg->store[0] != '\0') {
		env.consent_lookup = seal_record_consent_lookup;
		env.consent_ctx = &cctx;
	}
	env.progress = eom_progress;
	env.progress_ctx = ctx;
	seal_date_today(&today);
	if (seal_scan(c->cfg, stream, &env, &today, &d, &err) != SEAL_OK || d == NULL) {
		g_object_unref(stream);
		wipe_string(msg);
		return eom_error(ctx, c, "scan failed", &err);
	}
	g_object_unref(stream);
	log = g_string_new(NULL);
	rc = eom_apply(ctx, c, d, &env, &msg, log, &err);
	wipe_string(msg);
	log_skipped(c, d);
	if (rc == SMFIS_TEMPFAIL && (d->action != SEAL_ACTION_TEMPFAIL || err.code != SEAL_OK)) {
		seal_decision_free(d);
		g_string_prepend(log, "delivery failed");
		eom_error(ctx, c, log->str, &err);
		g_string_free(log, TRUE);
		return SMFIS_TEMPFAIL;
	}
	eom_log(c, d, log->str);
	g_string_free(log, TRUE);
	seal_decision_free(d);
	/* No abort follows our own ACCEPT/REJECT/TEMPFAIL: free now. */
	seal_msg_cleanup(c);
	return rc;
}
