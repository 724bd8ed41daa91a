/*
 * office.h - text out of office documents and archives attached to a
 * message: OOXML (docx, xlsx, pptx), ODF (odt, ods, odp) and zip archives
 * (their text files, and documents inside them, to a bounded depth), read
 * with libzip and libxml2. No hand-written zip or XML parsing.
 *
 * The format is recognised by content (zip signature, then
 * [Content_Types].xml for OOXML or the "mimetype" entry for ODF), not by
 * the file name. Every text stream found is handed to the callback as
 * UTF-8 with a name saying where it came from ("word/document.xml",
 * "inner.zip/notes.txt").
 *
 * Archive bombs and the unreadable: uncompressed bytes in all, entries,
 * nesting depth and compression ratio are capped (limits); an encrypted
 * entry, a damaged archive or a cap reached gives SEAL_OFFICE_UNSCANNABLE
 * with a reason (no personal data) -- the caller's unscannable_action then
 * applies, never "pass".
 *
 * Thread safety: no shared state (libxml2 is initialised by the caller's
 * main or on first use, see seal_office_init).
 */
#ifndef SEAL_OFFICE_H
#define SEAL_OFFICE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

typedef struct seal_office_limits {
	uint64_t max_total;     /* uncompressed bytes read in all; default 256 MiB */
	unsigned max_entries;   /* archive entries in all; default 10000 */
	unsigned max_depth;     /* archives inside archives; default 3 */
	unsigned max_ratio;     /* uncompressed/compressed per entry; default 200 */
} seal_office_limits;

typedef enum seal_office_status {
	SEAL_OFFICE_NOT_OFFICE = 0, /* not a zip-based document or archive: nothing read */
	SEAL_OFFICE_OK,             /* read; texts handed over */
	SEAL_OFFICE_UNSCANNABLE,    /* could not be read completely: reason set */
	SEAL_OFFICE_ERROR           /* the callback failed or out of memory: err set */
} seal_office_status;

typedef seal_status (*seal_office_text_fn)(void *ctx, const char *inner_name,
	const char *text, size_t len, seal_err *err);

/* Once in main before threads (xmlInitParser). */
void seal_office_init(void);

void seal_office_limits_default(seal_office_limits *l);

seal_office_status seal_office_extract(const char *data, size_t len,
	const seal_office_limits *limits, seal_office_text_fn fn, void *ctx,
	char *reason, size_t reason_size, seal_err *err);

#endif
