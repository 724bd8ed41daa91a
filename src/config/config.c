/*
 * config.c - reads sealmilter.conf (config.h): Postfix main.cf syntax, every
 * key, default and bound taken from the table in config_keys.c.
 *
 * Strict on purpose: a typo in a key or a list must stop the daemon at
 * start or reload (the old configuration stays), never silently widen who
 * may receive personal data. Every error names file, line and key.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "config.h"
#include "config_keys.h"
#include "ocr.h"
#include "domain.h"
#include "fingerprint.h"
#include "rules.h"
#include "category.h"

/* Named limits: sizes beyond these are mistakes, not configurations. */
#define SEAL_CONFIG_MAX_FILE  ((size_t)1024 * 1024)        /* sealmilter.conf */
#define SEAL_CONFIG_MAX_LIST  ((size_t)16 * 1024 * 1024)   /* a /file domain list */
#define SEAL_CONFIG_MAX_LINE  ((size_t)64 * 1024)          /* one physical line */

#define FIELD(cfg, k, type) ((type *)(void *)((char *)(cfg) + (k)->offset))
#define CFIELD(cfg, k, type) ((const type *)(const void *)((const char *)(cfg) + (k)->offset))

/* ---------------------------------------------------------------- files and lines */

/*
 * Reads a regular file of at most cap bytes. NULL with why set otherwise.
 * Reads to EOF rather than trusting st_size: the file may change under us.
 */
static char *
read_capped(const char *path, size_t cap, size_t *len, char *why, size_t whysize)
{
	char chunk[8192];
	struct stat st;
	GString *s;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		snprintf(why, whysize, "cannot open %s: %s", path, g_strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, whysize, "%s is not a regular file", path);
		close(fd);
		return NULL;
	}
	s = g_string_sized_new(st.st_size > 0 && (size_t)st.st_size < cap
	    ? (size_t)st.st_size + 1 : 1024);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || s->len + (size_t)n > cap) {
			if (n < 0)
				snprintf(why, whysize, "cannot read %s: %s", path,
				    g_strerror(errno));
			else
				snprintf(why, whysize, "%s is larger than %zu bytes", path, cap);
			close(fd);
			g_string_free(s, TRUE);
			return NULL;
		}
		g_string_append_len(s, chunk, n);
	}
	close(fd);
	*len = s->len;
	return g_string_free(s, FALSE);
}

/* Next physical line (without '\n'); 0 at the end of buf. */
static int
next_line(const char *buf, size_t len, size_t *pos, const char **line, size_t *linelen)
{
	const char *nl;

	if (*pos >= len)
		return 0;
	*line = buf + *pos;
	nl = memchr(*line, '\n', len - *pos);
	*linelen = nl != NULL ? (size_t)(nl - *line) : len - *pos;
	*pos += *linelen + (nl != NULL);
	return 1;
}

/* Length, NUL and UTF-8 checks shared by the config file and list files. */
static int
line_ok(const char *line, size_t len, char *why, size_t whysize)
{
	if (len > SEAL_CONFIG_MAX_LINE) {
		snprintf(why, whysize, "line longer than %zu bytes", SEAL_CONFIG_MAX_LINE);
		return 0;
	}
	if (memchr(line, '\0', len) != NULL) {
		snprintf(why, whysize, "line contains a NUL byte");
		return 0;
	}
	if (!g_utf8_validate(line, len, NULL)) {
		snprintf(why, whysize, "line is not valid UTF-8");
		return 0;
	}
	return 1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Trimmed copy of line[0..len). */
static char *
trim_dup(const char *line, size_t len)
{
	while (len > 0 && is_blank(line[0])) {
		line++;
		len--;
	}
	while (len > 0 && is_blank(line[len - 1]))
		len--;
	return g_strndup(line, len);
}

/* Blank or a comment ('#' as the first non-blank character). */
static int
is_ignorable(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && is_blank(line[i]))
		i++;
	return i == len || line[i] == '#';
}

/* ---------------------------------------------------------------- values */

