/*
 * consent.c - sealctl consent: the recipients who consented to service
 * messages in cleartext (profile dk), kept in the store so that every
 * relay on it reads the same list (store.h, consent.h).
 *
 *   sealctl consent list [--json]
 *   sealctl consent add ADDRESS [--date YYYY-MM-DD] [--officer NAME]
 *   sealctl consent withdraw ADDRESS [--date YYYY-MM-DD] [--officer NAME]
 *
 * add and withdraw are audit records (action consent-add,
 * consent-withdraw; the address as recipient; officer and date in detail),
 * so who changed whose consent, and when, is in the keyed chain.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "consent.h"
#include "ctl.h"

static void
usage_consent(FILE *out)
{
	fprintf(out,
	    "usage: sealctl consent list [--json]\n"
	    "       sealctl consent add ADDRESS [--date YYYY-MM-DD] [--officer NAME]\n"
	    "       sealctl consent withdraw ADDRESS [--date YYYY-MM-DD] [--officer NAME]\n");
}

static int
consent_list(seal_store *s, int as_json)
{
	static const char *const titles[] = { "ADDRESS", "GIVEN", "WITHDRAWN", "STATE", NULL };
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(seal_consent_entry));
	char today[11];
	seal_err err;
	int rc = 0;

	seal_consent_today(today);
	seal_err_clear(&err);
	if (seal_store_consent_list(s, rows, &err) != SEAL_OK) {
		ctl_error("consent list failed: %s", err.msg);
		g_array_free(rows, TRUE);
		return ctl_store_exit(&err, EX_SOFTWARE);
	}
	if (as_json) {
		GString *g = g_string_new("[");

		for (guint i = 0; i < rows->len; i++) {
			const seal_consent_entry *e = &g_array_index(rows, seal_consent_entry, i);

			g_string_append(g, i > 0 ? ", {" : "{");
			ctl_json_masked(g, 1, "address", e->address);
			ctl_json_str(g, 0, "given", e->given);
			ctl_json_str(g, 0, "withdrawn", e->withdrawn);
			g_string_append_printf(g, ", \"in_force\": %s}",
			    seal_consent_in_force(e, today) ? "true" : "false");
		}
		printf("%s]\n", g->str);
		g_string_free(g, TRUE);
	} else {
		ctl_table *t = ctl_table_new(titles);

		for (guint i = 0; i < rows->len; i++) {
			const seal_consent_entry *e = &g_array_index(rows, seal_consent_entry, i);
			char *shown = ctl_mask(e->address);
			const char *cells[] = { shown, e->given, e->withdrawn,
			    seal_consent_in_force(e, today) ? "in force" : "not in force" };

			ctl_table_add(t, cells);
			g_free(shown);
		}
		ctl_table_print(t, stdout);
	}
	g_array_free(rows, TRUE);
	return rc;
}

/* The change as an audit record: the address as recipient, who and when in detail. */
static seal_status
consent_audit(seal_store *s, const char *action, const char *address, const char *officer,
	const char *date, seal_err *err)
{
	seal_audit_record *r = seal_audit_record_new();
	char *low = g_utf8_strdown(address, -1);
	seal_status st;

	r->time = (int64_t)time(NULL);
	r->relay = g_strdup(g_get_host_name());
	r->queue_id = g_strdup("");
	r->message_id = g_strdup("");
	r->auth_user = g_strdup("");
	r->sender = g_strdup("");
	r->cls = g_strdup("");
	r->action = g_strdup(action);
	r->kinds = g_strdup("");
	r->rules = g_strdup("");
	r->detail = g_strdup_printf("officer=%s %s=%s", officer,
	    strcmp(action, "consent-add") == 0 ? "given" : "withdrawn", date);
	seal_audit_record_add_rcpt(r, low, action);
	st = seal_store_audit_append(s, r, err);
	seal_audit_record_free(r);
	g_free(low);
	return st;
}

static int
consent_change(seal_store *s, int add, const char *address, const char *date,
	const char *officer)
{
	const char *action = add ? "consent-add" : "consent-withdraw";
	char *low = g_utf8_strdown(address, -1), *shown = ctl_mask(low);
	seal_err err;
	seal_status st;
	int rc = 0;

	seal_err_clear(&err);
	st = add ? seal_store_consent_add(s, address, date, &err)
	    : seal_store_consent_withdraw(s, address, date, &err);
	if (st == SEAL_OK)
		st = consent_audit(s, action, address, officer, date, &err);
	if (st != SEAL_OK) {
		ctl_error("%s failed: %s", action, err.msg);
		rc = ctl_store_exit(&err, EX_DATAERR);
	} else
		printf("%s: consent %s %s\n", shown, add ? "given" : "withdrawn", date);
	g_free(shown);
	g_free(low);
	return rc;
}

int
ctl_consent(const seal_config *cfg, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "officer", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const char *date = NULL, *given_officer = NULL, *sub;
	char today[11], *officer;
	int c, as_json = 0, rc = 0, add;
	seal_store *s;

	if (argc < 2) {
		usage_consent(stderr);
		return EX_USAGE;
	}
	sub = argv[1];
	optind = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 'o': given_officer = optarg; break;
		case 'j': as_json = 1; break;
		default: usage_consent(stderr); return EX_USAGE;
		}
	}
	add = strcmp(sub, "add") == 0;
	if (strcmp(sub, "list") == 0 ? optind != argc - 1 || date != NULL
	    : (!add && strcmp(sub, "withdraw") != 0) || optind != argc - 2 || as_json) {
		usage_consent(stderr);
		return EX_USAGE;
	}
	if (date != NULL && !seal_consent_date_valid(date)) {
		ctl_error_value("--date", date, "is not a date (YYYY-MM-DD)");
		return EX_USAGE;
	}
	if (strcmp(sub, "list") != 0 && !seal_consent_address_valid(argv[argc - 1])) {
		ctl_error_value("address", argv[argc - 1], "is not an address");
		return EX_USAGE;
	}
	if ((s = ctl_store_open(cfg, &rc)) == NULL)
		return rc;
	if (strcmp(sub, "list") == 0)
		rc = consent_list(s, as_json);
	else if ((officer = ctl_officer(given_officer)) == NULL)
		rc = EX_USAGE;
	else {
		seal_consent_today(today);
		rc = consent_change(s, add, argv[argc - 1], date != NULL ? date : today, officer);
		g_free(officer);
	}
	seal_store_close(s);
	return rc;
}
