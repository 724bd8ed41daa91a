/*
 * auth.h - who is asking: sign-in by password (rate limited per address
 * and per account), sign-in by a trusted reverse proxy's header, sign-out,
 * and what each role may do. Every sign-in, failed sign-in, refused
 * (rate-limited) sign-in and sign-out is an audit record; a sign-in whose
 * record cannot be written does not happen (fail closed).
 */
#ifndef SEAL_WEB_AUTH_H
#define SEAL_WEB_AUTH_H

#include "web.h"

typedef enum web_login_result {
	WEB_LOGIN_OK = 0,
	WEB_LOGIN_BAD,            /* no such account, locked, or wrong password */
	WEB_LOGIN_LIMITED,        /* too many failures from this address or for this account */
	WEB_LOGIN_ERROR           /* no session or no audit record could be made */
} web_login_result;

/* Signs name in with password from addr; on WEB_LOGIN_OK *out is the new session. */
web_login_result web_auth_password(web_app *app, const char *name, const char *password,
	const char *addr, int64_t now, web_session *out);

/*
 * The reverse proxy's header (console_proxy_header), believed only from
 * console_proxy_addresses: 0 when it does not apply (not configured, not
 * from the proxy, no header: ignored); 1 when req now has a new session
 * for the officer it names (the caller sets the cookie); 2 when req's
 * session is that officer's already; -1 when the name is no account or
 * no session could be made (the caller answers 403).
 */
int web_auth_proxy(web_app *app, web_req *req, const char *header_value);

/* Ends req's session and records it; -1 when the record failed (the session ends anyway). */
int web_auth_logout(web_app *app, const web_req *req);

typedef enum web_right {
	WEB_RIGHT_READ = 0,       /* every role: lists, messages, audit search */
	WEB_RIGHT_DECIDE,         /* officer and admin: release, refuse, delete */
	WEB_RIGHT_ADMIN           /* admin: accounts */
} web_right;

/* 1 when role has right. */
int web_auth_may(seal_officer_role role, web_right right);

/* 1 when addr (numeric) is one of console_proxy_addresses (IPv4-mapped IPv6 too). */
int web_auth_is_proxy(const seal_config *cfg, const char *addr);

/*
 * 1 when addr (numeric) may read /metrics without a session: it is one of
 * metrics_allow's addresses or inside one of its networks (ADDRESS/BITS).
 */
int web_auth_metrics_allowed(const seal_config *cfg, const char *addr);

#endif
