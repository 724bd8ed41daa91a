/*
 * test_plan.c - per-recipient decisions (action chain, force tags,
 * partial_refuse, already encrypted mail), the copies built from them
 * (plan.h) and the copy marker (marker.h).
 *
 * S/MIME cases use a certificate made here with OpenSSL (self-signed, so
 * it is its own trust anchor) and check the copies by decrypting them with
 * CMS_decrypt; the end-to-end test (tests/integration/t-encrypt.sh) does
 * the same through Postfix with openssl cms, gpgsm and gpg.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <openssl/cms.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "check_main.h"
#include "config_check.h"
#include "keys.h"
#include "marker.h"
#include "plan.h"
#include "report.h"
#include "rewrite.h"
#include "scan.h"

static const seal_date scan_date = { 2026, 6, 1 };

#define CPR_MAIL \
	"From: Sagsbehandler <sb@kommune.example>\r\n" \
	"To: someone@citizen.example\r\n" \
	"Subject: Your case\r\n" \
	"Message-ID: <plan-1@kommune.example>\r\n" \
	"Content-Type: text/plain; charset=utf-8\r\n" \
	"\r\n" \
	"Regarding CPR 170583-1889, one more document is needed.\r\n"

#define CLEAN_MAIL(subject) \
	"From: Sagsbehandler <sb@kommune.example>\r\n" \
	"To: someone@citizen.example\r\n" \
	"Subject: " subject "\r\n" \
	"Message-ID: <plan-2@kommune.example>\r\n" \
	"\r\n" \
	"Your appointment is on Monday.\r\n"

static seal_config *
test_config(void)
{
	seal_config *cfg = seal_config_new_defaults();
	seal_err err;

	ck_assert_ptr_nonnull(cfg);
	ck_assert_int_eq(seal_domain_list_add(cfg->internal_domains, "kommune.example", &err),
	    SEAL_OK);
	ck_assert_int_eq(seal_domain_list_add(cfg->trusted_domains, "partner.example", &err),
	    SEAL_OK);
	cfg->language = SEAL_LANG_EN;
	return cfg;
}

static seal_decision *
scan_msg(const seal_config *cfg, const char *msg, size_t len, const char *sender,
	const char *const *rcpts)
{
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(msg, len);
	seal_envelope env;
	seal_decision *d = NULL;
	seal_err err;

	memset(&env, 0, sizeof(env));
	env.sender = sender;
	env.rcpts = rcpts;
	while (rcpts[env.nrcpts] != NULL)
		env.nrcpts++;
	seal_err_clear(&err);
	ck_assert_msg(seal_scan(cfg, stream, &env, &scan_date, &d, &err) == SEAL_OK,
	    "scan failed: %s", err.msg);
	g_object_unref(stream);
	return d;
}

static void
assert_no_number(const char *text, size_t len, const char *what)
{
	ck_assert_msg(g_strstr_len(text, (gssize)len, "170583-1889") == NULL
	    && g_strstr_len(text, (gssize)len, "1705831889") == NULL,
	    "%s holds the number in cleartext", what);
}

/* ---------------------------------------------------------------- decisions */

START_TEST(no_key_refuses_whole_message)
{
	seal_config *cfg = test_config();
	const char *rcpts[] = { "boss@kommune.example", "someone@citizen.example", NULL };
	seal_decision *d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);

	ck_assert_str_eq(seal_action_name(d->action), "refuse");
	ck_assert_int_eq(d->rcpts[0].causes_refusal, 0);
	ck_assert_int_eq(d->rcpts[1].causes_refusal, 1);
	ck_assert_str_eq(d->rcpts[1].reason, "no usable certificate or key");
	ck_assert_ptr_nonnull(strstr(d->reply_text, "someone@citizen.example"));
	ck_assert_ptr_nonnull(strstr(d->reply_text, "no key to encrypt to"));
	seal_decision_free(d);
	seal_config_unref(cfg);
}
END_TEST

