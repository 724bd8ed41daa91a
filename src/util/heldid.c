/*
 * heldid.c - the form of a held message's ID (heldid.h).
 */
#include <glib.h>

#include "heldid.h"

int
seal_held_id_form_ok(const char *id, size_t n)
{
	if (id == NULL || n == 0 || n >= 40)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_isalnum(id[i]) && id[i] != '-' && id[i] != '_')
			return 0;
	return 1;
}
