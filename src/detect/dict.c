/*
 * dict.c - reading dictionary files into terms (dict.h).
 *
 * The reader is strict because an administrator edits these files: a
 * line it does not understand is an error with file and line, never a
 * silently skipped term (a missing term is a missed disclosure). The
 * reason names the rule broken, never the term itself.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "dict.h"
#include "dict_builtin.h"

#define LINE_MAX_BYTES 4096

struct seal_dict {
	GArray *terms;            /* seal_dict_term */
	GStringChunk *text;       /* the terms' bytes */
};

static const char *const kind_names[SEAL_DICT_KINDS] = {
	"health", "substance", "social", "criminal", "ethnicity", "religion",
	"political", "union", "sexual", "person", "general"
};

static const char *const lang_names[SEAL_DICT_LANGS] = {
	"da", "sv", "nb", "nn", "en", "fi", "names"
};

/* Closed lists of inflection endings (doc/DETECTION.md): the common noun and
   adjective endings of each language, definite forms and genitives. The
   Danish and Norwegian lists also hold the endings of a noun that ends in
   -e ("anbringelse-n", "-r", "-rne"), so a term is written in its base form. */
static const char *const suffix_da[] = { "e", "en", "er", "erne", "et", "ets", "ens", "s",
	"es", "ne", "ene", "ernes", "n", "r", "rne", "ns", "rs", "rnes", NULL };
static const char *const suffix_sv[] = { "a", "an", "ar", "arna", "en", "ens", "er", "erna",
	"et", "ets", "n", "na", "or", "orna", "s", "t", NULL };
static const char *const suffix_no[] = { "a", "ane", "ar", "e", "en", "ene", "er", "et", "s",
	"n", "r", "ne", "ns", NULL };
static const char *const suffix_en[] = { "s", "es", "'s", "ed", "ing", NULL };
static const char *const suffix_none[] = { NULL };

const char *
seal_dict_kind_name(unsigned kind)
{
	return kind < SEAL_DICT_KINDS ? kind_names[kind] : NULL;
}

int
seal_dict_category_parse(const char *name, size_t n)
{
	for (int i = 0; i < SEAL_CAT_COUNT; i++)
		if (strlen(kind_names[i]) == n && memcmp(kind_names[i], name, n) == 0)
			return i;
	return -1;
}

const char *const *
seal_dict_suffixes(unsigned lang)
{
	switch (lang) {
	case SEAL_DICT_DA:
		return suffix_da;
	case SEAL_DICT_SV:
		return suffix_sv;
	case SEAL_DICT_NB:
	case SEAL_DICT_NN:
		return suffix_no;
	case SEAL_DICT_EN:
		return suffix_en;
	default:
		return suffix_none;
	}
}

seal_dict *
seal_dict_new(void)
{
	seal_dict *d = g_new0(seal_dict, 1);

	d->terms = g_array_new(FALSE, TRUE, sizeof(seal_dict_term));
	d->text = g_string_chunk_new(4096);
	return d;
}

seal_dict *
seal_dict_free(seal_dict *d)
{
	if (d == NULL)
		return NULL;
	g_array_free(d->terms, TRUE);
	g_string_chunk_free(d->text);
	g_free(d);
	return NULL;
}

size_t
seal_dict_count(const seal_dict *d)
{
	return d != NULL ? d->terms->len : 0;
}

const seal_dict_term *
seal_dict_term_at(const seal_dict *d, size_t i)
{
	return &g_array_index(d->terms, seal_dict_term, i);
}

/* KIND.LANG.txt -> kind and language; false when the name is not one. */
static bool
parse_name(const char *name, unsigned *kind, unsigned *lang)
{
	const char *dot = strchr(name, '.');
	size_t klen, llen;

	if (dot == NULL || !g_str_has_suffix(name, ".txt"))
		return false;
	klen = (size_t)(dot - name);
	llen = strlen(dot + 1) - 4;
	for (*kind = 0; *kind < SEAL_DICT_KINDS; (*kind)++)
		if (strlen(kind_names[*kind]) == klen && memcmp(kind_names[*kind], name, klen) == 0)
			break;
	for (*lang = 0; *lang < SEAL_DICT_LANGS; (*lang)++)
		if (strlen(lang_names[*lang]) == llen && memcmp(lang_names[*lang], dot + 1, llen) == 0)
			break;
	if (*kind == SEAL_DICT_KINDS || *lang == SEAL_DICT_LANGS)
		return false;
	/* the name list is person.names.txt only */
	return *lang != SEAL_DICT_NAMES || *kind == SEAL_DICT_PERSON;
}

