/*
 * test_acmatch.c - the dictionary matcher (acmatch.h) with word edges:
 * every hit seal_ac_scan reports must be exactly one of a slow reference
 * (for every end and every pattern: walk back over the byte classes, then
 * check the edges the pattern asked for). The scan reports a hit on the
 * transition out of the state where the pattern ended, and drops there
 * the patterns that want a word end before a letter or digit; this test
 * holds it to the plain definition, on random patterns and text (short
 * texts read as one stream, long ones as four) and on the detection
 * corpora with patterns cut from their own words.
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "acmatch.h"

#include "check_main.h"

typedef struct pat {
	char *text;
	unsigned flags;
} pat;

static bool
ascii_alnum(unsigned char c)
{
	return g_ascii_isalnum((char)c);
}

/* The hits by definition, each as end << 20 | id, in order. */
static void
reference(const pat *pats, size_t np, const char *text, size_t len, GArray *out)
{
	for (size_t end = 1; end <= len; end++)
		for (size_t p = 0; p < np; p++) {
			const char *s = pats[p].text;
			size_t j = end, k = strlen(s), n = k;
			bool ok = true;

			while (ok && k-- > 0) {
				unsigned pc = seal_ac_class((unsigned char)s[k]);

				if (j == 0 || seal_ac_class((unsigned char)text[j - 1]) != pc) {
					ok = false;
				} else if (pc == SEAL_AC_SEP) {
					while (j > 0 && seal_ac_class((unsigned char)text[j - 1]) == SEAL_AC_SEP)
						j--;
				} else {
					j--;
				}
			}
			if (ok && (pats[p].flags & SEAL_AC_END_WORD) && end < len
			    && ascii_alnum((unsigned char)text[end]))
				ok = false;
			if (ok && (pats[p].flags & SEAL_AC_START_WORD) && end > n
			    && ascii_alnum((unsigned char)text[end - n - 1]))
				ok = false;
			if (ok) {
				guint64 v = ((guint64)end << 20) | p;

				g_array_append_val(out, v);
			}
		}
}

static int
collect(void *ctx, uint32_t id, size_t end)
{
	guint64 v = ((guint64)end << 20) | id;

	g_array_append_val((GArray *)ctx, v);
	return 0;
}

static gint
u64_cmp(gconstpointer a, gconstpointer b)
{
	guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;

	return x < y ? -1 : x > y;
}

/* Scan and reference agree on text[0..len); the number of hits. */
static size_t
compare(const pat *pats, size_t np, const char *text, size_t len)
{
	seal_ac_builder *b = seal_ac_builder_new();
	GArray *want = g_array_new(FALSE, FALSE, sizeof(guint64));
	GArray *got = g_array_new(FALSE, FALSE, sizeof(guint64));
	size_t n;
	seal_ac *ac;

	for (size_t p = 0; p < np; p++)
		seal_ac_add_edges(b, pats[p].text, strlen(pats[p].text), (uint32_t)p, pats[p].flags);
	ac = seal_ac_build(b);
	ck_assert_ptr_nonnull(ac);
	reference(pats, np, text, len, want);
	seal_ac_scan(ac, text, len, collect, got);
	g_array_sort(got, u64_cmp);
	ck_assert_msg(got->len == want->len, "length %zu: %u hits, want %u", len, got->len,
	    want->len);
	ck_assert_msg(memcmp(got->data, want->data, want->len * sizeof(guint64)) == 0,
	    "length %zu: hits differ from the reference", len);
	n = want->len;
	g_array_free(want, TRUE);
	g_array_free(got, TRUE);
	seal_ac_free(ac);
	return n;
}

static guint32 seed = 0xac2026u;

static guint32
rnd(guint32 n)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed % n;
}

static const char *const bits[] = {
	"a", "b", "d", "e", "h", "n", "s", "u", "D", "E", "H", "1", "7", " ", "  ", "\n", "-",
	".", "'", ",", "\xc3\xb8", "\xc3\x98", "\xc3\xa5", "\xc3\xa9", "\xd0\x96", "\xe2\x80\x93",
};

/*
 * A pattern as the matcher takes it: whitespace runs are one space, none
 * at either end (acmatch.h), and SEAL_AC_START_WORD only without
 * whitespace (the pattern is then its length in bytes of text).
 */
