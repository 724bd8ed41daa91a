/*
 * message_attach.c - MIME leaves that are not declared text
 * (message_internal.h), in this order:
 *  1. office documents and zip archives are read (office.h): a part that
 *     starts with "PK" or ends in a zip end-of-central-directory record
 *     (a self-extracting archive, a zip after junk);
 *  2. S/MIME content is checked: CMS enveloped or authEnveloped data counts
 *     as protected; opaque signed data has its signed (clear) content
 *     walked; anything else under the label protects nothing;
 *  3. content that is text under another label (a .txt sent as
 *     application/octet-stream, an armoured OpenPGP message, a forged
 *     encryption label over clear text) is scanned as text;
 *  4. PDF text is read with poppler (pdf.h), page by page, then links,
 *     annotations, form fields, metadata and embedded files (a nested PDF
 *     recursively, text by charset, other files as in 5.);
 *  5. the rest goes to message_binary.c: encrypted compound files are
 *     unscannable, other archives and compressed streams are unpacked,
 *     images stay uninspected, and what no reader takes is uninspected and
 *     has its printable strings scanned (uninspected_action).
 * Only the first 64 KiB are read to decide; text is then streamed in
 * windows like any text part, archives and CMS are read whole within the
 * walk's text budget.
 */
#include <string.h>

#include <gmime/gmime.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/objects.h>

#include "message_internal.h"
#include "rtftext.h"
#include "office.h"
#include "pdf.h"
#include "textsniff.h"
#include "tnef.h"

#define SEAL_ATTACH_SNIFF 65536

struct seal_walk_office {
	struct seal_walk *w;
	unsigned leaf, depth;
	const char *fname;
	seal_status st;         /* the walk callback's status */
};

static seal_status
seal_walk_office_text(void *ctx, const char *inner, const char *detail, const char *text,
	size_t len, seal_err *err)
{
	struct seal_walk_office *o = ctx;
	char *name = o->fname != NULL ? g_strdup_printf("%s/%s", o->fname, inner) :
	    g_strdup(inner);

	(void)err;
	o->w->detail = detail;  /* the sheet of a workbook (office.h) */
	o->st = seal_walk_emit(o->w, SEAL_WHERE_ATTACHMENT, o->leaf, o->depth, name,
	    text, len);
	o->w->detail = NULL;
	g_free(name);
	return o->st;
}

/*
 * A mail message inside an archive (an .eml in a zip, an altChunk .mht in a
 * docx): parsed and walked as a message/rfc822 part one level deeper, so
 * its headers, body and attachments are read like any attached message.
 */
static seal_status
seal_walk_office_message(void *ctx, const char *inner, const char *data, size_t len,
	seal_err *err)
{
	struct seal_walk_office *o = ctx;
	GMimeParserOptions *opts;
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	GMimeMessagePart *mp;

	(void)inner;
	(void)err;
	stream = g_mime_stream_mem_new_with_buffer(data, len);
	parser = g_mime_parser_new_with_stream(stream);
	opts = g_mime_parser_options_new();
	msg = g_mime_parser_construct_message(parser, opts);
	if (msg == NULL) {
		seal_walk_unscannable(o->w->res, "attachment (part %u): archived message "
		    "not understood", o->leaf);
		o->st = SEAL_OK;
	} else {
		mp = g_mime_message_part_new_with_message("rfc822", msg);
		o->st = seal_walk_recurse(o->w, GMIME_OBJECT(mp), o->w->depth_now + 1,
		    o->depth);
		g_object_unref(mp);
		g_object_unref(msg);
	}
	g_mime_parser_options_free(opts);
	g_object_unref(parser);
	g_object_unref(stream);
	return o->st;
}

