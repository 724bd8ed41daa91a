/*
 * test_html.c - seal_html_to_text() against spec section 2.1 (E7 tags, E6
 * character references): inline elements, line and cell tags, comments,
 * script/style, unterminated constructs, decode-once, invalid numeric
 * references, and linear time on hostile input. Table-driven and labelled.
 */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "html.h"

/* A string literal and its length without the final NUL. */
#define LIT_ARGS(s) s, sizeof(s) - 1

#include "check_main.h"

typedef struct hcase {
	const char *label;
	const char *in;
	size_t len;        /* 0: strlen(in) */
	const char *want;
} hcase;

static const hcase cases[] = {
	{ "empty", "", 0, "" },
	{ "plain text", "CPR 12", 0, "CPR 12" },
	/* E7 tags */
	{ "inline b", "<b>1705</b>83-1889", 0, "170583-1889" },
	{ "nested inline", "<span><i><b>17</b></i></span>05", 0, "1705" },
	{ "upper-case inline", "<B>1</B><SPAN>2</SPAN>", 0, "12" },
	{ "inline with attributes", "<a href=\"x\" class='y' z=w>1</a>2", 0, "12" },
	{ "quoted > in attribute", "<a title=\">\">1</a>2", 0, "12" },
	{ "quoted > splitting a number", "1705<b x='>'>83-1889", 0, "170583-1889" },
	{ "single-quoted > in attribute", "<font face='>>'>1</font>2", 0, "12" },
	{ "self-closing wbr", "17<wbr/>05", 0, "1705" },
	{ "br", "a<br>b", 0, "a\nb" },
	{ "br self-closing", "a<br/>b<BR />c", 0, "a\nb\nc" },
	{ "td and th", "<td>a</td><th>b", 0, "\ta\t\tb" },
	{ "block p", "<p>a</p>", 0, "\n\na\n\n" },
	{ "div with attributes (a line, no margin)", "<div class=\"x\">a", 0, "a" },
	{ "unknown tag is inline (custom element)", "1<foo>2", 0, "12" },
	{ "over-long tag name is inline", "1<abcdefghijklmnopqrstuvwxyz>2", 0, "12" },
	{ "end tag of block", "a</div>b", 0, "a\nb" },
	{ "end tag of a paragraph", "a</p>b", 0, "a\n\nb" },
	{ "Apple/Gmail lines as divs", "<div>060868-</div>\n<div>2430</div>", 0, "060868-\n 2430\n" },
	{ "empty div with br is a blank line", "<div>a</div><div><br></div><div>b</div>", 0, "a\n\nb\n" },
	/* script, style, comments, declarations */
	{ "script dropped", "1<script>var x='<b>2</b>';</script>2", 0, "12" },
	{ "style dropped", "1<style type=text/css>p{}</style>2", 0, "12" },
	{ "script end tag any case", "1<SCRIPT>x</ScRiPt >2", 0, "12" },
	{ "script lookalike end", "<script>a</scripts>b</script>c", 0, "c" },
	{ "unterminated script stays text", "1<script>2345", 0, "12345" },
	{ "comment", "17<!-- x -->05", 0, "1705" },
	{ "comment with tags", "1<!-- <p> -->2", 0, "12" },
	{ "empty comment <!-->", "1<!-->2", 0, "12" },
	{ "empty comment <!--->", "1<!--->2", 0, "12" },
	{ "comment ended by --!>", "1<!-- x --!>2", 0, "12" },
	{ "unterminated comment stays text", "1<!-- 2345", 0, "1<!-- 2345" },
	{ "doctype dropped", "<!DOCTYPE html>a", 0, "a" },
	{ "processing instruction", "<?xml version=\"1.0\"?>a", 0, "a" },
	{ "cdata is a bogus comment", "1<![CDATA[x]]>2", 0, "12" },
	/* unterminated and literal '<' */
	{ "unterminated tag stays text", "a<b", 0, "a<b" },
	{ "unterminated tag with number", "<div 170583-1889", 0, "<div 170583-1889" },
	{ "unclosed quote: tag ends at first >", "a<div title='x>b", 0, "a\nb" },
	{ "after a failed tag, first > ends tags", "a<i t=\"x>b<b>c<b t='>'>d", 0, "abc'>d" },
	{ "unterminated attribute list", "a<div x=1 y", 0, "a<div x=1 y" },
	{ "unterminated bogus comment", "a<!x 1", 0, "a<!x 1" },
	{ "unterminated script end tag", "1<script>2</script", 0, "12</script" },
	{ "less-than space", "1 < 2", 0, "1 < 2" },
	{ "less-than digit", "a<3", 0, "a<3" },
	{ "lone less-than at end", "a<", 0, "a<" },
	{ "empty end tag", "1</>2", 0, "12" },
	{ "bogus end tag", "1</ x>2", 0, "12" },
	/* E7 inline as browsers render it (issue 9 item 5, issue 18 item 5) */
	{ "label inline", "17<label>05</label>83", 0, "170583" },
	{ "nobr inline", "<nobr>1705</nobr>83", 0, "170583" },
	{ "img inline", "1705<img src=x.png>83", 0, "170583" },
	{ "Word o:p inline", "<p class=MsoNormal>170583-1889<o:p></o:p></p>", 0,
	  "\n\n170583-1889\n\n" },
	{ "smart tag st1 inline", "17<st1:date Year=\"1983\">05</st1:date>83", 0, "170583" },
	{ "content control w:Sdt inline", "<w:Sdt>1705</w:Sdt><w:Sdt>83</w:Sdt>", 0, "170583" },
	{ "VML v:shape inline", "1705<v:shape id=x>83</v:shape>", 0, "170583" },
	{ "svg tspan inline", "<svg><text><tspan>1705</tspan><tspan>83</tspan></text></svg>", 0, "170583" },
	{ "custom element with dash", "1705<x-num>83</x-num>", 0, "170583" },
	/* source line breaks are white space (CSS white-space: normal) */
	{ "source LF is a space", "CPR 060868-\n2430", 0, "CPR 060868- 2430" },
	{ "source CRLF with indent is one space", "a  \r\n   b", 0, "a b" },
	{ "br then source LF", "060868<br>\n2430", 0, "060868\n 2430" },
	{ "pre keeps its line breaks", "<pre>a\nb</pre>c\nd", 0, "\n\na\nb\n\nc d" },
	{ "textarea keeps its line breaks", "<textarea>a\nb</textarea>", 0, "a\nb\n" },
	{ "li is a line", "<li>1<li>2", 0, "1\n2" },
	{ "h1 is a block", "1<h1>2</h1>", 0, "1\n\n2\n\n" },
	{ "xml data island read (VML drawings are xml)", "1<xml><o:Zoom>0</o:Zoom></xml>2", 0, "102" },
	/* Outlook conditional comments: content read */
	{ "downlevel-hidden read", "1705<!--[if mso]>83<![endif]-->-1889", 0, "170583-1889" },
	{ "downlevel-revealed read", "<!--[if !mso]><!-->1705<!--<![endif]-->83", 0, "170583" },
	{ "old-style revealed", "<![if !vml]>17<![endif]>05", 0, "1705" },
	{ "conditional with tags", "<!--[if gte mso 9]><p>1</p><![endif]-->", 0, "\n\n1\n\n" },
	/* bdo dir=rtl: wrapped in RLO ... PDF */
	{ "bdo rtl", "<bdo dir=rtl>9881</bdo>", 0, "\xe2\x80\xae" "9881\xe2\x80\xac" },
	{ "bdo RTL quoted", "<BDO DIR=\"RTL\">1</BDO>", 0, "\xe2\x80\xae" "1\xe2\x80\xac" },
	{ "bdo ltr untouched", "<bdo dir=ltr>1</bdo>", 0, "1" },
	{ "css bidi-override rtl", "<span style=\"unicode-bidi: bidi-override; direction: rtl\">1</span>", 0,
	  "\xe2\x80\xae" "1\xe2\x80\xac" },
	/* HTML5 entity set */
	{ "lrm rlm", "&lrm;&rlm;", 0, "\xe2\x80\x8e\xe2\x80\x8f" },
	{ "NegativeThinSpace", "&NegativeThinSpace;", 0, "\xe2\x80\x8b" },
	{ "InvisibleTimes", "&InvisibleTimes;", 0, "\xe2\x81\xa2" },
	{ "ZeroWidthSpace", "&ZeroWidthSpace;", 0, "\xe2\x80\x8b" },
	{ "two code points", "&NotEqualTilde;", 0, "\xe2\x89\x82\xcc\xb8" },
	{ "longest name", "&CounterClockwiseContourIntegral;", 0, "\xe2\x88\xb3" },
	{ "legacy prefix", "&notit;", 0, "\xc2\xacit;" },
	{ "unknown long name", "&CounterClockwiseContourIntegralX;", 0, "&CounterClockwiseContourIntegralX;" },
	/* E6 references */
	{ "decimal", "&#49;70583", 0, "170583" },
	{ "hex lower", "&#x31;", 0, "1" },
	{ "hex upper X", "&#X31;", 0, "1" },
	{ "decimal without ';'", "&#49 ", 0, "1 " },
	{ "ndash", "&ndash;", 0, "\xe2\x80\x93" },
	{ "mdash", "&mdash;", 0, "\xe2\x80\x94" },
	{ "minus", "&minus;", 0, "\xe2\x88\x92" },
	{ "hyphen", "&hyphen;", 0, "\xe2\x80\x90" },
	{ "dash", "&dash;", 0, "\xe2\x80\x90" },
	{ "nbsp", "&nbsp;", 0, "\xc2\xa0" },
	{ "shy", "&shy;", 0, "\xc2\xad" },
	{ "zwj", "&zwj;", 0, "\xe2\x80\x8d" },
	{ "zwnj", "&zwnj;", 0, "\xe2\x80\x8c" },
	{ "thinsp", "&thinsp;", 0, "\xe2\x80\x89" },
	{ "ensp", "&ensp;", 0, "\xe2\x80\x82" },
	{ "emsp", "&emsp;", 0, "\xe2\x80\x83" },
	{ "amp lt gt", "&amp;&lt;&gt;", 0, "&<>" },
	{ "quot apos", "&quot;&apos;", 0, "\"'" },
	{ "nordic letters", "&aelig;&oslash;&aring;&AElig;&Oslash;&Aring;", 0,
	  "\xc3\xa6\xc3\xb8\xc3\xa5\xc3\x86\xc3\x98\xc3\x85" },
	{ "umlauts and acute", "&auml;&ouml;&uuml;&eacute;&Auml;&Ouml;", 0,
	  "\xc3\xa4\xc3\xb6\xc3\xbc\xc3\xa9\xc3\x84\xc3\x96" },
	{ "legacy without ';'", "&amp &nbsp1", 0, "& \xc2\xa0" "1" },
	{ "html5-only name needs ';'", "&ndash 1", 0, "&ndash 1" },
	{ "unknown name kept", "&foo; &", 0, "&foo; &" },
	{ "no digits", "&#; &#x;", 0, "&#; &#x;" },
	{ "decode once", "&amp;#49;", 0, "&#49;" },
	{ "decode once, nested amp", "&amp;amp;", 0, "&amp;" },
	{ "decoded after tags are removed", "&#4<b></b>9;", 0, "1" },
	{ "references in attributes ignored", "<a title=\"&#49;\">x</a>", 0, "x" },
	/* invalid numeric references */
	{ "zero", "&#0;", 0, "\xef\xbf\xbd" },
	{ "above U+10FFFF", "&#1114112;", 0, "\xef\xbf\xbd" },
	{ "hex above range", "&#x110000;", 0, "\xef\xbf\xbd" },
	{ "surrogate", "&#xD800;", 0, "\xef\xbf\xbd" },
	{ "huge number", "&#99999999999999999999999;", 0, "\xef\xbf\xbd" },
	{ "C1 as windows-1252", "&#150;", 0, "\xe2\x80\x93" },
	{ "astral", "&#x1D7CF;", 0, "\xf0\x9d\x9f\x8f" },
	/* garbage bytes */
	{ "NUL in text dropped", "1\0" "2", 3, "12" },
	{ "NUL inside tag", "1<b\0>2", 6, "12" },
	{ "invalid utf-8 made valid", "a\xff" "b", 0, "a\xef\xbf\xbd" "b" },
};

