/*
 * store_pg_internal.h - what the three files of the PostgreSQL backend
 * share: store_pg.c (the connection, the schema and its migrations, the
 * audit log, the purge, the ops table), store_pg_held.c (held messages:
 * their index and content, transitions, the held part of a purge) and,
 * below both, store_pg_op.c (the operations they run their SQL through).
 * Not part of libseal's interface; only these three files include it.
 */
#ifndef SEAL_STORE_PG_INTERNAL_H
#define SEAL_STORE_PG_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>
#include <libpq-fe.h>

#include "store_internal.h"

/* A consistent snapshot for reads that take several statements. */
#define PG_BEGIN_READ      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

/* Case-insensitive as SQLite's lower(): ASCII only, whatever the database's locale. */
#define LOWER_C(x) "lower((" x ")::text COLLATE \"C\")"

typedef struct pg_backend {
	PGconn *conn;
	int version;
} pg_backend;

/* A read: the rows, then their recipients (and fingerprints), from one WHERE clause. */
typedef struct pg_read {
	const char *rows, *rcpts, *fps;
} pg_read;

static inline char **
field(const void *obj, size_t off)
{
	return (char **)(void *)((char *)obj + off);
}

static inline char *
col_str(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : g_strdup(PQgetvalue(res, row, col));
}

static inline int64_t
col_i64(const PGresult *res, int row, int col)
{
	return g_ascii_strtoll(PQgetvalue(res, row, col), NULL, 10);
}

/* ---------------------------------------------------------------- store_pg_op.c */

/*
 * One operation (an append, a listing): its steps run while st is SEAL_OK;
 * the first failure sticks, later steps do nothing, seal_pg_op_end rolls
 * back.
 */
typedef struct pg_op {
	pg_backend *b;
	const char *what;        /* for messages: "append audit record" */
	seal_err *err;
	seal_status st;
	int commit_lost;         /* COMMIT sent, no answer: it may have been done */
} pg_op;