/* An entry of an archive or document no reader took: strings and unpacking. */
static seal_status
seal_walk_office_binary(void *ctx, const char *inner, const char *data, size_t len,
	seal_err *err)
{
	struct seal_walk_office *o = ctx;
	char *name = o->fname != NULL ? g_strdup_printf("%s/%s", o->fname, inner) :
	    g_strdup(inner);

	(void)err;
	o->st = seal_walk_blob(o->w, o->leaf, o->depth, name, (const uint8_t *)data, len);
	g_free(name);
	return o->st;
}

/* A picture in a document or archive: read by OCR as a picture attachment. */
static seal_status
seal_walk_office_picture(void *ctx, const char *inner, const char *data, size_t len,
	seal_err *err)
{
	struct seal_walk_office *o = ctx;

	(void)err;
	o->st = seal_walk_ocr_member(o->w, o->leaf, o->depth, o->fname, inner,
	    (const uint8_t *)data, len);
	return o->st;
}

/* A scanned page or a picture of a PDF in a document or archive: read by OCR. */
static seal_status
seal_walk_office_page(void *ctx, const char *inner, const seal_pdf_bitmap *bm, seal_err *err)
{
	struct seal_walk_office *o = ctx;

	(void)err;
	return seal_walk_ocr_member_page(o->w, o->leaf, o->depth, o->fname, inner, 1, bm,
	    &o->st);
}

/*
 * A non-text leaf as office document or zip archive (office.h); *other: it
 * is neither. Reasons name the part number: a file name can hold a number.
 * Binary entries the reader cannot read count as uninspected content of
 * the message (the uninspected policy applies to them).
 */
static seal_status
seal_walk_office(struct seal_walk *w, GMimePart *part, unsigned leaf,
	unsigned msgdepth, const char *fname, int *other)
{
	struct seal_walk_office o = { w, leaf, msgdepth, fname, SEAL_OK };
	seal_office_hooks hooks = { seal_walk_office_text, seal_walk_office_binary,
	    seal_walk_office_message, &o, seal_walk_office_picture,
	    o.w->lim.ocr ? seal_walk_office_page : NULL };
	unsigned depth = w->depth_now, uninspected = 0;
	seal_office_limits lim;
	GByteArray *raw;
	seal_office_status os;
	char reason[120];
	seal_status st = seal_attach_read_whole(w, part, leaf, "archive", &raw);

	*other = 0;
	if (st != SEAL_OK || raw == NULL)
		return st;
	seal_walk_archive_limits(w, &lim);
	w->archives.input += raw->len;
	os = seal_office_extract((const char *)raw->data, raw->len, &lim,
	    &hooks, &uninspected, reason, sizeof(reason), w->err);
	w->depth_now = depth;
	w->res->uninspected += uninspected;
	seal_attach_free(raw);
	*other = os == SEAL_OFFICE_NOT_OFFICE;
	if (os == SEAL_OFFICE_UNSCANNABLE)
		seal_walk_unscannable(w->res, "attachment (part %u): %s", leaf, reason);
	else if (os == SEAL_OFFICE_ERROR)
		return o.st != SEAL_OK ? o.st : SEAL_ERR_NOMEM;
	return SEAL_OK;
}

/*
 * PDF texts as attachment texts named "FILENAME/page N", "FILENAME/link",
 * "FILENAME/annotation", "FILENAME/form", "FILENAME/metadata"; embedded
 * files as "FILENAME/attachment NAME" (pdf.h).
 */
#define SEAL_PDF_MAX_NESTING 3  /* a PDF in a PDF in a PDF, no deeper */

struct seal_walk_pdf_ctx {
	struct seal_walk *w;
	unsigned leaf, depth;
	const char *fname;
	seal_status st;
	unsigned nesting;       /* PDFs this one is embedded in */
};


