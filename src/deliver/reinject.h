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

#endif
