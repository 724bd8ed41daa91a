/*
 * ctl.h - what the sealctl commands share (ctl/common.c): the store opened
 * exactly as the daemon opens it, exit codes, dates, masking, officer
 * identity and the output forms (aligned table, JSON; CSV is audit_export.h's).
 *
 * sealctl is a short-lived, single-threaded command: every helper writes
 * its own error message to stderr (never personal data: no identity
 * number, no header value, no body text) and returns an exit code the
 * command passes on.
 */
#ifndef SEAL_CTL_H
#define SEAL_CTL_H

#include <stdint.h>
#include <stdio.h>
#include <sysexits.h>

#include <glib.h>

#include "config.h"
#include "store.h"

/* Exit codes beyond sysexits.h's usual ones (sealctl.8 lists them all). */
#define CTL_EXIT_BROKEN 1               /* audit verify: the chain does not hold */

/* Longest --reason an officer may type: a sentence, not a letter. */
#define CTL_REASON_MAX 500
/* Longest officer name (login names are far shorter). */
#define CTL_OFFICER_MAX 64

/* Prints "sealctl: " and the message to stderr. */
void ctl_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "sealctl: WHAT: "VALUE" WHY" with VALUE masked and cut: for echoing what was typed. */
void ctl_error_value(const char *what, const char *value, const char *why);

/*
 * The store of cfg, opened like the daemon (milter/record.c): the chain key
 * derived from fingerprint_key_file. NULL with the error printed and
 * *exit_code set (EX_CONFIG: nothing or no key configured; EX_TEMPFAIL:
 * the store did not answer).
 */
seal_store *ctl_store_open(const seal_config *cfg, int *exit_code);

/* Exit code for a failed store call: EX_TEMPFAIL, or `usage` for SEAL_ERR_USAGE. */
int ctl_store_exit(const seal_err *err, int usage);

/*
 * "YYYY-MM-DD" as local time: the first second of that day, or with
 * end_of_day its last. -1 when malformed (error printed, naming opt).
 */
int64_t ctl_parse_day(const char *opt, const char *value, int end_of_day);

/* Parses a decimal number in [min, max]; -1 when malformed (error printed). */
int64_t ctl_parse_count(const char *opt, const char *value, int64_t min, int64_t max);

/* Local time "YYYY-MM-DD HH:MM:SS" into buf (size >= 32). */
const char *ctl_time_text(int64_t t, char *buf, size_t size);
/* ISO 8601 local time with offset, for JSON and CSV. */
const char *ctl_time_iso(int64_t t, char *buf, size_t size);

/*
 * text with every identity number replaced by its mask and control
 * characters made spaces, whole (seal_mask_text cuts at 80 characters,
 * too short for an officer's reason). Everything sealctl prints that
 * someone typed (addresses, subjects, reasons) goes through it. Invalid
 * UTF-8 is repaired first; NULL gives "".
 */
char *ctl_mask(const char *text);

/*
 * Checks and masks an officer's --reason: valid UTF-8, at most
 * CTL_REASON_MAX bytes, not empty when required. NULL with the error
 * printed; otherwise the masked text (caller g_free()s).
 */
char *ctl_reason(const char *reason, int required);

/*
 * Who acts: --officer, else $SUDO_USER, else the login name of the real
 * uid. NULL with the error printed when none or not a plain name.
 */
char *ctl_officer(const char *given);

/* The login name of the real uid, or "uid N". Caller g_free()s. */
char *ctl_login_name(void);

/* A held-message ID as hold() makes them (URL-safe); 0 with the error printed. */
int ctl_valid_id(const char *id);

/*
 * Held-message IDs may start with '-', which getopt would read as options
 * (the commands have no short options, so such a word can only be an ID):
 * a new argv (caller g_free()s the array, not the strings) with every
 * "-x..." word that is not an option's argument moved behind a "--".
 */
struct option;
char **ctl_ids_last(int argc, char **argv, const struct option *longopts, int *new_argc);

/*
 * Identity numbers to search for, never from argv (ctl/secret.c): a prompt
 * with echo off when standard input is a terminal, else one per line from
 * standard input (blank lines and lines starting with # skipped). NULL with
 * the error printed and *rc set (EX_DATAERR: nothing or too much given,
 * EX_IOERR). Free with ctl_secrets_free, which wipes the strings.
 */
GPtrArray *ctl_secrets_read(const char *what, int *rc);
void ctl_secrets_free(GPtrArray *v);

/* ------------------------------------------------------------ commands */

/* argv[0] is the command word; each returns the exit code. */
int ctl_quarantine(const seal_config *cfg, int argc, char **argv);      /* quarantine.c */
int ctl_officer_action(const seal_config *cfg, int argc, char **argv);  /* officer.c */
int ctl_audit(const seal_config *cfg, int argc, char **argv);           /* audit.c */
int ctl_purge(const seal_config *cfg, int argc, char **argv);           /* audit.c */
int ctl_consent(const seal_config *cfg, int argc, char **argv);         /* consent.c */
int ctl_officers(const seal_config *cfg, int argc, char **argv);        /* officers.c */
int ctl_selftest(const seal_config *cfg, int argc, char **argv);        /* selftest.c */

/* ------------------------------------------------------------ output forms */

typedef struct ctl_table ctl_table;

/* A table with these column titles (NULL-terminated). */
ctl_table *ctl_table_new(const char *const *titles);
/* Appends a row of ncols cells (copied; NULL prints as ""). */
void ctl_table_add(ctl_table *t, const char *const *cells);
/* Prints aligned columns (cells cut at 60 characters but the last) and frees t. */
void ctl_table_print(ctl_table *t, FILE *out);

/* "key": value pairs for JSON objects; first says whether to omit the comma. */
void ctl_json_str(GString *out, int first, const char *key, const char *value);
/* The same with the value masked (ctl_mask); NULL gives "". */
void ctl_json_masked(GString *out, int first, const char *key, const char *value);
void ctl_json_int(GString *out, int first, const char *key, int64_t value);
/* "key": ["a", "b"] from a GPtrArray of char *. */
void ctl_json_strv(GString *out, int first, const char *key, const GPtrArray *values);

#endif
