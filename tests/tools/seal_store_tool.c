/*
 * seal_store_tool.c - fills a store through its real interface (store.h)
 * for tests/t-sealctl-store.sh, without the daemon:
 *
 *   seal_store_tool hold [-a AUTH_USER] CONFIG FILE SENDER RCPT...
 *       holds FILE (an RFC 5322 message) for RCPT... as the daemon would
 *       (masked Subject, masked findings summary); prints the held ID.
 *   seal_store_tool audit [-d DAYS_AGO] [-c CLASS] [-k KINDS] [-D DETAIL] CONFIG SENDER
 *           RCPT ACTION NUMBER...
 *       appends an audit record for SENDER -> RCPT with ACTION, dated
 *       DAYS_AGO days back (default 0), of CLASS (default confidential),
 *       with DETAIL (default empty; "canary=ID" makes a selftest record),
 *       with KINDS ("health:1") after the numbers' kind, whose fingerprints are those of
 *       the NUMBERs, normalised, detected and fingerprinted exactly like
 *       the daemon does (seal_fingerprint of the canonical digits);
 *       prints the record's id.
 *   seal_store_tool link CONFIG ID EXPIRES
 *       prints the line the hold notice gets for held message ID
 *       (seal_notice_hold_request: console_url's link with the token,
 *       valid until EXPIRES, Unix seconds), or nothing without
 *       console_url.
 *
 * The store is opened like milter/record.c does (chain key derived from
 * fingerprint_key_file). Exit 0, 1 on a store or input error (printed,
 * without the numbers), 2 for bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "config.h"
#include "config_check.h"
#include "detect.h"
#include "fingerprint.h"
#include "normalize.h"
#include "notice.h"
#include "scan.h"
#include "store.h"


static int
usage(void)
{
	fprintf(stderr, "usage: seal_store_tool hold [-a AUTH] CONFIG FILE SENDER RCPT...\n"
	    "       seal_store_tool audit [-d DAYS_AGO] [-c CLASS] [-k KINDS] [-D DETAIL] CONFIG"
	    " SENDER RCPT ACTION NUMBER...\n"
	    "       seal_store_tool link CONFIG ID EXPIRES\n");
	return 2;
}

static seal_store *
open_store(const char *path, seal_config **cfgp)
{
	seal_config *cfg;
	seal_store *s;
	char buf[700];
	seal_err err;

	seal_err_clear(&err);
	cfg = seal_config_load(path, &err);
	if (cfg != NULL && seal_config_load_secrets(cfg, &err) != SEAL_OK)
		cfg = seal_config_unref(cfg);
	if (cfg == NULL || cfg->fp_key == NULL) {
		fprintf(stderr, "seal_store_tool: config: %s\n", cfg == NULL
		    ? seal_err_format(&err, buf, sizeof(buf)) : "no fingerprint_key_file");
		seal_config_unref(cfg);
		return NULL;
	}
	s = seal_store_open_config(cfg, &err);
	if (s == NULL) {
		fprintf(stderr, "seal_store_tool: store: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		seal_config_unref(cfg);
		return NULL;
	}
	*cfgp = cfg;
	return s;
}

/* The findings of text (valid UTF-8), in text order. */
static GArray *
findings(const char *text, size_t len)
{
	GArray *found = g_array_new(FALSE, TRUE, sizeof(seal_finding));
	seal_date today;
	size_t nlen;
	char *norm = seal_normalize(text, len, &nlen);

	seal_date_today(&today);
	seal_detect(norm, nlen, &today, found);
	memset(norm, 0, nlen);
	g_free(norm);
	return found;
}

static void
wipe_findings(GArray *found)
{
	if (found->len > 0)
		memset(found->data, 0, (size_t)found->len * sizeof(seal_finding));
	g_array_free(found, TRUE);
}

/* A header field's decoded, unfolded value, or "". */
static char *
header_value(GMimeMessage *m, const char *name)
{
	const char *raw = m != NULL ? g_mime_object_get_header(GMIME_OBJECT(m), name) : NULL;

	return raw != NULL ? g_mime_utils_header_decode_text(NULL, raw) : g_strdup("");
}

