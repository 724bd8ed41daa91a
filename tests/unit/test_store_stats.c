/*
 * test_store_stats.c - what the console asks of the store beyond the
 * records themselves (test_store.h): held messages paged and counted in
 * the store (state, findings, offset), audit search by kind and paged, and
 * the grouped counts of the overview and /metrics (by action and class,
 * per day, by kind with the kinds texts split, the refusing senders and
 * domains, the held messages by age). Run against both backends.
 */
#include <stdarg.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "test_store.h"

static int64_t
held_count(seal_store *s, const seal_held_query *q)
{
	int64_t n = -1;
	seal_err err;

	ck_assert_msg(seal_store_held_count(s, q, &n, &err) == SEAL_OK, "count: %s", err.msg);
	return n;
}

static guint
held_list_len(seal_store *s, const seal_held_query *q, char *first_id)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)seal_held_free);
	seal_err err;
	guint n;

	ck_assert_msg(seal_store_held_list(s, q, out, &err) == SEAL_OK, "list: %s", err.msg);
	n = out->len;
	if (first_id != NULL && n > 0)
		g_strlcpy(first_id, ((seal_held *)g_ptr_array_index(out, 0))->id, 40);
	g_ptr_array_free(out, TRUE);
	return n;
}

START_TEST(held_paged_and_counted)
{
	seal_store *s = open_store();
	char *ids[7], first[40];
	seal_held_query q;
	seal_err err;

	for (int i = 0; i < 7; i++) {
		seal_held *h = make_held("alice@kommune.example", "bob@citizen.example", "no key");

		g_free(h->findings);
		h->findings = g_strdup(i < 2 ? "Personnummer 850709-XXXX (body)"
		    : "CPR 170583-XXXX (body)");
		ids[i] = hold(s, h);
		raw_sqlf("UPDATE held SET time = %" G_GINT64_FORMAT " WHERE id = '%s'",
		    T0 + i * 10, ids[i]);
	}
	ck_assert_int_eq(seal_store_held_transition(s, ids[6], SEAL_HELD, SEAL_HELD_REFUSED, "o",
	    "policy", &err), SEAL_OK);
	memset(&q, 0, sizeof(q));
	ck_assert_int_eq(held_count(s, &q), 6);
	q.limit = 4;
	ck_assert_uint_eq(held_list_len(s, &q, first), 4);
	ck_assert_str_eq(first, ids[5]);
	q.offset = 4;
	ck_assert_uint_eq(held_list_len(s, &q, first), 2);
	ck_assert_str_eq(first, ids[1]);
	memset(&q, 0, sizeof(q));
	q.findings = "PERSONNUMMER";
	ck_assert_int_eq(held_count(s, &q), 2);
	ck_assert_uint_eq(held_list_len(s, &q, NULL), 2);
	q.findings = "%";
	ck_assert_int_eq(held_count(s, &q), 0);
	memset(&q, 0, sizeof(q));
	q.state = "refused";
	ck_assert_int_eq(held_count(s, &q), 1);
	ck_assert_uint_eq(held_list_len(s, &q, first), 1);
	ck_assert_str_eq(first, ids[6]);
	q.all_states = 1;
	ck_assert_int_eq(held_count(s, &q), 7);
	for (int i = 0; i < 7; i++)
		g_free(ids[i]);
	seal_store_close(s);
}
END_TEST

START_TEST(audit_search_kind_and_offset)
{
	seal_store *s = open_store();
	seal_audit_record *r;
	seal_audit_query q;
	int64_t a, b, c, d;

	a = append(s, make_record(T0, "a@kommune.example", "encrypt-smime"));
	r = make_record(T0 + 1, "a@kommune.example", "hold");
	g_free(r->kinds);
	r->kinds = g_strdup("se-pnr:1,health:2");
	b = append(s, r);
	r = make_record(T0 + 2, "a@kommune.example", "refuse");
	g_free(r->kinds);
	r->kinds = g_strdup("xdk-cpr:1");
	c = append(s, r);
	memset(&q, 0, sizeof(q));
	q.kind = "dk-cpr";
	expect_audit(s, &q, "kind: a whole name only", 1, a);
	q.kind = "health";
	expect_audit(s, &q, "kind: a category after another kind", 1, b);
	q.kind = "%";
	expect_audit(s, &q, "kind: no wildcard", 0);
	memset(&q, 0, sizeof(q));
	q.limit = 2;
	expect_audit(s, &q, "page 1", 2, c, b);
	q.offset = 2;
	expect_audit(s, &q, "page 2", 1, a);
	/* A relay with a slow clock: written last, dated first. */
	d = append(s, make_record(T0 - 100, "a@kommune.example", "accept"));
	memset(&q, 0, sizeof(q));
	expect_audit(s, &q, "by time", 4, c, b, a, d);
	q.by_id = 1;
	expect_audit(s, &q, "by id, the chain's order", 4, d, c, b, a);
	q.limit = 1;
	q.offset = 1;
	expect_audit(s, &q, "by id, paged", 1, c);
	seal_store_close(s);
}
END_TEST

/* The row of key (and cls, day when given) in rows, or NULL. */
static const seal_stat_row *
row_of(const GArray *rows, const char *key, const char *cls, int64_t day)
{
	for (guint i = 0; i < rows->len; i++) {
		const seal_stat_row *r = &g_array_index(rows, seal_stat_row, i);

		if (g_strcmp0(r->key, key) == 0 && (cls == NULL || g_strcmp0(r->cls, cls) == 0)
		    && (day < 0 || r->day == day))
			return r;
	}
	return NULL;
}

