/*
 * test_store.c - the store (store.h) against whichever backend
 * SEAL_STORE_SPEC names. Unset: a fresh SQLite database and quarantine
 * directory in a temporary directory per test case. "postgresql://..."
 * (tests/t-store-pg.sh runs this binary so): the same cases against
 * PostgreSQL, each starting from an emptied schema; cases about files and
 * SQLite itself are then not registered, so the TAP count shows it.
 *
 * Tampering is done behind the store's back with plain SQL (sqlite3 or
 * libpq), using the table and column names both backends share. The only
 * identity number here is the synthetic 170583-1889, and only inside a
 * held message's content.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <libpq-fe.h>
#include <linux/capability.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sqlite3.h>

#include "check_main.h"
#include "fingerprint.h"
#include "store_internal.h"

#define DAY (24 * 3600)
#define T0 ((int64_t)1750000000)

static const unsigned char test_key[32] = "sealmilter test chain key 01234";

/* A variable, not a macro: failed assertions must not print the number. */
static const char held_mail[] =
	"From: Sagsbehandler <sb@kommune.example>\r\n"
	"To: bob@citizen.example\r\n"
	"Subject: Your case\r\n"
	"\r\n"
	"Regarding CPR 170583-1889, one more document is needed.\r\n";
#define HELD_LEN (sizeof(held_mail) - 1)

static int is_pg;                 /* set in main from SEAL_STORE_SPEC */
static char *root;                /* per run: main removes it, even after failed cases */
static char *tmp;                 /* per test case, inside root: removed in teardown */
static char *spec;
static char *qdir;

/* ---------------------------------------------------------------- fixture */

static void
rm_rf(const char *path)
{
	struct stat st;
	const char *name;
	GDir *d;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		(void)unlink(path);
		return;
	}
	(void)chmod(path, 0700);
	if ((d = g_dir_open(path, 0, NULL)) != NULL) {
		while ((name = g_dir_read_name(d)) != NULL) {
			char *child = g_build_filename(path, name, NULL);

			rm_rf(child);
			g_free(child);
		}
		g_dir_close(d);
	}
	(void)rmdir(path);
}

static PGconn *
pg_connect(void)
{
	PGconn *c = PQconnectdb(spec);

	ck_assert_msg(PQstatus(c) == CONNECTION_OK, "cannot connect to the test database: %s",
	    PQerrorMessage(c));
	return c;
}

/* Runs SQL on the test database behind the store's back. */
static void
raw_sql(const char *sql)
{
	if (is_pg) {
		PGconn *c = pg_connect();
		PGresult *r = PQexec(c, sql);

		ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK
		    || PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
		PQclear(r);
		PQfinish(c);
	} else {
		sqlite3 *db = NULL;
		char *e = NULL;

		ck_assert_int_eq(sqlite3_open(spec + strlen("sqlite:"), &db), SQLITE_OK);
		sqlite3_busy_timeout(db, 10000);
		ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &e) == SQLITE_OK, "%s: %s", sql, e);
		sqlite3_close(db);
	}
}

static void
raw_sqlf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static void
raw_sqlf(const char *fmt, ...)
{
	va_list ap;
	char *sql;

	va_start(ap, fmt);
	sql = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	raw_sql(sql);
	g_free(sql);
}

/* Every value of a query's result, tab-separated. */
static char *
raw_dump(const char *sql)
{
	GString *out = g_string_new(NULL);

	if (is_pg) {
		PGconn *c = pg_connect();
		PGresult *r = PQexec(c, sql);

		ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
		    PQerrorMessage(c));
		for (int i = 0; i < PQntuples(r); i++)
			for (int j = 0; j < PQnfields(r); j++)
				g_string_append_printf(out, "%s\t", PQgetvalue(r, i, j));
		PQclear(r);
		PQfinish(c);
	} else {
		sqlite3 *db = NULL;
		sqlite3_stmt *st = NULL;

		ck_assert_int_eq(sqlite3_open(spec + strlen("sqlite:"), &db), SQLITE_OK);
		ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s",
		    sql, sqlite3_errmsg(db));
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int j = 0; j < sqlite3_column_count(st); j++)
				g_string_append_printf(out, "%s\t",
				    (const char *)sqlite3_column_text(st, j));
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	return g_string_free(out, FALSE);
}

static void
setup(void)
{
	const char *env = g_getenv("SEAL_STORE_SPEC");

	tmp = g_build_filename(root, "case-XXXXXX", NULL);
	ck_assert_msg(g_mkdtemp_full(tmp, 0700) != NULL, "no temporary directory: %s",
	    g_strerror(errno));
	qdir = g_build_filename(tmp, "quarantine", NULL);
	if (is_pg) {
		spec = g_strdup(env);
		/* Each case starts from nothing: the store recreates its schema. */
		raw_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
	} else {
		spec = g_strdup_printf("sqlite:%s/seal.db", tmp);
	}
}

static void
teardown(void)
{
	rm_rf(tmp);
	g_free(tmp);
	g_free(qdir);
	g_free(spec);
	tmp = qdir = spec = NULL;
}

/* ---------------------------------------------------------------- helpers */

static seal_store *
open_store(void)
{
	seal_err err;
	seal_store *s;

	seal_err_clear(&err);
	s = seal_store_open(spec, qdir, test_key, sizeof(test_key), &err);
	ck_assert_msg(s != NULL, "open failed: %s", err.msg);
	return s;
}

/* A stand-in keyed fingerprint: 64 lower-case hex digits. */
static char *
fp_of(const char *who)
{
	return g_compute_checksum_for_string(G_CHECKSUM_SHA256, who, -1);
}

static seal_audit_record *
make_record(int64_t t, const char *sender, const char *action)
{
	seal_audit_record *r = seal_audit_record_new();

	r->time = t;
	r->relay = g_strdup("relay1.kommune.example");
	r->queue_id = g_strdup("4XyZ1");
	r->message_id = g_strdup("<case-1@kommune.example>");
	r->auth_user = g_strdup("sb");
	r->sender = g_strdup(sender);
	r->cls = g_strdup("confidential");
	r->action = g_strdup(action);
	r->kinds = g_strdup("dk-cpr:1");
	r->rules = g_strdup("");
	r->detail = g_strdup("");
	return r;
}

static int64_t
append(seal_store *s, seal_audit_record *r)
{
	seal_err err;
	int64_t id;

	seal_err_clear(&err);
	ck_assert_msg(seal_store_audit_append(s, r, &err) == SEAL_OK, "append failed: %s",
	    err.msg);
	ck_assert_int_gt(r->id, 0);
	ck_assert_int_eq(strlen(r->hash), 64);
	id = r->id;
	seal_audit_record_free(r);
	return id;
}

static int64_t
append_simple(seal_store *s, int64_t t, const char *sender)
{
	seal_audit_record *r = make_record(t, sender, "encrypt-smime");

	seal_audit_record_add_rcpt(r, "bob@citizen.example", "encrypt-smime");
	return append(s, r);
}

