/*
 * page_home.c - the start page: who is signed in, with which rights, and
 * until when.
 */
#include <time.h>

#include "auth.h"
#include "html.h"
#include "i18n.h"

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

	GString *who = g_string_new(NULL), *until = g_string_new(NULL);
	char minutes[16];

	web_page_begin(resp, req, web_t(req, "Compliance console"));
	web_html_escape(who, s->officer);
	g_string_append(b, "<p>");
	web_t_append(b, req, s->via_proxy ? "Signed in as <strong>{1}</strong>, role "
	    "<strong>{2}</strong> (through the sign-on proxy)." : "Signed in as <strong>{1}"
	    "</strong>, role <strong>{2}</strong>.", who->str,
	    web_t(req, seal_officer_role_name(s->role)));
	g_string_append_printf(b, "</p>\n<ul><li>%s</li>",
	    web_t(req, "You may read held messages and the audit log."));
	if (web_auth_may(s->role, WEB_RIGHT_DECIDE))
		g_string_append_printf(b, "<li>%s</li>",
		    web_t(req, "You may release, refuse and delete held messages."));
	if (web_auth_may(s->role, WEB_RIGHT_ADMIN)) {
		g_string_append(b, "<li>");
		web_t_append(b, req, "You may see the <a href=\"/officers\">accounts</a>.", NULL,
		    NULL);
		g_string_append(b, "</li>");
	}
	g_string_append(b, "</ul>\n<p>");
	g_snprintf(minutes, sizeof(minutes), "%u", cfg->console_session_idle / 60);
	clock_text(until, s->created + cfg->console_session_max);
	web_t_append(b, req, "Your session ends after {1} minutes without a request, and at the "
	    "latest at {2}.", minutes, until->str);
	g_string_append(b, "</p>\n");
	g_string_free(who, TRUE);
	g_string_free(until, TRUE);
	web_page_end(resp);
}
