/*
 * audit.c - the audit log for compliance officers, and retention:
 *
 *   sealctl audit search [filters] [--id [-]] [--no-selftest] [--limit N]
 *       [--json|--csv]
 *   sealctl audit verify [--json]
 *   sealctl purge [--audit-days N] [--quarantine-days N] [--json]
 *
 * The log holds no identity number, only keyed fingerprints, so --id finds
 * a person by fingerprinting the number typed exactly as the daemon does
 * (read from a prompt or standard input, never argv: ctl/secret.c)
 * (normalise, detect, HMAC of the canonical digits with the fingerprint
 * key). The number itself is wiped after use and shown only masked.
 *
 * --no-selftest leaves out sealctl selftest's canaries: the "selftest"
 * records and the canary records they name. The store's search leaves them
 * out (seal_audit_query.no_selftest), so that --limit still counts only the
 * records shown.
 */
#include <getopt.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "audit_export.h"

#include "ctl.h"

/* Records a search returns unless --limit says otherwise. */
#define CTL_AUDIT_LIMIT 1000
#define CTL_DAY ((int64_t)86400)

static void
usage_audit(FILE *out)
{
	fprintf(out,
	    "usage: sealctl [-c CONFIG] audit search [--sender A] [--recipient A]\n"
	    "           [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--action WORD]\n"
	    "           [--id [-]] [--no-selftest] [--limit N] [--json | --csv]\n"
	    "       (--id: the number is read from a prompt, or one per line from stdin)\n"
	    "       sealctl [-c CONFIG] audit verify [--json]\n");
}

static void
usage_purge(FILE *out)
{
	fprintf(out, "usage: sealctl [-c CONFIG] purge [--audit-days N] [--quarantine-days N]"
	    " [--json]\n");
}

/*
 * The fingerprint the daemon would have stored for number; the mask and
 * kind for messages (audit_export.h). EX_DATAERR with the reason printed
 * when it is none.
 */
static int
id_fingerprint(const seal_config *cfg, const char *number, char hex[65], char masked[24],
	seal_kind *kind)
{
	const char *why = NULL;

	if (seal_audit_id_fingerprint(cfg->fp_key, number, hex, masked, kind, &why) == 0)
		return 0;
	ctl_error("--id: not a valid identity number: %s", why);
	return EX_DATAERR;
}

static char *
rcpts_text(const seal_audit_record *r, const char *sep)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; r->rcpts != NULL && i < r->rcpts->len; i++) {
		const seal_audit_rcpt *rc = g_ptr_array_index(r->rcpts, i);
		char *a = ctl_mask(rc->address);

		g_string_append_printf(s, "%s%s:%s", i > 0 ? sep : "", a, rc->action);
		g_free(a);
	}
	return g_string_free(s, FALSE);
}

static char *
fingerprints_text(const seal_audit_record *r, int digits, const char *sep)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; r->fingerprints != NULL && i < r->fingerprints->len; i++)
		g_string_append_printf(s, "%s%.*s", i > 0 ? sep : "", digits,
		    (const char *)g_ptr_array_index(r->fingerprints, i));
	return g_string_free(s, FALSE);
}

static void
record_json(const seal_audit_record *r, GString *out)
{
	char iso[48];

	g_string_append_c(out, '{');
	ctl_json_int(out, 1, "id", r->id);
	ctl_json_int(out, 0, "time", r->time);
	ctl_json_str(out, 0, "date", ctl_time_iso(r->time, iso, sizeof(iso)));
	ctl_json_str(out, 0, "relay", r->relay);
	ctl_json_str(out, 0, "queue_id", r->queue_id);
	ctl_json_masked(out, 0, "message_id", r->message_id);
	ctl_json_masked(out, 0, "auth_user", r->auth_user);
	ctl_json_masked(out, 0, "sender", r->sender);
	ctl_json_str(out, 0, "class", r->cls);
	ctl_json_str(out, 0, "action", r->action);
	ctl_json_str(out, 0, "kinds", r->kinds);
	ctl_json_str(out, 0, "rules", r->rules);
	ctl_json_masked(out, 0, "detail", r->detail);
	g_string_append(out, ", \"recipients\": [");
	for (guint i = 0; r->rcpts != NULL && i < r->rcpts->len; i++) {
		const seal_audit_rcpt *rc = g_ptr_array_index(r->rcpts, i);

		g_string_append(out, i > 0 ? ", {" : "{");
		ctl_json_masked(out, 1, "address", rc->address);
		ctl_json_str(out, 0, "action", rc->action);
		g_string_append_c(out, '}');
	}
	g_string_append_c(out, ']');
	ctl_json_strv(out, 0, "fingerprints", r->fingerprints);
	ctl_json_str(out, 0, "hash", r->hash);
	g_string_append_c(out, '}');
}

