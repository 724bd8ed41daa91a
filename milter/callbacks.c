/*
 * callbacks.c - the milter callbacks (callbacks.h).
 *
 * The callbacks only collect: client and HELO per connection; sender, SMTP
 * AUTH user, SPF result, recipients and the message bytes (spooled) per
 * message. All decisions come from seal_scan() at end of message
 * (eom.c). One cleanup (seal_msg_cleanup, conn.c) ends every message:
 * after eom, in abort and in close. Failing to record something poisons the message, which then
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
#include "marker.h"
#include "spf.h"
#include "spool.h"

#include "callbacks.h"
#include "conn.h"
#include "eom.h"
#include "log.h"
#include "rcpts.h"

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
 *
 * MAIL and RCPT need no reply either: nothing is decided before the end
 * of message, and a RCPT we cannot record poisons the message, which then
 * tempfails at end of message (fail closed, one answer later). Each reply
 * saved is a write here and a read and a wait in Postfix's smtpd.
 */
#define SEAL_NOREPLY_STEPS (SMFIP_NR_CONN | SMFIP_NR_HELO | SMFIP_NR_DATA | \
	SMFIP_NR_UNKN | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY | \
	SMFIP_NR_MAIL | SMFIP_NR_RCPT)

/* Set once by main before smfi_main: whether the listening socket is TCP. */
static int listen_inet;

/*
 * Set (for good) when an MTA that was asked for the client macros at MAIL
 * did not send them: later sessions take the CONNECT step again.
 */
static gint client_macros_missing;

void
seal_callbacks_set_inet(int inet)
{
	listen_inet = inet;
}

/* What a step we never act on answers: nothing where that was negotiated. */
static sfsistat
step_done(const seal_conn *c)
{
	return c->noreply ? SMFIS_NOREPLY : SMFIS_CONTINUE;
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
		lc = seal_conn_log_ctx(c);
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
	c = seal_conn_get(ctx);
	c->noreply = !listen_inet;
	if (c->noreply)
		*pf1 |= SEAL_NOREPLY_STEPS;
	/*
	 * The HELO name is read only for SPF: without SPF the step is not
	 * sent at all (one exchange less per session; unix sockets only, see
	 * above for TCP).
	 */
	if (c->noreply && !c->cfg->spf_check)
		*pf1 |= f1 & SMFIP_NOHELO;
	/* The end of the header is the first body chunk or the end of message. */
	if (c->noreply)
		*pf1 |= f1 & SMFIP_NOEOH;
	/*
	 * The client's address and name and the listener's port come as
	 * macros with MAIL instead of a CONNECT step (unix sockets only, see
	 * above; only where we can ask for macros, and not after an MTA left
	 * them out). The step costs a callback, and its arguments a parse.
	 */
	c->client_from_macros = c->noreply && (f0 & SMFIF_SETSYMLIST) != 0 &&
	    (f1 & SMFIP_NOCONNECT) != 0 && !g_atomic_int_get(&client_macros_missing);
	if (c->client_from_macros)
		*pf1 |= SMFIP_NOCONNECT;
	c->leadspc = (f1 & SMFIP_HDR_LEADSPC) != 0;
	if ((f0 & SMFIF_SETSYMLIST) != 0) {
		/*
		 * Ask for exactly the macros we read (MILTER_README:
		 * milter_*_macros). Postfix still sends the CONNECT macros of a
		 * skipped step, and its own default list for a stage we leave
		 * empty: one short macro keeps that packet small.
		 */
		if (c->client_from_macros) {
			(void)smfi_setsymlist(ctx, SMFIM_CONNECT, "{daemon_port}");
			(void)smfi_setsymlist(ctx, SMFIM_ENVFROM, "{auth_authen} {auth_type} "
			    "{client_addr} {client_name} {daemon_name} {daemon_port}");
		} else {
			(void)smfi_setsymlist(ctx, SMFIM_CONNECT, "{daemon_name} {daemon_port}");
			(void)smfi_setsymlist(ctx, SMFIM_ENVFROM, "{auth_authen} {auth_type}");
		}
		(void)smfi_setsymlist(ctx, SMFIM_ENVRCPT, "{rcpt_addr} {rcpt_mailer}");
		(void)smfi_setsymlist(ctx, SMFIM_EOH, "{i}");
		(void)smfi_setsymlist(ctx, SMFIM_EOM, "{i}");
	}
	return SMFIS_CONTINUE;
}

/*
 * The client as the MAIL macros give it, once per connection (they do not
 * change between its messages). {client_addr} missing: the MTA does not
 * honour the macro list; the message goes on without a client address
 * (logged "unknown"; it is only used for the log, SPF and recognising the
 * reinjection listener, which then does not recognise it: fail closed),
 * and later sessions take the CONNECT step.
 */
