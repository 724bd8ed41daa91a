/*
 * store_internal.h - what store.c (the backend-independent part: dispatch,
 * keys, IDs, verification) and store_record.c (records, the keyed chain)
 * share with the two backends, store_sqlite.c (+ store_sqlite_held.c) and
 * store_pg.c (+ store_pg_held.c). Not part of libseal's interface.
 *
 * store_record.c owns everything that must be the same in both backends:
 * how a record is serialised for hashing (seal_store_record_canon) and how
 * the chain hash is computed (seal_store_record_hash); store.c owns the
 * schema version the code expects and ID generation. A backend implements
 * the operations in seal_store_ops over its own connection; store.c calls
 * them through the table, after checking arguments. Backends use
 * store_record.c, never store.c, so the files form no circle.
 */
#ifndef SEAL_STORE_INTERNAL_H
#define SEAL_STORE_INTERNAL_H

#include <string.h>

#include "consent.h"
#include "store.h"

/* The schema this code writes and reads; migrations bring a database here. */
#define SEAL_STORE_SCHEMA_VERSION 6

/*
 * The count tables of schema version 5 (audit_count_action, _kinds,
 * _refused) count the audit log's mail decisions per hour: the overview's
 * days start at a local midnight, which in most time zones (all of Europe's)
 * is a whole hour from UTC, so its days are whole slots. A midnight inside
 * an hour (a zone half or a quarter of an hour off) is answered from the
 * audit table as before: the same figures, more slowly. A slot's start in
 * SQL, for both backends (floor, also before 1970): time less its
 * remainder modulo 3600.
 */
#define SEAL_COUNT_SLOT 3600
#define SEAL_COUNT_START(t) "(" t " - ((" t ") % 3600 + 3600) % 3600)"

/*
 * The daily self-test's canaries (sealctl selftest) are not mail anybody
 * sent: statistics leave them out. The record of action "selftest" that
 * sealctl appends after each canary names the canary's own record in its
 * detail, "canary=ID ..." (ID: 1 to 18 digits, no leading zero, then a
 * space or the end); the backends keep the ids so named in the table
 * audit_canary (schema version 6), filled in the append's transaction,
 * and count no record whose id is there. The "selftest" record itself
 * has no class and no kinds, so nothing counts it either.
 * The canary ID a record names, or 0 (not a "selftest" record, no
 * canary, or a detail in any other form).
 */
static inline int64_t
seal_audit_canary_of(const char *action, const char *detail)
{
	int64_t id = 0;
	int digits = 0;

	if (action == NULL || detail == NULL || strcmp(action, SEAL_AUDIT_SELFTEST_ACTION) != 0
	    || strncmp(detail, "canary=", 7) != 0 || detail[7] < '1' || detail[7] > '9')
		return 0;
	for (detail += 7; *detail >= '0' && *detail <= '9'; detail++, digits++) {
		if (digits == 18)
			return 0;
		id = id * 10 + (*detail - '0');
	}
	return *detail == ' ' || *detail == '\0' ? id : 0;
}

/* What the counting statements and the audit-table statistics leave out. */
#define SEAL_NOT_CANARY(col) " AND " col " NOT IN (SELECT k.id FROM audit_canary k)"

/* x's offset in its slot. */
static inline int64_t
seal_count_offset(int64_t x)
{
	return ((x % SEAL_COUNT_SLOT) + SEAL_COUNT_SLOT) % SEAL_COUNT_SLOT;
}

/*
 * Whether the count tables answer q exactly: its bounds (and per day, its
 * day 0 and so every day's start) fall on slot boundaries, and per day no
 * record before day 0 is asked for. Otherwise the audit table answers.
 */
static inline int
seal_stat_counted(const seal_stat_query *q)
{
	if (seal_count_offset(q->from) != 0
	    || (q->to != 0 && seal_count_offset(q->to) != SEAL_COUNT_SLOT - 1))
		return 0;
	if (q->by == SEAL_STAT_ACTION_CLASS && q->per_day
	    && (seal_count_offset(q->origin) != 0 || q->from == 0 || q->from < q->origin))
		return 0;
	return 1;
}

/* The audit chain's key: owned by the store, lent to a backend's audit_append. */
typedef struct seal_store_key {
	unsigned char *key;       /* NULL: no key, nothing can be appended */
	size_t len;
} seal_store_key;

