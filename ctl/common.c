/*
 * common.c - helpers every sealctl command uses (ctl.h).
 */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "audit_export.h"
#include "held_notice.h"
#include "scan.h"
#include "fingerprint.h"
#include "report.h"

#include "ctl.h"

/* Label of the audit chain key; must match milter/record.c. */

/* Widest a table cell may get before it is cut with "...". */
#define CTL_CELL_MAX 60

void
ctl_error(const char *fmt, ...)
{
	va_list ap;

	fputs("sealctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
ctl_error_value(const char *what, const char *value, const char *why)
{
	/* Whatever was typed may be a number typed in the wrong place. */
	char *masked = ctl_mask(value);

	ctl_error("%s: \"%.80s\" %s", what, masked, why);
	g_free(masked);
}

/* 1 when s holds something the detectors take for an identity number. */
static int
holds_number(const char *s)
{
	char *masked = ctl_mask(s);
	int differs = strcmp(masked, s) != 0;

	g_free(masked);
	return differs;
}

/*
 * The store named for messages: a PostgreSQL URI may carry a password
 * (user:secret@host, ?password=), so only scheme, host and database show.
 */
static char *
store_label(const char *spec)
{
	const char *scheme_end = strstr(spec, "://");
	const char *host, *at, *end;

	if (scheme_end == NULL)
		return g_strdup(spec);
	host = scheme_end + 3;
	end = host + strcspn(host, "?#");
	at = memchr(host, '@', (size_t)(end - host));
	if (at != NULL && at < host + strcspn(host, "/"))
		host = at + 1;
	return g_strdup_printf("%.*s%.*s", (int)(scheme_end + 3 - spec), spec,
	    (int)(end - host), host);
}

seal_store *
ctl_store_open(const seal_config *cfg, int *exit_code)
{
	seal_store *s;
	char buf[700], *label;
	seal_err err;

	if (cfg->store == NULL || cfg->store[0] == '\0') {
		ctl_error("no store configured (store is empty)");
		*exit_code = EX_CONFIG;
		return NULL;
	}
	if (cfg->fp_key == NULL) {
		ctl_error("the store needs fingerprint_key_file (its audit chain is keyed with it)");
		*exit_code = EX_CONFIG;
		return NULL;
	}
	seal_err_clear(&err);
	s = seal_store_open_config(cfg, &err);
	if (s == NULL) {
		label = store_label(cfg->store);
		ctl_error("store %s not reachable: %s", label,
		    seal_err_format(&err, buf, sizeof(buf)));
		g_free(label);
		/* A bad spec or a database newer than this code is the admin's to fix. */
		*exit_code = err.code == SEAL_ERR_CONFIG ? EX_CONFIG : EX_TEMPFAIL;
	}
	return s;
}

int
ctl_store_exit(const seal_err *err, int usage)
{
	return err->code == SEAL_ERR_USAGE ? usage : EX_TEMPFAIL;
}

int64_t
ctl_parse_day(const char *opt, const char *value, int end_of_day)
{
	unsigned y, m, d;
	char extra;
	struct tm tm;
	time_t t;

	if (strlen(value) != 10 || sscanf(value, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3
	    || value[4] != '-' || value[7] != '-' || y < 1970 || y > 9999
	    || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y)) {
		ctl_error_value(opt, value, "is not a date (YYYY-MM-DD)");
		return -1;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)m - 1;
	tm.tm_mday = (int)d + (end_of_day ? 1 : 0);
	tm.tm_isdst = -1;   /* let mktime find out: a day is not always 86400 s */
	t = mktime(&tm);
	if (t == (time_t)-1) {
		ctl_error_value(opt, value, "is out of range");
		return -1;
	}
	return end_of_day ? (int64_t)t - 1 : (int64_t)t;
}

int64_t
ctl_parse_count(const char *opt, const char *value, int64_t min, int64_t max)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || v < min || v > max) {
		char why[80];

		g_snprintf(why, sizeof(why), "is not a number from %lld to %lld", (long long)min,
		    (long long)max);
		ctl_error_value(opt, value, why);
		return -1;
	}
	return (int64_t)v;
}

