/*
 * quarantine.c - what a compliance officer sees of held messages:
 *
 *   sealctl quarantine list [filters] [--all] [--json]
 *   sealctl quarantine show ID [--json]
 *
 * and the dispatch to the officer's actions (officer.c). `show` reads the
 * stored message only for its header fields and MIME structure; the body
 * text is never printed, and every value someone else typed (addresses,
 * subject, file names, reasons) is shown with identity numbers masked.
 */
#include <getopt.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "detect.h"
#include "mimewalk.h"
#include "scan.h"

#include "ctl.h"

/* How deep and how wide `show` walks a MIME tree (GMime parses the rest anyway). */
#define CTL_MIME_DEPTH 32
#define CTL_MIME_PARTS 1000

/* The header fields `show` prints, in this order of interest. */
static const char *const shown_fields[] = {
	"From", "To", "Cc", "Date", "Subject", "Message-ID", NULL
};

static void
usage_quarantine(FILE *out)
{
	fprintf(out,
	    "usage: sealctl [-c CONFIG] quarantine list [--sender A] [--recipient A]\n"
	    "           [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--reason TEXT] [--all] [--json]\n"
	    "       sealctl [-c CONFIG] quarantine show ID [--json]\n"
	    "       sealctl [-c CONFIG] quarantine release ID --reason TEXT [--officer NAME]"
	    " [--resume] [--json]\n"
	    "       sealctl [-c CONFIG] quarantine refuse ID --reason TEXT [--officer NAME] [--json]\n"
	    "       sealctl [-c CONFIG] quarantine delete ID [--reason TEXT] [--officer NAME]"
	    " [--json]\n");
}

/* Recipients joined with ", ", each masked. */
static char *
masked_list(const GPtrArray *a)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; a != NULL && i < a->len; i++) {
		char *m = ctl_mask(g_ptr_array_index(a, i));

		g_string_append_printf(s, "%s%s", i > 0 ? ", " : "", m);
		g_free(m);
	}
	return g_string_free(s, FALSE);
}

static GPtrArray *
masked_array(const GPtrArray *a)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; a != NULL && i < a->len; i++)
		g_ptr_array_add(out, ctl_mask(g_ptr_array_index(a, i)));
	return out;
}

static void
held_json(const seal_held *h, GString *out)
{
	GPtrArray *rcpts = masked_array(h->rcpts);
	char iso[48];

	g_string_append_c(out, '{');
	ctl_json_str(out, 1, "id", h->id);
	ctl_json_str(out, 0, "state", seal_held_state_name(h->state));
	ctl_json_int(out, 0, "time", h->time);
	ctl_json_str(out, 0, "date", ctl_time_iso(h->time, iso, sizeof(iso)));
	ctl_json_str(out, 0, "relay", h->relay);
	ctl_json_str(out, 0, "queue_id", h->queue_id);
	ctl_json_masked(out, 0, "message_id", h->message_id);
	ctl_json_masked(out, 0, "auth_user", h->auth_user);
	ctl_json_masked(out, 0, "sender", h->sender);
	ctl_json_strv(out, 0, "recipients", rcpts);
	ctl_json_masked(out, 0, "reason", h->reason);
	ctl_json_masked(out, 0, "findings", h->findings);
	ctl_json_masked(out, 0, "subject", h->subject);
	ctl_json_int(out, 0, "size", h->size);
	if (h->officer != NULL) {
		ctl_json_masked(out, 0, "officer", h->officer);
		ctl_json_masked(out, 0, "officer_reason", h->officer_reason);
	} else {
		ctl_json_str(out, 0, "officer", NULL);
		ctl_json_str(out, 0, "officer_reason", NULL);
	}
	g_string_append_c(out, '}');
	g_ptr_array_free(rcpts, TRUE);
}

/* ------------------------------------------------------------ list */

