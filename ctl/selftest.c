/*
 * selftest.c - sealctl selftest: proves that sealmilter is in the live
 * mail path and fails closed.
 *
 *   sealctl [-c CONFIG] selftest
 *
 * 1. postconf(1): milter_default_action is tempfail, and sealmilter's
 *    socket is in smtpd_milters and non_smtpd_milters (selftest_pf.c).
 * 2. A canary message holding the reserved canary number (CTL_CANARY,
 *    documented in sealctl.8) goes to selftest_recipient, a reserved
 *    untrusted address, through the live Postfix: SMTP to selftest_submit
 *    (a loopback smtpd) or sendmail(1).
 * 3. The outcome, within selftest_timeout: refused (the SMTP reply at the
 *    end of DATA, and sealmilter's audit record) or held (the audit
 *    record names the held message, which the store has); anything else
 *    is a leak. "Never delivered": the canary is in no Postfix queue
 *    (postqueue -j by its queue ID); a canary found there is deleted
 *    (postsuper -d) and the test fails.
 * 4. Held canaries are deleted from the quarantine, but only those whose
 *    X-Sealmilter-Selftest token verifies: an HMAC keyed from the
 *    fingerprint key, so nobody outside can make a held message look like
 *    a canary to have it removed.
 * 5. One audit record, action "selftest", names the canary's own record
 *    (detail "canary=ID"): statistics and `sealctl audit search
 *    --no-selftest` leave out both. Only who holds the store and the
 *    chain key can append one.
 *
 * One line on standard output ("sealctl selftest: ok: ..." or
 * "sealctl selftest: FAIL (N): ...") and the exit code (selftest.h).
 */
#include <getopt.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib.h>

#include "audit_export.h"
#include "fingerprint.h"
#include "loopaddr.h"
#include "policy.h"
#include "reinject.h"

#include "ctl.h"
#include "selftest.h"

/*
 * The canary number: a synthetic Danish CPR number (1 January 1970, valid
 * modulus-11 check) reserved for the self-test. Only canaries carry it.
 */
#define CTL_CANARY "010170-0100"
#define CTL_SELFTEST_FIELD "X-Sealmilter-Selftest"
#define CTL_SELFTEST_LABEL "sealmilter selftest canary"

typedef struct selftest {
	const seal_config *cfg;
	int64_t start;               /* unix seconds */
	char nonce[33];
	char msgid[128];             /* without angle brackets */
	char queue_id[64];           /* Postfix's, once known */
	char result[16];             /* refused, held */
	char held_id[40];
	int64_t record_id;           /* sealmilter's audit record of the canary */
	seal_store *store;
	int rc;
	GString *line;               /* what the one log line says */
} selftest;

