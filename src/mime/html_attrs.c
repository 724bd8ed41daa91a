/*
 * html_attrs.c - the attributes of one HTML tag (spec section 2.1, E7):
 * the values a reader sees (title and aria-label as tooltips, alt when an
 * image is not loaded, value and placeholder of a form field) or follows
 * (href, also mailto: and tel:, and data: URIs), and the attributes that
 * hide an element or show its text reversed.
 *
 * URL values are percent-decoded; a data: URI of a text type (text/...,
 * no type, SVG, XML) is decoded (base64 or percent) and, when it is
 * markup, read as HTML; a data: URI picture in src, background or poster,
 * or in a url() of a style attribute, is kept for OCR (html_pictures.c). Values without a digit are not kept: they cannot
 * hold a number, and a mail with hundreds of links stays cheap.
 *
 * Hiding is read from inline style and from the simple selectors of
 * style sheets (html_css.c, by class, id and element): display:none,
 * visibility:hidden or collapse, opacity:0, font-size:0 (any unit) or
 * under 2px/2pt, color:transparent, white text without a background,
 * mso-hide:all (Outlook), a zero (max-)height, width or line-height with
 * overflow:hidden, clip:rect(0...), a far negative left, top, margin or
 * text-indent (off-screen), and the hidden attribute. Over-hiding is safe: the text with hidden elements
 * kept is scanned too.
 */
#include <string.h>

#include <glib.h>

#include "html.h"
#include "html_internal.h"
#include "textsniff.h"

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* A data: URI's content when its type is text; false otherwise. */
static bool
data_uri(const char *v, size_t n, seal_html_text_fn to_text, GString *out)
{
	const char *comma = memchr(v, ',', n);
	size_t hl, dl;
	char *head;
	bool b64, markup, text;

	if (comma == NULL)
		return false;
	hl = (size_t)(comma - v) - 5;
	head = g_ascii_strdown(v + 5, (gssize)hl);
	b64 = g_str_has_suffix(head, ";base64");
	markup = strstr(head, "html") != NULL || strstr(head, "xml") != NULL;
	text = hl == 0 || head[0] == ';' || g_str_has_prefix(head, "text/") || markup;
	g_free(head);
	if (!text)
		return false;
	dl = n - hl - 6;
	GString *raw = g_string_sized_new(dl);

	seal_html_percent_decode(comma + 1, dl, raw);
	if (b64) {
		gsize blen = 0;
		guchar *bin;
		size_t k = 0;

		/* base64 with white space removed */
		for (size_t i = 0; i < raw->len; i++)
			if (!is_ws(raw->str[i]))
				raw->str[k++] = raw->str[i];
		g_string_truncate(raw, k);
		bin = g_base64_decode(raw->str, &blen);
		g_string_truncate(raw, 0);
		g_string_append_len(raw, (const char *)bin, (gssize)blen);
		g_free(bin);
	}
	if (seal_textsniff((const uint8_t *)raw->str, raw->len, NULL) != SEAL_SNIFF_NONE) {
		/* UTF-16/32 (by mark or pattern): what a browser decodes */
		size_t ul = 0;
		char *u = seal_textsniff_to_utf8((const uint8_t *)raw->str, raw->len,
		    seal_textsniff((const uint8_t *)raw->str, raw->len, NULL), &ul);

		memset(raw->str, 0, raw->len);
		g_string_truncate(raw, 0);
		g_string_append_len(raw, u, (gssize)ul);
		g_free(u);
	}
	if (markup) {
		size_t tl = 0;
		char *t = to_text(raw->str, raw->len, &tl);

		g_string_append_len(out, t, (gssize)tl);
		g_free(t);
	} else
		g_string_append_len(out, raw->str, (gssize)raw->len);
	g_string_free(raw, TRUE);
	return true;
}

/* Appends one kept value, paragraph-separated, when it may hold a number. */
static void
keep_value(const char *v, size_t n, bool url, seal_html_text_fn to_text, GString *attrs)
{
	GString *dec = g_string_sized_new(n + 1), *val;
	bool digit = false;

	seal_html_decode_refs(v, n, dec);
	val = dec;
	if (url) {
		val = g_string_sized_new(dec->len + 1);
		/* a data: URI of another type (an image) holds no text */
		if (dec->len > 5 && g_ascii_strncasecmp(dec->str, "data:", 5) == 0)
			data_uri(dec->str, dec->len, to_text, val);
		else
			seal_html_percent_decode(dec->str, dec->len, val);
	}
	/* any non-ASCII byte may be a digit of another script or a fullwidth one */
	for (size_t i = 0; i < val->len && !digit; i++)
		digit = g_ascii_isdigit(val->str[i]) || (val->str[i] & 0x80);
	if (digit) {
		g_string_append_len(attrs, val->str, (gssize)val->len);
		g_string_append(attrs, "\n\n");
	}
	if (val != dec)
		g_string_free(val, TRUE);
	g_string_free(dec, TRUE);
}

