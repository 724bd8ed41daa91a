/*
 * loopaddr.h - a numeric loopback "ADDRESS:PORT" or "[IPV6]:PORT", as the
 * reinjection listener is named in the configuration (reinject_to).
 *
 * Kept apart from the SMTP client (deliver/reinject.h) so that the
 * configuration layer can check the value without depending on delivery.
 * No DNS: the address must be numeric. Errors: SEAL_ERR_CONFIG with a text
 * naming the key. Thread safe.
 */
#ifndef SEAL_LOOPADDR_H
#define SEAL_LOOPADDR_H

#include "err.h"

typedef struct seal_reinject_target {
	char host[64];      /* numeric IPv4 or IPv6 address */
	unsigned port;
} seal_reinject_target;

/* "127.0.0.1:10027" or "[::1]:10027"; loopback addresses only (config error otherwise). */
seal_status seal_reinject_parse(const char *spec, seal_reinject_target *t, seal_err *err);

#endif
