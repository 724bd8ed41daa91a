/*
 * store_pg.c - the PostgreSQL backend of the store (store_internal.h):
 * several relays share one database, held messages live in it as bytea.
 *
 * Every value travels as a query parameter (PQexecParams); the SQL is
 * fixed text. Optional filters are "$n IS NULL OR ..." terms: libpq's
 * unnamed statements are planned with the values bound, so the terms that
 * do not apply fold away and the indexes still serve. Errors carry the
 * server's primary message alone: its detail and context parts may quote
 * row values (a duplicate key, a failing row).
 *
 * The audit chain's head is one row of audit_meta. An append locks it
 * (SELECT ... FOR UPDATE) for its whole transaction, so appends from
 * several relays queue up and each one chains onto the hash the previous
 * one committed. Record IDs come from that row too (last_id + 1), not from
 * a sequence: a sequence skips numbers when a transaction rolls back, and
 * the verifier reads a gap in the IDs as records removed.
 *
 * This file: the connection, the schema and its migrations, the audit log,
 * the purge and the ops table. Held messages (index and content,
 * transitions, their part of a purge) are in store_pg_held.c; the
 * operations both use (pg_op: statements, transactions, reconnecting,
 * error text) are in store_pg_op.c, below the two, so neither calls the
 * other back; store_pg_internal.h is what the three share.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <libpq-fe.h>

#include "store_pg_internal.h"

/* Used when the URI has no connect_timeout of its own (seconds). */
#define PG_CONNECT_TIMEOUT "10"
/* Serialises schema migrations of relays starting at the same time. */
#define PG_MIGRATION_LOCK  "7305916502"
/* Records per audit_walk batch: memory stays flat on a long chain. */
#define PG_WALK_BATCH      "500"

/* ---------------------------------------------------------------- the schema */

static const char *const pg_migration_1[] = {
	"CREATE TABLE audit (id BIGINT PRIMARY KEY, time BIGINT NOT NULL, relay TEXT NOT NULL, "
	"queue_id TEXT NOT NULL, message_id TEXT NOT NULL, auth_user TEXT NOT NULL, "
	"sender TEXT NOT NULL, cls TEXT NOT NULL, action TEXT NOT NULL, kinds TEXT NOT NULL, "
	"rules TEXT NOT NULL, detail TEXT NOT NULL, hash TEXT NOT NULL, prev_hash TEXT NOT NULL)",
	"CREATE INDEX audit_time ON audit (time)",
	"CREATE INDEX audit_sender ON audit (" LOWER_C("sender") ")",
	/* pos: recipients and fingerprints are hashed in their order. */
	"CREATE TABLE audit_rcpt (audit_id BIGINT NOT NULL REFERENCES audit ON DELETE CASCADE, "
	"pos INTEGER NOT NULL, address TEXT NOT NULL, action TEXT NOT NULL, "
	"PRIMARY KEY (audit_id, pos))",
	"CREATE INDEX audit_rcpt_address ON audit_rcpt (" LOWER_C("address") ")",
	"CREATE TABLE audit_fp (audit_id BIGINT NOT NULL REFERENCES audit ON DELETE CASCADE, "
	"pos INTEGER NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (audit_id, pos))",
	"CREATE INDEX audit_fp_fingerprint ON audit_fp (fingerprint)",
	/* head: what the next record chains onto; anchor: what the oldest kept one does. */
	"CREATE TABLE audit_meta (k INTEGER PRIMARY KEY CHECK (k = 1), head TEXT NOT NULL, "
	"anchor TEXT NOT NULL, last_id BIGINT NOT NULL)",
	"INSERT INTO audit_meta VALUES (1, '" SEAL_STORE_GENESIS "', '" SEAL_STORE_GENESIS "', 0)",
	"CREATE TABLE held (id TEXT PRIMARY KEY, time BIGINT NOT NULL, relay TEXT NOT NULL, "
	"queue_id TEXT NOT NULL, message_id TEXT NOT NULL, auth_user TEXT NOT NULL, "
	"sender TEXT NOT NULL, reason TEXT NOT NULL, findings TEXT NOT NULL, "
	"subject TEXT NOT NULL, state TEXT NOT NULL "
	"CHECK (state IN ('held', 'releasing', 'released', 'refused', 'deleted')), "
	"officer TEXT, officer_reason TEXT, size BIGINT NOT NULL, content BYTEA)",
	"CREATE INDEX held_time ON held (time)",
	"CREATE INDEX held_sender ON held (" LOWER_C("sender") ")",
	"CREATE INDEX held_state ON held (state, time)",
	"CREATE TABLE held_rcpt (held_id TEXT NOT NULL REFERENCES held ON DELETE CASCADE, "
	"pos INTEGER NOT NULL, address TEXT NOT NULL, PRIMARY KEY (held_id, pos))",
	"CREATE INDEX held_rcpt_address ON held_rcpt (" LOWER_C("address") ")",
	NULL
};

