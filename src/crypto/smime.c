/*
 * smime.c - S/MIME encryption (and optional signing first) of one MIME
 * entity with OpenSSL CMS, RFC 8551 (see smime.h).
 *
 * Steps as gmime/gmime-application-pkcs7-mime.c: serialise the entity with
 * CRLF, encrypt the bytes, wrap the DER in an application/pkcs7-mime part.
 * The canonical bytes are handed to OpenSSL with CMS_BINARY so that it does
 * not translate line endings a second time.
 */
#include <string.h>

#include <glib.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "smime.h"

#define SEAL_SMIME_B64_LINE 76

/* Bare LF becomes CRLF; existing CRLF (and lone CR) stay as they are. */
static GString *
seal_smime_canon(const char *p, size_t len)
{
	GString *g = g_string_sized_new(len + len / 32 + 2);
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] == '\n' && (i == 0 || p[i - 1] != '\r'))
			g_string_append_c(g, '\r');
		g_string_append_c(g, p[i]);
	}
	return g;
}

/* The OpenSSL error queue, without personal data, into err; then cleared. */
static seal_status
seal_smime_ossl_err(seal_err *err, const char *what)
{
	char buf[256];
	unsigned long e = ERR_peek_last_error();

	if (e != 0)
		ERR_error_string_n(e, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "unknown error");
	ERR_clear_error();
	return seal_err_set(err, SEAL_ERR_INTERNAL, "%s: %s", what, buf);
}

/* i2d of cms as base64 lines of 76 with CRLF, appended to out. */
static seal_status
seal_smime_append_b64(CMS_ContentInfo *cms, GString *out, seal_err *err)
{
	unsigned char *der = NULL;
	int dlen = i2d_CMS_ContentInfo(cms, &der);
	char *b64;
	size_t blen, i;

	if (dlen <= 0)
		return seal_smime_ossl_err(err, "cannot encode CMS");
	b64 = g_base64_encode(der, (gsize)dlen);
	OPENSSL_free(der);
	blen = strlen(b64);
	for (i = 0; i < blen; i += SEAL_SMIME_B64_LINE) {
		g_string_append_len(out, b64 + i, (gssize)MIN(SEAL_SMIME_B64_LINE, blen - i));
		g_string_append(out, "\r\n");
	}
	g_free(b64);
	return SEAL_OK;
}

/* Detached SHA-256 signature over data (signer's certificate included). */
static CMS_ContentInfo *
seal_smime_sign_cms(const GString *data, X509 *cert, EVP_PKEY *key, seal_err *err)
{
	const unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL;
	CMS_ContentInfo *cms = CMS_sign(NULL, NULL, NULL, NULL, flags);
	BIO *in = BIO_new_mem_buf(data->str, (int)data->len);

	if (cms == NULL || in == NULL
		|| CMS_add1_signer(cms, cert, key, EVP_sha256(), flags) == NULL
		|| CMS_final(cms, in, NULL, flags) != 1) {
		seal_smime_ossl_err(err, "cannot sign");
		CMS_ContentInfo_free(cms);
		cms = NULL;
	}
	BIO_free(in);
	return cms;
}

/*
 * The multipart/signed entity around the canonical entity. The CRLF before
 * each delimiter belongs to the delimiter (RFC 2046 5.1.1), so the signed
 * bytes are exactly the entity.
 */
static GString *
seal_smime_signed(const GString *inner, X509 *cert, EVP_PKEY *key, seal_err *err)
{
	unsigned char rnd[16];
	char boundary[64];
	CMS_ContentInfo *cms;
	GString *g;
	size_t i;

	if (RAND_bytes(rnd, sizeof(rnd)) != 1) {
		seal_smime_ossl_err(err, "no randomness for boundary");
		return NULL;
	}
	memcpy(boundary, "=_seal_", 8);
	for (i = 0; i < sizeof(rnd); i++)
		snprintf(boundary + 7 + i * 2, 3, "%02x", rnd[i]);
	cms = seal_smime_sign_cms(inner, cert, key, err);
	if (cms == NULL)
		return NULL;
	g = g_string_sized_new(inner->len + 4096);
	g_string_append_printf(g,
		"Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";\r\n"
		" micalg=sha-256; boundary=\"%s\"\r\n"
		"\r\n"
		"This is a cryptographically signed message in MIME format.\r\n"
		"\r\n--%s\r\n", boundary, boundary);
	g_string_append_len(g, inner->str, (gssize)inner->len);
	g_string_append_printf(g, "\r\n--%s\r\n"
		"Content-Type: application/pkcs7-signature; name=smime.p7s\r\n"
		"Content-Transfer-Encoding: base64\r\n"
		"Content-Disposition: attachment; filename=smime.p7s\r\n"
		"\r\n", boundary);
	if (seal_smime_append_b64(cms, g, err) != SEAL_OK) {
		CMS_ContentInfo_free(cms);
		OPENSSL_cleanse(g->str, g->len);
		g_string_free(g, TRUE);
		return NULL;
	}
	CMS_ContentInfo_free(cms);
	g_string_append_printf(g, "\r\n--%s--\r\n", boundary);
	return g;
}

