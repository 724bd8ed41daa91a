/*
 * detect_context.c - the rules around a candidate: boundaries (spec 3.2),
 * identity and negative keywords within the 40-code-point window of the
 * same paragraph (5.1 to 5.3), and URL ranges (5.4).
 *
 * Only candidates that passed validation get here, so the keyword search
 * may decode code points one by one. It looks at a bounded window on each
 * side; the one unbounded case (a long word starting with a prefix keyword
 * such as "kennit*") is walked only when that word ends inside the window.
 */
#include <string.h>

#include "detect_internal.h"

/* Longest fixed keyword ("civil registration number") in code points. */
#define KW_MAXLEN 25
/* Window collected on each side: window + keyword + the code point after. */
#define KW_SPAN (SEAL_KW_WINDOW + KW_MAXLEN + 3)

/* A trailing '*' marks a prefix keyword (spec 5.1). UTF-8, lower case. */
static const char *const id_keywords[] = {
	"cpr", "cpr-nr", "cprnr", "cpr-nummer", "personnummer", "personnr",
	"pers.nr",
	"pnr", "p-nr", "samordningsnummer", "samordningsnr",
	"f\xc3\xb8" "dselsnummer", "f\xc3\xb8" "dselsnr", "fnr", "f.nr",
	"d-nummer", "d-nr", "dnr", "h-nummer",
	"henkil\xc3\xb6tunnu*", "hetu", "sotu", "personbeteckning",
	"kennit*", "kt.",
	"national id", "national identity number", "personal identity number",
	"personal id", "identity number", "id number", "social security",
	"ssn", "civil registration number", "birth number",
	NULL
};

/*
 * Negative keywords (spec 5.2). A trailing '+' marks a compound stem: it
 * matches a word made of the stem, an optional linking 's' or 'e' and a
 * word for "number" ("kundenummer", "medlemsnummer", "telefonnr",
 * "puhelinnumero", "kontonumret"), never the stem alone or other
 * compounds ("kontor", "kunden", "telefonbog"). Case and journal numbers
 * ("sagsnummer", "journalnummer") are not here: authorities file a
 * citizen's case under the CPR number.
 */
static const char *const neg_keywords[] = {
	/* phones */
	"tel", "tlf", "telefon", "phone", "mobil", "mobile", "mob", "gsm",
	"ring", "sms", "tfn", "fax", "puh", "puhelin", "s\xc3\xadmi",
	"mobiltelefon", "matkapuhelin", "mobiili",
	"tel+", "tlf+", "telefon+", "phone+", "mobil+", "mob+", "fax+",
	"puhelin+", "matkapuhelin+", "mobiili+",
	/* orders, invoices, customers, accounts, memberships, parcels */
	"ordre", "order", "faktura", "invoice", "ref", "konto", "account",
	"iban", "bankgiro", "plusgiro",
	"ordre+", "order+", "faktura+", "invoice+", "kunde+", "kund+",
	"customer+", "konto+", "account+", "tili+", "medlem+", "member+",
	"j\xc3\xa4sen+", "reference+", "referens+", "referanse+", "ref+",
	"bestilling+", "best\xc3\xa4llning+", "tilaus+", "asiakas+", "lasku+",
	"viite+", "vare+", "artikel+", "artikkel+", "sporing+",
	"sp\xc3\xa5rning+", "tracking+", "forsendelse+", "kolli+",
	/* clocks */
	"timestamp", "epoch", "unix",
	NULL
};

/* What a compound stem must be followed by (after 's' or 'e'). */
static const char *const number_words[] = {
	"nummer", "numer", "numr", "nr", "number", NULL
};

bool
seal_is_alnum(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isalnum((char) c);
	return g_unichar_isalnum(c);
}

static bool
is_alpha(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isalpha((char) c);
	return g_unichar_isalpha(c);
}

/* Code point ending just before pos (pos > 0); its start in *at. */
static gunichar
prev_cp(const char *text, size_t pos, size_t *at)
{
	size_t p = pos - 1;
	int k = 0;

	while (p > 0 && k < 3 && ((unsigned char) text[p] & 0xC0) == 0x80) {
		p--;
		k++;
	}
	*at = p;
	return g_utf8_get_char(text + p);
}

