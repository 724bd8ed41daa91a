/*
 * heldcrypt.c - AES-256-GCM for held message content (heldcrypt.h),
 * through OpenSSL's EVP interface.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "heldcrypt.h"

#define MAGIC "\0SMH1"
#define MAGIC_LEN 5
#define NONCE_LEN 12
#define TAG_LEN 16

char *
seal_heldcrypt_default_path(const char *fingerprint_key_file)
{
	char *dir;
	char *path;

	if (fingerprint_key_file == NULL || fingerprint_key_file[0] == '\0')
		return NULL;
	dir = g_path_get_dirname(fingerprint_key_file);
	path = g_build_filename(dir, "held.key", NULL);
	g_free(dir);
	return path;
}

/*
 * A new key file, 0600, written whole or not at all: written to a
 * temporary name beside it and linked into place, so that two processes
 * (the daemon's threads, sealctl) creating it at once never see a half
 * written key; link() never replaces an existing file. Returns SEAL_OK
 * with *lost 1 when another creator linked theirs first (then read it).
 */
static seal_status
key_create(const char *path, const char *owner_like, unsigned char key[32], int *lost,
	seal_err *err)
{
	struct stat st;
	char *tmp = g_strconcat(path, ".XXXXXX", NULL);
	int fd, e = 0;

	*lost = 0;
	if (RAND_bytes(key, SEAL_HELDCRYPT_KEYLEN) != 1) {
		g_free(tmp);
		return seal_err_set(err, SEAL_ERR_INTERNAL, "held_key_file: no random bytes");
	}
	fd = mkostemp(tmp, O_CLOEXEC);      /* mode 0600 */
	if (fd < 0) {
		e = errno;
		g_free(tmp);
		OPENSSL_cleanse(key, SEAL_HELDCRYPT_KEYLEN);
		return seal_err_set(err, SEAL_ERR_IO, "held_key_file %s: cannot create: %s", path,
		    g_strerror(e));
	}
	if (write(fd, key, SEAL_HELDCRYPT_KEYLEN) != SEAL_HELDCRYPT_KEYLEN || fsync(fd) != 0)
		e = errno != 0 ? errno : EIO;
	/* The daemon must read what sealctl (root) made: the fingerprint key's owner. */
	if (e == 0 && geteuid() == 0 && owner_like != NULL && stat(owner_like, &st) == 0
	    && fchown(fd, st.st_uid, st.st_gid) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && link(tmp, path) != 0) {
		if (errno == EEXIST)
			*lost = 1;
		else
			e = errno;
	}
	(void)unlink(tmp);
	g_free(tmp);
	if (e != 0 || *lost) {
		OPENSSL_cleanse(key, SEAL_HELDCRYPT_KEYLEN);
		if (*lost)
			return SEAL_OK;
		return seal_err_set(err, SEAL_ERR_IO, "held_key_file %s: cannot write: %s", path,
		    g_strerror(e));
	}
	return SEAL_OK;
}

seal_status
seal_heldcrypt_key_load(const char *path, int create, const char *owner_like,
	unsigned char key[SEAL_HELDCRYPT_KEYLEN], seal_err *err)
{
	unsigned char buf[SEAL_HELDCRYPT_KEYLEN + 1];
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT && create) {
		int lost;
		seal_status st_c = key_create(path, owner_like, key, &lost, err);

		if (st_c != SEAL_OK || !lost)
			return st_c;
		/* another creator linked theirs first: it is complete, read it */
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	}
	if (fd < 0)
		return seal_err_set(err, SEAL_ERR_IO, "held_key_file %s: %s", path,
		    g_strerror(errno));
	if (fstat(fd, &st) != 0 || (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		(void)close(fd);
		return seal_err_set(err, SEAL_ERR_IO, "held_key_file %s: must not be readable or "
		    "writable by group or others (chmod 600)", path);
	}
	n = read(fd, buf, sizeof(buf));
	(void)close(fd);
	if (n != SEAL_HELDCRYPT_KEYLEN) {
		OPENSSL_cleanse(buf, sizeof(buf));
		return seal_err_set(err, SEAL_ERR_IO, "held_key_file %s: must hold exactly %d bytes",
		    path, SEAL_HELDCRYPT_KEYLEN);
	}
	memcpy(key, buf, SEAL_HELDCRYPT_KEYLEN);
	OPENSSL_cleanse(buf, sizeof(buf));
	return SEAL_OK;
}

