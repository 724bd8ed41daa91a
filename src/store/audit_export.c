/*
 * audit_export.c - searching by number, masking and CSV, as every reader
 * of the audit log does them (audit_export.h).
 */
#include <string.h>
#include <time.h>

#include "normalize.h"
#include "scan.h"

#include "audit_export.h"
#include "store_internal.h"

/* Why the text is no identity number, from what can be seen without saying it. */
static const char *
why_not_a_number(const char *norm, size_t len)
{
	size_t digits = 0;

	for (size_t i = 0; i < len; i++)
		if (g_ascii_isdigit(norm[i]))
			digits++;
	if (digits == 0)
		return "it has no digits";
	if (digits < 9)
		return "too few digits (an identity number has 10 to 12, a Finnish one 9 and a "
		    "check character)";
	if (digits > 12)
		return "too many digits (an identity number has 10 to 12)";
	return "no Nordic identity number has that date and check digit "
	    "(CPR, personnummer, samordningsnummer, fødselsnummer, D-nummer, "
	    "henkilötunnus, kennitala)";
}

int
seal_audit_id_fingerprint(const seal_fp_key *key, const char *number, char hex[65],
	char masked[24], seal_kind *kind, const char **why)
{
	size_t nlen;
	seal_date today;
	GArray *found;
	char *norm;
	int rc = 0;

	*why = NULL;
	if (number == NULL || !g_utf8_validate(number, -1, NULL)
	    || strlen(number) > SEAL_AUDIT_ID_MAX) {
		*why = "not text, or longer than 64 bytes";
		return -1;
	}
	norm = seal_normalize(number, strlen(number), &nlen);
	found = g_array_new(FALSE, TRUE, sizeof(seal_finding));
	seal_date_today(&today);
	seal_detect(norm, nlen, &today, found);
	if (found->len == 0) {
		*why = why_not_a_number(norm, nlen);
		rc = -1;
	} else if (found->len > 1) {
		*why = "more than one identity number given; search for one at a time";
		rc = -1;
	} else {
		const seal_finding *f = &g_array_index(found, seal_finding, 0);

		seal_fingerprint(key, f->canonical, hex);
		g_strlcpy(masked, f->masked, 24);
		*kind = f->kind;
	}
	memset(norm, 0, nlen);
	g_free(norm);
	if (found->len > 0)
		memset(found->data, 0, (size_t)found->len * sizeof(seal_finding));
	g_array_free(found, TRUE);
	return rc;
}

const char *
seal_audit_time_iso(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL || strftime(buf, size, "%Y-%m-%dT%H:%M:%S%z", &tm) == 0)
		g_strlcpy(buf, "", size);
	return buf;
}

void
seal_csv_field(GString *out, int first, const char *value)
{
	const char *v = value != NULL ? value : "";

	if (!first)
		g_string_append_c(out, ',');
	g_string_append_c(out, '"');
	/*
	 * A sender address is chosen by whoever sends mail, and officers open
	 * these files in spreadsheets: a leading = + - @ would be a formula.
	 */
	if (strchr("=+-@", v[0]) != NULL && v[0] != '\0')
		g_string_append_c(out, '\'');
	for (const char *p = v; *p != '\0'; p++) {
		if (*p == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

void
seal_audit_csv_header(GString *out)
{
	g_string_append(out, "id,time,date,relay,queue_id,message_id,auth_user,sender,class,"
	    "action,kinds,rules,recipients,fingerprints,detail,hash\n");
}

static char *
rcpts_text(const seal_audit_record *r)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; r->rcpts != NULL && i < r->rcpts->len; i++) {
		const seal_audit_rcpt *rc = g_ptr_array_index(r->rcpts, i);
		char *a = seal_mask_text_today(rc->address);

		g_string_append_printf(s, "%s%s:%s", i > 0 ? " " : "", a, rc->action);
		g_free(a);
	}
	return g_string_free(s, FALSE);
}

void
seal_audit_csv_row(GString *out, const seal_audit_record *r)
{
	char num[32], iso[48];
	char *cells[8];
	GString *fps = g_string_new(NULL);
	int k = 0;

	for (guint i = 0; r->fingerprints != NULL && i < r->fingerprints->len; i++)
		g_string_append_printf(fps, "%s%s", i > 0 ? " " : "",
		    (const char *)g_ptr_array_index(r->fingerprints, i));
	g_snprintf(num, sizeof(num), "%lld", (long long)r->id);
	seal_csv_field(out, 1, num);
	g_snprintf(num, sizeof(num), "%lld", (long long)r->time);
	seal_csv_field(out, 0, num);
	seal_csv_field(out, 0, seal_audit_time_iso(r->time, iso, sizeof(iso)));
	seal_csv_field(out, 0, r->relay);
	seal_csv_field(out, 0, r->queue_id);
	seal_csv_field(out, 0, cells[k++] = seal_mask_text_today(r->message_id));
	seal_csv_field(out, 0, cells[k++] = seal_mask_text_today(r->auth_user));
	seal_csv_field(out, 0, cells[k++] = seal_mask_text_today(r->sender));
	seal_csv_field(out, 0, r->cls);
	seal_csv_field(out, 0, r->action);
	seal_csv_field(out, 0, r->kinds);
	seal_csv_field(out, 0, r->rules);
	seal_csv_field(out, 0, cells[k++] = rcpts_text(r));
	seal_csv_field(out, 0, fps->str);
	seal_csv_field(out, 0, cells[k++] = seal_mask_text_today(r->detail));
	seal_csv_field(out, 0, r->hash);
	g_string_append_c(out, '\n');
	while (k > 0)
		g_free(cells[--k]);
	g_string_free(fps, TRUE);
}
