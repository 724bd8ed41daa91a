/*
 * pdf_ocr.h - the PDF pages that need OCR, and their pictures (pdf.c's
 * helper; not part of libseal's interface).
 *
 * A page has no usable text layer when its text holds fewer than
 * SEAL_PDF_OCR_TEXT_MIN non-blank characters while images cover at least
 * SEAL_PDF_OCR_IMAGE_SHARE of it: what a copier or a scanning app makes.
 * Such a page is rendered (poppler + cairo) to an 8-bit grey bitmap.
 * Callers hold pdf.c's poppler lock. Thread safety: as pdf.h.
 */
#ifndef SEAL_PDF_OCR_H
#define SEAL_PDF_OCR_H

#include <stddef.h>
#include <stdint.h>

#include <poppler.h>

/* About two lines of text: a page number or a stamp is not a text layer. */
#define SEAL_PDF_OCR_TEXT_MIN    100
/* Share of the page (percent) images must cover. */
#define SEAL_PDF_OCR_IMAGE_SHARE 10

/* 1 when the page shows pictures and (almost) no text. */
int seal_pdf_page_scanned(PopplerPage *page, const char *text);

/*
 * The page rendered at dpi on white, grey, *stride bytes a row (g_free);
 * NULL when cairo fails or the page is larger than max_pixels.
 */
uint8_t *seal_pdf_page_render(PopplerPage *page, unsigned dpi, uint64_t max_pixels,
	unsigned *w, unsigned *h, size_t *stride);

#endif
