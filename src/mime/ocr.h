/*
 * ocr.h - text in pictures: images (PNG, JPEG, TIFF, GIF, BMP, WebP, as
 * Leptonica reads them) and rendered PDF pages read with Tesseract, the
 * OCR profile (ocrprofile.h) applied to what it reads.
 *
 * Per message, a seal_ocr_run carries the languages, the deadline (the
 * time budget of ocr_time_budget) and the progress callback the daemon
 * uses to keep the MTA's milter timeout from firing (smfi_progress): it is
 * called between pictures and at least once a second while Tesseract
 * works. A recognition cut short by the deadline gives SEAL_OCR_TIMEOUT;
 * the caller makes the message unscannable, never clean.
 *
 * Tesseract handles are expensive (model loading, ~100 MB with five
 * languages): a process-wide pool creates them lazily, at most one per
 * processor (more would only queue for the CPU), and reuses them; a thread
 * that finds all busy waits until one is free or its deadline passes.
 * seal_ocr_shutdown() frees the idle ones at exit.
 *
 * Ownership: callers keep their buffers; text is appended to the caller's
 * GString (wipe it after use: it holds what the picture shows).
 * Thread safety: all functions may be called from any thread.
 * Errors: statuses below, with a reason (no personal data) where set.
 */
#ifndef SEAL_OCR_H
#define SEAL_OCR_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/*
 * Pictures smaller than this on either side cannot show a legible
 * identity number (measured: Tesseract reads an 11-character number line
 * from 7-pixel digits, a 51 x 11 pixel line, and no longer from 6-pixel ones; doc/DETECTION.md):
 * tracking pixels, spacers, icons. They are skipped and counted.
 */
#define SEAL_OCR_MIN_WIDTH    40
#define SEAL_OCR_MIN_HEIGHT   10
/* Larger pictures are not decoded (a decompression bomb): unscannable. */
#define SEAL_OCR_MAX_PIXELS   ((uint64_t)120 * 1000 * 1000)
/*
 * A picture of at least this many pixels is a page (an A5 scanned at 150
 * dpi is 0.87 million): it counts against ocr_max_pages. Smaller ones
 * (signature logos, banners, inline pictures of a newsletter) are read
 * within the time budget only, so a reply chain with a dozen logos is not
 * made unscannable by the page bound.
 */
#define SEAL_OCR_PAGE_PIXELS  ((uint64_t)800 * 1000)
/* Resolution PDF pages are rendered at (doc/DETECTION.md: measured). */
#define SEAL_OCR_PDF_DPI      300

typedef struct seal_ocr_run {
	const char *languages;      /* Tesseract languages, "dan+swe+nor+fin+eng" */
	gint64 deadline;            /* g_get_monotonic_time() limit; 0: none */
	void (*progress)(void *ctx);/* may be NULL */
	void *progress_ctx;
	gint64 last_progress;       /* internal */
} seal_ocr_run;

typedef enum seal_ocr_status {
	SEAL_OCR_OK = 0,            /* text appended (possibly nothing) */
	SEAL_OCR_NOT_IMAGE,         /* not a picture Leptonica knows */
	SEAL_OCR_NO_PAGE,           /* page index past the last page */
	SEAL_OCR_TINY,              /* below SEAL_OCR_MIN_*: skipped */
	SEAL_OCR_UNREADABLE,        /* broken, too large, engine failed: reason set */
	SEAL_OCR_TIMEOUT            /* the run's deadline passed: reason set */
} seal_ocr_status;

/* The bytes start like a picture format (PNG, JPEG, GIF, BMP, TIFF, WebP). */
int seal_ocr_is_image(const uint8_t *d, size_t n);

/* Pages of the picture: a TIFF's directories, 1 for the others (0: unreadable). */
unsigned seal_ocr_image_pages(const uint8_t *d, size_t n);

/* Width times height of the (first page of the) picture from its header; 0 unknown. */
uint64_t seal_ocr_image_pixels(const uint8_t *d, size_t n);

/*
 * Reads page `page` (0-based; TIFF may have several, others one) of the
 * picture d[0..n) and appends its text, OCR profile applied, to out.
 */
seal_ocr_status seal_ocr_image(seal_ocr_run *run, const uint8_t *d, size_t n,
	unsigned page, GString *out, char *reason, size_t reason_size);

/* The same for an 8-bit grey bitmap (a rendered PDF page) at dpi. */
seal_ocr_status seal_ocr_gray(seal_ocr_run *run, const uint8_t *gray, unsigned w,
	unsigned h, size_t stride, unsigned dpi, GString *out, char *reason,
	size_t reason_size);

/*
 * Configuration check: languages is "a+b+c" of names [a-z_] and each has
 * a traineddata file in the language data folder; 0 with why naming the
 * first missing one.
 */
int seal_ocr_languages_check(const char *languages, char *why, size_t why_size);

/* Frees the idle Tesseract handles (at exit, after the scanning threads). */
void seal_ocr_shutdown(void);

#endif
