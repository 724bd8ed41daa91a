/*
 * test_reqtoken.c - the sender's release-request token (src/util/reqtoken.c):
 * made and verified with one key, it names its held message and expiry;
 * past the expiry it is expired; a changed ID, expiry or MAC, a token of
 * another key and malformed tokens are bad.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "reqtoken.h"

#include "check_main.h"

static const char id[] = "Ab3-_xYz0123456789abcdefghijklmn";

/* A key file with fixed bytes (seed varies the key). */
static seal_fp_key *
key(int seed)
{
	char path[] = "/tmp/test_reqtoken.XXXXXX";
	unsigned char bytes[32];
	seal_fp_key *k;
	seal_err err;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	for (int i = 0; i < 32; i++)
		bytes[i] = (unsigned char)(i * 13 + seed);
	ck_assert_int_eq(write(fd, bytes, sizeof(bytes)), (int)sizeof(bytes));
	fchmod(fd, 0600);
	close(fd);
	seal_err_clear(&err);
	k = seal_fp_key_load(path, &err);
	ck_assert_msg(k != NULL, "%s", err.msg);
	g_unlink(path);
	return k;
}

START_TEST(round_trip)
{
	seal_fp_key *k = key(1);
	char tok[SEAL_REQTOKEN_MAX], got[40];
	int64_t exp = 0;

	seal_reqtoken_make(k, id, 2000000000, tok);
	ck_assert_ptr_nonnull(g_str_has_prefix(tok, id) ? tok : NULL);
	ck_assert_int_eq(seal_reqtoken_verify(k, tok, 1900000000, got, &exp), SEAL_REQTOKEN_OK);
	ck_assert_str_eq(got, id);
	ck_assert_int_eq(exp, 2000000000);
	/* URL-safe as it is: letters, digits, '-', '_', '.'. */
	for (const char *p = tok; *p != '\0'; p++)
		ck_assert_msg(g_ascii_isalnum(*p) || strchr("-_.", *p) != NULL, "%s", tok);
	ck_assert_int_eq(seal_reqtoken_verify(k, tok, 2000000000, got, &exp),
	    SEAL_REQTOKEN_EXPIRED);
	ck_assert_str_eq(got, id);
	seal_fp_key_free(k);
}
END_TEST

START_TEST(tampered_and_foreign)
{
	seal_fp_key *k = key(1), *other = key(2);
	char tok[SEAL_REQTOKEN_MAX], bad[SEAL_REQTOKEN_MAX], got[40], *dot;
	int64_t exp;

	seal_reqtoken_make(k, id, 2000000000, tok);
	/* another key */
	ck_assert_int_eq(seal_reqtoken_verify(other, tok, 1, got, &exp), SEAL_REQTOKEN_BAD);
	ck_assert_str_eq(got, "");
	/* another ID with this token's MAC */
	g_strlcpy(bad, tok, sizeof(bad));
	bad[0] = bad[0] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(seal_reqtoken_verify(k, bad, 1, got, &exp), SEAL_REQTOKEN_BAD);
	/* a later expiry */
	g_strlcpy(bad, tok, sizeof(bad));
	dot = strchr(bad, '.');
	dot[1] = '3';
	ck_assert_int_eq(seal_reqtoken_verify(k, bad, 1, got, &exp), SEAL_REQTOKEN_BAD);
	/* the MAC's last character */
	g_strlcpy(bad, tok, sizeof(bad));
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(seal_reqtoken_verify(k, bad, 1, got, &exp), SEAL_REQTOKEN_BAD);
	/* a leading zero in the expiry is another text for the same number */
	g_snprintf(bad, sizeof(bad), "%s.0%s", id, strchr(tok, '.') + 1);
	ck_assert_int_eq(seal_reqtoken_verify(k, bad, 1, got, &exp), SEAL_REQTOKEN_BAD);
	seal_fp_key_free(k);
	seal_fp_key_free(other);
}
END_TEST

START_TEST(malformed)
{
	static const char *const bad[] = {
		"", ".", "..", "abc", "abc.123", "abc..x", ".123.x",
		"a b.123.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		"abc.-5.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		"abc.12a.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		"abc.123.short", "abc.123.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.more",
	};
	seal_fp_key *k = key(1);
	char got[40];
	int64_t exp;

	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++)
		ck_assert_msg(seal_reqtoken_verify(k, bad[i], 1, got, &exp) == SEAL_REQTOKEN_BAD,
		    "\"%s\" accepted", bad[i]);
	ck_assert_int_eq(seal_reqtoken_verify(k, NULL, 1, got, &exp), SEAL_REQTOKEN_BAD);
	ck_assert_int_eq(seal_reqtoken_verify(NULL, "abc.1.x", 1, got, &exp), SEAL_REQTOKEN_BAD);
	seal_fp_key_free(k);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("reqtoken");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, tampered_and_foreign);
	tcase_add_test(tc, malformed);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
