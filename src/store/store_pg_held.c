/*
 * store_pg_held.c - held messages in the PostgreSQL backend
 * (store_pg_internal.h): metadata, recipients and the message itself
 * (bytea, as it came, NULs and all) in the held tables of the shared
 * database.
 *
 * A hold is one transaction, committed durably before it returns.
 * Transitions are one conditional UPDATE each, so of two officers or relays
 * racing exactly one wins; dropping the content sets it to NULL and keeps
 * the row. Each operation runs through pg_op (store_pg.c): the first
 * failure sticks and the transaction is rolled back.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <glib.h>
#include <libpq-fe.h>

#include "store_pg_internal.h"

/* ---------------------------------------------------------------- the queries */

/* The text columns of a held message, in column order. */
static const size_t held_text_off[] = {
	offsetof(seal_held, relay), offsetof(seal_held, queue_id), offsetof(seal_held, message_id),
	offsetof(seal_held, auth_user), offsetof(seal_held, sender), offsetof(seal_held, reason),
	offsetof(seal_held, findings), offsetof(seal_held, subject), offsetof(seal_held, officer),
	offsetof(seal_held, officer_reason),
};
#define HELD_NTEXT ((int)G_N_ELEMENTS(held_text_off))

/* Numbers as text, so a row reads the same in text and in binary result format. */
#define HELD_COLS "SELECT h.id, h.time::text, h.relay, h.queue_id, h.message_id, h.auth_user, " \
	"h.sender, h.reason, h.findings, h.subject, h.officer, h.officer_reason, h.state, " \
	"h.size::text"
#define HELD_STATE_COL (HELD_NTEXT + 2)
#define HELD_CONTENT_COL (HELD_NTEXT + 4)
#define HELD_READ(cols, match) { HELD_COLS cols match, \
	"SELECT c.held_id, c.address FROM held_rcpt c WHERE c.held_id IN " \
	"(SELECT h.id" match ") ORDER BY c.held_id, c.pos", NULL }

/* state, sender, recipient, reason, from, to, findings (the list and its count) */
#define HELD_WHERE " FROM held h WHERE " \
	"($1::text IS NULL OR h.state = $1) AND " \
	"($2::text IS NULL OR " LOWER_C("h.sender") " = " LOWER_C("$2") ") AND " \
	"($3::text IS NULL OR EXISTS (SELECT 1 FROM held_rcpt r WHERE r.held_id = h.id AND " \
	LOWER_C("r.address") " = " LOWER_C("$3") ")) AND " \
	"($4::text IS NULL OR strpos(" LOWER_C("h.reason") ", " LOWER_C("$4") ") > 0) AND " \
	"($5::bigint = 0 OR h.time >= $5) AND ($6::bigint = 0 OR h.time <= $6) AND " \
	"($7::text IS NULL OR strpos(" LOWER_C("h.findings") ", " LOWER_C("$7") ") > 0) "

/* ... limit, offset */
static const pg_read held_list_sql = HELD_READ("", HELD_WHERE
	"ORDER BY h.time DESC, h.id DESC LIMIT $8::bigint OFFSET $9::bigint");

static const char held_count_sql[] = "SELECT count(*)" HELD_WHERE;

/* the ID; with or without the content */
static const pg_read held_get_sql = HELD_READ("", " FROM held h WHERE h.id = $1");
static const pg_read held_get_content_sql = HELD_READ(", h.content",
	" FROM held h WHERE h.id = $1");

/* ---------------------------------------------------------------- quarantine */

