/*
 * office_xml.c - the XML parts of OOXML and ODF documents to text, with
 * libxml2's reader (office_internal.h). One function serves every part:
 * body, headers, footers, notes, comments, sheets, shared strings, charts,
 * SmartArt, slides, document properties, ODF content/styles/meta.
 *
 * Choices worth knowing:
 * - Text in the flow vocabularies (WordprocessingML, SpreadsheetML,
 *   DrawingML text, ODF text; or no namespace) is joined across elements:
 *   Word splits one visible string into many runs (w:r/w:t) and puts
 *   bookmarks and proof marks between them, so runs add nothing and a
 *   number split over runs is found. Paragraphs, cells, rows, breaks and
 *   tabs add what a reader sees (office_marks).
 * - In every other vocabulary (document properties, chart caches, ODF
 *   metadata, custom XML), an element that holds text directly ends a
 *   paragraph: two chart values or two properties never run together into
 *   a false number.
 * - Attributes a reader sees are text of their own: sheet names
 *   (xl/workbook.xml sheet@name, ODS table:name), hyperlink tooltips and
 *   display texts, ODF link targets, field instructions (HYPERLINK
 *   "mailto:..."), alt texts of pictures.
 * - Spreadsheet numbers: Excel stores 1705831889 typed into a cell as
 *   <v>1705831889</v> or, from other writers, <v>1.705831889E9</v>; ODS
 *   keeps office:value="1705831889". An integer value of 6 to 12 digits
 *   also goes over as the digits Excel's General format shows, and a 9-digit
 *   one zero-padded too (040605-0807 typed as a number loses its zero).
 * - A formula without a cached value (<f> and no <v>, as generators write
 *   them) also goes over as its string and number literals joined, which is
 *   what ="170583-"&"1889" shows once calculated.
 * - Relationships parts: the target of every external hyperlink (what the
 *   reader follows by clicking), percent-decoded too.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/xmlreader.h>

#include "office_internal.h"

#define OFFICE_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | \
	XML_PARSE_NOWARNING | XML_PARSE_COMPACT | XML_PARSE_HUGE)

/*
 * The elements that matter, sorted by local name for bsearch (a document
 * part has hundreds of thousands of elements): what each adds to the text
 * before its content (or for an empty element) and after it, and what
 * else it is for (OFFICE_EL_*).
 */
enum {
	OFFICE_EL_ATTR = 1,     /* has attributes a reader sees (office_attrs) */
	OFFICE_EL_CELL = 2,     /* c: sheet cell */
	OFFICE_EL_VALUE = 4,    /* v: cell or chart value */
	OFFICE_EL_FORMULA = 8,  /* f: cell formula */
	OFFICE_EL_ODSCELL = 16  /* table:table-cell, office:value */
};

static const struct office_mark {
	const char *local;
	const char *open;
	const char *close;
	unsigned flags;
} office_marks[] = {
	{ "a", NULL, NULL, OFFICE_EL_ATTR },       /* ODF text:a, draw:a */
	{ "annotation", "\n\n", "\n\n", 0 },      /* ODF comment in a paragraph */
	{ "br", "\n", NULL, 0 },                   /* w:br, a:br */
	{ "c", NULL, "\t", OFFICE_EL_CELL },        /* sheet cell */
	{ "cNvPr", NULL, NULL, OFFICE_EL_ATTR },   /* shape name, alt text */
	{ "covered-table-cell", NULL, "\t", 0 },
	{ "cr", "\n", NULL, 0 },                   /* w:cr */
	{ "docPr", NULL, NULL, OFFICE_EL_ATTR },   /* alt text of a picture */
	{ "f", NULL, "\t", OFFICE_EL_FORMULA },     /* cell formula, before the value */
	{ "fldSimple", NULL, NULL, OFFICE_EL_ATTR }, /* HYPERLINK "mailto:..." */
	{ "h", NULL, "\n\n", 0 },                   /* text:h */
	{ "hyperlink", NULL, NULL, OFFICE_EL_ATTR }, /* tooltip, display text */
	{ "line-break", "\n", NULL, 0 },           /* text:line-break */
	{ "noBreakHyphen", "-", NULL, 0 },         /* a visible hyphen */
	{ "note-body", "\n\n", "\n\n", 0 },       /* ODF footnote after its citation */
	{ "p", NULL, "\n\n", 0 },                   /* w:p, a:p, text:p */
	{ "row", NULL, "\n", 0 },
	{ "s", " ", NULL, 0 },                     /* text:s, spaces */
	{ "sheet", NULL, NULL, OFFICE_EL_ATTR },   /* xl/workbook.xml sheet@name */
	{ "si", NULL, "\t", 0 },                    /* shared string item */
	{ "tab", "\t", NULL, 0 },                   /* w:tab, text:tab */
	{ "table", NULL, NULL, OFFICE_EL_ATTR },   /* ODS table:table table:name */
	{ "table-cell", NULL, "\t", OFFICE_EL_ODSCELL },
	{ "table-row", NULL, "\n", 0 },
	{ "tc", NULL, "\t", 0 },                    /* w:tc, a:tc */
	{ "tr", NULL, "\n", 0 },                    /* w:tr, a:tr */
	{ "txbxContent", "\n\n", "\n\n", 0 },     /* Word text box inside a run */
	{ "v", NULL, NULL, OFFICE_EL_VALUE },
};

