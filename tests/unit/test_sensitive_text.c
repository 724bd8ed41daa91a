/*
 * test_sensitive_text.c - what leaves sealmilter about sensitive mail,
 * through seal_scan() with the built-in dictionaries:
 *
 * - the texts a sender gets (refusal, partial notice, hold notice) name the
 *   category in the configured language and never speak of identity
 *   numbers when there are none;
 * - no word that matched, and no other word the sender chose for a name
 *   (Subject, a display name, an attachment's file name), reaches the JSON,
 *   the text report, the log line, a text for the sender, the findings of a
 *   held record or the audit record: `where` names the place only.
 *
 * The messages are tests/data/sensitive-leak/ (one .eml per case): the category words sit
 * in the Subject, the From display name and the file name; da-cpr.eml has a
 * CPR number (vector dk-054) in an attachment whose name holds health words.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "audit.h"
#include "category.h"
#include "check_main.h"
#include "policy.h"
#include "report.h"
#include "scan.h"

static const seal_date scan_date = { 2026, 6, 1 };

static const struct leak_case {
	const char *file;
	seal_lang lang;
	const char *label;          /* the category in words (catlabel.c) */
	const char *general;        /* "sensitive personal data" in the language */
	const char *banned;         /* the language's word for identity numbers */
	const char *words[5];       /* from the Subject, display name, file name */
} leak_cases[] = {
	{ "da.eml", SEAL_LANG_DA, "oplysninger om misbrug", "følsomme personoplysninger",
	  "personnumre", { "misbrugsbehandling", "Antabus", "Hansen", NULL } },
	{ "sv.eml", SEAL_LANG_SV, "hälsouppgifter", "känsliga personuppgifter", "personnummer",
	  { "ADHD", "psykiatrimottagning", "Svensson", NULL } },
	{ "nb.eml", SEAL_LANG_NB, "opplysninger om sosiale forhold",
	  "sensitive personopplysninger", "fødselsnummer",
	  { "bekymringsmelding", "barnevern", "Nordmann", NULL } },
	{ "en.eml", SEAL_LANG_EN, "information about criminal offences",
	  "sensitive personal data", "identity number",
	  { "conviction", "assault", "probation", "Smith", NULL } },
	{ "da-cpr.eml", SEAL_LANG_DA, "helbredsoplysninger", "følsomme personoplysninger", NULL,
	  { "Epikrise", "psykiatrisk", "skizofreni", "1889", "Hansen" } },
};

/* How the recipients are served: refused, some refused (notice), held. */
enum setup { REFUSE, PARTIAL, HOLD, NSETUPS };

static seal_config *
leak_config(seal_lang lang, enum setup setup)
{
	seal_config *cfg = seal_config_new_defaults();
	seal_err err;

	seal_err_clear(&err);
	cfg->internal_domains = seal_domain_list_free(cfg->internal_domains);
	cfg->internal_domains = seal_domain_list_new();
	ck_assert_int_eq(seal_domain_list_add(cfg->internal_domains, "kommune.example", &err),
	    SEAL_OK);
	cfg->language = lang;
	cfg->categories = seal_category_load("", &err);
	ck_assert_msg(cfg->categories != NULL, "built-in dictionaries: %s", err.msg);
	ck_assert_int_eq(seal_category_configure(cfg->categories, SEAL_CATEGORY_WINDOW_DEFAULT,
	    NULL, &err), SEAL_OK);
	g_strfreev(cfg->sensitive_action_chain);
	cfg->sensitive_action_chain = g_strsplit(setup == HOLD ? "hold" : "refuse", " ", -1);
	cfg->partial_refuse = setup == PARTIAL ? SEAL_PARTIAL_NOTIFY : SEAL_PARTIAL_REFUSE;
	/* the decision only asks whether a store is configured; nothing is opened */
	g_free(cfg->store);
	cfg->store = g_strdup(setup == HOLD ? "sqlite:/nonexistent/seal-test.db" : "");
	return cfg;
}

