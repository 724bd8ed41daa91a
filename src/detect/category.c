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
	seal_ac *ac;                   /* NULL when there is nothing to match */
	uint32_t *group;               /* per term: the first term with the same kind and text */
	size_t window;
	unsigned threshold[SEAL_CAT_COUNT];
	/* the site rules' keyword gate (rules.h): matcher ids from nterms on */
	size_t nterms;
	uint32_t *kw_rule;             /* id - nterms: the rule the keyword is of */
	size_t nrules;                 /* 0: no gate */
	uint64_t gate_serial;          /* seal_rules_serial of the set the gate was made for */
	unsigned char *always;         /* per rule: run it whatever the pass saw */
};

/*
 * Positions are virtual: the lead text (the Subject) at [0, lead_len),
 * the text itself from body_base on, far enough (more than a window) that
 * the windowed proximity never crosses from one to the other; the two are
 * joined by the cross rule in score() instead.
 */
typedef struct chit {
	size_t pos, end;
	unsigned cat;
	uint32_t id;                   /* the term */
} chit;

/* A hit of a general marker, tallied after the scan (see tally_generals). */
typedef struct ghit {
	size_t pos, end;
	uint32_t id;
} ghit;

typedef struct person_sig {
	size_t pos;
	unsigned strength;
} person_sig;

/* Evidence, general markers and the strongest term, over some texts. */
typedef struct tally {
	unsigned char *counted;        /* per group: weight already added */
	unsigned evidence[SEAL_CAT_COUNT];
	unsigned general;
	unsigned best_w[SEAL_CAT_COUNT];
	size_t best_start[SEAL_CAT_COUNT], best_end[SEAL_CAT_COUNT];
} tally;

typedef struct scan_state {
	const seal_category *c;
	const char *text;              /* the text being matched now (lead or body) */
	size_t len;
	size_t base;                   /* its virtual offset: 0 or body_base */
	size_t body_base;              /* 0 without a lead */
	GArray *chits;                 /* chit */
	GArray *signals;               /* person_sig */
	GArray *generals;              /* ghit */
	tally own;                     /* the text being matched alone */
	tally all;                     /* lead and text together (with a lead) */
	unsigned char *seen;           /* per rule: a keyword of it seen in the text */
	bool keywords_on;              /* matching the text (not the lead): keywords count */
} scan_state;

/* One text's pass (category.h): the hits, kept until they are scored. */
struct seal_category_pass {
	scan_state st;
	seal_category_lead lead;
	bool has_lead;
};

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

/*
 * The matcher over every term and, with a gate, the rules' keywords (as
 * plain substrings: no word edges, the rule's own check decides).
 */
static seal_status
build_matcher(seal_category *c, const seal_rules *rules, seal_err *err)
{
	seal_ac_builder *b = seal_ac_builder_new();
	GArray *kw_rule = g_array_new(FALSE, FALSE, sizeof(uint32_t));
	GHashTable *same = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	size_t added = 0, nrules = seal_rules_count(rules);
	const char *w;

	for (size_t i = 0; i < c->nterms; i++) {
		const seal_dict_term *t = seal_dict_term_at(c->dict, i);
		unsigned edges = 0;
		/* A term of the same kind, weight, markers and bytes in another
		   language (only the suffixes of ~ differ by language) is
		   confirmed and scored exactly as the first: its group, kind and
		   weight are the same, so the matcher reports the first alone
		   ("budget" is a general marker in three lists). */
		char *key = g_strdup_printf("%u %u %u %u %.*s", t->kind, t->weight, t->flags,
		    (t->flags & SEAL_DICT_INFLECT) ? t->lang : 0u, (int)t->len, t->text);

		if (!g_hash_table_add(same, key))
			continue;

		/* the word edges seal_category_match's quick_reject asks for:
		   the matcher drops most short-word hits without a call */
		if (!(t->flags & (SEAL_DICT_STEM | SEAL_DICT_INFLECT)))
			edges |= SEAL_AC_END_WORD;
		if (!(t->flags & (SEAL_DICT_ANY_BEFORE | SEAL_DICT_SPACE)))
			edges |= SEAL_AC_START_WORD;
		added += seal_ac_add_edges(b, t->text, t->len, (uint32_t)i, edges) > 0;
	}
	g_hash_table_destroy(same);
	c->always = nrules > 0 ? g_malloc0(nrules) : NULL;
	for (size_t r = 0; r < nrules; r++) {
		if (seal_rules_gate_keyword(rules, r, 0) == NULL)
			c->always[r] = 1;
		for (size_t k = 0; (w = seal_rules_gate_keyword(rules, r, k)) != NULL; k++) {
			uint32_t rule = (uint32_t)r;

			if (seal_ac_add(b, w, strlen(w), (uint32_t)(c->nterms + kw_rule->len)) == 0)
				c->always[r] = 1;       /* nothing the matcher can look for */
			else
				added++;
			g_array_append_val(kw_rule, rule);
		}
	}
	c->kw_rule = (uint32_t *)(void *)g_array_free(kw_rule, FALSE);
	c->nrules = nrules;
	c->gate_serial = seal_rules_serial(rules);
	if (added == 0) {               /* nothing to look for: no automaton */
		seal_ac_builder_free(b);
		return SEAL_OK;
	}
	c->ac = seal_ac_build(b);
	if (c->ac == NULL)
		return seal_err_set(err, SEAL_ERR_CONFIG, "dictionaries: too many terms "
		    "for the matcher");
	return SEAL_OK;
}

