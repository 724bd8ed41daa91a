/*
 * officers.c - the web console's accounts (officers_file, officers.h):
 *
 *   sealctl officer add NAME --role officer|auditor|admin [--lang da|sv|en]
 *   sealctl officer passwd NAME
 *   sealctl officer lang NAME da|sv|en|browser
 *   sealctl officer role NAME officer|auditor|admin
 *   sealctl officer remove NAME
 *   sealctl officer list [--json]
 *
 * A password is never an argument (shell history, /proc/PID/cmdline): it
 * is read from a prompt with echo off, or as the one line of standard
 * input (ctl/secret.c), and hashed with yescrypt by libxcrypt. The file is
 * rewritten atomically; sealweb notices the change by itself.
 */
#include <getopt.h>
#include <string.h>

#include <glib.h>

#include "officers.h"

#include "ctl.h"

static void
usage_officer(FILE *out)
{
	fprintf(out,
	    "usage: sealctl [-c CONFIG] officer add NAME --role officer|auditor|admin "
	    "[--lang da|sv|en]\n"
	    "       sealctl [-c CONFIG] officer passwd NAME\n"
	    "       sealctl [-c CONFIG] officer lang NAME da|sv|en|browser\n"
	    "       sealctl [-c CONFIG] officer role NAME officer|auditor|admin\n"
	    "       sealctl [-c CONFIG] officer remove NAME\n"
	    "       sealctl [-c CONFIG] officer list [--json]\n"
	    "       (the password is read from a prompt, or as one line of stdin)\n");
}

/* A yescrypt hash of the password typed; NULL with the error printed and *rc set. */
static char *
read_hash(int *rc)
{
	GPtrArray *v = ctl_secrets_read("password", rc);
	char *hash = NULL;
	seal_err err;

	if (v == NULL)
		return NULL;
	seal_err_clear(&err);
	if (v->len != 1) {
		ctl_error("password: give one line, not %u", v->len);
		*rc = EX_DATAERR;
	} else if ((hash = seal_password_hash(g_ptr_array_index(v, 0), &err)) == NULL) {
		ctl_error("password: %s", err.msg);
		*rc = err.code == SEAL_ERR_USAGE ? EX_DATAERR : EX_SOFTWARE;
	}
	ctl_secrets_free(v);
	return hash;
}

static seal_officers *
load(const seal_config *cfg, int *rc)
{
	char buf[1024];
	seal_officers *o;
	seal_err err;

	seal_err_clear(&err);
	o = seal_officers_load(cfg->officers_file, 1, &err);
	if (o == NULL) {
		ctl_error("%s", seal_err_format(&err, buf, sizeof(buf)));
		*rc = err.code == SEAL_ERR_CONFIG ? EX_DATAERR : EX_IOERR;
	}
	return o;
}

static int
save(const seal_config *cfg, seal_officers *o)
{
	seal_err err;

	seal_err_clear(&err);
	if (seal_officers_save(o, cfg->officers_file, &err) != SEAL_OK) {
		ctl_error("%s", err.msg);
		return EX_IOERR;
	}
	return 0;
}

static int
list(const seal_officers *o, int as_json)
{
	static const char *const titles[] = { "NAME", "ROLE", "STATE", "LANG", NULL };
	ctl_table *t = as_json ? NULL : ctl_table_new(titles);
	GString *json = g_string_new("[");

	for (size_t i = 0; i < seal_officers_count(o); i++) {
		const seal_officer *e = seal_officers_nth(o, i);
		const char *state = e->hash[0] == '$' ? "active" : "locked";

		if (as_json) {
			g_string_append(json, i > 0 ? ", {" : "{");
			ctl_json_str(json, 1, "name", e->name);
			ctl_json_str(json, 0, "role", seal_officer_role_name(e->role));
			ctl_json_str(json, 0, "state", state);
			ctl_json_str(json, 0, "lang", e->lang[0] != '\0' ? e->lang : "browser");
			g_string_append_c(json, '}');
		} else {
			const char *cells[] = { e->name, seal_officer_role_name(e->role), state,
				e->lang[0] != '\0' ? e->lang : "browser" };

			ctl_table_add(t, cells);
		}
	}
	if (as_json)
		printf("%s]\n", json->str);
	else
		ctl_table_print(t, stdout);
	g_string_free(json, TRUE);
	return 0;
}

