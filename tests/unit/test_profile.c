/*
 * test_profile.c - the message class (public, confidential, sensitive),
 * which chain a recipient meets, and the regulator profiles' waiver for
 * service messages (profile.h), through seal_scan() on whole messages; the
 * consent file reader (consent.h) and the category labels (catlabel.h).
 *
 * Until the category detector lands, a site rule of class sensitive
 * (pattern misbrugsbehandling*) marks the sensitive word, as the
 * integration tests do. The CPR number is vector dk-054/dk-055
 * (170583-XXXX, tests/data/vectors.tsv).
 */
#include <string.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "audit.h"
#include "catlabel.h"
#include "check_main.h"
#include "consent.h"
#include "policy.h"
#include "profile.h"
#include "report.h"
#include "rules.h"
#include "scan.h"

static const seal_date scan_date = { 2026, 6, 1 };

#define HEAD "From: booking@kommune.example\r\nTo: jens@citizen.example\r\n" \
	"Subject: Din aftale\r\nMIME-Version: 1.0\r\n"
/* A Danish service reminder that reveals a treatment: sensitive. */
#define REMINDER_TEXT "Kære Jens Hansen,\r\n\r\nDu har en aftale om din misbrugsbehandling " \
	"tirsdag den 3. juni kl. 10.00 hos Rusmiddelcenteret, Vestergade 4.\r\n" \
	"Meld gerne afbud senest dagen før.\r\n\r\nVenlig hilsen\r\nBooking\r\n"
#define REMINDER HEAD "Content-Type: text/plain; charset=utf-8\r\n\r\n" REMINDER_TEXT
/* The same with a CPR number (vector dk-054): an identity number. */
#define REMINDER_CPR HEAD "Content-Type: text/plain; charset=utf-8\r\n\r\n" REMINDER_TEXT \
	"CPR-nr. 170583-1889\r\n"
/* The same with a (readable, so not unscannable) text file attached. */
#define REMINDER_ATTACH HEAD "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" \
	"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" REMINDER_TEXT \
	"--b\r\nContent-Type: text/plain; charset=utf-8\r\n" \
	"Content-Disposition: attachment; filename=\"vejviser.txt\"\r\n\r\n" \
	"Rusmiddelcenteret ligger på Vestergade 4, 2. sal.\r\n--b--\r\n"
/* A reminder that reveals nothing: public. */
#define PLAIN_REMINDER HEAD "Content-Type: text/plain; charset=utf-8\r\n\r\n" \
	"Kære Jens Hansen,\r\n\r\nDu har en aftale tirsdag den 3. juni kl. 10.00.\r\n"
/* Identity number alone: confidential. */
#define CPR_ONLY HEAD "Content-Type: text/plain\r\n\r\nCPR-nr. 170583-1889\r\n"

static char *rules_path;

static void
free_consent(struct seal_consent *c)
{
	seal_consent_free(c);
}

