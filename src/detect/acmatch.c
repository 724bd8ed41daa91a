/*
 * acmatch.c - Aho-Corasick over byte classes (acmatch.h).
 *
 * The automaton is a complete DFA: every (state, class) pair has its
 * next state in one dense table, so the scan loop is one table load per
 * byte with no failure-link walk. Table entries hold the next state's row
 * offset (state * ALPHA), which saves a multiply in the loop, and a high
 * bit saying "a pattern ended just before this byte and may be reported",
 * so the loop only branches out on a hit. The bit sits on the transition
 * out of the state where the pattern ended, not on the way in: there the
 * next byte's class is known, and a pattern that wants a word end
 * (SEAL_AC_END_WORD) inside a longer word ("du" in "industri", most of the
 * raw hits of ordinary text) costs nothing. A whitespace run is one
 * separator because every state entered by a separator loops to itself on
 * a separator.
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "acmatch.h"

/* Classes: other, separator, a..z, digit, - ' ., C3 lead, the seven Nordic
   continuation bytes, other lead byte, other continuation byte. */
enum {
	C_LETTER = 2, C_DIGIT = C_LETTER + 26, C_HYPHEN, C_APOS, C_DOT, C_C3,
	C_NORDIC, C_LEAD = C_NORDIC + 7, C_CONT, ALPHA
};

/* Lock-step streams of seal_ac_scan, and the shortest quarter worth a split. */
#define STREAMS    4
#define SPLIT_MIN  1024

#define HIT_BIT    0x80000000u
#define ROW_MASK   0x7fffffffu

typedef struct out_entry {
	uint32_t id;
	uint32_t next;           /* index + 1 of the next entry of the same state */
	uint32_t len;            /* bytes of the pattern (SEAL_AC_START_WORD) */
	uint32_t flags;          /* SEAL_AC_END_WORD, SEAL_AC_START_WORD */
} out_entry;

struct seal_ac_builder {
	GArray *delta;           /* uint32 [state * ALPHA + class]: child state, 0 = none */
	GArray *own;             /* uint32 per state: index + 1 of its first out_entry */
	GArray *in;              /* uint8 per state: class of the edge into it */
	GArray *outs;            /* out_entry */
	size_t maxdepth;
};

struct seal_ac {
	uint32_t *delta;         /* row offsets | HIT_BIT */
	uint32_t *own;           /* per state: index + 1 into outs, 0 = none */
	uint32_t *dlink;         /* per state: nearest proper suffix state with own, or 0 */
	out_entry *outs;
	unsigned char *ends;     /* per state: non-zero when some pattern ends there */
	size_t states;
	size_t maxdepth;         /* classes in the longest pattern */
};

static unsigned char byte_class[256];
/* 1 for the ASCII letters and digits: the word edges of a hit */
static unsigned char ascii_alnum[256];

/* The continuation bytes after 0xC3 of æøåäöéü, lower and upper case. */
static const unsigned char nordic_lower[7] = { 0xa6, 0xb8, 0xa5, 0xa4, 0xb6, 0xa9, 0xbc };

