/*
 * pgp.c - OpenPGP recipient keys and PGP/MIME encryption with GPGME
 * (see pgp.h).
 *
 * Address matching: a key is a candidate when gpg's exact mail search
 * ("<address>") returns it; it is used only when one of its user IDs has
 * an email whose local part equals the address byte for byte and whose
 * domain equals it ignoring ASCII case. Local parts are case-sensitive by
 * RFC 5321; gpg's own mail search is case-insensitive, so we filter again.
 *
 * Output: the multipart/encrypted entity uses CRLF line endings
 * throughout, like the CRLF-canonical inner entity (what smfi_replacebody
 * and RFC 3156 section 3 expect).
 *
 * Nothing here logs; errors carry GPGME's error text and never message
 * content, user ID names or key material.
 */
#include <errno.h>
#include <locale.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <gpgme.h>

#include "err.h"
#include "pgp.h"

/* Largest entity we encrypt, and the cap on gpg's armoured output
 * (base64 adds a third, armour lines and packets a little more). */
#define SEAL_PGP_MAX_ENTITY	(64u * 1024u * 1024u)
#define SEAL_PGP_MAX_OUTPUT(n)	((n) * 2u + 64u * 1024u)
/* Most recipients per encryption, and most candidates per lookup. */
#define SEAL_PGP_MAX_RECIPIENTS	1000u
#define SEAL_PGP_MAX_CANDIDATES	100u
/* Longest address accepted as a lookup pattern. */
#define SEAL_PGP_MAX_ADDRESS	320u

static seal_status
pgp_gpg_err(seal_err *err, seal_status code, const char *what, gpgme_error_t ge)
{
	char buf[200];

	if (gpgme_strerror_r(ge, buf, sizeof(buf)) != 0)
		g_strlcpy(buf, "unknown error", sizeof(buf));
	return seal_err_set(err, code, "pgp: %s: %s (%s)", what, buf,
	    gpgme_strsource(ge));
}

seal_status
seal_pgp_init(seal_err *err)
{
	gpgme_error_t ge;
	const char *lc;

	/* gpgme_check_version initialises the library; it must run once
	 * before any thread creates a context. */
	if (gpgme_check_version(NULL) == NULL)
		return seal_err_set(err, SEAL_ERR_INTERNAL,
		    "pgp: gpgme_check_version failed");
	/* Pass the current locale to gpg (for its messages); we do not
	 * change the process locale here. */
	lc = setlocale(LC_CTYPE, NULL);
	if (lc != NULL)
		gpgme_set_locale(NULL, LC_CTYPE, lc);
#ifdef LC_MESSAGES
	lc = setlocale(LC_MESSAGES, NULL);
	if (lc != NULL)
		gpgme_set_locale(NULL, LC_MESSAGES, lc);
#endif
	ge = gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP);
	if (ge != 0)
		return pgp_gpg_err(err, SEAL_ERR_CONFIG,
		    "OpenPGP engine (gpg) not usable", ge);
	return SEAL_OK;
}

/* One context per operation, on the administrator's keyring. */
static seal_status
pgp_ctx_new(const char *home, gpgme_ctx_t *out, seal_err *err)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_error_t ge;

	*out = NULL;
	/* gpg would create a missing home and find no keys: every
	 * recipient would silently fall through, so say what is wrong. */
	if (home != NULL && !g_file_test(home, G_FILE_TEST_IS_DIR))
		return seal_err_set(err, SEAL_ERR_CONFIG,
		    "pgp: keyring directory %s does not exist", home);
	ge = gpgme_new(&ctx);
	if (ge != 0)
		return pgp_gpg_err(err, SEAL_ERR_INTERNAL, "gpgme_new", ge);
	ge = gpgme_set_protocol(ctx, GPGME_PROTOCOL_OpenPGP);
	if (ge == 0)
		ge = gpgme_ctx_set_engine_info(ctx, GPGME_PROTOCOL_OpenPGP,
		    NULL, home);
	if (ge == 0)
		ge = gpgme_set_keylist_mode(ctx, GPGME_KEYLIST_MODE_LOCAL);
	if (ge != 0) {
		gpgme_release(ctx);
		return pgp_gpg_err(err, SEAL_ERR_CONFIG, "keyring setup", ge);
	}
	*out = ctx;
	return SEAL_OK;
}

