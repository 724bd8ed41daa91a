/*
 * fuzz_calendar.c - content-line unfolding and the iCalendar and vCard
 * readers (contentline.h, calendar.h, vcard.h) on arbitrary bytes made
 * valid UTF-8 (as the MIME walk hands them over): every unfolded line is
 * within the input's length, every text handed over is valid UTF-8 of its
 * stated length, and unescaping never grows a value.
 *
 * GMime keeps every charset name it was asked for (CHARSET=...) in a
 * cache until g_mime_shutdown: set up once, shut down at exit.
 */
#include <string.h>

#include <stdlib.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "calendar.h"
#include "contentline.h"
#include "fuzz.h"
#include "vcard.h"

static seal_status
check_text(void *ctx, const char *label, const char *text, size_t len, seal_err *err)
{
	(void)ctx;
	(void)err;
	if (label == NULL || !g_utf8_validate(text, (gssize)len, NULL))
		__builtin_trap();
	return SEAL_OK;
}

static seal_status
check_blob(void *ctx, const char *label, const char *fmttype, const uint8_t *data,
	size_t len, seal_err *err)
{
	unsigned sum = 0;

	(void)ctx;
	(void)fmttype;
	(void)err;
	for (size_t i = 0; i < len; i++)
		sum += data[i];
	(void)sum;
	return label != NULL ? SEAL_OK : SEAL_ERR_IO;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = g_utf8_make_valid((const char *)data, (gssize)size);
	size_t len = strlen(text), n, un;
	seal_cl_hooks h = { check_text, check_blob, NULL };
	seal_cl_reader r;
	seal_cl_line l;
	seal_err err;
	char *line;

	static int ready;

	if (!ready) {
		g_mime_init();
		atexit(g_mime_shutdown);
		ready = 1;
	}
	memset(&err, 0, sizeof(err));
	seal_cl_reader_init(&r, text, len);
	while ((line = seal_cl_next(&r, &n)) != NULL) {
		if (n > len)
			__builtin_trap();
		if (seal_cl_parse(line, n, &l) == 0) {
			char *v = seal_cl_unescape(l.value, l.vlen, ' ', &un);

			if (un > l.vlen)
				__builtin_trap();
			g_free(v);
			seal_cl_line_clear(&l);
		}
		g_free(line);
	}
	(void)seal_calendar_sniff(text, len);
	(void)seal_vcard_sniff(text, len);
	if (seal_calendar_read(text, len, &h, &err) != SEAL_OK ||
	    seal_vcard_read(text, len, &h, &err) != SEAL_OK)
		__builtin_trap();
	g_free(text);
	return 0;
}
