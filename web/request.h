/*
 * request.h - a request's header fields, query arguments and cookies, as
 * libmicrohttpd parsed them. Borrowed strings, valid during the request.
 */
#ifndef SEAL_WEB_REQUEST_H
#define SEAL_WEB_REQUEST_H

#include "web.h"

const char *web_req_header(const web_req *r, const char *name);
/* A query argument, decoded; NULL when absent, "" when it holds a NUL (%00). */
const char *web_req_query(const web_req *r, const char *name);
const char *web_req_cookie(const web_req *r, const char *name);

/* The cookie names for this server (the TLS forms when tls). */
const char *web_cookie_session_name(const web_app *app);
const char *web_cookie_login_name(const web_app *app);
const char *web_cookie_request_name(const web_app *app);

#endif
