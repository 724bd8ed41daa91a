/*
 * reinject.c - SMTP client that hands a message copy back to the MTA
 * through the loopback reinjection listener (reinject.h).
 *
 * Plain POSIX sockets, non-blocking, with poll() before every read and
 * write so that no step can hang longer than its budget: a silent or
 * stalled listener must turn into a tempfail well inside Postfix's own
 * milter timeouts, never into a stuck milter thread. The address is
 * numeric and loopback only: no DNS at mail time, and the listener
 * bypasses the milter, so it must never be reachable from outside.
 *
 * Error messages may name envelope addresses and the server's reply,
 * never message content. g_strerror, not strerror: this runs in milter
 * threads. Every timeout is SEAL_ERR_IO like the other transient
 * failures (reinject.h: the caller tempfails on any error).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "reinject.h"

/* RFC 5321 allows 512 octets per reply line; be lenient, but bounded. */
#define SEAL_RJ_LINE_MAX 4096
/* A reply with more lines than this is garbage, not an SMTP server. */
#define SEAL_RJ_REPLY_LINES 100
/* Body output is collected into writes of this size. */
#define SEAL_RJ_OUT_SIZE 65536
/* Budget for the courtesy RSET/QUIT after a failure (seconds). */
#define SEAL_RJ_BYE_BUDGET 2

typedef struct seal_rj_conn {
	int fd;
	unsigned timeout_s;
	struct timespec deadline;       /* end of the current step */
	char in[SEAL_RJ_LINE_MAX * 2];  /* received, not yet consumed */
	size_t in_pos, in_len;
	char line[SEAL_RJ_LINE_MAX + 1];/* current reply line, NUL-terminated */
	int code;                       /* last reply's code */
	char text[512];                 /* last reply's first line, sanitised */
	char queued[64];                /* "queued as" ID of the last reply */
	char where[80];                 /* "127.0.0.1:10027", for messages */
	seal_smtp_reply *report;        /* where the refusing reply goes, or NULL */
	unsigned char *out;             /* body output buffer */
	size_t out_len;
} seal_rj_conn;

/* ------------------------------------------------------------- time */

static void
seal_rj_step(seal_rj_conn *c, unsigned seconds)
{
	clock_gettime(CLOCK_MONOTONIC, &c->deadline);
	c->deadline.tv_sec += (time_t)seconds;
}

/* Milliseconds left in the current step (0 when over). */
static int
seal_rj_left_ms(const seal_rj_conn *c)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(c->deadline.tv_sec - now.tv_sec) * 1000 +
		(c->deadline.tv_nsec - now.tv_nsec) / 1000000;
	if (ms <= 0)
		return 0;
	return ms > 3600000 ? 3600000 : (int)ms;
}

/* Waits for events on the socket within the step; 0 ok, -1 timeout/error. */
static int
seal_rj_wait(seal_rj_conn *c, short events, seal_err *err, const char *what)
{
	struct pollfd pfd;
	int left, r;

	for (;;) {
		left = seal_rj_left_ms(c);
		if (left == 0) {
			seal_err_set(err, SEAL_ERR_IO, "reinject to %s: timeout after %u s %s",
				c->where, c->timeout_s, what);
			return -1;
		}
		pfd.fd = c->fd;
		pfd.events = events;
		pfd.revents = 0;
		r = poll(&pfd, 1, left);
		if (r > 0)
			return 0;
		if (r < 0 && errno != EINTR) {
			seal_err_set(err, SEAL_ERR_IO, "reinject to %s: poll: %s",
				c->where, g_strerror(errno));
			return -1;
		}
	}
}

/* ------------------------------------------------------------- connect */

static seal_status
seal_rj_connect(seal_rj_conn *c, const seal_reinject_target *t, seal_err *err)
{
	struct addrinfo hints, *ai = NULL;
	char port[8];
	int soerr = 0, one = 1;
	socklen_t len = sizeof(soerr);

	snprintf(port, sizeof(port), "%u", t->port);
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(t->host, port, &hints, &ai) != 0 || ai == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE,
			"reinject to %s: not a numeric address", c->where);
	c->fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		freeaddrinfo(ai);
		return seal_err_set(err, SEAL_ERR_IO, "reinject to %s: socket: %s",
			c->where, g_strerror(errno));
	}
	/* Commands are small and strictly alternate with replies. */
	(void)setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	seal_rj_step(c, c->timeout_s);
	if (connect(c->fd, ai->ai_addr, ai->ai_addrlen) < 0 && errno != EINPROGRESS) {
		soerr = errno;
		freeaddrinfo(ai);
		return seal_err_set(err, SEAL_ERR_IO, "reinject to %s: connect: %s",
			c->where, g_strerror(soerr));
	}
	freeaddrinfo(ai);
	if (seal_rj_wait(c, POLLOUT, err, "connecting") < 0)
		return SEAL_ERR_IO;
	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
		soerr = errno;
	if (soerr != 0)
		return seal_err_set(err, SEAL_ERR_IO, "reinject to %s: connect: %s",
			c->where, g_strerror(soerr));
	return SEAL_OK;
}

