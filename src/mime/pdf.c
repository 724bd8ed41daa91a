/*
 * pdf.c - what a reader of a PDF attachment can see, via poppler-glib: the
 * text layer page by page, then the link targets, the annotations' texts,
 * the form fields' values, the document information and XMP metadata, and
 * the embedded files (handed back as bytes for the caller to scan).
 *
 * Only the text poppler finds is returned; pages without one, and the
 * pictures of pages with one, go to the caller's page callback
 * (seal_pdf_extract_ocr, pdf_ocr.h). The text is passed on
 * as poppler lays it out; the detector's line-break rules deal with numbers
 * split over lines. Anything we cannot read completely (password, broken
 * file, limits) is "unscannable" rather than "clean", so the caller's
 * unscannable_action applies: reading half a PDF and calling it done would
 * be fail-open.
 */
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib.h>
#include <poppler.h>

#include "pdf.h"
#include "pdf_flat.h"
#include "pdf_ocr.h"
#include "ocr.h"

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
	l->max_files = 100;
	l->max_embedded = (size_t)64 * 1024 * 1024;
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
page_text(PopplerPage *page)
{
	char *raw, *text;

	raw = poppler_page_get_text(page);
	if (raw == NULL)
		return g_strdup("");
	if (g_utf8_validate(raw, -1, NULL))
		return raw;
	text = g_utf8_make_valid(raw, -1);
	g_free(raw);
	return text;
}

/* One extraction: limits, clock, and what is collected besides pages. */
typedef struct pdf_run {
	const seal_pdf_limits *limits;
	gint64 started, budget;
	size_t total;           /* bytes of text handed over or collected */
	GString *links, *annots, *forms, *meta;
	GPtrArray *files;       /* pdf_file, handed over after the lock */
	GArray *scanned;        /* seal_pdf_ocr_item: pages and pictures to OCR,
	                         * after the lock */
	int want_ocr;           /* a page callback was given */
	size_t file_bytes;
	char *reason;
	size_t reason_size;
} pdf_run;

typedef struct pdf_file {
	char *name;
	GByteArray *data;
} pdf_file;

static void
pdf_file_free(gpointer p)
{
	pdf_file *f = p;

	g_free(f->name);
	g_byte_array_free(f->data, TRUE);
	g_free(f);
}

static int
over_time(const pdf_run *r)
{
	return g_get_monotonic_time() - r->started > r->budget;
}

/*
 * Adds one visible string to a collected text. Items are separated by a
 * paragraph break, so digits of two fields never join into one number.
 * 0 when the text limit is reached (reason set).
 */
static int
add_item(pdf_run *r, GString *to, const char *s)
{
	size_t len;

	if (s == NULL || *s == '\0')
		return 1;
	len = strlen(s) + 2;
	if (len > r->limits->max_text - r->total) {
		set_reason(r->reason, r->reason_size, "PDF has too much text");
		return 0;
	}
	r->total += len;
	if (g_utf8_validate(s, -1, NULL)) {
		g_string_append(to, s);
	} else {
		char *v = g_utf8_make_valid(s, -1);

		g_string_append(to, v);
		g_free(v);
	}
	g_string_append(to, "\n\n");
	return 1;
}

/* add_item for a string the caller owns and that is freed here. */
static int
add_owned(pdf_run *r, GString *to, char *s)
{
	int ok = add_item(r, to, s);

	g_free(s);
	return ok;
}

static gboolean
save_chunk(const gchar *buf, gsize count, gpointer data, GError **error)
{
	pdf_run *r = ((gpointer *) data)[0];
	GByteArray *to = ((gpointer *) data)[1];

	if (count > r->limits->max_embedded - r->file_bytes) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
		    "too big");
		return FALSE;
	}
	r->file_bytes += count;
	g_byte_array_append(to, (const guint8 *) buf, (guint) count);
	return TRUE;
}

/*
 * Keeps the bytes of an embedded file (EmbeddedFiles name tree or a file
 * attachment annotation) and puts its name and description, which the
 * reader's attachment pane shows, into the metadata text.
 */
