/*
 * html.c - escaping, page frame, responses (html.h).
 */
#include <string.h>
#include <time.h>

#include "detect.h"
#include "scan.h"

#include "html.h"

void
web_resp_init(web_resp *resp)
{
	memset(resp, 0, sizeof(*resp));
	resp->status = 200;
	resp->type = "text/html; charset=utf-8";
	resp->body = g_string_new(NULL);
	resp->cookies = g_ptr_array_new_with_free_func(g_free);
}

void
web_resp_clear(web_resp *resp)
{
	/* Pages may hold personal data: wiped before the memory is reused. */
	memset(resp->body->str, 0, resp->body->len);
	g_string_free(resp->body, TRUE);
	g_free(resp->location);
	g_ptr_array_free(resp->cookies, TRUE);
	memset(resp, 0, sizeof(*resp));
}

void
web_html_escape(GString *out, const char *text)
{
	char *valid = g_utf8_make_valid(text != NULL ? text : "", -1);

	for (const char *p = valid; *p != '\0'; p++) {
		switch (*p) {
		case '&': g_string_append(out, "&amp;"); break;
		case '<': g_string_append(out, "&lt;"); break;
		case '>': g_string_append(out, "&gt;"); break;
		case '"': g_string_append(out, "&quot;"); break;
		case '\'': g_string_append(out, "&#39;"); break;
		default: g_string_append_c(out, *p); break;
		}
	}
	g_free(valid);
}

void
web_form_csrf(GString *out, const web_req *req)
{
	g_string_append(out, "<input type=\"hidden\" name=\"csrf\" value=\"");
	if (req->signed_in)
		g_string_append(out, req->session.csrf);   /* hex digits only */
	g_string_append(out, "\">");
}

static void
nav(GString *b, const web_req *req)
{
	g_string_append(b, "<header><nav><a href=\"/\">sealweb</a>"
	    " <a href=\"/quarantine\">Held messages</a>"
	    " <a href=\"/audit\">Audit log</a> <a href=\"/overview\">Overview</a>");
	if (req->session.role == SEAL_ROLE_ADMIN)
		g_string_append(b, " <a href=\"/officers\">Officers</a>");
	g_string_append(b, "</nav><form class=\"signout\" method=\"post\" action=\"/logout\">"
	    "<span class=\"who\">");
	web_html_escape(b, req->session.officer);
	g_string_append_printf(b, " (%s)</span> ", seal_officer_role_name(req->session.role));
	web_form_csrf(b, req);
	g_string_append(b, "<button type=\"submit\">Sign out</button></form></header>\n");
}

void
web_page_begin(web_resp *resp, const web_req *req, const char *title)
{
	GString *b = resp->body;

	g_string_append(b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	    "<title>");
	web_html_escape(b, title);
	g_string_append(b, " - sealweb</title>"
	    "<link rel=\"stylesheet\" href=\"/static/sealweb.css\">"
	    "<script src=\"/static/sealweb.js\" defer></script></head><body>\n");
	if (req != NULL && req->signed_in)
		nav(b, req);
	g_string_append(b, "<main><h1>");
	web_html_escape(b, title);
	g_string_append(b, "</h1>\n");
}

void
web_page_end(web_resp *resp)
{
	g_string_append(resp->body, "</main></body></html>\n");
}

void
web_resp_redirect(web_resp *resp, const char *location)
{
	resp->status = 303;
	g_free(resp->location);
	resp->location = g_strdup(location);
	g_string_truncate(resp->body, 0);
}

void
web_resp_error(web_resp *resp, const web_req *req, unsigned status, const char *message)
{
	static const struct { unsigned code; const char *title; } titles[] = {
		{ 400, "Bad request" }, { 403, "Forbidden" }, { 404, "Not found" },
		{ 405, "Method not allowed" }, { 413, "Request too large" },
		{ 429, "Too many attempts" }, { 500, "Internal error" },
		{ 503, "Service unavailable" },
	};
	const char *title = "Error";

	for (size_t i = 0; i < G_N_ELEMENTS(titles); i++)
		if (titles[i].code == status)
			title = titles[i].title;
	g_string_truncate(resp->body, 0);
	resp->status = status;
	resp->type = "text/html; charset=utf-8";
	web_page_begin(resp, req, title);
	g_string_append(resp->body, "<p class=\"error\">");
	web_html_escape(resp->body, message);
	g_string_append(resp->body, "</p>\n");
	web_page_end(resp);
}

void
web_resp_cookie(web_resp *resp, const web_app *app, const char *name, const char *value,
	int max_age)
{
	GString *c = g_string_new(NULL);

	g_string_append_printf(c, "%s=%s; Path=/; HttpOnly; SameSite=Strict", name, value);
	if (app->tls)
		g_string_append(c, "; Secure");
	if (max_age >= 0)
		g_string_append_printf(c, "; Max-Age=%d", max_age);
	g_ptr_array_add(resp->cookies, g_string_free(c, FALSE));
}

void
web_html_time(GString *out, int64_t t)
{
	char buf[64];
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) != NULL && strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm) > 0)
		g_string_append(out, buf);
}

void
web_html_masked(GString *out, const char *text)
{
	char *valid = g_utf8_make_valid(text != NULL ? text : "", -1);
	seal_date today;
	char *masked;

	seal_date_today(&today);
	masked = seal_mask_text_all(valid, strlen(valid), &today);
	web_html_escape(out, masked);
	memset(valid, 0, strlen(valid));
	g_free(valid);
	g_free(masked);
}

void
web_url_escape(GString *out, const char *value)
{
	char *e = g_uri_escape_string(value != NULL ? value : "", NULL, FALSE);

	g_string_append(out, e);
	g_free(e);
}
