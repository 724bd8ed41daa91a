/*
 * detect.c - the detection pipeline of spec sections 3 to 7: candidate
 * shapes at each digit run, boundary rules, per-kind validation, context
 * level, overlap resolution and masking.
 *
 * Every shape starts with a maximal run of 6, 8, 10, 11 or 12 digits whose
 * code point before is no letter or digit (boundary rule 1), so the scan
 * only stops at such runs (detect_find.c) and looks at the few bytes after
 * them. Overlaps can only occur between candidates that share characters,
 * so findings are resolved per cluster of overlapping candidates and the
 * whole scan stays linear.
 */
#include <stdlib.h>
#include <string.h>

#include "detect_internal.h"

/* What a candidate's shape allows (spec 3.1). */
enum {
	SHAPE_D10 = 1 << 0,    /* dk-cpr, is-kt */
	SHAPE_S10 = 1 << 1,
	SHAPE_S12 = 1 << 2,
	SHAPE_N11 = 1 << 3,
	SHAPE_F11 = 1 << 4
};

typedef struct cand {
	size_t start, end;     /* byte range in the text */
	unsigned shapes;
	char chars[13];        /* characters without separator */
	size_t nchars;
	bool plus;             /* Swedish '+' separator */
	bool hyphen;           /* written with '-', '+' or a century sign */
	bool wide;             /* TAB, two spaces or " - ": also columns */
	seal_bound start_bound;
	char sign;             /* Finnish century sign, upper case */
} cand;

typedef struct scan_ctx {
	const char *text;
	size_t len;
	const seal_date *scan;
	seal_url_state url;
	GArray *cluster;       /* seal_finding, overlapping, in start order */
	size_t cluster_end;
	GArray *out;
	size_t added;
} scan_ctx;

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t
digits_at(const char *text, size_t len, size_t i, size_t max)
{
	size_t n = 0;

	while (i + n < len && n < max && is_digit(text[i + n]))
		n++;
	return n;
}

/*
 * Separator at i (spec 3.1 SEP, plus '+' forms when plus_ok): returns its
 * byte length (0 for none) and sets *plus and *hyphen. -1: no separator
 * form here. The hyphen may have one space, TAB or line break after it
 * (a header folded after the hyphen unfolds to "- ") or a space on both
 * sides; blanks alone are one space, two spaces, a TAB or a line break.
 */
static int
separator_at(const char *t, size_t len, size_t i, bool plus_ok, bool *plus,
	bool *hyphen, bool *wide)
{
	*plus = false;
	*hyphen = false;
	*wide = t[i] == '\t' || (t[i] == ' ' && i + 1 < len &&
	    (t[i + 1] == ' ' || t[i + 1] == '-'));
	if (i >= len)
		return -1;
	if (is_digit(t[i]))
		return 0;
	if (t[i] == '-' || (plus_ok && t[i] == '+')) {
		*plus = t[i] == '+';
		*hyphen = true;
		return i + 1 < len && (t[i + 1] == '\n' || t[i + 1] == ' ' ||
		    t[i + 1] == '\t') ? 2 : 1;
	}
	if (t[i] == ' ' && i + 2 < len && t[i + 1] == '-' && t[i + 2] == ' ') {
		*hyphen = true;
		return 3;
	}
	if (t[i] == ' ' && i + 1 < len && t[i + 1] == ' ')
		return 2;
	if (t[i] == ' ' || t[i] == '\n' || t[i] == '\t')
		return 1;
	return -1;
}

/* ---------------------------------------------------------- findings */

static void
mask_finding(seal_finding *f, const cand *c)
{
	size_t vis = f->kind == SEAL_KIND_FI_HETU || c->nchars != 12 ? 6 : 8;
	const char *tail;
	char sep;

	switch (f->kind) {
	case SEAL_KIND_NO_FNR: case SEAL_KIND_NO_DNR: case SEAL_KIND_NO_HNR:
		sep = '-';
		tail = "XXXXX";
		break;
	case SEAL_KIND_FI_HETU:
		sep = c->sign;
		tail = "XXXX";
		break;
	case SEAL_KIND_SE_PNR: case SEAL_KIND_SE_SAMORDNING:
		sep = c->plus ? '+' : '-';
		tail = "XXXX";
		break;
	default:
		sep = '-';
		tail = "XXXX";
		break;
	}
	memcpy(f->masked, c->chars, vis);
	f->masked[vis] = sep;
	g_strlcpy(f->masked + vis + 1, tail, sizeof(f->masked) - vis - 1);
}

