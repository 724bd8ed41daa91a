/*
 * rtftext.c - the RTF reader (rtftext.h): one linear pass over the bytes
 * with a stack of group states (RTF 1.9.1 specification, "Conventions of
 * an RTF Reader", "Special Characters", "Destinations"). Code pages are
 * converted in rtfcp.c, embedded objects parsed in rtfobj.c.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dib.h"
#include "metafile.h"
#include "rtf_internal.h"

#define MAX_DEPTH 256
#define MAX_FONTS 512

enum dest {
	D_TEXT,         /* shown text */
	D_LINE,         /* text that ends a line (document information, a
	                 * field's instruction: no glue to the field's result) */
	D_SKIP,         /* nothing read */
	D_FONTTBL,      /* font numbers and their code pages */
	D_OBJDATA,      /* hex of an embedded object */
	D_SHAPE,        /* a shape's property (\sp): nothing read but a picture */
	D_PICT          /* a picture: hex (or \bin) of a PNG, JPEG, DIB or metafile kept */
};

struct state {
	uint8_t dest;
	uint8_t uc;             /* fallback characters after \uN */
	bool fresh;             /* group just opened: a destination word may follow */
	bool star;              /* \* seen at the group's start */
	long font;              /* current \f (-1: the default font) */
};

struct rd {
	const uint8_t *d;
	size_t len, i;
	struct state st[MAX_DEPTH];
	unsigned top, over;     /* open groups; braces beyond MAX_DEPTH */
	GString *out;
	GByteArray *pend;       /* \'hh and 8-bit bytes waiting for their code page */
	seal_rtfcp *cps;
	int doc_cp;
	long deff, fentry;      /* default font; font table entry being read */
	long fnum[MAX_FONTS];
	int fcp[MAX_FONTS];
	unsigned nfonts;
	gunichar high;          /* a high surrogate waiting for its low one */
	unsigned skip;          /* fallback characters left to skip */
	GByteArray *obj;        /* objdata being decoded */
	GByteArray *pict;       /* picture being decoded */
	bool raster;            /* the picture is kept: a PNG, JPEG or DIB (\pngblip,
	                         * \jpegblip, \dibitmap), or a metafile (\emfblip,
	                         * \wmetafile), whose text records are read */
	bool dib;               /* a DIB: BITMAPINFOHEADER and bits, no file header */
	bool meta;              /* a metafile: kept only when its bytes are one */
	size_t pict_bytes;      /* bytes of pictures kept so far */
	int nib;                /* pending hex digit of objdata or picture, -1 none */
	seal_rtf_doc *doc;
};

int
seal_rtf_is(const char *data, size_t len)
{
	return len >= 5 && memcmp(data, "{\\rtf", 5) == 0;
}

static int
font_cp(struct rd *r, long f)
{
	if (f < 0)
		f = r->deff;
	for (unsigned k = 0; k < r->nfonts; k++)
		if (r->fnum[k] == f && r->fcp[k] > 0)
			return r->fcp[k];
	return r->doc_cp;
}

static void
flush(struct rd *r)
{
	if (r->pend->len == 0)
		return;
	seal_rtfcp_put(r->cps, font_cp(r, r->st[r->top].font), r->pend->data, r->pend->len,
	    r->out);
	memset(r->pend->data, 0, r->pend->len);
	g_byte_array_set_size(r->pend, 0);
}

static void
set_font_cp(struct rd *r, int cp)
{
	for (unsigned k = 0; k < r->nfonts; k++)
		if (r->fnum[k] == r->fentry) {
			r->fcp[k] = cp;
			return;
		}
	if (r->nfonts < MAX_FONTS && r->fentry >= 0) {
		r->fnum[r->nfonts] = r->fentry;
		r->fcp[r->nfonts++] = cp;
	}
}

/* A UTF-16 unit from \uN; a high surrogate waits for its low one. */
static void
put_unit(struct rd *r, long n)
{
	gunichar u = (gunichar)(n < 0 ? n + 65536 : n) & 0xFFFF;

	flush(r);
	if (u >= 0xD800 && u < 0xDC00) {
		r->high = u;
		return;
	}
	if (u >= 0xDC00 && u < 0xE000) {
		if (r->high != 0)
			g_string_append_unichar(r->out, 0x10000 + ((r->high - 0xD800) << 10) +
			    (u - 0xDC00));
		r->high = 0;
		return;
	}
	r->high = 0;
	g_string_append_unichar(r->out, u != 0 ? u : 0xFFFD);
}

