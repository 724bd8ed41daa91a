/*
 * rules.c - matching a compiled rule set against normalised text, the
 * validators a rule may ask for, and the mask (rules.h).
 *
 * A match is reported only when its validator accepts it and, for a rule
 * with keywords, a keyword is within keyword_window code points: a site
 * pattern is usually much looser than a checksummed identity number, and
 * the context is what makes it personal.
 */
#include <stdlib.h>
#include <string.h>

#include "detect_internal.h"
#include "rules_internal.h"

/* ---------------------------------------------------------- validators */

/* The ASCII digits of s[0..n) into out[cap]; how many (0 when more than cap). */
static size_t
digits_of(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (!g_ascii_isdigit(s[i]))
			continue;
		if (k == cap)
			return 0;
		out[k++] = s[i];
	}
	return k;
}

bool
seal_rules_luhn(const char *s, size_t n)
{
	char d[64];
	size_t k = digits_of(s, n, d, sizeof(d));
	unsigned sum = 0;

	if (k < 2)
		return false;
	for (size_t i = 0; i < k; i++) {
		unsigned v = (unsigned)(d[k - 1 - i] - '0');

		if (i % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

bool
seal_rules_mod11(const char *s, size_t n)
{
	char d[64];
	size_t k = digits_of(s, n, d, sizeof(d));
	unsigned sum = 0, check;

	if (k < 2)
		return false;
	/* weights 2, 3, 4, 5, 6, 7, 2, 3, ... from the digit before the check digit */
	for (size_t i = 1; i < k; i++)
		sum += (unsigned)(d[k - 1 - i] - '0') * (unsigned)(2 + (i - 1) % 6);
	check = (11 - sum % 11) % 11;
	return check != 10 && check == (unsigned)(d[k - 1] - '0');
}

static int
num(const char *d, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (d[i] - '0');
	return v;
}

bool
seal_rules_date(const char *s, size_t n, const seal_date *scan)
{
	char d[64];
	size_t k = digits_of(s, n, d, sizeof(d));
	int y;

	(void)scan;
	if (k >= 8) {
		y = num(d, 4);
		if (y >= 1850 && y <= 2099 && seal_date_exists(y, num(d + 4, 2), num(d + 6, 2)))
			return true;
	}
	/* YYMMDD: 2000 is a leap year, so 29 February passes in either century */
	return k >= 6 && seal_date_exists(2000 + num(d, 2), num(d + 2, 2), num(d + 4, 2));
}

bool
seal_rules_iban(const char *s, size_t n)
{
	char c[40];
	size_t k = 0;
	unsigned rem = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '-')
			continue;
		if (!g_ascii_isalnum(s[i]) || k == 34)
			return false;
		c[k++] = g_ascii_toupper(s[i]);
	}
	if (k < 15 || !g_ascii_isalpha(c[0]) || !g_ascii_isalpha(c[1])
	    || !g_ascii_isdigit(c[2]) || !g_ascii_isdigit(c[3]))
		return false;
	/* ISO 13616: the first four characters move to the end, A = 10 .. Z = 35 */
	for (size_t j = 0; j < k; j++) {
		char ch = c[(j + 4) % k];

		if (g_ascii_isdigit(ch))
			rem = (rem * 10 + (unsigned)(ch - '0')) % 97;
		else
			rem = (rem * 100 + (unsigned)(ch - 'A' + 10)) % 97;
	}
	return rem == 1;
}

/* ---------------------------------------------------------- mask */

void
seal_rules_mask(const char *s, size_t n, unsigned keep, char *out, size_t outsz)
{
	size_t o = 0, seen = 0;
	const char *p = s, *end = s + n;

	while (p < end) {
		gunichar c = g_utf8_get_char_validated(p, end - p);
		const char *next = g_utf8_find_next_char(p, end);
		size_t clen = (next != NULL ? next : end) - p;

		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		if (seal_is_alnum(c) && seen++ >= keep) {
			if (o + 1 + 4 > outsz)
				break;
			out[o++] = 'X';
		} else {
			/* anything else is kept: separators, and the kept characters */
			if (o + clen + 4 > outsz)
				break;
			memcpy(out + o, p, clen);
			o += clen;
		}
		p += clen;
	}
	if (p < end)
		memcpy(out + o, "...", 3), o += 3;
	out[o] = '\0';
}

/* ---------------------------------------------------------- matching */

static bool
valid(const seal_rule *r, const char *s, size_t n, const seal_date *scan)
{
	switch (r->validator) {
	case SEAL_RULE_VALID_NONE: return true;
	case SEAL_RULE_VALID_LUHN: return seal_rules_luhn(s, n);
	case SEAL_RULE_VALID_MOD11: return seal_rules_mod11(s, n);
	case SEAL_RULE_VALID_DATE: return seal_rules_date(s, n, scan);
	case SEAL_RULE_VALID_IBAN: return seal_rules_iban(s, n);
	}
	return false;
}

/*
 * A keyword within r->window code points of [start, end): a case-folded
 * substring of the folded window. fold is the caller's buffer, kept from
 * match to match (no allocation per match); seal_rules_fold folds as
 * g_utf8_casefold does, so the answer is GLib's.
 */
static bool
keyword_near(const seal_rule *r, const char *text, size_t len, size_t start, size_t end,
	GString *fold)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t a = start, b = end;
	bool hit = false;

	if (r->keywords == NULL)
		return true;
	/* code points: step over continuation bytes (the text is valid UTF-8) */
	for (unsigned i = 0; i < r->window && a > 0; i++)
		do
			a--;
		while (a > 0 && (t[a] & 0xC0) == 0x80);
	for (unsigned i = 0; i < r->window && b < len; i++)
		do
			b++;
		while (b < len && (t[b] & 0xC0) == 0x80);
	g_string_truncate(fold, 0);
	seal_rules_fold(fold, text + a, b - a);
	for (size_t i = 0; !hit && r->keywords[i] != NULL; i++)
		hit = strstr(fold->str, r->keywords[i]) != NULL;
	return hit;
}

