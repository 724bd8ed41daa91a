/*
 * consent.c - the consent list (consent.h): a hash table by lower-case
 * address, read from consent_file or filled by the daemon from the store.
 *
 * The file is small (one line per consenting citizen) and read whole at
 * start and on every reload; a line that cannot be read makes the whole
 * configuration fail, as any other configuration error: a half-read list
 * would silently withdraw consent, or worse, keep a withdrawn one.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "consent.h"

/* A consent file larger than this is not a list of people. */
#define SEAL_CONSENT_FILE_MAX ((gsize)64 * 1024 * 1024)

struct seal_consent {
	GHashTable *by_address;    /* lower-case address -> seal_consent_entry * (owned) */
};

seal_consent *
seal_consent_new(void)
{
	seal_consent *c = g_new0(seal_consent, 1);

	c->by_address = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	return c;
}

seal_consent *
seal_consent_free(seal_consent *c)
{
	if (c != NULL) {
		g_hash_table_destroy(c->by_address);
		g_free(c);
	}
	return NULL;
}

int
seal_consent_date_valid(const char *s)
{
	unsigned y, m, d;
	char tail;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !g_ascii_isdigit(s[i]))
			return 0;
	if (sscanf(s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
		return 0;
	return y >= 1900 && g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

int
seal_consent_address_valid(const char *s)
{
	const char *at;

	if (s == NULL || s[0] == '\0' || strlen(s) >= sizeof(((seal_consent_entry *)0)->address))
		return 0;
	at = strchr(s, '@');
	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') != NULL)
		return 0;
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>')
			return 0;
	return g_utf8_validate(s, -1, NULL);
}

seal_status
seal_consent_add(seal_consent *c, const char *address, const char *given,
	const char *withdrawn, seal_err *err)
{
	seal_consent_entry *e;
	char *low;

	if (!seal_consent_address_valid(address))
		return seal_err_set(err, SEAL_ERR_CONFIG, "\"%.80s\" is not an address", address);
	if (!seal_consent_date_valid(given))
		return seal_err_set(err, SEAL_ERR_CONFIG, "date given \"%.20s\" is not a date "
		    "(YYYY-MM-DD)", given);
	if (withdrawn != NULL && withdrawn[0] != '\0') {
		if (!seal_consent_date_valid(withdrawn))
			return seal_err_set(err, SEAL_ERR_CONFIG, "date withdrawn \"%.20s\" is not "
			    "a date (YYYY-MM-DD)", withdrawn);
		if (strcmp(withdrawn, given) < 0)
			return seal_err_set(err, SEAL_ERR_CONFIG, "withdrawn %s before given %s",
			    withdrawn, given);
	}
	low = g_utf8_strdown(address, -1);
	if (strlen(low) >= sizeof(e->address)) {
		g_free(low);
		return seal_err_set(err, SEAL_ERR_CONFIG, "address too long");
	}
	if (g_hash_table_contains(c->by_address, low)) {
		seal_err_set(err, SEAL_ERR_CONFIG, "%s is listed twice", low);
		g_free(low);
		return SEAL_ERR_CONFIG;
	}
	e = g_new0(seal_consent_entry, 1);
	g_strlcpy(e->address, low, sizeof(e->address));
	g_strlcpy(e->given, given, sizeof(e->given));
	if (withdrawn != NULL)
		g_strlcpy(e->withdrawn, withdrawn, sizeof(e->withdrawn));
	g_free(low);
	/* The key lives in the entry: one allocation per address. */
	g_hash_table_insert(c->by_address, e->address, e);
	return SEAL_OK;
}

/* One line of the file; SEAL_OK for comments and blank lines too. */
static seal_status
parse_line(seal_consent *c, const char *path, unsigned n, char *line, seal_err *err)
{
	char **w = g_strsplit_set(g_strstrip(line), " \t", -1);
	const char *f[4] = { NULL, NULL, NULL, NULL };
	unsigned k = 0;
	seal_status st = SEAL_OK;
	seal_err e;

	for (size_t i = 0; w[i] != NULL; i++) {
		if (w[i][0] == '\0')
			continue;
		if (k < 4)
			f[k] = w[i];
		k++;
	}
	if (k == 0 || f[0][0] == '#')
		goto out;
	if (k < 2 || k > 3) {
		st = seal_err_set_at(err, SEAL_ERR_CONFIG, path, n, "expected ADDRESS GIVEN "
		    "[WITHDRAWN], found %u fields", k);
		goto out;
	}
	seal_err_clear(&e);
	if (seal_consent_add(c, f[0], f[1], f[2], &e) != SEAL_OK)
		st = seal_err_set_at(err, SEAL_ERR_CONFIG, path, n, "%s", e.msg);
out:
	g_strfreev(w);
	return st;
}

seal_consent *
seal_consent_load(const char *path, seal_err *err)
{
	seal_consent *c;
	GError *ge = NULL;
	gchar *buf = NULL;
	gsize len = 0;
	char **lines;
	seal_status st = SEAL_OK;

	if (!g_file_get_contents(path, &buf, &len, &ge)) {
		seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0, "consent_file: %s", ge->message);
		g_error_free(ge);
		return NULL;
	}
	if (len > SEAL_CONSENT_FILE_MAX || memchr(buf, '\0', len) != NULL
	    || !g_utf8_validate(buf, (gssize)len, NULL)) {
		seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0, "consent_file: not UTF-8 text "
		    "(or larger than 64M)");
		g_free(buf);
		return NULL;
	}
	c = seal_consent_new();
	lines = g_strsplit(buf, "\n", -1);
	for (unsigned i = 0; st == SEAL_OK && lines[i] != NULL; i++)
		st = parse_line(c, path, i + 1, lines[i], err);
	g_strfreev(lines);
	g_free(buf);
	if (st != SEAL_OK)
		c = seal_consent_free(c);
	return c;
}

const seal_consent_entry *
seal_consent_find(const seal_consent *c, const char *address)
{
	const seal_consent_entry *e;
	char *low;

	if (c == NULL || address == NULL)
		return NULL;
	low = g_utf8_strdown(address, -1);
	e = g_hash_table_lookup(c->by_address, low);
	g_free(low);
	return e;
}

size_t
seal_consent_count(const seal_consent *c)
{
	return c != NULL ? g_hash_table_size(c->by_address) : 0;
}

int
seal_consent_in_force(const seal_consent_entry *e, const char *today)
{
	if (e == NULL || strcmp(e->given, today) > 0)
		return 0;
	return e->withdrawn[0] == '\0' || strcmp(today, e->withdrawn) < 0;
}

void
seal_consent_today(char buf[11])
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL || strftime(buf, 11, "%Y-%m-%d", &tm) != 10)
		buf[0] = '\0';
}
