/*
 * scan.c - the pipeline: MIME walk -> normalise -> detect -> policy (scan.h).
 *
 * Every piece of text the walker hands over is normalised and scanned on
 * its own (a number never spans two parts); only the category scoring also
 * reads the top-level Subject with each text of the body. A message that cannot be read
 * completely (too big, a limit, hopeless MIME) is "unscannable" and may go
 * in cleartext only to internal and trusted recipients; what happens to the
 * others is unscannable_action. Only transient faults (I/O, memory) return
 * an error: the caller then tempfails, and a broken message is not retried
 * for days.
 */
#include <stdbool.h>
#include <string.h>

#include "scan.h"
#include "fingerprint.h"
#include "message.h"
#include "normalize.h"
#include "category.h"
#include "rules.h"
#include "textwin.h"
#include "decide.h"

/* A file name shown in "where" is cut to this many characters. */
#define SEAL_WHERE_NAME_MAX       80

/* Bytes of each side of the seam between two shown text parts. */
#define SEAM_BYTES 64

typedef struct scan_ctx {
	const seal_config *cfg;
	const seal_date *date;
	GArray *findings;          /* seal_scan_finding */
	GPtrArray *places;         /* char *, one per finding: where without any name */
	GHashTable *seen;          /* "kind where canonical" -> index + 1 in findings */
	seal_decision *d;
	/* The top-level Subject, normalised, scored again with each text of the
	   body (seal_category_detect_lead); subject_ids: only kind and start of
	   its findings (no digits kept). */
	char *subject;
	size_t subject_len;
	GArray *subject_ids;       /* seal_finding */
	/* The end of the last shown text part (scan_seam): its leaf, 0 none. */
	unsigned seam_part;
	size_t seam_len;
	char seam_tail[SEAM_BYTES];
} scan_ctx;

/* The first configured force tag in the (decoded) Subject, case-insensitive. */
static const char *
find_force_tag(const seal_config *cfg, const char *subject, size_t len)
{
	char *hay, *needle;
	const char *hit = NULL;

	if (cfg->force_tags == NULL || cfg->force_tags[0] == NULL)
		return NULL;
	hay = g_utf8_casefold(subject, (gssize)len);
	for (size_t i = 0; hit == NULL && cfg->force_tags[i] != NULL; i++) {
		needle = g_utf8_casefold(cfg->force_tags[i], -1);
		if (needle[0] != '\0' && strstr(hay, needle) != NULL)
			hit = cfg->force_tags[i];
		g_free(needle);
	}
	g_free(hay);
	return hit;
}

/*
 * A text for display with every identity number in it replaced by its mask:
 * attachment names can hold numbers, and "where" goes into logs and replies.
 */
