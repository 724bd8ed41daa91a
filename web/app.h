/*
 * app.h - the application state behind every request (web_app, web.h):
 * the officers file, re-read when it changes (sealctl officer needs no
 * restart); the store of the calling thread, opened as sealctl opens it
 * (seal_store_open_config) on first use and reopened after an error; and
 * the console's audit records.
 */
#ifndef SEAL_WEB_APP_H
#define SEAL_WEB_APP_H

#include "web.h"

/* The application for cfg (a reference is taken); NULL with err set. */
web_app *web_app_new(seal_config *cfg, int tls, seal_err *err);
web_app *web_app_free(web_app *app);

/*
 * Looks name up in the officers file (re-read first when it changed): 1
 * and *role (and *hash, a copy the caller wipes and frees, when hash is
 * not NULL) for an account, 0 for none. A file that became unreadable or
 * malformed keeps the last good list (and is logged).
 */
int web_app_officer(web_app *app, const char *name, seal_officer_role *role, char **hash);

/* name's chosen language ("da", "sv", "en") into lang (4 bytes), or "" for none or no account. */
void web_app_officer_lang(web_app *app, const char *name, char lang[4]);

/*
 * A copy of the accounts for display: seal_officer entries whose hash is
 * "" (active) or "!" (locked), never the hash. Free with g_ptr_array_unref.
 */
GPtrArray *web_app_officer_list(web_app *app);

/* The calling thread's store; NULL with err set when it cannot be opened. */
seal_store *web_app_store(web_app *app, seal_err *err);

/*
 * After a store call failed: logs err (no personal data in store errors)
 * and closes the thread's store, to be reopened by the next request.
 */
void web_app_store_failed(web_app *app, const seal_err *err);

/* 1 when id has the form of a held-message ID (and is not an identity number typed by mistake). */
int web_app_held_id_ok(const char *id);

/*
 * Appends a console audit record: action (sign-in, sign-in-failed,
 * sign-out, ...), the officer (auth_user; "" when unknown), and detail
 * "console address=ADDR ..." with extra appended ("console EXTRA" when
 * addr is NULL: a sender's release request). No personal data in extra.
 * SEAL_OK or the store's error (the thread's store is then closed, to be
 * reopened by the next request).
 */
seal_status web_app_audit(web_app *app, const char *action, const char *officer,
	const char *addr, const char *extra, seal_err *err);

#endif
