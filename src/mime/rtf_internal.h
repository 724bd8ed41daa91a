/*
 * rtf_internal.h - what the RTF reader (rtftext.c) shares with its helpers:
 * code page conversion of \'hh runs (rtfcp.c) and OLE1 embedded objects
 * (rtfobj.c). Not part of libseal's interface.
 */
#ifndef SEAL_RTF_INTERNAL_H
#define SEAL_RTF_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "rtftext.h"

/* Converters of the code pages a document uses (at most 8; the rest as 1252). */
typedef struct seal_rtfcp seal_rtfcp;

seal_rtfcp *seal_rtfcp_new(void);
void seal_rtfcp_free(seal_rtfcp *c);
/* Appends bytes d[0..n) of code page cp to out as UTF-8 (never fails). */
void seal_rtfcp_put(seal_rtfcp *c, int cp, const uint8_t *d, size_t n, GString *out);
/* The code page of an \fcharset value (0: the document's, -1 unknown). */
int seal_rtfcp_of_charset(long charset);

/*
 * An OLE1 object (\objdata decoded, [MS-OLEDS] 2.2.4 ObjectHeader and
 * EmbeddedObject): the embedded file, or NULL when it is no embedded
 * OLE1 object. Takes nothing from data; the result is new.
 */
seal_rtf_object *seal_rtfobj_parse(const uint8_t *data, size_t len);
void seal_rtfobj_free(seal_rtf_object *o);

#endif