/* Runs q and checks the record IDs it returns, in order (int64_t arguments). */
static void
expect_audit(seal_store *s, const seal_audit_query *q, const char *label, int n, ...)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)seal_audit_record_free);
	seal_err err;
	va_list ap;

	ck_assert_msg(seal_store_audit_search(s, q, out, &err) == SEAL_OK, "%s: %s", label,
	    err.msg);
	ck_assert_msg((int)out->len == n, "%s: got %u records, want %d", label, out->len, n);
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		int64_t want = va_arg(ap, int64_t);
		int64_t got = ((seal_audit_record *)g_ptr_array_index(out, i))->id;

		ck_assert_msg(got == want, "%s: record %d is id %" G_GINT64_FORMAT ", want %"
		    G_GINT64_FORMAT, label, i, got, want);
	}
	va_end(ap);
	g_ptr_array_free(out, TRUE);
}

static seal_audit_verify_result
verify(seal_store *s)
{
	seal_audit_verify_result res;
	seal_err err;

	seal_err_clear(&err);
	ck_assert_msg(seal_store_audit_verify(s, &res, &err) == SEAL_OK, "verify failed: %s",
	    err.msg);
	return res;
}

static seal_held *
make_held(const char *sender, const char *rcpt, const char *reason)
{
	seal_held *h = seal_held_new();

	h->relay = g_strdup("relay1.kommune.example");
	h->queue_id = g_strdup("4XyZ2");
	h->message_id = g_strdup("<case-2@kommune.example>");
	h->auth_user = g_strdup("sb");
	h->sender = g_strdup(sender);
	g_ptr_array_add(h->rcpts, g_strdup(rcpt));
	h->reason = g_strdup(reason);
	h->findings = g_strdup("CPR 170583-XXXX (body)");
	h->subject = g_strdup("Your case");
	return h;
}

/* Holds held_mail; returns the new ID (caller frees). */
static char *
hold(seal_store *s, seal_held *h)
{
	seal_err err;
	char *id;

	seal_err_clear(&err);
	ck_assert_msg(seal_store_hold(s, h, held_mail, HELD_LEN, &err) == SEAL_OK,
	    "hold failed: %s", err.msg);
	ck_assert_int_eq(strlen(h->id), 32);
	id = g_strdup(h->id);
	seal_held_free(h);
	return id;
}

/* Runs q and checks the held IDs it returns, in order (const char * arguments). */
static void
expect_held(seal_store *s, const seal_held_query *q, const char *label, int n, ...)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)seal_held_free);
	seal_err err;
	va_list ap;

	ck_assert_msg(seal_store_held_list(s, q, out, &err) == SEAL_OK, "%s: %s", label, err.msg);
	ck_assert_msg((int)out->len == n, "%s: got %u messages, want %d", label, out->len, n);
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		ck_assert_msg(strcmp(((seal_held *)g_ptr_array_index(out, i))->id,
		    va_arg(ap, const char *)) == 0, "%s: message %d differs", label, i);
	va_end(ap);
	g_ptr_array_free(out, TRUE);
}

/* ---------------------------------------------------------------- open, records */

START_TEST(open_migrates_and_reopens)
{
	seal_store *s = open_store();
	seal_audit_query q = { 0 };
	int64_t id;

	ck_assert_int_eq(seal_store_schema_version(s), SEAL_STORE_SCHEMA_VERSION);
	id = append_simple(s, T0, "sb@kommune.example");
	s = seal_store_close(s);
	ck_assert_ptr_null(s);
	/* Opening again applies nothing and keeps what was there. */
	s = open_store();
	ck_assert_int_eq(seal_store_schema_version(s), SEAL_STORE_SCHEMA_VERSION);
	expect_audit(s, &q, "after reopen", 1, id);
	ck_assert_int_eq(verify(s).ok, 1);
	seal_store_close(s);
}
END_TEST

/* The three records the search cases look for; ids in id[0..2]. */
static void
append_three(seal_store *s, const char *fa, const char *fb, int64_t id[3])
{
	seal_audit_record *r;

	r = make_record(T0, "Alice@Kommune.example", "encrypt-smime");
	seal_audit_record_add_rcpt(r, "Bob@Citizen.example", "encrypt-smime");
	g_ptr_array_add(r->fingerprints, g_strdup(fa));
	id[0] = append(s, r);
	r = make_record(T0 + 10, "carol@kommune.example", "split");
	seal_audit_record_add_rcpt(r, "dave@x.example", "hold");
	seal_audit_record_add_rcpt(r, "bob@citizen.example", "accept");
	g_ptr_array_add(r->fingerprints, g_strdup(fb));
	id[1] = append(s, r);
	r = make_record(T0 + 20, "alice@kommune.example", "refuse");
	seal_audit_record_add_rcpt(r, "erin@y.example", "refuse");
	g_ptr_array_add(r->fingerprints, g_strdup(fa));
	g_ptr_array_add(r->fingerprints, g_strdup(fb));
	id[2] = append(s, r);
	ck_assert(id[0] < id[1] && id[1] < id[2]);
}

START_TEST(search_filters)
{
	seal_store *s = open_store();
	char *fa = fp_of("person a"), *fb = fp_of("person b");
	seal_audit_query q;
	int64_t id[3];

	append_three(s, fa, fb, id);
	memset(&q, 0, sizeof(q));
	expect_audit(s, &q, "all, newest first", 3, id[2], id[1], id[0]);
	q.sender = "ALICE@kommune.EXAMPLE";
	expect_audit(s, &q, "sender, any case", 2, id[2], id[0]);
	memset(&q, 0, sizeof(q));
	q.recipient = "BOB@citizen.example";
	expect_audit(s, &q, "recipient, any case", 2, id[1], id[0]);
	q.recipient = "nobody@citizen.example";
	expect_audit(s, &q, "unknown recipient", 0);
	memset(&q, 0, sizeof(q));
	q.action = "hold";
	expect_audit(s, &q, "action of a recipient", 1, id[1]);
	q.action = "refuse";
	expect_audit(s, &q, "action of the message", 1, id[2]);
	q.action = "encrypt-smime";
	expect_audit(s, &q, "action of message and recipient", 1, id[0]);
	memset(&q, 0, sizeof(q));
	q.fingerprint = fa;
	expect_audit(s, &q, "fingerprint a", 2, id[2], id[0]);
	q.fingerprint = fb;
	expect_audit(s, &q, "fingerprint b", 2, id[2], id[1]);
	q.sender = "alice@kommune.example";
	expect_audit(s, &q, "fingerprint and sender", 1, id[2]);
	memset(&q, 0, sizeof(q));
	q.from = T0 + 5;
	q.to = T0 + 15;
	expect_audit(s, &q, "closed time range", 1, id[1]);
	q.to = 0;
	q.from = T0 + 10;
	expect_audit(s, &q, "from, inclusive", 2, id[2], id[1]);
	q.from = 0;
	q.to = T0 + 10;
	expect_audit(s, &q, "to, inclusive", 2, id[1], id[0]);
	memset(&q, 0, sizeof(q));
	q.limit = 1;
	expect_audit(s, &q, "limit", 1, id[2]);
	q.limit = 2;
	q.sender = "alice@kommune.example";
	expect_audit(s, &q, "limit and sender", 2, id[2], id[0]);
	g_free(fa);
	g_free(fb);
	seal_store_close(s);
}
END_TEST

