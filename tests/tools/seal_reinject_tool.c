/*
 * seal_reinject_tool.c - command-line front end to the reinjection client
 * (src/deliver/reinject.h), used by tests/t-reinject.sh.
 *
 *   seal_reinject_tool [-t SECONDS] [-H HELO] TARGET SENDER RCPT... < message
 *       sends stdin; prints "queued as ID" (or "queued") or the error;
 *       exit 0 when accepted, 1 otherwise, 2 on usage errors.
 *   seal_reinject_tool --parse SPEC
 *       prints "ok HOST PORT" or "error STATUS: message".
 *   seal_reinject_tool --test-listener PORT MODE
 *       a misbehaving SMTP server on 127.0.0.1:PORT, so the test needs no
 *       extra packages (no socat, netcat or python). Commands received are
 *       printed one per line (verb only) on stdout. MODE:
 *         silent        accepts connections, never says a word
 *         reply421      greets with 421 and hangs up
 *         reply550-rcpt accepts all but the second RCPT (550)
 *         garbage       greets with a line that is not an SMTP reply
 *         mixed-codes   EHLO reply whose lines carry different codes
 *         longline      greeting line longer than 4 KiB
 *         helo-only     EHLO gets 502; HELO works; queues as TESTQ1
 *         reject-data   everything accepted until the end of DATA: 554
 *         capture:FILE  accepts everything; DATA content goes to FILE
 *                       exactly as on the wire (CRLF, dot-stuffed, final ".")
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "reinject.h"

#define TOOL_MAX_INPUT (64UL * 1024 * 1024)
#define TOOL_SILENT_FDS 256

/* No SIGPIPE handler on purpose: the library must not need one (MSG_NOSIGNAL). */

static int
usage(void)
{
	fprintf(stderr,
		"usage: seal_reinject_tool [-t SECONDS] [-H HELO] TARGET SENDER RCPT... < message\n"
		"       seal_reinject_tool --parse SPEC\n"
		"       seal_reinject_tool --test-listener PORT MODE\n");
	return 2;
}

