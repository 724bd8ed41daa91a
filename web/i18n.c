/*
 * i18n.c - the console's languages (i18n.h): the catalogue, keyed by the
 * English text, and the choice of language from Accept-Language.
 *
 * Terms: an officer "releases" (da frigiver, sv släpper), "refuses" (da
 * afviser, sv avvisar); a held message is "tilbageholdt" in Danish and
 * "spärrat" (in "karantän") in Swedish, as the hold notices say.
 * tests/t-sealweb-i18n.sh checks that every text the pages pass to web_t
 * is in the table; tests/unit/test_web_i18n.c that every entry has both
 * translations with the same placeholders.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const struct entry {
	const char *en, *da, *sv;
} catalogue[] = {
	{ "(cut after {1} bytes)",
	  "(afkortet efter {1} byte)",
	  "(avkortat efter {1} byte)" },
	{ "(more than {1} parts or {2} levels: not all shown)",
	  "(mere end {1} dele eller {2} niveauer: ikke alt er vist)",
	  "(mer än {1} delar eller {2} nivåer: allt visas inte)" },
	{ "A reason is required: say why, for the audit log.",
	  "En begrundelse er påkrævet: skriv hvorfor, til revisionsloggen.",
	  "Ett skäl krävs: skriv varför, för granskningsloggen." },
	{ "Accounts are added, changed and removed on the server with <code>sealctl "
	  "officer</code>.",
	  "Konti oprettes, ændres og slettes på serveren med <code>sealctl "
	  "officer</code>.",
	  "Konton läggs till, ändras och tas bort på servern med <code>sealctl "
	  "officer</code>." },
	{ "Attachments and other parts",
	  "Vedhæftede filer og andre dele",
	  "Bilagor och andra delar" },
	{ "Back to the list",
	  "Tilbage til listen",
	  "Tillbaka till listan" },
	{ "Bad request",
	  "Ugyldig forespørgsel",
	  "Felaktig begäran" },
	{ "Compliance console",
	  "Compliance-konsol",
	  "Regelefterlevnadskonsol" },
	{ "Conflict",
	  "Konflikt",
	  "Konflikt" },
	{ "Decided by",
	  "Afgjort af",
	  "Beslutat av" },
	{ "Decision",
	  "Afgørelse",
	  "Beslut" },
	{ "Decision recorded",
	  "Afgørelsen er registreret",
	  "Beslutet är registrerat" },
	{ "Delete",
	  "Slet",
	  "Radera" },
	{ "Delete this message? Nobody is told.",
	  "Slet denne meddelelse? Ingen får besked.",
	  "Radera detta meddelande? Ingen får besked." },
	{ "Do not write identity numbers here; they are masked.",
	  "Skriv ikke personnumre her; de bliver maskeret.",
	  "Skriv inte personnummer här; de maskeras." },
	{ "Error",
	  "Fejl",
	  "Fel" },
	{ "Findings (where)",
	  "Fund (hvor)",
	  "Fynd (var)" },
	{ "Forbidden",
	  "Ikke tilladt",
	  "Förbjudet" },
	{ "Give your name and password.",
	  "Angiv dit navn og din adgangskode.",
	  "Ange ditt namn och ditt lösenord." },
	{ "Gone",
	  "Ikke længere tilgængelig",
	  "Finns inte längre" },
	{ "Header fields",
	  "Brevhoved",
	  "Brevhuvud" },
	{ "Header fields (unmasked)",
	  "Brevhoved (umaskeret)",
	  "Brevhuvud (omaskerat)" },
	{ "Held",
	  "Tilbageholdt",
	  "Spärrat" },
	{ "Held message",
	  "Tilbageholdt meddelelse",
	  "Meddelande i karantän" },
	{ "Held message (unmasked)",
	  "Tilbageholdt meddelelse (umaskeret)",
	  "Meddelande i karantän (omaskerat)" },
	{ "Held messages",
	  "Tilbageholdte meddelelser",
	  "Meddelanden i karantän" },
	{ "If it should be sent, say why below. A compliance officer reads your "
	  "reason and decides; you will be told.",
	  "Hvis den bør sendes, så skriv hvorfor nedenfor. En compliance-medarbejder "
	  "læser din begrundelse og træffer afgørelsen; du får besked.",
	  "Om det bör skickas, skriv varför nedan. En regelefterlevnadsansvarig läser "
	  "ditt skäl och beslutar; du får besked." },
	{ "Internal error",
	  "Intern fejl",
	  "Internt fel" },
	{ "Listed only: the console never opens them in the browser.",
	  "Kun opført: konsollen åbner dem aldrig i browseren.",
	  "Endast listade: konsolen öppnar dem aldrig i webbläsaren." },
	{ "Language",
	  "Sprog",
	  "Språk" },
	{ "the browser's",
	  "browserens",
	  "webbläsarens" },
	{ "Method not allowed",
	  "Metoden er ikke tilladt",
	  "Metoden är inte tillåten" },
	{ "Name",
	  "Navn",
	  "Namn" },
	{ "No randomness for the sign-in form; try again.",
	  "Ingen tilfældighed til login-formularen; prøv igen.",
	  "Ingen slumpmässighet för inloggningsformuläret; försök igen." },
	{ "None.",
	  "Ingen.",
	  "Inga." },
	{ "Not found",
	  "Ikke fundet",
	  "Hittades inte" },
	{ "Officer's reason",
	  "Medarbejderens begrundelse",
	  "Handläggarens skäl" },
	{ "Officers",
	  "Medarbejdere",
	  "Handläggare" },
	{ "Part",
	  "Del",
	  "Del" },
	{ "Password",
	  "Adgangskode",
	  "Lösenord" },
	{ "Queue ID",
	  "Kø-ID",
	  "Kö-ID" },
	{ "Reason",
	  "Begrundelse",
	  "Skäl" },
	{ "Reason held",
	  "Grund til tilbageholdelse",
	  "Skäl till spärr" },
	{ "Reason to delete",
	  "Begrundelse for sletning",
	  "Skäl att radera" },
	{ "Reason to refuse",
	  "Begrundelse for afvisning",
	  "Skäl att avvisa" },
	{ "Reason to release",
	  "Begrundelse for frigivelse",
	  "Skäl att släppa" },
	{ "Recipients",
	  "Modtagere",
	  "Mottagare" },
	{ "Refuse",
	  "Afvis",
	  "Avvisa" },
	{ "Refuse this message? The sender is told, with your reason.",
	  "Afvis denne meddelelse? Afsenderen får besked med din begrundelse.",
	  "Avvisa detta meddelande? Avsändaren får besked med ditt skäl." },
	{ "Release",
	  "Frigiv",
	  "Släpp" },
	{ "Release needs {1} different officers; approved so far by {2}.",
	  "Frigivelse kræver {1} forskellige medarbejdere; godkendt indtil nu af {2}.",
	  "Att släppa kräver {1} olika handläggare; godkänt hittills av {2}." },
	{ "Release this message to its recipients?",
	  "Frigiv denne meddelelse til modtagerne?",
	  "Släpp detta meddelande till mottagarna?" },
	{ "Request for release",
	  "Anmodning om frigivelse",
	  "Begäran om att släppa" },
	{ "Request sent",
	  "Anmodningen er sendt",
	  "Begäran är skickad" },
	{ "Request too large",
	  "Forespørgslen er for stor",
	  "Begäran är för stor" },
	{ "Role",
	  "Rolle",
	  "Roll" },
	{ "SMTP AUTH user",
	  "SMTP AUTH-bruger",
	  "SMTP AUTH-användare" },
	{ "Seeing the identity numbers is processing personal data: it is recorded in "
	  "the audit log with your name and reason.",
	  "At se personnumrene er behandling af personoplysninger: det registreres i "
	  "revisionsloggen med dit navn og din begrundelse.",
	  "Att se personnumren är behandling av personuppgifter: det registreras i "
	  "granskningsloggen med ditt namn och skäl." },
	{ "Send the request",
	  "Send anmodningen",
	  "Skicka begäran" },
	{ "Sender",
	  "Afsender",
	  "Avsändare" },
	{ "Service unavailable",
	  "Tjenesten er ikke tilgængelig",
	  "Tjänsten är inte tillgänglig" },
	{ "Show unmasked",
	  "Vis umaskeret",
	  "Visa omaskerat" },
	{ "Sign in",
	  "Log ind",
	  "Logga in" },
	{ "Sign out",
	  "Log ud",
	  "Logga ut" },
	{ "Signed in as <strong>{1}</strong>, role <strong>{2}</strong> (through the "
	  "sign-on proxy).",
	  "Logget ind som <strong>{1}</strong>, rolle <strong>{2}</strong> (via "
	  "single sign-on-proxyen).",
	  "Inloggad som <strong>{1}</strong>, roll <strong>{2}</strong> (via "
	  "inloggningsproxyn)." },
	{ "Signed in as <strong>{1}</strong>, role <strong>{2}</strong>.",
	  "Logget ind som <strong>{1}</strong>, rolle <strong>{2}</strong>.",
	  "Inloggad som <strong>{1}</strong>, roll <strong>{2}</strong>." },
	{ "Signing in is not possible right now (the audit log cannot be written). "
	  "Try again later or tell the administrator.",
	  "Det er ikke muligt at logge ind lige nu (revisionsloggen kan ikke "
	  "skrives). Prøv igen senere, eller kontakt administratoren.",
	  "Det går inte att logga in just nu (granskningsloggen kan inte skrivas). "
	  "Försök igen senare eller kontakta administratören." },
	{ "Size",
	  "Størrelse",
	  "Storlek" },
	{ "State",
	  "Tilstand",
	  "Status" },
	{ "Subject",
	  "Emne",
	  "Ämne" },
	{ "Text (part {1}, identity numbers masked)",
	  "Tekst (del {1}, personnumre maskeret)",
	  "Text (del {1}, personnummer maskerade)" },
	{ "Text (part {1}, unmasked)",
	  "Tekst (del {1}, umaskeret)",
	  "Text (del {1}, omaskerad)" },
	{ "The approvals cannot be read now.",
	  "Godkendelserne kan ikke læses lige nu.",
	  "Godkännandena kan inte läsas just nu." },
	{ "The audit record of this view cannot be written, so the content is not "
	  "shown.",
	  "Revisionsposten for denne visning kan ikke skrives, så indholdet vises "
	  "ikke.",
	  "Granskningsposten för denna visning kan inte skrivas, så innehållet visas "
	  "inte." },
	{ "The content is no longer stored.",
	  "Indholdet er ikke længere gemt.",
	  "Innehållet är inte längre sparat." },
	{ "The form could not be read.",
	  "Formularen kunne ikke læses.",
	  "Formuläret kunde inte läsas." },
	{ "The form did not come from this console (its token is missing or wrong). "
	  "Reload the page and try again.",
	  "Formularen kom ikke fra denne konsol (dens token mangler eller er "
	  "forkert). Genindlæs siden, og prøv igen.",
	  "Formuläret kom inte från denna konsol (dess token saknas eller är fel). "
	  "Ladda om sidan och försök igen." },
	{ "The form expired or did not come from this page. Write your reason again.",
	  "Formularen er udløbet eller kom ikke fra denne side. Skriv din begrundelse "
	  "igen.",
	  "Formuläret har gått ut eller kom inte från denna sida. Skriv ditt skäl "
	  "igen." },
	{ "The form is too large.",
	  "Formularen er for stor.",
	  "Formuläret är för stort." },
	{ "The form named no decision.",
	  "Formularen angav ingen afgørelse.",
	  "Formuläret angav inget beslut." },
	{ "The message",
	  "Meddelelsen",
	  "Meddelandet" },
	{ "The message has no plain text part.",
	  "Meddelelsen har ingen ren tekst-del.",
	  "Meddelandet har ingen ren textdel." },
	{ "The message is no longer held for review: it has been decided on already.",
	  "Meddelelsen er ikke længere tilbageholdt til kontrol: der er allerede "
	  "truffet afgørelse.",
	  "Meddelandet är inte längre spärrat för granskning: beslut har redan "
	  "fattats." },
	{ "The message is no longer held.",
	  "Meddelelsen er ikke længere tilbageholdt.",
	  "Meddelandet är inte längre spärrat." },
	{ "The release of this message has been requested already. A message can be "
	  "asked for once; a compliance officer will decide.",
	  "Der er allerede anmodet om frigivelse af denne meddelelse. Der kan kun "
	  "anmodes én gang; en compliance-medarbejder træffer afgørelsen.",
	  "Det har redan begärts att detta meddelande ska släppas. Det kan bara "
	  "begäras en gång; en regelefterlevnadsansvarig beslutar." },
	{ "The sender asks for release",
	  "Afsenderen anmoder om frigivelse",
	  "Avsändaren begär att meddelandet släpps" },
	{ "The sender's request for release cannot be read now.",
	  "Afsenderens anmodning om frigivelse kan ikke læses lige nu.",
	  "Avsändarens begäran om att släppa kan inte läsas just nu." },
	{ "The service does not answer; try again shortly.",
	  "Tjenesten svarer ikke; prøv igen om lidt.",
	  "Tjänsten svarar inte; försök igen om en stund." },
	{ "The sign-in form expired or did not come from this console. Sign in again.",
	  "Login-formularen er udløbet eller kom ikke fra denne konsol. Log ind igen.",
	  "Inloggningsformuläret har gått ut eller kom inte från denna konsol. Logga "
	  "in igen." },
	{ "The sign-on proxy named no account of this console.",
	  "Single sign-on-proxyen angav ingen konto i denne konsol.",
	  "Inloggningsproxyn angav inget konto i denna konsol." },
	{ "The store does not answer; try again shortly.",
	  "Databasen svarer ikke; prøv igen om lidt.",
	  "Databasen svarar inte; försök igen om en stund." },
	{ "The stored message is not a parseable message.",
	  "Den gemte meddelelse kan ikke læses som en e-mail.",
	  "Det sparade meddelandet kan inte läsas som ett e-postmeddelande." },
	{ "There is no held message with that ID.",
	  "Der er ingen tilbageholdt meddelelse med det ID.",
	  "Det finns inget spärrat meddelande med det ID:t." },
	{ "There is no such page.",
	  "Siden findes ikke.",
	  "Sidan finns inte." },
	{ "This link has expired: the message is no longer kept for review.",
	  "Linket er udløbet: meddelelsen opbevares ikke længere til kontrol.",
	  "Länken har gått ut: meddelandet sparas inte längre för granskning." },
	{ "This link is not valid. Use the link in the notice exactly as it came.",
	  "Linket er ikke gyldigt. Brug linket i meddelelsen præcis som det kom.",
	  "Länken är inte giltig. Använd länken i meddelandet exakt som den kom." },
	{ "This page does not take that method.",
	  "Siden tager ikke imod den metode.",
	  "Sidan tar inte emot den metoden." },
	{ "Too many attempts",
	  "For mange forsøg",
	  "För många försök" },
	{ "Too many attempts from this address. Wait a while and try again.",
	  "For mange forsøg fra denne adresse. Vent lidt, og prøv igen.",
	  "För många försök från denna adress. Vänta en stund och försök igen." },
	{ "Too many failed sign-ins from this address or for this account. Wait a "
	  "while and try again.",
	  "For mange mislykkede login fra denne adresse eller til denne konto. Vent "
	  "lidt, og prøv igen.",
	  "För många misslyckade inloggningar från denna adress eller för detta "
	  "konto. Vänta en stund och försök igen." },
	{ "Type",
	  "Type",
	  "Typ" },
	{ "Unmasked content",
	  "Umaskeret indhold",
	  "Omaskerat innehåll" },
	{ "Why should the message be sent?",
	  "Hvorfor bør meddelelsen sendes?",
	  "Varför bör meddelandet skickas?" },
	{ "Write why the message should be sent (at most 1000 characters).",
	  "Skriv hvorfor meddelelsen bør sendes (højst 1000 tegn).",
	  "Skriv varför meddelandet bör skickas (högst 1000 tecken)." },
	{ "Wrong name or password.",
	  "Forkert navn eller adgangskode.",
	  "Fel namn eller lösenord." },
	{ "You are not signed in (or your session has ended).",
	  "Du er ikke logget ind (eller din session er udløbet).",
	  "Du är inte inloggad (eller din session har gått ut)." },
	{ "You asked to see this message unmasked; it is recorded in the audit log.",
	  "Du bad om at se denne meddelelse umaskeret; det er registreret i "
	  "revisionsloggen.",
	  "Du bad att få se detta meddelande omaskerat; det är registrerat i "
	  "granskningsloggen." },
	{ "You may read held messages and the audit log.",
	  "Du må læse tilbageholdte meddelelser og revisionsloggen.",
	  "Du får läsa spärrade meddelanden och granskningsloggen." },
	{ "You may release, refuse and delete held messages.",
	  "Du må frigive, afvise og slette tilbageholdte meddelelser.",
	  "Du får släppa, avvisa och radera spärrade meddelanden." },
	{ "You may see the <a href=\"/officers\">accounts</a>.",
	  "Du må se <a href=\"/officers\">kontiene</a>.",
	  "Du får se <a href=\"/officers\">kontona</a>." },
	{ "Your message of {1} to {2} recipient is held for review.",
	  "Din e-mail af {1} til {2} modtager er tilbageholdt til kontrol.",
	  "Ditt meddelande från {1} till {2} mottagare är spärrat för granskning." },
	{ "Your message of {1} to {2} recipients is held for review.",
	  "Din e-mail af {1} til {2} modtagere er tilbageholdt til kontrol.",
	  "Ditt meddelande från {1} till {2} mottagare är spärrat för granskning." },
	{ "Your request was sent. A compliance officer will read it and release or "
	  "refuse the message; you will be told.",
	  "Din anmodning er sendt. En compliance-medarbejder læser den og frigiver "
	  "eller afviser meddelelsen; du får besked.",
	  "Din begäran är skickad. En regelefterlevnadsansvarig läser den och släpper "
	  "eller avvisar meddelandet; du får besked." },
	{ "Your role does not allow this.",
	  "Din rolle tillader ikke dette.",
	  "Din roll tillåter inte detta." },
	{ "Your role reads; it does not decide.",
	  "Din rolle kan læse, men ikke træffe afgørelser.",
	  "Din roll kan läsa men inte besluta." },
	{ "Your session ends after {1} minutes without a request, and at the latest "
	  "at {2}.",
	  "Din session slutter efter {1} minutter uden aktivitet og senest kl. {2}.",
	  "Din session avslutas efter {1} minuter utan aktivitet och senast {2}." },
	{ "Your session has ended. Sign in again.",
	  "Din session er udløbet. Log ind igen.",
	  "Din session har gått ut. Logga in igen." },
	{ "active",
	  "aktiv",
	  "aktiv" },
	{ "locked",
	  "spærret",
	  "låst" },
	{ "nobody",
	  "ingen",
	  "ingen" },
	{ "release approved ({1} of {2}); another officer must release it.",
	  "frigivelse godkendt ({1} af {2}); en anden medarbejder skal frigive den.",
	  "släpp godkänt ({1} av {2}); en annan handläggare måste släppa det." },
	{ "{1} bytes",
	  "{1} byte",
	  "{1} byte" },
	{ "{1} deleted.",
	  "{1} er slettet.",
	  "{1} är raderat." },
	{ "{1} on {2}",
	  "{1} på {2}",
	  "{1} på {2}" },
	{ "{1} refused; notice to the sender: {2}.",
	  "{1} er afvist; besked til afsenderen: {2}.",
	  "{1} är avvisat; besked till avsändaren: {2}." },
	{ "{1} released to {2} recipient.",
	  "{1} er frigivet til {2} modtager.",
	  "{1} är släppt till {2} mottagare." },
	{ "{1} released to {2} recipients.",
	  "{1} er frigivet til {2} modtagere.",
	  "{1} är släppt till {2} mottagare." },
	{ "officer",
	  "medarbejder",
	  "handläggare" },
	{ "auditor",
	  "revisor",
	  "granskare" },
	{ "admin",
	  "administrator",
	  "administratör" },
	{ "held",
	  "tilbageholdt",
	  "spärrat" },
	{ "releasing",
	  "frigives",
	  "släpps" },
	{ "released",
	  "frigivet",
	  "släppt" },
	{ "refused",
	  "afvist",
	  "avvisat" },
	{ "deleted",
	  "slettet",
	  "raderat" },
	{ "sent",
	  "sendt",
	  "skickat" },
	{ "failed",
	  "mislykkedes",
	  "misslyckades" },
	{ "none (null sender)",
	  "ingen (tom afsender)",
	  "ingen (tom avsändare)" },
	{ "none",
	  "ingen",
	  "ingen" },
};

static int
by_english(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->en, ((const struct entry *)b)->en);
}

/* The table sorted by the English once, for bsearch. */
static const struct entry *
sorted(void)
{
	static struct entry copy[G_N_ELEMENTS(catalogue)];
	static gsize done;

	if (g_once_init_enter(&done)) {
		memcpy(copy, catalogue, sizeof(catalogue));
		qsort(copy, G_N_ELEMENTS(copy), sizeof(copy[0]), by_english);
		g_once_init_leave(&done, 1);
	}
	return copy;
}

