/*
 * rules.h - site rules: PCRE2 patterns an administrator adds to the
 * built-in kinds (rules_file, doc/DETECTION.md section "Custom rules").
 *
 * A rules file holds blocks separated by blank lines; each block is
 * `key = value` lines (keys: name, pattern, class, validator, keywords,
 * keyword_window, confidence, mask), '#' starts a comment line. Patterns
 * are compiled in UTF mode and JIT-compiled where the platform allows.
 *
 * Ownership: seal_rules_load() returns a set owned by the caller (the
 * configuration, config.h) and freed with seal_rules_free(). A loaded set
 * is read only: seal_rules_detect() may run on it from many threads at
 * once (each call makes its own match data).
 *
 * Errors: every problem in the file is SEAL_ERR_CONFIG with "file:line:
 * reason"; a bad pattern carries PCRE2's message and the offset in the
 * pattern. Findings hold only the masked match; the clear text goes into
 * canonical (fingerprint input), which callers wipe like a number's digits.
 */
#ifndef SEAL_RULES_H
#define SEAL_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "detect.h"
#include "err.h"

typedef struct seal_rules seal_rules;

/* Reads and compiles path; NULL with err set on any error. */
seal_rules *seal_rules_load(const char *path, seal_err *err);

/* Frees rules (NULL allowed); returns NULL. */
seal_rules *seal_rules_free(seal_rules *rules);

/* How many rules the set holds. */
size_t seal_rules_count(const seal_rules *rules);

/*
 * A number that tells this loaded set from every other one loaded by the
 * process, even one later put at the same address (0 for NULL): what the
 * keyword gate below is made for is checked by it.
 */
uint64_t seal_rules_serial(const seal_rules *rules);

/*
 * Appends the rule findings in the normalised text[0..len) to out (a
 * GArray of seal_finding, kind SEAL_KIND_RULE, rule name in f.rule);
 * returns how many were added. rules NULL: none. A match that overlaps a
 * finding already in out[first..] when the call starts (a built-in kind)
 * is dropped: the built-in kind names it better. Rules may overlap each
 * other: each reports its match. Returns (size_t)-1 when PCRE2 fails in a
 * way other than "no match" (match limit): the caller must fail closed.
 */
size_t seal_rules_detect(const seal_rules *rules, const char *text, size_t len,
	const seal_date *scan_date, GArray *out, size_t first);

/*
 * The keyword gate. A rule with keywords finds nothing in a text where
 * none of its keywords occurs, so a matcher pass that already reads the
 * text (the dictionaries' pass, category.h) can look for them on the way
 * and spare the rule's PCRE2 search. seal_rules_gate_keyword gives keyword
 * k of rule i (from 0, NULL after the last) when the rule can be gated:
 * its keywords are of ASCII and æøåäöéü, which the matcher's byte classes
 * (acmatch.h) fold as the case fold does; NULL for a rule that cannot.
 *
 * seal_rules_detect_seen is seal_rules_detect with seen[0..nseen): for
 * each rule, non-zero when the pass saw one of its keywords (or may have:
 * the classes are coarse). A gated rule whose keyword was not seen is
 * skipped, which finds exactly what the full search finds, unless the text
 * holds a character whose case fold is an ASCII or Nordic letter of another
 * character (ß, the Kelvin sign, the ligatures): then every rule runs.
 * seen NULL or nseen not the number of rules: every rule runs.
 */
const char *seal_rules_gate_keyword(const seal_rules *rules, size_t rule, size_t k);
size_t seal_rules_detect_seen(const seal_rules *rules, const char *text, size_t len,
	const seal_date *scan_date, GArray *out, size_t first,
	const unsigned char *seen, size_t nseen);

/* Validators (exposed for the tests). Each looks at the characters of s[0..n). */
bool seal_rules_luhn(const char *s, size_t n);     /* digits, Luhn (ISO/IEC 7812-1) */
bool seal_rules_mod11(const char *s, size_t n);    /* digits, weights 2..7 from the right */
bool seal_rules_date(const char *s, size_t n, const seal_date *scan); /* YYYYMMDD or YYMMDD first */
bool seal_rules_iban(const char *s, size_t n);     /* ISO 13616 mod 97 */

/* The mask of s[0..n) for mask "keep:N" into out[outsz] (exposed for the tests). */
void seal_rules_mask(const char *s, size_t n, unsigned keep, char *out, size_t outsz);

#endif
