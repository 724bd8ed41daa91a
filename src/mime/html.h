/*
 * html.h - HTML to text for scanning (spec section 2.1, classes E7 and E6).
 *
 * Inline elements (all but the block list, so custom elements, Word's o:p
 * and smart tags, VML, SVG tspan) vanish, <br> is one line break,
 * <td>/<th> a TAB, a block element a paragraph break; comments, script
 * and style are dropped, the content of conditional
 * comments (<!--[if mso]>) is read; <bdo dir=rtl> content is wrapped in
 * U+202E ... U+202C (normalize.c reads it as shown); character references
 * (the full HTML5 set) are decoded exactly once after tag removal.
 * Input: UTF-8 HTML (any garbage allowed). Outputs: new NUL-terminated
 * valid UTF-8, owned by the caller. Never fails. Thread safe.
 */
#ifndef SEAL_HTML_H
#define SEAL_HTML_H

#include <stddef.h>

#include <glib.h>

/* The full text (hidden elements kept); g_free the result. */
char *seal_html_to_text(const char *html, size_t len, size_t *out_len);

/*
 * XML with character references as a viewer shows it: tags removed, each
 * a line break (elements are data fields), CDATA sections as text,
 * references decoded once.
 */
char *seal_html_xml_to_text(const char *xml, size_t len, size_t *out_len);

/*
 * 1 when the XML s draws SVG text that the view above joins and the raw
 * text does not: runs inside a text element (tspan, textPath, tref), or
 * two text elements or more, which may stand side by side on one line
 * (html_svgtext.c).
 */
int seal_html_svg_runs(const char *s, size_t n);

typedef struct seal_html_text {
	char *full;             /* every element's text, hidden ones too */
	size_t full_len;
	char *shown;            /* without elements inline style hides; NULL when
	                         * it equals full (then scanning full suffices) */
	size_t shown_len;
	char *attrs;            /* attribute values a reader sees or follows (href,
	                         * title, alt, value, placeholder, aria-label, data:
	                         * URIs), decoded, each ended by a paragraph break so
	                         * each is read on its own; "" when none has a digit */
	size_t attrs_len;
	GPtrArray *pictures;    /* GByteArray each: the decoded bytes of data:
	                         * URI pictures (image/...) in src, background and
	                         * poster attributes and in CSS url() values (style
	                         * attributes, <style> blocks: backgrounds), which
	                         * Apple Mail and Thunderbird show; for OCR. NULL
	                         * when none */
	unsigned pictures_dropped; /* more than 64 or 32 MiB: not kept */
} seal_html_text;

/* All three views; free with seal_html_text_free (which wipes them). */
seal_html_text *seal_html_read(const char *html, size_t len);

/*
 * What a text is by its start (html_sniff.c), after a UTF-8 byte order
 * mark, white space and comments: HTML when the first KiB holds
 * "<!doctype html", "<html" or "<body"; XML when it starts with an XML
 * declaration, a document type or an element; else none. A fragment of
 * HTML ("<p>...") counts as XML: the caller decides by a file name.
 */
enum { SEAL_MARKUP_NONE = 0, SEAL_MARKUP_XML = 1, SEAL_MARKUP_HTML = 2 };
int seal_html_sniff(const char *t, size_t n);
seal_html_text *seal_html_text_free(seal_html_text *t);

#endif
