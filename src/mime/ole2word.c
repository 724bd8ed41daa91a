/*
 * ole2word.c - the text of a legacy Word document (Word 97-2003 .doc,
 * [MS-DOC]) through its piece table (ole2read_internal.h).
 *
 * The FIB at the start of the WordDocument stream ([MS-DOC] 2.5.1) gives
 * the table stream (0Table or 1Table, flag fWhichTblStm), the character
 * counts of each part (FibRgLw97: ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn,
 * ccpEdn, ccpTxbx, ccpHdrTxbx) and where the Clx lies in the table stream
 * (FibRgFcLcb97 fcClx/lcbClx, the 34th pair). The Clx is a run of Prc
 * (formatting, skipped) and one Pcdt holding the PlcPcd: n+1 character
 * positions and n piece descriptors. A piece is 8-bit (fCompressed: the
 * bytes at fc/2, Windows-1252) or UTF-16LE at fc. The parts follow each
 * other in that one character stream: each is handed over under its own
 * name ("text", "footnotes", "headers", "comments", "endnotes", "text
 * boxes"...). Hidden text, deleted revisions and field codes are pieces
 * like any other: read, as "read what is hidden" asks.
 *
 * Word 6/95 files (nFib below 101) have another FIB: OTHER, the caller's
 * strings reader takes them. A structure that points outside its stream
 * is a damaged document: unscannable.
 */
#include <string.h>

#include "ole2read_internal.h"

#define DOC_IDENT 0xA5EC
#define DOC_NFIB_97 101
#define DOC_F_ENCRYPTED 0x0100
#define DOC_F_WHICHTBL 0x0200
#define DOC_PAIR_CLX 33
#define DOC_PARTS 8

static const char *const doc_part[DOC_PARTS + 1] = { "text", "footnotes", "headers",
	"macros", "comments", "endnotes", "text boxes", "header text boxes", "more text" };

struct doc {
	const uint8_t *wd;
	size_t wdlen;
	uint32_t end[DOC_PARTS + 1];   /* the CP where each part ends */
	unsigned part;                  /* the part being gathered */
	GString *s;
	struct ole2_run *run;
	const char *prefix;
	seal_ole2_read_status st;
};

/* The FIB's part counts and Clx place; 0, or -1 when not a Word 97 FIB. */
static int
doc_fib(struct doc *d, uint32_t *fc_clx, uint32_t *lcb_clx, int *table1)
{
	const uint8_t *w = d->wd;
	size_t off = 32, lw, fc;
	uint32_t cp = 0;
	unsigned csw, cslw, pairs;

	if (d->wdlen < 34 || ole2_le16(w) != DOC_IDENT || ole2_le16(w + 2) < DOC_NFIB_97)
		return -1;
	*table1 = (ole2_le16(w + 0x0A) & DOC_F_WHICHTBL) != 0;
	csw = ole2_le16(w + off);
	off += 2 + 2 * (size_t)csw;
	if (off + 2 > d->wdlen)
		return -1;
	cslw = ole2_le16(w + off);
	lw = off + 2;
	off = lw + 4 * (size_t)cslw;
	if (cslw < 11 || off + 2 > d->wdlen)
		return -1;
	pairs = ole2_le16(w + off);
	fc = off + 2;
	if (pairs <= DOC_PAIR_CLX || fc + 8 * (size_t)pairs > d->wdlen)
		return -1;
	*fc_clx = ole2_le32(w + fc + 8 * DOC_PAIR_CLX);
	*lcb_clx = ole2_le32(w + fc + 8 * DOC_PAIR_CLX + 4);
	for (unsigned i = 0; i < DOC_PARTS; i++) {
		uint32_t n = ole2_le32(w + lw + 12 + 4 * (size_t)i);

		cp = n > UINT32_MAX - cp ? UINT32_MAX : cp + n;
		d->end[i] = cp;
	}
	d->end[DOC_PARTS] = UINT32_MAX;
	return 0;
}

/* Hands the gathered part over and starts the next one. */
static void
doc_flush(struct doc *d)
{
	if (d->st == SEAL_OLE2_READ_OK)
		d->st = ole2_emit(d->run, d->prefix, doc_part[d->part], d->s->str, d->s->len);
	if (d->s->len > 0)
		memset(d->s->str, 0, d->s->len);
	g_string_truncate(d->s, 0);
}

