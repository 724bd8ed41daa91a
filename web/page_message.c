/*
 * page_message.c - one held message:
 *
 *   GET  /quarantine/message?id=ID   envelope, masked findings and where
 *        they are, the header fields and text with identity numbers
 *        masked, attachments by name, type and size, earlier approvals
 *        (four eyes), and the decision forms for those who may decide;
 *   POST /quarantine/unmasked        (id, reason) the same page with the
 *        text unmasked: a separate, explicit action with a reason, which is
 *        itself an audit record ("view-unmasked"); no record, no content.
 *
 * Attachments are listed, never served: no route hands a part to the
 * browser. The content shows while the message is held (or releasing);
 * after a decision only the metadata is left.
 */
#include <string.h>

#include "catlabel.h"
#include "held_decide.h"

#include "app.h"
#include "auth.h"
#include "form.h"
#include "html.h"
#include "i18n.h"
#include "msgview.h"
#include "request.h"
#include "wlog.h"

#include "pages.h"

static void
envelope_row(GString *b, const char *label, const char *value)
{
	g_string_append_printf(b, "<tr><th>%s</th><td>", label);
	web_html_masked(b, value);
	g_string_append(b, "</td></tr>\n");
}

static void
envelope(GString *b, const web_req *req, const seal_held *h)
{
	GString *rcpts = g_string_new(NULL);

	for (guint i = 0; h->rcpts != NULL && i < h->rcpts->len; i++)
		g_string_append_printf(rcpts, "%s%s", i > 0 ? ", " : "",
		    (const char *)g_ptr_array_index(h->rcpts, i));
	GString *when = g_string_new(NULL), *relay = g_string_new(NULL);
	char size[32];

	g_string_append(b, "<table class=\"envelope\">\n<tr><th>ID</th><td>");
	web_html_escape(b, h->id);
	g_string_append_printf(b, "</td></tr>\n<tr><th>%s</th><td class=\"state-%s\">%s</td>"
	    "</tr>\n<tr><th>%s</th><td>", web_t(req, "State"), seal_held_state_name(h->state),
	    web_t(req, seal_held_state_name(h->state)), web_t(req, "Held"));
	web_html_time(when, h->time);
	web_html_escape(relay, h->relay);
	web_t_append(b, req, "{1} on {2}", when->str, relay->str);
	g_string_append(b, "</td></tr>\n");
	envelope_row(b, web_t(req, "Queue ID"), h->queue_id);
	envelope_row(b, web_t(req, "Sender"), h->sender[0] != '\0' ? h->sender : "<>");
	envelope_row(b, web_t(req, "SMTP AUTH user"), h->auth_user[0] != '\0' ? h->auth_user : "-");
	envelope_row(b, web_t(req, "Recipients"), rcpts->str);
	envelope_row(b, web_t(req, "Subject"), h->subject);
	envelope_row(b, web_t(req, "Reason held"), h->reason);
	envelope_row(b, web_t(req, "Findings (where)"), h->findings);
	g_snprintf(size, sizeof(size), "%lld", (long long)h->size);
	g_string_append_printf(b, "<tr><th>%s</th><td>", web_t(req, "Size"));
	web_t_append(b, req, "{1} bytes", size, NULL);
	g_string_append(b, "</td></tr>\n");
	if (h->officer != NULL) {
		envelope_row(b, web_t(req, "Decided by"), h->officer);
		envelope_row(b, web_t(req, "Officer's reason"), h->officer_reason);
	}
	g_string_free(when, TRUE);
	g_string_free(relay, TRUE);
	g_string_append(b, "</table>\n");
	g_string_free(rcpts, TRUE);
}

/* The part's text, escaped, each sensitive passage in <mark> titled with its category. */
static void
text_marked(GString *b, const web_req *req, const web_view_part *p)
{
	size_t at = 0, len = strlen(p->text);

	for (guint i = 0; p->marks != NULL && i < p->marks->len; i++) {
		const web_view_mark *m = &g_array_index(p->marks, web_view_mark, i);
		char *piece;

		if (m->start < at || m->end > len)
			continue;
		piece = g_strndup(p->text + at, m->start - at);
		web_html_escape(b, piece);
		g_free(piece);
		g_string_append(b, "<mark class=\"category\" title=\"");
		web_html_escape(b, seal_catlabel(&m->f, web_seal_lang(req)));
		g_string_append(b, "\">");
		piece = g_strndup(p->text + m->start, m->end - m->start);
		web_html_escape(b, piece);
		g_free(piece);
		g_string_append(b, "</mark>");
		at = m->end;
	}
	web_html_escape(b, p->text + at);
}

