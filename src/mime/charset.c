/*
 * charset.c - a fixed table of the charset names mail uses (charset.h).
 *
 * Names are matched without regard to case; the ISO 8859, Windows and DOS
 * code page families are matched by pattern (iso-8859-N, iso8859_N,
 * windows-125N, cpNNN, ibmNNN) and answered from constant strings, so no
 * name from a message is ever copied or kept.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "charset.h"

static const struct { const char *alias, *iconv; } named[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
	{ "us-ascii", "ASCII" }, { "ascii", "ASCII" }, { "ansi_x3.4-1968", "ASCII" },
	{ "iso-ir-6", "ASCII" }, { "us", "ASCII" },
	{ "utf-16", "UTF-16" }, { "utf-16le", "UTF-16LE" }, { "utf-16be", "UTF-16BE" },
	{ "utf-32", "UTF-32" }, { "utf-32le", "UTF-32LE" }, { "utf-32be", "UTF-32BE" },
	{ "utf-7", "UTF-7" }, { "ucs-2", "UCS-2" }, { "iso-10646-ucs-2", "UCS-2" },
	{ "ucs-4", "UCS-4" }, { "iso-10646-ucs-4", "UCS-4" },
	{ "latin1", "ISO-8859-1" }, { "latin-1", "ISO-8859-1" }, { "l1", "ISO-8859-1" },
	{ "iso-ir-100", "ISO-8859-1" }, { "latin2", "ISO-8859-2" }, { "l2", "ISO-8859-2" },
	{ "latin3", "ISO-8859-3" }, { "latin4", "ISO-8859-4" }, { "latin5", "ISO-8859-9" },
	{ "latin6", "ISO-8859-10" }, { "latin7", "ISO-8859-13" }, { "latin8", "ISO-8859-14" },
	{ "latin9", "ISO-8859-15" }, { "latin-9", "ISO-8859-15" }, { "latin10", "ISO-8859-16" },
	{ "cyrillic", "ISO-8859-5" }, { "greek", "ISO-8859-7" }, { "hebrew", "ISO-8859-8" },
	{ "arabic", "ISO-8859-6" }, { "iso-8859-8-i", "ISO-8859-8" },
	{ "iso-8859-6-i", "ISO-8859-6" },
	{ "koi8-r", "KOI8-R" }, { "koi8-u", "KOI8-U" }, { "koi8-ru", "KOI8-RU" },
	{ "koi8", "KOI8-R" },
	{ "shift_jis", "SHIFT_JIS" }, { "shift-jis", "SHIFT_JIS" }, { "sjis", "SHIFT_JIS" },
	{ "x-sjis", "SHIFT_JIS" }, { "ms_kanji", "SHIFT_JIS" }, { "windows-31j", "CP932" },
	{ "euc-jp", "EUC-JP" }, { "eucjp", "EUC-JP" }, { "ujis", "EUC-JP" },
	{ "x-euc-jp", "EUC-JP" }, { "iso-2022-jp", "ISO-2022-JP" },
	{ "iso-2022-jp-2", "ISO-2022-JP-2" },
	{ "iso-2022-jp-3", "ISO-2022-JP-3" },
	{ "euc-kr", "EUC-KR" }, { "euckr", "EUC-KR" }, { "ks_c_5601-1987", "CP949" },
	{ "ks_c_5601", "CP949" }, { "uhc", "CP949" }, { "iso-2022-kr", "ISO-2022-KR" },
	{ "gb2312", "GB2312" }, { "euc-cn", "GB2312" }, { "x-gbk", "GBK" }, { "gbk", "GBK" },
	{ "gb18030", "GB18030" }, { "iso-2022-cn", "ISO-2022-CN" },
	{ "iso-2022-cn-ext", "ISO-2022-CN-EXT" },
	{ "big5", "BIG5" }, { "big-5", "BIG5" }, { "x-x-big5", "BIG5" }, { "cn-big5", "BIG5" },
	{ "big5-hkscs", "BIG5-HKSCS" }, { "euc-tw", "EUC-TW" },
	{ "tis-620", "TIS-620" }, { "tis620", "TIS-620" }, { "iso-8859-11", "ISO-8859-11" },
	{ "viscii", "VISCII" }, { "tcvn", "TCVN" },
	{ "macintosh", "MACINTOSH" }, { "mac", "MACINTOSH" }, { "x-mac-roman", "MACINTOSH" },
	{ "x-mac-cyrillic", "MAC-CYRILLIC" }, { "x-mac-ce", "MAC-CENTRALEUROPE" },
	{ "x-mac-icelandic", "MAC-IS" }, { "armscii-8", "ARMSCII-8" },
	{ "georgian-ps", "GEORGIAN-PS" }, { "pt154", "PT154" }, { "x-unknown", "ASCII" },
	{ "unknown-8bit", "CP1252" }, { "x-user-defined", "CP1252" },
};

static const char *const iso8859[] = {
	NULL, "ISO-8859-1", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5",
	"ISO-8859-6", "ISO-8859-7", "ISO-8859-8", "ISO-8859-9", "ISO-8859-10",
	"ISO-8859-11", NULL, "ISO-8859-13", "ISO-8859-14", "ISO-8859-15", "ISO-8859-16",
};

/* Windows and DOS code pages iconv has, by number. */
static const struct { unsigned n; const char *iconv; } codepage[] = {
	{ 437, "CP437" }, { 737, "CP737" }, { 775, "CP775" }, { 850, "CP850" },
	{ 852, "CP852" }, { 855, "CP855" }, { 857, "CP857" }, { 858, "CP858" },
	{ 860, "CP860" }, { 861, "CP861" }, { 862, "CP862" }, { 863, "CP863" },
	{ 864, "CP864" }, { 865, "CP865" }, { 866, "CP866" }, { 869, "CP869" },
	{ 874, "CP874" }, { 932, "CP932" }, { 936, "CP936" }, { 949, "CP949" },
	{ 950, "CP950" }, { 1250, "CP1250" }, { 1251, "CP1251" }, { 1252, "CP1252" },
	{ 1253, "CP1253" }, { 1254, "CP1254" }, { 1255, "CP1255" }, { 1256, "CP1256" },
	{ 1257, "CP1257" }, { 1258, "CP1258" }, { 20866, "KOI8-R" }, { 21866, "KOI8-U" },
	{ 28591, "ISO-8859-1" }, { 28592, "ISO-8859-2" }, { 28605, "ISO-8859-15" },
	{ 65001, "UTF-8" }, { 1200, "UTF-16LE" }, { 1201, "UTF-16BE" }, { 20127, "ASCII" },
};

