/*
 * ole2pict.c - the pictures of a legacy Office file (.doc, .xls, .ppt),
 * handed to the picture hook for OCR (ole2read_internal.h): a scan pasted
 * into a twenty-year-old case file is content a reader sees.
 *
 * The three formats keep a picture as an OfficeArt BLIP record ([MS-ODRAW]
 * 2.2.23-2.2.31: an 8-byte header, one or two 16-byte UIDs by the record
 * instance, a tag byte, then the picture's bytes): Word in the "Data"
 * stream (inline pictures) and the "WordDocument" stream (floating ones,
 * the delay stream), PowerPoint in the "Pictures" stream, Excel in the
 * MSODRAWINGGROUP record (0x00EB) of the workbook stream and the CONTINUE
 * records (0x003C) after it, joined first. The streams are searched for
 * BLIP headers rather than walked from the drawing group's index: a picture
 * is kept only when its bytes start as the format the header names (PNG,
 * JPEG, DIB, TIFF), so a false header finds nothing, and an index a
 * damaged file gets wrong cannot hide a picture. Metafiles (EMF and WMF
 * BLIPs, [MS-ODRAW] 2.2.31: no tag byte, a 34-byte metafile header, the
 * file deflated as a zlib stream, or stored) are inflated and go to the
 * file hook, which reads the text they draw (metafile.h) with or without
 * OCR; kept only when the inflated bytes start as a metafile. PICT is not
 * read.
 *
 * Bounds as the RTF reader's: SEAL_OLE2_MAX_PICTURES pictures and
 * SEAL_OLE2_MAX_PICTURE_BYTES bytes per file; more is unscannable.
 */
#include <string.h>

#include <zlib.h>

#include "dib.h"
#include "metafile.h"
#include "ole2read_internal.h"

#define SEAL_OLE2_MAX_PICTURES 64
#define SEAL_OLE2_MAX_PICTURE_BYTES ((size_t)32 * 1024 * 1024)

#define XLS_MSODRAWINGGROUP 0x00EB
#define XLS_CONTINUE 0x003C

struct pict {
	struct ole2_run *run;
	const char *prefix;
	unsigned n;             /* pictures handed over */
	unsigned dropped;       /* past the bounds */
	size_t bytes;
	seal_ole2_read_status st;
};

enum kind { K_NONE, K_PNG, K_JPEG, K_DIB, K_TIFF, K_EMF, K_WMF };

/* The metafile header after a metafile BLIP's UIDs ([MS-ODRAW] 2.2.31). */
#define META_HEADER 34

/*
 * The kind of BLIP a record header names, and its UID count ([MS-ODRAW]
 * 2.2.27-2.2.31: the instance with bit 0 set has a second UID).
 */
static enum kind
blip_kind(uint16_t type, uint16_t inst, unsigned *uids)
{
	struct { uint16_t type, inst; enum kind k; } const t[] = {
		{ 0xF01E, 0x6E0, K_PNG }, { 0xF01D, 0x46A, K_JPEG }, { 0xF01D, 0x6E2, K_JPEG },
		{ 0xF02A, 0x46A, K_JPEG }, { 0xF02A, 0x6E2, K_JPEG }, { 0xF01F, 0x7A8, K_DIB },
		{ 0xF029, 0x6E4, K_TIFF }, { 0xF01A, 0x3D4, K_EMF }, { 0xF01B, 0x216, K_WMF },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		if (t[i].type == type && (inst & ~1u) == t[i].inst) {
			*uids = (inst & 1u) ? 2 : 1;
			return t[i].k;
		}
	}
	return K_NONE;
}

static int
starts_as(enum kind k, const uint8_t *d, size_t n)
{
	switch (k) {
	case K_PNG:
		return n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0;
	case K_JPEG:
		return n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF;
	case K_DIB:
		return n >= 40 && ole2_le32(d) >= 40 && ole2_le32(d) <= n;
	case K_TIFF:
		return n >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0);
	default:
		return 0;
	}
}

/*
 * A metafile BLIP's file: cbSave bytes after the header, deflated (0) or
 * stored (0xFE), cbSize bytes when inflated; NULL when the header or the
 * stream does not hold together. A file past the bounds is counted as
 * dropped (*dropped) before anything is inflated.
 */
static GByteArray *
metafile_bytes(const struct pict *p, const uint8_t *h, size_t n, int *dropped)
{
	uint32_t size, save;
	GByteArray *out;
	z_stream z;
	int rc;

	*dropped = 0;
	if (n < META_HEADER)
		return NULL;
	size = ole2_le32(h);
	save = ole2_le32(h + 28);
	if (save > n - META_HEADER || size == 0 || (h[32] != 0 && h[32] != 0xFE))
		return NULL;
	if (p->n >= SEAL_OLE2_MAX_PICTURES || size > SEAL_OLE2_MAX_PICTURE_BYTES - p->bytes) {
		*dropped = 1;
		return NULL;
	}
	out = g_byte_array_sized_new(size);
	if (h[32] == 0xFE) {
		g_byte_array_append(out, h + META_HEADER, MIN(save, size));
		return out;
	}
	g_byte_array_set_size(out, size);
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK) {
		g_byte_array_free(out, TRUE);
		return NULL;
	}
	z.next_in = (Bytef *)(uintptr_t)(h + META_HEADER);
	z.avail_in = save;
	z.next_out = out->data;
	z.avail_out = size;
	rc = inflate(&z, Z_FINISH);
	g_byte_array_set_size(out, (guint)(size - z.avail_out));
	inflateEnd(&z);
	if (rc != Z_STREAM_END && rc != Z_OK && rc != Z_BUF_ERROR) {
		memset(out->data, 0, out->len);
		g_byte_array_free(out, TRUE);
		return NULL;
	}
	return out;     /* a stream cut short: what it gave is read */
}

