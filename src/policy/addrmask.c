/*
 * addrmask.c - identity numbers in the local part of an address masked
 * (addrmask.h).
 *
 * Three readings of the local part, because an address is no sentence:
 * first as text (the number alone, or set off by dots or hyphens, as the
 * body rules read it), then with everything that is not a digit, a sign
 * or an upper-case letter turned into a space, then with only digits and
 * signs left, so that a number glued to a name ("jens1705831889",
 * "cpr_1705831889", "Borger1705831889X") is read too; the boundary
 * rules would pass over those in running text, but an address that holds
 * one must not be logged. Masking too much costs nothing here.
 */
#include <string.h>

#include <glib.h>

#include "normalize.h"
#include "scan.h"

#include "addrmask.h"

/* local[0..len) with the numbers seal_detect finds in image replaced by masks. */
static char *
mask_by_image(const char *local, size_t len, const char *image, const seal_date *date)
{
	GArray *found = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	GString *out = g_string_sized_new(len + 16);
	size_t pos = 0;

	seal_detect(image, len, date, found);
	for (guint i = 0; i < found->len; i++) {
		const seal_finding *f = &g_array_index(found, seal_finding, i);

		if (f->start < pos || f->end > len)
			continue;
		g_string_append_len(out, local + pos, (gssize)(f->start - pos));
		g_string_append(out, f->masked);
		pos = f->end;
	}
	g_string_append_len(out, local + pos, (gssize)(len - pos));
	if (found->len > 0)
		memset(found->data, 0, (size_t)found->len * sizeof(seal_finding));
	g_array_free(found, TRUE);
	return g_string_free(out, FALSE);
}

/*
 * The later readings: byte for byte, so the finder's offsets are the local
 * part's. With upper-case letters kept first (a Finnish century sign or
 * check character), then digits and signs alone (a number glued to "X").
 */
static char *
glued_image(const char *local, size_t len, int keep_upper)
{
	char *image = g_malloc(len + 1);

	for (size_t i = 0; i < len; i++) {
		char ch = local[i];

		image[i] = g_ascii_isdigit(ch) || (keep_upper && g_ascii_isupper(ch)) || ch == '-'
		    || ch == '+' ? ch : ' ';
	}
	image[len] = '\0';
	return image;
}

char *
seal_addr_mask(const char *address, const seal_date *date)
{
	const char *at;
	char *text, *image, *masked, *out;
	seal_date today;
	size_t len;

	if (address == NULL)
		return g_strdup("");
	if (date == NULL) {
		seal_date_today(&today);
		date = &today;
	}
	at = strrchr(address, '@');
	len = at != NULL ? (size_t)(at - address) : strlen(address);
	/* First reading: as text, normalised (the same as any other masked text). */
	text = seal_mask_text_all(address, len, date);
	/* The later readings, each on what the one before left: numbers glued to letters. */
	for (int keep_upper = 1; keep_upper >= 0; keep_upper--) {
		len = strlen(text);
		image = glued_image(text, len, keep_upper);
		masked = mask_by_image(text, len, image, date);
		memset(text, 0, len);
		memset(image, 0, len);
		g_free(text);
		g_free(image);
		text = masked;
	}
	out = g_strconcat(text, at != NULL ? at : "", NULL);
	memset(text, 0, strlen(text));
	g_free(text);
	return out;
}
