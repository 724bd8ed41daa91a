/*
 * page_quarantine.c - the list of held messages (GET /quarantine), with
 * filters and paging:
 *
 *   state   held (the default), releasing, released, refused, deleted, any
 *   age     "" (any), "day" (held in the last 24 hours), "week" (1 to 7
 *           days ago), "older" (more than 7 days ago)
 *   sender  the envelope sender, exact (without case)
 *   reason  a part of the hold reason ("no key", "could not be checked")
 *   kind    a part of the findings ("CPR", "personnummer", "health")
 *   page    1, 2, ... (WEB_LIST_PAGE messages each)
 *
 * The store answers every filter and the page (count, LIMIT and OFFSET
 * in SQL), so a quarantine of 100,000 messages costs one page of rows.
 * Every value a sender wrote (addresses, subject) is shown with identity
 * numbers masked.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "html.h"
#include "i18n.h"
#include "request.h"

#include "pages.h"

#define WEB_LIST_PAGE 50
#define DAY (24 * 3600)

static const char *const states[] = { "held", "releasing", "released", "refused", "deleted",
	"any", NULL };
static const char *const ages[] = { "", "day", "week", "older", NULL };
/* Shown through web_t; the values above stay English in the links. */
static const char *const age_labels[] = { N_("any"), N_("last 24 hours"), N_("1 to 7 days"),
	N_("older than 7 days") };

/* The filters of the query string, each checked against what it may be. */
typedef struct filters {
	const char *state;
	const char *age;
	const char *sender;
	const char *reason;
	const char *kind;
	long page;
} filters;

static const char *
one_of(const char *v, const char *const *allowed, const char *fallback)
{
	for (int i = 0; v != NULL && allowed[i] != NULL; i++)
		if (strcmp(v, allowed[i]) == 0)
			return allowed[i];
	return fallback;
}

/* A filter text: NULL when absent or empty, or too long to be meant. */
static const char *
text_filter(const web_req *req, const char *name)
{
	const char *v = web_req_query(req, name);

	if (v == NULL || v[0] == '\0' || strlen(v) > 200 || !g_utf8_validate(v, -1, NULL))
		return NULL;
	return v;
}

static void
read_filters(const web_req *req, filters *f)
{
	const char *page = web_req_query(req, "page");

	f->state = one_of(web_req_query(req, "state"), states, "held");
	f->age = one_of(web_req_query(req, "age"), ages, "");
	f->sender = text_filter(req, "sender");
	f->reason = text_filter(req, "reason");
	f->kind = text_filter(req, "kind");
	f->page = page != NULL ? strtol(page, NULL, 10) : 1;
	if (f->page < 1 || f->page > 1000000)
		f->page = 1;
}

/* The query string of f with page p (for links). */
static void
query_string(GString *out, const filters *f, long p)
{
	g_string_append(out, "/quarantine?state=");
	g_string_append(out, f->state);
	g_string_append(out, "&amp;age=");
	g_string_append(out, f->age);
	g_string_append(out, "&amp;sender=");
	web_url_escape(out, f->sender);
	g_string_append(out, "&amp;reason=");
	web_url_escape(out, f->reason);
	g_string_append(out, "&amp;kind=");
	web_url_escape(out, f->kind);
	g_string_append_printf(out, "&amp;page=%ld", p);
}

static void
select_box(GString *b, const web_req *req, const char *name, const char *const *values,
	const char *const *labels, const char *current)
{
	g_string_append_printf(b, "<select name=\"%s\" id=\"f-%s\">", name, name);
	for (int i = 0; values[i] != NULL; i++)
		g_string_append_printf(b, "<option value=\"%s\"%s>%s</option>", values[i],
		    strcmp(values[i], current) == 0 ? " selected" : "",
		    web_t(req, labels != NULL ? labels[i] : values[i]));
	g_string_append(b, "</select>");
}

static void
text_box(GString *b, const web_req *req, const char *name, const char *label, const char *value)
{
	g_string_append_printf(b, "<label for=\"f-%s\">%s</label><input type=\"text\" "
	    "name=\"%s\" id=\"f-%s\" value=\"", name, web_t(req, label), name, name);
	web_html_escape(b, value);
	g_string_append(b, "\">");
}

static void
filter_form(GString *b, const web_req *req, const filters *f)
{
	g_string_append_printf(b, "<form class=\"filters\" method=\"get\" action=\"/quarantine\">"
	    "<label for=\"f-state\">%s</label>", web_t(req, "State"));
	select_box(b, req, "state", states, NULL, f->state);
	g_string_append_printf(b, "<label for=\"f-age\">%s</label>", web_t(req, "Held"));
	select_box(b, req, "age", ages, age_labels, f->age);
	text_box(b, req, "sender", N_("Sender"), f->sender);
	text_box(b, req, "reason", N_("Reason contains"), f->reason);
	text_box(b, req, "kind", N_("Findings contain (kind)"), f->kind);
	g_string_append_printf(b, "<button type=\"submit\">%s</button></form>\n",
	    web_t(req, "Filter"));
}

