/*
 * office_run.c - the steps both files of the office reader's walk share
 * (office_internal.h): naming an entry safely in a reason, ending a run as
 * unscannable, handing text to the hook, and finding a zip inside data
 * (not inside another archive: unpack.h tells).
 * Below office.c (archives) and office_sniff.c (entries): they call it, it
 * calls neither; a nested archive is opened through run->archive.
 */
#include <stdarg.h>
#include <string.h>

#include <glib.h>

#include "office.h"
#include "office_internal.h"
#include "unpack.h"

/* The EOCD record is 22 bytes, followed by a comment of up to 64 KiB. */
#define OFFICE_EOCD_SIZE 22
#define OFFICE_EOCD_WINDOW (OFFICE_EOCD_SIZE + 65535)

void
office_safe_name(const char *name, char *out, size_t size)
{
	size_t i, o = 0, run;

	for (i = 0; name[i] != '\0' && o + 1 < size && o < 60; i++) {
		if (!g_ascii_isdigit(name[i])) {
			out[o++] = name[i];
			continue;
		}
		for (run = 0; g_ascii_isdigit(name[i + run]); run++)
			;
		for (size_t k = 0; k < run && o + 1 < size; k++)
			out[o++] = run >= 5 ? 'X' : name[i + k];
		i += run - 1;
	}
	out[o] = '\0';
}

seal_office_status
office_unscannable(struct office_run *run, const char *fmt, ...)
{
	va_list ap;

	if (run->reason != NULL && run->reason_size > 0) {
		va_start(ap, fmt);
		g_vsnprintf(run->reason, run->reason_size, fmt, ap);
		va_end(ap);
	}
	return SEAL_OFFICE_UNSCANNABLE;
}

seal_office_status
office_emit_at(struct office_run *run, const char *name, const char *detail,
	const char *text, size_t len)
{
	if (len == 0)
		return SEAL_OFFICE_OK;
	if (run->hooks->text(run->hooks->ctx, name, detail, text, len, run->err) != SEAL_OK)
		return SEAL_OFFICE_ERROR;
	return SEAL_OFFICE_OK;
}

seal_office_status
office_emit(struct office_run *run, const char *name, const char *text, size_t len)
{
	return office_emit_at(run, name, NULL, text, len);
}

static uint32_t
office_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* The position of the last "PK\5\6" in the EOCD window, or -1. */
static gssize
office_eocd_pos(const char *data, size_t len)
{
	size_t lo;

	if (data == NULL || len < OFFICE_EOCD_SIZE)
		return -1;
	lo = len > OFFICE_EOCD_WINDOW ? len - OFFICE_EOCD_WINDOW : 0;
	for (size_t i = len - OFFICE_EOCD_SIZE + 1; i-- > lo;)
		if (memcmp(data + i, "PK\005\006", 4) == 0)
			return (gssize)i;
	return -1;
}

int
seal_office_has_eocd(const char *data, size_t len)
{
	return office_eocd_pos(data, len) >= 0;
}

/*
 * Where the zip starts. At byte 0 with a signature; else the EOCD record
 * says: its central directory (size S, offset O from the zip's start) ends
 * where the EOCD begins, so the zip starts at EOCD - S - O, unless the
 * offsets already count from the file start (zip -A): then libzip reads
 * the whole data as it is (start 0). The central directory must start with
 * "PK\1\2" either way, so a PDF or image that merely holds "PK\5\6" near
 * its end is not taken for a zip.
 */
size_t
office_zip_start(const char *data, size_t len, int *found)
{
	const unsigned char *e;
	uint32_t cd_size, cd_off;
	gssize pos;
	size_t cd;

	*found = 0;
	if (len >= 4 && (memcmp(data, "PK\003\004", 4) == 0 ||
	    memcmp(data, "PK\005\006", 4) == 0)) {
		*found = 1;
		return 0;
	}
	if ((pos = office_eocd_pos(data, len)) < 0)
		return 0;
	e = (const unsigned char *)data + pos;
	cd_size = office_le32(e + 12);
	cd_off = office_le32(e + 16);
	if (cd_size == 0 || cd_size > (size_t)pos)
		return 0;
	cd = (size_t)pos - cd_size;
	if (memcmp(data + cd, "PK\001\002", 4) != 0)
		return 0;
	/* the data before the zip is no stub but an archive of its own (a tar
	 * whose last member is a docx): the zip is one member of it */
	if (seal_archive_is_other_format((const uint8_t *)data, len))
		return 0;
	*found = 1;
	if (cd_off == cd)
		return 0;               /* offsets from the file start */
	if (cd_off > cd)
		return 0;               /* offsets beyond: libzip says "damaged" */
	return cd - cd_off;
}
