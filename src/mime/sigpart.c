/*
 * sigpart.c - a signature or key part checked by content; see sigpart.h.
 */
#include <string.h>

#include <glib.h>
#include <openssl/cms.h>
#include <openssl/objects.h>

#include "sigpart.h"

#define ARMOR_BEGIN "-----BEGIN PGP "
#define ARMOR_END "-----END PGP "
#define PGP_TAG_SIGNATURE 2

/* Packets a public key block may hold ([RFC 9580] 5): key, subkey, user ID,
 * user attribute, trust, signature. Secret keys and data are not here. */
static int
key_tag(unsigned tag)
{
	return tag == 2 || tag == 6 || tag == 12 || tag == 13 || tag == 14 ||
	    tag == 17;
}

/*
 * The whole buffer as OpenPGP packets of the allowed tags (only signatures
 * unless keys); user IDs go to outside. 1 when every byte is used.
 */
static int
pgp_packets(const uint8_t *d, size_t len, int keys, GString *outside)
{
	size_t off = 0;

	if (len == 0)
		return 0;
	while (off < len) {
		unsigned c = d[off++], tag;
		size_t plen;

		if ((c & 0x80) == 0)
			return 0;
		if (c & 0x40) {         /* new format */
			tag = c & 0x3F;
			if (off >= len)
				return 0;
			c = d[off++];
			if (c < 192)
				plen = c;
			else if (c < 224) {
				if (off >= len)
					return 0;
				plen = ((size_t)(c - 192) << 8) + d[off++] + 192;
			} else if (c == 255) {
				if (len - off < 4)
					return 0;
				plen = (size_t)d[off] << 24 | (size_t)d[off + 1] << 16 |
				    (size_t)d[off + 2] << 8 | d[off + 3];
				off += 4;
			} else
				return 0;       /* partial lengths: data, not a signature */
		} else {                /* legacy format */
			unsigned lt = c & 3, n = lt == 0 ? 1 : lt == 1 ? 2 : 4;

			tag = (c >> 2) & 0x0F;
			if (lt == 3 || len - off < n)
				return 0;
			plen = 0;
			for (unsigned i = 0; i < n; i++)
				plen = plen << 8 | d[off++];
		}
		if (plen > len - off || plen == 0)
			return 0;
		if (keys ? !key_tag(tag) : tag != PGP_TAG_SIGNATURE)
			return 0;
		/* a signature or key starts with its version: 2 to 6 */
		if ((tag == 2 || tag == 6 || tag == 14) && (d[off] < 2 || d[off] > 6))
			return 0;
		if (tag == 13 && outside != NULL) {
			g_string_append_len(outside, (const char *)d + off, (gssize)plen);
			g_string_append_c(outside, '\n');
		}
		off += plen;
	}
	return 1;
}

/* CRC-24 of the armour checksum ([RFC 9580] 6.1). */
static uint32_t
crc24(const uint8_t *d, size_t len)
{
	uint32_t crc = 0xB704CEu;

	for (size_t i = 0; i < len; i++) {
		crc ^= (uint32_t)d[i] << 16;
		for (int k = 0; k < 8; k++) {
			crc <<= 1;
			if (crc & 0x1000000u)
				crc ^= 0x1864CFBu;
		}
	}
	return crc & 0xFFFFFFu;
}

static int
line_is(const char *l, size_t n, const char *s)
{
	return n == strlen(s) && memcmp(l, s, n) == 0;
}

static int
is_b64(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_isalnum(s[i]) && s[i] != '+' && s[i] != '/' && s[i] != '=')
			return 0;
	return 1;
}

struct armor {
	int state;              /* 0 outside, 1 headers, 2 body, 3 after checksum */
	int keys;               /* the block is a public key block */
	GString *body;          /* base64 of the current block */
	char sum[5];            /* checksum line without '=' ("" when none) */
	unsigned blocks;
};

/* Ends one armoured block: its payload must decode to the right packets. */
static int
armor_close(struct armor *a, GString *outside)
{
	gsize n = 0;
	guchar *bin;
	int ok;

	if (a->body->len % 4 != 0)
		return 0;
	bin = g_base64_decode(a->body->str, &n);
	ok = pgp_packets(bin, n, a->keys, outside);
	if (ok && a->sum[0] != '\0') {
		gsize sn = 0;
		guchar *s = g_base64_decode(a->sum, &sn);

		ok = sn == 3 && ((uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2]) ==
		    crc24(bin, n);
		g_free(s);
	}
	g_free(bin);
	g_string_truncate(a->body, 0);
	a->blocks++;
	a->state = 0;
	return ok;
}

