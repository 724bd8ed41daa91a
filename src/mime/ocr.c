/*
 * ocr.c - pictures read with Tesseract (ocr.h).
 *
 * A picture is decoded by Leptonica after its header says how large it
 * is (so a bomb is refused before it is decoded), made grey, cleaned for
 * Tesseract's layout analysis (a 3x3 median takes copier speckle off
 * scans; small skew is taken out, as a rotated page splits its lines),
 * enlarged when small (Tesseract wants text lines of 20 pixels or more)
 * and recognised. The text gets the OCR profile (ocrprofile.h).
 *
 * Leptonica and Tesseract write diagnostics to stderr; the core never
 * logs (STYLE.md 4), so both are silenced.
 */
#include <stdio.h>
#include <string.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "heif.h"
#include "ocr.h"
#include "ocrprofile.h"

#ifndef SEAL_TESSDATA
#define SEAL_TESSDATA "/usr/share/tesseract-ocr/5/tessdata"
#endif

/* Scans are wider than this (A5 at 150 dpi): the median filter is for them. */
#define OCR_SCAN_MIN_WIDTH   1200
/* Pictures lower than this are enlarged 3x before recognition. */
#define OCR_SMALL_HEIGHT     100
/* How often the progress callback is called while Tesseract works (us). */
#define OCR_PROGRESS_EVERY   G_USEC_PER_SEC

typedef struct ocr_handle {
	TessBaseAPI *api;
	char *languages;
} ocr_handle;

static GMutex pool_lock;
static GCond pool_cond;
static GPtrArray *pool_idle;     /* ocr_handle * */
static unsigned pool_live;       /* handles in existence, idle or busy */

static gsize quiet_once;

static void
quiet(void)
{
	if (g_once_init_enter(&quiet_once)) {
		setMsgSeverity(L_SEVERITY_NONE);
		g_once_init_leave(&quiet_once, 1);
	}
}

/* The folder of the language data: TESSDATA_PREFIX as Tesseract reads it. */
static const char *
data_path(void)
{
	const char *env = g_getenv("TESSDATA_PREFIX");

	return env != NULL && env[0] != '\0' ? env : SEAL_TESSDATA;
}

int
seal_ocr_languages_check(const char *languages, char *why, size_t why_size)
{
	gchar **langs;
	int ok = 1;

	if (languages == NULL || languages[0] == '\0') {
		g_snprintf(why, why_size, "no OCR language given");
		return 0;
	}
	langs = g_strsplit(languages, "+", -1);
	for (gchar **l = langs; ok && *l != NULL; l++) {
		char *file;

		if ((*l)[0] == '\0' || strspn(*l, "abcdefghijklmnopqrstuvwxyz_") != strlen(*l)) {
			g_snprintf(why, why_size, "\"%.40s\" is not a Tesseract language name "
			    "(write them as dan+swe+eng)", *l);
			ok = 0;
			break;
		}
		file = g_strdup_printf("%s/%s.traineddata", data_path(), *l);
		if (!g_file_test(file, G_FILE_TEST_IS_REGULAR)) {
			g_snprintf(why, why_size, "OCR language %s is not installed (%s missing; "
			    "Debian package tesseract-ocr-%s)", *l, file, *l);
			ok = 0;
		}
		g_free(file);
	}
	g_strfreev(langs);
	return ok;
}

static void
handle_free(gpointer p)
{
	ocr_handle *h = p;

	if (h == NULL)
		return;
	TessBaseAPIDelete(h->api);
	g_free(h->languages);
	g_free(h);
}

/* A new handle for languages (outside the lock: loading takes a while). */
static ocr_handle *
handle_new(const char *languages)
{
	ocr_handle *h = g_new0(ocr_handle, 1);

	h->api = TessBaseAPICreate();
	h->languages = g_strdup(languages);
	if (TessBaseAPIInit3(h->api, data_path(), languages) != 0) {
		handle_free(h);
		return NULL;
	}
	TessBaseAPISetVariable(h->api, "debug_file", "/dev/null");
	return h;
}

