/*
 * held_decide.c - release, refuse, delete (held_decide.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "loopaddr.h"
#include "marker.h"
#include "reinject.h"
#include "scan.h"

#include "held_decide.h"
#include "held_notice.h"

/* Attempts at recording "released" after the message left (one second apart). */
#define DECIDE_MARK_TRIES 3
/* The audit action of a four-eyes approval. */
#define DECIDE_APPROVE_ACTION "release-approve"

static const char *const words[] = { "release", "refuse", "delete" };
static const char *const done[] = { "released", "refused", "deleted" };

/* One decision under way. */
typedef struct act {
	const seal_decide_req *req;
	seal_decide_result *res;
	const seal_held *h;
	char *approved_by;        /* four eyes: the earlier approvers, or NULL */
} act;

const char *
seal_decide_word(seal_decide_kind kind)
{
	return kind <= SEAL_DECIDE_DELETE ? words[kind] : "?";
}

static seal_decide_outcome
fail(seal_decide_result *res, seal_decide_outcome o, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static seal_decide_outcome
fail(seal_decide_result *res, seal_decide_outcome o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_vsnprintf(res->why, sizeof(res->why), fmt, ap);
	va_end(ap);
	res->outcome = o;
	return o;
}

char *
seal_decide_reason(const char *reason, int required, char *why, size_t why_size)
{
	char *masked;

	if (reason == NULL || reason[0] == '\0') {
		if (required) {
			g_strlcpy(why, "a reason is required: say why, for the audit log", why_size);
			return NULL;
		}
		return g_strdup("");
	}
	if (!g_utf8_validate(reason, -1, NULL)) {
		g_strlcpy(why, "the reason is not valid UTF-8", why_size);
		return NULL;
	}
	if (strlen(reason) > SEAL_DECIDE_REASON_MAX) {
		g_snprintf(why, why_size, "the reason is longer than %d bytes",
		    SEAL_DECIDE_REASON_MAX);
		return NULL;
	}
	masked = g_strstrip(seal_mask_text_today(reason));
	if (required && masked[0] == '\0') {
		g_strlcpy(why, "a reason is required: say why, for the audit log", why_size);
		g_free(masked);
		return NULL;
	}
	return masked;
}

static const char *
local_part(const char *address, char *buf, size_t size)
{
	const char *at = strrchr(address, '@');
	size_t n = at != NULL ? (size_t)(at - address) : strlen(address);

	g_strlcpy(buf, address, MIN(n + 1, size));
	return buf;
}

int
seal_decide_own_message(const char *officer, const seal_held *h)
{
	char a[256], b[256], c[256];
	const char *mine[2], *theirs[4];

	mine[0] = officer;
	mine[1] = local_part(officer, a, sizeof(a));
	theirs[0] = h->auth_user != NULL ? h->auth_user : "";
	theirs[1] = local_part(theirs[0], b, sizeof(b));
	theirs[2] = h->sender != NULL ? h->sender : "";
	theirs[3] = local_part(theirs[2], c, sizeof(c));
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 4; j++)
			if (mine[i][0] != '\0' && g_ascii_strcasecmp(mine[i], theirs[j]) == 0)
				return 1;
	return 0;
}

/* The value of "key=" in an audit detail (up to the next space), or NULL. */
static char *
detail_value(const char *detail, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = detail; p != NULL && *p != '\0'; p = strchr(p, ' ')) {
		if (*p == ' ')
			p++;
		if (strncmp(p, key, klen) == 0 && p[klen] == '=')
			return g_strndup(p + klen + 1, strcspn(p + klen + 1, " "));
	}
	return NULL;
}

seal_status
seal_held_approvers(seal_store *s, const seal_held *h, GPtrArray *out, seal_err *err)
{
	GPtrArray *recs = g_ptr_array_new_with_free_func((GDestroyNotify)seal_audit_record_free);
	seal_audit_query q;
	seal_status st;

	memset(&q, 0, sizeof(q));
	q.action = DECIDE_APPROVE_ACTION;
	q.from = h->time;     /* an approval is never older than the hold */
	st = seal_store_audit_search(s, &q, recs, err);
	for (guint i = 0; st == SEAL_OK && i < recs->len; i++) {
		const seal_audit_record *r = g_ptr_array_index(recs, i);
		char *held = detail_value(r->detail, "held");
		char *officer = detail_value(r->detail, "officer");
		int seen = 0;

		if (held != NULL && officer != NULL && strcmp(held, h->id) == 0) {
			for (guint k = 0; k < out->len; k++)
				seen |= strcmp(g_ptr_array_index(out, k), officer) == 0;
			if (!seen) {
				g_ptr_array_add(out, officer);
				officer = NULL;
			}
		}
		g_free(held);
		g_free(officer);
	}
	g_ptr_array_free(recs, TRUE);
	return st;
}

