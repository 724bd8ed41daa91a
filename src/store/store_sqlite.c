/*
 * store_sqlite.c - the SQLite backend of the store (store_internal.h):
 * audit log and quarantine index in one database file, held messages as
 * files in quarantine_dir.
 *
 * One connection per seal_store. WAL lets readers (sealctl) run beside
 * the writer; synchronous=FULL makes a COMMIT durable before it returns;
 * every write is one transaction started with BEGIN IMMEDIATE, so two
 * processes appending to the chain queue on the database lock (busy
 * timeout) instead of both reading the same head. Reads run in one
 * snapshot (BEGIN ... ROLLBACK). Values are always bound, never formatted
 * into SQL.
 *
 * This file: the connection, the schema and its migrations, the audit log,
 * the audit part of a purge and the ops table. Held messages (quarantine
 * files, index, transitions, their part of a purge) are in
 * store_sqlite_held.c; the statement helpers both use are in
 * store_sqlite_sql.c, below the two, so neither calls the other back;
 * store_sqlite_internal.h is what the three share.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <sqlite3.h>

#include "store_sqlite_internal.h"

/* How long a writer waits for another one before the operation fails. */
#define SQ_BUSY_MS 10000

/* ---------------------------------------------------------------- schema */

/* migrations[i] takes a database from version i to i + 1. */
static const char *const migrations[] = {
	"CREATE TABLE audit ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT," /* never reused, even after a purge */
	" time INTEGER NOT NULL, relay TEXT NOT NULL, queue_id TEXT NOT NULL,"
	" message_id TEXT NOT NULL, auth_user TEXT NOT NULL, sender TEXT NOT NULL,"
	" cls TEXT NOT NULL, action TEXT NOT NULL, kinds TEXT NOT NULL, rules TEXT NOT NULL,"
	" detail TEXT NOT NULL, hash TEXT NOT NULL, prev_hash TEXT NOT NULL);"
	"CREATE INDEX audit_time ON audit(time);"
	"CREATE INDEX audit_sender ON audit(lower(sender));"
	"CREATE TABLE audit_rcpt ("
	" audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL, address TEXT NOT NULL, action TEXT NOT NULL,"
	" PRIMARY KEY (audit_id, seq));"
	"CREATE INDEX audit_rcpt_address ON audit_rcpt(lower(address));"
	"CREATE TABLE audit_fp ("
	" audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (audit_id, seq));"
	"CREATE INDEX audit_fp_fingerprint ON audit_fp(fingerprint);"
	/*
	 * anchor: the hash the oldest remaining record links to (genesis until a
	 * purge); head: the hash the next one will link to. Kept apart from the
	 * rows, so records deleted at the end break the chain at the next append.
	 */
	"CREATE TABLE audit_meta (id INTEGER PRIMARY KEY CHECK (id = 1), anchor TEXT NOT NULL,"
	" head TEXT NOT NULL);"
	"INSERT INTO audit_meta (id, anchor, head) VALUES (1, '" SEAL_STORE_GENESIS "', '"
	SEAL_STORE_GENESIS "');"
	"CREATE TABLE held ("
	" id TEXT NOT NULL PRIMARY KEY, time INTEGER NOT NULL, relay TEXT NOT NULL,"
	" queue_id TEXT NOT NULL, message_id TEXT NOT NULL, auth_user TEXT NOT NULL,"
	" sender TEXT NOT NULL, reason TEXT NOT NULL, findings TEXT NOT NULL,"
	" subject TEXT NOT NULL, state TEXT NOT NULL"
	"  CHECK (state IN ('held', 'releasing', 'released', 'refused', 'deleted')),"
	" officer TEXT, officer_reason TEXT, size INTEGER NOT NULL);"
	"CREATE INDEX held_time ON held(time);"
	"CREATE INDEX held_sender ON held(lower(sender));"
	"CREATE INDEX held_state ON held(state, time);"
	"CREATE TABLE held_rcpt ("
	" held_id TEXT NOT NULL REFERENCES held(id) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL, address TEXT NOT NULL, PRIMARY KEY (held_id, seq));"
	"CREATE INDEX held_rcpt_address ON held_rcpt(lower(address));"
	"PRAGMA user_version = 1;",
	/* 2: consent to service messages in cleartext (profile dk), shared by the relays */
	"CREATE TABLE consent (address TEXT NOT NULL PRIMARY KEY, given TEXT NOT NULL,"
	" withdrawn TEXT NOT NULL DEFAULT '');"
	"PRAGMA user_version = 2;",
	/* 3: the sender's request for release of a held message, once per message */
	"CREATE TABLE release_request ("
	" held_id TEXT NOT NULL PRIMARY KEY REFERENCES held(id) ON DELETE CASCADE,"
	" time INTEGER NOT NULL, text TEXT NOT NULL);"
	"PRAGMA user_version = 3;",
	/*
	 * 4: the console's overview, /metrics and audit search count by time,
	 * action and class, by kinds, and the refusals by sender, from
	 * covering indexes rather than the table.
	 */
	"CREATE INDEX IF NOT EXISTS audit_time_action ON audit(time, action, cls);"
	"CREATE INDEX IF NOT EXISTS audit_time_kinds ON audit(time, kinds) WHERE kinds <> '';"
	"CREATE INDEX IF NOT EXISTS audit_refused ON audit(time, sender, cls) WHERE action = 'refuse';"
	/* a person's records without reading audit_fp's rows; held pages in order, no sort */
	"CREATE INDEX IF NOT EXISTS audit_fp_record ON audit_fp(fingerprint, audit_id);"
	"CREATE INDEX IF NOT EXISTS held_page ON held(state, time, id);"
	"PRAGMA user_version = 4;",
	/*
	 * 5: the overview and /metrics read counts per hour kept with
	 * each append (store_internal.h), not the log. Built anew from the
	 * records there (a database set back to an older version for a test
	 * may still have the tables).
	 */
	"DROP TABLE IF EXISTS audit_count_action;"
	"DROP TABLE IF EXISTS audit_count_kinds;"
	"DROP TABLE IF EXISTS audit_count_refused;"
	"CREATE TABLE audit_count_action (start INTEGER NOT NULL, action TEXT NOT NULL,"
	" cls TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (start, action, cls)) WITHOUT ROWID;"
	"CREATE TABLE audit_count_kinds (start INTEGER NOT NULL, kinds TEXT NOT NULL,"
	" n INTEGER NOT NULL, PRIMARY KEY (start, kinds)) WITHOUT ROWID;"
	"CREATE TABLE audit_count_refused (start INTEGER NOT NULL, sender TEXT NOT NULL,"
	" n INTEGER NOT NULL, PRIMARY KEY (start, sender)) WITHOUT ROWID;"
	/* filled by version 6, which knows the canaries */
	"PRAGMA user_version = 5;",
	/*
	 * 6: the self-test's canaries are not counted (store_internal.h):
	 * the ids the "selftest" records name, and every count anew
	 * without them. The same test of the detail as seal_audit_canary_of.
	 */
	"DROP TABLE IF EXISTS audit_canary;"
	"CREATE TABLE audit_canary (id INTEGER PRIMARY KEY);"
	"INSERT OR IGNORE INTO audit_canary (id) SELECT c FROM (SELECT"
	" CAST(substr(detail, 8) AS INTEGER) AS c, detail FROM audit"
	" WHERE action = '" SEAL_AUDIT_SELFTEST_ACTION "' AND substr(detail, 1, 8) GLOB 'canary=[1-9]')"
	" WHERE c < 1000000000000000000 AND (detail = 'canary=' || c"
	" OR substr(detail, 1, length(c) + 8) = 'canary=' || c || ' ');"
	"DELETE FROM audit_count_action;"
	"DELETE FROM audit_count_kinds;"
	"DELETE FROM audit_count_refused;"
	SQ_COUNT_ACTION("", "true") ";"
	SQ_COUNT_KINDS("", "true") ";"
	SQ_COUNT_REFUSED("", "true") ";"
	"PRAGMA user_version = 6;",
};

