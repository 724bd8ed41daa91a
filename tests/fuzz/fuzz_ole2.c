/*
 * fuzz_ole2.c - the compound-file reader (ole2read.h: Word piece table,
 * Excel records, PowerPoint atoms, Outlook items, property sets) on
 * arbitrary bytes (the compressed-RTF decoder alone: fuzz_lzfu.c). Texts must be
 * valid UTF-8; only a hook failure may give READ_ERROR.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "ole2read.h"

static seal_status
on_text(void *ctx, const char *name, const char *text, size_t len, seal_err *err)
{
	(void)ctx;
	(void)err;
	if (!g_utf8_validate(name, -1, NULL) || !g_utf8_validate(text, (gssize)len, NULL))
		__builtin_trap();
	return SEAL_OK;
}

static seal_status
on_file(void *ctx, const char *name, const uint8_t *data, size_t len, seal_err *err)
{
	(void)ctx;
	(void)name;
	(void)err;
	if (len > 0 && data == NULL)
		__builtin_trap();
	return SEAL_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* pictures too: the BLIP search (ole2pict.c) runs on every input */
	seal_ole2_hooks h = { on_text, on_file, NULL, NULL, on_file };
	seal_err err = { 0 };
	char reason[160];

	if (seal_ole2_read(data, size, &h, reason, sizeof(reason), &err) ==
	    SEAL_OLE2_READ_ERROR)
		__builtin_trap();
	return 0;
}
