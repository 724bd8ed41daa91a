/*
 * test_policy.c - domain classes, the cleartext rule, and whole decisions
 * from seal_scan() on small in-memory messages.
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "check_main.h"
#include "config_check.h"
#include "policy.h"
#include "report.h"
#include "scan.h"

static const seal_date scan_date = { 2026, 6, 1 };

static seal_config *
test_config(void)
{
	seal_config *cfg = seal_config_new_defaults();
	seal_err err;

	if (cfg->internal_domains == NULL)
		cfg->internal_domains = seal_domain_list_new();
	if (cfg->trusted_domains == NULL)
		cfg->trusted_domains = seal_domain_list_new();
	if (cfg->blocked_domains == NULL)
		cfg->blocked_domains = seal_domain_list_new();
	ck_assert_int_eq(seal_domain_list_add(cfg->internal_domains, "kommune.example", &err), SEAL_OK);
	ck_assert_int_eq(seal_domain_list_add(cfg->trusted_domains, "partner.example", &err), SEAL_OK);
	ck_assert_int_eq(seal_domain_list_add(cfg->trusted_domains, "jens@citizen.example", &err), SEAL_OK);
	ck_assert_int_eq(seal_domain_list_add(cfg->blocked_domains, "hotmail.example", &err), SEAL_OK);
	/* internal wins over blocked when an admin lists a domain twice */
	ck_assert_int_eq(seal_domain_list_add(cfg->blocked_domains, "kommune.example", &err), SEAL_OK);
	cfg->language = SEAL_LANG_EN;
	return cfg;
}

static const struct classify_case {
	const char *address;
	seal_domain_class want;
} classify_cases[] = {
	{ "a@kommune.example", SEAL_DOMAIN_INTERNAL },
	{ "a@Aarhus.Kommune.Example", SEAL_DOMAIN_INTERNAL },
	{ "<a@kommune.example>", SEAL_DOMAIN_INTERNAL },
	{ "b@partner.example", SEAL_DOMAIN_TRUSTED },
	{ "jens@citizen.example", SEAL_DOMAIN_TRUSTED },
	{ "other@citizen.example", SEAL_DOMAIN_UNTRUSTED },
	{ "x@hotmail.example", SEAL_DOMAIN_BLOCKED },
	{ "x@xkommune.example", SEAL_DOMAIN_UNTRUSTED },
	{ "x@gmail.example", SEAL_DOMAIN_UNTRUSTED },
	{ "no-at-sign", SEAL_DOMAIN_UNTRUSTED },
	{ "", SEAL_DOMAIN_UNTRUSTED },
	/*
	 * Routing syntax in the local part: Postfix's allow_percent_hack,
	 * swap_bangpath and resolve_dequoted_address (on by default) send
	 * these to gmail.example through a domain of its own (issue 9 item 13,
	 * issue 15 item 2): untrusted whatever the domain, even a listed
	 * address; blocked stays blocked.
	 */
	{ "citizen%gmail.example@localhost.kommune.example", SEAL_DOMAIN_UNTRUSTED },
	{ "<citizen%gmail.example@kommune.example>", SEAL_DOMAIN_UNTRUSTED },
	{ "gmail.example!citizen@localhost.kommune.example", SEAL_DOMAIN_UNTRUSTED },
	{ "\"citizen@gmail.example\"@localhost.kommune.example", SEAL_DOMAIN_UNTRUSTED },
	{ "<@kommune.example:citizen%gmail.example@kommune.example>", SEAL_DOMAIN_UNTRUSTED },
	{ "a%b@partner.example", SEAL_DOMAIN_UNTRUSTED },
	{ "a!b@hotmail.example", SEAL_DOMAIN_BLOCKED },
	/* A source route names relays, not the mailbox: the last address decides. */
	{ "<@gmail.example:a@kommune.example>", SEAL_DOMAIN_INTERNAL },
	{ "\"first last\"@kommune.example", SEAL_DOMAIN_INTERNAL },
};

