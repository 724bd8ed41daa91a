/*
 * pdf_ocr.c - scanned PDF pages found and rendered for OCR (pdf_ocr.h).
 *
 * The test is on what the page shows, not on the producer: a copier's
 * PDF, a phone scanner's and a "print to PDF" of a photo all put the page
 * in one image without text; a page that already has an OCR text layer
 * (many copiers add one) is read through that layer and not again.
 */
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "pdf_ocr.h"

static size_t
visible_chars(const char *text)
{
	size_t n = 0;

	for (const char *p = text; *p != '\0'; p++)
		if (!g_ascii_isspace(*p))
			n++;
	return n;
}

int
seal_pdf_page_scanned(PopplerPage *page, const char *text)
{
	double pw = 0, ph = 0, covered = 0;
	GList *list, *l;

	if (visible_chars(text) >= SEAL_PDF_OCR_TEXT_MIN)
		return 0;
	poppler_page_get_size(page, &pw, &ph);
	if (pw <= 0 || ph <= 0)
		return 0;
	list = poppler_page_get_image_mapping(page);
	for (l = list; l != NULL; l = l->next) {
		PopplerImageMapping *m = l->data;
		double x1 = CLAMP(m->area.x1, 0, pw), x2 = CLAMP(m->area.x2, 0, pw);
		double y1 = CLAMP(m->area.y1, 0, ph), y2 = CLAMP(m->area.y2, 0, ph);

		covered += ABS(x2 - x1) * ABS(y2 - y1);
	}
	poppler_page_free_image_mapping(list);
	return covered * 100 >= pw * ph * SEAL_PDF_OCR_IMAGE_SHARE;
}

uint8_t *
seal_pdf_page_render(PopplerPage *page, unsigned dpi, uint64_t max_pixels, unsigned *w,
	unsigned *h, size_t *stride)
{
	double pw = 0, ph = 0, scale = dpi / 72.0;
	cairo_surface_t *surf;
	cairo_t *cr;
	uint8_t *gray, *src;
	int cw, ch, cs;

	poppler_page_get_size(page, &pw, &ph);
	if (pw <= 0 || ph <= 0 || pw * scale > 30000 || ph * scale > 30000 ||
	    (uint64_t)(pw * scale) * (uint64_t)(ph * scale) > max_pixels)
		return NULL;
	cw = (int)(pw * scale + 0.5);
	ch = (int)(ph * scale + 0.5);
	surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, cw, ch);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return NULL;
	}
	cr = cairo_create(surf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render_for_printing(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(surf);
	src = cairo_image_surface_get_data(surf);
	cs = cairo_image_surface_get_stride(surf);
	gray = g_malloc((size_t)cw * (size_t)ch);
	for (int y = 0; y < ch; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)cs);

		for (int x = 0; x < cw; x++) {
			uint32_t p = row[x];

			/* ITU-R BT.601 luma, as Leptonica's RGB-to-grey */
			gray[(size_t)y * (size_t)cw + (size_t)x] = (uint8_t)((((p >> 16) & 0xff) * 77 +
			    ((p >> 8) & 0xff) * 150 + (p & 0xff) * 29) >> 8);
		}
	}
	cairo_surface_destroy(surf);
	*w = (unsigned)cw;
	*h = (unsigned)ch;
	*stride = (size_t)cw;
	return gray;
}
