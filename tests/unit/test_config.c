/*
 * test_config.c - sealmilter.conf: every error class with the file, line
 * and message it must name; a complete file; list files; defaults; the
 * print/load round trip; refcounting; seal_config_check; and that the key
 * table, the man page and the sample file agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "check_main.h"
#include "config.h"
#include "config_check.h"
#include "config_keys.h"

/* ---------------------------------------------------------------- helpers */

static char *
src_path(const char *rel)
{
	const char *top = getenv("top_srcdir");

	ck_assert_msg(top != NULL, "top_srcdir is not set (run through make check)");
	return g_build_filename(top, rel, NULL);
}

static char *
data_path(const char *name)
{
	char *rel = g_build_filename("tests/data/conf", name, NULL);
	char *p = src_path(rel);

	g_free(rel);
	return p;
}

static char *
make_tmpdir(void)
{
	GError *ge = NULL;
	char *d = g_dir_make_tmp("sealconf-XXXXXX", &ge);

	ck_assert_msg(d != NULL, "mkdtemp: %s", ge != NULL ? ge->message : "?");
	return d;
}

/* Removes dir and the plain files in it. */
static void
remove_tmpdir(char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, name, NULL);

		g_unlink(p);
		g_free(p);
	}
	if (d != NULL)
		g_dir_close(d);
	g_rmdir(dir);
	g_free(dir);
}

static char *
write_file(const char *dir, const char *name, const char *text, gssize len, int mode)
{
	char *p = g_build_filename(dir, name, NULL);
	GError *ge = NULL;

	ck_assert_msg(g_file_set_contents(p, text, len, &ge), "write %s: %s", p,
	    ge != NULL ? ge->message : "?");
	ck_assert_int_eq(chmod(p, mode), 0);
	return p;
}

/* seal_config_print into a string. */
static char *
print_config(const seal_config *cfg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_msg(f != NULL, "open_memstream failed");
	seal_config_print(cfg, f);
	fclose(f);
	return buf;
}

/* ---------------------------------------------------------------- errors */

typedef enum { GEN_NONE = 0, GEN_LONG_LINE, GEN_BIG_FILE } gen_kind;