seal_status
seal_pg_hold(void *backend, seal_held *h, const char *msg, size_t len, int *unsure,
	seal_err *err)
{
	GString *rcpts = g_string_new("{");
	pg_op o;

	/* store.c has set h->id, h->time, h->state and h->size. */
	if (len > INT_MAX)
		return seal_err_set(err, SEAL_ERR_LIMIT,
			"postgresql store: message too large to hold");
	for (guint i = 0; i < h->rcpts->len; i++)
		seal_pg_array_add(rcpts, g_ptr_array_index(h->rcpts, i));
	g_string_append_c(rcpts, '}');
	seal_pg_op_start(&o, backend, "hold message", "BEGIN", err);
	/* Durable before the MTA is told, whatever the server's default says. */
	seal_pg_op_do(&o, "SET LOCAL synchronous_commit = on", "");
	/* Binary format: the message goes in as it is, NULs and all. */
	seal_pg_op_do(&o, "INSERT INTO held (id, time, relay, queue_id, message_id, auth_user, "
		"sender, reason, findings, subject, officer, officer_reason, state, size, content) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
		"titttttttttttib", h->id, h->time, h->relay, h->queue_id, h->message_id,
		h->auth_user, h->sender, h->reason, h->findings, h->subject, h->officer,
		h->officer_reason, seal_held_state_name(h->state), h->size, msg, len);
	seal_pg_op_do(&o, "INSERT INTO held_rcpt (held_id, pos, address) SELECT $1::text, n - 1, a "
		"FROM unnest($2::text[]) WITH ORDINALITY AS t(a, n)", "tt", h->id, rcpts->str);
	g_string_free(rcpts, TRUE);
	seal_pg_op_end(&o);
	*unsure = o.commit_lost;
	return o.st;
}

/* One row of a held read; NULL when its state is not one this code knows. */
static seal_held *
held_from_row(const PGresult *res, int i)
{
	const char *state = PQgetvalue(res, i, HELD_STATE_COL);
	seal_held *h = seal_held_new();
	int st = SEAL_HELD;

	g_strlcpy(h->id, PQgetvalue(res, i, 0), sizeof(h->id));
	h->time = col_i64(res, i, 1);
	for (int k = 0; k < HELD_NTEXT; k++)
		*field(h, held_text_off[k]) = col_str(res, i, 2 + k);
	while (st <= SEAL_HELD_DELETED && strcmp(state, seal_held_state_name(st)) != 0)
		st++;
	h->state = (seal_held_state)st;
	h->size = col_i64(res, i, HELD_STATE_COL + 1);
	if (st > SEAL_HELD_DELETED) {
		seal_held_free(h);
		return NULL;
	}
	return h;
}

/*
 * Appends the held messages a read finds to out, with their recipients.
 * msg: the content of the (one) message found is appended to it; its row
 * then comes in binary format (the bytea as stored).
 */
static void
held_fetch(pg_op *o, const pg_read *q, GPtrArray *out, GString *msg, const char *types, ...)
{
	GHashTable *by_id = g_hash_table_new(g_str_hash, g_str_equal);
	va_list ap, ap2;
	PGresult *res;

	va_start(ap, types);
	va_copy(ap2, ap);
	res = seal_pg_op_vq(o, msg != NULL, q->rows, types, ap);
	for (int i = 0; res != NULL && i < PQntuples(res) && o->st == SEAL_OK; i++) {
		seal_held *h = held_from_row(res, i);

		if (h == NULL) {
			seal_pg_op_fail(o, SEAL_ERR_IO, "a held message has an unknown state");
		} else if (msg != NULL && PQgetisnull(res, i, HELD_CONTENT_COL)) {
			seal_pg_op_fail(o, SEAL_ERR_USAGE, "the content of held message %s is no "
				"longer stored", h->id);
			seal_held_free(h);
		} else {
			if (msg != NULL)
				g_string_append_len(msg, PQgetvalue(res, i, HELD_CONTENT_COL),
					PQgetlength(res, i, HELD_CONTENT_COL));
			g_ptr_array_add(out, h);
			g_hash_table_insert(by_id, h->id, h);
		}
	}
	PQclear(res);
	res = g_hash_table_size(by_id) > 0 ? seal_pg_op_vq(o, 0, q->rcpts, types, ap2) : NULL;
	for (int i = 0; res != NULL && i < PQntuples(res); i++) {
		seal_held *h = g_hash_table_lookup(by_id, PQgetvalue(res, i, 0));

		if (h != NULL)
			g_ptr_array_add(h->rcpts, g_strdup(PQgetvalue(res, i, 1)));
	}
	PQclear(res);
	va_end(ap2);
	va_end(ap);
	g_hash_table_destroy(by_id);
}

static void
free_held(gpointer p)
{
	seal_held_free(p);
}

/* The state a query asks for: NULL for any. */
static const char *
query_state(const seal_held_query *q)
{
	if (q->all_states)
		return NULL;
	return q->state != NULL ? q->state : seal_held_state_name(SEAL_HELD);
}

