/*
 * rules_parse.c - reading a rules file into a compiled set (rules.h).
 *
 * The format is deliberately the configuration file's (key = value, '#'
 * comments) with a blank line between rules, so an administrator needs
 * no second syntax. Every error names file and line; a block's missing
 * key names the block's first line.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "detect_internal.h"
#include "rules_internal.h"

/* One block while it is read: the raw values and the lines they came from. */
enum { K_NAME, K_PATTERN, K_CLASS, K_VALIDATOR, K_KEYWORDS, K_WINDOW,
	K_CONFIDENCE, K_MASK, K_COUNT };

static const char *const key_names[K_COUNT] = {
	"name", "pattern", "class", "validator", "keywords", "keyword_window",
	"confidence", "mask"
};

typedef struct block {
	char *val[K_COUNT];
	unsigned line[K_COUNT];
	unsigned first;               /* first line of the block, 0 = no block open */
} block;

typedef struct parser {
	const char *path;
	seal_err *err;
	GArray *rules;                /* seal_rule */
} parser;

static void
block_clear(block *b)
{
	for (int k = 0; k < K_COUNT; k++)
		g_free(b->val[k]);
	memset(b, 0, sizeof(*b));
}

static void
rule_clear(seal_rule *r)
{
	pcre2_code_free(r->code);
	g_strfreev(r->keywords);
	memset(r, 0, sizeof(*r));
}

static seal_status fail(parser *p, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static seal_status
fail(parser *p, unsigned line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	seal_err_set_at(p->err, SEAL_ERR_CONFIG, p->path, line, "%s", msg);
	g_free(msg);
	return SEAL_ERR_CONFIG;
}


/*
 * A keyword the gate can see (rules.h): ASCII, and the letters æøåäöéü
 * (folded: lower case), which the matcher's byte classes fold as the case
 * fold does; a letter of any other script might fold from a character of
 * another length.
 */
static bool
gate_word(const char *w)
{
	const unsigned char *t = (const unsigned char *)w;
	bool letter = false;

	for (size_t i = 0; t[i] != 0; i++) {
		if (t[i] < 0x80) {
			letter |= t[i] != ' ' && t[i] != '\t';
			continue;
		}
		if (t[i] != 0xC3 || strchr("\xa6\xb8\xa5\xa4\xb6\xa9\xbc", t[i + 1]) == NULL
		    || t[i + 1] == 0)
			return false;
		letter = true;
		i++;
	}
	return letter;
}
/* Rule names become part of the kind: keep them to what a log line can hold. */
static bool
name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > SEAL_RULE_NAME_MAX)
		return false;
	for (const char *c = s; *c != '\0'; c++)
		if (!g_ascii_isalnum(*c) && *c != '-' && *c != '_' && *c != '.')
			return false;
	return true;
}

static bool
parse_uint(const char *s, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v;

	if (!g_ascii_isdigit(s[0]))
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*out = (unsigned)v;
	return true;
}

static seal_status
compile_pattern(parser *p, const block *b, seal_rule *r)
{
	int code;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[160];

	r->code = pcre2_compile((PCRE2_SPTR)b->val[K_PATTERN], PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF, &code, &off, NULL);
	if (r->code == NULL) {
		char where[32];

		pcre2_get_error_message(code, msg, sizeof(msg));
		g_snprintf(where, sizeof(where), "%zu", (size_t)off);
		return seal_err_set_at(p->err, SEAL_ERR_CONFIG, p->path, b->line[K_PATTERN],
		    "pattern: %s at offset %s", (const char *)msg, where);
	}
	if (seal_rules_start_init(&r->start, r->code)) {
		/* the same pattern, now allowed an offset limit (rules_start.c) */
		pcre2_code *limited = pcre2_compile((PCRE2_SPTR)b->val[K_PATTERN],
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_USE_OFFSET_LIMIT, &code, &off, NULL);

		if (limited != NULL) {
			pcre2_code_free(r->code);
			r->code = limited;
		} else {
			r->start.on = false;
		}
	}
	/* Without JIT (some platforms, hardened kernels) the interpreter still matches. */
	r->jit = pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0;
	return SEAL_OK;
}

