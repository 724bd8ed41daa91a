/*
 * config_check.c - what `sealmilter -n` checks beyond the syntax, and the
 * secrets and key material a loaded configuration names (config.h).
 *
 * Kept apart from the parser: these read other files (key file,
 * templates, certificates, keyrings) and the parser must stay usable
 * without them (printing a configuration, the fuzzer).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "config.h"
#include "consent.h"
#include "fingerprint.h"
#include "keys.h"
#include "policy.h"
#include "rules.h"
#include "category.h"
#include "template.h"

#include "config_check.h"

/* The key file as the fingerprint code reads it: one set of rules. */
static seal_status
check_key_file(const seal_config *cfg, seal_err *err)
{
	seal_err e;
	seal_fp_key *k;

	seal_err_clear(&e);
	k = seal_fp_key_load(cfg->fingerprint_key_file, &e);
	if (k == NULL)
		return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0, "%s", e.msg);
	seal_fp_key_free(k);
	return SEAL_OK;
}

/* The configuration carries the key sources but does not know them. */
static void
free_keys(struct seal_keys *keys)
{
	seal_keys_free(keys);
}

/*
 * The dictionaries as configured, compiled, with window and thresholds;
 * *out stays NULL for "none". A dictionary error names its file and line.
 */
static seal_status
load_categories(const seal_config *cfg, const seal_rules *rules, struct seal_category **out,
	seal_err *err)
{
	const char *dir = cfg->dictionaries != NULL ? cfg->dictionaries : "";
	seal_category *c;
	seal_err e;

	*out = NULL;
	if (strcmp(dir, "none") == 0)
		return SEAL_OK;
	/* the matcher also looks for the site rules' keywords (rules.h, the gate) */
	c = seal_category_load_gated(dir, rules, err);
	if (c == NULL)
		return SEAL_ERR_CONFIG;
	seal_err_clear(&e);
	if (seal_category_configure(c, cfg->category_window, cfg->category_thresholds,
	    &e) != SEAL_OK) {
		seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0, "%s", e.msg);
		seal_category_free(c);
		return SEAL_ERR_CONFIG;
	}
	*out = c;
	return SEAL_OK;
}

static void
free_consent(struct seal_consent *c)
{
	seal_consent_free(c);
}

seal_status
seal_config_load_secrets(seal_config *cfg, seal_err *err)
{
	seal_err e;

	cfg->fp_key = seal_fp_key_free(cfg->fp_key);
	cfg->keys = seal_keys_free(cfg->keys);
	cfg->rules = seal_rules_free(cfg->rules);
	cfg->consent = seal_consent_free(cfg->consent);
	if (cfg->rules_file != NULL && cfg->rules_file[0] != '\0') {
		cfg->rules = seal_rules_load(cfg->rules_file, err);
		if (cfg->rules == NULL)
			return SEAL_ERR_CONFIG;
	}
	cfg->categories = seal_category_free(cfg->categories);
	if (load_categories(cfg, cfg->rules, &cfg->categories, err) != SEAL_OK)
		return SEAL_ERR_CONFIG;
	/* Read on every start and reload (SIGUSR1), as the rest of the configuration. */
	if (cfg->consent_file != NULL && cfg->consent_file[0] != '\0') {
		cfg->consent = seal_consent_load(cfg->consent_file, err);
		cfg->consent_free = free_consent;
		if (cfg->consent == NULL)
			return SEAL_ERR_CONFIG;
	}
	if (cfg->fingerprint_key_file != NULL && cfg->fingerprint_key_file[0] != '\0') {
		seal_err_clear(&e);
		cfg->fp_key = seal_fp_key_load(cfg->fingerprint_key_file, &e);
		if (cfg->fp_key == NULL)
			return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0, "%s", e.msg);
	}
	cfg->keys = seal_keys_load(cfg, err);
	cfg->keys_free = free_keys;
	return cfg->keys != NULL ? SEAL_OK : SEAL_ERR_CONFIG;
}

/* Every override in the directory must render, in every language. */
static seal_status
check_templates(const seal_config *cfg, seal_err *err)
{
	static const char *const names[] = {
		SEAL_TEMPLATE_REFUSE, SEAL_TEMPLATE_UNSCANNABLE, SEAL_TEMPLATE_PARTIAL,
		SEAL_TEMPLATE_DIVERT, SEAL_TEMPLATE_HOLD, SEAL_TEMPLATE_REFUSE_SENSITIVE,
		SEAL_TEMPLATE_PARTIAL_SENSITIVE, SEAL_TEMPLATE_HOLD_REQUEST
	};
	seal_template_vars vars = { "CPR 010101-XXXX (body)", "a@example.org", "test",
	    "Digital Post", "Kommunen", "https://console.example/request?t=x" };
	seal_config probe = *cfg;
	char buf[700], *text;
	struct stat st;
	seal_err e;
	size_t i;
	int l;

	if (stat(cfg->refusal_template_dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "refusal_template_dir: %s is not a directory", cfg->refusal_template_dir);
	for (l = SEAL_LANG_DA; l < SEAL_LANG_COUNT; l++) {
		probe.language = (seal_lang)l;
		for (i = 0; i < G_N_ELEMENTS(names); i++) {
			seal_err_clear(&e);
			text = seal_template_render(&probe, names[i], &vars, &e);
			if (text == NULL)
				return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
				    "refusal_template_dir: %s",
				    seal_err_format(&e, buf, sizeof(buf)));
			g_free(text);
		}
	}
	return SEAL_OK;
}

