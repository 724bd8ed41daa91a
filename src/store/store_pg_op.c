/*
 * store_pg_op.c - the operations of the PostgreSQL backend
 * (store_pg_internal.h): one statement with its values given inline, the
 * transaction around an operation, reconnecting after a lost connection,
 * and error text that carries the server's primary message alone (its
 * detail and context parts may quote row values).
 *
 * store_pg.c (schema, audit log, purge) and store_pg_held.c (held
 * messages) both run their SQL through these; this file calls neither.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <libpq-fe.h>

#include "store_pg_internal.h"

/* Most parameters one statement takes. */
#define PG_MAX_PARAMS      16
/* Bytes of an error message kept from the server. */
#define PG_MAX_MSG         200

void
seal_pg_op_fail(pg_op *o, seal_status code, const char *fmt, ...)
{
	char buf[PG_MAX_MSG + 100];
	va_list ap;

	if (o->st != SEAL_OK)
		return;
	va_start(ap, fmt);
	g_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	o->st = seal_err_set(o->err, code, "postgresql store: %s", buf);
}

/* SEAL_ERR_IO (or _TIMEOUT) with the first line of the server's primary message. */
void
seal_pg_op_fail_server(pg_op *o, const PGresult *res)
{
	ExecStatusType rs = res != NULL ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	const char *m = NULL, *state = NULL;
	char buf[PG_MAX_MSG];

	if (res != NULL && rs != PGRES_FATAL_ERROR && rs != PGRES_NONFATAL_ERROR) {
		seal_pg_op_fail(o, SEAL_ERR_IO, "%s: unexpected %s", o->what, PQresStatus(rs));
		return;
	}
	if (res != NULL) {
		m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	}
	if (m == NULL || m[0] == '\0')
		m = PQerrorMessage(o->b->conn);
	g_strlcpy(buf, m != NULL && m[0] != '\0' ? m : "unknown error", sizeof(buf));
	buf[strcspn(buf, "\r\n")] = '\0';
	/* query_canceled (statement_timeout) and lock_not_available (lock_timeout) */
	seal_pg_op_fail(o, state != NULL && (strcmp(state, "57014") == 0
		|| strcmp(state, "55P03") == 0) ? SEAL_ERR_TIMEOUT : SEAL_ERR_IO, "%s: %s", o->what,
		buf);
}

/* s itself when NULL or valid UTF-8, else a repaired copy kept in own. */
static const char *
utf8_valid(const char *s, GPtrArray *own)
{
	char *t;

	if (s == NULL || g_utf8_validate(s, -1, NULL))
		return s;
	t = g_utf8_make_valid(s, -1);
	g_ptr_array_add(own, t);
	return t;
}

/*
 * Runs one statement with its values given inline, a letter of types
 * each: t text (const char *, NULL for SQL NULL), i int64_t, b binary
 * (const char *, size_t). Returns the result (caller PQclears) or NULL
 * after a failure.
 */
PGresult *
seal_pg_op_vq(pg_op *o, int binary_result, const char *sql, const char *types, va_list ap)
{
	const char *v[PG_MAX_PARAMS];
	int len[PG_MAX_PARAMS] = { 0 }, fmt[PG_MAX_PARAMS] = { 0 };
	char num[PG_MAX_PARAMS][24];
	GPtrArray *own;
	PGresult *res;
	ExecStatusType rs;
	int n;

	if (o->st != SEAL_OK)
		return NULL;
	own = g_ptr_array_new_with_free_func(g_free);
	/* types is NUL-terminated: the loop stops at its end, which cppcheck's
	 * value flow (types = "" at some callers) does not follow. */
	/* cppcheck-suppress arrayIndexOutOfBoundsCond */
	for (n = 0; n < PG_MAX_PARAMS && types[n] != '\0'; n++) {
		if (types[n] == 'i') {
			g_snprintf(num[n], sizeof(num[n]), "%" PRId64, va_arg(ap, int64_t));
			v[n] = num[n];
		} else if (types[n] == 'b') {
			v[n] = va_arg(ap, const char *);
			len[n] = (int)va_arg(ap, size_t);
			fmt[n] = 1;
		} else {
			/* The database refuses invalid UTF-8; refusing would tempfail for ever. */
			v[n] = utf8_valid(va_arg(ap, const char *), own);
		}
	}
	res = PQexecParams(o->b->conn, sql, n, NULL, v, len, fmt, binary_result);
	g_ptr_array_free(own, TRUE);
	rs = PQresultStatus(res);
	if (res != NULL && (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK))
		return res;
	seal_pg_op_fail_server(o, res);
	PQclear(res);
	return NULL;
}

