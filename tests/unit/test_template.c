/*
 * test_template.c - caseworker texts: built-ins in every language, the
 * files in conf/templates equal to them, overrides and their errors, and
 * the conversion into SMTP reply lines.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "check_main.h"
#include "config.h"
#include "template.h"

static const seal_template_vars vars = {
	"CPR 170583-XXXX (body)", "a@example.org, b@example.net", "encrypted attachment",
	"Digital Post", "Aarhus Kommune", NULL
};

static char *
srcpath(const char *rel)
{
	const char *top = getenv("top_srcdir");

	ck_assert_msg(top != NULL, "top_srcdir is not set (run through make check)");
	return g_build_filename(top, rel, NULL);
}

static seal_config *
config_with(seal_lang lang, const char *dir_rel)
{
	seal_config *cfg = seal_config_new_defaults();

	ck_assert_msg(cfg != NULL, "defaults: got NULL, want a configuration");
	cfg->language = lang;
	g_free(cfg->refusal_template_dir);
	cfg->refusal_template_dir = dir_rel != NULL ? srcpath(dir_rel) : NULL;
	return cfg;
}

/*
 * seal_template_render falls back to the built-in text when a file is
 * missing, so comparing a shipped file with the built-in text proves
 * nothing unless the file is there: assert it first (non-empty regular file).
 */
static void
assert_shipped(seal_lang lang, const char *name)
{
	char *file = g_strconcat(name, ".txt", NULL);
	char *rel = g_build_filename("conf/templates", seal_lang_name(lang), file, NULL);
	char *path = srcpath(rel);
	GStatBuf st;

	ck_assert_msg(g_stat(path, &st) == 0 && S_ISREG(st.st_mode),
	    "%s: shipped template missing", rel);
	ck_assert_msg(st.st_size > 0, "%s: shipped template is empty", rel);
	g_free(path);
	g_free(rel);
	g_free(file);
}

static const struct builtin_case {
	seal_lang lang;
	const char *name;
	const char *var;      /* the substituted value that must appear */
	const char *phrase;   /* what to do instead, in that language */
} builtin_cases[] = {
	{ SEAL_LANG_DA, SEAL_TEMPLATE_REFUSE, "CPR 170583-XXXX (body)", "Digital Post" },
	{ SEAL_LANG_DA, SEAL_TEMPLATE_UNSCANNABLE, "(encrypted attachment)", "sikker mail" },
	{ SEAL_LANG_SV, SEAL_TEMPLATE_REFUSE, "CPR 170583-XXXX (body)", "säker e-post" },
	{ SEAL_LANG_SV, SEAL_TEMPLATE_UNSCANNABLE, "(encrypted attachment)", "säker meddelandetjänst" },
	{ SEAL_LANG_EN, SEAL_TEMPLATE_REFUSE, "CPR 170583-XXXX (body)", "secure mail" },
	{ SEAL_LANG_EN, SEAL_TEMPLATE_UNSCANNABLE, "(encrypted attachment)", "by letter" },
	{ SEAL_LANG_DA, SEAL_TEMPLATE_PARTIAL, "CPR 170583-XXXX (body)", "ikke til" },
	{ SEAL_LANG_SV, SEAL_TEMPLATE_PARTIAL, "CPR 170583-XXXX (body)", "inte till" },
	{ SEAL_LANG_EN, SEAL_TEMPLATE_PARTIAL, "CPR 170583-XXXX (body)", "but not to" },
	{ SEAL_LANG_DA, SEAL_TEMPLATE_HOLD, "CPR 170583-XXXX (body)", "tilbageholdt" },
	{ SEAL_LANG_SV, SEAL_TEMPLATE_HOLD, "CPR 170583-XXXX (body)", "granskning" },
	{ SEAL_LANG_EN, SEAL_TEMPLATE_HOLD, "CPR 170583-XXXX (body)", "held for review" },
	{ SEAL_LANG_NB, SEAL_TEMPLATE_REFUSE, "CPR 170583-XXXX (body)", "digital postkasse" },
	{ SEAL_LANG_NB, SEAL_TEMPLATE_UNSCANNABLE, "(encrypted attachment)", "som brev" },
	{ SEAL_LANG_NB, SEAL_TEMPLATE_PARTIAL, "CPR 170583-XXXX (body)", "men ikke til" },
	{ SEAL_LANG_NB, SEAL_TEMPLATE_HOLD, "CPR 170583-XXXX (body)", "holdes tilbake" },
	{ SEAL_LANG_DA, SEAL_TEMPLATE_REFUSE_SENSITIVE, "CPR 170583-XXXX (body)", "Digital Post" },
	{ SEAL_LANG_SV, SEAL_TEMPLATE_REFUSE_SENSITIVE, "CPR 170583-XXXX (body)", "säker e-post" },
	{ SEAL_LANG_EN, SEAL_TEMPLATE_REFUSE_SENSITIVE, "CPR 170583-XXXX (body)", "secure mail" },
	{ SEAL_LANG_NB, SEAL_TEMPLATE_REFUSE_SENSITIVE, "CPR 170583-XXXX (body)", "digital postkasse" },
	{ SEAL_LANG_DA, SEAL_TEMPLATE_PARTIAL_SENSITIVE, "CPR 170583-XXXX (body)", "ikke til" },
	{ SEAL_LANG_SV, SEAL_TEMPLATE_PARTIAL_SENSITIVE, "CPR 170583-XXXX (body)", "inte till" },
	{ SEAL_LANG_EN, SEAL_TEMPLATE_PARTIAL_SENSITIVE, "CPR 170583-XXXX (body)", "but not to" },
	{ SEAL_LANG_NB, SEAL_TEMPLATE_PARTIAL_SENSITIVE, "CPR 170583-XXXX (body)", "men ikke til" },
};

