/*
 * rules_start.c - where a site rule's match can start (rules_internal.h).
 *
 * PCRE2 knows, for most patterns, the set of bytes a match can begin with
 * (PCRE2_INFO_FIRSTBITMAP: digits for a passport number, capitals for an
 * IBAN). Its own search for such a byte costs about 8 instructions a byte
 * in UTF-8 mode; when the set holds no lower-case letter and nothing
 * beyond ASCII, such bytes are rare in prose (a few per hundred), so the
 * text is searched here 16 bytes at a time and PCRE2 is called once per
 * run of start bytes, with an offset limit at the end of the run. A
 * match can only start on a byte of the set, so the matches are exactly
 * those of one unrestricted search (tests/unit/test_rules compares both).
 *
 * A set with lower-case letters (the case-number example's [Ss]) or
 * non-ASCII lead bytes would give a call every few bytes: such a rule, a
 * set of more than SEAL_RULES_START_RANGES ranges of bytes, and a pattern
 * without a first-byte set are searched by PCRE2 alone.
 */
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "rules_internal.h"

static bool
in_bitmap(const uint8_t *bm, unsigned b)
{
	return (bm[b / 8] & (1u << (b % 8))) != 0;
}

bool
seal_rules_start_init(seal_rule_start *s, const pcre2_code *code)
{
	const uint8_t *bm = NULL;
	uint32_t type = 1, empty = 1;

	memset(s, 0, sizeof(*s));
	if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0 || type != 0
	    || pcre2_pattern_info(code, PCRE2_INFO_MATCHEMPTY, &empty) != 0 || empty != 0
	    || pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bm) != 0 || bm == NULL)
		return false;
	for (unsigned b = 0; b < 256; b++) {
		if (!in_bitmap(bm, b))
			continue;
		/* dense in ordinary text: PCRE2's own search is the better one */
		if ((b >= 'a' && b <= 'z') || b >= 0x80 || b == 0)
			return false;
		s->in[b] = 1;
	}
	/* the set as ranges of bytes, for the 16-byte search */
	for (unsigned b = 0; b < 256; b++) {
		unsigned e = b;

		if (!s->in[b])
			continue;
		while (e + 1 < 256 && s->in[e + 1])
			e++;
		if (s->nranges < SEAL_RULES_START_RANGES) {
			s->lo[s->nranges] = (unsigned char)b;
			s->hi[s->nranges] = (unsigned char)e;
		}
		s->nranges++;
		b = e;
	}
	/* more ranges than the 16-byte search compares: PCRE2 alone */
	s->on = s->nranges > 0 && s->nranges <= SEAL_RULES_START_RANGES;
	/*
	 * A byte b is in [lo, hi] when b + (0x80 - lo), as a signed byte, is
	 * below -0x80 + (hi - lo) + 1: one add and one signed compare per
	 * range. Unused ranges repeat the first.
	 */
	for (unsigned k = 0; s->on && k < SEAL_RULES_START_RANGES; k++) {
		unsigned j = k < s->nranges ? k : 0;

		memset(s->add[k], (int)(0x80u - s->lo[j]) & 0xff, sizeof(s->add[k]));
		memset(s->top[k], ((int)(s->hi[j] - s->lo[j]) - 127) & 0xff, sizeof(s->top[k]));
	}
	return s->on;
}

size_t
seal_rules_start_next(const seal_rule_start *s, const char *text, size_t len, size_t i)
{
	const unsigned char *t = (const unsigned char *)text;

#if defined(__SSE2__)
	if (s->on) {
		/* the ranges' constants (seal_rules_start_init) */
		const __m128i add0 = _mm_loadu_si128((const __m128i *)(const void *)s->add[0]);
		const __m128i add1 = _mm_loadu_si128((const __m128i *)(const void *)s->add[1]);
		const __m128i add2 = _mm_loadu_si128((const __m128i *)(const void *)s->add[2]);
		const __m128i top0 = _mm_loadu_si128((const __m128i *)(const void *)s->top[0]);
		const __m128i top1 = _mm_loadu_si128((const __m128i *)(const void *)s->top[1]);
		const __m128i top2 = _mm_loadu_si128((const __m128i *)(const void *)s->top[2]);

		while (i + 16 <= len) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
			__m128i m = _mm_or_si128(
			    _mm_cmplt_epi8(_mm_add_epi8(v, add0), top0),
			    _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(v, add1), top1),
			        _mm_cmplt_epi8(_mm_add_epi8(v, add2), top2)));
			int bits = _mm_movemask_epi8(m);

			if (bits != 0)
				return i + (size_t)__builtin_ctz((unsigned)bits);
			i += 16;
		}
	}
#endif
	while (i < len && !s->in[t[i]])
		i++;
	return i;
}

size_t
seal_rules_start_run_end(const seal_rule_start *s, const char *text, size_t len, size_t i)
{
	const unsigned char *t = (const unsigned char *)text;

	while (i < len && s->in[t[i]])
		i++;
	return i;
}
