/*
 * domain.c - domain lists and matching (domain.h).
 *
 * Entries are kept in their normal form (IDN A-label by UTS #46
 * non-transitional as Postfix with ICU converts it, lower case, no
 * trailing dot) in a hash set, so a lookup walks up the labels of the
 * looked-up domain ("a.b.kommune.dk", "b.kommune.dk", "kommune.dk", "dk")
 * and costs O(labels), however long the list. Address entries are stored as
 * "local@domain"; the local part is compared case-insensitively too: RFC
 * 5321 lets a server treat it case-sensitively, but no mail system our users
 * send to does, and a near miss here would only make a recipient untrusted.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <idn2.h>

#include "domain.h"

/* RFC 1035 limits. */
#define SEAL_DOMAIN_MAX   253
#define SEAL_LABEL_MAX    63
/* RFC 5321 4.5.3.1.1. */
#define SEAL_LOCAL_MAX    64

struct seal_domain_list {
	GHashTable *set;    /* normalised entry -> same string (owned by order) */
	GPtrArray *order;   /* entries in the order added, for printing */
};

seal_domain_list *
seal_domain_list_new(void)
{
	seal_domain_list *l = g_new0(seal_domain_list, 1);

	l->set = g_hash_table_new(g_str_hash, g_str_equal);
	l->order = g_ptr_array_new_with_free_func(g_free);
	return l;
}

seal_domain_list *
seal_domain_list_free(seal_domain_list *l)
{
	if (l == NULL)
		return NULL;
	g_hash_table_destroy(l->set);
	g_ptr_array_free(l->order, TRUE);
	g_free(l);
	return NULL;
}

size_t
seal_domain_list_count(const seal_domain_list *l)
{
	return l != NULL ? l->order->len : 0;
}

const char *
seal_domain_list_entry(const seal_domain_list *l, size_t i)
{
	if (l == NULL || i >= l->order->len)
		return NULL;
	return g_ptr_array_index(l->order, i);
}

/*
 * Host-name syntax after IDN conversion: letters, digits and inner hyphens,
 * labels of 1..63, a non-numeric last label (so IP addresses and address
 * literals never pass as domains).
 */