static bool
overlaps(const GArray *out, size_t first, size_t last, size_t start, size_t end)
{
	for (size_t i = first; i < last; i++) {
		const seal_finding *f = &g_array_index(out, seal_finding, i);

		if (f->start < end && start < f->end)
			return true;
	}
	return false;
}

static void
make_finding(const seal_rule *r, const char *text, size_t start, size_t end,
	seal_finding *f)
{
	size_t k = 0;

	memset(f, 0, sizeof(*f));
	f->kind = SEAL_KIND_RULE;
	f->level = r->level;
	f->sensitive = r->sensitive != 0;
	f->start = start;
	f->end = end;
	g_strlcpy(f->rule, r->kind, sizeof(f->rule));
	seal_rules_mask(text + start, end - start, r->keep, f->masked, sizeof(f->masked));
	for (size_t i = start; i < end && k + 1 < sizeof(f->canonical); i++)
		if (g_ascii_isalnum(text[i]))
			f->canonical[k++] = g_ascii_toupper(text[i]);
}

/*
 * One PCRE2 search. pcre2_jit_match is the JIT's direct entry, without
 * pcre2_match's checks of the arguments (about 120 instructions a call,
 * which counts when the start search calls once per run of start bytes).
 * The text is valid UTF-8 (checked once for all rules).
 */
static int
match(const seal_rule *r, const char *text, size_t len, PCRE2_SIZE off,
	pcre2_match_data *md, pcre2_match_context *mc)
{
	if (r->jit)
		return pcre2_jit_match(r->code, (PCRE2_SPTR)text, len, off, 0, md, mc);
	return pcre2_match(r->code, (PCRE2_SPTR)text, len, off, PCRE2_NO_UTF_CHECK, md, mc);
}

/*
 * The next match of r at or after off: [ov[0], ov[1]) in md. With a start
 * set (rules_start.c) PCRE2 searches only the runs of start bytes, each
 * with an offset limit at the run's end, which finds the same leftmost
 * match. Returns pcre2_match's code.
 */
static int
next_match(const seal_rule *r, const char *text, size_t len, PCRE2_SIZE off,
	pcre2_match_data *md, pcre2_match_context *mc)
{
	int rc;

	if (mc == NULL)
		return pcre2_match(r->code, (PCRE2_SPTR)text, len, off, PCRE2_NO_UTF_CHECK, md, NULL);
	if (!r->start.on)
		return match(r, text, len, off, md, NULL);
	for (;;) {
		size_t p = seal_rules_start_next(&r->start, text, len, off), q;

		if (p >= len)
			return PCRE2_ERROR_NOMATCH;
		q = seal_rules_start_run_end(&r->start, text, len, p);
		/* the limit is the last offset a match may start at */
		pcre2_set_offset_limit(mc, q - 1);
		rc = match(r, text, len, p, md, mc);
		if (rc != PCRE2_ERROR_NOMATCH)
			return rc;
		off = q;
	}
}

