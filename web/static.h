/*
 * static.h - the console's static files (one script, one style sheet),
 * compiled in so that the program needs no data directory: the CSP allows
 * scripts only from the console itself ('self'), never inline.
 */
#ifndef SEAL_WEB_STATIC_H
#define SEAL_WEB_STATIC_H

#include <stddef.h>

/* The file at path ("/static/NAME"): 1 with type, data and len set; 0 when none. */
int web_static_find(const char *path, const char **type, const char **data, size_t *len);

#endif
