/*
 * message_pgp.c - OpenPGP messages met in the walk (pgpread.h): an
 * armoured block in a text part, or a binary OpenPGP file. Encrypted ones
 * count as protected; the content of signed or stored ones is read like
 * any attachment (a MIME entity, as PGP/MIME puts inside, is walked as
 * one); one gpg cannot read whole makes the message unscannable.
 */
#include <string.h>

#include <gmime/gmime.h>

#include "message_internal.h"
#include "pgpread.h"

struct pgp_ctx {
	struct seal_walk *w;
	unsigned leaf, msgdepth;
	const char *name;
};

/* A MIME entity starts with a header field: "Name: value" on line one. */
static int
looks_like_entity(const guint8 *d, size_t len)
{
	size_t i = 0;

	while (i < len && i < 80 && (g_ascii_isalnum(d[i]) || d[i] == '-'))
		i++;
	return i > 0 && i < len && d[i] == ':' &&
	    (g_ascii_strncasecmp((const char *)d, "content-", 8) == 0 ||
	    g_ascii_strncasecmp((const char *)d, "mime-version", 12) == 0);
}

static seal_status
walk_content(struct pgp_ctx *c, GByteArray *content)
{
	GMimeStream *ms;
	GMimeParser *parser;
	GMimeObject *obj;
	seal_status st;

	if (!looks_like_entity(content->data, content->len))
		return seal_walk_blob(c->w, c->leaf, c->msgdepth, c->name, content->data,
		    content->len);
	ms = g_mime_stream_mem_new_with_buffer((const char *)content->data, content->len);
	parser = g_mime_parser_new_with_stream(ms);
	obj = g_mime_parser_construct_part(parser, NULL);
	g_object_unref(parser);
	g_object_unref(ms);
	if (obj == NULL)
		return seal_walk_blob(c->w, c->leaf, c->msgdepth, c->name, content->data,
		    content->len);
	st = seal_walk_recurse(c->w, obj, c->w->depth_now + 1, c->msgdepth);
	g_object_unref(obj);
	return st;
}

static seal_status
open_one(struct pgp_ctx *c, const char *data, size_t len, int force)
{
	struct seal_walk *w = c->w;
	GByteArray *content = NULL;
	seal_status st = SEAL_OK;
	size_t cap = w->lim.max_text > w->text_total ? w->lim.max_text - w->text_total : 0;
	int kind = seal_pgpread_open(data, len, cap, force, &content, w->err);

	switch (kind) {
	case -1:
		return SEAL_ERR_IO;
	case SEAL_PGPREAD_ENCRYPTED:
		w->res->encrypted = 1;
		break;
	case SEAL_PGPREAD_PASSWORD:
		/* as a password-protected archive: nobody can check what it holds */
		seal_walk_unscannable(w->res, "part %u: an OpenPGP message encrypted with a "
		    "passphrase only", c->leaf);
		break;
	case SEAL_PGPREAD_BROKEN:
		if (!force)
			w->pgp_broken = 1;     /* binary: the caller decides */
		else
			seal_walk_unscannable(w->res, "part %u: an OpenPGP message that "
			    "cannot be read whole", c->leaf);
		/* what gpg did write is read all the same */
		__attribute__((fallthrough));
	case SEAL_PGPREAD_CLEAR:
		if (content != NULL && content->len > 0)
			st = walk_content(c, content);
		break;
	default:
		break;
	}
	if (content != NULL) {
		if (content->len > 0)
			memset(content->data, 0, content->len);
		g_byte_array_free(content, TRUE);
	}
	return st;
}

static seal_status
block_fn(void *ctx, const char *block, size_t len)
{
	return open_one(ctx, block, len, 1);
}

seal_status
seal_walk_pgp_text(struct seal_walk *w, GMimePart *part, unsigned leaf, unsigned msgdepth,
	const char *fname)
{
	struct pgp_ctx c = { w, leaf, msgdepth, fname };
	GByteArray *raw = NULL;
	seal_status st;
	int rc;

	w->pgp_armour = 0;
	rc = seal_walk_decode(part, w->lim.max_text, &raw);
	if (rc == -1) {
		g_byte_array_free(raw, TRUE);
		return seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
	}
	if (rc == 1)
		seal_walk_unscannable(w->res, "part %u: OpenPGP text larger than %zu bytes",
		    leaf, w->lim.max_text);
	st = seal_pgpread_blocks((const char *)raw->data, raw->len, block_fn, &c);
	memset(raw->data, 0, raw->len);
	g_byte_array_free(raw, TRUE);
	return st;
}

seal_status
seal_walk_pgp_binary(struct seal_walk *w, GMimePart *part, unsigned leaf, unsigned msgdepth,
	const char *fname, const guint8 *head, size_t n, int *handled)
{
	struct pgp_ctx c = { w, leaf, msgdepth, fname };
	seal_pgpread_kind kind = seal_pgpread_binary_start(head, n) ?
	    seal_pgpread_identify((const char *)head, n) : SEAL_PGPREAD_NOT_PGP;
	GByteArray *raw = NULL;
	seal_status st;
	int rc;

	/* a file encrypted to a key goes on to the binary step as before */
	*handled = 0;
	if (kind == SEAL_PGPREAD_PASSWORD) {
		*handled = 1;
		seal_walk_unscannable(w->res, "part %u: an OpenPGP file encrypted with a "
		    "passphrase only", leaf);
		return SEAL_OK;
	}
	if (kind == SEAL_PGPREAD_ENCRYPTED) {
		/* encrypted to a key: its bytes are noise to the strings step */
		*handled = 1;
		w->res->encrypted = 1;
		return SEAL_OK;
	}
	if (kind != SEAL_PGPREAD_CLEAR)
		return SEAL_OK;
	rc = seal_walk_decode(part, w->lim.max_text, &raw);
	if (rc != 0) {
		g_byte_array_free(raw, TRUE);
		if (rc == -1)
			return seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
		return SEAL_OK;     /* too big: the binary step says so */
	}
	*handled = 1;
	st = open_one(&c, (const char *)raw->data, raw->len, 0);
	if (st == SEAL_OK && w->pgp_broken) {
		/* gpg could not read it: not taken for OpenPGP after all */
		w->pgp_broken = 0;
		*handled = 0;
	}
	memset(raw->data, 0, raw->len);
	g_byte_array_free(raw, TRUE);
	return st;
}
