/*
 * page_overview.c - GET /overview?days=30|90|180: the trend for officers
 * and their managers (no days: 30; any other text: 400, saying which), counted by the store (its count tables, store.h),
 * drawn as SVG on the server (svg.h), each chart with its figures in a
 * table:
 *
 *   - mail decisions per day by action: accepted, encrypted (S/MIME or
 *     OpenPGP), diverted, held, refused, other (split between recipients,
 *     tempfailed);
 *   - the share of classified mail (confidential or sensitive) that left
 *     encrypted, over the period and per day;
 *   - decisions by kind of identity number or category of sensitive data;
 *   - the senders and the departments (sender domains, subdomains apart)
 *     with the most refusals: who needs training;
 *   - messages still held, by age.
 *
 * Days are local days; day 0 starts at local midnight days - 1 days ago.
 * The store counts whole days of 86400 seconds from there, so across a
 * change of summer time an hour of mail may count for the day before.
 * Its count tables hold hours: a midnight on a whole hour (most time
 * zones) is answered from them, any other from the audit log.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit_export.h"
#include "scan.h"

#include "app.h"
#include "html.h"
#include "i18n.h"
#include "request.h"
#include "svg.h"

#include "pages.h"

#define NSERIES 6
#define TOP 10

static const char *const series_class[NSERIES] = { "s0", "s1", "s2", "s3", "s4", "s5" };
static const char *const series_id[NSERIES] = { "accepted", "encrypted", "diverted", "held",
	"refused", "other" };

/* The series of a decision's action. */
static int
series_of(const char *action)
{
	if (strcmp(action, "accept") == 0)
		return 0;
	if (strncmp(action, "encrypt-", 8) == 0)
		return 1;
	if (strcmp(action, "divert") == 0)
		return 2;
	if (strcmp(action, "hold") == 0)
		return 3;
	if (strcmp(action, "refuse") == 0)
		return 4;
	return 5;
}