static void progress(seal_ocr_run *run);

/* A handle being made by a helper thread while the caller reports progress. */
typedef struct init_job {
	GMutex lock;
	GCond cond;
	int done;
	const char *languages;
	ocr_handle *h;
} init_job;

static gpointer
init_thread(gpointer p)
{
	init_job *job = p;
	ocr_handle *h = handle_new(job->languages);

	g_mutex_lock(&job->lock);
	job->h = h;
	job->done = 1;
	g_cond_signal(&job->cond);
	g_mutex_unlock(&job->lock);
	return NULL;
}

/*
 * Loading the models takes a second or two, much more on a loaded machine
 * (16 s measured with other builds running): longer than an MTA's milter
 * timeout may be set. It runs in a helper thread while this one calls the
 * progress callback once a second.
 */
static ocr_handle *
handle_new_progress(seal_ocr_run *run)
{
	init_job job;
	GThread *t;
	ocr_handle *h;

	memset(&job, 0, sizeof(job));
	g_mutex_init(&job.lock);
	g_cond_init(&job.cond);
	job.languages = run->languages;
	t = g_thread_try_new("seal-ocr-init", init_thread, &job, NULL);
	if (t == NULL) {
		h = handle_new(run->languages);
	} else {
		g_mutex_lock(&job.lock);
		while (!job.done) {
			g_cond_wait_until(&job.cond, &job.lock,
			    g_get_monotonic_time() + G_USEC_PER_SEC);
			if (!job.done) {
				g_mutex_unlock(&job.lock);
				progress(run);
				g_mutex_lock(&job.lock);
			}
		}
		g_mutex_unlock(&job.lock);
		g_thread_join(t);
		h = job.h;
	}
	g_mutex_clear(&job.lock);
	g_cond_clear(&job.cond);
	return h;
}

static unsigned
pool_max(void)
{
	unsigned n = g_get_num_processors();

	return CLAMP(n, 1, 8);
}

/*
 * A handle for run's languages: an idle one, a new one while fewer than
 * pool_max() exist, else the first to come back (waiting until the
 * deadline). NULL with *timeout set, or on a failed start.
 */
static ocr_handle *
pool_get(seal_ocr_run *run, int *timeout)
{
	ocr_handle *h = NULL;

	*timeout = 0;
	g_mutex_lock(&pool_lock);
	if (pool_idle == NULL)
		pool_idle = g_ptr_array_new();
	for (;;) {
		for (guint i = 0; i < pool_idle->len; i++) {
			ocr_handle *c = g_ptr_array_index(pool_idle, i);

			if (strcmp(c->languages, run->languages) == 0) {
				g_ptr_array_remove_index_fast(pool_idle, i);
				g_mutex_unlock(&pool_lock);
				return c;
			}
		}
		if (pool_idle->len > 0) {
			/* idle with other languages (a reload changed them): replace it */
			handle_free(g_ptr_array_steal_index_fast(pool_idle, 0));
			pool_live--;
		}
		if (pool_live < pool_max())
			break;
		if (run->deadline == 0)
			g_cond_wait(&pool_cond, &pool_lock);
		else if (!g_cond_wait_until(&pool_cond, &pool_lock, run->deadline)) {
			*timeout = 1;
			g_mutex_unlock(&pool_lock);
			return NULL;
		}
	}
	pool_live++;
	g_mutex_unlock(&pool_lock);
	h = handle_new_progress(run);
	if (h == NULL) {
		g_mutex_lock(&pool_lock);
		pool_live--;
		g_cond_signal(&pool_cond);
		g_mutex_unlock(&pool_lock);
	}
	return h;
}

static void
pool_put(ocr_handle *h)
{
	TessBaseAPIClear(h->api);
	g_mutex_lock(&pool_lock);
	g_ptr_array_add(pool_idle, h);
	g_cond_signal(&pool_cond);
	g_mutex_unlock(&pool_lock);
}

