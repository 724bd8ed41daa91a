/*
 * officer.c - a compliance officer's decisions on a held message:
 *
 *   sealctl quarantine release ID --reason TEXT [--officer NAME] [--resume | --mark-sent]
 *   sealctl quarantine refuse ID --reason TEXT [--officer NAME]
 *   sealctl quarantine delete ID [--reason TEXT] [--officer NAME]
 *
 * Each one first moves the message out of "held" with one atomic store
 * transition, so of two officers acting at once exactly one goes on; then
 * it appends the audit record, and only then does anything leave.
 *
 * Release: held -> releasing, audit record, hand-over to the reinjection
 * listener (reinject_to, no milters), releasing -> released, content
 * dropped. Delivery happens once unless the process dies (or the store
 * stops answering) in the short window between the listener's "250" and
 * the releasing -> released commit: the message then stays "releasing"
 * although it left, and finishing it with --resume would send it again.
 * That is why finishing a "releasing" message needs --resume: a second
 * officer running plain release while the first is still handing over
 * gets "not held any more" instead of a duplicate. The error messages say
 * which case applies: nothing sent (finish with --resume), or sent but not
 * recorded (finish with --mark-sent, which records it without sending).
 *
 * Refuse: held -> refused, audit record, a short notice to the sender from
 * the null sender (through reinjection), content dropped. Delete: held ->
 * deleted, audit record, content dropped, nobody told.
 */
#include <getopt.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "marker.h"
#include "reinject.h"

#include "ctl.h"

/* Attempts at recording "released" after the message left (one second apart). */
#define CTL_MARK_TRIES 3

typedef enum act_kind { ACT_RELEASE = 0, ACT_REFUSE, ACT_DELETE } act_kind;

static const char *const act_words[] = { "release", "refuse", "delete" };
static const char *const act_done[] = { "released", "refused", "deleted" };

typedef struct act {
	const seal_config *cfg;
	seal_store *store;
	act_kind kind;
	const char *id;
	char *officer;
	char *reason;             /* masked */
	int resume;               /* finishing a release left "releasing" */
	int mark_sent;            /* ... that did leave: record it, send nothing */
	seal_held *h;
	char queue_id[64];        /* the listener's queue ID for the released copy or notice */
	const char *notice;       /* "sent", "none (null sender)", "failed" */
} act;

/* Notice texts, per language (seal_lang order: da, sv, en, nb). */
static const char *const notice_subjects[] = {
	"Din e-mail er afvist", "Ditt e-postmeddelande har avvisats", "Your e-mail was refused",
	"E-posten din er avvist"
};
static const char *const notice_subject_labels[] = { "Emne", "Ämne", "Subject", "Emne" };

/* The notice's text (literal formats, so the compiler checks them). */
static char *
notice_body(int lang, const char *rcpts, const char *when, const char *subject,
	const char *reason)
{
	static const char *const reason_labels[] = { "Begrundelse", "Skäl", "Reason",
		"Begrunnelse" };
	static const char *const closings[] = {
		"Meddelelsen er ikke leveret og er slettet.",
		"Meddelandet har inte levererats och har raderats.",
		"The message was not delivered and has been deleted.",
		"Meldingen er ikke levert og er slettet."
	};
	GString *t = g_string_new(NULL);

	switch (lang) {
	case SEAL_LANG_DA:
		g_string_append_printf(t, "Din e-mail til %s (tilbageholdt %s) er blevet afvist af "
		    "en compliance-medarbejder.\n", rcpts, when);
		break;
	case SEAL_LANG_SV:
		g_string_append_printf(t, "Ditt e-postmeddelande till %s (kvarhållet %s) har "
		    "avvisats av en regelefterlevnadsansvarig.\n", rcpts, when);
		break;
	case SEAL_LANG_NB:
		g_string_append_printf(t, "E-posten din til %s (holdt tilbake %s) er avvist av "
		    "en ansvarlig for etterlevelse.\n", rcpts, when);
		break;
	default:
		g_string_append_printf(t, "Your e-mail to %s (held on %s) was refused by a "
		    "compliance officer.\n", rcpts, when);
		break;
	}
	if (subject[0] != '\0')
		g_string_append_printf(t, "%s: %s\n", notice_subject_labels[lang], subject);
	g_string_append_printf(t, "%s: %s\n\n%s\n", reason_labels[lang], reason, closings[lang]);
	return g_string_free(t, FALSE);
}

