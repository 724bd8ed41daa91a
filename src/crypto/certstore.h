/*
 * certstore.h - S/MIME recipient certificates from the administrator's
 * directory (smime_cert_dir: PEM or DER files, several certificates per
 * PEM file allowed), checked before use.
 *
 * A certificate is usable for an address only if: the address matches a
 * SAN rfc822Name (case-insensitive domain, exact local part), or, when the
 * certificate has no rfc822Name at all, the subject emailAddress; now is
 * inside notBefore..notAfter; keyUsage (when present) allows
 * keyEncipherment (RSA) or keyAgreement (EC); extendedKeyUsage (when
 * present) allows emailProtection; the chain verifies to smime_ca_file
 * (X509_V_FLAG_PARTIAL_CHAIN not set: the anchor must be in the CA file).
 * RSA and EC keys. Among several usable certificates the one that expires
 * last wins.
 *
 * Thread safety: the store is read-only after seal_certstore_new();
 * lookups may run in parallel (one X509_STORE_CTX per lookup).
 */
#ifndef SEAL_CERTSTORE_H
#define SEAL_CERTSTORE_H

#include <time.h>

#include <glib.h>
#include <openssl/x509.h>

#include "err.h"

typedef struct seal_certstore seal_certstore;

/* One candidate seen for an address, and why it was or was not used. */
typedef struct seal_cert_verdict {
	char fingerprint[65];    /* SHA-256 of the DER, lower-case hex */
	char subject[256];       /* one-line subject, for the admin */
	char source[256];        /* file it came from, or "candidate N" for seal_certstore_choose */
	int usable;
	char reason[160];        /* "expired 2025-01-01", "no email protection", ... */
} seal_cert_verdict;

/* Loads every file in cert_dir (NULL: none, LDAP only) and the trust anchors in ca_file. */
seal_certstore *seal_certstore_new(const char *cert_dir, const char *ca_file,
	seal_err *err);

/*
 * The certificate to encrypt to for address at time now: a new reference
 * (X509_free it), or NULL when none is usable. When verdicts is not NULL
 * one seal_cert_verdict (g_free) per candidate is appended to it.
 */
X509 *seal_certstore_lookup(const seal_certstore *s, const char *address, time_t now,
	GPtrArray *verdicts);

/*
 * The same checks and choice as seal_certstore_lookup(), over candidates
 * from elsewhere (an LDAP directory, ldapcert.h); the chain is verified
 * against the store's CA file, with the store's certificates as possible
 * intermediates. Returns a new reference or NULL; verdicts as above.
 */
X509 *seal_certstore_choose(const seal_certstore *s, X509 *const *candidates, size_t n,
	const char *address, time_t now, GPtrArray *verdicts);

/* Certificates loaded (for logs and tests). */
size_t seal_certstore_count(const seal_certstore *s);

/*
 * The i-th file of cert_dir that was skipped (unreadable, over 1 MiB, or no
 * certificate in it), for a start-up warning; NULL past the end. Lent.
 */
const char *seal_certstore_skipped(const seal_certstore *s, size_t i);

seal_certstore *seal_certstore_free(seal_certstore *s);

#endif