static void
print_records(const GPtrArray *out, int format)
{
	static const char *const titles[] = { "ID", "TIME", "QUEUE-ID", "SENDER", "ACTION",
		"CLASS", "KINDS", "FINGERPRINTS", "RECIPIENTS", "DETAIL", NULL };
	GString *g = g_string_new(NULL);
	ctl_table *t;

	if (format == 'j') {
		g_string_append_c(g, '[');
		for (guint i = 0; i < out->len; i++) {
			if (i > 0)
				g_string_append(g, ",\n ");
			record_json(g_ptr_array_index(out, i), g);
		}
		printf("%s]\n", g->str);
	} else if (format == 'c') {
		seal_audit_csv_header(g);
		for (guint i = 0; i < out->len; i++)
			seal_audit_csv_row(g, g_ptr_array_index(out, i));
		fputs(g->str, stdout);
	} else {
		t = ctl_table_new(titles);
		for (guint i = 0; i < out->len; i++) {
			const seal_audit_record *r = g_ptr_array_index(out, i);
			char id[32], when[32];
			char *sender = ctl_mask(r->sender[0] != '\0' ? r->sender : "<>");
			char *rcpts = rcpts_text(r, ", "), *fps = fingerprints_text(r, 16, ",");
			char *detail = ctl_mask(r->detail);
			const char *row[] = { id, ctl_time_text(r->time, when, sizeof(when)),
				r->queue_id, sender, r->action, r->cls, r->kinds, fps, rcpts, detail,
				NULL };

			g_snprintf(id, sizeof(id), "%lld", (long long)r->id);
			ctl_table_add(t, row);
			g_free(detail);
			g_free(fps);
			g_free(rcpts);
			g_free(sender);
		}
		ctl_table_print(t, stdout);
		if (out->len == 0)
			printf("(no records)\n");
	}
	g_string_free(g, TRUE);
}

