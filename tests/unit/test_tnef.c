/*
 * test_tnef.c - the TNEF reader (tnef.h, issue 11) on streams written by
 * tests/tools/gen_tnef.py ([MS-OXTNEF]; tests/fuzz/seeds/tnef) and damage:
 * every prefix of every stream, and mutations with the attribute checksums
 * made right again, so that libytnef and the property checks see them.
 * A damaged stream is unscannable, never clean; nothing crashes; what the
 * hooks get is valid UTF-8.
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "check_main.h"
#include "tnef.h"
#include "tnef_internal.h"

struct got {
	GString *labels;        /* "label|" for each text, "file:name|" for each file */
	GString *texts;
	int bad_utf8;
};

static seal_status
on_text(void *ctx, const char *label, const char *text, size_t len, seal_err *err)
{
	struct got *g = ctx;

	(void)err;
	g_string_append_printf(g->labels, "%s|", label);
	g_string_append_len(g->texts, text, (gssize)len);
	g_string_append_c(g->texts, '\n');
	if (!g_utf8_validate_len(text, len, NULL) || !g_utf8_validate(label, -1, NULL))
		g->bad_utf8 = 1;
	return SEAL_OK;
}

static seal_status
on_file(void *ctx, const char *name, const uint8_t *d, size_t len, seal_err *err)
{
	struct got *g = ctx;

	(void)err;
	g_string_append_printf(g->labels, "file:%s|", name);
	g_string_append_len(g->texts, (const char *)d, (gssize)len);
	g_string_append_c(g->texts, '\n');
	if (!g_utf8_validate(name, -1, NULL))
		g->bad_utf8 = 1;
	return SEAL_OK;
}

static seal_tnef_status
run(const uint8_t *d, size_t len, struct got *g)
{
	seal_tnef_hooks h = { on_text, on_file, g, NULL };
	char reason[120];

	g->labels = g_string_new("");
	g->texts = g_string_new("");
	g->bad_utf8 = 0;
	return seal_tnef_extract(d, len, &h, reason, sizeof(reason), NULL);
}

static void
got_free(struct got *g)
{
	g_string_free(g->labels, TRUE);
	g_string_free(g->texts, TRUE);
}

static GBytes *
seed(const char *name)
{
	const char *top = getenv("top_srcdir");
	char *path, *data = NULL;
	gsize len = 0;

	ck_assert_msg(top != NULL, "top_srcdir not set: run through make check");
	path = g_strdup_printf("%s/tests/fuzz/seeds/tnef/%s", top, name);
	ck_assert_msg(g_file_get_contents(path, &data, &len, NULL), "cannot read %s", path);
	g_free(path);
	return g_bytes_new_take(data, len);
}

typedef struct tcase_s {
	const char *file, *labels, *text;
} tcase_s;

static const tcase_s streams[] = {
	{ "body.tnef", "subject|from|to|body|", "Sag 42: m\xc3\xb8" "det er flyttet." },
	{ "rtf-mela.tnef", "subject|from|to|body (RTF)|", "Sag 42: m\xc3\xb8" "det" },
	{ "rtf-lzfu.tnef", "subject|from|to|body (RTF)|", "Sag 42: m\xc3\xb8" "det" },
	{ "rtf-lzfu-libreoffice.tnef", "subject|from|to|body (RTF)|", "holdt p\xc3\xa5 r\xc3\xa5" "dhuset" },
	{ "html.tnef", "subject|from|to|body (HTML)|", "Sag 42: m\xc3\xb8" "det" },
	{ "attach.tnef", "subject|from|to|body|attachment name|file:notat.txt|", "Sag 42" },
	{ "message.tnef", "subject|from|to|body|attachment name|message Videresendt sag/subject|"
	    "message Videresendt sag/from|message Videresendt sag/to|message Videresendt sag/body|",
	    "Videresendt sag" },
};

START_TEST(reads)
{
	const tcase_s *c = &streams[_i];
	GBytes *b = seed(c->file);
	struct got g;
	seal_tnef_status st = run(g_bytes_get_data(b, NULL), g_bytes_get_size(b), &g);

	ck_assert_msg(st == SEAL_TNEF_OK, "%s: got status %d, want OK", c->file, st);
	ck_assert_msg(strcmp(g.labels->str, c->labels) == 0, "%s: got labels %s, want %s", c->file,
	    g.labels->str, c->labels);
	ck_assert_msg(strstr(g.texts->str, c->text) != NULL, "%s: text \"%s\" not handed over",
	    c->file, c->text);
	ck_assert_msg(strstr(g.texts->str, "Sagsbehandler \xc3\x86r\xc3\xb8") != NULL,
	    "%s: sender (Windows-1252 string) not read", c->file);
	ck_assert_msg(!g.bad_utf8, "%s: a text is not UTF-8", c->file);
	got_free(&g);
	g_bytes_unref(b);
}
END_TEST

