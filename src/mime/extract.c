/*
 * extract.c - decoding helpers for the MIME walk: bytes in a declared (or
 * undeclared) charset to valid UTF-8, quoted-printable, RFC 2047 header
 * text and RFC 2231 file-name parameters.
 *
 * GMime does the parsing (encoded words, parameter continuations, QP
 * state machine) so that we do not hand-parse MIME; this file only adds
 * the policy GMime leaves open: what to do with undeclared 8-bit text and
 * with bytes that do not convert. Whatever the input, the output is valid
 * UTF-8 without NUL bytes, so the normaliser never sees garbage.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include <gmime/gmime.h>

#include "asciispan.h"
#include "charset.h"
#include "extract.h"

/* U+FFFD REPLACEMENT CHARACTER in UTF-8 */
static const char seal_repl[] = "\xef\xbf\xbd";

/*
 * Windows-1252 0x80-0x9F. The five undefined positions map to U+FFFD.
 * ISO-8859-1 and US-ASCII are read with this table too (as WHATWG does):
 * mail labelled Latin-1 is very often really Windows-1252, and the en dash
 * at 0x96 must not turn into a C1 control in the middle of a number.
 */
static const gunichar seal_cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0xFFFD
};

/* Every byte is one character: at most 3 UTF-8 bytes each. */
static char *
seal_cp1252_to_utf8(const unsigned char *data, size_t len, size_t *out_len)
{
	GString *s = g_string_sized_new(len + len / 2 + 1);
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = data[i];

		if (c == 0)
			g_string_append(s, seal_repl);
		else if (c < 0x80)
			g_string_append_c(s, (char)c);
		else if (c < 0xA0)
			g_string_append_unichar(s, seal_cp1252_high[c - 0x80]);
		else
			g_string_append_unichar(s, c);
	}
	*out_len = s->len;
	return g_string_free(s, FALSE);
}

/*
 * Length of the valid UTF-8 sequence (2-4 bytes) at p, 0 if there is none:
 * what g_utf8_validate accepts (no overlong forms, no surrogates, nothing
 * past U+10FFFF).
 */
static size_t
seal_utf8_seq(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;

	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (left < n || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t k = 2; k < n; k++)
		if ((p[k] & 0xC0) != 0x80)
			return 0;
	return n;
}

/*
 * Valid UTF-8 out of anything that is meant to be UTF-8: each byte that
 * does not start a valid sequence, and each NUL, becomes U+FFFD, as
 * g_utf8_make_valid does with a length given. One pass with an ASCII fast
 * path: this runs on every piece of text the scan reads.
 */
static char *
seal_utf8_clean(const char *data, size_t len, size_t *out_len)
{
	const unsigned char *p = (const unsigned char *)data;
	char *r, *o;
	size_t i = 0, cap = len + 1;

	r = o = g_malloc(cap);
	while (i < len) {
		size_t run = seal_ascii_span(p + i, len - i), n;

		if (run > 0) {
			memcpy(o, p + i, run);
			o += run;
			i += run;
			continue;
		}
		n = p[i] >= 0x80 ? seal_utf8_seq(p + i, len - i) : 0;
		if (n > 0) {
			memcpy(o, p + i, n);
			o += n;
			i += n;
			continue;
		}
		/* U+FFFD is 3 bytes for 1: grow only when text is broken */
		if ((size_t)(o - r) + 3 + (len - i - 1) + 1 > cap) {
			size_t used = (size_t)(o - r);
			char *bigger;

			/* room for the worst case of the rest; the old copy is wiped */
			cap = used + 3 + 3 * (len - i - 1) + 1;
			bigger = g_malloc(cap);
			memcpy(bigger, r, used);
			memset(r, 0, used);
			g_free(r);
			r = bigger;
			o = r + used;
		}
		memcpy(o, "\xEF\xBF\xBD", 3);
		o += 3;
		i++;
	}
	*o = '\0';
	if (out_len != NULL)
		*out_len = (size_t)(o - r);
	return r;
}

/* g_utf8_validate with a length, NUL included as invalid, in one fast pass. */
static int
seal_utf8_valid(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i = 0, n;

	while (i < len) {
		i += seal_ascii_span(p + i, len - i);
		if (i == len)
			break;
		if (p[i] < 0x80 || (n = seal_utf8_seq(p + i, len - i)) == 0)
			return 0;
		i += n;
	}
	return 1;
}

static int
seal_is_ascii(const unsigned char *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (data[i] >= 0x80)
			return 0;
	return 1;
}

/* Charsets read with the Windows-1252 table (see seal_cp1252_high). */
static int
seal_is_latin1_family(const char *cs)
{
	static const char *const names[] = {
		"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1",
		"l1", "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252",
		"us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-100", NULL
	};
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (g_ascii_strcasecmp(cs, names[i]) == 0)
			return 1;
	return 0;
}

/*
 * iconv with replacement: a byte that does not convert (or a truncated
 * sequence at the end) becomes U+FFFD and we step over one byte. The
 * result still goes through seal_utf8_clean because an iconv "UTF-8"
 * output may carry NUL bytes.
 */