static seal_status
seal_walk_pdf_text(void *ctx, const char *label, const char *text, size_t len,
	seal_err *err)
{
	struct seal_walk_pdf_ctx *p = ctx;
	char *name = g_strdup_printf("%s/%s", p->fname != NULL ? p->fname : "pdf", label);

	(void)err;
	/* the page of a form field or an annotation (pdf.h labels "page N, ..."),
	   for the PDF attached itself: inside another it would name the wrong one */
	if (p->nesting == 0 && strncmp(label, "page ", 5) == 0 && strchr(label, ',') != NULL)
		p->w->detail = label;
	p->st = seal_walk_emit(p->w, SEAL_WHERE_ATTACHMENT, p->leaf, p->depth, name, text, len);
	p->w->detail = NULL;
	g_free(name);
	return p->st;
}

/* A scanned page or a picture (pdf.h page callback): read by OCR (message_ocr.c). */
static seal_status
seal_walk_pdf_page(void *ctx, const seal_pdf_bitmap *bm, seal_err *err)
{
	struct seal_walk_pdf_ctx *p = ctx;

	(void)err;
	return seal_walk_ocr_member_page(p->w, p->leaf, p->depth, p->fname, NULL,
	    p->nesting > 0, bm, &p->st);
}

/* An embedded file's text as UTF-8: UTF-8 as it is, UTF-16 with a BOM,
 * otherwise Windows-1252 (a superset of Latin-1); NULL if it fails. */
static char *
seal_walk_pdf_file_utf8(const char *data, size_t len, size_t *out_len)
{
	gsize n = 0;
	char *u;

	if (len >= 2 && (guint8)data[0] == 0xFF && (guint8)data[1] == 0xFE)
		u = g_convert(data + 2, (gssize)len - 2, "UTF-8", "UTF-16LE", NULL, &n, NULL);
	else if (len >= 2 && (guint8)data[0] == 0xFE && (guint8)data[1] == 0xFF)
		u = g_convert(data + 2, (gssize)len - 2, "UTF-8", "UTF-16BE", NULL, &n, NULL);
	else if (g_utf8_validate_len(data, len, NULL))
		return (*out_len = len, g_strndup(data, len));
	else
		u = g_convert_with_fallback(data, (gssize)len, "UTF-8", "WINDOWS-1252", "?",
		    NULL, &n, NULL);
	if (u != NULL && !g_utf8_validate_len(u, n, NULL)) {
		g_free(u);
		u = NULL;
	}
	*out_len = n;
	return u;
}

static seal_status
seal_walk_pdf_file(void *ctx, const char *fname, const char *data, size_t len,
	seal_err *err)
{
	struct seal_walk_pdf_ctx *p = ctx, q;
	char *name = g_strdup_printf("%s/attachment %s", p->fname != NULL ? p->fname : "pdf",
	    fname);
	seal_pdf_status ps = SEAL_PDF_NOT_PDF;
	char reason[120], *text;
	size_t tlen;

	q = *p;
	q.fname = name;
	q.nesting = p->nesting + 1;
	q.st = SEAL_OK;
	if (len > 0 && memmem(data, MIN(len, (size_t)1024), "%PDF-", 5) != NULL) {
		if (p->nesting >= SEAL_PDF_MAX_NESTING) {
			seal_walk_unscannable(p->w->res, "attachment (part %u): PDF nested too deep",
			    p->leaf);
			ps = SEAL_PDF_OK;
		} else {
			ps = seal_pdf_extract_ocr(data, len, NULL, seal_walk_pdf_text,
			    seal_walk_pdf_file, p->w->lim.ocr ? seal_walk_pdf_page : NULL, &q,
			    reason, sizeof(reason), err);
		}
	}
	if (ps == SEAL_PDF_UNSCANNABLE)
		seal_walk_unscannable(p->w->res, "attachment (part %u): embedded %s", p->leaf,
		    reason);
	else if (ps == SEAL_PDF_ERROR)
		p->st = q.st != SEAL_OK ? q.st : SEAL_ERR_NOMEM;
	else if (ps == SEAL_PDF_NOT_PDF && len > 0 &&
	    (((guint8)data[0] == 0xFF && len >= 2 && (guint8)data[1] == 0xFE) ||
	    ((guint8)data[0] == 0xFE && len >= 2 && (guint8)data[1] == 0xFF) ||
	    seal_walk_looks_like_text((const guint8 *)data, len))) {
		text = seal_walk_pdf_file_utf8(data, len, &tlen);
		if (text == NULL)
			seal_walk_unscannable(p->w->res,
			    "attachment (part %u): embedded file is not readable text", p->leaf);
		else
			p->st = seal_walk_emit(p->w, SEAL_WHERE_ATTACHMENT, p->leaf, p->depth,
			    name, text, tlen);
		g_free(text);
	} else if (ps == SEAL_PDF_NOT_PDF && len > 0) {
		/* an embedded image, Office file or archive: as a binary leaf */
		p->st = seal_walk_blob(p->w, p->leaf, p->depth, name, (const uint8_t *)data, len);
	}
	g_free(name);
	return p->st;
}

