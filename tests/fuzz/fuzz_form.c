/*
 * fuzz_form.c - the console's form decoding (web/form.c) on arbitrary
 * bytes: a table or NULL, never a crash; every value it keeps is UTF-8
 * without NUL.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "form.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GHashTable *form = web_form_parse((const char *)data, size, WEB_FORM_FIELDS_MAX);
	GHashTableIter it;
	gpointer k, v;

	if (form == NULL)
		return 0;
	g_hash_table_iter_init(&it, form);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (!g_utf8_validate(k, -1, NULL) || !g_utf8_validate(v, -1, NULL))
			abort();
	g_hash_table_destroy(form);
	return 0;
}
