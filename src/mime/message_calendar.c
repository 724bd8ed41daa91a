/*
 * message_calendar.c - calendar invitations and contact cards in the MIME
 * walk (message_internal.h): a leaf typed or named as iCalendar
 * (text/calendar, application/ics, .ics, .vcs) or vCard (text/vcard,
 * text/x-vcard, text/directory, .vcf) is read the way a calendar or
 * contacts application shows it (calendar.h, vcard.h) instead of as raw
 * text: folded lines joined, escapes and value encodings undone, protocol
 * fields left out. Each shown property is its own attachment text named
 * "FILE/PROPERTY" ("calendar/..." or "vcard/..." without a file name).
 * Content that is not what its label says is left to the ordinary path.
 */
#include <string.h>

#include "calendar.h"
#include "extract.h"
#include "html.h"
#include "message_internal.h"
#include "vcard.h"

struct calwalk {
	struct seal_walk *w;
	unsigned leaf, msgdepth;
	const char *base;       /* file name, or "calendar" / "vcard" */
};

int
seal_walk_calendar_kind(GMimeContentType *ct, const char *fname)
{
	if (seal_walk_is(ct, "text", "calendar") || seal_walk_is(ct, "application", "ics") ||
	    seal_walk_is(ct, "text", "x-vcalendar") || seal_walk_name_ends(fname, ".ics") ||
	    seal_walk_name_ends(fname, ".vcs"))
		return SEAL_WALK_ICS;
	if (seal_walk_is(ct, "text", "vcard") || seal_walk_is(ct, "text", "x-vcard") ||
	    seal_walk_is(ct, "text", "directory") || seal_walk_is(ct, "application", "vcard") ||
	    seal_walk_name_ends(fname, ".vcf") || seal_walk_name_ends(fname, ".vcard"))
		return SEAL_WALK_VCARD;
	return 0;
}

static seal_status
cal_text(void *ctx, const char *label, const char *text, size_t len, seal_err *err)
{
	struct calwalk *c = ctx;
	char *name = g_strdup_printf("%s/%s", c->base, label);
	seal_status st;

	(void)err;
	st = seal_walk_emit(c->w, SEAL_WHERE_ATTACHMENT, c->leaf, c->msgdepth, name, text, len);
	g_free(name);
	return st;
}

/* Inline ATTACH content: text by its FMTTYPE, anything else as a file in a document. */
static seal_status
cal_blob(void *ctx, const char *label, const char *fmttype, const uint8_t *data,
	size_t len, seal_err *err)
{
	struct calwalk *c = ctx;
	char *name = g_strdup_printf("%s/%s", c->base, label);
	seal_status st;
	size_t n;
	char *text;

	if (fmttype != NULL && g_ascii_strncasecmp(fmttype, "text/", 5) == 0) {
		text = seal_extract_to_utf8((const char *)data, len, NULL, &n);
		if (g_ascii_strncasecmp(fmttype, "text/html", 9) == 0) {
			char *plain = seal_html_to_text(text, n, &n);

			g_free(text);
			text = plain;
		}
		st = cal_text(ctx, label, text, n, err);
		g_free(text);
	} else
		st = seal_walk_blob(c->w, c->leaf, c->msgdepth, name, data, len);
	g_free(name);
	return st;
}

seal_status
seal_walk_calendar(struct seal_walk *w, GMimePart *part, GMimeContentType *ct, int kind,
	unsigned leaf, unsigned msgdepth, const char *fname, int *taken)
{
	struct calwalk c = { w, leaf, msgdepth, fname };
	seal_cl_hooks hooks = { cal_text, cal_blob, &c };
	GByteArray *raw;
	seal_status st = SEAL_OK;
	char *text;
	size_t len;
	int rc = seal_walk_decode(part, w->lim.max_text - w->text_total, &raw);

	*taken = 1;
	if (rc != 0) {
		g_byte_array_free(raw, TRUE);
		if (rc == -1)
			return seal_err_set(w->err, SEAL_ERR_IO, "reading a MIME part failed");
		seal_walk_unscannable(w->res, "decoded text larger than %zu bytes",
		    w->lim.max_text);
		w->stop = 1;
		return SEAL_OK;
	}
	/* RFC 5545 and 6350 say UTF-8; vCard 2.1 and old Outlook label their own */
	text = seal_extract_to_utf8((const char *)raw->data, raw->len,
	    g_mime_content_type_get_parameter(ct, "charset"), &len);
	memset(raw->data, 0, raw->len);
	g_byte_array_free(raw, TRUE);
	if (kind == SEAL_WALK_ICS && seal_calendar_sniff(text, len)) {
		if (c.base == NULL)
			c.base = "calendar";
		st = seal_calendar_read(text, len, &hooks, w->err);
	} else if (kind == SEAL_WALK_VCARD && seal_vcard_sniff(text, len)) {
		if (c.base == NULL)
			c.base = "vcard";
		st = seal_vcard_read(text, len, &hooks, w->err);
	} else
		*taken = 0;
	memset(text, 0, len);
	g_free(text);
	return st;
}
