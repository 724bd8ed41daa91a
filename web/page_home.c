/*
 * page_home.c - the start page: who is signed in, with which rights, and
 * until when.
 */
#include <time.h>

#include "auth.h"
#include "html.h"

#include "pages.h"

static void
clock_text(GString *out, int64_t t)
{
	char buf[64];
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) != NULL && strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm) > 0)
		g_string_append(out, buf);
}

void
page_home(web_req *req, web_resp *resp)
{
	const web_session *s = &req->session;
	const seal_config *cfg = req->app->cfg;
	GString *b = resp->body;

	web_page_begin(resp, req, "Compliance console");
	g_string_append(b, "<p>Signed in as <strong>");
	web_html_escape(b, s->officer);
	g_string_append_printf(b, "</strong>, role <strong>%s</strong>%s.</p>\n<ul>",
	    seal_officer_role_name(s->role), s->via_proxy ? " (through the sign-on proxy)" : "");
	g_string_append(b, "<li>You may read held messages and the audit log.</li>");
	if (web_auth_may(s->role, WEB_RIGHT_DECIDE))
		g_string_append(b, "<li>You may release, refuse and delete held messages.</li>");
	if (web_auth_may(s->role, WEB_RIGHT_ADMIN))
		g_string_append(b, "<li>You may see the <a href=\"/officers\">accounts</a>.</li>");
	g_string_append(b, "</ul>\n<p>Your session ends after ");
	g_string_append_printf(b, "%u minutes without a request, and at the latest at ",
	    cfg->console_session_idle / 60);
	clock_text(b, s->created + cfg->console_session_max);
	g_string_append(b, ".</p>\n");
	web_page_end(resp);
}
