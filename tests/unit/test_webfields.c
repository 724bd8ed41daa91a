/*
 * test_webfields.c - the console's day fields (web/dayrange.c) and the
 * metrics_allow networks (src/util/netaddr.c): what each accepts and
 * refuses, the local day a field names (Europe/Copenhagen, with its
 * summer-time days of 23 and 25 hours), and which clients a network lets
 * in, IPv4 also in its IPv4-mapped IPv6 form.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "dayrange.h"
#include "netaddr.h"

#include "check_main.h"

static void
copenhagen(void)
{
	setenv("TZ", "Europe/Copenhagen", 1);
	tzset();
}

static const struct day_case {
	const char *label, *text;
	int ok;
} day_cases[] = {
	{ "a plain day", "2026-12-07", 1 },
	{ "29 February of a leap year", "2024-02-29", 1 },
	{ "the first day", "1970-01-01", 1 },
	{ "the last day", "9999-12-31", 1 },
	{ "29 February of another year", "2023-02-29", 0 },
	{ "31 April", "2026-04-31", 0 },
	{ "month 13", "2026-13-01", 0 },
	{ "day 0", "2026-01-00", 0 },
	{ "before 1970", "1969-12-31", 0 },
	{ "one-digit month", "2026-1-01", 0 },
	{ "a leading blank", " 2026-01-01", 0 },
	{ "a sign", "+026-01-01", 0 },
	{ "a trailing character", "2026-01-01x", 0 },
	{ "slashes", "2026/01/01", 0 },
	{ "empty", "", 0 },
};

START_TEST(day_forms)
{
	const struct day_case *c = &day_cases[_i];
	int64_t t = 42;
	int got;

	copenhagen();
	got = web_day_parse(c->text, 0, &t) == 0;
	ck_assert_msg(got == c->ok, "%s (\"%s\"): got %s, want %s", c->label, c->text,
	    got ? "a day" : "refused", c->ok ? "a day" : "refused");
	if (!c->ok)
		ck_assert_msg(t == 42, "%s: a refused day changed the result", c->label);
}
END_TEST

START_TEST(day_bounds)
{
	int64_t first, last;

	copenhagen();
	/* 7 December 2026 is winter time, UTC+1: 2026-12-06T23:00:00Z. */
	ck_assert_int_eq(web_day_parse("2026-12-07", 0, &first), 0);
	ck_assert_int_eq(web_day_parse("2026-12-07", 1, &last), 0);
	ck_assert_int_eq(first, 1796598000);
	ck_assert_int_eq(last, first + 86400 - 1);
	/* Summer time starts 29 March 2026 (23 hours), ends 25 October (25 hours). */
	ck_assert_int_eq(web_day_parse("2026-03-29", 0, &first), 0);
	ck_assert_int_eq(web_day_parse("2026-03-29", 1, &last), 0);
	ck_assert_int_eq(last - first + 1, 23 * 3600);
	ck_assert_int_eq(web_day_parse("2026-10-25", 0, &first), 0);
	ck_assert_int_eq(web_day_parse("2026-10-25", 1, &last), 0);
	ck_assert_int_eq(last - first + 1, 25 * 3600);
}
END_TEST

START_TEST(day_ranges)
{
	int64_t from = 1, to = 1;

	copenhagen();
	ck_assert_int_eq(web_day_range("2026-12-01", "2026-12-07", &from, &to), WEB_DAYS_OK);
	ck_assert_int_lt(from, to);
	ck_assert_int_eq(web_day_range("2026-12-07", "2026-12-07", &from, &to), WEB_DAYS_OK);
	ck_assert_int_eq(to - from + 1, 86400);
	ck_assert_int_eq(web_day_range(NULL, "2026-12-07", &from, &to), WEB_DAYS_OK);
	ck_assert_int_eq(from, 0);
	ck_assert_int_eq(web_day_range("2026-12-07", NULL, &from, &to), WEB_DAYS_OK);
	ck_assert_int_eq(to, 0);
	ck_assert_int_eq(web_day_range("2026-12-08", "2026-12-07", &from, &to), WEB_DAYS_REVERSED);
	ck_assert_int_eq(from, 0);
	ck_assert_int_eq(to, 0);
	ck_assert_int_eq(web_day_range("2026-02-30", NULL, &from, &to), WEB_DAYS_BAD);
	ck_assert_int_eq(web_day_range(NULL, "tomorrow", &from, &to), WEB_DAYS_BAD);
}
END_TEST

