/*
 * test_addrmask.c - identity numbers in the local part of a recipient
 * address are masked wherever an address is shown (issue 15 item 9;
 * doc/DETECTION.md section 7), and ordinary addresses are left alone.
 *
 * The numbers are rows of tests/data/vectors.tsv (ids named below, all
 * "found"), loaded by id; failure messages never print the number.
 */
#include <string.h>

#include <glib.h>

#include "addrmask.h"

#include "check_main.h"
#include "vectors.h"

static const seal_date scan_date = { 2026, 6, 1 };

static const vector *
by_id(const char *id)
{
	GPtrArray *all = load_vectors();

	for (guint i = 0; i < all->len; i++) {
		const vector *v = g_ptr_array_index(all, i);

		if (strcmp(v->id, id) == 0 && v->found && v->input != NULL)
			return v;
	}
	ck_abort_msg("vector %s missing", id);
	return NULL;
}

/* The digits of v without separators ("0406050807"). */
static char *
digits_of(const vector *v)
{
	GString *g = g_string_new(NULL);

	for (const char *p = v->input; *p != '\0'; p++)
		if (g_ascii_isdigit(*p))
			g_string_append_c(g, *p);
	return g_string_free(g, FALSE);
}

/* local part pre NUMBER post; checks the mask and that no digits leak. */
static void
check_masked(const char *id, const char *pre, const char *post, int plain, const char *domain)
{
	const vector *v = by_id(id);
	char *digits = digits_of(v);
	char *local = g_strconcat(pre, plain ? digits : v->input, post, NULL);
	char *address = g_strconcat(local, domain, NULL);
	char *shown = seal_addr_mask(address, &scan_date);
	char *want_domain = g_strdup(domain);

	ck_assert_msg(strstr(shown, v->mask) != NULL, "%s in %s..%s: mask %s missing", id, pre, post,
	    v->mask);
	ck_assert_msg(strstr(shown, digits) == NULL && strstr(shown, v->input) == NULL,
	    "%s in %s..%s: number in clear", id, pre, post);
	ck_assert_msg(g_str_has_suffix(shown, want_domain), "%s: domain changed", id);
	g_free(want_domain);
	g_free(shown);
	g_free(address);
	g_free(local);
	g_free(digits);
}

START_TEST(local_part_is_a_number)
{
	check_masked("dk-001", "", "", 0, "@gmail.example");     /* 040605-0807 */
	check_masked("dk-001", "", "", 1, "@gmail.example");     /* without the hyphen */
	check_masked("dk-009", "", "", 1, "@gmail.example");
	check_masked("se-004", "", "", 0, "@mail.example");      /* 12 digits, hyphen */
	check_masked("se-020", "", "", 0, "@mail.example");      /* '+' separator */
}
END_TEST

START_TEST(local_part_contains_a_number)
{
	check_masked("dk-001", "jens.", "", 0, "@gmail.example");
	check_masked("dk-009", "jens.", "", 1, "@gmail.example");
	check_masked("dk-009", "jens", "", 1, "@gmail.example"); /* glued to letters */
	check_masked("dk-009", "cpr_", "_x", 1, "@gmail.example");
	check_masked("se-008", "", ".anna", 1, "@mail.example");
	check_masked("dk-021", "Borger", "X", 1, "@gmail.example");
	check_masked("dk-025", "\"", "\"", 0, "@gmail.example"); /* quoted local part */
}
END_TEST

START_TEST(ordinary_addresses_unchanged)
{
	static const char *const plain[] = {
		"anna.berg@kommune.example", "citizen@gmail.example",
		"invoice-20261205@shop.example", "no-reply+1234@list.example",
		"ticket-4512345678@support.example", "x@1905044539.example", "", "no-at-sign",
		"<>", "a%b@c.example", NULL
	};

	for (int i = 0; plain[i] != NULL; i++) {
		char *shown = seal_addr_mask(plain[i], &scan_date);

		ck_assert_str_eq(shown, plain[i]);
		g_free(shown);
	}
	{
		char *shown = seal_addr_mask(NULL, NULL);

		ck_assert_str_eq(shown, "");
		g_free(shown);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("addrmask");
	TCase *tc = tcase_create("addrmask");

	tcase_add_test(tc, local_part_is_a_number);
	tcase_add_test(tc, local_part_contains_a_number);
	tcase_add_test(tc, ordinary_addresses_unchanged);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