START_TEST(test_case)
{
	const hcase *c = &cases[_i];
	size_t inlen = c->len ? c->len : strlen(c->in), n = 0;
	char *got = seal_html_to_text(c->in, inlen, &n);
	char *ge = g_strescape(got, NULL), *we = g_strescape(c->want, NULL);

	ck_assert_msg(n == strlen(c->want) && strcmp(got, c->want) == 0,
	    "%s: got \"%s\", want \"%s\"", c->label, ge, we);
	g_free(ge);
	g_free(we);
	g_free(got);
}
END_TEST

static const char *const inline_names[] = {
	"label", "nobr", "o:p", "st1:place", "w:sdt", "v:shape", "tspan",
	"my-element", "img", "input", "button", "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del",
	"dfn", "em", "font", "i", "ins", "kbd", "mark", "q", "s", "samp",
	"small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
	"var", "wbr"
};

/* Every inline element of the spec's list leaves nothing behind. */
START_TEST(test_inline_list)
{
	const char *name = inline_names[_i];
	char *in = g_strdup_printf("17<%s x=\"1\">05</%s>83", name, name);
	char *got = seal_html_to_text(in, strlen(in), NULL);

	ck_assert_msg(strcmp(got, "170583") == 0, "<%s>: got \"%s\", want "
	    "\"170583\"", name, got);
	g_free(got);
	g_free(in);
}
END_TEST

