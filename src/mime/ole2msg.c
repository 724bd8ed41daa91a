/*
 * ole2msg.c - an Outlook item (.msg, [MS-OXMSG]) as its reader sees it
 * (ole2read_internal.h).
 *
 * A property is a stream "__substg1.0_PPPPTTTT": PPPP the property id,
 * TTTT its type (001F UTF-16LE string, 001E 8-bit string, 0102 binary).
 * Read, each under its own name: subject (0x0037, and the conversation
 * topic 0x0070), sender (names 0x0C1A, 0x0042, addresses
 * 0x0C1F, 0x0065), the display lists
 * (to 0x0E04, cc 0x0E03, bcc 0x0E02), recipients (the storages
 * __recip_version1.0_#N: display name 0x3001, address 0x3003), the body
 * (0x1000), the HTML body (0x1013, bytes or string, read as a text/html
 * part: text, attribute values, data: pictures to the picture hook), the
 * compressed RTF body (0x1009, [MS-OXRTFCP], lzfu.h, then rtftext.h: text,
 * embedded objects to the file hook, PNG and JPEG pictures to the picture
 * hook). Attachments (storages __attach_version1.0_#N): the name
 * (0x3707 long, 0x3704 short, 0x3001 display) and the data: bytes
 * (0x3701 binary) to the file hook, or an embedded message or OLE object
 * (0x3701 as storage, type 000D) read through run->storage one level
 * deeper. An 8-bit string is UTF-8 when it is valid, else Windows-1252.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "html.h"
#include "lzfu.h"
#include "metafile.h"
#include "ocr.h"
#include "ole2read_internal.h"
#include "rtftext.h"

#define MSG_RECIP "__recip_version1.0_#"
#define MSG_ATTACH "__attach_version1.0_#"

/* The string property id appended to out (nothing when absent); 1 when found. */
static int
msg_string(struct ole2_run *run, GsfInfile *in, unsigned id, GString *out,
	seal_ole2_read_status *st)
{
	char name[32];
	GByteArray *b = NULL;
	int found = 0;

	g_snprintf(name, sizeof(name), "__substg1.0_%04X001F", id);
	*st = ole2_read_child(run, in, name, &b);
	if (*st == SEAL_OLE2_READ_OK && b != NULL) {
		ole2_utf16(out, b->data, b->len);
		found = 1;
	} else if (*st == SEAL_OLE2_READ_OK) {
		g_snprintf(name, sizeof(name), "__substg1.0_%04X001E", id);
		*st = ole2_read_child(run, in, name, &b);
		if (*st == SEAL_OLE2_READ_OK && b != NULL) {
			size_t n = 0;
			char *u = seal_extract_to_utf8((const char *)b->data, b->len, NULL, &n);

			g_string_append_len(out, u, (gssize)n);
			memset(u, 0, n);
			g_free(u);
			found = 1;
		}
	}
	ole2_wipe(b);
	/* a string property ends in NUL, which ole2_utf16 made a space */
	while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\0'))
		g_string_truncate(out, out->len - 1);
	return found;
}

/* String properties ids[] of in, one a line, emitted as name. */
static seal_ole2_read_status
msg_strings(struct ole2_run *run, GsfInfile *in, const char *prefix, const char *name,
	const unsigned *ids, size_t n)
{
	GString *s = g_string_new(NULL);
	seal_ole2_read_status st = SEAL_OLE2_READ_OK;

	for (size_t i = 0; i < n && st == SEAL_OLE2_READ_OK; i++) {
		if (msg_string(run, in, ids[i], s, &st))
			g_string_append_c(s, '\n');
	}
	if (st == SEAL_OLE2_READ_OK)
		st = ole2_emit(run, prefix, name, s->str, s->len);
	if (s->len > 0)
		memset(s->str, 0, s->len);
	g_string_free(s, TRUE);
	return st;
}

/* Bytes of a body (a picture, an embedded object) to a hook as "[PREFIX/]BODY/NAME". */
static seal_ole2_read_status
msg_body_file(struct ole2_run *run, seal_ole2_file_fn fn, const char *prefix,
	const char *body, const char *name, const uint8_t *d, size_t len)
{
	char *l = prefix != NULL ? g_strdup_printf("%s/%s/%s", prefix, body, name) :
	    g_strdup_printf("%s/%s", body, name);
	seal_status rc = fn(run->hooks->ctx, l, d, len, run->err);

	g_free(l);
	return rc == SEAL_OK ? SEAL_OLE2_READ_OK : SEAL_OLE2_READ_ERROR;
}

/*
 * Pictures of a body to the picture hook (with none, they are not read);
 * a metafile of the RTF body to the file hook, which reads the text it
 * draws without OCR.
 */
