/*
 * consent.h - recipients' consent to service messages in cleartext
 * (profile dk, profile.h): who gave it, when, and when it was withdrawn.
 *
 * consent_file format (sealmilter.conf(5)): one recipient a line,
 *     ADDRESS GIVEN [WITHDRAWN]
 * dates as YYYY-MM-DD, separated by blanks; '#' starts a comment line,
 * blank lines are ignored. An address listed twice, a date that does not
 * exist or a withdrawal before the consent is an error "FILE:LINE: reason".
 * Addresses compare case-insensitively (as the domain lists do).
 *
 * Consent is in force on day D when GIVEN <= D and there is no WITHDRAWN
 * or D < WITHDRAWN (withdrawn on a day: no cleartext from that day on).
 *
 * Ownership: seal_consent_load() returns a set the caller owns (the
 * configuration, freed through cfg->consent_free); entries are lent.
 * A loaded set is read only and may be searched from many threads.
 */
#ifndef SEAL_CONSENT_H
#define SEAL_CONSENT_H

#include <stddef.h>

#include "err.h"

typedef struct seal_consent_entry {
	char address[256];         /* as given, lower case */
	char given[11];            /* YYYY-MM-DD */
	char withdrawn[11];        /* YYYY-MM-DD, or "" while in force */
} seal_consent_entry;

typedef struct seal_consent seal_consent;

/*
 * Asks some other source (the store) for address: 1 found (out filled),
 * 0 no consent recorded, -1 the source could not be asked (no waiver then:
 * fail closed).
 */
typedef int (*seal_consent_lookup_fn)(void *ctx, const char *address,
	seal_consent_entry *out);

seal_consent *seal_consent_new(void);
seal_consent *seal_consent_free(seal_consent *c);

/* Reads a consent file; NULL with err (SEAL_ERR_CONFIG, FILE:LINE) on any error. */
seal_consent *seal_consent_load(const char *path, seal_err *err);

/*
 * Adds one entry (withdrawn NULL or "" = in force). SEAL_ERR_CONFIG with a
 * reason (no file or line: the caller adds them) when the address or a date
 * is not valid, or the address is there already.
 */
seal_status seal_consent_add(seal_consent *c, const char *address, const char *given,
	const char *withdrawn, seal_err *err);

/* The entry for address, or NULL. */
const seal_consent_entry *seal_consent_find(const seal_consent *c, const char *address);

size_t seal_consent_count(const seal_consent *c);

/* Is the consent in force on day today (YYYY-MM-DD)? */
int seal_consent_in_force(const seal_consent_entry *e, const char *today);

/* 1 when s is a date that exists, written YYYY-MM-DD. */
int seal_consent_date_valid(const char *s);

/* 1 when s looks like an address: one '@', something on both sides, no blanks. */
int seal_consent_address_valid(const char *s);

/* Today (local time) as YYYY-MM-DD into buf[11]. */
void seal_consent_today(char buf[11]);

#endif
