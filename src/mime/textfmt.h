/*
 * textfmt.h - read a text part the way a mail client shows it, before
 * normalisation: a line filter between charset conversion and the scanner.
 *
 *  QUOTES    cited lines (`>`, `> >`, `>>` at the line start) lose their
 *            markers and one space after them; lines of different quote
 *            depth stay separate lines (a client draws them as separate
 *            blocks, but a number cut at the change is still a candidate
 *            with a line break as separator, as in the raw text);
 *  FLOWED    RFC 3676 format=flowed: quote markers as above, one stuffed
 *            space removed, a soft line break (a line ending in a space,
 *            other than the signature line "-- ") joined with the next line
 *            of the same quote depth; DELSP (delsp=yes) also removes that
 *            space;
 *  UUDECODE  an inline uuencode block ("begin 644 name" ... "end") is
 *            decoded and handed to the file hook; its lines stay in the
 *            text as before;
 *  JSON      string escapes decoded: \uXXXX (surrogate pairs joined, a lone
 *            surrogate or \u0000 is U+FFFD), \n \r \t \" \\ \/ \b \f;
 *  ENRICHED  RFC 1896 text/enriched (and RFC 1341 text/richtext): commands
 *            removed with the content of <param>, "<<" is "<", a single
 *            newline is a space and n newlines are n-1 line breaks (not
 *            inside <nofill>).
 * JSON and ENRICHED are used alone; QUOTES, FLOWED and UUDECODE combine.
 *
 * Input: valid UTF-8 in pieces of whole sequences; output the same. The
 * filter owns its buffers; text it held is wiped when freed. Not thread
 * safe: one filter per text. Errors are the callbacks' own statuses.
 */
#ifndef SEAL_TEXTFMT_H
#define SEAL_TEXTFMT_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define SEAL_TEXTFMT_QUOTES   0x01u
#define SEAL_TEXTFMT_FLOWED   0x02u
#define SEAL_TEXTFMT_DELSP    0x04u
#define SEAL_TEXTFMT_UUDECODE 0x08u
#define SEAL_TEXTFMT_JSON     0x10u
#define SEAL_TEXTFMT_ENRICHED 0x20u

/* Filtered text out (whole UTF-8 sequences). */
typedef seal_status (*seal_textfmt_out)(void *ctx, const char *text, size_t len,
	seal_err *err);

/*
 * A decoded uuencoded file: name as on the begin line (UTF-8), data lent
 * for the call. data NULL: the file was larger than the cap given to
 * seal_textfmt_new (nothing of it is handed over).
 */
typedef seal_status (*seal_textfmt_file)(void *ctx, const char *name,
	const uint8_t *data, size_t len, seal_err *err);

typedef struct seal_textfmt seal_textfmt;

/*
 * out gets out_ctx, file (may be NULL: no UUDECODE) file_ctx; uu_cap: most
 * decoded bytes per uuencoded file.
 */
seal_textfmt *seal_textfmt_new(unsigned flags, seal_textfmt_out out, void *out_ctx,
	seal_textfmt_file file, void *file_ctx, size_t uu_cap);

seal_status seal_textfmt_feed(seal_textfmt *f, const char *text, size_t len,
	seal_err *err);

/* Ends the text: the last line, an open escape or uuencode block. */
seal_status seal_textfmt_finish(seal_textfmt *f, seal_err *err);

/* Frees f (NULL allowed), wiping held text; returns NULL. */
seal_textfmt *seal_textfmt_free(seal_textfmt *f);

/*
 * A whole text filtered at once: new string (g_free) or NULL when a
 * callback failed (*st set).
 */
char *seal_textfmt_apply(unsigned flags, const char *text, size_t len,
	seal_textfmt_file file, void *ctx, size_t uu_cap, size_t *out_len,
	seal_status *st, seal_err *err);

#endif
