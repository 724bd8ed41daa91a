/*
 * callbacks.c - the milter callbacks (callbacks.h).
 *
 * The callbacks only collect: client and HELO per connection; sender, SMTP
 * AUTH user, SPF result, recipients and the message bytes (spooled) per
 * message. All decisions come from seal_scan() at end of message. One
 * cleanup (msg_cleanup) ends every message: after eom, in abort and in
 * close. Failing to record something poisons the message, which then
 * tempfails: we never pass mail we could not read completely.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include <glib.h>
#include <gmime/gmime.h>
#include <libmilter/mfapi.h>

#include "config.h"
#include "message.h"
#include "marker.h"
#include "plan.h"
#include "policy.h"
#include "report.h"
#include "scan.h"
#include "spf.h"
#include "spool.h"

#include "apply.h"
#include "callbacks.h"
#include "record.h"
#include "daemon.h"
#include "log.h"
#include "postfix_check.h"
#include "rcpts.h"
#include "reply.h"

/* Actions we need now or in later versions (encryption, split, hold). */
#define SEAL_ACTIONS (SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY | \
	SMFIF_ADDRCPT | SMFIF_DELRCPT | SMFIF_QUARANTINE)

/*
 * Steps we never reply to: no reply saves one round trip per header and
 * body chunk on a unix socket. MAIL, RCPT and EOM keep their replies.
 *
 * Not on TCP. There Postfix's small writes meet Nagle's algorithm on its
 * side and delayed ACKs on ours: a command that gets no reply (a no-reply
 * step, or the macros Postfix still sends for a skipped DATA step) leaves
 * nothing to carry our ACK back, and the next write waits for the
 * delayed-ACK timer, about 40 ms a message. TCP_NODELAY on our side cannot
 * help: the wait is in the MTA's sender. Measured with contrib/bench at 10
 * sessions: 213 msgs/s with no-reply steps or a skipped DATA step, 467
 * when every step, DATA included, is answered. So on inet sockets every
 * step is taken and answered; unix sockets keep the leaner exchange.
 */
#define SEAL_NOREPLY_STEPS (SMFIP_NR_CONN | SMFIP_NR_HELO | SMFIP_NR_DATA | \
	SMFIP_NR_UNKN | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY)

#define SEAL_TEXT_ERROR  "Temporary error while checking this message; please try again later."
#define SEAL_TEXT_REFUSE "This message was refused: it may contain personal identity " \
	"numbers and a recipient is not trusted."
#define SEAL_TEXT_HOLD_QUEUE "sealmilter: refused, not bounced (the envelope sender is " \
	"outside); delete with postsuper -d"
#define SEAL_TEXT_JOURNAL "sealmilter: kept for the journal Postfix adds (always_bcc, " \
	"*_bcc_maps); check recipients with postcat -q"
#define SEAL_TEXT_RETRY  "This message could not be checked now; please try again later."

typedef struct seal_msg {
	char *queue_id;          /* copy of {i}; NULL until the MTA gives it */
	char *sender;            /* MAIL FROM without <> ("" = null sender) */
	seal_rcpts r;            /* the recipients: classified and removal forms */
	char *auth_user;         /* {auth_authen} or NULL */
	char *auth_type;         /* {auth_type} or NULL */
	seal_spf_result spf;
	seal_spool *spool;
	uint64_t size;           /* bytes received, stored or not */
	int too_big;             /* passed max_scan_size: no longer stored */
	GPtrArray *markers;      /* char *: values of SEAL_MARKER_FIELD fields, in order */
	char *message_id;        /* first Message-ID field value, for the audit record */
	char *subject;           /* first Subject field value (raw), masked before storing */
	int poisoned;            /* bookkeeping failed: eom tempfails */
} seal_msg;