static void
usage_action(FILE *out, act_kind kind)
{
	fprintf(out, "usage: sealctl [-c CONFIG] quarantine %s ID %s [--officer NAME]%s [--json]\n",
	    act_words[kind], kind == ACT_DELETE ? "[--reason TEXT]" : "--reason TEXT",
	    kind == ACT_RELEASE ? " [--resume | --mark-sent]" : "");
}

static const char *
local_part(const char *address, char *buf, size_t size)
{
	const char *at = strrchr(address, '@');
	size_t n = at != NULL ? (size_t)(at - address) : strlen(address);

	g_strlcpy(buf, address, MIN(n + 1, size));
	return buf;
}

/*
 * 1 when the officer is who sent the message: the SMTP AUTH user, the
 * sender address or its local part, compared without case (also by the
 * officer name's local part when it is an address).
 */
static int
own_message(const char *officer, const seal_held *h)
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

/* "held=ID officer=NAME [login=LOGIN] [resume] reason=TEXT" (reason last: free text). */
static char *
audit_detail(const act *a)
{
	char *login = ctl_login_name();
	GString *d = g_string_new(NULL);

	g_string_append_printf(d, "held=%s officer=%s", a->id, a->officer);
	/* The name is taken on trust (--officer, $SUDO_USER): keep who really ran it. */
	if (strcmp(login, a->officer) != 0)
		g_string_append_printf(d, " login=%s", login);
	if (a->mark_sent)
		g_string_append(d, " mark-sent");
	else if (a->resume)
		g_string_append(d, " resume");
	g_string_append_printf(d, " reason=%s", a->reason);
	g_free(login);
	return g_string_free(d, FALSE);
}

static seal_status
append_audit(const act *a, seal_err *err)
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
	r->action = g_strdup(act_words[a->kind]);
	r->kinds = g_strdup("");
	r->rules = g_strdup("");
	r->detail = audit_detail(a);
	for (guint i = 0; h->rcpts != NULL && i < h->rcpts->len; i++)
		seal_audit_record_add_rcpt(r, g_ptr_array_index(h->rcpts, i), act_words[a->kind]);
	st = seal_store_audit_append(a->store, r, err);
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
	const GString *msg, char *qid, size_t qid_size, seal_err *err)
{
	seal_reinject_target t;

	if (seal_reinject_parse(a->cfg->reinject_to, &t, err) != SEAL_OK)
		return SEAL_ERR_CONFIG;
	return seal_reinject_send(&t, g_get_host_name(), sender, rcpts, n, msg->str, msg->len,
	    a->cfg->reinject_timeout, qid, qid_size, err);
}

