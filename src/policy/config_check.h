/*
 * config_check.h - what a configuration needs beyond its syntax, at start
 * and on reload: the checks of `sealmilter -n`, and loading the secrets and
 * key sources it names into it.
 *
 * These sit above the configuration layer because they use the layers the
 * configuration only names (key sources, templates, the recipient policy).
 * Errors name the configuration file and the key. Not thread safe on one
 * configuration: call before it is shared.
 */
#ifndef SEAL_CONFIG_CHECK_H
#define SEAL_CONFIG_CHECK_H

#include "config.h"
#include "err.h"

/*
 * The checks of `sealmilter -n` beyond syntax: readable key file with mode
 * 0600 or stricter, templates that render, writable spool dir, a rules
 * file whose every rule compiles (err names its file and line). err names
 * the key.
 */
seal_status seal_config_check(const seal_config *cfg, seal_err *err);

/*
 * Reads the secrets and key material the configuration names
 * (fingerprint_key_file, certificates, keyrings: keys.h) and the site
 * rules (rules_file, rules.h) into cfg. Kept apart from seal_config_load() so that a configuration can be
 * read and printed without the secret; the daemon and --scan call it after
 * seal_config_check(). The key file must be readable by the user the
 * daemon runs as, or a reload (after the privilege drop) fails.
 */
seal_status seal_config_load_secrets(seal_config *cfg, seal_err *err);

/*
 * Settings that are valid but do not do what they seem to, as lines
 * "FILE:LINE: key: why" (FILE alone when the key kept its default):
 * console_url without fingerprint_key_file (hold notices then carry no
 * release-request link, the key is what makes the link's token).
 * `sealmilter -n` prints them, the daemon and sealweb log them at start
 * (the daemon also on reload); they do not change an exit status.
 * Returns a NULL-terminated array, empty when all is well (caller
 * g_strfreev()s).
 */
char **seal_config_warnings(const seal_config *cfg);

#endif