static void
init_classes(void)
{
	for (unsigned b = 0; b < 256; b++) {
		unsigned char c = SEAL_AC_OTHER;

		if (b >= 'a' && b <= 'z')
			c = (unsigned char)(C_LETTER + b - 'a');
		else if (b >= 'A' && b <= 'Z')
			c = (unsigned char)(C_LETTER + b - 'A');
		else if (b >= '0' && b <= '9')
			c = C_DIGIT;
		else if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f')
			c = SEAL_AC_SEP;
		else if (b == '-')
			c = C_HYPHEN;
		else if (b == '\'')
			c = C_APOS;
		else if (b == '.')
			c = C_DOT;
		else if (b == 0xc3)
			c = C_C3;
		else if (b >= 0x80 && b <= 0xbf)
			c = C_CONT;
		else if (b >= 0xc0)
			c = C_LEAD;
		byte_class[b] = c;
		ascii_alnum[b] = (unsigned char)((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
		    || (b >= '0' && b <= '9'));
	}
	/* Upper case is the lower-case byte minus 0x20 (U+00C6 vs U+00E6). */
	for (unsigned i = 0; i < 7; i++) {
		byte_class[nordic_lower[i]] = (unsigned char)(C_NORDIC + i);
		byte_class[nordic_lower[i] - 0x20] = (unsigned char)(C_NORDIC + i);
	}
}

static void
classes_once(void)
{
	static gsize done;

	if (g_once_init_enter(&done)) {
		init_classes();
		g_once_init_leave(&done, 1);
	}
}

unsigned
seal_ac_class(unsigned char b)
{
	classes_once();
	return byte_class[b];
}

const unsigned char *
seal_ac_class_table(void)
{
	classes_once();
	return byte_class;
}

static uint32_t
new_state(seal_ac_builder *b, unsigned char in)
{
	uint32_t s = b->own->len;
	uint32_t zero = 0;

	g_array_set_size(b->delta, (guint)((s + 1) * ALPHA));
	g_array_append_val(b->own, zero);
	g_array_append_val(b->in, in);
	return s;
}

seal_ac_builder *
seal_ac_builder_new(void)
{
	seal_ac_builder *b = g_new0(seal_ac_builder, 1);

	classes_once();
	b->delta = g_array_new(FALSE, TRUE, sizeof(uint32_t));
	b->own = g_array_new(FALSE, TRUE, sizeof(uint32_t));
	b->in = g_array_new(FALSE, TRUE, sizeof(unsigned char));
	b->outs = g_array_new(FALSE, TRUE, sizeof(out_entry));
	new_state(b, SEAL_AC_OTHER);
	return b;
}

size_t
seal_ac_add(seal_ac_builder *b, const char *p, size_t n, uint32_t id)
{
	return seal_ac_add_edges(b, p, n, id, 0);
}

size_t
seal_ac_add_edges(seal_ac_builder *b, const char *p, size_t n, uint32_t id, unsigned flags)
{
	uint32_t s = 0;
	size_t depth = 0;
	bool sep = false;
	out_entry e;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = byte_class[(unsigned char)p[i]];
		uint32_t *slot;

		if (c == SEAL_AC_SEP) {
			sep = depth > 0;
			continue;
		}
		for (int k = sep ? 2 : 1; k > 0; k--) {
			unsigned char cc = k == 2 ? SEAL_AC_SEP : c;

			slot = &g_array_index(b->delta, uint32_t, s * ALPHA + cc);
			if (*slot == 0) {
				uint32_t t = new_state(b, cc);

				/* new_state may have moved the table */
				g_array_index(b->delta, uint32_t, s * ALPHA + cc) = t;
			}
			s = g_array_index(b->delta, uint32_t, s * ALPHA + cc);
			depth++;
		}
		sep = false;
	}
	if (depth == 0)
		return 0;
	if (depth > b->maxdepth)
		b->maxdepth = depth;
	e.id = id;
	e.len = (uint32_t)n;
	e.flags = flags;
	e.next = g_array_index(b->own, uint32_t, s);
	g_array_append_val(b->outs, e);
	g_array_index(b->own, uint32_t, s) = b->outs->len;
	return depth;
}

/*
 * Breadth first: a state's failure state is shallower, so it is complete
 * when the state is reached, and a missing edge copies the failure state's.
 */
static uint32_t *
complete(seal_ac_builder *b, seal_ac *ac, uint32_t *fail)
{
	uint32_t *d = (uint32_t *)(void *)b->delta->data;
	uint32_t *queue = g_new(uint32_t, ac->states);
	size_t head = 0, tail = 0;

	queue[tail++] = 0;
	while (head < tail) {
		uint32_t s = queue[head++];

		for (unsigned c = 0; c < ALPHA; c++) {
			uint32_t t = d[s * ALPHA + c];
			/* root's missing edges lead back to root */
			uint32_t via = s == 0 ? 0 : d[fail[s] * ALPHA + c];

			if (t != 0) {
				fail[t] = s == 0 ? 0 : via;
				ac->dlink[t] = ac->own[fail[t]] != 0 ? fail[t] : ac->dlink[fail[t]];
				queue[tail++] = t;
			} else {
				d[s * ALPHA + c] = via;
			}
		}
	}
	return queue;
}

