/*
 * i18n.h - the console's languages (Danish, Swedish, English).
 *
 * Pages are written in English; every text a page shows goes through
 * web_t, which returns the text in the request's language (req->lang:
 * the officer's choice, else the browser's Accept-Language) or the
 * English itself when no translation exists. The catalogue is compiled
 * in: the console has no files to install beside its binary.
 */
#ifndef SEAL_WEB_I18N_H
#define SEAL_WEB_I18N_H

#include "web.h"

/* english in req's language; never NULL, never to be freed. */
const char *web_t(const web_req *req, const char *english);

#endif