typedef struct line_ctx {
	seal_dict *d;
	const char *shown;
	unsigned kind, lang, line;
	seal_err *err;
} line_ctx;

static seal_status
line_error(const line_ctx *lc, const char *reason)
{
	return seal_err_set_at(lc->err, SEAL_ERR_CONFIG, lc->shown, lc->line, "%s", reason);
}

/* Splits off a trailing weight ("TERM 3"); returns 0 when none, -1 when out of range. */
static int
take_weight(char *s)
{
	char *sp = strrchr(s, ' ');
	char *tab = strrchr(s, '\t');
	long w;

	if (tab != NULL && (sp == NULL || tab > sp))
		sp = tab;
	if (sp == NULL || sp[1] == '\0')
		return 0;
	for (const char *p = sp + 1; *p != '\0'; p++)
		if (!g_ascii_isdigit(*p))
			return 0;
	w = strlen(sp + 1) > 2 ? 99 : strtol(sp + 1, NULL, 10);
	*sp = '\0';
	return w >= 1 && w <= 5 ? (int)w : -1;
}

/* Collapses whitespace runs to one space and trims both ends, in place. */
static void
squeeze(char *s)
{
	char *o = s;
	bool space = false;

	for (const char *p = s; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t') {
			space = o > s;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = *p;
	}
	*o = '\0';
}

/* Strips the markers off t into *flags; NULL (and a reason) when misplaced. */
static const char *
take_markers(char **t, unsigned *flags)
{
	char *s = *t;
	size_t n = strlen(s);

	if (n > 0 && s[0] == '*') {
		*flags |= SEAL_DICT_ANY_BEFORE;
		s++;
		n--;
	}
	if (n > 0 && (s[n - 1] == '#' || s[n - 1] == '^')) {
		*flags |= s[n - 1] == '#' ? SEAL_DICT_DIGIT : SEAL_DICT_CAPNEXT;
		s[--n] = '\0';
	}
	if (n > 0 && (s[n - 1] == '*' || s[n - 1] == '~')) {
		*flags |= s[n - 1] == '*' ? SEAL_DICT_STEM : SEAL_DICT_INFLECT;
		s[--n] = '\0';
	}
	*t = s;
	if (n == 0)
		return "empty term";
	if (strpbrk(s, "*~#^") != NULL)
		return "marker (* ~ # ^) in the middle of the term";
	if (s[0] == ' ' || s[n - 1] == ' ')
		return "a marker must touch the word";
	return NULL;
}

/* Letters in s, and whether one is upper case (the case rule). */
static unsigned
count_letters(const char *s, bool *upper, bool *first_upper)
{
	unsigned n = 0;

	*upper = *first_upper = false;
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (!g_unichar_isalpha(c))
			continue;
		if (g_unichar_isupper(c)) {
			*upper = true;
			*first_upper |= n == 0;
		}
		n++;
	}
	return n;
}

static seal_status
add_term(line_ctx *lc, char *s)
{
	seal_dict_term t;
	unsigned flags = 0;
	int w = take_weight(s);
	const char *why;
	bool upper, first_upper;

	if (w < 0)
		return line_error(lc, "weight out of range (1 to 5)");
	squeeze(s);
	why = take_markers(&s, &flags);
	if (why != NULL)
		return line_error(lc, why);
	if (strlen(s) > SEAL_DICT_TERM_MAX)
		return line_error(lc, "term too long");
	if (count_letters(s, &upper, &first_upper) < 2)
		return line_error(lc, "term under 2 letters");
	if (lc->lang == SEAL_DICT_NAMES) {
		if (!first_upper)
			return line_error(lc, "a name must start with a capital letter");
		flags |= SEAL_DICT_CAPNEXT;
		if (w == 0)
			w = 2;
	}
	if (upper)
		flags |= SEAL_DICT_EXACT;
	if (strchr(s, ' ') != NULL)
		flags |= SEAL_DICT_SPACE;
	if (lc->d->terms->len >= SEAL_DICT_TERMS_MAX)
		return line_error(lc, "too many terms in the dictionaries");
	memset(&t, 0, sizeof(t));
	t.text = g_string_chunk_insert(lc->d->text, s);
	t.len = (uint16_t)strlen(s);
	t.kind = (uint8_t)lc->kind;
	t.lang = (uint8_t)lc->lang;
	t.weight = (uint8_t)(w == 0 ? 1 : w);
	t.flags = (uint8_t)flags;
	g_array_append_val(lc->d->terms, t);
	return SEAL_OK;
}

