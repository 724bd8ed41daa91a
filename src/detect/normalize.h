/*
 * normalize.h - character and line normalisation before detection
 * (doc/DETECTION.md section 2.2, classes E4, E6, E3, E5, E1, E2, E11,
 * applied in that order).
 *
 * Input: valid UTF-8 (the extract layer guarantees it). Output: a new
 * NUL-terminated UTF-8 string owned by the caller (g_free), length in
 * *out_len, never longer than len. Cannot fail (GLib aborts on out-of-memory). Thread safe.
 */
#ifndef SEAL_NORMALIZE_H
#define SEAL_NORMALIZE_H

#include <stddef.h>

char *seal_normalize(const char *text, size_t len, size_t *out_len);

#endif
