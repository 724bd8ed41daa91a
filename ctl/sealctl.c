/*
 * sealctl.c - the administrators' and compliance officers' tool.
 *
 *   sealctl [-c CONFIG] keys [--json] ADDRESS...
 *   sealctl [-c CONFIG] quarantine list|show|release|refuse|delete ...   (quarantine.c, officer.c)
 *   sealctl [-c CONFIG] audit search|verify ...                         (audit.c)
 *   sealctl [-c CONFIG] purge ...                                        (audit.c)
 *   sealctl [-c CONFIG] consent list|add|withdraw ...                    (consent.c)
 *   sealctl [-c CONFIG] officer add|passwd|role|remove|list ...          (officers.c)
 *   sealctl [-c CONFIG] selftest                                         (selftest.c)
 *
 * keys: which certificate or key the daemon would use for each address,
 * every candidate seen with why it was or was not usable, and what the
 * action chain gives. It reads the same configuration and asks the same
 * code (keys.h, seal_chain_explain) as the daemon. The other commands work
 * on the store (store.h), opened exactly as the daemon opens it.
 *
 * Exit status of keys: 0 when every address was looked up (whatever the
 * result), EX_CONFIG for a bad configuration, EX_TEMPFAIL when a key source
 * could not be asked, EX_USAGE for bad arguments. sealctl.8 lists the
 * others.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "config.h"
#include "config_check.h"
#include "keys.h"
#include "pgp.h"
#include "policy.h"
#include "report.h"
#include "scan.h"

#include "ctl.h"

#define SEAL_DEFAULT_CONFIG SEAL_SYSCONFDIR "/sealmilter.conf"

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: sealctl [-c CONFIG] keys [--json] ADDRESS...\n"
	    "       sealctl [-c CONFIG] quarantine list|show|release|refuse|delete ...\n"
	    "       sealctl [-c CONFIG] audit search|verify ...\n"
	    "       sealctl [-c CONFIG] purge [--audit-days N] [--quarantine-days N]\n"
	    "       sealctl [-c CONFIG] consent list|add|withdraw ...\n"
	    "       sealctl [-c CONFIG] officer add|passwd|role|remove|list ...\n"
	    "       sealctl [-c CONFIG] selftest\n"
	    "       sealctl -h | --help\n"
	    "(man sealctl for the options of each command)\n");
}

static seal_config *
load_config(const char *path)
{
	char buf[1024];
	seal_config *cfg;
	seal_err err;

	seal_err_clear(&err);
	if (path == NULL && access(SEAL_DEFAULT_CONFIG, F_OK) != 0)
		cfg = seal_config_new_defaults();
	else
		cfg = seal_config_load(path != NULL ? path : SEAL_DEFAULT_CONFIG, &err);
	if (cfg != NULL && cfg->pgp_home != NULL && seal_pgp_init(&err) != SEAL_OK)
		cfg = seal_config_unref(cfg);
	if (cfg != NULL && seal_config_load_secrets(cfg, &err) != SEAL_OK)
		cfg = seal_config_unref(cfg);
	if (cfg == NULL)
		fprintf(stderr, "sealctl: %s\n", seal_err_format(&err, buf, sizeof(buf)));
	return cfg;
}

/* Every candidate of every configured source; -1 when a source failed. */
static int
candidates(const seal_config *cfg, const char *address, GPtrArray *verdicts, GString *errors)
{
	char fpr[65];
	X509 *cert = NULL;
	seal_err err;
	int rc = 0;

	seal_err_clear(&err);
	if (seal_keys_have_smime(cfg->keys)
	    && seal_keys_smime(cfg->keys, address, time(NULL), &cert, fpr, verdicts, &err) < 0) {
		g_string_append_printf(errors, "smime: %s; ", err.msg);
		rc = -1;
	}
	X509_free(cert);
	seal_err_clear(&err);
	if (seal_keys_have_pgp(cfg->keys)
	    && seal_keys_pgp(cfg->keys, address, fpr, verdicts, &err) < 0) {
		g_string_append_printf(errors, "pgp: %s; ", err.msg);
		rc = -1;
	}
	/*
	 * A certificate subject may hold an identity number (Swedish
	 * e-legitimation certificates carry the personnummer), and so may a
	 * file name an administrator chose: shown masked, like everything else.
	 */
	for (guint i = 0; i < verdicts->len; i++) {
		seal_key_verdict *v = g_ptr_array_index(verdicts, i);
		char *who = ctl_mask(v->who), *source = ctl_mask(v->source);

		g_strlcpy(v->who, who, sizeof(v->who));
		g_strlcpy(v->source, source, sizeof(v->source));
		g_free(who);
		g_free(source);
	}
	return rc;
}

static void
print_text(const seal_config *cfg, const seal_rcpt_decision *r, GPtrArray *verdicts,
	const GString *errors)
{
	char *chain = g_strjoinv(", ", cfg->action_chain);
	char *schain = g_strjoinv(", ", cfg->sensitive_action_chain);

	printf("%s (%s domain)\n", r->address, seal_domain_class_name(r->domain_class));
	printf("  action chain: %s\n", chain);
	printf("  sensitive action chain: %s\n", schain);
	g_free(schain);
	if (verdicts->len == 0)
		printf("  no certificate or key found for this address\n");
	for (guint i = 0; i < verdicts->len; i++) {
		const seal_key_verdict *v = g_ptr_array_index(verdicts, i);

		const char *state = !v->usable ? "rejected"
		    : g_ascii_strcasecmp(v->fingerprint, r->key) == 0 ? "chosen" : "usable";

		printf("  %-5s %-8s %-16.16s %s\n", v->method, state, v->fingerprint, v->who);
		printf("        from %s%s%s\n", v->source, v->usable ? "" : ": ",
		    v->usable ? "" : v->reason);
	}
	if (errors->len > 0)
		printf("  lookup failed: %s\n", errors->str);
	printf("  result: %s (%s)%s%s\n", seal_action_name(r->action), r->reason,
	    r->key[0] != '\0' ? " key " : "", r->key);
	if (r->domain_class == SEAL_DOMAIN_TRUSTED)
		printf("  (a trusted recipient gets classified mail in cleartext; the chain "
		    "applies only when the sender puts a force tag in the Subject)\n");
	g_free(chain);
}

