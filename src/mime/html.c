/*
 * html.c - HTML to text for scanning (spec section 2.1, classes E7, E6).
 *
 * A small hand-written tokenizer, on purpose: libxml2 2.9's HTML parser
 * does not know HTML5-only references such as &hyphen; or &dash;, and its
 * entity handling cannot express "decode exactly once, after the tags are
 * removed" reliably. The spec needs only text views, not a tree, so two
 * linear passes suffice:
 *
 *   1. tags: comments, <!...>, <?...> and script/style elements vanish;
 *      the content of a conditional comment (<!--[if mso]>...<![endif]-->)
 *      is read, as Outlook shows it; inline elements (everything but the
 *      block list: custom elements, Word's o:p, st1:*, w:Sdt, VML, SVG
 *      tspan, label, nobr, img...) vanish; <br> is "\n"; <td>/<th> "\t";
 *      a block element "\n\n". Quoted attribute values may hold '>' (as in
 *      HTML5). Where HTML5 would drop an unterminated construct up to the
 *      end of the input, it stays text here (the bytes are in the mail).
 *      A small element stack tracks what inline style hides and what
 *      <bdo dir=rtl> reverses (RLO ... PDF is written around it, and
 *      normalize.c reads it as shown). Two texts are built: the full one
 *      and the shown one without hidden elements.
 *   2. character references in the remaining text, decoded once
 *      (html_entities.c): "&amp;#49;" stays "&#49;".
 *
 * Garbage in (unterminated tags or comments, huge attributes, NUL bytes,
 * invalid UTF-8) costs linear time: every byte is looked at a bounded
 * number of times, and the results are made valid UTF-8 at the end.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "html.h"
#include "html_internal.h"

/* Open elements tracked; deeper ones are not (a hidden one hides the rest). */
#define STACK_MAX 256
#define NAME_LEN 16

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

typedef struct elem {
	char name[NAME_LEN];
	unsigned flags;         /* SEAL_HTML_HIDDEN, SEAL_HTML_RTL */
} elem;

/*
 * State of pass 1. The no_* fields remember "not found from here on" for
 * searches that ran to the end of the input, so hostile input (thousands
 * of unterminated constructs) is still scanned in linear time.
 */
typedef struct tagscan {
	const char *h;
	size_t len;
	GString *full, *shown;  /* shown may be NULL: not wanted */
	GString *attrs;         /* NULL: attributes not wanted */
	seal_html_pictures pictures; /* list NULL: pictures not wanted */
	seal_html_css *css;     /* style sheet selectors; NULL: not read */
	bool simple;     /* a tag ran to the end once: tags end at first '>' */
	size_t no_gt;    /* no '>' at or after this position */
	size_t no_cmt;   /* no comment end at or after this position */
	size_t no_raw[2];/* no "</script", "</style" at or after */
	elem stack[STACK_MAX];
	size_t depth;
	unsigned hidden; /* hidden elements on the stack */
	bool hide_rest;  /* a hidden element beyond STACK_MAX: hide to the end */
	bool xml;        /* XML: every tag is a line break */
	unsigned pre;    /* open elements that keep source line breaks */
	seal_svg_line svg; /* XML: SVG text elements side by side */
} tagscan;

#define NOT_FOUND ((size_t) -1)

static const char *const raw_names[2] = { "script", "style" };

/* Elements whose text keeps its line breaks as a browser renders them. */
static bool
is_pre(const char *name)
{
	return strcmp(name, "pre") == 0 || strcmp(name, "textarea") == 0 ||
	    strcmp(name, "listing") == 0 || strcmp(name, "plaintext") == 0 ||
	    strcmp(name, "xmp") == 0;
}

/* Appends text to the full text and, unless hidden, to the shown one. */
static void
out(tagscan *ts, const char *s, size_t n)
{
	g_string_append_len(ts->full, s, (gssize)n);
	if (ts->shown != NULL && ts->hidden == 0 && !ts->hide_rest)
		g_string_append_len(ts->shown, s, (gssize)n);
}

/* Next '>' at or after i, or NOT_FOUND. */
static size_t
find_gt(tagscan *ts, size_t i)
{
	const char *p;

	if (i >= ts->no_gt || i >= ts->len)
		return NOT_FOUND;
	p = memchr(ts->h + i, '>', ts->len - i);
	if (p == NULL) {
		ts->no_gt = i;
		return NOT_FOUND;
	}
	return (size_t) (p - ts->h);
}

