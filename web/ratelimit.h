/*
 * ratelimit.h - failed sign-ins counted per key ("addr:ADDRESS" and
 * "user:NAME") over a sliding window: after `attempts` failures within
 * `window` seconds the key is blocked until its oldest failure leaves the
 * window. Guessing passwords is slow from one address and for one account
 * however many addresses the guesser has.
 *
 * Memory is bounded: at most WEB_RATELIMIT_KEYS keys; when full, keys
 * with no failure left in the window are swept, and if that frees nothing
 * the new key is refused as blocked (fail closed). Own lock; thread safe.
 */
#ifndef SEAL_WEB_RATELIMIT_H
#define SEAL_WEB_RATELIMIT_H

#include <stdint.h>

#define WEB_RATELIMIT_KEYS 100000

typedef struct web_ratelimit web_ratelimit;

web_ratelimit *web_ratelimit_new(unsigned attempts, unsigned window);
web_ratelimit *web_ratelimit_free(web_ratelimit *r);

/* 1 when key has had `attempts` failures within the window before now. */
int web_ratelimit_blocked(web_ratelimit *r, const char *key, int64_t now);

/* Counts a failure of key at now. */
void web_ratelimit_fail(web_ratelimit *r, const char *key, int64_t now);

/* Forgets key's failures (the account signed in). */
void web_ratelimit_clear(web_ratelimit *r, const char *key);

#endif
