/*
 * main.c - the sealmilter daemon: options, configuration, the listening
 * socket, privileges, SIGUSR1 reload, and libmilter's main loop.
 *
 *   sealmilter [-c FILE] [-f] [-n] [-p SOCKET] [-V]
 *   sealmilter --scan ...        (handed to seal_scan_cli_main)
 *
 * Start-up order matters: the socket is opened as root (a privileged port
 * or a directory only root may write), then we fork (before any thread
 * exists), write the pid file, drop to the configured user, switch off
 * core dumps (a dump would hold message text), block SIGUSR1 so every
 * thread inherits the mask, start the reloader thread and run smfi_main.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <glib.h>
#include <gmime/gmime.h>
#include <libmilter/mfapi.h>

#include "config.h"
#include "config_check.h"
#include "ocr.h"
#include "pgp.h"

#include "callbacks.h"
#include "daemon.h"
#include "postfix_check.h"
#include "log.h"
#include "retention.h"
#include "scan_cli.h"

#ifndef SEAL_SYSCONFDIR
#define SEAL_SYSCONFDIR "/etc/sealmilter"
#endif
#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

#define SEAL_DEFAULT_CONFIG SEAL_SYSCONFDIR "/sealmilter.conf"

typedef struct options {
	const char *config_path;    /* -c, or NULL for the default */
	const char *socket;         /* -p, or NULL */
	int foreground;             /* -f */
	int check_only;             /* -n */
} options;

/* File to read on reload: the -c file or the default path. */
static char *cfg_path;
static int cfg_explicit;

static atomic_int reloader_stop;

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: sealmilter [-c FILE] [-f] [-n] [-p SOCKET] [-V]\n"
	    "       sealmilter --scan FILE --from ADDR --rcpt ADDR... [-c FILE] [--json]\n"
	    "  -c FILE    configuration file (default %s)\n"
	    "  -f         stay in the foreground\n"
	    "  -n         check the configuration and exit (0 or %d)\n"
	    "  -p SOCKET  listen here instead of the configured socket\n"
	    "  -V, --version  print the version and exit\n"
	    "  -h, --help     print this help and exit\n",
	    SEAL_DEFAULT_CONFIG, EX_CONFIG);
}

static void
print_version(void)
{
	unsigned int maj = 0, min = 0, pl = 0;

	(void)smfi_version(&maj, &min, &pl);
	printf("sealmilter %s\n", PACKAGE_VERSION);
	printf("  libmilter %u.%u.%u, GMime %u.%u.%u\n", maj, min, pl,
	    gmime_major_version, gmime_minor_version, gmime_micro_version);
}

/* Returns -1 to continue, or an exit status. */
static int
parse_options(int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof(*o));
	/* Our own messages: getopt's would start with argv[0], a full path under systemd. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":c:fnp:Vh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o->config_path = optarg;
			break;
		case 'f':
			o->foreground = 1;
			break;
		case 'n':
			o->check_only = 1;
			break;
		case 'p':
			o->socket = optarg;
			break;
		case 'V':
			print_version();
			return EXIT_SUCCESS;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		case ':':
			fprintf(stderr, "sealmilter: option %s needs an argument\n",
			    argv[optind - 1]);
			usage(stderr);
			return EX_USAGE;
		default:
			/* optopt is the short option; 0 for an unknown long one (then in argv). */
			if (optopt != 0)
				fprintf(stderr, "sealmilter: unknown option -%c\n", optopt);
			else
				fprintf(stderr, "sealmilter: unknown option %s\n", argv[optind - 1]);
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "sealmilter: unexpected argument: %s\n", argv[optind]);
		usage(stderr);
		return EX_USAGE;
	}
	return -1;
}

/*
 * Loads and checks the configuration. A missing default file means
 * built-in defaults; a missing file named with -c is an error.
 */
/* GPGME is set up once, before any thread (seal_pgp_init); this is its result. */
static int pgp_ready;
static seal_err pgp_error;

static seal_config *
load_config(const char *path, int explicit, seal_err *err)
{
	seal_config *cfg;

	seal_err_clear(err);
	if (!explicit && access(path, F_OK) != 0 && errno == ENOENT)
		cfg = seal_config_new_defaults();
	else
		cfg = seal_config_load(path, err);
	if (cfg == NULL)
		return NULL;
	if (seal_config_check(cfg, err) != SEAL_OK || seal_config_load_secrets(cfg, err) != SEAL_OK)
		return seal_config_unref(cfg);
	if (cfg->pgp_home != NULL && !pgp_ready) {
		seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "pgp_home: GnuPG cannot be used: %s", pgp_error.msg);
		return seal_config_unref(cfg);
	}
	return cfg;
}