static void
print_list(const GPtrArray *out, int all_states, int as_json)
{
	static const char *const titles[] = { "ID", "HELD", "SENDER", "RECIPIENTS", "SIZE",
		"REASON", NULL };
	static const char *const titles_all[] = { "ID", "HELD", "STATE", "OFFICER", "SENDER",
		"RECIPIENTS", "SIZE", "REASON", NULL };
	GString *json;
	ctl_table *t;

	if (as_json) {
		json = g_string_new("[");
		for (guint i = 0; i < out->len; i++) {
			if (i > 0)
				g_string_append(json, ",\n ");
			held_json(g_ptr_array_index(out, i), json);
		}
		printf("%s]\n", json->str);
		g_string_free(json, TRUE);
		return;
	}
	t = ctl_table_new(all_states ? titles_all : titles);
	for (guint i = 0; i < out->len; i++) {
		const seal_held *h = g_ptr_array_index(out, i);
		char when[32], *size = g_format_size((guint64)MAX(h->size, 0));
		char *sender = ctl_mask(h->sender[0] != '\0' ? h->sender : "<>");
		char *rcpts = masked_list(h->rcpts), *reason = ctl_mask(h->reason);
		char *officer = ctl_mask(h->officer != NULL ? h->officer : "-");

		ctl_time_text(h->time, when, sizeof(when));
		if (all_states)
			ctl_table_add(t, (const char *const[]){ h->id, when,
			    seal_held_state_name(h->state), officer, sender, rcpts, size, reason });
		else
			ctl_table_add(t, (const char *const[]){ h->id, when, sender, rcpts, size,
			    reason });
		g_free(officer);
		g_free(reason);
		g_free(rcpts);
		g_free(sender);
		g_free(size);
	}
	ctl_table_print(t, stdout);
	if (out->len == 0)
		printf("(no %smessages)\n", all_states ? "" : "held ");
}

static int
cmd_list(const seal_config *cfg, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "sender", required_argument, NULL, 's' },
		{ "recipient", required_argument, NULL, 'r' },
		{ "since", required_argument, NULL, 'S' },
		{ "until", required_argument, NULL, 'U' },
		{ "reason", required_argument, NULL, 'R' },
		{ "all", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	seal_held_query q;
	int c, as_json = 0, rc = 0;
	GPtrArray *out;
	seal_store *s;
	seal_err err;

	memset(&q, 0, sizeof(q));
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's': q.sender = optarg; break;
		case 'r': q.recipient = optarg; break;
		case 'R': q.reason = optarg; break;
		case 'a': q.all_states = 1; break;
		case 'j': as_json = 1; break;
		case 'S':
			if ((q.from = ctl_parse_day("--since", optarg, 0)) < 0)
				return EX_USAGE;
			break;
		case 'U':
			if ((q.to = ctl_parse_day("--until", optarg, 1)) < 0)
				return EX_USAGE;
			break;
		default: usage_quarantine(stderr); return EX_USAGE;
		}
	}
	if (optind != argc) {
		usage_quarantine(stderr);
		return EX_USAGE;
	}
	if ((s = ctl_store_open(cfg, &rc)) == NULL)
		return rc;
	out = g_ptr_array_new_with_free_func((GDestroyNotify)seal_held_free);
	seal_err_clear(&err);
	if (seal_store_held_list(s, &q, out, &err) != SEAL_OK) {
		ctl_error("cannot list held messages: %s", err.msg);
		rc = ctl_store_exit(&err, EX_USAGE);
	} else {
		print_list(out, q.all_states, as_json);
	}
	g_ptr_array_free(out, TRUE);
	seal_store_close(s);
	return rc;
}

/* ------------------------------------------------------------ show */

typedef struct mime_walk {
	GString *text;            /* human form, or NULL */
	GString *json;            /* JSON array body, or NULL */
	unsigned parts;
} mime_walk;

/* One line (or JSON object) per part: type, disposition, file name. */
static void
show_part(GMimeObject *obj, const char *path, unsigned depth, void *data)
{
	mime_walk *w = data;
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	char *ctype = ct != NULL ? g_mime_content_type_get_mime_type(ct) : NULL;
	const char *d = g_mime_object_get_disposition(obj);
	const char *fname = GMIME_IS_PART(obj) ? g_mime_part_get_filename(GMIME_PART(obj)) : NULL;
	/* All three are the sender's text: masked like everything else shown. */
	char *type = ctl_mask(ctype != NULL ? ctype : "text/plain");
	char *disp = d != NULL ? ctl_mask(d) : NULL;
	char *name = fname != NULL ? ctl_mask(fname) : NULL;

	g_free(ctype);
	w->parts++;
	if (w->text != NULL) {
		g_string_append_printf(w->text, "  %-8s %*s%s", path, (int)depth * 2, "", type);
		if (disp != NULL)
			g_string_append_printf(w->text, " (%s)", disp);
		if (name != NULL)
			g_string_append_printf(w->text, " \"%s\"", name);
		g_string_append_c(w->text, '\n');
	}
	if (w->json != NULL) {
		g_string_append_printf(w->json, "%s{", w->parts > 1 ? ", " : "");
		ctl_json_str(w->json, 1, "part", path);
		ctl_json_str(w->json, 0, "content_type", type);
		ctl_json_str(w->json, 0, "disposition", disp);
		ctl_json_str(w->json, 0, "filename", name);
		g_string_append_c(w->json, '}');
	}
	g_free(type);
	g_free(disp);
	g_free(name);
}