static void
client_from_macros(SMFICTX *ctx, seal_conn *c)
{
	const char *addr;

	if (!c->client_from_macros || c->client_seen)
		return;
	c->client_seen = 1;
	addr = smfi_getsymval(ctx, "{client_addr}");
	if (addr == NULL) {
		c->client_unknown = 1;
		if (!g_atomic_int_get(&client_macros_missing)) {
			g_atomic_int_set(&client_macros_missing, 1);
			seal_log(NULL, SEAL_LOG_WARNING, "the MTA did not send {client_addr} "
			    "with MAIL: taking the client from the CONNECT step from now on");
		}
		return;
	}
	g_free(c->client_addr);
	c->client_addr = seal_conn_macro_addr(addr);
	g_free(c->client_name);
	c->client_name = symval_dup(ctx, "{client_name}");
	g_free(c->daemon_name);
	c->daemon_name = symval_dup(ctx, "{daemon_name}");
	g_free(c->daemon_port);
	c->daemon_port = symval_dup(ctx, "{daemon_port}");
}

static sfsistat
cb_connect(SMFICTX *ctx, char *hostname, _SOCK_ADDR *hostaddr)
{
	seal_conn *c = seal_conn_get(ctx);
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
	seal_conn *c = seal_conn_get(ctx);

	g_free(c->helo);
	c->helo = g_strdup(helohost);
	return step_done(c);
}

static sfsistat
cb_envfrom(SMFICTX *ctx, char **argv)
{
	seal_conn *c = seal_conn_get(ctx);
	seal_msg *m;

	/* A connection carries several messages: start clean. */
	seal_msg_cleanup(c);
	m = g_new0(seal_msg, 1);
	c->msg = m;
	seal_rcpts_init(&m->r);
	m->markers = g_ptr_array_new_with_free_func(g_free);
	m->sender = seal_rcpts_strip(argv != NULL ? argv[0] : NULL);
	m->auth_user = symval_dup(ctx, "{auth_authen}");
	m->auth_type = symval_dup(ctx, "{auth_type}");
	m->spool = seal_spool_new(c->cfg->spool_dir, (size_t)c->cfg->spool_threshold);
	seal_msg_update_qid(ctx, m);
	client_from_macros(ctx, c);
	m->spf = SEAL_SPF_SKIPPED;
	/* Only an unauthenticated claim needs SPF; the result is recorded, not used yet. */
	if (m->auth_user == NULL && c->cfg->spf_check && c->client_addr != NULL)
		m->spf = seal_spf_check(c->client_addr, c->helo != NULL ? c->helo : "",
		    m->sender, c->cfg->spf_timeout);
	return step_done(c);
}

static sfsistat
cb_envrcpt(SMFICTX *ctx, char **argv)
{
	seal_conn *c = seal_conn_get(ctx);

	if (c->msg == NULL || argv == NULL || argv[0] == NULL) {
		seal_log(NULL, SEAL_LOG_ERROR, "RCPT without a transaction or address: "
		    "tempfailing it");
		/* Without a reply to give, the message tempfails at its end. */
		if (c->msg != NULL)
			c->msg->poisoned = 1;
		return c->noreply ? SMFIS_NOREPLY : SMFIS_TEMPFAIL;
	}
	seal_rcpts_add(&c->msg->r, argv[0], smfi_getsymval(ctx, "{rcpt_addr}"),
	    smfi_getsymval(ctx, "{rcpt_mailer}"));
	seal_msg_update_qid(ctx, c->msg);
	return step_done(c);
}

/* "Name:" + value + CRLF; folded values come with bare LF, made CRLF here. */
static sfsistat
cb_header(SMFICTX *ctx, char *name, char *value)
{
	seal_conn *c = seal_conn_get(ctx);
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

/* The blank line between header and body, stored once. */
static void
end_headers(seal_conn *c)
{
	if (c->msg == NULL || c->msg->headers_ended)
		return;
	c->msg->headers_ended = 1;
	msg_append(c, "\r\n", 2);
}

static sfsistat
cb_eoh(SMFICTX *ctx)
{
	seal_conn *c = seal_conn_get(ctx);

	seal_msg_update_qid(ctx, c->msg);
	end_headers(c);
	return step_done(c);
}

static sfsistat
cb_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	seal_conn *c = seal_conn_get(ctx);

	end_headers(c);
	msg_append(c, chunk, len);
	return step_done(c);
}

/* Without the EOH step (negotiated away), a message without body ends its header here. */
static sfsistat
cb_eom(SMFICTX *ctx)
{
	end_headers(seal_conn_get(ctx));
	return seal_eom(ctx);
}

static sfsistat
cb_abort(SMFICTX *ctx)
{
	seal_msg_cleanup(smfi_getpriv(ctx));
	return SMFIS_CONTINUE;
}

/* Close may be the only callback (priv NULL); it frees everything. */
static sfsistat
cb_close(SMFICTX *ctx)
{
	seal_conn *c = smfi_getpriv(ctx);

	if (c == NULL)
		return SMFIS_CONTINUE;
	seal_msg_cleanup(c);
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
