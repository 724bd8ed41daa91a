/*
 * test_domain.c - domain lists: normal form (case, trailing dot, IDN as
 * UTS #46 non-transitional, as Postfix with ICU converts it),
 * subdomain matching, address entries, odd and invalid input.
 */
#include <string.h>

#include <glib.h>
#include <idn2.h>

#include "check_main.h"
#include "domain.h"

/* The list every match case runs against. */
static const char *const entries[] = {
	"kommune.dk", "*.region.dk", ".stat.example", "Jens@Citizen.example",
	"københavn.dk", "xn--malm-8qa.se", "trailing.dk.", "localhost", "kommune.example",
	"strasse.example", "ærø.example", "xn--sr-lka.example", NULL
};

static seal_domain_list *
make_list(void)
{
	seal_domain_list *l = seal_domain_list_new();
	seal_err err;
	size_t i;

	for (i = 0; entries[i] != NULL; i++) {
		seal_err_clear(&err);
		ck_assert_msg(seal_domain_list_add(l, entries[i], &err) == SEAL_OK,
		    "add %s: got error \"%s\", want ok", entries[i], err.msg);
	}
	return l;
}

static const struct match_case {
	const char *label;
	const char *domain;
	int want;
} domain_cases[] = {
	{ "exact", "kommune.dk", 1 },
	{ "upper case", "KOMMUNE.DK", 1 },
	{ "subdomain", "aarhus.kommune.dk", 1 },
	{ "deep subdomain", "a.b.kommune.dk", 1 },
	{ "suffix is not a subdomain", "xkommune.dk", 0 },
	{ "trailing dot", "kommune.dk.", 1 },
	{ "two trailing dots", "kommune.dk..", 0 },
	{ "parent of entry", "dk", 0 },
	{ "entry as prefix", "kommune.dk.evil.example", 0 },
	{ "empty", "", 0 },
	{ "star entry covers itself", "region.dk", 1 },
	{ "star entry covers sub", "x.region.dk", 1 },
	{ "dot entry covers itself", "stat.example", 1 },
	{ "dot entry covers sub", "www.stat.example", 1 },
	{ "IDN U-label vs U-label entry", "københavn.dk", 1 },
	{ "IDN A-label vs U-label entry", "xn--kbenhavn-54a.dk", 1 },
	{ "IDN upper-case U-label", "KØBENHAVN.DK", 1 },
	{ "IDN U-label vs A-label entry", "malmö.se", 1 },
	{ "IDN sub of A-label entry", "kommun.malmö.se", 1 },
	{ "entry with trailing dot", "trailing.dk", 1 },
	{ "address entry is not a domain entry", "citizen.example", 0 },
	{ "single label entry", "localhost", 1 },
	{ "IPv4 address", "1.2.3.4", 0 },
	{ "address literal", "[192.0.2.1]", 0 },
	{ "space inside", "exa mple.kommune.dk", 0 },
	{ "empty label", "a..kommune.dk", 0 },
	{ "underscore", "a_b.kommune.dk", 0 },
	{ "leading hyphen label", "-a.kommune.dk", 0 },
	/*
	 * Issue 15 item 8: Postfix (ICU, UTS #46 non-transitional) routes these
	 * elsewhere than the entry, so they must not count as internal.
	 */
	{ "ZWNJ inside (xn--kommune-d06c for Postfix)", "kommu\u200cne.example", 0 },
	{ "ZWJ inside", "kommu\u200dne.example", 0 },
	{ "ZWNJ in a subdomain label", "a\u200cb.kommune.example", 0 },
	{ "soft hyphen inside", "kommu\u00adne.example", 0 },
	{ "full-width letters", "\uff4b\uff4f\uff4d\uff4d\uff55\uff4e\uff45.example", 0 },
	{ "ideographic full stop", "kommune\u3002example", 0 },
	{ "sharp s is not ss", "straße.example", 0 },
	{ "A-label of the ZWNJ form", "xn--kommune-d06c.example", 0 },
	{ "upper case is case folding", "KOMMUNE.example", 1 },
	{ "NFD is NFC folding", "malmo\u0308.se", 1 },
	{ "IDN entry in Unicode, A-label given", "xn--r-3fa9c.example", 1 },
	{ "IDN entry in Unicode, Unicode given", "ÆRØ.example", 1 },
	{ "IDN entry as A-label, Unicode given", "sør.example", 1 },
	{ "IDN entry as A-label, A-label given", "XN--SR-LKA.example", 1 },
};