/*
 * Comment starting at i ("<!--"): HTML5 ends it at "-->" or "--!>".
 * Returns the position after it, or NOT_FOUND when it is unterminated.
 */
static size_t
skip_comment(tagscan *ts, size_t i)
{
	const char *h = ts->h;
	size_t len = ts->len, j = i + 4;

	/* "<!-->" and "<!--->" are complete (empty) comments */
	if (j < len && h[j] == '>')
		return j + 1;
	if (j + 1 < len && h[j] == '-' && h[j + 1] == '>')
		return j + 2;
	if (j >= ts->no_cmt)
		return NOT_FOUND;
	while (j < len) {
		const char *p = memchr(h + j, '-', len - j);

		if (p == NULL)
			break;
		j = (size_t) (p - h);
		if (j + 2 < len && h[j + 1] == '-' && h[j + 2] == '>')
			return j + 3;
		if (j + 3 < len && h[j + 1] == '-' && h[j + 2] == '!' &&
		    h[j + 3] == '>')
			return j + 4;
		j++;
	}
	ts->no_cmt = i + 4;
	return NOT_FOUND;
}

/*
 * A conditional comment's opener "<!--[if ...]>" at i: Outlook (and IE)
 * render what follows as HTML up to "<![endif]-->", so only the opener is
 * skipped. Returns the position after it, or NOT_FOUND.
 */
static size_t
skip_conditional(tagscan *ts, size_t i)
{
	const char *h = ts->h;
	size_t j;

	if (i + 7 > ts->len || g_ascii_strncasecmp(h + i + 4, "[if", 3) != 0)
		return NOT_FOUND;
	for (j = i + 7; j + 1 < ts->len && j < i + 256; j++) {
		if (h[j] == '>')
			return h[j - 1] == ']' ? j + 1 : NOT_FOUND;
	}
	return NOT_FOUND;
}

/*
 * HTML5 attributes up to and including '>'. Returns the position after
 * it, or NOT_FOUND when the input ends inside the tag.
 */
static size_t
skip_attributes(const char *h, size_t len, size_t i)
{
	for (;;) {
		while (i < len && (is_ws(h[i]) || h[i] == '/'))
			i++;
		if (i >= len)
			return NOT_FOUND;
		if (h[i] == '>')
			return i + 1;
		i++;    /* first character of the name may be anything */
		while (i < len && !is_ws(h[i]) && h[i] != '/' && h[i] != '>' &&
		    h[i] != '=')
			i++;
		while (i < len && is_ws(h[i]))
			i++;
		if (i >= len || h[i] != '=')
			continue;
		i++;
		while (i < len && is_ws(h[i]))
			i++;
		if (i < len && (h[i] == '"' || h[i] == '\'')) {
			const char *q = i + 1 < len ?
			    memchr(h + i + 1, h[i], len - i - 1) : NULL;

			if (q == NULL)
				return NOT_FOUND;
			i = (size_t) (q - h) + 1;
		} else {
			while (i < len && !is_ws(h[i]) && h[i] != '>')
				i++;
		}
	}
}

/*
 * End of the tag whose name ended at i. Well-formed tags follow HTML5
 * (a quoted '>' does not end the tag: '1705<b x=">">83' shows 170583).
 * A tag that runs to the end of the input is kept as text instead of
 * being dropped as HTML5 would: the digits are still in the mail. After
 * that first failure, tags end at the first '>' (one linear fallback).
 */
static size_t
tag_end(tagscan *ts, size_t i)
{
	size_t g;

	if (!ts->simple) {
		g = skip_attributes(ts->h, ts->len, i);
		if (g != NOT_FOUND)
			return g;
		ts->simple = true;
	}
	g = find_gt(ts, i);
	return g == NOT_FOUND ? NOT_FOUND : g + 1;
}

/*
 * Elements a browser renders as a block (a paragraph break in the text),
 * sorted for bsearch. Everything else is inline: phrasing elements, and
 * also unknown and custom elements (HTML: display inline by default),
 * which covers Word's and Outlook's o:p, st1:*, w:Sdt and v:* (VML).
 */
static const char *const block_tags[] = {
	"address", "article", "aside", "blockquote", "body", "caption",
	"center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
	"fieldset", "figcaption", "figure", "footer", "form", "frameset",
	"h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
	"html", "iframe", "legend", "li", "listing", "main", "menu", "nav",
	"noscript", "ol", "optgroup", "option", "p", "plaintext", "pre",
	"section", "select", "summary", "table", "tbody", "textarea", "tfoot",
	"thead", "title", "tr", "ul", "xmp"
};

