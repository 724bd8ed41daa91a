/*
 * bench_store.c - the store (store.h) under load: held messages per second
 * into a backend, and `sealctl audit search --id` over a large audit log
 * (`make bench`, run by contrib/bench/bench_store.sh). One mode per run,
 * one line of figures each (fill prints two):
 *
 *   hold N SIZE              N held messages of SIZE bytes through
 *                            seal_store_hold, one store, one thread, as one
 *                            milter connection holds them; each call returns
 *                            only when the message is durable (files and
 *                            directory fsync'd and the row committed, or the
 *                            PostgreSQL transaction committed)
 *   hold-par N SIZE THREADS  the same N spread over THREADS threads with a
 *                            store (a database connection) each, as
 *                            concurrent milter connections: total msgs/s
 *   fill N [APPENDS]         N audit records: the first APPENDS (default
 *                            2000) one at a time through
 *                            seal_store_audit_append (the daemon's path,
 *                            timed: audit appends/s), the rest bulk-loaded
 *                            with SQL in transactions of 50000 (SQLite:
 *                            prepared INSERTs; PostgreSQL: COPY). Bulk
 *                            records are chained exactly as an append
 *                            chains them (seal_store_chain_hash over the
 *                            previous hash, the head read under the same
 *                            lock), so `verify` accepts the whole log.
 *                            The bulk load writes the audit table alone:
 *                            the store is then set back to schema 4 and
 *                            opened again, so its migration to 5 counts
 *                            the records (timed: count-migration line)
 *   search-id NUMBER REPEAT  seal_store_audit_search for the fingerprint of
 *                            NUMBER, normalised, detected and fingerprinted
 *                            as `sealctl audit search --id` does: REPEAT
 *                            times with limit 1000 (sealctl's default), then
 *                            with limit 0 (all hits; REPEAT times or until
 *                            30 s have passed, at least 3)
 *   verify                   seal_store_audit_verify over the whole chain
 *
 * The store is opened as the daemon opens it (milter/record.c): the chain
 * key is derived from the fingerprint key with "sealmilter audit chain v1".
 *
 * Generated records (deterministic, fixed seed): times spread evenly over
 * the 180 days before now in id order, two relays, 2000 senders, 1-3
 * recipients out of some 200000 addresses, the actions and classes the
 * daemon records, 1-2 fingerprints of random 64-hex, and in one record of
 * 20 (5 %) the fingerprint of the synthetic test number 170583-1889
 * (tests/data/vectors.tsv). Held messages carry a line with that number.
 * Numbers are never printed, only masked.
 *
 * Usage: bench_store -s STORE_SPEC [-q QUARANTINE_DIR] -k KEYFILE MODE ARG...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "detect.h"
#include "fingerprint.h"
#include "normalize.h"
#include "store_internal.h"

/* A synthetic test number (tests/data/vectors.tsv), never printed. */
#define TEST_NUMBER "170583-1889"
#define WARMUP 3                  /* holds per store before the clock starts */
#define DEFAULT_APPENDS 2000
#define BULK_BATCH 50000          /* records per bulk transaction */
#define SEARCH_LIMIT 1000         /* sealctl's default --limit */
#define ALL_SECONDS 30.0          /* most time the limit-0 series takes */
#define SPREAD_DAYS 180
#define TEST_ONE_IN 20            /* 5 % of the records name the test number */
#define SENDERS 2000
#define CITIZENS 200000
#define PARTNERS 5000
#define SENDER "sb0001@kommune.example"
#define RCPT "borger@citizen.example"

typedef struct bench {
	const char *spec;
	const char *qdir;
	const char *backend;      /* "sqlite", "postgresql" */
	seal_fp_key *fpkey;
	unsigned char chain_key[32];
} bench;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
fail(const char *what, const seal_err *err)
{
	char buf[1024];

	fprintf(stderr, "bench_store: %s: %s\n", what, seal_err_format(err, buf, sizeof(buf)));
}

static seal_store *
open_store(const bench *b)
{
	seal_store *s;
	seal_err err;

	seal_err_clear(&err);
	if ((s = seal_store_open(b->spec, b->qdir, b->chain_key, sizeof(b->chain_key), &err))
	    == NULL)
		fail("cannot open the store", &err);
	return s;
}

/* ---------------------------------------------------------------- statistics */

typedef struct lat {
	double mean, median, p95, max;
} lat;

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts ms (milliseconds, one per operation) and summarises it. */
static lat
lat_of(GArray *ms)
{
	lat l = { 0, 0, 0, 0 };
	double sum = 0;
	guint n = ms->len, i95;

	if (n == 0)
		return l;
	g_array_sort(ms, cmp_double);
	for (guint i = 0; i < n; i++)
		sum += g_array_index(ms, double, i);
	i95 = (guint)((n * 95 + 99) / 100);          /* nearest rank, ceil(0.95 n) */
	l.mean = sum / n;
	l.median = n % 2 ? g_array_index(ms, double, n / 2)
	    : (g_array_index(ms, double, n / 2 - 1) + g_array_index(ms, double, n / 2)) / 2;
	l.p95 = g_array_index(ms, double, (i95 > 0 ? i95 : 1) - 1);
	l.max = g_array_index(ms, double, n - 1);
	return l;
}