static int
keep_attachment(pdf_run *r, PopplerAttachment *att)
{
	pdf_file *f;
	gpointer pass[2];
	GError *gerr = NULL;
	const char *name = poppler_attachment_get_name(att);

	if (r->files->len >= r->limits->max_files) {
		set_reason(r->reason, r->reason_size,
		    "PDF has too many embedded files");
		return 0;
	}
	if (!add_item(r, r->meta, name) ||
	    !add_item(r, r->meta, poppler_attachment_get_description(att)))
		return 0;
	f = g_new0(pdf_file, 1);
	f->data = g_byte_array_new();
	f->name = g_strdup(name != NULL && *name != '\0' ? name : "unnamed");
	if (!g_utf8_validate(f->name, -1, NULL)) {
		char *v = g_utf8_make_valid(f->name, -1);

		g_free(f->name);
		f->name = v;
	}
	g_ptr_array_add(r->files, f);
	pass[0] = r;
	pass[1] = f->data;
	if (!poppler_attachment_save_to_callback(att, save_chunk, pass, &gerr)) {
		set_reason(r->reason, r->reason_size, gerr != NULL &&
		    g_error_matches(gerr, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ?
		    "PDF embedded files too large" :
		    "PDF embedded file could not be read");
		if (gerr != NULL)
			g_error_free(gerr);
		return 0;
	}
	return 1;
}

/* Link targets a reader can follow or hover: URI, launched or remote file. */
static int
page_links(pdf_run *r, PopplerPage *page)
{
	GList *list = poppler_page_get_link_mapping(page), *l;
	int ok = 1;

	for (l = list; l != NULL && ok; l = l->next) {
		PopplerAction *a = ((PopplerLinkMapping *) l->data)->action;

		if (a == NULL)
			continue;
		switch (a->type) {
		case POPPLER_ACTION_URI:
			ok = add_item(r, r->links, a->uri.uri);
			break;
		case POPPLER_ACTION_LAUNCH:
			ok = add_item(r, r->links, a->launch.file_name) &&
			    add_item(r, r->links, a->launch.params);
			break;
		case POPPLER_ACTION_GOTO_REMOTE:
			ok = add_item(r, r->links, a->goto_remote.file_name);
			break;
		default:
			break;
		}
	}
	poppler_page_free_link_mapping(list);
	return ok;
}

/* Comments, sticky notes, free text: contents, author label, subject. */
static int
page_annots(pdf_run *r, PopplerPage *page)
{
	GList *list = poppler_page_get_annot_mapping(page), *l;
	int ok = 1;

	for (l = list; l != NULL && ok; l = l->next) {
		PopplerAnnot *an = ((PopplerAnnotMapping *) l->data)->annot;

		ok = add_owned(r, r->annots, poppler_annot_get_contents(an));
		if (ok && POPPLER_IS_ANNOT_MARKUP(an)) {
			PopplerAnnotMarkup *m = POPPLER_ANNOT_MARKUP(an);

			ok = add_owned(r, r->annots,
			    poppler_annot_markup_get_label(m)) &&
			    add_owned(r, r->annots,
			    poppler_annot_markup_get_subject(m));
		}
		if (ok && POPPLER_IS_ANNOT_FILE_ATTACHMENT(an)) {
			PopplerAttachment *att =
			    poppler_annot_file_attachment_get_attachment(
			    POPPLER_ANNOT_FILE_ATTACHMENT(an));

			if (att != NULL) {
				ok = keep_attachment(r, att);
				g_object_unref(att);
			}
		}
	}
	poppler_page_free_annot_mapping(list);
	return ok;
}

/*
 * Reading order of two form fields: by row (fields whose tops lie within
 * 4 points are one row), then left to right. poppler lists them in its
 * own order, often the reverse of the page's.
 */
static gint
field_order(gconstpointer a, gconstpointer b)
{
	const PopplerRectangle *ra = &((const PopplerFormFieldMapping *)a)->area;
	const PopplerRectangle *rb = &((const PopplerFormFieldMapping *)b)->area;
	double ta = MAX(ra->y1, ra->y2), tb = MAX(rb->y1, rb->y2);

	if (ta - tb > 4.0 || tb - ta > 4.0)
		return ta > tb ? -1 : 1;
	return ra->x1 < rb->x1 ? -1 : ra->x1 > rb->x1 ? 1 : 0;
}

/* Filled-in form fields: text values, choice items and typed text, and
 * the tooltip a reader shows on hover. A form often asks for one number
 * in two boxes (date of birth, then the last four digits): the page's text
 * values are handed over once more joined by spaces, in reading order
 * (field_order), after the first such field's tooltip as the label a
 * reader sees before the boxes, so a number split over boxes is seen
 * whole and in its context. */
static int
page_forms(pdf_run *r, PopplerPage *page)
{
	GList *list = poppler_page_get_form_field_mapping(page), *l;
	GString *values = g_string_new(NULL);
	unsigned nvalues = 0;
	int ok = 1;

	list = g_list_sort(list, field_order);
	for (l = list; l != NULL && ok; l = l->next) {
		PopplerFormField *f = ((PopplerFormFieldMapping *) l->data)->field;
		char *v;
		int i, n;

		ok = add_owned(r, r->forms,
		    poppler_form_field_get_alternate_ui_name(f));
		switch (poppler_form_field_get_field_type(f)) {
		case POPPLER_FORM_FIELD_TEXT:
			v = poppler_form_field_text_get_text(f);
			if (v != NULL && *v != '\0' && nvalues == 0) {
				char *tip = poppler_form_field_get_alternate_ui_name(f);

				if (tip != NULL && g_utf8_validate(tip, -1, NULL)) {
					g_string_append(values, tip);
					g_string_append(values, ": ");
				}
				g_free(tip);
			}
			if (v != NULL && *v != '\0') {
				g_string_append(values, v);
				g_string_append_c(values, ' ');
				nvalues++;
			}
			ok = ok && add_owned(r, r->forms, v);
			break;
		case POPPLER_FORM_FIELD_CHOICE:
			n = poppler_form_field_choice_get_n_items(f);
			for (i = 0; ok && i < n; i++)
				ok = add_owned(r, r->forms,
				    poppler_form_field_choice_get_item(f, i));
			ok = ok && add_owned(r, r->forms,
			    poppler_form_field_choice_get_text(f));
			break;
		default:
			break;
		}
	}
	poppler_page_free_form_field_mapping(list);
	if (ok && nvalues > 1)
		ok = add_item(r, r->forms, values->str);
	memset(values->str, 0, values->len);
	g_string_free(values, TRUE);
	return ok;
}

/*
 * poppler-glib 22.12 crashes in poppler_document_get_attachments when an
 * EmbeddedFiles entry is an indirect reference to a string object (its
 * FileSpec is "ok" but has no embedded file, which it then dereferences).
 * So the list is only read when no indirect object can be a string: no
 * "N G obj" whose value starts with ( or a single <, and no object streams
 * (their objects cannot be seen without decoding them: flat_attachments
 * then looks again at a copy written without them). Otherwise the PDF is
 * unscannable: fail closed rather than crash the daemon.
 *
 * Returns ATT_SAFE, ATT_STRING when an indirect string object is seen in
 * the file (a qpdf copy keeps it: no copy is made, the PDF is unscannable
 * at once), or ATT_OBJSTM when only object streams hide what their
 * objects are (the qpdf copy can tell).
 */
enum { ATT_SAFE, ATT_STRING, ATT_OBJSTM };

static int
attachments_check(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while ((p = memmem(p, (size_t)(end - p), "obj", 3)) != NULL) {
		const char *q = p + 3;

		p += 3;
		if (q - 4 >= data && (q[-4] == 'd' || g_ascii_isalpha(q[-4])))
			continue;       /* endobj or a longer word */
		while (q < end) {
			if (*q == '%') {
				while (q < end && *q != '\n' && *q != '\r')
					q++;
			} else if (*q == ' ' || *q == '\n' || *q == '\r' ||
			    *q == '\t' || *q == '\f' || *q == '\0') {
				q++;
			} else {
				break;
			}
		}
		if (q < end && (*q == '(' || (*q == '<' && (q + 1 >= end ||
		    q[1] != '<'))))
			return ATT_STRING;
	}
	return memmem(data, len, "/ObjStm", 7) != NULL ? ATT_OBJSTM : ATT_SAFE;
}

/*
 * Embedded files of a PDF whose objects are hidden in object streams:
 * the file is rewritten without them (pdf_flat.h), checked again, and the
 * list is read from the rewritten copy. Unscannable when the copy cannot
 * be made or still holds an indirect string (the crash above).
 */
static int
flat_attachments(pdf_run *r, const char *data, size_t len)
{
	char *flat = NULL, why[64];
	size_t flen = 0;
	PopplerDocument *doc = NULL;
	GList *list, *l;
	int ok = 1;

	if (seal_pdf_flatten(data, len, &flat, &flen) != 0 ||
	    attachments_check(flat, flen) != ATT_SAFE ||
	    (doc = open_document(flat, flen, why, sizeof(why))) == NULL) {
		set_reason(r->reason, r->reason_size,
		    "PDF embedded files cannot be listed safely");
		g_free(flat);
		return 0;
	}
	list = poppler_document_get_attachments(doc);
	for (l = list; l != NULL && ok; l = l->next)
		ok = keep_attachment(r, l->data);
	g_list_free_full(list, g_object_unref);
	/* keep_attachment copied the bytes: the copy and its document go */
	g_object_unref(doc);
	memset(flat, 0, flen);
	g_free(flat);
	return ok;
}

/* Outline (bookmark) entries read at most, and their nesting. */
#define OUTLINE_MAX 10000
#define OUTLINE_DEPTH 32

/*
 * Bookmark titles (the outline, PDF 32000 12.3.3): a viewer lists them
 * in its side panel. Each title is an item of the metadata text.
 */
static int
outline(pdf_run *r, PopplerIndexIter *it, unsigned depth, unsigned *count)
{
	int ok = 1;

	if (depth > OUTLINE_DEPTH)
		return 1;
	do {
		PopplerAction *a = poppler_index_iter_get_action(it);
		PopplerIndexIter *child;

		if (a != NULL) {
			ok = add_item(r, r->meta, a->any.title);
			poppler_action_free(a);
		}
		if (ok && (child = poppler_index_iter_get_child(it)) != NULL) {
			ok = outline(r, child, depth + 1, count);
			poppler_index_iter_free(child);
		}
	} while (ok && ++*count < OUTLINE_MAX && !over_time(r) &&
	    poppler_index_iter_next(it));
	return ok;
}

/* Document information dictionary, XMP packet, outline, embedded files. */
static int
document_extras(pdf_run *r, PopplerDocument *doc, const char *data, size_t len)
{
	GList *list, *l;
	int ok;

	ok = add_owned(r, r->meta, poppler_document_get_title(doc)) &&
	    add_owned(r, r->meta, poppler_document_get_author(doc)) &&
	    add_owned(r, r->meta, poppler_document_get_subject(doc)) &&
	    add_owned(r, r->meta, poppler_document_get_keywords(doc)) &&
	    add_owned(r, r->meta, poppler_document_get_creator(doc)) &&
	    add_owned(r, r->meta, poppler_document_get_producer(doc)) &&
	    add_owned(r, r->meta, poppler_document_get_metadata(doc));
	if (ok) {
		PopplerIndexIter *it = poppler_index_iter_new(doc);
		unsigned count = 0;

		if (it != NULL) {
			ok = outline(r, it, 0, &count);
			poppler_index_iter_free(it);
		}
	}
	if (!ok || !poppler_document_has_attachments(doc))
		return ok;
	switch (attachments_check(data, len)) {
	case ATT_STRING:
		/* qpdf keeps indirect strings: its copy would fail the check too */
		set_reason(r->reason, r->reason_size,
		    "PDF embedded files cannot be listed safely");
		return 0;
	case ATT_OBJSTM:
		return flat_attachments(r, data, len);
	default:
		break;
	}
	list = poppler_document_get_attachments(doc);
	for (l = list; l != NULL && ok; l = l->next)
		ok = keep_attachment(r, l->data);
	g_list_free_full(list, g_object_unref);
	return ok;
}

/* Hands one finished text to the callback; 0 when the callback failed. */
static int
hand_over(seal_pdf_text_fn fn, void *ctx, const char *label, const char *text,
	size_t len, seal_err *err)
{
	seal_status st = fn(ctx, label, text, len, err);

	if (st == SEAL_OK)
		return 1;
	/* The callback normally fills err; make sure the code is set. */
	if (err != NULL && err->code == SEAL_OK)
		seal_err_set(err, st, "PDF text callback failed");
	return 0;
}

/*
 * A page's annotations or form fields, labelled "page N, WHAT", then
 * wiped for the next page (they hold what was typed into the form).
 */
static int
hand_over_page_items(seal_pdf_text_fn fn, void *ctx, GString *items, int page,
	const char *what, seal_err *err)
{
	char label[48];
	int ok;

	if (items->len == 0)
		return 1;
	g_snprintf(label, sizeof(label), "page %d, %s", page, what);
	ok = hand_over(fn, ctx, label, items->str, items->len, err);
	memset(items->str, 0, items->len);
	g_string_truncate(items, 0);
	return ok;
}

/* Walks the pages of an open document; caller holds pdf_lock. */
static seal_pdf_status
walk_pages(PopplerDocument *doc, const char *data, size_t data_len, pdf_run *r,
	seal_pdf_text_fn fn, void *ctx, seal_err *err)
{
	int pages, i;

	pages = poppler_document_get_n_pages(doc);
	if (pages < 0 || (unsigned)pages > r->limits->max_pages) {
		set_reason(r->reason, r->reason_size, "PDF has too many pages");
		return SEAL_PDF_UNSCANNABLE;
	}
	for (i = 0; i < pages; i++) {
		PopplerPage *page;
		char *text, label[32];
		size_t len;
		int ok;

		if (i > 0 && over_time(r)) {
			set_reason(r->reason, r->reason_size, "PDF took too long");
			return SEAL_PDF_UNSCANNABLE;
		}
		page = poppler_document_get_page(doc, i);
		text = page != NULL ? page_text(page) : NULL;
		if (text == NULL) {
			if (page != NULL)
				g_object_unref(page);
			set_reason(r->reason, r->reason_size, "PDF could not be read");
			return SEAL_PDF_UNSCANNABLE;
		}
		ok = page_links(r, page) && page_annots(r, page) &&
		    page_forms(r, page);
		if (r->want_ocr && seal_pdf_page_scanned(page, text)) {
			seal_pdf_ocr_item whole = { i, -1, 0, 0 };

			g_array_append_val(r->scanned, whole);
		} else if (r->want_ocr) {
			seal_pdf_page_pictures(page, i, r->scanned);
		}
		g_object_unref(page);
		len = strlen(text);
		if (!ok || len > r->limits->max_text - r->total) {
			g_free(text);
			set_reason(r->reason, r->reason_size, "PDF has too much text");
			return SEAL_PDF_UNSCANNABLE;
		}
		r->total += len;
		g_snprintf(label, sizeof(label), "page %d", i + 1);
		ok = hand_over(fn, ctx, label, text, len, err);
		g_free(text);
		if (!ok || !hand_over_page_items(fn, ctx, r->annots, i + 1, "annotation", err) ||
		    !hand_over_page_items(fn, ctx, r->forms, i + 1, "form field", err))
			return SEAL_PDF_ERROR;
	}
	if (r->scanned->len > SEAL_PDF_OCR_MAX_PICTURES) {
		set_reason(r->reason, r->reason_size, "PDF has more pictures than are read "
		    "by OCR");
		return SEAL_PDF_UNSCANNABLE;
	}
	if (!document_extras(r, doc, data, data_len))
		return SEAL_PDF_UNSCANNABLE;
	if ((r->links->len > 0 && !hand_over(fn, ctx, "link", r->links->str,
	    r->links->len, err)) ||
	    (r->meta->len > 0 && !hand_over(fn, ctx, "metadata", r->meta->str,
	    r->meta->len, err)))
		return SEAL_PDF_ERROR;
	/* A single slow last page is still over budget: do not call it clean. */
	if (over_time(r)) {
		set_reason(r->reason, r->reason_size, "PDF took too long");
		return SEAL_PDF_UNSCANNABLE;
	}
	return SEAL_PDF_OK;
}

/* Embedded files, after the lock (the callback may open a nested PDF). */
static seal_pdf_status
hand_over_files(pdf_run *r, seal_pdf_file_fn file_fn, void *ctx, seal_err *err)
{
	guint i;

	if (r->files->len > 0 && file_fn == NULL) {
		set_reason(r->reason, r->reason_size, "PDF has embedded files");
		return SEAL_PDF_UNSCANNABLE;
	}
	for (i = 0; i < r->files->len; i++) {
		pdf_file *f = g_ptr_array_index(r->files, i);
		seal_status st = file_fn(ctx, f->name, (const char *) f->data->data,
		    f->data->len, err);

		if (st != SEAL_OK) {
			if (err != NULL && err->code == SEAL_OK)
				seal_err_set(err, st, "PDF file callback failed");
			return SEAL_PDF_ERROR;
		}
	}
	return SEAL_PDF_OK;
}

/*
 * The scanned pages and pictures, one at a time: the lock is taken to
 * render one and released for the (slow) recognition, so other threads'
 * PDFs are not held up by OCR.
 */
static seal_pdf_status
hand_over_scans(pdf_run *r, const char *data, size_t len, seal_pdf_page_fn page_fn,
	void *ctx, seal_err *err)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	seal_pdf_status status = SEAL_PDF_OK;

	for (guint i = 0; i < r->scanned->len; i++) {
		const seal_pdf_ocr_item *it = &g_array_index(r->scanned, seal_pdf_ocr_item, i);
		seal_pdf_bitmap bm = { (unsigned)it->page + 1, it->picture, NULL, 0, 0, 0,
		    SEAL_OCR_PDF_DPI };
		PopplerDocument *doc;
		PopplerPage *page;
		uint8_t *gray = NULL;
		seal_status st;

		g_mutex_lock(&pdf_lock);
		doc = open_document(data, len, r->reason, r->reason_size);
		page = doc != NULL ? poppler_document_get_page(doc, it->page) : NULL;
		if (page != NULL && it->image_id < 0)
			gray = seal_pdf_page_render(page, SEAL_OCR_PDF_DPI, SEAL_OCR_MAX_PIXELS,
			    &bm.w, &bm.h, &bm.stride);
		else if (page != NULL)
			gray = seal_pdf_picture_render(page, it, SEAL_OCR_MAX_PIXELS, &bm.w, &bm.h,
			    &bm.stride, &bm.dpi);
		if (page != NULL)
			g_object_unref(page);
		if (doc != NULL)
			g_object_unref(doc);
		g_mutex_unlock(&pdf_lock);
		if (gray == NULL) {
			set_reason(r->reason, r->reason_size, it->image_id < 0 ?
			    "PDF page could not be rendered for OCR" :
			    "PDF picture could not be taken for OCR");
			status = SEAL_PDF_UNSCANNABLE;
			break;
		}
		bm.gray = gray;
		st = it->image_id >= 0 && seal_pdf_seen_before(seen, gray, bm.stride * bm.h) ? SEAL_OK :
		    page_fn(ctx, &bm, err);
		memset(gray, 0, bm.stride * bm.h);
		g_free(gray);
		if (st == SEAL_ERR_LIMIT)
			break;
		if (st != SEAL_OK) {
			if (err != NULL && err->code == SEAL_OK)
				seal_err_set(err, st, "PDF page callback failed");
			status = SEAL_PDF_ERROR;
			break;
		}
	}
	g_hash_table_destroy(seen);
	return status;
}

