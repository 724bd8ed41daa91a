/*
 * fuzz_rules.c - the site rules parser (rules.h) on arbitrary bytes,
 * written to a temporary file as the parser reads files; a set it accepts
 * is then run over the same bytes as text (made valid UTF-8, as the
 * scanner's normalised text is). A PCRE2 failure must be reported
 * ((size_t)-1), never crash; every finding's rule name is one of the set's.
 */
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "fuzz.h"
#include "rules.h"

static void
run_rules(const seal_rules *rules, const uint8_t *data, size_t size)
{
	gchar *text = g_utf8_make_valid((const gchar *)data, (gssize)size);
	GArray *out = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	seal_date today = { 2026, 12, 6 };
	size_t n = seal_rules_detect(rules, text, strlen(text), &today, out, 0);

	if (n != (size_t)-1 && n != out->len)
		__builtin_trap();
	g_array_free(out, TRUE);
	g_free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = g_build_filename(g_get_tmp_dir(), "seal-fuzz-rules-XXXXXX", NULL);
	int fd = g_mkstemp(path);
	seal_rules *rules;
	seal_err err;

	if (fd < 0) {
		g_free(path);
		return 0;
	}
	if (write(fd, data, size) == (ssize_t)size) {
		seal_err_clear(&err);
		rules = seal_rules_load(path, &err);
		if (rules != NULL)
			run_rules(rules, data, size);
		else if (err.code == SEAL_OK)
			__builtin_trap();     /* a refusal always says why */
		seal_rules_free(rules);
	}
	close(fd);
	unlink(path);
	g_free(path);
	return 0;
}