const char *
web_t(const web_req *req, const char *english)
{
	const struct entry key = { english, NULL, NULL }, *e;

	if (english == NULL)
		return "";
	if (req == NULL || req->lang == WEB_LANG_EN)
		return english;
	e = bsearch(&key, sorted(), G_N_ELEMENTS(catalogue), sizeof(key), by_english);
	if (e == NULL)
		return english;
	return req->lang == WEB_LANG_DA ? e->da : e->sv;
}

void
web_t_append(GString *out, const web_req *req, const char *english, const char *a1,
	const char *a2)
{
	const char *p = web_t(req, english), *brace;

	while ((brace = strchr(p, '{')) != NULL) {
		g_string_append_len(out, p, brace - p);
		if ((brace[1] == '1' || brace[1] == '2') && brace[2] == '}') {
			const char *v = brace[1] == '1' ? a1 : a2;

			g_string_append(out, v != NULL ? v : "");
			p = brace + 3;
		} else {
			g_string_append_c(out, '{');
			p = brace + 1;
		}
	}
	g_string_append(out, p);
}

seal_lang
web_seal_lang(const web_req *req)
{
	if (req == NULL)
		return SEAL_LANG_EN;
	return req->lang == WEB_LANG_DA ? SEAL_LANG_DA : req->lang == WEB_LANG_SV ? SEAL_LANG_SV
	    : SEAL_LANG_EN;
}