/* One attribute name=value of the element name. */
static unsigned
attribute(const char *name, const char *an, size_t anl, const char *v, size_t vl,
	const seal_html_css *css, seal_html_text_fn to_text, GString *attrs,
	seal_html_pictures *pics)
{
	char a[24];
	GString *s;
	unsigned f = 0;
	size_t k = 0;

	if (anl >= sizeof(a))
		return 0;
	for (size_t i = 0; i < anl; i++)
		a[i] = g_ascii_tolower(an[i]);
	a[anl] = '\0';
	if (strcmp(a, "hidden") == 0)
		return SEAL_HTML_HIDDEN;
	if (strcmp(a, "id") == 0)
		return seal_html_css_flags(css, "#", v, vl);
	if (strcmp(a, "class") == 0) {
		for (size_t i = 0; i < vl; i++) {
			size_t j = i;

			while (j < vl && !is_ws(v[j]))
				j++;
			if (j > i)
				f |= seal_html_css_flags(css, ".", v + i, j - i);
			i = j;
		}
		return f;
	}
	if (strcmp(a, "style") == 0 || (strcmp(a, "dir") == 0 && strcmp(name, "bdo") == 0)) {
		s = g_string_sized_new(vl + 1);
		seal_html_decode_refs(v, vl, s);
		/* a background picture, before case and spaces are folded */
		if (pics != NULL && a[0] == 's')
			seal_html_css_pictures(s->str, s->len, pics);
		for (size_t i = 0; i < s->len; i++)
			if (!is_ws(s->str[i]))
				s->str[k++] = g_ascii_tolower(s->str[i]);
		g_string_truncate(s, k);
		if (a[0] == 's')
			f = seal_html_style_flags(s->str);
		else if (strcmp(s->str, "rtl") == 0)
			f = SEAL_HTML_RTL;
		g_string_free(s, TRUE);
		return f;
	}
	if (attrs == NULL)
		return 0;
	if (pics != NULL && vl > 11 && (strcmp(a, "src") == 0 ||
	    strcmp(a, "background") == 0 || strcmp(a, "poster") == 0))
		seal_html_keep_picture(v, vl, pics);
	if (strcmp(a, "href") == 0 || strcmp(a, "xlink:href") == 0 ||
	    (strcmp(a, "src") == 0 && vl > 5 && g_ascii_strncasecmp(v, "data:", 5) == 0))
		keep_value(v, vl, true, to_text, attrs);
	else if (strcmp(a, "title") == 0 || strcmp(a, "alt") == 0 ||
	    strcmp(a, "value") == 0 || strcmp(a, "placeholder") == 0 ||
	    strcmp(a, "aria-label") == 0 || strcmp(a, "label") == 0)
		keep_value(v, vl, false, to_text, attrs);
	return 0;
}

unsigned
seal_html_attrs(const char *h, size_t i, size_t end, const char *name,
	const seal_html_css *css, seal_html_text_fn to_text, GString *attrs,
	seal_html_pictures *pics)
{
	unsigned f = seal_html_css_flags(css, "", name, strlen(name));

	for (;;) {
		size_t ns, ne, vs, ve;

		while (i < end && (is_ws(h[i]) || h[i] == '/'))
			i++;
		if (i >= end || h[i] == '>')
			return f;
		ns = i++;
		while (i < end && !is_ws(h[i]) && h[i] != '/' && h[i] != '>' && h[i] != '=')
			i++;
		ne = i;
		while (i < end && is_ws(h[i]))
			i++;
		if (i >= end || h[i] != '=') {
			f |= attribute(name, h + ns, ne - ns, "", 0, css, to_text, attrs, pics);
			continue;
		}
		i++;
		while (i < end && is_ws(h[i]))
			i++;
		if (i < end && (h[i] == '"' || h[i] == '\'')) {
			const char *q = memchr(h + i + 1, h[i], end - i - 1);

			vs = i + 1;
			ve = q != NULL ? (size_t)(q - h) : end;
			i = ve + 1;
		} else {
			vs = i;
			while (i < end && !is_ws(h[i]) && h[i] != '>')
				i++;
			ve = i;
		}
		f |= attribute(name, h + ns, ne - ns, h + vs, ve - vs, css, to_text, attrs,
		    pics);
	}
}
