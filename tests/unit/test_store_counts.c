/*
 * test_store_counts.c - the count tables of schema version 5 (store_internal.h)
 * against the audit log they count: after a mix of appends, after a purge,
 * and after migrating a version-4 store full of records, every count table
 * holds exactly what a GROUP BY over the audit table gives; and the grouped
 * counts the console asks for (seal_store_audit_stats) are the same whether
 * the count tables answer (bounds on whole hours) or the audit table does
 * (a bound inside an hour). The daily self-test's canaries are counted by
 * neither (audit_canary, schema version 6). Run against both backends.
 */
#include <string.h>

#include <glib.h>

#include "test_store.h"

#define SLOT_OF(t) SEAL_COUNT_START(t)
/* the records counted: all but the canaries the "selftest" records named */
#define COUNTED " AND id NOT IN (SELECT id FROM audit_canary)"

/* One case's mail decisions: time, sender, class, action, kinds. */
static const struct {
	int64_t t;
	const char *sender, *cls, *action, *kinds;
} mix[] = {
	/* T0 is 400 s into an hour: the next four straddle its end */
	{ T0, "a@kommune.example", "confidential", "encrypt-smime", "dk-cpr:2" },
	{ T0 + 3199, "a@kommune.example", "confidential", "encrypt-smime", "dk-cpr:1" },
	{ T0 + 3200, "A@Kommune.example", "sensitive", "encrypt-pgp", "dk-cpr:1,health:1" },
	{ T0 + 3201, "B@Social.Kommune.example", "confidential", "refuse", "se-pnr:1" },
	{ T0 + DAY, "b@social.kommune.example", "confidential", "refuse", "dk-cpr:1" },
	{ T0 + DAY + 1, "b@social.kommune.example", "sensitive", "refuse", "health:1" },
	{ T0 + 2 * DAY, "c@kommune.example", "public", "accept", "" },
	{ T0 + 2 * DAY, "c@kommune.example", "confidential", "hold", "dk-cpr:3,rule:x:1" },
	{ T0 + 2 * DAY + 3599, "c@kommune.example", "confidential", "divert", "dk-cpr:1" },
	/* an officer's record: no class, no kinds, never counted */
	{ T0 + 2 * DAY, "c@kommune.example", "", "refuse", "" },
	/* a refusal without a sender is counted by action, not by sender */
	{ T0 + 3 * DAY, "", "confidential", "refuse", "dk-cpr:1" },
	/* before 1970: the hour still starts below the time */
	{ -1000, "old@kommune.example", "confidential", "refuse", "dk-cpr:1" },
};

static void
add_mix(seal_store *s, int64_t shift)
{
	for (size_t i = 0; i < G_N_ELEMENTS(mix); i++) {
		seal_audit_record *r = make_record(mix[i].t + shift, mix[i].sender, mix[i].action);

		g_free(r->cls);
		r->cls = g_strdup(mix[i].cls);
		g_free(r->kinds);
		r->kinds = g_strdup(mix[i].kinds);
		append(s, r);
	}
}

/* A query's rows as text, and that they are what want's are. */
static void
same_rows(const char *what, const char *got_sql, const char *want_sql)
{
	char *got = raw_dump(got_sql), *want = raw_dump(want_sql);

	ck_assert_msg(strcmp(got, want) == 0, "%s: count table\n%s\nbut the audit table\n%s",
	    what, got, want);
	g_free(got);
	g_free(want);
}

