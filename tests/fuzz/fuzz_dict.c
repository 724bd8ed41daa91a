/*
 * fuzz_dict.c - the dictionary reader (dict.h) on arbitrary bytes, and the
 * matcher and scoring (category.h) built from whatever it accepts, run on
 * the same bytes as text. The first byte picks the file name, so every
 * kind of file (category, person with its markers, names, general, an
 * unknown name) is reached.
 */
#include <string.h>

#include <glib.h>

#include "category.h"
#include "dict.h"
#include "fuzz.h"

static const char *const names[] = {
	"health.da.txt", "social.sv.txt", "criminal.nb.txt", "substance.en.txt",
	"religion.fi.txt", "person.da.txt", "person.names.txt", "general.en.txt",
	"union.nn.txt", "wealth.da.txt",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *name;
	const char *text = (const char *)data + 1;
	seal_dict *d;
	seal_err err;

	if (size == 0)
		return 0;
	name = names[data[0] % G_N_ELEMENTS(names)];
	d = seal_dict_new();
	seal_err_clear(&err);
	if (seal_dict_parse(d, name, name, text, size - 1, &err) == SEAL_OK) {
		seal_category *c = seal_category_new(d, &err);

		if (c != NULL) {
			GArray *out = g_array_new(FALSE, FALSE, sizeof(seal_finding));

			seal_category_configure(c, 1 + data[0], "health:1, social:1", &err);
			seal_category_detect(c, text, size - 1, NULL, 0, out);
			g_array_free(out, TRUE);
			seal_category_free(c);
		}
	} else {
		/* an error never quotes the file: only its name and line */
		seal_dict_free(d);
	}
	return 0;
}
