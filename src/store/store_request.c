/*
 * store_request.c - the sender's release requests (store.h), over the
 * backend's request_put/request_get. The held message must exist: a
 * request for a purged or unknown ID is refused here, before the backend
 * (whose foreign key would refuse it too, less clearly).
 */
#include <string.h>

#include <glib.h>

#include "store_internal.h"

static seal_status
backend_of(seal_store *s, const char *id, const seal_store_ops **ops, void **backend,
	seal_err *err)
{
	size_t n = id != NULL ? strlen(id) : 0;

	if (s == NULL) {
		seal_err_set(err, SEAL_ERR_USAGE, "store: no store");
		return SEAL_ERR_USAGE;
	}
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_isalnum(id[i]) && id[i] != '-' && id[i] != '_')
			n = 0;
	if (n == 0 || n >= 40) {
		seal_err_set(err, SEAL_ERR_USAGE, "release request: not a held-message ID");
		return SEAL_ERR_USAGE;
	}
	*ops = seal_store_backend(s, backend);
	if ((*ops)->request_put == NULL || (*ops)->request_get == NULL) {
		seal_err_set(err, SEAL_ERR_USAGE, "%s store: no release requests", (*ops)->name);
		return SEAL_ERR_USAGE;
	}
	return SEAL_OK;
}

seal_status
seal_store_release_request_add(seal_store *s, const char *id, int64_t time, const char *text,
	int *added, seal_err *err)
{
	const seal_store_ops *ops = NULL;     /* set by backend_of when it succeeds */
	seal_held *h = NULL;
	void *b = NULL;
	seal_status st;

	*added = 0;
	if ((st = backend_of(s, id, &ops, &b, err)) != SEAL_OK)
		return st;
	if (text == NULL || !g_utf8_validate(text, -1, NULL))
		return seal_err_set(err, SEAL_ERR_USAGE, "release request: the text is not UTF-8");
	if ((st = ops->held_get(b, id, &h, NULL, err)) != SEAL_OK)
		return st;
	seal_held_free(h);
	return ops->request_put(b, id, time, text, added, err);
}

seal_status
seal_store_release_request_get(seal_store *s, const char *id, int64_t *time, char **text,
	seal_err *err)
{
	const seal_store_ops *ops = NULL;     /* set by backend_of when it succeeds */
	void *b = NULL;
	seal_status st;

	*text = NULL;
	*time = 0;
	if ((st = backend_of(s, id, &ops, &b, err)) != SEAL_OK)
		return st;
	return ops->request_get(b, id, time, text, err);
}
