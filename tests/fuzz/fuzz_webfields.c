/*
 * fuzz_webfields.c - the console's request fields not decoded by the form
 * reader: the audit search's days (web/dayrange.c: "from day" and "to
 * day", YYYY-MM-DD) and the /metrics address check (src/util/netaddr.c:
 * the metrics_allow value, ADDRESS or ADDRESS/BITS, matched against a
 * client address), on arbitrary bytes.
 *
 * Input: lines "SINCE\nUNTIL\nMETRICS_ALLOW\nCLIENT". Properties besides
 * no crash: a day read is the day written (formatted back it is the same
 * text) and lasts 23 to 25 hours; a range is never reversed; a network
 * read has at most 128 bits and contains its own address; a list
 * matches a client exactly when one of its entries does; an address
 * always matches itself as a lone host. Time zone Europe/Copenhagen, so
 * that summer time changes are met.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "dayrange.h"
#include "netaddr.h"
#include "fuzz.h"

static void
check_day(const char *text)
{
	int64_t first, last;
	char again[16];
	struct tm tm;
	time_t t;

	if (web_day_parse(text, 0, &first) != 0) {
		if (web_day_parse(text, 1, &last) == 0)
			abort();          /* the end of a day that has no start */
		return;
	}
	if (web_day_parse(text, 1, &last) != 0)
		abort();
	t = (time_t)first;
	if (localtime_r(&t, &tm) == NULL || strftime(again, sizeof(again), "%Y-%m-%d", &tm) == 0
	    || strcmp(again, text) != 0)
		abort();
	if (last - first + 1 < 23 * 3600 || last - first + 1 > 25 * 3600)
		abort();
}

static void
check_range(const char *since, const char *until)
{
	int64_t from = -1, to = -1;

	switch (web_day_range(since, until, &from, &to)) {
	case WEB_DAYS_OK:
		if (from != 0 && to != 0 && from > to)
			abort();
		break;
	case WEB_DAYS_BAD:
	case WEB_DAYS_REVERSED:
		if (from != 0 || to != 0)
			abort();
		break;
	default:
		abort();
	}
}

static void
check_networks(const char *value, const char *client)
{
	char **list = g_strsplit_set(value, " \t,", -1);
	unsigned char a[16];
	int any = 0, client_ok = seal_addr16(client, a) == 0;
	seal_net n;

	for (char **p = list; *p != NULL; p++) {
		if (seal_net_parse(*p, &n) != 0)
			continue;
		if (n.bits > 128 || !seal_net_contains(&n, n.addr))
			abort();
		if (client_ok && seal_net_contains(&n, a))
			any = 1;
	}
	if (seal_net_list_match(list, client) != any)
		abort();
	if (client_ok) {
		char *one[] = { (char *)client, NULL };

		if (!seal_net_list_match(one, client))
			abort();
	}
	g_strfreev(list);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int zone_set;
	char *text = g_strndup((const char *)data, size);
	char **f = g_strsplit(text, "\n", 4);
	const char *since, *until, *allow, *client;
	guint nf;

	if (!zone_set) {
		setenv("TZ", "Europe/Copenhagen", 1);
		tzset();
		zone_set = 1;
	}
	nf = g_strv_length(f);
	since = nf > 0 ? f[0] : "";
	until = nf > 1 ? f[1] : "";
	allow = nf > 2 ? f[2] : "";
	client = nf > 3 ? f[3] : "";
	check_day(since);
	check_day(until);
	check_range(since[0] != '\0' ? since : NULL, until[0] != '\0' ? until : NULL);
	check_networks(allow, client);
	g_strfreev(f);
	g_free(text);
	return 0;
}
