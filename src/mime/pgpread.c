/*
 * pgpread.c - OpenPGP messages in mail: encrypted, or readable content
 * (pgpread.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gpgme.h>

#include "err.h"
#include "pgpread.h"

static const char armour_begin[] = "-----BEGIN PGP MESSAGE-----";
static const char armour_end[] = "-----END PGP MESSAGE-----";

static char *pgpread_home;

/* The private home holds only what gpg creates for a verify (an empty
 * keyring); it goes at exit. */
static void
pgpread_home_remove(void)
{
	GDir *d;
	const char *name;

	if (pgpread_home == NULL || (d = g_dir_open(pgpread_home, 0, NULL)) == NULL)
		return;
	while ((name = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(pgpread_home, name, NULL);

		g_remove(p);
		g_free(p);
	}
	g_dir_close(d);
	g_rmdir(pgpread_home);
}

static gpointer
pgpread_setup(gpointer unused)
{
	(void)unused;
	/* Initialises GPGME (idempotent; seal_pgp_init may have done it). */
	if (gpgme_check_version(NULL) == NULL)
		return NULL;
	pgpread_home = g_dir_make_tmp("sealmilter-pgpread-XXXXXX", NULL);
	if (pgpread_home != NULL)
		atexit(pgpread_home_remove);
	return pgpread_home;
}

static const char *
pgpread_home_dir(void)
{
	static GOnce once = G_ONCE_INIT;

	return g_once(&once, pgpread_setup, NULL);
}

/*
 * The tag of the first packet (RFC 4880 4.2), armour decoded if need be;
 * -1 when there is none.
 */
static int
first_packet_tag(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	guchar bin[3];
	gint state = 0;
	guint save = 0;
	int b;

	if (len >= sizeof(armour_begin) - 1 &&
	    memcmp(data, armour_begin, sizeof(armour_begin) - 1) == 0) {
		/* after the BEGIN line: "Key: value" armour headers, then an
		 * empty line (gpg also reads armour without either) */
		p = memchr(p, '\n', len);
		while (p != NULL && ++p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t ll = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

			if (ll > 0 && p[ll - 1] == '\r')
				ll--;
			if (ll > 0 && memmem(p, ll, ": ", 2) == NULL)
				break;
			p = nl;
		}
		if (p == NULL)
			return -1;
		if (end - p < 4 || g_base64_decode_step(p, 4, bin, &state, &save) < 1)
			return -1;
		b = bin[0];
	} else
		b = (guchar)data[0];
	if (!(b & 0x80))
		return -1;
	return (b & 0x40) ? (b & 0x3f) : ((b >> 2) & 0x0f);
}

seal_pgpread_kind
seal_pgpread_identify(const char *data, size_t len)
{
	gpgme_data_t d;
	gpgme_data_type_t t;

	if (len == 0 || gpgme_check_version(NULL) == NULL)
		return SEAL_PGPREAD_NOT_PGP;
	if (gpgme_data_new_from_mem(&d, data, len, 0) != 0)
		return SEAL_PGPREAD_NOT_PGP;
	t = gpgme_data_identify(d, 0);
	gpgme_data_release(d);
	switch (t) {
	case GPGME_DATA_TYPE_PGP_ENCRYPTED:
		/* a symmetric-key session key packet first: gpg -c */
		return first_packet_tag(data, len) == 3 ? SEAL_PGPREAD_PASSWORD :
		    SEAL_PGPREAD_ENCRYPTED;
	case GPGME_DATA_TYPE_PGP_SIGNED:
	case GPGME_DATA_TYPE_PGP_OTHER:
		return SEAL_PGPREAD_CLEAR;
	case GPGME_DATA_TYPE_PGP_KEY:
	case GPGME_DATA_TYPE_PGP_SIGNATURE:
		return SEAL_PGPREAD_NO_CONTENT;
	default:
		break;
	}
	/* a message cut short after its session key packet is still one */
	switch (first_packet_tag(data, len)) {
	case 1:
		return SEAL_PGPREAD_ENCRYPTED;
	case 3:
		return SEAL_PGPREAD_PASSWORD;
	default:
		return SEAL_PGPREAD_NOT_PGP;
	}
}

int
seal_pgpread_binary_start(const guint8 *data, size_t len)
{
	int tag;

	if (len < 2)
		return 0;
	tag = first_packet_tag((const char *)data, len);
	/* what gpg writes first: a session key (1, 3), a one-pass signature
	 * (4), compressed (8) or literal data (11) */
	return tag == 1 || tag == 3 || tag == 4 || tag == 8 || tag == 11;
}

struct sink {
	GByteArray *buf;
	size_t cap;
	int over;
};

static ssize_t
sink_write(void *handle, const void *buffer, size_t size)
{
	struct sink *s = handle;

	if (s->buf->len + size > s->cap) {
		s->over = 1;
		errno = EFBIG;
		return -1;
	}
	g_byte_array_append(s->buf, buffer, (guint)size);
	return (ssize_t)size;
}

/* gpg could not be started or fed: the caller tempfails. */
static int
engine_failed(gpgme_error_t ge)
{
	switch (gpgme_err_code(ge)) {
	case GPG_ERR_INV_ENGINE:
	case GPG_ERR_ENOMEM:
	case GPG_ERR_EAGAIN:
	case GPG_ERR_ENFILE:
	case GPG_ERR_EMFILE:
		return 1;
	default:
		return 0;
	}
}

int
seal_pgpread_open(const char *data, size_t len, size_t cap, int force,
	GByteArray **content, seal_err *err)
{
	seal_pgpread_kind kind = seal_pgpread_identify(data, len);
	const char *home;
	gpgme_ctx_t ctx = NULL;
	gpgme_data_t in = NULL, out = NULL;
	struct gpgme_data_cbs cbs = { NULL, sink_write, NULL, NULL };
	struct sink s = { NULL, cap, 0 };
	gpgme_error_t ge;

	*content = NULL;
	if (kind != SEAL_PGPREAD_CLEAR && !(force && kind == SEAL_PGPREAD_NOT_PGP))
		return kind;
	if ((home = pgpread_home_dir()) == NULL) {
		seal_err_set(err, SEAL_ERR_IO, "pgp: no private home for reading signed messages");
		return -1;
	}
	s.buf = g_byte_array_new();
	ge = gpgme_new(&ctx);
	if (ge == 0)
		ge = gpgme_ctx_set_engine_info(ctx, GPGME_PROTOCOL_OpenPGP, NULL, home);
	if (ge == 0)
		ge = gpgme_data_new_from_mem(&in, data, len, 0);
	if (ge == 0)
		ge = gpgme_data_new_from_cbs(&out, &cbs, &s);
	if (ge == 0) {
		gpgme_set_offline(ctx, 1);
		/* opaque signed data: the signed content is written to out; the
		 * signature cannot be checked (no key) and need not be */
		ge = gpgme_op_verify(ctx, in, NULL, out);
	}
	gpgme_data_release(in);
	gpgme_data_release(out);
	gpgme_release(ctx);
	if (ge != 0 && engine_failed(ge) && !s.over) {
		g_byte_array_free(s.buf, TRUE);
		seal_err_set(err, SEAL_ERR_IO, "pgp: cannot run gpg to read a signed message: %s",
		    gpgme_strerror(ge));
		return -1;
	}
	*content = s.buf;
	if (kind == SEAL_PGPREAD_NOT_PGP && s.buf->len == 0) {
		g_byte_array_free(s.buf, TRUE);
		*content = NULL;
		return SEAL_PGPREAD_NOT_PGP;
	}
	/* "no signature" (a stored message) still wrote its whole content */
	if (s.over || (ge != 0 && gpgme_err_code(ge) != GPG_ERR_NO_DATA) || s.buf->len == 0)
		return SEAL_PGPREAD_BROKEN;
	return SEAL_PGPREAD_CLEAR;
}

seal_status
seal_pgpread_blocks(const char *text, size_t len, seal_pgpread_block_fn fn, void *ctx)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *b = memmem(p, (size_t)(end - p), armour_begin, sizeof(armour_begin) - 1);
		const char *e;
		seal_status st;

		if (b == NULL)
			break;
		e = memmem(b, (size_t)(end - b), armour_end, sizeof(armour_end) - 1);
		e = e != NULL ? e + sizeof(armour_end) - 1 : end;
		while (e < end && *e != '\n')
			e++;
		if ((st = fn(ctx, b, (size_t)(e - b))) != SEAL_OK)
			return st;
		p = e;
	}
	return SEAL_OK;
}
