/*
 * template.c - the texts shown to the caseworker (template.h): built-in
 * refusal and "could not be checked" texts in Danish, Swedish, English and
 * Norwegian bokmål (those for identity numbers and those for sensitive
 * personal data),
 * overridable per language from refusal_template_dir, and their conversion
 * into SMTP reply lines.
 *
 * The texts say what was found, which recipients are the problem, and what
 * to do instead: a refusal that only says "no" sends people to the helpdesk
 * or to their private mail account. conf/templates/ holds the same texts as
 * files (a unit test keeps them equal).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "template.h"

/* An override larger than this is not a short reply text. */
#define SEAL_TEMPLATE_MAX ((size_t)16 * 1024)

/*
 * [language][0 refuse, 1 unscannable, 2 partial, 3 divert, 4 hold,
 * 5 refuse-sensitive, 6 partial-sensitive, 7 hold-request (the line
 * with the sender's release-request link)]. The -sensitive texts are for
 * mail that is sensitive by category: they speak of sensitive personal
 * data, and ${findings} names the category in words (catlabel.h), since
 * "identity numbers" would be wrong for a letter that holds none.
 */
static const char *const builtin[SEAL_LANG_COUNT][8] = {
	[SEAL_LANG_DA] = {
		"Din e-mail er ikke sendt, fordi den indeholder personnumre: ${findings}.\n"
		"Disse modtagere er ikke på et sikkert domæne, og der findes ingen nøgle til at "
		"kryptere til dem: ${recipients}.\n"
		"Personnumre må ikke sendes til dem med almindelig e-mail.\n"
		"Send i stedet med sikker mail, via Digital Post eller som brev.\n"
		"Kontakt IT-afdelingen, hvis du mener, at det er en fejl.",
		"Din e-mail kunne ikke kontrolleres for personnumre (${reason}) og er "
		"derfor ikke sendt til modtagere uden for organisationen: ${recipients}.\n"
		"Send i stedet med sikker mail, via Digital Post eller som brev.\n"
		"Kontakt IT-afdelingen, hvis du mener, at det er en fejl.",
		"Din e-mail er sendt til de øvrige modtagere, men ikke til: ${recipients}.\n"
		"Den indeholder personnumre (${findings}); modtagerne er ikke på et sikkert "
		"domæne, og der findes ingen nøgle til at kryptere til dem.\n"
		"Send til dem med sikker mail, via Digital Post eller som brev.\n"
		"Kontakt IT-afdelingen, hvis du mener, at det er en fejl.",
		"Du har fået en meddelelse i din indbakke hos ${service} fra ${agency}.\n"
		"Log ind hos ${service} for at læse den.",
		"Din e-mail er tilbageholdt til kontrol (${findings}), fordi den ikke kunne "
		"sendes sikkert til: ${recipients}.\n"
		"En medarbejder gennemgår den og frigiver eller afviser den; du får besked.\n"
		"Kontakt IT-afdelingen, hvis du har spørgsmål.",
		"Din e-mail er ikke sendt, fordi den indeholder følsomme personoplysninger: "
		"${findings}.\n"
		"Disse modtagere er ikke på et sikkert domæne, og der findes ingen nøgle til at "
		"kryptere til dem: ${recipients}.\n"
		"Følsomme personoplysninger må ikke sendes til dem med almindelig e-mail.\n"
		"Send i stedet med sikker mail, via Digital Post eller som brev.\n"
		"Kontakt IT-afdelingen, hvis du mener, at det er en fejl.",
		"Din e-mail er sendt til de øvrige modtagere, men ikke til: ${recipients}.\n"
		"Den indeholder følsomme personoplysninger (${findings}); modtagerne er ikke på "
		"et sikkert domæne, og der findes ingen nøgle til at kryptere til dem.\n"
		"Send til dem med sikker mail, via Digital Post eller som brev.\n"
		"Kontakt IT-afdelingen, hvis du mener, at det er en fejl.",
		"Vil du bede om, at den frigives, kan du skrive hvorfor her "
		"(linket gælder kun denne e-mail): ${link}",
	},
	[SEAL_LANG_SV] = {
		"Ditt e-postmeddelande har inte skickats eftersom det innehåller "
		"personnummer: ${findings}.\n"
		"Dessa mottagare tillhör inte en säker domän och det finns ingen nyckel för att "
		"kryptera till dem: ${recipients}.\n"
		"Personnummer får inte skickas till dem med vanlig e-post.\n"
		"Skicka i stället med säker e-post, via en säker meddelandetjänst eller med brev.\n"
		"Kontakta IT-avdelningen om du anser att detta är fel.",
		"Ditt e-postmeddelande kunde inte kontrolleras för personnummer (${reason}) "
		"och har därför inte skickats till mottagare utanför organisationen: "
		"${recipients}.\n"
		"Skicka i stället med säker e-post, via en säker meddelandetjänst eller med brev.\n"
		"Kontakta IT-avdelningen om du anser att detta är fel.",
		"Ditt e-postmeddelande har skickats till övriga mottagare, men inte till: "
		"${recipients}.\n"
		"Det innehåller personnummer (${findings}); mottagarna tillhör inte en säker "
		"domän och det finns ingen nyckel för att kryptera till dem.\n"
		"Skicka till dem med säker e-post, via en säker meddelandetjänst eller med brev.\n"
		"Kontakta IT-avdelningen om du anser att detta är fel.",
		"Du har fått ett meddelande i din inkorg hos ${service} från ${agency}.\n"
		"Logga in hos ${service} för att läsa det.",
		"Ditt e-postmeddelande hålls kvar för granskning (${findings}) eftersom det "
		"inte kunde skickas säkert till: ${recipients}.\n"
		"En handläggare granskar det och släpper eller avvisar det; du får besked.\n"
		"Kontakta IT-avdelningen om du har frågor.",
		"Ditt e-postmeddelande har inte skickats eftersom det innehåller känsliga "
		"personuppgifter: ${findings}.\n"
		"Dessa mottagare tillhör inte en säker domän och det finns ingen nyckel för att "
		"kryptera till dem: ${recipients}.\n"
		"Sådana uppgifter får inte skickas med vanlig e-post.\n"
		"Skicka i stället med säker e-post, via en säker meddelandetjänst eller med brev.\n"
		"Kontakta IT-avdelningen om du anser att detta är fel.",
		"Ditt e-postmeddelande har skickats till övriga mottagare, men inte till: "
		"${recipients}.\n"
		"Det innehåller känsliga personuppgifter (${findings}); mottagarna tillhör inte "
		"en säker domän och det finns ingen nyckel för att kryptera till dem.\n"
		"Skicka till dem med säker e-post, via en säker meddelandetjänst eller med brev.\n"
		"Kontakta IT-avdelningen om du anser att detta är fel.",
		"Vill du begära att det släpps kan du skriva varför här "
		"(länken gäller bara detta meddelande): ${link}",
	},
	[SEAL_LANG_EN] = {
		"Your e-mail was not sent because it contains identity numbers: ${findings}.\n"
		"These recipients are not on a secure domain and have no key to encrypt to: "
		"${recipients}.\n"
		"Identity numbers may not be sent to them by ordinary e-mail.\n"
		"Send it instead by secure mail, through Digital Post (DK) or a secure "
		"message service (SE), or by letter.\n"
		"Contact the IT department if you think this is wrong.",
		"Your e-mail could not be checked for identity numbers (${reason}), so it "
		"was not sent to recipients outside the organisation: ${recipients}.\n"
		"Send it instead by secure mail, through Digital Post (DK) or a secure "
		"message service (SE), or by letter.\n"
		"Contact the IT department if you think this is wrong.",
		"Your e-mail was sent to the other recipients, but not to: ${recipients}.\n"
		"It contains identity numbers (${findings}); these recipients are not on a "
		"secure domain and have no key to encrypt to.\n"
		"Send it to them by secure mail, through Digital Post (DK) or a secure "
		"message service (SE), or by letter.\n"
		"Contact the IT department if you think this is wrong.",
		"You have a message in your inbox at ${service} from ${agency}.\n"
		"Sign in at ${service} to read it.",
		"Your e-mail is held for review (${findings}) because it could not be sent "
		"securely to: ${recipients}.\n"
		"A compliance officer will release or refuse it; you will be told.\n"
		"Contact the IT department if you have questions.",
		"Your e-mail was not sent because it contains sensitive personal data: "
		"${findings}.\n"
		"These recipients are not on a secure domain and have no key to encrypt to: "
		"${recipients}.\n"
		"Sensitive personal data may not be sent to them by ordinary e-mail.\n"
		"Send it instead by secure mail, through Digital Post (DK) or a secure "
		"message service (SE), or by letter.\n"
		"Contact the IT department if you think this is wrong.",
		"Your e-mail was sent to the other recipients, but not to: ${recipients}.\n"
		"It contains sensitive personal data (${findings}); these recipients are not "
		"on a secure domain and have no key to encrypt to.\n"
		"Send it to them by secure mail, through Digital Post (DK) or a secure "
		"message service (SE), or by letter.\n"
		"Contact the IT department if you think this is wrong.",
		"To ask for its release, say why here (the link is for this e-mail only): ${link}",
	},
	[SEAL_LANG_NB] = {
		"E-posten din er ikke sendt fordi den inneholder personopplysninger som må beskyttes: ${findings}.\n"
		"Disse mottakerne er ikke på et sikkert domene, og det finnes ingen nøkkel for å kryptere til dem: ${recipients}.\n"
		"Slike opplysninger kan ikke sendes til dem med vanlig e-post.\n"
		"Send i stedet med sikker e-post, via digital postkasse eller som brev.\n"
		"Kontakt IT-avdelingen hvis du mener at dette er feil.",
		"E-posten din kunne ikke kontrolleres for personopplysninger (${reason}) og er derfor ikke sendt til mottakere utenfor organisasjonen: ${recipients}.\n"
		"Send i stedet med sikker e-post, via digital postkasse eller som brev.\n"
		"Kontakt IT-avdelingen hvis du mener at dette er feil.",
		"E-posten din er sendt til de øvrige mottakerne, men ikke til: ${recipients}.\n"
		"Den inneholder personopplysninger som må beskyttes (${findings}); mottakerne er ikke på et sikkert domene, og det finnes ingen nøkkel for å kryptere til dem.\n"
		"Send til dem med sikker e-post, via digital postkasse eller som brev.\n"
		"Kontakt IT-avdelingen hvis du mener at dette er feil.",
		"Du har fått en melding i innboksen din hos ${service} fra ${agency}.\n"
		"Logg inn hos ${service} for å lese den.",
		"E-posten din holdes tilbake for kontroll (${findings}) fordi den ikke kunne sendes sikkert til: ${recipients}.\n"
		"En saksbehandler går gjennom den og frigir eller avviser den; du får beskjed.\n"
		"Kontakt IT-avdelingen hvis du har spørsmål.",
		"E-posten din er ikke sendt fordi den inneholder sensitive personopplysninger: "
		"${findings}.\n"
		"Disse mottakerne er ikke på et sikkert domene, og det finnes ingen nøkkel for å "
		"kryptere til dem: ${recipients}.\n"
		"Sensitive personopplysninger kan ikke sendes til dem med vanlig e-post.\n"
		"Send i stedet med sikker e-post, via digital postkasse eller som brev.\n"
		"Kontakt IT-avdelingen hvis du mener at dette er feil.",
		"E-posten din er sendt til de øvrige mottakerne, men ikke til: ${recipients}.\n"
		"Den inneholder sensitive personopplysninger (${findings}); mottakerne er ikke på "
		"et sikkert domene, og det finnes ingen nøkkel for å kryptere til dem.\n"
		"Send til dem med sikker e-post, via digital postkasse eller som brev.\n"
		"Kontakt IT-avdelingen hvis du mener at dette er feil.",
		"Vil du be om at den slippes, kan du skrive hvorfor her "
		"(lenken gjelder bare denne e-posten): ${link}",
	},
};

