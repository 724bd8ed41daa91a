/*
 * store_pg_consent.c - the consent table of the PostgreSQL backend
 * (store_pg_internal.h, store.h). Every relay on the database reads the
 * same rows.
 */
#include <string.h>

#include "store_pg_internal.h"

static void
row_entry(const PGresult *res, int row, seal_consent_entry *e)
{
	memset(e, 0, sizeof(*e));
	g_strlcpy(e->address, PQgetvalue(res, row, 0), sizeof(e->address));
	g_strlcpy(e->given, PQgetvalue(res, row, 1), sizeof(e->given));
	g_strlcpy(e->withdrawn, PQgetvalue(res, row, 2), sizeof(e->withdrawn));
}

seal_status
seal_pg_consent_get(void *backend, const char *address, seal_consent_entry *out, int *found,
	seal_err *err)
{
	PGresult *res;
	pg_op o;

	*found = 0;
	seal_pg_op_start(&o, backend, "read consent", NULL, err);
	res = seal_pg_op_q(&o, 0, "SELECT address, given, withdrawn FROM consent "
	    "WHERE address = $1", "t", address);
	if (res != NULL && PQntuples(res) > 0) {
		row_entry(res, 0, out);
		*found = 1;
	}
	PQclear(res);
	return seal_pg_op_end(&o);
}

seal_status
seal_pg_consent_list(void *backend, GArray *out, seal_err *err)
{
	seal_consent_entry e;
	PGresult *res;
	pg_op o;

	seal_pg_op_start(&o, backend, "list consent", NULL, err);
	res = seal_pg_op_q(&o, 0, "SELECT address, given, withdrawn FROM consent "
	    "ORDER BY address", "");
	for (int i = 0; res != NULL && i < PQntuples(res); i++) {
		row_entry(res, i, &e);
		g_array_append_val(out, e);
	}
	PQclear(res);
	return seal_pg_op_end(&o);
}

seal_status
seal_pg_consent_put(void *backend, const seal_consent_entry *e, seal_err *err)
{
	pg_op o;

	seal_pg_op_start(&o, backend, "store consent", NULL, err);
	seal_pg_op_do(&o, "INSERT INTO consent (address, given, withdrawn) VALUES ($1, $2, $3) "
	    "ON CONFLICT (address) DO UPDATE SET given = EXCLUDED.given, "
	    "withdrawn = EXCLUDED.withdrawn", "ttt", e->address, e->given, e->withdrawn);
	return seal_pg_op_end(&o);
}
