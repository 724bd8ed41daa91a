/*
 * certstore.c - S/MIME recipient certificates from a directory, checked
 * against address, validity, key usage, EKU and the trusted CA file before
 * use (see certstore.h).
 *
 * Every check is done here by hand, before the chain is verified, so that
 * each rejected candidate gets a reason an administrator can act on.
 * X509_PURPOSE_SMIME_ENCRYPT is deliberately not used: OpenSSL's check
 * wants keyEncipherment even for EC keys, which only do keyAgreement.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "certstore.h"

/* Named limits: a certificate file is small; a directory is not a CA dump. */
#define SEAL_CERTSTORE_MAX_FILE  (1024 * 1024)
#define SEAL_CERTSTORE_MAX_CERTS 10000

typedef struct seal_cert_entry {
	X509 *cert;
	char source[256];        /* file name inside cert_dir */
} seal_cert_entry;

struct seal_certstore {
	X509_STORE *trust;       /* anchors from ca_file only */
	STACK_OF(X509) *pool;    /* every loaded cert: intermediates for chains */
	GArray *entries;         /* seal_cert_entry */
	GPtrArray *skipped;      /* file names that held no certificate */
};

static seal_status
seal_certstore_add(seal_certstore *s, X509 *x, const char *name, seal_err *err)
{
	seal_cert_entry e;

	if (s->entries->len >= SEAL_CERTSTORE_MAX_CERTS) {
		X509_free(x);
		return seal_err_set(err, SEAL_ERR_LIMIT,
			"certificate directory holds more than %d certificates",
			SEAL_CERTSTORE_MAX_CERTS);
	}
	if (!X509_up_ref(x) || sk_X509_push(s->pool, x) <= 0) {
		X509_free(x);
		return seal_err_set(err, SEAL_ERR_NOMEM, "cannot store certificate");
	}
	e.cert = x;
	snprintf(e.source, sizeof(e.source), "%s", name);
	g_array_append_val(s->entries, e);
	return SEAL_OK;
}

/*
 * Adds every certificate found in one file's contents (PEM with any number
 * of certificates, or a single DER certificate); *found counts them.
 */
static seal_status
seal_certstore_parse(seal_certstore *s, const char *data, size_t len,
	const char *name, size_t *found, seal_err *err)
{
	seal_status st = SEAL_OK;

	*found = 0;
	if (g_strstr_len(data, (gssize)len, "-----BEGIN") != NULL) {
		BIO *bio = BIO_new_mem_buf(data, (int)len);
		X509 *x;

		if (bio == NULL)
			return seal_err_set(err, SEAL_ERR_NOMEM, "cannot allocate BIO");
		while (st == SEAL_OK
			&& (x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
			st = seal_certstore_add(s, x, name, err);
			(*found)++;
		}
		BIO_free(bio);
	} else {
		const unsigned char *p = (const unsigned char *)data;
		X509 *x = d2i_X509(NULL, &p, (long)len);

		if (x != NULL) {
			st = seal_certstore_add(s, x, name, err);
			(*found)++;
		}
	}
	/* The last PEM read always ends in a "no start line" error. */
	ERR_clear_error();
	return st;
}

static seal_status
seal_certstore_load_file(seal_certstore *s, const char *dir, const char *name,
	seal_err *err)
{
	char *path = g_build_filename(dir, name, NULL);
	char *data = NULL;
	gsize len = 0;
	size_t found = 0;
	struct stat sb;
	seal_status st = SEAL_OK;

	/* Unreadable, oversized or garbage files are remembered, not fatal:
	 * one bad file must not take every recipient's encryption down. */
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		/* Subdirectories are not searched (and not worth a warning). */
	} else if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		g_ptr_array_add(s->skipped, g_strdup(name));
	} else if (sb.st_size > SEAL_CERTSTORE_MAX_FILE
		|| !g_file_get_contents(path, &data, &len, NULL)
		|| len > SEAL_CERTSTORE_MAX_FILE) {
		g_ptr_array_add(s->skipped, g_strdup(name));
	} else {
		st = seal_certstore_parse(s, data, len, name, &found, err);
		if (st == SEAL_OK && found == 0)
			g_ptr_array_add(s->skipped, g_strdup(name));
	}
	g_free(data);
	g_free(path);
	return st;
}

static gint
seal_certstore_cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Loads the directory in name order, so that ties and logs are stable. */
static seal_status
seal_certstore_load_dir(seal_certstore *s, const char *dir, seal_err *err)
{
	GPtrArray *names;
	DIR *d;
	struct dirent *de;
	seal_status st = SEAL_OK;
	guint i;

	d = opendir(dir);
	if (d == NULL)
		return seal_err_set(err, SEAL_ERR_CONFIG,
			"cannot open certificate directory %s", dir);
	names = g_ptr_array_new_with_free_func(g_free);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		g_ptr_array_add(names, g_strdup(de->d_name));
	}
	closedir(d);
	g_ptr_array_sort(names, seal_certstore_cmp_names);
	for (i = 0; i < names->len && st == SEAL_OK; i++)
		st = seal_certstore_load_file(s, dir, g_ptr_array_index(names, i), err);
	g_ptr_array_free(names, TRUE);
	return st;
}