typedef struct seal_store_ops {
	const char *name;                       /* "sqlite", "postgresql" */
	/* Opens and migrates; *backend is the backend's own state. */
	seal_status (*open)(seal_store *s, const char *spec, const char *quarantine_dir,
		void **backend, seal_err *err);
	void (*close)(void *backend);
	int (*schema_version)(void *backend);
	/*
	 * Appends under the chain lock: reads the head hash (or the anchor of an
	 * empty/purged chain), calls seal_store_record_hash(key, prev, r,
	 * r->hash), inserts, moves the head, commits. Sets r->id.
	 */
	seal_status (*audit_append)(const seal_store_key *key, void *backend,
		seal_audit_record *r, seal_err *err);
	seal_status (*audit_search)(void *backend, const seal_audit_query *q, GPtrArray *out,
		seal_err *err);
	/* Every record in id order, with the anchor the chain starts from. */
	seal_status (*audit_walk)(void *backend, char anchor[65],
		seal_status (*fn)(void *ctx, const seal_audit_record *r), void *ctx,
		seal_err *err);
	/*
	 * *unsure set to 1 on a failure that leaves it unknown whether the
	 * message was stored (the connection lost during the commit).
	 */
	seal_status (*hold)(void *backend, seal_held *h, const char *msg, size_t len,
		int *unsure, seal_err *err);
	seal_status (*held_list)(void *backend, const seal_held_query *q, GPtrArray *out,
		seal_err *err);
	seal_status (*held_count)(void *backend, const seal_held_query *q, int64_t *count,
		seal_err *err);
	/*
	 * Grouped counts (store.h); SEAL_STAT_KIND rows carry the kinds text as
	 * stored ("dk-cpr:2,health:1") with its count: store.c splits and sums.
	 */
	seal_status (*audit_stats)(void *backend, const seal_stat_query *q, GArray *out,
		seal_err *err);
	seal_status (*held_ages)(void *backend, int64_t now, GArray *out, seal_err *err);
	seal_status (*held_get)(void *backend, const char *id, seal_held **out, GString *msg,
		seal_err *err);
	seal_status (*held_transition)(void *backend, const char *id, seal_held_state from,
		seal_held_state to, const char *officer, const char *reason, seal_err *err);
	seal_status (*held_drop_content)(void *backend, const char *id, seal_err *err);
	/* Consent (store_consent.c): one row per address, lower case. *found 1 or 0. */
	seal_status (*consent_get)(void *backend, const char *address, seal_consent_entry *out,
		int *found, seal_err *err);
	/* Every row, by address, appended to out (seal_consent_entry). */
	seal_status (*consent_list)(void *backend, GArray *out, seal_err *err);
	/* Inserts or replaces the row of e->address. */
	seal_status (*consent_put)(void *backend, const seal_consent_entry *e, seal_err *err);
	/*
	 * A sender's release request (store_request.c): inserts the row of
	 * held_id unless there is one (*added 0 then); reads it (*text NULL
	 * when there is none).
	 */
	seal_status (*request_put)(void *backend, const char *held_id, int64_t time,
		const char *text, int *added, seal_err *err);
	seal_status (*request_get)(void *backend, const char *held_id, int64_t *time, char **text,
		seal_err *err);
	/* Deletes old records; the anchor becomes the hash of the last one removed. */
	seal_status (*purge)(void *backend, int64_t audit_before, int64_t held_before,
		seal_purge_counts *counts, seal_err *err);
} seal_store_ops;

extern const seal_store_ops seal_store_sqlite_ops;
extern const seal_store_ops seal_store_pg_ops;

/*
 * The bytes a record's hash covers, in a fixed, unambiguous form
 * (length-prefixed fields, recipients and fingerprints in their order):
 * time, relay, queue_id, message_id, auth_user, sender, cls, action, kinds,
 * rules, detail, rcpts, fingerprints. Not id (assigned by the database).
 */
void seal_store_record_canon(const seal_audit_record *r, GByteArray *out);

/*
 * hex = HMAC-SHA256(k, prev_hex || canon(r)), 64 hex digits (store_record.c).
 * SEAL_ERR_USAGE (hex "") without a key, SEAL_ERR_INTERNAL when OpenSSL fails.
 */
seal_status seal_store_record_hash(const seal_store_key *k, const char prev_hex[65],
	const seal_audit_record *r, char hex[65]);

/* The same with the key of store s (store.c; for tests and contrib/bench). */
seal_status seal_store_chain_hash(const seal_store *s, const char prev_hex[65],
	const seal_audit_record *r, char hex[65]);

/*
 * A new random held-message ID into id[40]: 32 URL-safe characters
 * (letters, digits, '-', '_'), the first a letter or digit, so an ID never
 * reads as a command-line option. "" when the random generator fails.
 */
void seal_store_new_id(char id[40]);

/* The ops and backend state of s (store.c; for store_consent.c). backend may be NULL. */
const seal_store_ops *seal_store_backend(seal_store *s, void **backend);

/* The anchor of a chain that was never purged: 64 zeros. */
#define SEAL_STORE_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

#endif