/* 2: consent to service messages in cleartext (profile dk), shared by the relays */
static const char *const pg_migration_2[] = {
	"CREATE TABLE consent (address TEXT PRIMARY KEY, given TEXT NOT NULL, "
	"withdrawn TEXT NOT NULL DEFAULT '')",
	NULL
};

/* 3: the sender's request for release of a held message, once per message */
static const char *const pg_migration_3[] = {
	"CREATE TABLE release_request (held_id TEXT PRIMARY KEY REFERENCES held ON DELETE CASCADE, "
	"time BIGINT NOT NULL, text TEXT NOT NULL)",
	NULL
};

/*
 * 4: the console's overview, /metrics and audit search count by time,
 * action and class, by kinds, and the refusals by sender, from covering
 * indexes rather than the table (IF NOT EXISTS: a database set back to
 * an older version for a test keeps them).
 */
static const char *const pg_migration_4[] = {
	"CREATE INDEX IF NOT EXISTS audit_time_action ON audit (time, action, cls)",
	"CREATE INDEX IF NOT EXISTS audit_time_kinds ON audit (time, kinds) WHERE kinds <> ''",
	"CREATE INDEX IF NOT EXISTS audit_refused ON audit (time, sender, cls) WHERE action = 'refuse'",
	/* a person's records without reading audit_fp's rows; held pages in order, no sort */
	"CREATE INDEX IF NOT EXISTS audit_fp_record ON audit_fp (fingerprint, audit_id)",
	"CREATE INDEX IF NOT EXISTS held_page ON held (state, time, id)",
	NULL
};

/*
 * 5: the overview and /metrics read counts per hour kept with each
 * append (store_internal.h), not the log. Built anew from the records
 * there (a database set back to an older version for a test may still
 * have the tables).
 */
static const char *const pg_migration_5[] = {
	"DROP TABLE IF EXISTS audit_count_action, audit_count_kinds, audit_count_refused",
	"CREATE TABLE audit_count_action (start BIGINT NOT NULL, action TEXT NOT NULL, "
	"cls TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (start, action, cls))",
	"CREATE TABLE audit_count_kinds (start BIGINT NOT NULL, kinds TEXT NOT NULL, "
	"n BIGINT NOT NULL, PRIMARY KEY (start, kinds))",
	"CREATE TABLE audit_count_refused (start BIGINT NOT NULL, sender TEXT COLLATE \"C\" "
	"NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (start, sender))",
	/* filled by version 6, which knows the canaries */
	NULL
};

/*
 * 6: the self-test's canaries are not counted (store_internal.h): the
 * ids the "selftest" records name, and every count anew without them.
 * The same test of the detail as seal_audit_canary_of.
 */
static const char *const pg_migration_6[] = {
	"DROP TABLE IF EXISTS audit_canary",
	"CREATE TABLE audit_canary (id BIGINT PRIMARY KEY)",
	"INSERT INTO audit_canary (id) SELECT DISTINCT substring(detail from"
	" '^canary=([1-9][0-9]{0,17})(?: |$)')::bigint FROM audit"
	" WHERE action = '" SEAL_AUDIT_SELFTEST_ACTION "' AND detail ~ '^canary=[1-9][0-9]{0,17}( |$)'",
	"DELETE FROM audit_count_action",
	"DELETE FROM audit_count_kinds",
	"DELETE FROM audit_count_refused",
	PG_COUNT_ACTION("", "true"),
	PG_COUNT_KINDS("", "true"),
	PG_COUNT_REFUSED("", "true"),
	NULL
};

