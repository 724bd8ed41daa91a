/*
 * xls_book.c - a legacy Excel workbook read sheet by sheet (xls.h,
 * seal_xls_book), so that "where" says which sheet a number is on and
 * whether the sheet is hidden, as for xlsx and ods (office_book.c).
 *
 * A BIFF stream is a globals substream (BOF ... EOF) followed by one
 * substream per sheet ([MS-XLS] 2.1.7). The globals list the sheets in tab
 * order (BOUNDSHEET8: the stream offset of the sheet's BOF, hsState, type,
 * name) and hold the shared strings (SST) the sheets' LABELSST cells point
 * into. The walk is one pass: a sheet's substream is known by the offset
 * of its BOF; a BOF inside a substream (a chart embedded in a sheet) opens
 * a nested substream, whose text stays with the sheet around it.
 * Offsets are only compared, never followed: a damaged one cannot send the
 * walk anywhere, its substream's text is simply read as "sheets".
 */
#include <string.h>

#include "xls.h"
#include "xls_internal.h"

#define XLS_REPEAT_FLOOR ((size_t)1 << 20)

struct xls_sheet {
	uint32_t bof;           /* stream offset of the sheet's BOF record */
	unsigned state;         /* 0 visible, 1 hidden, 2 very hidden */
	char *name;             /* the sender's words */
};

struct xls_walk {
	seal_xls_text_fn fn;
	void *ctx;
	int stopped;
	int biff8;
	GArray *sheets;         /* struct xls_sheet, in tab order */
	GString *sst;           /* the shared strings, one paragraph each */
	GArray *sst_at;         /* size_t: where each starts in sst */
	guint8 *shown;          /* per string: already in some text */
	guint32 *on_sheet;      /* per string: the last substream (serial) showing it */
	guint32 serial;         /* substreams met, from 1 */
	size_t repeat_left;     /* bytes of repeats on one sheet still allowed */
	size_t again_left;      /* bytes of first showings on further sheets */
	int cur;                /* the sheet being read, -1: none (globals, unplaced) */
	GString *text;          /* of the substream being read */
	GString *notes[2];      /* its cell comments [0] and text boxes [1] (TXO) */
	int box;                /* the last OBJ is not a comment: its TXO is a box */
};

static void
xls_sheet_clear(gpointer p)
{
	g_free(((struct xls_sheet *)p)->name);
}

/* One text of the current substream to the caller, named by its sheet and what (", comment"). */
static void
flush_one(struct xls_walk *w, GString *text, const char *what)
{
	static const char *const state[] = { "", " (hidden)", " (very hidden)" };

	if (text->len > 0 && !w->stopped) {
		if (w->cur >= 0) {
			const struct xls_sheet *s = &g_array_index(w->sheets, struct xls_sheet,
			    (guint)w->cur);
			char *label = g_strdup_printf("sheet %d \"%s\"%s%s", w->cur + 1, s->name,
			    state[s->state], what);
			char *detail = g_strdup_printf("sheet %d%s%s", w->cur + 1, state[s->state],
			    what);

			w->stopped = w->fn(w->ctx, label, detail, text->str, text->len) != 0;
			g_free(label);
			g_free(detail);
		} else
			w->stopped = w->fn(w->ctx, "sheets", NULL, text->str, text->len) != 0;
	}
	memset(text->str, 0, text->len);
	g_string_truncate(text, 0);
}

/* The current substream's texts: its cells, then its comments and text boxes. */
static void
flush(struct xls_walk *w)
{
	flush_one(w, w->text, "");
	flush_one(w, w->notes[0], ", comment");
	flush_one(w, w->notes[1], ", text box");
}

/* BOUNDSHEET8: lbPlyPos (4), hsState (1, low 2 bits), dt (1), name. */
static void
boundsheet(struct xls_walk *w, const uint8_t *b, size_t rlen)
{
	struct xls_sheet s;
	GString *name = g_string_new(NULL);

	if (rlen < 7) {
		g_string_free(name, TRUE);
		return;
	}
	s.bof = xls_le32(b);
	s.state = b[4] & 0x03;
	if (s.state > 2)
		s.state = 1;    /* undefined: hidden is the nearer truth */
	xls_short_string(b + 6, rlen - 6, w->biff8, name);
	/* the name is text a reader sees on the tab */
	g_string_append_len(w->text, name->str, (gssize)name->len);
	g_string_append(w->text, "\n\n");
	s.name = g_string_free(name, FALSE);
	g_array_append_val(w->sheets, s);
}

static void
read_sst(struct xls_walk *w, const uint8_t *s, size_t len, size_t off, const uint8_t *b,
	size_t rlen)
{
	guint n;

	if (w->sst_at->len > 0)
		return;         /* one SST per workbook; a second is not followed */
	xls_sst(s, len, off, b, rlen, w->sst, w->sst_at);
	n = w->sst_at->len > 0 ? w->sst_at->len : 1;
	g_free(w->shown);
	g_free(w->on_sheet);
	w->shown = g_malloc0(n);
	w->on_sheet = g_new0(guint32, n);
	w->repeat_left = w->again_left = MAX(w->sst->len, XLS_REPEAT_FLOOR);
}