/* Attributes shown to the reader: element, attribute (local names). */
static const struct office_attr {
	const char *element;
	const char *attr;
} office_attrs[] = {
	{ "sheet", "name" },            /* xl/workbook.xml */
	{ "table", "name" },            /* ODS table:table table:name */
	{ "hyperlink", "tooltip" },     /* w:hyperlink, sheet hyperlink */
	{ "hyperlink", "display" },
	{ "a", "href" },                /* ODF text:a, draw:a xlink:href */
	{ "a", "title" },
	{ "fldSimple", "instr" },       /* HYPERLINK "mailto:..." */
	{ "docPr", "descr" },           /* alt text of a picture */
	{ "docPr", "title" },
	{ "cNvPr", "descr" },
	{ "cNvPr", "title" },
	{ NULL, NULL }
};

/* Namespaces whose text flows across elements (strict and transitional). */
static int
office_flow_ns(const char *ns)
{
	if (ns == NULL || *ns == '\0')
		return 1;
	return strstr(ns, "wordprocessingml") != NULL ||
	    strstr(ns, "spreadsheetml") != NULL ||
	    g_str_has_suffix(ns, "/drawingml/2006/main") ||
	    g_str_has_suffix(ns, "/drawingml/main") ||
	    strcmp(ns, "urn:oasis:names:tc:opendocument:xmlns:text:1.0") == 0;
}

static int
office_mark_cmp(const void *key, const void *el)
{
	return strcmp(key, ((const struct office_mark *)el)->local);
}

static const struct office_mark *
office_mark_find(const char *local)
{
	return bsearch(local, office_marks, G_N_ELEMENTS(office_marks),
	    sizeof(office_marks[0]), office_mark_cmp);
}

/*
 * The digits Excel's General format shows for a number written in any
 * notation ("1.705831889E9" -> "1705831889"), when it is an integer of 6
 * to 12 digits; 0 otherwise.
 */
