/*
 * pdf.h - what a reader of a PDF attachment sees, read with poppler-glib.
 *
 * Texts go to the text callback (UTF-8), each with a label: "page N" (one
 * call per page, from 1), each followed, when not empty, by "page N,
 * annotation" (contents, author label and subject of the page's comments)
 * and "page N, form field" (the page's text field values, choice items,
 * field tooltips); after the pages, when not empty, "link" (link URIs and
 * launched or remote file names), "metadata" (title, author, subject, keywords, creator,
 * producer, the XMP packet, embedded files' names and descriptions); the
 * items of one label are separated by a paragraph break. Embedded files
 * (EmbeddedFiles and file attachment annotations) go to the file callback
 * as bytes, after the document is closed and the lock released, so the
 * callback may scan them like attachments, a nested PDF included; without
 * a file callback a PDF with embedded files is unscannable. A PDF that needs a password, that poppler cannot
 * open, or that goes past the limits (pages, bytes of text, time) gives
 * SEAL_PDF_UNSCANNABLE with a reason (no personal data), so the caller's
 * unscannable_action applies; a scanned page without a text layer yields
 * no text, unless seal_pdf_extract_ocr is given a page callback, which
 * then gets the page as a picture to read (ocr.h), and the pictures of
 * pages with a text layer too.
 *
 * Thread safety: poppler keeps global state that is not safe for parallel
 * use, so calls are serialised with a process-wide mutex inside this module.
 */
#ifndef SEAL_PDF_H
#define SEAL_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

typedef struct seal_pdf_limits {
	unsigned max_pages;       /* default 2000 */
	size_t max_text;          /* bytes of text in all; default 64 MiB */
	unsigned max_seconds;     /* wall time for one document; default 20 */
	unsigned max_files;       /* embedded files; default 100 */
	size_t max_embedded;      /* bytes of embedded files in all; 64 MiB */
} seal_pdf_limits;

typedef enum seal_pdf_status {
	SEAL_PDF_NOT_PDF = 0,     /* no %PDF- in the first 1 KiB */
	SEAL_PDF_OK,
	SEAL_PDF_UNSCANNABLE,     /* reason set */
	SEAL_PDF_ERROR            /* the callback failed: err set */
} seal_pdf_status;

typedef seal_status (*seal_pdf_text_fn)(void *ctx, const char *label,
	const char *text, size_t len, seal_err *err);
/* name: the embedded file's name (valid UTF-8, "unnamed" if none). */
typedef seal_status (*seal_pdf_file_fn)(void *ctx, const char *name,
	const char *data, size_t len, seal_err *err);

/*
 * OCR (seal_pdf_extract_ocr): what a reader sees as pictures, as 8-bit
 * grey bitmaps handed over after the text, outside the poppler lock:
 *  - picture 0: a page without a usable text layer (pdf_ocr.h) rendered
 *    whole at dpi;
 *  - picture K >= 1: the K-th raster picture of a page that has a text
 *    layer (a scan pasted into a typed letter), at its own resolution
 *    (dpi: its pixels over its size on the page). Pictures smaller than
 *    ocr.h's SEAL_OCR_MIN_* are handed over too (the callback counts
 *    them); a picture shown several times (a logo on every page) is
 *    handed over once.
 * page is 1-based.
 */
typedef struct seal_pdf_bitmap {
	unsigned page, picture;
	const uint8_t *gray;
	unsigned w, h;
	size_t stride;
	unsigned dpi;
} seal_pdf_bitmap;

/*
 * Return SEAL_OK to go on, SEAL_ERR_LIMIT to hand over no more bitmaps
 * (the callback has recorded why: a bound of its own), anything else to
 * fail. A picture poppler cannot give makes the PDF unscannable.
 */
typedef seal_status (*seal_pdf_page_fn)(void *ctx, const seal_pdf_bitmap *bm,
	seal_err *err);

void seal_pdf_limits_default(seal_pdf_limits *l);

seal_pdf_status seal_pdf_extract(const char *data, size_t len,
	const seal_pdf_limits *limits, seal_pdf_text_fn fn,
	seal_pdf_file_fn file_fn, void *ctx, char *reason, size_t reason_size,
	seal_err *err);

/* The same, with page_fn (may be NULL) given the scanned pages and pictures. */
seal_pdf_status seal_pdf_extract_ocr(const char *data, size_t len,
	const seal_pdf_limits *limits, seal_pdf_text_fn fn,
	seal_pdf_file_fn file_fn, seal_pdf_page_fn page_fn, void *ctx,
	char *reason, size_t reason_size, seal_err *err);

#endif