/* Code point at pos (< len); its byte length in *n. */
static gunichar
next_cp(const char *text, size_t len, size_t pos, size_t *n)
{
	unsigned char c = (unsigned char) text[pos];
	size_t want = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

	if (want > len - pos) {
		*n = 1;
		return c;
	}
	*n = want;
	return want == 1 ? c : g_utf8_get_char(text + pos);
}

/* ---------------------------------------------------------- keywords */

typedef struct cpwin {
	gunichar cp[KW_SPAN + 1];
	int n;             /* code points collected */
	gunichar before;   /* code point before cp[0]; 0 when none */
	bool cut;          /* stopped by KW_SPAN, not by paragraph or text */
	size_t first;      /* byte offset of cp[0] */
} cpwin;

static bool
para_break_before(const char *text, size_t at)
{
	return text[at] == '\n' && at > 0 && text[at - 1] == '\n';
}

/* Up to KW_SPAN code points before start, within the paragraph. */
static void
collect_before(const char *text, size_t start, cpwin *w)
{
	gunichar tmp[KW_SPAN];
	size_t p = start, at;
	int n = 0, i;

	w->before = 0;
	w->cut = false;
	while (p > 0) {
		gunichar c = prev_cp(text, p, &at);

		if (n == KW_SPAN) {
			w->before = c;
			w->cut = true;
			break;
		}
		if (para_break_before(text, at)) {
			w->before = '\n';
			break;
		}
		tmp[n++] = g_unichar_tolower(c);
		p = at;
	}
	w->first = p;
	w->n = n;
	for (i = 0; i < n; i++)
		w->cp[i] = tmp[n - 1 - i];
}

/* Up to KW_SPAN code points from end, stopping before a paragraph break. */
static void
collect_after(const char *text, size_t len, size_t end, cpwin *w)
{
	size_t p = end, n;

	w->n = 0;
	w->cut = false;
	w->first = end;
	while (p < len && w->n < KW_SPAN) {
		if (text[p] == '\n' && p + 1 < len && text[p + 1] == '\n')
			break;
		w->cp[w->n++] = g_unichar_tolower(next_cp(text, len, p, &n));
		p += n;
	}
	w->cut = p < len && w->n == KW_SPAN;
}

/*
 * Does keyword kw match at index i of w? Sets *ke to the index where it
 * ends (prefix keywords: the end of the word). next is the code point
 * after the window (sentinel).
 */
/* Does ASCII word nw match w at j? Returns the index after it, or -1. */
static int
ascii_at(const cpwin *w, int j, const char *nw)
{
	for (; *nw != '\0'; nw++, j++)
		if (j >= w->n || w->cp[j] != (gunichar) *nw)
			return -1;
	return j;
}

/* After a compound stem ending at j: [s|e] number-word letters*. */
static bool
compound_tail(const cpwin *w, int j, int *ke)
{
	int link, k, e = -1;

	for (link = 0; link < 2 && e < 0; link++) {
		int at = j;

		if (link == 1) {
			if (j >= w->n || (w->cp[j] != 's' && w->cp[j] != 'e'))
				break;
			at = j + 1;
		}
		for (k = 0; number_words[k] != NULL && e < 0; k++)
			e = ascii_at(w, at, number_words[k]);
	}
	if (e < 0)
		return false;
	while (e < w->n && is_alpha(w->cp[e]))
		e++;
	*ke = e;
	return true;
}

static bool
kw_match(const cpwin *w, int i, const char *kw, gunichar next, int *ke)
{
	const char *k = kw;
	int j = i;

	while (*k != '\0' && *k != '*' && *k != '+') {
		if (j >= w->n || w->cp[j] != g_utf8_get_char(k))
			return false;
		k = g_utf8_next_char(k);
		j++;
	}
	if (*k == '*') {
		while (j < w->n && is_alpha(w->cp[j]))
			j++;
		*ke = j;
		return true;
	}
	if (*k == '+') {
		gunichar after;

		if (!compound_tail(w, j, ke))
			return false;
		after = *ke < w->n ? w->cp[*ke] : next;
		return after == 0 || !seal_is_alnum(after);
	}
	/* Whole word, except that a keyword ending in '.' ends itself. */
	if (k[-1] != '.') {
		gunichar after = j < w->n ? w->cp[j] : next;

		if (after != 0 && seal_is_alnum(after))
			return false;
	}
	*ke = j;
	return true;
}

