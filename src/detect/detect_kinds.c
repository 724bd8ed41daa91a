/*
 * detect_kinds.c - per-kind validation (spec sections 4.1 to 4.5): dates,
 * centuries, checksums, the Swedish canonical 12 digits, and the kind and
 * level names.
 *
 * Inputs are the candidate's characters with the separator removed, so
 * every function here is pure arithmetic on at most 12 characters.
 */
#include <string.h>
#include <time.h>

#include "detect_internal.h"

static inline int
dig(char c)
{
	return c - '0';
}

static inline int
num2(const char *p)
{
	return dig(p[0]) * 10 + dig(p[1]);
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
seal_date_exists(int y, int m, int d)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int max;

	if (m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
	return d <= max;
}

bool
seal_date_after(int y, int m, int d, const seal_date *scan)
{
	if (y != scan->year)
		return y > scan->year;
	if (m != scan->month)
		return m > scan->month;
	return d > scan->day;
}

/* Century unknown (Swedish 10-digit, Norway): 29 Feb needs yy % 4 == 0. */
static bool
date_exists_yy(int yy, int m, int d)
{
	if (m == 2 && d == 29)
		return yy % 4 == 0;
	return seal_date_exists(2001, m, d);
}

static bool
full_date_ok(int y, int m, int d, const seal_date *scan)
{
	return seal_date_exists(y, m, d) && !seal_date_after(y, m, d, scan);
}

/* Spec 4.1: century from digit 7 and yy. */
static int
dk_century(int d7, int yy)
{
	if (d7 <= 3)
		return 1900;
	if (d7 == 4 || d7 == 9)
		return yy <= 36 ? 2000 : 1900;
	return yy <= 57 ? 2000 : 1800;
}

int
seal_valid_dk(const char *d, const seal_date *scan, bool *mod11)
{
	static const int w[10] = { 4, 3, 2, 7, 6, 5, 4, 3, 2, 1 };
	int yy = num2(d + 4), sum = 0, i;
	int year = dk_century(dig(d[6]), yy) + yy;

	if (!full_date_ok(year, num2(d + 2), num2(d), scan))
		return 0;
	for (i = 0; i < 10; i++)
		sum += w[i] * dig(d[i]);
	/* Numbers without modulus 11 are valid since 2007: low base, cap 2. */
	*mod11 = sum % 11 == 0;
	return *mod11 ? 2 : 1;
}

static bool
luhn10(const char *d)
{
	int sum = 0, i;

	for (i = 0; i < 10; i++) {
		int v = dig(d[i]) * (i % 2 == 0 ? 2 : 1);

		sum += v > 9 ? v - 9 : v;
	}
	return sum % 10 == 0;
}

int
seal_valid_se(const char *d, size_t n, const seal_date *scan,
	seal_kind *kind)
{
	const char *core = n == 12 ? d + 2 : d;
	int mm = num2(core + 2), dd = num2(core + 4);
	bool ok;

	if (n == 12) {
		int cc = num2(d);

		if (cc < 18 || cc > 20)
			return 0;
	}
	*kind = SEAL_KIND_SE_PNR;
	if (dd >= 61 && dd <= 91) {
		dd -= 60;
		*kind = SEAL_KIND_SE_SAMORDNING;
	}
	if (n == 12)
		ok = full_date_ok(num2(d) * 100 + num2(d + 2), mm, dd, scan);
	else
		ok = date_exists_yy(num2(d), mm, dd);
	if (!ok || !luhn10(core))
		return 0;
	return 2;
}

void
seal_se_canonical(const char *d, size_t n, bool plus, const seal_date *scan,
	char *out)
{
	int yy, mm, dd, c;

	if (n == 12) {
		memcpy(out, d, 12);
		out[12] = '\0';
		return;
	}
	yy = num2(d);
	mm = num2(d + 2);
	dd = num2(d + 4);
	if (dd > 60)
		dd -= 60;
	/*
	 * Latest century in which the date is not after the scan date; with
	 * '+' the person must also be at least 100 on the scan date.
	 */
	for (c = scan->year / 100; c > 0; c--) {
		int y = c * 100 + yy + (plus ? 100 : 0);

		if (!seal_date_after(y, mm, dd, scan))
			break;
	}
	out[0] = (char) ('0' + (c / 10) % 10);
	out[1] = (char) ('0' + c % 10);
	memcpy(out + 2, d, 10);
	out[12] = '\0';
}

/* Spec 4.3: remainder of K1 in {0..3} (2032 rule), K2 remainder 0. */
static bool
no_digits_ok(const char *d)
{
	static const int w1[10] = { 3, 7, 6, 1, 8, 9, 4, 5, 2, 1 };
	static const int w2[11] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1 };
	int s1 = 0, s2 = 0, i;

	for (i = 0; i < 10; i++)
		s1 += w1[i] * dig(d[i]);
	for (i = 0; i < 11; i++)
		s2 += w2[i] * dig(d[i]);
	return s1 % 11 <= 3 && s2 % 11 == 0;
}

