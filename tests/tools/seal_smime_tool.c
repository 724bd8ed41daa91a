/*
 * seal_smime_tool.c - test driver for certstore.c and smime.c, used by
 * tests/t-smime.sh so that real openssl and gpgsm can check the output.
 *
 *   seal_smime_tool load CERTDIR CAFILE
 *	prints "count N" and one "skipped FILE" line per skipped file
 *   seal_smime_tool lookup CERTDIR CAFILE ADDRESS [YYYY-MM-DD]
 *	prints the chosen fingerprint (or "none"), then one line per
 *	candidate: "SOURCE FINGERPRINT usable" or "... rejected: REASON"
 *   seal_smime_tool encrypt [--gcm] [--sign CERT KEY] CERTDIR CAFILE ENTITY ADDRESS...
 *	writes a complete RFC 5322 message to stdout; exit 2 when an
 *	address has no usable certificate
 *
 * Exit 0 on success, 1 on errors, 2 as above.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "certstore.h"
#include "err.h"
#include "smime.h"

static int
usage(void)
{
	fprintf(stderr, "usage: seal_smime_tool load CERTDIR CAFILE\n"
		"       seal_smime_tool lookup CERTDIR CAFILE ADDRESS [YYYY-MM-DD]\n"
		"       seal_smime_tool encrypt [--gcm] [--sign CERT KEY] CERTDIR CAFILE"
		" ENTITY ADDRESS...\n");
	return 1;
}

static seal_certstore *
open_store(const char *dir, const char *ca)
{
	seal_err err;
	seal_certstore *s;
	char buf[1024];

	seal_err_clear(&err);
	s = seal_certstore_new(dir, ca, &err);
	if (s == NULL)
		fprintf(stderr, "seal_smime_tool: %s: %s\n", seal_status_name(err.code),
			seal_err_format(&err, buf, sizeof(buf)));
	return s;
}

static int
cmd_load(int argc, char **argv)
{
	seal_certstore *s;
	const char *name;
	size_t i;

	if (argc != 2)
		return usage();
	s = open_store(argv[0], argv[1]);
	if (s == NULL)
		return 1;
	printf("count %zu\n", seal_certstore_count(s));
	for (i = 0; (name = seal_certstore_skipped(s, i)) != NULL; i++)
		printf("skipped %s\n", name);
	seal_certstore_free(s);
	return 0;
}

/* YYYY-MM-DD at noon UTC, so that the day is the same in every zone. */
static int
parse_day(const char *arg, time_t *t)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(arg, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	tm.tm_hour = 12;
	*t = timegm(&tm);
	return 0;
}

static void
print_fingerprint(X509 *x)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;

	if (x == NULL || X509_digest(x, EVP_sha256(), md, &len) != 1) {
		printf("none\n");
		return;
	}
	for (i = 0; i < len; i++)
		printf("%02x", md[i]);
	printf("\n");
}

static int
cmd_lookup(int argc, char **argv)
{
	seal_certstore *s;
	GPtrArray *verdicts;
	time_t now = time(NULL);
	X509 *x;
	guint i;

	if (argc != 3 && argc != 4)
		return usage();
	if (argc == 4 && parse_day(argv[3], &now) != 0)
		return usage();
	s = open_store(argv[0], argv[1]);
	if (s == NULL)
		return 1;
	verdicts = g_ptr_array_new_with_free_func(g_free);
	x = seal_certstore_lookup(s, argv[2], now, verdicts);
	print_fingerprint(x);
	for (i = 0; i < verdicts->len; i++) {
		const seal_cert_verdict *v = g_ptr_array_index(verdicts, i);

		if (v->usable)
			printf("%s %s usable\n", v->source, v->fingerprint);
		else
			printf("%s %s rejected: %s\n", v->source, v->fingerprint, v->reason);
	}
	X509_free(x);
	g_ptr_array_free(verdicts, TRUE);
	seal_certstore_free(s);
	return 0;
}

typedef struct enc_opts {
	seal_smime_cipher cipher;
	const char *sign_cert;
	const char *sign_key;
} enc_opts;