START_TEST(search_returns_whole_records)
{
	seal_store *s = open_store();
	char *fa = fp_of("person a"), *fb = fp_of("person b");
	seal_audit_query q = { .action = "hold" };
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)seal_audit_record_free);
	seal_audit_record *r;
	seal_err err;
	int64_t id[3];

	append_three(s, fa, fb, id);
	ck_assert_int_eq(seal_store_audit_search(s, &q, out, &err), SEAL_OK);
	ck_assert_int_eq(out->len, 1);
	r = g_ptr_array_index(out, 0);
	ck_assert_int_eq(r->id, id[1]);
	ck_assert_int_eq(r->time, T0 + 10);
	ck_assert_str_eq(r->relay, "relay1.kommune.example");
	ck_assert_str_eq(r->sender, "carol@kommune.example");
	ck_assert_str_eq(r->action, "split");
	ck_assert_str_eq(r->kinds, "dk-cpr:1");
	ck_assert_int_eq(r->rcpts->len, 2);
	ck_assert_str_eq(((seal_audit_rcpt *)g_ptr_array_index(r->rcpts, 0))->address,
	    "dave@x.example");
	ck_assert_str_eq(((seal_audit_rcpt *)g_ptr_array_index(r->rcpts, 1))->action, "accept");
	ck_assert_int_eq(r->fingerprints->len, 1);
	ck_assert_str_eq(g_ptr_array_index(r->fingerprints, 0), fb);
	ck_assert_int_eq(strlen(r->hash), 64);
	g_ptr_array_set_size(out, 0);

	/* A fingerprint is 64 hex digits, never digits that could be a number. */
	q.action = NULL;
	q.fingerprint = "0101011234";
	ck_assert_int_eq(seal_store_audit_search(s, &q, out, &err), SEAL_ERR_USAGE);
	r = make_record(T0 + 30, "alice@kommune.example", "refuse");
	g_ptr_array_add(r->fingerprints, g_strdup("0101011234"));
	ck_assert_int_eq(seal_store_audit_append(s, r, &err), SEAL_ERR_USAGE);
	seal_audit_record_free(r);
	g_ptr_array_free(out, TRUE);
	g_free(fa);
	g_free(fb);
	seal_store_close(s);
}
END_TEST

/* ---------------------------------------------------------------- the chain */

START_TEST(verify_clean_chain)
{
	seal_store *s = open_store(), *other;
	static const unsigned char wrong_key[32] = "not the chain key at all 012345";
	seal_audit_verify_result res;
	seal_err err;
	int64_t id1;

	res = verify(s);
	ck_assert_int_eq(res.ok, 1);
	ck_assert_int_eq(res.records, 0);
	id1 = append_simple(s, T0, "a@kommune.example");
	append_simple(s, T0 + 1, "b@kommune.example");
	append_simple(s, T0 + 2, "c@kommune.example");
	res = verify(s);
	ck_assert_msg(res.ok == 1, "clean chain reported bad: %s", res.why);
	ck_assert_int_eq(res.records, 3);
	ck_assert_int_eq(res.first_bad_id, 0);
	/* Another key cannot confirm the chain: the key is what makes it proof. */
	other = seal_store_open(spec, qdir, wrong_key, sizeof(wrong_key), &err);
	ck_assert_ptr_nonnull(other);
	ck_assert_int_eq(seal_store_audit_verify(other, &res, &err), SEAL_OK);
	ck_assert_int_eq(res.ok, 0);
	ck_assert_int_eq(res.first_bad_id, id1);
	seal_store_close(other);
	seal_store_close(s);
}
END_TEST

START_TEST(verify_detects_edit)
{
	seal_store *s = open_store();
	seal_audit_verify_result res;
	int64_t id2, id3;

	append_simple(s, T0, "a@kommune.example");
	id2 = append_simple(s, T0 + 1, "b@kommune.example");
	id3 = append_simple(s, T0 + 2, "c@kommune.example");
	raw_sqlf("UPDATE audit SET sender = 'mallory@kommune.example' WHERE id = %" G_GINT64_FORMAT,
	    id2);
	res = verify(s);
	ck_assert_int_eq(res.ok, 0);
	ck_assert_int_eq(res.records, 3);
	ck_assert_int_eq(res.first_bad_id, id2);
	ck_assert_msg(g_str_has_prefix(res.why, "record changed"), "why: %s", res.why);
	/* Back as it was, the chain fits again: the hash covers exactly the content. */
	raw_sqlf("UPDATE audit SET sender = 'b@kommune.example' WHERE id = %" G_GINT64_FORMAT,
	    id2);
	ck_assert_int_eq(verify(s).ok, 1);
	/* Recipients are covered too. */
	raw_sqlf("UPDATE audit_rcpt SET action = 'accept' WHERE audit_id = %" G_GINT64_FORMAT,
	    id3);
	res = verify(s);
	ck_assert_int_eq(res.ok, 0);
	ck_assert_int_eq(res.first_bad_id, id3);
	ck_assert_msg(g_str_has_prefix(res.why, "record changed"), "why: %s", res.why);
	seal_store_close(s);
}
END_TEST

START_TEST(verify_detects_deletion)
{
	seal_store *s = open_store();
	seal_audit_verify_result res;
	int64_t id2, id3;

	append_simple(s, T0, "a@kommune.example");
	id2 = append_simple(s, T0 + 1, "b@kommune.example");
	id3 = append_simple(s, T0 + 2, "c@kommune.example");
	append_simple(s, T0 + 3, "d@kommune.example");
	raw_sqlf("DELETE FROM audit_rcpt WHERE audit_id = %" G_GINT64_FORMAT "; DELETE FROM audit_fp"
	    " WHERE audit_id = %" G_GINT64_FORMAT "; DELETE FROM audit WHERE id = %" G_GINT64_FORMAT,
	    id2, id2, id2);
	res = verify(s);
	ck_assert_int_eq(res.ok, 0);
	ck_assert_int_eq(res.records, 3);
	ck_assert_int_eq(res.first_bad_id, id3);
	ck_assert_msg(g_str_has_prefix(res.why, "record missing before"), "why: %s", res.why);
	seal_store_close(s);
}
END_TEST