/*
 * Blocks with a vertical margin in the rendering rules of HTML (section
 * 15.3.3: p, lists, blockquote, headings, pre...): a blank line, so a
 * paragraph break. The other blocks (div, li, tr, section, address...)
 * only start a new line: Apple Mail, iOS Mail and Gmail write every line
 * of a message as a <div>, and a number cut there is on two lines.
 * Sorted for bsearch.
 */
static const char *const para_tags[] = {
	"blockquote", "dir", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
	"listing", "menu", "ol", "p", "plaintext", "pre", "ul", "xmp"
};

/* Elements that never have content or an end tag. */
static const char *const void_tags[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen",
	"link", "meta", "param", "source", "track", "wbr"
};

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

static bool
is_block(const char *name)
{
	return bsearch(name, block_tags, G_N_ELEMENTS(block_tags),
	    sizeof(block_tags[0]), name_cmp) != NULL;
}

static bool
is_void(const char *name)
{
	return bsearch(name, void_tags, G_N_ELEMENTS(void_tags),
	    sizeof(void_tags[0]), name_cmp) != NULL;
}

/* True when s is empty or ends in a line break (spaces and TABs after it aside). */
static bool
at_line_start(const GString *s)
{
	size_t n = s->len, stop = n > 64 ? n - 64 : 0;

	/* bounded: a megabyte of spaces before each of many <div>s stays linear */
	while (n > stop && (s->str[n - 1] == ' ' || s->str[n - 1] == '\t'))
		n--;
	return n == 0 || s->str[n - 1] == '\n';
}

/*
 * A block without margins: a line break unless the text is at a line
 * start already, as block boundaries without content between them make
 * one line in a browser ("</div><div>"). An empty <div><br></div> is
 * still the blank line it shows.
 */
static void
new_line(tagscan *ts)
{
	if (!at_line_start(ts->full))
		g_string_append_c(ts->full, '\n');
	if (ts->shown != NULL && ts->hidden == 0 && !ts->hide_rest &&
	    !at_line_start(ts->shown))
		g_string_append_c(ts->shown, '\n');
}

/* What a tag turns into (spec E7). */
static const char *
tag_text(const char *name)
{
	if (strcmp(name, "br") == 0)
		return "\n";
	if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		return "\t";
	return is_block(name) ? "\n\n" : "";
}

static void
tag_out(tagscan *ts, const char *name)
{
	if (is_block(name) && bsearch(name, para_tags, G_N_ELEMENTS(para_tags),
	    sizeof(para_tags[0]), name_cmp) == NULL)
		new_line(ts);
	else
		out(ts, tag_text(name), strlen(tag_text(name)));
}

/* Position of the end tag "</name" closing raw text, or NOT_FOUND. */
static size_t
find_raw_end(tagscan *ts, size_t i, const char *name, size_t *memo)
{
	const char *h = ts->h;
	size_t len = ts->len, nl = strlen(name), from = i;

	if (i >= *memo)
		return NOT_FOUND;
	while (i < len) {
		const char *p = memchr(h + i, '<', len - i);
		size_t j;

		if (p == NULL)
			break;
		j = (size_t) (p - h);
		if (j + 2 + nl <= len && h[j + 1] == '/' &&
		    g_ascii_strncasecmp(h + j + 2, name, nl) == 0 &&
		    (j + 2 + nl == len || is_ws(h[j + 2 + nl]) ||
		    h[j + 2 + nl] == '/' || h[j + 2 + nl] == '>'))
			return j;
		i = j + 1;
	}
	*memo = from;
	return NOT_FOUND;
}

/* Pops the top element; an override it opened is closed (U+202C PDF). */
static void
pop(tagscan *ts)
{
	elem *e = &ts->stack[--ts->depth];

	if (e->flags & SEAL_HTML_HIDDEN)
		ts->hidden--;
	if (is_pre(e->name))
		ts->pre--;
	if (e->flags & SEAL_HTML_RTL)
		out(ts, "\xe2\x80\xac", 3);
}

/*
 * A start tag: elements HTML closes implicitly (a <p> in a <p>, an <li> in
 * an <li>) are popped, then the element is pushed with its flags.
 */