START_TEST(partial_notify_splits)
{
	seal_config *cfg = test_config();
	const char *rcpts[] = { "boss@kommune.example", "someone@citizen.example", NULL };
	seal_decision *d;
	seal_plan *p = NULL;
	seal_err err;

	cfg->partial_refuse = SEAL_PARTIAL_NOTIFY;
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "split");
	ck_assert_str_eq(seal_action_name(d->rcpts[0].action), "accept");
	ck_assert_str_eq(seal_action_name(d->rcpts[1].action), "refuse");
	ck_assert_ptr_null(d->reply_text);
	ck_assert_ptr_nonnull(d->notice_text);
	ck_assert_ptr_nonnull(strstr(d->notice_text, "someone@citizen.example"));
	ck_assert_ptr_nonnull(strstr(d->notice_text, "170583-XXXX"));
	assert_no_number(d->notice_text, strlen(d->notice_text), "notice text");

	seal_err_clear(&err);
	ck_assert_int_eq(seal_plan_build(cfg, d, "sb@kommune.example", CPR_MAIL, strlen(CPR_MAIL),
	    time(NULL), &p, &err), SEAL_OK);
	ck_assert_uint_eq(p->copies->len, 2);
	{
		const seal_plan_copy *orig = g_ptr_array_index(p->copies, 0);
		const seal_plan_copy *notice = g_ptr_array_index(p->copies, 1);

		ck_assert_int_eq(orig->in_place, 1);
		ck_assert_uint_eq(orig->rcpts->len, 1);
		ck_assert_str_eq(g_ptr_array_index(orig->rcpts, 0), "boss@kommune.example");
		/* The original leaves untouched: no edits, no new body. */
		ck_assert_uint_eq(p->edits->len, 0);
		ck_assert_ptr_null(p->body);
		ck_assert_int_eq(notice->notice, 1);
		ck_assert_str_eq(notice->sender, "");
		ck_assert_str_eq(g_ptr_array_index(notice->rcpts, 0), "sb@kommune.example");
		ck_assert_ptr_nonnull(strstr(notice->message->str,
		    "Final-Recipient: rfc822; someone@citizen.example"));
		ck_assert_ptr_nonnull(strstr(notice->message->str,
		    "multipart/report; report-type=delivery-status"));
		ck_assert(g_str_has_prefix(notice->message->str, SEAL_MARKER_FIELD ": v2; t="));
		assert_no_number(notice->message->str, notice->message->len, "notice");
	}
	ck_assert_uint_eq(p->remove->len, 1);
	ck_assert_str_eq(g_ptr_array_index(p->remove, 0), "someone@citizen.example");
	ck_assert_int_eq(p->changes, 1);
	seal_plan_free(p);
	seal_decision_free(d);
	seal_config_unref(cfg);
}
END_TEST

/*
 * Detached (used when removing a recipient cannot be verified, e.g. a
 * sendmail(1) submission through Postfix): the cleartext group leaves as a
 * reinjected copy with the marker, nobody stays in the original, which the
 * caller discards.
 */
START_TEST(detached_split_sends_everything_as_copies)
{
	seal_config *cfg = test_config();
	const char *rcpts[] = { "boss@kommune.example", "someone@citizen.example", NULL };
	seal_decision *d;
	seal_plan *p = NULL;
	seal_err err;

	cfg->partial_refuse = SEAL_PARTIAL_NOTIFY;
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "split");
	seal_err_clear(&err);
	ck_assert_int_eq(seal_plan_build_detached(cfg, d, "sb@kommune.example", CPR_MAIL,
	    strlen(CPR_MAIL), time(NULL), &p, &err), SEAL_OK);
	ck_assert_int_eq(p->discard, 1);
	ck_assert_ptr_null(p->body);
	ck_assert_uint_eq(p->copies->len, 2);
	{
		seal_plan_copy *c = g_ptr_array_index(p->copies, 0);

		ck_assert_int_eq(c->in_place, 0);
		ck_assert_int_eq(c->notice, 0);
		ck_assert_uint_eq(c->rcpts->len, 1);
		ck_assert_str_eq(g_ptr_array_index(c->rcpts, 0), "boss@kommune.example");
		ck_assert_int_eq(seal_plan_render(p, 0, &err), SEAL_OK);
		ck_assert(g_str_has_prefix(c->message->str, SEAL_MARKER_FIELD ": v2; t="));
		ck_assert_ptr_nonnull(strstr(c->message->str, "Subject: "));
		seal_plan_release(p, 0);
	}
	seal_plan_free(p);
	seal_decision_free(d);
	seal_config_unref(cfg);
}
END_TEST

/* Nobody to notify: a null sender gets the whole message refused. */
START_TEST(partial_notify_null_sender_refuses)
{
	seal_config *cfg = test_config();
	const char *rcpts[] = { "boss@kommune.example", "someone@citizen.example", NULL };
	seal_decision *d;

	cfg->partial_refuse = SEAL_PARTIAL_NOTIFY;
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "refuse");
	seal_decision_free(d);
	seal_config_unref(cfg);
}
END_TEST

