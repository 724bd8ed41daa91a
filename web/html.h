/*
 * html.h - building the console's answers: HTML escaping, the page frame
 * (head, navigation, sign-out form), forms' CSRF field, redirects, error
 * pages and cookies.
 *
 * Everything shown that did not come from this program goes through
 * web_html_escape (names, reasons, addresses): the pages carry no inline
 * script and the CSP forbids it, so a missed escape is markup, not code,
 * but it must not happen either.
 */
#ifndef SEAL_WEB_HTML_H
#define SEAL_WEB_HTML_H

#include "web.h"

void web_resp_init(web_resp *resp);
void web_resp_clear(web_resp *resp);

/* text (UTF-8; invalid bytes repaired) with & < > " ' escaped, appended to out. */
void web_html_escape(GString *out, const char *text);

/* <!doctype ...> to the opening of <main>, with the navigation when signed in. */
void web_page_begin(web_resp *resp, const web_req *req, const char *title);
/* </main> to </html>. */
void web_page_end(web_resp *resp);

/* The hidden CSRF field of the request's session. */
void web_form_csrf(GString *out, const web_req *req);

/* 303 See Other to location (a path of this console). */
void web_resp_redirect(web_resp *resp, const char *location);

/* A short page with status and message (plain text, escaped). */
void web_resp_error(web_resp *resp, const web_req *req, unsigned status, const char *message);

/*
 * Set-Cookie name=value; Path=/; HttpOnly; SameSite=Strict; Secure over
 * TLS; Max-Age max_age (0: delete it; -1: a session cookie).
 */
void web_resp_cookie(web_resp *resp, const web_app *app, const char *name, const char *value,
	int max_age);

/* Local time "YYYY-MM-DD HH:MM" appended to out. */
void web_html_time(GString *out, int64_t t);

/* text with identity numbers masked (seal_mask_text_all), then escaped, appended to out. */
void web_html_masked(GString *out, const char *text);

/* text masked and escaped line by line, lines joined by <br>, appended to out. */
void web_html_masked_lines(GString *out, const char *text);

/* value URL-encoded for a query string, appended to out. */
void web_url_escape(GString *out, const char *value);

#endif
