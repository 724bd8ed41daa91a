/*
 * ole2.c - encryption in a Compound File ([MS-CFB]); see ole2.h.
 *
 * Layout read: a 512-byte header (sector size, first directory sector,
 * FAT sectors listed in the header's DIFAT and the DIFAT chain, mini
 * stream cut-off, first mini FAT sector); the FAT and mini FAT as arrays of
 * next-sector numbers; the directory as a chain of 128-byte entries; a
 * stream as its sector chain (in the mini stream when shorter than the
 * cut-off). Nothing is written; only the few bytes needed are copied.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "ole2.h"

#define CFB_HEADER 512
#define CFB_DIRENT 128
#define CFB_ENDOFCHAIN 0xFFFFFFFEu
#define CFB_MAXREGSECT 0xFFFFFFFAu
#define PPT_ENCRYPTED_TOKEN 0xF3D1C4DFu
#define XLS_FILEPASS 0x002F
#define XLS_EOF 0x000A
#define DOC_FIB_IDENT 0xA5EC

static const uint8_t cfb_sig[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

struct cfb {
	const uint8_t *d;
	size_t len;
	size_t ssz;             /* sector size */
	size_t mssz;            /* mini sector size */
	uint32_t cutoff;        /* streams shorter than this live in the mini stream */
	GArray *fat, *minifat;  /* uint32 next-sector numbers */
	GByteArray *ministream;
	size_t nsect;           /* sectors the file can hold: bound of every chain */
};

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint16_t
le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

int
seal_ole2_is_cfb(const uint8_t *data, size_t len)
{
	return data != NULL && len >= sizeof(cfb_sig) &&
	    memcmp(data, cfb_sig, sizeof(cfb_sig)) == 0;
}

/* The bytes of regular sector n, or NULL when outside the file. */
static const uint8_t *
sector(const struct cfb *c, uint32_t n)
{
	size_t off;

	if (n > CFB_MAXREGSECT || (size_t)n + 1 > c->nsect)
		return NULL;
	off = ((size_t)n + 1) * c->ssz;
	return off + c->ssz <= c->len ? c->d + off : NULL;
}

/* Appends the FAT sector's entries; 0 ok, -1 outside the file. */
static int
add_fat_sector(struct cfb *c, uint32_t n)
{
	const uint8_t *s = sector(c, n);

	if (s == NULL)
		return -1;
	for (size_t i = 0; i < c->ssz; i += 4) {
		uint32_t v = le32(s + i);

		g_array_append_val(c->fat, v);
	}
	return 0;
}

static int
load_fat(struct cfb *c)
{
	uint32_t nfat = le32(c->d + 0x2C), difat = le32(c->d + 0x44);
	uint32_t ndifat = le32(c->d + 0x48), done = 0;

	if (nfat > c->nsect || ndifat > c->nsect)
		return -1;
	for (size_t i = 0; i < 109 && done < nfat; i++, done++)
		if (add_fat_sector(c, le32(c->d + 0x4C + 4 * i)) != 0)
			return -1;
	for (uint32_t k = 0; k < ndifat && done < nfat; k++) {
		const uint8_t *s = sector(c, difat);

		if (s == NULL)
			return -1;
		for (size_t i = 0; i + 4 < c->ssz && done < nfat; i += 4, done++)
			if (add_fat_sector(c, le32(s + i)) != 0)
				return -1;
		difat = le32(s + c->ssz - 4);
	}
	return 0;
}

/*
 * Up to want bytes of the chain from start, through table (FAT or mini
 * FAT) over units of size usz found by unit(). The chain is cut at the
 * number of units the table holds, so a loop ends.
 */