START_TEST(verify_detects_deletion_at_end)
{
	seal_store *s = open_store();
	seal_audit_verify_result res;
	int64_t id3, id4;

	append_simple(s, T0, "a@kommune.example");
	append_simple(s, T0 + 1, "b@kommune.example");
	id3 = append_simple(s, T0 + 2, "c@kommune.example");
	raw_sqlf("DELETE FROM audit_rcpt WHERE audit_id = %" G_GINT64_FORMAT "; DELETE FROM audit_fp"
	    " WHERE audit_id = %" G_GINT64_FORMAT "; DELETE FROM audit WHERE id = %" G_GINT64_FORMAT,
	    id3, id3, id3);
	/* The next append links to the removed record, not to what is left. */
	id4 = append_simple(s, T0 + 3, "d@kommune.example");
	res = verify(s);
	ck_assert_int_eq(res.ok, 0);
	ck_assert_int_eq(res.first_bad_id, id4);
	ck_assert_msg(g_str_has_prefix(res.why, "record missing before"), "why: %s", res.why);
	seal_store_close(s);
}
END_TEST

START_TEST(purge_keeps_chain)
{
	seal_store *s = open_store();
	int64_t now = (int64_t)time(NULL), c, d, e;
	seal_audit_verify_result res;
	seal_purge_counts counts;
	seal_audit_query q = { 0 };
	seal_held *h = NULL;
	char *old_held, *new_held, *path;
	seal_err err;

	append_simple(s, now - 100 * DAY, "a@kommune.example");
	append_simple(s, now - 99 * DAY, "b@kommune.example");
	c = append_simple(s, now - 10, "c@kommune.example");
	/* Out of order (a relay's clock): older, but after c in the chain, so it stays. */
	d = append_simple(s, now - 200 * DAY, "d@kommune.example");
	old_held = hold(s, make_held("a@kommune.example", "bob@citizen.example", "no key"));
	new_held = hold(s, make_held("a@kommune.example", "bob@citizen.example", "no key"));
	raw_sqlf("UPDATE held SET time = %" G_GINT64_FORMAT " WHERE id = '%s'", now - 60 * DAY,
	    old_held);

	ck_assert_int_eq(seal_store_purge(s, now - 50 * DAY, now - 50 * DAY, &counts, &err),
	    SEAL_OK);
	ck_assert_int_eq(counts.audit, 2);
	ck_assert_int_eq(counts.held, 1);
	expect_audit(s, &q, "after purge", 2, c, d);
	res = verify(s);
	ck_assert_msg(res.ok == 1, "purged chain reported bad: %s", res.why);
	ck_assert_int_eq(res.records, 2);
	e = append_simple(s, now, "e@kommune.example");
	ck_assert_int_gt(e, d);
	res = verify(s);
	ck_assert_int_eq(res.ok, 1);
	ck_assert_int_eq(res.records, 3);

	ck_assert_int_eq(seal_store_held_get(s, old_held, &h, NULL, &err), SEAL_ERR_USAGE);
	ck_assert_int_eq(seal_store_held_get(s, new_held, &h, NULL, &err), SEAL_OK);
	seal_held_free(h);
	if (!is_pg) {
		path = g_build_filename(qdir, old_held, NULL);
		ck_assert_msg(access(path, F_OK) != 0, "purged message file is still there");
		g_free(path);
	}

	/* Nothing more is old enough; then everything is, and the chain goes on from the anchor. */
	ck_assert_int_eq(seal_store_purge(s, now - 50 * DAY, now - 50 * DAY, &counts, &err),
	    SEAL_OK);
	ck_assert_int_eq(counts.audit, 0);
	ck_assert_int_eq(counts.held, 0);
	ck_assert_int_eq(seal_store_purge(s, now + DAY, 0, &counts, &err), SEAL_OK);
	ck_assert_int_eq(counts.audit, 3);
	ck_assert_int_eq(verify(s).records, 0);
	ck_assert_int_gt(append_simple(s, now, "f@kommune.example"), e);
	res = verify(s);
	ck_assert_int_eq(res.ok, 1);
	ck_assert_int_eq(res.records, 1);
	g_free(old_held);
	g_free(new_held);
	seal_store_close(s);
}
END_TEST

START_TEST(append_needs_key)
{
	seal_audit_record *r = make_record(T0, "a@kommune.example", "refuse");
	seal_audit_verify_result res;
	GPtrArray *out = g_ptr_array_new();
	seal_store *s;
	seal_err err;
	char *id;

	ck_assert_ptr_null(seal_store_open(spec, qdir, NULL, 16, &err));
	ck_assert_int_eq(err.code, SEAL_ERR_USAGE);
	s = seal_store_open(spec, qdir, NULL, 0, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(seal_store_audit_append(s, r, &err), SEAL_ERR_USAGE);
	ck_assert_int_eq(r->id, 0);
	ck_assert_int_eq(seal_store_audit_verify(s, &res, &err), SEAL_ERR_USAGE);
	ck_assert_int_eq(res.ok, 0);
	/* Searching and holding need no key. */
	ck_assert_int_eq(seal_store_audit_search(s, NULL, out, &err), SEAL_OK);
	ck_assert_int_eq(out->len, 0);
	id = hold(s, make_held("a@kommune.example", "bob@citizen.example", "no key"));
	g_free(id);
	g_ptr_array_free(out, TRUE);
	seal_audit_record_free(r);
	seal_store_close(s);
}
END_TEST

START_TEST(unknown_spec_is_config_error)
{
	static const char *const bad[] = { "mysql://user:secretpw@db.example/seal", "seal.db",
	    "", "sqlite:", "SQLITE:/tmp/x.db" };
	seal_err err;

	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		seal_err_clear(&err);
		ck_assert_ptr_null(seal_store_open(bad[i], qdir, test_key, sizeof(test_key), &err));
		ck_assert_msg(err.code == SEAL_ERR_CONFIG, "spec %zu: got %s, want config", i,
		    seal_status_name(err.code));
		ck_assert_msg(strstr(err.msg, "secretpw") == NULL, "the error shows a password");
	}
	ck_assert_ptr_null(seal_store_open(NULL, qdir, test_key, sizeof(test_key), &err));
	ck_assert_int_eq(err.code, SEAL_ERR_CONFIG);
	ck_assert_ptr_null(seal_store_open(bad[0], qdir, test_key, sizeof(test_key), &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "sqlite:"));
}
END_TEST

typedef struct appender {
	int n;
	int failed;
	char why[512];
} appender;

static gpointer
append_thread(gpointer p)
{
	appender *a = p;
	seal_store *s;
	seal_err err;

	seal_err_clear(&err);
	if ((s = seal_store_open(spec, qdir, test_key, sizeof(test_key), &err)) == NULL) {
		a->failed = a->n;
		g_strlcpy(a->why, err.msg, sizeof(a->why));
		return NULL;
	}
	for (int i = 0; i < a->n; i++) {
		seal_audit_record *r = make_record(T0 + i, "t@kommune.example", "refuse");

		if (seal_store_audit_append(s, r, &err) != SEAL_OK) {
			a->failed++;
			g_strlcpy(a->why, err.msg, sizeof(a->why));
		}
		seal_audit_record_free(r);
	}
	seal_store_close(s);
	return NULL;
}

