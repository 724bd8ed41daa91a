/*
 * pgp.h - OpenPGP with GPGME: recipient keys from the administrator's
 * keyring (pgp_home) and PGP/MIME encryption (RFC 3156).
 *
 * A key is used for an address only if one of its user IDs has exactly
 * that address (case-insensitive domain), and the key and an encryption
 * subkey are valid now: not expired, revoked, disabled or invalid, and
 * able to encrypt. Keys are taken as the administrator imported them
 * (the keyring is the trust decision; no web of trust is consulted).
 * Among several usable keys the newest wins.
 *
 * Output of seal_pgp_encrypt: the replacement entity with its own header
 * block: multipart/encrypted; protocol="application/pgp-encrypted" with
 * the two parts RFC 3156 section 4 prescribes (Version: 1, then the
 * ASCII-armoured message). The inner entity is canonicalised to CRLF.
 *
 * Thread safety: one GPGME context per call; seal_pgp_init() once in main
 * before threads start (gpgme_check_version).
 */
#ifndef SEAL_PGP_H
#define SEAL_PGP_H

#include <stddef.h>

#include <glib.h>

#include "err.h"

typedef struct seal_pgp_verdict {
	char fingerprint[41];
	char uid[256];
	int usable;
	char reason[160];        /* "expired 2025-01-01", "revoked", "no encryption subkey" */
} seal_pgp_verdict;

/* Once per process, before threads. */
seal_status seal_pgp_init(seal_err *err);

/*
 * The key for address in the keyring at home: its fingerprint in fpr
 * (40 hex digits + NUL); returns 1 when
 * a key was found, 0 when none is usable, -1 on an engine error (err set).
 * verdicts (may be NULL) gets one seal_pgp_verdict (g_free) per candidate.
 */
int seal_pgp_lookup(const char *home, const char *address, char fpr[41],
	GPtrArray *verdicts, seal_err *err);

/* Encrypts entity for the keys with these fingerprints (all in home). */
seal_status seal_pgp_encrypt(const char *home, const char *entity, size_t len,
	const char *const *fprs, size_t nfprs, GString *out, seal_err *err);

#endif