/* "held=ID officer=NAME [extra] [mark-sent|resume] [approved-by=A] reason=TEXT" (reason last). */
static char *
audit_detail(const act *a, const char *action)
{
	const seal_decide_req *q = a->req;
	GString *d = g_string_new(NULL);

	g_string_append_printf(d, "held=%s officer=%s", q->id, q->officer);
	if (q->extra != NULL && q->extra[0] != '\0')
		g_string_append_printf(d, " %s", q->extra);
	if (strcmp(action, "release") == 0 && q->mark_sent)
		g_string_append(d, " mark-sent");
	else if (strcmp(action, "release") == 0 && q->resume)
		g_string_append(d, " resume");
	if (a->approved_by != NULL)
		g_string_append_printf(d, " approved-by=%s", a->approved_by);
	g_string_append_printf(d, " reason=%s", a->res->reason);
	return g_string_free(d, FALSE);
}

static seal_status
append_audit(const act *a, const char *action, seal_err *err)
{
	seal_audit_record *r = seal_audit_record_new();
	const seal_held *h = a->h;
	seal_status st;

	r->time = (int64_t)time(NULL);
	r->relay = g_strdup(g_get_host_name());
	r->queue_id = g_strdup(h->queue_id != NULL ? h->queue_id : "");
	r->message_id = g_strdup(h->message_id != NULL ? h->message_id : "");
	r->auth_user = g_strdup(h->auth_user != NULL ? h->auth_user : "");
	r->sender = g_strdup(h->sender != NULL ? h->sender : "");
	r->cls = g_strdup("");
	r->action = g_strdup(action);
	r->kinds = g_strdup("");
	r->rules = g_strdup("");
	r->detail = audit_detail(a, action);
	for (guint i = 0; h->rcpts != NULL && i < h->rcpts->len; i++)
		seal_audit_record_add_rcpt(r, g_ptr_array_index(h->rcpts, i), action);
	st = seal_store_audit_append(a->req->store, r, err);
	seal_audit_record_free(r);
	return st;
}

/* Removes every `name:` field (with its continuation lines) from the header block. */
static void
strip_field(GString *msg, const char *name)
{
	size_t pos = 0, nlen = strlen(name);
	int dropping = 0;

	while (pos < msg->len) {
		const char *nl = memchr(msg->str + pos, '\n', msg->len - pos);
		size_t end = nl != NULL ? (size_t)(nl - msg->str) + 1 : msg->len;
		const char *line = msg->str + pos;

		if (line[0] == '\n' || (line[0] == '\r' && end - pos == 2))
			break;    /* the blank line: the body starts */
		if (line[0] != ' ' && line[0] != '\t')
			dropping = end - pos > nlen && line[nlen] == ':'
			    && g_ascii_strncasecmp(line, name, nlen) == 0;
		if (dropping)
			g_string_erase(msg, (gssize)pos, (gssize)(end - pos));
		else
			pos = end;
	}
}

static seal_status
reinject(const act *a, const char *sender, const char *const *rcpts, size_t n,
	const GString *msg, seal_err *err)
{
	const seal_config *cfg = a->req->cfg;
	seal_reinject_target t;

	if (seal_reinject_parse(cfg->reinject_to, &t, err) != SEAL_OK)
		return SEAL_ERR_CONFIG;
	return seal_reinject_send(&t, g_get_host_name(), sender, rcpts, n, msg->str, msg->len,
	    cfg->reinject_timeout, a->res->queue_id, sizeof(a->res->queue_id), err);
}

