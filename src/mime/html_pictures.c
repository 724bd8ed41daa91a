/*
 * html_pictures.c - data: URI pictures of an HTML text kept for OCR
 * (html.h seal_html_text.pictures): in src, background and poster
 * attributes (html_attrs.c), and in CSS url() values of style attributes
 * and <style> blocks (a background picture: Apple Mail and Thunderbird
 * show it). A scan pasted into a message this way never comes as a MIME
 * part. SVG is markup, read as text by the attribute reader, not here.
 *
 * Bounded per HTML text: SEAL_HTML_MAX_PICTURES pictures and
 * SEAL_HTML_MAX_PICTURE_BYTES bytes; past them a picture is counted as
 * dropped (the caller makes the message unscannable).
 */
#include <string.h>

#include <glib.h>

#include "html_internal.h"

void
seal_html_percent_decode(const char *v, size_t n, GString *out)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i] == '%' && i + 2 < n && g_ascii_isxdigit(v[i + 1]) &&
		    g_ascii_isxdigit(v[i + 2])) {
			g_string_append_c(out, (char)(g_ascii_xdigit_value(v[i + 1]) * 16 +
			    g_ascii_xdigit_value(v[i + 2])));
			i += 2;
		} else
			g_string_append_c(out, v[i]);
	}
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* A data:image/ URI, character references already decoded: kept decoded. */
static void
keep_decoded(const char *v, size_t n, seal_html_pictures *pics)
{
	const char *comma = memchr(v, ',', n);
	GString *raw;
	bool b64;

	if (comma == NULL || n < 11 || g_ascii_strncasecmp(v, "data:image/", 11) != 0 ||
	    g_ascii_strncasecmp(v + 11, "svg", 3) == 0)
		return;
	b64 = (size_t)(comma - v) >= 7 && g_ascii_strncasecmp(comma - 7, ";base64", 7) == 0;
	raw = g_string_sized_new(n);
	seal_html_percent_decode(comma + 1, n - (size_t)(comma + 1 - v), raw);
	if (b64) {
		size_t k = 0;
		gint state = 0;
		guint save = 0;

		for (size_t i = 0; i < raw->len; i++)
			if (!is_ws(raw->str[i]))
				raw->str[k++] = raw->str[i];
		/* decoded in place: base64 never grows */
		k = g_base64_decode_step(raw->str, k, (guchar *)raw->str, &state, &save);
		g_string_truncate(raw, k);
	}
	if ((pics->list != NULL && pics->list->len >= SEAL_HTML_MAX_PICTURES) ||
	    pics->bytes + raw->len > SEAL_HTML_MAX_PICTURE_BYTES)
		pics->dropped++;
	else if (raw->len > 0) {
		GByteArray *b = g_byte_array_sized_new((guint)raw->len);

		g_byte_array_append(b, (const guint8 *)raw->str, (guint)raw->len);
		if (pics->list == NULL)
			pics->list = g_ptr_array_new();
		g_ptr_array_add(pics->list, b);
		pics->bytes += raw->len;
	}
	memset(raw->str, 0, raw->len);
	g_string_free(raw, TRUE);
}

void
seal_html_keep_picture(const char *v, size_t n, seal_html_pictures *pics)
{
	GString *dec = g_string_sized_new(n + 1);

	seal_html_decode_refs(v, n, dec);
	keep_decoded(dec->str, dec->len, pics);
	g_string_free(dec, TRUE);
}

/*
 * The argument of one url( at css[i] (just past the parenthesis): quoted
 * ('...' or "...") or bare up to ')'; *next is where to look on from.
 */
static void
url_value(const char *css, size_t n, size_t i, seal_html_pictures *pics, size_t *next)
{
	size_t s, e;
	char q = 0;

	while (i < n && is_ws(css[i]))
		i++;
	if (i < n && (css[i] == '"' || css[i] == '\''))
		q = css[i++];
	s = i;
	if (q != 0)
		while (i < n && css[i] != q)
			i++;
	else
		while (i < n && css[i] != ')')
			i++;
	e = i;
	while (q == 0 && e > s && is_ws(css[e - 1]))
		e--;
	keep_decoded(css + s, e - s, pics);
	*next = i;
}

void
seal_html_css_pictures(const char *css, size_t n, seal_html_pictures *pics)
{
	size_t i = 0;

	while (i + 4 < n) {
		const char *u = memchr(css + i, '(', n - i);
		size_t p;

		if (u == NULL)
			return;
		p = (size_t)(u - css);
		i = p + 1;
		/* "url(" in any case; the data: test in keep_decoded is the rest */
		if (p >= 3 && g_ascii_strncasecmp(css + p - 3, "url", 3) == 0)
			url_value(css, n, i, pics, &i);
	}
}
