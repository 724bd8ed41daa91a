/*
 * ole2.h - is a Compound File (OLE2, [MS-CFB]: legacy .doc, .xls, .ppt,
 * and the container of password-protected OOXML) encrypted?
 *
 * A small bounded reader of the CFB directory and of the first bytes of a
 * few streams, enough to see every encryption the Office formats write:
 *  - "EncryptionInfo" / "EncryptedPackage" streams: an OOXML document
 *    (docx, xlsx, pptx) saved with a password ([MS-OFFCRYPTO] 2.3.4);
 *  - "WordDocument": the FIB's fEncrypted bit ([MS-DOC] 2.5.2, flags at
 *    offset 0x0A, bit 0x0100; XOR obfuscation sets it too);
 *  - "Workbook" / "Book": a FILEPASS record (type 0x002F) in the globals
 *    substream ([MS-XLS] 2.4.117);
 *  - "Current User": the headerToken 0xF3D1C4DF of an encrypted
 *    PowerPoint file ([MS-PPT] 2.3.2), and an "EncryptedSummary" stream.
 * The text of an unencrypted file is not read here (binstrings.h does);
 * seal_ole2_stream hands one stream over (xls.h reads the workbook).
 *
 * Every read is bounds-checked, every sector chain is cut at the number of
 * sectors the file can hold: a damaged or hostile file gives
 * SEAL_OLE2_DAMAGED, never a crash or a loop. Pure function, thread safe.
 */
#ifndef SEAL_OLE2_H
#define SEAL_OLE2_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

typedef enum seal_ole2_status {
	SEAL_OLE2_NOT_OLE2 = 0,   /* no CFB signature */
	SEAL_OLE2_CLEAR,          /* a compound file with no encryption seen */
	SEAL_OLE2_ENCRYPTED,      /* password-protected: reason says which kind */
	SEAL_OLE2_DAMAGED         /* signature, but the structure could not be read */
} seal_ole2_status;

/* data starts with the CFB signature D0 CF 11 E0 A1 B1 1A E1. */
int seal_ole2_is_cfb(const uint8_t *data, size_t len);

seal_ole2_status seal_ole2_check(const uint8_t *data, size_t len, char *reason,
	size_t reason_size);

/*
 * The first max bytes of the stream called name (ASCII, compared without
 * case), or NULL when the file is not a compound file, is damaged or has
 * no such stream. A short chain gives fewer bytes. Free with
 * g_byte_array_free(b, TRUE).
 */
GByteArray *seal_ole2_stream(const uint8_t *data, size_t len, const char *name,
	size_t max);

#endif
