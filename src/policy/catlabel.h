/*
 * catlabel.h - the words a sender reads for a category of sensitive
 * personal data ("health information", "helbredsoplysninger"), per
 * template language. The refusal and hold texts name the category this
 * way, never the words that matched. Thread safe (constant tables).
 */
#ifndef SEAL_CATLABEL_H
#define SEAL_CATLABEL_H

#include "config.h"
#include "detect.h"

/*
 * The label for a sensitive finding in lang: the category in words for
 * "category:NAME" (an unknown NAME: "sensitive personal data" in lang),
 * the rule's kind ("rule:NAME") for a site rule of class sensitive.
 * Lent: a constant, or f->rule.
 */
const char *seal_catlabel(const seal_finding *f, seal_lang lang);

#endif
