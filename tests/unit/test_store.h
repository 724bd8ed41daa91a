/*
 * test_store.h - what the files of the store's unit test share. One
 * binary, tests/unit/test_store: test_store.c (main, the per-case fixture,
 * backend selection from SEAL_STORE_SPEC, the helpers below, opening),
 * test_store_audit.c (the audit log: search, the chain, purge, the chain
 * hash), test_store_held.c (held messages, IDs, nothing in clear) and
 * test_store_stats.c (paging, counts and groups for the console) and
 * test_store_counts.c (the count tables against the audit log).
 *
 * Each file adds its cases through the *_cases functions; main calls them
 * in the order that keeps the TAP numbering of the single-file version.
 */
#ifndef SEAL_TEST_STORE_H
#define SEAL_TEST_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <check.h>
#include <glib.h>

#include "store_internal.h"

#define DAY (24 * 3600)
#define T0 ((int64_t)1750000000)

extern const unsigned char test_key[32];

/* A variable, not a macro: failed assertions must not print the number. */
extern const char held_mail[];
extern const size_t held_mail_len;
#define HELD_LEN held_mail_len

extern int is_pg;                 /* set in main from SEAL_STORE_SPEC */
extern char *tmp;                 /* per test case: removed in teardown */
extern char *spec;
extern char *qdir;

/* ---------------------------------------------------------------- test_store.c: helpers */

/* Runs SQL on the test database behind the store's back. */
void raw_sql(const char *sql);
void raw_sqlf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Every value of a query's result, tab-separated (caller frees). */
char *raw_dump(const char *sql);

seal_store *open_store(void);
/* A stand-in keyed fingerprint: 64 lower-case hex digits (caller frees). */
char *fp_of(const char *who);
seal_audit_record *make_record(int64_t t, const char *sender, const char *action);
/* Appends r, checks and frees it; its ID. */
int64_t append(seal_store *s, seal_audit_record *r);
int64_t append_simple(seal_store *s, int64_t t, const char *sender);
/* Runs q and checks the record IDs it returns, in order (int64_t arguments). */
void expect_audit(seal_store *s, const seal_audit_query *q, const char *label, int n, ...);
seal_audit_verify_result verify(seal_store *s);
seal_held *make_held(const char *sender, const char *rcpt, const char *reason);
/* Holds held_mail; returns the new ID (caller frees). */
char *hold(seal_store *s, seal_held *h);

/* ---------------------------------------------------------------- the cases */

/* test_store_audit.c */
void store_audit_cases(TCase *tc);       /* search, verify, purge, keys, two stores */
void store_audit_nodb_cases(TCase *tc);  /* spec errors, canon and chain hash, key derivation */

/* test_store_consent.c */
void store_consent_cases(TCase *tc);     /* consent: add, withdraw, list, migration */

/* test_store_held.c */
void store_held_cases(TCase *tc);        /* hold, list, transitions, nothing in clear */
void store_id_cases(TCase *tc);          /* held-message IDs */
void store_held_file_cases(TCase *tc);   /* SQLite only: quarantine files */
void store_stats_cases(TCase *tc);       /* paging, counts and groups for the console */

/* test_store_counts.c */
void store_counts_cases(TCase *tc);      /* the count tables against the audit log */

#endif
