/*
 * store_sqlite_stats.c - the SQLite backend's grouped counts (store.h,
 * seal_store_audit_stats and seal_store_held_ages): one GROUP BY each,
 * answered from the covering indexes of schema version 3 (audit_time_action,
 * audit_time_kinds, audit_refused) and held_state, in one read snapshot.
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "store_sqlite_internal.h"

/* The time range of q as terms of w. */
static void
time_range(qb *w, const seal_stat_query *q)
{
	if (q->from != 0)
		seal_sq_qb_add(w, " AND a.time >= ?", 'i', NULL, q->from);
	if (q->to != 0)
		seal_sq_qb_add(w, " AND a.time <= ?", 'i', NULL, q->to);
}

/* The statement for q; columns: day, key, cls, n. NULL on failure. */
static sqlite3_stmt *
stats_query(sq *b, const seal_stat_query *q, seal_err *err)
{
	qb w = { .sql = g_string_new("SELECT ") };
	int64_t limit = q->limit == 0 || q->limit > INT64_MAX ? -1 : (int64_t)q->limit;

	switch (q->by) {
	case SEAL_STAT_ACTION_CLASS:
		if (q->per_day)
			seal_sq_qb_add(&w, "(a.time - ?) / 86400", 'i', NULL, q->origin);
		else
			g_string_append(w.sql, "0");
		g_string_append(w.sql, " AS d, a.action, a.cls, count(*) FROM audit a"
		    " WHERE a.cls <> ''");
		time_range(&w, q);
		g_string_append(w.sql, " GROUP BY d, a.action, a.cls");
		break;
	case SEAL_STAT_KIND:
		/* Officers' and the console's records have no kinds: mail only. */
		g_string_append(w.sql, "0, a.kinds, NULL, count(*) FROM audit a WHERE a.kinds <> ''");
		time_range(&w, q);
		g_string_append(w.sql, " GROUP BY a.kinds");
		break;
	case SEAL_STAT_REFUSED_SENDER:
	case SEAL_STAT_REFUSED_DOMAIN:
		g_string_append(w.sql, q->by == SEAL_STAT_REFUSED_SENDER ? "0, lower(a.sender) AS k"
		    : "0, lower(substr(a.sender, instr(a.sender, '@') + 1)) AS k");
		/*
		 * Without statistics (the store runs no ANALYZE) SQLite would walk
		 * the whole log in audit_sender's order to spare the GROUP BY a sort:
		 * the refusals of the period come from their own index.
		 */
		g_string_append(w.sql, ", NULL, count(*) AS n FROM audit a INDEXED BY audit_refused"
		    " WHERE a.action = 'refuse' AND a.cls <> '' AND a.sender <> ''");
		time_range(&w, q);
		seal_sq_qb_add(&w, " GROUP BY k ORDER BY n DESC, k LIMIT ?", 'i', NULL, limit);
		break;
	default:
		g_string_free(w.sql, TRUE);
		seal_err_set(err, SEAL_ERR_USAGE, "sqlite store: unknown statistics");
		return NULL;
	}
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
