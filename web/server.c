/*
 * server.c - libmicrohttpd, routes and security headers (server.h).
 *
 * Each request is answered in one call once its body is in: the session
 * is looked up from its cookie (and checked against the officers file, so
 * a removed account or a changed role ends it), the proxy's header is
 * considered, the route's needs are checked, and the page runs. Pages
 * never see a request they are not allowed to answer.
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "app.h"
#include "auth.h"
#include "form.h"
#include "html.h"
#include "i18n.h"
#include "request.h"
#include "server.h"
#include "static.h"
#include "wlog.h"

#include "pages.h"

/* Largest form body: a reason is 500 bytes; nothing a console form sends is near this. */
#define WEB_BODY_MAX (16 * 1024)
#define WEB_THREADS 4
#define WEB_CONN_TIMEOUT 30
#define WEB_CONN_LIMIT 256

/* What a route needs before its page runs. */
typedef enum need {
	NEED_NOTHING = 0,         /* sign-in, static files */
	NEED_SESSION,             /* signed in, any role (and CSRF on POST) */
	NEED_DECIDE,              /* ... with the right to decide */
	NEED_ADMIN                /* ... admin */
} need;

static const struct route {
	const char *method;
	const char *path;
	void (*page)(web_req *req, web_resp *resp);
	need needs;
} routes[] = {
	{ "GET", "/login", page_login_form, NEED_NOTHING },
	{ "POST", "/login", page_login, NEED_NOTHING },
	{ "POST", "/logout", page_logout, NEED_SESSION },
	{ "GET", "/", page_home, NEED_SESSION },
	{ "GET", "/officers", page_officers, NEED_ADMIN },
	{ "GET", "/quarantine", page_quarantine, NEED_SESSION },
	{ "GET", "/quarantine/message", page_message, NEED_SESSION },
	{ "POST", "/quarantine/unmasked", page_unmasked, NEED_DECIDE },
	{ "POST", "/quarantine/decide", page_decide, NEED_DECIDE },
	/* The sender's request for release (the hold notice's link): no session. */
	{ "GET", "/request", page_request_form, NEED_NOTHING },
	{ "POST", "/request", page_request, NEED_NOTHING },
	/* the audit log, the overview and the monitoring counters */
	{ "GET", "/audit", page_audit_form, NEED_SESSION },
	{ "POST", "/audit", page_audit, NEED_SESSION },
	{ "GET", "/audit/verify", page_audit_verify, NEED_SESSION },
	{ "GET", "/overview", page_overview, NEED_SESSION },
	{ "GET", "/metrics", page_metrics, NEED_NOTHING },   /* checks its own: page_metrics.c */
};

struct web_server {
	struct MHD_Daemon *mhd;
	char *cert, *key;
};

/* The body of one request being received. */
typedef struct conn_ctx {
	GString *body;
	int too_large;
} conn_ctx;

