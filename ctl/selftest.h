/*
 * selftest.h - the parts of `sealctl selftest` (ctl/selftest.c) that talk
 * to Postfix's own commands (ctl/selftest_pf.c): postconf(1) for the
 * wiring, postqueue(1) and postsuper(1) for the queue.
 *
 * The commands are found on PATH and read the Postfix instance MAIL_CONFIG
 * names (Postfix's own convention; unset: the system's main.cf). Nothing
 * here logs: each function fills a short reason for the caller's one line.
 */
#ifndef SEAL_CTL_SELFTEST_H
#define SEAL_CTL_SELFTEST_H

#include <stddef.h>

#include "config.h"

/* Exit codes of sealctl selftest beyond sysexits.h (sealctl.8 lists them). */
#define SELFTEST_EXIT_WIRING    2   /* Postfix does not fail closed through sealmilter */
#define SELFTEST_EXIT_LEAK      3   /* the canary was accepted for delivery */
#define SELFTEST_EXIT_TEMPFAIL  4   /* the submission was tempfailed (sealmilter not answering) */
#define SELFTEST_EXIT_NODECIDE  5   /* no decision of sealmilter within selftest_timeout */
#define SELFTEST_EXIT_CLEANUP   6   /* stopped, but cleaning up or recording failed */

/*
 * Checks with postconf(1) that milter_default_action is tempfail and that
 * smtpd_milters and non_smtpd_milters both name sealmilter's socket.
 * 0 when so; 1 with why filled when not; -1 with why filled when postconf
 * could not be run.
 */
int selftest_postfix_wiring(const seal_config *cfg, char *why, size_t size);

/*
 * Where queue_id is in Postfix's queue: "active", "deferred", "hold", ...
 * in queue (size >= 16), 1; "" and 0 when it is in no queue; -1 when
 * postqueue could not be run.
 */
int selftest_queue_find(const char *queue_id, char *queue, size_t size);

/* postsuper -d queue_id: 0 when done, -1 when not (why filled). */
int selftest_queue_delete(const char *queue_id, char *why, size_t size);

#endif
