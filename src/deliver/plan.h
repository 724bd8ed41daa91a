/*
 * plan.h - what leaves, built from a decision: one copy per recipient
 * group, each exactly as it will be delivered, plus the notice to the
 * sender when some recipients were refused under partial_refuse = notify.
 * Groups: the cleartext recipients; per encryption (S/MIME, OpenPGP) the
 * recipients named in To or Cc together, one RecipientInfo each; and every
 * other (Bcc) recipient of an encryption alone, because a copy's
 * RecipientInfos tell everyone who can open it.
 *
 * A diverted recipient gets the neutral notice, and the secure mailbox
 * (its divert_to) a copy of the original naming the recipient in
 * SEAL_ORIGINAL_RCPT_FIELD. Held recipients are listed in `held`: the
 * caller stores the message for them and their sender gets a notice.
 *
 * One group stays in the original message (the cleartext group when there
 * is one, else the first S/MIME, else the first OpenPGP group; none when
 * every recipient is diverted, held or refused: discard): for it the
 * plan also says how to turn
 * the original into that copy with the milter's means (header edits and a
 * new body). Every other copy, and the notice, is handed back to the MTA
 * through the reinjection listener (reinject.h) carrying the copy marker
 * (marker.h); their recipients are removed from the original.
 *
 * What changes: a force tag is removed from the Subject of every copy; an
 * encrypted copy gets the original content inside the encryption and, when
 * a finding is in the Subject or protect_subject is set, the neutral
 * Subject outside with the original headers inside (rewrite.h). Nothing
 * else of the original is touched: accept copies leave byte for byte.
 *
 * Every failure (an encryption error, a message that cannot be split) is
 * an error: the caller tempfails the whole message. Thread safe (one plan
 * per thread).
 */
#ifndef SEAL_PLAN_H
#define SEAL_PLAN_H

#include <stddef.h>
#include <time.h>

#include <glib.h>

#include "err.h"
#include "scan.h"

typedef struct seal_plan_copy {
	seal_action action;      /* accept, encrypt-smime or encrypt-pgp; accept for the notice */
	int notice;              /* a notice: SEAL_NOTICE_DSN, _HOLD (to the sender) or
	                          * _DIVERT (to a diverted recipient); 0 = a copy */
	char *sender;            /* envelope sender ("" = null sender) */
	GPtrArray *rcpts;        /* char *: envelope recipients */
	GString *message;        /* the whole message as delivered, CRLF; for a copy that
	                          * is reinjected NULL until seal_plan_render() */
	int in_place;            /* carried by the original (no marker, not reinjected) */
	char *original_rcpt;     /* divert copies: the recipient it is for (in a header field) */
	GArray *members;         /* private: indices into the decision's recipients */
} seal_plan_copy;

enum { SEAL_NOTICE_DSN = 1, SEAL_NOTICE_HOLD, SEAL_NOTICE_DIVERT };

/* "dsn", "hold" or "divert" for a notice kind (logs). */
const char *seal_plan_notice_name(int kind);

/* The header field a copy for the secure mailbox names its recipient in. */
#define SEAL_ORIGINAL_RCPT_FIELD "X-Sealmilter-Original-Recipient"

typedef struct seal_plan {
	GPtrArray *copies;       /* seal_plan_copy *; the in-place one first, if any */
	GPtrArray *remove;       /* char *: recipients to delete from the original */
	GPtrArray *held;         /* char *: recipients held (the caller stores the message) */
	int discard;             /* no recipient keeps the original: discard it */
	GPtrArray *edits;        /* seal_header_edit *: original -> in-place copy */
	const char *body;        /* new body of the original (in the in-place copy), or NULL */
	size_t body_len;
	int changes;             /* 0: the original leaves untouched, nothing else is sent */

	/* private */
	seal_config *cfg;        /* a reference */
	const seal_decision *d;  /* borrowed: must outlive the plan */
	GString *base;           /* the message with the force tag removed */
	time_t now;
} seal_plan;

/*
 * msg/len: the message as received (header block, blank line, body).
 * sender: the envelope sender. now: for the markers. d must outlive the
 * plan. The in-place copy and the notice are built here; every other copy
 * when it is about to leave (seal_plan_render), so that a message with many
 * Bcc recipients holds one encrypted copy in memory at a time, not all.
 */
seal_status seal_plan_build(const seal_config *cfg, const seal_decision *d,
	const char *sender, const char *msg, size_t len, time_t now,
	seal_plan **out, seal_err *err);

/*
 * The same, but no group stays in the original: every recipient that gets
 * the message gets a reinjected copy and the plan discards the original.
 * For an MTA that cannot remove recipients verifiably (Postfix matches
 * smfi_delrcpt against the recipient before its rewriting, which a milter
 * never sees for sendmail(1) submissions), so splitting is done without
 * smfi_delrcpt.
 */
seal_status seal_plan_build_detached(const seal_config *cfg, const seal_decision *d,
	const char *sender, const char *msg, size_t len, time_t now,
	seal_plan **out, seal_err *err);

/* Builds copies[i]->message (encrypted, with its marker) if not built yet. */
seal_status seal_plan_render(seal_plan *p, guint i, seal_err *err);

/* Wipes and frees copies[i]->message of a reinjected copy once it has left. */
void seal_plan_release(seal_plan *p, guint i);

seal_plan *seal_plan_free(seal_plan *p);

/* The built-in neutral Subject of the configured language (neutral_subject empty). */
const char *seal_plan_neutral_subject(const seal_config *cfg);

#endif
