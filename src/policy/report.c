/*
 * report.c - a decision as JSON, as an explanation, and as a log line
 * (report.h). Only masks ever appear; canonical digits are never read here.
 */
#include <string.h>

#include "catlabel.h"
#include "report.h"

void
seal_report_json_string(GString *out, const char *s)
{
	g_string_append_c(out, '"');
	for (const unsigned char *p = (const unsigned char *)(s != NULL ? s : ""); *p; p++) {
		switch (*p) {
		case '"': g_string_append(out, "\\\""); break;
		case '\\': g_string_append(out, "\\\\"); break;
		case '\n': g_string_append(out, "\\n"); break;
		case '\r': g_string_append(out, "\\r"); break;
		case '\t': g_string_append(out, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				g_string_append_printf(out, "\\u%04x", *p);
			else
				g_string_append_c(out, (char)*p);
		}
	}
	g_string_append_c(out, '"');
}

static void
json_findings(const seal_decision *d, GString *out)
{
	g_string_append(out, "\"findings\": [");
	for (guint i = 0; i < d->findings->len; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		g_string_append(out, i > 0 ? ", {" : "{");
		g_string_append(out, "\"kind\": ");
		seal_report_json_string(out, seal_finding_kind_name(&sf->f));
		g_string_append(out, ", \"masked\": ");
		seal_report_json_string(out, sf->f.masked);
		g_string_append(out, ", \"confidence\": ");
		seal_report_json_string(out, seal_level_name(sf->f.level));
		g_string_append(out, ", \"where\": ");
		seal_report_json_string(out, sf->where);
		g_string_append_printf(out, ", \"counted\": %s", sf->counted ? "true" : "false");
		if (sf->f.sensitive)
			g_string_append(out, ", \"sensitive\": true");
		if (sf->fingerprint[0] != '\0') {
			g_string_append(out, ", \"fingerprint\": ");
			seal_report_json_string(out, sf->fingerprint);
		}
		g_string_append_c(out, '}');
	}
	g_string_append(out, "]");
}

static void
json_recipients(const seal_decision *d, GString *out)
{
	g_string_append(out, "\"recipients\": [");
	for (size_t i = 0; i < d->nrcpts; i++) {
		const seal_rcpt_decision *r = &d->rcpts[i];

		g_string_append(out, i > 0 ? ", {" : "{");
		g_string_append(out, "\"address\": ");
		seal_report_json_string(out, r->shown);
		g_string_append(out, ", \"domain_class\": ");
		seal_report_json_string(out, seal_domain_class_name(r->domain_class));
		g_string_append(out, ", \"action\": ");
		seal_report_json_string(out, seal_action_name(r->action));
		g_string_append_printf(out, ", \"causes_refusal\": %s",
		    r->causes_refusal ? "true" : "false");
		g_string_append(out, ", \"reason\": ");
		seal_report_json_string(out, r->reason);
		if (r->consent_given[0] != '\0') {
			g_string_append(out, ", \"consent_given\": ");
			seal_report_json_string(out, r->consent_given);
		}
		if (r->key[0] != '\0') {
			g_string_append(out, ", \"key\": ");
			seal_report_json_string(out, r->key);
		}
		if (r->skipped != NULL && r->skipped->len > 0) {
			g_string_append(out, ", \"passed_over\": [");
			for (guint j = 0; j < r->skipped->len; j++) {
				if (j > 0)
					g_string_append(out, ", ");
				seal_report_json_string(out, g_ptr_array_index(r->skipped, j));
			}
			g_string_append_c(out, ']');
		}
		g_string_append_c(out, '}');
	}
	g_string_append(out, "]");
}

void
seal_report_json(const seal_decision *d, GString *out)
{
	g_string_append(out, "{\"class\": ");
	seal_report_json_string(out, seal_class_name(d->cls));
	g_string_append(out, ", ");
	json_findings(d, out);
	g_string_append(out, ", ");
	json_recipients(d, out);
	g_string_append(out, ", \"action\": ");
	seal_report_json_string(out, seal_action_name(d->action));
	g_string_append_printf(out, ", \"unscannable\": %s", d->unscannable ? "true" : "false");
	if (d->unscannable) {
		g_string_append(out, ", \"unscannable_reason\": ");
		seal_report_json_string(out, d->unscannable_reason);
	}
	g_string_append_printf(out, ", \"encrypted\": %s, \"parts\": %u",
	    d->encrypted ? "true" : "false", d->parts);
	if (d->forced_tag != NULL) {
		g_string_append(out, ", \"force_tag\": ");
		seal_report_json_string(out, d->forced_tag);
	}
	if (d->already_encrypted)
		g_string_append(out, ", \"already_encrypted\": true");
	/* OCR counts only when there was something to count: older outputs stay as they were */
	if (d->ocr_pages > 0)
		g_string_append_printf(out, ", \"ocr_pages\": %u", d->ocr_pages);
	if (d->ocr_skipped_small > 0)
		g_string_append_printf(out, ", \"ocr_skipped_small\": %u", d->ocr_skipped_small);
	if (d->reply_text != NULL) {
		g_string_append(out, ", \"reply\": ");
		seal_report_json_string(out, d->reply_text);
	}
	if (d->notice_text != NULL) {
		g_string_append(out, ", \"notice\": ");
		seal_report_json_string(out, d->notice_text);
	}
	g_string_append(out, "}\n");
}

void
seal_report_text(const seal_decision *d, GString *out)
{
	g_string_append_printf(out, "decision: %s (class %s)\n",
	    seal_action_name(d->action), seal_class_name(d->cls));
	if (d->unscannable)
		g_string_append_printf(out, "could not be checked: %s\n", d->unscannable_reason);
	if (d->encrypted)
		g_string_append(out, "encrypted content present (counts as protected)\n");
	g_string_append_printf(out, "findings: %u\n", d->findings->len);
	for (guint i = 0; i < d->findings->len; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		g_string_append_printf(out, "  %-14s %-14s %-7s %s%s\n",
		    seal_finding_kind_name(&sf->f), sf->f.masked, seal_level_name(sf->f.level),
		    sf->where, sf->counted ? "" : "  (below min_confidence: logged only)");
	}
	g_string_append_printf(out, "recipients: %zu\n", d->nrcpts);
	for (size_t i = 0; i < d->nrcpts; i++) {
		const seal_rcpt_decision *r = &d->rcpts[i];

		g_string_append_printf(out, "  %-40s %-9s %-13s %s%s%s\n", r->shown,
		    seal_domain_class_name(r->domain_class), seal_action_name(r->action),
		    r->reason, r->key[0] != '\0' ? " " : "", r->key);
		for (guint j = 0; r->skipped != NULL && j < r->skipped->len; j++)
			g_string_append_printf(out, "    passed over: %s\n",
			    (const char *)g_ptr_array_index(r->skipped, j));
	}
	if (d->forced_tag != NULL)
		g_string_append_printf(out, "force tag in the Subject: %s (removed)\n",
		    d->forced_tag);
	if (d->already_encrypted)
		g_string_append(out, "the sender encrypted the message: left as it is\n");
	if (d->reply_text != NULL)
		g_string_append_printf(out, "text for the sender:\n%s\n", d->reply_text);
	if (d->notice_text != NULL)
		g_string_append_printf(out, "notice to the sender:\n%s\n", d->notice_text);
}

char *
seal_report_findings(const seal_decision *d, unsigned max)
{
	return seal_report_findings_lang(d, max, SEAL_LANG_EN);
}

char *
seal_report_findings_lang(const seal_decision *d, unsigned max, seal_lang lang)
{
	GString *s = g_string_new(NULL);
	unsigned named = 0, counted = 0;

	for (guint i = 0; i < d->findings->len; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		if (!sf->counted)
			continue;
		counted++;
		if (named == max)
			continue;
		if (named++ > 0)
			g_string_append(s, "; ");
		/* Sensitive data by its category (or rule), never the words that matched. */
		if (sf->f.sensitive) {
			g_string_append_printf(s, "%s (%s)", seal_catlabel(&sf->f, lang), sf->where);
			continue;
		}
		g_string_append_printf(s, "%s %s (%s)", sf->f.kind == SEAL_KIND_RULE
		    ? seal_finding_kind_name(&sf->f) : seal_kind_label(sf->f.kind),
		    sf->f.masked, sf->where);
	}
	if (counted > named)
		g_string_append_printf(s, "; +%u", counted - named);
	return g_string_free(s, FALSE);
}

/* Site rules or categories by name, in the order first found: "rule:NAME:N". */
static void
rule_counts(const seal_decision *d, seal_kind kind, GString *s)
{
	GPtrArray *names = g_ptr_array_new();

	for (guint i = 0; i < d->findings->len; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);
		unsigned n = 0;
		guint j;

		if (!sf->counted || sf->f.kind != kind)
			continue;
		for (j = 0; j < names->len && strcmp(names->pdata[j], sf->f.rule) != 0; j++)
			;
		if (j < names->len)
			continue;
		g_ptr_array_add(names, (gpointer)sf->f.rule);
		for (guint k = i; k < d->findings->len; k++) {
			const seal_scan_finding *o = &g_array_index(d->findings,
			    seal_scan_finding, k);

			n += o->counted && strcmp(o->f.rule, sf->f.rule) == 0;
		}
		g_string_append_printf(s, "%s%s:%u", s->len > 0 ? "," : "", sf->f.rule, n);
	}
	g_ptr_array_free(names, TRUE);
}

