/*
 * asciispan.h - how far a buffer stays plain ASCII: the fast path of every
 * UTF-8 pass over mail text (the charset step's validation and cleaning,
 * the site rules' check before PCRE2), where most bytes are ASCII.
 */
#ifndef SEAL_ASCIISPAN_H
#define SEAL_ASCIISPAN_H

#include <stddef.h>

/* The number of bytes from p[0] on that are ASCII other than NUL (<= len). */
size_t seal_ascii_span(const unsigned char *p, size_t len);

#endif
