/*
 * test_rules.c - site rules (rules.h, doc/DETECTION.md "Custom rules"):
 * each validator on valid and invalid input, the mask, every parse error
 * with its line number, matching (validator, keywords, overlap with a
 * built-in kind) and the example rules in conf/rules.d.
 *
 * No identity number is used here: the rule inputs are passport-like
 * digits, case numbers and the published example IBANs of the SWIFT IBAN
 * Registry (DK, GB), which belong to no person.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "detect.h"
#include "rules.h"
#include "rules_internal.h"
#include "scan.h"

#include "check_main.h"

static const seal_date scan_day = { 2026, 12, 6 };

/* ---------------------------------------------------------- validators */

typedef struct vcase {
	const char *label;
	bool (*fn)(const char *, size_t);
	const char *in;
	bool want;
} vcase;

static bool date_fn(const char *s, size_t n) { return seal_rules_date(s, n, &scan_day); }

static const vcase vcases[] = {
	{ "luhn textbook valid", seal_rules_luhn, "79927398713", true },
	{ "luhn textbook one digit off", seal_rules_luhn, "79927398710", false },
	{ "luhn spaced card test number", seal_rules_luhn, "4111 1111 1111 1111", true },
	{ "luhn one digit", seal_rules_luhn, "0", false },
	{ "mod11 Norwegian account example", seal_rules_mod11, "8601.11.17947", true },
	{ "mod11 wrong check digit", seal_rules_mod11, "86011117948", false },
	{ "mod11 remainder 10 never valid", seal_rules_mod11, "1000000011", false },
	{ "date YYYYMMDD leap day", date_fn, "20240229-1234", true },
	{ "date YYYYMMDD no leap day", date_fn, "20230229", false },
	{ "date YYMMDD", date_fn, "991231", true },
	{ "date YYMMDD month 13", date_fn, "991331", false },
	{ "date too short", date_fn, "9912", false },
	{ "iban DK registry example", seal_rules_iban, "DK50 0040 0440 1162 43", true },
	{ "iban GB registry example", seal_rules_iban, "GB82WEST12345698765432", true },
	{ "iban DK one digit off", seal_rules_iban, "DK50 0040 0440 1162 44", false },
	{ "iban lower case letters", seal_rules_iban, "gb82west12345698765432", true },
	{ "iban no country", seal_rules_iban, "5000400440116243", false },
	{ "iban punctuation", seal_rules_iban, "DK50.0040.0440.1162.43", false },
};

START_TEST(validators)
{
	const vcase *c = &vcases[_i];
	bool got = c->fn(c->in, strlen(c->in));

	ck_assert_msg(got == c->want, "%s: got %d, want %d", c->label, got, c->want);
}
END_TEST

/* ---------------------------------------------------------- mask */

START_TEST(mask)
{
	char out[48];

	seal_rules_mask("Sag 2024-123456", 15, 7, out, sizeof(out));
	ck_assert_str_eq(out, "Sag 2024-XXXXXX");
	seal_rules_mask("123456789", 9, 0, out, sizeof(out));
	ck_assert_str_eq(out, "XXXXXXXXX");
	seal_rules_mask("DK50 0040 0440 1162 43", 22, 4, out, sizeof(out));
	ck_assert_str_eq(out, "DK50 XXXX XXXX XXXX XX");
	/* keep more than there is: all kept (an administrator's choice) */
	seal_rules_mask("AB12", 4, 10, out, sizeof(out));
	ck_assert_str_eq(out, "AB12");
	/* a long match is cut, never overflows */
	seal_rules_mask("1234567890123456789012345678901234567890123456789012345678901234",
	    64, 0, out, sizeof(out));
	ck_assert_int_le(strlen(out), sizeof(out) - 1);
	ck_assert(g_str_has_suffix(out, "..."));
	ck_assert(strchr(out, '1') == NULL);
}
END_TEST

/* ---------------------------------------------------------- parsing */

