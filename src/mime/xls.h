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
 * digits), so a 9-digit value is also written padded to 10 digits.
 * seal_xls_book reads the whole workbook sheet by sheet (ole2read.c);
 * seal_xls_numbers serves a compound file of no known kind, whose text
 * the strings fallback reads.
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
 * A text of the workbook for the caller: label names the place in the
 * sender's words too (`sheet 2 "Ark2" (hidden)`), detail in our words only
 * (`sheet 2 (hidden)`); both "sheets" and NULL for the text of no sheet.
 * Nonzero stops the walk.
 */
typedef int (*seal_xls_text_fn)(void *ctx, const char *label, const char *detail,
	const char *text, size_t len);

/*
 * Everything a reader sees in a BIFF record stream ([MS-XLS]), each
 * sheet's text handed over on its own, named by its tab: the sheets
 * (BOUNDSHEET 0x0085: where each sheet's substream starts, its
 * hidden/very hidden state and name) and the shared strings (SST 0x00FC
 * with its CONTINUE records) of the globals, then in each sheet's
 * substream its text cells (LABELSST 0x00FD pointing into the SST, LABEL
 * 0x0204, a formula's STRING 0x0207 and literals), numeric cells (as
 * seal_xls_cells), page headers and footers (0x0014/0x0015) and the text
 * of cell comments and text boxes (TXO 0x01B6 and its CONTINUE; the OBJ
 * before it says which), handed over after the sheet's cells with ",
 * comment" or ", text box" after its name, as xlsx comments are. Every
 * sheet is read, hidden or not. The sheet names, a substream no
 * BOUNDSHEET points at (a damaged offset) and shared strings no cell
 * shows are read as "sheets": nothing is dropped for want of a place. A
 * name longer than its record is cut where the record ends. BIFF5 (the
 * "Book" stream) strings are 8-bit.
 * A shared string shown again (on another sheet, or repeated on one) is
 * written again only while a budget of MAX(SST size, 1 MiB) bytes lasts
 * for each kind: a million cells pointing at one long string do not
 * multiply the text; its first showing is always read.
 * Returns 0; -1 when the workbook holds a FILEPASS record (encrypted:
 * nothing more can be read); -2 when fn stopped the walk.
 */
int seal_xls_book(const uint8_t *stream, size_t len, seal_xls_text_fn fn, void *ctx);

#endif
