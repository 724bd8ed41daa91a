/*
 * test_message.c - unit tests for the MIME walk (message.c) and the
 * decoding helpers (extract.c): the sample corpus in tests/corpus, the
 * part/depth/text limits on generated messages, I/O errors, and a few
 * hundred mutated corpus files that must neither crash nor hand over
 * invalid UTF-8.
 *
 * Identity numbers appear only in test input (corpus files, tables); a
 * failure message shows masks or text with the digits replaced by '#'.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "err.h"
#include "extract.h"
#include "message.h"

#include "check_main.h"

/* ------------------------------------------------------------ helpers */

typedef struct got_text {
	seal_where_kind where;
	unsigned part;
	unsigned depth;
	char *name;
	char *text;
	size_t len;
} got_text;

typedef struct collector {
	GPtrArray *texts;     /* got_text* */
	int stop_after;       /* > 0: return SEAL_ERR_LIMIT at that text */
} collector;

static void
got_text_free(gpointer p)
{
	got_text *g = p;

	g_free(g->name);
	g_free(g->text);
	g_free(g);
}

static seal_status
collect(void *ctx, const seal_text *t, seal_err *err)
{
	collector *c = ctx;
	got_text *g = g_new0(got_text, 1);

	(void)err;
	g->where = t->where;
	g->part = t->part;
	g->depth = t->depth;
	g->name = g_strdup(t->name);
	g->text = g_strndup(t->text, t->len);
	g->len = t->len;
	g_ptr_array_add(c->texts, g);
	if (c->stop_after > 0 && (int)c->texts->len >= c->stop_after)
		return SEAL_ERR_LIMIT;
	return SEAL_OK;
}

static void
collector_init(collector *c)
{
	c->texts = g_ptr_array_new_with_free_func(got_text_free);
	c->stop_after = 0;
}

/* Digits replaced by '#': safe to print in a failure message. */
static char *
show(const char *s)
{
	char *r = g_strdup(s != NULL ? s : "(null)");
	char *p;

	for (p = r; *p != '\0'; p++)
		if (*p >= '0' && *p <= '9')
			*p = '#';
	return r;
}

/*
 * True when text holds a number with the given mask ("151005-XXXX",
 * "110875YXXXX", "160780-XXXXX"): the part before the X run (without a
 * trailing '-' or '+'), an optional separator, then as many alphanumerics
 * as the mask has X.
 */
static int
mask_present(const char *text, const char *mask)
{
	const char *x = strchr(mask, 'X');
	size_t plen = (size_t)(x - mask), nx = strlen(x);
	char *prefix;
	const char *p;
	int found = 0;

	if (plen > 0 && (mask[plen - 1] == '-' || mask[plen - 1] == '+'))
		plen--;
	prefix = g_strndup(mask, plen);
	for (p = strstr(text, prefix); p != NULL && !found; p = strstr(p + 1, prefix)) {
		const char *q = p + plen;
		size_t i;

		if (*q == '-' || *q == '+' || *q == ' ')
			q++;
		for (i = 0; i < nx && g_ascii_isalnum(q[i]); i++)
			;
		found = i == nx;
	}
	g_free(prefix);
	return found;
}

static char *
corpus_path(const char *file)
{
	const char *top = getenv("top_srcdir");

	ck_assert_msg(top != NULL, "top_srcdir not set: run through make check");
	return g_build_filename(top, "tests", "corpus", file, NULL);
}

static seal_status
walk_buffer(const char *data, size_t len, const seal_walk_limits *lim,
	collector *c, seal_walk_result *res, seal_err *err)
{
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(data, len);
	seal_status st = seal_message_walk(s, lim, collect, c, res, err);

	g_object_unref(s);
	return st;
}

static char *
read_corpus(const char *file, size_t *len)
{
	char *path = corpus_path(file), *data = NULL;
	GError *e = NULL;

	ck_assert_msg(g_file_get_contents(path, &data, len, &e),
	    "cannot read corpus file %s", file);
	g_free(path);
	return data;
}

/* Every handed-over text is NUL-free valid UTF-8 of the stated length. */
static void
assert_texts_sane(const char *label, collector *c, const seal_walk_result *r)
{
	guint i;

	ck_assert_msg(r->texts == c->texts->len, "%s: texts got %u, want %u",
	    label, r->texts, c->texts->len);
	for (i = 0; i < c->texts->len; i++) {
		got_text *g = c->texts->pdata[i];

		ck_assert_msg(strlen(g->text) == g->len,
		    "%s: text %u has NUL bytes", label, i);
		ck_assert_msg(g_utf8_validate(g->text, (gssize)g->len, NULL),
		    "%s: text %u is not valid UTF-8", label, i);
		ck_assert_msg(g->name == NULL || g_utf8_validate(g->name, -1, NULL),
		    "%s: name %u is not valid UTF-8", label, i);
	}
}

/* ------------------------------------------------------------ corpus */

#define ANY_NAME ((const char *)1)
#define MAXT 6

typedef struct expect_text {
	seal_where_kind where;
	unsigned part;
	unsigned depth;
	const char *name;     /* ANY_NAME: not checked; NULL: must be NULL */
	const char *needle;   /* substring of the text (no numbers) or NULL */
	const char *mask;     /* number that must be in the text, or NULL */
} expect_text;

typedef struct corpus_case {
	const char *label;
	const char *file;
	int unscannable;
	int encrypted;
	int repaired;         /* -1: not checked */
	unsigned uninspected;
	unsigned parts;
	unsigned texts;
	expect_text t[MAXT];
} corpus_case;

