/*
 * category_internal.h - shared between category.c (scoring) and
 * category_match.c (confirming a matcher hit). Not a public interface.
 */
#ifndef SEAL_CATEGORY_INTERNAL_H
#define SEAL_CATEGORY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "dict.h"

/*
 * Does term t really occur ending at text[end - 1] (the matcher saw its
 * byte classes there)? On success the occurrence is [*start, *stop),
 * *stop after any stem or suffix letters.
 */
bool seal_category_match(const seal_dict_term *t, const char *text, size_t len,
	size_t end, size_t *start, size_t *stop);

#endif
