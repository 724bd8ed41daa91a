/*
 * unpack.c - archive members and decompressed streams via libarchive
 * (unpack.h).
 *
 * The data is opened twice at most: first with every archive format
 * libarchive knows (zip left to office.c, which reads documents), then, if
 * no format matched, as a raw stream: that is an archive only when a
 * compression filter was recognised (a .gz, .bz2, .xz of one file).
 * libarchive reports encryption per entry and for 7z headers; it also fails
 * on encrypted data it cannot tell apart, which ends as unscannable too.
 * Data with an archive or compression signature that libarchive cannot
 * open (a cut .gz, .xz, .7z...) is unscannable, not an unknown binary. A
 * RAR archive's chain of blocks is checked here first (rar4_whole,
 * rar5_whole): libarchive ends a cut one quietly after its last whole
 * member.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>

#include "unpack.h"

#define RATIO_FLOOR ((uint64_t)1 << 20)

struct run {
	const seal_office_limits *lim;
	size_t in_len;
	uint64_t total;
	unsigned entries;
	char *reason;
	size_t reason_size;
};

static seal_archive_status unscannable(struct run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static seal_archive_status
unscannable(struct run *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->reason, r->reason_size, fmt, ap);
	va_end(ap);
	return SEAL_ARCHIVE_UNSCANNABLE;
}

/*
 * Whether data starts with the signature of an archive or compressed
 * stream libarchive reads: gzip, bzip2, xz, zstd, 7z, rar, cpio (newc,
 * odc) or ustar at 257. When libarchive then cannot open it, it is damaged
 * (a cut copy), not an unknown binary: unscannable, never read as strings.
 */