/* What -n warns of (seal_config_warnings), in the log at start and on reload. */
static void
log_config_warnings(const seal_config *cfg)
{
	char **warn = seal_config_warnings(cfg);

	for (char **w = warn; *w != NULL; w++)
		seal_log(NULL, SEAL_LOG_WARNING, "%s", *w);
	g_strfreev(warn);
}

/* Logs which settings a reload cannot change. */
static void
warn_restart_needed(const seal_config *old, const seal_config *new)
{
	if (g_strcmp0(old->socket, new->socket) != 0)
		seal_log(NULL, SEAL_LOG_WARNING, "reload: socket changed; restart to use it");
	if (g_strcmp0(old->user, new->user) != 0)
		seal_log(NULL, SEAL_LOG_WARNING, "reload: user changed; restart to use it");
	if (g_strcmp0(old->pid_file, new->pid_file) != 0)
		seal_log(NULL, SEAL_LOG_WARNING, "reload: pid_file changed; restart to use it");
	if (old->milter_timeout != new->milter_timeout)
		seal_log(NULL, SEAL_LOG_WARNING, "reload: milter_timeout changed; restart to use it");
}

static void
reload(void)
{
	seal_config *cfg, *old;
	seal_err err;
	char buf[800];

	cfg = load_config(cfg_path, cfg_explicit, &err);
	if (cfg == NULL) {
		seal_log(NULL, SEAL_LOG_ERROR, "reload failed, keeping the old configuration: %s",
		    seal_err_format(&err, buf, sizeof(buf)));
		return;
	}
	old = seal_daemon_config_swap(cfg);
	warn_restart_needed(old, cfg);
	/* After dropping root a log file may no longer open: keep the old one. */
	if (seal_log_open(cfg) != 0)
		seal_log(NULL, SEAL_LOG_WARNING, "reload: cannot open log_target %s: %s",
		    cfg->log_target, g_strerror(errno));
	/* Postfix's journaling may have changed too; read before the line that says reloaded. */
	seal_postfix_refresh(cfg);
	seal_log(NULL, SEAL_LOG_INFO, "configuration reloaded from %s",
	    cfg->path != NULL ? cfg->path : "built-in defaults");
	log_config_warnings(cfg);
	/* Connections still using the old one keep it alive until they close. */
	seal_config_unref(old);
}

/* SIGUSR1 is blocked in every thread; this one waits for it. */
static void *
reloader_main(void *arg)
{
	sigset_t set;
	int sig;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (atomic_load(&reloader_stop))
			break;
		reload();
	}
	return NULL;
}

/* Who owns what we create, and whom we become after opening the socket. */
typedef struct owner {
	int change;                 /* root with a user set: switch after start-up */
	char *name;
	uid_t uid;
	gid_t gid;
	gid_t sock_gid;             /* group of the socket: postfix when it exists */
} owner;

/* The pid file we wrote (removed at exit even if a reload renames it). */
static char *pid_written;

static int
owner_lookup(const char *user, owner *ow, char *why, size_t size)
{
	struct passwd *pw;
	struct group *gr;

	memset(ow, 0, sizeof(*ow));
	ow->uid = geteuid();
	ow->gid = getegid();
	ow->sock_gid = ow->gid;
	if (user == NULL || user[0] == '\0' || geteuid() != 0)
		return 0;
	pw = getpwnam(user);
	if (pw == NULL) {
		snprintf(why, size, "user: no such user %s", user);
		return -1;
	}
	ow->change = 1;
	ow->name = g_strdup(user);
	ow->uid = pw->pw_uid;
	ow->gid = pw->pw_gid;
	/* Postfix (smtpd, cleanup) connects as postfix: let that group in. */
	gr = getgrnam("postfix");
	ow->sock_gid = gr != NULL ? gr->gr_gid : pw->pw_gid;
	return 0;
}

/*
 * Creates dir (the last component only) with mode, owned by uid:gid when
 * we are root; an existing directory is left as the administrator made it.
 */
static int
ensure_dir(const char *dir, mode_t mode, uid_t uid, gid_t gid, char *why, size_t size)
{
	struct stat st;

	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		snprintf(why, size, "%s exists and is not a directory", dir);
		return -1;
	}
	if (mkdir(dir, mode) != 0 || chmod(dir, mode) != 0 ||
	    (geteuid() == 0 && chown(dir, uid, gid) != 0)) {
		snprintf(why, size, "cannot create directory %s: %s", dir, g_strerror(errno));
		return -1;
	}
	return 0;
}

