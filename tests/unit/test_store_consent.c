/*
 * test_store_consent.c - consent in the store (store.h, schema version 2):
 * add, withdraw, give anew, list, the errors sealctl shows, and the
 * migration of a version-1 database. Runs on SQLite and, through
 * tests/t-store-pg.sh, on PostgreSQL.
 */
#include <string.h>

#include "consent.h"
#include "check_main.h"
#include "test_store.h"

static void
expect_row(seal_store *s, const char *address, const char *given, const char *withdrawn)
{
	seal_consent_entry e;
	seal_err err;
	int found = -1;

	seal_err_clear(&err);
	ck_assert_msg(seal_store_consent_get(s, address, &e, &found, &err) == SEAL_OK, "%s",
	    err.msg);
	if (given == NULL) {
		ck_assert_int_eq(found, 0);
		return;
	}
	ck_assert_int_eq(found, 1);
	ck_assert_str_eq(e.given, given);
	ck_assert_str_eq(e.withdrawn, withdrawn);
}

START_TEST(consent_add_withdraw_list)
{
	seal_store *s = open_store();
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(seal_consent_entry));
	seal_err err;

	seal_err_clear(&err);
	expect_row(s, "jens@citizen.example", NULL, NULL);
	ck_assert_int_eq(seal_store_consent_add(s, "Jens@Citizen.example", "2025-03-01", &err),
	    SEAL_OK);
	expect_row(s, "JENS@citizen.example", "2025-03-01", "");
	/* already in force */
	ck_assert_int_eq(seal_store_consent_add(s, "jens@citizen.example", "2025-04-01", &err),
	    SEAL_ERR_USAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "has consent since 2025-03-01"));
	/* withdrawn before given */
	ck_assert_int_eq(seal_store_consent_withdraw(s, "jens@citizen.example", "2025-02-01",
	    &err), SEAL_ERR_USAGE);
	ck_assert_int_eq(seal_store_consent_withdraw(s, "jens@citizen.example", "2025-06-30",
	    &err), SEAL_OK);
	expect_row(s, "jens@citizen.example", "2025-03-01", "2025-06-30");
	ck_assert_int_eq(seal_store_consent_withdraw(s, "jens@citizen.example", "2025-07-01",
	    &err), SEAL_ERR_USAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "no consent in force"));
	/* given anew: the withdrawal is cleared */
	ck_assert_int_eq(seal_store_consent_add(s, "jens@citizen.example", "2025-09-01", &err),
	    SEAL_OK);
	expect_row(s, "jens@citizen.example", "2025-09-01", "");
	ck_assert_int_eq(seal_store_consent_add(s, "anna@citizen.example", "2024-12-24", &err),
	    SEAL_OK);
	ck_assert_int_eq(seal_store_consent_list(s, rows, &err), SEAL_OK);
	ck_assert_uint_eq(rows->len, 2);
	ck_assert_str_eq(g_array_index(rows, seal_consent_entry, 0).address, "anna@citizen.example");
	ck_assert_str_eq(g_array_index(rows, seal_consent_entry, 1).address, "jens@citizen.example");
	/* bad input never reaches the database */
	ck_assert_int_eq(seal_store_consent_add(s, "no-at-sign", "2025-01-01", &err),
	    SEAL_ERR_USAGE);
	ck_assert_int_eq(seal_store_consent_add(s, "a@b.example", "2025-02-30", &err),
	    SEAL_ERR_USAGE);
	ck_assert_int_eq(seal_store_consent_withdraw(s, "nobody@b.example", "2025-02-01", &err),
	    SEAL_ERR_USAGE);
	g_array_free(rows, TRUE);
	seal_store_close(s);
}
END_TEST

/* A database of schema version 1 (before consent) gets the tables when opened. */
START_TEST(consent_migration_from_1)
{
	seal_store *s = open_store();
	seal_err err;

	seal_store_close(s);
	raw_sql("DROP TABLE release_request");
	raw_sql("DROP TABLE consent");
	if (is_pg)
		raw_sql("UPDATE schema_version SET version = 1");
	else
		raw_sql("PRAGMA user_version = 1");
	s = open_store();
	/* and every later migration */
	ck_assert_int_eq(seal_store_schema_version(s), SEAL_STORE_SCHEMA_VERSION);
	seal_err_clear(&err);
	ck_assert_int_eq(seal_store_consent_add(s, "jens@citizen.example", "2025-03-01", &err),
	    SEAL_OK);
	expect_row(s, "jens@citizen.example", "2025-03-01", "");
	seal_store_close(s);
}
END_TEST

void
store_consent_cases(TCase *tc)
{
	tcase_add_test(tc, consent_add_withdraw_list);
	tcase_add_test(tc, consent_migration_from_1);
}