typedef struct rcase {
	const char *label;
	const char *in;
	const char *full;
	const char *shown;      /* NULL: same as full */
	const char *attrs;
} rcase;

static const rcase rcases[] = {
	{ "no hidden, no attributes", "<b>1</b>2", "12", NULL, "" },
	{ "font-size:0 decoy digit", "1705<span style=\"font-size:0\">9</span>83-1889",
	  "17059" "83-1889", "170583-1889", "" },
	{ "font-size:0px", "17<span style='font-size: 0px'>x</span>05", "17x05", "1705", "" },
	{ "font-size:0pt", "17<font style=\"FONT-SIZE:0pt\">x</font>05", "17x05", "1705", "" },
	{ "font-size 0.5pt is too small to read", "1<span style=font-size:0.5pt>x</span>", "1x", "1", "" },
	{ "font-size 1px", "1<span style='font-size:1px'>x</span>", "1x", "1", "" },
	{ "font-size 2px is shown", "1<span style='font-size:2px'>x</span>", "1x", NULL, "" },
	{ "font-size 0.1em is shown", "1<span style='font-size:0.1em'>x</span>", "1x", NULL, "" },
	{ "color transparent", "1<span style='color: transparent'>x</span>", "1x", "1", "" },
	{ "style with references", "1<span style='display&#58;none'>x</span>", "1x", "1", "" },
	{ "unclosed hidden p closed by next p", "<p hidden>x<p>1", "\n\nx\n\n1", "\n\n1", "" },
	{ "display:none", "1<div style=\"display:none\">x</div>2", "1\nx\n2", "12", "" },
	{ "visibility:hidden", "1<i style=\"visibility:hidden\">x</i>2", "1x2", "12", "" },
	{ "opacity:0", "1<i style=\"opacity:0\">x</i>2", "1x2", "12", "" },
	{ "mso-hide:all", "1<span style='mso-hide:all'>x</span>2", "1x2", "12", "" },
	{ "hidden attribute", "1<span hidden>x</span>2", "1x2", "12", "" },
	{ "nested same name does not end hiding early",
	  "1<span hidden><span>x</span>y</span>2", "1xy2", "12", "" },
	{ "self-closing syntax ignored for a hidden span",
	  "1<span hidden/>x</span>2", "1x2", "12", "" },
	{ "inline end tag across a block is ignored",
	  "1<span hidden><p>x</span>y</p>2", "1\n\nxy\n\n2", "1", "" },
	{ "number split by hidden content found in full",
	  "170583<span hidden>-</span>1889", "170583-1889", "1705831889", "" },
	{ "href mailto", "<a href=\"mailto:x@y.example?subject=170583%2D1889\">mail</a>",
	  "mail", NULL, "mailto:x@y.example?subject=170583-1889\n\n" },
	{ "href tel", "<a href='tel:170583-1889'>ring</a>", "ring", NULL, "tel:170583-1889\n\n" },
	{ "href without digit not kept", "<a href=\"https://x.example/\">a</a>", "a", NULL, "" },
	{ "title alt value placeholder aria-label",
	  "<img alt=\"1\" title=2><input value='3' placeholder=4><b aria-label=5>", "", NULL,
	  "1\n\n2\n\n3\n\n4\n\n5\n\n" },
	{ "attribute references decoded once", "<a title=\"&#49;&amp;#50;\">", "", NULL, "1&#50;\n\n" },
	{ "data uri base64 text", "<a href=\"data:text/plain;base64,MTcwNTgzLTE4ODk=\">x</a>", "x", NULL,
	  "170583-1889\n\n" },
	{ "data uri percent text", "<img src=\"data:,1705%383\">", "", NULL, "170583\n\n" },
	{ "data uri html read as html", "<iframe src=\"data:text/html,<b>1705</b>83\"></iframe>",
	  "", NULL, "170583\n\n" },
	{ "data uri image not text", "<img src=\"data:image/png;base64,MTcwNTgz\">", "", NULL, "" },
	{ "src not data not kept", "<img src=\"170583.png\">", "", NULL, "" },
	/* style sheets (html_css.c): simple selectors that hide */
	{ "style class display:none", "<style>.x{display:none}</style>1<span class=\"a x\">9</span>2",
	  "192", "12", "" },
	{ "style id font-size:0 with comment and spaces",
	  "<style type=text/css>/* c */ #d1 { font-size : 0px }</style>1<b id=D1>9</b>2", "192", "12", "" },
	{ "style element visibility:hidden", "<STYLE>u,i{visibility:hidden}</STYLE>1<u>9</u><i>8</i>2",
	  "1982", "12", "" },
	{ "style qualified and descendant selectors over-hide",
	  "<style>p.q{display:none} div .r{opacity:0}</style>1<b class=q>9</b><i class=r>8</i>2",
	  "1982", "12", "" },
	{ "style inside @media read", "<style>@media screen{.m{display:none}}</style>1<b class=m>9</b>2",
	  "192", "12", "" },
	{ "style pseudo-class not hiding", "<style>a:hover{display:none}</style>1<a>9</a>2", "192", NULL, "" },
	{ "style @font-face skipped", "<style>@font-face{font-size:0}.v{color:red}</style>1<b class=v>9</b>2",
	  "192", NULL, "" },
	{ "style rule that shows", "<style>.s{display:block}</style>1<b class=s>9</b>2", "192", NULL, "" },
	{ "css generated content kept", "<style>.n::after{content:\"1705\" \"83\"}</style><b class=n></b>",
	  "", NULL, "1705\n\n83\n\n" },
	/* inline hiding tricks */
	{ "off-screen left", "1<span style=\"position:absolute;left:-9999px\">9</span>2", "192", "12", "" },
	{ "zero width overflow hidden", "1<span style=\"width:0;overflow:hidden\">9</span>2", "192", "12", "" },
	{ "white text, no background", "1<span style=\"color:#FFF\">9</span>2", "192", "12", "" },
	{ "white text on a background is shown", "1<span style=\"color:#fff;background:#000\">9</span>2",
	  "192", NULL, "" },
};