/* ---------------------------------------------------------------- the number */

/*
 * The fingerprint `sealctl audit search --id` computes for number
 * (ctl/audit.c id_fingerprint): normalise, detect exactly one number, HMAC
 * of its canonical digits. 0, or 1 with the reason on stderr.
 */
static int
id_fingerprint(const bench *b, const char *number, char hex[65], char masked[24],
	const char **kind)
{
	seal_date today;
	GArray *found;
	size_t nlen;
	char *norm;
	int rc = 0;

	if (!g_utf8_validate(number, -1, NULL) || strlen(number) > 64) {
		fprintf(stderr, "bench_store: not an identity number\n");
		return 1;
	}
	norm = seal_normalize(number, strlen(number), &nlen);
	found = g_array_new(FALSE, TRUE, sizeof(seal_finding));
	seal_date_today(&today);
	seal_detect(norm, nlen, &today, found);
	if (found->len != 1) {
		fprintf(stderr, "bench_store: %s\n", found->len == 0 ? "not a valid identity number"
		    : "more than one identity number given");
		rc = 1;
	} else {
		const seal_finding *f = &g_array_index(found, seal_finding, 0);

		seal_fingerprint(b->fpkey, f->canonical, hex);
		g_strlcpy(masked, f->masked, 24);
		*kind = seal_kind_name(f->kind);
	}
	memset(norm, 0, nlen);
	g_free(norm);
	if (found->len > 0)
		memset(found->data, 0, (size_t)found->len * sizeof(seal_finding));
	g_array_free(found, TRUE);
	return rc;
}

/* ---------------------------------------------------------------- hold */

static const char *const filler[] = {
	"Vi har modtaget din ansøgning om boligstøtte og vender tilbage hurtigst muligt.\r\n",
	"Sagen behandles af forvaltningen; du hører fra os inden for fire uger.\r\n",
	"The report from the building inspection is attached to this letter.\r\n",
	"Please bring the signed forms and the plan for the coming season.\r\n",
};

/* A plain message of exactly size bytes (CRLF), a test CPR number near the top. */
static GString *
make_message(size_t size)
{
	GString *m = g_string_new(NULL);
	size_t i = 0;

	g_string_append(m, "From: Sagsbehandler <" SENDER ">\r\nTo: <" RCPT ">\r\n"
	    "Subject: Din ansøgning om boligstøtte\r\nDate: Mon, 3 Jun 2024 10:15:00 +0200\r\n"
	    "Message-ID: <bench-store@kommune.example>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
	    "Kære borger\r\n\r\nVedrørende CPR-nr. " TEST_NUMBER ": vi mangler et bilag.\r\n");
	while (m->len < size)
		g_string_append(m, filler[i++ % G_N_ELEMENTS(filler)]);
	g_string_truncate(m, size - 2);
	g_string_append(m, "\r\n");
	return m;
}

/* One hold with the metadata milter/record.c gives it. */
static seal_status
hold_one(seal_store *s, const GString *msg, long i, seal_err *err)
{
	seal_held *h = seal_held_new();
	seal_status st;

	h->relay = g_strdup("mx1.kommune.example");
	h->queue_id = g_strdup_printf("4Vb%08lXz", i);
	h->message_id = g_strdup_printf("<bench-store-%ld@kommune.example>", i);
	h->auth_user = g_strdup("sb0001");
	h->sender = g_strdup(SENDER);
	g_ptr_array_add(h->rcpts, g_strdup(RCPT));
	h->reason = g_strdup("classified, no key: " RCPT);
	h->findings = g_strdup("CPR 170583-XXXX (body)");
	h->subject = g_strdup("Din ansøgning om boligstøtte");
	st = seal_store_hold(s, h, msg->str, msg->len, err);
	seal_held_free(h);
	return st;
}

typedef struct holder {
	seal_store *s;
	const GString *msg;
	long first, n;            /* numbers of the holds this one does */
	GArray *ms;               /* latency of each, milliseconds */
	seal_status st;
	seal_err err;
} holder;

static gpointer
hold_run(gpointer p)
{
	holder *w = p;

	for (long i = 0; i < w->n && w->st == SEAL_OK; i++) {
		double t = now_s();

		w->st = hold_one(w->s, w->msg, w->first + i, &w->err);
		t = (now_s() - t) * 1000;
		g_array_append_val(w->ms, t);
	}
	return NULL;
}

