/*
 * ole2ppt.c - the text of a legacy PowerPoint file (.ppt, [MS-PPT]) from
 * its "PowerPoint Document" stream (ole2read_internal.h).
 *
 * The stream is a tree of records, each with an 8-byte header ([MS-PPT]
 * 2.3.1: recVer/recInstance, recType, recLen); a container (recVer 0xF)
 * holds records, an atom holds data. The walk goes through the stream
 * linearly, stepping into every container, so every text atom is read
 * wherever it lies: slides, notes pages, masters, handouts, and older
 * copies that fast saves left behind (reading more than a reader shows is
 * safe). Text atoms: TextCharsAtom (0x0FA0, UTF-16LE), TextBytesAtom
 * (0x0FA8, the low bytes of UTF-16 code points, i.e. Latin-1) and CString
 * (0x0FBA, UTF-16LE: comments, their authors, hyperlink and slide names).
 * Each atom is a paragraph of its own. A record that runs past the end of
 * the stream ends the walk: the rest is damaged, so unscannable.
 */
#include <string.h>

#include "ole2read_internal.h"

#define PPT_TEXTCHARS 0x0FA0
#define PPT_TEXTBYTES 0x0FA8
#define PPT_CSTRING 0x0FBA

/* 0, or -1 when a record runs past the end. */
static int
ppt_walk(const uint8_t *s, size_t len, GString *out)
{
	size_t off = 0;

	while (len - off >= 8) {
		unsigned ver = s[off] & 0x0F;
		uint16_t type = ole2_le16(s + off + 2);
		uint32_t rlen = ole2_le32(s + off + 4);
		const uint8_t *b = s + off + 8;

		off += 8;
		if (ver == 0x0F)
			continue;       /* a container: its records follow */
		if (rlen > len - off)
			return -1;
		if (type == PPT_TEXTCHARS || type == PPT_CSTRING)
			ole2_utf16(out, b, rlen);
		else if (type == PPT_TEXTBYTES) {
			for (uint32_t i = 0; i < rlen; i++)
				g_string_append_unichar(out, b[i] >= 0x20 ? b[i] : '\n');
		}
		if (type == PPT_TEXTCHARS || type == PPT_CSTRING || type == PPT_TEXTBYTES)
			g_string_append(out, "\n\n");
		off += rlen;
	}
	return 0;       /* fewer than 8 bytes left: padding */
}

seal_ole2_read_status
ole2_ppt(struct ole2_run *run, GsfInfile *in, const char *prefix)
{
	GByteArray *doc = NULL;
	seal_ole2_read_status st;
	GString *s;

	if (ole2_has(in, "EncryptedSummary"))
		return ole2_unscannable(run, "PowerPoint document is password-protected");
	st = ole2_read_child(run, in, "PowerPoint Document", &doc);
	if (st != SEAL_OLE2_READ_OK || doc == NULL)
		return st;
	s = g_string_new(NULL);
	if (ppt_walk(doc->data, doc->len, s) != 0)
		st = ole2_unscannable(run, "damaged PowerPoint document");
	else
		st = ole2_emit(run, prefix, "slides", s->str, s->len);
	if (s->len > 0)
		memset(s->str, 0, s->len);
	g_string_free(s, TRUE);
	ole2_wipe(doc);
	return st;
}