/* "unix:/p", "local:/p" or "/p" -> "/p"; NULL for inet sockets. */
static const char *
unix_socket_path(const char *spec)
{
	if (g_str_has_prefix(spec, "unix:"))
		return spec + 5;
	if (g_str_has_prefix(spec, "local:"))
		return spec + 6;
	return spec[0] == '/' ? spec : NULL;
}

/* "inet:PORT@HOST" or "inet6:PORT@HOST" -> PORT; 0 otherwise. */
static unsigned
inet_socket_port(const char *spec)
{
	const char *p = NULL;

	if (g_str_has_prefix(spec, "inet:"))
		p = spec + 5;
	else if (g_str_has_prefix(spec, "inet6:"))
		p = spec + 6;
	if (p == NULL || !g_ascii_isdigit(p[0]))
		return 0;
	return (unsigned)g_ascii_strtoull(p, NULL, 10);
}

/* The socket's directory, the spool and the pid file's directory. */
static int
setup_dirs(const seal_config *cfg, const char *spec, const owner *ow, int pidfile,
	char *why, size_t size)
{
	const char *sock = unix_socket_path(spec);
	char *dir;
	int r = 0;

	if (sock != NULL) {
		/* 0750 and group postfix: Postfix may reach the socket, others not. */
		dir = g_path_get_dirname(sock);
		r = ensure_dir(dir, 0750, ow->uid, ow->sock_gid, why, size);
		g_free(dir);
	}
	if (r == 0 && cfg->spool_dir != NULL && cfg->spool_dir[0] != '\0')
		r = ensure_dir(cfg->spool_dir, 0700, ow->uid, ow->gid, why, size);
	if (r == 0 && pidfile && cfg->pid_file != NULL && cfg->pid_file[0] != '\0') {
		/* Owned by the user, so the pid file can be removed after the switch. */
		dir = g_path_get_dirname(cfg->pid_file);
		r = ensure_dir(dir, 0755, ow->uid, ow->gid, why, size);
		g_free(dir);
	}
	return r;
}

/*
 * A lean milter on loopback stalls on delayed ACKs (Nagle plus the peer's
 * delayed ACK: about 40 ms per round trip). libmilter hides the accepted
 * sockets, but on Linux an accepted socket inherits TCP_NODELAY from the
 * listening one: find that among our descriptors (listening, our port)
 * and set it there.
 */
static void
set_listen_nodelay(unsigned port)
{
	GDir *d = g_dir_open("/proc/self/fd", 0, NULL);
	const char *name;
	unsigned done = 0;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		int fd = atoi(name), acc = 0, one = 1;
		socklen_t len = sizeof(acc);
		struct sockaddr_storage ss = { 0 };
		unsigned p = 0;

		if (fd <= STDERR_FILENO ||
		    getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &len) != 0 || !acc)
			continue;
		len = sizeof(ss);
		if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
			continue;
		if (ss.ss_family == AF_INET)
			p = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		else if (ss.ss_family == AF_INET6)
			p = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
		if (p == port && setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0)
			done++;
	}
	if (d != NULL)
		g_dir_close(d);
	if (done == 0)
		seal_log(NULL, SEAL_LOG_WARNING, "could not set TCP_NODELAY on port %u: "
		    "expect delays on loopback", port);
}

/* Unix socket: 0660 for the user and Postfix's group; inet: TCP_NODELAY. */
static int
setup_socket(const char *spec, const owner *ow, char *why, size_t size)
{
	const char *path = unix_socket_path(spec);
	unsigned port = inet_socket_port(spec);

	if (path != NULL) {
		if (chmod(path, 0660) != 0 ||
		    (geteuid() == 0 && chown(path, ow->uid, ow->sock_gid) != 0)) {
			snprintf(why, size, "cannot set owner or mode of %s: %s", path,
			    g_strerror(errno));
			return -1;
		}
	} else if (port != 0) {
		set_listen_nodelay(port);
	}
	return 0;
}

static int
write_pid_file(const char *path, char *why, size_t size)
{
	char buf[32];
	int fd, n;

	if (path == NULL || path[0] == '\0')
		return 0;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (fd < 0 || fchmod(fd, 0644) != 0 || write(fd, buf, (size_t)n) != n) {
		snprintf(why, size, "cannot write pid_file %s: %s", path, g_strerror(errno));
		if (fd >= 0)
			(void)close(fd);
		return -1;
	}
	(void)close(fd);
	pid_written = g_strdup(path);
	return 0;
}

