/*
 * rtftext.h - the text an RTF document shows, for scanning (until the
 * formats issue brings a full reader): control words and group braces
 * removed, the escapes a reader sees decoded. Without this, digits written
 * as hex escapes (\'31\'37...) or \uN escapes pass the strings fallback,
 * which sees only the escape text.
 *
 * Decoded: \'hh (a Windows-1252 byte), \uN (a UTF-16 unit, signed,
 * surrogate pairs joined; the one fallback character after it skipped as
 * RTF 1.9 \uc1 says), \\ \{ \} (literal), \~ (no-break space), \_ (non-
 * breaking hyphen, as "-"), \- (optional hyphen, dropped); \par, \line,
 * \row and \sect end a line, \tab and \cell are a TAB. Every other control
 * word and symbol is removed with its parameter. Destination groups (the
 * font and colour tables, {\* ...}) are kept as text too: reading more
 * than a reader shows is safe, their words hold no digits worth hiding.
 *
 * Input: any bytes. Output: new valid UTF-8 (g_free; it holds what the
 * document holds, wipe it), NUL-terminated, *out_len set. Never fails.
 * Pure function, thread safe.
 */
#ifndef SEAL_RTFTEXT_H
#define SEAL_RTFTEXT_H

#include <stddef.h>

/* Non-zero when data starts as an RTF document does ("{\rtf"). */
int seal_rtf_is(const char *data, size_t len);

char *seal_rtf_to_text(const char *data, size_t len, size_t *out_len);

#endif