void
seal_ocr_shutdown(void)
{
	g_mutex_lock(&pool_lock);
	if (pool_idle != NULL) {
		pool_live -= pool_idle->len;
		g_ptr_array_set_free_func(pool_idle, handle_free);
		g_ptr_array_free(pool_idle, TRUE);
		pool_idle = NULL;
	}
	g_mutex_unlock(&pool_lock);
}

static void
progress(seal_ocr_run *run)
{
	gint64 now = g_get_monotonic_time();

	if (run->progress != NULL && now - run->last_progress >= OCR_PROGRESS_EVERY) {
		run->last_progress = now;
		run->progress(run->progress_ctx);
	}
}

/* Tesseract's cancel hook, called per word: progress, and the deadline. */
static bool
cancel_hook(void *ctx, int words)
{
	seal_ocr_run *run = ctx;

	(void)words;
	progress(run);
	return run->deadline != 0 && g_get_monotonic_time() > run->deadline;
}

static void
set_reason(char *reason, size_t size, const char *text)
{
	if (reason != NULL && size > 0)
		g_strlcpy(reason, text, size);
}

/*
 * Grey, despeckled, deskewed, enlarged when small: the picture to read.
 * Each step of a full page takes a fraction of a second: progress between.
 */
static PIX *
prepare(seal_ocr_run *run, PIX *pix)
{
	PIX *g = pixConvertTo8(pix, 0), *t;

	if (g == NULL)
		return NULL;
	progress(run);
	if (pixGetWidth(g) >= OCR_SCAN_MIN_WIDTH && (t = pixMedianFilter(g, 3, 3)) != NULL) {
		pixDestroy(&g);
		g = t;
	}
	progress(run);
	if (pixGetWidth(g) >= OCR_SCAN_MIN_WIDTH && (t = pixDeskew(g, 0)) != NULL) {
		pixDestroy(&g);
		g = t;
	}
	progress(run);
	if (pixGetHeight(g) < OCR_SMALL_HEIGHT && (t = pixScale(g, 3.0, 3.0)) != NULL) {
		pixDestroy(&g);
		g = t;
	}
	return g;
}

/* Recognises pix (any depth; consumed) into out. */
static seal_ocr_status
recognise(seal_ocr_run *run, PIX *pix, int dpi, GString *out, char *reason,
	size_t reason_size)
{
	ETEXT_DESC *mon;
	ocr_handle *h;
	int scale = pixGetHeight(pix) < OCR_SMALL_HEIGHT ? 3 : 1;
	PIX *g = prepare(run, pix);
	char *text;
	int timeout, rc;

	pixDestroy(&pix);
	if (g == NULL) {
		set_reason(reason, reason_size, "picture could not be prepared for OCR");
		return SEAL_OCR_UNREADABLE;
	}
	progress(run);
	h = pool_get(run, &timeout);
	if (h == NULL) {
		pixDestroy(&g);
		set_reason(reason, reason_size, timeout ? "OCR time budget spent" :
		    "OCR engine could not start (language data)");
		return timeout ? SEAL_OCR_TIMEOUT : SEAL_OCR_UNREADABLE;
	}
	progress(run);
	TessBaseAPISetImage2(h->api, g);
	/* A resolution the picture declares (JFIF, pHYs) helps the layout
	 * analysis; without one Tesseract estimates it from the text. */
	if (dpi >= 70 && dpi <= 1200)
		TessBaseAPISetSourceResolution(h->api, dpi * scale);
	/* Layout analysis runs before Tesseract's per-word hook is ever called:
	 * done here on its own so the progress callback runs right after it. */
	TessPageIteratorDelete(TessBaseAPIAnalyseLayout(h->api));
	progress(run);
	mon = TessMonitorCreate();
	TessMonitorSetCancelFunc(mon, cancel_hook);
	TessMonitorSetCancelThis(mon, run);
	rc = TessBaseAPIRecognize(h->api, mon);
	TessMonitorDelete(mon);
	pixDestroy(&g);
	if (run->deadline != 0 && g_get_monotonic_time() > run->deadline) {
		pool_put(h);
		set_reason(reason, reason_size, "OCR time budget spent");
		return SEAL_OCR_TIMEOUT;
	}
	text = rc == 0 ? TessBaseAPIGetUTF8Text(h->api) : NULL;
	pool_put(h);
	if (text == NULL) {
		set_reason(reason, reason_size, "OCR engine failed on a picture");
		return SEAL_OCR_UNREADABLE;
	}
	seal_ocrprofile_apply(text, strlen(text));
	g_string_append(out, text);
	memset(text, 0, strlen(text));
	TessDeleteText(text);
	progress(run);
	return SEAL_OCR_OK;
}