/* Splits "local@domain" at the last '@'; 0 when malformed. */
static int
pgp_split_addr(const char *addr, size_t *at)
{
	const char *p = strrchr(addr, '@');

	if (p == NULL || p == addr || p[1] == '\0')
		return 0;
	*at = (size_t)(p - addr);
	return 1;
}

/* Local part exact, domain ASCII case-insensitive. */
static int
pgp_addr_equal(const char *a, const char *b)
{
	size_t ia, ib;

	if (a == NULL || b == NULL || !pgp_split_addr(a, &ia) ||
	    !pgp_split_addr(b, &ib) || ia != ib)
		return 0;
	if (memcmp(a, b, ia) != 0)
		return 0;
	return g_ascii_strcasecmp(a + ia, b + ib) == 0;
}

static void
pgp_date(char *buf, size_t size, long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		g_strlcpy(buf, "?", size);
}

/* A subkey that can encrypt now. */
static int
pgp_subkey_ok(gpgme_subkey_t sk)
{
	return sk->can_encrypt && !sk->revoked && !sk->expired &&
	    !sk->disabled && !sk->invalid;
}

/*
 * Judges one candidate key for addr: fills v (uid = the address of the
 * matching user ID, never the name part) and returns v->usable.
 */
static int
pgp_judge(gpgme_key_t key, const char *addr, seal_pgp_verdict *v)
{
	gpgme_user_id_t uid, match = NULL;
	gpgme_subkey_t sk;
	char date[32];
	int enc = 0;

	g_strlcpy(v->fingerprint, key->subkeys != NULL &&
	    key->subkeys->fpr != NULL ? key->subkeys->fpr : "", sizeof(v->fingerprint));
	for (uid = key->uids; uid != NULL; uid = uid->next) {
		if (!pgp_addr_equal(uid->email, addr))
			continue;
		/* Prefer a valid user ID when several carry the address. */
		if (match == NULL || (match->revoked || match->invalid))
			match = uid;
	}
	g_strlcpy(v->uid, match != NULL ? match->email :
	    (key->uids != NULL && key->uids->email != NULL ?
	    key->uids->email : ""), sizeof(v->uid));
	for (sk = key->subkeys; sk != NULL; sk = sk->next)
		enc |= pgp_subkey_ok(sk);
	v->usable = 0;
	if (key->subkeys == NULL || key->subkeys->fpr == NULL ||
	    strlen(key->subkeys->fpr) != 40)
		g_strlcpy(v->reason, "not a v4 key", sizeof(v->reason));
	else if (match == NULL)
		g_strlcpy(v->reason, "no user ID with exactly this address",
		    sizeof(v->reason));
	else if (key->revoked)
		g_strlcpy(v->reason, "revoked", sizeof(v->reason));
	else if (key->expired) {
		pgp_date(date, sizeof(date), key->subkeys->expires);
		g_snprintf(v->reason, sizeof(v->reason), "expired %s", date);
	} else if (key->disabled)
		g_strlcpy(v->reason, "disabled", sizeof(v->reason));
	else if (key->invalid)
		g_strlcpy(v->reason, "invalid", sizeof(v->reason));
	else if (match->revoked)
		g_strlcpy(v->reason, "user ID revoked", sizeof(v->reason));
	else if (match->invalid)
		g_strlcpy(v->reason, "user ID invalid", sizeof(v->reason));
	else if (!key->can_encrypt || !enc)
		g_strlcpy(v->reason, "no encryption subkey", sizeof(v->reason));
	else {
		v->usable = 1;
		g_strlcpy(v->reason, "usable", sizeof(v->reason));
	}
	return v->usable;
}