/*
 * The override file, or NULL with *missing set when there is none (the
 * built-in text applies) or with err set when it cannot be used.
 */
static char *
read_override(const char *path, int *missing, seal_err *err)
{
	char chunk[4096];
	struct stat st;
	GString *s;
	ssize_t n;
	int fd;

	*missing = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && errno == ENOENT) {
		*missing = 1;
		return NULL;
	}
	if (fd < 0) {
		seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0, "cannot open: %s",
		    g_strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0, "not a regular file");
		return NULL;
	}
	s = g_string_new(NULL);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || s->len + (size_t)n > SEAL_TEMPLATE_MAX) {
			if (n < 0)
				seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0,
				    "cannot read: %s", g_strerror(errno));
			else
				seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0,
				    "larger than %zu bytes", SEAL_TEMPLATE_MAX);
			close(fd);
			g_string_free(s, TRUE);
			return NULL;
		}
		g_string_append_len(s, chunk, n);
	}
	close(fd);
	if (memchr(s->str, '\0', s->len) != NULL || !g_utf8_validate(s->str, s->len, NULL)) {
		seal_err_set_at(err, SEAL_ERR_CONFIG, path, 0, "not valid UTF-8 text");
		g_string_free(s, TRUE);
		return NULL;
	}
	/* Editors add a final newline; the built-in texts have none. */
	while (s->len > 0 && g_ascii_isspace(s->str[s->len - 1]))
		g_string_truncate(s, s->len - 1);
	return g_string_free(s, FALSE);
}