/* The spool directory, or the directory it will be created in. */
static seal_status
check_spool_dir(const seal_config *cfg, seal_err *err)
{
	struct stat st;
	char *parent;
	int ok;

	if (stat(cfg->spool_dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return SEAL_OK;
		return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "spool_dir: %s is not a directory", cfg->spool_dir);
	}
	parent = g_path_get_dirname(cfg->spool_dir);
	ok = stat(parent, &st) == 0 && S_ISDIR(st.st_mode);
	if (!ok)
		seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "spool_dir: neither %s nor its parent %s exists",
		    cfg->spool_dir, parent);
	g_free(parent);
	return ok ? SEAL_OK : SEAL_ERR_CONFIG;
}

seal_status
seal_config_check(const seal_config *cfg, seal_err *err)
{
	seal_keys *keys;

	if (cfg == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "no configuration");
	if (cfg->fingerprint_key_file != NULL && cfg->fingerprint_key_file[0] != '\0'
	    && check_key_file(cfg, err) != SEAL_OK)
		return SEAL_ERR_CONFIG;
	if (cfg->refusal_template_dir != NULL && cfg->refusal_template_dir[0] != '\0'
	    && check_templates(cfg, err) != SEAL_OK)
		return SEAL_ERR_CONFIG;
	if (cfg->spool_dir != NULL && check_spool_dir(cfg, err) != SEAL_OK)
		return SEAL_ERR_CONFIG;
	/* Every rule parses and compiles as the daemon will load it. */
	{
		seal_rules *rules = NULL;
		struct seal_category *cats = NULL;

		if (cfg->rules_file != NULL && cfg->rules_file[0] != '\0') {
			rules = seal_rules_load(cfg->rules_file, err);
			if (rules == NULL)
				return SEAL_ERR_CONFIG;
		}
		/* The dictionaries read and compile as the daemon will load them. */
		if (load_categories(cfg, rules, &cats, err) != SEAL_OK) {
			seal_rules_free(rules);
			return SEAL_ERR_CONFIG;
		}
		seal_category_free(cats);
		seal_rules_free(rules);
	}
	if (cfg->consent_file != NULL && cfg->consent_file[0] != '\0') {
		seal_consent *c = seal_consent_load(cfg->consent_file, err);

		if (c == NULL)
			return SEAL_ERR_CONFIG;
		seal_consent_free(c);
	}

	/* The audit chain and the fingerprints in it are keyed with the fingerprint key. */
	if (cfg->store != NULL && cfg->store[0] != '\0'
	    && (cfg->fingerprint_key_file == NULL || cfg->fingerprint_key_file[0] == '\0'))
		return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
		    "store: needs fingerprint_key_file (the audit log is keyed with it); "
		    "create one with: head -c 32 /dev/urandom > FILE; chmod 600 FILE");
	/* The secure mailbox gets classified mail in cleartext: only an internal or trusted one. */
	for (size_t i = 0; cfg->divert_to != NULL && cfg->divert_to[i] != NULL; i++) {
		const char *eq = strchr(cfg->divert_to[i], '=');
		const char *mailbox = eq != NULL ? eq + 1 : cfg->divert_to[i];

		if (!seal_policy_cleartext_allowed(seal_policy_classify(cfg, mailbox),
		    SEAL_CLASS_CONFIDENTIAL, 1))
			return seal_err_set_at(err, SEAL_ERR_CONFIG, cfg->path, 0,
			    "divert_to: %s is in neither internal_domains nor trusted_domains, "
			    "and the secure mailbox gets the message in cleartext", mailbox);
	}
	/* Certificates, keyrings and the signing key load as the daemon will load them. */
	keys = seal_keys_load(cfg, err);
	if (keys == NULL)
		return SEAL_ERR_CONFIG;
	seal_keys_free(keys);
	return SEAL_OK;
}

/* "FILE:LINE: " of key, or "FILE: " for a default, or "" for built-in defaults. */
static void
where(GString *out, const seal_config *cfg, const char *key)
{
	unsigned line = seal_config_key_line(cfg, key);

	if (cfg->path == NULL)
		return;
	if (line > 0)
		g_string_append_printf(out, "%s:%u: ", cfg->path, line);
	else
		g_string_append_printf(out, "%s: ", cfg->path);
}

char **
seal_config_warnings(const seal_config *cfg)
{
	GPtrArray *w = g_ptr_array_new();

	/* The link's token is keyed with the fingerprint key: without it notice.c leaves it out. */
	if (cfg != NULL && cfg->console_url != NULL && cfg->console_url[0] != '\0'
	    && (cfg->fingerprint_key_file == NULL || cfg->fingerprint_key_file[0] == '\0')) {
		GString *s = g_string_new(NULL);

		where(s, cfg, "console_url");
		g_string_append(s, "console_url: set, but fingerprint_key_file is not: hold "
		    "notices carry no release-request link (its one-time token is keyed with "
		    "that file)");
		g_ptr_array_add(w, g_string_free(s, FALSE));
	}
	g_ptr_array_add(w, NULL);
	return (char **)g_ptr_array_free(w, FALSE);
}
