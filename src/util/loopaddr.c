/*
 * loopaddr.c - parses the loopback address of the reinjection listener
 * (loopaddr.h). Loopback only, because the listener bypasses the milter
 * and must never be reachable from outside.
 */
#include <ctype.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "loopaddr.h"

static int
seal_rj_is_loopback(const struct addrinfo *ai)
{
	if (ai->ai_family == AF_INET) {
		const struct sockaddr_in *s = (const void *)ai->ai_addr;
		return (ntohl(s->sin_addr.s_addr) >> 24) == 127;
	}
	if (ai->ai_family == AF_INET6) {
		const struct sockaddr_in6 *s = (const void *)ai->ai_addr;
		const unsigned char *b = s->sin6_addr.s6_addr;
		static const unsigned char v4mapped[12] =
			{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

		if (IN6_IS_ADDR_LOOPBACK(&s->sin6_addr))
			return 1;
		return memcmp(b, v4mapped, 12) == 0 && b[12] == 127;
	}
	return 0;
}

/* Strict decimal port 1..65535; returns 0 when invalid. */
static unsigned
seal_rj_port(const char *s)
{
	unsigned long v = 0;

	if (*s == '\0' || strlen(s) > 5)
		return 0;
	for (; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s))
			return 0;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	return v >= 1 && v <= 65535 ? (unsigned)v : 0;
}

/* Splits spec into host and port text; 0 on a malformed spec. */
static int
seal_rj_split(const char *spec, char *host, size_t hsize, const char **port)
{
	const char *colon, *end;
	size_t n;

	if (spec[0] == '[') {
		end = strchr(spec, ']');
		if (end == NULL || end[1] != ':')
			return 0;
		n = (size_t)(end - spec - 1);
		*port = end + 2;
		spec++;
	} else {
		colon = strrchr(spec, ':');
		if (colon == NULL || memchr(spec, ':', (size_t)(colon - spec)) != NULL)
			return 0;   /* IPv6 must be bracketed */
		n = (size_t)(colon - spec);
		*port = colon + 1;
	}
	if (n == 0 || n >= hsize)
		return 0;
	memcpy(host, spec, n);
	host[n] = '\0';
	return 1;
}

seal_status
seal_reinject_parse(const char *spec, seal_reinject_target *t, seal_err *err)
{
	struct addrinfo hints, *ai = NULL;
	char host[sizeof(t->host)];
	const char *port;
	unsigned p;
	int loop;

	if (spec == NULL || t == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "reinject_to: no value");
	if (!seal_rj_split(spec, host, sizeof(host), &port))
		return seal_err_set(err, SEAL_ERR_CONFIG,
			"reinject_to: expected ADDRESS:PORT or [IPV6]:PORT");
	if ((p = seal_rj_port(port)) == 0)
		return seal_err_set(err, SEAL_ERR_CONFIG,
			"reinject_to: port must be 1..65535");
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &ai) != 0 || ai == NULL)
		return seal_err_set(err, SEAL_ERR_CONFIG,
			"reinject_to: address must be numeric (no DNS at mail time)");
	loop = seal_rj_is_loopback(ai);
	freeaddrinfo(ai);
	if (!loop)
		return seal_err_set(err, SEAL_ERR_CONFIG,
			"reinject_to must be a loopback address: the listener bypasses the milter");
	memset(t, 0, sizeof(*t));
	memcpy(t->host, host, strlen(host) + 1);
	t->port = p;
	return SEAL_OK;
}

