/*
 * marker.c - the copy marker (marker.h).
 *
 * The MAC input is built in one byte array: "v2 T" NUL, each recipient
 * NUL, each header field "name:value" LF, NUL, then the body's lines with
 * their ends and trailing blanks canonicalised. Fields above the marker
 * are skipped when checking (the MTA prepends Received), and must be
 * Received fields.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "marker.h"

/* A marker from the future by more than this is refused (clock steps). */
#define SEAL_MARKER_SKEW 300
/* Used markers are forgotten this long after t (the longest lifetime allowed). */
#define SEAL_MARKER_FORGET (24 * 3600 + SEAL_MARKER_SKEW)

static unsigned char marker_secret[32];
static gsize marker_ready;
static GMutex used_lock;
static GHashTable *used;   /* h hex -> t (gint64 *): markers accepted already */

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

static size_t
line_end(const char *s, size_t pos, size_t len)
{
	const char *nl = memchr(s + pos, '\n', len - pos);

	return nl != NULL ? (size_t)(nl - s) : len;
}

/* One field (with its continuation lines) msg[start..end) as "name:value\n". */
static void
append_field(GByteArray *in, const char *f, size_t len)
{
	const char *colon = memchr(f, ':', len);
	size_t nlen = colon != NULL ? (size_t)(colon - f) : len, i;
	int space = 0, started = 0;

	for (i = 0; i < nlen; i++)
		if (!g_ascii_isspace(f[i])) {
			guint8 ch = (guint8)g_ascii_tolower(f[i]);

			g_byte_array_append(in, &ch, 1);
		}
	g_byte_array_append(in, (const guint8 *)":", 1);
	for (i = nlen + 1; colon != NULL && i < len; i++) {
		if (g_ascii_isspace(f[i])) {
			space = started;
			continue;
		}
		if (space)
			g_byte_array_append(in, (const guint8 *)" ", 1);
		g_byte_array_append(in, (const guint8 *)&f[i], 1);
		space = 0;
		started = 1;
	}
	g_byte_array_append(in, (const guint8 *)"\n", 1);
}

static int
is_field(const char *f, size_t len, const char *name)
{
	size_t n = strlen(name);

	return len > n && f[n] == ':' && g_ascii_strncasecmp(f, name, n) == 0;
}

/*
 * The header fields of msg (up to body) into in. With skip_to_marker the
 * fields up to and including the first marker are left out, and must be
 * Received fields; 0 when that fails or there is no marker.
 */
static int
append_header(GByteArray *in, const char *msg, size_t body, int skip_to_marker)
{
	size_t pos = 0;
	int skipping = skip_to_marker;

	while (pos < body) {
		size_t end = line_end(msg, pos, body), start = pos;

		if (end == pos || (end == pos + 1 && msg[pos] == '\r'))
			break;                            /* the blank line */
		/* Continuation lines belong to the field. */
		while (end + 1 < body && (msg[end + 1] == ' ' || msg[end + 1] == '\t'))
			end = line_end(msg, end + 1, body);
		pos = end < body ? end + 1 : body;
		if (skipping) {
			if (is_field(msg + start, end - start, SEAL_MARKER_FIELD))
				skipping = 0;
			else if (!is_field(msg + start, end - start, "Received"))
				return 0;
			continue;
		}
		append_field(in, msg + start, end - start);
	}
	return !skipping;
}

/* The body's lines, each without its end and trailing blanks, LF-ended; no trailing empty lines. */
static void
append_body(GByteArray *in, const char *b, size_t len)
{
	size_t pos = 0, blank_lines = 0;

	while (pos < len) {
		size_t end = line_end(b, pos, len), stop = end;

		while (stop > pos && (b[stop - 1] == '\r' || b[stop - 1] == ' ' || b[stop - 1] == '\t'))
			stop--;
		if (stop == pos) {
			blank_lines++;
		} else {
			for (; blank_lines > 0; blank_lines--)
				g_byte_array_append(in, (const guint8 *)"\n", 1);
			g_byte_array_append(in, (const guint8 *)b + pos, (guint)(stop - pos));
			g_byte_array_append(in, (const guint8 *)"\n", 1);
		}
		pos = end + 1;
	}
}