START_TEST(test_read)
{
	const rcase *c = &rcases[_i];
	seal_html_text *t = seal_html_read(c->in, strlen(c->in));
	char *g1 = g_strescape(t->full, NULL), *g2 = g_strescape(t->shown ? t->shown : "(null)", NULL);
	char *g3 = g_strescape(t->attrs, NULL);

	ck_assert_msg(strcmp(t->full, c->full) == 0 && t->full_len == strlen(c->full),
	    "%s: full: got \"%s\"", c->label, g1);
	if (c->shown == NULL)
		ck_assert_msg(t->shown == NULL, "%s: shown: got \"%s\", want NULL", c->label, g2);
	else
		ck_assert_msg(t->shown != NULL && strcmp(t->shown, c->shown) == 0 &&
		    t->shown_len == strlen(c->shown), "%s: shown: got \"%s\"", c->label, g2);
	ck_assert_msg(strcmp(t->attrs, c->attrs) == 0 && t->attrs_len == strlen(c->attrs),
	    "%s: attrs: got \"%s\"", c->label, g3);
	g_free(g1);
	g_free(g2);
	g_free(g3);
	seal_html_text_free(t);
}
END_TEST

/* XML: each tag is a line break, references decoded once. */
START_TEST(test_xml)
{
	static const char in[] = "<?xml version=\"1.0\"?><a><n>Jens</n><c>&#49;7&amp;#48;</c></a>";
	size_t n = 0;
	char *got = seal_html_xml_to_text(in, strlen(in), &n);

	ck_assert_msg(strcmp(got, "\n\nJens\n\n17&#48;\n\n") == 0, "got \"%s\"", got);
	g_free(got);
}
END_TEST