static const struct tag_case {
	const char *subject;          /* raw Subject value */
	const char *rcpt;
	const char *want_action;
	const char *want_tag;         /* NULL: no tag found */
	const char *want_subject;     /* decoded Subject after removal */
} tag_cases[] = {
	{ "[sikker] Your appointment", "partner@partner.example", "accept", "[sikker]",
	  "Your appointment" },
	{ "Re: [SECURE] meeting", "boss@kommune.example", "accept", "[secure]", "Re: meeting" },
	{ "[encrypt] Your appointment", "someone@citizen.example", "refuse", "[encrypt]", NULL },
	{ "=?utf-8?q?=5Bkrypter=5D_M=C3=B8de?=", "partner@partner.example", "accept",
	  "[krypter]", "M\xc3\xb8" "de" },
	{ "Your appointment", "someone@citizen.example", "accept", NULL, NULL },
	{ "krypter mig", "partner@partner.example", "accept", NULL, NULL },
};

START_TEST(force_tags)
{
	const struct tag_case *c = &tag_cases[_i];
	seal_config *cfg = test_config();
	const char *rcpts[] = { c->rcpt, NULL };
	char *msg = g_strdup_printf("From: sb@kommune.example\r\nSubject: %s\r\n"
	    "Message-ID: <t@kommune.example>\r\n\r\nHello.\r\n", c->subject);
	seal_decision *d = scan_msg(cfg, msg, strlen(msg), "sb@kommune.example", rcpts);
	seal_plan *p = NULL;
	seal_err err;

	ck_assert_msg(strcmp(seal_action_name(d->action), c->want_action) == 0,
	    "%s: got %s, want %s", c->subject, seal_action_name(d->action), c->want_action);
	ck_assert_str_eq(d->forced_tag != NULL ? d->forced_tag : "(none)",
	    c->want_tag != NULL ? c->want_tag : "(none)");
	if (c->want_subject != NULL) {
		const seal_header_edit *e;
		char *decoded;

		seal_err_clear(&err);
		ck_assert_int_eq(seal_plan_build(cfg, d, "sb@kommune.example", msg, strlen(msg),
		    time(NULL), &p, &err), SEAL_OK);
		ck_assert_uint_eq(p->edits->len, 1);
		e = g_ptr_array_index(p->edits, 0);
		ck_assert_str_eq(e->name, "Subject");
		ck_assert_uint_eq(e->index, 1);
		decoded = g_mime_utils_header_decode_text(NULL, e->value);
		g_strstrip(decoded);
		ck_assert_str_eq(decoded, c->want_subject);
		g_free(decoded);
		ck_assert_int_eq(p->changes, 1);
		/* The copy as delivered has the same Subject. */
		ck_assert_ptr_null(strstr(((seal_plan_copy *)g_ptr_array_index(p->copies, 0))
		    ->message->str, c->want_tag));
		seal_plan_free(p);
	}
	seal_decision_free(d);
	g_free(msg);
	seal_config_unref(cfg);
}
END_TEST

/* The secure mailbox gets cleartext: an untrusted one is never used, nor accepted by -n. */
START_TEST(divert_only_to_internal_or_trusted)
{
	seal_config *cfg = test_config();
	const char *rcpts[] = { "someone@citizen.example", NULL };
	seal_decision *d;
	seal_err err;

	g_strfreev(cfg->action_chain);
	cfg->action_chain = g_strsplit("divert,refuse", ",", -1);
	g_free(cfg->store);
	cfg->store = g_strdup("");
	g_strfreev(cfg->divert_to);
	cfg->divert_to = g_strsplit("postkasse@mailbox.example", ",", -1);
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "refuse");
	seal_decision_free(d);
	seal_err_clear(&err);
	ck_assert_int_eq(seal_config_check(cfg, &err), SEAL_ERR_CONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "divert_to: postkasse@mailbox.example"));

	g_strfreev(cfg->divert_to);
	cfg->divert_to = g_strsplit("citizen.example=sikker@kommune.example", ",", -1);
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "divert");
	ck_assert_str_eq(d->rcpts[0].divert_to, "sikker@kommune.example");
	seal_decision_free(d);
	seal_err_clear(&err);
	ck_assert_msg(seal_config_check(cfg, &err) == SEAL_OK, "check: %s", err.msg);
	seal_config_unref(cfg);
}
END_TEST

START_TEST(unscannable_follows_unscannable_action)
{
	seal_config *cfg = test_config();
	const char *rcpts[] = { "someone@citizen.example", NULL };
	const char *msg = CLEAN_MAIL("Big");
	seal_decision *d;

	cfg->max_scan_size = 16;
	cfg->unscannable_action = SEAL_UNSCANNABLE_TEMPFAIL;
	d = scan_msg(cfg, msg, strlen(msg), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "tempfail");
	ck_assert_ptr_nonnull(d->reply_text);
	seal_decision_free(d);
	cfg->unscannable_action = SEAL_UNSCANNABLE_REFUSE;
	d = scan_msg(cfg, msg, strlen(msg), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "refuse");
	seal_decision_free(d);
	seal_config_unref(cfg);
}
END_TEST