static GByteArray *
read_chain(const struct cfb *c, uint32_t start, size_t want, int mini)
{
	const GArray *t = mini ? c->minifat : c->fat;
	size_t usz = mini ? c->mssz : c->ssz;
	GByteArray *out = g_byte_array_new();
	uint32_t n = start;

	for (size_t steps = 0; out->len < want && n <= CFB_MAXREGSECT; steps++) {
		const uint8_t *p;
		size_t take = MIN(usz, want - out->len);

		if (steps > t->len || n >= t->len)
			break;
		if (mini) {
			size_t off = (size_t)n * usz;

			if (c->ministream == NULL || off + usz > c->ministream->len)
				break;
			p = c->ministream->data + off;
		} else if ((p = sector(c, n)) == NULL)
			break;
		g_byte_array_append(out, p, (guint)take);
		n = g_array_index(t, uint32_t, n);
	}
	return out;
}

/* The first want bytes of a stream (fewer when the chain is short). */
static GByteArray *
read_stream(const struct cfb *c, const uint8_t *ent, size_t want)
{
	uint32_t size = le32(ent + 0x78);

	want = MIN(want, (size_t)size);
	return read_chain(c, le32(ent + 0x74), want, size < c->cutoff);
}

/* The entry's name is the ASCII name (UTF-16LE, case-insensitive as CFB compares). */
static int
name_is(const uint8_t *ent, const char *name)
{
	size_t n = strlen(name), nl = le16(ent + 0x40);

	if (nl != (n + 1) * 2 || nl > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (ent[2 * i + 1] != 0 || g_ascii_tolower(ent[2 * i]) !=
		    g_ascii_tolower(name[i]))
			return 0;
	return 1;
}

static int
doc_encrypted(const struct cfb *c, const uint8_t *ent)
{
	GByteArray *b = read_stream(c, ent, 12);
	int enc = b->len >= 12 && le16(b->data) == DOC_FIB_IDENT &&
	    (le16(b->data + 0x0A) & 0x0100) != 0;

	g_byte_array_free(b, TRUE);
	return enc;
}

/* A FILEPASS record before the globals substream's EOF. */
static int
xls_encrypted(const struct cfb *c, const uint8_t *ent)
{
	GByteArray *b = read_stream(c, ent, 65536);
	int enc = 0;

	for (size_t off = 0; off + 4 <= b->len; off += 4 + (size_t)le16(b->data + off + 2)) {
		uint16_t type = le16(b->data + off);

		if (type == XLS_FILEPASS) {
			enc = 1;
			break;
		}
		if (type == XLS_EOF)
			break;
	}
	g_byte_array_free(b, TRUE);
	return enc;
}

static int
ppt_encrypted(const struct cfb *c, const uint8_t *ent)
{
	GByteArray *b = read_stream(c, ent, 16);
	int enc = b->len >= 16 && le32(b->data + 12) == PPT_ENCRYPTED_TOKEN;

	g_byte_array_free(b, TRUE);
	return enc;
}

static void
set_reason(char *reason, size_t size, const char *what)
{
	if (size > 0)
		snprintf(reason, size, "%s", what);
}

/* Looks at every directory entry; the status and reason of the first hit. */
static seal_ole2_status
check_entries(struct cfb *c, const GByteArray *dir, char *reason, size_t rsize)
{
	for (size_t off = 0; off + CFB_DIRENT <= dir->len; off += CFB_DIRENT) {
		const uint8_t *e = dir->data + off;

		if (e[0x42] != 2)       /* streams only */
			continue;
		if (name_is(e, "EncryptionInfo") || name_is(e, "EncryptedPackage")) {
			set_reason(reason, rsize, "Office document is password-protected");
			return SEAL_OLE2_ENCRYPTED;
		}
		if (name_is(e, "EncryptedSummary") ||
		    (name_is(e, "Current User") && ppt_encrypted(c, e))) {
			set_reason(reason, rsize, "PowerPoint document is password-protected");
			return SEAL_OLE2_ENCRYPTED;
		}
		if (name_is(e, "WordDocument") && doc_encrypted(c, e)) {
			set_reason(reason, rsize, "Word document is password-protected");
			return SEAL_OLE2_ENCRYPTED;
		}
		if ((name_is(e, "Workbook") || name_is(e, "Book")) && xls_encrypted(c, e)) {
			set_reason(reason, rsize, "Excel workbook is password-protected");
			return SEAL_OLE2_ENCRYPTED;
		}
	}
	return SEAL_OLE2_CLEAR;
}

/* Header, FAT, directory, mini FAT and mini stream; 0 ok, -1 damaged. */
static int
cfb_open(struct cfb *c, const uint8_t *data, size_t len, GByteArray **dir)
{
	unsigned shift, mshift;
	GByteArray *mf;

	memset(c, 0, sizeof(*c));
	c->d = data;
	c->len = len;
	*dir = NULL;
	if (len < CFB_HEADER)
		return -1;
	shift = le16(data + 0x1E);
	mshift = le16(data + 0x20);
	if ((shift != 9 && shift != 12) || mshift != 6)
		return -1;
	c->ssz = (size_t)1 << shift;
	c->mssz = (size_t)1 << mshift;
	c->cutoff = le32(data + 0x38);
	c->nsect = len / c->ssz;
	c->fat = g_array_new(FALSE, FALSE, sizeof(uint32_t));
	c->minifat = g_array_new(FALSE, FALSE, sizeof(uint32_t));
	if (load_fat(c) != 0)
		return -1;
	*dir = read_chain(c, le32(data + 0x30), len, 0);
	if ((*dir)->len < CFB_DIRENT)
		return -1;
	/* the mini FAT and, from the root entry, the mini stream */
	mf = read_chain(c, le32(data + 0x3C), (size_t)le32(data + 0x40) * c->ssz, 0);
	for (size_t i = 0; i + 4 <= mf->len; i += 4) {
		uint32_t v = le32(mf->data + i);

		g_array_append_val(c->minifat, v);
	}
	g_byte_array_free(mf, TRUE);
	c->ministream = read_chain(c, le32((*dir)->data + 0x74),
	    MIN((size_t)le32((*dir)->data + 0x78), len), 0);
	return 0;
}

static void
cfb_close(struct cfb *c, GByteArray *dir)
{
	if (dir != NULL)
		g_byte_array_free(dir, TRUE);
	if (c->ministream != NULL)
		g_byte_array_free(c->ministream, TRUE);
	if (c->fat != NULL)
		g_array_free(c->fat, TRUE);
	if (c->minifat != NULL)
		g_array_free(c->minifat, TRUE);
}

seal_ole2_status
seal_ole2_check(const uint8_t *data, size_t len, char *reason, size_t reason_size)
{
	struct cfb c;
	GByteArray *dir = NULL;
	seal_ole2_status st = SEAL_OLE2_DAMAGED;

	if (reason_size > 0)
		reason[0] = '\0';
	if (!seal_ole2_is_cfb(data, len))
		return SEAL_OLE2_NOT_OLE2;
	if (cfb_open(&c, data, len, &dir) == 0)
		st = check_entries(&c, dir, reason, reason_size);
	if (st == SEAL_OLE2_DAMAGED)
		set_reason(reason, reason_size, "compound document could not be read");
	cfb_close(&c, dir);
	return st;
}

GByteArray *
seal_ole2_stream(const uint8_t *data, size_t len, const char *name, size_t max)
{
	struct cfb c;
	GByteArray *dir = NULL, *out = NULL;

	if (!seal_ole2_is_cfb(data, len))
		return NULL;
	if (cfb_open(&c, data, len, &dir) == 0)
		for (size_t off = 0; off + CFB_DIRENT <= dir->len; off += CFB_DIRENT) {
			const uint8_t *e = dir->data + off;

			if (e[0x42] == 2 && name_is(e, name)) {
				out = read_stream(&c, e, max);
				break;
			}
		}
	cfb_close(&c, dir);
	return out;
}
