/*
 * category.c - scoring dictionary hits into category findings (category.h).
 *
 * The scan collects, in one matcher pass, the category hits (position,
 * category), the person signals (position, strength) and the evidence
 * sums. The proximity question "is there a person signal of strength k
 * within the window of some hit of c" is answered for all hits with one
 * forward pointer per strength over the sorted signals: both lists are
 * walked once per category, so the whole is linear (plus two sorts).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "acmatch.h"
#include "category.h"
#include "category_internal.h"

struct seal_category {
	seal_dict *dict;
	seal_ac *ac;                   /* NULL when the dictionary is empty */
	uint32_t *group;               /* per term: the first term with the same kind and text */
	size_t window;
	unsigned threshold[SEAL_CAT_COUNT];
};

typedef struct chit {
	size_t pos;
	unsigned cat;
} chit;

typedef struct person_sig {
	size_t pos;
	unsigned strength;
} person_sig;

typedef struct scan_state {
	const seal_category *c;
	const char *text;
	size_t len;
	GArray *chits;                 /* chit */
	GArray *signals;               /* person_sig */
	unsigned char *counted;        /* per group: weight already added */
	unsigned evidence[SEAL_CAT_COUNT];
	unsigned general;
	unsigned best_w[SEAL_CAT_COUNT];
	size_t best_start[SEAL_CAT_COUNT], best_end[SEAL_CAT_COUNT];
} scan_state;

/* Terms of one kind with the same text (any case, any markers) count once. */
static void
make_groups(seal_category *c)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	size_t n = seal_dict_count(c->dict);

	c->group = g_new(uint32_t, n > 0 ? n : 1);
	for (size_t i = 0; i < n; i++) {
		const seal_dict_term *t = seal_dict_term_at(c->dict, i);
		char *fold = g_utf8_casefold(t->text, t->len);
		char *key = g_strdup_printf("%u %s", t->kind, fold);
		gpointer v;

		g_free(fold);
		if (g_hash_table_lookup_extended(seen, key, NULL, &v)) {
			c->group[i] = GPOINTER_TO_UINT(v);
			g_free(key);
		} else {
			c->group[i] = (uint32_t)i;
			g_hash_table_insert(seen, key, GUINT_TO_POINTER((guint)i));
		}
	}
	g_hash_table_destroy(seen);
}

seal_category *
seal_category_new(seal_dict *dict, seal_err *err)
{
	seal_category *c = g_new0(seal_category, 1);
	size_t n = seal_dict_count(dict);

	c->dict = dict;
	c->window = SEAL_CATEGORY_WINDOW_DEFAULT;
	for (unsigned i = 0; i < SEAL_CAT_COUNT; i++)
		c->threshold[i] = SEAL_CATEGORY_THRESHOLD_DEFAULT;
	make_groups(c);
	if (n > 0) {
		seal_ac_builder *b = seal_ac_builder_new();

		for (size_t i = 0; i < n; i++) {
			const seal_dict_term *t = seal_dict_term_at(dict, i);

			unsigned edges = 0;

			/* the word edges seal_category_match's quick_reject asks for:
			   the matcher drops most short-word hits without a call */
			if (!(t->flags & (SEAL_DICT_STEM | SEAL_DICT_INFLECT)))
				edges |= SEAL_AC_END_WORD;
			if (!(t->flags & (SEAL_DICT_ANY_BEFORE | SEAL_DICT_SPACE)))
				edges |= SEAL_AC_START_WORD;
			seal_ac_add_edges(b, t->text, t->len, (uint32_t)i, edges);
		}
		c->ac = seal_ac_build(b);
		if (c->ac == NULL) {
			seal_err_set(err, SEAL_ERR_CONFIG, "dictionaries: too many terms "
			    "for the matcher");
			return seal_category_free(c);
		}
	}
	return c;
}

seal_category *
seal_category_load(const char *dir, seal_err *err)
{
	seal_dict *d = dir == NULL || dir[0] == '\0' ? seal_dict_load_builtin(err)
	    : seal_dict_load_dir(dir, err);

	return d != NULL ? seal_category_new(d, err) : NULL;
}

seal_category *
seal_category_free(seal_category *c)
{
	if (c == NULL)
		return NULL;
	seal_ac_free(c->ac);
	seal_dict_free(c->dict);
	g_free(c->group);
	g_free(c);
	return NULL;
}

size_t
seal_category_terms(const seal_category *c)
{
	return c != NULL ? seal_dict_count(c->dict) : 0;
}

int
seal_category_parse_thresholds(const char *spec, unsigned *thresholds, char *why,
	size_t size)
{
	char **items = g_strsplit_set(spec != NULL ? spec : "", ", \t", -1);
	int ok = 1;

	for (size_t i = 0; ok && items[i] != NULL; i++) {
		char *colon = strchr(items[i], ':'), *end = NULL;
		long n = 0;
		int cat;

		if (items[i][0] == '\0')
			continue;
		if (colon != NULL)
			n = strtol(colon + 1, &end, 10);
		cat = colon != NULL ? seal_dict_category_parse(items[i], (size_t)(colon - items[i])) : -1;
		if (colon == NULL || end == colon + 1 || *end != '\0' || n < 1 || n > 100) {
			snprintf(why, size, "\"%.60s\" is not NAME:N (N 1 to 100)", items[i]);
			ok = 0;
		} else if (cat < 0) {
			snprintf(why, size, "unknown category \"%.40s\" (health, substance, social, "
			    "criminal, ethnicity, religion, political, union, sexual)", items[i]);
			ok = 0;
		} else {
			thresholds[cat] = (unsigned)n;
		}
	}
	g_strfreev(items);
	return ok;
}

