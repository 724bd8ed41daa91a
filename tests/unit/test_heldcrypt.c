/*
 * test_heldcrypt.c - held message content encrypted at rest (issue 15
 * item 9; src/util/heldcrypt.c): round trip, binding to the ID, tampering,
 * content stored before encryption, the key file (made 0600, refused when
 * others may read it or of the wrong size), and through a real SQLite
 * store: the quarantine file holds no plaintext, held_get gives it back.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "heldcrypt.h"
#include "store.h"

#include "check_main.h"

static const char msg[] = "From: sb@kommune.example\r\nSubject: Case\r\n\r\nsecret text\r\n";

static void
fixed_key(unsigned char key[32])
{
	for (int i = 0; i < 32; i++)
		key[i] = (unsigned char)(i * 7 + 1);
}

START_TEST(round_trip_and_binding)
{
	unsigned char key[32], other[32];
	GString *sealed = g_string_new(NULL), *back = g_string_new("x");
	seal_err err;

	fixed_key(key);
	memcpy(other, key, 32);
	other[0] ^= 1;
	seal_err_clear(&err);
	ck_assert_int_eq(seal_heldcrypt_seal(key, "ID1", msg, strlen(msg), sealed, &err), SEAL_OK);
	ck_assert_uint_eq(sealed->len, strlen(msg) + 5 + 12 + 16);
	ck_assert_ptr_null(g_strstr_len(sealed->str, (gssize)sealed->len, "secret"));
	ck_assert_int_eq(seal_heldcrypt_open(key, "ID1", sealed->str, sealed->len, back, &err),
	    SEAL_OK);
	ck_assert_str_eq(back->str + 1, msg);            /* appended to what was there */
	g_string_assign(back, "");
	ck_assert_int_eq(seal_heldcrypt_open(key, "ID2", sealed->str, sealed->len, back, &err),
	    SEAL_ERR_USAGE);
	ck_assert_uint_eq(back->len, 0);
	ck_assert_int_eq(seal_heldcrypt_open(other, "ID1", sealed->str, sealed->len, back, &err),
	    SEAL_ERR_USAGE);
	sealed->str[20] ^= 0x40;
	ck_assert_int_eq(seal_heldcrypt_open(key, "ID1", sealed->str, sealed->len, back, &err),
	    SEAL_ERR_USAGE);
	ck_assert_int_eq(seal_heldcrypt_open(key, "ID1", sealed->str, 20, back, &err),
	    SEAL_ERR_USAGE);
	ck_assert_uint_eq(back->len, 0);
	/* Content stored before encryption is read as it is. */
	ck_assert_int_eq(seal_heldcrypt_open(key, "ID1", msg, strlen(msg), back, &err), SEAL_OK);
	ck_assert_str_eq(back->str, msg);
	/* Two sealings of the same message differ (fresh nonce). */
	{
		GString *again = g_string_new(NULL);

		ck_assert_int_eq(seal_heldcrypt_seal(key, "ID1", msg, strlen(msg), again, &err),
		    SEAL_OK);
		ck_assert(again->len != sealed->len || memcmp(again->str, sealed->str,
		    again->len) != 0);
		g_string_free(again, TRUE);
	}
	g_string_free(sealed, TRUE);
	g_string_free(back, TRUE);
}
END_TEST

START_TEST(key_file)
{
	char *dir = g_dir_make_tmp("seal-heldkey-XXXXXX", NULL);
	char *fp = g_build_filename(dir, "fingerprint.key", NULL);
	char *path = seal_heldcrypt_default_path(fp);
	unsigned char k1[32], k2[32];
	struct stat st;
	seal_err err;

	ck_assert_ptr_nonnull(dir);
	ck_assert(g_str_has_suffix(path, "/held.key"));
	seal_err_clear(&err);
	ck_assert_int_eq(seal_heldcrypt_key_load(path, 0, NULL, k1, &err), SEAL_ERR_IO);
	ck_assert_int_eq(seal_heldcrypt_key_load(path, 1, fp, k1, &err), SEAL_OK);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(st.st_size, 32);
	ck_assert_int_eq(seal_heldcrypt_key_load(path, 1, fp, k2, &err), SEAL_OK);
	ck_assert_int_eq(memcmp(k1, k2, 32), 0);                  /* made once, then read */
	ck_assert_int_eq(chmod(path, 0640), 0);
	ck_assert_int_eq(seal_heldcrypt_key_load(path, 1, fp, k2, &err), SEAL_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "group or others"));
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(truncate(path, 16), 0);
	ck_assert_int_eq(seal_heldcrypt_key_load(path, 1, fp, k2, &err), SEAL_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "exactly 32 bytes"));
	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
	g_free(fp);
	g_free(dir);
}
END_TEST

