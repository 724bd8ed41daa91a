/*
 * fuzz_pgpread.c - the OpenPGP packet reader on arbitrary bytes: the
 * binary-start test, packet identification (GPGME, no process) and the
 * armour block finder, each block identified again. seal_pgpread_open is
 * left out: it runs gpg, a process per input (its input is gpg's to parse).
 */
#include <gpgme.h>

#include "fuzz.h"
#include "pgpread.h"

static seal_status
on_block(void *ctx, const char *block, size_t len)
{
	unsigned *n = ctx;

	(*n)++;
	(void)seal_pgpread_identify(block, len);
	return SEAL_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	unsigned blocks = 0;

	if (!ready) {
		gpgme_check_version(NULL);
		ready = 1;
	}
	(void)seal_pgpread_binary_start(data, size);
	(void)seal_pgpread_identify((const char *)data, size);
	(void)seal_pgpread_blocks((const char *)data, size, on_block, &blocks);
	return 0;
}