/* The shown header fields, decoded and masked, in the order they appear. */
static void
header_fields(GMimeMessage *m, GString *text, GString *json)
{
	GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(m));
	int n = g_mime_header_list_get_count(list), shown = 0;

	for (int i = 0; i < n; i++) {
		GMimeHeader *hdr = g_mime_header_list_get_header_at(list, i);
		const char *name = g_mime_header_get_name(hdr);
		const char *raw = g_mime_header_get_raw_value(hdr);
		char *decoded, *unfolded, *masked;
		seal_date today;
		guint k;

		for (k = 0; shown_fields[k] != NULL; k++)
			if (g_ascii_strcasecmp(name, shown_fields[k]) == 0)
				break;
		if (shown_fields[k] == NULL || raw == NULL)
			continue;
		unfolded = g_mime_utils_header_unfold(raw);
		decoded = g_mime_utils_header_decode_text(NULL, g_strstrip(unfolded));
		seal_date_today(&today);
		masked = seal_mask_text(decoded, strlen(decoded), &today);
		if (text != NULL)
			g_string_append_printf(text, "  %s: %s\n", shown_fields[k], masked);
		if (json != NULL) {
			g_string_append(json, shown++ > 0 ? ", {" : "{");
			ctl_json_str(json, 1, "name", shown_fields[k]);
			ctl_json_str(json, 0, "value", masked);
			g_string_append_c(json, '}');
		}
		memset(decoded, 0, strlen(decoded));
		memset(unfolded, 0, strlen(unfolded));
		g_free(masked);
		g_free(decoded);
		g_free(unfolded);
	}
}

/* Header fields and MIME structure of the stored message into text or json. */
static int
describe_message(const GString *msg, GString *text, GString *json)
{
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(msg->str, msg->len);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	GMimeParserOptions *opts = g_mime_parser_options_new();
	GMimeMessage *m = g_mime_parser_construct_message(parser, opts);
	GMimeObject *body = m != NULL ? g_mime_message_get_mime_part(m) : NULL;
	mime_walk w = { text, NULL, 0 };
	int cut = 0;

	g_mime_parser_options_free(opts);
	g_object_unref(parser);
	g_object_unref(stream);
	if (m == NULL)
		return 0;
	if (text != NULL)
		g_string_append(text, "Header fields:\n");
	if (json != NULL)
		g_string_append(json, ", \"headers\": [");
	header_fields(m, text, json);
	if (text != NULL)
		g_string_append(text, "MIME structure:\n");
	if (json != NULL) {
		g_string_append(json, "], \"mime\": [");
		w.json = json;
	}
	if (body != NULL)
		cut = seal_mime_walk(body, "1", CTL_MIME_PARTS, CTL_MIME_DEPTH, show_part, &w);
	if (json != NULL)
		g_string_append_printf(json, "], \"mime_truncated\": %s", cut ? "true" : "false");
	if (text != NULL && cut)
		g_string_append_printf(text, "  (more than %d parts or %d levels: not all shown)\n",
		    CTL_MIME_PARTS, CTL_MIME_DEPTH);
	g_object_unref(m);
	return 1;
}

static void
show_text(const seal_held *h, const GString *msg)
{
	GString *t = g_string_new(NULL);
	char when[32], *v;

	g_string_append_printf(t, "ID:          %s\nState:       %s\n", h->id,
	    seal_held_state_name(h->state));
	g_string_append_printf(t, "Held:        %s on %s\n",
	    ctl_time_text(h->time, when, sizeof(when)), h->relay);
	g_string_append_printf(t, "Queue ID:    %s\n", h->queue_id);
	v = ctl_mask(h->message_id);
	g_string_append_printf(t, "Message-ID:  %s\n", v);
	g_free(v);
	v = ctl_mask(h->auth_user[0] != '\0' ? h->auth_user : "-");
	g_string_append_printf(t, "Auth user:   %s\n", v);
	g_free(v);
	v = ctl_mask(h->sender[0] != '\0' ? h->sender : "<>");
	g_string_append_printf(t, "Sender:      %s\n", v);
	g_free(v);
	v = masked_list(h->rcpts);
	g_string_append_printf(t, "Recipients:  %s\n", v);
	g_free(v);
	v = ctl_mask(h->reason);
	g_string_append_printf(t, "Reason:      %s\n", v);
	g_free(v);
	v = ctl_mask(h->findings);
	g_string_append_printf(t, "Findings:    %s\n", v);
	g_free(v);
	if (h->size < 1000) {
		g_string_append_printf(t, "Size:        %lld bytes\n", (long long)h->size);
	} else {
		v = g_format_size((guint64)h->size);
		g_string_append_printf(t, "Size:        %s (%lld bytes)\n", v, (long long)h->size);
		g_free(v);
	}
	if (h->officer != NULL) {
		char *o = ctl_mask(h->officer), *r = ctl_mask(h->officer_reason);

		g_string_append_printf(t, "Officer:     %s: %s\n", o, r);
		g_free(r);
		g_free(o);
	}
	if (msg->len == 0)
		g_string_append(t, "Content:     removed\n");
	else if (!describe_message(msg, t, NULL))
		g_string_append(t, "Content:     not a parseable message\n");
	fputs(t->str, stdout);
	g_string_free(t, TRUE);
}

