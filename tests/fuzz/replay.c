/*
 * replay.c - runs a fuzz target once over each file given, printing TAP
 * ("ok N - file"). A crash or sanitizer report ends the program, which the
 * test driver counts as a failure.
 *
 * With SEAL_FUZZ_MUTATE=N in the environment, each file is also run N
 * times mutated (a few random bytes overwritten, or cut short), from a
 * fixed seed per file so a failure repeats: a short mutation pass for make
 * check where libFuzzer is not built.
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "fuzz.h"

/* Runs n mutations of data[0..len); the seed makes them repeatable. */
static void
mutate(const gchar *data, gsize len, guint32 seed, long n)
{
	GRand *r = g_rand_new_with_seed(seed);

	for (long k = 0; k < n && len > 0; k++) {
		guint8 *m = g_memdup2(data, len);
		gsize ml = len;

		if (k % 4 == 3)
			ml = (gsize)g_rand_int_range(r, 0, (gint32)MIN(len, G_MAXINT32));
		else
			for (long f = 0; f <= k % 6; f++)
				m[g_rand_int_range(r, 0, (gint32)MIN(len, G_MAXINT32))] =
				    (guint8)g_rand_int(r);
		LLVMFuzzerTestOneInput(m, ml);
		g_free(m);
	}
	g_rand_free(r);
}

int
main(int argc, char **argv)
{
	int failed = 0;
	const char *mut = getenv("SEAL_FUZZ_MUTATE");
	long nmut = mut != NULL ? strtol(mut, NULL, 10) : 0;

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
		mutate(data, len, (guint32)i, nmut);
		g_free(data);
		printf("ok %d - %s\n", i, argv[i]);
		fflush(stdout);
	}
	return failed;
}
