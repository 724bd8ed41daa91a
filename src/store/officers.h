/*
 * officers.h - the compliance officers' accounts of the web console
 * (officers_file): one "NAME:ROLE:HASH" or "NAME:ROLE:HASH:LANG" line
 * each, written by `sealctl officer` and read by sealweb.
 *
 *   NAME  a login name: letters, digits, '.', '_', '-', '@', at most
 *         SEAL_OFFICER_NAME_MAX bytes, starting with a letter or digit
 *   ROLE  officer (review and decide), auditor (read and search, no
 *         decisions) or admin (everything, and the list of accounts)
 *   HASH  a yescrypt hash made by libxcrypt (crypt_gensalt_rn "$y$"),
 *         never a home-made one; "!" locks an account
 *   LANG  the console's language for this officer: da, sv or en;
 *         without it the browser's Accept-Language decides
 *
 * Lines starting with '#' and blank lines are kept as they are only by not
 * being written: sealctl rewrites the file from its entries (a comment
 * header first). A malformed line is an error naming file and line: a
 * half-read list of accounts would lock out or let in the wrong people.
 *
 * Ownership: a seal_officers owns its entries; lookups lend pointers valid
 * until the next change or free. Not thread safe: sealweb guards its copy.
 */
#ifndef SEAL_OFFICERS_H
#define SEAL_OFFICERS_H

#include <stddef.h>

#include "err.h"

#define SEAL_OFFICER_NAME_MAX 64
/* Longest password hashed: a pass phrase, not a document. */
#define SEAL_PASSWORD_MAX 256

typedef enum seal_officer_role {
	SEAL_ROLE_OFFICER = 0,
	SEAL_ROLE_AUDITOR,
	SEAL_ROLE_ADMIN
} seal_officer_role;

typedef struct seal_officer {
	char *name;
	seal_officer_role role;
	char *hash;
	char lang[4];             /* "da", "sv", "en", or "" (the browser decides) */
} seal_officer;

typedef struct seal_officers seal_officers;

/* An empty list (a file not written yet). */
seal_officers *seal_officers_new(void);
seal_officers *seal_officers_free(seal_officers *o);

/*
 * Reads path. A missing file gives an empty list when missing_ok, else
 * SEAL_ERR_IO; a malformed line SEAL_ERR_CONFIG "path:line: why".
 */
seal_officers *seal_officers_load(const char *path, int missing_ok, seal_err *err);

/*
 * Writes the list to path atomically (a temporary file beside it, fsync,
 * rename): a reader sees the old file or the new, never half. A new file
 * is made 0640; an existing file keeps its mode, owner and group.
 */
seal_status seal_officers_save(const seal_officers *o, const char *path, seal_err *err);

size_t seal_officers_count(const seal_officers *o);
const seal_officer *seal_officers_nth(const seal_officers *o, size_t i);
/* The account called name (exact), or NULL. */
const seal_officer *seal_officers_find(const seal_officers *o, const char *name);

/* Adds name, or replaces its role and hash when it exists (its language stays). */
void seal_officers_set(seal_officers *o, const char *name, seal_officer_role role,
	const char *hash);
/* Sets name's language ("da", "sv", "en", "" for none); -1 for no such account or language. */
int seal_officers_set_lang(seal_officers *o, const char *name, const char *lang);
/* 1 when lang is a language an officer may choose ("da", "sv", "en") or "". */
int seal_officer_lang_valid(const char *lang);

/* 1 when name was there and is gone, 0 when there was none. */
int seal_officers_remove(seal_officers *o, const char *name);

/* 1 when name is a valid account name (above). */
int seal_officer_name_valid(const char *name);
const char *seal_officer_role_name(seal_officer_role role);
/* 0 and *role set, or -1 for a word that is no role. */
int seal_officer_role_parse(const char *word, seal_officer_role *role);

/*
 * A new yescrypt hash of password (libxcrypt, a fresh random salt);
 * caller g_free()s. NULL with err set when libxcrypt fails or the password
 * is empty or longer than SEAL_PASSWORD_MAX.
 */
char *seal_password_hash(const char *password, seal_err *err);

/*
 * 1 when password matches hash (crypt_r, compared in constant time), else
 * 0; a locked or malformed hash never matches. With hash NULL (no such
 * account) a dummy hash is computed all the same, so that the time taken
 * does not tell whether the account exists.
 */
int seal_password_verify(const char *password, const char *hash);

#endif
