/*
 * message_sig.c - a leaf labelled as a signature or key (application/
 * pgp-signature, pkcs7-signature, x-pkcs7-signature, pgp-keys): skipped
 * only when its content is one (sigpart.h). A detached signature or a key
 * carries no text; S/MIME SignedData with content has its content walked;
 * the text around armoured OpenPGP blocks (and armour headers, user IDs)
 * is read. Anything else is left to the ordinary attachment path, so a
 * document labelled as a signature is read like any other.
 */
#include <string.h>

#include <gmime/gmime.h>
#include <openssl/cms.h>

#include "message_internal.h"
#include "sigpart.h"

/* Only white space: nothing for a reader. */
static int
blank(const GString *s)
{
	for (gsize i = 0; i < s->len; i++)
		if (!g_ascii_isspace(s->str[i]))
			return 0;
	return 1;
}

seal_status
seal_walk_signature(struct seal_walk *w, GMimePart *part, unsigned leaf,
	unsigned msgdepth, const char *fname, int *handled)
{
	GByteArray *raw;
	GString *outside = g_string_new(NULL);
	CMS_ContentInfo *cms = NULL;
	seal_sig_kind k = SEAL_SIG_NOT;
	seal_status st = SEAL_OK;
	int rc = seal_walk_decode(part, w->lim.max_text - w->text_total, &raw);

	*handled = 0;
	if (rc == -1)
		st = seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
	else if (rc == 0)
		k = seal_sigpart_check(raw->data, raw->len, &cms, outside);
	/* over the cap: not handled, the attachment path applies its limits */
	if (k == SEAL_SIG_CMS_DETACHED)
		*handled = 1;
	else if (k == SEAL_SIG_CMS_CONTENT) {
		*handled = 1;
		st = seal_walk_smime_signed(w, cms, msgdepth);
	} else if (k == SEAL_SIG_PGP) {
		*handled = 1;
		if (!blank(outside))
			st = seal_walk_emit(w, SEAL_WHERE_ATTACHMENT, leaf, msgdepth, fname,
			    outside->str, outside->len);
	}
	CMS_ContentInfo_free(cms);
	memset(outside->str, 0, outside->len);
	g_string_free(outside, TRUE);
	if (raw->len > 0)
		memset(raw->data, 0, raw->len);
	g_byte_array_free(raw, TRUE);
	return st;
}
