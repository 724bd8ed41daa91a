/*
 * ratelimit.c - failed sign-ins per key over a sliding window (ratelimit.h).
 */
#include <glib.h>

#include "ratelimit.h"

struct web_ratelimit {
	GMutex lock;
	GHashTable *keys;         /* char * -> GArray of int64_t failure times, oldest first */
	unsigned attempts, window;
	int full;                 /* the table was full and a sweep freed nothing */
};

static void
times_free(gpointer p)
{
	g_array_free(p, TRUE);
}

web_ratelimit *
web_ratelimit_new(unsigned attempts, unsigned window)
{
	web_ratelimit *r = g_new0(web_ratelimit, 1);

	g_mutex_init(&r->lock);
	r->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, times_free);
	r->attempts = attempts;
	r->window = window;
	return r;
}

web_ratelimit *
web_ratelimit_free(web_ratelimit *r)
{
	if (r != NULL) {
		g_hash_table_destroy(r->keys);
		g_mutex_clear(&r->lock);
		g_free(r);
	}
	return NULL;
}

/* Drops failures older than the window; 1 when none is left. */
static int
age(const web_ratelimit *r, GArray *t, int64_t now)
{
	guint n = 0;

	while (n < t->len && now - g_array_index(t, int64_t, n) >= (int64_t)r->window)
		n++;
	if (n > 0)
		g_array_remove_range(t, 0, n);
	return t->len == 0;
}

static gboolean
sweep_one(gpointer key, gpointer value, gpointer data)
{
	void **d = data;

	(void)key;
	return age(d[0], value, *(int64_t *)d[1]);
}

int
web_ratelimit_blocked(web_ratelimit *r, const char *key, int64_t now)
{
	GArray *t;
	int blocked;

	g_mutex_lock(&r->lock);
	t = g_hash_table_lookup(r->keys, key);
	if (t != NULL && age(r, t, now))
		g_hash_table_remove(r->keys, key), t = NULL;
	if (t == NULL && r->full) {
		void *d[2] = { r, &now };

		g_hash_table_foreach_remove(r->keys, sweep_one, d);
		r->full = g_hash_table_size(r->keys) >= WEB_RATELIMIT_KEYS;
	}
	blocked = (t != NULL && t->len >= r->attempts) || (t == NULL && r->full);
	g_mutex_unlock(&r->lock);
	return blocked;
}

void
web_ratelimit_fail(web_ratelimit *r, const char *key, int64_t now)
{
	GArray *t;

	g_mutex_lock(&r->lock);
	t = g_hash_table_lookup(r->keys, key);
	if (t == NULL && g_hash_table_size(r->keys) >= WEB_RATELIMIT_KEYS) {
		void *d[2] = { r, &now };

		g_hash_table_foreach_remove(r->keys, sweep_one, d);
		r->full = g_hash_table_size(r->keys) >= WEB_RATELIMIT_KEYS;
	}
	if (t == NULL && !r->full) {
		t = g_array_new(FALSE, FALSE, sizeof(int64_t));
		g_hash_table_insert(r->keys, g_strdup(key), t);
	}
	/* Only the last `attempts` failures matter: the array stays small. */
	if (t != NULL) {
		g_array_append_val(t, now);
		if (t->len > r->attempts)
			g_array_remove_index(t, 0);
	}
	g_mutex_unlock(&r->lock);
}

void
web_ratelimit_clear(web_ratelimit *r, const char *key)
{
	g_mutex_lock(&r->lock);
	g_hash_table_remove(r->keys, key);
	g_mutex_unlock(&r->lock);
}
