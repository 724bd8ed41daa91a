/*
 * ldapcert.c - S/MIME recipient certificates from an LDAP directory
 * (ldapcert.h): an anonymous, bounded search for (mail=ADDRESS) and a small
 * cache of the DER values found, positive and negative.
 *
 * A fresh connection per lookup keeps this simple and thread-safe (an LDAP
 * handle must not be shared between threads without its own locking);
 * lookups are rare because answers are cached. Certificates are cached as
 * DER and parsed again on every hit, so callers own independent X509s.
 */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include <glib.h>
#include <ldap.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "ldapcert.h"

/* Named limits: one address has a handful of certificates, not a dump. */
#define SEAL_LDAPCERT_SIZELIMIT   50
#define SEAL_LDAPCERT_MAX_ADDRESS 320
#define SEAL_LDAPCERT_MAX_DER     (64 * 1024)

struct seal_ldapcert {
	char *uri;
	char *base;
	unsigned timeout_s;
	unsigned cache_ttl_s;
	size_t cache_max;
	GMutex lock;
	GHashTable *cache;       /* key (g_free) -> seal_ldapcert_entry */
};

typedef struct seal_ldapcert_entry {
	gint64 added;            /* monotonic, microseconds: for eviction */
	gint64 expires;          /* monotonic, microseconds */
	GPtrArray *ders;         /* GBytes; empty: no certificate published */
} seal_ldapcert_entry;

static void
seal_ldapcert_entry_free(gpointer p)
{
	seal_ldapcert_entry *e = p;

	g_ptr_array_free(e->ders, TRUE);
	g_free(e);
}

seal_ldapcert *
seal_ldapcert_new(const char *uri, const char *base, unsigned timeout_s,
	unsigned cache_ttl_s, size_t cache_max, seal_err *err)
{
	seal_ldapcert *l;

	if (uri == NULL || base == NULL || timeout_s == 0) {
		seal_err_set(err, SEAL_ERR_USAGE, "LDAP URI, base and timeout required");
		return NULL;
	}
	if (ldap_is_ldap_url(uri) == 0 && strncmp(uri, "ldapi://", 8) != 0) {
		seal_err_set(err, SEAL_ERR_USAGE, "not an LDAP URI: %s", uri);
		return NULL;
	}
	l = g_new0(seal_ldapcert, 1);
	l->uri = g_strdup(uri);
	l->base = g_strdup(base);
	l->timeout_s = timeout_s;
	l->cache_ttl_s = cache_ttl_s;
	l->cache_max = cache_max;
	g_mutex_init(&l->lock);
	l->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		seal_ldapcert_entry_free);
	return l;
}

seal_ldapcert *
seal_ldapcert_free(seal_ldapcert *l)
{
	if (l == NULL)
		return NULL;
	g_hash_table_destroy(l->cache);
	g_mutex_clear(&l->lock);
	g_free(l->uri);
	g_free(l->base);
	g_free(l);
	return NULL;
}

/* Cache key: the local part exact (RFC 5321), the domain lower-cased. */
static char *
seal_ldapcert_key(const char *address)
{
	const char *at = strrchr(address, '@');
	char *dom = g_ascii_strdown(at + 1, -1);
	char *key = g_strdup_printf("%.*s@%s", (int)(at - address), address, dom);

	g_free(dom);
	return key;
}

/* RFC 4515 value escaping: * ( ) \ and NUL become \2a \28 \29 \5c \00. */
static char *
seal_ldapcert_filter(const char *address)
{
	GString *f = g_string_new("(mail=");
	const char *p;

	for (p = address; *p != '\0'; p++) {
		if (*p == '*' || *p == '(' || *p == ')' || *p == '\\')
			g_string_append_printf(f, "\\%02x", (unsigned char)*p);
		else
			g_string_append_c(f, *p);
	}
	g_string_append_c(f, ')');
	return g_string_free(f, FALSE);
}

