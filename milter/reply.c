/*
 * reply.c - SMTP reply text (reply.h).
 *
 * seal_template_reply_lines() does the transliteration and wrapping; here
 * '%' becomes "%%" (libmilter hands the text to a printf-like expansion in
 * the MTA) and the lines go to libmilter. smfi_setmlreply is variadic and
 * stops at the first NULL, so it is called with a fixed array of 32
 * pointers padded with NULL: no va_list juggling, no switch on the count.
 */
#include <string.h>

#include <glib.h>
#include <libmilter/mfapi.h>

#include "template.h"
#include "reply.h"

/* libmilter's own limit for smfi_setmlreply (MAXREPLIES in smfi.c). */
#define SEAL_MILTER_MAX_REPLIES 32

G_STATIC_ASSERT(SEAL_REPLY_MAX_LINES <= SEAL_MILTER_MAX_REPLIES);

static char *
escape_percent(const char *line)
{
	GString *out = g_string_sized_new(strlen(line) + 8);

	for (const char *p = line; *p != '\0'; p++) {
		if (*p == '%')
			g_string_append_c(out, '%');
		g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}

char **
seal_reply_lines(const char *text, const char *fallback)
{
	char **raw = NULL, **out;
	guint n;

	if (text != NULL && text[0] != '\0')
		raw = seal_template_reply_lines(text, SEAL_REPLY_WIDTH, SEAL_REPLY_MAX_LINES);
	if (raw == NULL || raw[0] == NULL) {
		g_strfreev(raw);
		raw = seal_template_reply_lines(fallback != NULL ? fallback : "Error",
		    SEAL_REPLY_WIDTH, SEAL_REPLY_MAX_LINES);
	}
	if (raw == NULL || raw[0] == NULL) {
		/* The template module gave nothing: never send an empty reply. */
		g_strfreev(raw);
		raw = g_new0(char *, 2);
		raw[0] = g_strdup("Error");
	}
	n = g_strv_length(raw);
	if (n > SEAL_REPLY_MAX_LINES)
		n = SEAL_REPLY_MAX_LINES;
	out = g_new0(char *, n + 1);
	for (guint i = 0; i < n; i++)
		out[i] = escape_percent(raw[i]);
	g_strfreev(raw);
	return out;
}

int
seal_reply_set(SMFICTX *ctx, const char *rcode, const char *xcode,
	const char *text, const char *fallback)
{
	char **lines = seal_reply_lines(text, fallback);
	char *l[SEAL_MILTER_MAX_REPLIES + 1];
	int r;

	if (lines[1] == NULL) {
		r = smfi_setreply(ctx, (char *)rcode, (char *)xcode, lines[0]);
	} else {
		memset(l, 0, sizeof(l));
		for (size_t i = 0; i < SEAL_MILTER_MAX_REPLIES && lines[i] != NULL; i++)
			l[i] = lines[i];
		r = smfi_setmlreply(ctx, rcode, xcode,
		    l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7],
		    l[8], l[9], l[10], l[11], l[12], l[13], l[14], l[15],
		    l[16], l[17], l[18], l[19], l[20], l[21], l[22], l[23],
		    l[24], l[25], l[26], l[27], l[28], l[29], l[30], l[31],
		    (char *)NULL);
	}
	g_strfreev(lines);
	return r;
}
