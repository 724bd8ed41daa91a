/*
 * netaddr.c - numeric addresses and networks (netaddr.h).
 *
 * Parsed strictly: a network's bits are digits alone, in range for its
 * family. (A lenient strtol would read "10.0.0.0/x" as /0 and let every
 * IPv4 client in.)
 */
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "netaddr.h"

int
seal_addr16(const char *addr, unsigned char out[16])
{
	unsigned char v4[4];

	if (addr == NULL)
		return -1;
	if (inet_pton(AF_INET6, addr, out) == 1)
		return 0;
	if (inet_pton(AF_INET, addr, v4) != 1)
		return -1;
	memset(out, 0, 10);
	out[10] = out[11] = 0xff;
	memcpy(out + 12, v4, 4);
	return 0;
}

int
seal_net_parse(const char *text, seal_net *out)
{
	/* The longest numeric IPv6 text (with an IPv4 tail) is 45 bytes. */
	char host[48];
	const char *slash, *p;
	size_t hlen;
	unsigned bits = 0, max;
	int v6;

	if (text == NULL)
		return -1;
	slash = strchr(text, '/');
	hlen = slash != NULL ? (size_t)(slash - text) : strlen(text);
	if (hlen == 0 || hlen >= sizeof(host))
		return -1;
	memcpy(host, text, hlen);
	host[hlen] = '\0';
	v6 = strchr(host, ':') != NULL;
	max = v6 ? 128 : 32;
	if (slash != NULL) {
		/* One to three digits, no sign or blank, in range. */
		for (p = slash + 1; *p >= '0' && *p <= '9' && p - slash <= 3; p++)
			bits = bits * 10 + (unsigned)(*p - '0');
		if (p == slash + 1 || *p != '\0' || bits > max)
			return -1;
	} else {
		bits = max;
	}
	if (seal_addr16(host, out->addr) != 0)
		return -1;
	out->bits = v6 ? bits : bits + 96;
	return 0;
}

int
seal_net_contains(const seal_net *net, const unsigned char addr[16])
{
	unsigned whole = net->bits / 8, rest = net->bits % 8;

	if (net->bits > 128)
		return 0;
	if (memcmp(net->addr, addr, whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	return ((net->addr[whole] ^ addr[whole]) & (unsigned char)(0xff00u >> rest)) == 0;
}

int
seal_net_list_match(char *const *list, const char *addr)
{
	unsigned char a[16];
	seal_net n;

	if (list == NULL || seal_addr16(addr, a) != 0)
		return 0;
	for (; *list != NULL; list++)
		if (seal_net_parse(*list, &n) == 0 && seal_net_contains(&n, a))
			return 1;
	return 0;
}
