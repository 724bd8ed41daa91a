/*
 * eom.h - the end of a message: scan it (seal_scan), carry out the decision
 * with the milter's means (plan, apply, record, reply) and log one line.
 * Any internal failure tempfails the message: nothing is passed unchecked.
 */
#ifndef SEAL_EOM_H
#define SEAL_EOM_H

#include <libmilter/mfapi.h>

/* The xxfi_eom callback. */
sfsistat seal_eom(SMFICTX *ctx);

#endif