START_TEST(test_classify)
{
	const struct classify_case *c = &classify_cases[_i];
	seal_config *cfg = test_config();
	seal_domain_class got = seal_policy_classify(cfg, c->address);

	ck_assert_msg(got == c->want, "%s: got %s, want %s", c->address,
	    seal_domain_class_name(got), seal_domain_class_name(c->want));
	seal_config_unref(cfg);
}
END_TEST

START_TEST(test_defaults_fail_closed)
{
	seal_config *cfg = seal_config_new_defaults();

	ck_assert_str_eq(seal_domain_class_name(seal_policy_classify(cfg, "a@anything.example")),
	    "untrusted");
	seal_config_unref(cfg);
}
END_TEST

static const struct cleartext_case {
	seal_domain_class dc;
	seal_class cls;
	int unscannable;
	int want;
} cleartext_cases[] = {
	{ SEAL_DOMAIN_INTERNAL, SEAL_CLASS_CONFIDENTIAL, 0, 1 },
	{ SEAL_DOMAIN_TRUSTED, SEAL_CLASS_SENSITIVE, 1, 1 },
	{ SEAL_DOMAIN_UNTRUSTED, SEAL_CLASS_PUBLIC, 0, 1 },
	{ SEAL_DOMAIN_UNTRUSTED, SEAL_CLASS_PUBLIC, 1, 0 },
	{ SEAL_DOMAIN_UNTRUSTED, SEAL_CLASS_CONFIDENTIAL, 0, 0 },
	{ SEAL_DOMAIN_BLOCKED, SEAL_CLASS_PUBLIC, 0, 1 },
	{ SEAL_DOMAIN_BLOCKED, SEAL_CLASS_CONFIDENTIAL, 0, 0 },
	{ SEAL_DOMAIN_BLOCKED, SEAL_CLASS_PUBLIC, 1, 0 },
};

START_TEST(test_cleartext)
{
	const struct cleartext_case *c = &cleartext_cases[_i];
	int got = seal_policy_cleartext_allowed(c->dc, c->cls, c->unscannable);

	ck_assert_msg(got == c->want, "case %d (%s, %s, unscannable %d): got %d, want %d", _i,
	    seal_domain_class_name(c->dc), seal_class_name(c->cls), c->unscannable, got, c->want);
}
END_TEST

/* ------------------------------------------------------------------ whole decisions */

#define CPR_BODY "From: a@kommune.example\r\nTo: x@y\r\nSubject: Sag\r\n\r\n" \
	"Borgerens CPR-nummer er 170583-1889.\r\n"
#define CLEAN_BODY "From: a@kommune.example\r\nSubject: Hej\r\n\r\n" \
	"Moedet er flyttet til 12-01-2026 kl. 10, tlf. 12 34 56 78.\r\n"
#define NAME_BODY "From: a@kommune.example\r\nSubject: Bilag\r\nMIME-Version: 1.0\r\n" \
	"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n" \
	"Content-Type: text/plain\r\n\r\nSe bilag.\r\n--b\r\n" \
	"Content-Type: application/octet-stream\r\n" \
	"Content-Disposition: attachment; filename=\"Beslut 710903-7353.pdf\"\r\n" \
	"Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--b--\r\n"
#define LOW_BODY "From: a@kommune.example\r\nSubject: Hej\r\n\r\nOrdre 1705831889 er sendt.\r\n"