typedef struct seal_conn {
	seal_config *cfg;        /* pinned at connect */
	char *client_addr;       /* IP text or NULL (local submission) */
	char *client_name;
	char *helo;
	char *daemon_name;
	char *daemon_port;       /* {daemon_port}: the listener the client reached */
	int leadspc;             /* header values keep their leading space */
	int noreply;             /* SEAL_NOREPLY_STEPS were negotiated */
	seal_store *store;       /* audit log and quarantine, opened when first needed */
	seal_msg *msg;
} seal_conn;

/* Set once by main before smfi_main: whether the listening socket is TCP. */
static int listen_inet;

void
seal_callbacks_set_inet(int inet)
{
	listen_inet = inet;
}

static seal_conn *
conn_get(SMFICTX *ctx)
{
	seal_conn *c = smfi_getpriv(ctx);

	if (c == NULL) {
		c = g_new0(seal_conn, 1);
		smfi_setpriv(ctx, c);
	}
	if (c->cfg == NULL)
		c->cfg = seal_daemon_config_acquire();
	return c;
}

/* What a step we never act on answers: nothing where that was negotiated. */
static sfsistat
step_done(const seal_conn *c)
{
	return c->noreply ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

/* The one cleanup of a message: eom, abort, close and a new MAIL FROM. */
static void
msg_cleanup(seal_conn *c)
{
	seal_msg *m = c != NULL ? c->msg : NULL;

	if (m == NULL)
		return;
	m->spool = seal_spool_free(m->spool);
	seal_rcpts_clear(&m->r);
	g_ptr_array_free(m->markers, TRUE);
	g_free(m->message_id);
	if (m->subject != NULL)
		memset(m->subject, 0, strlen(m->subject));
	g_free(m->subject);
	g_free(m->queue_id);
	g_free(m->sender);
	g_free(m->auth_user);
	g_free(m->auth_type);
	g_free(m);
	c->msg = NULL;
}

static seal_log_ctx
log_ctx(const seal_conn *c)
{
	seal_log_ctx lc = { c != NULL && c->msg != NULL ? c->msg->queue_id : NULL };

	return lc;
}

/* {i} appears only after the first accepted RCPT: copy it whenever it changes. */
static void
msg_update_qid(SMFICTX *ctx, seal_msg *m)
{
	const char *v = smfi_getsymval(ctx, "{i}");

	if (v == NULL || v[0] == '\0')
		v = smfi_getsymval(ctx, "i");
	if (m == NULL || v == NULL || v[0] == '\0')
		return;
	if (m->queue_id == NULL || strcmp(m->queue_id, v) != 0) {
		g_free(m->queue_id);
		m->queue_id = g_strdup(v);
	}
}

static char *
symval_dup(SMFICTX *ctx, const char *name)
{
	const char *v = smfi_getsymval(ctx, (char *)name);

	return v != NULL && v[0] != '\0' ? g_strdup(v) : NULL;
}

/*
 * Stores message bytes. Past max_scan_size nothing more is stored, only
 * counted: seal_scan() sees env.size > max_scan_size and decides
 * "unscannable" without reading the truncated spool.
 */
static void
msg_append(seal_conn *c, const void *data, size_t len)
{
	seal_msg *m = c->msg;
	seal_err err;
	seal_log_ctx lc;

	if (m == NULL || len == 0)
		return;
	m->size += len;
	if (m->too_big || m->poisoned)
		return;
	if (m->size > c->cfg->max_scan_size) {
		m->too_big = 1;
		return;
	}
	seal_err_clear(&err);
	if (seal_spool_append(m->spool, data, len, &err) != SEAL_OK) {
		m->poisoned = 1;
		lc = log_ctx(c);
		seal_log(&lc, SEAL_LOG_ERROR, "cannot spool the message: %s", err.msg);
	}
}

static sfsistat
cb_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1, unsigned long f2,
	unsigned long f3, unsigned long *pf0, unsigned long *pf1, unsigned long *pf2,
	unsigned long *pf3)
{
	seal_conn *c;

	(void)f2;
	(void)f3;
	seal_log(NULL, SEAL_LOG_DEBUG, "negotiate: MTA offers actions 0x%lx, steps 0x%lx",
	    f0, f1);
	if ((f0 & SEAL_ACTIONS) != SEAL_ACTIONS) {
		/* libmilter drops the session; the MTA applies milter_default_action. */
		seal_log(NULL, SEAL_LOG_ERROR, "the MTA does not offer the actions sealmilter "
		    "needs (offered 0x%lx, need 0x%lx): rejecting the session",
		    f0, (unsigned long)SEAL_ACTIONS);
		return SMFIS_REJECT;
	}
	*pf0 = SEAL_ACTIONS | (f0 & SMFIF_SETSYMLIST);
	*pf1 = f1 & (SMFIP_HDR_LEADSPC | (listen_inet ? 0 : SMFIP_NOUNKNOWN | SMFIP_NODATA));
	*pf2 = 0;
	*pf3 = 0;
	c = conn_get(ctx);
	c->noreply = !listen_inet;
	if (c->noreply)
		*pf1 |= SEAL_NOREPLY_STEPS;
	c->leadspc = (f1 & SMFIP_HDR_LEADSPC) != 0;
	if ((f0 & SMFIF_SETSYMLIST) != 0) {
		/* Ask for exactly the macros we read (MILTER_README: milter_*_macros). */
		(void)smfi_setsymlist(ctx, SMFIM_CONNECT, "{daemon_name} {daemon_port}");
		(void)smfi_setsymlist(ctx, SMFIM_ENVFROM, "{auth_authen} {auth_type}");
		(void)smfi_setsymlist(ctx, SMFIM_ENVRCPT, "{rcpt_addr} {rcpt_mailer}");
		(void)smfi_setsymlist(ctx, SMFIM_ENVRCPT, "{rcpt_addr} {rcpt_mailer}");
		(void)smfi_setsymlist(ctx, SMFIM_EOH, "{i}");
		(void)smfi_setsymlist(ctx, SMFIM_EOM, "{i}");
	}
	return SMFIS_CONTINUE;
}