/* The corpus message the client encrypted with S/MIME: left as it is. */
START_TEST(already_encrypted_is_left_alone)
{
	seal_config *cfg = test_config();
	const char *rcpts[] = { "someone@citizen.example", NULL };
	char *path = g_build_filename(getenv("top_srcdir"), "tests", "corpus",
	    "smime-enveloped.eml", NULL);
	char *msg = NULL;
	gsize len = 0;
	seal_decision *d;

	ck_assert_msg(g_file_get_contents(path, &msg, &len, NULL), "cannot read %s", path);
	d = scan_msg(cfg, msg, len, "sb@kommune.example", rcpts);
	ck_assert_int_eq(d->already_encrypted, 1);
	ck_assert_str_eq(seal_action_name(d->action), "accept");
	ck_assert_str_eq(d->rcpts[0].reason, "encrypted by the sender");
	seal_decision_free(d);
	g_free(msg);
	g_free(path);
	seal_config_unref(cfg);
}
END_TEST

/* ---------------------------------------------------------------- S/MIME */

typedef struct test_pki {
	char *dir;
	EVP_PKEY *key;
	X509 *cert;
} test_pki;

static void
add_ext(X509 *x, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;

	X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(X509_add_ext(x, e, -1), 1);
	X509_EXTENSION_free(e);
}

/*
 * A self-signed EC certificate for the addresses (comma-separated), in
 * DIR/certs/ and as DIR/ca.pem.
 */
static void
pki_make(test_pki *t, const char *addresses)
{
	char **list = g_strsplit(addresses, ",", -1);
	char *joined, *san, *p;
	X509_NAME *n;
	FILE *f;

	for (size_t i = 0; list[i] != NULL; i++) {
		p = list[i];
		list[i] = g_strconcat("email:", p, NULL);
		g_free(p);
	}
	joined = g_strjoinv(",", list);
	san = joined;
	g_strfreev(list);
	t->dir = g_dir_make_tmp("seal-plan-XXXXXX", NULL);
	ck_assert_ptr_nonnull(t->dir);
	t->key = EVP_EC_gen("P-256");
	ck_assert_ptr_nonnull(t->key);
	t->cert = X509_new();
	X509_set_version(t->cert, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(t->cert), 4711);
	X509_gmtime_adj(X509_getm_notBefore(t->cert), -3600);
	X509_gmtime_adj(X509_getm_notAfter(t->cert), 3600L * 24 * 365);
	X509_set_pubkey(t->cert, t->key);
	n = X509_get_subject_name(t->cert);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)"Bob", -1, -1, 0);
	X509_set_issuer_name(t->cert, n);
	add_ext(t->cert, NID_basic_constraints, "critical,CA:TRUE");
	add_ext(t->cert, NID_key_usage, "critical,keyAgreement,keyCertSign,digitalSignature");
	add_ext(t->cert, NID_ext_key_usage, "emailProtection");
	add_ext(t->cert, NID_subject_alt_name, san);
	add_ext(t->cert, NID_subject_key_identifier, "hash");
	ck_assert_int_gt(X509_sign(t->cert, t->key, EVP_sha256()), 0);
	p = g_build_filename(t->dir, "certs", NULL);
	ck_assert_int_eq(g_mkdir(p, 0700), 0);
	g_free(p);
	p = g_build_filename(t->dir, "certs", "bob.pem", NULL);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	PEM_write_X509(f, t->cert);
	fclose(f);
	g_free(p);
	p = g_build_filename(t->dir, "ca.pem", NULL);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	PEM_write_X509(f, t->cert);
	fclose(f);
	g_free(p);
	g_free(san);
}

static void
pki_free(test_pki *t)
{
	char *p;

	p = g_build_filename(t->dir, "certs", "bob.pem", NULL);
	g_unlink(p);
	g_free(p);
	p = g_build_filename(t->dir, "certs", NULL);
	g_rmdir(p);
	g_free(p);
	p = g_build_filename(t->dir, "ca.pem", NULL);
	g_unlink(p);
	g_free(p);
	g_rmdir(t->dir);
	g_free(t->dir);
	X509_free(t->cert);
	EVP_PKEY_free(t->key);
}

static seal_config *
smime_config(test_pki *t)
{
	seal_config *cfg = test_config();
	seal_err err;

	g_free(cfg->smime_cert_dir);
	g_free(cfg->smime_ca_file);
	cfg->smime_cert_dir = g_build_filename(t->dir, "certs", NULL);
	cfg->smime_ca_file = g_build_filename(t->dir, "ca.pem", NULL);
	seal_err_clear(&err);
	ck_assert_msg(seal_config_load_secrets(cfg, &err) == SEAL_OK, "keys: %s", err.msg);
	return cfg;
}

