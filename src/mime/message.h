/*
 * message.h - walk a MIME message with GMime 3 and hand every piece of
 * scannable text, decoded to UTF-8, to a callback.
 *
 * What is handed over (doc/DETECTION.md section 2.1): every header a reader
 * can see (RFC 2047 decoded; address fields by display name; protocol fields
 * such as Received or Message-ID skipped) of the top-level message and of
 * every nested message/rfc822, each part's Content-Description and name=; every text/plain and text/html part (HTML, XHTML and HTML attachments
 * of any type read with seal_html_read: full, shown and attribute texts; XML
 * with references also tag-stripped, message_html.c); calendar invitations
 * and contact cards as their applications show them, one text per property
 * (message_calendar.c); text attachments (any text type, CSV); the file name of
 * every attachment (RFC 2231/2047 decoded) as its own text. Transfer
 * encodings and charsets are decoded (extract.h).
 *
 * Malformed MIME never crashes: GMime repairs what it can; what cannot be
 * checked (a limit hit, a part that fails to decode) sets
 * result->unscannable with a reason. Encrypted content (S/MIME
 * enveloped-data, PGP/MIME, application/pgp-encrypted) sets
 * result->encrypted.
 *
 * Thread safety: GMime objects are per call; the parser options are created
 * per call (the default ones are global). g_mime_init() must have run.
 */
#ifndef SEAL_MESSAGE_H
#define SEAL_MESSAGE_H

#include <stddef.h>
#include <stdint.h>
#include <gmime/gmime.h>

#include "err.h"

typedef enum seal_where_kind {
	SEAL_WHERE_SUBJECT = 0,  /* Subject of the top-level message */
	SEAL_WHERE_HEADER,       /* Comments/Keywords, or Subject of a nested message; name = header name */
	SEAL_WHERE_BODY,         /* the first inline text part of the top-level message */
	SEAL_WHERE_PART,         /* any other inline text part */
	SEAL_WHERE_ATTACHMENT,   /* content of a text attachment; name = its file name or NULL */
	SEAL_WHERE_FILENAME      /* an attachment's file name itself; name = the same text */
} seal_where_kind;

typedef struct seal_text {
	seal_where_kind where;
	unsigned part;       /* 1-based number of the MIME leaf in walk order; 0 for headers,
	                      * multipart preamble/epilogue text (handed over only when it
	                      * holds a digit: a wrong boundary puts all content there) and
	                      * the file name of an attached message */
	unsigned depth;      /* message/rfc822 nesting: 0 = top level */
	const char *name;    /* see seal_where_kind; UTF-8; may be NULL */
	/*
	 * Where inside the attachment, in the reader's own words and never
	 * the sender's ("page 2, form field", "page 1, annotation", "page 1
	 * (OCR)", "sheet 2 (hidden)", "inner document, sheet 1, comment"):
	 * safe to show even where names are not (mail with sensitive data).
	 * NULL: none.
	 */
	const char *detail;
	const char *text;    /* decoded UTF-8, not normalised; not NUL-terminated */
	size_t len;
	/*
	 * A long text part comes in overlapping windows (textwin.h): report
	 * only findings that start in [own_start, own_end); the rest is
	 * context shared with the neighbouring windows. A whole text has
	 * own_start 0 and own_end len. Both are cut points at which
	 * normalisation of the pieces equals normalisation of the whole.
	 */
	size_t own_start, own_end;
} seal_text;

/* Return SEAL_OK to go on; anything else stops the walk and is returned. */
typedef seal_status (*seal_text_fn)(void *ctx, const seal_text *t, seal_err *err);

typedef struct seal_walk_limits {
	unsigned max_depth;       /* multipart/message nesting; default 32 */
	unsigned max_parts;       /* MIME parts in all; default 10000 */
	size_t max_text;          /* decoded text bytes in all; default 256 MiB */
	int uninspected_unscannable; /* 1: a binary part that cannot be read makes the
	                              * message unscannable; 0 (default): its printable
	                              * strings are scanned (uninspected_action) */
	/* OCR (ocr.h; default off here, on in the configuration) */
	int ocr;                  /* 1: images and scanned PDF pages are read */
	const char *ocr_languages;/* Tesseract languages; NULL: SEAL_WALK_OCR_LANGUAGES */
	unsigned ocr_max_pages;   /* pictures and pages read per message; more: unscannable */
	unsigned ocr_time_budget; /* seconds of OCR per message; past it: unscannable */
	/* archives (office.h limits and the message's seal_archive_budget) */
	unsigned archive_max_entries; /* default 10000 */
	uint64_t archive_max_unpacked;/* bytes; default 256 MiB */
	unsigned archive_max_ratio;   /* default 200 */
	void (*progress)(void *ctx); /* called during long work (the daemon's
	                              * smfi_progress); may be NULL */
	void *progress_ctx;
	int full_walk;            /* 1: always the full GMime tree, never the light
	                           * walk of a one-part text message (tests compare
	                           * the two; default 0) */
} seal_walk_limits;

#define SEAL_WALK_OCR_LANGUAGES "dan+swe+nor+fin+eng"

typedef struct seal_walk_result {
	unsigned parts;           /* MIME parts seen */
	unsigned texts;           /* texts handed to the callback */
	unsigned uninspected;     /* non-text attachments whose content was not read */
	unsigned attachments;     /* leaves that are not the message's own text: files, pictures,
	                           * parts of nested messages (a signature is not counted) */
	int unscannable;          /* 1: something could not be checked */
	char reason[160];         /* why (no personal data), when unscannable */
	int encrypted;            /* encrypted content seen */
	int top_encrypted;        /* the message's own body is labelled encrypted (S/MIME
	                           * enveloped, PGP/MIME); with encrypted set and no finding,
	                           * the sender encrypted the whole message */
	int repaired;             /* GMime reported MIME defects it worked around */
	unsigned ocr_pages;       /* pictures and PDF pages read by OCR */
	unsigned ocr_skipped_small; /* pictures too small to hold a number (ocr.h) */
	int light_walk;           /* 1: walked the light way (message_light.h) */
} seal_walk_result;

void seal_walk_limits_default(seal_walk_limits *l);

/*
 * Reads up to n bytes from s. Unlike g_mime_stream_read(), 0 means the end
 * of the stream and nothing else: a filter stream (base64, QP) returns 0
 * whenever a block of its source decodes to nothing (white space, invalid
 * characters, soft line breaks), and a loop that stopped there would skip
 * the rest of the part. Returns the bytes read, 0 at the end, -1 on error.
 */
gssize seal_stream_read(GMimeStream *s, char *buf, size_t n);

/*
 * Parses the message from stream (positioned at its start) and walks it.
 * Returns SEAL_OK (result filled, possibly unscannable), the callback's
 * status, or a transient error (I/O).
 */
seal_status seal_message_walk(GMimeStream *stream, const seal_walk_limits *limits,
	seal_text_fn fn, void *ctx, seal_walk_result *result, seal_err *err);

#endif
