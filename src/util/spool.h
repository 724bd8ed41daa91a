/*
 * spool.h - the message as received, in memory up to a threshold and in a
 * 0600 file beyond it, so memory stays bounded whatever the message size.
 *
 * The milter appends the header block and body chunks; the scanner reads it
 * back as a GMimeStream. Ownership: seal_spool_free() removes the file.
 * Not thread safe: one spool belongs to one message.
 */
#ifndef SEAL_SPOOL_H
#define SEAL_SPOOL_H

#include <stddef.h>
#include <stdint.h>
#include <gmime/gmime.h>

#include "err.h"

typedef struct seal_spool seal_spool;

/* dir: where spill files go (created 0600, unlinked at once after open). */
seal_spool *seal_spool_new(const char *dir, size_t mem_threshold);

seal_status seal_spool_append(seal_spool *s, const void *data, size_t len,
	seal_err *err);

uint64_t seal_spool_size(const seal_spool *s);

/* 1 when the content went to a file. */
int seal_spool_on_disk(const seal_spool *s);

/*
 * A new stream over the whole content, from its start (caller unrefs). It
 * may read the spool's memory in place: unref it (and its substreams)
 * before seal_spool_free, and append nothing while it lives.
 */
GMimeStream *seal_spool_stream(seal_spool *s, seal_err *err);

/* Frees s (NULL allowed) and returns NULL. */
seal_spool *seal_spool_free(seal_spool *s);

#endif
