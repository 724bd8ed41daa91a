/*
 * test_calendar.c - calendar invitations and contact cards (issue 9 item
 * 10, issue 18 item 3): the content-line reader (RFC 5545 3.1 folding,
 * parameters, RFC 6868, TEXT escapes), the iCalendar reader (what a client
 * shows, not the protocol fields), the vCard reader (RFC 6350 and vCard
 * 2.1 quoted-printable and base64 values), their place in the MIME walk,
 * and the meeting context of detection (DETECTION.md 5.5). The numbers are
 * the spec example of DETECTION.md 4.1 (vector dk-spec, 170583-XXXX).
 */
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "calendar.h"
#include "contentline.h"
#include "detect.h"
#include "message.h"
#include "normalize.h"
#include "vcard.h"

#include "check_main.h"

/* ---------------------------------------------------------- collecting */

typedef struct got {
	GString *all;          /* "LABEL=TEXT\x01" per text */
	GString *blobs;        /* "LABEL|FMTTYPE|DATA\x01" per blob */
} got;

static seal_status
got_text(void *ctx, const char *label, const char *text, size_t len, seal_err *err)
{
	got *g = ctx;

	(void)err;
	g_string_append_printf(g->all, "%s=%.*s\x01", label, (int)len, text);
	return SEAL_OK;
}

static seal_status
got_blob(void *ctx, const char *label, const char *fmttype, const uint8_t *data, size_t len,
	seal_err *err)
{
	got *g = ctx;

	(void)err;
	g_string_append_printf(g->blobs, "%s|%s|%.*s\x01", label, fmttype ? fmttype : "-",
	    (int)len, (const char *)data);
	return SEAL_OK;
}

static got
read_cal(const char *ics, int vcard)
{
	got g = { g_string_new(NULL), g_string_new(NULL) };
	seal_cl_hooks h = { got_text, got_blob, &g };
	seal_err err;
	seal_status st;

	memset(&err, 0, sizeof(err));
	st = vcard ? seal_vcard_read(ics, strlen(ics), &h, &err) :
	    seal_calendar_read(ics, strlen(ics), &h, &err);
	ck_assert_int_eq(st, SEAL_OK);
	return g;
}

static void
got_free(got *g)
{
	g_string_free(g->all, TRUE);
	g_string_free(g->blobs, TRUE);
}

#define HAS(g, s) ck_assert_msg(strstr((g).all->str, (s)) != NULL, \
	"want %s in: %s", (s), (g).all->str)
#define HASNT(g, s) ck_assert_msg(strstr((g).all->str, (s)) == NULL, \
	"do not want %s in: %s", (s), (g).all->str)

/* ---------------------------------------------------------- content lines */

