/*
 * keys.c - recipients' certificates and keys, and the signing identity
 * (keys.h).
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "certstore.h"
#include "config.h"
#include "keys.h"
#include "ldapcert.h"
#include "pgp.h"

/* LDAP answers kept, and for how many addresses. */
#define SEAL_KEYS_LDAP_CACHE_MAX 10000
/*
 * OpenPGP answers kept this long (seconds), for at most this many
 * addresses: each lookup starts a gpg process. Any change to the keyring
 * files (an import, a revocation, a key disabled) empties the cache at once;
 * the time limit only bounds how late a key's expiry is noticed.
 */
#define SEAL_KEYS_PGP_CACHE_TTL 60
#define SEAL_KEYS_PGP_CACHE_MAX 10000

struct seal_keys {
	seal_certstore *certs;     /* checks (and files, when smime_cert_dir is set) */
	int have_files;
	seal_ldapcert *ldap;       /* NULL: no directory */
	char *pgp_home;            /* NULL: no OpenPGP */
	X509 *sign_cert;
	EVP_PKEY *sign_key;
	GMutex pgp_lock;           /* guards the three below */
	GHashTable *pgp_cache;     /* lower-case address -> pgp_answer */
	gint64 pgp_stamp;          /* keyring files' state the cache belongs to */
};

/* One cached OpenPGP answer: the result and the verdicts that led to it. */
typedef struct pgp_answer {
	int rc;
	char fpr[65];
	GPtrArray *verdicts;       /* seal_key_verdict */
	gint64 at;                 /* monotonic seconds */
} pgp_answer;

static void
pgp_answer_free(gpointer p)
{
	pgp_answer *a = p;

	g_ptr_array_free(a->verdicts, TRUE);
	g_free(a);
}

/* Frees k; err (set by the library) gets the configuration's file and key. */
static seal_keys *
keys_fail(seal_keys *k, seal_err *err, const char *path, const char *key)
{
	seal_err e = *err;

	seal_keys_free(k);
	seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0, "%s: %s", key, e.msg);
	return NULL;
}

/* A PEM certificate file's first certificate, or NULL. */
static X509 *
keys_read_cert(const char *path)
{
	FILE *f = fopen(path, "r");
	X509 *x;

	if (f == NULL)
		return NULL;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	ERR_clear_error();
	return x;
}

static EVP_PKEY *
keys_read_key(const char *path)
{
	FILE *f = fopen(path, "r");
	EVP_PKEY *k;

	if (f == NULL)
		return NULL;
	k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	ERR_clear_error();
	return k;
}

/* Both or neither; a key that matches; a certificate valid now. */
static seal_status
keys_load_signer(seal_keys *k, const seal_config *cfg, seal_err *err)
{
	const char *c = cfg->smime_sign_cert, *p = cfg->smime_sign_key;

	if (c == NULL && p == NULL)
		return SEAL_OK;
	if (c == NULL || p == NULL)
		return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "smime_sign_cert and smime_sign_key go together: set both or neither");
	if ((k->sign_cert = keys_read_cert(c)) == NULL)
		return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "smime_sign_cert: no PEM certificate can be read from %s", c);
	if ((k->sign_key = keys_read_key(p)) == NULL)
		return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "smime_sign_key: no unencrypted PEM private key can be read from %s", p);
	if (X509_check_private_key(k->sign_cert, k->sign_key) != 1) {
		ERR_clear_error();
		return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "smime_sign_key: %s does not belong to the certificate in %s", p, c);
	}
	if (X509_cmp_current_time(X509_get0_notAfter(k->sign_cert)) <= 0
	    || X509_cmp_current_time(X509_get0_notBefore(k->sign_cert)) >= 0)
		return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "smime_sign_cert: %s is not valid now (expired or not yet valid)", c);
	return SEAL_OK;
}

