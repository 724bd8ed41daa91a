/*
 * binstrings.c - printable runs out of binary data (binstrings.h).
 *
 * Three readings: Windows-1252 bytes, UTF-16LE and UTF-16BE code units at
 * both byte alignments. Text in one UTF-16 byte order is also seen, one
 * byte over, by the other order, short of its first or last character or
 * with a neighbouring byte read as a letter; of two such overlapping runs
 * the one with more ASCII, then fewer other characters is kept (the
 * little-endian one on a tie), so a number at either end of the text is not
 * lost to the copy that cut it. UTF-16 runs are kept as byte intervals and decoded again
 * when handed over, so memory stays small. A table built once (thread
 * safe, g_once) maps single bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "binstrings.h"

enum reading { READ_CP1252 = 0, READ_LE, READ_BE };

/* Windows-1252 0x80..0x9F; 0 where the code page has no character. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/*
 * Control characters as a word processor shows them: 0x07 ends a table
 * cell, 0x0B is a manual line break, 0x0C a page break, 0x1E Word's
 * non-breaking hyphen, 0x1F its optional hyphen. -1: not text.
 */
static int32_t
control_as_shown(uint32_t c)
{
	switch (c) {
	case 0x07: case 0x09: return '\t';
	case 0x0A: case 0x0B: case 0x0C: case 0x0D: return '\n';
	case 0x1E: return '-';
	case 0x1F: return 0xAD;
	default: return -1;
	}
}

/*
 * UTF-16 code units taken as text: the scripts and signs of European
 * text. Random binary pairs mostly fall outside them (CJK, private use,
 * controls), which keeps noise runs out.
 */
static int
utf16_printable(uint32_t u)
{
	return (u >= 0x20 && u <= 0x7E) || (u >= 0xA0 && u <= 0x24F) ||
	    (u >= 0x370 && u <= 0x4FF) || (u >= 0x2010 && u <= 0x2027) ||
	    (u >= 0x2030 && u <= 0x203A) || u == 0x20AC || u == 0x2116 || u == 0x2122;
}

/* Windows-1252 byte (and UTF-16 unit below 0x100) to character; -1 not text. */
static int32_t byte_char[256];

static void
byte_table_init(void)
{
	for (uint32_t u = 0; u < 256; u++) {
		int32_t c;

		if (u < 0x20)
			c = control_as_shown(u);
		else if (u == 0x7F)
			c = -1;
		else if (u >= 0x80 && u < 0xA0)
			c = cp1252_high[u - 0x80] != 0 ? cp1252_high[u - 0x80] : -1;
		else
			c = (int32_t)u;
		byte_char[u] = c;
	}
}

/* The character at byte i in a reading, or -1 when it is not text. */
static inline int32_t
char_at(const uint8_t *d, size_t i, enum reading r)
{
	uint32_t u;

	if (r == READ_CP1252)
		return byte_char[d[i]];
	u = r == READ_LE ? (uint32_t)d[i] | (uint32_t)d[i + 1] << 8 :
	    (uint32_t)d[i] << 8 | d[i + 1];
	if (u < 0x20)
		return byte_char[u];
	/* UTF-16 C1 controls (0x80..0x9F) are not the Windows-1252 signs */
	return utf16_printable(u) ? (int32_t)u : -1;
}

typedef struct run {
	size_t start, end;      /* bytes [start, end) */
	size_t chars;
	size_t ascii;           /* characters below U+0080 */
} run;

/* Pending text: at most 4 pieces, then a character (3 bytes, BMP only) and "\n". */
#define OUT_CAP (4 * SEAL_BINSTRINGS_PIECE + 8)

typedef struct out {
	char *buf;
	size_t len;
	seal_binstrings_fn fn;
	void *ctx;
	seal_err *err;
} out;

static seal_status
out_flush(out *o)
{
	seal_status st = SEAL_OK;

	if (o->len > 0)
		st = o->fn(o->ctx, o->buf, o->len, o->err);
	memset(o->buf, 0, o->len);
	o->len = 0;
	return st;
}

