/*
 * store_sqlite_consent.c - the consent table of the SQLite backend
 * (store_sqlite_internal.h, store.h).
 */
#include <string.h>

#include "store_sqlite_internal.h"

static void
row_entry(sqlite3_stmt *st, seal_consent_entry *e)
{
	const unsigned char *t;

	memset(e, 0, sizeof(*e));
	if ((t = sqlite3_column_text(st, 0)) != NULL)
		g_strlcpy(e->address, (const char *)t, sizeof(e->address));
	if ((t = sqlite3_column_text(st, 1)) != NULL)
		g_strlcpy(e->given, (const char *)t, sizeof(e->given));
	if ((t = sqlite3_column_text(st, 2)) != NULL)
		g_strlcpy(e->withdrawn, (const char *)t, sizeof(e->withdrawn));
}

seal_status
seal_sq_consent_get(void *backend, const char *address, seal_consent_entry *out, int *found,
	seal_err *err)
{
	sq *b = backend;
	sqlite3_stmt *st = seal_sq_query(b, err, "SELECT address, given, withdrawn FROM consent"
	    " WHERE address = ?", "s", address);
	seal_status rc = SEAL_OK;
	int step;

	*found = 0;
	if (st == NULL)
		return SEAL_ERR_IO;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		row_entry(st, out);
		*found = 1;
	} else if (step != SQLITE_DONE)
		rc = seal_sq_fail(b, "read consent", err);
	sqlite3_finalize(st);
	return rc;
}

seal_status
seal_sq_consent_list(void *backend, GArray *out, seal_err *err)
{
	sq *b = backend;
	sqlite3_stmt *st = seal_sq_query(b, err, "SELECT address, given, withdrawn FROM consent"
	    " ORDER BY address", "");
	seal_consent_entry e;
	seal_status rc = SEAL_OK;
	int step;

	if (st == NULL)
		return SEAL_ERR_IO;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		row_entry(st, &e);
		g_array_append_val(out, e);
	}
	if (step != SQLITE_DONE)
		rc = seal_sq_fail(b, "list consent", err);
	sqlite3_finalize(st);
	return rc;
}

seal_status
seal_sq_consent_put(void *backend, const seal_consent_entry *e, seal_err *err)
{
	return seal_sq_exec(backend, err, NULL, "store consent",
	    "INSERT INTO consent (address, given, withdrawn) VALUES (?, ?, ?)"
	    " ON CONFLICT (address) DO UPDATE SET given = excluded.given,"
	    " withdrawn = excluded.withdrawn", "sss", e->address, e->given, e->withdrawn);
}
