/*
 * store_consent.c - consent in the store (store.h): the checks both
 * backends share, over the backend's get/list/put.
 *
 * Add and withdraw read the row and write it back in two steps. They are
 * administrator commands (sealctl), one at a time; two officers changing
 * the same address at once both succeed and the later write wins, which
 * is what each of them asked for.
 */
#include <string.h>

#include <glib.h>

#include "store_internal.h"

/* The error returns name their status themselves (not seal_err_set's value),
 * so the static analysers see that *ops is set whenever SEAL_OK comes back. */
static seal_status
backend_of(seal_store *s, const char *address, const seal_store_ops **ops, void **backend,
	seal_err *err)
{
	if (s == NULL) {
		seal_err_set(err, SEAL_ERR_USAGE, "store: no store");
		return SEAL_ERR_USAGE;
	}
	if (address != NULL && !seal_consent_address_valid(address)) {
		seal_err_set(err, SEAL_ERR_USAGE, "consent: \"%.80s\" is not an address", address);
		return SEAL_ERR_USAGE;
	}
	*ops = seal_store_backend(s, backend);
	if ((*ops)->consent_get == NULL || (*ops)->consent_put == NULL
	    || (*ops)->consent_list == NULL) {
		seal_err_set(err, SEAL_ERR_USAGE, "%s store: no consent table", (*ops)->name);
		return SEAL_ERR_USAGE;
	}
	return SEAL_OK;
}

seal_status
seal_store_consent_get(seal_store *s, const char *address, seal_consent_entry *out,
	int *found, seal_err *err)
{
	const seal_store_ops *ops = NULL;     /* set by backend_of when it succeeds */
	void *b = NULL;
	char *low;
	seal_status st;

	*found = 0;
	memset(out, 0, sizeof(*out));
	if ((st = backend_of(s, address, &ops, &b, err)) != SEAL_OK)
		return st;
	low = g_utf8_strdown(address, -1);
	st = ops->consent_get(b, low, out, found, err);
	g_free(low);
	return st;
}

seal_status
seal_store_consent_list(seal_store *s, GArray *out, seal_err *err)
{
	const seal_store_ops *ops = NULL;     /* set by backend_of when it succeeds */
	void *b = NULL;
	seal_status st;

	if ((st = backend_of(s, NULL, &ops, &b, err)) != SEAL_OK)
		return st;
	return ops->consent_list(b, out, err);
}

seal_status
seal_store_consent_add(seal_store *s, const char *address, const char *date, seal_err *err)
{
	const seal_store_ops *ops = NULL;     /* set by backend_of when it succeeds */
	seal_consent_entry e;
	void *b = NULL;
	int found;
	seal_status st;

	if (!seal_consent_date_valid(date))
		return seal_err_set(err, SEAL_ERR_USAGE, "consent: \"%.20s\" is not a date "
		    "(YYYY-MM-DD)", date != NULL ? date : "");
	if ((st = seal_store_consent_get(s, address, &e, &found, err)) != SEAL_OK)
		return st;
	if (found && e.withdrawn[0] == '\0')
		return seal_err_set(err, SEAL_ERR_USAGE, "consent: %s has consent since %s",
		    e.address, e.given);
	if (!found) {
		char *low = g_utf8_strdown(address, -1);

		g_strlcpy(e.address, low, sizeof(e.address));
		g_free(low);
	}
	g_strlcpy(e.given, date, sizeof(e.given));
	e.withdrawn[0] = '\0';
	ops = seal_store_backend(s, &b);
	return ops->consent_put(b, &e, err);
}

seal_status
seal_store_consent_withdraw(seal_store *s, const char *address, const char *date,
	seal_err *err)
{
	const seal_store_ops *ops = NULL;     /* set by backend_of when it succeeds */
	seal_consent_entry e;
	void *b = NULL;
	int found;
	seal_status st;

	if (!seal_consent_date_valid(date))
		return seal_err_set(err, SEAL_ERR_USAGE, "consent: \"%.20s\" is not a date "
		    "(YYYY-MM-DD)", date != NULL ? date : "");
	if ((st = seal_store_consent_get(s, address, &e, &found, err)) != SEAL_OK)
		return st;
	if (!found || e.withdrawn[0] != '\0')
		return seal_err_set(err, SEAL_ERR_USAGE, "consent: %.80s has no consent in force",
		    address);
	if (strcmp(date, e.given) < 0)
		return seal_err_set(err, SEAL_ERR_USAGE, "consent: withdrawn %s before given %s",
		    date, e.given);
	g_strlcpy(e.withdrawn, date, sizeof(e.withdrawn));
	ops = seal_store_backend(s, &b);
	return ops->consent_put(b, &e, err);
}
