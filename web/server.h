/*
 * server.h - the HTTP(S) server: libmicrohttpd with a small thread pool,
 * the routes, what each needs (session, right, CSRF), security headers on
 * every answer.
 */
#ifndef SEAL_WEB_SERVER_H
#define SEAL_WEB_SERVER_H

#include "web.h"

typedef struct web_server web_server;

/*
 * Checks console_listen against TLS (an address that is not loopback
 * needs console_tls_cert and console_tls_key), reads the certificate and
 * key, and starts listening. NULL with err set (SEAL_ERR_CONFIG for the
 * configuration, SEAL_ERR_IO when the address cannot be bound).
 */
/*
 * The checks web_server_start makes of the configuration, without
 * listening (so that the foreground process can report them): 0 and *tls,
 * or -1 with err set.
 */
int web_server_check(const seal_config *cfg, int *tls, seal_err *err);

web_server *web_server_start(web_app *app, seal_err *err);
web_server *web_server_stop(web_server *srv);

/* 1 when console_listen's address is loopback, 0 when not, -1 when malformed. */
int web_listen_is_loopback(const char *spec);

#endif
