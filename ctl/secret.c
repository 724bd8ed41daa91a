/*
 * secret.c - reading identity numbers that must not be in argv.
 *
 * A number on the command line is in shell history, in sudo's log and in
 * /proc/PID/cmdline for every local user to read, so `audit search --id`
 * reads it here: from a prompt with echo off when standard input is a
 * terminal, otherwise one number per line from standard input. The caller
 * wipes and frees what it gets (ctl_secrets_free).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ctl.h"

/* More than this many numbers in one search is a mistake, not a query. */
#define CTL_SECRETS_MAX 1000
/* A line longer than this is no identity number (the caller says so). */
#define CTL_SECRET_LINE 256

static void
wipe_free(char *s)
{
	if (s != NULL) {
		memset(s, 0, strlen(s));
		g_free(s);
	}
}

void
ctl_secrets_free(GPtrArray *v)
{
	if (v == NULL)
		return;
	for (guint i = 0; i < v->len; i++)
		wipe_free(g_ptr_array_index(v, i));
	g_ptr_array_free(v, TRUE);
}

/* Drops the line end and surrounding blanks in place; "" for a blank line. */
static char *
trim_line(char *line)
{
	size_t n = strlen(line);

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
	    line[n - 1] == '\t'))
		line[--n] = '\0';
	while (*line == ' ' || *line == '\t')
		line++;
	return line;
}

/* One line from the terminal with echo off; the echo is restored whatever happens. */
static int
read_tty(const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	int ok, have_term = tcgetattr(STDIN_FILENO, &old) == 0;

	fprintf(stderr, "%s", prompt);
	fflush(stderr);
	if (have_term) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
			have_term = 0;
	}
	ok = fgets(buf, (int)size, stdin) != NULL;
	if (have_term)
		(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return ok;
}

GPtrArray *
ctl_secrets_read(const char *what, int *rc)
{
	GPtrArray *v = g_ptr_array_new();
	char buf[CTL_SECRET_LINE + 2];

	*rc = 0;
	if (isatty(STDIN_FILENO)) {
		char prompt[128];

		g_snprintf(prompt, sizeof(prompt), "%s (not shown): ", what);
		if (read_tty(prompt, buf, sizeof(buf)) && trim_line(buf)[0] != '\0')
			g_ptr_array_add(v, g_strdup(trim_line(buf)));
	} else {
		while (fgets(buf, sizeof(buf), stdin) != NULL) {
			char *line = trim_line(buf);

			if (strlen(buf) > CTL_SECRET_LINE) {
				ctl_error("%s: a line of standard input is longer than %d bytes",
				    what, CTL_SECRET_LINE);
				*rc = EX_DATAERR;
				break;
			}
			if (line[0] == '\0' || line[0] == '#')
				continue;
			if (v->len == CTL_SECRETS_MAX) {
				ctl_error("%s: more than %d lines on standard input", what,
				    CTL_SECRETS_MAX);
				*rc = EX_DATAERR;
				break;
			}
			g_ptr_array_add(v, g_strdup(line));
		}
		if (*rc == 0 && ferror(stdin)) {
			ctl_error("%s: cannot read standard input: %s", what, g_strerror(errno));
			*rc = EX_IOERR;
		}
	}
	memset(buf, 0, sizeof(buf));
	if (*rc == 0 && v->len == 0) {
		ctl_error("%s: nothing was given (type it at the prompt, or one per line on "
		    "standard input)", what);
		*rc = EX_DATAERR;
	}
	if (*rc != 0) {
		ctl_secrets_free(v);
		return NULL;
	}
	return v;
}