/*
 * The texts a sender of sensitive mail gets (refusal, partial notice,
 * hold notice) name the category in words and say "sensitive personal
 * data" in the language, never "identity numbers": the letter may hold
 * none.
 */
static const struct sensitive_case {
	seal_lang lang;
	const char *label;      /* catlabel.c's words for category:health */
	const char *general;    /* "sensitive personal data" in the language */
	const char *banned[3];  /* the words for identity numbers */
} sensitive_cases[] = {
	{ SEAL_LANG_DA, "helbredsoplysninger", "følsomme personoplysninger",
	  { "personnum", "CPR", NULL } },
	{ SEAL_LANG_SV, "hälsouppgifter", "känsliga personuppgifter",
	  { "personnum", "samordningsnum", NULL } },
	{ SEAL_LANG_EN, "health information", "sensitive personal data",
	  { "identity number", "ID number", NULL } },
	{ SEAL_LANG_NB, "helseopplysninger", "sensitive personopplysninger",
	  { "fødselsnum", "personnum", "D-num" } },
};

START_TEST(sensitive_texts_name_the_category)
{
	static const char *const names[] = {
		SEAL_TEMPLATE_REFUSE_SENSITIVE, SEAL_TEMPLATE_PARTIAL_SENSITIVE, SEAL_TEMPLATE_HOLD
	};
	const struct sensitive_case *c = &sensitive_cases[_i];
	seal_config *cfg = config_with(c->lang, NULL);
	seal_template_vars v = vars;
	char *findings = g_strconcat(c->label, " (body)", NULL), *text;
	seal_err err;

	v.findings = findings;
	for (size_t n = 0; n < G_N_ELEMENTS(names); n++) {
		seal_err_clear(&err);
		text = seal_template_render(cfg, names[n], &v, &err);
		ck_assert_msg(text != NULL, "%s/%s: %s", seal_lang_name(c->lang), names[n], err.msg);
		ck_assert_msg(strstr(text, findings) != NULL, "%s/%s: \"%s\" lacks \"%s\"",
		    seal_lang_name(c->lang), names[n], text, findings);
		if (n < 2) {
			char *low = g_utf8_strdown(text, -1), *want = g_utf8_strdown(c->general, -1);

			ck_assert_msg(strstr(low, want) != NULL, "%s/%s: \"%s\" lacks \"%s\"",
			    seal_lang_name(c->lang), names[n], text, c->general);
			g_free(low);
			g_free(want);
		}
		for (size_t b = 0; b < 3 && c->banned[b] != NULL; b++)
			ck_assert_msg(strstr(text, c->banned[b]) == NULL,
			    "%s/%s: \"%s\" speaks of identity numbers (\"%s\")",
			    seal_lang_name(c->lang), names[n], text, c->banned[b]);
		g_free(text);
	}
	g_free(findings);
	seal_config_unref(cfg);
}
END_TEST

