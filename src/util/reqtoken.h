/*
 * reqtoken.h - the sender's one-time link to ask for the release of a held
 * message: a token that names one held message and when it stops being
 * valid, with an HMAC-SHA256 over both under a key derived from the
 * installation's secret (fingerprint_key_file, label
 * SEAL_REQTOKEN_LABEL), so that nothing needs storing to check it and a
 * token for one message says nothing about another.
 *
 * Form: ID "." EXPIRY "." MAC, where ID is the held-message ID (URL-safe
 * letters, digits, '-' and '_'), EXPIRY decimal Unix seconds and MAC 43
 * characters of unpadded base64url. Everything in it is URL-safe, so it
 * goes into a link as it is. "One-time" is the store's part: the request
 * is stored once per held message (store.h).
 */
#ifndef SEAL_REQTOKEN_H
#define SEAL_REQTOKEN_H

#include <stdint.h>

#include "fingerprint.h"

#define SEAL_REQTOKEN_LABEL "sealmilter release request v1"
/* Longest token: 39-character ID, '.', 20 digits, '.', 43 MAC characters. */
#define SEAL_REQTOKEN_MAX 128

typedef enum seal_reqtoken_check {
	SEAL_REQTOKEN_OK = 0,
	SEAL_REQTOKEN_BAD,        /* malformed, tampered, or made with another key */
	SEAL_REQTOKEN_EXPIRED     /* genuine, but past its expiry */
} seal_reqtoken_check;

/* The token for held message id, valid until expires, into out (SEAL_REQTOKEN_MAX). */
void seal_reqtoken_make(const seal_fp_key *k, const char *id, int64_t expires,
	char out[SEAL_REQTOKEN_MAX]);

/*
 * Checks token at now: SEAL_REQTOKEN_OK with id (40 bytes) and *expires
 * set; SEAL_REQTOKEN_EXPIRED with them set too (the page may say which
 * message); SEAL_REQTOKEN_BAD with id "" otherwise. The MAC is compared
 * in constant time.
 */
seal_reqtoken_check seal_reqtoken_verify(const seal_fp_key *k, const char *token, int64_t now,
	char id[40], int64_t *expires);

#endif
