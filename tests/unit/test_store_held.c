/*
 * test_store_held.c - held messages in the store (test_store.h): holding
 * privately, listing, transitions exactly once, failed holds that leave
 * nothing, purging the quarantine directory, held-message IDs, and no
 * identity number in clear anywhere but in the held message itself.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <linux/capability.h>

#include "test_store.h"

/* ---------------------------------------------------------------- quarantine */

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

/* ---------------------------------------------------------------- IDs */

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

/*
 * An ID is typed as an argument (sealctl quarantine release ID): it must
 * never start with '-'. Drawn 20000 times: with '-' and '_' allowed first,
 * about 600 would. Checked without an assertion per ID (each one records a
 * mark point), failing at the first bad one.
 */
START_TEST(ids_never_look_like_options)
{
	static const char url_safe[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	int first[256] = { 0 }, firsts = 0;
	char id[40];

	for (int i = 0; i < 20000; i++) {
		seal_store_new_id(id);
		if (strlen(id) != 32 || strspn(id, url_safe) != 32)
			ck_abort_msg("bad ID %s", id);
		if (!g_ascii_isalnum(id[0]))
			ck_abort_msg("ID %s starts with '%c'", id, id[0]);
		first[(unsigned char)id[0]]++;
	}
	/* The first character is still spread over all 62 (each about 320 times). */
	for (int c = 0; c < 256; c++)
		if (first[c] > 0)
			firsts++;
	ck_assert_int_eq(firsts, 62);
}
END_TEST

/*
 * The sender's release request: stored once, read back, refused for an
 * unknown ID, purged with its message.
 */
START_TEST(release_request_once)
{
	seal_store *s = open_store();
	char *id = hold(s, make_held("case@kommune.example", "bob@citizen.example", "no key"));
	char *text = NULL;
	int64_t when = 0;
	int added = -1;
	seal_purge_counts pc;
	seal_err err;

	seal_err_clear(&err);
	ck_assert_int_eq(seal_store_release_request_get(s, id, &when, &text, &err), SEAL_OK);
	ck_assert_ptr_null(text);
	ck_assert_int_eq(seal_store_release_request_add(s, id, T0, "The court asked for it,\n"
	    "case 17.", &added, &err), SEAL_OK);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(seal_store_release_request_add(s, id, T0 + 5, "Again", &added, &err),
	    SEAL_OK);
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(seal_store_release_request_get(s, id, &when, &text, &err), SEAL_OK);
	ck_assert_str_eq(text, "The court asked for it,\ncase 17.");
	ck_assert_int_eq(when, T0);
	g_free(text);
	ck_assert_int_eq(seal_store_release_request_add(s, "NoSuchHeldMessage", T0, "x", &added,
	    &err), SEAL_ERR_USAGE);
	ck_assert_int_eq(seal_store_release_request_add(s, "-bad id", T0, "x", &added, &err),
	    SEAL_ERR_USAGE);
	/* Purged with its message (the held time is now: purge everything before tomorrow). */
	ck_assert_int_eq(seal_store_purge(s, 0, (int64_t)time(NULL) + DAY, &pc, &err), SEAL_OK);
	text = raw_dump("SELECT count(*) FROM release_request");
	ck_assert_str_eq(g_strstrip(text), "0");
	g_free(text);
	g_free(id);
	seal_store_close(s);
}
END_TEST

/* ---------------------------------------------------------------- the cases, in TAP order */

void
store_held_cases(TCase *tc)
{
	tcase_add_test(tc, hold_stores_privately);
	tcase_add_test(tc, held_list_filters);
	tcase_add_test(tc, transition_exactly_once);
	tcase_add_test(tc, nothing_in_clear);
	tcase_add_test(tc, release_request_once);
}

void
store_id_cases(TCase *tc)
{
	tcase_add_test(tc, ids_are_random_and_url_safe);
	tcase_add_test(tc, ids_never_look_like_options);
}

void
store_held_file_cases(TCase *tc)
{
	tcase_add_test(tc, unwritable_quarantine_stores_nothing);
	tcase_add_test(tc, failed_hold_leaves_nothing);
	tcase_add_test(tc, purge_removes_orphan_files);
}
