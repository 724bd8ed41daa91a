/*
 * rtftext.h - the text an RTF document shows, for scanning, and the files
 * embedded in it (RTF 1.9.1 specification).
 *
 * Read: plain text and \'hh in the document's code page (\ansicpg, \mac,
 * \pc, or the \fcharset / \cpg of the current font from the font table;
 * Windows-1252 when iconv lacks the page), \uN (a UTF-16 unit, signed,
 * surrogate pairs joined) with its \ucN fallback characters skipped (\uc is
 * group scoped), \\ \{ \} literal, \~ no-break space, \_ "-", \- dropped;
 * \par \line \row \sect \page (and \ with a newline) end a line, \tab and
 * \cell are a TAB. Field results (\fldrslt: a hyperlink's display text)
 * and field instructions (the link itself), hidden text (\v: a reader can
 * reveal it), headers, footnotes, comments (\annotation) and the document
 * information (title, subject, author, keywords, comments) are read.
 * Skipped: the font, colour, style, list and revision tables, theme and
 * data stores, and every {\* ...} destination not named above. Pictures
 * (\pict, in the text, in \shppict or in a shape's picture property) are
 * kept as bytes when they are PNG or JPEG (\pngblip, \jpegblip; hex or
 * \bin data), for OCR: a scan pasted into a letter; metafiles (EMF, WMF,
 * and the \nonshppict copy of a picture) and device bitmaps are not.
 * \objdata is hex (or \bin) decoded and, when it is an OLE1 embedded
 * object, its file handed over: the file of a Package object (a file
 * dropped into the document), else the object's native data (a Word or
 * Excel object is an OLE2 compound file). Groups nest up to 256 deep;
 * deeper braces are counted but keep the state they are in (no text is
 * lost).
 *
 * Input: any bytes. Output: new valid UTF-8 (it holds what the document
 * holds: the free functions wipe). Never fails. Pure, thread safe.
 */
#ifndef SEAL_RTFTEXT_H
#define SEAL_RTFTEXT_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* Non-zero when data starts as an RTF document does ("{\rtf"). */
int seal_rtf_is(const char *data, size_t len);

/* The shown text only (g_free; wipe first). */
char *seal_rtf_to_text(const char *data, size_t len, size_t *out_len);

/* An embedded object: name is the Package's file name or the OLE class. */
typedef struct {
	char *name;
	uint8_t *data;
	size_t len;
} seal_rtf_object;

typedef struct {
	char *text;             /* NUL-terminated UTF-8 */
	size_t text_len;
	GPtrArray *objects;     /* of seal_rtf_object *, in document order */
	unsigned objects_dropped;       /* objdata that is no OLE1 object */
	GPtrArray *pictures;    /* of GByteArray *: PNG, JPEG or BMP bytes (a
	                         * \dibitmap DIB with a BMP file header put in
	                         * front), in document order */
	unsigned pictures_dropped;      /* raster pictures past the caps below */
} seal_rtf_doc;

#define SEAL_RTF_MAX_OBJECTS 64
/* As the HTML reader's data: pictures (html.h): more are dropped and counted. */
#define SEAL_RTF_MAX_PICTURES 64
#define SEAL_RTF_MAX_PICTURE_BYTES ((size_t)32 * 1024 * 1024)

/* The text, embedded objects (at most SEAL_RTF_MAX_OBJECTS) and pictures. */
seal_rtf_doc *seal_rtf_read(const char *data, size_t len);
void seal_rtf_doc_free(seal_rtf_doc *doc);

#endif
