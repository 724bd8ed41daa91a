/*
 * session.c - the table of signed-in officers (session.h).
 */
#include <string.h>

#include <glib.h>

#include "session.h"

struct web_sessions {
	GMutex lock;
	GHashTable *by_id;        /* id -> web_session * (owned) */
	unsigned idle, max;
};

static void
session_free(gpointer p)
{
	memset(p, 0, sizeof(web_session));
	g_free(p);
}

web_sessions *
web_sessions_new(unsigned idle, unsigned max)
{
	web_sessions *s = g_new0(web_sessions, 1);

	g_mutex_init(&s->lock);
	s->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, session_free);
	s->idle = idle;
	s->max = max;
	return s;
}

web_sessions *
web_sessions_free(web_sessions *s)
{
	if (s != NULL) {
		g_hash_table_destroy(s->by_id);
		g_mutex_clear(&s->lock);
		g_free(s);
	}
	return NULL;
}

static int
expired(const web_sessions *s, const web_session *e, int64_t now)
{
	return now - e->last > (int64_t)s->idle || now - e->created > (int64_t)s->max;
}

static gboolean
sweep_one(gpointer key, gpointer value, gpointer data)
{
	const web_sessions *s = ((void **)data)[0];
	int64_t now = *(const int64_t *)((void **)data)[1];

	(void)key;
	return expired(s, value, now);
}

int
web_session_create(web_sessions *s, const char *officer, seal_officer_role role,
	int via_proxy, int64_t now, web_session *out)
{
	web_session *e = g_new0(web_session, 1);
	void *sweep[2] = { s, &now };
	int rc = 0;

	if (web_token_new(e->id) != 0 || web_token_new(e->csrf) != 0) {
		session_free(e);
		return -1;
	}
	g_strlcpy(e->officer, officer, sizeof(e->officer));
	e->role = role;
	e->via_proxy = via_proxy;
	e->created = e->last = now;
	g_mutex_lock(&s->lock);
	if (g_hash_table_size(s->by_id) >= WEB_SESSIONS_MAX)
		g_hash_table_foreach_remove(s->by_id, sweep_one, sweep);
	if (g_hash_table_size(s->by_id) >= WEB_SESSIONS_MAX) {
		session_free(e);
		rc = -1;
	} else {
		*out = *e;
		g_hash_table_insert(s->by_id, e->id, e);
	}
	g_mutex_unlock(&s->lock);
	return rc;
}

int
web_session_lookup(web_sessions *s, const char *id, int64_t now, web_session *out)
{
	web_session *e;
	int rc = 0;

	if (id == NULL)
		return 0;
	g_mutex_lock(&s->lock);
	e = g_hash_table_lookup(s->by_id, id);
	if (e != NULL && expired(s, e, now)) {
		g_hash_table_remove(s->by_id, id);
		rc = -1;
	} else if (e != NULL) {
		e->last = now;
		*out = *e;
		rc = 1;
	}
	g_mutex_unlock(&s->lock);
	return rc;
}

int
web_session_drop(web_sessions *s, const char *id)
{
	int rc;

	g_mutex_lock(&s->lock);
	rc = id != NULL && g_hash_table_remove(s->by_id, id);
	g_mutex_unlock(&s->lock);
	return rc;
}

static gboolean
is_officer(gpointer key, gpointer value, gpointer officer)
{
	(void)key;
	return strcmp(((web_session *)value)->officer, officer) == 0;
}

unsigned
web_session_drop_officer(web_sessions *s, const char *officer)
{
	unsigned n;

	g_mutex_lock(&s->lock);
	n = g_hash_table_foreach_remove(s->by_id, is_officer, (gpointer)officer);
	g_mutex_unlock(&s->lock);
	return n;
}