static const struct err_case {
	const char *label;
	const char *file;       /* in tests/data/conf; NULL: write text or gen */
	const char *text;       /* "@DATA@" becomes the data directory */
	size_t text_len;        /* 0: strlen(text) */
	gen_kind gen;
	const char *want_file;  /* suffix of err.file; NULL: the file loaded */
	unsigned want_line;
	const char *want_msg;
} err_cases[] = {
	{ "unknown key", "bad-unknown-key.conf", NULL, 0, 0, NULL, 3, "colour: unknown key" },
	{ "duplicate key", "bad-duplicate-key.conf", NULL, 0, 0, NULL, 4,
	  "language: duplicate key (first set on line 1)" },
	{ "missing =", "bad-missing-equals.conf", NULL, 0, 0, NULL, 2, "socket: missing \"=\"" },
	{ "empty key", "bad-empty-key.conf", NULL, 0, 0, NULL, 1, "empty key" },
	{ "continuation first", "bad-continuation-first.conf", NULL, 0, 0, NULL, 1,
	  "continuation line without a key" },
	{ "size suffix", "bad-size-suffix.conf", NULL, 0, 0, NULL, 2,
	  "max_scan_size: \"12Q\" is not a size" },
	{ "size above max", "bad-size-range.conf", NULL, 0, 0, NULL, 1,
	  "max_scan_size: \"8G\" is out of range (1M..4G)" },
	{ "size below min", "bad-size-below.conf", NULL, 0, 0, NULL, 1,
	  "spool_threshold: \"32k\" is out of range (64k..1G)" },
	{ "size overflow", "bad-size-overflow.conf", NULL, 0, 0, NULL, 1,
	  "max_scan_size: \"99999999999999999999999\" is out of range" },
	{ "size overflow by suffix", "bad-size-overflow-suffix.conf", NULL, 0, 0, NULL, 1,
	  "max_scan_size: \"17179869184G\" is out of range" },
	{ "size negative", "bad-size-negative.conf", NULL, 0, 0, NULL, 1, "is not a size" },
	{ "size with space", "bad-size-space.conf", NULL, 0, 0, NULL, 1, "\"64 M\" is not a size" },
	{ "size MB", "bad-size-two-letters.conf", NULL, 0, 0, NULL, 1, "\"64MB\" is not a size" },
	{ "number syntax", "bad-uint-syntax.conf", NULL, 0, 0, NULL, 1,
	  "max_mime_depth: \"3x\" is not a number" },
	{ "number range", "bad-uint-range.conf", NULL, 0, 0, NULL, 1,
	  "milter_timeout: \"5\" is out of range (10..3600)" },
	{ "number beyond 32 bits", "bad-uint-wrap.conf", NULL, 0, 0, NULL, 1,
	  "max_mime_parts: \"4294967297\" is out of range" },
	{ "boolean", "bad-bool.conf", NULL, 0, 0, NULL, 1, "spf_check: \"maybe\" is not a boolean" },
	{ "boolean case", "bad-bool-case.conf", NULL, 0, 0, NULL, 1, "\"Yes\" is not a boolean" },
	{ "enum", "bad-enum.conf", NULL, 0, 0, NULL, 1,
	  "language: \"fi\" is not one of da, sv, en, nb" },
	{ "enum unknown action", "bad-enum-hold.conf", NULL, 0, 0, NULL, 1,
	  "unscannable_action: \"quarantine\" is not one of refuse, tempfail, hold" },
	{ "level", "bad-level.conf", NULL, 0, 0, NULL, 1,
	  "min_confidence: \"extreme\" is not one of low, medium, high" },
	{ "domain", "bad-domain.conf", NULL, 0, 0, NULL, 1,
	  "trusted_domains: \"bad..example\" is not a valid domain" },
	{ "domain on continuation (key line named)", "bad-domain-continued.conf", NULL, 0, 0,
	  NULL, 2, "trusted_domains: \"bad_domain.example\" is not a valid domain" },
	{ "relative path", "bad-path-relative.conf", NULL, 0, 0, NULL, 1,
	  "spool_dir: \"var/spool/sealmilter\" is not an absolute path" },
	{ "required path empty", "bad-path-empty.conf", NULL, 0, 0, NULL, 1,
	  "spool_dir: must not be empty" },
	{ "socket empty", "bad-socket-empty.conf", NULL, 0, 0, NULL, 1, "socket: must not be empty" },
	{ "socket scheme", "bad-socket-scheme.conf", NULL, 0, 0, NULL, 1,
	  "socket: \"tcp:25\" is not unix:/path" },
	{ "socket port", "bad-socket-port.conf", NULL, 0, 0, NULL, 1,
	  "socket: \"99999@localhost\" is not PORT or PORT@HOST" },
	{ "socket relative", "bad-socket-relative.conf", NULL, 0, 0, NULL, 1,
	  "the socket path must be absolute" },
	{ "log target", "bad-log-target.conf", NULL, 0, 0, NULL, 1,
	  "log_target: \"journal\" is not syslog, stderr or an absolute path" },
	{ "facility", "bad-facility.conf", NULL, 0, 0, NULL, 1,
	  "syslog_facility: \"local9\" is not one of" },
	{ "user", "bad-user.conf", NULL, 0, 0, NULL, 1, "user: \"seal milter\" is not a user name" },
	{ "list file missing", "bad-list-missing.conf", NULL, 0, 0, NULL, 1,
	  "trusted_domains: cannot open /nonexistent/sealmilter/trusted.list" },
	{ "list file entry", NULL,
	  "language = en\ninternal_domains = a.example @DATA@/bad-entry.list\n", 0, 0,
	  "bad-entry.list", 3, "internal_domains: \"bad..example\" is not a valid domain" },
	{ "list file nested", NULL, "trusted_domains = @DATA@/nested.list\n", 0, 0,
	  "nested.list", 2, "a list file cannot name another file" },
	{ "list file is a directory", NULL, "\n\nblocked_domains = @DATA@\n", 0, 0,
	  NULL, 3, "blocked_domains: " },
	{ "NUL byte", NULL, "language = en\nuser = a\0b\n", 24, 0, NULL, 2, "NUL byte" },
	{ "invalid UTF-8", NULL, "language = en\n# caf\xe9\n", 0, 0, NULL, 2, "not valid UTF-8" },
	{ "long line", NULL, NULL, 0, GEN_LONG_LINE, NULL, 2, "line longer than 65536 bytes" },
	{ "file too large", NULL, NULL, 0, GEN_BIG_FILE, NULL, 0, "is larger than 1048576 bytes" },
};

