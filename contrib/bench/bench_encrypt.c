/*
 * bench_encrypt.c - cost of encrypting one message in process, one thread
 * (`make bench`, run by contrib/bench/bench_encrypt.sh): per message the
 * scan (seal_scan: parse, find the identity number, look up each
 * recipient's certificate or key) and the copies that leave (seal_plan_build
 * and seal_plan_render: encryption and assembly), as the daemon does at end
 * of message, without an MTA.
 *
 * The message is generated once: From sb@kommune.example, To every
 * recipient (one encryption with one RecipientInfo each), or with -B To
 * the first only (the others are Bcc, so each gets a copy encrypted for
 * them alone, as plan.h prescribes), a text/plain body of SIZE bytes of
 * filler lines with one test CPR number near the start. Every recipient must get
 * encrypt-smime or encrypt-pgp: timing a refusal would measure nothing.
 * Output: one line of figures; the number is never printed.
 *
 * Usage: bench_encrypt -c CONFIG [-s SIZE_BYTES] [-n ITERATIONS | -t SECONDS]
 *                      [-B] RCPT...
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
#include "pgp.h"
#include "plan.h"
#include "policy.h"
#include "scan.h"
#include "smime.h"

#define SENDER "sb@kommune.example"
#define WARMUP 3

static const char *const filler[] = {
	"The meeting about the new school budget has been moved to Thursday.\r\n",
	"Please bring the signed forms and the plan for the coming season.\r\n",
	"Vi har modtaget din ansøgning og vender tilbage hurtigst muligt.\r\n",
	"The report from the building inspection is attached to this letter.\r\n",
};

/*
 * CRLF line ends, as the milter gets the message from Postfix. The body
 * is exactly size bytes (the last filler line is cut short).
 */
static GByteArray *
make_message(size_t size, const char *to)
{
	GString *m = g_string_new(NULL);
	size_t hdr, i = 0;

	g_string_append_printf(m, "From: %s\r\nTo: %s\r\nSubject: Bench\r\n"
	    "Message-ID: <bench-encrypt@kommune.example>\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n", SENDER, to);
	hdr = m->len;
	/* A synthetic test number (tests/data/vectors.tsv), never printed. */
	g_string_append(m, "Regarding CPR 170583-1889, one more document is needed.\r\n");
	while (m->len < hdr + size)
		g_string_append(m, filler[i++ % G_N_ELEMENTS(filler)]);
	g_string_truncate(m, hdr + size - 2);
	g_string_append(m, "\r\n");
	return g_bytes_unref_to_array(g_string_free_to_bytes(m));
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/*
 * One message: scan, check that every recipient is encrypted to, build
 * and render every copy. Returns 0, or 1 with a message on stderr; *method
 * gets the first recipient's action.
 */
static int
one_message(const seal_config *cfg, GByteArray *msg, const seal_envelope *env,
	const seal_date *day, seal_action *method)
{
	/* Over the message in place: the daemon has it in memory already. */
	GMimeStream *s = g_mime_stream_mem_new_with_byte_array(msg);
	seal_decision *d = NULL;
	seal_plan *p = NULL;
	seal_err err;
	char buf[1024];
	int rc = 1;

	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(s), FALSE);
	seal_err_clear(&err);
	if (seal_scan(cfg, s, env, day, &d, &err) != SEAL_OK) {
		fprintf(stderr, "bench_encrypt: scan failed: %s\n",
		    seal_err_format(&err, buf, sizeof(buf)));
		goto out;
	}
	for (size_t i = 0; i < d->nrcpts; i++) {
		seal_action a = d->rcpts[i].action;

		if (a != SEAL_ACTION_ENCRYPT_SMIME && a != SEAL_ACTION_ENCRYPT_PGP) {
			fprintf(stderr, "bench_encrypt: %s: action %s (%s), not encryption\n",
			    d->rcpts[i].address, seal_action_name(a), d->rcpts[i].reason);
			goto out;
		}
	}
	*method = d->rcpts[0].action;
	if (seal_plan_build(cfg, d, SENDER, (const char *) msg->data, msg->len,
	    time(NULL), &p, &err) != SEAL_OK) {
		fprintf(stderr, "bench_encrypt: plan failed: %s\n",
		    seal_err_format(&err, buf, sizeof(buf)));
		goto out;
	}
	/* The daemon renders each reinjected copy just before it leaves. */
	for (guint i = 0; i < p->copies->len; i++) {
		if (seal_plan_render(p, i, &err) != SEAL_OK) {
			fprintf(stderr, "bench_encrypt: copy failed: %s\n",
			    seal_err_format(&err, buf, sizeof(buf)));
			goto out;
		}
		seal_plan_release(p, i);
	}
	rc = 0;
out:
	seal_plan_free(p);
	seal_decision_free(d);
	g_object_unref(s);
	return rc;
}