G_STATIC_ASSERT(G_N_ELEMENTS(migrations) == SEAL_STORE_SCHEMA_VERSION);

#define AUDIT_COLS "a.id, a.time, a.relay, a.queue_id, a.message_id, a.auth_user, a.sender," \
	" a.cls, a.action, a.kinds, a.rules, a.detail, a.hash"

/* ---------------------------------------------------------------- open, close */

static int
user_version(sq *b, seal_err *err)
{
	sqlite3_stmt *st = seal_sq_query(b, err, "PRAGMA user_version", "");
	int v = -1;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else if (st != NULL)
		seal_sq_fail(b, "read the schema version", err);
	sqlite3_finalize(st);
	return v;
}

/*
 * Each migration in its own transaction. A current database costs no
 * write lock; otherwise the version is re-read under the lock, so two
 * processes opening a new database at once migrate it once.
 */
static seal_status
migrate(sq *b, seal_err *err)
{
	seal_status rc = SEAL_OK;
	int v, locked = 0;

	while ((v = user_version(b, err)) >= 0 && v < SEAL_STORE_SCHEMA_VERSION) {
		if (!locked) {
			if ((rc = seal_sq_run(b, "BEGIN IMMEDIATE", "begin migration", err))
			    != SEAL_OK)
				return rc;
			locked = 1;
			continue;
		}
		if ((rc = seal_sq_run(b, migrations[v], "migrate the schema", err)) != SEAL_OK
		    || (rc = seal_sq_commit(b, err)) != SEAL_OK)
			break;
		locked = 0;
	}
	seal_sq_rollback(b);
	if (rc != SEAL_OK || v < 0)
		return rc != SEAL_OK ? rc : SEAL_ERR_IO;
	if (v > SEAL_STORE_SCHEMA_VERSION)
		return seal_err_set(err, SEAL_ERR_CONFIG, "sqlite store: the database has schema "
		    "version %d, newer than this program's %d: run the newer sealmilter or restore "
		    "a matching database", v, SEAL_STORE_SCHEMA_VERSION);
	b->version = v;
	return SEAL_OK;
}

