/*
 * postfix_check.c - what `sealmilter -n` warns about in Postfix's own
 * configuration (postfix_check.h), read with postconf(1) when it is
 * installed and can read main.cf (MAIL_CONFIG names another directory, as
 * for postconf itself). Warnings only: the exit status stays that of the
 * sealmilter configuration.
 *
 * Two kinds of settings defeat a milter's decision without it noticing
 * (issue 15 items 5 and 10, Postfix 3.7):
 * - recipients cleanup(8) adds or rewrites after the milter saw the
 *   envelope: always_bcc, sender_bcc_maps and recipient_bcc_maps add
 *   recipients the milter never sees (they get whatever the milter let
 *   through, and a discarded message never reaches them); canonical_maps,
 *   recipient_canonical_maps and virtual_alias_maps change where a
 *   recipient the milter classified really goes. Aliases and .forward act
 *   later still, at local delivery.
 * - milters after sealmilter in smtpd_milters: sealmilter reinjects copies
 *   and stores held mail before the MTA's final answer, so a later
 *   milter's rejection leaves copies sent and a hold that can be released.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "policy.h"
#include "socketname.h"

#include "log.h"
#include "postfix_check.h"

/* SEAL_PF_* flags of the last seal_postfix_refresh(). */
static guint journal_flags;

static const char *const adders[] = {
	"always_bcc", "sender_bcc_maps", "recipient_bcc_maps",
};
static const char *const rewriters[] = {
	"canonical_maps", "recipient_canonical_maps", "virtual_alias_maps",
};

/* postconf NAME...: "name = value" lines in a table; NULL when unreadable. */
static GHashTable *
postconf_read(void)
{
	const char *argv[] = { "postconf", "always_bcc", "sender_bcc_maps",
	    "recipient_bcc_maps", "canonical_maps", "recipient_canonical_maps",
	    "virtual_alias_maps", "smtpd_milters", "non_smtpd_milters",
	    "enable_original_recipient", NULL };
	char *out = NULL, *errout = NULL, **lines;
	int status = 0;
	GHashTable *t;

	if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
	    &out, &errout, &status, NULL) || !g_spawn_check_wait_status(status, NULL)) {
		g_free(out);
		g_free(errout);
		return NULL;
	}
	t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	lines = g_strsplit(out, "\n", -1);
	for (char **l = lines; *l != NULL; l++) {
		char *eq = strstr(*l, " = ");

		if (eq != NULL)
			g_hash_table_insert(t, g_strndup(*l, (gsize)(eq - *l)),
			    g_strstrip(g_strdup(eq + 3)));
		else if (g_str_has_suffix(*l, " ="))
			g_hash_table_insert(t, g_strndup(*l, strlen(*l) - 2), g_strdup(""));
	}
	g_strfreev(lines);
	g_free(out);
	g_free(errout);
	return t;
}

/* Is the always_bcc address one sealmilter would let have cleartext? */
static int
bcc_inside(const seal_config *cfg, const char *v)
{
	seal_domain_class dc = seal_policy_classify(cfg, v);

	return dc == SEAL_DOMAIN_INTERNAL || dc == SEAL_DOMAIN_TRUSTED;
}

/* SEAL_PF_* flags from a postconf table. */
static unsigned
journal_from(const seal_config *cfg, GHashTable *pc)
{
	unsigned f = 0;
	const char *v;

	for (size_t i = 0; i < G_N_ELEMENTS(adders); i++) {
		v = g_hash_table_lookup(pc, adders[i]);
		if (v != NULL && v[0] != '\0')
			f |= SEAL_PF_ADDS_RCPTS;
	}
	v = g_hash_table_lookup(pc, "always_bcc");
	if (v != NULL && v[0] != '\0' && !bcc_inside(cfg, v))
		f |= SEAL_PF_BCC_OUTSIDE;
	return f;
}

