/*
 * store.h - where held messages and the audit log live, behind one
 * interface with two backends:
 *
 *   sqlite:/var/lib/sealmilter/seal.db   the embedded default: an SQLite
 *       database (audit log, quarantine index) and, beside it, the held
 *       messages as files in quarantine_dir (0600 files, 0700 directory,
 *       file and directory fsync'd before seal_store_hold returns);
 *   postgresql://user@host:port/db       several relays sharing one store;
 *       held messages are kept in the database (bytea).
 *
 * Both backends keep the same schema, versioned: seal_store_open() applies
 * the migrations a database lacks, in order, each in one transaction, and
 * refuses a database newer than the code.
 *
 * The audit log is a chain: each record holds the keyed hash (HMAC-SHA256,
 * key derived from the fingerprint key) of its own content and of the
 * previous record's hash, so a changed or deleted record breaks the chain
 * and seal_store_audit_verify() names the first one that does not fit;
 * nobody with only database access can recompute the chain. Appends are
 * serialised per store (SQLite: BEGIN IMMEDIATE; PostgreSQL: a row lock on
 * the chain head), so two relays writing to one database keep one chain.
 * A purge removes the oldest records and keeps the hash of the last one it
 * removed as the chain's new anchor: the chain stays verifiable.
 *
 * No identity number is ever stored in clear: records carry kinds, counts,
 * masks and keyed fingerprints; only held messages themselves hold content.
 *
 * Errors: every failure is transient (SEAL_ERR_IO and friends) unless the
 * caller asked for something impossible (SEAL_ERR_USAGE: an unknown ID, a
 * message not in the state the action needs). The milter tempfails on any
 * error. Thread safety: one seal_store per thread (a connection each);
 * separate stores on one database may be used from several threads and
 * processes at once.
 */
#ifndef SEAL_STORE_H
#define SEAL_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <glib.h>

#include "err.h"

typedef struct seal_store seal_store;

/*
 * spec: "sqlite:/path/seal.db" or "postgresql://..." (a libpq URI).
 * quarantine_dir: for sqlite, where held messages go (created 0700 when
 * missing); ignored for postgresql. chain_key/chain_key_len: the secret the
 * audit chain is keyed with (derived from fingerprint_key_file); NULL makes
 * appends and verification fail with SEAL_ERR_USAGE.
 */
seal_store *seal_store_open(const char *spec, const char *quarantine_dir,
	const unsigned char *chain_key, size_t chain_key_len, seal_err *err);

/*
 * The chain key every reader and writer of one store derives from the
 * fingerprint key (seal_fp_key_derive with one fixed label): the daemon,
 * sealctl and the tools must agree on it, so it is computed here only.
 */
struct seal_fp_key;
void seal_store_chain_key(const struct seal_fp_key *k, unsigned char out[32]);

/*
 * The store a configuration names (store, quarantine_dir), keyed from its
 * fingerprint key, with held content encrypted under held_key_file (made
 * when absent: heldcrypt.h). SEAL_ERR_CONFIG when store is empty or the
 * configuration has no fingerprint key loaded (seal_config_load_secrets);
 * SEAL_ERR_IO when the held key cannot be read or made.
 */
struct seal_config;
seal_store *seal_store_open_config(const struct seal_config *cfg, seal_err *err);

/*
 * Held content is encrypted with key (AES-256-GCM, heldcrypt.h) from now
 * on, and read back through it; seal_store_open_config sets it from
 * held_key_file. Without a key content is stored as given (tests, tools).
 */
void seal_store_set_held_key(seal_store *s, const unsigned char key[32]);

seal_store *seal_store_close(seal_store *s);

/* The schema version of the open database (for sealctl and tests). */
int seal_store_schema_version(seal_store *s);

/* ---------------------------------------------------------------- audit log */

/* One recipient of a decision. */
typedef struct seal_audit_rcpt {
	char *address;
	char *action;             /* accept, encrypt-smime, encrypt-pgp, divert, hold, refuse, tempfail */
} seal_audit_rcpt;

