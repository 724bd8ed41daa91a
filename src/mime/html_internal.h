/*
 * html_internal.h - what the HTML reader's files share (html.c: tags and
 * element state; html_entities.c: character references; html_attrs.c:
 * attribute values a reader sees or follows). Not part of libseal's
 * interface. All functions append to caller-owned GStrings and never fail.
 */
#ifndef SEAL_HTML_INTERNAL_H
#define SEAL_HTML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

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
 * SEAL_HTML_* flags.
 */
unsigned seal_html_attrs(const char *h, size_t i, size_t end, const char *name,
	GString *attrs);

#endif
