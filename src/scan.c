/*
 * scan.c - the pipeline: MIME walk -> normalise -> detect -> policy (scan.h).
 *
 * Every piece of text the walker hands over is normalised and scanned on
 * its own (a number never spans two parts). A message that cannot be read
 * completely (too big, a limit, hopeless MIME) is "unscannable" and may go
 * in cleartext only to internal and trusted recipients; what happens to the
 * others is unscannable_action. Only transient faults (I/O, memory) return
 * an error: the caller then tempfails, and a broken message is not retried
 * for days.
 */
#include <string.h>

#include "scan.h"
#include "fingerprint.h"
#include "message.h"
#include "normalize.h"
#include "template.h"
#include "textwin.h"

/* At most this many findings and recipients are named in a refusal text. */
#define SEAL_REFUSAL_MAX_FINDINGS 5
#define SEAL_REFUSAL_MAX_RCPTS    5
/* A file name shown in "where" is cut to this many characters. */
#define SEAL_WHERE_NAME_MAX       80

typedef struct scan_ctx {
	const seal_config *cfg;
	const seal_date *date;
	GArray *findings;          /* seal_scan_finding */
} scan_ctx;

/*
 * A text for display with every identity number in it replaced by its mask:
 * attachment names can hold numbers, and "where" goes into logs and replies.
 */
static char *
masked_copy(const char *text, size_t len, const seal_date *date)
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
	g_array_free(found, TRUE);

	if (g_utf8_strlen(out->str, -1) > SEAL_WHERE_NAME_MAX) {
		const char *cut = g_utf8_offset_to_pointer(out->str, SEAL_WHERE_NAME_MAX);

		g_string_truncate(out, (gsize)(cut - out->str));
		g_string_append(out, "...");
	}
	/* Control characters have no place in a log line or SMTP reply. */
	for (char *p = out->str; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return g_string_free(out, FALSE);
}

static char *
where_string(const seal_text *t, const seal_date *date)
{
	char *name, *where;

	switch (t->where) {
	case SEAL_WHERE_SUBJECT:
		return g_strdup("subject");
	case SEAL_WHERE_HEADER:
		return g_strdup_printf("header %s", t->name != NULL ? t->name : "?");
	case SEAL_WHERE_BODY:
		return g_strdup("body");
	case SEAL_WHERE_PART:
		return g_strdup_printf("part %u", t->part);
	case SEAL_WHERE_ATTACHMENT:
	case SEAL_WHERE_FILENAME:
		if (t->name == NULL || t->name[0] == '\0')
			return g_strdup_printf("attachment (part %u)", t->part);
		name = masked_copy(t->name, strlen(t->name), date);
		where = g_strdup_printf("attachment %s", name);
		g_free(name);
		return where;
	}
	return g_strdup("unknown");
}

static seal_status
scan_text(void *vctx, const seal_text *t, seal_err *err)
{
	scan_ctx *ctx = vctx;
	size_t nlen, own_start = 0, own_end = 0;
	char *norm, *where = NULL;
	GArray *found;

	(void)err;
	if (t->own_start == 0 && t->own_end == t->len) {
		norm = seal_normalize(t->text, t->len, &nlen);
		own_end = nlen;
	} else {
		norm = seal_textwin_normalize(t->text, t->len, t->own_start, t->own_end,
		    &nlen, &own_start, &own_end);
	}
	found = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	seal_detect(norm, nlen, ctx->date, found);
	for (guint i = 0; i < found->len; i++) {
		seal_scan_finding sf;

		memset(&sf, 0, sizeof(sf));
		sf.f = g_array_index(found, seal_finding, i);
		/* Window context: the neighbouring window reports it. */
		if (sf.f.start < own_start || sf.f.start >= own_end)
			continue;
		if (where == NULL)
			where = where_string(t, ctx->date);
		sf.where = g_strdup(where);
		sf.counted = sf.f.level >= ctx->cfg->min_confidence;
		if (ctx->cfg->fp_key != NULL)
			seal_fingerprint(ctx->cfg->fp_key, sf.f.canonical, sf.fingerprint);
		g_array_append_val(ctx->findings, sf);
	}
	g_free(where);
	/* The normalised copy holds the numbers in clear: do not leave it in freed memory. */
	memset(norm, 0, nlen);
	g_free(norm);
	if (found->len > 0)
		memset(found->data, 0, found->len * sizeof(seal_finding));
	g_array_free(found, TRUE);
	return SEAL_OK;
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
	if (size > cfg->max_scan_size) {
		d->unscannable = 1;
		g_snprintf(d->unscannable_reason, sizeof(d->unscannable_reason),
		    "message larger than max_scan_size (%" G_GUINT64_FORMAT " bytes)",
		    (guint64)cfg->max_scan_size);
		return SEAL_OK;
	}
	seal_walk_limits_default(&limits);
	limits.max_depth = cfg->max_mime_depth;
	limits.max_parts = cfg->max_mime_parts;
	memset(&res, 0, sizeof(res));
	st = seal_message_walk(message, &limits, scan_text, ctx, &res, err);
	if (st != SEAL_OK)
		return st;
	d->parts = res.parts;
	d->encrypted = res.encrypted;
	if (res.unscannable) {
		d->unscannable = 1;
		g_strlcpy(d->unscannable_reason, res.reason, sizeof(d->unscannable_reason));
	}
	return SEAL_OK;
}