static void
remove_pid_file(void)
{
	if (pid_written != NULL && unlink(pid_written) != 0)
		seal_log(NULL, SEAL_LOG_WARNING, "cannot remove pid_file %s: %s", pid_written,
		    g_strerror(errno));
	g_free(pid_written);
	pid_written = NULL;
}

static int
drop_privileges(const owner *ow, char *why, size_t size)
{
	if (!ow->change)
		return 0;
	if (initgroups(ow->name, ow->gid) != 0 || setgid(ow->gid) != 0 ||
	    setuid(ow->uid) != 0) {
		snprintf(why, size, "cannot switch to user %s: %s", ow->name, g_strerror(errno));
		return -1;
	}
	/* Paranoia: root must be gone for good. */
	if (ow->uid != 0 && setuid(0) == 0) {
		snprintf(why, size, "could regain root after switching to %s", ow->name);
		return -1;
	}
	return 0;
}

/* Forks into the background; the parent exits. */
static int
daemonise(void)
{
	pid_t pid;
	int fd;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0)
		_exit(EXIT_SUCCESS);
	if (setsid() < 0)
		return -1;
	/* Second fork: never a session leader, never a controlling terminal. */
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0)
		_exit(EXIT_SUCCESS);
	if (chdir("/") != 0)
		return -1;
	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		return -1;
	(void)dup2(fd, STDIN_FILENO);
	(void)dup2(fd, STDOUT_FILENO);
	(void)dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		(void)close(fd);
	return 0;
}

/* Core dumps would hold message text and keys: off. */
static void
no_core_dumps(void)
{
	struct rlimit rl = { 0, 0 };

	if (setrlimit(RLIMIT_CORE, &rl) != 0)
		seal_log(NULL, SEAL_LOG_WARNING, "setrlimit(RLIMIT_CORE): %s", g_strerror(errno));
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		seal_log(NULL, SEAL_LOG_WARNING, "prctl(PR_SET_DUMPABLE): %s", g_strerror(errno));
}

/* Opens the socket and everything that needs root; returns 0 or an exit status. */
static int
start_listening(const seal_config *cfg, const char *spec, const options *o)
{
	owner ow;
	char why[512];
	int r = 0;

	if (owner_lookup(cfg->user, &ow, why, sizeof(why)) != 0) {
		seal_log(NULL, SEAL_LOG_ERROR, "fatal: %s", why);
		return EX_CONFIG;
	}
	seal_callbacks_set_inet(unix_socket_path(spec) == NULL);
	if (setup_dirs(cfg, spec, &ow, !o->foreground, why, sizeof(why)) != 0) {
		seal_log(NULL, SEAL_LOG_ERROR, "fatal: %s", why);
		r = EX_CANTCREAT;
	} else if (smfi_setconn((char *)spec) != MI_SUCCESS ||
	    smfi_settimeout((int)cfg->milter_timeout) != MI_SUCCESS ||
	    seal_callbacks_register() != MI_SUCCESS) {
		seal_log(NULL, SEAL_LOG_ERROR, "fatal: libmilter set-up failed for %s", spec);
		r = EX_SOFTWARE;
	} else if (smfi_opensocket(true) != MI_SUCCESS) {
		/* true above: a stale unix socket from an earlier run is removed. */
		seal_log(NULL, SEAL_LOG_ERROR, "fatal: cannot listen on %s", spec);
		r = EX_UNAVAILABLE;
	} else if (setup_socket(spec, &ow, why, sizeof(why)) != 0) {
		seal_log(NULL, SEAL_LOG_ERROR, "fatal: %s", why);
		r = EX_OSERR;
	} else if (!o->foreground && daemonise() != 0) {
		seal_log(NULL, SEAL_LOG_ERROR, "fatal: cannot daemonise: %s", g_strerror(errno));
		r = EX_OSERR;
	} else if (!o->foreground && write_pid_file(cfg->pid_file, why, sizeof(why)) != 0) {
		seal_log(NULL, SEAL_LOG_ERROR, "fatal: %s", why);
		r = EX_CANTCREAT;
	} else if (drop_privileges(&ow, why, sizeof(why)) != 0) {
		seal_log(NULL, SEAL_LOG_ERROR, "fatal: %s", why);
		r = EX_NOPERM;
	}
	if (r == 0)
		no_core_dumps();
	g_free(ow.name);
	return r;
}