/* Fails the operation (unless it failed already) with "postgresql store: " and the text. */
void seal_pg_op_fail(pg_op *o, seal_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Fails the operation with the first line of the server's primary message
 * for res (NULL: the connection's message): SEAL_ERR_TIMEOUT for a
 * statement or lock timeout, else SEAL_ERR_IO.
 */
void seal_pg_op_fail_server(pg_op *o, const PGresult *res);

/*
 * Runs one statement with its values given inline, a letter of types
 * each: t text (const char *, NULL for SQL NULL), i int64_t, b binary
 * (const char *, size_t). Returns the result (caller PQclears) or NULL
 * after a failure.
 */
PGresult *seal_pg_op_vq(pg_op *o, int binary_result, const char *sql, const char *types,
	va_list ap);
PGresult *seal_pg_op_q(pg_op *o, int binary_result, const char *sql, const char *types, ...);

/* A statement whose only result is the number of rows it touched. */
int64_t seal_pg_op_do(pg_op *o, const char *sql, const char *types, ...);

/* Starts an operation, in a transaction when begin is not NULL (reconnecting if need be). */
void seal_pg_op_start(pg_op *o, pg_backend *b, const char *what, const char *begin,
	seal_err *err);

/* Commits when all went well, else rolls back; the operation's status. */
seal_status seal_pg_op_end(pg_op *o);

/* Moves found to out when the operation succeeded (all or nothing), frees the rest. */
seal_status seal_pg_op_end_move(pg_op *o, GPtrArray *found, GPtrArray *out);

/* Adds s to the PostgreSQL array literal in a ("{" before the first, "}" after the last). */
void seal_pg_array_add(GString *a, const char *s);

/* ---------------------------------------------------------------- store_pg_held.c */

seal_status seal_pg_hold(void *backend, seal_held *h, const char *msg, size_t len, int *unsure,
	seal_err *err);
seal_status seal_pg_held_list(void *backend, const seal_held_query *q, GPtrArray *out,
	seal_err *err);
seal_status seal_pg_held_count(void *backend, const seal_held_query *q, int64_t *count,
	seal_err *err);
seal_status seal_pg_held_get(void *backend, const char *id, seal_held **out, GString *msg,
	seal_err *err);
seal_status seal_pg_held_transition(void *backend, const char *id, seal_held_state from,
	seal_held_state to, const char *officer, const char *reason, seal_err *err);
seal_status seal_pg_held_drop_content(void *backend, const char *id, seal_err *err);

/*
 * The held part of a purge, inside the purge's transaction: deletes the
 * messages held before `before` (content and recipients go with the row).
 * The number deleted.
 */
int64_t seal_pg_purge_held(pg_op *o, int64_t before);

/* ---------------------------------------------------------------- store_pg_stats.c */

seal_status seal_pg_audit_stats(void *backend, const seal_stat_query *q, GArray *out,
	seal_err *err);
seal_status seal_pg_held_ages(void *backend, int64_t now, GArray *out, seal_err *err);

/*
 * The count tables (store_internal.h) change with the audit table in the
 * same transaction, by these statements only: the appended record counted
 * in, the purged ones counted out, and at migration to version 5 every
 * record counted, so the counts are always those of the records there.
 * range selects the records (of audit a); sign "" adds, "-" takes away.
 * The senders in the C collation, as LOWER_C makes them and the audit
 * table's refusals were ordered. The self-test's canaries (audit_canary,
 * store_internal.h) are never counted: when a "selftest" record names
 * one, it is counted out.
 */
#define PG_COUNT_ACTION(sign, range) "INSERT INTO audit_count_action (start, action, cls, n)" \
	" SELECT " SEAL_COUNT_START("a.time") ", a.action, a.cls, " sign "count(*) FROM audit a" \
	" WHERE " range " AND a.cls <> ''" SEAL_NOT_CANARY("a.id") " GROUP BY 1, 2, 3" \
	" ON CONFLICT (start, action, cls)" \
	" DO UPDATE SET n = audit_count_action.n + excluded.n"
#define PG_COUNT_KINDS(sign, range) "INSERT INTO audit_count_kinds (start, kinds, n)" \
	" SELECT " SEAL_COUNT_START("a.time") ", a.kinds, " sign "count(*) FROM audit a" \
	" WHERE " range " AND a.kinds <> ''" SEAL_NOT_CANARY("a.id") " GROUP BY 1, 2" \
	" ON CONFLICT (start, kinds)" \
	" DO UPDATE SET n = audit_count_kinds.n + excluded.n"
#define PG_COUNT_REFUSED(sign, range) "INSERT INTO audit_count_refused (start, sender, n)" \
	" SELECT " SEAL_COUNT_START("a.time") ", " LOWER_C("a.sender") ", " sign "count(*)" \
	" FROM audit a WHERE " range " AND a.action = 'refuse' AND a.cls <> ''" \
	" AND a.sender <> ''" SEAL_NOT_CANARY("a.id") " GROUP BY 1, 2 ON CONFLICT (start, sender)" \
	" DO UPDATE SET n = audit_count_refused.n + excluded.n"

/*
 * Counts record r, appended as id, in (inside the append's transaction);
 * a "selftest" record's canary out, once.
 */
void seal_pg_counts_add(pg_op *o, const seal_audit_record *r, int64_t id);
/*
 * Counts the records up to id last (text) out (in the purge's transaction,
 * before the DELETE), and forgets the canaries among them.
 */
void seal_pg_counts_take(pg_op *o, const char *last);

/* ---------------------------------------------------------------- store_pg_consent.c */

seal_status seal_pg_consent_get(void *backend, const char *address, seal_consent_entry *out,
	int *found, seal_err *err);
seal_status seal_pg_consent_list(void *backend, GArray *out, seal_err *err);
seal_status seal_pg_consent_put(void *backend, const seal_consent_entry *e, seal_err *err);

/* ---------------------------------------------------------------- store_pg_request.c */

seal_status seal_pg_request_put(void *backend, const char *held_id, int64_t time,
	const char *text, int *added, seal_err *err);
seal_status seal_pg_request_get(void *backend, const char *held_id, int64_t *time, char **text,
	seal_err *err);

#endif