/* Characters [cp, cp + n) of one piece, whose bytes start at p. */
static void
doc_chars(struct doc *d, uint32_t cp, const uint8_t *p, size_t n, int compressed)
{
	while (n > 0) {
		size_t take = n;

		while (d->part < DOC_PARTS && cp >= d->end[d->part]) {
			doc_flush(d);
			d->part++;
		}
		if ((uint64_t)cp + take > d->end[d->part])
			take = d->end[d->part] - cp;
		if (compressed)
			ole2_cp1252(d->s, p, take);
		else
			ole2_utf16(d->s, p, 2 * take);
		p += compressed ? take : 2 * take;
		cp += (uint32_t)take;
		n -= take;
	}
}

/* The PlcPcd at pl (lcb bytes): every piece in order; 0, -1 damaged. */
static int
doc_pieces(struct doc *d, const uint8_t *pl, size_t lcb)
{
	size_t n;

	if (lcb < 16 || (lcb - 4) % 12 != 0)
		return -1;
	n = (lcb - 4) / 12;
	for (size_t k = 0; k < n && d->st == SEAL_OLE2_READ_OK; k++) {
		uint32_t cp0 = ole2_le32(pl + 4 * k), cp1 = ole2_le32(pl + 4 * (k + 1));
		uint32_t fc = ole2_le32(pl + 4 * (n + 1) + 8 * k + 2);
		int compressed = (fc & 0x40000000u) != 0;
		size_t count, off, bytes;

		if (cp1 < cp0)
			return -1;
		count = cp1 - cp0;
		fc &= 0x3FFFFFFFu;
		off = compressed ? fc / 2 : fc;
		bytes = compressed ? count : 2 * count;
		if (off > d->wdlen || bytes > d->wdlen - off)
			return -1;
		doc_chars(d, cp0, d->wd + off, count, compressed);
	}
	return 0;
}

/* The Clx: Prc entries skipped, then the Pcdt; 0, or -1 damaged. */
static int
doc_clx(struct doc *d, const GByteArray *tbl, uint32_t fc, uint32_t lcb)
{
	size_t i = fc, end;

	if (fc > tbl->len || lcb > tbl->len - fc)
		return -1;
	end = (size_t)fc + lcb;
	while (i < end) {
		if (tbl->data[i] == 0x01 && i + 3 <= end)
			i += 3 + (size_t)ole2_le16(tbl->data + i + 1);
		else if (tbl->data[i] == 0x02 && i + 5 <= end) {
			size_t n = ole2_le32(tbl->data + i + 1);

			if (n > end - i - 5)
				return -1;
			return doc_pieces(d, tbl->data + i + 5, n);
		} else
			return -1;
	}
	return -1;
}

seal_ole2_read_status
ole2_word(struct ole2_run *run, GsfInfile *in, const char *prefix)
{
	struct doc d;
	GByteArray *wd = NULL, *tbl = NULL;
	uint32_t fc, lcb;
	int table1 = 0, bad;
	seal_ole2_read_status st = ole2_read_child(run, in, "WordDocument", &wd);

	if (st != SEAL_OLE2_READ_OK || wd == NULL)
		return st;
	memset(&d, 0, sizeof(d));
	d.wd = wd->data;
	d.wdlen = wd->len;
	d.run = run;
	d.prefix = prefix;
	d.st = SEAL_OLE2_READ_OK;
	if (wd->len >= 12 && ole2_le16(wd->data) == DOC_IDENT &&
	    (ole2_le16(wd->data + 0x0A) & DOC_F_ENCRYPTED) != 0) {
		ole2_wipe(wd);
		return ole2_unscannable(run, "Word document is password-protected");
	}
	if (doc_fib(&d, &fc, &lcb, &table1) != 0) {
		ole2_wipe(wd);
		return SEAL_OLE2_READ_OTHER;
	}
	st = ole2_read_child(run, in, table1 ? "1Table" : "0Table", &tbl);
	if (st == SEAL_OLE2_READ_OK && tbl == NULL)
		st = ole2_unscannable(run, "damaged Word document (no table stream)");
	/* tbl != NULL again: ole2_unscannable() (another file) is opaque to the analysers. */
	if (st == SEAL_OLE2_READ_OK && tbl != NULL) {
		d.s = g_string_new(NULL);
		bad = doc_clx(&d, tbl, fc, lcb);
		if (!bad)
			doc_flush(&d);
		st = bad ? ole2_unscannable(run, "damaged Word document (piece table)") : d.st;
		if (d.s->len > 0)
			memset(d.s->str, 0, d.s->len);
		g_string_free(d.s, TRUE);
	}
	ole2_wipe(tbl);
	ole2_wipe(wd);
	return st;
}