static seal_status
parse_validator(parser *p, const block *b, seal_rule *r)
{
	static const char *const words[] = { "luhn", "mod11", "date", "iban" };
	const char *v = b->val[K_VALIDATOR];

	if (v == NULL)
		return SEAL_OK;
	for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
		if (strcmp(v, words[i]) == 0) {
			r->validator = (seal_rule_validator)(i + 1);
			return SEAL_OK;
		}
	return fail(p, b->line[K_VALIDATOR], "validator: unknown %s "
	    "(luhn, mod11, date or iban)", v);
}

static seal_status
parse_options(parser *p, const block *b, seal_rule *r)
{
	const char *v;

	v = b->val[K_CLASS] != NULL ? b->val[K_CLASS] : "confidential";
	/* sensitive: the findings make the message class sensitive (its own chain) */
	r->sensitive = strcmp(v, "sensitive") == 0;
	if (!r->sensitive && strcmp(v, "confidential") != 0)
		return fail(p, b->line[K_CLASS], "class: unknown %s (confidential or "
		    "sensitive)", v);
	r->level = b->val[K_CONFIDENCE] != NULL ? seal_level_parse(b->val[K_CONFIDENCE])
	    : SEAL_LEVEL_MEDIUM;
	if (r->level == 0)
		return fail(p, b->line[K_CONFIDENCE], "confidence: unknown %s "
		    "(low, medium or high)", b->val[K_CONFIDENCE]);
	r->window = SEAL_KW_WINDOW;
	if (b->val[K_WINDOW] != NULL && !parse_uint(b->val[K_WINDOW], 1000, &r->window))
		return fail(p, b->line[K_WINDOW], "keyword_window: %s is not a number "
		    "from 0 to 1000", b->val[K_WINDOW]);
	v = b->val[K_MASK];
	if (v != NULL && (strncmp(v, "keep:", 5) != 0 || !parse_uint(v + 5, 64, &r->keep)))
		return fail(p, b->line[K_MASK], "mask: %s is not keep:N "
		    "(N letters and digits kept, the rest X)", v);
	if (b->val[K_KEYWORDS] != NULL) {
		char **words = g_strsplit(b->val[K_KEYWORDS], ",", -1);
		GPtrArray *kw = g_ptr_array_new();

		for (size_t i = 0; words[i] != NULL; i++) {
			g_strstrip(words[i]);
			if (words[i][0] != '\0')
				g_ptr_array_add(kw, g_utf8_casefold(words[i], -1));
		}
		g_strfreev(words);
		g_ptr_array_add(kw, NULL);
		r->keywords = (char **)g_ptr_array_free(kw, FALSE);
		if (r->keywords[0] == NULL)
			return fail(p, b->line[K_KEYWORDS], "keywords: empty list");
		r->gated = true;
		for (size_t i = 0; r->keywords[i] != NULL; i++)
			r->gated &= gate_word(r->keywords[i]);
	}
	return SEAL_OK;
}

