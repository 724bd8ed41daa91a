/*
 * test_rewrite.c - unit tests for src/deliver/rewrite.c: split into inner entity
 * and outer header, assemble, and milter header edits checked against a
 * small simulator of libmilter/Postfix edit semantics. Failure messages
 * name lengths and offsets only, never message text (inputs hold
 * synthetic identity numbers).
 */
#include <stdio.h>
#include <string.h>

#include <check.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "err.h"
#include "rewrite.h"

#include "check_main.h"

#define NUM	"170583-1889"

/* Compares byte strings; reports sizes and first difference only. */
static void
expect_bytes(const char *label, const char *what, const char *got, size_t glen,
	const char *want, size_t wlen)
{
	size_t i = 0;

	while (i < glen && i < wlen && got[i] == want[i])
		i++;
	ck_assert_msg(glen == wlen && i == glen,
	    "%s: %s: got %zu bytes (first difference at %zu), want %zu bytes",
	    label, what, glen, i, wlen);
}

/* Appends p with bare LF -> CRLF (test copy of the canonicalisation). */
static void
crlf(GString *g, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n' && (i == 0 || p[i - 1] != '\r'))
			g_string_append_c(g, '\r');
		g_string_append_c(g, p[i]);
	}
}

typedef struct split_case {
	const char *label;
	const char *in;
	int protect;
	const char *neutral;
	const char *inner;   /* want, CRLF */
	const char *outer;   /* want, CRLF */
	int mv;              /* had MIME-Version */
} split_case;

#define BODY_LF		"Hei,\npersonnummer " NUM " i teksten.\n\nHilsen\n"
#define BODY_CRLF	"Hei,\r\npersonnummer " NUM " i teksten.\r\n\r\nHilsen\r\n"
#define MP_BODY \
	"This is MIME.\n--b1\nContent-Type: text/plain\n\nsee " NUM "\n" \
	"--b1\nContent-Type: application/octet-stream\n" \
	"Content-Disposition: attachment; filename=a.bin\n" \
	"Content-Transfer-Encoding: base64\n\nAAECAwQF\n--b1--\n"

