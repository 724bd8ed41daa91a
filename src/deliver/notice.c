/*
 * notice.c - the messages sealmilter sends itself (notice.h).
 */
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "reqtoken.h"
#include "template.h"

#include "notice.h"

/* Per language (seal_lang order). */
static const char *const dsn_subjects[] = {
	"Ikke leveret til alle modtagere", "Inte levererat till alla mottagare",
	"Not delivered to all recipients", "Ikke levert til alle mottakere"
};
static const char *const hold_subjects[] = {
	"Din e-mail er tilbageholdt til kontrol", "Ditt e-postmeddelande hålls kvar för granskning",
	"Your e-mail is held for review", "E-posten din holdes tilbake for kontroll"
};
static const char *const divert_subjects[] = {
	"Ny meddelelse", "Nytt meddelande", "New message", "Ny melding"
};

static const char *
by_language(const seal_config *cfg, const char *const texts[SEAL_LANG_COUNT])
{
	return texts[cfg->language < SEAL_LANG_COUNT ? cfg->language : SEAL_LANG_EN];
}

static void
append_crlf_text(GString *g, const char *text)
{
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '\n' && (p == text || p[-1] != '\r'))
			g_string_append_c(g, '\r');
		g_string_append_c(g, *p);
	}
	g_string_append(g, "\r\n");
}

/* From, To, Subject, Date, Message-ID, Auto-Submitted, MIME-Version. */
static void
append_head(GString *g, const char *from, const char *to, const char *subject, time_t now)
{
	GDateTime *dt = g_date_time_new_from_unix_local(now);
	char *date = g_mime_utils_header_format_date(dt);
	char *msgid = g_mime_utils_generate_message_id(g_get_host_name());
	char *subj = g_mime_utils_header_encode_text(NULL, subject, "utf-8");

	g_string_append_printf(g, "From: %s\r\nTo: <%s>\r\nSubject: %s\r\nDate: %s\r\n"
	    "Message-ID: <%s>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n",
	    from, to, subj, date, msgid);
	g_free(subj);
	g_free(msgid);
	g_free(date);
	g_date_time_unref(dt);
}

static GString *
text_message(const char *from, const char *to, const char *subject, const char *text,
	time_t now)
{
	GString *g = g_string_new(NULL);

	append_head(g, from, to, subject, now);
	g_string_append(g, "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n");
	append_crlf_text(g, text != NULL ? text : "");
	return g;
}

static char *
mailer_daemon(void)
{
	return g_strdup_printf("Mail Delivery System <MAILER-DAEMON@%s>", g_get_host_name());
}

GString *
seal_notice_dsn(const seal_config *cfg, const seal_decision *d, const char *sender, time_t now)
{
	GString *g = g_string_new(NULL);
	const char *host = g_get_host_name();
	char *from = mailer_daemon();
	char *boundary = g_strdup_printf("=_sealmilter_%lld_%08x", (long long)now,
	    g_random_int());

	append_head(g, from, sender, by_language(cfg, dsn_subjects), now);
	g_string_append_printf(g, "Content-Type: multipart/report; report-type=delivery-status;"
	    "\r\n boundary=\"%s\"\r\n\r\n", boundary);
	g_string_append_printf(g, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n", boundary);
	append_crlf_text(g, d->notice_text != NULL ? d->notice_text : "");
	g_string_append_printf(g, "\r\n--%s\r\nContent-Type: message/delivery-status\r\n\r\n"
	    "Reporting-MTA: dns; %s\r\n", boundary, host);
	for (size_t i = 0; i < d->nrcpts; i++) {
		const seal_rcpt_decision *r = &d->rcpts[i];

		if (r->action != SEAL_ACTION_REFUSE)
			continue;
		g_string_append_printf(g, "\r\nFinal-Recipient: rfc822; %s\r\nAction: failed\r\n"
		    "Status: 5.7.1\r\nDiagnostic-Code: smtp; 550 5.7.1 %s\r\n",
		    r->shown, r->reason);
	}
	g_string_append_printf(g, "\r\n--%s--\r\n", boundary);
	g_free(boundary);
	g_free(from);
	return g;
}

GString *
seal_notice_hold(const seal_config *cfg, const seal_decision *d, const char *sender, time_t now)
{
	char *from = mailer_daemon();
	GString *g = text_message(from, sender, by_language(cfg, hold_subjects), d->hold_text,
	    now);

	g_free(from);
	return g;
}

GString *
seal_notice_divert(const seal_config *cfg, const seal_decision *d, const char *sender,
	const char *recipient, time_t now)
{
	const char *at = sender != NULL ? strrchr(sender, '@') : NULL;
	char *name = g_mime_utils_header_encode_phrase(NULL,
	    cfg->divert_agency != NULL && cfg->divert_agency[0] != '\0'
	    ? cfg->divert_agency : "Secure mail", "utf-8");
	char *from = g_strdup_printf("%s <noreply@%s>", name,
	    at != NULL && at[1] != '\0' ? at + 1 : g_get_host_name());
	GString *g = text_message(from, recipient, by_language(cfg, divert_subjects),
	    d->divert_text, now);

	g_free(from);
	g_free(name);
	return g;
}

seal_status
seal_notice_hold_request(const seal_config *cfg, GString *notice, const char *held_id,
	int64_t expires, seal_err *err)
{
	seal_template_vars vars;
	char token[SEAL_REQTOKEN_MAX], *link, *line;
	size_t base;

	if (cfg->console_url == NULL || cfg->console_url[0] == '\0' || cfg->fp_key == NULL
	    || held_id == NULL || held_id[0] == '\0')
		return SEAL_OK;
	base = strlen(cfg->console_url);
	while (base > 0 && cfg->console_url[base - 1] == '/')
		base--;
	seal_reqtoken_make(cfg->fp_key, held_id, expires, token);
	link = g_strdup_printf("%.*s/request?t=%s", (int)base, cfg->console_url, token);
	memset(&vars, 0, sizeof(vars));
	vars.link = link;
	line = seal_template_render(cfg, SEAL_TEMPLATE_HOLD_REQUEST, &vars, err);
	g_free(link);
	if (line == NULL)
		return SEAL_ERR_CONFIG;
	/* The notice is text/plain, 8bit, ending in CRLF: a paragraph more is one more line. */
	g_string_append(notice, "\r\n");
	append_crlf_text(notice, line);
	g_free(line);
	return SEAL_OK;
}