typedef struct seal_audit_record {
	int64_t id;               /* set by append; increasing */
	int64_t time;             /* unix seconds, set by the caller */
	char *relay;              /* host name of the relay that decided */
	char *queue_id;
	char *message_id;
	char *auth_user;          /* SMTP AUTH user, or "" */
	char *sender;
	char *cls;                /* public, confidential, sensitive */
	char *action;             /* the message's action (accept, split, encrypt-smime, hold, ...);
	                           * officer actions: release, refuse, delete */
	char *kinds;              /* "dk-cpr:2,se-pnr:1" */
	char *rules;              /* rule names that fired ("" for none) */
	char *detail;             /* free text without personal data: officer and reason,
	                           * held-message ID, unscannable reason */
	GPtrArray *rcpts;         /* seal_audit_rcpt * */
	GPtrArray *fingerprints;  /* char *: 64 hex digits each */
	char hash[65];            /* set by append */
} seal_audit_record;

seal_audit_record *seal_audit_record_new(void);
void seal_audit_record_free(seal_audit_record *r);
void seal_audit_record_add_rcpt(seal_audit_record *r, const char *address, const char *action);

/* The action of the record `sealctl selftest` appends after each canary (ctl/selftest.c). */
#define SEAL_AUDIT_SELFTEST_ACTION "selftest"

/* Appends r (r->id and r->hash are set). */
seal_status seal_store_audit_append(seal_store *s, seal_audit_record *r, seal_err *err);

typedef struct seal_audit_query {
	const char *sender;       /* exact, case-insensitive; NULL = any */
	const char *recipient;    /* exact, case-insensitive; NULL = any */
	const char *action;       /* a record with this action, message or recipient; NULL = any */
	const char *fingerprint;  /* 64 hex digits; NULL = any */
	int64_t from, to;         /* time range, inclusive; 0 = open */
	size_t limit;             /* 0 = no limit; newest first */
	const char *kind;         /* a kind or category name in kinds ("dk-cpr"); NULL = any */
	size_t offset;            /* skip this many of the newest first (paging) */
	int by_id;                /* newest written first (id, the chain's order) rather than
	                           * by time: the store can stop after limit records even
	                           * when a person has thousands (the console) */
	int no_selftest;          /* leave out sealctl selftest's records and the canaries
	                           * they name (SEAL_AUDIT_SELFTEST_ACTION), as statistics
	                           * do; limit and offset count only the records left */
} seal_audit_query;

/* Appends matching records (seal_audit_record *, caller frees) to out, newest first. */
seal_status seal_store_audit_search(seal_store *s, const seal_audit_query *q, GPtrArray *out,
	seal_err *err);

typedef struct seal_audit_verify_result {
	int ok;                   /* 1: every record fits the chain */
	int64_t records;          /* records checked (all of them, also after a misfit) */
	int64_t first_bad_id;     /* the first record that does not fit (0 when ok) */
	char why[160];            /* "" when ok; else what is wrong with first_bad_id (below) */
} seal_audit_verify_result;

/*
 * Walks the whole chain, from its anchor, in id order. why names the first
 * misfit only, in one of three forms (N, A, B: record ids):
 *
 *   "record changed, or records missing before id N: it does not follow
 *    the chain anchor"      the oldest record left does not fit the anchor:
 *                           it was edited, records before it were deleted
 *                           other than by a purge, or the store was opened
 *                           with another chain key than the log's;
 *   "record missing before id N (ids A to B absent)"
 *                           N does not fit and the ids before it have a gap;
 *   "record changed: id N does not match its hash"
 *                           N itself (or its recipients or fingerprints)
 *                           was edited.
 *
 * Records removed from the newest end show at the next append: that
 * record does not fit and reads "record missing before id N". SEAL_OK
 * when the walk completed, whatever it found; an error (res->ok 0) when
 * it could not (no chain key: SEAL_ERR_USAGE; the database).
 */
seal_status seal_store_audit_verify(seal_store *s, seal_audit_verify_result *res,
	seal_err *err);

/* ---------------------------------------------------------------- quarantine */

typedef enum seal_held_state {
	SEAL_HELD = 0,            /* waiting for an officer */
	SEAL_HELD_RELEASING,      /* claimed for release; delivered exactly once, then */
	SEAL_HELD_RELEASED,
	SEAL_HELD_REFUSED,
	SEAL_HELD_DELETED
} seal_held_state;

