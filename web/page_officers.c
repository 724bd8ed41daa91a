/*
 * page_officers.c - the accounts (admin only). Read-only: accounts are
 * changed with `sealctl officer` on the server, so that the console cannot
 * be used to make itself an administrator.
 */
#include "app.h"
#include "html.h"

#include "pages.h"

void
page_officers(web_req *req, web_resp *resp)
{
	GPtrArray *list = web_app_officer_list(req->app);
	GString *b = resp->body;

	web_page_begin(resp, req, "Officers");
	g_string_append(b, "<table><thead><tr><th>Name</th><th>Role</th><th>State</th></tr>"
	    "</thead><tbody>\n");
	for (guint i = 0; i < list->len; i++) {
		const seal_officer *e = g_ptr_array_index(list, i);

		g_string_append(b, "<tr><td>");
		web_html_escape(b, e->name);
		g_string_append_printf(b, "</td><td>%s</td><td>%s</td></tr>\n",
		    seal_officer_role_name(e->role), e->hash[0] == '\0' ? "active" : "locked");
	}
	g_string_append(b, "</tbody></table>\n<p>Accounts are added, changed and removed on "
	    "the server with <code>sealctl officer</code>.</p>\n");
	web_page_end(resp);
	g_ptr_array_unref(list);
}
