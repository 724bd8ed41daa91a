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

/* An RGB24 surface as 8-bit grey (g_malloc), one byte a pixel. */
static uint8_t *
surface_gray(cairo_surface_t *surf, int cw, int ch)
{
	const uint8_t *src;
	uint8_t *gray;
	int cs;

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
	return gray;
}

/* A white RGB24 surface of cw x ch; NULL when cairo cannot make it. */
static cairo_surface_t *
white_surface(int cw, int ch, cairo_t **cr)
{
	cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, cw, ch);

	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return NULL;
	}
	*cr = cairo_create(surf);
	cairo_set_source_rgb(*cr, 1, 1, 1);
	cairo_paint(*cr);
	return surf;
}

uint8_t *
seal_pdf_page_render(PopplerPage *page, unsigned dpi, uint64_t max_pixels, unsigned *w,
	unsigned *h, size_t *stride)
{
	double pw = 0, ph = 0, scale = dpi / 72.0;
	cairo_surface_t *surf;
	cairo_t *cr = NULL;
	uint8_t *gray;
	int cw, ch;

	poppler_page_get_size(page, &pw, &ph);
	if (pw <= 0 || ph <= 0 || pw * scale > 30000 || ph * scale > 30000 ||
	    (uint64_t)(pw * scale) * (uint64_t)(ph * scale) > max_pixels)
		return NULL;
	cw = (int)(pw * scale + 0.5);
	ch = (int)(ph * scale + 0.5);
	if ((surf = white_surface(cw, ch, &cr)) == NULL)
		return NULL;
	cairo_scale(cr, scale, scale);
	poppler_page_render_for_printing(page, cr);
	cairo_destroy(cr);
	gray = surface_gray(surf, cw, ch);
	cairo_surface_destroy(surf);
	*w = (unsigned)cw;
	*h = (unsigned)ch;
	*stride = (size_t)cw;
	return gray;
}

/* poppler's image ids follow the drawing order; its list does not. */
static gint
by_image_id(gconstpointer a, gconstpointer b)
{
	const PopplerImageMapping *x = a, *y = b;

	return (x->image_id > y->image_id) - (x->image_id < y->image_id);
}

void
seal_pdf_page_pictures(PopplerPage *page, int index, GArray *items)
{
	GList *list = g_list_sort(poppler_page_get_image_mapping(page), by_image_id);
	double pw = 0, ph = 0;
	unsigned k = 0;

	poppler_page_get_size(page, &pw, &ph);
	for (GList *l = list; l != NULL; l = l->next) {
		PopplerImageMapping *m = l->data;
		double w = ABS(m->area.x2 - m->area.x1), h = ABS(m->area.y2 - m->area.y1);
		seal_pdf_ocr_item it = { index, m->image_id, ++k, w };

		/* a copier's page scan under its own OCR layer: read through the layer */
		if (w * h * 100 >= pw * ph * SEAL_PDF_OCR_FULL_PAGE)
			continue;
		g_array_append_val(items, it);
	}
	poppler_page_free_image_mapping(list);
}

uint8_t *
seal_pdf_picture_render(PopplerPage *page, const seal_pdf_ocr_item *item, uint64_t max_pixels,
	unsigned *w, unsigned *h, size_t *stride, unsigned *dpi)
{
	cairo_surface_t *img = poppler_page_get_image(page, item->image_id), *surf;
	cairo_t *cr = NULL;
	uint8_t *gray = NULL;
	int cw, ch;
	double d;

	if (img == NULL)
		return NULL;
	cw = cairo_image_surface_get_width(img);
	ch = cairo_image_surface_get_height(img);
	/* the picture drawn on white: transparency and masks as a reader sees them */
	if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS && cw > 0 && ch > 0 &&
	    cw <= 30000 && ch <= 30000 && (uint64_t)cw * (uint64_t)ch <= max_pixels &&
	    (surf = white_surface(cw, ch, &cr)) != NULL) {
		cairo_set_source_surface(cr, img, 0, 0);
		cairo_paint(cr);
		cairo_destroy(cr);
		gray = surface_gray(surf, cw, ch);
		cairo_surface_destroy(surf);
		*w = (unsigned)cw;
		*h = (unsigned)ch;
		*stride = (size_t)cw;
		d = item->width_pt > 0 ? cw * 72.0 / item->width_pt : 0;
		*dpi = d >= 70 && d <= 1200 ? (unsigned)(d + 0.5) : 0;
	}
	cairo_surface_destroy(img);
	return gray;
}

int
seal_pdf_seen_before(GHashTable *seen, const uint8_t *gray, size_t n)
{
	char *digest = g_compute_checksum_for_data(G_CHECKSUM_SHA256, gray, n);

	if (g_hash_table_contains(seen, digest)) {
		g_free(digest);
		return 1;
	}
	g_hash_table_add(seen, digest);
	return 0;
}