static const corpus_case corpus_cases[] = {
	{ "dk plain QP latin1", "dk-cpr-qp-latin1.eml", 0, 0, 0, 0, 1, 4, {
		{ SEAL_WHERE_SUBJECT, 0, 0, "Subject", "Vedr. din ans\xc3\xb8gning", NULL },
		{ SEAL_WHERE_BODY, 1, 0, NULL, "bl\xc3\xa5" "b\xc3\xa6rgr\xc3\xb8" "d", "151005-XXXX" },
	} },
	/* every case: From and To display names are handed over too (2 texts) */
	{ "dk clean", "dk-clean.eml", 0, 0, 0, 0, 1, 4, {
		{ SEAL_WHERE_SUBJECT, 0, 0, "Subject", "Frokost p\xc3\xa5 fredag", NULL },
		{ SEAL_WHERE_BODY, 1, 0, NULL, "S\xc3\xb8ren senest", NULL },
	} },
	{ "se html alternative", "se-pnr-html-alt.eml", 0, 0, 0, 0, 3, 5, {
		{ SEAL_WHERE_BODY, 1, 0, NULL, "H\xc3\xa4r \xc3\xa4r uppgifterna", NULL },
		{ SEAL_WHERE_PART, 2, 0, NULL, "Personnummer:", "19140620-XXXX" },
	} },
	{ "no csv cp1252 attachment", "no-fnr-csv-cp1252.eml", 0, 0, 0, 0, 3, 6, {
		{ SEAL_WHERE_BODY, 1, 0, NULL, "vedlagt liste", NULL },
		{ SEAL_WHERE_FILENAME, 2, 0, "ansatte.csv", "ansatte.csv", NULL },
		{ SEAL_WHERE_ATTACHMENT, 2, 0, "ansatte.csv", "\xc3\x85se \xc3\x98" "deg\xc3\xa5rd", "160780-XXXXX" },
	} },
	{ "fi subject 2047", "fi-hetu-subject.eml", 0, 0, 0, 0, 1, 4, {
		{ SEAL_WHERE_SUBJECT, 0, 0, "Subject", "Henkil\xc3\xb6tunnus:", "180297+XXXX" },
		{ SEAL_WHERE_BODY, 1, 0, NULL, "katso aihe", NULL },
	} },
	{ "is kennitala", "is-kt-plain.eml", 0, 0, 0, 0, 1, 4, {
		{ SEAL_WHERE_BODY, 1, 0, NULL, "\xc3\x9e" "akka \xc3\xbe\xc3\xa9r", "040496-XXXX" },
	} },
	{ "file names 2231", "filename-2231.eml", 0, 0, 0, 0, 4, 6, {
		{ SEAL_WHERE_BODY, 1, 0, NULL, "bilagorna", NULL },
		{ SEAL_WHERE_FILENAME, 2, 0, ANY_NAME, "Beslut ", "710903-XXXX" },
		{ SEAL_WHERE_FILENAME, 3, 0, ANY_NAME, "cpr_", "170583-XXXX" },
	} },
	{ "nested rfc822 x3", "nested-rfc822-3.eml", 0, 0, 0, 0, 10, 11, {
		{ SEAL_WHERE_FILENAME, 0, 0, "sag.eml", "sag.eml", NULL },
		{ SEAL_WHERE_HEADER, 0, 1, "Subject", "Niveau 1", NULL },
		{ SEAL_WHERE_HEADER, 0, 3, "Subject", "Niveau 3", NULL },
		{ SEAL_WHERE_PART, 2, 1, NULL, "Niveau 1 tekst", NULL },
		{ SEAL_WHERE_PART, 4, 3, NULL, "Bunden af k\xc3\xa6" "den", "060868-XXXX" },
	} },
	{ "malformed mime", "malformed-mime.eml", 0, 0, 1, 0, 3, 5, {
		{ SEAL_WHERE_BODY, 1, 0, NULL, "Opslag: cpr=", "010792-XXXX" },
		{ SEAL_WHERE_PART, 2, 0, NULL, "Anden del", NULL },
	} },
	{ "truncated base64", "truncated-b64.eml", 0, 0, 1, 0, 3, 6, {
		{ SEAL_WHERE_BODY, 1, 0, NULL, "Se bilag. cpr", "010180-XXXX" },
		{ SEAL_WHERE_FILENAME, 2, 0, "bilag.txt", "bilag.txt", NULL },
		{ SEAL_WHERE_ATTACHMENT, 2, 0, "bilag.txt", "Bilag med mange linjer.", NULL },
	} },
	{ "smime enveloped", "smime-enveloped.eml", 0, 1, 0, 0, 1, 4, {
		{ SEAL_WHERE_FILENAME, 1, 0, "smime.p7m", "smime.p7m", NULL },
	} },
	{ "cp1252 undeclared", "cp1252-undeclared.eml", 0, 0, -1, 0, 1, 4, {
		{ SEAL_WHERE_SUBJECT, 0, 0, "Subject", "M\xc3\xb8" "det", NULL },
		{ SEAL_WHERE_BODY, 1, 0, NULL, "flyttet \xe2\x80\x93 se", "020537-XXXX" },
	} },
	{ "clean newsletter", "newsletter-clean.eml", 0, 0, 0, 0, 3, 5, {
		{ SEAL_WHERE_BODY, 1, 0, NULL, "St\xc3\xb8t os: DK", NULL },
		{ SEAL_WHERE_PART, 2, 0, NULL, "Nyhedsbrev juni", NULL },
	} },
	{ "pgp mime", "pgp-mime.eml", 0, 1, 0, 0, 3, 6, {
		{ SEAL_WHERE_SUBJECT, 0, 0, "Subject", "PGP", NULL },
	} },
};

static int
expect_matches(const expect_text *e, const got_text *g)
{
	if (g->where != e->where || g->part != e->part || g->depth != e->depth)
		return 0;
	if (e->name != ANY_NAME && g_strcmp0(e->name, g->name) != 0)
		return 0;
	if (e->needle != NULL && strstr(g->text, e->needle) == NULL)
		return 0;
	return e->mask == NULL || mask_present(g->text, e->mask);
}