/* Appends parsed copies of the cached DER values; returns how many. */
static int
seal_ldapcert_emit(const GPtrArray *ders, GPtrArray *certs)
{
	int n = 0;
	guint i;

	for (i = 0; i < ders->len; i++) {
		gsize len;
		const unsigned char *p = g_bytes_get_data(g_ptr_array_index(ders, i), &len);
		X509 *x = d2i_X509(NULL, &p, (long)len);

		if (x == NULL) {
			ERR_clear_error();
			continue;
		}
		g_ptr_array_add(certs, x);
		n++;
	}
	return n;
}

/* Under the lock: a live entry's certificates, or -1 when not cached. */
static int
seal_ldapcert_cache_get(seal_ldapcert *l, const char *key, GPtrArray *certs)
{
	seal_ldapcert_entry *e;
	int n = -1;

	g_mutex_lock(&l->lock);
	e = g_hash_table_lookup(l->cache, key);
	if (e != NULL && e->expires > g_get_monotonic_time())
		n = seal_ldapcert_emit(e->ders, certs);
	else if (e != NULL)
		g_hash_table_remove(l->cache, key);
	g_mutex_unlock(&l->lock);
	return n;
}

/* Under the lock: stores ders (taken), evicting the oldest when full. */
static void
seal_ldapcert_cache_put(seal_ldapcert *l, const char *key, GPtrArray *ders)
{
	seal_ldapcert_entry *e;
	gint64 now = g_get_monotonic_time();

	if (l->cache_ttl_s == 0 || l->cache_max == 0) {
		g_ptr_array_free(ders, TRUE);
		return;
	}
	e = g_new0(seal_ldapcert_entry, 1);
	e->added = now;
	e->expires = now + (gint64)l->cache_ttl_s * G_USEC_PER_SEC;
	e->ders = ders;
	g_mutex_lock(&l->lock);
	g_hash_table_replace(l->cache, g_strdup(key), e);
	while (g_hash_table_size(l->cache) > l->cache_max) {
		GHashTableIter it;
		gpointer k, v;
		gpointer oldest = NULL;
		gint64 when = G_MAXINT64;

		/* A linear scan: cache_max is small and evictions are rare. */
		g_hash_table_iter_init(&it, l->cache);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			if (((seal_ldapcert_entry *)v)->added < when) {
				when = ((seal_ldapcert_entry *)v)->added;
				oldest = k;
			}
		}
		if (oldest == NULL)
			break;
		g_hash_table_remove(l->cache, oldest);
	}
	g_mutex_unlock(&l->lock);
}

/* Maps a libldap result code to ours; a timeout is worth telling apart. */
static seal_status
seal_ldapcert_fail(seal_err *err, int rc, const char *what)
{
	seal_status code = (rc == LDAP_TIMEOUT || rc == LDAP_TIMELIMIT_EXCEEDED)
		? SEAL_ERR_TIMEOUT : SEAL_ERR_IO;

	return seal_err_set(err, code, "LDAP %s: %s", what, ldap_err2string(rc));
}

/* Opens and binds anonymously with every timeout set. */
static LDAP *
seal_ldapcert_connect(const seal_ldapcert *l, seal_err *err)
{
	LDAP *ld = NULL;
	int version = LDAP_VERSION3;
	struct timeval tv = { (time_t)l->timeout_s, 0 };
	struct berval cred = { 0, NULL };
	int rc;

	rc = ldap_initialize(&ld, l->uri);
	if (rc != LDAP_SUCCESS || ld == NULL) {
		seal_ldapcert_fail(err, rc, "initialize");
		return NULL;
	}
	if (ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version) != LDAP_OPT_SUCCESS
		|| ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &tv) != LDAP_OPT_SUCCESS
		|| ldap_set_option(ld, LDAP_OPT_TIMEOUT, &tv) != LDAP_OPT_SUCCESS
		|| ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF) != LDAP_OPT_SUCCESS) {
		seal_err_set(err, SEAL_ERR_INTERNAL, "LDAP: cannot set options");
		ldap_unbind_ext_s(ld, NULL, NULL);
		return NULL;
	}
	rc = ldap_sasl_bind_s(ld, NULL, LDAP_SASL_SIMPLE, &cred, NULL, NULL, NULL);
	if (rc != LDAP_SUCCESS) {
		seal_ldapcert_fail(err, rc, "bind");
		ldap_unbind_ext_s(ld, NULL, NULL);
		return NULL;
	}
	return ld;
}

