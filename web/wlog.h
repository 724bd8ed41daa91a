/*
 * wlog.h - sealweb's log: syslog (facility syslog_facility), or standard
 * error in the foreground (-f). Never a password, an identity number or
 * content: names of officers, addresses, actions and error texts.
 */
#ifndef SEAL_WEB_WLOG_H
#define SEAL_WEB_WLOG_H

#include <syslog.h>

void web_log_open(int foreground, const char *facility);
void web_log(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
