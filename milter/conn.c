/*
 * conn.c - a connection's and a message's state (conn.h): created on first
 * use, cleaned up in one place.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include <glib.h>
#include <libmilter/mfapi.h>

#include "daemon.h"

#include "conn.h"

seal_conn *
seal_conn_get(SMFICTX *ctx)
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

void
seal_msg_cleanup(seal_conn *c)
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

seal_log_ctx
seal_conn_log_ctx(const seal_conn *c)
{
	seal_log_ctx lc = { c != NULL && c->msg != NULL ? c->msg->queue_id : NULL };

	return lc;
}

void
seal_msg_update_qid(SMFICTX *ctx, seal_msg *m)
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

char *
seal_conn_macro_addr(const char *value)
{
	struct in6_addr a6;
	struct in_addr a4;
	char buf[INET6_ADDRSTRLEN];

	if (value == NULL)
		return NULL;
	if (g_ascii_strncasecmp(value, "IPv6:", 5) == 0)
		value += 5;
	/* Written back in inet_ntop's form, as the CONNECT step's address is. */
	if (inet_pton(AF_INET, value, &a4) == 1)
		return g_strdup(inet_ntop(AF_INET, &a4, buf, sizeof(buf)));
	if (inet_pton(AF_INET6, value, &a6) == 1)
		return g_strdup(inet_ntop(AF_INET6, &a6, buf, sizeof(buf)));
	return NULL;
}
