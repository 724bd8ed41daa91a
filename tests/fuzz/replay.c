/*
 * replay.c - runs a fuzz target once over each file given, printing TAP
 * ("ok N - file"). A crash or sanitizer report ends the program, which the
 * test driver counts as a failure.
 */
#include <stdio.h>

#include <glib.h>

#include "fuzz.h"

int
main(int argc, char **argv)
{
	int failed = 0;

	printf("1..%d\n", argc - 1);
	for (int i = 1; i < argc; i++) {
		gchar *data = NULL;
		gsize len = 0;
		GError *error = NULL;

		if (!g_file_get_contents(argv[i], &data, &len, &error)) {
			printf("not ok %d - %s: %s\n", i, argv[i], error->message);
			g_error_free(error);
			failed = 1;
			continue;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		g_free(data);
		printf("ok %d - %s\n", i, argv[i]);
		fflush(stdout);
	}
	return failed;
}
