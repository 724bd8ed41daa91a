/*
 * conn.h - the state of one milter connection and of the message in it,
 * shared by the callbacks that collect (callbacks.c) and the end of the
 * message that decides and delivers (eom.c).
 *
 * The state lives only in the connection's private pointer (smfi_setpriv):
 * worker-pool builds of libmilter move a connection between threads, so
 * nothing here is static. One thread at a time uses a connection.
 */
#ifndef SEAL_CONN_H
#define SEAL_CONN_H

#include <stdint.h>

#include <glib.h>
#include <libmilter/mfapi.h>

#include "config.h"
#include "rcpts.h"
#include "spf.h"
#include "spool.h"
#include "store.h"

#include "log.h"

typedef struct seal_msg {
	char *queue_id;          /* copy of {i}; NULL until the MTA gives it */
	char *sender;            /* MAIL FROM without <> ("" = null sender) */
	seal_rcpts r;            /* the recipients: classified and removal forms */
	char *auth_user;         /* {auth_authen} or NULL */
	char *auth_type;         /* {auth_type} or NULL */
	seal_spf_result spf;
	seal_spool *spool;
	uint64_t size;           /* bytes received, stored or not */
	int too_big;             /* passed max_scan_size: no longer stored */
	GPtrArray *markers;      /* char *: values of SEAL_MARKER_FIELD fields, in order */
	char *message_id;        /* first Message-ID field value, for the audit record */
	char *subject;           /* first Subject field value (raw), masked before storing */
	int poisoned;            /* bookkeeping failed: eom tempfails */
	int headers_ended;       /* the blank line after the header was stored */
} seal_msg;

typedef struct seal_conn {
	seal_config *cfg;        /* pinned at connect */
	char *client_addr;       /* IP text or NULL (local submission) */
	char *client_name;
	char *helo;
	char *daemon_name;
	char *daemon_port;       /* {daemon_port}: the listener the client reached */
	int client_from_macros;  /* no CONNECT step: client macros come with MAIL */
	int client_seen;         /* ... and were read (once per connection) */
	int client_unknown;      /* ... were missing: the client is not known */
	int leadspc;             /* header values keep their leading space */
	int noreply;             /* SEAL_NOREPLY_STEPS were negotiated */
	seal_store *store;       /* audit log and quarantine, opened when first needed */
	seal_msg *msg;
} seal_conn;

/* The connection of ctx, created on first use, with a configuration pinned. */
seal_conn *seal_conn_get(SMFICTX *ctx);

/* The one cleanup of a message: eom, abort, close and a new MAIL FROM. */
void seal_msg_cleanup(seal_conn *c);

/* The log context of the connection's message (its queue ID). */
seal_log_ctx seal_conn_log_ctx(const seal_conn *c);

/*
 * The IP address in a {client_addr} macro value as text (Postfix and
 * Sendmail write IPv6 as "IPv6:ADDR"), or NULL when it is none (Postfix's
 * "unknown"): what the CONNECT step's address gives for the same client.
 */
char *seal_conn_macro_addr(const char *value);

/* {i} appears only after the first accepted RCPT: copy it whenever it changes. */
void seal_msg_update_qid(SMFICTX *ctx, seal_msg *m);

#endif