static char *
write_rules(const char *text)
{
	char *path = g_build_filename(g_get_tmp_dir(), "seal-rules-XXXXXX", NULL);
	int fd = g_mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

typedef struct pcase {
	const char *label;
	const char *text;
	unsigned line;          /* expected error line */
	const char *want;       /* substring of the message */
} pcase;

static const pcase pcases[] = {
	{ "unknown key", "name = a\npattern = x\ncolour = red\n", 3, "unknown key colour" },
	{ "bad pattern has PCRE2 message and offset",
	  "# c\n\nname = a\npattern = ab(c\n", 4, "at offset 4" },
	{ "unknown class", "name = a\npattern = x\nclass = secret\n", 3, "unknown secret" },
	{ "missing pattern names first line", "name = a\npattern = x\n\n\nname = b\nvalidator = luhn\n", 5,
	  "rule without pattern" },
	{ "missing name", "pattern = x\n", 1, "rule without name" },
	{ "key twice", "name = a\nname = b\n", 2, "given twice" },
	{ "no equals sign", "name = a\npattern\n", 2, "expected key = value" },
	{ "unknown validator", "name = a\npattern = x\nvalidator = crc\n", 3, "unknown crc" },
	{ "bad confidence", "name = a\npattern = x\nconfidence = very\n", 3, "unknown very" },
	{ "bad mask", "name = a\npattern = x\nmask = first 4\n", 3, "not keep:N" },
	{ "bad window", "name = a\npattern = x\nkeyword_window = -1\n", 3, "keyword_window" },
	{ "empty keywords", "name = a\npattern = x\nkeywords = ,\n", 3, "empty list" },
	{ "bad name", "name = a b\npattern = x\n", 1, "name: a b" },
	{ "duplicate name", "name = a\npattern = x\n\nname = a\npattern = y\n", 4, "used twice" },
};

START_TEST(parse_errors)
{
	const pcase *c = &pcases[_i];
	char *path = write_rules(c->text);
	seal_err err;
	seal_rules *r;

	seal_err_clear(&err);
	r = seal_rules_load(path, &err);
	ck_assert_msg(r == NULL, "%s: loaded", c->label);
	ck_assert_msg(err.code == SEAL_ERR_CONFIG, "%s: code %d", c->label, err.code);
	ck_assert_msg(err.line == c->line, "%s: line %u, want %u", c->label, err.line, c->line);
	ck_assert_msg(strcmp(err.file, path) == 0, "%s: file %s", c->label, err.file);
	ck_assert_msg(strstr(err.msg, c->want) != NULL, "%s: \"%s\" lacks \"%s\"",
	    c->label, err.msg, c->want);
	unlink(path);
	g_free(path);
}
END_TEST

START_TEST(parse_unreadable)
{
	seal_err err;

	seal_err_clear(&err);
	ck_assert(seal_rules_load("/nonexistent/seal.rules", &err) == NULL);
	ck_assert_int_eq(err.code, SEAL_ERR_CONFIG);
	ck_assert(strstr(err.msg, "cannot read") != NULL);
}
END_TEST

/* Every shipped example loads, alone, and all of them as one file. */
START_TEST(examples_load)
{
	static const char *const names[] = { "dk-passport", "no-passport", "iban-personal",
	    "case-number", "se-reserve" };
	const char *top = getenv("top_srcdir");
	GString *all = g_string_new(NULL);
	seal_rules *r;
	seal_err err;
	char *path, *text;

	ck_assert_msg(top != NULL, "top_srcdir is not set (run through make check)");
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		char *file = g_strdup_printf("%s.rules", names[i]);

		path = g_build_filename(top, "conf", "rules.d", file, NULL);
		seal_err_clear(&err);
		r = seal_rules_load(path, &err);
		ck_assert_msg(r != NULL, "%s: %s:%u: %s", names[i], err.file, err.line, err.msg);
		ck_assert_int_eq(seal_rules_count(r), 1);
		seal_rules_free(r);
		ck_assert(g_file_get_contents(path, &text, NULL, NULL));
		g_string_append_printf(all, "%s\n\n", text);
		g_free(text);
		g_free(path);
		g_free(file);
	}
	path = write_rules(all->str);
	seal_err_clear(&err);
	r = seal_rules_load(path, &err);
	ck_assert_msg(r != NULL, "all: %s:%u: %s", err.file, err.line, err.msg);
	ck_assert_int_eq(seal_rules_count(r), G_N_ELEMENTS(names));
	seal_rules_free(r);
	unlink(path);
	g_free(path);
	g_string_free(all, TRUE);
}
END_TEST

/* ---------------------------------------------------------- matching */