/* The value of placeholder name[0..len), or NULL when unknown. */
static const char *
lookup(const seal_template_vars *vars, const char *name, size_t len)
{
	static const seal_template_vars none = { NULL, NULL, NULL, NULL, NULL, NULL };

	if (vars == NULL)
		vars = &none;
	if (len == 8 && memcmp(name, "findings", 8) == 0)
		return vars->findings != NULL ? vars->findings : "";
	if (len == 10 && memcmp(name, "recipients", 10) == 0)
		return vars->recipients != NULL ? vars->recipients : "";
	if (len == 6 && memcmp(name, "reason", 6) == 0)
		return vars->reason != NULL ? vars->reason : "";
	if (len == 7 && memcmp(name, "service", 7) == 0)
		return vars->service != NULL ? vars->service : "";
	if (len == 6 && memcmp(name, "agency", 6) == 0)
		return vars->agency != NULL ? vars->agency : "";
	if (len == 4 && memcmp(name, "link", 4) == 0)
		return vars->link != NULL ? vars->link : "";
	return NULL;
}

/* Replaces ${...}; an unknown or unterminated placeholder is an error. */
static char *
substitute(const char *text, const seal_template_vars *vars, const char *origin,
	seal_err *err)
{
	GString *out = g_string_sized_new(strlen(text) + 256);
	const char *p = text, *open, *close, *val;
	unsigned line = 1;

	while ((open = strstr(p, "${")) != NULL) {
		for (; p < open; p++) {
			line += *p == '\n';
			g_string_append_c(out, *p);
		}
		close = strchr(open + 2, '}');
		val = close != NULL ? lookup(vars, open + 2, (size_t)(close - open - 2)) : NULL;
		if (val == NULL) {
			if (close == NULL || memchr(open, '\n', (size_t)(close - open)) != NULL)
				seal_err_set_at(err, SEAL_ERR_CONFIG, origin, line,
				    "unterminated placeholder \"${\"");
			else
				seal_err_set_at(err, SEAL_ERR_CONFIG, origin, line,
				    "unknown placeholder ${%.*s}",
				    (int)MIN(close - open - 2, 40), open + 2);
			g_string_free(out, TRUE);
			return NULL;
		}
		g_string_append(out, val);
		p = close + 1;
	}
	g_string_append(out, p);
	return g_string_free(out, FALSE);
}

