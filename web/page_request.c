/*
 * page_request.c - the sender's request for release, reached from the
 * link in the hold notice (console_url/request?t=TOKEN, reqtoken.h):
 *
 *   GET  /request?t=TOKEN   when and to how many recipients the message
 *        was sent, that it is held, and a form for the sender's reason;
 *        nothing of the message itself (no subject, no address, no text:
 *        whoever holds the link learns nothing from it);
 *   POST /request           (t, csrf, text) writes the audit record
 *        "release-requested" naming the held ID and nothing else, then
 *        stores the reason with the held message, once (store.h). The
 *        record comes first so that no stored request lacks one: the store
 *        has no transaction over both (its audit chain is appended alone).
 *
 * No session: the token is the right, for that message alone, until the
 * hold expires. The form carries the token of a short-lived cookie
 * (double submit, as the sign-in form). Bad and expired tokens and every
 * POST count against the client's address, like failed sign-ins. Answers:
 * 403 for a bad or tampered token, 410 for an expired one or a message no
 * longer held, 409 when the message has a request already, 429 when the
 * address made too many attempts.
 */
#include <string.h>

#include "reqtoken.h"
#include "scan.h"

#include "app.h"
#include "csrf.h"
#include "form.h"
#include "html.h"
#include "i18n.h"
#include "request.h"
#include "wlog.h"

#include "pages.h"

/* Characters of the sender's reason at most. */
#define REQUEST_TEXT_MAX 1000
/* Seconds the form stays valid. */
#define REQUEST_FORM_LIFETIME 3600

/* What the token and the store say about the request, before any answer. */
typedef struct ask {
	char id[40];
	int64_t expires;
	int64_t held_time;
	unsigned rcpts;
	char *addr_key;
} ask;

/* Checks the token and the message; 0 to go on, else resp holds the refusal. */
static int
check(web_req *req, web_resp *resp, const char *token, ask *a)
{
	web_app *app = req->app;
	seal_held *h = NULL;
	seal_store *s;
	char *text = NULL;
	int64_t when;
	seal_err err;

	a->addr_key = g_strdup_printf("addr:%s", req->addr);
	if (app->cfg->fp_key == NULL) {
		web_resp_error(resp, req, 404, web_t(req, "There is no such page."));
		return -1;
	}
	if (web_ratelimit_blocked(app->requests, a->addr_key, req->now)) {
		web_log(LOG_WARNING, "release request from %s refused: too many attempts",
		    req->addr);
		web_resp_error(resp, req, 429, web_t(req, "Too many attempts from this address. "
		    "Wait a while and try again."));
		return -1;
	}
	switch (seal_reqtoken_verify(app->cfg->fp_key, token, req->now, a->id, &a->expires)) {
	case SEAL_REQTOKEN_OK:
		break;
	case SEAL_REQTOKEN_EXPIRED:
		web_ratelimit_fail(app->requests, a->addr_key, req->now);
		web_resp_error(resp, req, 410, web_t(req, "This link has expired: the message is "
		    "no longer kept for review."));
		return -1;
	default:
		web_ratelimit_fail(app->requests, a->addr_key, req->now);
		web_log(LOG_NOTICE, "release request from %s: the link is not valid", req->addr);
		web_resp_error(resp, req, 403, web_t(req, "This link is not valid. Use the link in "
		    "the notice exactly as it came."));
		return -1;
	}
	seal_err_clear(&err);
	if ((s = web_app_store(app, &err)) == NULL
	    || seal_store_held_get(s, a->id, &h, NULL, &err) != SEAL_OK) {
		if (s != NULL && err.code == SEAL_ERR_USAGE) {
			web_resp_error(resp, req, 410, web_t(req, "The message is no longer held."));
		} else {
			web_app_store_failed(app, &err);
			web_resp_error(resp, req, 503, web_t(req, "The service does not answer; try "
			    "again shortly."));
		}
		return -1;
	}
	a->held_time = h->time;
	a->rcpts = h->rcpts != NULL ? h->rcpts->len : 0;
	if (h->state != SEAL_HELD) {
		seal_held_free(h);
		web_resp_error(resp, req, 410, web_t(req, "The message is no longer held for "
		    "review: it has been decided on already."));
		return -1;
	}
	seal_held_free(h);
	if (seal_store_release_request_get(s, a->id, &when, &text, &err) != SEAL_OK) {
		web_app_store_failed(app, &err);
		web_resp_error(resp, req, 503, web_t(req, "The service does not answer; try again "
		    "shortly."));
		return -1;
	}
	if (text != NULL) {
		g_free(text);
		web_resp_error(resp, req, 409, web_t(req, "The release of this message has been "
		    "requested already. A message can be asked for once; a compliance officer "
		    "will decide."));
		return -1;
	}
	return 0;
}

