/*
 * test_textwin.c - scanning a long text in overlapping windows finds
 * exactly what scanning it whole finds: same kinds, levels and masks, in
 * the same order, each once. The text mixes every plain-layer vector of
 * the spec with filler that stresses the window cuts (non-ASCII letters,
 * white-space runs, line and paragraph breaks, keywords, URLs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "check_main.h"
#include "detect.h"
#include "normalize.h"
#include "textwin.h"
#include "vectors.h"

static const seal_date scan_date = { 2026, 6, 1 };

/* Vector inputs (found and not-found) of the plain layer. */
static GPtrArray *
plain_inputs(void)
{
	static GPtrArray *inputs;

	if (inputs == NULL) {
		GPtrArray *all = load_vectors();

		inputs = g_ptr_array_new();
		for (guint i = 0; i < all->len; i++) {
			const vector *v = g_ptr_array_index(all, i);

			if (v->layer == LAYER_PLAIN && v->input != NULL)
				g_ptr_array_add(inputs, v->input);
		}
	}
	ck_assert_uint_gt(inputs->len, 200);
	return inputs;
}

static const char *const fillers[] = {
	" ", "  ", "\n", "\n\n", " \n ", "\t", "æblegrød og smørrebrød ", "Ölandsgatan ",
	"Ζωή και Москва ", "— ", "tlf. ", "CPR-nr. ", "faktura ", "https://x.example/a?b=",
	"www.kommune.example/sag/", "Borgeren har ringet igen om sagen. ", "ðþ ", "..... ",
	"0123 ", "1.5 ", "\r\n", "personnummer: ", "x",
};

static char *
build_text(GPtrArray *inputs, guint32 seed, size_t *len)
{
	GRand *r = g_rand_new_with_seed(seed);
	GString *s = g_string_new(NULL);

	for (int round = 0; round < 12; round++)
		for (guint i = 0; i < inputs->len; i++) {
			int nf = g_rand_int_range(r, 0, 4);

			for (int k = 0; k < nf; k++)
				g_string_append(s, fillers[g_rand_int_range(r, 0,
				    (gint32)G_N_ELEMENTS(fillers))]);
			g_string_append(s, g_ptr_array_index(inputs, i));
			g_string_append(s, g_rand_boolean(r) ? " .\n" : "\n\n");
		}
	g_rand_free(r);
	*len = s->len;
	return g_string_free(s, FALSE);
}

/* "kind level mask" lines of the findings of a whole text. */
static void
collect(const char *norm, size_t nlen, size_t from, size_t to, GString *out)
{
	GArray *found = g_array_new(FALSE, FALSE, sizeof(seal_finding));

	seal_detect(norm, nlen, &scan_date, found);
	for (guint i = 0; i < found->len; i++) {
		const seal_finding *f = &g_array_index(found, seal_finding, i);

		if (f->start >= from && f->start < to)
			g_string_append_printf(out, "%s %d %s\n", seal_kind_name(f->kind),
			    f->level, f->masked);
	}
	g_array_free(found, TRUE);
}

static seal_status
window_fn(void *ctx, const char *text, size_t len, size_t own_start, size_t own_end,
	seal_err *err)
{
	size_t nlen, ns, ne;
	char *norm = seal_textwin_normalize(text, len, own_start, own_end, &nlen, &ns, &ne);

	(void)err;
	collect(norm, nlen, ns, ne, ctx);
	g_free(norm);
	return SEAL_OK;
}

static const struct win_case {
	guint32 seed;
	size_t size, context;
} win_cases[] = {
	{ 1, 2500, 1024 }, { 2, 4096, 1024 }, { 3, 10000, 1024 },
	{ 4, 65536, 4096 }, { 5, 3000, 1200 },
};

START_TEST(test_windows_match_whole)
{
	const struct win_case *c = &win_cases[_i];
	GPtrArray *inputs = plain_inputs();
	GRand *r = g_rand_new_with_seed(c->seed * 7919);
	GString *whole = g_string_new(NULL), *windowed = g_string_new(NULL);
	size_t len, nlen, pos = 0;
	char *text = build_text(inputs, c->seed, &len);
	char *norm = seal_normalize(text, len, &nlen);
	seal_textwin *tw = seal_textwin_new(c->size, c->context, window_fn, windowed);
	seal_err err;

	collect(norm, nlen, 0, nlen, whole);
	/* Feed pieces of random size, each ending on a whole UTF-8 sequence. */
	while (pos < len) {
		size_t n = (size_t)g_rand_int_range(r, 1, 9000);
		const char *end = pos + n >= len ? text + len
		    : g_utf8_find_next_char(text + pos + n - 1, text + len);

		if (end == NULL)
			end = text + len;
		ck_assert_int_eq(seal_textwin_append(tw, text + pos, (size_t)(end - text) - pos,
		    &err), SEAL_OK);
		pos = (size_t)(end - text);
	}
	ck_assert_int_eq(seal_textwin_finish(tw, &err), SEAL_OK);
	ck_assert_uint_eq(seal_textwin_total(tw), len);
	ck_assert_msg(whole->len > 1000, "too few findings to compare (%zu bytes)", whole->len);
	/* Compared as lines of kind, level and mask: no number is printed. */
	ck_assert_msg(strcmp(whole->str, windowed->str) == 0,
	    "case %d (size %zu, context %zu): windowed findings differ from whole-text ones "
	    "(%zu vs %zu bytes of kind/level/mask lines)", _i, c->size, c->context,
	    windowed->len, whole->len);

	seal_textwin_free(tw);
	g_free(norm);
	g_free(text);
	g_string_free(whole, TRUE);
	g_string_free(windowed, TRUE);
	g_rand_free(r);
}
END_TEST

static seal_status
count_fn(void *ctx, const char *text, size_t len, size_t own_start, size_t own_end,
	seal_err *err)
{
	size_t *owned = ctx;

	(void)text;
	(void)len;
	(void)err;
	owned[0] += own_end - own_start;
	owned[1]++;
	return SEAL_OK;
}

START_TEST(test_owned_ranges_cover_once)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 100000 };
	size_t owned[2] = { 0, 0 };
	char *text = g_strnfill(sizes[_i], 'a');
	seal_textwin *tw = seal_textwin_new(4096, 512, count_fn, owned);
	seal_err err;

	ck_assert_int_eq(seal_textwin_append(tw, text, sizes[_i], &err), SEAL_OK);
	ck_assert_int_eq(seal_textwin_finish(tw, &err), SEAL_OK);
	ck_assert_msg(owned[0] == sizes[_i], "size %zu: owned %zu bytes in all", sizes[_i],
	    owned[0]);
	ck_assert_msg(owned[1] >= 1, "size %zu: no window handed over", sizes[_i]);
	seal_textwin_free(tw);
	g_free(text);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("textwin");
	TCase *tc = tcase_create("textwin");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_windows_match_whole, 0, G_N_ELEMENTS(win_cases));
	tcase_add_loop_test(tc, test_owned_ranges_cover_once, 0, 5);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
