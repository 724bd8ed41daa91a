/*
 * test_textread.c - text read as a mail client shows it: charset sniffing
 * (textsniff.h), the reading filter (textfmt.h: quotes, RFC 3676
 * format=flowed with and without delsp=yes, inline uuencode, JSON escapes,
 * RFC 1896 text/enriched), and through the MIME walk a number split in
 * quoted and flowed text, in UTF-16 attachments and in wrapped messages.
 * Numbers: the Danish spec example (DETECTION.md 4.1, `170583-XXXX`) and
 * dk-006 (`060868-XXXX`) of tests/data/vectors.tsv.
 */
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "check_main.h"
#include "detect.h"
#include "message.h"
#include "normalize.h"
#include "textfmt.h"
#include "textsniff.h"

static const seal_date scan_date = { 2026, 6, 1 };

/* ---------------------------------------------------------------- textfmt */

struct fmt_case {
	const char *label;
	unsigned flags;
	const char *in, *want;
};

static const struct fmt_case fmt_cases[] = {
	{ "plain quote markers", SEAL_TEXTFMT_QUOTES,
	  "> CPR 170583-\n> 1889\n", "CPR 170583-\n1889\n" },
	{ "nested plain quotes", SEAL_TEXTFMT_QUOTES,
	  "> > a\n>> b\nc", "a\nb\nc" },
	{ "CRLF", SEAL_TEXTFMT_QUOTES, "> a\r\n> b\r\n", "a\nb\n" },
	/* mutt / Usenet indent_string "| " and lists re-quoting "> " blocks */
	{ "bar quote markers", SEAL_TEXTFMT_QUOTES,
	  "| CPR 170583-\n| 1889\n", "CPR 170583-\n1889\n" },
	{ "mixed > | markers", SEAL_TEXTFMT_QUOTES,
	  "> | CPR 170583-\n> | 1889\n|> x\n", "CPR 170583-\n1889\nx\n" },
	{ "bar glued to a word is text", SEAL_TEXTFMT_QUOTES, "|a|b\n", "|a|b\n" },
	{ "bare bar line is a quote", SEAL_TEXTFMT_QUOTES, "|\n| a\n", "\na\n" },
	{ "flowed soft break", SEAL_TEXTFMT_FLOWED | SEAL_TEXTFMT_QUOTES,
	  "CPR 170583- \n1889\n", "CPR 170583- 1889\n" },
	{ "flowed delsp", SEAL_TEXTFMT_FLOWED | SEAL_TEXTFMT_DELSP | SEAL_TEXTFMT_QUOTES,
	  "CPR 17058 \n3-1889\n", "CPR 170583-1889\n" },
	{ "flowed inside quote depth 2", SEAL_TEXTFMT_FLOWED | SEAL_TEXTFMT_QUOTES,
	  ">> CPR 170583- \n>> 1889\n", "CPR 170583- 1889\n" },
	{ "flowed space-stuffed", SEAL_TEXTFMT_FLOWED | SEAL_TEXTFMT_QUOTES,
	  "  From me\n", " From me\n" },
	{ "flowed not across depths", SEAL_TEXTFMT_FLOWED | SEAL_TEXTFMT_QUOTES,
	  "> a \nb\n", "a \nb\n" },
	{ "flowed signature line is hard", SEAL_TEXTFMT_FLOWED | SEAL_TEXTFMT_QUOTES,
	  "-- \nJens\n", "-- \nJens\n" },
	{ "json unicode escapes", SEAL_TEXTFMT_JSON,
	  "{\"c\":\"\\u0031\\u0037\\u00305\\u0038\\u0033-1889\"}",
	  "{\"c\":\"170583-1889\"}" },
	{ "json surrogate pair", SEAL_TEXTFMT_JSON, "\\ud83d\\ude00", "\xF0\x9F\x98\x80" },
	{ "json lone surrogate", SEAL_TEXTFMT_JSON, "\\ud83dx", "\xEF\xBF\xBDx" },
	{ "json simple escapes", SEAL_TEXTFMT_JSON, "a\\nb\\t\\\"\\/\\\\", "a\nb\t\"/\\" },
	{ "json bad hex", SEAL_TEXTFMT_JSON, "\\u12x4", "\\u12x4" },
	{ "enriched", SEAL_TEXTFMT_ENRICHED,
	  "<bold>1705</bold>83-\n1889 <<x>\n\n\nend<param>x</param>",
	  "170583- 1889 <x>\n\nend" },
	{ "enriched nofill", SEAL_TEXTFMT_ENRICHED, "<nofill>a\nb</nofill>", "a\nb" },
};

