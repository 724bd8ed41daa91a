/*
 * metafile.c - the text of EMF, EMF+ and WMF pictures (metafile.h).
 *
 * A metafile is a list of drawing records; text is drawn by a few of them
 * with its reference point and, mostly, the advance of each character:
 * EMF ([MS-EMF] 2.3.5): EMR_EXTTEXTOUTW and EMR_EXTTEXTOUTA (an EmrText
 * object: reference point, count, string offset, options, an optional
 * rectangle, the offset of the advances) and EMR_SMALLTEXTOUT; EMF+
 * ([MS-EMFPLUS] 2.3.4, records inside EMR_COMMENT): DrawString (a layout
 * box) and DrawDriverString (a position per glyph); WMF ([MS-WMF] 2.3.3):
 * META_TEXTOUT and META_EXTTEXTOUT. No library in Debian reads these
 * records (libwmf renders WMF only, to pixels), so they are walked here;
 * every length and offset is checked against the record and the file.
 *
 * A writer may draw one line as several runs ("CPR 0707" and "61-4285"
 * side by side), so runs are not read one by one but put on lines as a
 * viewer shows them: runs whose baselines lie within half a character of
 * each other form a line, ordered by x; where one run ends (its advances
 * summed) at the next one's start they are joined without a space, a gap
 * of up to three characters is a space, a wider one a TAB. A run without
 * advances (META_TEXTOUT, DrawString) is joined without a space: a number
 * split so is read whole, and the detectors' date and checksum tests keep
 * two unrelated runs from making one. Text drawn from glyph numbers
 * (ETO_GLYPH_INDEX, a DrawDriverString without the character map flag)
 * cannot be read without the font: counted, for the caller.
 */
#include <math.h>
#include <string.h>

#include "extract.h"
#include "metafile.h"

#define MAX_RUNS 65536
#define MAX_TEXT (1024 * 1024)

#define EMR_HEADER              1
#define EMR_EOF                 14
#define EMR_COMMENT             70
#define EMR_EXTTEXTOUTA         83
#define EMR_EXTTEXTOUTW         84
#define EMR_SMALLTEXTOUT        108

#define ETO_OPAQUE              0x0002
#define ETO_CLIPPED             0x0004
#define ETO_GLYPH_INDEX         0x0010
#define ETO_NO_RECT             0x0100
#define ETO_SMALL_CHARS         0x0200
#define ETO_PDY                 0x2000

#define EMFPLUS_DRAWSTRING      0x401c
#define EMFPLUS_DRAWDRIVERSTRING 0x4036

#define META_TEXTOUT            0x0521
#define META_EXTTEXTOUT         0x0a32

struct run {
	double x, y;
	double end;             /* where the run ends, NAN when unknown */
	double adv;             /* mean advance of a character, 0 when unknown */
	size_t seq;             /* order in the file, for equal positions */
	char *text;
	size_t len;
};