/* A blank line or the end of the file: the open block becomes a rule. */
static seal_status
end_block(parser *p, block *b)
{
	seal_rule r;
	seal_status st;

	if (b->first == 0)
		return SEAL_OK;
	memset(&r, 0, sizeof(r));
	if (b->val[K_NAME] == NULL || b->val[K_PATTERN] == NULL)
		st = fail(p, b->first, "rule without %s", b->val[K_NAME] == NULL ? "name"
		    : "pattern");
	else if (!name_ok(b->val[K_NAME]))
		st = fail(p, b->line[K_NAME], "name: %s: use up to 32 letters, digits, "
		    "'-', '_' or '.'", b->val[K_NAME]);
	else
		st = SEAL_OK;
	/* st is OK only with a name; the NULL test is for clang's analyzer. */
	for (guint i = 0; st == SEAL_OK && b->val[K_NAME] != NULL && i < p->rules->len; i++)
		if (strcmp(g_array_index(p->rules, seal_rule, i).kind + 5, b->val[K_NAME]) == 0)
			st = fail(p, b->line[K_NAME], "name: %s used twice", b->val[K_NAME]);
	if (st == SEAL_OK)
		st = parse_validator(p, b, &r);
	if (st == SEAL_OK)
		st = parse_options(p, b, &r);
	if (st == SEAL_OK)
		st = compile_pattern(p, b, &r);
	if (st != SEAL_OK) {
		rule_clear(&r);
		return st;
	}
	g_snprintf(r.kind, sizeof(r.kind), "rule:%s", b->val[K_NAME]);
	g_array_append_val(p->rules, r);
	block_clear(b);
	return SEAL_OK;
}

static seal_status
parse_line(parser *p, block *b, char *line, unsigned lineno)
{
	char *eq, *key, *val;
	int k;

	g_strstrip(line);
	if (line[0] == '\0')
		return end_block(p, b);
	if (line[0] == '#')
		return SEAL_OK;
	eq = strchr(line, '=');
	if (eq == NULL)
		return fail(p, lineno, "expected key = value");
	*eq = '\0';
	key = g_strstrip(line);
	val = g_strstrip(eq + 1);
	for (k = 0; k < K_COUNT && strcmp(key, key_names[k]) != 0; k++)
		;
	if (k == K_COUNT)
		return fail(p, lineno, "unknown key %s", key);
	if (b->val[k] != NULL)
		return fail(p, lineno, "%s given twice in one rule", key);
	if (b->first == 0)
		b->first = lineno;
	b->val[k] = g_strdup(val);
	b->line[k] = lineno;
	return SEAL_OK;
}

/* A number no other load of this process has had (from 1; 0 is "none"). */
static uint64_t
next_serial(void)
{
	static gsize last;      /* atomically incremented: loads may run in threads */

	return (uint64_t)g_atomic_pointer_add(&last, 1) + 1;
}

seal_rules *
seal_rules_load(const char *path, seal_err *err)
{
	parser p = { path, err, NULL };
	block b;
	char *text = NULL, **lines;
	GError *gerr = NULL;
	seal_status st = SEAL_OK;
	seal_rules *rules;

	if (!g_file_get_contents(path, &text, NULL, &gerr)) {
		seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0, "cannot read: %s", gerr->message);
		g_error_free(gerr);
		return NULL;
	}
	memset(&b, 0, sizeof(b));
	p.rules = g_array_new(FALSE, TRUE, sizeof(seal_rule));
	lines = g_strsplit(text, "\n", -1);
	g_free(text);
	for (size_t i = 0; st == SEAL_OK && lines[i] != NULL; i++)
		st = parse_line(&p, &b, lines[i], (unsigned)i + 1);
	if (st == SEAL_OK)
		st = end_block(&p, &b);
	g_strfreev(lines);
	block_clear(&b);
	rules = g_new0(seal_rules, 1);
	rules->serial = next_serial();
	rules->n = p.rules->len;
	rules->v = (seal_rule *)(void *)g_array_free(p.rules, FALSE);
	if (st != SEAL_OK)
		return seal_rules_free(rules);
	/* the fold table of keyword windows, built now rather than in a scan */
	seal_rules_fold_init();
	return rules;
}

seal_rules *
seal_rules_free(seal_rules *rules)
{
	if (rules == NULL)
		return NULL;
	for (size_t i = 0; i < rules->n; i++)
		rule_clear(&rules->v[i]);
	g_free(rules->v);
	g_free(rules);
	return NULL;
}

size_t
seal_rules_count(const seal_rules *rules)
{
	return rules != NULL ? rules->n : 0;
}

uint64_t
seal_rules_serial(const seal_rules *rules)
{
	return rules != NULL ? rules->serial : 0;
}