/* The file a case loads: static, or written into dir. */
static char *
case_file(const struct err_case *c, const char *dir)
{
	char *data, *text, *p;
	GString *s;

	if (c->file != NULL)
		return data_path(c->file);
	if (c->gen != GEN_NONE) {
		s = g_string_new("language = en\n# ");
		while (s->len < (c->gen == GEN_LONG_LINE ? 70000u : 1100000u)) {
			g_string_append(s, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
			if (c->gen == GEN_BIG_FILE)
				g_string_append(s, "\n# ");
		}
		p = write_file(dir, "gen.conf", s->str, (gssize)s->len, 0644);
		g_string_free(s, TRUE);
		return p;
	}
	if (c->text_len > 0)
		return write_file(dir, "case.conf", c->text, (gssize)c->text_len, 0644);
	data = data_path("");
	/* data ends with '/': "@DATA@/x" would give "//x"; both work, keep it tidy */
	if (g_str_has_suffix(data, "/"))
		data[strlen(data) - 1] = '\0';
	{
		char **parts = g_strsplit(c->text, "@DATA@", -1);

		text = g_strjoinv(data, parts);
		g_strfreev(parts);
	}
	p = write_file(dir, "case.conf", text, -1, 0644);
	g_free(text);
	g_free(data);
	return p;
}

START_TEST(load_errors)
{
	const struct err_case *c = &err_cases[_i];
	char *dir = make_tmpdir(), *path = case_file(c, dir);
	seal_config *cfg;
	seal_err err;

	seal_err_clear(&err);
	cfg = seal_config_load(path, &err);
	ck_assert_msg(cfg == NULL, "%s: got a configuration, want an error", c->label);
	ck_assert_msg(err.code == SEAL_ERR_CONFIG, "%s: got code %d, want %d (\"%s\")",
	    c->label, err.code, SEAL_ERR_CONFIG, err.msg);
	if (c->want_file == NULL)
		ck_assert_msg(strcmp(err.file, path) == 0, "%s: got file %s, want %s",
		    c->label, err.file, path);
	else
		ck_assert_msg(g_str_has_suffix(err.file, c->want_file),
		    "%s: got file %s, want *%s", c->label, err.file, c->want_file);
	ck_assert_msg(err.line == c->want_line, "%s: got line %u, want %u (\"%s\")",
	    c->label, err.line, c->want_line, err.msg);
	ck_assert_msg(strstr(err.msg, c->want_msg) != NULL, "%s: got \"%s\", want \"%s\"",
	    c->label, err.msg, c->want_msg);
	g_free(path);
	remove_tmpdir(dir);
}
END_TEST

static const struct {
	const char *label;
	const char *path;
	const char *msg;
} file_cases[] = {
	{ "missing file", "/nonexistent/sealmilter.conf", "cannot open /nonexistent/sealmilter.conf" },
	{ "directory", "/", "/ is not a regular file" },
};

START_TEST(unreadable_file)
{
	seal_err err;

	seal_err_clear(&err);
	ck_assert_msg(seal_config_load(file_cases[_i].path, &err) == NULL,
	    "%s: got a configuration, want NULL", file_cases[_i].label);
	ck_assert_msg(err.code == SEAL_ERR_CONFIG && strcmp(err.file, file_cases[_i].path) == 0
	    && err.line == 0, "%s: got code %d file %s line %u, want config error at %s:0",
	    file_cases[_i].label, err.code, err.file, err.line, file_cases[_i].path);
	ck_assert_msg(strstr(err.msg, file_cases[_i].msg) != NULL, "%s: got \"%s\", want \"%s\"",
	    file_cases[_i].label, err.msg, file_cases[_i].msg);
}
END_TEST

/* ---------------------------------------------------------------- good files */

static void
assert_str(const char *label, const char *got, const char *want)
{
	ck_assert_msg((got == NULL && want == NULL)
	    || (got != NULL && want != NULL && strcmp(got, want) == 0),
	    "%s: got %s, want %s", label, got ? got : "(null)", want ? want : "(null)");
}

START_TEST(good_file)
{
	char *path = data_path("good.conf");
	seal_err err;
	seal_config *c;

	seal_err_clear(&err);
	c = seal_config_load(path, &err);
	ck_assert_msg(c != NULL, "good.conf: got error %s:%u: %s", err.file, err.line, err.msg);
	assert_str("path", c->path, path);
	assert_str("socket", c->socket, "inet:8891@127.0.0.1");
	assert_str("user", c->user, "");
	assert_str("pid_file", c->pid_file, "/tmp/sealmilter-test.pid");
	assert_str("spool_dir", c->spool_dir, "/tmp");
	ck_assert_msg(c->spool_threshold == 262144, "spool_threshold: got %" G_GUINT64_FORMAT
	    ", want 262144", c->spool_threshold);
	ck_assert_uint_eq(c->milter_timeout, 120);
	ck_assert_msg(seal_domain_list_count(c->internal_domains) == 4,
	    "internal_domains: got %zu entries, want 4 (continuation lines)",
	    seal_domain_list_count(c->internal_domains));
	ck_assert_msg(seal_domain_list_match_address(c->internal_domains, "a@x.region.example"),
	    "internal_domains: a@x.region.example not matched");
	ck_assert_msg(seal_domain_list_match_address(c->internal_domains, "JENS@citizen.example"),
	    "internal_domains: address entry not matched");
	ck_assert_msg(seal_domain_list_count(c->trusted_domains) == 2,
	    "trusted_domains: got %zu entries, want 2 (comment between continuations)",
	    seal_domain_list_count(c->trusted_domains));
	assert_str("trusted_domains[1]", seal_domain_list_entry(c->trusted_domains, 1),
	    "xn--kbenhavn-54a.dk");
	ck_assert_msg(c->blocked_domains != NULL && seal_domain_list_count(c->blocked_domains) == 0,
	    "blocked_domains: want an empty list");
	ck_assert_int_eq(c->min_confidence, 3);
	ck_assert_int_eq(c->unscannable_action, SEAL_UNSCANNABLE_TEMPFAIL);
	ck_assert_msg(c->max_scan_size == (uint64_t)4 << 30, "max_scan_size: got %"
	    G_GUINT64_FORMAT ", want 4G", c->max_scan_size);
	ck_assert_uint_eq(c->max_mime_depth, 1);
	ck_assert_uint_eq(c->max_mime_parts, 100000);
	ck_assert_int_eq(c->language, SEAL_LANG_SV);
	assert_str("refusal_template_dir", c->refusal_template_dir, "/usr/share/sealmilter/templates");
	ck_assert_int_eq(c->spf_check, 0);
	ck_assert_uint_eq(c->spf_timeout, 30);
	ck_assert_int_eq(c->log_level, SEAL_LOG_DEBUG);
	assert_str("log_target", c->log_target, "/var/log/sealmilter.log");
	assert_str("syslog_facility", c->syslog_facility, "local3");
	assert_str("fingerprint_key_file", c->fingerprint_key_file, "/etc/sealmilter/fingerprint.key");
	seal_config_unref(c);
	g_free(path);
}
END_TEST

START_TEST(defaults)
{
	seal_config *c = seal_config_new_defaults();

	ck_assert_msg(c != NULL, "a table default does not parse");
	assert_str("path", c->path, NULL);
	assert_str("socket", c->socket, "unix:/var/spool/postfix/sealmilter/sealmilter.sock");
	assert_str("user", c->user, "sealmilter");
	assert_str("pid_file", c->pid_file, "/run/sealmilter/sealmilter.pid");
	assert_str("spool_dir", c->spool_dir, "/var/spool/sealmilter");
	ck_assert_msg(c->spool_threshold == 1048576, "spool_threshold: got %" G_GUINT64_FORMAT,
	    c->spool_threshold);
	ck_assert_uint_eq(c->milter_timeout, 300);
	/* Fail closed: no internal or trusted domain, so everyone is untrusted. */
	ck_assert_msg(c->internal_domains != NULL && c->trusted_domains != NULL
	    && c->blocked_domains != NULL, "lists: want empty lists, not NULL");
	ck_assert_msg(seal_domain_list_count(c->internal_domains) == 0
	    && seal_domain_list_count(c->trusted_domains) == 0
	    && seal_domain_list_count(c->blocked_domains) == 0, "lists: want empty");
	ck_assert_int_eq(c->min_confidence, 2);
	ck_assert_int_eq(c->unscannable_action, SEAL_UNSCANNABLE_HOLD);
	ck_assert_msg(c->max_scan_size == (uint64_t)64 << 20, "max_scan_size: got %"
	    G_GUINT64_FORMAT, c->max_scan_size);
	ck_assert_uint_eq(c->max_mime_depth, 32);
	ck_assert_uint_eq(c->max_mime_parts, 10000);
	ck_assert_int_eq(c->language, SEAL_LANG_DA);
	assert_str("refusal_template_dir", c->refusal_template_dir, NULL);
	ck_assert_int_eq(c->spf_check, 1);
	ck_assert_uint_eq(c->spf_timeout, 5);
	ck_assert_int_eq(c->log_level, SEAL_LOG_INFO);
	assert_str("log_target", c->log_target, "syslog");
	assert_str("syslog_facility", c->syslog_facility, "mail");
	assert_str("fingerprint_key_file", c->fingerprint_key_file, NULL);
	assert_str("lang name", seal_lang_name(c->language), "da");
	seal_config_unref(c);
}
END_TEST

/* A file of comments only gives exactly the defaults. */
START_TEST(comments_only_is_defaults)
{
	char *path = data_path("empty.conf"), *got, *want;
	seal_config *c, *d = seal_config_new_defaults();
	seal_err err;

	c = seal_config_load(path, &err);
	ck_assert_msg(c != NULL, "empty.conf: got error %s", err.msg);
	got = print_config(c);
	want = print_config(d);
	ck_assert_msg(strcmp(got, want) == 0, "got\n%s\nwant\n%s", got, want);
	free(got);
	free(want);
	seal_config_unref(c);
	seal_config_unref(d);
	g_free(path);
}
END_TEST

START_TEST(list_file)
{
	static const char *const want[] = {
		"kommune.example", "region.example", "skole.kommune.example",
		"borger@service.example", "extra.example"
	};
	char *dir = make_tmpdir(), *list = data_path("internal.list"), *text, *path;
	seal_config *c;
	seal_err err;
	size_t i;

	text = g_strdup_printf("internal_domains = %s, Extra.example\n", list);
	path = write_file(dir, "list.conf", text, -1, 0644);
	seal_err_clear(&err);
	c = seal_config_load(path, &err);
	ck_assert_msg(c != NULL, "got error %s:%u: %s", err.file, err.line, err.msg);
	ck_assert_msg(seal_domain_list_count(c->internal_domains) == G_N_ELEMENTS(want),
	    "got %zu entries, want %zu", seal_domain_list_count(c->internal_domains),
	    G_N_ELEMENTS(want));
	for (i = 0; i < G_N_ELEMENTS(want); i++)
		assert_str("entry", seal_domain_list_entry(c->internal_domains, i), want[i]);
	seal_config_unref(c);
	g_free(text);
	g_free(path);
	g_free(list);
	remove_tmpdir(dir);
}
END_TEST

/* ---------------------------------------------------------------- print */

static const char *const roundtrip_files[] = { NULL, "good.conf", "empty.conf" };

START_TEST(print_round_trip)
{
	char *dir = make_tmpdir(), *path, *first, *second, *printed;
	seal_config *a, *b;
	seal_err err;
	size_t i;

	if (roundtrip_files[_i] == NULL) {
		a = seal_config_new_defaults();
	} else {
		path = data_path(roundtrip_files[_i]);
		a = seal_config_load(path, &err);
		g_free(path);
	}
	ck_assert_msg(a != NULL, "load: %s", err.msg);
	/* a long list exercises continuation lines in the output */
	for (i = 0; i < 40; i++) {
		char *d = g_strdup_printf("host%zu.kommune%zu.example", i, i);

		ck_assert_int_eq(seal_domain_list_add(a->blocked_domains, d, &err), SEAL_OK);
		g_free(d);
	}
	first = print_config(a);
	for (i = 0; i < seal_config_key_count; i++) {
		char *prefix = g_strdup_printf("%s =", seal_config_keys[i].name);

		ck_assert_msg(strncmp(first, prefix, strlen(prefix)) == 0
		    || strstr(first, prefix) != NULL, "print lacks \"%s\"", prefix);
		g_free(prefix);
	}
	printed = write_file(dir, "printed.conf", first, -1, 0644);
	seal_err_clear(&err);
	b = seal_config_load(printed, &err);
	ck_assert_msg(b != NULL, "reload of printed: %s:%u: %s\n%s", err.file, err.line, err.msg,
	    first);
	second = print_config(b);
	ck_assert_msg(strcmp(first, second) == 0, "got\n%s\nwant\n%s", second, first);
	ck_assert_msg(seal_domain_list_count(b->blocked_domains)
	    == seal_domain_list_count(a->blocked_domains), "blocked_domains: got %zu entries, want %zu",
	    seal_domain_list_count(b->blocked_domains), seal_domain_list_count(a->blocked_domains));
	free(first);
	free(second);
	g_free(printed);
	seal_config_unref(a);
	seal_config_unref(b);
	remove_tmpdir(dir);
}
END_TEST

START_TEST(refcount)
{
	seal_config *c = seal_config_new_defaults();

	ck_assert_int_eq(c->refcount, 1);
	ck_assert_msg(seal_config_ref(c) == c, "ref: got another pointer");
	ck_assert_int_eq(c->refcount, 2);
	ck_assert_msg(seal_config_unref(c) == NULL, "unref: want NULL");
	ck_assert_int_eq(c->refcount, 1);
	/* still usable: one reference left */
	ck_assert_int_eq(c->language, SEAL_LANG_DA);
	ck_assert_msg(seal_config_unref(c) == NULL, "last unref: want NULL");
	ck_assert_msg(seal_config_unref(NULL) == NULL, "unref(NULL): want NULL");
	ck_assert_msg(seal_config_ref(NULL) == NULL, "ref(NULL): want NULL");
}
END_TEST

/* ---------------------------------------------------------------- seal_config_check */

enum { KEY_NONE = 0, KEY_GOOD, KEY_OPEN, KEY_SHORT, KEY_MISSING };

static const struct check_case {
	const char *label;
	int key;                 /* fingerprint_key_file to create */
	const char *templates;   /* refusal_template_dir under top_srcdir, or NULL */
	const char *spool;       /* spool_dir ("@TMP@" = the temp dir), NULL = default */
	const char *want;        /* message substring, NULL = must pass */
	int keep_store;          /* 1: the default store (needs a key); 0: store = (none) */
} check_cases[] = {
	{ "store without key", KEY_NONE, NULL, NULL, "store: needs fingerprint_key_file", 1 },
	{ "store with key", KEY_GOOD, NULL, NULL, NULL, 1 },
	{ "defaults", KEY_NONE, NULL, NULL, NULL, 0 },
	{ "good key", KEY_GOOD, NULL, NULL, NULL, 0 },
	{ "key readable by others", KEY_OPEN, NULL, NULL,
	  "fingerprint_key_file: @TMP@/key has mode 0644", 0 },
	{ "short key", KEY_SHORT, NULL, NULL, "holds 8 bytes, at least 16", 0 },
	{ "missing key", KEY_MISSING, NULL, NULL, "fingerprint_key_file: cannot open", 0 },
	{ "good templates", KEY_NONE, "tests/data/conf/templates", NULL, NULL, 0 },
	{ "shipped templates", KEY_NONE, "conf/templates", NULL, NULL, 0 },
	{ "bad templates", KEY_NONE, "tests/data/conf/templates-bad", NULL,
	  "refusal_template_dir: ", 0 },
	{ "template dir missing", KEY_NONE, "tests/data/conf/none", NULL, "is not a directory", 0 },
	{ "spool dir to create", KEY_NONE, NULL, "@TMP@/spool", NULL, 0 },
	{ "spool dir exists", KEY_NONE, NULL, "@TMP@", NULL, 0 },
	{ "spool parent missing", KEY_NONE, NULL, "@TMP@/a/b", "spool_dir: neither", 0 },
	{ "spool dir is a file", KEY_NONE, NULL, "@TMP@/afile", "spool_dir: @TMP@/afile is not", 0 },
};

static char *
subst_tmp(const char *s, const char *dir)
{
	char **parts = g_strsplit(s, "@TMP@", -1);
	char *out = g_strjoinv(dir, parts);

	g_strfreev(parts);
	return out;
}

START_TEST(config_check)
{
	const struct check_case *c = &check_cases[_i];
	char *dir = make_tmpdir(), *want = NULL, *f;
	seal_config *cfg = seal_config_new_defaults();
	seal_status st;
	seal_err err;

	f = write_file(dir, "afile", "x", -1, 0644);
	g_free(f);
	if (!c->keep_store) {
		g_free(cfg->store);
		cfg->store = g_strdup("");
	}
	if (c->key != KEY_NONE) {
		f = g_build_filename(dir, "key", NULL);
		if (c->key != KEY_MISSING)
			g_free(write_file(dir, "key", "0123456789abcdef0123456789abcdef",
			    c->key == KEY_SHORT ? 8 : 32, c->key == KEY_OPEN ? 0644 : 0600));
		cfg->fingerprint_key_file = f;
	}
	if (c->templates != NULL)
		cfg->refusal_template_dir = src_path(c->templates);
	if (c->spool != NULL) {
		g_free(cfg->spool_dir);
		cfg->spool_dir = subst_tmp(c->spool, dir);
	}
	if (c->want != NULL)
		want = subst_tmp(c->want, dir);
	seal_err_clear(&err);
	st = seal_config_check(cfg, &err);
	if (want == NULL)
		ck_assert_msg(st == SEAL_OK, "%s: got \"%s\", want ok", c->label, err.msg);
	else
		ck_assert_msg(st == SEAL_ERR_CONFIG && strstr(err.msg, want) != NULL,
		    "%s: got %d \"%s\", want \"%s\"", c->label, st, err.msg, want);
	g_free(want);
	seal_config_unref(cfg);
	remove_tmpdir(dir);
}
END_TEST

/* ---------------------------------------------------------------- documentation sync */

/* What the man page must say about k on the line after ".B key". */
static char **
expected_doc(const seal_config_key *k)
{
	GPtrArray *w = g_ptr_array_new();
	char a[32], b[32];

	g_ptr_array_add(w, g_strdup_printf("Type: %s.", seal_config_key_type_name(k->type)));
	g_ptr_array_add(w, g_strdup_printf("Default: %s.", k->def[0] != '\0' ? k->def : "empty"));
	if (k->type == SEAL_KEY_SIZE)
		g_ptr_array_add(w, g_strdup_printf("Range: %s to %s.",
		    seal_config_size_format(k->min, a, sizeof(a)),
		    seal_config_size_format(k->max, b, sizeof(b))));
	else if (k->type == SEAL_KEY_UINT)
		g_ptr_array_add(w, g_strdup_printf("Range: %" G_GUINT64_FORMAT " to %"
		    G_GUINT64_FORMAT ".", k->min, k->max));
	else if (k->words != NULL) {
		char *list = g_strjoinv(", ", (char **)k->words);

		g_ptr_array_add(w, g_strdup_printf("Values: %s.", list));
		g_free(list);
	}
	g_ptr_array_add(w, NULL);
	return (char **)g_ptr_array_free(w, FALSE);
}

/*
 * Every key in the table has a ".TP/.B key" entry in the KEYS section of
 * sealmilter.conf.5.in whose first line gives type, default and range as
 * the table does, and every entry there is a key in the table.
 */
START_TEST(man_page_sync)
{
	char *path = src_path("milter/sealmilter.conf.5.in"), *text, **lines, **want;
	GHashTable *doc = g_hash_table_new(g_str_hash, g_str_equal);
	size_t i, j;
	int in_keys = 0;

	ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "cannot read %s", path);
	lines = g_strsplit(text, "\n", -1);
	for (i = 0; lines[i] != NULL; i++) {
		if (g_str_has_prefix(lines[i], ".SH"))
			in_keys = strcmp(lines[i], ".SH KEYS") == 0;
		if (!in_keys || !g_str_has_prefix(lines[i], ".B ") || i == 0
		    || strcmp(lines[i - 1], ".TP") != 0)
			continue;
		ck_assert_msg(seal_config_key_find(lines[i] + 3) != NULL,
		    "man page documents \"%s\", which is not in the key table", lines[i] + 3);
		g_hash_table_insert(doc, lines[i] + 3, lines[i + 1]);
	}
	for (i = 0; i < seal_config_key_count; i++) {
		const seal_config_key *k = &seal_config_keys[i];
		const char *first = g_hash_table_lookup(doc, k->name);

		ck_assert_msg(first != NULL, "key %s: not documented in %s", k->name, path);
		want = expected_doc(k);
		for (j = 0; want[j] != NULL; j++)
			ck_assert_msg(strstr(first, want[j]) != NULL,
			    "key %s: man page says \"%s\", want it to contain \"%s\"",
			    k->name, first, want[j]);
		g_strfreev(want);
	}
	g_hash_table_destroy(doc);
	g_strfreev(lines);
	g_free(text);
	g_free(path);
}
END_TEST