/* Whole stdin into a malloc'd buffer; NULL on error or over the cap. */
static char *
read_all(FILE *f, size_t *len)
{
	size_t cap = 65536, n = 0, r;
	char *buf = malloc(cap), *nb;

	while (buf != NULL && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			if (cap >= TOOL_MAX_INPUT) {
				free(buf);
				return NULL;
			}
			nb = realloc(buf, cap * 2);
			if (nb == NULL)
				free(buf);
			buf = nb;
			cap *= 2;
		}
	}
	if (buf != NULL && ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static int
do_parse(const char *spec)
{
	seal_reinject_target t;
	seal_err err;
	seal_status st;

	seal_err_clear(&err);
	st = seal_reinject_parse(spec, &t, &err);
	if (st != SEAL_OK) {
		printf("error %s: %s\n", seal_status_name(st), err.msg);
		return 1;
	}
	printf("ok %s %u\n", t.host, t.port);
	return 0;
}

static int
do_send(int argc, char **argv, unsigned timeout_s, const char *helo)
{
	seal_reinject_target t;
	seal_err err;
	seal_status st;
	char qid[64], *msg;
	size_t len = 0;

	seal_err_clear(&err);
	if (seal_reinject_parse(argv[0], &t, &err) != SEAL_OK) {
		printf("error: %s\n", err.msg);
		return 1;
	}
	if ((msg = read_all(stdin, &len)) == NULL) {
		printf("error: cannot read the message from stdin\n");
		return 1;
	}
	st = seal_reinject_send(&t, helo, argv[1], (const char *const *)argv + 2,
		(size_t)(argc - 2), msg, len, timeout_s, qid, sizeof(qid), &err);
	free(msg);
	if (st != SEAL_OK) {
		printf("error %s: %s\n", seal_status_name(st), err.msg);
		return 1;
	}
	if (qid[0] != '\0')
		printf("queued as %s\n", qid);
	else
		printf("queued\n");
	return 0;
}

/* ------------------------------------------------------------- listener */

static void
say(int fd, const char *s)
{
	size_t len = strlen(s);
	ssize_t n;

	while (len > 0) {
		n = send(fd, s, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* One line from the client into buf (CRLF stripped); -1 at EOF. */
static int
hear(FILE *in, char *buf, size_t size)
{
	size_t n;

	if (fgets(buf, (int)size, in) == NULL)
		return -1;
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return 0;
}

static void
log_verb(const char *line)
{
	printf("%.4s\n", line);
	fflush(stdout);
}

/*
 * Consumes DATA content up to the lone "." line; -1 at EOF. With a
 * capture:FILE mode the raw bytes (fgets keeps CR and LF) go to FILE.
 */
static int
skip_data(FILE *in, const char *mode)
{
	char buf[8192];
	FILE *cap = NULL;
	int rc = -1, bol = 1;

	if (strncmp(mode, "capture:", 8) == 0 && (cap = fopen(mode + 8, "wb")) == NULL)
		return -1;
	while (fgets(buf, sizeof(buf), in) != NULL) {
		if (cap != NULL)
			fputs(buf, cap);
		if (bol && strcmp(buf, ".\r\n") == 0) {
			rc = 0;
			break;
		}
		/* A line longer than buf arrives in pieces; only a whole line ends DATA. */
		bol = buf[0] != '\0' && buf[strlen(buf) - 1] == '\n';
	}
	if (cap != NULL)
		fclose(cap);
	return rc;
}

/* The scripted dialogue for the talking modes. */
static void
converse(int fd, const char *mode)
{
	FILE *in = fdopen(dup(fd), "r");
	char line[8192];
	int rcpt = 0;

	if (in == NULL)
		return;
	say(fd, "220 test-listener ESMTP\r\n");
	while (hear(in, line, sizeof(line)) == 0) {
		log_verb(line);
		if (strncasecmp(line, "EHLO", 4) == 0) {
			if (strcmp(mode, "helo-only") == 0)
				say(fd, "502 5.5.2 Error: command not recognized\r\n");
			else if (strcmp(mode, "mixed-codes") == 0)
				say(fd, "250-test-listener\r\n251-PIPELINING\r\n250 8BITMIME\r\n");
			else
				say(fd, "250-test-listener\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
		} else if (strncasecmp(line, "RCPT", 4) == 0) {
			rcpt++;
			if (rcpt == 2 && strcmp(mode, "reply550-rcpt") == 0)
				say(fd, "550 5.1.1 <x>: Recipient address rejected\r\n");
			else
				say(fd, "250 2.1.5 Ok\r\n");
		} else if (strncasecmp(line, "DATA", 4) == 0) {
			say(fd, "354 End data with <CR><LF>.<CR><LF>\r\n");
			if (skip_data(in, mode) < 0)
				break;
			if (strcmp(mode, "reject-data") == 0)
				say(fd, "554 5.7.1 content rejected\r\n");
			else
				say(fd, "250 2.0.0 Ok: queued as TESTQ1\r\n");
		} else if (strncasecmp(line, "QUIT", 4) == 0) {
			say(fd, "221 2.0.0 Bye\r\n");
			break;
		} else {
			say(fd, "250 2.0.0 Ok\r\n");
		}
	}
	fclose(in);
}

static void
serve(int fd, const char *mode, int *held, size_t *nheld)
{
	char big[6000];

	if (strcmp(mode, "silent") == 0) {
		/* Keep it open and say nothing; recycle slots if there are many. */
		if (*nheld == TOOL_SILENT_FDS) {
			close(held[0]);
			memmove(held, held + 1, sizeof(int) * (TOOL_SILENT_FDS - 1));
			(*nheld)--;
		}
		held[(*nheld)++] = fd;
		return;
	}
	if (strcmp(mode, "reply421") == 0)
		say(fd, "421 4.3.2 test-listener busy, try later\r\n");
	else if (strcmp(mode, "garbage") == 0)
		say(fd, "hello there, I am not an SMTP server\r\n");
	else if (strcmp(mode, "longline") == 0) {
		memset(big, 'x', sizeof(big));
		memcpy(big, "220 ", 4);
		memcpy(big + sizeof(big) - 3, "\r\n", 3);
		say(fd, big);
	} else
		converse(fd, mode);
	close(fd);
}

static int
do_listener(const char *port_s, const char *mode)
{
	static int held[TOOL_SILENT_FDS];
	size_t nheld = 0;
	struct sockaddr_in sa;
	int s, fd, one = 1;
	long port = strtol(port_s, NULL, 10);

	if (port < 1 || port > 65535)
		return usage();
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		return 1;
	(void)setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(s, 16) < 0) {
		perror("test-listener");
		return 1;
	}
	for (;;) {
		fd = accept(s, NULL, NULL);
		if (fd < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		serve(fd, mode, held, &nheld);
	}
}

int
main(int argc, char **argv)
{
	unsigned timeout_s = 30;
	const char *helo = "reinject-test.example";
	int i = 1;

	if (argc == 3 && strcmp(argv[1], "--parse") == 0)
		return do_parse(argv[2]);
	if (argc == 4 && strcmp(argv[1], "--test-listener") == 0)
		return do_listener(argv[2], argv[3]);
	while (i + 1 < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		if (strcmp(argv[i], "-t") == 0)
			timeout_s = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "-H") == 0)
			helo = argv[i + 1];
		else
			return usage();
		i += 2;
	}
	if (argc - i < 3)
		return usage();
	return do_send(argc - i, argv + i, timeout_s, helo);
}
