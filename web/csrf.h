/*
 * csrf.h - random tokens (session IDs, CSRF tokens) and their comparison.
 *
 * Every token is 32 bytes from the kernel (getrandom), written as 64 hex
 * digits. A form carries its session's CSRF token in a hidden field
 * "csrf"; the sign-in form, which has no session yet, carries the token of
 * a short-lived cookie instead (double submit). Tokens are compared in
 * constant time. Thread safe.
 */
#ifndef SEAL_WEB_CSRF_H
#define SEAL_WEB_CSRF_H

#define WEB_TOKEN_LEN 64

/* 64 hex digits and a NUL into out; -1 when the kernel gives no randomness. */
int web_token_new(char out[WEB_TOKEN_LEN + 1]);

/* 1 when a and b are both tokens (64 hex digits) and equal; time independent of content. */
int web_token_equal(const char *a, const char *b);

#endif
