/*
 * test_spool.c - the message spool (src/util/spool.c): memory below the
 * threshold, an unlinked 0600 file above it, byte-exact round trips, and
 * errors on a directory that cannot hold a file.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "spool.h"
#include "spool_file.h"
#include "check_main.h"

typedef struct spool_case {
	const char *label;
	size_t threshold;
	size_t total;            /* bytes appended in all */
	size_t chunk;            /* appended in pieces of this size */
	int want_on_disk;
} spool_case;

static const spool_case cases[] = {
	{ "empty message", 64, 0, 16, 0 },
	{ "small message stays in memory", 64, 10, 16, 0 },
	{ "exactly the threshold stays in memory", 64, 64, 32, 0 },
	{ "threshold plus one byte spills", 64, 65, 32, 1 },
	{ "one append larger than the threshold", 64, 200, 200, 1 },
	{ "threshold zero spills on the first byte", 0, 1, 1, 1 },
	{ "large message in milter-sized chunks", 1024, 300000, 65535, 1 },
};

/* Deterministic bytes with NUL, CR, LF and high bytes in them. */
static unsigned char *
make_content(size_t len)
{
	unsigned char *buf = g_malloc(len + 1);
	guint32 x = 2463534242u;

	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (unsigned char)(i % 77 == 0 ? '\r' : i % 77 == 1 ? '\n' : x & 0xff);
	}
	return buf;
}

static unsigned
count_entries(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	unsigned n = 0;

	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while (g_dir_read_name(d) != NULL)
		n++;
	g_dir_close(d);
	return n;
}

/* Reads the whole stream; *len gets the byte count. */
static unsigned char *
read_all(GMimeStream *st, size_t *len)
{
	GByteArray *a = g_byte_array_new();
	char buf[4096];
	ssize_t n;

	while ((n = g_mime_stream_read(st, buf, sizeof(buf))) > 0)
		g_byte_array_append(a, (const guint8 *)buf, (guint)n);
	ck_assert_msg(n == 0 || g_mime_stream_eos(st), "stream read error %zd", n);
	*len = a->len;
	return g_byte_array_free(a, FALSE);
}

static void
check_round_trip(const spool_case *c, seal_spool *s, const unsigned char *want)
{
	seal_err err;
	GMimeStream *st;
	unsigned char *got;
	size_t len;

	seal_err_clear(&err);
	st = seal_spool_stream(s, &err);
	ck_assert_msg(st != NULL, "%s: stream: got NULL (%s), want a stream", c->label, err.msg);
	got = read_all(st, &len);
	ck_assert_msg(len == c->total, "%s: stream length: got %zu, want %zu",
	    c->label, len, c->total);
	ck_assert_msg(len == 0 || memcmp(got, want, len) == 0,
	    "%s: stream content differs from what was appended", c->label);
	g_free(got);
	g_object_unref(st);
}

START_TEST(test_spool_cases)
{
	const spool_case *c = &cases[_i];
	char *dir = g_dir_make_tmp("spooltest-XXXXXX", NULL);
	unsigned char *content = make_content(c->total);
	seal_spool *s;
	seal_err err;

	ck_assert(dir != NULL);
	s = seal_spool_new(dir, c->threshold);
	for (size_t off = 0; off < c->total; off += c->chunk) {
		size_t n = MIN(c->chunk, c->total - off);
		seal_status st = seal_spool_append(s, content + off, n, &err);

		ck_assert_msg(st == SEAL_OK, "%s: append at %zu: got %s (%s), want ok",
		    c->label, off, seal_status_name(st), err.msg);
		ck_assert_msg(count_entries(dir) == 0,
		    "%s: after append at %zu: got %u names in the spool dir, want 0",
		    c->label, off, count_entries(dir));
	}
	ck_assert_msg(seal_spool_size(s) == c->total, "%s: size: got %llu, want %zu",
	    c->label, (unsigned long long)seal_spool_size(s), c->total);
	ck_assert_msg(seal_spool_on_disk(s) == c->want_on_disk, "%s: on_disk: got %d, want %d",
	    c->label, seal_spool_on_disk(s), c->want_on_disk);
	/* Twice: every stream starts at the beginning. */
	check_round_trip(c, s, content);
	check_round_trip(c, s, content);
	s = seal_spool_free(s);
	ck_assert_msg(s == NULL, "%s: free: got non-NULL, want NULL", c->label);
	ck_assert_msg(count_entries(dir) == 0, "%s: after free: got %u names, want 0",
	    c->label, count_entries(dir));
	ck_assert_msg(rmdir(dir) == 0, "%s: rmdir: %s", c->label, g_strerror(errno));
	g_free(content);
	g_free(dir);
}
END_TEST

