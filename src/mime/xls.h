/*
 * xls.h - the numbers a reader sees in a legacy Excel workbook (.xls,
 * BIFF5/BIFF8 in a Compound File, [MS-XLS]).
 *
 * An identity number typed into a cell as a number is stored as an IEEE
 * double, which the strings fallback (binstrings.h) cannot see. This
 * module walks the BIFF records of the "Workbook" (BIFF8) or "Book"
 * (BIFF5) stream and writes each numeric cell whose value is a whole
 * number of 9 to 12 digits, each as its own paragraph (a paragraph break
 * never joins two values into one number): NUMBER (0x0203), RK (0x027E),
 * MULRK (0x00BD) and the cached number of a FORMULA (0x0006). A cell
 * loses its leading zeros (a CPR number of a day 01-09 is stored as 9
 * digits), so a 9-digit value is also written padded to 10 digits. Text
 * cells are left to the strings fallback, which sees the SST in clear.
 *
 * A truncated or damaged record stream ends the walk quietly: what was
 * read is kept, and the caller still runs the strings fallback.
 * Pure functions; the returned GString is the caller's (g_string_free).
 */
#ifndef SEAL_XLS_H
#define SEAL_XLS_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* Cells of a BIFF record stream appended to out; the number of cells written. */
size_t seal_xls_cells(const uint8_t *stream, size_t len, GString *out);

/* The numeric cells of a compound file's workbook, or NULL when it has none. */
GString *seal_xls_numbers(const uint8_t *cfb, size_t len);

/*
 * The text cells of a BIFF record stream ([MS-XLS]), appended to out one
 * paragraph each: the shared strings table (SST 0x00FC with its CONTINUE
 * records, a string split across them included), LABEL (0x0204) and
 * formula STRING (0x0207) cells, sheet names (BOUNDSHEET 0x0085), page
 * headers and footers (0x0014/0x0015) and the text of cell comments and
 * text boxes (TXO 0x01B6 and the CONTINUE after it). Every sheet is read,
 * hidden or not. BIFF5 (the "Book" stream) strings are 8-bit.
 * Returns 0, or -1 when the workbook holds a FILEPASS record (encrypted:
 * nothing more can be read).
 */
int seal_xls_strings(const uint8_t *stream, size_t len, GString *out);

#endif