static const split_case split_cases[] = {
	{ "plain LF",
	  "From: a@example.org\nTo: b@example.net\nSubject: Hi\n"
	  "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
	  "Content-Transfer-Encoding: 8bit\n\n" BODY_LF,
	  0, NULL,
	  "Content-Type: text/plain; charset=utf-8\r\n"
	  "Content-Transfer-Encoding: 8bit\r\n\r\n" BODY_CRLF,
	  "From: a@example.org\r\nTo: b@example.net\r\nSubject: Hi\r\n", 1 },
	{ "plain CRLF protect",
	  "From: a@example.org\r\nTo: b@example.net\r\nSubject: Hi\r\n"
	  "Date: Mon, 1 Jan 2024 10:00:00 +0100\r\nX-Other: keep\r\n"
	  "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
	  "\r\n" BODY_CRLF,
	  1, "Encrypted",
	  "From: a@example.org\r\nTo: b@example.net\r\nSubject: Hi\r\n"
	  "Date: Mon, 1 Jan 2024 10:00:00 +0100\r\nX-Other: keep\r\n"
	  "Content-Type: text/plain; charset=utf-8; protected-headers=\"v1\"\r\n"
	  "\r\n" BODY_CRLF,
	  /* Only transport fields stay outside: X-Other moved in (issue 15 item 3). */
	  "From: a@example.org\r\nTo: b@example.net\r\nSubject: Encrypted\r\n"
	  "Date: Mon, 1 Jan 2024 10:00:00 +0100\r\n", 1 },
	{ "no content-type",
	  "From: a@example.org\nSubject: x\n\n" BODY_LF, 0, NULL,
	  "Content-Type: text/plain; charset=us-ascii\r\n\r\n" BODY_CRLF,
	  "From: a@example.org\r\nSubject: x\r\n", 0 },
	{ "no content-type protect, default subject",
	  "From: a@example.org\nSubject: x\n\n" BODY_LF, 1, NULL,
	  "From: a@example.org\r\nSubject: x\r\n"
	  "Content-Type: text/plain; charset=us-ascii; protected-headers=\"v1\"\r\n"
	  "\r\n" BODY_CRLF,
	  "From: a@example.org\r\nSubject: Encrypted message\r\n", 0 },
	{ "folded rfc2047 subject protect",
	  "Subject: =?utf-8?q?S=C3=B8knad?=\n =?utf-8?q?_om_st=C3=B8tte?=\n"
	  "Received: from a\n\tby b; Mon, 1 Jan 2024\n"
	  "Content-Type: text/plain;\n\tcharset=\"utf-8\";\n"
	  "Content-Transfer-Encoding: quoted-printable\n\n" "S=C3=B8knad\n",
	  1, "Melding",
	  "Subject: =?utf-8?q?S=C3=B8knad?=\r\n =?utf-8?q?_om_st=C3=B8tte?=\r\n"
	  "Content-Type: text/plain;\r\n\tcharset=\"utf-8\"; protected-headers=\"v1\"\r\n"
	  "Content-Transfer-Encoding: quoted-printable\r\n\r\nS=C3=B8knad\r\n",
	  "Subject: Melding\r\nReceived: from a\r\n\tby b; Mon, 1 Jan 2024\r\n", 0 },
	/*
	 * Issue 15 item 3: only transport fields stay outside; Keywords,
	 * Comments, Thread-Topic (Outlook's copy of the Subject) and X- fields
	 * go inside with the content. Bcc stays out (the MTA removes it).
	 */
	{ "only transport fields outside",
	  "Received: from a\nFrom: a@example.org\nTo: b@example.net\nBcc: c@example.net\n"
	  "Subject: s\nKeywords: k " NUM "\nComments: c\nThread-Topic: t " NUM "\n"
	  "In-Reply-To: <i@x>\nReferences: <r@x>\nX-Mailer: m\n"
	  "X-Sealmilter-Original-Recipient: <b@example.net>\n"
	  "Content-Type: text/plain\n\nb\n", 0, NULL,
	  "Keywords: k " NUM "\r\nComments: c\r\nThread-Topic: t " NUM "\r\nX-Mailer: m\r\n"
	  "Content-Type: text/plain\r\n\r\nb\r\n",
	  "Received: from a\r\nFrom: a@example.org\r\nTo: b@example.net\r\n"
	  "Bcc: c@example.net\r\nSubject: s\r\nIn-Reply-To: <i@x>\r\nReferences: <r@x>\r\n"
	  "X-Sealmilter-Original-Recipient: <b@example.net>\r\n", 0 },
	{ "duplicate received keep order",
	  "Received: from one\nReceived: from two\nX-A: 1\nReceived: from three\n"
	  "Content-Type: text/plain\nSubject: s\n\nb\n", 0, NULL,
	  "X-A: 1\r\nContent-Type: text/plain\r\n\r\nb\r\n",
	  "Received: from one\r\nReceived: from two\r\n"
	  "Received: from three\r\nSubject: s\r\n", 0 },
	{ "header only empty body",
	  "Subject: s\r\nContent-Type: text/plain\r\n\r\n", 0, NULL,
	  "Content-Type: text/plain\r\n\r\n", "Subject: s\r\n", 0 },
	{ "no subject protect adds neutral",
	  "From: a@example.org\nContent-ID: <x@y>\ncontent-description: d\n"
	  "Content-Language: nb\nContent-Location: http://x/\n\nb", 1, "N",
	  "From: a@example.org\r\n"
	  "Content-Type: text/plain; charset=us-ascii; protected-headers=\"v1\"\r\n"
	  "Content-ID: <x@y>\r\ncontent-description: d\r\n"
	  "Content-Language: nb\r\nContent-Location: http://x/\r\n\r\nb",
	  "From: a@example.org\r\nSubject: N\r\n", 0 },
	{ "8bit body with NUL and high bytes",
	  "Subject: s\nContent-Transfer-Encoding: 8bit\n\n\xe6\xf8\xe5 " NUM "\r\nx\n",
	  0, NULL,
	  "Content-Type: text/plain; charset=us-ascii\r\n"
	  "Content-Transfer-Encoding: 8bit\r\n\r\n\xe6\xf8\xe5 " NUM "\r\nx\r\n",
	  "Subject: s\r\n", 0 },
	{ "multipart mixed attachment",
	  "From: a@example.org\nMIME-Version: 1.0\n"
	  "Content-Type: multipart/mixed; boundary=\"b1\"\nSubject: s\n\n" MP_BODY,
	  0, NULL, NULL, "From: a@example.org\r\nSubject: s\r\n", 1 },
	{ "content-type ending in semicolon protect",
	  "Subject: s\nContent-Type: text/plain;\n\nb\n", 1, "N",
	  "Subject: s\r\nContent-Type: text/plain; protected-headers=\"v1\"\r\n"
	  "\r\nb\r\n", "Subject: N\r\n", 0 },
	{ "duplicate content fields any case",
	  "content-type: text/plain\nX: 1\nContent-Type: text/html\n"
	  "MIME-Version: 1.0\nmime-version: 1.0\n\nb\n", 0, NULL,
	  "X: 1\r\ncontent-type: text/plain\r\nContent-Type: text/html\r\n\r\nb\r\n",
	  "", 1 },
};

