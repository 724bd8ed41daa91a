/*
 * html_sniff.c - is a text markup, and which kind (html.h). Used where a
 * text comes without a trustworthy label: an archive member, an
 * application/octet-stream attachment, an entry of a plain zip. The
 * readers then add the markup's views (text without tags, attribute
 * values, SVG's text runs joined) to the raw text: a number split by
 * tags ("0707<span>61-4285</span>") is one number on the recipient's
 * screen.
 */
#include <string.h>

#include <glib.h>

#include "html.h"

/* Bytes looked at for the HTML signs after the first '<'. */
#define SNIFF_HEAD 1024

/* Past a UTF-8 byte order mark, white space and leading comments. */
static size_t
markup_start(const char *t, size_t n)
{
	size_t i = 0;
	const char *end;

	if (n >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (;;) {
		while (i < n && g_ascii_isspace(t[i]))
			i++;
		if (n - i < 4 || memcmp(t + i, "<!--", 4) != 0)
			return i;
		end = g_strstr_len(t + i + 4, (gssize)MIN(n - i - 4, (size_t)SNIFF_HEAD), "-->");
		if (end == NULL)
			return i;
		i = (size_t)(end + 3 - t);
	}
}

int
seal_html_sniff(const char *t, size_t n)
{
	char head[SNIFF_HEAD + 1];
	size_t i = markup_start(t, n), h;

	if (i >= n || t[i] != '<' || i + 1 >= n)
		return SEAL_MARKUP_NONE;
	h = MIN(n - i, (size_t)SNIFF_HEAD);
	for (size_t k = 0; k < h; k++)
		head[k] = g_ascii_tolower(t[i + k]);
	head[h] = '\0';
	if (strstr(head, "<!doctype html") != NULL || strstr(head, "<html") != NULL ||
	    strstr(head, "<body") != NULL)
		return SEAL_MARKUP_HTML;
	if (strncmp(head, "<?xml", 5) == 0 || strncmp(head, "<!doctype", 9) == 0 ||
	    g_ascii_isalpha(t[i + 1]))      /* i + 1 < n: checked above */
		return SEAL_MARKUP_XML;
	return SEAL_MARKUP_NONE;
}
