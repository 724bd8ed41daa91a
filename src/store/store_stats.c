/*
 * store_stats.c - counting in the store (store.h): the held-message count
 * behind the console's paging, and the grouped counts of the overview and
 * /metrics. The backends run the GROUP BY; this file checks the request
 * and, for kinds, splits the few distinct kinds texts the database
 * returned ("dk-cpr:2,health:1", each with its number of records) into
 * one count per kind: the work grows with the distinct texts, not with
 * the records.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "store_internal.h"

static seal_status
backend_of(seal_store *s, const char *what, int have, const seal_store_ops **ops,
	void **backend, seal_err *err)
{
	if (s == NULL) {
		seal_err_set(err, SEAL_ERR_USAGE, "store: no store");
		return SEAL_ERR_USAGE;
	}
	*ops = seal_store_backend(s, backend);
	if (!have) {
		seal_err_set(err, SEAL_ERR_INTERNAL, "store: the %s backend cannot %s",
		    (*ops)->name, what);
		return SEAL_ERR_INTERNAL;
	}
	return SEAL_OK;
}

seal_status
seal_store_held_count(seal_store *s, const seal_held_query *q, int64_t *count, seal_err *err)
{
	const seal_store_ops *ops = NULL;
	seal_held_query all;
	void *b = NULL;
	seal_status rc;

	*count = 0;
	if (s == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: no store");
	if ((rc = backend_of(s, "count held messages", seal_store_backend(s, NULL)->held_count
	    != NULL, &ops, &b, err)) != SEAL_OK)
		return rc;
	if (q == NULL) {
		memset(&all, 0, sizeof(all));
		q = &all;
	}
	return ops->held_count(b, q, count, err);
}

void
seal_stat_rows_clear(GArray *rows)
{
	for (guint i = 0; rows != NULL && i < rows->len; i++) {
		seal_stat_row *r = &g_array_index(rows, seal_stat_row, i);

		g_free(r->key);
		g_free(r->cls);
	}
	if (rows != NULL)
		g_array_set_size(rows, 0);
}

/* Adds n to name's row of out (index: name -> position in out). */
static void
add_kind(GArray *out, GHashTable *index, const char *name, size_t len, int64_t n)
{
	char *key = g_strndup(name, len);
	gpointer pos;

	if (g_hash_table_lookup_extended(index, key, NULL, &pos)) {
		g_array_index(out, seal_stat_row, GPOINTER_TO_UINT(pos)).n += n;
		g_free(key);
		return;
	}
	g_hash_table_insert(index, g_strdup(key), GUINT_TO_POINTER(out->len));
	g_array_append_val(out, ((seal_stat_row){ .key = key, .n = n }));
}

/* "dk-cpr:2,health:1" rows into one row per name ("dk-cpr", "health"), most first. */
static gint
most_first(gconstpointer a, gconstpointer b)
{
	const seal_stat_row *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->key, y->key);
}

static void
split_kinds(const GArray *texts, GArray *out)
{
	GHashTable *index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	guint first = out->len;

	for (guint i = 0; i < texts->len; i++) {
		const seal_stat_row *r = &g_array_index(texts, seal_stat_row, i);
		char **parts = g_strsplit(r->key != NULL ? r->key : "", ",", -1);

		for (char **p = parts; *p != NULL; p++) {
			/* "name:count"; a site rule's name may itself hold a colon */
			const char *colon = strrchr(*p, ':');
			size_t len = colon != NULL ? (size_t)(colon - *p) : strlen(*p);

			if (len > 0)
				add_kind(out, index, *p, len, r->n);
		}
		g_strfreev(parts);
	}
	g_hash_table_destroy(index);
	if (out->len > first)
		qsort(&g_array_index(out, seal_stat_row, first), out->len - first,
		    sizeof(seal_stat_row), most_first);
}

seal_status
seal_store_audit_stats(seal_store *s, const seal_stat_query *q, GArray *out, seal_err *err)
{
	const seal_store_ops *ops = NULL;
	GArray *texts;
	void *b = NULL;
	seal_status rc;

	if (s == NULL || q == NULL || out == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid statistics request");
	if ((rc = backend_of(s, "count the audit log", seal_store_backend(s, NULL)->audit_stats
	    != NULL, &ops, &b, err)) != SEAL_OK)
		return rc;
	if (q->by != SEAL_STAT_KIND)
		return ops->audit_stats(b, q, out, err);
	texts = g_array_new(FALSE, TRUE, sizeof(seal_stat_row));
	if ((rc = ops->audit_stats(b, q, texts, err)) == SEAL_OK)
		split_kinds(texts, out);
	seal_stat_rows_clear(texts);
	g_array_free(texts, TRUE);
	return rc;
}

seal_status
seal_store_held_ages(seal_store *s, int64_t now, GArray *out, seal_err *err)
{
	const seal_store_ops *ops = NULL;
	void *b = NULL;
	seal_status rc;

	if (s == NULL || out == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "store: invalid held-age request");
	if ((rc = backend_of(s, "count held messages", seal_store_backend(s, NULL)->held_ages
	    != NULL, &ops, &b, err)) != SEAL_OK)
		return rc;
	return ops->held_ages(b, now, out, err);
}
