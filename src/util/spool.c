/*
 * spool.c - the message as received, bounded in memory (spool.h).
 *
 * Up to mem_threshold bytes live in a GByteArray; the first append that
 * would pass it moves everything to an anonymous file: created 0600 with
 * mkostemp in the spool directory and unlinked at once, so no message text
 * is left on disk after a crash and no other process can open it by name.
 * Writes use pwrite at the spool's own end, so the file offset that a
 * stream made by seal_spool_stream() shares (dup) does not matter.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "spool.h"
#include "spool_file.h"

/* Name of the (immediately unlinked) spill file inside the spool dir. */
#define SEAL_SPOOL_TEMPLATE "sealmilter-spool.XXXXXX"

struct seal_spool {
	char *dir;
	size_t threshold;
	GByteArray *mem;        /* content while in memory; NULL once on disk */
	int fd;                 /* spill file, -1 while in memory */
	uint64_t size;
	int broken;             /* an append failed: the content is incomplete */
};

seal_spool *
seal_spool_new(const char *dir, size_t mem_threshold)
{
	seal_spool *s = g_new0(seal_spool, 1);

	s->dir = g_strdup(dir != NULL && dir[0] != '\0' ? dir : g_get_tmp_dir());
	s->threshold = mem_threshold;
	s->mem = g_byte_array_new();
	s->fd = -1;
	return s;
}

/* Writes all of buf at offset off, retrying short writes and EINTR. */
static int
full_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
	const unsigned char *p = buf;

	while (len > 0) {
		ssize_t n = pwrite(fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

/* Moves the in-memory content to a fresh unlinked 0600 file. */
static seal_status
spill(seal_spool *s, seal_err *err)
{
	char *path = g_build_filename(s->dir, SEAL_SPOOL_TEMPLATE, NULL);
	int fd, saved;

	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0) {
		saved = errno;
		g_free(path);
		return seal_err_set(err, SEAL_ERR_IO, "spool: cannot create a file in %s: %s",
		    s->dir, g_strerror(saved));
	}
	/* Unlink first: whatever happens next, nothing stays behind by name. */
	(void)unlink(path);
	g_free(path);
	/* mkostemp gives 0600 under glibc; make sure whatever the libc. */
	if (fchmod(fd, S_IRUSR | S_IWUSR) != 0 ||
	    full_pwrite(fd, s->mem->data, s->mem->len, 0) != 0) {
		saved = errno;
		(void)close(fd);
		return seal_err_set(err, SEAL_ERR_IO, "spool: cannot write a file in %s: %s",
		    s->dir, g_strerror(saved));
	}
	/* The memory copy held message text: clear it before freeing. */
	if (s->mem->len > 0)
		memset(s->mem->data, 0, s->mem->len);
	g_byte_array_free(s->mem, TRUE);
	s->mem = NULL;
	s->fd = fd;
	return SEAL_OK;
}

seal_status
seal_spool_append(seal_spool *s, const void *data, size_t len, seal_err *err)
{
	seal_status st;

	if (s == NULL || (data == NULL && len > 0))
		return seal_err_set(err, SEAL_ERR_USAGE, "spool: invalid append");
	if (s->broken)
		return seal_err_set(err, SEAL_ERR_IO, "spool: an earlier write failed");
	if (len == 0)
		return SEAL_OK;
	if (s->fd < 0 && s->mem->len + len <= s->threshold) {
		g_byte_array_append(s->mem, data, (guint)len);
		s->size += len;
		return SEAL_OK;
	}
	if (s->fd < 0) {
		st = spill(s, err);
		if (st != SEAL_OK) {
			s->broken = 1;
			return st;
		}
	}
	if (full_pwrite(s->fd, data, len, s->size) != 0) {
		int saved = errno;

		s->broken = 1;
		return seal_err_set(err, SEAL_ERR_IO, "spool: write failed in %s: %s",
		    s->dir, g_strerror(saved));
	}
	s->size += len;
	return SEAL_OK;
}

uint64_t
seal_spool_size(const seal_spool *s)
{
	return s != NULL ? s->size : 0;
}

int
seal_spool_on_disk(const seal_spool *s)
{
	return s != NULL && s->fd >= 0;
}

GMimeStream *
seal_spool_stream(seal_spool *s, seal_err *err)
{
	int fd;

	if (s == NULL)
		return NULL;
	if (s->broken) {
		seal_err_set(err, SEAL_ERR_IO, "spool: content incomplete after a failed write");
		return NULL;
	}
	if (s->fd < 0 && s->mem->len == 0)
		return g_mime_stream_mem_new();     /* GByteArray data is NULL when empty */
	if (s->fd < 0) {
		/*
		 * Borrow the spool's own array (no owner: the stream leaves it
		 * alone): no copy per message, and no unwiped copy of the text
		 * left behind in freed memory. The spool outlives the stream.
		 */
		GMimeStream *ms = g_mime_stream_mem_new_with_byte_array(s->mem);

		g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(ms), FALSE);
		return ms;
	}
	/*
	 * The stream owns a duplicate descriptor (it closes it when the last
	 * substream goes) and reads with pread through one cache block
	 * (spool_file.h), not with GMime's lseek+read per 4 KB.
	 */
	fd = fcntl(s->fd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0) {
		seal_err_set(err, SEAL_ERR_IO, "spool: cannot reopen the spill file: %s",
		    g_strerror(errno));
		return NULL;
	}
	return seal_spool_file_stream(fd, err);
}

seal_spool *
seal_spool_free(seal_spool *s)
{
	if (s == NULL)
		return NULL;
	if (s->mem != NULL) {
		if (s->mem->len > 0)
			memset(s->mem->data, 0, s->mem->len);
		g_byte_array_free(s->mem, TRUE);
	}
	if (s->fd >= 0)
		(void)close(s->fd);
	g_free(s->dir);
	g_free(s);
	return NULL;
}