static void
make_pat(pat *p, const char *s, size_t n, unsigned flags)
{
	GString *g = g_string_new(NULL);

	for (size_t i = 0; i < n; i++) {
		if (seal_ac_class((unsigned char)s[i]) != SEAL_AC_SEP)
			g_string_append_c(g, s[i]);
		else if (g->len > 0 && g->str[g->len - 1] != ' ')
			g_string_append_c(g, ' ');
	}
	while (g->len > 0 && g->str[g->len - 1] == ' ')
		g_string_truncate(g, g->len - 1);
	if (g->len == 0)
		g_string_append_c(g, 'e');
	if (strchr(g->str, ' ') != NULL)
		flags &= ~(unsigned)SEAL_AC_START_WORD;
	p->flags = flags;
	p->text = g_string_free(g, FALSE);
}

static void
random_pat(pat *p, unsigned max)
{
	GString *s = g_string_new(NULL);

	for (unsigned n = 1 + rnd(max); n > 0; n--)
		g_string_append(s, bits[rnd(G_N_ELEMENTS(bits))]);
	make_pat(p, s->str, s->len, rnd(4));
	g_string_free(s, TRUE);
}

/* Random patterns with random edges over random text, short and long. */
START_TEST(edges_random)
{
	size_t found = 0;

	for (unsigned round = 0; round < 60; round++) {
		pat pats[24];
		GString *text = g_string_new(NULL);
		size_t want = round < 40 ? 50 + rnd(300) : 4 * 1024 + rnd(9000);

		for (size_t p = 0; p < G_N_ELEMENTS(pats); p++)
			random_pat(&pats[p], 4);
		while (text->len < want) {
			/* pattern text now and then, so that there are hits to compare */
			if (rnd(3) == 0)
				g_string_append(text, pats[rnd(G_N_ELEMENTS(pats))].text);
			else
				g_string_append(text, bits[rnd(G_N_ELEMENTS(bits))]);
		}
		for (size_t cut = 0; cut < 5; cut++)
			found += compare(pats, G_N_ELEMENTS(pats), text->str, text->len - cut * 3);
		for (size_t p = 0; p < G_N_ELEMENTS(pats); p++)
			g_free(pats[p].text);
		g_string_free(text, TRUE);
	}
	ck_assert_uint_gt(found, 5000);
}
END_TEST

/* The corpora under tests/data with patterns cut from their own words. */
START_TEST(edges_corpora)
{
	static const char *const files[] = {
		"clean/clean-a.txt", "clean/clean-b.txt", "clean/clean-c.txt",
		"positive/shapes.txt",
	};
	const char *top = getenv("top_srcdir");
	size_t found = 0;

	ck_assert_msg(top != NULL, "top_srcdir is not set (run through make check)");
	for (size_t f = 0; f < G_N_ELEMENTS(files); f++) {
		char *path = g_build_filename(top, "tests", "data", files[f], NULL), *text;
		gsize len;
		pat pats[40];
		size_t np = 0;

		ck_assert_msg(g_file_get_contents(path, &text, &len, NULL), "%s", path);
		if (len > 40000)
			len = 40000;
		/* prefixes and whole words of the text, two words now and then */
		while (np < G_N_ELEMENTS(pats)) {
			size_t at = rnd((guint32)len), n = 2 + rnd(rnd(4) == 0 ? 12 : 6);

			while (at > 0 && !g_ascii_isspace(text[at - 1]))
				at--;
			if (at + n > len || g_ascii_isspace(text[at]))
				continue;
			make_pat(&pats[np++], text + at, n, rnd(4));
		}
		found += compare(pats, np, text, len);
		found += compare(pats, np, text, len / 3);
		for (size_t p = 0; p < np; p++)
			g_free(pats[p].text);
		g_free(text);
		g_free(path);
	}
	ck_assert_uint_gt(found, 1000);
}
END_TEST

static Suite *
acmatch_suite(void)
{
	Suite *s = suite_create("acmatch");
	TCase *tc = tcase_create("acmatch");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, edges_random);
	tcase_add_test(tc, edges_corpora);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return seal_check_run(acmatch_suite());
}
