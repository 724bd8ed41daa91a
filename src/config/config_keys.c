/*
 * config_keys.c - the one table of configuration keys (config_keys.h) and
 * the validators of keys whose syntax a type alone cannot express.
 *
 * Key names are an interface (admins' files, docs, issues): never rename
 * one; a replaced key would stay as a deprecated row with a clear error.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <glib.h>

#include "config.h"
#include "config_keys.h"
#include "category.h"
#include "loopaddr.h"
#include "netaddr.h"
#include "ocr.h"

#define KiB ((uint64_t)1024)
#define MiB (KiB * 1024)
#define GiB (MiB * 1024)

/* Enums are stored through an int pointer by the parser. */
G_STATIC_ASSERT(sizeof(seal_lang) == sizeof(int));
G_STATIC_ASSERT(sizeof(seal_unscannable_action) == sizeof(int));
G_STATIC_ASSERT(sizeof(seal_log_level) == sizeof(int));
G_STATIC_ASSERT(sizeof(seal_uninspected_action) == sizeof(int));
G_STATIC_ASSERT(sizeof(seal_partial_refuse) == sizeof(int));

G_STATIC_ASSERT(sizeof(seal_profile) == sizeof(int));

const char *const seal_config_lang_words[] = { "da", "sv", "en", "nb", NULL };
static const char *const profile_words[] = { "none", "dk", "se", "no", NULL };
const char *const seal_config_level_words[] = { "low", "medium", "high", NULL };
static const char *const unscannable_words[] = { "refuse", "tempfail", "hold", NULL };
static const char *const uninspected_words[] = { "scan-strings", "unscannable", NULL };
static const char *const log_level_words[] = {
	"error", "warning", "info", "debug", NULL
};

/* Tesseract language names joined by "+"; installed is checked at load (config.c). */
static int
check_ocr_languages(const char *v, char *why, size_t size)
{
	if (strspn(v, "abcdefghijklmnopqrstuvwxyz_+") != strlen(v) || v[0] == '+' ||
	    v[strlen(v) - 1] == '+' || strstr(v, "++") != NULL) {
		snprintf(why, size, "\"%.100s\" is not Tesseract languages joined by + "
		    "(dan+swe+nor+fin+eng)", v);
		return 0;
	}
	return 1;
}

/* "inet:PORT", "inet:PORT@HOST" (libmilter spelling, not Postfix's). */
static int
check_inet(const char *spec, char *why, size_t size)
{
	char *end;
	long port;

	port = strtol(spec, &end, 10);
	if (end == spec || !g_ascii_isdigit(spec[0]) || port < 1 || port > 65535
	    || (*end != '\0' && *end != '@') || (*end == '@' && end[1] == '\0')) {
		snprintf(why, size, "\"%.100s\" is not PORT or PORT@HOST (port 1..65535)",
		    spec);
		return 0;
	}
	return 1;
}

static int
check_socket(const char *v, char *why, size_t size)
{
	if (g_str_has_prefix(v, "unix:") || g_str_has_prefix(v, "local:")) {
		const char *p = v + (v[0] == 'u' ? 5 : 6);    /* after "unix:" or "local:" */

		if (p[0] == '/' && p[1] != '\0')
			return 1;
		snprintf(why, size, "\"%.200s\": the socket path must be absolute", v);
		return 0;
	}
	if (g_str_has_prefix(v, "inet:"))
		return check_inet(v + 5, why, size);
	if (g_str_has_prefix(v, "inet6:"))
		return check_inet(v + 6, why, size);
	snprintf(why, size, "\"%.200s\" is not unix:/path, inet:port@host or inet6:port@host",
	    v);
	return 0;
}

/* A user name as getpwnam takes it; "" means "do not change user". */
static int
check_user(const char *v, char *why, size_t size)
{
	const char *p;

	if (strlen(v) > 32) {
		snprintf(why, size, "user name longer than 32 characters");
		return 0;
	}
	for (p = v; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-' && *p != '.') {
			snprintf(why, size, "\"%.40s\" is not a user name", v);
			return 0;
		}
	}
	return 1;
}