int
seal_ocr_is_image(const uint8_t *d, size_t n)
{
	return (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) ||
	    (n >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0) ||
	    (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0)) ||
	    /* BMP: "BM" alone starts too many files; the DIB header size too */
	    (n >= 18 && memcmp(d, "BM", 2) == 0 && (d[14] == 12 || d[14] == 40 ||
	    d[14] == 52 || d[14] == 56 || d[14] == 108 || d[14] == 124) &&
	    d[15] == 0 && d[16] == 0 && d[17] == 0) ||
	    (n >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0)) ||
	    (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0) ||
	    seal_heif_is(d, n);
}

static int
is_tiff(l_int32 format)
{
	return format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_G3 ||
	    format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP || format == IFF_TIFF_PACKBITS ||
	    format == IFF_TIFF_RLE || format == IFF_TIFF_JPEG;
}

unsigned
seal_ocr_image_pages(const uint8_t *d, size_t n)
{
	l_int32 format = 0, count = 0;
	FILE *fp;

	quiet();
	if (seal_heif_is(d, n))
		return seal_heif_size(d, n, (unsigned[]){ 0 }, (unsigned[]){ 0 }) ? 1 : 0;
	if (!seal_ocr_is_image(d, n) || findFileFormatBuffer(d, &format) != 0)
		return 0;
	if (!is_tiff(format))
		return 1;
	/* Leptonica counts TIFF directories on a stream only */
	fp = fmemopen((void *)(uintptr_t)d, n, "rb");
	if (fp == NULL)
		return 0;
	if (tiffGetCount(fp, &count) != 0 || count < 0)
		count = 0;
	fclose(fp);
	return (unsigned)count;
}