static void
canonical_finding(seal_finding *f, const cand *c, const seal_date *scan)
{
	if (f->kind == SEAL_KIND_SE_PNR || f->kind == SEAL_KIND_SE_SAMORDNING) {
		seal_se_canonical(c->chars, c->nchars, c->plus, scan,
		    f->canonical);
		return;
	}
	if (f->kind == SEAL_KIND_FI_HETU) {
		/* DDMMYY, century sign, NNNQ: the 11 characters as written */
		memcpy(f->canonical, c->chars, 6);
		f->canonical[6] = c->sign;
		memcpy(f->canonical + 7, c->chars + 6, 4);
		f->canonical[11] = '\0';
		return;
	}
	memcpy(f->canonical, c->chars, c->nchars);
	f->canonical[c->nchars] = '\0';
}

/* Spec 6: level desc, kind order, start asc, length desc. */
static gint
finding_rank(gconstpointer a, gconstpointer b)
{
	const seal_finding *x = a, *y = b;

	if (x->level != y->level)
		return y->level - x->level;
	if (x->kind != y->kind)
		return (int) x->kind - (int) y->kind;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end - x->start != y->end - y->start)
		return x->end - x->start > y->end - y->start ? -1 : 1;
	return 0;
}

static gint
finding_pos(gconstpointer a, gconstpointer b)
{
	const seal_finding *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

/* Resolves the current cluster (spec 6) and appends it to the output. */
static void
flush_cluster(scan_ctx *sc)
{
	GArray *cl = sc->cluster;
	guint i, j, nkept = 0;

	if (cl->len == 0)
		return;
	g_array_sort(cl, finding_rank);
	for (i = 0; i < cl->len; i++) {
		seal_finding *f = &g_array_index(cl, seal_finding, i);
		bool clash = false;

		for (j = 0; j < nkept && !clash; j++) {
			seal_finding *k = &g_array_index(cl, seal_finding, j);

			clash = f->start < k->end && k->start < f->end;
		}
		if (!clash) {
			if (i != nkept)
				g_array_index(cl, seal_finding, nkept) = *f;
			nkept++;
		}
	}
	g_array_set_size(cl, nkept);
	g_array_sort(cl, finding_pos);
	g_array_append_vals(sc->out, cl->data, cl->len);
	sc->added += cl->len;
	g_array_set_size(cl, 0);
}

static void
add_finding(scan_ctx *sc, const cand *c, seal_kind kind, int level)
{
	seal_finding f;

	memset(&f, 0, sizeof(f));
	f.kind = kind;
	f.level = level;
	f.start = c->start;
	f.end = c->end;
	mask_finding(&f, c);
	canonical_finding(&f, c, sc->scan);
	if (c->start >= sc->cluster_end)
		flush_cluster(sc);
	if (c->end > sc->cluster_end)
		sc->cluster_end = c->end;
	g_array_append_val(sc->cluster, f);
}

/* ---------------------------------------------------------- candidates */

typedef struct valid {
	seal_kind kind;
	int base, cap;
} valid;

/* All kinds the candidate is valid for; returns how many. */
static int
validate(const cand *c, const seal_date *scan, valid *v)
{
	int n = 0, base;
	seal_kind k;
	bool mod11;

	if ((c->shapes & SHAPE_D10) &&
	    (base = seal_valid_dk(c->chars, scan, &mod11)) > 0)
		v[n++] = (valid) { SEAL_KIND_DK_CPR, base, mod11 ? 3 : 2 };
	if ((c->shapes & (SHAPE_S10 | SHAPE_S12)) &&
	    (base = seal_valid_se(c->chars, c->nchars, scan, &k)) > 0)
		v[n++] = (valid) { k, base, 3 };
	if ((c->shapes & SHAPE_N11) && (base = seal_valid_no(c->chars, &k)) > 0)
		v[n++] = (valid) { k, base, 3 };
	if (c->shapes & SHAPE_F11) {
		char h[11];

		memcpy(h, c->chars, 6);
		h[6] = c->sign;
		memcpy(h + 7, c->chars + 6, 4);
		if ((base = seal_valid_fi(h, scan)) > 0)
			v[n++] = (valid) { SEAL_KIND_FI_HETU, base, 3 };
	}
	if ((c->shapes & SHAPE_D10) && (base = seal_valid_is(c->chars, scan)) > 0)
		v[n++] = (valid) { SEAL_KIND_IS_KT, base, 3 };
	return n;
}

/* Validates one candidate, applies context (spec 5.5), collects it. */
static void
consider(scan_ctx *sc, cand *c)
{
	valid v[4];
	int n, i, ctx;

	switch (seal_bound_end(sc->text, sc->len, c->end)) {
	case SEAL_BOUND_NO:
		return;
	case SEAL_BOUND_SPACE:
		if (!c->hyphen &&
		    !seal_bound_space_end_ok(sc->text, sc->len, c->end))
			return;
		break;
	default:
		break;
	}
	if (c->start_bound == SEAL_BOUND_SPACE && !c->hyphen &&
	    !seal_bound_space_start_ok(sc->text, c->start))
		return;
	n = validate(c, sc->scan, v);
	if (n == 0)
		return;
	ctx = seal_ctx_keywords(sc->text, sc->len, c->start, c->end);
	if (seal_ctx_in_url(&sc->url, sc->text, sc->len, c->start, c->end))
		ctx--;
	/*
	 * A meeting ID (5.5): one run of digits, no identity keyword near,
	 * in a dial string, a join link or after a meeting label.
	 */
	if (ctx <= 0 && c->end - c->start == c->nchars &&
	    seal_ctx_meeting(sc->text, sc->len, c->start, c->end))
		ctx -= 2;
	/* a column separator joins table cells as often as a number (5.5) */
	if (c->wide)
		ctx--;
	for (i = 0; i < n; i++) {
		int level = MIN(v[i].base + ctx, v[i].cap);

		if (level > 0)
			add_finding(sc, c, v[i].kind, level);
	}
}

/* A second digit group after a separator: exactly glen digits. */
static bool
second_group(scan_ctx *sc, cand *c, size_t at, size_t glen)
{
	if (digits_at(sc->text, sc->len, at, glen + 1) != glen)
		return false;
	memcpy(c->chars + c->nchars, sc->text + at, glen);
	c->nchars += glen;
	c->end = at + glen;
	return true;
}

/* Norwegian "DDMMYY NNN KK" (6-3-2, spec 3.1 N11): c holds the six. */
static bool
norwegian_groups(scan_ctx *sc, cand *c, size_t at)
{
	if (at + 6 > sc->len || digits_at(sc->text, sc->len, at, 4) != 3 ||
	    sc->text[at + 3] != ' ')
		return false;
	if (digits_at(sc->text, sc->len, at + 4, 3) != 2)
		return false;
	memcpy(c->chars + 6, sc->text + at, 3);
	memcpy(c->chars + 9, sc->text + at + 4, 2);
	c->nchars = 11;
	c->end = at + 6;
	return true;
}

/* Run of 6 digits followed by a separator or a Finnish century sign. */
static void
shapes_after_six(scan_ctx *sc, size_t rs, size_t re, seal_bound sb)
{
	const char *t = sc->text;
	cand c;
	bool plus, hyphen, wide;
	int sl = separator_at(t, sc->len, re, true, &plus, &hyphen, &wide);
	char s;

	memset(&c, 0, sizeof(c));
	c.start = rs;
	c.start_bound = sb;
	if (sl > 0) {
		c.nchars = 6;
		memcpy(c.chars, t + rs, 6);
		c.plus = plus;
		c.hyphen = hyphen;
		c.wide = wide;
		if (second_group(sc, &c, re + (size_t) sl, 4)) {
			c.shapes = plus ? SHAPE_S10 : SHAPE_D10 | SHAPE_S10;
			/* DDMMYY-NNNQ with a digit Q is also a hetu */
			if (sl == 1 && hyphen) {
				c.shapes |= SHAPE_F11;
				c.sign = t[re];
			}
			consider(sc, &c);
			return;
		}
		c.nchars = 6;
		if (!plus && second_group(sc, &c, re + (size_t) sl, 5)) {
			c.shapes = SHAPE_N11;
			consider(sc, &c);
			return;
		}
		c.nchars = 6;
		c.wide = false;
		if (sl == 1 && t[re] == ' ' &&
		    norwegian_groups(sc, &c, re + 1)) {
			c.shapes = SHAPE_N11;
			consider(sc, &c);
			return;
		}
	}
	/* F11 with a letter as century sign or as check character */
	if (re + 5 > sc->len)
		return;
	s = g_ascii_toupper(t[re]);
	if (!(s == '-' || s == '+' || (s >= 'A' && s <= 'F') ||
	    (s >= 'U' && s <= 'Y')))
		return;
	if (digits_at(t, sc->len, re + 1, 3) != 3)
		return;
	memset(&c, 0, sizeof(c));
	c.start = rs;
	c.start_bound = sb;
	c.hyphen = true;
	c.end = re + 5;
	c.shapes = SHAPE_F11;
	c.sign = s;
	memcpy(c.chars, t + rs, 6);
	memcpy(c.chars + 6, t + re + 1, 3);
	c.chars[9] = g_ascii_toupper(t[re + 4]);
	c.nchars = 10;
	if (!(is_digit(c.chars[9]) || (c.chars[9] >= 'A' && c.chars[9] <= 'Y')))
		return;
	/* a digit Q with '-'/'+' was handled above with the D10/S10 shape */
	if (is_digit(c.chars[9]) && (s == '-' || s == '+'))
		return;
	consider(sc, &c);
}

/*
 * "DD.MM.YY-NNNN" (D10) or "DD.MM.YY-NNNNN" (N11): the date written as
 * dates are, digit run [rs, re) after it (spec 3.1, dotted form).
 */
static void
shape_dotted(scan_ctx *sc, size_t rs, size_t re)
{
	const char *t = sc->text;
	size_t ds = rs - 9;
	seal_bound sb = seal_bound_start(t, sc->len, ds);
	cand c;

	if (sb == SEAL_BOUND_NO)
		return;
	memset(&c, 0, sizeof(c));
	c.start = ds;
	c.start_bound = sb;
	c.end = re;
	c.hyphen = true;
	memcpy(c.chars, t + ds, 2);
	memcpy(c.chars + 2, t + ds + 3, 2);
	memcpy(c.chars + 4, t + ds + 6, 2);
	memcpy(c.chars + 6, t + rs, re - rs);
	c.nchars = 6 + re - rs;
	c.shapes = re - rs == 4 ? SHAPE_D10 : SHAPE_N11;
	consider(sc, &c);
}

static void
shapes_at_run(scan_ctx *sc, size_t rs, size_t re)
{
	const char *t = sc->text;
	size_t l = re - rs;
	cand c;
	bool plus, hyphen, wide;
	int sl;
	seal_bound sb;

	if (l == 4 || l == 5) {
		shape_dotted(sc, rs, re);
		return;
	}
	sb = seal_bound_start(t, sc->len, rs);
	if (sb == SEAL_BOUND_NO)
		return;
	memset(&c, 0, sizeof(c));
	c.start = rs;
	c.start_bound = sb;
	if (l == 10 || l == 11 || l == 12) {
		c.end = re;
		c.nchars = l;
		memcpy(c.chars, t + rs, l);
		c.shapes = l == 10 ? SHAPE_D10 | SHAPE_S10 :
		    l == 11 ? SHAPE_N11 : SHAPE_S12;
		consider(sc, &c);
	} else if (l == 6) {
		shapes_after_six(sc, rs, re, sb);
	} else if (l == 8) {
		sl = separator_at(t, sc->len, re, false, &plus, &hyphen,
		    &wide);
		c.hyphen = hyphen;
		c.wide = wide;
		c.nchars = 8;
		memcpy(c.chars, t + rs, 8);
		if (sl > 0 && second_group(sc, &c, re + (size_t) sl, 4)) {
			c.shapes = SHAPE_S12;
			consider(sc, &c);
		}
	}
}

/* One pass over the text: every finding of spec sections 3 to 7. */
static size_t
detect_plain(const char *text, size_t len, const seal_date *scan_date,
	GArray *out)
{
	scan_ctx sc;
	size_t pos = 0, rs, re;

	memset(&sc, 0, sizeof(sc));
	sc.text = text;
	sc.len = len;
	sc.scan = scan_date;
	sc.out = out;
	seal_url_init(&sc.url);
	sc.cluster = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	while (seal_find_run(text, len, pos, &rs, &re)) {
		shapes_at_run(&sc, rs, re);
		pos = re;
	}
	flush_cluster(&sc);
	g_array_free(sc.cluster, TRUE);
	return sc.added;
}

/*
 * The letter-spaced form (detect_spaced.c): the same pass over the text with
 * its chains of lone digits collapsed; appends what only the collapsing made
 * visible (not sorted with the others) and returns how many.
 */
static size_t
detect_spaced(const char *text, size_t len, const seal_date *scan_date,
	GArray *out)
{
	seal_spaced *sp = seal_spaced_collapse(text, len);
	const char *flat;
	size_t flat_len, added = 0;
	GArray *found;

	if (sp == NULL)
		return 0;
	flat = seal_spaced_text(sp, &flat_len);
	found = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	detect_plain(flat, flat_len, scan_date, found);
	for (guint k = 0; k < found->len; k++) {
		seal_finding f = g_array_index(found, seal_finding, k);

		if (!seal_spaced_map(sp, &f))
			continue;
		g_array_append_val(out, f);
		added++;
	}
	g_array_free(found, TRUE);
	seal_spaced_free(sp);
	return added;
}

static int
finding_start_cmp(const void *a, const void *b)
{
	const seal_finding *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

size_t
seal_detect(const char *text, size_t len, const seal_date *scan_date,
	GArray *out)
{
	size_t base, n, spaced;

	if (text == NULL || out == NULL || scan_date == NULL)
		return 0;
	base = out->len;
	n = detect_plain(text, len, scan_date, out);
	spaced = detect_spaced(text, len, scan_date, out);
	/* keep this text's findings in text order (detect.h) */
	if (spaced > 0)
		qsort(&g_array_index(out, seal_finding, base), out->len - base,
		    sizeof(seal_finding), finding_start_cmp);
	return n + spaced;
}
