/*
 * main.c - sealweb, the compliance officers' web console.
 *
 *   sealweb [-c CONFIG] [-f]
 *
 * Reads the milter's configuration (the console_* keys, officers_file,
 * store), opens the store as sealctl does, and serves the console until
 * SIGTERM or SIGINT. -f stays in the foreground and logs to standard
 * error (systemd runs it so); without it sealweb detaches and logs to
 * syslog. Exit status: 0 after a clean stop, EX_USAGE, EX_CONFIG for a
 * configuration it cannot serve (sealweb.8), EX_UNAVAILABLE when it cannot
 * listen, EX_OSERR when it cannot detach.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "config.h"
#include "config_check.h"
#include "store.h"

#include "app.h"
#include "server.h"
#include "wlog.h"

#define SEAL_DEFAULT_CONFIG SEAL_SYSCONFDIR "/sealmilter.conf"

static void
usage(FILE *out)
{
	fprintf(out, "usage: sealweb [-c CONFIG] [-f]\n");
}

/* What sealmilter -n warns of (config_check.h), logged as it says it. */
static void
log_warnings(const seal_config *cfg)
{
	char **warn = seal_config_warnings(cfg);

	for (char **w = warn; *w != NULL; w++)
		web_log(LOG_WARNING, "%s", *w);
	g_strfreev(warn);
}

/* The configuration with its secrets (the fingerprint key keys the audit chain). */
static seal_config *
load_config(const char *path)
{
	char buf[1024];
	seal_config *cfg;
	seal_err err;

	seal_err_clear(&err);
	cfg = seal_config_load(path, &err);
	if (cfg != NULL && seal_config_load_secrets(cfg, &err) != SEAL_OK)
		cfg = seal_config_unref(cfg);
	if (cfg == NULL) {
		fprintf(stderr, "sealweb: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		return NULL;
	}
	/* Before the store check, which refuses a store without the fingerprint key. */
	log_warnings(cfg);
	return cfg;
}

/* Opens and closes the store once: a configuration without one is refused at start. */
static int
check_store(const seal_config *cfg)
{
	seal_err err;
	seal_store *s;

	seal_err_clear(&err);
	s = seal_store_open_config(cfg, &err);
	if (s == NULL && err.code == SEAL_ERR_CONFIG) {
		fprintf(stderr, "sealweb: %s\n", err.msg);
		return EX_CONFIG;
	}
	if (s == NULL)
		/* It may come back (PostgreSQL restarting): requests answer 503 meanwhile. */
		fprintf(stderr, "sealweb: warning: the store does not answer yet: %s\n", err.msg);
	seal_store_close(s);
	return 0;
}

static int
serve(seal_config *cfg, int foreground)
{
	char buf[1024];
	web_server *srv;
	web_app *app;
	sigset_t set;
	seal_err err;
	int sig, tls;

	seal_err_clear(&err);
	if (web_server_check(cfg, &tls, &err) != 0) {
		fprintf(stderr, "sealweb: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		return EX_CONFIG;
	}
	if ((app = web_app_new(cfg, tls, &err)) == NULL) {
		fprintf(stderr, "sealweb: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		return EX_CONFIG;
	}
	if (!foreground && daemon(0, 0) != 0) {
		perror("sealweb: cannot detach");
		web_app_free(app);
		return EX_OSERR;
	}
	web_log_open(foreground, cfg->syslog_facility);
	/* Said on standard error before detaching; the system log gets them too. */
	if (!foreground)
		log_warnings(cfg);
	/* Before any thread starts, so that only sigwait below sees these. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((srv = web_server_start(app, &err)) == NULL) {
		web_log(LOG_ERR, "%s", seal_err_format(&err, buf, sizeof(buf)));
		web_app_free(app);
		return err.code == SEAL_ERR_CONFIG ? EX_CONFIG : EX_UNAVAILABLE;
	}
	web_log(LOG_INFO, "listening on %s (%s)", cfg->console_listen, tls ? "https" : "http");
	do {
		if (sigwait(&set, &sig) != 0)
			break;
	} while (sig == SIGHUP);   /* nothing to reload: the officers file is watched */
	web_log(LOG_INFO, "stopping");
	web_server_stop(srv);
	web_app_free(app);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *config = SEAL_DEFAULT_CONFIG;
	seal_config *cfg;
	int c, foreground = 0, rc;

	while ((c = getopt(argc, argv, "c:fh")) != -1) {
		switch (c) {
		case 'c': config = optarg; break;
		case 'f': foreground = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return EX_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EX_USAGE;
	}
	if ((cfg = load_config(config)) == NULL)
		return EX_CONFIG;
	g_mime_init();
	rc = check_store(cfg);
	if (rc == 0)
		rc = serve(cfg, foreground);
	g_mime_shutdown();
	seal_config_unref(cfg);
	return rc;
}
