/*
 * ole2read_internal.h - what the files of the compound-file reader share:
 * ole2read.c (opening the file, telling a storage's kind, the document
 * properties), ole2word.c, ole2ppt.c and ole2msg.c (one format each) and
 * ole2run.c (the steps they all use: bounded stream reads, text
 * conversion, handing text over). ole2read.c calls the format readers; an
 * embedded storage (a message attached to a message) goes back through
 * run->storage, so no two files call each other.
 */
#ifndef SEAL_OLE2READ_INTERNAL_H
#define SEAL_OLE2READ_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>
#include <gsf/gsf.h>

#include "ole2read.h"

struct ole2_run {
	const seal_ole2_hooks *hooks;
	size_t max_stream;      /* one stream is never larger than the file */
	uint64_t budget;        /* bytes read from streams in all, at most */
	uint64_t total;         /* bytes read so far */
	char *reason;
	size_t reason_size;
	seal_err *err;
	/* reads an embedded storage by kind (ole2read.c); OTHER when unknown */
	seal_ole2_read_status (*storage)(struct ole2_run *run, GsfInfile *in,
		const char *prefix, unsigned depth);
};

seal_ole2_read_status ole2_unscannable(struct ole2_run *run, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The child of in called name, or at index i, as a GsfInput (unref it);
 * NULL when absent, or when present but unreadable (then *damaged is set,
 * if not NULL: a stream that is there and cannot be read is damage, never
 * an absence). Nothing is logged.
 */
GsfInput *ole2_child(GsfInfile *in, const char *name, int *damaged);
GsfInput *ole2_child_at(GsfInfile *in, int i, int *damaged);
/* Whether in lists a child called name (readable or not). */
int ole2_has(GsfInfile *in, const char *name);

/*
 * The whole stream into *out (NULL when in is NULL). UNSCANNABLE when it
 * is larger than max_stream, the budget is spent, or a read fails.
 */
seal_ole2_read_status ole2_read_input(struct ole2_run *run, GsfInput *in,
	GByteArray **out);
/* The same for the child called name; *out NULL when there is none. */
seal_ole2_read_status ole2_read_child(struct ole2_run *run, GsfInfile *in,
	const char *name, GByteArray **out);
void ole2_wipe(GByteArray *b);

/* Text to the hook as "prefix/name" (prefix may be NULL); nothing for len 0. */
seal_ole2_read_status ole2_emit(struct ole2_run *run, const char *prefix,
	const char *name, const char *text, size_t len);
/* The same with a detail (may be NULL), to text_at when the caller gave one;
 * under a prefix (an embedded storage) the detail starts SEAL_OFFICE_INNER. */
seal_ole2_read_status ole2_emit_at(struct ole2_run *run, const char *prefix,
	const char *name, const char *detail, const char *text, size_t len);

/*
 * Characters as a reader sees them, appended as UTF-8: UTF-16LE (pairs
 * joined, lone surrogates U+FFFD) or 8-bit Windows-1252. The control
 * characters of Word and PowerPoint text become white space: paragraph,
 * line, page and section marks a line break, a cell mark a TAB, 0x1E
 * (non-breaking hyphen) "-", 0x1F (optional hyphen) nothing, others a space.
 */
void ole2_utf16(GString *out, const uint8_t *p, size_t n);
void ole2_cp1252(GString *out, const uint8_t *p, size_t n);

uint16_t ole2_le16(const uint8_t *p);
uint32_t ole2_le32(const uint8_t *p);

/* The format readers; prefix names the storage in text names (may be NULL). */
seal_ole2_read_status ole2_word(struct ole2_run *run, GsfInfile *in, const char *prefix);
seal_ole2_read_status ole2_ppt(struct ole2_run *run, GsfInfile *in, const char *prefix);
/* The raster pictures of a .doc, .xls or .ppt to the picture hook (ole2pict.c). */
seal_ole2_read_status ole2_pictures(struct ole2_run *run, GsfInfile *in, const char *prefix);
seal_ole2_read_status ole2_msg(struct ole2_run *run, GsfInfile *in, const char *prefix,
	unsigned depth);

#endif
