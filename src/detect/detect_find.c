/*
 * detect_find.c - the fast candidate finder: locate maximal runs of six or
 * more ASCII digits (every identity-number shape starts with one).
 *
 * Mail text is mostly letters, so the finder's job is to skip non-digits
 * quickly: 64 bytes at a time with SSE2 on x86-64 (always present there),
 * 8 bytes at a time with a portable SWAR test elsewhere. Only blocks that
 * contain a digit are looked at bit by bit.
 */
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "detect_internal.h"

#define SEAL_MIN_RUN 6

static inline bool
is_digit(unsigned char c)
{
	return (unsigned char) (c - '0') < 10;
}

/* Scalar end of the digit run that starts at i. */
static inline size_t
run_end_from(const char *text, size_t len, size_t i)
{
	while (i < len && is_digit((unsigned char) text[i]))
		i++;
	return i;
}

#if defined(__SSE2__)

/* Bit i set when text[i] is an ASCII digit, for 64 bytes. */
static inline uint64_t
digit_mask64(const char *p)
{
	/* (c - 0xB0) as signed < -118  <=>  '0' <= c <= '9' */
	const __m128i off = _mm_set1_epi8((char) 0xB0);
	const __m128i lim = _mm_set1_epi8(-118);
	uint64_t m = 0;
	int k;

	for (k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *) (p + 16 * k));
		__m128i d = _mm_cmplt_epi8(_mm_sub_epi8(v, off), lim);

		m |= (uint64_t) (uint16_t) _mm_movemask_epi8(d) << (16 * k);
	}
	return m;
}

/*
 * Next position >= i holding a digit, or len. Blocks never start inside a
 * run: callers pass a position after a run's end.
 */
static size_t
next_digit(const char *text, size_t len, size_t i)
{
	while (i + 64 <= len) {
		uint64_t m = digit_mask64(text + i);

		if (m != 0)
			return i + (size_t) __builtin_ctzll(m);
		i += 64;
	}
	while (i < len && !is_digit((unsigned char) text[i]))
		i++;
	return i;
}

#else

/* Portable: high bit set in each byte of x that is '0'..'9' (SWAR). */
static inline uint64_t
digit_bytes8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t low7 = ones * 0x7F;
	uint64_t t = x & low7;

	/* hasbetween(x, '0' - 1, '9' + 1), from "Bit Twiddling Hacks" */
	return (ones * (127 + ('9' + 1)) - t) & ~x &
	    (t + ones * (127 - ('0' - 1))) & (ones * 0x80);
}

static size_t
next_digit(const char *text, size_t len, size_t i)
{
	while (i + 8 <= len) {
		uint64_t x;

		memcpy(&x, text + i, 8);
		if (digit_bytes8(x) != 0)
			break;
		i += 8;
	}
	while (i < len && !is_digit((unsigned char) text[i]))
		i++;
	return i;
}

#endif

size_t
seal_find_digit(const char *text, size_t len, size_t from)
{
	return next_digit(text, len, from);
}

bool
seal_find_run(const char *text, size_t len, size_t from, size_t *run_start,
	size_t *run_end)
{
	size_t i = from;

	while (i < len) {
		size_t s = next_digit(text, len, i);
		size_t e;

		if (s >= len)
			return false;
		e = run_end_from(text, len, s);
		if (e - s >= SEAL_MIN_RUN ||
		    ((e - s == 4 || e - s == 5) && seal_dotted_date_before(text, s))) {
			*run_start = s;
			*run_end = e;
			return true;
		}
		i = e;
	}
	return false;
}

/*
 * "DD.MM.YY-" ends at i (spec 3.1, dotted form): the only shape whose
 * first digit run is shorter than six, so the finder also stops at a run
 * of 4 or 5 digits right after such a date. Costs nothing on text without
 * digits: it is asked only at short runs after a hyphen.
 */
bool
seal_dotted_date_before(const char *text, size_t i)
{
	const char *p;

	if (i < 9 || text[i - 1] != '-')
		return false;
	p = text + i - 9;
	return is_digit((unsigned char) p[0]) && is_digit((unsigned char) p[1]) &&
	    p[2] == '.' && is_digit((unsigned char) p[3]) &&
	    is_digit((unsigned char) p[4]) && p[5] == '.' &&
	    is_digit((unsigned char) p[6]) && is_digit((unsigned char) p[7]);
}

#if defined(__SSE2__)

/*
 * Counting without materialising every run: inside a 64-byte block the
 * runs are walked on the bit mask; only a run that reaches the block's end
 * is finished with the scalar loop.
 */
size_t
seal_detect_count_digit_runs(const char *text, size_t len)
{
	size_t i = 0, n = 0;

	if (text == NULL)
		return 0;
	while (i + 64 <= len) {
		uint64_t m = digit_mask64(text + i);

		while (m != 0) {
			unsigned s = (unsigned) __builtin_ctzll(m);
			uint64_t rest = ~(m >> s);
			unsigned rl;

			if (rest == 0 || s + (unsigned) __builtin_ctzll(rest) >= 64) {
				/* the run reaches the block's end */
				size_t e = run_end_from(text, len, i + 64);

				if (e - (i + s) >= SEAL_MIN_RUN)
					n++;
				i = e;
				goto next_block;
			}
			rl = (unsigned) __builtin_ctzll(rest);
			if (rl >= SEAL_MIN_RUN)
				n++;
			m &= ~((((uint64_t) 1 << rl) - 1) << s);
		}
		i += 64;
	next_block:
		;
	}
	while (i < len) {
		size_t s = i, e;

		while (s < len && !is_digit((unsigned char) text[s]))
			s++;
		if (s >= len)
			break;
		e = run_end_from(text, len, s);
		if (e - s >= SEAL_MIN_RUN)
			n++;
		i = e;
	}
	return n;
}

#else

size_t
seal_detect_count_digit_runs(const char *text, size_t len)
{
	size_t i = 0, n = 0, s, e;

	if (text == NULL)
		return 0;
	while (seal_find_run(text, len, i, &s, &e)) {
		n++;
		i = e;
	}
	return n;
}

#endif
