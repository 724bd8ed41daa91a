/*
 * html_css.c - the <style> blocks of an HTML document (spec section 2.1,
 * E7): which simple selectors hide an element, and the text that CSS
 * generated content (`content: "..."`) shows.
 *
 * Only what decides whether text is seen is read, not a cascade: a rule
 * whose declarations hide (the same test as inline style, html_attrs.c)
 * marks each selector of its list by the last simple selector of the last
 * compound: `.x`, `#x`, `p`, `p.x`, `div .x` all become "class x" or
 * "id x" or "element p". That over-hides (a descendant or qualified
 * selector hides every match of its last part, and a later rule that
 * shows the element again is not seen), which is safe: the full text,
 * with hidden elements kept, is scanned too; hiding too little would let
 * a decoy digit split a number in the shown text. Selectors with a
 * pseudo-class or attribute test are left out (a:hover is not hidden
 * text). At-rules: @media and @supports blocks are read as if their
 * condition held (over-hiding again); other blocks (@font-face,
 * @keyframes) are skipped.
 *
 * Every quoted string of a `content` declaration that holds a digit is
 * appended to the attribute text: a browser shows it (::before, ::after).
 * url(data:image/...) pictures (backgrounds) are kept for OCR
 * (html_pictures.c).
 *
 * Linear in the input: each byte of a style block is looked at a bounded
 * number of times; the number of rules kept is capped.
 */
#include <string.h>

#include <glib.h>

#include "html_internal.h"

/* ---- declarations that hide or reverse (inline style and style sheets) ---- */

/* CSS property p:0 with nothing but a unit after the zero. */
static bool
css_zero(const char *css, const char *prop)
{
	size_t pl = strlen(prop);

	for (const char *p = strstr(css, prop); p != NULL; p = strstr(p + 1, prop)) {
		const char *v = p + pl;

		if (p != css && (g_ascii_isalnum(p[-1]) || p[-1] == '-'))
			continue;
		while (*v == '0' || *v == '.')
			v++;
		if (v > p + pl && !g_ascii_isdigit(*v))
			return true;
	}
	return false;
}

/* A font size under 2px or 2pt: too small to read, used to hide decoys. */
static bool
css_tiny_font(const char *css)
{
	for (const char *p = strstr(css, "font-size:"); p != NULL;
	    p = strstr(p + 1, "font-size:")) {
		char *end;
		double v = g_ascii_strtod(p + 10, &end);

		if (end > p + 10 && v < 2.0 &&
		    (strncmp(end, "px", 2) == 0 || strncmp(end, "pt", 2) == 0))
			return true;
	}
	return false;
}

/* A property with a negative value of three digits or more (-999px). */
static bool
css_far_negative(const char *css, const char *prop)
{
	size_t pl = strlen(prop);

	for (const char *p = strstr(css, prop); p != NULL; p = strstr(p + 1, prop)) {
		const char *v = p + pl;

		if (p != css && (g_ascii_isalnum(p[-1]) || p[-1] == '-'))
			continue;
		if (v[0] == '-' && g_ascii_isdigit(v[1]) && g_ascii_isdigit(v[2]) &&
		    g_ascii_isdigit(v[3]))
			return true;
	}
	return false;
}

/*
 * White text with no background of its own: on the white page of a mail
 * client it cannot be seen. (A dark background set further up is not
 * known here; over-hiding is safe, the full text is scanned too.)
 */
static bool
css_white_text(const char *css)
{
	static const char *const white[] = {
		"color:#fff;", "color:#ffffff;", "color:white;", "color:rgb(255,255,255);"
	};
	GString *c = g_string_new(css);
	bool w = false;

	g_string_append_c(c, ';');
	for (size_t k = 0; k < G_N_ELEMENTS(white) && !w; k++) {
		const char *p = strstr(c->str, white[k]);

		w = p != NULL && (p == c->str || p[-1] == ';' || p[-1] == '"');
	}
	if (w && strstr(css, "background") != NULL)
		w = false;
	g_string_free(c, TRUE);
	return w;
}

/* Boxes that show nothing: zero width or height with overflow hidden. */
static bool
css_zero_box(const char *css)
{
	if (strstr(css, "overflow:hidden") == NULL)
		return false;
	return css_zero(css, "max-height:") || css_zero(css, "height:") ||
	    css_zero(css, "width:") || css_zero(css, "max-width:") ||
	    css_zero(css, "line-height:");
}