/*
 * add, passwd, role, lang, remove on NAME (and the role word, or the
 * language for lang; lang: add's --lang); the file is saved when changed.
 */
static int
change(const seal_config *cfg, const char *verb, const char *name, const char *role_word,
	const char *lang)
{
	seal_officer_role role = SEAL_ROLE_OFFICER;
	const seal_officer *e;
	seal_officers *o;
	char *hash = NULL;
	int rc = 0;

	if (!seal_officer_name_valid(name)) {
		ctl_error_value("name", name, "is not a login name (letters, digits, . _ - @; "
		    "at most 64 bytes)");
		return EX_USAGE;
	}
	if (lang != NULL && strcmp(lang, "browser") == 0)
		lang = "";
	if (lang != NULL && !seal_officer_lang_valid(lang)) {
		ctl_error_value("language", lang, "is not da, sv, en or browser");
		return EX_USAGE;
	}
	if (role_word != NULL && seal_officer_role_parse(role_word, &role) != 0) {
		ctl_error_value("role", role_word, "is not officer, auditor or admin");
		return EX_USAGE;
	}
	if ((o = load(cfg, &rc)) == NULL)
		return rc;
	e = seal_officers_find(o, name);
	if (strcmp(verb, "add") == 0 && e != NULL) {
		ctl_error("officer %s exists already (passwd or role change it)", name);
		rc = EX_DATAERR;
	} else if (strcmp(verb, "add") != 0 && e == NULL) {
		ctl_error("no officer %s in %s", name, cfg->officers_file);
		rc = EX_DATAERR;
	} else if (strcmp(verb, "remove") == 0) {
		seal_officers_remove(o, name);
	} else if (strcmp(verb, "role") == 0 && e != NULL) {      /* (found: see above) */
		seal_officers_set(o, name, role, e->hash);
	} else if (strcmp(verb, "lang") == 0) {
		seal_officers_set_lang(o, name, lang);
	} else if ((hash = read_hash(&rc)) != NULL) {
		seal_officers_set(o, name, e != NULL ? e->role : role, hash);
		if (lang != NULL)
			seal_officers_set_lang(o, name, lang);
	}
	if (rc == 0)
		rc = save(cfg, o);
	if (rc == 0)
		fprintf(stderr, "sealctl: officer %s: %s done\n", name, verb);
	g_free(hash);
	seal_officers_free(o);
	return rc;
}

int
ctl_officers(const seal_config *cfg, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char *verb = argc > 1 ? argv[1] : "", *role = NULL, *lang = NULL;
	int c, as_json = 0, rc;

	optind = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': role = optarg; break;
		case 'j': as_json = 1; break;
		case 'l': lang = optarg; break;
		default: usage_officer(stderr); return EX_USAGE;
		}
	}
	argc -= optind + 1;
	argv += optind + 1;
	if (strcmp(verb, "list") == 0 && argc == 0) {
		seal_officers *o = load(cfg, &rc);

		if (o == NULL)
			return rc;
		rc = list(o, as_json);
		seal_officers_free(o);
		return rc;
	}
	if (strcmp(verb, "add") == 0 && argc == 1 && role != NULL)
		return change(cfg, verb, argv[0], role, lang);
	if ((strcmp(verb, "passwd") == 0 || strcmp(verb, "remove") == 0) && argc == 1
	    && role == NULL && lang == NULL)
		return change(cfg, verb, argv[0], NULL, NULL);
	if (strcmp(verb, "role") == 0 && argc == 2 && role == NULL && lang == NULL)
		return change(cfg, verb, argv[0], argv[1], NULL);
	if (strcmp(verb, "lang") == 0 && argc == 2 && role == NULL && lang == NULL)
		return change(cfg, verb, argv[0], NULL, argv[1]);
	usage_officer(stderr);
	return EX_USAGE;
}
