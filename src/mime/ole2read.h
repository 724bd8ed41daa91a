/*
 * ole2read.h - the text a reader sees in a Compound File (OLE2, [MS-CFB])
 * read with libgsf: legacy Word (.doc), Excel (.xls), PowerPoint (.ppt)
 * and Outlook items (.msg), and the document properties (title, author,
 * comments...) of the first three.
 *
 * What is read, by the streams a storage holds (not by file name):
 *  - "WordDocument": the text through the piece table ([MS-DOC] 2.8.35:
 *    FIB -> Clx in the 0Table/1Table stream -> PlcPcd, compressed
 *    Windows-1252 or UTF-16 pieces): main text, footnotes, headers and
 *    footers, comments, endnotes and text boxes, which follow each other
 *    in one character stream (ole2word.c);
 *  - "Workbook"/"Book": every sheet's text and numeric cells, hidden
 *    sheets too, each sheet's text named `sheet 2 "Ark2" (hidden)` with
 *    the detail "sheet 2 (hidden)" (xls.h, with its leading-zero rule);
 *  - "PowerPoint Document": every text atom (slides, notes, masters,
 *    comments: [MS-PPT] TextCharsAtom, TextBytesAtom, CString) (ole2ppt.c);
 *  - __substg1.0_ streams ([MS-OXMSG]): subject, bodies (plain, HTML, and
 *    compressed RTF through lzfu.h and rtftext.h), sender and recipient
 *    names, attachments (their data to the file hook, an embedded message
 *    read recursively), the bodies' embedded objects (file hook) and
 *    pictures (picture hook) (ole2msg.c).
 *  - the raster pictures (PNG, JPEG, DIB, TIFF BLIPs) of Word, Excel and
 *    PowerPoint files to hooks->picture, their metafiles (EMF, WMF BLIPs,
 *    inflated) to hooks->file as "picture N" (ole2pict.c).
 * Text goes to hooks->text as UTF-8 named "text", "slides", "subject",
 * "attachment 1 NAME/body"...; attachment bytes to hooks->file.
 *
 * Bounds: a stream is read only up to the size of the file it lives in
 * (a compound file holds nothing larger), embedded messages nest at most
 * SEAL_OLE2_MAX_DEPTH deep; an encrypted document, a damaged structure or
 * a bound reached gives SEAL_OLE2_READ_UNSCANNABLE with a reason (never a
 * name or a number from the file). A compound file of another kind (an
 * installer, a thumbnail cache, Visio) is SEAL_OLE2_READ_OTHER: nothing
 * was handed over, the caller falls back to the strings reader.
 *
 * Thread safety: no shared state (libgsf is initialised once, on first use).
 */
#ifndef SEAL_OLE2READ_H
#define SEAL_OLE2READ_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define SEAL_OLE2_MAX_DEPTH 4

typedef enum seal_ole2_read_status {
	SEAL_OLE2_READ_OTHER = 0,       /* not a document this reader knows: nothing read */
	SEAL_OLE2_READ_OK,              /* read; texts handed over */
	SEAL_OLE2_READ_UNSCANNABLE,     /* could not be read completely: reason set */
	SEAL_OLE2_READ_ERROR            /* a hook failed or out of memory: err set */
} seal_ole2_read_status;

typedef seal_status (*seal_ole2_text_fn)(void *ctx, const char *inner_name,
	const char *text, size_t len, seal_err *err);
/* An attachment's bytes (wiped after the call), for the caller to read by content. */
typedef seal_status (*seal_ole2_file_fn)(void *ctx, const char *inner_name,
	const uint8_t *data, size_t len, seal_err *err);

/*
 * A text with where it sits in our words only (office.h's detail: "sheet 2
 * (hidden)", prefixed SEAL_OFFICE_INNER inside an embedded storage), for a
 * place shown where names may not be; inner_name holds the sender's words
 * too (`sheet 2 "Ark2" (hidden)`).
 */
typedef seal_status (*seal_ole2_text_at_fn)(void *ctx, const char *inner_name,
	const char *detail, const char *text, size_t len, seal_err *err);

typedef struct seal_ole2_hooks {
	seal_ole2_text_fn text;         /* required */
	seal_ole2_file_fn file;         /* NULL: attachments (and metafiles) are not read */
	void *ctx;
	seal_ole2_text_at_fn text_at;   /* NULL: texts with a detail go to text */
	/* a raster picture: of a Word, Excel or PowerPoint file ("picture
	   N", ole2pict.c), of an Outlook item's HTML body (data: URI) or RTF
	   body ("html body/picture N", "rtf body/picture N"); NULL: not read
	   (more than the readers keep is unscannable only with it) */
	seal_ole2_file_fn picture;
} seal_ole2_hooks;

seal_ole2_read_status seal_ole2_read(const uint8_t *data, size_t len,
	const seal_ole2_hooks *hooks, char *reason, size_t reason_size, seal_err *err);

#endif
