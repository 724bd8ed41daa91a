/*
 * seal_ole2_tool.c - runs the compound-file reader (ole2read.h) on a file
 * and prints what it handed over: one line per text ("text NAME BYTES")
 * and per attachment ("file NAME BYTES"), then the status and reason. The
 * texts themselves are not printed (they hold identity numbers); with
 * -g WORD, "has NAME" lines say which texts contain WORD.
 * Usage: seal_ole2_tool [-g WORD] FILE
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "err.h"
#include "ole2read.h"

static const char *grep_word;

static seal_status
on_text(void *ctx, const char *name, const char *text, size_t len, seal_err *err)
{
	(void)ctx;
	(void)err;
	printf("text %s %zu\n", name, len);
	if (grep_word != NULL && g_strstr_len(text, (gssize)len, grep_word) != NULL)
		printf("has %s\n", name);
	return SEAL_OK;
}

static seal_status
on_file(void *ctx, const char *name, const uint8_t *data, size_t len, seal_err *err)
{
	(void)ctx;
	(void)err;
	printf("file %s %zu\n", name, len);
	if (grep_word != NULL && memmem(data, len, grep_word, strlen(grep_word)) != NULL)
		printf("has %s\n", name);
	return SEAL_OK;
}

int
main(int argc, char **argv)
{
	static const char *const names[] = { "other", "ok", "unscannable", "error" };
	seal_ole2_hooks hooks = { on_text, on_file, NULL, NULL, NULL };
	seal_err err = { 0 };
	char reason[160], *data = NULL;
	gsize len = 0;
	seal_ole2_read_status st;

	if (argc == 4 && strcmp(argv[1], "-g") == 0) {
		grep_word = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc != 2 || !g_file_get_contents(argv[1], &data, &len, NULL)) {
		fprintf(stderr, "usage: seal_ole2_tool [-g WORD] FILE\n");
		return 2;
	}
	st = seal_ole2_read((const uint8_t *)data, len, &hooks, reason, sizeof(reason), &err);
	printf("status %s%s%s\n", names[st], reason[0] != '\0' ? " " : "", reason);
	g_free(data);
	return st == SEAL_OLE2_READ_ERROR ? 1 : 0;
}
