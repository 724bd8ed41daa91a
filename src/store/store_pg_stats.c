/*
 * store_pg_stats.c - the PostgreSQL backend's grouped counts (store.h,
 * seal_store_audit_stats and seal_store_held_ages) and the count tables
 * they read (store_internal.h): kept in the append's and the purge's
 * transactions, summed per day here. A request whose bounds do not fall
 * on the tables' hours is answered from the audit table with one
 * GROUP BY, from the indexes of schema version 4 (audit_time_action,
 * audit_time_kinds, audit_refused); held ages from held_state. The same
 * groups as the SQLite backend, with the same text functions, so both
 * count alike.
 *
 * Every query takes origin, from, to, limit ($1 to $4) and uses each, so
 * the server can tell the type of every parameter.
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <libpq-fe.h>

#include "store_pg_internal.h"

#define RANGE " AND ($2::bigint = 0 OR a.time >= $2) AND ($3::bigint = 0 OR a.time <= $3)"
#define CRANGE " AND ($2::bigint = 0 OR c.start >= $2) AND ($3::bigint = 0 OR c.start <= $3)"
#define SENDER_LOWER LOWER_C("a.sender")
/* the daily self-test's canaries are not counted (store_internal.h) */
#define NOT_CANARY SEAL_NOT_CANARY("a.id")

/* From the audit table: a bound inside an hour. */
static const char per_day_sql[] = "SELECT (a.time - $1::bigint) / 86400 AS d, a.action, a.cls,"
	" count(*), $4::bigint FROM audit a WHERE a.cls <> ''" NOT_CANARY RANGE " GROUP BY 1, 2, 3";
static const char action_class_sql[] = "SELECT $1::bigint * 0 AS d, a.action, a.cls,"
	" count(*), $4::bigint FROM audit a WHERE a.cls <> ''" NOT_CANARY RANGE " GROUP BY 1, 2, 3";
/* Officers' and the console's records have no kinds: mail only. */
static const char kinds_sql[] = "SELECT $1::bigint * 0, a.kinds, NULL, count(*), $4::bigint"
	" FROM audit a WHERE a.kinds <> ''" NOT_CANARY RANGE " GROUP BY a.kinds";
static const char refused_sender_sql[] = "SELECT $1::bigint * 0, " SENDER_LOWER " AS k, NULL,"
	" count(*) AS n FROM audit a WHERE a.action = 'refuse' AND a.cls <> '' AND a.sender <> ''"
	NOT_CANARY RANGE " GROUP BY k ORDER BY n DESC, k LIMIT $4::bigint";
static const char refused_domain_sql[] = "SELECT $1::bigint * 0, substr(" SENDER_LOWER ","
	" strpos(" SENDER_LOWER ", '@') + 1) AS k, NULL, count(*) AS n FROM audit a"
	" WHERE a.action = 'refuse' AND a.cls <> '' AND a.sender <> ''" NOT_CANARY RANGE
	" GROUP BY k ORDER BY n DESC, k LIMIT $4::bigint";

/* From the count tables (the senders there are lower case already). */
static const char c_per_day_sql[] = "SELECT (c.start - $1::bigint) / 86400 AS d, c.action,"
	" c.cls, sum(c.n)::bigint, $4::bigint FROM audit_count_action c WHERE true" CRANGE
	" GROUP BY 1, 2, 3";
static const char c_action_class_sql[] = "SELECT $1::bigint * 0 AS d, c.action, c.cls,"
	" sum(c.n)::bigint, $4::bigint FROM audit_count_action c WHERE true" CRANGE
	" GROUP BY 1, 2, 3";
static const char c_kinds_sql[] = "SELECT $1::bigint * 0, c.kinds, NULL, sum(c.n)::bigint,"
	" $4::bigint FROM audit_count_kinds c WHERE true" CRANGE " GROUP BY c.kinds";
static const char c_refused_sender_sql[] = "SELECT $1::bigint * 0, c.sender AS k, NULL,"
	" sum(c.n)::bigint AS total FROM audit_count_refused c WHERE true" CRANGE
	" GROUP BY k ORDER BY total DESC, k LIMIT $4::bigint";
static const char c_refused_domain_sql[] = "SELECT $1::bigint * 0, substr(c.sender,"
	" strpos(c.sender, '@') + 1) AS k, NULL, sum(c.n)::bigint AS total"
	" FROM audit_count_refused c WHERE true" CRANGE
	" GROUP BY k ORDER BY total DESC, k LIMIT $4::bigint";