static seal_config *
test_config(seal_profile profile)
{
	seal_config *cfg = seal_config_new_defaults();
	seal_err err;
	int fd;

	seal_err_clear(&err);
	cfg->internal_domains = seal_domain_list_free(cfg->internal_domains);
	cfg->internal_domains = seal_domain_list_new();
	cfg->blocked_domains = seal_domain_list_free(cfg->blocked_domains);
	cfg->blocked_domains = seal_domain_list_new();
	cfg->service_senders = seal_domain_list_free(cfg->service_senders);
	cfg->service_senders = seal_domain_list_new();
	ck_assert_int_eq(seal_domain_list_add(cfg->internal_domains, "kommune.example", &err), SEAL_OK);
	ck_assert_int_eq(seal_domain_list_add(cfg->blocked_domains, "freemail.example", &err), SEAL_OK);
	ck_assert_int_eq(seal_domain_list_add(cfg->service_senders, "booking@kommune.example", &err),
	    SEAL_OK);
	cfg->language = SEAL_LANG_DA;
	cfg->profile = profile;
	/* no store: hold never applies; divert goes to the internal secure mailbox */
	g_free(cfg->store);
	cfg->store = g_strdup("");
	g_strfreev(cfg->divert_to);
	cfg->divert_to = g_strsplit("postkasse@kommune.example", " ", -1);
	if (rules_path == NULL) {
		static const char rules[] = "name = misbrug\npattern = (?i)misbrugsbehandling\\w*\n"
		    "class = sensitive\nconfidence = high\n";

		rules_path = g_build_filename(g_get_tmp_dir(), "seal-profile-XXXXXX", NULL);
		fd = g_mkstemp(rules_path);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(write(fd, rules, sizeof(rules) - 1), (ssize_t)(sizeof(rules) - 1));
		close(fd);
	}
	cfg->rules = seal_rules_load(rules_path, &err);
	ck_assert_msg(cfg->rules != NULL, "%s", err.msg);
	cfg->consent = seal_consent_new();
	cfg->consent_free = free_consent;
	ck_assert_int_eq(seal_consent_add(cfg->consent, "Jens@Citizen.example", "2024-03-01", NULL,
	    &err), SEAL_OK);
	ck_assert_int_eq(seal_consent_add(cfg->consent, "karen@citizen.example", "2024-03-01",
	    "2025-01-15", &err), SEAL_OK);
	ck_assert_int_eq(seal_consent_add(cfg->consent, "ole@freemail.example", "2024-03-01", NULL,
	    &err), SEAL_OK);
	return cfg;
}

/* The store's answer for the consent_lookup case: it could not be asked. */
static int
lookup_fails(void *ctx, const char *address, seal_consent_entry *out)
{
	(void)ctx;
	(void)address;
	(void)out;
	return -1;
}

enum verify { V_AUTH, V_SPF_PASS, V_SPF_SOFTFAIL, V_NONE };

static const struct profile_case {
	const char *label;
	seal_profile profile;
	const char *message;
	const char *rcpt;
	const char *sender;
	enum verify verify;
	uint64_t max_size;          /* service_message_max_size; 0 = default */
	int store_fails;            /* consent asked through a lookup that fails */
	seal_class want_class;
	seal_action want_action;
	const char *want_reason;    /* substring of the recipient's reason */
	const char *want_why;       /* why it is no service message (profile.h), or NULL */
} cases[] = {
	{ "dk: consent given, AUTH", SEAL_PROFILE_DK, REMINDER, "jens@citizen.example",
	  "booking@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_ACCEPT,
	  "service message under consent jens@citizen.example:2024-03-01 (profile dk)", NULL },
	{ "dk: consent given, SPF pass", SEAL_PROFILE_DK, REMINDER, "JENS@citizen.example",
	  "booking@kommune.example", V_SPF_PASS, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_ACCEPT,
	  "under consent jens@citizen.example:2024-03-01", NULL },
	{ "dk: consent withdrawn", SEAL_PROFILE_DK, REMINDER, "karen@citizen.example",
	  "booking@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT,
	  "secure mailbox", NULL },
	{ "dk: no consent", SEAL_PROFILE_DK, REMINDER, "per@citizen.example",
	  "booking@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT,
	  "secure mailbox", NULL },
	{ "dk: sender unverified (no AUTH, no SPF)", SEAL_PROFILE_DK, REMINDER,
	  "jens@citizen.example", "booking@kommune.example", V_NONE, 0, 0,
	  SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT, "secure mailbox", "sender not verified (no SMTP AUTH, no SPF pass)" },
	{ "dk: sender unverified (SPF softfail)", SEAL_PROFILE_DK, REMINDER,
	  "jens@citizen.example", "booking@kommune.example", V_SPF_SOFTFAIL, 0, 0,
	  SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT, "secure mailbox", "sender not verified (no SMTP AUTH, no SPF pass)" },
	{ "dk: sender not a service sender", SEAL_PROFILE_DK, REMINDER, "jens@citizen.example",
	  "sagsbehandler@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_SENSITIVE,
	  SEAL_ACTION_DIVERT, "secure mailbox", "sender not in service_senders" },
	{ "dk: identity number present", SEAL_PROFILE_DK, REMINDER_CPR, "jens@citizen.example",
	  "booking@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT,
	  "secure mailbox", "identity number" },
	{ "dk: attachment present", SEAL_PROFILE_DK, REMINDER_ATTACH, "jens@citizen.example",
	  "booking@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT,
	  "secure mailbox", "attachment" },
	{ "dk: over service_message_max_size", SEAL_PROFILE_DK, REMINDER, "jens@citizen.example",
	  "booking@kommune.example", V_AUTH, 200, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT,
	  "secure mailbox", "larger than service_message_max_size" },
	{ "dk: blocked domain never waived", SEAL_PROFILE_DK, REMINDER, "ole@freemail.example",
	  "booking@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT,
	  "secure mailbox", NULL },
	{ "dk: consent source fails", SEAL_PROFILE_DK, REMINDER, "jens@citizen.example",
	  "booking@kommune.example", V_AUTH, 0, 1, SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT,
	  "secure mailbox", NULL },
	{ "se: consent never waives", SEAL_PROFILE_SE, REMINDER, "jens@citizen.example",
	  "booking@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT,
	  "secure mailbox", "profile gives no waiver" },
	{ "se: a reminder without categories is public", SEAL_PROFILE_SE, PLAIN_REMINDER,
	  "jens@citizen.example", "booking@kommune.example", V_NONE, 0, 0, SEAL_CLASS_PUBLIC,
	  SEAL_ACTION_ACCEPT, "nothing to protect", NULL },
	{ "no: as none", SEAL_PROFILE_NO, REMINDER, "jens@citizen.example",
	  "booking@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT,
	  "secure mailbox", "profile gives no waiver" },
	{ "none: no waiver", SEAL_PROFILE_NONE, REMINDER, "jens@citizen.example",
	  "booking@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_DIVERT,
	  "secure mailbox", "profile gives no waiver" },
	/* chain choice: confidential mail meets action_chain (smime, pgp, refuse) */
	{ "confidential: action_chain refuses", SEAL_PROFILE_DK, CPR_ONLY, "jens@citizen.example",
	  "booking@kommune.example", V_AUTH, 0, 0, SEAL_CLASS_CONFIDENTIAL, SEAL_ACTION_REFUSE,
	  "no usable certificate or key", NULL },
	{ "sensitive to internal: cleartext", SEAL_PROFILE_NONE, REMINDER, "a@kommune.example",
	  "booking@kommune.example", V_NONE, 0, 0, SEAL_CLASS_SENSITIVE, SEAL_ACTION_ACCEPT,
	  "internal domain", NULL },
};