/* Hands the stored message to the listener from its sender to its held recipients. */
static int
hand_over(act *a)
{
	GString *msg = g_string_new(NULL);
	seal_held *fresh = NULL;
	char buf[700];
	seal_err err;
	int rc = 0;

	seal_err_clear(&err);
	if (seal_store_held_get(a->store, a->id, &fresh, msg, &err) != SEAL_OK || msg->len == 0) {
		ctl_error("%s is claimed for release but its content cannot be read: %s; "
		    "nothing was sent", a->id, msg->len == 0 && err.msg[0] == '\0'
		    ? "no content stored" : err.msg);
		rc = EX_TEMPFAIL;
	} else {
		/*
		 * A marker field in the stored copy is the sender's (or a forgery):
		 * only the daemon's own copies carry one, and never a held message.
		 */
		strip_field(msg, SEAL_MARKER_FIELD);
		if (reinject(a, fresh->sender, (const char *const *)fresh->rcpts->pdata,
		    fresh->rcpts->len, msg, a->queue_id, sizeof(a->queue_id), &err) != SEAL_OK) {
			ctl_error("%s: hand-over to reinject_to %s failed: %s", a->id,
			    a->cfg->reinject_to, seal_err_format(&err, buf, sizeof(buf)));
			ctl_error("%s stays \"releasing\" and was not sent; when the listener works "
			    "again, finish it with: sealctl quarantine release %s --resume", a->id,
			    a->id);
			rc = EX_TEMPFAIL;
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
	seal_status st = SEAL_ERR_INTERNAL;
	seal_err err;
	int rc;

	if (!a->mark_sent && (rc = hand_over(a)) != 0)
		return rc;
	/*
	 * The message has left: a store that hiccups now must not leave it
	 * "releasing", so try a few times before giving up.
	 */
	for (int tries = 0; tries < CTL_MARK_TRIES; tries++) {
		if (tries > 0)
			g_usleep(G_USEC_PER_SEC);
		seal_err_clear(&err);
		st = seal_store_held_transition(a->store, a->id, SEAL_HELD_RELEASING,
		    SEAL_HELD_RELEASED, a->officer, a->reason, &err);
		if (st == SEAL_OK || !seal_status_is_transient(st))
			break;
	}
	if (st != SEAL_OK) {
		/* The window this file's header describes: sent, but not recorded as sent. */
		ctl_error("%s was handed over (queue ID %s) but cannot be marked released: %s",
		    a->id, a->queue_id[0] != '\0' ? a->queue_id : "unknown", err.msg);
		ctl_error("do NOT run release --resume for %s: it would be delivered twice; "
		    "when the store works again, run: sealctl quarantine release %s --mark-sent",
		    a->id, a->id);
		return EX_TEMPFAIL;
	}
	return 0;
}

/* The notice to the sender of a refused message (CRLF, ready for reinjection). */
static GString *
refuse_notice(const act *a)
{
	const seal_held *h = a->h;
	int l = a->cfg->language < SEAL_LANG_COUNT ? (int)a->cfg->language : SEAL_LANG_EN;
	GDateTime *dt = g_date_time_new_now_local();
	char *date = g_mime_utils_header_format_date(dt);
	char *msgid = g_mime_utils_generate_message_id(g_get_host_name());
	char *subj = g_mime_utils_header_encode_text(NULL, notice_subjects[l], "utf-8");
	GString *g = g_string_new(NULL);
	char when[32], *rcpts, *text, *orig_subject;
	GString *list = g_string_new(NULL);

	for (guint i = 0; i < h->rcpts->len; i++)
		g_string_append_printf(list, "%s%s", i > 0 ? ", " : "",
		    (const char *)g_ptr_array_index(h->rcpts, i));
	rcpts = ctl_mask(list->str);
	g_string_free(list, TRUE);
	orig_subject = ctl_mask(h->subject);
	text = notice_body(l, rcpts, ctl_time_text(h->time, when, sizeof(when)), orig_subject,
	    a->reason);
	g_string_append_printf(g, "From: Mail Delivery System <MAILER-DAEMON@%s>\r\n"
	    "To: <%s>\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\n"
	    "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
	    g_get_host_name(), h->sender, subj, date, msgid);
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '\n')
			g_string_append_c(g, '\r');
		g_string_append_c(g, *p);
	}
	g_free(orig_subject);
	g_free(text);
	g_free(rcpts);
	g_free(subj);
	g_free(msgid);
	g_free(date);
	g_date_time_unref(dt);
	return g;
}

static int
notify_sender(act *a)
{
	const char *to[1] = { a->h->sender };
	GString *notice;
	char buf[700];
	seal_err err;

	/* Nobody to tell: a bounce to a bounce would loop (RFC 5321 6.1). */
	if (a->h->sender == NULL || a->h->sender[0] == '\0') {
		a->notice = "none (null sender)";
		return 0;
	}
	notice = refuse_notice(a);
	seal_err_clear(&err);
	if (reinject(a, "", to, 1, notice, a->queue_id, sizeof(a->queue_id), &err) != SEAL_OK) {
		ctl_error("%s is refused, but the notice to the sender could not be handed to "
		    "reinject_to %s: %s", a->id, a->cfg->reinject_to,
		    seal_err_format(&err, buf, sizeof(buf)));
		a->notice = "failed";
	} else {
		a->notice = "sent";
	}
	g_string_free(notice, TRUE);
	return a->notice[0] == 'f' ? EX_TEMPFAIL : 0;
}