seal_certstore *
seal_certstore_new(const char *cert_dir, const char *ca_file, seal_err *err)
{
	seal_certstore *s;

	if (ca_file == NULL) {
		seal_err_set(err, SEAL_ERR_USAGE, "CA file required");
		return NULL;
	}
	s = g_new0(seal_certstore, 1);
	s->entries = g_array_new(FALSE, FALSE, sizeof(seal_cert_entry));
	s->skipped = g_ptr_array_new_with_free_func(g_free);
	s->pool = sk_X509_new_null();
	s->trust = X509_STORE_new();
	if (s->pool == NULL || s->trust == NULL) {
		seal_err_set(err, SEAL_ERR_NOMEM, "cannot allocate certificate store");
		return seal_certstore_free(s);
	}
	if (X509_STORE_load_file(s->trust, ca_file) != 1) {
		ERR_clear_error();
		seal_err_set(err, SEAL_ERR_CONFIG, "cannot load CA certificates from %s",
			ca_file);
		return seal_certstore_free(s);
	}
	/* No directory: certificates come from LDAP only (seal_certstore_choose). */
	if (cert_dir != NULL && seal_certstore_load_dir(s, cert_dir, err) != SEAL_OK)
		return seal_certstore_free(s);
	return s;
}

size_t
seal_certstore_count(const seal_certstore *s)
{
	return s != NULL ? s->entries->len : 0;
}

const char *
seal_certstore_skipped(const seal_certstore *s, size_t i)
{
	if (s == NULL || i >= s->skipped->len)
		return NULL;
	return g_ptr_array_index(s->skipped, i);
}

seal_certstore *
seal_certstore_free(seal_certstore *s)
{
	guint i;

	if (s == NULL)
		return NULL;
	for (i = 0; i < s->entries->len; i++)
		X509_free(g_array_index(s->entries, seal_cert_entry, i).cert);
	g_array_free(s->entries, TRUE);
	g_ptr_array_free(s->skipped, TRUE);
	sk_X509_pop_free(s->pool, X509_free);
	X509_STORE_free(s->trust);
	g_free(s);
	return NULL;
}

/*
 * One stored address (not NUL-terminated, may hold an embedded NUL) against
 * the wanted one: local part exact (RFC 5321 says it is case-sensitive),
 * domain ASCII case-insensitive.
 */
static int
seal_certstore_addr_eq(const unsigned char *have, int hlen, const char *want)
{
	size_t wlen = strlen(want);
	const char *wat = strrchr(want, '@');
	const unsigned char *hat;
	size_t local;

	if (hlen <= 0 || (size_t)hlen != wlen || wat == NULL
		|| memchr(have, '\0', (size_t)hlen) != NULL)
		return 0;
	local = (size_t)(wat - want);
	hat = memrchr(have, '@', (size_t)hlen);
	if (hat == NULL || (size_t)(hat - have) != local)
		return 0;
	return memcmp(have, want, local) == 0
		&& g_ascii_strncasecmp((const char *)hat + 1, wat + 1,
			wlen - local - 1) == 0;
}

/* SAN rfc822Name; the subject emailAddress only when there is none. */
static int
seal_certstore_matches(X509 *x, const char *address)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	const X509_NAME *subj = X509_get_subject_name(x);
	int have_email = 0, match = 0, i;

	for (i = 0; gens != NULL && i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);

		if (g->type != GEN_EMAIL)
			continue;
		have_email = 1;
		if (seal_certstore_addr_eq(ASN1_STRING_get0_data(g->d.rfc822Name),
			ASN1_STRING_length(g->d.rfc822Name), address))
			match = 1;
	}
	GENERAL_NAMES_free(gens);
	if (have_email)
		return match;
	i = -1;
	while ((i = X509_NAME_get_index_by_NID(subj, NID_pkcs9_emailAddress, i)) >= 0) {
		const ASN1_STRING *v = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subj, i));

		if (seal_certstore_addr_eq(ASN1_STRING_get0_data(v), ASN1_STRING_length(v),
			address))
			return 1;
	}
	return 0;
}

static void
seal_certstore_date(const ASN1_TIME *t, char *buf, size_t size)
{
	struct tm tm;

	if (ASN1_TIME_to_tm(t, &tm) != 1 || strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, size, "(bad date)");
}