static sfsistat
cb_connect(SMFICTX *ctx, char *hostname, _SOCK_ADDR *hostaddr)
{
	seal_conn *c = conn_get(ctx);
	char buf[INET6_ADDRSTRLEN];
	const char *addr = NULL;

	if (hostaddr != NULL && hostaddr->sa_family == AF_INET)
		addr = inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)hostaddr)->sin_addr,
		    buf, sizeof(buf));
	else if (hostaddr != NULL && hostaddr->sa_family == AF_INET6)
		addr = inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)hostaddr)->sin6_addr,
		    buf, sizeof(buf));
	g_free(c->client_addr);
	c->client_addr = g_strdup(addr);
	g_free(c->client_name);
	c->client_name = g_strdup(hostname);
	g_free(c->daemon_name);
	c->daemon_name = symval_dup(ctx, "{daemon_name}");
	g_free(c->daemon_port);
	c->daemon_port = symval_dup(ctx, "{daemon_port}");
	return step_done(c);
}

static sfsistat
cb_helo(SMFICTX *ctx, char *helohost)
{
	seal_conn *c = conn_get(ctx);

	g_free(c->helo);
	c->helo = g_strdup(helohost);
	return step_done(c);
}

static sfsistat
cb_envfrom(SMFICTX *ctx, char **argv)
{
	seal_conn *c = conn_get(ctx);
	seal_msg *m;

	/* A connection carries several messages: start clean. */
	msg_cleanup(c);
	m = g_new0(seal_msg, 1);
	c->msg = m;
	seal_rcpts_init(&m->r);
	m->markers = g_ptr_array_new_with_free_func(g_free);
	m->sender = seal_rcpts_strip(argv != NULL ? argv[0] : NULL);
	m->auth_user = symval_dup(ctx, "{auth_authen}");
	m->auth_type = symval_dup(ctx, "{auth_type}");
	m->spool = seal_spool_new(c->cfg->spool_dir, (size_t)c->cfg->spool_threshold);
	msg_update_qid(ctx, m);
	m->spf = SEAL_SPF_SKIPPED;
	/* Only an unauthenticated claim needs SPF; the result is recorded, not used yet. */
	if (m->auth_user == NULL && c->cfg->spf_check && c->client_addr != NULL)
		m->spf = seal_spf_check(c->client_addr, c->helo != NULL ? c->helo : "",
		    m->sender, c->cfg->spf_timeout);
	return SMFIS_CONTINUE;
}