START_TEST(not_tnef)
{
	struct got g;

	ck_assert_msg(run((const uint8_t *)"{\\rtf1 x}", 9, &g) == SEAL_TNEF_UNSCANNABLE,
	    "RTF bytes: not unscannable");
	got_free(&g);
	ck_assert_msg(!seal_tnef_is((const uint8_t *)"\x78\x9f\x3e", 3), "3 bytes: TNEF");
	ck_assert_msg(seal_tnef_is((const uint8_t *)"\x78\x9f\x3e\x22", 4), "signature: not TNEF");
}
END_TEST

/* Whether a cut at n falls between two attributes (the rest is a valid stream). */
static int
at_boundary(const uint8_t *d, size_t len, size_t n)
{
	size_t i = 6;

	while (i < n && len - i >= 9)
		i += 9 + (size_t)seal_tnef_u32(d + i + 5) + 2;
	return i == n && n > 6;
}

/*
 * Every proper prefix of every stream: cut inside an attribute, it is
 * damaged (unscannable); cut between two, it is a shorter valid stream.
 * (The outer MIME part's own length is not in TNEF: a cut between two
 * attributes is found only when it leaves an attachment without data.)
 */
START_TEST(truncations)
{
	for (size_t s = 0; s < G_N_ELEMENTS(streams); s++) {
		GBytes *b = seed(streams[s].file);
		const uint8_t *d = g_bytes_get_data(b, NULL);
		size_t len = g_bytes_get_size(b);

		for (size_t n = 0; n < len; n++) {
			struct got g;
			seal_tnef_status st = run(d, n, &g);

			/* between attributes: OK, or unscannable when an attachment
			 * lost its data (a title alone is never taken as clean) */
			ck_assert_msg(at_boundary(d, len, n) ? st != SEAL_TNEF_ERROR :
			    st == SEAL_TNEF_UNSCANNABLE, "%s cut at %zu: got status %d",
			    streams[s].file, n, st);
			ck_assert_msg(!g.bad_utf8, "%s cut at %zu: text not UTF-8", streams[s].file, n);
			got_free(&g);
		}
		g_bytes_unref(b);
	}
}
END_TEST

/* Rewrites each attribute's checksum ([MS-OXTNEF] 2.1.3.2) over its data. */
static void
fix_sums(uint8_t *d, size_t len)
{
	size_t i = 6;

	while (len - i >= 9) {
		uint32_t n = seal_tnef_u32(d + i + 5);
		unsigned sum = 0;

		if (n > len - i - 9 || len - i - 9 - n < 2)
			return;
		for (uint32_t k = 0; k < n; k++)
			sum += d[i + 9 + k];
		d[i + 9 + n] = (uint8_t)(sum & 0xFF);
		d[i + 9 + n + 1] = (uint8_t)(sum >> 8 & 0xFF);
		i += 9 + (size_t)n + 2;
	}
}

/*
 * 2000 mutations over the streams (fixed seed): 1-4 bytes replaced, then,
 * for three in four, the checksums fixed so the structure checks and
 * libytnef read the damage. Any result but an error is fine; no crash,
 * no leak, UTF-8 only.
 */
START_TEST(mutations)
{
	GRand *r = g_rand_new_with_seed(5);

	for (unsigned k = 0; k < 2000; k++) {
		GBytes *b = seed(streams[k % G_N_ELEMENTS(streams)].file);
		size_t len = g_bytes_get_size(b);
		uint8_t *m = g_memdup2(g_bytes_get_data(b, NULL), len);
		int flips = g_rand_int_range(r, 1, 5);
		seal_tnef_status st;
		struct got g;

		for (int f = 0; f < flips; f++)
			m[g_rand_int_range(r, 6, (gint32)len)] = (uint8_t)g_rand_int_range(r, 0, 256);
		if (k % 4 != 0)
			fix_sums(m, len);
		st = run(m, len, &g);
		ck_assert_msg(st != SEAL_TNEF_ERROR, "mutation %u: error status", k);
		ck_assert_msg(!g.bad_utf8, "mutation %u: text not UTF-8", k);
		got_free(&g);
		g_free(m);
		g_bytes_unref(b);
	}
	g_rand_free(r);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("tnef");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, reads, 0, G_N_ELEMENTS(streams));
	tcase_add_test(tc, not_tnef);
	tcase_add_test(tc, truncations);
	tcase_add_test(tc, mutations);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