static int
valid_ascii_domain(const char *d)
{
	size_t len = strlen(d), label = 0, i;
	const char *last;

	if (len == 0 || len > SEAL_DOMAIN_MAX)
		return 0;
	for (i = 0; i <= len; i++) {
		char c = d[i];

		if (c == '.' || c == '\0') {
			if (label == 0 || label > SEAL_LABEL_MAX
			    || d[i - 1] == '-' || d[i - label] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (!g_ascii_isalnum(c) && c != '-')
			return 0;
		label++;
	}
	last = strrchr(d, '.');
	last = last != NULL ? last + 1 : d;
	for (; *last != '\0'; last++)
		if (!g_ascii_isdigit(*last))
			return 1;
	return 0;
}

/*
 * label of input (already NFC and lower case) against the same label of
 * the conversion: an A-label given must come back as it was (libidn2
 * checked it), a U-label must be what the A-label decodes to. Anything
 * else is a mapping beyond case and NFC (a joiner deleted, full-width
 * letters, a dotless variant): the MTA may route it elsewhere.
 */
static int
label_kept(const char *given, const char *ascii, const char *unicode)
{
	if (g_ascii_strncasecmp(given, "xn--", 4) == 0)
		return strcmp(given, ascii) == 0;
	return strcmp(given, unicode) == 0;
}

/* 1 when every label of folded converts to ascii by case and NFC folding alone. */
static int
only_folded(const char *folded, const char *ascii)
{
	char *unicode = NULL, **g = NULL, **a = NULL, **u = NULL;
	int ok = 0;

	if (idn2_to_unicode_8z8z(ascii, &unicode, 0) != IDN2_OK)
		goto out;
	g = g_strsplit(folded, ".", -1);
	a = g_strsplit(ascii, ".", -1);
	u = g_strsplit(unicode, ".", -1);
	if (g_strv_length(g) != g_strv_length(a) || g_strv_length(a) != g_strv_length(u))
		goto out;
	ok = 1;
	for (guint i = 0; ok && g[i] != NULL; i++)
		ok = label_kept(g[i], a[i], u[i]);
out:
	g_strfreev(g);
	g_strfreev(a);
	g_strfreev(u);
	idn2_free(unicode);
	return ok;
}

/*
 * The A-label form Postfix (SMTPUTF8, ICU) routes to: UTS #46
 * non-transitional processing by libidn2, which keeps ß, ς, ZWJ and ZWNJ
 * where IDNA2003 (and GLib's g_hostname_to_ascii) deleted or mapped them.
 * A domain whose labels change by more than case and NFC folding, or that
 * does not convert, gives NULL: it can never match a list entry, so it is
 * untrusted (issue 15 item 8).
 */
static char *
idna_ascii(const char *domain)
{
	char *lower = g_utf8_strdown(domain, -1);
	char *folded = g_utf8_normalize(lower, -1, G_NORMALIZE_NFC);
	char *ascii = NULL, *out = NULL;

	if (folded != NULL && idn2_to_ascii_8z(folded, &ascii,
	    IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) == IDN2_OK
	    && only_folded(folded, ascii))
		out = g_ascii_strdown(ascii, -1);
	idn2_free(ascii);
	g_free(folded);
	g_free(lower);
	return out;
}

/*
 * Letters, digits and hyphens in labels that neither start nor end with a
 * hyphen nor hold "--" at positions 3-4 (no A-label, no reserved form):
 * UTS #46 maps such a domain to its lower case and nothing else, so the
 * IDNA conversion, which costs more than the rest of a recipient's
 * classification, is skipped for the domains nearly all mail goes to.
 */
static int
plain_ascii_domain(const char *d)
{
	size_t label = 0;

	for (const char *p = d;; p++) {
		if (*p == '.' || *p == '\0') {
			if (label == 0 || p[-1] == '-')
				return 0;
			if (label >= 4 && p[-(ptrdiff_t)label + 2] == '-' &&
			    p[-(ptrdiff_t)label + 3] == '-')
				return 0;
			if (*p == '\0')
				return 1;
			label = 0;
			continue;
		}
		if (!g_ascii_isalnum(*p) && !(*p == '-' && label > 0))
			return 0;
		label++;
	}
}

char *
seal_domain_normalize(const char *domain)
{
	char *copy, *lower;
	size_t len;

	if (domain == NULL)
		return NULL;
	len = strlen(domain);
	if (len == 0 || len > 4 * SEAL_DOMAIN_MAX || !g_utf8_validate(domain, -1, NULL))
		return NULL;
	copy = g_strndup(domain, len);
	if (copy[len - 1] == '.')
		copy[len - 1] = '\0';
	if (copy[0] == '\0')
		lower = NULL;
	else if (plain_ascii_domain(copy))
		lower = g_ascii_strdown(copy, -1);
	else
		lower = idna_ascii(copy);
	g_free(copy);
	if (lower == NULL)
		return NULL;
	if (!valid_ascii_domain(lower)) {
		g_free(lower);
		return NULL;
	}
	return lower;
}

/*
 * Strips white space and one pair of angle brackets, and a source route
 * ("@hop1,@hop2:user@dom", RFC 5321 4.1.2), which names relays, not the
 * mailbox. Returns a new string ("" when unreadable).
 */
static char *
bare_address(const char *address)
{
	char *s = g_strstrip(g_strdup(address));
	size_t len = strlen(s);
	char *colon;

	if (len >= 2 && s[0] == '<' && s[len - 1] == '>') {
		memmove(s, s + 1, len - 2);
		s[len - 2] = '\0';
		g_strstrip(s);
	} else if (len > 0 && (s[0] == '<' || s[len - 1] == '>')) {
		/* Unbalanced: not an address we can read, so it matches nothing. */
		s[0] = '\0';
	}
	if (s[0] == '@' && (colon = strchr(s, ':')) != NULL)
		memmove(s, colon + 1, strlen(colon + 1) + 1);
	return s;
}

char *
seal_address_domain(const char *address)
{
	char *s, *at, *d;

	if (address == NULL)
		return NULL;
	s = bare_address(address);
	at = strrchr(s, '@');
	d = at != NULL ? g_strdup(at + 1) : NULL;
	g_free(s);
	return d;
}

/* A local part we can compare: not empty, no white space or control bytes. */
static int
valid_local(const char *local, size_t len)
{
	size_t i;

	if (len == 0 || len > SEAL_LOCAL_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)local[i];

		if (c <= ' ' || c == 0x7f || c == '<' || c == '>')
			return 0;
	}
	return 1;
}

/* "Local@Dom.DK." -> "local@dom.dk"; NULL when either part is invalid. */
static char *
normalize_address(const char *bare)
{
	const char *at = strrchr(bare, '@');
	char *dom, *local, *out;

	if (at == NULL || !valid_local(bare, (size_t)(at - bare)))
		return NULL;
	dom = seal_domain_normalize(at + 1);
	if (dom == NULL)
		return NULL;
	local = g_ascii_strdown(bare, at - bare);
	out = g_strconcat(local, "@", dom, NULL);
	g_free(local);
	g_free(dom);
	return out;
}

seal_status
seal_domain_list_add(seal_domain_list *l, const char *entry, seal_err *err)
{
	const char *e = entry;
	char *norm;

	if (l == NULL || entry == NULL)
		return seal_err_set(err, SEAL_ERR_USAGE, "no list or entry");
	/* ".dom" and "*.dom" read naturally as "dom and below": accept both. */
	if (strchr(e, '@') == NULL) {
		if (e[0] == '*' && e[1] == '.')
			e += 2;
		else if (e[0] == '.')
			e += 1;
		norm = seal_domain_normalize(e);
	} else {
		norm = normalize_address(entry);
	}
	if (norm == NULL)
		return seal_err_set(err, SEAL_ERR_CONFIG,
		    "\"%.200s\" is not a valid domain or address", entry);
	if (g_hash_table_contains(l->set, norm)) {
		g_free(norm);
		return SEAL_OK;
	}
	g_ptr_array_add(l->order, norm);
	g_hash_table_add(l->set, norm);
	return SEAL_OK;
}

/* norm is normalised: try it and each parent domain. */
static int
match_normalized(const seal_domain_list *l, const char *norm)
{
	const char *p = norm;

	while (p != NULL) {
		if (g_hash_table_contains(l->set, p))
			return 1;
		p = strchr(p, '.');
		if (p != NULL)
			p++;
	}
	return 0;
}

int
seal_domain_list_match_domain(const seal_domain_list *l, const char *domain)
{
	char *norm;
	int m;

	if (l == NULL || l->order->len == 0)
		return 0;
	norm = seal_domain_normalize(domain);
	if (norm == NULL)
		return 0;
	m = match_normalized(l, norm);
	g_free(norm);
	return m;
}

int
seal_domain_list_match_address(const seal_domain_list *l, const char *address)
{
	char *bare, *dom, *local, *addr;
	const char *at;
	int m = 0;

	if (l == NULL || address == NULL || l->order->len == 0)
		return 0;
	bare = bare_address(address);
	at = strrchr(bare, '@');
	/*
	 * The domain decides even when the local part is odd (quoted, with
	 * spaces): only the exact-address check needs a local part.
	 */
	dom = at != NULL ? seal_domain_normalize(at + 1) : NULL;
	if (dom != NULL && at > bare) {
		local = g_ascii_strdown(bare, at - bare);
		addr = g_strconcat(local, "@", dom, NULL);
		m = g_hash_table_contains(l->set, addr);
		g_free(addr);
		g_free(local);
	}
	if (!m && dom != NULL)
		m = match_normalized(l, dom);
	g_free(dom);
	g_free(bare);
	return m;
}

/*
 * Routing syntax in the local part: '%' (the "percent hack"), '!' (a UUCP
 * bang path) or an '@' inside it (only possible quoted). Postfix, with
 * allow_percent_hack, swap_bangpath and resolve_dequoted_address on by
 * default, turns "user%remote@local", "remote!user@local" and
 * "\"user@remote\"@local" into user@remote whenever "local" is one of its
 * own domains (mydestination, which by default includes
 * localhost.$mydomain): the domain after the last '@' does not say where
 * such an address goes.
 */
int
seal_address_has_routing(const char *address)
{
	char *bare, *at;
	int routed;

	if (address == NULL)
		return 0;
	bare = bare_address(address);
	at = strrchr(bare, '@');
	if (at != NULL)
		*at = '\0';
	routed = strpbrk(bare, "%!@") != NULL;
	g_free(bare);
	return routed;
}
