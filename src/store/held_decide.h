/*
 * held_decide.h - a compliance officer's decision on a held message:
 * release, refuse or delete. One implementation for `sealctl quarantine`
 * and the web console (sealweb), so both keep the same state machine and
 * the same exactly-once guarantee.
 *
 * Each decision first moves the message out of "held" with one atomic
 * store transition (seal_store_held_transition), so of two officers acting
 * at once exactly one goes on; then it appends the audit record naming
 * the officer, and only then does anything leave.
 *
 * Release: held -> releasing, audit record, hand-over to the reinjection
 * listener (reinject_to, no milters), releasing -> released, content
 * dropped. Delivery happens once unless the process dies (or the store
 * stops answering) in the short window between the listener's "250" and
 * the releasing -> released commit: the message then stays "releasing"
 * although it left, and finishing it with resume would send it again.
 * That is why finishing a "releasing" message needs resume: a second
 * officer releasing while the first is still handing over gets "not held
 * any more" instead of a duplicate. The texts say which case applies:
 * nothing sent (finish with resume), or sent but not recorded (finish with
 * mark_sent, which records it without sending).
 *
 * Four eyes (release_approvals = 2): the first officer's release is an
 * approval, an audit record "release-approve" naming the message; the
 * release happens when an officer other than the approvers releases it.
 * The sender of a message (its SMTP AUTH user, its sender address or
 * their local parts) can never release or approve it. Two first
 * approvals at the same moment both count as approvals, and the next
 * officer releases: the state transition, not the approval count, is what
 * makes a release happen once.
 *
 * Refuse: held -> refused, audit record, a short notice to the sender
 * from the null sender with the officer's reason (through reinjection),
 * content dropped. Delete: held -> deleted, audit record, content dropped,
 * nobody told.
 *
 * Texts (why, hint, warning) never hold an identity number: the reason is
 * masked before it is used, and nothing else typed by a sender is quoted.
 */
#ifndef SEAL_HELD_DECIDE_H
#define SEAL_HELD_DECIDE_H

#include "config.h"
#include "store.h"

/* Longest reason an officer may give: a sentence, not a letter. */
#define SEAL_DECIDE_REASON_MAX 500

typedef enum seal_decide_kind {
	SEAL_DECIDE_RELEASE = 0,
	SEAL_DECIDE_REFUSE,
	SEAL_DECIDE_DELETE
} seal_decide_kind;

typedef enum seal_decide_outcome {
	SEAL_DECIDED = 0,         /* carried out */
	SEAL_DECIDE_APPROVED,     /* four eyes: the approval is recorded; another officer releases */
	SEAL_DECIDE_NO_SUCH,      /* no such held message */
	SEAL_DECIDE_NOT_HELD,     /* not held any more (another officer acted first) */
	SEAL_DECIDE_OWN,          /* the officer sent the message */
	SEAL_DECIDE_APPROVED_BEFORE, /* four eyes: this officer approved it already */
	SEAL_DECIDE_BAD_REQUEST,  /* reason missing or malformed, mark_sent on a held message */
	SEAL_DECIDE_FAILED        /* the store, the audit log or the hand-over failed */
} seal_decide_outcome;

typedef struct seal_decide_req {
	const seal_config *cfg;
	seal_store *store;
	seal_decide_kind kind;
	const char *id;
	const char *officer;
	const char *reason;       /* as typed; checked and masked here */
	const char *extra;        /* more for the audit detail ("login=NAME",
	                           * "console address=ADDR"), no personal data; or NULL */
	const char *finish_hint;  /* how this caller finishes a release ("sealctl quarantine
	                           * release ID --resume"): %s is the ID; NULL for sealctl's */
	int resume;               /* finish a release left "releasing" */
	int mark_sent;            /* ... that did leave: record it, send nothing */
} seal_decide_req;

typedef struct seal_decide_result {
	seal_decide_outcome outcome;
	seal_held_state state;    /* the message's state afterwards (as far as known) */
	seal_held *held;          /* the metadata read before deciding, or NULL */
	char *reason;             /* the masked reason used */
	char queue_id[64];        /* the listener's queue ID of the released copy or notice */
	const char *notice;       /* refuse: "sent", "none (null sender)", "failed"; else "none" */
	unsigned approvals;       /* four eyes: approvals so far, this one included */
	char why[600];            /* the error, when outcome is not SEAL_DECIDED/APPROVED */
	char hint[400];           /* what to do next, or "" */
	char warning[400];        /* a problem after the decision stood, or "" */
} seal_decide_result;

/* Carries out req; res filled (free with seal_decide_result_clear). */
seal_decide_outcome seal_held_decide(const seal_decide_req *req, seal_decide_result *res);
void seal_decide_result_clear(seal_decide_result *res);

/* "release", "refuse", "delete". */
const char *seal_decide_word(seal_decide_kind kind);

/*
 * The reason checked (valid UTF-8, at most SEAL_DECIDE_REASON_MAX bytes,
 * not empty when required) and masked, or NULL with why filled.
 */
char *seal_decide_reason(const char *reason, int required, char *why, size_t why_size);

/*
 * 1 when officer is who sent h: the SMTP AUTH user, the sender address or
 * its local part, compared without case (also by the officer name's local
 * part when it is an address).
 */
int seal_decide_own_message(const char *officer, const seal_held *h);

/*
 * The officers who approved the release of h (four eyes), from the audit
 * log: char * names appended to out, each once.
 */
seal_status seal_held_approvers(seal_store *s, const seal_held *h, GPtrArray *out,
	seal_err *err);

#endif
