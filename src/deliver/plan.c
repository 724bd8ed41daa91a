/*
 * plan.c - the copies that leave, built from a decision (plan.h).
 */
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "keys.h"
#include "marker.h"
#include "notice.h"
#include "pgp.h"
#include "plan.h"
#include "rewrite.h"
#include "smime.h"

/* Per language (seal_lang order). */
static const char *const neutral_subjects[] = {
	"Krypteret meddelelse", "Krypterat meddelande", "Encrypted message", "Kryptert melding"
};

const char *
seal_plan_notice_name(int kind)
{
	switch (kind) {
	case SEAL_NOTICE_DSN: return "dsn";
	case SEAL_NOTICE_HOLD: return "hold";
	case SEAL_NOTICE_DIVERT: return "divert";
	}
	return "none";
}

const char *
seal_plan_neutral_subject(const seal_config *cfg)
{
	if (cfg->neutral_subject != NULL && cfg->neutral_subject[0] != '\0')
		return cfg->neutral_subject;
	return neutral_subjects[cfg->language < SEAL_LANG_COUNT ? cfg->language : SEAL_LANG_EN];
}

static void
copy_free(gpointer p)
{
	seal_plan_copy *c = p;

	g_free(c->sender);
	g_free(c->original_rcpt);
	g_ptr_array_free(c->rcpts, TRUE);
	if (c->members != NULL)
		g_array_free(c->members, TRUE);
	if (c->message != NULL) {
		/* Accept copies hold the content in clear. */
		memset(c->message->str, 0, c->message->len);
		g_string_free(c->message, TRUE);
	}
	g_free(c);
}

seal_plan *
seal_plan_free(seal_plan *p)
{
	if (p == NULL)
		return NULL;
	g_ptr_array_free(p->copies, TRUE);
	g_ptr_array_free(p->remove, TRUE);
	g_ptr_array_free(p->held, TRUE);
	if (p->edits != NULL)
		g_ptr_array_free(p->edits, TRUE);
	if (p->base != NULL) {
		memset(p->base->str, 0, p->base->len);
		g_string_free(p->base, TRUE);
	}
	seal_config_unref(p->cfg);
	g_free(p);
	return NULL;
}

/* ---------------------------------------------------------------- the Subject */

/* The first top-level Subject field: [*start, *end) including its line end. */
static int
find_subject(const char *msg, size_t len, size_t *start, size_t *end)
{
	size_t body = seal_marker_body_offset(msg, len), pos = 0;

	while (pos < body) {
		const char *nl = memchr(msg + pos, '\n', body - pos);
		size_t next = nl != NULL ? (size_t)(nl - msg) + 1 : body;

		/* continuation lines belong to the field before them */
		while (next < body && (msg[next] == ' ' || msg[next] == '\t')) {
			nl = memchr(msg + next, '\n', body - next);
			next = nl != NULL ? (size_t)(nl - msg) + 1 : body;
		}
		if (next - pos > 8 && g_ascii_strncasecmp(msg + pos, "Subject:", 8) == 0) {
			*start = pos;
			*end = next;
			return 1;
		}
		pos = next;
	}
	return 0;
}

/* Removes the first case-insensitive (ASCII) occurrence of tag and tidies spaces. */
static char *
without_tag(const char *subject, const char *tag)
{
	size_t tl = strlen(tag), sl = strlen(subject);
	GString *out;
	char *hit = NULL;

	for (size_t i = 0; i + tl <= sl && hit == NULL; i++)
		if (g_ascii_strncasecmp(subject + i, tag, tl) == 0)
			hit = (char *)subject + i;
	if (hit == NULL)
		return NULL;
	out = g_string_new_len(subject, hit - subject);
	g_string_append(out, hit + tl);
	/* "[secure] Re: x" -> "Re: x"; "x [secure] y" -> "x y" */
	for (char *p = out->str; (p = strstr(p, "  ")) != NULL;)
		g_string_erase(out, p - out->str, 1);
	g_strstrip(out->str);
	return g_string_free(out, FALSE);
}