static void
content(GString *b, const web_req *req, const web_view *v, int unmasked)
{
	int texts = 0, files = 0;
	char num[32];

	if (!v->parsed) {
		g_string_append_printf(b, "<p>%s</p>\n",
		    web_t(req, "The stored message is not a parseable message."));
		return;
	}
	g_string_append_printf(b, "<h2>%s</h2>\n<table class=\"fields\">",
	    web_t(req, unmasked ? "Header fields (unmasked)" : "Header fields"));
	for (guint i = 0; i < v->fields->len; i++) {
		const web_view_field *f = g_ptr_array_index(v->fields, i);

		g_string_append_printf(b, "<tr><th>%s</th><td>", f->name);
		web_html_escape(b, f->value);
		g_string_append(b, "</td></tr>");
	}
	g_string_append(b, "</table>\n");
	for (guint i = 0; i < v->parts->len; i++) {
		const web_view_part *p = g_ptr_array_index(v->parts, i);

		if (p->text == NULL)
			continue;
		g_string_append(b, "<h2>");
		web_t_append(b, req, unmasked ? "Text (part {1}, unmasked)"
		    : "Text (part {1}, identity numbers masked)", p->path, NULL);
		g_string_append_printf(b, "</h2>\n<pre class=\"text%s\">",
		    unmasked ? " unmasked" : "");
		text_marked(b, req, p);
		g_string_append(b, "</pre>\n");
		g_snprintf(num, sizeof(num), "%d", WEB_VIEW_TEXT_MAX);
		if (p->cut) {
			g_string_append(b, "<p>");
			web_t_append(b, req, "(cut after {1} bytes)", num, NULL);
			g_string_append(b, "</p>\n");
		}
		texts++;
	}
	if (texts == 0)
		g_string_append_printf(b, "<p>%s</p>\n",
		    web_t(req, "The message has no plain text part."));
	g_string_append_printf(b, "<h2>%s</h2>\n<p>%s</p>\n<table class=\"parts\"><thead><tr>"
	    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
	    web_t(req, "Attachments and other parts"),
	    web_t(req, "Listed only: the console never opens them in the browser."),
	    web_t(req, "Part"), web_t(req, "Name"), web_t(req, "Type"), web_t(req, "Size"));
	for (guint i = 0; i < v->parts->len; i++) {
		const web_view_part *p = g_ptr_array_index(v->parts, i);

		if (p->text != NULL)
			continue;
		g_string_append_printf(b, "<tr><td>%s</td><td>", p->path);
		web_html_escape(b, p->filename != NULL ? p->filename : "-");
		g_string_append(b, "</td><td>");
		web_html_escape(b, p->type);
		g_snprintf(num, sizeof(num), "%lld", (long long)p->size);
		g_string_append(b, "</td><td>");
		web_t_append(b, req, "{1} bytes", num, NULL);
		g_string_append(b, "</td></tr>\n");
		files++;
	}
	g_string_append(b, "</tbody></table>\n");
	if (files == 0)
		g_string_append_printf(b, "<p>%s</p>\n", web_t(req, "None."));
	if (v->cut) {
		char levels[16];

		g_snprintf(num, sizeof(num), "%d", WEB_VIEW_PARTS);
		g_snprintf(levels, sizeof(levels), "%d", WEB_VIEW_DEPTH);
		g_string_append(b, "<p>");
		web_t_append(b, req, "(more than {1} parts or {2} levels: not all shown)", num,
		    levels);
		g_string_append(b, "</p>\n");
	}
}

