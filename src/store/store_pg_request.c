/*
 * store_pg_request.c - the release_request table of the PostgreSQL
 * backend (store_pg_internal.h, store.h).
 */
#include <stdlib.h>
#include <string.h>

#include "store_pg_internal.h"

seal_status
seal_pg_request_put(void *backend, const char *held_id, int64_t time, const char *text,
	int *added, seal_err *err)
{
	seal_status st;
	int64_t n;
	pg_op o;

	seal_pg_op_start(&o, backend, "store the release request", NULL, err);
	/* The primary key makes the first request the only one, under any race. */
	n = seal_pg_op_do(&o, "INSERT INTO release_request (held_id, time, text) "
	    "VALUES ($1, $2, $3) ON CONFLICT (held_id) DO NOTHING", "tit", held_id, time, text);
	st = seal_pg_op_end(&o);
	*added = st == SEAL_OK && n == 1;
	return st;
}

seal_status
seal_pg_request_get(void *backend, const char *held_id, int64_t *time, char **text,
	seal_err *err)
{
	PGresult *res;
	pg_op o;

	seal_pg_op_start(&o, backend, "read the release request", NULL, err);
	res = seal_pg_op_q(&o, 0, "SELECT time, text FROM release_request WHERE held_id = $1",
	    "t", held_id);
	if (res != NULL && PQntuples(res) > 0) {
		*time = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		*text = g_strdup(PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return seal_pg_op_end(&o);
}
