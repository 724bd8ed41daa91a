/*
 * marker.c - the copy marker (marker.h).
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "marker.h"

/* A copy that comes back later than this is scanned again. */
#define SEAL_MARKER_MAX_AGE (24 * 3600)

static unsigned char marker_secret[32];
static gsize marker_ready;

static int
marker_init(void)
{
	if (g_once_init_enter(&marker_ready)) {
		/* Without randomness no marker is made: copies are then just scanned again. */
		gsize ok = RAND_bytes(marker_secret, sizeof(marker_secret)) == 1 ? 1 : 2;

		g_once_init_leave(&marker_ready, ok);
	}
	return marker_ready == 1;
}

static int
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
marker_mac(long long t, const char *const *rcpts, size_t n, const char *body,
	size_t len, char hex[65])
{
	GPtrArray *sorted;
	GByteArray *in;
	unsigned char md[32];
	unsigned int mdlen = 0;
	char tbuf[32];
	size_t i;

	if (!marker_init())
		return 0;
	sorted = g_ptr_array_new_with_free_func(g_free);
	for (i = 0; i < n; i++)
		g_ptr_array_add(sorted, g_ascii_strdown(rcpts[i], -1));
	g_ptr_array_sort(sorted, cmp_str);
	in = g_byte_array_sized_new((guint)MIN(len + 256, (size_t)G_MAXUINT));
	snprintf(tbuf, sizeof(tbuf), "v1 %lld", t);
	g_byte_array_append(in, (const guint8 *)tbuf, (guint)strlen(tbuf) + 1);
	for (i = 0; i < sorted->len; i++) {
		const char *r = g_ptr_array_index(sorted, i);

		g_byte_array_append(in, (const guint8 *)r, (guint)strlen(r) + 1);
	}
	{
		/* Grow once, then copy the non-space bytes in place. */
		guint base = in->len, o = 0;

		g_byte_array_set_size(in, base + (guint)MIN(len, (size_t)G_MAXUINT - base));
		for (i = 0; i < len && base + o < in->len; i++)
			if (!g_ascii_isspace(body[i]))
				in->data[base + o++] = (guint8)body[i];
		g_byte_array_set_size(in, base + o);
	}
	HMAC(EVP_sha256(), marker_secret, sizeof(marker_secret), in->data, in->len, md, &mdlen);
	g_byte_array_free(in, TRUE);
	g_ptr_array_free(sorted, TRUE);
	if (mdlen != sizeof(md))
		return 0;
	for (i = 0; i < sizeof(md); i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 1;
}

char *
seal_marker_make(const char *const *rcpts, size_t nrcpts, const char *body, size_t len,
	time_t now)
{
	char hex[65];

	if (!marker_mac((long long)now, rcpts, nrcpts, body, len, hex))
		return g_strdup_printf("v1; t=%lld; h=none", (long long)now);
	return g_strdup_printf("v1; t=%lld; h=%s", (long long)now, hex);
}

int
seal_marker_valid(const char *value, const char *const *rcpts, size_t nrcpts,
	const char *body, size_t len, time_t now)
{
	char have[65], want[65];
	long long t;
	int used = 0;

	while (value != NULL && g_ascii_isspace(*value))
		value++;
	if (value == NULL || sscanf(value, "v1; t=%lld; h=%64[0-9a-f]%n", &t, have, &used) != 2
	    || strlen(have) != 64 || value[used] != '\0')
		return 0;
	if (t > (long long)now + 300 || (long long)now - t > SEAL_MARKER_MAX_AGE)
		return 0;
	if (!marker_mac(t, rcpts, nrcpts, body, len, want))
		return 0;
	return CRYPTO_memcmp(have, want, 64) == 0;
}

size_t
seal_marker_body_offset(const char *msg, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (msg[i] != '\n')
			continue;
		if (msg[i + 1] == '\n')
			return i + 2;
		if (msg[i + 1] == '\r' && i + 2 < len && msg[i + 2] == '\n')
			return i + 3;
	}
	return len;
}