/* A LABELSST cell: its shared string in the current text, bounded. */
static void
show(struct xls_walk *w, uint32_t i)
{
	size_t from, to, *left;

	if (i >= w->sst_at->len)
		return;         /* no such string: the cell shows nothing */
	from = g_array_index(w->sst_at, size_t, i);
	to = i + 1 < w->sst_at->len ? g_array_index(w->sst_at, size_t, i + 1) : w->sst->len;
	if (w->shown[i]) {
		left = w->on_sheet[i] == w->serial ? &w->repeat_left : &w->again_left;
		if (*left < to - from)
			return;         /* read once already: the budget guards the rest */
		*left -= to - from;
	}
	w->shown[i] = 1;
	w->on_sheet[i] = w->serial;
	g_string_append_len(w->text, w->sst->str + from, (gssize)(to - from));
}

/* A BOF at offset at, outside any substream: the globals, or a sheet. */
static void
substream(struct xls_walk *w, size_t at, const uint8_t *b, size_t rlen)
{
	flush(w);
	w->cur = -1;
	if (w->serial++ == 0) {
		w->biff8 = rlen >= 2 && xls_le16(b) == XLS_BIFF8;
		return;
	}
	for (guint k = 0; k < w->sheets->len; k++)
		if (g_array_index(w->sheets, struct xls_sheet, k).bof == at) {
			w->cur = (int)k;
			return;
		}
}

/* Shared strings no cell showed: read after the sheets, as "sheets". */
static void
unshown(struct xls_walk *w)
{
	for (guint i = 0; i < w->sst_at->len; i++)
		if (!w->shown[i]) {
			size_t from = g_array_index(w->sst_at, size_t, i);
			size_t to = i + 1 < w->sst_at->len ?
			    g_array_index(w->sst_at, size_t, i + 1) : w->sst->len;

			g_string_append_len(w->text, w->sst->str + from, (gssize)(to - from));
		}
	flush(w);
}

static int
walk(struct xls_walk *w, const uint8_t *s, size_t len)
{
	size_t off = 0;
	unsigned depth = 0;     /* substreams open: 1 in a sheet, 2 in its chart */
	int txo = 0;

	while (len - off >= 4 && !w->stopped) {
		uint16_t type = xls_le16(s + off), rlen = xls_le16(s + off + 2);
		const uint8_t *b = s + off + 4;
		size_t at = off;

		if (rlen > len - off - 4)
			break;          /* truncated: keep what was read */
		off += 4 + (size_t)rlen;
		if (type == XLS_FILEPASS)
			return -1;
		if (type == XLS_BOF) {
			if (depth++ == 0)
				substream(w, at, b, rlen);
		} else if (type == XLS_EOF) {
			if (depth > 0 && --depth == 0) {
				flush(w);
				w->cur = -1;    /* until the next BOF: no sheet's */
			}
		} else if (type == XLS_BOUNDSHEET && w->serial <= 1)
			boundsheet(w, b, rlen);
		else if (type == XLS_SST && rlen >= 8)
			read_sst(w, s, len, off, b, rlen);
		else if (type == XLS_LABELSST && rlen >= 10)
			show(w, xls_le32(b + 6));
		else if (type == XLS_OBJ && rlen >= 6 && xls_le16(b) == 0x15)
			/* FtCmo first: ot 0x19 is a cell comment (a note) */
			w->box = xls_le16(b + 4) != 0x19;
		else if (type == XLS_CONTINUE && txo)
			xls_record_text(type, b, rlen, w->biff8, txo, w->notes[w->box]);
		else {
			/* each takes only its own record types; a FORMULA both */
			xls_record_text(type, b, rlen, w->biff8, txo, w->text);
			xls_cell_numbers(type, b, rlen, w->text);
		}
		txo = type == XLS_TXO;
	}
	if (!w->stopped)
		flush(w);
	if (!w->stopped)
		unshown(w);
	return w->stopped ? -2 : 0;
}

int
seal_xls_book(const uint8_t *s, size_t len, seal_xls_text_fn fn, void *ctx)
{
	struct xls_walk w;
	int rc;

	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.ctx = ctx;
	w.biff8 = 1;
	w.cur = -1;
	w.sheets = g_array_new(FALSE, TRUE, sizeof(struct xls_sheet));
	g_array_set_clear_func(w.sheets, xls_sheet_clear);
	w.sst = g_string_new(NULL);
	w.sst_at = g_array_new(FALSE, FALSE, sizeof(size_t));
	w.text = g_string_new(NULL);
	w.notes[0] = g_string_new(NULL);
	w.notes[1] = g_string_new(NULL);
	w.shown = g_malloc0(1);
	w.on_sheet = g_new0(guint32, 1);
	rc = s == NULL ? 0 : walk(&w, s, len);
	memset(w.sst->str, 0, w.sst->len);
	memset(w.text->str, 0, w.text->len);
	g_string_free(w.sst, TRUE);
	g_string_free(w.text, TRUE);
	for (int i = 0; i < 2; i++) {
		memset(w.notes[i]->str, 0, w.notes[i]->len);
		g_string_free(w.notes[i], TRUE);
	}
	g_array_free(w.sst_at, TRUE);
	g_array_free(w.sheets, TRUE);
	g_free(w.shown);
	g_free(w.on_sheet);
	return rc;
}
