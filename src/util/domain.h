/*
 * domain.h - domain lists and matching.
 *
 * Entries and looked-up domains are compared case-insensitively in their
 * IDN A-label form (g_hostname_to_ascii), without a trailing dot. An entry
 * covers itself and every subdomain: "kommune.dk" matches "aarhus.kommune.dk"
 * but not "xkommune.dk"; ".kommune.dk" and "*.kommune.dk" mean the same. An
 * entry may also be a full address ("jens@example.org"), which then matches
 * that address only; its local part is compared case-insensitively too.
 * Addresses may carry angle brackets and a source route ("<@relay:a@b.dk>").
 * Thread safety: a list is read-only once built; lookups may run in parallel.
 */
#ifndef SEAL_DOMAIN_H
#define SEAL_DOMAIN_H

#include <stddef.h>

#include "err.h"

typedef struct seal_domain_list seal_domain_list;

seal_domain_list *seal_domain_list_new(void);
seal_domain_list *seal_domain_list_free(seal_domain_list *l);

/* Adds a domain or address entry; SEAL_ERR_CONFIG (message set) when invalid. */
seal_status seal_domain_list_add(seal_domain_list *l, const char *entry, seal_err *err);

size_t seal_domain_list_count(const seal_domain_list *l);

/*
 * Entry i in normal form, in the order added (duplicates dropped); NULL past
 * the end. Lent: valid while l lives. For printing the configuration.
 */
const char *seal_domain_list_entry(const seal_domain_list *l, size_t i);

/*
 * Does the address (local@domain, angle brackets allowed) match an entry,
 * either as an exact address or by its domain or a parent domain?
 */
int seal_domain_list_match_address(const seal_domain_list *l, const char *address);

/* The same for a bare domain. */
int seal_domain_list_match_domain(const seal_domain_list *l, const char *domain);

/*
 * Normal form of a domain: A-label (UTS #46 non-transitional, libidn2),
 * lower case, no trailing dot. NULL when the domain is not valid, does not
 * convert, or changes under conversion by more than case and NFC folding
 * (a ZWNJ/ZWJ deleted, full-width letters mapped): such a domain matches
 * no list, so it is untrusted. Caller frees (g_free).
 */
char *seal_domain_normalize(const char *domain);

/*
 * The domain part of an address ("<a@B.dk>" -> "B.dk", not normalised),
 * newly allocated; NULL when there is no '@'. Caller frees (g_free).
 */
char *seal_address_domain(const char *address);

/*
 * Does the local part of the address carry routing syntax ('%', '!', or an
 * '@' inside quotes)? Mail systems may route such an address to a domain
 * other than the one after its last '@' (domain.c says which and why).
 */
int seal_address_has_routing(const char *address);

#endif