START_TEST(test_fmt_table)
{
	const struct fmt_case *c = &fmt_cases[_i];
	seal_status st;
	size_t n;
	char *out = seal_textfmt_apply(c->flags, c->in, strlen(c->in), NULL, NULL, 0, &n,
	    &st, NULL);

	ck_assert_msg(out != NULL, "%s: failed", c->label);
	ck_assert_msg(strcmp(out, c->want) == 0, "%s: got \"%s\", want \"%s\"", c->label,
	    out, c->want);
	g_free(out);
}
END_TEST

/* The same text fed one byte at a time gives the same output. */
static seal_status
collect(void *ctx, const char *text, size_t len, seal_err *err)
{
	(void)err;
	g_string_append_len(ctx, text, (gssize)len);
	return SEAL_OK;
}

START_TEST(test_fmt_bytewise)
{
	const struct fmt_case *c = &fmt_cases[_i];
	GString *s = g_string_new(NULL);
	seal_textfmt *f = seal_textfmt_new(c->flags, collect, s, NULL, NULL, 0);

	for (size_t i = 0; c->in[i] != '\0'; i++)
		ck_assert_int_eq(seal_textfmt_feed(f, c->in + i, 1, NULL), SEAL_OK);
	ck_assert_int_eq(seal_textfmt_finish(f, NULL), SEAL_OK);
	ck_assert_msg(strcmp(s->str, c->want) == 0, "%s: got \"%s\", want \"%s\"", c->label,
	    s->str, c->want);
	seal_textfmt_free(f);
	g_string_free(s, TRUE);
}
END_TEST

struct uu_got {
	char *name;
	GByteArray *data;
	int over;
};

static seal_status
uu_file(void *ctx, const char *name, const uint8_t *data, size_t len, seal_err *err)
{
	struct uu_got *g = ctx;

	(void)err;
	g->name = g_strdup(name);
	if (data == NULL)
		g->over = 1;
	else
		g_byte_array_append(g->data, data, (guint)len);
	return SEAL_OK;
}

/* "CPR 170583-1889\n" as uuencode(1) writes it (`uuencode notat.txt`). */
static const char uu_text[] =
	"Hej\n"
	"begin 644 notat.txt\n"
	"00U!2(#$W,#4X,RTQ.#@Y\"@``\n"
	"`\n"
	"end\n"
	"Mvh\n";

START_TEST(test_fmt_uudecode)
{
	struct uu_got g = { NULL, g_byte_array_new(), 0 };
	seal_status st;
	size_t n;
	char *out = seal_textfmt_apply(SEAL_TEXTFMT_UUDECODE | SEAL_TEXTFMT_QUOTES, uu_text,
	    strlen(uu_text), uu_file, &g, 1024, &n, &st, NULL);

	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(g.name);
	ck_assert_str_eq(g.name, "notat.txt");
	ck_assert_uint_eq(g.data->len, 16);
	ck_assert(memcmp(g.data->data, "CPR 170583-1889\n", 16) == 0);
	g_free(out);
	g_free(g.name);
	g_byte_array_set_size(g.data, 0);
	g.name = NULL;
	/* over the cap: the hook hears of it, gets no data */
	out = seal_textfmt_apply(SEAL_TEXTFMT_UUDECODE, uu_text, strlen(uu_text), uu_file,
	    &g, 4, &n, &st, NULL);
	ck_assert_int_eq(g.over, 1);
	g_free(out);
	g_free(g.name);
	g_byte_array_free(g.data, TRUE);
}
END_TEST

/* ---------------------------------------------------------------- textsniff */

static GByteArray *
utf16(const char *utf8, int be, int bom)
{
	gsize n;
	char *u = g_convert(utf8, -1, be ? "UTF-16BE" : "UTF-16LE", "UTF-8", NULL, &n, NULL);
	GByteArray *b = g_byte_array_new();

	if (bom)
		g_byte_array_append(b, (const guint8 *)(be ? "\xFE\xFF" : "\xFF\xFE"), 2);
	g_byte_array_append(b, (const guint8 *)u, (guint)n);
	g_free(u);
	return b;
}

