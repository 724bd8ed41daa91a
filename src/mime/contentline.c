/*
 * contentline.c - RFC 5545 / RFC 6350 content lines (contentline.h).
 * Hand parsing on purpose: no Debian 12 library reads vCard 2.1 and
 * iCalendar alike without also interpreting (and dropping) the fields a
 * client shows; the grammar is small and every path is bounded by the
 * input length.
 */
#include <string.h>

#include "contentline.h"

void
seal_cl_reader_init(seal_cl_reader *r, const char *text, size_t len)
{
	r->p = text;
	r->end = text + len;
}

/* One physical line [*s, *e) and the reader moved past its break. */
static int
phys_line(seal_cl_reader *r, const char **s, const char **e)
{
	const char *nl;

	if (r->p >= r->end)
		return 0;
	*s = r->p;
	nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	*e = nl != NULL ? nl : r->end;
	r->p = nl != NULL ? nl + 1 : r->end;
	if (*e > *s && (*e)[-1] == '\r')
		(*e)--;
	return 1;
}

char *
seal_cl_next_raw(seal_cl_reader *r, size_t *len)
{
	const char *s, *e;

	if (!phys_line(r, &s, &e))
		return NULL;
	*len = (size_t)(e - s);
	return g_strndup(s, *len);
}

char *
seal_cl_next(seal_cl_reader *r, size_t *len)
{
	const char *s, *e;
	GString *out;

	if (!phys_line(r, &s, &e))
		return NULL;
	out = g_string_new_len(s, e - s);
	/* a fold: the break and the one space or TAB after it vanish */
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t')) {
		phys_line(r, &s, &e);
		g_string_append_len(out, s + 1, e - s - 1);
	}
	*len = out->len;
	return g_string_free(out, FALSE);
}

/* RFC 6868 parameter value encoding. */
static char *
param_value(const char *s, size_t n)
{
	GString *v = g_string_sized_new(n);

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '^' && i + 1 < n && (s[i + 1] == 'n' || s[i + 1] == 'N')) {
			g_string_append_c(v, '\n');
			i++;
		} else if (s[i] == '^' && i + 1 < n && s[i + 1] == '\'') {
			g_string_append_c(v, '"');
			i++;
		} else if (s[i] == '^' && i + 1 < n && s[i + 1] == '^') {
			g_string_append_c(v, '^');
			i++;
		} else if (s[i] != '"')
			g_string_append_c(v, s[i]);
	}
	return g_string_free(v, FALSE);
}

static int
is_name_char(char c)
{
	return g_ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/';
}

/* One parameter [s, e): "NAME=VALUE" or a vCard 2.1 bare word. */
static void
add_param(seal_cl_line *l, const char *s, const char *e)
{
	const char *eq = memchr(s, '=', (size_t)(e - s));
	char *name, *value;

	if (eq == NULL) {
		value = g_strndup(s, (size_t)(e - s));
		name = g_strdup(g_ascii_strcasecmp(value, "QUOTED-PRINTABLE") == 0 ||
		    g_ascii_strcasecmp(value, "BASE64") == 0 ||
		    g_ascii_strcasecmp(value, "B") == 0 ? "ENCODING" : "TYPE");
	} else {
		name = g_ascii_strup(s, eq - s);
		value = param_value(eq + 1, (size_t)(e - eq - 1));
	}
	g_ptr_array_add(l->params, name);
	g_ptr_array_add(l->params, value);
}

int
seal_cl_parse(const char *line, size_t len, seal_cl_line *l)
{
	const char *p = line, *end = line + len, *ns, *dot = NULL, *ps;
	int quoted = 0;

	memset(l, 0, sizeof(*l));
	for (ns = p; p < end && is_name_char(*p); p++)
		if (*p == '.')
			dot = p;
	if (p == ns || p >= end || (*p != ':' && *p != ';'))
		return -1;
	if (dot != NULL)
		ns = dot + 1;
	if (ns == p)
		return -1;
	l->name = g_ascii_strup(ns, p - ns);
	l->params = g_ptr_array_new_with_free_func(g_free);
	while (p < end && *p == ';') {
		for (ps = ++p; p < end; p++) {
			if (*p == '"')
				quoted = !quoted;
			else if (!quoted && (*p == ';' || *p == ':'))
				break;
		}
		if (p > ps)
			add_param(l, ps, p);
	}
	if (p >= end) {
		seal_cl_line_clear(l);
		return -1;
	}
	l->vlen = (size_t)(end - p - 1);
	l->value = g_strndup(p + 1, l->vlen);
	return 0;
}

void
seal_cl_line_clear(seal_cl_line *l)
{
	g_free(l->name);
	if (l->params != NULL)
		g_ptr_array_free(l->params, TRUE);
	g_free(l->value);
	memset(l, 0, sizeof(*l));
}

const char *
seal_cl_param(const seal_cl_line *l, const char *name)
{
	if (l->params == NULL)
		return NULL;
	for (guint i = 0; i + 1 < l->params->len; i += 2)
		if (strcmp(g_ptr_array_index(l->params, i), name) == 0)
			return g_ptr_array_index(l->params, i + 1);
	return NULL;
}

char *
seal_cl_unescape(const char *v, size_t len, char semi, size_t *out_len)
{
	GString *o = g_string_sized_new(len);

	for (size_t i = 0; i < len; i++) {
		char c = v[i];

		if (c == '\\' && i + 1 < len) {
			char n = v[++i];

			if (n == 'n' || n == 'N')
				g_string_append_c(o, '\n');
			else if (n == ',' || n == ';' || n == '\\' || n == ':')
				g_string_append_c(o, n);
			else {
				g_string_append_c(o, '\\');
				g_string_append_c(o, n);
			}
		} else if (c == ';' && semi != 0)
			g_string_append_c(o, semi);
		else
			g_string_append_c(o, c);
	}
	*out_len = o->len;
	return g_string_free(o, FALSE);
}

int
seal_cl_sniff(const char *text, size_t len, const char *begin)
{
	seal_cl_reader r;
	size_t n, bl = strlen(begin);
	char *line;
	int found = 0;

	seal_cl_reader_init(&r, text, len);
	/* the first non-empty lines: an object starts with its BEGIN */
	for (int i = 0; i < 8 && !found && (line = seal_cl_next(&r, &n)) != NULL; i++) {
		found = g_ascii_strncasecmp(g_strstrip(line), begin, bl) == 0;
		g_free(line);
	}
	return found;
}

int
seal_cl_is_encoding(const seal_cl_line *l, const char *enc)
{
	const char *v = seal_cl_param(l, "ENCODING");

	return v != NULL && g_ascii_strcasecmp(v, enc) == 0;
}

uint8_t *
seal_cl_base64(const seal_cl_line *l, size_t *len)
{
	guchar *data = g_malloc(l->vlen / 4 * 3 + 4);
	gint state = 0;
	guint save = 0;

	*len = g_base64_decode_step(l->value, l->vlen, data, &state, &save);
	return data;
}
