/*
 * store_sqlite_stats.c - the SQLite backend's grouped counts (store.h,
 * seal_store_audit_stats and seal_store_held_ages) and the count tables
 * they read (store_internal.h): kept in the append's and the purge's
 * transactions, summed per day here. A request whose bounds do not fall
 * on the tables' hours is answered from the audit table with one
 * GROUP BY, from the covering indexes of schema version 4
 * (audit_time_action, audit_time_kinds, audit_refused); held ages from
 * held_state. Each in one read snapshot. Neither path counts the daily
 * self-test's canaries (audit_canary, store_internal.h).
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "store_sqlite_internal.h"

/* Zero counts go: a table holds the counts of records there, none of 0. */
static seal_status
drop_empty(sq *b, seal_err *err)
{
	static const char *const empty[] = { "DELETE FROM audit_count_action WHERE n = 0",
		"DELETE FROM audit_count_kinds WHERE n = 0",
		"DELETE FROM audit_count_refused WHERE n = 0" };
	seal_status rc = SEAL_OK;

	for (size_t i = 0; rc == SEAL_OK && i < G_N_ELEMENTS(empty); i++)
		rc = seal_sq_exec(b, err, NULL, "drop empty counts", empty[i], "");
	return rc;
}

/* The three count tables' statements for one record, or for a purge's prefix. */
#define COUNT_EACH(sign, range) { SQ_COUNT_ACTION(sign, range), SQ_COUNT_KINDS(sign, range), \
	SQ_COUNT_REFUSED(sign, range) }
static const char *const count_in[3] = COUNT_EACH("", "a.id = ?");
static const char *const count_out[3] = COUNT_EACH("-", "a.id = ?");
static const char *const count_purged[3] = COUNT_EACH("-", "a.id <= ?");

/* Runs the three statements sql with id. */
static seal_status
count_each(sq *b, const char *const sql[3], int64_t id, const char *what, seal_err *err)
{
	seal_status rc = SEAL_OK;

	for (size_t i = 0; rc == SEAL_OK && i < 3; i++)
		rc = seal_sq_exec(b, err, NULL, what, sql[i], "i", id);
	return rc;
}

/* The canary a "selftest" record names: counted out (if counted: once) and remembered. */
static seal_status
canary_out(sq *b, int64_t canary, seal_err *err)
{
	seal_status rc = count_each(b, count_out, canary, "uncount a self-test canary", err);

	if (rc == SEAL_OK)
		rc = seal_sq_exec(b, err, NULL, "remember a self-test canary",
		    "INSERT OR IGNORE INTO audit_canary (id) VALUES (?)", "i", canary);
	return rc == SEAL_OK ? drop_empty(b, err) : rc;
}

seal_status
seal_sq_counts_add(sq *b, const seal_audit_record *r, seal_err *err)
{
	int64_t canary = seal_audit_canary_of(r->action, r->detail);
	seal_status rc = count_each(b, count_in, r->id, "count an audit record", err);

	if (rc == SEAL_OK && canary > 0)
		rc = canary_out(b, canary, err);
	return rc;
}

seal_status
seal_sq_counts_take(sq *b, int64_t last, seal_err *err)
{
	seal_status rc = count_each(b, count_purged, last, "uncount purged records", err);

	if (rc == SEAL_OK)
		rc = seal_sq_exec(b, err, NULL, "forget purged canaries",
		    "DELETE FROM audit_canary WHERE id <= ?", "i", last);
	return rc == SEAL_OK ? drop_empty(b, err) : rc;
}

/* The time range of q as terms of w, over column col. */
static void
time_range(qb *w, const seal_stat_query *q, const char *col)
{
	char *frag;

	if (q->from != 0) {
		frag = g_strdup_printf(" AND %s >= ?", col);
		seal_sq_qb_add(w, frag, 'i', NULL, q->from);
		g_free(frag);
	}
	if (q->to != 0) {
		frag = g_strdup_printf(" AND %s <= ?", col);
		seal_sq_qb_add(w, frag, 'i', NULL, q->to);
		g_free(frag);
	}
}

/* The statement for q over the count tables; columns: day, key, cls, n. */
static void
counted_query(qb *w, const seal_stat_query *q, int64_t limit)
{
	switch (q->by) {
	case SEAL_STAT_ACTION_CLASS:
		if (q->per_day)
			seal_sq_qb_add(w, "(c.start - ?) / 86400", 'i', NULL, q->origin);
		else
			g_string_append(w->sql, "0");
		g_string_append(w->sql, " AS d, c.action, c.cls, sum(c.n) FROM audit_count_action c"
		    " WHERE true");
		time_range(w, q, "c.start");
		g_string_append(w->sql, " GROUP BY d, c.action, c.cls");
		break;
	case SEAL_STAT_KIND:
		g_string_append(w->sql, "0, c.kinds, NULL, sum(c.n) FROM audit_count_kinds c"
		    " WHERE true");
		time_range(w, q, "c.start");
		g_string_append(w->sql, " GROUP BY c.kinds");
		break;
	default:
		/* the senders are kept in lower case */
		g_string_append(w->sql, q->by == SEAL_STAT_REFUSED_SENDER ? "0, c.sender AS k"
		    : "0, substr(c.sender, instr(c.sender, '@') + 1) AS k");
		g_string_append(w->sql, ", NULL, sum(c.n) AS total FROM audit_count_refused c"
		    " WHERE true");
		time_range(w, q, "c.start");
		seal_sq_qb_add(w, " GROUP BY k ORDER BY total DESC, k LIMIT ?", 'i', NULL, limit);
		break;
	}
}

