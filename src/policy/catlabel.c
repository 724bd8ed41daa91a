/*
 * catlabel.c - category labels (catlabel.h). The terms follow each
 * country's wording of GDPR article 9 and 10 (Danish databeskyttelses-
 * forordningen, Swedish dataskyddsförordningen, Norwegian personopplysnings-
 * loven) so a caseworker recognises the category the law names.
 */
#include <string.h>

#include "catlabel.h"

typedef struct catlabel {
	const char *name;                       /* after "category:" */
	const char *text[SEAL_LANG_COUNT];      /* seal_lang order: da, sv, en, nb */
} catlabel;

static const catlabel labels[] = {
	{ "health", { "helbredsoplysninger", "hälsouppgifter", "health information",
	  "helseopplysninger" } },
	{ "substance", { "oplysninger om misbrug", "uppgifter om missbruk",
	  "information about substance abuse", "opplysninger om rusmiddelbruk" } },
	{ "social", { "oplysninger om sociale forhold", "uppgifter om sociala förhållanden",
	  "information about social circumstances", "opplysninger om sosiale forhold" } },
	{ "criminal", { "oplysninger om strafbare forhold", "uppgifter om lagöverträdelser",
	  "information about criminal offences", "opplysninger om straffbare forhold" } },
	{ "ethnicity", { "oplysninger om etnisk oprindelse", "uppgifter om etniskt ursprung",
	  "information about ethnic origin", "opplysninger om etnisk opprinnelse" } },
	{ "religion", { "oplysninger om religiøs overbevisning",
	  "uppgifter om religiös övertygelse", "information about religious beliefs",
	  "opplysninger om religiøs oppfatning" } },
	{ "political", { "oplysninger om politisk overbevisning",
	  "uppgifter om politiska åsikter", "information about political opinions",
	  "opplysninger om politisk oppfatning" } },
	{ "union", { "oplysninger om fagforeningsmæssigt tilhørsforhold",
	  "uppgifter om medlemskap i fackförening", "information about trade union membership",
	  "opplysninger om fagforeningsmedlemskap" } },
	{ "sexual", { "oplysninger om seksuelle forhold",
	  "uppgifter om sexualliv eller sexuell läggning",
	  "information about sex life or sexual orientation",
	  "opplysninger om seksuelle forhold" } },
	/* the last row: a category this table does not know */
	{ NULL, { "følsomme personoplysninger", "känsliga personuppgifter",
	  "sensitive personal data", "sensitive personopplysninger" } },
};

const char *
seal_catlabel(const seal_finding *f, seal_lang lang)
{
	size_t i;

	if ((int)lang < 0 || lang >= SEAL_LANG_COUNT)
		lang = SEAL_LANG_EN;
	if (f->kind == SEAL_KIND_RULE)
		return f->rule;
	for (i = 0; labels[i].name != NULL; i++)
		if (strncmp(f->rule, "category:", 9) == 0 && strcmp(f->rule + 9, labels[i].name) == 0)
			break;
	return labels[i].text[lang];
}
