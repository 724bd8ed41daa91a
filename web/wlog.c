/*
 * wlog.c - sealweb's log (wlog.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wlog.h"

static int to_stderr = 1;

void
web_log_open(int foreground, const char *facility)
{
	static const struct { const char *name; int value; } facilities[] = {
		{ "mail", LOG_MAIL }, { "daemon", LOG_DAEMON }, { "user", LOG_USER },
		{ "auth", LOG_AUTH }, { "authpriv", LOG_AUTHPRIV }, { "local0", LOG_LOCAL0 },
		{ "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
		{ "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 },
		{ "local7", LOG_LOCAL7 },
	};
	int fac = LOG_MAIL;

	to_stderr = foreground;
	for (size_t i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++)
		if (facility != NULL && strcmp(facility, facilities[i].name) == 0)
			fac = facilities[i].value;
	if (!foreground)
		openlog("sealweb", LOG_PID, fac);
}

void
web_log(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (to_stderr) {
		static const char *const names[] = {
			"emerg", "alert", "crit", "error", "warning", "notice", "info", "debug"
		};

		fprintf(stderr, "sealweb: %s: ", names[priority & 7]);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	} else {
		vsyslog(priority, fmt, ap);
	}
	va_end(ap);
}