/* The statement for q over the audit table; columns: day, key, cls, n. */
static void
logged_query(qb *w, const seal_stat_query *q, int64_t limit)
{
	switch (q->by) {
	case SEAL_STAT_ACTION_CLASS:
		if (q->per_day)
			seal_sq_qb_add(w, "(a.time - ?) / 86400", 'i', NULL, q->origin);
		else
			g_string_append(w->sql, "0");
		g_string_append(w->sql, " AS d, a.action, a.cls, count(*) FROM audit a"
		    " WHERE a.cls <> ''" SEAL_NOT_CANARY("a.id"));
		time_range(w, q, "a.time");
		g_string_append(w->sql, " GROUP BY d, a.action, a.cls");
		break;
	case SEAL_STAT_KIND:
		/* Officers' and the console's records have no kinds: mail only. */
		g_string_append(w->sql, "0, a.kinds, NULL, count(*) FROM audit a WHERE a.kinds <> ''"
		    SEAL_NOT_CANARY("a.id"));
		time_range(w, q, "a.time");
		g_string_append(w->sql, " GROUP BY a.kinds");
		break;
	default:
		g_string_append(w->sql, q->by == SEAL_STAT_REFUSED_SENDER ? "0, lower(a.sender) AS k"
		    : "0, lower(substr(a.sender, instr(a.sender, '@') + 1)) AS k");
		/*
		 * Without statistics (the store runs no ANALYZE) SQLite would walk
		 * the whole log in audit_sender's order to spare the GROUP BY a sort:
		 * the refusals of the period come from their own index.
		 */
		g_string_append(w->sql, ", NULL, count(*) AS n FROM audit a INDEXED BY audit_refused"
		    " WHERE a.action = 'refuse' AND a.cls <> '' AND a.sender <> ''"
		    SEAL_NOT_CANARY("a.id"));
		time_range(w, q, "a.time");
		seal_sq_qb_add(w, " GROUP BY k ORDER BY n DESC, k LIMIT ?", 'i', NULL, limit);
		break;
	}
}

/* The statement for q; columns: day, key, cls, n. NULL on failure. */
static sqlite3_stmt *
stats_query(sq *b, const seal_stat_query *q, seal_err *err)
{
	qb w = { .sql = g_string_new("SELECT ") };
	int64_t limit = q->limit == 0 || q->limit > INT64_MAX ? -1 : (int64_t)q->limit;

	if (q->by > SEAL_STAT_REFUSED_DOMAIN) {
		g_string_free(w.sql, TRUE);
		seal_err_set(err, SEAL_ERR_USAGE, "sqlite store: unknown statistics");
		return NULL;
	}
	if (seal_stat_counted(q))
		counted_query(&w, q, limit);
	else
		logged_query(&w, q, limit);
	return seal_sq_qb_prepare(b, &w, err);
}

/* Reads rows (day, key, cls, n) into out in one snapshot; finalizes st. */
static seal_status
read_rows(sq *b, sqlite3_stmt *st, GArray *out, seal_err *err)
{
	seal_status rc;
	int step = SQLITE_DONE;

	if (st == NULL)
		return SEAL_ERR_IO;
	rc = seal_sq_run(b, "BEGIN", "begin read", err);
	while (rc == SEAL_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		seal_stat_row r = { 0 };

		r.day = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			r.key = col_str(st, 1);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			r.cls = col_str(st, 2);
		r.n = sqlite3_column_int64(st, 3);
		g_array_append_val(out, r);
	}
	if (rc == SEAL_OK && step != SQLITE_DONE)
		rc = seal_sq_fail(b, "count the store", err);
	sqlite3_finalize(st);
	seal_sq_rollback(b);
	return rc;
}

seal_status
seal_sq_audit_stats(void *backend, const seal_stat_query *q, GArray *out, seal_err *err)
{
	return read_rows(backend, stats_query(backend, q, err), out, err);
}

seal_status
seal_sq_held_ages(void *backend, int64_t now, GArray *out, seal_err *err)
{
	sq *b = backend;

	return read_rows(b, seal_sq_query(b, err, "SELECT (? - h.time) / 86400 AS d, NULL, NULL,"
	    " count(*) FROM held h WHERE h.state = 'held' GROUP BY d ORDER BY d", "i", now), out,
	    err);
}
