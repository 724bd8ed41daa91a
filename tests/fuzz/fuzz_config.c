/*
 * fuzz_config.c - the configuration parser on arbitrary bytes (written to
 * a temporary file, as the parser reads files).
 */
#include <stdio.h>
#include <unistd.h>

#include <glib.h>

#include "config.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = g_build_filename(g_get_tmp_dir(), "seal-fuzz-conf-XXXXXX", NULL);
	int fd = g_mkstemp(path);
	seal_config *cfg;
	seal_err err;

	if (fd < 0) {
		g_free(path);
		return 0;
	}
	if (write(fd, data, size) == (ssize_t)size) {
		cfg = seal_config_load(path, &err);
		if (cfg != NULL) {
			FILE *null = fopen("/dev/null", "w");

			if (null != NULL) {
				seal_config_print(cfg, null);
				fclose(null);
			}
		}
		seal_config_unref(cfg);
	}
	close(fd);
	unlink(path);
	g_free(path);
	return 0;
}