/* The number after prefix (one of several spellings), whole name digits only. */
static int
numbered(const char *s, const char *const *prefixes, unsigned *n)
{
	for (size_t i = 0; prefixes[i] != NULL; i++) {
		size_t pl = strlen(prefixes[i]);
		const char *d = s + pl;
		char *end;
		unsigned long v;

		if (g_ascii_strncasecmp(s, prefixes[i], pl) != 0 || !g_ascii_isdigit(*d))
			continue;
		v = strtoul(d, &end, 10);
		if (end - d > 5)
			continue;
		/* "iso-8859-1:1987" and similar registration years */
		if (*end == ':' && g_ascii_isdigit(end[1]))
			for (end++; g_ascii_isdigit(*end); end++)
				;
		if (*end == '\0') {
			*n = (unsigned)v;
			return 1;
		}
	}
	return 0;
}

const char *
seal_charset_iconv_name(const char *charset)
{
	static const char *const iso_p[] = { "iso-8859-", "iso8859-", "iso_8859-",
		"iso8859_", "iso_8859_", "iso-8859_", "iso8859", NULL };
	static const char *const cp_p[] = { "windows-", "cp", "x-cp", "ibm", "ibm-",
		"cp-", "ms", "win", "windows-cp", "csibm", NULL };
	unsigned n;

	if (charset == NULL)
		return NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(named); i++)
		if (g_ascii_strcasecmp(charset, named[i].alias) == 0)
			return named[i].iconv;
	if (numbered(charset, iso_p, &n))
		return n < G_N_ELEMENTS(iso8859) ? iso8859[n] : NULL;
	if (numbered(charset, cp_p, &n))
		for (size_t i = 0; i < G_N_ELEMENTS(codepage); i++)
			if (codepage[i].n == n)
				return codepage[i].iconv;
	return NULL;
}

const char *
seal_charset_table_name(size_t i)
{
	if (i < G_N_ELEMENTS(named))
		return named[i].iconv;
	i -= G_N_ELEMENTS(named);
	if (i < G_N_ELEMENTS(iso8859))
		return iso8859[i] != NULL ? iso8859[i] : "ISO-8859-1";
	i -= G_N_ELEMENTS(iso8859);
	if (i < G_N_ELEMENTS(codepage))
		return codepage[i].iconv;
	return NULL;
}

/*
 * GMime's own g_mime_charset_iconv_name, replaced for the process: GMime
 * calls it through the dynamic linker (every internal call goes through
 * its PLT), so a definition in the program wins and GMime's name table is
 * never filled from a message. GMime only ever passes the result on to
 * iconv_open and compares it, so a constant string keeps its behaviour for
 * every known name; an unknown one opens no converter, which GMime already
 * handles by trying its fallback charsets.
 */
const char *
g_mime_charset_iconv_name(const char *charset)
{
	const char *name;

	if (charset == NULL)
		return NULL;
	name = seal_charset_iconv_name(charset);
	return name != NULL ? name : SEAL_CHARSET_UNKNOWN;
}
