/*
 * netaddr.h - numeric IP addresses and networks (ADDRESS or ADDRESS/BITS),
 * as metrics_allow names them: one parser for the configuration check and
 * for the console that matches a client against them.
 *
 * Addresses are compared as 16 bytes, an IPv4 address as its IPv4-mapped
 * IPv6 form (::ffff:a.b.c.d), so that "127.0.0.0/8" also covers a client
 * a dual-stack socket reports as ::ffff:127.0.0.1. Pure functions, thread
 * safe; no host names are ever looked up.
 */
#ifndef SEAL_NETADDR_H
#define SEAL_NETADDR_H

typedef struct seal_net {
	unsigned char addr[16];   /* the network's address, IPv4 mapped */
	unsigned bits;            /* prefix length over the 16 bytes: 96 + n for IPv4 /n */
} seal_net;

/* addr ("192.0.2.1", "2001:db8::1") as 16 bytes; 0, or -1 when not a numeric address. */
int seal_addr16(const char *addr, unsigned char out[16]);

/*
 * "ADDRESS" or "ADDRESS/BITS" (BITS decimal digits only, at most 32 for
 * IPv4 and 128 for IPv6; a lone address is the one host). 0, or -1 with
 * *out unset for anything else.
 */
int seal_net_parse(const char *text, seal_net *out);

/* 1 when addr (16 bytes, seal_addr16) is in net, else 0. */
int seal_net_contains(const seal_net *net, const unsigned char addr[16]);

/*
 * 1 when the numeric address addr is in one of the networks of list (a
 * NULL-terminated array of seal_net_parse texts; empty entries and
 * entries that do not parse never match), else 0. NULL list: 0.
 */
int seal_net_list_match(char *const *list, const char *addr);

#endif