static const struct net_case {
	const char *label, *net, *client;
	int parses, matches;
} net_cases[] = {
	{ "an IPv4 host", "127.0.0.1", "127.0.0.1", 1, 1 },
	{ "an IPv4 host, another client", "127.0.0.1", "127.0.0.2", 1, 0 },
	{ "an IPv4 network", "10.0.0.0/8", "10.200.3.4", 1, 1 },
	{ "an IPv4 network, outside", "10.0.0.0/8", "11.0.0.1", 1, 0 },
	{ "an IPv4 network, the mapped client", "10.0.0.0/8", "::ffff:10.1.2.3", 1, 1 },
	{ "an odd prefix, inside", "192.0.2.128/25", "192.0.2.200", 1, 1 },
	{ "an odd prefix, outside", "192.0.2.128/25", "192.0.2.100", 1, 0 },
	{ "IPv4 /0: every IPv4 client", "0.0.0.0/0", "203.0.113.9", 1, 1 },
	{ "IPv4 /0: no IPv6 client", "0.0.0.0/0", "2001:db8::1", 1, 0 },
	{ "an IPv6 network", "2001:db8::/32", "2001:db8:1::5", 1, 1 },
	{ "an IPv6 network, outside", "2001:db8::/32", "2001:db9::5", 1, 0 },
	{ "::1", "::1", "::1", 1, 1 },
	{ "IPv6 /128", "2001:db8::1/128", "2001:db8::1", 1, 1 },
	{ "bits that are no number", "10.0.0.0/x", "10.1.1.1", 0, 0 },
	{ "no bits after the slash", "10.0.0.0/", "10.1.1.1", 0, 0 },
	{ "negative bits", "10.0.0.0/-5", "10.1.1.1", 0, 0 },
	{ "a sign", "10.0.0.0/+8", "10.1.1.1", 0, 0 },
	{ "IPv4 over 32 bits", "10.0.0.0/33", "10.1.1.1", 0, 0 },
	{ "IPv6 over 128 bits", "::/129", "::1", 0, 0 },
	{ "four digits of bits", "::/0128", "::1", 0, 0 },
	{ "a host name", "localhost", "127.0.0.1", 0, 0 },
	{ "a zone", "fe80::1%eth0", "fe80::1", 0, 0 },
	{ "a client that is no address", "10.0.0.0/8", "10.1.1", 1, 0 },
};

START_TEST(networks)
{
	const struct net_case *c = &net_cases[_i];
	char *list[] = { (char *)c->net, NULL };
	seal_net n;
	int parses = seal_net_parse(c->net, &n) == 0;
	int matches = seal_net_list_match(list, c->client);

	ck_assert_msg(parses == c->parses, "%s (%s): parses got %d, want %d", c->label, c->net,
	    parses, c->parses);
	ck_assert_msg(matches == c->matches, "%s (%s, client %s): got %d, want %d", c->label,
	    c->net, c->client, matches, c->matches);
}
END_TEST

START_TEST(network_lists)
{
	char *list[] = { "", "garbage", "192.0.2.0/24", "2001:db8::/32", NULL };

	ck_assert_int_eq(seal_net_list_match(list, "192.0.2.7"), 1);
	ck_assert_int_eq(seal_net_list_match(list, "2001:db8::7"), 1);
	ck_assert_int_eq(seal_net_list_match(list, "198.51.100.1"), 0);
	ck_assert_int_eq(seal_net_list_match(NULL, "192.0.2.7"), 0);
	ck_assert_int_eq(seal_net_list_match(list, NULL), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("webfields");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, day_forms, 0, G_N_ELEMENTS(day_cases));
	tcase_add_test(tc, day_bounds);
	tcase_add_test(tc, day_ranges);
	tcase_add_loop_test(tc, networks, 0, G_N_ELEMENTS(net_cases));
	tcase_add_test(tc, network_lists);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
