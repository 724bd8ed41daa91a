/*
 * charset.h - the charset names sealmilter lets through to iconv and GMime.
 *
 * GMime keeps every charset name it is asked to map (g_mime_charset_iconv_name)
 * in a process-wide table that is never pruned, and a message can name any
 * number of made-up charsets (charset= on parts, CHARSET= in vCards, RFC 2047
 * words in headers, RFC 2231 parameters): a long-running daemon would grow
 * without bound. So a name from a message is looked up in a fixed table of
 * the charsets mail really uses and becomes one of the table's own static
 * iconv names, or nothing; the attacker's string is never stored.
 *
 * charset.c also replaces GMime's g_mime_charset_iconv_name for the whole
 * process (see there), so GMime's own decoding of headers and parameters,
 * which runs inside its parser before any of our code sees the message,
 * goes through the same table.
 *
 * Thread safety: pure functions over constant tables.
 */
#ifndef SEAL_CHARSET_H
#define SEAL_CHARSET_H

#include <stddef.h>

/* Name iconv can open for a MIME charset name (case-insensitive), or NULL
 * when the name is not one of the known charsets. Static storage. */
const char *seal_charset_iconv_name(const char *charset);

/* The i-th iconv name of the table, NULL past its end (for the tests:
 * every one must open). */
const char *seal_charset_table_name(size_t i);

/* What an unknown name maps to inside GMime: no iconv opens it, so GMime
 * falls back to its fallback charsets (UTF-8, then Windows-1252). */
#define SEAL_CHARSET_UNKNOWN "x-sealmilter-unknown"

#endif
