/*
 * notice.h - the short messages sealmilter itself sends, each a whole
 * RFC 5322 message (CRLF) ready for reinjection:
 *  - the delivery status notification (RFC 3464) to the sender when some
 *    recipients were refused under partial_refuse = notify;
 *  - the notice to the sender that the message is held for review;
 *  - the neutral notice to a recipient whose message went to the secure
 *    mailbox: it names the service and the agency (divert_service,
 *    divert_agency) and nothing else, no department, no subject.
 * Texts come from the templates (template.h) via the decision; numbers
 * appear only masked. Thread safe.
 */
#ifndef SEAL_NOTICE_H
#define SEAL_NOTICE_H

#include <time.h>

#include <glib.h>

#include "err.h"
#include "scan.h"

GString *seal_notice_dsn(const seal_config *cfg, const seal_decision *d, const char *sender,
	time_t now);

GString *seal_notice_hold(const seal_config *cfg, const seal_decision *d, const char *sender,
	time_t now);

/*
 * When console_url is set (and the fingerprint key that keys the link is
 * loaded): appends to hold notice the hold-request line of the templates,
 * with the link console_url/request?t=TOKEN (reqtoken.h) for held message
 * held_id, valid until expires. Else leaves it as it is. SEAL_OK, or the
 * template's error.
 */
seal_status seal_notice_hold_request(const seal_config *cfg, GString *notice,
	const char *held_id, int64_t expires, seal_err *err);

/* To recipient, from "divert_agency <noreply@SENDER-DOMAIN>". */
GString *seal_notice_divert(const seal_config *cfg, const seal_decision *d,
	const char *sender, const char *recipient, time_t now);

#endif