/* Index: the version a migration brings the database to. */
static const char *const *const pg_migrations[] = { NULL, pg_migration_1, pg_migration_2,
	pg_migration_3, pg_migration_4, pg_migration_5, pg_migration_6 };
G_STATIC_ASSERT(G_N_ELEMENTS(pg_migrations) == SEAL_STORE_SCHEMA_VERSION + 1);

/* ---------------------------------------------------------------- the queries */

/* The text columns of a record, in column order. */
static const size_t audit_text_off[] = {
	offsetof(seal_audit_record, relay), offsetof(seal_audit_record, queue_id),
	offsetof(seal_audit_record, message_id), offsetof(seal_audit_record, auth_user),
	offsetof(seal_audit_record, sender), offsetof(seal_audit_record, cls),
	offsetof(seal_audit_record, action), offsetof(seal_audit_record, kinds),
	offsetof(seal_audit_record, rules), offsetof(seal_audit_record, detail),
};
#define AUDIT_NTEXT ((int)G_N_ELEMENTS(audit_text_off))


#define AUDIT_READ(match) { \
	"SELECT a.id, a.time, a.relay, a.queue_id, a.message_id, a.auth_user, a.sender, a.cls, " \
	"a.action, a.kinds, a.rules, a.detail, a.hash" match, \
	"SELECT c.audit_id, c.address, c.action FROM audit_rcpt c WHERE c.audit_id IN " \
	"(SELECT a.id" match ") ORDER BY c.audit_id, c.pos", \
	"SELECT c.audit_id, c.fingerprint FROM audit_fp c WHERE c.audit_id IN " \
	"(SELECT a.id" match ") ORDER BY c.audit_id, c.pos" }

/*
 * sender, recipient, action, fingerprint ($4, as FP says), from, to, limit, kind, offset,
 * no_selftest
 */
#define AUDIT_SEARCH(fp, order) AUDIT_READ(" FROM audit a WHERE " \
	"($1::text IS NULL OR " LOWER_C("a.sender") " = " LOWER_C("$1") ") AND " \
	"($2::text IS NULL OR EXISTS (SELECT 1 FROM audit_rcpt r WHERE r.audit_id = a.id AND " \
	LOWER_C("r.address") " = " LOWER_C("$2") ")) AND " \
	"($3::text IS NULL OR a.action = $3 OR EXISTS (SELECT 1 FROM audit_rcpt r WHERE " \
	"r.audit_id = a.id AND r.action = $3)) AND " fp " AND " \
	"($5::bigint = 0 OR a.time >= $5) AND ($6::bigint = 0 OR a.time <= $6) AND " \
	"($8::text IS NULL OR strpos(',' || a.kinds, ',' || $8 || ':') > 0) AND " \
	"($10::int = 0 OR (a.action <> '" SEAL_AUDIT_SELFTEST_ACTION "'" \
	SEAL_NOT_CANARY("a.id") ")) " \
	"ORDER BY " order " LIMIT $7::bigint OFFSET $9::bigint")
#define BY_TIME "a.time DESC, a.id DESC"
#define BY_ID "a.id DESC"
static const pg_read audit_search_sql[2] = {
	AUDIT_SEARCH("$4::text IS NULL", BY_TIME), AUDIT_SEARCH("$4::text IS NULL", BY_ID)
};
/*
 * With a fingerprint (`sealctl audit search --id`): a plain semi-join the
 * planner runs from the fingerprint index; inside "$4 IS NULL OR EXISTS"
 * it could not (measured over 1 M records: 46 ms instead of 213 ms).
 */
#define FP_MATCH "a.id IN (SELECT f.audit_id FROM audit_fp f WHERE f.fingerprint = $4)"
static const pg_read audit_search_fp_sql[2] = {
	AUDIT_SEARCH(FP_MATCH, BY_TIME), AUDIT_SEARCH(FP_MATCH, BY_ID)
};

