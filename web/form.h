/*
 * form.h - decoding application/x-www-form-urlencoded bodies (the
 * console's POST forms). MHD hands query strings and cookies over already
 * parsed; form bodies are decoded here, in one small function the fuzzer
 * (tests/fuzz/fuzz_form.c) drives.
 *
 * Strict: a malformed escape ("%G1", "%4"), a NUL byte, invalid UTF-8, a
 * name given twice, an empty name, or more than max fields is an error
 * (the page answers 400), never a guess. '+' is a space.
 *
 * Thread safe (no state). Values are wiped when the table is destroyed
 * (they may be passwords).
 */
#ifndef SEAL_WEB_FORM_H
#define SEAL_WEB_FORM_H

#include <stddef.h>

#include <glib.h>

/* Fields a console form has at most; a body with more is refused. */
#define WEB_FORM_FIELDS_MAX 32

/*
 * A new table name -> value (both char *, owned) of the fields of body
 * (len bytes, need not be NUL-terminated), or NULL when malformed.
 */
GHashTable *web_form_parse(const char *body, size_t len, size_t max_fields);

/* The value of name, or NULL. */
const char *web_form_get(GHashTable *form, const char *name);

#endif
