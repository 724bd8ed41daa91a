/*
 * tnef_internal.h - what the TNEF reader (tnef.c) shares with its helpers:
 * the structure check run before libytnef (tnef_check.c). Compressed RTF
 * is decoded by lzfu.h. Not part of libseal's interface.
 */
#ifndef SEAL_TNEF_INTERNAL_H
#define SEAL_TNEF_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#define SEAL_TNEF_SIGNATURE 0x223E9F78u

uint32_t seal_tnef_u32(const uint8_t *p);

/* 0: libytnef reads the stream without an error path; -1: reason set. */
int seal_tnef_check(const uint8_t *d, size_t len, char *reason, size_t rsize);
/* One property list (attMAPIProps, attAttachment): 0 or -1. */
int seal_tnef_check_mapi(const uint8_t *d, size_t len);

#endif