START_TEST(corpus_walk)
{
	const corpus_case *cc = &corpus_cases[_i];
	seal_walk_result r;
	collector c;
	seal_err err;
	size_t len;
	char *data = read_corpus(cc->file, &len);
	seal_status st;
	int k;

	collector_init(&c);
	st = walk_buffer(data, len, NULL, &c, &r, &err);
	ck_assert_msg(st == SEAL_OK, "%s: status got %d, want SEAL_OK", cc->label, st);
	ck_assert_msg(r.unscannable == cc->unscannable,
	    "%s: unscannable got %d (%s), want %d", cc->label, r.unscannable,
	    r.reason, cc->unscannable);
	ck_assert_msg(r.encrypted == cc->encrypted, "%s: encrypted got %d, want %d",
	    cc->label, r.encrypted, cc->encrypted);
	if (cc->repaired >= 0)
		ck_assert_msg(r.repaired == cc->repaired, "%s: repaired got %d, want %d",
		    cc->label, r.repaired, cc->repaired);
	ck_assert_msg(r.uninspected == cc->uninspected,
	    "%s: uninspected got %u, want %u", cc->label, r.uninspected, cc->uninspected);
	ck_assert_msg(r.parts == cc->parts, "%s: parts got %u, want %u",
	    cc->label, r.parts, cc->parts);
	ck_assert_msg(r.texts == cc->texts, "%s: texts got %u, want %u",
	    cc->label, r.texts, cc->texts);
	assert_texts_sane(cc->label, &c, &r);
	for (k = 0; k < MAXT && cc->t[k].needle != NULL; k++) {
		const expect_text *e = &cc->t[k];
		guint i;
		int hit = 0;

		for (i = 0; i < c.texts->len && !hit; i++)
			hit = expect_matches(e, c.texts->pdata[i]);
		if (!hit) {
			GString *dump = g_string_new("");

			for (i = 0; i < c.texts->len; i++) {
				got_text *g = c.texts->pdata[i];
				char *s = show(g->text);

				g_string_append_printf(dump, "\n  [where %d part %u depth %u name %s] %.120s",
				    g->where, g->part, g->depth, g->name ? g->name : "-", s);
				g_free(s);
			}
			ck_abort_msg("%s: expected text %d (where %d part %u depth %u, '%s', mask %s) "
			    "not handed over; got:%s", cc->label, k, e->where, e->part, e->depth,
			    e->needle, e->mask ? e->mask : "-", dump->str);
		}
	}
	g_ptr_array_free(c.texts, TRUE);
	g_free(data);
}
END_TEST

/* ------------------------------------------------------------ generated */

/* multipart/mixed with n-1 text leaves: n MIME parts in all */
static GString *
gen_parts(unsigned n)
{
	GString *m = g_string_new("Subject: many\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\n\n");
	unsigned i;

	for (i = 1; i < n; i++)
		g_string_append_printf(m, "--b\nContent-Type: text/plain\n\npart %u\n", i);
	g_string_append(m, "--b--\n");
	return m;
}

/* levels nested multiparts (leaf at depth = levels) or message/rfc822 */
static GString *
gen_nested(unsigned levels, int rfc822)
{
	GString *m = g_string_new("Subject: deep\nMIME-Version: 1.0\n");
	unsigned i;

	for (i = 0; i < levels; i++) {
		if (rfc822)
			g_string_append_printf(m, "Content-Type: message/rfc822\n\n"
			    "Subject: level %u\nMIME-Version: 1.0\n", i + 1);
		else
			g_string_append_printf(m, "Content-Type: multipart/mixed; "
			    "boundary=\"l%u\"\n\n--l%u\n", i, i);
	}
	g_string_append(m, "Content-Type: text/plain\n\nbottom text\n");
	if (!rfc822)
		for (i = levels; i > 0; i--)
			g_string_append_printf(m, "--l%u--\n", i - 1);
	return m;
}

typedef struct gen_case {
	const char *label;
	int kind;            /* 0 parts, 1 nested multipart, 2 nested rfc822 */
	unsigned n;
	int unscannable;
	const char *reason;  /* substring, when unscannable */
	unsigned parts;      /* 0: not checked */
	int bottom;          /* "bottom text" must be handed over */
} gen_case;

static const gen_case gen_cases[] = {
	{ "10000 parts", 0, 10000, 0, NULL, 10000, 0 },
	{ "10001 parts", 0, 10001, 1, "more than 10000 MIME parts", 10001, 0 },
	{ "20000 parts", 0, 20000, 1, "more than 10000 MIME parts", 10001, 0 },
	{ "multipart depth 32", 1, 32, 0, NULL, 33, 1 },
	{ "multipart depth 33", 1, 33, 1, "MIME nesting deeper than 32", 0, 0 },
	{ "multipart depth 100", 1, 100, 1, "MIME nesting deeper than 32", 0, 0 },
	{ "rfc822 depth 15", 2, 15, 0, NULL, 0, 1 },
	{ "rfc822 depth 100", 2, 100, 1, "MIME nesting deeper than 32", 0, 0 },
};

