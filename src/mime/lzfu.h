/*
 * lzfu.h - compressed RTF ([MS-OXRTFCP]): the PidTagRtfCompressed property
 * of an Outlook item (.msg stream __substg1.0_10090102) and of a TNEF
 * stream (attMAPIProps PR_RTF_COMPRESSED) holds the message body as RTF,
 * compressed with "LZFu" (an LZ77 over a 4 KiB dictionary preset with
 * common RTF words) or stored as is ("MELA"). The one decoder of the
 * project: the TNEF reader (tnef.c) and the .msg reader (ole2msg.c) both
 * call it.
 *
 * Strict, so that a damaged body is never read as if whole (the callers
 * make it unscannable): the header's sizes must agree with the data
 * (COMPSIZE within the input, RAWSIZE exactly what the runs decode to,
 * MELA's RAWSIZE within its data), an LZFu stream must carry the CRC of
 * [MS-OXRTFCP] 2.1.3.2 and end with its end marker. RAWSIZE is checked
 * against what the compressed bytes can yield (17 bytes of output per 2
 * input bytes at most) and against max before anything is allocated.
 *
 * Self-contained (no other module of the project, no GLib). Pure
 * function, thread safe.
 */
#ifndef SEAL_LZFU_H
#define SEAL_LZFU_H

#include <stddef.h>
#include <stdint.h>

typedef enum seal_lzfu_status {
	SEAL_LZFU_OK = 0,       /* *out set */
	SEAL_LZFU_NOT_RTF,      /* shorter than a header, or neither LZFu nor MELA */
	SEAL_LZFU_DAMAGED,      /* sizes, CRC, a cut stream, no end marker */
	SEAL_LZFU_TOO_LARGE,    /* RAWSIZE above max */
	SEAL_LZFU_NOMEM
} seal_lzfu_status;

/*
 * On SEAL_LZFU_OK *out is a new buffer of *out_len bytes plus a NUL
 * (free() it; it holds what the message holds: wipe it first); on any
 * other status *out is NULL and *out_len 0.
 */
seal_lzfu_status seal_lzfu_decompress(const uint8_t *data, size_t len, size_t max,
	uint8_t **out, size_t *out_len);

/* A short English phrase for a status (no data), for unscannable reasons. */
const char *seal_lzfu_describe(seal_lzfu_status st);

#endif