seal_status
seal_pg_held_list(void *backend, const seal_held_query *q, GPtrArray *out, seal_err *err)
{
	GPtrArray *found = g_ptr_array_new_with_free_func(free_held);
	pg_op o;

	seal_pg_op_start(&o, backend, "list held messages", PG_BEGIN_READ, err);
	held_fetch(&o, &held_list_sql, found, NULL, "ttttiitii", query_state(q), q->sender,
		q->recipient, q->reason, q->from, q->to, q->findings,
		q->limit == 0 || q->limit > INT64_MAX ? INT64_MAX : (int64_t)q->limit,
		q->offset > INT64_MAX ? INT64_MAX : (int64_t)q->offset);
	return seal_pg_op_end_move(&o, found, out);
}

seal_status
seal_pg_held_count(void *backend, const seal_held_query *q, int64_t *count, seal_err *err)
{
	PGresult *res;
	pg_op o;

	seal_pg_op_start(&o, backend, "count held messages", NULL, err);
	res = seal_pg_op_q(&o, 0, held_count_sql, "ttttiit", query_state(q), q->sender,
		q->recipient, q->reason, q->from, q->to, q->findings);
	if (res != NULL && PQntuples(res) == 1)
		*count = col_i64(res, 0, 0);
	PQclear(res);
	return seal_pg_op_end(&o);
}

seal_status
seal_pg_held_get(void *backend, const char *id, seal_held **out, GString *msg, seal_err *err)
{
	GPtrArray *found = g_ptr_array_new_with_free_func(free_held);
	gsize start = msg != NULL ? msg->len : 0;
	pg_op o;

	seal_pg_op_start(&o, backend, "read held message", PG_BEGIN_READ, err);
	held_fetch(&o, msg != NULL ? &held_get_content_sql : &held_get_sql, found, msg, "t", id);
	if (o.st == SEAL_OK && found->len != 1)
		seal_pg_op_fail(&o, SEAL_ERR_USAGE, "no held message %s", id);
	if (seal_pg_op_end(&o) == SEAL_OK)
		*out = g_steal_pointer(&g_ptr_array_index(found, 0));
	else if (msg != NULL)
		g_string_truncate(msg, start);
	g_ptr_array_free(found, TRUE);
	return o.st;
}

/* After an UPDATE that matched no row: why not (from: the state it needed, or NULL). */
static void
held_why_not(pg_op *o, const char *id, const char *from)
{
	PGresult *res = seal_pg_op_q(o, 0, "SELECT state FROM held WHERE id = $1", "t", id);

	if (res != NULL && PQntuples(res) == 0)
		seal_pg_op_fail(o, SEAL_ERR_USAGE, "no held message %s", id);
	else if (res != NULL && from != NULL)
		seal_pg_op_fail(o, SEAL_ERR_USAGE, "held message %s is not in state %s (it is %s)",
			id, from, PQgetvalue(res, 0, 0));
	PQclear(res);
}

seal_status
seal_pg_held_transition(void *backend, const char *id, seal_held_state from, seal_held_state to,
	const char *officer, const char *reason, seal_err *err)
{
	pg_op o;

	seal_pg_op_start(&o, backend, "change held message", NULL, err);
	/* Test and change in one statement: of two racing officers, one wins. */
	if (seal_pg_op_do(&o, "UPDATE held SET state = $3, officer = $4, officer_reason = $5 "
		"WHERE id = $1 AND state = $2", "ttttt", id, seal_held_state_name(from),
		seal_held_state_name(to), officer, reason) != 1)
		held_why_not(&o, id, seal_held_state_name(from));
	return seal_pg_op_end(&o);
}

seal_status
seal_pg_held_drop_content(void *backend, const char *id, seal_err *err)
{
	pg_op o;

	seal_pg_op_start(&o, backend, "delete held content", NULL, err);
	if (seal_pg_op_do(&o, "UPDATE held SET content = NULL WHERE id = $1", "t", id) != 1)
		held_why_not(&o, id, NULL);
	return seal_pg_op_end(&o);
}


/* ---------------------------------------------------------------- retention */

int64_t
seal_pg_purge_held(pg_op *o, int64_t before)
{
	return seal_pg_op_do(o, "DELETE FROM held WHERE time < $1", "i", before);
}
