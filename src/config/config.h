/*
 * config.h - sealmilter.conf: Postfix main.cf style (key = value, '#'
 * comments, continuation lines start with white space, lists separated by
 * spaces or commas, a list value starting with '/' names a file with one
 * entry per line).
 *
 * Every key lives in one table (config_keys.c) that drives the parser,
 * `sealmilter -n` and the man page. Unknown or duplicate keys, bad values
 * and unreadable files are errors naming file and line.
 *
 * Lifetime: a loaded configuration is immutable and reference counted
 * (atomic), so a connection pins the one current at its start and a reload
 * swaps in a new one; the last unref frees it.
 */
#ifndef SEAL_CONFIG_H
#define SEAL_CONFIG_H

#include <stdint.h>
#include <stdio.h>

#include "domain.h"
#include "err.h"

/* NB (Norwegian bokmål) last: the others keep their numbers. */
typedef enum seal_lang { SEAL_LANG_DA = 0, SEAL_LANG_SV, SEAL_LANG_EN, SEAL_LANG_NB } seal_lang;
#define SEAL_LANG_COUNT 4

/* Regulator profiles for service messages (profile.h). */
typedef enum seal_profile {
	SEAL_PROFILE_NONE = 0,        /* no waiver */
	SEAL_PROFILE_DK,              /* consent may waive encryption of a service message */
	SEAL_PROFILE_SE,              /* consent never waives */
	SEAL_PROFILE_NO               /* as none, texts in Norwegian bokmål */
} seal_profile;

typedef enum seal_unscannable_action {
	SEAL_UNSCANNABLE_REFUSE = 0,  /* 550 with the "could not be checked" text */
	SEAL_UNSCANNABLE_TEMPFAIL,    /* 451: for sites that prefer a retry */
	SEAL_UNSCANNABLE_HOLD         /* held for a compliance officer (the default) */
} seal_unscannable_action;

typedef enum seal_uninspected_action {
	SEAL_UNINSPECTED_SCAN_STRINGS = 0, /* printable strings of unreadable binaries scanned */
	SEAL_UNINSPECTED_UNSCANNABLE       /* an unreadable binary makes the message unscannable */
} seal_uninspected_action;

typedef enum seal_partial_refuse {
	SEAL_PARTIAL_REFUSE = 0,      /* refuse the whole message, naming the recipients */
	SEAL_PARTIAL_NOTIFY           /* deliver to the others, notify the sender */
} seal_partial_refuse;

typedef enum seal_log_level {
	SEAL_LOG_ERROR = 0, SEAL_LOG_WARNING, SEAL_LOG_INFO, SEAL_LOG_DEBUG
} seal_log_level;