/* The entity inside an S/MIME copy (header, blank line, base64 DER), decrypted. */
static char *
smime_decrypt(const test_pki *t, const char *message)
{
	const char *b64 = strstr(message, "\r\n\r\n");
	BIO *in, *out;
	CMS_ContentInfo *cms;
	char *der64, *text;
	guchar *der;
	gsize dlen;
	long n;

	ck_assert_ptr_nonnull(b64);
	der64 = g_strdup(b64 + 4);
	der = g_base64_decode(der64, &dlen);
	in = BIO_new_mem_buf(der, (int)dlen);
	cms = d2i_CMS_bio(in, NULL);
	ck_assert_ptr_nonnull(cms);
	out = BIO_new(BIO_s_mem());
	ck_assert_int_eq(CMS_decrypt(cms, t->key, t->cert, NULL, out, 0), 1);
	n = BIO_get_mem_data(out, &text);
	text = g_strndup(text, (gsize)n);
	BIO_free(out);
	BIO_free(in);
	CMS_ContentInfo_free(cms);
	g_free(der);
	g_free(der64);
	return text;
}

START_TEST(smime_in_place)
{
	test_pki t;
	seal_config *cfg;
	const char *rcpts[] = { "bob@citizen.example", NULL };
	seal_decision *d;
	seal_plan *p = NULL;
	seal_err err;
	const seal_plan_copy *c;
	char *inner;
	int saw_ct = 0;

	pki_make(&t, "bob@citizen.example");
	cfg = smime_config(&t);
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "encrypt-smime");
	ck_assert_uint_eq(strlen(d->rcpts[0].key), 64);
	seal_err_clear(&err);
	ck_assert_msg(seal_plan_build(cfg, d, "sb@kommune.example", CPR_MAIL, strlen(CPR_MAIL),
	    time(NULL), &p, &err) == SEAL_OK, "plan: %s", err.msg);
	ck_assert_uint_eq(p->copies->len, 1);
	c = g_ptr_array_index(p->copies, 0);
	ck_assert_int_eq(c->in_place, 1);
	ck_assert_uint_eq(p->remove->len, 0);
	ck_assert_ptr_nonnull(p->body);
	assert_no_number(c->message->str, c->message->len, "S/MIME copy");
	assert_no_number(p->body, p->body_len, "new body");
	for (guint i = 0; i < p->edits->len; i++) {
		const seal_header_edit *e = g_ptr_array_index(p->edits, i);

		if (e->add && g_ascii_strcasecmp(e->name, "Content-Type") == 0)
			saw_ct = strstr(e->value, "application/pkcs7-mime") != NULL;
	}
	ck_assert_msg(saw_ct, "no Content-Type edit to application/pkcs7-mime");
	/* Not protected: the Subject held no finding. */
	ck_assert_ptr_nonnull(strstr(c->message->str, "Subject: Your case\r\n"));
	inner = smime_decrypt(&t, c->message->str);
	ck_assert_ptr_nonnull(strstr(inner, "\r\n\r\nRegarding CPR 170583-1889, one more"));
	ck_assert(g_str_has_prefix(inner, "Content-Type: text/plain; charset=utf-8\r\n"));
	memset(inner, 0, strlen(inner));
	g_free(inner);
	seal_plan_free(p);
	seal_decision_free(d);
	seal_config_unref(cfg);
	pki_free(&t);
}
END_TEST