static void
form(web_req *req, web_resp *resp, const char *token, const ask *a, unsigned status,
	const char *message)
{
	GString *b = resp->body;
	char csrf[WEB_TOKEN_LEN + 1], n[16], *when;
	GString *w = g_string_new(NULL);

	if (web_token_new(csrf) != 0) {
		web_resp_error(resp, req, 503, web_t(req, "The service does not answer; try again "
		    "shortly."));
		g_string_free(w, TRUE);
		return;
	}
	web_resp_cookie(resp, req->app, web_cookie_request_name(req->app), csrf,
	    REQUEST_FORM_LIFETIME);
	resp->status = status;
	web_page_begin(resp, req, web_t(req, "Request for release"));
	web_html_time(w, a->held_time);
	when = g_markup_escape_text(w->str, -1);
	g_snprintf(n, sizeof(n), "%u", a->rcpts);
	g_string_append(b, "<p>");
	web_t_append(b, req, a->rcpts == 1
	    ? "Your message of {1} to {2} recipient is held for review."
	    : "Your message of {1} to {2} recipients is held for review.", when, n);
	g_string_append(b, " ");
	g_string_append(b, web_t(req, "If it should be sent, say why below. A compliance officer "
	    "reads your reason and decides; you will be told."));
	g_string_append(b, "</p>\n");
	if (message != NULL) {
		g_string_append(b, "<p class=\"error\">");
		web_html_escape(b, message);
		g_string_append(b, "</p>\n");
	}
	g_string_append(b, "<form method=\"post\" action=\"/request\"><input type=\"hidden\" "
	    "name=\"t\" value=\"");
	web_html_escape(b, token);
	g_string_append_printf(b, "\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<label for=\"text\">%s</label><textarea id=\"text\" name=\"text\" rows=\"6\" "
	    "required maxlength=\"%d\"></textarea><p>", csrf,
	    web_t(req, "Why should the message be sent?"), REQUEST_TEXT_MAX);
	g_string_append(b, web_t(req, "Do not write identity numbers here; they are masked."));
	g_string_append_printf(b, "</p><button type=\"submit\">%s</button></form>\n",
	    web_t(req, "Send the request"));
	web_page_end(resp);
	g_free(when);
	g_string_free(w, TRUE);
}

/* The reason as stored: identity numbers masked line by line, controls but line breaks gone. */
static char *
stored_text(const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	GString *out = g_string_new(NULL);
	seal_date today;

	seal_date_today(&today);
	for (guint i = 0; lines[i] != NULL; i++) {
		char *m = seal_mask_text_all(lines[i], strlen(lines[i]), &today);

		g_strstrip(m);
		g_string_append_printf(out, "%s%s", i > 0 ? "\n" : "", m);
		memset(lines[i], 0, strlen(lines[i]));
		g_free(m);
	}
	g_strfreev(lines);
	return g_string_free(out, FALSE);
}

/* 409: a message's release is asked for once. */
static void
already_asked(web_req *req, web_resp *resp)
{
	web_resp_error(resp, req, 409, web_t(req, "The release of this message has been "
	    "requested already. A message can be asked for once; a compliance officer "
	    "will decide."));
}