static seal_status
seal_walk_pdf(struct seal_walk *w, GMimePart *part, unsigned leaf, unsigned msgdepth,
	const char *fname, int *other)
{
	struct seal_walk_pdf_ctx p = { w, leaf, msgdepth, fname, SEAL_OK, 0 };
	GByteArray *raw;
	seal_pdf_status ps;
	char reason[120];
	seal_status st = seal_attach_read_whole(w, part, leaf, "PDF", &raw);

	*other = 0;
	if (st != SEAL_OK || raw == NULL)
		return st;
	ps = seal_pdf_extract_ocr((const char *)raw->data, raw->len, NULL, seal_walk_pdf_text,
	    seal_walk_pdf_file, w->lim.ocr ? seal_walk_pdf_page : NULL, &p, reason,
	    sizeof(reason), w->err);
	seal_attach_free(raw);
	*other = ps == SEAL_PDF_NOT_PDF;
	if (ps == SEAL_PDF_UNSCANNABLE)
		seal_walk_unscannable(w->res, "attachment (part %u): %s", leaf, reason);
	else if (ps == SEAL_PDF_ERROR)
		return p.st != SEAL_OK ? p.st : SEAL_ERR_NOMEM;
	return SEAL_OK;
}

/*
 * The signed content of opaque S/MIME signed-data is a MIME entity in
 * clear: parsed and walked one level deeper like any other part.
 */
seal_status
seal_walk_smime_signed(struct seal_walk *w, CMS_ContentInfo *cms, unsigned msgdepth)
{
	ASN1_OCTET_STRING **content = CMS_get0_content(cms);
	GMimeParserOptions *opts;
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeObject *obj;
	seal_status st;

	if (content == NULL || *content == NULL)
		return SEAL_OK;
	stream = g_mime_stream_mem_new_with_buffer((const char *)ASN1_STRING_get0_data(*content),
	    (gsize)ASN1_STRING_length(*content));
	parser = g_mime_parser_new_with_stream(stream);
	opts = g_mime_parser_options_new();
	obj = g_mime_parser_construct_part(parser, opts);
	if (obj == NULL) {
		seal_walk_unscannable(w->res, "S/MIME signed content is not a MIME entity");
		st = SEAL_OK;
	} else {
		st = seal_walk_recurse(w, obj, w->depth_now + 1, msgdepth);
		g_object_unref(obj);
	}
	g_mime_parser_options_free(opts);
	g_object_unref(parser);
	g_object_unref(stream);
	return st;
}

/*
 * Content labelled S/MIME: enveloped (or authEnveloped) data counts as
 * protected (1); opaque signed data has its content walked (2); anything
 * else is not what the label says (0); -1 on I/O error.
 */
