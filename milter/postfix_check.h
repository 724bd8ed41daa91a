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

#endif