START_TEST(builtin_render)
{
	const struct builtin_case *c = &builtin_cases[_i];
	seal_config *cfg = config_with(c->lang, NULL);
	seal_err err;
	char *text, *bare;

	seal_err_clear(&err);
	text = seal_template_render(cfg, c->name, &vars, &err);
	ck_assert_msg(text != NULL, "%s/%s: got error \"%s\", want text",
	    seal_lang_name(c->lang), c->name, err.msg);
	ck_assert_msg(strstr(text, c->var) != NULL, "%s/%s: got \"%s\", want it to contain \"%s\"",
	    seal_lang_name(c->lang), c->name, text, c->var);
	ck_assert_msg(strstr(text, "a@example.org, b@example.net") != NULL,
	    "%s/%s: recipients missing in \"%s\"", seal_lang_name(c->lang), c->name, text);
	ck_assert_msg(strstr(text, c->phrase) != NULL, "%s/%s: got \"%s\", want \"%s\"",
	    seal_lang_name(c->lang), c->name, text, c->phrase);
	ck_assert_msg(strstr(text, "IT-") != NULL || strstr(text, "IT department") != NULL,
	    "%s/%s: no pointer to the IT department", seal_lang_name(c->lang), c->name);
	ck_assert_msg(strstr(text, "${") == NULL, "%s/%s: placeholder left in \"%s\"",
	    seal_lang_name(c->lang), c->name, text);
	g_free(text);
	/* The bare text becomes a multi-line SMTP reply: keep it short. */
	bare = seal_template_render(cfg, c->name, NULL, &err);
	ck_assert_msg(bare != NULL && strlen(bare) < 400, "%s/%s: got %zu characters, want < 400",
	    seal_lang_name(c->lang), c->name, bare != NULL ? strlen(bare) : 0);
	g_free(bare);
	seal_config_unref(cfg);
}
END_TEST

/*
 * The notice a diverted recipient gets names the service and the agency and
 * nothing else: no finding, no other recipient, no department or subject.
 */
START_TEST(divert_notice_is_neutral)
{
	seal_config *cfg = config_with((seal_lang)_i, NULL), *files;
	seal_err err;
	char *text, *shipped;

	seal_err_clear(&err);
	text = seal_template_render(cfg, SEAL_TEMPLATE_DIVERT, &vars, &err);
	ck_assert_msg(text != NULL, "%s: %s", seal_lang_name((seal_lang)_i), err.msg);
	ck_assert_ptr_nonnull(strstr(text, "Digital Post"));
	ck_assert_ptr_nonnull(strstr(text, "Aarhus Kommune"));
	ck_assert_ptr_null(strstr(text, "170583"));
	ck_assert_ptr_null(strstr(text, "a@example.org"));
	ck_assert_ptr_null(strstr(text, "encrypted attachment"));
	assert_shipped((seal_lang)_i, SEAL_TEMPLATE_DIVERT);
	files = config_with((seal_lang)_i, "conf/templates");
	shipped = seal_template_render(files, SEAL_TEMPLATE_DIVERT, &vars, &err);
	ck_assert_msg(shipped != NULL && strcmp(shipped, text) == 0,
	    "%s: conf/templates divert.txt differs from the built-in text",
	    seal_lang_name((seal_lang)_i));
	g_free(shipped);
	g_free(text);
	seal_config_unref(files);
	seal_config_unref(cfg);
}
END_TEST