static void
print_json(const seal_rcpt_decision *r, GPtrArray *verdicts, const GString *errors,
	GString *out)
{
	g_string_append(out, "{\"address\": ");
	seal_report_json_string(out, r->address);
	g_string_append(out, ", \"domain_class\": ");
	seal_report_json_string(out, seal_domain_class_name(r->domain_class));
	g_string_append(out, ", \"action\": ");
	seal_report_json_string(out, seal_action_name(r->action));
	g_string_append(out, ", \"reason\": ");
	seal_report_json_string(out, r->reason);
	g_string_append(out, ", \"key\": ");
	seal_report_json_string(out, r->key);
	if (errors->len > 0) {
		g_string_append(out, ", \"error\": ");
		seal_report_json_string(out, errors->str);
	}
	g_string_append(out, ", \"candidates\": [");
	for (guint i = 0; i < verdicts->len; i++) {
		const seal_key_verdict *v = g_ptr_array_index(verdicts, i);

		g_string_append(out, i > 0 ? ", {\"method\": " : "{\"method\": ");
		seal_report_json_string(out, v->method);
		g_string_append(out, ", \"fingerprint\": ");
		seal_report_json_string(out, v->fingerprint);
		g_string_append(out, ", \"who\": ");
		seal_report_json_string(out, v->who);
		g_string_append(out, ", \"source\": ");
		seal_report_json_string(out, v->source);
		g_string_append_printf(out, ", \"usable\": %s, \"reason\": ",
		    v->usable ? "true" : "false");
		seal_report_json_string(out, v->reason);
		g_string_append_c(out, '}');
	}
	g_string_append(out, "]}");
}

static int
cmd_keys(const seal_config *cfg, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	GString *json = g_string_new("[");
	int c, as_json = 0, rc = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'j') {
			usage(stderr);
			g_string_free(json, TRUE);
			return EX_USAGE;
		}
		as_json = 1;
	}
	if (optind >= argc) {
		usage(stderr);
		g_string_free(json, TRUE);
		return EX_USAGE;
	}
	for (int i = optind; i < argc; i++) {
		GPtrArray *verdicts = g_ptr_array_new_with_free_func(g_free);
		GString *errors = g_string_new(NULL);
		seal_rcpt_decision r;

		if (candidates(cfg, argv[i], verdicts, errors) < 0)
			rc = EX_TEMPFAIL;
		seal_chain_explain(cfg, argv[i], &r);
		if (as_json) {
			if (i > optind)
				g_string_append(json, ", ");
			print_json(&r, verdicts, errors, json);
		} else {
			print_text(cfg, &r, verdicts, errors);
		}
		seal_rcpt_decision_clear(&r);
		g_string_free(errors, TRUE);
		g_ptr_array_free(verdicts, TRUE);
	}
	if (as_json)
		printf("%s]\n", json->str);
	g_string_free(json, TRUE);
	return rc;
}

static const struct {
	const char *name;
	int (*run)(const seal_config *cfg, int argc, char **argv);
} commands[] = {
	{ "keys", cmd_keys },
	{ "quarantine", ctl_quarantine },
	{ "audit", ctl_audit },
	{ "purge", ctl_purge },
	{ "consent", ctl_consent },
	{ "officer", ctl_officers },
	{ "selftest", ctl_selftest },
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	const char *config = NULL;
	seal_config *cfg;
	int c, rc;

	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};

	/* Options before the command; the command parses its own ("+"). */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:c:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': config = optarg; break;
		case 'h': usage(stdout); return 0;
		case ':':
			fprintf(stderr, "sealctl: option %s needs an argument\n", argv[optind - 1]);
			usage(stderr);
			return EX_USAGE;
		default:
			/* optopt: the short option; 0 for an unknown long one (then in argv). */
			if (optopt != 0)
				fprintf(stderr, "sealctl: unknown option -%c\n", optopt);
			else
				fprintf(stderr, "sealctl: unknown option %s\n", argv[optind - 1]);
			usage(stderr);
			return EX_USAGE;
		}
	}
	opterr = 1;     /* the commands' own options: getopt names a wrong one */
	if (optind >= argc) {
		usage(stderr);
		return EX_USAGE;
	}
	for (c = 0; commands[c].name != NULL; c++)
		if (strcmp(argv[optind], commands[c].name) == 0)
			break;
	if (commands[c].name == NULL) {
		ctl_error_value("command", argv[optind], "is unknown");
		usage(stderr);
		return EX_USAGE;
	}
	cfg = load_config(config);
	if (cfg == NULL)
		return EX_CONFIG;
	g_mime_init();
	rc = commands[c].run(cfg, argc - optind, argv + optind);
	g_mime_shutdown();
	seal_config_unref(cfg);
	return rc;
}