/* the last ID seen */
static const pg_read audit_walk_sql = AUDIT_READ(" FROM audit a WHERE a.id > $1::bigint "
	"ORDER BY a.id LIMIT " PG_WALK_BATCH);

/* ---------------------------------------------------------------- open, migrate, close */

/*
 * One migration (or none, when the database is current) in a transaction,
 * under a lock that makes a relay starting at the same moment wait and
 * then find the work done.
 */
static seal_status
pg_migrate_step(pg_backend *b, int *done, seal_err *err)
{
	PGresult *res;
	pg_op o;
	int v = -1;

	seal_pg_op_start(&o, b, "migrate", "BEGIN", err);
	seal_pg_op_do(&o, "SELECT pg_advisory_xact_lock(" PG_MIGRATION_LOCK ")", "");
	/* Not CREATE ... IF NOT EXISTS: that needs the CREATE right even when nothing is done. */
	if ((res = seal_pg_op_q(&o, 0, "SELECT to_regclass('schema_version') IS NULL", ""))
	    != NULL && strcmp(PQgetvalue(res, 0, 0), "t") == 0)
		seal_pg_op_do(&o, "CREATE TABLE schema_version (version INTEGER NOT NULL)", "");
	PQclear(res);
	if ((res = seal_pg_op_q(&o, 0, "SELECT coalesce(max(version), 0) FROM schema_version",
	    "")) != NULL)
		v = (int)col_i64(res, 0, 0);
	PQclear(res);
	if (v > SEAL_STORE_SCHEMA_VERSION)
		seal_pg_op_fail(&o, SEAL_ERR_CONFIG, "the database has schema version %d, newer "
			"than this program's %d: run the newer program", v,
			SEAL_STORE_SCHEMA_VERSION);
	*done = v == SEAL_STORE_SCHEMA_VERSION;
	/* v >= 0: a failed read leaves v at -1 (and o.st set; said for the analysers). */
	if (o.st == SEAL_OK && !*done && v >= 0) {
		for (const char *const *q = pg_migrations[v + 1]; *q != NULL; q++)
			seal_pg_op_do(&o, *q, "");
		seal_pg_op_do(&o, "DELETE FROM schema_version", "");
		seal_pg_op_do(&o, "INSERT INTO schema_version VALUES ($1)", "i", (int64_t)v + 1);
	}
	if (*done)
		b->version = v;
	return seal_pg_op_end(&o);
}

static void
pg_close(void *backend)
{
	pg_backend *b = backend;

	if (b == NULL)
		return;
	PQfinish(b->conn);
	g_free(b);
}

static void
pg_quiet(void *arg, const char *message)
{
	/* The core never logs ("relation ... already exists, skipping" and the like). */
	(void)arg;
	(void)message;
}

static seal_status
pg_open(seal_store *s, const char *spec, const char *quarantine_dir, void **backend,
	seal_err *err)
{
	/*
	 * Later keywords win: the URI may set its own timeouts and name, not the
	 * encoding. Keepalives and the TCP user timeout notice a server that
	 * went away without closing the connection (about a minute); the
	 * server-side timeouts end a statement stuck behind a lock another
	 * relay holds, so mail is tempfailed instead of waiting for ever.
	 */
	static const char *const keys[] = {
		"connect_timeout", "keepalives_idle", "keepalives_interval", "keepalives_count",
		"tcp_user_timeout", "application_name", "options", "dbname", "client_encoding",
		NULL
	};
	const char *vals[] = {
		PG_CONNECT_TIMEOUT, "30", "10", "3", "60000", "sealmilter",
		"-c statement_timeout=60s -c lock_timeout=30s "
		"-c idle_in_transaction_session_timeout=120s", spec, "UTF8", NULL
	};
	pg_backend *b = g_new0(pg_backend, 1);
	pg_op o = { .b = b, .what = "cannot connect", .err = err, .st = SEAL_OK };
	int done = 0;

	(void)s;
	(void)quarantine_dir;
	*backend = NULL;
	if ((b->conn = PQconnectdbParams(keys, vals, 1)) == NULL) {
		g_free(b);
		return seal_err_set(err, SEAL_ERR_NOMEM, "postgresql store: out of memory");
	}
	PQsetNoticeProcessor(b->conn, pg_quiet, NULL);
	if (PQstatus(b->conn) != CONNECTION_OK)
		seal_pg_op_fail_server(&o, NULL);
	while (o.st == SEAL_OK && !done)
		o.st = pg_migrate_step(b, &done, err);
	if (o.st != SEAL_OK) {
		pg_close(b);
		return o.st;
	}
	*backend = b;
	return SEAL_OK;
}

