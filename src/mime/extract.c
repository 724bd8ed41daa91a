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
#include <string.h>

#include <gmime/gmime.h>

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
 * Valid UTF-8 out of anything that is meant to be UTF-8: invalid sequences
 * and NUL bytes become U+FFFD (g_utf8_make_valid treats NUL as invalid
 * when a length is given).
 */
static char *
seal_utf8_clean(const char *data, size_t len, size_t *out_len)
{
	char *r = g_utf8_make_valid(data, (gssize)len);

	if (out_len != NULL)
		*out_len = strlen(r);
	return r;
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
	if (charset == NULL || (seal_is_ascii(u, len) == 0 &&
	    (g_ascii_strcasecmp(charset, "us-ascii") == 0 ||
	    g_ascii_strcasecmp(charset, "ascii") == 0))) {
		if (g_utf8_validate(data, (gssize)len, NULL))
			return seal_utf8_clean(data, len, out_len);
		return seal_cp1252_to_utf8(u, len, out_len);
	}
	if (g_ascii_strcasecmp(charset, "utf-8") == 0 ||
	    g_ascii_strcasecmp(charset, "utf8") == 0)
		return seal_utf8_clean(data, len, out_len);
	if (seal_is_latin1_family(charset))
		return seal_cp1252_to_utf8(u, len, out_len);

	iname = g_mime_charset_iconv_name(charset);
	cd = iname != NULL ? g_mime_iconv_open("UTF-8", iname) : (iconv_t)-1;
	if (cd == (iconv_t)-1) {
		/* unknown charset: treat as undeclared */
		if (g_utf8_validate(data, (gssize)len, NULL))
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
