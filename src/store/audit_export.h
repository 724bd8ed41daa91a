/*
 * audit_export.h - what every reader of the audit log shows the same way,
 * shared by `sealctl audit search` (ctl/audit.c) and the web console's
 * audit page (web/page_audit.c):
 *
 *   - a person searched for by identity number: the number typed is
 *     normalised, detected and fingerprinted exactly as the daemon did
 *     (seal_audit_id_fingerprint), then wiped; only its mask and keyed
 *     fingerprint leave;
 *   - text someone typed (addresses, reasons) masked whole
 *     (seal_mask_text_today, scan.h);
 *   - the CSV form (RFC 4180, one header line, one line per record),
 *     guarded against spreadsheet formulas;
 *   - which records are sealctl selftest's canaries, so that a search
 *     can leave them out.
 *
 * Thread safe (no state). Errors are returned as fixed texts without the
 * number.
 */
#ifndef SEAL_AUDIT_EXPORT_H
#define SEAL_AUDIT_EXPORT_H

#include <stdint.h>

#include <glib.h>

#include "detect.h"
#include "fingerprint.h"
#include "store.h"

/* An identity number with separators fits easily; anything longer is not one. */
#define SEAL_AUDIT_ID_MAX 64

/*
 * The fingerprint the daemon would have stored for number (hex), its mask
 * and kind. 0 on success; -1 with *why (a fixed text: "too few digits ...",
 * "2 identity numbers given; search for one at a time") when number is
 * not exactly one identity number. The working copies are wiped.
 */
int seal_audit_id_fingerprint(const seal_fp_key *key, const char *number, char hex[65],
	char masked[24], seal_kind *kind, const char **why);

/* ISO 8601 local time with offset ("2026-01-02T10:00:00+0100") into buf (size >= 32). */
const char *seal_audit_time_iso(int64_t t, char *buf, size_t size);

/* One CSV field, quoted, formula-guarded (= + - @ first: a ' before); comma unless first. */
void seal_csv_field(GString *out, int first, const char *value);

/* The header line of the audit CSV (with its newline). */
void seal_audit_csv_header(GString *out);

/* One record as a CSV line: addresses, IDs and detail masked, fingerprints whole. */
void seal_audit_csv_row(GString *out, const seal_audit_record *r);

#endif
