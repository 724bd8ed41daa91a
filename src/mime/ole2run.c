/*
 * ole2run.c - the steps the compound-file readers share
 * (ole2read_internal.h): bounded stream reads, text conversion, the hook.
 * Called by ole2read.c and the format readers; calls none of them.
 */
#include <stdarg.h>
#include <string.h>

#include <gsf/gsf-infile-impl.h>

#include "office.h"
#include "ole2read_internal.h"

#define OLE2_CHUNK 65536

/* Windows-1252 0x80-0x9F ([MS-DOC] 2.9.73 maps compressed text the same way). */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178
};

uint16_t
ole2_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

uint32_t
ole2_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

seal_ole2_read_status
ole2_unscannable(struct ole2_run *run, const char *fmt, ...)
{
	va_list ap;

	if (run->reason != NULL && run->reason_size > 0 && run->reason[0] == '\0') {
		va_start(ap, fmt);
		g_vsnprintf(run->reason, run->reason_size, fmt, ap);
		va_end(ap);
	}
	return SEAL_OLE2_READ_UNSCANNABLE;
}

/*
 * Through the class method rather than gsf_infile_child_by_index, which
 * logs the storage's name (the file's content) when a child fails.
 */
GsfInput *
ole2_child_at(GsfInfile *in, int i, int *damaged)
{
	GError *e = NULL;
	GsfInput *c = GSF_INFILE_CLASS(G_OBJECT_GET_CLASS(in))->child_by_index(in, i, &e);

	if (e != NULL)
		g_error_free(e);
	if (c == NULL && damaged != NULL)
		*damaged = 1;
	return c;
}

/* The index of the child called name, or -1. */
static int
ole2_find(GsfInfile *in, const char *name)
{
	int n = in != NULL ? gsf_infile_num_children(in) : 0;

	for (int i = 0; i < n; i++) {
		const char *cn = gsf_infile_name_by_index(in, i);

		if (cn != NULL && strcmp(cn, name) == 0)
			return i;
	}
	return -1;
}

int
ole2_has(GsfInfile *in, const char *name)
{
	return ole2_find(in, name) >= 0;
}

GsfInput *
ole2_child(GsfInfile *in, const char *name, int *damaged)
{
	int i = ole2_find(in, name);

	return i >= 0 ? ole2_child_at(in, i, damaged) : NULL;
}

void
ole2_wipe(GByteArray *b)
{
	if (b == NULL)
		return;
	if (b->len > 0)
		memset(b->data, 0, b->len);
	g_byte_array_free(b, TRUE);
}

seal_ole2_read_status
ole2_read_input(struct ole2_run *run, GsfInput *in, GByteArray **out)
{
	gsf_off_t size;
	size_t left;

	*out = NULL;
	if (in == NULL)
		return SEAL_OLE2_READ_OK;
	size = gsf_input_size(in);
	if (size < 0 || (uint64_t)size > run->max_stream)
		return ole2_unscannable(run, "compound document stream larger than the file");
	if ((uint64_t)size > run->budget - run->total)
		return ole2_unscannable(run, "compound document larger than %llu bytes "
		    "when read", (unsigned long long)run->budget);
	run->total += (uint64_t)size;
	*out = g_byte_array_sized_new((guint)size);
	left = (size_t)size;
	while (left > 0) {
		size_t n = MIN(left, (size_t)OLE2_CHUNK);
		const guint8 *p = gsf_input_read(in, n, NULL);

		if (p == NULL) {
			ole2_wipe(*out);
			*out = NULL;
			return ole2_unscannable(run, "damaged compound document stream");
		}
		g_byte_array_append(*out, p, (guint)n);
		left -= n;
	}
	return SEAL_OLE2_READ_OK;
}

seal_ole2_read_status
ole2_read_child(struct ole2_run *run, GsfInfile *in, const char *name, GByteArray **out)
{
	int damaged = 0;
	GsfInput *c = ole2_child(in, name, &damaged);
	seal_ole2_read_status st = damaged ?
	    ole2_unscannable(run, "damaged compound document stream") :
	    ole2_read_input(run, c, out);

	if (c != NULL)
		g_object_unref(c);
	return st;
}

seal_ole2_read_status
ole2_emit_at(struct ole2_run *run, const char *prefix, const char *name,
	const char *detail, const char *text, size_t len)
{
	char *full, *inner = NULL;
	seal_status st;

	if (len == 0)
		return SEAL_OLE2_READ_OK;
	full = prefix != NULL ? g_strdup_printf("%s/%s", prefix, name) : g_strdup(name);
	if (detail != NULL && run->hooks->text_at != NULL) {
		if (prefix != NULL)
			detail = inner = g_strconcat(SEAL_OFFICE_INNER, detail, NULL);
		st = run->hooks->text_at(run->hooks->ctx, full, detail, text, len, run->err);
	} else
		st = run->hooks->text(run->hooks->ctx, full, text, len, run->err);
	g_free(inner);
	g_free(full);
	return st == SEAL_OK ? SEAL_OLE2_READ_OK : SEAL_OLE2_READ_ERROR;
}

seal_ole2_read_status
ole2_emit(struct ole2_run *run, const char *prefix, const char *name, const char *text,
	size_t len)
{
	return ole2_emit_at(run, prefix, name, NULL, text, len);
}

/* One character as a reader sees it (control characters as white space). */
static void
ole2_char(GString *out, gunichar c)
{
	if (c >= 0x20 && c < 0x7F) {
		g_string_append_c(out, (gchar)c);       /* the common case, fast */
		return;
	}
	if (c > 0x7F) {
		g_string_append_unichar(out, c);
		return;
	}
	switch (c) {
	case 0x09: case 0x07:
		g_string_append_c(out, '\t');
		break;
	case 0x0A: case 0x0B: case 0x0C: case 0x0D:
		g_string_append_c(out, '\n');
		break;
	case 0x1E:
		g_string_append_c(out, '-');
		break;
	case 0x1F:
		break;
	default:
		g_string_append_c(out, ' ');
	}
}

void
ole2_utf16(GString *out, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2) {
		gunichar c = ole2_le16(p + i);

		if (c >= 0xD800 && c < 0xDC00 && i + 3 < n &&
		    ole2_le16(p + i + 2) >= 0xDC00 && ole2_le16(p + i + 2) < 0xE000) {
			c = 0x10000 + ((c - 0xD800) << 10) + (ole2_le16(p + i + 2) - 0xDC00u);
			i += 2;
		} else if (c >= 0xD800 && c < 0xE000)
			c = 0xFFFD;
		ole2_char(out, c);
	}
}

void
ole2_cp1252(GString *out, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ole2_char(out, p[i] >= 0x80 && p[i] < 0xA0 ? cp1252_high[p[i] - 0x80] : p[i]);
}
