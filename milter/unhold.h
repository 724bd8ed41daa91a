/*
 * unhold.h - withdrawing a held message whose transaction was tempfailed.
 *
 * eom.c stores a held message before it writes the audit record and
 * applies the plan. When a later step fails, the message is tempfailed and
 * the sender's MTA will send it again, so the stored copy must be withdrawn
 * (held -> deleted): otherwise an officer sees, and may release, a message
 * Postfix never accepted beside the copy the retry brings. The withdrawal
 * is itself a store write, and it fails when the store is what failed (a
 * full file system, PostgreSQL down): such IDs are kept here and tried
 * again before the next message is delivered, until the store answers.
 * Kept in memory only: a restart in between forgets them (logged).
 */
#ifndef SEAL_UNHOLD_H
#define SEAL_UNHOLD_H

#include "store.h"

/* Withdraws held_id now, or remembers it for seal_unhold_retry. */
void seal_unhold(seal_store *s, const char *held_id);

/* Tries the remembered withdrawals again (cheap when there are none). */
void seal_unhold_retry(seal_store *s);

#endif
