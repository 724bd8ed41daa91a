/*
 * socketname.h - does an MTA's milter list name sealmilter's socket?
 *
 * The milter's start-up check (milter/postfix_check.c) and `sealctl
 * selftest` (ctl/selftest_pf.c) both read Postfix's smtpd_milters and
 * non_smtpd_milters and must agree on what "names our socket" means, so
 * the comparison lives here once.
 */
#ifndef SEAL_SOCKETNAME_H
#define SEAL_SOCKETNAME_H

/*
 * 1 when one milter entry (as Postfix writes it: "inet:HOST:PORT",
 * "unix:PATH", a bare path, or "{ inet:... , ... }" parts already split
 * off) names socket (as libmilter writes it: "inet:PORT@HOST",
 * "unix:PATH", "local:PATH"). A unix socket is compared by the last
 * component of its path, because Postfix names it relative to its queue
 * directory when chrooted; an inet socket by its port. NULL -> 0.
 */
int seal_socket_named(const char *entry, const char *socket);

/*
 * The milters of a Postfix list value, in order: entries are separated
 * by white space or commas; a per-milter block "{ inet:h:p,
 * default_action=accept }" gives its milter and not its braces or
 * name=value settings. NULL-terminated; free with g_strfreev. list NULL
 * -> an empty vector.
 */
char **seal_milter_list_split(const char *list);

/* 1 when any milter of a Postfix list value names socket. */
int seal_socket_in_list(const char *list, const char *socket);

#endif
