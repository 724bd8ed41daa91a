/*
 * textfmt.c - text read as a mail client shows it (textfmt.h).
 *
 * Line formats (quotes, flowed, uuencode) work on whole lines; a line
 * longer than SEAL_TEXTFMT_LINE is handed on in pieces (cut on a UTF-8
 * boundary) so memory stays bounded. JSON and enriched work character by
 * character with a small state carried across pieces.
 */
#include <string.h>

#include <glib.h>

#include "textfmt.h"

#define SEAL_TEXTFMT_LINE 65536

struct seal_textfmt {
	unsigned flags;
	seal_textfmt_out out;
	void *out_ctx;
	seal_textfmt_file file;
	void *ctx;              /* the file hook's */
	GString *o;             /* output of the current piece */
	/* line formats */
	GString *line;          /* the line being read */
	int started;            /* a line went out: the next needs a separator */
	int cont;               /* the line being read continues a cut long line */
	int prev_soft;          /* the last line ended in a flowed soft break */
	unsigned prev_depth;    /* its quote depth */
	int ended_nl;           /* the text so far ends with a newline */
	/* uuencode */
	int in_uu;
	char *uu_name;
	GByteArray *uu;
	size_t uu_cap;
	int uu_over;
	/* JSON */
	char esc[16];
	size_t nesc;
	/* enriched */
	int lt;                 /* a '<' was read, the next char decides */
	int in_cmd;
	GString *cmd;
	unsigned param, nofill, nl;
};

/* ---------------------------------------------------------------- uuencode */

static int
uu_begin(const char *l, size_t n, char **name)
{
	size_t i = 6, d = 0;

	if (n < 8 || memcmp(l, "begin ", 6) != 0)
		return 0;
	while (i < n && l[i] >= '0' && l[i] <= '7')
		i++, d++;
	if (d < 3 || d > 4 || i >= n || l[i] != ' ')
		return 0;
	*name = g_strndup(l + i + 1, n - i - 1);
	return 1;
}

/* One uuencoded line into f->uu; 0 when it is no uuencode line. */
static int
uu_line(struct seal_textfmt *f, const char *l, size_t n)
{
	size_t want, need;
	guint8 b[3];

	if (n == 0)
		return 0;
	want = (size_t)((l[0] - 32) & 63);
	need = (want + 2) / 3 * 4;
	if ((unsigned char)l[0] < 32 || (unsigned char)l[0] > 96 || n < need + 1)
		return 0;
	for (size_t i = 1; i <= need; i++)
		if ((unsigned char)l[i] < 32 || (unsigned char)l[i] > 96)
			return 0;
	for (size_t i = 0; i < want; i += 3) {
		const char *g = l + 1 + i / 3 * 4;
		unsigned c0 = (g[0] - 32) & 63, c1 = (g[1] - 32) & 63;
		unsigned c2 = (g[2] - 32) & 63, c3 = (g[3] - 32) & 63;
		size_t k = MIN((size_t)3, want - i);

		b[0] = (guint8)(c0 << 2 | c1 >> 4);
		b[1] = (guint8)(c1 << 4 | c2 >> 2);
		b[2] = (guint8)(c2 << 6 | c3);
		if (f->uu->len + k > f->uu_cap)
			f->uu_over = 1;
		else
			g_byte_array_append(f->uu, b, (guint)k);
	}
	return 1;
}

/* The block ends ("end", a line that is no uuencode, the end of the text). */
static seal_status
uu_deliver(struct seal_textfmt *f, seal_err *err)
{
	seal_status st = SEAL_OK;

	if (!f->in_uu)
		return SEAL_OK;
	if (f->file != NULL && (f->uu->len > 0 || f->uu_over))
		st = f->file(f->ctx, f->uu_name, f->uu_over ? NULL : f->uu->data,
		    f->uu_over ? 0 : f->uu->len, err);
	if (f->uu->len > 0)
		memset(f->uu->data, 0, f->uu->len);
	g_byte_array_set_size(f->uu, 0);
	g_free(f->uu_name);
	f->uu_name = NULL;
	f->in_uu = 0;
	f->uu_over = 0;
	return st;
}

