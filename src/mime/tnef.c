/*
 * tnef.c - TNEF read with libytnef (tnef.h). The stream is checked first
 * (tnef_check.c: libytnef prints its errors to standard output), parsed
 * from memory, then its message properties, bodies and attachments are
 * handed to the hooks; an attached message recurses.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>      /* ytnef.h needs FILE */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <ytnef.h>

#include "html.h"
#include "lzfu.h"
#include "metafile.h"
#include "ocr.h"
#include "rtftext.h"
#include "tnef.h"
#include "tnef_internal.h"

/* MAPI property ids ([MS-OXPROPS]) */
#define ID_SUBJECT 0x0037
#define ID_SENT_REPR 0x0042
#define ID_MSG_CLASS 0x001A
#define ID_SENDER 0x0C1A
#define ID_DISPLAY_BCC 0x0E02
#define ID_DISPLAY_CC 0x0E03
#define ID_DISPLAY_TO 0x0E04
#define ID_BODY 0x1000
#define ID_RTF 0x1009
#define ID_HTML 0x1013
#define ID_DISPLAY_NAME 0x3001
#define ID_ATTACH_DATA 0x3701
#define ID_ATTACH_FILENAME 0x3704
#define ID_ATTACH_METHOD 0x3705
#define ID_ATTACH_LONG_FILENAME 0x3707

struct tn {
	const seal_tnef_hooks *h;
	seal_err *err;
	const char *prefix;     /* "" or "message NAME/" */
	unsigned nesting;
	int cp;                 /* code page of 8-bit strings */
	char *reason;
	size_t rsize;
	int unscannable;
	int failed;             /* a hook failed */
};

static seal_tnef_status read_stream(struct tn *t, const uint8_t *d, size_t len);

int
seal_tnef_is(const uint8_t *d, size_t n)
{
	return n >= 4 && seal_tnef_u32(d) == SEAL_TNEF_SIGNATURE;
}

static void
unscannable(struct tn *t, const char *why)
{
	if (!t->unscannable)
		g_strlcpy(t->reason, why, t->rsize);
	t->unscannable = 1;
}

/* The first value of property id (not a named one), its type in *type. */
static variableLength *
prop(MAPIProps *p, unsigned id, unsigned *type)
{
	for (DWORD k = 0; p != NULL && k < p->count; k++) {
		MAPIProperty *m = &p->properties[k];

		if (m->custom == 0 && PROP_ID(m->id) == id && m->count > 0 &&
		    m->data != NULL && m->data[0].size > 0 && m->data[0].data != NULL) {
			*type = PROP_TYPE(m->id);
			return &m->data[0];
		}
	}
	return NULL;
}

/* 8-bit text in the stream's code page, as UTF-8 (NULs at the end dropped). */
static char *
bytes_utf8(const struct tn *t, const uint8_t *d, size_t n, size_t *out)
{
	char name[16], *u;
	gsize w = 0;

	while (n > 0 && d[n - 1] == '\0')
		n--;
	if (t->cp == 65001 || g_utf8_validate_len((const char *)d, n, NULL))
		u = g_utf8_make_valid((const char *)d, (gssize)n);
	else {
		g_snprintf(name, sizeof(name), "CP%d", t->cp > 0 ? t->cp : 1252);
		u = g_convert_with_fallback((const char *)d, (gssize)n, "UTF-8", name, "?",
		    NULL, &w, NULL);
		if (u == NULL)
			u = g_convert_with_fallback((const char *)d, (gssize)n, "UTF-8",
			    "WINDOWS-1252", "?", NULL, &w, NULL);
		if (u == NULL)
			u = g_utf8_make_valid((const char *)d, (gssize)n);
	}
	*out = strlen(u);
	return u;
}

