/*
 * test_lzfu.c - the compressed-RTF decoder ([MS-OXRTFCP], lzfu.h) that the
 * TNEF and .msg readers share: the examples of the specification and of a
 * public compressor, a round trip through a compressor written here
 * (literals and references into the preset dictionary and into the text,
 * overlapping copies), the stored form, and damage: a wrong CRC, sizes that
 * disagree with the data, every prefix and every one-byte change of a
 * stream. Damage is never read as if whole.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "check_main.h"
#include "lzfu.h"

/* [MS-OXRTFCP] 3.1.1: "{\rtf1\ansi\ansicpg1252\pard hello world}\r\n". */
static const uint8_t spec[] = {
	0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1,
	0xc5, 0xc7, 0xa7, 0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32,
	0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62,
	0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f, 0xa0,
};
static const char spec_text[] = "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n";

static const char preset[] =
	"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman "
	"\\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New "
	"RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
	"\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

static uint32_t
crc(const uint8_t *d, size_t n)
{
	uint32_t c = 0;

	for (size_t i = 0; i < n; i++) {
		c ^= d[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return c;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* The longest run (2..17) at in[pos..n) the dictionary can copy from off,
 * copying as the decoder does (a copy may read bytes it has just written). */
static size_t
match_len(const uint8_t *dict, size_t off, size_t wp, const uint8_t *in, size_t pos,
	size_t n)
{
	uint8_t d[4096];
	size_t k;

	memcpy(d, dict, sizeof(d));
	for (k = 0; k < 17 && pos + k < n; k++) {
		if (d[(off + k) % 4096] != in[pos + k])
			break;
		d[(wp + k) % 4096] = in[pos + k];
	}
	return k;
}

/* A greedy LZFu compressor: the stream with header and CRC (g_free it). */
static uint8_t *
compress(const uint8_t *in, size_t n, size_t *out_len)
{
	GByteArray *b = g_byte_array_new();
	uint8_t dict[4096], hdr[16];
	size_t wp = sizeof(preset) - 1, pos = 0;
	int ended = 0;

	memset(dict, 0, sizeof(dict));
	memcpy(dict, preset, wp);
	while (!ended) {
		size_t ctl_at = b->len;
		uint8_t ctl = 0, zero = 0;

		g_byte_array_append(b, &zero, 1);
		for (int bit = 0; bit < 8 && !ended; bit++) {
			size_t best = 0, best_off = 0;

			if (pos == n) {
				uint8_t ref[2] = { (uint8_t)(wp >> 4), (uint8_t)((wp & 0xF) << 4) };

				ctl |= (uint8_t)(1u << bit);
				g_byte_array_append(b, ref, 2);
				ended = 1;
				break;
			}
			for (size_t off = 0; off < 4096; off++) {
				size_t l;

				if (off == wp || dict[off] != in[pos])
					continue;
				l = match_len(dict, off, wp, in, pos, n);
				if (l > best) {
					best = l;
					best_off = off;
				}
			}
			if (best >= 2) {
				uint16_t ref = (uint16_t)(best_off << 4 | (best - 2));
				uint8_t r[2] = { (uint8_t)(ref >> 8), (uint8_t)ref };

				ctl |= (uint8_t)(1u << bit);
				g_byte_array_append(b, r, 2);
			} else {
				best = 1;
				g_byte_array_append(b, in + pos, 1);
			}
			for (size_t k = 0; k < best; k++) {
				dict[wp] = in[pos++];
				wp = (wp + 1) % 4096;
			}
		}
		b->data[ctl_at] = ctl;
	}
	put32(hdr, (uint32_t)b->len + 12);
	put32(hdr + 4, (uint32_t)n);
	memcpy(hdr + 8, "LZFu", 4);
	put32(hdr + 12, crc(b->data, b->len));
	g_byte_array_prepend(b, hdr, 16);
	*out_len = b->len;
	return g_byte_array_free(b, FALSE);
}

static seal_lzfu_status
decode(const uint8_t *d, size_t len, size_t max, GString **text)
{
	uint8_t *out = NULL;
	size_t n = 99;
	seal_lzfu_status st = seal_lzfu_decompress(d, len, max, &out, &n);

	*text = NULL;
	if (st != SEAL_LZFU_OK) {
		ck_assert_msg(out == NULL && n == 0, "status %d: output handed over", st);
		return st;
	}
	ck_assert_msg(out != NULL && out[n] == '\0', "output not NUL-terminated");
	*text = g_string_new_len((const char *)out, (gssize)n);
	free(out);
	return st;
}

START_TEST(spec_example)
{
	GString *t;

	ck_assert_int_eq(decode(spec, sizeof(spec), 1 << 20, &t), SEAL_LZFU_OK);
	ck_assert_str_eq(t->str, spec_text);
	g_string_free(t, TRUE);
	/* RAWSIZE (43) above the caller's cap: refused before decoding */
	ck_assert_int_eq(decode(spec, sizeof(spec), 42, &t), SEAL_LZFU_TOO_LARGE);
	ck_assert_int_eq(decode(spec, sizeof(spec), 43, &t), SEAL_LZFU_OK);
	g_string_free(t, TRUE);
}
END_TEST

/* A public compressor's output (MIT-licensed compressed_rtf's README
 * example): references into the preset dictionary. */
START_TEST(public_example)
{
	static const uint8_t comp[] = {
		0x23, 0x00, 0x00, 0x00, 0x22, 0x00, 0x00, 0x00, 0x4C, 0x5A, 0x46, 0x75,
		0x33, 0x5C, 0xE8, 0x74, 0x03, 0x00, 0x0A, 0x00, 0x72, 0x63, 0x70, 0x67,
		0x31, 0x32, 0x35, 0x92, 0x32, 0x0A, 0xF3, 0x20, 0x74, 0x07, 0x90, 0x74,
		0x7D, 0x0F, 0x10
	};
	GString *t;

	ck_assert_int_eq(decode(comp, sizeof(comp), 1 << 20, &t), SEAL_LZFU_OK);
	ck_assert_str_eq(t->str, "{\\rtf1\\ansi\\ansicpg1252\\pard test}");
	g_string_free(t, TRUE);
}
END_TEST

/* Text with repeats (references into the text, overlapping runs of one
 * byte) and words of the preset, through the compressor above and back. */
START_TEST(round_trip)
{
	GString *in = g_string_new("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}");
	GString *t;
	uint8_t *c;
	size_t n;

	for (int i = 0; i < 12; i++)
		g_string_append_printf(in, "\\pard\\plain\\f0\\fs20 Sag %d: m\\'f8de med borgeren"
		    " om journal %d\\par\r\n", i, i * 37);
	g_string_append(in, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}");
	c = compress((const uint8_t *)in->str, in->len, &n);
	ck_assert_msg(n < in->len, "compressor wrote %zu bytes for %zu", n, in->len);
	ck_assert_int_eq(decode(c, n, 1 << 20, &t), SEAL_LZFU_OK);
	ck_assert_uint_eq(t->len, in->len);
	ck_assert_int_eq(memcmp(t->str, in->str, in->len), 0);
	g_string_free(t, TRUE);
	g_free(c);
	g_string_free(in, TRUE);
}
END_TEST

START_TEST(stored)
{
	uint8_t mela[16 + 5] = { 17, 0, 0, 0, 5, 0, 0, 0, 'M', 'E', 'L', 'A', 0, 0, 0, 0,
		'{', '\\', 'r', 't', 'f' };
	GString *t;

	ck_assert_int_eq(decode(mela, sizeof(mela), 100, &t), SEAL_LZFU_OK);
	ck_assert_str_eq(t->str, "{\\rtf");
	g_string_free(t, TRUE);
	/* RAWSIZE beyond the stored bytes */
	mela[4] = 200;
	ck_assert_int_eq(decode(mela, sizeof(mela), 1000, &t), SEAL_LZFU_DAMAGED);
	/* COMPSIZE beyond the input */
	mela[4] = 5;
	mela[0] = 40;
	ck_assert_int_eq(decode(mela, sizeof(mela), 1000, &t), SEAL_LZFU_DAMAGED);
}
END_TEST

START_TEST(not_rtf)
{
	static const uint8_t unknown[] = { 12, 0, 0, 0, 0, 0, 0, 0, 'X', 'X', 'X', 'X', 0, 0, 0, 0 };
	uint8_t junk[64];
	GString *t;

	ck_assert_int_eq(decode(unknown, sizeof(unknown), 100, &t), SEAL_LZFU_NOT_RTF);
	ck_assert_int_eq(decode(spec, 15, 100, &t), SEAL_LZFU_NOT_RTF);
	ck_assert_int_eq(decode(NULL, 0, 100, &t), SEAL_LZFU_NOT_RTF);
	memset(junk, 0xFF, sizeof(junk));
	ck_assert_int_eq(decode(junk, sizeof(junk), 100, &t), SEAL_LZFU_NOT_RTF);
	/* an LZFu header over junk: sizes or CRC say damaged */
	memcpy(junk + 8, "LZFu", 4);
	ck_assert_int_eq(decode(junk, sizeof(junk), 1000, &t), SEAL_LZFU_DAMAGED);
	ck_assert_str_eq(seal_lzfu_describe(SEAL_LZFU_DAMAGED), "damaged");
}
END_TEST

START_TEST(bad_sizes_and_crc)
{
	uint8_t d[sizeof(spec)];
	GString *t;

	memcpy(d, spec, sizeof(d));
	d[12] ^= 1;             /* CRC */
	ck_assert_int_eq(decode(d, sizeof(d), 1 << 20, &t), SEAL_LZFU_DAMAGED);
	memcpy(d, spec, sizeof(d));
	d[4] = 42;              /* RAWSIZE one short of what the runs give */
	ck_assert_int_eq(decode(d, sizeof(d), 1 << 20, &t), SEAL_LZFU_DAMAGED);
	d[4] = 44;              /* one more than the runs give */
	ck_assert_int_eq(decode(d, sizeof(d), 1 << 20, &t), SEAL_LZFU_DAMAGED);
	d[4] = 0xFF;            /* more than 9 times the compressed bytes */
	d[5] = 0xFF;
	ck_assert_int_eq(decode(d, sizeof(d), SIZE_MAX, &t), SEAL_LZFU_DAMAGED);
}
END_TEST

/* Every prefix is damaged (COMPSIZE then points past the end); every
 * one-byte change is caught (the CRC covers the body, the header is
 * checked), or decodes to exactly RAWSIZE bytes. */
START_TEST(cuts_and_changes)
{
	uint8_t d[sizeof(spec)];
	GString *t;

	for (size_t n = 0; n < sizeof(spec); n++) {
		seal_lzfu_status st = decode(spec, n, 1 << 20, &t);

		ck_assert_msg(st == SEAL_LZFU_NOT_RTF || st == SEAL_LZFU_DAMAGED,
		    "cut at %zu: status %d", n, st);
	}
	for (size_t i = 0; i < sizeof(spec); i++)
		for (unsigned x = 1; x < 256; x <<= 1) {
			seal_lzfu_status st;

			memcpy(d, spec, sizeof(d));
			d[i] ^= (uint8_t)x;
			st = decode(d, sizeof(d), 1 << 20, &t);
			if (st == SEAL_LZFU_OK) {
				/* only the padding-free header fields can change harmlessly:
				 * none here, every byte counts */
				ck_assert_msg(0, "byte %zu ^ %u: decoded as whole", i, x);
				g_string_free(t, TRUE);
			}
		}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("lzfu");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, spec_example);
	tcase_add_test(tc, public_example);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, stored);
	tcase_add_test(tc, not_rtf);
	tcase_add_test(tc, bad_sizes_and_crc);
	tcase_add_test(tc, cuts_and_changes);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