START_TEST(smime_split_and_subject)
{
	test_pki t;
	seal_config *cfg;
	const char *rcpts[] = { "boss@kommune.example", "bob@citizen.example", NULL };
	const char *msg = "From: sb@kommune.example\r\nSubject: Case 170583-1889\r\n"
	    "Message-ID: <s@kommune.example>\r\n\r\nSee the subject.\r\n";
	seal_decision *d;
	seal_plan *p = NULL;
	seal_err err;
	const seal_plan_copy *keep, *copy;
	char *inner;

	pki_make(&t, "bob@citizen.example");
	cfg = smime_config(&t);
	d = scan_msg(cfg, msg, strlen(msg), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "split");
	ck_assert_int_eq(d->subject_finding, 1);
	seal_err_clear(&err);
	ck_assert_int_eq(seal_plan_build(cfg, d, "sb@kommune.example", msg, strlen(msg),
	    time(NULL), &p, &err), SEAL_OK);
	ck_assert_uint_eq(p->copies->len, 2);
	keep = g_ptr_array_index(p->copies, 0);
	copy = g_ptr_array_index(p->copies, 1);
	ck_assert_str_eq(seal_action_name(keep->action), "accept");
	ck_assert_int_eq(keep->in_place, 1);
	ck_assert_str_eq(seal_action_name(copy->action), "encrypt-smime");
	ck_assert_int_eq(copy->in_place, 0);
	ck_assert_str_eq(g_ptr_array_index(p->remove, 0), "bob@citizen.example");
	/* A reinjected copy is built when it is about to leave. */
	ck_assert_ptr_null(copy->message);
	ck_assert_int_eq(seal_plan_render(p, 1, &err), SEAL_OK);
	ck_assert_ptr_nonnull(copy->message);
	ck_assert_ptr_nonnull(strstr(copy->message->str, "\r\nSubject: Encrypted message\r\n"));
	assert_no_number(copy->message->str, copy->message->len, "S/MIME copy");
	/* Its marker verifies for its recipients and whole message, once, and for nothing else. */
	{
		const char *v = copy->message->str + strlen(SEAL_MARKER_FIELD) + 2;
		char *value = g_strndup(v, strcspn(v, "\r\n"));
		const char *other[] = { "boss@kommune.example" };

		ck_assert_int_eq(seal_marker_accept(value, other, 1, copy->message->str,
		    copy->message->len, time(NULL), 600), 0);
		ck_assert_int_eq(seal_marker_accept(value, (const char *const *)copy->rcpts->pdata,
		    copy->rcpts->len, copy->message->str, copy->message->len, time(NULL), 600), 1);
		ck_assert_int_eq(seal_marker_accept(value, (const char *const *)copy->rcpts->pdata,
		    copy->rcpts->len, copy->message->str, copy->message->len, time(NULL), 600), 0);
		g_free(value);
	}
	inner = smime_decrypt(&t, copy->message->str);
	ck_assert_ptr_nonnull(strstr(inner, "Subject: Case 170583-1889\r\n"));
	ck_assert_ptr_nonnull(strstr(inner, "protected-headers=\"v1\""));
	memset(inner, 0, strlen(inner));
	g_free(inner);
	seal_plan_release(p, 1);
	ck_assert_ptr_null(copy->message);
	seal_plan_free(p);
	seal_decision_free(d);
	seal_config_unref(cfg);
	pki_free(&t);
}
END_TEST

/* Only the start of a message over max_scan_size is kept: never encrypted. */
START_TEST(too_big_is_not_encrypted)
{
	test_pki t;
	seal_config *cfg;
	const char *rcpts[] = { "bob@citizen.example", NULL };
	seal_decision *d;

	pki_make(&t, "bob@citizen.example");
	cfg = smime_config(&t);
	cfg->max_scan_size = 16;
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);
	ck_assert_int_eq(d->too_big, 1);
	ck_assert_str_eq(seal_action_name(d->action), "refuse");
	ck_assert_ptr_nonnull(strstr(d->rcpts[0].reason, "max_scan_size"));
	seal_decision_free(d);
	seal_config_unref(cfg);
	pki_free(&t);
}
END_TEST

/* The chain is the administrator's: "refuse" alone never encrypts. */
/* A Bcc recipient gets a copy of its own: the others' copy does not name it. */
START_TEST(smime_bcc_alone)
{
	test_pki t;
	seal_config *cfg;
	const char *rcpts[] = { "hidden@citizen.example", "someone@citizen.example", NULL };
	seal_decision *d;
	seal_plan *p = NULL;
	seal_err err;

	pki_make(&t, "someone@citizen.example,hidden@citizen.example");
	cfg = smime_config(&t);
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "encrypt-smime");
	seal_err_clear(&err);
	ck_assert_int_eq(seal_plan_build(cfg, d, "sb@kommune.example", CPR_MAIL, strlen(CPR_MAIL),
	    time(NULL), &p, &err), SEAL_OK);
	ck_assert_uint_eq(p->copies->len, 2);
	{
		const seal_plan_copy *a = g_ptr_array_index(p->copies, 0);
		const seal_plan_copy *b = g_ptr_array_index(p->copies, 1);

		/* The one named in To stays in the original; the Bcc copy leaves alone. */
		ck_assert_int_eq(a->in_place, 1);
		ck_assert_uint_eq(a->rcpts->len, 1);
		ck_assert_str_eq(g_ptr_array_index(a->rcpts, 0), "someone@citizen.example");
		ck_assert_int_eq(b->in_place, 0);
		ck_assert_uint_eq(b->rcpts->len, 1);
		ck_assert_str_eq(g_ptr_array_index(b->rcpts, 0), "hidden@citizen.example");
	}
	ck_assert_uint_eq(p->remove->len, 1);
	ck_assert_str_eq(g_ptr_array_index(p->remove, 0), "hidden@citizen.example");
	seal_plan_free(p);
	seal_decision_free(d);
	seal_config_unref(cfg);
	pki_free(&t);
}
END_TEST