/* The multipart body goes inside unchanged (LF -> CRLF only). */
static char *
want_inner(const split_case *c)
{
	GString *g;

	if (c->inner != NULL)
		return g_strdup(c->inner);
	g = g_string_new("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n");
	crlf(g, MP_BODY, strlen(MP_BODY));
	return g_string_free(g, FALSE);
}

START_TEST(test_split)
{
	const split_case *c = &split_cases[_i];
	seal_rewrite r;
	seal_err e;
	seal_status st;
	char *wi = want_inner(c);

	seal_err_clear(&e);
	st = seal_rewrite_split(c->in, strlen(c->in),
	    c->protect, c->neutral, &r, &e);
	ck_assert_msg(st == SEAL_OK, "%s: got status %s, want OK", c->label,
	    seal_status_name(st));
	expect_bytes(c->label, "inner", r.inner->str, r.inner->len, wi, strlen(wi));
	expect_bytes(c->label, "outer", r.outer->str, r.outer->len, c->outer,
	    strlen(c->outer));
	ck_assert_msg(r.had_mime_version == c->mv, "%s: had_mime_version got %d, want %d",
	    c->label, r.had_mime_version, c->mv);
	seal_rewrite_clear(&r);
	ck_assert_msg(r.inner == NULL && r.outer == NULL, "%s: clear left buffers",
	    c->label);
	g_free(wi);
}
END_TEST

/* A body with a NUL byte: lengths are honoured, not C strings. */
START_TEST(test_split_nul_body)
{
	static const char in[] = "Subject: s\n\nab\0cd\n";
	static const char want[] = "Content-Type: text/plain; charset=us-ascii\r\n"
	    "\r\nab\0cd\r\n";
	seal_rewrite r;
	seal_status st = seal_rewrite_split(in, sizeof(in) - 1, 0, NULL, &r, NULL);

	ck_assert_msg(st == SEAL_OK, "nul body: got %s, want OK", seal_status_name(st));
	expect_bytes("nul body", "inner", r.inner->str, r.inner->len, want,
	    sizeof(want) - 1);
	seal_rewrite_clear(&r);
}
END_TEST

/* ---- simulator of smfi_chgheader / smfi_addheader ---- */