static seal_ole2_read_status
msg_pictures(struct ole2_run *run, const char *prefix, const char *body,
	const GPtrArray *pics, unsigned dropped, bool drawable_only)
{
	seal_ole2_read_status st = SEAL_OLE2_READ_OK;

	for (guint k = 0; pics != NULL && k < pics->len && st == SEAL_OLE2_READ_OK; k++) {
		const GByteArray *b = g_ptr_array_index(pics, k);
		char name[32];

		if (!drawable_only && seal_metafile_is(b->data, b->len)) {
			g_snprintf(name, sizeof(name), "picture %u", k + 1);
			if (run->hooks->file != NULL)
				st = msg_body_file(run, run->hooks->file, prefix, body, name,
				    b->data, b->len);
			continue;
		}
		if (run->hooks->picture == NULL)
			continue;

		/* a data: URI that is no picture a client draws shows nothing
		 * (as in a text/html part); an RTF picture must decode */
		if (drawable_only && !seal_ocr_is_image(b->data, b->len))
			continue;
		g_snprintf(name, sizeof(name), "picture %u", k + 1);
		st = msg_body_file(run, run->hooks->picture, prefix, body, name, b->data, b->len);
	}
	if (st == SEAL_OLE2_READ_OK && dropped > 0 && run->hooks->picture != NULL)
		st = ole2_unscannable(run, "Outlook item whose %s has more pictures than are "
		    "read (%u not read)", body, dropped);
	return st;
}

/*
 * The HTML body as the HTML reader reads a text/html part: every element's
 * text, the attribute values (title, alt), and data: pictures.
 */
static seal_ole2_read_status
msg_html_body(struct ole2_run *run, const char *prefix, const char *html, size_t len)
{
	seal_html_text *h = seal_html_read(html, len);
	seal_ole2_read_status st = ole2_emit(run, prefix, "html body", h->full, h->full_len);

	if (st == SEAL_OLE2_READ_OK && h->attrs_len > 0)
		st = ole2_emit(run, prefix, "html body (attributes)", h->attrs, h->attrs_len);
	if (st == SEAL_OLE2_READ_OK)
		st = msg_pictures(run, prefix, "html body", h->pictures, h->pictures_dropped, true);
	seal_html_text_free(h);
	return st;
}

/*
 * The decompressed RTF body as an RTF attachment is read: its text, its
 * embedded objects to the file hook, its PNG and JPEG pictures.
 */
static seal_ole2_read_status
msg_rtf_body(struct ole2_run *run, const char *prefix, const uint8_t *rtf, size_t len)
{
	seal_rtf_doc *doc = seal_rtf_read((const char *)rtf, len);
	seal_ole2_read_status st = ole2_emit(run, prefix, "rtf body", doc->text, doc->text_len);

	for (guint k = 0; k < doc->objects->len && st == SEAL_OLE2_READ_OK &&
	    run->hooks->file != NULL; k++) {
		const seal_rtf_object *o = g_ptr_array_index(doc->objects, k);
		char *name = g_strdup_printf("object %s", o->name);

		st = msg_body_file(run, run->hooks->file, prefix, "rtf body", name, o->data, o->len);
		g_free(name);
	}
	if (st == SEAL_OLE2_READ_OK)
		st = msg_pictures(run, prefix, "rtf body", doc->pictures, doc->pictures_dropped,
		    false);
	seal_rtf_doc_free(doc);
	return st;
}

/* The HTML body (binary or string) and the compressed RTF body. */
static seal_ole2_read_status
msg_rich_bodies(struct ole2_run *run, GsfInfile *in, const char *prefix)
{
	GByteArray *b = NULL;
	GString *s = g_string_new(NULL);
	seal_ole2_read_status st = ole2_read_child(run, in, "__substg1.0_10130102", &b);
	size_t n = 0, rn = 0;

	if (st == SEAL_OLE2_READ_OK && b != NULL) {
		char *u = seal_extract_to_utf8((const char *)b->data, b->len, NULL, &n);

		g_string_append_len(s, u, (gssize)n);
		memset(u, 0, n);
		g_free(u);
	} else if (st == SEAL_OLE2_READ_OK)
		(void)msg_string(run, in, 0x1013, s, &st);
	ole2_wipe(b);
	b = NULL;
	if (st == SEAL_OLE2_READ_OK && s->len > 0)
		st = msg_html_body(run, prefix, s->str, s->len);
	memset(s->str, 0, s->len);
	g_string_free(s, TRUE);
	if (st == SEAL_OLE2_READ_OK)
		st = ole2_read_child(run, in, "__substg1.0_10090102", &b);
	if (st == SEAL_OLE2_READ_OK && b != NULL) {
		uint8_t *rtf;
		/* bounded by lzfu.h: RAWSIZE at most 9 times the stream */
		seal_lzfu_status ls = seal_lzfu_decompress(b->data, b->len, SIZE_MAX, &rtf, &rn);

		if (ls == SEAL_LZFU_NOMEM) {
			seal_err_set(run->err, SEAL_ERR_NOMEM, "out of memory reading an RTF body");
			st = SEAL_OLE2_READ_ERROR;
		} else if (ls != SEAL_LZFU_OK)
			st = ole2_unscannable(run, "Outlook item whose RTF body is %s",
			    seal_lzfu_describe(ls));
		else {
			st = msg_rtf_body(run, prefix, rtf, rn);
			memset(rtf, 0, rn);
			free(rtf);
		}
	}
	ole2_wipe(b);
	return st;
}

