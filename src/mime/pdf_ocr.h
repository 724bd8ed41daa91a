/*
 * pdf_ocr.h - the PDF pages that need OCR, and their pictures (pdf.c's
 * helper; not part of libseal's interface).
 *
 * A page has no usable text layer when its text holds fewer than
 * SEAL_PDF_OCR_TEXT_MIN non-blank characters while images cover at least
 * SEAL_PDF_OCR_IMAGE_SHARE of it: what a copier or a scanning app makes.
 * Such a page is rendered (poppler + cairo) to an 8-bit grey bitmap.
 * A page with a text layer may still show a scan (a passport pasted into
 * a typed letter): its raster pictures are taken one by one, each at its
 * own resolution (poppler_page_get_image), for OCR.
 * Callers hold pdf.c's poppler lock. Thread safety: as pdf.h.
 */
#ifndef SEAL_PDF_OCR_H
#define SEAL_PDF_OCR_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>
#include <poppler.h>

/* About two lines of text: a page number or a stamp is not a text layer. */
#define SEAL_PDF_OCR_TEXT_MIN    100
/* Share of the page (percent) images must cover. */
#define SEAL_PDF_OCR_IMAGE_SHARE 10

/*
 * A picture covering this share of a page (percent) that has a text layer
 * is the page itself: a copier's scan under the copier's OCR text, read
 * through that text as before, not again.
 */
#define SEAL_PDF_OCR_FULL_PAGE   90
/* Raster pictures of one document read by OCR at most (more: unscannable). */
#define SEAL_PDF_OCR_MAX_PICTURES 1000

/* What is read by OCR: a whole page, or one picture of a page. */
typedef struct seal_pdf_ocr_item {
	int page;               /* 0-based */
	int image_id;           /* poppler's image id; -1: the whole page */
	unsigned picture;       /* 1-based on its page; 0: the whole page */
	double width_pt;        /* the picture's width as shown, in points */
} seal_pdf_ocr_item;

/* 1 when the page shows pictures and (almost) no text. */
int seal_pdf_page_scanned(PopplerPage *page, const char *text);

/*
 * The page rendered at dpi on white, grey, *stride bytes a row (g_free);
 * NULL when cairo fails or the page is larger than max_pixels.
 */
uint8_t *seal_pdf_page_render(PopplerPage *page, unsigned dpi, uint64_t max_pixels,
	unsigned *w, unsigned *h, size_t *stride);

/*
 * Appends the raster pictures of a page (with a text layer) to items, but
 * for one covering SEAL_PDF_OCR_FULL_PAGE of it; numbered in drawing order.
 */
void seal_pdf_page_pictures(PopplerPage *page, int index, GArray *items);

/*
 * The picture of item as grey at its own resolution (g_free), *dpi its
 * pixels over its width on the page (0 when out of 70..1200); NULL when
 * poppler cannot give it or it is larger than max_pixels.
 */
uint8_t *seal_pdf_picture_render(PopplerPage *page, const seal_pdf_ocr_item *item,
	uint64_t max_pixels, unsigned *w, unsigned *h, size_t *stride, unsigned *dpi);

/*
 * 1 when these pixels were seen before in the document (a logo on every
 * page: read once); else their SHA-256 is added to seen (a set of g_free'd
 * strings).
 */
int seal_pdf_seen_before(GHashTable *seen, const uint8_t *gray, size_t n);

#endif