typedef struct sim_field {
	char *name;
	GString *text;   /* whole field, CRLF */
	int deleted;
} sim_field;

static void
sim_field_free(gpointer p)
{
	sim_field *f = p;

	g_free(f->name);
	g_string_free(f->text, TRUE);
	g_free(f);
}

static sim_field *
sim_new(const char *name, size_t nlen, const char *text, size_t tlen)
{
	sim_field *f = g_new0(sim_field, 1);

	f->name = g_strndup(name, nlen);
	f->text = g_string_new(NULL);
	crlf(f->text, text, tlen);
	return f;
}

/* Splits the header block by hand (independent of GMime). */
static GPtrArray *
sim_parse(const char *m, size_t len, size_t *body)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(sim_field_free);
	size_t i = 0, start = 0;

	while (i < len) {
		const char *nl = memchr(m + i, '\n', len - i);
		size_t next = nl ? (size_t)(nl - m) + 1 : len;
		int blank = (next - i == 1) || (next - i == 2 && m[i] == '\r');

		if (i > start && (blank || (m[i] != ' ' && m[i] != '\t'))) {
			size_t c = start;

			while (c < i && m[c] != ':')
				c++;
			g_ptr_array_add(a, sim_new(m + start, c - start, m + start,
			    i - start));
			start = i;
		}
		if (blank) {
			*body = next;
			return a;
		}
		i = next;
	}
	*body = len;
	return a;
}

static sim_field *
sim_find(GPtrArray *a, const char *name, unsigned index, int stable)
{
	guint i;

	for (i = 0; i < a->len; i++) {
		sim_field *f = g_ptr_array_index(a, i);

		if (f->deleted && !stable)
			continue;
		if (g_ascii_strcasecmp(f->name, name) == 0 && --index == 0)
			return f->deleted ? NULL : f;
	}
	return NULL;
}

/*
 * stable=0: Postfix (deleted fields no longer counted); stable=1: Sendmail
 * (deleted fields keep their place in the count).
 */
static GString *
simulate(const char *msg, size_t len, GPtrArray *edits, const char *entity,
	size_t elen, size_t body_start, int stable)
{
	size_t body;
	GPtrArray *a = sim_parse(msg, len, &body);
	GString *out = g_string_new(NULL);
	guint i;

	for (i = 0; i < edits->len; i++) {
		seal_header_edit *e = g_ptr_array_index(edits, i);
		sim_field *f = e->add ? NULL : sim_find(a, e->name, e->index, stable);

		if (!e->add && f == NULL && e->value == NULL) {
			continue;   /* deleting a missing field is a no-op */
		} else if (e->add || f == NULL) {
			GString *t = g_string_new(e->name);

			ck_assert_msg(e->value != NULL, "edit %u: add without value", i);
			g_string_append_printf(t, ":%s\n", e->value);
			g_ptr_array_add(a, sim_new(e->name, strlen(e->name), t->str,
			    t->len));
			g_string_free(t, TRUE);
		} else if (e->value == NULL) {
			f->deleted = 1;
		} else {
			g_string_truncate(f->text, 0);
			g_string_append_printf(f->text, "%s:", e->name);
			crlf(f->text, e->value, strlen(e->value));
			g_string_append(f->text, "\r\n");
		}
	}
	for (i = 0; i < a->len; i++) {
		sim_field *f = g_ptr_array_index(a, i);

		if (!f->deleted)
			g_string_append_len(out, f->text->str, (gssize)f->text->len);
	}
	g_string_append(out, "\r\n");
	crlf(out, entity + body_start, elen - body_start);
	g_ptr_array_free(a, TRUE);
	return out;
}

static const char entity_lf[] =
	"Content-Type: application/pkcs7-mime; smime-type=enveloped-data;\n"
	"\tname=smime.p7m\nContent-Transfer-Encoding: base64\n"
	"Content-Disposition: attachment; filename=smime.p7m\n\n"
	"MIAGCSqGSIb3DQEHA6CAMIACAQAxggFA\nMIIBPAIBADAkMB8xHTAbBgNVBAMMFA==\n";