seal_status
seal_category_configure(seal_category *c, size_t window, const char *thresholds, seal_err *err)
{
	char why[256];

	c->window = window;
	if (!seal_category_parse_thresholds(thresholds, c->threshold, why, sizeof(why)))
		return seal_err_set(err, SEAL_ERR_CONFIG, "category_thresholds: %s", why);
	return SEAL_OK;
}

/* The weight a term adds: only what exceeds what its group already added. */
static unsigned
group_add(scan_state *st, size_t term, unsigned w)
{
	uint32_t g = st->c->group[term];
	unsigned had = st->counted[g];

	if (w <= had)
		return 0;
	st->counted[g] = (unsigned char)w;
	return w - had;
}

static int
on_hit(void *vst, uint32_t id, size_t end)
{
	scan_state *st = vst;
	const seal_dict_term *t = seal_dict_term_at(st->c->dict, id);
	size_t s, e;

	if (!seal_category_match(t, st->text, st->len, end, &s, &e))
		return 0;
	if (t->kind == SEAL_DICT_PERSON) {
		person_sig sg = { s, t->weight > 3 ? 3 : t->weight };

		g_array_append_val(st->signals, sg);
	} else if (t->kind == SEAL_DICT_GENERAL) {
		st->general += group_add(st, id, t->weight);
	} else {
		chit h = { s, t->kind };

		st->evidence[t->kind] += group_add(st, id, t->weight);
		g_array_append_val(st->chits, h);
		/* the strongest, and of those the first in the text (hits of long
		   texts come from four streams, not in text order) */
		if (t->weight > st->best_w[t->kind]
		    || (t->weight == st->best_w[t->kind] && s < st->best_start[t->kind])) {
			st->best_w[t->kind] = t->weight;
			st->best_start[t->kind] = s;
			st->best_end[t->kind] = e;
		}
	}
	return 0;
}

static gint
pos_cmp(gconstpointer a, gconstpointer b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The strongest person person_sig within the window of any hit of cat: per
 * strength k, a pointer to the first person_sig of strength >= k not yet
 * behind the window; both lists are sorted by position.
 */
static unsigned
person_near(const scan_state *st, unsigned cat)
{
	const chit *h = (const chit *)(void *)st->chits->data;
	const person_sig *sg = (const person_sig *)(void *)st->signals->data;
	size_t n = st->signals->len, w = st->c->window, p[4] = { 0, 0, 0, 0 };
	unsigned best = 0;

	for (guint i = 0; i < st->chits->len && best < 3; i++) {
		if (h[i].cat != cat)
			continue;
		for (unsigned k = 3; k > best; k--) {
			while (p[k] < n && (sg[p[k]].pos + w < h[i].pos || sg[p[k]].strength < k))
				p[k]++;
			if (p[k] < n && sg[p[k]].pos <= h[i].pos + w) {
				best = k;
				break;
			}
		}
	}
	return best;
}

static void
add_finding(const scan_state *st, unsigned cat, int level, GArray *out)
{
	seal_finding f;

	memset(&f, 0, sizeof(f));
	f.kind = SEAL_KIND_CATEGORY;
	f.level = level;
	f.start = st->best_start[cat];
	f.end = st->best_end[cat];
	g_snprintf(f.rule, sizeof(f.rule), "category:%s", seal_dict_kind_name(cat));
	g_strlcpy(f.masked, f.rule, sizeof(f.masked));
	f.sensitive = 1;
	g_array_append_val(out, f);
}

static size_t
score(scan_state *st, const seal_finding *ids, size_t nids, GArray *out)
{
	unsigned general = st->general > SEAL_CATEGORY_GENERAL_CAP
	    ? SEAL_CATEGORY_GENERAL_CAP : st->general;
	size_t added = 0;
	bool any = false;

	for (unsigned c = 0; c < SEAL_CAT_COUNT; c++)
		any |= st->evidence[c] >= st->c->threshold[c];
	if (!any)
		return 0;
	/* an identity number anywhere in the text is a strong personal reference */
	for (size_t i = 0; i < nids; i++) {
		person_sig sg = { ids[i].start, 3 };

		if (ids[i].kind < SEAL_KIND_RULE)
			g_array_append_val(st->signals, sg);
	}
	g_array_sort(st->signals, pos_cmp);
	g_array_sort(st->chits, pos_cmp);
	for (unsigned c = 0; c < SEAL_CAT_COUNT; c++) {
		int p;

		if (st->evidence[c] < st->c->threshold[c])
			continue;
		p = (int)person_near(st, c) - (int)general;
		if (p >= 1) {
			add_finding(st, c, p >= 3 ? SEAL_LEVEL_HIGH : p, out);
			added++;
		}
	}
	return added;
}

size_t
seal_category_detect(const seal_category *c, const char *text, size_t len,
	const seal_finding *ids, size_t nids, GArray *out)
{
	scan_state st;
	size_t added;

	if (c == NULL || c->ac == NULL || len == 0)
		return 0;
	memset(&st, 0, sizeof(st));
	st.c = c;
	st.text = text;
	st.len = len;
	st.chits = g_array_new(FALSE, FALSE, sizeof(chit));
	st.signals = g_array_new(FALSE, FALSE, sizeof(person_sig));
	st.counted = g_malloc0(seal_dict_count(c->dict));
	seal_ac_scan(c->ac, text, len, on_hit, &st);
	added = score(&st, ids, nids, out);
	g_array_free(st.chits, TRUE);
	g_array_free(st.signals, TRUE);
	g_free(st.counted);
	return added;
}