static int
pg_schema_version(void *backend)
{
	return ((pg_backend *)backend)->version;
}

/* ---------------------------------------------------------------- audit log */

/*
 * Invalid UTF-8 (the database would refuse it) is repaired in the record
 * itself, before hashing, so the chain covers what the database holds.
 */
static void
repair(char **s)
{
	char *t;

	if (*s != NULL && !g_utf8_validate(*s, -1, NULL)) {
		t = g_utf8_make_valid(*s, -1);
		g_free(*s);
		*s = t;
	}
}

static seal_status
pg_audit_append(const seal_store_key *key, void *backend, seal_audit_record *r, seal_err *err)
{
	GString *addr = g_string_new("{"), *act = g_string_new("{"), *fps = g_string_new("{");
	char prev[65] = "", hash[65] = "";
	int64_t id = 0;
	PGresult *res;
	seal_status st;
	pg_op o;

	for (int k = 0; k < AUDIT_NTEXT; k++)
		repair(field(r, audit_text_off[k]));
	for (guint i = 0; i < r->rcpts->len; i++) {
		seal_audit_rcpt *a = g_ptr_array_index(r->rcpts, i);

		repair(&a->address);
		repair(&a->action);
		seal_pg_array_add(addr, a->address);
		seal_pg_array_add(act, a->action);
	}
	for (guint i = 0; i < r->fingerprints->len; i++)
		seal_pg_array_add(fps, g_ptr_array_index(r->fingerprints, i));
	g_string_append_c(addr, '}');
	g_string_append_c(act, '}');
	g_string_append_c(fps, '}');

	seal_pg_op_start(&o, backend, "append audit record", "BEGIN", err);
	res = seal_pg_op_q(&o, 0, "SELECT head, last_id FROM audit_meta WHERE k = 1 FOR UPDATE",
		"");
	if (res != NULL && PQntuples(res) == 1) {
		g_strlcpy(prev, PQgetvalue(res, 0, 0), sizeof(prev));
		id = col_i64(res, 0, 1) + 1;
	} else if (res != NULL) {
		seal_pg_op_fail(&o, SEAL_ERR_IO, "the audit chain head is missing");
	}
	PQclear(res);
	if (o.st == SEAL_OK && (st = seal_store_record_hash(key, prev, r, hash)) != SEAL_OK)
		seal_pg_op_fail(&o, st, "cannot compute the audit chain hash");
	seal_pg_op_do(&o, "INSERT INTO audit (id, time, relay, queue_id, message_id, auth_user, "
		"sender, cls, action, kinds, rules, detail, hash, prev_hash) VALUES ($1, $2, $3, "
		"$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)", "iitttttttttttt", id, r->time,
		r->relay, r->queue_id, r->message_id, r->auth_user, r->sender, r->cls, r->action,
		r->kinds, r->rules, r->detail, hash, prev);
	/* One statement per table, however many recipients: the chain lock is held meanwhile. */
	seal_pg_op_do(&o, "INSERT INTO audit_rcpt (audit_id, pos, address, action) SELECT "
		"$1::bigint, n - 1, a, c FROM unnest($2::text[], $3::text[]) "
		"WITH ORDINALITY AS t(a, c, n)", "itt", id, addr->str, act->str);
	seal_pg_op_do(&o, "INSERT INTO audit_fp (audit_id, pos, fingerprint) SELECT $1::bigint, "
		"n - 1, f FROM unnest($2::text[]) WITH ORDINALITY AS t(f, n)", "it", id, fps->str);
	seal_pg_counts_add(&o, r, id);
	seal_pg_op_do(&o, "UPDATE audit_meta SET head = $1, last_id = $2 WHERE k = 1", "ti", hash,
		id);
	if (seal_pg_op_end(&o) == SEAL_OK) {
		r->id = id;
		memcpy(r->hash, hash, sizeof(r->hash));
	}
	g_string_free(addr, TRUE);
	g_string_free(act, TRUE);
	g_string_free(fps, TRUE);
	return o.st;
}