/* One rule over the text; -1 when PCRE2 gave up (match or depth limit). */
static long
run_rule(const seal_rule *r, const char *text, size_t len, const seal_date *scan,
	GArray *out, size_t first, size_t last, pcre2_match_data *md, pcre2_match_context *mc,
	GString *fold)
{
	PCRE2_SIZE off = 0, *ov;
	long added = 0;
	seal_finding f;
	int rc;

	while (off <= len) {
		rc = next_match(r, text, len, off, md, mc);
		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0)
			return -1;
		ov = pcre2_get_ovector_pointer(md);
		if (ov[1] <= ov[0]) {
			/* an empty match: step one character on */
			const char *next = g_utf8_find_next_char(text + ov[0], text + len);

			off = next != NULL ? (PCRE2_SIZE)(next - text) : len + 1;
			continue;
		}
		off = ov[1];
		if (!valid(r, text + ov[0], ov[1] - ov[0], scan)
		    || !keyword_near(r, text, len, ov[0], ov[1], fold)
		    || overlaps(out, first, last, ov[0], ov[1]))
			continue;
		make_finding(r, text, ov[0], ov[1], &f);
		g_array_append_val(out, f);
		memset(&f, 0, sizeof(f));
		added++;
	}
	return added;
}

static int
by_start(const void *a, const void *b)
{
	const seal_finding *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/*
 * seal_rules_detect; starts: search the start bytes here (rules_start.c);
 * seen: the keyword gate (rules.h), NULL for none.
 */
static size_t
detect(const seal_rules *rules, const char *text, size_t len, const seal_date *scan_date,
	GArray *out, size_t first, bool starts, const unsigned char *seen)
{
	pcre2_match_data *md;
	pcre2_match_context *mc;
	size_t total = 0, before = out->len;
	bool special = true;
	GString *fold;
	long n = 0;

	if (rules == NULL || rules->n == 0)
		return 0;
	/* PCRE2 is told the text is valid UTF-8: make sure, or fail closed */
	if (!seal_rules_utf8_check(text, len, &special))
		return (size_t)-1;
	if (special)
		seen = NULL;
	fold = g_string_sized_new(256);
	mc = starts ? pcre2_match_context_create(NULL) : NULL;
	for (size_t i = 0; i < rules->n && n >= 0; i++) {
		/* no keyword of it anywhere in the text: it cannot find anything */
		if (seen != NULL && rules->v[i].gated && seen[i] == 0)
			continue;
		md = pcre2_match_data_create_from_pattern(rules->v[i].code, NULL);
		/* only the built-in findings (before the rules ran) take precedence */
		n = run_rule(&rules->v[i], text, len, scan_date, out, first, before, md, mc, fold);
		pcre2_match_data_free(md);
		if (n >= 0)
			total += (size_t)n;
	}
	pcre2_match_context_free(mc);
	/* the folded windows held the text around the matches: wipe them */
	memset(fold->str, 0, fold->allocated_len);
	g_string_free(fold, TRUE);
	if (n < 0)
		return (size_t)-1;
	/* text order, as seal_detect() leaves its findings */
	if (total > 0 && out->len - first > 1)
		qsort(out->data + first * sizeof(seal_finding), out->len - first,
		    sizeof(seal_finding), by_start);
	return total;
}

size_t
seal_rules_detect(const seal_rules *rules, const char *text, size_t len,
	const seal_date *scan_date, GArray *out, size_t first)
{
	return detect(rules, text, len, scan_date, out, first, true, NULL);
}

size_t
seal_rules_detect_seen(const seal_rules *rules, const char *text, size_t len,
	const seal_date *scan_date, GArray *out, size_t first,
	const unsigned char *seen, size_t nseen)
{
	if (rules == NULL || nseen != rules->n)
		seen = NULL;
	return detect(rules, text, len, scan_date, out, first, true, seen);
}

size_t
seal_rules_detect_plain(const seal_rules *rules, const char *text, size_t len,
	const seal_date *scan_date, GArray *out, size_t first)
{
	return detect(rules, text, len, scan_date, out, first, false, NULL);
}

const char *
seal_rules_gate_keyword(const seal_rules *rules, size_t rule, size_t k)
{
	const seal_rule *r;

	if (rules == NULL || rule >= rules->n)
		return NULL;
	r = &rules->v[rule];
	if (!r->gated)
		return NULL;
	for (size_t i = 0; i <= k; i++)
		if (r->keywords[i] == NULL)
			return NULL;
	return r->keywords[k];
}