/* Runs libmilter until SIGTERM/SIGHUP/SIGINT; returns the exit status. */
static int
run(void)
{
	pthread_t reloader;
	sigset_t set;
	int r;

	/*
	 * Blocked before any thread starts, so every thread inherits the mask:
	 * SIGUSR1 is for our reloader alone; SIGHUP, SIGTERM and SIGINT for
	 * libmilter's signal thread (it blocks them itself, but only after our
	 * reloader exists, which would otherwise die of a SIGTERM).
	 */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if ((r = pthread_create(&reloader, NULL, reloader_main, NULL)) != 0) {
		seal_log(NULL, SEAL_LOG_ERROR, "fatal: cannot start the reloader: %s",
		    g_strerror(r));
		return EX_OSERR;
	}
	seal_log(NULL, SEAL_LOG_INFO, "sealmilter %s starting", PACKAGE_VERSION);
	if ((r = seal_retention_start()) != 0)
		seal_log(NULL, SEAL_LOG_WARNING, "cannot start the retention thread: %s; old "
		    "records are purged only by sealctl purge", g_strerror(r));
	r = smfi_main();
	seal_retention_stop();
	atomic_store(&reloader_stop, 1);
	pthread_kill(reloader, SIGUSR1);
	pthread_join(reloader, NULL);
	seal_log(NULL, r == MI_SUCCESS ? SEAL_LOG_INFO : SEAL_LOG_ERROR,
	    "sealmilter stopping%s", r == MI_SUCCESS ? "" : " after a libmilter failure");
	return r == MI_SUCCESS ? EXIT_SUCCESS : EX_SOFTWARE;
}

/* -n: the configuration alone; errors as file:line: key: reason. */
static int
check_only(const seal_config *cfg, const seal_err *err)
{
	char buf[800];

	if (cfg != NULL) {
		char **warn = seal_config_warnings(cfg);

		/* Warnings, ours and about Postfix's side; they do not change the exit status. */
		for (char **w = warn; *w != NULL; w++)
			fprintf(stderr, "warning: %s\n", *w);
		g_strfreev(warn);
		(void)seal_postfix_check(stderr, cfg);
		return EXIT_SUCCESS;
	}
	fprintf(stderr, "%s\n", seal_err_format(err, buf, sizeof(buf)));
	return EX_CONFIG;
}

static int
has_scan_option(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--scan") == 0 || g_str_has_prefix(argv[i], "--scan="))
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	options o;
	seal_config *cfg;
	seal_err err;
	char buf[800];
	const char *socket_spec;
	int r;

	if (has_scan_option(argc, argv))
		return seal_scan_cli_main(argc, argv);
	if ((r = parse_options(argc, argv, &o)) >= 0)
		return r;
	seal_err_clear(&pgp_error);
	pgp_ready = seal_pgp_init(&pgp_error) == SEAL_OK;
	cfg_explicit = o.config_path != NULL;
	cfg_path = g_canonicalize_filename(cfg_explicit ? o.config_path : SEAL_DEFAULT_CONFIG,
	    NULL);
	cfg = load_config(cfg_path, cfg_explicit, &err);
	if (o.check_only) {
		r = check_only(cfg, &err);
		seal_config_unref(cfg);
		g_free(cfg_path);
		return r;
	}
	if (cfg == NULL) {
		fprintf(stderr, "sealmilter: %s\n", seal_err_format(&err, buf, sizeof(buf)));
		g_free(cfg_path);
		return EX_CONFIG;
	}
	if (seal_log_open(cfg) != 0) {
		fprintf(stderr, "sealmilter: cannot open log_target %s: %s\n", cfg->log_target,
		    g_strerror(errno));
		seal_config_unref(cfg);
		g_free(cfg_path);
		return EX_CANTCREAT;
	}
	log_config_warnings(cfg);
	(void)seal_daemon_config_swap(cfg);     /* NULL: nothing was installed yet */
	socket_spec = o.socket != NULL ? o.socket : cfg->socket;
	if (socket_spec == NULL || socket_spec[0] == '\0') {
		/* The key has a default; an empty value is refused here, not by libmilter. */
		fprintf(stderr, "sealmilter: no socket configured\n");
		seal_log_close();
		seal_config_unref(seal_daemon_config_swap(NULL));
		g_free(cfg_path);
		return EX_CONFIG;
	}
	r = start_listening(cfg, socket_spec, &o);
	if (r == 0) {
		g_mime_init();
		seal_postfix_refresh(cfg);
		r = run();
		seal_ocr_shutdown();    /* the Tesseract handles, after the last scan */
		g_mime_shutdown();
	}
	remove_pid_file();
	seal_log_close();
	seal_config_unref(seal_daemon_config_swap(NULL));
	g_free(cfg_path);
	return r;
}
