/*
 * csrf.c - random tokens and their comparison (csrf.h).
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/crypto.h>

#include "csrf.h"

int
web_token_new(char out[WEB_TOKEN_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[WEB_TOKEN_LEN / 2];
	size_t got = 0;

	while (got < sizeof(raw)) {
		ssize_t n = getrandom(raw + got, sizeof(raw) - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof(raw); i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[WEB_TOKEN_LEN] = '\0';
	memset(raw, 0, sizeof(raw));
	return 0;
}

/* 64 lower-case hex digits exactly. */
static int
is_token(const char *s)
{
	return s != NULL && strlen(s) == WEB_TOKEN_LEN
	    && strspn(s, "0123456789abcdef") == WEB_TOKEN_LEN;
}

int
web_token_equal(const char *a, const char *b)
{
	return is_token(a) && is_token(b) && CRYPTO_memcmp(a, b, WEB_TOKEN_LEN) == 0;
}