static int
check_log_target(const char *v, char *why, size_t size)
{
	if (strcmp(v, "syslog") == 0 || strcmp(v, "stderr") == 0
	    || (v[0] == '/' && v[1] != '\0'))
		return 1;
	snprintf(why, size, "\"%.200s\" is not syslog, stderr or an absolute path", v);
	return 0;
}

static int
check_facility(const char *v, char *why, size_t size)
{
	static const char *const names[] = {
		"mail", "daemon", "user", "auth", "authpriv", "local0", "local1",
		"local2", "local3", "local4", "local5", "local6", "local7", NULL
	};
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(v, names[i]) == 0)
			return 1;
	snprintf(why, size, "\"%.40s\" is not one of mail, daemon, user, auth, "
	    "authpriv, local0..local7", v);
	return 0;
}

static const char *const cipher_words[] = { "aes256-cbc", "aes256-gcm", NULL };
static const char *const partial_words[] = { "refuse", "notify", NULL };
const char *const seal_config_chain_words[] = {
	"smime", "pgp", "divert", "hold", "refuse", NULL
};

/* Each step at most once; refuse, when named, ends the chain. */
static int
check_chain(const char *v, char *why, size_t size)
{
	char **w = g_strsplit_set(v, " \t,", -1);
	GPtrArray *seen = g_ptr_array_new();
	int ok = 1;

	for (size_t i = 0; ok && w[i] != NULL; i++) {
		if (w[i][0] == '\0')
			continue;
		for (guint j = 0; j < seen->len; j++)
			if (strcmp(g_ptr_array_index(seen, j), w[i]) == 0) {
				snprintf(why, size, "\"%.20s\" named twice", w[i]);
				ok = 0;
			}
		if (ok && seen->len > 0
		    && (strcmp(g_ptr_array_index(seen, seen->len - 1), "refuse") == 0
		    || strcmp(g_ptr_array_index(seen, seen->len - 1), "hold") == 0)) {
			snprintf(why, size, "\"%.20s\" after %s is never reached", w[i],
			    (const char *)g_ptr_array_index(seen, seen->len - 1));
			ok = 0;
		}
		g_ptr_array_add(seen, w[i]);
	}
	if (ok && seen->len == 0) {
		snprintf(why, size, "must name at least one step");
		ok = 0;
	}
	g_ptr_array_free(seen, TRUE);
	g_strfreev(w);
	return ok;
}

static int
check_reinject(const char *v, char *why, size_t size)
{
	seal_reinject_target t;
	seal_err e;

	seal_err_clear(&e);
	if (seal_reinject_parse(v, &t, &e) == SEAL_OK)
		return 1;
	snprintf(why, size, "%s", e.msg);
	return 0;
}

/* The canary goes to a loopback smtpd (reinject_to's syntax) or to sendmail(1). */
static int
check_selftest_submit(const char *v, char *why, size_t size)
{
	if (v[0] == '/')
		return 1;
	if (check_reinject(v, why, size))
		return 1;
	snprintf(why, size, "\"%.200s\" is neither a loopback ADDRESS:PORT nor the absolute "
	    "path of sendmail(1)", v);
	return 0;
}

/* One bare address (no name, no brackets), or empty. */
static int
check_selftest_address(const char *v, char *why, size_t size)
{
	const char *at = strchr(v, '@');

	if (v[0] == '\0')
		return 1;
	if (at != NULL && at != v && at[1] != '\0' && strchr(at + 1, '@') == NULL &&
	    strpbrk(v, " \t<>,;\"") == NULL)
		return 1;
	snprintf(why, size, "\"%.200s\" is not a plain address local@domain", v);
	return 0;
}

static int
check_ldap_uri(const char *v, char *why, size_t size)
{
	if ((g_str_has_prefix(v, "ldap://") || g_str_has_prefix(v, "ldaps://"))
	    && strpbrk(v, " \t") == NULL)
		return 1;
	snprintf(why, size, "\"%.200s\" is not an ldap:// or ldaps:// URI", v);
	return 0;
}

