/*
 * msgview.h - what the message page shows of a held message, read with
 * GMime: the header fields an officer needs, the text parts (decoded to
 * UTF-8, identity numbers masked unless the unmasked view was asked for),
 * and the attachments by name, type and size. Attachments are never
 * handed to the browser: there is no route that serves a part.
 *
 * No knowledge of HTTP. Thread safe (no state).
 */
#ifndef SEAL_WEB_MSGVIEW_H
#define SEAL_WEB_MSGVIEW_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "category.h"
#include "detect.h"

/* Text shown per part at most; the rest is cut (and the page says so). */
#define WEB_VIEW_TEXT_MAX (256 * 1024)
/* How deep and how wide the walk goes. */
#define WEB_VIEW_DEPTH 32
#define WEB_VIEW_PARTS 1000

typedef struct web_view_field {
	char *name;
	char *value;              /* decoded, masked (or not, unmasked) */
} web_view_field;

/* A passage of a text part that made it sensitive (a category's evidence term). */
typedef struct web_view_mark {
	size_t start, end;        /* bytes [start, end) of the part's text as shown */
	seal_finding f;           /* the category finding ("category:NAME") */
} web_view_mark;

typedef struct web_view_part {
	char *path;               /* "1.2" */
	char *type;               /* "text/plain" (masked: the sender wrote it) */
	char *filename;           /* or NULL */
	int64_t size;             /* decoded bytes */
	char *text;               /* a text part's text, or NULL for an attachment */
	int cut;                  /* text longer than WEB_VIEW_TEXT_MAX */
	GArray *marks;            /* web_view_mark, in order, not overlapping; NULL: none */
} web_view_part;

typedef struct web_view {
	GPtrArray *fields;        /* web_view_field * */
	GPtrArray *parts;         /* web_view_part *: leaves only, in order */
	int parsed;               /* 0: not a parseable message */
	int cut;                  /* more parts or levels than the limits */
} web_view;

/*
 * The view of msg (len bytes); masked unless unmasked. With cats (the
 * configuration's categories; NULL: none), each text part's sensitive
 * passages are marked: the detector runs on the part's text as the
 * scanner does (normalised, identity numbers as personal references), and
 * every place the evidence term of a category finding appears in the text
 * as shown becomes a mark. Free with web_view_free (wipes).
 */
web_view *web_view_new(const char *msg, size_t len, int unmasked, const seal_category *cats);
void web_view_free(web_view *v);

#endif
