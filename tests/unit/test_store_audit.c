/*
 * test_store_audit.c - the store's audit log (test_store.h): search, the
 * keyed chain and its verification, purge, the chain key, two stores
 * appending to one chain, and the building blocks of the chain hash.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fingerprint.h"
#include "test_store.h"

/* ---------------------------------------------------------------- records: search */

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

/* ---------------------------------------------------------------- the cases, in TAP order */

void
store_audit_cases(TCase *tc)
{
	tcase_add_test(tc, search_filters);
	tcase_add_test(tc, search_returns_whole_records);
	tcase_add_test(tc, verify_clean_chain);
	tcase_add_test(tc, verify_detects_edit);
	tcase_add_test(tc, verify_detects_deletion);
	tcase_add_test(tc, verify_detects_deletion_at_end);
	tcase_add_test(tc, purge_keeps_chain);
	tcase_add_test(tc, append_needs_key);
	tcase_add_test(tc, two_stores_one_chain);
}

/* No backend reaches these (store.c alone): run once, not again per database. */
void
store_audit_nodb_cases(TCase *tc)
{
	tcase_add_test(tc, unknown_spec_is_config_error);
	tcase_add_test(tc, canon_and_chain_hash);
	tcase_add_test(tc, chain_key_derivation);
}