static int
seal_attach_smime(struct seal_walk *w, GMimePart *part, unsigned msgdepth, seal_status *st)
{
	GByteArray *raw;
	BIO *b = NULL;
	CMS_ContentInfo *cms = NULL;
	int nid = NID_undef, kind = 0;
	int rc = seal_walk_decode(part, w->lim.max_text - w->text_total, &raw);

	*st = SEAL_OK;
	if (rc == 0 && raw->len > 0 && raw->len <= G_MAXINT &&
	    (b = BIO_new_mem_buf(raw->data, (int)raw->len)) != NULL &&
	    (cms = d2i_CMS_bio(b, NULL)) != NULL)
		nid = OBJ_obj2nid(CMS_get0_type(cms));
	if (nid == NID_pkcs7_enveloped || nid == NID_id_smime_ct_authEnvelopedData)
		kind = 1;
	else if (nid == NID_pkcs7_signed) {
		kind = 2;
		*st = seal_walk_smime_signed(w, cms, msgdepth);
	} else if (nid == NID_id_smime_ct_compressedData) {
		/* RFC 3274: zlib inside; inflated and walked (message_wrap.c) */
		ASN1_OCTET_STRING **z = CMS_get0_content(cms);

		kind = 2;
		*st = z != NULL && *z != NULL ?
		    seal_walk_cms_compressed(w, ASN1_STRING_get0_data(*z),
		    (size_t)ASN1_STRING_length(*z), msgdepth) :
		    seal_walk_cms_compressed(w, NULL, 0, msgdepth);
	}
	CMS_ContentInfo_free(cms);
	BIO_free(b);
	g_byte_array_free(raw, TRUE);
	return rc == -1 ? -1 : kind;
}

/* The first bytes of the decoded content: 0 ok (*len may be 0), -1 I/O. */
static int
seal_attach_head(GMimePart *part, guint8 *buf, size_t size, size_t *len)
{
	GMimeStream *fs;
	int rc = 0;

	*len = 0;
	if (seal_walk_decoded_stream(part, &fs) != 0)
		return -1;
	if (fs == NULL)
		return 0;
	while (*len < size) {
		ssize_t n = seal_stream_read(fs, (char *)buf + *len, size - *len);

		if (n < 0)
			rc = -1;
		if (n <= 0)
			break;
		*len += (size_t)n;
	}
	g_object_unref(fs);
	return rc;
}

/*
 * Whether the decoded part ends in a zip end-of-central-directory record:
 * read to the end keeping the last 64 KiB + 22 bytes (the record and the
 * longest comment). Errors say no; the reads that follow report them.
 */
static int
seal_attach_tail_has_eocd(GMimePart *part)
{
	const size_t keep = 65536 + 22;
	GMimeStream *fs;
	char *buf;
	size_t have = 0;
	ssize_t n;
	int found;

	if (seal_walk_decoded_stream(part, &fs) != 0 || fs == NULL)
		return 0;
	buf = g_malloc(2 * keep);
	while ((n = seal_stream_read(fs, buf + have, 2 * keep - have)) > 0) {
		have += (size_t)n;
		if (have == 2 * keep) {
			memmove(buf, buf + keep, keep);
			have = keep;
		}
	}
	g_object_unref(fs);
	found = seal_office_has_eocd(buf, have);
	memset(buf, 0, 2 * keep);
	g_free(buf);
	return found;
}