/*
 * The message with the force tag taken out of its Subject: *edit gets the
 * new value for the milter (leading space, LF folding), NULL when the tag
 * is not found in the decoded Subject (then the message is unchanged).
 */
static GString *
strip_force_tag(const char *msg, size_t len, const char *tag, char **edit)
{
	GString *out = g_string_new_len(msg, (gssize)len);
	size_t start, end;
	char *raw, *decoded, *stripped, *encoded, *field, *folded;

	*edit = NULL;
	if (tag == NULL || !find_subject(msg, len, &start, &end))
		return out;
	raw = g_strndup(msg + start + 8, end - start - 8);
	g_strchomp(raw);
	decoded = g_mime_utils_header_decode_text(NULL, raw);
	stripped = decoded != NULL ? without_tag(decoded, tag) : NULL;
	if (stripped != NULL) {
		encoded = g_mime_utils_header_encode_text(NULL, stripped, "utf-8");
		field = g_strconcat("Subject: ", encoded, NULL);
		folded = g_mime_utils_unstructured_header_fold(NULL, NULL, field);
		g_strchomp(folded);
		/* folded is "Subject: value" with LF folding; the milter wants " value" */
		*edit = g_strdup(folded + 8);
		g_string_erase(out, (gssize)start, (gssize)(end - start));
		{
			GString *f = g_string_new(NULL);

			for (const char *p = folded; *p != '\0'; p++) {
				if (*p == '\n')
					g_string_append_c(f, '\r');
				g_string_append_c(f, *p);
			}
			g_string_append(f, "\r\n");
			g_string_insert_len(out, (gssize)start, f->str, (gssize)f->len);
			g_string_free(f, TRUE);
		}
		g_free(encoded);
		g_free(field);
		g_free(folded);
	}
	g_free(stripped);
	g_free(decoded);
	g_free(raw);
	return out;
}

/* ---------------------------------------------------------------- encryption */

/* members: indices into d->rcpts, all with the same encrypt action. */
static seal_status
encrypt_group(const seal_config *cfg, const seal_decision *d, seal_action action,
	const GArray *members, const char *inner, size_t ilen, GString *entity, seal_err *err)
{
	GPtrArray *list = g_ptr_array_new();
	seal_status st;

	for (guint i = 0; i < members->len; i++) {
		const seal_rcpt_decision *r = &d->rcpts[g_array_index(members, size_t, i)];

		g_ptr_array_add(list, action == SEAL_ACTION_ENCRYPT_SMIME
		    ? (gpointer)r->cert : (gpointer)r->key);
	}
	if (action == SEAL_ACTION_ENCRYPT_SMIME)
		st = seal_smime_encrypt(inner, ilen, (X509 *const *)list->pdata, list->len,
		    (seal_smime_cipher)cfg->smime_cipher, seal_keys_sign_cert(cfg->keys),
		    seal_keys_sign_key(cfg->keys), entity, err);
	else
		st = seal_pgp_encrypt(seal_keys_pgp_home(cfg->keys), inner, ilen,
		    (const char *const *)list->pdata, list->len, entity, err);
	g_ptr_array_free(list, TRUE);
	return st;
}

/*
 * Any finding in the top-level Subject, counted or not (issue 15 item 4):
 * an encrypted copy never shows it outside, even when the finding that
 * made the message classified is elsewhere.
 */
static int
subject_has_finding(const seal_decision *d)
{
	if (d->subject_finding)
		return 1;
	for (guint i = 0; d->findings != NULL && i < d->findings->len; i++) {
		const seal_scan_finding *f = &g_array_index(d->findings, seal_scan_finding, i);

		if (f->where != NULL && strcmp(f->where, "subject") == 0)
			return 1;
	}
	return 0;
}