/* 1 ok, 0 not a number, -1 overflow; *end after the digits. */
static int
parse_u64(const char *s, uint64_t *out, const char **end)
{
	uint64_t v = 0;

	if (!g_ascii_isdigit(*s))
		return 0;
	for (; g_ascii_isdigit(*s); s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	*end = s;
	return 1;
}

/* A size: digits with an optional k/K, M or G (1024-based). */
static int
parse_size(const char *s, uint64_t *out)
{
	const char *end;
	uint64_t v, mult = 1;
	int r = parse_u64(s, &v, &end);

	if (r <= 0)
		return r;
	if (*end != '\0') {
		if (end[1] != '\0')
			return 0;
		switch (*end) {
		case 'k': case 'K': mult = 1024; break;
		case 'M': mult = 1024 * 1024; break;
		case 'G': mult = 1024 * 1024 * 1024; break;
		default: return 0;
		}
	}
	if (v > UINT64_MAX / mult)
		return -1;
	*out = v * mult;
	return 1;
}

static int
parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "true", "1", NULL };
	static const char *const no[] = { "no", "false", "0", NULL };
	size_t i;

	for (i = 0; yes[i] != NULL; i++) {
		if (strcmp(s, yes[i]) == 0) {
			*out = 1;
			return 1;
		}
		if (strcmp(s, no[i]) == 0) {
			*out = 0;
			return 1;
		}
	}
	return 0;
}

static int
parse_word(const char *const *words, const char *s)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

static void
bounds_text(const seal_config_key *k, char *buf, size_t size)
{
	char a[32], b[32];

	if (k->type == SEAL_KEY_SIZE)
		snprintf(buf, size, "%s..%s", seal_config_size_format(k->min, a, sizeof(a)),
		    seal_config_size_format(k->max, b, sizeof(b)));
	else
		snprintf(buf, size, "%" G_GUINT64_FORMAT "..%" G_GUINT64_FORMAT, k->min, k->max);
}

/* Numbers and sizes: parse and check the bounds from the table. */
static int
set_number(seal_config *cfg, const seal_config_key *k, const char *v, char *why, size_t ws)
{
	char range[80];
	const char *end;
	uint64_t n = 0;
	int r;

	if (k->type == SEAL_KEY_SIZE)
		r = parse_size(v, &n);
	else if ((r = parse_u64(v, &n, &end)) == 1 && *end != '\0')
		r = 0;
	if (r == 0) {
		snprintf(why, ws, "\"%.100s\" is not a %s", v,
		    k->type == SEAL_KEY_SIZE ? "size" : "number");
		return 0;
	}
	if (r < 0 || n < k->min || n > k->max) {
		bounds_text(k, range, sizeof(range));
		snprintf(why, ws, "\"%.100s\" is out of range (%s)", v, range);
		return 0;
	}
	if (k->type == SEAL_KEY_SIZE)
		*FIELD(cfg, k, uint64_t) = n;
	else
		*FIELD(cfg, k, unsigned) = (unsigned)n;
	return 1;
}

static int
set_words(seal_config *cfg, const seal_config_key *k, const char *v, char *why, size_t ws)
{
	int i = parse_word(k->words, v);

	if (i < 0) {
		char *list = g_strjoinv(", ", (char **)k->words);

		snprintf(why, ws, "\"%.100s\" is not one of %s", v, list);
		g_free(list);
		return 0;
	}
	/* Levels count from 1 (low), enums from 0. */
	*FIELD(cfg, k, int) = k->type == SEAL_KEY_LEVEL ? i + 1 : i;
	return 1;
}

static int
set_string(seal_config *cfg, const seal_config_key *k, const char *v, char *why, size_t ws)
{
	char **field = FIELD(cfg, k, char *);

	if (k->min > 0 && v[0] == '\0') {
		snprintf(why, ws, "must not be empty");
		return 0;
	}
	if (k->type == SEAL_KEY_PATH && v[0] != '\0' && v[0] != '/') {
		snprintf(why, ws, "\"%.200s\" is not an absolute path", v);
		return 0;
	}
	if (k->check != NULL && v[0] != '\0' && !k->check(v, why, ws))
		return 0;
	g_free(*field);
	*field = k->type == SEAL_KEY_PATH && v[0] == '\0' ? NULL : g_strdup(v);
	return 1;
}