static seal_audit_record *
audit_from_row(const PGresult *res, int i)
{
	seal_audit_record *r = seal_audit_record_new();

	r->id = col_i64(res, i, 0);
	r->time = col_i64(res, i, 1);
	for (int k = 0; k < AUDIT_NTEXT; k++)
		*field(r, audit_text_off[k]) = col_str(res, i, 2 + k);
	g_strlcpy(r->hash, PQgetvalue(res, i, 2 + AUDIT_NTEXT), sizeof(r->hash));
	return r;
}

/*
 * Appends the records a read finds to out, complete with recipients and
 * fingerprints (its three statements take the same values).
 */
static void
audit_fetch(pg_op *o, const pg_read *q, GPtrArray *out, const char *types, ...)
{
	GHashTable *by_id = g_hash_table_new(g_int64_hash, g_int64_equal);
	va_list ap, ap2, ap3;
	PGresult *res;

	va_start(ap, types);
	va_copy(ap2, ap);
	va_copy(ap3, ap);
	res = seal_pg_op_vq(o, 0, q->rows, types, ap);
	for (int i = 0; res != NULL && i < PQntuples(res); i++) {
		seal_audit_record *r = audit_from_row(res, i);

		g_ptr_array_add(out, r);
		g_hash_table_insert(by_id, &r->id, r);
	}
	if (res != NULL && PQntuples(res) > 0) {
		PQclear(res);
		res = seal_pg_op_vq(o, 0, q->rcpts, types, ap2);
		for (int i = 0; res != NULL && i < PQntuples(res); i++) {
			int64_t id = col_i64(res, i, 0);
			seal_audit_record *r = g_hash_table_lookup(by_id, &id);

			if (r != NULL)
				seal_audit_record_add_rcpt(r, PQgetvalue(res, i, 1),
					PQgetvalue(res, i, 2));
		}
		PQclear(res);
		res = seal_pg_op_vq(o, 0, q->fps, types, ap3);
		for (int i = 0; res != NULL && i < PQntuples(res); i++) {
			int64_t id = col_i64(res, i, 0);
			seal_audit_record *r = g_hash_table_lookup(by_id, &id);

			if (r != NULL)
				g_ptr_array_add(r->fingerprints, g_strdup(PQgetvalue(res, i, 1)));
		}
	}
	PQclear(res);
	va_end(ap3);
	va_end(ap2);
	va_end(ap);
	g_hash_table_destroy(by_id);
}

static void
free_record(gpointer p)
{
	seal_audit_record_free(p);
}

static seal_status
pg_audit_search(void *backend, const seal_audit_query *q, GPtrArray *out, seal_err *err)
{
	GPtrArray *found = g_ptr_array_new_with_free_func(free_record);
	pg_op o;

	seal_pg_op_start(&o, backend, "search audit log", PG_BEGIN_READ, err);
	audit_fetch(&o, q->fingerprint != NULL ? &audit_search_fp_sql[q->by_id != 0]
		: &audit_search_sql[q->by_id != 0], found,
		"ttttiiitii", q->sender, q->recipient, q->action,
		q->fingerprint, q->from, q->to,
		q->limit == 0 || q->limit > INT64_MAX ? INT64_MAX : (int64_t)q->limit, q->kind,
		q->offset > INT64_MAX ? INT64_MAX : (int64_t)q->offset, (int64_t)q->no_selftest);
	return seal_pg_op_end_move(&o, found, out);
}

