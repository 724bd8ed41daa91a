/*
 * textsniff.h - recognise Unicode text by its bytes when the label says
 * nothing or something wrong: a byte-order mark (UTF-8, UTF-16LE/BE,
 * UTF-32LE/BE), or, without one, the places of the NUL bytes that UTF-16
 * and UTF-32 put in Latin text (Notepad "Unicode" and Excel "Unicode text"
 * exports are UTF-16LE, with or without a mark).
 *
 * Pure functions on caller-owned bytes; converted text is a new valid
 * UTF-8 string owned by the caller (g_free). Thread safe. A sample that is
 * not plausible text in the found encoding (control characters, unpaired
 * surrogates, code points past U+10FFFF) is SEAL_SNIFF_NONE, so a binary
 * file that happens to start with FF FE is not read as text.
 */
#ifndef SEAL_TEXTSNIFF_H
#define SEAL_TEXTSNIFF_H

#include <stddef.h>
#include <stdint.h>

typedef enum seal_sniff_enc {
	SEAL_SNIFF_NONE = 0,    /* no Unicode mark or pattern: the label stands */
	SEAL_SNIFF_UTF8_BOM,
	SEAL_SNIFF_UTF16LE,
	SEAL_SNIFF_UTF16BE,
	SEAL_SNIFF_UTF32LE,
	SEAL_SNIFF_UTF32BE
} seal_sniff_enc;

/* How many leading bytes seal_textsniff looks at (more are ignored). */
#define SEAL_TEXTSNIFF_SAMPLE 4096

/*
 * The encoding of the text that starts at p (the first n bytes, n may be
 * the whole text or its head). *bom: the length of its byte-order mark
 * (0 without one); may be NULL.
 */
seal_sniff_enc seal_textsniff(const uint8_t *p, size_t n, size_t *bom);

/* iconv name of an encoding ("UTF-16LE"...), NULL for SEAL_SNIFF_NONE. */
const char *seal_textsniff_charset(seal_sniff_enc e);

/*
 * The whole text (its mark skipped) as valid UTF-8; bytes that do not
 * convert become U+FFFD, a NUL code point too. NULL for SEAL_SNIFF_NONE.
 */
char *seal_textsniff_to_utf8(const uint8_t *p, size_t n, seal_sniff_enc e,
	size_t *out_len);

#endif