int
seal_valid_no(const char *d, seal_kind *kind)
{
	int dd = num2(d), mm = num2(d + 2), yy = num2(d + 4);

	/* FH-numbers (no date) and synthetic test numbers: not personal. */
	if (d[0] == '8' || d[0] == '9' || mm >= 81)
		return 0;
	*kind = SEAL_KIND_NO_FNR;
	if (dd >= 41 && dd <= 71) {
		dd -= 40;
		*kind = SEAL_KIND_NO_DNR;
	}
	if (mm >= 41 && mm <= 52) {
		if (*kind == SEAL_KIND_NO_DNR)
			return 0;
		mm -= 40;
		*kind = SEAL_KIND_NO_HNR;
	}
	if (!date_exists_yy(yy, mm, dd) || !no_digits_ok(d))
		return 0;
	return *kind == SEAL_KIND_NO_HNR ? 1 : 2;
}

static int
fi_century(char sign)
{
	switch (sign) {
	case '+':
		return 1800;
	case '-': case 'Y': case 'X': case 'W': case 'V': case 'U':
		return 1900;
	case 'A': case 'B': case 'C': case 'D': case 'E': case 'F':
		return 2000;
	default:
		return 0;
	}
}

int
seal_valid_fi(const char *c, const seal_date *scan)
{
	static const char check[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";
	int cent = fi_century(c[6]), ind, i;
	long v = 0;

	if (cent == 0)
		return 0;
	if (!full_date_ok(cent + num2(c + 4), num2(c + 2), num2(c), scan))
		return 0;
	ind = dig(c[7]) * 100 + dig(c[8]) * 10 + dig(c[9]);
	if (ind < 2)
		return 0;
	for (i = 0; i < 6; i++)
		v = v * 10 + dig(c[i]);
	v = v * 1000 + ind;
	if (check[v % 31] != c[10])
		return 0;
	/* 900-999: temporary numbers, low base. */
	return ind >= 900 ? 1 : 2;
}

int
seal_valid_is(const char *d, const seal_date *scan)
{
	static const int w[9] = { 3, 2, 7, 6, 5, 4, 3, 2, 1 };
	int cent, dd = num2(d), sum = 0, i;

	switch (d[9]) {
	case '8':
		cent = 1800;
		break;
	case '9':
		cent = 1900;
		break;
	case '0':
		cent = 2000;
		break;
	default:
		return 0;
	}
	/* Day + 40: an organisation, not a person. */
	if (dd >= 41 && dd <= 71)
		return 0;
	if (!full_date_ok(cent + num2(d + 4), num2(d + 2), dd, scan))
		return 0;
	for (i = 0; i < 9; i++)
		sum += w[i] * dig(d[i]);
	return sum % 11 == 0 ? 2 : 0;
}

/* ---------------------------------------------------------- names */

static const char *const kind_names[SEAL_KIND_COUNT] = {
	"dk-cpr", "se-pnr", "se-samordning", "no-fnr", "no-dnr", "no-hnr",
	"fi-hetu", "is-kt", "rule", "category"
};

static const char *const kind_labels[SEAL_KIND_COUNT] = {
	"CPR", "personnummer", "samordningsnummer", "fødselsnummer",
	"D-nummer", "H-nummer", "henkilötunnus", "kennitala", "rule",
	"sensitive personal data"
};

const char *
seal_finding_kind_name(const seal_finding *f)
{
	if ((f->kind == SEAL_KIND_RULE || f->kind == SEAL_KIND_CATEGORY)
	    && f->rule[0] != '\0')
		return f->rule;
	return seal_kind_name(f->kind);
}

const char *
seal_kind_name(seal_kind kind)
{
	if ((unsigned) kind >= SEAL_KIND_COUNT)
		return "unknown";
	return kind_names[kind];
}

const char *
seal_kind_label(seal_kind kind)
{
	if ((unsigned) kind >= SEAL_KIND_COUNT)
		return "unknown";
	return kind_labels[kind];
}

const char *
seal_level_name(int level)
{
	switch (level) {
	case SEAL_LEVEL_LOW:
		return "low";
	case SEAL_LEVEL_MEDIUM:
		return "medium";
	case SEAL_LEVEL_HIGH:
		return "high";
	default:
		return "unknown";
	}
}

int
seal_level_parse(const char *name)
{
	if (name == NULL)
		return 0;
	if (strcmp(name, "low") == 0)
		return SEAL_LEVEL_LOW;
	if (strcmp(name, "medium") == 0)
		return SEAL_LEVEL_MEDIUM;
	if (strcmp(name, "high") == 0)
		return SEAL_LEVEL_HIGH;
	return 0;
}

void
seal_date_today(seal_date *d)
{
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL) {
		d->year = 1970;
		d->month = 1;
		d->day = 1;
		return;
	}
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
}
