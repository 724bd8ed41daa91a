/*
 * picmeta_tiff.c - the text of a TIFF file's tags, and the IPTC-IIM and
 * Photoshop resource blocks that TIFF and JPEG files carry
 * (picmeta_internal.h).
 *
 * A scanner or a photo tool writes the document name, a description, the
 * author, keywords or a caption into these tags; a reader sees them under
 * the file's properties. libexif reads EXIF within a JPEG segment, but it
 * stops at 64 KB, and a TIFF file keeps its directories anywhere in the
 * file (usually after the pixels), so the directories are walked here:
 * classic and BigTIFF, both byte orders, the chain of pages, the EXIF and
 * sub-image directories. Only text is taken (ASCII values, Windows' XP
 * tags in UTF-16, the EXIF user comment, XMP, IPTC, Photoshop resources);
 * every offset and length is checked against the file, a directory is
 * read once (a loop of offsets ends), and at most MAX_DIRS of them: a
 * file with more, or with a directory of more than MAX_ENTRIES entries or
 * a tag naming more than MAX_FOLLOW sub-directories, is reported cut (its
 * picture is then unscannable: what was left unread may hold a number).
 */
#include <string.h>

#include "picmeta_internal.h"

#define MAX_DIRS 256
#define MAX_ENTRIES 4096
#define MAX_FOLLOW 64

/* Tags whose value is text in another form than ASCII. */
#define TAG_SUBIFDS     0x014a
#define TAG_XMP         0x02bc
#define TAG_IPTC        0x83bb
#define TAG_PHOTOSHOP   0x8649
#define TAG_EXIF_IFD    0x8769
#define TAG_USER_COMMENT 0x9286
#define TAG_XP_FIRST    0x9c9b  /* XPTitle, XPComment, XPAuthor, XPKeywords, XPSubject */
#define TAG_XP_LAST     0x9c9f

struct tiff {
	const uint8_t *d;
	size_t n;
	int big_endian;
	int big;                /* BigTIFF: 8-byte counts and offsets */
	uint64_t seen[MAX_DIRS];
	unsigned nseen;
	int cut;                /* a bound left a directory unread */
	GString *out;
};

static uint64_t
get(const struct tiff *t, size_t off, unsigned width)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < width; i++) {
		unsigned b = t->big_endian ? i : width - 1 - i;

		v = v << 8 | t->d[off + b];
	}
	return v;
}

/* Bytes per value of a field type; 0 for an unknown type. */
static unsigned
type_size(unsigned type)
{
	static const uint8_t size[19] = { 0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8 };

	return type < sizeof(size) ? size[type] : 0;
}

/* The EXIF user comment: an 8-byte character code, then the text. */
static void
user_comment(struct tiff *t, const uint8_t *v, size_t len)
{
	const char *cs = NULL;

	if (len <= 8)
		return;
	if (memcmp(v, "UNICODE\0", 8) == 0)
		cs = t->big_endian ? "utf-16be" : "utf-16le";
	seal_picmeta_add_bytes(t->out, v + 8, len - 8, cs);
}

/* An ASCII value: one or more NUL-terminated strings, each a paragraph. */
static void
ascii_value(struct tiff *t, const uint8_t *v, size_t len)
{
	size_t s = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i == len || v[i] == '\0') {
			seal_picmeta_add_bytes(t->out, v + s, i - s, NULL);
			s = i + 1;
		}
	}
}

static void walk_dir(struct tiff *t, uint64_t off, int chain);

/* Offsets of further directories (EXIF, sub-images) held by a tag. */
static void
follow(struct tiff *t, unsigned type, uint64_t count, size_t voff)
{
	unsigned w = type_size(type);

	if (w != 4 && w != 8)
		return;
	if (count > MAX_FOLLOW)
		t->cut = 1;
	for (uint64_t i = 0; i < count && i < MAX_FOLLOW; i++)
		walk_dir(t, get(t, voff + (size_t)i * w, w), 0);
}

static void
entry(struct tiff *t, size_t e)
{
	unsigned tag = (unsigned)get(t, e, 2), type = (unsigned)get(t, e + 2, 2);
	unsigned cw = t->big ? 8 : 4, w = type_size(type);
	uint64_t count = get(t, e + 4, cw);
	size_t voff = e + 4 + cw;
	const uint8_t *v;

	if (w == 0 || count > t->n / w)
		return;
	if (count * w > cw) {           /* not inline: an offset to the value */
		uint64_t o = get(t, voff, cw);

		if (o > t->n || count * w > t->n - o)
			return;
		voff = (size_t)o;
	}
	v = t->d + voff;
	if (type == 2)
		ascii_value(t, v, (size_t)count);
	else if (tag == TAG_EXIF_IFD || tag == TAG_SUBIFDS)
		follow(t, type, count, voff);
	else if (tag == TAG_XMP && w == 1)
		seal_picmeta_add_xmp(t->out, v, (size_t)count);
	else if (tag == TAG_IPTC)
		seal_picmeta_iptc(t->out, v, (size_t)(count * w));
	else if (tag == TAG_PHOTOSHOP && w == 1)
		seal_picmeta_irb(t->out, v, (size_t)count);
	else if (tag == TAG_USER_COMMENT && w == 1)
		user_comment(t, v, (size_t)count);
	else if (tag >= TAG_XP_FIRST && tag <= TAG_XP_LAST && w == 1)
		seal_picmeta_add_bytes(t->out, v, (size_t)count, "utf-16le");
}

