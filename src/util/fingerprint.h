/*
 * fingerprint.h - keyed HMAC-SHA256 of an identity number's canonical
 * digits, so logs and the audit store can find a person without holding the
 * number. The key comes from fingerprint_key_file (mode 0600).
 */
#ifndef SEAL_FINGERPRINT_H
#define SEAL_FINGERPRINT_H

#include <stddef.h>

#include "err.h"

typedef struct seal_fp_key seal_fp_key;

/* Loads the key file (must not be readable by group/others, at least 16 bytes). */
seal_fp_key *seal_fp_key_load(const char *path, seal_err *err);
/* Wipes and frees (NULL allowed); returns NULL. */
seal_fp_key *seal_fp_key_free(seal_fp_key *k);

/* hex: 65 bytes; writes 64 hex digits and a NUL. */
void seal_fingerprint(const seal_fp_key *k, const char *canonical, char hex[65]);

/*
 * A separate 32-byte key for another purpose, HMAC-SHA256(key, label), so
 * one secret file serves several uses without any one of them revealing
 * the fingerprint key (the audit chain uses "sealmilter audit chain v1").
 * The caller wipes out after use.
 */
void seal_fp_key_derive(const seal_fp_key *k, const char *label, unsigned char out[32]);

#endif