/* Claims the message: the one atomic step that decides which officer acts. */
static int
claim(act *a)
{
	static const seal_held_state to[] = { SEAL_HELD_RELEASING, SEAL_HELD_REFUSED,
		SEAL_HELD_DELETED };
	seal_err err;

	if (a->h->state == SEAL_HELD_RELEASING && a->kind == ACT_RELEASE) {
		if (a->resume || a->mark_sent)
			return 0;
		ctl_error("%s is being released by %s, or an earlier release did not finish; "
		    "if that release reported an error, finish it with --resume", a->id,
		    a->h->officer != NULL ? a->h->officer : "another officer");
		return EX_UNAVAILABLE;
	}
	if (a->mark_sent) {
		ctl_error("%s: --mark-sent is only for a message left \"releasing\" (it is %s)",
		    a->id, seal_held_state_name(a->h->state));
		return EX_UNAVAILABLE;
	}
	if (a->h->state != SEAL_HELD) {
		ctl_error("%s is not held any more (%s)", a->id, seal_held_state_name(a->h->state));
		return EX_UNAVAILABLE;
	}
	if (a->reason[0] == '\0' && a->kind != ACT_DELETE) {
		ctl_error("--reason is required: say why, for the audit log");
		return EX_USAGE;
	}
	a->resume = 0;
	seal_err_clear(&err);
	if (seal_store_held_transition(a->store, a->id, SEAL_HELD, to[a->kind], a->officer,
	    a->reason, &err) != SEAL_OK) {
		if (err.code == SEAL_ERR_USAGE)
			ctl_error("%s is not held any more (another officer acted first)", a->id);
		else
			ctl_error("%s: cannot change its state: %s", a->id, err.msg);
		return ctl_store_exit(&err, EX_UNAVAILABLE);
	}
	return 0;
}

static void
report(const act *a, int as_json, int rc)
{
	const char *state = rc == 0 || a->kind != ACT_RELEASE ? act_done[a->kind] : "releasing";
	GString *out;

	if (!as_json) {
		if (a->kind == ACT_RELEASE && rc == 0 && a->mark_sent)
			printf("%s marked released (nothing sent now)\n", a->id);
		else if (a->kind == ACT_RELEASE && rc == 0)
			printf("%s released to %u recipient%s (queue ID %s)\n", a->id,
			    a->h->rcpts->len, a->h->rcpts->len == 1 ? "" : "s",
			    a->queue_id[0] != '\0' ? a->queue_id : "unknown");
		else if (a->kind == ACT_REFUSE)
			printf("%s refused; notice to the sender: %s\n", a->id, a->notice);
		else if (a->kind == ACT_DELETE && rc == 0)
			printf("%s deleted\n", a->id);
		return;
	}
	out = g_string_new("{");
	ctl_json_str(out, 1, "id", a->id);
	ctl_json_str(out, 0, "action", act_words[a->kind]);
	ctl_json_str(out, 0, "state", state);
	ctl_json_str(out, 0, "officer", a->officer);
	ctl_json_str(out, 0, "reason", a->reason);
	ctl_json_str(out, 0, "queue_id", a->queue_id[0] != '\0' ? a->queue_id : NULL);
	if (a->kind == ACT_REFUSE)
		ctl_json_str(out, 0, "notice", a->notice);
	ctl_json_int(out, 0, "exit", rc);
	printf("%s}\n", out->str);
	g_string_free(out, TRUE);
}