PGresult *
seal_pg_op_q(pg_op *o, int binary_result, const char *sql, const char *types, ...)
{
	PGresult *res;
	va_list ap;

	va_start(ap, types);
	res = seal_pg_op_vq(o, binary_result, sql, types, ap);
	va_end(ap);
	return res;
}

/* A statement whose only result is the number of rows it touched. */
int64_t
seal_pg_op_do(pg_op *o, const char *sql, const char *types, ...)
{
	PGresult *res;
	int64_t n = 0;
	va_list ap;

	va_start(ap, types);
	res = seal_pg_op_vq(o, 0, sql, types, ap);
	va_end(ap);
	if (res != NULL)
		n = g_ascii_strtoll(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return n;
}

static void
pg_rollback(pg_backend *b)
{
	if (PQtransactionStatus(b->conn) != PQTRANS_IDLE)
		PQclear(PQexec(b->conn, "ROLLBACK"));
}

/*
 * Starts an operation, in a transaction when begin is not NULL. A
 * connection lost since the last operation (server restarted) is opened
 * again, so a long-lived store recovers by itself.
 */
void
seal_pg_op_start(pg_op *o, pg_backend *b, const char *what, const char *begin, seal_err *err)
{
	*o = (pg_op){ .b = b, .what = what, .err = err, .st = SEAL_OK };
	if (PQstatus(b->conn) != CONNECTION_OK) {
		PQreset(b->conn);
		if (PQstatus(b->conn) != CONNECTION_OK) {
			seal_pg_op_fail_server(o, NULL);
			return;
		}
	}
	pg_rollback(b);
	if (begin == NULL)
		return;
	seal_pg_op_do(o, begin, "");
	/* Lost while idle (a restart the last operation did not see): nothing was done yet. */
	if (o->st != SEAL_OK && PQstatus(b->conn) == CONNECTION_BAD) {
		PQreset(b->conn);
		if (PQstatus(b->conn) == CONNECTION_OK) {
			o->st = SEAL_OK;
			seal_err_clear(err);
			seal_pg_op_do(o, begin, "");
		}
	}
}

/* Commits when all went well (a failed transaction's COMMIT answers ROLLBACK). */
seal_status
seal_pg_op_end(pg_op *o)
{
	if (o->st == SEAL_OK && PQtransactionStatus(o->b->conn) == PQTRANS_INTRANS) {
		PGresult *res = seal_pg_op_q(o, 0, "COMMIT", "");

		/* No answer at all: the server may have committed before it went. */
		if (res == NULL && PQstatus(o->b->conn) != CONNECTION_OK)
			o->commit_lost = 1;
		if (res != NULL && strcmp(PQcmdStatus(res), "COMMIT") != 0)
			seal_pg_op_fail(o, SEAL_ERR_IO, "%s: transaction rolled back", o->what);
		PQclear(res);
	}
	pg_rollback(o->b);
	return o->st;
}

/* Adds s to the PostgreSQL array literal in a ("{" before the first, "}" after the last). */
void
seal_pg_array_add(GString *a, const char *s)
{
	g_string_append(a, a->len > 1 ? ",\"" : "\"");
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			g_string_append_c(a, '\\');
		g_string_append_c(a, *s);
	}
	g_string_append_c(a, '"');
}

/* Moves found to out when the operation succeeded (all or nothing), frees the rest. */
seal_status
seal_pg_op_end_move(pg_op *o, GPtrArray *found, GPtrArray *out)
{
	if (seal_pg_op_end(o) == SEAL_OK)
		for (guint i = 0; i < found->len; i++)
			g_ptr_array_add(out, g_steal_pointer(&g_ptr_array_index(found, i)));
	g_ptr_array_free(found, TRUE);
	return o->st;
}