/* SVG's text runs stay on their line (a viewer draws them so), other elements break. */
START_TEST(test_xml_svg_runs)
{
	static const char in[] = "<svg><text><tspan>07076</tspan><svg:tspan>14</svg:tspan>"
	    "<textPath>285</textPath></text><text>x</text></svg>";
	size_t n = 0;
	char *got = seal_html_xml_to_text(in, strlen(in), &n);

	ck_assert_msg(strcmp(got, "\n\n0707614285\n\nx\n\n") == 0, "got \"%s\"", got);
	g_free(got);
}
END_TEST

/*
 * SVG text elements side by side on one baseline are one line (a viewer
 * draws them so): joined where the previous one ends (0.6 em a
 * character), a space for a small gap; a wide gap or another baseline
 * is a line of its own. Without the view's reasons, plain XML is not SVG
 * runs.
 */
START_TEST(test_xml_svg_side_by_side)
{
	static const char in[] = "<svg><text x=\"10\" y=\"40\" font-size=\"20\">CPR 0707</text>\n "
	    "<text x=\"106\" y=\"40\" style=\"font-size: 20px\">61-4285</text>"
	    "<text x=\"200\" y=\"40.5\" font-size=\"20\">ok</text>"
	    "<text x=\"10\" y=\"80\">next</text><text x=\"900\" y=\"80\">far</text>"
	    "<text dx=\"3\">free</text></svg>";
	size_t n = 0;
	char *got = seal_html_xml_to_text(in, strlen(in), &n);

	ck_assert_msg(strcmp(got, "\n\nCPR 070761-4285 ok\n\nnext\n\nfar\n\nfree\n\n") == 0,
	    "got \"%s\"", got);
	ck_assert_int_eq(seal_html_svg_runs(in, strlen(in)), 1);
	ck_assert_int_eq(seal_html_svg_runs(LIT_ARGS("<svg><text x=\"1\">a</text></svg>")), 0);
	ck_assert_int_eq(seal_html_svg_runs(LIT_ARGS("<a><textile/><text/></a>")), 0);
	ck_assert_int_eq(seal_html_svg_runs(LIT_ARGS("<s:text>a</s:text><s:text>b</s:text>")), 1);
	g_free(got);
}
END_TEST