static seal_status
uu_step(struct seal_textfmt *f, const char *l, size_t n, seal_err *err)
{
	seal_status st = SEAL_OK;
	char *name;

	if (f->in_uu) {
		if (n >= 3 && memcmp(l, "end", 3) == 0 && (n == 3 || l[3] == ' '))
			return uu_deliver(f, err);
		if (uu_line(f, l, n))
			return SEAL_OK;
		st = uu_deliver(f, err);
	}
	if (st == SEAL_OK && uu_begin(l, n, &name)) {
		f->in_uu = 1;
		f->uu_name = name;
	}
	return st;
}

/* ---------------------------------------------------------------- quotes and flowed */

/*
 * A quote marker: '>' (RFC 3676, every client), or '|' before a space,
 * another marker or the line end, as mutt's and Usenet readers'
 * indent_string "| " and mailing lists that re-quote a "> " block write
 * it ("> | text"). A '|' glued to a word ("|abc") is text.
 */
static int
quote_marker(const char *l, size_t n, size_t i)
{
	if (l[i] == '>')
		return 1;
	return l[i] == '|' && (i + 1 == n || l[i + 1] == ' ' || l[i + 1] == '>' ||
	    l[i + 1] == '|');
}

/* Quote depth of a line and where its text starts (markers and one space gone). */
static size_t
quote_strip(const char *l, size_t n, unsigned *depth)
{
	size_t i = 0;

	*depth = 0;
	while (i < n && quote_marker(l, n, i)) {
		(*depth)++;
		i++;
		/* "> > " (plain-text clients) as well as ">>" (RFC 3676) */
		if (i + 1 < n && l[i] == ' ' && quote_marker(l, n, i + 1))
			i++;
	}
	if (i < n && l[i] == ' ')
		i++;
	return i;
}

static void
line_out(struct seal_textfmt *f, const char *l, size_t n, int hard_end)
{
	unsigned depth = 0;
	size_t start = 0;
	int soft = 0;

	if (f->cont) {
		/* the rest of a cut long line: no markers, no separator */
		g_string_append_len(f->o, l, (gssize)n);
		f->cont = !hard_end;
		return;
	}
	if (f->flags & (SEAL_TEXTFMT_QUOTES | SEAL_TEXTFMT_FLOWED))
		start = quote_strip(l, n, &depth);
	if ((f->flags & SEAL_TEXTFMT_FLOWED) && n > start && l[n - 1] == ' ' &&
	    !(n - start == 3 && memcmp(l + start, "-- ", 3) == 0)) {
		soft = 1;
		if (f->flags & SEAL_TEXTFMT_DELSP)
			n--;
	}
	if (f->started && !(f->prev_soft && depth == f->prev_depth))
		g_string_append_c(f->o, '\n');
	g_string_append_len(f->o, l + start, (gssize)(n - start));
	f->started = 1;
	f->prev_soft = soft;
	f->prev_depth = depth;
	f->cont = !hard_end;
}

/* One line (or a piece of a long one when !hard_end), without its newline. */
static seal_status
line_process(struct seal_textfmt *f, const char *l, size_t n, int hard_end, seal_err *err)
{
	seal_status st = SEAL_OK;

	if (hard_end && n > 0 && l[n - 1] == '\r')
		n--;
	if ((f->flags & SEAL_TEXTFMT_UUDECODE) && !f->cont)
		st = uu_step(f, l, n, err);
	line_out(f, l, n, hard_end);
	return st;
}

static seal_status
line_end(struct seal_textfmt *f, int hard_end, seal_err *err)
{
	GString *l = f->line;
	seal_status st = line_process(f, l->str, l->len, hard_end, err);

	memset(l->str, 0, l->len);
	g_string_truncate(l, 0);
	return st;
}

/*
 * Whole lines inside the piece go straight through; the piece's last,
 * unfinished line is kept. Pieces end on whole UTF-8 sequences, so a long
 * line cut at a piece's end is cut between two characters.
 */
static seal_status
lines_feed(struct seal_textfmt *f, const char *t, size_t len, seal_err *err)
{
	seal_status st = SEAL_OK;
	size_t i = 0;

	while (i < len && st == SEAL_OK) {
		const char *nl = memchr(t + i, '\n', len - i);

		if (nl == NULL) {
			g_string_append_len(f->line, t + i, (gssize)(len - i));
			f->ended_nl = 0;
			if (f->line->len >= SEAL_TEXTFMT_LINE)
				st = line_end(f, 0, err);
			break;
		}
		if (f->line->len == 0)
			st = line_process(f, t + i, (size_t)(nl - (t + i)), 1, err);
		else {
			g_string_append_len(f->line, t + i, nl - (t + i));
			st = line_end(f, 1, err);
		}
		f->ended_nl = 1;
		i = (size_t)(nl - t) + 1;
	}
	return st;
}