typedef struct seal_held {
	char id[40];              /* set by hold: random, URL-safe, starts with a letter or digit */
	int64_t time;             /* when held */
	char *relay;
	char *queue_id;
	char *message_id;
	char *auth_user;
	char *sender;             /* envelope sender ("" = null sender) */
	GPtrArray *rcpts;         /* char *: the recipients it was held for */
	char *reason;             /* "classified, no key: a@b.example", "could not be checked: .." */
	char *findings;           /* masked summary: "CPR 170583-XXXX (body)" */
	char *subject;            /* the Subject with numbers masked */
	seal_held_state state;
	char *officer;            /* who acted last, or NULL */
	char *officer_reason;
	int64_t size;             /* message bytes */
} seal_held;

seal_held *seal_held_new(void);
void seal_held_free(seal_held *h);
const char *seal_held_state_name(seal_held_state st);

/*
 * Stores the message durably with its metadata. Returns only when the
 * message can no longer be lost (file and directory fsync'd, or the
 * transaction committed). msg may be NULL when len is 0.
 *
 * Changes h: sets h->id (a new random ID), h->state (SEAL_HELD) and
 * h->size (len); sets h->time to now only when it is 0 (a caller-given
 * time is kept); text fields left NULL become "". On failure h->id is "",
 * except when the connection was lost during the commit: then the message
 * may be stored, and h->id names it for the caller to withdraw.
 */
seal_status seal_store_hold(seal_store *s, seal_held *h, const char *msg, size_t len,
	seal_err *err);

typedef struct seal_held_query {
	const char *sender;
	const char *recipient;
	const char *reason;       /* substring, case-insensitive */
	int64_t from, to;         /* time range; 0 = open */
	int all_states;           /* 0: only SEAL_HELD (or state) */
	size_t limit;
	const char *state;        /* with all_states 0: this state ("released") instead of held */
	const char *findings;     /* substring of the masked findings, case-insensitive */
	size_t offset;            /* skip this many of the newest first (paging) */
} seal_held_query;

/* Appends the matching messages, newest first (offset and limit applied in the store). */
seal_status seal_store_held_list(seal_store *s, const seal_held_query *q, GPtrArray *out,
	seal_err *err);

/* *count: how many messages q matches (limit and offset ignored). */
seal_status seal_store_held_count(seal_store *s, const seal_held_query *q, int64_t *count,
	seal_err *err);

/* ---------------------------------------------------------------- statistics */

/*
 * Counts for the console's overview and /metrics, summed by the database
 * from the count tables the store keeps with every append (per hour, store_internal.h), or, for bounds inside an hour,
 * grouped from the audit table's indexes; never by reading records.
 * Decisions on mail are the records with a class (cls not ""); officers'
 * and the console's own records have none and are not counted.
 */
typedef enum seal_stat_by {
	SEAL_STAT_ACTION_CLASS = 0,  /* key: action, cls: class; per day when per_day */
	SEAL_STAT_KIND,              /* key: kind or category name (kinds split), summed */
	SEAL_STAT_REFUSED_SENDER,    /* key: sender (lower case) of refused mail, most first */
	SEAL_STAT_REFUSED_DOMAIN     /* key: sender's domain (lower case) of refused mail */
} seal_stat_by;

typedef struct seal_stat_query {
	seal_stat_by by;
	int64_t from, to;         /* time range, inclusive; 0 = open */
	int per_day;              /* SEAL_STAT_ACTION_CLASS: a row per day and key */
	int64_t origin;           /* per_day: day 0 starts here (the caller's local midnight) */
	size_t limit;             /* the refusers: this many, most first; 0 = all */
} seal_stat_query;

typedef struct seal_stat_row {
	int64_t day;              /* per_day: (time - origin) / 86400; else 0 */
	char *key;
	char *cls;                /* SEAL_STAT_ACTION_CLASS: the class; else NULL */
	int64_t n;
} seal_stat_row;

/* Appends seal_stat_row to out (free them with seal_stat_rows_clear). */
seal_status seal_store_audit_stats(seal_store *s, const seal_stat_query *q, GArray *out,
	seal_err *err);
