/*
 * app.c - officers, per-thread store, audit records (app.h).
 */
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "scan.h"
#include "detect.h"
#include "heldid.h"

#include "app.h"
#include "wlog.h"

static void
store_close(gpointer s)
{
	seal_store_close(s);
}

/* One store per request thread, closed when the thread ends. */
static GPrivate thread_store = G_PRIVATE_INIT(store_close);

web_app *
web_app_new(seal_config *cfg, int tls, seal_err *err)
{
	web_app *app = g_new0(web_app, 1);

	app->cfg = seal_config_ref(cfg);
	app->tls = tls;
	if (gethostname(app->relay, sizeof(app->relay) - 1) != 0)
		g_strlcpy(app->relay, "localhost", sizeof(app->relay));
	app->sessions = web_sessions_new(cfg->console_session_idle, cfg->console_session_max);
	app->logins = web_ratelimit_new(cfg->console_login_attempts, cfg->console_login_window);
	app->requests = web_ratelimit_new(cfg->console_login_attempts, cfg->console_login_window);
	g_mutex_init(&app->officers_lock);
	/* Missing is fine at start (no account yet: nobody signs in); malformed is not. */
	app->officers = seal_officers_load(cfg->officers_file, 1, err);
	if (app->officers == NULL)
		return web_app_free(app);
	return app;
}

web_app *
web_app_free(web_app *app)
{
	if (app == NULL)
		return NULL;
	seal_officers_free(app->officers);
	g_mutex_clear(&app->officers_lock);
	web_ratelimit_free(app->logins);
	web_ratelimit_free(app->requests);
	web_sessions_free(app->sessions);
	seal_config_unref(app->cfg);
	g_free(app);
	return NULL;
}

/* Re-reads the officers file when its inode or mtime changed; lock held. */
static void
officers_refresh(web_app *app)
{
	struct stat st;
	int64_t mtime_ns;
	seal_officers *fresh;
	seal_err err;

	if (stat(app->cfg->officers_file, &st) != 0) {
		/* Removed: nobody may sign in any more. */
		if (seal_officers_count(app->officers) > 0) {
			web_log(LOG_WARNING, "%s: gone; no officer can sign in",
			    app->cfg->officers_file);
			seal_officers_free(app->officers);
			app->officers = seal_officers_new();
		}
		app->officers_ino = 0;
		return;
	}
	mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	if (st.st_ino == app->officers_ino && mtime_ns == app->officers_mtime_ns)
		return;
	seal_err_clear(&err);
	fresh = seal_officers_load(app->cfg->officers_file, 0, &err);
	if (fresh == NULL) {
		char buf[800];

		web_log(LOG_ERR, "%s (keeping the accounts read before)",
		    seal_err_format(&err, buf, sizeof(buf)));
		return;
	}
	seal_officers_free(app->officers);
	app->officers = fresh;
	app->officers_ino = st.st_ino;
	app->officers_mtime_ns = mtime_ns;
}

int
web_app_officer(web_app *app, const char *name, seal_officer_role *role, char **hash)
{
	const seal_officer *e;
	int found;

	g_mutex_lock(&app->officers_lock);
	officers_refresh(app);
	e = seal_officers_find(app->officers, name);
	found = e != NULL;
	if (found && role != NULL)
		*role = e->role;
	if (hash != NULL)
		*hash = found ? g_strdup(e->hash) : NULL;
	g_mutex_unlock(&app->officers_lock);
	return found;
}

void
web_app_officer_lang(web_app *app, const char *name, char lang[4])
{
	const seal_officer *e;

	g_mutex_lock(&app->officers_lock);
	e = seal_officers_find(app->officers, name);
	g_strlcpy(lang, e != NULL ? e->lang : "", 4);
	g_mutex_unlock(&app->officers_lock);
}

static void
copy_free(gpointer p)
{
	seal_officer *e = p;

	g_free(e->name);
	g_free(e->hash);
	g_free(e);
}

GPtrArray *
web_app_officer_list(web_app *app)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(copy_free);

	g_mutex_lock(&app->officers_lock);
	officers_refresh(app);
	for (size_t i = 0; i < seal_officers_count(app->officers); i++) {
		const seal_officer *e = seal_officers_nth(app->officers, i);
		seal_officer *c = g_new0(seal_officer, 1);

		c->name = g_strdup(e->name);
		c->role = e->role;
		c->hash = g_strdup(e->hash[0] == '$' ? "" : "!");
		g_strlcpy(c->lang, e->lang, sizeof(c->lang));
		g_ptr_array_add(out, c);
	}
	g_mutex_unlock(&app->officers_lock);
	return out;
}

seal_store *
web_app_store(web_app *app, seal_err *err)
{
	seal_store *s = g_private_get(&thread_store);

	if (s == NULL) {
		s = seal_store_open_config(app->cfg, err);
		if (s != NULL)
			g_private_set(&thread_store, s);
	}
	return s;
}

void
web_app_store_failed(web_app *app, const seal_err *err)
{
	char buf[800];

	(void)app;
	web_log(LOG_ERR, "store: %s", seal_err_format(err, buf, sizeof(buf)));
	g_private_replace(&thread_store, NULL);
}

int
web_app_held_id_ok(const char *id)
{
	seal_date today;
	char *masked;
	size_t n;
	int same;

	if (id == NULL)
		return 0;
	n = strlen(id);
	if (!seal_held_id_form_ok(id, n))
		return 0;
	seal_date_today(&today);
	masked = seal_mask_text_all(id, n, &today);
	same = strcmp(masked, id) == 0;
	g_free(masked);
	return same;
}

seal_status
web_app_audit(web_app *app, const char *action, const char *officer, const char *addr,
	const char *extra, seal_err *err)
{
	seal_store *s = web_app_store(app, err);
	seal_audit_record *r;
	seal_status st;

	if (s == NULL)
		return err->code;
	r = seal_audit_record_new();
	r->time = (int64_t)time(NULL);
	r->relay = g_strdup(app->relay);
	r->queue_id = g_strdup("");
	r->message_id = g_strdup("");
	r->auth_user = g_strdup(officer != NULL ? officer : "");
	r->sender = g_strdup("");
	r->cls = g_strdup("");
	r->action = g_strdup(action);
	r->kinds = g_strdup("");
	r->rules = g_strdup("");
	/* No address: a sender's request records the held ID and nothing about the sender. */
	if (addr == NULL)
		r->detail = g_strdup_printf("console %s", extra != NULL ? extra : "");
	else
		r->detail = g_strdup_printf("console address=%s%s%s", addr,
		    extra != NULL && extra[0] != '\0' ? " " : "", extra != NULL ? extra : "");
	st = seal_store_audit_append(s, r, err);
	seal_audit_record_free(r);
	if (st != SEAL_OK)
		g_private_replace(&thread_store, NULL);
	return st;
}
