/*
 * page_audit.c - the audit log for every role (auditor, officer, admin):
 *
 *   GET  /audit          the search form;
 *   POST /audit          a search: identity number, sender, recipient,
 *                        date range (YYYY-MM-DD, local days: dayrange.h),
 *                        action (codes and labels: actions.h), kind
 *                        or category; no_selftest=1 leaves out the daily
 *                        self-test's records and canaries (as `sealctl
 *                        audit search --no-selftest`; paging and CSV
 *                        count only the records left); page (WEB_AUDIT_PAGE records each,
 *                        newest written first: the chain's order); format=csv for the CSV file (the
 *                        form sealctl writes, audit_export.h), at most
 *                        WEB_AUDIT_CSV_MAX records;
 *   GET  /audit/verify   the chain checked (seal_store_audit_verify):
 *                        intact, or broken at record N and why.
 *
 * The identity number goes by POST only, so it is in no URL, no proxy or
 * server log and no browser history. It is fingerprinted here as sealctl
 * does (seal_audit_id_fingerprint), wiped with the form, and never shown
 * again: the result page names the kind, the mask and the fingerprint,
 * and the paging and CSV buttons carry the fingerprint, not the number.
 * A search by number is itself an audit record ("audit-search", with the
 * fingerprint's first 16 hex digits): looking a person up is processing
 * their data.
 */
#include <stdlib.h>
#include <string.h>

#include "audit_export.h"

#include "actions.h"
#include "app.h"
#include "dayrange.h"
#include "form.h"
#include "html.h"
#include "i18n.h"
#include "request.h"
#include "wlog.h"

#include "pages.h"

#define WEB_AUDIT_PAGE 50
#define WEB_AUDIT_CSV_MAX 100000

typedef struct search {
	char fp[65];              /* the fingerprint searched for, or "" */
	char masked[24];          /* searched by number just now: its mask ("" otherwise) */
	const char *kind_name;
	const char *sender, *recipient, *action, *kind, *since, *until;
	int64_t from, to;
	long page;
	int csv;
	int no_selftest;          /* leave out sealctl selftest's records and canaries */
	const char *error;        /* why the form was not searched (English; shown through web_t) */
} search;

/* A text field: NULL when absent, empty, too long or not UTF-8. */
static const char *
field(const web_req *req, const char *name)
{
	const char *v = web_form_get(req->form, name);

	if (v == NULL || v[0] == '\0' || strlen(v) > 200 || !g_utf8_validate(v, -1, NULL))
		return NULL;
	return v;
}

static int
is_fingerprint(const char *v)
{
	if (v == NULL || strlen(v) != 64)
		return 0;
	for (const char *p = v; *p != '\0'; p++)
		if (!g_ascii_isxdigit(*p) || g_ascii_isupper(*p))
			return 0;
	return 1;
}

static void
read_search(const web_req *req, search *s)
{
	const char *number = web_form_get(req->form, "number");
	const char *page = web_form_get(req->form, "page");
	const char *action = field(req, "action");
	const char *why = NULL;
	seal_kind kind;

	memset(s, 0, sizeof(*s));
	s->sender = field(req, "sender");
	s->recipient = field(req, "recipient");
	s->kind = field(req, "kind");
	s->since = field(req, "since");
	s->until = field(req, "until");
	/* One of the codes the log holds (actions.h), the table's own copy. */
	for (size_t i = 0; action != NULL && web_action_code(i) != NULL; i++)
		if (strcmp(action, web_action_code(i)) == 0)
			s->action = web_action_code(i);
	s->page = page != NULL ? strtol(page, NULL, 10) : 1;
	if (s->page < 1 || s->page > 100000)
		s->page = 1;
	s->csv = g_strcmp0(web_form_get(req->form, "format"), "csv") == 0;
	s->no_selftest = g_strcmp0(web_form_get(req->form, "no_selftest"), "1") == 0;
	switch (web_day_range(s->since, s->until, &s->from, &s->to)) {
	case WEB_DAYS_OK:
		break;
	case WEB_DAYS_BAD:
		s->error = N_("A date is not of the form YYYY-MM-DD.");
		break;
	case WEB_DAYS_REVERSED:
		s->error = N_("The first day is after the last.");
		break;
	}
	if (number != NULL && number[0] != '\0') {
		if (seal_audit_id_fingerprint(req->app->cfg->fp_key, number, s->fp, s->masked,
		    &kind, &why) != 0) {
			s->fp[0] = '\0';
			s->error = N_("That is not one valid identity number (nothing was searched).");
		} else {
			s->kind_name = seal_kind_name(kind);
		}
	} else if (is_fingerprint(web_form_get(req->form, "fp"))) {
		g_strlcpy(s->fp, web_form_get(req->form, "fp"), sizeof(s->fp));
	}
}