void seal_stat_rows_clear(GArray *rows);

/*
 * Messages still held (state held) by age in whole days at now: a
 * seal_stat_row per age with messages (day: the age, key NULL, n: count).
 */
seal_status seal_store_held_ages(seal_store *s, int64_t now, GArray *out, seal_err *err);

/*
 * *out: the metadata (caller frees with seal_held_free; NULL on failure).
 * msg, when not NULL: the stored message is appended to it (what was in
 * msg stays in front).
 *
 * SEAL_ERR_USAGE: no such ID (never held, purged, or not an ID at all).
 * After seal_store_held_drop_content the metadata stays but the content
 * is gone: asked with msg NULL, held_get returns the metadata (SEAL_OK);
 * asked with a msg, it fails with SEAL_ERR_USAGE ("the content of held
 * message ID is no longer stored"), *out NULL and msg as it was. Both
 * backends answer alike.
 */
seal_status seal_store_held_get(seal_store *s, const char *id, seal_held **out, GString *msg,
	seal_err *err);

/*
 * Moves a held message from state `from` to `to` atomically, recording who
 * and why: of two officers (or relays) racing, exactly one succeeds, the
 * other gets SEAL_ERR_USAGE ("not held any more"). Release is
 * HELD -> RELEASING (then deliver) -> RELEASED; a crash between leaves it
 * RELEASING, which an officer sees and can finish.
 */
seal_status seal_store_held_transition(seal_store *s, const char *id, seal_held_state from,
	seal_held_state to, const char *officer, const char *reason, seal_err *err);

/* Deletes the stored message content (after refuse/delete/release); metadata stays. */
seal_status seal_store_held_drop_content(seal_store *s, const char *id, seal_err *err);

/* ---------------------------------------------------------------- release requests */

/*
 * The sender's request that held message id be released (the console's
 * /request page, reached by the link in the hold notice): stored once per
 * message, with when and the sender's text (schema version 3). *added 1
 * when stored now, 0 when the message has a request already (the first
 * one stays). SEAL_ERR_USAGE for an ID that names no held message.
 */
seal_status seal_store_release_request_add(seal_store *s, const char *id, int64_t time,
	const char *text, int *added, seal_err *err);

/* *text (caller frees) and *time of id's request, or *text NULL when there is none. */
seal_status seal_store_release_request_get(seal_store *s, const char *id, int64_t *time,
	char **text, seal_err *err);

/* ---------------------------------------------------------------- consent */

/*
 * Recipients' consent to service messages in cleartext (profile dk,
 * consent.h), shared by every relay on the store (schema version 2).
 * Addresses are kept in lower case; one row per address.
 */
struct seal_consent_entry;

/* *found 1 and out filled, or *found 0 when the address has no row. */
seal_status seal_store_consent_get(seal_store *s, const char *address,
	struct seal_consent_entry *out, int *found, seal_err *err);

/* Every row, by address (seal_consent_entry appended to out). */
seal_status seal_store_consent_list(seal_store *s, GArray *out, seal_err *err);

/*
 * Consent given on date (YYYY-MM-DD): a new row, or a withdrawn one given
 * anew (the withdrawal is cleared). SEAL_ERR_USAGE for a bad address or
 * date, or a consent already in force.
 */
seal_status seal_store_consent_add(seal_store *s, const char *address, const char *date,
	seal_err *err);

/*
 * Withdrawn on date: SEAL_ERR_USAGE when there is no consent in force (none
 * given, already withdrawn) or date is before the date given.
 */
seal_status seal_store_consent_withdraw(seal_store *s, const char *address, const char *date,
	seal_err *err);

/* ---------------------------------------------------------------- retention */

typedef struct seal_purge_counts {
	int64_t audit;            /* audit records removed */
	int64_t held;             /* held messages removed (content and metadata) */
} seal_purge_counts;

/* Removes audit records older than audit_before and held messages older than held_before. */
seal_status seal_store_purge(seal_store *s, int64_t audit_before, int64_t held_before,
	seal_purge_counts *counts, seal_err *err);

#endif