/* sqlite:/absolute/path or a PostgreSQL URI. */
static int
check_store(const char *v, char *why, size_t size)
{
	if ((g_str_has_prefix(v, "sqlite:/") && v[8] != '\0')
	    || g_str_has_prefix(v, "postgresql://") || g_str_has_prefix(v, "postgres://"))
		return 1;
	snprintf(why, size, "\"%.200s\" is not sqlite:/path or postgresql://...", v);
	return 0;
}

/* Each entry an address, or domain=address. */
static int
check_divert(const char *v, char *why, size_t size)
{
	char **w = g_strsplit_set(v, " \t,", -1);
	int ok = 1, global = 0;

	for (size_t i = 0; ok && w[i] != NULL; i++) {
		const char *addr = w[i], *eq = strchr(w[i], '=');

		if (w[i][0] == '\0')
			continue;
		if (eq != NULL)
			addr = eq + 1;
		else if (global++ > 0) {
			snprintf(why, size, "more than one global address (domain=address for "
			    "one domain)");
			ok = 0;
		}
		if (ok && (strchr(addr, '@') == NULL || addr[0] == '@'
		    || strchr(addr, '@')[1] == '\0' || (eq != NULL && eq == w[i]))) {
			snprintf(why, size, "\"%.100s\" is not an address or domain=address", w[i]);
			ok = 0;
		}
	}
	g_strfreev(w);
	return ok;
}

/* A header value: printable, one line, short enough for one folded field. */
static int
check_header_text(const char *v, char *why, size_t size)
{
	if (!g_utf8_validate(v, -1, NULL) || strlen(v) > 200) {
		snprintf(why, size, "must be UTF-8 of at most 200 bytes");
		return 0;
	}
	for (const char *p = v; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			snprintf(why, size, "must not hold control characters");
			return 0;
		}
	return 1;
}

/* "none", or an absolute directory (dictionaries). */
static int
check_dictionaries(const char *v, char *why, size_t size)
{
	if (strcmp(v, "none") == 0 || v[0] == '/')
		return 1;
	snprintf(why, size, "\"%.200s\" is not an absolute directory or none", v);
	return 0;
}

/* "NAME:N, ..." with known category names (category.h). */
static int
check_thresholds(const char *v, char *why, size_t size)
{
	unsigned thr[SEAL_CAT_COUNT] = { 0 };

	return seal_category_parse_thresholds(v, thr, why, size);
}

/* One numeric IPv4 or IPv6 address (no names: the console must not depend on DNS). */
static int
numeric_address(const char *v)
{
	unsigned char buf[16];

	return inet_pton(AF_INET, v, buf) == 1 || inet_pton(AF_INET6, v, buf) == 1;
}

/* "ADDRESS:PORT" or "[IPV6]:PORT", numeric (console_listen). */
static int
check_listen(const char *v, char *why, size_t size)
{
	const char *colon = strrchr(v, ':');
	char host[64], *end;
	size_t hlen;
	long port;
	int bracketed = v[0] == '[';

	if (colon == NULL || colon == v)
		goto bad;
	hlen = (size_t)(colon - v);
	if (bracketed) {
		if (hlen < 3 || v[hlen - 1] != ']')
			goto bad;
		v++;
		hlen -= 2;
	}
	if (hlen >= sizeof(host))
		goto bad;
	memcpy(host, v, hlen);
	host[hlen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || !g_ascii_isdigit(colon[1]) || port < 1 || port > 65535
	    || !numeric_address(host) || (!bracketed && strchr(host, ':') != NULL))
		goto bad;
	return 1;
bad:
	snprintf(why, size, "is not a numeric ADDRESS:PORT or [IPV6]:PORT (port 1..65535)");
	return 0;
}

/* Numeric addresses, blank or comma separated (console_proxy_addresses). */
static int
check_addresses(const char *v, char *why, size_t size)
{
	char **w = g_strsplit_set(v, " \t,", -1);
	int ok = 1;

	for (size_t i = 0; ok && w[i] != NULL; i++)
		if (w[i][0] != '\0' && !numeric_address(w[i])) {
			snprintf(why, size, "\"%.64s\" is not a numeric IP address", w[i]);
			ok = 0;
		}
	g_strfreev(w);
	return ok;
}

