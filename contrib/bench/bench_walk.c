/*
 * bench_walk.c - CPU per message of the whole scan (seal_scan: MIME walk,
 * readers, normaliser, detector, policy) on ordinary clean mail, one
 * thread, without an MTA. contrib/bench/bench_compare.sh builds it against
 * two trees and runs them in rotated order, so a change in the reading can
 * be measured against the tree before it in the same run.
 *
 * The messages are generated in memory with a fixed seed, about 10 KB
 * each, in the shapes clients write:
 *
 *   plain     text/plain UTF-8 quoted-printable, Danish prose with dates,
 *             phone and order numbers (no identity number)
 *   html      multipart/alternative, plain + Outlook-style HTML of the same
 *             prose (MsoNormal paragraphs, spans, a table, a link)
 *   flowed    text/plain format=flowed delsp=yes, a reply quoting two levels
 *
 * Attachments are not generated here: pass real messages as files. Files given as arguments are added as classes of their own (name = file).
 *
 * Usage: bench_walk [-n MESSAGES] [-c CONFIG] [FILE...]
 * Output, one line per class: "class NAME bytes B cpu_us_per_msg X".
 * Clean mail only: a finding in a generated class is an error (exit 1),
 * which also proves the scan ran.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "config.h"
#include "scan.h"

static const char *const words[] = {
	"borgeren", "sagen", "kommunen", "ansøgning", "bevilling", "møde",
	"tirsdag", "venlig", "hilsen", "afdeling", "journal", "oplysninger",
	"vedrørende", "familie", "ydelse", "bolig", "skole", "tilsyn", "og",
	"i", "at", "er", "den", "det", "til", "på", "med", "for", "som", "af",
};

static guint32 rng = 12345;

static guint32
next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* One line of prose, now and then with a date, a phone or an order number. */
static void
prose_line(GString *s)
{
	for (int w = 0; w < 11; w++)
		g_string_append_printf(s, "%s%s", w ? " " : "",
		    words[next_rand() % G_N_ELEMENTS(words)]);
	switch (next_rand() % 6) {
	case 0: g_string_append_printf(s, " den %u.%u.2026", 1 + next_rand() % 28, 1 + next_rand() % 12); break;
	case 1: g_string_append_printf(s, " tlf. %08u", 20000000 + next_rand() % 9999999); break;
	case 2: g_string_append_printf(s, " ordrenr. %u", 100000 + next_rand() % 899999); break;
	default: break;
	}
	g_string_append(s, ".");
}

static const char head[] =
    "From: Sagsbehandler <sb@kommune.example>\n"
    "To: Modtager <modtager@untrusted.example>\n"
    "Subject: Vedr. jeres henvendelse\n"
    "Date: Tue, 01 Dec 2026 10:00:00 +0100\n"
    "Message-ID: <bench-%u@kommune.example>\n"
    "MIME-Version: 1.0\n";

static GByteArray *
take(GString *s)
{
	gsize len = s->len;

	return g_byte_array_new_take((guint8 *)g_string_free(s, FALSE), len);
}

static GByteArray *
make_plain(unsigned i)
{
	GString *s = g_string_new(NULL);

	g_string_append_printf(s, head, i);
	g_string_append(s, "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: 8bit\n\n");
	while (s->len < 10000) {
		prose_line(s);
		g_string_append(s, "\n");
	}
	return take(s);
}

static GByteArray *
make_html(unsigned i)
{
	GString *s = g_string_new(NULL), *text = g_string_new(NULL);

	while (text->len < 4000) {
		prose_line(text);
		g_string_append(text, "\n");
	}
	g_string_append_printf(s, head, i);
	g_string_append(s, "Content-Type: multipart/alternative; boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n");
	g_string_append(s, text->str);
	g_string_append(s, "\n--b1\nContent-Type: text/html; charset=utf-8\n"
	    "Content-Transfer-Encoding: 8bit\n\n"
	    "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
	    "<style><!-- p.MsoNormal {margin:0cm;font-family:Calibri} --></style></head>"
	    "<body lang=DA link=\"#0563C1\"><div class=WordSection1>\n");
	for (char *line = strtok(text->str, "\n"); line != NULL; line = strtok(NULL, "\n"))
		g_string_append_printf(s, "<p class=MsoNormal><span style='font-size:11.0pt'>%s"
		    "<o:p></o:p></span></p>\n", line);
	g_string_append(s, "<table class=MsoTableGrid><tr><td><p class=MsoNormal>Sag</p></td>"
	    "<td><p class=MsoNormal>2026-1234</p></td></tr></table>\n"
	    "<p class=MsoNormal><a href=\"https://www.kommune.example/borger\">kommune.example</a>"
	    "</p></div></body></html>\n--b1--\n");
	g_string_free(text, TRUE);
	return take(s);
}

