/*
 * scan_cli.c - offline decision for one message (scan_cli.h).
 *
 * Exits 0 whatever the decision, so scripts can read the JSON; non-zero
 * only when the scan itself could not run. Output never holds a number in
 * clear: only masks (report.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "config.h"
#include "config_check.h"
#include "ocr.h"
#include "message.h"
#include "pgp.h"
#include "plan.h"
#include "report.h"
#include "scan.h"
#include "scan_cli.h"
#include "spool_file.h"

#define SEAL_DEFAULT_CONFIG SEAL_SYSCONFDIR "/sealmilter.conf"

typedef struct cli_opts {
	const char *file;
	const char *from;
	const char *config;
	const char *output;        /* --output DIR: write what would be delivered */
	GPtrArray *rcpts;
	int json;
	seal_date date;
	int have_date;
} cli_opts;

static void
usage(FILE *out)
{
	fprintf(out, "usage: sealmilter --scan FILE [--from ADDR] --rcpt ADDR [--rcpt ADDR ...]\n"
	    "                  [-c CONFIG] [--json] [--date YYYY-MM-DD] [--output DIR]\n");
}

static int
parse_date(const char *s, seal_date *d)
{
	char tail;

	if (sscanf(s, "%4d-%2d-%2d%c", &d->year, &d->month, &d->day, &tail) != 3)
		return -1;
	if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31)
		return -1;
	return 0;
}

static int
parse_args(int argc, char **argv, cli_opts *o)
{
	static const struct option longopts[] = {
		{ "scan", required_argument, NULL, 's' },
		{ "from", required_argument, NULL, 'F' },
		{ "rcpt", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "date", required_argument, NULL, 'D' },
		{ "config", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': o->file = optarg; break;
		case 'F': o->from = optarg; break;
		case 'r': g_ptr_array_add(o->rcpts, optarg); break;
		case 'j': o->json = 1; break;
		case 'c': o->config = optarg; break;
		case 'o': o->output = optarg; break;
		case 'D':
			if (parse_date(optarg, &o->date) != 0) {
				fprintf(stderr, "sealmilter: --date: \"%s\" is not YYYY-MM-DD\n", optarg);
				return EX_USAGE;
			}
			o->have_date = 1;
			break;
		case 'h': usage(stdout); return -1;
		case ':':
			fprintf(stderr, "sealmilter: option %s needs an argument\n", argv[optind - 1]);
			usage(stderr);
			return EX_USAGE;
		default:
			if (optopt != 0)
				fprintf(stderr, "sealmilter: unknown option -%c\n", optopt);
			else
				fprintf(stderr, "sealmilter: unknown option %s\n", argv[optind - 1]);
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (o->file == NULL || optind != argc) {
		usage(stderr);
		return EX_USAGE;
	}
	return 0;
}

/* -c FILE must exist; the default file may be absent (built-in defaults then). */
static seal_config *
load_config(const char *path)
{
	seal_err err;
	char buf[1024];
	seal_config *cfg;

	if (path == NULL && access(SEAL_DEFAULT_CONFIG, F_OK) != 0)
		return seal_config_new_defaults();
	seal_err_clear(&err);
	cfg = seal_config_load(path != NULL ? path : SEAL_DEFAULT_CONFIG, &err);
	if (cfg != NULL && seal_config_load_secrets(cfg, &err) != SEAL_OK)
		cfg = seal_config_unref(cfg);
	if (cfg == NULL)
		fprintf(stderr, "sealmilter: %s\n", seal_err_format(&err, buf, sizeof(buf)));
	return cfg;
}

/*
 * GMime needs a seekable stream: a regular file is read in place, a pipe
 * (--scan /dev/stdin) is read into memory, at most limit + 1 bytes so an
 * oversized message still reads as too big without filling memory.
 */
static GMimeStream *
open_message(int fd, const char *name, uint64_t limit)
{
	GByteArray *buf;
	guint8 chunk[65536];
	ssize_t n;
	struct stat st;

	/* A file: read in place through one cache block (spool_file.h). */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && lseek(fd, 0, SEEK_CUR) == 0) {
		seal_err err;
		GMimeStream *s;

		seal_err_clear(&err);
		s = seal_spool_file_stream(fd, &err);
		if (s == NULL)
			fprintf(stderr, "sealmilter: %s: %s\n", name, err.msg);
		return s;
	}
	if (lseek(fd, 0, SEEK_CUR) >= 0)
		return g_mime_stream_fs_new(fd);
	buf = g_byte_array_new();
	while ((uint64_t)buf->len <= limit) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "sealmilter: %s: %s\n", name, g_strerror(errno));
			g_byte_array_free(buf, TRUE);
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		g_byte_array_append(buf, chunk, (guint)n);
	}
	close(fd);
	return g_mime_stream_mem_new_with_byte_array(buf);
}

/* The whole message as bytes (for --output), from the stream GMime reads. */
static GByteArray *
stream_bytes(GMimeStream *stream)
{
	GByteArray *b = g_byte_array_new();
	guint8 chunk[65536];
	gssize n;

	g_mime_stream_reset(stream);
	while ((n = seal_stream_read(stream, (char *)chunk, sizeof(chunk))) > 0)
		g_byte_array_append(b, chunk, (guint)n);
	g_mime_stream_reset(stream);
	if (n < 0) {
		g_byte_array_free(b, TRUE);
		return NULL;
	}
	return b;
}

/* A recipient address as a file name: '/' and leading dots cannot escape DIR. */
static char *
file_name_for(const char *prefix, const char *address)
{
	char *name = g_strconcat(prefix, address, ".eml", NULL);

	for (char *p = name; *p != '\0'; p++)
		if (*p == '/' || (unsigned char)*p < 0x20)
			*p = '_';
	if (name[0] == '.')
		name[0] = '_';
	return name;
}

