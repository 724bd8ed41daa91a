/*
 * pdf.c - the text layer of a PDF attachment, page by page, via poppler-glib.
 *
 * Only the text poppler finds is returned (no OCR). The text is passed on
 * as poppler lays it out; the detector's line-break rules deal with numbers
 * split over lines. Anything we cannot read completely (password, broken
 * file, limits) is "unscannable" rather than "clean", so the caller's
 * unscannable_action applies: reading half a PDF and calling it done would
 * be fail-open.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <poppler.h>

#include "pdf.h"

/* Readers accept junk before the header; we allow as much as they do. */
#define PDF_HEADER_WINDOW 1024

/* poppler keeps global state (font caches, error callback) that is not
 * safe for parallel use in every version: one document at a time. */
static GMutex pdf_lock;

void
seal_pdf_limits_default(seal_pdf_limits *l)
{
	l->max_pages = 2000;
	l->max_text = (size_t)64 * 1024 * 1024;
	l->max_seconds = 20;
}

static void
set_reason(char *reason, size_t reason_size, const char *text)
{
	if (reason != NULL && reason_size > 0)
		g_strlcpy(reason, text, reason_size);
}

static int
has_pdf_header(const char *data, size_t len)
{
	size_t window = len < PDF_HEADER_WINDOW ? len : PDF_HEADER_WINDOW;

	return data != NULL && memmem(data, window, "%PDF-", 5) != NULL;
}

/* Opens the document; NULL with the reason set when poppler refuses it. */
static PopplerDocument *
open_document(const char *data, size_t len, char *reason, size_t reason_size)
{
	GBytes *bytes;
	GError *gerr = NULL;
	PopplerDocument *doc;

	/* The document lives only inside seal_pdf_extract, so the caller's
	 * buffer outlives it: no copy needed. */
	bytes = g_bytes_new_static(data, len);
	doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	g_bytes_unref(bytes);
	if (doc != NULL)
		return doc;
	if (gerr != NULL && gerr->domain == POPPLER_ERROR &&
	    gerr->code == POPPLER_ERROR_ENCRYPTED)
		set_reason(reason, reason_size, "PDF needs a password");
	else
		set_reason(reason, reason_size, "PDF could not be read");
	/* gerr->message may quote file content: never passed on. */
	if (gerr != NULL)
		g_error_free(gerr);
	return NULL;
}

/* Text of one page as valid UTF-8 (g_free); "" for a page without text. */
static char *
page_text(PopplerDocument *doc, int index)
{
	PopplerPage *page;
	char *raw, *text;

	page = poppler_document_get_page(doc, index);
	if (page == NULL)
		return NULL;
	raw = poppler_page_get_text(page);
	g_object_unref(page);
	if (raw == NULL)
		return g_strdup("");
	if (g_utf8_validate(raw, -1, NULL))
		return raw;
	text = g_utf8_make_valid(raw, -1);
	g_free(raw);
	return text;
}

/* Walks the pages of an open document; caller holds pdf_lock. */
static seal_pdf_status
walk_pages(PopplerDocument *doc, const seal_pdf_limits *limits,
	seal_pdf_text_fn fn, void *ctx, char *reason, size_t reason_size,
	seal_err *err)
{
	gint64 started = g_get_monotonic_time();
	gint64 budget = (gint64)limits->max_seconds * G_USEC_PER_SEC;
	size_t total = 0;
	int pages, i;

	pages = poppler_document_get_n_pages(doc);
	if (pages < 0 || (unsigned)pages > limits->max_pages) {
		set_reason(reason, reason_size, "PDF has too many pages");
		return SEAL_PDF_UNSCANNABLE;
	}
	for (i = 0; i < pages; i++) {
		char *text;
		size_t len;
		seal_status st;

		if (i > 0 && g_get_monotonic_time() - started > budget) {
			set_reason(reason, reason_size, "PDF took too long");
			return SEAL_PDF_UNSCANNABLE;
		}
		text = page_text(doc, i);
		if (text == NULL) {
			set_reason(reason, reason_size, "PDF could not be read");
			return SEAL_PDF_UNSCANNABLE;
		}
		len = strlen(text);
		if (len > limits->max_text - total) {
			g_free(text);
			set_reason(reason, reason_size, "PDF has too much text");
			return SEAL_PDF_UNSCANNABLE;
		}
		total += len;
		st = fn(ctx, (unsigned)i + 1, text, len, err);
		g_free(text);
		if (st != SEAL_OK) {
			/* The callback normally fills err; make sure the code is set. */
			if (err != NULL && err->code == SEAL_OK)
				seal_err_set(err, st, "PDF text callback failed");
			return SEAL_PDF_ERROR;
		}
	}
	/* A single slow last page is still over budget: do not call it clean. */
	if (g_get_monotonic_time() - started > budget) {
		set_reason(reason, reason_size, "PDF took too long");
		return SEAL_PDF_UNSCANNABLE;
	}
	return SEAL_PDF_OK;
}

seal_pdf_status
seal_pdf_extract(const char *data, size_t len, const seal_pdf_limits *limits,
	seal_pdf_text_fn fn, void *ctx, char *reason, size_t reason_size,
	seal_err *err)
{
	seal_pdf_limits def;
	PopplerDocument *doc;
	seal_pdf_status status;

	set_reason(reason, reason_size, "");
	if (!has_pdf_header(data, len))
		return SEAL_PDF_NOT_PDF;
	if (fn == NULL) {
		seal_err_set(err, SEAL_ERR_USAGE, "seal_pdf_extract: no callback");
		return SEAL_PDF_ERROR;
	}
	if (limits == NULL) {
		seal_pdf_limits_default(&def);
		limits = &def;
	}
	g_mutex_lock(&pdf_lock);
	doc = open_document(data, len, reason, reason_size);
	if (doc == NULL) {
		g_mutex_unlock(&pdf_lock);
		return SEAL_PDF_UNSCANNABLE;
	}
	status = walk_pages(doc, limits, fn, ctx, reason, reason_size, err);
	g_object_unref(doc);
	g_mutex_unlock(&pdf_lock);
	return status;
}
