/*
 * pdf.h - the text of a PDF attachment, read with poppler-glib.
 *
 * Every page's text is handed to the callback (UTF-8, one call per page,
 * page number from 1). A PDF that needs a password, that poppler cannot
 * open, or that goes past the limits (pages, bytes of text, time) gives
 * SEAL_PDF_UNSCANNABLE with a reason (no personal data), so the caller's
 * unscannable_action applies; a scanned image without a text layer simply
 * yields no text (no OCR).
 *
 * Thread safety: poppler keeps global state that is not safe for parallel
 * use, so calls are serialised with a process-wide mutex inside this module.
 */
#ifndef SEAL_PDF_H
#define SEAL_PDF_H

#include <stddef.h>

#include "err.h"

typedef struct seal_pdf_limits {
	unsigned max_pages;       /* default 2000 */
	size_t max_text;          /* bytes of text in all; default 64 MiB */
	unsigned max_seconds;     /* wall time for one document; default 20 */
} seal_pdf_limits;

typedef enum seal_pdf_status {
	SEAL_PDF_NOT_PDF = 0,     /* does not start with %PDF- */
	SEAL_PDF_OK,
	SEAL_PDF_UNSCANNABLE,     /* reason set */
	SEAL_PDF_ERROR            /* the callback failed: err set */
} seal_pdf_status;

typedef seal_status (*seal_pdf_text_fn)(void *ctx, unsigned page, const char *text,
	size_t len, seal_err *err);

void seal_pdf_limits_default(seal_pdf_limits *l);

seal_pdf_status seal_pdf_extract(const char *data, size_t len,
	const seal_pdf_limits *limits, seal_pdf_text_fn fn, void *ctx,
	char *reason, size_t reason_size, seal_err *err);

#endif
