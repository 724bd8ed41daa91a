/*
 * smime.h - S/MIME encryption with OpenSSL CMS (RFC 8551).
 *
 * Input: one MIME entity (its headers and body, as it would appear inside
 * the message), which is canonicalised to CRLF before encryption. Output:
 * the replacement entity, with its own header block:
 *   Content-Type: application/pkcs7-mime; smime-type=enveloped-data;
 *    name=smime.p7m
 *   Content-Disposition: attachment; filename=smime.p7m
 *   Content-Transfer-Encoding: base64
 * and the base64 DER (lines of 76). With AES-256-GCM the CMS type is
 * authEnvelopedData (RFC 5083/5084) and smime-type=authEnveloped-data.
 * One encryption for all recipients: one RecipientInfo per certificate.
 * With a signing certificate and key the inner entity is first signed
 * (multipart/signed, detached, SHA-256) and the signed entity encrypted.
 *
 * Thread safety: no shared state; OpenSSL 3 is thread safe.
 */
#ifndef SEAL_SMIME_H
#define SEAL_SMIME_H

#include <stddef.h>

#include <glib.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "err.h"

typedef enum seal_smime_cipher {
	SEAL_SMIME_AES256_CBC = 0,   /* default: the widest client support */
	SEAL_SMIME_AES256_GCM
} seal_smime_cipher;

seal_status seal_smime_encrypt(const char *entity, size_t len,
	X509 *const *certs, size_t ncerts, seal_smime_cipher cipher,
	X509 *sign_cert, EVP_PKEY *sign_key, GString *out, seal_err *err);

#endif
