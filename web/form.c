/*
 * form.c - application/x-www-form-urlencoded (form.h), as the WHATWG URL
 * standard's parser reads it, minus its leniency: what it would let
 * through as-is (a stray '%') is an error here.
 */
#include <string.h>

#include "form.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) into a new string; NULL when an escape, NUL or UTF-8 is bad. */
static char *
decode(const char *s, size_t len)
{
	char *out = g_malloc(len + 1);
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi = i + 2 < len ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < len ? hexval(s[i + 2]) : -1;

			if (hi < 0 || lo < 0)
				goto bad;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (c == '\0')
			goto bad;
		out[o++] = c;
	}
	out[o] = '\0';
	if (g_utf8_validate(out, (gssize)o, NULL))
		return out;
bad:
	memset(out, 0, len + 1);
	g_free(out);
	return NULL;
}

static void
wipe_free(gpointer p)
{
	char *s = p;

	if (s != NULL) {
		memset(s, 0, strlen(s));
		g_free(s);
	}
}

GHashTable *
web_form_parse(const char *body, size_t len, size_t max_fields)
{
	GHashTable *form = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, wipe_free);
	size_t pos = 0;

	while (pos < len) {
		const char *field = body + pos, *amp = memchr(field, '&', len - pos), *eq;
		size_t flen = amp != NULL ? (size_t)(amp - field) : len - pos;
		char *name, *value;

		pos += flen + 1;
		if (flen == 0)
			continue;                 /* "a=1&&b=2": an empty field is nothing */
		eq = memchr(field, '=', flen);
		name = decode(field, eq != NULL ? (size_t)(eq - field) : flen);
		value = eq != NULL ? decode(eq + 1, flen - (size_t)(eq + 1 - field)) : g_strdup("");
		if (name == NULL || value == NULL || name[0] == '\0'
		    || g_hash_table_contains(form, name)
		    || g_hash_table_size(form) >= max_fields) {
			g_free(name);
			wipe_free(value);
			g_hash_table_destroy(form);
			return NULL;
		}
		g_hash_table_insert(form, name, value);
	}
	return form;
}

const char *
web_form_get(GHashTable *form, const char *name)
{
	return form != NULL ? g_hash_table_lookup(form, name) : NULL;
}
