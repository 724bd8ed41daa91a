/*
 * acmatch.h - a multi-pattern matcher (Aho-Corasick) over byte classes, for
 * the category dictionaries (category.h, doc/DETECTION.md "Sensitive
 * personal data").
 *
 * The text is read as a stream of byte classes, not bytes: ASCII letters
 * folded to lower case, the UTF-8 bytes of the Nordic letters
 * æøåäöéü folded upper/lower, one class for digits, a few punctuation
 * classes, and one separator class for whitespace. A run of whitespace
 * counts as one separator, so a space in a pattern matches any run of
 * spaces, tabs and line breaks. The classes are coarse on purpose (all
 * digits alike, all other non-ASCII bytes alike): the caller verifies
 * every hit against the exact term (case, digits, boundaries), and a
 * small alphabet keeps the dense transition table small.
 *
 * Ownership: a builder collects patterns, seal_ac_build() consumes it and
 * returns an automaton owned by the caller (seal_ac_free). A built
 * automaton is read only: seal_ac_scan() may run on it from many threads.
 * Errors: none beyond out of memory (GLib aborts); an over-large pattern
 * set (more than 2^31 / alphabet states) is refused by seal_ac_build().
 */
#ifndef SEAL_ACMATCH_H
#define SEAL_ACMATCH_H

#include <stddef.h>
#include <stdint.h>

typedef struct seal_ac seal_ac;
typedef struct seal_ac_builder seal_ac_builder;

/* The class of a text byte; SEAL_AC_SEP for whitespace (exposed for verifiers). */
enum { SEAL_AC_OTHER = 0, SEAL_AC_SEP = 1 };
unsigned seal_ac_class(unsigned char b);

/* The whole class table (256 entries), for verifiers that read many bytes. */
const unsigned char *seal_ac_class_table(void);

seal_ac_builder *seal_ac_builder_new(void);

/*
 * Adds pattern p[0..n) reported as id. Whitespace runs in p count as one
 * separator; leading and trailing whitespace is ignored. Returns the
 * number of classes in the pattern (0: nothing added).
 */
size_t seal_ac_add(seal_ac_builder *b, const char *p, size_t n, uint32_t id);

/*
 * Word edges a pattern wants, so that the scan can drop a hit without
 * calling back: SEAL_AC_END_WORD, the byte after the hit is no ASCII letter
 * or digit; SEAL_AC_START_WORD, the byte before its first byte is none
 * (the pattern is then exactly n bytes of text: no whitespace in it). A
 * hit next to a non-ASCII byte is always reported: the caller decides.
 */
enum { SEAL_AC_END_WORD = 1, SEAL_AC_START_WORD = 2 };

/* seal_ac_add with edges (flags: SEAL_AC_END_WORD | SEAL_AC_START_WORD). */
size_t seal_ac_add_edges(seal_ac_builder *b, const char *p, size_t n, uint32_t id,
	unsigned flags);

/* Frees b without building (NULL allowed). */
void seal_ac_builder_free(seal_ac_builder *b);

/* Builds the automaton and frees b; NULL when the set is too large. */
seal_ac *seal_ac_build(seal_ac_builder *b);

/* Frees ac (NULL allowed); returns NULL. */
seal_ac *seal_ac_free(seal_ac *ac);

/* How many states the automaton has (for tests and the benchmark). */
size_t seal_ac_states(const seal_ac *ac);

/*
 * Called for every pattern that ends at text[end - 1], in text order.
 * A non-zero return stops the scan.
 */
typedef int (*seal_ac_hit_fn)(void *ctx, uint32_t id, size_t end);

/* Runs the automaton over text[0..len); returns non-zero when hit stopped it. */
int seal_ac_scan(const seal_ac *ac, const char *text, size_t len,
	seal_ac_hit_fn hit, void *ctx);

#endif