/* conf/templates/<lang>/<name>.txt are the built-in texts, for admins to edit. */
START_TEST(shipped_files_equal_builtin)
{
	const struct builtin_case *c = &builtin_cases[_i];
	seal_config *builtin = config_with(c->lang, NULL);
	seal_config *files = config_with(c->lang, "conf/templates");
	char *want, *got;
	seal_err err;

	assert_shipped(c->lang, c->name);
	seal_err_clear(&err);
	want = seal_template_render(builtin, c->name, &vars, &err);
	got = seal_template_render(files, c->name, &vars, &err);
	ck_assert_msg(got != NULL, "%s/%s: got error \"%s\"", seal_lang_name(c->lang),
	    c->name, err.msg);
	ck_assert_msg(strcmp(got, want) == 0, "%s/%s: got \"%s\", want \"%s\"",
	    seal_lang_name(c->lang), c->name, got, want);
	g_free(want);
	g_free(got);
	seal_config_unref(builtin);
	seal_config_unref(files);
}
END_TEST

START_TEST(override_and_fallback)
{
	seal_config *en = config_with(SEAL_LANG_EN, "tests/data/conf/templates");
	seal_config *da = config_with(SEAL_LANG_DA, "tests/data/conf/templates");
	seal_config *plain = config_with(SEAL_LANG_EN, NULL);
	char *got, *want;
	seal_err err;

	seal_err_clear(&err);
	got = seal_template_render(en, SEAL_TEMPLATE_REFUSE, &vars, &err);
	want = "Custom: CPR 170583-XXXX (body) to a@example.org, b@example.net.\nNothing else.";
	ck_assert_msg(got != NULL && strcmp(got, want) == 0, "en override: got \"%s\", want \"%s\"",
	    got ? got : err.msg, want);
	g_free(got);
	/* No file for this one: the built-in text applies. */
	got = seal_template_render(en, SEAL_TEMPLATE_UNSCANNABLE, &vars, &err);
	want = seal_template_render(plain, SEAL_TEMPLATE_UNSCANNABLE, &vars, &err);
	ck_assert_msg(got != NULL && strcmp(got, want) == 0, "en fallback: got \"%s\", want \"%s\"",
	    got ? got : err.msg, want);
	g_free(got);
	g_free(want);
	got = seal_template_render(da, SEAL_TEMPLATE_REFUSE, &vars, &err);
	ck_assert_msg(got != NULL && strstr(got, "Digital Post") != NULL,
	    "da without override dir: got \"%s\", want the built-in text", got ? got : err.msg);
	g_free(got);
	seal_config_unref(en);
	seal_config_unref(da);
	seal_config_unref(plain);
}
END_TEST

static const struct bad_case {
	const char *label;
	seal_lang lang;
	const char *file_suffix;
	unsigned line;
	const char *msg;
} bad_cases[] = {
	{ "unknown placeholder", SEAL_LANG_EN, "en/refuse.txt", 2, "unknown placeholder ${sender}" },
	{ "unterminated placeholder", SEAL_LANG_DA, "da/refuse.txt", 1, "unterminated placeholder" },
	{ "invalid UTF-8", SEAL_LANG_SV, "sv/refuse.txt", 0, "not valid UTF-8" },
};