/* One picture to the hook, or counted when past the bounds. */
static void
hand_over(struct pict *p, enum kind k, const uint8_t *d, size_t n)
{
	seal_ole2_file_fn hook = k == K_EMF || k == K_WMF ? p->run->hooks->file :
	    p->run->hooks->picture;
	GByteArray *b;
	char name[32];

	if (hook == NULL)
		return;
	if (p->n >= SEAL_OLE2_MAX_PICTURES || p->bytes + n > SEAL_OLE2_MAX_PICTURE_BYTES) {
		p->dropped++;
		return;
	}
	b = g_byte_array_sized_new((guint)n + 14);
	if (k == K_DIB)
		(void)seal_dib_file_header(d, n, b);
	g_byte_array_append(b, d, (guint)n);
	p->n++;
	p->bytes += n;
	g_snprintf(name, sizeof(name), "picture %u", p->n);
	{
		char *l = p->prefix != NULL ? g_strdup_printf("%s/%s", p->prefix, name) :
		    g_strdup(name);

		if (hook(p->run->hooks->ctx, l, b->data, b->len, p->run->err) != SEAL_OK)
			p->st = SEAL_OLE2_READ_ERROR;
		g_free(l);
	}
	memset(b->data, 0, b->len);
	g_byte_array_free(b, TRUE);
}

/* Every BLIP record of s[0..len) whose bytes are the picture its header names. */
static void
search(struct pict *p, const uint8_t *s, size_t len)
{
	size_t i = 0;

	while (len >= 8 && i <= len - 8 && p->st == SEAL_OLE2_READ_OK) {
		uint16_t vi = ole2_le16(s + i), type = ole2_le16(s + i + 2);
		uint32_t rlen = ole2_le32(s + i + 4);
		unsigned uids = 0;
		enum kind k;
		size_t skip;

		if (s[i + 3] != 0xF0 || (vi & 0x0F) != 0 ||
		    (k = blip_kind(type, (uint16_t)(vi >> 4), &uids)) == K_NONE ||
		    rlen > len - i - 8 || rlen < (skip = 16 * uids + 1)) {
			i++;
			continue;
		}
		if (k == K_EMF || k == K_WMF) {
			/* no tag byte; the metafile header, then the file */
			int dropped;
			GByteArray *m = metafile_bytes(p, s + i + 8 + skip - 1, rlen - skip + 1,
			    &dropped);

			if (dropped) {          /* past the bounds: counted, skipped */
				if (p->run->hooks->file != NULL)
					p->dropped++;
				i += 8 + (size_t)rlen;
				continue;
			}
			if (m == NULL || !seal_metafile_is(m->data, m->len)) {
				if (m != NULL)
					g_byte_array_free(m, TRUE);
				i++;
				continue;
			}
			hand_over(p, k, m->data, m->len);
			memset(m->data, 0, m->len);
			g_byte_array_free(m, TRUE);
			i += 8 + (size_t)rlen;
			continue;
		}
		if (!starts_as(k, s + i + 8 + skip, rlen - skip)) {
			i++;
			continue;
		}
		hand_over(p, k, s + i + 8 + skip, rlen - skip);
		i += 8 + (size_t)rlen;
	}
}

/* The workbook's drawing group: MSODRAWINGGROUP and the CONTINUE records after it. */
static GByteArray *
xls_drawing_group(const uint8_t *s, size_t len)
{
	GByteArray *out = g_byte_array_new();
	size_t off = 0;
	int in_group = 0;

	while (len - off >= 4) {
		uint16_t type = ole2_le16(s + off), rlen = ole2_le16(s + off + 2);

		if (rlen > len - off - 4)
			break;
		if (type == XLS_MSODRAWINGGROUP || (in_group && type == XLS_CONTINUE)) {
			g_byte_array_append(out, s + off + 4, rlen);
			in_group = 1;
		} else
			in_group = 0;
		off += 4 + (size_t)rlen;
	}
	return out;
}

static void
stream(struct pict *p, GsfInfile *in, const char *name, int xls)
{
	GByteArray *b = NULL;

	if (p->st != SEAL_OLE2_READ_OK)
		return;
	p->st = ole2_read_child(p->run, in, name, &b);
	if (p->st != SEAL_OLE2_READ_OK || b == NULL) {
		ole2_wipe(b);
		return;
	}
	if (xls) {
		GByteArray *g = xls_drawing_group(b->data, b->len);

		search(p, g->data, g->len);
		ole2_wipe(g);
	} else
		search(p, b->data, b->len);
	ole2_wipe(b);
}

seal_ole2_read_status
ole2_pictures(struct ole2_run *run, GsfInfile *in, const char *prefix)
{
	struct pict p = { run, prefix, 0, 0, 0, SEAL_OLE2_READ_OK };

	if (run->hooks->picture == NULL && run->hooks->file == NULL)
		return SEAL_OLE2_READ_OK;
	if (ole2_has(in, "WordDocument")) {
		stream(&p, in, "WordDocument", 0);
		stream(&p, in, "Data", 0);
	} else if (ole2_has(in, "Workbook"))
		stream(&p, in, "Workbook", 1);
	else if (ole2_has(in, "Book"))
		stream(&p, in, "Book", 1);
	else if (ole2_has(in, "PowerPoint Document"))
		stream(&p, in, "Pictures", 0);
	if (p.st == SEAL_OLE2_READ_OK && p.dropped > 0)
		p.st = ole2_unscannable(run, "Office document with more pictures than are read "
		    "(%u not read)", p.dropped);
	return p.st;
}
