/*
 * xls_internal.h - what the files of the legacy Excel reader share:
 * xls.c (numeric cells), xls_text.c (the strings of text records) and
 * xls_book.c (the walk that places each cell's text in its sheet). Each
 * reader appends to out and reads nothing beyond the record it is given.
 */
#ifndef SEAL_XLS_INTERNAL_H
#define SEAL_XLS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#define XLS_FORMULA 0x0006
#define XLS_EOF 0x000A
#define XLS_HEADER 0x0014
#define XLS_FOOTER 0x0015
#define XLS_FILEPASS 0x002F
#define XLS_CONTINUE 0x003C
#define XLS_OBJ 0x005D
#define XLS_BOUNDSHEET 0x0085
#define XLS_MULRK 0x00BD
#define XLS_SST 0x00FC
#define XLS_LABELSST 0x00FD
#define XLS_TXO 0x01B6
#define XLS_NUMBER 0x0203
#define XLS_LABEL 0x0204
#define XLS_STRING 0x0207
#define XLS_RK 0x027E
#define XLS_BOF 0x0809
#define XLS_BIFF8 0x0600

uint16_t xls_le16(const uint8_t *p);
uint32_t xls_le32(const uint8_t *p);

/* n characters, 16-bit or 8-bit (Latin-1), as UTF-8; control characters as spaces. */
void xls_chars(GString *out, const uint8_t *p, size_t n, int high);

/* The numbers of one cell record (NUMBER, RK, MULRK, FORMULA); how many. */
size_t xls_cell_numbers(uint16_t type, const uint8_t *b, size_t rlen, GString *out);

/*
 * The SST whose body is b (blen bytes) and whose CONTINUE records follow
 * at s + off: each string one paragraph of out; when at is not NULL, the
 * offset in out where each string starts is appended (size_t).
 */
void xls_sst(const uint8_t *s, size_t len, size_t off, const uint8_t *b, size_t blen,
	GString *out, GArray *at);

/*
 * The text of one record that holds text in any substream (LABEL, STRING,
 * HEADER, FOOTER, the literals of a BIFF8 FORMULA, and the CONTINUE after
 * a TXO when after_txo), one paragraph each. 1 when the record was one of
 * these.
 */
int xls_record_text(uint16_t type, const uint8_t *b, size_t rlen, int biff8, int after_txo,
	GString *out);

/* A ShortXLUnicodeString (BIFF8: count, flags, characters) or a BIFF5 one
 * (count, 8-bit characters), cut where the record ends. */
void xls_short_string(const uint8_t *b, size_t n, int biff8, GString *out);

#endif
