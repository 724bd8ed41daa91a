/*
 * apply.h - a plan (plan.h) carried out at end of message: split-off copies
 * handed back to the MTA by reinjection, then their recipients removed and
 * the original turned into the in-place copy (header edits, new body).
 * Any failure returns an error and the caller tempfails the message.
 */
#ifndef SEAL_APPLY_H
#define SEAL_APPLY_H

#include <glib.h>
#include <libmilter/mfapi.h>

#include "config.h"
#include "plan.h"

typedef struct seal_apply_msg {
	const char *const *rcpts;       /* addresses as scanned */
	const char *const *rcpts_del;   /* the same in the form smfi_delrcpt must name */
	size_t nrcpts;
	unsigned markers;               /* marker fields in the original, all to be removed */
	int leadspc;                    /* header values keep their leading space */
} seal_apply_msg;

/* log gets " copy=encrypt-smime:2:QUEUEID ..." for the message's log line. */
seal_status seal_apply_plan(SMFICTX *ctx, const seal_config *cfg, seal_plan *p,
	const seal_apply_msg *m, GString *log, seal_err *err);

/*
 * Parks the original in the MTA's hold queue (smfi_quarantine with reason)
 * instead of discarding it, for recipients the MTA added that the milter
 * never saw (a journal: always_bcc, *_bcc_maps). With remove_seen, every
 * recipient of m is first removed as well as the milter can (both forms;
 * Postfix cannot confirm it), so that what waits is meant for the journal
 * alone; the postmaster checks with postcat -q before releasing it.
 */
seal_status seal_apply_park(SMFICTX *ctx, const seal_apply_msg *m, int remove_seen,
	const char *reason, seal_err *err);

/* Deletes the first markers marker fields of the original. */
seal_status seal_apply_markers_remove(SMFICTX *ctx, unsigned markers);

#endif
