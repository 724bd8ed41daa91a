/*
 * config_keys.h - the table of configuration keys (private to the config
 * module and its tests).
 *
 * One row per key: name, type, default as it would be written in the file,
 * bounds, accepted words, an extra validator, where the value lives in
 * struct seal_config, and a one-line description. The parser, the defaults,
 * seal_config_print and the man-page sync test all read this table, so a
 * key cannot exist in one place and be missing in another.
 */
#ifndef SEAL_CONFIG_KEYS_H
#define SEAL_CONFIG_KEYS_H

#include <stddef.h>
#include <stdint.h>

typedef enum seal_key_type {
	SEAL_KEY_STRING = 0,  /* char *, "" allowed unless min is 1 */
	SEAL_KEY_PATH,        /* char *, absolute path; empty = NULL unless min is 1 */
	SEAL_KEY_BOOL,        /* int: yes/no/true/false/1/0 */
	SEAL_KEY_UINT,        /* unsigned, decimal, min..max */
	SEAL_KEY_SIZE,        /* uint64_t, bytes with k/K, M, G suffix, min..max */
	SEAL_KEY_ENUM,        /* int-sized enum: index into words */
	SEAL_KEY_DOMAINS,     /* seal_domain_list *, entries or /file */
	SEAL_KEY_LEVEL,       /* int: low 1, medium 2, high 3 */
	SEAL_KEY_LIST         /* char ** (NULL-terminated), words separated by blanks or commas;
	                       * words (when set) are the accepted ones; check sees the whole value */
} seal_key_type;

/*
 * Extra check of a string value; returns 1 when fine, else 0 with a short
 * reason (no trailing period) in why.
 */
typedef int (*seal_key_check)(const char *value, char *why, size_t size);

typedef struct seal_config_key {
	const char *name;
	seal_key_type type;
	const char *def;            /* default, in file syntax */
	uint64_t min, max;          /* uint and size bounds; string/path: min 1 = required */
	const char *const *words;   /* enum and level: accepted words, NULL-terminated */
	seal_key_check check;       /* NULL = none */
	size_t offset;              /* into struct seal_config */
	const char *doc;            /* one line, for -n and the man page */
} seal_config_key;

extern const seal_config_key seal_config_keys[];
extern const size_t seal_config_key_count;

/* The words of language (indexed by seal_lang) and of min_confidence. */
extern const char *const seal_config_lang_words[];
extern const char *const seal_config_level_words[];
extern const char *const seal_config_chain_words[];

/* The row for name, or NULL. */
const seal_config_key *seal_config_key_find(const char *name);

/* "string", "path", "boolean", ... for messages and docs. */
const char *seal_config_key_type_name(seal_key_type t);

/* Size in file syntax, largest exact unit: 1048576 -> "1M". buf >= 24. */
const char *seal_config_size_format(uint64_t v, char *buf, size_t size);

#endif
