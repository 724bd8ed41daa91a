/*
 * seal_ldap_tool.c - drives src/crypto/ldapcert.c and seal_certstore_choose() for
 * tests/t-ldap.sh against a real slapd:
 *
 *   seal_ldap_tool URI BASE CERTDIR CAFILE ADDRESS [ADDRESS...]
 *
 * Per address it looks up twice (the second answer must come from the
 * cache) and prints
 *   ADDRESS: found N, chosen FPR|none, cache yes|no
 *   ADDRESS: verdict FPR usable|REASON
 *   ADDRESS: again found N, cache yes|no
 * and at the end, for the first address once more (cache eviction test;
 * SEAL_LDAP_CACHE_MAX sets the cache size, default 100)
 *   ADDRESS: last found N, cache yes|no
 * Exit 0, or 1 when the directory could not be asked (error printed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib.h>
#include <openssl/x509.h>

#include "certstore.h"
#include "ldapcert.h"

#define TOOL_TIMEOUT_S 3
#define TOOL_CACHE_TTL 300
#define TOOL_CACHE_MAX 100

static void
fingerprint(X509 *x, char *out, size_t size)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;

	out[0] = '\0';
	if (X509_digest(x, EVP_sha256(), md, &len) != 1)
		return;
	for (i = 0; i < len && i * 2 + 2 < size; i++)
		snprintf(out + i * 2, 3, "%02x", md[i]);
}

static void
free_certs(GPtrArray *certs)
{
	guint i;

	for (i = 0; i < certs->len; i++)
		X509_free(g_ptr_array_index(certs, i));
	g_ptr_array_free(certs, TRUE);
}

/* One address: lookup, choice, verdicts, second lookup. 0, or 1 on error. */
static int
one_address(seal_ldapcert *l, const seal_certstore *s, const char *addr)
{
	GPtrArray *certs = g_ptr_array_new();
	GPtrArray *verdicts = g_ptr_array_new_with_free_func(g_free);
	char fpr[65], buf[600];
	seal_err err;
	X509 *best;
	int n, cached = 0;
	guint i;

	seal_err_clear(&err);
	n = seal_ldapcert_lookup(l, addr, certs, &cached, &err);
	if (n < 0) {
		printf("%s: error %s: %s\n", addr, seal_status_name(err.code),
			seal_err_format(&err, buf, sizeof(buf)));
		free_certs(certs);
		g_ptr_array_free(verdicts, TRUE);
		return 1;
	}
	best = seal_certstore_choose(s, (X509 *const *)certs->pdata, certs->len, addr,
		time(NULL), verdicts);
	if (best != NULL)
		fingerprint(best, fpr, sizeof(fpr));
	printf("%s: found %d, chosen %s, cache %s\n", addr, n,
		best != NULL ? fpr : "none", cached ? "yes" : "no");
	for (i = 0; i < verdicts->len; i++) {
		const seal_cert_verdict *v = g_ptr_array_index(verdicts, i);

		printf("%s: verdict %s %s\n", addr, v->fingerprint,
			v->usable ? "usable" : v->reason);
	}
	X509_free(best);
	free_certs(certs);
	g_ptr_array_free(verdicts, TRUE);

	certs = g_ptr_array_new();
	n = seal_ldapcert_lookup(l, addr, certs, &cached, &err);
	if (n < 0)
		printf("%s: again error %s\n", addr, seal_status_name(err.code));
	else
		printf("%s: again found %d, cache %s\n", addr, n, cached ? "yes" : "no");
	free_certs(certs);
	return n < 0;
}

/* The first address again, after the others may have evicted it. */
static int
last_lookup(seal_ldapcert *l, const char *addr)
{
	GPtrArray *certs = g_ptr_array_new();
	seal_err err;
	int n, cached = 0;

	seal_err_clear(&err);
	n = seal_ldapcert_lookup(l, addr, certs, &cached, &err);
	if (n < 0)
		printf("%s: last error %s\n", addr, seal_status_name(err.code));
	else
		printf("%s: last found %d, cache %s\n", addr, n, cached ? "yes" : "no");
	free_certs(certs);
	return n < 0;
}

int
main(int argc, char **argv)
{
	seal_certstore *s;
	seal_ldapcert *l;
	seal_err err;
	char buf[600];
	size_t cache_max = TOOL_CACHE_MAX;
	int i, rc = 0;

	if (argc < 6) {
		fprintf(stderr, "usage: %s URI BASE CERTDIR CAFILE ADDRESS [ADDRESS...]\n",
			argv[0]);
		return 2;
	}
	seal_err_clear(&err);
	s = seal_certstore_new(argv[3], argv[4], &err);
	if (s == NULL) {
		fprintf(stderr, "certstore: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		return 2;
	}
	if (getenv("SEAL_LDAP_CACHE_MAX") != NULL)
		cache_max = strtoul(getenv("SEAL_LDAP_CACHE_MAX"), NULL, 10);
	l = seal_ldapcert_new(argv[1], argv[2], TOOL_TIMEOUT_S, TOOL_CACHE_TTL,
		cache_max, &err);
	if (l == NULL) {
		fprintf(stderr, "ldapcert: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		seal_certstore_free(s);
		return 2;
	}
	for (i = 5; i < argc && rc == 0; i++)
		rc = one_address(l, s, argv[i]);
	if (rc == 0)
		rc = last_lookup(l, argv[5]);
	seal_ldapcert_free(l);
	seal_certstore_free(s);
	return rc;
}
