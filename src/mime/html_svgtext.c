/*
 * html_svgtext.c - SVG text elements drawn side by side (html_internal.h).
 *
 * An SVG picture may draw one line as several <text> elements, each at
 * its own x on the same y ("CPR 0707" at x 10, "61-4285" at x 106): a
 * viewer shows one line, the markup two elements. The XML view starts
 * and ends each text element with a line break; here a text element that
 * continues the previous one's line gets none. Glyph widths are not known
 * without the font, so the previous element's end is estimated at 0.6 em
 * per character (a monospaced digit; proportional digits are narrower,
 * which makes the estimate end later and joins more, the safe side):
 * within a third of a character it joins without a space, within three
 * characters with one, further on it is a line of its own. Only x and y
 * as plain numbers (the first of a list) count; a font size from the
 * attribute or the style attribute, else the default 16. Elements
 * positioned otherwise (transforms, dx, CSS) keep their line breaks.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "html_internal.h"

#define EM_ADVANCE 0.6

/* The number after name= (quoted) or name: (in a style) in tag, or NAN. */
static double
number_after(const char *tag, size_t n, const char *name, char sep)
{
	size_t nl = strlen(name);

	for (size_t i = 0; i + nl + 1 < n; i++) {
		char buf[32];
		size_t j = i + nl, k = 0;
		char *end;
		double v;

		if ((i > 0 && tag[i - 1] != ' ' && tag[i - 1] != '\t' && tag[i - 1] != '\n' &&
		    tag[i - 1] != '\r' && tag[i - 1] != ';' && tag[i - 1] != '"' &&
		    tag[i - 1] != '\'') || g_ascii_strncasecmp(tag + i, name, nl) != 0)
			continue;
		while (j < n && (tag[j] == ' ' || tag[j] == '\t'))
			j++;
		if (j >= n || tag[j] != sep)
			continue;
		j++;
		while (j < n && (tag[j] == ' ' || tag[j] == '\t' || tag[j] == '"' || tag[j] == '\''))
			j++;
		while (j < n && k < sizeof(buf) - 1 && strchr("+-.0123456789eE", tag[j]) != NULL)
			buf[k++] = tag[j++];
		buf[k] = '\0';
		v = g_ascii_strtod(buf, &end);
		if (k == 0 || end == buf || !isfinite(v))
			return NAN;
		return v;
	}
	return NAN;
}

/* Whether full[from..] is white space only (what stood between two texts). */
static bool
blank_since(const GString *full, size_t from)
{
	if (from > full->len)
		return false;
	for (size_t i = from; i < full->len; i++)
		if (!g_ascii_isspace(full->str[i]))
			return false;
	return true;
}

void
seal_svg_text_open(seal_svg_line *l, GString *full, const char *tag, size_t n)
{
	double x = number_after(tag, n, "x", '='), y = number_after(tag, n, "y", '=');
	double fs = number_after(tag, n, "font-size", '=');

	if (isnan(fs))
		fs = number_after(tag, n, "font-size", ':');
	if (isnan(fs) || fs <= 0)
		fs = 16;
	l->open = !isnan(x) && !isnan(y);
	l->x = x;
	l->y = y;
	l->fs = fs;
	if (l->open && l->prev && fabs(y - l->py) <= 0.3 * MAX(fs, l->pfs) && x >= l->px &&
	    blank_since(full, l->pbreak)) {
		double adv = EM_ADVANCE * MAX(fs, l->pfs), gap = x - l->pend;

		if (gap <= 3 * adv) {
			/* the same line: what stood between is cut */
			memset(full->str + l->pbreak, 0, full->len - l->pbreak);
			g_string_truncate(full, l->pbreak);
			if (gap > adv / 3)
				g_string_append_c(full, ' ');
			l->start = full->len;
			return;
		}
	}
	g_string_append_c(full, '\n');
	l->start = full->len;
}

void
seal_svg_text_close(seal_svg_line *l, GString *full)
{
	l->prev = l->open && l->start <= full->len;
	if (l->prev) {
		glong chars = g_utf8_strlen(full->str + l->start, (gssize)(full->len - l->start));

		l->px = l->x;
		l->py = l->y;
		l->pfs = l->fs;
		l->pend = l->x + (double)chars * EM_ADVANCE * l->fs;
	}
	l->open = false;
	l->pbreak = full->len;
	g_string_append_c(full, '\n');
}

int
seal_html_svg_runs(const char *s, size_t n)
{
	unsigned texts = 0;

	if (g_strstr_len(s, (gssize)n, "tspan") != NULL ||
	    g_strstr_len(s, (gssize)n, "textPath") != NULL ||
	    g_strstr_len(s, (gssize)n, "tref") != NULL)
		return 1;
	/* "<text" or "<svg:text", then white space, '>' or '/' */
	for (size_t i = 1; i + 4 < n && texts < 2; i++) {
		if (s[i] == 't' && (s[i - 1] == '<' || s[i - 1] == ':') &&
		    memcmp(s + i, "text", 4) == 0 &&
		    (i + 4 == n || strchr(" \t\r\n>/", s[i + 4]) != NULL) && s[i + 4] != '\0')
			texts++;
	}
	return texts >= 2;
}