static int
marker_mac(long long t, const char *const *rcpts, size_t n, const char *msg, size_t len,
	int skip_to_marker, char hex[65])
{
	size_t body = seal_marker_body_offset(msg, len), i;
	GPtrArray *sorted;
	GByteArray *in;
	unsigned char md[32];
	unsigned int mdlen = 0;
	char tbuf[32];
	int ok;

	if (!marker_init() || len > G_MAXUINT / 2)
		return 0;
	sorted = g_ptr_array_new_with_free_func(g_free);
	for (i = 0; i < n; i++)
		g_ptr_array_add(sorted, g_ascii_strdown(rcpts[i], -1));
	g_ptr_array_sort(sorted, cmp_str);
	in = g_byte_array_sized_new((guint)len + 256);
	snprintf(tbuf, sizeof(tbuf), "v2 %lld", t);
	g_byte_array_append(in, (const guint8 *)tbuf, (guint)strlen(tbuf) + 1);
	for (i = 0; i < sorted->len; i++) {
		const char *r = g_ptr_array_index(sorted, i);

		g_byte_array_append(in, (const guint8 *)r, (guint)strlen(r) + 1);
	}
	ok = append_header(in, msg, body, skip_to_marker);
	g_byte_array_append(in, (const guint8 *)"", 1);
	append_body(in, msg + body, len - body);
	if (ok)
		HMAC(EVP_sha256(), marker_secret, sizeof(marker_secret), in->data, in->len, md,
		    &mdlen);
	memset(in->data, 0, in->len);
	g_byte_array_free(in, TRUE);
	g_ptr_array_free(sorted, TRUE);
	if (!ok || mdlen != sizeof(md))
		return 0;
	for (i = 0; i < sizeof(md); i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 1;
}

char *
seal_marker_make(const char *const *rcpts, size_t nrcpts, const char *msg, size_t len,
	time_t now)
{
	char hex[65];

	if (!marker_mac((long long)now, rcpts, nrcpts, msg, len, 0, hex))
		return g_strdup_printf("v2; t=%lld; h=none", (long long)now);
	return g_strdup_printf("v2; t=%lld; h=%s", (long long)now, hex);
}

static gboolean
forgotten(gpointer key, gpointer value, gpointer now)
{
	(void)key;
	return *(gint64 *)value < *(gint64 *)now - SEAL_MARKER_FORGET;
}

/* 1 the first time h is seen (and remembered), 0 after. */
static int
first_use(const char *h, long long t, time_t now)
{
	gint64 n = (gint64)now, *tv;
	int fresh;

	g_mutex_lock(&used_lock);
	if (used == NULL)
		used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_hash_table_foreach_remove(used, forgotten, &n);
	fresh = !g_hash_table_contains(used, h);
	if (fresh) {
		tv = g_new(gint64, 1);
		*tv = (gint64)t;
		g_hash_table_insert(used, g_strdup(h), tv);
	}
	g_mutex_unlock(&used_lock);
	return fresh;
}

int
seal_marker_accept(const char *value, const char *const *rcpts, size_t nrcpts,
	const char *msg, size_t len, time_t now, long lifetime)
{
	char have[65], want[65];
	long long t;
	int used_len = 0;

	while (value != NULL && g_ascii_isspace(*value))
		value++;
	if (lifetime <= 0 || value == NULL
	    || sscanf(value, "v2; t=%lld; h=%64[0-9a-f]%n", &t, have, &used_len) != 2
	    || strlen(have) != 64)
		return 0;
	while (g_ascii_isspace(value[used_len]))
		used_len++;
	if (value[used_len] != '\0')
		return 0;
	if (t > (long long)now + SEAL_MARKER_SKEW || (long long)now - t > (long long)lifetime)
		return 0;
	if (!marker_mac(t, rcpts, nrcpts, msg, len, 1, want))
		return 0;
	if (CRYPTO_memcmp(have, want, 64) != 0)
		return 0;
	return first_use(have, t, now);
}

size_t
seal_marker_body_offset(const char *msg, size_t len)
{
	if (len >= 2 && msg[0] == '\r' && msg[1] == '\n')
		return 2;
	if (len >= 1 && msg[0] == '\n')
		return 1;
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