START_TEST(test_edits_match_assemble)
{
	const split_case *c = &split_cases[_i];
	seal_rewrite r;
	GString *whole = g_string_new(NULL);
	GPtrArray *edits;
	size_t bs = 0, want_bs;
	int stable;
	seal_status st;

	st = seal_rewrite_split(c->in, strlen(c->in), c->protect, c->neutral, &r, NULL);
	ck_assert_msg(st == SEAL_OK, "%s: split got %s", c->label, seal_status_name(st));
	st = seal_rewrite_assemble(&r, entity_lf, sizeof(entity_lf) - 1, whole, NULL);
	ck_assert_msg(st == SEAL_OK, "%s: assemble got %s", c->label,
	    seal_status_name(st));
	edits = seal_rewrite_edits(c->in, strlen(c->in), &r, entity_lf,
	    sizeof(entity_lf) - 1, &bs, NULL);
	ck_assert_msg(edits != NULL, "%s: edits got NULL, want edits", c->label);
	want_bs = (size_t)(strstr(entity_lf, "\n\n") - entity_lf) + 2;
	ck_assert_msg(bs == want_bs, "%s: body_start got %zu, want %zu", c->label,
	    bs, want_bs);
	for (stable = 0; stable <= 1; stable++) {
		GString *sim = simulate(c->in, strlen(c->in), edits, entity_lf,
		    sizeof(entity_lf) - 1, bs, stable);

		expect_bytes(c->label, stable ? "sendmail edits" : "postfix edits",
		    sim->str, sim->len, whole->str, whole->len);
		g_string_free(sim, TRUE);
	}
	g_ptr_array_free(edits, TRUE);
	g_string_free(whole, TRUE);
	seal_rewrite_clear(&r);
}
END_TEST

/* Deletions of one name go last to first, so both index schemes agree. */
START_TEST(test_edits_delete_order)
{
	const char *in = split_cases[G_N_ELEMENTS(split_cases) - 1].in;
	seal_rewrite r;
	GPtrArray *edits;
	size_t bs;
	guint i;
	unsigned last_ct = 99, n_del = 0;

	ck_assert(seal_rewrite_split(in, strlen(in), 0, NULL, &r, NULL) == SEAL_OK);
	edits = seal_rewrite_edits(in, strlen(in), &r, entity_lf,
	    sizeof(entity_lf) - 1, &bs, NULL);
	ck_assert_msg(edits != NULL, "delete order: got NULL edits");
	for (i = 0; i < edits->len; i++) {
		seal_header_edit *e = g_ptr_array_index(edits, i);

		if (e->add || e->value != NULL)
			continue;
		n_del++;
		if (g_ascii_strcasecmp(e->name, "Content-Type") == 0) {
			ck_assert_msg(e->index < last_ct,
			    "delete order: Content-Type index got %u after %u, want descending",
			    e->index, last_ct);
			last_ct = e->index;
		}
	}
	/* two Content-Type, two MIME-Version, and X moved inside */
	ck_assert_msg(n_del == 5, "delete order: got %u deletions, want 5", n_del);
	ck_assert_msg(last_ct == 1, "delete order: last Content-Type index got %u, want 1",
	    last_ct);
	g_ptr_array_free(edits, TRUE);
	seal_rewrite_clear(&r);
}
END_TEST

/* ---- parse back with GMime ---- */

static GMimeObject *
gm_parse(const char *buf, size_t len, GMimeParserOptions *o)
{
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(buf, len);
	GMimeParser *p = g_mime_parser_new_with_stream(s);
	GMimeObject *obj;

	g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
	obj = g_mime_parser_construct_part(p, o);
	g_object_unref(p);
	g_object_unref(s);
	return obj;
}