static sfsistat
cb_envrcpt(SMFICTX *ctx, char **argv)
{
	seal_conn *c = conn_get(ctx);

	if (c->msg == NULL || argv == NULL || argv[0] == NULL) {
		seal_log(NULL, SEAL_LOG_ERROR, "RCPT without a transaction: tempfailing it");
		return SMFIS_TEMPFAIL;
	}
	seal_rcpts_add(&c->msg->r, argv[0], smfi_getsymval(ctx, "{rcpt_addr}"),
	    smfi_getsymval(ctx, "{rcpt_mailer}"));
	msg_update_qid(ctx, c->msg);
	return SMFIS_CONTINUE;
}

/* "Name:" + value + CRLF; folded values come with bare LF, made CRLF here. */
static sfsistat
cb_header(SMFICTX *ctx, char *name, char *value)
{
	seal_conn *c = conn_get(ctx);
	GString *h;

	if (c->msg == NULL)
		return step_done(c);
	/* Ours only if it verifies at end of message; removed otherwise. */
	if (g_ascii_strcasecmp(name, SEAL_MARKER_FIELD) == 0)
		g_ptr_array_add(c->msg->markers, g_strdup(value));
	else if (g_ascii_strcasecmp(name, "Message-ID") == 0 && c->msg->message_id == NULL)
		c->msg->message_id = g_strstrip(g_strdup(value));
	else if (g_ascii_strcasecmp(name, "Subject") == 0 && c->msg->subject == NULL)
		c->msg->subject = g_strdup(value);
	h = g_string_sized_new(strlen(name) + strlen(value) + 4);
	g_string_append(h, name);
	g_string_append_c(h, ':');
	if (!c->leadspc)
		g_string_append_c(h, ' ');
	for (const char *p = value; *p != '\0'; p++) {
		if (*p == '\n' && (p == value || p[-1] != '\r'))
			g_string_append_c(h, '\r');
		g_string_append_c(h, *p);
	}
	g_string_append(h, "\r\n");
	msg_append(c, h->str, h->len);
	g_string_free(h, TRUE);
	return step_done(c);
}

static sfsistat
cb_eoh(SMFICTX *ctx)
{
	seal_conn *c = conn_get(ctx);

	msg_update_qid(ctx, c->msg);
	msg_append(c, "\r\n", 2);
	return step_done(c);
}

static sfsistat
cb_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	seal_conn *c = conn_get(ctx);

	msg_append(c, chunk, len);
	return step_done(c);
}

/* Internal failure: log why (no personal data), 451 4.3.0, tempfail. */
static sfsistat
eom_error(SMFICTX *ctx, seal_conn *c, const char *what, const seal_err *err)
{
	seal_log_ctx lc = log_ctx(c);
	char buf[800];

	seal_log(&lc, SEAL_LOG_ERROR, "%s: %s; message tempfailed", what,
	    err != NULL ? seal_err_format(err, buf, sizeof(buf)) : "see earlier lines");
	(void)seal_reply_set(ctx, SEAL_REPLY_ERROR_RCODE, SEAL_REPLY_ERROR_XCODE,
	    NULL, SEAL_TEXT_ERROR);
	msg_cleanup(c);
	return SMFIS_TEMPFAIL;
}

