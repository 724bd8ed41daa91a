/*
 * rtfobj.c - the file inside an RTF \objdata (rtf_internal.h).
 *
 * \objdata holds an OLE1 object ([MS-OLEDS] 2.2.4 ObjectHeader):
 * OLEVersion (4), FormatID (4; 2 = embedded), ClassName, TopicName and
 * ItemName (each a 4-byte length and that many bytes), NativeDataSize (4)
 * and NativeData. A "Package" object (a file dragged into the document)
 * wraps the file in the Packager format: 2-byte signature, label and
 * original path (NUL-terminated), 4 bytes of flags, a 4-byte length and
 * the temporary path, a 4-byte size and the file's bytes. Any other class
 * (Word.Document.8, Excel.Sheet.8...) has its native data handed over as
 * it is: an OLE2 compound file the walker recognises by its bytes.
 */
#include <string.h>

#include "rtf_internal.h"

struct cur {
	const uint8_t *d;
	size_t len, i;
};

static int
u32(struct cur *c, uint32_t *v)
{
	if (c->len - c->i < 4)
		return -1;
	*v = (uint32_t)c->d[c->i] | (uint32_t)c->d[c->i + 1] << 8 |
	    (uint32_t)c->d[c->i + 2] << 16 | (uint32_t)c->d[c->i + 3] << 24;
	c->i += 4;
	return 0;
}

/* A length-prefixed ANSI string: its bytes (NUL excluded) or NULL. */
static const uint8_t *
lpstr(struct cur *c, uint32_t *n)
{
	const uint8_t *s;

	if (u32(c, n) != 0 || *n > c->len - c->i)
		return NULL;
	s = c->d + c->i;
	c->i += *n;
	while (*n > 0 && s[*n - 1] == '\0')
		(*n)--;
	return s;
}

/* A NUL-terminated string: its length, or -1 when unterminated. */
static long
zstr(struct cur *c, const uint8_t **s)
{
	const uint8_t *e = memchr(c->d + c->i, '\0', c->len - c->i);
	long n;

	if (e == NULL)
		return -1;
	*s = c->d + c->i;
	n = e - *s;
	c->i += (size_t)n + 1;
	return n;
}

static char *
name_utf8(const uint8_t *s, size_t n)
{
	char *u = g_convert_with_fallback((const char *)s, (gssize)n, "UTF-8", "WINDOWS-1252",
	    "?", NULL, NULL, NULL);

	return u != NULL ? u : g_strdup("object");
}

static seal_rtf_object *
object_new(char *name, const uint8_t *d, size_t n)
{
	seal_rtf_object *o = g_new0(seal_rtf_object, 1);

	o->name = name;
	o->data = g_memdup2(d, n);
	o->len = n;
	return o;
}

/* The Packager format: the dropped file, or NULL when it is not one. */
static seal_rtf_object *
package(const uint8_t *d, size_t len)
{
	struct cur c = { d, len, 2 };
	const uint8_t *label, *path;
	const char *base;
	uint32_t tl, size;
	long ln, pn;
	char *p;

	if (len < 2 || d[0] != 2 || d[1] != 0 || (ln = zstr(&c, &label)) < 0 ||
	    (pn = zstr(&c, &path)) < 0 || c.len - c.i < 4)
		return NULL;
	c.i += 4;
	if (lpstr(&c, &tl) == NULL || u32(&c, &size) != 0 || size > c.len - c.i)
		return NULL;
	/* the file's own name: the last part of its original path, else the label */
	p = name_utf8(pn > 0 ? path : label, (size_t)(pn > 0 ? pn : ln));
	base = strrchr(p, '\\') != NULL ? strrchr(p, '\\') + 1 : p;
	base = *base != '\0' ? base : "package";
	{
		seal_rtf_object *o = object_new(g_strdup(base), c.d + c.i, size);

		g_free(p);
		return o;
	}
}

seal_rtf_object *
seal_rtfobj_parse(const uint8_t *data, size_t len)
{
	struct cur c = { data, len, 0 };
	uint32_t ver, fmt, cn, tn, in, size;
	const uint8_t *cls, *native;
	seal_rtf_object *o;

	if (u32(&c, &ver) != 0 || u32(&c, &fmt) != 0 || fmt != 2 ||
	    (cls = lpstr(&c, &cn)) == NULL || lpstr(&c, &tn) == NULL ||
	    lpstr(&c, &in) == NULL || u32(&c, &size) != 0 || size > c.len - c.i)
		return NULL;
	native = c.d + c.i;
	if (cn == 7 && memcmp(cls, "Package", 7) == 0 && (o = package(native, size)) != NULL)
		return o;
	return object_new(name_utf8(cls, cn), native, size);
}

void
seal_rtfobj_free(seal_rtf_object *o)
{
	if (o == NULL)
		return;
	if (o->data != NULL)
		memset(o->data, 0, o->len);
	g_free(o->data);
	g_free(o->name);
	g_free(o);
}