/*
 * The stored message, while there is one: after release, refusal or
 * deletion only the metadata stays (the store answers "no longer stored").
 */
static int
read_content(seal_store *s, const seal_held *h, GString *msg)
{
	seal_held *again = NULL;
	seal_err err;

	if (h->state != SEAL_HELD && h->state != SEAL_HELD_RELEASING)
		return 0;
	seal_err_clear(&err);
	if (seal_store_held_get(s, h->id, &again, msg, &err) != SEAL_OK) {
		g_string_truncate(msg, 0);
		if (err.code != SEAL_ERR_USAGE) {
			ctl_error("%s: cannot read the stored message: %s", h->id, err.msg);
			return EX_TEMPFAIL;
		}
	}
	seal_held_free(again);
	return 0;
}

static const struct option show_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 }
};

static int
show_main(const seal_config *cfg, int argc, char **argv)
{
	int c, as_json = 0, rc = 0;
	seal_held *h = NULL;
	GString *msg;
	seal_store *s;
	seal_err err;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", show_options, NULL)) != -1) {
		if (c != 'j') {
			usage_quarantine(stderr);
			return EX_USAGE;
		}
		as_json = 1;
	}
	if (optind + 1 != argc) {
		usage_quarantine(stderr);
		return EX_USAGE;
	}
	if (!ctl_valid_id(argv[optind]))
		return EX_USAGE;
	if ((s = ctl_store_open(cfg, &rc)) == NULL)
		return rc;
	msg = g_string_new(NULL);
	seal_err_clear(&err);
	if (seal_store_held_get(s, argv[optind], &h, NULL, &err) != SEAL_OK) {
		ctl_error("%s: %s", argv[optind], err.code == SEAL_ERR_USAGE
		    ? "no such held message" : err.msg);
		rc = ctl_store_exit(&err, EX_NOINPUT);
	} else if ((rc = read_content(s, h, msg)) != 0) {
		/* error printed */
	} else if (as_json) {
		GString *json = g_string_new("{\"held\": ");

		held_json(h, json);
		ctl_json_int(json, 0, "content_bytes", (int64_t)msg->len);
		if (msg->len > 0)
			describe_message(msg, NULL, json);
		printf("%s}\n", json->str);
		g_string_free(json, TRUE);
	} else {
		show_text(h, msg);
	}
	/* The stored message is the one thing here that holds numbers in clear. */
	memset(msg->str, 0, msg->len);
	g_string_free(msg, TRUE);
	seal_held_free(h);
	seal_store_close(s);
	return rc;
}

static int
cmd_show(const seal_config *cfg, int argc, char **argv)
{
	int n, rc;
	char **args = ctl_ids_last(argc, argv, show_options, &n);

	rc = show_main(cfg, n, args);
	g_free(args);
	return rc;
}

int
ctl_quarantine(const seal_config *cfg, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";

	if (strcmp(sub, "list") == 0)
		return cmd_list(cfg, argc - 1, argv + 1);
	if (strcmp(sub, "show") == 0)
		return cmd_show(cfg, argc - 1, argv + 1);
	if (strcmp(sub, "release") == 0 || strcmp(sub, "refuse") == 0
	    || strcmp(sub, "delete") == 0)
		return ctl_officer_action(cfg, argc - 1, argv + 1);
	if (sub[0] != '\0')
		ctl_error_value("quarantine", sub, "is not a command");
	usage_quarantine(stderr);
	return EX_USAGE;
}