START_TEST(two_stores_one_chain)
{
	appender a[2] = { { .n = 25 }, { .n = 25 } };
	seal_audit_verify_result res;
	seal_store *s1, *s2;
	GThread *t[2];

	/* Two stores at once on a new database: both migrate it, both append. */
	for (int i = 0; i < 2; i++)
		t[i] = g_thread_new("append", append_thread, &a[i]);
	for (int i = 0; i < 2; i++) {
		g_thread_join(t[i]);
		ck_assert_msg(a[i].failed == 0, "%d appends failed: %s", a[i].failed, a[i].why);
	}
	s1 = open_store();
	s2 = open_store();
	res = verify(s1);
	ck_assert_msg(res.ok == 1, "concurrent appends broke the chain: %s", res.why);
	ck_assert_int_eq(res.records, 50);
	/* And taking turns. */
	for (int i = 0; i < 3; i++) {
		append_simple(s1, T0 + 2 * i, "one@kommune.example");
		append_simple(s2, T0 + 2 * i + 1, "two@kommune.example");
	}
	res = verify(s2);
	ck_assert_msg(res.ok == 1, "alternating appends broke the chain: %s", res.why);
	ck_assert_int_eq(res.records, 56);
	ck_assert_int_eq(verify(s1).ok, 1);
	seal_store_close(s1);
	seal_store_close(s2);
}
END_TEST

/* ---------------------------------------------------------------- quarantine */

START_TEST(hold_stores_privately)
{
	seal_store *s = open_store();
	seal_held *h = make_held("sb@kommune.example", "bob@citizen.example", "no key");
	GString *msg = g_string_new(NULL);
	struct stat st;
	seal_err err;
	char *id, *path;
	GDir *d;

	g_ptr_array_add(h->rcpts, g_strdup("carol@citizen.example"));
	id = hold(s, h);
	for (const char *p = id; *p != '\0'; p++)
		ck_assert_msg(g_ascii_isalnum(*p) || *p == '-' || *p == '_', "ID not URL-safe");
	if (!is_pg) {
		ck_assert_int_eq(stat(qdir, &st), 0);
		ck_assert(S_ISDIR(st.st_mode));
		ck_assert_int_eq(st.st_mode & 07777, 0700);
		path = g_build_filename(qdir, id, NULL);
		ck_assert_int_eq(stat(path, &st), 0);
		ck_assert_int_eq(st.st_mode & 07777, 0600);
		ck_assert_int_eq(st.st_size, (off_t)HELD_LEN);
		g_free(path);
		/* Only the message: no temporary file left behind. */
		d = g_dir_open(qdir, 0, NULL);
		ck_assert_str_eq(g_dir_read_name(d), id);
		ck_assert_ptr_null(g_dir_read_name(d));
		g_dir_close(d);
	}
	h = NULL;
	ck_assert_int_eq(seal_store_held_get(s, id, &h, msg, &err), SEAL_OK);
	ck_assert_uint_eq(msg->len, HELD_LEN);
	ck_assert(memcmp(msg->str, held_mail, msg->len) == 0);
	ck_assert_str_eq(h->id, id);
	ck_assert_str_eq(h->sender, "sb@kommune.example");
	ck_assert_int_eq(h->rcpts->len, 2);
	ck_assert_str_eq(g_ptr_array_index(h->rcpts, 1), "carol@citizen.example");
	ck_assert_str_eq(h->reason, "no key");
	ck_assert_str_eq(h->findings, "CPR 170583-XXXX (body)");
	ck_assert_str_eq(h->subject, "Your case");
	ck_assert_int_eq(h->state, SEAL_HELD);
	ck_assert_ptr_null(h->officer);
	ck_assert_int_eq(h->size, (int64_t)HELD_LEN);
	ck_assert_int_le(llabs(h->time - (int64_t)time(NULL)), 60);
	seal_held_free(h);
	ck_assert_int_eq(seal_store_held_get(s, "no-such-message", &h, NULL, &err),
	    SEAL_ERR_USAGE);
	ck_assert_int_eq(seal_store_held_get(s, "../seal.db", &h, msg, &err), SEAL_ERR_USAGE);
	g_string_free(msg, TRUE);
	g_free(id);
	seal_store_close(s);
}
END_TEST

START_TEST(held_list_filters)
{
	seal_store *s = open_store();
	seal_held_query q;
	char *h1, *h2, *h3;
	seal_held *h;
	seal_err err;

	h1 = hold(s, make_held("Alice@kommune.example", "Bob@citizen.example",
	    "classified, no key: Bob@citizen.example"));
	h = make_held("carol@kommune.example", "dave@x.example",
	    "could not be checked: encrypted archive");
	g_ptr_array_add(h->rcpts, g_strdup("erin@y.example"));
	h2 = hold(s, h);
	h3 = hold(s, make_held("alice@kommune.example", "erin@y.example",
	    "Classified, no key: erin@y.example"));
	raw_sqlf("UPDATE held SET time = %" G_GINT64_FORMAT " WHERE id = '%s'", T0, h1);
	raw_sqlf("UPDATE held SET time = %" G_GINT64_FORMAT " WHERE id = '%s'", T0 + 100, h2);
	raw_sqlf("UPDATE held SET time = %" G_GINT64_FORMAT " WHERE id = '%s'", T0 + 200, h3);

	memset(&q, 0, sizeof(q));
	expect_held(s, &q, "all, newest first", 3, h3, h2, h1);
	q.sender = "ALICE@KOMMUNE.example";
	expect_held(s, &q, "sender, any case", 2, h3, h1);
	memset(&q, 0, sizeof(q));
	q.recipient = "ERIN@y.example";
	expect_held(s, &q, "recipient, any case", 2, h3, h2);
	memset(&q, 0, sizeof(q));
	q.reason = "NO KEY";
	expect_held(s, &q, "reason substring, any case", 2, h3, h1);
	q.reason = "%";
	expect_held(s, &q, "reason wildcard is literal", 0);
	memset(&q, 0, sizeof(q));
	q.from = T0 + 50;
	q.to = T0 + 150;
	expect_held(s, &q, "time range", 1, h2);
	memset(&q, 0, sizeof(q));
	q.limit = 1;
	expect_held(s, &q, "limit", 1, h3);

	ck_assert_int_eq(seal_store_held_transition(s, h2, SEAL_HELD, SEAL_HELD_REFUSED, "officer1",
	    "policy", &err), SEAL_OK);
	memset(&q, 0, sizeof(q));
	expect_held(s, &q, "only waiting ones", 2, h3, h1);
	q.all_states = 1;
	expect_held(s, &q, "all states", 3, h3, h2, h1);
	q.reason = "could not";
	expect_held(s, &q, "all states and reason", 1, h2);
	g_free(h1);
	g_free(h2);
	g_free(h3);
	seal_store_close(s);
}
END_TEST

