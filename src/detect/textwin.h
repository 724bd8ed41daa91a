/*
 * textwin.h - hands a long text to a scanner in overlapping windows, so a
 * 50 MB text part costs about one window of memory instead of the whole
 * part (twice: decoded and normalised).
 *
 * The text arrives in pieces (complete UTF-8 sequences). Each window is
 * handed over with an "own" range: findings that start inside it belong to
 * this window; the bytes around it are context shared with the neighbours,
 * so a number or its keyword that straddles a window edge is seen whole,
 * and each finding is reported exactly once.
 *
 * Window edges are cut between two letters or digits wherever possible:
 * normalisation (normalize.h) then gives the same result for the pieces as
 * for the whole, since its only rule that looks at neighbours (E11, white
 * space around line breaks) cannot reach across such a cut.
 *
 * Not thread safe: one windower per text.
 */
#ifndef SEAL_TEXTWIN_H
#define SEAL_TEXTWIN_H

#include <stddef.h>

#include "err.h"

/* Default sizes: 1 MiB owned per window, 4 KiB of context on each side. */
#define SEAL_TEXTWIN_SIZE    ((size_t)1024 * 1024)
#define SEAL_TEXTWIN_CONTEXT ((size_t)4096)

typedef seal_status (*seal_textwin_fn)(void *ctx, const char *text, size_t len,
	size_t own_start, size_t own_end, seal_err *err);

typedef struct seal_textwin seal_textwin;

/* size: owned bytes per window (> 2 * context); context: bytes each side. */
seal_textwin *seal_textwin_new(size_t size, size_t context, seal_textwin_fn fn,
	void *ctx);

/* Appends text (whole UTF-8 sequences); may hand over full windows. */
seal_status seal_textwin_append(seal_textwin *w, const char *text, size_t len,
	seal_err *err);

/* Hands over what is left (always at least one window, even when empty). */
seal_status seal_textwin_finish(seal_textwin *w, seal_err *err);

/* Bytes appended so far. */
size_t seal_textwin_total(const seal_textwin *w);

/*
 * Normalises a window (normalize.h) in three pieces, cut at own_start and
 * own_end, and gives the owned range in the normalised text. Caller frees
 * the result (g_free; wipe it first, it holds the text).
 */
char *seal_textwin_normalize(const char *text, size_t len, size_t own_start,
	size_t own_end, size_t *out_len, size_t *norm_own_start, size_t *norm_own_end);

/* Frees w (NULL allowed), wiping the buffered text; returns NULL. */
seal_textwin *seal_textwin_free(seal_textwin *w);

#endif
