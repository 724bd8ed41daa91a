/*
 * sigpart.h - is a part labelled as a signature or a key really one?
 *
 * A signature or public key carries no text for a reader, so the walk may
 * skip it; a label alone proves nothing (anyone can call a document
 * "application/pgp-signature"). This module checks the bytes:
 *  - S/MIME (RFC 8551): DER, base64 or PEM that OpenSSL parses whole as
 *    CMS SignedData. With no encapsulated content it is a detached
 *    signature; with content, the content is handed back to be walked.
 *  - OpenPGP (RFC 9580): ASCII armour (RFC 9580 6.2) "SIGNATURE" or
 *    "PUBLIC KEY BLOCK", or binary packets, whose payload parses whole as
 *    signature packets (tag 2) or, for a key block, key, subkey, user ID,
 *    user attribute, trust and signature packets; the armour checksum,
 *    when present, must match. Text a reader sees is handed back as
 *    "outside": lines around the armoured blocks, armour headers
 *    (Comment: and the like) and user IDs.
 * Anything else is SEAL_SIG_NOT: the caller reads it as an ordinary part.
 *
 * Ownership: *cms (SEAL_SIG_CMS_CONTENT only) belongs to the caller
 * (CMS_ContentInfo_free); outside is the caller's GString, appended to.
 * Pure functions, thread safe.
 */
#ifndef SEAL_SIGPART_H
#define SEAL_SIGPART_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>
#include <openssl/cms.h>

typedef enum seal_sig_kind {
	SEAL_SIG_NOT = 0,          /* not a signature or key: read it */
	SEAL_SIG_CMS_DETACHED,     /* SignedData without content: skip */
	SEAL_SIG_CMS_CONTENT,      /* SignedData with content: walk *cms's */
	SEAL_SIG_PGP               /* OpenPGP signature/key: read outside */
} seal_sig_kind;

seal_sig_kind seal_sigpart_check(const uint8_t *data, size_t len,
	CMS_ContentInfo **cms, GString *outside);

#endif