static const char test_rules[] =
	"# test rules\n"
	"name = case\n"
	"pattern = \\bSag (?:19|20)[0-9]{2}-[0-9]{6}\\b\n"
	"confidence = high\n"
	"mask = keep:7\n"
	"\n"
	"name = pass\n"
	"pattern = (?<![0-9])[0-9]{9}(?![0-9])\n"
	"keywords = pasnummer, Passport\n"
	"keyword_window = 20\n"
	"confidence = low\n"
	"\n"
	"name = iban\n"
	"pattern = \\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b\n"
	"validator = iban\n"
	"mask = keep:4\n"
	"\n"
	"name = any-run\n"
	"pattern = [0-9]{10}\n";

static seal_rules *
load_test_rules(void)
{
	char *path = write_rules(test_rules);
	seal_err err;
	seal_rules *r;

	seal_err_clear(&err);
	r = seal_rules_load(path, &err);
	ck_assert_msg(r != NULL, "%s:%u: %s", err.file, err.line, err.msg);
	unlink(path);
	g_free(path);
	return r;
}

static GArray *
run(const seal_rules *r, const char *text, bool builtin)
{
	GArray *out = g_array_new(FALSE, TRUE, sizeof(seal_finding));

	if (builtin)
		seal_detect(text, strlen(text), &scan_day, out);
	ck_assert(seal_rules_detect(r, text, strlen(text), &scan_day, out, 0) != (size_t)-1);
	return out;
}

#define F(a, i) (&g_array_index((a), seal_finding, (i)))

START_TEST(match_mask_kind)
{
	seal_rules *r = load_test_rules();
	const char *text = "Vedr. Sag 2024-123456 og kontoen DK50 0040 0440 1162 43.";
	GArray *out = run(r, text, false);

	ck_assert_int_eq(out->len, 2);
	ck_assert_str_eq(seal_finding_kind_name(F(out, 0)), "rule:case");
	ck_assert_str_eq(F(out, 0)->masked, "Sag 2024-XXXXXX");
	ck_assert_int_eq(F(out, 0)->level, SEAL_LEVEL_HIGH);
	ck_assert_int_eq(F(out, 0)->start, 6);
	ck_assert_int_eq(F(out, 0)->end, 21);
	ck_assert_str_eq(F(out, 0)->canonical, "SAG2024123456");
	ck_assert_str_eq(seal_finding_kind_name(F(out, 1)), "rule:iban");
	ck_assert_str_eq(F(out, 1)->masked, "DK50 XXXX XXXX XXXX XX");
	ck_assert_int_eq(F(out, 1)->level, SEAL_LEVEL_MEDIUM);
	g_array_free(out, TRUE);
	seal_rules_free(r);
}
END_TEST

START_TEST(match_validator_rejects)
{
	seal_rules *r = load_test_rules();
	GArray *out = run(r, "kontoen DK50 0040 0440 1162 44.", false);

	ck_assert_int_eq(out->len, 0);
	g_array_free(out, TRUE);
	seal_rules_free(r);
}
END_TEST

START_TEST(match_keywords)
{
	seal_rules *r = load_test_rules();
	GArray *out;

	/* keyword within 20 characters, either side, any case */
	out = run(r, "PASNUMMER: 123456789", false);
	ck_assert_int_eq(out->len, 1);
	ck_assert_str_eq(seal_finding_kind_name(F(out, 0)), "rule:pass");
	ck_assert_str_eq(F(out, 0)->masked, "XXXXXXXXX");
	ck_assert_int_eq(F(out, 0)->level, SEAL_LEVEL_LOW);
	g_array_free(out, TRUE);
	out = run(r, "123456789 is the passport", false);
	ck_assert_int_eq(out->len, 1);
	g_array_free(out, TRUE);
	/* no keyword, or one too far away: nothing */
	out = run(r, "ordre 123456789", false);
	ck_assert_int_eq(out->len, 0);
	g_array_free(out, TRUE);
	out = run(r, "pasnummer, se nedenfor under punkt fire: 123456789", false);
	ck_assert_int_eq(out->len, 0);
	g_array_free(out, TRUE);
	seal_rules_free(r);
}
END_TEST

/* ---------------------------------------------------------- text passes */