static int
cmd_hold(int argc, char **argv)
{
	const char *auth = "";
	seal_config *cfg = NULL;
	GMimeMessage *m = NULL;
	GMimeStream *stream;
	GMimeParser *parser;
	char *msg = NULL, *subject, buf[700];
	GString *summary;
	GArray *found;
	seal_date today;
	seal_store *s;
	seal_held *h;
	seal_err err;
	gsize len;
	int c, rc = 0;

	optind = 1;
	while ((c = getopt(argc, argv, "+a:")) != -1) {
		if (c != 'a')
			return usage();
		auth = optarg;
	}
	if (argc - optind < 4)
		return usage();
	if (!g_file_get_contents(argv[optind + 1], &msg, &len, NULL)) {
		fprintf(stderr, "seal_store_tool: cannot read %s\n", argv[optind + 1]);
		return 1;
	}
	if ((s = open_store(argv[optind], &cfg)) == NULL) {
		g_free(msg);
		return 1;
	}
	stream = g_mime_stream_mem_new_with_buffer(msg, len);
	parser = g_mime_parser_new_with_stream(stream);
	m = g_mime_parser_construct_message(parser, NULL);
	h = seal_held_new();
	h->relay = g_strdup(g_get_host_name());
	h->queue_id = g_strdup_printf("T%08X", g_random_int());
	h->message_id = header_value(m, "Message-ID");
	h->auth_user = g_strdup(auth);
	h->sender = g_strdup(argv[optind + 2]);
	for (int i = optind + 3; i < argc; i++)
		g_ptr_array_add(h->rcpts, g_strdup(argv[i]));
	h->reason = g_strdup_printf("classified, no key: %s", argv[optind + 3]);
	found = findings(msg, len);
	summary = g_string_new(NULL);
	for (guint i = 0; i < found->len; i++) {
		const seal_finding *f = &g_array_index(found, seal_finding, i);

		g_string_append_printf(summary, "%s%s %s (body)", i > 0 ? "; " : "",
		    seal_kind_label(f->kind), f->masked);
	}
	wipe_findings(found);
	h->findings = g_string_free(summary, FALSE);
	subject = header_value(m, "Subject");
	seal_date_today(&today);
	h->subject = seal_mask_text(subject, strlen(subject), &today);
	g_free(subject);
	h->size = (int64_t)len;
	seal_err_clear(&err);
	if (seal_store_hold(s, h, msg, len, &err) != SEAL_OK) {
		fprintf(stderr, "seal_store_tool: hold: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		rc = 1;
	} else {
		printf("%s\n", h->id);
	}
	seal_held_free(h);
	if (m != NULL)
		g_object_unref(m);
	g_object_unref(parser);
	g_object_unref(stream);
	g_free(msg);
	seal_store_close(s);
	seal_config_unref(cfg);
	return rc;
}

static int
cmd_audit(int argc, char **argv)
{
	seal_config *cfg = NULL;
	long days = 0;
	const char *cls = "confidential", *kinds = NULL, *detail = "";
	seal_audit_record *r;
	char buf[700];
	seal_store *s;
	seal_err err;
	int c, rc = 0;

	optind = 1;
	while ((c = getopt(argc, argv, "+d:c:k:D:")) != -1) {
		if (c == 'd')
			days = strtol(optarg, NULL, 10);
		else if (c == 'c')
			cls = optarg;
		else if (c == 'k')
			kinds = optarg;
		else if (c == 'D')
			detail = optarg;
		else
			return usage();
	}
	if (argc - optind < 4)
		return usage();
	if ((s = open_store(argv[optind], &cfg)) == NULL)
		return 1;
	r = seal_audit_record_new();
	r->time = (int64_t)time(NULL) - (int64_t)days * 86400;
	r->relay = g_strdup(g_get_host_name());
	r->queue_id = g_strdup_printf("T%08X", g_random_int());
	r->message_id = g_strdup_printf("<%s@seal-store-tool>", r->queue_id);
	r->auth_user = g_strdup("");
	r->sender = g_strdup(argv[optind + 1]);
	r->cls = g_strdup(cls);
	r->action = g_strdup(argv[optind + 3]);
	r->rules = g_strdup("");
	r->detail = g_strdup(detail);
	seal_audit_record_add_rcpt(r, argv[optind + 2], argv[optind + 3]);
	for (int i = optind + 4; i < argc && rc == 0; i++) {
		GArray *found = findings(argv[i], strlen(argv[i]));
		char fp[65];

		if (found->len != 1) {
			fprintf(stderr, "seal_store_tool: argument %d is not one valid number\n", i);
			rc = 1;
		} else {
			const seal_finding *f = &g_array_index(found, seal_finding, 0);

			seal_fingerprint(cfg->fp_key, f->canonical, fp);
			g_ptr_array_add(r->fingerprints, g_strdup(fp));
			/* The kind of the first number for all: enough for a search test. */
			if (r->kinds == NULL)
				r->kinds = g_strdup_printf("%s:%d", seal_kind_name(f->kind),
				    argc - optind - 4);
		}
		wipe_findings(found);
	}
	if (kinds != NULL) {
		char *all = g_strdup_printf("%s%s%s", r->kinds != NULL ? r->kinds : "",
		    r->kinds != NULL ? "," : "", kinds);

		g_free(r->kinds);
		r->kinds = all;
	}
	if (r->kinds == NULL)
		r->kinds = g_strdup("");
	seal_err_clear(&err);
	if (rc == 0 && seal_store_audit_append(s, r, &err) != SEAL_OK) {
		fprintf(stderr, "seal_store_tool: audit: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		rc = 1;
	} else if (rc == 0) {
		printf("%lld\n", (long long)r->id);
	}
	seal_audit_record_free(r);
	seal_store_close(s);
	seal_config_unref(cfg);
	return rc;
}

static int
cmd_link(int argc, char **argv)
{
	GString *notice = g_string_new(NULL);
	seal_config *cfg;
	char buf[700];
	seal_err err;
	int rc = 0;

	if (argc != 4)
		return usage();
	seal_err_clear(&err);
	cfg = seal_config_load(argv[1], &err);
	if (cfg != NULL && seal_config_load_secrets(cfg, &err) != SEAL_OK)
		cfg = seal_config_unref(cfg);
	if (cfg == NULL || seal_notice_hold_request(cfg, notice, argv[2],
	    g_ascii_strtoll(argv[3], NULL, 10), &err) != SEAL_OK) {
		fprintf(stderr, "seal_store_tool: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		rc = 1;
	} else {
		fputs(notice->str, stdout);
	}
	seal_config_unref(cfg);
	g_string_free(notice, TRUE);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc;

	if (argc < 2)
		return usage();
	g_mime_init();
	if (strcmp(argv[1], "hold") == 0)
		rc = cmd_hold(argc - 1, argv + 1);
	else if (strcmp(argv[1], "audit") == 0)
		rc = cmd_audit(argc - 1, argv + 1);
	else if (strcmp(argv[1], "link") == 0)
		rc = cmd_link(argc - 1, argv + 1);
	else
		rc = usage();
	g_mime_shutdown();
	return rc;
}