/* The spill file is private (0600) and has no name (link count 0). */
START_TEST(test_spool_file_private)
{
	char *dir = g_dir_make_tmp("spooltest-XXXXXX", NULL);
	seal_spool *s = seal_spool_new(dir, 8);
	seal_err err;
	GMimeStream *st;
	struct stat sb;

	ck_assert_int_eq(seal_spool_append(s, "0123456789abcdef", 16, &err), SEAL_OK);
	st = seal_spool_stream(s, &err);
	ck_assert(st != NULL);
	ck_assert_msg(seal_spool_file_fd(st) >= 0, "stream type: got %s, want a file stream",
	    G_OBJECT_TYPE_NAME(st));
	ck_assert_int_eq(fstat(seal_spool_file_fd(st), &sb), 0);
	ck_assert_msg((sb.st_mode & 07777) == 0600, "mode: got %04o, want 0600",
	    (unsigned)(sb.st_mode & 07777));
	ck_assert_msg(sb.st_nlink == 0, "link count: got %lu, want 0",
	    (unsigned long)sb.st_nlink);
	g_object_unref(st);
	seal_spool_free(s);
	ck_assert_int_eq(rmdir(dir), 0);
	g_free(dir);
}
END_TEST

typedef struct bad_case {
	const char *label;
	size_t threshold;
	size_t len;
	seal_status want;
} bad_case;

static const bad_case bad_cases[] = {
	{ "below the threshold memory still works", 64, 10, SEAL_OK },
	{ "spilling into a missing dir fails", 4, 10, SEAL_ERR_IO },
};

/*
 * The pread stream over a spill file (spool_file.h) reads as GMime's memory
 * stream does over the same bytes: substreams across cache blocks, small and
 * large reads, seeks, eos and a read at the end, with the parent and a
 * substream taking turns (as the parser and the part readers do).
 */