static bool
word_is(const char *w, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && memcmp(*list, w, n) == 0)
			return true;
	return false;
}

/* What a control word stands for in the text (NULL for most). */
static const char *
word_text(const char *w, size_t n)
{
	static const struct { const char *w, *t; } words[] = {
		{ "par", "\n" }, { "line", "\n" }, { "row", "\n" }, { "nestrow", "\n" },
		{ "sect", "\n\n" }, { "page", "\n\n" }, { "tab", "\t" }, { "cell", "\t" },
		{ "nestcell", "\t" }, { "emdash", "\xe2\x80\x94" },
		{ "endash", "\xe2\x80\x93" }, { "emspace", " " }, { "enspace", " " },
		{ "qmspace", " " }, { "bullet", "\xe2\x80\xa2" },
		{ "lquote", "\xe2\x80\x98" }, { "rquote", "\xe2\x80\x99" },
		{ "ldblquote", "\xe2\x80\x9c" }, { "rdblquote", "\xe2\x80\x9d" },
	};

	for (size_t k = 0; k < G_N_ELEMENTS(words); k++)
		if (strlen(words[k].w) == n && memcmp(words[k].w, w, n) == 0)
			return words[k].t;
	return NULL;
}

/*
 * The destination a group's first control word opens. Skipped: tables
 * and stores a reader never sees as text, the metafile copy of a picture
 * (\nonshppict), and unknown {\* ...}. Pictures (\pict, also in a shape's
 * picture property) are kept for OCR.
 */
static enum dest
destination(const char *w, size_t n, bool star, enum dest cur)
{
	static const char *const skip[] = { "colortbl", "stylesheet", "listtable",
		"listoverridetable", "revtbl", "rsidtbl", "themedata",
		"colorschememapping", "datastore", "latentstyles", "xmlnstbl", "filetbl",
		"generator", "objclass", "objname", "bkmkstart", "bkmkend", "pgdsctbl",
		"nonshppict", "blipuid", "userprops", "xmlopen",
		"mmathPr", "wgrffmtfilter", "passwordhash", "fchars", "lchars",
		"pnseclvl", "listtext", "docvar", "atnauthor", "atnid", "atnref",
		"atndate", "atnparent", "atrfstart", "atrfend", "ftnsep", "ftnsepc",
		"aftnsep", "aftnsepc", NULL };
	static const char *const line[] = { "title", "subject", "author", "operator",
		"keywords", "comment", "doccomm", "company", "manager", "category",
		"hlinkbase", "fldinst", NULL };
	static const char *const read[] = { "annotation", "fldrslt", "shppict",
		"shpinst", "shptxt", "footnote", "header", "footer", "headerl",
		"headerr", "headerf", "footerl", "footerr", "footerf", NULL };

	if (n == 7 && memcmp(w, "fonttbl", 7) == 0)
		return D_FONTTBL;
	if (n == 7 && memcmp(w, "objdata", 7) == 0)
		return D_OBJDATA;
	if (n == 4 && memcmp(w, "pict", 4) == 0)
		return D_PICT;
	if (n == 2 && memcmp(w, "sp", 2) == 0)
		return D_SHAPE;
	if (word_is(w, n, skip))
		return D_SKIP;
	if (word_is(w, n, line))
		return D_LINE;
	if (star && !word_is(w, n, read))
		return D_SKIP;
	return cur;
}

/* A control word's effect on the current state (text, code page, fonts). */
static void
apply_word(struct rd *r, const char *w, size_t n, bool has, long p)
{
	struct state *s = &r->st[r->top];
	const char *t;

	if (s->dest == D_FONTTBL) {
		if (n == 1 && w[0] == 'f' && has)
			r->fentry = p;
		else if (n == 8 && memcmp(w, "fcharset", 8) == 0 && has)
			set_font_cp(r, seal_rtfcp_of_charset(p));
		else if (n == 3 && memcmp(w, "cpg", 3) == 0 && has)
			set_font_cp(r, (int)p);
		return;
	}
	if (n == 1 && w[0] == 'u' && has) {
		put_unit(r, p);
		r->skip = s->uc;
	} else if (n == 2 && memcmp(w, "uc", 2) == 0 && has)
		s->uc = (uint8_t)CLAMP(p, 0, 16);
	else if (n == 7 && memcmp(w, "ansicpg", 7) == 0 && has)
		r->doc_cp = (int)p;
	else if (n == 3 && memcmp(w, "mac", 3) == 0)
		r->doc_cp = 10000;
	else if (n == 2 && memcmp(w, "pc", 2) == 0)
		r->doc_cp = 437;
	else if (n == 3 && memcmp(w, "pca", 3) == 0)
		r->doc_cp = 850;
	else if (n == 4 && memcmp(w, "deff", 4) == 0 && has)
		r->deff = p;
	else if (n == 1 && w[0] == 'f' && has)
		s->font = p;
	else if (n == 5 && memcmp(w, "plain", 5) == 0)
		s->font = -1;
	else if ((t = word_text(w, n)) != NULL)
		g_string_append(r->out, t);
}