/* Zero counts go: a table holds the counts of records there, none of 0. */
static void
drop_empty(pg_op *o)
{
	seal_pg_op_do(o, "DELETE FROM audit_count_action WHERE n = 0", "");
	seal_pg_op_do(o, "DELETE FROM audit_count_kinds WHERE n = 0", "");
	seal_pg_op_do(o, "DELETE FROM audit_count_refused WHERE n = 0", "");
}

void
seal_pg_counts_add(pg_op *o, const seal_audit_record *r, int64_t id)
{
	int64_t canary = seal_audit_canary_of(r->action, r->detail);

	seal_pg_op_do(o, PG_COUNT_ACTION("", "a.id = $1::bigint"), "i", id);
	seal_pg_op_do(o, PG_COUNT_KINDS("", "a.id = $1::bigint"), "i", id);
	seal_pg_op_do(o, PG_COUNT_REFUSED("", "a.id = $1::bigint"), "i", id);
	if (canary <= 0)
		return;
	/* the canary it names: counted out (if counted: once) and remembered */
	seal_pg_op_do(o, PG_COUNT_ACTION("-", "a.id = $1::bigint"), "i", canary);
	seal_pg_op_do(o, PG_COUNT_KINDS("-", "a.id = $1::bigint"), "i", canary);
	seal_pg_op_do(o, PG_COUNT_REFUSED("-", "a.id = $1::bigint"), "i", canary);
	seal_pg_op_do(o, "INSERT INTO audit_canary (id) VALUES ($1) ON CONFLICT DO NOTHING", "i",
		canary);
	drop_empty(o);
}

void
seal_pg_counts_take(pg_op *o, const char *last)
{
	seal_pg_op_do(o, PG_COUNT_ACTION("-", "a.id <= $1::bigint"), "t", last);
	seal_pg_op_do(o, PG_COUNT_KINDS("-", "a.id <= $1::bigint"), "t", last);
	seal_pg_op_do(o, PG_COUNT_REFUSED("-", "a.id <= $1::bigint"), "t", last);
	seal_pg_op_do(o, "DELETE FROM audit_canary WHERE id <= $1::bigint", "t", last);
	drop_empty(o);
}

/* Rows (day, key, cls, n) of res into out. */
static void
read_rows(const PGresult *res, GArray *out)
{
	for (int i = 0; res != NULL && i < PQntuples(res); i++) {
		seal_stat_row r = { 0 };

		r.day = col_i64(res, i, 0);
		r.key = col_str(res, i, 1);
		r.cls = col_str(res, i, 2);
		r.n = col_i64(res, i, 3);
		g_array_append_val(out, r);
	}
}

seal_status
seal_pg_audit_stats(void *backend, const seal_stat_query *q, GArray *out, seal_err *err)
{
	const char *sql;
	PGresult *res;
	pg_op o;

	int counted = seal_stat_counted(q);

	switch (q->by) {
	case SEAL_STAT_ACTION_CLASS:
		sql = q->per_day ? (counted ? c_per_day_sql : per_day_sql)
		    : (counted ? c_action_class_sql : action_class_sql);
		break;
	case SEAL_STAT_KIND: sql = counted ? c_kinds_sql : kinds_sql; break;
	case SEAL_STAT_REFUSED_SENDER:
		sql = counted ? c_refused_sender_sql : refused_sender_sql;
		break;
	case SEAL_STAT_REFUSED_DOMAIN:
		sql = counted ? c_refused_domain_sql : refused_domain_sql;
		break;
	default: return seal_err_set(err, SEAL_ERR_USAGE, "postgresql store: unknown statistics");
	}
	seal_pg_op_start(&o, backend, "count the audit log", NULL, err);
	res = seal_pg_op_q(&o, 0, sql, "iiii", q->origin, q->from, q->to,
		q->limit == 0 || q->limit > INT64_MAX ? INT64_MAX : (int64_t)q->limit);
	if (o.st == SEAL_OK)
		read_rows(res, out);
	PQclear(res);
	return seal_pg_op_end(&o);
}

seal_status
seal_pg_held_ages(void *backend, int64_t now, GArray *out, seal_err *err)
{
	PGresult *res;
	pg_op o;

	seal_pg_op_start(&o, backend, "count held messages", NULL, err);
	res = seal_pg_op_q(&o, 0, "SELECT ($1::bigint - h.time) / 86400 AS d, NULL, NULL, count(*)"
		" FROM held h WHERE h.state = 'held' GROUP BY d ORDER BY d", "i", now);
	if (o.st == SEAL_OK)
		read_rows(res, out);
	PQclear(res);
	return seal_pg_op_end(&o);
}