/*
 * The log line and the audit record tell a waiver from ordinary delivery:
 * the recipient is marked ":waiver" and the consent entry is named
 * (ADDRESS:GIVEN); without a waiver neither appears. Neither holds a word
 * of the reminder.
 */
static void
assert_waiver_logged(const seal_decision *d, const struct profile_case *c)
{
	int waiver = strstr(c->want_reason, "under consent") != NULL;
	seal_envelope env;
	seal_audit_context actx;
	seal_audit_record *r;
	GString *line = g_string_new(NULL);

	seal_report_log_line(d, line);
	if (waiver) {
		ck_assert_msg(strstr(line->str, ":untrusted:accept:waiver") != NULL
		    && strstr(line->str, " waiver=\"service message under consent\" "
		    "consent=jens@citizen.example:2024-03-01") != NULL,
		    "%s: log line \"%s\" does not name the waiver", c->label, line->str);
	} else {
		ck_assert_msg(strstr(line->str, "waiver") == NULL && strstr(line->str, "consent") == NULL,
		    "%s: log line \"%s\" names a waiver", c->label, line->str);
	}
	ck_assert_msg(strstr(line->str, "misbrugsbehandling") == NULL
	    && strstr(line->str, "Hansen") == NULL,
	    "%s: log line \"%s\" holds words of the message", c->label, line->str);
	memset(&env, 0, sizeof(env));
	memset(&actx, 0, sizeof(actx));
	actx.env = &env;
	r = seal_audit_from_decision(d, &actx, 0);
	if (waiver)
		ck_assert_msg(strcmp(r->detail, "waiver=service-message "
		    "consent=jens@citizen.example:2024-03-01") == 0,
		    "%s: audit detail \"%s\"", c->label, r->detail);
	else
		ck_assert_msg(strstr(r->detail, "consent") == NULL, "%s: audit detail \"%s\"",
		    c->label, r->detail);
	seal_audit_record_free(r);
	g_string_free(line, TRUE);
}