/* "<address>": gpg's exact mail search; rejects what would confuse it. */
static char *
pgp_pattern(const char *address)
{
	size_t len = strlen(address), at;

	if (len == 0 || len > SEAL_PGP_MAX_ADDRESS ||
	    strpbrk(address, "<> \t\r\n") != NULL ||
	    !pgp_split_addr(address, &at))
		return NULL;
	return g_strdup_printf("<%s>", address);
}

int
seal_pgp_lookup(const char *home, const char *address, char fpr[41],
    GPtrArray *verdicts, seal_err *err)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_key_t key;
	gpgme_error_t ge;
	seal_pgp_verdict v;
	char *pattern;
	long best_time = -1;
	unsigned n = 0;
	int rc = 0;

	fpr[0] = '\0';
	if (address == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "pgp: no address"), -1;
	pattern = pgp_pattern(address);
	if (pattern == NULL)
		return 0;	/* not a plain address: no key can match it */
	if (pgp_ctx_new(home, &ctx, err) != SEAL_OK) {
		g_free(pattern);
		return -1;
	}
	ge = gpgme_op_keylist_start(ctx, pattern, 0);
	g_free(pattern);
	while (ge == 0 && (ge = gpgme_op_keylist_next(ctx, &key)) == 0) {
		memset(&v, 0, sizeof(v));
		if (++n <= SEAL_PGP_MAX_CANDIDATES) {
			if (pgp_judge(key, address, &v) &&
			    key->subkeys->timestamp > best_time) {
				best_time = key->subkeys->timestamp;
				g_strlcpy(fpr, v.fingerprint, 41);
				rc = 1;
			}
			if (verdicts != NULL)
				g_ptr_array_add(verdicts, g_memdup2(&v, sizeof(v)));
		}
		gpgme_key_unref(key);
	}
	if (gpg_err_code(ge) != GPG_ERR_EOF) {
		pgp_gpg_err(err, SEAL_ERR_IO, "key listing", ge);
		fpr[0] = '\0';
		rc = -1;
	}
	gpgme_op_keylist_end(ctx);
	gpgme_release(ctx);
	return rc;
}

/* Output sink for gpg that refuses to grow past its cap. */
struct pgp_sink {
	GString *buf;
	size_t cap;
	int overflow;
};

static ssize_t
pgp_sink_write(void *handle, const void *data, size_t size)
{
	struct pgp_sink *s = handle;

	if (size > s->cap || s->buf->len > s->cap - size) {
		s->overflow = 1;
		errno = EFBIG;
		return -1;
	}
	g_string_append_len(s->buf, data, (gssize)size);
	return (ssize_t)size;
}

/* Appends src to out with every line ending as CRLF (bare LF or CR). */
static void
pgp_append_crlf(GString *out, const char *src, size_t len)
{
	size_t i, start = 0;

	for (i = 0; i < len; i++) {
		if (src[i] != '\n' && src[i] != '\r')
			continue;
		g_string_append_len(out, src + start, (gssize)(i - start));
		g_string_append_len(out, "\r\n", 2);
		if (src[i] == '\r' && i + 1 < len && src[i + 1] == '\n')
			i++;
		start = i + 1;
	}
	g_string_append_len(out, src + start, (gssize)(len - start));
}

/*
 * Fetches the keys for fprs (duplicates dropped) into a NULL-terminated
 * array in *out, with one key listing for all of them: each listing starts
 * a gpg process, so one per recipient made a message to five recipients
 * cost five processes before the encryption's own.
 */
