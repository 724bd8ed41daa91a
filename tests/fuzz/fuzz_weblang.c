/*
 * fuzz_weblang.c - what sealweb parses of a request besides forms: the
 * Accept-Language field (web/i18n.c) and the release-request token
 * (src/util/reqtoken.c), on arbitrary bytes. A language in range and a
 * verdict, never a crash; a token the verifier accepts must be one it
 * would make.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "i18n.h"
#include "reqtoken.h"
#include "fuzz.h"

/* A fixed key, from a file written once (the loader wants a private file). */
static seal_fp_key *
fuzz_key(void)
{
	static seal_fp_key *k;
	char path[] = "/tmp/fuzz_weblang.XXXXXX";
	unsigned char bytes[32];
	seal_err err;
	int fd;

	if (k != NULL)
		return k;
	if ((fd = mkstemp(path)) < 0)
		abort();
	for (int i = 0; i < 32; i++)
		bytes[i] = (unsigned char)(i * 29 + 3);
	if (write(fd, bytes, sizeof(bytes)) != (ssize_t)sizeof(bytes))
		abort();
	close(fd);
	seal_err_clear(&err);
	k = seal_fp_key_load(path, &err);
	g_unlink(path);
	if (k == NULL)
		abort();
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = g_strndup((const char *)data, size);
	char id[40], again[SEAL_REQTOKEN_MAX];
	web_lang l = web_lang_accept(text);
	int64_t exp;

	if (l != WEB_LANG_EN && l != WEB_LANG_DA && l != WEB_LANG_SV)
		abort();
	switch (seal_reqtoken_verify(fuzz_key(), text, 1000, id, &exp)) {
	case SEAL_REQTOKEN_OK:
	case SEAL_REQTOKEN_EXPIRED:
		seal_reqtoken_make(fuzz_key(), id, exp, again);
		if (strcmp(again, text) != 0)
			abort();
		break;
	case SEAL_REQTOKEN_BAD:
		if (id[0] != '\0')
			abort();
		break;
	}
	g_free(text);
	return 0;
}