static int
run(act *a, int as_json)
{
	seal_err err;
	int rc;

	seal_err_clear(&err);
	if (seal_store_held_get(a->store, a->id, &a->h, NULL, &err) != SEAL_OK) {
		ctl_error("%s: %s", a->id, err.code == SEAL_ERR_USAGE ? "no such held message"
		    : err.msg);
		return ctl_store_exit(&err, EX_NOINPUT);
	}
	if (a->kind == ACT_RELEASE && own_message(a->officer, a->h)) {
		ctl_error("%s: %s sent this message and cannot release it; another officer must",
		    a->id, a->officer);
		return EX_NOPERM;
	}
	if ((rc = claim(a)) != 0)
		return rc;
	/* Finishing without a new reason keeps the one given when it was claimed. */
	if (a->reason[0] == '\0' && a->h->officer_reason != NULL
	    && a->h->state == SEAL_HELD_RELEASING) {
		g_free(a->reason);
		a->reason = ctl_mask(a->h->officer_reason);
	}
	seal_err_clear(&err);
	if (append_audit(a, &err) != SEAL_OK) {
		ctl_error("%s: the audit record cannot be written: %s", a->id, err.msg);
		if (a->kind == ACT_RELEASE)
			ctl_error("%s stays \"releasing\" and was not sent; finish it with: "
			    "sealctl quarantine release %s --resume", a->id, a->id);
		else
			ctl_error("%s is %s in the quarantine (with officer and reason), "
			    "but the audit log does not say so", a->id, act_done[a->kind]);
		return EX_TEMPFAIL;
	}
	if (a->kind == ACT_RELEASE)
		rc = finish_release(a);
	else if (a->kind == ACT_REFUSE)
		rc = notify_sender(a);
	seal_err_clear(&err);
	if ((rc == 0 || a->kind == ACT_REFUSE) && seal_store_held_drop_content(a->store, a->id,
	    &err) != SEAL_OK)
		/* The decision stands; purge removes the content with the metadata later. */
		ctl_error("warning: %s is %s, but its stored content could not be removed: %s",
		    a->id, act_done[a->kind], err.msg);
	report(a, as_json, rc);
	return rc;
}

static const struct option action_options[] = {
	{ "reason", required_argument, NULL, 'r' },
	{ "officer", required_argument, NULL, 'o' },
	{ "resume", no_argument, NULL, 'R' },
	{ "mark-sent", no_argument, NULL, 'M' },
	{ "json", no_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 }
};

static int
action_main(const seal_config *cfg, int argc, char **argv)
{
	const char *reason = NULL, *officer = NULL;
	int c, as_json = 0, rc = 0;
	act a;

	memset(&a, 0, sizeof(a));
	a.cfg = cfg;
	a.kind = strcmp(argv[0], "release") == 0 ? ACT_RELEASE
	    : strcmp(argv[0], "refuse") == 0 ? ACT_REFUSE : ACT_DELETE;
	a.notice = "none";
	optind = 0;
	while ((c = getopt_long(argc, argv, "", action_options, NULL)) != -1) {
		switch (c) {
		case 'r': reason = optarg; break;
		case 'o': officer = optarg; break;
		case 'j': as_json = 1; break;
		case 'R':
		case 'M':
			if (a.kind != ACT_RELEASE) {
				usage_action(stderr, a.kind);
				return EX_USAGE;
			}
			if (c == 'R')
				a.resume = 1;
			else
				a.mark_sent = 1;
			break;
		default: usage_action(stderr, a.kind); return EX_USAGE;
		}
	}
	if (optind + 1 != argc) {
		usage_action(stderr, a.kind);
		return EX_USAGE;
	}
	a.id = argv[optind];
	if (!ctl_valid_id(a.id))
		return EX_USAGE;
	/* A resumed release already has its reason in the quarantine record. */
	a.reason = ctl_reason(reason, a.kind != ACT_DELETE && !a.resume && !a.mark_sent);
	if (a.reason == NULL)
		return EX_USAGE;
	if ((a.officer = ctl_officer(officer)) == NULL) {
		g_free(a.reason);
		return EX_USAGE;
	}
	if ((a.store = ctl_store_open(cfg, &rc)) != NULL) {
		rc = run(&a, as_json);
		seal_store_close(a.store);
	}
	seal_held_free(a.h);
	g_free(a.officer);
	g_free(a.reason);
	return rc;
}

int
ctl_officer_action(const seal_config *cfg, int argc, char **argv)
{
	int n, rc;
	char **args = ctl_ids_last(argc, argv, action_options, &n);

	rc = action_main(cfg, n, args);
	g_free(args);
	return rc;
}
