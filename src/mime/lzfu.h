/*
 * lzfu.h - decompressed RTF ([MS-OXRTFCP]): the PidTagRtfCompressed
 * property of an Outlook item (.msg stream __substg1.0_10090102, a TNEF
 * attPropRtfCompressed) holds the message body as RTF, compressed with
 * "LZFu" (an LZ77 over a 4 KiB dictionary preset with common RTF words) or
 * stored as is ("MELA").
 *
 * Self-contained (no other module of the project, no GLib): the TNEF and
 * .msg readers both use it.
 *
 * Bounds: at most max bytes are written (the header's RAWSIZE is a hint,
 * never trusted for memory); a reference past the input's end or a short
 * header ends the output where it is. The CRC is not checked: a damaged
 * stream gives what it decodes to, the caller scans that.
 *
 * Returns a new buffer (free() it; it holds what the message holds: wipe
 * it), NUL-terminated after *out_len bytes, or NULL when data is not an
 * LZFu or MELA stream (or out of memory). Pure function, thread safe.
 */
#ifndef SEAL_LZFU_H
#define SEAL_LZFU_H

#include <stddef.h>
#include <stdint.h>

uint8_t *seal_lzfu_decompress(const uint8_t *data, size_t len, size_t max,
	size_t *out_len);

#endif
