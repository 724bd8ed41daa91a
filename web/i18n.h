/*
 * i18n.h - the console's languages (Danish, Swedish, English).
 *
 * Pages are written in English; every text a page shows goes through
 * web_t, which returns the text in the request's language (req->lang:
 * the officer's choice, else the browser's Accept-Language) or the
 * English itself when no translation exists. The catalogue is compiled
 * in: the console has no files to install beside its binary.
 *
 * Texts are whole sentences; a value inside one is a placeholder {1} or
 * {2} (web_t_append), never a printf conversion, so that a translation
 * may put it where its language wants it and the compiler still checks
 * every format string.
 */
#ifndef SEAL_WEB_I18N_H
#define SEAL_WEB_I18N_H

#include "web.h"

/* The languages of the pages. */
typedef enum web_lang { WEB_LANG_EN = 0, WEB_LANG_DA, WEB_LANG_SV } web_lang;

/* Marks a text kept in a table for the catalogue; web_t translates it where it is shown. */
#define N_(english) (english)

/* english in req's language; never NULL, never to be freed. */
const char *web_t(const web_req *req, const char *english);

/*
 * web_t(req, english) appended to out with {1} and {2} replaced by a1 and
 * a2 (HTML the caller made safe; NULL: left out).
 */
void web_t_append(GString *out, const web_req *req, const char *english, const char *a1,
	const char *a2);

/* The request's language as the library's texts know it (catlabel.h, templates). */
seal_lang web_seal_lang(const web_req *req);

/* "en", "da" or "sv": the lang attribute of <html>. */
const char *web_lang_tag(web_lang lang);

/*
 * The language for an Accept-Language field (RFC 9110: q-values honoured,
 * "da-DK" is da, "nb" and "no" are read as Danish, the nearest language
 * the console has); English when it names none of them or is NULL.
 */
web_lang web_lang_accept(const char *accept_language);

/* The language named "da", "sv" or "en"; -1 for anything else. */
int web_lang_parse(const char *name);

/* The catalogue, for the tests: entry i's English, Danish and Swedish; 0 past the end. */
int web_i18n_entry(size_t i, const char **en, const char **da, const char **sv);

#endif
