/*
 * binstrings.h - the text a binary file holds in clear, as "strings" finds
 * it: the fallback for a part the walk cannot read as a document (legacy
 * .doc/.xls/.ppt, TNEF winmail.dat, RTF, unknown binaries).
 *
 * Runs of at least SEAL_BINSTRINGS_MIN printable characters are found in
 * three readings of the bytes: single-byte Windows-1252 (ASCII included),
 * UTF-16LE and UTF-16BE (both byte alignments, with or without a BOM). The
 * control characters word processors use inside text are read as a reader
 * sees them (0x1E non-breaking hyphen as "-", 0x1F optional hyphen as
 * U+00AD, 0x07 cell end as TAB, 0x0B/0x0C/0x0D as line breaks), so a number
 * written with them stays whole. A UTF-16 run that repeats a run of the
 * other byte order one byte over (the same text seen at the other
 * alignment) is not handed over twice.
 *
 * Runs go to the callback as UTF-8, joined by "\n", in pieces of about
 * SEAL_BINSTRINGS_PIECE bytes cut only between runs or, in a longer run,
 * at a white space: never inside a number.
 *
 * Pure function over bytes: no I/O, no shared state, thread safe.
 */
#ifndef SEAL_BINSTRINGS_H
#define SEAL_BINSTRINGS_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define SEAL_BINSTRINGS_MIN 4
#define SEAL_BINSTRINGS_PIECE 65536

/* Return SEAL_OK to go on; anything else stops the scan and is returned. */
typedef seal_status (*seal_binstrings_fn)(void *ctx, const char *text, size_t len,
	seal_err *err);

seal_status seal_binstrings_scan(const uint8_t *data, size_t len, seal_binstrings_fn fn,
	void *ctx, seal_err *err);

#endif