START_TEST(profile_decision)
{
	const struct profile_case *c = &cases[_i];
	seal_config *cfg = test_config(c->profile);
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(c->message, strlen(c->message));
	const char *rcpts[] = { c->rcpt };
	seal_envelope env;
	seal_decision *d = NULL;
	seal_err err;

	memset(&env, 0, sizeof(env));
	env.sender = c->sender;
	env.rcpts = rcpts;
	env.nrcpts = 1;
	env.auth_user = c->verify == V_AUTH ? "booking" : NULL;
	env.spf = c->verify == V_SPF_PASS ? SEAL_SPF_PASS
	    : c->verify == V_SPF_SOFTFAIL ? SEAL_SPF_SOFTFAIL : SEAL_SPF_SKIPPED;
	if (c->store_fails)
		env.consent_lookup = lookup_fails;
	if (c->max_size != 0)
		cfg->service_message_max_size = c->max_size;
	ck_assert_int_eq(seal_scan(cfg, stream, &env, &scan_date, &d, &err), SEAL_OK);
	/* the message-level reason, when the case names one */
	if (c->want_why != NULL) {
		char why[80];

		ck_assert_int_eq(seal_profile_service_message(cfg, &env, d, why, sizeof(why)), 0);
		ck_assert_msg(strcmp(why, c->want_why) == 0, "%s: why: got \"%s\", want \"%s\"",
		    c->label, why, c->want_why);
	}
	ck_assert_msg(d->cls == c->want_class, "%s: class: got %s, want %s", c->label,
	    seal_class_name(d->cls), seal_class_name(c->want_class));
	ck_assert_msg(d->rcpts[0].action == c->want_action, "%s: action: got %s (%s), want %s",
	    c->label, seal_action_name(d->rcpts[0].action), d->rcpts[0].reason,
	    seal_action_name(c->want_action));
	ck_assert_msg(strstr(d->rcpts[0].reason, c->want_reason) != NULL,
	    "%s: reason \"%s\" lacks \"%s\"", c->label, d->rcpts[0].reason, c->want_reason);
	/* the consent is named (for the log and the audit record) exactly when it was used */
	if (strstr(c->want_reason, "under consent") != NULL) {
		ck_assert_str_eq(d->rcpts[0].consent_given, "2024-03-01");
		ck_assert_str_eq(d->rcpts[0].consent_id, "jens@citizen.example:2024-03-01");
	} else {
		ck_assert_str_eq(d->rcpts[0].consent_given, "");
		ck_assert_str_eq(d->rcpts[0].consent_id, "");
	}
	assert_waiver_logged(d, c);
	seal_decision_free(d);
	g_object_unref(stream);
	seal_config_unref(cfg);
}
END_TEST

/* sensitive_action_chain = refuse: the text names the rule, never the matched word. */
START_TEST(sensitive_chain_and_text)
{
	seal_config *cfg = test_config(SEAL_PROFILE_NONE);
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(REMINDER, strlen(REMINDER));
	const char *rcpts[] = { "per@citizen.example" };
	seal_envelope env;
	seal_decision *d = NULL;
	GString *json = g_string_new(NULL);
	seal_err err;

	g_strfreev(cfg->sensitive_action_chain);
	cfg->sensitive_action_chain = g_strsplit("refuse", " ", -1);
	memset(&env, 0, sizeof(env));
	env.sender = "a@kommune.example";
	env.rcpts = rcpts;
	env.nrcpts = 1;
	ck_assert_int_eq(seal_scan(cfg, stream, &env, &scan_date, &d, &err), SEAL_OK);
	ck_assert_int_eq(d->cls, SEAL_CLASS_SENSITIVE);
	ck_assert_int_eq(d->action, SEAL_ACTION_REFUSE);
	ck_assert_ptr_nonnull(d->reply_text);
	ck_assert_msg(strstr(d->reply_text, "rule:misbrug (body)") != NULL, "%s", d->reply_text);
	ck_assert_msg(strstr(d->reply_text, "misbrugsbehandling") == NULL, "%s", d->reply_text);
	seal_report_json(d, json);
	ck_assert_msg(strstr(json->str, "\"class\": \"sensitive\"") != NULL, "%s", json->str);
	ck_assert_msg(strstr(json->str, "\"sensitive\": true") != NULL, "%s", json->str);
	g_string_free(json, TRUE);
	seal_decision_free(d);
	g_object_unref(stream);
	seal_config_unref(cfg);
}
END_TEST