/* One attachment storage: its name as text, its data to the file hook or read. */
static seal_ole2_read_status
msg_attachment(struct ole2_run *run, GsfInfile *att, const char *prefix, unsigned k,
	unsigned depth)
{
	static const unsigned name_ids[] = { 0x3707, 0x3704, 0x3001 };
	GString *nm = g_string_new(NULL);
	seal_ole2_read_status st = SEAL_OLE2_READ_OK;
	GByteArray *data = NULL;
	GsfInput *obj;
	char *label;
	int damaged = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(name_ids) && nm->len == 0 &&
	    st == SEAL_OLE2_READ_OK; i++)
		(void)msg_string(run, att, name_ids[i], nm, &st);
	label = prefix != NULL ? g_strdup_printf("%s/attachment %u", prefix, k) :
	    g_strdup_printf("attachment %u", k);
	if (st == SEAL_OLE2_READ_OK)
		st = ole2_emit(run, label, "name", nm->str, nm->len);
	if (st == SEAL_OLE2_READ_OK)
		st = ole2_read_child(run, att, "__substg1.0_37010102", &data);
	if (st == SEAL_OLE2_READ_OK && data != NULL && data->len > 0 && run->hooks->file != NULL &&
	    run->hooks->file(run->hooks->ctx, nm->len > 0 ? nm->str : label, data->data,
	    data->len, run->err) != SEAL_OK)
		st = SEAL_OLE2_READ_ERROR;
	obj = st == SEAL_OLE2_READ_OK ? ole2_child(att, "__substg1.0_3701000D", &damaged) : NULL;
	if (damaged)
		st = ole2_unscannable(run, "damaged Outlook item");
	if (obj != NULL && GSF_IS_INFILE(obj)) {
		st = depth + 1 > SEAL_OLE2_MAX_DEPTH ?
		    ole2_unscannable(run, "Outlook items nested deeper than %u", SEAL_OLE2_MAX_DEPTH) :
		    run->storage(run, GSF_INFILE(obj), label, depth + 1);
		if (st == SEAL_OLE2_READ_OTHER)
			st = ole2_unscannable(run, "Outlook item with an embedded object "
			    "that cannot be read");
	}
	if (obj != NULL)
		g_object_unref(obj);
	ole2_wipe(data);
	memset(nm->str, 0, nm->len);
	g_string_free(nm, TRUE);
	g_free(label);
	return st;
}

/* Recipients' names and addresses, then every attachment, in storage order. */
static seal_ole2_read_status
msg_children(struct ole2_run *run, GsfInfile *in, const char *prefix, unsigned depth)
{
	static const unsigned recip_ids[] = { 0x3001, 0x3003 };
	int n = gsf_infile_num_children(in);
	seal_ole2_read_status st = SEAL_OLE2_READ_OK;
	unsigned k = 0;

	for (int i = 0; i < n && st == SEAL_OLE2_READ_OK; i++) {
		const char *cn = gsf_infile_name_by_index(in, i);
		GsfInput *c;

		if (cn == NULL || (!g_str_has_prefix(cn, MSG_RECIP) &&
		    !g_str_has_prefix(cn, MSG_ATTACH)))
			continue;
		c = ole2_child_at(in, i, NULL);
		if (c == NULL || !GSF_IS_INFILE(c))
			st = ole2_unscannable(run, "damaged Outlook item");
		else if (g_str_has_prefix(cn, MSG_RECIP))
			st = msg_strings(run, GSF_INFILE(c), prefix, "recipient", recip_ids,
			    G_N_ELEMENTS(recip_ids));
		else
			st = msg_attachment(run, GSF_INFILE(c), prefix, ++k, depth);
		if (c != NULL)
			g_object_unref(c);
	}
	return st;
}

seal_ole2_read_status
ole2_msg(struct ole2_run *run, GsfInfile *in, const char *prefix, unsigned depth)
{
	static const unsigned subject[] = { 0x0037, 0x0070 };
	static const unsigned from[] = { 0x0C1A, 0x0042, 0x0C1F, 0x0065 };
	static const unsigned to[] = { 0x0E04, 0x0E03, 0x0E02 };
	static const unsigned body[] = { 0x1000 };
	seal_ole2_read_status st;

	st = msg_strings(run, in, prefix, "subject", subject, G_N_ELEMENTS(subject));
	if (st == SEAL_OLE2_READ_OK)
		st = msg_strings(run, in, prefix, "from", from, G_N_ELEMENTS(from));
	if (st == SEAL_OLE2_READ_OK)
		st = msg_strings(run, in, prefix, "to", to, G_N_ELEMENTS(to));
	if (st == SEAL_OLE2_READ_OK)
		st = msg_strings(run, in, prefix, "body", body, G_N_ELEMENTS(body));
	if (st == SEAL_OLE2_READ_OK)
		st = msg_rich_bodies(run, in, prefix);
	if (st == SEAL_OLE2_READ_OK)
		st = msg_children(run, in, prefix, depth);
	return st;
}
