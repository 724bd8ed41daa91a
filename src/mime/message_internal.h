/*
 * message_internal.h - what message.c (the MIME walk) shares with its
 * readers (message_*.c): the walk's state, the shared steps
 * (message_read.c) and each reader's entry point. The walk calls the
 * readers; the readers call message_read.c and each other, never the walk
 * (a nested object goes through w->object). Not part of libseal's interface.
 */
#ifndef SEAL_MESSAGE_INTERNAL_H
#define SEAL_MESSAGE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <gmime/gmime.h>
#include <openssl/cms.h>

#include "err.h"
#include "message.h"
#include "ocr.h"
#include "office.h"
#include "pdf.h"

struct seal_walk {
	seal_walk_limits lim;
	seal_text_fn fn;
	void *ctx;
	seal_walk_result *res;
	seal_err *err;
	unsigned leaf;          /* last leaf number handed out */
	size_t text_total;      /* bytes of text handed over so far */
	int body_done;          /* the top-level BODY text was handed over */
	int stop;               /* a limit was hit: walk no further */
	unsigned depth_now;     /* nesting depth of the object being walked */
	int pgp_armour;         /* the text part being read holds "BEGIN PGP MESSAGE" */
	int pgp_broken;         /* message_pgp.c: gpg could not read a binary file */
	GMimeObject *root;      /* the top-level MIME part (message/partial sets) */
	seal_ocr_run ocr;       /* OCR of this message (message_ocr.c): deadline set
	                         * at the first picture */
	int ocr_spent;          /* a bound of OCR was hit: read no more pictures */
	unsigned ocr_page_count;/* pages read or being read, for ocr_max_pages */
	seal_archive_budget archives; /* what every archive of the message unpacked
	                         * (office.h): the bomb caps hold per message */
	const char *detail;     /* seal_text.detail of the texts emitted now, or NULL */
	/* the walk of one MIME object at depth (message.c), for seal_walk_recurse */
	seal_status (*object)(struct seal_walk *w, GMimeObject *obj, unsigned depth,
		unsigned msgdepth);
};

struct seal_walk_window {
	struct seal_walk *w;
	seal_where_kind where;
	unsigned part, depth;
	const char *name;
	unsigned fmt;           /* SEAL_TEXTFMT_* reading of the text (textfmt.h), 0: as is */
};

/* Walks a MIME object a reader found inside a part (w->object; message_read.c). */
seal_status seal_walk_recurse(struct seal_walk *w, GMimeObject *obj, unsigned depth,
	unsigned msgdepth);

/*
 * How a charset converts in pieces (message_text.c): 0 whole only,
 * 1 single-byte, 2 UTF-8 or undeclared.
 */
int seal_walk_stream_kind(const char *cs);

/*
 * The header texts a reader sees (message_headers.c): every field of a
 * header block but the protocol ones, address fields by display name.
 */
seal_status seal_walk_headers(struct seal_walk *w, GMimeMessage *msg, unsigned msgdepth);
/*
 * The same for a header list; skip_content leaves out the Content-* fields
 * (the list of a part parsed from a whole message header block, where
 * GMime would have given those to the top part: message_light.c).
 */
seal_status seal_walk_header_list(struct seal_walk *w, GMimeHeaderList *hl,
	unsigned msgdepth, int skip_content);

/* Content-Description and a name= that differs from the file name. */
/* A part's own header fields (not protocol, not Content-Description); part of the labels. */
seal_status seal_walk_part_fields(struct seal_walk *w, GMimeObject *obj, unsigned leaf,
	unsigned msgdepth);
seal_status seal_walk_part_labels(struct seal_walk *w, GMimeObject *obj, unsigned leaf,
	unsigned msgdepth, const char *fname);

/* ---- shared steps (message_read.c) ---- */

/* No NUL and at most 1% control characters other than white space. */
int seal_walk_looks_like_text(const guint8 *p, size_t n);
/*
 * A part labelled text whose first decoded bytes are not (NULs or control
 * bytes that are no UTF-16/32, or a PDF): an archive or document renamed
 * to .txt, read by content like any attachment.
 */
int seal_walk_content_not_text(GMimePart *part);