/* A prefix keyword whose word starts before the window (long words). */
static bool
long_prefix_word(const char *text, const cpwin *w, const char *const *kws)
{
	size_t p = w->first, at, q;
	int r = 0, ki;

	while (r < w->n && is_alpha(w->cp[r]))
		r++;
	if (w->n - r > SEAL_KW_WINDOW)
		return false;
	while (p > 0) {
		gunichar c = prev_cp(text, p, &at);

		if (!is_alpha(c)) {
			if (seal_is_alnum(c))
				return false;
			break;
		}
		p = at;
	}
	for (ki = 0; kws[ki] != NULL; ki++) {
		const char *k = kws[ki];
		size_t klen = strlen(k);

		if (k[klen - 1] != '*')
			continue;
		for (q = p; *k != '*'; k = g_utf8_next_char(k)) {
			if (g_unichar_tolower(g_utf8_get_char(text + q)) !=
			    g_utf8_get_char(k))
				break;
			q = (size_t) (g_utf8_next_char(text + q) - text);
		}
		if (*k == '*')
			return true;
	}
	return false;
}

static bool
near_keyword(const char *text, const cpwin *bw, const cpwin *aw,
	gunichar first, const char *const *kws)
{
	int i, ki, ke;

	for (i = 0; i < bw->n; i++) {
		gunichar prev = i == 0 ? bw->before : bw->cp[i - 1];

		if (prev != 0 && seal_is_alnum(prev))
			continue;
		for (ki = 0; kws[ki] != NULL; ki++)
			if (kw_match(bw, i, kws[ki], first, &ke) &&
			    bw->n - ke <= SEAL_KW_WINDOW)
				return true;
	}
	if (bw->cut && is_alpha(bw->before) && bw->n > 0 &&
	    is_alpha(bw->cp[0]) && long_prefix_word(text, bw, kws))
		return true;
	/* After the candidate: the keyword must start within the window. */
	for (i = 1; i < aw->n && i <= SEAL_KW_WINDOW; i++) {
		if (seal_is_alnum(aw->cp[i - 1]))
			continue;
		for (ki = 0; kws[ki] != NULL; ki++)
			if (kw_match(aw, i, kws[ki], 0, &ke))
				return true;
	}
	return false;
}

static bool
is_cell_sep(gunichar c)
{
	return c == '\t' || c == ';';
}

static bool
has_digit(const cpwin *w, int from, int to)
{
	int i;

	for (i = from; i < to; i++)
		if (w->cp[i] < 0x80 && g_ascii_isdigit((char) w->cp[i]))
			return true;
	return false;
}

/* Blanks w->cp[from, to): keywords there do not match. */
static void
blank(cpwin *w, int from, int to)
{
	int i;

	for (i = from; i < to; i++)
		w->cp[i] = ' ';
}

/*
 * Narrows the window before a number to what belongs to it (spec 5.3):
 * its own line, and of a line with cells (TAB or ';', tables from HTML,
 * office files and CSV) only its own cell, the cell before it and the
 * first cell of the row when those are labels without digits. A number
 * that starts its line keeps the line above when that line ends in ':'
 * (a form: "Telefon:" over the number).
 */