typedef struct racer {
	GPtrArray *ids;
	int won[10];
	int errors;
} racer;

static gpointer
race_thread(gpointer p)
{
	racer *r = p;
	seal_store *s;
	seal_err err;

	if ((s = seal_store_open(spec, qdir, test_key, sizeof(test_key), &err)) == NULL) {
		r->errors++;
		return NULL;
	}
	for (guint i = 0; i < r->ids->len; i++) {
		seal_status st = seal_store_held_transition(s, g_ptr_array_index(r->ids, i),
		    SEAL_HELD, SEAL_HELD_RELEASING, "racer", "release", &err);

		if (st == SEAL_OK)
			r->won[i]++;
		else if (st != SEAL_ERR_USAGE)
			r->errors++;
	}
	seal_store_close(s);
	return NULL;
}

START_TEST(transition_exactly_once)
{
	seal_store *s = open_store();
	GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
	GString *msg = g_string_new(NULL);
	racer r[2] = { { .ids = ids }, { .ids = ids } };
	seal_held *h = NULL;
	GThread *t[2];
	seal_err err;
	char *id;

	id = hold(s, make_held("sb@kommune.example", "bob@citizen.example", "no key"));
	ck_assert_int_eq(seal_store_held_transition(s, id, SEAL_HELD, SEAL_HELD_RELEASING,
	    "officer1", "checked by phone", &err), SEAL_OK);
	ck_assert_int_eq(seal_store_held_transition(s, id, SEAL_HELD, SEAL_HELD_RELEASING,
	    "officer2", "me too", &err), SEAL_ERR_USAGE);
	ck_assert_msg(strstr(err.msg, "not in state held") != NULL, "message: %s", err.msg);
	ck_assert_int_eq(seal_store_held_get(s, id, &h, NULL, &err), SEAL_OK);
	ck_assert_int_eq(h->state, SEAL_HELD_RELEASING);
	ck_assert_str_eq(h->officer, "officer1");
	ck_assert_str_eq(h->officer_reason, "checked by phone");
	seal_held_free(h);
	ck_assert_int_eq(seal_store_held_transition(s, id, SEAL_HELD_RELEASING, SEAL_HELD_RELEASED,
	    "officer1", "delivered", &err), SEAL_OK);
	ck_assert_int_eq(seal_store_held_transition(s, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	    SEAL_HELD, SEAL_HELD_DELETED, "officer1", "x", &err), SEAL_ERR_USAGE);
	ck_assert_int_eq(seal_store_held_transition(s, id, SEAL_HELD, SEAL_HELD, "o", "x", &err),
	    SEAL_ERR_USAGE);

	/* Dropping the content keeps the metadata; twice is harmless. */
	ck_assert_int_eq(seal_store_held_drop_content(s, id, &err), SEAL_OK);
	ck_assert_int_eq(seal_store_held_drop_content(s, id, &err), SEAL_OK);
	ck_assert_int_ne(seal_store_held_get(s, id, &h, msg, &err), SEAL_OK);
	ck_assert_uint_eq(msg->len, 0);
	ck_assert_int_eq(seal_store_held_get(s, id, &h, NULL, &err), SEAL_OK);
	ck_assert_int_eq(h->state, SEAL_HELD_RELEASED);
	seal_held_free(h);
	ck_assert_int_eq(seal_store_held_drop_content(s, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &err),
	    SEAL_ERR_USAGE);

	/* Two relays racing for the same messages: each is claimed exactly once. */
	for (int i = 0; i < 10; i++)
		g_ptr_array_add(ids, hold(s, make_held("sb@kommune.example", "b@citizen.example",
		    "no key")));
	for (int i = 0; i < 2; i++)
		t[i] = g_thread_new("race", race_thread, &r[i]);
	for (int i = 0; i < 2; i++)
		g_thread_join(t[i]);
	ck_assert_int_eq(r[0].errors + r[1].errors, 0);
	for (int i = 0; i < 10; i++)
		ck_assert_msg(r[0].won[i] + r[1].won[i] == 1, "message %d claimed %d times", i,
		    r[0].won[i] + r[1].won[i]);
	g_ptr_array_free(ids, TRUE);
	g_string_free(msg, TRUE);
	g_free(id);
	seal_store_close(s);
}
END_TEST

/* Raises or lowers CAP_DAC_OVERRIDE, so root too is stopped by a read-only directory. */
static int
dac_override(int on)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	if (geteuid() != 0)
		return 0;
	if (syscall(SYS_capget, &hdr, data) != 0)
		return -1;
	if (on)
		data[0].effective |= 1u << CAP_DAC_OVERRIDE;
	else
		data[0].effective &= ~(1u << CAP_DAC_OVERRIDE);
	return (int)syscall(SYS_capset, &hdr, data);
}

static void
expect_hold_fails(seal_store *s, const char *label, const char *msg, size_t len)
{
	seal_held *h = make_held("sb@kommune.example", "bob@citizen.example", "no key");
	seal_held_query q = { .all_states = 1 };
	seal_err err;
	GDir *d;

	seal_err_clear(&err);
	ck_assert_msg(seal_store_hold(s, h, msg, len, &err) != SEAL_OK, "%s: hold succeeded",
	    label);
	ck_assert_msg(err.msg[0] != '\0', "%s: no error message", label);
	ck_assert_msg(h->id[0] == '\0', "%s: an ID was handed out", label);
	seal_held_free(h);
	/* Nothing half-stored: no row and no file. */
	expect_held(s, &q, label, 0);
	d = g_dir_open(qdir, 0, NULL);
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(g_dir_read_name(d) == NULL, "%s: a file was left behind", label);
	g_dir_close(d);
}

START_TEST(unwritable_quarantine_stores_nothing)
{
	seal_store *s = open_store();

	ck_assert_int_eq(mkdir(qdir, 0700), 0);
	ck_assert_int_eq(chmod(qdir, 0500), 0);
	ck_assert_msg(dac_override(0) == 0, "cannot drop CAP_DAC_OVERRIDE");
	expect_hold_fails(s, "read-only directory", held_mail, HELD_LEN);
	ck_assert_int_eq(dac_override(1), 0);
	/* Open to the group: refused before anything is written. */
	ck_assert_int_eq(chmod(qdir, 0750), 0);
	expect_hold_fails(s, "group-readable directory", held_mail, HELD_LEN);
	ck_assert_int_eq(chmod(qdir, 0700), 0);
	g_free(hold(s, make_held("sb@kommune.example", "bob@citizen.example", "no key")));
	seal_store_close(s);
}
END_TEST