/* How the caller finishes a release: "sealctl quarantine release ID --resume" or its own. */
static void
resume_hint(const act *a, char *buf, size_t size, const char *flag)
{
	const char *id = a->req->id;

	if (a->req->finish_hint != NULL)
		g_snprintf(buf, size, "%s (%s)", a->req->finish_hint, flag);
	else
		g_snprintf(buf, size, "sealctl quarantine release %s %s", id, flag);
}

/* Hands the stored message to the listener from its sender to its held recipients. */
static int
hand_over(act *a)
{
	seal_decide_result *res = a->res;
	GString *msg = g_string_new(NULL);
	seal_held *fresh = NULL;
	char buf[500], how[200];
	seal_err err;
	int rc = 0;

	seal_err_clear(&err);
	if (seal_store_held_get(a->req->store, a->req->id, &fresh, msg, &err) != SEAL_OK
	    || msg->len == 0) {
		fail(res, SEAL_DECIDE_FAILED, "%s is claimed for release but its content cannot be "
		    "read: %s; nothing was sent", a->req->id, msg->len == 0 && err.msg[0] == '\0'
		    ? "no content stored" : err.msg);
		rc = -1;
	} else {
		/*
		 * A marker field in the stored copy is the sender's (or a forgery):
		 * only the daemon's own copies carry one, and never a held message.
		 */
		strip_field(msg, SEAL_MARKER_FIELD);
		if (reinject(a, fresh->sender, (const char *const *)fresh->rcpts->pdata,
		    fresh->rcpts->len, msg, &err) != SEAL_OK) {
			fail(res, SEAL_DECIDE_FAILED, "%s: hand-over to reinject_to %s failed: %s",
			    a->req->id, a->req->cfg->reinject_to,
			    seal_err_format(&err, buf, sizeof(buf)));
			resume_hint(a, how, sizeof(how), "--resume");
			g_snprintf(res->hint, sizeof(res->hint), "%s stays \"releasing\" and was not "
			    "sent; when the listener works again, finish it with: %s", a->req->id, how);
			rc = -1;
		}
	}
	memset(msg->str, 0, msg->len);
	g_string_free(msg, TRUE);
	seal_held_free(fresh);
	return rc;
}

static int
finish_release(act *a)
{
	seal_decide_result *res = a->res;
	seal_status st = SEAL_ERR_INTERNAL;
	char how[200];
	seal_err err;

	if (!a->req->mark_sent && hand_over(a) != 0)
		return -1;
	/*
	 * The message has left: a store that hiccups now must not leave it
	 * "releasing", so try a few times before giving up.
	 */
	for (int tries = 0; tries < DECIDE_MARK_TRIES; tries++) {
		if (tries > 0)
			g_usleep(G_USEC_PER_SEC);
		seal_err_clear(&err);
		st = seal_store_held_transition(a->req->store, a->req->id, SEAL_HELD_RELEASING,
		    SEAL_HELD_RELEASED, a->req->officer, res->reason, &err);
		if (st == SEAL_OK || !seal_status_is_transient(st))
			break;
	}
	if (st != SEAL_OK) {
		/* The window held_decide.h describes: sent, but not recorded as sent. */
		fail(res, SEAL_DECIDE_FAILED, "%s was handed over (queue ID %s) but cannot be "
		    "marked released: %s", a->req->id, res->queue_id[0] != '\0' ? res->queue_id
		    : "unknown", err.msg);
		resume_hint(a, how, sizeof(how), "--mark-sent");
		g_snprintf(res->hint, sizeof(res->hint), "do NOT release %s with --resume: it "
		    "would be delivered twice; when the store works again, run: %s", a->req->id,
		    how);
		return -1;
	}
	res->state = SEAL_HELD_RELEASED;
	return 0;
}

static int
notify_sender(act *a)
{
	seal_decide_result *res = a->res;
	const char *to[1] = { a->h->sender };
	GString *notice;
	char buf[500];
	seal_err err;

	/* Nobody to tell: a bounce to a bounce would loop (RFC 5321 6.1). */
	if (a->h->sender == NULL || a->h->sender[0] == '\0') {
		res->notice = "none (null sender)";
		return 0;
	}
	notice = seal_held_refuse_notice(a->req->cfg, a->h, res->reason);
	seal_err_clear(&err);
	if (reinject(a, "", to, 1, notice, &err) != SEAL_OK) {
		g_snprintf(res->warning, sizeof(res->warning), "%s is refused, but the notice to "
		    "the sender could not be handed to reinject_to %s: %s", a->req->id,
		    a->req->cfg->reinject_to, seal_err_format(&err, buf, sizeof(buf)));
		res->notice = "failed";
	} else {
		res->notice = "sent";
	}
	g_string_free(notice, TRUE);
	return res->notice[0] == 'f' ? -1 : 0;
}

