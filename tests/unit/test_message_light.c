/*
 * test_message_light.c - the light walk of a one-part text message
 * (src/mime/message_light.c) hands over exactly what the full walk does.
 *
 * Every message is walked twice, the light way where it applies and with
 * seal_walk_limits.full_walk set, and both must give the same texts in the
 * same order (where, part, depth, name, the bytes, the owned window) and
 * the same result (parts, counts, unscannable and its reason, encrypted,
 * repaired). Since the scanner sees only these texts, equal texts mean equal
 * detection. Messages: every .eml of tests/corpus, tests/sensitive-corpus
 * and tests/data, each also with its line ends turned (CRLF <-> LF);
 * mutations of a share of them (bytes changed, inserted or cut in the
 * header block, header lines repeated, the message cut short); and written
 * cases for each condition of the light walk (encodings, charsets, UTF-16,
 * flowed text, OpenPGP armour, repeated and conflicting fields, folded and
 * broken header lines, empty bodies, HTML, attachments by disposition).
 * The light walk must have run on a good share of them, or the comparison
 * proves nothing.
 *
 * Failure messages show texts with digits replaced by '#'.
 */
#include <string.h>

#include <gmime/gmime.h>

#include "err.h"
#include "message.h"

#include "check_main.h"

typedef struct seen_text {
	seal_where_kind where;
	unsigned part, depth;
	char *name;
	char *text;
	size_t len, own_start, own_end;
} seen_text;

static void
seen_text_free(gpointer p)
{
	seen_text *s = p;

	g_free(s->name);
	g_free(s->text);
	g_free(s);
}

static seal_status
collect(void *ctx, const seal_text *t, seal_err *err)
{
	seen_text *s = g_new0(seen_text, 1);

	(void)err;
	s->where = t->where;
	s->part = t->part;
	s->depth = t->depth;
	s->name = g_strdup(t->name);
	s->text = g_strndup(t->text, t->len);
	s->len = t->len;
	s->own_start = t->own_start;
	s->own_end = t->own_end;
	g_ptr_array_add(ctx, s);
	return SEAL_OK;
}

/* Digits replaced by '#', cut at 80 bytes: safe to print. */
static char *
show(const char *s, size_t len)
{
	char *r = g_strndup(s != NULL ? s : "(null)", s != NULL ? MIN(len, 80) : 6);

	for (char *p = r; *p != '\0'; p++)
		if (g_ascii_isdigit(*p))
			*p = '#';
		else if ((unsigned char)*p < 32)
			*p = ' ';
	return r;
}

typedef struct walk_out {
	GPtrArray *texts;
	seal_walk_result res;
	seal_status st;
} walk_out;

static void
walk(const char *data, size_t len, int full, walk_out *o)
{
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(data, len);
	seal_walk_limits lim;
	seal_err err;

	seal_walk_limits_default(&lim);
	lim.full_walk = full;
	seal_err_clear(&err);
	o->texts = g_ptr_array_new_with_free_func(seen_text_free);
	o->st = seal_message_walk(s, &lim, collect, o->texts, &o->res, &err);
	g_object_unref(s);
}

static unsigned n_messages, n_light;

/* Walks data both ways; a failure names label and what differs. */
static void
check_same(const char *label, const char *data, size_t len)
{
	walk_out a, b;
	guint i;

	walk(data, len, 0, &a);
	n_messages++;
	if (!a.res.light_walk) {
		/* the full walk already: nothing to compare */
		g_ptr_array_free(a.texts, TRUE);
		return;
	}
	n_light++;
	walk(data, len, 1, &b);
	ck_assert_msg(!b.res.light_walk, "%s: full_walk set but walked light", label);
	ck_assert_msg(a.st == b.st, "%s: status %d light, %d full", label, a.st, b.st);
	ck_assert_msg(a.texts->len == b.texts->len, "%s: %u texts light, %u full", label,
	    a.texts->len, b.texts->len);
	for (i = 0; i < a.texts->len; i++) {
		seen_text *x = g_ptr_array_index(a.texts, i), *y = g_ptr_array_index(b.texts, i);
		char *sx, *sy;
		int same = x->where == y->where && x->part == y->part && x->depth == y->depth &&
		    g_strcmp0(x->name, y->name) == 0 && x->len == y->len &&
		    memcmp(x->text, y->text, x->len) == 0 && x->own_start == y->own_start &&
		    x->own_end == y->own_end;

		if (same)
			continue;
		sx = show(x->text, x->len);
		sy = show(y->text, y->len);
		ck_abort_msg("%s: text %u differs: light where=%d part=%u depth=%u len=%zu own=%zu-%zu "
		    "'%s', full where=%d part=%u depth=%u len=%zu own=%zu-%zu '%s'", label, i,
		    x->where, x->part, x->depth, x->len, x->own_start, x->own_end, sx,
		    y->where, y->part, y->depth, y->len, y->own_start, y->own_end, sy);
	}
	ck_assert_msg(a.res.parts == b.res.parts && a.res.texts == b.res.texts &&
	    a.res.uninspected == b.res.uninspected && a.res.attachments == b.res.attachments,
	    "%s: counts differ (parts %u/%u texts %u/%u uninspected %u/%u attachments %u/%u)",
	    label, a.res.parts, b.res.parts, a.res.texts, b.res.texts, a.res.uninspected,
	    b.res.uninspected, a.res.attachments, b.res.attachments);
	ck_assert_msg(a.res.unscannable == b.res.unscannable &&
	    strcmp(a.res.reason, b.res.reason) == 0,
	    "%s: unscannable %d '%s' light, %d '%s' full", label, a.res.unscannable,
	    a.res.reason, b.res.unscannable, b.res.reason);
	ck_assert_msg(a.res.encrypted == b.res.encrypted &&
	    a.res.top_encrypted == b.res.top_encrypted && a.res.repaired == b.res.repaired,
	    "%s: encrypted %d/%d top_encrypted %d/%d repaired %d/%d (light/full)", label,
	    a.res.encrypted, b.res.encrypted, a.res.top_encrypted, b.res.top_encrypted,
	    a.res.repaired, b.res.repaired);
	g_ptr_array_free(a.texts, TRUE);
	g_ptr_array_free(b.texts, TRUE);
}

