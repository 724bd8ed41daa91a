/*
 * message_ocr.c - pictures in a message read by OCR (message_internal.h,
 * ocr.h): an image attachment or member, every page of a TIFF, and the
 * scanned pages of PDFs and the pictures of their other pages (handed
 * over by pdf.c's page callback); the hooks the readers of documents and
 * archives share for their pictures and PDF pages (seal_walk_ocr_member*).
 *
 * The bounds are per message: ocr_max_pages pages (PDF pages and pictures
 * of a page's size, ocr.h SEAL_OCR_PAGE_PIXELS), and
 * ocr_time_budget seconds counted from the first picture. When one is hit,
 * what is left unread makes the message unscannable (so unscannable_action
 * applies): a scan that was not read is never taken as clean. Pictures
 * too small to show a number (ocr.h) are skipped and counted.
 *
 * The text goes to the detectors as an attachment text named "NAME (OCR)"
 * (or "NAME/page N (OCR)"), already through the OCR profile (ocr.c), with
 * the detail "picture (OCR)" or "page N (OCR)": the place in our words, which
 * "where" shows even in mail with sensitive data, where names are not.
 */
#include <string.h>

#include "message_internal.h"
#include "ocr.h"
#include "picmeta.h"

/* Starts the message's OCR clock at its first picture. */
static void
ocr_start(struct seal_walk *w)
{
	if (w->ocr.languages != NULL)
		return;
	w->ocr.languages = w->lim.ocr_languages != NULL ? w->lim.ocr_languages :
	    SEAL_WALK_OCR_LANGUAGES;
	w->ocr.deadline = g_get_monotonic_time() +
	    (gint64)w->lim.ocr_time_budget * G_USEC_PER_SEC;
	w->ocr.progress = w->lim.progress;
	w->ocr.progress_ctx = w->lim.progress_ctx;
	w->ocr.last_progress = 0;
}

/*
 * 1 when another picture may be read; else the message is unscannable.
 * A page (page 1: a PDF page or a page-sized picture, ocr.h) also needs
 * room under ocr_max_pages.
 */
static int
ocr_may(struct seal_walk *w, unsigned leaf, int page)
{
	if (w->ocr_spent)
		return 0;
	if (page && w->ocr_page_count >= w->lim.ocr_max_pages) {
		seal_walk_unscannable(w->res, "attachment (part %u): more pictures and "
		    "scanned pages than ocr_max_pages (%u)", leaf, w->lim.ocr_max_pages);
		w->ocr_spent = 1;
		return 0;
	}
	if (g_get_monotonic_time() > w->ocr.deadline) {
		seal_walk_unscannable(w->res, "attachment (part %u): OCR time budget "
		    "(ocr_time_budget %u s) spent", leaf, w->lim.ocr_time_budget);
		w->ocr_spent = 1;
		return 0;
	}
	return 1;
}

/* Where a recognised text sits, in our words: page 0 is a picture's only page. */
static char *
ocr_detail(int inner, unsigned page)
{
	const char *in = inner ? "inner document, " : "";

	return page == 0 ? g_strdup_printf("%spicture (OCR)", in) :
	    g_strdup_printf("%spage %u (OCR)", in, page);
}

/* What one recognition gave: text handed over, or the bound / reason noted. */
static seal_status
ocr_result(struct seal_walk *w, unsigned leaf, unsigned msgdepth, const char *label,
	const char *detail, seal_ocr_status st, GString *text, const char *reason)
{
	seal_status rc = SEAL_OK;

	switch (st) {
	case SEAL_OCR_OK:
		w->res->ocr_pages++;
		if (text->len > 0) {
			w->detail = detail;
			rc = seal_walk_emit(w, SEAL_WHERE_ATTACHMENT, leaf, msgdepth, label,
			    text->str, text->len);
			w->detail = NULL;
		}
		break;
	case SEAL_OCR_TINY:
		w->res->ocr_skipped_small++;
		break;
	case SEAL_OCR_TIMEOUT:
		w->ocr_spent = 1;
		seal_walk_unscannable(w->res, "attachment (part %u): OCR time budget "
		    "(ocr_time_budget %u s) spent", leaf, w->lim.ocr_time_budget);
		break;
	case SEAL_OCR_UNREADABLE:
		seal_walk_unscannable(w->res, "attachment (part %u): %s", leaf, reason);
		break;
	case SEAL_OCR_NOT_IMAGE:
	case SEAL_OCR_NO_PAGE:
		break;
	}
	if (text->len > 0)
		memset(text->str, 0, text->len);
	g_string_truncate(text, 0);
	return rc;
}

/*
 * The text a picture file carries (picmeta.h: a caption, comment or author
 * in its EXIF, XMP or PNG text), named as the picture with the detail
 * "metadata": read wherever the picture is, before and besides its OCR.
 * Metadata past the reader's bounds leaves the message unscannable.
 */
static seal_status
picture_metadata(struct seal_walk *w, unsigned leaf, unsigned msgdepth, const char *name,
	int inner, const uint8_t *d, size_t n)
{
	GString *meta = g_string_new(NULL);
	seal_status rc = SEAL_OK;

	if (seal_picmeta_text(d, n, meta))
		seal_walk_unscannable(w->res, "attachment (part %u): picture metadata "
		    "past the reading limits (1 MiB of text, 256 directories)", leaf);
	if (meta->len > 0) {
		w->detail = inner ? "inner document, picture metadata" : "picture metadata";
		rc = seal_walk_emit(w, SEAL_WHERE_ATTACHMENT, leaf, msgdepth,
		    name != NULL ? name : "image", meta->str, meta->len);
		w->detail = NULL;
		memset(meta->str, 0, meta->len);
	}
	g_string_free(meta, TRUE);
	return rc;
}

