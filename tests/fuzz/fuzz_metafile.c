/*
 * fuzz_metafile.c - the text reader of EMF, EMF+ and WMF pictures
 * (metafile.h) on arbitrary bytes: a metafile is read as it comes in a
 * message, a document or an RTF picture.
 */
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "metafile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GString *out = g_string_new(NULL);
	seal_metafile_info info;
	int rc = seal_metafile_text(data, size, out, &info);

	/* UTF-8 out, nothing for what is no metafile, within the bound */
	if (!g_utf8_validate(out->str, (gssize)out->len, NULL) ||
	    (rc != 0 && out->len > 0) || out->len > 2 * 1024 * 1024)
		__builtin_trap();
	g_string_free(out, TRUE);
	return 0;
}
