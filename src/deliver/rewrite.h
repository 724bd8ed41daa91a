/*
 * rewrite.h - a message taken apart for encryption and put together again.
 *
 * seal_rewrite_split() reads the message as received (header block, blank
 * line, body; CRLF or LF) and gives:
 *  - inner: the MIME entity to encrypt: every original field that is not
 *    a transport field (Keywords, Comments, Thread-Topic, X- fields, ...),
 *    then the original Content-* fields
 *    (Content-Type, Content-Transfer-Encoding, Content-Disposition,
 *    Content-ID, Content-Description, Content-Language, Content-Location,
 *    names case-insensitive; "Content-Type: text/plain;
 *    charset=us-ascii" when there is none), a blank line, then the original
 *    body byte for byte. With protect_headers the Content-Type gains
 *    protected-headers="v1" and the original Subject, From, To, Cc, Date,
 *    Message-ID and Reply-To are copied into the inner header block
 *    ("protected headers", understood by Thunderbird for S/MIME and PGP).
 *  - outer: the transport fields of the original (Received, Return-Path,
 *    From, Sender, Reply-To, To, Cc, Bcc, Date, Message-ID, In-Reply-To,
 *    References, Subject, X-Sealmilter-*), in order, raw and unchanged
 *    (folding kept), except that with protect_headers the Subject
 *    becomes neutral_subject (NULL: "Encrypted message"; CR/LF in it is
 *    SEAL_ERR_USAGE), added at the end when the original had none, and
 *    that seal_rewrite_split_bare() drops display names it is told to;
 *    Content-* fields and MIME-Version are left out.
 * A message without a blank line after its header block (the milter always
 * has one), or one GMime cannot read as a header block, is SEAL_ERR_PARSE.
 * seal_rewrite_assemble() puts outer fields + "MIME-Version: 1.0" + the
 * encrypted entity (which brings its own Content-* block) together: the
 * message as a reinjected copy leaves.
 * seal_rewrite_edits() says the same as edits of the original, for the
 * milter, which can only change header fields and replace the body.
 *
 * Line endings of the output are CRLF. Header parsing uses GMime. Thread
 * safe. Caller frees with seal_rewrite_clear / g_ptr_array_free.
 */
#ifndef SEAL_REWRITE_H
#define SEAL_REWRITE_H

#include <stddef.h>

#include <glib.h>

#include "err.h"

typedef struct seal_rewrite {
	GString *inner;     /* entity to encrypt (CRLF) */
	GString *outer;     /* outer header fields, each ending in CRLF, no blank line */
	int had_mime_version;
} seal_rewrite;

/* One header edit for the milter (smfi_chgheader semantics). */
typedef struct seal_header_edit {
	char *name;
	unsigned index;     /* 1-based occurrence of name among the original fields */
	char *value;        /* new value (with leading space), NULL = delete */
	int add;            /* 1: add a new field instead (index unused) */
} seal_header_edit;

seal_status seal_rewrite_split(const char *msg, size_t len, int protect_headers,
	const char *neutral_subject, seal_rewrite *out, seal_err *err);

/*
 * The same, and the address fields (From, Sender, Reply-To, To, Cc, Bcc)
 * named in bare_fields (NULL-terminated, case-insensitive; NULL = none)
 * lose every display name and group name outside: only the addresses stay,
 * as GMime formats them ("undisclosed-recipients:;" when none can be
 * read); the field as it was goes inside (issue 15 item 3).
 */
seal_status seal_rewrite_split_bare(const char *msg, size_t len, int protect_headers,
	const char *neutral_subject, const char *const *bare_fields, seal_rewrite *out,
	seal_err *err);

/* The whole message: outer + MIME-Version + entity (header block, blank line, body). */
seal_status seal_rewrite_assemble(const seal_rewrite *r, const char *entity,
	size_t elen, GString *out, seal_err *err);

/*
 * Edits that turn the original into what seal_rewrite_assemble() gives
 * (header fields only); *body_start is the offset in entity where the new
 * body begins (after its header block); the body sent is entity[*body_start..]
 * with bare LF made CRLF, as seal_rewrite_assemble() does. Order: changes,
 * deletions (per name last occurrence first, so the indices hold whether or
 * not the MTA still counts deleted fields), then additions to append in
 * order. Values keep the leading space (SMFIP_HDR_LEADSPC) and fold with LF
 * only. Array of seal_header_edit *, freed with g_ptr_array_free (free
 * function set); NULL on error (outer not from this msg: SEAL_ERR_USAGE).
 */
GPtrArray *seal_rewrite_edits(const char *msg, size_t len, const seal_rewrite *r,
	const char *entity, size_t elen, size_t *body_start, seal_err *err);

void seal_rewrite_clear(seal_rewrite *r);

/* Frees one seal_header_edit (the free function of the edits array). */
void seal_rewrite_edit_free(gpointer e);

#endif