char *
seal_template_render(const seal_config *cfg, const char *name,
	const seal_template_vars *vars, seal_err *err)
{
	int which, lang, missing = 0;
	char *file = NULL, *path, *text = NULL, *out;

	if (cfg == NULL || name == NULL) {
		seal_err_set(err, SEAL_ERR_USAGE, "no configuration or template name");
		return NULL;
	}
	if (strcmp(name, SEAL_TEMPLATE_REFUSE) == 0)
		which = 0;
	else if (strcmp(name, SEAL_TEMPLATE_UNSCANNABLE) == 0)
		which = 1;
	else if (strcmp(name, SEAL_TEMPLATE_PARTIAL) == 0)
		which = 2;
	else if (strcmp(name, SEAL_TEMPLATE_DIVERT) == 0)
		which = 3;
	else if (strcmp(name, SEAL_TEMPLATE_HOLD) == 0)
		which = 4;
	else if (strcmp(name, SEAL_TEMPLATE_REFUSE_SENSITIVE) == 0)
		which = 5;
	else if (strcmp(name, SEAL_TEMPLATE_PARTIAL_SENSITIVE) == 0)
		which = 6;
	else if (strcmp(name, SEAL_TEMPLATE_HOLD_REQUEST) == 0)
		which = 7;
	else {
		seal_err_set(err, SEAL_ERR_USAGE, "no template named \"%.40s\"", name);
		return NULL;
	}
	lang = (int)cfg->language;
	if (lang < SEAL_LANG_DA || lang >= SEAL_LANG_COUNT)
		lang = SEAL_LANG_DA;
	if (cfg->refusal_template_dir != NULL && cfg->refusal_template_dir[0] != '\0') {
		file = g_strconcat(name, ".txt", NULL);
		path = g_build_filename(cfg->refusal_template_dir,
		    seal_lang_name((seal_lang)lang), file, NULL);
		g_free(file);
		text = read_override(path, &missing, err);
		if (text == NULL && !missing) {
			g_free(path);
			return NULL;
		}
		file = path;
	}
	out = substitute(text != NULL ? text : builtin[lang][which], vars,
	    text != NULL ? file : "(built-in)", err);
	g_free(text);
	g_free(file);
	return out;
}

/* ---------------------------------------------------------------- reply lines */