/* The installed sample (configure output) loads and mentions every key. */
START_TEST(sample_sync)
{
	const char *top = getenv("top_builddir");
	char *path, *text;
	seal_config *c;
	seal_err err;
	size_t i;

	ck_assert_msg(top != NULL, "top_builddir is not set (run through make check)");
	path = g_build_filename(top, "conf", "sealmilter.conf", NULL);
	seal_err_clear(&err);
	c = seal_config_load(path, &err);
	ck_assert_msg(c != NULL, "sample: got error %s:%u: %s", err.file, err.line, err.msg);
	ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "cannot read %s", path);
	for (i = 0; i < seal_config_key_count; i++) {
		/* "#key = default" (commented out) or "key = value", at a line start */
		char *commented = g_strdup_printf("\n#%s =", seal_config_keys[i].name);
		char *active = g_strdup_printf("\n%s =", seal_config_keys[i].name);

		ck_assert_msg(strstr(text, commented) != NULL || strstr(text, active) != NULL,
		    "sample lacks key %s", seal_config_keys[i].name);
		g_free(commented);
		g_free(active);
	}
	g_free(text);
	g_free(path);
	seal_config_unref(c);
}
END_TEST

static void
add_check_and_sync_tests(TCase *tc)
{
	tcase_add_loop_test(tc, config_check, 0, G_N_ELEMENTS(check_cases));
	tcase_add_test(tc, man_page_sync);
	tcase_add_test(tc, sample_sync);
}

int
main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, load_errors, 0, G_N_ELEMENTS(err_cases));
	tcase_add_loop_test(tc, unreadable_file, 0, G_N_ELEMENTS(file_cases));
	tcase_add_test(tc, good_file);
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, comments_only_is_defaults);
	tcase_add_test(tc, list_file);
	tcase_add_loop_test(tc, print_round_trip, 0, G_N_ELEMENTS(roundtrip_files));
	tcase_add_test(tc, refcount);
	add_check_and_sync_tests(tc);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
