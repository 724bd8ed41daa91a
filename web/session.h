/*
 * session.h - the signed-in officers: a table of sessions keyed by a
 * random ID (the cookie), each with its own CSRF token, the officer's name
 * and role, and two clocks: idle (console_session_idle since the last
 * request) and absolute (console_session_max since sign-in). An expired
 * session is removed when next looked up or swept.
 *
 * Callers get copies, never pointers into the table: request threads run
 * at once. Every function takes the table's own lock.
 */
#ifndef SEAL_WEB_SESSION_H
#define SEAL_WEB_SESSION_H

#include <stdint.h>

#include "officers.h"

#include "csrf.h"

/* Sessions open at once; sign-in beyond this is refused (503), not a memory exhaustion. */
#define WEB_SESSIONS_MAX 10000

typedef struct web_session {
	char id[WEB_TOKEN_LEN + 1];
	char csrf[WEB_TOKEN_LEN + 1];
	char officer[SEAL_OFFICER_NAME_MAX + 1];
	seal_officer_role role;
	int via_proxy;            /* signed in by the reverse proxy's header */
	int64_t created, last;    /* unix seconds */
} web_session;

typedef struct web_sessions web_sessions;

web_sessions *web_sessions_new(unsigned idle, unsigned max);
web_sessions *web_sessions_free(web_sessions *s);

/* A new session for officer (out filled); -1 when full or without randomness. */
int web_session_create(web_sessions *s, const char *officer, seal_officer_role role,
	int via_proxy, int64_t now, web_session *out);

/*
 * The session id names, touched (last = now) and copied to out: 1. An
 * unknown id: 0. An expired one: -1, and it is gone.
 */
int web_session_lookup(web_sessions *s, const char *id, int64_t now, web_session *out);

/* Ends the session (sign-out); 1 when there was one. */
int web_session_drop(web_sessions *s, const char *id);

/* Ends every session of officer (account removed or role changed); how many. */
unsigned web_session_drop_officer(web_sessions *s, const char *officer);

#endif