static seal_status
parse_line(line_ctx *lc, const char *p, size_t n)
{
	char *s;
	seal_status st;

	while (n > 0 && g_ascii_isspace(p[n - 1]))
		n--;
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	if (n == 0 || *p == '#')
		return SEAL_OK;
	if (n > LINE_MAX_BYTES)
		return line_error(lc, "line too long");
	if (!g_utf8_validate(p, (gssize)n, NULL))
		return line_error(lc, "not valid UTF-8");
	s = g_strndup(p, n);
	st = add_term(lc, s);
	g_free(s);
	return st;
}

seal_status
seal_dict_parse(seal_dict *d, const char *name, const char *shown, const char *text,
	size_t len, seal_err *err)
{
	line_ctx lc = { d, shown, 0, 0, 0, err };
	size_t pos = 0;

	if (!parse_name(name, &lc.kind, &lc.lang))
		return seal_err_set_at(err, SEAL_ERR_CONFIG, shown, 0, "unknown dictionary "
		    "(KIND.LANG.txt: KIND a category, person or general; LANG da, sv, nb, "
		    "nn, en or fi; or person.names.txt)");
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl != NULL ? (size_t)(nl - text) : len;
		seal_status st;

		lc.line++;
		st = parse_line(&lc, text + pos, end - pos);
		if (st != SEAL_OK)
			return st;
		pos = end + 1;
	}
	return SEAL_OK;
}

static gint
name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.txt names in dir, sorted (errors then come in a stable order). */
static GPtrArray *
list_dir(const char *dir, seal_err *err)
{
	GError *gerr = NULL;
	GDir *dh = g_dir_open(dir, 0, &gerr);
	GPtrArray *names;
	const char *n;

	if (dh == NULL) {
		seal_err_set_at(err, SEAL_ERR_CONFIG, dir, 0, "dictionaries: cannot open the "
		    "directory: %s", gerr->message);
		g_error_free(gerr);
		return NULL;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((n = g_dir_read_name(dh)) != NULL)
		if (g_str_has_suffix(n, ".txt") && n[0] != '.')
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(dh);
	g_ptr_array_sort(names, name_cmp);
	return names;
}

seal_dict *
seal_dict_load_dir(const char *dir, seal_err *err)
{
	GPtrArray *names = list_dir(dir, err);
	seal_dict *d;

	if (names == NULL)
		return NULL;
	d = seal_dict_new();
	for (guint i = 0; i < names->len && d != NULL; i++) {
		char *path = g_build_filename(dir, names->pdata[i], NULL);
		char *text = NULL;
		gsize len = 0;
		GError *gerr = NULL;

		if (!g_file_get_contents(path, &text, &len, &gerr)) {
			seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0, "cannot read: %s",
			    gerr->message);
			g_error_free(gerr);
			d = seal_dict_free(d);
		} else if (seal_dict_parse(d, names->pdata[i], path, text, len, err) != SEAL_OK) {
			d = seal_dict_free(d);
		}
		g_free(text);
		g_free(path);
	}
	g_ptr_array_free(names, TRUE);
	return d;
}

seal_dict *
seal_dict_load_builtin(seal_err *err)
{
	seal_dict *d = seal_dict_new();

	for (size_t i = 0; i < seal_dict_builtin_count; i++) {
		const seal_dict_builtin_file *f = &seal_dict_builtin_files[i];
		char *shown = g_strconcat("(built-in) ", f->name, NULL);
		seal_status st = seal_dict_parse(d, f->name, shown, f->text, f->len, err);

		g_free(shown);
		if (st != SEAL_OK)
			return seal_dict_free(d);
	}
	return d;
}