void
page_request_form(web_req *req, web_resp *resp)
{
	const char *token = web_req_query(req, "t");
	ask a;

	memset(&a, 0, sizeof(a));
	if (check(req, resp, token, &a) == 0)
		form(req, resp, token, &a, 200, NULL);
	g_free(a.addr_key);
}

void
page_request(web_req *req, web_resp *resp)
{
	const char *token = web_form_get(req->form, "t");
	const char *given = web_form_get(req->form, "text");
	const char *text = given != NULL ? given : "";
	char *stored = NULL, *extra = NULL, *earlier = NULL;
	int64_t asked = 0;
	seal_store *s;
	seal_err err;
	int added = 0;
	ask a;

	memset(&a, 0, sizeof(a));
	if (check(req, resp, token, &a) != 0)
		goto out;
	/* Every POST counts: a link is used once, so a sender needs one or two. */
	web_ratelimit_fail(req->app->requests, a.addr_key, req->now);
	if (!web_token_equal(web_req_cookie(req, web_cookie_request_name(req->app)),
	    web_form_get(req->form, "csrf"))) {
		form(req, resp, token, &a, 403, web_t(req, "The form expired or did not come from "
		    "this page. Write your reason again."));
		goto out;
	}
	stored = stored_text(text);
	if (stored[0] == '\0' || g_utf8_strlen(text, -1) > REQUEST_TEXT_MAX) {
		form(req, resp, token, &a, 400, web_t(req, "Write why the message should be sent "
		    "(at most 1000 characters)."));
		goto out;
	}
	seal_err_clear(&err);
	if ((s = web_app_store(req->app, &err)) == NULL
	    || seal_store_release_request_get(s, a.id, &asked, &earlier, &err) != SEAL_OK) {
		web_app_store_failed(req->app, &err);
		web_resp_error(resp, req, 503, web_t(req, "The service does not answer; try again "
		    "shortly."));
		goto out;
	}
	if (earlier != NULL) {
		already_asked(req, resp);
		goto out;
	}
	/*
	 * The audit record first: a request an officer can read is always in
	 * the log. If the record fails nothing is stored and the sender may try
	 * again; if storing fails after it, the log holds an attempt that left
	 * no request (said in our log), never the other way round.
	 */
	extra = g_strdup_printf("held=%s", a.id);
	if (web_app_audit(req->app, "release-requested", "", NULL, extra, &err) != SEAL_OK) {
		web_log(LOG_ERR, "release request for %s not stored: its audit record could not "
		    "be written: %s", a.id, err.msg);
		web_resp_error(resp, req, 503, web_t(req, "The service does not answer; try again "
		    "shortly."));
		goto out;
	}
	if (seal_store_release_request_add(s, a.id, req->now, stored, &added, &err) != SEAL_OK) {
		web_log(LOG_ERR, "release request for %s: audit record written, but the request "
		    "was not stored: %s", a.id, err.msg);
		web_app_store_failed(req->app, &err);
		web_resp_error(resp, req, 503, web_t(req, "The service does not answer; try again "
		    "shortly."));
		goto out;
	}
	if (!added) {
		/* Another POST of the same link got in between; its request stands. */
		web_log(LOG_NOTICE, "release request for %s: a request came first; this attempt "
		    "is in the audit log only", a.id);
		already_asked(req, resp);
		goto out;
	}
	web_log(LOG_NOTICE, "release of %s requested by its sender", a.id);
	web_resp_cookie(resp, req->app, web_cookie_request_name(req->app), "", 0);
	web_page_begin(resp, req, web_t(req, "Request sent"));
	g_string_append_printf(resp->body, "<p class=\"result\">%s</p>\n", web_t(req,
	    "Your request was sent. A compliance officer will read it and release or refuse "
	    "the message; you will be told."));
	web_page_end(resp);
out:
	if (stored != NULL) {
		memset(stored, 0, strlen(stored));
		g_free(stored);
	}
	g_free(extra);
	g_free(earlier);
	g_free(a.addr_key);
}
