/*
 * log.h - the daemon's log: syslog (ident "sealmilter", facility from the
 * configuration), stderr or a file, as log_target says.
 *
 * Every line about a message starts with its queue ID. Callers pass only
 * what is safe to log: never a header value, subject, body text or an
 * identity number; the decision summary comes from seal_report_log_line().
 * Thread safe: the target is switched under a lock (reload).
 */
#ifndef SEAL_LOG_H
#define SEAL_LOG_H

#include "config.h"

/* Who a line is about; NULL or an empty queue_id means "no message". */
typedef struct seal_log_ctx {
	const char *queue_id;
} seal_log_ctx;

/*
 * Opens the target named by cfg (log_target, syslog_facility, log_level);
 * cfg NULL means stderr at info level (start-up before a config is read).
 * Returns 0, or -1 when a log file cannot be opened (the old target stays).
 */
int seal_log_open(const seal_config *cfg);

/* Closes a log file or syslog. */
void seal_log_close(void);

void seal_log(const seal_log_ctx *ctx, seal_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