/* Local midnight days - 1 days before now. */
static int64_t
first_midnight(int64_t now, int days)
{
	time_t t = (time_t)now;
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return now - (int64_t)days * 86400;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mday -= days - 1;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static void
day_text(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL || strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		g_strlcpy(buf, "", size);
}

typedef struct overview {
	int days;
	int64_t origin;
	int64_t *values;          /* [series][day] */
	int64_t *classified, *encrypted;   /* per day */
	int64_t total[NSERIES], all_classified, all_encrypted;
} overview;

static void
count_days(overview *o, const GArray *rows)
{
	for (guint i = 0; i < rows->len; i++) {
		const seal_stat_row *r = &g_array_index(rows, seal_stat_row, i);
		int s = series_of(r->key);
		int classified = r->cls != NULL && strcmp(r->cls, "public") != 0;

		if (r->day < 0 || r->day >= o->days)
			continue;
		o->values[s * o->days + r->day] += r->n;
		o->total[s] += r->n;
		if (classified) {
			o->classified[r->day] += r->n;
			o->all_classified += r->n;
			if (s == 1) {
				o->encrypted[r->day] += r->n;
				o->all_encrypted += r->n;
			}
		}
	}
}

static void
actions_section(GString *b, const web_req *req, const overview *o)
{
	const char *labels[NSERIES] = { web_t(req, "accepted"), web_t(req, "encrypted"),
		web_t(req, "diverted"), web_t(req, "held"), web_t(req, "refused"),
		web_t(req, "other (split, tempfail)") };
	char first[32], last[32];

	day_text(o->origin, first, sizeof(first));
	day_text(o->origin + (int64_t)(o->days - 1) * 86400 + 43200, last, sizeof(last));
	g_string_append_printf(b, "<h2>%s</h2>\n", web_t(req, "Mail decisions per day"));
	web_svg_stacked(b, web_t(req, "Mail decisions per day, by action"), o->days, NSERIES,
	    o->values, series_class, labels, first, last);
	g_string_append_printf(b, "<table class=\"totals\"><thead><tr><th>%s</th><th>%s</th>"
	    "</tr></thead><tbody>\n", web_t(req, "Action"), web_t(req, "Messages"));
	for (int s = 0; s < NSERIES; s++)
		g_string_append_printf(b, "<tr><td>%s</td><td class=\"n\" id=\"n-%s\">%lld</td>"
		    "</tr>\n", labels[s], series_id[s], (long long)o->total[s]);
	g_string_append(b, "</tbody></table>\n");
	g_string_append_printf(b, "<h2>%s</h2>\n<p>%s <span id=\"share\">",
	    web_t(req, "Classified mail that left encrypted"),
	    web_t(req, "Share over the period:"));
	if (o->all_classified > 0)
		g_string_append_printf(b, "%.1f", 100.0 * (double)o->all_encrypted
		    / (double)o->all_classified);
	else
		g_string_append(b, "-");
	g_string_append_printf(b, "</span>%% (<span id=\"encrypted\">%lld</span> %s "
	    "<span id=\"classified\">%lld</span> %s)</p>\n", (long long)o->all_encrypted,
	    web_t(req, "of"), (long long)o->all_classified,
	    web_t(req, "classified messages"));
	web_svg_share(b, web_t(req, "Share of classified mail encrypted, per day"), o->days,
	    o->encrypted, o->classified);
}

/* Rows (key, n) as a chart and a table; keys masked (senders are typed by people). */
static void
ranking(GString *b, const web_req *req, const char *title, const char *id, const GArray *rows)
{
	int n = (int)MIN(rows->len, (guint)TOP);
	char **labels = g_new0(char *, (gsize)n + 1);
	int64_t *values = g_new0(int64_t, (gsize)n + 1);

	g_string_append_printf(b, "<h2>%s</h2>\n", title);
	for (int i = 0; i < n; i++) {
		const seal_stat_row *r = &g_array_index(rows, seal_stat_row, i);

		labels[i] = seal_mask_text_today(r->key);
		values[i] = r->n;
	}
	if (n == 0) {
		g_string_append_printf(b, "<p id=\"%s-none\">%s</p>\n", id, web_t(req, "None."));
	} else {
		web_svg_hbars(b, title, n, (const char *const *)labels, values);
		g_string_append_printf(b, "<table class=\"ranking\" id=\"%s\"><tbody>\n", id);
		for (int i = 0; i < n; i++) {
			g_string_append(b, "<tr><td>");
			web_html_escape(b, labels[i]);
			g_string_append_printf(b, "</td><td class=\"n\">%lld</td></tr>\n",
			    (long long)values[i]);
		}
		g_string_append(b, "</tbody></table>\n");
	}
	g_strfreev(labels);
	g_free(values);
}

static void
ages_section(GString *b, const web_req *req, const GArray *rows)
{
	const char *labels[4] = { web_t(req, "under a day"), web_t(req, "1 to 2 days"),
		web_t(req, "3 to 6 days"), web_t(req, "a week or more") };
	int64_t n[4] = { 0, 0, 0, 0 };

	for (guint i = 0; i < rows->len; i++) {
		const seal_stat_row *r = &g_array_index(rows, seal_stat_row, i);

		n[r->day < 1 ? 0 : r->day < 3 ? 1 : r->day < 7 ? 2 : 3] += r->n;
	}
	g_string_append_printf(b, "<h2>%s</h2>\n", web_t(req, "Messages waiting for an officer, "
	    "by age"));
	web_svg_hbars(b, web_t(req, "Held messages by age"), 4, labels, n);
	g_string_append(b, "<table class=\"ranking\"><tbody>\n");
	for (int i = 0; i < 4; i++)
		g_string_append_printf(b, "<tr><td>%s</td><td class=\"n\" id=\"age-%d\">%lld</td>"
		    "</tr>\n", labels[i], i, (long long)n[i]);
	g_string_append(b, "</tbody></table>\n");
}

/* The store's counts into b; SEAL_OK or the first failure. */
static seal_status
sections(GString *b, web_req *req, overview *o, seal_store *s, seal_err *err)
{
	static const struct { seal_stat_by by; const char *title, *id; size_t limit; } ranks[] = {
		{ SEAL_STAT_KIND, N_("Mail decisions by kind or category"), "kinds", 0 },
		{ SEAL_STAT_REFUSED_SENDER, N_("Senders with the most refusals"), "refused-senders",
		  TOP },
		{ SEAL_STAT_REFUSED_DOMAIN, N_("Departments (sender domains) with the most refusals"),
		  "refused-domains", TOP },
	};
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(seal_stat_row));
	seal_stat_query q;
	seal_status rc;

	memset(&q, 0, sizeof(q));
	q.by = SEAL_STAT_ACTION_CLASS;
	q.per_day = 1;
	q.origin = q.from = o->origin;
	if ((rc = seal_store_audit_stats(s, &q, rows, err)) != SEAL_OK)
		goto out;
	count_days(o, rows);
	actions_section(b, req, o);
	for (size_t i = 0; i < G_N_ELEMENTS(ranks); i++) {
		seal_stat_rows_clear(rows);
		q.by = ranks[i].by;
		q.per_day = 0;
		q.limit = ranks[i].limit;
		if ((rc = seal_store_audit_stats(s, &q, rows, err)) != SEAL_OK)
			goto out;
		ranking(b, req, web_t(req, ranks[i].title), ranks[i].id, rows);
	}
	seal_stat_rows_clear(rows);
	if ((rc = seal_store_held_ages(s, req->now, rows, err)) == SEAL_OK)
		ages_section(b, req, rows);
out:
	seal_stat_rows_clear(rows);
	g_array_free(rows, TRUE);
	return rc;
}

