/*
 * test_sigpart.c - a part labelled as a signature or key is skipped only
 * when its content is one (sigpart.h, issue 9).
 *
 * Fixtures in tests/data/sig were made with the tools a sender uses:
 * GnuPG 2.2 (body.asc: gpg --armor --detach-sign, body.sig: binary
 * detached signature, pub.asc/pub.gpg: gpg --export of an Ed25519 key;
 * RFC 9580) and OpenSSL 3.0 (detach.der: openssl cms -sign, detached;
 * nodetach.der: openssl cms -sign -nodetach over a MIME entity; RFC 8551).
 * The number in nodetach.der and in the texts below is from
 * tests/data/vectors.tsv (dk-030, dk-024); a failure message shows none.
 */
#include <string.h>

#include <glib.h>
#include <openssl/cms.h>

#include "check_main.h"
#include "sigpart.h"

#define NUMBER "070558-7205"    /* dk-024 */

static GBytes *
fixture(const char *name)
{
	const char *top = getenv("top_srcdir");
	char *path, *data;
	gsize len;

	ck_assert_msg(top != NULL, "top_srcdir not set: run through make check");
	path = g_build_filename(top, "tests", "data", "sig", name, NULL);
	ck_assert_msg(g_file_get_contents(path, &data, &len, NULL), "cannot read %s", name);
	g_free(path);
	return g_bytes_new_take(data, len);
}

/* The kind of data; outside gets what a reader would see. */
static seal_sig_kind
check(const void *data, size_t len, GString *outside)
{
	CMS_ContentInfo *cms = NULL;
	seal_sig_kind k = seal_sigpart_check(data, len, &cms, outside);

	ck_assert_int_eq(cms != NULL, k == SEAL_SIG_CMS_CONTENT);
	CMS_ContentInfo_free(cms);
	return k;
}

static seal_sig_kind
check_fixture(const char *name, GString *outside)
{
	GBytes *b = fixture(name);
	gsize len;
	const void *d = g_bytes_get_data(b, &len);
	seal_sig_kind k = check(d, len, outside);

	g_bytes_unref(b);
	return k;
}

/* A fixture's text with edit applied: the first "find" replaced by "with". */
static char *
edited(const char *name, const char *find, const char *with)
{
	GBytes *b = fixture(name);
	char *s = g_strndup(g_bytes_get_data(b, NULL), g_bytes_get_size(b));
	char *at = strstr(s, find), *out;

	ck_assert_ptr_nonnull(at);
	*at = '\0';
	out = g_strconcat(s, with, at + strlen(find), NULL);
	g_free(s);
	g_bytes_unref(b);
	return out;
}

static int
blank(const GString *s)
{
	for (gsize i = 0; i < s->len; i++)
		if (!g_ascii_isspace(s->str[i]))
			return 0;
	return 1;
}

START_TEST(pgp_armored_signature)
{
	GString *o = g_string_new(NULL);

	ck_assert_int_eq(check_fixture("body.asc", o), SEAL_SIG_PGP);
	ck_assert(blank(o));
	g_string_free(o, TRUE);
}
END_TEST

START_TEST(pgp_binary_signature_and_keys)
{
	GString *o = g_string_new(NULL);

	ck_assert_int_eq(check_fixture("body.sig", o), SEAL_SIG_PGP);
	ck_assert(blank(o));
	ck_assert_int_eq(check_fixture("pub.gpg", o), SEAL_SIG_PGP);
	ck_assert_ptr_nonnull(strstr(o->str, "test@kommune.example"));
	g_string_truncate(o, 0);
	ck_assert_int_eq(check_fixture("pub.asc", o), SEAL_SIG_PGP);
	/* the user ID is what a reader of the key sees */
	ck_assert_ptr_nonnull(strstr(o->str, "test@kommune.example"));
	g_string_free(o, TRUE);
}
END_TEST

START_TEST(pgp_text_around_armor_is_read)
{
	GString *o = g_string_new(NULL);
	char *s = edited("body.asc", "-----END PGP SIGNATURE-----\n",
	    "-----END PGP SIGNATURE-----\nVedr. sagen om " NUMBER "\n");
	char *t = edited("body.asc", "-----BEGIN PGP SIGNATURE-----\n",
	    "-----BEGIN PGP SIGNATURE-----\nComment: " NUMBER "\n");

	ck_assert_int_eq(check(s, strlen(s), o), SEAL_SIG_PGP);
	ck_assert_msg(strstr(o->str, NUMBER) != NULL, "text after the armour not handed back");
	g_string_truncate(o, 0);
	ck_assert_int_eq(check(t, strlen(t), o), SEAL_SIG_PGP);
	ck_assert_msg(strstr(o->str, NUMBER) != NULL, "armour header not handed back");
	g_free(s);
	g_free(t);
	g_string_free(o, TRUE);
}
END_TEST

START_TEST(pgp_tampered_armor_is_not_a_signature)
{
	GString *o = g_string_new(NULL);
	/* a line of digits in the payload breaks the checksum */
	char *s = edited("body.asc", "\n=", "\n1705831889\n=");
	/* text inside the armour that is not base64 */
	char *t = edited("body.asc", "\n=", "\nVedr. sagen om " NUMBER "\n=");
	/* a message block is not a signature */
	char *u = edited("body.asc", "BEGIN PGP SIGNATURE", "BEGIN PGP MESSAGE");
	static const char plain[] = "Vedr. sagen om " NUMBER " - se bilag.\n";

	ck_assert_int_eq(check(s, strlen(s), o), SEAL_SIG_NOT);
	ck_assert_int_eq(check(t, strlen(t), o), SEAL_SIG_NOT);
	ck_assert_int_eq(check(u, strlen(u), o), SEAL_SIG_NOT);
	ck_assert_int_eq(check(plain, strlen(plain), o), SEAL_SIG_NOT);
	ck_assert_uint_eq(o->len, 0);
	g_free(s);
	g_free(t);
	g_free(u);
	g_string_free(o, TRUE);
}
END_TEST