START_TEST(match_domain)
{
	const struct match_case *c = &domain_cases[_i];
	seal_domain_list *l = make_list();
	int got = seal_domain_list_match_domain(l, c->domain);

	ck_assert_msg(got == c->want, "%s (%s): got %d, want %d", c->label, c->domain,
	    got, c->want);
	seal_domain_list_free(l);
}
END_TEST

static const struct match_case address_cases[] = {
	{ "address entry", "jens@citizen.example", 1 },
	{ "address entry, brackets and case", "<JENS@CITIZEN.EXAMPLE>", 1 },
	{ "other local part", "anna@citizen.example", 0 },
	{ "domain entry", "a@kommune.dk", 1 },
	{ "subdomain", "a@aarhus.kommune.dk", 1 },
	{ "blanks around brackets", "  <a@kommune.dk> ", 1 },
	{ "source route", "<@relay.example:a@kommune.dk>", 1 },
	{ "source route to address entry", "<@r1.example,@r2.example:jens@citizen.example>", 1 },
	{ "quoted local part with @", "\"x@evil.example\"@kommune.dk", 1 },
	{ "quoted local part with space", "\"john doe\"@kommune.dk", 1 },
	{ "last @ decides", "a@kommune.dk@evil.example", 0 },
	{ "suffix is not a subdomain", "a@xkommune.dk", 0 },
	{ "trailing dot", "a@kommune.dk.", 1 },
	{ "IDN domain", "a@København.dk", 1 },
	{ "ZWNJ in the domain", "citizen@kommu\u200cne.example", 0 },
	{ "upper-case domain", "citizen@KOMMUNE.example", 1 },
	{ "null sender", "<>", 0 },
	{ "empty", "", 0 },
	{ "no @", "kommune.dk", 0 },
	{ "empty domain", "a@", 0 },
	{ "address literal", "a@[192.0.2.1]", 0 },
	{ "unbalanced bracket", "<a@kommune.dk", 0 },
};

START_TEST(match_address)
{
	const struct match_case *c = &address_cases[_i];
	seal_domain_list *l = make_list();
	int got = seal_domain_list_match_address(l, c->domain);

	ck_assert_msg(got == c->want, "%s (%s): got %d, want %d", c->label, c->domain,
	    got, c->want);
	seal_domain_list_free(l);
}
END_TEST

