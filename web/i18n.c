/*
 * i18n.c - the console's languages (i18n.h).
 *
 * The catalogue starts empty: every page is English until translations
 * are added below, so a text without one is shown in English rather than
 * missing.
 */
#include "i18n.h"

const char *
web_t(const web_req *req, const char *english)
{
	(void)req;
	return english;
}
