/*
 * unhold.c - withdrawing held messages of tempfailed transactions (unhold.h).
 */
#include <pthread.h>
#include <string.h>

#include <glib.h>

#include "store.h"

#include "log.h"
#include "unhold.h"

/* At most this many IDs wait; beyond, the oldest is given up (logged). */
#define SEAL_UNHOLD_MAX 1024

static pthread_mutex_t unhold_lock = PTHREAD_MUTEX_INITIALIZER;
static GPtrArray *unhold_pending;     /* of char *held ID */

/* 1 done (withdrawn, or no longer held: nothing to do), 0 try again later. */
static int
withdraw(seal_store *s, const char *id)
{
	seal_err e;
	seal_status st;
	char buf[600];

	seal_err_clear(&e);
	st = seal_store_held_transition(s, id, SEAL_HELD, SEAL_HELD_DELETED, "sealmilter",
	    "the message was tempfailed after it was stored", &e);
	if (st == SEAL_OK) {
		seal_log(NULL, SEAL_LOG_INFO, "held message %s of a tempfailed message withdrawn", id);
		return 1;
	}
	if (!seal_status_is_transient(st)) {
		/* An officer acted on it already, or it is gone: leave it. */
		seal_log(NULL, SEAL_LOG_WARNING, "held message %s not withdrawn: %s", id,
		    seal_err_format(&e, buf, sizeof(buf)));
		return 1;
	}
	seal_log(NULL, SEAL_LOG_WARNING, "held message %s of a tempfailed message not yet "
	    "withdrawn, will try again: %s", id, seal_err_format(&e, buf, sizeof(buf)));
	return 0;
}

void
seal_unhold(seal_store *s, const char *held_id)
{
	if (held_id == NULL || held_id[0] == '\0' || s == NULL || withdraw(s, held_id))
		return;
	pthread_mutex_lock(&unhold_lock);
	if (unhold_pending == NULL)
		unhold_pending = g_ptr_array_new_with_free_func(g_free);
	if (unhold_pending->len >= SEAL_UNHOLD_MAX) {
		seal_log(NULL, SEAL_LOG_ERROR, "held message %s of a tempfailed message given up: "
		    "too many waiting to be withdrawn", (char *)g_ptr_array_index(unhold_pending, 0));
		g_ptr_array_remove_index(unhold_pending, 0);
	}
	g_ptr_array_add(unhold_pending, g_strdup(held_id));
	pthread_mutex_unlock(&unhold_lock);
}

void
seal_unhold_retry(seal_store *s)
{
	GPtrArray *todo;

	if (s == NULL)
		return;
	/* Taken out under the lock, written without it: store calls may block. */
	pthread_mutex_lock(&unhold_lock);
	todo = unhold_pending;
	unhold_pending = NULL;
	pthread_mutex_unlock(&unhold_lock);
	if (todo == NULL)
		return;
	for (guint i = 0; i < todo->len; i++) {
		const char *id = g_ptr_array_index(todo, i);

		if (withdraw(s, id))
			continue;
		/* Still failing: the rest waits for the next message too. */
		pthread_mutex_lock(&unhold_lock);
		if (unhold_pending == NULL)
			unhold_pending = g_ptr_array_new_with_free_func(g_free);
		for (guint j = i; j < todo->len; j++)
			g_ptr_array_add(unhold_pending, g_strdup(g_ptr_array_index(todo, j)));
		pthread_mutex_unlock(&unhold_lock);
		break;
	}
	g_ptr_array_free(todo, TRUE);
}
