/*
 * fuzz_rtf.c - the RTF reader (rtftext.h) on arbitrary bytes: the text is
 * valid UTF-8, NUL-terminated at its stated length; the objects are within
 * their bound and each object's bytes readable to the end (ASan checks).
 */
#include <glib.h>

#include "fuzz.h"
#include "rtftext.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	seal_rtf_doc *doc = seal_rtf_read((const char *)data, size);
	unsigned sum = 0;

	if (!g_utf8_validate(doc->text, (gssize)doc->text_len, NULL) ||
	    doc->text[doc->text_len] != '\0' || doc->objects->len > SEAL_RTF_MAX_OBJECTS)
		__builtin_trap();
	for (guint k = 0; k < doc->objects->len; k++) {
		seal_rtf_object *o = g_ptr_array_index(doc->objects, k);

		for (size_t i = 0; i < o->len; i++)
			sum += o->data[i];
		if (!g_utf8_validate(o->name, -1, NULL))
			__builtin_trap();
	}
	(void)sum;
	seal_rtf_doc_free(doc);
	return 0;
}
