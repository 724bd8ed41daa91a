/*
 * keys.h - where recipients' certificates and keys come from, in one place:
 * the S/MIME certificate directory and LDAP directory (checked by
 * certstore.h), the OpenPGP keyring (pgp.h), and the agency's own signing
 * certificate. The scanner's action chain and `sealctl keys` both ask here,
 * so what the administrator sees is what the daemon does.
 *
 * Loaded with the configuration (seal_config_load_secrets) and immutable
 * afterwards, except for the LDAP cache, which has its own lock.
 * Thread safe.
 */
#ifndef SEAL_KEYS_H
#define SEAL_KEYS_H

#include <time.h>

#include <glib.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "err.h"

struct seal_config;

typedef struct seal_keys seal_keys;

/* One candidate seen for an address, and why it was or was not used. */
typedef struct seal_key_verdict {
	char method[8];          /* "smime" or "pgp" */
	char fingerprint[65];    /* SHA-256 of the certificate / OpenPGP fingerprint */
	char who[256];           /* certificate subject or key user ID */
	char source[256];        /* file name, "ldap" or "keyring" */
	int usable;
	char reason[160];        /* why not usable ("" when usable) */
} seal_key_verdict;

/*
 * Loads what cfg names: smime_cert_dir and/or smime_ldap_uri (both need
 * smime_ca_file), smime_sign_cert + smime_sign_key (both or neither; the
 * key must match the certificate, which must be valid now), pgp_home (must
 * be a directory). Nothing named: an empty set (every lookup says "none").
 * Errors are configuration errors naming the key.
 */
seal_keys *seal_keys_load(const struct seal_config *cfg, seal_err *err);

seal_keys *seal_keys_free(seal_keys *k);

/* Whether S/MIME (files or LDAP) or OpenPGP lookups are configured. */
int seal_keys_have_smime(const seal_keys *k);
int seal_keys_have_pgp(const seal_keys *k);

/*
 * The S/MIME certificate for address: 1 with *cert (new reference) and fpr
 * set; 0 when none is usable; -1 when the LDAP directory could not be asked
 * (err set; the caller tempfails). verdicts (may be NULL) gets one
 * seal_key_verdict (g_free) per candidate.
 */
int seal_keys_smime(seal_keys *k, const char *address, time_t now, X509 **cert,
	char fpr[65], GPtrArray *verdicts, seal_err *err);

/* The same for OpenPGP (fpr: 40 hex digits); -1 on a keyring/engine error. */
int seal_keys_pgp(seal_keys *k, const char *address, char fpr[65],
	GPtrArray *verdicts, seal_err *err);

/* The agency's signing certificate and key, or NULL when signing is off. Lent. */
X509 *seal_keys_sign_cert(const seal_keys *k);
EVP_PKEY *seal_keys_sign_key(const seal_keys *k);

/* The keyring directory for seal_pgp_encrypt (NULL when not configured). Lent. */
const char *seal_keys_pgp_home(const seal_keys *k);

#endif