START_TEST(override_errors)
{
	const struct bad_case *c = &bad_cases[_i];
	seal_config *cfg = config_with(c->lang, "tests/data/conf/templates-bad");
	seal_err err;
	char *got;

	seal_err_clear(&err);
	got = seal_template_render(cfg, SEAL_TEMPLATE_REFUSE, &vars, &err);
	ck_assert_msg(got == NULL, "%s: got text \"%s\", want an error", c->label, got);
	ck_assert_msg(err.code == SEAL_ERR_CONFIG, "%s: got code %d, want %d", c->label,
	    err.code, SEAL_ERR_CONFIG);
	ck_assert_msg(g_str_has_suffix(err.file, c->file_suffix), "%s: got file %s, want *%s",
	    c->label, err.file, c->file_suffix);
	ck_assert_msg(err.line == c->line, "%s: got line %u, want %u", c->label, err.line, c->line);
	ck_assert_msg(strstr(err.msg, c->msg) != NULL, "%s: got \"%s\", want \"%s\"",
	    c->label, err.msg, c->msg);
	seal_config_unref(cfg);
}
END_TEST

START_TEST(unknown_name)
{
	seal_config *cfg = config_with(SEAL_LANG_EN, NULL);
	seal_err err;
	char *got;

	seal_err_clear(&err);
	got = seal_template_render(cfg, "welcome", &vars, &err);
	ck_assert_msg(got == NULL && err.code == SEAL_ERR_USAGE,
	    "got %s / code %d, want NULL / usage error", got ? got : "NULL", err.code);
	seal_config_unref(cfg);
}
END_TEST

static const struct lines_case {
	const char *label;
	const char *text;
	size_t width, max;
	const char *want;   /* lines joined by '|' */
} lines_cases[] = {
	{ "transliteration", "Æble ø å ä ö ü é è ð þ Ø Å Ö Ä É", 80, 10,
	  "Aeble oe aa ae oe ue e e d th Oe Aa Oe Ae E" },
	{ "other non-ASCII", "na\xc3\xafve \xe2\x82\xac" "5", 80, 10, "na?ve ?5" },
	{ "controls", "a\tb\rc\x01" "d\x7f" "e", 80, 10, "a bcde" },
	{ "invalid UTF-8", "a\xff" "b", 80, 10, "a?b" },
	{ "wrap", "aaa bbb ccc ddd", 7, 10, "aaa bbb|ccc ddd" },
	{ "exact width", "abcdefg", 7, 10, "abcdefg" },
	{ "long word cut", "abcdefghij", 4, 10, "abcd|efgh|ij" },
	{ "newline breaks", "one\ntwo", 80, 10, "one|two" },
	{ "blank lines dropped", "one\n\n\r\ntwo\n", 80, 10, "one|two" },
	{ "spaces collapsed", "a    b ", 80, 10, "a b" },
	{ "percent kept", "100% sure", 80, 10, "100% sure" },
	{ "cut with dots", "a b c d e f g h i j k l", 7, 2, "a b c d|e f ..." },
	{ "cut short line", "a\nb\nc", 7, 2, "a|b..." },
	{ "cut to one line", "one\ntwo", 80, 1, "one..." },
	{ "empty", "", 80, 10, "" },
	{ "only blanks", " \n \t ", 80, 10, "" },
};

START_TEST(reply_lines)
{
	const struct lines_case *c = &lines_cases[_i];
	char **lines = seal_template_reply_lines(c->text, c->width, c->max);
	char *joined = g_strjoinv("|", lines);
	size_t i;

	ck_assert_msg(strcmp(joined, c->want) == 0, "%s: got \"%s\", want \"%s\"",
	    c->label, joined, c->want);
	ck_assert_msg(g_strv_length(lines) <= c->max, "%s: got %u lines, want <= %zu",
	    c->label, g_strv_length(lines), c->max);
	for (i = 0; lines[i] != NULL; i++)
		ck_assert_msg(strlen(lines[i]) <= c->width, "%s: line %zu has %zu chars, want <= %zu",
		    c->label, i, strlen(lines[i]), c->width);
	g_free(joined);
	g_strfreev(lines);
}
END_TEST

