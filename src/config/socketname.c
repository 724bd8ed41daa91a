/*
 * socketname.c - does an MTA's milter list name sealmilter's socket?
 * (socketname.h)
 */
#include <string.h>

#include <glib.h>

#include "socketname.h"

/* The port of a libmilter inet socket "inet:PORT@HOST" (or "inet6:"). */
static char *
inet_port(const char *socket)
{
	char *port = g_strdup(strchr(socket, ':') + 1);

	port[strcspn(port, "@")] = '\0';
	return port;
}

static const char *
last_component(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

int
seal_socket_named(const char *entry, const char *socket)
{
	const char *s, *e;

	if (entry == NULL || socket == NULL || entry[0] == '\0')
		return 0;
	if (g_str_has_prefix(socket, "inet:") || g_str_has_prefix(socket, "inet6:")) {
		char *port = inet_port(socket);
		int m;

		e = strrchr(entry, ':');
		m = e != NULL && port[0] != '\0' && strcmp(e + 1, port) == 0;
		g_free(port);
		return m;
	}
	s = strchr(socket, ':') != NULL ? strchr(socket, ':') + 1 : socket;
	s = last_component(s);
	e = strrchr(entry, '/') != NULL ? strrchr(entry, '/') + 1
	    : strchr(entry, ':') != NULL ? strchr(entry, ':') + 1 : entry;
	return s[0] != '\0' && strcmp(e, s) == 0;
}

char **
seal_milter_list_split(const char *list)
{
	char **parts = g_regex_split_simple("[\\s,{}]+", list != NULL ? list : "", 0, 0);
	GPtrArray *a = g_ptr_array_new();

	/* A milter name never holds '=': such an entry is a block's setting. */
	for (char **p = parts; *p != NULL; p++)
		if ((*p)[0] != '\0' && strchr(*p, '=') == NULL)
			g_ptr_array_add(a, g_strdup(*p));
	g_ptr_array_add(a, NULL);
	g_strfreev(parts);
	return (char **)g_ptr_array_free(a, FALSE);
}

int
seal_socket_in_list(const char *list, const char *socket)
{
	char **milters = seal_milter_list_split(list);
	int found = 0;

	for (char **p = milters; *p != NULL && !found; p++)
		found = seal_socket_named(*p, socket);
	g_strfreev(milters);
	return found;
}