/*
 * The address fields with any finding, counted or not (issue 15 item 3):
 * outside an encrypted copy they show their addresses only. The scanner
 * names a header finding "header NAME" (scan.c where_string); a nested
 * message's field of the same name counts too (more names dropped, never
 * fewer). bare[] gets at most SEAL_PLAN_BARE_MAX names and a NULL.
 */
#define SEAL_PLAN_BARE_MAX 6
static void
bare_fields(const seal_decision *d, const char *bare[SEAL_PLAN_BARE_MAX + 1])
{
	static const char *const names[SEAL_PLAN_BARE_MAX] = {
		"From", "Sender", "Reply-To", "To", "Cc", "Bcc"
	};
	size_t n = 0;

	for (size_t k = 0; k < SEAL_PLAN_BARE_MAX; k++) {
		for (guint i = 0; d->findings != NULL && i < d->findings->len; i++) {
			const seal_scan_finding *f = &g_array_index(d->findings,
			    seal_scan_finding, i);

			if (f->where != NULL && g_ascii_strncasecmp(f->where, "header ", 7) == 0
			    && g_ascii_strcasecmp(f->where + 7, names[k]) == 0) {
				bare[n++] = names[k];
				break;
			}
		}
	}
	bare[n] = NULL;
}

/*
 * One encrypted copy of base into c->message; for the in-place group also
 * the milter's header edits (relative to base). Its new body is the tail
 * of c->message.
 */
static seal_status
build_encrypted(const seal_config *cfg, const seal_decision *d, seal_action action,
	const GArray *members, const GString *base, seal_plan_copy *c, GPtrArray **edits,
	seal_err *err)
{
	int protect = cfg->protect_subject || subject_has_finding(d);
	char *ns = g_mime_utils_header_encode_text(NULL, seal_plan_neutral_subject(cfg),
	    "utf-8");
	GString *entity = g_string_new(NULL);
	size_t body_start;
	const char *bare[SEAL_PLAN_BARE_MAX + 1];
	seal_rewrite rw;
	seal_status st;

	bare_fields(d, bare);
	st = seal_rewrite_split_bare(base->str, base->len, protect, ns, bare, &rw, err);
	g_free(ns);
	if (st == SEAL_OK)
		st = encrypt_group(cfg, d, action, members, rw.inner->str, rw.inner->len,
		    entity, err);
	if (st == SEAL_OK) {
		c->message = g_string_sized_new(base->len + entity->len);
		st = seal_rewrite_assemble(&rw, entity->str, entity->len, c->message, err);
	}
	if (st == SEAL_OK && edits != NULL) {
		*edits = seal_rewrite_edits(base->str, base->len, &rw, entity->str,
		    entity->len, &body_start, err);
		if (*edits == NULL)
			st = SEAL_ERR_INTERNAL;
	}
	if (rw.inner != NULL)
		memset(rw.inner->str, 0, rw.inner->len);
	seal_rewrite_clear(&rw);
	g_string_free(entity, TRUE);
	return st;
}

/* ---------------------------------------------------------------- the notice */

/* ---------------------------------------------------------------- the plan */

static seal_plan_copy *
copy_new(seal_action action, const char *sender)
{
	seal_plan_copy *c = g_new0(seal_plan_copy, 1);

	c->action = action;
	c->sender = g_strdup(sender != NULL ? sender : "");
	c->rcpts = g_ptr_array_new_with_free_func(g_free);
	return c;
}

/*
 * Puts the marker field in front of a reinjected copy, bound to the whole
 * copy (marker.h); none when copy_marker_lifetime is 0.
 */
static void
add_marker(const seal_plan *p, seal_plan_copy *c, time_t now)
{
	char *v, *field;

	if (p->cfg == NULL || p->cfg->copy_marker_lifetime == 0)
		return;
	v = seal_marker_make((const char *const *)c->rcpts->pdata, c->rcpts->len,
	    c->message->str, c->message->len, now);
	field = g_strdup_printf("%s: %s\r\n", SEAL_MARKER_FIELD, v);

	g_string_prepend(c->message, field);
	g_free(field);
	g_free(v);
}