static int
usage(void)
{
	fprintf(stderr, "usage: bench_encrypt -c CONFIG [-s SIZE_BYTES] "
	    "[-n ITERATIONS | -t SECONDS] [-B] RCPT...\n");
	return 2;
}

static seal_config *
load_config(const char *path)
{
	seal_err err;
	char buf[1024];
	seal_config *cfg;

	seal_err_clear(&err);
	cfg = seal_config_load(path, &err);
	if (cfg != NULL && seal_config_load_secrets(cfg, &err) != SEAL_OK)
		cfg = seal_config_unref(cfg);
	/* GPGME must be initialised before the first OpenPGP lookup. */
	if (cfg != NULL && cfg->pgp_home != NULL && seal_pgp_init(&err) != SEAL_OK)
		cfg = seal_config_unref(cfg);
	if (cfg == NULL)
		fprintf(stderr, "bench_encrypt: %s\n",
		    seal_err_format(&err, buf, sizeof(buf)));
	return cfg;
}

int
main(int argc, char **argv)
{
	const char *conf = NULL;
	size_t size = 10240;
	long iterations = 100, done = 0;
	double seconds = 0, t0, t;
	seal_action method = SEAL_ACTION_ACCEPT;
	seal_envelope env;
	seal_config *cfg;
	seal_date day;
	GByteArray *msg;
	char *to;
	int c, rc = 0, bcc = 0;

	while ((c = getopt(argc, argv, "c:s:n:t:B")) != -1) {
		switch (c) {
		case 'c': conf = optarg; break;
		case 's': size = strtoul(optarg, NULL, 10); break;
		case 'n': iterations = strtol(optarg, NULL, 10); seconds = 0; break;
		case 't': seconds = strtod(optarg, NULL); break;
		case 'B': bcc = 1; break;
		default: return usage();
		}
	}
	/* The body must hold at least the line with the number. */
	if (conf == NULL || optind == argc || size < 128 ||
	    (seconds <= 0 && iterations <= 0))
		return usage();
	if ((cfg = load_config(conf)) == NULL)
		return 1;
	g_mime_init();
	memset(&env, 0, sizeof(env));
	env.sender = SENDER;
	env.rcpts = (const char *const *) (argv + optind);
	env.nrcpts = (size_t) (argc - optind);
	seal_date_today(&day);
	/* To: all of them (one shared encryption), or with -B the first only. */
	to = bcc ? g_strdup(argv[optind]) : g_strjoinv(", ", argv + optind);
	msg = make_message(size, to);
	g_free(to);

	/* Warm-up: key lookups, GPGME's engine start, caches. */
	for (int i = 0; rc == 0 && i < WARMUP; i++)
		rc = one_message(cfg, msg, &env, &day, &method);
	t0 = now_s();
	t = t0;
	while (rc == 0 && (seconds > 0 ? t - t0 < seconds : done < iterations)) {
		rc = one_message(cfg, msg, &env, &day, &method);
		done++;
		t = now_s();
	}
	if (rc == 0) {
		printf("encrypt %s size=%zu rcpts=%zu%s iterations=%ld msgs/s=%.1f ms/msg=%.2f",
		    method == SEAL_ACTION_ENCRYPT_PGP ? "pgp" : "smime", size, env.nrcpts,
		    bcc && env.nrcpts > 1 ? "(bcc)" : "", done, (double) done / (t - t0),
		    (t - t0) * 1000 / (double) done);
		if (method == SEAL_ACTION_ENCRYPT_SMIME)
			printf(" cipher=%s", cfg->smime_cipher == SEAL_SMIME_AES256_GCM ?
			    "aes256-gcm" : "aes256-cbc");
		printf("\n");
	}
	/* Message data is wiped before it is freed, as everywhere in sealmilter. */
	memset(msg->data, 0, msg->len);
	g_byte_array_unref(msg);
	g_mime_shutdown();
	seal_config_unref(cfg);
	return rc;
}