seal_keys *
seal_keys_load(const seal_config *cfg, seal_err *err)
{
	seal_keys *k = g_new0(seal_keys, 1);

	g_mutex_init(&k->pgp_lock);
	int want_smime = cfg->smime_cert_dir != NULL
	    || (cfg->smime_ldap_uri != NULL && cfg->smime_ldap_uri[0] != '\0');

	if (want_smime && cfg->smime_ca_file == NULL) {
		seal_keys_free(k);
		seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "smime_ca_file: must be set when smime_cert_dir or smime_ldap_uri is "
		    "(certificates are only used when they chain to it)");
		return NULL;
	}
	if (want_smime) {
		k->certs = seal_certstore_new(cfg->smime_cert_dir, cfg->smime_ca_file, err);
		if (k->certs == NULL)
			return keys_fail(k, err, cfg->path, "smime_cert_dir/smime_ca_file");
		k->have_files = cfg->smime_cert_dir != NULL;
	}
	if (cfg->smime_ldap_uri != NULL && cfg->smime_ldap_uri[0] != '\0') {
		if (cfg->smime_ldap_base == NULL || cfg->smime_ldap_base[0] == '\0') {
			seal_keys_free(k);
			seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
			    "smime_ldap_base: must be set when smime_ldap_uri is");
			return NULL;
		}
		k->ldap = seal_ldapcert_new(cfg->smime_ldap_uri, cfg->smime_ldap_base,
		    cfg->smime_ldap_timeout, cfg->smime_ldap_cache_ttl,
		    SEAL_KEYS_LDAP_CACHE_MAX, err);
		if (k->ldap == NULL)
			return keys_fail(k, err, cfg->path, "smime_ldap_uri");
	}
	if (keys_load_signer(k, cfg, err) != SEAL_OK) {
		seal_keys_free(k);
		return NULL;
	}
	if (cfg->pgp_home != NULL) {
		if (!g_file_test(cfg->pgp_home, G_FILE_TEST_IS_DIR)) {
			seal_keys_free(k);
			seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
			    "pgp_home: %s is not a directory", cfg->pgp_home);
			return NULL;
		}
		k->pgp_home = g_strdup(cfg->pgp_home);
		k->pgp_cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		    pgp_answer_free);
	}
	return k;
}

seal_keys *
seal_keys_free(seal_keys *k)
{
	if (k == NULL)
		return NULL;
	seal_certstore_free(k->certs);
	seal_ldapcert_free(k->ldap);
	g_free(k->pgp_home);
	if (k->pgp_cache != NULL)
		g_hash_table_destroy(k->pgp_cache);
	g_mutex_clear(&k->pgp_lock);
	X509_free(k->sign_cert);
	EVP_PKEY_free(k->sign_key);
	g_free(k);
	return NULL;
}

int
seal_keys_have_smime(const seal_keys *k)
{
	return k != NULL && k->certs != NULL;
}

int
seal_keys_have_pgp(const seal_keys *k)
{
	return k != NULL && k->pgp_home != NULL;
}

/* certstore verdicts (g_free'd seal_cert_verdict) -> seal_key_verdict. */
static void
keys_take_cert_verdicts(GPtrArray *from, const char *source, GPtrArray *to)
{
	for (guint i = 0; i < from->len; i++) {
		const seal_cert_verdict *cv = g_ptr_array_index(from, i);
		seal_key_verdict *v;

		if (to == NULL)
			continue;
		v = g_new0(seal_key_verdict, 1);
		g_strlcpy(v->method, "smime", sizeof(v->method));
		g_strlcpy(v->fingerprint, cv->fingerprint, sizeof(v->fingerprint));
		g_strlcpy(v->who, cv->subject, sizeof(v->who));
		g_strlcpy(v->source, source != NULL ? source : cv->source, sizeof(v->source));
		v->usable = cv->usable;
		g_strlcpy(v->reason, cv->reason, sizeof(v->reason));
		g_ptr_array_add(to, v);
	}
	g_ptr_array_set_size(from, 0);
}