static void
row(GString *b, const web_req *req, const seal_held *h)
{
	g_string_append(b, "<tr><td><a href=\"/quarantine/message?id=");
	web_url_escape(b, h->id);
	g_string_append(b, "\">");
	web_html_time(b, h->time);
	g_string_append_printf(b, "</a></td><td class=\"state-%s\">%s</td><td>",
	    seal_held_state_name(h->state), web_t(req, seal_held_state_name(h->state)));
	web_html_masked(b, h->sender[0] != '\0' ? h->sender : "<>");
	g_string_append(b, "</td><td>");
	for (guint i = 0; h->rcpts != NULL && i < h->rcpts->len; i++) {
		if (i > 0)
			g_string_append(b, ", ");
		web_html_masked(b, g_ptr_array_index(h->rcpts, i));
	}
	g_string_append(b, "</td><td>");
	web_html_masked(b, h->subject);
	g_string_append(b, "</td><td>");
	web_html_masked(b, h->reason);
	g_string_append(b, "</td><td>");
	web_html_masked(b, h->findings);
	g_string_append(b, "</td></tr>\n");
}

/* The store's query for f at now (without the page). */
static void
query_of(const filters *f, int64_t now, seal_held_query *q)
{
	memset(q, 0, sizeof(*q));
	q->sender = f->sender;
	q->reason = f->reason;
	q->findings = f->kind;
	q->all_states = strcmp(f->state, "any") == 0;
	q->state = q->all_states ? NULL : f->state;
	if (strcmp(f->age, "day") == 0)
		q->from = now - DAY;
	else if (strcmp(f->age, "week") == 0) {
		q->from = now - 7 * DAY;
		q->to = now - DAY;
	} else if (strcmp(f->age, "older") == 0)
		q->to = now - 7 * DAY;
}

static void
pager(GString *b, const web_req *req, const filters *f, long pages)
{
	g_string_append(b, "<nav class=\"pages\">");
	if (f->page > 1) {
		g_string_append(b, "<a rel=\"prev\" href=\"");
		query_string(b, f, f->page - 1);
		g_string_append_printf(b, "\">%s</a> ", web_t(req, "Previous"));
	}
	if (f->page < pages) {
		g_string_append(b, "<a rel=\"next\" href=\"");
		query_string(b, f, f->page + 1);
		g_string_append_printf(b, "\">%s</a>", web_t(req, "Next"));
	}
	g_string_append(b, "</nav>\n");
}

void
page_quarantine(web_req *req, web_resp *resp)
{
	GPtrArray *hits = g_ptr_array_new_with_free_func((GDestroyNotify)seal_held_free);
	int64_t total = 0;
	char num[24], of[24];
	seal_held_query q;
	seal_store *s;
	seal_err err;
	filters f;
	GString *b;
	long pages;

	read_filters(req, &f);
	query_of(&f, req->now, &q);
	seal_err_clear(&err);
	if ((s = web_app_store(req->app, &err)) == NULL
	    || seal_store_held_count(s, &q, &total, &err) != SEAL_OK)
		goto failed;
	pages = (long)((total + WEB_LIST_PAGE - 1) / WEB_LIST_PAGE);
	if (f.page > pages && pages > 0)
		f.page = pages;
	q.limit = WEB_LIST_PAGE;
	q.offset = (size_t)(f.page - 1) * WEB_LIST_PAGE;
	if (total > 0 && seal_store_held_list(s, &q, hits, &err) != SEAL_OK)
		goto failed;
	b = resp->body;
	web_page_begin(resp, req, web_t(req, "Held messages"));
	filter_form(b, req, &f);
	g_snprintf(num, sizeof(num), "%lld", (long long)total);
	g_string_append(b, "<p class=\"count\">");
	web_t_append(b, req, total == 1 ? "{1} message" : "{1} messages", num, NULL);
	if (pages > 1) {
		g_snprintf(num, sizeof(num), "%ld", f.page);
		g_snprintf(of, sizeof(of), "%ld", pages);
		web_t_append(b, req, ", page {1} of {2}", num, of);
	}
	g_string_append(b, ".</p>\n");
	if (hits->len > 0) {
		g_string_append_printf(b, "<table class=\"held\"><thead><tr><th>%s</th><th>%s</th>"
		    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
		    web_t(req, "Held"), web_t(req, "State"), web_t(req, "Sender"),
		    web_t(req, "Recipients"), web_t(req, "Subject"), web_t(req, "Reason"),
		    web_t(req, "Findings"));
		for (guint i = 0; i < hits->len; i++)
			row(b, req, g_ptr_array_index(hits, i));
		g_string_append(b, "</tbody></table>\n");
	}
	if (pages > 1)
		pager(b, req, &f, pages);
	web_page_end(resp);
	g_ptr_array_free(hits, TRUE);
	return;
failed:
	web_app_store_failed(req->app, &err);
	web_resp_error(resp, req, 503, "The store does not answer; try again shortly.");
	g_ptr_array_free(hits, TRUE);
}
