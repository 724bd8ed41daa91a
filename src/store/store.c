/*
 * store.c - the backend-independent part of the store (store.h,
 * store_internal.h): argument checks, dispatch by the spec's prefix, the
 * keys, held-message IDs and the verification of the keyed chain.
 *
 * What a record is and how its chain hash is computed lives below, in
 * store_record.c, which the backends use too: SQLite and PostgreSQL chains
 * are computed byte for byte the same way and one verifier serves both.
 * Backends only store and walk; store.c reaches them through their ops
 * tables, they never call back into this file.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "config.h"
#include "fingerprint.h"
#include "heldcrypt.h"
#include "heldid.h"
#include "store_internal.h"

struct seal_store {
	const seal_store_ops *ops;
	void *backend;
	seal_store_key chain;     /* chain key (copy, wiped on close); key NULL: none */
	unsigned char *held_key;  /* held content key (heldcrypt.h), wiped on close; NULL: plaintext */
};

/* ---------------------------------------------------------------- open, close */

/* Which backend a spec names; NULL when none does. */
static const seal_store_ops *
ops_for(const char *spec)
{
	if (g_str_has_prefix(spec, "sqlite:"))
		return &seal_store_sqlite_ops;
	if (g_str_has_prefix(spec, "postgresql://") || g_str_has_prefix(spec, "postgres://"))
		return &seal_store_pg_ops;
	return NULL;
}

seal_store *
seal_store_open(const char *spec, const char *quarantine_dir, const unsigned char *chain_key,
	size_t chain_key_len, seal_err *err)
{
	const seal_store_ops *ops;
	seal_store *s;

	if (spec == NULL || spec[0] == '\0') {
		seal_err_set(err, SEAL_ERR_CONFIG, "store: no store configured");
		return NULL;
	}
	/* The spec is not echoed: a PostgreSQL URI may carry a password. */
	if ((ops = ops_for(spec)) == NULL) {
		seal_err_set(err, SEAL_ERR_CONFIG, "store: unknown kind of store: the value must "
		    "start with sqlite: or postgresql://");
		return NULL;
	}
	if (ops->open == NULL) {
		seal_err_set(err, SEAL_ERR_CONFIG, "store: the %s backend is not available",
		    ops->name);
		return NULL;
	}
	if (chain_key == NULL && chain_key_len > 0) {
		seal_err_set(err, SEAL_ERR_USAGE, "store: chain key length without a key");
		return NULL;
	}
	s = g_new0(seal_store, 1);
	s->ops = ops;
	if (chain_key != NULL && chain_key_len > 0) {
		s->chain.key = g_memdup2(chain_key, chain_key_len);
		s->chain.len = chain_key_len;
	}
	if (ops->open(s, spec, quarantine_dir, &s->backend, err) != SEAL_OK) {
		s->backend = NULL;
		return seal_store_close(s);
	}
	return s;
}

void
seal_store_chain_key(const seal_fp_key *k, unsigned char out[32])
{
	seal_fp_key_derive(k, "sealmilter audit chain v1", out);
}

/*
 * The held content key: held_key_file, or held.key beside the fingerprint
 * key, made (0600) by whoever opens the store first and may write there
 * (sealctl as root, or the daemon). No key, no store: held content is
 * never written in clear.
 */
static seal_status
open_held_key(seal_store *s, const seal_config *cfg, seal_err *err)
{
	unsigned char key[SEAL_HELDCRYPT_KEYLEN];
	char *path = cfg->held_key_file != NULL && cfg->held_key_file[0] != '\0'
	    ? g_strdup(cfg->held_key_file)
	    : seal_heldcrypt_default_path(cfg->fingerprint_key_file);
	seal_status st;

	if (path == NULL)
		return seal_err_set(err, SEAL_ERR_CONFIG, "store: needs held_key_file");
	st = seal_heldcrypt_key_load(path, 1, cfg->fingerprint_key_file, key, err);
	if (st == SEAL_OK)
		seal_store_set_held_key(s, key);
	OPENSSL_cleanse(key, sizeof(key));
	g_free(path);
	return st;
}

seal_store *
seal_store_open_config(const seal_config *cfg, seal_err *err)
{
	unsigned char key[32];
	seal_store *s;

	if (cfg->store == NULL || cfg->store[0] == '\0') {
		seal_err_set(err, SEAL_ERR_CONFIG, "store: no store configured");
		return NULL;
	}
	if (cfg->fp_key == NULL) {
		seal_err_set(err, SEAL_ERR_CONFIG, "store: needs fingerprint_key_file");
		return NULL;
	}
	seal_store_chain_key(cfg->fp_key, key);
	s = seal_store_open(cfg->store, cfg->quarantine_dir, key, sizeof(key), err);
	OPENSSL_cleanse(key, sizeof(key));
	if (s != NULL && open_held_key(s, cfg, err) != SEAL_OK)
		s = seal_store_close(s);
	return s;
}

