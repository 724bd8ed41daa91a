/*
 * reinject.h - hands a copy of a message back to the MTA over SMTP, to the
 * reinjection listener (a loopback smtpd without milters, reinject_to).
 *
 * A copy counts as accepted only when every RCPT and the end of DATA got a
 * 2xx reply; anything else (refused connection, timeout, 4xx, 5xx, a
 * malformed reply) is an error, and the caller tempfails the original:
 * nothing is lost and nothing leaves twice in a way the sender does not
 * see. Lines are sent with CRLF, dot-stuffed. Each step has a timeout.
 * The SMTP dialogue is small and fixed (EHLO, MAIL, RCPT..., DATA, QUIT),
 * replies are parsed with multi-line support and a length cap.
 *
 * Thread safe: no shared state; one connection per call.
 */
#ifndef SEAL_REINJECT_H
#define SEAL_REINJECT_H

#include <stddef.h>

#include "err.h"
#include "loopaddr.h"


/*
 * Sends msg (a whole RFC 5322 message, LF or CRLF) from sender ("" = null
 * sender) to rcpts. queue_id (may be NULL) gets the MTA's queue ID from the
 * final reply when it names one ("... queued as ABC123").
 */
seal_status seal_reinject_send(const seal_reinject_target *t, const char *helo,
	const char *sender, const char *const *rcpts, size_t nrcpts,
	const char *msg, size_t len, unsigned timeout_s,
	char *queue_id, size_t queue_id_size, seal_err *err);

/* The reply that ended a submission, for a caller that reports it. */
typedef struct seal_smtp_reply {
	char step[16];      /* "greeting", "HELO", "MAIL FROM", "RCPT TO", "DATA",
	                     * "end of DATA"; "" when no reply came (connect, timeout) */
	int code;           /* its code (250 when accepted), 0 when none */
	char text[512];     /* its first line, printable ASCII */
	char queue_id[64];  /* "queued as" ID of an accepted message, or "" */
} seal_smtp_reply;

/*
 * seal_reinject_send for a caller that wants to know how the server
 * answered (sealctl selftest submits a canary and reads the refusal):
 * reply says which step ended the dialogue and with what. Returns SEAL_OK
 * only when the message was accepted.
 */
seal_status seal_smtp_submit(const seal_reinject_target *t, const char *helo,
	const char *sender, const char *const *rcpts, size_t nrcpts,
	const char *msg, size_t len, unsigned timeout_s, seal_smtp_reply *reply,
	seal_err *err);

#endif
