/*
 * store_sqlite_request.c - the release_request table of the SQLite
 * backend (store_sqlite_internal.h, store.h).
 */
#include <string.h>

#include "store_sqlite_internal.h"

seal_status
seal_sq_request_put(void *backend, const char *held_id, int64_t time, const char *text,
	int *added, seal_err *err)
{
	int64_t changes = 0;
	seal_status rc;

	/* The primary key makes the first request the only one, under any race. */
	rc = seal_sq_exec(backend, err, &changes, "store the release request",
	    "INSERT INTO release_request (held_id, time, text) VALUES (?, ?, ?)"
	    " ON CONFLICT (held_id) DO NOTHING", "sis", held_id, time, text);
	*added = rc == SEAL_OK && changes == 1;
	return rc;
}

seal_status
seal_sq_request_get(void *backend, const char *held_id, int64_t *time, char **text,
	seal_err *err)
{
	sq *b = backend;
	sqlite3_stmt *st = seal_sq_query(b, err, "SELECT time, text FROM release_request"
	    " WHERE held_id = ?", "s", held_id);
	seal_status rc = SEAL_OK;
	int step;

	if (st == NULL)
		return SEAL_ERR_IO;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*time = sqlite3_column_int64(st, 0);
		*text = col_str(st, 1);
	} else if (step != SQLITE_DONE) {
		rc = seal_sq_fail(b, "read the release request", err);
	}
	sqlite3_finalize(st);
	return rc;
}
