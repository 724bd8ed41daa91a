/*
 * reqtoken.c - the release-request token (reqtoken.h).
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "heldid.h"
#include "reqtoken.h"

#define MAC_CHARS 43

/* HMAC(derived key, "ID\0EXPIRY") as 43 characters of base64url without padding. */
static void
mac_text(const seal_fp_key *k, const char *id, int64_t expires, char out[MAC_CHARS + 1])
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char key[32], mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	GString *data = g_string_new(id);
	unsigned bits = 0, nbits = 0, n = 0;

	/* The NUL keeps "ab"+"12" and "a"+"b12" apart. */
	g_string_append_c(data, '\0');
	g_string_append_printf(data, "%lld", (long long)expires);
	seal_fp_key_derive(k, SEAL_REQTOKEN_LABEL, key);
	HMAC(EVP_sha256(), key, sizeof(key), (const unsigned char *)data->str, data->len, mac,
	    &maclen);
	for (unsigned i = 0; i < 32; i++) {
		bits = (bits << 8) | mac[i];
		nbits += 8;
		while (nbits >= 6) {
			out[n++] = b64[(bits >> (nbits - 6)) & 63];
			nbits -= 6;
		}
	}
	if (nbits > 0)
		out[n++] = b64[(bits << (6 - nbits)) & 63];
	out[n] = '\0';
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(mac, sizeof(mac));
	g_string_free(data, TRUE);
}

void
seal_reqtoken_make(const seal_fp_key *k, const char *id, int64_t expires,
	char out[SEAL_REQTOKEN_MAX])
{
	char mac[MAC_CHARS + 1];

	mac_text(k, id, expires, mac);
	g_snprintf(out, SEAL_REQTOKEN_MAX, "%s.%lld.%s", id, (long long)expires, mac);
}

seal_reqtoken_check
seal_reqtoken_verify(const seal_fp_key *k, const char *token, int64_t now, char id[40],
	int64_t *expires)
{
	const char *dot1, *dot2;
	char mac[MAC_CHARS + 1], num[24], *end;
	long long exp;
	size_t idlen, numlen;

	id[0] = '\0';
	*expires = 0;
	if (k == NULL || token == NULL || strlen(token) >= SEAL_REQTOKEN_MAX
	    || (dot1 = strchr(token, '.')) == NULL || (dot2 = strchr(dot1 + 1, '.')) == NULL)
		return SEAL_REQTOKEN_BAD;
	idlen = (size_t)(dot1 - token);
	numlen = (size_t)(dot2 - dot1 - 1);
	if (!seal_held_id_form_ok(token, idlen) || numlen == 0 || numlen >= sizeof(num)
	    || strlen(dot2 + 1) != MAC_CHARS)
		return SEAL_REQTOKEN_BAD;
	memcpy(num, dot1 + 1, numlen);
	num[numlen] = '\0';
	for (size_t i = 0; i < numlen; i++)
		if (!g_ascii_isdigit(num[i]))
			return SEAL_REQTOKEN_BAD;
	exp = strtoll(num, &end, 10);
	if (*end != '\0' || exp <= 0)
		return SEAL_REQTOKEN_BAD;
	memcpy(id, token, idlen);
	id[idlen] = '\0';
	mac_text(k, id, (int64_t)exp, mac);
	/* Compared in constant time; the canonical form too ("012" is not "12"). */
	if (CRYPTO_memcmp(mac, dot2 + 1, MAC_CHARS) != 0
	    || g_snprintf(mac, sizeof(mac), "%lld", exp) != (gint)numlen) {
		id[0] = '\0';
		return SEAL_REQTOKEN_BAD;
	}
	*expires = (int64_t)exp;
	return now >= (int64_t)exp ? SEAL_REQTOKEN_EXPIRED : SEAL_REQTOKEN_OK;
}