char *
seal_report_kinds(const seal_decision *d)
{
	unsigned counts[SEAL_KIND_COUNT] = { 0 };
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < d->findings->len; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		if (sf->counted)
			counts[sf->f.kind]++;
	}
	for (int k = 0; k < SEAL_KIND_COUNT; k++)
		if (counts[k] > 0 && k != SEAL_KIND_RULE && k != SEAL_KIND_CATEGORY)
			g_string_append_printf(s, "%s%s:%u", s->len > 0 ? "," : "",
			    seal_kind_name((seal_kind)k), counts[k]);
	if (counts[SEAL_KIND_RULE] > 0)
		rule_counts(d, SEAL_KIND_RULE, s);
	if (counts[SEAL_KIND_CATEGORY] > 0)
		rule_counts(d, SEAL_KIND_CATEGORY, s);
	return g_string_free(s, FALSE);
}

void
seal_report_log_line(const seal_decision *d, GString *out)
{
	unsigned low = 0, masks = 0;
	char *kinds = seal_report_kinds(d);

	g_string_append_printf(out, "class=%s action=%s findings=%s", seal_class_name(d->cls),
	    seal_action_name(d->action), kinds[0] != '\0' ? kinds : "none");
	g_free(kinds);
	for (guint i = 0; i < d->findings->len; i++)
		low += !g_array_index(d->findings, seal_scan_finding, i).counted;
	if (low > 0)
		g_string_append_printf(out, " uncounted=%u", low);
	/* A few masks help an officer; the full list is for the audit store. */
	for (guint i = 0; i < d->findings->len && masks < 10; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		g_string_append(out, masks++ == 0 ? " masked=" : ",");
		g_string_append(out, sf->f.masked);
	}
	/* The first 16 hex digits (64 bits) find a person in the logs. */
	masks = 0;
	for (guint i = 0; i < d->findings->len && masks < 10; i++) {
		const seal_scan_finding *sf = &g_array_index(d->findings, seal_scan_finding, i);

		if (sf->fingerprint[0] == '\0')
			continue;
		g_string_append(out, masks++ == 0 ? " fp=" : ",");
		g_string_append_len(out, sf->fingerprint, 16);
	}
	if (d->unscannable)
		g_string_append_printf(out, " unscannable=\"%s\"", d->unscannable_reason);
	if (d->encrypted)
		g_string_append(out, " encrypted=yes");
	if (d->forced_tag != NULL)
		g_string_append(out, " forced=yes");
	for (size_t i = 0; i < d->nrcpts; i++) {
		const seal_rcpt_decision *r = &d->rcpts[i];

		g_string_append_printf(out, "%s<%s>:%s:%s%s", i == 0 ? " rcpts=" : ",",
		    r->shown, seal_domain_class_name(r->domain_class),
		    seal_action_name(r->action), r->causes_refusal ? ":cause" : "");
		if (r->key[0] != '\0')
			g_string_append_printf(out, ":key=%.16s", r->key);
		/* a profile waiver is not ordinary delivery: say so */
		if (r->consent_id[0] != '\0')
			g_string_append(out, ":waiver");
	}
	/* the consent each waiver rests on, never what the message said */
	for (size_t i = 0, n = 0; i < d->nrcpts; i++)
		if (d->rcpts[i].consent_id[0] != '\0')
			g_string_append_printf(out, "%s%s", n++ == 0
			    ? " waiver=\"service message under consent\" consent=" : ",",
			    d->rcpts[i].consent_id);
}
