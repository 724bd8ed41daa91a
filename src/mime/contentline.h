/*
 * contentline.h - RFC 5545 section 3.1 content lines, shared by the
 * iCalendar reader (calendar.h) and the vCard reader (vcard.h; RFC 6350
 * section 3.3 and vCard 2.1 use the same shape).
 *
 * A line is "[group.]NAME *(;PARAM[=VALUE[,VALUE]]) : VALUE". The reader
 * unfolds (a line break followed by one space or TAB is removed, CRLF or
 * bare LF), parses the name and the parameters (quoted values may hold
 * ':' ';' ','; RFC 6868 ^n ^' ^^ decoded; a vCard 2.1 parameter without
 * '=' is kept as TYPE=word, or ENCODING=word for the encodings) and leaves
 * the value raw; seal_cl_unescape() undoes the TEXT escapes \n \N \, \; \\.
 *
 * Ownership: every returned string is new (g_free); a seal_cl_line is
 * cleared with seal_cl_line_clear(). Never fails on input: a line that is
 * not a content line is reported as such. Thread safe (no global state).
 */
#ifndef SEAL_CONTENTLINE_H
#define SEAL_CONTENTLINE_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "err.h"

typedef struct seal_cl_reader {
	const char *p, *end;
} seal_cl_reader;

typedef struct seal_cl_line {
	char *name;          /* upper case, group removed */
	GPtrArray *params;   /* char *: name (upper case), value, name, value ... */
	char *value;         /* after the first ':' outside quotes; raw */
	size_t vlen;
} seal_cl_line;

/* What a reader hands over: a shown text, or decoded inline content. */
typedef seal_status (*seal_cl_text_fn)(void *ctx, const char *label, const char *text,
	size_t len, seal_err *err);
typedef seal_status (*seal_cl_blob_fn)(void *ctx, const char *label, const char *fmttype,
	const uint8_t *data, size_t len, seal_err *err);
typedef struct seal_cl_hooks {
	seal_cl_text_fn text;
	seal_cl_blob_fn blob;   /* may be NULL: inline content is then not read */
	void *ctx;
} seal_cl_hooks;

void seal_cl_reader_init(seal_cl_reader *r, const char *text, size_t len);

/* Next unfolded line (without its line break), or NULL at the end. */
char *seal_cl_next(seal_cl_reader *r, size_t *len);

/* Next physical line, not unfolded (vCard 2.1 quoted-printable soft breaks). */
char *seal_cl_next_raw(seal_cl_reader *r, size_t *len);

/* Parses an unfolded line: 0 ok (l filled), -1 not a content line. */
int seal_cl_parse(const char *line, size_t len, seal_cl_line *l);
void seal_cl_line_clear(seal_cl_line *l);

/* First value of parameter name (upper case), or NULL. */
const char *seal_cl_param(const seal_cl_line *l, const char *name);

/*
 * TEXT value escapes undone: \n \N a line break, \, \; \\ \: the character;
 * another escape keeps its backslash. An unescaped ';' becomes semi
 * (structured values: N, ADR) unless semi is 0.
 */
char *seal_cl_unescape(const char *v, size_t len, char semi, size_t *out_len);

/* True when one of the first lines of text is "BEGIN:<begin>" (begin as "BEGIN:VCARD"). */
int seal_cl_sniff(const char *text, size_t len, const char *begin);

/* True when the ENCODING parameter is enc (case-insensitive). */
int seal_cl_is_encoding(const seal_cl_line *l, const char *enc);

/*
 * The value base64-decoded (ENCODING=BASE64 or B; invalid characters
 * skipped, as GLib does); new buffer the caller wipes and frees.
 */
uint8_t *seal_cl_base64(const seal_cl_line *l, size_t *len);

#endif