/* One CMS (authenticated) enveloped-data for all recipients. */
static CMS_ContentInfo *
seal_smime_envelope(const GString *data, X509 *const *certs, size_t ncerts,
	seal_smime_cipher cipher, seal_err *err)
{
	/* With an AEAD cipher OpenSSL 3 builds authEnvelopedData (RFC 5083). */
	const EVP_CIPHER *c = cipher == SEAL_SMIME_AES256_GCM
		? EVP_aes_256_gcm() : EVP_aes_256_cbc();
	STACK_OF(X509) *sk = sk_X509_new_null();
	BIO *in = BIO_new_mem_buf(data->str, (int)data->len);
	CMS_ContentInfo *cms = NULL;
	size_t i;

	for (i = 0; sk != NULL && i < ncerts; i++) {
		if (sk_X509_push(sk, certs[i]) <= 0) {
			sk_X509_free(sk);
			sk = NULL;
		}
	}
	if (sk != NULL && in != NULL)
		cms = CMS_encrypt(sk, in, c, CMS_BINARY);
	if (cms == NULL)
		seal_smime_ossl_err(err, "cannot encrypt");
	sk_X509_free(sk);       /* the certificates stay the caller's */
	BIO_free(in);
	return cms;
}

static seal_status
seal_smime_check_args(const char *entity, size_t len, X509 *const *certs,
	size_t ncerts, X509 *sign_cert, EVP_PKEY *sign_key, GString *out, seal_err *err)
{
	size_t i;

	if (entity == NULL || out == NULL || certs == NULL || ncerts == 0)
		return seal_err_set(err, SEAL_ERR_USAGE, "entity, output and recipients required");
	if ((sign_cert == NULL) != (sign_key == NULL))
		return seal_err_set(err, SEAL_ERR_USAGE,
			"signing needs both certificate and key");
	/* BIO_new_mem_buf takes an int length. */
	if (len > (size_t)G_MAXINT / 2)
		return seal_err_set(err, SEAL_ERR_LIMIT, "entity too large to encrypt");
	for (i = 0; i < ncerts; i++)
		if (certs[i] == NULL)
			return seal_err_set(err, SEAL_ERR_USAGE, "recipient %zu has no certificate", i);
	return SEAL_OK;
}

/* The cleartext copies may hold personal data: wipe before freeing. */
static void
seal_smime_wipe(GString *g)
{
	OPENSSL_cleanse(g->str, g->len);
	g_string_free(g, TRUE);
}

seal_status
seal_smime_encrypt(const char *entity, size_t len,
	X509 *const *certs, size_t ncerts, seal_smime_cipher cipher,
	X509 *sign_cert, EVP_PKEY *sign_key, GString *out, seal_err *err)
{
	GString *data, *signed_data, *part;
	CMS_ContentInfo *cms;
	seal_status st;

	st = seal_smime_check_args(entity, len, certs, ncerts, sign_cert, sign_key, out, err);
	if (st != SEAL_OK)
		return st;
	data = seal_smime_canon(entity, len);
	if (sign_cert != NULL) {
		signed_data = seal_smime_signed(data, sign_cert, sign_key, err);
		seal_smime_wipe(data);
		if (signed_data == NULL)
			return err != NULL ? err->code : SEAL_ERR_INTERNAL;
		data = signed_data;
	}
	cms = seal_smime_envelope(data, certs, ncerts, cipher, err);
	seal_smime_wipe(data);
	if (cms == NULL)
		return err != NULL ? err->code : SEAL_ERR_INTERNAL;
	/* Built apart and appended whole: on failure out is left untouched. */
	part = g_string_new(NULL);
	g_string_append_printf(part,
		"Content-Type: application/pkcs7-mime; smime-type=%s;\r\n"
		" name=smime.p7m\r\n"
		"Content-Disposition: attachment; filename=smime.p7m\r\n"
		"Content-Transfer-Encoding: base64\r\n"
		"\r\n",
		cipher == SEAL_SMIME_AES256_GCM ? "authEnveloped-data" : "enveloped-data");
	st = seal_smime_append_b64(cms, part, err);
	CMS_ContentInfo_free(cms);
	if (st == SEAL_OK)
		g_string_append_len(out, part->str, (gssize)part->len);
	g_string_free(part, TRUE);
	return st;
}
