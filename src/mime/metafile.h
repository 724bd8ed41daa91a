/*
 * metafile.h - the text a Windows metafile draws (metafile.c): EMF, EMF+
 * and WMF pictures keep their text as text records, not pixels. Word and
 * PowerPoint keep a range pasted from Excel, a Visio drawing or a chart
 * as such a picture (word/media/image1.emf), and a reader sees its text.
 *
 * Pure functions, thread safe.
 */
#ifndef SEAL_METAFILE_H
#define SEAL_METAFILE_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* 1 when d starts as an EMF, a placeable WMF or a plain WMF. */
int seal_metafile_is(const uint8_t *d, size_t n);

/* What reading a metafile left unread. */
typedef struct {
	unsigned glyph_runs;    /* text drawn from font glyph numbers, not characters */
	int cut;                /* a bound (runs, text) left some text unread */
} seal_metafile_info;

/*
 * Appends the text metafile d (n bytes) draws to out in UTF-8, as a
 * viewer shows it: runs on one baseline joined into a line in order of
 * their x position (no space where one run ends where the next begins,
 * as far as the advances the file gives tell), lines top to bottom.
 * Damaged records end the walk; what was read counts. Returns 0, or -1
 * when d is no metafile (nothing appended).
 */
int seal_metafile_text(const uint8_t *d, size_t n, GString *out, seal_metafile_info *info);

#endif
