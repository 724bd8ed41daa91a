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

struct office_book;

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
	struct office_book *book; /* the workbook of the archive being read, or NULL */
	/* opens a nested archive (office.c), so that the entry reader never
	   calls the archive layer directly */
	seal_office_status (*archive)(struct office_run *run, const char *data,
		size_t len, const char *prefix, unsigned depth);
};

seal_office_status office_unscannable(struct office_run *run,
	const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An entry name fit for a reason: digit runs of 5+ become X, cut to 60. */
void office_safe_name(const char *name, char *out, size_t size);

/* Hands text to the text hook (nothing for len 0); detail may be NULL. */
seal_office_status office_emit(struct office_run *run, const char *name,
	const char *text, size_t len);
seal_office_status office_emit_at(struct office_run *run, const char *name,
	const char *detail, const char *text, size_t len);

/* Where the zip in data starts: 0 when no zip is found (*found 0). */
size_t office_zip_start(const char *data, size_t len, int *found);

/* One entry's bytes, by content (office_sniff.c). */
seal_office_status office_content(struct office_run *run, const char *name,
	const char *safe, const char *data, size_t len, office_pkg pkg,
	unsigned depth);

/* Document XML to text (office_xml.c): 0, or -1 when malformed. */
int office_xml_text(const char *data, size_t len, GString *out);

/*
 * What a spreadsheet part needs besides its XML (office_book.c gives it):
 * shared: a cell of type "s" holds an index into the workbook's shared
 * strings; the hook appends what the cell shows to out (idx: the <v> text).
 * table: an ODS table (office:spreadsheet's table:table) starts (name set,
 * hidden: its style says table:display="false") or ends (name NULL); the
 * text before it is in out, for the hook to hand over and clear. -1 from
 * a hook stops the reading (office_xml_text_with then returns -2).
 */
struct office_xml_hooks {
	void (*shared)(void *ctx, const char *idx, GString *out);
	int (*table)(void *ctx, const char *name, int hidden, GString *out);
	void *ctx;
};
int office_xml_text_with(const char *data, size_t len, GString *out,
	const struct office_xml_hooks *hooks);

/*
 * A workbook (office_book.c): which parts of an OOXML package are sheets,
 * by position, name and hidden state, and the shared strings their cells
 * point into; built before the package's entries are read, so that a
 * sheet's text holds the strings its cells show and names its sheet.
 * The entries office.c must read first: the package relationships, the
 * workbook, its relationships, the shared strings; each is read once,
 * kept and handed to the walk when its turn comes.
 */
typedef seal_office_status (*office_part_fn)(struct office_run *run, void *zctx,
	const char *part, const char **data, size_t *len);
struct office_book *office_book_open(struct office_run *run, const char *prefix,
	office_part_fn part, void *zctx, seal_office_status *rc);
struct office_book *office_book_free(struct office_book *b);
/* The part is the workbook's shared strings (read at the end, see below). */
int office_book_is_sst(const struct office_book *b, const char *name);
/*
 * A part of the workbook's package: a sheet's (or its comments') text
 * handed over named by its sheet, the shared strings left for
 * office_book_rest; *taken 0 when the part is neither (then the caller
 * reads it as ever). A sheet that is not well-formed XML makes the
 * document UNSCANNABLE, as any damaged part does.
 */
seal_office_status office_book_part(struct office_run *run, const char *name,
	const char *data, size_t len, int *taken);
/* The shared strings no sheet showed, after the last entry. */
seal_office_status office_book_rest(struct office_run *run);
/* An ODS content.xml: each table's text named by its table; -1 malformed. */
seal_office_status office_book_ods(struct office_run *run, const char *name,
	const char *safe, const char *data, size_t len);

/* A relationships part: external hyperlink targets, one a line; 0 or -1. */
int office_rels_text(const char *data, size_t len, GString *out);

#endif
