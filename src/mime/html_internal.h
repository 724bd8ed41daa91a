/*
 * html_internal.h - what the HTML reader's files share (html.c: tags and
 * element state; html_entities.c: character references; html_attrs.c:
 * attribute values a reader sees or follows; html_css.c: style sheets;
 * html_pictures.c: data: URI pictures).
 * Not part of libseal's
 * interface. All functions append to caller-owned GStrings and never fail.
 */
#ifndef SEAL_HTML_INTERNAL_H
#define SEAL_HTML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

/*
 * SVG <text> elements drawn side by side on one baseline (html_svgtext.c):
 * "<text x="10" y="40">CPR 0707</text><text x="106" y="40">61-4285</text>"
 * is one line on screen. The XML view calls open and close for each text
 * element instead of writing its line breaks.
 */
typedef struct seal_svg_line {
	bool prev;              /* a text element with a position closed before */
	double px, py, pfs;     /* its x, y and font size */
	double pend;            /* where it ends: x + characters * 0.6 em */
	size_t pbreak;          /* the text's length before its closing break */
	bool open;              /* a text element with a position is open */
	double x, y, fs;
	size_t start;           /* the text's length where its content starts */
} seal_svg_line;

/*
 * <text ...> opens (tag: its attribute bytes): appends the line break
 * that starts it, or, when it continues the previous text element's line
 * (same baseline, starting within three characters of where that one
 * ends, only white space between), cuts that white space and appends
 * nothing (or a space, for a gap over a third of a character).
 */
void seal_svg_text_open(seal_svg_line *l, GString *full, const char *tag, size_t n);

/* </text>: appends the line break that ends it. */
void seal_svg_text_close(seal_svg_line *l, GString *full);

/* Decodes character references in t once (HTML5 rules) and appends to out. */
void seal_html_decode_refs(const char *t, size_t len, GString *out);

/* Flags an element's attributes give it (html_attrs.c). */
enum {
	SEAL_HTML_HIDDEN = 1,   /* hidden attribute or an inline style that hides */
	SEAL_HTML_RTL = 2       /* dir=rtl on <bdo>, or CSS bidi-override + rtl */
};

/*
 * Reads the attributes of one tag, h[i..end) (end is just past '>'), for
 * the element name: appends the values a reader sees or follows (href,
 * title, alt, value, placeholder, aria-label, data: src), decoded, each
 * followed by a paragraph break, to attrs (when not NULL); returns the
 * SEAL_HTML_* flags. A data: URI holding HTML or SVG is read by to_text
 * (the caller's own reader, seal_html_to_text: the attribute reader does
 * not call back into html.c).
 */
typedef struct seal_html_css seal_html_css;
typedef char *(*seal_html_text_fn)(const char *html, size_t len, size_t *out_len);

/* Pictures kept from data: URIs (html.h seal_html_text.pictures). */
typedef struct seal_html_pictures {
	GPtrArray *list;        /* GByteArray each, decoded */
	size_t bytes;           /* their sizes added up */
	unsigned dropped;       /* past the bounds below: not kept */
} seal_html_pictures;

#define SEAL_HTML_MAX_PICTURES 64
#define SEAL_HTML_MAX_PICTURE_BYTES (32u << 20)

/* Appends v[0..n) percent-decoded (html_pictures.c). */
void seal_html_percent_decode(const char *v, size_t n, GString *out);

/*
 * A data:image/ URI value v[0..n) (character references not yet decoded)
 * kept in pics (html_pictures.c); other values are left.
 */
void seal_html_keep_picture(const char *v, size_t n, seal_html_pictures *pics);

/*
 * The data:image/ URIs of the url() values in CSS text (a style
 * attribute with references decoded, or a <style> block) kept in pics.
 */
void seal_html_css_pictures(const char *css, size_t n, seal_html_pictures *pics);

unsigned seal_html_attrs(const char *h, size_t i, size_t end, const char *name,
	const seal_html_css *css, seal_html_text_fn to_text, GString *attrs,
	seal_html_pictures *pictures);

/*
 * Flags of an inline style value (lower case, white space removed), the
 * same test for style attributes and style sheet rules (html_css.c).
 */
unsigned seal_html_style_flags(const char *css);

/*
 * The <style> blocks of h[0..len) (html_css.c): the simple selectors whose
 * rules hide, and the digits of CSS generated content, appended to attrs
 * (when not NULL) like attribute values; their url(data:image/...)
 * pictures kept in pics (when not NULL). Owned by the caller; never NULL.
 */
seal_html_css *seal_html_css_read(const char *h, size_t len, GString *attrs,
	seal_html_pictures *pics);

/* Flags a selector gives: kind is "." (class), "#" (id) or "" (element). */
unsigned seal_html_css_flags(const seal_html_css *css, const char *kind,
	const char *name, size_t n);

seal_html_css *seal_html_css_free(seal_html_css *css);

#endif