/* One directory, and with chain the directories after it (the pages). */
static void
walk_dir(struct tiff *t, uint64_t off, int chain)
{
	unsigned cw = t->big ? 8 : 4, esz = t->big ? 20 : 12;

	while (off != 0 && t->out->len < SEAL_PICMETA_MAX_TEXT) {
		uint64_t count;

		for (unsigned i = 0; i < t->nseen; i++)
			if (t->seen[i] == off)
				return;                 /* read already: a loop */
		if (off > t->n || t->n - off < (t->big ? 8u : 2u))
			return;                 /* past the end: damaged */
		if (t->nseen == MAX_DIRS) {
			t->cut = 1;
			return;
		}
		t->seen[t->nseen++] = off;
		count = get(t, (size_t)off, t->big ? 8 : 2);
		off += t->big ? 8 : 2;
		if (count > MAX_ENTRIES) {
			t->cut = 1;
			return;
		}
		if (count > (t->n - off) / esz) /* damaged: the entries that fit */
			count = (t->n - off) / esz;
		for (uint64_t i = 0; i < count; i++)
			entry(t, (size_t)(off + i * esz));
		off += count * esz;
		if (!chain || t->n - off < cw)
			return;
		off = get(t, (size_t)off, cw);
	}
}

int
seal_picmeta_tiff(GString *out, const uint8_t *d, size_t n)
{
	struct tiff *t;
	unsigned magic;
	int cut;

	if (n < 16 || !((d[0] == 'I' && d[1] == 'I') || (d[0] == 'M' && d[1] == 'M')))
		return 0;
	t = g_new0(struct tiff, 1);
	t->d = d;
	t->n = n;
	t->out = out;
	t->big_endian = d[0] == 'M';
	magic = (unsigned)get(t, 2, 2);
	if (magic == 42)
		walk_dir(t, get(t, 4, 4), 1);
	else if (magic == 43 && get(t, 4, 2) == 8) {
		t->big = 1;
		walk_dir(t, get(t, 8, 8), 1);
	}
	cut = t->cut;
	g_free(t);
	return cut;
}

/*
 * IPTC-IIM: datasets 0x1C, record, number, a 2-byte length (or, with its
 * top bit set, the count of the bytes that hold a longer length). 1:90
 * names the character set (ESC % G: UTF-8); record 2 is the text that
 * describes the picture. Anything else ends the list.
 */
void
seal_picmeta_iptc(GString *out, const uint8_t *d, size_t n)
{
	const char *cs = NULL;
	size_t off = 0;

	while (n - off >= 5 && d[off] == 0x1c && out->len < SEAL_PICMETA_MAX_TEXT) {
		unsigned rec = d[off + 1], num = d[off + 2];
		size_t len = (size_t)d[off + 3] << 8 | d[off + 4];

		off += 5;
		if (len & 0x8000) {             /* extended: the length's own length */
			size_t ll = len & 0x7fff;

			if (ll == 0 || ll > 4 || n - off < ll)
				return;
			len = 0;
			for (size_t i = 0; i < ll; i++)
				len = len << 8 | d[off + i];
			off += ll;
		}
		if (len > n - off)
			len = n - off;  /* cut short: what is there is read */
		if (rec == 1 && num == 90)
			cs = len >= 3 && memcmp(d + off, "\x1b%G", 3) == 0 ? "utf-8" : NULL;
		else if (rec == 2 && num != 0)  /* 2:00 is the record's binary version */
			seal_picmeta_add_bytes(out, d + off, len, cs);
		off += len;
	}
}

/*
 * Photoshop image resources: a signature ("8BIM"; a few tools write
 * others), a 2-byte id, a name (a Pascal string padded to even), a 4-byte
 * size and the data (padded to even). 0x0404 holds IPTC-IIM, 0x0424 XMP.
 */
void
seal_picmeta_irb(GString *out, const uint8_t *d, size_t n)
{
	size_t off = 0;

	while (n - off >= 12 && out->len < SEAL_PICMETA_MAX_TEXT) {
		unsigned id;
		size_t name, size;

		if (memcmp(d + off, "8BIM", 4) != 0 && memcmp(d + off, "MeSa", 4) != 0 &&
		    memcmp(d + off, "PHUT", 4) != 0 && memcmp(d + off, "AgHg", 4) != 0 &&
		    memcmp(d + off, "DCSR", 4) != 0)
			return;
		id = (unsigned)d[off + 4] << 8 | d[off + 5];
		name = (size_t)d[off + 6] + 1;
		name += name & 1;
		off += 6;
		if (n - off < name + 4)
			return;
		off += name;
		size = (size_t)d[off] << 24 | (size_t)d[off + 1] << 16 |
		    (size_t)d[off + 2] << 8 | d[off + 3];
		off += 4;
		if (size > n - off)
			size = n - off; /* cut short: what is there is read */
		if (id == 0x0404)
			seal_picmeta_iptc(out, d + off, size);
		else if (id == 0x0424)
			seal_picmeta_add_xmp(out, d + off, size);
		off += size + (size & 1);
		if (off > n)
			return;
	}
}
