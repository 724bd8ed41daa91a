/*
 * message_light.h - the light walk of a one-part text message (message_light.c):
 * the header block parsed by GMime as one MIME part, the body taken as that
 * part's content in place, without building and tearing down the message
 * object, its address lists and a scan of the body for boundaries.
 * Internal to src/mime (message.c calls it), not part of libseal's interface.
 */
#ifndef SEAL_MESSAGE_LIGHT_H
#define SEAL_MESSAGE_LIGHT_H

#include <gmime/gmime.h>

#include "err.h"
#include "message_internal.h"

/*
 * Walks the message in stream (at start; endpos its end) the light way when
 * it is one text part whose header block the light path reads exactly as
 * the full walk does. opts: the full walk's parser options, whose warning
 * callback takes w->res as its user data. Returns 1 when the message was
 * walked (*st: the walk's status), 0 when it needs the full walk: then
 * nothing was handed over, w and w->res are untouched and the stream is
 * back at start (or *st holds an I/O error and 1 is returned).
 */
int seal_walk_light(struct seal_walk *w, GMimeStream *stream, gint64 start,
	gint64 endpos, GMimeParserOptions *opts, seal_status *st);

#endif