static int
has_archive_magic(const uint8_t *d, size_t n)
{
	static const struct { size_t at, len; const char *sig; } m[] = {
		{ 0, 3, "\x1f\x8b\x08" }, { 0, 3, "BZh" }, { 0, 6, "\xfd" "7zXZ\0" },
		{ 0, 4, "\x28\xb5\x2f\xfd" }, { 0, 6, "7z\xbc\xaf\x27\x1c" },
		{ 0, 6, "Rar!\x1a\x07" }, { 0, 6, "070701" }, { 0, 6, "070702" },
		{ 0, 6, "070707" }, { 257, 5, "ustar" },
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (n >= m[i].at + m[i].len && memcmp(d + m[i].at, m[i].sig, m[i].len) == 0)
			return 1;
	return 0;
}

/* RAR 5: the signature, and the most bytes of a block header libarchive takes. */
static const char rar5_sig[8] = "Rar!\x1a\x07\x01\x00";
#define RAR5_MAX_HEADER ((uint64_t)2 << 20)

/* A RAR 5 variable-length integer at *pos (7 bits a byte, low first); 0 if cut. */
static int
rar5_vint(const uint8_t *d, size_t len, size_t *pos, uint64_t *out)
{
	*out = 0;
	for (unsigned shift = 0; shift < 64 && *pos < len; shift += 7) {
		uint8_t b = d[(*pos)++];

		*out |= (uint64_t)(b & 0x7f) << shift;
		if ((b & 0x80) == 0)
			return 1;
	}
	return 0;
}

/*
 * Whether a RAR 5 archive is whole: its chain of blocks (CRC-32, header
 * size, type, flags, extra and data sizes) stays inside the data up to an
 * end-of-archive block that is not followed by another volume. libarchive's
 * RAR 5 reader reports a cut archive as a normal end after the last whole
 * member, which would let the cut-off members pass unread. An encryption
 * header ends the check: what follows is libarchive's to refuse.
 */
static int
rar5_whole(const uint8_t *d, size_t len)
{
	size_t pos = sizeof(rar5_sig);

	while (pos < len) {
		uint64_t hsize, type, flags, extra = 0, dsize = 0, endflags;
		size_t h;

		if (len - pos < 4)
			return 0;
		pos += 4;
		if (!rar5_vint(d, len, &pos, &hsize) || hsize == 0 ||
		    hsize > RAR5_MAX_HEADER || hsize > len - pos)
			return 0;
		h = pos;
		if (!rar5_vint(d, pos + hsize, &h, &type) || !rar5_vint(d, pos + hsize, &h, &flags) ||
		    ((flags & 1) && !rar5_vint(d, pos + hsize, &h, &extra)) ||
		    ((flags & 2) && !rar5_vint(d, pos + hsize, &h, &dsize)))
			return 0;
		if (type == 4)
			return 1;
		if (type == 5)
			return rar5_vint(d, pos + hsize, &h, &endflags) && (endflags & 1) == 0;
		pos += (size_t)hsize;
		if (dsize > len - pos)
			return 0;
		pos += (size_t)dsize;
	}
	return 0;
}

/*
 * Whether a RAR 4 archive has no block cut short: each block (CRC-16,
 * type, flags, size; with LONG_BLOCK a 32-bit data size, and for a file
 * the high 32 bits when flagged) lies inside the data, up to the end
 * block, which must not announce another volume, or up to the data's very
 * end (rar -en writes no end block). libarchive ends a cut archive
 * quietly when fewer than a block's seven bytes are left. Encrypted
 * headers end the check: libarchive refuses them.
 */
static int
rar4_whole(const uint8_t *d, size_t len)
{
	size_t pos = 7;         /* the marker block, "Rar!\x1a\x07\x00" */

	while (pos < len) {
		unsigned type, flags, hsize;
		uint64_t dsize = 0;

		if (len - pos < 7)
			return 0;
		type = d[pos + 2];
		flags = (unsigned)d[pos + 3] | (unsigned)d[pos + 4] << 8;
		hsize = (unsigned)d[pos + 5] | (unsigned)d[pos + 6] << 8;
		if (hsize < 7 || hsize > len - pos)
			return 0;
		if (type == 0x7b)
			return hsize < 9 || (d[pos + 7] & 1) == 0;
		if (type == 0x73 && (flags & 0x0080))
			return 1;
		if (flags & 0x8000) {
			if (hsize < 11)
				return 0;
			dsize = (uint64_t)d[pos + 7] | (uint64_t)d[pos + 8] << 8 |
			    (uint64_t)d[pos + 9] << 16 | (uint64_t)d[pos + 10] << 24;
			if ((type == 0x74 || type == 0x7a) && (flags & 0x0100) && hsize >= 36)
				dsize |= ((uint64_t)d[pos + 32] | (uint64_t)d[pos + 33] << 8 |
				    (uint64_t)d[pos + 34] << 16 | (uint64_t)d[pos + 35] << 24) << 32;
		}
		pos += hsize;
		if (dsize > len - pos)
			return 0;
		pos += (size_t)dsize;
	}
	return 1;
}

static struct archive *
open_reader(const uint8_t *data, size_t len, int raw)
{
	struct archive *a = archive_read_new();

	if (a == NULL)
		return NULL;
	archive_read_support_filter_all(a);
	if (raw)
		archive_read_support_format_raw(a);
	else
		archive_read_support_format_all(a);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		archive_read_free(a);
		return NULL;
	}
	return a;
}

int
seal_archive_is_other_format(const uint8_t *data, size_t len)
{
	struct archive *a;
	struct archive_entry *ent;
	int other = 0;

	if (data == NULL || len == 0 || (a = archive_read_new()) == NULL)
		return 0;
	/* no filters: a compressed stream shows no zip record in clear */
	archive_read_support_format_all(a);
	if (archive_read_open_memory(a, data, len) == ARCHIVE_OK) {
		int fmt;

		/* the format is known once a header was read; one that libarchive
		 * chose before failing on a damaged header counts as well */
		(void)archive_read_next_header(a, &ent);
		fmt = archive_format(a);
		other = fmt != 0 && (fmt & ARCHIVE_FORMAT_BASE_MASK) != ARCHIVE_FORMAT_ZIP;
	}
	archive_read_free(a);
	return other;
}