static const struct {
	gunichar c;
	const char *ascii;
} translit[] = {
	{ 0x00e6, "ae" }, { 0x00f8, "oe" }, { 0x00e5, "aa" },
	{ 0x00c6, "Ae" }, { 0x00d8, "Oe" }, { 0x00c5, "Aa" },
	{ 0x00e4, "ae" }, { 0x00f6, "oe" }, { 0x00fc, "ue" },
	{ 0x00c4, "Ae" }, { 0x00d6, "Oe" }, { 0x00dc, "Ue" },
	{ 0x00e9, "e" }, { 0x00e8, "e" }, { 0x00c9, "E" }, { 0x00c8, "E" },
	{ 0x00f0, "d" }, { 0x00d0, "D" }, { 0x00fe, "th" }, { 0x00de, "Th" },
	{ 0x00a0, " " },
};

/* UTF-8 -> printable ASCII, keeping '\n' as the only control character. */
static GString *
to_ascii(const char *text)
{
	GString *s = g_string_sized_new(strlen(text) + 16);
	const char *p = text;
	size_t i;

	while (*p != '\0') {
		gunichar c = g_utf8_get_char_validated(p, -1);

		if (c == (gunichar)-1 || c == (gunichar)-2) {
			g_string_append_c(s, '?');   /* invalid byte: skip just it */
			p++;
			continue;
		}
		p = g_utf8_next_char(p);
		if (c == '\n' || c == '\t')
			g_string_append_c(s, c == '\t' ? ' ' : '\n');
		else if (c >= 0x20 && c < 0x7f)
			g_string_append_c(s, (char)c);
		else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
			continue;                    /* CR and other controls */
		else {
			for (i = 0; i < G_N_ELEMENTS(translit) && translit[i].c != c; i++)
				;
			g_string_append(s, i < G_N_ELEMENTS(translit) ? translit[i].ascii : "?");
		}
	}
	return s;
}

/* Wraps one text line (ASCII, no '\n') into lines of at most width. */
static void
wrap_line(const char *line, size_t width, GPtrArray *out)
{
	char **words = g_strsplit(line, " ", -1);
	GString *cur = g_string_new(NULL);
	size_t i;

	for (i = 0; words[i] != NULL; i++) {
		const char *w = words[i];
		size_t wl = strlen(w);

		if (wl == 0)
			continue;
		if (cur->len > 0 && cur->len + 1 + wl > width) {
			g_ptr_array_add(out, g_strdup(cur->str));
			g_string_truncate(cur, 0);
		}
		/* A word longer than a line is cut: an address can be that long. */
		while (wl > width) {
			g_ptr_array_add(out, g_strndup(w, width));
			w += width;
			wl -= width;
		}
		if (wl == 0)
			continue;
		if (cur->len > 0)
			g_string_append_c(cur, ' ');
		g_string_append(cur, w);
	}
	if (cur->len > 0)
		g_ptr_array_add(out, g_strdup(cur->str));
	g_string_free(cur, TRUE);
	g_strfreev(words);
}

/* Cuts to max_lines; the last kept line ends with "..." to show the cut. */
static void
cut_lines(GPtrArray *lines, size_t width, size_t max_lines)
{
	char *last;
	size_t keep;

	if (lines->len <= max_lines)
		return;
	g_ptr_array_set_size(lines, (guint)max_lines);
	last = g_ptr_array_index(lines, max_lines - 1);
	keep = strlen(last);
	if (width < 3) {
		last[MIN(keep, width)] = '\0';
		return;
	}
	if (keep + 3 > width)
		keep = width - 3;
	last[keep] = '\0';
	g_ptr_array_index(lines, max_lines - 1) = g_strconcat(last, "...", NULL);
	g_free(last);
}

char **
seal_template_reply_lines(const char *text, size_t width, size_t max_lines)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	GString *ascii;
	char **parts;
	size_t i;

	if (width == 0)
		width = 1;
	if (max_lines == 0)
		max_lines = 1;
	ascii = to_ascii(text != NULL ? text : "");
	parts = g_strsplit(ascii->str, "\n", -1);
	for (i = 0; parts[i] != NULL; i++)
		wrap_line(parts[i], width, lines);
	g_strfreev(parts);
	g_string_free(ascii, TRUE);
	if (lines->len == 0)
		g_ptr_array_add(lines, g_strdup(""));
	cut_lines(lines, width, max_lines);
	g_ptr_array_set_free_func(lines, NULL);
	g_ptr_array_add(lines, NULL);
	return (char **)g_ptr_array_free(lines, FALSE);
}
