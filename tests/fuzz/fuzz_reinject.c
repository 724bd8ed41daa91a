/*
 * fuzz_reinject.c - the reinjection SMTP client (reinject.h) against a
 * server that answers with arbitrary bytes: a thread listening on
 * 127.0.0.1 sends the input, then ends its side, and reads whatever the
 * client says until it hangs up. Replies are parsed line by line with
 * multi-line support, a length cap and "queued as" extraction; the copy
 * may be accepted only when the input really said 220, 250s, 354 and 250.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

#include "fuzz.h"
#include "reinject.h"

static int listener = -1;
static unsigned port;

typedef struct serve {
	const uint8_t *data;
	size_t size;
} serve;

static gpointer
serve_one(gpointer p)
{
	serve *s = p;
	int fd = accept(listener, NULL, NULL);
	char buf[4096];
	size_t off = 0;

	if (fd < 0)
		return NULL;
	while (off < s->size) {
		ssize_t n = send(fd, s->data + off, s->size - off, MSG_NOSIGNAL);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
	shutdown(fd, SHUT_WR);
	while (recv(fd, buf, sizeof(buf), 0) > 0)
		;
	close(fd);
	return NULL;
}

static int
listen_once(void)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);

	if (listener >= 0)
		return 0;
	listener = socket(AF_INET, SOCK_STREAM, 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (listener < 0 || bind(listener, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(listener, 4) != 0 ||
	    getsockname(listener, (struct sockaddr *)&a, &alen) != 0)
		abort();
	port = ntohs(a.sin_port);
	return 0;
}

/* Did the input hold the four replies an accepted copy needs? */
static int
could_accept(const uint8_t *data, size_t size)
{
	const char *want[] = { "220", "250", "354" };

	for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
		if (memmem(data, size, want[i], 3) == NULL)
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char msg[] = "From: a@kommune.example\nTo: b@kommune.example\n"
	    "Subject: x\n\n.leading dot\nbody\n";
	const char *rcpts[] = { "b@kommune.example", "c@kommune.example" };
	seal_reinject_target t;
	seal_smtp_reply reply;
	serve s = { data, size };
	seal_err err;
	GThread *th;
	seal_status st;

	listen_once();
	memset(&t, 0, sizeof(t));
	strcpy(t.host, "127.0.0.1");
	t.port = port;
	th = g_thread_new("server", serve_one, &s);
	seal_err_clear(&err);
	st = seal_smtp_submit(&t, "fuzz.example", "a@kommune.example", rcpts, 2, msg,
	    sizeof(msg) - 1, 5, &reply, &err);
	g_thread_join(th);
	if (st == SEAL_OK && (!could_accept(data, size) || reply.code != 250))
		__builtin_trap();
	if (st != SEAL_OK && err.msg[0] == '\0')
		__builtin_trap();
	if (memchr(reply.text, '\0', sizeof(reply.text)) == NULL)
		__builtin_trap();
	return 0;
}
