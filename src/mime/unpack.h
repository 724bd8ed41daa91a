/*
 * unpack.h - members of archives and compressed streams other than zip
 * (which office.h reads): tar, cpio, 7z, rar, ar, ISO 9660, cab..., and
 * gzip, bzip2, xz, lzma, zstd, compress(1) around them or around a single
 * file, read with libarchive from memory.
 *
 * Each member's content is handed to the callback whole (the caller decides
 * what it is by content); a compressed single file is one member named
 * "data". Bombs and the unreadable: members in all, uncompressed bytes in
 * all and the ratio of uncompressed to input bytes (past 1 MiB) are capped
 * by seal_office_limits; an encrypted member or header, a damaged archive
 * or a cap reached gives SEAL_ARCHIVE_UNSCANNABLE with a reason (no file
 * names: they can hold personal data). Nesting depth is the caller's, who
 * recurses into members.
 *
 * Thread safety: no shared state.
 */
#ifndef SEAL_UNPACK_H
#define SEAL_UNPACK_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "office.h"

typedef enum seal_archive_status {
	SEAL_ARCHIVE_NOT_ARCHIVE = 0, /* no archive or compression libarchive knows */
	SEAL_ARCHIVE_OK,              /* every member handed over */
	SEAL_ARCHIVE_UNSCANNABLE,     /* reason set */
	SEAL_ARCHIVE_ERROR            /* the callback failed or out of memory: err set */
} seal_archive_status;

/* name: the member's path in the archive (may be ""); data is freed after the call. */
typedef seal_status (*seal_archive_member_fn)(void *ctx, const char *name,
	const uint8_t *data, size_t len, seal_err *err);

/*
 * Whether data opens as an archive of a format other than zip (tar, cpio,
 * 7z, ISO 9660, ar, rar...), judged by libarchive from its headers. An
 * uncompressed archive whose last member is a zip document ends in that
 * document's end-of-central-directory record, so it looks like a zip
 * behind a self-extractor stub; such data is the outer archive, and every
 * member of it must be read (office_zip_start asks this).
 */
int seal_archive_is_other_format(const uint8_t *data, size_t len);

seal_archive_status seal_archive_extract(const uint8_t *data, size_t len,
	const seal_office_limits *limits, seal_archive_member_fn fn, void *ctx,
	char *reason, size_t reason_size, seal_err *err);

#endif