START_TEST(chain_order_is_obeyed)
{
	test_pki t;
	seal_config *cfg;
	const char *rcpts[] = { "bob@citizen.example", NULL };
	seal_decision *d;

	pki_make(&t, "bob@citizen.example");
	cfg = smime_config(&t);
	g_strfreev(cfg->action_chain);
	cfg->action_chain = g_strsplit("refuse", ",", -1);
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "refuse");
	seal_decision_free(d);
	g_strfreev(cfg->action_chain);
	cfg->action_chain = g_strsplit("pgp,smime", ",", -1);
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);
	ck_assert_str_eq(seal_action_name(d->action), "encrypt-smime");
	seal_decision_free(d);
	seal_config_unref(cfg);
	pki_free(&t);
}
END_TEST

/* ---------------------------------------------------------------- marker */

/* msg as it comes back: above (trace fields or nothing), the marker, msg. */
static char *
came_back(const char *above, const char *v, const char *msg)
{
	return g_strdup_printf("%s%s: %s\r\n%s", above, SEAL_MARKER_FIELD, v, msg);
}

/* 1 when value accepts for msg as it comes back below above (lifetime 10 min). */
static int
accepts(const char *v, const char *const *r, size_t n, const char *above, const char *msg,
	time_t now)
{
	char *back = came_back(above, v, msg);
	int ok = seal_marker_accept(v, r, n, back, strlen(back), now, 600);

	g_free(back);
	return ok;
}

START_TEST(marker_binds_whole_message_once)
{
	const char *r1[] = { "Bob@Citizen.example", "alice@citizen.example" };
	const char *r2[] = { "alice@citizen.example", "bob@citizen.example" };
	const char *r3[] = { "alice@citizen.example" };
	const char *msg = "From: sb@kommune.example\r\nTo: bob@citizen.example\r\n"
	    "Subject: Case\r\n\r\nline one\r\nline two\r\n";
	/* As Postfix passes it on: its Received on top, LF ends, other folding. */
	const char *mta = "From:  sb@kommune.example\nTo: bob@citizen.example\nSubject:\n Case\n"
	    "\nline one \nline two\n\n";
	const char *trace = "Received: from localhost (localhost [127.0.0.1])\n\tby mx; now\n";
	time_t now = time(NULL);
	char *v = seal_marker_make(r1, 2, msg, strlen(msg), now);
	char *back;

	ck_assert(g_str_has_prefix(v, "v2; t="));
	/* Other recipients, other headers, another body: scanned again. */
	ck_assert_int_eq(accepts(v, r3, 1, "", msg, now), 0);
	ck_assert_int_eq(accepts(v, r2, 2, "", "From: sb@kommune.example\r\nTo: bob@citizen.example"
	    "\r\nSubject: Other\r\n\r\nline one\r\nline two\r\n", now), 0);
	ck_assert_int_eq(accepts(v, r2, 2, "", "From: sb@kommune.example\r\nTo: bob@citizen.example"
	    "\r\nSubject: Case\r\nKeywords: x\r\n\r\nline one\r\nline two\r\n", now), 0);
	ck_assert_int_eq(accepts(v, r2, 2, "", "From: sb@kommune.example\r\nTo: bob@citizen.example"
	    "\r\nSubject: Case\r\n\r\nline  one\r\nline two\r\n", now), 0);
	ck_assert_int_eq(accepts(v, r2, 2, "", "From: sb@kommune.example\r\nTo: bob@citizen.example"
	    "\r\nSubject: Case\r\n\r\nline one\r\nline two\r\nP.S.\r\n", now), 0);
	/* A field above the marker other than the MTA's trace. */
	ck_assert_int_eq(accepts(v, r2, 2, "Subject: Other\r\n", msg, now), 0);
	/* Too old, or no lifetime. */
	ck_assert_int_eq(accepts(v, r2, 2, "", msg, now + 601), 0);
	back = came_back("", v, msg);
	ck_assert_int_eq(seal_marker_accept(v, r2, 2, back, strlen(back), now, 0), 0);
	g_free(back);
	/* What the MTA made of it verifies, once. */
	ck_assert_int_eq(accepts(v, r2, 2, trace, mta, now + 60), 1);
	ck_assert_int_eq(accepts(v, r2, 2, trace, mta, now + 61), 0);
	ck_assert_int_eq(accepts(v, r2, 2, "", msg, now + 62), 0);
	/* Forged or broken values. */
	ck_assert_int_eq(accepts("v1; t=1; h=00", r2, 2, "", msg, now), 0);
	{
		char *forged = g_strdup_printf("v2; t=%lld; h=%064d", (long long)now, 0);

		ck_assert_int_eq(accepts(forged, r2, 2, "", msg, now), 0);
		g_free(forged);
	}
	ck_assert_int_eq(seal_marker_accept("", r2, 2, msg, strlen(msg), now, 600), 0);
	ck_assert_int_eq(seal_marker_accept(NULL, r2, 2, msg, strlen(msg), now, 600), 0);
	g_free(v);
}
END_TEST