/* The same local-time form as the notices to senders (held_notice.h). */
const char *
ctl_time_text(int64_t t, char *buf, size_t size)
{
	return seal_decide_time_text(t, buf, size);
}

/* The same forms as the console's (audit_export.h). */
const char *
ctl_time_iso(int64_t t, char *buf, size_t size)
{
	return seal_audit_time_iso(t, buf, size);
}

char *
ctl_mask(const char *text)
{
	return seal_mask_text_today(text);
}

char *
ctl_reason(const char *reason, int required)
{
	char *masked;

	if (reason == NULL || reason[0] == '\0') {
		if (required) {
			ctl_error("--reason is required: say why, for the audit log");
			return NULL;
		}
		return g_strdup("");
	}
	if (!g_utf8_validate(reason, -1, NULL)) {
		ctl_error("--reason is not valid UTF-8");
		return NULL;
	}
	if (strlen(reason) > CTL_REASON_MAX) {
		ctl_error("--reason is longer than %d bytes", CTL_REASON_MAX);
		return NULL;
	}
	masked = g_strstrip(ctl_mask(reason));
	if (required && masked[0] == '\0') {
		ctl_error("--reason is required: say why, for the audit log");
		g_free(masked);
		return NULL;
	}
	return masked;
}

char *
ctl_login_name(void)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw != NULL && pw->pw_name != NULL && pw->pw_name[0] != '\0')
		return g_strdup(pw->pw_name);
	return g_strdup_printf("uid %u", (unsigned)getuid());
}

char *
ctl_officer(const char *given)
{
	const char *sudo = getenv("SUDO_USER");
	char *name;

	if (given != NULL)
		name = g_strdup(given);
	else if (sudo != NULL && sudo[0] != '\0')
		name = g_strdup(sudo);
	else
		name = ctl_login_name();
	/*
	 * The name goes into "officer=NAME reason=..." in the audit detail:
	 * white space or '=' would make that ambiguous.
	 */
	if (name[0] == '\0' || strlen(name) > CTL_OFFICER_MAX || !g_utf8_validate(name, -1, NULL)) {
		ctl_error("officer name must be 1 to %d bytes of UTF-8", CTL_OFFICER_MAX);
		g_free(name);
		return NULL;
	}
	for (const char *p = name; *p != '\0'; p++) {
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '=') {
			ctl_error("officer name must not contain spaces, control characters or '='");
			g_free(name);
			return NULL;
		}
	}
	/* It is stored in the audit detail as it is: no number may hide in it. */
	if (holds_number(name)) {
		ctl_error("officer name must not contain an identity number");
		g_free(name);
		return NULL;
	}
	return name;
}

int
ctl_valid_id(const char *id)
{
	size_t n = strlen(id);

	/* IDs are printed back in every message: a number typed by mistake must not be. */
	if (n == 0 || n >= 40 || strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") != n || holds_number(id)) {
		ctl_error_value("ID", id, "is not a held-message ID");
		return 0;
	}
	return 1;
}

/* 1 when word (after "--") abbreviates an option of longopts that takes an argument. */
static int
takes_argument(const char *word, const struct option *longopts)
{
	size_t n = strlen(word);

	if (strchr(word, '=') != NULL)
		return 0;
	for (const struct option *o = longopts; o->name != NULL; o++)
		if (o->has_arg == required_argument && strncmp(o->name, word, n) == 0)
			return 1;
	return 0;
}

char **
ctl_ids_last(int argc, char **argv, const struct option *longopts, int *new_argc)
{
	char **out = g_new0(char *, (gsize)argc + 2);
	GPtrArray *ids = g_ptr_array_new();
	int n = 0, i;

	out[n++] = argv[0];
	for (i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (strcmp(w, "--") == 0)
			break;
		if (w[0] == '-' && w[1] != '-' && w[1] != '\0'
		    && !(argv[i - 1][0] == '-' && argv[i - 1][1] == '-'
			&& takes_argument(argv[i - 1] + 2, longopts)))
			g_ptr_array_add(ids, argv[i]);
		else
			out[n++] = argv[i];
	}
	out[n++] = (char *)"--";
	for (guint k = 0; k < ids->len; k++)
		out[n++] = g_ptr_array_index(ids, k);
	for (i = i + 1; i < argc; i++)
		out[n++] = argv[i];
	g_ptr_array_free(ids, TRUE);
	*new_argc = n;
	return out;
}

