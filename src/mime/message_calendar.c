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
 * A part labelled only application/octet-stream is taken by its content:
 * a calendar or card that starts with its BEGIN line (in any encoding
 * textsniff.h knows, UTF-16 included) is read the same way.
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

/* Decoded bytes looked at to take an octet-stream part by its content. */
#define CAL_SNIFF_LEN 2048

/* The kind the first decoded bytes of a part show (0: neither). */
static int
content_kind(GMimePart *part)
{
	GMimeStream *fs;
	guint8 buf[CAL_SNIFF_LEN];
	size_t n = 0, len;
	gssize r;
	char *text;
	int kind = 0;

	if (seal_walk_decoded_stream(part, &fs) != 0 || fs == NULL)
		return 0;
	while (n < sizeof(buf) &&
	    (r = seal_stream_read(fs, (char *)buf + n, sizeof(buf) - n)) > 0)
		n += (size_t)r;
	g_object_unref(fs);
	/* an odd cut of UTF-16 or UTF-8 only spoils the last character */
	text = seal_walk_text_utf8(buf, n, NULL, &len);
	if (seal_calendar_sniff(text, len))
		kind = SEAL_WALK_ICS;
	else if (seal_vcard_sniff(text, len))
		kind = SEAL_WALK_VCARD;
	memset(text, 0, len);
	g_free(text);
	memset(buf, 0, n);
	return kind;
}

int
seal_walk_calendar_content_kind(GMimePart *part, GMimeContentType *ct)
{
	if (!seal_walk_is(ct, "application", "octet-stream"))
		return 0;
	return content_kind(part);
}

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
	size_t left = w->lim.max_text - w->text_total;
	/* UTF-16 halves ASCII text; allow for it (the text itself is counted) */
	size_t cap = left > ((size_t)-1) / 2 ? (size_t)-1 : left * 2;
	int rc = seal_walk_decode(part, cap, &raw);

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
	/*
	 * RFC 5545 and 6350 say UTF-8; vCard 2.1 and old Outlook label their
	 * own; Outlook's exports are often UTF-16 with a byte-order mark.
	 */
	text = seal_walk_text_utf8(raw->data, raw->len,
	    g_mime_content_type_get_parameter(ct, "charset"), &len);
	/* an empty part's array has no data at all: memset(NULL, ...) is undefined */
	if (raw->len > 0)
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