START_TEST(generated_limits)
{
	const gen_case *gc = &gen_cases[_i];
	GString *m = gc->kind == 0 ? gen_parts(gc->n) : gen_nested(gc->n, gc->kind == 2);
	seal_walk_result r;
	collector c;
	seal_err err;
	seal_status st;
	guint i;
	int bottom = 0;

	collector_init(&c);
	st = walk_buffer(m->str, m->len, NULL, &c, &r, &err);
	ck_assert_msg(st == SEAL_OK, "%s: status got %d, want SEAL_OK", gc->label, st);
	ck_assert_msg(r.unscannable == gc->unscannable, "%s: unscannable got %d (%s), want %d",
	    gc->label, r.unscannable, r.reason, gc->unscannable);
	if (gc->reason != NULL)
		ck_assert_msg(strstr(r.reason, gc->reason) != NULL,
		    "%s: reason got '%s', want '%s'", gc->label, r.reason, gc->reason);
	if (gc->parts != 0)
		ck_assert_msg(r.parts == gc->parts, "%s: parts got %u, want %u",
		    gc->label, r.parts, gc->parts);
	if (gc->kind == 0 && !gc->unscannable)
		ck_assert_msg(r.texts == gc->n, "%s: texts got %u, want %u (subject + leaves)",
		    gc->label, r.texts, gc->n);
	for (i = 0; i < c.texts->len; i++)
		bottom |= strstr(((got_text *)c.texts->pdata[i])->text, "bottom text") != NULL;
	ck_assert_msg(bottom == gc->bottom, "%s: bottom text handed over got %d, want %d",
	    gc->label, bottom, gc->bottom);
	assert_texts_sane(gc->label, &c, &r);
	g_ptr_array_free(c.texts, TRUE);
	g_string_free(m, TRUE);
}
END_TEST

/* ------------------------------------------------------------ limits, errors */

typedef struct misc_case {
	const char *label;
	const char *msg;
	unsigned max_depth, max_parts;
	size_t max_text;
	int stop_after;
	seal_status status;
	int unscannable;
	const char *reason;
	/* optional checks, 0 = not checked: CHECK(v) wants v */
	int encrypted;
	int uninspected;
	int texts;
} misc_case;

#define CHECK(v) ((v) + 1)

