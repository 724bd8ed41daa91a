/*
 * pages.h - one function per route (server.c routes to them). The server
 * has already checked what the route needs: a session, the role's right,
 * and for a POST with a session its CSRF token; the sign-in form checks
 * its own (double-submit) token.
 */
#ifndef SEAL_WEB_PAGES_H
#define SEAL_WEB_PAGES_H

#include "web.h"

void page_login_form(web_req *req, web_resp *resp);    /* GET /login (page_login.c) */
void page_login(web_req *req, web_resp *resp);         /* POST /login */
void page_logout(web_req *req, web_resp *resp);        /* POST /logout */
void page_home(web_req *req, web_resp *resp);          /* GET / (page_home.c) */
void page_officers(web_req *req, web_resp *resp);      /* GET /officers (page_officers.c) */

void page_quarantine(web_req *req, web_resp *resp);    /* GET /quarantine (page_quarantine.c) */
void page_message(web_req *req, web_resp *resp);       /* GET /quarantine/message (page_message.c) */
void page_unmasked(web_req *req, web_resp *resp);      /* POST /quarantine/unmasked */
void page_decide(web_req *req, web_resp *resp);        /* POST /quarantine/decide (page_decide.c) */

/* The sender's request for release: no session, the link's token is the right. */
void page_request_form(web_req *req, web_resp *resp);  /* GET /request (page_request.c) */
void page_request(web_req *req, web_resp *resp);       /* POST /request */

/* The audit log, the overview and the monitoring counters (every role reads them). */
void page_audit_form(web_req *req, web_resp *resp);    /* GET /audit (page_audit.c) */
void page_audit(web_req *req, web_resp *resp);         /* POST /audit: search, CSV */
void page_audit_verify(web_req *req, web_resp *resp);  /* GET /audit/verify */
void page_overview(web_req *req, web_resp *resp);      /* GET /overview (page_overview.c) */
/* GET /metrics (page_metrics.c): a session, or an address in metrics_allow; else 403. */
void page_metrics(web_req *req, web_resp *resp);

#endif