/* Adds a subject edit unless the edits already change the Subject. */
static void
add_subject_edit(GPtrArray *edits, char *value)
{
	seal_header_edit *e;

	for (guint i = 0; i < edits->len; i++) {
		e = g_ptr_array_index(edits, i);
		if (!e->add && g_ascii_strcasecmp(e->name, "Subject") == 0) {
			g_free(value);
			return;
		}
	}
	e = g_new0(seal_header_edit, 1);
	e->name = g_strdup("Subject");
	e->index = 1;
	e->value = value;
	g_ptr_array_insert(edits, 0, e);
}

/* One recipient group: what they get, and who (indices into d->rcpts). */
typedef struct plan_group {
	seal_action action;
	GArray *members;          /* size_t */
} plan_group;

static void
group_clear(gpointer p)
{
	g_array_free(((plan_group *)p)->members, TRUE);
}

static void
group_add(GArray *groups, seal_action a, size_t member)
{
	plan_group g;

	g.action = a;
	g.members = g_array_new(FALSE, FALSE, sizeof(size_t));
	g_array_append_val(g.members, member);
	g_array_append_val(groups, g);
}

/* The addresses in the top-level To and Cc fields, lower-cased. */
static GHashTable *
visible_addresses(const char *msg, size_t len)
{
	GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(msg, len);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	GMimeMessage *m = g_mime_parser_construct_message(parser, NULL);
	static const GMimeAddressType types[] = { GMIME_ADDRESS_TYPE_TO, GMIME_ADDRESS_TYPE_CC };

	for (size_t t = 0; m != NULL && t < G_N_ELEMENTS(types); t++) {
		InternetAddressList *l = g_mime_message_get_addresses(m, types[t]);

		for (int i = 0; l != NULL && i < internet_address_list_length(l); i++) {
			InternetAddress *ia = internet_address_list_get_address(l, i);

			if (INTERNET_ADDRESS_IS_MAILBOX(ia))
				g_hash_table_add(set, g_ascii_strdown(internet_address_mailbox_get_addr(
				    INTERNET_ADDRESS_MAILBOX(ia)), -1));
		}
	}
	if (m != NULL)
		g_object_unref(m);
	g_object_unref(parser);
	g_object_unref(stream);
	return set;
}

/*
 * The groups, the one the original carries first: cleartext recipients
 * together; for each encryption, the recipients named in To or Cc together
 * (one RecipientInfo each), and every other recipient (Bcc) alone, since
 * the RecipientInfos of a copy tell its readers who else can open it.
 */
static GArray *
make_groups(const seal_decision *d, const char *msg, size_t len)
{
	static const seal_action order[] = {
		SEAL_ACTION_ACCEPT, SEAL_ACTION_ENCRYPT_SMIME, SEAL_ACTION_ENCRYPT_PGP
	};
	GArray *groups = g_array_new(FALSE, FALSE, sizeof(plan_group));
	GHashTable *visible = visible_addresses(msg, len);

	g_array_set_clear_func(groups, group_clear);
	for (size_t o = 0; o < G_N_ELEMENTS(order); o++) {
		int shared = -1;

		/* Pass 0: the shared group (first, so it is the one kept in place); pass 1: Bcc. */
		for (int pass = 0; pass < 2; pass++) {
			for (size_t i = 0; i < d->nrcpts; i++) {
				char *low;
				int alone;

				if (d->rcpts[i].action != order[o])
					continue;
				low = g_ascii_strdown(d->rcpts[i].address, -1);
				alone = order[o] != SEAL_ACTION_ACCEPT
				    && !g_hash_table_contains(visible, low);
				g_free(low);
				if (alone != pass)
					continue;
				if (alone || shared < 0) {
					if (!alone)
						shared = (int)groups->len;
					group_add(groups, order[o], i);
				} else {
					g_array_append_val(g_array_index(groups, plan_group,
					    (guint)shared).members, i);
				}
			}
		}
	}
	g_hash_table_destroy(visible);
	return groups;
}