void
page_overview(web_req *req, web_resp *resp)
{
	static const int periods[] = { 30, 90, 180 };
	const char *days = web_req_query(req, "days");
	GString *b = resp->body;
	overview o;
	seal_store *s;
	seal_err err;

	memset(&o, 0, sizeof(o));
	o.days = days == NULL ? periods[0] : 0;
	/* exactly one of the periods offered: "90x", "+90" or "090" is no period */
	for (size_t i = 0; days != NULL && i < G_N_ELEMENTS(periods); i++) {
		char text[8];

		g_snprintf(text, sizeof(text), "%d", periods[i]);
		if (strcmp(days, text) == 0)
			o.days = periods[i];
	}
	if (o.days == 0) {
		web_resp_error(resp, req, 400, web_t(req, "The period (days) must be 30, 90 or 180."));
		return;
	}
	o.origin = first_midnight(req->now, o.days);
	o.values = g_new0(int64_t, (gsize)NSERIES * (gsize)o.days);
	o.classified = g_new0(int64_t, (gsize)o.days);
	o.encrypted = g_new0(int64_t, (gsize)o.days);
	web_page_begin(resp, req, web_t(req, "Overview"));
	g_string_append_printf(b, "<nav class=\"periods\">%s", web_t(req, "Last"));
	for (size_t i = 0; i < G_N_ELEMENTS(periods); i++)
		g_string_append_printf(b, " <a href=\"/overview?days=%d\"%s>%d %s</a>", periods[i],
		    periods[i] == o.days ? " class=\"current\" id=\"period\"" : "", periods[i],
		    web_t(req, "days"));
	g_string_append(b, "</nav>\n");
	seal_err_clear(&err);
	if ((s = web_app_store(req->app, &err)) == NULL
	    || sections(b, req, &o, s, &err) != SEAL_OK) {
		web_app_store_failed(req->app, &err);
		web_resp_error(resp, req, 503, web_t(req, "The store does not answer; try again "
		    "shortly."));
	} else {
		web_page_end(resp);
	}
	g_free(o.values);
	g_free(o.classified);
	g_free(o.encrypted);
}
