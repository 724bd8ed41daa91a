/*
 * log.c - the daemon's log (log.h): one formatted line per call, prefixed
 * with the queue ID, to syslog, stderr or an append-only file.
 *
 * The line is built on the heap and written with one write() so lines from
 * concurrent connections do not interleave. Control characters are
 * replaced: a log line is one line whatever a client sent.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "config.h"
#include "log.h"

typedef enum log_kind { LOG_TO_STDERR = 0, LOG_TO_SYSLOG, LOG_TO_FILE } log_kind;

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static log_kind log_target = LOG_TO_STDERR;
static int log_fd = -1;
static seal_log_level log_threshold = SEAL_LOG_INFO;

static const struct {
	const char *name;
	int facility;
} facilities[] = {
	{ "mail", LOG_MAIL }, { "daemon", LOG_DAEMON }, { "user", LOG_USER },
	{ "auth", LOG_AUTH }, { "authpriv", LOG_AUTHPRIV },
	{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 },
	{ "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

static int
facility_code(const char *name)
{
	for (size_t i = 0; name != NULL && i < G_N_ELEMENTS(facilities); i++)
		if (g_ascii_strcasecmp(name, facilities[i].name) == 0)
			return facilities[i].facility;
	return LOG_MAIL;
}

/* Closes what the current target holds; call with log_lock held. */
static void
close_locked(void)
{
	if (log_target == LOG_TO_SYSLOG)
		closelog();
	if (log_target == LOG_TO_FILE && log_fd >= 0)
		(void)close(log_fd);
	log_fd = -1;
	log_target = LOG_TO_STDERR;
}

int
seal_log_open(const seal_config *cfg)
{
	const char *target = cfg != NULL && cfg->log_target != NULL ? cfg->log_target : "stderr";
	int fd = -1;

	/* Open a new file before dropping the old target: a failure keeps it. */
	if (strcmp(target, "stderr") != 0 && strcmp(target, "syslog") != 0) {
		fd = open(target, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
		if (fd < 0)
			return -1;
	}
	tzset();
	pthread_mutex_lock(&log_lock);
	close_locked();
	log_threshold = cfg != NULL ? cfg->log_level : SEAL_LOG_INFO;
	if (fd >= 0) {
		log_target = LOG_TO_FILE;
		log_fd = fd;
	} else if (strcmp(target, "syslog") == 0) {
		/* LOG_NDELAY: connect now, while /dev/log is still reachable. */
		openlog("sealmilter", LOG_PID | LOG_NDELAY, facility_code(cfg->syslog_facility));
		log_target = LOG_TO_SYSLOG;
	}
	pthread_mutex_unlock(&log_lock);
	return 0;
}

void
seal_log_close(void)
{
	pthread_mutex_lock(&log_lock);
	close_locked();
	pthread_mutex_unlock(&log_lock);
}

static const char *
level_prefix(seal_log_level level)
{
	switch (level) {
	case SEAL_LOG_ERROR:
		return "error: ";
	case SEAL_LOG_WARNING:
		return "warning: ";
	case SEAL_LOG_DEBUG:
		return "debug: ";
	case SEAL_LOG_INFO:
		break;
	}
	return "";
}

static int
syslog_priority(seal_log_level level)
{
	switch (level) {
	case SEAL_LOG_ERROR:
		return LOG_ERR;
	case SEAL_LOG_WARNING:
		return LOG_WARNING;
	case SEAL_LOG_DEBUG:
		return LOG_DEBUG;
	case SEAL_LOG_INFO:
		break;
	}
	return LOG_INFO;
}

static void
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;     /* nowhere left to report a failing log */
		p += n;
		len -= (size_t)n;
	}
}

/*
 * Prefix with time and pid for stderr and files (syslog adds its own).
 * localtime_r and strftime, not GDateTime: GLib looks at the time zone
 * file again (stat, readlink) for every local time it makes, a few system
 * calls per message for the same stamp. The time zone is read once
 * (tzset in seal_log_open); a change takes effect at the next reload.
 */
static void
emit_locked(seal_log_level level, const char *body)
{
	char stamp[32] = "-";
	struct tm tm;
	time_t now = time(NULL);
	char *line;

	if (log_target == LOG_TO_SYSLOG) {
		syslog(syslog_priority(level), "%s", body);
		return;
	}
	if (localtime_r(&now, &tm) != NULL)
		(void)strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	line = g_strdup_printf("%s sealmilter[%ld]: %s\n", stamp, (long)getpid(), body);
	write_all(log_target == LOG_TO_FILE ? log_fd : STDERR_FILENO, line, strlen(line));
	g_free(line);
}

void
seal_log(const seal_log_ctx *ctx, seal_log_level level, const char *fmt, ...)
{
	va_list ap;
	char *msg, *body;
	int saved = errno;

	pthread_mutex_lock(&log_lock);
	if (level > log_threshold) {
		pthread_mutex_unlock(&log_lock);
		return;
	}
	pthread_mutex_unlock(&log_lock);

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (ctx != NULL && ctx->queue_id != NULL && ctx->queue_id[0] != '\0')
		body = g_strdup_printf("%s: %s%s", ctx->queue_id, level_prefix(level), msg);
	else
		body = g_strdup_printf("%s%s", level_prefix(level), msg);
	for (char *p = body; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';

	pthread_mutex_lock(&log_lock);
	emit_locked(level, body);
	pthread_mutex_unlock(&log_lock);
	g_free(body);
	g_free(msg);
	errno = saved;
}