/* Word lists: blanks or commas between words; words from k->words when set. */
static int
set_list(seal_config *cfg, const seal_config_key *k, const char *v, char *why, size_t ws)
{
	char **tok = g_strsplit_set(v, " \t\r\f\v,", -1);
	GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
	char ***field = FIELD(cfg, k, char **);

	if (k->check != NULL && !k->check(v, why, ws))
		goto fail;
	for (size_t i = 0; tok[i] != NULL; i++) {
		if (tok[i][0] == '\0')
			continue;
		if (k->words != NULL && parse_word(k->words, tok[i]) < 0) {
			char *list = g_strjoinv(", ", (char **)k->words);

			snprintf(why, ws, "\"%.100s\" is not one of %s", tok[i], list);
			g_free(list);
			goto fail;
		}
		g_ptr_array_add(words, g_strdup(tok[i]));
	}
	g_ptr_array_add(words, NULL);
	g_strfreev(*field);
	*field = (char **)g_ptr_array_free(words, FALSE);
	g_strfreev(tok);
	return 1;
fail:
	g_ptr_array_free(words, TRUE);
	g_strfreev(tok);
	return 0;
}

/* ---------------------------------------------------------------- domain lists */

/* Adds the entries of one text (separated by blanks and commas) to l. */
static seal_status
add_entries(seal_domain_list *l, const seal_config_key *k, const char *text,
	int allow_files, const char *file, unsigned line, seal_err *err);

/* A /file list: one or more entries per line, '#' comments. */
static seal_status
add_list_file(seal_domain_list *l, const seal_config_key *k, const char *path,
	const char *file, unsigned line, seal_err *err)
{
	char why[400], *buf, *text;
	const char *ln;
	size_t len, pos = 0, ll;
	unsigned n = 0;
	seal_status st = SEAL_OK;

	buf = read_capped(path, SEAL_CONFIG_MAX_LIST, &len, why, sizeof(why));
	if (buf == NULL)
		return seal_err_set_at(err, SEAL_ERR_CONFIG, file, line, "%s: %s",
		    k->name, why);
	while (st == SEAL_OK && next_line(buf, len, &pos, &ln, &ll)) {
		n++;
		if (!line_ok(ln, ll, why, sizeof(why))) {
			st = seal_err_set_at(err, SEAL_ERR_CONFIG, path, n, "%s: %s",
			    k->name, why);
			break;
		}
		if (is_ignorable(ln, ll))
			continue;
		text = g_strndup(ln, ll);
		st = add_entries(l, k, text, 0, path, n, err);
		g_free(text);
	}
	g_free(buf);
	return st;
}

static seal_status
add_entries(seal_domain_list *l, const seal_config_key *k, const char *text,
	int allow_files, const char *file, unsigned line, seal_err *err)
{
	char **tok = g_strsplit_set(text, " \t\r\f\v,", -1);
	seal_status st = SEAL_OK;
	seal_err e;
	size_t i;

	for (i = 0; st == SEAL_OK && tok[i] != NULL; i++) {
		if (tok[i][0] == '\0')
			continue;
		if (tok[i][0] == '/' && !allow_files) {
			/* One level only: no include loops to guard against. */
			st = seal_err_set_at(err, SEAL_ERR_CONFIG, file, line,
			    "%s: \"%.200s\": a list file cannot name another file",
			    k->name, tok[i]);
		} else if (tok[i][0] == '/') {
			st = add_list_file(l, k, tok[i], file, line, err);
		} else {
			seal_err_clear(&e);
			if (seal_domain_list_add(l, tok[i], &e) != SEAL_OK)
				st = seal_err_set_at(err, SEAL_ERR_CONFIG, file, line,
				    "%s: %s", k->name, e.msg);
		}
	}
	g_strfreev(tok);
	return st;
}

static seal_status
set_domains(seal_config *cfg, const seal_config_key *k, const char *v,
	const char *file, unsigned line, seal_err *err)
{
	seal_domain_list **field = FIELD(cfg, k, seal_domain_list *);
	seal_domain_list *l = seal_domain_list_new();

	if (add_entries(l, k, v, 1, file, line, err) != SEAL_OK) {
		seal_domain_list_free(l);
		return SEAL_ERR_CONFIG;
	}
	seal_domain_list_free(*field);
	*field = l;
	return SEAL_OK;
}