void
seal_store_set_held_key(seal_store *s, const unsigned char key[SEAL_HELDCRYPT_KEYLEN])
{
	if (s->held_key == NULL)
		s->held_key = g_malloc(SEAL_HELDCRYPT_KEYLEN);
	memcpy(s->held_key, key, SEAL_HELDCRYPT_KEYLEN);
}

seal_store *
seal_store_close(seal_store *s)
{
	if (s == NULL)
		return NULL;
	if (s->backend != NULL && s->ops->close != NULL)
		s->ops->close(s->backend);
	if (s->chain.key != NULL) {
		OPENSSL_cleanse(s->chain.key, s->chain.len);
		g_free(s->chain.key);
	}
	if (s->held_key != NULL) {
		OPENSSL_cleanse(s->held_key, SEAL_HELDCRYPT_KEYLEN);
		g_free(s->held_key);
	}
	g_free(s);
	return NULL;
}

const seal_store_ops *
seal_store_backend(seal_store *s, void **backend)
{
	if (backend != NULL)
		*backend = s->backend;
	return s->ops;
}

int
seal_store_schema_version(seal_store *s)
{
	if (s == NULL || s->ops->schema_version == NULL)
		return 0;
	return s->ops->schema_version(s->backend);
}

/* A backend that lacks an operation is a build in progress, not the caller's fault. */
static seal_status
missing_op(const seal_store *s, const char *what, seal_err *err)
{
	return seal_err_set(err, SEAL_ERR_INTERNAL, "store: the %s backend cannot %s",
	    s->ops->name, what);
}

/* ---------------------------------------------------------------- chain hash, IDs */

/* Kept for callers that hold a store (tests, contrib/bench): the store's own key. */
seal_status
seal_store_chain_hash(const seal_store *s, const char prev_hex[65], const seal_audit_record *r,
	char hex[65])
{
	return seal_store_record_hash(s != NULL ? &s->chain : NULL, prev_hex, r, hex);
}

/*
 * 32 characters from a 64-symbol alphabet, 6 random bits each (about 192
 * bits). The first is one of the 62 letters and digits, never '-' or '_':
 * IDs are typed as arguments (sealctl quarantine release ID), and one
 * starting with '-' would be read as an option. Its byte is drawn again
 * until it falls on one of them, so it stays uniform. When the random
 * generator fails id is "" and seal_store_hold refuses: a guessable ID
 * would let anyone name a held message.
 */
void
seal_store_new_id(char id[40])
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char rnd[32];
	int ok;

	memset(id, 0, 40);
	ok = RAND_bytes(rnd, sizeof(rnd)) == 1;
	/* alphabet[62] and [63] are '-' and '_': draw the first byte again (kept: p = 62/64). */
	while (ok && (rnd[0] & 63) >= 62)
		ok = RAND_bytes(rnd, 1) == 1;
	for (size_t i = 0; ok && i < sizeof(rnd); i++)
		id[i] = alphabet[rnd[i] & 63];
	OPENSSL_cleanse(rnd, sizeof(rnd));
}

/* ---------------------------------------------------------------- audit log */

static int
is_fingerprint(const char *fp)
{
	if (fp == NULL || strlen(fp) != 64)
		return 0;
	for (const char *p = fp; *p != '\0'; p++)
		if (!g_ascii_isxdigit(*p) || g_ascii_isupper(*p))
			return 0;
	return 1;
}

/* Backends store "" rather than NULL so a record reads back as it was hashed. */
static void
fill(char **p)
{
	if (*p == NULL)
		*p = g_strdup("");
}