static void
own_before(cpwin *w)
{
	int ls = -1, i, c, seps[KW_SPAN + 1], ns = 0;

	for (i = w->n - 1; i >= 0 && ls < 0; i--)
		if (w->cp[i] == '\n')
			ls = i;
	if (ls >= 0 && ls == w->n - 1 && ls > 0 && w->cp[ls - 1] == ':') {
		for (i = ls - 1; i >= 0 && w->cp[i] != '\n'; i--)
			;
		blank(w, 0, i + 1);
		return;
	}
	if (ls >= 0)
		blank(w, 0, ls + 1);
	for (i = ls + 1; i < w->n; i++)
		if (is_cell_sep(w->cp[i]))
			seps[ns++] = i;
	if (ns == 0)
		return;
	/* cells between the row label and the label cell before the number */
	for (c = 0; c + 2 < ns; c++)
		blank(w, seps[c] + 1, seps[c + 1]);
	if (ns >= 2 && has_digit(w, seps[ns - 2] + 1, seps[ns - 1]))
		blank(w, seps[ns - 2] + 1, seps[ns - 1]);
	if (ns == 1 && has_digit(w, ls + 1, seps[0]))
		blank(w, ls + 1, seps[0]);
	/* the row label counts only when the window holds the whole of it */
	if (ns >= 2 && ((ls < 0 && w->cut) || has_digit(w, ls + 1, seps[0])))
		blank(w, ls + 1, seps[0]);
}

/* After the number: the rest of its cell on its line. */
static void
own_after(cpwin *w)
{
	int i;

	for (i = 0; i < w->n; i++)
		if (w->cp[i] == '\n' || is_cell_sep(w->cp[i])) {
			w->n = i;
			w->cut = false;
			return;
		}
}

int
seal_ctx_keywords(const char *text, size_t len, size_t start, size_t end)
{
	cpwin bw, aw;
	size_t n;
	gunichar first;

	collect_before(text, start, &bw);
	collect_after(text, len, end, &aw);
	first = next_cp(text, len, start, &n);
	/* identity keywords: anywhere in the window, also the line above */
	if (near_keyword(text, &bw, &aw, first, id_keywords))
		return 1;
	/* negative keywords: only those that belong to the number */
	own_before(&bw);
	own_after(&aw);
	if (near_keyword(text, &bw, &aw, first, neg_keywords))
		return -1;
	return 0;
}

/* ---------------------------------------------------------- URLs */

static bool
is_url_term(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v' || c == '<' || c == '>' || c == '"' || c == '\'';
}

static bool
url_prefix_at(const char *text, size_t len, size_t i)
{
	static const char *const pfx[] = {
		"http://", "https://", "ftp://", "www."
	};
	size_t k;

	for (k = 0; k < G_N_ELEMENTS(pfx); k++) {
		size_t pl = strlen(pfx[k]);

		if (len - i >= pl && g_ascii_strncasecmp(text + i, pfx[k], pl) == 0)
			return true;
	}
	return false;
}

/* First URL prefix in [from, to), or false. */
static bool
find_url_prefix(const char *text, size_t len, size_t from, size_t to,
	size_t *at)
{
	size_t i;

	for (i = from; i < to; i++) {
		char c = text[i] | 0x20;

		if ((c == 'h' || c == 'f' || c == 'w') &&
		    url_prefix_at(text, len, i)) {
			*at = i;
			return true;
		}
	}
	return false;
}

void
seal_url_init(seal_url_state *u)
{
	memset(u, 0, sizeof(*u));
}

bool
seal_ctx_in_url(seal_url_state *u, const char *text, size_t len,
	size_t start, size_t end)
{
	size_t p = start, i;
	bool term = false;

	if (start < u->pos)
		seal_url_init(u);
	while (p > u->pos) {
		p--;
		if (is_url_term(text[p])) {
			term = true;
			break;
		}
	}
	if (term) {
		u->run_start = p + 1;
		u->have_url = find_url_prefix(text, len, p + 1, start,
		    &u->url_start);
	} else if (!u->have_url) {
		/* A prefix may straddle the old position: look 7 bytes back. */
		size_t from = u->pos >= 7 ? u->pos - 7 : 0;

		if (from < u->run_start)
			from = u->run_start;
		u->have_url = find_url_prefix(text, len, from, start,
		    &u->url_start);
	}
	u->pos = start;
	if (!u->have_url)
		return false;
	for (i = start; i < end && i < len; i++)
		if (is_url_term(text[i]))
			return false;
	return true;
}