static seal_decision *
scan_file(const seal_config *cfg, const char *file, enum setup setup)
{
	const char *top = getenv("top_srcdir");
	const char *rcpts[] = { "kollega@kommune.example", "borger@citizen.example" };
	char *path, *text = NULL;
	gsize len = 0;
	GMimeStream *stream;
	seal_envelope env;
	seal_decision *d = NULL;
	seal_err err;

	ck_assert_msg(top != NULL, "top_srcdir is not set (run through make check)");
	path = g_build_filename(top, "tests/data/sensitive-leak", file, NULL);
	ck_assert_msg(g_file_get_contents(path, &text, &len, NULL), "cannot read %s", path);
	stream = g_mime_stream_mem_new_with_buffer(text, len);
	memset(&env, 0, sizeof(env));
	env.sender = "sagsbehandler@kommune.example";
	env.rcpts = setup == PARTIAL ? rcpts : rcpts + 1;
	env.nrcpts = setup == PARTIAL ? 2 : 1;
	seal_err_clear(&err);
	ck_assert_msg(seal_scan(cfg, stream, &env, &scan_date, &d, &err) == SEAL_OK, "%s: %s",
	    file, err.msg);
	g_object_unref(stream);
	g_free(text);
	g_free(path);
	return d;
}

/* A bare place (scan.h): no name the sender chose. */
static int
bare_place(const char *where)
{
	static const char *const fixed[] = {
		"subject", "body", "header From", "header To", "header (other field)", NULL
	};
	unsigned n;
	char tail;

	for (size_t i = 0; fixed[i] != NULL; i++)
		if (strcmp(where, fixed[i]) == 0)
			return 1;
	return sscanf(where, "part %u%c", &n, &tail) == 1
	    || sscanf(where, "attachment (part %u)%c", &n, &tail) == 1
	    || sscanf(where, "attachment name (part %u)%c", &n, &tail) == 1;
}

/* Fails when text holds any of the case's words, in any case. */
static void
assert_no_words(const struct leak_case *c, const char *what, const char *text)
{
	char *hay = g_utf8_casefold(text != NULL ? text : "", -1);

	for (size_t i = 0; i < G_N_ELEMENTS(c->words) && c->words[i] != NULL; i++) {
		char *needle = g_utf8_casefold(c->words[i], -1);

		ck_assert_msg(strstr(hay, needle) == NULL, "%s: %s holds \"%s\": %s", c->file, what,
		    c->words[i], text);
		g_free(needle);
	}
	g_free(hay);
}

/* The text for the sender: the category in words, no talk of identity numbers. */
static void
assert_sender_text(const struct leak_case *c, const char *what, const char *text,
	int general)
{
	char *low, *want;

	ck_assert_msg(text != NULL, "%s: no %s", c->file, what);
	ck_assert_msg(strstr(text, c->label) != NULL, "%s: %s lacks \"%s\": %s", c->file, what,
	    c->label, text);
	if (general) {
		low = g_utf8_strdown(text, -1);
		want = g_utf8_strdown(c->general, -1);
		ck_assert_msg(strstr(low, want) != NULL, "%s: %s lacks \"%s\": %s", c->file, what,
		    c->general, text);
		g_free(low);
		g_free(want);
	}
	if (c->banned != NULL)
		ck_assert_msg(strstr(text, c->banned) == NULL, "%s: %s speaks of \"%s\": %s",
		    c->file, what, c->banned, text);
	assert_no_words(c, what, text);
}

