/*
 * detect_meeting.c - meeting context (spec 5.5, "meeting"): the numeric IDs
 * of Teams, Zoom, Google Meet and Webex meetings are 9 to 13 digits, and a
 * ten- or eleven-digit one passes a CPR, personnummer or fødselsnummer
 * check about as often as any random number. Invitations carry them in
 * join links, in one-tap dial strings and after a label; there they are
 * not identity numbers.
 *
 * Only validated candidates written as one run of digits get here (the
 * caller checks), so the few bounded look-arounds cost nothing on the
 * clean path.
 */
#include <string.h>

#include "detect_internal.h"

/* How far back a join link may start (a Teams link is ~300 bytes). */
#define MEETING_URL_BACK 600
/* Bytes before the number in which a label is looked for (40 code points of Nordic text). */
#define MEETING_KW_BACK 80

/* Hosts of the meeting services; matched in the link before the number. */
static const char *const meeting_hosts[] = {
	"zoom.us/", "zoomgov.com/", "teams.microsoft.com/", "teams.live.com/",
	"meet.google.com/", "tel.meet/", "webex.com/", NULL
};

/* Labels of meeting numbers (UTF-8, lower case); see meeting_label(). */
static const char *const meeting_kw[] = {
	"meeting id", "meeting-id", "meeting number", "webinar id", "conference id",
	"access code", "passcode", "pin",
	"m\xc3\xb8" "de-id", "m\xc3\xb8" "denummer", "m\xc3\xb8" "te-id",
	"m\xc3\xb6" "tes-id", "m\xc3\xb6" "te-id", "konference-id", "konferens-id",
	"konferanse-id", "adgangskode", "tilgangskode", "\xc3\xa5" "tkomstkod",
	"kokoustunnus", "kokouksen tunnus", "tunnuskoodi", NULL
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '>' ||
	    c == '"' || c == '\'';
}

/*
 * ",,1234567890#": the pause and the '#' of a one-tap dial string; Google
 * Meet's tel: links put a ';' before the PIN ("tel:+45-78-76-80-36;PIN#").
 */
static bool
dial_string(const char *text, size_t len, size_t start, size_t end)
{
	return start > 0 && (text[start - 1] == ',' || text[start - 1] == ';') &&
	    end < len && text[end] == '#';
}

/* A meeting host in the link the number belongs to (before it, or after '@'). */
static bool
meeting_link(const char *text, size_t len, size_t start, size_t end)
{
	size_t from = start, to = end;

	while (from > 0 && start - from < MEETING_URL_BACK && !is_blank(text[from - 1]))
		from--;
	if (end < len && text[end] == '@')
		while (to < len && to - end < 200 && !is_blank(text[to]))
			to++;
	for (size_t k = 0; meeting_hosts[k] != NULL; k++) {
		size_t hl = strlen(meeting_hosts[k]);

		for (size_t i = from; i + hl <= to; i++)
			if (g_ascii_strncasecmp(text + i, meeting_hosts[k], hl) == 0)
				return true;
	}
	/* "1234567890@site.webex.com" (video address): host without '/' */
	return to > end && g_strstr_len(text + end, (gssize)(to - end), "webex.com") != NULL;
}

/* A label before the number, on its line. */
static bool
meeting_label(const char *text, size_t start)
{
	size_t from = start;
	char *low;
	bool found = false;

	while (from > 0 && start - from < MEETING_KW_BACK && text[from - 1] != '\n')
		from--;
	/* do not start inside a UTF-8 sequence */
	while (from < start && ((unsigned char)text[from] & 0xC0) == 0x80)
		from++;
	if (from == start)
		return false;
	low = g_utf8_strdown(text + from, (gssize)(start - from));
	for (size_t k = 0; meeting_kw[k] != NULL && !found; k++) {
		size_t kl = strlen(meeting_kw[k]);

		for (char *p = low; !found && (p = strstr(p, meeting_kw[k])) != NULL; p++) {
			char b = p > low ? p[-1] : ' ', a = p[kl];

			/* the end of a compound counts ("Telefonkonference-id"), but
			 * a short label must be a word of its own ("pin", not "spin") */
			found = !g_ascii_isalnum(a) && !((unsigned char)a & 0x80) &&
			    (kl > 3 || (!g_ascii_isalnum(b) && !((unsigned char)b & 0x80)));
		}
	}
	g_free(low);
	return found;
}

bool
seal_ctx_meeting(const char *text, size_t len, size_t start, size_t end)
{
	return dial_string(text, len, start, end) || meeting_link(text, len, start, end) ||
	    meeting_label(text, start);
}
