/*
 * scan.h - the one entry point of libseal: envelope + message + config ->
 * decision with reasons. The daemon, `sealmilter --scan`, the tests and the
 * fuzzers all call seal_scan().
 *
 * Per recipient, the action chain (action_chain) picks how mail that may
 * not go in cleartext is protected: S/MIME or OpenPGP encryption when a
 * usable certificate or key is found (keys.h), else refuse; a key source
 * that cannot be asked makes the recipient tempfail. Building what leaves
 * is plan.h's job.
 *
 * Errors: a transient failure (I/O, memory) returns a transient status and
 * no decision; the caller tempfails. Everything about the message itself
 * (malformed, too big, too deep) ends in a decision.
 * Thread safety: one call per thread; cfg is only read.
 */
#ifndef SEAL_SCAN_H
#define SEAL_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>
#include <gmime/gmime.h>
#include <openssl/x509.h>

#include "config.h"
#include "consent.h"
#include "detect.h"
#include "err.h"
#include "policy.h"
#include "spf.h"

typedef struct seal_envelope {
	const char *sender;            /* MAIL FROM address, no angle brackets ("" = null sender) */
	const char *const *rcpts;      /* RCPT TO addresses */
	size_t nrcpts;
	const char *auth_user;         /* SMTP AUTH user or NULL */
	const char *client_addr;       /* client IP as text or NULL */
	const char *queue_id;          /* for the caller's logs; may be NULL */
	uint64_t size;                 /* message size in bytes if known, else 0 */
	seal_spf_result spf;           /* SPF result of the sender (spf.h); NONE when not checked */
	/*
	 * Consent of a recipient (profile dk), asked only when a waiver is
	 * possible: NULL = cfg->consent (consent_file). The daemon with a store
	 * asks the store per message (consent.h).
	 */
	seal_consent_lookup_fn consent_lookup;
	void *consent_ctx;
	void (*progress)(void *ctx);   /* called during long work (OCR) at least every few
	                                * seconds: the daemon's smfi_progress; may be NULL */
	void *progress_ctx;
} seal_envelope;

typedef struct seal_scan_finding {
	seal_finding f;                /* kind, level, masked, canonical (never print canonical) */
	char *where;                   /* "subject", "body", "part N", "header NAME",
	                                  "attachment NAME" (NAME with numbers and site-rule
	                                  matches masked); in sensitive mail the place only:
	                                  "attachment (part N)", "attachment name (part N)",
	                                  "header From" or "header (other field)", never a
	                                  name the sender chose */
	int counted;                   /* level >= cfg->min_confidence: makes the message classified */
	char fingerprint[65];          /* keyed HMAC-SHA256 of the canonical digits, hex; "" without a key */
} seal_scan_finding;

typedef struct seal_rcpt_decision {
	char *address;
	char *shown;                   /* address with numbers in the local part masked (addrmask.h) */
	seal_domain_class domain_class;
	seal_action action;
	int causes_refusal;            /* this recipient is why the message is refused or tempfailed */
	char reason[200];              /* why this action ("internal domain", "S/MIME certificate", ..) */
	char key[65];                  /* certificate SHA-256 / OpenPGP fingerprint used, or "" */
	X509 *cert;                    /* the S/MIME certificate (encrypt-smime), owned */
	char consent_given[11];        /* profile waiver used: the consent's date (YYYY-MM-DD),
	                                  else "" (audit records name it) */
	char consent_id[300];          /* profile waiver used: the consent entry it rests on,
	                                  "ADDRESS:GIVEN" (the entry's address, numbers
	                                  masked, and the day it was given), else "" */
	char *divert_to;               /* the secure mailbox (divert), owned */
	GPtrArray *skipped;            /* char *: candidates passed over, and why (addresses, no content) */
} seal_rcpt_decision;

typedef struct seal_decision {
	seal_class cls;
	seal_action action;            /* for the whole message */
	GArray *findings;              /* seal_scan_finding, in message order */
	size_t nrcpts;
	seal_rcpt_decision *rcpts;
	int unscannable;
	char unscannable_reason[160];
	int encrypted;                 /* encrypted content seen (counts as protected) */
	unsigned parts;
	unsigned attachments;          /* leaves beyond the message's own text (seal_walk_result) */
	uint64_t size;                 /* message size in bytes (envelope or stream); 0 unknown */
	char *reply_text;              /* refusal text (UTF-8, '\n' lines) when action is refuse */
	char *notice_text;             /* partial_refuse = notify: the notice for the sender */
	char *hold_text;               /* some recipients held: the notice for the sender */
	char *divert_text;             /* some recipients diverted: the notice each of them gets */
	char *forced_tag;              /* the force tag found in the Subject (as configured), or NULL */
	int subject_finding;           /* a counted finding is in the top-level Subject */
	int top_encrypted;             /* the message's own body is labelled encrypted */
	int too_big;                   /* larger than max_scan_size: not kept whole, cannot be encrypted */
	int already_encrypted;         /* the sender encrypted the whole message: nothing readable */
	unsigned ocr_pages;            /* images and scanned PDF pages read by OCR */
	unsigned ocr_skipped_small;    /* images too small to hold a number, skipped */
} seal_decision;

seal_status seal_scan(const seal_config *cfg, GMimeStream *message,
	const seal_envelope *env, const seal_date *scan_date,
	seal_decision **out, seal_err *err);

/*
 * What the action chain gives for address when a message may not reach it
 * in cleartext (`sealctl keys`): out is filled as for a classified message
 * (free with seal_rcpt_decision_clear). The same code as seal_scan() runs.
 */
void seal_chain_explain(const seal_config *cfg, const char *address,
	seal_rcpt_decision *out);
void seal_rcpt_decision_clear(seal_rcpt_decision *r);

/*
 * text (UTF-8) for display with every identity number replaced by its
 * mask, control characters made spaces, cut at 80 characters ("...").
 */
char *seal_mask_text(const char *text, size_t len, const seal_date *date);
/* The same without the cut (a compliance officer's reason, a table cell). */
char *seal_mask_text_all(const char *text, size_t len, const seal_date *date);
/*
 * seal_mask_text_all of a NUL-terminated text (NULL: ""; invalid UTF-8
 * repaired) as of today: a stored field shown or exported. The copy made
 * on the way is wiped.
 */
char *seal_mask_text_today(const char *text);

/* Frees d (NULL allowed); returns NULL. */
seal_decision *seal_decision_free(seal_decision *d);

/*
 * Any finding marked sensitive (a category, a sensitive site rule),
 * counted or not: then no name the sender chose is shown anywhere (where
 * holds places only, and the store keeps no Subject: SEAL_SUBJECT_WITHHELD).
 */
int seal_decision_sensitive_seen(const seal_decision *d);
#define SEAL_SUBJECT_WITHHELD "(not shown: sensitive personal data)"

/* Number of counted findings of a kind. */
unsigned seal_decision_count_kind(const seal_decision *d, seal_kind kind);

#endif
