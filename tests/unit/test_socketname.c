/*
 * test_socketname.c - does a Postfix milter list name sealmilter's
 * socket: inet ports, unix paths relative to a chroot, per-milter
 * blocks with settings, look-alikes that must not match.
 */
#include <glib.h>

#include "check_main.h"
#include "socketname.h"

static const struct named_case {
	const char *entry;
	const char *socket;
	int want;
} named_cases[] = {
	{ "inet:127.0.0.1:8891", "inet:8891@127.0.0.1", 1 },
	{ "inet:localhost:8891", "inet:8891@localhost", 1 },
	{ "inet:[::1]:8891", "inet6:8891@[::1]", 1 },
	{ "inet:127.0.0.1:8892", "inet:8891@127.0.0.1", 0 },
	{ "inet:127.0.0.1:88910", "inet:8891@127.0.0.1", 0 },
	{ "inet:127.0.0.1:8891", "inet:8891", 1 },
	{ "unix:/run/sealmilter/sealmilter.sock", "unix:/run/sealmilter/sealmilter.sock", 1 },
	/* Postfix chrooted in its queue directory names the socket relative to it. */
	{ "unix:sealmilter/sealmilter.sock", "local:/var/spool/postfix/sealmilter/sealmilter.sock", 1 },
	{ "/var/spool/postfix/sealmilter/sealmilter.sock", "/var/spool/postfix/sealmilter/sealmilter.sock", 1 },
	{ "unix:/run/opendkim/opendkim.sock", "unix:/run/sealmilter/sealmilter.sock", 0 },
	{ "unix:/run/sealmilter/sealmilter.sock.old", "unix:/run/sealmilter/sealmilter.sock", 0 },
	{ "inet:127.0.0.1:8891", "unix:/run/sealmilter/sealmilter.sock", 0 },
	{ "", "unix:/run/sealmilter/sealmilter.sock", 0 },
	{ "unix:/run/x/", "unix:/run/y/", 0 },
	{ NULL, "inet:8891@127.0.0.1", 0 },
	{ "inet:127.0.0.1:8891", NULL, 0 },
};

START_TEST(test_named)
{
	const struct named_case *c = &named_cases[_i];

	ck_assert_msg(seal_socket_named(c->entry, c->socket) == c->want,
	    "entry \"%s\" socket \"%s\": got %d, want %d", c->entry ? c->entry : "(null)",
	    c->socket ? c->socket : "(null)", !c->want, c->want);
}
END_TEST

START_TEST(test_split_blocks)
{
	char **m = seal_milter_list_split(
	    " inet:127.0.0.1:8891,{ unix:/run/sealmilter/sealmilter.sock, default_action=tempfail,"
	    " command_timeout=30s }\n\tinet:localhost:12301 ");

	ck_assert_uint_eq(g_strv_length(m), 3);
	ck_assert_str_eq(m[0], "inet:127.0.0.1:8891");
	ck_assert_str_eq(m[1], "unix:/run/sealmilter/sealmilter.sock");
	ck_assert_str_eq(m[2], "inet:localhost:12301");
	g_strfreev(m);
	m = seal_milter_list_split(NULL);
	ck_assert_uint_eq(g_strv_length(m), 0);
	g_strfreev(m);
}
END_TEST

START_TEST(test_in_list)
{
	const char *sock = "unix:/var/spool/postfix/sealmilter/sealmilter.sock";

	ck_assert(seal_socket_in_list("inet:127.0.0.1:8891, unix:sealmilter/sealmilter.sock", sock));
	ck_assert(seal_socket_in_list("{ unix:sealmilter/sealmilter.sock, default_action=tempfail }",
	    sock));
	ck_assert(!seal_socket_in_list("inet:127.0.0.1:8891 unix:opendkim/opendkim.sock", sock));
	/* A setting's value that looks like our name is not a milter. */
	ck_assert(!seal_socket_in_list("{ inet:h:1, x=sealmilter.sock }", sock));
	ck_assert(!seal_socket_in_list("", sock));
	ck_assert(!seal_socket_in_list(NULL, sock));
}
END_TEST

static Suite *
socketname_suite(void)
{
	Suite *s = suite_create("socketname");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_named, 0, G_N_ELEMENTS(named_cases));
	tcase_add_test(tc, test_split_blocks);
	tcase_add_test(tc, test_in_list);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return seal_check_run(socketname_suite());
}