/*
 * Entering WAL needs an exclusive lock and SQLite does not wait for it
 * (no busy handler; on a busy database it keeps the old mode and says so):
 * retry while another connection is opening the same new database.
 */
static seal_status
set_wal(sq *b, seal_err *err)
{
	const unsigned char *mode;
	sqlite3_stmt *st;
	int step, wal;

	for (int waited = 0;; waited += 10) {
		if ((st = seal_sq_query(b, err, "PRAGMA journal_mode = WAL", "")) == NULL)
			return SEAL_ERR_IO;
		step = sqlite3_step(st);
		mode = step == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
		wal = mode != NULL && g_ascii_strcasecmp((const char *)mode, "wal") == 0;
		sqlite3_finalize(st);
		if (wal)
			return SEAL_OK;
		if ((step != SQLITE_ROW && step != SQLITE_BUSY) || waited >= SQ_BUSY_MS)
			return seal_err_set(err, SEAL_ERR_IO, "sqlite store: cannot enter WAL mode: %s",
			    sqlite3_errmsg(b->db));
		g_usleep(10 * 1000);
	}
}

static void
sq_close(void *backend)
{
	sq *b = backend;

	if (b == NULL)
		return;
	sqlite3_close_v2(b->db);
	g_free(b->qdir);
	g_free(b);
}

