/*
 * rcpts.c - the recipients of one message (rcpts.h).
 */
#include <string.h>

#include <glib.h>

#include "rcpts.h"

void
seal_rcpts_init(seal_rcpts *r)
{
	memset(r, 0, sizeof(*r));
	r->addrs = g_ptr_array_new_with_free_func(g_free);
	r->del = g_ptr_array_new_with_free_func(g_free);
	r->sure = g_array_new(FALSE, FALSE, sizeof(int));
}

void
seal_rcpts_clear(seal_rcpts *r)
{
	if (r->addrs != NULL)
		g_ptr_array_free(r->addrs, TRUE);
	if (r->del != NULL)
		g_ptr_array_free(r->del, TRUE);
	if (r->sure != NULL)
		g_array_free(r->sure, TRUE);
	memset(r, 0, sizeof(*r));
}

char *
seal_rcpts_strip(const char *arg)
{
	char *s = g_strstrip(g_strdup(arg != NULL ? arg : ""));
	size_t len = strlen(s);

	if (len >= 2 && s[0] == '<' && s[len - 1] == '>') {
		memmove(s, s + 1, len - 2);
		s[len - 2] = '\0';
	}
	return s;
}

/*
 * One recipient: the address we classify and the form that removes it.
 *
 * Postfix's cleanup_del_rcpt() parses the milter's string and compares it
 * with the recipient as Postfix stored it (its original-recipient record,
 * before any rewriting) and reports success when nothing matched, so a
 * wrong form silently leaves the recipient in place. A milter never
 * learns that stored form for sure:
 * - over SMTP the raw RCPT argument is what the client typed; smtpd
 *   stores its own parse of it ("<@hop:user@dom>" loses the source route,
 *   "<<user@dom>>" the extra brackets, "\"user\"@dom" the needless quotes);
 * - smtpd's {rcpt_addr} is the address after trivial-rewrite resolved it
 *   (the percent hack, bang paths and dequoting through a local domain
 *   already applied): where Postfix will really send it, not what it
 *   stored;
 * - Postfix's non-SMTP emulation (sendmail(1) through pickup and
 *   non_smtpd_milters) passes the address after cleanup's rewriting
 *   (percent hack, bang paths, canonical maps) and no {rcpt_mailer}
 *   (smtpd always sends one).
 * So a recipient is classified by {rcpt_addr} when there is one (where
 * the mail goes), and its removal counts as verifiable only over SMTP when
 * the raw argument, without its brackets, is {rcpt_addr} but for ASCII
 * case (the resolver lower-cases): then neither smtpd's parse nor the
 * resolver changed its syntax, and the raw argument, which smfi_delrcpt
 * names, parses to the stored form. A message with any other recipient to
 * remove is split without smfi_delrcpt (callbacks.c eom_deliver).
 */
void
seal_rcpts_add(seal_rcpts *r, const char *arg, const char *addr, const char *mailer)
{
	char *bare = seal_rcpts_strip(arg);
	int sure;

	if (mailer == NULL || mailer[0] == '\0')
		r->local_submission = 1;
	/* The resolver lower-cases (ASCII); smtpd stores the case as given. */
	sure = !r->local_submission && addr != NULL && g_ascii_strcasecmp(bare, addr) == 0;
	g_ptr_array_add(r->del, g_strdup(arg != NULL ? arg : ""));
	g_array_append_val(r->sure, sure);
	if (addr != NULL && addr[0] != '\0') {
		g_ptr_array_add(r->addrs, seal_rcpts_strip(addr));
		g_free(bare);
	} else {
		g_ptr_array_add(r->addrs, bare);
	}
}

int
seal_rcpts_removal_verifiable(const seal_rcpts *r, const GPtrArray *remove)
{
	for (guint i = 0; i < remove->len; i++) {
		guint j;

		for (j = 0; j < r->addrs->len; j++)
			if (strcmp(g_ptr_array_index(r->addrs, j),
			    g_ptr_array_index(remove, i)) == 0)
				break;
		if (j == r->addrs->len || !g_array_index(r->sure, int, j))
			return 0;
	}
	return 1;
}
