/*
 * message_attach.c - MIME leaves that are not declared text
 * (message_internal.h), in this order:
 *  1. office documents and zip archives are read (office.h);
 *  2. claimed S/MIME encryption is verified: the content must parse as CMS
 *     enveloped or authEnveloped data, or the label protects nothing;
 *  3. content that is text under another label (a .txt sent as
 *     application/octet-stream, an armoured OpenPGP message, a forged
 *     encryption label over clear text) is scanned as text;
 *  4. the rest (images, PDF for now) is counted as uninspected.
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
#include "office.h"

#define SEAL_ATTACH_SNIFF 65536

struct seal_walk_office {
	struct seal_walk *w;
	unsigned leaf, depth;
	const char *fname;
	seal_status st;         /* the walk callback's status */
};

static seal_status
seal_walk_office_text(void *ctx, const char *inner, const char *text, size_t len,
	seal_err *err)
{
	struct seal_walk_office *o = ctx;
	char *name = o->fname != NULL ? g_strdup_printf("%s/%s", o->fname, inner) :
	    g_strdup(inner);

	(void)err;
	o->st = seal_walk_emit(o->w, SEAL_WHERE_ATTACHMENT, o->leaf, o->depth, name,
	    text, len);
	g_free(name);
	return o->st;
}

/*
 * A non-text leaf as office document or zip archive (office.h); *other: it
 * is neither. Reasons name the part number: a file name can hold a number.
 */
static seal_status
seal_walk_office(struct seal_walk *w, GMimePart *part, unsigned leaf,
	unsigned msgdepth, const char *fname, int *other)
{
	struct seal_walk_office o = { w, leaf, msgdepth, fname, SEAL_OK };
	GByteArray *raw;
	seal_office_status os;
	char reason[120];
	int rc = seal_walk_decode(part, w->lim.max_text - w->text_total, &raw);

	if (rc == -1) {
		g_byte_array_free(raw, TRUE);
		return seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
	}
	if (rc == 1) {	/* too big to read: an archive is unscannable */
		*other = raw->len < 2 || memcmp(raw->data, "PK", 2) != 0;
		if (!*other)
			seal_walk_unscannable(w->res, "attachment (part %u): archive "
			    "larger than %zu bytes", leaf, w->lim.max_text);
		g_byte_array_free(raw, TRUE);
		return SEAL_OK;
	}
	os = seal_office_extract((const char *)raw->data, raw->len, NULL,
	    seal_walk_office_text, &o, reason, sizeof(reason), w->err);
	g_byte_array_free(raw, TRUE);
	*other = os == SEAL_OFFICE_NOT_OFFICE;
	if (os == SEAL_OFFICE_UNSCANNABLE)
		seal_walk_unscannable(w->res, "attachment (part %u): %s", leaf, reason);
	else if (os == SEAL_OFFICE_ERROR)
		return o.st != SEAL_OK ? o.st : SEAL_ERR_NOMEM;
	return SEAL_OK;
}

/* Does data parse as CMS enveloped (or authEnveloped) data? */
static int
seal_attach_is_cms_encrypted(const guint8 *data, size_t len)
{
	BIO *b;
	CMS_ContentInfo *cms;
	int nid = NID_undef;

	if (len == 0 || len > G_MAXINT)
		return 0;
	b = BIO_new_mem_buf(data, (int)len);
	if (b == NULL)
		return 0;
	cms = d2i_CMS_bio(b, NULL);
	if (cms != NULL)
		nid = OBJ_obj2nid(CMS_get0_type(cms));
	CMS_ContentInfo_free(cms);
	BIO_free(b);
	return nid == NID_pkcs7_enveloped || nid == NID_id_smime_ct_authEnvelopedData;
}

/* No NUL and at most 1% control characters other than white space. */
static int
seal_attach_looks_like_text(const guint8 *p, size_t n)
{
	size_t ctrl = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == 0)
			return 0;
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f')
			ctrl++;
	}
	return ctrl * 100 <= n;
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
		ssize_t n = g_mime_stream_read(fs, (char *)buf + *len, size - *len);

		if (n < 0)
			rc = -1;
		if (n <= 0)
			break;
		*len += (size_t)n;
	}
	g_object_unref(fs);
	return rc;
}

/* Claimed S/MIME encryption that holds: 1; anything else: 0; I/O: -1. */
static int
seal_attach_verify_smime(struct seal_walk *w, GMimePart *part)
{
	GByteArray *raw;
	int rc = seal_walk_decode(part, w->lim.max_text - w->text_total, &raw), ok = 0;

	if (rc == 0)
		ok = seal_attach_is_cms_encrypted(raw->data, raw->len);
	g_byte_array_free(raw, TRUE);
	return rc == -1 ? -1 : ok;
}

seal_status
seal_walk_attachment(struct seal_walk *w, GMimePart *part, GMimeContentType *ct,
	unsigned leaf, unsigned msgdepth, const char *fname)
{
	guint8 *head = g_malloc(SEAL_ATTACH_SNIFF);
	size_t n;
	int other = 1, rc;
	seal_status st = SEAL_OK;
	struct seal_walk_window e = { w, SEAL_WHERE_ATTACHMENT, leaf, msgdepth, fname };

	if (seal_attach_head(part, head, SEAL_ATTACH_SNIFF, &n) != 0) {
		st = seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
		goto out;
	}
	if (n == 0)
		goto out;
	if (n >= 2 && head[0] == 'P' && head[1] == 'K') {
		st = seal_walk_office(w, part, leaf, msgdepth, fname, &other);
		if (st != SEAL_OK || !other)
			goto out;
	}
	if (seal_walk_is_encrypted(ct) && !seal_walk_is(ct, "application", "pgp-encrypted")) {
		rc = seal_attach_verify_smime(w, part);
		if (rc == -1) {
			st = seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
			goto out;
		}
		if (rc == 1) {
			w->res->encrypted = 1;
			goto out;
		}
	}
	if (seal_attach_looks_like_text(head, n)) {
		/* Armoured OpenPGP is flagged by the window callback. */
		st = seal_walk_stream_text(w, part, NULL, 2, &e);
		goto out;
	}
	w->res->uninspected++;
out:
	memset(head, 0, SEAL_ATTACH_SNIFF);
	g_free(head);
	return st;
}