/* A string property as UTF-8 (libytnef made PT_UNICODE UTF-8 already). */
static char *
prop_text(const struct tn *t, MAPIProps *p, unsigned id, size_t *out)
{
	unsigned type = 0;
	variableLength *v = prop(p, id, &type);

	if (v == NULL || (type != PT_STRING8 && type != PT_UNICODE && type != PT_BINARY))
		return NULL;
	if (type == PT_UNICODE) {
		char *u = g_utf8_make_valid((const char *)v->data,
		    (gssize)strnlen((const char *)v->data, (size_t)v->size * 3 / 2));

		*out = strlen(u);
		return u;
	}
	return bytes_utf8(t, v->data, (size_t)v->size, out);
}

static void
wipe_free(char *s, size_t n)
{
	if (s != NULL)
		memset(s, 0, n);
	g_free(s);
}

static void
emit(struct tn *t, const char *label, const char *text, size_t len)
{
	char *l;

	if (t->failed || len == 0)
		return;
	l = g_strconcat(t->prefix, label, NULL);
	if (t->h->text(t->h->ctx, l, text, len, t->err) != SEAL_OK)
		t->failed = 1;
	g_free(l);
}

static void
file(struct tn *t, const char *name, const uint8_t *d, size_t len)
{
	char *l;

	if (t->failed || len == 0)
		return;
	l = g_strconcat(t->prefix, name, NULL);
	if (t->h->file(t->h->ctx, l, d, len, t->err) != SEAL_OK)
		t->failed = 1;
	g_free(l);
}

static void
emit_prop(struct tn *t, MAPIProps *p, unsigned id, const char *label)
{
	size_t n = 0;
	char *s = prop_text(t, p, id, &n);

	if (s != NULL)
		emit(t, label, s, n);
	wipe_free(s, n);
}

/*
 * A body's pictures ("BODY/picture N") to the picture hook, when there is
 * one; a metafile of the RTF body to the file hook, which reads the text
 * it draws without OCR.
 */
static void
pictures(struct tn *t, const char *body, const GPtrArray *pics, unsigned dropped,
	bool drawable_only)
{
	char why[80];

	for (guint k = 0; pics != NULL && k < pics->len && !t->failed; k++) {
		const GByteArray *b = g_ptr_array_index(pics, k);
		char *l;

		if (!drawable_only && seal_metafile_is(b->data, b->len)) {
			l = g_strdup_printf("%s%s/picture %u", t->prefix, body, k + 1);
			if (t->h->file != NULL &&
			    t->h->file(t->h->ctx, l, b->data, b->len, t->err) != SEAL_OK)
				t->failed = 1;
			g_free(l);
			continue;
		}
		if (t->h->picture == NULL)
			continue;

		/* a data: URI that is no picture a client draws shows nothing
		 * (as in a text/html part); an RTF picture must decode */
		if (drawable_only && !seal_ocr_is_image(b->data, b->len))
			continue;
		l = g_strdup_printf("%s%s/picture %u", t->prefix, body, k + 1);
		if (t->h->picture(t->h->ctx, l, b->data, b->len, t->err) != SEAL_OK)
			t->failed = 1;
		g_free(l);
	}
	if (dropped > 0 && t->h->picture != NULL) {
		g_snprintf(why, sizeof(why), "TNEF %s has more pictures than are read", body);
		unscannable(t, why);
	}
}

/* PR_BODY_HTML: the HTML reader's full text, attribute values and data: pictures. */
static void
html_body(struct tn *t, MAPIProps *p)
{
	size_t n = 0;
	char *s = prop_text(t, p, ID_HTML, &n);
	seal_html_text *h;

	if (s == NULL)
		return;
	h = seal_html_read(s, n);
	emit(t, "body (HTML)", h->full, h->full_len);
	emit(t, "body (HTML attributes)", h->attrs, h->attrs_len);
	pictures(t, "body (HTML)", h->pictures, h->pictures_dropped, true);
	seal_html_text_free(h);
	wipe_free(s, n);
}