/* One line per message: queue ID, the decision summary, who and from where. */
static void
eom_log(const seal_conn *c, const seal_decision *d, const char *delivery)
{
	seal_log_ctx lc = log_ctx(c);
	GString *line = g_string_new(NULL);

	seal_report_log_line(d, line);
	while (line->len > 0 && g_ascii_isspace(line->str[line->len - 1]))
		g_string_truncate(line, line->len - 1);
	seal_log(&lc, SEAL_LOG_INFO, "%s%s size=%llu auth=%s client=%s spf=%s", line->str,
	    delivery,
	    (unsigned long long)c->msg->size,
	    c->msg->auth_user != NULL ? c->msg->auth_user : "-",
	    c->client_addr != NULL ? c->client_addr : "local",
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
	seal_log_ctx lc = log_ctx(c);

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
	seal_err e;

	if (held_id[0] == '\0' || c->store == NULL)
		return;
	seal_err_clear(&e);
	(void)seal_store_held_transition(c->store, held_id, SEAL_HELD, SEAL_HELD_DELETED,
	    "sealmilter", "the message was tempfailed after it was stored", &e);
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

static sfsistat
cb_eom(SMFICTX *ctx)
{
	seal_conn *c = conn_get(ctx);
	seal_msg *m = c->msg;
	seal_envelope env;
	seal_decision *d = NULL;
	seal_date today;
	seal_err err;
	GMimeStream *stream;
	GString *msg = NULL, *log;
	sfsistat rc;

	if (m == NULL)
		return eom_error(ctx, c, "end of message without a transaction", NULL);
	msg_update_qid(ctx, m);
	if (m->poisoned)
		return eom_error(ctx, c, "message incompletely recorded", NULL);
	seal_err_clear(&err);
	if (m->markers->len > 0 && !m->too_big) {
		msg = read_message(m, &err);
		if (msg == NULL)
			return eom_error(ctx, c, "cannot read the spooled message", &err);
		if (own_copy(c, m, msg)) {
			seal_log_ctx lc = log_ctx(c);

			seal_log(&lc, SEAL_LOG_WARNING, "a copy made by sealmilter came back "
			    "through the milter: accepted as decided before (the reinjection "
			    "listener should run without milters)");
			wipe_string(msg);
			/* The marker has done its work: delivered copies do not carry it. */
			if (seal_apply_markers_remove(ctx, 1) != SEAL_OK)
				return eom_error(ctx, c, "cannot remove the marker field", NULL);
			msg_cleanup(c);
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
	msg_cleanup(c);
	return rc;
}

static sfsistat
cb_abort(SMFICTX *ctx)
{
	msg_cleanup(smfi_getpriv(ctx));
	return SMFIS_CONTINUE;
}

/* Close may be the only callback (priv NULL); it frees everything. */
static sfsistat
cb_close(SMFICTX *ctx)
{
	seal_conn *c = smfi_getpriv(ctx);

	if (c == NULL)
		return SMFIS_CONTINUE;
	msg_cleanup(c);
	c->store = seal_store_close(c->store);
	c->cfg = seal_config_unref(c->cfg);
	g_free(c->client_addr);
	g_free(c->client_name);
	g_free(c->helo);
	g_free(c->daemon_port);
	g_free(c->daemon_name);
	g_free(c);
	smfi_setpriv(ctx, NULL);
	return SMFIS_CONTINUE;
}

int
seal_callbacks_register(void)
{
	struct smfiDesc desc;

	memset(&desc, 0, sizeof(desc));
	desc.xxfi_name = "sealmilter";
	desc.xxfi_version = SMFI_VERSION;
	desc.xxfi_flags = SEAL_ACTIONS;
	desc.xxfi_connect = cb_connect;
	desc.xxfi_helo = cb_helo;
	desc.xxfi_envfrom = cb_envfrom;
	desc.xxfi_envrcpt = cb_envrcpt;
	desc.xxfi_header = cb_header;
	desc.xxfi_eoh = cb_eoh;
	desc.xxfi_body = cb_body;
	desc.xxfi_eom = cb_eom;
	desc.xxfi_abort = cb_abort;
	desc.xxfi_close = cb_close;
	desc.xxfi_negotiate = cb_negotiate;
	return smfi_register(desc);
}
