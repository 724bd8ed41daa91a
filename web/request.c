/*
 * request.c - reading a request through libmicrohttpd (request.h).
 */
#include <string.h>

#include <microhttpd.h>

#include "request.h"

const char *
web_req_header(const web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
web_req_query(const web_req *r, const char *name)
{
	const char *value = NULL;
	size_t size = 0;

	if (MHD_lookup_connection_value_n(r->conn, MHD_GET_ARGUMENT_KIND, name, strlen(name),
	    &value, &size) != MHD_YES || value == NULL)
		return NULL;
	/* "days=30%00x" must not read as "30": a NUL inside makes the value empty */
	return strlen(value) == size ? value : "";
}

const char *
web_req_cookie(const web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *
web_cookie_session_name(const web_app *app)
{
	return app->tls ? WEB_COOKIE_SESSION_TLS : WEB_COOKIE_SESSION;
}

const char *
web_cookie_login_name(const web_app *app)
{
	return app->tls ? WEB_COOKIE_LOGIN_TLS : WEB_COOKIE_LOGIN;
}

const char *
web_cookie_request_name(const web_app *app)
{
	return app->tls ? WEB_COOKIE_REQUEST_TLS : WEB_COOKIE_REQUEST;
}
