/*
 * store_sqlite_held.c - held messages in the SQLite backend
 * (store_sqlite_internal.h): each message a file in quarantine_dir named
 * by its ID, its metadata a row of the held index in the database.
 *
 * A hold writes the file first (temporary name, fsync, rename, fsync of
 * the directory) and then the row, so a row only ever names content that
 * is on disk; a failed hold removes the file again. Transitions are one
 * conditional UPDATE each; dropping the content removes the file and keeps
 * the row. The purge removes rows inside the purge's transaction
 * (store_sqlite.c) and the files only after it committed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <sqlite3.h>

#include "store_sqlite_internal.h"

/* A held message is written under this prefix and renamed when complete. */
#define SQ_TMP_PREFIX ".tmp-"

#define HELD_COLS "h.id, h.time, h.relay, h.queue_id, h.message_id, h.auth_user, h.sender," \
	" h.reason, h.findings, h.subject, h.state, h.officer, h.officer_reason, h.size"

/* ---------------------------------------------------------------- quarantine files */

/*
 * Opens quarantine_dir. For writing (strict) it is created 0700 when
 * missing and must be a directory of ours that group and others cannot
 * enter: held messages are the most sensitive thing we keep.
 */
static seal_status
qdir_open(sq *b, int strict, int *dfd, seal_err *err)
{
	struct stat st;

	*dfd = -1;
	if (b->qdir == NULL)
		return seal_err_set(err, SEAL_ERR_CONFIG, "sqlite store: no quarantine_dir given");
	if (strict && mkdir(b->qdir, S_IRWXU) != 0 && errno != EEXIST)
		return seal_err_set(err, SEAL_ERR_IO, "sqlite store: cannot create %s: %s",
		    b->qdir, g_strerror(errno));
	if ((*dfd = open(b->qdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return seal_err_set(err, SEAL_ERR_IO, "sqlite store: cannot open %s: %s",
		    b->qdir, g_strerror(errno));
	if (strict && (fstat(*dfd, &st) != 0 || st.st_uid != geteuid()
	    || (st.st_mode & 077) != 0)) {
		(void)close(*dfd);
		*dfd = -1;
		return seal_err_set(err, SEAL_ERR_IO, "sqlite store: %s must be a directory owned "
		    "by uid %u with no access for group and others (chmod 700)", b->qdir,
		    (unsigned)geteuid());
	}
	return SEAL_OK;
}

static seal_status
sync_dir(sq *b, int dfd, seal_err *err)
{
	if (fsync(dfd) != 0)
		return seal_err_set(err, SEAL_ERR_IO, "sqlite store: cannot sync %s: %s", b->qdir,
		    g_strerror(errno));
	return SEAL_OK;
}

/* Writes a temporary file, syncs it, renames it to the ID, syncs the directory. */
static seal_status
write_held(sq *b, int dfd, const char *id, const char *msg, size_t len, seal_err *err)
{
	char *tmp = g_strconcat(SQ_TMP_PREFIX, id, NULL);
	size_t done = 0;
	int fd, e = 0;

	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    S_IRUSR | S_IWUSR);
	if (fd < 0 || fchmod(fd, S_IRUSR | S_IWUSR) != 0)
		e = errno;
	while (e == 0 && done < len) {
		ssize_t n = write(fd, msg + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			e = n < 0 ? errno : EIO;
		else
			done += (size_t)n;
	}
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (fd >= 0 && close(fd) != 0 && e == 0)
		e = errno;
	/* The ID is random (192 bits): the rename cannot replace another message. */
	if (e == 0 && renameat(dfd, tmp, dfd, id) != 0)
		e = errno;
	if (e != 0 && fd >= 0)
		(void)unlinkat(dfd, tmp, 0);
	g_free(tmp);
	if (e != 0)
		return seal_err_set(err, SEAL_ERR_IO, "sqlite store: cannot write a held message "
		    "in %s: %s", b->qdir, g_strerror(e));
	return sync_dir(b, dfd, err);
}

static seal_status
read_held(sq *b, const char *id, GString *msg, seal_err *err)
{
	gsize start = msg->len;
	char buf[65536];
	int dfd, fd, e = 0;
	ssize_t n;

	if (qdir_open(b, 0, &dfd, err) != SEAL_OK)
		return SEAL_ERR_IO;
	if ((fd = openat(dfd, id, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		e = errno;
	(void)close(dfd);
	if (e == ENOENT)
		return seal_err_set(err, SEAL_ERR_USAGE, "sqlite store: the content of held "
		    "message %s is no longer stored", id);
	while (e == 0 && (n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno != EINTR)
			e = errno;
		else if (n > 0)
			g_string_append_len(msg, buf, n);
	}
	if (fd >= 0)
		(void)close(fd);
	memset(buf, 0, sizeof(buf));          /* message text: do not leave it on the stack */
	if (e != 0) {
		g_string_truncate(msg, start);
		return seal_err_set(err, SEAL_ERR_IO, "sqlite store: cannot read held message %s: "
		    "%s", id, g_strerror(e));
	}
	return SEAL_OK;
}

/* ---------------------------------------------------------------- quarantine index */

static seal_status
insert_held(sq *b, const seal_held *h, seal_err *err)
{
	seal_status rc;

	rc = seal_sq_exec(b, err, NULL, "insert a held message", "INSERT INTO held (id, time,"
	    " relay, queue_id, message_id, auth_user, sender, reason, findings, subject, state,"
	    " officer, officer_reason, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "sisssssssssnni", h->id, h->time, h->relay, h->queue_id, h->message_id, h->auth_user,
	    h->sender, h->reason, h->findings, h->subject, seal_held_state_name(h->state),
	    h->officer, h->officer_reason, h->size);
	for (guint i = 0; rc == SEAL_OK && i < h->rcpts->len; i++)
		rc = seal_sq_exec(b, err, NULL, "insert a held recipient",
		    "INSERT INTO held_rcpt (held_id, seq, address) VALUES (?, ?, ?)", "sis", h->id,
		    (int64_t)i, (const char *)g_ptr_array_index(h->rcpts, i));
	return rc;
}

/* The file first: a row only ever names content that is on disk. */
seal_status
seal_sq_hold(void *backend, seal_held *h, const char *msg, size_t len, int *unsure,
	seal_err *err)
{
	/* A local commit that fails is rolled back: never unsure. */
	(void)unsure;
	sq *b = backend;
	seal_status rc;
	int dfd;

	if ((rc = qdir_open(b, 1, &dfd, err)) != SEAL_OK)
		return rc;
	if ((rc = write_held(b, dfd, h->id, msg, len, err)) == SEAL_OK) {
		rc = seal_sq_run(b, "BEGIN IMMEDIATE", "begin hold", err);
		if (rc == SEAL_OK)
			rc = insert_held(b, h, err);
		if (rc == SEAL_OK)
			rc = seal_sq_commit(b, err);
		seal_sq_rollback(b);
		/* No row, no file: nothing is left half-stored. */
		if (rc != SEAL_OK) {
			(void)unlinkat(dfd, h->id, 0);
			(void)fsync(dfd);
		}
	}
	(void)close(dfd);
	return rc;
}

static int
state_from_name(const unsigned char *name, seal_held_state *out)
{
	for (int i = SEAL_HELD; i <= SEAL_HELD_DELETED; i++)
		if (name != NULL && strcmp((const char *)name,
		    seal_held_state_name((seal_held_state)i)) == 0) {
			*out = (seal_held_state)i;
			return 1;
		}
	return 0;
}

/* Reads a row of HELD_COLS and its recipients. */
static seal_status
load_held(sq *b, sqlite3_stmt *row, seal_held **out, seal_err *err)
{
	seal_held *h = seal_held_new();
	char **f[] = { &h->relay, &h->queue_id, &h->message_id, &h->auth_user, &h->sender,
	    &h->reason, &h->findings, &h->subject };
	sqlite3_stmt *st;
	int step = SQLITE_ERROR;

	g_strlcpy(h->id, (const char *)sqlite3_column_text(row, 0), sizeof(h->id));
	h->time = sqlite3_column_int64(row, 1);
	for (int i = 0; i < (int)G_N_ELEMENTS(f); i++)
		*f[i] = col_str(row, i + 2);
	if (sqlite3_column_type(row, 11) != SQLITE_NULL)
		h->officer = col_str(row, 11);
	if (sqlite3_column_type(row, 12) != SQLITE_NULL)
		h->officer_reason = col_str(row, 12);
	h->size = sqlite3_column_int64(row, 13);
	if (!state_from_name(sqlite3_column_text(row, 10), &h->state)) {
		seal_held_free(h);
		return seal_err_set(err, SEAL_ERR_IO, "sqlite store: unknown state in held row");
	}
	if ((st = seal_sq_query(b, err, "SELECT address FROM held_rcpt WHERE held_id = ?"
	    " ORDER BY seq", "s", h->id)) != NULL) {
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
			g_ptr_array_add(h->rcpts, col_str(st, 0));
		sqlite3_finalize(st);
	}
	if (step != SQLITE_DONE) {
		seal_held_free(h);
		return seal_sq_fail(b, "read held recipients", err);
	}
	*out = h;
	return SEAL_OK;
}

/* Runs a prepared HELD_COLS query in one snapshot, appending to out. Finalizes row. */
static seal_status
each_held(sq *b, sqlite3_stmt *row, GPtrArray *out, seal_err *err)
{
	seal_status rc;
	seal_held *h = NULL;
	int step = SQLITE_DONE;

	if (row == NULL)
		return SEAL_ERR_IO;
	rc = seal_sq_run(b, "BEGIN", "begin read", err);
	while (rc == SEAL_OK && (step = sqlite3_step(row)) == SQLITE_ROW)
		if ((rc = load_held(b, row, &h, err)) == SEAL_OK)
			g_ptr_array_add(out, h);
	if (rc == SEAL_OK && step != SQLITE_DONE)
		rc = seal_sq_fail(b, "read held messages", err);
	sqlite3_finalize(row);
	seal_sq_rollback(b);
	return rc;
}

/* The WHERE terms of q (the list and its count share them). */
static void
held_where(qb *w, const seal_held_query *q)
{
	if (q->sender != NULL)
		seal_sq_qb_add(w, " AND lower(h.sender) = lower(?)", 's', q->sender, 0);
	if (q->recipient != NULL)
		seal_sq_qb_add(w, " AND EXISTS (SELECT 1 FROM held_rcpt r WHERE r.held_id = h.id"
		    " AND lower(r.address) = lower(?))", 's', q->recipient, 0);
	/* instr, not LIKE: '%' and '_' in the text searched for are literal. */
	if (q->reason != NULL)
		seal_sq_qb_add(w, " AND instr(lower(h.reason), lower(?)) > 0", 's', q->reason, 0);
	if (q->findings != NULL)
		seal_sq_qb_add(w, " AND instr(lower(h.findings), lower(?)) > 0", 's', q->findings,
		    0);
	if (q->from != 0)
		seal_sq_qb_add(w, " AND h.time >= ?", 'i', NULL, q->from);
	if (q->to != 0)
		seal_sq_qb_add(w, " AND h.time <= ?", 'i', NULL, q->to);
	if (!q->all_states)
		seal_sq_qb_add(w, " AND h.state = ?", 's', q->state != NULL ? q->state
		    : seal_held_state_name(SEAL_HELD), 0);
}

seal_status
seal_sq_held_list(void *backend, const seal_held_query *q, GPtrArray *out, seal_err *err)
{
	/*
	 * Without statistics (the store runs no ANALYZE) SQLite would walk
	 * held_page in order and test every row's sender: one sender's few
	 * messages come from its own index, then sorted.
	 */
	qb w = { .sql = g_string_new(q->sender != NULL
	    ? "SELECT " HELD_COLS " FROM held h INDEXED BY held_sender WHERE 1 = 1"
	    : "SELECT " HELD_COLS " FROM held h WHERE 1 = 1") };

	held_where(&w, q);
	g_string_append(w.sql, " ORDER BY h.time DESC, h.id DESC");
	seal_sq_qb_add(&w, " LIMIT ?", 'i', NULL, q->limit == 0 || q->limit > INT64_MAX
	    ? -1 : (int64_t)q->limit);
	seal_sq_qb_add(&w, " OFFSET ?", 'i', NULL, q->offset > INT64_MAX ? INT64_MAX
	    : (int64_t)q->offset);
	return each_held(backend, seal_sq_qb_prepare(backend, &w, err), out, err);
}

seal_status
seal_sq_held_count(void *backend, const seal_held_query *q, int64_t *count, seal_err *err)
{
	qb w = { .sql = g_string_new("SELECT count(*) FROM held h WHERE 1 = 1") };
	sq *b = backend;
	sqlite3_stmt *st;
	seal_status rc = SEAL_OK;

	held_where(&w, q);
	if ((st = seal_sq_qb_prepare(b, &w, err)) == NULL)
		return SEAL_ERR_IO;
	if (sqlite3_step(st) == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	else
		rc = seal_sq_fail(b, "count held messages", err);
	sqlite3_finalize(st);
	return rc;
}

seal_status
seal_sq_held_get(void *backend, const char *id, seal_held **out, GString *msg, seal_err *err)
{
	sq *b = backend;
	GPtrArray *found = g_ptr_array_new_with_free_func((GDestroyNotify)seal_held_free);
	seal_status rc;

	rc = each_held(b, seal_sq_query(b, err, "SELECT " HELD_COLS " FROM held h WHERE h.id = ?",
	    "s", id), found, err);
	if (rc == SEAL_OK && found->len == 0)
		rc = seal_err_set(err, SEAL_ERR_USAGE, "sqlite store: no held message %s", id);
	if (rc == SEAL_OK && msg != NULL)
		rc = read_held(b, id, msg, err);
	if (rc == SEAL_OK)
		*out = g_ptr_array_steal_index(found, 0);
	g_ptr_array_free(found, TRUE);
	return rc;
}

/* The state of a held message: -1 when there is none, -2 on error (err set). */
static int
held_state(sq *b, const char *id, seal_err *err)
{
	sqlite3_stmt *st = seal_sq_query(b, err, "SELECT state FROM held WHERE id = ?", "s", id);
	seal_held_state hs;
	int found = -2, step;

	if (st == NULL)
		return -2;
	if ((step = sqlite3_step(st)) == SQLITE_DONE)
		found = -1;
	else if (step != SQLITE_ROW)
		seal_sq_fail(b, "read a held message", err);
	else if (state_from_name(sqlite3_column_text(st, 0), &hs))
		found = (int)hs;
	else
		seal_err_set(err, SEAL_ERR_IO, "sqlite store: unknown state in held row");
	sqlite3_finalize(st);
	return found;
}

/* One conditional UPDATE: of two racing officers exactly one changes the row. */
seal_status
seal_sq_held_transition(void *backend, const char *id, seal_held_state from, seal_held_state to,
	const char *officer, const char *reason, seal_err *err)
{
	sq *b = backend;
	seal_status rc;
	int64_t changed;
	int now;

	rc = seal_sq_exec(b, err, &changed, "change a held message", "UPDATE held SET state = ?,"
	    " officer = ?, officer_reason = ? WHERE id = ? AND state = ?", "snnss",
	    seal_held_state_name(to), officer, reason, id, seal_held_state_name(from));
	if (rc != SEAL_OK || changed == 1)
		return rc;
	if ((now = held_state(b, id, err)) == -2)
		return SEAL_ERR_IO;
	if (now == -1)
		return seal_err_set(err, SEAL_ERR_USAGE, "sqlite store: no held message %s", id);
	return seal_err_set(err, SEAL_ERR_USAGE, "sqlite store: held message %s is not in "
	    "state %s (it is %s)", id, seal_held_state_name(from),
	    seal_held_state_name((seal_held_state)now));
}

seal_status
seal_sq_held_drop_content(void *backend, const char *id, seal_err *err)
{
	sq *b = backend;
	seal_status rc;
	int dfd, now = held_state(b, id, err);

	if (now == -2)
		return SEAL_ERR_IO;
	if (now == -1)
		return seal_err_set(err, SEAL_ERR_USAGE, "sqlite store: no held message %s", id);
	if ((rc = qdir_open(b, 0, &dfd, err)) != SEAL_OK)
		return rc;
	if (unlinkat(dfd, id, 0) != 0 && errno != ENOENT)
		rc = seal_err_set(err, SEAL_ERR_IO, "sqlite store: cannot remove held message %s: "
		    "%s", id, g_strerror(errno));
	if (rc == SEAL_OK)
		rc = sync_dir(b, dfd, err);
	(void)close(dfd);
	return rc;
}

/* ---------------------------------------------------------------- retention */

/* Removes old held rows; their IDs go to ids, for the files. */
seal_status
seal_sq_purge_held(sq *b, int64_t before, GPtrArray *ids, int64_t *count, seal_err *err)
{
	sqlite3_stmt *st = seal_sq_query(b, err, "SELECT id FROM held WHERE time < ?", "i", before);
	seal_status rc;
	int step;

	if (st == NULL)
		return SEAL_ERR_IO;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		g_ptr_array_add(ids, col_str(st, 0));
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return seal_sq_fail(b, "find old held messages", err);
	rc = seal_sq_exec(b, err, NULL, "purge held recipients", "DELETE FROM held_rcpt"
	    " WHERE held_id IN (SELECT id FROM held WHERE time < ?)", "i", before);
	if (rc == SEAL_OK)
		rc = seal_sq_exec(b, err, count, "purge held messages",
		    "DELETE FROM held WHERE time < ?", "i", before);
	return rc;
}

/*
 * Removes the files of purged messages, and files no row names that are
 * older than before: left by a crash between rename and COMMIT, or by a
 * failed unlink. Newer ones may belong to a hold still in progress.
 */
seal_status
seal_sq_purge_files(sq *b, const GPtrArray *ids, int64_t before, seal_err *err)
{
	seal_status rc = SEAL_OK;
	struct dirent *de;
	struct stat st;
	DIR *d = NULL;
	int dfd, fd;

	if (b->qdir == NULL || qdir_open(b, 0, &dfd, NULL) != SEAL_OK)
		return SEAL_OK;       /* no directory, no files */
	/* IDs read from the database: whoever can write it must not steer an unlink. */
	for (guint i = 0; i < ids->len; i++)
		if (strchr(g_ptr_array_index(ids, i), '/') == NULL
		    && *(const char *)g_ptr_array_index(ids, i) != '.'
		    && unlinkat(dfd, g_ptr_array_index(ids, i), 0) != 0 && errno != ENOENT)
			rc = seal_err_set(err, SEAL_ERR_IO, "sqlite store: cannot remove a purged "
			    "message in %s: %s", b->qdir, g_strerror(errno));
	if ((fd = dup(dfd)) >= 0 && (d = fdopendir(fd)) == NULL)
		(void)close(fd);
	while (d != NULL && (de = readdir(d)) != NULL) {
		int tmp = g_str_has_prefix(de->d_name, SQ_TMP_PREFIX);

		/* A database error (-2) keeps the file: never guess a message away. */
		if ((de->d_name[0] != '.' || tmp)
		    && fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0
		    && S_ISREG(st.st_mode) && (int64_t)st.st_mtime < before
		    && (tmp || held_state(b, de->d_name, NULL) == -1))
			(void)unlinkat(dfd, de->d_name, 0);
	}
	if (d != NULL)
		closedir(d);
	if (sync_dir(b, dfd, rc == SEAL_OK ? err : NULL) != SEAL_OK)
		rc = SEAL_ERR_IO;
	(void)close(dfd);
	return rc;
}
