/*
 * store_sqlite_sql.c - the statement helpers of the SQLite backend
 * (store_sqlite_internal.h): errors with SQLite's message, transactions,
 * statements with bound values, queries built from optional filters.
 *
 * store_sqlite.c (schema, audit log) and store_sqlite_held.c (held
 * messages) both run their SQL through these; this file calls neither.
 * Values are always bound, never formatted into SQL.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "store_sqlite_internal.h"

seal_status
seal_sq_fail(sq *b, const char *what, seal_err *err)
{
	int rc = sqlite3_errcode(b->db);

	/* SQLite's messages name tables and constraints, never values. */
	return seal_err_set(err, rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? SEAL_ERR_TIMEOUT
	    : SEAL_ERR_IO, "sqlite store: %s: %s", what, sqlite3_errmsg(b->db));
}

/* Statements without values: transactions, pragmas, migrations. */
seal_status
seal_sq_run(sq *b, const char *sql, const char *what, seal_err *err)
{
	if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return seal_sq_fail(b, what, err);
	return SEAL_OK;
}

void
seal_sq_rollback(sq *b)
{
	if (!sqlite3_get_autocommit(b->db))
		(void)sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
}

seal_status
seal_sq_commit(sq *b, seal_err *err)
{
	seal_status st = seal_sq_run(b, "COMMIT", "commit", err);

	seal_sq_rollback(b);
	return st;
}

/*
 * Prepares sql and binds one value per letter of types: 's' text (NULL as
 * ""), 'n' text or SQL NULL, 'i' int64_t. NULL on failure (err set).
 */
static sqlite3_stmt *
vquery(sq *b, seal_err *err, const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt *st = NULL;
	const char *v;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
		seal_sq_fail(b, "prepare", err);
		sqlite3_finalize(st);
		return NULL;
	}
	for (int i = 0; types[i] != '\0'; i++) {
		if (types[i] == 'i') {
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
			continue;
		}
		v = va_arg(ap, const char *);
		if (v == NULL && types[i] == 'n')
			sqlite3_bind_null(st, i + 1);
		else
			sqlite3_bind_text(st, i + 1, v != NULL ? v : "", -1, SQLITE_STATIC);
	}
	return st;
}

sqlite3_stmt *
seal_sq_query(sq *b, seal_err *err, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, types);
	st = vquery(b, err, sql, types, ap);
	va_end(ap);
	return st;
}

/* Runs a statement that returns no rows; *changes (may be NULL) gets the rows it changed. */
seal_status
seal_sq_exec(sq *b, seal_err *err, int64_t *changes, const char *what, const char *sql,
	const char *types, ...)
{
	sqlite3_stmt *st;
	seal_status rc;
	va_list ap;

	va_start(ap, types);
	st = vquery(b, err, sql, types, ap);
	va_end(ap);
	if (st == NULL)
		return SEAL_ERR_IO;
	rc = sqlite3_step(st) == SQLITE_DONE ? SEAL_OK : seal_sq_fail(b, what, err);
	sqlite3_finalize(st);
	if (changes != NULL)
		*changes = rc == SEAL_OK ? sqlite3_changes(b->db) : 0;
	return rc;
}

/* Appends frag and binds s (type 's') or i (type 'i') to each '?' in it. */
void
seal_sq_qb_add(qb *q, const char *frag, char type, const char *s, int64_t i)
{
	g_string_append(q->sql, frag);
	for (const char *p = frag; (p = strchr(p, '?')) != NULL; p++) {
		g_assert(q->n < SQ_MAX_BIND);
		q->type[q->n] = type;
		q->s[q->n] = s;
		q->i[q->n++] = i;
	}
}

sqlite3_stmt *
seal_sq_qb_prepare(sq *b, qb *q, seal_err *err)
{
	sqlite3_stmt *st = seal_sq_query(b, err, q->sql->str, "");

	for (int k = 0; st != NULL && k < q->n; k++)
		if (q->type[k] == 'i')
			sqlite3_bind_int64(st, k + 1, q->i[k]);
		else
			sqlite3_bind_text(st, k + 1, q->s[k], -1, SQLITE_STATIC);
	g_string_free(q->sql, TRUE);
	q->sql = NULL;
	return st;
}