/*
 * Four eyes: whether this release may go on. 0: yes (a->approved_by names
 * the earlier approvers); 1: this officer's approval was recorded, or it
 * was there before (res says which); -1: failed.
 */
static int
four_eyes(act *a)
{
	seal_decide_result *res = a->res;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	unsigned need = a->req->cfg->release_approvals;
	seal_err err;
	int rc = 0, mine = 0;

	seal_err_clear(&err);
	if (seal_held_approvers(a->req->store, a->h, names, &err) != SEAL_OK) {
		fail(res, SEAL_DECIDE_FAILED, "%s: cannot read its approvals: %s", a->req->id,
		    err.msg);
		g_ptr_array_free(names, TRUE);
		return -1;
	}
	for (guint i = 0; i < names->len; i++)
		mine |= strcmp(g_ptr_array_index(names, i), a->req->officer) == 0;
	res->approvals = names->len + (mine ? 0 : 1);
	if (mine) {
		fail(res, SEAL_DECIDE_APPROVED_BEFORE, "%s: you approved its release already; "
		    "it needs %u different officers", a->req->id, need);
		rc = 1;
	} else if (res->approvals < need) {
		seal_err_clear(&err);
		if (append_audit(a, DECIDE_APPROVE_ACTION, &err) != SEAL_OK) {
			fail(res, SEAL_DECIDE_FAILED, "%s: the approval cannot be recorded: %s",
			    a->req->id, err.msg);
			rc = -1;
		} else {
			res->outcome = SEAL_DECIDE_APPROVED;
			rc = 1;
		}
	} else if (names->len > 0) {
		g_ptr_array_add(names, NULL);
		a->approved_by = g_strjoinv(",", (char **)names->pdata);
	}
	g_ptr_array_free(names, TRUE);
	return rc;
}

/* Claims the message: the one atomic step that decides which officer acts. */
static int
claim(act *a)
{
	static const seal_held_state to[] = { SEAL_HELD_RELEASING, SEAL_HELD_REFUSED,
		SEAL_HELD_DELETED };
	const seal_decide_req *q = a->req;
	seal_decide_result *res = a->res;
	seal_err err;

	if (a->h->state == SEAL_HELD_RELEASING && q->kind == SEAL_DECIDE_RELEASE) {
		if (q->resume || q->mark_sent)
			return 0;
		fail(res, SEAL_DECIDE_NOT_HELD, "%s is not held any more: it is being released by "
		    "%s, or an earlier release did not finish; if that release reported an error, "
		    "finish it with sealctl quarantine release %s --resume", q->id,
		    a->h->officer != NULL ? a->h->officer : "another officer", q->id);
		return -1;
	}
	if (q->mark_sent) {
		fail(res, SEAL_DECIDE_NOT_HELD, "%s: --mark-sent is only for a message left "
		    "\"releasing\" (it is %s)", q->id, seal_held_state_name(a->h->state));
		return -1;
	}
	if (a->h->state != SEAL_HELD) {
		fail(res, SEAL_DECIDE_NOT_HELD, "%s is not held any more (%s)", q->id,
		    seal_held_state_name(a->h->state));
		return -1;
	}
	if (res->reason[0] == '\0' && q->kind != SEAL_DECIDE_DELETE) {
		fail(res, SEAL_DECIDE_BAD_REQUEST, "a reason is required: say why, for the audit log");
		return -1;
	}
	if (q->kind == SEAL_DECIDE_RELEASE && q->cfg->release_approvals > 1
	    && four_eyes(a) != 0)
		return -1;
	seal_err_clear(&err);
	if (seal_store_held_transition(q->store, q->id, SEAL_HELD, to[q->kind], q->officer,
	    res->reason, &err) != SEAL_OK) {
		if (err.code == SEAL_ERR_USAGE)
			fail(res, SEAL_DECIDE_NOT_HELD, "%s is not held any more (another officer "
			    "acted first)", q->id);
		else
			fail(res, SEAL_DECIDE_FAILED, "%s: cannot change its state: %s", q->id,
			    err.msg);
		return -1;
	}
	res->state = to[q->kind];
	return 0;
}