/* ------------------------------------------------------------- write */

/* Writes all of buf within the current step (partial writes, EINTR). */
static seal_status
seal_rj_write(seal_rj_conn *c, const void *buf, size_t len, seal_err *err)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		if (seal_rj_wait(c, POLLOUT, err, "sending") < 0)
			return SEAL_ERR_IO;
		/* MSG_NOSIGNAL: a listener that went away must not raise SIGPIPE. */
		n = send(c->fd, p, len, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
				continue;
			return seal_err_set(err, SEAL_ERR_IO, "reinject to %s: send: %s",
				c->where, g_strerror(errno));
		}
		p += n;
		len -= (size_t)n;
	}
	return SEAL_OK;
}

/* ------------------------------------------------------------- read */

/* Fills the input buffer with at least one more byte; -1 on error/EOF. */
static int
seal_rj_fill(seal_rj_conn *c, seal_err *err)
{
	ssize_t n;

	if (c->in_pos > 0) {
		memmove(c->in, c->in + c->in_pos, c->in_len - c->in_pos);
		c->in_len -= c->in_pos;
		c->in_pos = 0;
	}
	for (;;) {
		if (seal_rj_wait(c, POLLIN, err, "waiting for a reply") < 0)
			return -1;
		n = recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, 0);
		if (n > 0) {
			c->in_len += (size_t)n;
			return 0;
		}
		if (n == 0) {
			seal_err_set(err, SEAL_ERR_IO,
				"reinject to %s: connection closed by the listener", c->where);
			return -1;
		}
		if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
			seal_err_set(err, SEAL_ERR_IO, "reinject to %s: recv: %s",
				c->where, g_strerror(errno));
			return -1;
		}
	}
}

/* Reads one line (without CRLF or LF) into c->line; -1 on error. */
static int
seal_rj_read_line(seal_rj_conn *c, seal_err *err)
{
	char *nl;
	size_t n;

	for (;;) {
		nl = memchr(c->in + c->in_pos, '\n', c->in_len - c->in_pos);
		if (nl != NULL)
			break;
		if (c->in_len - c->in_pos > SEAL_RJ_LINE_MAX) {
			seal_err_set(err, SEAL_ERR_IO,
				"reinject to %s: protocol error: reply line longer than %d bytes",
				c->where, SEAL_RJ_LINE_MAX);
			return -1;
		}
		if (seal_rj_fill(c, err) < 0)
			return -1;
	}
	n = (size_t)(nl - (c->in + c->in_pos));
	if (n > 0 && c->in[c->in_pos + n - 1] == '\r')
		n--;
	if (n > SEAL_RJ_LINE_MAX) {
		seal_err_set(err, SEAL_ERR_IO,
			"reinject to %s: protocol error: reply line longer than %d bytes",
			c->where, SEAL_RJ_LINE_MAX);
		return -1;
	}
	memcpy(c->line, c->in + c->in_pos, n);
	c->line[n] = '\0';
	c->in_pos = (size_t)(nl - c->in) + 1;
	return 0;
}

