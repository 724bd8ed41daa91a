/*
 * spool_file.c - a pread-backed, block-cached GMimeStream over a regular
 * file (spool_file.h).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "spool_file.h"

/* The file and its one cached block, shared by a stream and its substreams. */
typedef struct seal_fcache {
	int fd;
	gint64 size;            /* file size when the first stream was made */
	guint refs;
	char *block;            /* SEAL_SPOOL_FILE_BLOCK bytes, made at first need */
	gint64 boff;            /* file offset of block[0] */
	size_t blen;            /* valid bytes in block */
} seal_fcache;

typedef struct SealStreamFile {
	GMimeStream parent;
	seal_fcache *c;
} SealStreamFile;

typedef struct SealStreamFileClass {
	GMimeStreamClass parent_class;
} SealStreamFileClass;

GType seal_stream_file_get_type(void);

G_DEFINE_TYPE(SealStreamFile, seal_stream_file, GMIME_TYPE_STREAM)

static void
fcache_unref(seal_fcache *c)
{
	if (c == NULL || --c->refs > 0)
		return;
	if (c->block != NULL) {
		/* message text: not left in freed memory */
		memset(c->block, 0, SEAL_SPOOL_FILE_BLOCK);
		g_free(c->block);
	}
	(void)close(c->fd);
	g_free(c);
}

/* Reads len bytes at off, retrying short reads; fewer only at the file's end. */
static ssize_t
pread_full(int fd, char *buf, size_t len, gint64 off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, buf + done, len - done, (off_t)(off + (gint64)done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		done += (size_t)n;
	}
	return (ssize_t)done;
}

/* The stream's end: its bound, never past the file's size. */
static gint64
stream_end(const GMimeStream *s, const seal_fcache *c)
{
	return s->bound_end != -1 && s->bound_end < c->size ? s->bound_end : c->size;
}

/* Loads the block that starts at off; -1 on error or if the file shrank. */
static int
fcache_fill(seal_fcache *c, gint64 off)
{
	ssize_t n;

	if (c->block == NULL)
		c->block = g_malloc(SEAL_SPOOL_FILE_BLOCK);
	c->blen = 0;
	n = pread_full(c->fd, c->block, SEAL_SPOOL_FILE_BLOCK, off);
	if (n <= 0) {
		if (n == 0)
			errno = EIO;
		return -1;
	}
	c->boff = off;
	c->blen = (size_t)n;
	return 0;
}

static ssize_t
sf_read(GMimeStream *s, char *buf, size_t len)
{
	seal_fcache *c = ((SealStreamFile *)s)->c;
	gint64 end = stream_end(s, c);
	size_t n, done = 0;

	if (s->position > end)
		return -1;
	n = (size_t)MIN((gint64)len, end - s->position);
	while (done < n) {
		gint64 pos = s->position + (gint64)done;

		if (pos >= c->boff && pos < c->boff + (gint64)c->blen) {
			size_t k = MIN(n - done, (size_t)(c->boff + (gint64)c->blen - pos));

			memcpy(buf + done, c->block + (pos - c->boff), k);
			done += k;
		} else if (n - done >= SEAL_SPOOL_FILE_BLOCK) {
			/* a large read gains nothing from the block */
			ssize_t r = pread_full(c->fd, buf + done, n - done, pos);

			if (r <= 0)
				return -1;
			done += (size_t)r;
		} else if (fcache_fill(c, pos) != 0) {
			return -1;
		}
	}
	s->position += (gint64)done;
	return (ssize_t)done;
}

static ssize_t
sf_write(GMimeStream *s, const char *buf, size_t len)
{
	(void)s;
	(void)buf;
	(void)len;
	errno = EBADF;
	return -1;
}

static int
sf_flush(GMimeStream *s)
{
	(void)s;
	return 0;
}

static int
sf_close(GMimeStream *s)
{
	(void)s;
	return 0;
}

static gboolean
sf_eos(GMimeStream *s)
{
	return s->position >= stream_end(s, ((SealStreamFile *)s)->c);
}

static int
sf_reset(GMimeStream *s)
{
	s->position = s->bound_start;
	return 0;
}

static gint64
sf_seek(GMimeStream *s, gint64 offset, GMimeSeekWhence whence)
{
	gint64 end = stream_end(s, ((SealStreamFile *)s)->c), real;

	switch (whence) {
	case GMIME_STREAM_SEEK_END:
		real = end + offset;
		break;
	case GMIME_STREAM_SEEK_CUR:
		real = s->position + offset;
		break;
	case GMIME_STREAM_SEEK_SET:
	default:
		real = offset;
		break;
	}
	if (real < s->bound_start)
		real = s->bound_start;
	else if (real > end)
		real = end;
	s->position = real;
	return real;
}

static gint64
sf_tell(GMimeStream *s)
{
	return s->position;
}

static gint64
sf_length(GMimeStream *s)
{
	return stream_end(s, ((SealStreamFile *)s)->c) - s->bound_start;
}

static GMimeStream *
sf_substream(GMimeStream *s, gint64 start, gint64 end)
{
	SealStreamFile *sub = g_object_new(seal_stream_file_get_type(), NULL);

	sub->c = ((SealStreamFile *)s)->c;
	sub->c->refs++;
	g_mime_stream_construct(GMIME_STREAM(sub), start, end);
	return GMIME_STREAM(sub);
}

static void
seal_stream_file_finalize(GObject *o)
{
	SealStreamFile *f = (SealStreamFile *)o;

	fcache_unref(f->c);
	f->c = NULL;
	G_OBJECT_CLASS(seal_stream_file_parent_class)->finalize(o);
}

static void
seal_stream_file_class_init(SealStreamFileClass *klass)
{
	GMimeStreamClass *sc = GMIME_STREAM_CLASS(klass);

	G_OBJECT_CLASS(klass)->finalize = seal_stream_file_finalize;
	sc->read = sf_read;
	sc->write = sf_write;
	sc->flush = sf_flush;
	sc->close = sf_close;
	sc->eos = sf_eos;
	sc->reset = sf_reset;
	sc->seek = sf_seek;
	sc->tell = sf_tell;
	sc->length = sf_length;
	sc->substream = sf_substream;
}

static void
seal_stream_file_init(SealStreamFile *f)
{
	f->c = NULL;
}

GMimeStream *
seal_spool_file_stream(int fd, seal_err *err)
{
	SealStreamFile *f;
	struct stat st;
	seal_fcache *c;

	errno = 0;
	if (fstat(fd, &st) != 0)
		st.st_mode = 0;
	if (!S_ISREG(st.st_mode)) {
		int saved = errno != 0 ? errno : EINVAL;

		(void)close(fd);
		seal_err_set(err, SEAL_ERR_IO, "spool: not a readable file: %s",
		    g_strerror(saved));
		return NULL;
	}
	c = g_new0(seal_fcache, 1);
	c->fd = fd;
	c->size = (gint64)st.st_size;
	c->refs = 1;
	f = g_object_new(seal_stream_file_get_type(), NULL);
	f->c = c;
	g_mime_stream_construct(GMIME_STREAM(f), 0, -1);
	return GMIME_STREAM(f);
}

int
seal_spool_file_fd(GMimeStream *s)
{
	if (s == NULL || !G_TYPE_CHECK_INSTANCE_TYPE(s, seal_stream_file_get_type()))
		return -1;
	return ((SealStreamFile *)s)->c->fd;
}