/* The encrypted or cleartext message of group copy c, from the plan's base. */
static seal_status
render_group(seal_plan *p, seal_plan_copy *c, GPtrArray **edits, seal_err *err)
{
	if (c->action == SEAL_ACTION_ACCEPT) {
		c->message = g_string_new_len(p->base->str, (gssize)p->base->len);
		return SEAL_OK;
	}
	if (c->action == SEAL_ACTION_DIVERT) {
		c->message = g_string_sized_new(p->base->len + 128);
		g_string_append_printf(c->message, "%s: <%s>\r\n", SEAL_ORIGINAL_RCPT_FIELD,
		    c->original_rcpt);
		g_string_append_len(c->message, p->base->str, (gssize)p->base->len);
		return SEAL_OK;
	}
	return build_encrypted(p->cfg, p->d, c->action, c->members, p->base, c, edits, err);
}

static seal_status
add_group(seal_plan *p, const plan_group *g, int in_place, const char *subject_edit,
	const char *sender, seal_err *err)
{
	seal_plan_copy *c = copy_new(g->action, sender);
	seal_status st;

	c->members = g_array_copy(g->members);
	for (guint i = 0; i < g->members->len; i++)
		g_ptr_array_add(c->rcpts,
		    g_strdup(p->d->rcpts[g_array_index(g->members, size_t, i)].address));
	c->in_place = in_place;
	g_ptr_array_add(p->copies, c);
	if (!in_place) {
		/* Built when it is about to leave (seal_plan_render): one at a time in memory. */
		for (guint i = 0; i < c->rcpts->len; i++)
			g_ptr_array_add(p->remove, g_strdup(g_ptr_array_index(c->rcpts, i)));
		return SEAL_OK;
	}
	st = render_group(p, c, &p->edits, err);
	if (st != SEAL_OK)
		return st;
	if (p->edits == NULL)
		p->edits = g_ptr_array_new_with_free_func(seal_rewrite_edit_free);
	if (subject_edit != NULL)
		add_subject_edit(p->edits, g_strdup(subject_edit));
	if (c->action != SEAL_ACTION_ACCEPT) {
		/* Encrypted in place: the new body is the tail of the copy. */
		size_t mbody = seal_marker_body_offset(c->message->str, c->message->len);

		p->body = c->message->str + mbody;
		p->body_len = c->message->len - mbody;
	}
	return SEAL_OK;
}

seal_status
seal_plan_render(seal_plan *p, guint i, seal_err *err)
{
	seal_plan_copy *c = g_ptr_array_index(p->copies, i);
	seal_status st;

	if (c->message != NULL)
		return SEAL_OK;
	st = render_group(p, c, NULL, err);
	if (st != SEAL_OK)
		return st;
	add_marker(p, c, p->now);
	return SEAL_OK;
}

void
seal_plan_release(seal_plan *p, guint i)
{
	seal_plan_copy *c = g_ptr_array_index(p->copies, i);

	if (c->in_place || c->notice || c->message == NULL)
		return;
	memset(c->message->str, 0, c->message->len);
	g_string_free(c->message, TRUE);
	c->message = NULL;
}

/* A notice to one address, from the null sender, ready to leave. */
static void
add_notice(seal_plan *p, int kind, const char *to, GString *message, time_t now)
{
	seal_plan_copy *c = copy_new(SEAL_ACTION_ACCEPT, "");

	c->notice = kind;
	g_ptr_array_add(c->rcpts, g_strdup(to));
	c->message = message;
	add_marker(p, c, now);
	g_ptr_array_add(p->copies, c);
}