/* Printable ASCII copy of s, for error messages. */
static void
seal_rj_sanitise(char *dst, size_t size, const char *s)
{
	size_t i = 0;

	for (; *s != '\0' && i + 1 < size; s++)
		dst[i++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
	dst[i] = '\0';
}

/* Remembers the ID after "queued as " in this reply line, if any. */
static void
seal_rj_find_queued(seal_rj_conn *c, const char *line)
{
	const char *p = strstr(line, "queued as ");
	size_t i = 0;

	if (p == NULL)
		return;
	for (p += 10; isalnum((unsigned char)*p) && i + 1 < sizeof(c->queued); p++)
		c->queued[i++] = *p;
	c->queued[i] = '\0';
}

/*
 * Reads one whole reply: lines "DDD-text" ending with "DDD text" or "DDD",
 * the same three digits on every line. Sets c->code; -1 on garbage.
 */
static int
seal_rj_reply(seal_rj_conn *c, seal_err *err)
{
	int lines, code, first = -1;
	const char *l;

	c->queued[0] = '\0';
	for (lines = 1; lines <= SEAL_RJ_REPLY_LINES; lines++) {
		if (seal_rj_read_line(c, err) < 0)
			return -1;
		l = c->line;
		if (!isdigit((unsigned char)l[0]) || !isdigit((unsigned char)l[1]) ||
		    !isdigit((unsigned char)l[2]) || l[0] < '2' || l[0] > '5' ||
		    (l[3] != '\0' && l[3] != ' ' && l[3] != '-'))
			goto garbage;
		code = (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
		if (first < 0) {
			first = code;
			seal_rj_sanitise(c->text, sizeof(c->text), l);
		} else if (code != first)
			goto garbage;
		seal_rj_find_queued(c, l);
		if (l[3] != '-') {
			c->code = code;
			return 0;
		}
	}
	seal_err_set(err, SEAL_ERR_IO,
		"reinject to %s: protocol error: reply longer than %d lines",
		c->where, SEAL_RJ_REPLY_LINES);
	return -1;
garbage:
	seal_err_set(err, SEAL_ERR_IO,
		"reinject to %s: protocol error: malformed reply line", c->where);
	return -1;
}

/* ------------------------------------------------------------- dialogue */

/* Sends a command (text without CRLF) and reads the reply, in one step. */
static int
seal_rj_cmd(seal_rj_conn *c, const char *cmd, seal_err *err)
{
	size_t n = strlen(cmd);

	seal_rj_step(c, c->timeout_s);
	if (seal_rj_write(c, cmd, n, err) != SEAL_OK ||
	    seal_rj_write(c, "\r\n", 2, err) != SEAL_OK)
		return -1;
	return seal_rj_reply(c, err);
}

/*
 * Keeps the reply that ended the dialogue for the caller (reinject.h),
 * before the courtesy RSET/QUIT overwrites it.
 */
static void
seal_rj_note(seal_rj_conn *c, const char *step)
{
	if (c->report == NULL)
		return;
	g_strlcpy(c->report->step, step, sizeof(c->report->step));
	c->report->code = c->code;
	g_strlcpy(c->report->text, c->text, sizeof(c->report->text));
}

/* Error for a well-formed but unwanted reply; names the step. */
static seal_status
seal_rj_refused(seal_rj_conn *c, const char *step, seal_err *err)
{
	seal_rj_note(c, step);
	return seal_err_set(err, SEAL_ERR_IO, "reinject to %s: %s refused (%s): %s",
		c->where, step, c->code >= 500 ? "permanent" : "temporary", c->text);
}

/* Best effort, short budget: leave the listener with nothing pending. */
static void
seal_rj_bye(seal_rj_conn *c, int rset)
{
	seal_err ignored;
	unsigned saved = c->timeout_s;

	c->timeout_s = saved < SEAL_RJ_BYE_BUDGET ? saved : SEAL_RJ_BYE_BUDGET;
	if (!rset || seal_rj_cmd(c, "RSET", &ignored) == 0)
		(void)seal_rj_cmd(c, "QUIT", &ignored);
	c->timeout_s = saved;
}

/* Rejects addresses that could smuggle commands into the dialogue. */
static int
seal_rj_safe_addr(const char *a)
{
	for (; *a != '\0'; a++)
		if ((unsigned char)*a < 0x21 || *a == 0x7f || *a == '<' || *a == '>')
			return 0;
	return 1;
}

static seal_status
seal_rj_hello(seal_rj_conn *c, const char *helo, seal_err *err)
{
	char cmd[300];

	seal_rj_step(c, c->timeout_s);
	if (seal_rj_reply(c, err) < 0)
		return SEAL_ERR_IO;
	if (c->code != 220)
		return seal_rj_refused(c, "greeting", err);
	snprintf(cmd, sizeof(cmd), "EHLO %s", helo);
	if (seal_rj_cmd(c, cmd, err) < 0)
		return SEAL_ERR_IO;
	if (c->code >= 500) {
		/* An SMTP-only listener: plain HELO is enough for what we send. */
		snprintf(cmd, sizeof(cmd), "HELO %s", helo);
		if (seal_rj_cmd(c, cmd, err) < 0)
			return SEAL_ERR_IO;
	}
	if (c->code / 100 != 2)
		return seal_rj_refused(c, "HELO", err);
	return SEAL_OK;
}

/* MAIL and every RCPT; one refused recipient aborts the whole copy. */
static seal_status
seal_rj_envelope(seal_rj_conn *c, const char *sender,
	const char *const *rcpts, size_t nrcpts, seal_err *err)
{
	char cmd[600];
	size_t i;

	snprintf(cmd, sizeof(cmd), "MAIL FROM:<%s>", sender);
	if (seal_rj_cmd(c, cmd, err) < 0)
		return SEAL_ERR_IO;
	if (c->code / 100 != 2) {
		seal_rj_refused(c, "MAIL FROM", err);
		seal_rj_bye(c, 1);
		return SEAL_ERR_IO;
	}
	for (i = 0; i < nrcpts; i++) {
		snprintf(cmd, sizeof(cmd), "RCPT TO:<%s>", rcpts[i]);
		if (seal_rj_cmd(c, cmd, err) < 0)
			return SEAL_ERR_IO;
		if (c->code / 100 != 2) {
			seal_rj_note(c, "RCPT TO");
			seal_err_set(err, SEAL_ERR_IO,
				"reinject to %s: recipient %zu of %zu <%s> refused (%s): %s",
				c->where, i + 1, nrcpts, rcpts[i],
				c->code >= 500 ? "permanent" : "temporary", c->text);
			seal_rj_bye(c, 1);
			return SEAL_ERR_IO;
		}
	}
	return SEAL_OK;
}

static seal_status
seal_rj_out(seal_rj_conn *c, const void *p, size_t n, seal_err *err)
{
	seal_status st;

	if (c->out_len + n > SEAL_RJ_OUT_SIZE) {
		/* Each full buffer gets a fresh budget: big copies are fine, stalls are not. */
		seal_rj_step(c, c->timeout_s);
		st = seal_rj_write(c, c->out, c->out_len, err);
		if (st != SEAL_OK)
			return st;
		c->out_len = 0;
	}
	memcpy(c->out + c->out_len, p, n);
	c->out_len += n;
	return SEAL_OK;
}

/*
 * The message as DATA content: bare LF becomes CRLF, a bare CR is left
 * alone, a line starting with '.' gets another '.', and the content ends
 * with CRLF "." CRLF (adding the last line's CRLF when missing).
 */
static seal_status
seal_rj_body(seal_rj_conn *c, const char *msg, size_t len, seal_err *err)
{
	seal_status st = SEAL_OK;
	int bol = 1;
	size_t i;
	char ch;

	for (i = 0; i < len && st == SEAL_OK; i++) {
		ch = msg[i];
		if (bol && ch == '.')
			st = seal_rj_out(c, ".", 1, err);
		if (st == SEAL_OK && ch == '\n' && (i == 0 || msg[i - 1] != '\r'))
			st = seal_rj_out(c, "\r", 1, err);
		if (st == SEAL_OK)
			st = seal_rj_out(c, &ch, 1, err);
		bol = ch == '\n';
	}
	if (st == SEAL_OK && len > 0 && !bol)
		st = seal_rj_out(c, "\r\n", 2, err);
	if (st == SEAL_OK)
		st = seal_rj_out(c, ".\r\n", 3, err);
	if (st != SEAL_OK)
		return st;
	seal_rj_step(c, c->timeout_s);
	st = seal_rj_write(c, c->out, c->out_len, err);
	c->out_len = 0;
	return st;
}

/* DATA, content, final reply (must be 250), then QUIT. */
static seal_status
seal_rj_data(seal_rj_conn *c, const char *msg, size_t len, seal_err *err)
{
	if (seal_rj_cmd(c, "DATA", err) < 0)
		return SEAL_ERR_IO;
	if (c->code != 354) {
		seal_rj_refused(c, "DATA", err);
		seal_rj_bye(c, 1);
		return SEAL_ERR_IO;
	}
	c->out = malloc(SEAL_RJ_OUT_SIZE);
	if (c->out == NULL)
		return seal_err_set(err, SEAL_ERR_NOMEM, "reinject: out of memory");
	if (seal_rj_body(c, msg, len, err) != SEAL_OK)
		return SEAL_ERR_IO;
	seal_rj_step(c, c->timeout_s);
	if (seal_rj_reply(c, err) < 0)
		return SEAL_ERR_IO;
	if (c->code != 250) {
		seal_rj_refused(c, "end of DATA", err);
		seal_rj_bye(c, 0);
		return SEAL_ERR_IO;
	}
	return SEAL_OK;
}

static seal_status
seal_rj_check_args(const seal_reinject_target *t, const char *helo,
	const char *sender, const char *const *rcpts, size_t nrcpts,
	const char *msg, seal_err *err)
{
	size_t i;

	if (t == NULL || sender == NULL || rcpts == NULL || nrcpts == 0 ||
	    (msg == NULL))
		return seal_err_set(err, SEAL_ERR_USAGE,
			"reinject: target, sender, recipients and message are required");
	if (strlen(helo) > 255 || helo[0] == '\0' || !seal_rj_safe_addr(helo))
		return seal_err_set(err, SEAL_ERR_USAGE, "reinject: bad HELO name");
	/* 512: well above RFC 5321's 256-octet path, below the command buffer. */
	if (strlen(sender) > 512 || !seal_rj_safe_addr(sender))
		return seal_err_set(err, SEAL_ERR_USAGE, "reinject: bad sender address");
	for (i = 0; i < nrcpts; i++)
		if (rcpts[i] == NULL || rcpts[i][0] == '\0' ||
		    strlen(rcpts[i]) > 512 || !seal_rj_safe_addr(rcpts[i]))
			return seal_err_set(err, SEAL_ERR_USAGE,
				"reinject: recipient %zu of %zu is not a usable address",
				i + 1, nrcpts);
	return SEAL_OK;
}

static seal_status
seal_rj_run(const seal_reinject_target *t, const char *helo,
	const char *sender, const char *const *rcpts, size_t nrcpts,
	const char *msg, size_t len, unsigned timeout_s,
	char *queue_id, size_t queue_id_size, seal_smtp_reply *report, seal_err *err)
{
	seal_rj_conn *c;
	seal_status st;

	if (queue_id != NULL && queue_id_size > 0)
		queue_id[0] = '\0';
	if (report != NULL)
		memset(report, 0, sizeof(*report));
	if (helo == NULL || helo[0] == '\0')
		helo = "localhost";
	st = seal_rj_check_args(t, helo, sender, rcpts, nrcpts, msg, err);
	if (st != SEAL_OK)
		return st;
	/* On the heap: the connection carries two line buffers. */
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return seal_err_set(err, SEAL_ERR_NOMEM, "reinject: out of memory");
	c->fd = -1;
	c->report = report;
	c->timeout_s = timeout_s > 0 ? timeout_s : 1;
	snprintf(c->where, sizeof(c->where), strchr(t->host, ':') != NULL ?
		"[%s]:%u" : "%s:%u", t->host, t->port);
	st = seal_rj_connect(c, t, err);
	if (st == SEAL_OK)
		st = seal_rj_hello(c, helo, err);
	if (st == SEAL_OK)
		st = seal_rj_envelope(c, sender, rcpts, nrcpts, err);
	if (st == SEAL_OK)
		st = seal_rj_data(c, msg, len, err);
	if (st == SEAL_OK) {
		if (queue_id != NULL && queue_id_size > strlen(c->queued))
			memcpy(queue_id, c->queued, strlen(c->queued) + 1);
		seal_rj_note(c, "end of DATA");
		if (report != NULL)
			g_strlcpy(report->queue_id, c->queued, sizeof(report->queue_id));
		/* The copy is queued; QUIT's reply changes nothing. */
		seal_rj_bye(c, 0);
	}
	if (c->fd >= 0)
		close(c->fd);
	free(c->out);
	free(c);
	return st;
}

seal_status
seal_reinject_send(const seal_reinject_target *t, const char *helo,
	const char *sender, const char *const *rcpts, size_t nrcpts,
	const char *msg, size_t len, unsigned timeout_s,
	char *queue_id, size_t queue_id_size, seal_err *err)
{
	return seal_rj_run(t, helo, sender, rcpts, nrcpts, msg, len, timeout_s,
	    queue_id, queue_id_size, NULL, err);
}

seal_status
seal_smtp_submit(const seal_reinject_target *t, const char *helo,
	const char *sender, const char *const *rcpts, size_t nrcpts,
	const char *msg, size_t len, unsigned timeout_s, seal_smtp_reply *reply,
	seal_err *err)
{
	return seal_rj_run(t, helo, sender, rcpts, nrcpts, msg, len, timeout_s,
	    NULL, 0, reply, err);
}