/*
 * Renumbers the states breadth first. Ordinary text keeps the automaton
 * near the root; numbered in insertion order those shallow states would
 * be spread over the whole table, one cache line each, while breadth
 * first they share a few hundred kilobytes that stay in the cache.
 */
static uint32_t *
renumber(seal_ac *ac, const uint32_t *d, const uint32_t *order)
{
	size_t n = ac->states;
	uint32_t *pos = g_new(uint32_t, n), *nd = g_new(uint32_t, n * ALPHA);
	uint32_t *own = g_new(uint32_t, n), *dlink = g_new(uint32_t, n);

	for (size_t i = 0; i < n; i++)
		pos[order[i]] = (uint32_t)i;
	for (size_t i = 0; i < n; i++) {
		uint32_t s = order[i];

		for (unsigned c = 0; c < ALPHA; c++)
			nd[i * ALPHA + c] = pos[d[(size_t)s * ALPHA + c]];
		own[i] = ac->own[s];
		dlink[i] = pos[ac->dlink[s]];
	}
	g_free(ac->own);
	g_free(ac->dlink);
	ac->own = own;
	ac->dlink = dlink;
	g_free(pos);
	return nd;
}

/* Is class c that of an ASCII letter or digit (what SEAL_AC_END_WORD refuses after a hit)? */
static inline bool
alnum_class(unsigned c)
{
	return c >= C_LETTER && c <= C_DIGIT;
}

/*
 * Turns state numbers into row offsets and sets HIT_BIT on the transitions
 * that report: out of a state where some pattern ends (its own or a
 * suffix's), unless all those patterns want a word end and the class read
 * next is a letter or digit. States are numbered breadth first, so a
 * state's dlink (shallower) is done before it.
 */
static void
mark_hits(seal_ac *ac, uint32_t *d)
{
	size_t n = ac->states;
	/* per state: 1 some pattern ends here, 2 one that takes any next byte */
	unsigned char *ends = g_new0(unsigned char, n);

	for (size_t s = 1; s < n; s++) {
		unsigned char e = ac->dlink[s] != 0 ? ends[ac->dlink[s]] : 0;

		for (uint32_t o = ac->own[s]; o != 0; o = ac->outs[o - 1].next)
			e |= (ac->outs[o - 1].flags & SEAL_AC_END_WORD) ? 1 : 3;
		ends[s] = e;
	}
	for (size_t s = 0; s < n; s++)
		for (unsigned c = 0; c < ALPHA; c++) {
			size_t i = s * ALPHA + c;
			bool hit = (ends[s] & 2) || (ends[s] != 0 && !alnum_class(c));

			d[i] = d[i] * ALPHA | (hit ? HIT_BIT : 0);
		}
	ac->ends = ends;
}

void
seal_ac_builder_free(seal_ac_builder *b)
{
	if (b == NULL)
		return;
	g_array_free(b->delta, TRUE);
	g_array_free(b->own, TRUE);
	g_array_free(b->in, TRUE);
	g_array_free(b->outs, TRUE);
	g_free(b);
}