static const struct label_case {
	const char *rule;
	seal_lang lang;
	const char *want;
} label_cases[] = {
	{ "category:health", SEAL_LANG_DA, "helbredsoplysninger" },
	{ "category:health", SEAL_LANG_SV, "hälsouppgifter" },
	{ "category:health", SEAL_LANG_EN, "health information" },
	{ "category:health", SEAL_LANG_NB, "helseopplysninger" },
	{ "category:substance", SEAL_LANG_DA, "oplysninger om misbrug" },
	{ "category:social", SEAL_LANG_SV, "uppgifter om sociala förhållanden" },
	{ "category:criminal", SEAL_LANG_NB, "opplysninger om straffbare forhold" },
	{ "category:unheard", SEAL_LANG_EN, "sensitive personal data" },
};

START_TEST(category_labels)
{
	const struct label_case *c = &label_cases[_i];
	seal_finding f;

	memset(&f, 0, sizeof(f));
	f.kind = SEAL_KIND_CATEGORY;
	f.sensitive = 1;
	g_strlcpy(f.rule, c->rule, sizeof(f.rule));
	ck_assert_str_eq(seal_catlabel(&f, c->lang), c->want);
}
END_TEST

/* A decision with a category finding: the refusal text names the category in words. */
START_TEST(category_in_findings_text)
{
	seal_decision d;
	seal_scan_finding sf;
	char *s;

	memset(&d, 0, sizeof(d));
	memset(&sf, 0, sizeof(sf));
	d.findings = g_array_new(FALSE, TRUE, sizeof(seal_scan_finding));
	sf.f.kind = SEAL_KIND_CATEGORY;
	sf.f.sensitive = 1;
	sf.counted = 1;
	g_strlcpy(sf.f.rule, "category:health", sizeof(sf.f.rule));
	g_strlcpy(sf.f.masked, "category:health", sizeof(sf.f.masked));
	sf.where = (char *)"body";
	g_array_append_val(d.findings, sf);
	s = seal_report_findings_lang(&d, 5, SEAL_LANG_DA);
	ck_assert_str_eq(s, "helbredsoplysninger (body)");
	g_free(s);
	s = seal_report_findings(&d, 5);
	ck_assert_str_eq(s, "health information (body)");
	g_free(s);
	g_array_free(d.findings, TRUE);
}
END_TEST