void
seal_postfix_refresh(const seal_config *cfg)
{
	GHashTable *pc = postconf_read();
	unsigned f = pc != NULL ? journal_from(cfg, pc) : 0;

	g_atomic_int_set((gint *)&journal_flags, (gint)f);
	if (pc == NULL)
		seal_log(NULL, SEAL_LOG_INFO, "postconf unreadable: Postfix's journaling "
		    "(always_bcc, *_bcc_maps) unknown; journal as the README says");
	else if (f & SEAL_PF_BCC_OUTSIDE)
		seal_log(NULL, SEAL_LOG_WARNING, "postfix: always_bcc = %s is not internal: "
		    "a message with findings goes to Postfix's hold queue instead",
		    (const char *)g_hash_table_lookup(pc, "always_bcc"));
	else if (f & SEAL_PF_ADDS_RCPTS)
		seal_log(NULL, SEAL_LOG_INFO, "postfix adds recipients sealmilter does not see: "
		    "a message it would discard goes to Postfix's hold queue instead");
	if (pc != NULL)
		g_hash_table_destroy(pc);
}

unsigned
seal_postfix_journal(void)
{
	return (unsigned)g_atomic_int_get((gint *)&journal_flags);
}

static void
check_milters(FILE *out, const seal_config *cfg, GHashTable *pc, const char *name, int must_be_last)
{
	char **list = seal_milter_list_split(g_hash_table_lookup(pc, name));
	guint n = g_strv_length(list), ours = n;

	for (guint i = 0; i < n; i++)
		if (seal_socket_named(list[i], cfg->socket))
			ours = i;
	if (ours == n)
		fprintf(out, "warning: postfix: %s does not name sealmilter's socket %s: mail "
		    "received that way is not checked\n", name,
		    cfg->socket != NULL ? cfg->socket : "(none)");
	else if (must_be_last && ours + 1 < n)
		fprintf(out, "warning: postfix: sealmilter is not the last of %s (%s follows): "
		    "it sends copies and stores held mail before the final answer, so a later "
		    "milter's rejection leaves copies sent and a releasable hold; put sealmilter "
		    "last\n", name, list[ours + 1]);
	g_strfreev(list);
}

int
seal_postfix_check(FILE *out, const seal_config *cfg)
{
	GHashTable *pc = postconf_read();
	int warnings = 0;
	const char *v;

	if (pc == NULL)
		return 0;
	for (size_t i = 0; i < G_N_ELEMENTS(adders); i++) {
		v = g_hash_table_lookup(pc, adders[i]);
		if (v == NULL || v[0] == '\0')
			continue;
		/* A journal address sealmilter counts as internal may get cleartext. */
		if (strcmp(adders[i], "always_bcc") == 0 && bcc_inside(cfg, v)) {
			fprintf(out, "warning: postfix: always_bcc = %s: the journal gets the "
			    "message as Postfix keeps it, not the copies sealmilter reinjects; a "
			    "message sealmilter would discard waits in Postfix's hold queue\n", v);
			warnings++;
			continue;
		}
		if (strcmp(adders[i], "always_bcc") == 0) {
			fprintf(out, "warning: postfix: always_bcc = %s is not internal: every "
			    "message with findings waits in Postfix's hold queue; make the journal "
			    "mailbox internal (README, Postfix)\n", v);
			warnings++;
			continue;
		}
		fprintf(out, "warning: postfix: %s = %s adds recipients sealmilter never sees: "
		    "they get the cleartext of what it lets through, so every address in it "
		    "must be internal (README, Postfix)\n", adders[i], v);
		warnings++;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(rewriters); i++) {
		v = g_hash_table_lookup(pc, rewriters[i]);
		if (v == NULL || v[0] == '\0')
			continue;
		fprintf(out, "warning: postfix: %s = %s rewrites recipients after sealmilter "
		    "classified them: no entry may send an internal or trusted address outside\n",
		    rewriters[i], v);
		warnings++;
	}
	v = g_hash_table_lookup(pc, "enable_original_recipient");
	if (v != NULL && g_ascii_strcasecmp(v, "no") == 0) {
		fprintf(out, "warning: postfix: enable_original_recipient = no: Postfix then "
		    "removes a recipient only by its rewritten address\n");
		warnings++;
	}
	check_milters(out, cfg, pc, "smtpd_milters", 1);
	check_milters(out, cfg, pc, "non_smtpd_milters", 1);
	g_hash_table_destroy(pc);
	return warnings;
}