static int
run_hold(const bench *b, const char *mode, long n, size_t size, int threads)
{
	holder *w = g_new0(holder, threads);
	GThread **th = g_new0(GThread *, threads);
	GArray *all = g_array_new(FALSE, FALSE, sizeof(double));
	GString *msg = make_message(size);
	double t0, wall;
	int rc = 0;
	lat l;

	for (int k = 0; k < threads; k++) {
		w[k].msg = msg;
		w[k].first = n / threads * k + MIN(k, n % threads);
		w[k].n = n / threads + (k < n % threads);
		w[k].ms = g_array_new(FALSE, FALSE, sizeof(double));
		seal_err_clear(&w[k].err);
		if (rc == 0 && (w[k].s = open_store(b)) == NULL)
			rc = 1;
		/* Not timed: the first holds create the directory, warm the connection. */
		for (int i = 0; rc == 0 && i < WARMUP; i++)
			if (hold_one(w[k].s, msg, -1 - i, &w[k].err) != SEAL_OK) {
				fail("warm-up hold", &w[k].err);
				rc = 1;
			}
	}
	t0 = now_s();
	for (int k = 0; rc == 0 && k < threads; k++)
		if (threads > 1)
			th[k] = g_thread_new("hold", hold_run, &w[k]);
		else
			hold_run(&w[k]);
	for (int k = 0; k < threads; k++)
		if (th[k] != NULL)
			g_thread_join(th[k]);
	wall = now_s() - t0;
	for (int k = 0; k < threads; k++) {
		if (rc == 0 && w[k].st != SEAL_OK) {
			fail("hold", &w[k].err);
			rc = 1;
		}
		g_array_append_vals(all, w[k].ms->data, w[k].ms->len);
		g_array_free(w[k].ms, TRUE);
		seal_store_close(w[k].s);
	}
	if (rc == 0) {
		l = lat_of(all);
		printf("%s backend=%s size=%zu n=%ld", mode, b->backend, msg->len, n);
		if (threads > 1)
			printf(" threads=%d", threads);
		/* ms/msg: one hold as the connection making it waits for it. */
		printf(" msgs/s=%.1f ms/msg=%.2f p95_ms=%.2f max_ms=%.2f\n", (double)n / wall,
		    l.mean, l.p95, l.max);
	}
	memset(msg->str, 0, msg->len);
	g_string_free(msg, TRUE);
	g_array_free(all, TRUE);
	g_free(th);
	g_free(w);
	return rc;
}

/* ---------------------------------------------------------------- generated records */

typedef struct gen {
	uint64_t rng;
	int64_t t0;               /* time of record 0 */
	double step;              /* seconds between records */
	const char *test_fp;
	long test_records, rcpts, fps;
} gen;