/* Marks the walk result unscannable; the first reason wins. */
void seal_walk_unscannable(seal_walk_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Hands a whole text, or one window of a long one, to the callback. */
/*
 * The office/archive limits of the walk (archive_max_* of the
 * configuration) with the message's archive budget attached.
 */
void seal_walk_archive_limits(struct seal_walk *w, seal_office_limits *l);
seal_status seal_walk_emit(struct seal_walk *w, seal_where_kind where, unsigned part,
	unsigned msgdepth, const char *name, const char *text, size_t len);
seal_status seal_walk_emit_window(struct seal_walk *w, seal_where_kind where,
	unsigned part, unsigned msgdepth, const char *name, const char *text,
	size_t len, size_t own_start, size_t own_end);

/* The content type claims encryption (S/MIME enveloped, PGP/MIME). */
int seal_walk_is_encrypted(GMimeContentType *ct);

/* The file name ends in ext, ASCII case ignored (NULL name: no). */
int seal_walk_name_ends(const char *name, const char *ext);

/* Content type is type/subtype ("*" matches any subtype). */
int seal_walk_is(GMimeContentType *ct, const char *type, const char *subtype);

/* The part's transfer-decoded content: as a stream (0, *out NULL when empty; -1 I/O). */
int seal_walk_decoded_stream(GMimePart *part, GMimeStream **out);
/* ... or read into memory, at most cap bytes (0 ok, 1 over cap, -1 I/O). */
int seal_walk_decode(GMimePart *part, size_t cap, GByteArray **out);

/*
 * zlib (RFC 1950) z[0..zlen) inflated and appended to out, at most cap
 * bytes in out (message_read.c): 0, 1 over cap, -1 corrupt or cut short.
 */
int seal_walk_inflate(const uint8_t *z, size_t zlen, size_t cap, GByteArray *out);

/*
 * A text part read, converted (kind 1 single-byte, 2 UTF-8/undeclared) and
 * windowed (message_text.c).
 */
seal_status seal_walk_stream_text(struct seal_walk *w, GMimePart *part,
	const char *charset, int kind, struct seal_walk_window *e);

/*
 * A leaf that is not declared text: claimed encryption verified, office
 * documents and archives read, text under a binary label scanned, the rest
 * counted as uninspected (message_attach.c).
 */
seal_status seal_walk_attachment(struct seal_walk *w, GMimePart *part,
	GMimeContentType *ct, unsigned leaf, unsigned msgdepth, const char *fname);

/*
 * A leaf labelled as a signature or key (message_sig.c): *handled 1 when
 * the content really is one (then skipped, S/MIME content walked, text
 * around OpenPGP armour read), 0 when it must be read as an attachment.
 */
seal_status seal_walk_signature(struct seal_walk *w, GMimePart *part, unsigned leaf,
	unsigned msgdepth, const char *fname, int *handled);

/* The clear content of S/MIME SignedData, walked one level deeper. */
seal_status seal_walk_smime_signed(struct seal_walk *w, CMS_ContentInfo *cms,
	unsigned msgdepth);

/*
 * A non-text leaf no reader above took: images read for their metadata
 * and by OCR (uninspected with ocr = no), encrypted compound files
 * unscannable, archives unpacked, UTF-16/32 text converted, the rest
 * scanned as printable strings or, per uninspected_action, unscannable
 * (message_binary.c).
 */
seal_status seal_walk_binary(struct seal_walk *w, GMimePart *part, unsigned leaf,
	unsigned msgdepth, const char *fname);

/*
 * Bytes found inside a document (an unknown zip entry, a file embedded in
 * a PDF): recognised by content like a binary leaf, one level down; what
 * no reader takes gets the strings fallback (message_binary.c).
 */
seal_status seal_walk_blob(struct seal_walk *w, unsigned leaf, unsigned msgdepth,
	const char *name, const uint8_t *data, size_t len);

/*
 * OpenPGP (message_pgp.c): the armoured blocks of a text part whose
 * windows showed one (w->pgp_armour), and a binary part whose first n
 * bytes are an OpenPGP message (*handled = 1 when it was read here).
 */
seal_status seal_walk_pgp_text(struct seal_walk *w, GMimePart *part, unsigned leaf,
	unsigned msgdepth, const char *fname);
seal_status seal_walk_pgp_binary(struct seal_walk *w, GMimePart *part, unsigned leaf,
	unsigned msgdepth, const char *fname, const guint8 *head, size_t n, int *handled);

/*
 * Calendar invitations and contact cards (message_calendar.c): the kind a
 * leaf's type or file name claims (0 none), and the leaf read as a calendar
 * or contacts application shows it. *taken 0: the content is not what the
 * label says, and the caller reads it the ordinary way.
 */
enum { SEAL_WALK_ICS = 1, SEAL_WALK_VCARD = 2 };
int seal_walk_calendar_kind(GMimeContentType *ct, const char *fname);
/* The kind an application/octet-stream part's content shows (0: none, other types). */
int seal_walk_calendar_content_kind(GMimePart *part, GMimeContentType *ct);
seal_status seal_walk_calendar(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	int kind, unsigned leaf, unsigned msgdepth, const char *fname, int *taken);

/*
 * Markup parts (message_html.c): HTML by type (text/html, xhtml), XML by
 * type; an attachment of another type that is HTML by name or content.
 */
int seal_walk_is_html(GMimeContentType *ct);
int seal_walk_is_xml(GMimeContentType *ct);
int seal_walk_sniff_html(GMimePart *part, GMimeContentType *ct, const char *fname);
/* An HTML part: full text, shown text (when it differs) and attribute texts. */
seal_status seal_walk_html(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	seal_where_kind where, unsigned leaf, unsigned msgdepth, const char *name);
/* Whether XML's tag-stripped view can show what its raw text does not. */
int seal_walk_xml_view_adds(const char *s, size_t n);
/* An XML part holding character references: its decoded, tag-stripped text. */
seal_status seal_walk_xml_refs(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	seal_where_kind where, unsigned leaf, unsigned msgdepth, const char *name);
/*
 * A part read as text that is markup to whoever opens it, though its type
 * does not say so: also read through the markup's view (seal_walk_html or
 * seal_walk_xml_refs). By the file name (.html, .htm, .xhtml: HTML; .svg,
 * .xml: XML) and, when head is given (an unlabelled attachment's first
 * bytes), by content (html.h seal_html_sniff). A text/... label does not
 * stop a browser that opens kort.svg or brev.html.
 */
seal_status seal_walk_markup_views(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	seal_where_kind where, unsigned leaf, unsigned msgdepth, const char *fname,
	const guint8 *head, size_t n);

/*
 * Text read as a client shows it (message_text.c): the textfmt.h flags for
 * a part's type and name; a text whose bytes show UTF-16/32 or a UTF-8
 * mark read in that encoding (*done set; textsniff.h); a whole text
 * filtered and handed over.
 */
unsigned seal_walk_text_format(GMimeContentType *ct, const char *fname);
seal_status seal_walk_text_sniffed(struct seal_walk *w, GMimePart *part,
	GMimeContentType *ct, struct seal_walk_window *e, const guint8 *head, size_t n,
	int *done);
/* The first bytes of a streamed text showed UTF-16/32: the rest read, all converted. */
seal_status seal_walk_text_wide_rest(struct seal_walk *w, GMimeStream *fs,
	const guint8 *first, size_t n, int enc, char **utf8, size_t *ulen);
/* Raw text to UTF-8: by its byte-order mark or NUL pattern, else by charset. */
char *seal_walk_text_utf8(const guint8 *raw, size_t len, const char *charset, size_t *ulen);
seal_status seal_walk_text_emit(struct seal_walk_window *e, const char *text, size_t len);
/* uuencoded file found in a text (textfmt.h file hook; ctx: the window). */
seal_status seal_walk_text_uufile(void *ctx, const char *name, const uint8_t *data,
	size_t len, seal_err *err);

/*
 * OCR (message_ocr.c): a picture (every page of a TIFF) read and its text
 * handed over as "NAME (OCR)", or uninspected as before when ocr is off;
 * a scanned PDF page (the pdf.h page callback's work). The bounds
 * (ocr_max_pages, ocr_time_budget) make what is left unscannable; tiny
 * pictures are counted in res->ocr_skipped_small. The text's detail says
 * "page N (OCR)", "page N, picture K (OCR)" or "picture (OCR)"; inner: the picture or PDF lies inside
 * another file of the attachment (then "inner document, page N (OCR)").
 */
seal_status seal_walk_ocr_image(struct seal_walk *w, unsigned leaf, unsigned msgdepth,
	const char *name, int inner, const uint8_t *d, size_t n);
seal_status seal_walk_ocr_page(struct seal_walk *w, unsigned leaf, unsigned msgdepth,
	const char *name, int inner, const seal_pdf_bitmap *bm);
/*
 * The hooks of the readers of documents and archives (office.h, rtftext.h,
 * pdf.h) for a picture or a PDF bitmap found in a file, named
 * "OUTER/INNER" (either may be NULL): a picture is skipped uncounted with
 * ocr = no (as before OCR); for a bitmap, *walk_st gets the walk's status
 * (SEAL_OK when an OCR bound stopped it: already recorded as unscannable)
 * and the return value is the reader's (SEAL_ERR_LIMIT: hand over no more).
 */
seal_status seal_walk_ocr_member(struct seal_walk *w, unsigned leaf, unsigned msgdepth,
	const char *outer, const char *inner, const uint8_t *d, size_t n);
seal_status seal_walk_ocr_member_page(struct seal_walk *w, unsigned leaf, unsigned msgdepth,
	const char *outer, const char *inner, int in_doc, const seal_pdf_bitmap *bm,
	seal_status *walk_st);

/*
 * Wrapped messages (message_wrap.c): a part labelled or named as a mail
 * message (.eml, message/rfc822 under a transfer encoding, x-eml,
 * message/global), content that starts with a mail header block,
 * message/partial fragments, S/MIME compressed-data. Each is opened and
 * walked one level down, or the message is unscannable.
 */
int seal_walk_wrap_labelled(GMimeContentType *ct, const char *fname);
int seal_walk_wrap_sniff(const guint8 *p, size_t n);
seal_status seal_walk_wrapped(struct seal_walk *w, GMimePart *part, unsigned leaf,
	unsigned msgdepth);
seal_status seal_walk_partial(struct seal_walk *w, GMimeObject *obj, unsigned leaf,
	unsigned msgdepth);
/* The inflated content of CMS compressed-data (RFC 3274), walked as a MIME entity. */
seal_status seal_walk_cms_compressed(struct seal_walk *w, const uint8_t *z, size_t zlen,
	unsigned msgdepth);

/*
 * The whole decoded part within the walk's text budget (message_read.c):
 * *raw NULL when too big (then unscannable, "WHAT larger than ..."); and
 * its wiping free.
 */
seal_status seal_attach_read_whole(struct seal_walk *w, GMimePart *part, unsigned leaf,
	const char *what, GByteArray **raw);
void seal_attach_free(GByteArray *raw);

#endif