static int
office_number_digits(const char *s, size_t n, char *out, size_t size)
{
	char buf[64], *end;
	double v;

	while (n > 0 && g_ascii_isspace(*s))
		s++, n--;
	while (n > 0 && g_ascii_isspace(s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!g_ascii_isdigit(buf[0]) && buf[0] != '-' && buf[0] != '+' && buf[0] != '.')
		return 0;
	v = g_ascii_strtod(buf, &end);
	if (*end != '\0')
		return 0;
	if (v < 0)
		v = -v;
	/* written so that NaN and infinity fail too */
	if (!(v >= 1e5 && v < 1e12) || (double)(long long)v != v)
		return 0;
	g_snprintf(out, size, "%.0f", v);
	return 1;
}

/* A numeric value: its General-format digits, and zero-padded at 9. */
static void
office_number(GString *out, const char *s, size_t n)
{
	char digits[32];
	size_t dl;

	if (!office_number_digits(s, n, digits, sizeof(digits)))
		return;
	dl = strlen(digits);
	if (dl != n || memcmp(digits, s, n) != 0)
		g_string_append_printf(out, "\n%s\n", digits);
	if (dl == 9)
		g_string_append_printf(out, "\n0%s\n", digits);
}

/* The string and number literals of a formula, joined as it shows them. */
static void
office_formula_literals(GString *out, const char *f, size_t n)
{
	GString *lit = g_string_new(NULL);

	for (size_t i = 0; i < n; i++) {
		if (f[i] == '"') {
			for (i++; i < n; i++) {
				if (f[i] == '"' && i + 1 < n && f[i + 1] == '"')
					g_string_append_c(lit, f[i++]);
				else if (f[i] == '"')
					break;
				else
					g_string_append_c(lit, f[i]);
			}
		} else if (g_ascii_isdigit(f[i]) &&
		    (i == 0 || !g_ascii_isalnum(f[i - 1]))) {
			/* a number literal, not a cell reference like A1 */
			while (i < n && (g_ascii_isdigit(f[i]) || f[i] == '.'))
				g_string_append_c(lit, f[i++]);
			i--;
		}
	}
	if (lit->len > 0)
		g_string_append_printf(out, "\n%s\n", lit->str);
	g_string_free(lit, TRUE);
}

/* State of a spreadsheet cell while it is read. */
struct office_cell {
	int numeric;            /* c@t absent or "n": <v> is a number */
	int shared;             /* c@t "s": <v> is an index into the shared strings */
	int has_v;
	gssize f_start, f_end;  /* the formula's text in out, -1 when none */
	size_t v_start;
};

/* State of one part's reading beyond its cells (ODS tables, the hooks). */
struct office_xml_state {
	struct office_cell cell;
	const struct office_xml_hooks *h;  /* NULL: none */
	GHashTable *hidden_styles;  /* ODS table styles with table:display="false" */
	char *style;            /* the ODS table style being read, or NULL */
	int in_sheet;           /* inside office:spreadsheet */
	unsigned tables;        /* table:table elements open inside it */
	int stopped;            /* a hook failed */
};

static void
office_attrs_text(xmlTextReaderPtr r, const char *local, GString *out)
{
	for (size_t i = 0; office_attrs[i].element != NULL; i++) {
		xmlChar *v;

		if (strcmp(office_attrs[i].element, local) != 0)
			continue;
		v = xmlTextReaderGetAttribute(r, (const xmlChar *)office_attrs[i].attr);
		if (v == NULL) {
			/* namespaced (table:name, xlink:href): any prefix */
			while (xmlTextReaderMoveToNextAttribute(r) == 1) {
				const char *al = (const char *)xmlTextReaderConstLocalName(r);

				if (al != NULL && strcmp(al, office_attrs[i].attr) == 0) {
					v = xmlTextReaderValue(r);
					break;
				}
			}
			xmlTextReaderMoveToElement(r);
		}
		if (v != NULL && *v != '\0')
			g_string_append_printf(out, "\n\n%s\n\n", (const char *)v);
		xmlFree(v);
	}
}

/* ODS table:table-cell office:value="..." */
static void
office_ods_value(xmlTextReaderPtr r, GString *out)
{
	while (xmlTextReaderMoveToNextAttribute(r) == 1) {
		const char *al = (const char *)xmlTextReaderConstLocalName(r);
		const char *v = (const char *)xmlTextReaderConstValue(r);

		if (al != NULL && v != NULL && strcmp(al, "value") == 0)
			office_number(out, v, strlen(v));
	}
	xmlTextReaderMoveToElement(r);
}

static void
office_cell_start(xmlTextReaderPtr r, struct office_cell *c)
{
	xmlChar *t = xmlTextReaderGetAttribute(r, (const xmlChar *)"t");

	c->numeric = t == NULL || strcmp((const char *)t, "n") == 0;
	c->shared = t != NULL && strcmp((const char *)t, "s") == 0;
	c->has_v = 0;
	c->f_start = c->f_end = -1;
	xmlFree(t);
}

/* A namespaced attribute by local name (any prefix), or NULL; xmlFree it. */
static xmlChar *
office_attr_local(xmlTextReaderPtr r, const char *local)
{
	xmlChar *v = NULL;

	while (v == NULL && xmlTextReaderMoveToNextAttribute(r) == 1) {
		const char *al = (const char *)xmlTextReaderConstLocalName(r);

		if (al != NULL && strcmp(al, local) == 0)
			v = xmlTextReaderValue(r);
	}
	xmlTextReaderMoveToElement(r);
	return v;
}

/*
 * ODS: table styles that hide their table, and the top-level tables of a
 * spreadsheet, each handed to the table hook as it starts and ends.
 */
static void
office_ods_start(xmlTextReaderPtr r, const char *local, struct office_xml_state *x,
	GString *out)
{
	xmlChar *v;

	if (strcmp(local, "spreadsheet") == 0) {
		x->in_sheet = 1;
	} else if (strcmp(local, "style") == 0) {
		xmlChar *fam = office_attr_local(r, "family");

		g_free(x->style);
		x->style = NULL;
		if (fam != NULL && strcmp((const char *)fam, "table") == 0 &&
		    (v = office_attr_local(r, "name")) != NULL) {
			x->style = g_strdup((const char *)v);
			xmlFree(v);
		}
		xmlFree(fam);
	} else if (strcmp(local, "table-properties") == 0 && x->style != NULL) {
		v = office_attr_local(r, "display");
		if (v != NULL && strcmp((const char *)v, "false") == 0) {
			if (x->hidden_styles == NULL)
				x->hidden_styles = g_hash_table_new_full(g_str_hash,
				    g_str_equal, g_free, NULL);
			g_hash_table_add(x->hidden_styles, g_strdup(x->style));
		}
		xmlFree(v);
	} else if (strcmp(local, "table") == 0 && x->in_sheet && x->tables++ == 0) {
		xmlChar *name = office_attr_local(r, "name");
		xmlChar *st = office_attr_local(r, "style-name");
		int hidden = st != NULL && x->hidden_styles != NULL &&
		    g_hash_table_contains(x->hidden_styles, st);

		if (x->h->table(x->h->ctx, name != NULL ? (const char *)name : "", hidden,
		    out) != 0)
			x->stopped = 1;
		xmlFree(name);
		xmlFree(st);
	}
}

static void
office_ods_end(const char *local, struct office_xml_state *x, GString *out)
{
	if (strcmp(local, "spreadsheet") == 0)
		x->in_sheet = 0;
	else if (strcmp(local, "table") == 0 && x->in_sheet && x->tables > 0 &&
	    --x->tables == 0 && x->h->table(x->h->ctx, NULL, 0, out) != 0)
		x->stopped = 1;
}

static void
office_element_start(xmlTextReaderPtr r, const char *local,
	const struct office_mark *m, struct office_cell *c, GString *out)
{
	if (m->flags & OFFICE_EL_CELL)
		office_cell_start(r, c);
	else if (m->flags & OFFICE_EL_VALUE) {
		c->has_v = 1;
		c->v_start = out->len;
	} else if (m->flags & OFFICE_EL_FORMULA)
		c->f_start = (gssize)out->len;
	else if (m->flags & OFFICE_EL_ODSCELL)
		office_ods_value(r, out);
	if (m->flags & OFFICE_EL_ATTR)
		office_attrs_text(r, local, out);
	if (m->open != NULL)
		g_string_append(out, m->open);
}

static void
office_element_end(const struct office_mark *m, struct office_xml_state *x, GString *out)
{
	struct office_cell *c = &x->cell;

	if ((m->flags & OFFICE_EL_VALUE) && c->shared && x->h != NULL &&
	    x->h->shared != NULL) {
		/* the index gives way to the string the cell shows */
		char *idx = g_strndup(out->str + c->v_start, out->len - c->v_start);

		g_string_truncate(out, c->v_start);
		x->h->shared(x->h->ctx, idx, out);
		g_free(idx);
	} else if ((m->flags & OFFICE_EL_VALUE) && c->numeric) {
		/* a copy: appending may move out->str */
		char *v = g_strndup(out->str + c->v_start, out->len - c->v_start);

		office_number(out, v, strlen(v));
		g_free(v);
	} else if ((m->flags & OFFICE_EL_FORMULA) && c->f_start >= 0)
		c->f_end = (gssize)out->len;
	else if (m->flags & OFFICE_EL_CELL) {
		if (!c->has_v && c->f_start >= 0 && c->f_end >= c->f_start) {
			char *f = g_strndup(out->str + c->f_start,
			    (gsize)(c->f_end - c->f_start));

			office_formula_literals(out, f, strlen(f));
			g_free(f);
		}
		c->f_start = c->f_end = -1;
	}
	if (m->close != NULL)
		g_string_append(out, m->close);
}

int
office_xml_text(const char *data, size_t len, GString *out)
{
	return office_xml_text_with(data, len, out, NULL);
}

int
office_xml_text_with(const char *data, size_t len, GString *out,
	const struct office_xml_hooks *hooks)
{
	struct office_xml_state x = { { 1, 0, 0, -1, -1, 0 }, hooks, NULL, NULL, 0, 0, 0 };
	xmlTextReaderPtr r;
	int ret = 0, text_last = 0;

	if (len > (size_t)G_MAXINT)
		return -1;
	r = xmlReaderForMemory(data, (int)len, NULL, NULL, OFFICE_XML_OPTIONS);
	if (r == NULL)
		return -1;
	while (!x.stopped && (ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *local = "";
		const struct office_mark *m = NULL;
		const char *value;

		if (type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT) {
			local = (const char *)xmlTextReaderConstLocalName(r);
			m = office_mark_find(local != NULL ? local : "");
		}
		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			if (hooks != NULL && hooks->table != NULL && local != NULL)
				office_ods_start(r, local, &x, out);
			if (m != NULL)
				office_element_start(r, local, m, &x.cell, out);
			text_last = 0;
			if (!xmlTextReaderIsEmptyElement(r))
				break;
			/* an empty element opens and closes at once */
			/* FALLTHROUGH */
		case XML_READER_TYPE_END_ELEMENT:
			if (m != NULL)
				office_element_end(m, &x, out);
			if (hooks != NULL && hooks->table != NULL && local != NULL)
				office_ods_end(local, &x, out);
			/* outside the flow vocabularies an element holding text
			 * ends a paragraph (chart values, properties) */
			if (text_last && !office_flow_ns((const char *)
			    xmlTextReaderConstNamespaceUri(r)))
				g_string_append(out, "\n\n");
			text_last = 0;
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			value = (const char *)xmlTextReaderConstValue(r);
			if (value != NULL && *value != '\0') {
				g_string_append(out, value);
				text_last = type != XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
			}
			break;
		default:
			break;
		}
	}
	xmlFreeTextReader(r);
	g_free(x.style);
	if (x.hidden_styles != NULL)
		g_hash_table_destroy(x.hidden_styles);
	if (x.stopped)
		return -2;
	return ret == 0 ? 0 : -1;
}

int
office_rels_text(const char *data, size_t len, GString *out)
{
	xmlTextReaderPtr r;
	int ret;

	if (len > (size_t)G_MAXINT)
		return -1;
	r = xmlReaderForMemory(data, (int)len, NULL, NULL, OFFICE_XML_OPTIONS);
	if (r == NULL)
		return -1;
	while ((ret = xmlTextReaderRead(r)) == 1) {
		const char *local = (const char *)xmlTextReaderConstLocalName(r);
		xmlChar *mode, *type, *target;

		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    local == NULL || strcmp(local, "Relationship") != 0)
			continue;
		mode = xmlTextReaderGetAttribute(r, (const xmlChar *)"TargetMode");
		type = xmlTextReaderGetAttribute(r, (const xmlChar *)"Type");
		target = xmlTextReaderGetAttribute(r, (const xmlChar *)"Target");
		if (mode != NULL && type != NULL && target != NULL &&
		    g_ascii_strcasecmp((const char *)mode, "External") == 0 &&
		    g_str_has_suffix((const char *)type, "/hyperlink")) {
			char *plain = g_uri_unescape_string((const char *)target, NULL);

			g_string_append_printf(out, "%s\n\n", (const char *)target);
			if (plain != NULL && strcmp(plain, (const char *)target) != 0 &&
			    g_utf8_validate(plain, -1, NULL))
				g_string_append_printf(out, "%s\n\n", plain);
			g_free(plain);
		}
		xmlFree(mode);
		xmlFree(type);
		xmlFree(target);
	}
	xmlFreeTextReader(r);
	return ret == 0 ? 0 : -1;
}