/* Sets key k from its text v; errors read "file:line: key: reason". */
static seal_status
set_value(seal_config *cfg, const seal_config_key *k, const char *v,
	const char *file, unsigned line, seal_err *err)
{
	char why[400];
	int ok = 0;

	why[0] = '\0';
	switch (k->type) {
	case SEAL_KEY_STRING:
	case SEAL_KEY_PATH:
		ok = set_string(cfg, k, v, why, sizeof(why));
		break;
	case SEAL_KEY_BOOL:
		if (!(ok = parse_bool(v, FIELD(cfg, k, int))))
			snprintf(why, sizeof(why), "\"%.100s\" is not a boolean "
			    "(yes, no, true, false, 1, 0)", v);
		break;
	case SEAL_KEY_UINT:
	case SEAL_KEY_SIZE:
		ok = set_number(cfg, k, v, why, sizeof(why));
		break;
	case SEAL_KEY_ENUM:
	case SEAL_KEY_LEVEL:
		ok = set_words(cfg, k, v, why, sizeof(why));
		break;
	case SEAL_KEY_DOMAINS:
		return set_domains(cfg, k, v, file, line, err);
	case SEAL_KEY_LIST:
		ok = set_list(cfg, k, v, why, sizeof(why));
		break;
	}
	if (ok)
		return SEAL_OK;
	return seal_err_set_at(err, SEAL_ERR_CONFIG, file, line, "%s: %s", k->name, why);
}

/* ---------------------------------------------------------------- the file */

typedef struct parse_state {
	seal_config *cfg;
	const char *path;
	unsigned *set_line;   /* per table row: line where set, 0 = not yet */
	char *key;            /* pending logical line, NULL = none */
	GString *value;
	unsigned key_line;
} parse_state;

/* Applies the pending logical line, if any. */
static seal_status
flush_pending(parse_state *ps, seal_err *err)
{
	const seal_config_key *k;
	seal_status st;
	size_t i;

	if (ps->key == NULL)
		return SEAL_OK;
	k = seal_config_key_find(ps->key);
	if (k == NULL)
		st = seal_err_set_at(err, SEAL_ERR_CONFIG, ps->path, ps->key_line,
		    "%.100s: unknown key", ps->key);
	else if (ps->set_line[i = (size_t)(k - seal_config_keys)] != 0)
		st = seal_err_set_at(err, SEAL_ERR_CONFIG, ps->path, ps->key_line,
		    "%s: duplicate key (first set on line %u)", k->name, ps->set_line[i]);
	else {
		ps->set_line[i] = ps->key_line;
		st = set_value(ps->cfg, k, ps->value->str, ps->path, ps->key_line, err);
	}
	g_free(ps->key);
	ps->key = NULL;
	g_string_truncate(ps->value, 0);
	return st;
}

/* One physical line: comment, continuation or "key = value". */
static seal_status
parse_line(parse_state *ps, const char *ln, size_t ll, unsigned n, seal_err *err)
{
	const char *eq;
	char *text, *key;

	if (is_ignorable(ln, ll))
		return SEAL_OK;
	if (is_blank(ln[0])) {
		if (ps->key == NULL)
			return seal_err_set_at(err, SEAL_ERR_CONFIG, ps->path, n,
			    "continuation line without a key before it");
		text = trim_dup(ln, ll);
		if (ps->value->len > 0)
			g_string_append_c(ps->value, ' ');
		g_string_append(ps->value, text);
		g_free(text);
		return SEAL_OK;
	}
	if (flush_pending(ps, err) != SEAL_OK)
		return SEAL_ERR_CONFIG;
	eq = memchr(ln, '=', ll);
	if (eq == NULL) {
		text = trim_dup(ln, ll);
		text[strcspn(text, " \t")] = '\0';
		seal_err_set_at(err, SEAL_ERR_CONFIG, ps->path, n,
		    "%.100s: missing \"=\"", text);
		g_free(text);
		return SEAL_ERR_CONFIG;
	}
	key = trim_dup(ln, (size_t)(eq - ln));
	if (key[0] == '\0') {
		g_free(key);
		return seal_err_set_at(err, SEAL_ERR_CONFIG, ps->path, n,
		    "empty key before \"=\"");
	}
	ps->key = key;
	ps->key_line = n;
	text = trim_dup(eq + 1, ll - (size_t)(eq + 1 - ln));
	g_string_assign(ps->value, text);
	g_free(text);
	return SEAL_OK;
}