static void
push(tagscan *ts, const char *name, unsigned flags)
{
	static const char *const implied_end[] = {
		"dd", "dt", "li", "option", "p", "td", "th", "tr"
	};
	elem *e;

	if (is_void(name))
		return;
	for (size_t k = 0; k < G_N_ELEMENTS(implied_end); k++)
		if (ts->depth > 0 && strcmp(name, implied_end[k]) == 0 &&
		    strcmp(ts->stack[ts->depth - 1].name, name) == 0)
			pop(ts);
	if (ts->depth == STACK_MAX) {
		/* Too deep to track: hiding more than a browser does is safe. */
		if (flags & SEAL_HTML_HIDDEN)
			ts->hide_rest = true;
		return;
	}
	e = &ts->stack[ts->depth++];
	g_strlcpy(e->name, name, sizeof(e->name));
	e->flags = flags;
	if (is_pre(name))
		ts->pre++;
	if (flags & SEAL_HTML_HIDDEN)
		ts->hidden++;
	if (flags & SEAL_HTML_RTL)
		out(ts, "\xe2\x80\xae", 3);
}

/*
 * An end tag pops up to its element. An inline end tag with a block
 * element open inside it is ignored, as HTML5 ignores it: so a </span>
 * never ends a hidden span early (hiding too little would let a decoy
 * digit split a number in the shown text).
 */
static void
close_tag(tagscan *ts, const char *name)
{
	bool block = is_block(name);
	size_t k;

	for (k = ts->depth; k > 0; k--) {
		if (strcmp(ts->stack[k - 1].name, name) == 0)
			break;
		if (!block && is_block(ts->stack[k - 1].name))
			return;
	}
	if (k == 0)
		return;
	while (ts->depth >= k)
		pop(ts);
}

/* Tag name lower-cased into name (over-long: ""); returns where it ends. */
static size_t
tag_name(const char *h, size_t len, size_t i, char *name)
{
	size_t n = 0;

	while (i < len && !is_ws(h[i]) && h[i] != '/' && h[i] != '>') {
		if (n < NAME_LEN - 1)
			name[n] = g_ascii_tolower(h[i]);
		n++;
		i++;
	}
	/* Over-long names are no known element: plain inline. */
	name[n < NAME_LEN ? n : 0] = '\0';
	return i;
}

/*
 * A raw-text element (script, style): index or -1. An <xml> data island is
 * read: Excel's VML drawings are <xml> documents whose text is wanted.
 */
static int
raw_index(const char *name)
{
	for (int k = 0; k < 2; k++)
		if (strcmp(name, raw_names[k]) == 0)
			return k;
	return -1;
}

/*
 * SVG's runs inside a <text> element (tspan, textPath, tref, any
 * namespace prefix): a viewer draws them on the text's line, so
 * "<tspan>07076</tspan><tspan>14285</tspan>" is one number.
 */
static bool
xml_inline(const char *name)
{
	const char *c = strrchr(name, ':');
	const char *local = c != NULL ? c + 1 : name;

	return g_ascii_strcasecmp(local, "tspan") == 0 ||
	    g_ascii_strcasecmp(local, "textPath") == 0 || g_ascii_strcasecmp(local, "tref") == 0;
}

/*
 * A tag at lt whose name starts at i (after "<" or "</"); appends its
 * text and returns where to go on. Unterminated: the '<' is text.
 */
static size_t
do_tag(tagscan *ts, size_t lt, size_t i, bool end_tag)
{
	char name[NAME_LEN];
	size_t e, r;
	int raw;

	/* Known unterminated: do not scan the name again ("<p<p<p..."). */
	if (ts->simple && find_gt(ts, i) == NOT_FOUND) {
		out(ts, "<", 1);
		return lt + 1;
	}
	i = tag_name(ts->h, ts->len, i, name);
	e = tag_end(ts, i);
	if (e == NOT_FOUND) {
		out(ts, "<", 1);
		return lt + 1;
	}
	raw = end_tag ? -1 : raw_index(name);
	if (raw >= 0) {
		/* Raw text: dropped with its content and the end tag. */
		r = find_raw_end(ts, e, name, &ts->no_raw[raw]);
		if (r != NOT_FOUND) {
			r = tag_end(ts, r + 2 + strlen(name));
			if (r != NOT_FOUND)
				return r;
		}
		/* Unterminated: the content stays text, as for other tags. */
	}
	if (ts->xml) {
		/* XML elements are data fields, not styled runs of one text,
		 * except SVG's runs inside one line of text, and SVG text
		 * elements drawn side by side */
		const char *c = strrchr(name, ':');

		if (g_ascii_strcasecmp(c != NULL ? c + 1 : name, "text") == 0) {
			if (end_tag)
				seal_svg_text_close(&ts->svg, ts->full);
			else
				seal_svg_text_open(&ts->svg, ts->full, ts->h + i, e - i);
		} else if (!xml_inline(name))
			out(ts, "\n", 1);
	} else if (end_tag) {
		/* break first: a hidden element's own break is hidden too */
		tag_out(ts, name);
		close_tag(ts, name);
	} else {
		push(ts, name, seal_html_attrs(ts->h, i, e, name, ts->css, seal_html_to_text, ts->attrs,
		    ts->attrs != NULL ? &ts->pictures : NULL));
		tag_out(ts, name);
	}
	return e;
}