static int64_t
n_of(const GArray *rows, const char *key, const char *cls, int64_t day)
{
	const seal_stat_row *r = row_of(rows, key, cls, day);

	return r != NULL ? r->n : 0;
}

static void
stats(seal_store *s, const seal_stat_query *q, GArray *rows)
{
	seal_err err;

	seal_stat_rows_clear(rows);
	ck_assert_msg(seal_store_audit_stats(s, q, rows, &err) == SEAL_OK, "stats: %s", err.msg);
}

static void
add(seal_store *s, int64_t t, const char *sender, const char *cls, const char *action,
	const char *kinds)
{
	seal_audit_record *r = make_record(t, sender, action);

	g_free(r->cls);
	r->cls = g_strdup(cls);
	g_free(r->kinds);
	r->kinds = g_strdup(kinds);
	append(s, r);
}

START_TEST(grouped_counts)
{
	seal_store *s = open_store();
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(seal_stat_row));
	seal_stat_query q;
	seal_err err;
	char *old;

	add(s, T0 + 100, "a@kommune.example", "confidential", "encrypt-smime", "dk-cpr:2");
	add(s, T0 + 200, "a@kommune.example", "sensitive", "encrypt-smime", "dk-cpr:1,health:1");
	add(s, T0 + DAY + 5, "B@Social.Kommune.example", "confidential", "refuse", "se-pnr:1");
	add(s, T0 + DAY + 6, "b@social.kommune.example", "confidential", "refuse", "dk-cpr:1");
	add(s, T0 + 2 * DAY, "c@kommune.example", "confidential", "refuse", "dk-cpr:1");
	add(s, T0 + 2 * DAY, "c@kommune.example", "public", "accept", "");
	/* An officer's record (no class) is no mail decision. */
	add(s, T0 + 2 * DAY, "c@kommune.example", "", "refuse", "");

	memset(&q, 0, sizeof(q));
	q.by = SEAL_STAT_ACTION_CLASS;
	stats(s, &q, rows);
	ck_assert_int_eq(rows->len, 4);
	ck_assert_int_eq(n_of(rows, "encrypt-smime", "confidential", -1), 1);
	ck_assert_int_eq(n_of(rows, "encrypt-smime", "sensitive", -1), 1);
	ck_assert_int_eq(n_of(rows, "refuse", "confidential", -1), 3);
	ck_assert_int_eq(n_of(rows, "accept", "public", -1), 1);
	q.per_day = 1;
	q.origin = q.from = T0;
	q.to = T0 + 2 * DAY - 1;
	stats(s, &q, rows);
	ck_assert_int_eq(n_of(rows, "encrypt-smime", "confidential", 0), 1);
	ck_assert_int_eq(n_of(rows, "refuse", "confidential", 1), 2);
	ck_assert_int_eq(n_of(rows, "refuse", "confidential", 2), 0);

	memset(&q, 0, sizeof(q));
	q.by = SEAL_STAT_KIND;
	stats(s, &q, rows);
	ck_assert_int_eq(rows->len, 3);
	ck_assert_str_eq(g_array_index(rows, seal_stat_row, 0).key, "dk-cpr");
	ck_assert_int_eq(n_of(rows, "dk-cpr", NULL, -1), 4);
	ck_assert_int_eq(n_of(rows, "health", NULL, -1), 1);
	ck_assert_int_eq(n_of(rows, "se-pnr", NULL, -1), 1);

	q.by = SEAL_STAT_REFUSED_SENDER;
	q.limit = 1;
	stats(s, &q, rows);
	ck_assert_int_eq(rows->len, 1);
	ck_assert_str_eq(g_array_index(rows, seal_stat_row, 0).key, "b@social.kommune.example");
	ck_assert_int_eq(g_array_index(rows, seal_stat_row, 0).n, 2);
	q.by = SEAL_STAT_REFUSED_DOMAIN;
	q.limit = 0;
	stats(s, &q, rows);
	ck_assert_int_eq(rows->len, 2);
	ck_assert_int_eq(n_of(rows, "social.kommune.example", NULL, -1), 2);
	ck_assert_int_eq(n_of(rows, "kommune.example", NULL, -1), 1);

	old = hold(s, make_held("a@kommune.example", "b@citizen.example", "no key"));
	g_free(hold(s, make_held("a@kommune.example", "b@citizen.example", "no key")));
	raw_sqlf("UPDATE held SET time = %" G_GINT64_FORMAT " WHERE id = '%s'",
	    (int64_t)time(NULL) - 3 * DAY - 60, old);
	seal_stat_rows_clear(rows);
	ck_assert(seal_store_held_ages(s, (int64_t)time(NULL), rows, &err) == SEAL_OK);
	ck_assert_int_eq(rows->len, 2);
	ck_assert_int_eq(n_of(rows, NULL, NULL, 0), 1);
	ck_assert_int_eq(n_of(rows, NULL, NULL, 3), 1);
	seal_stat_rows_clear(rows);
	g_array_free(rows, TRUE);
	g_free(old);
	seal_store_close(s);
}
END_TEST

void
store_stats_cases(TCase *tc)
{
	tcase_add_test(tc, held_paged_and_counted);
	tcase_add_test(tc, audit_search_kind_and_offset);
	tcase_add_test(tc, grouped_counts);
}