/*
 * A byte of a raster picture: kept while the document's pictures stay
 * within SEAL_RTF_MAX_PICTURES and SEAL_RTF_MAX_PICTURE_BYTES (past them
 * the picture is dropped when it closes).
 */
static void
pict_byte(struct rd *r, uint8_t b)
{
	if (!r->raster || r->doc->pictures->len >= SEAL_RTF_MAX_PICTURES ||
	    r->pict_bytes + r->pict->len >= SEAL_RTF_MAX_PICTURE_BYTES)
		return;
	g_byte_array_append(r->pict, &b, 1);
}

/* \bin N: N bytes of binary data follow (objdata and pictures keep them). */
static void
binary(struct rd *r, long p)
{
	size_t n = p > 0 ? MIN((size_t)p, r->len - r->i) : 0;

	if (r->st[r->top].dest == D_OBJDATA)
		g_byte_array_append(r->obj, r->d + r->i, (guint)n);
	else if (r->st[r->top].dest == D_PICT)
		for (size_t k = 0; k < n; k++)
			pict_byte(r, r->d[r->i + k]);
	r->i += n;
}

/* A control word at d[i] (after '\'). */
static void
control_word(struct rd *r)
{
	struct state *s = &r->st[r->top];
	size_t ws = r->i, wl;
	long p = 0;
	bool has = false, neg = false;
	enum dest nd;

	while (r->i < r->len && g_ascii_isalpha(r->d[r->i]) && r->i - ws < 32)
		r->i++;
	wl = r->i - ws;
	if (r->i < r->len && r->d[r->i] == '-') {
		neg = true;
		r->i++;
	}
	while (r->i < r->len && g_ascii_isdigit(r->d[r->i])) {
		if (p < 100000000)
			p = p * 10 + (r->d[r->i] - '0');
		has = true;
		r->i++;
	}
	p = neg ? -p : p;
	if (r->i < r->len && r->d[r->i] == ' ')
		r->i++;         /* the delimiting space belongs to the word */
	if (wl == 3 && memcmp(r->d + ws, "bin", 3) == 0) {
		binary(r, p);
		return;
	}
	if (s->fresh && r->over == 0) {
		s->fresh = false;
		nd = s->dest == D_SKIP ? D_SKIP :
		    destination((const char *)r->d + ws, wl, s->star, (enum dest)s->dest);
		if (s->dest == D_SHAPE && nd != D_PICT)
			nd = D_SHAPE;   /* a shape's property: only its picture is read */
		if ((nd == D_OBJDATA || nd == D_PICT) && s->dest != nd)
			r->nib = -1;
		if (nd == D_PICT && s->dest != D_PICT)
			r->raster = r->meta = false;
		s->dest = (uint8_t)nd;
	}
	if (s->dest == D_PICT && ((wl == 7 && memcmp(r->d + ws, "pngblip", 7) == 0) ||
	    (wl == 8 && memcmp(r->d + ws, "jpegblip", 8) == 0) ||
	    (wl == 7 && memcmp(r->d + ws, "emfblip", 7) == 0) ||
	    (wl == 9 && memcmp(r->d + ws, "wmetafile", 9) == 0)))
		r->raster = true;
	if (s->dest == D_PICT && ((wl == 7 && memcmp(r->d + ws, "emfblip", 7) == 0) ||
	    (wl == 9 && memcmp(r->d + ws, "wmetafile", 9) == 0)))
		r->meta = true;
	if (s->dest == D_PICT && wl == 8 && memcmp(r->d + ws, "dibitmap", 8) == 0)
		r->raster = r->dib = true;
	if (s->dest == D_SKIP || s->dest == D_OBJDATA || s->dest == D_SHAPE ||
	    s->dest == D_PICT)
		return;
	if (r->skip > 0 && !(wl == 1 && r->d[ws] == 'u' && has)) {
		r->skip--;      /* a control word counts as one fallback character */
		return;
	}
	if (r->skip > 0)
		r->skip = 0;
	flush(r);
	apply_word(r, (const char *)r->d + ws, wl, has, p);
}