static void
text_input(GString *b, const web_req *req, const char *name, const char *label,
	const char *value, const char *extra)
{
	g_string_append_printf(b, "<label for=\"a-%s\">%s</label><input type=\"text\" name=\"%s\" "
	    "id=\"a-%s\"%s value=\"", name, web_t(req, label), name, name, extra);
	web_html_escape(b, value);
	g_string_append(b, "\">");
}

/* The search form; the number field always starts empty. */
static void
search_form(GString *b, const web_req *req, const search *s)
{
	g_string_append(b, "<form class=\"filters audit\" method=\"post\" action=\"/audit\">");
	web_form_csrf(b, req);
	g_string_append_printf(b, "<label for=\"a-number\">%s</label><input type=\"password\" "
	    "name=\"number\" id=\"a-number\" autocomplete=\"off\" value=\"\">",
	    web_t(req, "Identity number (sent by POST, never shown again)"));
	text_input(b, req, "sender", N_("Sender"), s->sender, "");
	text_input(b, req, "recipient", N_("Recipient"), s->recipient, "");
	text_input(b, req, "since", N_("From day (YYYY-MM-DD)"), s->since,
	    " placeholder=\"YYYY-MM-DD\"");
	text_input(b, req, "until", N_("To day (YYYY-MM-DD)"), s->until,
	    " placeholder=\"YYYY-MM-DD\"");
	g_string_append_printf(b, "<label for=\"a-action\">%s</label><select name=\"action\" "
	    "id=\"a-action\">", web_t(req, "Action"));
	g_string_append_printf(b, "<option value=\"\"%s>%s</option>",
	    s->action == NULL ? " selected" : "", web_t(req, "any"));
	for (size_t i = 0; web_action_code(i) != NULL; i++) {
		const char *code = web_action_code(i);

		g_string_append_printf(b, "<option value=\"%s\"%s>%s (%s)</option>", code,
		    g_strcmp0(s->action, code) == 0 ? " selected" : "",
		    web_t(req, web_action_label(code)), code);
	}
	g_string_append(b, "</select>");
	text_input(b, req, "kind", N_("Kind or category (dk-cpr, health, ...)"), s->kind, "");
	g_string_append_printf(b, "<label for=\"a-no-selftest\"><input type=\"checkbox\" "
	    "name=\"no_selftest\" id=\"a-no-selftest\" value=\"1\"%s> %s</label>",
	    s->no_selftest ? " checked" : "",
	    web_t(req, "Leave out the daily self-test (its records and canary messages)"));
	g_string_append_printf(b, "<button type=\"submit\">%s</button></form>\n",
	    web_t(req, "Search"));
	g_string_append_printf(b, "<p><a href=\"/audit/verify\">%s</a></p>\n",
	    web_t(req, "Check the audit chain"));
}

static void
hidden(GString *b, const char *name, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	g_string_append_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	web_html_escape(b, value);
	g_string_append(b, "\">");
}

/* Paging and CSV: the same search again, by fingerprint, with a button each. */
static void
again_form(GString *b, const web_req *req, const search *s, int more)
{
	g_string_append(b, "<form class=\"pages\" method=\"post\" action=\"/audit\">");
	web_form_csrf(b, req);
	hidden(b, "fp", s->fp);
	hidden(b, "sender", s->sender);
	hidden(b, "recipient", s->recipient);
	hidden(b, "since", s->since);
	hidden(b, "until", s->until);
	hidden(b, "action", s->action);
	hidden(b, "kind", s->kind);
	hidden(b, "no_selftest", s->no_selftest ? "1" : NULL);
	if (s->page > 1)
		g_string_append_printf(b, "<button type=\"submit\" name=\"page\" value=\"%ld\">%s"
		    "</button> ", s->page - 1, web_t(req, "Previous"));
	if (more)
		g_string_append_printf(b, "<button type=\"submit\" name=\"page\" value=\"%ld\">%s"
		    "</button> ", s->page + 1, web_t(req, "Next"));
	g_string_append_printf(b, "<button type=\"submit\" name=\"format\" value=\"csv\">%s"
	    "</button></form>\n", web_t(req, "Export as CSV"));
}

