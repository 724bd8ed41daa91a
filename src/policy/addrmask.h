/*
 * addrmask.h - an address as it may be shown: in logs, audit records,
 * notices to senders, refusal texts and --scan output.
 *
 * A local part can be an identity number ("1705831889@gmail.example",
 * "jens.170583-1889@..."): it is run through the detector and every number
 * found is replaced by its mask (doc/DETECTION.md section 7). The domain is
 * left as it is. The result is newly allocated (caller g_free()s); the
 * function never fails and is thread safe.
 */
#ifndef SEAL_ADDRMASK_H
#define SEAL_ADDRMASK_H

#include "detect.h"

/* address with numbers in its local part masked; NULL gives "". date NULL: today. */
char *seal_addr_mask(const char *address, const seal_date *date);

#endif
