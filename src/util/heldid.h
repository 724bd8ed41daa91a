/*
 * heldid.h - the form of a held message's ID (the store makes them with
 * seal_store_new_id): 1 to 39 ASCII letters, digits, '-' and '_'. IDs
 * name files in the store and travel in links and forms, so the store,
 * the sender's request token and the console accept nothing else.
 */
#ifndef SEAL_HELDID_H
#define SEAL_HELDID_H

#include <stddef.h>

/* 1 when the n bytes at id have the form of a held-message ID. */
int seal_held_id_form_ok(const char *id, size_t n);

#endif