static int
write_copy(const char *dir, const char *prefix, const char *address, const GString *msg)
{
	char *name = file_name_for(prefix, address);
	char *path = g_build_filename(dir, name, NULL);
	GError *ge = NULL;
	int ok = g_file_set_contents(path, msg->str, (gssize)msg->len, &ge);

	if (!ok) {
		fprintf(stderr, "sealmilter: %s\n", ge->message);
		g_error_free(ge);
	}
	g_free(path);
	g_free(name);
	return ok;
}

/*
 * --output DIR: for each recipient the message exactly as it would be
 * delivered (RCPT.eml), and the notice to the sender (notice-SENDER.eml).
 * Refused and tempfailed messages write nothing.
 */
static int
write_output(const cli_opts *o, const seal_config *cfg, const seal_decision *d,
	GMimeStream *stream, const char *sender)
{
	GByteArray *bytes;
	seal_plan *p = NULL;
	seal_err err;
	char buf[1024];
	int rc = 0;

	if (d->action == SEAL_ACTION_REFUSE || d->action == SEAL_ACTION_TEMPFAIL)
		return 0;
	if (g_mkdir_with_parents(o->output, 0700) != 0) {
		fprintf(stderr, "sealmilter: %s: %s\n", o->output, g_strerror(errno));
		return EX_CANTCREAT;
	}
	if ((bytes = stream_bytes(stream)) == NULL) {
		fprintf(stderr, "sealmilter: %s: read error\n", o->file);
		return EX_IOERR;
	}
	seal_err_clear(&err);
	if (seal_plan_build(cfg, d, sender, (const char *)bytes->data, bytes->len, time(NULL),
	    &p, &err) != SEAL_OK) {
		fprintf(stderr, "sealmilter: %s: cannot build the copies: %s\n", o->file,
		    seal_err_format(&err, buf, sizeof(buf)));
		rc = EX_SOFTWARE;
	}
	for (guint i = 0; p != NULL && rc == 0 && i < p->copies->len; i++) {
		const seal_plan_copy *c = g_ptr_array_index(p->copies, i);

		if (seal_plan_render(p, i, &err) != SEAL_OK) {
			fprintf(stderr, "sealmilter: %s: cannot build a copy: %s\n", o->file,
			    seal_err_format(&err, buf, sizeof(buf)));
			rc = EX_SOFTWARE;
			break;
		}
		for (guint j = 0; rc == 0 && j < c->rcpts->len; j++)
			if (!write_copy(o->output, c->notice ? "notice-" : "",
			    g_ptr_array_index(c->rcpts, j), c->message))
				rc = EX_CANTCREAT;
		seal_plan_release(p, i);
	}
	seal_plan_free(p);
	memset(bytes->data, 0, bytes->len);
	g_byte_array_free(bytes, TRUE);
	return rc;
}

static int
run_scan(const cli_opts *o, const seal_config *cfg)
{
	GMimeStream *stream;
	seal_envelope env;
	seal_decision *d = NULL;
	seal_err err;
	GString *out;
	char buf[1024];
	int fd, rc = 0;

	fd = open(o->file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "sealmilter: %s: %s\n", o->file, g_strerror(errno));
		return EX_NOINPUT;
	}
	stream = open_message(fd, o->file, cfg->max_scan_size);
	if (stream == NULL)
		return EX_IOERR;
	memset(&env, 0, sizeof(env));
	env.sender = o->from != NULL ? o->from : "";
	env.rcpts = (const char *const *)o->rcpts->pdata;
	env.nrcpts = o->rcpts->len;
	seal_err_clear(&err);
	if (seal_scan(cfg, stream, &env, &o->date, &d, &err) != SEAL_OK) {
		fprintf(stderr, "sealmilter: %s: scan failed: %s\n", o->file,
		    seal_err_format(&err, buf, sizeof(buf)));
		rc = EX_IOERR;
	} else {
		out = g_string_new(NULL);
		if (o->json)
			seal_report_json(d, out);
		else
			seal_report_text(d, out);
		fwrite(out->str, 1, out->len, stdout);
		g_string_free(out, TRUE);
		if (o->output != NULL)
			rc = write_output(o, cfg, d, stream, env.sender);
	}
	seal_decision_free(d);
	g_object_unref(stream);
	seal_ocr_shutdown();
	return rc;
}

static int
init_pgp(const seal_config *cfg)
{
	seal_err err;

	seal_err_clear(&err);
	if (cfg->pgp_home == NULL || seal_pgp_init(&err) == SEAL_OK)
		return 0;
	fprintf(stderr, "sealmilter: %s\n", err.msg);
	return EX_CONFIG;
}

int
seal_scan_cli_main(int argc, char **argv)
{
	cli_opts o;
	seal_config *cfg;
	int rc;

	memset(&o, 0, sizeof(o));
	o.rcpts = g_ptr_array_new();
	rc = parse_args(argc, argv, &o);
	if (rc != 0) {
		g_ptr_array_free(o.rcpts, TRUE);
		return rc < 0 ? 0 : rc;
	}
	if (!o.have_date)
		seal_date_today(&o.date);
	cfg = load_config(o.config);
	if (cfg == NULL) {
		g_ptr_array_free(o.rcpts, TRUE);
		return EX_CONFIG;
	}
	g_mime_init();
	rc = init_pgp(cfg);
	if (rc == 0)
		rc = run_scan(&o, cfg);
	g_mime_shutdown();
	seal_config_unref(cfg);
	g_ptr_array_free(o.rcpts, TRUE);
	return rc;
}
