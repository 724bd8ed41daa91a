/*
 * fuzz_picmeta.c - the metadata reader of pictures (picmeta.h: PNG text
 * chunks, JPEG segments, WebP chunks, EXIF through libexif, XMP) on
 * arbitrary bytes: a picture is read as it comes in a message.
 */
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "picmeta.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GString *out = g_string_new(NULL);

	(void)seal_picmeta_text(data, size, out);
	/* UTF-8 out, within the bound (1 MiB and the paragraph ends) */
	if (!g_utf8_validate(out->str, (gssize)out->len, NULL) ||
	    out->len > 1024 * 1024 + 2)
		__builtin_trap();
	g_string_free(out, TRUE);
	return 0;
}