static seal_status
sq_open(seal_store *s, const char *spec, const char *qdir, void **backend, seal_err *err)
{
	const char *path = spec + strlen("sqlite:");
	seal_status rc;
	sq *b;
	int fd;

	(void)s;
	*backend = NULL;
	if (path[0] == '\0')
		return seal_err_set(err, SEAL_ERR_CONFIG,
		    "sqlite store: no file name (sqlite:/var/lib/sealmilter/seal.db)");
	/*
	 * Create the file 0600 before SQLite does (it would use 0644 less the
	 * umask): the log names senders and recipients. The -wal and -shm files
	 * take the database file's mode.
	 *
	 * O_EXCL: only a file that did not exist is opened here. Closing a
	 * descriptor of a file drops every POSIX lock this process holds on
	 * it, including the locks of the SQLite connections other threads of
	 * the process already have open (sealweb, the milter): another
	 * process would then take them for gone, checkpoint and remove the
	 * WAL under their feet.
	 */
	if ((fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY,
	    S_IRUSR | S_IWUSR)) >= 0)
		(void)close(fd);
	else if (errno != EEXIST)
		return seal_err_set(err, SEAL_ERR_IO, "sqlite store: cannot open %s: %s", path,
		    g_strerror(errno));
	b = g_new0(sq, 1);
	b->qdir = qdir != NULL && qdir[0] != '\0' ? g_strdup(qdir) : NULL;
	/* One connection per store and thread: SQLite's own mutexes are not needed. */
	if (sqlite3_open_v2(path, &b->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
	    != SQLITE_OK) {
		rc = b->db != NULL ? seal_sq_fail(b, "open", err)
		    : seal_err_set(err, SEAL_ERR_NOMEM, "sqlite store: out of memory");
		sq_close(b);
		return rc;
	}
	sqlite3_busy_timeout(b->db, SQ_BUSY_MS);
	rc = set_wal(b, err);
	if (rc == SEAL_OK)
		rc = seal_sq_run(b, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", "set up",
		    err);
	if (rc == SEAL_OK)
		rc = migrate(b, err);
	if (rc != SEAL_OK) {
		sq_close(b);
		return rc;
	}
	*backend = b;
	return SEAL_OK;
}

static int
sq_schema_version(void *backend)
{
	return ((sq *)backend)->version;
}

/* ---------------------------------------------------------------- audit log */

/* The hash the next record links to. */
static seal_status
chain_head(sq *b, char prev[65], seal_err *err)
{
	sqlite3_stmt *st = seal_sq_query(b, err, "SELECT head FROM audit_meta WHERE id = 1", "");
	const unsigned char *t;
	seal_status rc = SEAL_OK;

	if (st == NULL)
		return SEAL_ERR_IO;
	if (sqlite3_step(st) != SQLITE_ROW || (t = sqlite3_column_text(st, 0)) == NULL
	    || strlen((const char *)t) != 64)
		rc = seal_err_set(err, SEAL_ERR_IO, "sqlite store: the audit chain has no head");
	else
		g_strlcpy(prev, (const char *)t, 65);
	sqlite3_finalize(st);
	return rc;
}

static seal_status
insert_audit(sq *b, seal_audit_record *r, const char *prev, seal_err *err)
{
	seal_status rc;

	rc = seal_sq_exec(b, err, NULL, "insert an audit record", "INSERT INTO audit (time, relay,"
	    " queue_id, message_id, auth_user, sender, cls, action, kinds, rules, detail, hash,"
	    " prev_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "issssssssssss",
	    r->time, r->relay, r->queue_id, r->message_id, r->auth_user, r->sender, r->cls,
	    r->action, r->kinds, r->rules, r->detail, r->hash, prev);
	r->id = sqlite3_last_insert_rowid(b->db);
	for (guint i = 0; rc == SEAL_OK && i < r->rcpts->len; i++) {
		const seal_audit_rcpt *rc_ = g_ptr_array_index(r->rcpts, i);

		rc = seal_sq_exec(b, err, NULL, "insert an audit recipient",
		    "INSERT INTO audit_rcpt (audit_id, seq, address, action) VALUES (?, ?, ?, ?)",
		    "iiss", r->id, (int64_t)i, rc_->address, rc_->action);
	}
	for (guint i = 0; rc == SEAL_OK && i < r->fingerprints->len; i++)
		rc = seal_sq_exec(b, err, NULL, "insert an audit fingerprint",
		    "INSERT INTO audit_fp (audit_id, seq, fingerprint) VALUES (?, ?, ?)", "iis",
		    r->id, (int64_t)i, (const char *)g_ptr_array_index(r->fingerprints, i));
	if (rc == SEAL_OK)
		rc = seal_sq_counts_add(b, r, err);
	if (rc == SEAL_OK)
		rc = seal_sq_exec(b, err, NULL, "move the chain head",
		    "UPDATE audit_meta SET head = ? WHERE id = 1", "s", r->hash);
	return rc;
}