/* What a text is by its start (html_sniff.c). */
static const struct {
	const char *in;
	int want;
} sniffs[] = {
	{ "<!DOCTYPE html><p>x", SEAL_MARKUP_HTML },
	{ "\xef\xbb\xbf  <HTML lang=da>", SEAL_MARKUP_HTML },
	{ "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"x\"><html>", SEAL_MARKUP_HTML },
	{ "<div><body>", SEAL_MARKUP_HTML },
	{ "<!-- made by hand -->\n<svg xmlns=\"x\">", SEAL_MARKUP_XML },
	{ "<?xml version=\"1.0\"?><data/>", SEAL_MARKUP_XML },
	{ "<!DOCTYPE svg><svg>", SEAL_MARKUP_XML },
	{ "<p>Borger</p>", SEAL_MARKUP_XML },
	{ "Hej <b>Jens</b>", SEAL_MARKUP_NONE },
	{ "< 5 og > 3", SEAL_MARKUP_NONE },
	{ "<", SEAL_MARKUP_NONE },
	{ "<!-- never closed <svg>", SEAL_MARKUP_NONE },
	{ "", SEAL_MARKUP_NONE },
};

START_TEST(test_sniff)
{
	const char *in = sniffs[_i].in;
	int got = seal_html_sniff(in, strlen(in));

	ck_assert_msg(got == sniffs[_i].want, "case %d: got %d, want %d", _i, got,
	    sniffs[_i].want);
}
END_TEST