static void
text_byte(struct rd *r, uint8_t c, bool escaped)
{
	if (r->skip > 0) {
		r->skip--;
		return;
	}
	if (c >= 0x80 || escaped) {
		g_byte_array_append(r->pend, &c, 1);
		return;
	}
	flush(r);
	g_string_append_c(r->out, (char)c);
}

/* A control symbol at d[i] (after '\'). */
static void
control_symbol(struct rd *r)
{
	struct state *s = &r->st[r->top];
	uint8_t c = r->d[r->i++];
	bool text = s->dest == D_TEXT || s->dest == D_LINE;

	if (c == '*') {
		s->star = true;
		return;
	}
	s->fresh = false;
	if (c == '\'' && r->len - r->i >= 2 && g_ascii_isxdigit(r->d[r->i]) &&
	    g_ascii_isxdigit(r->d[r->i + 1])) {
		uint8_t b = (uint8_t)(g_ascii_xdigit_value(r->d[r->i]) * 16 +
		    g_ascii_xdigit_value(r->d[r->i + 1]));

		r->i += 2;
		if (text)
			text_byte(r, b, true);
		return;
	}
	if (!text)
		return;
	if (r->skip > 0) {
		r->skip--;
		return;
	}
	flush(r);
	if (c == '\\' || c == '{' || c == '}')
		g_string_append_c(r->out, (char)c);
	else if (c == '~')
		g_string_append(r->out, "\xc2\xa0");
	else if (c == '_')
		g_string_append_c(r->out, '-');
	else if (c == '\n' || c == '\r')
		g_string_append_c(r->out, '\n');
}

/* The objdata group closes: its bytes as an OLE1 object. */
static void
object_done(struct rd *r)
{
	seal_rtf_object *o = NULL;

	if (r->doc->objects->len < SEAL_RTF_MAX_OBJECTS)
		o = seal_rtfobj_parse(r->obj->data, r->obj->len);
	if (o != NULL)
		g_ptr_array_add(r->doc->objects, o);
	else if (r->obj->len > 0)
		r->doc->objects_dropped++;
	if (r->obj->len > 0)
		memset(r->obj->data, 0, r->obj->len);
	g_byte_array_set_size(r->obj, 0);
}

/* The picture group closes: kept when it is a raster picture, counted when dropped. */
static void
picture_done(struct rd *r)
{
	bool full = r->doc->pictures->len >= SEAL_RTF_MAX_PICTURES ||
	    r->pict_bytes + r->pict->len >= SEAL_RTF_MAX_PICTURE_BYTES;

	if (r->raster && r->meta && !full && !seal_metafile_is(r->pict->data, r->pict->len))
		;       /* no metafile (an icon's stub): nothing to read, as before */
	else if (r->raster && full)
		r->doc->pictures_dropped++;
	else if (r->raster && r->pict->len > 0) {
		GByteArray *b = g_byte_array_sized_new(r->pict->len + 14);

		if (r->dib)
			(void)seal_dib_file_header(r->pict->data, r->pict->len, b);
		g_byte_array_append(b, r->pict->data, r->pict->len);
		g_ptr_array_add(r->doc->pictures, b);
		r->pict_bytes += r->pict->len;
	}
	if (r->pict->len > 0)
		memset(r->pict->data, 0, r->pict->len);
	g_byte_array_set_size(r->pict, 0);
	r->raster = r->dib = r->meta = false;
}

static void
group(struct rd *r, bool open)
{
	struct state *s = &r->st[r->top];

	flush(r);
	r->skip = 0;
	if (open) {
		if (r->top + 1 >= MAX_DEPTH) {
			r->over++;
			return;
		}
		r->st[r->top + 1] = *s;
		r->top++;
		r->st[r->top].fresh = true;
		r->st[r->top].star = false;
		return;
	}
	if (r->over > 0) {
		r->over--;
		return;
	}
	if (r->top == 0)
		return;         /* an unbalanced brace */
	if (s->dest == D_OBJDATA && r->st[r->top - 1].dest != D_OBJDATA)
		object_done(r);
	if (s->dest == D_PICT && r->st[r->top - 1].dest != D_PICT)
		picture_done(r);
	if (s->dest == D_LINE && r->st[r->top - 1].dest != D_LINE)
		g_string_append_c(r->out, '\n');
	if (s->dest == D_FONTTBL)
		r->fentry = -1;
	r->top--;
}