START_TEST(marker_off_when_lifetime_zero)
{
	const char *rcpts[] = { "boss@kommune.example", "someone@citizen.example", NULL };
	seal_config *cfg = test_config();
	seal_decision *d;
	seal_plan *p = NULL;
	seal_err err;

	cfg->copy_marker_lifetime = 0;
	cfg->partial_refuse = SEAL_PARTIAL_NOTIFY;
	d = scan_msg(cfg, CPR_MAIL, strlen(CPR_MAIL), "sb@kommune.example", rcpts);
	seal_err_clear(&err);
	ck_assert_int_eq(seal_plan_build(cfg, d, "sb@kommune.example", CPR_MAIL, strlen(CPR_MAIL),
	    time(NULL), &p, &err), SEAL_OK);
	ck_assert_uint_eq(p->copies->len, 2);
	{
		const seal_plan_copy *notice = g_ptr_array_index(p->copies, 1);

		ck_assert_int_eq(notice->notice, 1);
		ck_assert_ptr_null(strstr(notice->message->str, SEAL_MARKER_FIELD));
	}
	seal_plan_free(p);
	seal_decision_free(d);
	seal_config_unref(cfg);
}
END_TEST

/* ---------------------------------------------------------------- configuration */

static const struct chain_conf_case {
	const char *line;
	int ok;
	const char *why;
} chain_conf_cases[] = {
	{ "action_chain = pgp, smime, refuse", 1, NULL },
	{ "action_chain = smime", 1, NULL },
	{ "action_chain = smime, smime", 0, "named twice" },
	{ "action_chain = refuse, smime", 0, "after refuse" },
	{ "action_chain = smime, quarantine", 0, "not one of" },
	{ "action_chain = hold, refuse", 0, "after hold" },
	{ "action_chain = smime, divert, hold", 1, NULL },
	{ "action_chain =", 0, "at least one" },
	{ "force_tags = [x] [y]", 1, NULL },
	{ "reinject_to = 10.0.0.1:25", 0, "loopback" },
	{ "smime_ldap_uri = http://x", 0, "ldap://" },
	{ "partial_refuse = maybe", 0, "not one of" },
	{ "smime_cipher = aes256-gcm", 1, NULL },
};

START_TEST(chain_config)
{
	const struct chain_conf_case *c = &chain_conf_cases[_i];
	char *dir = g_dir_make_tmp("seal-plan-conf-XXXXXX", NULL);
	char *path = g_build_filename(dir, "t.conf", NULL);
	char *text = g_strconcat(c->line, "\n", NULL);
	seal_config *cfg;
	seal_err err;

	ck_assert(g_file_set_contents(path, text, -1, NULL));
	seal_err_clear(&err);
	cfg = seal_config_load(path, &err);
	if (c->ok) {
		ck_assert_msg(cfg != NULL, "%s: got error %s", c->line, err.msg);
	} else {
		ck_assert_msg(cfg == NULL, "%s: accepted", c->line);
		ck_assert_msg(strstr(err.msg, c->why) != NULL, "%s: got \"%s\", want \"%s\"",
		    c->line, err.msg, c->why);
		ck_assert_uint_eq(err.line, 1);
	}
	seal_config_unref(cfg);
	g_unlink(path);
	g_rmdir(dir);
	g_free(text);
	g_free(path);
	g_free(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");

	g_mime_init();
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, no_key_refuses_whole_message);
	tcase_add_test(tc, partial_notify_splits);
	tcase_add_test(tc, detached_split_sends_everything_as_copies);
	tcase_add_test(tc, partial_notify_null_sender_refuses);
	tcase_add_loop_test(tc, force_tags, 0, G_N_ELEMENTS(tag_cases));
	tcase_add_test(tc, divert_only_to_internal_or_trusted);
	tcase_add_test(tc, unscannable_follows_unscannable_action);
	tcase_add_test(tc, already_encrypted_is_left_alone);
	tcase_add_test(tc, smime_in_place);
	tcase_add_test(tc, smime_split_and_subject);
	tcase_add_test(tc, smime_bcc_alone);
	tcase_add_test(tc, too_big_is_not_encrypted);
	tcase_add_test(tc, chain_order_is_obeyed);
	tcase_add_test(tc, marker_binds_whole_message_once);
	tcase_add_test(tc, marker_off_when_lifetime_zero);
	tcase_add_loop_test(tc, chain_config, 0, G_N_ELEMENTS(chain_conf_cases));
	suite_add_tcase(s, tc);
	return seal_check_run(s);
}