const char *
web_lang_tag(web_lang lang)
{
	return lang == WEB_LANG_DA ? "da" : lang == WEB_LANG_SV ? "sv" : "en";
}

int
web_lang_parse(const char *name)
{
	if (name == NULL)
		return -1;
	if (g_ascii_strcasecmp(name, "da") == 0)
		return WEB_LANG_DA;
	if (g_ascii_strcasecmp(name, "sv") == 0)
		return WEB_LANG_SV;
	if (g_ascii_strcasecmp(name, "en") == 0)
		return WEB_LANG_EN;
	return -1;
}

/* The language of one range ("da", "da-DK", "sv-FI", "*"), or -1. */
static int
range_lang(const char *range, size_t len)
{
	char primary[9];
	size_t n = 0;

	while (n < len && n < sizeof(primary) - 1 && range[n] != '-')
		primary[n] = range[n], n++;
	primary[n] = '\0';
	/* Norwegian readers read Danish more easily than English. */
	if (g_ascii_strcasecmp(primary, "nb") == 0 || g_ascii_strcasecmp(primary, "no") == 0
	    || g_ascii_strcasecmp(primary, "nn") == 0)
		return WEB_LANG_DA;
	return web_lang_parse(primary);
}

/* The q-value of a parameter list ";q=0.5"; 1000 for none, -1 when malformed. */
static int
qvalue(const char *params)
{
	const char *q = params;
	int v = 1000, scale = 100;

	while (*q == ' ' || *q == '\t' || *q == ';')
		q++;
	if (*q == '\0')
		return 1000;
	if ((q[0] != 'q' && q[0] != 'Q') || q[1] != '=')
		return 1000;     /* another parameter: ignored */
	q += 2;
	if (*q != '0' && *q != '1')
		return -1;
	v = (*q - '0') * 1000;
	if (*++q == '.')
		for (q++; g_ascii_isdigit(*q) && scale > 0; q++, scale /= 10)
			v += (*q - '0') * scale;
	return v > 1000 ? 1000 : v;
}

web_lang
web_lang_accept(const char *accept_language)
{
	char **items;
	int best = WEB_LANG_EN, best_q = 0;

	if (accept_language == NULL || strlen(accept_language) > 1024)
		return WEB_LANG_EN;
	items = g_strsplit(accept_language, ",", 64);
	for (guint i = 0; items[i] != NULL; i++) {
		char *item = g_strstrip(items[i]), *semi = strchr(item, ';');
		size_t len = semi != NULL ? (size_t)(semi - item) : strlen(item);
		int lang, q;

		while (len > 0 && (item[len - 1] == ' ' || item[len - 1] == '\t'))
			len--;
		lang = range_lang(item, len);
		q = semi != NULL ? qvalue(semi) : 1000;
		/* The first of equal q-values wins: the browser lists them by preference. */
		if (lang >= 0 && q > best_q) {
			best = lang;
			best_q = q;
		}
	}
	g_strfreev(items);
	return (web_lang)best;
}

int
web_i18n_entry(size_t i, const char **en, const char **da, const char **sv)
{
	if (i >= G_N_ELEMENTS(catalogue))
		return 0;
	*en = catalogue[i].en;
	*da = catalogue[i].da;
	*sv = catalogue[i].sv;
	return 1;
}
