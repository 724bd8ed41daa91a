/*
 * detect.h - validated detectors for Nordic identity numbers
 * (doc/DETECTION.md sections 3 to 7).
 *
 * seal_detect() takes normalised text (see normalize.h) and appends the
 * findings, after overlap resolution, in text order. A finding holds the
 * masked value (safe to log) and the canonical digits (for the keyed
 * fingerprint only; never log, print or store them). Thread safe: no
 * global state.
 */
#ifndef SEAL_DETECT_H
#define SEAL_DETECT_H

#include <stddef.h>
#include <glib.h>

typedef enum seal_kind {
	SEAL_KIND_DK_CPR = 0,
	SEAL_KIND_SE_PNR,
	SEAL_KIND_SE_SAMORDNING,
	SEAL_KIND_NO_FNR,
	SEAL_KIND_NO_DNR,
	SEAL_KIND_NO_HNR,
	SEAL_KIND_FI_HETU,
	SEAL_KIND_IS_KT,
	SEAL_KIND_RULE,       /* a site rule (rules.h); the name is in seal_finding.rule */
	SEAL_KIND_CATEGORY,   /* sensitive personal data; "category:NAME" in seal_finding.rule */
	SEAL_KIND_COUNT
} seal_kind;

/* Confidence levels as in spec section 5.5. */
enum { SEAL_LEVEL_LOW = 1, SEAL_LEVEL_MEDIUM = 2, SEAL_LEVEL_HIGH = 3 };

typedef struct seal_date {
	int year, month, day;
} seal_date;

typedef struct seal_finding {
	seal_kind kind;
	int level;            /* 1 low, 2 medium, 3 high */
	size_t start, end;    /* byte offsets [start, end) in the normalised text */
	char masked[48];      /* e.g. "170583-XXXX", NUL-terminated */
	char canonical[40];   /* fingerprint input: digits (Swedish: 12), hetu 11 chars,
	                         a rule's match (letters and digits, upper case) */
	char rule[40];        /* SEAL_KIND_RULE: "rule:NAME"; SEAL_KIND_CATEGORY:
	                         "category:NAME"; else "" */
	unsigned char sensitive; /* makes the message sensitive, not confidential:
	                         a category, or a site rule of class sensitive */
} seal_finding;

/* Maximum length of a rule name (rules.h). */
#define SEAL_RULE_NAME_MAX 32

/* The finding's kind as reported: seal_kind_name(), "rule:NAME" or "category:NAME". */
const char *seal_finding_kind_name(const seal_finding *f);

/* "dk-cpr", "se-pnr", ...; "unknown" for an out-of-range value. */
const char *seal_kind_name(seal_kind kind);

/* Short human label for refusal texts: "CPR", "personnummer", ... */
const char *seal_kind_label(seal_kind kind);

/* "low", "medium", "high". */
const char *seal_level_name(int level);

/* Parses "low"/"medium"/"high"; returns 0 when unknown. */
int seal_level_parse(const char *name);

/*
 * Appends the findings in text[0..len) (normalised, NUL not required) to
 * out, a GArray of seal_finding, in text order; returns how many were added.
 */
size_t seal_detect(const char *text, size_t len, const seal_date *scan_date,
	GArray *out);

/*
 * The candidate finder alone (for the benchmark): counts the maximal digit
 * runs of 6 or more ASCII digits in text[0..len).
 */
size_t seal_detect_count_digit_runs(const char *text, size_t len);

/* Today's date in UTC, for the production scan date. */
void seal_date_today(seal_date *d);

#endif