static inline void
out_put(out *o, uint32_t c)
{
	char *p = o->buf + o->len;

	if (c < 0x80) {
		p[0] = (char)c;
		o->len += 1;
	} else if (c < 0x800) {
		p[0] = (char)(0xC0 | c >> 6);
		p[1] = (char)(0x80 | (c & 0x3F));
		o->len += 2;
	} else {
		p[0] = (char)(0xE0 | c >> 12);
		p[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		p[2] = (char)(0x80 | (c & 0x3F));
		o->len += 3;
	}
}

/*
 * Decodes one run into the pending text, then a "\n". The text goes out
 * when a piece is full, only after a white space or at the run's end, so
 * no number is cut; a run without white space is cut at four pieces.
 */
static seal_status
out_run(out *o, const uint8_t *d, const run *rn, enum reading r)
{
	size_t step = r == READ_CP1252 ? 1 : 2;
	seal_status st;
	int32_t prev = -1;

	for (size_t i = rn->start; i + step <= rn->end; i += step) {
		int32_t c = char_at(d, i, r);

		/*
		 * An ASCII digit against a non-ASCII letter: in binary data that
		 * is mostly a neighbouring byte read as a letter (a BIFF record
		 * type 0xFF after a cell string reads "ÿ"), which would glue to
		 * the number and drop it (boundary rule 1). A line break between
		 * them; dashes and spaces (0x96 en dash) are kept as they are.
		 */
		if (prev >= 0 && ((g_ascii_isdigit(prev) && c >= 0x80 &&
		    g_unichar_isalnum((gunichar)c)) || (g_ascii_isdigit(c) &&
		    prev >= 0x80 && g_unichar_isalnum((gunichar)prev))))
			o->buf[o->len++] = '\n';
		prev = c;
		out_put(o, (uint32_t)c);
		if ((o->len >= SEAL_BINSTRINGS_PIECE && (c == ' ' || c == '\n' ||
		    c == '\t')) || o->len >= 4 * SEAL_BINSTRINGS_PIECE) {
			if ((st = out_flush(o)) != SEAL_OK)
				return st;
		}
	}
	o->buf[o->len++] = '\n';
	return o->len >= SEAL_BINSTRINGS_PIECE ? out_flush(o) : SEAL_OK;
}

/* Finds the runs of one reading at one alignment and appends them to runs. */
static void
find_runs(const uint8_t *d, size_t len, enum reading r, size_t align, GArray *runs)
{
	size_t step = r == READ_CP1252 ? 1 : 2;
	run cur = { 0, 0, 0, 0 };

	for (size_t i = align; i + step <= len; i += step) {
		int32_t c = char_at(d, i, r);

		if (c >= 0) {
			if (cur.chars++ == 0) {
				cur.start = i;
				cur.ascii = 0;
			}
			cur.ascii += c < 0x80;
			cur.end = i + step;
			continue;
		}
		if (cur.chars >= SEAL_BINSTRINGS_MIN)
			g_array_append_val(runs, cur);
		cur.chars = 0;
	}
	if (cur.chars >= SEAL_BINSTRINGS_MIN)
		g_array_append_val(runs, cur);
}

static int
run_cmp(const void *a, const void *b)
{
	const run *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Of two overlapping runs, the one more likely the text as written: more
 * ASCII characters (the copy one byte over loses an end character), then
 * fewer others (it gains a neighbouring byte, read as a letter), then
 * little-endian. 1: b is the better.
 */
static int
run_better(const run *a, const run *b)
{
	if (b->ascii != a->ascii)
		return b->ascii > a->ascii;
	return b->chars - b->ascii < a->chars - a->ascii;
}

/* Marks (chars = 0) the worse of every LE/BE pair that overlaps. */
static void
drop_shadow_runs(GArray *le, GArray *be)
{
	size_t j = 0;

	for (size_t i = 0; i < le->len; i++) {
		run *a = &g_array_index(le, run, i);

		while (j < be->len && g_array_index(be, run, j).end <= a->start)
			j++;
		for (size_t k = j; k < be->len; k++) {
			run *b = &g_array_index(be, run, k);

			if (b->start >= a->end)
				break;
			if (b->chars == 0)
				continue;
			if (run_better(a, b)) {
				a->chars = 0;
				break;
			}
			b->chars = 0;
		}
	}
}

static seal_status
out_runs(out *o, const uint8_t *d, GArray *runs, enum reading r)
{
	seal_status st = SEAL_OK;

	for (size_t i = 0; i < runs->len && st == SEAL_OK; i++) {
		const run *rn = &g_array_index(runs, run, i);

		if (rn->chars > 0)
			st = out_run(o, d, rn, r);
	}
	return st;
}

seal_status
seal_binstrings_scan(const uint8_t *data, size_t len, seal_binstrings_fn fn, void *ctx,
	seal_err *err)
{
	GArray *single = g_array_new(FALSE, FALSE, sizeof(run));
	GArray *le = g_array_new(FALSE, FALSE, sizeof(run));
	GArray *be = g_array_new(FALSE, FALSE, sizeof(run));
	out o = { g_malloc(OUT_CAP), 0, fn, ctx, err };
	seal_status st;
	static gsize table_done;

	if (g_once_init_enter(&table_done)) {
		byte_table_init();
		g_once_init_leave(&table_done, 1);
	}

	if (data == NULL)
		len = 0;
	find_runs(data, len, READ_CP1252, 0, single);
	for (size_t align = 0; align < 2; align++) {
		find_runs(data, len, READ_LE, align, le);
		find_runs(data, len, READ_BE, align, be);
	}
	g_array_sort(le, run_cmp);
	g_array_sort(be, run_cmp);
	drop_shadow_runs(le, be);
	st = out_runs(&o, data, single, READ_CP1252);
	if (st == SEAL_OK)
		st = out_runs(&o, data, le, READ_LE);
	if (st == SEAL_OK)
		st = out_runs(&o, data, be, READ_BE);
	if (st == SEAL_OK)
		st = out_flush(&o);
	else
		memset(o.buf, 0, o.len);
	g_free(o.buf);
	g_array_free(single, TRUE);
	g_array_free(le, TRUE);
	g_array_free(be, TRUE);
	return st;
}