static seal_status
parse_buffer(seal_config *cfg, const char *path, const char *buf, size_t len,
	seal_err *err)
{
	parse_state ps;
	const char *ln;
	size_t pos = 0, ll;
	unsigned n = 0;
	seal_status st = SEAL_OK;
	char why[200];

	memset(&ps, 0, sizeof(ps));
	ps.cfg = cfg;
	ps.path = path;
	/* The table is never empty; said for clang's analyzer (the count is in another file). */
	g_assert(seal_config_key_count > 0);
	ps.set_line = g_new0(unsigned, seal_config_key_count);
	ps.value = g_string_new(NULL);
	while (st == SEAL_OK && next_line(buf, len, &pos, &ln, &ll)) {
		n++;
		if (!line_ok(ln, ll, why, sizeof(why)))
			st = seal_err_set_at(err, SEAL_ERR_CONFIG, path, n, "%s", why);
		else
			st = parse_line(&ps, ln, ll, n, err);
	}
	if (st == SEAL_OK)
		st = flush_pending(&ps, err);
	/* profile = no speaks Norwegian bokmål unless language says otherwise. */
	if (st == SEAL_OK && cfg->profile == SEAL_PROFILE_NO) {
		const seal_config_key *lk = seal_config_key_find("language");

		if (ps.set_line[lk - seal_config_keys] == 0)
			cfg->language = SEAL_LANG_NB;
	}
	g_free(ps.key);
	g_string_free(ps.value, TRUE);
	/* Kept: later checks name the line of the setting they are about. */
	g_free(cfg->key_lines);
	cfg->key_lines = ps.set_line;
	return st;
}

/* ---------------------------------------------------------------- lifetime */

static void
config_free(seal_config *cfg)
{
	size_t i;

	for (i = 0; i < seal_config_key_count; i++) {
		const seal_config_key *k = &seal_config_keys[i];

		if (k->type == SEAL_KEY_STRING || k->type == SEAL_KEY_PATH)
			g_free(*FIELD(cfg, k, char *));
		else if (k->type == SEAL_KEY_DOMAINS)
			seal_domain_list_free(*FIELD(cfg, k, seal_domain_list *));
		else if (k->type == SEAL_KEY_LIST)
			g_strfreev(*FIELD(cfg, k, char **));
	}
	seal_fp_key_free(cfg->fp_key);
	seal_rules_free(cfg->rules);
	seal_category_free(cfg->categories);
	if (cfg->keys != NULL && cfg->keys_free != NULL)
		cfg->keys_free(cfg->keys);
	if (cfg->consent != NULL && cfg->consent_free != NULL)
		cfg->consent_free(cfg->consent);
	g_free(cfg->key_lines);
	g_free(cfg->path);
	g_free(cfg);
}

seal_config *
seal_config_new_defaults(void)
{
	seal_config *cfg = g_new0(seal_config, 1);
	seal_err e;
	size_t i;

	cfg->refcount = 1;
	for (i = 0; i < seal_config_key_count; i++) {
		seal_err_clear(&e);
		/* A default that does not parse is a bug the unit test catches. */
		if (set_value(cfg, &seal_config_keys[i], seal_config_keys[i].def,
		    NULL, 0, &e) != SEAL_OK) {
			config_free(cfg);
			return NULL;
		}
	}
	return cfg;
}