/* The fold of keyword windows is GLib's, for every code point. */
START_TEST(fold_is_glib)
{
	GString *all = g_string_new(NULL), *mine = g_string_new(NULL);
	static const char *const samples[] = {
		"PASNUMMER", "L\xc3\x98NKONTO", "Stra\xc3\x9f" "e", "PA\xe1\xba\x9ePORT",
		"\xc5\xbf" "ag", "\xe2\x84\xaa" "elvin", "\xc4\xb0stanbul", "\xce\x90",
		"\xd0\x9f\xd0\xa0\xd0\x98", "\xef\xac\x93", "\xf0\x9f\x98\x80 x", "",
	};
	char *want;

	for (size_t i = 0; i < G_N_ELEMENTS(samples); i++) {
		g_string_truncate(mine, 0);
		seal_rules_fold(mine, samples[i], strlen(samples[i]));
		want = g_utf8_casefold(samples[i], -1);
		ck_assert_str_eq(mine->str, want);
		g_free(want);
	}
	/* every code point of the BMP but NUL and the surrogates, and the
	   cased blocks above it (Deseret to Osage, Adlam), in one text */
	for (gunichar c = 1; c <= 0x1E95F; c++)
		if ((c < 0xD800 || c > 0xDFFF) && (c < 0x10000 || (c >= 0x10400 && c < 0x10500)
		    || c >= 0x1E900))
			g_string_append_unichar(all, c);
	g_string_truncate(mine, 0);
	seal_rules_fold(mine, all->str, all->len);
	want = g_utf8_casefold(all->str, (gssize)all->len);
	ck_assert_uint_eq(mine->len, strlen(want));
	ck_assert(memcmp(mine->str, want, mine->len) == 0);
	g_free(want);
	g_string_free(all, TRUE);
	g_string_free(mine, TRUE);
}
END_TEST

/* The UTF-8 check before PCRE2 says what g_utf8_validate says. */
START_TEST(utf8_check_is_glib)
{
	static const char *const bad[] = {
		"\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xf5\x80\x80\x80", "\x80", "abc\xc3", "\xe2\x82", "\xff",
	};
	static const unsigned char pool[] = { 'a', ' ', 0, 0x80, 0x9f, 0xbf, 0xc2, 0xc3,
		0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff };
	guint32 seed = 20261206;
	unsigned char buf[40];

	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++)
		ck_assert(!seal_rules_utf8_ok(bad[i], strlen(bad[i])));
	ck_assert(!seal_rules_utf8_ok("a\0b", 3));
	ck_assert(seal_rules_utf8_ok("Sag 2024-123456 \xc3\xa6\xe2\x80\x93\xf0\x9f\x98\x80", 25));
	/* random short texts (after 16 ASCII bytes, to cross the fast path) */
	for (int n = 0; n < 200000; n++) {
		size_t len = 16 + (size_t)(n % 20);

		memset(buf, 'x', 16);
		for (size_t i = 16; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = pool[(seed >> 16) % sizeof(pool)];
		}
		ck_assert_int_eq(seal_rules_utf8_ok((const char *)buf, len),
		    g_utf8_validate((const char *)buf, (gssize)len, NULL));
	}
}
END_TEST

/* A keyword found through a fold that changes length (U+1E9E to "ss"). */
START_TEST(match_keyword_folded)
{
	seal_rules *r = load_test_rules();
	GArray *out = run(r, "PA\xe1\xba\x9ePORT: 123456789", false);

	ck_assert_int_eq(out->len, 1);
	ck_assert_str_eq(seal_finding_kind_name(F(out, 0)), "rule:pass");
	g_array_free(out, TRUE);
	seal_rules_free(r);
}
END_TEST

/* The case-number example: its word in any case, as a whole word only. */
START_TEST(example_case_number)
{
	static const struct { const char *text; int found; } cases[] = {
		{ "Sag 2024-123456", 1 }, { "SAG 2024-123456", 1 }, { "sag 1999-123456", 1 },
		{ "Sagsnr. 2024-123456", 1 }, { "SAGSNR 2024-123456", 1 },
		{ "sAgSnUmMeR 2024-123456", 1 }, { "Sagsnr.2024-123456", 1 },
		{ "Sag 2024-1234567", 0 }, { "xsag 2024-123456", 0 }, { "Sag 2124-123456", 0 },
	};
	const char *top = getenv("top_srcdir");
	char *path;
	seal_rules *r;
	seal_err err;

	ck_assert_msg(top != NULL, "top_srcdir is not set (run through make check)");
	path = g_build_filename(top, "conf", "rules.d", "case-number.rules", NULL);
	seal_err_clear(&err);
	r = seal_rules_load(path, &err);
	ck_assert_msg(r != NULL, "%s:%u: %s", err.file, err.line, err.msg);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		GArray *out = run(r, cases[i].text, false);

		ck_assert_msg((int)out->len == cases[i].found, "%s: %u findings", cases[i].text,
		    out->len);
		g_array_free(out, TRUE);
	}
	seal_rules_free(r);
	g_free(path);
}
END_TEST