static void
decide(act *a)
{
	const seal_decide_req *q = a->req;
	seal_decide_result *res = a->res;
	char how[200];
	seal_err err;
	int rc = 0;

	if (q->kind == SEAL_DECIDE_RELEASE && seal_decide_own_message(q->officer, a->h)) {
		fail(res, SEAL_DECIDE_OWN, "%s: %s sent this message and cannot release it; "
		    "another officer must", q->id, q->officer);
		return;
	}
	if (claim(a) != 0)
		return;
	/* Finishing without a new reason keeps the one given when it was claimed. */
	if (res->reason[0] == '\0' && a->h->officer_reason != NULL
	    && a->h->state == SEAL_HELD_RELEASING) {
		g_free(res->reason);
		res->reason = seal_mask_text_today(a->h->officer_reason);
	}
	seal_err_clear(&err);
	if (append_audit(a, words[q->kind], &err) != SEAL_OK) {
		fail(res, SEAL_DECIDE_FAILED, "%s: the audit record cannot be written: %s", q->id,
		    err.msg);
		resume_hint(a, how, sizeof(how), "--resume");
		if (q->kind == SEAL_DECIDE_RELEASE)
			g_snprintf(res->hint, sizeof(res->hint), "%s stays \"releasing\" and was not "
			    "sent; finish it with: %s", q->id, how);
		else
			g_snprintf(res->hint, sizeof(res->hint), "%s is %s in the quarantine (with "
			    "officer and reason), but the audit log does not say so", q->id,
			    done[q->kind]);
		return;
	}
	if (q->kind == SEAL_DECIDE_RELEASE)
		rc = finish_release(a);
	else if (q->kind == SEAL_DECIDE_REFUSE)
		rc = notify_sender(a);
	seal_err_clear(&err);
	if ((rc == 0 || q->kind == SEAL_DECIDE_REFUSE) && seal_store_held_drop_content(q->store,
	    q->id, &err) != SEAL_OK && res->warning[0] == '\0')
		/* The decision stands; purge removes the content with the metadata later. */
		g_snprintf(res->warning, sizeof(res->warning), "%s is %s, but its stored content "
		    "could not be removed: %s", q->id, done[q->kind], err.msg);
	if (rc == 0)
		res->outcome = SEAL_DECIDED;
	else if (q->kind == SEAL_DECIDE_REFUSE)
		/* Refused (it stands), only the notice failed: the caller reports the warning. */
		res->outcome = SEAL_DECIDED;
}

seal_decide_outcome
seal_held_decide(const seal_decide_req *req, seal_decide_result *res)
{
	act a;
	seal_held *h = NULL;
	seal_err err;

	memset(res, 0, sizeof(*res));
	memset(&a, 0, sizeof(a));
	res->outcome = SEAL_DECIDE_FAILED;
	res->notice = "none";
	a.req = req;
	a.res = res;
	/* A resumed release already has its reason in the quarantine record. */
	res->reason = seal_decide_reason(req->reason, req->kind != SEAL_DECIDE_DELETE
	    && !req->resume && !req->mark_sent, res->why, sizeof(res->why));
	if (res->reason == NULL)
		return res->outcome = SEAL_DECIDE_BAD_REQUEST;
	seal_err_clear(&err);
	if (seal_store_held_get(req->store, req->id, &h, NULL, &err) != SEAL_OK) {
		if (err.code == SEAL_ERR_USAGE)
			return fail(res, SEAL_DECIDE_NO_SUCH, "%s: no such held message", req->id);
		return fail(res, SEAL_DECIDE_FAILED, "%s: %s", req->id, err.msg);
	}
	res->held = h;
	res->state = h->state;
	a.h = h;
	decide(&a);
	g_free(a.approved_by);
	return res->outcome;
}

void
seal_decide_result_clear(seal_decide_result *res)
{
	seal_held_free(res->held);
	g_free(res->reason);
	res->held = NULL;
	res->reason = NULL;
}
