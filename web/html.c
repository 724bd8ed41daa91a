/*
 * html.c - escaping, page frame, responses (html.h).
 */
#include <string.h>
#include <time.h>

#include "detect.h"
#include "scan.h"

#include "html.h"
#include "i18n.h"

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
	g_string_append_printf(b, "<header><nav><a href=\"/\">sealweb</a>"
	    " <a href=\"/quarantine\">%s</a> <a href=\"/audit\">%s</a> <a href=\"/overview\">%s</a>",
	    web_t(req, "Held messages"), web_t(req, "Audit log"), web_t(req, "Overview"));
	if (req->session.role == SEAL_ROLE_ADMIN)
		g_string_append_printf(b, " <a href=\"/officers\">%s</a>", web_t(req, "Officers"));
	g_string_append(b, "</nav><form class=\"signout\" method=\"post\" action=\"/logout\">"
	    "<span class=\"who\">");
	web_html_escape(b, req->session.officer);
	g_string_append_printf(b, " (%s)</span> ", web_t(req,
	    seal_officer_role_name(req->session.role)));
	web_form_csrf(b, req);
	g_string_append_printf(b, "<button type=\"submit\">%s</button></form></header>\n",
	    web_t(req, "Sign out"));
}

void
web_page_begin(web_resp *resp, const web_req *req, const char *title)
{
	GString *b = resp->body;

	g_string_append_printf(b, "<!doctype html>\n<html lang=\"%s\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	    "<title>", web_lang_tag(req != NULL ? (web_lang)req->lang : WEB_LANG_EN));
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
		{ 400, N_("Bad request") }, { 403, N_("Forbidden") }, { 404, N_("Not found") },
		{ 405, N_("Method not allowed") }, { 409, N_("Conflict") }, { 410, N_("Gone") },
		{ 413, N_("Request too large") },
		{ 429, N_("Too many attempts") }, { 500, N_("Internal error") },
		{ 503, N_("Service unavailable") },
	};
	const char *title = N_("Error");

	for (size_t i = 0; i < G_N_ELEMENTS(titles); i++)
		if (titles[i].code == status)
			title = titles[i].title;
	g_string_truncate(resp->body, 0);
	resp->status = status;
	resp->type = "text/html; charset=utf-8";
	web_page_begin(resp, req, web_t(req, title));
	g_string_append(resp->body, "<p class=\"error\">");
	/* Callers give the English; a text translated already is no key and stays as it is. */
	web_html_escape(resp->body, web_t(req, message));
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

void
web_html_masked_lines(GString *out, const char *text)
{
	char **lines = g_strsplit(text != NULL ? text : "", "\n", -1);

	for (guint i = 0; lines[i] != NULL; i++) {
		if (i > 0)
			g_string_append(out, "<br>");
		web_html_masked(out, lines[i]);
	}
	g_strfreev(lines);
}