/* Every count table equals its GROUP BY over the audit table; none has a row of 0. */
static void
counts_match_log(const char *when)
{
	char *what = NULL;

	what = g_strdup_printf("%s: by action and class", when);
	same_rows(what, "SELECT start, action, cls, n FROM audit_count_action ORDER BY 1, 2, 3",
	    "SELECT " SLOT_OF("time") ", action, cls, count(*) FROM audit WHERE cls <> ''"
	    COUNTED " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
	g_free(what);
	what = g_strdup_printf("%s: by kinds", when);
	same_rows(what, "SELECT start, kinds, n FROM audit_count_kinds ORDER BY 1, 2",
	    "SELECT " SLOT_OF("time") ", kinds, count(*) FROM audit WHERE kinds <> ''"
	    COUNTED " GROUP BY 1, 2 ORDER BY 1, 2");
	g_free(what);
	what = g_strdup_printf("%s: refusals by sender", when);
	same_rows(what, "SELECT start, sender, n FROM audit_count_refused ORDER BY 1, 2",
	    is_pg ? "SELECT " SLOT_OF("time") ", lower(sender COLLATE \"C\") AS k, count(*)"
	    " FROM audit WHERE action = 'refuse' AND cls <> '' AND sender <> ''"
	    COUNTED " GROUP BY 1, 2 ORDER BY 1, 2"
	    : "SELECT " SLOT_OF("time") ", lower(sender), count(*) FROM audit"
	    " WHERE action = 'refuse' AND cls <> '' AND sender <> ''" COUNTED
	    " GROUP BY 1, 2 ORDER BY 1, 2");
	g_free(what);
	same_rows(when, "SELECT (SELECT count(*) FROM audit_count_action WHERE n <= 0)"
	    " + (SELECT count(*) FROM audit_count_kinds WHERE n <= 0)"
	    " + (SELECT count(*) FROM audit_count_refused WHERE n <= 0)", "SELECT 0");
}

static gint
by_text(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The rows of q as text lines "day key cls n" (by action: sorted). */
static char *
stats_text(seal_store *s, const seal_stat_query *q)
{
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(seal_stat_row));
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	GString *out = g_string_new(NULL);
	seal_err err;

	seal_err_clear(&err);
	ck_assert_msg(seal_store_audit_stats(s, q, rows, &err) == SEAL_OK, "stats: %s", err.msg);
	for (guint i = 0; i < rows->len; i++) {
		const seal_stat_row *r = &g_array_index(rows, seal_stat_row, i);

		g_ptr_array_add(lines, g_strdup_printf("%" G_GINT64_FORMAT " %s %s %" G_GINT64_FORMAT,
		    r->day, r->key != NULL ? r->key : "-", r->cls != NULL ? r->cls : "-", r->n));
	}
	/* the refusers come most first, ties by name: keep their order */
	if (q->by == SEAL_STAT_ACTION_CLASS)
		g_ptr_array_sort(lines, by_text);
	for (guint i = 0; i < lines->len; i++)
		g_string_append_printf(out, "%s\n", (const char *)g_ptr_array_index(lines, i));
	g_ptr_array_free(lines, TRUE);
	seal_stat_rows_clear(rows);
	g_array_free(rows, TRUE);
	return g_string_free(out, FALSE);
}

/*
 * Each grouping over [from, to] from the count tables, and again with to
 * one second earlier (inside an hour: the audit table answers, and
 * the last second holds no record): the same rows, and some.
 */
static void
both_paths_agree(seal_store *s, int64_t origin, int64_t from, int64_t to)
{
	for (int by = SEAL_STAT_ACTION_CLASS; by <= SEAL_STAT_REFUSED_DOMAIN; by++) {
		for (int per_day = 0; per_day <= (by == SEAL_STAT_ACTION_CLASS); per_day++) {
			seal_stat_query q = { .by = (seal_stat_by)by, .per_day = per_day,
			    .origin = origin, .from = from, .to = to, .limit = by >= 2 ? 2 : 0 };
			char *counted, *logged;

			ck_assert(seal_stat_counted(&q));
			counted = stats_text(s, &q);
			q.to = to - 1;
			ck_assert(!seal_stat_counted(&q));
			logged = stats_text(s, &q);
			ck_assert_msg(strcmp(counted, logged) == 0, "by %d per day %d: counted\n%s"
			    "but logged\n%s", by, per_day, counted, logged);
			ck_assert_msg(counted[0] != '\0', "by %d: no rows", by);
			g_free(counted);
			g_free(logged);
		}
	}
}

START_TEST(counts_follow_appends_and_purge)
{
	seal_store *s = open_store();
	/* a local midnight two hours off UTC's, as in Denmark in summer */
	int64_t origin = T0 - 400 - 2 * 3600;
	seal_purge_counts c = { 0, 0 };
	seal_stat_query q = { .by = SEAL_STAT_ACTION_CLASS, .per_day = 1 };
	seal_err err;

	/* a midnight 5 h 45 min off UTC's falls inside an hour: the audit table answers */
	q.origin = q.from = origin - 15 * 60;
	ck_assert(!seal_stat_counted(&q));
	q.origin = q.from = origin;
	ck_assert(seal_stat_counted(&q));

	counts_match_log("an empty store");
	add_mix(s, 0);
	counts_match_log("after the appends");
	add_mix(s, 0);
	counts_match_log("after appending them again");
	both_paths_agree(s, origin, origin, origin + 4 * DAY - 1);
	/* the first four records go (the fifth is new enough); the counts with them */
	seal_err_clear(&err);
	ck_assert_msg(seal_store_purge(s, T0 + DAY, 0, &c, &err) == SEAL_OK, "purge: %s",
	    err.msg);
	ck_assert_int_eq(c.audit, 4);
	counts_match_log("after a purge");
	both_paths_agree(s, origin, origin, origin + 4 * DAY - 1);
	seal_store_close(s);
}
END_TEST

START_TEST(counts_built_by_migration)
{
	seal_store *s = open_store();

	add_mix(s, 0);
	add_mix(s, 7 * DAY + 123);
	seal_store_close(s);
	/* a version-4 store: no count tables, its records counted at the next open */
	raw_sql("DROP TABLE audit_count_action");
	raw_sql("DROP TABLE audit_count_kinds");
	raw_sql("DROP TABLE audit_count_refused");
	raw_sql(is_pg ? "UPDATE schema_version SET version = 4" : "PRAGMA user_version = 4");
	s = open_store();
	ck_assert_int_eq(seal_store_schema_version(s), SEAL_STORE_SCHEMA_VERSION);
	counts_match_log("after migrating from version 4");
	add_mix(s, DAY);
	counts_match_log("after migrating and appending");
	seal_store_close(s);
	/* set back to version 4 with the tables still there, and wrong: built anew */
	raw_sql("UPDATE audit_count_action SET n = n + 7");
	raw_sql("DELETE FROM audit_count_kinds");
	raw_sql(is_pg ? "UPDATE schema_version SET version = 4" : "PRAGMA user_version = 4");
	s = open_store();
	counts_match_log("after migrating again");
	both_paths_agree(s, T0 - 400, T0 - 400, T0 - 400 + 9 * DAY - 1);
	seal_store_close(s);
}
END_TEST

/* A canary as sealmilter records it: a refusal or hold of mail with the canary number. */
static int64_t
append_canary(seal_store *s, int64_t t, const char *action)
{
	return append(s, make_record(t, "Selftest@Kommune.example", action));
}

/* sealctl selftest's record after a canary: no class, no kinds; detail as given. */
static void
append_selftest(seal_store *s, int64_t t, const char *detail)
{
	seal_audit_record *r = make_record(t, "selftest@kommune.example", SEAL_AUDIT_SELFTEST_ACTION);

	g_free(r->cls);
	r->cls = g_strdup("");
	g_free(r->kinds);
	r->kinds = g_strdup("");
	g_free(r->detail);
	r->detail = g_strdup(detail);
	append(s, r);
}

static void
canaries_are(int64_t c1, int64_t c2)
{
	char *want = c2 != 0 ? g_strdup_printf("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t",
	    c1, c2) : g_strdup_printf("%" G_GINT64_FORMAT "\t", c1);
	char *got = raw_dump("SELECT id FROM audit_canary ORDER BY id");

	ck_assert_msg(strcmp(got, want) == 0, "canaries: got\n%s, want\n%s", got, want);
	g_free(got);
	g_free(want);
}

/* All three count tables as text. */
static char *
all_counts(void)
{
	char *a = raw_dump("SELECT start, action, cls, n FROM audit_count_action ORDER BY 1, 2, 3");
	char *k = raw_dump("SELECT start, kinds, n FROM audit_count_kinds ORDER BY 1, 2");
	char *r = raw_dump("SELECT start, sender, n FROM audit_count_refused ORDER BY 1, 2");
	char *all = g_strconcat(a, "--\n", k, "--\n", r, NULL);

	g_free(a);
	g_free(k);
	g_free(r);
	return all;
}

static void
counts_are(const char *when, const char *want)
{
	char *got = all_counts();

	ck_assert_msg(strcmp(got, want) == 0, "%s: counts\n%s\nbut without canaries\n%s", when,
	    got, want);
	g_free(got);
}

/* How many records a search finds; left out (no_selftest), none is the self-test's. */
static int
found(seal_store *s, int no_selftest, size_t limit, size_t offset)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)seal_audit_record_free);
	seal_audit_query q = { .no_selftest = no_selftest, .limit = limit, .offset = offset,
	    .by_id = 1 };
	seal_err err;
	int n;

	seal_err_clear(&err);
	ck_assert_msg(seal_store_audit_search(s, &q, out, &err) == SEAL_OK, "search: %s", err.msg);
	for (guint i = 0; no_selftest && i < out->len; i++) {
		const seal_audit_record *r = g_ptr_array_index(out, i);

		ck_assert_str_ne(r->action, SEAL_AUDIT_SELFTEST_ACTION);
		ck_assert_str_ne(r->sender, "Selftest@Kommune.example");
	}
	n = (int)out->len;
	g_ptr_array_free(out, TRUE);
	return n;
}

