/*
 * page_login.c - signing in and out.
 *
 * The sign-in form has no session to carry a CSRF token, so it carries the
 * token of a short-lived cookie (double submit): a form posted from
 * another site has neither (SameSite=Strict keeps the cookie home). A
 * wrong password, an unknown account and a locked one get the same answer.
 */
#include <string.h>

#include "auth.h"
#include "csrf.h"
#include "form.h"
#include "html.h"
#include "i18n.h"
#include "request.h"

#include "pages.h"

/* Seconds the sign-in form stays valid. */
#define LOGIN_FORM_LIFETIME 600

static void
form(web_req *req, web_resp *resp, unsigned status, const char *message, const char *kind)
{
	char token[WEB_TOKEN_LEN + 1];
	const char *name = web_form_get(req->form, "name");

	if (web_token_new(token) != 0) {
		web_resp_error(resp, req, 503, web_t(req, "No randomness for the sign-in form; "
		    "try again."));
		return;
	}
	web_resp_cookie(resp, req->app, web_cookie_login_name(req->app), token,
	    LOGIN_FORM_LIFETIME);
	resp->status = status;
	web_page_begin(resp, req, web_t(req, "Sign in"));
	if (message != NULL) {
		g_string_append_printf(resp->body, "<p class=\"%s\">", kind);
		web_html_escape(resp->body, message);
		g_string_append(resp->body, "</p>\n");
	}
	g_string_append_printf(resp->body, "<form method=\"post\" action=\"/login\">"
	    "<label for=\"name\">%s</label><input type=\"text\" id=\"name\" name=\"name\" "
	    "autocomplete=\"username\" required value=\"", web_t(req, "Name"));
	web_html_escape(resp->body, name != NULL && seal_officer_name_valid(name) ? name : "");
	g_string_append_printf(resp->body, "\"><label for=\"password\">%s</label>"
	    "<input type=\"password\" id=\"password\" name=\"password\" "
	    "autocomplete=\"current-password\" required>"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<button type=\"submit\">%s</button></form>\n", web_t(req, "Password"), token,
	    web_t(req, "Sign in"));
	web_page_end(resp);
}

void
page_login_form(web_req *req, web_resp *resp)
{
	if (req->signed_in) {
		web_resp_redirect(resp, "/");
		return;
	}
	if (req->session_expired || web_req_query(req, "expired") != NULL)
		form(req, resp, 200, web_t(req, "Your session has ended. Sign in again."), "notice");
	else
		form(req, resp, 200, NULL, NULL);
}

void
page_login(web_req *req, web_resp *resp)
{
	const char *cookie = web_req_cookie(req, web_cookie_login_name(req->app));
	const char *name = web_form_get(req->form, "name");
	const char *password = web_form_get(req->form, "password");
	web_session s;

	if (!web_token_equal(cookie, web_form_get(req->form, "csrf"))) {
		form(req, resp, 403, web_t(req, "The sign-in form expired or did not come from "
		    "this console. Sign in again."), "error");
		return;
	}
	if (name == NULL || password == NULL || name[0] == '\0' || password[0] == '\0') {
		form(req, resp, 400, web_t(req, "Give your name and password."), "error");
		return;
	}
	switch (web_auth_password(req->app, name, password, req->addr, req->now, &s)) {
	case WEB_LOGIN_OK:
		web_resp_cookie(resp, req->app, web_cookie_session_name(req->app), s.id, -1);
		web_resp_cookie(resp, req->app, web_cookie_login_name(req->app), "", 0);
		web_resp_redirect(resp, "/");
		memset(&s, 0, sizeof(s));
		break;
	case WEB_LOGIN_BAD:
		form(req, resp, 401, web_t(req, "Wrong name or password."), "error");
		break;
	case WEB_LOGIN_LIMITED:
		form(req, resp, 429, web_t(req, "Too many failed sign-ins from this address or "
		    "for this account. Wait a while and try again."), "error");
		break;
	case WEB_LOGIN_ERROR:
		web_resp_error(resp, req, 503, web_t(req, "Signing in is not possible right "
		    "now (the audit log cannot be written). Try again later or tell the "
		    "administrator."));
		break;
	}
}

void
page_logout(web_req *req, web_resp *resp)
{
	web_auth_logout(req->app, req);
	req->signed_in = 0;
	web_resp_cookie(resp, req->app, web_cookie_session_name(req->app), "", 0);
	web_resp_redirect(resp, "/login");
}