START_TEST(failed_hold_leaves_nothing)
{
	seal_store *s = open_store();
	size_t big = 2 << 20;
	char *msg = g_malloc(big);
	struct rlimit old, lim;

	/* The database refuses the row: the file, already written, goes again. */
	raw_sql("CREATE TRIGGER no_hold BEFORE INSERT ON held"
	    " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
	expect_hold_fails(s, "row refused", held_mail, HELD_LEN);
	raw_sql("DROP TRIGGER no_hold");
	/* The disk fills up halfway through the message: the partial file goes. */
	memset(msg, 'x', big);
	ck_assert(signal(SIGXFSZ, SIG_IGN) != SIG_ERR);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 1 << 20;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	expect_hold_fails(s, "disk full", msg, big);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	g_free(msg);
	seal_store_close(s);
}
END_TEST

/* A file in the quarantine directory (made when missing), last written `age` seconds ago. */
static char *
qfile(const char *name, int64_t age)
{
	char *path = g_build_filename(qdir, name, NULL);
	struct timeval tv[2] = { { 0, 0 }, { 0, 0 } };

	if (access(path, F_OK) != 0)
		ck_assert(g_file_set_contents(path, "x", 1, NULL));
	tv[0].tv_sec = tv[1].tv_sec = (time_t)((int64_t)time(NULL) - age);
	ck_assert_int_eq(utimes(path, tv), 0);
	return path;
}

START_TEST(purge_removes_orphan_files)
{
	seal_store *s = open_store();
	int64_t now = (int64_t)time(NULL);
	seal_purge_counts counts;
	char *kept, *orphan, *tmpfile, *fresh, *path;
	seal_err err;

	kept = hold(s, make_held("sb@kommune.example", "bob@citizen.example", "no key"));
	/* A held message's file is old too, but its row still names it. */
	path = qfile(kept, 90 * DAY);
	orphan = qfile("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 90 * DAY);
	tmpfile = qfile(".tmp-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", 90 * DAY);
	fresh = qfile("CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC", 60);
	ck_assert_int_eq(seal_store_purge(s, 0, now - 30 * DAY, &counts, &err), SEAL_OK);
	ck_assert_int_eq(counts.held, 0);
	ck_assert_msg(access(orphan, F_OK) != 0, "an old file without a row stayed");
	ck_assert_msg(access(tmpfile, F_OK) != 0, "an old temporary file stayed");
	ck_assert_msg(access(fresh, F_OK) == 0, "a new file (a hold in progress?) went");
	ck_assert_msg(access(path, F_OK) == 0, "a held message's file went");
	g_free(kept);
	g_free(path);
	g_free(orphan);
	g_free(tmpfile);
	g_free(fresh);
	seal_store_close(s);
}
END_TEST

/* ---------------------------------------------------------------- no number in clear */

static void
assert_absent(const char *hay, const char *needle, const char *where)
{
	ck_assert_msg(strstr(hay, needle) == NULL, "%s holds \"%s\"", where, needle);
}

static char *
slurp(const char *path)
{
	char *data = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &data, &len, NULL))
		return g_strdup("");
	/* Binary files: NULs would end the search early. */
	for (gsize i = 0; i < len; i++)
		if (data[i] == '\0')
			data[i] = ' ';
	return data;
}

START_TEST(nothing_in_clear)
{
	static const char *const audit_tables[] = { "audit", "audit_rcpt", "audit_fp",
	    "audit_meta" };
	seal_store *s = open_store();
	seal_audit_record *r = make_record(T0, "sb@kommune.example", "hold");
	char *fp = fp_of("the person in the held message"), *held_id, *dump, *sql;

	held_id = hold(s, make_held("sb@kommune.example", "bob@citizen.example",
	    "classified, no key: bob@citizen.example"));
	seal_audit_record_add_rcpt(r, "bob@citizen.example", "hold");
	g_ptr_array_add(r->fingerprints, fp);
	g_free(r->detail);
	r->detail = g_strdup_printf("held=%s", held_id);
	append(s, r);
	for (size_t i = 0; i < G_N_ELEMENTS(audit_tables); i++) {
		sql = g_strdup_printf("SELECT * FROM %s", audit_tables[i]);
		dump = raw_dump(sql);
		ck_assert_msg(dump[0] != '\0', "%s is empty", audit_tables[i]);
		assert_absent(dump, "170583", audit_tables[i]);
		g_free(dump);
		g_free(sql);
	}
	dump = raw_dump("SELECT id, relay, queue_id, message_id, auth_user, sender, reason,"
	    " findings, subject, state FROM held");
	ck_assert_ptr_nonnull(strstr(dump, "170583-XXXX"));      /* the mask is expected */
	assert_absent(dump, "170583-1889", "held");
	assert_absent(dump, "1705831889", "held");
	g_free(dump);
	seal_store_close(s);
	if (!is_pg) {
		char *db = g_build_filename(tmp, "seal.db", NULL);
		char *wal = g_strconcat(db, "-wal", NULL);
		char *msg = g_build_filename(qdir, held_id, NULL);
		char *raw;

		raw = slurp(db);
		assert_absent(raw, "170583-1889", "the database file");
		assert_absent(raw, "1705831889", "the database file");
		g_free(raw);
		raw = slurp(wal);
		assert_absent(raw, "170583-1889", "the WAL file");
		g_free(raw);
		/* The same search does find the number where it belongs: the held message. */
		raw = slurp(msg);
		ck_assert_ptr_nonnull(strstr(raw, "170583-1889"));
		g_free(raw);
		g_free(db);
		g_free(wal);
		g_free(msg);
	}
	g_free(held_id);
}
END_TEST

/* ---------------------------------------------------------------- building blocks */

static void
put_be(GByteArray *b, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--) {
		guint8 c = (guint8)(v >> (8 * i));

		g_byte_array_append(b, &c, 1);
	}
}

static void
put_s(GByteArray *b, const char *s)
{
	put_be(b, strlen(s), 4);
	g_byte_array_append(b, (const guint8 *)s, (guint)strlen(s));
}