static void
keys_fpr(X509 *x, char fpr[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	fpr[0] = '\0';
	if (X509_digest(x, EVP_sha256(), md, &n) != 1)
		return;
	for (unsigned i = 0; i < n && i < 32; i++)
		snprintf(fpr + 2 * i, 3, "%02x", md[i]);
}

/* The later-expiring of two usable certificates (consumes both references). */
static X509 *
keys_later(X509 *a, X509 *b)
{
	if (a == NULL)
		return b;
	if (b == NULL)
		return a;
	if (ASN1_TIME_compare(X509_get0_notAfter(b), X509_get0_notAfter(a)) > 0) {
		X509_free(a);
		return b;
	}
	X509_free(b);
	return a;
}

int
seal_keys_smime(seal_keys *k, const char *address, time_t now, X509 **cert,
	char fpr[65], GPtrArray *verdicts, seal_err *err)
{
	GPtrArray *cv = g_ptr_array_new_with_free_func(g_free);
	X509 *best = NULL;
	int rc = 0;

	*cert = NULL;
	fpr[0] = '\0';
	if (!seal_keys_have_smime(k)) {
		g_ptr_array_free(cv, TRUE);
		return 0;
	}
	if (k->have_files) {
		best = seal_certstore_lookup(k->certs, address, now, cv);
		keys_take_cert_verdicts(cv, NULL, verdicts);
	}
	/*
	 * The administrator's files answer first: a certificate there is
	 * used without asking the directory, so a directory outage only
	 * affects recipients the files do not cover. An address without a
	 * domain cannot be in the directory.
	 */
	if (k->ldap != NULL && best == NULL && strchr(address, '@') != NULL) {
		GPtrArray *found = g_ptr_array_new_with_free_func((GDestroyNotify)X509_free);
		int cached = 0, n;

		n = seal_ldapcert_lookup(k->ldap, address, found, &cached, err);
		if (n < 0) {
			rc = -1;
		} else if (n > 0) {
			best = keys_later(best, seal_certstore_choose(k->certs,
			    (X509 *const *)found->pdata, found->len, address, now, cv));
			keys_take_cert_verdicts(cv, cached ? "ldap (cached)" : "ldap", verdicts);
		}
		g_ptr_array_free(found, TRUE);
	}
	g_ptr_array_free(cv, TRUE);
	if (rc < 0) {
		/* The directory might hold a better answer: do not guess. */
		X509_free(best);
		return -1;
	}
	if (best == NULL)
		return 0;
	keys_fpr(best, fpr);
	*cert = best;
	return 1;
}

/* The keyring files' sizes and change times folded into one number. */
static gint64
keyring_stamp(const char *home)
{
	static const char *const files[] = { "pubring.kbx", "pubring.gpg", "trustdb.gpg" };
	gint64 stamp = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		char *path = g_build_filename(home, files[i], NULL);
		GStatBuf st;

		if (g_stat(path, &st) == 0)
			stamp = stamp * 31 + (gint64)st.st_mtime * 1000003 + (gint64)st.st_size
			    + (gint64)st.st_ctime;
		g_free(path);
	}
	return stamp;
}

static void
copy_verdicts(GPtrArray *from, GPtrArray *to)
{
	for (guint i = 0; to != NULL && i < from->len; i++)
		g_ptr_array_add(to, g_memdup2(g_ptr_array_index(from, i), sizeof(seal_key_verdict)));
}

/* The cache's key as lookups match: local part exact, domain in any case. */
static char *
pgp_cache_key(const char *address)
{
	const char *at = strrchr(address, '@');
	char *dom, *key;

	if (at == NULL)
		return g_strdup(address);
	dom = g_ascii_strdown(at, -1);
	key = g_strdup_printf("%.*s%s", (int)(at - address), address, dom);
	g_free(dom);
	return key;
}