START_TEST(test_sniff)
{
	const char *txt = "Navn;CPR\r\nJens Hansen;170583-1889\r\nMette Ørum;060868-2430\r\n";
	GByteArray *b;
	size_t bom, n;
	char *u;

	for (int be = 0; be <= 1; be++)
		for (int mark = 0; mark <= 1; mark++) {
			b = utf16(txt, be, mark);
			ck_assert_int_eq(seal_textsniff(b->data, b->len, &bom),
			    be ? SEAL_SNIFF_UTF16BE : SEAL_SNIFF_UTF16LE);
			ck_assert_uint_eq(bom, mark ? 2 : 0);
			u = seal_textsniff_to_utf8(b->data, b->len, be ? SEAL_SNIFF_UTF16BE :
			    SEAL_SNIFF_UTF16LE, &n);
			ck_assert_str_eq(u, txt);
			g_free(u);
			g_byte_array_free(b, TRUE);
		}
	{
		gsize n32;
		char *u32 = g_convert(txt, -1, "UTF-32LE", "UTF-8", NULL, &n32, NULL);

		ck_assert_int_eq(seal_textsniff((guint8 *)u32, n32, NULL), SEAL_SNIFF_UTF32LE);
		g_free(u32);
		u32 = g_convert(txt, -1, "UTF-32BE", "UTF-8", NULL, &n32, NULL);
		ck_assert_int_eq(seal_textsniff((guint8 *)u32, n32, NULL), SEAL_SNIFF_UTF32BE);
		g_free(u32);
	}
	ck_assert_int_eq(seal_textsniff((const guint8 *)"\xEF\xBB\xBFhej", 6, &bom),
	    SEAL_SNIFF_UTF8_BOM);
	ck_assert_uint_eq(bom, 3);
	/* plain ASCII, a PNG header, a mark before binary: no override */
	ck_assert_int_eq(seal_textsniff((const guint8 *)txt, strlen(txt), NULL), SEAL_SNIFF_NONE);
	ck_assert_int_eq(seal_textsniff((const guint8 *)"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16,
	    NULL), SEAL_SNIFF_NONE);
	ck_assert_int_eq(seal_textsniff((const guint8 *)"\xFF\xFE\x01\x00\x02\x00\x03\x00"
	    "\x04\x00\x05\x00", 12, NULL), SEAL_SNIFF_NONE);
}
END_TEST

/* ---------------------------------------------------------------- through the walk */

struct found {
	unsigned findings;
	GString *masks;
};

static seal_status
on_text(void *ctx, const seal_text *t, seal_err *err)
{
	struct found *f = ctx;
	size_t n;
	char *norm = seal_normalize(t->text, t->len, &n);
	GArray *a = g_array_new(FALSE, FALSE, sizeof(seal_finding));

	(void)err;
	seal_detect(norm, n, &scan_date, a);
	for (guint i = 0; i < a->len; i++) {
		f->findings++;
		g_string_append_printf(f->masks, "%s ", g_array_index(a, seal_finding, i).masked);
	}
	g_array_free(a, TRUE);
	g_free(norm);
	return SEAL_OK;
}

static struct found
walk(const char *msg, seal_walk_result *res)
{
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(msg, strlen(msg));
	struct found f = { 0, g_string_new(NULL) };

	ck_assert_int_eq(seal_message_walk(s, NULL, on_text, &f, res, NULL), SEAL_OK);
	g_object_unref(s);
	return f;
}

struct walk_case {
	const char *label;
	const char *msg;
	const char *want;       /* masks found, each followed by a space */
	int unscannable;
};

#define HDR "From: a@kommune.example\nTo: b@gmail.example\nSubject: t\nMIME-Version: 1.0\n"