/* Newest first, as the store returns them, so that merged results read the same. */
static gint
newest_first(gconstpointer a, gconstpointer b)
{
	const seal_audit_record *x = *(seal_audit_record *const *)a;
	const seal_audit_record *y = *(seal_audit_record *const *)b;

	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* Appends to out the records q finds that out does not hold yet (several numbers). */
static int
search_one(seal_store *s, const seal_audit_query *q, GPtrArray *out, GHashTable *seen)
{
	GPtrArray *got = g_ptr_array_new();
	seal_err err;
	int rc = 0;

	seal_err_clear(&err);
	if (seal_store_audit_search(s, q, got, &err) != SEAL_OK) {
		ctl_error("cannot search the audit log: %s", err.msg);
		rc = ctl_store_exit(&err, EX_USAGE);
	}
	for (guint i = 0; i < got->len; i++) {
		seal_audit_record *r = g_ptr_array_index(got, i);

		if (g_hash_table_add(seen, (gpointer)(intptr_t)r->id))
			g_ptr_array_add(out, r);
		else
			seal_audit_record_free(r);
	}
	g_ptr_array_free(got, TRUE);
	return rc;
}

/* The fingerprints of numbers (stdin or prompt), each validated; NULL on error. */
static GPtrArray *
id_fingerprints(const seal_config *cfg, const GPtrArray *numbers, int format, int *rc)
{
	GPtrArray *fps = g_ptr_array_new_with_free_func(g_free);

	*rc = 0;
	for (guint i = 0; i < numbers->len; i++) {
		seal_kind kind = SEAL_KIND_DK_CPR;
		char fp[65], masked[24];

		if ((*rc = id_fingerprint(cfg, g_ptr_array_index(numbers, i), fp, masked,
		    &kind)) != 0) {
			if (numbers->len > 1)
				ctl_error("--id: line %u of standard input", i + 1);
			g_ptr_array_free(fps, TRUE);
			return NULL;
		}
		g_ptr_array_add(fps, g_strdup(fp));
		if (format == 't')
			fprintf(stderr, "searching for %s %s\n", seal_kind_name(kind), masked);
	}
	return fps;
}

static int
search(const seal_config *cfg, seal_audit_query *q, const GPtrArray *numbers, int format,
	int no_selftest)
{
	GPtrArray *out, *fps = NULL;
	GHashTable *seen;
	size_t limit = q->limit;
	seal_store *s;
	int rc = 0;

	/* Fingerprinting needs the key, which the store needs too: open it first. */
	if ((s = ctl_store_open(cfg, &rc)) == NULL)
		return rc;
	if (numbers != NULL && (fps = id_fingerprints(cfg, numbers, format, &rc)) == NULL) {
		seal_store_close(s);
		return rc;
	}
	out = g_ptr_array_new_with_free_func((GDestroyNotify)seal_audit_record_free);
	seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	/* The store leaves them out, so that --limit counts only what is shown. */
	q->no_selftest = no_selftest;
	for (guint i = 0; rc == 0 && i < (fps != NULL ? fps->len : 1); i++) {
		q->fingerprint = fps != NULL ? g_ptr_array_index(fps, i) : NULL;
		rc = search_one(s, q, out, seen);
	}
	if (rc == 0) {
		g_ptr_array_sort(out, newest_first);
		if (limit > 0 && out->len > limit)
			g_ptr_array_set_size(out, (guint)limit);
		print_records(out, format);
		if (limit > 0 && out->len == limit)
			ctl_error("note: showing the newest %u records; --limit N (0: all) for more",
			    out->len);
	}
	q->fingerprint = NULL;
	q->limit = limit;
	g_hash_table_destroy(seen);
	g_ptr_array_free(out, TRUE);
	if (fps != NULL)
		g_ptr_array_free(fps, TRUE);
	seal_store_close(s);
	return rc;
}

/*
 * --id takes no number: a number in argv is in shell history, sudo's log
 * and /proc. "--id" and "--id -" read it (ctl_secrets_read); anything else
 * after --id is refused without echoing it.
 */
static int
refuse_id_argument(void)
{
	ctl_error("--id: the number must not be given on the command line (it would stay in "
	    "shell history, sudo's log and /proc); give --id alone and type the number at the "
	    "prompt, or pipe it: echo NUMBER | sealctl audit search --id -  (sealctl(8))");
	return EX_USAGE;
}

static int
cmd_search(const seal_config *cfg, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "sender", required_argument, NULL, 's' },
		{ "recipient", required_argument, NULL, 'r' },
		{ "since", required_argument, NULL, 'S' },
		{ "until", required_argument, NULL, 'U' },
		{ "action", required_argument, NULL, 'a' },
		{ "id", optional_argument, NULL, 'i' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ "no-selftest", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	seal_audit_query q;
	int64_t limit = CTL_AUDIT_LIMIT;
	int c, rc, format = 't', want_id = 0, no_selftest = 0;
	GPtrArray *numbers = NULL;

	memset(&q, 0, sizeof(q));
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's': q.sender = optarg; break;
		case 'r': q.recipient = optarg; break;
		case 'a': q.action = optarg; break;
		case 'n': no_selftest = 1; break;
		case 'i':
			/* --id=- is the only value taken; --id NUMBER is caught below. */
			if (optarg != NULL && strcmp(optarg, "-") != 0)
				return refuse_id_argument();
			want_id = 1;
			break;
		case 'j':
		case 'c':
			if (format != 't' && format != c) {
				ctl_error("--json and --csv exclude each other");
				return EX_USAGE;
			}
			format = c;
			break;
		case 'S':
			if ((q.from = ctl_parse_day("--since", optarg, 0)) < 0)
				return EX_USAGE;
			break;
		case 'U':
			if ((q.to = ctl_parse_day("--until", optarg, 1)) < 0)
				return EX_USAGE;
			break;
		case 'l':
			if ((limit = ctl_parse_count("--limit", optarg, 0, INT32_MAX)) < 0)
				return EX_USAGE;
			break;
		default: usage_audit(stderr); return EX_USAGE;
		}
	}
	/* getopt moves "--id -" 's "-" and "--id NUMBER" 's number behind the options. */
	if (want_id && optind < argc && strcmp(argv[optind], "-") == 0)
		optind++;
	if (optind != argc) {
		if (want_id)
			return refuse_id_argument();
		usage_audit(stderr);
		return EX_USAGE;
	}
	q.limit = (size_t)limit;
	if (want_id && (numbers = ctl_secrets_read("--id: identity number", &rc)) == NULL)
		return rc;
	rc = search(cfg, &q, numbers, format, no_selftest);
	ctl_secrets_free(numbers);
	return rc;
}

