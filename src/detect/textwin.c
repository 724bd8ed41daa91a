/*
 * textwin.c - overlapping windows over a long text (textwin.h).
 *
 * The buffer holds [leading context | unreported text]. When the
 * unreported text reaches size + context bytes, a cut is chosen near
 * size, the window [0, cut + context) is handed over owning
 * [own_from, cut), and the buffer keeps [cut - context, end) with the cut
 * as the next own_from.
 */
#include <string.h>

#include <glib.h>

#include "normalize.h"
#include "textwin.h"

struct seal_textwin {
	size_t size, context;
	seal_textwin_fn fn;
	void *ctx;
	GString *buf;          /* leading context + unreported text */
	size_t own_from;       /* start of the unreported text in buf */
	size_t total;          /* bytes appended in all */
	int emitted;           /* at least one window handed over */
};

seal_textwin *
seal_textwin_new(size_t size, size_t context, seal_textwin_fn fn, void *ctx)
{
	seal_textwin *w = g_new0(seal_textwin, 1);

	w->context = context;
	w->size = size > 2 * context ? size : 2 * context + 1;
	w->fn = fn;
	w->ctx = ctx;
	w->buf = g_string_sized_new(w->size + 2 * context + 65536);
	return w;
}

/* Start of the UTF-8 sequence that holds byte p (p itself if it starts one). */
static size_t
char_start(const char *s, size_t p)
{
	while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
		p--;
	return p;
}

/* Is p between two letters or digits (a cut normalisation cannot see)? */
static int
clean_cut(const char *s, size_t len, size_t p)
{
	const char *prev;

	if (p == 0 || p >= len)
		return 0;
	prev = g_utf8_find_prev_char(s, s + p);
	return prev != NULL
	    && g_unichar_isalnum(g_utf8_get_char(prev))
	    && g_unichar_isalnum(g_utf8_get_char(s + p));
}

/*
 * A cut at or before target and after lo: between two letters or digits if
 * there is one, else at a character boundary (then only white space at the
 * cut can normalise a little differently, which no number can span).
 */
static size_t
choose_cut(const char *s, size_t len, size_t lo, size_t target)
{
	size_t p = char_start(s, target);

	for (size_t q = p; q > lo; q = char_start(s, q - 1))
		if (clean_cut(s, len, q))
			return q;
	return p;
}

static seal_status
emit_full_windows(seal_textwin *w, seal_err *err)
{
	while (w->buf->len - w->own_from >= w->size + w->context) {
		const char *s = w->buf->str;
		size_t len = w->buf->len;
		size_t cut = choose_cut(s, len, w->own_from + w->size / 2, w->own_from + w->size);
		size_t end = char_start(s, cut + w->context);
		size_t keep = char_start(s, cut - w->context);
		seal_status st;

		st = w->fn(w->ctx, s, end, w->own_from, cut, err);
		w->emitted = 1;
		if (st != SEAL_OK)
			return st;
		/* The bytes dropped held text: wipe before they go back to the heap. */
		memset(w->buf->str, 0, keep);
		g_string_erase(w->buf, 0, (gssize)keep);
		w->own_from = cut - keep;
	}
	return SEAL_OK;
}

seal_status
seal_textwin_append(seal_textwin *w, const char *text, size_t len, seal_err *err)
{
	g_string_append_len(w->buf, text, (gssize)len);
	w->total += len;
	return emit_full_windows(w, err);
}

seal_status
seal_textwin_finish(seal_textwin *w, seal_err *err)
{
	if (w->emitted && w->own_from == w->buf->len)
		return SEAL_OK;
	w->emitted = 1;
	return w->fn(w->ctx, w->buf->str, w->buf->len, w->own_from, w->buf->len, err);
}

size_t
seal_textwin_total(const seal_textwin *w)
{
	return w->total;
}

seal_textwin *
seal_textwin_free(seal_textwin *w)
{
	if (w == NULL)
		return NULL;
	memset(w->buf->str, 0, w->buf->len);
	g_string_free(w->buf, TRUE);
	g_free(w);
	return NULL;
}

char *
seal_textwin_normalize(const char *text, size_t len, size_t own_start, size_t own_end,
	size_t *out_len, size_t *norm_own_start, size_t *norm_own_end)
{
	const size_t cut[4] = { 0, own_start, own_end, len };
	GString *out = g_string_sized_new(len + 16);

	for (int i = 0; i < 3; i++) {
		size_t plen;
		char *piece = seal_normalize(text + cut[i], cut[i + 1] - cut[i], &plen);

		if (i == 1)
			*norm_own_start = out->len;
		g_string_append_len(out, piece, (gssize)plen);
		if (i == 1)
			*norm_own_end = out->len;
		memset(piece, 0, plen);
		g_free(piece);
	}
	*out_len = out->len;
	return g_string_free(out, FALSE);
}
