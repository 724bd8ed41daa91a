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
 *
 * This file: main, the fixture, the helpers every file uses (test_store.h)
 * and opening. The cases: test_store_audit.c, test_store_held.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "check_main.h"
#include "test_store.h"

const unsigned char test_key[32] = "sealmilter test chain key 01234";

/* A variable, not a macro: failed assertions must not print the number. */
const char held_mail[] =
	"From: Sagsbehandler <sb@kommune.example>\r\n"
	"To: bob@citizen.example\r\n"
	"Subject: Your case\r\n"
	"\r\n"
	"Regarding CPR 170583-1889, one more document is needed.\r\n";
const size_t held_mail_len = sizeof(held_mail) - 1;

int is_pg;                        /* set in main from SEAL_STORE_SPEC */
static char *root;                /* per run: main removes it, even after failed cases */
char *tmp;                        /* per test case, inside root: removed in teardown */
char *spec;
char *qdir;

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
void
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

void
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
char *
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

seal_store *
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
char *
fp_of(const char *who)
{
	return g_compute_checksum_for_string(G_CHECKSUM_SHA256, who, -1);
}

seal_audit_record *
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

int64_t
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

int64_t
append_simple(seal_store *s, int64_t t, const char *sender)
{
	seal_audit_record *r = make_record(t, sender, "encrypt-smime");

	seal_audit_record_add_rcpt(r, "bob@citizen.example", "encrypt-smime");
	return append(s, r);
}

/* Runs q and checks the record IDs it returns, in order (int64_t arguments). */
void
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

seal_audit_verify_result
verify(seal_store *s)
{
	seal_audit_verify_result res;
	seal_err err;

	seal_err_clear(&err);
	ck_assert_msg(seal_store_audit_verify(s, &res, &err) == SEAL_OK, "verify failed: %s",
	    err.msg);
	return res;
}

seal_held *
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
char *
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

/* ---------------------------------------------------------------- open */

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
	store_audit_cases(tc);
	store_held_cases(tc);
	store_consent_cases(tc);
	store_stats_cases(tc);
	store_counts_cases(tc);
	/*
	 * tests/t-store-pg.sh runs this binary again against PostgreSQL: only
	 * the cases that go through a backend run twice. Spec parsing, the
	 * chain hash and held-message IDs are computed in store.c alone.
	 */
	if (!is_pg) {
		store_audit_nodb_cases(tc);
		store_id_cases(tc);
		store_held_file_cases(tc);
		tcase_add_test(tc, sqlite_file_private_and_newer_schema_refused);
	}
	suite_add_tcase(s, tc);
	rc = seal_check_run(s);
	rm_rf(root);
	g_free(root);
	return rc;
}