START_TEST(test_unfold)
{
	static const struct { const char *label, *in, *want; } c[] = {
		{ "CRLF space", "A:17058\r\n 3-1889\r\n", "A:170583-1889" },
		{ "CRLF TAB", "A:17058\r\n\t3-1889\r\n", "A:170583-1889" },
		{ "bare LF space", "A:17058\n 3-1889\n", "A:170583-1889" },
		{ "two folds, only one blank removed", "A:1\r\n 2\r\n  3", "A:12 3" },
		{ "no break at the end", "A:x", "A:x" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(c); i++) {
		seal_cl_reader r;
		size_t n;
		char *line;

		seal_cl_reader_init(&r, c[i].in, strlen(c[i].in));
		line = seal_cl_next(&r, &n);
		ck_assert_msg(line != NULL && strcmp(line, c[i].want) == 0,
		    "%s: got %s, want %s", c[i].label, line, c[i].want);
		g_free(line);
	}
}
END_TEST

START_TEST(test_parse_params)
{
	static const char l1[] = "item1.ATTENDEE;CN=\"Hansen; Jens: 1\";ROLE=REQ;"
	    "X-A=a^nb^'c^^:mailto:j@x.example";
	seal_cl_line l;

	ck_assert_int_eq(seal_cl_parse(l1, strlen(l1), &l), 0);
	ck_assert_str_eq(l.name, "ATTENDEE");
	ck_assert_str_eq(seal_cl_param(&l, "CN"), "Hansen; Jens: 1");
	ck_assert_str_eq(seal_cl_param(&l, "ROLE"), "REQ");
	ck_assert_str_eq(seal_cl_param(&l, "X-A"), "a\nb\"c^");
	ck_assert_str_eq(l.value, "mailto:j@x.example");
	seal_cl_line_clear(&l);
	/* vCard 2.1 bare parameters */
	ck_assert_int_eq(seal_cl_parse("NOTE;QUOTED-PRINTABLE;HOME:x", 28, &l), 0);
	ck_assert_str_eq(seal_cl_param(&l, "ENCODING"), "QUOTED-PRINTABLE");
	ck_assert_str_eq(seal_cl_param(&l, "TYPE"), "HOME");
	seal_cl_line_clear(&l);
	ck_assert_int_eq(seal_cl_parse("no colon here", 13, &l), -1);
	ck_assert_int_eq(seal_cl_parse(":value", 6, &l), -1);
	ck_assert_int_eq(seal_cl_parse("A;B=\"unterminated:x", 19, &l), -1);
}
END_TEST

START_TEST(test_unescape)
{
	static const struct { const char *label, *in; char semi; const char *want; } c[] = {
		{ "newline n", "a\\nb", 0, "a\nb" },
		{ "newline N", "a\\Nb", 0, "a\nb" },
		{ "comma semicolon backslash", "1\\,2\\;3\\\\4", 0, "1,2;3\\4" },
		{ "unknown escape kept", "a\\tb", 0, "a\\tb" },
		{ "structured", "Hansen;Jens;;", ' ', "Hansen Jens  " },
		{ "escaped ; in structured", "a\\;b;c", '\n', "a;b\nc" },
		{ "trailing backslash", "a\\", 0, "a\\" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(c); i++) {
		size_t n;
		char *o = seal_cl_unescape(c[i].in, strlen(c[i].in), c[i].semi, &n);

		ck_assert_msg(strcmp(o, c[i].want) == 0 && n == strlen(c[i].want),
		    "%s: got %s, want %s", c[i].label, o, c[i].want);
		g_free(o);
	}
}
END_TEST

/* ---------------------------------------------------------- iCalendar */

static const char ics[] =
	"BEGIN:VCALENDAR\r\n"
	"PRODID:Microsoft Exchange Server 2010\r\n"
	"X-WR-CALNAME:1705831889\r\n"
	"BEGIN:VTIMEZONE\r\nTZID:1705831889\r\nBEGIN:STANDARD\r\nTZNAME:1705831889\r\n"
	"END:STANDARD\r\nEND:VTIMEZONE\r\n"
	"BEGIN:VEVENT\r\n"
	"UID:1705831889\r\nDTSTAMP:20260105T101010Z\r\nDTSTART;TZID=X:20260115T090000\r\n"
	"SEQUENCE:1705831889\r\nRECURRENCE-ID:1705831889\r\n"
	"X-MICROSOFT-CDO-OWNERAPPTID:1705831889\r\nX-MS-OLK-CONFTYPE:1705831889\r\n"
	"SUMMARY;LANGUAGE=da-DK:M\xc3\xb8" "de om 17058\r\n 3-1889\r\n"
	"DESCRIPTION:Linje 1\\nCPR\\, 170583-1889\\;\r\n"
	"LOCATION:Lokale 2\r\n"
	"X-ALT-DESC;FMTTYPE=text/html:<p>17<b>0583</b>-1889</p>\r\n"
	"ATTENDEE;CN=\"Jens Hansen\";RSVP=TRUE:mailto:jens@x.example\r\n"
	"ORGANIZER:MAILTO:boss@x.example\r\n"
	"ATTACH;FMTTYPE=text/plain;ENCODING=BASE64;VALUE=BINARY;X-FILENAME=n.txt:"
	"MTcwNTgzLTE4ODk=\r\n"
	"ATTACH:https://files.example/a\r\n"
	"BEGIN:VALARM\r\nDESCRIPTION:Husk 170583-1889\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n"
	"this line is no property 42\r\n"
	"END:VEVENT\r\n"
	"END:VCALENDAR\r\n";

START_TEST(test_calendar_shown)
{
	got g = read_cal(ics, 0);

	HAS(g, "SUMMARY=M\xc3\xb8" "de om 170583-1889\x01");
	HAS(g, "DESCRIPTION=Linje 1\nCPR, 170583-1889;\x01");
	HAS(g, "LOCATION=Lokale 2\x01");
	HAS(g, "X-ALT-DESC=");
	HAS(g, "170583-1889");
	HAS(g, "ATTENDEE=Jens Hansen <jens@x.example>\x01");
	HAS(g, "ORGANIZER=boss@x.example\x01");
	HAS(g, "ATTACH=n.txt\x01");
	HAS(g, "ATTACH=https://files.example/a\x01");
	HAS(g, "VALARM/DESCRIPTION=Husk 170583-1889\x01");
	HAS(g, "text=this line is no property 42\x01");
	ck_assert_str_eq(g.blobs->str, "ATTACH n.txt|text/plain|170583-1889\x01");
	got_free(&g);
}
END_TEST

START_TEST(test_calendar_protocol_not_read)
{
	got g = read_cal(ics, 0);

	/* UID, DTSTAMP, SEQUENCE, RECURRENCE-ID, X-MICROSOFT-CDO-*, X-MS-OLK-*,
	 * X-WR-*, TZID and VTIMEZONE content are not handed over */
	HASNT(g, "1705831889");
	HASNT(g, "20260105");
	HASNT(g, "TRIGGER");
	got_free(&g);
}
END_TEST

START_TEST(test_calendar_sniff)
{
	ck_assert(seal_calendar_sniff("\r\nBEGIN:VCALENDAR\r\n", 19));
	ck_assert(!seal_calendar_sniff("Hello\nBEGIN:VCARD\n", 18));
	ck_assert(seal_vcard_sniff("BEGIN:VCARD\n", 12));
}
END_TEST

/* ---------------------------------------------------------- vCard */

START_TEST(test_vcard_21_qp)
{
	/* vCard 2.1 as Outlook writes it: QP with soft breaks, CHARSET */
	got g = read_cal("BEGIN:VCARD\r\nVERSION:2.1\r\n"
	    "N;CHARSET=ISO-8859-1:M\xf8ller;S\xf8ren\r\n"
	    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:B=F8rn: 17058=\r\n"
	    "3-=\r\n1889\r\n"
	    "TEL;CELL;VOICE:+45 12 34 56 78\r\n"
	    "ADR;HOME:;;Vejen 1;By;;1234;DK\r\n"
	    "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ1705831889\r\n"
	    "UID:1705831889\r\nREV:20260101T000000Z\r\n"
	    "END:VCARD\r\n", 1);

	HAS(g, "N=N: M\xc3\xb8ller S\xc3\xb8ren\x01");
	HAS(g, "NOTE=NOTE: B\xc3\xb8rn: 170583-1889\x01");
	HAS(g, "TEL=TEL: +45 12 34 56 78\x01");
	HAS(g, "ADR=ADR: \n\nVejen 1\nBy\n\n1234\nDK\x01");
	HASNT(g, "1705831889");
	got_free(&g);
}
END_TEST

START_TEST(test_vcard_base64_and_escapes)
{
	/* vCard 3.0 ENCODING=b text value; 4.0 escapes; X- fields; group names */
	got g = read_cal("BEGIN:VCARD\nVERSION:3.0\n"
	    "NOTE;ENCODING=b;CHARSET=UTF-8:MTcwNTgzLTE4ODk=\n"
	    "item1.X-ABLabel:CPR\\, 170583-1889\n"
	    "FN:Jens\n Hansen\n"
	    "END:VCARD\n"
	    "trailing text 7\n", 1);

	HAS(g, "NOTE=NOTE: 170583-1889\x01");
	HAS(g, "X-ABLABEL=X-ABLABEL: CPR, 170583-1889\x01");
	HAS(g, "FN=FN: JensHansen\x01");
	HAS(g, "text=trailing text 7\x01");
	got_free(&g);
}
END_TEST

/* ---------------------------------------------------------- the walk */

static seal_status
walk_collect(void *ctx, const seal_text *t, seal_err *err)
{
	GString *s = ctx;

	(void)err;
	g_string_append_printf(s, "%d|%s|%.*s\x01", (int)t->where, t->name ? t->name : "-",
	    (int)t->len, t->text);
	return SEAL_OK;
}

static char *
walk(const char *msg)
{
	GString *s = g_string_new(NULL);
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(msg, strlen(msg));
	seal_walk_result r;
	seal_err err;

	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(seal_message_walk(st, NULL, walk_collect, s, &r, &err), SEAL_OK);
	ck_assert(!r.unscannable);
	g_object_unref(st);
	return g_string_free(s, FALSE);
}

START_TEST(test_walk_invitation)
{
	char *out = walk("Subject: x\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Type: text/calendar; method=REQUEST; charset=utf-8\n\n"
	    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1705831889\nSUMMARY:a 17058\n 3-1889\n"
	    "END:VEVENT\nEND:VCALENDAR\n"
	    "--b\nContent-Type: application/octet-stream; name=kort.vcf\n"
	    "Content-Transfer-Encoding: base64\n\n"
	    "QkVHSU46VkNBUkQKTk9URTpOCkVORDpWQ0FSRAo=\n"
	    "--b\nContent-Type: text/calendar\n\nnot a calendar 42\n--b--\n");
	char want1[64], want2[64];

	g_snprintf(want1, sizeof(want1), "%d|calendar/SUMMARY|a 170583-1889\x01",
	    SEAL_WHERE_ATTACHMENT);
	g_snprintf(want2, sizeof(want2), "%d|kort.vcf/NOTE|NOTE: N\x01", SEAL_WHERE_ATTACHMENT);
	ck_assert_msg(strstr(out, want1) != NULL, "got %s", out);
	ck_assert_msg(strstr(out, want2) != NULL, "got %s", out);
	ck_assert_msg(strstr(out, "1705831889") == NULL, "UID read: %s", out);
	/* a part labelled text/calendar that is none is read as it stands */
	ck_assert_msg(strstr(out, "|-|not a calendar 42") != NULL, "got %s", out);
	g_free(out);
}
END_TEST

/* ---------------------------------------------------------- hostile input */

static seal_status
check_utf8(void *ctx, const char *label, const char *text, size_t len, seal_err *err)
{
	(void)ctx;
	(void)err;
	ck_assert_msg(g_utf8_validate(text, (gssize)len, NULL), "invalid UTF-8 under %s", label);
	return SEAL_OK;
}

START_TEST(test_mutations)
{
	/* structure characters dropped into the sample: quotes never closed,
	 * folds at the end, escapes before the end, deep BEGIN nesting */
	static const char pick[] = ";:\"\\\r\n =^,B\t";
	seal_cl_hooks h = { check_utf8, NULL, NULL };
	GRand *r = g_rand_new_with_seed(5545);
	size_t n = strlen(ics);
	seal_err err;

	memset(&err, 0, sizeof(err));
	for (int i = 0; i < 1000; i++) {
		char *m = g_strndup(ics, n);
		size_t len = (size_t)g_rand_int_range(r, 0, (gint32)n + 1);

		for (int k = g_rand_int_range(r, 1, 12); k > 0; k--) {
			size_t at = (size_t)g_rand_int_range(r, 0, (gint32)n);

			/* keep UTF-8 valid: never overwrite a byte of a sequence */
			if (((unsigned char)m[at] & 0x80) == 0)
				m[at] = pick[g_rand_int_range(r, 0, (gint32)sizeof(pick) - 1)];
		}
		while (len > 0 && ((unsigned char)m[len] & 0xC0) == 0x80)
			len--;
		ck_assert_int_eq(seal_calendar_read(m, len, &h, &err), SEAL_OK);
		ck_assert_int_eq(seal_vcard_read(m, len, &h, &err), SEAL_OK);
		g_free(m);
	}
	{
		GString *deep = g_string_new(NULL);

		for (int i = 0; i < 100; i++)
			g_string_append(deep, "BEGIN:VTIMEZONE\r\n");
		g_string_append(deep, "SUMMARY:x\r\n");
		for (int i = 0; i < 120; i++)
			g_string_append(deep, "END:VTIMEZONE\r\n");
		g_string_append(deep, "SUMMARY:y\r\n");
		ck_assert_int_eq(seal_calendar_read(deep->str, deep->len, &h, &err), SEAL_OK);
		g_string_free(deep, TRUE);
	}
	g_rand_free(r);
}
END_TEST

/* ---------------------------------------------------------- meeting context */

static int
count(const char *text)
{
	seal_date d = { 2026, 6, 1 };
	size_t n;
	char *norm = seal_normalize(text, strlen(text), &n);
	GArray *a = g_array_new(FALSE, FALSE, sizeof(seal_finding));
	int k;

	seal_detect(norm, n, &d, a);
	k = (int)a->len;
	g_array_free(a, TRUE);
	g_free(norm);
	return k;
}

START_TEST(test_meeting_context)
{
	static const struct { const char *label, *in; int want; } c[] = {
		{ "control: the number alone", "1705831889", 1 },
		{ "Zoom Meeting ID", "Meeting ID: 1705831889", 0 },
		{ "Teams Danish", "M\xc3\xb8" "de-id: 1705831889", 0 },
		{ "Teams Swedish", "M\xc3\xb6" "tes-ID: 1705831889", 0 },
		{ "conference id in a compound", "Telefonkonference-id: 1705831889#", 0 },
		{ "PIN", "Or dial: (DK) +45 78 76 80 36 PIN: 1705831889#", 0 },
		{ "Webex access code", "Access code: 1705831889", 0 },
		{ "one-tap dial string", "+4589880880,,1705831889#,,,,*123456# Denmark", 0 },
		{ "Meet tel link", "tel:+45-78-76-80-36;1705831889#", 0 },
		{ "Webex dial string", "+45-7877-4599,,1705831889## Denmark Toll", 0 },
		{ "Zoom link", "https://us02web.zoom.us/j/1705831889?pwd=abc", 0 },
		{ "Zoom link without scheme", "zoom.us/j/1705831889", 0 },
		{ "Teams dial-in link", "https://dialin.teams.microsoft.com/x?id=1705831889", 0 },
		{ "Webex video address", "Dial 1705831889@acme.webex.com", 0 },
		{ "hyphenated: never a meeting ID", "Meeting ID: 170583-1889", 1 },
		{ "identity keyword wins", "Meeting ID: 1705831889 (CPR)", 1 },
		{ "pin inside a word", "The pinnacle 1705831889", 1 },
		{ "label on another line", "Meeting ID: 123\n1705831889", 1 },
		{ "other host", "https://example.com/j/1705831889", 1 },
		{ "comma without #", "a,1705831889 b", 1 },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(c); i++) {
		int k = count(c[i].in);

		/* the URL rule alone lowers to low, still a finding: count levels >= 2 */
		ck_assert_msg((k > 0) == (c[i].want > 0), "%s: got %d findings, want %d",
		    c[i].label, k, c[i].want);
	}
}
END_TEST

static Suite *
calendar_suite(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc = tcase_create("core");

	/* a shared, loaded machine: the mutation loop runs under ASan */
	tcase_set_timeout(tc, 120);

	tcase_add_test(tc, test_unfold);
	tcase_add_test(tc, test_parse_params);
	tcase_add_test(tc, test_unescape);
	tcase_add_test(tc, test_calendar_shown);
	tcase_add_test(tc, test_calendar_protocol_not_read);
	tcase_add_test(tc, test_calendar_sniff);
	tcase_add_test(tc, test_vcard_21_qp);
	tcase_add_test(tc, test_vcard_base64_and_escapes);
	tcase_add_test(tc, test_walk_invitation);
	tcase_add_test(tc, test_mutations);
	tcase_add_test(tc, test_meeting_context);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	g_mime_init();
	return seal_check_run(calendar_suite());
}
