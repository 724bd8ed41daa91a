/*
 * picmeta_text.c - a picture's metadata values as paragraphs of UTF-8
 * (picmeta_internal.h), for every container reader: picmeta.c (PNG,
 * JPEG, WebP, GIF, HEIF) and picmeta_tiff.c (TIFF, IPTC, Photoshop).
 */
#include <string.h>

#include <glib.h>

#include "extract.h"
#include "html.h"
#include "picmeta_internal.h"

static void
add_text(GString *out, const char *utf8, size_t len)
{
	if (len == 0 || out->len >= SEAL_PICMETA_MAX_TEXT)
		return;
	len = MIN(len, SEAL_PICMETA_MAX_TEXT - out->len);
	g_string_append_len(out, utf8, (gssize)len);
	g_string_append(out, "\n\n");
}

void
seal_picmeta_add_bytes(GString *out, const uint8_t *d, size_t len, const char *charset)
{
	size_t ulen = 0;
	char *u;

	if (len == 0)
		return;
	u = seal_extract_to_utf8((const char *)d, len, charset, &ulen);
	if (u == NULL)
		return;
	add_text(out, u, ulen);
	memset(u, 0, ulen);
	g_free(u);
}

/* The element text (html.h), then the packet itself for attribute values. */
void
seal_picmeta_add_xmp(GString *out, const uint8_t *d, size_t len)
{
	size_t ulen = 0, tlen = 0;
	char *u, *t;

	if (len == 0 || (u = seal_extract_to_utf8((const char *)d, len, "utf-8", &ulen)) == NULL)
		return;
	t = seal_html_xml_to_text(u, ulen, &tlen);
	add_text(out, t, tlen);
	/* values written as attributes (rdf:Description dc:title="...") */
	add_text(out, u, ulen);
	memset(u, 0, ulen);
	memset(t, 0, tlen);
	g_free(u);
	g_free(t);
}