seal_pdf_status
seal_pdf_extract(const char *data, size_t len, const seal_pdf_limits *limits,
	seal_pdf_text_fn fn, seal_pdf_file_fn file_fn, void *ctx, char *reason,
	size_t reason_size, seal_err *err)
{
	return seal_pdf_extract_ocr(data, len, limits, fn, file_fn, NULL, ctx, reason,
	    reason_size, err);
}

seal_pdf_status
seal_pdf_extract_ocr(const char *data, size_t len, const seal_pdf_limits *limits,
	seal_pdf_text_fn fn, seal_pdf_file_fn file_fn, seal_pdf_page_fn page_fn, void *ctx,
	char *reason, size_t reason_size, seal_err *err)
{
	seal_pdf_limits def;
	PopplerDocument *doc;
	seal_pdf_status status;
	pdf_run r;

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
	memset(&r, 0, sizeof(r));
	r.limits = limits;
	r.reason = reason;
	r.reason_size = reason_size;
	g_mutex_lock(&pdf_lock);
	doc = open_document(data, len, reason, reason_size);
	if (doc == NULL) {
		g_mutex_unlock(&pdf_lock);
		return SEAL_PDF_UNSCANNABLE;
	}
	r.started = g_get_monotonic_time();
	r.budget = (gint64)limits->max_seconds * G_USEC_PER_SEC;
	r.links = g_string_new(NULL);
	r.annots = g_string_new(NULL);
	r.forms = g_string_new(NULL);
	r.meta = g_string_new(NULL);
	r.files = g_ptr_array_new_with_free_func(pdf_file_free);
	r.scanned = g_array_new(FALSE, FALSE, sizeof(seal_pdf_ocr_item));
	r.want_ocr = page_fn != NULL;
	status = walk_pages(doc, data, len, &r, fn, ctx, err);
	g_object_unref(doc);
	g_mutex_unlock(&pdf_lock);
	if (status == SEAL_PDF_OK)
		status = hand_over_files(&r, file_fn, ctx, err);
	if (status == SEAL_PDF_OK && page_fn != NULL)
		status = hand_over_scans(&r, data, len, page_fn, ctx, err);
	g_array_free(r.scanned, TRUE);
	g_string_free(r.links, TRUE);
	g_string_free(r.annots, TRUE);
	g_string_free(r.forms, TRUE);
	g_string_free(r.meta, TRUE);
	g_ptr_array_free(r.files, TRUE);
	return status;
}
