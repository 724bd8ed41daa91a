/*
 * rtfcp.c - \'hh bytes in a Windows code page to UTF-8 (rtf_internal.h).
 * Single-byte pages go through a 256-entry table built once with iconv;
 * double-byte pages (932, 936, 949, 950, 1361) convert a whole run, since a
 * character is two \'hh escapes. Windows-1252 is built in: it is the
 * default and the fallback when iconv does not know a page.
 */
#include <string.h>

#include "rtf_internal.h"

#define SEAL_RTFCP_SLOTS 8

/* Windows-1252 0x80..0x9F (the rest of the code page is Latin-1). */
static const gunichar cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0xFFFD
};

struct slot {
	int cp;
	int dbcs;
	GIConv cd;              /* (GIConv)-1: unknown page, read as 1252 */
	gunichar table[256];    /* single-byte pages */
};

struct seal_rtfcp {
	struct slot s[SEAL_RTFCP_SLOTS];
	unsigned n;
};

seal_rtfcp *
seal_rtfcp_new(void)
{
	return g_new0(seal_rtfcp, 1);
}

void
seal_rtfcp_free(seal_rtfcp *c)
{
	if (c == NULL)
		return;
	for (unsigned k = 0; k < c->n; k++)
		if (c->s[k].cd != (GIConv)-1)
			g_iconv_close(c->s[k].cd);
	g_free(c);
}

int
seal_rtfcp_of_charset(long cs)
{
	static const struct { long cs; int cp; } map[] = {
		{ 0, 0 }, { 1, 0 }, { 2, 1252 }, { 77, 10000 }, { 128, 932 },
		{ 129, 949 }, { 130, 1361 }, { 134, 936 }, { 136, 950 },
		{ 161, 1253 }, { 162, 1254 }, { 163, 1258 }, { 177, 1255 },
		{ 178, 1256 }, { 186, 1257 }, { 204, 1251 }, { 222, 874 },
		{ 238, 1250 }, { 255, 437 },
	};

	for (size_t k = 0; k < G_N_ELEMENTS(map); k++)
		if (map[k].cs == cs)
			return map[k].cp;
	return -1;
}

static gunichar
cp1252(uint8_t b)
{
	if (b < 0x80 || b >= 0xA0)
		return b;
	return cp1252_high[b - 0x80];
}

static void
slot_table(struct slot *s)
{
	for (unsigned b = 0; b < 256; b++) {
		char in = (char)b, out[8], *ip = &in, *op = out;
		gsize il = 1, ol = sizeof(out);

		s->table[b] = cp1252((uint8_t)b);
		if (b < 0x80 || s->cd == (GIConv)-1)
			continue;
		g_iconv(s->cd, NULL, NULL, NULL, NULL);
		if (g_iconv(s->cd, &ip, &il, &op, &ol) != (gsize)-1 && op > out)
			s->table[b] = g_utf8_get_char_validated(out, op - out);
		if (s->table[b] == (gunichar)-1 || s->table[b] == (gunichar)-2)
			s->table[b] = 0xFFFD;
	}
}

static struct slot *
slot_for(seal_rtfcp *c, int cp)
{
	char name[24];
	struct slot *s;

	for (unsigned k = 0; k < c->n; k++)
		if (c->s[k].cp == cp)
			return &c->s[k];
	if (c->n == SEAL_RTFCP_SLOTS)
		return NULL;
	s = &c->s[c->n++];
	s->cp = cp;
	/* multi-byte pages convert whole runs (65001: UTF-8 written as \'hh) */
	s->dbcs = cp == 932 || cp == 936 || cp == 949 || cp == 950 || cp == 1361 ||
	    cp == 65001;
	if (cp == 65001)
		g_strlcpy(name, "UTF-8", sizeof(name));
	else if (cp == 10000)
		g_strlcpy(name, "MACINTOSH", sizeof(name));
	else if (cp == 1361)
		g_strlcpy(name, "JOHAB", sizeof(name));
	else
		g_snprintf(name, sizeof(name), "CP%d", cp);
	s->cd = g_iconv_open("UTF-8", name);
	if (!s->dbcs)
		slot_table(s);
	return s;
}

static void
put_1252(const uint8_t *d, size_t n, GString *out)
{
	for (size_t k = 0; k < n; k++)
		g_string_append_unichar(out, cp1252(d[k]));
}

/* A double-byte run: converted whole; a bad sequence leaves it as 1252. */
static void
put_dbcs(struct slot *s, const uint8_t *d, size_t n, GString *out)
{
	gsize wrote = 0;
	char *u = g_convert_with_iconv((const gchar *)d, (gssize)n, s->cd, NULL, &wrote, NULL);

	if (u != NULL && g_utf8_validate_len(u, wrote, NULL))
		g_string_append_len(out, u, (gssize)wrote);
	else
		put_1252(d, n, out);
	if (u != NULL) {
		memset(u, 0, wrote);
		g_free(u);
	}
	g_iconv(s->cd, NULL, NULL, NULL, NULL);
}

void
seal_rtfcp_put(seal_rtfcp *c, int cp, const uint8_t *d, size_t n, GString *out)
{
	struct slot *s = cp == 1252 || cp <= 0 ? NULL : slot_for(c, cp);

	if (s == NULL || s->cd == (GIConv)-1) {
		put_1252(d, n, out);
		return;
	}
	if (s->dbcs) {
		put_dbcs(s, d, n, out);
		return;
	}
	for (size_t k = 0; k < n; k++)
		g_string_append_unichar(out, s->table[d[k]]);
}
