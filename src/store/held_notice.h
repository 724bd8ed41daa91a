/*
 * held_notice.h - texts of an officer's decision (held_decide.h): the
 * notice a refused message's sender gets, and the masking every shown or
 * recorded text goes through.
 */
#ifndef SEAL_HELD_NOTICE_H
#define SEAL_HELD_NOTICE_H

#include "config.h"
#include "store.h"

/* Local time "YYYY-MM-DD HH:MM:SS" into buf (size >= 32). */
const char *seal_decide_time_text(int64_t t, char *buf, size_t size);

/*
 * The notice to the sender of refused message h, in cfg's language, with
 * the officer's (masked) reason: a whole message (CRLF) from the mail
 * system to h->sender, ready for reinjection from the null sender.
 */
GString *seal_held_refuse_notice(const seal_config *cfg, const seal_held *h,
	const char *reason);

#endif