/*
 * Text up to the next '<'; NUL bytes are dropped as HTML5 does. Outside
 * <pre> and its kin a source line break (CR, LF) is white space that a
 * browser shows as a space (CSS white-space: normal): "060868<br>\n2430"
 * is two lines, not a paragraph break, and a keyword on the next source
 * line stands on the number's line. XML keeps its line breaks.
 */
static size_t
copy_text(tagscan *ts, size_t i)
{
	const char *h = ts->h;
	const char *p = memchr(h + i, '<', ts->len - i);
	size_t end = p != NULL ? (size_t) (p - h) : ts->len;
	bool fold = !ts->xml && ts->pre == 0;

	while (i < end) {
		size_t stop = i, j;

		while (stop < end && h[stop] != '\0' &&
		    !(fold && (h[stop] == '\n' || h[stop] == '\r')))
			stop++;
		if (stop == end || h[stop] == '\0') {
			out(ts, h + i, stop - i);
			i = stop < end ? stop + 1 : end;
			continue;
		}
		/* the white-space run around the break is one space */
		for (j = stop; j > i && (h[j - 1] == ' ' || h[j - 1] == '\t'); j--)
			;
		out(ts, h + i, j - i);
		out(ts, " ", 1);
		for (i = stop; i < end && is_ws(h[i]); i++)
			;
	}
	return end;
}

/* Bogus comment ("<!x>", "<?x>", "</ x>", "<![endif]>"): dropped up to '>'. */
static size_t
skip_bogus(tagscan *ts, size_t lt)
{
	size_t g = find_gt(ts, lt + 2);

	if (g == NOT_FOUND) {
		out(ts, "<", 1);
		return lt + 1;
	}
	return g + 1;
}

/*
 * XML CDATA section at lt ("<![CDATA["): its content is text, up to
 * "]]>" (unterminated: to the end). HTML outside SVG/MathML has no CDATA
 * (a bogus comment there), so only the XML view reads it.
 */
static size_t
do_cdata(tagscan *ts, size_t lt)
{
	size_t from = lt + 9;
	const char *e = g_strstr_len(ts->h + from, (gssize)(ts->len - from), "]]>");
	size_t end = e != NULL ? (size_t)(e - ts->h) : ts->len;

	out(ts, ts->h + from, end - from);
	return e != NULL ? end + 3 : ts->len;
}

/* "<!--" at i: a conditional comment's opener, or a comment. */
static size_t
do_comment(tagscan *ts, size_t i)
{
	size_t e = skip_conditional(ts, i);

	if (e == NOT_FOUND)
		e = skip_comment(ts, i);
	if (e == NOT_FOUND) {
		out(ts, "<", 1);
		e = i + 1;
	}
	return e;
}

static void
strip_tags(tagscan *ts)
{
	const char *h = ts->h;
	size_t len = ts->len, i = 0;

	while (i < len) {
		char n;

		if (h[i] != '<') {
			i = copy_text(ts, i);
			continue;
		}
		n = i + 1 < len ? h[i + 1] : '\0';
		if (n == '!' && i + 3 < len && h[i + 2] == '-' && h[i + 3] == '-') {
			i = do_comment(ts, i);
		} else if (ts->xml && n == '!' && len - i >= 9 &&
		    memcmp(h + i, "<![CDATA[", 9) == 0) {
			i = do_cdata(ts, i);
		} else if (n == '!' || n == '?') {
			i = skip_bogus(ts, i);
		} else if (g_ascii_isalpha(n)) {
			i = do_tag(ts, i, i + 1, false);
		} else if (n == '/' && i + 2 < len && g_ascii_isalpha(h[i + 2])) {
			i = do_tag(ts, i, i + 2, true);
		} else if (n == '/' && i + 2 < len) {
			i = skip_bogus(ts, i);   /* "</>" or "</ x>" */
		} else {
			out(ts, "<", 1);
			i++;
		}
	}
}

