/*
 * page_metrics.c - GET /metrics, the Prometheus text format (version
 * 0.0.4) for the mail administrators' monitoring:
 *
 *   sealmilter_messages_total{action,class}   mail decisions in the audit log
 *   sealmilter_messages_by_kind_total{kind}   decisions with findings of a
 *                                             kind or category
 *   sealmilter_held_pending                   messages waiting for an officer
 *   sealmilter_store_up                       1 when the store answered
 *
 * Counted by the store (GROUP BY) over the records it keeps: a purge makes
 * the counters go down, which Prometheus reads as a counter reset.
 *
 * Readable without a session only from metrics_allow (a scraper has no
 * account); from elsewhere a session is needed, else 403. No personal
 * data: actions, classes and kind names only.
 */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "html.h"
#include "i18n.h"
#include "wlog.h"

#include "pages.h"

/* A label value: backslash, quote and newline escaped. */
static void
label(GString *b, const char *v)
{
	for (const char *p = v != NULL ? v : ""; *p != '\0'; p++) {
		if (*p == '\\' || *p == '"')
			g_string_append_c(b, '\\');
		if (*p == '\n')
			g_string_append(b, "\\n");
		else
			g_string_append_c(b, *p);
	}
}

static seal_status
counters(seal_store *s, GString *b, seal_err *err)
{
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(seal_stat_row));
	seal_stat_query q;
	seal_held_query hq;
	int64_t pending = 0;
	seal_status rc;

	memset(&q, 0, sizeof(q));
	q.by = SEAL_STAT_ACTION_CLASS;
	if ((rc = seal_store_audit_stats(s, &q, rows, err)) != SEAL_OK)
		goto out;
	g_string_append(b, "# HELP sealmilter_messages_total Mail decisions in the audit log, by "
	    "action and class.\n# TYPE sealmilter_messages_total counter\n");
	for (guint i = 0; i < rows->len; i++) {
		const seal_stat_row *r = &g_array_index(rows, seal_stat_row, i);

		g_string_append(b, "sealmilter_messages_total{action=\"");
		label(b, r->key);
		g_string_append(b, "\",class=\"");
		label(b, r->cls);
		g_string_append_printf(b, "\"} %lld\n", (long long)r->n);
	}
	seal_stat_rows_clear(rows);
	q.by = SEAL_STAT_KIND;
	if ((rc = seal_store_audit_stats(s, &q, rows, err)) != SEAL_OK)
		goto out;
	g_string_append(b, "# HELP sealmilter_messages_by_kind_total Mail decisions with findings "
	    "of a kind or category.\n# TYPE sealmilter_messages_by_kind_total counter\n");
	for (guint i = 0; i < rows->len; i++) {
		const seal_stat_row *r = &g_array_index(rows, seal_stat_row, i);

		g_string_append(b, "sealmilter_messages_by_kind_total{kind=\"");
		label(b, r->key);
		g_string_append_printf(b, "\"} %lld\n", (long long)r->n);
	}
	memset(&hq, 0, sizeof(hq));
	if ((rc = seal_store_held_count(s, &hq, &pending, err)) != SEAL_OK)
		goto out;
	g_string_append_printf(b, "# HELP sealmilter_held_pending Held messages waiting for an "
	    "officer.\n# TYPE sealmilter_held_pending gauge\nsealmilter_held_pending %lld\n",
	    (long long)pending);
out:
	seal_stat_rows_clear(rows);
	g_array_free(rows, TRUE);
	return rc;
}

void
page_metrics(web_req *req, web_resp *resp)
{
	GString *b = resp->body;
	seal_store *s;
	seal_err err;
	int up;

	if (!req->signed_in && !web_auth_metrics_allowed(req->app->cfg, req->addr)) {
		web_log(LOG_NOTICE, "/metrics refused to %s: not in metrics_allow and not signed in",
		    req->addr);
		web_resp_error(resp, req, 403, web_t(req, "This address may not read the metrics "
		    "without signing in (metrics_allow)."));
		return;
	}
	resp->type = "text/plain; version=0.0.4; charset=utf-8";
	seal_err_clear(&err);
	up = (s = web_app_store(req->app, &err)) != NULL && counters(s, b, &err) == SEAL_OK;
	if (!up) {
		/* The counters half written are dropped: the scraper sees only the store down. */
		g_string_truncate(b, 0);
		web_app_store_failed(req->app, &err);
	}
	g_string_append_printf(b, "# HELP sealmilter_store_up 1 when the store answered.\n"
	    "# TYPE sealmilter_store_up gauge\nsealmilter_store_up %d\n", up);
}
