/*
 * office.h - text out of office documents and archives attached to a
 * message: OOXML (docx, xlsx, pptx), ODF (odt, ods, odp) and zip archives
 * (their text files, and documents inside them, to a bounded depth), read
 * with libzip and libxml2. No hand-written zip or XML parsing.
 *
 * The format is recognised by content (zip signature or end-of-central-
 * directory record, then [Content_Types].xml for OOXML or the "mimetype"
 * entry for ODF), not by the file name. Every part of a document and every
 * entry of an archive is sniffed by content; every text stream found is
 * handed to the text hook as UTF-8 with a name saying where it came from
 * ("word/document.xml", "inner.zip/notes.txt", "a.zip/scan.dat/page 1").
 *
 * Archive bombs and the unreadable: uncompressed bytes in all, entries,
 * nesting depth and compression ratio are capped (limits); an encrypted
 * entry, a damaged archive or a cap reached gives SEAL_OFFICE_UNSCANNABLE
 * with a reason (no personal data) -- the caller's unscannable_action then
 * applies, never "pass".
 *
 * Thread safety: no shared state (libxml2 is initialised by the caller's
 * main or on first use, see seal_office_init).
 */
#ifndef SEAL_OFFICE_H
#define SEAL_OFFICE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "pdf.h"

/*
 * What the archives of one message have unpacked so far. Each archive,
 * nested or not, checks its own caps; with a budget every archive of the
 * message also charges the one budget, so that an archive of archives (or
 * a message of many archives) cannot multiply max_total and max_entries:
 * the caps then hold for the message as a whole, and the ratio of all
 * bytes unpacked to the attachments' own bytes (past 1 MiB) for it too.
 */
typedef struct seal_archive_budget {
	uint64_t used;          /* uncompressed bytes read from archive entries */
	uint64_t input;         /* bytes of the attachments they came from */
	unsigned entries;       /* archive entries met */
} seal_archive_budget;

typedef struct seal_office_limits {
	uint64_t max_total;     /* uncompressed bytes read in all; default 256 MiB */
	unsigned max_entries;   /* archive entries in all; default 10000 */
	unsigned max_depth;     /* archives inside archives; default 3 */
	unsigned max_ratio;     /* uncompressed/compressed per entry; default 200 */
	seal_archive_budget *budget; /* the message's, shared; NULL: per call only */
} seal_office_limits;

#define SEAL_ARCHIVE_BUDGET_RATIO_FLOOR ((uint64_t)1 << 20)

/*
 * Charges bytes and entries to the message's budget (nothing without
 * one). NULL while it lasts; else why it is spent (a fixed text: the
 * archive's caller makes the rest unscannable).
 */
static inline const char *
seal_archive_budget_charge(const seal_office_limits *l, uint64_t bytes, unsigned entries)
{
	seal_archive_budget *b = l->budget;

	if (b == NULL)
		return NULL;
	b->used += bytes;
	b->entries += entries;
	if (b->used > l->max_total)
		return "archives of the message unpack to more than the message's budget "
		    "of bytes";
	if (b->entries > l->max_entries)
		return "archives of the message hold more entries than the message's budget";
	if (b->used > SEAL_ARCHIVE_BUDGET_RATIO_FLOOR &&
	    b->used / (b->input > 0 ? b->input : 1) > l->max_ratio)
		return "archives of the message unpack above the compression ratio limit "
		    "in all";
	return NULL;
}

typedef enum seal_office_status {
	SEAL_OFFICE_NOT_OFFICE = 0, /* not a zip-based document or archive: nothing read */
	SEAL_OFFICE_OK,             /* read; texts handed over */
	SEAL_OFFICE_UNSCANNABLE,    /* could not be read completely: reason set */
	SEAL_OFFICE_ERROR           /* the callback failed or out of memory: err set */
} seal_office_status;

/*
 * detail: where in the document the text sits, in the reader's own words
 * and never the sender's ("sheet 2 (hidden)", "sheet 1, comment"), for a
 * place shown where names may not be; prefixed SEAL_OFFICE_INNER when the
 * document lies inside another archive. NULL: the part says nothing more.
 * The inner name then carries the sender's words too: a workbook's sheet
 * texts are named `sheet 2 "Ark2" (hidden)` (office_book.c).
 */
typedef seal_status (*seal_office_text_fn)(void *ctx, const char *inner_name,
	const char *detail, const char *text, size_t len, seal_err *err);

/* The start of a detail of a document inside another (a workbook in a zip). */
#define SEAL_OFFICE_INNER "inner document, "

/*
 * An entry that is neither document, archive, PDF, mail message, text nor
 * image (a vbaProject.bin, an OLE object, an unknown format): its bytes as
 * stored, for a strings fallback (printable runs, UTF-16 runs). The bytes
 * are wiped after the call; copy what must outlive it.
 */
typedef seal_status (*seal_office_binary_fn)(void *ctx, const char *inner_name,
	const char *data, size_t len, seal_err *err);

/*
 * An entry that is a mail message (name *.eml, or content that starts with
 * an RFC 5322 header block; an altChunk *.mht is one too): its raw bytes,
 * for the caller to parse and walk as a MIME message one level deeper.
 */
typedef seal_status (*seal_office_message_fn)(void *ctx, const char *inner_name,
	const char *data, size_t len, seal_err *err);

/*
 * A page of a PDF entry without a usable text layer, or a picture on a
 * page with one, for OCR (pdf.h seal_pdf_page_fn, with the PDF entry's
 * name): SEAL_OK to go on, SEAL_ERR_LIMIT to hand over no more of it (the
 * hook recorded why).
 */
typedef seal_status (*seal_office_page_fn)(void *ctx, const char *inner_name,
	const seal_pdf_bitmap *bm, seal_err *err);

typedef struct seal_office_hooks {
	seal_office_text_fn text;       /* required */
	seal_office_binary_fn binary;   /* NULL: such entries are counted */
	seal_office_message_fn message; /* NULL: a message goes to text as text */
	void *ctx;                      /* handed to every hook */
	/* a raster picture (PNG, JPEG, GIF, BMP, TIFF, WebP): a scan pasted
	   into a letter, a photo of a card in a zip is read by OCR there;
	   NULL: pictures are skipped uncounted. Vector pictures (EMF, WMF)
	   are always skipped. */
	seal_office_binary_fn picture;
	seal_office_page_fn page;       /* NULL: PDF entries are read without OCR */
} seal_office_hooks;

/* Once in main before threads (xmlInitParser). */
void seal_office_init(void);

void seal_office_limits_default(seal_office_limits *l);

/*
 * data: a zip at byte 0, or after a prefix (a self-extractor stub, junk)
 * when an end-of-central-directory record near the end points at a central
 * directory. Entries are chosen by content, not by name (office_sniff.c).
 * *uninspected (may be NULL only when hooks->binary is set) is increased by
 * one for every binary entry handed to no hook: the caller applies its
 * uninspected policy to them. Pictures go to the picture hook, or are
 * skipped uncounted without one.
 */
seal_office_status seal_office_extract(const char *data, size_t len,
	const seal_office_limits *limits, const seal_office_hooks *hooks,
	unsigned *uninspected, char *reason, size_t reason_size, seal_err *err);

/* Whether data ends in a zip end-of-central-directory record (the last
 * 64 KiB + 22 bytes hold "PK\5\6"): worth handing to seal_office_extract. */
int seal_office_has_eocd(const char *data, size_t len);

#endif