seal_status
seal_store_audit_append(seal_store *s, seal_audit_record *r, seal_err *err)
{
	if (s == NULL || r == NULL || r->rcpts == NULL || r->fingerprints == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid audit append");
	if (s->chain.key == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: no audit chain key was given");
	if (s->ops->audit_append == NULL)
		return missing_op(s, "append to the audit log", err);
	/* Only keyed fingerprints may identify a person in the log, never digits. */
	for (guint i = 0; i < r->fingerprints->len; i++)
		if (!is_fingerprint(g_ptr_array_index(r->fingerprints, i)))
			return seal_err_set(err, SEAL_ERR_USAGE,
			    "store: audit fingerprint %u is not 64 lower-case hex digits", i + 1);
	fill(&r->relay);
	fill(&r->queue_id);
	fill(&r->message_id);
	fill(&r->auth_user);
	fill(&r->sender);
	fill(&r->cls);
	fill(&r->action);
	fill(&r->kinds);
	fill(&r->rules);
	fill(&r->detail);
	r->id = 0;
	r->hash[0] = '\0';
	return s->ops->audit_append(&s->chain, s->backend, r, err);
}

seal_status
seal_store_audit_search(seal_store *s, const seal_audit_query *q, GPtrArray *out, seal_err *err)
{
	seal_audit_query all;

	if (s == NULL || out == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid audit search");
	if (q != NULL && q->fingerprint != NULL && !is_fingerprint(q->fingerprint))
		return seal_err_set(err, SEAL_ERR_USAGE,
		    "store: a fingerprint is 64 lower-case hex digits");
	if (s->ops->audit_search == NULL)
		return missing_op(s, "search the audit log", err);
	if (q == NULL) {
		memset(&all, 0, sizeof(all));
		q = &all;
	}
	return s->ops->audit_search(s->backend, q, out, err);
}

typedef struct verify_ctx {
	const seal_store *s;
	seal_audit_verify_result *res;
	char prev[65];            /* the stored hash the next record must link to */
	int64_t prev_id;          /* 0 before the first record */
	seal_status failed;       /* why verify_one stopped the walk */
} verify_ctx;

/*
 * A record fits when HMAC(prev || content) equals its stored hash. Without
 * the key nobody can forge a fitting hash, so an edit shows at the edited
 * record and a deletion at the record after the gap. The IDs tell which
 * (they are dense within a chain: a gap before a misfit means records were
 * removed there). After a misfit the walk resynchronises on the stored hash
 * so the remaining records are still counted.
 */
static seal_status
verify_one(void *vctx, const seal_audit_record *r)
{
	verify_ctx *c = vctx;
	seal_audit_verify_result *res = c->res;
	char want[65];
	seal_status st;

	if ((st = seal_store_chain_hash(c->s, c->prev, r, want)) != SEAL_OK)
		return c->failed = st;
	res->records++;
	if (res->ok && strcmp(want, r->hash) != 0) {
		res->ok = 0;
		res->first_bad_id = r->id;
		if (c->prev_id == 0)
			g_snprintf(res->why, sizeof(res->why), "record changed, or records missing "
			    "before id %" G_GINT64_FORMAT ": it does not follow the chain anchor",
			    r->id);
		else if (r->id > c->prev_id + 1)
			g_snprintf(res->why, sizeof(res->why), "record missing before id %"
			    G_GINT64_FORMAT " (ids %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
			    " absent)", r->id, c->prev_id + 1, r->id - 1);
		else
			g_snprintf(res->why, sizeof(res->why), "record changed: id %"
			    G_GINT64_FORMAT " does not match its hash", r->id);
	}
	g_strlcpy(c->prev, r->hash, sizeof(c->prev));
	c->prev_id = r->id;
	return SEAL_OK;
}

seal_status
seal_store_audit_verify(seal_store *s, seal_audit_verify_result *res, seal_err *err)
{
	verify_ctx c;
	seal_status st;

	if (s == NULL || res == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid audit verify");
	memset(res, 0, sizeof(*res));
	if (s->chain.key == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: no audit chain key was given");
	if (s->ops->audit_walk == NULL)
		return missing_op(s, "walk the audit log", err);
	memset(&c, 0, sizeof(c));
	c.s = s;
	c.res = res;
	res->ok = 1;
	g_strlcpy(c.prev, SEAL_STORE_GENESIS, sizeof(c.prev));
	st = s->ops->audit_walk(s->backend, c.prev, verify_one, &c, err);
	if (c.failed != SEAL_OK)
		seal_err_set(err, c.failed, "store: cannot compute an audit chain hash");
	if (st != SEAL_OK)
		res->ok = 0;
	return st;
}

/* ---------------------------------------------------------------- quarantine */

/* IDs name files: only what seal_store_new_id makes may pass. */
static int
id_ok(const char *id)
{
	return id != NULL && seal_held_id_form_ok(id, strlen(id));
}

seal_status
seal_store_hold(seal_store *s, seal_held *h, const char *msg, size_t len, seal_err *err)
{
	seal_status st;
	int unsure = 0;

	if (s == NULL || h == NULL || h->rcpts == NULL || (msg == NULL && len > 0))
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid hold");
	if (s->ops->hold == NULL)
		return missing_op(s, "hold messages", err);
	fill(&h->relay);
	fill(&h->queue_id);
	fill(&h->message_id);
	fill(&h->auth_user);
	fill(&h->sender);
	fill(&h->reason);
	fill(&h->findings);
	fill(&h->subject);
	seal_store_new_id(h->id);
	if (h->id[0] == '\0')
		return seal_err_set(err, SEAL_ERR_INTERNAL,
		    "store: no random bytes for a held-message ID");
	/* A caller-given time (an import, a test) is kept; 0 means now. */
	if (h->time == 0)
		h->time = (int64_t)time(NULL);
	h->state = SEAL_HELD;
	h->size = (int64_t)len;
	if (s->held_key != NULL) {
		/* Encrypted before it reaches a file, a row, the WAL or a backup. */
		GString *sealed = g_string_sized_new(len + 64);

		st = seal_heldcrypt_seal(s->held_key, h->id, msg != NULL ? msg : "", len, sealed,
		    err);
		if (st == SEAL_OK)
			st = s->ops->hold(s->backend, h, sealed->str, sealed->len, &unsure, err);
		g_string_free(sealed, TRUE);
	} else {
		st = s->ops->hold(s->backend, h, msg != NULL ? msg : "", len, &unsure, err);
	}
	/*
	 * The connection lost during the commit leaves the outcome unknown:
	 * the row may have landed. The ID stays so that the caller can
	 * withdraw it; any other failure stored nothing.
	 */
	if (st != SEAL_OK && !unsure)
		h->id[0] = '\0';
	return st;
}

seal_status
seal_store_held_list(seal_store *s, const seal_held_query *q, GPtrArray *out, seal_err *err)
{
	seal_held_query all;

	if (s == NULL || out == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid held-message list");
	if (s->ops->held_list == NULL)
		return missing_op(s, "list held messages", err);
	if (q == NULL) {
		memset(&all, 0, sizeof(all));
		q = &all;
	}
	return s->ops->held_list(s->backend, q, out, err);
}

seal_status
seal_store_held_get(seal_store *s, const char *id, seal_held **out, GString *msg, seal_err *err)
{
	if (out != NULL)
		*out = NULL;
	if (s == NULL || out == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid held-message get");
	if (!id_ok(id))
		return seal_err_set(err, SEAL_ERR_USAGE, "store: not a held-message ID");
	if (s->ops->held_get == NULL)
		return missing_op(s, "read held messages", err);
	if (msg == NULL || s->held_key == NULL)
		return s->ops->held_get(s->backend, id, out, msg, err);
	{
		GString *stored = g_string_new(NULL);
		seal_status st = s->ops->held_get(s->backend, id, out, stored, err);

		if (st == SEAL_OK && (st = seal_heldcrypt_open(s->held_key, id, stored->str,
		    stored->len, msg, err)) != SEAL_OK) {
			seal_held_free(*out);
			*out = NULL;
		}
		g_string_free(stored, TRUE);
		return st;
	}
}

seal_status
seal_store_held_transition(seal_store *s, const char *id, seal_held_state from,
	seal_held_state to, const char *officer, const char *reason, seal_err *err)
{
	if (s == NULL || (unsigned)from > SEAL_HELD_DELETED || (unsigned)to > SEAL_HELD_DELETED
	    || from == to)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid held-message transition");
	if (!id_ok(id))
		return seal_err_set(err, SEAL_ERR_USAGE, "store: not a held-message ID");
	if (s->ops->held_transition == NULL)
		return missing_op(s, "change held messages", err);
	return s->ops->held_transition(s->backend, id, from, to, officer, reason, err);
}

seal_status
seal_store_held_drop_content(seal_store *s, const char *id, seal_err *err)
{
	if (s == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid drop");
	if (!id_ok(id))
		return seal_err_set(err, SEAL_ERR_USAGE, "store: not a held-message ID");
	if (s->ops->held_drop_content == NULL)
		return missing_op(s, "remove held messages", err);
	return s->ops->held_drop_content(s->backend, id, err);
}

/* ---------------------------------------------------------------- retention */

seal_status
seal_store_purge(seal_store *s, int64_t audit_before, int64_t held_before,
	seal_purge_counts *counts, seal_err *err)
{
	seal_purge_counts local;

	if (counts == NULL)
		counts = &local;
	memset(counts, 0, sizeof(*counts));
	if (s == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid purge");
	if (s->ops->purge == NULL)
		return missing_op(s, "purge", err);
	return s->ops->purge(s->backend, audit_before, held_before, counts, err);
}
