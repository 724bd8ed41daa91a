/*
 * fingerprint.c - keyed HMAC-SHA256 fingerprints of identity numbers
 * (fingerprint.h). The key never leaves this file's structure and is wiped
 * when freed.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fingerprint.h"

#define SEAL_FP_KEY_MIN 16
#define SEAL_FP_KEY_MAX 4096

struct seal_fp_key {
	size_t len;
	unsigned char bytes[SEAL_FP_KEY_MAX];
};

static seal_status
read_key(int fd, const char *path, seal_fp_key *k, seal_err *err)
{
	ssize_t n;

	while (k->len < sizeof(k->bytes)) {
		n = read(fd, k->bytes + k->len, sizeof(k->bytes) - k->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return seal_err_set(err, SEAL_ERR_CONFIG,
			    "fingerprint_key_file: cannot read %s: %s", path, g_strerror(errno));
		if (n == 0)
			break;
		k->len += (size_t)n;
	}
	/* Trailing newlines are an editor's, not part of the secret. */
	while (k->len > 0 && (k->bytes[k->len - 1] == '\n' || k->bytes[k->len - 1] == '\r'))
		k->len--;
	if (k->len < SEAL_FP_KEY_MIN)
		return seal_err_set(err, SEAL_ERR_CONFIG,
		    "fingerprint_key_file: %s holds %zu bytes, at least %d are needed",
		    path, k->len, SEAL_FP_KEY_MIN);
	return SEAL_OK;
}

seal_fp_key *
seal_fp_key_load(const char *path, seal_err *err)
{
	struct stat st;
	seal_fp_key *k;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	if (fd < 0) {
		seal_err_set(err, SEAL_ERR_CONFIG, "fingerprint_key_file: cannot open %s: %s",
		    path, g_strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		seal_err_set(err, SEAL_ERR_CONFIG,
		    "fingerprint_key_file: %s is not a regular file", path);
		close(fd);
		return NULL;
	}
	if ((st.st_mode & 077) != 0) {
		seal_err_set(err, SEAL_ERR_CONFIG, "fingerprint_key_file: %s has mode %04o: "
		    "group and others must have no access (chmod 600)", path,
		    (unsigned)(st.st_mode & 07777));
		close(fd);
		return NULL;
	}
	k = g_new0(seal_fp_key, 1);
	if (read_key(fd, path, k, err) != SEAL_OK) {
		close(fd);
		return seal_fp_key_free(k);
	}
	close(fd);
	return k;
}

seal_fp_key *
seal_fp_key_free(seal_fp_key *k)
{
	if (k != NULL) {
		OPENSSL_cleanse(k, sizeof(*k));
		g_free(k);
	}
	return NULL;
}

void
seal_fingerprint(const seal_fp_key *k, const char *canonical, char hex[65])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;

	HMAC(EVP_sha256(), k->bytes, (int)k->len, (const unsigned char *)canonical,
	    strlen(canonical), mac, &maclen);
	for (unsigned i = 0; i < 32 && i < maclen; i++)
		g_snprintf(hex + 2 * i, 3, "%02x", mac[i]);
	hex[64] = '\0';
	OPENSSL_cleanse(mac, sizeof(mac));
}

void
seal_fp_key_derive(const seal_fp_key *k, const char *label, unsigned char out[32])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;

	/* One-shot HMAC(): the HMAC_CTX interface is deprecated in OpenSSL 3. */
	HMAC(EVP_sha256(), k->bytes, (int)k->len, (const unsigned char *)label,
	    strlen(label), mac, &maclen);
	memcpy(out, mac, 32);
	OPENSSL_cleanse(mac, sizeof(mac));
}