/*
 * An action in the officer's language with its code beside it, as the CSV
 * and sealctl write it (actions.h); an unknown code as it is.
 */
static void
action_cell(GString *b, const web_req *req, const char *code)
{
	const char *label = web_action_label(code);

	if (label == NULL) {
		web_html_escape(b, code);
		return;
	}
	g_string_append_printf(b, "<span class=\"action\" title=\"%s\">%s</span> "
	    "<small class=\"code\">%s</small>", code, web_t(req, label), code);
}

static void
record_row(GString *b, const web_req *req, const seal_audit_record *r)
{
	g_string_append_printf(b, "<tr><td>%lld</td><td>", (long long)r->id);
	web_html_time(b, r->time);
	g_string_append(b, "</td><td>");
	action_cell(b, req, r->action);
	g_string_append(b, "</td><td>");
	web_html_escape(b, r->cls);
	g_string_append(b, "</td><td>");
	web_html_masked(b, r->sender[0] != '\0' ? r->sender : r->auth_user);
	g_string_append(b, "</td><td>");
	for (guint i = 0; r->rcpts != NULL && i < r->rcpts->len; i++) {
		const seal_audit_rcpt *rc = g_ptr_array_index(r->rcpts, i);

		if (i > 0)
			g_string_append(b, ", ");
		web_html_masked(b, rc->address);
		g_string_append(b, ": ");
		action_cell(b, req, rc->action);
	}
	g_string_append(b, "</td><td>");
	web_html_escape(b, r->kinds);
	g_string_append(b, "</td><td class=\"fp\">");
	for (guint i = 0; r->fingerprints != NULL && i < r->fingerprints->len; i++)
		g_string_append_printf(b, "%s%.16s", i > 0 ? " " : "",
		    (const char *)g_ptr_array_index(r->fingerprints, i));
	g_string_append(b, "</td><td>");
	web_html_masked(b, r->detail);
	g_string_append(b, "</td></tr>\n");
}

static void
results(GString *b, const web_req *req, const search *s, GPtrArray *found)
{
	int more = found->len > WEB_AUDIT_PAGE;
	guint shown = MIN(found->len, WEB_AUDIT_PAGE);

	if (s->fp[0] != '\0') {
		g_string_append_printf(b, "<p class=\"notice\" id=\"searched\">%s ",
		    web_t(req, "Records of the person with fingerprint"));
		g_string_append_printf(b, "<code>%.16s</code>", s->fp);
		if (s->masked[0] != '\0') {
			g_string_append(b, " (");
			web_html_escape(b, s->kind_name);
			g_string_append_c(b, ' ');
			web_html_escape(b, s->masked);
			g_string_append_c(b, ')');
		}
		g_string_append(b, ".</p>\n");
	}
	g_string_append_printf(b, "<p class=\"count\">%s <span id=\"found\">%u</span>%s",
	    web_t(req, "Records:"), shown, more ? "+" : "");
	if (s->page > 1 || more)
		g_string_append_printf(b, ", %s %ld", web_t(req, "page"), s->page);
	g_string_append(b, ".</p>\n");
	if (shown > 0) {
		g_string_append_printf(b, "<table class=\"audit\"><thead><tr><th>%s</th><th>%s</th>"
		    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		    "</tr></thead><tbody>\n", web_t(req, "ID"), web_t(req, "Time"),
		    web_t(req, "Action"), web_t(req, "Class"), web_t(req, "Sender or officer"),
		    web_t(req, "Recipients"), web_t(req, "Kinds"), web_t(req, "Fingerprints"),
		    web_t(req, "Detail"));
		for (guint i = 0; i < shown; i++)
			record_row(b, req, g_ptr_array_index(found, i));
		g_string_append(b, "</tbody></table>\n");
	}
	again_form(b, req, s, more);
}

void
page_audit_form(web_req *req, web_resp *resp)
{
	search s;

	memset(&s, 0, sizeof(s));
	web_page_begin(resp, req, web_t(req, "Audit log"));
	search_form(resp->body, req, &s);
	web_page_end(resp);
}