/* A hex digit of objdata or of a picture. */
static void
hex_byte(struct rd *r, uint8_t c, bool pict)
{
	int v = g_ascii_xdigit_value((char)c);
	uint8_t b;

	if (v < 0)
		return;
	if (r->nib < 0) {
		r->nib = v;
		return;
	}
	b = (uint8_t)(r->nib * 16 + v);
	if (pict)
		pict_byte(r, b);
	else
		g_byte_array_append(r->obj, &b, 1);
	r->nib = -1;
}

static void
run(struct rd *r)
{
	while (r->i < r->len) {
		uint8_t c = r->d[r->i];
		enum dest dest = (enum dest)r->st[r->top].dest;

		if (c == '{' || c == '}') {
			r->i++;
			group(r, c == '{');
		} else if (c == '\\') {
			if (++r->i >= r->len)
				break;
			if (g_ascii_isalpha(r->d[r->i]))
				control_word(r);
			else
				control_symbol(r);
		} else {
			r->i++;
			if (dest == D_OBJDATA || dest == D_PICT)
				hex_byte(r, c, dest == D_PICT);
			else if ((dest == D_TEXT || dest == D_LINE) && c != '\r' && c != '\n')
				text_byte(r, c, false);
			if (c != ' ' && c != '\r' && c != '\n' && c != '\t')
				r->st[r->top].fresh = false;
		}
	}
	flush(r);
	r->over = 0;
	while (r->top > 0)
		group(r, false);        /* a cut document: its open objdata and picture too */
}

/* A picture's bytes wiped and freed (it may show a number). */
static void
wipe_picture(gpointer p)
{
	GByteArray *b = p;

	if (b->len > 0)
		memset(b->data, 0, b->len);
	g_byte_array_free(b, TRUE);
}

seal_rtf_doc *
seal_rtf_read(const char *data, size_t len)
{
	struct rd *r = g_new0(struct rd, 1);
	seal_rtf_doc *doc = g_new0(seal_rtf_doc, 1);

	r->d = (const uint8_t *)data;
	r->len = len;
	r->out = g_string_sized_new(len / 2 + 16);
	r->pend = g_byte_array_new();
	r->obj = g_byte_array_new();
	r->pict = g_byte_array_new();
	r->cps = seal_rtfcp_new();
	r->doc_cp = 1252;
	r->deff = -1;
	r->fentry = -1;
	r->nib = -1;
	r->st[0].uc = 1;
	r->st[0].font = -1;
	r->doc = doc;
	doc->objects = g_ptr_array_new_with_free_func((GDestroyNotify)seal_rtfobj_free);
	doc->pictures = g_ptr_array_new_with_free_func(wipe_picture);
	run(r);
	if (!g_utf8_validate_len(r->out->str, r->out->len, NULL)) {
		doc->text = g_utf8_make_valid(r->out->str, (gssize)r->out->len);
		doc->text_len = strlen(doc->text);
		memset(r->out->str, 0, r->out->len);
		g_string_free(r->out, TRUE);
	} else {
		doc->text_len = r->out->len;
		doc->text = g_string_free(r->out, FALSE);
	}
	g_byte_array_free(r->pend, TRUE);
	g_byte_array_free(r->obj, TRUE);
	g_byte_array_free(r->pict, TRUE);
	seal_rtfcp_free(r->cps);
	g_free(r);
	return doc;
}

void
seal_rtf_doc_free(seal_rtf_doc *doc)
{
	if (doc == NULL)
		return;
	if (doc->text != NULL)
		memset(doc->text, 0, doc->text_len);
	g_free(doc->text);
	g_ptr_array_free(doc->objects, TRUE);
	g_ptr_array_free(doc->pictures, TRUE);
	g_free(doc);
}

char *
seal_rtf_to_text(const char *data, size_t len, size_t *out_len)
{
	seal_rtf_doc *doc = seal_rtf_read(data, len);
	char *t = doc->text;

	*out_len = doc->text_len;
	doc->text = NULL;
	seal_rtf_doc_free(doc);
	return t;
}