static void
add_security_headers(struct MHD_Response *r, const web_app *app, int cacheable)
{
	MHD_add_response_header(r, "Content-Security-Policy", "default-src 'self'; "
	    "script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
	    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cache-Control", cacheable ? "max-age=3600" : "no-store");
	if (app->tls)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result
send_resp(struct MHD_Connection *conn, const web_app *app, web_resp *resp)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	if (resp->fixed != NULL)
		r = MHD_create_response_from_buffer(resp->fixed_len, (void *)resp->fixed,
		    MHD_RESPMEM_PERSISTENT);
	else
		r = MHD_create_response_from_buffer(resp->body->len, resp->body->str,
		    MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", resp->type);
	add_security_headers(r, app, resp->cacheable);
	if (resp->location != NULL)
		MHD_add_response_header(r, "Location", resp->location);
	if (resp->disposition != NULL)
		MHD_add_response_header(r, "Content-Disposition", resp->disposition);
	for (guint i = 0; i < resp->cookies->len; i++)
		MHD_add_response_header(r, "Set-Cookie", g_ptr_array_index(resp->cookies, i));
	ret = MHD_queue_response(conn, resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The client's numeric address into buf ("?" when unknown). */
static void
client_addr(struct MHD_Connection *conn, char *buf, size_t size)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci != NULL ? ci->client_addr : NULL;

	g_strlcpy(buf, "?", size);
	if (sa != NULL && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, (socklen_t)size);
	else if (sa != NULL && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf,
		    (socklen_t)size);
}

/* The session of the cookie, still matching an account with the same role. */
static void
find_session(web_req *req)
{
	const char *id = web_req_cookie(req, web_cookie_session_name(req->app));
	seal_officer_role role;
	int rc = web_session_lookup(req->app->sessions, id, req->now, &req->session);

	req->session_expired = rc < 0;
	if (rc <= 0)
		return;
	if (!web_app_officer(req->app, req->session.officer, &role, NULL)
	    || role != req->session.role) {
		web_log(LOG_NOTICE, "session of %s ended: the account was removed or changed",
		    req->session.officer);
		web_session_drop(req->app->sessions, req->session.id);
		req->session_expired = 1;
		return;
	}
	req->signed_in = 1;
}

/* Checks route's needs; 0 to go on, else resp holds the refusal. */
static int
refuse(const struct route *rt, web_req *req, web_resp *resp)
{
	static const web_right rights[] = { WEB_RIGHT_READ, WEB_RIGHT_READ, WEB_RIGHT_DECIDE,
		WEB_RIGHT_ADMIN };

	if (rt->needs == NEED_NOTHING)
		return 0;
	if (!req->signed_in) {
		if (strcmp(req->method, "POST") == 0)
			web_resp_error(resp, req, 403, "You are not signed in (or your session "
			    "has ended).");
		else
			web_resp_redirect(resp, req->session_expired ? "/login?expired=1" : "/login");
		return 1;
	}
	if (!web_auth_may(req->session.role, rights[rt->needs])) {
		web_resp_error(resp, req, 403, "Your role does not allow this.");
		return 1;
	}
	if (strcmp(req->method, "POST") == 0
	    && !web_token_equal(web_form_get(req->form, "csrf"), req->session.csrf)) {
		web_log(LOG_WARNING, "%s from %s: CSRF token missing or wrong on %s",
		    req->session.officer, req->addr, req->path);
		web_resp_error(resp, req, 403, "The form did not come from this console (its "
		    "token is missing or wrong). Reload the page and try again.");
		return 1;
	}
	return 0;
}

static void
dispatch(web_req *req, web_resp *resp, const conn_ctx *ctx)
{
	const struct route *rt = NULL;
	int path_known = 0, proxy;
	const char *type;

	req->lang = (int)web_lang_accept(web_req_header(req, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
	if (web_static_find(req->path, &type, &resp->fixed, &resp->fixed_len)) {
		resp->type = type;
		resp->cacheable = 1;
		return;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(routes); i++)
		if (strcmp(routes[i].path, req->path) == 0) {
			path_known = 1;
			if (strcmp(routes[i].method, req->method) == 0)
				rt = &routes[i];
		}
	if (rt == NULL) {
		web_resp_error(resp, req, path_known ? 405 : 404, path_known
		    ? "This page does not take that method." : "There is no such page.");
		return;
	}
	if (strcmp(req->method, "POST") == 0) {
		const char *ct = web_req_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);

		if (ctx->too_large) {
			web_resp_error(resp, req, 413, "The form is too large.");
			return;
		}
		if (ct == NULL || g_ascii_strncasecmp(ct, "application/x-www-form-urlencoded", 33)
		    != 0 || (req->form = web_form_parse(ctx->body->str, ctx->body->len,
		    WEB_FORM_FIELDS_MAX)) == NULL) {
			web_resp_error(resp, req, 400, "The form could not be read.");
			return;
		}
	}
	find_session(req);
	proxy = web_auth_proxy(req->app, req,
	    req->app->cfg->console_proxy_header != NULL && req->app->cfg->console_proxy_header[0]
	    ? web_req_header(req, req->app->cfg->console_proxy_header) : NULL);
	if (proxy < 0) {
		web_resp_error(resp, req, 403, "The sign-on proxy named no account of this "
		    "console.");
		return;
	}
	if (proxy == 1)
		web_resp_cookie(resp, req->app, web_cookie_session_name(req->app), req->session.id,
		    -1);
	if (req->signed_in) {
		/* The officer's own choice (sealctl officer lang) before the browser's. */
		char lang[4];

		web_app_officer_lang(req->app, req->session.officer, lang);
		if (web_lang_parse(lang) >= 0)
			req->lang = web_lang_parse(lang);
	}
	if (refuse(rt, req, resp) == 0)
		rt->page(req, resp);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
	const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	web_app *app = cls;
	conn_ctx *ctx = *con_cls;
	web_req req;
	web_resp resp;
	enum MHD_Result ret;

	(void)version;
	if (ctx == NULL) {
		ctx = g_new0(conn_ctx, 1);
		ctx->body = g_string_new(NULL);
		*con_cls = ctx;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (ctx->body->len + *upload_data_size > WEB_BODY_MAX)
			ctx->too_large = 1;
		else
			g_string_append_len(ctx->body, upload_data, (gssize)*upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	memset(&req, 0, sizeof(req));
	req.app = app;
	req.conn = conn;
	req.method = strcmp(method, "HEAD") == 0 ? "GET" : method;
	req.path = url;
	req.now = g_get_real_time() / G_USEC_PER_SEC;
	client_addr(conn, req.addr, sizeof(req.addr));
	web_resp_init(&resp);
	dispatch(&req, &resp, ctx);
	ret = send_resp(conn, app, &resp);
	web_resp_clear(&resp);
	if (req.form != NULL)
		g_hash_table_destroy(req.form);
	memset(&req.session, 0, sizeof(req.session));
	return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
	enum MHD_RequestTerminationCode toe)
{
	conn_ctx *ctx = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (ctx != NULL) {
		/* The body may hold a password. */
		memset(ctx->body->str, 0, ctx->body->len);
		g_string_free(ctx->body, TRUE);
		g_free(ctx);
		*con_cls = NULL;
	}
}

/* console_listen as a socket address; -1 when malformed. */
static int
listen_addr(const char *spec, struct sockaddr_storage *ss)
{
	const char *colon = strrchr(spec, ':');
	char host[64];
	size_t hlen;
	long port;

	if (colon == NULL)
		return -1;
	hlen = (size_t)(colon - spec);
	if (spec[0] == '[' && hlen >= 2) {
		spec++;
		hlen -= 2;
	}
	if (hlen >= sizeof(host))
		return -1;
	memcpy(host, spec, hlen);
	host[hlen] = '\0';
	port = strtol(colon + 1, NULL, 10);
	if (port < 1 || port > 65535)
		return -1;
	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, host, &((struct sockaddr_in *)ss)->sin_addr) == 1) {
		ss->ss_family = AF_INET;
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &((struct sockaddr_in6 *)ss)->sin6_addr) == 1) {
		ss->ss_family = AF_INET6;
		((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
		return 0;
	}
	return -1;
}

int
web_listen_is_loopback(const char *spec)
{
	struct sockaddr_storage ss;

	if (listen_addr(spec, &ss) != 0)
		return -1;
	if (ss.ss_family == AF_INET)
		return (ntohl(((struct sockaddr_in *)&ss)->sin_addr.s_addr) >> 24) == 127;
	return IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)&ss)->sin6_addr);
}

static char *
read_pem(const char *key, const char *path, seal_err *err)
{
	char *text = NULL;
	GError *ge = NULL;

	if (!g_file_get_contents(path, &text, NULL, &ge)) {
		seal_err_set(err, SEAL_ERR_CONFIG, "%s = %s: cannot read: %s", key, path,
		    ge->message);
		g_error_free(ge);
	}
	return text;
}

int
web_server_check(const seal_config *cfg, int *tls, seal_err *err)
{
	int have_cert = cfg->console_tls_cert != NULL && cfg->console_tls_cert[0] != '\0';
	int have_key = cfg->console_tls_key != NULL && cfg->console_tls_key[0] != '\0';
	int loop = web_listen_is_loopback(cfg->console_listen);

	*tls = have_cert && have_key;
	if (have_cert != have_key) {
		seal_err_set(err, SEAL_ERR_CONFIG, "console_tls_cert and console_tls_key go "
		    "together: set both for HTTPS, or neither");
		return -1;
	}
	if (loop < 0) {
		seal_err_set(err, SEAL_ERR_CONFIG, "console_listen = %s is not ADDRESS:PORT",
		    cfg->console_listen);
		return -1;
	}
	if (!loop && !*tls) {
		seal_err_set(err, SEAL_ERR_CONFIG, "console_listen = %s is not a loopback "
		    "address: sealweb serves other addresses only over HTTPS (set "
		    "console_tls_cert and console_tls_key), since passwords and personal data "
		    "would cross the network in clear", cfg->console_listen);
		return -1;
	}
	return 0;
}

web_server *
web_server_start(web_app *app, seal_err *err)
{
	const seal_config *cfg = app->cfg;
	struct sockaddr_storage ss;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	web_server *srv;
	int tls;

	if (web_server_check(cfg, &tls, err) != 0 || listen_addr(cfg->console_listen, &ss) != 0)
		return NULL;
	app->tls = tls;
	srv = g_new0(web_server, 1);
	if (tls) {
		srv->cert = read_pem("console_tls_cert", cfg->console_tls_cert, err);
		srv->key = srv->cert != NULL ? read_pem("console_tls_key", cfg->console_tls_key, err)
		    : NULL;
		if (srv->key == NULL)
			return web_server_stop(srv);
		flags |= MHD_USE_TLS;
	}
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	srv->mhd = MHD_start_daemon(flags, 0, NULL, NULL, on_request, app,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)WEB_THREADS,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)WEB_CONN_TIMEOUT,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONN_LIMIT,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, srv->cert,
	    MHD_OPTION_HTTPS_MEM_KEY, srv->key,
	    MHD_OPTION_HTTPS_PRIORITIES, "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2",
	    MHD_OPTION_END);
	if (srv->mhd == NULL) {
		seal_err_set(err, SEAL_ERR_IO, "cannot listen on %s%s (address in use, or the "
		    "certificate and key do not fit)", cfg->console_listen, tls ? " with TLS" : "");
		return web_server_stop(srv);
	}
	return srv;
}

web_server *
web_server_stop(web_server *srv)
{
	if (srv == NULL)
		return NULL;
	if (srv->mhd != NULL)
		MHD_stop_daemon(srv->mhd);
	if (srv->key != NULL) {
		memset(srv->key, 0, strlen(srv->key));
		g_free(srv->key);
	}
	g_free(srv->cert);
	g_free(srv);
	return NULL;
}