/* The store's search for s (one page and one more record, or the CSV's worth). */
static seal_status
run_search(web_req *req, const search *s, GPtrArray *found, seal_err *err)
{
	seal_audit_query q;
	seal_store *st;

	memset(&q, 0, sizeof(q));
	q.sender = s->sender;
	q.recipient = s->recipient;
	q.action = s->action;
	q.kind = s->kind;
	q.fingerprint = s->fp[0] != '\0' ? s->fp : NULL;
	q.from = s->from;
	q.to = s->to;
	q.limit = s->csv ? WEB_AUDIT_CSV_MAX : WEB_AUDIT_PAGE + 1;
	q.offset = s->csv ? 0 : (size_t)(s->page - 1) * WEB_AUDIT_PAGE;
	/* Newest written first: a person with thousands of records costs one page. */
	q.by_id = 1;
	q.no_selftest = s->no_selftest;
	if ((st = web_app_store(req->app, err)) == NULL)
		return err->code;
	return seal_store_audit_search(st, &q, found, err);
}

void
page_audit(web_req *req, web_resp *resp)
{
	GPtrArray *found = g_ptr_array_new_with_free_func((GDestroyNotify)seal_audit_record_free);
	char extra[64];
	seal_err err;
	search s;

	read_search(req, &s);
	seal_err_clear(&err);
	if (s.error != NULL) {
		web_page_begin(resp, req, web_t(req, "Audit log"));
		g_string_append_printf(resp->body, "<p class=\"error\">%s</p>\n", web_t(req, s.error));
		search_form(resp->body, req, &s);
		web_page_end(resp);
		goto out;
	}
	g_snprintf(extra, sizeof(extra), "fp=%.16s", s.fp);
	if ((s.masked[0] != '\0' && web_app_audit(req->app, "audit-search", req->session.officer,
	    req->addr, extra, &err) != SEAL_OK) || run_search(req, &s, found, &err) != SEAL_OK) {
		web_app_store_failed(req->app, &err);
		web_resp_error(resp, req, 503, web_t(req, "The store does not answer; try again "
		    "shortly."));
		goto out;
	}
	if (s.csv) {
		resp->type = "text/csv; charset=utf-8";
		resp->disposition = "attachment; filename=\"sealmilter-audit.csv\"";
		seal_audit_csv_header(resp->body);
		for (guint i = 0; i < found->len; i++)
			seal_audit_csv_row(resp->body, g_ptr_array_index(found, i));
		web_log(LOG_INFO, "%s exported %u audit records as CSV", req->session.officer,
		    found->len);
		goto out;
	}
	web_page_begin(resp, req, web_t(req, "Audit log"));
	results(resp->body, req, &s, found);
	search_form(resp->body, req, &s);
	web_page_end(resp);
out:
	g_ptr_array_free(found, TRUE);
	memset(&s, 0, sizeof(s));
}

void
page_audit_verify(web_req *req, web_resp *resp)
{
	seal_audit_verify_result res;
	seal_store *st;
	seal_err err;
	GString *b = resp->body;

	memset(&res, 0, sizeof(res));
	seal_err_clear(&err);
	if ((st = web_app_store(req->app, &err)) == NULL
	    || seal_store_audit_verify(st, &res, &err) != SEAL_OK) {
		web_app_store_failed(req->app, &err);
		web_resp_error(resp, req, 503, web_t(req, "The audit chain could not be checked; "
		    "try again shortly."));
		return;
	}
	web_page_begin(resp, req, web_t(req, "Audit chain"));
	if (res.ok)
		g_string_append_printf(b, "<p class=\"notice\" id=\"verify\" data-ok=\"1\">%s "
		    "<span id=\"records\">%lld</span> %s</p>\n", web_t(req, "The chain is intact:"),
		    (long long)res.records, web_t(req, "records checked."));
	else {
		g_string_append_printf(b, "<p class=\"error\" id=\"verify\" data-ok=\"0\">%s "
		    "<span id=\"bad\">%lld</span>: ", web_t(req, "The chain is broken at record"),
		    (long long)res.first_bad_id);
		web_html_escape(b, res.why);
		g_string_append_printf(b, " (<span id=\"records\">%lld</span> %s)</p>\n",
		    (long long)res.records, web_t(req, "records checked."));
	}
	g_string_append_printf(b, "<p><a href=\"/audit\">%s</a></p>\n",
	    web_t(req, "Search the audit log"));
	web_page_end(resp);
}