static seal_status
sq_audit_append(const seal_store_key *key, void *backend, seal_audit_record *r, seal_err *err)
{
	sq *b = backend;
	char prev[65];
	seal_status rc;

	/* IMMEDIATE takes the write lock now: nobody appends between head and insert. */
	if ((rc = seal_sq_run(b, "BEGIN IMMEDIATE", "begin append", err)) != SEAL_OK)
		return rc;
	rc = chain_head(b, prev, err);
	if (rc == SEAL_OK && seal_store_record_hash(key, prev, r, r->hash) != SEAL_OK)
		rc = seal_err_set(err, SEAL_ERR_USAGE, "sqlite store: no audit chain key");
	if (rc == SEAL_OK)
		rc = insert_audit(b, r, prev, err);
	if (rc == SEAL_OK)
		rc = seal_sq_commit(b, err);
	seal_sq_rollback(b);
	if (rc != SEAL_OK) {
		r->id = 0;
		r->hash[0] = '\0';
	}
	return rc;
}

/* Reads a row of AUDIT_COLS, then its recipients and fingerprints in order. */
static seal_status
load_audit(sq *b, sqlite3_stmt *row, seal_audit_record **out, seal_err *err)
{
	seal_audit_record *r = seal_audit_record_new();
	char **f[] = { &r->relay, &r->queue_id, &r->message_id, &r->auth_user, &r->sender,
	    &r->cls, &r->action, &r->kinds, &r->rules, &r->detail };
	sqlite3_stmt *st;
	int step = SQLITE_ERROR;

	r->id = sqlite3_column_int64(row, 0);
	r->time = sqlite3_column_int64(row, 1);
	for (int i = 0; i < (int)G_N_ELEMENTS(f); i++)
		*f[i] = col_str(row, i + 2);
	g_strlcpy(r->hash, (const char *)sqlite3_column_text(row, 12), sizeof(r->hash));
	if ((st = seal_sq_query(b, err, "SELECT address, action FROM audit_rcpt WHERE audit_id = ?"
	    " ORDER BY seq", "i", r->id)) != NULL) {
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
			seal_audit_record_add_rcpt(r, (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
	}
	if (step == SQLITE_DONE && (st = seal_sq_query(b, err, "SELECT fingerprint FROM audit_fp"
	    " WHERE audit_id = ? ORDER BY seq", "i", r->id)) != NULL) {
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
			g_ptr_array_add(r->fingerprints, col_str(st, 0));
		sqlite3_finalize(st);
	} else if (step == SQLITE_DONE) {
		step = SQLITE_ERROR;
	}
	if (step != SQLITE_DONE) {
		seal_audit_record_free(r);
		return seal_sq_fail(b, "read an audit record", err);
	}
	*out = r;
	return SEAL_OK;
}

/*
 * Runs a prepared AUDIT_COLS query in one snapshot (a concurrent purge
 * cannot take recipients away from a record being read) and hands each
 * complete record to fn, or appends it to out when fn is NULL. Finalizes row.
 */
static seal_status
each_audit(sq *b, sqlite3_stmt *row, seal_status (*fn)(void *, const seal_audit_record *),
	void *ctx, GPtrArray *out, seal_err *err)
{
	int own = sqlite3_get_autocommit(b->db), step = SQLITE_DONE;
	seal_audit_record *r = NULL;
	seal_status rc;

	if (row == NULL)
		return SEAL_ERR_IO;
	/* Inside a caller's transaction (the walk) read in that one. */
	rc = own ? seal_sq_run(b, "BEGIN", "begin read", err) : SEAL_OK;
	while (rc == SEAL_OK && (step = sqlite3_step(row)) == SQLITE_ROW) {
		if ((rc = load_audit(b, row, &r, err)) != SEAL_OK)
			break;
		if (fn == NULL) {
			g_ptr_array_add(out, r);
			continue;
		}
		rc = fn(ctx, r);
		seal_audit_record_free(r);
	}
	if (rc == SEAL_OK && step != SQLITE_DONE)
		rc = seal_sq_fail(b, "read the audit log", err);
	sqlite3_finalize(row);
	if (own)
		seal_sq_rollback(b);      /* read only: nothing to commit */
	return rc;
}

static seal_status
sq_audit_search(void *backend, const seal_audit_query *q, GPtrArray *out, seal_err *err)
{
	qb w = { .sql = g_string_new("SELECT " AUDIT_COLS " FROM audit a WHERE 1 = 1") };

	if (q->sender != NULL)
		seal_sq_qb_add(&w, " AND lower(a.sender) = lower(?)", 's', q->sender, 0);
	if (q->recipient != NULL)
		seal_sq_qb_add(&w, " AND EXISTS (SELECT 1 FROM audit_rcpt r WHERE r.audit_id = a.id"
		    " AND lower(r.address) = lower(?))", 's', q->recipient, 0);
	if (q->action != NULL)
		seal_sq_qb_add(&w, " AND (a.action = ? OR EXISTS (SELECT 1 FROM audit_rcpt r"
		    " WHERE r.audit_id = a.id AND r.action = ?))", 's', q->action, 0);
	if (q->fingerprint != NULL)
		seal_sq_qb_add(&w, " AND a.id IN (SELECT audit_id FROM audit_fp"
		    " WHERE fingerprint = ?)", 's', q->fingerprint, 0);
	/* A whole name in "dk-cpr:2,health:1": instr, so '%' and '_' are literal. */
	if (q->kind != NULL)
		seal_sq_qb_add(&w, " AND instr(',' || a.kinds, ',' || ? || ':') > 0", 's', q->kind,
		    0);
	if (q->from != 0)
		seal_sq_qb_add(&w, " AND a.time >= ?", 'i', NULL, q->from);
	if (q->to != 0)
		seal_sq_qb_add(&w, " AND a.time <= ?", 'i', NULL, q->to);
	if (q->no_selftest)
		g_string_append(w.sql, " AND a.action <> '" SEAL_AUDIT_SELFTEST_ACTION "'"
		    SEAL_NOT_CANARY("a.id"));
	g_string_append(w.sql, q->by_id ? " ORDER BY a.id DESC" : " ORDER BY a.time DESC, a.id DESC");
	seal_sq_qb_add(&w, " LIMIT ?", 'i', NULL, q->limit == 0 || q->limit > INT64_MAX
	    ? -1 : (int64_t)q->limit);
	seal_sq_qb_add(&w, " OFFSET ?", 'i', NULL, q->offset > INT64_MAX ? INT64_MAX
	    : (int64_t)q->offset);
	return each_audit(backend, seal_sq_qb_prepare(backend, &w, err), NULL, NULL, out, err);
}

static seal_status
sq_audit_walk(void *backend, char anchor[65],
	seal_status (*fn)(void *ctx, const seal_audit_record *r), void *ctx, seal_err *err)
{
	sq *b = backend;
	sqlite3_stmt *st;
	const unsigned char *t;
	seal_status rc;

	/* Anchor and records from one snapshot, or a purge could slip between. */
	if ((rc = seal_sq_run(b, "BEGIN", "begin walk", err)) != SEAL_OK)
		return rc;
	if ((st = seal_sq_query(b, err, "SELECT anchor FROM audit_meta WHERE id = 1", "")) == NULL)
		rc = SEAL_ERR_IO;
	else if (sqlite3_step(st) != SQLITE_ROW || (t = sqlite3_column_text(st, 0)) == NULL)
		rc = seal_err_set(err, SEAL_ERR_IO, "sqlite store: the audit chain has no anchor");
	else
		g_strlcpy(anchor, (const char *)t, 65);
	sqlite3_finalize(st);
	if (rc == SEAL_OK)
		rc = each_audit(b, seal_sq_query(b, err, "SELECT " AUDIT_COLS
		    " FROM audit a ORDER BY a.id", ""), fn, ctx, NULL, err);
	seal_sq_rollback(b);
	return rc;
}

/* ---------------------------------------------------------------- retention */

/*
 * Removes the oldest audit records: the longest prefix of the chain (in id
 * order) older than before, so the chain stays whole even when relays'
 * clocks disagree; the hash of the last one removed becomes the anchor.
 */
static seal_status
purge_audit(sq *b, int64_t before, int64_t *count, seal_err *err)
{
	sqlite3_stmt *st = seal_sq_query(b, err, "SELECT id, hash FROM audit"
	    " WHERE id < coalesce((SELECT min(id) FROM audit WHERE time >= ?), 9223372036854775807)"
	    " ORDER BY id DESC LIMIT 1", "i", before);
	char anchor[65] = "";
	int64_t last = 0;
	seal_status rc;
	int step;

	if (st == NULL)
		return SEAL_ERR_IO;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		last = sqlite3_column_int64(st, 0);
		g_strlcpy(anchor, (const char *)sqlite3_column_text(st, 1), sizeof(anchor));
	}
	sqlite3_finalize(st);
	if (step != SQLITE_ROW)   /* DONE: nothing old enough */
		return step == SQLITE_DONE ? SEAL_OK
		    : seal_sq_fail(b, "find old audit records", err);
	rc = seal_sq_counts_take(b, last, err);
	if (rc == SEAL_OK)
		rc = seal_sq_exec(b, err, NULL, "purge audit recipients", "DELETE FROM audit_rcpt"
		    " WHERE audit_id <= ?", "i", last);
	if (rc == SEAL_OK)
		rc = seal_sq_exec(b, err, NULL, "purge audit fingerprints", "DELETE FROM audit_fp"
		    " WHERE audit_id <= ?", "i", last);
	if (rc == SEAL_OK)
		rc = seal_sq_exec(b, err, count, "purge audit records",
		    "DELETE FROM audit WHERE id <= ?", "i", last);
	if (rc == SEAL_OK)
		rc = seal_sq_exec(b, err, NULL, "move the chain anchor",
		    "UPDATE audit_meta SET anchor = ? WHERE id = 1", "s", anchor);
	return rc;
}

static seal_status
sq_purge(void *backend, int64_t audit_before, int64_t held_before, seal_purge_counts *counts,
	seal_err *err)
{
	sq *b = backend;
	GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
	seal_status rc;

	if ((rc = seal_sq_run(b, "BEGIN IMMEDIATE", "begin purge", err)) == SEAL_OK) {
		if (audit_before > 0)
			rc = purge_audit(b, audit_before, &counts->audit, err);
		if (rc == SEAL_OK && held_before > 0)
			rc = seal_sq_purge_held(b, held_before, ids, &counts->held, err);
		if (rc == SEAL_OK)
			rc = seal_sq_commit(b, err);
		seal_sq_rollback(b);
	}
	/* Files only once the rows are gone for good: a failed purge loses nothing. */
	if (rc == SEAL_OK && held_before > 0)
		rc = seal_sq_purge_files(b, ids, held_before, err);
	else if (rc != SEAL_OK)
		counts->audit = counts->held = 0;
	g_ptr_array_free(ids, TRUE);
	return rc;
}

const seal_store_ops seal_store_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.schema_version = sq_schema_version,
	.audit_append = sq_audit_append,
	.audit_search = sq_audit_search,
	.audit_walk = sq_audit_walk,
	.hold = seal_sq_hold,
	.held_list = seal_sq_held_list,
	.held_count = seal_sq_held_count,
	.audit_stats = seal_sq_audit_stats,
	.held_ages = seal_sq_held_ages,
	.held_get = seal_sq_held_get,
	.held_transition = seal_sq_held_transition,
	.held_drop_content = seal_sq_held_drop_content,
	.consent_get = seal_sq_consent_get,
	.consent_list = seal_sq_consent_list,
	.consent_put = seal_sq_consent_put,
	.request_put = seal_sq_request_put,
	.request_get = seal_sq_request_get,
	.purge = sq_purge,
};