static const struct walk_case walk_cases[] = {
	{ "quoted reply split over two quoted lines",
	  HDR "Content-Type: text/plain\n\nSvar\n\n> Borgerens CPR-nummer er 170583-\n> 1889.\n",
	  "170583-XXXX ", 0 },
	{ "mutt reply quoted with '| ' split over two lines",
	  HDR "Content-Type: text/plain\n\nSvar\n\n| Borgerens CPR-nummer er 170583-\n| 1889.\n",
	  "170583-XXXX ", 0 },
	{ "flowed delsp soft break inside a quote",
	  HDR "Content-Type: text/plain; format=flowed; delsp=yes\n\n>> CPR-nr.: 06086 \n>> 8-2430\n",
	  "060868-XXXX ", 0 },
	{ "json attachment with escapes",
	  HDR "Content-Type: application/json\n\n{\"cpr\": \"\\u0030\\u0036\\u00308\\u00368-2430\"}\n",
	  "060868-XXXX ", 0 },
	{ "enriched",
	  HDR "Content-Type: text/enriched\n\nCPR-nr.: <bold>0608</bold><italic>68-2430</italic>\n",
	  "060868-XXXX ", 0 },
	{ "message/partial fragment 1 of 2 alone",
	  HDR "Content-Type: message/partial; id=\"x@y\"; number=1; total=2\n\n"
	  "Subject: inner\nContent-Type: text/plain\n\nCPR-nr.: 060868-2430\n",
	  "060868-XXXX ", 1 },
	{ "message/partial set complete in one message",
	  HDR "Content-Type: multipart/mixed; boundary=B\n\n--B\n"
	  "Content-Type: message/partial; id=\"x@y\"; number=2; total=2\n\nCPR-nr.: 060868-2430\n"
	  "--B\nContent-Type: message/partial; id=\"x@y\"; number=1; total=2\n\n"
	  "Subject: inner\nContent-Type: text/plain\n\nHej\n--B--\n",
	  "060868-XXXX ", 0 },
	{ "eml as octet-stream, base64 body inside",
	  HDR "Content-Type: application/octet-stream; name=x.bin\nContent-Transfer-Encoding: base64\n\n"
	  "RnJvbTogYUBiLmV4YW1wbGUKU3ViamVjdDogcwpDb250ZW50LVR5cGU6IHRleHQvcGxhaW4KQ29u\n"
	  "dGVudC1UcmFuc2Zlci1FbmNvZGluZzogYmFzZTY0CgpRMUJTTFc1eUxqb2dNRFl3T0RZNExUSTBN\n"
	  "ekFLCg==\n",
	  "060868-XXXX ", 0 },
};

START_TEST(test_walk_table)
{
	const struct walk_case *c = &walk_cases[_i];
	seal_walk_result res;
	struct found f = walk(c->msg, &res);

	ck_assert_msg(strcmp(f.masks->str, c->want) == 0, "%s: got \"%s\", want \"%s\"",
	    c->label, f.masks->str, c->want);
	ck_assert_msg(res.unscannable == c->unscannable, "%s: unscannable %d, want %d (%s)",
	    c->label, res.unscannable, c->unscannable, res.reason);
	g_string_free(f.masks, TRUE);
}
END_TEST

/* A Notepad "Unicode" (UTF-16LE, BOM) .txt sent as application/vnd.ms-excel. */
START_TEST(test_walk_utf16_attachment)
{
	GByteArray *b = utf16("CPR-nr.: 060868-2430\r\n", 0, 1);
	char *b64 = g_base64_encode(b->data, b->len);
	char *msg = g_strdup_printf(HDR "Content-Type: multipart/mixed; boundary=B\n\n--B\n"
	    "Content-Type: text/plain\n\nSe bilag\n--B\nContent-Type: application/vnd.ms-excel;"
	    " name=liste.txt\nContent-Transfer-Encoding: base64\n\n%s\n--B--\n", b64);
	seal_walk_result res;
	struct found f = walk(msg, &res);

	ck_assert_str_eq(f.masks->str, "060868-XXXX ");
	ck_assert_int_eq(res.unscannable, 0);
	g_string_free(f.masks, TRUE);
	g_free(msg);
	g_free(b64);
	g_byte_array_free(b, TRUE);
}
END_TEST

static Suite *
textread_suite(void)
{
	Suite *s = suite_create("textread");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_fmt_table, 0, G_N_ELEMENTS(fmt_cases));
	tcase_add_loop_test(tc, test_fmt_bytewise, 0, G_N_ELEMENTS(fmt_cases));
	tcase_add_test(tc, test_fmt_uudecode);
	tcase_add_test(tc, test_sniff);
	tcase_add_loop_test(tc, test_walk_table, 0, G_N_ELEMENTS(walk_cases));
	tcase_add_test(tc, test_walk_utf16_attachment);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	g_mime_init();
	return seal_check_run(textread_suite());
}