seal_status
seal_heldcrypt_seal(const unsigned char key[SEAL_HELDCRYPT_KEYLEN], const char *id,
	const char *msg, size_t len, GString *out, seal_err *err)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	unsigned char nonce[NONCE_LEN], tag[TAG_LEN];
	gsize start = out->len;
	int n = 0, ok;

	if (len > (size_t)INT_MAX - 64) {
		EVP_CIPHER_CTX_free(c);
		return seal_err_set(err, SEAL_ERR_USAGE, "held message too large to encrypt");
	}
	ok = c != NULL && RAND_bytes(nonce, sizeof(nonce)) == 1
	    && EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) == 1
	    && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN, NULL) == 1
	    && EVP_EncryptInit_ex(c, NULL, NULL, key, nonce) == 1
	    && EVP_EncryptUpdate(c, NULL, &n, (const unsigned char *)id, (int)strlen(id)) == 1;
	if (ok) {
		g_string_append_len(out, MAGIC, MAGIC_LEN);
		g_string_append_len(out, (const char *)nonce, NONCE_LEN);
		g_string_set_size(out, start + MAGIC_LEN + NONCE_LEN + len + TAG_LEN);
		ok = EVP_EncryptUpdate(c, (unsigned char *)out->str + start + MAGIC_LEN + NONCE_LEN,
		    &n, (const unsigned char *)msg, (int)len) == 1 && (size_t)n == len
		    && EVP_EncryptFinal_ex(c, tag, &n) == 1
		    && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, TAG_LEN, tag) == 1;
		if (ok)
			memcpy(out->str + start + MAGIC_LEN + NONCE_LEN + len, tag, TAG_LEN);
	}
	EVP_CIPHER_CTX_free(c);
	if (!ok) {
		g_string_truncate(out, start);
		return seal_err_set(err, SEAL_ERR_INTERNAL, "cannot encrypt the held message");
	}
	return SEAL_OK;
}

seal_status
seal_heldcrypt_open(const unsigned char key[SEAL_HELDCRYPT_KEYLEN], const char *id,
	const char *blob, size_t len, GString *out, seal_err *err)
{
	EVP_CIPHER_CTX *c;
	size_t clen;
	gsize start = out->len;
	int n = 0, ok;

	if (len < MAGIC_LEN || memcmp(blob, MAGIC, MAGIC_LEN) != 0) {
		g_string_append_len(out, blob, (gssize)len);   /* stored before encryption */
		return SEAL_OK;
	}
	if (len < MAGIC_LEN + NONCE_LEN + TAG_LEN || len > (size_t)INT_MAX)
		return seal_err_set(err, SEAL_ERR_USAGE, "held message %s: stored content is cut "
		    "short", id);
	clen = len - MAGIC_LEN - NONCE_LEN - TAG_LEN;
	c = EVP_CIPHER_CTX_new();
	g_string_set_size(out, start + clen);
	ok = c != NULL && EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) == 1
	    && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN, NULL) == 1
	    && EVP_DecryptInit_ex(c, NULL, NULL, key, (const unsigned char *)blob + MAGIC_LEN) == 1
	    && EVP_DecryptUpdate(c, NULL, &n, (const unsigned char *)id, (int)strlen(id)) == 1
	    && EVP_DecryptUpdate(c, (unsigned char *)out->str + start, &n,
	    (const unsigned char *)blob + MAGIC_LEN + NONCE_LEN, (int)clen) == 1
	    && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, TAG_LEN,
	    (void *)(blob + len - TAG_LEN)) == 1
	    && EVP_DecryptFinal_ex(c, (unsigned char *)out->str + start + clen, &n) == 1;
	EVP_CIPHER_CTX_free(c);
	if (!ok) {
		OPENSSL_cleanse(out->str + start, clen);
		g_string_truncate(out, start);
		return seal_err_set(err, SEAL_ERR_USAGE, "held message %s: stored content does not "
		    "decrypt (wrong held_key_file, or changed)", id);
	}
	return SEAL_OK;
}