/* One line (no line end) of armoured text; 0 when the armour is broken. */
static int
armor_line(struct armor *a, const char *l, size_t n, GString *outside)
{
	switch (a->state) {
	case 0:
		if (n >= 15 && memcmp(l, ARMOR_BEGIN, 15) == 0) {
			if ((n == 29 && memcmp(l + 15, "SIGNATURE-----", 14) == 0) ||
			    (n == 36 && memcmp(l + 15, "PUBLIC KEY BLOCK-----", 21) == 0)) {
				a->keys = n == 36;
				a->sum[0] = '\0';
				a->state = 1;
				return 1;
			}
			return 0;
		}
		g_string_append_len(outside, l, (gssize)n);
		g_string_append_c(outside, '\n');
		return 1;
	case 1:
		if (n == 0) {
			a->state = 2;
			return 1;
		}
		if (memchr(l, ':', n) == NULL)
			return 0;
		/* Comment:, Version:: a reader sees them */
		g_string_append_len(outside, l, (gssize)n);
		g_string_append_c(outside, '\n');
		return 1;
	case 2:
		if (n == 5 && l[0] == '=' && is_b64(l + 1, 4)) {
			memcpy(a->sum, l + 1, 4);
			a->sum[4] = '\0';
			a->state = 3;
			return 1;
		}
		if (n > 0 && is_b64(l, n)) {
			g_string_append_len(a->body, l, (gssize)n);
			return 1;
		}
		/* only the end line may follow */
		__attribute__((fallthrough));
	default:
		if (n >= 13 && memcmp(l, ARMOR_END, 13) == 0 &&
		    ((!a->keys && n == 27 && memcmp(l + 13, "SIGNATURE-----", 14) == 0) ||
		    (a->keys && n == 34 && memcmp(l + 13, "PUBLIC KEY BLOCK-----", 21) == 0)))
			return armor_close(a, outside);
		return 0;
	}
}

/* ASCII-armoured OpenPGP: 1 when every block is a genuine signature or key. */
static int
pgp_armor(const char *d, size_t len, GString *outside)
{
	struct armor a = { 0, 0, g_string_new(NULL), "", 0 };
	size_t start = 0, mark = outside->len;
	int ok = 1;

	if (memchr(d, '\0', len) != NULL || !g_utf8_validate(d, (gssize)len, NULL))
		ok = 0;
	while (ok && start < len) {
		const char *nl = memchr(d + start, '\n', len - start);
		size_t end = nl != NULL ? (size_t)(nl - d) : len, n = end - start;

		/* trailing white space is not part of the line (RFC 9580 6.2) */
		while (n > 0 && (d[start + n - 1] == '\r' || d[start + n - 1] == ' ' ||
		    d[start + n - 1] == '\t'))
			n--;
		ok = armor_line(&a, d + start, n, outside);
		start = end + 1;
	}
	ok = ok && a.state == 0 && a.blocks > 0;
	g_string_free(a.body, TRUE);
	if (!ok)
		g_string_truncate(outside, mark);
	return ok;
}

/* DER that OpenSSL parses whole as SignedData (trailing NUL or white space allowed). */
static seal_sig_kind
cms_der(const uint8_t *d, size_t len, CMS_ContentInfo **cms)
{
	const unsigned char *p = d;
	CMS_ContentInfo *c;
	ASN1_OCTET_STRING **content;

	if (len == 0 || len > G_MAXLONG || d[0] != 0x30)
		return SEAL_SIG_NOT;
	c = d2i_CMS_ContentInfo(NULL, &p, (long)len);
	if (c == NULL)
		return SEAL_SIG_NOT;
	for (const uint8_t *q = p; q < d + len; q++)
		if (*q != 0 && !g_ascii_isspace(*q)) {
			CMS_ContentInfo_free(c);
			return SEAL_SIG_NOT;
		}
	if (OBJ_obj2nid(CMS_get0_type(c)) != NID_pkcs7_signed) {
		CMS_ContentInfo_free(c);
		return SEAL_SIG_NOT;
	}
	content = CMS_get0_content(c);
	if (content == NULL || *content == NULL) {
		CMS_ContentInfo_free(c);
		return SEAL_SIG_CMS_DETACHED;
	}
	*cms = c;
	return SEAL_SIG_CMS_CONTENT;
}

/* Base64 or PEM ("-----BEGIN PKCS7-----") of SignedData. */
static seal_sig_kind
cms_text(const char *d, size_t len, CMS_ContentInfo **cms)
{
	GString *b = g_string_new(NULL);
	size_t start = 0;
	seal_sig_kind k = SEAL_SIG_NOT;
	int ok = 1;

	while (ok && start < len) {
		const char *nl = memchr(d + start, '\n', len - start);
		size_t end = nl != NULL ? (size_t)(nl - d) : len, n = end - start;

		while (n > 0 && g_ascii_isspace(d[start + n - 1]))
			n--;
		if (n >= 5 && memcmp(d + start, "-----", 5) == 0)
			ok = line_is(d + start, n, "-----BEGIN PKCS7-----") ||
			    line_is(d + start, n, "-----END PKCS7-----");
		else if (is_b64(d + start, n))
			g_string_append_len(b, d + start, (gssize)n);
		else
			ok = 0;
		start = end + 1;
	}
	if (ok && b->len > 0 && b->len % 4 == 0) {
		gsize n = 0;
		guchar *bin = g_base64_decode(b->str, &n);

		k = cms_der(bin, n, cms);
		g_free(bin);
	}
	g_string_free(b, TRUE);
	return k;
}

seal_sig_kind
seal_sigpart_check(const uint8_t *data, size_t len, CMS_ContentInfo **cms,
	GString *outside)
{
	seal_sig_kind k;
	size_t mark = outside->len;

	*cms = NULL;
	if (data == NULL || len == 0)
		return SEAL_SIG_NOT;
	if ((k = cms_der(data, len, cms)) != SEAL_SIG_NOT)
		return k;
	if (data[0] & 0x80) {
		/* binary OpenPGP: a signature, or else a transferable key */
		if (pgp_packets(data, len, 0, outside) || pgp_packets(data, len, 1, outside))
			return SEAL_SIG_PGP;
		g_string_truncate(outside, mark);
		return SEAL_SIG_NOT;
	}
	if (pgp_armor((const char *)data, len, outside))
		return SEAL_SIG_PGP;
	return cms_text((const char *)data, len, cms);
}