/* The sender's request for release (page_request.c), when there is one. */
static void
release_request(GString *b, web_req *req, seal_store *s, const seal_held *h)
{
	char *text = NULL;
	int64_t when = 0;
	seal_err err;

	seal_err_clear(&err);
	if (seal_store_release_request_get(s, h->id, &when, &text, &err) != SEAL_OK) {
		web_app_store_failed(req->app, &err);
		g_string_append_printf(b, "<p class=\"error\">%s</p>\n",
		    web_t(req, "The sender's request for release cannot be read now."));
		return;
	}
	if (text == NULL)
		return;
	g_string_append_printf(b, "<h2>%s</h2>\n<p class=\"request-time\">",
	    web_t(req, "The sender asks for release"));
	web_html_time(b, when);
	g_string_append(b, "</p>\n<blockquote class=\"release-request\">");
	web_html_masked_lines(b, text);
	g_string_append(b, "</blockquote>\n");
	g_free(text);
}

static void
decision_form(GString *b, const web_req *req, const seal_held *h, const char *action,
	const char *label, const char *reason_label, const char *confirm)
{
	g_string_append_printf(b, "<form class=\"decide\" method=\"post\" action=\"/quarantine/"
	    "decide\" data-confirm=\"%s\">", confirm);
	web_form_csrf(b, req);
	g_string_append(b, "<input type=\"hidden\" name=\"id\" value=\"");
	web_html_escape(b, h->id);
	g_string_append_printf(b, "\"><input type=\"hidden\" name=\"action\" value=\"%s\">"
	    "<label for=\"r-%s\">%s</label><input type=\"text\" name=\"reason\" id=\"r-%s\" "
	    "required maxlength=\"%d\"><button type=\"submit\" name=\"go\" value=\"%s\">%s"
	    "</button></form>\n", action, action, reason_label, action, SEAL_DECIDE_REASON_MAX,
	    action, label);
}

static void
approvals(GString *b, web_req *req, seal_store *s, const seal_held *h)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	seal_err err;

	seal_err_clear(&err);
	if (seal_held_approvers(s, h, names, &err) != SEAL_OK) {
		web_app_store_failed(req->app, &err);
		g_string_append_printf(b, "<p class=\"error\">%s</p>\n",
		    web_t(req, "The approvals cannot be read now."));
	} else {
		GString *who = g_string_new(NULL);
		char n[16];

		for (guint i = 0; i < names->len; i++) {
			g_string_append(who, i > 0 ? ", " : "");
			web_html_escape(who, g_ptr_array_index(names, i));
		}
		g_snprintf(n, sizeof(n), "%u", req->app->cfg->release_approvals);
		g_string_append(b, "<p class=\"approvals\">");
		web_t_append(b, req, "Release needs {1} different officers; approved so far by {2}.",
		    n, names->len == 0 ? web_t(req, "nobody") : who->str);
		g_string_append(b, "</p>\n");
		g_string_free(who, TRUE);
	}
	g_ptr_array_free(names, TRUE);
}

static void
actions(GString *b, web_req *req, seal_store *s, const seal_held *h, int unmasked)
{
	int may = web_auth_may(req->session.role, WEB_RIGHT_DECIDE);

	if (h->state != SEAL_HELD)
		return;
	if (req->app->cfg->release_approvals > 1)
		approvals(b, req, s, h);
	if (!may) {
		g_string_append_printf(b, "<p>%s</p>\n",
		    web_t(req, "Your role reads; it does not decide."));
		return;
	}
	g_string_append_printf(b, "<h2>%s</h2>\n", web_t(req, "Decision"));
	decision_form(b, req, h, "release", web_t(req, "Release"), web_t(req, "Reason to release"),
	    web_t(req, "Release this message to its recipients?"));
	decision_form(b, req, h, "refuse", web_t(req, "Refuse"), web_t(req, "Reason to refuse"),
	    web_t(req, "Refuse this message? The sender is told, with your reason."));
	decision_form(b, req, h, "delete", web_t(req, "Delete"), web_t(req, "Reason to delete"),
	    web_t(req, "Delete this message? Nobody is told."));
	if (unmasked)
		return;
	g_string_append_printf(b, "<h2>%s</h2>\n<form class=\"unmask\" method=\"post\" "
	    "action=\"/quarantine/unmasked\">", web_t(req, "Unmasked content"));
	web_form_csrf(b, req);
	g_string_append(b, "<input type=\"hidden\" name=\"id\" value=\"");
	web_html_escape(b, h->id);
	g_string_append_printf(b, "\"><p>%s</p><label for=\"r-view\">%s</label><input type=\"text\" "
	    "name=\"reason\" id=\"r-view\" required maxlength=\"%d\"><button type=\"submit\">%s"
	    "</button></form>\n", web_t(req, "Seeing the identity numbers is processing personal "
	    "data: it is recorded in the audit log with your name and reason."),
	    web_t(req, "Reason"), SEAL_DECIDE_REASON_MAX, web_t(req, "Show unmasked"));
}