/* A built-in finding wins over a rule that matches the same characters. */
START_TEST(match_builtin_overlap)
{
	seal_rules *r = load_test_rules();
	GArray *out;

	/* vectors.tsv dk-002: a CPR the ten-digit rule matches too */
	out = run(r, "CPR-nr.: 1510050815", true);
	ck_assert_int_eq(out->len, 1);
	ck_assert_int_eq(F(out, 0)->kind, SEAL_KIND_DK_CPR);
	ck_assert_str_eq(F(out, 0)->rule, "");
	g_array_free(out, TRUE);
	/* without built-in findings, the ten-digit rule reports it */
	out = run(r, "ref 0000000000 x", true);
	ck_assert_int_eq(out->len, 1);
	ck_assert_str_eq(seal_finding_kind_name(F(out, 0)), "rule:any-run");
	g_array_free(out, TRUE);
	seal_rules_free(r);
}
END_TEST

START_TEST(match_none_and_null)
{
	GArray *out = g_array_new(FALSE, TRUE, sizeof(seal_finding));

	ck_assert_int_eq(seal_rules_detect(NULL, "Sag 2024-123456", 15, &scan_day, out, 0), 0);
	ck_assert_int_eq(out->len, 0);
	g_array_free(out, TRUE);
}
END_TEST

