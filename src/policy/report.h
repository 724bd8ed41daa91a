/*
 * report.h - a decision as text: the JSON of `sealmilter --scan --json`,
 * the explanation of `--scan`, and the one-line log summary. Identity
 * numbers appear only masked. Thread safe.
 */
#ifndef SEAL_REPORT_H
#define SEAL_REPORT_H

#include <glib.h>

#include "scan.h"

/* {"class":..., "findings":[...], "recipients":[...]} plus a newline. */
void seal_report_json(const seal_decision *d, GString *out);

/* A human explanation, several lines. */
void seal_report_text(const seal_decision *d, GString *out);

/*
 * One log line (no queue ID; the caller prefixes it):
 * "class=confidential action=refuse findings=dk-cpr:2,se-pnr:1 masked=170583-XXXX,...
 *  rcpt=<a@b.dk>:internal:accept,..."
 */
void seal_report_log_line(const seal_decision *d, GString *out);

/*
 * The counted findings for people: "CPR 170583-XXXX (body); personnummer
 * 710903-XXXX (part 2)", at most max named, then "; +N". Masks only.
 */
char *seal_report_findings(const seal_decision *d, unsigned max);

/*
 * The same with sensitive findings named in lang by their category
 * ("helbredsoplysninger (body)", catlabel.h) or rule kind, never by what
 * matched; seal_report_findings() names them in English.
 */
char *seal_report_findings_lang(const seal_decision *d, unsigned max, seal_lang lang);

/* The counted findings by kind: "dk-cpr:2,se-pnr:1", or "" for none. */
char *seal_report_kinds(const seal_decision *d);

/* s as a JSON string (RFC 8259 escapes; s is UTF-8), appended to out. */
void seal_report_json_string(GString *out, const char *s);

#endif