typedef struct seal_config {
	char *path;                   /* file read, or NULL for built-in defaults */

	/* daemon */
	char *socket;                 /* libmilter spelling: unix:/path, inet:port@host */
	char *user;                   /* run as this user after opening the socket ("" = stay) */
	char *pid_file;
	char *spool_dir;              /* spill files for large messages */
	uint64_t spool_threshold;     /* bytes kept in memory before spilling */
	unsigned milter_timeout;      /* seconds libmilter waits on the MTA */

	/* policy */
	seal_domain_list *internal_domains;
	seal_domain_list *trusted_domains;
	seal_domain_list *blocked_domains;
	int min_confidence;           /* 1 low, 2 medium, 3 high: findings at or above count */
	seal_unscannable_action unscannable_action;
	seal_uninspected_action uninspected_action;

	/* scanning limits */
	uint64_t max_scan_size;       /* bytes; larger messages are unscannable */
	unsigned max_mime_depth;
	unsigned max_mime_parts;
	/* archives of one message together (office.h seal_archive_budget) */
	unsigned archive_max_entries;
	uint64_t archive_max_unpacked; /* bytes */
	unsigned archive_max_ratio;   /* unpacked/packed, past 1 MiB */

	/* OCR of images and scanned PDF pages (ocr.h) */
	int ocr;                      /* 1: read them */
	char *ocr_languages;          /* Tesseract languages, "dan+swe+nor+fin+eng" */
	unsigned ocr_max_pages;       /* per message; more: unscannable */
	unsigned ocr_time_budget;     /* seconds per message; past it: unscannable */

	/* site rules (rules.h) */
	char *rules_file;             /* NULL = no site rules */
	struct seal_rules *rules;     /* loaded by seal_config_load_secrets(); NULL = none */

	/* sensitive personal data (category.h) */
	char *dictionaries;           /* "" = built-in, "none" = off, else a directory */
	unsigned category_window;     /* bytes between category evidence and a person */
	char *category_thresholds;    /* "NAME:N, ..." (evidence a category needs) */
	struct seal_category *categories; /* loaded by seal_config_load_secrets(); NULL = off */

	/* texts */
	seal_lang language;
	char *refusal_template_dir;   /* NULL or "" = built-in texts */

	/* sender identity */
	int spf_check;                /* check SPF for unauthenticated clients */
	unsigned spf_timeout;         /* seconds */

	/* logging */
	seal_log_level log_level;
	char *log_target;             /* "syslog", "stderr" or a file path */
	char *syslog_facility;        /* "mail", "local0".. */

	/* fingerprints */
	char *fingerprint_key_file;   /* NULL = no fingerprints */
	char *held_key_file;          /* "" = held.key beside fingerprint_key_file */
	struct seal_fp_key *fp_key;   /* loaded by seal_config_load_secrets(); NULL = none */

	/* encryption and splitting */
	char **action_chain;          /* NULL-terminated words: smime, pgp, refuse */
	char **sensitive_action_chain; /* the same for sensitive mail (special categories) */
	char *smime_cert_dir;         /* NULL = no certificate files */
	char *smime_ca_file;          /* trust anchors recipients' certificates must chain to */
	int smime_cipher;             /* seal_smime_cipher: 0 AES-256-CBC, 1 AES-256-GCM */
	char *smime_sign_cert;        /* agency certificate and key to sign with, or NULL */
	char *smime_sign_key;
	char *smime_ldap_uri;         /* "" = no LDAP directory */
	char *smime_ldap_base;
	unsigned smime_ldap_timeout;  /* seconds */
	unsigned smime_ldap_cache_ttl;
	char *pgp_home;               /* GnuPG home with the recipients' keys, or NULL */
	char *reinject_to;            /* loopback host:port of the reinjection listener */
	unsigned copy_marker_lifetime; /* minutes a copy marker is accepted; 0 = no markers */
	unsigned reinject_timeout;    /* seconds per SMTP step */
	seal_partial_refuse partial_refuse;
	int protect_subject;          /* always move the Subject inside the encryption */
	char *neutral_subject;        /* outer Subject of protected mail ("" = built-in, per language) */
	char **force_tags;            /* Subject tags that force the action chain */
	struct seal_keys *keys;       /* loaded by seal_config_load_secrets(); NULL = none */
	/* frees keys; set by whoever loads them (the configuration layer
	   does not depend on the key sources it only carries) */
	void (*keys_free)(struct seal_keys *keys);

	/* diversion, quarantine and audit */
	char **divert_to;             /* "address" (global) or "domain=address" entries */
	char *divert_service;         /* the secure mailbox service, named in the notice */
	char *divert_agency;          /* the agency, named in the notice */
	char *store;                  /* "sqlite:/path" or "postgresql://..."; "" = none */
	char *quarantine_dir;         /* held messages of the sqlite store */
	unsigned audit_retention;     /* days */
	unsigned quarantine_retention;/* days */
	unsigned release_approvals;   /* officers a release needs: 1, or 2 (four eyes) */

	/* the live self-test, sealctl selftest (ctl/selftest.c) */
	char *selftest_recipient;     /* reserved untrusted address the canary goes to ("" = none) */
	char *selftest_sender;        /* envelope sender of the canary ("" = null sender) */
	char *selftest_submit;        /* loopback "ADDRESS:PORT" of smtpd, or sendmail(1)'s path */
	unsigned selftest_timeout;    /* seconds for submission and outcome */

	/* the compliance officers' web console, sealweb (web/) */
	char *console_listen;         /* "ADDRESS:PORT" or "[IPV6]:PORT", numeric */
	char *console_tls_cert;       /* PEM certificate (chain) for HTTPS, or NULL */
	char *console_tls_key;        /* its private key (PEM, unencrypted), or NULL */
	char *officers_file;          /* officers: name, role, password hash */
	char *console_url;            /* how senders and officers reach it ("" = not said) */
	unsigned console_session_idle; /* seconds a session lives without a request */
	unsigned console_session_max; /* seconds a session lives at most */
	unsigned console_login_attempts; /* failed sign-ins per address and per account ... */
	unsigned console_login_window; /* ... within this many seconds before a pause */
	char *console_proxy_header;   /* header naming the officer, set by a trusted proxy ("" = none) */
	char **console_proxy_addresses; /* numeric addresses that proxy is trusted from */
	char **metrics_allow;         /* addresses/networks reading /metrics without a session */

	/* sensitive mail: profiles and consent (profile.h, consent.h) */
	seal_profile profile;
	seal_domain_list *service_senders; /* addresses or domains whose service messages may
	                                      go in cleartext under profile dk */
	uint64_t service_message_max_size; /* larger service messages are never waived */
	char *consent_file;           /* NULL = none (or the store holds consent) */
	struct seal_consent *consent; /* loaded by seal_config_load_secrets(); NULL = none */
	void (*consent_free)(struct seal_consent *consent);

	/* private */
	unsigned *key_lines;          /* per key-table row: line of path it was set on, 0 = default */
	int refcount;
} seal_config;

/* Built-in defaults: fail closed (every non-internal domain untrusted). */
seal_config *seal_config_new_defaults(void);

/*
 * Reads path. Returns NULL with err set (file:line: key: reason) on any
 * error.
 */
seal_config *seal_config_load(const char *path, seal_err *err);


seal_config *seal_config_ref(seal_config *cfg);
/* Drops a reference (NULL allowed); frees on the last; returns NULL. */
seal_config *seal_config_unref(seal_config *cfg);

/* Prints every key with its effective value, main.cf style. */
void seal_config_print(const seal_config *cfg, FILE *out);

const char *seal_lang_name(seal_lang l);

/*
 * The line of cfg->path that set key name, or 0 when the key kept its
 * default (or is no key): lets a check made after loading point at the
 * setting it is about.
 */
unsigned seal_config_key_line(const seal_config *cfg, const char *name);

#endif
