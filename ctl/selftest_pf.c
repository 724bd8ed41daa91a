/*
 * selftest_pf.c - Postfix's wiring and queue as sealctl selftest sees them
 * (selftest.h), through postconf(1), postqueue(1) and postsuper(1).
 *
 * The daemon's `sealmilter -n` reads the same settings to warn
 * (milter/postfix_check.c); the self-test turns them into a failure, so it
 * has its own small reader here rather than a call into the daemon.
 */
#include <string.h>

#include <glib.h>

#include "selftest.h"
#include "socketname.h"

/* Runs argv (found on PATH); its standard output, or NULL with why filled. */
static char *
run(const char *const *argv, char *why, size_t size)
{
	char *out = NULL, *errout = NULL;
	GError *gerr = NULL;
	int status = 0;

	if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
	    &out, &errout, &status, &gerr)) {
		snprintf(why, size, "cannot run %s: %s", argv[0], gerr->message);
		g_error_free(gerr);
		return NULL;
	}
	if (!g_spawn_check_wait_status(status, NULL)) {
		g_strstrip(errout);
		snprintf(why, size, "%s failed: %.200s", argv[0],
		    errout[0] != '\0' ? errout : "no message");
		g_free(out);
		g_free(errout);
		return NULL;
	}
	g_free(errout);
	return out;
}

/* The value of "name = value" in postconf's output ("" when absent). */
static char *
value_of(const char *out, const char *name)
{
	char **lines = g_strsplit(out, "\n", -1);
	size_t n = strlen(name);
	char *v = NULL;

	for (char **l = lines; *l != NULL && v == NULL; l++)
		if (strncmp(*l, name, n) == 0 && (*l)[n] == ' ' && (*l)[n + 1] == '=')
			v = g_strstrip(g_strdup(*l + n + 2));
	g_strfreev(lines);
	return v != NULL ? v : g_strdup("");
}

int
selftest_postfix_wiring(const seal_config *cfg, char *why, size_t size)
{
	const char *argv[] = { "postconf", "milter_default_action", "smtpd_milters",
	    "non_smtpd_milters", NULL };
	static const char *const lists[] = { "smtpd_milters", "non_smtpd_milters" };
	char *out = run(argv, why, size), *v;
	int rc = 0;

	if (out == NULL)
		return -1;
	v = value_of(out, "milter_default_action");
	if (strcmp(v, "tempfail") != 0) {
		snprintf(why, size, "postfix: milter_default_action = %s, not tempfail: mail "
		    "passes unchecked when sealmilter is down", v[0] != '\0' ? v : "(unset)");
		rc = 1;
	}
	g_free(v);
	for (size_t i = 0; i < G_N_ELEMENTS(lists) && rc == 0; i++) {
		v = value_of(out, lists[i]);
		if (cfg->socket == NULL || !seal_socket_in_list(v, cfg->socket)) {
			snprintf(why, size, "postfix: %s does not name sealmilter's socket %s",
			    lists[i], cfg->socket != NULL ? cfg->socket : "(none)");
			rc = 1;
		}
		g_free(v);
	}
	g_free(out);
	return rc;
}

int
selftest_queue_find(const char *queue_id, char *queue, size_t size)
{
	const char *argv[] = { "postqueue", "-j", NULL };
	char why[300], *out = run(argv, why, sizeof(why)), **lines;
	GRegex *re_id, *re_q;
	int found = 0;

	queue[0] = '\0';
	if (out == NULL)
		return -1;
	/* One JSON object per line: {"queue_name": "hold", "queue_id": "4Xy..", ...}. */
	re_id = g_regex_new("\"queue_id\": *\"([A-Za-z0-9]+)\"", 0, 0, NULL);
	re_q = g_regex_new("\"queue_name\": *\"([a-z]+)\"", 0, 0, NULL);
	lines = g_strsplit(out, "\n", -1);
	for (char **l = lines; *l != NULL && !found; l++) {
		GMatchInfo *mi = NULL;
		char *id = NULL;

		if (g_regex_match(re_id, *l, 0, &mi))
			id = g_match_info_fetch(mi, 1);
		g_match_info_free(mi);
		if (id != NULL && strcmp(id, queue_id) == 0) {
			found = 1;
			if (g_regex_match(re_q, *l, 0, &mi)) {
				char *q = g_match_info_fetch(mi, 1);

				g_strlcpy(queue, q, size);
				g_free(q);
			} else {
				g_strlcpy(queue, "unknown", size);
			}
			g_match_info_free(mi);
		}
		g_free(id);
	}
	g_strfreev(lines);
	g_regex_unref(re_id);
	g_regex_unref(re_q);
	g_free(out);
	return found;
}

int
selftest_queue_delete(const char *queue_id, char *why, size_t size)
{
	const char *argv[] = { "postsuper", "-d", queue_id, NULL };
	char *out = run(argv, why, size);

	if (out == NULL)
		return -1;
	g_free(out);
	return 0;
}