/* ---------------------------------------------------------------- JSON */

static int
hex4(const char *p, uint32_t *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		int d = g_ascii_xdigit_value(p[i]);

		if (d < 0)
			return 0;
		*v = *v << 4 | (uint32_t)d;
	}
	return 1;
}

static void json_char(struct seal_textfmt *f, char c);

/* An escape that turned out not to be one (or a lone surrogate): re-read. */
static void
json_flush_raw(struct seal_textfmt *f, size_t from, int lone_surrogate)
{
	char tmp[16];
	size_t n = f->nesc - from;

	memcpy(tmp, f->esc + from, n);
	f->nesc = 0;
	if (lone_surrogate)
		g_string_append(f->o, "\xEF\xBF\xBD");
	for (size_t i = 0; i < n; i++)
		json_char(f, tmp[i]);
}

static void
json_escape(struct seal_textfmt *f)
{
	static const char simple[] = "\"\\/bfnrt";
	static const char *const repl[] = { "\"", "\\", "/", "", "\n", "\n", "\r", "\t" };
	const char *s;
	uint32_t hi, lo;

	if (f->nesc == 2 && f->esc[1] != 'u') {
		s = strchr(simple, f->esc[1]);
		if (s != NULL && *s != '\0')
			g_string_append(f->o, repl[s - simple]);
		else
			g_string_append_len(f->o, f->esc, 2);
		f->nesc = 0;
		return;
	}
	if (f->nesc < 6)
		return;
	if (f->nesc == 6) {
		if (!hex4(f->esc + 2, &hi)) {
			g_string_append_c(f->o, '\\');
			json_flush_raw(f, 1, 0);
			return;
		}
		if (hi >= 0xD800 && hi <= 0xDBFF)
			return;         /* wait for the low half */
		g_string_append_unichar(f->o, hi == 0 || (hi >= 0xDC00 && hi <= 0xDFFF) ?
		    0xFFFD : hi);
		f->nesc = 0;
		return;
	}
	/* a high surrogate read: "\uDC00".."\uDFFF" must follow */
	if ((f->nesc == 7 && f->esc[6] != '\\') || (f->nesc == 8 && f->esc[7] != 'u')) {
		json_flush_raw(f, 6, 1);
		return;
	}
	if (f->nesc < 12)
		return;
	hex4(f->esc + 2, &hi);
	if (!hex4(f->esc + 8, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
		json_flush_raw(f, 6, 1);
		return;
	}
	g_string_append_unichar(f->o, 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
	f->nesc = 0;
}

static void
json_char(struct seal_textfmt *f, char c)
{
	if (f->nesc == 0) {
		if (c == '\\')
			f->esc[f->nesc++] = c;
		else
			g_string_append_c(f->o, c);
		return;
	}
	f->esc[f->nesc++] = c;
	json_escape(f);
}

/* ---------------------------------------------------------------- enriched */

static void
enriched_text(struct seal_textfmt *f, char c)
{
	if (f->param > 0)
		return;
	if (f->nl == 1)
		g_string_append_c(f->o, ' ');
	for (unsigned i = 1; i < f->nl; i++)
		g_string_append_c(f->o, '\n');
	f->nl = 0;
	g_string_append_c(f->o, c);
}

static void
enriched_command(struct seal_textfmt *f)
{
	const char *c = f->cmd->str;

	if (g_ascii_strcasecmp(c, "param") == 0)
		f->param++;
	else if (g_ascii_strcasecmp(c, "/param") == 0 && f->param > 0)
		f->param--;
	else if (g_ascii_strcasecmp(c, "nofill") == 0)
		f->nofill++;
	else if (g_ascii_strcasecmp(c, "/nofill") == 0 && f->nofill > 0)
		f->nofill--;
	g_string_truncate(f->cmd, 0);
}

static void
enriched_char(struct seal_textfmt *f, char c)
{
	if (f->lt) {
		f->lt = 0;
		if (c == '<') {
			enriched_text(f, '<');
			return;
		}
		f->in_cmd = 1;
	}
	if (f->in_cmd) {
		if (c == '>') {
			f->in_cmd = 0;
			enriched_command(f);
		} else if (f->cmd->len < 64)
			g_string_append_c(f->cmd, c);
		return;
	}
	if (c == '<')
		f->lt = 1;
	else if (c == '\r')
		;
	else if (c == '\n' && f->nofill == 0)
		f->nl++;
	else
		enriched_text(f, c);
}

/* ---------------------------------------------------------------- interface */

seal_textfmt *
seal_textfmt_new(unsigned flags, seal_textfmt_out out, void *out_ctx,
	seal_textfmt_file file, void *file_ctx, size_t uu_cap)
{
	seal_textfmt *f = g_new0(seal_textfmt, 1);

	f->flags = flags;
	f->out = out;
	f->out_ctx = out_ctx;
	f->file = file;
	f->ctx = file_ctx;
	f->o = g_string_new(NULL);
	f->line = g_string_new(NULL);
	f->uu = g_byte_array_new();
	f->uu_cap = uu_cap;
	f->cmd = g_string_new(NULL);
	return f;
}

static seal_status
flush(seal_textfmt *f, seal_err *err)
{
	seal_status st = SEAL_OK;

	if (f->o->len > 0)
		st = f->out(f->out_ctx, f->o->str, f->o->len, err);
	memset(f->o->str, 0, f->o->len);
	g_string_truncate(f->o, 0);
	return st;
}

seal_status
seal_textfmt_feed(seal_textfmt *f, const char *text, size_t len, seal_err *err)
{
	seal_status st = SEAL_OK;

	if (f->flags & SEAL_TEXTFMT_JSON)
		for (size_t i = 0; i < len; i++)
			json_char(f, text[i]);
	else if (f->flags & SEAL_TEXTFMT_ENRICHED)
		for (size_t i = 0; i < len; i++)
			enriched_char(f, text[i]);
	else
		st = lines_feed(f, text, len, err);
	if (st != SEAL_OK)
		return st;
	return flush(f, err);
}

seal_status
seal_textfmt_finish(seal_textfmt *f, seal_err *err)
{
	seal_status st = SEAL_OK;

	if (f->flags & SEAL_TEXTFMT_JSON) {
		g_string_append_len(f->o, f->esc, (gssize)f->nesc);
		f->nesc = 0;
	} else if (f->flags & SEAL_TEXTFMT_ENRICHED) {
		for (unsigned i = 1; i < f->nl; i++)
			g_string_append_c(f->o, '\n');
		f->nl = 0;
	} else {
		if (f->line->len > 0)
			st = line_end(f, 1, err);
		if (st == SEAL_OK)
			st = uu_deliver(f, err);
		if (f->ended_nl && f->started)
			g_string_append_c(f->o, '\n');
	}
	if (st != SEAL_OK)
		return st;
	return flush(f, err);
}

seal_textfmt *
seal_textfmt_free(seal_textfmt *f)
{
	if (f == NULL)
		return NULL;
	memset(f->o->str, 0, f->o->len);
	g_string_free(f->o, TRUE);
	memset(f->line->str, 0, f->line->len);
	g_string_free(f->line, TRUE);
	if (f->uu->len > 0)
		memset(f->uu->data, 0, f->uu->len);
	g_byte_array_free(f->uu, TRUE);
	g_free(f->uu_name);
	g_string_free(f->cmd, TRUE);
	memset(f->esc, 0, sizeof(f->esc));
	g_free(f);
	return NULL;
}

static seal_status
collect(void *ctx, const char *text, size_t len, seal_err *err)
{
	(void)err;
	g_string_append_len(ctx, text, (gssize)len);
	return SEAL_OK;
}

char *
seal_textfmt_apply(unsigned flags, const char *text, size_t len,
	seal_textfmt_file file, void *ctx, size_t uu_cap, size_t *out_len,
	seal_status *st, seal_err *err)
{
	GString *s = g_string_sized_new(len + 1);
	seal_textfmt *f = seal_textfmt_new(flags, collect, s, file, ctx, uu_cap);

	*st = seal_textfmt_feed(f, text, len, err);
	if (*st == SEAL_OK)
		*st = seal_textfmt_finish(f, err);
	seal_textfmt_free(f);
	if (*st != SEAL_OK) {
		memset(s->str, 0, s->len);
		g_string_free(s, TRUE);
		return NULL;
	}
	*out_len = s->len;
	return g_string_free(s, FALSE);
}