START_TEST(cms_detached_der_base64_pem)
{
	GString *o = g_string_new(NULL);
	GBytes *b = fixture("detach.der");
	gsize len;
	const guchar *d = g_bytes_get_data(b, &len);
	char *b64 = g_base64_encode(d, len);
	char *pem = g_strconcat("-----BEGIN PKCS7-----\n", b64, "\n-----END PKCS7-----\n", NULL);

	ck_assert_int_eq(check(d, len, o), SEAL_SIG_CMS_DETACHED);
	ck_assert_int_eq(check(b64, strlen(b64), o), SEAL_SIG_CMS_DETACHED);
	ck_assert_int_eq(check(pem, strlen(pem), o), SEAL_SIG_CMS_DETACHED);
	g_free(pem);
	g_free(b64);
	g_bytes_unref(b);
	g_string_free(o, TRUE);
}
END_TEST

START_TEST(cms_with_content_and_trailers)
{
	GString *o = g_string_new(NULL);
	GBytes *b = fixture("detach.der");
	gsize len;
	const guchar *d = g_bytes_get_data(b, &len);
	guchar *tail = g_malloc(len + 40);

	ck_assert_int_eq(check_fixture("nodetach.der", o), SEAL_SIG_CMS_CONTENT);
	/* a signature with text after it is not a signature alone */
	memcpy(tail, d, len);
	memcpy(tail + len, "\nVedr. sagen om " NUMBER "\n", 28);
	ck_assert_int_eq(check(tail, len + 28, o), SEAL_SIG_NOT);
	/* white space after it is */
	memcpy(tail + len, "\r\n\r\n", 4);
	ck_assert_int_eq(check(tail, len + 4, o), SEAL_SIG_CMS_DETACHED);
	/* cut short */
	ck_assert_int_eq(check(d, len - 10, o), SEAL_SIG_NOT);
	g_free(tail);
	g_bytes_unref(b);
	g_string_free(o, TRUE);
}
END_TEST

START_TEST(other_binaries_are_not_signatures)
{
	static const guchar zip[] = "PK\3\4\x14\0\0\0\x08\0";
	static const guchar der[] = "\x30\x03\x02\x01\x01";
	static const guchar pgp_data[] = "\xcb\x0a" "b\0\0\0\0\0" "1234";
	GString *o = g_string_new(NULL);

	ck_assert_int_eq(check(zip, sizeof(zip) - 1, o), SEAL_SIG_NOT);
	ck_assert_int_eq(check(der, sizeof(der) - 1, o), SEAL_SIG_NOT);
	/* a literal data packet (tag 11) holds text: not a signature */
	ck_assert_int_eq(check(pgp_data, sizeof(pgp_data) - 1, o), SEAL_SIG_NOT);
	ck_assert_int_eq(check("", 0, o), SEAL_SIG_NOT);
	g_string_free(o, TRUE);
}
END_TEST

/* Mutation test: 200 byte flips and cuts of each fixture end in a kind,
 * never a crash or a read outside the buffer (run under ASan). */
START_TEST(mutations)
{
	static const char *const names[] = { "body.asc", "body.sig", "pub.asc",
	    "pub.gpg", "detach.der", "nodetach.der" };
	GRand *rnd = g_rand_new_with_seed(9);

	for (size_t f = 0; f < G_N_ELEMENTS(names); f++) {
		GBytes *b = fixture(names[f]);
		gsize len;
		const guint8 *d = g_bytes_get_data(b, &len);

		for (int i = 0; i < 200; i++) {
			guint8 *m = g_memdup2(d, len);
			size_t cut = len;
			GString *o = g_string_new(NULL);
			seal_sig_kind k;

			for (int j = 0; j < 1 + i % 4; j++)
				m[g_rand_int_range(rnd, 0, (gint32)len)] ^=
				    (guint8)g_rand_int_range(rnd, 1, 256);
			if (i % 5 == 0)
				cut = (size_t)g_rand_int_range(rnd, 0, (gint32)len);
			k = check(m, cut, o);
			ck_assert(k >= SEAL_SIG_NOT && k <= SEAL_SIG_PGP);
			g_string_free(o, TRUE);
			g_free(m);
		}
		g_bytes_unref(b);
	}
	g_rand_free(rnd);
}
END_TEST

static Suite *
sigpart_suite(void)
{
	Suite *s = suite_create("sigpart");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, pgp_armored_signature);
	tcase_add_test(tc, pgp_binary_signature_and_keys);
	tcase_add_test(tc, pgp_text_around_armor_is_read);
	tcase_add_test(tc, pgp_tampered_armor_is_not_a_signature);
	tcase_add_test(tc, cms_detached_der_base64_pem);
	tcase_add_test(tc, cms_with_content_and_trailers);
	tcase_add_test(tc, other_binaries_are_not_signatures);
	tcase_add_test(tc, mutations);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return seal_check_run(sigpart_suite());
}
