/*
 * message_headers.c - the header texts a reader sees (message_internal.h):
 * every unstructured header of a message header block, the display names
 * of its address headers, and the labels of a MIME part (Content-
 * Description, and the Content-Type name= when it differs from the file
 * name a client shows), and the other fields of a MIME part's own header
 * block (Content-Language, Content-Location, an X- field in a part).
 *
 * A mail client's "all headers" view shows any field, so every header is
 * scanned except those whose syntax holds only protocol data (trace
 * fields, identifiers, dates, signatures, MIME structure). Addresses are
 * read for their display names only: a local part is an address, not a
 * text a person wrote (and masking such recipients is the log's job).
 */
#include <string.h>

#include <gmime/gmime.h>

#include "extract.h"
#include "message_internal.h"

/* Fields with a protocol syntax: never text a person wrote or reads. */
static const char *const seal_hdr_protocol[] = {
	"Received", "Message-ID", "Resent-Message-ID", "References", "In-Reply-To",
	"Date", "Resent-Date", "Return-Path", "MIME-Version", "Content-Type",
	"Content-Transfer-Encoding", "Content-ID", "Content-Disposition",
	"Content-Length", "Content-MD5", "DKIM-Signature", "DomainKey-Signature",
	"Authentication-Results", "Received-SPF", "Thread-Index",
	"X-MS-TNEF-Correlator", "X-Sealmilter-Copy", NULL
};

/* Prefixes of such fields (ARC sets, Exchange's own trace). */
static const char *const seal_hdr_protocol_prefix[] = {
	"ARC-", "X-MS-Exchange-Organization-Network-Message-Id", NULL
};

/* Fields whose value is an address list: display names are scanned. */
static const char *const seal_hdr_address[] = {
	"From", "To", "Cc", "Bcc", "Reply-To", "Sender", "Resent-From", "Resent-To",
	"Resent-Cc", "Resent-Bcc", "Resent-Sender", "Disposition-Notification-To",
	"Return-Receipt-To", "Mail-Followup-To", "Mail-Reply-To", "Errors-To",
	"Delivered-To", "X-Original-To", NULL
};

static int
seal_hdr_in(const char *name, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (g_ascii_strcasecmp(name, list[i]) == 0)
			return 1;
	return 0;
}

static int
seal_hdr_protocol_field(const char *name)
{
	if (seal_hdr_in(name, seal_hdr_protocol))
		return 1;
	for (size_t i = 0; seal_hdr_protocol_prefix[i] != NULL; i++)
		if (g_ascii_strncasecmp(name, seal_hdr_protocol_prefix[i],
		    strlen(seal_hdr_protocol_prefix[i])) == 0)
			return 1;
	return 0;
}

/* Display names (and group names) of an address list, one paragraph each. */
static void
seal_hdr_names(InternetAddressList *list, GString *out, unsigned depth)
{
	int n = list != NULL ? internet_address_list_length(list) : 0;

	for (int i = 0; i < n && depth < 4; i++) {
		InternetAddress *ia = internet_address_list_get_address(list, i);
		const char *name = internet_address_get_name(ia);

		if (name != NULL && *name != '\0') {
			g_string_append(out, name);
			g_string_append(out, "\n\n");
		}
		if (INTERNET_ADDRESS_IS_GROUP(ia))
			seal_hdr_names(internet_address_group_get_members(
			    INTERNET_ADDRESS_GROUP(ia)), out, depth + 1);
	}
}

/*
 * The text of an address header a reader sees besides the addresses: the
 * display names. A value GMime finds no address in is scanned whole (a
 * reader shows it as it is).
 */
static char *
seal_hdr_address_text(const char *raw)
{
	GMimeParserOptions *o = g_mime_parser_options_new();
	InternetAddressList *list;
	GString *s = g_string_new(NULL);

	g_mime_parser_options_set_rfc2047_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	list = internet_address_list_parse(o, raw);
	if (list == NULL || internet_address_list_length(list) == 0) {
		char *text = seal_extract_header_text(raw);

		g_string_append(s, text);
		g_free(text);
	} else {
		seal_hdr_names(list, s, 0);
	}
	if (list != NULL)
		g_object_unref(list);
	g_mime_parser_options_free(o);
	/* names come decoded from GMime; still valid UTF-8 for the scanner */
	if (!g_utf8_validate(s->str, (gssize)s->len, NULL)) {
		char *clean = seal_extract_to_utf8(s->str, s->len, NULL, NULL);

		g_string_free(s, TRUE);
		return clean;
	}
	return g_string_free(s, FALSE);
}

