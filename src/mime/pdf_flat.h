/*
 * pdf_flat.h - a PDF rewritten with every object outside object streams,
 * with qpdf (libqpdf's C API), so that its indirect objects can be seen
 * in the bytes.
 *
 * pdf.c needs this for a PDF with embedded files and object streams:
 * poppler-glib 22.12 crashes on one kind of EmbeddedFiles entry (an
 * indirect string) that can only be ruled out by looking at every object,
 * and objects inside a compressed object stream ([ISO 32000-1] 7.5.7) are
 * not visible. qpdf reads the file (recovering a damaged cross-reference
 * table as poppler does) and writes it again with object streams disabled
 * (as `qpdf --object-streams=disable`); page content streams are copied,
 * not decoded.
 *
 * Returns 0 with *out (g_free) and *out_len set, or -1 when qpdf cannot
 * read or write the file (encrypted, damaged beyond repair, out of
 * memory): the caller then fails closed. No text of the file is logged.
 * Each call has its own qpdf object: thread safe.
 */
#ifndef SEAL_PDF_FLAT_H
#define SEAL_PDF_FLAT_H

#include <stddef.h>

int seal_pdf_flatten(const char *data, size_t len, char **out, size_t *out_len);

#endif
