/*
 * actions.h - the action codes of the audit log as the console names them.
 *
 * The store keeps codes ("hold", "release-requested", "sign-in"...), and
 * the CSV export and sealctl keep them too; the audit page shows each in
 * the officer's language (web_t of the English label here) with the code
 * beside it, so that an auditor can match a row of the page with a line
 * of the CSV. A code the table does not know is shown as it is.
 */
#ifndef SEAL_WEB_ACTIONS_H
#define SEAL_WEB_ACTIONS_H

#include <stddef.h>

/* The English label of code (for web_t), or NULL when the console does not know it. */
const char *web_action_label(const char *code);

/* Code i of the table (NULL past the end): the audit search's choice of action. */
const char *web_action_code(size_t i);

#endif