/* Decoded content of a single part (CRLF canonical), or NULL. */
static GString *
decoded(GMimeObject *obj)
{
	GMimeDataWrapper *w;
	GByteArray *ba;
	GMimeStream *s;
	GString *g;

	if (obj == NULL || !GMIME_IS_PART(obj))
		return NULL;
	w = g_mime_part_get_content(GMIME_PART(obj));
	if (w == NULL)
		return g_string_new(NULL);
	ba = g_byte_array_new();
	s = g_mime_stream_mem_new_with_byte_array(ba);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(s), FALSE);
	g_mime_data_wrapper_write_to_stream(w, s);
	g = g_string_new(NULL);
	crlf(g, (const char *)ba->data, ba->len);
	g_object_unref(s);
	g_byte_array_free(ba, TRUE);
	return g;
}

START_TEST(test_roundtrip_gmime)
{
	const split_case *c = &split_cases[_i];
	GMimeParserOptions *o = g_mime_parser_options_new();
	seal_rewrite r;
	GString *whole = g_string_new(NULL);
	GMimeMessage *m;
	GMimeParser *p;
	GMimeStream *s;
	GMimeObject *inner, *orig;
	GString *a, *b;

	ck_assert(seal_rewrite_split(c->in, strlen(c->in), 1, "Neutral", &r,
	    NULL) == SEAL_OK);
	ck_assert(seal_rewrite_assemble(&r, entity_lf, sizeof(entity_lf) - 1,
	    whole, NULL) == SEAL_OK);
	s = g_mime_stream_mem_new_with_buffer(whole->str, whole->len);
	p = g_mime_parser_new_with_stream(s);
	m = g_mime_parser_construct_message(p, o);
	ck_assert_msg(m != NULL, "%s: assembled message does not parse", c->label);
	ck_assert_msg(g_strcmp0(g_mime_message_get_subject(m), "Neutral") == 0,
	    "%s: outer Subject is not the neutral one", c->label);
	ck_assert_msg(GMIME_IS_PART(g_mime_message_get_mime_part(m)),
	    "%s: outer body is not the entity part", c->label);
	g_object_unref(m);
	g_object_unref(p);
	g_object_unref(s);

	inner = gm_parse(r.inner->str, r.inner->len, o);
	orig = gm_parse(c->in, strlen(c->in), o);
	ck_assert_msg(inner != NULL, "%s: inner entity does not parse", c->label);
	ck_assert_msg(G_OBJECT_TYPE(inner) == G_OBJECT_TYPE(orig),
	    "%s: inner type got %s, want %s", c->label, G_OBJECT_TYPE_NAME(inner),
	    G_OBJECT_TYPE_NAME(orig));
	a = decoded(inner);
	b = decoded(orig);
	if (a != NULL || b != NULL) {
		ck_assert_msg(a != NULL && b != NULL, "%s: one side not a part", c->label);
		expect_bytes(c->label, "decoded inner", a->str, a->len, b->str, b->len);
		g_string_free(a, TRUE);
		g_string_free(b, TRUE);
	}
	g_object_unref(inner);
	g_object_unref(orig);
	g_string_free(whole, TRUE);
	seal_rewrite_clear(&r);
	g_mime_parser_options_free(o);
}
END_TEST

/* ---- malformed input and usage errors ---- */

typedef struct bad_case {
	const char *label;
	const char *in;
	size_t len;
	seal_status want;
} bad_case;

#define B(l, s, w)	{ l, s, sizeof(s) - 1, w }
static const bad_case bad_cases[] = {
	B("empty", "", SEAL_ERR_PARSE),
	B("no blank line", "Subject: x\nFrom: y\n", SEAL_ERR_PARSE),
	B("no blank line, body text", "Subject: x\nbody text " NUM "\n", SEAL_ERR_PARSE),
	B("garbage", "garbage without colon\nand more\n\n", SEAL_ERR_PARSE),
	B("leading whitespace", " leading: ws\nA: b\n\nx", SEAL_ERR_PARSE),
	B("mbox from line", "From someone Mon\nSubject: x\n\nb\n", SEAL_ERR_PARSE),
	B("binary", "\x01\x02\xff\0\0\n\n", SEAL_ERR_PARSE),
	B("NUL in header", "Subject: a\0b\nX: c\n\nbody\n", SEAL_OK),
};

