/*
 * seal_pgp_tool.c - drives libseal's OpenPGP code on files for
 * tests/t-pgp.sh:
 *
 *   seal_pgp_tool lookup HOME ADDRESS
 *	prints the chosen fingerprint (or "none"), then one line per
 *	candidate: "verdict FPR usable|unusable UID-ADDRESS REASON".
 *	Exit 0 when a key was found, 2 when none, 1 on error.
 *   seal_pgp_tool encrypt HOME ENTITYFILE ADDRESS... > OUT
 *	looks up every address and writes a complete RFC 5322 message
 *	(CRLF) whose body is the PGP/MIME entity. Exit 2 when an address
 *	has no usable key, 1 on error.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "err.h"
#include "pgp.h"

static int
usage(void)
{
	fprintf(stderr, "usage: seal_pgp_tool lookup HOME ADDRESS\n"
	    "       seal_pgp_tool encrypt HOME ENTITYFILE ADDRESS...\n");
	return 1;
}

static int
fail(const seal_err *err)
{
	char buf[800];

	fprintf(stderr, "seal_pgp_tool: %s (%s)\n",
	    seal_err_format(err, buf, sizeof(buf)), seal_status_name(err->code));
	return 1;
}

static int
cmd_lookup(const char *home, const char *addr)
{
	GPtrArray *verdicts = g_ptr_array_new_with_free_func(g_free);
	seal_err err;
	char fpr[41];
	guint i;
	int rc;

	seal_err_clear(&err);
	rc = seal_pgp_lookup(home, addr, fpr, verdicts, &err);
	if (rc < 0) {
		g_ptr_array_unref(verdicts);
		return fail(&err);
	}
	printf("%s\n", rc == 1 ? fpr : "none");
	for (i = 0; i < verdicts->len; i++) {
		const seal_pgp_verdict *v = g_ptr_array_index(verdicts, i);

		printf("verdict %s %s %s %s\n", v->fingerprint,
		    v->usable ? "usable" : "unusable", v->uid, v->reason);
	}
	g_ptr_array_unref(verdicts);
	return rc == 1 ? 0 : 2;
}

/* The outer header block of the test message (CRLF). */
static void
put_header(GString *msg, char **addrs, int naddrs)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	int i;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	g_string_append(msg, "From: Sealmilter Test <sender@agency.example>\r\nTo: ");
	for (i = 0; i < naddrs; i++)
		g_string_append_printf(msg, "%s<%s>", i > 0 ? ", " : "", addrs[i]);
	g_string_append_printf(msg, "\r\nSubject: Encrypted message\r\n"
	    "Date: %s\r\nMessage-ID: <%08x%08x@agency.example>\r\n"
	    "MIME-Version: 1.0\r\n", date, g_random_int(), g_random_int());
}

static int
cmd_encrypt(const char *home, const char *file, char **addrs, int naddrs)
{
	GPtrArray *fprs = g_ptr_array_new_with_free_func(g_free);
	GString *out = g_string_new(NULL);
	GError *gerr = NULL;
	seal_err err;
	char fpr[41], *entity = NULL;
	gsize len = 0;
	int i, rc = 0;

	seal_err_clear(&err);
	if (!g_file_get_contents(file, &entity, &len, &gerr)) {
		fprintf(stderr, "seal_pgp_tool: %s\n", gerr->message);
		g_error_free(gerr);
		rc = 1;
		goto out;
	}
	for (i = 0; i < naddrs && rc == 0; i++) {
		switch (seal_pgp_lookup(home, addrs[i], fpr, NULL, &err)) {
		case 1:
			g_ptr_array_add(fprs, g_strdup(fpr));
			break;
		case 0:
			fprintf(stderr, "seal_pgp_tool: no usable key for %s\n",
			    addrs[i]);
			rc = 2;
			break;
		default:
			rc = fail(&err);
		}
	}
	if (rc != 0)
		goto out;
	put_header(out, addrs, naddrs);
	if (seal_pgp_encrypt(home, entity, len, (const char *const *)fprs->pdata,
	    fprs->len, out, &err) != SEAL_OK) {
		rc = fail(&err);
		goto out;
	}
	if (fwrite(out->str, 1, out->len, stdout) != out->len ||
	    fflush(stdout) != 0) {
		perror("seal_pgp_tool: write");
		rc = 1;
	}
out:
	g_free(entity);
	g_string_free(out, TRUE);
	g_ptr_array_unref(fprs);
	return rc;
}

int
main(int argc, char **argv)
{
	seal_err err;

	seal_err_clear(&err);
	if (argc < 2)
		return usage();
	if (seal_pgp_init(&err) != SEAL_OK)
		return fail(&err);
	if (strcmp(argv[1], "lookup") == 0 && argc == 4)
		return cmd_lookup(argv[2], argv[3]);
	if (strcmp(argv[1], "encrypt") == 0 && argc >= 5)
		return cmd_encrypt(argv[2], argv[3], argv + 4, argc - 4);
	return usage();
}
