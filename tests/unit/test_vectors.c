/*
 * test_vectors.c - runs every line of tests/data/vectors.tsv (spec section
 * 9) through its layer, the normaliser and the detector, scan date
 * 2026-06-01, and checks the single expected finding (or none).
 *
 * One Check test per vector (a loop test over the rows). Failure messages
 * name the vector id and the got/want kind, level and mask; never the
 * input, which holds a (synthetic) identity number.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "detect.h"
#include "extract.h"
#include "html.h"
#include "normalize.h"

#include "check_main.h"
#include "vectors.h"

static GPtrArray *vectors;
static const seal_date scan_date = { 2026, 6, 1 };

static char *
decode_layer(const vector *v, size_t *len)
{
	char *s;

	switch (v->layer) {
	case LAYER_HTML:
		return seal_html_to_text(v->input, v->input_len, len);
	case LAYER_QP:
		return seal_extract_qp_decode(v->input, v->input_len, len);
	case LAYER_HDR:
		s = seal_extract_header_text(v->input);
		break;
	case LAYER_PARAM:
		s = seal_extract_filename_param(v->input);
		break;
	default:
		*len = v->input_len;
		return g_memdup2(v->input, v->input_len);
	}
	*len = s != NULL ? strlen(s) : 0;
	return s;
}

/* "kind/level/mask, ..." of the findings, for failure messages. */
static char *
describe(GArray *fs)
{
	GString *d = g_string_new(NULL);
	guint i;

	for (i = 0; i < fs->len; i++) {
		seal_finding *f = &g_array_index(fs, seal_finding, i);

		g_string_append_printf(d, "%s%s/%s/%s", i ? ", " : "",
		    seal_kind_name(f->kind), seal_level_name(f->level),
		    f->masked);
	}
	if (fs->len == 0)
		g_string_append(d, "nothing");
	return g_string_free(d, FALSE);
}

START_TEST(test_vector)
{
	const vector *v = g_ptr_array_index(vectors, (guint) _i);
	GArray *fs = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	size_t dlen = 0, nlen = 0;
	char *dec, *norm, *got;

	ck_assert_msg(v->input != NULL, "%s: got a bad escape in the input",
	    v->id);
	dec = decode_layer(v, &dlen);
	ck_assert_msg(dec != NULL, "%s: layer decoder returned NULL", v->id);
	norm = seal_normalize(dec, dlen, &nlen);
	seal_detect(norm, nlen, &scan_date, fs);
	got = describe(fs);
	if (!v->found) {
		ck_assert_msg(fs->len == 0, "%s: got %s, want nothing", v->id, got);
	} else {
		const seal_finding *f = fs->len == 1 ?
		    &g_array_index(fs, seal_finding, 0) : NULL;

		ck_assert_msg(f != NULL &&
		    strcmp(seal_kind_name(f->kind), v->kind) == 0 &&
		    strcmp(seal_level_name(f->level), v->level) == 0 &&
		    strcmp(f->masked, v->mask) == 0,
		    "%s: got %s, want %s/%s/%s", v->id, got, v->kind, v->level,
		    v->mask);
		ck_assert_msg(f->end <= nlen && f->start < f->end,
		    "%s: got range %zu-%zu, want inside 0-%zu", v->id,
		    f->start, f->end, nlen);
	}
	g_free(got);
	g_free(norm);
	g_free(dec);
	g_array_free(fs, TRUE);
}
END_TEST

/* Vectors whose input failed to unescape fail here, labelled. */
START_TEST(test_escapes)
{
	guint i;

	for (i = 0; i < vectors->len; i++) {
		const vector *v = g_ptr_array_index(vectors, i);

		ck_assert_msg(v->input != NULL, "%s: got a bad escape, want "
		    "\\\\ \\t \\n \\r \\uXXXX only", v->id);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("vectors");
	TCase *tc = tcase_create("vectors");

	/* The extract layer (header and parameter vectors) uses GMime. */
	g_mime_init();
	vectors = load_vectors();
	tcase_add_test(tc, test_escapes);
	tcase_add_loop_test(tc, test_vector, 0, (int) vectors->len);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
