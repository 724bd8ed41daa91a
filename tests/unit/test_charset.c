/*
 * test_charset.c - charset names from a message never reach GMime's
 * process-wide name table (charset.h): the fixed table answers known names,
 * and after walking messages that name thousands of made-up charsets (part
 * charset=, vCard CHARSET=, RFC 2047 words in Subject and From, RFC 2231
 * file names) GMime's own table holds none of them. The text in those
 * parts is still read (as undeclared: UTF-8, else Windows-1252), so a
 * number in it is still found and the decision stays clear.
 *
 * GMime's table is probed through its real g_mime_charset_iconv_name
 * (dlsym RTLD_NEXT, past the program's replacement): a name it has stored
 * comes back as first stored, in the message's letter case, while a name it
 * has not seen comes back as asked, in lower case.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "charset.h"
#include "extract.h"
#include "message.h"

#include "check_main.h"

#define BOGUS 3000

typedef const char *(*name_fn)(const char *);

/* 1 when GMime's own table holds the name (asked in upper case before). */
static int
gmime_has(const char *upper)
{
	name_fn real = (name_fn)dlsym(RTLD_NEXT, "g_mime_charset_iconv_name");
	char *low = g_ascii_strdown(upper, -1);
	int has;

	ck_assert_msg(real != NULL, "GMime's g_mime_charset_iconv_name not found");
	has = strcmp(real(low), low) != 0;
	g_free(low);
	return has;
}

START_TEST(known_names)
{
	static const struct { const char *in, *want; } c[] = {
		{ "UTF-8", "UTF-8" }, { "utf8", "UTF-8" }, { "ISO-8859-15", "ISO-8859-15" },
		{ "iso_8859-2:1987", "ISO-8859-2" }, { "iso8859-1", "ISO-8859-1" },
		{ "Windows-1252", "CP1252" }, { "cp1250", "CP1250" }, { "IBM850", "CP850" },
		{ "koi8-r", "KOI8-R" }, { "Shift_JIS", "SHIFT_JIS" }, { "gb18030", "GB18030" },
		{ "ks_c_5601-1987", "CP949" }, { "latin1", "ISO-8859-1" },
		{ "iso-8859-12", NULL }, { "iso-8859-99", NULL }, { "cp99999", NULL },
		{ "x-bogus-1", NULL }, { "", NULL }, { "utf-8 ", NULL },
		{ "iso-8859-1x", NULL }, { "windows-", NULL },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(c); i++) {
		const char *got = seal_charset_iconv_name(c[i].in);

		ck_assert_msg(g_strcmp0(got, c[i].want) == 0, "%s: got %s want %s",
		    c[i].in, got ? got : "NULL", c[i].want ? c[i].want : "NULL");
	}
	/* every name in the table is one iconv opens */
	for (size_t i = 0; seal_charset_table_name(i) != NULL; i++) {
		const char *n = seal_charset_table_name(i);
		GIConv cd = g_iconv_open("UTF-8", n);

		ck_assert_msg(cd != (GIConv)-1, "iconv cannot open %s", n);
		g_iconv_close(cd);
	}
}
END_TEST

/* Converted text keeps working, and a bogus label reads as undeclared. */
START_TEST(conversion)
{
	size_t n;
	char *s = seal_extract_to_utf8("\xe6\xf8\xe5", 3, "ISO-8859-1", &n);

	ck_assert_str_eq(s, "æøå");
	g_free(s);
	s = seal_extract_to_utf8("\xb1", 1, "iso-8859-2", &n);
	ck_assert_str_eq(s, "ą");
	g_free(s);
	s = seal_extract_to_utf8("\xe6\xf8", 2, "X-NOT-A-CHARSET-42", &n);
	ck_assert_str_eq(s, "æø");
	g_free(s);
	ck_assert(!gmime_has("X-NOT-A-CHARSET-42"));
}
END_TEST

typedef struct seen {
	GString *all;
} seen;

static seal_status
collect(void *ctx, const seal_text *t, seal_err *err)
{
	seen *s = ctx;

	(void)err;
	g_string_append_len(s->all, t->text, (gssize)t->len);
	g_string_append_c(s->all, '\n');
	return SEAL_OK;
}

/* One message naming BOGUS made-up charsets in every place a message can. */
static GString *
bogus_message(void)
{
	GString *m = g_string_new(NULL);

	g_string_append(m, "From: =?X-FROMCS-0?Q?Ann?= <ann@example.org>\r\n"
	    "To: =?X-TOCS-0?B?Qm9i?= <bob@example.org>\r\n"
	    "Subject: =?X-SUBJCS-0?Q?CPR_010190-1235?=");
	for (unsigned i = 1; i < BOGUS; i++)
		g_string_append_printf(m, "\r\n =?X-SUBJCS-%u?Q?_x?=", i);
	g_string_append(m, "\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
	for (unsigned i = 0; i < BOGUS; i++)
		g_string_append_printf(m, "--b\r\nContent-Type: text/plain; charset=X-PARTCS-%u\r\n"
		    "Content-Disposition: attachment; filename*=X-NAMECS-%u''f%%41.txt\r\n\r\n"
		    "part %u\r\n", i, i, i);
	g_string_append(m, "--b\r\nContent-Type: text/vcard\r\n\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n");
	for (unsigned i = 0; i < BOGUS; i++)
		g_string_append_printf(m, "NOTE;CHARSET=X-VCARDCS-%u:n %u\r\n", i, i);
	g_string_append(m, "NOTE;CHARSET=X-VCARDCS-LAST:cpr 020290-1234\r\nEND:VCARD\r\n--b--\r\n");
	return m;
}

START_TEST(walk_stores_no_names)
{
	GString *m = bogus_message();
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(m->str, m->len);
	seal_walk_limits lim;
	seal_walk_result r;
	seen s = { g_string_new(NULL) };
	seal_err err;
	static const char *const kinds[] = { "X-FROMCS-", "X-TOCS-", "X-SUBJCS-",
		"X-PARTCS-", "X-NAMECS-", "X-VCARDCS-" };

	seal_walk_limits_default(&lim);
	lim.max_parts = BOGUS + 10;
	ck_assert_int_eq(seal_message_walk(st, &lim, collect, &s, &r, &err), SEAL_OK);
	/* the texts are read: both numbers and the last part are there */
	ck_assert_msg(strstr(s.all->str, "010190-1235") != NULL, "subject not read");
	ck_assert_msg(strstr(s.all->str, "020290-1234") != NULL, "vCard note not read");
	ck_assert_msg(strstr(s.all->str, "part 2999") != NULL, "last part not read");
	ck_assert_msg(strstr(s.all->str, "fA.txt") != NULL, "file name not decoded");
	for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++)
		for (unsigned i = 0; i < BOGUS; i += 499) {
			char *name = g_strdup_printf("%s%u", kinds[k], i);

			ck_assert_msg(!gmime_has(name), "GMime stored the name %s", name);
			g_free(name);
		}
	ck_assert(!gmime_has("X-VCARDCS-LAST"));
	/* the probe itself works: a name handed to GMime's own function is stored */
	{
		name_fn real = (name_fn)dlsym(RTLD_NEXT, "g_mime_charset_iconv_name");

		real("X-PROBE-SELFTEST");
		ck_assert(gmime_has("X-PROBE-SELFTEST"));
	}
	g_string_free(s.all, TRUE);
	g_object_unref(st);
	g_string_free(m, TRUE);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("charset");
	TCase *tc = tcase_create("charset");

	g_mime_init();
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, known_names);
	tcase_add_test(tc, conversion);
	tcase_add_test(tc, walk_stores_no_names);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