/* A cached answer for address (0/1), or -1 when there is none to use. */
static int
pgp_cached(seal_keys *k, const char *key, gint64 stamp, char fpr[65], GPtrArray *verdicts)
{
	gint64 now = g_get_monotonic_time() / G_USEC_PER_SEC;
	pgp_answer *a;
	int rc = -1;

	g_mutex_lock(&k->pgp_lock);
	if (stamp != k->pgp_stamp) {
		g_hash_table_remove_all(k->pgp_cache);
		k->pgp_stamp = stamp;
	}
	a = g_hash_table_lookup(k->pgp_cache, key);
	if (a != NULL && now - a->at < SEAL_KEYS_PGP_CACHE_TTL) {
		rc = a->rc;
		g_strlcpy(fpr, a->fpr, 65);
		copy_verdicts(a->verdicts, verdicts);
	}
	g_mutex_unlock(&k->pgp_lock);
	return rc;
}

static void
pgp_remember(seal_keys *k, const char *key, gint64 stamp, int rc, const char *fpr,
	GPtrArray *verdicts)
{
	pgp_answer *a = g_new0(pgp_answer, 1);

	a->rc = rc;
	g_strlcpy(a->fpr, fpr, sizeof(a->fpr));
	a->verdicts = g_ptr_array_new_with_free_func(g_free);
	copy_verdicts(verdicts, a->verdicts);
	a->at = g_get_monotonic_time() / G_USEC_PER_SEC;
	g_mutex_lock(&k->pgp_lock);
	if (stamp == k->pgp_stamp) {
		/* Full: start again rather than track ages; refilling is cheap. */
		if (g_hash_table_size(k->pgp_cache) >= SEAL_KEYS_PGP_CACHE_MAX)
			g_hash_table_remove_all(k->pgp_cache);
		g_hash_table_replace(k->pgp_cache, g_strdup(key), a);
		a = NULL;
	}
	g_mutex_unlock(&k->pgp_lock);
	if (a != NULL)
		pgp_answer_free(a);
}

int
seal_keys_pgp(seal_keys *k, const char *address, char fpr[65], GPtrArray *verdicts,
	seal_err *err)
{
	GPtrArray *pv, *mine;
	char f[41], *key;
	gint64 stamp;
	int rc;

	fpr[0] = '\0';
	if (!seal_keys_have_pgp(k))
		return 0;
	key = pgp_cache_key(address);
	stamp = keyring_stamp(k->pgp_home);
	if ((rc = pgp_cached(k, key, stamp, fpr, verdicts)) >= 0) {
		g_free(key);
		return rc;
	}
	pv = g_ptr_array_new_with_free_func(g_free);
	mine = g_ptr_array_new_with_free_func(g_free);
	rc = seal_pgp_lookup(k->pgp_home, address, f, pv, err);
	for (guint i = 0; i < pv->len; i++) {
		const seal_pgp_verdict *p = g_ptr_array_index(pv, i);
		seal_key_verdict *v = g_new0(seal_key_verdict, 1);

		g_strlcpy(v->method, "pgp", sizeof(v->method));
		g_strlcpy(v->fingerprint, p->fingerprint, sizeof(v->fingerprint));
		g_strlcpy(v->who, p->uid, sizeof(v->who));
		g_strlcpy(v->source, "keyring", sizeof(v->source));
		v->usable = p->usable;
		g_strlcpy(v->reason, p->reason, sizeof(v->reason));
		g_ptr_array_add(mine, v);
	}
	g_ptr_array_free(pv, TRUE);
	if (rc == 1)
		g_strlcpy(fpr, f, 65);
	/* An engine error is not an answer: the next message asks again. */
	if (rc >= 0)
		pgp_remember(k, key, stamp, rc, fpr, mine);
	copy_verdicts(mine, verdicts);
	g_ptr_array_free(mine, TRUE);
	g_free(key);
	return rc;
}

X509 *
seal_keys_sign_cert(const seal_keys *k)
{
	return k != NULL ? k->sign_cert : NULL;
}

EVP_PKEY *
seal_keys_sign_key(const seal_keys *k)
{
	return k != NULL ? k->sign_key : NULL;
}

const char *
seal_keys_pgp_home(const seal_keys *k)
{
	return k != NULL ? k->pgp_home : NULL;
}