/* Two rules on the same characters both report; the result is in text order. */
START_TEST(match_rules_overlap_order)
{
	char *path = write_rules("name = late\npattern = B[0-9]+\n\n"
	    "name = early\npattern = A[0-9]+\n\nname = wide\npattern = A[0-9]+ B\n");
	seal_err err;
	seal_rules *r;
	GArray *out;

	seal_err_clear(&err);
	r = seal_rules_load(path, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	out = run(r, "x A12 B34", false);
	ck_assert_int_eq(out->len, 3);
	ck_assert_str_eq(F(out, 0)->rule, "rule:early");
	ck_assert_str_eq(F(out, 1)->rule, "rule:wide");
	ck_assert_str_eq(F(out, 2)->rule, "rule:late");
	ck_assert_str_eq(F(out, 1)->masked, "XXX X");
	g_array_free(out, TRUE);
	seal_rules_free(r);
	unlink(path);
	g_free(path);
}
END_TEST

/* class = sensitive marks the findings (the message becomes sensitive); confidential does not. */
START_TEST(match_class_sensitive)
{
	char *path = write_rules("name = treat\npattern = misbrug\nclass = sensitive\n\n"
	    "name = sag\npattern = Sag [0-9]+\nclass = confidential\n");
	seal_err err;
	seal_rules *r;
	GArray *out;

	seal_err_clear(&err);
	r = seal_rules_load(path, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	out = run(r, "Sag 12 om misbrug", false);
	ck_assert_int_eq(out->len, 2);
	ck_assert_str_eq(F(out, 0)->rule, "rule:sag");
	ck_assert_int_eq(F(out, 0)->sensitive, 0);
	ck_assert_str_eq(F(out, 1)->rule, "rule:treat");
	ck_assert_int_eq(F(out, 1)->sensitive, 1);
	g_array_free(out, TRUE);
	seal_rules_free(r);
	unlink(path);
	g_free(path);
}
END_TEST

/* PCRE2 giving up (match limit) or text that is not UTF-8: an error, never "clean". */
START_TEST(match_fail_closed)
{
	char *path = write_rules("name = slow\npattern = ^(a|a)+$\n");
	char text[64];
	seal_err err;
	seal_rules *r;
	GArray *out = g_array_new(FALSE, TRUE, sizeof(seal_finding));

	seal_err_clear(&err);
	r = seal_rules_load(path, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	memset(text, 'a', 40);
	memcpy(text + 40, "!", 2);
	ck_assert(seal_rules_detect(r, text, strlen(text), &scan_day, out, 0) == (size_t)-1);
	ck_assert(seal_rules_detect(r, "a\xff", 2, &scan_day, out, 0) == (size_t)-1);
	g_array_free(out, TRUE);
	seal_rules_free(r);
	unlink(path);
	g_free(path);
}
END_TEST

/* seal_scan(cfg, message) -> decision, with cfg->rules loaded from text. */
static seal_decision *
scan_with_rules(const char *rules_text, const char *message)
{
	static const char *const rcpts[] = { "x@gmail.example" };
	static const seal_date day = { 2026, 6, 1 };
	seal_config *cfg = seal_config_new_defaults();
	char *path = write_rules(rules_text);
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(message, strlen(message));
	seal_envelope env;
	seal_decision *d = NULL;
	seal_err err;

	seal_err_clear(&err);
	cfg->rules = seal_rules_load(path, &err);
	ck_assert_msg(cfg->rules != NULL, "%s", err.msg);
	memset(&env, 0, sizeof(env));
	env.sender = "a@kommune.example";
	env.rcpts = rcpts;
	env.nrcpts = 1;
	ck_assert_int_eq(seal_scan(cfg, stream, &env, &day, &d, &err), SEAL_OK);
	g_object_unref(stream);
	seal_config_unref(cfg);
	unlink(path);
	g_free(path);
	return d;
}

/* A rule's finding counts like an identity number of its confidence. */
START_TEST(scan_counts_rule)
{
	seal_decision *d = scan_with_rules("name = case\npattern = Sag 20[0-9]{2}-[0-9]{6}\n"
	    "confidence = high\nmask = keep:7\n",
	    "Subject: status\n\nYour case: Sag 2024-123456.\n");
	const seal_scan_finding *sf;

	ck_assert_int_eq(d->findings->len, 1);
	sf = &g_array_index(d->findings, seal_scan_finding, 0);
	ck_assert_str_eq(seal_finding_kind_name(&sf->f), "rule:case");
	ck_assert_str_eq(sf->f.masked, "Sag 2024-XXXXXX");
	ck_assert_str_eq(sf->where, "body");
	ck_assert(sf->counted);
	ck_assert_int_eq(d->cls, SEAL_CLASS_CONFIDENTIAL);
	ck_assert_int_eq(d->action, SEAL_ACTION_REFUSE);
	seal_decision_free(d);
	/* confidence low, below the default min_confidence: reported, not counted */
	d = scan_with_rules("name = case\npattern = Sag 20[0-9]{2}-[0-9]{6}\nconfidence = low\n",
	    "Subject: status\n\nYour case: Sag 2024-123456.\n");
	ck_assert_int_eq(d->findings->len, 1);
	ck_assert(!g_array_index(d->findings, seal_scan_finding, 0).counted);
	ck_assert_int_eq(d->cls, SEAL_CLASS_PUBLIC);
	seal_decision_free(d);
}
END_TEST

/* A rule PCRE2 gives up on makes the message unscannable, not clean. */
START_TEST(scan_rule_limit_unscannable)
{
	seal_decision *d = scan_with_rules("name = slow\npattern = ^(a|a)+$\n",
	    "Subject: x\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n");

	ck_assert(d->unscannable);
	ck_assert(strstr(d->unscannable_reason, "site rule") != NULL);
	ck_assert_int_ne(d->action, SEAL_ACTION_ACCEPT);
	seal_decision_free(d);
}
END_TEST

static Suite *
rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");

	tcase_add_loop_test(tc, validators, 0, G_N_ELEMENTS(vcases));
	tcase_add_test(tc, mask);
	tcase_add_loop_test(tc, parse_errors, 0, G_N_ELEMENTS(pcases));
	tcase_add_test(tc, parse_unreadable);
	tcase_add_test(tc, examples_load);
	tcase_add_test(tc, match_mask_kind);
	tcase_add_test(tc, match_validator_rejects);
	tcase_add_test(tc, match_keywords);
	tcase_add_test(tc, match_keyword_folded);
	tcase_add_test(tc, fold_is_glib);
	tcase_add_test(tc, utf8_check_is_glib);
	tcase_add_test(tc, example_case_number);
	tcase_add_test(tc, match_builtin_overlap);
	tcase_add_test(tc, match_none_and_null);
	tcase_add_test(tc, match_rules_overlap_order);
	tcase_add_test(tc, match_fail_closed);
	tcase_add_test(tc, match_class_sensitive);
	tcase_add_test(tc, scan_counts_rule);
	tcase_add_test(tc, scan_rule_limit_unscannable);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int rc;

	g_mime_init();
	rc = seal_check_run(rules_suite());
	g_mime_shutdown();
	return rc;
}