START_TEST(canon_and_chain_hash)
{
	static const char *const fields[] = { "relay1.kommune.example", "4XyZ1",
	    "<case-1@kommune.example>", "sb", "a@kommune.example", "confidential", "refuse",
	    "dk-cpr:1", "", "" };
	seal_audit_record *r = make_record(T0, "a@kommune.example", "refuse"), *r2;
	GByteArray *want = g_byte_array_new(), *got = g_byte_array_new(), *b2;
	seal_store *s = open_store();
	unsigned char mac[32];
	unsigned int maclen = 0;
	char hex[65], want_hex[65];

	seal_audit_record_add_rcpt(r, "bob@citizen.example", "refuse");
	g_ptr_array_add(r->fingerprints, fp_of("person a"));
	/* The documented layout, built independently. */
	put_be(want, (uint64_t)T0, 8);
	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
		put_s(want, fields[i]);
	put_be(want, 1, 4);
	put_s(want, "bob@citizen.example");
	put_s(want, "refuse");
	put_be(want, 1, 4);
	put_s(want, g_ptr_array_index(r->fingerprints, 0));
	seal_store_record_canon(r, got);
	ck_assert_uint_eq(got->len, want->len);
	ck_assert(memcmp(got->data, want->data, want->len) == 0);

	/* Moving a character between fields changes the bytes. */
	r2 = make_record(T0, "a@kommune.example", "refuse");
	g_free(r2->relay);
	g_free(r2->queue_id);
	r2->relay = g_strdup("relay1.kommune.example4");
	r2->queue_id = g_strdup("XyZ1");
	seal_audit_record_add_rcpt(r2, "bob@citizen.example", "refuse");
	g_ptr_array_add(r2->fingerprints, fp_of("person a"));
	b2 = g_byte_array_new();
	seal_store_record_canon(r2, b2);
	ck_assert(b2->len != got->len || memcmp(b2->data, got->data, got->len) != 0);

	/* hash = HMAC-SHA256(key, prev || canon), lower-case hex. */
	g_byte_array_prepend(want, (const guint8 *)SEAL_STORE_GENESIS, 64);
	HMAC(EVP_sha256(), test_key, sizeof(test_key), want->data, want->len, mac, &maclen);
	for (int i = 0; i < 32; i++)
		g_snprintf(want_hex + 2 * i, 3, "%02x", mac[i]);
	ck_assert_int_eq(seal_store_chain_hash(s, SEAL_STORE_GENESIS, r, hex), SEAL_OK);
	ck_assert_str_eq(hex, want_hex);
	g_byte_array_free(want, TRUE);
	g_byte_array_free(got, TRUE);
	g_byte_array_free(b2, TRUE);
	seal_audit_record_free(r);
	seal_audit_record_free(r2);
	seal_store_close(s);
}
END_TEST

START_TEST(chain_key_derivation)
{
	static const char label[] = "sealmilter audit chain v1";
	static const char secret[] = "0123456789abcdef0123456789abcdef";
	char *path = g_build_filename(tmp, "fp.key", NULL);
	unsigned char got[32], other[32], want[32];
	unsigned int maclen = 0;
	seal_fp_key *k;
	seal_err err;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, secret, strlen(secret)), (ssize_t)strlen(secret));
	close(fd);
	k = seal_fp_key_load(path, &err);
	ck_assert_msg(k != NULL, "key load: %s", err.msg);
	seal_fp_key_derive(k, label, got);
	HMAC(EVP_sha256(), secret, (int)strlen(secret), (const unsigned char *)label,
	    strlen(label), want, &maclen);
	ck_assert(memcmp(got, want, 32) == 0);
	seal_fp_key_derive(k, "another purpose", other);
	ck_assert(memcmp(got, other, 32) != 0);
	seal_fp_key_free(k);
	g_free(path);
}
END_TEST

START_TEST(ids_are_random_and_url_safe)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char id[40];

	for (int i = 0; i < 200; i++) {
		seal_store_new_id(id);
		ck_assert_int_eq(strlen(id), 32);
		for (const char *p = id; *p != '\0'; p++)
			ck_assert_msg(g_ascii_isalnum(*p) || *p == '-' || *p == '_', "bad ID %s", id);
		ck_assert_msg(g_hash_table_add(seen, g_strdup(id)), "ID repeated");
	}
	g_hash_table_destroy(seen);
	ck_assert_str_eq(seal_held_state_name(SEAL_HELD_RELEASING), "releasing");
	ck_assert_str_eq(seal_held_state_name(SEAL_HELD_DELETED), "deleted");
}
END_TEST

/* ---------------------------------------------------------------- SQLite only */

START_TEST(sqlite_file_private_and_newer_schema_refused)
{
	seal_store *s = open_store();
	char *db = g_build_filename(tmp, "seal.db", NULL);
	struct stat st;
	seal_err err;

	seal_store_close(s);
	ck_assert_int_eq(stat(db, &st), 0);
	ck_assert_int_eq(st.st_mode & 077, 0);
	raw_sql("PRAGMA user_version = 99");
	seal_err_clear(&err);
	ck_assert_ptr_null(seal_store_open(spec, qdir, test_key, sizeof(test_key), &err));
	ck_assert_int_eq(err.code, SEAL_ERR_CONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "newer"));
	g_free(db);
}
END_TEST

int
main(void)
{
	const char *env = g_getenv("SEAL_STORE_SPEC");
	Suite *s = suite_create("store");
	TCase *tc = tcase_create(env != NULL && env[0] != '\0' ? "store-env" : "store-sqlite");
	int rc;

	is_pg = env != NULL && (g_str_has_prefix(env, "postgresql://")
	    || g_str_has_prefix(env, "postgres://"));
	if (env != NULL && env[0] != '\0' && !is_pg) {
		fprintf(stderr, "SEAL_STORE_SPEC must be a postgresql:// URI (unset: SQLite)\n");
		return EXIT_FAILURE;
	}
	/* A failed case skips its teardown (Check ends the forked child): clean up here too. */
	if ((root = g_dir_make_tmp("seal-store-XXXXXX", NULL)) == NULL) {
		fprintf(stderr, "no temporary directory\n");
		return EXIT_FAILURE;
	}
	tcase_add_checked_fixture(tc, setup, teardown);
	/* Every append and hold is fsync'd; sanitizers slow it further. */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, open_migrates_and_reopens);
	tcase_add_test(tc, search_filters);
	tcase_add_test(tc, search_returns_whole_records);
	tcase_add_test(tc, verify_clean_chain);
	tcase_add_test(tc, verify_detects_edit);
	tcase_add_test(tc, verify_detects_deletion);
	tcase_add_test(tc, verify_detects_deletion_at_end);
	tcase_add_test(tc, purge_keeps_chain);
	tcase_add_test(tc, append_needs_key);
	tcase_add_test(tc, unknown_spec_is_config_error);
	tcase_add_test(tc, two_stores_one_chain);
	tcase_add_test(tc, hold_stores_privately);
	tcase_add_test(tc, held_list_filters);
	tcase_add_test(tc, transition_exactly_once);
	tcase_add_test(tc, nothing_in_clear);
	tcase_add_test(tc, canon_and_chain_hash);
	tcase_add_test(tc, chain_key_derivation);
	tcase_add_test(tc, ids_are_random_and_url_safe);
	if (!is_pg) {
		tcase_add_test(tc, unwritable_quarantine_stores_nothing);
		tcase_add_test(tc, failed_hold_leaves_nothing);
		tcase_add_test(tc, purge_removes_orphan_files);
		tcase_add_test(tc, sqlite_file_private_and_newer_schema_refused);
	}
	suite_add_tcase(s, tc);
	rc = seal_check_run(s);
	rm_rf(root);
	g_free(root);
	return rc;
}