/* Every built-in text becomes clean ASCII reply lines of at most 76 chars. */
START_TEST(rendered_reply_is_ascii)
{
	const struct builtin_case *c = &builtin_cases[_i];
	seal_config *cfg = config_with(c->lang, NULL);
	char *text = seal_template_render(cfg, c->name, &vars, NULL);
	char **lines = seal_template_reply_lines(text, 76, 12);
	const char *p;
	size_t i;

	ck_assert_msg(g_strv_length(lines) >= 3 && g_strv_length(lines) < 12,
	    "%s/%s: got %u lines, want 3..11", seal_lang_name(c->lang), c->name,
	    g_strv_length(lines));
	for (i = 0; lines[i] != NULL; i++) {
		ck_assert_msg(strlen(lines[i]) <= 76, "%s/%s line %zu: got %zu chars",
		    seal_lang_name(c->lang), c->name, i, strlen(lines[i]));
		for (p = lines[i]; *p != '\0'; p++)
			ck_assert_msg(*p >= 0x20 && *p < 0x7f && *p != '?',
			    "%s/%s line %zu: got byte 0x%02x, want printable ASCII",
			    seal_lang_name(c->lang), c->name, i, (unsigned char)*p);
	}
	g_strfreev(lines);
	g_free(text);
	seal_config_unref(cfg);
}
END_TEST

START_TEST(null_text)
{
	char **lines = seal_template_reply_lines(NULL, 80, 5);

	ck_assert_msg(g_strv_length(lines) == 1 && lines[0][0] == '\0',
	    "got %u lines, want one empty line", g_strv_length(lines));
	g_strfreev(lines);
}
END_TEST

/* The hold notice's request line: the link in every language, the shipped file equal. */
START_TEST(hold_request_line)
{
	static const char *const words[] = { "frigive", "släpp", "release", "slippes" };
	static const char link[] = "https://console.example/request?t=abc.123.xyz";
	seal_config *builtin = config_with((seal_lang)_i, NULL);
	seal_config *files = config_with((seal_lang)_i, "conf/templates");
	seal_template_vars v = vars;
	char *want, *got;
	seal_err err;

	assert_shipped((seal_lang)_i, SEAL_TEMPLATE_HOLD_REQUEST);
	v.link = link;
	seal_err_clear(&err);
	want = seal_template_render(builtin, SEAL_TEMPLATE_HOLD_REQUEST, &v, &err);
	got = seal_template_render(files, SEAL_TEMPLATE_HOLD_REQUEST, &v, &err);
	ck_assert_msg(want != NULL && got != NULL, "%s: %s", seal_lang_name((seal_lang)_i), err.msg);
	ck_assert_msg(strstr(want, link) != NULL && strstr(want, words[_i]) != NULL,
	    "%s: \"%s\" lacks the link or \"%s\"", seal_lang_name((seal_lang)_i), want, words[_i]);
	ck_assert_str_eq(got, want);
	g_free(want);
	g_free(got);
	seal_config_unref(builtin);
	seal_config_unref(files);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("template");
	TCase *tc = tcase_create("template");

	tcase_add_loop_test(tc, builtin_render, 0, G_N_ELEMENTS(builtin_cases));
	tcase_add_loop_test(tc, shipped_files_equal_builtin, 0, G_N_ELEMENTS(builtin_cases));
	tcase_add_loop_test(tc, divert_notice_is_neutral, SEAL_LANG_DA, SEAL_LANG_COUNT);
	tcase_add_loop_test(tc, sensitive_texts_name_the_category, 0,
	    G_N_ELEMENTS(sensitive_cases));
	tcase_add_loop_test(tc, rendered_reply_is_ascii, 0, G_N_ELEMENTS(builtin_cases));
	tcase_add_loop_test(tc, override_errors, 0, G_N_ELEMENTS(bad_cases));
	tcase_add_loop_test(tc, reply_lines, 0, G_N_ELEMENTS(lines_cases));
	tcase_add_test(tc, override_and_fallback);
	tcase_add_loop_test(tc, hold_request_line, SEAL_LANG_DA, SEAL_LANG_COUNT);
	tcase_add_test(tc, unknown_name);
	tcase_add_test(tc, null_text);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