static const misc_case misc_cases[] = {
	{ "text budget exceeded", "Subject: s\n\n0123456789 0123456789 0123456789\n",
	    32, 10000, 20, 0, SEAL_OK, 1, "decoded text larger than 20 bytes", 0, 0, 0 },
	{ "text budget exact", "Subject: s\n\n0123456789\n", 32, 10000, 12, 0, SEAL_OK, 0, NULL, 0, 0, 0 },
	{ "part limit 1", "Subject: s\nContent-Type: multipart/mixed; boundary=x\n\n"
	    "--x\n\na\n--x--\n", 32, 1, 1000, 0, SEAL_OK, 1, "more than 1 MIME parts", 0, 0, 0 },
	{ "depth limit 0", "Subject: s\nContent-Type: multipart/mixed; boundary=x\n\n"
	    "--x\n\na\n--x--\n", 0, 10, 1000, 0, SEAL_OK, 1, "MIME nesting deeper than 0", 0, 0, 0 },
	{ "callback stops", "Subject: s\n\nbody\n", 32, 10000, 1000, 1, SEAL_ERR_LIMIT, 0, NULL, 0, 0, 0 },
	{ "garbage first line", "\x01\x02 not a header\n\nbody\n", 32, 10000, 1000, 0,
	    SEAL_OK, 1, "no MIME message found", 0, 0, 0 },
	{ "no boundary", "Subject: s\nContent-Type: multipart/mixed\n\nnr 42 text\n",
	    32, 10000, 1000, 0, SEAL_OK, 1, "MIME defect: multipart without boundary", 0, 0, 0 },
	{ "conflicting CTE", "Subject: s\nContent-Type: text/plain\n"
	    "Content-Transfer-Encoding: base64\nContent-Transfer-Encoding: 7bit\n\nabc\n",
	    32, 10000, 1000, 0, SEAL_OK, 1, "MIME defect: conflicting Content headers", 0, 0, 0 },
	{ "conflicting To is fine", "To: a@x\nTo: b@x\nSubject: s\n\nabc\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, 0, 0, 0 },
	{ "empty input", "", 32, 10000, 1000, 0, SEAL_OK, 1, "no MIME message found", 0, 0, 0 },
	{ "inline pgp", "Subject: s\n\n-----BEGIN PGP MESSAGE-----\nhQEMA\n-----END PGP MESSAGE-----\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(1), CHECK(0), CHECK(2) },
	/* Real CMS enveloped data (a test certificate, AES-256, content harmless). */
	{ "x-pkcs7 no smime-type", "Subject: s\nContent-Type: application/x-pkcs7-mime\n"
	    "Content-Transfer-Encoding: base64\n\n"
	    "MIICsQYJKoZIhvcNAQcDoIICojCCAp4CAQIxggI5MIIBVQIBADA9MDcxGDAWBgNVBAoMD1NlYWxt\n"
	"aWx0ZXIgVGVzdDEbMBkGA1UEAwwSU2VhbG1pbHRlciBUZXN0IENBAgIQADANBgkqhkiG9w0BAQEF\n"
	"AASCAQCdPOM+iWehvCg8PGRQAuAOY91Mjy6SpsThdDIRfsjmmjDOiFNTj8ggiKYgbrY1aUypg81d\n"
	"c0CPkKKMkl0K5yc81P9jqU5GNMHZrZAlm31wN8cO1qQQZq4ckKaUBdyWFBhOFxsdTIbhGvUfk+pt\n"
	"hwQ2YHTYYNX9kNYhc4xwkIW/mvxNLOJIyePhXGDHOqYGdzNw8UkvfPv7N2OZtfB6Lnt2f+TMlkgs\n"
	"QLZs009L/DteI7aHQqGHANGsfpsxsfVi9ESfzpYEx76pHjYjRBTIEtG8NLiUp/20kferr91xYSAj\n"
	"Q1Seblup1zgfLnWHIgZRxPppCr4pE6EDzJKZxeG+8DgioYHdAgEDoFGhTzAJBgcqhkjOPQIBA0IA\n"
	"BKe4LNSn8Dpw7Wq3snHezVhlXWm46582yoCJxTCtWszbEJmTpGTJdFpdptDFM6chInNGLJHSLoq5\n"
	"O1Vz2GXEahEwGAYJK4EFEIZIPwACMAsGCWCGSAFlAwQBLTBrMGkwPTA3MRgwFgYDVQQKDA9TZWFs\n"
	"bWlsdGVyIFRlc3QxGzAZBgNVBAMMElNlYWxtaWx0ZXIgVGVzdCBDQQICEAEEKLjd5YDjakoFc7i9\n"
	"2WHhD+cpI2Ny/qA18MlRVs1hc4EijYo3vC90g6kwXAYJKoZIhvcNAQcBMB0GCWCGSAFlAwQBKgQQ\n"
	"SZwBalL/2rovC6iXknkCNIAwAmDn/65BF2YWKhCZo8XeAs0mgVh8GfCWhkxhO74rv82D8Zrml5Oe\n"
	"wQiA5rhkYM50\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(1), CHECK(0), CHECK(1) },
	/* An encryption label over clear text protects nothing: scanned as text. */
	{ "forged pkcs7 label", "Subject: s\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\n\n"
	    "CPR-nr. 170583-1889\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(0), CHECK(0), CHECK(2) },
	{ "forged pgp/mime", "Subject: s\nContent-Type: multipart/encrypted; boundary=x\n\n--x\n"
	    "Content-Type: application/pgp-encrypted\n\nVersion: 1\n--x\n"
	    "Content-Type: application/octet-stream\n\nCPR-nr. 170583-1889\n--x--\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(0), CHECK(0), CHECK(3) },
	/* not CMS that OpenSSL can read: an unread binary, its strings are scanned */
	{ "pkcs7 signed-data", "Subject: s\nContent-Type: application/pkcs7-mime; smime-type=signed-data\n"
	    "Content-Transfer-Encoding: base64\n\nMIAGCSqGSIb3DQEHAqCAMIACAQEAAAA=\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(0), CHECK(1), CHECK(2) },
	/* A PDF poppler cannot read is unscannable, never passed as unread. */
	{ "damaged pdf attachment", "Subject: s\nContent-Type: application/pdf; name=a.pdf\n\n"
	    "%PDF-1.4\n\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\n",
	    32, 10000, 1000, 0, SEAL_OK, 1, "attachment (part 1): PDF could not be read", CHECK(0), CHECK(0), CHECK(2) },
	{ "image attachment", "Subject: s\nContent-Type: image/png; name=a.png\n\n"
	    "\x89PNG\r\n\x1a\n\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(0), CHECK(1), CHECK(2) },
	{ "text under a binary label", "Subject: s\nContent-Type: application/octet-stream; name=notes.dat\n\n"
	    "Borgeren har CPR-nr. 170583-1889\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(0), CHECK(0), CHECK(3) },
	/* a label alone is not a signature: its text is read (issue 9) */
	{ "fake signature read", "Subject: s\nContent-Type: multipart/signed; boundary=x\n\n--x\n\nhi\n"
	    "--x\nContent-Type: application/pgp-signature\n\nsig\n--x--\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(0), CHECK(0), CHECK(3) },
	/* gpg --armor --detach-sign (tests/data/sig/body.asc): skipped */
	{ "signature ignored", "Subject: s\nContent-Type: multipart/signed; boundary=x\n\n--x\n\nhi\n"
	    "--x\nContent-Type: application/pgp-signature\n\n"
	    "-----BEGIN PGP SIGNATURE-----\n"
	    "\n"
	    "iHUEABYIAB0WIQTIxJGnUcc2mi+ce62xHRUv/j/4wgUCaxSiKwAKCRCxHRUv/j/4\n"
	    "wtzEAP0QWQhWOB+Mlfi6hYWeXTXISzYT9DwVgPxLT+1+9EwD3QEA16UAzSG7pe1o\n"
	    "utBdjXIJLSmxxoEJzSCAgPRCUMIUzAs=\n"
	    "=6jqk\n"
	    "-----END PGP SIGNATURE-----\n"
	    "--x--\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(0), CHECK(0), CHECK(2) },
	{ "preamble with digits", "Subject: s\nContent-Type: multipart/mixed; boundary=x\n\nref 42\n"
	    "--x\n\nhi\n--x--\nepilogue\n", 32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(0), CHECK(0), CHECK(3) },
	{ "octet-stream csv", "Subject: s\nContent-Type: application/octet-stream\n"
	    "Content-Disposition: attachment; filename=\"L.CSV\"\n\na;b\n",
	    32, 10000, 1000, 0, SEAL_OK, 0, NULL, CHECK(0), CHECK(0), CHECK(3) },
};

START_TEST(misc_limits)
{
	const misc_case *mc = &misc_cases[_i];
	seal_walk_limits lim = { .max_depth = mc->max_depth, .max_parts = mc->max_parts,
	    .max_text = mc->max_text };
	seal_walk_result r;
	collector c;
	seal_err err;
	seal_status st;

	collector_init(&c);
	c.stop_after = mc->stop_after;
	st = walk_buffer(mc->msg, strlen(mc->msg), &lim, &c, &r, &err);
	ck_assert_msg(st == mc->status, "%s: status got %d, want %d", mc->label, st, mc->status);
	ck_assert_msg(r.unscannable == mc->unscannable, "%s: unscannable got %d (%s), want %d",
	    mc->label, r.unscannable, r.reason, mc->unscannable);
	if (mc->reason != NULL)
		ck_assert_msg(strcmp(r.reason, mc->reason) == 0,
		    "%s: reason got '%s', want '%s'", mc->label, r.reason, mc->reason);
	if (mc->encrypted)
		ck_assert_msg(r.encrypted == mc->encrypted - 1, "%s: encrypted got %d, want %d",
		    mc->label, r.encrypted, mc->encrypted - 1);
	if (mc->uninspected)
		ck_assert_msg((int)r.uninspected == mc->uninspected - 1,
		    "%s: uninspected got %u, want %d", mc->label, r.uninspected, mc->uninspected - 1);
	if (mc->texts)
		ck_assert_msg((int)r.texts == mc->texts - 1, "%s: texts got %u, want %d",
		    mc->label, r.texts, mc->texts - 1);
	g_ptr_array_free(c.texts, TRUE);
}
END_TEST

/*
 * A block of the source that decodes to nothing (white space or invalid
 * characters in base64, soft line breaks in QP) must not end the part:
 * GMime's filter stream returns 0 for it before the real end. Each case
 * puts 3 x 4 KiB of such filler before the number, in a text part, an
 * attachment under a binary label, and a part big enough for windows.
 */
typedef struct zero_case {
	const char *label;
	const char *head;      /* headers of the part */
	const char *filler;    /* repeated before the content */
	size_t reps;
	const char *content;   /* already transfer-encoded */
} zero_case;

static const zero_case zero_cases[] = {
	{ "base64 spaces", "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n",
	    "                                                                \n", 200,
	    /* "CPR 170583-1889\n" */ "Q1BSIDE3MDU4My0xODg5Cg==\n" },
	{ "base64 junk", "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n",
	    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n", 200,
	    "Q1BSIDE3MDU4My0xODg5Cg==\n" },
	{ "qp soft breaks", "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n",
	    "=\n", 6000, "CPR 170583-1889\n" },
	{ "octet-stream attachment", "Content-Type: application/octet-stream\n"
	    "Content-Disposition: attachment; filename=\"notat.txt\"\n"
	    "Content-Transfer-Encoding: base64\n",
	    "                                                                \n", 200,
	    "Q1BSIDE3MDU4My0xODg5Cg==\n" },
};

START_TEST(zero_reads)
{
	const zero_case *zc = &zero_cases[_i];
	GString *m = g_string_new("Subject: s\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nhej\n--b\n");
	seal_walk_result r;
	collector c;
	seal_err err;
	seal_status st;
	int found = 0;

	g_string_append_printf(m, "%s\n", zc->head);
	for (size_t i = 0; i < zc->reps; i++)
		g_string_append(m, zc->filler);
	g_string_append_printf(m, "%s--b--\n", zc->content);
	collector_init(&c);
	st = walk_buffer(m->str, m->len, NULL, &c, &r, &err);
	ck_assert_int_eq(st, SEAL_OK);
	for (guint i = 0; i < c.texts->len; i++) {
		got_text *g = g_ptr_array_index(c.texts, i);

		found |= mask_present(g->text, "170583-XXXX");
	}
	ck_assert_msg(found, "%s: the number after the filler was not handed over", zc->label);
	g_ptr_array_free(c.texts, TRUE);
	g_string_free(m, TRUE);
}
END_TEST

START_TEST(io_error)
{
	char path[] = "/tmp/test_message_XXXXXX";
	int fd = mkstemp(path), wfd;
	const char msg[] = "Subject: s\n\nsome body text\n";
	GMimeStream *s;
	seal_walk_result r;
	collector c;
	seal_err err;
	seal_status st;

	ck_assert_msg(fd >= 0, "mkstemp failed");
	ck_assert_msg(write(fd, msg, sizeof(msg) - 1) == (ssize_t)(sizeof(msg) - 1), "write failed");
	close(fd);
	/* a write-only descriptor: every read fails with EBADF */
	wfd = open(path, O_WRONLY);
	ck_assert_msg(wfd >= 0, "open failed");
	s = g_mime_stream_fs_new(wfd);
	collector_init(&c);
	seal_err_clear(&err);
	st = seal_message_walk(s, NULL, collect, &c, &r, &err);
	ck_assert_msg(st == SEAL_ERR_IO, "status got %d, want SEAL_ERR_IO", st);
	ck_assert_msg(err.code == SEAL_ERR_IO, "err.code got %d, want SEAL_ERR_IO", err.code);
	g_object_unref(s);
	unlink(path);
	g_ptr_array_free(c.texts, TRUE);
}
END_TEST

/* A pipe stream cannot seek: the walk must still work (GMime keeps the content in memory). */
START_TEST(pipe_stream)
{
	const char msg[] = "Subject: piped\nContent-Type: multipart/mixed; boundary=x\n\n"
	    "--x\nContent-Type: text/plain\n\npiped body\n--x--\n";
	int fds[2];
	GMimeStream *s;
	seal_walk_result r;
	collector c;
	seal_err err;
	seal_status st;

	ck_assert_msg(pipe(fds) == 0, "pipe failed");
	ck_assert_msg(write(fds[1], msg, sizeof(msg) - 1) == (ssize_t)(sizeof(msg) - 1), "write failed");
	close(fds[1]);
	s = g_mime_stream_pipe_new(fds[0]);
	collector_init(&c);
	st = seal_message_walk(s, NULL, collect, &c, &r, &err);
	ck_assert_msg(st == SEAL_OK, "status got %d, want SEAL_OK", st);
	ck_assert_msg(!r.unscannable, "unscannable got 1 (%s), want 0", r.reason);
	ck_assert_msg(r.texts == 2, "texts got %u, want 2", r.texts);
	ck_assert_msg(c.texts->len == 2 &&
	    strstr(((got_text *)c.texts->pdata[1])->text, "piped body") != NULL,
	    "body text not handed over");
	g_object_unref(s);
	g_ptr_array_free(c.texts, TRUE);
}
END_TEST

/* ------------------------------------------------------------ mutations */

static const char *const mutate_files[] = {
	"dk-cpr-qp-latin1.eml", "se-pnr-html-alt.eml", "no-fnr-csv-cp1252.eml",
	"filename-2231.eml", "nested-rfc822-3.eml", "malformed-mime.eml",
	"truncated-b64.eml", "smime-enveloped.eml", "cp1252-undeclared.eml",
	"newsletter-clean.eml", "pgp-mime.eml", "fi-hetu-subject.eml",
};

static unsigned
mutate_one(const char *label, const char *data, size_t len)
{
	seal_walk_result r;
	collector c;
	seal_err err;
	seal_status st;

	collector_init(&c);
	st = walk_buffer(data, len, NULL, &c, &r, &err);
	ck_assert_msg(st == SEAL_OK, "%s: status got %d, want SEAL_OK", label, st);
	ck_assert_msg(!r.unscannable || r.reason[0] != '\0', "%s: unscannable without reason", label);
	assert_texts_sane(label, &c, &r);
	g_ptr_array_free(c.texts, TRUE);
	return 1;
}

START_TEST(mutations)
{
	static const unsigned char flips[] = { 0x00, 0xff, '-', '\n', '=', '"' };
	const char *file = mutate_files[_i];
	size_t len, pos;
	char *data = read_corpus(file, &len);
	char *copy = g_malloc(len + 1);
	unsigned n = 0, f;
	char label[128];

	/* truncations at every 97th byte */
	for (pos = 0; pos < len; pos += 97) {
		g_snprintf(label, sizeof(label), "%s cut at %zu", file, pos);
		n += mutate_one(label, data, pos);
	}
	/* single-byte flips */
	for (pos = 13, f = 0; pos < len; pos += 41, f++) {
		memcpy(copy, data, len);
		copy[pos] = (char)flips[f % sizeof(flips)];
		g_snprintf(label, sizeof(label), "%s byte %zu set to 0x%02x", file, pos,
		    flips[f % sizeof(flips)]);
		n += mutate_one(label, copy, len);
	}
	ck_assert_msg(n >= 10, "%s: mutations got %u, want >= 10", file, n);
	g_free(copy);
	g_free(data);
}
END_TEST

/* MIME-ish random input from a fixed seed: tokens and raw bytes mixed. */
static void
garbage_one(int seed)
{
	static const char *const tokens[] = {
		"Content-Type: multipart/mixed; boundary=a\n", "Content-Type: message/rfc822\n",
		"Content-Type: text/html; charset=utf-16\n", "Content-Type: text/plain; charset=x\n",
		"Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n",
		"Content-Disposition: attachment; filename*0*=utf-8''%FF%; filename*1=x\n",
		"Subject: =?utf-8?b?w6Y=?= =?x?q?=FF?=\n", "--a\n", "--a--\n", "\n", "\r\n",
		"=\n", "=F", "<b>1</b>", "-----BEGIN PGP MESSAGE-----\n", "\xff\xfe", "\0",
		"Content-Type: application/pkcs7-mime\n", "boundary=\"\"\n", " folded\n",
	};
	GRand *rnd = g_rand_new_with_seed(20260601u + (guint32)seed);
	GString *m = g_string_new("");
	char label[64];
	int k, n = g_rand_int_range(rnd, 1, 200);

	for (k = 0; k < n; k++) {
		if (g_rand_int_range(rnd, 0, 3) == 0)
			g_string_append_c(m, (char)g_rand_int_range(rnd, 0, 256));
		else
			g_string_append(m, tokens[g_rand_int_range(rnd, 0, G_N_ELEMENTS(tokens))]);
	}
	g_snprintf(label, sizeof(label), "garbage seed %d", seed);
	mutate_one(label, m->str, m->len);
	g_string_free(m, TRUE);
	g_rand_free(rnd);
}

/*
 * One property (random MIME-ish input never breaks the walk) over 200
 * seeds: one test case, not 200. A failure names its seed.
 */
START_TEST(garbage)
{
	int seed;

	for (seed = 0; seed < 200; seed++)
		garbage_one(seed);
}
END_TEST

/* ------------------------------------------------------------ extract.c */

typedef struct utf8_case {
	const char *label;
	const char *in;
	size_t len;
	const char *charset;
	const char *want;
} utf8_case;

static const utf8_case utf8_cases[] = {
	{ "utf-8 kept", "bl\xc3\xa5", 4, "utf-8", "bl\xc3\xa5" },
	{ "utf-8 invalid byte", "a\xffz", 3, "UTF-8", "a\xef\xbf\xbdz" },
	{ "undeclared valid utf-8", "\xc3\xa6", 2, NULL, "\xc3\xa6" },
	{ "undeclared 1252", "\xe6\x96", 2, NULL, "\xc3\xa6\xe2\x80\x93" },
	{ "latin1 0xf8", "\xf8", 1, "ISO-8859-1", "\xc3\xb8" },
	{ "latin1 label reads 1252 en dash", "\x96", 1, "iso-8859-1", "\xe2\x80\x93" },
	{ "1252 undefined 0x81", "\x81", 1, "windows-1252", "\xef\xbf\xbd" },
	{ "iso-8859-15 euro", "\xa4", 1, "ISO-8859-15", "\xe2\x82\xac" },
	{ "utf-16le bom", "\xff\xfe" "A\0\xe5\0", 6, "UTF-16", "A\xc3\xa5" },
	{ "utf-16be", "\0A\0\xe6", 4, "UTF-16BE", "A\xc3\xa6" },
	{ "utf-16le odd length", "A\0B", 3, "utf-16le", "A\xef\xbf\xbd" },
	{ "us-ascii with 8-bit", "\xf8", 1, "us-ascii", "\xc3\xb8" },
	{ "unknown charset utf-8", "\xc3\xa5", 2, "x-no-such", "\xc3\xa5" },
	{ "unknown charset 8-bit", "\xe5", 1, "x-no-such", "\xc3\xa5" },
	{ "NUL byte", "a\0b", 3, "utf-8", "a\xef\xbf\xbd" "b" },
	{ "empty", "", 0, "utf-8", "" },
};

START_TEST(to_utf8)
{
	const utf8_case *uc = &utf8_cases[_i];
	size_t olen = 0;
	char *got = seal_extract_to_utf8(uc->in, uc->len, uc->charset, &olen);

	ck_assert_msg(strcmp(got, uc->want) == 0, "%s: got '%s', want '%s'",
	    uc->label, got, uc->want);
	ck_assert_msg(olen == strlen(uc->want), "%s: length got %zu, want %zu",
	    uc->label, olen, strlen(uc->want));
	ck_assert_msg(g_utf8_validate(got, (gssize)olen, NULL), "%s: invalid UTF-8", uc->label);
	g_free(got);
}
END_TEST

typedef struct str_case {
	const char *label;
	const char *in;
	const char *want;     /* NULL: the function must return NULL */
} str_case;

/* ev-qp-01..03 from vectors.tsv, then edge cases */
static const str_case qp_cases[] = {
	{ "ev-qp-01", "CPR-nummer: 170=\r\n583-1889", "CPR-nummer: 170583-1889" },
	{ "ev-qp-02", "x=3D=\n710903=2D7353", "x=710903-7353" },
	{ "ev-qp-03", "Sag=C3=A5 170583=E2=80=931889", "Sag\xc3\xa5 170583\xe2\x80\x93" "1889" },
	{ "lower-case hex", "=e6", "\xe6" },
	{ "trailing =", "abc=", "abc" },
};

START_TEST(qp_decode)
{
	const str_case *sc = &qp_cases[_i];
	size_t olen;
	char *got = seal_extract_qp_decode(sc->in, strlen(sc->in), &olen);
	char *g = show(got), *w = show(sc->want);

	ck_assert_msg(strcmp(got, sc->want) == 0 && olen == strlen(sc->want),
	    "%s: got '%s', want '%s'", sc->label, g, w);
	g_free(g);
	g_free(w);
	g_free(got);
}
END_TEST

/* ev-2047-01..03, then folding and raw 8-bit */
static const str_case header_cases[] = {
	{ "ev-2047-01", "=?UTF-8?B?Q1BSIDE3MDU4My0xODg5?=", "CPR 170583-1889" },
	{ "ev-2047-02", "=?ISO-8859-1?Q?Ans=F6kan_pnr_710903?= =?ISO-8859-1?Q?-7353?=",
	    "Ans\xc3\xb6kan pnr 710903-7353" },
	{ "ev-2047-03", "Re: =?utf-8?q?sag_170583?= =?utf-8?q?1889?=", "Re: sag 1705831889" },
	{ "folded", " Vedr.\n sagen", "Vedr. sagen" },
	{ "raw 8-bit latin1", " M\xf8" "de", "M\xc3\xb8" "de" },
	{ "raw utf-8", " M\xc3\xb8" "de", "M\xc3\xb8" "de" },
};

START_TEST(header_text)
{
	const str_case *sc = &header_cases[_i];
	char *got = seal_extract_header_text(sc->in);
	char *g = show(got), *w = show(sc->want);

	ck_assert_msg(strcmp(g_strstrip(got), sc->want) == 0, "%s: got '%s', want '%s'",
	    sc->label, g, w);
	g_free(g);
	g_free(w);
	g_free(got);
}
END_TEST

/* ev-2231-01..02, then the fallbacks */
static const str_case filename_cases[] = {
	{ "ev-2231-01", "attachment; filename*0*=UTF-8''cpr_1705; filename*1=\"831889.pdf\"",
	    "cpr_1705831889.pdf" },
	{ "ev-2231-02", "attachment; filename*=UTF-8''Beslut%20710903%2D7353.pdf",
	    "Beslut 710903-7353.pdf" },
	{ "latin1 2231", "attachment; filename*=iso-8859-1''f%F8o.txt", "f\xc3\xb8o.txt" },
	{ "2047 in quotes", "attachment; filename=\"=?UTF-8?Q?s=C3=B8g.txt?=\"",
	    "s\xc3\xb8g.txt" },
	{ "name fallback", "application/octet-stream; name=\"liste.csv\"", "liste.csv" },
	{ "plain", "attachment; filename=a.txt", "a.txt" },
	{ "none", "inline", NULL },
	{ "garbage", ";;;=\"", NULL },
};

START_TEST(filename_param)
{
	const str_case *sc = &filename_cases[_i];
	char *got = seal_extract_filename_param(sc->in);
	char *g = show(got), *w = show(sc->want);

	if (sc->want == NULL)
		ck_assert_msg(got == NULL, "%s: got '%s', want NULL", sc->label, g);
	else
		ck_assert_msg(got != NULL && strcmp(got, sc->want) == 0,
		    "%s: got '%s', want '%s'", sc->label, g, w);
	ck_assert_msg(got == NULL || g_utf8_validate(got, -1, NULL), "%s: invalid UTF-8", sc->label);
	g_free(g);
	g_free(w);
	g_free(got);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("message");
	TCase *tc;

	g_mime_init();

	tc = tcase_create("corpus");
	tcase_add_loop_test(tc, corpus_walk, 0, G_N_ELEMENTS(corpus_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("generated");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, generated_limits, 0, G_N_ELEMENTS(gen_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_loop_test(tc, misc_limits, 0, G_N_ELEMENTS(misc_cases));
	tcase_add_test(tc, io_error);
	tcase_add_loop_test(tc, zero_reads, 0, G_N_ELEMENTS(zero_cases));
	tcase_add_test(tc, pipe_stream);
	suite_add_tcase(s, tc);

	tc = tcase_create("mutations");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, mutations, 0, G_N_ELEMENTS(mutate_files));
	tcase_add_test(tc, garbage);
	suite_add_tcase(s, tc);

	tc = tcase_create("extract");
	tcase_add_loop_test(tc, to_utf8, 0, G_N_ELEMENTS(utf8_cases));
	tcase_add_loop_test(tc, qp_decode, 0, G_N_ELEMENTS(qp_cases));
	tcase_add_loop_test(tc, header_text, 0, G_N_ELEMENTS(header_cases));
	tcase_add_loop_test(tc, filename_param, 0, G_N_ELEMENTS(filename_cases));
	suite_add_tcase(s, tc);

	return seal_check_run(s);
}