/* Validity, key type and usages: the reason, or "" when usable so far. */
static void
seal_certstore_check_fields(X509 *x, time_t now, char *reason, size_t size)
{
	char date[32];
	EVP_PKEY *pk = X509_get0_pubkey(x);
	int type = pk != NULL ? EVP_PKEY_get_base_id(pk) : EVP_PKEY_NONE;
	uint32_t flags = X509_get_extension_flags(x);
	uint32_t ku = X509_get_key_usage(x);

	reason[0] = '\0';
	if (X509_cmp_time(X509_get0_notBefore(x), &now) >= 0) {
		seal_certstore_date(X509_get0_notBefore(x), date, sizeof(date));
		snprintf(reason, size, "not valid before %s", date);
	} else if (X509_cmp_time(X509_get0_notAfter(x), &now) <= 0) {
		seal_certstore_date(X509_get0_notAfter(x), date, sizeof(date));
		snprintf(reason, size, "expired %s", date);
	} else if (flags & EXFLAG_INVALID) {
		snprintf(reason, size, "invalid extensions");
	} else if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) {
		snprintf(reason, size, "unsupported key type");
	} else if (type == EVP_PKEY_RSA && !(ku & KU_KEY_ENCIPHERMENT)) {
		snprintf(reason, size, "key usage lacks keyEncipherment");
	} else if (type == EVP_PKEY_EC && !(ku & KU_KEY_AGREEMENT)) {
		snprintf(reason, size, "key usage lacks keyAgreement");
	} else if ((flags & EXFLAG_XKUSAGE)
		&& !(X509_get_extended_key_usage(x) & (XKU_SMIME | XKU_ANYEKU))) {
		snprintf(reason, size, "no email protection");
	}
}

/* The chain to the CA file at time now; reason set on failure. */
static int
seal_certstore_verify(const seal_certstore *s, X509 *x, time_t now,
	char *reason, size_t size)
{
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int ok = 0;

	if (ctx == NULL || !X509_STORE_CTX_init(ctx, s->trust, x, s->pool)) {
		snprintf(reason, size, "chain: cannot verify (out of memory)");
		X509_STORE_CTX_free(ctx);
		return 0;
	}
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), now);
	ok = X509_verify_cert(ctx) == 1;
	if (!ok)
		snprintf(reason, size, "chain: %s",
			X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
	X509_STORE_CTX_free(ctx);
	ERR_clear_error();
	return ok;
}

static void
seal_certstore_describe(X509 *x, const char *source, seal_cert_verdict *v)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	if (X509_digest(x, EVP_sha256(), md, &mdlen) != 1)
		mdlen = 0;
	for (i = 0; i < mdlen && i * 2 + 2 < sizeof(v->fingerprint); i++)
		snprintf(v->fingerprint + i * 2, 3, "%02x", md[i]);
	X509_NAME_oneline(X509_get_subject_name(x), v->subject,
		(int)sizeof(v->subject));
	snprintf(v->source, sizeof(v->source), "%s", source);
}

/*
 * The one code path for both lookups: checks one candidate, records its
 * verdict and keeps *best (borrowed) the usable one that expires last; ties
 * keep the earlier candidate. A certificate from the directory of files
 * that does not name the address is simply not a candidate; one that a
 * directory server returned for the address (report_mismatch) gets a
 * verdict, so that the administrator sees why it was not used.
 */
static void
seal_certstore_consider(const seal_certstore *s, X509 *x, const char *source,
	const char *address, time_t now, int report_mismatch, X509 **best,
	GPtrArray *verdicts)
{
	seal_cert_verdict *v;
	int matches = seal_certstore_matches(x, address);

	if (!matches && !report_mismatch)
		return;
	v = g_new0(seal_cert_verdict, 1);
	seal_certstore_describe(x, source, v);
	if (!matches)
		snprintf(v->reason, sizeof(v->reason), "address not in certificate");
	else
		seal_certstore_check_fields(x, now, v->reason, sizeof(v->reason));
	if (v->reason[0] == '\0'
		&& seal_certstore_verify(s, x, now, v->reason, sizeof(v->reason)))
		v->usable = 1;
	if (v->usable && (*best == NULL || ASN1_TIME_compare(X509_get0_notAfter(*best),
		X509_get0_notAfter(x)) < 0))
		*best = x;
	if (verdicts != NULL)
		g_ptr_array_add(verdicts, v);
	else
		g_free(v);
}

X509 *
seal_certstore_lookup(const seal_certstore *s, const char *address, time_t now,
	GPtrArray *verdicts)
{
	X509 *best = NULL;
	guint i;

	if (s == NULL || address == NULL || strchr(address, '@') == NULL)
		return NULL;
	for (i = 0; i < s->entries->len; i++) {
		const seal_cert_entry *e = &g_array_index(s->entries, seal_cert_entry, i);

		seal_certstore_consider(s, e->cert, e->source, address, now, 0, &best,
			verdicts);
	}
	if (best != NULL)
		X509_up_ref(best);
	return best;
}

X509 *
seal_certstore_choose(const seal_certstore *s, X509 *const *candidates, size_t n,
	const char *address, time_t now, GPtrArray *verdicts)
{
	X509 *best = NULL;
	char source[32];
	size_t i;

	if (s == NULL || address == NULL || strchr(address, '@') == NULL
		|| (candidates == NULL && n > 0))
		return NULL;
	for (i = 0; i < n; i++) {
		if (candidates[i] == NULL)
			continue;
		/* The caller knows where the candidates came from; we only
		 * number them so that verdicts can be told apart. */
		snprintf(source, sizeof(source), "candidate %zu", i + 1);
		seal_certstore_consider(s, candidates[i], source, address, now, 1, &best,
			verdicts);
	}
	if (best != NULL)
		X509_up_ref(best);
	return best;
}