START_TEST(test_malformed)
{
	const bad_case *c = &bad_cases[_i];
	seal_rewrite r;
	seal_err e;
	seal_status st;

	seal_err_clear(&e);
	st = seal_rewrite_split(c->in, c->len, 1, "N", &r, &e);
	ck_assert_msg(st == c->want, "%s: got %s, want %s", c->label,
	    seal_status_name(st), seal_status_name(c->want));
	if (st != SEAL_OK)
		ck_assert_msg(e.code == st && e.msg[0] != '\0' &&
		    strstr(e.msg, NUM) == NULL, "%s: error not filled", c->label);
	else
		seal_rewrite_clear(&r);
}
END_TEST

START_TEST(test_usage)
{
	const char *in = "Subject: s\n\nb\n";
	seal_rewrite r;
	GString *g = g_string_new(NULL);
	seal_status st;
	size_t bs;
	GPtrArray *edits;

	st = seal_rewrite_split(in, strlen(in), 1, "bad\r\nBcc: x@y", &r, NULL);
	ck_assert_msg(st == SEAL_ERR_USAGE, "CRLF subject: got %s, want USAGE",
	    seal_status_name(st));
	st = seal_rewrite_split(in, strlen(in), 0, NULL, NULL, NULL);
	ck_assert_msg(st == SEAL_ERR_USAGE, "NULL out: got %s, want USAGE",
	    seal_status_name(st));
	ck_assert(seal_rewrite_split(in, strlen(in), 0, NULL, &r, NULL) == SEAL_OK);
	st = seal_rewrite_assemble(&r, "no header block", 15, g, NULL);
	ck_assert_msg(st == SEAL_ERR_PARSE, "entity without blank line: got %s, want PARSE",
	    seal_status_name(st));
	/* An outer header taken from another message must not give edits. */
	edits = seal_rewrite_edits("From: a\n\nb\n", 11, &r, entity_lf,
	    sizeof(entity_lf) - 1, &bs, NULL);
	ck_assert_msg(edits == NULL, "foreign outer: got edits, want NULL");
	seal_rewrite_clear(&r);
	g_string_free(g, TRUE);
}
END_TEST

/*
 * Issue 15 item 3: address fields named bare lose their display names
 * outside, whole inside, and the milter's edits say the same (a change of
 * the field, not a deletion). Group names go too; an unreadable value
 * becomes an empty group. NUM stands for a finding (its value is not used).
 */