/* ------------------------------------------------------------ corpora */

static GPtrArray *files;        /* char *: paths of the corpus messages */

static void
add_dir(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	GPtrArray *here = g_ptr_array_new_with_free_func(g_free);

	if (d == NULL)
		return;
	while ((name = g_dir_read_name(d)) != NULL) {
		char *path = g_build_filename(dir, name, NULL);

		if (g_file_test(path, G_FILE_TEST_IS_DIR))
			add_dir(path);
		else if (g_str_has_suffix(name, ".eml"))
			g_ptr_array_add(files, g_strdup(path));
		g_free(path);
	}
	g_dir_close(d);
	g_ptr_array_free(here, TRUE);
}

static int
cmp_path(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
load_files(void)
{
	const char *top = getenv("top_srcdir");
	const char *dirs[] = { "tests/corpus", "tests/sensitive-corpus", "tests/data" };

	if (files != NULL)
		return;
	files = g_ptr_array_new_with_free_func(g_free);
	/* without it no file is found, and light_walk_ran fails saying so */
	if (top == NULL)
		return;
	for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
		char *d = g_build_filename(top, dirs[i], NULL);

		add_dir(d);
		g_free(d);
	}
	g_ptr_array_sort(files, cmp_path);
}

/* The message with CRLF made LF, or LF made CRLF when it had none. */
static GString *
turn_line_ends(const char *data, size_t len)
{
	int crlf = g_strstr_len(data, (gssize)len, "\r\n") != NULL;
	GString *g = g_string_sized_new(len + len / 16);

	for (size_t i = 0; i < len; i++) {
		if (crlf && data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
			continue;
		if (!crlf && data[i] == '\n')
			g_string_append_c(g, '\r');
		g_string_append_c(g, data[i]);
	}
	return g;
}

/* Offset of the end of the header block (after its empty line), or len. */
static size_t
header_len(const char *data, size_t len)
{
	const char *p = g_strstr_len(data, (gssize)len, "\n\n");
	const char *q = g_strstr_len(data, (gssize)len, "\n\r\n");

	if (q != NULL && (p == NULL || q < p))
		return (size_t)(q - data) + 3;
	return p != NULL ? (size_t)(p - data) + 2 : len;
}

/*
 * Mutation k of a message: a byte of the header block changed, inserted
 * or removed, a header line repeated, or the message cut short.
 */
static GString *
mutate(const char *data, size_t len, guint32 seed)
{
	static const char bytes[] = { ':', ' ', '\t', '\r', '\n', '\0', '\xff', '=', '?', '-',
		'"', '(', 'A', '\x80' };
	GRand *r = g_rand_new_with_seed(seed);
	size_t hl = header_len(data, len), at;
	GString *g = g_string_new_len(data, (gssize)len);
	const char *nl;

	if (len == 0 || hl == 0) {
		g_rand_free(r);
		return g;
	}
	at = (size_t)g_rand_int_range(r, 0, (gint32)MIN(hl, (size_t)G_MAXINT32));
	switch (g_rand_int_range(r, 0, 5)) {
	case 0:
		g->str[at] = bytes[g_rand_int_range(r, 0, sizeof(bytes))];
		break;
	case 1:
		g_string_insert_c(g, (gssize)at, bytes[g_rand_int_range(r, 0, sizeof(bytes))]);
		break;
	case 2:
		g_string_erase(g, (gssize)at, 1);
		break;
	case 3:
		/* the line at `at` repeated */
		while (at > 0 && data[at - 1] != '\n')
			at--;
		nl = memchr(data + at, '\n', len - at);
		if (nl != NULL)
			g_string_insert_len(g, (gssize)at, data + at, nl - (data + at) + 1);
		break;
	default:
		g_string_truncate(g, (gsize)g_rand_int_range(r, 0, (gint32)MIN(len, (size_t)G_MAXINT32)));
		break;
	}
	g_rand_free(r);
	return g;
}

#define FILES_PER_CASE 40
#define MUTATE_EVERY 3          /* every third file gets mutations */
#define MUTATIONS 8

START_TEST(corpus_same)
{
	load_files();
	for (guint i = (guint)_i * FILES_PER_CASE; i < files->len &&
	    i < (guint)(_i + 1) * FILES_PER_CASE; i++) {
		const char *path = g_ptr_array_index(files, i);
		char *data = NULL, *base = g_path_get_basename(path), *label;
		gsize len = 0;
		GString *g;

		ck_assert_msg(g_file_get_contents(path, &data, &len, NULL), "cannot read %s", base);
		check_same(base, data, len);
		g = turn_line_ends(data, len);
		label = g_strdup_printf("%s (line ends turned)", base);
		check_same(label, g->str, g->len);
		g_free(label);
		g_string_free(g, TRUE);
		for (guint k = 0; i % MUTATE_EVERY == 0 && k < MUTATIONS; k++) {
			g = mutate(data, len, i * 131u + k);
			label = g_strdup_printf("%s (mutation %u)", base, k);
			check_same(label, g->str, g->len);
			g_free(label);
			g_string_free(g, TRUE);
		}
		g_free(base);
		g_free(data);
	}
}
END_TEST

/* ------------------------------------------------------------ written cases */

#define HDR "From: \"Sagsbehandler\" <sb@kommune.example>\r\nTo: Borger <b@example.org>\r\n" \
	"Subject: Din sag\r\nDate: Mon, 01 Jun 2026 10:00:00 +0200\r\n" \
	"Message-ID: <x1@kommune.example>\r\nMIME-Version: 1.0\r\n"

typedef struct written_case {
	const char *s;
	size_t len;
} written_case;

#define W(s) { s, sizeof(s) - 1 }

static const written_case written[] = {
	/* plain, with and without Content-Type */
	W(HDR "Content-Type: text/plain; charset=utf-8\r\n\r\nCPR-nr.: 170583-1889\r\nHilsen\r\n"),
	W(HDR "\r\nCPR-nr.: 170583-1889\r\n"),
	W("Subject: alone\n\nbody 170583-1889 without CR\n"),
	/* encodings and charsets */
	W(HDR "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: "
	    "quoted-printable\r\n\r\nf=F8dt 17.05.83, nr. 170583-=\r\n1889 s=E6rlig\r\n"),
	W(HDR "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	    "Q1BSLW5yLjogMTcwNTgzLTE4ODkK\r\n"),
	W(HDR "Content-Type: text/plain; charset=windows-1252\r\n\r\nK\xe6re borger 170583-1889\r\n"),
	W(HDR "Content-Type: text/plain; charset=shift_jis\r\n\r\nnumber 170583-1889\r\n"),
	W(HDR "Content-Type: text/plain; charset=utf-16le\r\n\r\n1\x00" "7\x00" "0\x00" "5\x00\r\x00\n\x00"),
	W(HDR "Content-Type: text/plain\r\n\r\n\xef\xbb\xbf" "BOM 170583-1889\r\n"),
	W(HDR "Content-Type: text/plain; format=flowed; delsp=yes\r\n\r\nCPR 170583- \r\n1889\r\n> quoted\r\n"),
	W(HDR "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
	    "begin 644 a.txt\r\n#86)C\r\n`\r\nend\r\n"),
	/* OpenPGP armour in a text part */
	W(HDR "Content-Type: text/plain\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n\r\nhQEMA+not+real\r\n"
	    "-----END PGP MESSAGE-----\r\n"),
	/* labels: description, name, disposition */
	W(HDR "Content-Type: text/plain; name=\"sag 170583-1889.txt\"\r\n\r\ntext\r\n"),
	W(HDR "Content-Type: text/plain\r\nContent-Description: CPR 170583-1889\r\n\r\ntext\r\n"),
	W(HDR "Content-Type: text/plain\r\nContent-Disposition: attachment; filename=\"a.txt\"\r\n\r\n"
	    "170583-1889\r\n"),
	W(HDR "Content-Type: text/plain\r\nContent-Language: da\r\nX-Sag: 170583-1889\r\n\r\nbody\r\n"),
	/* other text types */
	W(HDR "Content-Type: text/html; charset=utf-8\r\n\r\n<p>CPR <b>170583-1889</b></p>\r\n"),
	W(HDR "Content-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:CPR "
	    "170583-1889\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
	W(HDR "Content-Type: text/rtf\r\n\r\n{\\rtf1 CPR 170583-1889}\r\n"),
	W(HDR "Content-Type: text/csv\r\n\r\nnavn;cpr\r\nA;170583-1889\r\n"),
	W(HDR "Content-Type: application/json\r\n\r\n{\"cpr\":\"170583\\u002d1889\"}\r\n"),
	/* not light: the full walk must run and agree with itself */
	W(HDR "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
	    "170583-1889\r\n--b--\r\n"),
	W(HDR "Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\n170583-1889\r\n"),
	W(HDR "Content-Type: message/partial; id=\"x\"; number=1; total=2\r\n\r\nSubject: p\r\n\r\n1705\r\n"),
	W(HDR "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n\r\nMIIB\r\n"),
	/* repeated and conflicting fields */
	W(HDR "Subject: second subject 170583-1889\r\n\r\nbody\r\n"),
	W(HDR "Content-Type: text/plain\r\nContent-Type: text/html\r\n\r\n<b>170583-1889</b>\r\n"),
	W(HDR "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n170583-1889\r\n"),
	W("Received: from a\r\nReceived: from b\r\nReceived: from a\r\n" HDR "\r\nbody 170583-1889\r\n"),
	W(HDR "Content-Type: text/plain; charset=utf-8; charset=latin1\r\n\r\n170583-1889\r\n"),
	/* folding and broken header lines */
	W(HDR "X-Long: one\r\n two\r\n\tthree 170583-1889\r\n\r\nbody\r\n"),
	W(HDR "X-Blank: a\r\n   \r\n\r\nbody 170583-1889\r\n"),
	W(" starts folded\r\n" HDR "\r\nbody\r\n"),
	W(HDR "Not a header line\r\n\r\nbody 170583-1889\r\n"),
	W(HDR "Bad Name: x\r\n\r\nbody 170583-1889\r\n"),
	W(HDR "X-Cr: a\rb\r\n\r\nbody\r\n"),
	W("From someone Mon Jun  1 10:00:00 2026\r\n" HDR "\r\nbody 170583-1889\r\n"),
	/* bodies: empty, no blank line, no final newline, blank lines only */
	W(HDR "Content-Type: text/plain\r\n\r\n"),
	W(HDR "Content-Type: text/plain\r\n"),
	W(HDR "Content-Type: text/plain\r\n\r\n170583-1889"),
	W(HDR "Content-Type: text/plain\r\n\r\n\r\n\r\n"),
	W(HDR "Subject: =?utf-8?q?CPR_170583-1889?=\r\n\r\nbody\r\n"),
	W("Subject: \xe6\xf8\xe5 8-bit 170583-1889\r\n\r\nbody\r\n"),
	W("From: =?iso-8859-1?q?S=F8ren?= <s@example.org>, \"Gruppe\": a@b.example, c@d.example;\r\n"
	    "\r\nbody\r\n"),
};

START_TEST(written_same)
{
	char *label = g_strdup_printf("written case %d", _i);

	check_same(label, written[_i].s, written[_i].len);
	g_free(label);
}
END_TEST

/* Last: the comparisons above must have met the light walk often. */
START_TEST(light_walk_ran)
{
	load_files();
	/* with CK_FORK the counters live in each case's child: count again */
	n_messages = n_light = 0;
	for (guint i = 0; i < files->len; i++) {
		char *data = NULL;
		gsize len = 0;
		walk_out a;

		if (!g_file_get_contents(g_ptr_array_index(files, i), &data, &len, NULL))
			continue;
		walk(data, len, 0, &a);
		n_messages++;
		n_light += a.res.light_walk != 0;
		g_ptr_array_free(a.texts, TRUE);
		g_free(data);
	}
	ck_assert_msg(n_messages >= 500, "only %u corpus messages found", n_messages);
	ck_assert_msg(n_light * 4 >= n_messages, "the light walk ran on %u of %u corpus "
	    "messages: too few for the comparison to mean much", n_light, n_messages);
	fprintf(stderr, "light walk: %u of %u corpus messages\n", n_light, n_messages);
}
END_TEST

static Suite *
light_suite(void)
{
	Suite *s = suite_create("message_light");
	TCase *tc = tcase_create("same");
	unsigned ncase;

	load_files();
	ncase = (files->len + FILES_PER_CASE - 1) / FILES_PER_CASE;
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, corpus_same, 0, (int)ncase);
	tcase_add_loop_test(tc, written_same, 0, (int)G_N_ELEMENTS(written));
	tcase_add_test(tc, light_walk_ran);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	g_mime_init();
	return seal_check_run(light_suite());
}