/* The copy for the secure mailbox (built when it leaves) and the recipient's notice. */
static void
add_divert(seal_plan *p, const seal_rcpt_decision *r, const char *sender, time_t now)
{
	seal_plan_copy *c = copy_new(SEAL_ACTION_DIVERT, sender);
	seal_plan_copy *n = copy_new(SEAL_ACTION_ACCEPT, sender);

	c->original_rcpt = g_strdup(r->address);
	g_ptr_array_add(c->rcpts, g_strdup(r->divert_to));
	g_ptr_array_add(p->copies, c);
	/* From the caseworker's address: a notice that cannot be delivered goes back to them. */
	n->notice = SEAL_NOTICE_DIVERT;
	g_ptr_array_add(n->rcpts, g_strdup(r->address));
	n->message = seal_notice_divert(p->cfg, p->d, sender, r->address, now);
	add_marker(p, n, now);
	g_ptr_array_add(p->copies, n);
}

static seal_status
plan_build(const seal_config *cfg, const seal_decision *d, const char *sender,
	const char *msg, size_t len, time_t now, int detached, seal_plan **out, seal_err *err)
{
	seal_plan *p;
	GArray *groups;
	char *subject_edit = NULL;
	seal_status st = SEAL_OK;

	*out = NULL;
	if (d->action == SEAL_ACTION_REFUSE || d->action == SEAL_ACTION_TEMPFAIL)
		return seal_err_set(err, SEAL_ERR_USAGE, "plan: the message does not leave");
	p = g_new0(seal_plan, 1);
	p->copies = g_ptr_array_new_with_free_func(copy_free);
	p->remove = g_ptr_array_new_with_free_func(g_free);
	p->held = g_ptr_array_new_with_free_func(g_free);
	p->cfg = seal_config_ref((seal_config *)cfg);
	p->d = d;
	p->now = now;
	p->base = strip_force_tag(msg, len, d->forced_tag, &subject_edit);
	groups = make_groups(d, p->base->str, p->base->len);
	/*
	 * The first group stays in the original; the others leave as copies.
	 * Detached: every group leaves as a copy and the original is discarded.
	 */
	for (guint g = 0; st == SEAL_OK && g < groups->len; g++)
		st = add_group(p, &g_array_index(groups, plan_group, g), g == 0 && !detached,
		    g == 0 && !detached ? subject_edit : NULL, sender, err);
	p->discard = groups->len == 0 || detached;
	g_array_free(groups, TRUE);
	for (size_t i = 0; st == SEAL_OK && i < d->nrcpts; i++) {
		const seal_rcpt_decision *r = &d->rcpts[i];

		if (r->action == SEAL_ACTION_REFUSE || r->action == SEAL_ACTION_HOLD
		    || r->action == SEAL_ACTION_DIVERT)
			g_ptr_array_add(p->remove, g_strdup(r->address));
		if (r->action == SEAL_ACTION_HOLD)
			g_ptr_array_add(p->held, g_strdup(r->address));
		if (r->action == SEAL_ACTION_DIVERT)
			add_divert(p, r, sender, now);
	}
	if (st == SEAL_OK && sender != NULL && sender[0] != '\0') {
		if (d->notice_text != NULL)
			add_notice(p, SEAL_NOTICE_DSN, sender, seal_notice_dsn(cfg, d, sender, now), now);
		if (d->hold_text != NULL && p->held->len > 0)
			add_notice(p, SEAL_NOTICE_HOLD, sender, seal_notice_hold(cfg, d, sender, now),
			    now);
	}
	p->changes = p->remove->len > 0 || p->body != NULL
	    || (p->edits != NULL && p->edits->len > 0);
	g_free(subject_edit);
	if (st != SEAL_OK) {
		seal_plan_free(p);
		return st;
	}
	*out = p;
	return SEAL_OK;
}

seal_status
seal_plan_build(const seal_config *cfg, const seal_decision *d, const char *sender,
	const char *msg, size_t len, time_t now, seal_plan **out, seal_err *err)
{
	return plan_build(cfg, d, sender, msg, len, now, 0, out, err);
}

seal_status
seal_plan_build_detached(const seal_config *cfg, const seal_decision *d, const char *sender,
	const char *msg, size_t len, time_t now, seal_plan **out, seal_err *err)
{
	return plan_build(cfg, d, sender, msg, len, now, 1, out, err);
}