seal_status
seal_walk_attachment(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	unsigned leaf, unsigned msgdepth, const char *fname)
{
	guint8 *head = g_malloc(SEAL_ATTACH_SNIFF);
	size_t n;
	int other = 1, pgp_read = 0, rc;
	seal_status st = SEAL_OK;
	struct seal_walk_window e = { w, SEAL_WHERE_ATTACHMENT, leaf, msgdepth, fname,
	    seal_walk_text_format(ct, fname) };
	int sniffed;

	if (seal_attach_head(part, head, SEAL_ATTACH_SNIFF, &n) != 0) {
		st = seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
		goto out;
	}
	if (n == 0)
		goto out;
	/* a mail message under any label, text in UTF-16/32 (message_wrap.c,
	 * message_text.c); before the zip test: a message may start "PK" */
	if (seal_walk_wrap_sniff(head, n)) {
		st = seal_walk_wrapped(w, part, leaf, msgdepth);
		goto out;
	}
	st = seal_walk_text_sniffed(w, part, ct, &e, head, n, &sniffed);
	if (st == SEAL_OK && sniffed && !w->stop) {
		/* UTF-16/32 markup by its name (kort.svg) or by its start in
		 * UTF-8 (an unnamed SVG under octet-stream): the views convert it */
		size_t hl = 0;
		char *h = seal_textsniff_to_utf8(head, n, seal_textsniff(head, n, NULL), &hl);

		st = seal_walk_markup_views(w, part, ct, SEAL_WHERE_ATTACHMENT, leaf,
		    msgdepth, fname, (const guint8 *)h, h != NULL ? hl : 0);
		if (h != NULL)
			memset(h, 0, hl);
		g_free(h);
	}
	if (st != SEAL_OK || sniffed)
		goto out;
	/* a zip at byte 0, or after a prefix (self-extractor, junk): its
	 * end-of-central-directory record is near the end of the part */
	if ((n >= 2 && head[0] == 'P' && head[1] == 'K') ||
	    seal_office_has_eocd((const char *)head, n) ||
	    (n == SEAL_ATTACH_SNIFF && seal_attach_tail_has_eocd(part))) {
		st = seal_walk_office(w, part, leaf, msgdepth, fname, &other);
		if (st != SEAL_OK || !other)
			goto out;
	}
	if (memmem(head, MIN(n, (size_t)1024), "%PDF-", 5) != NULL) {
		st = seal_walk_pdf(w, part, leaf, msgdepth, fname, &other);
		if (st != SEAL_OK || !other)
			goto out;
	}
	if (seal_walk_is(ct, "application", "pkcs7-mime") ||
	    seal_walk_is(ct, "application", "x-pkcs7-mime")) {
		rc = seal_attach_smime(w, part, msgdepth, &st);
		if (rc == -1) {
			st = seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
			goto out;
		}
		if (rc == 1)
			w->res->encrypted = 1;
		if (rc != 0)
			goto out;
	}
	if (seal_walk_is(ct, "application", "ms-tnef") ||
	    seal_walk_is(ct, "application", "vnd.ms-tnef") ||
	    seal_walk_name_ends(fname, "winmail.dat")) {
		/* a TNEF label over other content: damaged, never clean */
		if (!seal_tnef_is(head, n)) {
			seal_walk_unscannable(w->res, "attachment (part %u): labelled TNEF "
			    "but not a TNEF stream", leaf);
			goto out;
		}
	}
	if (seal_rtf_is((const char *)head, n) || seal_tnef_is(head, n)) {
		/* RTF is ASCII text, but its escapes hide digits; TNEF holds
		 * texts and files: the binary reader reads both (rtftext.h, tnef.h) */
		st = seal_walk_binary(w, part, leaf, msgdepth, fname);
		goto out;
	}
	if (seal_walk_looks_like_text(head, n)) {
		/* Armoured OpenPGP is flagged by the window callback. */
		st = seal_walk_stream_text(w, part, NULL, 2, &e);
		if (st == SEAL_OK && w->pgp_armour)
			st = seal_walk_pgp_text(w, part, leaf, msgdepth, fname);
		w->pgp_armour = 0;
		/* an SVG picture or HTML page under a neutral label */
		if (st == SEAL_OK && !w->stop)
			st = seal_walk_markup_views(w, part, ct, SEAL_WHERE_ATTACHMENT, leaf,
			    msgdepth, fname, head, n);
		goto out;
	}
	st = seal_walk_pgp_binary(w, part, leaf, msgdepth, fname, head, n, &pgp_read);
	if (st != SEAL_OK || pgp_read)
		goto out;
	st = seal_walk_binary(w, part, leaf, msgdepth, fname);
out:
	memset(head, 0, SEAL_ATTACH_SNIFF);
	g_free(head);
	return st;
}
