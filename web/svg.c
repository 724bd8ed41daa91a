/*
 * svg.c - server-drawn charts (svg.h).
 */
#include "html.h"
#include "svg.h"

#define W 720
#define H 180
#define PAD 30

static void
open_svg(GString *b, const char *title, int height)
{
	g_string_append_printf(b, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\"><title>", W, height, W,
	    height);
	web_html_escape(b, title);
	g_string_append(b, "</title>");
}

static void
text_at(GString *b, int x, int y, const char *anchor, const char *text)
{
	g_string_append_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">", x, y, anchor);
	web_html_escape(b, text);
	g_string_append(b, "</text>");
}

void
web_svg_stacked(GString *b, const char *title, int ndays, int nseries, const int64_t *values,
	const char *const *classes, const char *const *labels, const char *first,
	const char *last)
{
	int64_t max = 1;
	double bw = ndays > 0 ? (double)(W - 2 * PAD) / ndays : 1;
	char num[32];

	for (int d = 0; d < ndays; d++) {
		int64_t sum = 0;

		for (int s = 0; s < nseries; s++)
			sum += values[s * ndays + d];
		max = MAX(max, sum);
	}
	open_svg(b, title, H + 40);
	g_string_append_printf(b, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
	    PAD, H, W - PAD, H);
	g_snprintf(num, sizeof(num), "%lld", (long long)max);
	text_at(b, PAD - 4, 12, "end", num);
	for (int d = 0; d < ndays; d++) {
		double y = H;

		for (int s = 0; s < nseries; s++) {
			int64_t v = values[s * ndays + d];
			double h = (double)v * (H - 10) / (double)max;

			if (v == 0)
				continue;
			y -= h;
			g_string_append_printf(b, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%.1f\"><title>%lld</title></rect>", classes[s],
			    PAD + d * bw, y, bw > 2 ? bw - 1 : bw, h, (long long)v);
		}
	}
	text_at(b, PAD, H + 14, "start", first);
	text_at(b, W - PAD, H + 14, "end", last);
	for (int s = 0; s < nseries; s++) {
		int x = PAD + s * ((W - 2 * PAD) / MAX(nseries, 1));

		g_string_append_printf(b, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"10\" "
		    "height=\"10\"/>", classes[s], x, H + 22);
		text_at(b, x + 14, H + 31, "start", labels[s]);
	}
	g_string_append(b, "</svg>\n");
}

void
web_svg_hbars(GString *b, const char *title, int n, const char *const *labels,
	const int64_t *values)
{
	int64_t max = 1;
	int row = 20, left = 200;
	char num[32];

	for (int i = 0; i < n; i++)
		max = MAX(max, values[i]);
	open_svg(b, title, MAX(n, 1) * row + 10);
	for (int i = 0; i < n; i++) {
		double w = (double)values[i] * (W - left - 80) / (double)max;

		text_at(b, left - 6, i * row + 15, "end", labels[i]);
		g_string_append_printf(b, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
		    "height=\"%d\"/>", left, i * row + 4, w, row - 6);
		g_snprintf(num, sizeof(num), "%lld", (long long)values[i]);
		text_at(b, left + (int)w + 6, i * row + 15, "start", num);
	}
	g_string_append(b, "</svg>\n");
}

void
web_svg_share(GString *b, const char *title, int ndays, const int64_t *part,
	const int64_t *whole)
{
	double bw = ndays > 1 ? (double)(W - 2 * PAD) / (ndays - 1) : 0;
	int open = 0;

	open_svg(b, title, H + 20);
	g_string_append_printf(b, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
	    PAD, H, W - PAD, H);
	text_at(b, PAD - 4, 14, "end", "100%");
	text_at(b, PAD - 4, H, "end", "0%");
	for (int d = 0; d < ndays; d++) {
		double y;

		if (whole[d] == 0) {
			if (open)
				g_string_append(b, "\"/>");
			open = 0;
			continue;
		}
		y = H - (double)part[d] * (H - 10) / (double)whole[d];
		g_string_append_printf(b, "%s%.1f,%.1f", open ? " " : "<polyline class=\"share\" "
		    "points=\"", PAD + d * bw, y);
		open = 1;
	}
	if (open)
		g_string_append(b, "\"/>");
	g_string_append(b, "</svg>\n");
}
