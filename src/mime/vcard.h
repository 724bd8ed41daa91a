/*
 * vcard.h - the text a vCard (RFC 6350 4.0, RFC 2426 3.0, vCard 2.1; .vcf,
 * text/vcard, text/x-vcard) shows a reader.
 *
 * Every property is read except the protocol and binary ones (VERSION,
 * PRODID, UID, REV, PHOTO, LOGO, SOUND, KEY, TZ, GEO, CLIENTPIDMAP, KIND,
 * X-ABUID): FN, N, NOTE, ADR, LABEL, TITLE, ORG, TEL, EMAIL, BDAY, URL and
 * every X- field. A value is decoded first: ENCODING=QUOTED-PRINTABLE
 * (vCard 2.1, soft line breaks joined), ENCODING=BASE64 or b, then its
 * CHARSET (default UTF-8, else Windows-1252); then TEXT escapes are undone
 * and the components of N, ADR and ORG split on their own lines. Each
 * property is its own text, "NAME: value" (so a number on a TEL line is in
 * phone context, DETECTION.md 5.2), labelled with the property name.
 * Lines outside BEGIN:VCARD/END:VCARD and lines that are not content lines
 * are handed over as they stand (label "text").
 *
 * Input: the card as UTF-8 (quoted-printable and base64 values are bytes
 * in their CHARSET). Returns SEAL_OK or the first hook status that is not
 * SEAL_OK. Thread safe.
 */
#ifndef SEAL_VCARD_H
#define SEAL_VCARD_H

#include <stddef.h>

#include "contentline.h"
#include "err.h"

/* True when text starts (in its first lines) with "BEGIN:VCARD". */
int seal_vcard_sniff(const char *text, size_t len);

seal_status seal_vcard_read(const char *text, size_t len, const seal_cl_hooks *hooks,
	seal_err *err);

#endif
