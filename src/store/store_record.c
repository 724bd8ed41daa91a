/*
 * store_record.c - the records of the store and the keyed chain over them
 * (store.h, store_internal.h): audit and held records, the bytes an audit
 * record's hash covers, and the hash itself.
 *
 * store.c and both backends use these; nothing here calls them back, so
 * the backends build, hash and free records without depending on the
 * dispatching part. Everything that decides what a chain hash is lives
 * here, so the two backends cannot compute it differently.
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "store_internal.h"

/* ---------------------------------------------------------------- records */

seal_audit_record *
seal_audit_record_new(void)
{
	seal_audit_record *r = g_new0(seal_audit_record, 1);

	r->rcpts = g_ptr_array_new();
	r->fingerprints = g_ptr_array_new_with_free_func(g_free);
	return r;
}

static void
rcpt_free(seal_audit_rcpt *rc)
{
	g_free(rc->address);
	g_free(rc->action);
	g_free(rc);
}

void
seal_audit_record_free(seal_audit_record *r)
{
	if (r == NULL)
		return;
	g_free(r->relay);
	g_free(r->queue_id);
	g_free(r->message_id);
	g_free(r->auth_user);
	g_free(r->sender);
	g_free(r->cls);
	g_free(r->action);
	g_free(r->kinds);
	g_free(r->rules);
	g_free(r->detail);
	for (guint i = 0; i < r->rcpts->len; i++)
		rcpt_free(g_ptr_array_index(r->rcpts, i));
	g_ptr_array_free(r->rcpts, TRUE);
	g_ptr_array_free(r->fingerprints, TRUE);
	g_free(r);
}

void
seal_audit_record_add_rcpt(seal_audit_record *r, const char *address, const char *action)
{
	seal_audit_rcpt *rc = g_new0(seal_audit_rcpt, 1);

	rc->address = g_strdup(address != NULL ? address : "");
	rc->action = g_strdup(action != NULL ? action : "");
	g_ptr_array_add(r->rcpts, rc);
}

seal_held *
seal_held_new(void)
{
	seal_held *h = g_new0(seal_held, 1);

	h->rcpts = g_ptr_array_new_with_free_func(g_free);
	h->state = SEAL_HELD;
	return h;
}

void
seal_held_free(seal_held *h)
{
	if (h == NULL)
		return;
	g_free(h->relay);
	g_free(h->queue_id);
	g_free(h->message_id);
	g_free(h->auth_user);
	g_free(h->sender);
	g_ptr_array_free(h->rcpts, TRUE);
	g_free(h->reason);
	g_free(h->findings);
	g_free(h->subject);
	g_free(h->officer);
	g_free(h->officer_reason);
	g_free(h);
}

const char *
seal_held_state_name(seal_held_state st)
{
	static const char *const names[] = { "held", "releasing", "released", "refused", "deleted" };

	if ((unsigned)st >= G_N_ELEMENTS(names))
		return "unknown";
	return names[st];
}

/* ---------------------------------------------------------------- the chain */

static void
put_u32(GByteArray *out, uint32_t v)
{
	guint8 b[4] = { (guint8)(v >> 24), (guint8)(v >> 16), (guint8)(v >> 8), (guint8)v };

	g_byte_array_append(out, b, 4);
}

/* A length prefix makes "ab"+"c" and "a"+"bc" hash differently. */
static void
put_str(GByteArray *out, const char *v)
{
	size_t n = v != NULL ? strlen(v) : 0;

	put_u32(out, (uint32_t)n);
	if (n > 0)
		g_byte_array_append(out, (const guint8 *)v, (guint)n);
}

/*
 * Layout: time as 8 bytes big-endian (two's complement); each string as a
 * 4-byte big-endian length and its bytes (NULL = ""); the recipients as a
 * 4-byte count, then address and action of each; the fingerprints as a
 * 4-byte count and each string. Changing this breaks every stored chain.
 */
void
seal_store_record_canon(const seal_audit_record *r, GByteArray *out)
{
	uint64_t t = (uint64_t)r->time;
	guint8 b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (guint8)(t >> (56 - 8 * i));
	g_byte_array_append(out, b, 8);
	put_str(out, r->relay);
	put_str(out, r->queue_id);
	put_str(out, r->message_id);
	put_str(out, r->auth_user);
	put_str(out, r->sender);
	put_str(out, r->cls);
	put_str(out, r->action);
	put_str(out, r->kinds);
	put_str(out, r->rules);
	put_str(out, r->detail);
	put_u32(out, r->rcpts != NULL ? r->rcpts->len : 0);
	for (guint i = 0; r->rcpts != NULL && i < r->rcpts->len; i++) {
		const seal_audit_rcpt *rc = g_ptr_array_index(r->rcpts, i);

		put_str(out, rc->address);
		put_str(out, rc->action);
	}
	put_u32(out, r->fingerprints != NULL ? r->fingerprints->len : 0);
	for (guint i = 0; r->fingerprints != NULL && i < r->fingerprints->len; i++)
		put_str(out, g_ptr_array_index(r->fingerprints, i));
}

seal_status
seal_store_record_hash(const seal_store_key *k, const char prev_hex[65],
	const seal_audit_record *r, char hex[65])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	GByteArray *buf;

	hex[0] = '\0';
	if (k == NULL || k->key == NULL)
		return SEAL_ERR_USAGE;
	buf = g_byte_array_new();
	g_byte_array_append(buf, (const guint8 *)prev_hex, (guint)strnlen(prev_hex, 64));
	seal_store_record_canon(r, buf);
	/* One-shot HMAC(): the HMAC_CTX interface is deprecated in OpenSSL 3. */
	if (HMAC(EVP_sha256(), k->key, (int)k->len, buf->data, buf->len, mac, &maclen) == NULL
	    || maclen != 32) {
		g_byte_array_free(buf, TRUE);
		return SEAL_ERR_INTERNAL;
	}
	g_byte_array_free(buf, TRUE);
	for (unsigned i = 0; i < 32; i++)
		g_snprintf(hex + 2 * i, 3, "%02x", mac[i]);
	hex[64] = '\0';
	return SEAL_OK;
}