/* The page of id; unmasked only after its audit record was written. */
static void
message_page(web_req *req, web_resp *resp, const char *id, int unmasked)
{
	GString *msg = g_string_new(NULL);
	seal_held *h = NULL, *again = NULL;
	web_view *v = NULL;
	seal_store *s;
	seal_err err;

	seal_err_clear(&err);
	if (!web_app_held_id_ok(id)) {
		web_resp_error(resp, req, 404, "There is no held message with that ID.");
		goto out;
	}
	if ((s = web_app_store(req->app, &err)) == NULL
	    || seal_store_held_get(s, id, &h, NULL, &err) != SEAL_OK) {
		if (err.code == SEAL_ERR_USAGE) {
			web_resp_error(resp, req, 404, "There is no held message with that ID.");
		} else {
			web_app_store_failed(req->app, &err);
			web_resp_error(resp, req, 503, "The store does not answer; try again shortly.");
		}
		goto out;
	}
	if (h->state == SEAL_HELD || h->state == SEAL_HELD_RELEASING) {
		seal_err_clear(&err);
		if (seal_store_held_get(s, id, &again, msg, &err) != SEAL_OK)
			g_string_truncate(msg, 0);
		else
			v = web_view_new(msg->str, msg->len, unmasked, req->app->cfg->categories);
	}
	web_page_begin(resp, req, web_t(req, unmasked ? "Held message (unmasked)" : "Held message"));
	g_string_append_printf(resp->body, "<p><a href=\"/quarantine\">%s</a></p>\n",
	    web_t(req, "Back to the list"));
	if (unmasked)
		g_string_append_printf(resp->body, "<p class=\"notice\">%s</p>\n", web_t(req,
		    "You asked to see this message unmasked; it is recorded in the audit log."));
	envelope(resp->body, req, h);
	release_request(resp->body, req, s, h);
	actions(resp->body, req, s, h, unmasked);
	if (v != NULL)
		content(resp->body, req, v, unmasked);
	else
		g_string_append_printf(resp->body, "<p>%s</p>\n",
		    web_t(req, "The content is no longer stored."));
	web_page_end(resp);
out:
	web_view_free(v);
	memset(msg->str, 0, msg->len);
	g_string_free(msg, TRUE);
	seal_held_free(again);
	seal_held_free(h);
}

void
page_message(web_req *req, web_resp *resp)
{
	message_page(req, resp, web_req_query(req, "id"), 0);
}

void
page_unmasked(web_req *req, web_resp *resp)
{
	const char *id = web_form_get(req->form, "id");
	char why[160], *reason, *extra;
	seal_err err;

	if (!web_app_held_id_ok(id)) {
		web_resp_error(resp, req, 404, "There is no held message with that ID.");
		return;
	}
	reason = seal_decide_reason(web_form_get(req->form, "reason"), 1, why, sizeof(why));
	if (reason == NULL) {
		web_resp_error(resp, req, 400, why);
		return;
	}
	extra = g_strdup_printf("held=%s reason=%s", id, reason);
	seal_err_clear(&err);
	if (web_app_audit(req->app, "view-unmasked", req->session.officer, req->addr, extra,
	    &err) != SEAL_OK) {
		char buf[800];

		web_log(LOG_ERR, "%s: unmasked view of %s refused: no audit record: %s",
		    req->session.officer, id, seal_err_format(&err, buf, sizeof(buf)));
		web_resp_error(resp, req, 503, "The audit record of this view cannot be written, "
		    "so the content is not shown.");
	} else {
		web_log(LOG_NOTICE, "%s viewed %s unmasked", req->session.officer, id);
		message_page(req, resp, id, 1);
	}
	g_free(extra);
	g_free(reason);
}