seal_config *
seal_config_load(const char *path, seal_err *err)
{
	seal_config *cfg;
	char why[400], *buf;
	size_t len;

	if (path == NULL) {
		seal_err_set(err, SEAL_ERR_USAGE, "no configuration file named");
		return NULL;
	}
	buf = read_capped(path, SEAL_CONFIG_MAX_FILE, &len, why, sizeof(why));
	if (buf == NULL) {
		seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0, "%s", why);
		return NULL;
	}
	cfg = seal_config_new_defaults();
	if (cfg == NULL) {
		g_free(buf);
		seal_err_set(err, SEAL_ERR_INTERNAL, "built-in defaults do not parse");
		return NULL;
	}
	cfg->path = g_strdup(path);
	if (parse_buffer(cfg, path, buf, len, err) != SEAL_OK)
		cfg = seal_config_unref(cfg);
	/* The language data must be there when OCR is on (ocr.h). */
	else if (cfg->ocr && !seal_ocr_languages_check(cfg->ocr_languages, why, sizeof(why))) {
		seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0, "ocr_languages: %s", why);
		cfg = seal_config_unref(cfg);
	}
	g_free(buf);
	return cfg;
}

seal_config *
seal_config_ref(seal_config *cfg)
{
	if (cfg != NULL)
		g_atomic_int_inc(&cfg->refcount);
	return cfg;
}

seal_config *
seal_config_unref(seal_config *cfg)
{
	if (cfg != NULL && g_atomic_int_dec_and_test(&cfg->refcount))
		config_free(cfg);
	return NULL;
}

const char *
seal_lang_name(seal_lang l)
{
	if ((int)l < 0 || (size_t)l >= SEAL_LANG_COUNT)
		return "unknown";
	return seal_config_lang_words[l];
}

/* ---------------------------------------------------------------- printing */

/* Lists: comma-separated, continued on indented lines past ~76 columns. */
static void
print_domains(const seal_domain_list *l, const char *name, FILE *out)
{
	size_t i, col = strlen(name) + 2;
	const char *e;

	fprintf(out, "%s =", name);
	for (i = 0; (e = seal_domain_list_entry(l, i)) != NULL; i++) {
		if (i > 0 && col + strlen(e) + 2 > 76) {
			fputs(",\n   ", out);
			col = 3;
		} else if (i > 0) {
			fputc(',', out);
			col++;
		}
		fprintf(out, " %s", e);
		col += strlen(e) + 1;
	}
	fputc('\n', out);
}

static void
print_key(const seal_config *cfg, const seal_config_key *k, FILE *out)
{
	char buf[32];
	const char *s;

	switch (k->type) {
	case SEAL_KEY_STRING:
	case SEAL_KEY_PATH:
		s = *CFIELD(cfg, k, char *);
		fprintf(out, "%s =%s%s\n", k->name, s != NULL && *s != '\0' ? " " : "",
		    s != NULL ? s : "");
		break;
	case SEAL_KEY_BOOL:
		fprintf(out, "%s = %s\n", k->name, *CFIELD(cfg, k, int) ? "yes" : "no");
		break;
	case SEAL_KEY_UINT:
		fprintf(out, "%s = %u\n", k->name, *CFIELD(cfg, k, unsigned));
		break;
	case SEAL_KEY_SIZE:
		fprintf(out, "%s = %s\n", k->name,
		    seal_config_size_format(*CFIELD(cfg, k, uint64_t), buf, sizeof(buf)));
		break;
	case SEAL_KEY_ENUM:
	case SEAL_KEY_LEVEL: {
		int v = *CFIELD(cfg, k, int) - (k->type == SEAL_KEY_LEVEL);
		size_t n = g_strv_length((char **)k->words);

		fprintf(out, "%s = %s\n", k->name,
		    v >= 0 && (size_t)v < n ? k->words[v] : "?");
		break;
	}
	case SEAL_KEY_DOMAINS:
		print_domains(*CFIELD(cfg, k, seal_domain_list *), k->name, out);
		break;
	case SEAL_KEY_LIST: {
		typedef char **seal_strv;   /* CFIELD puts its const before the type */
		char *const *w = *CFIELD(cfg, k, seal_strv);

		fprintf(out, "%s =", k->name);
		for (size_t i = 0; w != NULL && w[i] != NULL; i++)
			fprintf(out, "%s %s", i > 0 ? "," : "", w[i]);
		fputc('\n', out);
		break;
	}
	}
}

void
seal_config_print(const seal_config *cfg, FILE *out)
{
	size_t i;

	for (i = 0; i < seal_config_key_count; i++)
		print_key(cfg, &seal_config_keys[i], out);
}

