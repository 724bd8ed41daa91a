/*
 * web.h - what the parts of sealweb share: the application (configuration,
 * sessions, sign-in counters, officers, the store per thread), one request
 * and one response.
 *
 * Files, lowest first (none calls a file after it):
 *   form.c csrf.c session.c ratelimit.c wlog.c static.c   no knowledge of HTTP
 *   msgview.c   a held message as the message page shows it (GMime, masked)
 *   request.c   a request's headers, query and cookies (over MHD)
 *   html.c      escaping, the page frame, responses
 *   app.c       the application: officers file (re-read when changed), the
 *               store of each request thread, audit records
 *   auth.c      sign-in by password and by the proxy's header, rate limits
 *   svg.c       the overview's charts, drawn as SVG
 *   page_*.c    one feature each (page_quarantine.c the list, page_message.c
 *               one message and its unmasked view, page_decide.c the
 *               decisions, through src/store/held_decide.c as sealctl;
 *               page_audit.c the audit search and chain check, through
 *               src/store/audit_export.c as sealctl; page_overview.c and
 *               page_metrics.c the counts the store groups)
 *   server.c    libmicrohttpd: listening, routing, security headers
 *   main.c      options, configuration, signals
 *
 * Threads: libmicrohttpd runs a small pool of threads, each answering
 * requests to the end; everything shared (sessions, counters, officers)
 * has its own lock, and each thread opens its own store.
 */
#ifndef SEAL_WEB_H
#define SEAL_WEB_H

#include <stdint.h>
#include <sys/types.h>

#include <glib.h>

#include "config.h"
#include "officers.h"
#include "store.h"

#include "ratelimit.h"
#include "session.h"

/* The session cookie; "__Host-" (Secure, Path=/, no Domain) when served over TLS. */
#define WEB_COOKIE_SESSION "sealweb_session"
#define WEB_COOKIE_SESSION_TLS "__Host-sealweb_session"
/* The sign-in form's double-submit cookie. */
#define WEB_COOKIE_LOGIN "sealweb_login"
#define WEB_COOKIE_LOGIN_TLS "__Host-sealweb_login"
/* The release-request form's double-submit cookie (page_request.c). */
#define WEB_COOKIE_REQUEST "sealweb_request"
#define WEB_COOKIE_REQUEST_TLS "__Host-sealweb_request"

typedef struct web_app {
	seal_config *cfg;
	int tls;                  /* served over HTTPS: Secure cookies, HSTS */
	char relay[256];          /* this host's name, for audit records */
	web_sessions *sessions;
	web_ratelimit *logins;
	web_ratelimit *requests;  /* the senders' release-request page, per address */

	GMutex officers_lock;     /* guards the three below */
	seal_officers *officers;
	int64_t officers_mtime_ns;
	ino_t officers_ino;
} web_app;

struct MHD_Connection;

typedef struct web_req {
	web_app *app;
	struct MHD_Connection *conn;
	const char *method;       /* "GET", "POST", ... */
	const char *path;         /* without the query */
	char addr[64];            /* the client's numeric address */
	GHashTable *form;         /* a POST's fields (form.h), or NULL */
	int signed_in;            /* session below is valid */
	web_session session;
	int session_expired;      /* a session cookie named a session that timed out */
	int64_t now;
	int lang;                 /* web_lang (i18n.h): the officer's choice, else the
	                           * browser's Accept-Language */
} web_req;

typedef struct web_resp {
	unsigned status;
	const char *type;         /* Content-Type */
	GString *body;
	const char *fixed;        /* a static body instead of body (not freed) */
	size_t fixed_len;
	char *location;           /* Location of a redirect */
	GPtrArray *cookies;       /* Set-Cookie values (char *) */
	int cacheable;            /* static files: may be cached; pages: no-store */
	const char *disposition;  /* Content-Disposition (a download), or NULL; not freed */
} web_resp;

#endif