static const struct decision_case {
	const char *label;
	const char *message;
	const char *rcpts[3];
	int min_confidence;
	uint64_t max_scan_size;
	seal_unscannable_action unscannable_action;
	seal_action want_action;
	seal_class want_class;
	const char *want_reply_part;     /* substring of the reply text, or NULL */
	int want_causes[3];
} decision_cases[] = {
	{ "clean to untrusted", CLEAN_BODY, { "x@gmail.example" }, 2, 0, 0,
	  SEAL_ACTION_ACCEPT, SEAL_CLASS_PUBLIC, NULL, { 0 } },
	{ "cpr to untrusted", CPR_BODY, { "x@gmail.example" }, 2, 0, 0,
	  SEAL_ACTION_REFUSE, SEAL_CLASS_CONFIDENTIAL, "CPR 170583-XXXX (body)", { 1 } },
	{ "cpr to blocked", CPR_BODY, { "x@hotmail.example" }, 2, 0, 0,
	  SEAL_ACTION_REFUSE, SEAL_CLASS_CONFIDENTIAL, "x@hotmail.example", { 1 } },
	{ "cpr to trusted", CPR_BODY, { "b@partner.example" }, 2, 0, 0,
	  SEAL_ACTION_ACCEPT, SEAL_CLASS_CONFIDENTIAL, NULL, { 0 } },
	{ "cpr to internal", CPR_BODY, { "a@sub.kommune.example" }, 2, 0, 0,
	  SEAL_ACTION_ACCEPT, SEAL_CLASS_CONFIDENTIAL, NULL, { 0 } },
	{ "cpr mixed", CPR_BODY, { "a@kommune.example", "x@gmail.example", "b@partner.example" }, 2, 0, 0,
	  SEAL_ACTION_REFUSE, SEAL_CLASS_CONFIDENTIAL, "x@gmail.example", { 0, 1, 0 } },
	{ "number in file name", NAME_BODY, { "x@gmail.example" }, 2, 0, 0,
	  SEAL_ACTION_REFUSE, SEAL_CLASS_CONFIDENTIAL, "attachment Beslut 710903-XXXX.pdf", { 1 } },
	{ "low finding not counted", LOW_BODY, { "x@gmail.example" }, 2, 0, 0,
	  SEAL_ACTION_ACCEPT, SEAL_CLASS_PUBLIC, NULL, { 0 } },
	{ "low finding counted when configured", LOW_BODY, { "x@gmail.example" }, 1, 0, 0,
	  SEAL_ACTION_REFUSE, SEAL_CLASS_CONFIDENTIAL, NULL, { 1 } },
	{ "too big to untrusted: refuse", CLEAN_BODY, { "x@gmail.example" }, 2, 16, SEAL_UNSCANNABLE_REFUSE,
	  SEAL_ACTION_REFUSE, SEAL_CLASS_PUBLIC, "max_scan_size", { 1 } },
	{ "too big to untrusted: tempfail", CLEAN_BODY, { "x@gmail.example" }, 2, 16, SEAL_UNSCANNABLE_TEMPFAIL,
	  SEAL_ACTION_TEMPFAIL, SEAL_CLASS_PUBLIC, NULL, { 1 } },
	{ "too big to internal", CLEAN_BODY, { "a@kommune.example" }, 2, 16, SEAL_UNSCANNABLE_REFUSE,
	  SEAL_ACTION_ACCEPT, SEAL_CLASS_PUBLIC, NULL, { 0 } },
};

START_TEST(test_decision)
{
	const struct decision_case *c = &decision_cases[_i];
	seal_config *cfg = test_config();
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(c->message, strlen(c->message));
	seal_envelope env;
	seal_decision *d = NULL;
	seal_err err;
	size_t n = 0;

	while (n < 3 && c->rcpts[n] != NULL)
		n++;
	memset(&env, 0, sizeof(env));
	env.sender = "a@kommune.example";
	env.rcpts = c->rcpts;
	env.nrcpts = n;
	cfg->min_confidence = c->min_confidence;
	if (c->max_scan_size != 0)
		cfg->max_scan_size = c->max_scan_size;
	cfg->unscannable_action = c->unscannable_action;

	ck_assert_int_eq(seal_scan(cfg, stream, &env, &scan_date, &d, &err), SEAL_OK);
	ck_assert_msg(d->action == c->want_action, "%s: action: got %s, want %s", c->label,
	    seal_action_name(d->action), seal_action_name(c->want_action));
	ck_assert_msg(d->cls == c->want_class, "%s: class: got %s, want %s", c->label,
	    seal_class_name(d->cls), seal_class_name(c->want_class));
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(d->rcpts[i].causes_refusal == c->want_causes[i],
		    "%s: rcpt %zu causes_refusal: got %d, want %d", c->label, i,
		    d->rcpts[i].causes_refusal, c->want_causes[i]);
	if (c->want_action == SEAL_ACTION_ACCEPT)
		ck_assert_msg(d->reply_text == NULL, "%s: reply text on accept", c->label);
	else
		ck_assert_msg(d->reply_text != NULL, "%s: no reply text", c->label);
	if (c->want_reply_part != NULL)
		ck_assert_msg(strstr(d->reply_text, c->want_reply_part) != NULL,
		    "%s: reply lacks \"%s\"", c->label, c->want_reply_part);
	/* The reply must never hold a number in clear. */
	if (d->reply_text != NULL) {
		ck_assert_msg(strstr(d->reply_text, "1889") == NULL, "%s: number in reply", c->label);
		ck_assert_msg(strstr(d->reply_text, "7353") == NULL, "%s: number in reply", c->label);
	}
	seal_decision_free(d);
	g_object_unref(stream);
	seal_config_unref(cfg);
}
END_TEST

