/*
 * vcard.c - vCard texts a reader sees (vcard.h), on the shared content-line
 * reader (contentline.h).
 */
#include <string.h>

#include "extract.h"
#include "vcard.h"

static const char *const not_shown[] = {
	"VERSION", "PRODID", "UID", "REV", "PHOTO", "LOGO", "SOUND", "KEY", "TZ",
	"GEO", "CLIENTPIDMAP", "KIND", "X-ABUID", NULL
};

int
seal_vcard_sniff(const char *text, size_t len)
{
	return seal_cl_sniff(text, len, "BEGIN:VCARD");
}

/* The value's bytes after its transfer encoding, as UTF-8. */
static char *
decoded_value(const seal_cl_line *l, size_t *len)
{
	const char *cs = seal_cl_param(l, "CHARSET");
	char *raw, *utf8;
	size_t n;

	if (seal_cl_is_encoding(l, "QUOTED-PRINTABLE"))
		raw = seal_extract_qp_decode(l->value, l->vlen, &n);
	else if (seal_cl_is_encoding(l, "BASE64") || seal_cl_is_encoding(l, "B"))
		raw = (char *)seal_cl_base64(l, &n);
	else
		return seal_extract_to_utf8(l->value, l->vlen, cs != NULL ? cs : "UTF-8", len);
	utf8 = seal_extract_to_utf8(raw, n, cs, len);
	memset(raw, 0, n);
	g_free(raw);
	return utf8;
}

static seal_status
property(const seal_cl_hooks *h, const seal_cl_line *l, seal_err *err)
{
	char semi = strcmp(l->name, "N") == 0 ? ' ' :
	    strcmp(l->name, "ADR") == 0 || strcmp(l->name, "ORG") == 0 ? '\n' : 0;
	size_t n, tn;
	char *v, *t, *text;
	seal_status st;

	for (size_t i = 0; not_shown[i] != NULL; i++)
		if (strcmp(l->name, not_shown[i]) == 0)
			return SEAL_OK;
	v = decoded_value(l, &n);
	t = seal_cl_unescape(v, n, semi, &tn);
	text = g_strdup_printf("%s: %s", l->name, t);
	st = h->text(h->ctx, l->name, text, strlen(text), err);
	memset(v, 0, n);
	memset(t, 0, tn);
	g_free(v);
	g_free(t);
	g_free(text);
	return st;
}

/* vCard 2.1 quoted-printable: a value ending in '=' goes on on the next line. */
static char *
join_soft_breaks(seal_cl_reader *r, char *line, size_t *n)
{
	GString *s = g_string_new_len(line, *n);
	size_t m;
	char *next;

	g_free(line);
	while (s->len > 0 && s->str[s->len - 1] == '=' &&
	    (next = seal_cl_next_raw(r, &m)) != NULL) {
		g_string_append_c(s, '\n');
		g_string_append_len(s, next, m);
		g_free(next);
	}
	*n = s->len;
	return g_string_free(s, FALSE);
}

seal_status
seal_vcard_read(const char *text, size_t len, const seal_cl_hooks *hooks, seal_err *err)
{
	seal_cl_reader r;
	seal_cl_line l;
	seal_status st = SEAL_OK;
	int depth = 0;
	size_t n;
	char *line;

	seal_cl_reader_init(&r, text, len);
	while (st == SEAL_OK && (line = seal_cl_next(&r, &n)) != NULL) {
		if (seal_cl_parse(line, n, &l) == 0 && seal_cl_is_encoding(&l, "QUOTED-PRINTABLE") &&
		    n > 0 && line[n - 1] == '=') {
			seal_cl_line_clear(&l);
			line = join_soft_breaks(&r, line, &n);
			seal_cl_parse(line, n, &l);
		}
		if (l.name == NULL) {
			if (n > 0)
				st = hooks->text(hooks->ctx, "text", line, n, err);
		} else if (strcmp(l.name, "BEGIN") == 0)
			depth++;
		else if (strcmp(l.name, "END") == 0)
			depth -= depth > 0;
		else if (depth == 0)
			st = hooks->text(hooks->ctx, "text", line, n, err);
		else
			st = property(hooks, &l, err);
		seal_cl_line_clear(&l);
		memset(line, 0, n);
		g_free(line);
	}
	return st;
}
