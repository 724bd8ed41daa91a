/*
 * dict.h - the dictionaries of sensitive personal data: reading
 * KIND.LANG.txt files into terms (doc/DETECTION.md "Sensitive personal
 * data"; category.h scores them).
 *
 * A file is UTF-8, a term a line: `TERM [WEIGHT]`, '#' starts a comment
 * line. KIND is a category (health ... sexual), `person` or `general`;
 * LANG is da, sv, nb, nn, en or fi; `person.names.txt` is the name list.
 * Markers: `*` first (the term may end a compound), `*` or `~` last (a
 * stem, or the language's inflection suffixes), then `#` (a digit must
 * follow) or `^` (the next word must be capitalised). A term written with
 * a capital letter must appear with exactly that case.
 *
 * Ownership: a seal_dict owns its terms; free with seal_dict_free. Read
 * only once loaded (thread safe to read). Errors: every problem is
 * SEAL_ERR_CONFIG with "FILE:LINE: reason" (file and line in the
 * seal_err); the reason never quotes the term, which may be sensitive.
 */
#ifndef SEAL_DICT_H
#define SEAL_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* The categories, in the order reported (detect.h "category:NAME"). */
enum {
	SEAL_CAT_HEALTH = 0, SEAL_CAT_SUBSTANCE, SEAL_CAT_SOCIAL, SEAL_CAT_CRIMINAL,
	SEAL_CAT_ETHNICITY, SEAL_CAT_RELIGION, SEAL_CAT_POLITICAL, SEAL_CAT_UNION,
	SEAL_CAT_SEXUAL, SEAL_CAT_COUNT
};
/* Term kinds beyond the categories. */
enum { SEAL_DICT_PERSON = SEAL_CAT_COUNT, SEAL_DICT_GENERAL, SEAL_DICT_KINDS };

/* Languages (file names); NAMES is person.names.txt. */
enum {
	SEAL_DICT_DA = 0, SEAL_DICT_SV, SEAL_DICT_NB, SEAL_DICT_NN, SEAL_DICT_EN,
	SEAL_DICT_FI, SEAL_DICT_NAMES, SEAL_DICT_LANGS
};

/* Term flags (markers and the case rule). */
enum {
	SEAL_DICT_ANY_BEFORE = 1,  /* '*' first: letters may come before it */
	SEAL_DICT_STEM = 2,        /* '*' last: letters may follow */
	SEAL_DICT_INFLECT = 4,     /* '~' last: one of the language's suffixes may follow */
	SEAL_DICT_DIGIT = 8,       /* '#': a digit within 24 bytes after it */
	SEAL_DICT_CAPNEXT = 16,    /* '^' or a name: the next word starts with a capital */
	SEAL_DICT_EXACT = 32,      /* written with a capital: exact case */
	SEAL_DICT_SPACE = 64       /* more than one word (its length in the text varies) */
};

/* How far after a `#` term its digit may be. */
#define SEAL_DICT_DIGIT_WINDOW 24
/* Limits that keep a broken file from eating memory. */
#define SEAL_DICT_TERM_MAX     120     /* bytes of a term */
#define SEAL_DICT_TERMS_MAX    500000  /* terms in all files */

typedef struct seal_dict_term {
	const char *text;     /* the term without markers, single spaces (owned by the dict) */
	uint16_t len;
	uint8_t kind;         /* SEAL_CAT_* or SEAL_DICT_PERSON / SEAL_DICT_GENERAL */
	uint8_t lang;         /* SEAL_DICT_DA ... SEAL_DICT_NAMES */
	uint8_t weight;       /* 1..5 */
	uint8_t flags;        /* SEAL_DICT_* flags */
} seal_dict_term;

typedef struct seal_dict seal_dict;

/* "health" ... "sexual", "person", "general"; NULL when out of range. */
const char *seal_dict_kind_name(unsigned kind);

/* The category of name[0..n) ("health" ...); -1 when unknown. */
int seal_dict_category_parse(const char *name, size_t n);

/* The inflection suffixes of lang, NULL-terminated (an empty list for fi). */
const char *const *seal_dict_suffixes(unsigned lang);

seal_dict *seal_dict_new(void);

/*
 * Parses one file's text; name is its base name (KIND.LANG.txt), shown
 * is how errors name it (the path). Terms are added to d even when a
 * later line fails: on error throw d away.
 */
seal_status seal_dict_parse(seal_dict *d, const char *name, const char *shown,
	const char *text, size_t len, seal_err *err);

/* Every *.txt file in dir, in name order; other files are ignored. */
seal_dict *seal_dict_load_dir(const char *dir, seal_err *err);

/* The copy compiled in from conf/dictionaries (may hold no terms). */
seal_dict *seal_dict_load_builtin(seal_err *err);

size_t seal_dict_count(const seal_dict *d);
const seal_dict_term *seal_dict_term_at(const seal_dict *d, size_t i);

/* Frees d (NULL allowed); returns NULL. */
seal_dict *seal_dict_free(seal_dict *d);

#endif
