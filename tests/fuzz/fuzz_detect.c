/*
 * fuzz_detect.c - HTML to text, normalisation and detection on arbitrary
 * text (made valid UTF-8 first, as the extract layer guarantees).
 */
#include <string.h>

#include <glib.h>

#include "detect.h"
#include "fuzz.h"
#include "html.h"
#include "normalize.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const seal_date date = { 2026, 6, 1 };
	gchar *text = g_utf8_make_valid((const gchar *)data, (gssize)size);
	size_t tlen, nlen;
	char *html = seal_html_to_text(text, strlen(text), &tlen);
	GArray *found = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	char *norm;

	norm = seal_normalize(text, strlen(text), &nlen);
	seal_detect(norm, nlen, &date, found);
	g_free(norm);
	norm = seal_normalize(html, tlen, &nlen);
	seal_detect(norm, nlen, &date, found);
	seal_detect_count_digit_runs(norm, nlen);
	g_free(norm);
	g_free(html);
	g_free(text);
	g_array_free(found, TRUE);
	return 0;
}
