/*
 * html.h - HTML to text for scanning (spec section 2.1, classes E7 and E6).
 *
 * Inline elements vanish, <br> is one line break, <td>/<th> a TAB, every
 * other tag a paragraph break; comments, script and style are dropped;
 * character references are decoded exactly once after tag removal.
 * Input: UTF-8 HTML (any garbage allowed). Output: new NUL-terminated UTF-8,
 * owned by the caller (g_free), length in *out_len. Never fails. Thread safe.
 */
#ifndef SEAL_HTML_H
#define SEAL_HTML_H

#include <stddef.h>

char *seal_html_to_text(const char *html, size_t len, size_t *out_len);

#endif
