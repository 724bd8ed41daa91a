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

typedef struct seal_rule {
	char kind[40];                /* "rule:NAME" */
	pcre2_code *code;
	seal_rule_validator validator;
	char **keywords;              /* casefolded, NULL-terminated; NULL = none needed */
	unsigned window;              /* keyword window in code points */
	int level;                    /* SEAL_LEVEL_* */
	unsigned keep;                /* mask: letters and digits kept in clear */
	int sensitive;                /* class = sensitive: findings set seal_finding.sensitive */
} seal_rule;

struct seal_rules {
	seal_rule *v;
	size_t n;
};

/*
 * rules_text.c. seal_rules_utf8_ok: is text[0..len) valid UTF-8 without a
 * NUL byte (g_utf8_validate with a length)? seal_rules_fold: appends the
 * case fold of the valid UTF-8 text[0..len) to out, byte for byte what
 * g_utf8_casefold gives (up to a NUL). seal_rules_fold_init fills its table
 * (done on first use; the loader calls it so that matching never waits).
 */
bool seal_rules_utf8_ok(const char *text, size_t len);
void seal_rules_fold(GString *out, const char *text, size_t len);
void seal_rules_fold_init(void);

#endif