/* Hostile inputs of 1 MB each must finish in linear time. */
/* CPU microseconds of this process (not wall time: the machine may be busy). */
static gint64
cpu_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (gint64)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* CPU time of both readers over unit repeated to size bytes; checks UTF-8 out. */
static gint64
read_cost(const char *unit, size_t size)
{
	GString *in = g_string_new(NULL);
	gint64 t0, t;
	char *got;

	while (in->len < size)
		g_string_append(in, unit);
	t0 = cpu_us();
	got = seal_html_to_text(in->str, in->len, NULL);
	seal_html_text_free(seal_html_read(in->str, in->len));
	t = cpu_us() - t0;
	ck_assert_msg(g_utf8_validate(got, -1, NULL),
	    "\"%s\" x %zu bytes: got invalid UTF-8, want valid", unit, size);
	g_free(got);
	g_string_free(in, TRUE);
	return t;
}

/*
 * Hostile repetitions cost linear time: four times the input may cost at
 * most eight times the CPU (quadratic work would cost sixteen times), plus
 * 50 ms for fixed costs. A ratio, so a busy machine does not fail it.
 */
START_TEST(test_linear_time)
{
	static const char *const units[] = {
		"<a ", "<!--", "<!-", "<script>", "</scrip", "&aaaaaaaaaaaaa",
		"&#", "<a title='", "<p", "&amp", "<", "x=\"", "-->",
		"<a x=\">\" ", "<script></script", "<style>", "<!x", "</ x",
		"<span hidden>", "</span>", "<p hidden><span>", "<bdo dir=rtl>",
		"<!--[if mso]>", "<a href=\"data:text/html,<b>1</b>\">",
		"<i title=1>", "<x-y>", "<li>", "<div>", "<br>\n", "<pre>\n"
	};

	for (size_t k = 0; k < G_N_ELEMENTS(units); k++) {
		gint64 small = read_cost(units[k], 256 * 1024);
		gint64 big = read_cost(units[k], 1024 * 1024);

		ck_assert_msg(big <= 8 * small + 50000, "\"%s\": 256 KiB took %" G_GINT64_FORMAT
		    " us of CPU, 1 MiB %" G_GINT64_FORMAT " us: want at most 8 times plus 50 ms",
		    units[k], small, big);
	}
}
END_TEST

/* A huge attribute value is skipped, the text after it kept. */
START_TEST(test_huge_attribute)
{
	GString *in = g_string_new("<div title=\"");
	char *got;
	size_t n = 0;

	while (in->len < 4 * 1024 * 1024)
		g_string_append(in, "0123456789>");
	g_string_append(in, "\">170583");
	got = seal_html_to_text(in->str, in->len, &n);
	ck_assert_msg(n == 6 && strcmp(got, "170583") == 0,
	    "got %zu bytes, want 6 (the digits; a div at the start adds no break)", n);
	g_free(got);
	g_string_free(in, TRUE);
}
END_TEST

