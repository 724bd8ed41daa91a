/*
 * rcpts.h - the recipients of one message as the milter learns them at
 * RCPT: the address sealmilter classifies and the form that removes it
 * with smfi_delrcpt, and whether that removal is verifiable (rcpts.c
 * explains what Postfix matches a removal against).
 */
#ifndef SEAL_RCPTS_H
#define SEAL_RCPTS_H

#include <glib.h>

typedef struct seal_rcpts {
	GPtrArray *addrs;        /* char *: as classified ({rcpt_addr}, else the argument without <>) */
	GPtrArray *del;          /* char *: the raw RCPT argument, for smfi_delrcpt */
	GArray *sure;            /* int: removing del[i] with smfi_delrcpt is verifiable */
	int local_submission;    /* Postfix's non-SMTP emulation (sendmail(1), pickup) */
} seal_rcpts;

void seal_rcpts_init(seal_rcpts *r);
void seal_rcpts_clear(seal_rcpts *r);

/* One RCPT: the raw argument and the MTA's {rcpt_addr} and {rcpt_mailer} (NULL if absent). */
void seal_rcpts_add(seal_rcpts *r, const char *arg, const char *rcpt_addr,
	const char *rcpt_mailer);

/* Is removing each address of remove (as classified) verifiable? */
int seal_rcpts_removal_verifiable(const seal_rcpts *r, const GPtrArray *remove);

/* "<a@b>" -> "a@b", "<>" -> "", spaces trimmed; NULL -> "". Caller frees. */
char *seal_rcpts_strip(const char *arg);

#endif