/* Collects the certificate values of every entry in res into ders. */
static void
seal_ldapcert_collect(LDAP *ld, LDAPMessage *res, GPtrArray *ders)
{
	static const char *const attrs[] = { "userCertificate;binary", "userCertificate" };
	LDAPMessage *m;
	size_t a;
	int i;

	for (m = ldap_first_entry(ld, res); m != NULL; m = ldap_next_entry(ld, m)) {
		for (a = 0; a < G_N_ELEMENTS(attrs); a++) {
			struct berval **vals = ldap_get_values_len(ld, m, attrs[a]);

			for (i = 0; vals != NULL && vals[i] != NULL; i++) {
				if (vals[i]->bv_len == 0 || vals[i]->bv_len > SEAL_LDAPCERT_MAX_DER)
					continue;
				g_ptr_array_add(ders, g_bytes_new(vals[i]->bv_val,
					vals[i]->bv_len));
			}
			ldap_value_free_len(vals);
		}
	}
}

/* Asks the directory; ders gets the DER values. */
static seal_status
seal_ldapcert_search(const seal_ldapcert *l, const char *address, GPtrArray *ders,
	seal_err *err)
{
	char *attrs[] = { "userCertificate;binary", "userCertificate", NULL };
	struct timeval tv = { (time_t)l->timeout_s, 0 };
	LDAPMessage *res = NULL;
	char *filter;
	LDAP *ld;
	int rc;
	seal_status st = SEAL_OK;

	ld = seal_ldapcert_connect(l, err);
	if (ld == NULL)
		return err != NULL ? err->code : SEAL_ERR_IO;
	filter = seal_ldapcert_filter(address);
	rc = ldap_search_ext_s(ld, l->base, LDAP_SCOPE_SUBTREE, filter, attrs, 0,
		NULL, NULL, &tv, SEAL_LDAPCERT_SIZELIMIT, &res);
	g_free(filter);
	/* No such base: nothing published. A size limit still returns entries. */
	if (rc == LDAP_SUCCESS || rc == LDAP_SIZELIMIT_EXCEEDED)
		seal_ldapcert_collect(ld, res, ders);
	else if (rc != LDAP_NO_SUCH_OBJECT)
		st = seal_ldapcert_fail(err, rc, "search");
	ldap_msgfree(res);
	ldap_unbind_ext_s(ld, NULL, NULL);
	return st;
}

int
seal_ldapcert_lookup(seal_ldapcert *l, const char *address, GPtrArray *certs,
	int *from_cache, seal_err *err)
{
	GPtrArray *ders;
	char *key;
	int n;

	if (from_cache != NULL)
		*from_cache = 0;
	if (l == NULL || address == NULL || certs == NULL
		|| strchr(address, '@') == NULL
		|| strlen(address) > SEAL_LDAPCERT_MAX_ADDRESS) {
		seal_err_set(err, SEAL_ERR_USAGE, "LDAP lookup: bad address");
		return -1;
	}
	key = seal_ldapcert_key(address);
	n = seal_ldapcert_cache_get(l, key, certs);
	if (n >= 0) {
		if (from_cache != NULL)
			*from_cache = 1;
		g_free(key);
		return n;
	}
	ders = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	if (seal_ldapcert_search(l, address, ders, err) != SEAL_OK) {
		g_ptr_array_free(ders, TRUE);
		g_free(key);
		return -1;
	}
	n = seal_ldapcert_emit(ders, certs);
	seal_ldapcert_cache_put(l, key, ders);
	g_free(key);
	return n;
}