seal_status
seal_walk_ocr_image(struct seal_walk *w, unsigned leaf, unsigned msgdepth, const char *name,
	int inner, const uint8_t *d, size_t n)
{
	GString *text;
	seal_status rc = SEAL_OK;
	char reason[120] = "";
	unsigned pages = w->lim.ocr ? seal_ocr_image_pages(d, n) : 0;
	int big = w->lim.ocr && seal_ocr_image_pixels(d, n) >= SEAL_OCR_PAGE_PIXELS;

	if ((rc = picture_metadata(w, leaf, msgdepth, name, inner, d, n)) != SEAL_OK || w->stop)
		return rc;
	if (!w->lim.ocr) {
		w->res->uninspected++;
		return SEAL_OK;
	}
	if (pages == 0) {
		seal_walk_unscannable(w->res, "attachment (part %u): picture could not be "
		    "decoded", leaf);
		return SEAL_OK;
	}
	ocr_start(w);
	text = g_string_new(NULL);
	for (unsigned page = 0; page < pages && rc == SEAL_OK; page++) {
		seal_ocr_status st;
		char *label, *detail;

		if (!ocr_may(w, leaf, big))
			break;
		w->ocr_page_count += big ? 1 : 0;
		st = seal_ocr_image(&w->ocr, d, n, page, text, reason, sizeof(reason));
		if (st == SEAL_OCR_NO_PAGE || st == SEAL_OCR_NOT_IMAGE)
			break;
		label = page == 0 ? g_strdup_printf("%s (OCR)", name != NULL ? name : "image") :
		    g_strdup_printf("%s/page %u (OCR)", name != NULL ? name : "image", page + 1);
		detail = ocr_detail(inner, pages > 1 ? page + 1 : 0);
		rc = ocr_result(w, leaf, msgdepth, label, detail, st, text, reason);
		g_free(detail);
		g_free(label);
		if (st != SEAL_OCR_OK)
			break;
	}
	g_string_free(text, TRUE);
	return rc;
}

/*
 * A PDF page (picture 0: counts against ocr_max_pages) or a picture of a
 * page with a text layer (a page only when page-sized, as any picture).
 */
seal_status
seal_walk_ocr_page(struct seal_walk *w, unsigned leaf, unsigned msgdepth, const char *name,
	int inner, const seal_pdf_bitmap *bm)
{
	GString *text;
	seal_status rc;
	seal_ocr_status st;
	char reason[120] = "", *label, *detail;
	int big = bm->picture == 0 || (uint64_t)bm->w * bm->h >= SEAL_OCR_PAGE_PIXELS;

	ocr_start(w);
	if (!ocr_may(w, leaf, big))
		return SEAL_ERR_LIMIT;
	w->ocr_page_count += big ? 1 : 0;
	text = g_string_new(NULL);
	st = seal_ocr_gray(&w->ocr, bm->gray, bm->w, bm->h, bm->stride, bm->dpi, text, reason,
	    sizeof(reason));
	if (bm->picture == 0) {
		label = g_strdup_printf("%s/page %u (OCR)", name != NULL ? name : "pdf", bm->page);
		detail = ocr_detail(inner, bm->page);
	} else {
		label = g_strdup_printf("%s/page %u, picture %u (OCR)", name != NULL ? name : "pdf",
		    bm->page, bm->picture);
		detail = g_strdup_printf("%spage %u, picture %u (OCR)", inner ?
		    "inner document, " : "", bm->page, bm->picture);
	}
	rc = ocr_result(w, leaf, msgdepth, label, detail, st, text, reason);
	g_free(detail);
	g_free(label);
	g_string_free(text, TRUE);
	if (rc == SEAL_OK && w->ocr_spent)
		return SEAL_ERR_LIMIT;
	return rc;
}

/* "OUTER/INNER", or the one that is there. */
static char *
member_name(const char *outer, const char *inner)
{
	if (outer == NULL || inner == NULL)
		return g_strdup(outer != NULL ? outer : inner);
	return g_strdup_printf("%s/%s", outer, inner);
}

seal_status
seal_walk_ocr_member(struct seal_walk *w, unsigned leaf, unsigned msgdepth, const char *outer,
	const char *inner, const uint8_t *d, size_t n)
{
	char *name;
	seal_status st;

	if (!w->lim.ocr)        /* as before OCR: a logo in a letter is not content */
		return SEAL_OK;
	name = member_name(outer, inner);
	st = seal_walk_ocr_image(w, leaf, msgdepth, name, 1, d, n);
	g_free(name);
	return st;
}

seal_status
seal_walk_ocr_member_page(struct seal_walk *w, unsigned leaf, unsigned msgdepth,
	const char *outer, const char *inner, int in_doc, const seal_pdf_bitmap *bm,
	seal_status *walk_st)
{
	char *name = member_name(outer, inner);
	seal_status st = seal_walk_ocr_page(w, leaf, msgdepth, name, in_doc, bm);

	g_free(name);
	*walk_st = st == SEAL_ERR_LIMIT ? SEAL_OK : st;
	return st;
}