uint64_t
seal_ocr_image_pixels(const uint8_t *d, size_t n)
{
	l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
	unsigned hw, hh;

	quiet();
	if (seal_heif_is(d, n))
		return seal_heif_size(d, n, &hw, &hh) ? (uint64_t)hw * hh : 0;
	if (!seal_ocr_is_image(d, n) ||
	    pixReadHeaderMem(d, n, &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0)
		return 0;
	return (uint64_t)w * (uint64_t)h;
}

/* A grey picture w x h (rows of w bytes) as an 8-bit PIX, or NULL. */
static PIX *
gray_pix(const uint8_t *gray, unsigned w, unsigned h, size_t stride)
{
	PIX *pix = pixCreate((l_int32)w, (l_int32)h, 8);

	if (pix == NULL)
		return NULL;
	for (unsigned y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(pix) + (size_t)y * (size_t)pixGetWpl(pix);
		const uint8_t *src = gray + (size_t)y * stride;

		for (unsigned x = 0; x < w; x++)
			SET_DATA_BYTE(line, x, src[x]);
	}
	return pix;
}

/* A HEIF or AVIF picture (heif.h) as a PIX: NULL with *st and reason set. */
static PIX *
heif_pix(const uint8_t *d, size_t n, seal_ocr_status *st, char *reason, size_t reason_size)
{
	unsigned w = 0, h = 0;
	uint8_t *gray = seal_heif_gray(d, n, SEAL_OCR_MAX_PIXELS, &w, &h, reason, reason_size);
	PIX *pix;

	if (gray == NULL)
		return NULL;
	if (w < SEAL_OCR_MIN_WIDTH || h < SEAL_OCR_MIN_HEIGHT) {
		*st = SEAL_OCR_TINY;
		pix = NULL;
	} else if ((pix = gray_pix(gray, w, h, w)) == NULL)
		set_reason(reason, reason_size, "picture could not be prepared for OCR");
	memset(gray, 0, (size_t)w * h);
	g_free(gray);
	return pix;
}

/* Decodes page `page` of d: NULL with *st set when it cannot be read. */
static PIX *
decode(const uint8_t *d, size_t n, unsigned page, seal_ocr_status *st, char *reason,
	size_t reason_size)
{
	l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
	PIX *pix;

	quiet();
	*st = SEAL_OCR_UNREADABLE;
	if (!seal_ocr_is_image(d, n)) {
		*st = SEAL_OCR_NOT_IMAGE;
		return NULL;
	}
	if (seal_heif_is(d, n) && page > 0) {
		*st = SEAL_OCR_NO_PAGE;
		return NULL;
	}
	if (seal_heif_is(d, n))
		return heif_pix(d, n, st, reason, reason_size);
	if (pixReadHeaderMem(d, n, &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 ||
	    h <= 0) {
		set_reason(reason, reason_size, "picture could not be decoded");
		return NULL;
	}
	if ((uint64_t)w * (uint64_t)h > SEAL_OCR_MAX_PIXELS) {
		set_reason(reason, reason_size, "picture too large to read");
		return NULL;
	}
	if (is_tiff(format)) {
		pix = pixReadMemTiff(d, n, (l_int32)page);
		if (pix == NULL && page > 0) {
			*st = SEAL_OCR_NO_PAGE;
			return NULL;
		}
	} else if (page > 0) {
		*st = SEAL_OCR_NO_PAGE;
		return NULL;
	} else {
		pix = pixReadMem(d, n);
	}
	if (pix == NULL) {
		set_reason(reason, reason_size, "picture could not be decoded");
		return NULL;
	}
	if (pixGetWidth(pix) < SEAL_OCR_MIN_WIDTH || pixGetHeight(pix) < SEAL_OCR_MIN_HEIGHT) {
		pixDestroy(&pix);
		*st = SEAL_OCR_TINY;
		return NULL;
	}
	if ((uint64_t)pixGetWidth(pix) * (uint64_t)pixGetHeight(pix) > SEAL_OCR_MAX_PIXELS) {
		pixDestroy(&pix);
		set_reason(reason, reason_size, "picture too large to read");
		return NULL;
	}
	return pix;
}

seal_ocr_status
seal_ocr_image(seal_ocr_run *run, const uint8_t *d, size_t n, unsigned page, GString *out,
	char *reason, size_t reason_size)
{
	seal_ocr_status st;
	PIX *pix;

	progress(run);
	pix = decode(d, n, page, &st, reason, reason_size);
	if (pix == NULL)
		return st;
	return recognise(run, pix, pixGetXRes(pix), out, reason, reason_size);
}

seal_ocr_status
seal_ocr_gray(seal_ocr_run *run, const uint8_t *gray, unsigned w, unsigned h, size_t stride,
	unsigned dpi, GString *out, char *reason, size_t reason_size)
{
	PIX *pix;

	quiet();
	if (w < SEAL_OCR_MIN_WIDTH || h < SEAL_OCR_MIN_HEIGHT)
		return SEAL_OCR_TINY;
	if ((uint64_t)w * h > SEAL_OCR_MAX_PIXELS) {
		set_reason(reason, reason_size, "page too large to read");
		return SEAL_OCR_UNREADABLE;
	}
	pix = gray_pix(gray, w, h, stride);
	if (pix == NULL) {
		set_reason(reason, reason_size, "page could not be prepared for OCR");
		return SEAL_OCR_UNREADABLE;
	}
	pixSetResolution(pix, (l_int32)dpi, (l_int32)dpi);
	return recognise(run, pix, (int)dpi, out, reason, reason_size);
}
