/*
 * officer.c - a compliance officer's decisions on a held message:
 *
 *   sealctl quarantine release ID --reason TEXT [--officer NAME] [--resume | --mark-sent]
 *   sealctl quarantine refuse ID --reason TEXT [--officer NAME]
 *   sealctl quarantine delete ID [--reason TEXT] [--officer NAME]
 *
 * The decision itself (state machine, audit record, hand-over, notice) is
 * src/store/held_decide.c, shared with the web console; this file reads
 * the command line, says who acts, and prints the outcome.
 */
#include <getopt.h>
#include <string.h>

#include <glib.h>

#include "held_decide.h"

#include "ctl.h"

static const char *const act_done[] = { "released", "refused", "deleted" };

static void
usage_action(FILE *out, seal_decide_kind kind)
{
	fprintf(out, "usage: sealctl [-c CONFIG] quarantine %s ID %s [--officer NAME]%s [--json]\n",
	    seal_decide_word(kind), kind == SEAL_DECIDE_DELETE ? "[--reason TEXT]" : "--reason TEXT",
	    kind == SEAL_DECIDE_RELEASE ? " [--resume | --mark-sent]" : "");
}

static void
report(const seal_decide_req *q, const seal_decide_result *r, int as_json, int rc)
{
	unsigned n = r->held != NULL && r->held->rcpts != NULL ? r->held->rcpts->len : 0;
	const char *state = r->outcome == SEAL_DECIDE_APPROVED ? "held"
	    : rc == 0 || q->kind != SEAL_DECIDE_RELEASE ? act_done[q->kind] : "releasing";
	GString *out;

	if (!as_json) {
		if (r->outcome == SEAL_DECIDE_APPROVED)
			printf("%s: release approved by %s (%u of %u); another officer must release "
			    "it\n", q->id, q->officer, r->approvals, q->cfg->release_approvals);
		else if (q->kind == SEAL_DECIDE_RELEASE && rc == 0 && q->mark_sent)
			printf("%s marked released (nothing sent now)\n", q->id);
		else if (q->kind == SEAL_DECIDE_RELEASE && rc == 0)
			printf("%s released to %u recipient%s (queue ID %s)\n", q->id, n,
			    n == 1 ? "" : "s", r->queue_id[0] != '\0' ? r->queue_id : "unknown");
		else if (q->kind == SEAL_DECIDE_REFUSE)
			printf("%s refused; notice to the sender: %s\n", q->id, r->notice);
		else if (q->kind == SEAL_DECIDE_DELETE && rc == 0)
			printf("%s deleted\n", q->id);
		return;
	}
	out = g_string_new("{");
	ctl_json_str(out, 1, "id", q->id);
	ctl_json_str(out, 0, "action", seal_decide_word(q->kind));
	ctl_json_str(out, 0, "state", state);
	ctl_json_str(out, 0, "officer", q->officer);
	ctl_json_str(out, 0, "reason", r->reason);
	ctl_json_str(out, 0, "queue_id", r->queue_id[0] != '\0' ? r->queue_id : NULL);
	if (q->kind == SEAL_DECIDE_REFUSE)
		ctl_json_str(out, 0, "notice", r->notice);
	if (q->kind == SEAL_DECIDE_RELEASE && q->cfg->release_approvals > 1)
		ctl_json_int(out, 0, "approvals", r->approvals);
	ctl_json_int(out, 0, "exit", rc);
	printf("%s}\n", out->str);
	g_string_free(out, TRUE);
}

/* The exit code of an outcome (sealctl.8 lists them). */
static int
exit_code(const seal_decide_result *r)
{
	switch (r->outcome) {
	case SEAL_DECIDED:
		/* A refusal stands even when its notice failed; the exit says it failed. */
		return strcmp(r->notice, "failed") == 0 ? EX_TEMPFAIL : 0;
	case SEAL_DECIDE_APPROVED: return 0;
	case SEAL_DECIDE_NO_SUCH: return EX_NOINPUT;
	case SEAL_DECIDE_NOT_HELD: return EX_UNAVAILABLE;
	case SEAL_DECIDE_OWN: return EX_NOPERM;
	case SEAL_DECIDE_APPROVED_BEFORE: return EX_UNAVAILABLE;
	case SEAL_DECIDE_BAD_REQUEST: return EX_USAGE;
	default: return EX_TEMPFAIL;
	}
}

static int
run(seal_decide_req *q, int as_json)
{
	char *login = ctl_login_name();
	char *extra = NULL;
	seal_decide_result r;
	int rc;

	/* The name is taken on trust (--officer, $SUDO_USER): keep who really ran it. */
	if (strcmp(login, q->officer) != 0)
		extra = g_strdup_printf("login=%s", login);
	q->extra = extra;
	seal_held_decide(q, &r);
	rc = exit_code(&r);
	if (r.why[0] != '\0' && r.outcome != SEAL_DECIDED && r.outcome != SEAL_DECIDE_APPROVED)
		ctl_error("%s", r.why);
	if (r.hint[0] != '\0')
		ctl_error("%s", r.hint);
	if (r.warning[0] != '\0')
		ctl_error("%s%s", strcmp(r.notice, "failed") == 0 ? "" : "warning: ", r.warning);
	if (r.outcome == SEAL_DECIDED || r.outcome == SEAL_DECIDE_APPROVED
	    || (q->kind == SEAL_DECIDE_RELEASE && r.held != NULL && r.state == SEAL_HELD_RELEASING
	    && r.outcome == SEAL_DECIDE_FAILED && as_json))
		report(q, &r, as_json, rc);
	seal_decide_result_clear(&r);
	g_free(extra);
	g_free(login);
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
	seal_decide_req a;
	char *name, *checked;

	memset(&a, 0, sizeof(a));
	a.cfg = cfg;
	a.kind = strcmp(argv[0], "release") == 0 ? SEAL_DECIDE_RELEASE
	    : strcmp(argv[0], "refuse") == 0 ? SEAL_DECIDE_REFUSE : SEAL_DECIDE_DELETE;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", action_options, NULL)) != -1) {
		switch (c) {
		case 'r': reason = optarg; break;
		case 'o': officer = optarg; break;
		case 'j': as_json = 1; break;
		case 'R':
		case 'M':
			if (a.kind != SEAL_DECIDE_RELEASE) {
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
	/* Checked here too, so that a bad reason is a usage error before the store opens. */
	checked = ctl_reason(reason, a.kind != SEAL_DECIDE_DELETE && !a.resume && !a.mark_sent);
	if (checked == NULL)
		return EX_USAGE;
	g_free(checked);
	a.reason = reason;
	if ((name = ctl_officer(officer)) == NULL)
		return EX_USAGE;
	a.officer = name;
	if ((a.store = ctl_store_open(cfg, &rc)) != NULL) {
		rc = run(&a, as_json);
		seal_store_close(a.store);
	}
	g_free(name);
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
