/*
 * spool_file.h - a read-only GMimeStream over a regular file, read with
 * pread(2) through one cache block shared by the stream and every
 * substream made from it.
 *
 * Why: GMime's file stream does an lseek(2) and a read(2) of the caller's
 * size for every read, and both the parser and the transfer-decoding
 * filters read in 4 KB pieces, so a large spooled message cost two system
 * calls per 4 KB, twice over. Here a read is a memory copy from the cache
 * block, which is refilled by one pread of SEAL_SPOOL_FILE_BLOCK bytes
 * (reads at least that large go straight to the caller's buffer). Memory
 * stays at one block per message whatever its size.
 *
 * Semantics follow GMime's memory stream (the path every small message
 * takes): a read at the end returns 0, eos is position >= end, the end is
 * the file's size when the stream was made (the file must not grow).
 * Not thread safe: a stream and its substreams belong to one message.
 */
#ifndef SEAL_SPOOL_FILE_H
#define SEAL_SPOOL_FILE_H

#include <gmime/gmime.h>

#include "err.h"

#define SEAL_SPOOL_FILE_BLOCK (256 * 1024)

/*
 * A stream over the whole file fd (from offset 0), which it owns and
 * closes when the last stream made from it goes. NULL (fd closed, err
 * set) when fd is not a regular file that can be read.
 */
GMimeStream *seal_spool_file_stream(int fd, seal_err *err);

/* The file descriptor under a stream made here, -1 for any other stream. */
int seal_spool_file_fd(GMimeStream *s);

#endif
