/*
 * rules_internal.h - the compiled rule set, shared between rules_parse.c
 * (reading the file) and rules.c (matching). See rules.h for the contract.
 */
#ifndef SEAL_RULES_INTERNAL_H
#define SEAL_RULES_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "rules.h"

typedef enum seal_rule_validator {
	SEAL_RULE_VALID_NONE = 0,
	SEAL_RULE_VALID_LUHN,
	SEAL_RULE_VALID_MOD11,
	SEAL_RULE_VALID_DATE,
	SEAL_RULE_VALID_IBAN
} seal_rule_validator;

/* The bytes a rule's match can start with, when searching them here pays (rules_start.c). */
#define SEAL_RULES_START_RANGES 3

typedef struct seal_rule_start {
	bool on;                      /* search starts here; else PCRE2 alone */
	unsigned char in[256];        /* 1 for a possible first byte */
	unsigned nranges;             /* the set as ranges lo[k]..hi[k] (if <= RANGES) */
	unsigned char lo[SEAL_RULES_START_RANGES], hi[SEAL_RULES_START_RANGES];
	unsigned char add[SEAL_RULES_START_RANGES][16];  /* 16-byte search constants */
	unsigned char top[SEAL_RULES_START_RANGES][16];
} seal_rule_start;

typedef struct seal_rule {
	char kind[40];                /* "rule:NAME" */
	pcre2_code *code;             /* with PCRE2_USE_OFFSET_LIMIT when start.on */
	seal_rule_start start;
	bool jit;                     /* JIT-compiled: matched by pcre2_jit_match */
	seal_rule_validator validator;
	char **keywords;              /* casefolded, NULL-terminated; NULL = none needed */
	bool gated;                   /* keywords of ASCII and æøåäöéü only (rules.h, the gate) */
	unsigned window;              /* keyword window in code points */
	int level;                    /* SEAL_LEVEL_* */
	unsigned keep;                /* mask: letters and digits kept in clear */
	int sensitive;                /* class = sensitive: findings set seal_finding.sensitive */
} seal_rule;

struct seal_rules {
	seal_rule *v;
	size_t n;
	uint64_t serial;              /* unique per load (seal_rules_serial) */
};

/*
 * rules_text.c. seal_rules_utf8_ok: is text[0..len) valid UTF-8 without a
 * NUL byte (g_utf8_validate with a length)? seal_rules_fold: appends the
 * case fold of the valid UTF-8 text[0..len) to out, byte for byte what
 * g_utf8_casefold gives (up to a NUL). seal_rules_fold_init fills its table
 * (done on first use; the loader calls it so that matching never waits).
 */
bool seal_rules_utf8_ok(const char *text, size_t len);

/*
 * seal_rules_utf8_check: seal_rules_utf8_ok, and *fold_special (when not
 * NULL, on success) tells whether the text holds a character for which
 * seal_rules_fold_special is true: one whose case fold holds an ASCII
 * character or one of æøåäöéü though it is none of those letters.
 */
bool seal_rules_utf8_check(const char *text, size_t len, bool *fold_special);
bool seal_rules_fold_special(gunichar c);
void seal_rules_fold(GString *out, const char *text, size_t len);
void seal_rules_fold_init(void);

/*
 * rules_start.c. seal_rules_start_init: fills s from a compiled pattern;
 * true when the rule's starts are worth searching here (then the pattern
 * must be compiled again with PCRE2_USE_OFFSET_LIMIT). seal_rules_start_next:
 * the first index >= i whose byte can start a match, len if none.
 * seal_rules_start_run_end: the first index >= i whose byte cannot.
 */
bool seal_rules_start_init(seal_rule_start *s, const pcre2_code *code);
size_t seal_rules_start_next(const seal_rule_start *s, const char *text, size_t len, size_t i);
size_t seal_rules_start_run_end(const seal_rule_start *s, const char *text, size_t len,
	size_t i);

/*
 * rules.c: seal_rules_detect with the start search switched off (every
 * rule searched by PCRE2 alone): the reference the tests compare with.
 */
size_t seal_rules_detect_plain(const seal_rules *rules, const char *text, size_t len,
	const seal_date *scan_date, GArray *out, size_t first);

#endif
