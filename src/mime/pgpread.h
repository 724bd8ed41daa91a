/*
 * pgpread.h - what an OpenPGP message in a mail really is, and its content
 * when it is not encrypted.
 *
 * "-----BEGIN PGP MESSAGE-----" (or a binary .gpg file) is not proof of
 * encryption: `gpg --sign` and `gpg --store` write the same armour around
 * a compressed literal packet that any OpenPGP client opens and shows
 * without a key. Only a message whose packets are encrypted (a public-key
 * or symmetric session key packet and encrypted data, RFC 4880 section
 * 11.3) counts as protected; the literal content of any other is handed
 * back to be read like an attachment.
 *
 * The packets are classified by GPGME (gpgme_data_identify, no process);
 * the content of a signed or stored message is taken out by gpg itself
 * (gpgme_op_verify with an empty private home: no key is needed to read a
 * signed message, and no keyring of the administrator is touched).
 *
 * Thread safety: one GPGME context per call; the private home is made
 * once. Errors: SEAL_ERR_IO when gpg cannot be run (the caller tempfails);
 * a message gpg cannot parse is SEAL_PGPREAD_BROKEN with whatever content
 * gpg wrote before it stopped.
 */
#ifndef SEAL_PGPREAD_H
#define SEAL_PGPREAD_H

#include <stddef.h>

#include <glib.h>

#include "err.h"

typedef enum seal_pgpread_kind {
	SEAL_PGPREAD_NOT_PGP = 0,   /* not an OpenPGP message */
	SEAL_PGPREAD_ENCRYPTED,     /* encrypted to a key: nothing readable without it */
	SEAL_PGPREAD_PASSWORD,      /* encrypted with a passphrase only (gpg -c): a
	                             * password-protected container, unscannable */
	SEAL_PGPREAD_CLEAR,         /* signed or stored: *content set */
	SEAL_PGPREAD_BROKEN,        /* looks like one, gpg could not read it all */
	SEAL_PGPREAD_NO_CONTENT     /* a detached signature or a key: no text */
} seal_pgpread_kind;

/*
 * A binary file that starts as gpg's output starts (its first packet a
 * session key, one-pass signature, compressed or literal data): other
 * binary formats (an OLE2 file's 0xD0 reads as packet tag 16) are not
 * taken for OpenPGP.
 */
int seal_pgpread_binary_start(const guint8 *data, size_t len);

/* Packets only (no process): what data[0..len) is. */
seal_pgpread_kind seal_pgpread_identify(const char *data, size_t len);

/*
 * Opens data[0..len) (armoured or binary). For CLEAR and BROKEN, *content
 * gets the literal data gpg wrote (possibly empty; free with
 * g_byte_array_free), at most cap bytes (more makes it BROKEN).
 * With force, data GPGME does not recognise is still given to gpg (an
 * armour block in a mail: whatever gpg can read, a client shows);
 * NOT_PGP when gpg writes nothing.
 * Returns the kind, or -1 with err set when gpg could not be run.
 */
int seal_pgpread_open(const char *data, size_t len, size_t cap, int force,
	GByteArray **content, seal_err *err);

/*
 * The armoured "PGP MESSAGE" blocks in text[0..len): calls fn for each
 * block (from its BEGIN line to the end of its END line, or to the end of
 * the text when the END line is missing). Stops at the first error.
 */
typedef seal_status (*seal_pgpread_block_fn)(void *ctx, const char *block, size_t len);
seal_status seal_pgpread_blocks(const char *text, size_t len, seal_pgpread_block_fn fn,
	void *ctx);

#endif
