/*
 * test_identity.c - keyed fingerprints (HMAC-SHA256, checked against
 * values computed with `openssl dgst -sha256 -hmac`) and the bounded SPF
 * check.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "check_main.h"
#include "fingerprint.h"
#include "spf.h"

#define TEST_KEY "sealmilter-test-fingerprint-key-0123456789"

static char *
write_key(const char *content, mode_t mode)
{
	char *path = g_build_filename(g_get_tmp_dir(), "seal-fp-XXXXXX", NULL);
	int fd = g_mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	ck_assert_int_eq(fchmod(fd, mode), 0);
	close(fd);
	return path;
}

static const struct fp_case {
	const char *canonical;
	const char *want;
} fp_cases[] = {
	{ "1705831889", "77b890ff07f14bbef65db7eb328638a86ebab3b7b0952a2d167e91a66b6dcb56" },
	{ "197109037353", "a84259565c0a5c7e09318f14e67a4d3f1b16e7dab0c056d7dff864bcd1de5af0" },
};

START_TEST(test_fingerprint_values)
{
	char *path = write_key(TEST_KEY "\n", 0600);
	seal_err err;
	seal_fp_key *k = seal_fp_key_load(path, &err);
	char hex[65];

	ck_assert_msg(k != NULL, "key load failed: %s", err.msg);
	seal_fingerprint(k, fp_cases[_i].canonical, hex);
	ck_assert_msg(strcmp(hex, fp_cases[_i].want) == 0, "case %d: got %s, want %s", _i, hex,
	    fp_cases[_i].want);
	seal_fp_key_free(k);
	unlink(path);
	g_free(path);
}
END_TEST

static const struct key_case {
	const char *content;
	mode_t mode;
	const char *want_error;   /* substring, or NULL for success */
} key_cases[] = {
	{ TEST_KEY, 0600, NULL },
	{ TEST_KEY, 0400, NULL },
	{ TEST_KEY, 0640, "has mode 0640" },
	{ TEST_KEY, 0604, "has mode 0604" },
	{ "short", 0600, "at least 16" },
	{ "\n\n", 0600, "holds 0 bytes" },
};

START_TEST(test_key_checks)
{
	const struct key_case *c = &key_cases[_i];
	char *path = write_key(c->content, c->mode);
	seal_err err;
	seal_fp_key *k;

	seal_err_clear(&err);
	k = seal_fp_key_load(path, &err);
	if (c->want_error == NULL) {
		ck_assert_msg(k != NULL, "case %d: got error \"%s\", want success", _i, err.msg);
	} else {
		ck_assert_msg(k == NULL, "case %d: got success, want \"%s\"", _i, c->want_error);
		ck_assert_msg(strstr(err.msg, c->want_error) != NULL, "case %d: got \"%s\", want \"%s\"",
		    _i, err.msg, c->want_error);
		ck_assert_int_eq(err.code, SEAL_ERR_CONFIG);
	}
	seal_fp_key_free(k);
	unlink(path);
	g_free(path);
}
END_TEST

START_TEST(test_key_missing)
{
	seal_err err;

	ck_assert_ptr_null(seal_fp_key_load("/nonexistent/seal.key", &err));
	ck_assert_int_eq(err.code, SEAL_ERR_CONFIG);
}
END_TEST

START_TEST(test_spf_loopback_skipped)
{
	ck_assert_str_eq(seal_spf_result_name(seal_spf_check("127.0.0.1", "h", "a@b.example", 1)),
	    "skipped");
	ck_assert_str_eq(seal_spf_result_name(seal_spf_check("::1", "h", "a@b.example", 1)),
	    "skipped");
	ck_assert_str_eq(seal_spf_result_name(seal_spf_check(NULL, "h", "a@b.example", 1)),
	    "skipped");
}
END_TEST

/* Whatever DNS does here (no answer, refused, slow), the check ends in time. */
START_TEST(test_spf_bounded)
{
	gint64 t0 = g_get_monotonic_time();
	seal_spf_result r = seal_spf_check("192.0.2.10", "mail.test.invalid",
	    "someone@test.invalid", 2);
	gint64 ms = (g_get_monotonic_time() - t0) / 1000;

	/* the bound is 2 s; the slack is for a busy machine, a hang would take DNS's 30 s+ */
	ck_assert_msg(ms < 6000, "SPF check took %" G_GINT64_FORMAT " ms, bound is 2000", ms);
	ck_assert_msg(r != SEAL_SPF_PASS && r != SEAL_SPF_SKIPPED, "got %s for an .invalid domain",
	    seal_spf_result_name(r));
}
END_TEST

START_TEST(test_spf_bad_address)
{
	ck_assert_str_eq(seal_spf_result_name(seal_spf_check("not-an-ip", "h", "a@b.example", 1)),
	    "permerror");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("identity");
	TCase *tc = tcase_create("identity");

	tcase_set_timeout(tc, 20);
	tcase_add_loop_test(tc, test_fingerprint_values, 0, G_N_ELEMENTS(fp_cases));
	tcase_add_loop_test(tc, test_key_checks, 0, G_N_ELEMENTS(key_cases));
	tcase_add_test(tc, test_key_missing);
	tcase_add_test(tc, test_spf_loopback_skipped);
	tcase_add_test(tc, test_spf_bounded);
	tcase_add_test(tc, test_spf_bad_address);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