char *
seal_mask_text_all(const char *text, size_t len, const seal_date *date)
{
	size_t nlen, pos = 0;
	char *norm = seal_normalize(text, len, &nlen);
	GArray *found = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	GString *out = g_string_sized_new(nlen + 16);

	seal_detect(norm, nlen, date, found);
	for (guint i = 0; i < found->len; i++) {
		const seal_finding *f = &g_array_index(found, seal_finding, i);

		g_string_append_len(out, norm + pos, (gssize)(f->start - pos));
		g_string_append(out, f->masked);
		pos = f->end;
	}
	g_string_append_len(out, norm + pos, (gssize)(nlen - pos));
	memset(norm, 0, nlen);
	g_free(norm);
	/* The canonical digits are the number itself: wipe them. */
	if (found->len > 0)
		memset(found->data, 0, (size_t)found->len * sizeof(seal_finding));
	g_array_free(found, TRUE);
	/* Control characters have no place in a log line, a reply or a table. */
	for (char *p = out->str; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return g_string_free(out, FALSE);
}

char *
seal_mask_text_today(const char *text)
{
	seal_date today;
	char *valid = g_utf8_make_valid(text != NULL ? text : "", -1);
	char *masked;

	seal_date_today(&today);
	masked = seal_mask_text_all(valid, strlen(valid), &today);
	memset(valid, 0, strlen(valid));
	g_free(valid);
	return masked;
}

char *
seal_mask_text(const char *text, size_t len, const seal_date *date)
{
	char *masked = seal_mask_text_all(text, len, date);

	if (g_utf8_strlen(masked, -1) > SEAL_WHERE_NAME_MAX) {
		char *cut = g_utf8_offset_to_pointer(masked, SEAL_WHERE_NAME_MAX);
		char *shorter;

		*cut = '\0';
		shorter = g_strconcat(masked, "...", NULL);
		g_free(masked);
		masked = shorter;
	}
	return masked;
}

/*
 * A name shown in "where" (a file name, a field name) with identity
 * numbers masked, and the matches of the site rules too: a rule's value
 * (a passport number, an account) in a file name is as private as in the
 * text.
 */
static char *
mask_name(const seal_config *cfg, const char *text, const seal_date *date)
{
	char *masked = seal_mask_text(text, strlen(text), date), *out;
	size_t len = strlen(masked), pos = 0;
	GArray *found;
	GString *s;

	if (cfg->rules == NULL)
		return masked;
	found = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	if (seal_rules_detect(cfg->rules, masked, len, date, found, 0) == (size_t)-1
	    || found->len == 0) {
		/* nothing matched, or PCRE2 gave up: the name is not shown then */
		out = found->len == 0 ? masked : g_strdup("(name not shown)");
		if (out != masked)
			g_free(masked);
		g_array_free(found, TRUE);
		return out;
	}
	s = g_string_sized_new(len + 16);
	for (guint i = 0; i < found->len; i++) {
		seal_finding *f = &g_array_index(found, seal_finding, i);

		if (f->start < pos)
			continue;      /* rules may overlap: the first one masks */
		g_string_append_len(s, masked + pos, (gssize)(f->start - pos));
		g_string_append(s, f->masked);
		pos = f->end;
	}
	g_string_append_len(s, masked + pos, (gssize)(len - pos));
	memset(found->data, 0, found->len * sizeof(seal_finding));
	g_array_free(found, TRUE);
	memset(masked, 0, len);
	g_free(masked);
	return g_string_free(s, FALSE);
}

/* Header fields whose name is the standard's, not the sender's choice. */
static const char *const standard_fields[] = {
	"From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Comments", "Keywords",
	"Date", "Message-ID", "In-Reply-To", "References", "Content-Description",
	"Organization", "Thread-Topic", "Resent-From", "Resent-Sender", "Resent-To",
	"Resent-Cc", "Resent-Bcc", "Disposition-Notification-To", "Return-Receipt-To", NULL
};

/*
 * Where a finding is, naming the place only: no file name, no field name
 * of the sender's own, nothing nested inside an attachment. In mail with
 * sensitive personal data these are the words the sender chose for the
 * file ("Epikrise psykiatri Jens.pdf"), and so may be the very words that
 * matched (scan.h).
 */
static char *
place_string(const seal_text *t)
{
	switch (t->where) {
	case SEAL_WHERE_SUBJECT:
		return g_strdup("subject");
	case SEAL_WHERE_HEADER:
		for (size_t i = 0; t->name != NULL && standard_fields[i] != NULL; i++)
			if (g_ascii_strcasecmp(t->name, standard_fields[i]) == 0)
				return g_strdup_printf("header %s", standard_fields[i]);
		return g_strdup("header (other field)");
	case SEAL_WHERE_BODY:
		return g_strdup("body");
	case SEAL_WHERE_PART:
		return g_strdup_printf("part %u", t->part);
	case SEAL_WHERE_ATTACHMENT:
		if (t->detail != NULL)
			return g_strdup_printf("attachment (part %u), %s", t->part, t->detail);
		return g_strdup_printf("attachment (part %u)", t->part);
	case SEAL_WHERE_FILENAME:
		return g_strdup_printf("attachment name (part %u)", t->part);
	}
	return g_strdup("unknown");
}

static char *
where_string(const seal_config *cfg, const seal_text *t, const seal_date *date)
{
	char *name, *where;

	switch (t->where) {
	case SEAL_WHERE_SUBJECT:
		return g_strdup("subject");
	case SEAL_WHERE_HEADER:
		/* any field is scanned now, and its name is the sender's to choose */
		name = mask_name(cfg, t->name != NULL ? t->name : "?", date);
		where = g_strdup_printf("header %s", name);
		g_free(name);
		return where;
	case SEAL_WHERE_BODY:
		return g_strdup("body");
	case SEAL_WHERE_PART:
		return g_strdup_printf("part %u", t->part);
	case SEAL_WHERE_ATTACHMENT:
	case SEAL_WHERE_FILENAME:
		if (t->name == NULL || t->name[0] == '\0')
			return g_strdup_printf("attachment (part %u)", t->part);
		name = mask_name(cfg, t->name, date);
		where = g_strdup_printf("attachment %s", name);
		g_free(name);
		return where;
	}
	return g_strdup("unknown");
}

/*
 * The same number (kind and canonical digits) already reported at the same
 * place: an HTML part hands over several texts (full, shown, attribute
 * values) and a link's href and title often repeat one number. The first
 * report stays, raised to the higher level; returns true when sf is such a
 * repeat. A hash keeps a list of thousands of numbers linear.
 */
static bool
repeat_finding(scan_ctx *ctx, const seal_scan_finding *sf)
{
	char *key = g_strdup_printf("%d\x1f%s\x1f%s\x1f%s", (int)sf->f.kind, sf->f.rule,
	    sf->where, sf->f.canonical);
	guint i = GPOINTER_TO_UINT(g_hash_table_lookup(ctx->seen, key));
	seal_scan_finding *o;

	if (i == 0) {
		/* the key holds the digits: the table wipes it when it goes */
		g_hash_table_insert(ctx->seen, key, GUINT_TO_POINTER(ctx->findings->len + 1));
		return false;
	}
	memset(key, 0, strlen(key));
	g_free(key);
	o = &g_array_index(ctx->findings, seal_scan_finding, i - 1);
	if (sf->f.level > o->f.level) {
		o->f.level = sf->f.level;
		o->counted = o->f.level >= ctx->cfg->min_confidence;
	}
	return true;
}

static void
key_wipe(gpointer p)
{
	memset(p, 0, strlen(p));
	g_free(p);
}

/* Reports the findings of one text that start in [own_start, own_end). */
static void
report_findings(scan_ctx *ctx, const seal_text *t, GArray *found, size_t own_start,
	size_t own_end)
{
	char *where = NULL, *place = NULL;

	for (guint i = 0; i < found->len; i++) {
		seal_scan_finding sf;

		memset(&sf, 0, sizeof(sf));
		sf.f = g_array_index(found, seal_finding, i);
		/* Window context: the neighbouring window reports it. */
		if (sf.f.start < own_start || sf.f.start >= own_end)
			continue;
		if (where == NULL) {
			where = where_string(ctx->cfg, t, ctx->date);
			place = place_string(t);
		}
		sf.where = where;
		if (repeat_finding(ctx, &sf)) {
			if (t->where == SEAL_WHERE_SUBJECT &&
			    sf.f.level >= ctx->cfg->min_confidence)
				ctx->d->subject_finding = 1;
			continue;
		}
		sf.where = g_strdup(where);
		sf.counted = sf.f.level >= ctx->cfg->min_confidence;
		if (sf.counted && t->where == SEAL_WHERE_SUBJECT)
			ctx->d->subject_finding = 1;
		/* a category has no value to fingerprint (canonical is empty) */
		if (ctx->cfg->fp_key != NULL && sf.f.canonical[0] != '\0')
			seal_fingerprint(ctx->cfg->fp_key, sf.f.canonical, sf.fingerprint);
		g_array_append_val(ctx->findings, sf);
		g_ptr_array_add(ctx->places, g_strdup(place));
	}
	g_free(where);
	g_free(place);
}

/* Keeps the first top-level Subject and where its findings are. */
static void
keep_subject(scan_ctx *ctx, const char *norm, size_t nlen, const GArray *found)
{
	if (ctx->subject != NULL || nlen == 0)
		return;
	ctx->subject = g_memdup2(norm, nlen);
	ctx->subject_len = nlen;
	ctx->subject_ids = g_array_new(FALSE, TRUE, sizeof(seal_finding));
	for (guint i = 0; i < found->len; i++) {
		seal_finding f;

		memset(&f, 0, sizeof(f));
		f.kind = g_array_index(found, seal_finding, i).kind;
		f.start = g_array_index(found, seal_finding, i).start;
		g_array_append_val(ctx->subject_ids, f);
	}
}

/*
 * Sensitive personal data, first step: the dictionaries' matcher pass
 * (which also sees the site rules' keywords, so that the rules can skip a
 * text without any). A text of the top-level body is read together with
 * the Subject (the person may be named in one and the category in the
 * other); *with_lead tells.
 */
static seal_category_pass *
category_pass(scan_ctx *ctx, const seal_text *t, const char *norm, size_t nlen,
	bool *with_lead)
{
	seal_category_lead lead;

	*with_lead = ctx->subject != NULL && t->depth == 0
	    && (t->where == SEAL_WHERE_BODY || t->where == SEAL_WHERE_PART);
	if (!*with_lead)
		return seal_category_pass_run(ctx->cfg->categories, NULL, norm, nlen);
	lead.text = ctx->subject;
	lead.len = ctx->subject_len;
	lead.ids = (const seal_finding *)(void *)ctx->subject_ids->data;
	lead.nids = ctx->subject_ids->len;
	return seal_category_pass_run(ctx->cfg->categories, &lead, norm, nlen);
}

/*
 * Second step: the identity numbers found so far are personal references
 * for the categories; a finding whose evidence is in the Subject is
 * reported there.
 */
static void
detect_categories(scan_ctx *ctx, seal_category_pass *pass, bool with_lead, GArray *found)
{
	static const seal_text subject_text = { .where = SEAL_WHERE_SUBJECT };
	GArray *lead_found;

	if (!with_lead) {
		seal_category_pass_score(pass, (const seal_finding *)(void *)found->data,
		    found->len, found, NULL);
		return;
	}
	lead_found = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	seal_category_pass_score(pass, (const seal_finding *)(void *)found->data, found->len,
	    found, lead_found);
	report_findings(ctx, &subject_text, lead_found, 0, ctx->subject_len);
	g_array_free(lead_found, TRUE);
}

/*
 * Identity numbers and site rules in a normalised text; a rule PCRE2 gave
 * up on may have matched: the message is then unscannable (fail closed).
 * pass: the matcher pass over the same text, whose keyword gate lets the
 * rules skip what cannot match (NULL: every rule runs).
 */
static void
detect_numbers(scan_ctx *ctx, const char *norm, size_t nlen, GArray *found,
	const seal_category_pass *pass)
{
	size_t nseen = 0;
	const unsigned char *seen = seal_category_pass_seen(pass, ctx->cfg->rules, &nseen);

	seal_detect(norm, nlen, ctx->date, found);
	if (seal_rules_detect_seen(ctx->cfg->rules, norm, nlen, ctx->date, found, 0,
	    seen, nseen) == (size_t)-1 && !ctx->d->unscannable) {
		ctx->d->unscannable = 1;
		g_strlcpy(ctx->d->unscannable_reason, "a site rule could not be matched "
		    "(PCRE2 limit)", sizeof(ctx->d->unscannable_reason));
	}
}

/*
 * Text parts shown one below the other (a body in several inline
 * text/plain parts, as Apple Mail and Thunderbird show them; a body and an
 * attached message's body): a number cut at the seam ("CPR 010170-" ending
 * one, "0100" starting the next) reads as one number. The end of one
 * part's text and the start of the next are read together, joined by a
 * line break (which may stand where a number's separator stands,
 * doc/DETECTION.md 3.1); only what runs across the join is reported, as a
 * finding of the later part. An HTML part's further views (shown text,
 * attributes) repeat its first; later windows of a long text move its end.
 */
static void
scan_seam(scan_ctx *ctx, const seal_text *t)
{
	size_t head, from, cut = 0, end = 0, nlen;

	if (t->part == ctx->seam_part && t->own_start == 0)
		return;
	if (t->part != ctx->seam_part && ctx->seam_part != 0 && t->own_end > t->own_start) {
		char join[2 * SEAM_BYTES + 1], *norm;
		GArray *found = g_array_new(FALSE, FALSE, sizeof(seal_finding));
		GArray *across = g_array_new(FALSE, FALSE, sizeof(seal_finding));

		head = MIN(t->own_end - t->own_start, (size_t)SEAM_BYTES);
		while (head > 0 && head < t->own_end - t->own_start &&
		    ((guchar)t->text[t->own_start + head] & 0xC0) == 0x80)
			head--;         /* whole UTF-8 characters */
		memcpy(join, ctx->seam_tail, ctx->seam_len);
		join[ctx->seam_len] = '\n';
		memcpy(join + ctx->seam_len + 1, t->text + t->own_start, head);
		norm = seal_textwin_normalize(join, ctx->seam_len + 1 + head, ctx->seam_len,
		    ctx->seam_len + 1 + head, &nlen, &cut, &end);
		detect_numbers(ctx, norm, nlen, found, NULL);
		for (guint i = 0; i < found->len; i++) {
			const seal_finding *f = &g_array_index(found, seal_finding, i);

			if (f->kind != SEAL_KIND_CATEGORY && f->start < cut && f->end > cut)
				g_array_append_val(across, *f);
		}
		report_findings(ctx, t, across, 0, nlen);
		memset(norm, 0, nlen);
		g_free(norm);
		memset(join, 0, sizeof(join));
		if (found->len > 0)
			memset(found->data, 0, found->len * sizeof(seal_finding));
		if (across->len > 0)
			memset(across->data, 0, across->len * sizeof(seal_finding));
		g_array_free(found, TRUE);
		g_array_free(across, TRUE);
	}
	from = t->own_end - MIN(t->own_end - t->own_start, (size_t)SEAM_BYTES);
	while (from < t->own_end && ((guchar)t->text[from] & 0xC0) == 0x80)
		from++;
	ctx->seam_part = t->part;
	ctx->seam_len = t->own_end - from;
	memcpy(ctx->seam_tail, t->text + from, ctx->seam_len);
}

static seal_status
scan_text(void *vctx, const seal_text *t, seal_err *err)
{
	scan_ctx *ctx = vctx;
	size_t nlen, own_start = 0, own_end = 0;
	seal_category_pass *pass;
	bool with_lead;
	char *norm;
	GArray *found;

	(void)err;
	if (t->where == SEAL_WHERE_SUBJECT && ctx->d->forced_tag == NULL
	    && g_utf8_validate(t->text, (gssize)t->len, NULL)) {
		const char *tag = find_force_tag(ctx->cfg, t->text, t->len);

		ctx->d->forced_tag = g_strdup(tag);
	}
	if (t->own_start == 0 && t->own_end == t->len) {
		norm = seal_normalize(t->text, t->len, &nlen);
		own_end = nlen;
	} else {
		norm = seal_textwin_normalize(t->text, t->len, t->own_start, t->own_end,
		    &nlen, &own_start, &own_end);
	}
	found = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	pass = category_pass(ctx, t, norm, nlen, &with_lead);
	detect_numbers(ctx, norm, nlen, found, pass);
	if (t->where == SEAL_WHERE_SUBJECT)
		keep_subject(ctx, norm, nlen, found);
	detect_categories(ctx, pass, with_lead, found);
	seal_category_pass_free(pass);
	report_findings(ctx, t, found, own_start, own_end);
	if ((t->where == SEAL_WHERE_BODY || t->where == SEAL_WHERE_PART) && t->detail == NULL)
		scan_seam(ctx, t);
	/* The normalised copy holds the numbers in clear: do not leave it in freed memory. */
	memset(norm, 0, nlen);
	g_free(norm);
	if (found->len > 0)
		memset(found->data, 0, found->len * sizeof(seal_finding));
	g_array_free(found, TRUE);
	return SEAL_OK;
}

/*
 * Sensitive mail (any finding marked sensitive, counted or not): every
 * finding's where becomes its bare place (place_string), so that no name
 * the sender chose, which may hold the matched words, reaches a log, the
 * JSON, the audit store or a text for a person. Mail with identity numbers
 * alone keeps the names (numbers and rule matches masked): they help to
 * find the number.
 */
static void
places_for_sensitive(seal_decision *d, GPtrArray *places)
{
	if (!seal_decision_sensitive_seen(d))
		return;
	for (guint i = 0; i < d->findings->len; i++) {
		seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		g_free(sf->where);
		sf->where = places->pdata[i];
		places->pdata[i] = NULL;
	}
}

static void
findings_clear(gpointer p)
{
	seal_scan_finding *sf = p;

	g_free(sf->where);
	memset(sf->f.canonical, 0, sizeof(sf->f.canonical));
}

static seal_status
walk_message(const seal_config *cfg, GMimeStream *message, const seal_envelope *env,
	scan_ctx *ctx, seal_decision *d, seal_err *err)
{
	seal_walk_limits limits;
	seal_walk_result res;
	gint64 length = g_mime_stream_length(message);
	uint64_t size = env->size;
	seal_status st;

	if (size == 0 && length > 0)
		size = (uint64_t)length;
	d->size = size;
	if (size > cfg->max_scan_size) {
		d->unscannable = 1;
		d->too_big = 1;
		g_snprintf(d->unscannable_reason, sizeof(d->unscannable_reason),
		    "message larger than max_scan_size (%" G_GUINT64_FORMAT " bytes)",
		    (guint64)cfg->max_scan_size);
		return SEAL_OK;
	}
	seal_walk_limits_default(&limits);
	limits.max_depth = cfg->max_mime_depth;
	limits.max_parts = cfg->max_mime_parts;
	limits.uninspected_unscannable =
	    cfg->uninspected_action == SEAL_UNINSPECTED_UNSCANNABLE;
	limits.ocr = cfg->ocr;
	limits.ocr_languages = cfg->ocr_languages;
	limits.ocr_max_pages = cfg->ocr_max_pages;
	limits.ocr_time_budget = cfg->ocr_time_budget;
	limits.archive_max_entries = cfg->archive_max_entries;
	limits.archive_max_unpacked = cfg->archive_max_unpacked;
	limits.archive_max_ratio = cfg->archive_max_ratio;
	limits.progress = env->progress;
	limits.progress_ctx = env->progress_ctx;
	memset(&res, 0, sizeof(res));
	st = seal_message_walk(message, &limits, scan_text, ctx, &res, err);
	if (st != SEAL_OK)
		return st;
	d->parts = res.parts;
	d->attachments = res.attachments;
	d->encrypted = res.encrypted;
	d->top_encrypted = res.top_encrypted;
	d->ocr_pages = res.ocr_pages;
	d->ocr_skipped_small = res.ocr_skipped_small;
	if (res.unscannable) {
		d->unscannable = 1;
		g_strlcpy(d->unscannable_reason, res.reason, sizeof(d->unscannable_reason));
	}
	return SEAL_OK;
}

seal_status
seal_scan(const seal_config *cfg, GMimeStream *message, const seal_envelope *env,
	const seal_date *scan_date, seal_decision **out, seal_err *err)
{
	seal_decision *d;
	scan_ctx ctx;
	seal_status st;

	*out = NULL;
	if (cfg == NULL || message == NULL || env == NULL || scan_date == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "seal_scan: missing argument");

	d = g_new0(seal_decision, 1);
	d->findings = g_array_new(FALSE, TRUE, sizeof(seal_scan_finding));
	g_array_set_clear_func(d->findings, findings_clear);
	ctx.cfg = cfg;
	ctx.date = scan_date;
	ctx.findings = d->findings;
	ctx.places = g_ptr_array_new_with_free_func(g_free);
	ctx.seen = g_hash_table_new_full(g_str_hash, g_str_equal, key_wipe, NULL);
	ctx.d = d;
	ctx.subject = NULL;
	ctx.subject_len = 0;
	ctx.subject_ids = NULL;
	ctx.seam_part = 0;
	ctx.seam_len = 0;

	st = walk_message(cfg, message, env, &ctx, d, err);
	g_hash_table_destroy(ctx.seen);
	memset(ctx.seam_tail, 0, sizeof(ctx.seam_tail));       /* message text */
	if (ctx.subject != NULL) {
		/* the Subject may hold a number in clear */
		memset(ctx.subject, 0, ctx.subject_len);
		g_free(ctx.subject);
		g_array_free(ctx.subject_ids, TRUE);
	}
	if (st == SEAL_OK)
		places_for_sensitive(d, ctx.places);
	g_ptr_array_free(ctx.places, TRUE);
	if (st != SEAL_OK) {
		seal_decision_free(d);
		return st;
	}
	st = seal_decide(cfg, env, d, err);
	if (st != SEAL_OK) {
		seal_decision_free(d);
		return st;
	}
	*out = d;
	return SEAL_OK;
}

void
seal_rcpt_decision_clear(seal_rcpt_decision *r)
{
	g_free(r->address);
	g_free(r->shown);
	g_free(r->divert_to);
	X509_free(r->cert);
	if (r->skipped != NULL)
		g_ptr_array_free(r->skipped, TRUE);
	memset(r, 0, sizeof(*r));
}

seal_decision *
seal_decision_free(seal_decision *d)
{
	if (d == NULL)
		return NULL;
	if (d->findings != NULL)
		g_array_free(d->findings, TRUE);
	for (size_t i = 0; i < d->nrcpts; i++)
		seal_rcpt_decision_clear(&d->rcpts[i]);
	g_free(d->rcpts);
	g_free(d->reply_text);
	g_free(d->notice_text);
	g_free(d->hold_text);
	g_free(d->divert_text);
	g_free(d->forced_tag);
	g_free(d);
	return NULL;
}

unsigned
seal_decision_count_kind(const seal_decision *d, seal_kind kind)
{
	unsigned n = 0;

	for (guint i = 0; i < d->findings->len; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		if (sf->counted && sf->f.kind == kind)
			n++;
	}
	return n;
}

int
seal_decision_sensitive_seen(const seal_decision *d)
{
	for (guint i = 0; d->findings != NULL && i < d->findings->len; i++)
		if (g_array_index(d->findings, seal_scan_finding, i).f.sensitive)
			return 1;
	return 0;
}
