/*
 * svg.h - the overview's charts, drawn on the server as inline SVG
 * elements: no script, no chart library, no style attribute (the CSP
 * forbids inline style); colours come from classes in the static style
 * sheet (s0 ... s6, bar, share). Every chart has a <title> and
 * role="img" for screen readers; the figures are also in tables beside it.
 *
 * Labels and titles are escaped here. Thread safe (no state).
 */
#ifndef SEAL_WEB_SVG_H
#define SEAL_WEB_SVG_H

#include <stdint.h>

#include <glib.h>

/*
 * Stacked bars, one per day: values[s * ndays + d] for series s on day d,
 * classes[s] its CSS class and labels[s] its legend. first and last: the
 * dates written under the first and last bar.
 */
void web_svg_stacked(GString *b, const char *title, int ndays, int nseries,
	const int64_t *values, const char *const *classes, const char *const *labels,
	const char *first, const char *last);

/* Horizontal bars, one per row: labels[i] and values[i]. */
void web_svg_hbars(GString *b, const char *title, int n, const char *const *labels,
	const int64_t *values);

/* Per day the share part[d] / whole[d] (0 to 100 %), as a line; days without mail are gaps. */
void web_svg_share(GString *b, const char *title, int ndays, const int64_t *part,
	const int64_t *whole);

#endif