static char *
write_file(const char *text)
{
	char *path = g_build_filename(g_get_tmp_dir(), "seal-consent-XXXXXX", NULL);
	int fd = g_mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static const struct consent_err_case {
	const char *text;
	unsigned line;
	const char *want;
} consent_errs[] = {
	{ "# c\njens@x.example\n", 2, "expected ADDRESS GIVEN [WITHDRAWN], found 1" },
	{ "jens@x.example 2025-02-30\n", 1, "is not a date" },
	{ "jens@x.example 2025-03-01 2025-02-01\n", 1, "withdrawn 2025-02-01 before given" },
	{ "jens@x.example 2025-03-01\n\nJENS@x.example 2025-04-01\n", 3, "listed twice" },
	{ "jens.x.example 2025-03-01\n", 1, "is not an address" },
	{ "a@x.example 2025-03-01 2025-04-01 extra\n", 1, "found 4 fields" },
	{ "a@x.example 25-03-01\n", 1, "is not a date" },
};

START_TEST(consent_file_errors)
{
	const struct consent_err_case *c = &consent_errs[_i];
	char *path = write_file(c->text), *where = g_strdup_printf("%s:%u:", path, c->line);
	seal_consent *k;
	seal_err err;

	seal_err_clear(&err);
	k = seal_consent_load(path, &err);
	ck_assert_ptr_null(k);
	ck_assert_msg(strstr(err.msg, c->want) != NULL, "got \"%s\", want \"%s\"", err.msg,
	    c->want);
	ck_assert_str_eq(err.file, path);
	ck_assert_uint_eq(err.line, c->line);
	unlink(path);
	g_free(where);
	g_free(path);
}
END_TEST

START_TEST(consent_file_in_force)
{
	char *path = write_file("# address given withdrawn\n\n  Jens@Citizen.example\t2025-03-01\n"
	    "karen@citizen.example 2024-11-12 2025-06-30\n");
	const seal_consent_entry *e;
	seal_consent *k;
	seal_err err;

	seal_err_clear(&err);
	k = seal_consent_load(path, &err);
	ck_assert_msg(k != NULL, "%s", err.msg);
	ck_assert_uint_eq(seal_consent_count(k), 2);
	e = seal_consent_find(k, "jens@citizen.EXAMPLE");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->given, "2025-03-01");
	ck_assert_int_eq(seal_consent_in_force(e, "2025-02-28"), 0);
	ck_assert_int_eq(seal_consent_in_force(e, "2025-03-01"), 1);
	e = seal_consent_find(k, "karen@citizen.example");
	ck_assert_int_eq(seal_consent_in_force(e, "2025-06-29"), 1);
	ck_assert_int_eq(seal_consent_in_force(e, "2025-06-30"), 0);
	ck_assert_int_eq(seal_consent_in_force(e, ""), 0);
	ck_assert_ptr_null(seal_consent_find(k, "per@citizen.example"));
	seal_consent_free(k);
	unlink(path);
	g_free(path);
}
END_TEST

/* profile = no speaks bokmål unless language is set; keys parse as documented. */
START_TEST(profile_keys)
{
	char *path = write_file("profile = no\n");
	seal_config *cfg;
	seal_err err;

	seal_err_clear(&err);
	cfg = seal_config_load(path, &err);
	ck_assert_msg(cfg != NULL, "%s", err.msg);
	ck_assert_int_eq(cfg->profile, SEAL_PROFILE_NO);
	ck_assert_int_eq(cfg->language, SEAL_LANG_NB);
	ck_assert_str_eq(cfg->sensitive_action_chain[2], "divert");
	ck_assert_uint_eq(cfg->service_message_max_size, 64 * 1024);
	seal_config_unref(cfg);
	unlink(path);
	g_free(path);
	path = write_file("profile = no\nlanguage = en\nsensitive_action_chain = hold, smime\n");
	cfg = seal_config_load(path, &err);
	ck_assert_ptr_null(cfg);
	ck_assert_msg(strstr(err.msg, "after hold is never reached") != NULL, "%s", err.msg);
	unlink(path);
	g_free(path);
	path = write_file("profile = dk\nlanguage = en\nservice_senders = booking@kommune.example\n");
	cfg = seal_config_load(path, &err);
	ck_assert_msg(cfg != NULL, "%s", err.msg);
	ck_assert_int_eq(cfg->language, SEAL_LANG_EN);
	ck_assert(seal_domain_list_match_address(cfg->service_senders, "Booking@kommune.example"));
	seal_config_unref(cfg);
	unlink(path);
	g_free(path);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("profile");
	int rc;

	g_mime_init();
	tcase_add_loop_test(tc, profile_decision, 0, G_N_ELEMENTS(cases));
	tcase_add_test(tc, sensitive_chain_and_text);
	tcase_add_loop_test(tc, category_labels, 0, G_N_ELEMENTS(label_cases));
	tcase_add_test(tc, category_in_findings_text);
	tcase_add_loop_test(tc, consent_file_errors, 0, G_N_ELEMENTS(consent_errs));
	tcase_add_test(tc, consent_file_in_force);
	tcase_add_test(tc, profile_keys);
	suite_add_tcase(s, tc);
	rc = seal_check_run(s);
	g_mime_shutdown();
	if (rules_path != NULL) {
		unlink(rules_path);
		g_free(rules_path);
	}
	return rc;
}
