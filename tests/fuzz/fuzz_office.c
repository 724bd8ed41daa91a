/*
 * fuzz_office.c - office documents (office.h) on arbitrary bytes. The
 * first byte picks the way in: the document XML reader and the
 * relationships reader (office_xml.c, where libxml2 meets the input) on
 * the rest as an XML part, or the whole package reader (zip with libzip,
 * content sniffing, nested archives) on it. Texts handed over must be
 * valid UTF-8 at their stated length; only a hook failure may give
 * SEAL_OFFICE_ERROR, and an unscannable result always says why.
 */
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "office.h"
#include "office_internal.h"

static seal_status
on_text(void *ctx, const char *name, const char *detail, const char *text, size_t len,
	seal_err *err)
{
	(void)ctx;
	(void)detail;
	(void)err;
	if (name == NULL || !g_utf8_validate(text, (gssize)len, NULL))
		__builtin_trap();
	return SEAL_OK;
}

static seal_status
on_binary(void *ctx, const char *name, const char *data, size_t len, seal_err *err)
{
	(void)ctx;
	(void)name;
	(void)err;
	if (len > 0 && data == NULL)
		__builtin_trap();
	return SEAL_OK;
}

static void
package(const char *data, size_t len)
{
	seal_office_hooks h = { .text = on_text, .binary = on_binary };
	seal_office_limits lim;
	seal_err err;
	char reason[200] = "";
	unsigned uninspected = 0;
	seal_office_status st;

	seal_office_limits_default(&lim);
	/* small caps: a bomb is found early, and the fuzzer stays fast */
	lim.max_total = 8u << 20;
	seal_err_clear(&err);
	st = seal_office_extract(data, len, &lim, &h, &uninspected, reason, sizeof(reason), &err);
	if (st == SEAL_OFFICE_ERROR || (st == SEAL_OFFICE_UNSCANNABLE && reason[0] == '\0'))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *rest = (const char *)data + 1;
	GString *out;

	if (size == 0)
		return 0;
	seal_office_init();
	switch (data[0] % 3) {
	case 0:
		package(rest, size - 1);
		break;
	case 1:
	case 2:
		out = g_string_new(NULL);
		if ((data[0] % 3 == 1 ? office_xml_text(rest, size - 1, out)
		    : office_rels_text(rest, size - 1, out)) == 0 &&
		    !g_utf8_validate(out->str, (gssize)out->len, NULL))
			__builtin_trap();
		g_string_free(out, TRUE);
		break;
	}
	return 0;
}