START_TEST(test_bare_names)
{
	const char *in = "From: \"Sag " NUM "\" <sb@kommune.example>\n"
	    "To: Alice " NUM " <alice@citizen.example>, bob@citizen.example\n"
	    "Cc: Grp " NUM ": carol@citizen.example;\n"
	    "Reply-To: Kept Name <sag@kommune.example>\n"
	    "Bcc: \"" NUM "\n"
	    "Subject: s\n\nbody\n";
	const char *const bare[] = { "from", "To", "Cc", "Bcc", "Subject", NULL };
	seal_rewrite r;
	GPtrArray *edits;
	size_t bs;
	int changed_to = 0;

	ck_assert(seal_rewrite_split_bare(in, strlen(in), 0, NULL, bare, &r, NULL) == SEAL_OK);
	ck_assert_msg(strstr(r.outer->str, NUM) == NULL, "outer still holds the finding");
	ck_assert(strstr(r.outer->str, "From: sb@kommune.example\r\n") != NULL);
	ck_assert(strstr(r.outer->str,
	    "To: alice@citizen.example, bob@citizen.example\r\n") != NULL);
	ck_assert(strstr(r.outer->str, "Cc: carol@citizen.example\r\n") != NULL);
	ck_assert(strstr(r.outer->str, "Bcc: undisclosed-recipients:;\r\n") != NULL);
	ck_assert_msg(strstr(r.outer->str, "Reply-To: Kept Name <sag@kommune.example>") != NULL,
	    "a field not named keeps its name");
	ck_assert_msg(strstr(r.outer->str, "Subject: s\r\n") != NULL,
	    "a non-address field named bare is not touched");
	ck_assert_msg(strstr(r.inner->str, "To: Alice " NUM " <alice@citizen.example>") != NULL,
	    "the field travels whole inside");
	edits = seal_rewrite_edits(in, strlen(in), &r, entity_lf, sizeof(entity_lf) - 1,
	    &bs, NULL);
	ck_assert(edits != NULL);
	for (guint i = 0; i < edits->len; i++) {
		const seal_header_edit *e = g_ptr_array_index(edits, i);

		ck_assert_msg(e->value == NULL || strstr(e->value, NUM) == NULL,
		    "edit of %s shows the finding", e->name);
		if (strcmp(e->name, "To") == 0 && !e->add && e->value != NULL)
			changed_to = 1;
	}
	ck_assert_msg(changed_to, "no edit changes To");
	g_ptr_array_free(edits, TRUE);
	seal_rewrite_clear(&r);
}
END_TEST

/* Every truncation of a sample: OK or PARSE, never a crash. */
START_TEST(test_truncations)
{
	const char *in = split_cases[G_N_ELEMENTS(split_cases) - 3].in;
	size_t n, len = strlen(in), ok = 0;
	unsigned rounds = 0;

	for (n = 0; n <= len; n++) {
		char *copy = g_malloc(n + 1);
		seal_rewrite r;
		seal_status st;

		memcpy(copy, in, n);
		for (int prot = 0; prot <= 1; prot++, rounds++) {
			st = seal_rewrite_split(copy, n, prot, "N", &r, NULL);
			ck_assert_msg(st == SEAL_OK || st == SEAL_ERR_PARSE,
			    "truncated at %zu: got %s, want OK or PARSE", n,
			    seal_status_name(st));
			if (st == SEAL_OK) {
				GString *g = g_string_new(NULL);
				size_t bs;
				GPtrArray *ed;

				ok++;
				ck_assert(seal_rewrite_assemble(&r, entity_lf,
				    sizeof(entity_lf) - 1, g, NULL) == SEAL_OK);
				ed = seal_rewrite_edits(copy, n, &r, entity_lf,
				    sizeof(entity_lf) - 1, &bs, NULL);
				ck_assert_msg(ed != NULL, "truncated at %zu: no edits", n);
				g_ptr_array_free(ed, TRUE);
				g_string_free(g, TRUE);
				seal_rewrite_clear(&r);
			}
		}
		g_free(copy);
	}
	ck_assert_msg(rounds > 300, "truncations: got %u rounds, want > 300", rounds);
	ck_assert_msg(ok > 100, "truncations: got %zu parsed, want > 100", ok);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("rewrite");
	TCase *tc = tcase_create("rewrite");

	g_mime_init();
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_split, 0, G_N_ELEMENTS(split_cases));
	tcase_add_test(tc, test_split_nul_body);
	tcase_add_loop_test(tc, test_edits_match_assemble, 0,
	    G_N_ELEMENTS(split_cases));
	tcase_add_test(tc, test_edits_delete_order);
	tcase_add_loop_test(tc, test_roundtrip_gmime, 0, G_N_ELEMENTS(split_cases));
	tcase_add_loop_test(tc, test_malformed, 0, G_N_ELEMENTS(bad_cases));
	tcase_add_test(tc, test_usage);
	tcase_add_test(tc, test_bare_names);
	tcase_add_test(tc, test_truncations);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
