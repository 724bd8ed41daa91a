/*
 * nullmilter: a do-nothing libmilter filter, the baseline for the MTA
 * benchmarks in contrib/bench/bench_mta.sh.
 *
 * Usage: nullmilter [-full] SOCKET
 *   SOCKET is libmilter's spelling: unix:/path or inet:PORT@127.0.0.1.
 *
 * Default mode negotiates away every protocol step and reply it can
 * (SMFIP_NO* and SMFIP_NR_*), so the MTA only talks to it at end of
 * message: the cheapest a milter can be.  With -full it takes every step
 * and answers each one (no negotiation away), which costs the same round
 * trips per message as sealmilter, so the difference between sealmilter
 * and "nullmilter -full" is sealmilter's own work.
 *
 * It runs in the foreground; libmilter stops it on SIGTERM/SIGHUP.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <libmilter/mfapi.h>

/* Steps the default mode asks the MTA to skip, and replies it waives. */
#define NULL_SKIP_STEPS	(SMFIP_NOCONNECT | SMFIP_NOHELO | SMFIP_NOMAIL | \
			 SMFIP_NORCPT | SMFIP_NOHDRS | SMFIP_NOEOH | \
			 SMFIP_NOBODY | SMFIP_NOUNKNOWN | SMFIP_NODATA)
#define NULL_NO_REPLIES	(SMFIP_NR_CONN | SMFIP_NR_HELO | SMFIP_NR_MAIL | \
			 SMFIP_NR_RCPT | SMFIP_NR_DATA | SMFIP_NR_UNKN | \
			 SMFIP_NR_EOH | SMFIP_NR_BODY | SMFIP_NR_HDR)

/* Set once in main before smfi_main; read-only in the callbacks. */
static bool null_full;

static sfsistat
null_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
    unsigned long f2, unsigned long f3, unsigned long *pf0,
    unsigned long *pf1, unsigned long *pf2, unsigned long *pf3)
{
	(void) ctx;
	(void) f0;
	(void) f2;
	(void) f3;

	/* No modifications are ever made, so ask for no actions. */
	*pf0 = 0;
	*pf2 = 0;
	*pf3 = 0;
	if (null_full)
		*pf1 = 0;
	else
		*pf1 = f1 & (NULL_SKIP_STEPS | NULL_NO_REPLIES);
	return SMFIS_CONTINUE;
}

/*
 * The step callbacks of -full mode: each answers continue, so the MTA
 * waits for one reply per step as it does with sealmilter.
 */
static sfsistat
null_connect(SMFICTX *ctx, char *host, _SOCK_ADDR *addr)
{
	(void) ctx;
	(void) host;
	(void) addr;
	return SMFIS_CONTINUE;
}

static sfsistat
null_helo(SMFICTX *ctx, char *helo)
{
	(void) ctx;
	(void) helo;
	return SMFIS_CONTINUE;
}

static sfsistat
null_envelope(SMFICTX *ctx, char **argv)
{
	(void) ctx;
	(void) argv;
	return SMFIS_CONTINUE;
}

static sfsistat
null_header(SMFICTX *ctx, char *name, char *value)
{
	(void) ctx;
	(void) name;
	(void) value;
	return SMFIS_CONTINUE;
}

static sfsistat
null_ctx_only(SMFICTX *ctx)
{
	(void) ctx;
	return SMFIS_CONTINUE;
}

static sfsistat
null_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	(void) ctx;
	(void) chunk;
	(void) len;
	return SMFIS_CONTINUE;
}

static sfsistat
null_unknown(SMFICTX *ctx, const char *cmd)
{
	(void) ctx;
	(void) cmd;
	return SMFIS_CONTINUE;
}

static sfsistat
null_eom(SMFICTX *ctx)
{
	(void) ctx;
	return SMFIS_ACCEPT;
}

/*
 * Find libmilter's listening socket and set TCP_NODELAY on it; Linux
 * copies the option to every accepted socket.  Without it, Nagle plus
 * delayed ACK can add up to 40 ms to a small reply on loopback, which
 * would measure the kernel rather than the filter.  libmilter does not
 * hand out the descriptor, so scan the open ones for an inet listener.
 */
static int
null_nodelay_listener(void)
{
	struct rlimit rl;
	int fd;
	int maxfd = 1024;
	int found = 0;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur < 65536)
		maxfd = (int) rl.rlim_cur;
	for (fd = 0; fd < maxfd; fd++) {
		struct sockaddr_storage ss;
		socklen_t sslen = sizeof ss;
		int acc = 0;
		socklen_t acclen = sizeof acc;
		int one = 1;

		if (getsockname(fd, (struct sockaddr *) &ss, &sslen) != 0)
			continue;
		if (ss.ss_family != AF_INET && ss.ss_family != AF_INET6)
			continue;
		if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acc,
		    &acclen) != 0 || acc == 0)
			continue;
		if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof one) != 0) {
			fprintf(stderr, "nullmilter: TCP_NODELAY: %s\n",
			    strerror(errno));
			return -1;
		}
		found++;
	}
	return found;
}

static void
null_usage(void)
{
	fprintf(stderr, "usage: nullmilter [-full] unix:/path | inet:PORT@HOST\n");
}

int
main(int argc, char **argv)
{
	struct smfiDesc desc;
	const char *sock;

	if (argc == 3 && strcmp(argv[1], "-full") == 0) {
		null_full = true;
		sock = argv[2];
	} else if (argc == 2 && argv[1][0] != '-') {
		sock = argv[1];
	} else {
		null_usage();
		return 64;
	}

	memset(&desc, 0, sizeof desc);
	desc.xxfi_name = null_full ? "nullmilter-full" : "nullmilter";
	desc.xxfi_version = SMFI_VERSION;
	desc.xxfi_flags = SMFIF_NONE;
	desc.xxfi_eom = null_eom;
	desc.xxfi_negotiate = null_negotiate;
	if (null_full) {
		desc.xxfi_connect = null_connect;
		desc.xxfi_helo = null_helo;
		desc.xxfi_envfrom = null_envelope;
		desc.xxfi_envrcpt = null_envelope;
		desc.xxfi_header = null_header;
		desc.xxfi_eoh = null_ctx_only;
		desc.xxfi_body = null_body;
		desc.xxfi_abort = null_ctx_only;
		desc.xxfi_close = null_ctx_only;
		desc.xxfi_unknown = null_unknown;
		desc.xxfi_data = null_ctx_only;
	}

	/* libmilter's prototypes predate const. */
	if (smfi_setconn((char *) sock) != MI_SUCCESS ||
	    smfi_register(desc) != MI_SUCCESS) {
		fprintf(stderr, "nullmilter: cannot set up %s\n", sock);
		return 70;
	}
	if (smfi_opensocket(true) != MI_SUCCESS) {
		fprintf(stderr, "nullmilter: cannot open %s\n", sock);
		return 71;
	}
	if (strncmp(sock, "inet", 4) == 0 && null_nodelay_listener() <= 0) {
		fprintf(stderr, "nullmilter: no inet listener for TCP_NODELAY\n");
		return 71;
	}
	return smfi_main() == MI_SUCCESS ? 0 : 70;
}