static char *
seal_iconv_to_utf8(iconv_t cd, const char *data, size_t len, size_t *out_len)
{
	GString *s = g_string_sized_new(len * 2 + 16);
	char buf[4096];
	char *in = (char *)data;
	size_t inleft = len;
	char *r;

	while (inleft > 0) {
		char *out = buf;
		size_t outleft = sizeof(buf);
		size_t rc = iconv(cd, &in, &inleft, &out, &outleft);

		g_string_append_len(s, buf, (gssize)(out - buf));
		if (rc != (size_t)-1 || errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL: replace one byte, reset shift state */
		g_string_append(s, seal_repl);
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	/* flush any shift state (stateful encodings) */
	{
		char *out = buf;
		size_t outleft = sizeof(buf);

		if (iconv(cd, NULL, NULL, &out, &outleft) != (size_t)-1)
			g_string_append_len(s, buf, (gssize)(out - buf));
	}
	r = seal_utf8_clean(s->str, s->len, out_len);
	g_string_free(s, TRUE);
	return r;
}

char *
seal_extract_to_utf8(const char *data, size_t len, const char *charset,
	size_t *out_len)
{
	const unsigned char *u;
	size_t dummy;
	const char *iname;
	iconv_t cd;
	char *r;

	if (out_len == NULL)
		out_len = &dummy;
	if (data == NULL || len == 0) {
		/* an empty GByteArray has data == NULL */
		data = "";
		len = 0;
	}
	u = (const unsigned char *)data;
	if (charset != NULL && *charset == '\0')
		charset = NULL;

	/* Undeclared, or 8-bit under "us-ascii": UTF-8 if it is, else 1252. */
	if (charset == NULL || ((g_ascii_strcasecmp(charset, "us-ascii") == 0 ||
	    g_ascii_strcasecmp(charset, "ascii") == 0) && seal_is_ascii(u, len) == 0)) {
		if (seal_utf8_valid(data, len))
			return seal_utf8_clean(data, len, out_len);
		return seal_cp1252_to_utf8(u, len, out_len);
	}
	if (g_ascii_strcasecmp(charset, "utf-8") == 0 ||
	    g_ascii_strcasecmp(charset, "utf8") == 0)
		return seal_utf8_clean(data, len, out_len);
	if (seal_is_latin1_family(charset))
		return seal_cp1252_to_utf8(u, len, out_len);

	/* only names of the fixed table go on to iconv and GMime (charset.h) */
	iname = seal_charset_iconv_name(charset);
	cd = iname != NULL ? g_mime_iconv_open("UTF-8", iname) : (iconv_t)-1;
	if (cd == (iconv_t)-1) {
		/* unknown charset: treat as undeclared */
		if (seal_utf8_valid(data, len))
			return seal_utf8_clean(data, len, out_len);
		return seal_cp1252_to_utf8(u, len, out_len);
	}
	r = seal_iconv_to_utf8(cd, data, len, out_len);
	g_mime_iconv_close(cd);
	return r;
}

char *
seal_extract_qp_decode(const char *data, size_t len, size_t *out_len)
{
	/* decoded QP is never longer than its input (+ a held "=X" pair) */
	unsigned char *out = g_malloc(len + 4);
	int state = 0;
	guint32 save = 0;
	size_t n;

	n = g_mime_encoding_quoted_decode_step((const unsigned char *)data, len,
	    out, &state, &save);
	out[n] = '\0';
	if (out_len != NULL)
		*out_len = n;
	return (char *)out;
}

/* Options for one call: the default GMime options object is global. */
static GMimeParserOptions *
seal_extract_options(void)
{
	static const char *fallback[] = { "UTF-8", "windows-1252", NULL };
	GMimeParserOptions *o = g_mime_parser_options_new();

	g_mime_parser_options_set_rfc2047_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_fallback_charsets(o, fallback);
	return o;
}

char *
seal_extract_header_text(const char *raw)
{
	GMimeParserOptions *o;
	char *unfolded, *decoded, *r;

	if (raw == NULL)
		return g_strdup("");
	o = seal_extract_options();
	unfolded = g_mime_utils_header_unfold(raw);
	decoded = g_mime_utils_header_decode_text(o, unfolded != NULL ? unfolded : raw);
	if (decoded == NULL)
		decoded = g_strdup(unfolded != NULL ? unfolded : raw);
	/* 8-bit raw headers: GMime already used the fallbacks; still clean up */
	r = g_utf8_validate(decoded, -1, NULL) ? g_strdup(decoded)
	    : seal_extract_to_utf8(decoded, strlen(decoded), NULL, NULL);
	g_free(decoded);
	g_free(unfolded);
	g_mime_parser_options_free(o);
	return r;
}

char *
seal_extract_filename_param(const char *value)
{
	GMimeParserOptions *o;
	GMimeContentDisposition *d;
	const char *v;
	char *r = NULL;

	if (value == NULL)
		return NULL;
	o = seal_extract_options();
	d = g_mime_content_disposition_parse(o, value);
	if (d != NULL) {
		v = g_mime_content_disposition_get_parameter(d, "filename");
		if (v == NULL)
			v = g_mime_content_disposition_get_parameter(d, "name");
		if (v != NULL)
			r = seal_extract_to_utf8(v, strlen(v), NULL, NULL);
		g_object_unref(d);
	}
	g_mime_parser_options_free(o);
	return r;
}