/* "CPR 170583-XXXX (body); personnummer 710903-XXXX (part 2)" */
static char *
findings_text(const seal_decision *d)
{
	GString *s = g_string_new(NULL);
	unsigned named = 0, counted = 0;

	for (guint i = 0; i < d->findings->len; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		if (!sf->counted)
			continue;
		counted++;
		if (named == SEAL_REFUSAL_MAX_FINDINGS)
			continue;
		if (named++ > 0)
			g_string_append(s, "; ");
		g_string_append_printf(s, "%s %s (%s)", seal_kind_label(sf->f.kind),
		    sf->f.masked, sf->where);
	}
	if (counted > named)
		g_string_append_printf(s, "; +%u", counted - named);
	return g_string_free(s, FALSE);
}

static char *
causing_rcpts_text(const seal_decision *d)
{
	GString *s = g_string_new(NULL);
	unsigned named = 0, causing = 0;

	for (size_t i = 0; i < d->nrcpts; i++) {
		if (!d->rcpts[i].causes_refusal)
			continue;
		causing++;
		if (named == SEAL_REFUSAL_MAX_RCPTS)
			continue;
		if (named++ > 0)
			g_string_append(s, ", ");
		g_string_append(s, d->rcpts[i].address);
	}
	if (causing > named)
		g_string_append_printf(s, " +%u", causing - named);
	return g_string_free(s, FALSE);
}

/*
 * The refusal text. If the template cannot be rendered the message is still
 * refused, with a fixed English text: failing closed beats a retry loop.
 */
static void
render_reply(const seal_config *cfg, seal_decision *d)
{
	seal_template_vars vars;
	seal_err terr;
	char *findings = findings_text(d), *rcpts = causing_rcpts_text(d);

	memset(&vars, 0, sizeof(vars));
	vars.findings = findings;
	vars.recipients = rcpts;
	vars.reason = d->unscannable_reason;
	seal_err_clear(&terr);
	d->reply_text = seal_template_render(cfg,
	    d->unscannable && d->cls == SEAL_CLASS_PUBLIC
	    ? SEAL_TEMPLATE_UNSCANNABLE : SEAL_TEMPLATE_REFUSE, &vars, &terr);
	if (d->reply_text == NULL)
		d->reply_text = g_strdup("Message refused: it contains personal data "
		    "and a recipient is outside the trusted domains.");
	g_free(findings);
	g_free(rcpts);
}

static void
decide(const seal_config *cfg, const seal_envelope *env, seal_decision *d)
{
	int refuse = 0;

	for (guint i = 0; i < d->findings->len; i++)
		if (g_array_index(d->findings, seal_scan_finding, i).counted)
			d->cls = SEAL_CLASS_CONFIDENTIAL;

	d->nrcpts = env->nrcpts;
	d->rcpts = g_new0(seal_rcpt_decision, env->nrcpts > 0 ? env->nrcpts : 1);
	for (size_t i = 0; i < env->nrcpts; i++) {
		seal_rcpt_decision *r = &d->rcpts[i];

		r->address = g_strdup(env->rcpts[i]);
		r->domain_class = seal_policy_classify(cfg, r->address);
		if (!seal_policy_cleartext_allowed(r->domain_class, d->cls, d->unscannable)) {
			r->causes_refusal = 1;
			refuse = 1;
		}
	}

	d->action = SEAL_ACTION_ACCEPT;
	if (refuse) {
		/* Classified content refuses; an unscannable public message takes unscannable_action. */
		if (d->cls == SEAL_CLASS_PUBLIC
		    && cfg->unscannable_action == SEAL_UNSCANNABLE_TEMPFAIL)
			d->action = SEAL_ACTION_TEMPFAIL;
		else
			d->action = SEAL_ACTION_REFUSE;
	}
	/* Nothing is split yet: the whole message shares one fate. */
	for (size_t i = 0; i < d->nrcpts; i++)
		d->rcpts[i].action = d->action;
	if (d->action != SEAL_ACTION_ACCEPT)
		render_reply(cfg, d);
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

	st = walk_message(cfg, message, env, &ctx, d, err);
	if (st != SEAL_OK) {
		seal_decision_free(d);
		return st;
	}
	decide(cfg, env, d);
	*out = d;
	return SEAL_OK;
}

seal_decision *
seal_decision_free(seal_decision *d)
{
	if (d == NULL)
		return NULL;
	if (d->findings != NULL)
		g_array_free(d->findings, TRUE);
	for (size_t i = 0; i < d->nrcpts; i++)
		g_free(d->rcpts[i].address);
	g_free(d->rcpts);
	g_free(d->reply_text);
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
