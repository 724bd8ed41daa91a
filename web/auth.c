/*
 * auth.c - sign-in, sign-out, roles (auth.h).
 */
#include <stdlib.h>
#include <string.h>

#include "netaddr.h"

#include "app.h"
#include "auth.h"
#include "wlog.h"

int
web_auth_may(seal_officer_role role, web_right right)
{
	switch (right) {
	case WEB_RIGHT_READ: return 1;
	case WEB_RIGHT_DECIDE: return role == SEAL_ROLE_OFFICER || role == SEAL_ROLE_ADMIN;
	case WEB_RIGHT_ADMIN: return role == SEAL_ROLE_ADMIN;
	}
	return 0;
}

int
web_auth_is_proxy(const seal_config *cfg, const char *addr)
{
	unsigned char a[16], b[16];

	if (cfg->console_proxy_addresses == NULL || seal_addr16(addr, a) != 0)
		return 0;
	for (char **p = cfg->console_proxy_addresses; *p != NULL; p++)
		if (seal_addr16(*p, b) == 0 && memcmp(a, b, 16) == 0)
			return 1;
	return 0;
}

int
web_auth_metrics_allowed(const seal_config *cfg, const char *addr)
{
	/* Parsed as the configuration check parsed them (netaddr.h). */
	return seal_net_list_match(cfg->metrics_allow, addr);
}

/* Writes the record; logs a failure (the caller decides what it means). */
static int
record(web_app *app, const char *action, const char *officer, const char *addr,
	const char *extra)
{
	seal_err err;

	seal_err_clear(&err);
	if (web_app_audit(app, action, officer, addr, extra, &err) == SEAL_OK)
		return 0;
	web_log(LOG_ERR, "audit record %s for %s from %s not written: %s", action,
	    officer[0] != '\0' ? officer : "(unknown account)", addr, err.msg);
	return -1;
}

web_login_result
web_auth_password(web_app *app, const char *name, const char *password, const char *addr,
	int64_t now, web_session *out)
{
	char *addr_key = g_strdup_printf("addr:%s", addr), *user_key, *hash = NULL;
	seal_officer_role role = SEAL_ROLE_AUDITOR;
	/* A name that is no account is never written down: it may be a mistyped password. */
	int known = seal_officer_name_valid(name) && web_app_officer(app, name, &role, &hash);
	const char *who = known ? name : "";
	web_login_result res;

	user_key = g_strdup_printf("user:%s", known ? name : "");
	if (web_ratelimit_blocked(app->logins, addr_key, now)
	    || (known && web_ratelimit_blocked(app->logins, user_key, now))) {
		record(app, "sign-in-refused", who, addr, "why=too-many-failures");
		web_log(LOG_WARNING, "sign-in refused for %s from %s: too many failures",
		    known ? name : "(unknown account)", addr);
		res = WEB_LOGIN_LIMITED;
	} else if (!seal_password_verify(password, hash)) {
		web_ratelimit_fail(app->logins, addr_key, now);
		if (known)
			web_ratelimit_fail(app->logins, user_key, now);
		record(app, "sign-in-failed", who, addr, known ? "why=password"
		    : "why=unknown-account");
		web_log(LOG_NOTICE, "sign-in failed for %s from %s",
		    known ? name : "(unknown account)", addr);
		res = WEB_LOGIN_BAD;
	} else if (web_session_create(app->sessions, name, role, 0, now, out) != 0) {
		web_log(LOG_ERR, "no session for %s: the session table is full", name);
		res = WEB_LOGIN_ERROR;
	} else if (record(app, "sign-in", name, addr, "via=password") != 0) {
		web_session_drop(app->sessions, out->id);
		res = WEB_LOGIN_ERROR;
	} else {
		web_ratelimit_clear(app->logins, user_key);
		web_log(LOG_INFO, "%s (%s) signed in from %s", name, seal_officer_role_name(role),
		    addr);
		res = WEB_LOGIN_OK;
	}
	if (hash != NULL) {
		memset(hash, 0, strlen(hash));
		g_free(hash);
	}
	g_free(addr_key);
	g_free(user_key);
	return res;
}

int
web_auth_proxy(web_app *app, web_req *req, const char *value)
{
	seal_officer_role role;
	web_session s;

	if (app->cfg->console_proxy_header == NULL || app->cfg->console_proxy_header[0] == '\0'
	    || value == NULL || !web_auth_is_proxy(app->cfg, req->addr))
		return 0;
	if (req->signed_in && strcmp(req->session.officer, value) == 0)
		return 2;
	if (req->signed_in) {
		/* The proxy now speaks for someone else: the old session ends. */
		web_session_drop(app->sessions, req->session.id);
		req->signed_in = 0;
	}
	if (!seal_officer_name_valid(value) || !web_app_officer(app, value, &role, NULL)) {
		record(app, "sign-in-failed", "", req->addr, "via=proxy why=unknown-account");
		web_log(LOG_NOTICE, "proxy at %s named an unknown account", req->addr);
		return -1;
	}
	if (web_session_create(app->sessions, value, role, 1, req->now, &s) != 0)
		return -1;
	if (record(app, "sign-in", value, req->addr, "via=proxy") != 0) {
		web_session_drop(app->sessions, s.id);
		return -1;
	}
	web_log(LOG_INFO, "%s (%s) signed in through the proxy at %s", value,
	    seal_officer_role_name(role), req->addr);
	req->session = s;
	req->signed_in = 1;
	return 1;
}

int
web_auth_logout(web_app *app, const web_req *req)
{
	web_session_drop(app->sessions, req->session.id);
	web_log(LOG_INFO, "%s signed out from %s", req->session.officer, req->addr);
	return record(app, "sign-out", req->session.officer, req->addr, "");
}