static const struct add_case {
	const char *label;
	const char *entry;
	const char *want;   /* normal form, NULL = must be rejected */
} add_cases[] = {
	{ "plain", "Example.DK", "example.dk" },
	{ "trailing dot", "example.dk.", "example.dk" },
	{ "star", "*.example.dk", "example.dk" },
	{ "leading dot", ".example.dk", "example.dk" },
	{ "IDN", "København.dk", "xn--kbenhavn-54a.dk" },
	{ "hyphen inside", "a-b.dk", "a-b.dk" },
	{ "address", "Jens.Hansen@Example.DK", "jens.hansen@example.dk" },
	{ "address IDN", "a@malmö.se", "a@xn--malm-8qa.se" },
	{ "joiner in an entry", "kommu\u200cne.dk", NULL },
	{ "empty", "", NULL },
	{ "empty label", "bad..dk", NULL },
	{ "leading hyphen", "-bad.dk", NULL },
	{ "trailing hyphen", "bad-.dk", NULL },
	{ "space", "a b.dk", NULL },
	{ "empty local part", "@example.org", NULL },
	{ "space in local part", "a b@example.org", NULL },
	{ "empty domain part", "x@", NULL },
	{ "IPv4", "192.0.2.1", NULL },
	{ "star alone", "*.", NULL },
	{ "dot alone", ".", NULL },
	{ "star without dot", "*example.dk", NULL },
	{ "label of 64", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.dk", NULL },
	{ "label of 63", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.dk",
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.dk" },
};

START_TEST(add_entry)
{
	const struct add_case *c = &add_cases[_i];
	seal_domain_list *l = seal_domain_list_new();
	seal_status st;
	seal_err err;
	const char *got;

	seal_err_clear(&err);
	st = seal_domain_list_add(l, c->entry, &err);
	if (c->want == NULL) {
		ck_assert_msg(st == SEAL_ERR_CONFIG, "%s: got status %d, want config error",
		    c->label, st);
		ck_assert_msg(strstr(err.msg, "is not a valid domain") != NULL,
		    "%s: got message \"%s\", want \"is not a valid domain\"", c->label, err.msg);
		ck_assert_msg(seal_domain_list_count(l) == 0, "%s: got count %zu, want 0",
		    c->label, seal_domain_list_count(l));
	} else {
		ck_assert_msg(st == SEAL_OK, "%s: got error \"%s\", want ok", c->label, err.msg);
		got = seal_domain_list_entry(l, 0);
		ck_assert_msg(got != NULL && strcmp(got, c->want) == 0,
		    "%s: got entry \"%s\", want \"%s\"", c->label, got ? got : "(null)", c->want);
	}
	seal_domain_list_free(l);
}
END_TEST

START_TEST(long_domain)
{
	char label[64], *d, *n;

	memset(label, 'a', 63);
	label[63] = '\0';
	/* 4 labels of 63 and 3 dots: 255 characters, over the 253 limit */
	d = g_strjoin(".", label, label, label, label, NULL);
	n = seal_domain_normalize(d);
	ck_assert_msg(n == NULL, "255-char domain: got \"%s\", want NULL", n);
	g_free(d);
	/* 3 labels of 63 and ".dk": 194 characters */
	d = g_strjoin(".", label, label, label, "dk", NULL);
	n = seal_domain_normalize(d);
	ck_assert_msg(n != NULL && strcmp(n, d) == 0, "194-char domain: got %s, want it",
	    n ? n : "NULL");
	g_free(n);
	g_free(d);
}
END_TEST

START_TEST(duplicates_and_order)
{
	seal_domain_list *l = seal_domain_list_new();
	const char *in[] = { "b.dk", "KOMMUNE.dk.", "*.kommune.dk", "kommune.dk", "a.dk" };
	const char *want[] = { "b.dk", "kommune.dk", "a.dk" };
	size_t i;
	seal_err err;

	for (i = 0; i < G_N_ELEMENTS(in); i++)
		ck_assert_int_eq(seal_domain_list_add(l, in[i], &err), SEAL_OK);
	ck_assert_msg(seal_domain_list_count(l) == 3, "got count %zu, want 3",
	    seal_domain_list_count(l));
	for (i = 0; i < G_N_ELEMENTS(want); i++)
		ck_assert_msg(strcmp(seal_domain_list_entry(l, i), want[i]) == 0,
		    "entry %zu: got %s, want %s", i, seal_domain_list_entry(l, i), want[i]);
	ck_assert_msg(seal_domain_list_entry(l, 3) == NULL, "entry 3: got non-NULL, want NULL");
	seal_domain_list_free(l);
}
END_TEST

START_TEST(empty_and_null_lists)
{
	seal_domain_list *l = seal_domain_list_new();

	ck_assert_msg(!seal_domain_list_match_domain(l, "kommune.dk"), "empty list matched");
	ck_assert_msg(!seal_domain_list_match_address(l, "a@kommune.dk"), "empty list matched");
	ck_assert_msg(!seal_domain_list_match_domain(NULL, "kommune.dk"), "NULL list matched");
	ck_assert_msg(!seal_domain_list_match_address(NULL, "a@kommune.dk"), "NULL list matched");
	ck_assert_msg(seal_domain_list_count(NULL) == 0, "NULL list count not 0");
	ck_assert_msg(seal_domain_list_free(l) == NULL, "free did not return NULL");
	ck_assert_msg(seal_domain_list_free(NULL) == NULL, "free(NULL) did not return NULL");
}
END_TEST

static const struct {
	const char *address;
	const char *want;   /* NULL: no domain */
} addr_domain_cases[] = {
	{ "<a@B.dk>", "B.dk" },
	{ "a@b@c.dk", "c.dk" },
	{ "<@r.example:a@b.dk>", "b.dk" },
	{ "\"x@y\"@z.dk", "z.dk" },
	{ "a@", "" },
	{ "nobody", NULL },
	{ "<>", NULL },
	{ "<a@b.dk", NULL },
};

START_TEST(address_domain)
{
	char *got = seal_address_domain(addr_domain_cases[_i].address);
	const char *want = addr_domain_cases[_i].want;

	ck_assert_msg((got == NULL && want == NULL)
	    || (got != NULL && want != NULL && strcmp(got, want) == 0),
	    "%s: got %s, want %s", addr_domain_cases[_i].address,
	    got ? got : "(null)", want ? want : "(null)");
	g_free(got);
}
END_TEST

/*
 * Plain ASCII domains skip the IDNA conversion (domain.c): for 20,000
 * random ones built from letters, digits, hyphens and dots (A-labels, the
 * reserved "ab--" form and hyphens at label ends included), the result
 * must be what libidn2's UTS #46 conversion gives, lower-cased, or NULL
 * where it refuses.
 */
START_TEST(ascii_fast_path_matches_idna)
{
	static const char alphabet[] = "abcXYZ019-";
	GRand *r = g_rand_new_with_seed(46);

	for (int k = 0; k < 20000; k++) {
		GString *d = g_string_new(NULL);
		int labels = g_rand_int_range(r, 1, 4);
		char *ascii = NULL, *got, *want = NULL;

		for (int l = 0; l < labels; l++) {
			int n = g_rand_int_range(r, 1, 9);

			if (l > 0)
				g_string_append_c(d, '.');
			if (g_rand_int_range(r, 0, 20) == 0)
				g_string_append(d, "xn--");
			for (int i = 0; i < n; i++)
				g_string_append_c(d, alphabet[g_rand_int_range(r, 0, sizeof(alphabet) - 1)]);
		}
		got = seal_domain_normalize(d->str);
		if (idn2_to_ascii_8z(d->str, &ascii, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) == IDN2_OK)
			want = g_ascii_strdown(ascii, -1);
		if (got != NULL)
			ck_assert_msg(want != NULL && strcmp(got, want) == 0,
			    "%s: got %s, libidn2 gives %s", d->str, got, want != NULL ? want : "an error");
		idn2_free(ascii);
		g_free(want);
		g_free(got);
		g_string_free(d, TRUE);
	}
	g_rand_free(r);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("domain");
	TCase *tc = tcase_create("domain");

	tcase_add_loop_test(tc, match_domain, 0, G_N_ELEMENTS(domain_cases));
	tcase_add_loop_test(tc, match_address, 0, G_N_ELEMENTS(address_cases));
	tcase_add_loop_test(tc, add_entry, 0, G_N_ELEMENTS(add_cases));
	tcase_add_loop_test(tc, address_domain, 0, G_N_ELEMENTS(addr_domain_cases));
	tcase_add_test(tc, long_domain);
	tcase_add_test(tc, ascii_fast_path_matches_idna);
	tcase_add_test(tc, duplicates_and_order);
	tcase_add_test(tc, empty_and_null_lists);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
