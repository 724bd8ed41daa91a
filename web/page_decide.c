/*
 * page_decide.c - POST /quarantine/decide (id, action, reason): release,
 * refuse or delete a held message, through the same code as
 * `sealctl quarantine` (src/store/held_decide.c): the same state machine,
 * the same audit record (naming the officer, with "console address=ADDR"),
 * the same exactly-once guarantee. The server has checked the session, the
 * right to decide (an auditor gets 403) and the CSRF token.
 *
 * Answers: 200 with what happened; 409 when the message is not held any
 * more (another officer acted first) or this officer approved it already;
 * 403 for a release of one's own message; 400 for a missing reason; 404
 * for an unknown ID; 503 when the store, the audit log or the hand-over
 * failed (the page says what state the message is left in).
 */
#include <string.h>

#include "held_decide.h"

#include "app.h"
#include "form.h"
#include "html.h"
#include "i18n.h"
#include "wlog.h"

#include "pages.h"

static const struct {
	const char *word;
	seal_decide_kind kind;
} kinds[] = {
	{ "release", SEAL_DECIDE_RELEASE },
	{ "refuse", SEAL_DECIDE_REFUSE },
	{ "delete", SEAL_DECIDE_DELETE },
};

static unsigned
status_of(seal_decide_outcome o)
{
	switch (o) {
	case SEAL_DECIDED:
	case SEAL_DECIDE_APPROVED: return 200;
	case SEAL_DECIDE_NO_SUCH: return 404;
	case SEAL_DECIDE_NOT_HELD:
	case SEAL_DECIDE_APPROVED_BEFORE: return 409;
	case SEAL_DECIDE_OWN: return 403;
	case SEAL_DECIDE_BAD_REQUEST: return 400;
	default: return 503;
	}
}

/* 1 when text is NULL or only white space. */
static int
blank(const char *text)
{
	for (const char *p = text; p != NULL && *p != '\0'; p++)
		if (!g_ascii_isspace(*p))
			return 0;
	return 1;
}

static void
done_page(web_req *req, web_resp *resp, const seal_decide_req *q, const seal_decide_result *r)
{
	GString *b = resp->body;
	unsigned n = r->held != NULL && r->held->rcpts != NULL ? r->held->rcpts->len : 0;

	GString *id = g_string_new(NULL);
	char k[16], m[16];

	web_html_escape(id, q->id);
	g_snprintf(k, sizeof(k), "%u", r->approvals);
	g_snprintf(m, sizeof(m), "%u", req->app->cfg->release_approvals);
	web_page_begin(resp, req, web_t(req, "Decision recorded"));
	g_string_append(b, "<p class=\"result\">");
	if (r->outcome == SEAL_DECIDE_APPROVED) {
		g_string_append_printf(b, "%s: ", id->str);
		web_t_append(b, req, "release approved ({1} of {2}); another officer must release "
		    "it.", k, m);
	} else if (q->kind == SEAL_DECIDE_RELEASE) {
		g_snprintf(k, sizeof(k), "%u", n);
		web_t_append(b, req, n == 1 ? "{1} released to {2} recipient."
		    : "{1} released to {2} recipients.", id->str, k);
	} else if (q->kind == SEAL_DECIDE_REFUSE) {
		GString *notice = g_string_new(NULL);

		web_html_escape(notice, web_t(req, r->notice));
		web_t_append(b, req, "{1} refused; notice to the sender: {2}.", id->str,
		    notice->str);
		g_string_free(notice, TRUE);
	} else {
		web_t_append(b, req, "{1} deleted.", id->str, NULL);
	}
	g_string_append(b, "</p>\n");
	g_string_free(id, TRUE);
	if (r->warning[0] != '\0') {
		g_string_append(b, "<p class=\"error\">");
		web_html_escape(b, r->warning);
		g_string_append(b, "</p>\n");
	}
	g_string_append(b, "<p><a href=\"/quarantine/message?id=");
	web_url_escape(b, q->id);
	g_string_append_printf(b, "\">%s</a> &middot; <a href=\"/quarantine\">%s</a></p>\n",
	    web_t(req, "The message"), web_t(req, "Back to the list"));
	web_page_end(resp);
}

void
page_decide(web_req *req, web_resp *resp)
{
	const char *id = web_form_get(req->form, "id");
	const char *action = web_form_get(req->form, "action");
	char *extra = g_strdup_printf("console address=%s", req->addr);
	seal_decide_result r;
	seal_decide_req q;
	seal_err err;
	size_t k;

	memset(&q, 0, sizeof(q));
	for (k = 0; k < G_N_ELEMENTS(kinds); k++)
		if (action != NULL && strcmp(action, kinds[k].word) == 0)
			break;
	if (k == G_N_ELEMENTS(kinds)) {
		web_resp_error(resp, req, 400, "The form named no decision.");
		goto out;
	}
	if (!web_app_held_id_ok(id)) {
		web_resp_error(resp, req, 404, "There is no held message with that ID.");
		goto out;
	}
	/* sealctl lets delete go without a reason; the console asks one for every decision. */
	if (blank(web_form_get(req->form, "reason"))) {
		web_resp_error(resp, req, 400, "A reason is required: say why, for the audit log.");
		goto out;
	}
	seal_err_clear(&err);
	q.cfg = req->app->cfg;
	q.store = web_app_store(req->app, &err);
	if (q.store == NULL) {
		web_app_store_failed(req->app, &err);
		web_resp_error(resp, req, 503, "The store does not answer; try again shortly.");
		goto out;
	}
	q.kind = kinds[k].kind;
	q.id = id;
	q.officer = req->session.officer;
	q.reason = web_form_get(req->form, "reason");
	q.extra = extra;
	seal_held_decide(&q, &r);
	web_log(r.outcome == SEAL_DECIDED || r.outcome == SEAL_DECIDE_APPROVED ? LOG_NOTICE
	    : LOG_WARNING, "%s from %s: %s %s: %s", req->session.officer, req->addr,
	    kinds[k].word, id, r.outcome == SEAL_DECIDED ? "done" : r.outcome ==
	    SEAL_DECIDE_APPROVED ? "approved" : r.why);
	if (r.outcome == SEAL_DECIDE_FAILED) {
		/* The connection may be what failed: the next request opens it anew. */
		seal_err_set(&err, SEAL_ERR_IO, "%s", r.why);
		web_app_store_failed(req->app, &err);
	}
	if (r.outcome == SEAL_DECIDED || r.outcome == SEAL_DECIDE_APPROVED) {
		done_page(req, resp, &q, &r);
	} else {
		GString *m = g_string_new(r.why);

		if (r.hint[0] != '\0')
			g_string_append_printf(m, ". %s", r.hint);
		web_resp_error(resp, req, status_of(r.outcome), m->str);
		g_string_free(m, TRUE);
	}
	seal_decide_result_clear(&r);
out:
	g_free(extra);
}