/* PR_RTF_COMPRESSED: decompressed, read as RTF; its objects are files. */
static void
rtf_body(struct tn *t, MAPIProps *p)
{
	unsigned type = 0;
	variableLength *v = prop(p, ID_RTF, &type);
	seal_lzfu_status ls;
	seal_rtf_doc *doc;
	uint8_t *raw;
	size_t rn;
	char why[80];

	if (v == NULL)
		return;
	/* no cap beyond lzfu.h's own: RAWSIZE at most 9 times the stream */
	ls = seal_lzfu_decompress(v->data, (size_t)v->size, SIZE_MAX, &raw, &rn);
	if (ls != SEAL_LZFU_OK) {
		g_snprintf(why, sizeof(why), "TNEF compressed RTF body: %s",
		    seal_lzfu_describe(ls));
		unscannable(t, why);
		return;
	}
	doc = seal_rtf_read((const char *)raw, rn);
	emit(t, "body (RTF)", doc->text, doc->text_len);
	for (guint k = 0; k < doc->objects->len; k++) {
		seal_rtf_object *o = g_ptr_array_index(doc->objects, k);
		char *name = g_strdup_printf("body (RTF)/%s", o->name);

		file(t, name, o->data, o->len);
		g_free(name);
	}
	pictures(t, "body (RTF)", doc->pictures, doc->pictures_dropped, false);
	seal_rtf_doc_free(doc);
	memset(raw, 0, rn);
	free(raw);
}

/* S/MIME-encrypted or "Secure" message classes: their content is unreadable. */
static int
encrypted_class(const char *c)
{
	return (g_str_has_prefix(c, "IPM.Note.SMIME") && strstr(c, "MultipartSigned") == NULL) ||
	    g_str_has_prefix(c, "IPM.Note.Secure");
}

static void
message_texts(struct tn *t, TNEFStruct *tnef)
{
	MAPIProps *p = &tnef->MapiProperties;
	unsigned type;
	size_t n = 0;
	char *s = prop_text(t, p, ID_MSG_CLASS, &n);

	if (encrypted_class(tnef->messageClass) || (s != NULL && encrypted_class(s)))
		unscannable(t, "TNEF message is encrypted");
	wipe_free(s, n);
	if (prop(p, ID_SUBJECT, &type) != NULL)
		emit_prop(t, p, ID_SUBJECT, "subject");
	else if (tnef->subject.size > 0) {
		s = bytes_utf8(t, tnef->subject.data, (size_t)tnef->subject.size, &n);
		emit(t, "subject", s, n);
		wipe_free(s, n);
	}
	emit_prop(t, p, ID_SENDER, "from");
	emit_prop(t, p, ID_SENT_REPR, "sent for");
	emit_prop(t, p, ID_DISPLAY_TO, "to");
	emit_prop(t, p, ID_DISPLAY_CC, "cc");
	emit_prop(t, p, ID_DISPLAY_BCC, "bcc");
	if (prop(p, ID_BODY, &type) != NULL)
		emit_prop(t, p, ID_BODY, "body");
	else if (tnef->body.size > 0) {
		s = bytes_utf8(t, tnef->body.data, (size_t)tnef->body.size, &n);
		emit(t, "body", s, n);
		wipe_free(s, n);
	}
	html_body(t, p);
	rtf_body(t, p);
}

static char *
attachment_name(const struct tn *t, Attachment *a, unsigned k)
{
	size_t n = 0;
	char *s = prop_text(t, &a->MAPI, ID_ATTACH_LONG_FILENAME, &n);

	if (s == NULL || n == 0) {
		g_free(s);
		s = prop_text(t, &a->MAPI, ID_ATTACH_FILENAME, &n);
	}
	if ((s == NULL || n == 0) && a->Title.size > 0) {
		g_free(s);
		s = bytes_utf8(t, a->Title.data, (size_t)a->Title.size, &n);
	}
	if (s == NULL || n == 0) {
		g_free(s);
		s = g_strdup_printf("attachment %u", k);
	}
	return s;
}