static seal_status
pgp_get_keys(gpgme_ctx_t ctx, const char *const *fprs, size_t nfprs,
    gpgme_key_t **out, seal_err *err)
{
	gpgme_key_t *keys = g_new0(gpgme_key_t, nfprs + 1), key;
	const char **pat = g_new0(const char *, nfprs + 1);
	gpgme_error_t ge;
	seal_status st = SEAL_OK;
	size_t i, j, n = 0, np = 0;

	for (i = 0; i < nfprs; i++) {
		if (fprs[i] == NULL || strlen(fprs[i]) != 40) {
			st = seal_err_set(err, SEAL_ERR_USAGE,
			    "pgp: recipient %zu: not a fingerprint", i + 1);
			goto out;
		}
		for (j = 0; j < np; j++)
			if (g_ascii_strcasecmp(fprs[i], pat[j]) == 0)
				break;
		if (j == np)
			pat[np++] = fprs[i];
	}
	ge = gpgme_op_keylist_ext_start(ctx, pat, 0, 0);
	while (ge == 0 && (ge = gpgme_op_keylist_next(ctx, &key)) == 0) {
		int wanted = 0;

		for (j = 0; j < np && key->fpr != NULL; j++)
			wanted |= g_ascii_strcasecmp(key->fpr, pat[j]) == 0;
		/* A fingerprint names one key; a second listing of it adds nothing. */
		for (j = 0; wanted && j < n; j++)
			wanted = g_ascii_strcasecmp(keys[j]->fpr, key->fpr) != 0;
		if (wanted && n < np)
			keys[n++] = key;
		else
			gpgme_key_unref(key);
	}
	gpgme_op_keylist_end(ctx);
	if (gpg_err_code(ge) != GPG_ERR_EOF) {
		st = pgp_gpg_err(err, SEAL_ERR_IO, "recipient keys", ge);
		goto out;
	}
	if (n != np)
		st = seal_err_set(err, SEAL_ERR_USAGE,
		    "pgp: %zu of %zu recipient keys are not in the keyring", np - n, np);
out:
	g_free(pat);
	if (st != SEAL_OK) {
		for (i = 0; i < n; i++)
			gpgme_key_unref(keys[i]);
		g_free(keys);
		return st;
	}
	*out = keys;
	return SEAL_OK;
}

/* gpg encrypts plain (CRLF canonical) to keys, armoured, into s. */
static seal_status
pgp_run_encrypt(gpgme_ctx_t ctx, gpgme_key_t *keys, const GString *plain,
    struct pgp_sink *s, seal_err *err)
{
	struct gpgme_data_cbs cbs = { NULL, pgp_sink_write, NULL, NULL };
	gpgme_data_t in = NULL, out = NULL;
	gpgme_encrypt_result_t res;
	gpgme_error_t ge;
	seal_status st = SEAL_OK;

	gpgme_set_armor(ctx, 1);
	ge = gpgme_data_new_from_mem(&in, plain->str, plain->len, 0);
	if (ge == 0)
		ge = gpgme_data_new_from_cbs(&out, &cbs, s);
	if (ge != 0) {
		st = pgp_gpg_err(err, SEAL_ERR_NOMEM, "data buffer", ge);
		goto out;
	}
	/* The administrator's keyring is the trust decision (pgp.h). */
	ge = gpgme_op_encrypt(ctx, keys, GPGME_ENCRYPT_ALWAYS_TRUST, in, out);
	res = gpgme_op_encrypt_result(ctx);
	if (s->overflow)
		st = seal_err_set(err, SEAL_ERR_LIMIT,
		    "pgp: encrypted output larger than %zu bytes", s->cap);
	else if (ge != 0)
		st = pgp_gpg_err(err, SEAL_ERR_IO, "encryption", ge);
	else if (res != NULL && res->invalid_recipients != NULL)
		st = seal_err_set(err, SEAL_ERR_USAGE,
		    "pgp: recipient key %s rejected by gpg",
		    res->invalid_recipients->fpr != NULL ?
		    res->invalid_recipients->fpr : "?");
	else if (s->buf->len == 0)
		st = seal_err_set(err, SEAL_ERR_INTERNAL, "pgp: gpg wrote nothing");
out:
	gpgme_data_release(in);
	gpgme_data_release(out);
	return st;
}