static void
fail(selftest *t, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
fail(selftest *t, int rc, const char *fmt, ...)
{
	va_list ap;

	if (t->rc != 0)
		return;           /* the first failure is the one reported */
	t->rc = rc;
	g_string_truncate(t->line, 0);
	va_start(ap, fmt);
	g_string_append_vprintf(t->line, fmt, ap);
	va_end(ap);
}

/* The token over the canary's time, nonce and recipient (64 hex digits). */
static char *
token_mac(const seal_config *cfg, int64_t when, const char *nonce, const char *rcpt)
{
	unsigned char key[32];
	char *data, *mac;

	seal_fp_key_derive(cfg->fp_key, CTL_SELFTEST_LABEL, key);
	data = g_strdup_printf("t=%lld; n=%s; to=%s", (long long)when, nonce, rcpt);
	mac = g_compute_hmac_for_string(G_CHECKSUM_SHA256, key, sizeof(key), data, -1);
	memset(key, 0, sizeof(key));
	g_free(data);
	return mac;
}

static GString *
canary_message(const selftest *t)
{
	const seal_config *cfg = t->cfg;
	char *mac = token_mac(cfg, t->start, t->nonce, cfg->selftest_recipient);
	GDateTime *now = g_date_time_new_from_unix_local(t->start);
	char *date = g_date_time_format(now, "%a, %d %b %Y %H:%M:%S %z");
	GString *m = g_string_new(NULL);
	const char *from = cfg->selftest_sender[0] != '\0' ? cfg->selftest_sender
	    : "MAILER-DAEMON@sealmilter.invalid";

	g_string_append_printf(m,
	    "From: <%s>\nTo: <%s>\nDate: %s\nMessage-ID: <%s>\n"
	    "Subject: sealmilter self-test\n"
	    CTL_SELFTEST_FIELD ": t=%lld; n=%s; mac=%s\n"
	    "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n"
	    "This is sealmilter's self-test (sealctl selftest). It must be refused or\n"
	    "held, never delivered.\n\nCPR-nr.: " CTL_CANARY "\n",
	    from, cfg->selftest_recipient, date, t->msgid, (long long)t->start, t->nonce, mac);
	g_free(mac);
	g_free(date);
	g_date_time_unref(now);
	return m;
}

/* Does the held message msg carry a token this key made for rcpt? */
static int
token_verifies(const seal_config *cfg, const GString *msg, const char *rcpt)
{
	GRegex *re = g_regex_new("^" CTL_SELFTEST_FIELD ":[ \\t]*t=([0-9]{1,12}); "
	    "n=([0-9a-f]{32}); mac=([0-9a-f]{64})\\r?$",
	    G_REGEX_MULTILINE | G_REGEX_CASELESS, 0, NULL);
	const char *blank = strstr(msg->str, "\n\n");
	const char *crblank = strstr(msg->str, "\r\n\r\n");
	size_t hlen = msg->len;
	GMatchInfo *mi = NULL;
	int ok = 0;

	/* The field counts only in the header block. */
	if (crblank != NULL && (blank == NULL || crblank < blank))
		blank = crblank;
	if (blank != NULL)
		hlen = (size_t)(blank - msg->str);
	if (g_regex_match_full(re, msg->str, (gssize)hlen, 0, 0, &mi, NULL)) {
		char *when = g_match_info_fetch(mi, 1), *nonce = g_match_info_fetch(mi, 2);
		char *mac = g_match_info_fetch(mi, 3);
		char *want = token_mac(cfg, g_ascii_strtoll(when, NULL, 10), nonce, rcpt);
		unsigned diff = 0;

		for (size_t i = 0; i < 64; i++)
			diff |= (unsigned)(mac[i] ^ want[i]);
		ok = diff == 0;
		g_free(when);
		g_free(nonce);
		g_free(mac);
		g_free(want);
	}
	g_match_info_free(mi);
	g_regex_unref(re);
	return ok;
}

/* ------------------------------------------------------------ submission */

static void
submit_smtp(selftest *t, const GString *msg)
{
	const seal_config *cfg = t->cfg;
	const char *rcpts[] = { cfg->selftest_recipient };
	seal_reinject_target target;
	seal_smtp_reply reply;
	seal_err err;

	seal_err_clear(&err);
	if (seal_reinject_parse(cfg->selftest_submit, &target, &err) != SEAL_OK) {
		fail(t, EX_CONFIG, "selftest_submit: %s", err.msg);
		return;
	}
	if (seal_smtp_submit(&target, g_get_host_name(), cfg->selftest_sender, rcpts, 1,
	    msg->str, msg->len, cfg->selftest_timeout, &reply, &err) == SEAL_OK) {
		g_strlcpy(t->queue_id, reply.queue_id, sizeof(t->queue_id));
		return;           /* accepted: held, or a leak (outcome()) */
	}
	if (reply.code == 0)
		fail(t, EX_UNAVAILABLE, "no answer from Postfix at %s: %s", cfg->selftest_submit,
		    err.msg);
	else if (reply.code / 100 == 4)
		fail(t, SELFTEST_EXIT_TEMPFAIL, "the canary was tempfailed at %s (%s): is "
		    "sealmilter running?", reply.step, reply.text);
	else if (strcmp(reply.step, "end of DATA") != 0)
		fail(t, SELFTEST_EXIT_NODECIDE, "Postfix refused the canary at %s (%s), before "
		    "sealmilter saw its content: check selftest_sender and selftest_recipient",
		    reply.step, reply.text);
	else
		g_strlcpy(t->result, "refused", sizeof(t->result));
}

static void
submit_sendmail(selftest *t, const GString *msg)
{
	const seal_config *cfg = t->cfg;
	const char *sender = cfg->selftest_sender[0] != '\0' ? cfg->selftest_sender : "<>";
	const char *argv[] = { cfg->selftest_submit, "-i", "-f", sender, "--",
	    cfg->selftest_recipient, NULL };
	GBytes *in = g_bytes_new(msg->str, msg->len);
	GError *gerr = NULL;
	GSubprocess *p;

	p = g_subprocess_newv(argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
	    G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &gerr);
	if (p == NULL || !g_subprocess_communicate(p, in, NULL, NULL, NULL, &gerr))
		fail(t, EX_UNAVAILABLE, "cannot run %s: %s", cfg->selftest_submit,
		    gerr != NULL ? gerr->message : "?");
	else if (!g_subprocess_get_if_exited(p) || g_subprocess_get_exit_status(p) != 0)
		fail(t, EX_UNAVAILABLE, "%s did not take the canary (exit %d)",
		    cfg->selftest_submit, g_subprocess_get_if_exited(p) ?
		    g_subprocess_get_exit_status(p) : -1);
	if (gerr != NULL)
		g_error_free(gerr);
	if (p != NULL)
		g_object_unref(p);
	g_bytes_unref(in);
}

/* ------------------------------------------------------------ outcome */

static int
same_msgid(const char *recorded, const char *ours)
{
	char *r = g_strstrip(g_strdup(recorded != NULL ? recorded : ""));
	size_t n = strlen(r);
	int same;

	if (n >= 2 && r[0] == '<' && r[n - 1] == '>')
		same = n - 2 == strlen(ours) && strncmp(r + 1, ours, n - 2) == 0;
	else
		same = strcmp(r, ours) == 0;
	g_free(r);
	return same;
}

/* sealmilter's record of the canary, or NULL (caller frees). */
static seal_audit_record *
find_record(selftest *t, seal_err *err, int *failed)
{
	seal_audit_query q;
	seal_audit_record *found = NULL;
	GPtrArray *out = g_ptr_array_new();

	memset(&q, 0, sizeof(q));
	q.recipient = t->cfg->selftest_recipient;
	q.from = t->start - 5;
	q.limit = 100;
	*failed = seal_store_audit_search(t->store, &q, out, err) != SEAL_OK;
	for (guint i = 0; i < out->len; i++) {
		seal_audit_record *r = g_ptr_array_index(out, i);

		if (found == NULL && strcmp(r->action, SEAL_AUDIT_SELFTEST_ACTION) != 0 &&
		    same_msgid(r->message_id, t->msgid))
			found = r;
		else
			seal_audit_record_free(r);
	}
	g_ptr_array_free(out, TRUE);
	return found;
}

/* What sealmilter's record says was done for the canary's recipient. */
static const char *
rcpt_action(const seal_audit_record *r, const char *rcpt)
{
	for (guint i = 0; i < r->rcpts->len; i++) {
		const seal_audit_rcpt *a = g_ptr_array_index(r->rcpts, i);

		if (g_ascii_strcasecmp(a->address, rcpt) == 0)
			return a->action;
	}
	return "";
}

/* Waits for sealmilter's record and reads the outcome from it. */
static void
outcome(selftest *t, int have_store)
{
	int64_t deadline = g_get_monotonic_time() + (int64_t)t->cfg->selftest_timeout * G_USEC_PER_SEC;
	seal_audit_record *r = NULL;
	const char *action, *held;
	seal_err err;
	int failed = 0;

	if (!have_store) {
		/* Audit log off: only a refusal at SMTP can be seen, and nothing held exists. */
		if (t->result[0] == '\0')
			fail(t, t->queue_id[0] != '\0' ? SELFTEST_EXIT_LEAK : SELFTEST_EXIT_NODECIDE,
			    "the canary was not refused and store is empty, so no hold can be seen");
		return;
	}
	for (;;) {
		seal_err_clear(&err);
		r = find_record(t, &err, &failed);
		if (r != NULL || failed || g_get_monotonic_time() >= deadline)
			break;
		g_usleep(G_USEC_PER_SEC / 4);
	}
	if (failed) {
		fail(t, EX_TEMPFAIL, "the store did not answer: %s", err.msg);
		return;
	}
	if (r == NULL) {
		if (t->queue_id[0] != '\0')
			fail(t, SELFTEST_EXIT_LEAK, "Postfix accepted the canary (queue ID %s) and "
			    "sealmilter recorded no decision: it is not in the mail path", t->queue_id);
		else
			fail(t, SELFTEST_EXIT_NODECIDE, "no decision of sealmilter on the canary "
			    "within %u s", t->cfg->selftest_timeout);
		return;
	}
	t->record_id = r->id;
	if (t->queue_id[0] == '\0' && r->queue_id != NULL)
		g_strlcpy(t->queue_id, r->queue_id, sizeof(t->queue_id));
	action = rcpt_action(r, t->cfg->selftest_recipient);
	held = r->detail != NULL ? strstr(r->detail, "held=") : NULL;
	if (strcmp(action, "refuse") == 0 && strcmp(r->action, "refuse") == 0) {
		g_strlcpy(t->result, "refused", sizeof(t->result));
	} else if (strcmp(action, "hold") == 0 && held != NULL) {
		g_strlcpy(t->result, "held", sizeof(t->result));
		g_strlcpy(t->held_id, held + 5, sizeof(t->held_id));
		t->held_id[strcspn(t->held_id, " ")] = '\0';
	} else {
		fail(t, SELFTEST_EXIT_LEAK, "sealmilter let the canary go to %s: %s (want refuse "
		    "or hold: check selftest_recipient has no key and the action chain)",
		    t->cfg->selftest_recipient, action[0] != '\0' ? action : r->action);
	}
	seal_audit_record_free(r);
}

/*
 * Never delivered: the canary is in no queue Postfix delivers from. A
 * refusal of a sendmail(1) submission may have parked it in the hold
 * queue (refusal=postfix-hold): deleted there, it is done.
 */
static void
check_queue(selftest *t)
{
	char queue[32], why[300];
	int found;

	if (t->queue_id[0] == '\0')
		return;   /* refused over SMTP: Postfix never queued it */
	found = selftest_queue_find(t->queue_id, queue, sizeof(queue));
	if (found < 0) {
		fail(t, EX_UNAVAILABLE, "cannot read Postfix's queue (postqueue -j)");
		return;
	}
	if (found == 0)
		return;
	if (selftest_queue_delete(t->queue_id, why, sizeof(why)) < 0)
		fail(t, SELFTEST_EXIT_CLEANUP, "the canary %s is in Postfix's %s queue and "
		    "could not be deleted: %s", t->queue_id, queue, why);
	else if (strcmp(queue, "hold") != 0)
		fail(t, SELFTEST_EXIT_LEAK, "the canary %s was in Postfix's %s queue, on its "
		    "way out (deleted now)", t->queue_id, queue);
}

/* Deletes every held canary whose token verifies; how many, or -1. */
static int
clean_held(selftest *t, int *ours)
{
	seal_held_query q;
	GPtrArray *list = g_ptr_array_new();
	int n = 0;
	seal_err err;

	*ours = 0;
	memset(&q, 0, sizeof(q));
	q.recipient = t->cfg->selftest_recipient;
	seal_err_clear(&err);
	if (seal_store_held_list(t->store, &q, list, &err) != SEAL_OK) {
		g_ptr_array_free(list, TRUE);
		return -1;
	}
	for (guint i = 0; i < list->len; i++) {
		seal_held *h = g_ptr_array_index(list, i);
		GString *msg = g_string_new(NULL);
		seal_held *full = NULL;

		seal_err_clear(&err);
		if (seal_store_held_get(t->store, h->id, &full, msg, &err) == SEAL_OK &&
		    h->rcpts->len == 1 && token_verifies(t->cfg, msg, t->cfg->selftest_recipient) &&
		    seal_store_held_transition(t->store, h->id, SEAL_HELD, SEAL_HELD_DELETED,
		    "selftest", "self-test canary", &err) == SEAL_OK &&
		    seal_store_held_drop_content(t->store, h->id, &err) == SEAL_OK) {
			n++;
			if (strcmp(h->id, t->held_id) == 0)
				*ours = 1;
		}
		memset(msg->str, 0, msg->len);
		g_string_free(msg, TRUE);
		seal_held_free(full);
		seal_held_free(h);
	}
	g_ptr_array_free(list, TRUE);
	return n;
}

/* The record that tells statistics to leave the canary out. */
static void
record(selftest *t, int cleaned)
{
	seal_audit_record *r = seal_audit_record_new();
	seal_err err;

	r->time = (int64_t)time(NULL);
	r->relay = g_strdup(g_get_host_name());
	r->queue_id = g_strdup(t->queue_id);
	r->message_id = g_strdup_printf("<%s>", t->msgid);
	r->auth_user = g_strdup("");
	r->sender = g_strdup(t->cfg->selftest_sender);
	r->cls = g_strdup("");
	r->action = g_strdup(SEAL_AUDIT_SELFTEST_ACTION);
	r->kinds = g_strdup("");
	r->rules = g_strdup("");
	r->detail = g_strdup_printf("canary=%lld result=%s held_deleted=%d",
	    (long long)t->record_id, t->rc == 0 ? t->result : "fail", cleaned);
	seal_audit_record_add_rcpt(r, t->cfg->selftest_recipient, t->rc == 0 ? t->result : "fail");
	seal_err_clear(&err);
	if (seal_store_audit_append(t->store, r, &err) != SEAL_OK)
		fail(t, SELFTEST_EXIT_CLEANUP, "cannot record the self-test: %s", err.msg);
	seal_audit_record_free(r);
}

/* ------------------------------------------------------------ the command */

static int
preconditions(selftest *t)
{
	const seal_config *cfg = t->cfg;
	seal_domain_class dc;

	if (cfg->selftest_recipient == NULL || cfg->selftest_recipient[0] == '\0') {
		fail(t, EX_CONFIG, "selftest_recipient is not set");
		return -1;
	}
	dc = seal_policy_classify(cfg, cfg->selftest_recipient);
	if (dc == SEAL_DOMAIN_INTERNAL || dc == SEAL_DOMAIN_TRUSTED) {
		fail(t, EX_CONFIG, "selftest_recipient %s is %s: the canary must go to an "
		    "untrusted address", cfg->selftest_recipient, seal_domain_class_name(dc));
		return -1;
	}
	if (cfg->fp_key == NULL) {
		fail(t, EX_CONFIG, "fingerprint_key_file is not set: the canary's token is "
		    "keyed from it");
		return -1;
	}
	return 0;
}

static void
run(selftest *t)
{
	const seal_config *cfg = t->cfg;
	int have_store = cfg->store != NULL && cfg->store[0] != '\0';
	char why[400];
	GString *msg;
	int ours = 0, cleaned = 0, w;

	if (preconditions(t) < 0)
		return;
	if ((w = selftest_postfix_wiring(cfg, why, sizeof(why))) != 0) {
		/* Wrongly wired, the canary could leave unchecked: it is not sent. */
		fail(t, w < 0 ? EX_UNAVAILABLE : SELFTEST_EXIT_WIRING, "%s", why);
		return;
	}
	if (have_store && (t->store = ctl_store_open(cfg, &w)) == NULL) {
		fail(t, w, "cannot open the store");
		return;
	}
	msg = canary_message(t);
	if (cfg->selftest_submit[0] == '/')
		submit_sendmail(t, msg);
	else
		submit_smtp(t, msg);
	memset(msg->str, 0, msg->len);
	g_string_free(msg, TRUE);
	if (t->rc != 0)
		return;
	outcome(t, have_store);
	check_queue(t);
	if (!have_store)
		return;
	if ((cleaned = clean_held(t, &ours)) < 0)
		fail(t, SELFTEST_EXIT_CLEANUP, "cannot read the quarantine");
	else if (t->rc == 0 && strcmp(t->result, "held") == 0 && !ours)
		fail(t, SELFTEST_EXIT_CLEANUP, "the held canary %s is not in the quarantine "
		    "or could not be deleted", t->held_id);
	record(t, cleaned > 0 ? cleaned : 0);
}

int
ctl_selftest(const seal_config *cfg, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned char rnd[16];
	selftest t;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			printf("usage: sealctl [-c CONFIG] selftest\n");
			return 0;
		}
		fprintf(stderr, "usage: sealctl [-c CONFIG] selftest\n");
		return EX_USAGE;
	}
	if (optind < argc) {
		ctl_error_value("selftest", argv[optind], "takes no arguments");
		return EX_USAGE;
	}
	memset(&t, 0, sizeof(t));
	t.cfg = cfg;
	t.line = g_string_new(NULL);
	t.start = (int64_t)time(NULL);
	for (size_t i = 0; i < sizeof(rnd); i++)
		rnd[i] = (unsigned char)g_random_int_range(0, 256);
	for (size_t i = 0; i < sizeof(rnd); i++)
		snprintf(t.nonce + 2 * i, 3, "%02x", rnd[i]);
	snprintf(t.msgid, sizeof(t.msgid), "selftest.%lld.%s@sealmilter.invalid",
	    (long long)t.start, t.nonce);
	run(&t);
	if (t.rc == 0)
		printf("sealctl selftest: ok: canary %s (%s%s%s), Postfix fails closed through "
		    "sealmilter\n", t.result, t.queue_id[0] != '\0' ? "queue ID " : "by SMTP",
		    t.queue_id, t.held_id[0] != '\0' ? ", held copy deleted" : "");
	else
		printf("sealctl selftest: FAIL (%d): %s\n", t.rc, t.line->str);
	fflush(stdout);
	seal_store_close(t.store);
	g_string_free(t.line, TRUE);
	return t.rc;
}