/* An attached message: its TNEF stream read one level down. */
static void
attached_message(struct tn *t, const char *name, const uint8_t *d, size_t len)
{
	struct tn sub = *t;
	char *prefix;

	if (t->nesting + 1 >= SEAL_TNEF_MAX_NESTING) {
		unscannable(t, "TNEF messages nested too deep");
		return;
	}
	prefix = g_strdup_printf("%smessage %s/", t->prefix, name);
	sub.prefix = prefix;
	sub.nesting = t->nesting + 1;
	sub.unscannable = 0;
	(void)read_stream(&sub, d, len);
	if (sub.unscannable)
		unscannable(t, sub.reason);
	t->failed |= sub.failed;
	g_free(prefix);
}

/*
 * PR_ATTACH_METHOD by reference (2, 3, 4: a path; 7: a web link): the
 * file is not in the message, only its name, which is read.
 */
static int
by_reference(Attachment *a)
{
	unsigned type = 0;
	variableLength *v = prop(&a->MAPI, ID_ATTACH_METHOD, &type);
	uint32_t m;

	if (v == NULL || type != PT_LONG || v->size < 4)
		return 0;
	memcpy(&m, v->data, 4);         /* libytnef stored it in host order */
	return m == 2 || m == 3 || m == 4 || m == 7;
}

static void
attachment(struct tn *t, Attachment *a, unsigned k)
{
	char *name = attachment_name(t, a, k);
	unsigned type = 0;
	variableLength *v = prop(&a->MAPI, ID_ATTACH_DATA, &type);

	emit(t, "attachment name", name, strlen(name));
	if (a->FileData.size > 0)
		file(t, name, a->FileData.data, (size_t)a->FileData.size);
	else if (v != NULL) {
		const uint8_t *d = v->data;
		size_t n = (size_t)v->size;

		if (type == PT_OBJECT && n >= 16) {     /* an interface id, then the object */
			d += 16;
			n -= 16;
		}
		if (seal_tnef_is(d, n))
			attached_message(t, name, d, n);
		else
			file(t, name, d, n);
	} else if ((a->MAPI.count > 0 || a->Title.size > 0) && !by_reference(a))
		/* data that should be in the stream and is not: never clean */
		unscannable(t, "TNEF attachment without readable data");
	g_free(name);
}

static seal_tnef_status
read_stream(struct tn *t, const uint8_t *d, size_t len)
{
	TNEFStruct tnef;
	Attachment *a;
	unsigned k = 0;
	int rc;

	if (seal_tnef_check(d, len, t->reason, t->rsize) != 0) {
		t->unscannable = 1;
		return SEAL_TNEF_UNSCANNABLE;
	}
	TNEFInitialize(&tnef);
	tnef.Debug = 0;
	rc = TNEFParseMemory((BYTE *)d, (long)len, &tnef);
	if (rc != 0)
		unscannable(t, "TNEF stream not understood");
	else {
		t->cp = tnef.CodePage.size >= 4 ? (int)seal_tnef_u32(tnef.CodePage.data) : 1252;
		message_texts(t, &tnef);
		/* libytnef fills the list head when data comes before attAttachRenddata */
		for (a = &tnef.starting_attach; a != NULL && !t->failed; a = a->next, k++)
			if (a != &tnef.starting_attach || a->FileData.size > 0 || a->MAPI.count > 0)
				attachment(t, a, k);
	}
	TNEFFree(&tnef);
	TNEFFreeAttachment(&tnef.starting_attach);     /* TNEFFree leaves the list head */
	if (t->failed)
		return SEAL_TNEF_ERROR;
	return t->unscannable ? SEAL_TNEF_UNSCANNABLE : SEAL_TNEF_OK;
}

seal_tnef_status
seal_tnef_extract(const uint8_t *d, size_t len, const seal_tnef_hooks *h, char *reason,
	size_t rsize, seal_err *err)
{
	struct tn t = { h, err, "", 0, 1252, reason, rsize, 0, 0 };

	if (rsize > 0)
		reason[0] = '\0';
	return read_stream(&t, d, len);
}