/* splitmix64: fast, and the same records on every run. */
static uint64_t
rnd(gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned
below(gen *g, unsigned n)
{
	return (unsigned)(rnd(g) % n);
}

static char *
random_chars(gen *g, const char *alphabet, size_t n)
{
	size_t k = strlen(alphabet);
	char *s = g_malloc(n + 1);

	for (size_t i = 0; i < n; i++)
		s[i] = alphabet[rnd(g) % k];
	s[n] = '\0';
	return s;
}

/* Message actions as the daemon records them, weighted. */
static const struct {
	const char *action;
	unsigned weight;
} actions[] = {
	{ "encrypt-smime", 40 }, { "accept", 20 }, { "split", 12 }, { "hold", 10 },
	{ "refuse", 6 }, { "encrypt-pgp", 5 }, { "divert", 5 }, { "tempfail", 2 },
};

static char *
recipient(gen *g, int internal)
{
	unsigned k = below(g, 10);

	if (internal || k == 0)
		return g_strdup_printf("m%04u@kommune.example", below(g, SENDERS));
	if (k < 3)
		return g_strdup_printf("sag%04u@partner%u.example", below(g, PARTNERS), below(g, 40));
	return g_strdup_printf("borger%06u@citizen.example", below(g, CITIZENS));
}

/* Record i of the generated log (the caller frees it). */
static seal_audit_record *
gen_record(gen *g, long i)
{
	static const char *const kinds1[] = { "dk-cpr:1", "dk-cpr:1", "dk-cpr:1", "dk-cpr:2",
		"se-pnr:1", "no-fnr:1" };
	static const char *const kinds2[] = { "dk-cpr:2", "dk-cpr:3", "dk-cpr:1,se-pnr:1" };
	seal_audit_record *r = seal_audit_record_new();
	unsigned w = below(g, 100), sender = below(g, SENDERS), nrcpt, nfp, test;
	const char *action = actions[0].action;

	for (size_t k = 0; k < G_N_ELEMENTS(actions); k++) {
		if (w < actions[k].weight) {
			action = actions[k].action;
			break;
		}
		w -= actions[k].weight;
	}
	r->time = g->t0 + (int64_t)(g->step * (double)i) + (int64_t)below(g, 5);
	r->relay = g_strdup(i % 2 ? "mx2.kommune.example" : "mx1.kommune.example");
	r->queue_id = random_chars(g, "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz", 12);
	r->message_id = g_strdup_printf("<%016" G_GINT64_MODIFIER "x@kommune.example>",
	    (guint64)rnd(g));
	r->auth_user = below(g, 10) < 7 ? g_strdup_printf("m%04u", sender) : g_strdup("");
	r->sender = g_strdup_printf("m%04u@kommune.example", sender);
	w = below(g, 10);
	r->cls = g_strdup(w < 1 ? "public" : w < 8 ? "confidential" : "sensitive");
	r->action = g_strdup(action);
	r->rules = g_strdup(below(g, 4) == 0 ? "sundhed" : "");
	if (strcmp(action, "hold") == 0) {
		char *id = random_chars(g, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_", 32);

		r->detail = g_strconcat("held=", id, NULL);
		g_free(id);
	} else {
		r->detail = g_strdup(below(g, 50) == 0 ? "force-tag" : "");
	}
	nrcpt = 1 + (below(g, 10) >= 6) + (below(g, 10) >= 8);
	for (unsigned k = 0; k < nrcpt; k++) {
		int internal = strcmp(action, "accept") == 0;
		const char *a = action;
		char *addr;

		if (strcmp(action, "split") == 0)
			a = k == 0 ? "accept" : below(g, 3) ? "encrypt-smime" : "hold";
		addr = recipient(g, internal || (k == 0 && strcmp(action, "split") == 0));
		seal_audit_record_add_rcpt(r, addr, a);
		g_free(addr);
	}
	nfp = 1 + (below(g, 4) == 0);
	test = below(g, TEST_ONE_IN) == 0 ? below(g, nfp) : nfp;
	r->kinds = g_strdup(nfp == 1 ? kinds1[below(g, G_N_ELEMENTS(kinds1))]
	    : kinds2[below(g, G_N_ELEMENTS(kinds2))]);
	for (unsigned k = 0; k < nfp; k++) {
		char *fp = g_malloc(65);

		if (k == test) {
			memcpy(fp, g->test_fp, 65);
		} else {
			for (int j = 0; j < 4; j++)
				g_snprintf(fp + 16 * j, 17, "%016" G_GINT64_MODIFIER "x", (guint64)rnd(g));
		}
		g_ptr_array_add(r->fingerprints, fp);
	}
	g->test_records += test < nfp;
	g->rcpts += nrcpt;
	g->fps += nfp;
	return r;
}

/* ---------------------------------------------------------------- bulk: SQLite */

static int
sq_check(sqlite3 *db, int rc, int want, const char *what)
{
	if (rc == want)
		return 0;
	fprintf(stderr, "bench_store: sqlite: %s: %s\n", what, sqlite3_errmsg(db));
	return 1;
}

static int
sq_text(sqlite3_stmt *st, int i, const char *v)
{
	return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* One record with its recipients and fingerprints; prev is its prev_hash. */
static int
sq_insert(sqlite3 *db, sqlite3_stmt *const ins[3], const seal_audit_record *r,
	const char *prev)
{
	const char *const txt[] = { r->relay, r->queue_id, r->message_id, r->auth_user,
		r->sender, r->cls, r->action, r->kinds, r->rules, r->detail };
	sqlite3_stmt *st = ins[0];
	int64_t id;
	int bad;

	sqlite3_bind_int64(st, 1, r->time);
	for (int k = 0; k < (int)G_N_ELEMENTS(txt); k++)
		sq_text(st, 2 + k, txt[k]);
	sq_text(st, 12, r->hash);
	sq_text(st, 13, prev);
	bad = sq_check(db, sqlite3_step(st), SQLITE_DONE, "insert a record");
	sqlite3_reset(st);
	id = sqlite3_last_insert_rowid(db);
	for (guint k = 0; !bad && k < r->rcpts->len; k++) {
		const seal_audit_rcpt *rc = g_ptr_array_index(r->rcpts, k);

		st = ins[1];
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, k);
		sq_text(st, 3, rc->address);
		sq_text(st, 4, rc->action);
		bad = sq_check(db, sqlite3_step(st), SQLITE_DONE, "insert a recipient");
		sqlite3_reset(st);
	}
	for (guint k = 0; !bad && k < r->fingerprints->len; k++) {
		st = ins[2];
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, k);
		sq_text(st, 3, g_ptr_array_index(r->fingerprints, k));
		bad = sq_check(db, sqlite3_step(st), SQLITE_DONE, "insert a fingerprint");
		sqlite3_reset(st);
	}
	return bad;
}

/*
 * Records from..n-1 into the database of an sqlite: store, in transactions
 * of BULK_BATCH taken with BEGIN IMMEDIATE (the lock an append takes), each
 * continuing from the chain head it reads and moving the head at the end.
 */
static int
bulk_sqlite(const bench *b, const seal_store *s, gen *g, long from, long n)
{
	static const char *const sql[] = {
		"INSERT INTO audit (time, relay, queue_id, message_id, auth_user, sender, cls,"
		" action, kinds, rules, detail, hash, prev_hash)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"INSERT INTO audit_rcpt (audit_id, seq, address, action) VALUES (?, ?, ?, ?)",
		"INSERT INTO audit_fp (audit_id, seq, fingerprint) VALUES (?, ?, ?)",
		"SELECT head FROM audit_meta WHERE id = 1",
		"UPDATE audit_meta SET head = ? WHERE id = 1",
	};
	sqlite3_stmt *st[G_N_ELEMENTS(sql)] = { NULL };
	sqlite3 *db = NULL;
	char prev[65] = "";
	int bad = 0;

	if (sqlite3_open_v2(b->spec + strlen("sqlite:"), &db, SQLITE_OPEN_READWRITE, NULL)
	    != SQLITE_OK) {
		fprintf(stderr, "bench_store: sqlite: cannot open the database: %s\n",
		    db != NULL ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return 1;
	}
	sqlite3_busy_timeout(db, 10000);
	/* A big page cache for the random-order index inserts (fingerprints). */
	bad = sq_check(db, sqlite3_exec(db, "PRAGMA cache_size = -262144", NULL, NULL, NULL),
	    SQLITE_OK, "set the cache size");
	for (size_t k = 0; !bad && k < G_N_ELEMENTS(sql); k++)
		bad = sq_check(db, sqlite3_prepare_v2(db, sql[k], -1, &st[k], NULL), SQLITE_OK,
		    "prepare");
	for (long i = from; !bad && i < n;) {
		bad = sq_check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK,
		    "begin");
		if (!bad && !(bad = sq_check(db, sqlite3_step(st[3]), SQLITE_ROW, "read the head")))
			g_strlcpy(prev, (const char *)sqlite3_column_text(st[3], 0), sizeof(prev));
		sqlite3_reset(st[3]);
		for (long k = 0; !bad && k < BULK_BATCH && i < n; k++, i++) {
			seal_audit_record *r = gen_record(g, i);

			if (seal_store_chain_hash(s, prev, r, r->hash) != SEAL_OK) {
				fprintf(stderr, "bench_store: cannot compute a chain hash\n");
				bad = 1;
			} else if (!(bad = sq_insert(db, st, r, prev))) {
				memcpy(prev, r->hash, sizeof(prev));
			}
			seal_audit_record_free(r);
		}
		if (!bad) {
			sq_text(st[4], 1, prev);
			bad = sq_check(db, sqlite3_step(st[4]), SQLITE_DONE, "move the head");
			sqlite3_reset(st[4]);
		}
		if (!bad)
			bad = sq_check(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK,
			    "commit");
		if (bad && !sqlite3_get_autocommit(db))
			(void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	for (size_t k = 0; k < G_N_ELEMENTS(sql); k++)
		sqlite3_finalize(st[k]);
	sqlite3_close(db);
	return bad;
}

/* ---------------------------------------------------------------- bulk: PostgreSQL */

static int
pg_check(PGconn *c, PGresult *res, ExecStatusType want, const char *what)
{
	int bad = PQresultStatus(res) != want;

	if (bad)
		fprintf(stderr, "bench_store: postgresql: %s: %s", what, PQerrorMessage(c));
	PQclear(res);
	return bad;
}

/* A value of COPY's text format. */
static void
copy_field(GString *out, const char *v, char end)
{
	for (; *v != '\0'; v++) {
		switch (*v) {
		case '\\': g_string_append(out, "\\\\"); break;
		case '\t': g_string_append(out, "\\t"); break;
		case '\n': g_string_append(out, "\\n"); break;
		case '\r': g_string_append(out, "\\r"); break;
		default: g_string_append_c(out, *v);
		}
	}
	g_string_append_c(out, end);
}

static int
copy_in(PGconn *c, const char *sql, const GString *data)
{
	int bad = pg_check(c, PQexec(c, sql), PGRES_COPY_IN, "start COPY");

	for (gsize off = 0; !bad && off < data->len; off += 1 << 20) {
		gsize n = MIN((gsize)1 << 20, data->len - off);

		bad = PQputCopyData(c, data->str + off, (int)n) != 1;
	}
	if (PQputCopyEnd(c, bad ? "bench_store gave up" : NULL) != 1)
		bad = 1;
	if (pg_check(c, PQgetResult(c), PGRES_COMMAND_OK, "COPY"))
		bad = 1;
	return bad;
}

/* The records of one batch as COPY text for the three tables. */
static int
pg_batch(const seal_store *s, gen *g, long first, long count, int64_t *id, char prev[65],
	GString *rows, GString *rcpts, GString *fps)
{
	for (long i = first; i < first + count; i++) {
		seal_audit_record *r = gen_record(g, i);
		const char *const txt[] = { r->relay, r->queue_id, r->message_id, r->auth_user,
			r->sender, r->cls, r->action, r->kinds, r->rules, r->detail };

		if (seal_store_chain_hash(s, prev, r, r->hash) != SEAL_OK) {
			fprintf(stderr, "bench_store: cannot compute a chain hash\n");
			seal_audit_record_free(r);
			return 1;
		}
		++*id;
		g_string_append_printf(rows, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t",
		    (gint64)*id, (gint64)r->time);
		for (size_t k = 0; k < G_N_ELEMENTS(txt); k++)
			copy_field(rows, txt[k], '\t');
		copy_field(rows, r->hash, '\t');
		copy_field(rows, prev, '\n');
		for (guint k = 0; k < r->rcpts->len; k++) {
			const seal_audit_rcpt *rc = g_ptr_array_index(r->rcpts, k);

			g_string_append_printf(rcpts, "%" G_GINT64_FORMAT "\t%u\t", (gint64)*id, k);
			copy_field(rcpts, rc->address, '\t');
			copy_field(rcpts, rc->action, '\n');
		}
		for (guint k = 0; k < r->fingerprints->len; k++) {
			g_string_append_printf(fps, "%" G_GINT64_FORMAT "\t%u\t", (gint64)*id, k);
			copy_field(fps, g_ptr_array_index(r->fingerprints, k), '\n');
		}
		memcpy(prev, r->hash, 65);
		seal_audit_record_free(r);
	}
	return 0;
}

/*
 * Records from..n-1 with COPY, in transactions of BULK_BATCH that hold the
 * chain head's row lock (as an append does) and take IDs from last_id, as
 * the backend does. Then VACUUM ANALYZE, as autovacuum would after such a
 * load (timed apart: *analyze_s).
 */
static int
bulk_pg(const bench *b, const seal_store *s, gen *g, long from, long n, double *analyze_s)
{
	static const char *const keys[] = { "dbname", "client_encoding", "application_name",
		NULL };
	const char *vals[] = { b->spec, "UTF8", "bench_store", NULL };
	GString *rows = g_string_new(NULL), *rcpts = g_string_new(NULL),
	    *fps = g_string_new(NULL);
	PGconn *c = PQconnectdbParams(keys, vals, 1);
	char prev[65] = "", last[24];
	const char *params[2];
	PGresult *res;
	int64_t id = 0;
	double t;
	int bad = 0;

	if (c == NULL || PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "bench_store: postgresql: cannot connect: %s",
		    c != NULL ? PQerrorMessage(c) : "out of memory\n");
		bad = 1;
	}
	for (long i = from; !bad && i < n; i += BULK_BATCH) {
		long count = MIN((long)BULK_BATCH, n - i);

		g_string_truncate(rows, 0);
		g_string_truncate(rcpts, 0);
		g_string_truncate(fps, 0);
		bad = pg_check(c, PQexec(c, "BEGIN"), PGRES_COMMAND_OK, "begin");
		if (!bad) {
			res = PQexec(c, "SELECT head, last_id FROM audit_meta WHERE k = 1 FOR UPDATE");
			if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
				g_strlcpy(prev, PQgetvalue(res, 0, 0), sizeof(prev));
				id = g_ascii_strtoll(PQgetvalue(res, 0, 1), NULL, 10);
				PQclear(res);
			} else {
				bad = pg_check(c, res, PGRES_COMMAND_OK, "read the chain head");
			}
		}
		if (!bad)
			bad = pg_batch(s, g, i, count, &id, prev, rows, rcpts, fps);
		if (!bad)
			bad = copy_in(c, "COPY audit (id, time, relay, queue_id, message_id, auth_user,"
			    " sender, cls, action, kinds, rules, detail, hash, prev_hash) FROM STDIN",
			    rows);
		if (!bad)
			bad = copy_in(c, "COPY audit_rcpt (audit_id, pos, address, action) FROM STDIN",
			    rcpts);
		if (!bad)
			bad = copy_in(c, "COPY audit_fp (audit_id, pos, fingerprint) FROM STDIN", fps);
		if (!bad) {
			g_snprintf(last, sizeof(last), "%" G_GINT64_FORMAT, (gint64)id);
			params[0] = prev;
			params[1] = last;
			bad = pg_check(c, PQexecParams(c, "UPDATE audit_meta SET head = $1,"
			    " last_id = $2 WHERE k = 1", 2, NULL, params, NULL, NULL, 0),
			    PGRES_COMMAND_OK, "move the head");
		}
		if (!bad)
			bad = pg_check(c, PQexec(c, "COMMIT"), PGRES_COMMAND_OK, "commit");
		else if (PQtransactionStatus(c) != PQTRANS_IDLE)
			PQclear(PQexec(c, "ROLLBACK"));
	}
	t = now_s();
	if (!bad)
		bad = pg_check(c, PQexec(c, "VACUUM ANALYZE audit, audit_rcpt, audit_fp"),
		    PGRES_COMMAND_OK, "vacuum analyze");
	*analyze_s = now_s() - t;
	PQfinish(c);
	g_string_free(rows, TRUE);
	g_string_free(rcpts, TRUE);
	g_string_free(fps, TRUE);
	return bad;
}

/* ---------------------------------------------------------------- fill */

/*
 * The bulk load wrote the audit table only: the store is set back to
 * schema version 4 and opened again, so migration 5 counts the records
 * (store_internal.h) as it would on an upgraded installation. Timed.
 */
static int
recount(const bench *b, long n)
{
	static const char *const keys[] = { "dbname", NULL };
	const char *vals[] = { b->spec, NULL };
	int sqlite = strcmp(b->backend, "sqlite") == 0, bad;
	seal_store *s;
	sqlite3 *db = NULL;
	PGconn *c;
	double t;

	if (sqlite) {
		bad = sqlite3_open_v2(b->spec + strlen("sqlite:"), &db, SQLITE_OPEN_READWRITE, NULL)
		    != SQLITE_OK || sq_check(db, sqlite3_exec(db, "PRAGMA user_version = 4", NULL,
		    NULL, NULL), SQLITE_OK, "set the schema version back");
		sqlite3_close(db);
	} else {
		c = PQconnectdbParams(keys, vals, 1);
		bad = c == NULL || PQstatus(c) != CONNECTION_OK || pg_check(c, PQexec(c,
		    "UPDATE schema_version SET version = 4"), PGRES_COMMAND_OK,
		    "set the schema version back");
		PQfinish(c);
	}
	if (bad) {
		fprintf(stderr, "bench_store: cannot set the schema version back\n");
		return 1;
	}
	t = now_s();
	if ((s = open_store(b)) == NULL)
		return 1;
	printf("count-migration backend=%s records=%ld migrate_s=%.1f\n", b->backend, n,
	    now_s() - t);
	fflush(stdout);
	seal_store_close(s);
	return 0;
}

static int
run_fill(const bench *b, long n, long appends)
{
	GArray *ms = g_array_new(FALSE, FALSE, sizeof(double));
	double t, analyze_s = 0, wall;
	const char *kind = "";
	char fp[65], masked[24];
	seal_store *s;
	seal_err err;
	int rc = 0;
	lat l;
	gen g;

	if (id_fingerprint(b, TEST_NUMBER, fp, masked, &kind) != 0 || (s = open_store(b)) == NULL) {
		g_array_free(ms, TRUE);
		return 1;
	}
	memset(&g, 0, sizeof(g));
	g.rng = 20240603;
	g.test_fp = fp;
	g.t0 = (int64_t)time(NULL) - (int64_t)SPREAD_DAYS * 86400;
	g.step = (double)SPREAD_DAYS * 86400 / (double)n;
	appends = MIN(appends, n);
	seal_err_clear(&err);
	t = now_s();
	for (long i = 0; rc == 0 && i < appends; i++) {
		seal_audit_record *r = gen_record(&g, i);
		double t1 = now_s();

		if (seal_store_audit_append(s, r, &err) != SEAL_OK) {
			fail("append", &err);
			rc = 1;
		}
		t1 = (now_s() - t1) * 1000;
		g_array_append_val(ms, t1);
		seal_audit_record_free(r);
	}
	wall = now_s() - t;
	if (rc == 0 && appends > 0) {
		l = lat_of(ms);
		printf("audit-append backend=%s n=%ld appends/s=%.1f ms/append=%.2f p95_ms=%.2f"
		    " max_ms=%.2f\n", b->backend, appends, (double)appends / wall, l.mean, l.p95,
		    l.max);
		fflush(stdout);
	}
	t = now_s();
	if (rc == 0 && n > appends)
		rc = strcmp(b->backend, "sqlite") == 0 ? bulk_sqlite(b, s, &g, appends, n)
		    : bulk_pg(b, s, &g, appends, n, &analyze_s);
	wall = now_s() - t - analyze_s;
	if (rc == 0) {
		printf("fill backend=%s records=%ld appended=%ld bulk=%ld bulk_s=%.1f"
		    " bulk_records/s=%.0f", b->backend, n, appends, n - appends, wall,
		    (double)(n - appends) / (wall > 0 ? wall : 1));
		if (strcmp(b->backend, "sqlite") != 0)
			printf(" vacuum_analyze_s=%.1f", analyze_s);
		printf(" rcpts=%ld fingerprints=%ld days=%d test_number=%s kind=%s"
		    " test_records=%ld chain=as-append\n", g.rcpts, g.fps, SPREAD_DAYS, masked, kind,
		    g.test_records);
	}
	seal_store_close(s);
	g_array_free(ms, TRUE);
	if (rc == 0 && n > appends)
		rc = recount(b, n);
	return rc;
}

/* ---------------------------------------------------------------- search, verify */

static void
free_record(gpointer p)
{
	seal_audit_record_free(p);
}

static int
run_search(const bench *b, const char *number, long repeat)
{
	static const size_t limits[] = { SEARCH_LIMIT, 0 };
	const char *kind = "";
	char fp[65], masked[24];
	seal_audit_query q;
	seal_store *s;
	seal_err err;
	int rc = 0;

	if (id_fingerprint(b, number, fp, masked, &kind) != 0 || (s = open_store(b)) == NULL)
		return 1;
	for (size_t p = 0; rc == 0 && p < G_N_ELEMENTS(limits); p++) {
		GArray *ms = g_array_new(FALSE, FALSE, sizeof(double));
		double start = now_s(), first = 0;
		guint hits = 0;
		long k;
		lat l;

		memset(&q, 0, sizeof(q));
		q.fingerprint = fp;
		q.limit = limits[p];
		for (k = 0; rc == 0 && k < repeat; k++) {
			GPtrArray *out = g_ptr_array_new_with_free_func(free_record);
			double t = now_s();

			seal_err_clear(&err);
			if (seal_store_audit_search(s, &q, out, &err) != SEAL_OK) {
				fail("search", &err);
				rc = 1;
			}
			t = (now_s() - t) * 1000;
			if (k == 0)
				first = t;
			g_array_append_val(ms, t);
			hits = out->len;
			g_ptr_array_free(out, TRUE);
			/* All hits can take long: stop after ALL_SECONDS (3 runs at least). */
			if (q.limit == 0 && k >= 2 && now_s() - start > ALL_SECONDS) {
				k++;
				break;
			}
		}
		l = lat_of(ms);
		if (rc == 0)
			printf("search-id backend=%s number=%s kind=%s limit=%zu hits=%u n=%ld"
			    " first_ms=%.2f median_ms=%.2f p95_ms=%.2f max_ms=%.2f\n", b->backend,
			    masked, kind, q.limit, hits, k, first, l.median, l.p95, l.max);
		fflush(stdout);
		g_array_free(ms, TRUE);
	}
	seal_store_close(s);
	return rc;
}

static int
run_verify(const bench *b)
{
	seal_audit_verify_result res;
	seal_store *s;
	seal_err err;
	double t;
	int rc = 0;

	if ((s = open_store(b)) == NULL)
		return 1;
	seal_err_clear(&err);
	t = now_s();
	if (seal_store_audit_verify(s, &res, &err) != SEAL_OK) {
		fail("verify", &err);
		rc = 1;
	}
	t = now_s() - t;
	if (rc == 0) {
		printf("verify backend=%s records=%" G_GINT64_FORMAT " ok=%s s=%.1f records/s=%.0f",
		    b->backend, (gint64)res.records, res.ok ? "yes" : "no", t,
		    (double)res.records / (t > 0 ? t : 1));
		if (!res.ok)
			printf(" first_bad_id=%" G_GINT64_FORMAT " why=\"%s\"", (gint64)res.first_bad_id,
			    res.why);
		printf("\n");
		rc = !res.ok;
	}
	seal_store_close(s);
	return rc;
}

/* ---------------------------------------------------------------- main */

static int
usage(void)
{
	fprintf(stderr, "usage: bench_store -s STORE_SPEC [-q QUARANTINE_DIR] -k KEYFILE MODE ...\n"
	    "  hold N SIZE | hold-par N SIZE THREADS | fill N [APPENDS]\n"
	    "  | search-id NUMBER REPEAT | verify\n");
	return 2;
}

/* A whole number in [min, max], or -1. */
static long
count_arg(const char *s, long min, long max)
{
	char *end;
	long v;

	if (s == NULL)
		return -1;
	v = strtol(s, &end, 10);
	return end != s && *end == '\0' && v >= min && v <= max ? v : -1;
}

int
main(int argc, char **argv)
{
	const char *keyfile = NULL, *mode;
	long n, m = 0, t = 1;
	bench b;
	seal_err err;
	int c, rc, nargs;

	memset(&b, 0, sizeof(b));
	while ((c = getopt(argc, argv, "s:q:k:")) != -1) {
		switch (c) {
		case 's': b.spec = optarg; break;
		case 'q': b.qdir = optarg; break;
		case 'k': keyfile = optarg; break;
		default: return usage();
		}
	}
	if (b.spec == NULL || keyfile == NULL || optind >= argc)
		return usage();
	mode = argv[optind];
	nargs = argc - optind - 1;
	b.backend = g_str_has_prefix(b.spec, "sqlite:") ? "sqlite" : "postgresql";
	seal_err_clear(&err);
	if ((b.fpkey = seal_fp_key_load(keyfile, &err)) == NULL) {
		fail("fingerprint key", &err);
		return 1;
	}
	seal_store_chain_key(b.fpkey, b.chain_key);
	if (strcmp(mode, "hold") == 0 && nargs == 2 &&
	    (n = count_arg(argv[optind + 1], 1, 100000000)) > 0 &&
	    (m = count_arg(argv[optind + 2], 512, 1 << 30)) > 0)
		rc = run_hold(&b, mode, n, (size_t)m, 1);
	else if (strcmp(mode, "hold-par") == 0 && nargs == 3 &&
	    (n = count_arg(argv[optind + 1], 1, 100000000)) > 0 &&
	    (m = count_arg(argv[optind + 2], 512, 1 << 30)) > 0 &&
	    (t = count_arg(argv[optind + 3], 1, 256)) > 0)
		rc = run_hold(&b, mode, n, (size_t)m, (int)t);
	else if (strcmp(mode, "fill") == 0 && (nargs == 1 || nargs == 2) &&
	    (n = count_arg(argv[optind + 1], 1, 1000000000)) > 0 &&
	    (nargs == 1 || (m = count_arg(argv[optind + 2], 0, 1000000000)) >= 0))
		rc = run_fill(&b, n, nargs == 2 ? m : DEFAULT_APPENDS);
	else if (strcmp(mode, "search-id") == 0 && nargs == 2 &&
	    (n = count_arg(argv[optind + 2], 1, 1000000)) > 0)
		rc = run_search(&b, argv[optind + 1], n);
	else if (strcmp(mode, "verify") == 0 && nargs == 0)
		rc = run_verify(&b);
	else
		rc = usage();
	memset(b.chain_key, 0, sizeof(b.chain_key));
	seal_fp_key_free(b.fpkey);
	return rc;
}
