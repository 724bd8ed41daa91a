/*
 * template.h - texts for people: the refusal and "could not be checked"
 * texts shown to the caseworker, in da, sv, en or nb.
 *
 * Built-in texts are compiled in; refusal_template_dir/<lang>/<name>.txt
 * overrides them. Placeholders: ${findings}, ${recipients}, ${reason},
 * ${service}, ${agency}, ${link}.
 * Thread safe.
 */
#ifndef SEAL_TEMPLATE_H
#define SEAL_TEMPLATE_H

#include <stddef.h>

#include "config.h"
#include "err.h"

typedef struct seal_template_vars {
	const char *findings;    /* "CPR 170583-XXXX (body)", already masked */
	const char *recipients;  /* "a@example.com, b@example.org" */
	const char *reason;      /* why the message could not be checked */
	const char *service;     /* divert_service: the secure mailbox's name */
	const char *agency;      /* divert_agency */
	const char *link;        /* the sender's release-request link (hold-request) */
} seal_template_vars;

/* Template names. */
#define SEAL_TEMPLATE_REFUSE      "refuse"
#define SEAL_TEMPLATE_UNSCANNABLE "unscannable"
#define SEAL_TEMPLATE_PARTIAL     "partial"   /* notice to the sender: some recipients refused */
#define SEAL_TEMPLATE_DIVERT      "divert"    /* notice to a recipient: a message in the secure mailbox */
#define SEAL_TEMPLATE_HOLD        "hold"      /* notice to the sender: held for review */
/* The line added to the hold notice when console_url is set: ${link} to ask for release. */
#define SEAL_TEMPLATE_HOLD_REQUEST "hold-request"
/* The refusal and the partial notice for sensitive mail (a category of
   special personal data, or a sensitive site rule): they name the category,
   not identity numbers. */
#define SEAL_TEMPLATE_REFUSE_SENSITIVE  "refuse-sensitive"
#define SEAL_TEMPLATE_PARTIAL_SENSITIVE "partial-sensitive"

/*
 * Renders template name in cfg->language: UTF-8 text, lines separated by
 * '\n'. Caller frees (g_free). NULL with err set when the file exists but
 * cannot be read or has an unknown placeholder.
 */
char *seal_template_render(const seal_config *cfg, const char *name,
	const seal_template_vars *vars, seal_err *err);

/*
 * Text -> SMTP reply lines: printable ASCII only (æ->ae, ø->oe, å->aa,
 * ä->ae, ö->oe, ü->ue, é->e, others '?'), no CR/LF/TAB, words wrapped at
 * width, at most max_lines lines (the last one ends with "..." when cut).
 * Returns a NULL-terminated vector (g_strfreev).
 */
char **seal_template_reply_lines(const char *text, size_t width, size_t max_lines);

#endif