unsigned
seal_html_style_flags(const char *css)
{
	unsigned f = 0;

	if (strstr(css, "display:none") || strstr(css, "visibility:hidden") ||
	    strstr(css, "visibility:collapse") || strstr(css, "mso-hide:all") ||
	    css_zero(css, "font-size:") || css_tiny_font(css) ||
	    css_zero(css, "opacity:") || strstr(css, "color:transparent") ||
	    css_zero_box(css) || css_white_text(css) ||
	    strstr(css, "clip:rect(0") || strstr(css, "clip-path:inset(50%") ||
	    css_far_negative(css, "left:") || css_far_negative(css, "top:") ||
	    css_far_negative(css, "text-indent:") ||
	    css_far_negative(css, "margin-left:") || css_far_negative(css, "margin-top:"))
		f |= SEAL_HTML_HIDDEN;
	if (strstr(css, "unicode-bidi:bidi-override") && strstr(css, "direction:rtl"))
		f |= SEAL_HTML_RTL;
	return f;
}

/* Selectors remembered; beyond that, rules are still scanned for content. */
#define CSS_MAX_SELECTORS 4096
#define CSS_MAX_NAME 64

struct seal_html_css {
	GHashTable *sel;        /* ".name", "#name", "name" -> flags */
};

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool
is_name_char(char c)
{
	return g_ascii_isalnum(c) || c == '-' || c == '_' || (c & 0x80);
}

/* CSS without comments, for one style block. */
static GString *
strip_comments(const char *s, size_t n)
{
	GString *o = g_string_sized_new(n + 1);

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
			const char *e = g_strstr_len(s + i + 2, (gssize)(n - i - 2), "*/");

			if (e == NULL)
				break;
			i = (size_t)(e - s) + 1;
			continue;
		}
		g_string_append_c(o, s[i]);
	}
	return o;
}

/* Appends the quoted strings of content declarations that hold a digit. */
static void
content_strings(const char *decl, size_t n, GString *attrs)
{
	const char *p = decl, *end = decl + n;

	while ((p = g_strstr_len(p, end - p, "content")) != NULL) {
		const char *q = p + 7;

		p = q;
		while (q < end && is_ws(*q))
			q++;
		if (q >= end || *q != ':')
			continue;
		for (q++; q < end && *q != ';' && *q != '}'; q++) {
			char quote = *q;
			const char *s;
			bool digit = false;

			if (quote != '"' && quote != '\'')
				continue;
			for (s = q + 1; s < end && *s != quote; s++)
				digit = digit || g_ascii_isdigit(*s) || (*s & 0x80) || *s == '\\';
			if (digit && attrs != NULL) {
				g_string_append_len(attrs, q + 1, s - q - 1);
				g_string_append(attrs, "\n\n");
			}
			q = s;
		}
	}
}

/* The key of one selector ("div .x:hover" -> none, "p.x" -> ".x"). */
static bool
selector_key(const char *s, size_t n, char *key)
{
	size_t i = n, start;

	while (i > 0 && is_ws(s[i - 1]))
		i--;
	n = i;
	while (i > 0 && is_name_char(s[i - 1]))
		i--;
	start = i;
	if (start == n || n - start >= CSS_MAX_NAME - 1)
		return false;
	if (start > 0 && (s[start - 1] == '.' || s[start - 1] == '#'))
		start--;
	else if (start > 0 && !is_ws(s[start - 1]) && s[start - 1] != '>' &&
	    s[start - 1] != '+' && s[start - 1] != '~' && s[start - 1] != ',')
		return false;   /* pseudo-class, attribute test, escape */
	for (i = 0; i < n - start; i++)
		key[i] = g_ascii_tolower(s[start + i]);
	key[i] = '\0';
	return true;
}

/* One rule: selector list sel[0..sl), declarations decl[0..dl). */
static void
rule(seal_html_css *css, const char *sel, size_t sl, const char *decl, size_t dl,
	GString *attrs)
{
	GString *norm = g_string_sized_new(dl + 1);
	unsigned flags;
	size_t from = 0;

	content_strings(decl, dl, attrs);
	for (size_t i = 0; i < dl; i++)
		if (!is_ws(decl[i]))
			g_string_append_c(norm, g_ascii_tolower(decl[i]));
	flags = seal_html_style_flags(norm->str);
	g_string_free(norm, TRUE);
	if (flags == 0)
		return;
	for (size_t i = 0; i <= sl; i++) {
		char key[CSS_MAX_NAME];

		if (i < sl && sel[i] != ',')
			continue;
		if (selector_key(sel + from, i - from, key) &&
		    g_hash_table_size(css->sel) < CSS_MAX_SELECTORS) {
			unsigned old = GPOINTER_TO_UINT(g_hash_table_lookup(css->sel, key));

			g_hash_table_insert(css->sel, g_strdup(key), GUINT_TO_POINTER(old | flags));
		}
		from = i + 1;
	}
}