/* ------------------------------------------------------------ tables */

struct ctl_table {
	guint ncols;
	GPtrArray *rows;          /* char **: ncols cells each; row 0 holds the titles */
};

ctl_table *
ctl_table_new(const char *const *titles)
{
	ctl_table *t = g_new0(ctl_table, 1);

	while (titles[t->ncols] != NULL)
		t->ncols++;
	t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	ctl_table_add(t, titles);
	return t;
}

/* A cell for the table: one line, cut at CTL_CELL_MAX characters unless last. */
static char *
cell_text(const char *s, int last)
{
	char *c;

	if (s == NULL)
		return g_strdup("");
	c = g_utf8_make_valid(s, -1);
	for (char *p = c; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	if (!last && g_utf8_strlen(c, -1) > CTL_CELL_MAX) {
		char *cut = g_utf8_offset_to_pointer(c, CTL_CELL_MAX - 3);
		char *shorter = g_strdup_printf("%.*s...", (int)(cut - c), c);

		g_free(c);
		c = shorter;
	}
	return c;
}

void
ctl_table_add(ctl_table *t, const char *const *cells)
{
	char **row = g_new0(char *, t->ncols + 1);

	for (guint i = 0; i < t->ncols; i++)
		row[i] = cell_text(cells[i], i + 1 == t->ncols);
	g_ptr_array_add(t->rows, row);
}

void
ctl_table_print(ctl_table *t, FILE *out)
{
	glong *width = g_new0(glong, t->ncols);

	for (guint r = 0; r < t->rows->len; r++) {
		char **row = g_ptr_array_index(t->rows, r);

		for (guint i = 0; i < t->ncols; i++)
			width[i] = MAX(width[i], g_utf8_strlen(row[i], -1));
	}
	for (guint r = 0; r < t->rows->len; r++) {
		char **row = g_ptr_array_index(t->rows, r);
		GString *line = g_string_new(NULL);

		for (guint i = 0; i < t->ncols; i++) {
			g_string_append(line, row[i]);
			if (i + 1 < t->ncols)
				for (glong pad = g_utf8_strlen(row[i], -1); pad <= width[i] + 1; pad++)
					g_string_append_c(line, ' ');
		}
		while (line->len > 0 && line->str[line->len - 1] == ' ')
			g_string_truncate(line, line->len - 1);
		fprintf(out, "%s\n", line->str);
		g_string_free(line, TRUE);
	}
	g_free(width);
	g_ptr_array_free(t->rows, TRUE);
	g_free(t);
}

/* ------------------------------------------------------------ JSON, CSV */

static void
json_key(GString *out, int first, const char *key)
{
	if (!first)
		g_string_append(out, ", ");
	seal_report_json_string(out, key);
	g_string_append(out, ": ");
}

void
ctl_json_str(GString *out, int first, const char *key, const char *value)
{
	json_key(out, first, key);
	if (value == NULL) {
		g_string_append(out, "null");
	} else {
		char *valid = g_utf8_make_valid(value, -1);

		seal_report_json_string(out, valid);
		g_free(valid);
	}
}

void
ctl_json_masked(GString *out, int first, const char *key, const char *value)
{
	char *m = ctl_mask(value);

	ctl_json_str(out, first, key, m);
	g_free(m);
}

void
ctl_json_int(GString *out, int first, const char *key, int64_t value)
{
	json_key(out, first, key);
	g_string_append_printf(out, "%lld", (long long)value);
}

void
ctl_json_strv(GString *out, int first, const char *key, const GPtrArray *values)
{
	json_key(out, first, key);
	g_string_append_c(out, '[');
	for (guint i = 0; values != NULL && i < values->len; i++) {
		char *valid = g_utf8_make_valid(g_ptr_array_index(values, i), -1);

		if (i > 0)
			g_string_append(out, ", ");
		seal_report_json_string(out, valid);
		g_free(valid);
	}
	g_string_append_c(out, ']');
}
