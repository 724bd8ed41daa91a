/*
 * fuzz_html.c - the HTML reader's three views (full, shown, attribute
 * text, with <style> blocks read) and the XML view on arbitrary bytes
 * made valid UTF-8 first, as the MIME walk hands them over.
 */
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "html.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gchar *text = g_utf8_make_valid((const gchar *)data, (gssize)size);
	size_t len = strlen(text), xl = 0;
	seal_html_text *t = seal_html_read(text, len);
	char *x = seal_html_xml_to_text(text, len, &xl);

	/* the views are NUL-terminated at their stated lengths */
	if (t->full[t->full_len] != '\0' || t->attrs[t->attrs_len] != '\0' ||
	    (t->shown != NULL && t->shown[t->shown_len] != '\0') || x[xl] != '\0')
		__builtin_trap();
	seal_html_text_free(t);
	g_free(x);
	g_free(text);
	return 0;
}