/* Loads the signing certificate and key (PEM); 0 on success. */
static int
load_signer(const enc_opts *o, X509 **cert, EVP_PKEY **key)
{
	FILE *f;

	*cert = NULL;
	*key = NULL;
	if (o->sign_cert == NULL)
		return 0;
	if ((f = fopen(o->sign_cert, "r")) != NULL) {
		*cert = PEM_read_X509(f, NULL, NULL, NULL);
		fclose(f);
	}
	if ((f = fopen(o->sign_key, "r")) != NULL) {
		*key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
		fclose(f);
	}
	if (*cert != NULL && *key != NULL)
		return 0;
	fprintf(stderr, "seal_smime_tool: cannot load signing certificate or key\n");
	X509_free(*cert);
	EVP_PKEY_free(*key);
	return -1;
}

/* Minimal outer headers, CRLF, then the encrypted entity's own headers. */
static void
write_message(char **addrs, int naddrs, const GString *entity)
{
	unsigned char rnd[8];
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	int i;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		memset(rnd, 0, sizeof(rnd));
	printf("From: noreply@kommune.example\r\nTo: ");
	for (i = 0; i < naddrs; i++)
		printf("%s%s", i > 0 ? ", " : "", addrs[i]);
	printf("\r\nSubject: Encrypted message\r\nDate: %s\r\nMessage-ID: <", date);
	for (i = 0; i < (int)sizeof(rnd); i++)
		printf("%02x", rnd[i]);
	printf("@kommune.example>\r\nMIME-Version: 1.0\r\n");
	fwrite(entity->str, 1, entity->len, stdout);
}

static int
encrypt_with(seal_certstore *s, const enc_opts *o, const char *entity_file,
	char **addrs, int naddrs)
{
	GPtrArray *certs = g_ptr_array_new_with_free_func((GDestroyNotify)X509_free);
	GString *out = g_string_new(NULL);
	X509 *scert = NULL;
	EVP_PKEY *skey = NULL;
	char *data = NULL, buf[1024];
	gsize len = 0;
	seal_err err;
	int i, rc = 0;

	seal_err_clear(&err);
	for (i = 0; i < naddrs && rc == 0; i++) {
		X509 *x = seal_certstore_lookup(s, addrs[i], time(NULL), NULL);

		if (x == NULL) {
			fprintf(stderr, "seal_smime_tool: no usable certificate for %s\n", addrs[i]);
			rc = 2;
		} else {
			g_ptr_array_add(certs, x);
		}
	}
	if (rc == 0 && !g_file_get_contents(entity_file, &data, &len, NULL)) {
		fprintf(stderr, "seal_smime_tool: cannot read %s\n", entity_file);
		rc = 1;
	}
	if (rc == 0 && load_signer(o, &scert, &skey) != 0)
		rc = 1;
	if (rc == 0 && seal_smime_encrypt(data, len, (X509 *const *)certs->pdata, certs->len,
		o->cipher, scert, skey, out, &err) != SEAL_OK) {
		fprintf(stderr, "seal_smime_tool: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		rc = 1;
	}
	if (rc == 0)
		write_message(addrs, naddrs, out);
	X509_free(scert);
	EVP_PKEY_free(skey);
	g_free(data);
	g_string_free(out, TRUE);
	g_ptr_array_free(certs, TRUE);
	return rc;
}

static int
cmd_encrypt(int argc, char **argv)
{
	enc_opts o = { SEAL_SMIME_AES256_CBC, NULL, NULL };
	seal_certstore *s;
	int rc;

	while (argc > 0 && strncmp(argv[0], "--", 2) == 0) {
		if (strcmp(argv[0], "--gcm") == 0) {
			o.cipher = SEAL_SMIME_AES256_GCM;
			argc--, argv++;
		} else if (strcmp(argv[0], "--sign") == 0 && argc >= 3) {
			o.sign_cert = argv[1];
			o.sign_key = argv[2];
			argc -= 3, argv += 3;
		} else {
			return usage();
		}
	}
	if (argc < 4)
		return usage();
	s = open_store(argv[0], argv[1]);
	if (s == NULL)
		return 1;
	rc = encrypt_with(s, &o, argv[2], argv + 3, argc - 3);
	seal_certstore_free(s);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "load") == 0)
		return cmd_load(argc - 2, argv + 2);
	if (strcmp(argv[1], "lookup") == 0)
		return cmd_lookup(argc - 2, argv + 2);
	if (strcmp(argv[1], "encrypt") == 0)
		return cmd_encrypt(argc - 2, argv + 2);
	return usage();
}