seal_ac *
seal_ac_build(seal_ac_builder *b)
{
	seal_ac *ac;
	uint32_t *fail, *d, *order;
	size_t n = b->own->len;

	if (n >= ROW_MASK / ALPHA) {
		seal_ac_builder_free(b);
		return NULL;
	}
	ac = g_new0(seal_ac, 1);
	ac->states = n;
	ac->maxdepth = b->maxdepth;
	ac->own = (uint32_t *)(void *)g_array_free(b->own, FALSE);
	ac->dlink = g_new0(uint32_t, n);
	ac->outs = (out_entry *)(void *)g_array_free(b->outs, FALSE);
	fail = g_new0(uint32_t, n);
	order = complete(b, ac, fail);
	g_free(fail);
	d = (uint32_t *)(void *)b->delta->data;
	/* A whitespace run is one separator: stay where the first one led. */
	for (size_t s = 1; s < n; s++)
		if (g_array_index(b->in, unsigned char, s) == SEAL_AC_SEP)
			d[s * ALPHA + SEAL_AC_SEP] = (uint32_t)s;
	d = renumber(ac, d, order);
	g_free(order);
	g_array_free(b->delta, TRUE);
	mark_hits(ac, d);
	ac->delta = d;
	g_array_free(b->in, TRUE);
	g_free(b);
	return ac;
}

seal_ac *
seal_ac_free(seal_ac *ac)
{
	if (ac == NULL)
		return NULL;
	g_free(ac->delta);
	g_free(ac->own);
	g_free(ac->dlink);
	g_free(ac->outs);
	g_free(ac->ends);
	g_free(ac);
	return NULL;
}

size_t
seal_ac_states(const seal_ac *ac)
{
	return ac != NULL ? ac->states : 0;
}

/* Does the hit of e ending at t[end - 1] fail a word edge it asked for? */
static inline bool
edge_fails(const out_entry *e, const unsigned char *t, size_t len, size_t end)
{
	if ((e->flags & SEAL_AC_END_WORD) && end < len && ascii_alnum[t[end]])
		return true;
	return (e->flags & SEAL_AC_START_WORD) && end > e->len && ascii_alnum[t[end - e->len - 1]];
}

/*
 * Every pattern ending in state s: its own, then those of its suffixes.
 * Most hits are a short word inside a longer one ("he" in "the"): the
 * word edges drop them here, without a call.
 */
static int
report(const seal_ac *ac, uint32_t s, const unsigned char *t, size_t len, size_t end,
	seal_ac_hit_fn hit, void *ctx)
{
	for (; s != 0; s = ac->dlink[s])
		for (uint32_t o = ac->own[s]; o != 0; o = ac->outs[o - 1].next) {
			const out_entry *e = &ac->outs[o - 1];

			if (e->flags != 0 && edge_fails(e, t, len, end))
				continue;
			if (hit(ctx, e->id, end) != 0)
				return 1;
		}
	return 0;
}

/*
 * One stream over text[from..to) from row. The transition on text[i]
 * reports the patterns that ended at i (in the state before it), so a
 * stream reports the ends in [from, to); hits reported when hit != NULL.
 */
static int
run(const seal_ac *ac, const unsigned char *t, size_t len, size_t from, size_t to,
	uint32_t *row, seal_ac_hit_fn hit, void *ctx)
{
	const uint32_t *d = ac->delta;
	uint32_t r = *row;

	for (size_t i = from; i < to; i++) {
		uint32_t v = d[r + byte_class[t[i]]];

		if (G_UNLIKELY(v & HIT_BIT) && hit != NULL
		    && report(ac, r / ALPHA, t, len, i, hit, ctx) != 0)
			return 1;
		r = v & ROW_MASK;
	}
	*row = r;
	return 0;
}

/* The patterns ending at the end of the text, in state row (no byte follows). */
static int
report_last(const seal_ac *ac, uint32_t row, const unsigned char *t, size_t len,
	seal_ac_hit_fn hit, void *ctx)
{
	return ac->ends[row / ALPHA] != 0 ? report(ac, row / ALPHA, t, len, len, hit, ctx) : 0;
}

/*
 * Where a stream must start to be in the true state at b: the state
 * depends only on the last maxdepth classes read (a whitespace run is one),
 * so going back one more than that is enough. Bounded by lo.
 */