/* Every file in dir is free of needle. */
static int
no_file_holds(const char *dir, const char *needle)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	int clean = 1;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, name, NULL), *text = NULL;
		gsize len = 0;

		if (g_file_get_contents(p, &text, &len, NULL)
		    && g_strstr_len(text, (gssize)len, needle) != NULL)
			clean = 0;
		g_free(text);
		g_free(p);
	}
	if (d != NULL)
		g_dir_close(d);
	return clean;
}

/*
 * Many creators at once (the daemon's first held messages, sealctl): every
 * one gets the same complete key, none an error (the key is linked into
 * place whole; a loser reads the winner's). Repeated on fresh paths.
 */
struct racer {
	const char *path;
	GMutex *gate;
	unsigned char key[SEAL_HELDCRYPT_KEYLEN];
	seal_status st;
};

static gpointer
race_load(gpointer data)
{
	struct racer *r = data;
	seal_err err;

	seal_err_clear(&err);
	g_mutex_lock(r->gate);          /* all start together */
	g_mutex_unlock(r->gate);
	r->st = seal_heldcrypt_key_load(r->path, 1, NULL, r->key, &err);
	return NULL;
}

START_TEST(key_create_race)
{
	char *dir = g_dir_make_tmp("heldrace-XXXXXX", NULL);

	for (int round = 0; round < 50; round++) {
		char *path = g_strdup_printf("%s/held-%d.key", dir, round);
		struct racer r[8];
		GThread *t[8];
		GMutex gate;

		g_mutex_init(&gate);
		g_mutex_lock(&gate);
		for (int i = 0; i < 8; i++) {
			r[i].path = path;
			r[i].gate = &gate;
			t[i] = g_thread_new("racer", race_load, &r[i]);
		}
		g_mutex_unlock(&gate);
		for (int i = 0; i < 8; i++)
			g_thread_join(t[i]);
		for (int i = 0; i < 8; i++) {
			ck_assert_msg(r[i].st == SEAL_OK, "round %d racer %d: status %d", round, i,
			    r[i].st);
			ck_assert_msg(memcmp(r[i].key, r[0].key, SEAL_HELDCRYPT_KEYLEN) == 0,
			    "round %d: racer %d got another key", round, i);
		}
		ck_assert_int_eq(g_unlink(path), 0);
		g_mutex_clear(&gate);
		g_free(path);
	}
	ck_assert_int_eq(g_rmdir(dir), 0);     /* no temporary file left behind */
	g_free(dir);
}
END_TEST

START_TEST(sqlite_store_encrypts)
{
	static const unsigned char chain[32] = { 1 };
	char *dir = g_dir_make_tmp("seal-heldstore-XXXXXX", NULL);
	char *db = g_strdup_printf("sqlite:%s/seal.db", dir);
	char *qdir = g_build_filename(dir, "q", NULL);
	unsigned char key[32];
	seal_held *h = seal_held_new(), *got = NULL;
	GString *back = g_string_new(NULL);
	seal_store *s;
	seal_err err;

	fixed_key(key);
	seal_err_clear(&err);
	s = seal_store_open(db, qdir, chain, sizeof(chain), &err);
	ck_assert_msg(s != NULL, "open: %s", err.msg);
	seal_store_set_held_key(s, key);
	g_ptr_array_add(h->rcpts, g_strdup("citizen@borger.example"));
	ck_assert_int_eq(seal_store_hold(s, h, msg, strlen(msg), &err), SEAL_OK);
	ck_assert_int_eq(h->size, (int64_t)strlen(msg));
	ck_assert(no_file_holds(qdir, "secret text"));
	ck_assert(no_file_holds(qdir, "Subject: Case"));
	ck_assert_int_eq(seal_store_held_get(s, h->id, &got, back, &err), SEAL_OK);
	ck_assert_str_eq(back->str, msg);
	seal_held_free(got);
	/* Without the key the content does not open: the store fails closed. */
	key[5] ^= 1;
	seal_store_set_held_key(s, key);
	g_string_truncate(back, 0);
	ck_assert_int_eq(seal_store_held_get(s, h->id, &got, back, &err), SEAL_ERR_USAGE);
	ck_assert_ptr_null(got);
	ck_assert_uint_eq(back->len, 0);
	seal_store_close(s);
	seal_held_free(h);
	g_string_free(back, TRUE);
	{
		char *cmd = g_strdup_printf("rm -rf '%s'", dir);

		ck_assert_int_eq(system(cmd), 0);
		g_free(cmd);
	}
	g_free(qdir);
	g_free(db);
	g_free(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("heldcrypt");
	TCase *tc = tcase_create("heldcrypt");

	tcase_add_test(tc, round_trip_and_binding);
	tcase_add_test(tc, key_file);
	tcase_add_test(tc, key_create_race);
	tcase_add_test(tc, sqlite_store_encrypts);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