/*
 * issue 11: data: URI pictures kept for OCR (html_pictures.c): <img src>,
 * and CSS url() backgrounds in style attributes and <style> blocks,
 * quoted or bare, base64 or percent-encoded; not SVG (markup, read as
 * text), not http: URLs, not a url() outside CSS.
 */
typedef struct pcase {
	const char *label, *in;
	unsigned want;          /* pictures kept, each the bytes "PNG" */
} pcase;

static const pcase pcases[] = {
	{ "img src", "<img src=\"data:image/png;base64,UE5H\">", 1 },
	{ "style attribute, bare", "<div style=\"background:url(data:image/png;base64,UE5H)\">x</div>",
	    1 },
	{ "style attribute, quoted, entities", "<td style=\"background-image: URL( &quot;"
	    "data:image/png;base64,UE5H&quot; )\">x</td>", 1 },
	{ "style attribute, single quotes, spaces in base64",
	    "<p style=\"background: url('data:image/png;base64,UE 5H') no-repeat\">", 1 },
	{ "style block, two rules", "<style>.a{background:url(\"data:image/png;base64,UE5H\")}"
	    "#b { background-image : url(data:image/jpeg,PNG) }</style><p>x</p>", 2 },
	{ "style block and img", "<style>body{background:url(data:image/png;base64,UE5H)}</style>"
	    "<img src=\"data:image/png;base64,UE5H\">", 2 },
	{ "svg background is text, not a picture",
	    "<div style=\"background:url(data:image/svg+xml;base64,PHN2Zy8+)\">", 0 },
	{ "http background", "<div style=\"background:url(http://x.example/a.png)\">", 0 },
	{ "url( in text is no CSS", "<p>url(data:image/png;base64,UE5H)</p>", 0 },
	{ "unterminated url", "<style>a{background:url(data:image/png;base64,UE5H", 1 },
};

START_TEST(test_pictures)
{
	const pcase *c = &pcases[_i];
	seal_html_text *t = seal_html_read(c->in, strlen(c->in));
	unsigned got = t->pictures != NULL ? t->pictures->len : 0;

	ck_assert_msg(got == c->want, "%s: %u pictures, want %u", c->label, got, c->want);
	for (unsigned k = 0; k < got; k++) {
		GByteArray *b = g_ptr_array_index(t->pictures, k);

		ck_assert_msg(b->len == 3 && memcmp(b->data, "PNG", 3) == 0, "%s: picture %u bytes",
		    c->label, k + 1);
	}
	ck_assert_uint_eq(t->pictures_dropped, 0);
	seal_html_text_free(t);
}
END_TEST

/* 66 backgrounds: 64 kept, 2 dropped (counted: the walk makes it unscannable). */
START_TEST(test_pictures_bounded)
{
	GString *h = g_string_new("<style>");
	seal_html_text *t;

	for (unsigned k = 0; k < 66; k++)
		g_string_append_printf(h, ".c%u{background:url(data:image/png;base64,UE5H)}", k);
	g_string_append(h, "</style>x");
	t = seal_html_read(h->str, h->len);
	ck_assert_uint_eq(t->pictures->len, 64);
	ck_assert_uint_eq(t->pictures_dropped, 2);
	seal_html_text_free(t);
	g_string_free(h, TRUE);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("html");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_case, 0, (int) G_N_ELEMENTS(cases));
	tcase_add_loop_test(tc, test_inline_list, 0,
	    (int) G_N_ELEMENTS(inline_names));
	tcase_add_loop_test(tc, test_read, 0, (int) G_N_ELEMENTS(rcases));
	tcase_add_test(tc, test_xml);
	tcase_add_test(tc, test_xml_svg_runs);
	tcase_add_test(tc, test_xml_svg_side_by_side);
	tcase_add_loop_test(tc, test_sniff, 0, (int) G_N_ELEMENTS(sniffs));
	tcase_add_test(tc, test_linear_time);
	tcase_add_test(tc, test_huge_attribute);
	tcase_add_loop_test(tc, test_pictures, 0, (int) G_N_ELEMENTS(pcases));
	tcase_add_test(tc, test_pictures_bounded);
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