struct mf {
	const uint8_t *d;
	size_t n;
	GArray *runs;
	size_t text;
	seal_metafile_info *info;
};

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned
le16(const uint8_t *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static double
float_at(const uint8_t *p)
{
	uint32_t u = le32(p);
	float f;

	memcpy(&f, &u, sizeof(f));
	return isfinite(f) ? (double)f : 0.0;
}

int
seal_metafile_is(const uint8_t *d, size_t n)
{
	if (n >= 44 && le32(d) == EMR_HEADER && memcmp(d + 40, " EMF", 4) == 0)
		return 1;
	if (n >= 40 && le32(d) == 0x9ac6cdd7)  /* placeable WMF */
		return 1;
	/* a plain WMF header: type 1 (memory) or 2 (disk), 9 words, version */
	return n >= 18 && (le16(d) == 1 || le16(d) == 2) && le16(d + 2) == 9 &&
	    (le16(d + 4) == 0x0300 || le16(d + 4) == 0x0100);
}

/* A run of text in charset (cs) at x, y; end and adv when the file gives them. */
static void
add_run(struct mf *m, double x, double y, double end, double adv,
	const uint8_t *s, size_t len, const char *cs)
{
	struct run r = { x, y, end, adv, m->runs->len, NULL, 0 };

	if (len == 0)
		return;
	if (m->runs->len >= MAX_RUNS || m->text >= MAX_TEXT) {
		m->info->cut = 1;
		return;
	}
	r.text = seal_extract_to_utf8((const char *)s, len, cs, &r.len);
	if (r.text == NULL)
		return;
	/* a string may carry its terminating NUL: not text */
	while (r.len > 0 && r.text[r.len - 1] == '\0')
		r.len--;
	m->text += r.len;
	g_array_append_val(m->runs, r);
}

/* The advances of count characters at dx (step bytes apart): their sum. */
static double
advances(const uint8_t *dx, size_t count, size_t step, int wide)
{
	double sum = 0;

	for (size_t i = 0; i < count; i++) {
		const uint8_t *p = dx + i * step;

		sum += wide ? (double)(int32_t)le32(p) : (double)(int16_t)le16(p);
	}
	return sum;
}

/* EMR_EXTTEXTOUTA/W: the EmrText object at rec + 36. */
static void
emf_exttextout(struct mf *m, const uint8_t *rec, size_t size, int wide)
{
	const uint8_t *t = rec + 36;
	uint32_t chars, off_string, options, off_dx;
	size_t bytes, cw = wide ? 2 : 1, step;
	double x, y, end = NAN, adv = 0;

	if (size < 36 + 24)
		return;
	x = (int32_t)le32(t);
	y = (int32_t)le32(t + 4);
	chars = le32(t + 8);
	off_string = le32(t + 12);
	options = le32(t + 16);
	if (options & ETO_GLYPH_INDEX) {
		if (chars > 0)
			m->info->glyph_runs++;
		return;
	}
	if (size < 36 + 24 + ((options & ETO_NO_RECT) ? 0 : 16))
		return;
	off_dx = le32(t + ((options & ETO_NO_RECT) ? 20 : 36));
	bytes = (size_t)chars * cw;
	if (chars == 0 || off_string > size || bytes > size - off_string)
		return;
	step = (options & ETO_PDY) ? 8 : 4;
	if (off_dx >= 8 && off_dx <= size && (size - off_dx) / step >= chars) {
		double sum = advances(rec + off_dx, chars, step, 1);

		if (sum > 0) {
			end = x + sum;
			adv = sum / chars;
		}
	}
	add_run(m, x, y, end, adv, rec + off_string, bytes, wide ? "utf-16le" : "windows-1252");
}

/* EMR_SMALLTEXTOUT: x, y, count, options, mode, scales, a rectangle, the text. */
static void
emf_smalltextout(struct mf *m, const uint8_t *rec, size_t size)
{
	uint32_t chars, options;
	size_t off = 36, bytes;

	if (size < 36)
		return;
	chars = le32(rec + 16);
	options = le32(rec + 20);
	if (options & ETO_GLYPH_INDEX) {
		if (chars > 0)
			m->info->glyph_runs++;
		return;
	}
	if (!(options & ETO_NO_RECT))
		off += 16;
	bytes = (size_t)chars * ((options & ETO_SMALL_CHARS) ? 1 : 2);
	if (off > size || bytes > size - off)
		return;
	add_run(m, (int32_t)le32(rec + 8), (int32_t)le32(rec + 12), NAN, 0, rec + off, bytes,
	    (options & ETO_SMALL_CHARS) ? "windows-1252" : "utf-16le");
}

/* EmfPlusDrawDriverString: glyphs (characters with the map flag), a position each. */
static void
emfplus_driverstring(struct mf *m, const uint8_t *p, size_t len)
{
	uint32_t options, count;
	double x0, y0, xl, adv = 0;

	if (len < 16)
		return;
	options = le32(p + 4);
	count = le32(p + 12);
	if (count == 0 || count > (len - 16) / 10)
		return;                 /* 2 bytes a glyph, 8 a position */
	if (!(options & 1)) {           /* DriverStringOptionsCmapLookup */
		m->info->glyph_runs++;
		return;
	}
	x0 = float_at(p + 16 + (size_t)count * 2);
	y0 = float_at(p + 16 + (size_t)count * 2 + 4);
	xl = float_at(p + 16 + (size_t)count * 2 + (size_t)(count - 1) * 8);
	if (count > 1 && xl > x0)
		adv = (xl - x0) / (count - 1);
	add_run(m, x0, y0, adv > 0 ? xl + adv : NAN, adv, p + 16, (size_t)count * 2, "utf-16le");
}

/* The EMF+ records of an EMR_COMMENT: type, flags, size, data size, data. */
static void
emfplus(struct mf *m, const uint8_t *p, size_t len)
{
	size_t off = 0;

	while (len - off >= 12) {
		unsigned type = le16(p + off);
		uint32_t size = le32(p + off + 4), dsize = le32(p + off + 8);

		if (size < 12 || size > len - off || dsize > size - 12)
			return;
		if (type == EMFPLUS_DRAWSTRING && dsize >= 28) {
			uint32_t chars = le32(p + off + 12 + 8);

			if (chars <= (dsize - 28) / 2)
				add_run(m, float_at(p + off + 12 + 12), float_at(p + off + 12 + 16),
				    NAN, 0, p + off + 12 + 28, (size_t)chars * 2, "utf-16le");
		} else if (type == EMFPLUS_DRAWDRIVERSTRING)
			emfplus_driverstring(m, p + off + 12, dsize);
		off += size;
	}
}

static void
emf_walk(struct mf *m)
{
	size_t off = 0;

	while (m->n - off >= 8) {
		const uint8_t *rec = m->d + off;
		uint32_t type = le32(rec), size = le32(rec + 4);

		if (size < 8 || size > m->n - off)
			return;                 /* damaged: what was read counts */
		if (type == EMR_EXTTEXTOUTA || type == EMR_EXTTEXTOUTW)
			emf_exttextout(m, rec, size, type == EMR_EXTTEXTOUTW);
		else if (type == EMR_SMALLTEXTOUT)
			emf_smalltextout(m, rec, size);
		else if (type == EMR_COMMENT && size >= 16 && memcmp(rec + 12, "EMF+", 4) == 0 &&
		    le32(rec + 8) >= 4 && le32(rec + 8) <= size - 12)
			emfplus(m, rec + 16, le32(rec + 8) - 4);
		else if (type == EMR_EOF)
			return;
		off += size;
	}
}

/* META_EXTTEXTOUT: y, x, length, options, a rectangle, the string, advances. */
static void
wmf_exttextout(struct mf *m, const uint8_t *rec, size_t size)
{
	unsigned len, opts;
	size_t off = 14, slen;
	double x, y, end = NAN, adv = 0;

	if (size < 14)
		return;
	y = (int16_t)le16(rec + 6);
	x = (int16_t)le16(rec + 8);
	len = le16(rec + 10);
	opts = le16(rec + 12);
	if (opts & (ETO_OPAQUE | ETO_CLIPPED))
		off += 8;
	if (opts & ETO_GLYPH_INDEX) {
		if (len > 0)
			m->info->glyph_runs++;
		return;
	}
	if (off > size || len > size - off)
		return;
	slen = len + (len & 1);
	if (len > 0 && slen <= size - off && (size - off - slen) / 2 >= len) {
		double sum = advances(rec + off + slen, len, 2, 0);

		if (sum > 0) {
			end = x + sum;
			adv = sum / len;
		}
	}
	add_run(m, x, y, end, adv, rec + off, len, "windows-1252");
}

static void
wmf_walk(struct mf *m)
{
	size_t off = le32(m->d) == 0x9ac6cdd7 ? 22 : 0;

	if (m->n - off < 18)
		return;
	off += (size_t)le16(m->d + off + 2) * 2;        /* the header's words */
	while (off <= m->n && m->n - off >= 6) {
		const uint8_t *rec = m->d + off;
		size_t size = (size_t)le32(rec) * 2;
		unsigned func = le16(rec + 4);

		if (size < 6 || size > m->n - off || func == 0)
			return;
		if (func == META_TEXTOUT && size >= 8) {
			size_t len = le16(rec + 6), slen = len + (len & 1);

			if (slen <= size - 8 && size - 8 - slen >= 4)
				add_run(m, (int16_t)le16(rec + 8 + slen + 2),
				    (int16_t)le16(rec + 8 + slen), NAN, 0, rec + 8, len,
				    "windows-1252");
		} else if (func == META_EXTTEXTOUT)
			wmf_exttextout(m, rec, size);
		off += size;
	}
}

static int
by_position(const void *a, const void *b)
{
	const struct run *r = a, *s = b;

	if (r->y != s->y)
		return r->y < s->y ? -1 : 1;
	if (r->x != s->x)
		return r->x < s->x ? -1 : 1;
	return r->seq < s->seq ? -1 : r->seq > s->seq;
}

static int
by_x(const void *a, const void *b)
{
	const struct run *r = a, *s = b;

	if (r->x != s->x)
		return r->x < s->x ? -1 : 1;
	return r->seq < s->seq ? -1 : r->seq > s->seq;
}

/* Half a character of whichever run says how wide its characters are. */
static double
line_slack(const struct run *a, const struct run *b)
{
	return MAX(a->adv, b->adv) / 2;
}

/* The runs as lines: sorted by baseline, grouped, each group by x. */
static void
lines(struct mf *m, GString *out)
{
	struct run *r = (struct run *)(void *)m->runs->data;
	size_t n = m->runs->len, i = 0;

	if (n == 0)
		return;
	qsort(r, n, sizeof(*r), by_position);
	while (i < n) {
		size_t j = i + 1;

		while (j < n && r[j].y - r[i].y <= line_slack(&r[i], &r[j]))
			j++;
		qsort(r + i, j - i, sizeof(*r), by_x);
		for (size_t k = i; k < j; k++) {
			if (k > i && !isnan(r[k - 1].end)) {
				double adv = MAX(r[k - 1].adv, r[k].adv), gap = r[k].x - r[k - 1].end;

				if (gap > 3 * adv)
					g_string_append_c(out, '\t');
				else if (gap > 0.35 * adv)
					g_string_append_c(out, ' ');
			}
			g_string_append_len(out, r[k].text, (gssize)r[k].len);
		}
		g_string_append_c(out, '\n');
		i = j;
	}
}

int
seal_metafile_text(const uint8_t *d, size_t n, GString *out, seal_metafile_info *info)
{
	struct mf m = { d, n, g_array_new(FALSE, FALSE, sizeof(struct run)), 0, info };

	memset(info, 0, sizeof(*info));
	if (!seal_metafile_is(d, n)) {
		g_array_free(m.runs, TRUE);
		return -1;
	}
	if (le32(d) == EMR_HEADER)
		emf_walk(&m);
	else
		wmf_walk(&m);
	lines(&m, out);
	for (guint i = 0; i < m.runs->len; i++) {
		struct run *r = &g_array_index(m.runs, struct run, i);

		memset(r->text, 0, r->len);
		g_free(r->text);
	}
	g_array_free(m.runs, TRUE);
	return 0;
}