static int
cmd_verify(const seal_config *cfg, int argc, char **argv)
{
	seal_audit_verify_result res;
	int as_json = 0, rc = 0;
	seal_store *s;
	seal_err err;

	if (argc == 2 && strcmp(argv[1], "--json") == 0) {
		as_json = 1;
	} else if (argc != 1) {
		usage_audit(stderr);
		return EX_USAGE;
	}
	if ((s = ctl_store_open(cfg, &rc)) == NULL)
		return rc;
	memset(&res, 0, sizeof(res));
	seal_err_clear(&err);
	if (seal_store_audit_verify(s, &res, &err) != SEAL_OK) {
		ctl_error("cannot verify the audit log: %s", err.msg);
		rc = ctl_store_exit(&err, EX_SOFTWARE);
	} else if (as_json) {
		GString *g = g_string_new("{");

		g_string_append_printf(g, "\"ok\": %s", res.ok ? "true" : "false");
		ctl_json_int(g, 0, "records", res.records);
		ctl_json_int(g, 0, "first_bad_id", res.first_bad_id);
		ctl_json_str(g, 0, "why", res.why);
		printf("%s}\n", g->str);
		g_string_free(g, TRUE);
	} else if (res.ok) {
		printf("ok: %lld records\n", (long long)res.records);
	} else {
		printf("broken: record %lld: %s (%lld records checked)\n",
		    (long long)res.first_bad_id, res.why, (long long)res.records);
	}
	if (rc == 0 && !res.ok)
		rc = CTL_EXIT_BROKEN;
	seal_store_close(s);
	return rc;
}

int
ctl_audit(const seal_config *cfg, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";

	if (strcmp(sub, "search") == 0)
		return cmd_search(cfg, argc - 1, argv + 1);
	if (strcmp(sub, "verify") == 0)
		return cmd_verify(cfg, argc - 1, argv + 1);
	if (sub[0] != '\0')
		ctl_error_value("audit", sub, "is not a command");
	usage_audit(stderr);
	return EX_USAGE;
}

int
ctl_purge(const seal_config *cfg, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "audit-days", required_argument, NULL, 'a' },
		{ "quarantine-days", required_argument, NULL, 'q' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int64_t audit_days = cfg->audit_retention, held_days = cfg->quarantine_retention;
	int64_t now = (int64_t)time(NULL), audit_before, held_before;
	int c, as_json = 0, rc = 0;
	seal_purge_counts counts;
	char d1[32], d2[32];
	seal_store *s;
	seal_err err;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			/* Same range as audit_retention and quarantine_retention. */
			if ((audit_days = ctl_parse_count("--audit-days", optarg, 1, 3650)) < 0)
				return EX_USAGE;
			break;
		case 'q':
			if ((held_days = ctl_parse_count("--quarantine-days", optarg, 1, 3650)) < 0)
				return EX_USAGE;
			break;
		case 'j': as_json = 1; break;
		default: usage_purge(stderr); return EX_USAGE;
		}
	}
	if (optind != argc) {
		usage_purge(stderr);
		return EX_USAGE;
	}
	if ((s = ctl_store_open(cfg, &rc)) == NULL)
		return rc;
	audit_before = now - audit_days * CTL_DAY;
	held_before = now - held_days * CTL_DAY;
	memset(&counts, 0, sizeof(counts));
	seal_err_clear(&err);
	if (seal_store_purge(s, audit_before, held_before, &counts, &err) != SEAL_OK) {
		ctl_error("purge failed: %s", err.msg);
		rc = ctl_store_exit(&err, EX_SOFTWARE);
	} else if (as_json) {
		GString *g = g_string_new("{");

		ctl_json_int(g, 1, "audit", counts.audit);
		ctl_json_int(g, 0, "held", counts.held);
		ctl_json_int(g, 0, "audit_before", audit_before);
		ctl_json_int(g, 0, "held_before", held_before);
		printf("%s}\n", g->str);
		g_string_free(g, TRUE);
	} else {
		printf("purged %lld audit record%s (older than %lld days: before %s) and "
		    "%lld held message%s (older than %lld days: before %s)\n",
		    (long long)counts.audit, counts.audit == 1 ? "" : "s", (long long)audit_days,
		    ctl_time_text(audit_before, d1, sizeof(d1)), (long long)counts.held,
		    counts.held == 1 ? "" : "s", (long long)held_days,
		    ctl_time_text(held_before, d2, sizeof(d2)));
	}
	seal_store_close(s);
	return rc;
}
