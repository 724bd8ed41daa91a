/*
 * fuzz_tnef.c - the TNEF reader (tnef.h: structure check, libytnef,
 * compressed RTF, attached messages) on arbitrary bytes (the
 * compressed-RTF decoder alone: fuzz_lzfu.c). Texts and file names
 * handed over are valid UTF-8; a hook never sees bytes past its length
 * (ASan); the reader never reports an error of its own (hooks succeed).
 */
#include <glib.h>

#include "fuzz.h"
#include "tnef.h"

static seal_status
on_text(void *ctx, const char *label, const char *text, size_t len, seal_err *err)
{
	(void)ctx;
	(void)err;
	if (!g_utf8_validate(text, (gssize)len, NULL) || !g_utf8_validate(label, -1, NULL))
		__builtin_trap();
	return SEAL_OK;
}

static seal_status
on_file(void *ctx, const char *name, const uint8_t *d, size_t len, seal_err *err)
{
	unsigned *sum = ctx;

	(void)err;
	for (size_t i = 0; i < len; i++)
		*sum += d[i];
	if (!g_utf8_validate(name, -1, NULL))
		__builtin_trap();
	return SEAL_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sum = 0;
	seal_tnef_hooks h = { on_text, on_file, &sum, NULL };
	char reason[120];

	if (seal_tnef_extract(data, size, &h, reason, sizeof(reason), NULL) == SEAL_TNEF_ERROR)
		__builtin_trap();
	return 0;
}