/* With fingerprint_key_file each finding carries the keyed HMAC of its digits
 * (value computed independently with `openssl dgst -sha256 -hmac`). */
START_TEST(test_fingerprints)
{
	static const char key[] = "sealmilter-test-fingerprint-key-0123456789\n";
	static const char *const rcpts[] = { "x@gmail.example" };
	seal_config *cfg = test_config();
	char *path = g_build_filename(g_get_tmp_dir(), "seal-policy-key-XXXXXX", NULL);
	int fd = g_mkstemp(path);
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(CPR_BODY, strlen(CPR_BODY));
	seal_envelope env;
	seal_decision *d = NULL;
	seal_err err;
	GString *out = g_string_new(NULL);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, key, strlen(key)), (ssize_t)strlen(key));
	close(fd);
	chmod(path, 0600);
	g_free(cfg->fingerprint_key_file);
	cfg->fingerprint_key_file = g_strdup(path);
	ck_assert_int_eq(seal_config_load_secrets(cfg, &err), SEAL_OK);
	memset(&env, 0, sizeof(env));
	env.sender = "a@kommune.example";
	env.rcpts = rcpts;
	env.nrcpts = 1;
	ck_assert_int_eq(seal_scan(cfg, stream, &env, &scan_date, &d, &err), SEAL_OK);
	ck_assert_uint_eq(d->findings->len, 1);
	ck_assert_str_eq(g_array_index(d->findings, seal_scan_finding, 0).fingerprint,
	    "77b890ff07f14bbef65db7eb328638a86ebab3b7b0952a2d167e91a66b6dcb56");
	seal_report_log_line(d, out);
	ck_assert_msg(strstr(out->str, " fp=77b890ff07f14bbe") != NULL, "log line lacks fp=");
	g_string_truncate(out, 0);
	seal_report_json(d, out);
	ck_assert_msg(strstr(out->str, "\"fingerprint\": \"77b890ff") != NULL, "JSON lacks it");
	ck_assert_msg(strstr(out->str, "1889") == NULL, "number in JSON");

	g_string_free(out, TRUE);
	seal_decision_free(d);
	g_object_unref(stream);
	seal_config_unref(cfg);
	unlink(path);
	g_free(path);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("policy");
	int rc;

	g_mime_init();
	tcase_add_loop_test(tc, test_classify, 0, G_N_ELEMENTS(classify_cases));
	tcase_add_test(tc, test_defaults_fail_closed);
	tcase_add_loop_test(tc, test_cleartext, 0, G_N_ELEMENTS(cleartext_cases));
	tcase_add_loop_test(tc, test_decision, 0, G_N_ELEMENTS(decision_cases));
	tcase_add_test(tc, test_fingerprints);
	suite_add_tcase(s, tc);
	rc = seal_check_run(s);
	g_mime_shutdown();
	return rc;
}
