/*
 * spf.h - SPF check of the envelope sender (libspf2) with a bounded time,
 * for unauthenticated clients. The result is recorded for later exemption
 * rules; it never changes a decision in this version.
 * Thread safety: one libspf2 server per call.
 */
#ifndef SEAL_SPF_H
#define SEAL_SPF_H

typedef enum seal_spf_result {
	SEAL_SPF_NONE = 0, SEAL_SPF_NEUTRAL, SEAL_SPF_PASS, SEAL_SPF_FAIL,
	SEAL_SPF_SOFTFAIL, SEAL_SPF_TEMPERROR, SEAL_SPF_PERMERROR,
	SEAL_SPF_TIMEOUT, SEAL_SPF_SKIPPED
} seal_spf_result;

/*
 * client_addr: IPv4 or IPv6 text; sender: MAIL FROM address ("" = null
 * sender, checked by helo); timeout_s bounds the whole check (DNS included).
 */
seal_spf_result seal_spf_check(const char *client_addr, const char *helo,
	const char *sender, unsigned timeout_s);

const char *seal_spf_result_name(seal_spf_result r);

#endif