/* One member's content into buf, within the caps. */
static seal_archive_status
read_member(struct run *r, struct archive *a, GByteArray *buf)
{
	uint8_t block[65536];
	const char *spent;

	for (;;) {
		la_ssize_t n = archive_read_data(a, block, sizeof(block));

		if (n == 0)
			return SEAL_ARCHIVE_OK;
		if (n < 0)
			return unscannable(r, "archive member could not be read");
		r->total += (uint64_t)n;
		if ((spent = seal_archive_budget_charge(r->lim, (uint64_t)n, 0)) != NULL)
			return unscannable(r, "%s", spent);
		if (r->total > r->lim->max_total)
			return unscannable(r, "archive larger than %llu bytes unpacked",
			    (unsigned long long)r->lim->max_total);
		if (r->total > RATIO_FLOOR &&
		    r->total / (r->in_len > 0 ? r->in_len : 1) > r->lim->max_ratio)
			return unscannable(r, "archive compression ratio above %u",
			    r->lim->max_ratio);
		g_byte_array_append(buf, block, (guint)n);
	}
}

static seal_archive_status
walk_entries(struct run *r, struct archive *a, seal_archive_member_fn fn, void *ctx,
	seal_err *err)
{
	struct archive_entry *ent;
	seal_archive_status as = SEAL_ARCHIVE_OK;
	const char *spent;
	int rc;

	while (as == SEAL_ARCHIVE_OK && (rc = archive_read_next_header(a, &ent)) != ARCHIVE_EOF) {
		GByteArray *buf;
		const char *name;

		if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
			return archive_read_has_encrypted_entries(a) > 0 ?
			    unscannable(r, "archive is encrypted") :
			    unscannable(r, "archive could not be read");
		if (archive_entry_is_encrypted(ent) || archive_read_has_encrypted_entries(a) > 0)
			return unscannable(r, "archive has an encrypted member");
		if (++r->entries > r->lim->max_entries)
			return unscannable(r, "archive has more than %u members",
			    r->lim->max_entries);
		if ((spent = seal_archive_budget_charge(r->lim, 0, 1)) != NULL)
			return unscannable(r, "%s", spent);
		if (archive_entry_filetype(ent) != AE_IFREG)
			continue;
		buf = g_byte_array_new();
		as = read_member(r, a, buf);
		name = archive_entry_pathname_utf8(ent);
		if (name == NULL)
			name = archive_entry_pathname(ent);
		if (as == SEAL_ARCHIVE_OK && fn(ctx, name != NULL ? name : "", buf->data,
		    buf->len, err) != SEAL_OK)
			as = SEAL_ARCHIVE_ERROR;
		if (buf->len > 0)
			memset(buf->data, 0, buf->len);
		g_byte_array_free(buf, TRUE);
	}
	return as;
}

seal_archive_status
seal_archive_extract(const uint8_t *data, size_t len, const seal_office_limits *limits,
	seal_archive_member_fn fn, void *ctx, char *reason, size_t reason_size, seal_err *err)
{
	seal_office_limits def;
	struct run r = { limits, len, 0, 0, reason, reason_size };
	struct archive *a;
	seal_archive_status as;

	if (reason_size > 0)
		reason[0] = '\0';
	if (data == NULL || len == 0)
		return SEAL_ARCHIVE_NOT_ARCHIVE;
	if (limits == NULL) {
		seal_office_limits_default(&def);
		r.lim = &def;
	}
	if (len >= sizeof(rar5_sig) && memcmp(data, rar5_sig, sizeof(rar5_sig)) == 0 &&
	    !rar5_whole(data, len))
		return unscannable(&r, "damaged or incomplete RAR archive");
	if (len >= 7 && memcmp(data, "Rar!\x1a\x07\x00", 7) == 0 && !rar4_whole(data, len))
		return unscannable(&r, "damaged or incomplete RAR archive");
	if ((a = open_reader(data, len, 0)) == NULL) {
		a = open_reader(data, len, 1);
		if (a != NULL && (archive_filter_count(a) <= 1 ||
		    archive_filter_code(a, 0) == ARCHIVE_FILTER_NONE)) {
			archive_read_free(a);
			a = NULL;
		}
		if (a == NULL)
			return has_archive_magic(data, len) ?
			    unscannable(&r, "damaged archive or compressed file") :
			    SEAL_ARCHIVE_NOT_ARCHIVE;
	}
	as = walk_entries(&r, a, fn, ctx, err);
	archive_read_free(a);
	return as;
}