/* One field's text (display names only of an address field), named after the field. */
static seal_status
walk_field(struct seal_walk *w, seal_where_kind where, unsigned leaf, unsigned msgdepth,
	const char *hname, const char *raw)
{
	char *text = seal_hdr_in(hname, seal_hdr_address) ? seal_hdr_address_text(raw)
	    : seal_extract_header_text(raw);
	seal_status st = SEAL_OK;

	if (*text != '\0') {
		/* a field name is bytes from the sender: valid UTF-8 for the scanner */
		char *name = seal_extract_to_utf8(hname, strlen(hname), NULL, NULL);

		st = seal_walk_emit(w, where, leaf, msgdepth, name, text, strlen(text));
		g_free(name);
	}
	g_free(text);
	return st;
}

seal_status
seal_walk_headers(struct seal_walk *w, GMimeMessage *msg, unsigned msgdepth)
{
	return seal_walk_header_list(w, g_mime_object_get_header_list(GMIME_OBJECT(msg)),
	    msgdepth, 0);
}

seal_status
seal_walk_header_list(struct seal_walk *w, GMimeHeaderList *hl, unsigned msgdepth,
	int skip_content)
{
	int i, n = hl != NULL ? g_mime_header_list_get_count(hl) : 0;
	seal_status st = SEAL_OK;

	for (i = 0; i < n && st == SEAL_OK && !w->stop; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *hname = g_mime_header_get_name(h);
		const char *raw = g_mime_header_get_raw_value(h);
		seal_where_kind where = SEAL_WHERE_HEADER;

		if (hname == NULL || raw == NULL || seal_hdr_protocol_field(hname))
			continue;
		/* GMime gives a message's Content-* fields to its top part only */
		if (skip_content && g_ascii_strncasecmp(hname, "Content-", 8) == 0)
			continue;
		if (msgdepth == 0 && g_ascii_strcasecmp(hname, "Subject") == 0)
			where = SEAL_WHERE_SUBJECT;
		st = walk_field(w, where, 0, msgdepth, hname, raw);
	}
	return st;
}

/*
 * The fields of a part's own header block that are not protocol fields:
 * "all headers" shows them and they travel with the message, so a number
 * put there must be found. Content-Description is read as a label below.
 * The top-level part shares the message's header block (the light walk
 * parses it as one part; GMime gives the full walk's top part the
 * Content-* fields only): there only the Content-* fields are read here,
 * the others being the message's, read by seal_walk_header_list.
 */
seal_status
seal_walk_part_fields(struct seal_walk *w, GMimeObject *obj, unsigned leaf, unsigned msgdepth)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(obj);
	int i, n = hl != NULL ? g_mime_header_list_get_count(hl) : 0;
	seal_status st = SEAL_OK;

	for (i = 0; i < n && st == SEAL_OK && !w->stop; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *hname = g_mime_header_get_name(h);
		const char *raw = g_mime_header_get_raw_value(h);

		if (hname == NULL || raw == NULL || seal_hdr_protocol_field(hname)
		    || g_ascii_strcasecmp(hname, "Content-Description") == 0)
			continue;
		if (obj == w->root && g_ascii_strncasecmp(hname, "Content-", 8) != 0)
			continue;
		st = walk_field(w, SEAL_WHERE_HEADER, leaf, msgdepth, hname, raw);
	}
	return st;
}

seal_status
seal_walk_part_labels(struct seal_walk *w, GMimeObject *obj, unsigned leaf,
	unsigned msgdepth, const char *fname)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	const char *desc = g_mime_object_get_header(obj, "Content-Description");
	const char *name = ct != NULL ? g_mime_content_type_get_parameter(ct, "name") : NULL;
	seal_status st = seal_walk_part_fields(w, obj, leaf, msgdepth);
	char *text;

	if (st == SEAL_OK && !w->stop && desc != NULL) {
		text = seal_extract_header_text(desc);
		if (*text != '\0')
			st = seal_walk_emit(w, SEAL_WHERE_HEADER, leaf, msgdepth,
			    "Content-Description", text, strlen(text));
		g_free(text);
	}
	/* A client may show name= where filename= says something else. */
	if (st == SEAL_OK && !w->stop && name != NULL) {
		text = seal_extract_to_utf8(name, strlen(name), NULL, NULL);
		if (*text != '\0' && (fname == NULL || strcmp(text, fname) != 0))
			st = seal_walk_emit(w, SEAL_WHERE_FILENAME, leaf, msgdepth, text,
			    text, strlen(text));
		g_free(text);
	}
	return st;
}
