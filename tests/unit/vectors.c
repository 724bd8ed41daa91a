/*
 * vectors.c - reads tests/data/vectors.tsv for the unit tests (vectors.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

/* Spec 9 escapes: \\ \t \n \r \uXXXX. Returns NULL on a bad escape. */
static char *
unescape(const char *s, size_t *out_len)
{
	GString *o = g_string_new(NULL);

	while (*s != '\0') {
		if (*s != '\\') {
			g_string_append_c(o, *s++);
			continue;
		}
		s++;
		switch (*s) {
		case '\\':
			g_string_append_c(o, '\\');
			break;
		case 't':
			g_string_append_c(o, '\t');
			break;
		case 'n':
			g_string_append_c(o, '\n');
			break;
		case 'r':
			g_string_append_c(o, '\r');
			break;
		case 'u': {
			char hex[5];
			char *end;
			unsigned long cp;

			if (strlen(s + 1) < 4)
				goto bad;
			memcpy(hex, s + 1, 4);
			hex[4] = '\0';
			cp = strtoul(hex, &end, 16);
			if (*end != '\0')
				goto bad;
			g_string_append_unichar(o, (gunichar) cp);
			s += 4;
			break;
		}
		default:
			goto bad;
		}
		s++;
	}
	*out_len = o->len;
	return g_string_free(o, FALSE);
bad:
	g_string_free(o, TRUE);
	return NULL;
}

static layer
layer_of(const char *id)
{
	if (g_str_has_prefix(id, "ev-ent-") || g_str_has_prefix(id, "ev-tag-"))
		return LAYER_HTML;
	if (g_str_has_prefix(id, "ev-qp-"))
		return LAYER_QP;
	if (g_str_has_prefix(id, "ev-2047-"))
		return LAYER_HDR;
	if (g_str_has_prefix(id, "ev-2231-"))
		return LAYER_PARAM;
	return LAYER_PLAIN;
}

/* Loads the vector file or exits: a missing file must fail loudly. */
GPtrArray *
load_vectors(void)
{
	const char *path = getenv("SEAL_VECTORS");
	char *data = NULL, **lines;
	GError *err = NULL;
	guint i;

	if (path == NULL || *path == '\0') {
		fprintf(stderr, "Bail out! SEAL_VECTORS is not set\n");
		exit(EXIT_FAILURE);
	}
	if (!g_file_get_contents(path, &data, NULL, &err)) {
		fprintf(stderr, "Bail out! cannot read %s: %s\n", path,
		    err->message);
		exit(EXIT_FAILURE);
	}
	GPtrArray *vectors = g_ptr_array_new();
	lines = g_strsplit(data, "\n", -1);
	for (i = 1; lines[i] != NULL; i++) {
		char **col;
		vector *v;

		if (lines[i][0] == '\0')
			continue;
		col = g_strsplit(lines[i], "\t", -1);
		if (g_strv_length(col) != 7) {
			fprintf(stderr, "Bail out! %s line %u: %u columns, want 7\n",
			    path, i + 1, g_strv_length(col));
			exit(EXIT_FAILURE);
		}
		v = g_new0(vector, 1);
		v->id = g_strdup(col[0]);
		v->kind = g_strdup(col[1]);
		v->input = unescape(col[2], &v->input_len);
		v->found = strcmp(col[3], "found") == 0;
		v->level = g_strdup(col[4]);
		v->mask = g_strdup(col[5]);
		v->layer = layer_of(v->id);
		g_ptr_array_add(vectors, v);
		g_strfreev(col);
	}
	g_strfreev(lines);
	g_free(data);
	if (vectors->len == 0) {
		fprintf(stderr, "Bail out! %s holds no vectors\n", path);
		exit(EXIT_FAILURE);
	}
	return vectors;
}

/* The layer step of spec 9; returns UTF-8 text for the normaliser. */