/*
 * Pass 2 (unless the references are decoded already: attribute values)
 * and UTF-8 repair: a new string from s (which is freed).
 */
static char *
finish(GString *s, bool decode, size_t *out_len)
{
	GString *dec = s;
	char *res;

	if (decode) {
		dec = g_string_sized_new(s->len + 1);
		seal_html_decode_refs(s->str, s->len, dec);
		memset(s->str, 0, s->len);
		g_string_free(s, TRUE);
	}
	if (!g_utf8_validate_len(dec->str, dec->len, NULL)) {
		res = g_utf8_make_valid(dec->str, (gssize)dec->len);
		g_string_free(dec, TRUE);
		*out_len = strlen(res);
		return res;
	}
	*out_len = dec->len;
	return g_string_free(dec, FALSE);
}

static void
scan_init(tagscan *ts, const char *html, size_t len, bool views)
{
	memset(ts, 0, sizeof(*ts));
	ts->h = html != NULL ? html : "";
	ts->len = html != NULL ? len : 0;
	ts->full = g_string_sized_new(len + 1);
	ts->shown = views ? g_string_sized_new(len + 1) : NULL;
	ts->attrs = views ? g_string_new(NULL) : NULL;
	ts->no_gt = ts->no_cmt = NOT_FOUND;
	for (int k = 0; k < 2; k++)
		ts->no_raw[k] = NOT_FOUND;
}

static char *
to_text(const char *html, size_t len, bool xml, size_t *out_len)
{
	tagscan *ts = g_new(tagscan, 1);
	size_t n;
	char *res;

	scan_init(ts, html, len, false);
	ts->xml = xml;
	strip_tags(ts);
	res = finish(ts->full, true, &n);
	g_free(ts);
	if (out_len != NULL)
		*out_len = n;
	return res;
}

char *
seal_html_to_text(const char *html, size_t len, size_t *out_len)
{
	return to_text(html, len, false, out_len);
}

char *
seal_html_xml_to_text(const char *xml, size_t len, size_t *out_len)
{
	return to_text(xml, len, true, out_len);
}

seal_html_text *
seal_html_read(const char *html, size_t len)
{
	tagscan *ts = g_new(tagscan, 1);
	seal_html_text *t = g_new0(seal_html_text, 1);
	bool same;

	scan_init(ts, html, len, true);
	/* views: attrs is there, and so is the picture list */
	ts->css = seal_html_css_read(ts->h, ts->len, ts->attrs, &ts->pictures);
	strip_tags(ts);
	ts->css = seal_html_css_free(ts->css);
	same = ts->shown->len == ts->full->len &&
	    memcmp(ts->shown->str, ts->full->str, ts->full->len) == 0;
	t->full = finish(ts->full, true, &t->full_len);
	if (same) {
		memset(ts->shown->str, 0, ts->shown->len);
		g_string_free(ts->shown, TRUE);
	} else
		t->shown = finish(ts->shown, true, &t->shown_len);
	t->attrs = finish(ts->attrs, false, &t->attrs_len);
	t->pictures = ts->pictures.list;
	t->pictures_dropped = ts->pictures.dropped;
	g_free(ts);
	return t;
}

seal_html_text *
seal_html_text_free(seal_html_text *t)
{
	if (t == NULL)
		return NULL;
	/* the texts hold numbers in clear: wipe before freeing */
	if (t->full != NULL)
		memset(t->full, 0, t->full_len);
	if (t->shown != NULL)
		memset(t->shown, 0, t->shown_len);
	if (t->attrs != NULL)
		memset(t->attrs, 0, t->attrs_len);
	g_free(t->full);
	g_free(t->shown);
	g_free(t->attrs);
	for (guint i = 0; t->pictures != NULL && i < t->pictures->len; i++) {
		GByteArray *b = g_ptr_array_index(t->pictures, i);

		memset(b->data, 0, b->len);
		g_byte_array_unref(b);
	}
	if (t->pictures != NULL)
		g_ptr_array_free(t->pictures, TRUE);
	g_free(t);
	return NULL;
}
