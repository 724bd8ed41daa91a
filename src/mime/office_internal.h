/*
 * office_internal.h - what the files of the office reader share:
 * office.c (the zip layer: finding, opening and reading archives within the
 * bomb limits), office_sniff.c (what an entry is, by content),
 * office_xml.c (document XML and relationships to text) and office_run.c
 * (the steps the others share). office.c calls office_sniff.c, which
 * opens nested archives through run->archive.
 */
#ifndef SEAL_OFFICE_INTERNAL_H
#define SEAL_OFFICE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "office.h"

/* Which kind of package an entry belongs to. */
typedef enum office_pkg {
	OFFICE_PKG_ZIP = 0,     /* a plain zip archive */
	OFFICE_PKG_OOXML,       /* [Content_Types].xml present */
	OFFICE_PKG_ODF          /* "mimetype" present */
} office_pkg;

struct office_run {
	const seal_office_limits *lim;
	const seal_office_hooks *hooks;
	unsigned *uninspected;
	char *reason;
	size_t reason_size;
	seal_err *err;
	uint64_t total;        /* uncompressed bytes read so far */
	unsigned entries;      /* archive entries seen so far */
	/* opens a nested archive (office.c), so that the entry reader never
	   calls the archive layer directly */
	seal_office_status (*archive)(struct office_run *run, const char *data,
		size_t len, const char *prefix, unsigned depth);
};

seal_office_status office_unscannable(struct office_run *run,
	const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An entry name fit for a reason: digit runs of 5+ become X, cut to 60. */
void office_safe_name(const char *name, char *out, size_t size);

/* Hands text to the text hook (nothing for len 0). */
seal_office_status office_emit(struct office_run *run, const char *name,
	const char *text, size_t len);

/* Where the zip in data starts: 0 when no zip is found (*found 0). */
size_t office_zip_start(const char *data, size_t len, int *found);

/* One entry's bytes, by content (office_sniff.c). */
seal_office_status office_content(struct office_run *run, const char *name,
	const char *safe, const char *data, size_t len, office_pkg pkg,
	unsigned depth);

/* Document XML to text (office_xml.c): 0, or -1 when malformed. */
int office_xml_text(const char *data, size_t len, GString *out);

/* A relationships part: external hyperlink targets, one a line; 0 or -1. */
int office_rels_text(const char *data, size_t len, GString *out);

#endif