static size_t
warm_start(const seal_ac *ac, const unsigned char *t, size_t lo, size_t b)
{
	size_t j = b, count = 0;

	while (j > lo && count <= ac->maxdepth) {
		j--;
		if (byte_class[t[j]] == SEAL_AC_SEP)
			while (j > lo && byte_class[t[j - 1]] == SEAL_AC_SEP)
				j--;
		count++;
	}
	return j;
}

/*
 * The lock-step loop of seal_ac_scan over the four quarters p[k][0..q) from
 * i on: returns the first index where a transition reports (its four
 * entries in v[]), or q. No call in it, so the four states, the four text
 * pointers and the tables all stay in registers.
 */
static size_t
lockstep(const uint32_t *restrict d, const unsigned char *const p[STREAMS], size_t i, size_t q,
	uint32_t r[STREAMS], uint32_t v[STREAMS])
{
	const unsigned char *p0 = p[0], *p1 = p[1], *p2 = p[2], *p3 = p[3];
	size_t r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3];

	for (; i < q; i++) {
		/* four independent loads */
		uint32_t v0 = d[r0 + byte_class[p0[i]]];
		uint32_t v1 = d[r1 + byte_class[p1[i]]];
		uint32_t v2 = d[r2 + byte_class[p2[i]]];
		uint32_t v3 = d[r3 + byte_class[p3[i]]];

		if (G_UNLIKELY(((v0 | v1 | v2 | v3) & HIT_BIT) != 0)) {
			v[0] = v0;
			v[1] = v1;
			v[2] = v2;
			v[3] = v3;
			break;
		}
		r0 = v0 & ROW_MASK;
		r1 = v1 & ROW_MASK;
		r2 = v2 & ROW_MASK;
		r3 = v3 & ROW_MASK;
	}
	r[0] = (uint32_t)r0;
	r[1] = (uint32_t)r1;
	r[2] = (uint32_t)r2;
	r[3] = (uint32_t)r3;
	return i;
}

/*
 * Four streams in lock step over four quarters of the text. One stream is
 * bound by the latency of its table loads (each needs the previous); four
 * independent ones overlap their loads, which is most of the speed on a
 * table larger than the cache. Each stream but the first starts early
 * enough (warm_start) to be in the true state at its quarter, so the hits
 * are exactly those of one stream, though not in text order.
 */
int
seal_ac_scan(const seal_ac *ac, const char *text, size_t len, seal_ac_hit_fn hit, void *ctx)
{
	const unsigned char *t = (const unsigned char *)text;
	const unsigned char *p[STREAMS];
	size_t b[STREAMS + 1], q = len / STREAMS;
	uint32_t r[STREAMS], v[STREAMS];

	G_STATIC_ASSERT(STREAMS == 4);

	for (unsigned k = 0; k < STREAMS; k++)
		r[k] = 0;       /* the root; a loop, as gcc -fanalyzer misreads "= { 0 }" here */
	if (len < STREAMS * SPLIT_MIN)
		return run(ac, t, len, 0, len, &r[0], hit, ctx) != 0
		    || report_last(ac, r[0], t, len, hit, ctx) != 0;
	for (unsigned k = 0; k < STREAMS; k++) {
		b[k] = k * q;
		p[k] = t + b[k];
	}
	b[STREAMS] = len;
	for (unsigned k = 1; k < STREAMS; k++)
		run(ac, t, len, warm_start(ac, t, b[k - 1], b[k]), b[k], &r[k], NULL, NULL);
	for (size_t i = 0; (i = lockstep(ac->delta, p, i, q, r, v)) < q; i++)
		for (unsigned k = 0; k < STREAMS; k++) {
			if ((v[k] & HIT_BIT) && report(ac, r[k] / ALPHA, t, len, b[k] + i, hit, ctx) != 0)
				return 1;
			r[k] = v[k] & ROW_MASK;
		}
	/* the last quarter takes the remainder */
	return run(ac, t, len, b[STREAMS - 1] + q, len, &r[STREAMS - 1], hit, ctx) != 0
	    || report_last(ac, r[STREAMS - 1], t, len, hit, ctx) != 0;
}
