/*
 * category.h - sensitive personal data: scoring the dictionary hits of a
 * text into category findings (doc/DETECTION.md "Sensitive personal
 * data").
 *
 * One pass of the matcher (acmatch.h) finds every term of every loaded
 * dictionary (dict.h). Per category, the distinct terms' weights add up
 * to the evidence; the strongest personal reference (a person term, or an
 * identity number the caller found in the same text) within the window
 * of any hit of the category, less the general-text markers, gives the
 * level. Everything is linear in the text and the hits.
 *
 * Ownership: seal_category_new() takes the dictionary; the result is
 * owned by the caller (the configuration) and freed with
 * seal_category_free(). Read only once configured: seal_category_detect()
 * may run from many threads. Errors: SEAL_ERR_CONFIG with a reason; the
 * matched words never appear in an error or a finding.
 */
#ifndef SEAL_CATEGORY_H
#define SEAL_CATEGORY_H

#include <stddef.h>

#include <glib.h>

#include "detect.h"
#include "dict.h"
#include "err.h"
#include "rules.h"

#define SEAL_CATEGORY_WINDOW_DEFAULT    400
#define SEAL_CATEGORY_THRESHOLD_DEFAULT 3
#define SEAL_CATEGORY_GENERAL_CAP       3

typedef struct seal_category seal_category;

/* Compiles dict (taken over, freed on error too); NULL with err set when too large. */
seal_category *seal_category_new(seal_dict *dict, seal_err *err);

/*
 * Loads the dictionaries a configuration names: "" the built-in copy, a
 * directory otherwise ("none" is the caller's business). NULL with err
 * ("FILE:LINE: reason") on any error.
 */
seal_category *seal_category_load(const char *dir, seal_err *err);

/*
 * seal_category_new and seal_category_load with the site rules' keyword
 * gate (rules.h): the one matcher pass also looks for the keywords of
 * rules (those seal_rules_gate_keyword gives), so that a rule none of
 * whose keywords is in a text need not search it. seal_category_pass_seen
 * gives the gate only for this very set (seal_rules_serial; never read
 * after this call); NULL or empty: no gate.
 */
seal_category *seal_category_new_gated(seal_dict *dict, const seal_rules *rules,
	seal_err *err);
seal_category *seal_category_load_gated(const char *dir, const seal_rules *rules,
	seal_err *err);

/* Frees c (NULL allowed); returns NULL. */
seal_category *seal_category_free(seal_category *c);

/*
 * Parses "NAME:N, NAME:N" (N 1..100) into thresholds[SEAL_CAT_COUNT],
 * leaving unnamed categories as they are; 0 with a reason in why when
 * the list is bad (unknown category, bad number).
 */
int seal_category_parse_thresholds(const char *spec, unsigned *thresholds,
	char *why, size_t size);

/* Sets the window (bytes) and thresholds (a spec as above; NULL = defaults). */
seal_status seal_category_configure(seal_category *c, size_t window,
	const char *thresholds, seal_err *err);

/* How many terms are loaded (0: detection finds nothing). */
size_t seal_category_terms(const seal_category *c);

/*
 * Appends category findings for the normalised text[0..len) to out (a
 * GArray of seal_finding): kind SEAL_KIND_CATEGORY, rule and masked
 * "category:NAME", canonical "", sensitive 1, start/end the strongest
 * evidence term. ids[0..nids) are the findings already made in the same
 * text; the identity numbers among them are strong personal references.
 * ids may point into out (seal_scan passes its own findings): they are
 * read before anything is appended. Returns how many were added; c NULL:
 * none.
 */
size_t seal_category_detect(const seal_category *c, const char *text, size_t len,
	const seal_finding *ids, size_t nids, GArray *out);

/* A text scored together with another one (the Subject with the body). */
typedef struct seal_category_lead {
	const char *text;              /* normalised */
	size_t len;
	const seal_finding *ids;       /* the findings made in it (identity numbers count) */
	size_t nids;
} seal_category_lead;

/*
 * As seal_category_detect(), but the lead text is scored with text as one
 * (doc/DETECTION.md 11.4): evidence and general markers add up over both,
 * a term counts once, and a person signal in one is near every hit in the
 * other. A finding whose strongest evidence is in the lead goes to
 * lead_out with positions in the lead, the others to out. lead NULL (or
 * empty, or lead_out NULL): seal_category_detect().
 */
size_t seal_category_detect_lead(const seal_category *c, const seal_category_lead *lead,
	const char *text, size_t len, const seal_finding *ids, size_t nids,
	GArray *out, GArray *lead_out);


/*
 * seal_category_detect_lead in two steps, so that the site rules can run
 * between them with what the one matcher pass saw: seal_category_pass_run
 * reads the lead (may be NULL) and the text; seal_category_pass_seen gives
 * the seen array and its length for seal_rules_detect_seen (NULL when
 * there is no gate for rules); seal_category_pass_score scores with the
 * findings of the text (ids as seal_category_detect; lead findings to
 * lead_out, or to out when it is NULL). The pass points into text and the
 * lead until freed. NULL (c NULL, nothing to match, empty text) is a pass
 * that saw nothing and scores nothing.
 */
typedef struct seal_category_pass seal_category_pass;

seal_category_pass *seal_category_pass_run(const seal_category *c,
	const seal_category_lead *lead, const char *text, size_t len);
const unsigned char *seal_category_pass_seen(const seal_category_pass *p,
	const seal_rules *rules, size_t *n);
size_t seal_category_pass_score(seal_category_pass *p, const seal_finding *ids, size_t nids,
	GArray *out, GArray *lead_out);
seal_category_pass *seal_category_pass_free(seal_category_pass *p);

#endif