/* End of the block opened just before i (brace matching), or n. */
static size_t
skip_block(const char *s, size_t n, size_t i)
{
	unsigned depth = 1;

	for (; i < n && depth > 0; i++) {
		if (s[i] == '{')
			depth++;
		else if (s[i] == '}')
			depth--;
	}
	return i;
}

/* One style block's content. */
static void
sheet(seal_html_css *css, const char *raw, size_t rn, GString *attrs)
{
	GString *c = strip_comments(raw, rn);
	const char *s = c->str;
	size_t n = c->len, i = 0;

	while (i < n) {
		size_t ps = i, pe, brace;
		const char *close;

		while (i < n && s[i] != '{' && s[i] != '}' && s[i] != ';')
			i++;
		pe = i;
		while (ps < pe && is_ws(s[ps]))
			ps++;
		if (i >= n)
			break;
		if (s[i] != '{' || ps == pe) {
			i++;    /* the end of an @media block, or @import ...; */
			continue;
		}
		brace = i++;
		if (s[ps] == '@') {
			if (g_ascii_strncasecmp(s + ps, "@media", 6) != 0 &&
			    g_ascii_strncasecmp(s + ps, "@supports", 9) != 0)
				i = skip_block(s, n, i);
			continue;   /* the rules inside are read as top-level ones */
		}
		close = memchr(s + i, '}', n - i);
		pe = close != NULL ? (size_t)(close - s) : n;
		/* prelude s[ps..brace), declarations s[i..pe) */
		rule(css, s + ps, brace - ps, s + i, pe - i, attrs);
		i = pe + 1;
	}
	memset(c->str, 0, c->len);
	g_string_free(c, TRUE);
}

seal_html_css *
seal_html_css_read(const char *h, size_t len, GString *attrs, seal_html_pictures *pics)
{
	seal_html_css *css = g_new0(seal_html_css, 1);
	size_t i = 0;

	css->sel = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	while (i < len) {
		const char *lt = memchr(h + i, '<', len - i), *gt, *end;
		size_t j;

		if (lt == NULL)
			break;
		j = (size_t)(lt - h);
		i = j + 1;
		if (j + 6 >= len || g_ascii_strncasecmp(h + j + 1, "style", 5) != 0 ||
		    !(is_ws(h[j + 6]) || h[j + 6] == '>' || h[j + 6] == '/'))
			continue;
		gt = memchr(h + j + 6, '>', len - j - 6);
		if (gt == NULL)
			break;
		i = (size_t)(gt - h) + 1;
		end = g_strstr_len(h + i, (gssize)(len - i), "</");
		while (end != NULL && g_ascii_strncasecmp(end + 2, "style", 5) != 0)
			end = g_strstr_len(end + 2, (gssize)(len - (size_t)(end + 2 - h)), "</");
		j = end != NULL ? (size_t)(end - h) : len;
		sheet(css, h + i, j - i, attrs);
		if (pics != NULL)
			seal_html_css_pictures(h + i, j - i, pics);
		i = j;
	}
	return css;
}

unsigned
seal_html_css_flags(const seal_html_css *css, const char *kind, const char *name,
	size_t n)
{
	char key[CSS_MAX_NAME];
	size_t k = strlen(kind);

	if (css == NULL || g_hash_table_size(css->sel) == 0 || n + k >= sizeof(key))
		return 0;
	memcpy(key, kind, k);
	for (size_t i = 0; i < n; i++)
		key[k + i] = g_ascii_tolower(name[i]);
	key[k + n] = '\0';
	return GPOINTER_TO_UINT(g_hash_table_lookup(css->sel, key));
}

seal_html_css *
seal_html_css_free(seal_html_css *css)
{
	if (css == NULL)
		return NULL;
	g_hash_table_destroy(css->sel);
	g_free(css);
	return NULL;
}