/*
 * The daily self-test's canaries are left out of every count: counted at
 * their append like any refusal or hold, counted out (once) when the
 * "selftest" record naming them comes, never counted out again by a purge,
 * and left out when migration to version 6 counts anew.
 */
START_TEST(canaries_not_counted)
{
	seal_store *s = open_store();
	char *plain, *detail;
	int64_t c1, c2;
	seal_purge_counts c = { 0, 0 };
	seal_err err;

	/* the counts of the mix alone */
	add_mix(s, 0);
	plain = all_counts();
	seal_store_close(s);
	raw_sql("DELETE FROM audit_count_action");
	raw_sql("DELETE FROM audit_count_kinds");
	raw_sql("DELETE FROM audit_count_refused");
	raw_sql("DELETE FROM audit_fp");
	raw_sql("DELETE FROM audit_rcpt");
	raw_sql("DELETE FROM audit");
	s = open_store();
	counts_are("emptied", "--\n--\n");

	/* a refused canary long before its record (a purge takes it alone) */
	c1 = append_canary(s, T0 + 10, "refuse");
	detail = g_strdup_printf("canary=%" G_GINT64_FORMAT " result=refused held_deleted=0", c1);
	append_selftest(s, T0 + 5 * DAY, detail);
	g_free(detail);
	add_mix(s, 0);
	/* a held one, named twice; a self-test that had no canary; details in no other form */
	c2 = append_canary(s, T0 + 2 * DAY + 60, "hold");
	detail = g_strdup_printf("canary=%" G_GINT64_FORMAT " result=held held_deleted=1", c2);
	append_selftest(s, T0 + 2 * DAY + 70, detail);
	append_selftest(s, T0 + 2 * DAY + 80, detail);
	g_free(detail);
	append_selftest(s, T0 + 2 * DAY + 90, "canary=0 result=fail held_deleted=0");
	detail = g_strdup_printf("canary=0%" G_GINT64_FORMAT " result=held", c2 - 1);
	append_selftest(s, T0 + 2 * DAY + 91, detail);
	g_free(detail);
	detail = g_strdup_printf("canary=%" G_GINT64_FORMAT "x", c2 - 1);
	append_selftest(s, T0 + 2 * DAY + 92, detail);
	g_free(detail);
	canaries_are(c1, c2);
	counts_are("after the canaries", plain);
	/* a search can leave them out too: the mix's 12 of 20, paging over those alone */
	ck_assert_int_eq(found(s, 0, 0, 0), (int)G_N_ELEMENTS(mix) + 8);
	ck_assert_int_eq(found(s, 1, 0, 0), (int)G_N_ELEMENTS(mix));
	ck_assert_int_eq(found(s, 1, 5, 10), 2);
	counts_match_log("after the canaries");
	both_paths_agree(s, T0 - 400, T0 - 400, T0 - 400 + 6 * DAY - 1);
	seal_store_close(s);

	/* a version-5 store counted them: migration to 6 counts anew without */
	raw_sql("UPDATE audit_count_action SET n = n + 1");
	raw_sql("DROP TABLE audit_canary");
	raw_sql(is_pg ? "UPDATE schema_version SET version = 5" : "PRAGMA user_version = 5");
	s = open_store();
	ck_assert_int_eq(seal_store_schema_version(s), SEAL_STORE_SCHEMA_VERSION);
	canaries_are(c1, c2);
	counts_are("after migrating from version 5", plain);

	/* the refused canary goes, its record stays: nothing counted out twice */
	seal_err_clear(&err);
	ck_assert_msg(seal_store_purge(s, T0 + DAY, 0, &c, &err) == SEAL_OK, "purge: %s",
	    err.msg);
	ck_assert_int_eq(c.audit, 1);
	canaries_are(c2, 0);
	counts_are("after purging a canary", plain);
	counts_match_log("after purging a canary");
	seal_store_close(s);
	g_free(plain);
}
END_TEST

void
store_counts_cases(TCase *tc)
{
	tcase_add_test(tc, canaries_not_counted);
	tcase_add_test(tc, counts_follow_appends_and_purge);
	tcase_add_test(tc, counts_built_by_migration);
}
