/*
 * calendar.c - iCalendar texts a reader sees (calendar.h), on the shared
 * content-line reader (contentline.h).
 */
#include <string.h>

#include "calendar.h"
#include "html.h"

#define SEAL_CAL_MAX_NEST 16

/* Properties whose (TEXT) value a client shows. */
static const char *const shown_text[] = {
	"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "RESOURCES",
	"CATEGORIES", "NAME", "URL", NULL
};

struct cal {
	const seal_cl_hooks *h;
	char *stack[SEAL_CAL_MAX_NEST];
	int depth;
	int skip;               /* inside VTIMEZONE (nothing shown) from this depth */
	seal_err *err;
};

static int
in_list(const char *name, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strcmp(name, list[i]) == 0)
			return 1;
	return 0;
}

int
seal_calendar_sniff(const char *text, size_t len)
{
	return seal_cl_sniff(text, len, "BEGIN:VCALENDAR");
}

static seal_status
emit(struct cal *c, const char *prop, const char *text, size_t len)
{
	char *label;
	seal_status st;

	if (len == 0)
		return SEAL_OK;
	label = c->depth > 0 && strcmp(c->stack[c->depth - 1], "VALARM") == 0 ?
	    g_strconcat("VALARM/", prop, NULL) : g_strdup(prop);
	st = c->h->text(c->h->ctx, label, text, len, c->err);
	g_free(label);
	return st;
}

static seal_status
emit_unescaped(struct cal *c, const char *prop, const seal_cl_line *l, int html)
{
	size_t n;
	char *v = seal_cl_unescape(l->value, l->vlen, 0, &n);
	seal_status st;

	if (html) {
		char *t = seal_html_to_text(v, n, &n);

		g_free(v);
		v = t;
	}
	st = emit(c, prop, v, n);
	g_free(v);
	return st;
}

/* "CN <address>" as a client lists a participant. */
static seal_status
person(struct cal *c, const seal_cl_line *l)
{
	const char *cn = seal_cl_param(l, "CN");
	const char *addr = l->value;
	char *text;
	seal_status st;

	if (g_ascii_strncasecmp(addr, "mailto:", 7) == 0)
		addr += 7;
	text = cn != NULL && *cn != '\0' ? g_strdup_printf("%s <%s>", cn, addr) :
	    g_strdup(addr);
	st = emit(c, l->name, text, strlen(text));
	g_free(text);
	return st;
}

/* ATTACH: inline content decoded for the blob hook, else the URI as text. */
static seal_status
attach(struct cal *c, const seal_cl_line *l)
{
	const char *fn = seal_cl_param(l, "X-FILENAME");
	char *label = NULL;
	seal_status st = SEAL_OK;

	if (fn == NULL)
		fn = seal_cl_param(l, "FILENAME");
	if (fn != NULL) {
		label = g_strconcat("ATTACH ", fn, NULL);
		st = emit(c, "ATTACH", fn, strlen(fn));
	}
	if (st == SEAL_OK && seal_cl_is_encoding(l, "BASE64")) {
		size_t n;
		uint8_t *data = seal_cl_base64(l, &n);

		if (c->h->blob != NULL && n > 0)
			st = c->h->blob(c->h->ctx, label != NULL ? label : "ATTACH",
			    seal_cl_param(l, "FMTTYPE"), data, n, c->err);
		memset(data, 0, n);
		g_free(data);
	} else if (st == SEAL_OK)
		st = emit(c, "ATTACH", l->value, l->vlen);
	g_free(label);
	return st;
}

static seal_status
property(struct cal *c, const seal_cl_line *l)
{
	const char *fmt;

	if (c->skip > 0)
		return SEAL_OK;
	if (in_list(l->name, shown_text))
		return emit_unescaped(c, l->name, l, 0);
	if (strcmp(l->name, "X-ALT-DESC") == 0) {
		fmt = seal_cl_param(l, "FMTTYPE");
		return emit_unescaped(c, l->name, l, fmt != NULL &&
		    strstr(fmt, "html") != NULL);
	}
	if (strcmp(l->name, "ATTENDEE") == 0 || strcmp(l->name, "ORGANIZER") == 0)
		return person(c, l);
	if (strcmp(l->name, "ATTACH") == 0)
		return attach(c, l);
	if (strcmp(l->name, "CONFERENCE") == 0) {
		const char *lab = seal_cl_param(l, "LABEL");
		seal_status st = lab != NULL ? emit(c, l->name, lab, strlen(lab)) : SEAL_OK;

		return st == SEAL_OK ? emit(c, l->name, l->value, l->vlen) : st;
	}
	return SEAL_OK;
}

/* BEGIN and END keep the component stack; 1 when the line was one of them. */
static int
component(struct cal *c, const seal_cl_line *l)
{
	char *v;

	if (strcmp(l->name, "BEGIN") == 0) {
		v = g_ascii_strup(g_strstrip(l->value), -1);
		if (c->depth == SEAL_CAL_MAX_NEST) {
			g_free(v);
			return 1;
		}
		if (c->skip == 0 && strcmp(v, "VTIMEZONE") == 0)
			c->skip = c->depth + 1;
		c->stack[c->depth++] = v;
		return 1;
	}
	if (strcmp(l->name, "END") == 0) {
		if (c->depth > 0) {
			g_free(c->stack[--c->depth]);
			if (c->skip > c->depth)
				c->skip = 0;
		}
		return 1;
	}
	return 0;
}

seal_status
seal_calendar_read(const char *text, size_t len, const seal_cl_hooks *hooks,
	seal_err *err)
{
	struct cal c;
	seal_cl_reader r;
	seal_cl_line l;
	seal_status st = SEAL_OK;
	size_t n;
	char *line;

	memset(&c, 0, sizeof(c));
	c.h = hooks;
	c.err = err;
	seal_cl_reader_init(&r, text, len);
	while (st == SEAL_OK && (line = seal_cl_next(&r, &n)) != NULL) {
		int parsed = seal_cl_parse(line, n, &l) == 0;

		if (!parsed || !component(&c, &l)) {
			if (parsed && c.depth > 0)
				st = property(&c, &l);
			else if (c.depth == 0 || c.skip == 0)
				/* not a property, or outside the calendar: as it stands */
				st = emit(&c, "text", line, n);
		}
		if (parsed)
			seal_cl_line_clear(&l);
		memset(line, 0, n);
		g_free(line);
	}
	while (c.depth > 0)
		g_free(c.stack[--c.depth]);
	return st;
}