/* Random boundary; the armour alphabet has no '=' after "--". */
static void
pgp_boundary(char *buf, size_t size, const GString *armor)
{
	do {
		g_snprintf(buf, size, "=-seal-pgp-%08x%08x%08x",
		    g_random_int(), g_random_int(), g_random_int());
	} while (strstr(armor->str, buf) != NULL);
}

/* RFC 3156 section 4: the multipart/encrypted entity around armor. */
static void
pgp_build_mime(GString *out, const GString *armor)
{
	char b[64];

	pgp_boundary(b, sizeof(b), armor);
	g_string_append_printf(out,
	    "Content-Type: multipart/encrypted;\r\n"
	    "\tprotocol=\"application/pgp-encrypted\";\r\n"
	    "\tboundary=\"%s\"\r\n"
	    "\r\n"
	    "This is an OpenPGP/MIME encrypted message (RFC 3156).\r\n"
	    "\r\n"
	    "--%s\r\n"
	    "Content-Type: application/pgp-encrypted\r\n"
	    "Content-Description: PGP/MIME version identification\r\n"
	    "\r\n"
	    "Version: 1\r\n"
	    "\r\n"
	    "--%s\r\n"
	    "Content-Type: application/octet-stream; name=\"encrypted.asc\"\r\n"
	    "Content-Description: OpenPGP encrypted message\r\n"
	    "Content-Disposition: inline; filename=\"encrypted.asc\"\r\n"
	    "\r\n", b, b, b);
	pgp_append_crlf(out, armor->str, armor->len);
	if (armor->len > 0 && armor->str[armor->len - 1] != '\n')
		g_string_append_len(out, "\r\n", 2);
	g_string_append_printf(out, "\r\n--%s--\r\n", b);
}

seal_status
seal_pgp_encrypt(const char *home, const char *entity, size_t len,
    const char *const *fprs, size_t nfprs, GString *out, seal_err *err)
{
	struct pgp_sink sink;
	gpgme_key_t *keys = NULL;
	gpgme_ctx_t ctx = NULL;
	GString *plain;
	seal_status st;
	size_t i;

	if (entity == NULL || out == NULL || fprs == NULL || nfprs == 0)
		return seal_err_set(err, SEAL_ERR_USAGE,
		    "pgp: nothing to encrypt or no recipients");
	if (nfprs > SEAL_PGP_MAX_RECIPIENTS)
		return seal_err_set(err, SEAL_ERR_LIMIT,
		    "pgp: more than %u recipients", SEAL_PGP_MAX_RECIPIENTS);
	if (len > SEAL_PGP_MAX_ENTITY)
		return seal_err_set(err, SEAL_ERR_LIMIT,
		    "pgp: entity larger than %u bytes", SEAL_PGP_MAX_ENTITY);
	st = pgp_ctx_new(home, &ctx, err);
	if (st != SEAL_OK)
		return st;
	st = pgp_get_keys(ctx, fprs, nfprs, &keys, err);
	if (st != SEAL_OK) {
		gpgme_release(ctx);
		return st;
	}
	/* Canonical CRLF, so the signature-free content decrypts to the
	 * bytes any RFC 3156 reader expects. */
	plain = g_string_sized_new(len + len / 16 + 2);
	pgp_append_crlf(plain, entity, len);
	sink.buf = g_string_sized_new(plain->len * 4 / 3 + 1024);
	sink.cap = SEAL_PGP_MAX_OUTPUT(plain->len);
	sink.overflow = 0;
	st = pgp_run_encrypt(ctx, keys, plain, &sink, err);
	if (st == SEAL_OK)
		pgp_build_mime(out, sink.buf);
	/* The cleartext copy must not linger in freed heap. */
	memset(plain->str, 0, plain->len);
	g_string_free(plain, TRUE);
	g_string_free(sink.buf, TRUE);
	for (i = 0; keys[i] != NULL; i++)
		gpgme_key_unref(keys[i]);
	g_free(keys);
	gpgme_release(ctx);
	return st;
}
