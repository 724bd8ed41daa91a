/*
 * fuzz_rules.c - the site rules parser (rules.h) on arbitrary bytes,
 * written to a temporary file as the parser reads files; a set it accepts
 * is then run as text (made valid UTF-8, as the scanner's normalised text
 * is) over the bytes after the first NUL, or over the same bytes when there
 * is none. A PCRE2 failure must be reported ((size_t)-1), never crash.
 * The keyword gate is checked against the full search: with the matcher
 * pass of a dictionary holding only the rules' keywords
 * (seal_category_new_gated), seal_rules_detect_seen must find exactly
 * what seal_rules_detect finds, finding by finding.
 */
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "category.h"
#include "dict.h"
#include "fuzz.h"
#include "rules.h"

static void
run_rules(const seal_rules *rules, const uint8_t *data, size_t size)
{
	gchar *text = g_utf8_make_valid((const gchar *)data, (gssize)size);
	size_t len = strlen(text), nseen = 0;
	GArray *out = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	GArray *gated = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	seal_date today = { 2026, 12, 6 };
	size_t n = seal_rules_detect(rules, text, len, &today, out, 0), ng;
	seal_err err;
	seal_category *c;
	seal_category_pass *pass;
	const unsigned char *seen;

	if (n != (size_t)-1 && n != out->len)
		__builtin_trap();
	seal_err_clear(&err);
	c = seal_category_new_gated(seal_dict_new(), rules, &err);
	if (c == NULL)
		__builtin_trap();       /* a few keywords always fit the matcher */
	pass = seal_category_pass_run(c, NULL, text, len);
	seen = seal_category_pass_seen(pass, rules, &nseen);
	ng = seal_rules_detect_seen(rules, text, len, &today, gated, 0, seen, nseen);
	if (ng != n || gated->len != out->len)
		__builtin_trap();
	for (guint i = 0; i < out->len; i++) {
		const seal_finding *a = &g_array_index(out, seal_finding, i);
		const seal_finding *b = &g_array_index(gated, seal_finding, i);

		if (a->start != b->start || a->end != b->end || strcmp(a->rule, b->rule) != 0)
			__builtin_trap();
	}
	seal_category_pass_free(pass);
	seal_category_free(c);
	g_array_free(gated, TRUE);
	g_array_free(out, TRUE);
	g_free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = g_build_filename(g_get_tmp_dir(), "seal-fuzz-rules-XXXXXX", NULL);
	int fd = g_mkstemp(path);
	const uint8_t *nul = memchr(data, 0, size);
	size_t file_size = nul != NULL ? (size_t)(nul - data) : size;
	seal_rules *rules;
	seal_err err;

	if (fd < 0) {
		g_free(path);
		return 0;
	}
	/* the rules file: the bytes before the first NUL (all without one) */
	if (write(fd, data, file_size) == (ssize_t)file_size) {
		seal_err_clear(&err);
		rules = seal_rules_load(path, &err);
		if (rules != NULL) {
			if (nul != NULL)
				run_rules(rules, nul + 1, size - (size_t)(nul - data) - 1);
			else
				run_rules(rules, data, size);
		}
		else if (err.code == SEAL_OK)
			__builtin_trap();     /* a refusal always says why */
		seal_rules_free(rules);
	}
	close(fd);
	unlink(path);
	g_free(path);
	return 0;
}
