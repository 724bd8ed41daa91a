/*
 * extract.h - decoding helpers: bytes of a declared (or undeclared) charset
 * to UTF-8, quoted-printable, RFC 2047 header text, RFC 2231 file names.
 *
 * All outputs are new NUL-terminated valid UTF-8 strings owned by the caller
 * (g_free). Invalid input never fails: bytes that do not convert become
 * U+FFFD. Thread safe (GMime's per-call parser options); g_mime_init() must
 * have run (the RFC 2047/2231 decoders need it).
 */
#ifndef SEAL_EXTRACT_H
#define SEAL_EXTRACT_H

#include <stddef.h>

/*
 * data in charset -> UTF-8. charset NULL or unknown: valid UTF-8 is kept,
 * anything else is read as Windows-1252. "us-ascii" with 8-bit bytes is
 * treated as undeclared.
 */
char *seal_extract_to_utf8(const char *data, size_t len, const char *charset,
	size_t *out_len);

/* Quoted-printable decoding (soft line breaks removed); raw bytes out. */
char *seal_extract_qp_decode(const char *data, size_t len, size_t *out_len);

/* A raw header value: unfolded, RFC 2047 words decoded, UTF-8 out. */
char *seal_extract_header_text(const char *raw);

/*
 * The file name in a Content-Disposition (or Content-Type) value: filename
 * (or name) parameter with RFC 2231 continuations and charsets, RFC 2047
 * words tolerated. NULL when there is none.
 */
char *seal_extract_filename_param(const char *value);

#endif
