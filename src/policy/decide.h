/*
 * decide.h - from findings to what happens to each recipient (private to
 * scan.c): domain class, the action chain with key lookups, whole-message
 * refusal or tempfail, and the texts for the sender.
 */
#ifndef SEAL_DECIDE_H
#define SEAL_DECIDE_H

#include "scan.h"

/*
 * Fills d->cls, d->rcpts, d->action, d->reply_text and d->notice_text from
 * the findings already in d. Key lookups run here (keys.h); a key source
 * that cannot be asked is a decision (tempfail), not an error. Returns
 * SEAL_OK, or SEAL_ERR_NOMEM-style errors only.
 */
seal_status seal_decide(const seal_config *cfg, const seal_envelope *env,
	seal_decision *d, seal_err *err);

#endif