static GByteArray *
make_flowed(unsigned i)
{
	GString *s = g_string_new(NULL);
	int n = 0;

	g_string_append_printf(s, head, i);
	g_string_append(s, "Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\n"
	    "Content-Transfer-Encoding: 8bit\n\nTak for svaret.\n\n");
	while (s->len < 10000) {
		const char *quote = n < 20 ? "" : n < 60 ? "> " : ">> ";

		g_string_append(s, quote);
		prose_line(s);
		/* a soft break every other line: trailing space, delsp */
		g_string_append(s, (n++ % 2) ? "\n" : " \n");
	}
	return take(s);
}

struct bclass {
	const char *name;
	GByteArray *msg[16];
	unsigned nmsg;
	int must_be_clean;
};

static int
scan_one(const seal_config *cfg, GByteArray *m, const seal_date *date, int must_be_clean)
{
	static const char *const rcpts[] = { "modtager@untrusted.example" };
	seal_envelope env = { .sender = "sb@kommune.example", .rcpts = rcpts, .nrcpts = 1 };
	GMimeStream *st = g_mime_stream_mem_new_with_byte_array(m);
	seal_decision *d = NULL;
	seal_err err;
	int rc = 0;

	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), FALSE);
	seal_err_clear(&err);
	if (seal_scan(cfg, st, &env, date, &d, &err) != SEAL_OK) {
		fprintf(stderr, "bench_walk: scan failed: %s\n", err.msg);
		rc = 1;
	} else if (must_be_clean && (d->findings->len > 0 || d->unscannable)) {
		fprintf(stderr, "bench_walk: a generated clean message has %u findings%s\n",
		    d->findings->len, d->unscannable ? " (unscannable)" : "");
		rc = 1;
	}
	seal_decision_free(d);
	g_object_unref(st);
	return rc;
}

static double
cpu_us(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + ru.ru_utime.tv_usec +
	    ru.ru_stime.tv_usec;
}

static GByteArray *
read_file(const char *path)
{
	gchar *data;
	gsize len;

	if (!g_file_get_contents(path, &data, &len, NULL)) {
		fprintf(stderr, "bench_walk: cannot read %s\n", path);
		exit(2);
	}
	return g_byte_array_new_take((guint8 *)data, len);
}

int
main(int argc, char **argv)
{
	const char *conf = NULL;
	unsigned n = 2000;
	int opt, rc = 0;
	seal_config *cfg;
	seal_err err;
	seal_date date = { 2026, 6, 1 };
	struct bclass cls[3 + 32];
	unsigned ncls = 3;

	while ((opt = getopt(argc, argv, "n:c:")) != -1) {
		if (opt == 'n')
			n = (unsigned)strtoul(optarg, NULL, 10);
		else if (opt == 'c')
			conf = optarg;
		else {
			fprintf(stderr, "usage: bench_walk [-n MESSAGES] -c CONFIG [FILE...]\n");
			return 2;
		}
	}
	if (conf == NULL || n == 0) {
		fprintf(stderr, "usage: bench_walk [-n MESSAGES] -c CONFIG [FILE...]\n");
		return 2;
	}
	g_mime_init();
	seal_err_clear(&err);
	cfg = seal_config_load(conf, &err);
	if (cfg == NULL) {
		fprintf(stderr, "bench_walk: %s\n", err.msg);
		return 2;
	}
	memset(cls, 0, sizeof(cls));
	cls[0].name = "plain";
	cls[1].name = "html";
	cls[2].name = "flowed";
	for (unsigned i = 0; i < 16; i++) {
		cls[0].msg[i] = make_plain(i);
		cls[1].msg[i] = make_html(i);
		cls[2].msg[i] = make_flowed(i);
	}
	for (unsigned c = 0; c < 3; c++) {
		cls[c].nmsg = 16;
		cls[c].must_be_clean = 1;
	}
	for (int a = optind; a < argc && ncls < G_N_ELEMENTS(cls); a++, ncls++) {
		const char *slash = strrchr(argv[a], '/');

		cls[ncls].name = slash != NULL ? slash + 1 : argv[a];
		cls[ncls].msg[0] = read_file(argv[a]);
		cls[ncls].nmsg = 1;
	}
	for (unsigned c = 0; c < ncls && rc == 0; c++) {
		double t0 = cpu_us();
		gsize bytes = 0;

		for (unsigned i = 0; i < n && rc == 0; i++) {
			GByteArray *m = cls[c].msg[i % cls[c].nmsg];

			bytes += m->len;
			rc = scan_one(cfg, m, &date, cls[c].must_be_clean);
		}
		printf("class %s bytes %zu cpu_us_per_msg %.1f\n", cls[c].name,
		    (size_t)(bytes / n), (cpu_us() - t0) / n);
	}
	for (unsigned c = 0; c < ncls; c++)
		for (unsigned i = 0; i < cls[c].nmsg; i++)
			g_byte_array_unref(cls[c].msg[i]);
	seal_config_unref(cfg);
	g_mime_shutdown();
	return rc;
}
