/*
 * page_officers.c - the accounts (admin only). Read-only: accounts are
 * changed with `sealctl officer` on the server, so that the console cannot
 * be used to make itself an administrator.
 */
#include "app.h"
#include "html.h"
#include "i18n.h"

#include "pages.h"

void
page_officers(web_req *req, web_resp *resp)
{
	GPtrArray *list = web_app_officer_list(req->app);
	GString *b = resp->body;

	web_page_begin(resp, req, web_t(req, "Officers"));
	g_string_append_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s"
	    "</th></tr></thead><tbody>\n", web_t(req, "Name"), web_t(req, "Role"),
	    web_t(req, "State"), web_t(req, "Language"));
	for (guint i = 0; i < list->len; i++) {
		const seal_officer *e = g_ptr_array_index(list, i);

		g_string_append(b, "<tr><td>");
		web_html_escape(b, e->name);
		g_string_append_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		    web_t(req, seal_officer_role_name(e->role)),
		    web_t(req, e->hash[0] == '\0' ? "active" : "locked"),
		    e->lang[0] != '\0' ? e->lang : web_t(req, "the browser's"));
	}
	g_string_append_printf(b, "</tbody></table>\n<p>%s</p>\n", web_t(req, "Accounts are "
	    "added, changed and removed on the server with <code>sealctl officer</code>."));
	web_page_end(resp);
	g_ptr_array_unref(list);
}
