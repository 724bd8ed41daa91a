/*
 * heldcrypt.h - held message content encrypted at rest (issue 15 item 9).
 *
 * A held message is stored (quarantine file, PostgreSQL bytea) as
 *   "\0SMH1" || nonce (12) || AES-256-GCM ciphertext || tag (16)
 * under a 32-byte key from held_key_file, with the held-message ID as
 * additional data (a blob moved to another ID does not open). Deleting the
 * row or file leaves only ciphertext in free blocks, WAL and backups;
 * deleting the key file makes every copy of every held message unreadable.
 * Content stored before encryption (no "\0SMH1" prefix: a message never
 * starts with NUL) is read as it is.
 *
 * Errors go to err (SEAL_ERR_IO for key files, SEAL_ERR_INTERNAL for
 * crypto failures, SEAL_ERR_USAGE for content that does not authenticate).
 * Thread safe; callers own what they pass and get.
 */
#ifndef SEAL_HELDCRYPT_H
#define SEAL_HELDCRYPT_H

#include <stddef.h>

#include <glib.h>

#include "err.h"

#define SEAL_HELDCRYPT_KEYLEN 32

/*
 * Reads the key (exactly 32 bytes, no group or other permission). When
 * the file does not exist and create is set, 32 random bytes are written
 * to it (mode 0600, owned like the file owner_like when that exists and
 * we are root) and used.
 */
seal_status seal_heldcrypt_key_load(const char *path, int create, const char *owner_like,
	unsigned char key[SEAL_HELDCRYPT_KEYLEN], seal_err *err);

/* out gets the stored form of msg[0..len) for held message id. */
seal_status seal_heldcrypt_seal(const unsigned char key[SEAL_HELDCRYPT_KEYLEN], const char *id,
	const char *msg, size_t len, GString *out, seal_err *err);

/*
 * Appends the message stored as blob[0..len) for id to out; plaintext
 * from before encryption is appended as it is. Nothing appended on error.
 */
seal_status seal_heldcrypt_open(const unsigned char key[SEAL_HELDCRYPT_KEYLEN], const char *id,
	const char *blob, size_t len, GString *out, seal_err *err);

/* The default key path: held.key beside fingerprint_key_file (caller g_free()s). */
char *seal_heldcrypt_default_path(const char *fingerprint_key_file);

#endif