seal_category *
seal_category_new_gated(seal_dict *dict, const seal_rules *rules, seal_err *err)
{
	seal_category *c = g_new0(seal_category, 1);

	c->dict = dict;
	c->nterms = seal_dict_count(dict);
	c->window = SEAL_CATEGORY_WINDOW_DEFAULT;
	for (unsigned i = 0; i < SEAL_CAT_COUNT; i++)
		c->threshold[i] = SEAL_CATEGORY_THRESHOLD_DEFAULT;
	make_groups(c);
	if (build_matcher(c, rules, err) != SEAL_OK)
		return seal_category_free(c);
	return c;
}

seal_category *
seal_category_new(seal_dict *dict, seal_err *err)
{
	return seal_category_new_gated(dict, NULL, err);
}

seal_category *
seal_category_load_gated(const char *dir, const seal_rules *rules, seal_err *err)
{
	seal_dict *d = dir == NULL || dir[0] == '\0' ? seal_dict_load_builtin(err)
	    : seal_dict_load_dir(dir, err);

	return d != NULL ? seal_category_new_gated(d, rules, err) : NULL;
}

seal_category *
seal_category_load(const char *dir, seal_err *err)
{
	return seal_category_load_gated(dir, NULL, err);
}

seal_category *
seal_category_free(seal_category *c)
{
	if (c == NULL)
		return NULL;
	seal_ac_free(c->ac);
	seal_dict_free(c->dict);
	g_free(c->group);
	g_free(c->kw_rule);
	g_free(c->always);
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
group_add(const seal_category *c, tally *t, size_t term, unsigned w)
{
	uint32_t g = c->group[term];
	unsigned had = t->counted[g];

	if (w <= had)
		return 0;
	t->counted[g] = (unsigned char)w;
	return w - had;
}

static void
tally_hit(const seal_category *c, tally *ty, const seal_dict_term *t, size_t id, size_t s,
	size_t e)
{
	ty->evidence[t->kind] += group_add(c, ty, id, t->weight);
	/* the strongest, and of those the first in the text (hits of long
	   texts come from four streams, not in text order) */
	if (t->weight > ty->best_w[t->kind]
	    || (t->weight == ty->best_w[t->kind] && s < ty->best_start[t->kind])) {
		ty->best_w[t->kind] = t->weight;
		ty->best_start[t->kind] = s;
		ty->best_end[t->kind] = e;
	}
}

static int
on_hit(void *vst, uint32_t id, size_t end)
{
	scan_state *st = vst;
	const seal_dict_term *t;
	size_t s, e;

	if (id >= st->c->nterms) {
		/* a site rule's keyword (the gate): only the text's own count */
		if (st->keywords_on)
			st->seen[st->c->kw_rule[id - st->c->nterms]] = 1;
		return 0;
	}
	t = seal_dict_term_at(st->c->dict, id);
	if (!seal_category_match(t, st->text, st->len, end, &s, &e))
		return 0;
	s += st->base;
	e += st->base;
	if (t->kind == SEAL_DICT_PERSON) {
		person_sig sg = { s, t->weight > 3 ? 3 : t->weight };

		g_array_append_val(st->signals, sg);
		return 0;
	}
	if (t->kind == SEAL_DICT_GENERAL) {
		ghit g = { s, e, id };

		g_array_append_val(st->generals, g);
		return 0;
	}
	chit h = { s, e, t->kind, id };

	/* tallied once the text is read (tally_chits) */
	g_array_append_val(st->chits, h);
	return 0;
}

/* Text order; hits of the same span and category: heaviest term first. */
static gint
chit_cmp(gconstpointer a, gconstpointer b, gpointer vc)
{
	const chit *x = a, *y = b;
	const seal_category *c = vc;
	unsigned wx, wy;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->cat != y->cat)
		return x->cat < y->cat ? -1 : 1;
	wx = seal_dict_term_at(c->dict, x->id)->weight;
	wy = seal_dict_term_at(c->dict, y->id)->weight;
	if (wx != wy)
		return wx > wy ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The evidence of the category hits, in text order. One word that the
 * lists of two languages both name ("autismen": da autisme*, sv autism*)
 * is one piece of evidence, not two: of the hits of one category on the
 * same span, the heaviest term's language counts, another language's
 * terms there do not. Terms of one language on the same span (a compound
 * and its stem, written on purpose) still add up. Hits of the text
 * (from body_base on) tally alone, all of them with the lead.
 */
static void
tally_chits(scan_state *st)
{
	const seal_category *c = st->c;
	chit *h;
	unsigned lang = 0;

	g_array_sort_with_data(st->chits, chit_cmp, (gpointer)c);
	h = (chit *)(void *)st->chits->data;
	for (guint i = 0; i < st->chits->len; i++) {
		const seal_dict_term *t = seal_dict_term_at(c->dict, h[i].id);
		bool same_span = i > 0 && h[i].pos == h[i - 1].pos && h[i].end == h[i - 1].end
		    && h[i].cat == h[i - 1].cat;

		if (!same_span)
			lang = t->lang;
		else if (t->lang != lang)
			continue;
		if (h[i].pos >= st->body_base)
			tally_hit(c, &st->own, t, h[i].id, h[i].pos, h[i].end);
		if (st->all.counted != NULL)
			tally_hit(c, &st->all, t, h[i].id, h[i].pos, h[i].end);
	}
}

static gint
pos_cmp(gconstpointer a, gconstpointer b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * G of both tallies, from the general markers that are not part of a
 * category term: "grant" in "crisis grant", "budget" in "budgetrådgivning"
 * is the category's own wording, not a sign of a text about people in
 * general. Both lists sorted by start: a marker is inside some category hit
 * exactly when the furthest end of the hits starting at or before it
 * reaches its end. Markers of the lead (before body_base) count for the
 * joint tally only.
 */
static void
tally_generals(scan_state *st)
{
	const chit *h = (const chit *)(void *)st->chits->data;
	const ghit *g;
	size_t reach = 0;
	guint j = 0;

	g_array_sort(st->generals, pos_cmp);
	g = (const ghit *)(void *)st->generals->data;
	for (guint i = 0; i < st->generals->len; i++) {
		const seal_dict_term *t = seal_dict_term_at(st->c->dict, g[i].id);

		for (; j < st->chits->len && h[j].pos <= g[i].pos; j++)
			if (h[j].end > reach)
				reach = h[j].end;
		if (reach >= g[i].end)
			continue;
		if (g[i].pos >= st->body_base)
			st->own.general += group_add(st->c, &st->own, g[i].id, t->weight);
		if (st->all.counted != NULL)
			st->all.general += group_add(st->c, &st->all, g[i].id, t->weight);
	}
}

/*
 * The strongest person person_sig within the window of any hit of cat: per
 * strength k, a pointer to the first person_sig of strength >= k not yet
 * behind the window; both lists are sorted by position.
 */
static unsigned
person_near(const scan_state *st, unsigned cat, size_t from)
{
	const chit *h = (const chit *)(void *)st->chits->data;
	const person_sig *sg = (const person_sig *)(void *)st->signals->data;
	size_t n = st->signals->len, w = st->c->window, p[4] = { 0, 0, 0, 0 };
	unsigned best = 0;

	for (guint i = 0; i < st->chits->len && best < 3; i++) {
		if (h[i].cat != cat || h[i].pos < from)
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
add_finding(const tally *ty, unsigned cat, int level, size_t base, GArray *out)
{
	seal_finding f;

	memset(&f, 0, sizeof(f));
	f.kind = SEAL_KIND_CATEGORY;
	f.level = level;
	f.start = ty->best_start[cat] - base;
	f.end = ty->best_end[cat] - base;
	g_snprintf(f.rule, sizeof(f.rule), "category:%s", seal_dict_kind_name(cat));
	g_strlcpy(f.masked, f.rule, sizeof(f.masked));
	f.sensitive = 1;
	g_array_append_val(out, f);
}

/* The strongest person signal in [from, to) of the virtual positions. */
static unsigned
strongest_in(const scan_state *st, size_t from, size_t to)
{
	const person_sig *sg = (const person_sig *)(void *)st->signals->data;
	unsigned best = 0;

	for (guint i = 0; i < st->signals->len; i++)
		if (sg[i].pos >= from && sg[i].pos < to && sg[i].strength > best)
			best = sg[i].strength;
	return best;
}

/* Does category cat have a hit in [from, to)? */
static bool
hit_in(const scan_state *st, unsigned cat, size_t from, size_t to)
{
	const chit *h = (const chit *)(void *)st->chits->data;

	for (guint i = 0; i < st->chits->len; i++)
		if (h[i].cat == cat && h[i].pos >= from && h[i].pos < to)
			return true;
	return false;
}

/*
 * P_c of lead and text together: the windowed proximity inside each text,
 * and across them without a window (a Subject is the title of the whole
 * text: the person it names is the person of every paragraph, and the
 * category it names is what every paragraph is about).
 */
static unsigned
person_joint(const scan_state *st, unsigned cat, unsigned lead_person, unsigned body_person)
{
	unsigned p = person_near(st, cat, 0);

	if (p < body_person && hit_in(st, cat, 0, st->body_base))
		p = body_person;
	if (p < lead_person && hit_in(st, cat, st->body_base, (size_t)-1))
		p = lead_person;
	return p;
}

static void
add_ids(scan_state *st, const seal_finding *ids, size_t nids, size_t base)
{
	for (size_t i = 0; i < nids; i++) {
		person_sig sg = { ids[i].start + base, 3 };

		if (ids[i].kind < SEAL_KIND_RULE)
			g_array_append_val(st->signals, sg);
	}
}

static unsigned
capped(unsigned general)
{
	return general > SEAL_CATEGORY_GENERAL_CAP ? SEAL_CATEGORY_GENERAL_CAP : general;
}

/*
 * Per category: the text's own score (as without a lead) and, with a
 * lead, the joint one; the higher counts. A finding the text makes alone
 * stays where it is (the lead can only raise its level); one only the
 * joint score makes is where the strongest evidence of both is.
 */
static size_t
score(scan_state *st, const seal_category_lead *lead, const seal_finding *ids, size_t nids,
	GArray *out, GArray *lead_out)
{
	unsigned lead_person = 0, body_person = 0;
	const unsigned *thr = st->c->threshold;
	size_t added = 0;
	bool any = false;

	tally_chits(st);
	for (unsigned c = 0; c < SEAL_CAT_COUNT; c++)
		any |= st->own.evidence[c] >= thr[c]
		    || (lead != NULL && st->all.evidence[c] >= thr[c]);
	if (!any)
		return 0;
	/* an identity number anywhere in the text is a strong personal reference */
	add_ids(st, ids, nids, st->body_base);
	if (lead != NULL)
		add_ids(st, lead->ids, lead->nids, 0);
	g_array_sort(st->signals, pos_cmp);
	tally_generals(st);
	if (lead != NULL) {
		lead_person = strongest_in(st, 0, st->body_base);
		body_person = strongest_in(st, st->body_base, (size_t)-1);
	}
	for (unsigned c = 0; c < SEAL_CAT_COUNT; c++) {
		int own = 0, joint = 0;

		if (st->own.evidence[c] >= thr[c])
			own = (int)person_near(st, c, st->body_base) - (int)capped(st->own.general);
		if (lead != NULL && st->all.evidence[c] >= thr[c])
			joint = (int)person_joint(st, c, lead_person, body_person)
			    - (int)capped(st->all.general);
		if (own >= 1) {
			if (joint > own)
				own = joint;
			add_finding(&st->own, c, own >= 3 ? SEAL_LEVEL_HIGH : own, st->body_base, out);
		} else if (joint >= 1) {
			if (st->all.best_start[c] >= st->body_base)
				add_finding(&st->all, c, joint >= 3 ? SEAL_LEVEL_HIGH : joint,
				    st->body_base, out);
			else
				add_finding(&st->all, c, joint >= 3 ? SEAL_LEVEL_HIGH : joint, 0,
				    lead_out);
		} else {
			continue;
		}
		added++;
	}
	return added;
}

size_t
seal_category_detect(const seal_category *c, const char *text, size_t len,
	const seal_finding *ids, size_t nids, GArray *out)
{
	return seal_category_detect_lead(c, NULL, text, len, ids, nids, out, NULL);
}

size_t
seal_category_detect_lead(const seal_category *c, const seal_category_lead *lead,
	const char *text, size_t len, const seal_finding *ids, size_t nids,
	GArray *out, GArray *lead_out)
{
	seal_category_pass *p = seal_category_pass_run(c, lead_out != NULL ? lead : NULL,
	    text, len);
	size_t added = seal_category_pass_score(p, ids, nids, out, lead_out);

	seal_category_pass_free(p);
	return added;
}

seal_category_pass *
seal_category_pass_run(const seal_category *c, const seal_category_lead *lead,
	const char *text, size_t len)
{
	size_t groups = seal_dict_count(c != NULL ? c->dict : NULL);
	seal_category_pass *p;
	scan_state *st;

	if (c == NULL || c->ac == NULL || len == 0)
		return NULL;
	p = g_new0(seal_category_pass, 1);
	st = &p->st;
	if (lead != NULL && lead->len > 0) {
		p->lead = *lead;
		p->has_lead = true;
	}
	st->c = c;
	st->chits = g_array_new(FALSE, FALSE, sizeof(chit));
	st->signals = g_array_new(FALSE, FALSE, sizeof(person_sig));
	st->generals = g_array_new(FALSE, FALSE, sizeof(ghit));
	st->own.counted = g_malloc0(groups > 0 ? groups : 1);
	if (c->nrules > 0)
		st->seen = g_malloc0(c->nrules);
	if (p->has_lead) {
		/* the lead's hits first, at virtual positions below body_base
		   (tally_chits gives them to the joint tally only) */
		st->all.counted = g_malloc0(groups > 0 ? groups : 1);
		st->text = p->lead.text;
		st->len = p->lead.len;
		seal_ac_scan(c->ac, p->lead.text, p->lead.len, on_hit, st);
		st->body_base = p->lead.len + c->window + 1;
	}
	st->text = text;
	st->len = len;
	st->base = st->body_base;
	st->keywords_on = st->seen != NULL;
	seal_ac_scan(c->ac, text, len, on_hit, st);
	/* a rule the matcher could not look for runs whatever it saw */
	for (size_t r = 0; r < c->nrules; r++)
		st->seen[r] |= c->always[r];
	return p;
}

const unsigned char *
seal_category_pass_seen(const seal_category_pass *p, const seal_rules *rules, size_t *n)
{
	*n = 0;
	/* only for the very set the matcher was made for: a set loaded later
	   (a reload) has other rules at the same indexes */
	if (p == NULL || p->st.seen == NULL || rules == NULL
	    || seal_rules_serial(rules) != p->st.c->gate_serial
	    || seal_rules_count(rules) != p->st.c->nrules)
		return NULL;
	*n = p->st.c->nrules;
	return p->st.seen;
}

size_t
seal_category_pass_score(seal_category_pass *p, const seal_finding *ids, size_t nids,
	GArray *out, GArray *lead_out)
{
	const seal_category_lead *lead;

	if (p == NULL)
		return 0;
	lead = p->has_lead ? &p->lead : NULL;
	/* no place for the lead's own findings given: they stay with the text's */
	return score(&p->st, lead, ids, nids, out, lead_out != NULL ? lead_out : out);
}

seal_category_pass *
seal_category_pass_free(seal_category_pass *p)
{
	if (p == NULL)
		return NULL;
	g_array_free(p->st.chits, TRUE);
	g_array_free(p->st.signals, TRUE);
	g_array_free(p->st.generals, TRUE);
	g_free(p->st.own.counted);
	g_free(p->st.all.counted);
	g_free(p->st.seen);
	g_free(p);
	return NULL;
}
