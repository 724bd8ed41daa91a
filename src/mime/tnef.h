/*
 * tnef.h - what a reader sees in Outlook's TNEF (application/ms-tnef,
 * winmail.dat; [MS-OXTNEF]), read with libytnef after the stream's
 * structure was checked (tnef_check.c).
 *
 * Handed over as texts: the subject, the sender and recipient display
 * names, the plain body (attBody, PR_BODY), the HTML body (PR_BODY_HTML,
 * as the HTML reader's text) and the compressed RTF body (PR_RTF_COMPRESSED,
 * [MS-OXRTFCP], read as RTF: rtftext.h). Handed over as files: every
 * attachment's data (attAttachData or PR_ATTACH_DATA_BIN) under its long
 * file name, and the objects embedded in the RTF body; the RTF body's PNG
 * and JPEG pictures and the HTML body's data: pictures go to the picture
 * hook (more than the RTF or HTML reader keeps: unscannable). An attached message
 * (PR_ATTACH_DATA_OBJ holding a TNEF stream) is read the same way,
 * recursively up to SEAL_TNEF_MAX_NESTING, its labels prefixed
 * "message NAME/". 8-bit strings are in the stream's OEM code page
 * (attOemCodepage; Windows-1252 when absent).
 *
 * SEAL_TNEF_UNSCANNABLE (reason set, no file or number in it): damaged,
 * beyond libytnef's limits, nested too deep, or an encrypted message (an
 * S/MIME or "Secure" message class) whose content cannot be read.
 * SEAL_TNEF_ERROR: a hook failed (its status in err). Texts and data
 * passed to hooks are owned by the reader and wiped after the call.
 * Thread safe (libytnef keeps no global state).
 */
#ifndef SEAL_TNEF_H
#define SEAL_TNEF_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define SEAL_TNEF_MAX_NESTING 4

typedef struct {
	/* a text: label is "subject", "body", "body (RTF)", ... (UTF-8) */
	seal_status (*text)(void *ctx, const char *label, const char *text, size_t len,
		seal_err *err);
	/* an attached file, name UTF-8 */
	seal_status (*file)(void *ctx, const char *name, const uint8_t *data, size_t len,
		seal_err *err);
	void *ctx;
	/* a PNG or JPEG picture of the RTF body (rtftext.h) or a data:
	   picture of the HTML body (html.h), named "body (RTF)/picture N" or
	   "body (HTML)/picture N"; NULL: such pictures are not read */
	seal_status (*picture)(void *ctx, const char *name, const uint8_t *data, size_t len,
		seal_err *err);
} seal_tnef_hooks;

typedef enum {
	SEAL_TNEF_OK,
	SEAL_TNEF_UNSCANNABLE,
	SEAL_TNEF_ERROR
} seal_tnef_status;

/* Non-zero when d starts with the TNEF signature (0x223E9F78). */
int seal_tnef_is(const uint8_t *d, size_t n);

seal_tnef_status seal_tnef_extract(const uint8_t *d, size_t len, const seal_tnef_hooks *h,
	char *reason, size_t rsize, seal_err *err);

#endif