START_TEST(nothing_leaks)
{
	const struct leak_case *c = &leak_cases[_i];

	for (int setup = 0; setup < NSETUPS; setup++) {
		seal_config *cfg = leak_config(c->lang, (enum setup)setup);
		seal_decision *d = scan_file(cfg, c->file, (enum setup)setup);
		GString *json = g_string_new(NULL), *text = g_string_new(NULL),
		    *line = g_string_new(NULL);
		seal_audit_context actx;
		seal_audit_record *r;
		seal_envelope env;
		char *findings;
		unsigned sensitive = 0;

		ck_assert_msg(d->cls == SEAL_CLASS_SENSITIVE, "%s: class %s", c->file,
		    seal_class_name(d->cls));
		ck_assert_int_eq(seal_decision_sensitive_seen(d), 1);
		for (guint i = 0; i < d->findings->len; i++) {
			const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

			sensitive += sf->f.sensitive;
			ck_assert_msg(bare_place(sf->where), "%s: where \"%s\" is not a bare place",
			    c->file, sf->where);
		}
		ck_assert_uint_ge(sensitive, 1);
		seal_report_json(d, json);
		seal_report_text(d, text);
		seal_report_log_line(d, line);
		assert_no_words(c, "JSON", json->str);
		assert_no_words(c, "text report", text->str);
		assert_no_words(c, "log line", line->str);
		/* the held record's findings column (milter/record.c) */
		findings = seal_report_findings(d, 10);
		assert_no_words(c, "held findings", findings);
		g_free(findings);
		memset(&env, 0, sizeof(env));
		env.sender = "sagsbehandler@kommune.example";
		memset(&actx, 0, sizeof(actx));
		actx.env = &env;
		r = seal_audit_from_decision(d, &actx, 0);
		assert_no_words(c, "audit kinds", r->kinds);
		assert_no_words(c, "audit rules", r->rules);
		assert_no_words(c, "audit detail", r->detail);
		seal_audit_record_free(r);
		switch ((enum setup)setup) {
		case REFUSE:
			ck_assert_int_eq(d->action, SEAL_ACTION_REFUSE);
			assert_sender_text(c, "refusal", d->reply_text, 1);
			break;
		case PARTIAL:
			ck_assert_int_eq(d->action, SEAL_ACTION_SPLIT);
			assert_sender_text(c, "partial notice", d->notice_text, 1);
			break;
		case HOLD:
			ck_assert_int_eq(d->action, SEAL_ACTION_HOLD);
			assert_sender_text(c, "hold notice", d->hold_text, 0);
			break;
		case NSETUPS:
			break;
		}
		g_string_free(json, TRUE);
		g_string_free(text, TRUE);
		g_string_free(line, TRUE);
		seal_decision_free(d);
		seal_config_unref(cfg);
	}
}
END_TEST

/*
 * The same CPR number in an attachment with a plain name, and no category
 * anywhere: confidential, and where keeps the (harmless) file name; the
 * refusal speaks of identity numbers.
 */
START_TEST(identity_only_keeps_the_name)
{
	static const char msg[] = "From: a@kommune.example\r\nTo: b@citizen.example\r\n"
	    "Subject: Notat\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
	    "--b\r\nContent-Type: text/plain\r\n\r\nSe bilaget.\r\n"
	    "--b\r\nContent-Type: text/plain\r\n"
	    "Content-Disposition: attachment; filename=\"notat.txt\"\r\n\r\n"
	    "CPR-nr. 170583-1889\r\n--b--\r\n";
	seal_config *cfg = leak_config(SEAL_LANG_DA, REFUSE);
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(msg, sizeof(msg) - 1);
	const char *rcpts[] = { "b@citizen.example" };
	seal_envelope env;
	seal_decision *d = NULL;
	seal_err err;

	memset(&env, 0, sizeof(env));
	env.sender = "a@kommune.example";
	env.rcpts = rcpts;
	env.nrcpts = 1;
	ck_assert_int_eq(seal_scan(cfg, stream, &env, &scan_date, &d, &err), SEAL_OK);
	ck_assert_int_eq(d->cls, SEAL_CLASS_CONFIDENTIAL);
	ck_assert_int_eq(seal_decision_sensitive_seen(d), 0);
	ck_assert_uint_eq(d->findings->len, 1);
	ck_assert_str_eq(g_array_index(d->findings, seal_scan_finding, 0).where,
	    "attachment notat.txt");
	ck_assert_msg(d->reply_text != NULL && strstr(d->reply_text, "personnumre") != NULL,
	    "%s", d->reply_text != NULL ? d->reply_text : "(none)");
	seal_decision_free(d);
	g_object_unref(stream);
	seal_config_unref(cfg);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sensitive_text");
	TCase *tc = tcase_create("sensitive_text");

	g_mime_init();
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, nothing_leaks, 0, G_N_ELEMENTS(leak_cases));
	tcase_add_test(tc, identity_only_keeps_the_name);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
