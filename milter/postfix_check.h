/*
 * postfix_check.h - `sealmilter -n`: warnings about Postfix settings that
 * defeat sealmilter's decisions (recipients added or rewritten after the
 * milter, milters after it), read with postconf(1) when available.
 */
#ifndef SEAL_POSTFIX_CHECK_H
#define SEAL_POSTFIX_CHECK_H

#include <stdio.h>

#include "config.h"

/* Writes "warning: postfix: ..." lines to out; returns how many (0 without postconf). */
int seal_postfix_check(FILE *out, const seal_config *cfg);

/*
 * What the daemon knows of Postfix's journaling at run time, read with
 * postconf(1) when it starts and on every reload (seal_postfix_refresh,
 * which logs what it found); seal_postfix_journal() returns the flags
 * below (0 when postconf is unreadable: a milter on another host must
 * journal as the README says). Thread safe.
 */
#define SEAL_PF_ADDS_RCPTS   1u  /* always_bcc, sender_bcc_maps or recipient_bcc_maps set */
#define SEAL_PF_BCC_OUTSIDE  2u  /* always_bcc names an address neither internal nor trusted */

void seal_postfix_refresh(const seal_config *cfg);
unsigned seal_postfix_journal(void);

#endif
