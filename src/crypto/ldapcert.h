/*
 * ldapcert.h - S/MIME recipient certificates from an LDAP directory, the
 * way Nordic public-sector certificate directories publish them: search
 * under base for (mail=ADDRESS), attribute userCertificate;binary (DER).
 *
 * Lookups are bounded (network timeout and search time limit, size limit)
 * and cached (positive and negative answers, ttl, at most cache_max
 * addresses, oldest evicted). A directory that does not answer is an error
 * (transient: the caller tempfails or falls through per its policy), never
 * "no certificate". The address is escaped for the filter (RFC 4515).
 * Certificates found are NOT checked here: the caller passes them to
 * seal_certstore_choose() (certstore.h), which applies the same checks as
 * to certificates from the directory of files.
 *
 * Thread safety: one LDAP connection per lookup; the cache has its own lock.
 */
#ifndef SEAL_LDAPCERT_H
#define SEAL_LDAPCERT_H

#include <stddef.h>

#include <glib.h>

#include "err.h"

typedef struct seal_ldapcert seal_ldapcert;

/* uri: ldap://127.0.0.1:389 or ldaps://...; base: search base DN. */
seal_ldapcert *seal_ldapcert_new(const char *uri, const char *base, unsigned timeout_s,
	unsigned cache_ttl_s, size_t cache_max, seal_err *err);

/*
 * Appends the certificates published for address to certs (X509 *, new
 * references; the caller frees them with X509_free). Returns how many were
 * appended (0: none published), or -1 with err set when the directory
 * could not be asked. *from_cache tells whether the answer was cached.
 */
int seal_ldapcert_lookup(seal_ldapcert *l, const char *address, GPtrArray *certs,
	int *from_cache, seal_err *err);

seal_ldapcert *seal_ldapcert_free(seal_ldapcert *l);

#endif
