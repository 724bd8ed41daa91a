/*
 * store_sqlite_internal.h - what the three files of the SQLite backend
 * share: store_sqlite.c (the connection, the schema and its migrations,
 * the audit log, the ops table), store_sqlite_held.c (held messages:
 * quarantine files, the held index, transitions, the held part of a
 * purge), store_sqlite_consent.c (the consent table) and, below them,
 * store_sqlite_sql.c (the statement helpers they
 * run their SQL through). Not part of libseal's interface; only these
 * three files include it.
 */
#ifndef SEAL_STORE_SQLITE_INTERNAL_H
#define SEAL_STORE_SQLITE_INTERNAL_H

#include <stdint.h>

#include <glib.h>
#include <sqlite3.h>

#include "store_internal.h"

/* Most values one built query binds. */
#define SQ_MAX_BIND 16

typedef struct sq {
	sqlite3 *db;
	char *qdir;               /* quarantine_dir; NULL: cannot hold */
	int version;
} sq;

/* ---------------------------------------------------------------- store_sqlite_sql.c */

/* SEAL_ERR_TIMEOUT (busy, locked) or SEAL_ERR_IO with SQLite's message. */
seal_status seal_sq_fail(sq *b, const char *what, seal_err *err);

/* Runs SQL without values (transactions, pragmas). */
seal_status seal_sq_run(sq *b, const char *sql, const char *what, seal_err *err);

/* Ends an open transaction, if any, without its changes. */
void seal_sq_rollback(sq *b);

seal_status seal_sq_commit(sq *b, seal_err *err);

/*
 * Prepares sql and binds one value per letter of types: 's' text (NULL as
 * ""), 'n' text or SQL NULL, 'i' int64_t. NULL on failure (err set).
 */
sqlite3_stmt *seal_sq_query(sq *b, seal_err *err, const char *sql, const char *types, ...);

/* Runs a statement that returns no rows; *changes (may be NULL) gets the rows it changed. */
seal_status seal_sq_exec(sq *b, seal_err *err, int64_t *changes, const char *what,
	const char *sql, const char *types, ...);

/* A query whose filters depend on the request; values stay bound. */
typedef struct qb {
	GString *sql;
	int n;
	char type[SQ_MAX_BIND];
	const char *s[SQ_MAX_BIND];
	int64_t i[SQ_MAX_BIND];
} qb;

/* Appends frag and binds s (type 's') or i (type 'i') to each '?' in it. */
void seal_sq_qb_add(qb *q, const char *frag, char type, const char *s, int64_t i);

/* Prepares the built query with its values bound; frees q->sql. NULL on failure. */
sqlite3_stmt *seal_sq_qb_prepare(sq *b, qb *q, seal_err *err);

static inline char *
col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return g_strdup(t != NULL ? (const char *)t : "");
}

/* ---------------------------------------------------------------- store_sqlite_held.c */

seal_status seal_sq_hold(void *backend, seal_held *h, const char *msg, size_t len, int *unsure,
	seal_err *err);
seal_status seal_sq_held_list(void *backend, const seal_held_query *q, GPtrArray *out,
	seal_err *err);
seal_status seal_sq_held_count(void *backend, const seal_held_query *q, int64_t *count,
	seal_err *err);
seal_status seal_sq_held_get(void *backend, const char *id, seal_held **out, GString *msg,
	seal_err *err);
seal_status seal_sq_held_transition(void *backend, const char *id, seal_held_state from,
	seal_held_state to, const char *officer, const char *reason, seal_err *err);
seal_status seal_sq_held_drop_content(void *backend, const char *id, seal_err *err);

/*
 * The held part of a purge, inside the purge's transaction: removes the
 * rows of messages held before `before`; their IDs go to ids (char *).
 */
seal_status seal_sq_purge_held(sq *b, int64_t before, GPtrArray *ids, int64_t *count,
	seal_err *err);

/*
 * After the purge committed: removes the files of ids, and files no row
 * names that are older than before.
 */
seal_status seal_sq_purge_files(sq *b, const GPtrArray *ids, int64_t before, seal_err *err);

/* ---------------------------------------------------------------- store_sqlite_stats.c */

seal_status seal_sq_audit_stats(void *backend, const seal_stat_query *q, GArray *out,
	seal_err *err);
seal_status seal_sq_held_ages(void *backend, int64_t now, GArray *out, seal_err *err);

/*
 * The count tables (store_internal.h) change with the audit table in the
 * same transaction, by these statements only: the appended record counted
 * in, the purged ones counted out, and at migration to version 5 every
 * record counted, so the counts are always those of the records there.
 * range selects the records (of audit a); sign "" adds, "-" takes away.
 * The self-test's canaries (audit_canary, store_internal.h) are never
 * counted: when a "selftest" record names one, it is counted out.
 */
#define SQ_COUNT_ACTION(sign, range) "INSERT INTO audit_count_action (start, action, cls, n)" \
	" SELECT " SEAL_COUNT_START("a.time") ", a.action, a.cls, " sign "count(*) FROM audit a" \
	" WHERE " range " AND a.cls <> ''" SEAL_NOT_CANARY("a.id") " GROUP BY 1, 2, 3" \
	" ON CONFLICT (start, action, cls)" \
	" DO UPDATE SET n = audit_count_action.n + excluded.n"
#define SQ_COUNT_KINDS(sign, range) "INSERT INTO audit_count_kinds (start, kinds, n)" \
	" SELECT " SEAL_COUNT_START("a.time") ", a.kinds, " sign "count(*) FROM audit a" \
	" WHERE " range " AND a.kinds <> ''" SEAL_NOT_CANARY("a.id") " GROUP BY 1, 2" \
	" ON CONFLICT (start, kinds)" \
	" DO UPDATE SET n = audit_count_kinds.n + excluded.n"
#define SQ_COUNT_REFUSED(sign, range) "INSERT INTO audit_count_refused (start, sender, n)" \
	" SELECT " SEAL_COUNT_START("a.time") ", lower(a.sender), " sign "count(*) FROM audit a" \
	" WHERE " range " AND a.action = 'refuse' AND a.cls <> '' AND a.sender <> ''" \
	SEAL_NOT_CANARY("a.id") " GROUP BY 1, 2 ON CONFLICT (start, sender) DO UPDATE SET n = audit_count_refused.n" \
	" + excluded.n"

/*
 * Counts record r in (inside the append's transaction, r inserted); a
 * "selftest" record's canary out, once.
 */
seal_status seal_sq_counts_add(sq *b, const seal_audit_record *r, seal_err *err);
/*
 * Counts the records up to id out (inside the purge's transaction, before
 * the DELETE), and forgets the canaries among them.
 */
seal_status seal_sq_counts_take(sq *b, int64_t last, seal_err *err);

/* ---------------------------------------------------------------- store_sqlite_consent.c */

seal_status seal_sq_consent_get(void *backend, const char *address, seal_consent_entry *out,
	int *found, seal_err *err);
seal_status seal_sq_consent_list(void *backend, GArray *out, seal_err *err);
seal_status seal_sq_consent_put(void *backend, const seal_consent_entry *e, seal_err *err);

/* ---------------------------------------------------------------- store_sqlite_request.c */

seal_status seal_sq_request_put(void *backend, const char *held_id, int64_t time,
	const char *text, int *added, seal_err *err);
seal_status seal_sq_request_get(void *backend, const char *held_id, int64_t *time, char **text,
	seal_err *err);

#endif
