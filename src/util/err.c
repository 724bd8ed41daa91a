/* err.c - error reporting for libseal (see err.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

void
seal_err_clear(seal_err *e)
{
	if (e != NULL)
		memset(e, 0, sizeof(*e));
}

static void seal_err_vset(seal_err *e, seal_status code, const char *file,
	unsigned line, const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void
seal_err_vset(seal_err *e, seal_status code, const char *file, unsigned line,
	const char *fmt, va_list ap)
{
	e->code = code;
	snprintf(e->file, sizeof(e->file), "%s", file != NULL ? file : "");
	e->line = line;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
}

seal_status
seal_err_set(seal_err *e, seal_status code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	va_start(ap, fmt);
	seal_err_vset(e, code, NULL, 0, fmt, ap);
	va_end(ap);
	return code;
}

seal_status
seal_err_set_at(seal_err *e, seal_status code, const char *file, unsigned line,
	const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	va_start(ap, fmt);
	seal_err_vset(e, code, file, line, fmt, ap);
	va_end(ap);
	return code;
}

const char *
seal_err_format(const seal_err *e, char *buf, size_t size)
{
	if (e->file[0] != '\0' && e->line > 0)
		snprintf(buf, size, "%s:%u: %s", e->file, e->line, e->msg);
	else if (e->file[0] != '\0')
		snprintf(buf, size, "%s: %s", e->file, e->msg);
	else
		snprintf(buf, size, "%s", e->msg);
	return buf;
}

int
seal_status_is_transient(seal_status s)
{
	return s == SEAL_ERR_NOMEM || s == SEAL_ERR_IO || s == SEAL_ERR_TIMEOUT
	    || s == SEAL_ERR_INTERNAL;
}

const char *
seal_status_name(seal_status s)
{
	switch (s) {
	case SEAL_OK: return "ok";
	case SEAL_ERR_NOMEM: return "out of memory";
	case SEAL_ERR_IO: return "i/o error";
	case SEAL_ERR_CONFIG: return "configuration error";
	case SEAL_ERR_USAGE: return "usage error";
	case SEAL_ERR_PARSE: return "parse error";
	case SEAL_ERR_LIMIT: return "limit reached";
	case SEAL_ERR_TIMEOUT: return "timeout";
	case SEAL_ERR_INTERNAL: return "internal error";
	}
	return "unknown";
}
