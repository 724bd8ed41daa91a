/*
 * held_notice.c - the refusal notice and the masking of decision texts
 * (held_notice.h).
 */
#include <string.h>
#include <time.h>

#include <gmime/gmime.h>

#include "detect.h"
#include "scan.h"

#include "held_notice.h"

/* Notice texts, per language (seal_lang order: da, sv, en, nb). */
static const char *const notice_subjects[] = {
	"Din e-mail er afvist", "Ditt e-postmeddelande har avvisats", "Your e-mail was refused",
	"E-posten din er avvist"
};
static const char *const notice_subject_labels[] = { "Emne", "Ämne", "Subject", "Emne" };

const char *
seal_decide_time_text(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL || strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		g_strlcpy(buf, "?", size);
	return buf;
}

/* The notice's text (literal formats, so the compiler checks them). */
static char *
notice_body(int lang, const char *rcpts, const char *when, const char *subject,
	const char *reason)
{
	static const char *const reason_labels[] = { "Begrundelse", "Skäl", "Reason",
		"Begrunnelse" };
	static const char *const closings[] = {
		"Meddelelsen er ikke leveret og er slettet.",
		"Meddelandet har inte levererats och har raderats.",
		"The message was not delivered and has been deleted.",
		"Meldingen er ikke levert og er slettet."
	};
	GString *t = g_string_new(NULL);

	switch (lang) {
	case SEAL_LANG_DA:
		g_string_append_printf(t, "Din e-mail til %s (tilbageholdt %s) er blevet afvist af "
		    "en compliance-medarbejder.\n", rcpts, when);
		break;
	case SEAL_LANG_SV:
		g_string_append_printf(t, "Ditt e-postmeddelande till %s (kvarhållet %s) har "
		    "avvisats av en regelefterlevnadsansvarig.\n", rcpts, when);
		break;
	case SEAL_LANG_NB:
		g_string_append_printf(t, "E-posten din til %s (holdt tilbake %s) er avvist av "
		    "en ansvarlig for etterlevelse.\n", rcpts, when);
		break;
	default:
		g_string_append_printf(t, "Your e-mail to %s (held on %s) was refused by a "
		    "compliance officer.\n", rcpts, when);
		break;
	}
	if (subject[0] != '\0')
		g_string_append_printf(t, "%s: %s\n", notice_subject_labels[lang], subject);
	g_string_append_printf(t, "%s: %s\n\n%s\n", reason_labels[lang], reason, closings[lang]);
	return g_string_free(t, FALSE);
}

GString *
seal_held_refuse_notice(const seal_config *cfg, const seal_held *h, const char *reason)
{
	int l = cfg->language < SEAL_LANG_COUNT ? (int)cfg->language : SEAL_LANG_EN;
	GDateTime *dt = g_date_time_new_now_local();
	char *date = g_mime_utils_header_format_date(dt);
	char *msgid = g_mime_utils_generate_message_id(g_get_host_name());
	char *subj = g_mime_utils_header_encode_text(NULL, notice_subjects[l], "utf-8");
	GString *g = g_string_new(NULL);
	char when[32], *rcpts, *text, *orig_subject;
	GString *list = g_string_new(NULL);

	for (guint i = 0; h->rcpts != NULL && i < h->rcpts->len; i++)
		g_string_append_printf(list, "%s%s", i > 0 ? ", " : "",
		    (const char *)g_ptr_array_index(h->rcpts, i));
	rcpts = seal_mask_text_today(list->str);
	g_string_free(list, TRUE);
	orig_subject = seal_mask_text_today(h->subject);
	text = notice_body(l, rcpts, seal_decide_time_text(h->time, when, sizeof(when)),
	    orig_subject, reason);
	g_string_append_printf(g, "From: Mail Delivery System <MAILER-DAEMON@%s>\r\n"
	    "To: <%s>\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\n"
	    "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
	    g_get_host_name(), h->sender, subj, date, msgid);
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '\n')
			g_string_append_c(g, '\r');
		g_string_append_c(g, *p);
	}
	g_free(orig_subject);
	g_free(text);
	g_free(rcpts);
	g_free(subj);
	g_free(msgid);
	g_free(date);
	g_date_time_unref(dt);
	return g;
}