START_TEST(test_spool_file_substreams)
{
	size_t total = 3 * SEAL_SPOOL_FILE_BLOCK + 12345;
	unsigned char *content = make_content(total);
	char *dir = g_dir_make_tmp("spooltest-XXXXXX", NULL);
	seal_spool *s = seal_spool_new(dir, 8);
	gint64 bounds[][2] = { { 0, -1 }, { 100, 5000 },
		{ SEAL_SPOOL_FILE_BLOCK - 10, 2 * SEAL_SPOOL_FILE_BLOCK + 7 },
		{ 7, (gint64)total }, { 1000, (gint64)total - 1 } };
	size_t sizes[] = { 1, 4096, 65536, SEAL_SPOOL_FILE_BLOCK + 3 };
	seal_err err;
	GMimeStream *st, *mem;
	char *a = g_malloc(SEAL_SPOOL_FILE_BLOCK + 3), *b = g_malloc(SEAL_SPOOL_FILE_BLOCK + 3);

	ck_assert_int_eq(seal_spool_append(s, content, total, &err), SEAL_OK);
	st = seal_spool_stream(s, &err);
	ck_assert(st != NULL);
	mem = g_mime_stream_mem_new_with_buffer((const char *)content, total);
	ck_assert_int_eq(g_mime_stream_length(st), (gint64)total);
	for (size_t i = 0; i < G_N_ELEMENTS(bounds); i++)
		for (size_t j = 0; j < G_N_ELEMENTS(sizes); j++) {
			GMimeStream *fs = g_mime_stream_substream(st, bounds[i][0], bounds[i][1]);
			GMimeStream *ms = g_mime_stream_substream(mem, bounds[i][0], bounds[i][1]);
			ssize_t n, m;
			unsigned k = 0, bad = 0;

			ck_assert_int_eq(g_mime_stream_length(fs), g_mime_stream_length(ms));
			do {
				/* the parent moves the shared cache elsewhere meanwhile
				   (not between 1-byte reads: each would reload a block) */
				if (sizes[j] > 1 && (k++ % 16) == 0) {
					g_mime_stream_seek(st, (gint64)(total / 2), GMIME_STREAM_SEEK_SET);
					bad += g_mime_stream_read(st, a, 10) != 10;
				}
				n = g_mime_stream_read(fs, a, sizes[j]);
				m = g_mime_stream_read(ms, b, sizes[j]);
				/* counted, not asserted each time: check records every assertion */
				bad += n != m || (n > 0 && memcmp(a, b, (size_t)n) != 0) ||
				    g_mime_stream_eos(fs) != g_mime_stream_eos(ms);
			} while (n > 0 && n == m);
			ck_assert_msg(bad == 0, "bounds %zu size %zu: %u reads differ", i, j, bad);
			ck_assert_int_eq(g_mime_stream_seek(fs, bounds[i][0] + 3, GMIME_STREAM_SEEK_SET),
			    g_mime_stream_seek(ms, bounds[i][0] + 3, GMIME_STREAM_SEEK_SET));
			ck_assert_int_eq(g_mime_stream_read(fs, a, 50), g_mime_stream_read(ms, b, 50));
			ck_assert_int_eq(g_mime_stream_reset(fs), 0);
			ck_assert_int_eq(g_mime_stream_tell(fs), bounds[i][0]);
			g_object_unref(fs);
			g_object_unref(ms);
		}
	g_object_unref(st);
	g_object_unref(mem);
	seal_spool_free(s);
	ck_assert_int_eq(rmdir(dir), 0);
	g_free(dir);
	g_free(a);
	g_free(b);
	g_free(content);
}
END_TEST

START_TEST(test_spool_bad_dir)
{
	const bad_case *c = &bad_cases[_i];
	seal_spool *s = seal_spool_new("/nonexistent/sealmilter-spool-test", c->threshold);
	seal_err err;
	seal_status st;
	GMimeStream *stream;

	seal_err_clear(&err);
	st = seal_spool_append(s, "0123456789", c->len, &err);
	ck_assert_msg(st == c->want, "%s: append: got %s, want %s", c->label,
	    seal_status_name(st), seal_status_name(c->want));
	stream = seal_spool_stream(s, &err);
	if (c->want == SEAL_OK) {
		ck_assert_msg(stream != NULL, "%s: stream: got NULL, want a stream", c->label);
		g_object_unref(stream);
	} else {
		ck_assert_msg(err.msg[0] != '\0', "%s: error text: got empty, want a reason",
		    c->label);
		ck_assert_msg(stream == NULL, "%s: stream after a failed append: got a stream, "
		    "want NULL", c->label);
		/* Later appends keep failing: the content is incomplete. */
		st = seal_spool_append(s, "x", 1, &err);
		ck_assert_msg(st != SEAL_OK, "%s: append after failure: got ok, want an error",
		    c->label);
	}
	seal_spool_free(s);
}
END_TEST

START_TEST(test_spool_free_null)
{
	ck_assert_msg(seal_spool_free(NULL) == NULL, "free(NULL): got non-NULL, want NULL");
	ck_assert_msg(seal_spool_size(NULL) == 0, "size(NULL): got non-zero, want 0");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("spool");
	TCase *tc = tcase_create("spool");

	g_mime_init();
	tcase_add_loop_test(tc, test_spool_cases, 0, G_N_ELEMENTS(cases));
	tcase_add_test(tc, test_spool_file_private);
	tcase_add_test(tc, test_spool_file_substreams);
	tcase_add_loop_test(tc, test_spool_bad_dir, 0, G_N_ELEMENTS(bad_cases));
	tcase_add_test(tc, test_spool_free_null);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