/* Numeric addresses or networks (ADDRESS/BITS), blank or comma separated (metrics_allow). */
static int
check_networks(const char *v, char *why, size_t size)
{
	char **w = g_strsplit_set(v, " \t,", -1);
	seal_net net;
	int ok = 1;

	/* The parser the console matches with (netaddr.h): what passes here is what it reads. */
	for (size_t i = 0; ok && w[i] != NULL; i++)
		if (w[i][0] != '\0' && seal_net_parse(w[i], &net) != 0) {
			snprintf(why, size, "\"%.64s\" is not a numeric IP address or ADDRESS/BITS",
			    w[i]);
			ok = 0;
		}
	g_strfreev(w);
	return ok;
}

/* An HTTP field name (RFC 9110 token), for console_proxy_header. */
static int
check_header_name(const char *v, char *why, size_t size)
{
	if (strlen(v) <= 64 && strspn(v, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == strlen(v))
		return 1;
	snprintf(why, size, "is not an HTTP header name (letters, digits, - and _)");
	return 0;
}

/* http:// or https:// and no blanks (console_url, put in notices). */
static int
check_url(const char *v, char *why, size_t size)
{
	if ((g_str_has_prefix(v, "https://") || g_str_has_prefix(v, "http://"))
	    && strpbrk(v, " \t\"<>") == NULL && strlen(v) <= 200)
		return 1;
	snprintf(why, size, "is not an http:// or https:// URL of at most 200 bytes");
	return 0;
}

#define OFF(field) offsetof(seal_config, field)

const seal_config_key seal_config_keys[] = {
	{ "socket", SEAL_KEY_STRING,
	  "unix:/var/spool/postfix/sealmilter/sealmilter.sock", 1, 0, NULL,
	  check_socket, OFF(socket),
	  "where the milter listens (libmilter syntax: unix:/path, inet:port@host)" },
	{ "user", SEAL_KEY_STRING, "sealmilter", 0, 0, NULL, check_user, OFF(user),
	  "user to run as after opening the socket (empty: stay)" },
	{ "pid_file", SEAL_KEY_PATH, "/run/sealmilter/sealmilter.pid", 0, 0, NULL,
	  NULL, OFF(pid_file), "file the daemon writes its process ID to (empty: none)" },
	{ "spool_dir", SEAL_KEY_PATH, "/var/spool/sealmilter", 1, 0, NULL, NULL,
	  OFF(spool_dir), "directory for messages too large to keep in memory" },
	{ "spool_threshold", SEAL_KEY_SIZE, "1M", 64 * KiB, GiB, NULL, NULL,
	  OFF(spool_threshold), "message size kept in memory before spilling to spool_dir" },
	{ "milter_timeout", SEAL_KEY_UINT, "300", 10, 3600, NULL, NULL,
	  OFF(milter_timeout), "seconds libmilter waits for the MTA" },
	{ "internal_domains", SEAL_KEY_DOMAINS, "", 0, 0, NULL, NULL,
	  OFF(internal_domains), "the organisation's own domains and addresses" },
	{ "trusted_domains", SEAL_KEY_DOMAINS, "", 0, 0, NULL, NULL,
	  OFF(trusted_domains), "domains reached over a secure channel" },
	{ "blocked_domains", SEAL_KEY_DOMAINS, "", 0, 0, NULL, NULL,
	  OFF(blocked_domains), "domains that never get classified mail in cleartext (free mail)" },
	{ "min_confidence", SEAL_KEY_LEVEL, "medium", 0, 0, seal_config_level_words,
	  NULL, OFF(min_confidence), "findings at or above this level count" },
	{ "unscannable_action", SEAL_KEY_ENUM, "hold", 0, 0, unscannable_words,
	  NULL, OFF(unscannable_action),
	  "mail that cannot be checked, to a recipient the chain cannot protect it for" },
	{ "uninspected_action", SEAL_KEY_ENUM, "scan-strings", 0, 0, uninspected_words,
	  NULL, OFF(uninspected_action),
	  "binary attachments no reader understands: scan their printable strings, "
	  "or count the message as unscannable" },
	{ "max_scan_size", SEAL_KEY_SIZE, "64M", MiB, 4 * GiB, NULL, NULL,
	  OFF(max_scan_size), "larger messages are unscannable" },
	{ "max_mime_depth", SEAL_KEY_UINT, "32", 1, 256, NULL, NULL,
	  OFF(max_mime_depth), "deeper MIME nesting is unscannable" },
	{ "max_mime_parts", SEAL_KEY_UINT, "10000", 1, 100000, NULL, NULL,
	  OFF(max_mime_parts), "more MIME parts are unscannable" },
	{ "archive_max_entries", SEAL_KEY_UINT, "10000", 1, 1000000, NULL, NULL,
	  OFF(archive_max_entries), "entries in all archives of a message (and in one); "
	  "more: unscannable" },
	{ "archive_max_unpacked", SEAL_KEY_SIZE, "256M", MiB, 4 * GiB, NULL, NULL,
	  OFF(archive_max_unpacked), "bytes unpacked from all archives of a message; "
	  "more: unscannable" },
	{ "archive_max_ratio", SEAL_KEY_UINT, "200", 10, 100000, NULL, NULL,
	  OFF(archive_max_ratio), "unpacked to packed bytes per entry, and for the "
	  "message past 1 MiB; higher: unscannable (an archive bomb)" },
	{ "ocr", SEAL_KEY_BOOL, "yes", 0, 0, NULL, NULL, OFF(ocr),
	  "read images and scanned PDF pages with Tesseract OCR (no: images uninspected)" },
	{ "ocr_languages", SEAL_KEY_STRING, "dan+swe+nor+fin+eng", 1, 0, NULL,
	  check_ocr_languages, OFF(ocr_languages),
	  "Tesseract languages joined by +; each must be installed (tesseract-ocr-LANG)" },
	{ "ocr_max_pages", SEAL_KEY_UINT, "10", 1, 1000, NULL, NULL, OFF(ocr_max_pages),
	  "images and scanned PDF pages read per message; more: unscannable" },
	{ "ocr_time_budget", SEAL_KEY_UINT, "60", 1, 3600, NULL, NULL, OFF(ocr_time_budget),
	  "seconds of OCR per message; what is left unread then: unscannable" },
	{ "language", SEAL_KEY_ENUM, "da", 0, 0, seal_config_lang_words, NULL,
	  OFF(language), "language of the texts shown to the sender" },
	{ "rules_file", SEAL_KEY_PATH, "", 0, 0, NULL, NULL, OFF(rules_file),
	  "site rules: PCRE2 patterns reported as rule:NAME (empty: none)" },
	{ "dictionaries", SEAL_KEY_STRING, "", 0, 0, NULL, check_dictionaries,
	  OFF(dictionaries), "sensitive personal data: a directory of KIND.LANG.txt files "
	  "(empty: built-in, none: off)" },
	{ "category_window", SEAL_KEY_UINT, "400", 16, 100000, NULL, NULL,
	  OFF(category_window), "bytes between category evidence and a personal reference" },
	{ "category_thresholds", SEAL_KEY_STRING, "", 0, 0, NULL, check_thresholds,
	  OFF(category_thresholds), "evidence a category needs, NAME:N list (default 3 each)" },
	{ "refusal_template_dir", SEAL_KEY_PATH, "", 0, 0, NULL, NULL,
	  OFF(refusal_template_dir), "directory with LANG/NAME.txt texts (empty: built-in)" },
	{ "spf_check", SEAL_KEY_BOOL, "yes", 0, 0, NULL, NULL, OFF(spf_check),
	  "check SPF for senders not authenticated by SMTP AUTH" },
	{ "spf_timeout", SEAL_KEY_UINT, "5", 1, 30, NULL, NULL, OFF(spf_timeout),
	  "seconds an SPF check may take" },
	{ "log_level", SEAL_KEY_ENUM, "info", 0, 0, log_level_words, NULL,
	  OFF(log_level), "least severe messages logged" },
	{ "log_target", SEAL_KEY_STRING, "syslog", 1, 0, NULL, check_log_target,
	  OFF(log_target), "syslog, stderr or a file path" },
	{ "syslog_facility", SEAL_KEY_STRING, "mail", 1, 0, NULL, check_facility,
	  OFF(syslog_facility), "syslog facility" },
	{ "fingerprint_key_file", SEAL_KEY_PATH, "", 0, 0, NULL, NULL,
	  OFF(fingerprint_key_file), "secret key for number fingerprints (empty: none)" },
	{ "held_key_file", SEAL_KEY_PATH, "", 0, 0, NULL, NULL,
	  OFF(held_key_file), "AES-256 key for held content (empty: held.key beside the "
	  "fingerprint key)" },
	{ "action_chain", SEAL_KEY_LIST, "smime, pgp, refuse", 0, 0, seal_config_chain_words,
	  check_chain, OFF(action_chain),
	  "what protects classified mail to an untrusted recipient, first that applies wins" },
	{ "sensitive_action_chain", SEAL_KEY_LIST, "smime, pgp, divert, hold", 0, 0,
	  seal_config_chain_words, check_chain, OFF(sensitive_action_chain),
	  "what protects sensitive mail (special categories) to an untrusted recipient" },
	{ "smime_cert_dir", SEAL_KEY_PATH, "", 0, 0, NULL, NULL, OFF(smime_cert_dir),
	  "directory of recipients' S/MIME certificates, PEM or DER (empty: none)" },
	{ "smime_ca_file", SEAL_KEY_PATH, "", 0, 0, NULL, NULL, OFF(smime_ca_file),
	  "CA certificates recipients' certificates must chain to" },
	{ "smime_cipher", SEAL_KEY_ENUM, "aes256-cbc", 0, 0, cipher_words, NULL,
	  OFF(smime_cipher), "content encryption: aes256-cbc (widest support) or aes256-gcm" },
	{ "smime_sign_cert", SEAL_KEY_PATH, "", 0, 0, NULL, NULL, OFF(smime_sign_cert),
	  "agency certificate (PEM) to sign with before encrypting (empty: no signature)" },
	{ "smime_sign_key", SEAL_KEY_PATH, "", 0, 0, NULL, NULL, OFF(smime_sign_key),
	  "private key (PEM, unencrypted) of smime_sign_cert" },
	{ "smime_ldap_uri", SEAL_KEY_STRING, "", 0, 0, NULL, check_ldap_uri,
	  OFF(smime_ldap_uri), "LDAP directory of S/MIME certificates (empty: none)" },
	{ "smime_ldap_base", SEAL_KEY_STRING, "", 0, 0, NULL, NULL, OFF(smime_ldap_base),
	  "search base for (mail=ADDRESS) in smime_ldap_uri" },
	{ "smime_ldap_timeout", SEAL_KEY_UINT, "5", 1, 60, NULL, NULL,
	  OFF(smime_ldap_timeout), "seconds an LDAP lookup may take" },
	{ "smime_ldap_cache_ttl", SEAL_KEY_UINT, "3600", 0, 86400, NULL, NULL,
	  OFF(smime_ldap_cache_ttl), "seconds an LDAP answer is cached (0: not cached)" },
	{ "pgp_home", SEAL_KEY_PATH, "", 0, 0, NULL, NULL, OFF(pgp_home),
	  "GnuPG home directory with recipients' OpenPGP keys (empty: none)" },
	{ "copy_marker_lifetime", SEAL_KEY_UINT, "10", 0, 1440, NULL, NULL,
	  OFF(copy_marker_lifetime), "minutes a reinjected copy's marker is accepted (0: none)" },
	{ "reinject_to", SEAL_KEY_STRING, "127.0.0.1:10027", 1, 0, NULL, check_reinject,
	  OFF(reinject_to), "loopback SMTP listener without milters for split-off copies" },
	{ "reinject_timeout", SEAL_KEY_UINT, "60", 5, 600, NULL, NULL,
	  OFF(reinject_timeout), "seconds each step of a reinjection may take" },
	{ "partial_refuse", SEAL_KEY_ENUM, "refuse", 0, 0, partial_words, NULL,
	  OFF(partial_refuse),
	  "some recipients refused: refuse the whole message, or notify the sender" },
	{ "protect_subject", SEAL_KEY_BOOL, "no", 0, 0, NULL, NULL, OFF(protect_subject),
	  "always replace the Subject of encrypted mail (else only when it holds a finding)" },
	{ "neutral_subject", SEAL_KEY_STRING, "", 0, 0, NULL, check_header_text,
	  OFF(neutral_subject), "outer Subject of protected mail (empty: built-in, per language)" },
	{ "force_tags", SEAL_KEY_LIST, "[sikker] [krypter] [kryptera] [secure] [encrypt]",
	  0, 0, NULL, check_header_text, OFF(force_tags),
	  "Subject tags with which the sender asks for encryption (removed from the Subject)" },
	{ "divert_to", SEAL_KEY_LIST, "", 0, 0, NULL, check_divert, OFF(divert_to),
	  "secure mailbox: an address, and/or domain=address per recipient domain" },
	{ "divert_service", SEAL_KEY_STRING, "", 0, 0, NULL, check_header_text,
	  OFF(divert_service), "the secure mailbox service the notice names (e.g. Digital Post)" },
	{ "divert_agency", SEAL_KEY_STRING, "", 0, 0, NULL, check_header_text,
	  OFF(divert_agency), "the agency the notice names as the sender" },
	{ "store", SEAL_KEY_STRING, "sqlite:/var/lib/sealmilter/seal.db", 0, 0, NULL,
	  check_store, OFF(store), "audit log and quarantine: sqlite:/path or postgresql://..." },
	{ "quarantine_dir", SEAL_KEY_PATH, "/var/lib/sealmilter/quarantine", 1, 0, NULL, NULL,
	  OFF(quarantine_dir), "held messages of the sqlite store (files 0600, directory 0700)" },
	{ "profile", SEAL_KEY_ENUM, "none", 0, 0, profile_words, NULL, OFF(profile),
	  "regulator profile for service messages: none, dk, se or no" },
	{ "service_senders", SEAL_KEY_DOMAINS, "", 0, 0, NULL, NULL, OFF(service_senders),
	  "addresses or domains whose verified service messages profile dk may waive" },
	{ "service_message_max_size", SEAL_KEY_SIZE, "64k", KiB, 16 * MiB, NULL, NULL,
	  OFF(service_message_max_size), "larger service messages are never waived" },
	{ "consent_file", SEAL_KEY_PATH, "", 0, 0, NULL, NULL, OFF(consent_file),
	  "recipients' consent to cleartext service messages (empty: none, or the store)" },
	{ "audit_retention", SEAL_KEY_UINT, "180", 1, 3650, NULL, NULL, OFF(audit_retention),
	  "days audit records are kept" },
	{ "quarantine_retention", SEAL_KEY_UINT, "30", 1, 3650, NULL, NULL,
	  OFF(quarantine_retention), "days held messages are kept" },
	{ "selftest_recipient", SEAL_KEY_STRING, "", 0, 0, NULL, check_selftest_address,
	  OFF(selftest_recipient), "reserved untrusted address sealctl selftest sends its "
	  "canary to (empty: no self-test)" },
	{ "selftest_sender", SEAL_KEY_STRING, "", 0, 0, NULL, check_selftest_address,
	  OFF(selftest_sender), "envelope sender of the self-test canary (empty: null sender)" },
	{ "selftest_submit", SEAL_KEY_STRING, "127.0.0.1:25", 1, 0, NULL, check_selftest_submit,
	  OFF(selftest_submit), "where the canary is submitted: Postfix's smtpd on a loopback "
	  "ADDRESS:PORT, or the path of sendmail(1)" },
	{ "selftest_timeout", SEAL_KEY_UINT, "60", 5, 3600, NULL, NULL, OFF(selftest_timeout),
	  "seconds the self-test waits for the submission and the decision" },
	{ "release_approvals", SEAL_KEY_UINT, "1", 1, 2, NULL, NULL, OFF(release_approvals),
	  "officers who must release a held message: 1, or 2 (four eyes)" },
	{ "console_listen", SEAL_KEY_STRING, "127.0.0.1:8025", 1, 0, NULL, check_listen,
	  OFF(console_listen), "where sealweb listens: ADDRESS:PORT (not loopback: TLS needed)" },
	{ "console_tls_cert", SEAL_KEY_PATH, "", 0, 0, NULL, NULL, OFF(console_tls_cert),
	  "sealweb's HTTPS certificate chain, PEM (empty: plain HTTP, loopback only)" },
	{ "console_tls_key", SEAL_KEY_PATH, "", 0, 0, NULL, NULL, OFF(console_tls_key),
	  "the private key of console_tls_cert, PEM" },
	{ "officers_file", SEAL_KEY_PATH, "/etc/sealmilter/officers", 1, 0, NULL, NULL,
	  OFF(officers_file), "compliance officers: name, role, password hash (sealctl officer)" },
	{ "console_url", SEAL_KEY_STRING, "", 0, 0, NULL, check_url, OFF(console_url),
	  "the console's address as officers and senders reach it (empty: not said)" },
	{ "console_session_idle", SEAL_KEY_UINT, "900", 5, 86400, NULL, NULL,
	  OFF(console_session_idle), "seconds a console session lives without a request" },
	{ "console_session_max", SEAL_KEY_UINT, "28800", 60, 604800, NULL, NULL,
	  OFF(console_session_max), "seconds a console session lives at most" },
	{ "console_login_attempts", SEAL_KEY_UINT, "5", 1, 1000, NULL, NULL,
	  OFF(console_login_attempts),
	  "failed sign-ins per address and per account before sign-in pauses" },
	{ "console_login_window", SEAL_KEY_UINT, "900", 10, 86400, NULL, NULL,
	  OFF(console_login_window), "seconds the failed sign-ins are counted over" },
	{ "console_proxy_header", SEAL_KEY_STRING, "", 0, 0, NULL, check_header_name,
	  OFF(console_proxy_header),
	  "header a trusted reverse proxy names the signed-in officer in (empty: none)" },
	{ "console_proxy_addresses", SEAL_KEY_LIST, "", 0, 0, NULL, check_addresses,
	  OFF(console_proxy_addresses), "numeric addresses console_proxy_header is believed from" },
	{ "metrics_allow", SEAL_KEY_LIST, "127.0.0.1 ::1", 0, 0, NULL, check_networks,
	  OFF(metrics_allow), "addresses and networks (ADDRESS/BITS) that may read the console's"
	  " /metrics without signing in" },
};

const size_t seal_config_key_count = G_N_ELEMENTS(seal_config_keys);

const seal_config_key *
seal_config_key_find(const char *name)
{
	size_t i;

	for (i = 0; i < seal_config_key_count; i++)
		if (strcmp(seal_config_keys[i].name, name) == 0)
			return &seal_config_keys[i];
	return NULL;
}

const char *
seal_config_key_type_name(seal_key_type t)
{
	switch (t) {
	case SEAL_KEY_STRING: return "string";
	case SEAL_KEY_PATH: return "path";
	case SEAL_KEY_BOOL: return "boolean";
	case SEAL_KEY_UINT: return "number";
	case SEAL_KEY_SIZE: return "size";
	case SEAL_KEY_ENUM: return "word";
	case SEAL_KEY_DOMAINS: return "domain list";
	case SEAL_KEY_LEVEL: return "level";
	case SEAL_KEY_LIST: return "word list";
	}
	return "unknown";
}

const char *
seal_config_size_format(uint64_t v, char *buf, size_t size)
{
	if (v != 0 && v % GiB == 0)
		snprintf(buf, size, "%" G_GUINT64_FORMAT "G", v / GiB);
	else if (v != 0 && v % MiB == 0)
		snprintf(buf, size, "%" G_GUINT64_FORMAT "M", v / MiB);
	else if (v != 0 && v % KiB == 0)
		snprintf(buf, size, "%" G_GUINT64_FORMAT "k", v / KiB);
	else
		snprintf(buf, size, "%" G_GUINT64_FORMAT, v);
	return buf;
}

unsigned
seal_config_key_line(const seal_config *cfg, const char *name)
{
	const seal_config_key *k = seal_config_key_find(name);

	if (cfg == NULL || cfg->key_lines == NULL || k == NULL)
		return 0;
	return cfg->key_lines[k - seal_config_keys];
}