static seal_status
pg_audit_walk(void *backend, char anchor[65],
	seal_status (*fn)(void *ctx, const seal_audit_record *r), void *ctx, seal_err *err)
{
	GPtrArray *batch = g_ptr_array_new_with_free_func(free_record);
	int64_t last = 0;
	PGresult *res;
	pg_op o;

	/* One snapshot for the whole walk: appends and purges meanwhile are not seen. */
	seal_pg_op_start(&o, backend, "walk audit log", PG_BEGIN_READ, err);
	res = seal_pg_op_q(&o, 0, "SELECT anchor FROM audit_meta WHERE k = 1", "");
	if (res != NULL && PQntuples(res) == 1)
		g_strlcpy(anchor, PQgetvalue(res, 0, 0), 65);
	else if (res != NULL)
		seal_pg_op_fail(&o, SEAL_ERR_IO, "the audit chain has no anchor");
	PQclear(res);
	do {
		g_ptr_array_set_size(batch, 0);
		audit_fetch(&o, &audit_walk_sql, batch, "i", last);
		for (guint i = 0; i < batch->len && o.st == SEAL_OK; i++) {
			const seal_audit_record *r = g_ptr_array_index(batch, i);
			seal_status st = fn(ctx, r);

			/* fn has no seal_err: say at least where the walk stopped. */
			if (st != SEAL_OK)
				seal_pg_op_fail(&o, st, "audit walk stopped at record %" PRId64,
					r->id);
			last = r->id;
		}
	} while (o.st == SEAL_OK && batch->len > 0);
	g_ptr_array_free(batch, TRUE);
	return seal_pg_op_end(&o);
}

/* ---------------------------------------------------------------- retention */

static seal_status
pg_purge(void *backend, int64_t audit_before, int64_t held_before, seal_purge_counts *counts,
	seal_err *err)
{
	seal_purge_counts c = { 0, 0 };
	PGresult *res;
	pg_op o;

	seal_pg_op_start(&o, backend, "purge", "BEGIN", err);
	/* The chain head's lock keeps appends out until the anchor has moved. */
	seal_pg_op_do(&o, "SELECT 1 FROM audit_meta WHERE k = 1 FOR UPDATE", "");
	/*
	 * The oldest records go as a prefix of the chain: up to the first one
	 * new enough, even when a later one is older (relays' clocks and queues
	 * differ), so what stays is one unbroken chain from the new anchor.
	 */
	res = seal_pg_op_q(&o, 0, "SELECT id, hash FROM audit WHERE id < coalesce((SELECT min(id) "
		"FROM audit WHERE time >= $1), 9223372036854775807) ORDER BY id DESC LIMIT 1", "i",
		audit_before);
	if (res != NULL && PQntuples(res) == 1) {
		seal_pg_counts_take(&o, PQgetvalue(res, 0, 0));
		c.audit = seal_pg_op_do(&o, "DELETE FROM audit WHERE id <= $1", "t",
			PQgetvalue(res, 0, 0));
		seal_pg_op_do(&o, "UPDATE audit_meta SET anchor = $1 WHERE k = 1", "t",
			PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	c.held = seal_pg_purge_held(&o, held_before);
	if (seal_pg_op_end(&o) == SEAL_OK && counts != NULL)
		*counts = c;
	return o.st;
}

const seal_store_ops seal_store_pg_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.schema_version = pg_schema_version,
	.audit_append = pg_audit_append,
	.audit_search = pg_audit_search,
	.audit_walk = pg_audit_walk,
	.hold = seal_pg_hold,
	.held_list = seal_pg_held_list,
	.held_count = seal_pg_held_count,
	.audit_stats = seal_pg_audit_stats,
	.held_ages = seal_pg_held_ages,
	.held_get = seal_pg_held_get,
	.held_transition = seal_pg_held_transition,
	.held_drop_content = seal_pg_held_drop_content,
	.consent_get = seal_pg_consent_get,
	.consent_list = seal_pg_consent_list,
	.consent_put = seal_pg_consent_put,
	.request_put = seal_pg_request_put,
	.request_get = seal_pg_request_get,
	.purge = pg_purge,
};
